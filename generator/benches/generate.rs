//! Generation time, spec file to formatted crate files in memory, for the
//! project's spec (the baseline) and for larger ones:
//!
//! - a shared spec, `$BENCH_LARGE_SPEC` or else `../shared/specs/buildomat.json`
//!   beside the project, read at bench time and skipped when absent;
//! - a spec this bench builds itself, so there is always a large one: the
//!   project's spec with its operation repeated under other paths.
//!
//! Nothing is written into the project; the built spec goes to the system's
//! temporary folder.

mod common;

#[path = "../../xtask/benches/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use generator::Settings;

const GROUP: &str = "generate";
const BASELINE: &str = "baseline_beltic";
const SHARED: &str = "shared_spec";
const REPEATED: &str = "beltic_x20";

/// How many copies of the operation the built spec has; with `REPEATED`.
const COPIES: usize = 20;

/// The shared spec used unless `$BENCH_LARGE_SPEC` names another: of the
/// specs in `shared/specs/` it has the most operations (21).
const SHARED_DEFAULT: &str = "../shared/specs/buildomat.json";

/// The shared spec to measure, if there is one on this machine.
fn shared_spec() -> Option<PathBuf> {
    let path = match std::env::var_os("BENCH_LARGE_SPEC") {
        Some(path) => PathBuf::from(path),
        None => common::project_root().join(SHARED_DEFAULT),
    };
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("{}: no such file, {SHARED} skipped", path.display());
        None
    }
}

/// Writes the project's spec with its paths repeated `copies` times, each
/// copy under its own path prefix and with its own operationIds, and returns
/// the file. JSON, so that the copy is the same document whatever YAML
/// formatting the original has.
fn repeated_spec(copies: usize) -> PathBuf {
    let text = std::fs::read_to_string(common::project_root().join("spec/beltic-identity.yaml"))
        .expect("read the project's spec");
    let mut spec: serde_json::Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    let paths = spec["paths"]
        .as_object()
        .expect("the spec has paths")
        .clone();
    let mut repeated = serde_json::Map::new();
    for copy in 0..copies {
        for (path, item) in &paths {
            let mut item = item.clone();
            for operation in item.as_object_mut().expect("a path item").values_mut() {
                if let Some(id) = operation.get("operationId").and_then(|id| id.as_str()) {
                    operation["operationId"] = format!("{id}_{copy}").into();
                }
            }
            repeated.insert(format!("/copy{copy}{path}"), item);
        }
    }
    spec["paths"] = repeated.into();
    let file = std::env::temp_dir().join(format!("beltic-x{copies}-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_vec(&spec).expect("encode the spec"))
        .expect("write the built spec");
    file
}

fn generate(c: &mut Criterion) {
    let beltic = common::project_root().join("spec/beltic-identity.yaml");
    let repeated = repeated_spec(COPIES);
    let mut specs = vec![(BASELINE, beltic), (REPEATED, repeated.clone())];
    if let Some(shared) = shared_spec() {
        specs.push((SHARED, shared));
    }
    // Each spec must generate: timing an early error would mean nothing.
    for (name, spec) in &specs {
        if let Err(error) = generator::generate(&Settings::new(spec, "spec.yaml")) {
            panic!("{name}: {} does not generate: {error}", spec.display());
        }
    }

    let mut group = c.benchmark_group(GROUP);
    // One generation takes tens of milliseconds or more: ten samples are
    // enough for a stable median and keep the whole bench short.
    group.sample_size(10);
    for (name, spec) in &specs {
        let settings = Settings::new(spec, "spec.yaml");
        group.bench_function(*name, |b| {
            b.iter(|| generator::generate(black_box(&settings)).unwrap())
        });
    }
    group.finish();
    let _ = std::fs::remove_file(&repeated);
    support::print_ratios(GROUP, &[BASELINE, SHARED, REPEATED]);
}

fn main() {
    let mut criterion = support::criterion().configure_from_args();
    generate(&mut criterion);
    criterion.final_summary();
}
