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

use crate::{CrateFiles, Options, Result};
use pointers::Pointers;
use surface::Surface;

/// One side of a comparison: a generated crate's public items, where each
/// comes from in its spec, and the package version the spec sets.
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
    /// The side of `files`, generated from the spec at `spec_path` with
    /// `options` (the spec is read again, for its pointers).
    pub fn of(spec_path: &Path, files: &CrateFiles, options: &Options) -> Result<CrateApi> {
        let mut document = crate::read(spec_path, options.crate_name.as_deref())?;
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

    /// Generates the crate of the spec at `spec_path` in memory and reads
    /// its side.
    pub fn generate(spec_path: &Path, options: &Options) -> Result<CrateApi> {
        let files = crate::generate_with(spec_path, "the old spec", options)?;
        CrateApi::of(spec_path, &files, options)
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
