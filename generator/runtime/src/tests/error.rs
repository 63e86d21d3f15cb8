//! Error bodies, `Retry-After`, redaction of echoed secrets and decoding
//! reasons.

use std::time::Duration;

use crate::runtime::error::*;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    let now = httpdate::parse_http_date("Thu, 26 Nov 2026 10:00:00 GMT").unwrap();
    let wait = |value| parse_retry_after(value, now);
    assert_eq!(wait("7"), Some(Duration::from_secs(7)));
    assert_eq!(wait(" 0 "), Some(Duration::ZERO));
    assert_eq!(
        wait("Thu, 26 Nov 2026 10:00:30 GMT"),
        Some(Duration::from_secs(30))
    );
    assert_eq!(wait("Thu, 26 Nov 2026 09:00:00 GMT"), Some(Duration::ZERO));
    assert_eq!(wait("soon"), None);
    assert_eq!(wait("-3"), None);
}

#[test]
fn json_api_problems_accept_numbers_and_both_detail_spellings() {
    let body = br#"{"errors":[{"status":422,"code":"invalid","details":"bad","source":{"pointer":"/data/id"}}]}"#;
    let parsed = ErrorBody::parse(&HeaderMap::new(), body, true, &Secrets::default());
    assert_eq!(parsed.shape(), BodyShape::Errors);
    let problem = &parsed.problems()[0];
    assert_eq!(problem.status.as_deref(), Some("422"));
    assert_eq!(problem.detail.as_deref(), Some("bad"));
    assert_eq!(problem.pointer.as_deref(), Some("/data/id"));
    assert!(
        !format!("{parsed:?}").contains("bad"),
        "detail is not printed"
    );
}

#[test]
fn a_long_list_of_problems_is_cut_in_messages() {
    let problems: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"code":"code_{i}","title":"Title {i}"}}"#))
        .collect();
    let body = format!(r#"{{"errors":[{}]}}"#, problems.join(","));
    let text = ErrorBody::parse(
        &HeaderMap::new(),
        body.as_bytes(),
        true,
        &Secrets::default(),
    )
    .to_string();
    assert_eq!(
        text,
        ": code_0: Title 0; code_1: Title 1; code_2: Title 2; and 7 more"
    );
}

#[test]
fn a_bearer_token_is_replaced_in_every_text_an_error_keeps() {
    let token = "eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbg.bearer-token-secret";
    // An empty secret is ignored: every text "contains" it.
    let secrets = Secrets::new([String::new(), token.to_owned()]);
    assert_eq!(
        secrets.redact(&format!("Authorization: Bearer {token}")),
        "Authorization: Bearer <redacted>"
    );
    assert_eq!(secrets.redact("no secret here"), "no secret here");

    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", format!("req-{token}").parse().unwrap());
    headers.insert("ratelimit-limit", token.parse().unwrap());
    let head = ResponseHead::new(StatusCode::UNAUTHORIZED, &headers, &secrets);
    assert_eq!(head.request_id(), Some("req-<redacted>"));
    assert_eq!(head.rate_limit().limit, None);

    let body = format!(
        r#"{{"error":{{"code":"{token}","message":"Bearer {token}","request_id":"{token}"}}}}"#
    );
    let parsed = ErrorBody::parse(&headers, body.as_bytes(), true, &secrets);
    let problem = &parsed.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("<redacted>"));
    assert_eq!(problem.detail.as_deref(), Some("Bearer <redacted>"));
    assert_eq!(problem.request_id.as_deref(), Some("<redacted>"));
    assert!(!format!("{parsed:?} {parsed} {head:?}").contains(token));
}

#[test]
fn a_response_head_reads_each_header_by_its_standard_name_first() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", "req-x".parse().unwrap());
    headers.insert("request-id", "req-standard".parse().unwrap());
    // Only the `x-` form: it is read.
    headers.insert("x-ratelimit-limit", " 100 ".parse().unwrap());
    // An empty standard value gives way to the `x-` form.
    headers.insert("ratelimit-remaining", "".parse().unwrap());
    headers.insert("x-ratelimit-remaining", "7".parse().unwrap());
    // A header sent twice is read from its first value.
    headers.append("ratelimit-reset", "30".parse().unwrap());
    headers.append("ratelimit-reset", "60".parse().unwrap());
    headers.insert("retry-after", "12".parse().unwrap());
    headers.insert("content-length", "2048".parse().unwrap());
    headers.insert("x-unrelated", "1".parse().unwrap());
    let head = ResponseHead::new(StatusCode::TOO_MANY_REQUESTS, &headers, &Secrets::default());
    assert_eq!(head.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(head.request_id(), Some("req-standard"));
    assert_eq!(head.rate_limit().limit, Some(100));
    assert_eq!(head.rate_limit().remaining, Some(7));
    assert_eq!(head.rate_limit().reset, Some(30));
    assert_eq!(head.retry_after(), Some(Duration::from_secs(12)));
    assert_eq!(head.content_length(), Some(2048));

    let head = ResponseHead::new(StatusCode::OK, &HeaderMap::new(), &Secrets::default());
    assert_eq!(head.request_id(), None);
    assert_eq!(head.rate_limit().limit, None);
    assert_eq!(head.retry_after(), None);
    assert_eq!(head.content_length(), None);
}

#[test]
fn decode_reasons_drop_the_value_found() {
    let reason = |json: &str| {
        let error = serde_json::from_str::<Vec<u32>>(json).unwrap_err();
        DecodeError::new(&error).reason().to_owned()
    };
    assert_eq!(reason(r#"["Ada Quill"]"#), "invalid type, expected u32");
    assert_eq!(reason("[1,"), "the body ends early");
    assert_eq!(reason("<html>"), "the body is not valid JSON");
}
