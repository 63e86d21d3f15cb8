//! The project's own commands, run as `cargo xtask <command>`. Each lives
//! in its own module as `run(args)`, with its clap `Args` beside it:
//!
//! - `regen` ([`regen`]): writes the generated crate from the spec, or with
//!   `--check` says whether the one on disk is what the spec gives now;
//!   either way it reports the changes to the public API ([`changes`]);
//! - `try-specs` ([`try_specs`]): generates, builds and tests a crate from
//!   each spec of a folder;
//! - `sweep` ([`sweep`]): generates every spec of a folder of thousands,
//!   each in a process of its own, and sums up what became of them;
//! - `record` (`record`, behind the `record` feature): captures a live
//!   exchange as a scrubbed recording;
//! - `build-times` ([`build_times`]): times cold builds of an application
//!   using the client against one using progenitor's macro.
//!
//! `cargo xtask` builds only what generation needs. `record` needs an HTTP
//! client and the contract check, which more than double the build: they
//! sit behind the `record` feature, and without it the command runs itself
//! again through `cargo run --features record`.

mod build_times;
mod changes;
#[cfg(feature = "record")]
mod record;
mod regen;
mod surface_cache;
mod sweep;
mod try_specs;
mod workspace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Generation allocates and frees millions of small syntax-tree nodes; see
// `mimalloc` in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Regen(regen::Args),
    /// Generates a crate from every spec (*.json, *.yaml, *.yml) in DIR,
    /// builds it offline with every feature and runs its unit tests: one
    /// line per spec, built, refused (with the generator's message) or
    /// failed to build (with the first compiler error or failed test).
    TrySpecs(try_specs::Args),
    /// Generates every spec in DIR, each by `regen` in a process of its
    /// own, several at once, and writes a summary: generated, refused (by
    /// class) and crashed, and what the generator typed; `--build N` builds
    /// a random sample of the crates against the newest dependencies.
    Sweep(sweep::Args),
    /// Times a cold build of a small application using the checked-in
    /// client against one using progenitor's `generate_api!` macro.
    BuildTimes(build_times::Args),
    /// Records a live exchange into a recording file, scrubbed, and checks
    /// it against the spec.
    #[cfg(feature = "record")]
    Record(record::Args),
    /// Records a live exchange into a recording file, scrubbed, and checks
    /// it against the spec.
    #[cfg(not(feature = "record"))]
    #[command(disable_help_flag = true)]
    Record {
        /// The options, for xtask built with its `record` feature.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<std::ffi::OsString>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Regen(args) => regen::run(args),
        Command::TrySpecs(args) => try_specs::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::BuildTimes(args) => build_times::run(args),
        #[cfg(feature = "record")]
        Command::Record(args) => record::run(args),
        #[cfg(not(feature = "record"))]
        Command::Record { args } => with_feature("record", "record", &args),
    }
}

/// Runs `command` with `args` in xtask built with `feature`, through
/// `cargo run --quiet` (as the `cargo xtask` alias runs xtask itself), and
/// exits as it does. The first run builds what the feature adds, which takes
/// a minute on a cold checkout; later runs only relink. Quiet, so that what
/// the command prints is the command's own lines, as with the feature.
#[cfg(not(feature = "record"))]
fn with_feature(feature: &str, command: &str, args: &[std::ffi::OsString]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = xtask::project_root().join("Cargo.toml");
    let status = std::process::Command::new(&cargo)
        .args([
            "run",
            "--quiet",
            "--package",
            "xtask",
            "--features",
            feature,
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--", command])
        .args(args)
        .status();
    match status {
        Ok(status) => status
            .code()
            .and_then(|code| u8::try_from(code).ok())
            .map_or(ExitCode::FAILURE, ExitCode::from),
        Err(error) => {
            eprintln!(
                "error: cannot run {}: {error}; run `cargo run -p xtask --features {feature} -- \
                 {command} …` yourself",
                std::path::Path::new(&cargo).display()
            );
            ExitCode::FAILURE
        }
    }
}
