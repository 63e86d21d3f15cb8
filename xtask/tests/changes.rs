//! `cargo xtask regen`'s change report, version rule and changelog, end to
//! end: the real binary on a copy of the Beltic spec in a git repository of
//! its own, edited the way a spec grows.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Run, project_root, snapshot, xtask};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn regen(spec: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        Path::new("regen"),
        Path::new("--spec"),
        spec,
        Path::new("--out"),
        out,
    ];
    args.extend(extra.iter().map(Path::new));
    xtask(&project_root(), &args)
}

fn edit(spec: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(spec).unwrap();
    assert!(text.contains(from), "the spec has no {from:?}");
    fs::write(spec, text.replacen(from, to, 1)).unwrap();
}

fn set_version(spec: &Path, version: &str) {
    let text = fs::read_to_string(spec).unwrap();
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with("version: 0."))
        .expect("the spec sets x-rust-client.version");
    let indent = &line[..line.len() - line.trim_start().len()];
    fs::write(
        spec,
        text.replacen(line, &format!("{indent}version: {version}"), 1),
    )
    .unwrap();
}

#[test]
fn a_breaking_edit_needs_a_minor_bump_and_makes_one_changelog_entry() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("api");
    fs::create_dir_all(repo.join("spec")).unwrap();
    let spec = repo.join("spec/beltic-identity.yaml");
    fs::copy(project_root().join("spec/beltic-identity.yaml"), &spec).unwrap();
    set_version(&spec, "0.2.0");
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "0.2.0"]);
    let out = repo.join("client");
    let first = regen(&spec, &out, &[]);
    assert!(first.success, "{}", first.describe());
    assert!(
        first.stdout.contains("no change to the public API since"),
        "{}",
        first.describe()
    );
    assert!(
        !out.join("CHANGELOG.md").exists(),
        "an empty entry was written"
    );

    // Remove a field, add a status: breaking, and one value that used to
    // arrive as `Unknown("on_hold")`.
    edit(
        &spec,
        "        redacted_at:\n          description: When the session's personal data was redacted.\n          type: string\n          format: date-time\n          nullable: true\n",
        "",
    );
    edit(
        &spec,
        "        - declined\n        - expired\n",
        "        - declined\n        - expired\n        - on_hold\n",
    );
    let before = snapshot(&out);
    let refused = regen(&spec, &out, &[]);
    let shown = refused.describe();
    assert!(!refused.success, "{shown}");
    assert!(
        refused.stdout.contains(
            "breaking: removed field types::SessionAttributes::redacted_at \
             (/components/schemas/SessionAttributes/properties/redacted_at)"
        ),
        "{shown}"
    );
    assert!(
        refused.stdout.contains(
            "additive: added variant types::SessionStatus::OnHold \
             (/components/schemas/SessionStatus/enum/9)"
        ),
        "{shown}"
    );
    assert!(
        refused
            .stdout
            .contains("behaviour: value now decodes as types::SessionStatus::OnHold"),
        "{shown}"
    );
    assert!(
        refused
            .stderr
            .contains("set `x-rust-client.version` to 0.3.0 (or higher); it says 0.2.0"),
        "{shown}"
    );
    assert!(refused.stderr.contains("nothing was written"), "{shown}");
    assert_eq!(snapshot(&out), before, "a refused regen wrote");
    let checked = regen(&spec, &out, &["--check"]);
    assert!(!checked.success, "{}", checked.describe());

    set_version(&spec, "0.3.0");
    let written = regen(&spec, &out, &[]);
    assert!(written.success, "{}", written.describe());
    let changelog = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("## 0.3.0\n"), "{changelog}");
    assert!(
        changelog.contains(
            "### Removed\n\n- **breaking** removed field `types::SessionAttributes::redacted_at` \
             (`/components/schemas/SessionAttributes/properties/redacted_at`)\n"
        ),
        "{changelog}"
    );
    assert!(
        changelog.contains("- added variant `types::SessionStatus::OnHold`"),
        "{changelog}"
    );
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert!(!api.contains("redacted_at"), "the field is still generated");

    // Committed, and run again: the same report (measured from the
    // previous version, not from HEAD), the same single entry.
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "0.3.0"]);
    let again = regen(&spec, &out, &["--check"]);
    assert!(again.success, "{}", again.describe());
    assert!(
        again
            .stdout
            .contains("removed field types::SessionAttributes::redacted_at"),
        "{}",
        again.describe()
    );
    let rerun = regen(&spec, &out, &[]);
    assert!(rerun.success, "{}", rerun.describe());
    let after = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert_eq!(after, changelog, "a re-run changed the changelog");
    assert_eq!(after.matches("## 0.3.0").count(), 1);

    // `--since` the first commit at HEAD~1 gives the same report; since
    // HEAD, nothing changed.
    let since = regen(&spec, &out, &["--check", "--since", "HEAD~1"]);
    assert!(since.stdout.contains("redacted_at"), "{}", since.describe());
    let head = regen(&spec, &out, &["--check", "--since", "HEAD"]);
    assert!(
        head.stdout.contains("no change to the public API"),
        "{}",
        head.describe()
    );
}

#[test]
fn additive_edits_need_a_patch_bump_and_specs_outside_git_get_no_report() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("api");
    fs::create_dir_all(&repo).unwrap();
    let spec = repo.join("beltic-identity.yaml");
    fs::copy(project_root().join("spec/beltic-identity.yaml"), &spec).unwrap();
    set_version(&spec, "0.2.0");
    let out = repo.join("client");

    // Not in git yet: no report, a note, and the crate is written.
    let loose = regen(&spec, &out, &[]);
    assert!(loose.success, "{}", loose.describe());
    assert!(
        loose.stderr.contains("note: no change report"),
        "{}",
        loose.describe()
    );

    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "beltic-identity.yaml"]);
    git(&repo, &["commit", "-qm", "0.2.0"]);
    // A new operation is an addition: 0.2.0 → 0.2.1. So is a new optional
    // member of a type: structs are `#[non_exhaustive]`, built with their
    // builder, whose `new` takes only the required members.
    edit(
        &spec,
        "        - updated_at\n      properties:\n",
        "        - updated_at\n      properties:\n        zz_review_note:\n          \
         description: A reviewer's note.\n          type: string\n          nullable: true\n",
    );
    edit(
        &spec,
        "components:\n",
        "  /v1/identity/sessions/{id}/status:\n    get:\n      operationId: getSessionStatus\n      \
         summary: Get a session's status\n      description: The status alone.\n      parameters:\n        \
         - name: id\n          in: path\n          required: true\n          description: The session\n          \
         schema:\n            type: string\n      responses:\n        '200':\n          description: The status\n          \
         content:\n            application/json:\n              schema:\n                \
         $ref: '#/components/schemas/SessionStatus'\ncomponents:\n",
    );
    let refused = regen(&spec, &out, &[]);
    assert!(!refused.success, "{}", refused.describe());
    assert!(
        refused
            .stdout
            .contains("additive: added operation Client::get_session_status (/paths/~1v1~1identity~1sessions~1{id}~1status/get)"),
        "{}",
        refused.describe()
    );
    assert!(
        refused.stdout.contains(
            "additive: added field types::SessionAttributes::zz_review_note: `Option<String>` \
             (/components/schemas/SessionAttributes/properties/zz_review_note)"
        ),
        "{}",
        refused.describe()
    );
    assert!(
        !refused.stdout.contains("breaking"),
        "{}",
        refused.describe()
    );
    assert!(
        refused.stderr.contains("to 0.2.1 (or higher)"),
        "{}",
        refused.describe()
    );
    set_version(&spec, "0.2.1");
    let written = regen(&spec, &out, &[]);
    assert!(written.success, "{}", written.describe());
    let changelog = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains("### Added\n\n- added operation `Client::get_session_status`"),
        "{changelog}"
    );
}

/// `regen` from the project's root with its cache in `target`.
fn regen_cached(spec: &Path, out: &Path, target: &Path, extra: &[&str]) -> Run {
    common::run(
        common::xtask_command(&project_root())
            .env("CARGO_TARGET_DIR", target)
            .arg("regen")
            .arg("--spec")
            .arg(spec)
            .arg("--out")
            .arg(out)
            .args(extra),
    )
}

/// The change report a run printed: its output up to what it wrote.
fn report_of(run: &Run) -> String {
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|line| !line.contains("client:"))
        .collect();
    assert!(!lines.is_empty(), "{}", run.describe());
    lines.join("\n")
}

/// The cache's entry for the spec whose blob id is `blob`.
fn cache_entry(target: &Path, blob: &str) -> std::path::PathBuf {
    let dir = target.join("xtask-cache/surface");
    let entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(&format!("{blob}-"))
        })
        .collect();
    assert_eq!(entries.len(), 1, "{blob} in {}", dir.display());
    entries[0].clone()
}

#[test]
fn the_earlier_revision_is_read_from_the_cache_and_a_broken_entry_is_made_again() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("api");
    let target = scratch.path().join("target");
    fs::create_dir_all(&repo).unwrap();
    let spec = repo.join("beltic-identity.yaml");
    fs::copy(project_root().join("spec/beltic-identity.yaml"), &spec).unwrap();
    set_version(&spec, "0.2.0");
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "beltic-identity.yaml"]);
    git(&repo, &["commit", "-qm", "0.2.0"]);
    let blob = Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["rev-parse", "HEAD:beltic-identity.yaml"])
        .output()
        .unwrap();
    let blob = String::from_utf8(blob.stdout).unwrap().trim().to_owned();
    edit(
        &spec,
        "        - updated_at\n      properties:\n",
        "        - updated_at\n      properties:\n        zz_review_note:\n          \
         description: A reviewer's note.\n          type: string\n          nullable: true\n",
    );
    set_version(&spec, "0.2.1");
    let out = repo.join("client");

    let first = regen_cached(&spec, &out, &target, &[]);
    assert!(first.success, "{}", first.describe());
    assert!(
        first
            .stdout
            .contains("additive: added field types::SessionAttributes::zz_review_note"),
        "{}",
        first.describe()
    );
    let entry = cache_entry(&target, &blob);
    let kept = fs::read_to_string(&entry).unwrap();
    let changelog = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    let files = snapshot(&out);

    let second = regen_cached(&spec, &out, &target, &[]);
    assert!(second.success, "{}", second.describe());
    assert_eq!(report_of(&second), report_of(&first));
    assert_eq!(second.stderr, first.stderr);
    assert_eq!(fs::read_to_string(&entry).unwrap(), kept);
    assert_eq!(snapshot(&out), files);
    assert_eq!(
        fs::read_to_string(out.join("CHANGELOG.md")).unwrap(),
        changelog
    );

    // The report reads the entry: one without `SessionStatus` makes it a
    // new type.
    let (header, surface) = kept.split_once('\n').unwrap();
    let mut surface: serde_json::Value = serde_json::from_str(surface).unwrap();
    let removed = surface["types"]
        .as_object_mut()
        .unwrap()
        .remove("SessionStatus");
    assert!(removed.is_some(), "the entry has no SessionStatus");
    fs::write(&entry, format!("{header}\n{surface}")).unwrap();
    let tampered = regen_cached(&spec, &out, &target, &["--check"]);
    assert!(
        tampered
            .stdout
            .contains("additive: added type types::SessionStatus"),
        "{}",
        tampered.describe()
    );

    // A broken entry is no error: the revision is generated again, and the
    // entry written anew.
    fs::write(&entry, "{\"blob\": \"trunc").unwrap();
    let broken = regen_cached(&spec, &out, &target, &[]);
    assert!(broken.success, "{}", broken.describe());
    assert_eq!(broken.stdout, second.stdout);
    assert_eq!(broken.stderr, second.stderr);
    assert_eq!(fs::read_to_string(&entry).unwrap(), kept);
    assert_eq!(snapshot(&out), files);
}
