//! The contract check: every recording in `generated-client/tests/recordings/`
//! conforms to the project's spec, and recordings that do not are reported
//! with their member's path.

use std::fs;
use std::path::{Path, PathBuf};

use contract::{Error, Place, Recording, Violation};
use generator::for_tools::Document;
use serde_json::{Value, json};

/// The project's root: the contract crate sits in `generator/contract/`.
fn project_root() -> PathBuf {
    let contract = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = contract.parent().and_then(Path::parent);
    root.expect("the contract crate sits in the project")
        .to_owned()
}

fn load(spec: &Path) -> Document {
    generator::for_tools::checked_document(spec, None).expect("the spec is valid")
}

fn project_document() -> Document {
    load(&project_root().join("spec/beltic-identity.yaml"))
}

fn recordings_folder() -> PathBuf {
    project_root().join("generated-client/tests/recordings")
}

fn recording(name: &str) -> Recording {
    Recording::read(&recordings_folder().join(format!("{name}.json"))).expect("a recording")
}

/// The violations of `recording`, which the spec must describe.
fn violations(document: &Document, recording: &Recording) -> Vec<Violation> {
    contract::check(document, "edited", recording).expect("the spec describes the exchange")
}

/// `recording` with the body member at `pointer` set to `value`.
fn with_member(mut recording: Recording, pointer: &str, value: Value) -> Recording {
    *recording
        .response
        .body
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = value;
    recording
}

fn shown(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  {v}\n"))
        .collect::<String>()
}

/// Asserts that `violations` is exactly one, at `place`, and returns its
/// message.
fn only_violation(violations: &[Violation], place: Place) -> String {
    assert_eq!(
        violations.len(),
        1,
        "expected one violation:\n{}",
        shown(violations)
    );
    assert_eq!(violations[0].place, place, "{}", shown(violations));
    violations[0].message.clone()
}

#[test]
fn every_recording_conforms_to_the_spec() {
    let document = project_document();
    let mut paths: Vec<PathBuf> = fs::read_dir(recordings_folder())
        .expect("the recordings folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 8, "too few recordings: {paths:?}");

    let mut problems = Vec::new();
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy();
        let outcome = Recording::read(path).and_then(|r| contract::check(&document, &name, &r));
        match outcome {
            Ok(violations) => problems.extend(violations.iter().map(ToString::to_string)),
            Err(error) => problems.push(error.to_string()),
        }
    }
    assert!(
        problems.is_empty(),
        "recordings that depart from the spec:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn a_wrong_type_deep_in_the_body_is_reported_at_its_member() {
    let document = project_document();
    let edited = with_member(
        recording("completed-person-session"),
        "/data/attributes/behavior_analysis/bot_score",
        json!("three"),
    );
    let found = violations(&document, &edited);
    let message = only_violation(
        &found,
        Place::Body("/data/attributes/behavior_analysis/bot_score".into()),
    );
    assert!(message.contains("integer"), "{message}");
    assert!(message.contains("found a string"), "{message}");
    assert!(
        found[0]
            .to_string()
            .starts_with("edited: /data/attributes/behavior_analysis/bot_score: "),
        "{}",
        found[0]
    );

    // Inside an array, too.
    let edited = with_member(
        recording("business-session"),
        "/data/attributes/business/shareholders/1/percentage_of_share",
        json!(140.0),
    );
    let message = only_violation(
        &violations(&document, &edited),
        Place::Body("/data/attributes/business/shareholders/1/percentage_of_share".into()),
    );
    assert!(message.contains("maximum of 100"), "{message}");
}

#[test]
fn a_missing_required_member_is_reported_at_its_object() {
    let document = project_document();
    let mut edited = recording("completed-person-session");
    edited.response.body["data"]["attributes"]
        .as_object_mut()
        .unwrap()
        .remove("created_at");
    let message = only_violation(
        &violations(&document, &edited),
        Place::Body("/data/attributes".into()),
    );
    assert!(message.contains("\"created_at\""), "{message}");
    assert!(message.contains("required"), "{message}");
}

#[test]
fn null_is_a_violation_where_the_spec_does_not_allow_it() {
    let document = project_document();
    for pointer in [
        "/data/attributes/status",
        "/data/attributes/created_at",
        "/data/relationships/documents/data",
    ] {
        let edited = with_member(recording("completed-person-session"), pointer, Value::Null);
        let message = only_violation(&violations(&document, &edited), Place::Body(pointer.into()));
        assert!(message.contains("found null"), "{pointer}: {message}");
    }

    // `person` is `nullable` on its `allOf` wrapper: null is fine there.
    let edited = with_member(
        recording("completed-person-session"),
        "/data/attributes/person",
        Value::Null,
    );
    let found = violations(&document, &edited);
    assert!(found.is_empty(), "{}", shown(&found));
}

#[test]
fn a_malformed_format_is_reported_without_the_value() {
    let document = project_document();
    let secret = "born on Margaret's birthday";
    let edited = with_member(
        recording("completed-person-session"),
        "/data/attributes/person/birth_date",
        json!(secret),
    );
    let found = violations(&document, &edited);
    let message = only_violation(
        &found,
        Place::Body("/data/attributes/person/birth_date".into()),
    );
    assert!(message.contains("\"date\""), "{message}");
    assert!(!found[0].to_string().contains(secret), "{}", found[0]);
}

#[test]
fn an_enum_value_the_spec_does_not_list_is_a_violation_unless_marked() {
    let document = project_document();
    let pointer = "/data/attributes/status";
    let edited = with_member(
        recording("completed-person-session"),
        pointer,
        json!("paused"),
    );

    let found = violations(&document, &edited);
    let message = only_violation(&found, Place::Body(pointer.into()));
    assert!(message.contains("\"marked_for_review\""), "{message}");
    assert!(message.contains("unlisted"), "{message}");
    assert!(!message.contains("paused"), "the value is shown: {message}");

    let mut marked = edited.clone();
    marked.unlisted = vec![pointer.to_owned()];
    let found = violations(&document, &marked);
    assert!(found.is_empty(), "{}", shown(&found));

    // A mark with nothing unlisted under it is stale.
    let mut stale = recording("completed-person-session");
    stale.unlisted = vec![pointer.to_owned()];
    let message = only_violation(
        &violations(&document, &stale),
        Place::Unlisted(pointer.into()),
    );
    assert!(message.contains("remove the mark"), "{message}");
}

#[test]
fn members_the_spec_does_not_describe_are_allowed() {
    let document = project_document();
    let mut edited = recording("completed-person-session");
    edited.response.body["data"]["attributes"]["risk_score"] = json!({"value": 3});
    edited.response.body["data"]["attributes"]["person"]["nickname"] = json!("Ace");
    let found = violations(&document, &edited);
    assert!(found.is_empty(), "{}", shown(&found));
}

#[test]
fn declared_headers_are_checked_against_their_schemas() {
    let document = project_document();
    let mut edited = recording("completed-person-session");
    edited
        .response
        .headers
        .insert("ratelimit-remaining".into(), "plenty".into());
    let message = only_violation(
        &violations(&document, &edited),
        Place::Header("RateLimit-Remaining".into()),
    );
    assert!(message.contains("integer"), "{message}");

    edited
        .response
        .headers
        .insert("ratelimit-remaining".into(), "-1".into());
    let message = only_violation(
        &violations(&document, &edited),
        Place::Header("RateLimit-Remaining".into()),
    );
    assert!(message.contains("minimum of 0"), "{message}");
}

#[test]
fn a_status_the_spec_does_not_describe_is_an_error() {
    let document = project_document();
    let mut edited = recording("not-found");
    edited.response.status = 418;
    let error = contract::check(&document, "teapot", &edited).unwrap_err();
    assert!(
        matches!(error, Error::NoResponse { status: 418, .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(message.starts_with("teapot: getSession"), "{message}");
    assert!(message.contains("418"), "{message}");
}

#[test]
fn a_path_or_method_the_spec_does_not_describe_is_an_error() {
    let document = project_document();
    let mut edited = recording("completed-person-session");
    edited.request.path = "/v1/identity/accounts/253d6330".into();
    let error = contract::check(&document, "account", &edited).unwrap_err();
    assert!(matches!(error, Error::NoPath { .. }), "{error}");
    assert!(
        error.to_string().contains("/v1/identity/accounts/253d6330"),
        "{error}"
    );

    let mut edited = recording("completed-person-session");
    edited.request.method = "DELETE".into();
    let error = contract::check(&document, "delete", &edited).unwrap_err();
    assert!(matches!(error, Error::NoMethod { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("DELETE"), "{message}");
    assert!(message.contains("/v1/identity/sessions/{id}"), "{message}");
}

#[test]
fn responses_fall_back_to_the_status_range_then_default() {
    let dir = std::env::temp_dir().join(format!("generator-contract-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("ranges.yaml");
    fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: Ranges, version: 1.0.0}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: a thing
          content:
            application/vnd.thing+json:
              schema: {type: object, required: [id], properties: {id: {type: integer, format: int32}}}
        '4XX':
          description: a client error
          content:
            application/json:
              schema: {type: object, required: [client]}
        default:
          description: anything else
          content:
            application/json:
              schema: {type: object, required: [other]}
"#,
    )
    .unwrap();
    let document = load(&spec);
    let _ = fs::remove_dir_all(&dir);

    let exchange = |status: u16, body: Value| Recording {
        description: String::new(),
        request: contract::RecordedRequest {
            method: "GET".into(),
            path: "/things/7".into(),
            headers: Default::default(),
        },
        response: contract::RecordedResponse {
            status,
            headers: Default::default(),
            body,
        },
        unlisted: Vec::new(),
    };
    let check = |status, body| contract::check(&document, "ranges", &exchange(status, body));

    assert_eq!(check(200, json!({"id": 7})).unwrap(), []);
    let too_big = check(200, json!({"id": 3_000_000_000_u64})).unwrap();
    assert_eq!(too_big.len(), 1, "int32 bounds: {}", shown(&too_big));
    assert_eq!(check(404, json!({"client": 1})).unwrap(), []);
    assert_eq!(check(404, json!({"other": 1})).unwrap().len(), 1);
    assert_eq!(check(503, json!({"other": 1})).unwrap(), []);
    assert_eq!(check(503, json!({"client": 1})).unwrap().len(), 1);
}

#[test]
fn a_file_that_is_not_a_recording_is_an_error_without_its_values() {
    let dir = std::env::temp_dir().join(format!("generator-contract-bad-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    fs::write(&path, r#"{"request": {"method": "GET", "path": 7}}"#).unwrap();
    let error = Recording::read(&path).unwrap_err();
    let _ = fs::remove_dir_all(&dir);
    let message = error.to_string();
    assert!(message.contains("bad.json"), "{message}");
    assert!(message.contains("not a recording"), "{message}");
}
