//! What the xtask tests share: running the real binary, building what it
//! generates, and comparing folders byte for byte.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use xtask::project_root;

/// What a run printed and how it ended.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "success: {}\n--- stdout\n{}--- stderr\n{}",
            self.success, self.stdout, self.stderr
        )
    }

    /// Checks that cargo succeeded without a warning from rustc or clippy in
    /// `file`, a fixture copied into the crate, as `-D warnings` would: with
    /// `--message-format short` ([`cargo_in_generated`]), each is a line
    /// `FILE:LINE:COLUMN: warning: …`. The generated code's own rustc
    /// warnings are `cargo xtask try-specs`' to refuse (`compiles.rs`); its
    /// clippy lints are no bar here (a crate's lints do not reach the
    /// applications that use it).
    pub fn assert_clean_in(&self, file: &str) {
        let shown = self.describe();
        assert!(self.success, "{shown}");
        let warnings: Vec<&str> = self
            .stderr
            .lines()
            .filter(|line| line.starts_with(&format!("{file}:")) && line.contains(": warning: "))
            .collect();
        assert!(warnings.is_empty(), "{}\n{shown}", warnings.join("\n"));
    }

    /// Checks that the run printed a `warning: ` line holding each of
    /// `expected`.
    pub fn assert_warned(&self, expected: &[&str]) {
        for warning in expected {
            assert!(
                self.stderr
                    .lines()
                    .any(|line| line.starts_with("warning: ") && line.contains(warning)),
                "no warning {warning:?}:\n{}",
                self.describe()
            );
        }
    }

    /// Checks a run that failed as a command should: a non-zero exit and
    /// one line on stderr, `error: ` then every piece of `expected`, with
    /// nothing that looks like Rust's `Debug` output or a panic.
    pub fn assert_one_error(&self, expected: &[&str]) {
        let shown = self.describe();
        assert!(!self.success, "{shown}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "not one line on stderr:\n{shown}");
        assert!(lines[0].starts_with("error: "), "{shown}");
        for piece in expected {
            assert!(lines[0].contains(piece), "no {piece:?}:\n{shown}");
        }
        for internal in ["panicked", "Error {", "Error(", "Os {", "kind:"] {
            assert!(!lines[0].contains(internal), "{internal:?}:\n{shown}");
        }
    }
}

/// The xtask binary, to run from the folder `cwd`.
pub fn xtask_command(cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.current_dir(cwd);
    command
}

/// Runs `command` to its end.
pub fn run(command: &mut Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run xtask");
    Run {
        success: status.success(),
        stdout: String::from_utf8(stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(stderr).expect("UTF-8 stderr"),
    }
}

/// Runs the xtask binary with `args` from the folder `cwd`.
pub fn xtask(cwd: &Path, args: &[&Path]) -> Run {
    run(xtask_command(cwd).args(args))
}

/// Copies `xtask/tests/specs/{spec}` into the folder `scratch` and
/// generates its crate into `scratch/{out}`: a copy outside git, so that the change report has
/// no earlier revision and the spec's edits need no version bump. Returns
/// the crate's folder and the run, which the caller checks.
pub fn regen_test_spec(scratch: &Path, spec: &str, out: &str) -> (PathBuf, Run) {
    let copy = scratch.join(spec);
    fs::copy(project_root().join("xtask/tests/specs").join(spec), &copy).expect("copy a test spec");
    let out = scratch.join(out);
    let run = regen(&copy, &out);
    (out, run)
}

/// `cargo xtask regen --spec {spec} --out {out}`, run from the project root.
pub fn regen(spec: &Path, out: &Path) -> Run {
    xtask(
        &project_root(),
        &[
            Path::new("regen"),
            Path::new("--spec"),
            spec,
            Path::new("--out"),
            out,
        ],
    )
}

/// The fixture `xtask/tests/fixtures/{name}`: Rust written against the API
/// of a crate the tests generate, which a test copies into that crate.
///
/// A test declares its fixtures as modules that are never compiled
/// (`#[cfg(false)]`, since the API they call exists only in the generated
/// crate), so that `cargo fmt` formats them; [`cargo_in_generated`] builds
/// them with clippy's lints, which [`Run::assert_clean_in`] holds to
/// `-D warnings`.
pub fn fixture(name: &str) -> PathBuf {
    project_root().join("xtask/tests/fixtures").join(name)
}

/// Asserts that `docs/client.md` shows the lines of the fixture `name`
/// between its `docs excerpt begins` and `docs excerpt ends` comments
/// (one indent less), which are at least `min_lines`: the guide's example
/// is the code the test compiles and runs.
pub fn assert_guide_shows_excerpt(name: &str, min_lines: usize) {
    let fixture = fs::read_to_string(fixture(name)).expect("read the fixture");
    let excerpt: Vec<&str> = fixture
        .lines()
        .skip_while(|line| !line.contains("docs excerpt begins"))
        .skip(1)
        .take_while(|line| !line.contains("docs excerpt ends"))
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    let guide = fs::read_to_string(project_root().join("docs/client.md")).expect("read the guide");
    assert!(excerpt.len() >= min_lines, "{name}: {excerpt:?}");
    assert!(
        guide.contains(&format!("```rust\n{}\n```", excerpt.join("\n"))),
        "docs/client.md lacks the excerpt of {name}:\n{}",
        excerpt.join("\n")
    );
}

/// Copies the fixture `name` into the generated crate `out` as `to`.
pub fn copy_fixture(name: &str, out: &Path, to: &str) {
    let to = out.join(to);
    fs::create_dir_all(to.parent().expect("a file in the crate")).expect("make its folder");
    fs::copy(fixture(name), &to).expect("copy a fixture");
}

/// Copies the fixture `{name}.rs` into the generated crate `out` as the
/// integration test `tests/{name}.rs`, as an application's own test would
/// be, and runs it with `cargo test --test {name}` and `more` arguments
/// ([`cargo_in_generated`]).
pub fn test_in_generated(out: &Path, name: &str, more: &[&str]) -> Run {
    copy_fixture(&format!("{name}.rs"), out, &format!("tests/{name}.rs"));
    let mut args = vec!["test", "--test", name];
    args.extend_from_slice(more);
    cargo_in_generated(out, &args)
}

/// Runs `cargo ARGS` offline in the generated crate `out`, with the
/// project's `Cargo.lock`, so that dependencies resolve to what is already
/// downloaded, and the target folder every generated crate shares, so that
/// they compile once.
///
/// The crate compiles through clippy (`clippy-driver` as the workspace's
/// compiler, as `cargo clippy` runs it), which lints what it builds and
/// builds it as rustc does, so that the fixtures a test copies in are linted
/// where they compile; the dependencies compile as usual, and stay shared.
/// Diagnostics are one line each (`--message-format short`), for
/// [`Run::assert_clean_in`].
pub fn cargo_in_generated(out: &Path, args: &[&str]) -> Run {
    fs::copy(project_root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // Beside the toolchain's cargo, as rustup installs them; else on `PATH`.
    let clippy = cargo.with_file_name("clippy-driver");
    let clippy = if clippy.is_file() {
        clippy
    } else {
        "clippy-driver".into()
    };
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(cargo)
        .args(args)
        .args(["--offline", "--message-format", "short"])
        .current_dir(out)
        .env(
            "CARGO_TARGET_DIR",
            project_root().join("target/generated-crates"),
        )
        // As `cargo xtask try-specs` builds them: no debug information,
        // which would triple what the shared target folder keeps.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("RUSTC_WORKSPACE_WRAPPER", clippy)
        .output()
        .expect("run cargo");
    Run {
        success: status.success(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("list a folder") {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let bytes = fs::read(&path).expect("read a file");
                let relative = path.strip_prefix(root).expect("inside the root").to_owned();
                files.insert(relative, bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

pub fn assert_same_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
) {
    let names = |files: &BTreeMap<PathBuf, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(after),
        names(before),
        "{what}: the set of files changed"
    );
    for (path, bytes) in before {
        assert!(after[path] == *bytes, "{what}: {} changed", path.display());
    }
}
