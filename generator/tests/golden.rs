//! Golden outputs: the crate generated from each small spec in
//! `tests/specs/`, checked in under `tests/golden/`, so that a reviewer sees
//! what a change to the generator does to the code users get.
//!
//! A test fails when the output differs from its snapshot, showing the
//! difference. To accept the new output, run
//! `INSTA_UPDATE=always cargo test -p generator --test golden` (or
//! `cargo insta review`, if cargo-insta is installed) and review the change
//! to `tests/golden/` with `git diff` before committing it.
//!
//! The crates compile too: `xtask/tests/compiles.rs` builds each with every
//! feature, without a rustc warning, and runs its unit tests, through
//! `cargo xtask try-specs generator/tests/specs`.

use std::fs;
use std::path::Path;

/// Files copied unchanged from `generator/runtime/`, the same for every
/// spec: the project's own client shows them, and a snapshot per spec would
/// only repeat them.
const RUNTIME_FILES: &str = "src/runtime/";

/// Compares every generated file of the spec `name` (and the warnings the
/// generator gave) with its snapshot, `tests/golden/<name>@<file>.snap`.
fn golden(name: &str) {
    let file = format!("{name}.yaml");
    // The label is the path from the project's root, so that the snapshots
    // do not depend on where the project is checked out.
    let label = format!("generator/tests/specs/{file}");
    // A relative path too (tests run in the package's folder), for the
    // locations in warnings.
    let spec = Path::new("tests/specs").join(&file);
    let files = generator::generate(&generator::Settings::new(&spec, &label))
        .unwrap_or_else(|error| panic!("{file} generates: {error}"))
        .files;

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("golden");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        let warnings: Vec<String> = files
            .warnings()
            .iter()
            .map(|warning| format!("warning: {warning}"))
            .collect();
        insta::assert_snapshot!(format!("{name}@warnings"), warnings.join("\n"));
        for (path, text) in files.iter() {
            let path = path.to_string_lossy().replace('\\', "/");
            if path.starts_with(RUNTIME_FILES) {
                continue;
            }
            insta::assert_snapshot!(format!("{name}@{}", path.replace('/', "-")), text);
        }
    });
}

#[test]
fn notes_bearer_token_json_and_form_bodies() {
    golden("notes");
}

#[test]
fn weather_without_servers_security_or_operation_ids() {
    golden("weather");
}

#[test]
fn shop_enums_personal_data_and_pages() {
    golden("shop");
}

/// Every spec in `tests/specs/` has a test above, so none is forgotten.
#[test]
fn every_spec_has_a_golden_test() {
    let mut specs: Vec<String> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs"))
            .expect("tests/specs is readable")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
    specs.sort();
    assert_eq!(specs, ["notes.yaml", "shop.yaml", "weather.yaml"]);
}
