//! Operations with several success bodies: the real binary generates the
//! crate of `specs/success-bodies.yaml` into a scratch folder, and a test
//! written into that crate calls each operation against servers on
//! loopback, one answer per variant of its response enum.

mod common;

use std::fs;

use common::{assert_guide_shows_excerpt, regen_test_spec, test_in_generated};

/// Copied into the generated crate as `tests/answers.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/answers.rs"]
mod answers;

#[test]
fn each_success_status_decodes_into_its_variant() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, run) = regen_test_spec(scratch.path(), "success-bodies.yaml", "sessions");
    assert!(run.success, "{}", run.describe());
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    for item in [
        "pub enum CreateSessionResponse",
        "Created(Session)",
        "Accepted(Job)",
        "NoContent,",
        "OkOrCreated(Session)",
        "Accepted(PutSessionAccepted)",
        "Success(::serde_json::Value)",
        "Ok(::std::vec::Vec<u8>)",
        "/// `201 Created`: The session, created at once.",
    ] {
        assert!(api.contains(item), "src/api.rs lacks {item}");
    }
    // docs/client.md shows the excerpt the test below compiles and runs.
    assert_guide_shows_excerpt("answers.rs", 4);

    let run = test_in_generated(&out, "answers", &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/answers.rs");
    // All ran: none was filtered out or skipped.
    assert!(stdout.contains("test result: ok. 10 passed"), "{shown}");
}
