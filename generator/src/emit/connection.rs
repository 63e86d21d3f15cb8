//! Emits the public `Client` and what progenitor leaves out: building it
//! with the spec's authentication scheme and default server, directly or
//! from the environment, and the hook that sends progenitor's requests
//! through the runtime. What does not depend on the spec (the base-URL
//! rules, reading the environment, the HTTP client's set-up, the defaults)
//! is the runtime's, in `generator/runtime/src/config.rs`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::spec::{Auth, Document, http_header_name};

/// The code of the `connection` module.
pub fn generate(document: &Document) -> TokenStream {
    let prefix = &document.env_prefix;
    let base_url_env = format!("{prefix}_BASE_URL");
    let insecure_env = format!("{prefix}_ALLOW_INSECURE_HTTP");
    let credential = document
        .auth
        .as_ref()
        .zip(document.credential_env())
        .map(|(auth, env)| Credential::new(auth, env));

    // With a server in the spec, the client falls back to it; without one,
    // a base URL is required and its absence is an error of its own.
    let (default_base_url, base_url_or_default, missing_base_url, missing_base_url_message) =
        match &document.default_base_url {
            Some(url) => {
                let doc = doc("The base URL the spec's first server names, used unless \
                               [`ClientBuilder::base_url`] or the environment says otherwise.");
                (
                    quote! {
                        #doc
                        pub const DEFAULT_BASE_URL: &str = #url;
                    },
                    quote! { .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()) },
                    quote! {},
                    quote! {},
                )
            }
            None => {
                let message =
                    format!("no base URL: call ClientBuilder::base_url or set {base_url_env}");
                (
                    quote! {},
                    quote! { .ok_or(ConfigError::MissingBaseUrl)? },
                    quote! {
                        /// The spec names no server, and no base URL was given.
                        MissingBaseUrl,
                    },
                    quote! { Self::MissingBaseUrl => f.write_str(#message), },
                )
            }
        };

    let credential_items = credential.as_ref().map(Credential::items);
    let credential_field = credential.as_ref().map(Credential::field);
    let credential_setter = credential.as_ref().map(Credential::setter);
    let credential_from_env = credential.as_ref().map(Credential::read_from_env);
    let credential_errors = credential.as_ref().map(Credential::error_variants);
    let credential_messages = credential.as_ref().map(Credential::error_messages);
    let (headers_and_secrets, plain_http_credential, credential_header) = match &credential {
        Some(credential) => {
            let noun = credential.noun;
            let header = &credential.header_const;
            (
                credential.headers(),
                quote! { Some(#noun) },
                quote! { Some(#header) },
            )
        }
        None => (
            quote! {
                let headers = ::reqwest::header::HeaderMap::new();
                let secrets = Secrets::default();
            },
            quote! { None },
            quote! { None },
        ),
    };

    let from_env_doc = doc(&match &credential {
        Some(c) => format!(
            "Builds a client from the environment: the {} from `{}`, and the base URL \
             from `{base_url_env}` when it is set. A plain `http` base URL to another \
             host than this one needs `{insecure_env}=1`.",
            c.noun, c.env
        ),
        None => format!(
            "Builds a client with the base URL from `{base_url_env}` when it is set. A \
             plain `http` base URL to another host than this one needs `{insecure_env}=1`."
        ),
    });
    let user_agent = format!(
        "{}/{} (Rust; generated from an OpenAPI description)",
        document.package.name, document.package.version
    );

    let client_doc = doc(&format!(
        "A client for the {}. Cheap to clone: clones share one connection pool.",
        document.api.info.title
    ));

    quote! {
        //! The [`Client`] and how to build it: credentials, base URL,
        //! timeouts, deadline, retries and the HTTP stack under them.

        use ::std::fmt;
        use ::std::time::Duration;

        use ::progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

        use crate::runtime::{
            self, Call, CallOptions, HttpSettings, PlainHttp, Refusal, RetryPolicy, Secrets,
            DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
            checked_base_url, http_client,
        };

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            http: ::reqwest::Client,
            base_url: String,
            retry: RetryPolicy,
            /// Each attempt's timeout, which a call may change.
            timeout: Duration,
            /// The budget of a whole call, which a call may change.
            deadline: Duration,
            max_response_bytes: u64,
            /// The credential, which errors keep out of text the server sent.
            secrets: Secrets,
            /// What responses held that the spec does not describe; clones
            /// share it.
            drift: runtime::DriftLog,
        }

        #default_base_url

        /// The environment variable [`Client::from_env`] reads a base URL from.
        pub const BASE_URL_ENV: &str = #base_url_env;

        /// The `User-Agent` requests carry, unless the builder says otherwise.
        pub const DEFAULT_USER_AGENT: &str = #user_agent;

        /// The environment variable that, set to `1`, lets [`Client::from_env`]
        /// take a plain `http` base URL to another host than this one
        /// (see [`ClientBuilder::allow_insecure_http`]).
        pub const ALLOW_INSECURE_HTTP_ENV: &str = #insecure_env;

        /// How the refusal of a plain `http` base URL words what it would expose
        /// and how to allow it.
        const PLAIN_HTTP: PlainHttp = PlainHttp {
            credential: #plain_http_credential,
            allow_env: ALLOW_INSECURE_HTTP_ENV,
        };

        #credential_items

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            #from_env_doc
            pub fn from_env() -> ::std::result::Result<Self, ConfigError> {
                Self::builder_from_env()?.build()
            }

            /// The builder [`Client::from_env`] builds, set from the environment;
            /// the command line changes it before building.
            pub(crate) fn builder_from_env() -> ::std::result::Result<ClientBuilder, ConfigError> {
                let env_var = |name| runtime::env_var(name).map_err(ConfigError::refused);
                let mut builder = Self::builder();
                #credential_from_env
                if let Some(base_url) = env_var(BASE_URL_ENV)? {
                    builder = builder.base_url(base_url);
                }
                if env_var(ALLOW_INSECURE_HTTP_ENV)?.as_deref() == Some("1") {
                    builder = builder.allow_insecure_http(true);
                }
                Ok(builder)
            }

            /// The base URL requests go to, without a trailing `/`.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// The retry policy requests are sent with.
            pub fn retry_policy(&self) -> RetryPolicy {
                self.retry
            }

            /// How long one call may take in all, unless the call says otherwise.
            pub fn deadline(&self) -> Duration {
                self.deadline
            }

            /// The most bytes of a success body the client reads.
            pub fn max_response_bytes(&self) -> u64 {
                self.max_response_bytes
            }

            /// Where the API's responses differed from the spec: each member
            /// the spec does not describe and each enum value it does not
            /// list, once per operation and JSON pointer, in the order this
            /// client and its clones first met them, with how many responses
            /// held them. The first time, the client also emits a `tracing`
            /// event (`warn` for an enum value, `info` for a member). It keeps
            /// the first 128 (the runtime's `MAX_DRIFTS`) and only counts the
            /// rest, so that a server cannot grow its memory without bound.
            pub fn drift(&self) -> Vec<crate::Drift> {
                self.drift.drifts()
            }

            /// progenitor's client for one call of the operation `operation_id`,
            /// as the caller's `options` change it.
            pub(crate) fn call(
                &self,
                operation_id: &'static str,
                options: CallOptions,
            ) -> crate::api::Client {
                let call = Call::new(
                    operation_id,
                    self.retry,
                    self.max_response_bytes,
                    self.secrets.clone(),
                )
                .reporting_drift_to(self.drift.clone());
                let call =
                    call.with_options(options, self.timeout, Some(self.deadline), #credential_header);
                crate::api::Client::new_with_client(&self.base_url, self.http.clone(), call)
            }
        }

        /// progenitor's client sends every request through the runtime, which
        /// retries, traces and limits it.
        impl ClientHooks<Call> for crate::api::Client {
            /// A call whose options were refused fails before anything is sent.
            async fn pre<E>(
                &self,
                _: &mut ::reqwest::Request,
                _: &OperationInfo,
            ) -> ::std::result::Result<(), ::progenitor_client::Error<E>> {
                match self.inner().refusal() {
                    Some(reason) => Err(::progenitor_client::Error::InvalidRequest(reason.to_owned())),
                    None => Ok(()),
                }
            }

            /// Not an `async fn`: one would hold the request beside the
            /// runtime's future, which holds it already.
            fn exec(
                &self,
                request: ::reqwest::Request,
                _: &OperationInfo,
            ) -> impl ::std::future::Future<Output = ::reqwest::Result<::reqwest::Response>> {
                self.inner().send(self.client(), request)
            }
        }

        /// Configures a [`Client`]; [`ClientBuilder::build`] checks the settings.
        #[derive(Clone, Debug, Default)]
        pub struct ClientBuilder {
            #credential_field
            base_url: ::std::option::Option<String>,
            allow_insecure_http: bool,
            connect_timeout: ::std::option::Option<Duration>,
            timeout: ::std::option::Option<Duration>,
            deadline: ::std::option::Option<Duration>,
            retry: RetryPolicy,
            max_response_bytes: ::std::option::Option<u64>,
            user_agent: ::std::option::Option<String>,
            http: HttpSettings,
        }

        impl ClientBuilder {
            #credential_setter

            /// Sends requests to `base_url` (scheme, host, optional port and path
            /// stem) instead of the default. A plain `http` URL is refused unless
            /// its host is this machine (`localhost`, `127.0.0.0/8`, `::1`) or
            /// [`ClientBuilder::allow_insecure_http`] says otherwise.
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.base_url = Some(base_url.into());
                self
            }

            /// Accepts a plain `http` base URL to another host than this one,
            /// where anyone on the way can read and change every request and
            /// response. Off by default, so that a mistyped URL never sends the
            /// credential in clear text.
            pub fn allow_insecure_http(mut self, allow: bool) -> Self {
                self.allow_insecure_http = allow;
                self
            }

            /// Limits how long opening a connection may take
            /// (default [`DEFAULT_CONNECT_TIMEOUT`]).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = Some(timeout);
                self
            }

            /// Limits how long one attempt may take, from sending the request to
            /// reading the last byte of the response (default [`DEFAULT_TIMEOUT`]).
            /// A retried request may take this long for each attempt.
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            /// Limits how long one call may take in all, every attempt and the
            /// waits between them included (default [`DEFAULT_DEADLINE`]). A wait
            /// that would end past it is not started, and the attempt running
            /// when it comes is cut short; the call then fails with
            /// [`ErrorKind::DeadlineExceeded`](crate::ErrorKind::DeadlineExceeded),
            /// which keeps the last response's status. `Duration::MAX` means no
            /// deadline. A call may set its own (`.deadline(…)` on the call).
            pub fn deadline(mut self, deadline: Duration) -> Self {
                self.deadline = Some(deadline);
                self
            }

            /// Sends failed requests again as `policy` says (default
            /// [`RetryPolicy::default`]).
            pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
                self.retry = policy;
                self
            }

            /// Sends a failed request again at most `retries` times; 0 turns
            /// retries off. Shorthand for changing the retry policy.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.retry = self.retry.max_retries(retries);
                self
            }

            /// Reads at most `bytes` of a success body (default
            /// [`DEFAULT_MAX_RESPONSE_BYTES`]); a longer body, or a
            /// `Content-Length` over the limit, makes the call fail with
            /// [`ErrorKind::ResponseTooLarge`](crate::ErrorKind::ResponseTooLarge).
            /// A streamed body counts too.
            pub fn max_response_bytes(mut self, bytes: u64) -> Self {
                self.max_response_bytes = Some(bytes);
                self
            }

            /// Sends `user_agent` as the `User-Agent` of every request (default
            /// [`DEFAULT_USER_AGENT`]).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = Some(user_agent.into());
                self
            }

            /// Changes reqwest's own settings of the HTTP client under every call:
            /// a proxy (with its credentials), connection-pool sizes, a local
            /// address, TCP keep-alive. Several calls apply in order.
            ///
            /// `change` runs before the client's own settings, which win over
            /// the same settings made in it: the credential, the `User-Agent`,
            /// the redirect rule, the timeouts and TLS stay as this builder sets
            /// them. reqwest's TLS methods have no effect here; roots and
            /// client certificates go through
            /// [`ClientBuilder::add_root_certificate_pem`] and
            /// [`ClientBuilder::client_identity_pem`]. A proxy sees what it
            /// carries: an `https` base URL goes through it as an encrypted
            /// tunnel, a plain `http` one in the clear, credential included.
            /// Proxies named by `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY` are
            /// used unless `change` calls `no_proxy()`.
            pub fn configure_http(
                mut self,
                change: impl Fn(::reqwest::ClientBuilder) -> ::reqwest::ClientBuilder
                    + Send
                    + Sync
                    + 'static,
            ) -> Self {
                self.http.configure(change);
                self
            }

            /// Trusts the certificates in `pem` (one or more `BEGIN
            /// CERTIFICATE` blocks) as roots, besides the system's: for a
            /// server or a TLS-inspecting proxy with a private certificate
            /// authority. [`ClientBuilder::build`] refuses PEM it cannot read.
            pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
                self.http.add_roots_pem(pem.as_ref());
                self
            }

            /// Shows the certificate chain and private key in `pem` to a server
            /// that asks for a client certificate (mutual TLS). The key never
            /// shows in `Debug` output or errors.
            pub fn client_identity_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
                self.http.identity_pem(pem.as_ref());
                self
            }

            /// Checks the settings and builds the client.
            pub fn build(self) -> ::std::result::Result<Client, ConfigError> {
                let base_url = self.base_url #base_url_or_default;
                let base_url = checked_base_url(&base_url, self.allow_insecure_http, PLAIN_HTTP)
                    .map_err(ConfigError::refused)?;
                #headers_and_secrets
                let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
                let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
                let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
                let http = http_client(headers, user_agent, connect_timeout, timeout, &self.http)
                    .map_err(ConfigError::refused)?;
                Ok(Client {
                    http,
                    base_url,
                    retry: self.retry,
                    timeout,
                    deadline: self.deadline.unwrap_or(DEFAULT_DEADLINE),
                    max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                    drift: runtime::DriftLog::new(secrets.clone()),
                    secrets,
                })
            }
        }

        /// Why a client could not be built. Messages never contain a credential.
        ///
        /// `Debug` prints the message `Display` gives, followed by its causes,
        /// rather than the variant and its fields. A `ConfigError` usually ends a
        /// program at start-up, and a `main` returning `Result<(), Box<dyn Error>>`
        /// prints the error it got through `?` with `Debug`: "no API key: …" tells
        /// whoever runs the program what to do, `MissingApiKey` does not. Code that
        /// handles the cases apart matches on the variants.
        #[non_exhaustive]
        pub enum ConfigError {
            #credential_errors
            #missing_base_url
            /// The base URL is not an absolute http(s) URL, or is plain http to
            /// another machine without [`ClientBuilder::allow_insecure_http`].
            InvalidBaseUrl {
                /// The URL as given.
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
            HttpClient(::reqwest::Error),
            /// TLS could not be set up (for example, the system has no CA certificates).
            Tls(::rustls::Error),
            /// A root certificate or the client identity given as PEM cannot be read.
            InvalidCertificate {
                /// Which of them, and what is wrong with it.
                reason: String,
            },
        }

        impl ConfigError {
            /// The variant for what the runtime refused, which every client
            /// shares.
            fn refused(refusal: Refusal) -> Self {
                match refusal {
                    Refusal::InvalidBaseUrl { base_url, reason } => {
                        Self::InvalidBaseUrl { base_url, reason }
                    }
                    Refusal::NotUnicode { name } => Self::NotUnicode { name },
                    Refusal::InvalidUserAgent => Self::InvalidUserAgent,
                    Refusal::HttpClient(e) => Self::HttpClient(e),
                    Refusal::Tls(e) => Self::Tls(e),
                    Refusal::InvalidCertificate { reason } => Self::InvalidCertificate { reason },
                }
            }
        }

        impl fmt::Display for ConfigError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #credential_messages
                    #missing_base_url_message
                    Self::InvalidBaseUrl { base_url, reason } => {
                        write!(f, "base URL `{base_url}` is not usable: {reason}")
                    }
                    Self::NotUnicode { name } => write!(f, "{name} is not valid UTF-8"),
                    Self::InvalidUserAgent => f.write_str(
                        "the user agent has characters an HTTP header cannot carry (a line break?)",
                    ),
                    Self::HttpClient(e) => write!(f, "cannot set up the HTTP client: {e}"),
                    Self::Tls(e) => write!(f, "cannot set up TLS: {e}"),
                    Self::InvalidCertificate { reason } => write!(f, "cannot read the {reason}"),
                }
            }
        }

        impl fmt::Debug for ConfigError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)?;
                runtime::write_deeper_causes(f, self)
            }
        }

        impl ::std::error::Error for ConfigError {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::HttpClient(e) => Some(e),
                    Self::Tls(e) => Some(e),
                    _ => None,
                }
            }
        }
    }
}

/// The spec's authentication scheme, as the builder applies it. Every name
/// comes from what the credential is called: `api_key`, `ApiKey`, `API_KEY_ENV`,
/// `MissingApiKey`.
struct Credential {
    /// Builder method and field: `api_key` or `bearer_token`.
    method: Ident,
    /// The type that holds it: `ApiKey` or `BearerToken`.
    type_name: Ident,
    /// Constant naming its environment variable: `API_KEY_ENV`.
    env_const: Ident,
    /// Constant naming its header: `API_KEY_HEADER`.
    header_const: Ident,
    /// Error variants: `MissingApiKey`, `InvalidApiKey`.
    missing: Ident,
    invalid: Ident,
    /// Words for it in docs and messages: "API key", "bearer token".
    noun: &'static str,
    /// The same with its article, starting a sentence: "An API key".
    a_noun: &'static str,
    /// Environment variable `from_env` reads it from.
    env: String,
    /// Header it travels in, lower case.
    header: String,
    /// Whether the header value is `Bearer <secret>` rather than the secret.
    bearer: bool,
    /// Scheme name in the spec, for the docs.
    scheme: String,
}

impl Credential {
    fn new(auth: &Auth, env: String) -> Self {
        let (snake, camel, noun, a_noun, header, bearer, scheme) = match auth {
            Auth::ApiKeyHeader { scheme, header } => (
                "api_key",
                "ApiKey",
                "API key",
                "An API key",
                http_header_name(header).expect("validated header name"),
                false,
                scheme,
            ),
            Auth::Bearer { scheme } => (
                "bearer_token",
                "BearerToken",
                "bearer token",
                "A bearer token",
                "authorization".to_owned(),
                true,
                scheme,
            ),
        };
        let upper = snake.to_uppercase();
        Credential {
            method: format_ident!("{snake}"),
            type_name: format_ident!("{camel}"),
            env_const: format_ident!("{upper}_ENV"),
            header_const: format_ident!("{upper}_HEADER"),
            missing: format_ident!("Missing{camel}"),
            invalid: format_ident!("Invalid{camel}"),
            noun,
            a_noun,
            env,
            header,
            bearer,
            scheme: scheme.clone(),
        }
    }

    /// The constants and the type that holds the credential.
    fn items(&self) -> TokenStream {
        let Credential {
            type_name,
            env_const,
            header_const,
            noun,
            a_noun,
            env,
            header,
            scheme,
            ..
        } = self;
        let env_doc = doc(&format!(
            "The environment variable [`Client::from_env`] reads the {noun} from."
        ));
        let header_doc = doc(&format!(
            "The header the {noun} travels in (security scheme `{scheme}`)."
        ));
        let type_doc = doc(&format!(
            "{a_noun}. It never shows in `Debug` output, and the header built from it \
             is marked sensitive so that HTTP tooling does not print it either."
        ));
        let redacted = format!("{type_name}(<redacted>)");
        quote! {
            #env_doc
            pub const #env_const: &str = #env;

            #header_doc
            pub const #header_const: &str = #header;

            #type_doc
            #[derive(Clone)]
            pub struct #type_name(String);

            impl fmt::Debug for #type_name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(#redacted)
                }
            }

            impl From<String> for #type_name {
                fn from(secret: String) -> Self {
                    Self(secret)
                }
            }

            impl From<&str> for #type_name {
                fn from(secret: &str) -> Self {
                    Self(secret.to_owned())
                }
            }
        }
    }

    fn field(&self) -> TokenStream {
        let Credential {
            method, type_name, ..
        } = self;
        quote! { #method: ::std::option::Option<#type_name>, }
    }

    fn setter(&self) -> TokenStream {
        let Credential {
            method, type_name, ..
        } = self;
        let doc = doc(&format!(
            "Authenticates every request with this {} (required).",
            self.noun
        ));
        quote! {
            #doc
            pub fn #method(mut self, #method: impl Into<#type_name>) -> Self {
                self.#method = Some(#method.into());
                self
            }
        }
    }

    /// The default headers with the credential's, and the secrets errors
    /// hide: `headers` and `secrets`.
    fn headers(&self) -> TokenStream {
        let Credential {
            method,
            type_name,
            header_const,
            missing,
            invalid,
            ..
        } = self;
        let value = if self.bearer {
            quote! { format!("Bearer {secret}") }
        } else {
            quote! { secret.as_str() }
        };
        quote! {
            let secret = match self.#method {
                Some(#type_name(secret)) if !secret.is_empty() => secret,
                _ => return Err(ConfigError::#missing),
            };
            let mut value = ::reqwest::header::HeaderValue::try_from(#value)
                .map_err(|_| ConfigError::#invalid)?;
            value.set_sensitive(true);
            let mut headers = ::reqwest::header::HeaderMap::new();
            headers.insert(::reqwest::header::HeaderName::from_static(#header_const), value);
            let secrets = Secrets::new([secret]);
        }
    }

    fn read_from_env(&self) -> TokenStream {
        let Credential {
            method, env_const, ..
        } = self;
        quote! {
            if let Some(secret) = env_var(#env_const)? {
                builder = builder.#method(secret);
            }
        }
    }

    fn error_variants(&self) -> TokenStream {
        let missing = doc(&format!(
            "No {} was given, neither to the builder nor in the environment.",
            self.noun
        ));
        let invalid = doc(&format!(
            "The {} has characters an HTTP header cannot carry, such as a line break.",
            self.noun
        ));
        let (missing_variant, invalid_variant) = (&self.missing, &self.invalid);
        quote! {
            #missing
            #missing_variant,
            #invalid
            #invalid_variant,
        }
    }

    fn error_messages(&self) -> TokenStream {
        let missing = format!(
            "no {}: call ClientBuilder::{} or set {}",
            self.noun, self.method, self.env
        );
        let invalid = format!(
            "the {} has characters an HTTP header cannot carry (a trailing line break?)",
            self.noun
        );
        let (missing_variant, invalid_variant) = (&self.missing, &self.invalid);
        quote! {
            Self::#missing_variant => f.write_str(#missing),
            Self::#invalid_variant => f.write_str(#invalid),
        }
    }
}

/// A doc attribute that prettyplease prints as `/// text`.
fn doc(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote! { #[doc = #text] }
}
