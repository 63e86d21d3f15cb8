//! The untyped pass: before the spec is checked and typed, its document, as
//! a [`serde_json::Value`], is rewritten into the OpenAPI 3.0 that
//! openapiv3, typify and progenitor take. Each rewrite is a *reading*: what
//! the spec plainly means, in a form they accept, said in a warning located
//! at the member as the spec wrote it, whatever the pass moved since.
//!
//! Where a reading goes: in the file of what it reads, and nowhere else:
//! [`openapi31`] for OpenAPI 3.1 and its habits in 3.0 specs, [`schema`]
//! for the constructs of one schema, [`document`] for the members outside
//! schemas (servers, parameters, bodies, responses), [`type_names`] for two
//! types that typify would name alike, [`references`] for `$ref`s progenitor
//! could not follow, and [`hoist`] for schemas that must
//! become components. [`walk`] holds none: it goes through the document and
//! decides when each reading runs.
//!
//! What each reading does, and the spec that needed it, is catalogued in
//! `docs/readings.md`.

mod document;
mod hoist;
mod openapi31;
mod references;
mod schema;
mod type_names;
mod walk;
mod yaml;

use std::path::Path;

pub(super) use walk::apply_readings;
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

/// What the tests of every reading share: the whole pass, run over a
/// spec's text.
#[cfg(test)]
mod testing {
    use std::path::PathBuf;

    use serde_json::Value;

    use super::Untyped;
    use super::walk::apply_readings;
    use crate::spec::Diagnostic;
    use crate::spec::load::Source;
    use crate::spec::positions::Positions;

    /// The pointer of the schema [`convert`] reads.
    pub(super) const S: &str = "/components/schemas/S";

    /// `warnings`, placed in `source` and ordered as their gatherer does.
    pub(super) fn located(mut warnings: Vec<Diagnostic>, source: &Source) -> Vec<Diagnostic> {
        crate::spec::locate_all(&mut warnings, &source.positions);
        warnings
    }

    pub(super) fn source(text: &str) -> Source {
        Source {
            path: PathBuf::from("api.yaml"),
            text: text.to_owned(),
            value: serde_yaml::from_str::<Untyped>(text).unwrap().0,
            positions: Positions::index(text),
            json: false,
            rewritten: false,
        }
    }

    /// `schema` (YAML, indented under `components.schemas.S`) as the 3.0
    /// reader gets it, with what was said about it as `(line, pointer,
    /// message)`. It may refer to the components `A`, `B` and `O`.
    pub(super) fn convert(version: &str, schema: &str) -> (Value, Vec<(usize, String, String)>) {
        let text = format!(
            "openapi: {version}\ninfo:\n  title: T\n  version: '1'\npaths: {{}}\ncomponents:\n  \
             schemas:\n    S:\n{}    A: {{}}\n    B: {{}}\n    O: {{}}\n",
            indent(schema, 6)
        );
        let mut source = source(&text);
        let warnings = located(apply_readings(&mut source), &source);
        let said = warnings
            .into_iter()
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer, w.message))
            .collect();
        (source.value["components"]["schemas"]["S"].clone(), said)
    }

    fn indent(text: &str, by: usize) -> String {
        text.lines()
            .map(|line| format!("{}{line}\n", " ".repeat(by)))
            .collect()
    }

    pub(super) fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }
}
