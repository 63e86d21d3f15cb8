//! The part of every generated crate that does not depend on the spec, under
//! `src/runtime/`: the crate's `Error`, the transport that retries and
//! traces requests, the checks behind `ClientBuilder`, and its TLS settings.
//!
//! It is the `client-runtime` crate in `generator/runtime/`, compiled, linted
//! and tested on its own, whose sources are embedded here and copied as they
//! are (comments included), so that a generated crate stands alone. Only the
//! module root differs: [`MOD_RS`] declares the crate's modules without its
//! tests. The files reach each other through `super::`, which names the crate
//! root there and the `runtime` module here.

/// The module root, `src/runtime/mod.rs`. What the generated modules call is
/// `pub` in the files, and stays inside the crate because this module is
/// private; `lib.rs` re-exports what users see.
const MOD_RS: &str = "\
//! The part of the crate that does not depend on the spec, as the
//! generator's `client-runtime` crate has it: the `Error` every operation
//! returns, the transport that retries, traces and limits requests, the
//! checks and set-up behind `ClientBuilder`, and its TLS settings.

pub mod config;
pub mod error;
pub mod tls;
pub mod transport;

pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, PlainHttp, Refusal,
    checked_base_url, env_var, http_client, write_deeper_causes,
};
pub use error::{
    BodyShape, DecodeError, Error, ErrorBody, ErrorKind, Problem, RateLimit, ResponseHead, Secrets,
};
pub use transport::{Call, RetryPolicy, finish};
";

/// Each runtime file: its path in the generated crate and its text.
pub const FILES: [(&str, &str); 5] = [
    ("src/runtime/mod.rs", MOD_RS),
    (
        "src/runtime/config.rs",
        include_str!("../../runtime/src/config.rs"),
    ),
    (
        "src/runtime/error.rs",
        include_str!("../../runtime/src/error.rs"),
    ),
    (
        "src/runtime/tls.rs",
        include_str!("../../runtime/src/tls.rs"),
    ),
    (
        "src/runtime/transport.rs",
        include_str!("../../runtime/src/transport.rs"),
    ),
];

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    /// The runtime crate's folder.
    fn runtime_src() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src"))
    }

    #[test]
    fn every_source_of_the_runtime_crate_is_embedded() {
        let mut sources: Vec<String> = fs::read_dir(runtime_src())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs") && name != "lib.rs")
            .map(|name| format!("src/runtime/{name}"))
            .collect();
        sources.push("src/runtime/mod.rs".to_owned());
        sources.sort();
        let mut embedded: Vec<&str> = FILES.iter().map(|(path, _)| *path).collect();
        embedded.sort();
        assert_eq!(sources, embedded);
    }

    #[test]
    fn the_module_root_is_the_crate_root_without_its_docs_and_tests() {
        let lib = fs::read_to_string(runtime_src().join("lib.rs")).unwrap();
        let code = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|line| !line.starts_with("//!"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_owned()
                .lines()
                .map(str::to_owned)
                .collect()
        };
        let lib = code(&lib);
        let tests = ["", "#[cfg(test)]", "mod tests;"];
        assert!(lib.ends_with(&tests.map(str::to_owned)), "{lib:#?}");
        assert_eq!(lib[..lib.len() - tests.len()], code(MOD_RS)[..]);
    }
}
