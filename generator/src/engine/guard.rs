//! Runs progenitor so that a panic inside it becomes an error, silenced
//! while it unwinds, and finds what in the spec causes it: the component
//! typify was converting, or the operations that fail alone.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use openapiv3::{OpenAPI, Paths, ReferenceOr};

use super::type_space::{NO_VALUE, after_conversion};
use super::untype::At;
use crate::spec::walk::{self, operation_slots};

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

/// Runs `f` (a generation, which gives its failure's message) and names the
/// component schema typify was converting when it failed, if it was
/// converting one: typify logs each component it begins to convert, through
/// the `log` crate, and then each type it finalizes (a failure there is no
/// one component's).
///
/// `last` is the component typify converts last, if `f` converts in the
/// order of the document's components. Only typify's `info` records are
/// listened to at first: its `debug` ones format whole schemas as they are
/// made, which took most of the ladder's time on a large spec. When the
/// component named is `last`, the failure may have come after it, while
/// finalizing, which only the `debug` records tell: `f` then runs again to
/// listen to them, unless its message is one found once every component is
/// converted (two types of one name, a type without values): none to blame.
pub(crate) fn converting(
    last: Option<&str>,
    mut f: impl FnMut() -> Result<(), String>,
) -> (Option<String>, Option<String>) {
    static LOGGER: Converting = Converting;
    static OURS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    // One run at a time: the log level is the process's.
    static RUN: Mutex<()> = Mutex::new(());
    // Another logger in the process (an application's) keeps its place;
    // the component is then not named.
    if !*OURS.get_or_init(|| log::set_logger(&LOGGER).is_ok()) {
        return (f().err(), None);
    }
    let _run = lock(&RUN);
    let mut listen = |level: log::LevelFilter| {
        *lock(&LAST) = Some((thread::current().id(), Last::default()));
        log::set_max_level(level);
        let why = f().err();
        log::set_max_level(log::LevelFilter::Off);
        let last = lock(&LAST).take().map(|(_, last)| last);
        (why, last)
    };
    let (mut why, mut seen) = listen(log::LevelFilter::Info);
    let Some(message) = &why else {
        return (None, None);
    };
    let settled = after_conversion(message)
        || seen
            .as_ref()
            .and_then(|seen| seen.component.as_deref())
            .is_none_or(|name| last.is_some_and(|last| as_logged(last) != name));
    if !settled {
        (why, seen) = listen(log::LevelFilter::Debug);
    }
    match (why, seen) {
        (
            Some(why),
            Some(Last {
                component: Some(name),
                finalizing: false,
            }),
        ) => (Some(why), Some(name)),
        (why, _) => (why, None),
    }
}

/// A component's name as [`Converting`] reads it from typify's record,
/// which writes it with `{:?}`.
fn as_logged(name: &str) -> String {
    let quoted = format!("{name:?}");
    quoted[1..quoted.len() - 1].replace("\\\"", "\"")
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
/// its assertions; the generator's own [`NO_VALUE`] as it is.
pub(crate) fn explain(why: &str) -> String {
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
    if why.starts_with(NO_VALUE) {
        // Ours, and already said for the spec's author.
        return why.to_owned();
    }
    match KNOWN.iter().find(|(needle, _)| why.contains(needle)) {
        Some((_, meaning)) => format!("{meaning} (progenitor: {why})"),
        None => format!("it failed with: {why}"),
    }
}

/// Every operation of the document, in document order.
pub(crate) fn operations(api: &OpenAPI) -> Vec<At> {
    walk::operations(api)
        .map(|(path, method, _)| At {
            path: path.to_owned(),
            method,
        })
        .collect()
}

/// The operations of `candidates` that fail alone, in document order, given
/// that all of them together fail. Each run of progenitor reads every
/// component schema, so trying the operations one by one made a large spec
/// (1,223 operations) take minutes; a set that fails is halved instead, and
/// each half that fails is searched further. Operations that fail only
/// together (no half fails) are not found: the caller then looks for the
/// shortest run of them that fails ([`first_failing_prefix`]).
pub(crate) fn culprits(
    api: &OpenAPI,
    candidates: &[At],
    fails: &impl Fn(&OpenAPI) -> bool,
) -> Vec<At> {
    match candidates {
        [] => Vec::new(),
        [one] => vec![one.clone()],
        _ => {
            let (first, second) = candidates.split_at(candidates.len() / 2);
            [first, second]
                .into_iter()
                .filter(|half| fails(&only(api, half)))
                .flat_map(|half| culprits(api, half, fails))
                .collect()
        }
    }
}

/// How many of `candidates`, from the first, it takes for a run to fail,
/// given that none fails alone and all of them together do: the last of
/// them is then the one to step down, beside the others. Found by halving
/// the count.
pub(crate) fn first_failing_prefix(
    api: &OpenAPI,
    candidates: &[At],
    fails: &impl Fn(&OpenAPI) -> bool,
) -> Option<usize> {
    let (mut passes, mut failing) = (0, candidates.len());
    if failing == 0 {
        return None;
    }
    while failing - passes > 1 {
        let middle = passes + (failing - passes) / 2;
        if fails(&only(api, &candidates[..middle])) {
            failing = middle;
        } else {
            passes = middle;
        }
    }
    Some(failing)
}

/// `api` with only `operations` left among its paths, cloned without the
/// others (a large spec's paths are most of it).
pub(crate) fn only(api: &OpenAPI, operations: &[At]) -> OpenAPI {
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
            .filter(|at| at.path == *path)
            .map(|at| at.method)
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

    fn at(path: &str, method: &'static str) -> At {
        At {
            path: path.to_owned(),
            method,
        }
    }

    /// A document of `count` operations `GET /p{i}`.
    fn paths(count: usize) -> OpenAPI {
        let paths: serde_json::Map<String, serde_json::Value> = (0..count)
            .map(|i| {
                let operation = serde_json::json!({"get": {"operationId": format!("get{i}"),
                    "responses": {"204": {"description": "Done."}}}});
                (format!("/p{i:02}"), operation)
            })
            .collect();
        serde_json::from_value(serde_json::json!({"openapi": "3.0.3",
            "info": {"title": "Halving", "version": "1"}, "paths": paths}))
        .unwrap()
    }

    #[test]
    fn every_operation_that_fails_alone_is_found_by_halving_not_one_by_one() {
        let api = paths(64);
        let candidates = operations(&api);
        let runs = std::cell::Cell::new(0);
        let fails = |api: &OpenAPI| {
            runs.set(runs.get() + 1);
            ["/p41", "/p07"]
                .iter()
                .any(|p| api.paths.paths.contains_key(*p))
        };
        let found = culprits(&api, &candidates, &fails);
        assert_eq!(found, [at("/p07", "get"), at("/p41", "get")]);
        // Two tries per halving (6 of them) for each of the two.
        assert!(runs.get() <= 24, "{} runs", runs.get());

        let none_alone = |api: &OpenAPI| api.paths.paths.len() > 1;
        assert!(culprits(&api, &candidates, &none_alone).is_empty());
    }

    #[test]
    fn operations_that_fail_only_together_are_found_by_the_shortest_failing_run() {
        let api = paths(64);
        let candidates = operations(&api);
        // /p09 fails beside /p03.
        let fails = |api: &OpenAPI| {
            api.paths.paths.contains_key("/p03") && api.paths.paths.contains_key("/p09")
        };
        assert_eq!(first_failing_prefix(&api, &candidates, &fails), Some(10));
        assert_eq!(first_failing_prefix(&api, &[], &fails), None);
    }

    #[test]
    fn only_keeps_the_operations_asked_for_and_every_component() {
        let mut api = paths(3);
        api.components = Some(Default::default());
        let kept = only(&api, &[at("/p01", "get"), at("/p02", "put")]);
        assert_eq!(
            kept.paths.paths.keys().collect::<Vec<_>>(),
            ["/p01", "/p02"]
        );
        let p2 = kept.paths.paths["/p02"].as_item().unwrap();
        assert!(p2.get.is_none());
        assert!(kept.components.is_some());
    }
}
