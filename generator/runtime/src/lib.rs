//! The part of every generated client that does not depend on the spec:
//! the `Error` every operation returns, the transport that retries, traces
//! and limits requests, the checks and set-up behind `ClientBuilder`, and
//! its TLS settings.
//!
//! This crate is never a dependency. The generator embeds the files of
//! `src/runtime/` with `include_str!` and copies them, as they are, into
//! every crate it generates, under the same path, so that a generated crate
//! stands alone; this crate exists so that they compile, lint and test on
//! their own. Nothing in them names generated code: the generated crate
//! implements progenitor's hooks and calls in.
//!
//! Here as there, the files are the module `crate::runtime`, and reach each
//! other as `super::error`, `super::transport`. Its module root,
//! `src/runtime/mod.rs`, declares what every crate gets. `bodies`, `cli`,
//! `forms`, `pages` and `patterns` only some crates get: the generator
//! copies their files and writes their declarations into the module root of
//! a crate that needs them; here they are declared below, behind the
//! features of those names.

/// What a generated crate names `crate::runtime`: the module root, and the
/// modules only some crates get.
pub mod runtime {
    pub use super::every_crate::*;

    // Only generated crates with such operations call into it.
    #[cfg(feature = "bodies")]
    #[allow(dead_code)]
    pub mod bodies;
    // Only the command line of generated crates calls into it.
    #[cfg(feature = "cli")]
    pub mod cli;
    // Only generated crates with form bodies of nested members call into it.
    #[cfg(feature = "forms")]
    #[allow(dead_code)]
    pub mod forms;
    // Only generated crates with list operations the client streams call into it.
    #[cfg(feature = "pages")]
    pub mod pages;
    // Only the types of generated crates with `pattern`s call into it.
    #[cfg(feature = "patterns")]
    pub mod patterns;
}

/// The module root every generated crate gets as `src/runtime/mod.rs`.
#[path = "runtime/mod.rs"]
mod every_crate;

#[cfg(test)]
mod tests;
