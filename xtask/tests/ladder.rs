//! The ladder: a spec with constructs progenitor refuses still generates,
//! each of them stepped down no further than it must, with a located
//! warning, the closing `typed:` line, and the crate's docs listing what it
//! does not type. The real binary generates each `specs/ladder-*.yaml`, and
//! `cargo xtask try-specs` builds every crate with every feature and no
//! rustc warning, and runs its unit tests.

mod common;

use std::fs;
use std::path::Path;

use common::{project_root, regen_test_spec, xtask};

/// One spec of `xtask/tests/specs/` and what its generation must say.
struct Case {
    spec: &'static str,
    /// Pieces of `warning: ` lines.
    warnings: &'static [&'static str],
    /// The last line of stdout.
    typed: &'static str,
    /// Lines of the generated `src/lib.rs`.
    listed: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        spec: "ladder-components.yaml",
        warnings: &[
            "ladder-components.yaml:38:9: /components/schemas/Activity/properties/team: typify \
             cannot type property `team` of component `Activity` (it failed with: typify names \
             two different types `ActivityTeamLinks`, and the crate would not compile (1 more \
             names are given twice)): the field is any JSON value",
            "ladder-components.yaml:49:5: /components/schemas/Crew: typify cannot type \
             component `Crew`",
        ],
        typed: "typed: 1 of 1 operations fully typed, 0 left out; 2 of 8 schemas untyped",
        listed: &[
            "//! - `Activity`, property `team`: ``it failed with: typify names two different \
             types `ActivityTeamLinks`",
            "//! - `Crew`: ``it failed with: typify names two different types",
        ],
    },
    Case {
        spec: "ladder-not.yaml",
        warnings: &[
            "ladder-not.yaml:13:7: /paths/~1notes/post/requestBody: POST /notes: the request \
             body is any JSON value (progenitor does not implement this construct yet \
             (progenitor: it panicked: not yet implemented: unhandled not schema Object)); the \
             rest of it is typed",
            "/components/schemas/Note/properties/body: typify cannot type property `body`",
            "/components/schemas/NotText: typify cannot type component `NotText`",
        ],
        typed: "typed: 1 of 2 operations fully typed, 0 left out; 2 of 2 schemas untyped",
        listed: &[
            "//! - `create_note` (`POST /notes`): the request body is any JSON value: ",
            "//! - `Note`, property `body`: ",
            "//! - `NotText`: ",
        ],
    },
    Case {
        spec: "ladder-parameters.yaml",
        warnings: &[
            "ladder-parameters.yaml:17:11: /paths/~1events/get/parameters/0: GET /events: \
             parameter `versions` is text the caller writes (progenitor sends query parameters \
             only in `style: form`, not `pipeDelimited`: the caller joins the items with `|`)",
            "ladder-parameters.yaml:26:11: /paths/~1events/get/parameters/3/style: parameter \
             `tags` is a `pipeDelimited` list, which progenitor does not send: the generated \
             method takes the list and joins its items with `|`",
            "ladder-parameters.yaml:52:7: /components/parameters/scope/style: parameter `scope` \
             is a `spaceDelimited` list",
            "/paths/~1events/get/parameters/2: GET /events: parameter `session` is left out: \
             the client cannot send it (progenitor does not send cookie parameters)",
            "/paths/~1account/get: GET /account is left out of the client (its required \
             parameter `sid`: progenitor does not send cookie parameters)",
            "/paths/~1search/get: GET /search is left out of the client (its required \
             parameter `filter`: progenitor cannot send a `style: deepObject` query parameter",
        ],
        typed: "typed: 0 of 3 operations fully typed, 2 left out; 0 of 1 schemas untyped",
        listed: &[
            "//! - `list_events` (`GET /events`): parameter `versions` is text the caller writes: ",
            "//! - `get_account` (`GET /account`): ``its required parameter `sid`: progenitor \
             does not send cookie parameters``",
            "//! - `search` (`GET /search`): ",
        ],
    },
    Case {
        spec: "ladder-operations.yaml",
        warnings: &[
            "/paths/~1export/get/parameters/0: GET /export: parameter `fmt` is text the caller \
             writes (progenitor does not implement this construct yet (progenitor: it panicked: \
             not yet implemented: unhandled not schema Object)); the rest of it is typed",
            "/paths/~1connections~1{id_connection}~1logs: path parameter `id_connection` has \
             the name of a query parameter of GET",
            "/paths/~1expenses~1highest/get/responses/200: GET /expenses/highest: the 200 \
             response is any JSON value",
            "/paths/~1driving_types~1{id}/get: GET /driving_types/{id} is left out of the \
             client (it failed with: it panicked: missing path name mapping id)",
            "/paths/~1subscribe/get/responses/default: a WebSocket operation \
             (`x-dropshot-websocket`) whose only response is `default`",
        ],
        typed: "typed: 4 of 7 operations fully typed, 1 left out; 0 of 0 schemas untyped",
        listed: &[
            "//! Operations left out of the client, which has no method for them:",
            "//! - `get_driving_type` (`GET /driving_types/{id}`): `it failed with: it panicked: \
             missing path name mapping id`",
        ],
    },
    Case {
        spec: "ladder-shapes.yaml",
        warnings: &[
            "ladder-shapes.yaml:21:9: /paths/~1thumbnails/post/callbacks/searchIndex: callback \
             `searchIndex` cannot be read (invalid type: string \"#/components/callbacks/\
             searchIndex\", expected struct PathItem): left out, as the client makes no callback \
             requests",
            "ladder-shapes.yaml:30:3: /paths/~1moved: the path item of `/moved` is a string \
             (\"#/components/pathItems/moved\"), not a mapping of operations: left out",
            "ladder-shapes.yaml:32:5: /paths/~1broken/get: GET /broken cannot be read (invalid \
             type: string \"none\", expected struct Responses): left out of the client",
            "ladder-shapes.yaml:40:5: /paths/~1limited/get: GET /limited cannot be read (it \
             refers to `#/components/parameters/limit`, which cannot be read)",
            "ladder-shapes.yaml:54:11: /components/schemas/Pick/properties/timecode/pattern: \
             `pattern: 0` cannot be read (invalid type: integer `0`, expected a string): left out",
            "ladder-shapes.yaml:56:5: /components/schemas/Redirect: a string (\"Moved \
             temporarily.\") where a schema belongs: read as any JSON value",
            "ladder-shapes.yaml:58:5: /components/parameters/limit: `limit` cannot be read \
             (invalid type: string \"yes\", expected a boolean): left out, with the operations \
             that refer to it",
        ],
        typed: "typed: 2 of 4 operations fully typed, 2 left out; 1 of 2 schemas untyped",
        listed: &[
            "//! - `Redirect`: `it is not a schema`",
            "//! - `getBroken` (`GET /broken`): `invalid type: string \"none\", expected struct \
             Responses`",
            "//! - `getLimited` (`GET /limited`): ",
        ],
    },
];

#[test]
fn every_rung_generates_says_so_and_builds() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    for case in CASES {
        let (out, run) = regen_test_spec(scratch, case.spec, case.spec.trim_end_matches(".yaml"));
        let shown = run.describe();
        assert!(run.success, "{}: {shown}", case.spec);
        run.assert_warned(case.warnings);
        assert_eq!(run.stdout.lines().last(), Some(case.typed), "{shown}");
        let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
        assert!(lib.contains("//! # What the client does not type"), "{lib}");
        for line in case.listed {
            assert!(
                lib.lines().any(|l| l.starts_with(line)),
                "{}: no line {line:?} in lib.rs:\n{lib}",
                case.spec
            );
        }
    }

    let specs = scratch.join("specs");
    fs::create_dir_all(&specs).unwrap();
    for case in CASES {
        let from = project_root().join("xtask/tests/specs").join(case.spec);
        fs::copy(from, specs.join(case.spec)).unwrap();
    }
    let run = xtask(&project_root(), &[Path::new("try-specs"), &specs]);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    for case in CASES {
        let built = format!("{}: built", case.spec);
        assert!(run.stdout.lines().any(|line| line == built), "{shown}");
    }
}

#[test]
fn the_summary_json_holds_the_counts_and_each_step() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    let spec = scratch.join("ladder-operations.yaml");
    fs::copy(
        project_root().join("xtask/tests/specs/ladder-operations.yaml"),
        &spec,
    )
    .unwrap();
    let summary = scratch.join("summary.json");
    let run = xtask(
        &project_root(),
        &[
            Path::new("regen"),
            Path::new("--spec"),
            &spec,
            Path::new("--out"),
            &scratch.join("out"),
            Path::new("--summary-json"),
            &summary,
        ],
    );
    assert!(run.success, "{}", run.describe());
    let json = fs::read_to_string(&summary).unwrap();
    for piece in [
        r#""operations":7"#,
        r#""fully_typed":4"#,
        r#""partly_untyped":2"#,
        r#""left_out":1"#,
        r#""schemas":0"#,
        r#""untyped_schemas":0"#,
        r#""kind":"left_out""#,
        r#""operation":"GET /driving_types/{id}""#,
        r#""part":"the 200 response is any JSON value""#,
    ] {
        assert!(json.contains(piece), "no {piece} in {json}");
    }
}

#[test]
fn a_spec_that_generates_in_full_says_so() {
    let scratch = tempfile::tempdir().unwrap();
    let scratch = scratch.path();
    let (out, run) = regen_test_spec(scratch, "media.yaml", "media");
    assert!(run.success, "{}", run.describe());
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("typed: ") && last.contains(" fully typed, 0 left out; 0 of "),
        "{}",
        run.describe()
    );
    let (fully, total) = last
        .strip_prefix("typed: ")
        .and_then(|rest| rest.split_once(" operations fully typed"))
        .and_then(|(counts, _)| counts.split_once(" of "))
        .unwrap();
    assert_eq!(fully, total, "{last}");
    let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(!lib.contains("What the client does not type"), "{lib}");
}
