//! Runs progenitor so that a panic inside it becomes an error: silenced
//! while it unwinds, and traced to the operation of the spec that causes it.

use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::Error;
use crate::spec::walk::{self, operation_slots};
use crate::spec::{Document, escape};

/// The panic hook is one per process; whoever replaces it holds this, so
/// that two generations on two threads (tests) restore it in order.
static HOOK: Mutex<()> = Mutex::new(());

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Runs `f`, turning a panic into its message. The panic prints nothing on
/// this thread (the default hook would write it to stderr, where the user
/// would take it for a crash); panics on other threads print as usual.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let _guard = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
    let previous: Arc<Hook> = Arc::new(panic::take_hook());
    let delegate = Arc::clone(&previous);
    let quiet = thread::current().id();
    panic::set_hook(Box::new(move |info| {
        if thread::current().id() != quiet {
            delegate(info);
        }
    }));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    // Dropping our hook drops `delegate`, so the previous hook is ours
    // alone again and goes back in place as it was.
    drop(panic::take_hook());
    match Arc::try_unwrap(previous) {
        Ok(hook) => panic::set_hook(hook),
        Err(shared) => panic::set_hook(Box::new(move |info| shared(info))),
    }
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

/// The error for a generation of `document` that failed with `why`
/// (progenitor's error or panic message). `fails` runs progenitor on a
/// document and says whether it fails too; with it, the operation at fault
/// is found by generating each operation alone.
pub fn failure(document: &Document, why: String, fails: impl Fn(&OpenAPI) -> bool) -> Error {
    let why = explain(why);
    for (path, method) in operations(&document.api) {
        if fails(&alone(&document.api, &path, method)) {
            let pointer = format!("/paths/{}/{method}", escape(&path));
            let message = format!(
                "progenitor cannot generate {} {path}: {why}",
                method.to_uppercase()
            );
            return Error::at(&document.path, &document.positions, &pointer, message);
        }
    }
    let mut no_paths = document.api.clone();
    no_paths.paths.paths.clear();
    let what = if fails(&no_paths) {
        "the schemas of `components.schemas`"
    } else {
        "the operations together (each alone generates)"
    };
    Error::Generate {
        path: document.path.clone(),
        message: format!("while generating {what}: {why}"),
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
fn operations(api: &OpenAPI) -> Vec<(String, &'static str)> {
    walk::operations(api)
        .map(|(path, method, _)| (path.to_owned(), method))
        .collect()
}

/// `api` with one operation left: `method` of `path`.
fn alone(api: &OpenAPI, path: &str, method: &str) -> OpenAPI {
    let mut single = api.clone();
    single.paths.paths.retain(|p, _| p == path);
    if let Some(ReferenceOr::Item(item)) = single.paths.paths.get_mut(path) {
        for (name, slot) in operation_slots(item) {
            if name != method {
                *slot = None;
            }
        }
    }
    single
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
        let (document, _) = crate::spec::read(&path, None).unwrap();

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
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
