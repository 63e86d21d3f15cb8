//! Turns an OpenAPI 3.0 or 3.1 spec into a typed Rust client crate.
//!
//! Data flows one way through five stages, a folder each; [`generate_with`]
//! shows them as code:
//!
//! 1. `spec`: the file is loaded (OpenAPI 3.1 read as 3.0), checked (every problem at once, located)
//!    and read into a [`Document`], then normalized into one progenitor can
//!    digest, with a warning ([`Diagnostic`]) for each reading made;
//! 2. `engine`: progenitor generates the types, its client and the mock
//!    expectations, guarded so that its panics become located errors;
//! 3. `rewrite`: progenitor's syntax tree is edited: open enums, redacted
//!    personal data; page streams are planned on its types;
//! 4. `emit`: one emitter per file of the crate, named after the file;
//! 5. `output`: the code becomes formatted text, and the text one set of
//!    [`CrateFiles`], written in one step.
//!
//! Nothing is written until every stage has succeeded, so a broken spec
//! leaves the output folder as it was. [`report`] compares the crates two
//! specs generate, for `cargo xtask regen`.
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
//!
//! Besides generation, [`read`] gives the checked [`Document`] to tools that
//! work from the spec (the contract check of recordings, `cargo xtask
//! record`), and [`walk`] lets them go through it the way the generator does.
//! What they must decide as the generated code does is decided here once:
//! the credential's environment variable ([`Document::credential_env`]), how
//! far a personal-data mark reaches ([`PersonalData`]), and how a file is
//! replaced ([`write_file`]).

#![deny(missing_docs)]

mod emit;
mod engine;
mod error;
mod output;
pub mod report;
mod rewrite;
mod spec;

use std::path::Path;
use std::sync::mpsc;
use std::thread;

pub use error::{Error, Result};
pub use output::{CrateFiles, StaleFile, Written, write_file};
pub use rewrite::{PERSONAL_DATA_EXTENSION, PersonalData, Reach};
pub use spec::{Auth, CLIENT_EXTENSION, Diagnostic, Document, Location, Package};

pub mod walk {
    //! How a tool that reads a [`Document`](crate::Document) beside
    //! generation goes through it the way the generator does, so that they
    //! never disagree: which operations there are, which response a status
    //! selects, where a `$ref` leads, and which media types are JSON.
    //!
    //! The contract check of recordings and `cargo xtask record` use it.

    pub use crate::spec::escape;
    pub use crate::spec::media::{is_json, is_plain_json};
    pub use crate::spec::walk::{
        Component, component_name, operations, resolve, resolve_value, response_for,
    };
}

use emit::CrateCode;
use engine::ProgenitorCode;

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
pub fn read(spec_path: &Path, crate_name: Option<&str>) -> Result<Document> {
    spec::read(spec_path, crate_name).map(|(document, _)| document)
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
///
/// Once progenitor made the types and operations, the `mock` module is made
/// on a second thread, from progenitor's run to its text: of the rest it
/// needs only the names of the types. Syntax trees cannot cross threads
/// (proc-macro2's tokens are neither `Send` nor `Sync`), so each thread
/// builds and lays out its own. Starting the thread only then costs
/// nothing: progenitor's two runs could not overlap, since its guard holds
/// the one panic hook while it runs; and a spec progenitor refuses is
/// refused without a run for the mocks.
pub fn generate_with(spec_path: &Path, spec_label: &str, options: &Options) -> Result<CrateFiles> {
    let (mut document, mut warnings): (Document, Vec<Diagnostic>) =
        spec::read(spec_path, options.crate_name.as_deref())?;
    warnings.extend(spec::normalize(&mut document));
    warnings.extend(rewrite::misplaced_personal_data_marks(&document));
    let paged = spec::pagination::find(&document)?;
    let document = &document;
    let progenitor: ProgenitorCode = engine::generate(document)?;
    let mut files = thread::scope(|scope| {
        let (send_types, types) = mpsc::channel();
        let mock = thread::Builder::new()
            .name("mock module".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || mock_module(document, types, spec_label))
            .map_err(|error| Error::Generate {
                path: document.path.clone(),
                message: format!("cannot start a thread for the mock module: {error}"),
            })?;
        let files = (|| {
            let mut api: syn::File = rewrite::api(progenitor.api, document)?;
            let (streams, failures) = rewrite::plan_page_streams(&api, &paged, &document.requests);
            warnings.extend(spec::pagination::diagnostics(document, failures)?);
            // progenitor asks for `futures` for its page streams, which the
            // rewrite drops; the crate's own need it.
            let uses = engine::Uses {
                futures: progenitor.uses.futures && rewrite::mentions_crate(&api, "futures")
                    || !streams.is_empty(),
                ..progenitor.uses
            };
            let response_enums = emit::add_response_enums(&mut api, &progenitor.several);
            // The mock module's thread is gone only when it failed, which
            // its outcome says.
            let _ = send_types.send(emit::sampled_types(&api));
            let code: CrateCode = emit::generate(
                document,
                api,
                &response_enums,
                uses,
                &progenitor.several,
                &streams,
                options.standalone,
            )?;
            Ok(output::format(code, spec_label))
        })();
        // Without the types, the mock module's thread stops waiting for them.
        drop(send_types);
        let mock = mock
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // progenitor's run for the mocks comes before the later stages of
        // the rest, and so does its error.
        match (files, mock) {
            (_, Mock::Progenitor(error)) | (Err(error), _) | (Ok(_), Mock::Later(error)) => {
                Err(error)
            }
            (Ok(mut files), Mock::Module(text)) => {
                files.insert("src/mock.rs", text);
                Ok(files)
            }
            (Ok(_), Mock::Unasked) => unreachable!("the types are sent before `files` are made"),
        }
    })?;
    // Located only now that every stage has found its own: the index of
    // positions was made meanwhile, on a thread of its own.
    spec::locate_all(&mut warnings, &document.positions);
    files.set_warnings(warnings);
    Ok(files)
}

/// The stack of the mock module's thread: progenitor and the samples
/// recurse as deep as the spec's schemas nest, as on the main thread.
const STACK_SIZE: usize = 8 << 20;

/// What the mock module's thread made.
enum Mock {
    /// The text of `src/mock.rs`.
    Module(String),
    /// progenitor's run failed.
    Progenitor(Error),
    /// A later stage failed.
    Later(Error),
    /// The rest failed before it sent the types, so the module was not
    /// made.
    Unasked,
}

/// The `mock` module of `document`, laid out: progenitor's expectations,
/// and the samples of the types `types` brings.
fn mock_module(
    document: &Document,
    types: mpsc::Receiver<Vec<(String, String)>>,
    spec_label: &str,
) -> Mock {
    let helpers = match engine::mocks(document) {
        Ok(helpers) => helpers,
        Err(error) => return Mock::Progenitor(error),
    };
    let Ok(types) = types.recv() else {
        return Mock::Unasked;
    };
    match emit::mock_module(document, &types, helpers) {
        Ok(module) => Mock::Module(output::rust_file(module, spec_label)),
        Err(error) => Mock::Later(error),
    }
}
