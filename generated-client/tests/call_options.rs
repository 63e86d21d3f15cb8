//! Options for one call (`client.get_session(&id).timeout(…).await`) and the
//! deadline of a whole call, each tried against a real HTTP server on
//! 127.0.0.1. Time bounds here are generous: they tell a call that stopped
//! early from one that sat through every retry, never how fast it was.

use std::time::{Duration, Instant};

use beltic_identity::{Client, ErrorKind, RetryPolicy};
use wiremock::matchers::{header, method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{ok_session, quick_client, unavailable};

const KEY: &str = "sk_live_call_options_secret_7373";
const SESSION: uuid::Uuid = uuid::Uuid::from_u128(0x5e551011_0000_4000_8000_000000000013);

/// A client for `server` with short waits between retries.
fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    quick_client(server, KEY, policy)
}

async fn answer(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path_regex("^/v1/identity/sessions/"))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn the_plain_call_sends_once_with_the_clients_settings() {
    let server = MockServer::start().await;
    answer(&server, ok_session()).await;
    let session = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap();
    assert_eq!(session.status(), 200);
    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].headers["x-api-key"], KEY);
    // progenitor's `api-version` header is not the spec's: it is not sent.
    assert!(!received[0].headers.contains_key("api-version"));
}

#[tokio::test]
async fn a_per_call_timeout_shorter_than_the_clients_ends_the_attempt() {
    let server = MockServer::start().await;
    // Within the client's 30 s, but not within the call's 200 ms.
    answer(&server, ok_session().set_delay(Duration::from_secs(5))).await;
    let client = client(&server, RetryPolicy::never());

    let error = client
        .get_session(&SESSION)
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(
        matches!(error.kind(), ErrorKind::Connection(_)),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_per_call_retry_policy_replaces_the_clients() {
    let server = MockServer::start().await;
    answer(&server, unavailable()).await;
    // The client never retries; this one call does, twice.
    let client = client(&server, RetryPolicy::never());
    let policy = RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(10));

    let error = client
        .get_session(&SESSION)
        .retry_policy(policy)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 3, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await.len(), 3);

    // The next plain call has the client's policy again.
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 4);
}

#[tokio::test]
async fn max_retries_per_call_changes_only_the_count() {
    let server = MockServer::start().await;
    answer(&server, unavailable()).await;
    let client = client(&server, RetryPolicy::default().max_retries(4));

    let error = client
        .get_session(&SESSION)
        .max_retries(1)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 2, "{error}");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn an_extra_header_arrives_with_the_credential() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-correlation-id", "order-31337"))
        .and(header("x-api-key", KEY))
        .respond_with(ok_session())
        .mount(&server)
        .await;
    let session = client(&server, RetryPolicy::never())
        .get_session(&SESSION)
        .header("X-Correlation-Id", "order-31337")
        .await;
    assert!(session.is_ok(), "{:?}", session.err());
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn the_credentials_header_cannot_be_set_per_call() {
    let server = MockServer::start().await;
    answer(&server, ok_session()).await;
    let client = client(&server, RetryPolicy::default());

    for name in ["X-Api-Key", "x-api-key", " X-API-KEY "] {
        let error = client
            .get_session(&SESSION)
            .header(name, "sk_live_someone_elses_key")
            .await
            .unwrap_err();
        let ErrorKind::InvalidRequest(reason) = error.kind() else {
            panic!("{name}: {error:?}");
        };
        assert!(reason.contains("x-api-key"), "{reason}");
        assert!(reason.contains("credential"), "{reason}");
        // Neither key shows in what the caller sees.
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("someone_elses") && !shown.contains(KEY),
            "{shown}"
        );
        assert_eq!(error.attempts(), 0);
    }
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn a_header_http_cannot_carry_fails_the_call_before_sending() {
    let server = MockServer::start().await;
    answer(&server, ok_session()).await;
    let client = client(&server, RetryPolicy::default());

    let refused = [
        ("X-Note", "line\r\nX-Injected: 1"),
        ("bad name", "value"),
        ("", "value"),
        ("Content-Length", "0"),
        ("Host", "example.com"),
    ];
    for (name, value) in refused {
        let error = client
            .get_session(&SESSION)
            .header(name, value)
            .await
            .unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::InvalidRequest(_)),
            "{name:?}: {error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("get_session failed: invalid request: ")
        );
        assert!(!error.to_string().contains("Injected"), "{error}");
    }
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn a_per_call_deadline_skips_a_wait_that_would_pass_it() {
    let server = MockServer::start().await;
    // The retries would wait 5 s before each of the two further attempts.
    answer(&server, unavailable().insert_header("retry-after", "5")).await;
    let client = client(&server, RetryPolicy::default());

    let started = Instant::now();
    let error = client
        .get_session(&SESSION)
        .deadline(Duration::from_secs(1))
        .await
        .unwrap_err();
    let ErrorKind::DeadlineExceeded { deadline } = error.kind() else {
        panic!("{error:?}");
    };
    assert_eq!(*deadline, Duration::from_secs(1));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(error.attempts(), 1, "the wait was not slept: {error}");
    assert_eq!(requests(&server).await.len(), 1);
    assert!(error.is_timeout() && error.is_retryable());
    assert_eq!(
        error.to_string(),
        "get_session failed: the deadline of 1s ran out after 1 attempt; \
         the last response was 503 Service Unavailable"
    );
    // The retries would have taken 10 s.
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn the_builders_deadline_cuts_an_attempt_and_keeps_the_last_status() {
    let server = MockServer::start().await;
    // First a quick 503, then answers that come too late.
    Mock::given(method("GET"))
        .respond_with(unavailable())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    answer(&server, ok_session().set_delay(Duration::from_secs(10))).await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .deadline(Duration::from_millis(700))
        .build()
        .unwrap();
    assert_eq!(client.deadline(), Duration::from_millis(700));

    let started = Instant::now();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::DeadlineExceeded { .. }),
        "{error:?}"
    );
    // The second attempt got no response; the first one's status is kept.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 2);
    assert!(
        error
            .to_string()
            .starts_with("get_session failed: the deadline of 700ms ran out after 2 attempts"),
        "{error}"
    );
    // The slow answer would have come after 10 s.
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn a_per_call_deadline_replaces_the_clients() {
    let server = MockServer::start().await;
    answer(&server, ok_session().set_delay(Duration::from_millis(300))).await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .deadline(Duration::from_millis(50))
        .build()
        .unwrap();

    // The client's 50 ms cut the answer off; this call's own budget lets it
    // come.
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::DeadlineExceeded { .. }),
        "{error:?}"
    );
    let session = client
        .get_session(&SESSION)
        .deadline(Duration::from_secs(20))
        .await;
    assert!(session.is_ok(), "{:?}", session.err());
}
