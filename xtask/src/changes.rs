//! What `cargo xtask regen` tells the crate's users: the change report
//! between the crate the spec generates now and the one an earlier
//! revision of the spec generated, the version rule, and the crate's
//! `CHANGELOG.md`.
//!
//! The earlier revision comes from git. By default it is the newest
//! committed revision of the spec whose `x-rust-client.version` differs
//! from the one being generated (the previous version), or HEAD's when
//! every revision has the same version; `--since REV` names one instead.
//! Measuring from the previous version, rather than from HEAD alone, keeps
//! the check meaningful after the commit too, so `regen --check` in CI sees
//! what a version bump must cover.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::report::{self, CrateApi, changelog, version};
use generator::{CrateFiles, Settings};

/// How many commits of the spec's history are looked through for the
/// previous version.
const HISTORY_LIMIT: &str = "500";

/// The changelog's file name, in the generated crate's folder.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// The outcome of comparing with the earlier revision.
pub struct Review {
    /// The version does not fit the changes: what to set, and why.
    pub problem: Option<String>,
    /// The changelog as regen writes it, when it has an entry to write.
    pub changelog: Option<String>,
}

/// Compares `files`, generated with `settings`, with what the earlier
/// revision of their spec generates, prints the report, and checks the
/// version. A
/// baseline that cannot be had (no git, spec not committed, an old spec
/// that no longer generates) is said on stderr and skips the report.
pub fn review(
    settings: &Settings,
    since: Option<&str>,
    files: &CrateFiles,
    out: &Path,
) -> Result<Review, generator::Error> {
    let (spec, spec_label) = (settings.spec_path.as_path(), settings.spec_label.as_str());
    let none = Review {
        problem: None,
        changelog: None,
    };
    // The history is looked up first: without one there is no report, and
    // the new side, which reads the spec again and parses every generated
    // file, is not needed.
    let history = match History::find(spec, since) {
        Ok(history) => history,
        Err(why) => {
            eprintln!("note: no change report: {why}");
            return Ok(none);
        }
    };
    let new = CrateApi::of(files, settings)?;
    let baseline = match history.baseline(&new.version) {
        Ok(baseline) => baseline,
        Err(why) => {
            eprintln!("note: no change report: {why}");
            return Ok(none);
        }
    };
    let old = match baseline.api(settings) {
        Ok(old) => old,
        Err(error) => {
            let first = error.to_string();
            let first = first.lines().next().unwrap_or_default();
            eprintln!(
                "note: no change report: the spec at {} does not generate: {first}",
                baseline.revision
            );
            return Ok(none);
        }
    };
    let changes = report::compare(&old, &new);
    let since_text = format!("{} (version {})", baseline.revision, old.version);
    if changes.is_empty() {
        println!("no change to the public API since {since_text}");
    } else {
        println!("changes to the public API since {since_text}:");
        for change in &changes {
            println!("  {change}");
        }
    }

    let problem = match (
        semver::Version::parse(&old.version),
        semver::Version::parse(&new.version),
    ) {
        (Ok(old_version), Ok(new_version)) => version::check(&old_version, &new_version, &changes)
            .err()
            .map(|problem| {
                format!(
                    "{spec_label}: {}: set `x-rust-client.version` to {} (or higher); it says {}",
                    problem.reason, problem.needed, new.version
                )
            }),
        _ => {
            eprintln!(
                "note: the version is not checked: {} at {} is not a SemVer version",
                old.version, baseline.revision
            );
            None
        }
    };
    let path = out.join(CHANGELOG);
    let existing = fs::read_to_string(&path).ok();
    let changelog = (existing.is_some() || !changes.is_empty())
        .then(|| changelog::update(existing.as_deref(), &new.version, &changes));
    Ok(Review { problem, changelog })
}

/// An earlier revision of the spec, from git.
struct Baseline {
    /// How messages name it: an abbreviated commit hash.
    revision: String,
    /// The spec's text at that revision.
    text: String,
    /// The spec's file name, whose extension says YAML or JSON.
    file_name: PathBuf,
}

/// Where the earlier revision is looked for: the revision `--since` names,
/// or the spec's committed revisions, newest first.
enum History {
    /// The revision `--since` named.
    Named(Baseline),
    /// The commits that changed the spec, newest first (at least one).
    Commits {
        top: PathBuf,
        relative: String,
        file_name: PathBuf,
        commits: Vec<String>,
    },
}

impl History {
    fn find(spec: &Path, since: Option<&str>) -> Result<History, String> {
        let dir = spec
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let top = git(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|e| format!("{} is not in a git repository ({e})", spec.display()))?;
        let top = PathBuf::from(top.trim());
        let full = fs::canonicalize(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let top = fs::canonicalize(&top).unwrap_or(top);
        let relative = full
            .strip_prefix(&top)
            .map_err(|_| format!("{} is outside its git repository", spec.display()))?
            .to_string_lossy()
            .replace('\\', "/");
        let file_name = PathBuf::from(spec.file_name().unwrap_or_default());

        if let Some(revision) = since {
            let text = show(&top, revision, &relative)
                .map_err(|_| format!("{relative} does not exist at revision `{revision}`"))?;
            return Ok(History::Named(Baseline {
                revision: short(&top, revision).unwrap_or_else(|_| revision.to_owned()),
                text,
                file_name,
            }));
        }
        let log = git(
            &top,
            &[
                "log",
                "--format=%H",
                "--max-count",
                HISTORY_LIMIT,
                "HEAD",
                "--",
                &relative,
            ],
        )
        .map_err(|e| format!("cannot read the history of {relative} ({e})"))?;
        let commits: Vec<String> = log.lines().map(str::to_owned).collect();
        if commits.is_empty() {
            return Err(format!(
                "{relative} is not committed yet, so there is nothing to compare with"
            ));
        }
        Ok(History::Commits {
            top,
            relative,
            file_name,
            commits,
        })
    }

    /// The newest revision whose version differs from `version`, the
    /// version being generated, else the newest.
    fn baseline(self, version: &str) -> Result<Baseline, String> {
        let (top, relative, file_name, commits) = match self {
            History::Named(baseline) => return Ok(baseline),
            History::Commits {
                top,
                relative,
                file_name,
                commits,
            } => (top, relative, file_name, commits),
        };
        for commit in &commits {
            let text =
                show(&top, commit, &relative).map_err(|e| format!("git show {commit}: {e}"))?;
            if report::spec_version(&text).as_deref() != Some(version) {
                return Ok(Baseline {
                    revision: short(&top, commit)?,
                    text,
                    file_name,
                });
            }
        }
        // Every revision has this version: it was released as committed.
        let newest = &commits[0];
        Ok(Baseline {
            revision: short(&top, newest)?,
            text: show(&top, newest, &relative)?,
            file_name,
        })
    }
}

/// The spec's text at `commit`.
fn show(top: &Path, commit: &str, relative: &str) -> Result<String, String> {
    git(top, &["show", &format!("{commit}:{relative}")])
}

/// The abbreviated hash of `commit`.
fn short(top: &Path, commit: &str) -> Result<String, String> {
    git(top, &["rev-parse", "--short", commit]).map(|s| s.trim().to_owned())
}

impl Baseline {
    /// Generates the crate of this revision in memory and reads its API.
    fn api(&self, settings: &Settings) -> Result<CrateApi, generator::Error> {
        let dir = std::env::temp_dir().join(format!(
            "xtask-regen-baseline-{}-{}",
            std::process::id(),
            self.revision
        ));
        let path = dir.join(&self.file_name);
        let written = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &self.text));
        if let Err(source) = written {
            return Err(generator::Error::Output { path, source });
        }
        let api = CrateApi::generate(&path, settings);
        let _ = fs::remove_dir_all(&dir);
        api
    }
}

/// Runs git in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().next().unwrap_or("git failed").to_owned());
    }
    String::from_utf8(output.stdout).map_err(|_| "git printed invalid UTF-8".to_owned())
}
