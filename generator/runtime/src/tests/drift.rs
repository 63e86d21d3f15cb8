//! What the drift log learns from bodies: members the types skip, enum
//! values they do not list, where, how often, and never a personal value.
//! The types stand for what the generator writes: plain serde structs, an
//! open enum, a personal open enum and an untagged `oneOf`.

use serde::Deserialize;

use crate::runtime::drift::*;
use crate::runtime::error::Secrets;

/// An open enum as the generator writes it, personal or not: the enum,
/// its wire values, and the runtime's `open_enum!` for the rest.
macro_rules! open_enum {
    ($name:ident $(, $personal:ident)?, [$($value:literal => $variant:ident),*]) => {
        #[derive(Debug, PartialEq)]
        enum $name {
            $($variant,)*
            Unknown(String),
        }

        impl $name {
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            fn listed(value: &str) -> Option<Self> {
                match value {
                    $($value => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        crate::runtime::open_enum!($name, Unknown $(, $personal)?);
    };
}

open_enum!(Status, ["created" => Created, "approved" => Approved]);
open_enum!(Nationality, personal, ["fr" => Fr, "de" => De]);

#[derive(Debug, Deserialize)]
struct Document {
    data: Vec<Session>,
}

#[derive(Debug, Deserialize)]
struct Session {
    id: String,
    status: Status,
    #[serde(default)]
    person: Option<Person>,
}

#[derive(Debug, Deserialize)]
struct Person {
    nationality: Nationality,
}

fn decode_document(log: &DriftLog, body: &str) -> serde_json::Result<Document> {
    decode("listSessions", log, body.as_bytes())
}

/// The drifts of `log`, as `(pointer, kind, value, responses)`.
fn seen(log: &DriftLog) -> Vec<(String, DriftKind, Option<String>, u64)> {
    log.drifts()
        .into_iter()
        .map(|d| {
            assert_eq!(d.operation_id, "listSessions");
            (d.pointer, d.kind, d.value, d.responses)
        })
        .collect()
}

#[test]
fn a_clean_body_leaves_the_log_empty() {
    let log = DriftLog::default();
    let document = decode_document(
        &log,
        r#"{"data":[{"id":"a","status":"created","person":{"nationality":"fr"}}]}"#,
    )
    .unwrap();
    assert_eq!(document.data[0].status, Status::Created);
    assert_eq!(seen(&log), []);
}

#[test]
fn undescribed_members_are_logged_once_per_pointer_with_array_indices_as_stars() {
    let log = DriftLog::default();
    let body = r#"{"data":[
        {"id":"a","status":"created","region":"eu"},
        {"id":"b","status":"created","region":"us","person":{"nationality":"de","a/b~c":1}}
    ],"meta":{"total":2}}"#;
    for _ in 0..3 {
        let document = decode_document(&log, body).unwrap();
        assert_eq!(document.data[1].id, "b");
    }
    let member = DriftKind::UndescribedMember;
    assert_eq!(
        seen(&log),
        [
            ("/data/*/region".to_owned(), member, None, 3),
            ("/data/*/person/a~1b~0c".to_owned(), member, None, 3),
            ("/meta".to_owned(), member, None, 3),
        ]
    );
}

#[test]
fn unlisted_enum_values_are_located_and_personal_ones_never_kept() {
    let log = DriftLog::default();
    let body = r#"{"data":[
        {"id":"a","status":"created"},
        {"id":"b","region":"eu","status":"archived","person":{"nationality":"xx-secret-land"}}
    ]}"#;
    let document = decode_document(&log, body).unwrap();
    assert_eq!(
        document.data[1].status,
        Status::Unknown("archived".to_owned())
    );
    let person = document.data[1].person.as_ref().unwrap();
    assert_eq!(
        person.nationality,
        Nationality::Unknown("xx-secret-land".to_owned())
    );
    decode_document(&log, body).unwrap();

    let value = DriftKind::UnknownEnumValue;
    assert_eq!(
        seen(&log),
        [
            (
                "/data/*/region".to_owned(),
                DriftKind::UndescribedMember,
                None,
                2
            ),
            (
                "/data/*/status".to_owned(),
                value,
                Some("archived".to_owned()),
                2
            ),
            ("/data/*/person/nationality".to_owned(), value, None, 2),
        ]
    );
    assert!(!format!("{:?}", log.drifts()).contains("secret-land"));
}

#[test]
fn members_are_watched_in_the_first_responses_of_each_operation_then_one_in_many() {
    let log = DriftLog::default();
    let body = br#"{"data":[],"extra":1}"#;
    let calls = 100;
    for _ in 0..calls {
        let _: Document = decode("listSessions", &log, body).unwrap();
    }
    // Another operation starts its own count.
    let _: Document = decode("listArchived", &log, body).unwrap();

    let watched = (0..calls)
        .filter(|n| *n < MEMBERS_WATCHED_FIRST || n % MEMBERS_WATCHED_EVERY == 0)
        .count() as u64;
    assert!(watched < calls);
    let drifts = log.drifts();
    assert_eq!(drifts.len(), 2, "{drifts:?}");
    assert_eq!(
        (drifts[0].operation_id, drifts[0].responses),
        ("listSessions", watched)
    );
    assert_eq!(
        (drifts[1].operation_id, drifts[1].responses),
        ("listArchived", 1)
    );
}

#[test]
fn unlisted_enum_values_are_watched_in_every_response() {
    let log = DriftLog::default();
    let body = br#"{"data":[{"id":"a","status":"archived"}]}"#;
    for _ in 0..100 {
        let _: Document = decode("listSessions", &log, body).unwrap();
    }
    assert_eq!(log.drifts()[0].responses, 100);
}

#[test]
fn a_body_that_is_not_the_type_fails_as_from_slice_does_and_logs_nothing() {
    let log = DriftLog::default();
    for body in [
        r#"{"data":[{"id":"a"}]}"#,
        r#"{"data":[]} trailing"#,
        r#"{"data":[{"id":"a","status":"created","extra":1}"#,
    ] {
        let ours = decode_document(&log, body).unwrap_err();
        let serde_json = serde_json::from_str::<Document>(body).unwrap_err();
        assert_eq!(ours.to_string(), serde_json.to_string());
    }
    assert_eq!(seen(&log), []);
}

/// A `oneOf` as typify writes it: the first alternative that decodes wins.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Subject {
    Person { kind: Status, name: String },
    Business { kind: String, legal_name: String },
}

#[test]
fn a_value_in_an_alternative_that_did_not_match_is_not_drift() {
    let log = DriftLog::default();
    // The `Person` alternative meets `business` as an unlisted `kind`,
    // then fails for want of `name`; `Business` decodes.
    let subject: Subject = decode(
        "getSubject",
        &log,
        br#"{"kind":"business","legal_name":"Acme"}"#,
    )
    .unwrap();
    assert!(
        matches!(&subject, Subject::Business { kind, legal_name } if kind == "business" && legal_name == "Acme"),
        "{subject:?}"
    );
    assert_eq!(log.drifts(), []);

    // In the alternative that matched, the value is drift, at the
    // `oneOf`'s place: serde buffers what is inside.
    let subject: Subject = decode("getSubject", &log, br#"{"kind":"robot","name":"R2"}"#).unwrap();
    assert!(
        matches!(&subject, Subject::Person { kind: Status::Unknown(_), name } if name == "R2"),
        "{subject:?}"
    );
    let drifts = log.drifts();
    assert_eq!(drifts.len(), 1, "{drifts:?}");
    assert_eq!(drifts[0].kind, DriftKind::UnknownEnumValue);
    assert_eq!(drifts[0].pointer, "");
    assert_eq!(drifts[0].value.as_deref(), Some("robot"));
}

#[test]
fn the_log_keeps_a_bounded_number_of_drifts_and_counts_the_rest() {
    let log = DriftLog::default();
    let mut sent = 0;
    // All of them in the responses whose members are watched.
    let responses = MEMBERS_WATCHED_FIRST;
    for response in 0..responses {
        let members: Vec<String> = (0..40)
            .map(|i| format!(r#""member_{response}_{i}":{i}"#))
            .collect();
        let body = format!(r#"{{"data":[],{}}}"#, members.join(","));
        decode_document(&log, &body).unwrap();
        sent += members.len();
    }
    let drifts = log.drifts();
    // Each response adds at most 16 pointers; the log keeps 128.
    assert_eq!(drifts.len(), MAX_DRIFTS);
    assert_eq!(log.unkept(), responses * 16 - MAX_DRIFTS as u64);
    assert!(sent as u64 > responses * 16);
    assert!(drifts.iter().all(|d| d.responses == 1));
}

#[test]
fn long_names_are_cut_and_credentials_never_kept() {
    let log = DriftLog::new(Secrets::new(["sk_live_key".to_owned()]));
    let long = "é".repeat(1000);
    let body =
        format!(r#"{{"data":[{{"id":"a","status":"sk_live_key"}}],"{long}":1,"sk_live_key":2}}"#);
    decode_document(&log, &body).unwrap();
    let drifts = log.drifts();
    assert_eq!(drifts.len(), 3, "{drifts:?}");
    assert!(
        drifts
            .iter()
            .all(|d| d.pointer.len() <= 256 + '…'.len_utf8())
    );
    assert!(drifts.iter().any(|d| d.pointer.ends_with('…')));
    let text = format!("{drifts:?}");
    assert!(!text.contains("sk_live_key"), "{text}");
}

#[test]
fn outside_a_client_decode_an_unlisted_value_is_just_decoded() {
    let status: Status = serde_json::from_str(r#""archived""#).unwrap();
    assert_eq!(status, Status::Unknown("archived".to_owned()));
}

/// A `oneOf` in a member, with a member after it that no type describes.
#[derive(Debug, Deserialize)]
struct Case {
    subject: Subject,
}

#[test]
fn a_value_inside_a_nested_one_of_is_placed_at_the_root_and_later_members_keep_their_own_place() {
    let log = DriftLog::default();
    let case: Case = decode(
        "getSubject",
        &log,
        br#"{"subject":{"kind":"robot","name":"R2"},"extra":1}"#,
    )
    .unwrap();
    assert!(
        matches!(&case.subject, Subject::Person { kind: Status::Unknown(k), .. } if k == "robot"),
        "{case:?}"
    );
    let drifts: Vec<(String, DriftKind)> = log
        .drifts()
        .into_iter()
        .map(|d| (d.pointer, d.kind))
        .collect();
    // serde reads a `oneOf` from a buffer, where no path is known: the
    // value is placed at the root, and the member after it is not taken
    // for the value.
    assert_eq!(
        drifts,
        [
            ("/extra".to_owned(), DriftKind::UndescribedMember),
            (String::new(), DriftKind::UnknownEnumValue),
        ]
    );
}
