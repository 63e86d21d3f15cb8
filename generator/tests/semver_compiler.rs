//! The change report against the compiler: for each kind of change, a
//! small library shaped like generated code (an old version, and a new one
//! with one edit) and a downstream crate that uses the old one the way
//! applications do. The downstream must fail to compile against the new
//! library exactly when the report calls the change breaking.
//!
//! Plain `rustc`, no cargo and no dependencies, type-checking only
//! (`--emit=metadata`), so the whole table takes a few seconds.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::report::pointers::Pointers;
use generator::report::surface::Surface;
use generator::report::{Class, CrateApi, compare};

/// The old library: the shapes the generator emits. Structs are
/// non_exhaustive with the runtime's `builder!`; operations return a call
/// whose setters take the optional parameters, and the call of the list
/// operation `list_sessions` has a page stream (an `Iterator` here, which
/// needs no `futures`); `SessionStatus` is an open
/// string enum (non_exhaustive, with its catch-all); `Subject` a `oneOf`
/// enum left exhaustive here so that growing it can be tried.
const OLD: &str = include_str!("fixtures/semver/old.rs");

/// The runtime's `builder!`, as every generated crate has it, which the
/// library is compiled with as its `runtime` module.
const BUILDERS: &str = include_str!("../runtime/src/runtime/builders.rs");

#[cfg(false)] // Compiled by the test below; here for `cargo fmt`.
#[path = "fixtures/semver/old.rs"]
mod old;

/// Code written against [`OLD`] the way applications use a client: reads
/// every field, builds values with their builders as tests do, matches
/// every enum (exhaustively where allowed), calls every operation with an
/// optional parameter and a call option, and streams the list operation.
const DOWNSTREAM: &str = include_str!("fixtures/semver/downstream.rs");

#[cfg(false)] // Compiled by the test below; here for `cargo fmt`.
#[path = "fixtures/semver/downstream.rs"]
mod downstream;

/// One kind of change: a name, and the edits (text replaced, once each)
/// that turn [`OLD`] into the new library.
struct Case {
    name: &'static str,
    edits: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        name: "removed field",
        edits: &[
            ("pub decisioned_at: ::std::option::Option<i64>,", ""),
            ("decisioned_at: i64, ", ""),
        ],
    },
    Case {
        name: "removed variant",
        edits: &[("Declined,", ""), ("Self::Declined => \"declined\",", "")],
    },
    Case {
        name: "removed type",
        edits: &[(
            "    #[derive(Clone, Debug, PartialEq)]\n    pub enum Subject {\n        Person(Address),\n        Business(::std::string::String),\n    }",
            "",
        )],
    },
    Case {
        name: "removed operation",
        edits: &[("pub fn list_sessions(", "fn list_sessions(")],
    },
    Case {
        name: "changed field type",
        edits: &[
            (
                "pub bot_score: ::std::option::Option<i32>,",
                "pub bot_score: ::std::option::Option<f64>,",
            ),
            ("bot_score: i32", "bot_score: f64"),
        ],
    },
    Case {
        name: "response field became optional",
        edits: &[
            (
                "pub created_at: i64,",
                "pub created_at: ::std::option::Option<i64>,",
            ),
            ("created_at: i64, ", ""),
            (
                "decisioned_at: i64,",
                "created_at: i64, decisioned_at: i64,",
            ),
        ],
    },
    Case {
        name: "field became required",
        edits: &[
            (
                "pub decisioned_at: ::std::option::Option<i64>,",
                "pub decisioned_at: i64,",
            ),
            ("links: Links)", "links: Links, decisioned_at: i64)"),
            ("decisioned_at: i64, bot_score", "bot_score"),
        ],
    },
    Case {
        name: "new required parameter",
        edits: &[
            (
                "get_session<'a>(&'a self, id: &'a str)",
                "get_session<'a>(&'a self, id: &'a str, include: &'a str)",
            ),
            (
                "GetSession { client: self, id }",
                "GetSession { client: self, id, include }",
            ),
            (
                "    id: &'a str,\n}",
                "    id: &'a str,\n    include: &'a str,\n}",
            ),
            (
                "(self.client, self.id)",
                "(self.client, self.id, self.include)",
            ),
        ],
    },
    Case {
        name: "new optional parameter",
        edits: &[
            (
                "    pub fn page_size(",
                "    pub fn page_after(mut self, page_after: &'a str) -> Self {\n        self.page_after = Some(page_after);\n        self\n    }\n\n    pub fn page_size(",
            ),
            ("impl ListSessions<'_> {", "impl<'a> ListSessions<'a> {"),
            (
                "    page_size: ::std::option::Option<i64>,\n}",
                "    page_size: ::std::option::Option<i64>,\n    page_after: ::std::option::Option<&'a str>,\n}",
            ),
            (
                "page_size: None,",
                "page_size: None,\n            page_after: None,",
            ),
            (
                "(self.client, self.page_size)",
                "(self.client, self.page_size, self.page_after)",
            ),
        ],
    },
    Case {
        name: "removed optional parameter",
        edits: &[
            (
                "    pub fn page_size(mut self, page_size: i64) -> Self {\n        self.page_size = Some(page_size);\n        self\n    }\n",
                "",
            ),
            ("impl ListSessions<'_> {\n\n", "impl ListSessions<'_> {\n"),
        ],
    },
    Case {
        name: "changed type of optional parameter",
        edits: &[
            (
                "pub fn page_size(mut self, page_size: i64)",
                "pub fn page_size(mut self, page_size: ::std::string::String)",
            ),
            ("Some(page_size);", "Some(page_size.len() as i64);"),
        ],
    },
    Case {
        name: "removed page stream",
        edits: &[("pub fn stream(", "fn stream(")],
    },
    Case {
        name: "changed item type of page stream",
        edits: &[(
            "Iterator<Item = Result<types::Session, ()>>",
            "Iterator<Item = Result<types::Links, ()>>",
        )],
    },
    Case {
        name: "new page stream",
        edits: &[(
            "pub struct ListSessions<'a> {",
            "impl<'a> GetSession<'a> {\n    pub fn stream(self) -> impl Iterator<Item = Result<types::Session, ()>> + 'a {\n        let _ = self;\n        ::std::iter::empty()\n    }\n}\n\npub struct ListSessions<'a> {",
        )],
    },
    Case {
        name: "changed return type",
        edits: &[(
            "type Output = Result<Vec<types::Session>, ()>;",
            "type Output = Result<::std::collections::VecDeque<types::Session>, ()>;",
        )],
    },
    Case {
        name: "variant added to an exhaustive enum",
        edits: &[(
            "Business(::std::string::String),\n",
            "Business(::std::string::String),\n        Trust(::std::string::String),\n",
        )],
    },
    Case {
        name: "variant added to a non_exhaustive open enum",
        edits: &[
            (
                "Declined,\n        Unknown",
                "Declined,\n        OnHold,\n        Unknown",
            ),
            (
                "Self::Declined => \"declined\",",
                "Self::Declined => \"declined\",\n                Self::OnHold => \"on_hold\",",
            ),
        ],
    },
    Case {
        name: "enum became non_exhaustive",
        edits: &[(
            "    #[derive(Clone, Debug, PartialEq)]\n    pub enum Subject",
            "    #[derive(Clone, Debug, PartialEq)]\n    #[non_exhaustive]\n    pub enum Subject",
        )],
    },
    Case {
        name: "optional field added to a response type",
        edits: &[
            (
                "pub bot_score: ::std::option::Option<i32>,",
                "pub bot_score: ::std::option::Option<i32>,\n        pub review_note: ::std::option::Option<::std::string::String>,",
            ),
            (
                "bot_score: i32\n",
                "bot_score: i32, review_note: ::std::string::String\n",
            ),
        ],
    },
    Case {
        name: "optional field added to a request type",
        edits: &[
            (
                "pub locality: ::std::option::Option<::std::string::String>,",
                "pub locality: ::std::option::Option<::std::string::String>,\n        pub postal_code: ::std::option::Option<::std::string::String>,",
            ),
            (
                "locality: ::std::string::String);",
                "locality: ::std::string::String, postal_code: ::std::string::String);",
            ),
        ],
    },
    Case {
        name: "required field added to a request type",
        edits: &[
            (
                "pub locality: ::std::option::Option<::std::string::String>,",
                "pub locality: ::std::option::Option<::std::string::String>,\n        pub country: ::std::string::String,",
            ),
            (
                "Address() line1",
                "Address(country: ::std::string::String) line1",
            ),
        ],
    },
    Case {
        name: "struct no longer implements Default",
        edits: &[(
            "#[derive(Clone, Debug, Default, PartialEq)]",
            "#[derive(Clone, Debug, PartialEq)]",
        )],
    },
    Case {
        name: "added operation",
        edits: &[(
            "impl Client {\n",
            "impl Client {\n    pub fn decline_session<'a>(&'a self, id: &'a str) -> GetSession<'a> {\n        GetSession { client: self, id }\n    }\n\n",
        )],
    },
    Case {
        name: "added type",
        edits: &[(
            "pub mod types {\n",
            "pub mod types {\n    #[derive(Clone, Debug, PartialEq)]\n    #[non_exhaustive]\n    pub struct Business {\n        pub legal_name: ::std::option::Option<::std::string::String>,\n    }\n\n    crate::runtime::builder!(Business() legal_name: ::std::string::String);\n\n",
        )],
    },
    Case {
        name: "struct now implements Default",
        edits: &[(
            "#[derive(Clone, Debug, PartialEq)]\n    #[non_exhaustive]\n    pub struct Links",
            "#[derive(Clone, Debug, Default, PartialEq)]\n    #[non_exhaustive]\n    pub struct Links",
        )],
    },
];

fn side(source: &str) -> CrateApi {
    CrateApi {
        surface: Surface::read([source]),
        pointers: Pointers::default(),
        version: "0.1.0".to_owned(),
    }
}

/// Type-checks `source` as a library named `name`, with `api` as its one
/// dependency when given; the compiler's message on failure.
fn rustc(dir: &Path, name: &str, source: &str, api: Option<&Path>) -> Result<PathBuf, String> {
    let file = dir.join(format!("{name}.rs"));
    let source = match api {
        // The library: with the runtime module its `builder!` calls reach.
        None => format!("pub mod runtime {{\n{BUILDERS}\n}}\n\n{source}"),
        Some(_) => source.to_owned(),
    };
    std::fs::write(&file, source).unwrap();
    let output = dir.join(format!("lib{name}.rmeta"));
    let mut command = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned()));
    command
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--emit=metadata",
        ])
        .args(["--crate-name", name, "--cap-lints", "allow", "-o"])
        .arg(&output)
        .arg(&file);
    if let Some(api) = api {
        command
            .arg("--extern")
            .arg(format!("api={}", api.display()));
    }
    let result = command.output().expect("run rustc");
    if result.status.success() {
        Ok(output)
    } else {
        Err(String::from_utf8_lossy(&result.stderr).into_owned())
    }
}

#[test]
fn breaking_in_the_report_means_a_downstream_crate_stops_compiling() {
    let root = std::env::temp_dir().join(format!("semver-compiler-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();

    // The downstream compiles against the old library: it is honest code.
    let base = root.join("base");
    std::fs::create_dir_all(&base).unwrap();
    let old_api = rustc(&base, "api", OLD, None).expect("the old library compiles");
    if let Err(message) = rustc(&base, "downstream", DOWNSTREAM, Some(&old_api)) {
        panic!("the downstream does not compile against the old library:\n{message}");
    }
    let old = side(OLD);
    assert!(compare(&old, &old).is_empty(), "no change, no report");

    let outcomes: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = CASES
            .iter()
            .enumerate()
            .map(|(index, case)| {
                let dir = root.join(format!("case-{index}"));
                let old = &old;
                scope.spawn(move || check(case, old, &dir))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let _ = std::fs::remove_dir_all(&root);
    let failures: Vec<String> = outcomes.into_iter().filter_map(Result::err).collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

fn check(case: &Case, old: &CrateApi, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).unwrap();
    let name = case.name;
    let mut new_source = OLD.to_owned();
    for (from, to) in case.edits {
        if !new_source.contains(from) {
            return Err(format!("{name}: `{from}` is not in the library"));
        }
        new_source = new_source.replacen(from, to, 1);
    }
    let new_api = rustc(dir, "api", &new_source, None)
        .map_err(|message| format!("{name}: the new library does not compile:\n{message}"))?;
    let downstream_fails = rustc(dir, "downstream", DOWNSTREAM, Some(&new_api)).is_err();
    let changes = compare(old, &side(&new_source));
    if changes.is_empty() {
        return Err(format!("{name}: the report sees no change"));
    }
    let breaking = changes.iter().any(|c| c.class == Class::Breaking);
    let report: Vec<String> = changes.iter().map(ToString::to_string).collect();
    // `--nocapture` shows what the report says of each kind of change.
    println!("{name}:\n  {}", report.join("\n  "));
    if breaking != downstream_fails {
        return Err(format!(
            "{name}: the downstream {} against the new library, but the report says:\n  {}",
            if downstream_fails {
                "fails to compile"
            } else {
                "compiles"
            },
            report.join("\n  ")
        ));
    }
    Ok(())
}

/// The one change the compiler cannot see is still in the report.
#[test]
fn a_value_leaving_the_catch_all_is_reported_as_a_behaviour_change() {
    let new_source = OLD
        .replacen(
            "Declined,\n        Unknown",
            "Declined,\n        OnHold,\n        Unknown",
            1,
        )
        .replacen(
            "Self::Declined => \"declined\",",
            "Self::Declined => \"declined\",\n                Self::OnHold => \"on_hold\",",
            1,
        );
    let changes = compare(&side(OLD), &side(&new_source));
    let behaviour: Vec<String> = changes
        .iter()
        .filter(|c| c.class == Class::Behaviour)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        behaviour,
        [
            "behaviour: value now decodes as types::SessionStatus::OnHold: `on_hold` used to decode as `SessionStatus::Unknown(\"on_hold\")`"
        ],
        "{changes:#?}"
    );
}
