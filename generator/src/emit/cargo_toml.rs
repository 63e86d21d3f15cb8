//! Emits the generated package's `Cargo.toml`, listing exactly the crates
//! its code uses.

use std::fmt::{self, Write};

use super::runtime::{self, Modules};
use crate::engine::OptionalCrates;
use crate::spec::media::RequestKind;
use crate::spec::{DevDependency, Document, TomlValue};

/// Appended to the manifest of a crate generated outside the project's
/// workspace: Cargo would otherwise take it for a stray member of whatever
/// workspace encloses its folder, and refuse to build it.
pub const STANDALONE_WORKSPACE: &str =
    "\n# A workspace of its own: it is not a member of an enclosing one.\n[workspace]\n";

/// The text of `Cargo.toml`, without the preamble, for a crate whose code
/// uses `uses` and which gets the runtime's `modules`.
pub fn generate(document: &Document, uses: OptionalCrates, modules: Modules) -> String {
    let package = &document.package;
    let title = &document.api.info.title;

    let mut dependencies: Vec<Requirement> = runtime::DEPENDENCIES.map(Requirement::from).into();
    for dependency in &mut dependencies {
        match dependency.name {
            // The generated types derive serde's traits.
            "serde" => dependency.features.push("derive"),
            "reqwest" if modules.bodies => {
                let features = &mut dependency.features;
                features.extend(runtime::BODIES_REQWEST_FEATURES);
                // Unlike the runtime crate's `bodies` feature and every
                // other crate, these get reqwest's `rustls`, with its
                // aws-lc-rs provider: they did before the others moved to
                // ring, and a change to users' manifests is a release's to
                // announce.
                features.retain(|feature| *feature != "rustls-no-provider");
                features.push("rustls");
            }
            _ => {}
        }
    }
    if modules.forms {
        dependencies.push(runtime::FORMS_DEPENDENCY.into());
    }
    // The runtime's page streams need it, and progenitor's code may.
    if uses.futures {
        dependencies.push(runtime::PAGES_DEPENDENCY.into());
    }
    // The `mock` feature's local server, and the path patterns it matches.
    dependencies.push(Requirement {
        default_features: false,
        optional: true,
        ..Requirement::new("httpmock", "0.8.3")
    });
    // The mocks match paths with regex; a crate whose types check patterns
    // has it already.
    if !modules.patterns {
        dependencies.push(Requirement {
            optional: true,
            ..Requirement::new("regex", "1.11")
        });
    }
    // What the mocks expect of a form body progenitor's client sends: the
    // text it writes, with the crate it writes it with.
    let flat_forms = crate::spec::requests::sent_by_progenitor(&document.api)
        .values()
        .any(|kind| *kind == RequestKind::Form);
    if flat_forms {
        dependencies.push(Requirement {
            optional: true,
            ..Requirement::new("serde_urlencoded", "0.7.1")
        });
    }
    // The command line of the `cli` feature.
    if modules.cli {
        for dependency in [runtime::CLI_DEPENDENCY, runtime::CLI_STREAM_DEPENDENCY] {
            dependencies.push(Requirement {
                optional: true,
                ..dependency.into()
            });
        }
    }
    if uses.chrono {
        dependencies.push(Requirement {
            default_features: false,
            features: vec!["serde", "std"],
            ..Requirement::new("chrono", "0.4.42")
        });
    }
    // Random keys for operations that declare an `Idempotency-Key`.
    let keys = !crate::spec::walk::idempotency_key_operations(&document.api).is_empty();
    if uses.uuid || keys {
        let serde = uses.uuid.then_some("serde");
        let v4 = keys.then_some("v4");
        dependencies.push(Requirement {
            features: serde.into_iter().chain(v4).collect(),
            ..Requirement::new("uuid", "1.18")
        });
    }
    if modules.patterns {
        dependencies.extend(runtime::PATTERNS_DEPENDENCIES.map(Requirement::from));
    }
    if uses.websockets {
        dependencies.push(Requirement::new("base64", "0.22"));
        dependencies.push(Requirement::new("rand", "0.10"));
    }
    // Sorted by name, as `cargo add` keeps them.
    dependencies.sort_by_key(|dependency| dependency.name);

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
    for dependency in &dependencies {
        let _ = writeln!(toml, "{dependency}");
    }
    let mock = ["dep:httpmock"]
        .into_iter()
        .chain((!modules.patterns).then_some("dep:regex"))
        .chain(flat_forms.then_some("dep:serde_urlencoded"))
        .map(|feature| format!("\"{feature}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mock = format!("[{mock}]");
    let _ = write!(
        toml,
        "\n[features]\n\
         # Typed httpmock expectations and sample values, for applications' tests.\n\
         mock = {mock}\n",
    );
    if modules.cli {
        let _ = write!(
            toml,
            "# The `{name}` command: a subcommand per operation.\n\
             cli = [\"dep:{clap}\", \"dep:{stream}\", {features}]\n\
             \n\
             [[bin]]\n\
             name = \"{name}\"\n\
             path = \"src/main.rs\"\n\
             required-features = [\"cli\"]\n",
            name = package.name,
            clap = runtime::CLI_DEPENDENCY.name,
            stream = runtime::CLI_STREAM_DEPENDENCY.name,
            features = runtime::CLI_FEATURES
                .map(|feature| format!("\"{feature}\""))
                .join(", "),
        );
    }
    toml.push_str("\n[dev-dependencies]\n");
    // The generated code's own test decodes every sample of `mock`, so
    // `cargo test` builds the crate with that feature; and with `cli`, so
    // that tests can run the command.
    let features = if modules.cli {
        r#"["cli", "mock"]"#
    } else {
        r#"["mock"]"#
    };
    let _ = writeln!(
        toml,
        "{} = {{ path = \".\", features = {features} }}",
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

/// A dependency of the generated crate, as its manifest lists it.
struct Requirement {
    name: &'static str,
    version: &'static str,
    default_features: bool,
    features: Vec<&'static str>,
    optional: bool,
}

impl Requirement {
    /// A dependency on the version `version` with its default features.
    fn new(name: &'static str, version: &'static str) -> Self {
        Requirement {
            name,
            version,
            default_features: true,
            features: Vec::new(),
            optional: false,
        }
    }
}

impl From<runtime::Dependency> for Requirement {
    fn from(dependency: runtime::Dependency) -> Self {
        Requirement {
            default_features: dependency.default_features,
            features: dependency.features.to_vec(),
            ..Requirement::new(dependency.name, dependency.version)
        }
    }
}

/// `name = "version"`, or `name = { version = … }` with whatever else it
/// sets, the features sorted.
impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let version = string(self.version);
        let plain = self.default_features && self.features.is_empty() && !self.optional;
        if plain {
            return write!(f, "{} = {version}", self.name);
        }
        write!(f, "{} = {{ version = {version}", self.name)?;
        if !self.default_features {
            f.write_str(", default-features = false")?;
        }
        if !self.features.is_empty() {
            let mut features: Vec<String> = self.features.iter().map(|f| string(f)).collect();
            features.sort();
            write!(f, ", features = [{}]", features.join(", "))?;
        }
        if self.optional {
            f.write_str(", optional = true")?;
        }
        f.write_str(" }")
    }
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
