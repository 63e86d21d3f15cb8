//! What a regeneration does to the crate's users: the change report
//! between the crates two specs generate, the version bump it needs, and
//! the changelog entry it makes.
//!
//! Both crates are generated in memory and their public items read back
//! with `syn` ([`surface`]), so the report is about the Rust users compile
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

use crate::{CrateFiles, Result, Settings};
use pointers::Pointers;
use surface::Surface;

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
    /// The API of `files`, generated with `settings` (the spec is read
    /// again, for its pointers).
    pub fn of(files: &CrateFiles, settings: &Settings) -> Result<CrateApi> {
        let mut document = crate::for_tools::checked_document(
            &settings.spec_path,
            settings.crate_name.as_deref(),
        )?;
        // Operations without an `operationId` get the name normalizing gives them.
        let _ = crate::spec::normalize(&mut document);
        let surface = Surface::read(files.iter().filter_map(|(path, text)| {
            (path.extension().is_some_and(|e| e == "rs")).then_some(text)
        }));
        let pointers = Pointers::of(&document, &surface);
        Ok(CrateApi {
            surface,
            pointers,
            version: document.package.version,
        })
    }

    /// Generates the crate of the spec at `spec_path` in memory, as
    /// `settings` say but for the spec, and reads its API.
    pub fn generate(spec_path: &Path, settings: &Settings) -> Result<CrateApi> {
        let settings = Settings {
            spec_path: spec_path.to_owned(),
            spec_label: "the old spec".to_owned(),
            time_positions: false,
            ..settings.clone()
        };
        let files = crate::generate(&settings)?.files;
        CrateApi::of(&files, &settings)
    }
}

/// The package version a spec's text sets in `x-rust-client.version`
/// (`0.1.0` when it sets none), read without checking the rest of the
/// spec; `None` when the text is not YAML or JSON.
pub fn spec_version(text: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let version = value
        .get(crate::spec::CLIENT_EXTENSION)
        .and_then(|settings| settings.get("version"));
    match version {
        None => Some(crate::spec::DEFAULT_VERSION.to_owned()),
        Some(version) => Some(version.as_str()?.trim().to_owned()),
    }
}
