//! TLS on ring against a server on 127.0.0.1 with a self-signed certificate.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::ClientConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::runtime::tls::client_config;

/// A self-signed certificate for `127.0.0.1` (not a CA, valid until
/// 2126), made with `openssl req -x509 -newkey ec -pkeyopt
/// ec_paramgen_curve:P-256 -nodes -days 36500 -addext
/// subjectAltName=IP:127.0.0.1 -addext basicConstraints=critical,CA:FALSE`.
pub(super) const SERVER_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIByzCCAXCgAwIBAgIUDQTX4IIR5VTMaZDA57yyhX0rwD8wCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUbG9vcGJhY2sgdGVzdCBzZXJ2ZXIwIBcNMjYxMTI2MTE0MTE0
WhgPMjEyNjExMDIxMTQxMTRaMB8xHTAbBgNVBAMMFGxvb3BiYWNrIHRlc3Qgc2Vy
dmVyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAER4dKmzsnBQhmgNakdtIIuwk5
aoEDjUdqZ/oOWGVicl1ZLIh94YboAPViKzQL5aj03bmKfID/WJAPxgIncSZPw6OB
hzCBhDAdBgNVHQ4EFgQU66S1hdv8wr5lXr9iWhXbykkPdxswHwYDVR0jBBgwFoAU
66S1hdv8wr5lXr9iWhXbykkPdxswDwYDVR0RBAgwBocEfwAAATAMBgNVHRMBAf8E
AjAAMA4GA1UdDwEB/wQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcDATAKBggqhkjO
PQQDAgNJADBGAiEA2MOVHztg9C9JFgbJlPZM94YoqwN9fg+3yAcvRxnLNg4CIQDF
2umiCqSObEjzC0Ew5N3JsXRAdPPHPQ56Cb5WDdjPxA==
-----END CERTIFICATE-----
";

/// The certificate's private key; it protects nothing but this test.
pub(super) const SERVER_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoAfFeF/FPZF3KZMz
AKpdRiyGFt7sGRW3oQJSex0rk6mhRANCAARHh0qbOycFCGaA1qR20gi7CTlqgQON
R2pn+g5YZWJyXVksiH3hhugA9WIrNAvlqPTduYp8gP9YkA/GAidxJk/D
-----END PRIVATE KEY-----
";

fn server_cert() -> CertificateDer<'static> {
    CertificateDer::from_pem_slice(SERVER_CERT.as_bytes()).unwrap()
}

/// A TLS server on loopback that takes one connection, answers one
/// request with `200 ok`, and hands back what the handshake and the
/// exchange came to.
fn serve_once() -> (SocketAddr, JoinHandle<Result<(), String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![server_cert()], key)
    .unwrap();
    let server = std::thread::spawn(move || {
        let (socket, _) = listener.accept().map_err(|e| e.to_string())?;
        // Bounded: a client that stops talking fails the test instead of hanging it.
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        let connection =
            rustls::ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
        let mut stream = rustls::StreamOwned::new(connection, socket);
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let read = stream.read(&mut buffer).map_err(|e| e.to_string())?;
            if read == 0 || request.len() > 64 * 1024 {
                return Err("the request ended before its head did".to_owned());
            }
            request.extend_from_slice(&buffer[..read]);
        }
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
            .map_err(|e| e.to_string())?;
        stream.conn.send_close_notify();
        stream.flush().map_err(|e| e.to_string())
    });
    (address, server)
}

fn http_client(config: ClientConfig) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[test]
fn the_configuration_uses_ring_and_announces_http1() {
    let config = client_config(vec![server_cert()], None).unwrap();
    let ring = rustls::crypto::ring::default_provider();
    assert_eq!(
        config.crypto_provider().cipher_suites,
        ring.cipher_suites,
        "the cipher suites are ring's"
    );
    assert_eq!(config.alpn_protocols, [b"http/1.1".to_vec()]);
    // reqwest recognises it (it turns an unknown type into a build error).
    reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .build()
        .unwrap();
}

#[tokio::test]
async fn the_client_speaks_tls_to_a_server_it_trusts() {
    let (address, server) = serve_once();
    let http = http_client(client_config(vec![server_cert()], None).unwrap());
    let response = http
        .get(format!("https://{address}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
    server.join().unwrap().unwrap();
}

#[tokio::test]
async fn the_client_refuses_a_certificate_no_root_vouches_for() {
    let (address, server) = serve_once();
    // The system's roots only: none of them signed the test certificate.
    let error = http_client(client_config(Vec::new(), None).unwrap())
        .get(format!("https://{address}/"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    let mut reasons = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(error) = cause {
        reasons.push_str(&format!(": {error}"));
        cause = error.source();
    }
    assert!(reasons.contains("UnknownIssuer"), "{reasons}");
    // The server saw the handshake fail, and sent no answer.
    assert!(server.join().unwrap().is_err());
}
