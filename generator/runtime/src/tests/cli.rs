//! The command line's readings of arguments, and its redaction.

use std::time::Duration;

use serde_json::{Value, json};

use crate::runtime::cli::{REDACTED, duration, header, redact, value};

#[test]
fn durations_take_a_unit_or_are_seconds() {
    assert_eq!(duration("30s"), Ok(Duration::from_secs(30)));
    assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
    assert_eq!(duration("2m"), Ok(Duration::from_secs(120)));
    assert_eq!(duration("1h"), Ok(Duration::from_secs(3600)));
    assert_eq!(duration("1.5"), Ok(Duration::from_millis(1500)));
    assert!(duration("5x").unwrap_err().contains("unknown unit `x`"));
    assert!(duration("soon").unwrap_err().contains("such as 30s"));
    assert!(duration("-1s").is_err());
}

#[test]
fn a_header_is_a_name_and_a_value() {
    assert_eq!(
        header("X-Correlation-Id: nightly"),
        Ok(("X-Correlation-Id".to_owned(), "nightly".to_owned()))
    );
    // The value may hold colons; only the first one divides.
    assert_eq!(
        header("Forwarded:for=1.2.3.4:80"),
        Ok(("Forwarded".to_owned(), "for=1.2.3.4:80".to_owned()))
    );
    assert!(header("no-colon").is_err());
    assert!(header(": value").is_err());
}

#[test]
fn a_value_is_read_as_text_first_then_as_json() {
    assert_eq!(value::<String>("42"), Ok("42".to_owned()));
    assert_eq!(value::<u32>("42"), Ok(42));
    assert_eq!(value::<bool>("true"), Ok(true));
    assert_eq!(value::<Vec<u8>>("[1, 2]"), Ok(vec![1, 2]));
    let error = value::<u32>("forty-two").unwrap_err();
    assert!(error.contains("expected u32"), "{error}");
}

fn redacted(mut body: Value, pointers: &[&str]) -> Value {
    for pointer in pointers {
        let segments: Vec<&str> = pointer.split('/').skip(1).collect();
        redact(&mut body, &segments);
    }
    body
}

#[test]
fn personal_data_is_replaced_wherever_a_pointer_reaches() {
    let body = json!({
        "data": [
            {"id": "s_1", "person": {"name": "Ada"}},
            {"id": "s_2", "person": null},
            {"id": "s_3"}
        ],
        "owners": {"a": {"email": "a@example.com"}, "b": {"email": "b@example.com"}},
        "a/b": "slash",
        "root": "kept"
    });
    let body = redacted(
        body,
        &["/data/*/person", "/owners/*/email", "/a~1b", "/missing/x"],
    );
    assert_eq!(body["data"][0]["person"], REDACTED);
    // Nothing to hide: null stays null, and a member absent stays absent.
    assert_eq!(body["data"][1]["person"], Value::Null);
    assert!(body["data"][2].get("person").is_none());
    assert_eq!(body["owners"]["b"]["email"], REDACTED);
    assert_eq!(body["a/b"], REDACTED);
    assert_eq!(body["data"][0]["id"], "s_1");
    assert_eq!(body["root"], "kept");
    // The empty pointer is the whole value: an item that is personal data.
    assert_eq!(redacted(json!({"name": "Ada"}), &[""]), REDACTED);
}
