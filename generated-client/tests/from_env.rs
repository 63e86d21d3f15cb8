//! `Client::from_env`, in a test binary of its own: it changes the process's
//! environment, which no other test may observe half-way.

use beltic_identity::{ALLOW_INSECURE_HTTP_ENV, API_KEY_ENV, BASE_URL_ENV, Client, ConfigError};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test(flavor = "current_thread")]
async fn from_env_reads_the_key_and_base_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-api-key", "sk_staging_from_env"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"errors":[{"status":"401","code":"unauthorized"}]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    // SAFETY: this binary has a single test on a single thread, so nothing
    // reads the environment while it changes.
    unsafe {
        std::env::remove_var(API_KEY_ENV);
        std::env::remove_var(BASE_URL_ENV);
        std::env::remove_var(ALLOW_INSECURE_HTTP_ENV);
    }
    let error = Client::from_env().unwrap_err();
    assert!(matches!(error, ConfigError::MissingApiKey), "{error:?}");
    assert!(error.to_string().contains(API_KEY_ENV));

    unsafe {
        std::env::set_var(API_KEY_ENV, "sk_staging_from_env");
        std::env::set_var(BASE_URL_ENV, server.uri());
    }
    let client = Client::from_env().expect("key and base URL from the environment");
    assert_eq!(client.base_url(), server.uri());
    let error = client
        .get_session(&uuid::Uuid::nil())
        .await
        .expect_err("the server answers 401");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    unsafe { std::env::set_var(BASE_URL_ENV, "not a url") };
    let error = Client::from_env().unwrap_err();
    assert!(
        matches!(error, ConfigError::InvalidBaseUrl { .. }),
        "{error:?}"
    );

    // Plain http to another host: refused, with how to opt in, until the
    // variable says `1`.
    unsafe { std::env::set_var(BASE_URL_ENV, "http://api.beltic.com") };
    for allow in [None, Some("0"), Some("yes")] {
        match allow {
            Some(value) => unsafe { std::env::set_var(ALLOW_INSECURE_HTTP_ENV, value) },
            None => unsafe { std::env::remove_var(ALLOW_INSECURE_HTTP_ENV) },
        }
        let error = Client::from_env().unwrap_err();
        assert!(
            error
                .to_string()
                .contains(&format!("set {ALLOW_INSECURE_HTTP_ENV}=1")),
            "{error}"
        );
    }
    unsafe { std::env::set_var(ALLOW_INSECURE_HTTP_ENV, "1") };
    let client = Client::from_env().expect("plain http, opted in");
    assert_eq!(client.base_url(), "http://api.beltic.com");
}
