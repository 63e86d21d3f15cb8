//! Turns an OpenAPI 3.0 or 3.1 spec into a typed Rust client crate.
//!
//! Data flows one way through five stages, a folder each; [`generate`]
//! shows them as code:
//!
//! 1. `spec`: the file is loaded (OpenAPI 3.1 read as 3.0), checked (every problem at once, located)
//!    and read into a document, then normalized into one progenitor can
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
//! leaves the output folder as it was.
//!
//! ```no_run
//! # fn main() -> Result<(), generator::Error> {
//! use std::path::Path;
//!
//! use generator::Settings;
//!
//! let generated = generator::generate(&Settings::new("spec/api.yaml", "spec/api.yaml"))?;
//! let changed = generated.files.write_into(Path::new("api-client"))?;
//! # let _ = changed;
//! # Ok(())
//! # }
//! ```
//!
//! What only the project's own tools need is apart: [`for_tools`] gives
//! them the checked spec and the generator's way through it, and [`report`]
//! compares the crates two specs generate, for `cargo xtask regen`.

#![deny(missing_docs)]

pub mod degradation;
mod emit;
mod engine;
mod error;
mod ident;
mod names;
mod output;
pub mod report;
mod rewrite;
mod spec;
mod timings;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

pub use degradation::Degradation;
pub use error::{Error, Result};
pub use output::{CrateFiles, StaleFile, Written};
pub use spec::{Diagnostic, Location};
pub use timings::{Stage, Timings};

use emit::CrateCode;
use engine::ProgenitorCode;
use report::CrateApi;
use report::pointers::Pointers;
use report::surface::Surface;
use spec::Document;
use spec::pagination::PagedOperation;
use timings::Stopwatch;

/// What to generate, and how: the spec, and what the command line may say
/// beyond it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The spec file.
    pub spec_path: PathBuf,
    /// How each file's preamble names the spec: give a path relative to
    /// the project, so that the output does not depend on where it is
    /// checked out.
    pub spec_label: String,
    /// The package name, instead of the spec's `x-rust-client.crate` or its
    /// title.
    pub crate_name: Option<String>,
    /// Whether the crate is a workspace of its own (an empty `[workspace]`
    /// table), as it must be to build outside the project's workspace.
    pub standalone: bool,
    /// Whether [`Generated::timings`] times the index of where each member
    /// of the spec is written too, which is made on a thread of its own:
    /// generation then waits for it even when no warning needs it.
    pub time_positions: bool,
    /// Whether [`Generated::api`] holds the crate's public API, for the
    /// change report ([`report`]): read from the code as it is made, before
    /// it is laid out, rather than parsed back from the text.
    pub public_api: bool,
}

impl Settings {
    /// The settings for the spec at `spec_path`, named `spec_label` in each
    /// file's preamble: the package named as the spec says, a member of a
    /// workspace, the index of positions not timed.
    pub fn new(spec_path: impl Into<PathBuf>, spec_label: impl Into<String>) -> Settings {
        Settings {
            spec_path: spec_path.into(),
            spec_label: spec_label.into(),
            crate_name: None,
            standalone: false,
            time_positions: false,
            public_api: false,
        }
    }
}

/// What [`generate`] made.
#[derive(Debug)]
pub struct Generated {
    /// The crate's files, with the warnings about the readings made of the
    /// spec ([`CrateFiles::warnings`]).
    pub files: CrateFiles,
    /// How long each stage took, on each thread.
    pub timings: Timings,
    /// The crate's public API, when [`Settings::public_api`] asks for it.
    pub api: Option<CrateApi>,
}

/// Generates the client crate of the spec `settings` name, in memory.
///
/// The front end reads the spec on this thread; then two threads each run
/// the later stages for their files (`first_half`: `src/api.rs` and all
/// but two; `second_half`: `src/mock.rs` and `src/operations.rs`).
/// Warnings are located last, once every stage has said its own: the index
/// of positions is made meanwhile, on a thread of its own.
pub fn generate(settings: &Settings) -> Result<Generated> {
    run(
        settings,
        Make {
            files: true,
            api: settings.public_api,
        },
    )
}

/// What a run of the stages makes: the crate's files, its public API, or
/// both.
#[derive(Clone, Copy)]
struct Make {
    files: bool,
    api: bool,
}

/// The public API of the crate of the spec `settings` name, without its
/// files: neither the mock module nor any layout is made, and the warnings
/// are not located.
fn public_api(settings: &Settings) -> Result<CrateApi> {
    let make = Make {
        files: false,
        api: true,
    };
    let api = run(settings, make)?.api;
    Ok(api.expect("a run that makes the API gives it"))
}

fn run(settings: &Settings, make: Make) -> Result<Generated> {
    let mut watch = Stopwatch::start("main");
    let (mut document, mut warnings) = read_spec(settings, &mut watch)?;
    let mut ladder = engine::Ladder::new(&mut document);
    // The report's pointers are into the spec as written: the ladder's
    // steps are kept from them.
    let mut as_written = None;
    // What progenitor refuses, the ladder steps down in the document, and
    // both halves start again from it.
    let halves = loop {
        match both_halves(&document, ladder.degradation(), settings, make, &mut watch) {
            Ok(done) => break done,
            Err(engine::Stop::Refused(refusal)) => {
                if make.api && as_written.is_none() {
                    as_written = Some(document.api.clone());
                }
                ladder.descend(&mut document, refusal)?;
                watch.lap("step down what progenitor refuses");
            }
            Err(engine::Stop::Failed(error)) => return Err(error),
        }
    };
    let Halves {
        mut files,
        stages: second_stages,
        warnings: later_warnings,
        surface,
    } = halves;
    let (degradation, ladder_warnings) = ladder.finish();
    if make.files {
        warnings.extend(later_warnings);
        warnings.extend(ladder_warnings);
        spec::locate_all(&mut warnings, &document.positions);
        files.set_warnings(warnings);
        files.set_degradation(degradation);
        watch.lap("locate the warnings");
    }
    let mut timings = watch.finish();
    timings.stages.extend(second_stages);
    if settings.time_positions {
        timings.stages.extend(document.positions.indexing());
    }
    let api = surface.map(|surface| CrateApi {
        surface,
        pointers: Pointers::of_spec(as_written.unwrap_or(document.api)),
        version: document.package.version,
    });
    Ok(Generated {
        files,
        timings,
        api,
    })
}

/// Stage 1: the spec read, checked and normalized, with a warning for each
/// reading made.
fn read_spec(settings: &Settings, watch: &mut Stopwatch) -> Result<(Document, Vec<Diagnostic>)> {
    let (mut document, mut warnings) =
        spec::load_and_check(&settings.spec_path, settings.crate_name.as_deref())?;
    watch.lap("read and check the spec");
    warnings.extend(spec::normalize(&mut document));
    warnings.extend(rewrite::misplaced_personal_data_marks(&document));
    warnings.extend(emit::renamed_parameters(&document));
    watch.lap("normalize");
    Ok((document, warnings))
}

/// What both halves made.
struct Halves {
    /// The crate's files (none unless they were asked for).
    files: CrateFiles,
    /// The second thread's stages.
    stages: Vec<Stage>,
    /// The warnings the later stages found.
    warnings: Vec<Diagnostic>,
    /// The public API, if it was asked for.
    surface: Option<Surface>,
}

/// Stages 2 to 5 of `document` on two threads; stopped when progenitor
/// refuses the document in either.
fn both_halves(
    document: &Document,
    degradation: &Degradation,
    settings: &Settings,
    make: Make,
    watch: &mut Stopwatch,
) -> std::result::Result<Halves, engine::Stop> {
    let (paged, mut warnings) = spec::pagination::find(document)?;
    thread::scope(|scope| {
        let (send_handover, handover) = mpsc::channel();
        let second = thread::Builder::new()
            .name("mock and operations modules".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                second_half(document, handover, &settings.spec_label, make)
            })
            .map_err(|error| Error::Generate {
                path: document.path.clone(),
                message: format!(
                    "cannot start a thread for the mock and operations modules: {error}"
                ),
            })?;
        let first = first_half(
            document,
            &paged,
            degradation,
            &mut warnings,
            send_handover,
            (settings, make),
            watch,
        );
        let (second, second_stages) = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        watch.lap("wait for the second thread");
        join_halves(first, second).map(|(files, surface)| Halves {
            files,
            stages: second_stages,
            warnings,
            surface,
        })
    })
}

/// Stages 2 to 5 for every file but the mock and operations modules, on
/// this thread. What those need of `src/api.rs` goes through `handover`,
/// before the rewrites, which change nothing they need: the sooner the
/// second thread has it, the sooner it is done.
fn first_half(
    document: &Document,
    paged: &[PagedOperation],
    degradation: &Degradation,
    warnings: &mut Vec<Diagnostic>,
    handover: mpsc::Sender<emit::Handover>,
    (settings, make): (&Settings, Make),
    watch: &mut Stopwatch,
) -> std::result::Result<FirstHalf, Stopped> {
    let ProgenitorCode {
        api,
        uses,
        response_enums,
    } = engine::generate(document).map_err(Stopped::Engine)?;
    watch.lap("progenitor");
    let later = |error: Error| Stopped::Later(error.into());
    let mut api: syn::File = rewrite::parse(api).map_err(later)?;
    watch.lap("parse progenitor's tokens");
    let enum_names = emit::response_enum_names(&api, &response_enums);
    // The second thread is gone only when it failed, which its outcome says.
    let methods = emit::client_methods(&api);
    let handed = emit::handover(&api, &methods, &enum_names, &response_enums, paged);
    let _ = handover.send(handed.clone());
    rewrite::api(&mut api, document);
    let (streams, failures) = rewrite::plan_page_streams(&api, paged, &document.requests);
    warnings.extend(spec::pagination::diagnostics(document, failures).map_err(later)?);
    // progenitor asks for `futures` for its page streams, which the rewrite
    // drops; the crate's own need it.
    let uses = engine::OptionalCrates {
        futures: uses.futures && rewrite::mentions_crate(&api, "futures") || !streams.is_empty(),
        ..uses
    };
    emit::add_response_enums(&mut api, &response_enums, &enum_names);
    let code: CrateCode = emit::generate(
        document,
        api,
        uses,
        emit::Lists {
            streams: &streams,
            paged,
        },
        emit::Operations {
            methods: &methods,
            handover: &handed,
        },
        degradation,
        settings.standalone,
    )
    .map_err(later)?;
    watch.lap("rewrite and emit");
    let surface = make.api.then(|| {
        let mut surfaces = BTreeMap::new();
        for (path, file) in &code.rust {
            let mut surface = Surface::default();
            surface.add_file(file);
            surfaces.insert(*path, surface);
        }
        // The runtime's methods are API too (`Client::retry_policy` gives
        // a `RetryPolicy` to set): its files are read as text.
        for (path, text) in &code.verbatim {
            surfaces.insert(*path, Surface::read_part(text));
        }
        watch.lap("read the public API");
        surfaces
    });
    let files = if make.files {
        let files = output::format(code, &settings.spec_label);
        watch.lap("lay out");
        files
    } else {
        CrateFiles::default()
    };
    Ok(FirstHalf { files, surface })
}

/// What the first half made: the files, and the public API of each, by
/// path, if it was asked for.
struct FirstHalf {
    files: CrateFiles,
    surface: Option<BTreeMap<&'static str, Surface>>,
}

/// The stack of the second thread: progenitor and the samples recurse as
/// deep as the spec's schemas nest, as on the main thread.
const STACK_SIZE: usize = 8 << 20;

/// The texts of `src/mock.rs` and `src/operations.rs`, which the second
/// thread makes, if the files were asked for; and the public API of
/// `src/operations.rs`, if it was.
struct MockAndOperations {
    texts: Option<(String, String)>,
    surface: Option<Surface>,
}

/// The path of the operations module, which the second thread makes.
const OPERATIONS: &str = "src/operations.rs";

/// Where one half of the generation stopped short of its files.
enum Stopped {
    /// progenitor's run refused the document, or failed.
    Engine(engine::Stop),
    /// A later stage failed.
    Later(engine::Stop),
    /// The first half failed before it sent the handover, so the second
    /// made nothing.
    NotAsked,
}

/// The crate's files, from both halves; or why the half that failed
/// stopped. A refusal of progenitor's comes first, whichever run found it,
/// as the ladder steps it down and both halves start again; the run for the
/// mocks comes before the later stages of the first half, and so does its
/// error.
fn join_halves(
    first: std::result::Result<FirstHalf, Stopped>,
    second: std::result::Result<MockAndOperations, Stopped>,
) -> std::result::Result<(CrateFiles, Option<Surface>), engine::Stop> {
    match (first, second) {
        (Err(Stopped::Engine(stop @ engine::Stop::Refused(_))), _)
        | (_, Err(Stopped::Engine(stop @ engine::Stop::Refused(_))))
        | (Err(Stopped::Engine(stop)), _)
        | (_, Err(Stopped::Engine(stop)))
        | (Err(Stopped::Later(stop)), _)
        | (Ok(_), Err(Stopped::Later(stop))) => Err(stop),
        (Ok(FirstHalf { mut files, surface }), Ok(second)) => {
            if let Some((mock, operations)) = second.texts {
                files.insert("src/mock.rs", mock);
                files.insert(OPERATIONS, operations);
            }
            // Read file by file, the files' surfaces join in the order of
            // their paths, as the crate's text would be read.
            let surface = surface
                .zip(second.surface)
                .map(|(mut surfaces, operations)| {
                    surfaces.insert(OPERATIONS, operations);
                    let mut all = Surface::default();
                    for surface in surfaces.into_values() {
                        all.merge(surface);
                    }
                    all.finish()
                });
            Ok((files, surface))
        }
        (Err(Stopped::NotAsked), _) | (Ok(_), Err(Stopped::NotAsked)) => {
            unreachable!("the handover is sent before the first half's files are made")
        }
    }
}

/// Stages 2 to 5 for the `mock` and `operations` modules, on a second
/// thread: the first from progenitor's expectations and the samples of the
/// types, the second from the operations' methods. What they need of
/// `src/api.rs` comes through `handover`, as text: syntax trees cannot cross
/// threads (proc-macro2's tokens are neither `Send` nor `Sync`), so each
/// thread builds and lays out its own.
fn second_half(
    document: &Document,
    handover: mpsc::Receiver<emit::Handover>,
    spec_label: &str,
    make: Make,
) -> (std::result::Result<MockAndOperations, Stopped>, Vec<Stage>) {
    let mut watch = Stopwatch::start("second");
    let modules = mock_and_operations(document, handover, spec_label, make, &mut watch);
    (modules, watch.into_stages())
}

fn mock_and_operations(
    document: &Document,
    handover: mpsc::Receiver<emit::Handover>,
    spec_label: &str,
    make: Make,
    watch: &mut Stopwatch,
) -> std::result::Result<MockAndOperations, Stopped> {
    // Run even when the mocks are not made: what progenitor refuses here,
    // the ladder steps down, which changes the types.
    let helpers = engine::mocks(document)
        .map_err(|refusal| Stopped::Engine(engine::Stop::Refused(refusal)))?;
    watch.lap("progenitor for the mocks");
    let later = |error: Error| Stopped::Later(error.into());
    // Made before the handover, which the first thread sends only once it
    // has read progenitor's client: this thread would wait for it anyway.
    let expectations = if make.files {
        let expectations = emit::mock_expectations(document, helpers).map_err(later)?;
        watch.lap("read progenitor's expectations");
        Some(expectations)
    } else {
        None
    };
    let handover = handover.recv().map_err(|_| Stopped::NotAsked)?;
    watch.lap("wait for the handover");
    let mock = match expectations {
        Some(expectations) => {
            let mock = emit::mock_module(document, &handover, expectations).map_err(later)?;
            watch.lap("emit the mock module");
            Some(mock)
        }
        None => None,
    };
    let operations = emit::operations_module(document, &handover).map_err(later)?;
    watch.lap("emit the operations module");
    let surface = make.api.then(|| {
        let mut surface = Surface::default();
        surface.add_file(&operations);
        watch.lap("read the public API");
        surface
    });
    let texts = mock.map(|mock| {
        let texts = (
            output::rust_file(mock, spec_label),
            output::rust_file(operations, spec_label),
        );
        watch.lap("lay out");
        texts
    });
    Ok(MockAndOperations { texts, surface })
}

pub mod for_tools {
    //! What the project's own tools need beside generation: the contract
    //! check of recordings (`generator/contract`) and `cargo xtask record`
    //! work from the checked spec ([`checked_document`]) and go through it
    //! the way the generator does ([`walk`]). What they must decide as the
    //! generated code does is decided here once: the credential's
    //! environment variable ([`Document::credential_env`]), how far a
    //! personal-data mark reaches ([`PersonalData`]), and how a file is
    //! replaced ([`write_file`]).

    use std::path::Path;

    pub use crate::output::write_file;
    pub use crate::rewrite::{PERSONAL_DATA_EXTENSION, PersonalData, Reach};
    pub use crate::spec::{Auth, CLIENT_EXTENSION, Document, Package};
    use crate::{Result, spec};

    /// Reads, checks and validates the spec at `spec_path`: the document
    /// every stage of generation works from. `crate_name` overrides the
    /// package name the spec gives.
    pub fn checked_document(spec_path: &Path, crate_name: Option<&str>) -> Result<Document> {
        spec::load_and_check(spec_path, crate_name).map(|(document, _)| document)
    }

    pub mod walk {
        //! How a tool goes through a [`Document`](super::Document) the way
        //! the generator does, so that they never disagree: which
        //! operations there are, which response a status selects, where a
        //! `$ref` leads, which media types are JSON, and how a member name
        //! is written in a JSON pointer.

        pub use crate::spec::escape;
        pub use crate::spec::media::{is_json, is_plain_json};
        pub use crate::spec::walk::{
            Component, component_name, operations, resolve, resolve_value, response_for,
        };
    }
}
