//! `cargo xtask regen`: writes the generated crate, or with `--check`
//! says whether the one on disk is what the spec gives now.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use similar::TextDiff;

use xtask::{DEFAULT_SPEC, project_root};

use crate::{UNREADABLE_SPEC, changes, workspace};

/// The folder `regen` writes unless told otherwise, relative to the
/// project's root.
const DEFAULT_OUT: &str = "generated-client";

/// How many lines of diff `--check` shows per stale file.
const DIFF_LINES: usize = 40;

/// The options of `cargo xtask regen`.
#[derive(clap::Args)]
pub struct Args {
    /// The OpenAPI 3.0 spec (YAML or JSON).
    #[arg(long, value_name = "FILE", default_value_os_t = project_root().join(DEFAULT_SPEC))]
    spec: PathBuf,
    /// The folder of the generated crate.
    #[arg(long, value_name = "DIR", default_value_os_t = project_root().join(DEFAULT_OUT))]
    out: PathBuf,
    /// Write nothing; fail and show the difference if the crate in DIR
    /// is not what the spec generates now.
    #[arg(long)]
    check: bool,
    /// The package name, instead of the spec's `x-rust-client.crate`
    /// or the kebab-case of its title.
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// The git revision of the spec to report changes since (default:
    /// the newest committed one with another version, else HEAD's).
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Print how long each stage of generation took on each thread, wall
    /// and CPU time.
    #[arg(long)]
    timings: bool,
    /// Also write what the crate does not type, as JSON, into FILE: the
    /// counts of the closing `typed:` line and each schema, operation part
    /// or operation stepped down, with its pointer and reason (see
    /// `generator::Degradation::to_json`). Written only when the spec
    /// generates.
    #[arg(long, value_name = "FILE")]
    summary_json: Option<PathBuf>,
}

/// Runs `regen` and reports the outcome: success, stale files, or the
/// generator's error, one `error: ` line per problem.
pub fn run(args: Args) -> ExitCode {
    let Args {
        spec,
        out,
        check,
        crate_name,
        since,
        timings,
        summary_json,
    } = args;
    let (spec, out) = (spec.as_path(), out.as_path());
    if let Some(file) = file_in_the_way(out) {
        eprintln!(
            "error: {}: is a file, not a folder; --out names the folder the crate goes in \
             (created if missing)",
            shown(&file)
        );
        return ExitCode::FAILURE;
    }
    let summary = summary_json.as_deref();
    match regen(
        spec,
        out,
        check,
        crate_name,
        since.as_deref(),
        timings,
        summary,
    ) {
        Ok(code) => code,
        Err(error) => {
            print_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// The error, one `error: ` line per problem.
fn print_error(error: &generator::Error) {
    if let generator::Error::ReadSpec { .. } = error {
        eprintln!("error: {error}; {UNREADABLE_SPEC}");
        return;
    }
    for line in error.to_string().lines() {
        eprintln!("error: {line}");
    }
    if let generator::Error::Invalid { problems, .. } = error
        && problems.len() > 1
    {
        eprintln!(
            "error: {} problems in the spec; nothing was written",
            problems.len()
        );
    }
}

/// Generates, reports, and writes or checks; then says how much of the spec
/// the crate types, in its last line.
fn regen(
    spec: &Path,
    out: &Path,
    check: bool,
    crate_name: Option<String>,
    since: Option<&str>,
    timings: bool,
    summary_json: Option<&Path>,
) -> Result<ExitCode, generator::Error> {
    // Looked up first: without a history there is no report, and the
    // generator need not read the crate's public API.
    let history = changes::History::find(spec, since);
    let settings = generator::Settings {
        crate_name,
        // Inside the project's workspace, a crate is one of its members or
        // must be a workspace of its own; outside it, it is always its own.
        standalone: !inside_project(out)
            .is_some_and(|relative| workspace::is_member(&project_root(), &relative)),
        time_positions: timings,
        public_api: history.is_ok(),
        ..generator::Settings::new(spec, label(spec))
    };
    let generator::Generated {
        files,
        timings: stages,
        api,
    } = generator::generate(&settings)?;
    for warning in files.warnings() {
        eprintln!("warning: {warning}");
    }
    if timings {
        eprintln!("{stages}");
    }
    if let Some(path) = summary_json {
        let json = files.degradation().to_json();
        generator::for_tools::write_file(path, &json).map_err(|source| {
            generator::Error::Output {
                path: path.to_owned(),
                source,
            }
        })?;
    }
    let review = changes::review(&settings, history, api, out);
    let code = write_or_check(&settings, out, check, review, &files)?;
    // The closing line, after whatever the outcome printed.
    println!("{}", files.degradation());
    Ok(code)
}

/// Writes the crate into `out`, or with `check` says whether it is there
/// already, after the change report's `review`.
fn write_or_check(
    settings: &generator::Settings,
    out: &Path,
    check: bool,
    review: changes::Review,
    files: &generator::CrateFiles,
) -> Result<ExitCode, generator::Error> {
    let shown_out = shown(out);
    if let Some(problem) = &review.problem {
        eprintln!("error: {problem}");
        eprintln!("error: the version is too low for these changes; nothing was written");
        return Ok(ExitCode::FAILURE);
    }
    let changelog = out.join(changes::CHANGELOG);
    let changelog_stale = review
        .changelog
        .as_ref()
        .filter(|text| std::fs::read_to_string(&changelog).ok().as_ref() != Some(*text));
    if !check {
        let changed = files.write_into(out)?;
        if let Some(text) = changelog_stale {
            generator::for_tools::write_file(&changelog, text).map_err(|source| {
                generator::Error::Output {
                    path: changelog.clone(),
                    source,
                }
            })?;
            println!("{shown_out}: wrote {}", changes::CHANGELOG);
        }
        let count = files.iter().count();
        match changed.written.len() {
            0 => println!("{shown_out}: all {count} generated files already up to date"),
            n => {
                println!("{shown_out}: wrote {n} of {count} generated files:");
                for path in changed.written {
                    println!("  {}", path.display());
                }
            }
        }
        for path in changed.removed {
            println!(
                "{shown_out}: removed {}, which the spec no longer generates",
                path.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }

    let stale = files.stale_in(out)?;
    let orphans = files.orphans_in(out)?;
    for path in &orphans {
        eprintln!(
            "stale: {shown_out}/{} is generated, but the spec no longer generates it",
            path.display()
        );
    }
    if changelog_stale.is_some() {
        eprintln!(
            "stale: {shown_out}/{} lacks the entry regen writes from the change report",
            changes::CHANGELOG
        );
    }
    if stale.is_empty() && orphans.is_empty() && changelog_stale.is_none() {
        println!("{shown_out}: up to date with {}", settings.spec_label);
        return Ok(ExitCode::SUCCESS);
    }
    for file in &stale {
        let path = file.path.display();
        match &file.actual {
            None => eprintln!("stale: {shown_out}/{path} is missing"),
            Some(actual) => {
                eprintln!("stale: {shown_out}/{path} differs from what the spec generates:");
                let diff = TextDiff::from_lines(actual.as_str(), file.expected.as_str())
                    .unified_diff()
                    .context_radius(2)
                    .header("on disk", "generated")
                    .to_string();
                let lines: Vec<&str> = diff.lines().collect();
                for line in lines.iter().take(DIFF_LINES) {
                    eprintln!("    {line}");
                }
                if lines.len() > DIFF_LINES {
                    eprintln!("    … {} more diff lines", lines.len() - DIFF_LINES);
                }
            }
        }
    }
    eprintln!(
        "{} generated file(s) out of date: run `cargo xtask regen` and commit the result",
        stale.len() + orphans.len() + usize::from(changelog_stale.is_some())
    );
    Ok(ExitCode::FAILURE)
}

/// The file that stands where the output folder, or one of the folders
/// above it, should be: the nearest of them that exists, if it is not a
/// folder.
fn file_in_the_way(out: &Path) -> Option<PathBuf> {
    let existing = out.ancestors().find(|path| path.exists())?;
    (!existing.is_dir()).then(|| existing.to_owned())
}

/// `path` relative to the project's root, if it lies inside it: the same on
/// every checkout and from every working directory.
fn inside_project(path: &Path) -> Option<PathBuf> {
    let full = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    full.strip_prefix(project_root()).ok().map(Path::to_owned)
}

/// The spec as generated files name it: inside the project, its relative
/// path; outside, its file name, so that the output never depends on where
/// the spec sits on one machine.
fn label(spec: &Path) -> String {
    let shown = inside_project(spec)
        .or_else(|| spec.file_name().map(PathBuf::from))
        .unwrap_or_else(|| spec.to_owned());
    shown.to_string_lossy().replace('\\', "/")
}

/// The output folder as messages name it: relative to the project's root
/// when it lies inside it, else as the user gave it.
fn shown(out: &Path) -> String {
    inside_project(out)
        .unwrap_or_else(|| out.to_owned())
        .display()
        .to_string()
}
