//! Building a client: what the builder accepts, what it refuses, and that the
//! API key never shows in `Debug` output or error messages.

use beltic_identity::{API_KEY_HEADER, Client, ConfigError, DEFAULT_BASE_URL};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_staging_configuration_test_key";

#[test]
fn the_key_never_shows_in_debug_output() {
    let builder = Client::builder()
        .api_key(KEY)
        .base_url("http://127.0.0.1:9");
    let client = builder.clone().build().unwrap();
    for shown in [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!shown.contains(KEY), "key printed: {shown}");
        assert!(
            !shown.contains("configuration_test"),
            "part of the key printed: {shown}"
        );
    }
    // The Debug output is still useful: it shows where requests go.
    assert!(format!("{client:?}").contains("127.0.0.1:9"));
}

#[test]
fn a_missing_or_empty_key_is_refused_with_what_to_do() {
    for builder in [Client::builder(), Client::builder().api_key("")] {
        let error = builder.build().unwrap_err();
        assert!(matches!(error, ConfigError::MissingApiKey), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("BELTIC_API_KEY"), "{message}");
        assert!(message.contains("api_key"), "{message}");
    }
}

/// A `main` returning `Result<(), Box<dyn Error>>` prints an error it got
/// through `?` with `Debug`, so `Debug` is the message, which says what to do.
#[test]
fn config_error_debug_reads_like_its_message() {
    let missing_key = Client::builder().build().unwrap_err();
    let bad_url = Client::builder()
        .api_key(KEY)
        .base_url("ftp://127.0.0.1")
        .build()
        .unwrap_err();
    for error in [missing_key, bad_url] {
        let message = error.to_string();
        assert!(!message.contains("MissingApiKey") && !message.contains('{'));
        assert_eq!(format!("{error:?}"), message);
        assert_eq!(format!("{error:#?}"), message);
        let from_main: Box<dyn std::error::Error> = error.into();
        assert_eq!(format!("{from_main:?}"), message);
    }
}

#[test]
fn a_key_with_a_line_break_is_refused_without_echoing_it() {
    let key = format!("{KEY}\n");
    let error = Client::builder().api_key(key).build().unwrap_err();
    assert!(matches!(error, ConfigError::InvalidApiKey), "{error:?}");
    assert!(!error.to_string().contains(KEY));
    assert!(!format!("{error:?}").contains(KEY));
}

#[test]
fn a_base_url_must_be_absolute_http() {
    for (url, reason) in [
        ("api.beltic.com", "relative URL"),
        ("ftp://127.0.0.1", "http or https"),
        ("http://127.0.0.1/?x=1", "query"),
    ] {
        let error = Client::builder()
            .api_key(KEY)
            .base_url(url)
            .build()
            .unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(error, ConfigError::InvalidBaseUrl { .. }),
            "{error:?}"
        );
        assert!(
            message.contains(url) && message.contains(reason),
            "{message}"
        );
    }
}

#[test]
fn a_base_url_with_a_password_is_refused_without_echoing_it() {
    for url in [
        "https://admin:hunter2-secret@api.beltic.com",
        "https://hunter2-secret@api.beltic.com/v1",
        "https://admin:hunter2-secret@[not a host",
    ] {
        let error = Client::builder()
            .api_key(KEY)
            .base_url(url)
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::InvalidBaseUrl { .. }),
            "{error:?}"
        );
        for printed in [error.to_string(), format!("{error:?}")] {
            assert!(!printed.contains("hunter2-secret"), "{printed}");
            assert!(printed.contains("<redacted>@"), "{printed}");
        }
    }
}

#[test]
fn the_default_base_url_is_the_specs_server() {
    assert_eq!(DEFAULT_BASE_URL, "https://api.beltic.com");
    let client = Client::builder().api_key(KEY).build().unwrap();
    assert_eq!(client.base_url(), DEFAULT_BASE_URL);
}

#[tokio::test]
async fn the_key_travels_in_the_specs_header_and_a_trailing_slash_is_harmless() {
    let server = MockServer::start().await;
    let id = uuid::Uuid::from_u128(0x12345678_9abc_4def_8123_456789abcdef);
    let route = format!("/v1/identity/sessions/{id}");
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .and(header(API_KEY_HEADER, KEY))
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            r#"{"errors":[{"status":"404","code":"not_found"}]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("{}/", server.uri()))
        .build()
        .unwrap();
    let error = client.get_session(&id).await.unwrap_err();
    // Only a request on the right path with the key reaches the mock; any
    // other gets wiremock's default 404 without a body, which fails to decode.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        error.problems().first().and_then(|p| p.code.as_deref()),
        Some("not_found"),
        "{error:?}"
    );
    assert!(!format!("{error:?}").contains(KEY));
    assert!(!error.to_string().contains(KEY));
}
