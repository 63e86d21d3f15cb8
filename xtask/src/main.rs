//! The project's own commands, run as `cargo xtask <command>`, each in its
//! own module:
//!
//! - `regen` ([`regen`]): writes the generated crate from the spec, or with
//!   `--check` says whether the one on disk is what the spec gives now;
//!   either way it reports the changes to the public API ([`changes`]);
//! - `try-specs` ([`try_specs`]): generates, builds and tests a crate from
//!   each spec of a folder;
//! - `record` ([`record`]): captures a live exchange as a scrubbed recording;
//! - `build-times` ([`build_times`]): times cold builds of an application
//!   using the client against one using progenitor's macro.

mod build_times;
mod changes;
mod record;
mod regen;
mod try_specs;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The spec and the output folder `regen` uses unless told otherwise,
/// relative to the project's root.
const DEFAULT_SPEC: &str = "spec/beltic-identity.yaml";
const DEFAULT_OUT: &str = "generated-client";

/// What to do when the spec cannot be read, said after the reason.
const UNREADABLE_SPEC: &str = "pass --spec with the path of an OpenAPI 3.0 file (YAML or JSON)";

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
        /// The git revision of the spec to report changes since (default:
        /// the newest committed one with another version, else HEAD's).
        #[arg(long, value_name = "REV")]
        since: Option<String>,
    },
    /// Generates a crate from every spec (*.json, *.yaml, *.yml) in DIR,
    /// builds it offline with every feature and runs its unit tests: one
    /// line per spec, built, refused (with the generator's message) or
    /// failed to build (with the first compiler error or failed test).
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
    let (spec, out, check, crate_name, since) = match Cli::parse().command {
        Command::Regen {
            spec,
            out,
            check,
            crate_name,
            since,
        } => (spec, out, check, crate_name, since),
        Command::TrySpecs { dir } => return try_specs::run(&dir, &project_root()),
        Command::Record(args) => return record::main(args),
        Command::BuildTimes(options) => return build_times::command(&project_root(), &options),
    };
    regen::run(&spec, &out, check, crate_name, since)
}

/// The project's root: xtask always runs from its own source tree.
pub(crate) fn project_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the project");
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned())
}
