//! Stage 5, the last: the crate's code becomes text ([`format`](mod@format), tidied by
//! [`layout`]) and one set of files, compared with or written into an output
//! folder in one step ([`files`]).

mod files;
mod format;
mod layout;

pub use files::{CrateFiles, StaleFile, Written, write_file};
pub(crate) use layout::comment;

use crate::emit::CrateCode;
use crate::spec::Diagnostic;

/// The text of every file of `code`, each behind a preamble naming
/// `spec_label`, with the `warnings` about the readings made of the spec.
pub(crate) fn format(code: CrateCode, spec_label: &str, warnings: Vec<Diagnostic>) -> CrateFiles {
    let mut files = CrateFiles::default();
    for (path, syntax) in code.rust {
        files.insert(path, format::rust(syntax, spec_label));
    }
    for (path, text) in code.verbatim {
        files.insert(path, format::verbatim(text, spec_label));
    }
    files.insert("Cargo.toml", format::toml(&code.manifest, spec_label));
    files.set_warnings(warnings);
    files
}
