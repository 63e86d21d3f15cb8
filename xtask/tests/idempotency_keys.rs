//! Idempotency keys: the real binary generates the crate of
//! `specs/idempotent-create.yaml` into a scratch folder, and a test written
//! into that crate calls its POST operations against a server on loopback
//! that records the `Idempotency-Key` of every request it receives.

mod common;

use std::fs;

use common::{regen_test_spec, test_in_generated};

/// Copied into the generated crate as `tests/keys.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/keys.rs"]
mod keys;

#[test]
fn declared_idempotency_keys_are_filled_kept_across_retries_and_make_a_post_retryable() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, run) = regen_test_spec(scratch.path(), "idempotent-create.yaml", "sessions");
    assert!(run.success, "{}", run.describe());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"uuid = { version = "1.18", features = ["v4"] }"#),
        "{manifest}"
    );
    let operations = fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(
        !operations.contains("- `idempotency_key`"),
        "the key is no argument"
    );
    assert!(operations.contains("pub fn idempotency_key(mut self"));

    let run = test_in_generated(&out, "keys", &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/keys.rs");
    // All ran: none was filtered out or skipped.
    assert!(stdout.contains("test result: ok. 6 passed"), "{shown}");
}
