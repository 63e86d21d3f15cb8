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

use generator::Settings;
use generator::report::pointers::Pointers;
use generator::report::{self, CrateApi, changelog, version};

use crate::surface_cache::Cache;

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

/// Compares `new`, the public API of the crate generated with `settings`,
/// with the API of the earlier revision of the spec `history` finds,
/// prints the report, and checks the version. A baseline that cannot be
/// had (no git, spec not committed, an old spec that no longer generates)
/// is said on stderr and skips the report; so is a history that could not
/// be found (`Err`, why), for which `new` need not have been read.
pub fn review(
    settings: &Settings,
    history: Result<History, String>,
    new: Option<CrateApi>,
    out: &Path,
) -> Review {
    let spec_label = settings.spec_label.as_str();
    let none = Review {
        problem: None,
        changelog: None,
    };
    let (history, new) = match (history, new) {
        (Ok(history), Some(new)) => (history, new),
        (Err(why), _) => {
            eprintln!("note: no change report: {why}");
            return none;
        }
        (Ok(_), None) => unreachable!("regen reads the API when the spec has a history"),
    };
    let cache = Cache::open(settings.crate_name.as_deref());
    // Kept for when this content is the earlier revision: the next commit's.
    let current = blob_of(&settings.spec_path);
    if let Some(blob) = &current
        && !cache.has(blob)
    {
        cache.put(blob, &new.version, &new.surface);
    }
    let baseline = match history.baseline(&new.version) {
        Ok(baseline) => baseline,
        Err(why) => {
            eprintln!("note: no change report: {why}");
            return none;
        }
    };
    let old = match baseline.api(settings, &new, current.as_deref(), &cache) {
        Ok(old) => old,
        Err(error) => {
            let first = error.to_string();
            let first = first.lines().next().unwrap_or_default();
            eprintln!(
                "note: no change report: the spec at {} does not generate: {first}",
                baseline.revision
            );
            return none;
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
    Review { problem, changelog }
}

/// An earlier revision of the spec, from git.
pub struct Baseline {
    /// How messages name it: an abbreviated commit hash.
    revision: String,
    /// The spec there: its blob id, and where to read it.
    spec: Revision,
}

/// The spec at one commit.
#[derive(Clone)]
struct Revision {
    /// Its git blob id, which names its content.
    blob: String,
    /// The repository's top folder.
    top: PathBuf,
    /// The commit (or the revision `--since` named).
    commit: String,
    /// The spec's path from `top`.
    relative: String,
    /// The spec's file name, whose extension says YAML or JSON.
    file_name: PathBuf,
}

/// Where the earlier revision is looked for: the revision `--since` names,
/// or the spec's committed revisions, newest first.
pub enum History {
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
    /// The spec's history in git; `Err` says why there is none. Cheap: no
    /// revision is read yet.
    pub fn find(spec: &Path, since: Option<&str>) -> Result<History, String> {
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
            let spec = Revision::at(&top, revision, &relative, file_name)
                .map_err(|_| format!("{relative} does not exist at revision `{revision}`"))?;
            return Ok(History::Named(Baseline {
                revision: short(&top, revision).unwrap_or_else(|_| revision.to_owned()),
                spec,
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
    /// version being generated, else the newest. A revision's version comes
    /// from the cache when it has the revision, else from its text.
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
        let at = |commit: &str| {
            Revision::at(&top, commit, &relative, file_name.clone())
                .map_err(|e| format!("git show {commit}: {e}"))
        };
        for commit in &commits {
            let spec = at(commit)?;
            // Read from the revision's own text: a cached entry's version
            // was wrong once (xtask/tests/robustness.rs found it) and the
            // JSON path reads only the extension.
            let theirs = report::spec_version(&spec.text()?);
            if theirs.as_deref() != Some(version) {
                return Ok(Baseline {
                    revision: short(&top, commit)?,
                    spec,
                });
            }
        }
        // Every revision has this version: it was released as committed.
        let newest = &commits[0];
        Ok(Baseline {
            revision: short(&top, newest)?,
            spec: at(newest)?,
        })
    }
}

impl Revision {
    /// The spec at `commit`, if it is there.
    fn at(
        top: &Path,
        commit: &str,
        relative: &str,
        file_name: PathBuf,
    ) -> Result<Revision, String> {
        let object = format!("{commit}:{relative}");
        let blob = match git(top, &["rev-parse", "--verify", "--quiet", &object]) {
            Ok(blob) => blob.trim().to_owned(),
            // `git show` says best why it is not there.
            Err(_) => return Err(show(top, commit, relative).err().unwrap_or_default()),
        };
        Ok(Revision {
            blob,
            top: top.to_owned(),
            commit: commit.to_owned(),
            relative: relative.to_owned(),
            file_name,
        })
    }

    /// The spec's text at this revision.
    fn text(&self) -> Result<String, String> {
        show(&self.top, &self.commit, &self.relative)
    }

    /// The spec of this revision as the generator reads it, from a copy in
    /// a temporary folder: what `read` makes of its path.
    fn read<T>(
        &self,
        read: impl FnOnce(&Path) -> Result<T, generator::Error>,
    ) -> Result<T, generator::Error> {
        let dir = std::env::temp_dir().join(format!(
            "xtask-regen-baseline-{}-{}",
            std::process::id(),
            self.blob
        ));
        let path = dir.join(&self.file_name);
        let output = |source| generator::Error::Output {
            path: path.clone(),
            source,
        };
        let text = self.text().map_err(|e| output(std::io::Error::other(e)))?;
        fs::create_dir_all(&dir)
            .and_then(|()| fs::write(&path, text))
            .map_err(output)?;
        let read = read(&path);
        let _ = fs::remove_dir_all(&dir);
        read
    }
}

/// The spec's text at `commit`.
fn show(top: &Path, commit: &str, relative: &str) -> Result<String, String> {
    git(top, &["show", &format!("{commit}:{relative}")])
}

/// The git blob id of the file at `path`: what names its content in git.
fn blob_of(path: &Path) -> Option<String> {
    let path = fs::canonicalize(path).ok()?;
    let dir = path.parent()?;
    let blob = git(dir, &["hash-object", "--", &path.to_string_lossy()]).ok()?;
    Some(blob.trim().to_owned())
}

/// The abbreviated hash of `commit`.
fn short(top: &Path, commit: &str) -> Result<String, String> {
    git(top, &["rev-parse", "--short", commit]).map(|s| s.trim().to_owned())
}

impl Baseline {
    /// The API of this revision's crate: the current one's when the spec
    /// (`current`, its blob id) has not changed since, else the cache's,
    /// else generated (and then kept in the cache).
    fn api(
        &self,
        settings: &Settings,
        new: &CrateApi,
        current: Option<&str>,
        cache: &Cache,
    ) -> Result<CrateApi, generator::Error> {
        let spec = &self.spec;
        if current == Some(spec.blob.as_str()) {
            // The same spec makes the same crate: there is nothing to
            // report, and no pointer is asked for.
            return Ok(CrateApi {
                surface: new.surface.clone(),
                pointers: Pointers::default(),
                version: new.version.clone(),
            });
        }
        if let Some((version, surface)) = cache.get(&spec.blob) {
            // Pointers are asked for only of what the report lists as
            // removed: the spec is read for them then, if ever.
            let later = spec.clone();
            let crate_name = settings.crate_name.clone();
            let pointers = Pointers::read_later(move || {
                later
                    .read(|path| report::read_spec(path, crate_name.as_deref()))
                    .ok()
            });
            return Ok(CrateApi {
                surface,
                pointers,
                version,
            });
        }
        let api = spec.read(|path| CrateApi::generate(path, settings))?;
        cache.put(&spec.blob, &api.version, &api.surface);
        Ok(api)
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
