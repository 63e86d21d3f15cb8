//! Retries, backoff and the turn of progenitor's errors, against servers
//! on 127.0.0.1.

use std::time::Duration;

use progenitor_client::ClientInfo;
use reqwest::Method;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::runtime::error::{ErrorKind, Secrets};
use crate::runtime::transport::*;

/// How many requests a server that always answers 503 sees for one call.
async fn attempts_for(method: Method, policy: RetryPolicy) -> usize {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let http = plain_client();
    let request = http
        .request(method, server.uri())
        .body("{}")
        .build()
        .unwrap();
    let policy = policy.initial_backoff(Duration::from_millis(1));
    let call = Call::new("test", policy, u64::MAX, Secrets::default());
    let response = call.send(&http, request).await.unwrap();
    assert_eq!(response.status(), 503);
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn only_idempotent_requests_are_retried_unless_opted_in() {
    let default = RetryPolicy::default();
    assert_eq!(attempts_for(Method::GET, default).await, 3);
    assert_eq!(attempts_for(Method::PUT, default).await, 3);
    assert_eq!(attempts_for(Method::DELETE, default).await, 3);
    assert_eq!(attempts_for(Method::POST, default).await, 1);
    assert_eq!(attempts_for(Method::PATCH, default).await, 1);
    let opted_in = default.retry_non_idempotent(true);
    assert_eq!(attempts_for(Method::POST, opted_in).await, 3);
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let http = plain_client();
    let mut options = CallOptions::default();
    options.idempotency_key("key-1".to_owned());
    let key = options.idempotency_key_or(|| unreachable!("the caller gave one"));
    assert_eq!(key, "key-1");
    let request = http
        .post(server.uri())
        .header("idempotency-key", key)
        .body("{}")
        .build()
        .unwrap();
    let policy = RetryPolicy::default().initial_backoff(Duration::from_millis(1));
    let call = Call::new("test", policy, u64::MAX, Secrets::default()).with_options(
        options,
        Duration::from_secs(30),
        None,
        None,
    );
    call.send(&http, request).await.unwrap();
    let received = server.received_requests().await.unwrap();
    let keys: Vec<_> = received
        .iter()
        .map(|r| &r.headers["idempotency-key"])
        .collect();
    assert_eq!(keys, ["key-1", "key-1", "key-1"]);
}

#[test]
fn per_call_options_replace_the_clients_and_refuse_the_credentials_header() {
    let client = || Call::new("test", RetryPolicy::default(), u64::MAX, Secrets::default());
    let with = |options: CallOptions| {
        client().with_options(options, Duration::from_secs(30), None, Some("x-api-key"))
    };

    let mut options = CallOptions::default();
    options.retry_policy(RetryPolicy::never());
    options.max_retries(5);
    options.header("X-Trace", "t-1");
    let call = with(options);
    assert_eq!(call.refusal(), None);
    assert_eq!(format!("{call:?}").matches("max_retries: 5").count(), 1);

    let mut options = CallOptions::default();
    options.header("X-API-Key", "sk_other");
    let refusal = with(options).refusal().map(str::to_owned).unwrap();
    assert!(refusal.contains("`x-api-key`") && refusal.contains("credential"));
    assert!(!refusal.contains("sk_other"));

    // The first refusal is the one reported.
    let mut options = CallOptions::default();
    options.header("X-Note", "two\nlines");
    options.header("transfer-encoding", "chunked");
    let refusal = with(options).refusal().map(str::to_owned).unwrap();
    assert!(refusal.contains("`x-note`") && refusal.contains("line break"));
}

#[test]
fn backoff_doubles_from_half_a_second_with_jitter_up_to_the_cap() {
    let cap = Duration::from_secs(8);
    for _ in 0..20 {
        let waits: Vec<Duration> = RetryPolicy::default().max_retries(6).backoff().collect();
        assert_eq!(waits.len(), 6);
        for (wait, nominal_ms) in waits.iter().zip([500, 1000, 2000, 4000, 8000, 8000]) {
            let nominal = Duration::from_millis(nominal_ms);
            assert!(*wait >= nominal.min(cap), "{wait:?} < {nominal:?}");
            assert!(*wait <= (nominal * 2).min(cap), "{wait:?} too long");
        }
    }
    assert_eq!(RetryPolicy::never().backoff().count(), 0);
    let huge = RetryPolicy::default()
        .initial_backoff(Duration::MAX)
        .max_backoff(Duration::MAX);
    assert!(
        huge.backoff()
            .all(|wait| wait <= Duration::from_secs(86_400))
    );
}

/// progenitor's client as far as [`failure`] sees it: what carries the call.
struct Progenitor(Call);

impl ClientInfo<Call> for Progenitor {
    fn api_version() -> &'static str {
        "1.0.0"
    }

    fn baseurl(&self) -> &str {
        unreachable!("failure reads only the call")
    }

    fn client(&self) -> &reqwest::Client {
        unreachable!("failure reads only the call")
    }

    fn inner(&self) -> &Call {
        &self.0
    }
}

#[tokio::test]
async fn an_error_status_becomes_an_error_with_its_body_and_redacted_echoes() {
    let key = "sk_test_runtime_secret";
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("request-id", "req_42")
                .set_body_raw(
                    format!(r#"{{"errors":[{{"code":"not_found","title":"No key {key}"}}]}}"#),
                    "application/json",
                ),
        )
        .mount(&server)
        .await;
    let http = plain_client();
    let secrets = Secrets::new([key.to_owned()]);
    let call = Call::new("getSession", RetryPolicy::default(), u64::MAX, secrets);
    let request = http.get(server.uri()).build().unwrap();
    let response = call.send(&http, request).await.unwrap();
    let raw = progenitor_client::Error::UnexpectedResponse(response);

    let error = failure(&Progenitor(call), "get_session", raw).await;
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.attempts(), 1, "404 is not retried");
    assert_eq!(error.request_id(), Some("req_42"));
    assert_eq!(error.problems()[0].code.as_deref(), Some("not_found"));
    assert_eq!(
        error.to_string(),
        "get_session failed: 404 Not Found: not_found: No key <redacted> (request id req_42)"
    );
    assert!(!format!("{error:?}").contains(key));
}

#[tokio::test]
async fn a_success_body_over_the_limit_is_an_error_naming_the_limit() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![b'x'; 100], "application/json"))
        .mount(&server)
        .await;
    let http = plain_client();
    let call = Call::new("getSession", RetryPolicy::never(), 10, Secrets::default());
    let request = http.get(server.uri()).build().unwrap();
    let response = call.send(&http, request).await.unwrap();
    let read = response.bytes().await.unwrap_err();
    let raw = progenitor_client::Error::ResponseBodyError(read);

    let error = failure(&Progenitor(call), "get_session", raw).await;
    match error.kind() {
        ErrorKind::ResponseTooLarge {
            limit,
            content_length,
        } => {
            assert_eq!(*limit, 10);
            assert_eq!(*content_length, Some(100), "the declared length is over it");
        }
        other => panic!("expected ResponseTooLarge, got {other:?}"),
    }
    assert!(!error.is_retryable());
}

/// A reqwest client with nothing but the crate's TLS settings: reqwest comes
/// without a crypto provider of its own, so `reqwest::Client::new()` panics.
fn plain_client() -> reqwest::Client {
    let tls = crate::runtime::tls::client_config(Vec::new(), None).unwrap();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()
        .unwrap()
}
