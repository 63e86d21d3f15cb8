//! Turns an OpenAPI 3.0 or 3.1 spec into a typed Rust client crate.
//!
//! Data flows one way, one module a stage:
//! [`load`] (file → YAML document, with [`positions`]) → [`downconvert`]
//! (OpenAPI 3.1 read as 3.0, with warnings) → [`validate`] (every
//! problem at once, located; then OpenAPI types) → [`document`] (what
//! progenitor does not read) → [`normalize`] (what progenitor cannot digest,
//! read sensibly, with warnings) → [`operations`] (progenitor's code), then
//! [`open_enums`] and [`personal_data`] (rewrites of it), [`methods`],
//! [`mocks`] (with [`samples`]), [`connection`], [`crate_root`], [`manifest`]
//! and [`runtime`] (the rest of the crate) → [`format`](mod@format) (text) →
//! [`files`] (one set, written in one step). Nothing is written until every
//! stage has succeeded, so a broken spec leaves the output folder as it was.
//!
//! ```no_run
//! # fn main() -> Result<(), generator::Error> {
//! use std::path::Path;
//!
//! let files = generator::generate(Path::new("spec/api.yaml"), "spec/api.yaml")?;
//! let changed = files.write_into(Path::new("api-client"))?;
//! # let _ = changed;
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod connection;
pub mod contract;
pub mod crate_root;
pub mod document;
pub mod downconvert;
mod error;
pub mod files;
pub mod format;
pub mod guard;
pub mod load;
pub mod manifest;
pub mod media;
pub mod methods;
pub mod mocks;
pub mod normalize;
pub mod open_enums;
pub mod operations;
pub mod personal_data;
pub mod positions;
pub mod runtime;
pub mod samples;
mod syntax;
mod untyped;
pub mod validate;

use std::path::Path;

pub use error::{Diagnostic, Error, Result};
pub use files::{CrateFiles, StaleFile};

/// Generates the client crate for the spec at `spec_path`.
///
/// `spec_label` names the spec in each file's preamble; give a path relative
/// to the project, so that the output does not depend on where it is checked
/// out.
pub fn generate(spec_path: &Path, spec_label: &str) -> Result<CrateFiles> {
    generate_with(spec_path, spec_label, &Options::default())
}

/// Reads, checks and validates the spec at `spec_path`: the document every
/// later stage (and the contract check) works from. `crate_name` overrides
/// the package name the spec gives.
pub fn read(spec_path: &Path, crate_name: Option<&str>) -> Result<document::Document> {
    read_noting(spec_path, crate_name).map(|(document, _)| document)
}

/// [`read`], with a warning for each reading [`downconvert`] made.
fn read_noting(
    spec_path: &Path,
    crate_name: Option<&str>,
) -> Result<(document::Document, Vec<Diagnostic>)> {
    let mut source = load::load(spec_path)?;
    let warnings = downconvert::downconvert(&mut source);
    let spec = validate::validate(source)?;
    Ok((document::validate(spec, crate_name)?, warnings))
}

/// What the command line may say beyond the spec.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The package name, instead of the spec's `x-rust-client.crate` or its
    /// title.
    pub crate_name: Option<String>,
    /// Whether the crate is a workspace of its own (an empty `[workspace]`
    /// table), as it must be to build outside the project's workspace.
    pub standalone: bool,
}

/// [`generate`], with `options`. Warnings about the readings made of the
/// spec come with the files, in [`CrateFiles::warnings`].
pub fn generate_with(spec_path: &Path, spec_label: &str, options: &Options) -> Result<CrateFiles> {
    let (mut document, mut warnings) = read_noting(spec_path, options.crate_name.as_deref())?;
    warnings.extend(normalize::normalize(&mut document));
    warnings.sort_by(|a, b| (a.location, &a.pointer).cmp(&(b.location, &b.pointer)));
    let operations = operations::generate(&document)?;
    let mut api = format::parse(Path::new("src/api.rs"), operations.tokens)?;
    open_enums::open(&mut api);
    personal_data::PersonalData::of(&document.api).redact(&mut api);

    let mut files = CrateFiles::default();
    let mut rust = |path: &str, tokens| -> Result<()> {
        let syntax = format::parse(Path::new(path), tokens)?;
        files.insert(path, format::rust(&syntax, spec_label));
        Ok(())
    };
    rust("src/lib.rs", crate_root::generate(&document))?;
    rust("src/operations.rs", methods::generate(&api, &document.api))?;
    rust("src/mock.rs", mocks::generate(&document, &api)?)?;
    rust("src/connection.rs", connection::generate(&document))?;
    files.insert("src/api.rs", format::rust(&api, spec_label));
    for (path, text) in runtime::FILES {
        files.insert(path, format::verbatim(text, spec_label));
    }
    let mut manifest = manifest::generate(&document, operations.uses);
    if options.standalone {
        manifest.push_str(manifest::STANDALONE_WORKSPACE);
    }
    files.insert("Cargo.toml", format::toml(&manifest, spec_label));
    files.set_warnings(warnings);
    Ok(files)
}
