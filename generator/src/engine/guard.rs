//! Runs progenitor so that a panic inside it becomes an error: silenced
//! while it unwinds, and traced to the operation of the spec that causes it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use openapiv3::{OpenAPI, Paths, ReferenceOr};

use crate::error::Error;
use crate::spec::walk::{self, operation_slots};
use crate::spec::{Document, escape};

/// The panic hook is one per process. The first run of [`quietly`] puts a
/// hook in place that silences the threads running one, the last puts the
/// previous hook back; runs on two threads (the mocks' beside the rest's,
/// tests) share it.
static HOOK: Mutex<Quieting> = Mutex::new(Quieting {
    runs: 0,
    previous: None,
});

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// The runs of [`quietly`] under way, and the hook their hook replaced.
struct Quieting {
    runs: usize,
    previous: Option<Arc<Hook>>,
}

thread_local! {
    /// Whether this thread is running [`quietly`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into its message. The panic prints nothing on
/// this thread (the default hook would write it to stderr, where the user
/// would take it for a crash); panics on other threads print as usual.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    silence();
    let was_quiet = QUIET.replace(true);
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.set(was_quiet);
    unsilence();
    outcome.map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "no message".to_owned()
        }
    })
}

/// Puts the silencing hook in place, unless a run has already.
fn silence() {
    let mut quieting = lock(&HOOK);
    if quieting.runs == 0 {
        let previous: Arc<Hook> = Arc::new(panic::take_hook());
        let delegate = Arc::clone(&previous);
        panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                delegate(info);
            }
        }));
        quieting.previous = Some(previous);
    }
    quieting.runs += 1;
}

/// Puts the previous hook back after the last run.
fn unsilence() {
    let mut quieting = lock(&HOOK);
    quieting.runs -= 1;
    if quieting.runs > 0 {
        return;
    }
    // Dropping our hook drops its delegate, so the previous hook is ours
    // alone again and goes back in place as it was.
    drop(panic::take_hook());
    if let Some(previous) = quieting.previous.take() {
        match Arc::try_unwrap(previous) {
            Ok(hook) => panic::set_hook(hook),
            Err(shared) => panic::set_hook(Box::new(move |info| shared(info))),
        }
    }
}

/// The error for a generation of `document` that failed with `why`
/// (progenitor's error or panic message). `fails` runs progenitor on a
/// document and says whether it fails too; with it, the operation at fault
/// is found by generating halves of the operations, then one alone.
pub fn failure(document: &Document, why: String, fails: impl Fn(&OpenAPI) -> bool) -> Error {
    let why = explain(why);
    // Every run reads every component schema: when they fail alone, every
    // half of the operations fails too, and the search would blame the
    // first operation.
    let no_paths = only(&document.api, &[]);
    let (schemas_fail, component) = converting(|| fails(&no_paths));
    if schemas_fail {
        let message = format!("while generating the schemas of `components.schemas`: {why}");
        return match component {
            Some(name) => Error::at(
                &document.path,
                &document.positions,
                &format!("/components/schemas/{}", escape(&name)),
                format!("while generating component `{name}`: {why}"),
            ),
            None => Error::Generate {
                path: document.path.clone(),
                message,
            },
        };
    }
    let candidates = operations(&document.api);
    if let Some((path, method)) = culprit(&document.api, &candidates, &fails) {
        let pointer = format!("/paths/{}/{method}", escape(path));
        let message = format!(
            "progenitor cannot generate {} {path}: {why}",
            method.to_uppercase()
        );
        return Error::at(&document.path, &document.positions, &pointer, message);
    }
    Error::Generate {
        path: document.path.clone(),
        message: format!("while generating the operations together (each alone generates): {why}"),
    }
}

/// Runs `f` (a generation that fails) and names the component schema
/// typify was converting when it failed, if it was converting one: typify
/// logs each component it begins to convert, through the `log` crate, and
/// then each type it finalizes (a failure there is no one component's).
fn converting(f: impl FnOnce() -> bool) -> (bool, Option<String>) {
    static LOGGER: Converting = Converting;
    static OURS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    // One run at a time: the log level is the process's.
    static RUN: Mutex<()> = Mutex::new(());
    // Another logger in the process (an application's) keeps its place;
    // the component is then not named.
    if !*OURS.get_or_init(|| log::set_logger(&LOGGER).is_ok()) {
        return (f(), None);
    }
    let _run = lock(&RUN);
    *lock(&LAST) = Some((thread::current().id(), Last::default()));
    log::set_max_level(log::LevelFilter::Debug);
    let failed = f();
    log::set_max_level(log::LevelFilter::Off);
    let last = lock(&LAST).take().map(|(_, last)| last);
    match last {
        Some(Last {
            component: Some(name),
            finalizing: false,
        }) if failed => (true, Some(name)),
        _ => (failed, None),
    }
}

/// What typify last said it was doing, on the thread [`converting`] runs.
#[derive(Default)]
struct Last {
    component: Option<String>,
    finalizing: bool,
}

static LAST: Mutex<Option<(thread::ThreadId, Last)>> = Mutex::new(None);

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The logger of [`converting`]: reads typify's records on its thread, and
/// nothing else.
struct Converting;

impl log::Log for Converting {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("typify")
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let mut last = lock(&LAST);
        let Some((thread, last)) = last.as_mut() else {
            return;
        };
        if *thread != thread::current().id() {
            return;
        }
        // Only the start of the message: a finalized type's is its whole
        // definition, written only as far as it is read.
        let mut start = Start(String::new());
        let _ = std::fmt::write(&mut start, *record.args());
        if let Some(rest) = start.0.strip_prefix("converting type: Def(\"") {
            if let Some(end) = rest.find("\")") {
                last.component = Some(rest[..end].replace("\\\"", "\""));
                last.finalizing = false;
            }
        } else if start.0.starts_with("finalizing type entry") {
            last.finalizing = true;
        }
    }

    fn flush(&self) {}
}

/// The first 200 bytes of what is written to it; it refuses the rest.
struct Start(String);

impl std::fmt::Write for Start {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let room = 200usize.saturating_sub(self.0.len());
        if s.len() > room {
            let cut = (0..=room)
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            self.0.push_str(&s[..cut]);
            return Err(std::fmt::Error);
        }
        self.0.push_str(s);
        Ok(())
    }
}

/// progenitor's message, with what it means for the spec when it is one of
/// its assertions.
fn explain(why: String) -> String {
    const KNOWN: [(&str, &str); 2] = [
        (
            "response_types.len() <= 1",
            "its error responses (or its success responses) have different bodies, and \
             progenitor gives each kind one type; give them the same schema",
        ),
        (
            "not yet implemented",
            "progenitor does not implement this construct yet",
        ),
    ];
    match KNOWN.iter().find(|(needle, _)| why.contains(needle)) {
        Some((_, meaning)) => format!("{meaning} (progenitor: {why})"),
        None => format!("it failed with: {why}"),
    }
}

/// Every (path, method) of the document, in document order.
fn operations(api: &OpenAPI) -> Vec<Operation> {
    walk::operations(api)
        .map(|(path, method, _)| (path.to_owned(), method))
        .collect()
}

/// The operation of `candidates` that fails alone, in document order as far
/// as halving allows. Each run of progenitor reads every component schema,
/// so trying the operations one by one made a large spec (1,223 operations)
/// take minutes; a set that fails is halved instead, and a half that fails
/// is searched further. Operations that fail only together (no half fails)
/// are then tried alone, one by one.
fn culprit<'a>(
    api: &OpenAPI,
    candidates: &'a [Operation],
    fails: &impl Fn(&OpenAPI) -> bool,
) -> Option<&'a Operation> {
    if candidates.len() > 1 {
        let (first, second) = candidates.split_at(candidates.len() / 2);
        for half in [first, second] {
            if fails(&only(api, half))
                && let Some(found) = culprit(api, half, fails)
            {
                return Some(found);
            }
        }
    }
    candidates
        .iter()
        .find(|operation| fails(&only(api, std::slice::from_ref(*operation))))
}

/// A path and a method: one operation of the document.
type Operation = (String, &'static str);

/// `api` with only `operations` left among its paths, cloned without the
/// others (a large spec's paths are most of it).
fn only(api: &OpenAPI, operations: &[Operation]) -> OpenAPI {
    let OpenAPI {
        openapi,
        info,
        servers,
        paths,
        components,
        security,
        tags,
        external_docs,
        extensions,
    } = api;
    let mut kept = Paths {
        paths: Default::default(),
        extensions: paths.extensions.clone(),
    };
    for (path, item) in &paths.paths {
        let methods: Vec<&str> = operations
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, method)| *method)
            .collect();
        if methods.is_empty() {
            continue;
        }
        let mut item = item.clone();
        if let ReferenceOr::Item(item) = &mut item {
            for (name, slot) in operation_slots(item) {
                if !methods.contains(&name) {
                    *slot = None;
                }
            }
        }
        kept.paths.insert(path.clone(), item);
    }
    OpenAPI {
        openapi: openapi.clone(),
        info: info.clone(),
        servers: servers.clone(),
        paths: kept,
        components: components.clone(),
        security: security.clone(),
        tags: tags.clone(),
        external_docs: external_docs.clone(),
        extensions: extensions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(quietly(|| 7), Ok(7));
        assert_eq!(
            quietly(|| -> () { panic!("boom {}", 1) }),
            Err("boom 1".to_owned())
        );
        assert_eq!(
            quietly(|| std::panic::panic_any(3_u8)),
            Err("no message".to_owned())
        );
    }

    #[test]
    fn runs_on_two_threads_at_once_each_keep_their_panic() {
        let (first, second) = thread::scope(|scope| {
            let run = |n: u32| {
                scope.spawn(move || {
                    (0..50)
                        .map(|i| {
                            quietly(|| -> u32 {
                                if i % 2 == 0 { panic!("{n}") } else { n }
                            })
                        })
                        .collect::<Vec<_>>()
                })
            };
            let (first, second) = (run(1), run(2));
            (first.join().unwrap(), second.join().unwrap())
        });
        for (n, outcomes) in [(1, first), (2, second)] {
            for (i, outcome) in outcomes.into_iter().enumerate() {
                let expected = if i % 2 == 0 {
                    Err(n.to_string())
                } else {
                    Ok(n)
                };
                assert_eq!(outcome, expected);
            }
        }
    }

    #[test]
    fn a_failure_is_traced_to_the_operation_that_fails_alone() {
        let dir = std::env::temp_dir().join(format!("generator-guard-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        let operation = "responses:\n        '204':\n          description: Done.\n";
        std::fs::write(
            &path,
            format!(
                "openapi: 3.0.3\ninfo:\n  title: Guard\n  version: '1'\npaths:\n  /a:\n    \
                 get:\n      operationId: getA\n      {operation}  /b:\n    put:\n      \
                 operationId: putB\n      {operation}"
            ),
        )
        .unwrap();
        let (document, _) = crate::spec::load_and_check(&path, None).unwrap();

        let error = failure(&document, "boom".to_owned(), |api| {
            api.paths.paths.contains_key("/b")
        });
        let shown = error.to_string();
        assert!(
            shown.ends_with(
                ":13:5: /paths/~1b/put: progenitor cannot generate PUT /b: it failed with: boom"
            ),
            "{shown}"
        );

        // Nothing fails alone: the schemas, or the operations together.
        let error = failure(&document, "boom".to_owned(), |api| {
            api.paths.paths.len() > 1
        });
        assert!(
            error.to_string().contains("the operations together"),
            "{error}"
        );
        let error = failure(&document, "boom".to_owned(), |api| {
            api.paths.paths.is_empty()
        });
        assert!(error.to_string().contains("components.schemas"), "{error}");
        // The schemas fail whatever the operations: no operation is blamed.
        let error = failure(&document, "boom".to_owned(), |_| true);
        assert!(error.to_string().contains("components.schemas"), "{error}");
        assert!(!error.to_string().contains("GET /a"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failure_of_the_schemas_names_the_component_typify_was_converting() {
        let dir = std::env::temp_dir().join(format!("generator-component-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        std::fs::write(
            &path,
            "openapi: 3.0.3\ninfo:\n  title: Components\n  version: '1'\npaths: {}\n\
             components:\n  schemas:\n    Kinds:\n      type: integer\n      enum: [1, 2]\n    \
             Row:\n      type: integer\n",
        )
        .unwrap();
        let (mut document, _) = crate::spec::load_and_check(&path, None).unwrap();
        // What the front end reads away (`habits::enum_beside_a_reference`),
        // put back: typify panics on it (`unreachable`).
        let row: openapiv3::ReferenceOr<openapiv3::Schema> =
            serde_json::from_value(serde_json::json!({"type": "integer", "enum": [1],
                               "allOf": [{"$ref": "#/components/schemas/Kinds"}]}))
            .unwrap();
        let schemas = &mut document.api.components.as_mut().unwrap().schemas;
        schemas.insert("Row".to_owned(), row);

        let error = super::super::run(&document, |generator, api| generator.generate_tokens(api))
            .expect_err("typify fails on the schemas");
        let shown = error.to_string();
        assert!(
            shown.contains(":11:5: /components/schemas/Row: while generating component `Row`: "),
            "{shown}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_operation_at_fault_is_found_by_halving_not_one_by_one() {
        let dir = std::env::temp_dir().join(format!("generator-halving-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        let paths: String = (0..64)
            .map(|i| {
                format!(
                    "  /p{i}:\n    get:\n      operationId: get{i}\n      responses:\n        \
                     '204':\n          description: Done.\n"
                )
            })
            .collect();
        std::fs::write(
            &path,
            format!("openapi: 3.0.3\ninfo:\n  title: Halving\n  version: '1'\npaths:\n{paths}"),
        )
        .unwrap();
        let (document, _) = crate::spec::load_and_check(&path, None).unwrap();

        let runs = std::cell::Cell::new(0);
        let error = failure(&document, "boom".to_owned(), |api| {
            runs.set(runs.get() + 1);
            api.paths.paths.contains_key("/p41")
        });
        assert!(
            error
                .to_string()
                .contains("/paths/~1p41/get: progenitor cannot generate GET /p41"),
            "{error}"
        );
        // The schemas alone, two tries per halving (6 of them), then the
        // one operation alone.
        assert!(runs.get() <= 14, "{} runs", runs.get());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
