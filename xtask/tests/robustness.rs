//! The generator against specs it must refuse, and a grown spec whose crate
//! must build: the real binary, run as a process, writing into scratch
//! folders.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_same_files, project_root, snapshot, xtask};

/// A broken spec, and what the error must say about it: for each problem,
/// its `line:column: pointer` (or, for the whole document, a fragment of
/// the message).
struct Broken {
    name: &'static str,
    spec: &'static str,
    expected: &'static [&'static str],
}

/// The head every broken spec but the first few shares; line 6 is the first
/// path.
const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: 1.0.0\npaths:\n";

const BROKEN: &[Broken] = &[
    Broken {
        name: "syntax",
        spec: "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: 1.0.0\n  description: a: b\npaths: {}\n",
        expected: &["syntax.yaml:5:17: mapping values are not allowed"],
    },
    Broken {
        name: "empty",
        spec: "",
        expected: &["empty.yaml: the file is empty"],
    },
    Broken {
        name: "not-openapi",
        spec: "[1, 2]\n",
        expected: &["not-openapi.yaml: the document is not a mapping"],
    },
    Broken {
        name: "swagger",
        spec: "swagger: '2.0'\ninfo:\n  title: Old\n  version: 1.0.0\npaths: {}\n",
        expected: &["swagger.yaml:1:1: /swagger: this is a Swagger 2.0 document"],
    },
    Broken {
        name: "version",
        spec: "openapi: 3.2.0\ninfo:\n  title: Newer\n  version: 1.0.0\npaths: {}\n",
        expected: &[
            "version.yaml:1:1: /openapi: OpenAPI 3.2.0 is not supported",
            "reads OpenAPI 3.0.x, and 3.1.x",
        ],
    },
    Broken {
        name: "shape",
        spec: "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: 1.0.0\npaths: [1, 2]\n",
        expected: &["shape.yaml:5:8: /paths: paths: invalid type: sequence, expected struct Paths"],
    },
];

/// The spec's text: specs past the first checks are written after `HEAD`.
fn spec_text(broken: &Broken) -> String {
    if PROBLEMS.iter().any(|p| p.name == broken.name) {
        format!("{HEAD}{}", broken.spec)
    } else {
        broken.spec.to_owned()
    }
}

#[test]
fn broken_specs_are_refused_with_located_messages_and_write_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    let first = common::regen(&project_root().join("spec/beltic-identity.yaml"), &out);
    assert!(first.success, "{}", first.describe());
    fs::create_dir_all(out.join("tests")).unwrap();
    fs::write(out.join("tests/mine.rs"), "// written by hand\n").unwrap();
    let before = snapshot(&out);

    for broken in BROKEN.iter().chain(PROBLEMS) {
        let spec = scratch.path().join(format!("{}.yaml", broken.name));
        fs::write(&spec, spec_text(broken)).unwrap();
        let run = common::regen(&spec, &out);
        let shown = format!("{}:\n{}", broken.name, run.describe());
        assert!(!run.success, "{shown}");
        assert!(run.stdout.is_empty(), "{shown}");
        assert!(!run.stderr.contains("panicked"), "{shown}");
        for fragment in broken.expected {
            assert!(run.stderr.contains(fragment), "no {fragment:?} in {shown}");
        }
        let errors = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count();
        let problems = broken
            .expected
            .iter()
            .filter(|f| f.contains(".yaml:"))
            .count();
        if problems > 1 {
            assert!(
                run.stderr
                    .contains(&format!("{problems} problems in the spec")),
                "{shown}"
            );
        }
        assert!(errors >= problems, "{shown}");
        assert_same_files(&before, &snapshot(&out), broken.name);
    }
}

/// Specs past the first checks, each written after `HEAD`: the first line
/// here is line 6 of the file.
const PROBLEMS: &[Broken] = &[
    Broken {
        name: "dangling-ref",
        spec: r##"  /a:
    get:
      operationId: getA
      responses:
        '200':
          $ref: '#/components/responses/Page'
components:
  responses:
    Page:
      $ref: '#/components/responses/Sesion'
    Session:
      description: A session.
"##,
        // (A schema's, or an operation's body's, response's or parameter's
        // `$ref` that leads nowhere is read as any value or left out; a
        // component that is one is refused.)
        expected: &["dangling-ref.yaml:15:7: /components/responses/Page/$ref: \
             `$ref` `#/components/responses/Sesion` resolves to nothing: `components.responses` has no \
             `Sesion`; did you mean `Session`?"],
    },
    Broken {
        name: "path-template",
        spec: r##"  /sessions/{id:
    get:
      operationId: getSession
      responses:
        '204':
          description: Done.
"##,
        expected: &[
            "path-template.yaml:6:3: /paths/~1sessions~1{id: the path `/sessions/{id` has a `{` \
             that is never closed",
        ],
    },
    Broken {
        name: "several-problems",
        spec: r##"  /sessions/{id:
    get:
      operationId: getSession
      responses:
        '204':
          description: Done.
components:
  responses:
    Page:
      $ref: '#/components/responses/Sesion'
"##,
        // (An operation openapiv3 cannot read, such as one with a header in
        // `style: form`, is left out instead.)
        expected: &[
            "several-problems.yaml:6:3: /paths/~1sessions~1{id: the path `/sessions/{id` has a \
             `{` that is never closed",
            "several-problems.yaml:15:7: /components/responses/Page/$ref: `$ref` \
             `#/components/responses/Sesion` resolves to nothing",
        ],
    },
];

/// Operations the Beltic spec grows by: a list with cursor paging, a create
/// offered as form or JSON, a decline, and an operation with no
/// `operationId` and names that are not Rust identifiers. Inserted at the
/// top of `paths`.
const GROWN_PATHS: &str = r##"  /v1/identity/sessions:
    get:
      operationId: listSessions
      summary: List sessions
      description: Sessions, newest first, one page at a time (cursor paging).
      parameters:
        - name: page[size]
          in: query
          description: How many sessions one page holds.
          schema:
            type: integer
            minimum: 1
            maximum: 100
        - name: page[after]
          in: query
          description: The cursor of the previous page; the page starts after it.
          schema:
            type: string
        - name: filter[status]
          in: query
          description: Only sessions in this status.
          schema:
            $ref: '#/components/schemas/SessionStatus'
      responses:
        '200':
          description: One page of sessions.
          content:
            application/vnd.api+json:
              schema:
                $ref: '#/components/schemas/SessionPage'
        '400':
          $ref: '#/components/responses/BadRequest'
    post:
      operationId: createSession
      summary: Create a session
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              $ref: '#/components/schemas/NewSession'
          application/json:
            schema:
              $ref: '#/components/schemas/NewSession'
      responses:
        '201':
          description: The session, created.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SessionDocument'
        '422':
          $ref: '#/components/responses/UnprocessableEntity'
  /v1/identity/sessions/{id}/decline:
    post:
      operationId: declineSession
      summary: Decline a session
      parameters:
        - name: id
          in: path
          required: true
          description: The session to decline.
          schema:
            type: string
            format: uuid
      responses:
        '200':
          description: The session, declined.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SessionDocument'
  /v1/odd-names/{2fa-id}:
    get:
      description: No operationId, and names that are not Rust identifiers.
      parameters:
        - name: 2fa-id
          in: path
          required: true
          schema:
            type: string
        - name: type
          in: query
          schema:
            type: string
        - name: self
          in: query
          schema:
            type: string
        - name: X-Trace-Id
          in: header
          schema:
            type: string
      responses:
        '200':
          description: A thing with odd names.
          content:
            application/problem+json:
              schema:
                $ref: '#/components/schemas/OddNames'
"##;

/// The schemas they use, inserted at the top of `components.schemas`.
const GROWN_SCHEMAS: &str = r##"    SessionPage:
      description: One page of sessions, and the cursor of the next.
      type: object
      required: [data, meta]
      properties:
        data:
          description: The sessions of this page.
          type: array
          items:
            $ref: '#/components/schemas/Session'
        meta:
          description: Paging state.
          type: object
          properties:
            next_cursor:
              description: Pass as `page[after]` for the next page; null on the last one.
              type: string
              nullable: true
    NewSession:
      description: What a new session is for.
      type: object
      required: [entity_type]
      properties:
        entity_type:
          $ref: '#/components/schemas/EntityType'
        reference:
          description: The caller's own reference.
          type: string
          pattern: '^[a-z0-9-]+$'
    OddNames:
      description: Members whose names are not Rust identifiers.
      type: object
      properties:
        type:
          type: string
        2fa:
          type: boolean
        self:
          type: string
        page[size]:
          type: integer
        match:
          type: string
"##;

/// Copied into the generated crate as `examples/calls.rs`: calls every new
/// method with the argument types the spec implies, and reads the oddly
/// named members.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/grown_calls.rs"]
mod grown_calls;

/// The project's spec with `GROWN_PATHS` and `GROWN_SCHEMAS` inserted.
fn grown_spec() -> String {
    let spec = fs::read_to_string(project_root().join("spec/beltic-identity.yaml"))
        .expect("read the project's spec");
    assert!(spec.contains("\npaths:\n") && spec.contains("\n  schemas:\n"));
    spec.replacen("\npaths:\n", &format!("\npaths:\n{GROWN_PATHS}"), 1)
        .replacen(
            "\n  schemas:\n",
            &format!("\n  schemas:\n{GROWN_SCHEMAS}"),
            1,
        )
}

/// Copies the fixture `calls` into the crate in `dir` as
/// `examples/calls.rs` and builds the crate, examples included
/// ([`common::cargo_in_generated`]): without a warning from rustc or
/// clippy.
fn build_with(dir: &Path, calls: &str) {
    common::copy_fixture(calls, dir, "examples/calls.rs");
    common::cargo_in_generated(dir, &["build", "--examples"]).assert_clean_in("examples/calls.rs");
}

#[test]
fn the_grown_beltic_spec_gives_a_crate_that_builds() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("beltic-grown.yaml");
    fs::write(&spec, grown_spec()).unwrap();
    let out = scratch.path().join("beltic-grown");
    let run = xtask(
        &project_root(),
        &[
            Path::new("regen"),
            Path::new("--spec"),
            &spec,
            Path::new("--out"),
            &out,
            Path::new("--crate-name"),
            Path::new("beltic-grown"),
        ],
    );
    let shown = run.describe();
    assert!(run.success, "{shown}");

    // Each reading the generator made is said, where the spec says it.
    for warning in [
        "/paths/~1v1~1identity~1sessions/get/responses/200/content/application~1vnd.api+json: \
         `application/vnd.api+json` is JSON",
        "/paths/~1v1~1identity~1sessions/post/requestBody/content: the body can be sent as \
         `application/x-www-form-urlencoded` or `application/json`",
        "/paths/~1v1~1odd-names~1{2fa-id}/get: no operationId: the generator names the method \
         `get_v1_odd_names_by_2fa_id`",
        "/paths/~1v1~1odd-names~1{2fa-id}/get/responses/200/content/application~1problem+json: \
         `application/problem+json` is JSON",
    ] {
        assert!(
            run.stderr
                .contains(&format!("warning: {}:", spec.display()))
                && run.stderr.contains(warning),
            "no warning {warning:?}:\n{shown}"
        );
    }

    // The same bytes again, from another folder with relative paths.
    let elsewhere = scratch.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let again = xtask(
        &elsewhere,
        &[
            Path::new("regen"),
            Path::new("--spec"),
            Path::new("../beltic-grown.yaml"),
            Path::new("--out"),
            Path::new("out"),
            Path::new("--crate-name"),
            Path::new("beltic-grown"),
        ],
    );
    assert!(again.success, "{}", again.describe());
    assert_same_files(
        &snapshot(&out),
        &snapshot(&elsewhere.join("out")),
        "a second generation",
    );

    // Outside the project's workspace, the crate is a workspace of its own.
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"beltic-grown\""), "{manifest}");
    assert!(manifest.ends_with("\n[workspace]\n"), "{manifest}");
    // Names that are not Rust identifiers still go on the wire as written.
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    for wire in [
        "QueryParam::new(\"page[size]\"",
        "QueryParam::new(\"page[after]\"",
        "QueryParam::new(\"filter[status]\"",
        "QueryParam::new(\"type\"",
        "rename = \"2fa\"",
        "\"X-Trace-Id\"",
    ] {
        assert!(api.contains(wire), "src/api.rs lacks {wire}");
    }

    build_with(&out, "grown_calls.rs");
}

#[test]
fn try_specs_reports_a_refusal_with_its_location() {
    let scratch = tempfile::tempdir().unwrap();
    let specs = scratch.path().join("specs");
    fs::create_dir_all(&specs).unwrap();
    fs::write(
        specs.join("newer.yaml"),
        "openapi: 3.2.0\ninfo:\n  title: Newer\n  version: 1.0.0\npaths: {}\n",
    )
    .unwrap();
    fs::write(specs.join("notes.txt"), "not a spec").unwrap();

    let run = xtask(&project_root(), &[Path::new("try-specs"), &specs]);
    let shown = run.describe();
    // A refusal is an answer, not a failure of the generator.
    assert!(run.success, "{shown}");
    assert!(run.stdout.starts_with("newer.yaml: refused\n"), "{shown}");
    assert!(
        run.stdout
            .contains("newer.yaml:1:1: /openapi: OpenAPI 3.2.0 is not supported"),
        "{shown}"
    );
    assert!(!run.stdout.contains("notes.txt"), "{shown}");
}

#[test]
fn regen_removes_generated_files_the_spec_no_longer_produces() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("client");
    let spec = project_root().join("spec/beltic-identity.yaml");
    let args = [
        Path::new("regen"),
        Path::new("--spec"),
        &spec,
        Path::new("--out"),
        &out,
    ];
    let first = xtask(&project_root(), &args);
    assert!(first.success, "{}", first.describe());

    // What an older spec generated, and what a person wrote.
    let generated =
        "// Generated by `cargo xtask regen` from spec/old.yaml.\n// Do not edit by hand.\n";
    fs::create_dir_all(out.join("src/old")).unwrap();
    fs::write(out.join("src/old/accounts.rs"), generated).unwrap();
    fs::write(out.join("src/hand.rs"), "// mine\n").unwrap();
    fs::create_dir_all(out.join("tests")).unwrap();
    fs::write(out.join("tests/generated-looking.rs"), generated).unwrap();

    let check = xtask(
        &project_root(),
        &[&args[..], &[Path::new("--check")]].concat(),
    );
    assert!(!check.success, "{}", check.describe());
    assert!(
        check
            .stderr
            .contains("src/old/accounts.rs is generated, but the spec no longer generates it"),
        "{}",
        check.describe()
    );

    let run = xtask(&project_root(), &args);
    assert!(run.success, "{}", run.describe());
    assert!(
        run.stdout.contains("removed src/old/accounts.rs"),
        "{}",
        run.describe()
    );
    assert!(!out.join("src/old/accounts.rs").exists());
    assert!(out.join("src/hand.rs").exists());
    assert!(out.join("tests/generated-looking.rs").exists());
    let clean = xtask(
        &project_root(),
        &[&args[..], &[Path::new("--check")]].concat(),
    );
    assert!(clean.success, "{}", clean.describe());
}

/// Copied into the crate of `specs/openapi-3.1.yaml` as
/// `examples/calls.rs`: the types its readings give.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/readings_calls.rs"]
mod readings_calls;

/// Copied into the crate of `specs/quirks-3.0.yaml` as `examples/calls.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/quirks_calls.rs"]
mod quirks_calls;

#[test]
fn openapi_3_1_and_3_0_with_3_1_habits_give_crates_that_build() {
    let scratch = tempfile::tempdir().unwrap();
    let specs = project_root().join("xtask/tests/specs");
    for (file, name, calls, expected, silent) in [
        (
            "openapi-3.1.yaml",
            "readings",
            "readings_calls.rs",
            &[
                "openapi-3.1.yaml:14:1: /webhooks: `webhooks` (1)",
                "openapi-3.1.yaml:27:5: /paths/~1things~1{id}/$ref: path item `$ref`",
                "openapi-3.1.yaml:123:11: /components/schemas/Thing/properties/shape/if: \
                 `if`/`then`/`else` have no OpenAPI 3.0 form",
                "openapi-3.1.yaml:150:9: /components/schemas/Thing/$defs/Entry: `$defs` entries",
            ][..],
            // What says in 3.0 all the spec said is read without a word.
            &[
                "/paths/~1things/get/parameters/0/schema/type:",
                "/components/schemas/Thing/properties/kind/const:",
                "/components/schemas/Thing/properties/owner/$ref:",
                "/components/schemas/Thing/properties/previous/anyOf/1:",
            ][..],
        ),
        (
            "quirks-3.0.yaml",
            "quirks",
            "quirks_calls.rs",
            &[
                "quirks-3.0.yaml:18:13: /paths/~1counters~1{id}/get/parameters/0/schema/minimum: \
                 integer `minimum: -9.223372036854776e+18` is read as \
                 `minimum: -9223372036854775808`",
                "quirks-3.0.yaml:41:11: /components/schemas/Counter/properties/total/maximum: \
                 integer `maximum: 1.8446744073709552e+19` is at or beyond the u64 range",
                "quirks-3.0.yaml:66:11: /components/schemas/Level/oneOf/2: a `{type: null}` \
                 member of `oneOf` is read as the other members, nullable (as `allOf` of a \
                 component `…Variant` that holds them)",
            ][..],
            &["/components/schemas/Counter/properties/origin/oneOf/1:"][..],
        ),
    ] {
        let out = scratch.path().join(name);
        let run = common::regen(&specs.join(file), &out);
        let shown = run.describe();
        assert!(run.success, "{shown}");
        run.assert_warned(expected);
        for pointer in silent {
            assert!(!run.stderr.contains(pointer), "{pointer}: {shown}");
        }
        build_with(&out, calls);
    }
}
