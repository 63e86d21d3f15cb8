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
mod ident;
mod output;
pub mod report;
mod rewrite;
mod spec;
mod timings;

use std::path::Path;
use std::sync::mpsc;
use std::thread;

pub use error::{Error, Result};
pub use output::{CrateFiles, StaleFile, Written, write_file};
pub use rewrite::{PERSONAL_DATA_EXTENSION, PersonalData, Reach};
pub use spec::{Auth, CLIENT_EXTENSION, Diagnostic, Document, Location, Package};
pub use timings::{Stage, Timings};

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
use timings::Stopwatch;

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
/// A second thread makes `src/mock.rs` and `src/operations.rs`, from
/// progenitor's run for the mocks (beside this thread's run for the types
/// and operations) to their text, while this one makes `src/api.rs` and the
/// rest. Of `api` they need the names of the types and the operations'
/// methods, which cross over as text: syntax trees
/// cannot cross threads (proc-macro2's tokens are neither `Send` nor
/// `Sync`), so each thread builds and lays out its own.
pub fn generate_with(spec_path: &Path, spec_label: &str, options: &Options) -> Result<CrateFiles> {
    generate_watched(spec_path, spec_label, options, false).map(|(files, _)| files)
}

/// [`generate_with`], and how long each of its stages took on each thread.
pub fn generate_timed(
    spec_path: &Path,
    spec_label: &str,
    options: &Options,
) -> Result<(CrateFiles, Timings)> {
    generate_watched(spec_path, spec_label, options, true)
}

/// [`generate_timed`]; the index of positions is waited for only when
/// `time_positions` asks to time it too: without warnings to locate, the
/// files need not wait for it.
fn generate_watched(
    spec_path: &Path,
    spec_label: &str,
    options: &Options,
    time_positions: bool,
) -> Result<(CrateFiles, Timings)> {
    let mut watch = Stopwatch::start("main");
    let (mut document, mut warnings): (Document, Vec<Diagnostic>) =
        spec::read(spec_path, options.crate_name.as_deref())?;
    watch.lap("read and check the spec");
    warnings.extend(spec::normalize(&mut document));
    warnings.extend(rewrite::misplaced_personal_data_marks(&document));
    warnings.extend(emit::renamed_parameters(&document));
    let paged = spec::pagination::find(&document)?;
    watch.lap("normalize");
    let document = &document;
    let (mut files, second_stages) = thread::scope(|scope| {
        let (send_handover, handover) = mpsc::channel();
        let second = thread::Builder::new()
            .name("mock and operations modules".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, move || second_half(document, handover, spec_label))
            .map_err(|error| Error::Generate {
                path: document.path.clone(),
                message: format!(
                    "cannot start a thread for the mock and operations modules: {error}"
                ),
            })?;
        let progenitor = engine::generate(document);
        watch.lap("progenitor");
        let refused = progenitor.is_err();
        let files = progenitor.and_then(|ProgenitorCode { api, uses, several }| {
            let mut api: syn::File = rewrite::parse(api)?;
            watch.lap("parse progenitor's tokens");
            // The second thread needs nothing the rewrites change: the
            // sooner it has it, the sooner it is done. It is gone only when
            // it failed, which its outcome says.
            let response_enums = emit::response_enum_names(&api, &several);
            let _ = send_handover.send(emit::handover(&api, &response_enums, &several));
            rewrite::api(&mut api, document);
            let (streams, failures) = rewrite::plan_page_streams(&api, &paged, &document.requests);
            warnings.extend(spec::pagination::diagnostics(document, failures)?);
            // progenitor asks for `futures` for its page streams, which the
            // rewrite drops; the crate's own need it.
            let uses = engine::Uses {
                futures: uses.futures && rewrite::mentions_crate(&api, "futures")
                    || !streams.is_empty(),
                ..uses
            };
            emit::add_response_enums(&mut api, &several, &response_enums);
            let code: CrateCode =
                emit::generate(document, api, uses, &streams, options.standalone)?;
            watch.lap("rewrite and emit");
            let files = output::format(code, spec_label);
            watch.lap("lay out");
            Ok(files)
        });
        // Without the handover, the second thread stops waiting for it.
        drop(send_handover);
        let (second, second_stages) = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        watch.lap("wait for the second thread");
        // A spec progenitor refuses is refused by the run that finds the
        // operation at fault; the run for the mocks comes before the later
        // stages of the rest, and so does its error.
        let files = match (files, second) {
            (Err(error), _) if refused => Err(error),
            (_, Second::Progenitor(error)) | (Err(error), _) | (Ok(_), Second::Later(error)) => {
                Err(error)
            }
            (Ok(mut files), Second::Modules { mock, operations }) => {
                files.insert("src/mock.rs", mock);
                files.insert("src/operations.rs", operations);
                Ok(files)
            }
            (Ok(_), Second::Unasked) => {
                unreachable!("the handover is sent before `files` are made")
            }
        };
        files.map(|files| (files, second_stages))
    })?;
    // Located only now that every stage has found its own: the index of
    // positions was made meanwhile, on a thread of its own.
    spec::locate_all(&mut warnings, &document.positions);
    files.set_warnings(warnings);
    watch.lap("locate the warnings");
    let mut timings = watch.finish();
    timings.stages.extend(second_stages);
    if time_positions {
        timings.stages.extend(document.positions.indexing());
    }
    Ok((files, timings))
}

/// The stack of the second thread: progenitor and the samples recurse as
/// deep as the spec's schemas nest, as on the main thread.
const STACK_SIZE: usize = 8 << 20;

/// What the second thread made.
enum Second {
    /// The texts of `src/mock.rs` and `src/operations.rs`.
    Modules { mock: String, operations: String },
    /// progenitor's run failed.
    Progenitor(Error),
    /// A later stage failed.
    Later(Error),
    /// The rest failed before it sent the handover, so the modules were
    /// not made.
    Unasked,
}

/// The `mock` and `operations` modules of `document`, laid out: the first
/// from progenitor's expectations and the samples of the types, the second
/// from the operations' methods. What they need of `api` comes through
/// `handover`.
fn second_half(
    document: &Document,
    handover: mpsc::Receiver<emit::Handover>,
    spec_label: &str,
) -> (Second, Vec<Stage>) {
    let mut watch = Stopwatch::start("second");
    let second = modules(document, handover, spec_label, &mut watch);
    (second, watch.into_stages())
}

fn modules(
    document: &Document,
    handover: mpsc::Receiver<emit::Handover>,
    spec_label: &str,
    watch: &mut Stopwatch,
) -> Second {
    let helpers = match engine::mocks(document) {
        Ok(helpers) => helpers,
        Err(error) => return Second::Progenitor(error),
    };
    watch.lap("progenitor for the mocks");
    let Ok(handover) = handover.recv() else {
        return Second::Unasked;
    };
    watch.lap("wait for the handover");
    let modules = emit::mock_module(document, &handover, helpers).and_then(|mock| {
        watch.lap("emit the mock module");
        let operations = emit::operations_module(document, &handover)?;
        watch.lap("emit the operations module");
        let modules = Second::Modules {
            mock: output::rust_file(mock, spec_label),
            operations: output::rust_file(operations, spec_label),
        };
        watch.lap("lay out");
        Ok(modules)
    });
    modules.unwrap_or_else(Second::Later)
}
