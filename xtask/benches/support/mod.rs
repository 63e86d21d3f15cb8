//! What every bench of the project shares: where criterion keeps its
//! results, and the ratio of each benchmark to its group's baseline.
//!
//! Criterion prints each benchmark's own estimate but no comparison between
//! two benchmarks of one run, so after a group has run this reads the
//! medians criterion just saved and prints them side by side. Within a
//! group the baseline is the benchmark whose name starts with `baseline`.
//!
//! The generator's bench includes this file by path: a crate of its own for
//! forty lines would cost more than it saves.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use criterion::Criterion;

/// When this bench process configured criterion: estimates older than that
/// are from an earlier run and are not compared with this run's.
static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Criterion configured to write where [`print_ratios`] reads, the same
/// folder criterion would pick by itself: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else the workspace's `target/criterion`.
pub fn criterion() -> Criterion {
    STARTED.get_or_init(SystemTime::now);
    Criterion::default().output_directory(&output_directory())
}

fn output_directory() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    // Both packages that include this file, `xtask` and `generator`, sit
    // in the project's root, next to its `target/`.
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| package.parent().unwrap_or(package).join("target"));
    target.join("criterion")
}

/// A benchmark's median against its group's baseline's, as criterion saved
/// them, with the lowest and highest ratio that criterion's 95% confidence
/// intervals of the two medians allow.
#[derive(Debug)]
pub struct Ratio {
    pub id: String,
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
}

/// Prints the median of each benchmark of `group` and its ratio to the
/// group's baseline, as criterion saved them a moment ago, and returns the
/// ratios.
///
/// `ids` are the benchmark names within the group, baseline included. A
/// benchmark that a filter on the command line skipped has no estimate from
/// this run and is left out; without the baseline nothing is printed.
pub fn print_ratios(group: &str, ids: &[&str]) -> Vec<Ratio> {
    let folder = output_directory().join(group);
    let medians: Vec<(&str, Median)> = ids
        .iter()
        .filter_map(|id| Some((*id, median(&folder.join(id))?)))
        .collect();
    let Some((baseline_id, baseline)) = medians.iter().find(|(id, _)| id.starts_with("baseline"))
    else {
        return Vec::new();
    };
    println!("{group}: medians against {baseline_id} (95% interval of the ratio)");
    let mut ratios = Vec::new();
    for (id, median) in &medians {
        let ratio = Ratio {
            id: (*id).to_owned(),
            ratio: median.point / baseline.point,
            low: median.low / baseline.high,
            high: median.high / baseline.low,
        };
        println!(
            "  {:<32} {:>12}  {:>6.2}x ({:.2} to {:.2})",
            ratio.id,
            format_ns(median.point),
            ratio.ratio,
            ratio.low,
            ratio.high,
        );
        ratios.push(ratio);
    }
    ratios
}

/// A median criterion estimated, in nanoseconds, and the bounds of its 95%
/// confidence interval.
struct Median {
    point: f64,
    low: f64,
    high: f64,
}

/// The median that criterion saved for the benchmark in `folder`.
fn median(folder: &Path) -> Option<Median> {
    let file = folder.join("new/estimates.json");
    let saved = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
    if STARTED.get().is_none_or(|started| saved < *started) {
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    let median = estimates.get("median")?;
    let interval = median.get("confidence_interval")?;
    Some(Median {
        point: median.get("point_estimate")?.as_f64()?,
        low: interval.get("lower_bound")?.as_f64()?,
        high: interval.get("upper_bound")?.as_f64()?,
    })
}

/// A duration in the unit that keeps it readable.
fn format_ns(ns: f64) -> String {
    match ns {
        ns if ns >= 1e9 => format!("{:.3} s", ns / 1e9),
        ns if ns >= 1e6 => format!("{:.3} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.3} µs", ns / 1e3),
        ns => format!("{ns:.1} ns"),
    }
}
