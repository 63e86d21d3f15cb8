//! The untyped pass: the spec as a [`serde_json::Value`], rewritten before
//! it is checked and typed into the OpenAPI 3.0 that openapiv3, typify and
//! progenitor take, with a located warning for each reading made.

mod schema;
mod walk;
mod yaml;

use std::path::Path;

pub(super) use walk::downconvert;
pub(super) use yaml::Untyped;

use super::Diagnostic;
use super::diagnostics::Diagnostics;
use super::positions::Positions;

/// What the pass made of the spec: a warning for each reading, at the
/// pointer of the member as the spec wrote it (whatever the pass moved
/// since), and whether the document was rewritten at all.
#[derive(Debug, Default)]
struct Readings {
    /// `(pointer, message)`, in the order they were said.
    warnings: Vec<(String, String)>,
    /// Whether the document no longer says what its text says; a few
    /// rewrites, which change nothing the spec means, say nothing.
    rewritten: bool,
}

impl Readings {
    /// Says what was read how, about the member at `pointer`.
    fn warn(&mut self, pointer: &str, message: String) {
        self.rewritten = true;
        self.warnings.push((pointer.to_owned(), message));
    }

    /// Records a rewrite that needs no warning.
    fn rewrote(&mut self) {
        self.rewritten = true;
    }

    /// The warnings about the spec at `path`, in the order of their
    /// pointers, to be located in `positions` by their gatherer.
    fn into_warnings(self, path: &Path, positions: &Positions) -> Vec<Diagnostic> {
        let mut warnings = Diagnostics::new(path, positions);
        for (pointer, message) in self.warnings {
            warnings.push(&pointer, message);
        }
        warnings.into_warnings()
    }
}
