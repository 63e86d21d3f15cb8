//! Generation time against plain progenitor, spec by spec: the generator's
//! whole run (`generator::generate`: spec to every formatted file of the
//! crate, in memory) against what a user of progenitor alone runs, the
//! spec read into `openapiv3`, `Generator::generate_tokens`, and the tokens
//! laid out by prettyplease.
//!
//! The specs are the files named by `$BENCH_SPECS` (files or folders,
//! separated by `:`), else the project's spec and those of
//! `xtask/tests/specs`. A spec that plain progenitor refuses or panics on
//! is skipped and counted: there is nothing to compare it with.
//!
//! Each spec is timed in rounds, each round one run of each side, the side
//! that goes first swapping every round, so that a change of the machine's
//! load moves both; the figure is the median of the rounds' ratios. The
//! goal (issue 22) is at most 1.5 on every spec.
//!
//! Both sides run with the allocator of `cargo xtask regen`, mimalloc, so
//! that the generator is timed as users run it. progenitor's users mostly
//! run it inside rustc (`generate_api!`), which has an allocator of its own
//! (jemalloc) rather than glibc's too.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use generator::Settings;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Rounds per spec; each round runs both sides once.
const ROUNDS: usize = 5;
/// The ratio the generator must stay within.
const GOAL: f64 = 1.5;

/// The spec files to time, in order.
fn specs() -> Vec<PathBuf> {
    let roots: Vec<PathBuf> = match std::env::var_os("BENCH_SPECS") {
        Some(list) => std::env::split_paths(&list).collect(),
        None => vec![
            common::project_root().join("spec/beltic-identity.yaml"),
            common::project_root().join("xtask/tests/specs"),
        ],
    };
    let mut files = Vec::new();
    for root in roots {
        if root.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&root)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| {
                    matches!(
                        path.extension().and_then(|e| e.to_str()),
                        Some("json" | "yaml" | "yml")
                    )
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(root);
        }
    }
    files
}

/// Plain progenitor on `text`: read, generate, lay out. `None` when it
/// refuses the spec or panics.
fn plain_progenitor(text: &str) -> Option<String> {
    let api: openapiv3::OpenAPI = serde_yaml::from_str(text).ok()?;
    // progenitor panics on some specs: counted, not printed.
    let shown = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let tokens = catch_unwind(AssertUnwindSafe(|| {
        progenitor::Generator::default().generate_tokens(&api)
    }));
    std::panic::set_hook(shown);
    let tokens = tokens.ok()?.ok()?;
    let file = syn::parse2::<syn::File>(tokens).ok()?;
    Some(prettyplease::unparse(&file))
}

/// The time `work` takes, and what it gave.
fn timed<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = work();
    (started.elapsed(), value)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter narrows the specs by name.
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let specs: Vec<PathBuf> = specs()
        .into_iter()
        .filter(|path| {
            filter
                .as_deref()
                .is_none_or(|filter| path.to_string_lossy().contains(filter))
        })
        .collect();
    println!(
        "generation against plain progenitor + prettyplease, {ROUNDS} alternating rounds a spec \
         (median ms; ratio: median of the rounds' ratios, with their range)"
    );
    println!(
        "  {:<44} {:>9} {:>11} {:>11} {:>7}  range",
        "spec", "KB", "progenitor", "generator", "ratio"
    );
    let mut ratios = Vec::new();
    let (mut refused_by_progenitor, mut refused_by_generator) = (Vec::new(), Vec::new());
    for spec in &specs {
        let name = spec.file_name().map_or_else(
            || spec.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let text = match std::fs::read_to_string(spec) {
            Ok(text) => text,
            Err(error) => panic!("cannot read {}: {error}", spec.display()),
        };
        if plain_progenitor(&text).is_none() {
            refused_by_progenitor.push(name);
            continue;
        }
        let settings = Settings::new(spec, "spec.yaml");
        if generator::generate(&settings).is_err() {
            refused_by_generator.push(name);
            continue;
        }
        let (mut plain, mut ours, mut round_ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let progenitor = || timed(|| plain_progenitor(&text)).0;
            let generator = || timed(|| generator::generate(&settings)).0;
            let (p, g) = if round % 2 == 0 {
                let p = progenitor();
                (p, generator())
            } else {
                let g = generator();
                (progenitor(), g)
            };
            plain.push(p.as_secs_f64() * 1e3);
            ours.push(g.as_secs_f64() * 1e3);
            round_ratios.push(g.as_secs_f64() / p.as_secs_f64());
        }
        let ratio = median(&mut round_ratios);
        println!(
            "  {:<44} {:>9} {:>11.1} {:>11.1} {:>7.2}  {:.2} to {:.2}{}",
            name,
            text.len() / 1024,
            median(&mut plain),
            median(&mut ours),
            ratio,
            round_ratios[0],
            round_ratios[round_ratios.len() - 1],
            if ratio > GOAL {
                "  (over the goal)"
            } else {
                ""
            },
        );
        ratios.push((ratio, name));
    }
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let within = ratios.iter().filter(|(ratio, _)| *ratio <= GOAL).count();
    println!(
        "{within} of {} specs within {GOAL}; median ratio {}; the highest {}",
        ratios.len(),
        ratios
            .get(ratios.len() / 2)
            .map_or("-".to_owned(), |(ratio, _)| format!("{ratio:.2}")),
        ratios
            .last()
            .map_or("-".to_owned(), |(ratio, name)| format!(
                "{ratio:.2} ({name})"
            )),
    );
    println!(
        "skipped: {} that plain progenitor refuses or panics on, {} that the generator refuses{}",
        refused_by_progenitor.len(),
        refused_by_generator.len(),
        if refused_by_generator.is_empty() {
            String::new()
        } else {
            format!(" ({})", refused_by_generator.join(", "))
        }
    );
}
