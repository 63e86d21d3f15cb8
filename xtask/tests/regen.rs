//! `cargo xtask regen` end to end: the real binary, run as a process, on the
//! project's spec and on broken ones, writing into scratch folders.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, assert_same_files, project_root, snapshot, xtask};

/// The files every generation writes, relative to the output folder.
const GENERATED: [&str; 17] = [
    "Cargo.toml",
    "src/api.rs",
    "src/cli.rs",
    "src/connection.rs",
    "src/lib.rs",
    "src/main.rs",
    "src/mock.rs",
    "src/operations.rs",
    "src/runtime/builders.rs",
    "src/runtime/cli.rs",
    "src/runtime/config.rs",
    "src/runtime/drift.rs",
    "src/runtime/error.rs",
    "src/runtime/mod.rs",
    "src/runtime/open_enums.rs",
    "src/runtime/tls.rs",
    "src/runtime/transport.rs",
];

fn project_spec() -> PathBuf {
    project_root().join("spec/beltic-identity.yaml")
}

/// Runs `xtask regen` with `args` from the folder `cwd`.
fn regen(cwd: &Path, args: &[&Path]) -> Run {
    let mut all = vec![Path::new("regen")];
    all.extend_from_slice(args);
    xtask(cwd, &all)
}

fn regen_into(spec: &Path, out: &Path) -> Run {
    regen(
        &project_root(),
        &[Path::new("--spec"), spec, Path::new("--out"), out],
    )
}

fn check(spec: &Path, out: &Path) -> Run {
    regen(
        &project_root(),
        &[
            Path::new("--spec"),
            spec,
            Path::new("--out"),
            out,
            Path::new("--check"),
        ],
    )
}

#[test]
fn regen_writes_a_crate_then_check_passes() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    fs::create_dir_all(&out).unwrap();
    let spec = project_spec();

    let first = regen_into(&spec, &out);
    assert!(first.success, "{}", first.describe());
    for path in GENERATED {
        assert!(out.join(path).is_file(), "no {path} after regen");
        assert!(
            first.stdout.contains(path),
            "regen did not list {path} as written:\n{}",
            first.describe()
        );
    }
    let written = snapshot(&out);
    let names: Vec<&Path> = written.keys().map(PathBuf::as_path).collect();
    assert_eq!(names, GENERATED.map(Path::new), "regen wrote other files");

    let checked = check(&spec, &out);
    assert!(checked.success, "{}", checked.describe());
    assert!(
        checked.stdout.contains("up to date"),
        "{}",
        checked.describe()
    );
    assert!(checked.stderr.is_empty(), "{}", checked.describe());

    let again = regen_into(&spec, &out);
    assert!(again.success, "{}", again.describe());
    assert!(
        again.stdout.contains("already up to date"),
        "{}",
        again.describe()
    );
    for path in GENERATED {
        assert!(
            !again.stdout.contains(path),
            "the second regen rewrote {path}:\n{}",
            again.describe()
        );
    }
    assert_same_files(&written, &snapshot(&out), "a second regen");
}

#[test]
fn check_names_stale_files_and_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    let spec = project_spec();
    let first = regen_into(&spec, &out);
    assert!(first.success, "{}", first.describe());

    let api = out.join("src/api.rs");
    let mut edited = fs::read_to_string(&api).unwrap();
    edited.push_str("// a hand edit\n");
    fs::write(&api, &edited).unwrap();
    fs::remove_file(out.join("src/connection.rs")).unwrap();
    let before = snapshot(&out);

    let checked = check(&spec, &out);
    let shown = checked.describe();
    assert!(!checked.success, "{shown}");
    let stderr = &checked.stderr;
    assert!(stderr.contains("src/api.rs differs"), "{shown}");
    assert!(
        stderr.lines().any(|line| line.trim() == "-// a hand edit"),
        "no diff line removing the edit:\n{shown}"
    );
    assert!(stderr.contains("src/connection.rs is missing"), "{shown}");
    assert!(stderr.contains("run `cargo xtask regen`"), "{shown}");
    for fresh in ["Cargo.toml", "src/lib.rs"] {
        assert!(
            !stderr.contains(fresh),
            "{fresh} is named though it is fresh:\n{shown}"
        );
    }

    assert_same_files(&before, &snapshot(&out), "--check");
    assert_eq!(fs::read_to_string(&api).unwrap(), edited);
    assert!(!out.join("src/connection.rs").exists());
}

#[test]
fn broken_spec_leaves_output_untouched() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    let first = regen_into(&project_spec(), &out);
    assert!(first.success, "{}", first.describe());
    fs::create_dir_all(out.join("tests")).unwrap();
    fs::write(
        out.join("tests/mine.rs"),
        "#[test]\nfn mine() {\n    assert_eq!(1 + 1, 2);\n}\n",
    )
    .unwrap();
    let before = snapshot(&out);
    assert!(before.contains_key(Path::new("tests/mine.rs")));

    // The `:` after `a` on line 5, its 17th character, is a YAML error.
    let spec = scratch.path().join("broken-spec.yaml");
    fs::write(
        &spec,
        "openapi: 3.0.3\n\
         info:\n  \
           title: Broken\n  \
           version: 1.0.0\n  \
           description: a: b\n\
         paths: {}\n",
    )
    .unwrap();

    let run = regen_into(&spec, &out);
    let shown = run.describe();
    assert!(!run.success, "{shown}");
    assert!(run.stderr.contains("error:"), "{shown}");
    assert!(run.stderr.contains("broken-spec.yaml:5:17:"), "{shown}");
    assert!(run.stdout.is_empty(), "{shown}");

    assert_same_files(&before, &snapshot(&out), "a failed regen");
}

#[test]
fn regen_from_another_directory_gives_the_same_bytes() {
    let scratch = tempfile::tempdir().unwrap();
    let elsewhere = scratch.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let from_root = scratch.path().join("from-root");

    // From the project's root, naming the spec relative to it.
    let run = regen(
        &project_root(),
        &[
            Path::new("--spec"),
            Path::new("spec/beltic-identity.yaml"),
            Path::new("--out"),
            &from_root,
        ],
    );
    assert!(run.success, "{}", run.describe());

    // From another folder, with the output folder relative to that one.
    let run = regen(
        &elsewhere,
        &[
            Path::new("--spec"),
            &project_spec(),
            Path::new("--out"),
            Path::new("out"),
        ],
    );
    assert!(run.success, "{}", run.describe());
    let from_elsewhere = elsewhere.join("out");

    let expected = snapshot(&from_root);
    let names: Vec<&Path> = expected.keys().map(PathBuf::as_path).collect();
    assert_eq!(names, GENERATED.map(Path::new));
    assert_same_files(
        &expected,
        &snapshot(&from_elsewhere),
        "regen from elsewhere",
    );

    // Both name the spec as the project does, not as the command line did.
    let lib = String::from_utf8(expected[Path::new("src/lib.rs")].clone()).unwrap();
    assert!(
        lib.starts_with("// Generated by `cargo xtask regen` from spec/beltic-identity.yaml.\n"),
        "{lib}"
    );
}

#[test]
fn timings_give_every_stage_of_every_thread() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    let run = regen(
        &project_root(),
        &[
            Path::new("--spec"),
            &project_spec(),
            Path::new("--out"),
            &out,
            Path::new("--timings"),
        ],
    );
    assert!(run.success, "{}", run.describe());
    // Rows are `thread  stage  wall  cpu`, columns two spaces or more apart.
    let rows: Vec<Vec<&str>> = run
        .stderr
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let stages: Vec<(&str, &str)> = rows
        .iter()
        .filter(|row| row.len() == 4 && row[0] != "thread")
        .map(|row| (row[0], row[1]))
        .collect();
    for expected in [
        ("main", "read and check the spec"),
        ("main", "progenitor"),
        ("main", "parse progenitor's tokens"),
        ("main", "lay out"),
        ("second", "progenitor for the mocks"),
        ("second", "emit the mock module"),
        ("positions", "index where members are written"),
    ] {
        assert!(
            stages.contains(&expected),
            "no {expected:?}:\n{}",
            run.stderr
        );
    }
    let millis = |cell: &str| cell.parse::<u64>().unwrap_or_else(|_| panic!("{cell}"));
    let main: u64 = rows
        .iter()
        .filter(|row| row.len() == 4 && row[0] == "main")
        .map(|row| millis(row[2]))
        .sum();
    let total = rows
        .iter()
        .find(|row| row.first() == Some(&"in all, wall"))
        .map(|row| millis(row[1]))
        .unwrap_or_else(|| panic!("no total:\n{}", run.stderr));
    // Each row is rounded on its own: allow a millisecond a row.
    assert!(main <= total + 8, "main's stages {main} ms > {total} ms");
    // Without `--timings`, nothing of it.
    let again = regen_into(&project_spec(), &out);
    assert!(
        !again.stderr.contains("in all, wall"),
        "{}",
        again.describe()
    );
}
