//! The one error type of the generator: what went wrong, and where in which file.

use std::io;
use std::path::{Path, PathBuf};

use crate::spec::{Diagnostic, Diagnostics, Positions};

/// Why a generation failed. Every variant names the file it is about; those
/// about the spec also say where in it and what to change.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec file could not be read at all.
    #[error("{}: cannot read the spec: {source}", path.display())]
    ReadSpec {
        /// The spec file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },

    /// The spec is not well-formed YAML or JSON, or its shape is not that of
    /// an OpenAPI 3.0 document.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The spec file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },

    /// The spec parses, but says things the generator cannot turn into a
    /// client: every such problem, in the order they appear in the file.
    #[error("{}", lines(problems))]
    Invalid {
        /// The spec file.
        path: PathBuf,
        /// Each problem, located; never empty.
        problems: Vec<Diagnostic>,
    },

    /// The package name given on the command line is not one Cargo accepts.
    #[error(
        "`{name}` is not a usable crate name: use lower-case ASCII letters, digits and `-`, \
         starting with a letter"
    )]
    CrateName {
        /// The name as given.
        name: String,
    },

    /// progenitor refused the document or failed while generating from it.
    #[error("{}: progenitor cannot generate a client from this spec: {message}", path.display())]
    Generate {
        /// The spec file.
        path: PathBuf,
        /// progenitor's own message.
        message: String,
    },

    /// Generated code did not parse as Rust: a bug in the generator, not in
    /// the spec.
    #[error("generated {file} is not valid Rust ({message}); this is a generator bug")]
    Unparsable {
        /// The output file the code was meant for.
        file: PathBuf,
        /// The parser's message.
        message: String,
    },

    /// An output file could not be read or written.
    #[error("{}: {source}", path.display())]
    Output {
        /// The output file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

impl Error {
    /// The one problem of a spec, about the member at `pointer`.
    pub(crate) fn at(path: &Path, positions: &Positions, pointer: &str, message: String) -> Self {
        let mut problem = Diagnostics::new(path, positions);
        problem.push(pointer, message);
        Error::Invalid {
            path: path.to_owned(),
            problems: problem.into_problems(),
        }
    }
}

/// One problem a line.
fn lines(problems: &[Diagnostic]) -> String {
    let lines: Vec<String> = problems.iter().map(Diagnostic::to_string).collect();
    lines.join("\n")
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
