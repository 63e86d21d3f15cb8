//! Operations with several success bodies: the real binary generates the
//! crate of `specs/success-bodies.yaml` into a scratch folder, and a test
//! written into that crate calls each operation against servers on
//! loopback, one answer per variant of its response enum.

mod common;

use std::fs;

use common::{Scratch, project_root, regen_test_spec, test_in_generated};

/// Written into the generated crate as `tests/answers.rs`.
const ANSWERS: &str = r##"//! Each success status decodes into its variant; a body that does not
//! match, or is too large, is an error that keeps the status.

use serde_json::json;
use sessions::types::{self, CreateSessionResponse, GetSessionReportResponse, PutSessionResponse};
use sessions::{Client, ErrorKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(status: u16, body: Option<serde_json::Value>) -> MockServer {
    let server = MockServer::start().await;
    let mut answer = ResponseTemplate::new(status).insert_header("request-id", "req_7");
    if let Some(body) = body {
        answer = answer.set_body_json(body);
    }
    Mock::given(method("POST")).and(path("/sessions")).respond_with(answer.clone()).mount(&server).await;
    Mock::given(method("PUT")).and(path("/sessions/s_1")).respond_with(answer).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

fn new_session() -> types::NewSession {
    types::NewSession { reference: "ref-1".to_owned() }
}

#[tokio::test]
async fn created_accepted_and_no_content_are_three_variants() {
    let server = answering(201, Some(json!({"id": "s_1", "status": "created"}))).await;
    let response = client(&server).create_session(&new_session()).await.unwrap();
    assert_eq!(response.status(), 201);
    let expected = types::Session { id: "s_1".to_owned(), status: types::SessionStatus::Created };
    assert_eq!(response.into_inner(), CreateSessionResponse::Created(expected));

    let server = answering(202, Some(json!({"job_id": "j_9", "eta_seconds": 30}))).await;
    let response = client(&server).create_session(&new_session()).await.unwrap();
    assert_eq!(response.status(), 202);
    let expected = types::Job { job_id: "j_9".to_owned(), eta_seconds: Some(30) };
    assert_eq!(response.into_inner(), CreateSessionResponse::Accepted(expected));

    let server = answering(204, None).await;
    let response = client(&server).create_session(&new_session()).await.unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(response.into_inner(), CreateSessionResponse::NoContent);
}

#[tokio::test]
async fn statuses_with_one_body_share_a_variant_and_2xx_takes_the_rest() {
    let session = json!({"id": "s_1", "status": "approved"});
    let expected = types::Session { id: "s_1".to_owned(), status: types::SessionStatus::Approved };
    for status in [200, 201] {
        let server = answering(status, Some(session.clone())).await;
        let response = client(&server).put_session("s_1", &new_session()).await.unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(response.into_inner(), PutSessionResponse::OkOrCreated(expected.clone()));
    }

    let server = answering(202, Some(json!({"position": 3}))).await;
    let response = client(&server).put_session("s_1", &new_session()).await.unwrap();
    let PutSessionResponse::Accepted(queued) = response.into_inner() else {
        panic!("not Accepted")
    };
    assert_eq!(queued.position, 3);

    let server = answering(206, Some(json!({"partial": true}))).await;
    let response = client(&server).put_session("s_1", &new_session()).await.unwrap();
    assert_eq!(response.status(), 206);
    assert_eq!(response.into_inner(), PutSessionResponse::Success(json!({"partial": true})));
}

/// The excerpt docs/client.md shows, between the markers.
async fn report(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
    // docs excerpt begins
    let response = client.create_session(&new_session()).await?;
    match response.into_inner() {
        CreateSessionResponse::Created(session) => println!("session {}", session.id),
        CreateSessionResponse::Accepted(job) => println!("queued as {}", job.job_id),
        CreateSessionResponse::NoContent => println!("nothing to create"),
        other => println!("another success: {other:?}"),
    }
    // docs excerpt ends
    Ok(())
}

#[tokio::test]
async fn the_docs_excerpt_runs() {
    let server = answering(202, Some(json!({"job_id": "j_3"}))).await;
    report(&client(&server)).await.unwrap();
    let server = answering(500, None).await;
    assert!(report(&client(&server)).await.is_err());
}

#[tokio::test]
async fn a_body_in_another_media_type_comes_as_bytes() {
    let server = MockServer::start().await;
    let pdf = b"%PDF-1.7 not JSON".to_vec();
    Mock::given(path("/sessions/s_1/report"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server)
        .await;
    let response = client(&server).get_session_report("s_1").await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.into_inner(), GetSessionReportResponse::Ok(pdf));

    let server = MockServer::start().await;
    Mock::given(path("/sessions/s_1/report"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"job_id": "j_2"})))
        .mount(&server)
        .await;
    let response = client(&server).get_session_report("s_1").await.unwrap();
    let expected = types::Job { job_id: "j_2".to_owned(), eta_seconds: None };
    assert_eq!(response.into_inner(), GetSessionReportResponse::Accepted(expected));
}

#[tokio::test]
async fn a_body_that_does_not_match_its_status_is_a_decode_error_with_the_status() {
    // A job where the 201 promises a session.
    let server = answering(201, Some(json!({"job_id": "j_9"}))).await;
    let error = client(&server).create_session(&new_session()).await.unwrap_err();
    assert!(error.is_decode(), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(201));
    assert_eq!(error.request_id(), Some("req_7"));
    assert!(!error.to_string().contains("j_9"), "{error}");
}

#[tokio::test]
async fn what_a_body_holds_that_the_spec_lacks_is_drift() {
    let server = answering(201, Some(json!({"id": "s_1", "status": "archived", "region": "eu"}))).await;
    let client = client(&server);
    for _ in 0..2 {
        let response = client.create_session(&new_session()).await.unwrap();
        let CreateSessionResponse::Created(session) = response.into_inner() else {
            panic!("not Created")
        };
        assert_eq!(session.status, types::SessionStatus::Unknown("archived".to_owned()));
    }
    let drifts: Vec<_> = client
        .drift()
        .into_iter()
        .map(|d| (d.operation_id, d.pointer, d.kind, d.value, d.responses))
        .collect();
    assert_eq!(
        drifts,
        [
            ("createSession", "/region".to_owned(), sessions::DriftKind::UndescribedMember, None, 2),
            (
                "createSession",
                "/status".to_owned(),
                sessions::DriftKind::UnknownEnumValue,
                Some("archived".to_owned()),
                2
            ),
        ]
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let server = answering(202, Some(json!({"job_id": "j".repeat(4096)}))).await;
    let client = Client::builder().base_url(server.uri()).max_response_bytes(1024).build().unwrap();
    let error = client.create_session(&new_session()).await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::ResponseTooLarge { limit: 1024, .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(202));
}

#[tokio::test]
async fn an_error_status_is_still_an_error() {
    let server = answering(422, Some(json!({"errors": [{"code": "invalid"}]}))).await;
    let error = client(&server).create_session(&new_session()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(error.problems()[0].code.as_deref(), Some("invalid"));
}

#[tokio::test]
async fn the_mock_helpers_answer_each_status_with_its_type() {
    use sessions::mock::{MockServer, MockServerExt};

    let server = MockServer::start_async().await;
    let job = types::Job { job_id: "j_1".to_owned(), eta_seconds: None };
    let mock = server.create_session(|when, then| {
        when.body(&new_session());
        then.accepted(&job);
    });
    let client = Client::builder().base_url(server.base_url()).build().unwrap();
    let response = client.create_session(&new_session()).await.unwrap();
    assert_eq!(response.into_inner(), CreateSessionResponse::Accepted(job));
    mock.assert();

    let server = MockServer::start_async().await;
    server.create_session(|_, then| {
        then.no_content();
    });
    let client = Client::builder().base_url(server.base_url()).build().unwrap();
    let response = client.create_session(&new_session()).await.unwrap();
    assert_eq!(response.into_inner(), CreateSessionResponse::NoContent);

    // An error response from `components.responses` with an inline schema:
    // answered with any JSON.
    let server = MockServer::start_async().await;
    server.create_session(|_, then| {
        then.unprocessable_entity(&json!({"errors": [{"code": "too_late"}]}));
    });
    let client = Client::builder().base_url(server.base_url()).build().unwrap();
    let error = client.create_session(&new_session()).await.unwrap_err();
    assert_eq!(error.problems()[0].code.as_deref(), Some("too_late"));
}
"##;

#[test]
fn each_success_status_decodes_into_its_variant() {
    let scratch = Scratch::new("success-bodies");
    let (out, run) = regen_test_spec(&scratch, "success-bodies.yaml", "sessions");
    assert!(run.success, "{}", run.describe());
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    for item in [
        "pub enum CreateSessionResponse",
        "Created(Session)",
        "Accepted(Job)",
        "NoContent,",
        "OkOrCreated(Session)",
        "Accepted(PutSessionAccepted)",
        "Success(::serde_json::Value)",
        "Ok(::std::vec::Vec<u8>)",
        "/// `201 Created`: The session, created at once.",
    ] {
        assert!(api.contains(item), "src/api.rs lacks {item}");
    }
    // docs/client.md shows the excerpt the test below compiles and runs.
    let excerpt: Vec<&str> = ANSWERS
        .lines()
        .skip_while(|line| !line.contains("docs excerpt begins"))
        .skip(1)
        .take_while(|line| !line.contains("docs excerpt ends"))
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    let guide = fs::read_to_string(project_root().join("docs/client.md")).unwrap();
    assert!(excerpt.len() > 3);
    assert!(
        guide.contains(&format!("```rust\n{}\n```", excerpt.join("\n"))),
        "docs/client.md lacks the excerpt:\n{}",
        excerpt.join("\n")
    );

    let run = test_in_generated(&out, "answers", ANSWERS, &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    assert!(run.success, "{shown}");
    // All ran: none was filtered out or skipped.
    assert!(stdout.contains("test result: ok. 9 passed"), "{shown}");
}
