//! Stage 1, the front end: a spec file becomes a checked [`Document`], then
//! one progenitor can digest; every problem is reported at once, located.
//!
//! [`load`] (file → untyped YAML, with [`positions`]) → [`untyped`]
//! (OpenAPI 3.1 read as 3.0, and other readings of the untyped document,
//! with warnings) → [`shapes`] (openapiv3's types, with what they cannot
//! read stepped down) → [`validate`] (every problem at once) → [`document`] (what progenitor
//! does not read: package, credential, server) → [`normalize`](mod@normalize) (readings of
//! what progenitor would refuse, each with a warning). [`diagnostics`] is how
//! they all report, [`media`] how they read media types, and [`walk`] how
//! they go through operations, response statuses and `$ref`s.

mod diagnostics;
mod document;
mod load;
pub(crate) mod media;
mod normalize;
pub(crate) mod pagination;
mod parameter_names;
pub(crate) mod pointer;
mod positions;
pub(crate) mod requests;
mod shapes;
mod untyped;
mod validate;
pub(crate) mod walk;

use std::path::Path;

pub use diagnostics::Diagnostic;
pub(crate) use diagnostics::{Diagnostics, locate_all};
pub(crate) use document::http_header_name;
pub use document::{
    Auth, CLIENT_EXTENSION, DEFAULT_VERSION, DevDependency, Document, Package, TomlValue,
};
pub use pointer::escape;
pub use positions::Location;
pub(crate) use positions::Positions;
pub(crate) use validate::each_reference;

use crate::error::Result;

/// Rewrites the document into one progenitor can digest ([`normalize`](mod@normalize),
/// [`parameter_names`], then [`requests`]: what the generated client sends itself), with a warning
/// for each reading made.
pub(crate) fn normalize(document: &mut Document) -> Vec<Diagnostic> {
    let mut warnings = normalize::normalize(document);
    // After the readings, whose warnings point at the paths as the spec
    // writes them.
    warnings.extend(parameter_names::apart(document));
    warnings.extend(requests::set_aside(document));
    warnings
}

/// Reads, checks and validates the spec at `path`: the document every later
/// stage works from, and a warning for each reading [`untyped`] made of
/// OpenAPI 3.1 (or of 3.1 habits in a 3.0 spec). `crate_name` overrides the
/// package name the spec gives.
pub(crate) fn load_and_check(
    path: &Path,
    crate_name: Option<&str>,
) -> Result<(Document, Vec<Diagnostic>)> {
    let mut source = load::load(path)?;
    let mut warnings = untyped::apply_readings(&mut source);
    let read = shapes::read(&mut source);
    warnings.extend(read.warnings);
    let spec = validate::validate(source, read.api)?;
    let mut document = document::validate(spec, crate_name)?;
    document.stepped_down = read.stepped_down;
    Ok((document, warnings))
}
