//! `cargo xtask sweep`: real `xtask regen` processes over a folder of
//! specs, one that generates, one that is refused, and (through a wrapper
//! standing in for xtask) one whose process panics, one killed by a signal
//! and one that hangs; the sweep counts each and goes on.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{Run, project_root, run, xtask_command};

/// A spec whose shared response is a `$ref` that leads nowhere: refused
/// (an operation's own would be read as any JSON value).
const REFUSED: &str = "\
openapi: 3.0.3
info: {title: Refused, version: 1.0.0}
paths:
  /things:
    get:
      operationId: getThings
      responses:
        '200': {$ref: '#/components/responses/Things'}
components:
  responses:
    Things: {$ref: '#/components/responses/Missing'}
";

/// Copies the test spec that generates, and writes `REFUSED`, into
/// `scratch/specs`; with the names of `crashing` specs too (any content:
/// the wrapper never reads them).
fn specs(scratch: &Path, crashing: &[&str]) -> PathBuf {
    let dir = scratch.join("specs");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        project_root().join("xtask/tests/specs/quirks-3.0.yaml"),
        dir.join("quirks.yaml"),
    )
    .unwrap();
    fs::write(dir.join("refused.yaml"), REFUSED).unwrap();
    for name in crashing {
        fs::write(dir.join(name), REFUSED).unwrap();
    }
    dir
}

fn sweep(dir: &Path, report: &Path, more: &[&str]) -> Run {
    run(xtask_command(&project_root())
        .arg("sweep")
        .arg(dir)
        .arg("--report")
        .arg(report)
        .args(more))
}

fn summary(report: &Path) -> Value {
    let text = fs::read_to_string(report.join("sweep.json")).expect("sweep.json written");
    serde_json::from_str(&text).expect("sweep.json is JSON")
}

fn result<'a>(summary: &'a Value, spec: &str) -> &'a Value {
    summary["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["spec"] == spec)
        .unwrap_or_else(|| panic!("no result for {spec}"))
}

/// A stand-in for xtask: a panic (its message and exit code 101), an abort
/// by signal, or a hang, for the specs named so; the real xtask otherwise.
#[cfg(unix)]
fn wrapper(scratch: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = scratch.join("xtask-wrapper.sh");
    let script = format!(
        "#!/bin/sh\n\
         # regen --spec SPEC --out OUT\n\
         case \"$3\" in\n\
           *panics.yaml) echo \"thread 'main' (1) panicked at src/names.rs:3:9:\" >&2;\n\
                         echo 'a test panic' >&2; exit 101 ;;\n\
           *aborts.yaml) kill -ABRT $$ ;;\n\
           *hangs.yaml) exec sleep 60 ;;\n\
         esac\n\
         exec '{}' \"$@\"\n",
        env!("CARGO_BIN_EXE_xtask")
    );
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn crashes_and_hangs_are_counted_and_the_sweep_goes_on() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    let dir = specs(scratch, &["panics.yaml", "aborts.yaml", "hangs.yaml"]);
    let report = scratch.join("report");
    let wrapper = wrapper(scratch);
    let run = sweep(
        &dir,
        &report,
        &[
            "--timeout",
            "3",
            "--jobs",
            "2",
            "--xtask",
            wrapper.to_str().unwrap(),
        ],
    );
    let shown = run.describe();
    // A crash is the generator's bug: the sweep says so by its exit code.
    assert!(!run.success, "{shown}");

    let summary = summary(&report);
    let counts = ["specs", "generated", "refused", "crashed", "timed_out"].map(|k| &summary[k]);
    assert_eq!(counts, [5, 1, 1, 2, 1], "{shown}");
    assert_eq!(result(&summary, "quirks.yaml")["outcome"], "generated");
    let refused = result(&summary, "refused.yaml");
    assert_eq!(refused["outcome"], "refused");
    assert_eq!(refused["class"], "ref-target", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("refused.yaml"),
        "{refused}"
    );
    let panicked = result(&summary, "panics.yaml");
    assert_eq!(panicked["outcome"], "crashed");
    assert_eq!(
        panicked["message"],
        "panic: a test panic (at src/names.rs:3:9)"
    );
    let aborted = result(&summary, "aborts.yaml");
    assert_eq!(aborted["outcome"], "crashed");
    assert!(
        aborted["message"].as_str().unwrap().contains("signal"),
        "{aborted}"
    );
    assert_eq!(result(&summary, "hangs.yaml")["outcome"], "timed_out");
    // The generator of this checkout prints no `typed:` line yet, or one
    // for the spec it generated; never one for the others.
    assert!(summary["typed"]["reported_by"].as_u64().unwrap() <= 1);

    let markdown = fs::read_to_string(report.join("sweep.md")).unwrap();
    for expected in [
        "| generated | 1 | 20.0 % |",
        "| crashed | 2 | 40.0 % |",
        "| timed out | 1 | 20.0 % |",
        "| `ref-target` | 1 |",
        "- panics.yaml: panic: a test panic",
        "- hangs.yaml: timed out",
    ] {
        assert!(
            markdown.contains(expected),
            "no {expected:?} in:\n{markdown}"
        );
        assert!(
            run.stdout.contains(expected),
            "not printed: {expected:?}\n{shown}"
        );
    }
}

/// `--build` against the workspace's `Cargo.lock` (the default, a fresh
/// resolve, needs crates.io): the one generated crate is picked, built
/// without a warning and its samples decode; a refusal alone does not fail
/// the sweep.
#[test]
fn a_sample_of_the_generated_crates_is_built() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    let dir = specs(scratch, &[]);
    let report = scratch.join("report");
    let run = sweep(&dir, &report, &["--build", "5", "--seed", "3", "--offline"]);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    let summary = summary(&report);
    assert_eq!(
        [&summary["generated"], &summary["refused"]],
        [1, 1],
        "{shown}"
    );
    let sample = &summary["sample"];
    assert_eq!(
        [
            &sample["seed"],
            &sample["requested"],
            &sample["picked"],
            &sample["passed"]
        ],
        [3, 5, 1, 1]
    );
    // Each crate's result is told as it comes (and the report written again),
    // not only at the end.
    assert!(
        run.stderr.contains("built 1/1: quirks.yaml: passed"),
        "{shown}"
    );
    let built = &sample["builds"][0];
    assert_eq!(built["spec"], "quirks.yaml");
    assert_eq!(built["result"], "passed", "{built}");
    // `every_sample_decodes` ran.
    assert_eq!(built["tests"], 1, "{built}");
    assert!(run.stdout.contains("1 of 1 crates (seed 3"), "{shown}");
}

#[test]
fn a_sweep_without_its_folder_names_it() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    let dir = scratch.join("specs");
    let run = sweep(&dir, &scratch.join("report"), &[]);
    let shown = format!("error: {}: cannot list the specs", dir.display());
    run.assert_one_error(&[&shown, "pass a folder of specs"]);
}
