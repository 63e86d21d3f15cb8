//! `cargo xtask build-times`: how long a small application takes to build
//! from cold with the checked-in client, against the same application with
//! progenitor's `generate_api!` macro generating the client while it builds.
//!
//! Each application is a standalone Cargo project in a temporary folder.
//! Dependencies are fetched before the clock starts, both projects start from
//! the workspace's `Cargo.lock` so that the crates they share are the same
//! versions, and each build gets a fresh target folder: what is timed is
//! compiling, nothing else. Runs alternate between the two so that a change
//! in the machine's load falls on both.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// The progenitor release the generator uses; the macro must be the same.
const PROGENITOR: &str = "=0.15.1";

/// What both applications do: fetch one session and print its status. Only
/// how the client comes to exist differs.
const MAIN_CHECKED_IN: &str = r#"//! Fetches one session through the checked-in client.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id: uuid::Uuid = std::env::args().nth(1).ok_or("usage: <session id>")?.parse()?;
    let client = beltic_identity::Client::from_env()?;
    let session = client.get_session(&id).await?;
    println!("{}", session.data.attributes.status);
    Ok(())
}
"#;

const MAIN_MACRO: &str = r#"//! Fetches one session through a client progenitor's macro generates.

progenitor::generate_api!("beltic-identity.yaml");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id: uuid::Uuid = std::env::args().nth(1).ok_or("usage: <session id>")?.parse()?;
    // TLS on ring, as the checked-in client has it (reqwest without a provider).
    rustls::crypto::ring::default_provider()
        .install_default()
        .map_err(|_| "a TLS provider is already installed")?;
    // The macro does not read the spec's security scheme: the key is set by hand.
    let mut key = reqwest::header::HeaderValue::from_str(&std::env::var("BELTIC_API_KEY")?)?;
    key.set_sensitive(true);
    let headers = reqwest::header::HeaderMap::from_iter([(
        reqwest::header::HeaderName::from_static("x-api-key"),
        key,
    )]);
    let http = reqwest::Client::builder().default_headers(headers).build()?;
    let client = Client::new_with_client("https://api.beltic.com", http);
    let session = client.get_session(&id).await?;
    println!("{}", session.data.attributes.status);
    Ok(())
}
"#;

/// The two applications, in the order the report shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Depends on `generated-client/` by path.
    CheckedIn,
    /// Runs `generate_api!` on the project's spec.
    Macro,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::CheckedIn, Variant::Macro];

    fn name(self) -> &'static str {
        match self {
            Variant::CheckedIn => "checked-in client",
            Variant::Macro => "generate_api! macro",
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Variant::CheckedIn => "checked-in",
            Variant::Macro => "macro",
        }
    }

    /// The `[dependencies]` table. The macro's output needs what the
    /// checked-in client depends on, with the same TLS (reqwest's rustls
    /// without its aws-lc-rs provider, and rustls on ring), plus progenitor
    /// itself and `futures`: the two differ in how the client comes to be,
    /// not in what it is built on.
    fn dependencies(self, root: &Path) -> String {
        let common = concat!(
            "tokio = { version = \"1.47\", features = [\"macros\", \"rt-multi-thread\"] }\n",
            "uuid = { version = \"1.18\", features = [\"serde\"] }\n",
        );
        match self {
            Variant::CheckedIn => format!(
                "beltic-identity = {{ path = {} }}\n{common}",
                toml_string(&root.join("generated-client").to_string_lossy())
            ),
            Variant::Macro => format!(
                concat!(
                    "chrono = {{ version = \"0.4.42\", default-features = false, features = [\"serde\", \"std\"] }}\n",
                    "futures = \"0.3\"\n",
                    "progenitor = \"{progenitor}\"\n",
                    "progenitor-client = \"{progenitor}\"\n",
                    "reqwest = {{ version = \"0.13.5\", default-features = false, features = [\"json\", \"query\", \"rustls-no-provider\", \"stream\"] }}\n",
                    "rustls = {{ version = \"0.23.27\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }}\n",
                    "serde = {{ version = \"1.0.226\", features = [\"derive\"] }}\n",
                    "serde_json = \"1.0.150\"\n",
                    "{common}",
                ),
                progenitor = PROGENITOR,
                common = common,
            ),
        }
    }
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes both applications under `dir` and returns their folders, in the
/// order of [`Variant::ALL`]. `root` is the project's root.
pub fn write_projects(dir: &Path, root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut folders = Vec::new();
    for variant in Variant::ALL {
        let folder = dir.join(variant.folder());
        std::fs::create_dir_all(folder.join("src"))?;
        let manifest = format!(
            concat!(
                "[package]\n",
                "name = \"build-time-{}\"\n",
                "version = \"0.0.0\"\n",
                "edition = \"2024\"\n",
                "publish = false\n\n",
                "[dependencies]\n{}\n",
                // Standalone: never taken for a member of an enclosing workspace.
                "[workspace]\n",
            ),
            variant.folder(),
            variant.dependencies(root),
        );
        std::fs::write(folder.join("Cargo.toml"), manifest)?;
        let main = match variant {
            Variant::CheckedIn => MAIN_CHECKED_IN,
            Variant::Macro => {
                std::fs::copy(
                    root.join("spec/beltic-identity.yaml"),
                    folder.join("beltic-identity.yaml"),
                )?;
                MAIN_MACRO
            }
        };
        std::fs::write(folder.join("src/main.rs"), main)?;
        // Same versions of the crates both share as the workspace builds
        // with; cargo adds what is missing (progenitor's macro) and drops
        // the rest.
        std::fs::copy(root.join("Cargo.lock"), folder.join("Cargo.lock"))?;
        folders.push(folder);
    }
    Ok(folders)
}

/// The command line of `build-times`.
#[derive(clap::Args)]
pub struct Args {
    /// Builds of each application, alternating; the report shows medians.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    runs: u16,
    /// Build with the release profile instead of the dev profile.
    #[arg(long)]
    release: bool,
    /// Keep the temporary projects (not the target folders) to look at.
    #[arg(long)]
    keep: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    match measure_both(&xtask::project_root(), &args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Measures both builds and prints each one's times, medians and the ratio.
fn measure_both(root: &Path, options: &Args) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("beltic-build-times-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folders = write_projects(&dir, root)
        .map_err(|e| format!("cannot write the projects in {}: {e}", dir.display()))?;
    let result = measure(&dir, &folders, options);
    if options.keep {
        println!("projects kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn measure(dir: &Path, folders: &[PathBuf], options: &Args) -> Result<(), String> {
    let profile = if options.release { "release" } else { "dev" };
    for folder in folders {
        println!("fetching dependencies of {}", folder.display());
        fetch(folder)?;
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); folders.len()];
    for run in 1..=options.runs {
        for ((variant, folder), times) in Variant::ALL.iter().zip(folders).zip(&mut times) {
            let target = dir.join(format!("target-{}-{run}", variant.folder()));
            let mut args = vec!["build", "--offline", "--quiet"];
            if options.release {
                args.push("--release");
            }
            let started = Instant::now();
            cargo(folder, &args, Some(&target))?;
            let took = started.elapsed();
            // Cold means cold: nothing of this build may help the next one.
            let _ = std::fs::remove_dir_all(&target);
            println!(
                "run {run}/{}: {:<20} {:>7.1} s",
                options.runs,
                variant.name(),
                took.as_secs_f64()
            );
            times.push(took);
        }
    }

    let medians: Vec<Duration> = times.iter().map(|t| median(t)).collect();
    println!(
        "\ncold `cargo build` ({profile} profile), median of {} run(s):",
        options.runs
    );
    for (variant, median) in Variant::ALL.iter().zip(&medians) {
        println!(
            "  {:<20} {:>7.1} s  {:>5.2}x",
            variant.name(),
            median.as_secs_f64(),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
    Ok(())
}

/// The median; of an even count, the mean of the middle two.
fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let middle = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2
    } else {
        sorted[middle]
    }
}

/// `cargo fetch` in `folder`. Cargo's own report of a failure is a dozen
/// lines of "Caused by"; the last one says why (no network, most often),
/// and is all that is shown.
fn fetch(folder: &Path) -> Result<(), String> {
    let output = cargo_command()
        .args(["fetch", "--quiet"])
        .current_dir(folder)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let reason = stderr
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty())
        .map_or("cargo gave no reason", |line| {
            line.trim_start_matches("error: ")
        });
    Err(format!(
        "`cargo fetch` failed in {}: {reason}; the first run downloads the dependencies from \
         crates.io (later runs use cargo's cache): check the network and run it again",
        folder.display()
    ))
}

/// Cargo, as the one running xtask.
fn cargo_command() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs cargo in `folder`, with its own target folder if `target` is given.
fn cargo(folder: &Path, args: &[&str], target: Option<&Path>) -> Result<(), String> {
    let mut command = cargo_command();
    command.args(args).current_dir(folder);
    // A compiler cache would turn a cold build into a warm one.
    command.env_remove("RUSTC_WRAPPER");
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed in {} ({status})",
            args.join(" "),
            folder.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let s = Duration::from_secs;
        assert_eq!(median(&[s(3), s(1), s(2)]), s(2));
        assert_eq!(
            median(&[s(4), s(1), s(2), s(3)]),
            Duration::from_millis(2500)
        );
    }

    /// The projects are valid, standalone Cargo projects. `--no-deps` keeps
    /// this offline and fast: resolving would need progenitor's macro in
    /// the local registry, and building is what the command itself is for.
    #[test]
    fn written_projects_are_cargo_projects() {
        let root = xtask::project_root();
        let dir = std::env::temp_dir().join(format!("xtask-build-times-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let folders = write_projects(&dir, &root).expect("write the projects");
        for (variant, folder) in Variant::ALL.iter().zip(&folders) {
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let output = Command::new(cargo)
                .args([
                    "metadata",
                    "--offline",
                    "--no-deps",
                    "--format-version",
                    "1",
                ])
                .current_dir(folder)
                .output()
                .expect("run cargo metadata");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "{variant:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let name = format!("\"name\":\"build-time-{}\"", variant.folder());
            assert!(stdout.contains(&name), "{variant:?}: {stdout}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
