//! `--build N`: a random sample of the crates the sweep generated, each
//! generated again and built with every feature, then its mock samples'
//! test run (`every_sample_decodes`: each sample decodes into its type).
//! A crate that fails, warns, or whose samples do not decode is the
//! generator's bug.
//!
//! By default each crate resolves its dependencies afresh, without a lock
//! file, as a user's new project does: the newest versions crates.io has,
//! which is where a deprecation in a dependency first shows. `--offline`
//! builds against the workspace's `Cargo.lock` instead, from what is already
//! downloaded (the tests use it).

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use wait_timeout::ChildExt;

use super::child::{Generator, Outcome};

/// Where the sample is built with a fresh resolve, under the project's
/// `target/`: one folder for all of the sample, so that dependencies compile
/// once. Apart from `try-specs`' folder, whose builds use the workspace's
/// older versions.
pub const FRESH_TARGET_SUBDIR: &str = "target/sweep-crates";

/// How the sample is built.
pub struct Sampling {
    /// How many crates.
    pub size: usize,
    /// The seed that picks them.
    pub seed: u64,
    /// Build against the workspace's `Cargo.lock`, offline.
    pub offline: bool,
    /// How long each of a crate's cargo commands may take.
    pub timeout: Duration,
}

/// What became of one crate of the sample.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Result {
    /// Built without a warning, and its samples decode (`tests`: how many
    /// tests ran; 0 for a spec without schemas, which has no samples).
    Passed { tests: usize },
    /// A cargo step failed: the first error, or the failed test.
    Failed { step: String, message: String },
    /// Built, with rustc warnings in the generated code.
    Warned {
        step: String,
        warnings: usize,
        first: String,
    },
    /// A cargo step was still running when its time was up.
    TimedOut { step: String },
    /// The second generation did not give a crate.
    NotGenerated { message: String },
}

impl Result {
    /// One word for a line of progress.
    pub fn word(&self) -> &'static str {
        match self {
            Result::Passed { .. } => "passed",
            Result::Failed { .. } => "FAILED",
            Result::Warned { .. } => "WARNED",
            Result::TimedOut { .. } => "TIMED OUT",
            Result::NotGenerated { .. } => "NOT GENERATED",
        }
    }
}

/// One crate of the sample.
#[derive(Clone, Debug, Serialize)]
pub struct Built {
    pub spec: String,
    #[serde(flatten)]
    pub result: Result,
    /// Wall time of its cargo commands, in seconds.
    pub seconds: f64,
}

/// The `size` of `generated` (spec files) that `seed` picks: the same
/// ones for the same seed and the same generated specs.
pub fn pick(generated: &[PathBuf], size: usize, seed: u64) -> Vec<PathBuf> {
    let mut picked = generated.to_vec();
    picked.sort();
    fastrand::Rng::with_seed(seed).shuffle(&mut picked);
    picked.truncate(size);
    picked.sort();
    picked
}

/// Generates `spec` into `work` and builds it.
pub fn build(
    spec: &Path,
    generator: &Generator,
    sampling: &Sampling,
    work: &Path,
    root: &Path,
) -> Built {
    let name = spec
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let out = work.join(name.replace('.', "-"));
    let _ = fs::remove_dir_all(&out);
    let start = Instant::now();
    let generation = generator.generate(spec, &out);
    let result = match generation.outcome {
        Outcome::Generated => build_crate(&out, sampling, root),
        Outcome::Refused { message } | Outcome::Crashed { message } => {
            Result::NotGenerated { message }
        }
        Outcome::TimedOut => Result::NotGenerated {
            message: "timed out".to_owned(),
        },
    };
    let _ = fs::remove_dir_all(&out);
    Built {
        spec: name,
        result,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// `cargo check` with every feature, then the mock samples' test; then the
/// crate's own artifacts are removed from the shared target folder, which
/// would otherwise keep every crate of the sample.
fn build_crate(out: &Path, sampling: &Sampling, root: &Path) -> Result {
    let target = if sampling.offline {
        if let Err(error) = fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")) {
            return Result::Failed {
                step: "copy Cargo.lock".to_owned(),
                message: error.to_string(),
            };
        }
        root.join(crate::try_specs::TARGET_SUBDIR)
    } else {
        root.join(FRESH_TARGET_SUBDIR)
    };
    let cargo = Cargo {
        out,
        target: &target,
        offline: sampling.offline,
        timeout: sampling.timeout,
    };
    let steps: [&[&str]; 2] = [
        &["check", "--all-features"],
        &["test", "--all-features", "--lib", "every_sample"],
    ];
    let mut tests = 0;
    for args in steps {
        match cargo.run(args) {
            Step::Passed { tests: ran } => tests += ran,
            Step::Failed(result) => {
                cargo.clean();
                return result;
            }
        }
    }
    cargo.clean();
    Result::Passed { tests }
}

/// How a crate of the sample is built.
struct Cargo<'a> {
    out: &'a Path,
    target: &'a Path,
    offline: bool,
    timeout: Duration,
}

/// One cargo command's outcome.
enum Step {
    Passed { tests: usize },
    Failed(Result),
}

impl Cargo<'_> {
    fn command(&self, args: &[&str]) -> Command {
        let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(self.out)
            .env("CARGO_TARGET_DIR", self.target)
            // Only whether the crate builds matters; debug information would
            // triple what the shared target folder keeps.
            .env("CARGO_PROFILE_DEV_DEBUG", "false")
            // Each crate compiles once in each mode and is then cleaned:
            // incremental caches would only cost time and disk.
            .env("CARGO_INCREMENTAL", "0")
            .stdin(Stdio::null());
        if self.offline {
            command.arg("--offline");
        }
        command
    }

    /// Runs `cargo ARGS` and reads what it said.
    fn run(&self, args: &[&str]) -> Step {
        let step = format!("cargo {}", args.join(" "));
        let log = self.out.with_extension("cargo.log");
        let output = match File::create(&log).and_then(|file| {
            let mut command = self.command(args);
            command
                .args(["--message-format", "short"])
                .stdout(file.try_clone()?)
                .stderr(file);
            let mut child = command.spawn()?;
            // Killing cargo leaves the rustc it started to finish the one
            // crate it compiles; the next step waits on the target folder's
            // lock until then.
            match child.wait_timeout(self.timeout)? {
                Some(status) => Ok(Some(status)),
                None => {
                    child.kill()?;
                    child.wait()?;
                    Ok(None)
                }
            }
        }) {
            Ok(status) => status,
            Err(error) => {
                return Step::Failed(Result::Failed {
                    step,
                    message: format!("cannot run cargo: {error}"),
                });
            }
        };
        let text = String::from_utf8_lossy(&fs::read(&log).unwrap_or_default()).into_owned();
        let _ = fs::remove_file(&log);
        let Some(status) = output else {
            return Step::Failed(Result::TimedOut { step });
        };
        read_cargo(&step, status.success(), &text)
    }

    /// `cargo clean` of the crate's own package, to keep the shared target
    /// folder to the dependencies.
    fn clean(&self) {
        let Some(package) = package_name(self.out) else {
            return;
        };
        let _ = self
            .command(&["clean", "--quiet", "--package", &package])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A step's outcome from what cargo printed (with `--message-format
/// short`: `src/api.rs:1:2: warning: …`).
fn read_cargo(step: &str, success: bool, text: &str) -> Step {
    let step = step.to_owned();
    if !success {
        // A failing test's own message says more than cargo's summary of it.
        let first = text
            .lines()
            .find(|line| line.contains("panicked") || line.contains("has overflowed its stack"))
            .or_else(|| text.lines().find(|line| line.contains("error")))
            .unwrap_or("cargo failed without an error line");
        return Step::Failed(Result::Failed {
            step,
            message: first.trim().to_owned(),
        });
    }
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(": warning:"))
        .collect();
    if let Some(first) = warnings.first() {
        return Step::Failed(Result::Warned {
            step,
            warnings: warnings.len(),
            first: first.trim().to_owned(),
        });
    }
    let tests = text
        .lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum();
    Step::Passed { tests }
}

/// The package name in the generated `Cargo.toml`: the first `name = "…"`,
/// which the generator writes in `[package]`.
fn package_name(out: &Path) -> Option<String> {
    let manifest = fs::read_to_string(out.join("Cargo.toml")).ok()?;
    manifest.lines().find_map(|line| {
        let value = line.strip_prefix("name = ")?;
        Some(value.trim_matches('"').to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_picks_the_same_specs() {
        let specs: Vec<PathBuf> = (0..50)
            .map(|n| PathBuf::from(format!("{n}.json")))
            .collect();
        let first = pick(&specs, 10, 7);
        assert_eq!(first.len(), 10);
        assert_eq!(pick(&specs, 10, 7), first);
        assert_ne!(pick(&specs, 10, 8), first);
        assert_eq!(pick(&specs, 100, 7).len(), 50);
    }

    #[test]
    fn cargo_output_is_read() {
        let warned = read_cargo(
            "cargo check",
            true,
            "src/runtime/tls.rs:9:5: warning: use of deprecated function\n",
        );
        assert!(matches!(
            warned,
            Step::Failed(Result::Warned { warnings: 1, .. })
        ));
        let failed = read_cargo(
            "cargo test",
            false,
            "thread 'mock::tests::every_sample_decodes' panicked at src/mock.rs:9:5:\nerror: test failed\n",
        );
        assert!(
            matches!(failed, Step::Failed(Result::Failed { ref message, .. }) if message.contains("panicked"))
        );
        let passed = read_cargo(
            "cargo test",
            true,
            "running 1 test\n.\ntest result: ok. 1 passed; 0 failed; 0 ignored\n",
        );
        assert!(matches!(passed, Step::Passed { tests: 1 }));
    }
}
