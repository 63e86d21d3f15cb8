//! What building a client checks and sets up, whatever the spec: the
//! defaults for timeouts and the response limit, the rules a base URL must
//! pass, reading the environment, and the HTTP client under every call.
//!
//! The generated `connection` module keeps what depends on the spec (the
//! credential, the names of the environment variables, the default server)
//! and turns a [`Refusal`] into the variant of its `ConfigError` that has
//! the same name.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderValue};
use rustls::pki_types::pem::{Error as PemError, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::tls::client_config;
use super::transport::redirect_policy;

/// How long opening a connection may take, unless the builder says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one attempt of a request may take, from sending it to reading
/// the last byte of the response, unless the builder says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one call may take in all, every attempt and the waits between
/// them included, unless the builder or the call says otherwise.
// Two retries of 30 s attempts, with `Retry-After` waits of up to 30 s, could
// otherwise hold a caller for two and a half minutes. A minute leaves room
// for two slow attempts, or many quick ones, and for a caller to act on the
// error while whatever it serves is still waiting.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// The most bytes of a success body the client reads, unless the builder
/// says otherwise: a body that is longer is an error, and so is a
/// `Content-Length` over it (then none of the body is read).
// A session document of the Beltic API is a few KiB (the largest recording's
// body is 2.3 KB as compact JSON): 4 MiB leaves room for well over a thousand
// times that, or a long list from another API, while a body that never ends
// costs a bounded amount of memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 4 * 1024 * 1024;

/// A setting refused for a reason that does not depend on the spec. The
/// generated `ConfigError` has a variant of the same name and fields for
/// each, which is what users match on.
#[derive(Debug)]
pub enum Refusal {
    /// The base URL is not an absolute http(s) URL, or is plain http to
    /// another machine without the opt-in.
    InvalidBaseUrl {
        /// The URL as given, with any user name and password replaced.
        base_url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An environment variable holds bytes that are not UTF-8.
    NotUnicode {
        /// The variable's name.
        name: &'static str,
    },
    /// The `User-Agent` has characters an HTTP header cannot carry.
    InvalidUserAgent,
    /// The HTTP client could not be set up.
    HttpClient(reqwest::Error),
    /// TLS could not be set up (for example, the system has no CA certificates).
    Tls(rustls::Error),
    /// A root certificate or the client identity given as PEM cannot be read.
    InvalidCertificate {
        /// Which of them, and what is wrong with it.
        reason: String,
    },
}

/// What a plain `http` base URL would expose, and the environment variable
/// that allows one: the words of the refusal, which depend on the spec.
#[derive(Clone, Copy, Debug)]
pub struct PlainHttp {
    /// The credential's name in messages ("API key"), or `None` when the
    /// spec has none.
    pub credential: Option<&'static str>,
    /// The environment variable that, set to `1`, allows plain http.
    pub allow_env: &'static str,
}

/// Checks a base URL and returns it without a trailing `/`, since operation
/// paths start with one. Plain `http` is refused unless the host is this
/// machine or `allow_insecure_http` is set; `plain_http` words that refusal.
pub fn checked_base_url(
    base_url: &str,
    allow_insecure_http: bool,
    plain_http: PlainHttp,
) -> Result<String, Refusal> {
    let invalid = |reason: String| Refusal::InvalidBaseUrl {
        base_url: without_userinfo(base_url),
        reason,
    };
    let url = Url::parse(base_url).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https".to_owned()));
    }
    // The client and its errors print the base URL, so it must hold no
    // secret; credentials go through the builder.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "it must not hold a user name or password".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment".to_owned()));
    }
    if url.scheme() == "http" && !allow_insecure_http && !is_this_machine(&url) {
        return Err(invalid(plain_http.refusal()));
    }
    Ok(base_url.trim_end_matches('/').to_owned())
}

impl PlainHttp {
    /// Why plain http is refused, and the two ways to allow it.
    fn refusal(self) -> String {
        let exposed = match self.credential {
            Some(credential) => format!("send the {credential} unencrypted"),
            None => "carry requests and responses unencrypted".to_owned(),
        };
        format!(
            "plain http would {exposed}; use https, or, on a network you trust, call \
             ClientBuilder::allow_insecure_http(true) or set {}=1",
            self.allow_env
        )
    }
}

/// Whether `url`'s host is this machine: `localhost` or a loopback
/// address, which plain http reaches without crossing a network.
pub(crate) fn is_this_machine(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    // IPv6 hosts come in brackets: `[::1]`.
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `base_url` with anything between `://` and an `@` in its authority
/// replaced, for messages: it may be a password.
pub(crate) fn without_userinfo(base_url: &str) -> String {
    let Some((scheme, rest)) = base_url.split_once("://") else {
        return base_url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://<redacted>@{}", &rest[at + 1..]),
        None => base_url.to_owned(),
    }
}

/// Reads an environment variable; unset and empty are the same.
pub fn env_var(name: &'static str) -> Result<Option<String>, Refusal> {
    match std::env::var(name) {
        Ok(value) if value.is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Refusal::NotUnicode { name }),
    }
}

/// A change the application makes to reqwest's `ClientBuilder`.
type Configure = Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

/// What the application adds to the HTTP client under every call: reqwest
/// settings of its own (a proxy, pool sizes, a local address), roots to
/// trust besides the system's, and an identity for mutual TLS. The
/// generated `ClientBuilder` keeps one and fills it.
#[derive(Clone, Default)]
pub struct HttpSettings {
    /// Applied in order, before the client's own settings.
    configure: Vec<Configure>,
    /// PEM text, read when the client is built so that the builder's
    /// methods stay infallible.
    roots: Vec<Vec<u8>>,
    identity: Option<Vec<u8>>,
}

impl HttpSettings {
    /// Adds a change to reqwest's `ClientBuilder`.
    pub fn configure(
        &mut self,
        change: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) {
        self.configure.push(Arc::new(change));
    }

    /// Trusts the certificates of `pem` as roots.
    pub fn add_roots_pem(&mut self, pem: &[u8]) {
        self.roots.push(pem.to_vec());
    }

    /// Shows the certificate chain and private key of `pem` to servers
    /// that ask for a client certificate.
    pub fn identity_pem(&mut self, pem: &[u8]) {
        self.identity = Some(pem.to_vec());
    }

    /// The roots, every certificate of every PEM text given.
    fn roots(&self) -> Result<Vec<CertificateDer<'static>>, Refusal> {
        let mut roots = Vec::new();
        for (index, pem) in self.roots.iter().enumerate() {
            let invalid = |reason: String| Refusal::InvalidCertificate {
                reason: format!("root certificate {}: {reason}", index + 1),
            };
            let before = roots.len();
            for certificate in CertificateDer::pem_slice_iter(pem) {
                roots.push(certificate.map_err(|e| invalid(pem_reason(&e, "CERTIFICATE")))?);
            }
            if roots.len() == before {
                return Err(invalid(pem_reason(&PemError::NoItemsFound, "CERTIFICATE")));
            }
        }
        Ok(roots)
    }

    /// The identity's certificate chain and key.
    #[allow(clippy::type_complexity)]
    fn identity(
        &self,
    ) -> Result<Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>, Refusal> {
        let Some(pem) = &self.identity else {
            return Ok(None);
        };
        // The reason never quotes the PEM text: it holds a private key.
        let invalid = |reason: String| Refusal::InvalidCertificate {
            reason: format!("client identity: {reason}"),
        };
        let chain = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid(pem_reason(&e, "CERTIFICATE")))?;
        if chain.is_empty() {
            return Err(invalid(pem_reason(&PemError::NoItemsFound, "CERTIFICATE")));
        }
        let key = PrivateKeyDer::from_pem_slice(pem)
            .map_err(|e| invalid(pem_reason(&e, "PRIVATE KEY")))?;
        Ok(Some((chain, key)))
    }
}

/// What is wrong with PEM text that should hold a `label` block, in words
/// rather than pki-types' own, which print a line as a list of bytes.
fn pem_reason(error: &PemError, label: &str) -> String {
    match error {
        PemError::NoItemsFound => format!("no `BEGIN {label}` block in it"),
        PemError::MissingSectionEnd { .. } => {
            "a `-----BEGIN` line has no matching `-----END` line".to_owned()
        }
        PemError::IllegalSectionStart { .. } => "a `-----BEGIN` line is malformed".to_owned(),
        PemError::Base64Decode(reason) => format!("a block is not valid base64 ({reason})"),
        other => other.to_string(),
    }
}

/// Says what is set, never the keys or certificates themselves.
impl fmt::Debug for HttpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpSettings")
            .field("configure", &self.configure.len())
            .field("roots", &self.roots.len())
            .field("identity", &self.identity.is_some())
            .finish()
    }
}

/// The HTTP client every call of one `Client` goes through: `headers` (the
/// credential's among them) on every request, the redirect rule of
/// `transport::redirect_policy`, the timeouts given, and TLS as
/// `tls::client_config` sets it up, with the application's `settings`.
///
/// The application's changes to reqwest's builder come first and the
/// client's own settings last, so that no change can take the credential
/// off, follow a redirect to another origin, lift the timeouts or replace
/// TLS: they win over the same settings made earlier.
pub fn http_client(
    headers: HeaderMap,
    user_agent: &str,
    connect_timeout: Duration,
    timeout: Duration,
    settings: &HttpSettings,
) -> Result<reqwest::Client, Refusal> {
    let user_agent = HeaderValue::from_str(user_agent).map_err(|_| Refusal::InvalidUserAgent)?;
    let tls = client_config(settings.roots()?, settings.identity()?).map_err(Refusal::Tls)?;
    let builder = settings
        .configure
        .iter()
        .fold(reqwest::Client::builder(), |builder, change| {
            change(builder)
        });
    builder
        .tls_backend_preconfigured(tls)
        .default_headers(headers)
        .user_agent(user_agent)
        .redirect(redirect_policy())
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .build()
        .map_err(Refusal::HttpClient)
}

/// Writes what lies under `error`'s direct cause, each behind `": "`, for a
/// `Debug` that prints the message: the message quotes the direct cause, and
/// the reason is often deeper (reqwest says only "builder error").
pub fn write_deeper_causes(
    f: &mut fmt::Formatter<'_>,
    error: &dyn std::error::Error,
) -> fmt::Result {
    let mut cause = error.source().and_then(|direct| direct.source());
    while let Some(deeper) = cause {
        write!(f, ": {deeper}")?;
        cause = deeper.source();
    }
    Ok(())
}
