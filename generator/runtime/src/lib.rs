//! The part of every generated client that does not depend on the spec:
//! the `Error` every operation returns, the transport that retries, traces
//! and limits requests, the checks and set-up behind `ClientBuilder`, and
//! its TLS settings.
//!
//! This crate is never a dependency. The generator embeds its sources with
//! `include_str!` and writes them into every crate it generates, under
//! `src/runtime/`, so that a generated crate stands alone; this crate exists
//! so that they compile, lint and test on their own. Nothing in them names
//! generated code: the generated crate implements progenitor's hooks and
//! calls in.
//!
//! One source, two places: here each file is a module of the crate root,
//! there a module of `crate::runtime`. So the files reach each other as
//! `super::error`, `super::transport`, which is right in both, and never as
//! `crate::…`. The generator writes `src/runtime/mod.rs` itself: it declares
//! the same modules as this file, without the tests.

// Only generated crates with such operations call into it.
#[cfg(feature = "bodies")]
#[allow(dead_code)]
pub mod bodies;
pub mod config;
pub mod drift;
pub mod error;
// Only generated crates with form bodies of nested members call into it.
#[cfg(feature = "forms")]
#[allow(dead_code)]
pub mod forms;
pub mod open_enums;
// Only generated crates with list operations the client streams call into it.
#[cfg(feature = "pages")]
pub mod pages;
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
pub use transport::{Call, CallOptions, RetryPolicy, finish};
// Not every crate has an open enum.
#[allow(unused_imports)]
pub(crate) use open_enums::open_enum;

// What generated code names `crate::runtime` is the crate root here.
#[cfg(test)]
mod runtime {
    pub(crate) use crate::{drift, open_enum};
}

#[cfg(test)]
mod tests;
