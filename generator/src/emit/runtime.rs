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

use std::borrow::Cow;

/// The module root, `src/runtime/mod.rs`, as every crate has it; a crate
/// with optional modules gets their declarations after it. What the
/// generated modules call is `pub` in the files, and stays inside the crate
/// because this module is private; `lib.rs` re-exports what users see.
const MOD_RS: &str = "\
//! The part of the crate that does not depend on the spec, as the
//! generator's `client-runtime` crate has it: the `Error` every operation
//! returns, the transport that retries, traces and limits requests, the
//! checks and set-up behind `ClientBuilder`, and its TLS settings.

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
pub use transport::{Call, CallOptions, RetryPolicy, finish};
// Not every crate has an open enum.
#[allow(unused_imports)]
pub(crate) use open_enums::open_enum;
";

/// How the module root declares `bodies`, for a crate with operations whose
/// bodies it builds itself.
const BODIES_DECLARED: &str = "
// Not every crate sends every kind of body it can build.
#[allow(dead_code)]
pub mod bodies;
";

/// How the module root declares `forms`, for a crate with form bodies of
/// nested members.
const FORMS_DECLARED: &str = "
// Not every crate writes every style of member.
#[allow(dead_code)]
pub mod forms;
";

/// How the module root declares `pages`, for a crate with page streams.
const PAGES_DECLARED: &str = "
// Page streams of the list operations.
pub mod pages;
";

/// The runtime's files that every crate gets, but for the module root:
/// their paths in the generated crate and their texts.
const FILES: [(&str, &str); 6] = [
    (
        "src/runtime/config.rs",
        include_str!("../../runtime/src/config.rs"),
    ),
    (
        "src/runtime/drift.rs",
        include_str!("../../runtime/src/drift.rs"),
    ),
    (
        "src/runtime/error.rs",
        include_str!("../../runtime/src/error.rs"),
    ),
    (
        "src/runtime/open_enums.rs",
        include_str!("../../runtime/src/open_enums.rs"),
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

/// The runtime of bodies the client builds itself (multipart, raw media
/// types, JSON parameters): the runtime crate's `bodies` feature.
const BODIES: (&str, &str) = (
    "src/runtime/bodies.rs",
    include_str!("../../runtime/src/bodies.rs"),
);

/// The runtime of form bodies with nested members: the runtime crate's
/// `forms` feature.
const FORMS: (&str, &str) = (
    "src/runtime/forms.rs",
    include_str!("../../runtime/src/forms.rs"),
);

/// The runtime of page streams: the runtime crate's `pages` feature.
const PAGES: (&str, &str) = (
    "src/runtime/pages.rs",
    include_str!("../../runtime/src/pages.rs"),
);

/// Every runtime file of a generated crate, with `bodies` for a crate that
/// builds request bodies itself, `forms` for one with form bodies of nested
/// members and `pages` for one with page streams.
pub fn files(bodies: bool, forms: bool, pages: bool) -> Vec<(&'static str, Cow<'static, str>)> {
    let optional = [
        (bodies, BODIES_DECLARED, BODIES),
        (forms, FORMS_DECLARED, FORMS),
        (pages, PAGES_DECLARED, PAGES),
    ];
    let mut root = Cow::Borrowed(MOD_RS);
    let mut files: Vec<_> = FILES.map(|(path, text)| (path, Cow::Borrowed(text))).into();
    for (wanted, declared, (path, text)) in optional {
        if wanted {
            root.to_mut().push_str(declared);
            files.push((path, Cow::Borrowed(text)));
        }
    }
    files.insert(0, ("src/runtime/mod.rs", root));
    files
}

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
        let mut embedded: Vec<&str> = files(true, true, true)
            .iter()
            .map(|(path, _)| *path)
            .collect();
        embedded.sort();
        assert_eq!(sources, embedded);
    }

    /// How the crate declares `bodies` and `pages`: behind their features.
    const BODIES_IN_LIB: &str = "// Only generated crates with such operations call into it.\n\
                                 #[cfg(feature = \"bodies\")]\n\
                                 #[allow(dead_code)]\n\
                                 pub mod bodies;\n";
    const FORMS_IN_LIB: &str = "// Only generated crates with form bodies of nested members call \
                                into it.\n\
                                #[cfg(feature = \"forms\")]\n\
                                #[allow(dead_code)]\n\
                                pub mod forms;\n";
    const PAGES_IN_LIB: &str = "// Only generated crates with list operations the client streams \
                                call into it.\n\
                                #[cfg(feature = \"pages\")]\n\
                                pub mod pages;\n";

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
        // The crate declares `bodies` behind its feature; the module root
        // only where a crate needs it.
        assert!(
            lib.contains(BODIES_IN_LIB) && lib.contains(FORMS_IN_LIB) && lib.contains(PAGES_IN_LIB)
        );
        let lib = code(
            &lib.replace(BODIES_IN_LIB, "")
                .replace(FORMS_IN_LIB, "")
                .replace(PAGES_IN_LIB, ""),
        );
        let tests = [
            "",
            "// What generated code names `crate::runtime` is the crate root here.",
            "#[cfg(test)]",
            "mod runtime {",
            "    pub(crate) use crate::{drift, open_enum};",
            "}",
            "",
            "#[cfg(test)]",
            "mod tests;",
        ];
        assert!(lib.ends_with(&tests.map(str::to_owned)), "{lib:#?}");
        assert_eq!(lib[..lib.len() - tests.len()], code(MOD_RS)[..]);
        // The optional modules only add their declarations, in this order.
        let (_, root) = &files(true, false, true)[0];
        assert_eq!(*root, format!("{MOD_RS}{BODIES_DECLARED}{PAGES_DECLARED}"));
    }
}
