//! The command line of the `cli` feature: the real binary generates the
//! crate of `specs/cli.yaml` into a scratch folder, and a test written into
//! that crate runs its `desk-identity` command against a server on
//! loopback, for a query, a JSON body, a multipart upload and pages.

mod common;

use std::fs;

use common::{regen_test_spec, test_in_generated};

/// Copied into the generated crate as `tests/cli.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/cli.rs"]
mod cli;

/// How many tests `fixtures/cli.rs` has.
const TESTS: usize = 5;

#[test]
fn the_command_calls_every_kind_of_operation() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, run) = regen_test_spec(scratch.path(), "cli.yaml", "desk");
    assert!(run.success, "{}", run.describe());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    for line in [
        "cli = [\"dep:clap\", \"dep:futures-core\", \"tokio/rt\"]",
        "name = \"desk-identity\"",
        "required-features = [\"cli\"]",
    ] {
        assert!(
            manifest.contains(line),
            "Cargo.toml lacks {line}:\n{manifest}"
        );
    }

    let run = test_in_generated(&out, "cli", &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/cli.rs");
    assert!(
        stdout.contains(&format!("test result: ok. {TESTS} passed")),
        "{shown}"
    );
}

#[test]
fn a_spec_can_leave_the_command_out() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = fs::read_to_string(common::project_root().join("xtask/tests/specs/cli.yaml"))
        .unwrap()
        .replace("x-rust-client:\n", "x-rust-client:\n  cli: false\n");
    let copy = scratch.path().join("no-cli.yaml");
    fs::write(&copy, spec).unwrap();
    let out = scratch.path().join("no-cli");
    let run = common::regen(&copy, &out);
    assert!(run.success, "{}", run.describe());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("clap"), "{manifest}");
    assert!(!manifest.contains("[[bin]]"), "{manifest}");
    assert!(!out.join("src/cli.rs").exists());
    assert!(!out.join("src/main.rs").exists());
    assert!(!out.join("src/runtime/cli.rs").exists());
    let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(!lib.contains("mod cli"), "{lib}");

    // A value that is not a boolean is refused where it is written.
    let spec = fs::read_to_string(&copy)
        .unwrap()
        .replace("cli: false", "cli: sometimes");
    fs::write(&copy, spec).unwrap();
    let run = common::regen(&copy, &scratch.path().join("refused"));
    run.assert_one_error(&["/x-rust-client/cli", "`cli` must be `true` or `false`"]);
}
