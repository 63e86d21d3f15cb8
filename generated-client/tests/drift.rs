//! Drift signals end to end: a server on 127.0.0.1 answers with the
//! recorded sessions, changed where a test says, and the client tells,
//! once per operation and pointer, what the spec does not describe, in a
//! `tracing` event and in `Client::drift()`.

mod support;

use std::path::Path;

use beltic_identity::types::SessionStatus;
use beltic_identity::{Client, Drift, DriftKind};
use serde_json::Value;
use support::Captured;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The recorded response body of `recordings/{name}.json`.
fn recorded_body(name: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/recordings")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let recording: Value = serde_json::from_str(&text).unwrap();
    recording["response"]["body"].clone()
}

/// A server that answers every request with `body`, and a client of it.
async fn serving(body: &Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("sk_staging_drift_test_key")
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, client)
}

/// The session id of the recorded body.
fn session_id(body: &Value) -> uuid::Uuid {
    body["data"]["id"].as_str().unwrap().parse().unwrap()
}

/// The captured lines that mention `pointer` as an event field.
fn lines_about<'a>(text: &'a str, pointer: &str) -> Vec<&'a str> {
    let field = format!("pointer=\"{pointer}\"");
    text.lines().filter(|line| line.contains(&field)).collect()
}

/// The drifts of `client`, as `(operation, pointer, kind, value, responses)`.
fn drifts(client: &Client) -> Vec<(&'static str, String, DriftKind, Option<String>, u64)> {
    client
        .drift()
        .into_iter()
        .map(|d: Drift| (d.operation_id, d.pointer, d.kind, d.value, d.responses))
        .collect()
}

/// What an application might do with `Client::drift()`: a line per drift,
/// for its own log or a health page.
fn drift_report(client: &Client) -> Vec<String> {
    let mut lines = Vec::new();
    for drift in client.drift() {
        // `value` is `None` for members and for enums that are personal data.
        let value = drift.value.map(|v| format!(" {v:?}")).unwrap_or_default();
        lines.push(format!(
            "{} {}: {}{value}, in {} responses",
            drift.operation_id, drift.pointer, drift.kind, drift.responses
        ));
    }
    lines
}

#[tokio::test]
async fn an_unlisted_status_and_an_undescribed_member_are_told_once_each() {
    let mut body = recorded_body("completed-person-session");
    body["data"]["attributes"]["status"] = "archived".into();
    body["data"]["attributes"]["region"] = "eu-west-7".into();
    let (_server, client) = serving(&body).await;
    let captured = Captured::default();
    let _installed = captured.install();

    let id = session_id(&body);
    for _ in 0..3 {
        let session = client.get_session(&id).await.unwrap().into_inner();
        assert_eq!(
            session.data.attributes.status,
            SessionStatus::Unknown("archived".to_owned())
        );
    }
    // A clone shares the client's log.
    client.clone().get_session(&id).await.unwrap();

    let text = captured.text();
    let status = lines_about(&text, "/data/attributes/status");
    assert_eq!(status.len(), 1, "{text}");
    assert!(status[0].contains("WARN"), "{text}");
    assert!(status[0].contains("operation_id=\"getSession\""), "{text}");
    assert!(status[0].contains("kind=\"unknown_enum_value\""), "{text}");
    assert!(status[0].contains("value=\"archived\""), "{text}");
    let region = lines_about(&text, "/data/attributes/region");
    assert_eq!(region.len(), 1, "{text}");
    assert!(region[0].contains("INFO"), "{text}");
    assert!(region[0].contains("kind=\"undescribed_member\""), "{text}");
    // A member's value is never told.
    assert!(!text.contains("eu-west-7"), "{text}");

    let unknown = DriftKind::UnknownEnumValue;
    let member = DriftKind::UndescribedMember;
    assert_eq!(
        drifts(&client),
        [
            (
                "getSession",
                "/data/attributes/region".to_owned(),
                member,
                None,
                4
            ),
            (
                "getSession",
                "/data/attributes/status".to_owned(),
                unknown,
                Some("archived".to_owned()),
                4
            ),
        ]
    );
    assert_eq!(
        drift_report(&client),
        [
            "getSession /data/attributes/region: undescribed_member, in 4 responses",
            "getSession /data/attributes/status: unknown_enum_value \"archived\", in 4 responses",
        ]
    );
}

#[tokio::test]
async fn members_in_personal_data_are_told_by_name_only() {
    let mut body = recorded_body("completed-person-session");
    let nickname = "Jojo from the fourth floor";
    body["data"]["attributes"]["person"]["nickname"] = nickname.into();
    body["data"]["attributes"]["business"] = serde_json::json!({
        "shareholders": [
            {"name": "A", "tax_residence": "Atlantis"},
            {"name": "B", "tax_residence": "Lemuria"}
        ]
    });
    let (_server, client) = serving(&body).await;
    let captured = Captured::default();
    let _installed = captured.install();

    client.get_session(&session_id(&body)).await.unwrap();

    let text = captured.text();
    assert_eq!(
        lines_about(&text, "/data/attributes/person/nickname").len(),
        1,
        "{text}"
    );
    // Every shareholder's extra member is one pointer.
    let residence = "/data/attributes/business/shareholders/*/tax_residence";
    assert_eq!(lines_about(&text, residence).len(), 1, "{text}");
    for value in [nickname, "Atlantis", "Lemuria"] {
        assert!(!text.contains(value), "{value} told: {text}");
        assert!(!format!("{:?}", client.drift()).contains(value));
    }
    let mut pointers: Vec<String> = client.drift().into_iter().map(|d| d.pointer).collect();
    pointers.sort();
    assert_eq!(pointers, [residence, "/data/attributes/person/nickname"]);
}

#[tokio::test]
async fn the_recorded_created_session_shows_the_members_the_spec_lacks() {
    let body = recorded_body("created-session");
    let (_server, client) = serving(&body).await;
    client.get_session(&session_id(&body)).await.unwrap();
    let member = DriftKind::UndescribedMember;
    assert_eq!(
        drifts(&client),
        [
            (
                "getSession",
                "/data/attributes/risk_signals".to_owned(),
                member,
                None,
                1
            ),
            ("getSession", "/included".to_owned(), member, None, 1),
        ]
    );
}

#[tokio::test]
async fn a_clean_recording_shows_no_drift() {
    let body = recorded_body("completed-person-session");
    let (_server, client) = serving(&body).await;
    let captured = Captured::default();
    let _installed = captured.install();
    for _ in 0..2 {
        client.get_session(&session_id(&body)).await.unwrap();
    }
    assert_eq!(client.drift(), []);
    let text = captured.text();
    assert!(!text.contains("pointer="), "{text}");
}
