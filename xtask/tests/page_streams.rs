//! Page streams: the real binary generates the crate of
//! `specs/page-streams.yaml` into a scratch folder, and a test written into
//! that crate streams each list operation against servers on loopback,
//! three pages at a time.

mod common;

use std::fs;

use common::{assert_guide_shows_excerpt, regen_test_spec, test_in_generated};

/// Copied into the generated crate as `tests/streams.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/streams.rs"]
mod streams;

/// How many tests `fixtures/streams.rs` has.
const TESTS: usize = 12;

#[test]
fn list_operations_stream_their_pages() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, run) = regen_test_spec(scratch.path(), "page-streams.yaml", "paged");
    assert!(run.success, "{}", run.describe());
    // Located where the spec reads as paginated.
    run.assert_warned(&[
        "page-streams.yaml:46:11: /paths/~1v1~1identity~1documents/get/parameters/0: \
         `listDocuments` looks paginated (its `page[after]` query parameter) but the client \
         cannot stream it: `/links` in the success body is not in its schema",
    ]);
    let streams = fs::read_to_string(out.join("src/page_streams.rs")).unwrap();
    for call in ["ListSessions", "ListAccounts", "ListDogs"] {
        let method = format!("impl<'a> {call}<'a> {{\n    /// Every item");
        assert!(
            streams.contains(&method),
            "src/page_streams.rs lacks {call}::stream:\n{streams}"
        );
    }
    assert_eq!(streams.matches("pub fn stream(").count(), 3, "{streams}");
    assert!(!streams.contains("ListDocuments"));
    // docs/client.md shows the excerpt the test below compiles and runs.
    assert_guide_shows_excerpt("streams.rs", 3);

    let run = test_in_generated(&out, "streams", &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/streams.rs");
    // All ran: none was filtered out or skipped.
    assert!(
        stdout.contains(&format!("test result: ok. {TESTS} passed")),
        "{shown}"
    );
}
