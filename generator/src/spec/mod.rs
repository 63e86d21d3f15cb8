//! Stage 1, the front end: a spec file becomes a checked [`Document`], then
//! one progenitor can digest; every problem is reported at once, located.
//!
//! [`load`] (file → untyped YAML, with [`positions`]) → [`validate`] (every
//! problem at once; then openapiv3's types) → [`document`] (what progenitor
//! does not read: package, credential, server) → [`normalize`](mod@normalize) (readings of
//! what progenitor would refuse, each with a warning). [`diagnostics`] is how
//! they all report, [`media`] how they read media types, and [`walk`] how
//! they go through operations, response statuses and `$ref`s.

mod diagnostics;
mod document;
mod load;
pub(crate) mod media;
mod normalize;
mod positions;
mod validate;
pub(crate) mod walk;

use std::path::Path;

pub use diagnostics::Diagnostic;
pub(crate) use diagnostics::Diagnostics;
pub(crate) use document::http_header_name;
pub use document::{Auth, CLIENT_EXTENSION, DEFAULT_VERSION, Document, Package};
pub(crate) use normalize::normalize;
pub use positions::Location;
pub(crate) use positions::Positions;
pub(crate) use positions::escape;

use crate::error::Result;

/// Reads, checks and validates the spec at `path`: the document every later
/// stage works from. `crate_name` overrides the package name the spec gives.
pub(crate) fn read(path: &Path, crate_name: Option<&str>) -> Result<Document> {
    let spec = validate::validate(load::load(path)?)?;
    document::validate(spec, crate_name)
}
