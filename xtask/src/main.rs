//! The project's own commands, run as `cargo xtask <command>`.
//!
//! `regen` is a thin command line over the `generator` library: it picks the
//! paths, then either writes the generated crate or checks that the one on
//! disk is what the spec gives now. `try-specs` ([`try_specs`]) generates and
//! builds a crate from each spec of a folder, `record` ([`record`]) captures
//! a live exchange as a scrubbed recording, and `build-times`
//! ([`build_times`]) times cold builds of the client against progenitor's
//! macro.

mod build_times;
mod record;
mod try_specs;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use similar::TextDiff;

/// The spec and the output folder `regen` uses unless told otherwise,
/// relative to the project's root.
const DEFAULT_SPEC: &str = "spec/beltic-identity.yaml";
const DEFAULT_OUT: &str = "generated-client";

/// How many lines of diff `--check` shows per stale file.
const DIFF_LINES: usize = 40;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "The project's own commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generates the client crate from the OpenAPI spec.
    Regen {
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
    },
    /// Generates a crate from every spec (*.json, *.yaml, *.yml) in DIR and
    /// builds it offline: one line per spec, built, refused (with the
    /// generator's message) or failed to build (with the first compiler
    /// error).
    TrySpecs {
        /// The folder of specs.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Times a cold build of a small application using the checked-in
    /// client against one using progenitor's `generate_api!` macro.
    BuildTimes(build_times::Options),
    /// Records a live exchange into a recording file, scrubbed, and checks
    /// it against the spec.
    Record(record::Args),
}

fn main() -> ExitCode {
    let (spec, out, check, crate_name) = match Cli::parse().command {
        Command::Regen {
            spec,
            out,
            check,
            crate_name,
        } => (spec, out, check, crate_name),
        Command::TrySpecs { dir } => return try_specs::run(&dir, &project_root()),
        Command::Record(args) => return record::main(args),
        Command::BuildTimes(options) => return build_times::command(&project_root(), &options),
    };
    match regen(&spec, &out, check, crate_name) {
        Ok(code) => code,
        Err(error) => {
            print_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// The error, one `error: ` line per problem.
fn print_error(error: &generator::Error) {
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

fn regen(
    spec: &Path,
    out: &Path,
    check: bool,
    crate_name: Option<String>,
) -> Result<ExitCode, generator::Error> {
    let options = generator::Options {
        crate_name,
        // Inside the project's workspace, a crate is one of its members or
        // must be a workspace of its own; outside it, it is always its own.
        standalone: !inside_project(out)
            .is_some_and(|relative| workspace::is_member(&project_root(), &relative)),
    };
    let files = generator::generate_with(spec, &label(spec), &options)?;
    for warning in files.warnings() {
        eprintln!("warning: {warning}");
    }
    let shown_out = shown(out);
    if !check {
        let changed = files.write_into(out)?;
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
    if stale.is_empty() && orphans.is_empty() {
        println!("{shown_out}: up to date with {}", label(spec));
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
        stale.len() + orphans.len()
    );
    Ok(ExitCode::FAILURE)
}

/// The project's root: xtask always runs from its own source tree.
fn project_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the project");
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned())
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
