//! What a regeneration does to the crate's users: the change report
//! between the crates two specs generate, the version bump it needs, and
//! the changelog entry it makes.
//!
//! The public items of both crates are read from the generator's syntax
//! trees ([`surface`]), so the report is about the Rust users compile
//! against, whatever in the spec caused it; [`pointers`] names the spec's
//! member behind each item. [`compare()`] classifies each difference under
//! Cargo's SemVer rules, [`version`] says which version that needs, and
//! [`changelog`] writes it down.

pub mod changelog;
pub mod compare;
pub mod pointers;
pub mod surface;
pub mod version;

use std::path::Path;

pub use compare::{Change, Class, Section, compare};

use crate::spec::Document;
use crate::{Result, Settings};
use pointers::Pointers;
use surface::{Field, Surface, Variant};

/// A generated crate's public API, one side of a comparison: its public
/// items, where each comes from in its spec, and the package version the
/// spec sets.
#[derive(Debug)]
pub struct CrateApi {
    /// The public items.
    pub surface: Surface,
    /// Their JSON pointers in the spec.
    pub pointers: Pointers,
    /// `x-rust-client.version`, or its default.
    pub version: String,
}

impl CrateApi {
    /// The API of the crate of the spec at `spec_path`, generated as
    /// `settings` say but for the spec: only what the API is read from is
    /// made (no mock module, nothing laid out as text).
    pub fn generate(spec_path: &Path, settings: &Settings) -> Result<CrateApi> {
        let settings = Settings {
            spec_path: spec_path.to_owned(),
            spec_label: "the old spec".to_owned(),
            time_positions: false,
            ..settings.clone()
        };
        crate::public_api(&settings)
    }

    fn of_type(&self, name: &str) -> Option<String> {
        self.pointers.of_type(&self.surface, name)
    }

    fn of_field(&self, ty: &str, field: &Field) -> Option<String> {
        self.pointers.of_field(&self.surface, ty, field)
    }

    fn of_variant(&self, ty: &str, variant: &Variant) -> Option<String> {
        self.pointers.of_variant(&self.surface, ty, variant)
    }

    fn of_operation(&self, name: &str) -> Option<String> {
        self.pointers.of_operation(&self.surface, name)
    }

    fn of_parameter(&self, operation: &str, parameter: &str) -> Option<String> {
        self.pointers
            .of_parameter(&self.surface, operation, parameter)
    }

    fn of_response(&self, operation: &str) -> Option<String> {
        self.pointers.of_response(&self.surface, operation)
    }
}

/// The spec at `spec_path` as the generator reads it (checked, then
/// normalized, which names operations without an `operationId`): what
/// [`Pointers::read_later`] needs of an earlier revision.
pub fn read_spec(spec_path: &Path, crate_name: Option<&str>) -> Result<Document> {
    let mut document = crate::for_tools::checked_document(spec_path, crate_name)?;
    let _ = crate::spec::normalize(&mut document);
    Ok(document)
}

/// The package version a spec's text sets in `x-rust-client.version`
/// (`0.1.0` when it sets none), read without checking the rest of the
/// spec; `None` when the text is not YAML or JSON.
pub fn spec_version(text: &str) -> Option<String> {
    // JSON is read by serde_json, keeping only the extension: many times
    // faster than serde_yaml on a large spec. Anything it refuses (YAML,
    // a top level that is not an object) is read as before.
    #[derive(serde::Deserialize)]
    struct Top {
        #[serde(rename = "x-rust-client")]
        settings: Option<serde_json::Value>,
    }
    if let Ok(top) = serde_json::from_str::<Top>(text) {
        let version = top.settings.as_ref().and_then(|s| s.get("version"));
        return match version {
            None => Some(crate::spec::DEFAULT_VERSION.to_owned()),
            Some(version) => Some(version.as_str()?.trim().to_owned()),
        };
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let version = value
        .get(crate::spec::CLIENT_EXTENSION)
        .and_then(|settings| settings.get("version"));
    match version {
        None => Some(crate::spec::DEFAULT_VERSION.to_owned()),
        Some(version) => Some(version.as_str()?.trim().to_owned()),
    }
}
