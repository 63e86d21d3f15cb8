//! The part of every generated crate that does not depend on the spec, under
//! `src/runtime/`: the crate's `Error`, the transport that retries and
//! traces requests, the checks behind `ClientBuilder`, and its TLS settings;
//! and the crates it calls.
//!
//! It is the `client-runtime` crate in `generator/runtime/`, compiled,
//! linted and tested on its own. The files of its `src/runtime/` are
//! embedded here and copied as they are (comments included) to the same
//! path of every crate, so that a generated crate stands alone: the module
//! root `mod.rs` and the modules it declares, then `bodies`, `forms`,
//! `pages`, `cli` and `patterns` for a crate that needs them ([`Modules`]), whose declarations
//! the generator writes after the module root's, as the runtime crate
//! declares them behind its features of those names. The files reach each
//! other through `super::`, which is `crate::runtime` in both crates.
//!
//! Its dependencies, as every generated crate lists them, are
//! [`DEPENDENCIES`] and what the optional modules add to them: the same
//! crates, versions and features as `generator/runtime/Cargo.toml`, which a
//! test below holds them to.

use std::borrow::Cow;

/// Which of the runtime's optional modules a crate gets.
#[derive(Clone, Copy, Debug)]
pub struct Modules {
    /// `bodies`, for a crate with operations whose bodies it builds itself
    /// (multipart forms, raw media types, JSON parameters).
    pub bodies: bool,
    /// `forms`, for a crate with form bodies of nested members.
    pub forms: bool,
    /// `pages`, for a crate with page streams.
    pub pages: bool,
    /// `cli`, behind the `cli` feature, for a crate with a command line.
    pub cli: bool,
    /// `patterns`, for a crate whose types check a `pattern`.
    pub patterns: bool,
}

/// The files every crate gets, the module root first: their paths in the
/// generated crate and their texts.
const EVERY_CRATE: [(&str, &str); 8] = [
    (
        "src/runtime/mod.rs",
        include_str!("../../runtime/src/runtime/mod.rs"),
    ),
    (
        "src/runtime/builders.rs",
        include_str!("../../runtime/src/runtime/builders.rs"),
    ),
    (
        "src/runtime/config.rs",
        include_str!("../../runtime/src/runtime/config.rs"),
    ),
    (
        "src/runtime/drift.rs",
        include_str!("../../runtime/src/runtime/drift.rs"),
    ),
    (
        "src/runtime/error.rs",
        include_str!("../../runtime/src/runtime/error.rs"),
    ),
    (
        "src/runtime/open_enums.rs",
        include_str!("../../runtime/src/runtime/open_enums.rs"),
    ),
    (
        "src/runtime/tls.rs",
        include_str!("../../runtime/src/runtime/tls.rs"),
    ),
    (
        "src/runtime/transport.rs",
        include_str!("../../runtime/src/runtime/transport.rs"),
    ),
];

/// A module only some crates get: its file, and the lines that declare it,
/// which follow the module root's own.
struct Optional {
    path: &'static str,
    text: &'static str,
    declaration: &'static str,
}

const BODIES: Optional = Optional {
    path: "src/runtime/bodies.rs",
    text: include_str!("../../runtime/src/runtime/bodies.rs"),
    declaration: "
// Not every crate sends every kind of body it can build.
#[allow(dead_code)]
pub mod bodies;
",
};

const FORMS: Optional = Optional {
    path: "src/runtime/forms.rs",
    text: include_str!("../../runtime/src/runtime/forms.rs"),
    declaration: "
// Not every crate writes every style of member.
#[allow(dead_code)]
pub mod forms;
",
};

const PAGES: Optional = Optional {
    path: "src/runtime/pages.rs",
    text: include_str!("../../runtime/src/runtime/pages.rs"),
    declaration: "
// Page streams of the list operations.
pub mod pages;
",
};

const CLI: Optional = Optional {
    path: "src/runtime/cli.rs",
    text: include_str!("../../runtime/src/runtime/cli.rs"),
    declaration: "
// The command line's own part, only for the `cli` feature.
#[cfg(feature = \"cli\")]
pub mod cli;
",
};

const PATTERNS: Optional = Optional {
    path: "src/runtime/patterns.rs",
    text: include_str!("../../runtime/src/runtime/patterns.rs"),
    declaration: "
// The `pattern` checks of the types.
pub mod patterns;
",
};

/// Every runtime file of a crate that gets `modules`.
pub fn files(modules: Modules) -> Vec<(&'static str, Cow<'static, str>)> {
    let mut files: Vec<_> = EVERY_CRATE
        .map(|(path, text)| (path, Cow::Borrowed(text)))
        .into();
    let optional = [
        (modules.bodies, BODIES),
        (modules.forms, FORMS),
        (modules.pages, PAGES),
        (modules.cli, CLI),
        (modules.patterns, PATTERNS),
    ];
    for (wanted, module) in optional {
        if wanted {
            let (_, root) = &mut files[0];
            root.to_mut().push_str(module.declaration);
            files.push((module.path, Cow::Borrowed(module.text)));
        }
    }
    files
}

/// A crate the runtime calls, as a manifest lists it.
#[derive(Clone, Copy, Debug)]
pub struct Dependency {
    pub name: &'static str,
    /// The version requirement.
    pub version: &'static str,
    /// Whether the crate's default features are on.
    pub default_features: bool,
    /// The features turned on, sorted.
    pub features: &'static [&'static str],
}

impl Dependency {
    /// A dependency on the version `version` with its default features.
    const fn new(name: &'static str, version: &'static str) -> Self {
        Dependency {
            name,
            version,
            default_features: true,
            features: &[],
        }
    }
}

/// The crates the runtime of every crate calls, sorted by name.
pub const DEPENDENCIES: [Dependency; 13] = [
    // Backoff delays for retries.
    Dependency {
        default_features: false,
        features: &["std"],
        ..Dependency::new("backon", "1.6")
    },
    // The response types reqwest converts to and from, to wrap a body.
    Dependency::new("http", "1.3"),
    // The limit on success bodies (`Limited`).
    Dependency::new("http-body-util", "0.1.3"),
    // `Retry-After` as an HTTP date.
    Dependency::new("httpdate", "1.0.3"),
    // What progenitor's generated code calls into: the release that matches
    // the progenitor this generator is built with.
    Dependency::new("progenitor-client", "0.15.1"),
    // rustls rather than the system's OpenSSL: nothing to install. Without
    // reqwest's provider (aws-lc-rs): `runtime/tls.rs` brings ring.
    Dependency {
        default_features: false,
        features: &["json", "query", "rustls-no-provider"],
        ..Dependency::new("reqwest", "0.13.5")
    },
    Dependency {
        default_features: false,
        features: &["ring", "std", "tls12"],
        ..Dependency::new("rustls", "0.23.27")
    },
    // The system's roots, as reqwest checks them.
    Dependency::new("rustls-platform-verifier", "0.7"),
    Dependency::new("serde", "1.0.226"),
    // Which members of a success body the types skip, and where an enum
    // value the spec does not list is (drift signals).
    Dependency::new("serde_ignored", "0.1.14"),
    Dependency::new("serde_json", "1.0.150"),
    // The wait between retries.
    Dependency {
        features: &["time"],
        ..Dependency::new("tokio", "1.47")
    },
    // Without `#[instrument]`, whose proc macro would add syn 2.
    Dependency {
        default_features: false,
        features: &["std"],
        ..Dependency::new("tracing", "0.1.41")
    },
];

/// What `bodies` needs of reqwest beyond what every crate turns on:
/// multipart forms, and files streamed into them.
pub const BODIES_REQWEST_FEATURES: [&str; 2] = ["multipart", "stream"];

/// What `forms` writes form bodies with nested members with (bracketed keys).
pub const FORMS_DEPENDENCY: Dependency = Dependency::new("serde_qs", "1.1.3");

/// What `pages` streams pages with (`Stream`, and the unfolding of pages).
pub const PAGES_DEPENDENCY: Dependency = Dependency::new("futures", "0.3");

/// What `cli` parses the command line with: clap's derive, without colours
/// or suggestions, which would add crates for little.
pub const CLI_DEPENDENCY: Dependency = Dependency {
    default_features: false,
    features: &["derive", "error-context", "help", "std", "usage"],
    ..Dependency::new("clap", "4.6")
};

/// What `cli` reads a stream of items or bytes with (`Stream`): already
/// built for reqwest.
pub const CLI_STREAM_DEPENDENCY: Dependency = Dependency::new("futures-core", "0.3");

/// What `patterns` matches with: regex in linear time, regress (typify's
/// own, ECMAScript's syntax) for what regex does not read.
pub const PATTERNS_DEPENDENCIES: [Dependency; 2] = [
    Dependency::new("regex", "1.11"),
    Dependency::new("regress", "0.12"),
];

/// What the `cli` feature turns on besides its dependencies: tokio's
/// runtime of one thread.
pub const CLI_FEATURES: [&str; 1] = ["tokio/rt"];

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;

    use toml_edit::{DocumentMut, Item, Value};

    use super::*;

    /// The runtime crate's folder.
    fn runtime_crate() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime"))
    }

    /// Every module of `src/runtime/`, and only those, is embedded.
    #[test]
    fn every_file_of_the_runtime_module_is_embedded() {
        let mut sources: Vec<String> = fs::read_dir(runtime_crate().join("src/runtime"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .map(|name| format!("src/runtime/{name}"))
            .collect();
        sources.sort();
        let all = Modules {
            bodies: true,
            forms: true,
            pages: true,
            cli: true,
            patterns: true,
        };
        let mut embedded: Vec<&str> = files(all).iter().map(|(path, _)| *path).collect();
        embedded.sort();
        assert_eq!(sources, embedded);
    }

    #[test]
    fn the_optional_modules_are_declared_after_the_module_root_in_order() {
        let some = Modules {
            bodies: true,
            forms: false,
            pages: true,
            cli: false,
            patterns: false,
        };
        let files = files(some);
        let (path, root) = &files[0];
        assert_eq!(*path, "src/runtime/mod.rs");
        let every_crate = EVERY_CRATE[0].1;
        let declared = root.strip_prefix(every_crate).unwrap();
        assert_eq!(declared, [BODIES.declaration, PAGES.declaration].concat());
        let paths: Vec<&str> = files.iter().map(|(path, _)| *path).collect();
        assert_eq!(paths[EVERY_CRATE.len()..], [BODIES.path, PAGES.path]);
    }

    /// A dependency's name, version, whether its default features are on,
    /// and its features: what the table and the manifest must agree on.
    type Requirement = (String, String, bool, Vec<String>);

    fn requirement(dependency: &Dependency) -> Requirement {
        (
            dependency.name.to_owned(),
            dependency.version.to_owned(),
            dependency.default_features,
            dependency
                .features
                .iter()
                .map(|f| (*f).to_owned())
                .collect(),
        )
    }

    /// A dependency as `generator/runtime/Cargo.toml` writes it: whether it
    /// is optional, and its requirement.
    fn in_manifest(name: &str, item: &Item) -> (bool, Requirement) {
        let text = |value: &Value| value.as_str().unwrap().to_owned();
        if let Some(version) = item.as_str() {
            return (false, (name.to_owned(), version.to_owned(), true, vec![]));
        }
        let table = item
            .as_inline_table()
            .unwrap_or_else(|| panic!("{name}: neither a version nor an inline table"));
        let flag = |key: &str| table.get(key).and_then(Value::as_bool);
        let features = table.get("features").and_then(Value::as_array);
        let requirement = (
            name.to_owned(),
            text(&table["version"]),
            flag("default-features").unwrap_or(true),
            features.into_iter().flatten().map(text).collect(),
        );
        (flag("optional").unwrap_or(false), requirement)
    }

    #[test]
    fn the_dependencies_are_the_runtime_crates() {
        let path = runtime_crate().join("Cargo.toml");
        let manifest: DocumentMut = fs::read_to_string(&path).unwrap().parse().unwrap();
        let mut every_crate = Vec::new();
        let mut optional = Vec::new();
        for (name, item) in manifest["dependencies"].as_table().unwrap() {
            let (is_optional, dependency) = in_manifest(name, item);
            let list = if is_optional {
                &mut optional
            } else {
                &mut every_crate
            };
            list.push(dependency);
        }
        assert_eq!(every_crate, DEPENDENCIES.map(|d| requirement(&d)));
        optional.sort();
        let mut expected: Vec<Requirement> = [
            CLI_DEPENDENCY,
            CLI_STREAM_DEPENDENCY,
            FORMS_DEPENDENCY,
            PAGES_DEPENDENCY,
        ]
        .iter()
        .chain(&PATTERNS_DEPENDENCIES)
        .map(requirement)
        .collect();
        expected.sort();
        assert_eq!(optional, expected);

        // Each optional module's feature turns on what the generator adds
        // for a crate that gets the module.
        let features: BTreeMap<&str, Vec<&str>> = manifest["features"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(name, item)| {
                let list = item.as_array().unwrap();
                (name, list.iter().map(|v| v.as_str().unwrap()).collect())
            })
            .collect();
        let bodies = BODIES_REQWEST_FEATURES.map(|feature| format!("reqwest/{feature}"));
        let forms = format!("dep:{}", FORMS_DEPENDENCY.name);
        let pages = format!("dep:{}", PAGES_DEPENDENCY.name);
        let cli = [
            format!("dep:{}", CLI_DEPENDENCY.name),
            format!("dep:{}", CLI_STREAM_DEPENDENCY.name),
        ]
        .into_iter()
        .chain(CLI_FEATURES.map(str::to_owned))
        .collect::<Vec<_>>();
        let patterns = PATTERNS_DEPENDENCIES.map(|dependency| format!("dep:{}", dependency.name));
        let expected = BTreeMap::from([
            ("bodies", bodies.iter().map(String::as_str).collect()),
            ("cli", cli.iter().map(String::as_str).collect()),
            ("forms", vec![forms.as_str()]),
            ("pages", vec![pages.as_str()]),
            ("patterns", patterns.iter().map(String::as_str).collect()),
        ]);
        assert_eq!(features, expected);
    }
}
