//! `cargo xtask try-specs DIR`: the generator's robustness check. Each spec
//! of a folder must either give a crate that builds or be refused with a
//! located message; a crate that does not compile, or compiles with rustc
//! warnings, is the generator's bug.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Where the crates are built, under the project's `target/`: one folder
/// for all of them, so that their dependencies compile once and stay warm.
pub const TARGET_SUBDIR: &str = "target/generated-crates";

/// What became of one spec.
enum Outcome {
    Built,
    Refused(String),
    FailedToBuild(String),
}

/// The options of `cargo xtask try-specs`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder of specs.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

/// Tries every spec in the folder, printing one line per spec. Fails when a
/// crate did not build (or could not be tried); refusals are answers, not
/// failures.
pub fn run(args: Args) -> ExitCode {
    let (dir, root) = (args.dir.as_path(), &xtask::project_root());
    let specs = match specs_in(dir) {
        Ok(specs) if !specs.is_empty() => specs,
        Ok(_) => {
            eprintln!("error: {}: no *.json, *.yaml or *.yml files", dir.display());
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!(
                "error: {}: cannot list the specs: {error}; pass a folder of specs",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let scratch = std::env::temp_dir().join(format!("xtask-try-specs-{}", std::process::id()));
    let target = root.join(TARGET_SUBDIR);
    let mut failed = 0;
    for spec in &specs {
        let name = spec
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let out = scratch.join(name.replace('.', "-"));
        let (outcome, warnings) = try_one(spec, &name, &out, root, &target);
        match outcome {
            Outcome::Built => println!("{name}: built"),
            Outcome::Refused(message) => {
                println!("{name}: refused");
                for line in message.lines() {
                    println!("    {line}");
                }
            }
            Outcome::FailedToBuild(message) => {
                failed += 1;
                println!("{name}: FAILED TO BUILD: {message}");
            }
        }
        if warnings > 0 {
            println!("    ({warnings} warnings; `cargo xtask regen --spec` shows them)");
        }
    }
    let _ = fs::remove_dir_all(&scratch);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{failed} of {} specs gave a crate that does not build",
            specs.len()
        );
        ExitCode::FAILURE
    }
}

/// The specs in `dir`, by name.
pub(crate) fn specs_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if path.is_file() && matches!(extension, "json" | "yaml" | "yml") {
            specs.push(path);
        }
    }
    specs.sort();
    Ok(specs)
}

/// Generates `spec` into `out` and builds it; with the number of warnings.
fn try_one(spec: &Path, label: &str, out: &Path, root: &Path, target: &Path) -> (Outcome, usize) {
    let settings = generator::Settings {
        standalone: true,
        ..generator::Settings::new(spec, label)
    };
    let files = match generator::generate(&settings) {
        Ok(generated) => generated.files,
        Err(error) => return (Outcome::Refused(error.to_string()), 0),
    };
    let warnings = files.warnings().len();
    let _ = fs::remove_dir_all(out);
    if let Err(error) = files.write_into(out) {
        return (
            Outcome::FailedToBuild(format!("cannot write: {error}")),
            warnings,
        );
    }
    (build(out, root, target), warnings)
}

/// `cargo build --offline` in `out` with every feature, then the crate's
/// unit tests: among them, that each mock sample decodes into its type. Both use the project's
/// `Cargo.lock`, so that the dependencies resolve to the versions already
/// downloaded and built.
fn build(out: &Path, root: &Path, target: &Path) -> Outcome {
    if let Err(error) = fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")) {
        return Outcome::FailedToBuild(format!("cannot copy Cargo.lock: {error}"));
    }
    let steps: [&[&str]; 2] = [
        &["build", "--offline", "--all-features"],
        &["test", "--offline", "--all-features", "--lib"],
    ];
    for args in steps {
        if let Err(first_error) = cargo(args, out, target) {
            return Outcome::FailedToBuild(first_error);
        }
    }
    Outcome::Built
}

/// Runs cargo with `args` in `out`; on failure or rustc warnings, the first
/// line that says what went wrong.
fn cargo(args: &[&str], out: &Path, target: &Path) -> Result<(), String> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(program)
        .args(args)
        .args(["--quiet", "--message-format", "short"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", target)
        // Only whether the crate builds matters here; debug information
        // would triple the size of what stays in the target folder.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let text = String::from_utf8_lossy(&output.stderr) + String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        // Generated code must read like careful hand-written code: a rustc
        // warning in it (`--message-format short`: `src/api.rs:1:2: warning:
        // …`) fails the spec too. Cargo replays them when the crate is fresh.
        let warnings: Vec<&str> = text
            .lines()
            .filter(|line| line.contains(": warning:"))
            .collect();
        return match warnings.first() {
            None => Ok(()),
            Some(first) => Err(format!(
                "`cargo {}`: {} rustc warnings in the generated code, the first: {first}",
                args[0],
                warnings.len()
            )),
        };
    }
    // A failing test's own message says more than cargo's summary of it.
    let first = text
        .lines()
        .find(|line| line.contains("panicked"))
        .or_else(|| text.lines().find(|line| line.contains("error")))
        .unwrap_or("cargo failed without an error line");
    Err(format!("`cargo {}`: {first}", args[0]))
}
