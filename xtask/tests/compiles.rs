//! Crates that must compile: `cargo xtask try-specs` generates each spec,
//! builds the crate with every feature (the mocks too), without a rustc
//! warning, and runs its unit tests. The crates of constructs that once
//! failed to compile, and the golden crates of `generator/tests/golden/`.

mod common;

use std::fs;
use std::path::Path;

use common::{project_root, xtask};

/// The specs of `xtask/tests/specs/` that exercise them.
const SPECS: &[&str] = &[
    // A page stream over an open enum path parameter (E0507, E0382).
    "paginated-enum-path.yaml",
    // The only response is `default` with `*/*` and `{}` (E0308).
    "default-any-media.yaml",
    // Open enums and personal-data marks wherever progenitor uses a type.
    "rewritten-types.yaml",
    // What public specs write that progenitor refused or panicked on (enum
    // values with one Rust name, `format` on objects, defaults as text, deep
    // `$ref`s, `deepObject`, an undeclared path parameter, types typify named
    // alike, an `enum` beside a `$ref`, a nullable header, an `OPTIONS`
    // operation…), read sensibly; and `minLength: 0` and the enum values
    // `+1`/`-1`, which gave rustc warnings.
    "corpus-habits.yaml",
    // Parameters named like the CLI's own locals (`client`, `files`...) or
    // the builder's (`call`), which hid them (E0599).
    "cli-local-names.yaml",
    // A JSON body of a string (E0277 in the CLI), and examples that do not
    // fit their schema, which the mock samples must not take.
    "sample-habits.yaml",
    // No operations, only webhook payloads: unused client code (rustc
    // warnings).
    "no-operations.yaml",
];

#[test]
fn crates_of_constructs_that_broke_the_build_now_build() {
    let scratch = tempfile::tempdir().unwrap();
    let specs = scratch.path().join("specs");
    fs::create_dir_all(&specs).unwrap();
    for spec in SPECS {
        fs::copy(
            project_root().join("xtask/tests/specs").join(spec),
            specs.join(spec),
        )
        .unwrap();
    }
    let run = xtask(&project_root(), &[Path::new("try-specs"), &specs]);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    for spec in SPECS {
        assert!(
            run.stdout
                .lines()
                .any(|line| line == format!("{spec}: built")),
            "{spec} not built:\n{shown}"
        );
    }
}

/// The golden crates (`generator/tests/golden.rs` holds the generator's
/// output for these specs to them) are code users would get: they must
/// compile, and their mocks' samples decode.
#[test]
fn the_golden_crates_build() {
    let specs = project_root().join("generator/tests/specs");
    let run = xtask(&project_root(), &[Path::new("try-specs"), &specs]);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    for spec in ["notes.yaml", "shop.yaml", "weather.yaml"] {
        assert!(
            run.stdout.contains(&format!("{spec}: built\n")),
            "{spec} not built:\n{shown}"
        );
    }
}
