//! Checks a parsed spec and reads from it what progenitor does not: the
//! package to write, the authentication scheme and the default server.

use std::collections::BTreeMap;
use std::path::PathBuf;

use heck::ToKebabCase;
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityScheme};
use serde_json::Value;

use super::Diagnostics;
use super::pointer::escape;
use super::positions::Positions;
use super::validate::Spec;
use crate::error::{Error, Result};

/// The vendor extension that says how the Rust client is packaged.
///
/// ```yaml
/// x-rust-client:
///   crate: my-api          # package name; default: the title in kebab-case
///   version: 0.3.0         # package version; default: 0.1.0
///   env-prefix: MY_API     # environment variables MY_API_API_KEY, MY_API_BASE_URL
///   cli: false             # no `cli` feature (a command named after the crate); default: true
///   dev-dependencies:      # what the crate's hand-written tests use, as Cargo.toml has it
///     wiremock: "0.6.5"
///     tokio: { version: "1.47", features: [macros, rt-multi-thread] }
/// ```
pub const CLIENT_EXTENSION: &str = "x-rust-client";

/// The package version when `x-rust-client.version` sets none.
pub const DEFAULT_VERSION: &str = "0.1.0";

/// A spec that has passed every check, with what the generator needs from it.
pub struct Document {
    /// Where the spec was read from.
    pub path: PathBuf,
    /// The OpenAPI document itself.
    pub api: OpenAPI,
    /// Where each member of the spec was written.
    pub(crate) positions: Positions,
    /// The Rust package to write.
    pub package: Package,
    /// Prefix of the environment variables `Client::from_env` reads.
    pub env_prefix: String,
    /// The first server's URL, used unless the user names another.
    pub default_base_url: Option<String>,
    /// How requests authenticate, if the spec says and the client can do it.
    pub auth: Option<Auth>,
    /// Whether the crate has a `cli` feature, which adds a command named
    /// after it (`x-rust-client.cli`, true unless it says `false`).
    pub cli: bool,
    /// `x-rust-client.dev-dependencies`: what the crate's hand-written tests
    /// need beyond what its generated code does, by package name.
    pub dev_dependencies: BTreeMap<String, DevDependency>,
    /// What the generated client sends itself where progenitor cannot:
    /// multipart and raw bodies, parameters written as JSON.
    pub(crate) requests: super::requests::Requests,
    /// What the front end stepped down because openapiv3 could not read
    /// it: components untyped and operations left out, which the engine's
    /// ladder starts its record from.
    pub(crate) stepped_down: Vec<crate::degradation::Degraded>,
}

/// How `Cargo.toml` names one dev-dependency, as the spec gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum DevDependency {
    /// A version requirement: `proptest = "1.7"`.
    Version(String),
    /// An inline table: `tokio = { version = "1.47", features = [...] }`,
    /// its keys in the order Cargo's documentation lists them (`version`
    /// first, then by name).
    Table(Vec<(String, TomlValue)>),
}

/// A value in a dev-dependency's inline table.
#[derive(Clone, Debug, PartialEq)]
pub enum TomlValue {
    /// A string, such as a version or a path.
    String(String),
    /// `true` or `false`, such as `default-features`.
    Bool(bool),
    /// A list of strings, such as `features`.
    Strings(Vec<String>),
}

impl Document {
    /// The environment variable that holds the credential, when the spec
    /// names one the client applies: `{PREFIX}_API_KEY` for an API key,
    /// `{PREFIX}_BEARER_TOKEN` for a bearer token. The generated
    /// `Client::from_env` and `cargo xtask record` both read it, so they
    /// never disagree.
    pub fn credential_env(&self) -> Option<String> {
        let name = match self.auth.as_ref()? {
            Auth::ApiKeyHeader { .. } => "API_KEY",
            Auth::Bearer { .. } => "BEARER_TOKEN",
        };
        Some(format!("{}_{name}", self.env_prefix))
    }
}

/// The generated package's identity.
pub struct Package {
    /// Package name, kebab-case (`beltic-identity`).
    pub name: String,
    /// Package version.
    pub version: String,
}

impl Package {
    /// The library's name as Rust code spells it (`beltic_identity`).
    pub fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// An authentication scheme the generated client can apply by itself.
pub enum Auth {
    /// `type: apiKey, in: header`: the key travels as the header's value.
    ApiKeyHeader {
        /// The scheme's name in `components.securitySchemes`.
        scheme: String,
        /// The header's name, as the spec writes it.
        header: String,
    },
    /// `type: http, scheme: bearer`: `Authorization: Bearer <token>`.
    Bearer {
        /// The scheme's name in `components.securitySchemes`.
        scheme: String,
    },
}

/// Checks `spec` and extracts what generation needs, reporting every
/// problem at once. `crate_name`, when given, names the package whatever
/// the spec says.
pub fn validate(spec: Spec, crate_name: Option<&str>) -> Result<Document> {
    let Spec {
        path,
        api,
        positions,
    } = spec;
    if let Some(name) = crate_name
        && !is_package_name(name)
    {
        return Err(Error::CrateName {
            name: name.to_owned(),
        });
    }
    let mut problems = Diagnostics::new(&path, &positions);

    let settings = api.extensions.get(CLIENT_EXTENSION);
    let mut setting = |key: &str| match settings.and_then(|s| s.get(key)) {
        None => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(_) => {
            problems.push(
                &format!("/{CLIENT_EXTENSION}/{key}"),
                format!("`{key}` must be a non-empty string"),
            );
            None
        }
    };
    let name_setting = setting("crate");
    let version = setting("version").unwrap_or_else(|| DEFAULT_VERSION.to_owned());
    let prefix_setting = setting("env-prefix");
    if semver::Version::parse(&version).is_err() {
        problems.push(
            &format!("/{CLIENT_EXTENSION}/version"),
            format!("`{version}` is not a SemVer version such as `0.2.0`"),
        );
    }

    let cli = match settings.and_then(|s| s.get("cli")) {
        None | Some(Value::Bool(true)) => true,
        Some(Value::Bool(false)) => false,
        Some(_) => {
            problems.push(
                &format!("/{CLIENT_EXTENSION}/cli"),
                "`cli` must be `true` or `false`".to_owned(),
            );
            true
        }
    };

    let name = match (crate_name, name_setting) {
        (Some(name), _) => name.to_owned(),
        (None, Some(name)) => name,
        (None, None) => package_name_from_title(&api.info.title),
    };
    if !is_package_name(&name) {
        problems.push(
            &format!("/{CLIENT_EXTENSION}/crate"),
            format!(
                "`{name}` is not a usable package name: use lower-case ASCII letters, digits \
                 and `-`, starting with a letter (set `{CLIENT_EXTENSION}.crate`)"
            ),
        );
    }
    let env_prefix = prefix_setting.unwrap_or_else(|| name.replace('-', "_").to_uppercase());
    if !env_prefix
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    {
        problems.push(
            &format!("/{CLIENT_EXTENSION}/env-prefix"),
            format!("`{env_prefix}` must be upper-case ASCII letters, digits and `_`"),
        );
    }

    let default_base_url = api
        .servers
        .first()
        .map(|server| server.url.trim_end_matches('/').to_owned());
    if let Some(url) = &default_base_url
        && url.contains('{')
    {
        problems.push(
            "/servers/0/url",
            format!(
                "server URL `{url}` has variables; the client needs a concrete default \
                 (list a server without `{{...}}` first)"
            ),
        );
    }

    let dev_dependencies = dev_dependencies(settings, &name, &mut problems);
    let auth = auth(&api);
    if let Some(error) = problems.into_error() {
        return Err(error);
    }
    Ok(Document {
        package: Package { name, version },
        env_prefix,
        default_base_url,
        auth,
        cli,
        dev_dependencies,
        path,
        api,
        positions,
        requests: Default::default(),
        stepped_down: Vec::new(),
    })
}

/// Reads `x-rust-client.dev-dependencies`: a map from package name to a
/// version requirement or an inline table of strings, booleans and lists of
/// strings, each problem reported where it is.
fn dev_dependencies(
    settings: Option<&Value>,
    package: &str,
    problems: &mut Diagnostics,
) -> BTreeMap<String, DevDependency> {
    let key = "dev-dependencies";
    let pointer = format!("/{CLIENT_EXTENSION}/{key}");
    let mut found = BTreeMap::new();
    let entries = match settings.and_then(|s| s.get(key)) {
        None => return found,
        Some(Value::Object(entries)) => entries,
        Some(_) => {
            problems.push(
                &pointer,
                format!(
                    "`{key}` must be a map from package name to a version or an inline table, \
                     as in Cargo.toml"
                ),
            );
            return found;
        }
    };
    for (name, value) in entries {
        let at = format!("{pointer}/{}", escape(name));
        if !is_dependency_name(name) {
            problems.push(
                &at,
                format!(
                    "`{name}` is not a package name: use ASCII letters, digits, `-` and `_`, \
                     starting with a letter"
                ),
            );
            continue;
        }
        if name == package {
            problems.push(
                &at,
                format!(
                    "the crate is already its own dev-dependency, with the `mock` feature; \
                     remove `{name}` here"
                ),
            );
            continue;
        }
        if let Some(dependency) = dev_dependency(value, &at, problems) {
            found.insert(name.clone(), dependency);
        }
    }
    found
}

/// One dev-dependency's requirement, or `None` after reporting why not.
fn dev_dependency(value: &Value, at: &str, problems: &mut Diagnostics) -> Option<DevDependency> {
    match value {
        Value::String(version) => match semver::VersionReq::parse(version) {
            Ok(_) => Some(DevDependency::Version(version.clone())),
            Err(error) => {
                problems.push(
                    at,
                    format!("`{version}` is not a version requirement such as `1.7`: {error}"),
                );
                None
            }
        },
        Value::Object(table) => {
            let mut entries = Vec::new();
            let mut valid = true;
            for (key, value) in table {
                let here = format!("{at}/{}", escape(key));
                let strings = |list: &Vec<Value>| -> Option<Vec<String>> {
                    list.iter()
                        .map(|item| item.as_str().map(str::to_owned))
                        .collect()
                };
                let value = match value {
                    Value::String(text) => Some(TomlValue::String(text.clone())),
                    Value::Bool(flag) => Some(TomlValue::Bool(*flag)),
                    Value::Array(list) => strings(list).map(TomlValue::Strings),
                    _ => None,
                };
                let bare_key = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                match value {
                    Some(value) if bare_key => entries.push((key.clone(), value)),
                    Some(_) => {
                        valid = false;
                        problems.push(&here, format!("`{key}` is not a key Cargo.toml has"));
                    }
                    None => {
                        valid = false;
                        problems.push(
                            &here,
                            format!(
                                "`{key}` must be a string, `true`/`false` or a list of \
                                 strings, as in Cargo.toml"
                            ),
                        );
                    }
                }
            }
            if !["version", "path", "git"]
                .iter()
                .any(|key| table.contains_key(*key))
            {
                valid = false;
                problems.push(
                    at,
                    "an inline table needs a `version` (or a `path` or `git`) to name a release"
                        .to_owned(),
                );
            }
            entries.sort_by_key(|(key, _)| (key != "version", key.clone()));
            valid.then_some(DevDependency::Table(entries))
        }
        _ => {
            problems.push(
                at,
                "must be a version requirement such as \"1.7\" or an inline table such as \
                 { version: \"1.47\", features: [macros] }"
                    .to_owned(),
            );
            None
        }
    }
}

/// A name Cargo takes for a dependency.
fn is_dependency_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The scheme the document's top-level `security` names first, or else its
/// only scheme. A scheme the client cannot apply by itself (OAuth, a key in
/// a query or cookie, or in a header whose name HTTP does not allow) yields
/// `None`, and the client sends no credential;
/// [`normalize`](mod@super::normalize) warns about it. So does a scheme
/// that is a `$ref`, or that the document does not define (or defines in a
/// shape that was left out, such as solidtime's OAuth flow without a
/// `tokenUrl`): the rest of the client needs no credential to generate.
fn auth(api: &OpenAPI) -> Option<Auth> {
    let (name, _) = security_scheme(api)?;
    let defined = api.components.as_ref().map(|c| &c.security_schemes);
    let Some(ReferenceOr::Item(scheme)) = defined.and_then(|schemes| schemes.get(name)) else {
        return None;
    };
    match scheme {
        SecurityScheme::APIKey {
            location: APIKeyLocation::Header,
            name: header,
            ..
        } => {
            // A header HTTP cannot carry: the client sends no credential,
            // and `normalize` says why.
            http_header_name(header)?;
            Some(Auth::ApiKeyHeader {
                scheme: name.clone(),
                header: header.clone(),
            })
        }
        SecurityScheme::HTTP { scheme: kind, .. } if kind.eq_ignore_ascii_case("bearer") => {
            Some(Auth::Bearer {
                scheme: name.clone(),
            })
        }
        _ => None,
    }
}

/// The name of the security scheme the client applies, and the pointer to
/// its definition: the first one the top-level `security` names, or else
/// the only one defined.
pub(crate) fn security_scheme(api: &OpenAPI) -> Option<(&String, String)> {
    let named = api
        .security
        .iter()
        .flatten()
        .flat_map(|requirement| requirement.keys())
        .next();
    let name = match named {
        Some(name) => name,
        None => {
            let schemes = &api.components.as_ref()?.security_schemes;
            if schemes.len() != 1 {
                return None;
            }
            schemes.keys().next()?
        }
    };
    Some((name, format!("/components/securitySchemes/{name}")))
}

/// The header name in the lower case HTTP/2 requires, if it is a valid token.
pub fn http_header_name(name: &str) -> Option<String> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!name.is_empty() && name.chars().all(token)).then(|| name.to_ascii_lowercase())
}

/// A package name from the API's title: kebab-case, starting with a letter
/// (`"3D Printing API"` → `api-3d-printing-api`), `api-client` when the title
/// has no letters or digits at all.
fn package_name_from_title(title: &str) -> String {
    let name = kebab_case(title);
    if name.is_empty() {
        "api-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name
    } else {
        format!("api-{name}")
    }
}

/// The title in kebab-case, words split at spaces, punctuation and case
/// changes (`KeeperAPI` → `keeper-api`); letters Cargo does not take in a
/// package name are left out.
fn kebab_case(title: &str) -> String {
    let ascii: String = title.chars().filter(char::is_ascii).collect();
    ascii.to_kebab_case()
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_come_from_titles() {
        assert_eq!(kebab_case("Beltic Identity API"), "beltic-identity-api");
        assert_eq!(kebab_case("  Pet-store (v2) "), "pet-store-v2");
        assert_eq!(kebab_case("KeeperAPI"), "keeper-api");
        assert_eq!(kebab_case("Café API"), "caf-api");
        assert_eq!(package_name_from_title("3D Printing"), "api-3d-printing");
        assert_eq!(package_name_from_title("Überblick"), "berblick");
        assert_eq!(package_name_from_title("???"), "api-client");
        assert!(is_package_name("beltic-identity"));
        assert!(!is_package_name("9lives"));
        assert!(!is_package_name(""));
    }

    #[test]
    fn header_names_are_checked_and_lowered() {
        assert_eq!(http_header_name("X-Api-Key").as_deref(), Some("x-api-key"));
        assert_eq!(http_header_name("X Api Key"), None);
        assert_eq!(http_header_name(""), None);
    }
}
