//! Any name a spec gives, the generator takes without a panic: operation
//! ids, parameter names, property names and schema names that are not Rust
//! identifiers (a leading digit, a keyword, letters outside ASCII, empty,
//! only punctuation) become identifiers, or the spec is refused with a
//! message. A few such specs are also built, to show the names made are
//! ones rustc takes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

use generator::for_tools::walk::escape;

/// How many specs of arbitrary names are generated.
const CASES: u32 = 48;

/// How many of them are also built: each build takes tens of seconds.
const BUILT: usize = 2;

/// The project's root, where the generator's package sits.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the project")
        .to_owned()
}

/// Names as specs write them, and as they should not.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        // Anything printable, letters of every script among it.
        "\\PC{0,12}",
        // A leading digit (`4oDBrowseByDateFeed`, a Mongo id).
        "[0-9][0-9a-zA-Z_-]{0,12}",
        // Only punctuation, or nothing.
        "[!-/:-@\\[-`{-~]{0,4}",
        // Letters outside ASCII.
        "[à-ÿΑ-ωА-я一-龥]{1,6}",
        // Keywords, and names that are keywords in another case.
        prop::sample::select(vec![
            "type",
            "self",
            "Self",
            "super",
            "crate",
            "fn",
            "gen",
            "async",
            "_",
            "r#type",
            "Client",
            "Error",
            "ResponseValue",
            "mod",
            "default",
            "None",
            "Some",
            "Option",
        ])
        .prop_map(str::to_owned),
        // Ordinary names, so that the others stand among them.
        "[a-z][a-zA-Z]{0,10}",
    ]
}

/// A component name: the spec's rule is `^[a-zA-Z0-9.\-_]+$`; a name
/// outside it is refused, which is an answer too.
fn schema_name() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-zA-Z0-9._-]{1,12}", 1 => name()]
}

/// The names of one spec.
#[derive(Clone, Debug)]
struct Names {
    operations: Vec<String>,
    parameters: Vec<String>,
    properties: Vec<String>,
    schemas: Vec<String>,
    enum_values: Vec<String>,
}

fn names() -> impl Strategy<Value = Names> {
    (
        prop::collection::vec(name(), 1..5),
        prop::collection::vec(name(), 0..4),
        prop::collection::vec(name(), 0..6),
        prop::collection::vec(schema_name(), 1..4),
        prop::collection::vec(name(), 0..4),
    )
        .prop_map(
            |(operations, parameters, properties, schemas, enum_values)| Names {
                operations,
                parameters,
                properties,
                schemas,
                enum_values,
            },
        )
}

/// A spec that uses every name: a schema per name in `schemas`, each with
/// the `properties` (one of them an enum of `enum_values`), and an
/// operation per name in `operations`, with the `parameters` in its query
/// and a header, a body and a response of one of the schemas.
fn spec(names: &Names) -> Value {
    let mut schemas = Map::new();
    for schema in &names.schemas {
        let mut properties = Map::new();
        for property in &names.properties {
            properties.insert(property.clone(), json!({ "type": "string" }));
        }
        if !names.enum_values.is_empty() {
            properties.insert(
                "kind".to_owned(),
                json!({ "type": "string", "enum": names.enum_values }),
            );
        }
        schemas.insert(
            schema.clone(),
            json!({ "type": "object", "properties": properties }),
        );
    }
    let mut paths = Map::new();
    for (n, operation) in names.operations.iter().enumerate() {
        let schema = &names.schemas[n % names.schemas.len()];
        let reference = format!("#/components/schemas/{}", escape(schema));
        let mut parameters = vec![json!({
            "name": "id", "in": "path", "required": true, "schema": { "type": "string" }
        })];
        for (p, parameter) in names.parameters.iter().enumerate() {
            let place = if p % 2 == 0 { "query" } else { "header" };
            parameters.push(json!({
                "name": parameter, "in": place, "schema": { "type": "string" }
            }));
        }
        paths.insert(
            format!("/things{n}/{{id}}"),
            json!({
                "post": {
                    "operationId": operation,
                    "parameters": parameters,
                    "requestBody": {
                        "content": { "application/json": { "schema": { "$ref": reference } } }
                    },
                    "responses": {
                        "200": {
                            "description": "the thing",
                            "content": { "application/json": { "schema": { "$ref": reference } } }
                        }
                    }
                }
            }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Names", "version": "1.0.0" },
        "servers": [{ "url": "http://127.0.0.1:1" }],
        "paths": paths,
        "components": { "schemas": schemas }
    })
}

/// Generates `spec` from a file in `dir`; `Ok(None)` when it is refused.
fn generate(dir: &Path, spec: &Value) -> Result<Option<generator::CrateFiles>, TestCaseError> {
    let path = dir.join("names.json");
    fs::write(&path, serde_json::to_string_pretty(spec).unwrap()).unwrap();
    let settings = generator::Settings {
        standalone: true,
        ..generator::Settings::new(&path, "names.json")
    };
    match generator::generate(&settings) {
        Ok(generated) => Ok(Some(generated.files)),
        Err(error) => {
            let message = error.to_string();
            // A refusal names the spec. (A panic of typify's or
            // progenitor's, caught and told as the component or operation
            // it failed on, is one too: the process goes on.)
            prop_assert!(message.contains("names.json"), "{message}");
            Ok(None)
        }
    }
}

#[test]
fn any_names_are_generated_or_refused_without_a_panic() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let generated = AtomicU32::new(0);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&names(), |names| {
            if generate(scratch.path(), &spec(&names))?.is_some() {
                generated.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    // Most such specs are valid OpenAPI and must give a crate: were they
    // all refused, the test would prove nothing.
    let generated = generated.into_inner();
    assert!(
        generated * 2 > CASES,
        "only {generated} of {CASES} specs generated"
    );
}

/// The names that broke generation or compilation once, in one spec.
fn hostile() -> Names {
    let all = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    Names {
        operations: all(&[
            "4oDBrowseByDateFeed",
            "5476365e031f5909e4fe331e",
            "type",
            "Client",
            "größe-ändern",
            "!!",
        ]),
        parameters: all(&["2fa-id", "self", "page[size]", "Ünïcode", "-", "gen"]),
        properties: all(&["1st", "type", "Self", "größe", "$ref", ""]),
        schemas: all(&["4Thing", "type", "Straße", "a.b-c_d"]),
        enum_values: all(&["1", "-", "self", "ünï", "+1"]),
    }
}

#[test]
fn crates_of_hostile_names_compile() {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut runner = TestRunner::deterministic();
    let mut specs = vec![hostile()];
    while specs.len() < BUILT {
        specs.push(names().new_tree(&mut runner).unwrap().current());
    }
    for (n, names) in specs.iter().enumerate() {
        let dir = scratch.path().join(format!("spec{n}"));
        fs::create_dir_all(&dir).unwrap();
        let spec = spec(names);
        let Some(files) = generate(&dir, &spec).unwrap() else {
            assert!(n > 0, "the hostile names' spec was refused");
            continue;
        };
        let out = dir.join("crate");
        files.write_into(&out).unwrap();
        let root = project_root();
        fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "check",
                "--offline",
                "--all-features",
                "--message-format",
                "short",
            ])
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", root.join("target/generated-crates"))
            .env("CARGO_PROFILE_DEV_DEBUG", "false")
            .output()
            .expect("run cargo");
        let text = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{names:?} do not compile:\n{text}\n{}",
            serde_json::to_string_pretty(&spec).unwrap()
        );
    }
}
