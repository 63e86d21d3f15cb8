//! The base-URL rules, reading the environment, the HTTP client's set-up and
//! `Debug` with causes.

use std::fmt;
use std::process::Command;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::runtime::config::*;

const API_KEY: PlainHttp = PlainHttp {
    credential: Some("API key"),
    allow_env: "SHOP_ALLOW_INSECURE_HTTP",
};

/// The reason `base_url` is refused, or what it becomes.
fn check(
    base_url: &str,
    allow_insecure_http: bool,
    plain_http: PlainHttp,
) -> Result<String, String> {
    checked_base_url(base_url, allow_insecure_http, plain_http).map_err(|refusal| match refusal {
        Refusal::InvalidBaseUrl { base_url, reason } => format!("{base_url}: {reason}"),
        other => panic!("a base URL check refused with {other:?}"),
    })
}

#[test]
fn a_base_url_loses_its_trailing_slash() {
    assert_eq!(
        check("https://api.example.test/v2/", false, API_KEY),
        Ok("https://api.example.test/v2".to_owned())
    );
    assert_eq!(
        check("https://api.example.test", false, API_KEY),
        Ok("https://api.example.test".to_owned())
    );
}

#[test]
fn a_base_url_must_be_absolute_http_without_query_or_fragment() {
    let refused = |url| check(url, false, API_KEY).unwrap_err();
    assert!(refused("api.example.test").contains("relative URL without a base"));
    assert_eq!(
        refused("ftp://api.example.test"),
        "ftp://api.example.test: the scheme must be http or https"
    );
    assert!(
        refused("https://api.example.test/?page=2").ends_with("must not have a query or fragment")
    );
    assert!(
        refused("https://api.example.test/#top").ends_with("must not have a query or fragment")
    );
}

#[test]
fn a_base_url_with_a_password_is_refused_without_showing_it() {
    for url in [
        "https://user:hunter2@api.example.test/v1",
        "https://hunter2@api.example.test",
    ] {
        let message = check(url, false, API_KEY).unwrap_err();
        assert!(!message.contains("hunter2"), "{message}");
        assert!(
            message.starts_with("https://<redacted>@api.example.test"),
            "{message}"
        );
        assert!(message.ends_with("it must not hold a user name or password"));
    }
}

#[test]
fn userinfo_is_cut_from_the_authority_only() {
    assert_eq!(
        without_userinfo("http://a:b@host:8080/p@th?q=@"),
        "http://<redacted>@host:8080/p@th?q=@"
    );
    assert_eq!(without_userinfo("http://host/p@th"), "http://host/p@th");
    assert_eq!(without_userinfo("not a url @ all"), "not a url @ all");
}

#[test]
fn plain_http_is_for_this_machine_unless_allowed() {
    for local in [
        "http://localhost:8080",
        "http://LOCALHOST",
        "http://127.0.0.1:4010",
        "http://127.0.0.2",
        "http://[::1]:4010",
    ] {
        assert!(check(local, false, API_KEY).is_ok(), "{local}");
    }
    let message = check("http://api.example.test", false, API_KEY).unwrap_err();
    assert_eq!(
        message,
        "http://api.example.test: plain http would send the API key unencrypted; use https, \
         or, on a network you trust, call ClientBuilder::allow_insecure_http(true) or set \
         SHOP_ALLOW_INSECURE_HTTP=1"
    );
    assert!(check("http://10.0.0.1", true, API_KEY).is_ok());

    let no_credential = PlainHttp {
        credential: None,
        allow_env: "WEATHER_ALLOW_INSECURE_HTTP",
    };
    let message = check("http://10.0.0.1", false, no_credential).unwrap_err();
    assert!(
        message.contains("would carry requests and responses unencrypted"),
        "{message}"
    );
    assert!(
        message.ends_with("WEATHER_ALLOW_INSECURE_HTTP=1"),
        "{message}"
    );
}

/// The variables [`env_var_reads_set_empty_and_non_unicode_values`] gives
/// the child process it runs [`env_var_in_a_child_process`] in.
const SET: &str = "CLIENT_RUNTIME_TEST_SET";
const EMPTY: &str = "CLIENT_RUNTIME_TEST_EMPTY";
const UNSET: &str = "CLIENT_RUNTIME_TEST_UNSET";
const NOT_UNICODE: &str = "CLIENT_RUNTIME_TEST_NOT_UNICODE";

/// Runs in a child process with the variables above set, so that no test
/// changes the environment of a process whose other threads read it.
#[test]
#[ignore = "run by env_var_reads_set_empty_and_non_unicode_values, with its environment"]
fn env_var_in_a_child_process() {
    assert_eq!(
        env_var(SET).unwrap().as_deref(),
        Some("https://127.0.0.1:1")
    );
    assert_eq!(env_var(EMPTY).unwrap(), None);
    assert_eq!(env_var(UNSET).unwrap(), None);
    match env_var(NOT_UNICODE) {
        Err(Refusal::NotUnicode { name }) => assert_eq!(name, NOT_UNICODE),
        other => panic!("expected NotUnicode, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn env_var_reads_set_empty_and_non_unicode_values() {
    use std::os::unix::ffi::OsStrExt;

    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "tests::config::env_var_in_a_child_process",
        ])
        .env(SET, "https://127.0.0.1:1")
        .env(EMPTY, "")
        .env_remove(UNSET)
        .env(NOT_UNICODE, std::ffi::OsStr::from_bytes(b"caf\xe9"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The child ran the test, rather than filtering it out.
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
}

#[test]
fn the_http_client_refuses_a_user_agent_no_header_can_carry() {
    let timeouts = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    let refused = http_client(
        HeaderMap::new(),
        "agent\nX-Injected: 1",
        timeouts.0,
        timeouts.1,
        &HttpSettings::default(),
    );
    assert!(
        matches!(refused, Err(Refusal::InvalidUserAgent)),
        "{refused:?}"
    );
    let built = http_client(
        HeaderMap::new(),
        "shop/0.1.0",
        timeouts.0,
        timeouts.1,
        &HttpSettings::default(),
    );
    assert!(built.is_ok(), "{built:?}");
}

#[test]
fn the_defaults_are_those_the_docs_give() {
    assert_eq!(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs(10));
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 4 * 1024 * 1024);
}

/// An error with a cause, for the `Debug` below.
#[derive(Debug)]
struct Layer(&'static str, Option<Box<Layer>>);

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Layer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.1.as_deref().map(|cause| cause as _)
    }
}

/// Prints like a generated `ConfigError`'s `Debug`: the message, which
/// quotes the direct cause, then the deeper ones.
struct MessageWithCauses(Layer);

impl fmt::Debug for MessageWithCauses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        if let Some(direct) = &self.0.1 {
            write!(f, ": {direct}")?;
        }
        write_deeper_causes(f, &self.0)
    }
}

#[test]
fn debug_goes_on_below_the_cause_the_message_quotes() {
    let error = Layer(
        "cannot set up the HTTP client",
        Some(Box::new(Layer(
            "builder error",
            Some(Box::new(Layer(
                "no TLS roots",
                Some(Box::new(Layer("empty store", None))),
            ))),
        ))),
    );
    assert_eq!(
        format!("{:?}", MessageWithCauses(error)),
        "cannot set up the HTTP client: builder error: no TLS roots: empty store"
    );
    let alone = Layer("no API key", None);
    assert_eq!(format!("{:?}", MessageWithCauses(alone)), "no API key");
}

/// A client as `ClientBuilder::build` makes it, without a credential.
fn client() -> reqwest::Client {
    http_client(
        HeaderMap::new(),
        "test/0",
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_TIMEOUT,
        &HttpSettings::default(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let api = MockServer::start().await;
    // Another port is another origin.
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&elsewhere)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/x", elsewhere.uri())),
        )
        .mount(&api)
        .await;

    let response = client().get(api.uri()).send().await.unwrap();
    assert_eq!(response.status(), 302);
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn redirects_within_the_origin_are_followed_five_times() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let api = MockServer::start().await;
    for hop in 0..6 {
        Mock::given(path(format!("/{hop}")))
            .respond_with(
                ResponseTemplate::new(307).insert_header("location", format!("/{}", hop + 1)),
            )
            .mount(&api)
            .await;
    }
    Mock::given(path("/6"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&api)
        .await;

    // /0 → /5 is five redirects, all followed; /5 answers with the sixth.
    let response = client()
        .get(format!("{}/0", api.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 307);
    assert_eq!(response.url().path(), "/5");
    let asked = api.received_requests().await.unwrap().len();
    assert_eq!(asked, 6, "/0 to /5, never /6");
}

/// `settings` turned into a client, or the reason it was refused.
fn built_with(settings: &HttpSettings) -> Result<reqwest::Client, String> {
    let timeouts = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    http_client(HeaderMap::new(), "t/0", timeouts.0, timeouts.1, settings).map_err(|refusal| {
        match refusal {
            Refusal::InvalidCertificate { reason } => reason,
            other => format!("{other:?}"),
        }
    })
}

#[test]
fn pem_that_holds_no_certificate_is_refused_with_its_place() {
    let mut settings = HttpSettings::default();
    settings.add_roots_pem(b"not a certificate");
    let reason = built_with(&settings).unwrap_err();
    assert_eq!(
        reason,
        "root certificate 1: no `BEGIN CERTIFICATE` block in it"
    );

    let mut settings = HttpSettings::default();
    // A certificate block whose base64 is broken.
    settings.add_roots_pem(b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
    let reason = built_with(&settings).unwrap_err();
    assert!(reason.starts_with("root certificate 1: "), "{reason}");
}

#[test]
fn an_identity_without_a_key_is_refused_without_quoting_it() {
    let mut settings = HttpSettings::default();
    settings.identity_pem(super::tls::SERVER_CERT.as_bytes());
    let reason = built_with(&settings).unwrap_err();
    assert!(reason.starts_with("client identity: "), "{reason}");
    assert!(!reason.contains("MII"), "the PEM text stays out: {reason}");

    let mut settings = HttpSettings::default();
    settings.identity_pem(super::tls::SERVER_KEY.as_bytes());
    let reason = built_with(&settings).unwrap_err();
    assert_eq!(
        reason,
        "client identity: no `BEGIN CERTIFICATE` block in it"
    );
}

#[test]
fn settings_show_what_is_set_but_not_the_key() {
    let mut settings = HttpSettings::default();
    let pem = format!("{}{}", super::tls::SERVER_CERT, super::tls::SERVER_KEY);
    settings.identity_pem(pem.as_bytes());
    settings.add_roots_pem(super::tls::SERVER_CERT.as_bytes());
    settings.configure(|builder| builder.pool_max_idle_per_host(1));
    assert!(built_with(&settings).is_ok());
    assert_eq!(
        format!("{settings:?}"),
        "HttpSettings { configure: 1, roots: 1, identity: true }"
    );
}

#[tokio::test]
async fn the_clients_own_settings_win_over_the_applications() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let api = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/x", elsewhere.uri())),
        )
        .mount(&api)
        .await;
    let mut settings = HttpSettings::default();
    // An application that asks to follow every redirect and to send its own
    // value in the credential's header gets neither.
    settings.configure(|builder| {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", "the application's".parse().unwrap());
        builder
            .redirect(reqwest::redirect::Policy::limited(10))
            .default_headers(headers)
    });
    let mut headers = HeaderMap::new();
    headers.insert("x-api-key", "the client's".parse().unwrap());
    let timeouts = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    let http = http_client(headers, "t/0", timeouts.0, timeouts.1, &settings).unwrap();
    let response = http.get(api.uri()).send().await.unwrap();
    assert_eq!(response.status(), 302, "the redirect is not followed");
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    let received = api.received_requests().await.unwrap();
    assert_eq!(received[0].headers["x-api-key"], "the client's");
}
