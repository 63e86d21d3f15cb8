//! How the client behaves when the server is not on its best day: values the
//! spec does not list, retries, timeouts, error bodies in every shape, many
//! requests at once, and secrets kept out of output. Every test talks to a
//! real HTTP server on 127.0.0.1.

use std::io::Write;
use std::time::{Duration, Instant};

use beltic_identity::types::{CreatorType, SessionDocument, SessionStatus, ThreatLevel};
use beltic_identity::{BodyShape, Client, ErrorKind, RetryPolicy};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{Captured, RawServer, ok_session, quick_client, session_json, unavailable};

const KEY: &str = "sk_live_resilience_secret_4242";
const SESSION: uuid::Uuid = uuid::Uuid::from_u128(0x5e551011_0000_4000_8000_000000000001);

/// A client for `server` with short waits between retries.
fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    quick_client(server, KEY, policy)
}

async fn answer_once(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path_regex("^/v1/identity/sessions/"))
        .respond_with(response)
        .up_to_n_times(1)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn values_and_members_the_spec_does_not_list_decode() {
    let mut body = session_json();
    let attributes = &mut body["data"]["attributes"];
    attributes["status"] = "paused_for_review".into();
    attributes["creator_type"] = "workflow".into();
    attributes["behavior_analysis"]["threat_level"] = "severe".into();
    attributes["brand_new_member"] = serde_json::json!({"nested": [1, 2]});
    body["data"]["brand_new_relationship"] = "x".into();

    let server = MockServer::start().await;
    answer_once(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let session = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap()
        .into_inner();

    let attributes = &session.data.attributes;
    assert_eq!(
        attributes.status,
        SessionStatus::Unknown("paused_for_review".into())
    );
    assert!(attributes.status.is_unknown());
    assert_eq!(attributes.status.as_str(), "paused_for_review");
    assert_eq!(
        attributes.creator_type,
        Some(CreatorType::Unknown("workflow".into()))
    );
    let threat = attributes
        .behavior_analysis
        .as_ref()
        .unwrap()
        .threat_level
        .as_ref();
    assert_eq!(
        threat.map(ThreatLevel::to_string).as_deref(),
        Some("severe")
    );

    // Encoding gives back exactly the strings the server sent.
    let encoded = serde_json::to_value(&session).unwrap();
    assert_eq!(encoded["data"]["attributes"]["status"], "paused_for_review");
    assert_eq!(
        encoded["data"]["attributes"]["behavior_analysis"]["threat_level"],
        "severe"
    );
}

#[test]
fn open_enums_round_trip_through_strings() {
    for text in [
        "approved",
        "marked_for_review",
        "a-value-from-the-future",
        "",
    ] {
        let status: SessionStatus = text.parse().unwrap();
        assert_eq!(status.to_string(), text);
        assert_eq!(
            status.is_unknown(),
            SessionStatus::from(text.to_owned()).is_unknown()
        );
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(
            serde_json::from_str::<SessionStatus>(&json).unwrap(),
            status
        );
    }
    // A listed value always becomes its own variant, never the catch-all.
    assert_eq!(SessionStatus::from("approved"), SessionStatus::Approved);
}

#[tokio::test]
async fn two_unavailable_answers_then_success_takes_three_attempts() {
    let server = MockServer::start().await;
    answer_once(&server, unavailable()).await;
    answer_once(&server, unavailable()).await;
    answer_once(&server, ok_session()).await;

    let session = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(session.status(), 200);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn retries_give_up_after_the_limit_with_the_last_answer() {
    let server = MockServer::start().await;
    for _ in 0..5 {
        answer_once(&server, unavailable()).await;
    }
    let error = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 3, "one attempt and two retries");
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(error.is_retryable());
    assert!(error.to_string().contains("after 3 attempts"), "{error}");
}

#[tokio::test]
async fn retry_after_one_second_is_waited_out() {
    let server = MockServer::start().await;
    answer_once(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
    )
    .await;
    answer_once(&server, ok_session()).await;

    let started = Instant::now();
    client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .expect("the retry succeeds");
    let waited = started.elapsed();
    // The backoff alone would be about 10 ms: the wait is the server's.
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_returns_the_error_at_once() {
    let server = MockServer::start().await;
    answer_once(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "3600"),
    )
    .await;
    let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(5));
    let error = client(&server, policy)
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert!(error.is_rate_limited());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn retries_off_means_one_attempt() {
    let server = MockServer::start().await;
    answer_once(&server, unavailable()).await;
    answer_once(&server, ok_session()).await;
    let error = client(&server, RetryPolicy::never())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_without_a_status() {
    // A port that was just free: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(
            RetryPolicy::default()
                .max_retries(1)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Connection(_)),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 2);
    assert_eq!(error.status(), None);
    assert!(error.is_retryable());
    // The message gives the reason, not only reqwest's "error sending request".
    let message = error.to_string();
    assert!(
        message.starts_with("get_session failed after 2 attempts: error sending request: "),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = MockServer::start().await;
    answer_once(&server, ok_session().set_delay(Duration::from_secs(3))).await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(error.to_string().contains("timed out"), "{error}");
}

#[tokio::test]
async fn a_body_trickling_one_byte_a_second_is_cut_by_the_timeout() {
    let body = serde_json::to_string(&session_json()).unwrap();
    let server = RawServer::start("127.0.0.1", 1, move |stream| {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        // At most 30 bytes: the client gives up after 2 s, and a thread
        // the test leaves behind ends within 30 s.
        for byte in body.as_bytes().iter().take(30) {
            if stream.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    let client = Client::builder()
        .api_key(KEY)
        .base_url(&server.url)
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    // The head came in time; the body did not.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_requests_fifty_at_a_time_all_succeed_on_one_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/v1/identity/sessions/"))
        .respond_with(ok_session())
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::never());
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                for _ in 0..4 {
                    let session = client.get_session(&SESSION).await?;
                    assert_eq!(session.status(), 200);
                }
                Ok::<_, beltic_identity::Error>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(requests(&server).await, 200);
}

#[tokio::test]
async fn the_error_object_shape_is_parsed() {
    let server = MockServer::start().await;
    answer_once(
        &server,
        ResponseTemplate::new(403).set_body_raw(
            r#"{"error":{"code":"forbidden","message":"Key lacks scope","request_id":"req_body_7"}}"#,
            "application/json",
        ),
    )
    .await;
    let error = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert!(error.is_forbidden() && !error.is_retryable());
    assert_eq!(error.body().map(|b| b.shape()), Some(BodyShape::Error));
    let problem = &error.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("forbidden"));
    assert_eq!(problem.detail.as_deref(), Some("Key lacks scope"));
    // No request id header, so the body's is used.
    assert_eq!(error.request_id(), Some("req_body_7"));
}

#[tokio::test]
async fn a_proxys_html_page_is_an_error_with_its_status() {
    let server = MockServer::start().await;
    let page = "<html><head><title>502 Bad Gateway</title></head>\
                <body><center>nginx</center></body></html>";
    answer_once(
        &server,
        ResponseTemplate::new(502)
            .set_body_raw(page, "text/html")
            .insert_header("x-request-id", "req_proxy_1"),
    )
    .await;
    let error = client(&server, RetryPolicy::never())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.body().map(|b| b.shape()), Some(BodyShape::NotJson));
    assert_eq!(error.request_id(), Some("req_proxy_1"));
    let message = error.to_string();
    assert!(message.contains("502 Bad Gateway"), "{message}");
    assert!(
        !message.contains("nginx"),
        "only the title is quoted: {message}"
    );
}

#[tokio::test]
async fn a_huge_error_body_is_read_only_in_part() {
    let server = MockServer::start().await;
    let page = format!("<html>{}</html>", "x".repeat(1024 * 1024));
    answer_once(
        &server,
        ResponseTemplate::new(500).set_body_raw(page, "text/html"),
    )
    .await;
    let error = client(&server, RetryPolicy::never())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    let body = error.body().expect("an error body");
    assert_eq!(body.shape(), BodyShape::TooLong);
    assert_eq!(body.len(), 64 * 1024);
    assert!(
        error.to_string().contains("more than 65536 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn a_truncated_success_body_keeps_its_status() {
    let server = MockServer::start().await;
    let full = serde_json::to_string(&session_json()).unwrap();
    let truncated = &full[..full.len() / 2];
    answer_once(
        &server,
        ResponseTemplate::new(200)
            .set_body_raw(truncated, "application/json")
            .insert_header("request-id", "req_cut_3"),
    )
    .await;
    let error = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert!(error.is_decode(), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.request_id(), Some("req_cut_3"));
    let message = error.to_string();
    assert!(message.contains("ends early"), "{message}");
    // The body of a success is personal data: none of it is printed.
    for value in ["Ada", "Quill", "ada.quill@example.com"] {
        assert!(!message.contains(value) && !format!("{error:?}").contains(value));
    }
}

#[tokio::test]
async fn a_mistyped_member_is_described_without_its_value() {
    let mut body = session_json();
    body["data"]["attributes"]["person"]["birth_date"] = "Ada-Quill-secret".into();
    let server = MockServer::start().await;
    answer_once(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let error = client(&server, RetryPolicy::default())
        .get_session(&SESSION)
        .await
        .unwrap_err();
    assert!(error.is_decode());
    assert!(!error.is_retryable(), "the same body would come again");
    let message = error.to_string();
    assert!(message.contains("line 1 column"), "{message}");
    assert!(!message.contains("Ada-Quill-secret"), "{message}");
    assert!(!format!("{error:?}").contains("Ada-Quill-secret"));
}

#[tokio::test]
async fn personal_data_prints_redacted_but_stays_readable() {
    let session: SessionDocument = serde_json::from_value(session_json()).unwrap();
    let printed = format!("{session:?}");
    for personal in [
        "Ada",
        "Quill",
        "1988-07-21",
        "ada.quill@example.com",
        "+15555550142",
    ] {
        assert!(!printed.contains(personal), "{personal} in {printed}");
    }
    assert!(printed.contains("<redacted>"));
    // What is not personal still prints, so Debug output stays useful.
    assert!(printed.contains("Approved"), "{printed}");
    let person = session.data.attributes.person.as_ref().unwrap();
    let name = person.name.as_ref().unwrap();
    assert_eq!(name.first.as_deref(), Some("Ada"));
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output_errors_and_traces() {
    let captured = Captured::default();
    let _installed = captured.install();

    let server = MockServer::start().await;
    answer_once(
        &server,
        unavailable().insert_header("request-id", "req_first"),
    )
    .await;
    answer_once(
        &server,
        ok_session().insert_header("request-id", "req_second"),
    )
    .await;
    answer_once(
        &server,
        ResponseTemplate::new(401).set_body_raw(
            r#"{"errors":[{"status":"401","code":"unauthorized","title":"Unauthorized"}]}"#,
            "application/json",
        ),
    )
    .await;
    let client = client(&server, RetryPolicy::default());
    client.get_session(&SESSION).await.unwrap();
    let error = client.get_session(&SESSION).await.unwrap_err();

    for printed in [
        format!("{client:?}"),
        format!("{error:?}"),
        error.to_string(),
        format!("{:?}", Client::builder().api_key(KEY)),
    ] {
        assert!(!printed.contains(KEY), "the key leaked: {printed}");
    }

    let trace = captured.text();
    assert!(!trace.contains(KEY), "the key leaked into traces: {trace}");
    for personal in ["Ada", "Quill", "ada.quill@example.com"] {
        assert!(!trace.contains(personal), "{personal} leaked into traces");
    }
    // One span per request, with what an operator needs.
    for expected in [
        "operation_id=\"getSession\"",
        "method=GET",
        "path=\"/v1/identity/sessions/",
        "attempt=2",
        "status=200",
        "request_id=\"req_second\"",
        "latency_ms=",
        "status=401",
    ] {
        assert!(trace.contains(expected), "{expected} missing from {trace}");
    }
}
