//! What each `cargo xtask` command prints when it cannot do its job: one
//! `error: ` line saying what went wrong, where, and what to do; no `Debug`
//! output, no panic, a non-zero exit, and nothing written. The real binary,
//! run as a process. `record` without a key or a server is in `record.rs`.

mod common;

use std::fs;
use std::net::TcpListener;
use std::path::Path;

use common::{project_root, run, snapshot, xtask, xtask_command};

#[test]
fn regen_without_a_spec_names_it_and_the_option() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("missing.yaml");
    let out = scratch.path().join("client");
    for check in [&[][..], &[Path::new("--check")]] {
        let mut args = vec![
            Path::new("regen"),
            Path::new("--spec"),
            &spec,
            Path::new("--out"),
            &out,
        ];
        args.extend_from_slice(check);
        let run = xtask(&project_root(), &args);
        let shown = spec.display().to_string();
        run.assert_one_error(&[&shown, "cannot read the spec", "pass --spec"]);
        assert!(!out.exists(), "{}", run.describe());
    }
}

#[test]
fn regen_into_a_file_names_it_and_leaves_it_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("client");
    fs::write(&file, "not a folder\n").unwrap();
    let spec = project_root().join("spec/beltic-identity.yaml");
    for out in [file.clone(), file.join("nested")] {
        for check in [&[][..], &[Path::new("--check")]] {
            let mut args = vec![
                Path::new("regen"),
                Path::new("--spec"),
                &spec,
                Path::new("--out"),
                &out,
            ];
            args.extend_from_slice(check);
            let run = xtask(&project_root(), &args);
            let shown = format!("error: {}: is a file, not a folder", file.display());
            run.assert_one_error(&[&shown, "--out names the folder"]);
        }
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder\n");
    assert_eq!(snapshot(scratch.path()).len(), 1);
}

#[test]
fn record_without_a_spec_names_it_and_the_option() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("missing.yaml");
    let run = run(xtask_command(&project_root())
        .args(["record", "--id", "1", "--spec"])
        .arg(&spec)
        .arg("--recordings")
        .arg(scratch.path().join("recordings"))
        .env("BELTIC_API_KEY", "sk_test_failures"));
    let shown = spec.display().to_string();
    run.assert_one_error(&[&shown, "cannot read the spec", "pass --spec"]);
    assert!(!run.stderr.contains("sk_test_failures"));
    assert_eq!(snapshot(scratch.path()).len(), 0);
}

#[test]
fn try_specs_without_its_folder_names_it() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("specs");
    let run = xtask(&project_root(), &[Path::new("try-specs"), &dir]);
    let shown = format!("error: {}: cannot list the specs", dir.display());
    run.assert_one_error(&[&shown, "pass a folder of specs"]);
}

/// No network, made deterministic: cargo gets a home of its own with
/// nothing cached, and crates.io replaced by a loopback port nobody listens
/// on, so fetching fails at once, the same way on every machine.
#[test]
fn build_times_without_the_network_says_fetching_failed_and_why() {
    let scratch = tempfile::tempdir().unwrap();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let cargo_home = scratch.path().join("cargo-home");
    fs::create_dir_all(&cargo_home).unwrap();
    fs::write(
        cargo_home.join("config.toml"),
        format!(
            "[source.crates-io]\nreplace-with = \"unreachable\"\n\n\
             [source.unreachable]\nregistry = \"sparse+http://{closed}/index/\"\n"
        ),
    )
    .unwrap();
    let run = run(xtask_command(&project_root())
        .arg("build-times")
        .env("CARGO_HOME", &cargo_home)
        .env("CARGO_NET_RETRY", "0"));
    run.assert_one_error(&[
        "error: `cargo fetch` failed in ",
        "checked-in",
        "check the network",
    ]);
    // Cargo's reason, from the bottom of its report.
    let reason = run.stderr.to_lowercase();
    assert!(reason.contains("connect"), "{}", run.describe());
    // Cargo's own "Caused by" report is not passed on.
    assert!(!run.stderr.contains("Caused by"), "{}", run.describe());
}
