//! Stage 5, the last: the crate's code becomes text ([`format`](mod@format), tidied by
//! [`layout`]) and one set of files, compared with or written into an output
//! folder in one step ([`files`]).

mod files;
mod format;
mod layout;

pub use files::{CrateFiles, StaleFile, Written, write_file};
pub(crate) use layout::comment;

use crate::emit::CrateCode;

/// The text of a Rust file, from its code, behind a preamble naming
/// `spec_label`: what [`format`] makes of each Rust file, for a file made
/// on a thread of its own.
pub(crate) fn rust_file(syntax: syn::File, spec_label: &str) -> String {
    format::rust(syntax, spec_label)
}

/// The text of every file of `code`, each behind a preamble naming
/// `spec_label`.
pub(crate) fn format(code: CrateCode, spec_label: &str) -> CrateFiles {
    let mut files = CrateFiles::default();
    for (path, syntax) in code.rust {
        files.insert(path, format::rust(syntax, spec_label));
    }
    for (path, text) in code.verbatim {
        files.insert(path, format::verbatim(&text, spec_label));
    }
    files.insert("Cargo.toml", format::toml(&code.manifest, spec_label));
    files
}
