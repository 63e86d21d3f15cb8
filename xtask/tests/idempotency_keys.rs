//! Idempotency keys: the real binary generates the crate of
//! `specs/idempotent-create.yaml` into a scratch folder, and a test written
//! into that crate calls its POST operations against a server on loopback
//! that records the `Idempotency-Key` of every request it receives.

mod common;

use std::fs;

use common::{Scratch, regen_test_spec, test_in_generated};

/// Written into the generated crate as `tests/keys.rs`.
const KEYS: &str = r##"//! The client fills an operation's `Idempotency-Key`, keeps it across
//! retries and retries such a POST; a POST without one is sent once.

use std::time::Duration;

use serde_json::json;
use sessions::types::NewSession;
use sessions::{Client, ErrorKind, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers the first request with 503, and every later one
/// with `status` and a session.
async fn failing_once(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let session = ResponseTemplate::new(status).set_body_json(json!({"id": "s_1"}));
    Mock::given(method("POST")).respond_with(session).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    let policy = RetryPolicy::default().initial_backoff(Duration::from_millis(10));
    Client::builder().base_url(server.uri()).retry_policy(policy).build().unwrap()
}

fn new_session() -> NewSession {
    NewSession { reference: "ref-1".to_owned() }
}

/// The `Idempotency-Key` of each request the server received, in order.
async fn keys(server: &MockServer) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| r.headers.get("idempotency-key").map(|v| v.to_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_retried_post_sends_the_same_fresh_key_each_attempt() {
    let server = failing_once(201).await;
    let response = client(&server).create_session(&new_session()).await.unwrap();
    assert_eq!(response.status(), 201);
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 2, "the POST was retried once: {keys:?}");
    let key = keys[0].clone().expect("the first attempt carries a key");
    assert_eq!(keys[1].as_deref(), Some(key.as_str()), "the retry keeps it");
    let uuid = uuid::Uuid::parse_str(&key).expect("a UUID");
    assert_eq!(uuid.get_version_num(), 4, "a random one");
}

#[tokio::test]
async fn each_logical_call_gets_its_own_key() {
    let server = failing_once(201).await;
    let client = client(&server);
    client.create_session(&new_session()).await.unwrap();
    client.create_session(&new_session()).await.unwrap();
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[1], keys[2], "a second call, a second key");
    assert!(keys[2].is_some());
}

#[tokio::test]
async fn a_key_the_caller_gives_is_sent_as_is_on_every_attempt() {
    let server = failing_once(201).await;
    client(&server)
        .create_session(&new_session())
        .idempotency_key("order-4711-create")
        .await
        .unwrap();
    let keys = keys(&server).await;
    let given = Some("order-4711-create".to_owned());
    assert_eq!(keys, [given.clone(), given]);
}

#[tokio::test]
async fn a_key_declared_on_the_path_and_required_is_filled_too() {
    let server = failing_once(200).await;
    // The method takes no key: `cancel_session(id)`.
    let response = client(&server).cancel_session("s_1").await.unwrap();
    assert_eq!(response.status(), 200);
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys[0].is_some() && keys[0] == keys[1], "{keys:?}");
}

#[tokio::test]
async fn a_post_without_a_declared_key_is_not_retried() {
    let server = failing_once(201).await;
    let error = client(&server).add_note("s_1", &new_session()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    assert_eq!(keys(&server).await, [None], "sent once, without a key");
}

#[tokio::test]
async fn a_key_a_header_cannot_carry_fails_before_sending() {
    let server = failing_once(201).await;
    let error = client(&server)
        .create_session(&new_session())
        .idempotency_key("line\r\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidRequest(_)), "{error:?}");
    assert!(keys(&server).await.is_empty());
}
"##;

#[test]
fn declared_idempotency_keys_are_filled_kept_across_retries_and_make_a_post_retryable() {
    let scratch = Scratch::new("idempotency-keys");
    let (out, run) = regen_test_spec(&scratch, "idempotent-create.yaml", "sessions");
    assert!(run.success, "{}", run.describe());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"uuid = { version = "1.18", features = ["v4"] }"#),
        "{manifest}"
    );
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(
        !operations.contains("- `idempotency_key`"),
        "the key is no argument"
    );
    assert!(operations.contains("pub fn idempotency_key(mut self"));

    let run = test_in_generated(&out, "keys", KEYS, &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    assert!(run.success, "{shown}");
    // All ran: none was filtered out or skipped.
    assert!(stdout.contains("test result: ok. 6 passed"), "{shown}");
}
