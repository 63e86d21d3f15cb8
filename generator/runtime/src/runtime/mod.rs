//! The part of the crate that does not depend on the spec, as the
//! generator's `client-runtime` crate has it: the `Error` every operation
//! returns, the transport that retries, traces and limits requests, the
//! checks and set-up behind `ClientBuilder`, its TLS settings, and what
//! the generated types have in common (`builder!`, `open_enum!`).

pub mod builders;
pub mod config;
pub mod drift;
pub mod error;
pub mod open_enums;
pub mod tls;
pub mod transport;

pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    HttpSettings, PlainHttp, Refusal, checked_base_url, env_var, http_client, write_deeper_causes,
};
pub use drift::{Drift, DriftKind, DriftLog};
pub use error::{
    BodyShape, DecodeError, Error, ErrorBody, ErrorKind, PagingError, Problem, RateLimit,
    ResponseHead, Secrets,
};
pub use transport::{Call, CallOptions, RetryPolicy, failure};
// Not every crate writes a value of its own types as text.
#[allow(unused_imports)]
pub(crate) use transport::{delimited, wire_text};
// Not every crate has a struct.
#[allow(unused_imports)]
pub(crate) use builders::builder;
// Not every crate has an open enum.
#[allow(unused_imports)]
pub(crate) use open_enums::open_enum;
