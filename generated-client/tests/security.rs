//! The client's trust boundary, tried as an attacker would through the
//! public API: redirects that would carry the key elsewhere, bodies that
//! never end, a server that echoes the key back, plain-http base URLs, and
//! the `User-Agent`. Every server is on loopback; one on 127.0.0.2 plays
//! another host.

use std::io::{Read, Write};
use std::time::Duration;

use beltic_identity::{
    API_KEY_HEADER, Client, ConfigError, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_USER_AGENT, ErrorKind,
    RetryPolicy,
};
use serde_json::json;
use wiremock::matchers::{any, header, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{Captured, RawServer, chunked_body, endless_body, ok_session, session_json};

const KEY: &str = "sk_live_trust_boundary_secret_5150";
const SESSION: uuid::Uuid = uuid::Uuid::from_u128(0x5e551011_0000_4000_8000_000000000009);

/// A client with the default retry policy, its backoff shortened.
fn client(base_url: &str) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(base_url)
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .unwrap()
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// A server that answers every request with a session: a client that
/// followed a redirect to it would succeed.
async fn answering_everything(server: MockServer) -> MockServer {
    Mock::given(any())
        .respond_with(ok_session())
        .mount(&server)
        .await;
    server
}

/// Another host, as far as the client can tell: 127.0.0.2.
async fn another_host() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.2:0").expect("bind 127.0.0.2");
    answering_everything(MockServer::builder().listener(listener).start().await).await
}

/// Makes `server` answer the session's path with a redirect to `location`.
async fn redirect_to(server: &MockServer, status: u16, location: &str) {
    Mock::given(method("GET"))
        .and(path_regex("^/v1/identity/sessions/"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("location", location)
                .insert_header("request-id", "req_redirect_1"),
        )
        .mount(server)
        .await;
}

/// Checks that `error` is a redirect to `origin` that was not followed.
fn assert_not_followed(error: &beltic_identity::Error, origin: &str, same_origin: bool) {
    match error.kind() {
        ErrorKind::Redirect {
            origin: target,
            same_origin: same,
        } => {
            assert_eq!(target, origin);
            assert_eq!(*same, same_origin);
        }
        other => panic!("expected a redirect, got {other:?}"),
    }
    assert!(error.status().is_some_and(|s| s.is_redirection()));
    assert_eq!(error.request_id(), Some("req_redirect_1"));
    assert_eq!(error.attempts(), 1);
    assert!(!error.is_retryable());
    assert!(error.to_string().contains(origin), "{error}");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = another_host().await;
    for status in [301, 302, 303, 307, 308] {
        let api = MockServer::start().await;
        // The target's path and query may carry personal data.
        let target = format!(
            "{}/collect/ada-quill?email=ada.quill%40example.com",
            elsewhere.uri()
        );
        redirect_to(&api, status, &target).await;
        let error = client(&api.uri()).get_session(&SESSION).await.unwrap_err();
        assert_not_followed(&error, &elsewhere.uri(), false);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        let message = error.to_string();
        assert!(message.contains("another origin"), "{message}");
        for hidden in ["collect", "ada", "example.com"] {
            assert!(!message.contains(hidden), "{message}");
            assert!(!format!("{error:?}").contains(hidden), "{error:?}");
        }
        assert_eq!(requests(&api).await, 1);
    }
    // Not one request, so the key never reached it.
    assert_eq!(requests(&elsewhere).await, 0);
}

#[tokio::test]
async fn another_port_or_scheme_on_the_same_host_is_another_origin() {
    let other_port = answering_everything(MockServer::start().await).await;
    let api = MockServer::start().await;
    // The same host and port over TLS: a client that followed would fail
    // its handshake with a connection error instead.
    let other_scheme = api.uri().replace("http://", "https://");
    redirect_to(&api, 302, &other_scheme).await;
    let error = client(&api.uri()).get_session(&SESSION).await.unwrap_err();
    assert_not_followed(&error, &other_scheme, false);
    assert_eq!(requests(&api).await, 1);

    let api = MockServer::start().await;
    redirect_to(&api, 307, &other_port.uri()).await;
    let error = client(&api.uri()).get_session(&SESSION).await.unwrap_err();
    assert_not_followed(&error, &other_port.uri(), false);
    assert_eq!(requests(&other_port).await, 0);
}

/// Makes `server` answer the session's path with a redirect to `/hop/1`,
/// which redirects to `/hop/2`, and so on to `/hop/{hops}`, which answers
/// the session to a request that carries the key.
async fn redirect_chain(server: &MockServer, hops: usize) {
    redirect_to(server, 302, "/hop/1").await;
    for hop in 1..hops {
        Mock::given(path(format!("/hop/{hop}")))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", format!("/hop/{}", hop + 1).as_str())
                    .insert_header("request-id", "req_redirect_1"),
            )
            .mount(server)
            .await;
    }
    Mock::given(path(format!("/hop/{hops}")))
        .and(header(API_KEY_HEADER, KEY))
        .respond_with(ok_session())
        .mount(server)
        .await;
}

#[tokio::test]
async fn redirects_within_the_origin_are_followed_with_the_key_five_times_at_most() {
    let server = MockServer::start().await;
    redirect_chain(&server, 5).await;
    let session = client(&server.uri())
        .get_session(&SESSION)
        .await
        .expect("five redirects within the origin are followed, with the key");
    assert_eq!(session.status(), 200);
    assert_eq!(requests(&server).await, 6);

    let server = MockServer::start().await;
    redirect_chain(&server, 6).await;
    let error = client(&server.uri())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert_not_followed(&error, &server.uri(), true);
    // The request and five redirects; the sixth is not followed.
    assert_eq!(requests(&server).await, 6);
    assert!(error.to_string().contains("at most 5"), "{error}");
}

/// Checks that `error` is a success body over `limit` that was never
/// retried.
fn assert_too_large(error: &beltic_identity::Error, limit: u64, content_length: Option<u64>) {
    match error.kind() {
        ErrorKind::ResponseTooLarge {
            limit: said,
            content_length: declared,
        } => {
            assert_eq!(*said, limit);
            assert_eq!(*declared, content_length);
        }
        other => panic!("expected a body over the limit, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.attempts(), 1);
    assert!(!error.is_retryable());
    assert!(!error.is_timeout());
    let message = error.to_string();
    assert!(
        message.contains(&format!("limit of {limit} bytes"))
            && message.contains("max_response_bytes"),
        "{message}"
    );
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_before_reading() {
    // The head announces 10 GiB, then nothing comes: a client that started
    // reading would wait for its timeout.
    let server = RawServer::start("127.0.0.1", 2, |stream| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                    content-length: 10737418240\r\nrequest-id: req_huge_1\r\n\r\n";
        let _ = stream.write_all(head.as_bytes());
        // Holds the connection until the client hangs up (or 10 s pass).
        let _ = stream.read(&mut [0u8; 1]);
    });
    let client = Client::builder()
        .api_key(KEY)
        .base_url(&server.url)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert_too_large(&error, DEFAULT_MAX_RESPONSE_BYTES, Some(10 << 30));
    assert_eq!(error.request_id(), Some("req_huge_1"));
    let message = error.to_string();
    assert!(
        message.contains("Content-Length of 10737418240 bytes"),
        "{message}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_endless_body_is_cut_off_at_the_limit_and_not_retried() {
    // White space: as far as a JSON reader can tell, a document yet to come.
    let server = RawServer::start("127.0.0.1", 2, |stream| {
        endless_body(
            stream,
            "request-id: req_endless_1\r\n",
            &[b' '; 16 * 1024],
            256 << 20,
        );
    });
    let error = client(&server.url).get_session(&SESSION).await.unwrap_err();
    assert_too_large(&error, DEFAULT_MAX_RESPONSE_BYTES, None);
    assert_eq!(error.request_id(), Some("req_endless_1"));
    assert!(error.to_string().contains("cut off"), "{error}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_body_that_runs_on_past_its_content_length_is_read_to_that_length() {
    // A declared length within the limit lets the body through unwrapped:
    // what follows the declared bytes must never be read as part of it.
    let body = serde_json::to_vec(&session_json()).unwrap();
    let server = RawServer::start("127.0.0.1", 1, move |stream| {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_ok() && stream.write_all(&body).is_ok() {
            // 256 MiB more: a client that kept reading would take it all.
            let junk = [b' '; 16 * 1024];
            for _ in 0..(256 << 20) / junk.len() {
                if stream.write_all(&junk).is_err() {
                    break;
                }
            }
        }
    });
    let client = Client::builder()
        .api_key(KEY)
        .base_url(&server.url)
        .max_response_bytes(1 << 20)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let session = client
        .get_session(&SESSION)
        .await
        .expect("the declared bytes are the session");
    assert_eq!(session.status(), 200);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn the_builder_sets_the_limit_and_every_byte_counts() {
    let body = serde_json::to_vec(&session_json()).unwrap();
    let length = body.len() as u64;
    // The same body with a Content-Length, and chunked without one.
    let declared = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&declared)
        .await;
    let chunked = RawServer::start("127.0.0.1", 2, move |stream| chunked_body(stream, &body));

    for (url, content_length) in [(declared.uri(), Some(length)), (chunked.url.clone(), None)] {
        let limited = |limit| {
            Client::builder()
                .api_key(KEY)
                .base_url(&url)
                .max_response_bytes(limit)
                .build()
                .unwrap()
        };
        let client = limited(length);
        assert_eq!(client.max_response_bytes(), length);
        client
            .get_session(&SESSION)
            .await
            .expect("a body as long as the limit is read");
        let error = limited(length - 1).get_session(&SESSION).await.unwrap_err();
        assert_too_large(&error, length - 1, content_length);
    }
    assert_eq!(chunked.requests().len(), 2);
}

#[tokio::test]
async fn an_echoed_key_is_replaced_before_the_error_keeps_it() {
    let captured = Captured::default();
    let _installed = captured.install();

    let server = MockServer::start().await;
    let echo = json!({"errors": [{
        "status": "401",
        "code": format!("invalid_key:{KEY}"),
        "title": format!("The key {KEY} is not valid"),
        "detail": format!("Received X-Api-Key: {KEY}"),
        "source": {"pointer": format!("/headers/{KEY}"), "parameter": KEY},
        "request_id": format!("body_{KEY}"),
    }]});
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(echo)
                .insert_header("request-id", format!("req_{KEY}").as_str()),
        )
        .mount(&server)
        .await;
    let error = client(&server.uri())
        .get_session(&SESSION)
        .await
        .unwrap_err();

    let problem = &error.problems()[0];
    for field in [
        &problem.code,
        &problem.title,
        &problem.detail,
        &problem.pointer,
        &problem.parameter,
        &problem.request_id,
    ] {
        let text = field.as_deref().expect("the member is kept");
        assert!(text.contains("<redacted>") && !text.contains(KEY), "{text}");
    }
    assert_eq!(error.request_id(), Some("req_<redacted>"));
    // The message still says what went wrong.
    assert!(
        error
            .to_string()
            .contains("invalid_key:<redacted>: The key <redacted> is not valid"),
        "{error}"
    );
    for printed in [
        error.to_string(),
        format!("{error:?}"),
        format!("{:?}", error.body()),
        format!("{:?}", error.problems()),
    ] {
        assert!(!printed.contains(KEY), "the key leaked: {printed}");
    }
    let trace = captured.text();
    assert!(trace.contains("request_id=\"req_<redacted>\""), "{trace}");
    assert!(!trace.contains(KEY), "the key leaked into traces: {trace}");
}

#[tokio::test]
async fn an_echoed_key_is_replaced_in_pages_before_their_title_is_cut() {
    // The key straddles the 80 characters a page title is cut to: replaced
    // after the cut, its first characters would show.
    let title = format!("{} {KEY}", "x".repeat(70));
    let pages = [
        (
            format!("<html><head><title>{title}</title></head></html>"),
            "text/html",
        ),
        (format!("denied: {KEY}"), "text/plain"),
    ];
    for (page, media_type) in pages {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(403).set_body_raw(page, media_type))
            .mount(&server)
            .await;
        let error = client(&server.uri())
            .get_session(&SESSION)
            .await
            .unwrap_err();
        assert!(error.is_forbidden(), "{error:?}");
        for printed in [error.to_string(), format!("{error:?}")] {
            assert!(
                !printed.contains(&KEY[..8]),
                "part of the key shows: {printed}"
            );
        }
    }
}

#[test]
fn plain_http_to_another_host_is_refused_unless_allowed() {
    for url in [
        "http://api.beltic.com",
        "http://10.1.2.3:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "http://[fe80::1]",
    ] {
        let error = Client::builder()
            .api_key(KEY)
            .base_url(url)
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::InvalidBaseUrl { .. }),
            "{url}: {error:?}"
        );
        let message = error.to_string();
        for expected in [
            url,
            "send the API key unencrypted",
            "allow_insecure_http(true)",
            "BELTIC_ALLOW_INSECURE_HTTP=1",
        ] {
            assert!(message.contains(expected), "{message}");
        }
        let client = Client::builder()
            .api_key(KEY)
            .base_url(url)
            .allow_insecure_http(true)
            .build()
            .unwrap_or_else(|e| panic!("{url} opted in: {e}"));
        assert_eq!(client.base_url(), url);
    }
    // This machine, or TLS, needs no opt-in.
    for url in [
        "http://127.0.0.1:9",
        "http://127.8.9.10",
        "http://localhost:9",
        "http://LOCALHOST:9",
        "http://[::1]:9",
        "https://api.beltic.com",
    ] {
        Client::builder()
            .api_key(KEY)
            .base_url(url)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

#[tokio::test]
async fn requests_name_the_crate_in_their_user_agent_unless_told_otherwise() {
    let prefix = format!("beltic-identity/{} ", env!("CARGO_PKG_VERSION"));
    assert!(
        DEFAULT_USER_AGENT.starts_with(&prefix) && DEFAULT_USER_AGENT.contains("generated"),
        "{DEFAULT_USER_AGENT}"
    );
    for (chosen, sent) in [
        (None, DEFAULT_USER_AGENT),
        (Some("inventory-sync/2.3"), "inventory-sync/2.3"),
    ] {
        let server = MockServer::start().await;
        // Any other User-Agent gets wiremock's 404.
        Mock::given(header("user-agent", sent))
            .respond_with(ok_session())
            .expect(1)
            .mount(&server)
            .await;
        let mut builder = Client::builder().api_key(KEY).base_url(server.uri());
        if let Some(user_agent) = chosen {
            builder = builder.user_agent(user_agent);
        }
        builder
            .build()
            .unwrap()
            .get_session(&SESSION)
            .await
            .unwrap_or_else(|e| panic!("{sent} was not sent: {e}"));
    }
    let error = Client::builder()
        .api_key(KEY)
        .user_agent("inventory-sync\n2.3")
        .build()
        .unwrap_err();
    assert!(matches!(error, ConfigError::InvalidUserAgent), "{error:?}");
}
