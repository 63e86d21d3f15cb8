//! Emits the generated package's `Cargo.toml`, listing exactly the crates
//! its code uses.

use std::fmt::Write;

use crate::engine::OptionalCrates;
use crate::spec::media::RequestKind;
use crate::spec::{DevDependency, Document, TomlValue};

/// The `progenitor-client` release that matches the progenitor this
/// generator is built with: generated code calls into it.
const PROGENITOR_CLIENT: &str = "\"0.15.1\"";

/// Appended to the manifest of a crate generated outside the project's
/// workspace: Cargo would otherwise take it for a stray member of whatever
/// workspace encloses its folder, and refuse to build it.
pub const STANDALONE_WORKSPACE: &str =
    "\n# A workspace of its own: it is not a member of an enclosing one.\n[workspace]\n";

/// The text of `Cargo.toml`, without the preamble.
pub fn generate(document: &Document, uses: OptionalCrates) -> String {
    let package = &document.package;
    let title = &document.api.info.title;

    // Sorted by name, as `cargo add` keeps them.
    let mut dependencies = vec![
        // Backoff delays for retries.
        (
            "backon",
            r#"{ version = "1.6", default-features = false, features = ["std"] }"#,
        ),
        // The response types reqwest converts to and from, to wrap a body.
        ("http", "\"1.3\""),
        // The limit on success bodies (`Limited`).
        ("http-body-util", "\"0.1.3\""),
        // `Retry-After` as an HTTP date.
        ("httpdate", "\"1.0.3\""),
        // The `mock` feature's local server, and the path patterns it matches.
        (
            "httpmock",
            r#"{ version = "0.8.3", default-features = false, optional = true }"#,
        ),
        ("progenitor-client", PROGENITOR_CLIENT),
        (
            "reqwest",
            // rustls rather than the system's OpenSSL: nothing to install.
            // Without reqwest's provider (aws-lc-rs): `runtime/tls.rs` brings ring.
            r#"{ version = "0.13.5", default-features = false, features = ["json", "query", "rustls-no-provider"] }"#,
        ),
        (
            "rustls",
            r#"{ version = "0.23.27", default-features = false, features = ["ring", "std", "tls12"] }"#,
        ),
        // The system's roots, as reqwest checks them.
        ("rustls-platform-verifier", "\"0.7\""),
        ("regex", r#"{ version = "1.11", optional = true }"#),
        ("serde", r#"{ version = "1.0.226", features = ["derive"] }"#),
        // Which members of a success body the types skip, and where an
        // enum value the spec does not list is (drift signals).
        ("serde_ignored", "\"0.1.14\""),
        ("serde_json", "\"1.0.150\""),
        // The wait between retries.
        ("tokio", r#"{ version = "1.47", features = ["time"] }"#),
        // Without `#[instrument]`, whose proc macro would add syn 2.
        (
            "tracing",
            r#"{ version = "0.1.41", default-features = false, features = ["std"] }"#,
        ),
    ];
    if document.requests.uses_bodies() {
        // The crate builds multipart forms, and streams files into them.
        let reqwest = dependencies.iter_mut().find(|(name, _)| *name == "reqwest");
        if let Some((_, spec)) = reqwest {
            *spec = r#"{ version = "0.13.5", default-features = false, features = ["json", "multipart", "query", "rustls", "stream"] }"#;
        }
    }
    if document.requests.uses_forms() {
        // Form bodies with nested members, written as bracketed keys.
        dependencies.push(("serde_qs", "\"1.1.3\""));
    }
    // What the mocks expect of a form body progenitor's client sends: the
    // text it writes, with the crate it writes it with.
    let flat_forms = crate::spec::requests::sent_by_progenitor(&document.api)
        .values()
        .any(|kind| *kind == RequestKind::Form);
    if flat_forms {
        dependencies.push((
            "serde_urlencoded",
            r#"{ version = "0.7.1", optional = true }"#,
        ));
    }
    if uses.chrono {
        dependencies.push((
            "chrono",
            r#"{ version = "0.4.42", default-features = false, features = ["serde", "std"] }"#,
        ));
    }
    // Random keys for operations that declare an `Idempotency-Key`.
    let keys = !crate::spec::walk::idempotency_key_operations(&document.api).is_empty();
    match (uses.uuid, keys) {
        (true, false) => {
            dependencies.push(("uuid", r#"{ version = "1.18", features = ["serde"] }"#));
        }
        (true, true) => {
            dependencies.push((
                "uuid",
                r#"{ version = "1.18", features = ["serde", "v4"] }"#,
            ));
        }
        (false, true) => dependencies.push(("uuid", r#"{ version = "1.18", features = ["v4"] }"#)),
        (false, false) => {}
    }
    if uses.regress {
        // The release typify itself builds its patterns with.
        dependencies.push(("regress", "\"0.12\""));
    }
    if uses.futures {
        // Page streams: `Stream`, and the unfolding of pages.
        dependencies.push(("futures", "\"0.3\""));
    }
    if uses.websockets {
        dependencies.push(("base64", "\"0.22\""));
        dependencies.push(("rand", "\"0.10\""));
    }
    dependencies.sort();

    let mut toml = String::new();
    let _ = write!(
        toml,
        "[package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         description = \"Typed client for the {title}, generated from its OpenAPI description.\"\n\
         edition = \"2024\"\n\
         rust-version = \"1.88\"\n\
         publish = false\n",
        name = package.name,
        version = package.version,
        title = title.replace('\\', "\\\\").replace('"', "\\\""),
    );
    toml.push_str("\n[dependencies]\n");
    for (name, spec) in dependencies {
        let _ = writeln!(toml, "{name} = {spec}");
    }
    let mock = if flat_forms {
        r#"["dep:httpmock", "dep:regex", "dep:serde_urlencoded"]"#
    } else {
        r#"["dep:httpmock", "dep:regex"]"#
    };
    let _ = write!(
        toml,
        "\n[features]\n\
         # Typed httpmock expectations and sample values, for applications' tests.\n\
         mock = {mock}\n",
    );
    toml.push_str("\n[dev-dependencies]\n");
    // The generated code's own test decodes every sample of `mock`, so
    // `cargo test` builds the crate with that feature.
    let _ = writeln!(
        toml,
        "{} = {{ path = \".\", features = [\"mock\"] }}",
        package.name
    );
    if !document.dev_dependencies.is_empty() {
        toml.push_str(
            "# What the hand-written tests use, from `x-rust-client.dev-dependencies`.\n",
        );
    }
    for (name, dependency) in &document.dev_dependencies {
        let _ = writeln!(toml, "{name} = {}", requirement(dependency));
    }
    toml
}

/// A dev-dependency's requirement as `Cargo.toml` writes it.
fn requirement(dependency: &DevDependency) -> String {
    match dependency {
        DevDependency::Version(version) => string(version),
        DevDependency::Table(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(key, value)| {
                    let value = match value {
                        TomlValue::String(text) => string(text),
                        TomlValue::Bool(flag) => flag.to_string(),
                        TomlValue::Strings(list) => {
                            let items: Vec<String> = list.iter().map(|item| string(item)).collect();
                            format!("[{}]", items.join(", "))
                        }
                    };
                    format!("{key} = {value}")
                })
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// A TOML basic string: JSON's escapes are a subset of TOML's.
fn string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}
