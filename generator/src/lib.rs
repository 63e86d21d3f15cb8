//! Turns an OpenAPI 3.0 spec into a typed Rust client crate.
//!
//! Data flows one way, one module a stage:
//! [`load`] (file → OpenAPI document) → [`document`] (checks, and what
//! progenitor does not read) → [`operations`], [`connection`],
//! [`crate_root`], [`manifest`] (code) → [`format`](mod@format) (text) → [`files`] (one
//! set, written in one step). Nothing is written until every stage has
//! succeeded, so a broken spec leaves the output folder as it was.
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
mod error;
pub mod files;
pub mod format;
pub mod load;
pub mod manifest;
pub mod operations;

use std::path::Path;

pub use error::{Error, Result};
pub use files::{CrateFiles, StaleFile};

/// Generates the client crate for the spec at `spec_path`.
///
/// `spec_label` names the spec in each file's preamble; give a path relative
/// to the project, so that the output does not depend on where it is checked
/// out.
pub fn generate(spec_path: &Path, spec_label: &str) -> Result<CrateFiles> {
    let document = document::validate(load::load(spec_path)?)?;
    let operations = operations::generate(&document)?;

    let mut files = CrateFiles::default();
    let mut rust = |path: &str, tokens| -> Result<()> {
        let text = format::rust(Path::new(path), tokens, spec_label)?;
        files.insert(path, text);
        Ok(())
    };
    rust("src/lib.rs", crate_root::generate(&document))?;
    rust("src/api.rs", operations.tokens)?;
    rust("src/connection.rs", connection::generate(&document))?;
    let manifest = manifest::generate(&document, operations.uses);
    files.insert("Cargo.toml", format::toml(&manifest, spec_label));
    Ok(files)
}
