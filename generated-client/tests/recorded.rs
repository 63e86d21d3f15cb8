//! Replays each recorded exchange from a real HTTP server on 127.0.0.1 and
//! checks what the client sent and what it decoded, field by field.
//!
//! The recordings in `tests/recordings/` hold invented people only, and the
//! API key as `<scrubbed>`.

use std::path::Path;

use beltic_identity::types::{
    CreatorType, EntityType, SessionDocument, SessionResourceType, SessionStatus, ThreatLevel,
};
use beltic_identity::{Client, Error, ResponseValue};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The key the tests authenticate with; recordings hold `<scrubbed>` instead.
const TEST_KEY: &str = "sk_staging_replay_test_key";

/// One recorded exchange, as the files store it.
struct Recording {
    method: String,
    path: String,
    request_headers: serde_json::Map<String, Value>,
    status: u16,
    response_headers: serde_json::Map<String, Value>,
    body: Value,
}

impl Recording {
    fn load(name: &str) -> Self {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/recordings")
            .join(format!("{name}.json"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let mut value: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
        let mut take = |pointer: &str| {
            value
                .pointer_mut(pointer)
                .map(Value::take)
                .unwrap_or_else(|| panic!("{} has no {pointer}", file.display()))
        };
        let object = |v: Value| match v {
            Value::Object(map) => map,
            other => panic!("expected an object, found {other}"),
        };
        let text = |v: Value| v.as_str().expect("a string").to_owned();
        Recording {
            method: text(take("/request/method")),
            path: text(take("/request/path")),
            request_headers: object(take("/request/headers")),
            status: take("/response/status").as_u64().expect("a status") as u16,
            response_headers: object(take("/response/headers")),
            body: take("/response/body"),
        }
    }

    /// The session id: the last segment of the recorded path.
    fn session_id(&self) -> uuid::Uuid {
        self.path
            .rsplit('/')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("the recorded path ends in a UUID")
    }
}

type Outcome = Result<ResponseValue<SessionDocument>, Error>;

/// Serves `recording` on 127.0.0.1, calls `get_session` for its id, checks
/// the request the client sent, and returns the outcome with the recording.
async fn replay(name: &str) -> (Outcome, Recording) {
    let recording = Recording::load(name);
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(recording.status).set_body_raw(
        serde_json::to_vec(&recording.body).unwrap(),
        "application/json",
    );
    for (header, value) in &recording.response_headers {
        response = response.insert_header(header.as_str(), value.as_str().unwrap());
    }
    Mock::given(method(recording.method.as_str()))
        .and(path(recording.path.as_str()))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.uri())
        // One exchange per recording: the 429 and 500 would be retried.
        .max_retries(0)
        .build()
        .expect("a valid configuration");
    let outcome = client.get_session(&recording.session_id()).await;

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "{name}: exactly one request");
    let sent = &requests[0];
    assert_eq!(sent.method.as_str(), recording.method, "{name}: method");
    assert_eq!(sent.url.path(), recording.path, "{name}: path");
    for (header, recorded) in &recording.request_headers {
        let expected = match recorded.as_str().unwrap() {
            "<scrubbed>" => TEST_KEY,
            value => value,
        };
        let actual = sent
            .headers
            .get(header.as_str())
            .map(|v| v.to_str().unwrap());
        assert_eq!(actual, Some(expected), "{name}: request header {header}");
    }
    (outcome, recording)
}

fn timestamp(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 timestamp")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `value` without its `null` members: the typed model encodes an absent
/// value by leaving the member out.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Encodes the decoded document again and compares it with the recorded
/// body: every member the recording holds must have a typed home, with the
/// same value.
fn assert_round_trips(document: &SessionDocument, recorded: &Value) {
    let encoded = serde_json::to_value(document).unwrap();
    if let Some(difference) = first_difference("", &without_nulls(recorded), &encoded) {
        panic!("decoding and encoding again changed the document: {difference}");
    }
}

/// Where `encoded` first departs from `recorded`, as a JSON pointer and the
/// two values there.
fn first_difference(at: &str, recorded: &Value, encoded: &Value) -> Option<String> {
    match (recorded, encoded) {
        (Value::Object(r), Value::Object(e)) => r
            .keys()
            .chain(e.keys().filter(|k| !r.contains_key(*k)))
            .find_map(|key| {
                let here = format!("{at}/{key}");
                match (r.get(key), e.get(key)) {
                    (Some(r), Some(e)) => first_difference(&here, r, e),
                    (r, e) => Some(format!("{here}: recorded {r:?}, encoded {e:?}")),
                }
            }),
        (Value::Array(r), Value::Array(e)) if r.len() == e.len() => r
            .iter()
            .zip(e)
            .enumerate()
            .find_map(|(i, (r, e))| first_difference(&format!("{at}/{i}"), r, e)),
        _ => (recorded != encoded).then(|| format!("{at}: recorded {recorded}, encoded {encoded}")),
    }
}

/// Replays a recording of a session and checks that it decoded with status
/// 200 and encodes back to the recording. `unknown` names, as JSON pointers,
/// members the recording holds but the spec does not describe: they must be
/// there, and decoding must have ignored them.
async fn replay_session(name: &str, unknown: &[&str]) -> (SessionDocument, Recording) {
    let (outcome, mut recording) = replay(name).await;
    let response = match outcome {
        Ok(response) => response,
        Err(e) => panic!("{name}: expected a session, got {e:?}"),
    };
    assert_eq!(response.status(), 200, "{name}");
    let document = response.into_inner();

    let mut expected = recording.body.clone();
    for pointer in unknown {
        let (parent, member) = pointer.rsplit_once('/').unwrap();
        let removed = expected
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|object| object.remove(member));
        assert!(removed.is_some(), "{name} has no {pointer}");
    }
    assert_round_trips(&document, &expected);
    recording.body = expected;
    (document, recording)
}

fn error_response(outcome: Outcome) -> Error {
    match outcome {
        Err(error) if error.body().is_some() => error,
        Ok(_) => panic!("expected an error response, got a session"),
        Err(e) => panic!("expected an error status, got {e:?}"),
    }
}

#[tokio::test]
async fn completed_person_session_decodes_every_field() {
    let (document, recording) = replay_session("completed-person-session", &[]).await;

    let session = &document.data;
    assert_eq!(session.id, recording.session_id());
    assert_eq!(session.type_, SessionResourceType::Session);
    let a = &session.attributes;
    assert_eq!(a.status, SessionStatus::Approved);
    assert_eq!(a.creator_type, Some(CreatorType::System));
    assert_eq!(a.entity_type, Some(EntityType::Person));
    assert_eq!(
        a.creator_id.as_deref(),
        Some("usr_01J8W3K5QZP7RX2M4T6VBN9CDE")
    );
    assert_eq!(a.business, None);

    let person = a.person.as_ref().expect("a person session has a person");
    let name = person.name.as_ref().expect("a name");
    assert_eq!(name.first.as_deref(), Some("Ada"));
    assert_eq!(name.middle.as_deref(), Some("Mirren"));
    assert_eq!(name.last.as_deref(), Some("Quill"));
    assert_eq!(person.birth_date, Some(date(1988, 7, 21)));

    let numbers = a.identity_numbers.as_ref().expect("identity numbers");
    assert_eq!(numbers.number.as_deref(), Some("000-00-0000"));
    assert_eq!(numbers.issuing_country_code.as_deref(), Some("US"));
    assert_eq!(numbers.class.as_deref(), Some("ssn"));
    assert_eq!(
        numbers.created_at,
        Some(timestamp("2025-03-11T14:04:02.913Z"))
    );

    let contact = a.contact.as_ref().expect("contact");
    assert_eq!(contact.email.as_deref(), Some("ada.quill@example.com"));
    assert_eq!(contact.phone.as_deref(), Some("+15555550142"));

    let address = a.address.as_ref().expect("address");
    let recorded_address = &recording.body["data"]["attributes"]["address"];
    for (member, value) in [
        ("line1", &address.line1),
        ("line2", &address.line2),
        ("sublocality", &address.sublocality),
        ("locality", &address.locality),
        ("administrative_area", &address.administrative_area),
        ("postal_code", &address.postal_code),
        ("country_code", &address.country_code),
    ] {
        assert_eq!(
            value.as_deref(),
            Some(recorded_address[member].as_str().unwrap()),
            "address.{member}"
        );
    }

    let behavior = a.behavior_analysis.as_ref().expect("behaviour signals");
    let recorded_behavior = &recording.body["data"]["attributes"]["behavior_analysis"];
    assert_eq!(behavior.threat_level, Some(ThreatLevel::Low));
    assert_eq!(
        behavior.completion_time_seconds,
        recorded_behavior["completion_time_seconds"].as_f64()
    );
    assert_eq!(
        behavior.bot_score.map(i64::from),
        recorded_behavior["bot_score"].as_i64()
    );
    assert_eq!(
        behavior.hesitation_percentage,
        recorded_behavior["hesitation_percentage"].as_f64()
    );
    assert_eq!(
        behavior.devtools_open,
        recorded_behavior["devtools_open"].as_bool()
    );
    for (member, value) in [
        ("autofill_cancels", behavior.autofill_cancels),
        ("autofill_starts", behavior.autofill_starts),
        ("shortcut_copies", behavior.shortcut_copies),
        ("shortcut_pastes", behavior.shortcut_pastes),
        ("distraction_events", behavior.distraction_events),
        ("request_spoof_attempts", behavior.request_spoof_attempts),
        (
            "user_agent_spoof_attempts",
            behavior.user_agent_spoof_attempts,
        ),
        ("hesitation_baseline", behavior.hesitation_baseline),
        ("hesitation_count", behavior.hesitation_count),
        ("hesitation_time", behavior.hesitation_time),
    ] {
        assert_eq!(value, recorded_behavior[member].as_i64(), "{member}");
    }

    let recorded_attributes = &recording.body["data"]["attributes"];
    for (member, value) in [
        ("started_at", a.started_at),
        ("expires_at", a.expires_at),
        ("completed_at", a.completed_at),
        ("marked_for_review_at", a.marked_for_review_at),
        ("decisioned_at", a.decisioned_at),
    ] {
        let recorded = recorded_attributes[member].as_str().expect(member);
        assert_eq!(value, Some(timestamp(recorded)), "{member}");
    }
    assert!(a.created_at < a.updated_at);
    assert_eq!(
        (a.failed_at, a.expired_at, a.redacted_at),
        (None, None, None)
    );

    let relationships = session.relationships.as_ref().expect("relationships");
    let account = relationships.account.as_ref().unwrap().data.as_ref();
    assert_eq!(account.map(|a| a.type_.as_str()), Some("account"));
    assert_eq!(relationships.business.as_ref().unwrap().data, None);
    assert_eq!(relationships.documents.as_ref().unwrap().data.len(), 2);
    assert_eq!(
        relationships.session_devices.as_ref().unwrap().data.len(),
        1
    );
    assert_eq!(relationships.verifications.as_ref().unwrap().data.len(), 2);

    assert_eq!(document.meta.as_ref().map(|m| m.0.len()), Some(0));
    let links = document.links.as_ref().expect("links");
    assert_eq!(
        links.self_.as_deref(),
        Some(format!("https://api.beltic.com{}", recording.path).as_str())
    );
}

#[tokio::test]
async fn business_session_has_shareholders() {
    let (document, _) = replay_session("business-session", &[]).await;

    let a = &document.data.attributes;
    assert_eq!(a.status, SessionStatus::Completed);
    assert_eq!(a.entity_type, Some(EntityType::Business));
    assert_eq!(a.person, None);
    let business = a
        .business
        .as_ref()
        .expect("a business session has a business");
    assert!(business.legal_name.is_some());
    assert!(business.registration_date.is_some());

    let shareholders = business.shareholders.as_ref().expect("shareholders");
    assert_eq!(shareholders.len(), 2);
    let shares: Vec<_> = shareholders.iter().map(|s| s.percentage_of_share).collect();
    assert_eq!(shares, [Some(62.5), Some(37.5)]);
    assert_eq!(shareholders[0].number_of_share.as_deref(), Some("12500"));
    assert!(shareholders[0].date_of_birth.is_some());
    assert_eq!(shareholders[1].date_of_birth, None);

    let behavior = a.behavior_analysis.as_ref().expect("behaviour signals");
    assert_eq!(behavior.threat_level, Some(ThreatLevel::Medium));
    let relationships = document.data.relationships.as_ref().unwrap();
    let business_link = relationships.business.as_ref().unwrap().data.as_ref();
    assert_eq!(business_link.map(|b| b.type_.as_str()), Some("business"));
}

#[tokio::test]
async fn just_created_session_is_all_nulls_and_ignores_unknown_members() {
    // The server sent members the spec does not describe; decoding ignores
    // them, and everything else round-trips.
    let unknown = ["/data/attributes/risk_signals", "/included"];
    let (document, _) = replay_session("created-session", &unknown).await;

    let a = &document.data.attributes;
    assert_eq!(a.status, SessionStatus::Created);
    assert!(a.expires_at.is_some());
    assert_eq!(
        [
            a.started_at,
            a.completed_at,
            a.failed_at,
            a.marked_for_review_at,
            a.decisioned_at,
            a.expired_at,
            a.redacted_at,
        ],
        [None; 7]
    );
    assert_eq!(a.creator_id, None);
    assert_eq!((&a.person, &a.business), (&None, &None));
    assert_eq!((&a.contact, &a.address), (&None, &None));
    assert_eq!((&a.identity_numbers, &a.behavior_analysis), (&None, &None));
    let relationships = document.data.relationships.as_ref().unwrap();
    assert!(relationships.documents.as_ref().unwrap().data.is_empty());
    assert_eq!(relationships.account.as_ref().unwrap().data, None);
}

#[tokio::test]
async fn redacted_session_keeps_status_and_timestamps() {
    let (document, _) = replay_session("redacted-session", &[]).await;

    let a = &document.data.attributes;
    assert_eq!(a.status, SessionStatus::Declined);
    assert!(a.redacted_at.is_some() && a.decisioned_at.is_some());
    let name = a.person.as_ref().and_then(|p| p.name.as_ref()).unwrap();
    assert_eq!((&name.first, &name.last), (&None, &None));
    assert_eq!(a.person.as_ref().unwrap().birth_date, None);
    assert_eq!((&a.contact, &a.address), (&None, &None));
    let behavior = a.behavior_analysis.as_ref().expect("`{}` decodes");
    assert_eq!(behavior.bot_score, None);
}

#[tokio::test]
async fn unauthorized_is_a_typed_error() {
    let (outcome, _) = replay("unauthorized").await;
    let error = error_response(outcome);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(error.is_unauthorized() && !error.is_retryable());
    let problem = &error.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("unauthorized"));
    assert_eq!(problem.status.as_deref(), Some("401"));
    assert_eq!(problem.title.as_deref(), Some("Unauthorized"));
}

#[tokio::test]
async fn not_found_names_the_parameter() {
    let (outcome, recording) = replay("not-found").await;
    let error = error_response(outcome);
    assert!(error.is_not_found());
    assert_eq!(
        error.request_id(),
        recording.response_headers["request-id"].as_str()
    );
    let problem = &error.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("not_found"));
    assert_eq!(problem.detail.as_deref(), Some("Session not found"));
    assert_eq!(problem.parameter.as_deref(), Some("id"));
}

#[tokio::test]
async fn rate_limited_carries_retry_after() {
    let (outcome, _) = replay("rate-limited").await;
    let error = error_response(outcome);
    assert!(error.is_rate_limited() && error.is_retryable());
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(1)));
    assert_eq!(error.rate_limit().and_then(|r| r.remaining), Some(0));
    assert_eq!(error.problems()[0].code.as_deref(), Some("rate_limited"));
}

#[tokio::test]
async fn server_error_reads_details_spelling() {
    let (outcome, _) = replay("server-error").await;
    let error = error_response(outcome);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    let problem = &error.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("internal_error"));
    // `details`, the spelling some of the API family uses, reads as `detail`.
    assert!(problem.detail.as_deref().is_some_and(|d| !d.is_empty()));
}

#[test]
fn every_recording_is_replayed_here() {
    // A recording added without a test would prove nothing.
    let source = include_str!("recorded.rs");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recordings");
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 8, "recordings: {names:?}");
    for name in names {
        assert!(
            source.contains(&format!("(\"{name}\"")),
            "tests/recordings/{name}.json is not replayed by any test"
        );
    }
}
