//! Form bodies with nested members: the real binary generates the crate of
//! `specs/nested-forms.yaml` (an object, a list of objects, a map and a list
//! of strings, each with its `encoding`), says where it read the spec, and a
//! test written into that crate calls each operation against a server on
//! 127.0.0.1 that parses the body it receives with `form_urlencoded`.

mod common;

use std::fs;

use common::{regen_test_spec, test_in_generated};

/// Copied into the generated crate as `tests/forms.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/forms.rs"]
mod forms;

#[test]
fn nested_form_members_are_sent_as_bracketed_keys() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, run) = regen_test_spec(scratch.path(), "nested-forms.yaml", "checkouts");
    assert!(run.success, "{}", run.describe());
    run.assert_warned(&[
        "nested-forms.yaml:55:15: /paths/~1checkouts/post/requestBody/content/\
         application~1x-www-form-urlencoded/encoding/options: form member `options` is an object \
         or a list of objects, and `style: form` without `explode` would write it as one \
         comma-separated field",
        "nested-forms.yaml:113:9: /components/schemas/CustomerForm/properties/address: form member \
         `address` is an object or a list of objects, and the body's `encoding` does not say how to \
         write it",
    ]);
    // Only bodies with nested members go through the `forms` runtime: the
    // flat one keeps progenitor's form encoding, and the crate has no
    // `bodies` runtime (nor reqwest's multipart) it does not need.
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert_eq!(api.matches(".form_urlencoded(&body)?").count(), 1, "{api}");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("serde_qs = "), "{manifest}");
    // The mock's expectation of the flat form writes it as the client does.
    assert!(
        manifest.contains(r#"mock = ["dep:httpmock", "dep:regex", "dep:serde_urlencoded"]"#),
        "{manifest}"
    );
    assert!(!manifest.contains("multipart"), "{manifest}");
    assert!(out.join("src/runtime/forms.rs").exists());
    assert!(!out.join("src/runtime/bodies.rs").exists());

    // With every feature (the mocks too), and the crate's unit tests: the
    // samples of the body types decode.
    let run = test_in_generated(&out, "forms", &["--all-features", "--lib"]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/forms.rs");
    assert!(stdout.contains("test result: ok. 4 passed"), "{shown}");
    assert!(!run.stderr.contains("warning:"), "{shown}");
}
