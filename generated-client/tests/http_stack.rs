//! The application's part in the HTTP stack, through the public builder: a
//! proxy with credentials, roots of its own, a client certificate, and what
//! stays the client's whatever the application changes. Every server, the
//! proxy included, is on 127.0.0.1.
//!
//! `support/tls/` holds throwaway certificates for these tests, valid until
//! 2126 and protecting nothing: a server certificate for `127.0.0.1` and a
//! client identity, each self-signed, made with `openssl req -x509 -newkey
//! ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -addext
//! basicConstraints=critical,CA:FALSE` plus the right `subjectAltName` and
//! `extendedKeyUsage`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use beltic_identity::{Client, ConfigError, ErrorKind, RetryPolicy, reqwest};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_live_http_stack_secret_8086";
const PROXY_PASSWORD: &str = "proxy-password-5533";
/// The header that carries `app:PROXY_PASSWORD`, base64-encoded.
const PROXY_AUTHORIZATION: &str = "proxy-authorization: Basic YXBwOnByb3h5LXBhc3N3b3JkLTU1MzM=";
/// The id of the recorded session every server here answers with.
const SESSION: uuid::Uuid = uuid::Uuid::from_u128(0x253d6330_5d63_436a_9590_29683f779502);
const SERVER_CERT: &str = include_str!("support/tls/server.pem");
const SERVER_KEY: &str = include_str!("support/tls/server.key");
const CLIENT_CERT: &str = include_str!("support/tls/client.pem");
const CLIENT_IDENTITY: &str = include_str!("support/tls/client-identity.pem");

/// A recorded session document, as the text of a response body.
fn session_body() -> String {
    let recording: Value =
        serde_json::from_str(include_str!("recordings/completed-person-session.json")).unwrap();
    recording["response"]["body"].to_string()
}

/// The API on loopback: answers the session, and only to the right key.
async fn api() -> MockServer {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/identity/sessions/{SESSION}")))
        .and(header("x-api-key", KEY))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_string(session_body()),
        )
        .mount(&api)
        .await;
    api
}

/// A forward proxy for plain http on loopback that asks for the basic
/// credentials `app:PROXY_PASSWORD`: it forwards each request it accepts to
/// the origin its request line names, answers `407` to any other, and keeps
/// the head of every request it received.
struct Proxy {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    fn start(connections: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let kept = heads.clone();
        thread::spawn(move || {
            for client in listener.incoming().take(connections) {
                let Ok(client) = client else { continue };
                let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
                let head = read_head(&mut BufReader::new(&client));
                kept.lock().unwrap().push(head.clone());
                forward(&head, client);
            }
        });
        Proxy { url, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

/// The request line and headers, without the blank line; 64 KiB at most.
fn read_head(reader: &mut impl BufRead) -> String {
    let mut head = String::new();
    let mut line = String::new();
    while head.len() < 64 * 1024 {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    head
}

/// What the proxy does with one request: `GET http://host:port/path
/// HTTP/1.1` goes to `host:port` as `GET /path`, without the proxy's own
/// header, and the answer comes back byte for byte.
fn forward(head: &str, mut client: TcpStream) {
    let authorized = head
        .lines()
        .any(|line| line.eq_ignore_ascii_case(PROXY_AUTHORIZATION));
    if !authorized {
        let _ = client.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic\r\n\
              content-length: 0\r\nconnection: close\r\n\r\n",
        );
        return;
    }
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap(), parts.next().unwrap());
    let rest = target
        .strip_prefix("http://")
        .expect("absolute-form target");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut origin = TcpStream::connect(authority).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\n");
    for line in lines.filter(|line| {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        name != "proxy-authorization" && name != "connection"
    }) {
        request.push_str(line);
        request.push_str("\r\n");
    }
    request.push_str("connection: close\r\n\r\n");
    origin.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = origin.read_to_end(&mut answer);
    let _ = client.write_all(&answer);
}

/// A client of `base_url` that sends once, so that a refusal shows at once.
fn builder(base_url: &str) -> beltic_identity::ClientBuilder {
    Client::builder()
        .api_key(KEY)
        .base_url(base_url)
        .retry_policy(RetryPolicy::never())
}

#[tokio::test]
async fn requests_go_through_a_proxy_with_credentials() {
    let api = api().await;
    let proxy_server = Proxy::start(1);
    // `reqwest` is the crate's own, re-exported.
    let proxy = reqwest::Proxy::http(&proxy_server.url)
        .unwrap()
        .basic_auth("app", PROXY_PASSWORD);
    let client = Client::builder()
        .api_key(KEY)
        .base_url(api.uri())
        .configure_http(move |http| http.proxy(proxy.clone()))
        .build()
        .unwrap();

    let session = client.get_session(&SESSION).await.unwrap();
    assert_eq!(session.data.id, SESSION);

    let heads = proxy_server.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let request_line = heads[0].lines().next().unwrap();
    assert_eq!(
        request_line,
        format!("GET {}/v1/identity/sessions/{SESSION} HTTP/1.1", api.uri()),
        "the proxy was asked for the API's URL"
    );
    // The API got the key, and not the proxy's credentials.
    let received = api.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert!(!received[0].headers.contains_key("proxy-authorization"));
    // Nothing the client prints shows the proxy's password or the key.
    let printed = format!("{client:?}");
    assert!(!printed.contains(PROXY_PASSWORD), "{printed}");
    assert!(!printed.contains(KEY), "{printed}");
}

#[tokio::test]
async fn a_proxy_that_refuses_the_credentials_is_an_error_with_its_status() {
    let api = api().await;
    let proxy = Proxy::start(1);
    let proxy_url = proxy.url.clone();
    let client = builder(&api.uri())
        .configure_http(move |http| http.proxy(reqwest::Proxy::http(&proxy_url).unwrap()))
        .build()
        .unwrap();

    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Status(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(407));
    assert!(api.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_applications_changes_cannot_lift_the_clients_own_rules() {
    let api = api().await;
    let client = builder(&api.uri())
        .timeout(Duration::from_secs(5))
        // Each of these would weaken the client; the builder's own settings
        // are applied after them and win.
        .configure_http(|http| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert("x-api-key", "sk_live_someone_else".parse().unwrap());
            http.default_headers(headers)
                .redirect(reqwest::redirect::Policy::limited(10))
                .timeout(Duration::from_secs(3600))
        })
        .build()
        .unwrap();
    // The API answers only the builder's key.
    client.get_session(&SESSION).await.unwrap();
}

/// A TLS server on 127.0.0.1 with the test server certificate, which asks
/// for a client certificate signed by `client_roots` when there are any. It
/// answers one request with a session, and hands back whether the
/// handshake and the exchange went through.
fn tls_server(client_roots: Option<&str>) -> (SocketAddr, thread::JoinHandle<Result<(), String>>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let chain = vec![CertificateDer::from_pem_slice(SERVER_CERT.as_bytes()).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap();
    let config = match client_roots {
        Some(pem) => {
            let mut roots = rustls::RootCertStore::empty();
            roots
                .add(CertificateDer::from_pem_slice(pem.as_bytes()).unwrap())
                .unwrap();
            let verifier =
                rustls::server::WebPkiClientVerifier::builder_with_provider(roots.into(), provider)
                    .build()
                    .unwrap();
            config.with_client_cert_verifier(verifier)
        }
        None => config.with_no_client_auth(),
    }
    .with_single_cert(chain, key)
    .unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (mut socket, _) = listener.accept().map_err(|e| e.to_string())?;
        // Bounded: a client that stops talking fails the test instead of hanging it.
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        let mut connection =
            rustls::ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
        // The handshake first, so that its failure is what the test sees.
        while connection.is_handshaking() {
            connection
                .complete_io(&mut socket)
                .map_err(|e| e.to_string())?;
        }
        let mut stream = BufReader::new(rustls::StreamOwned::new(connection, socket));
        let head = read_head(&mut stream);
        if head.is_empty() {
            return Err("no request came through".to_owned());
        }
        let body = session_body();
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        );
        let stream = stream.get_mut();
        stream
            .write_all(answer.as_bytes())
            .map_err(|e| e.to_string())?;
        stream.conn.send_close_notify();
        stream.flush().map_err(|e| e.to_string())
    });
    (address, server)
}

#[tokio::test]
async fn a_root_of_the_applications_own_lets_the_client_trust_a_private_server() {
    let (address, server) = tls_server(None);
    let client = builder(&format!("https://{address}"))
        .add_root_certificate_pem(SERVER_CERT)
        .build()
        .unwrap();
    let session = client.get_session(&SESSION).await.unwrap();
    assert_eq!(session.data.id, SESSION);
    server.join().unwrap().unwrap();

    // Without it, the system's roots vouch for no such server.
    let (address, server) = tls_server(None);
    let client = builder(&format!("https://{address}")).build().unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Connection(_)),
        "{error:?}"
    );
    assert!(server.join().unwrap().is_err());
}

#[tokio::test]
async fn a_client_identity_answers_a_server_that_asks_for_one() {
    let (address, server) = tls_server(Some(CLIENT_CERT));
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("https://{address}"))
        // PEM text: the private certificate authority's root, and the
        // client's certificate chain followed by its private key.
        .add_root_certificate_pem(SERVER_CERT)
        .client_identity_pem(CLIENT_IDENTITY)
        .build()
        .unwrap();
    let session = client.get_session(&SESSION).await.unwrap();
    assert_eq!(session.data.id, SESSION);
    server.join().unwrap().unwrap();
    assert!(!format!("{client:?}").contains("PRIVATE KEY"));

    // The same server turns away a client without it.
    let (address, server) = tls_server(Some(CLIENT_CERT));
    let client = builder(&format!("https://{address}"))
        .add_root_certificate_pem(SERVER_CERT)
        .build()
        .unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Connection(_)),
        "{error:?}"
    );
    let refusal = server.join().unwrap().unwrap_err();
    assert!(refusal.contains("certificate"), "{refusal}");
}

#[test]
fn pem_that_cannot_be_read_is_refused_when_the_client_is_built() {
    let error = builder("https://127.0.0.1:1")
        .add_root_certificate_pem("-----BEGIN NOTHING-----")
        .build()
        .unwrap_err();
    assert!(
        matches!(error, ConfigError::InvalidCertificate { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "cannot read the root certificate 1: a `-----BEGIN` line has no matching `-----END` line"
    );

    // A chain without its key: the message never quotes the PEM.
    let error = builder("https://127.0.0.1:1")
        .client_identity_pem(CLIENT_CERT)
        .build()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("cannot read the client identity: "),
        "{message}"
    );
    assert!(!message.contains("MII"), "{message}");
}
