//! The generator as a library: what it makes of the project's spec, of a
//! small other API, and how it reports specs it cannot use.

use std::fs;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use generator::{CrateFiles, Error, Settings};
use tempfile::TempDir;

/// The label the project's own files name the spec by.
const SPEC_LABEL: &str = "spec/beltic-identity.yaml";

/// The project's root, where the generator's package sits.
fn project_root() -> PathBuf {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    generator
        .parent()
        .expect("the generator sits in the project")
        .to_owned()
}

fn project_spec() -> PathBuf {
    project_root().join(SPEC_LABEL)
}

/// Writes `text` to `name` inside the folder `dir` and returns its path.
fn write_file(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, text).expect("write a scratch file");
    path
}

fn generate_project() -> CrateFiles {
    generator::generate(&Settings::new(project_spec(), SPEC_LABEL))
        .expect("the project's spec generates")
        .files
}

/// The error for a spec that must fail, with the spec's text in the message
/// if it does not.
fn error_for(path: &Path) -> Error {
    match generator::generate(&Settings::new(path, "spec.yaml")) {
        Ok(_) => panic!(
            "{} generated, but should not have:\n{}",
            path.display(),
            fs::read_to_string(path).unwrap_or_default()
        ),
        Err(error) => error,
    }
}

/// A syntax or shape error's location and message, for a spec that must
/// give one.
struct Located {
    path: PathBuf,
    line: usize,
    column: usize,
    message: String,
}

impl Located {
    /// Asserts that the error names `spec`, a line in `lines`, a column, and
    /// the member `member`.
    fn assert_about(&self, spec: &Path, lines: RangeInclusive<usize>, member: &str) {
        let Located {
            path,
            line,
            column,
            message,
        } = self;
        assert_eq!(path, spec);
        assert!(lines.contains(line), "line {line}: {message}");
        assert!(*column > 0, "column {column}: {message}");
        assert!(message.contains(member), "{message}");
    }
}

fn syntax_error(spec: &Path) -> Located {
    match error_for(spec) {
        Error::Syntax {
            path,
            line,
            column,
            message,
        } => Located {
            path,
            line,
            column,
            message,
        },
        // A well-formed document of the wrong shape is a located problem.
        Error::Invalid { path, problems } if problems[0].location.is_some() => {
            let first = &problems[0];
            let at = first.location.expect("checked");
            Located {
                path,
                line: at.line,
                column: at.column,
                message: format!("{}: {}", first.pointer, first.message),
            }
        }
        other => panic!("expected a located error, got {other:?}"),
    }
}

/// An invalid-document error's path, and the pointer and message of its
/// first problem.
fn invalid_error(spec: &Path) -> (PathBuf, String, String) {
    match error_for(spec) {
        Error::Invalid { path, problems } => {
            let first = problems.into_iter().next().expect("at least one problem");
            (path, first.pointer, first.message)
        }
        other => panic!("expected an invalid-document error, got {other:?}"),
    }
}

fn text_of<'a>(files: &'a CrateFiles, path: &str) -> &'a str {
    files
        .iter()
        .find(|(p, _)| *p == Path::new(path))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no generated {path}"))
}

/// The names of the `[dependencies]` of a generated manifest.
fn dependencies(manifest: &str) -> Vec<&str> {
    manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .expect("a [dependencies] table")
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
        .collect()
}

#[test]
fn checked_in_client_is_fresh() {
    let out = project_root().join("generated-client");
    let files = generate_project();
    let stale = files.stale_in(&out).expect("read the checked-in client");
    let orphans = files.orphans_in(&out).expect("read the checked-in client");
    let paths: Vec<String> = stale
        .iter()
        .map(|file| match file.actual {
            Some(_) => format!("  {} (differs)", file.path.display()),
            None => format!("  {} (missing)", file.path.display()),
        })
        .chain(
            orphans
                .iter()
                .map(|path| format!("  {} (no longer generated)", path.display())),
        )
        .collect();
    assert!(
        paths.is_empty(),
        "generated-client is out of date with {SPEC_LABEL}:\n{}\nrun `cargo xtask regen` and commit the result",
        paths.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let first = generate_project();
    let second = generate_project();
    assert_eq!(first, second, "two generations from the same spec differ");

    // Where the spec lies must not matter, only its label.
    let scratch = tempfile::tempdir().unwrap();
    let spec = fs::read_to_string(project_spec()).expect("read the project's spec");
    let copy = write_file(&scratch, "beltic-identity.yaml", &spec);
    let from_copy = generator::generate(&Settings::new(&copy, SPEC_LABEL))
        .expect("the copy generates")
        .files;
    let paths = |files: &CrateFiles| -> Vec<PathBuf> {
        files.iter().map(|(path, _)| path.to_owned()).collect()
    };
    assert_eq!(paths(&from_copy), paths(&first));
    for ((path, expected), (_, actual)) in first.iter().zip(from_copy.iter()) {
        assert!(
            expected.as_bytes() == actual.as_bytes(),
            "{} differs when generated from a copy of the spec in {}",
            path.display(),
            scratch.path().display()
        );
    }
}

#[test]
fn every_file_has_the_preamble() {
    let files = generate_project();
    let paths: Vec<&Path> = files.iter().map(|(path, _)| path).collect();
    assert_eq!(
        paths,
        [
            Path::new("Cargo.toml"),
            Path::new("src/api.rs"),
            Path::new("src/cli.rs"),
            Path::new("src/connection.rs"),
            Path::new("src/lib.rs"),
            Path::new("src/main.rs"),
            Path::new("src/mock.rs"),
            Path::new("src/operations.rs"),
            Path::new("src/runtime/builders.rs"),
            Path::new("src/runtime/cli.rs"),
            Path::new("src/runtime/config.rs"),
            Path::new("src/runtime/drift.rs"),
            Path::new("src/runtime/error.rs"),
            Path::new("src/runtime/mod.rs"),
            Path::new("src/runtime/open_enums.rs"),
            Path::new("src/runtime/tls.rs"),
            Path::new("src/runtime/transport.rs"),
        ]
    );
    for (path, text) in files.iter() {
        let marker = match path.extension().and_then(|e| e.to_str()) {
            Some("rs") => "//",
            Some("toml") => "#",
            other => panic!("{}: unexpected kind of file {other:?}", path.display()),
        };
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(format!("{marker} Generated by `cargo xtask regen` from {SPEC_LABEL}.").as_str()),
            "{}: first line",
            path.display()
        );
        let second = lines.next().unwrap_or_default();
        assert!(
            second.starts_with(&format!("{marker} Do not edit by hand")),
            "{}: second line is {second:?}",
            path.display()
        );
    }
}

#[test]
fn yaml_syntax_error_is_located() {
    let scratch = tempfile::tempdir().unwrap();
    // Line 5 has a second `:` where a plain scalar may not hold one; it is
    // the 17th character of the line.
    let spec = write_file(
        &scratch,
        "broken.yaml",
        "openapi: 3.0.3\n\
         info:\n  \
           title: Broken\n  \
           version: 1.0.0\n  \
           description: a: b\n\
         paths: {}\n",
    );
    let error = syntax_error(&spec);
    assert_eq!(error.path, spec);
    assert_eq!((error.line, error.column), (5, 17), "{}", error.message);
    assert!(!error.message.is_empty());
    assert!(
        !error.message.contains(" at line "),
        "the location is repeated in the message: {}",
        error.message
    );
    let shown = error_for(&spec).to_string();
    let prefix = format!("{}:5:17:", spec.display());
    assert!(
        shown.starts_with(&prefix),
        "{shown:?} does not start with {prefix:?}"
    );
}

#[test]
fn an_unclosed_quote_points_back_to_where_it_opened() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "unclosed.yaml",
        "openapi: 3.0.3\n\
         info:\n  \
           title: Broken\n  \
           version: 1.0.0\n  \
           description: \"unclosed\n\
         paths: {}\n",
    );
    let shown = error_for(&spec).to_string();
    // The parser notices at the end of the file; the message must still
    // lead the reader to line 5, where the quote opened.
    assert!(shown.contains("quoted scalar"), "{shown}");
    assert!(shown.contains("line 5"), "{shown}");
}

#[test]
fn shape_error_is_located() {
    let scratch = tempfile::tempdir().unwrap();
    // Well-formed YAML, but `paths` must be a map of path to item.
    let list = write_file(
        &scratch,
        "list.yaml",
        "openapi: 3.0.3\n\
         info:\n  \
           title: Shape\n  \
           version: 1.0.0\n\
         paths:\n  \
           - /a\n  \
           - /b\n",
    );
    syntax_error(&list).assert_about(&list, 5..=7, "paths");

    // `servers` must be a list. (An `info` without its `title` is given
    // one: see `spec/untyped/document.rs`.)
    let servers = write_file(
        &scratch,
        "servers.yaml",
        "openapi: 3.0.3\n\
         info:\n  \
           title: Shape\n  \
           version: 1.0.0\n\
         servers:\n  \
           url: https://api.example.com\n\
         paths: {}\n",
    );
    syntax_error(&servers).assert_about(&servers, 5..=6, "servers");
}

#[test]
fn unsupported_version_is_explained() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "new.yaml",
        "openapi: 3.2.0\n\
         info:\n  \
           title: Newer\n  \
           version: 1.0.0\n\
         paths: {}\n",
    );
    let (path, pointer, message) = invalid_error(&spec);
    assert_eq!(path, spec);
    assert_eq!(pointer, "/openapi");
    assert!(
        message.contains("OpenAPI 3.2.0 is not supported"),
        "{message}"
    );
    assert!(message.contains("3.0.x, and 3.1.x"), "{message}");
}

#[test]
fn empty_and_non_openapi_files() {
    let scratch = tempfile::tempdir().unwrap();

    let empty = write_file(&scratch, "empty.yaml", "");
    let (path, _, message) = invalid_error(&empty);
    assert_eq!(path, empty);
    assert!(message.contains("empty"), "{message}");

    // A problem with the whole document has no pointer to show.
    let shown = error_for(&empty).to_string();
    assert_eq!(
        shown,
        format!(
            "{}: the file is empty; expected an OpenAPI 3.0 document",
            empty.display()
        )
    );

    let other = write_file(&scratch, "other.yaml", "{foo: 1}\n");
    let (path, _, message) = invalid_error(&other);
    assert_eq!(path, other);
    assert!(message.contains("openapi"), "{message}");
}

#[test]
fn missing_file() {
    let scratch = tempfile::tempdir().unwrap();
    let absent = scratch.path().join("absent.yaml");
    let error = error_for(&absent);
    assert!(
        error.to_string().starts_with(&absent.display().to_string()),
        "{error}"
    );
    match error {
        Error::ReadSpec { path, source } => {
            assert_eq!(path, absent);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected a read error, got {other:?}"),
    }
}

/// A small API unlike the project's: bearer authentication, no
/// `x-rust-client`, and no uuid or date formats.
const PET_STORE: &str = r##"openapi: 3.0.3
info:
  title: Pet Store
  version: 2.1.0
servers:
  - url: https://pets.example.test/api/
security:
  - tokenAuth: []
paths:
  /pets/{petId}:
    get:
      operationId: showPet
      parameters:
        - name: petId
          in: path
          required: true
          schema:
            type: integer
            format: int64
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/NewPet'
      responses:
        '201':
          description: The pet as stored.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  securitySchemes:
    tokenAuth:
      type: http
      scheme: bearer
  schemas:
    NewPet:
      type: object
      required: [name]
      properties:
        name:
          type: string
        tag:
          type: string
    Pet:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
          format: int64
        name:
          type: string
        tag:
          type: string
"##;

/// A spec whose types check a `pattern`: the checks go through the
/// runtime's `Pattern` (linear-time regex first), which the crate gets with
/// its two engines; the pet store, without one, gets neither.
#[test]
fn pattern_checks_match_in_linear_time() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = format!("{PET_STORE}    Code:\n      type: string\n      pattern: '^([a-z]*)*$'\n");
    let spec = write_file(&scratch, "codes.yaml", &spec);
    let files = generator::generate(&Settings::new(&spec, "codes.yaml"))
        .expect("the spec generates")
        .files;
    let api = text_of(&files, "src/api.rs");
    assert!(
        api.contains("crate::runtime::patterns::Pattern::new(\"^([a-z]*)*$\")"),
        "{api}"
    );
    assert!(!api.contains("regress"), "{api}");
    let manifest = text_of(&files, "Cargo.toml");
    let deps = dependencies(manifest);
    assert!(
        deps.contains(&"regex") && deps.contains(&"regress"),
        "{deps:?}"
    );
    assert!(manifest.contains("\nregex = \"1.11\"\n"), "{manifest}");
    assert!(
        manifest.contains("\nmock = [\"dep:httpmock\"]\n"),
        "{manifest}"
    );
    assert!(text_of(&files, "src/runtime/mod.rs").contains("\npub mod patterns;\n"));
    text_of(&files, "src/runtime/patterns.rs");

    let spec = write_file(&scratch, "pet-store.yaml", PET_STORE);
    let files = generator::generate(&Settings::new(&spec, "pet-store.yaml"))
        .expect("the pet store generates")
        .files;
    let manifest = text_of(&files, "Cargo.toml");
    assert!(!dependencies(manifest).contains(&"regress"), "{manifest}");
    assert!(
        manifest.contains("\nmock = [\"dep:httpmock\", \"dep:regex\"]\n"),
        "{manifest}"
    );
    assert!(files.iter().all(|(path, _)| !path.ends_with("patterns.rs")));
}

#[test]
fn a_small_other_api_generates() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "pet-store.yaml", PET_STORE);
    let files = generator::generate(&Settings::new(&spec, "pet-store.yaml"))
        .expect("the pet store generates")
        .files;

    let manifest = text_of(&files, "Cargo.toml");
    assert!(
        manifest.contains("\n[package]\nname = \"pet-store\"\nversion = \"0.1.0\"\n"),
        "{manifest}"
    );
    let deps = dependencies(manifest);
    assert!(deps.contains(&"reqwest"), "{deps:?}");
    assert!(!deps.contains(&"uuid"), "{deps:?}");
    assert!(!deps.contains(&"chrono"), "{deps:?}");
    // The project's spec, which has uuid and date-time strings, does list
    // them: the check above is not vacuous.
    let project = generate_project();
    let project_deps = dependencies(text_of(&project, "Cargo.toml"));
    assert!(project_deps.contains(&"uuid"), "{project_deps:?}");
    assert!(project_deps.contains(&"chrono"), "{project_deps:?}");

    let connection = text_of(&files, "src/connection.rs");
    for expected in [
        "bearer_token",
        // The credential's variable is `<prefix>_BEARER_TOKEN`, the prefix
        // coming from the title.
        "\"PET_STORE_BEARER_TOKEN\"",
        "\"PET_STORE_BASE_URL\"",
        "\"authorization\"",
        "Bearer {secret}",
        // The server's URL, without its trailing `/`.
        "\"https://pets.example.test/api\"",
    ] {
        assert!(
            connection.contains(expected),
            "src/connection.rs lacks {expected}:\n{connection}"
        );
    }
    assert!(!connection.contains("api_key"), "{connection}");

    let api = text_of(&files, "src/api.rs");
    for expected in [
        "pub async fn show_pet",
        "pub async fn add_pet",
        "pub struct NewPet",
    ] {
        assert!(api.contains(expected), "src/api.rs lacks {expected}");
    }
    let lib = text_of(&files, "src/lib.rs");
    assert!(lib.contains("pet_store::Client::from_env()"), "{lib}");
    assert!(
        lib.starts_with("// Generated by `cargo xtask regen` from pet-store.yaml.\n"),
        "{lib}"
    );
}

/// One operation per reading the generator makes instead of refusing.
const READINGS: &str = r##"openapi: 3.0.3
info:
  title: Readings
  version: 1.0.0
paths:
  /things:
    get:
      responses:
        '200':
          description: Any JSON at all.
          content:
            application/json: {}
    post:
      requestBody:
        content:
          text/plain:
            schema:
              type: string
          application/vnd.api+json:
            schema:
              $ref: '#/components/schemas/Thing'
            encoding:
              name:
                contentType: text/plain
      responses:
        '201':
          description: Created.
          content:
            application/problem+json:
              schema:
                $ref: '#/components/schemas/Thing'
  /other:
    get:
      operationId: getThings
      responses:
        '204':
          description: Nothing.
  /things/{id}:
    delete:
      operationId: deleteThing
      parameters:
        - name: id
          in: path
          schema:
            type: string
      responses:
        '204':
          description: Deleted.
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: string
"##;

#[test]
fn readings_are_applied_and_each_is_warned() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "readings.yaml", READINGS);
    let files = generator::generate(&Settings::new(&spec, "readings.yaml"))
        .expect("the readings generate")
        .files;

    let warnings: Vec<String> = files
        .warnings()
        .iter()
        .map(|w| {
            let at = w.location.expect("every warning is located");
            format!("{}:{} {}", at.line, at.column, w.pointer)
        })
        .collect();
    assert_eq!(
        warnings,
        [
            // `getThings` is declared: the derived name steps aside.
            "7:5 /paths/~1things/get",
            "12:13 /paths/~1things/get/responses/200/content/application~1json",
            "13:5 /paths/~1things/post",
            "15:9 /paths/~1things/post/requestBody/content",
            "19:11 /paths/~1things/post/requestBody/content/application~1vnd.api+json",
            "22:13 /paths/~1things/post/requestBody/content/application~1vnd.api+json/encoding",
            "29:13 /paths/~1things/post/responses/201/content/application~1problem+json",
            "42:11 /paths/~1things~1{id}/delete/parameters/0",
        ],
        "{:#?}",
        files.warnings()
    );
    let messages: Vec<&str> = files
        .warnings()
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(messages[0].contains("`get_things_2`"), "{}", messages[0]);
    assert!(messages[1].contains("any JSON value"), "{}", messages[1]);
    assert!(messages[2].contains("`post_things`"), "{}", messages[2]);
    assert!(messages[3].contains("sends JSON"), "{}", messages[3]);
    assert!(messages[7].contains("required"), "{}", messages[7]);

    let api = text_of(&files, "src/api.rs");
    for expected in [
        "pub async fn get_things_2<'a>(\n        &'a self,\n    ) -> Result<ResponseValue<::serde_json::Value>",
        "pub async fn post_things<'a>(\n        &'a self,\n        body: &'a types::Thing,\n    ) -> Result<ResponseValue<types::Thing>",
        "pub async fn get_things<'a>(",
        "pub async fn delete_thing<'a>(\n        &'a self,\n        id: &'a str,",
    ] {
        assert!(api.contains(expected), "src/api.rs lacks {expected}");
    }
    assert!(!api.contains("text/plain"), "the text body was not dropped");
}

#[test]
fn operation_ids_of_one_method_name_are_named_apart() {
    // clicksend.com has `List rules` and `List Rules`; ndhm.gov.in
    // `generateMobileOtpUsingPOST` and `generateMobileOTPUsingPOST`.
    let scratch = tempfile::tempdir().unwrap();
    let op = |id: &str| {
        format!(
            "    get:\n      operationId: {id}\n      responses:\n        '204':\n          description: Done.\n"
        )
    };
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: Rules, version: '1'}}\npaths:\n  /sms:\n{}  /fax:\n{}  /mail:\n{}  /a:\n{}  /b:\n{}",
        op("List rules"),
        op("List Rules"),
        op("list_rules_2"),
        op("getRule"),
        op("getRule"),
    );
    let spec = write_file(&scratch, "rules.yaml", &text);
    let files = generator::generate(&Settings::new(&spec, "rules.yaml"))
        .expect("operationIds of one method name generate")
        .files;

    let said: Vec<(usize, &str, &str)> = files
        .warnings()
        .iter()
        .map(|w| {
            let at = w.location.expect("every warning is located");
            (at.line, w.pointer.as_str(), w.message.as_str())
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                12,
                "/paths/~1fax/get/operationId",
                // `list_rules_2` is declared: the name steps past it.
                "operationId `List Rules` gives the method name `list_rules` of operationId \
                 `List rules` of GET /sms: the generator names this method `list_rules_3`; set \
                 another `operationId` to choose the name"
            ),
            (
                30,
                "/paths/~1b/get/operationId",
                "operationId `getRule` is also the operationId of GET /a: the generator names \
                 this method `get_rule_2`; set another `operationId` to choose the name"
            ),
        ],
    );
    let api = text_of(&files, "src/api.rs");
    for method in [
        "list_rules",
        "list_rules_2",
        "list_rules_3",
        "get_rule",
        "get_rule_2",
    ] {
        assert!(
            api.contains(&format!("pub async fn {method}<'a>(")),
            "src/api.rs lacks {method}"
        );
    }
}

#[test]
fn json_specs_are_read_as_json() {
    let scratch = tempfile::tempdir().unwrap();
    // Tabs are fine in JSON, though YAML refuses them as indentation.
    let tabs = write_file(
        &scratch,
        "tabs.json",
        "{\n\t\"openapi\": \"3.0.3\",\n\t\"info\": {\"title\": \"Tabs\", \"version\": \"1\"},\n\t\"paths\": {}\n}\n",
    );
    generator::generate(&Settings::new(&tabs, "tabs.json"))
        .expect("a tab-indented JSON spec generates");

    let comma = write_file(
        &scratch,
        "comma.json",
        "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"T\", \"version\": \"1\"},\n \"paths\": {},}\n",
    );
    let error = syntax_error(&comma);
    assert_eq!((error.line, error.column), (3, 14), "{}", error.message);
    assert_eq!(error.message, "trailing comma");
}

#[test]
fn the_crate_name_can_be_chosen() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "pet-store.yaml", PET_STORE);
    let settings = |name: &str| Settings {
        crate_name: Some(name.to_owned()),
        standalone: true,
        ..Settings::new(&spec, "pet-store.yaml")
    };
    let files = generator::generate(&settings("pets"))
        .expect("the pet store generates")
        .files;
    let manifest = text_of(&files, "Cargo.toml");
    assert!(manifest.contains("\nname = \"pets\"\n"), "{manifest}");
    assert!(manifest.ends_with("\n[workspace]\n"), "{manifest}");
    assert!(text_of(&files, "src/connection.rs").contains("\"PETS_BASE_URL\""));

    match generator::generate(&settings("Pet_Store")) {
        Err(Error::CrateName { name }) => assert_eq!(name, "Pet_Store"),
        other => panic!("expected a crate name error, got {other:?}"),
    }
}

#[test]
fn packaging_and_server_problems_are_reported_together() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        r#"openapi: 3.0.3
info: {title: Odd, version: "1"}
x-rust-client:
  env-prefix: lower-case
  version: 3
servers:
  - url: https://{region}.example.com
paths: {}
"#,
    );
    let Error::Invalid { problems, .. } = error_for(&spec) else {
        panic!("expected an invalid-document error");
    };
    let found: Vec<(String, &str)> = problems
        .iter()
        .map(|p| {
            let at = p.location.expect("located");
            (format!("{}:{}", at.line, at.column), p.pointer.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            // Each at the member's key.
            ("4:3".to_owned(), "/x-rust-client/env-prefix"),
            ("5:3".to_owned(), "/x-rust-client/version"),
            ("7:5".to_owned(), "/servers/0/url"),
        ],
        "{problems:#?}"
    );
}

#[test]
fn a_package_version_that_is_not_semver_is_refused() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: Odd, version: \"1\"}\nx-rust-client:\n  version: \"1.0\"\npaths: {}\n",
    );
    let Error::Invalid { problems, .. } = error_for(&spec) else {
        panic!("expected an invalid-document error");
    };
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].pointer, "/x-rust-client/version");
    assert!(
        problems[0]
            .message
            .contains("`1.0` is not a SemVer version"),
        "{problems:#?}"
    );
}

#[test]
fn a_credential_the_client_cannot_send_is_warned_about() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        r#"openapi: 3.0.3
info: {title: Tokens, version: "1"}
paths: {}
components:
  securitySchemes:
    Login:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}
"#,
    );
    let files = generator::generate(&Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    let warning = &files.warnings()[0];
    assert_eq!(warning.pointer, "/components/securitySchemes/Login");
    assert!(
        warning.message.contains("sends no credential"),
        "{}",
        warning.message
    );

    // rapidapi.com's dynamicdocs names its key header `ADVICEment API Key`:
    // no request can carry it, and the rest of the client is still good.
    let spec = write_file(
        &scratch,
        "spaces.yaml",
        r#"openapi: 3.0.3
info: {title: Spaces, version: "1"}
paths: {}
components:
  securitySchemes:
    Key: {type: apiKey, in: header, name: "ADVICEment API Key"}
security:
  - Key: []
"#,
    );
    let generated = generator::generate(&Settings::new(&spec, "spaces.yaml"))
        .expect("a key header HTTP does not allow is left out, not refused");
    let warning = &generated.files.warnings()[0];
    assert_eq!(warning.pointer, "/components/securitySchemes/Key/name");
    assert_eq!(warning.location.map(|at| at.line), Some(6));
    assert_eq!(
        warning.message,
        "`ADVICEment API Key` is not a valid HTTP header name, so no request can carry the key \
         of security scheme `Key`: the generated client sends no credential for it"
    );
    let connection = text_of(&generated.files, "src/connection.rs");
    assert!(
        !connection.to_ascii_lowercase().contains("advicement"),
        "the header is still sent"
    );

    // solidtime's only scheme is an OAuth flow without `tokenUrl`, which
    // does not read and is left out, and a scheme may be a `$ref`: the
    // `security` that names either costs the credential, not the client.
    for (name, schemes, pointer) in [
        (
            "gone.yaml",
            "oauth2: {type: oauth2, flows: {authorizationCode: {authorizationUrl: 'https://a.example/authorize'}}}",
            "/security",
        ),
        (
            "referred.yaml",
            "oauth2: {$ref: '#/components/securitySchemes/Key'}\n    Key: {type: apiKey, in: header, name: X-Key}",
            "/components/securitySchemes/oauth2",
        ),
    ] {
        let spec = write_file(
            &scratch,
            name,
            &format!(
                "openapi: 3.0.3\ninfo: {{title: Gone, version: \"1\"}}\npaths: {{}}\n\
                 components:\n  securitySchemes:\n    {schemes}\nsecurity:\n  - oauth2: []\n"
            ),
        );
        let generated = generator::generate(&Settings::new(&spec, name))
            .unwrap_or_else(|e| panic!("{name}: a scheme that is not there is not a refusal: {e}"));
        let warnings = generated.files.warnings();
        let warning = warnings
            .iter()
            .find(|w| w.message.contains("sends no credential"))
            .unwrap_or_else(|| panic!("{name}: {warnings:#?}"));
        assert_eq!(warning.pointer, pointer, "{name}");
        assert!(warning.message.contains("`oauth2`"), "{}", warning.message);
        let connection = text_of(&generated.files, "src/connection.rs");
        assert!(!connection.contains("x-key"), "{name}: a key is sent");
    }
}

#[test]
fn optional_parameters_are_setters_and_one_named_like_an_option_is_renamed() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        r#"openapi: 3.0.3
info: {title: Jobs, version: "1"}
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: timeout, in: query, description: Seconds to wait for the job., schema: {type: integer}}
        - {name: verbose, in: query, schema: {type: boolean}}
        - {name: stream, in: query, schema: {type: boolean}}
      responses:
        '204': {description: Done}
"#,
    );
    let files = generator::generate(&generator::Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    let warnings: Vec<String> = files.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            format!(
                "{}:9:12: /paths/~1jobs~1{{id}}/get/parameters/1: the optional parameter \
                 `timeout` is set with `timeout_parameter()`: `timeout()` is the call's own \
                 option",
                spec.display()
            ),
            // A list operation's call streams with `stream()`; every call
            // keeps the name free.
            format!(
                "{}:11:12: /paths/~1jobs~1{{id}}/get/parameters/3: the optional parameter \
                 `stream` is set with `stream_parameter()`: `stream()` is the call's own method",
                spec.display()
            )
        ],
    );
    let operations = text_of(&files, "src/operations.rs");
    // The method takes the required parameter alone.
    assert!(
        operations.contains("pub fn get_job<'a>(&'a self, id: &'a str) -> GetJob<'a> {"),
        "{operations}"
    );
    // Each optional one is a setter, with what the spec says of it; the
    // option keeps its name.
    for setter in [
        "/// Sets `timeout`: Seconds to wait for the job.\n    \
         pub fn timeout_parameter(mut self, timeout: i64) -> Self {",
        "pub fn verbose(mut self, verbose: bool) -> Self {",
        "pub fn stream_parameter(mut self, stream: bool) -> Self {",
        "pub fn timeout(mut self, timeout: Duration) -> Self {",
    ] {
        assert!(
            operations.contains(setter),
            "no {setter:?} in\n{operations}"
        );
    }
}

#[test]
fn a_security_requirement_without_its_scheme_is_said_even_without_components() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: Bare, version: \"1\"}\npaths: {}\nsecurity:\n  - Key: []\n",
    );
    let generated = generator::generate(&Settings::new(&spec, "spec.yaml")).expect("it generates");
    let warnings = generated.files.warnings();
    let warning = warnings
        .iter()
        .find(|w| w.pointer == "/security")
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(warning.message.contains("`Key`"), "{}", warning.message);
    assert!(
        warning.message.contains("sends no credential"),
        "{}",
        warning.message
    );
}

/// The `[dev-dependencies]` of a generated manifest, as written.
fn dev_dependencies(manifest: &str) -> Vec<&str> {
    manifest
        .split("\n[dev-dependencies]\n")
        .nth(1)
        .expect("a [dev-dependencies] table")
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

#[test]
fn dev_dependencies_are_the_crate_itself_and_what_the_spec_lists() {
    let scratch = tempfile::tempdir().unwrap();
    let plain = write_file(
        &scratch,
        "plain.yaml",
        "openapi: 3.0.3\ninfo: {title: Odd, version: \"1\"}\npaths: {}\n",
    );
    let files = generator::generate(&Settings::new(&plain, "plain.yaml"))
        .expect("generates")
        .files;
    assert_eq!(
        dev_dependencies(text_of(&files, "Cargo.toml")),
        [r#"odd = { path = ".", features = ["cli", "mock"] }"#]
    );

    let listed = write_file(
        &scratch,
        "listed.yaml",
        r#"openapi: 3.0.3
info: {title: Odd, version: "1"}
x-rust-client:
  dev-dependencies:
    wiremock: "0.6.5"
    tracing-subscriber: {default-features: false, features: [fmt], version: "0.3.20"}
    local_helpers: {path: "../helpers"}
paths: {}
"#,
    );
    let files = generator::generate(&Settings::new(&listed, "listed.yaml"))
        .expect("generates")
        .files;
    assert_eq!(
        dev_dependencies(text_of(&files, "Cargo.toml")),
        [
            r#"odd = { path = ".", features = ["cli", "mock"] }"#,
            r#"local_helpers = { path = "../helpers" }"#,
            r#"tracing-subscriber = { version = "0.3.20", default-features = false, features = ["fmt"] }"#,
            r#"wiremock = "0.6.5""#,
        ]
    );
}

#[test]
fn dev_dependency_problems_are_located() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        r#"openapi: 3.0.3
info: {title: Odd, version: "1"}
x-rust-client:
  crate: odd
  dev-dependencies:
    "not a name": "1"
    odd: "1"
    proptest: "one point seven"
    serde: 7
    tokio: {features: [macros]}
    wiremock: {version: "0.6", features: [1]}
paths: {}
"#,
    );
    let Error::Invalid { problems, .. } = error_for(&spec) else {
        panic!("expected an invalid-document error");
    };
    let found: Vec<(usize, String)> = problems
        .iter()
        .map(|p| (p.location.expect("located").line, p.pointer.clone()))
        .collect();
    let expected: Vec<(usize, String)> = [
        (6, "not a name"),
        (7, "odd"),
        (8, "proptest"),
        (9, "serde"),
        (10, "tokio"),
        (11, "wiremock/features"),
    ]
    .into_iter()
    .map(|(line, member)| (line, format!("/x-rust-client/dev-dependencies/{member}")))
    .collect();
    assert_eq!(found, expected, "{problems:#?}");
    let says = [
        "is not a package name",
        "already its own dev-dependency",
        "not a version requirement",
        "version requirement such as",
        "needs a `version`",
        "list of strings",
    ];
    for (problem, says) in problems.iter().zip(says) {
        assert!(problem.message.contains(says), "{problem:#?}");
    }
}

/// A list operation in `/paths/~1a`, with `mark` as its `x-pagination`
/// (indented to sit under `get:`), a query parameter `after`, and a body of
/// `rows` and `next`.
fn paged_spec(mark: &str) -> String {
    format!(
        r#"openapi: 3.0.3
info: {{title: Pages, version: "1"}}
paths:
  /a:
    get:
      operationId: listA
{mark}
      parameters:
        - {{name: after, in: query, schema: {{type: string}}}}
        - {{name: "page[after]", in: query, schema: {{type: string}}}}
      responses:
        '200':
          description: A page.
          content:
            application/json:
              schema:
                type: object
                required: [rows]
                properties:
                  rows: {{type: array, items: {{type: string}}}}
                  next: {{type: string}}
"#
    )
}

#[test]
fn a_pagination_mark_that_cannot_be_read_is_refused_where_it_is_written() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        &paged_spec(
            "      x-pagination:\n        cursor: before\n        items: rows\n        \
             next-link: /links/next\n        next-cursor: /next\n        size: 10",
        ),
    );
    let Error::Invalid { problems, .. } = error_for(&spec) else {
        panic!("expected an invalid-document error");
    };
    let found: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| {
            let line = p.location.expect("located").line;
            (line, p.pointer.as_str(), p.message.as_str())
        })
        .collect();
    let mark = "/paths/~1a/get/x-pagination";
    let both = "both `next-link` and `next-cursor`: give one of them";
    assert_eq!(
        found,
        [
            (7, mark, both),
            (
                8,
                &format!("{mark}/cursor")[..],
                "the operation has no query parameter `before` to send the cursor in"
            ),
            (
                9,
                &format!("{mark}/items")[..],
                "`rows` is not a JSON pointer into the success body: write it as \
                 `/member/member`, such as `/links/next`"
            ),
            (
                12,
                &format!("{mark}/size")[..],
                "unknown key `size`: `x-pagination` has `cursor`, `items`, `next-link` and \
                 `next-cursor`"
            ),
        ],
        "{problems:#?}"
    );
}

#[test]
fn a_pagination_mark_the_body_does_not_match_is_refused() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        &paged_spec("      x-pagination: {cursor: after, items: /rows, next-cursor: /meta/next}"),
    );
    let (_, pointer, message) = invalid_error(&spec);
    assert_eq!(pointer, "/paths/~1a/get/x-pagination");
    assert_eq!(
        message,
        "`listA` cannot be streamed as `x-pagination` says: `/meta` in the success body is \
         not in its schema"
    );

    // The same mark with the body's members streams; the `page[after]`
    // parameter then reads as nothing more.
    let spec = write_file(
        &scratch,
        "spec.yaml",
        &paged_spec("      x-pagination: {cursor: after, items: /rows, next-cursor: /next}"),
    );
    let files = generator::generate(&Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    assert!(files.warnings().is_empty(), "{:#?}", files.warnings());
    let streams = text_of(&files, "src/page_streams.rs");
    assert!(streams.contains("impl<'a> ListA<'a> {"), "{streams}");
    assert!(streams.contains("pub fn stream("), "{streams}");
    assert!(
        streams.contains("Ok(Page::new(&sent, \"list_a\", page.rows, next))"),
        "{streams}"
    );
}

#[test]
fn another_tools_pagination_mark_is_left_out_with_a_warning() {
    // Datadog's: none of the mark's keys are this generator's.
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(
        &scratch,
        "spec.yaml",
        &paged_spec(
            "      x-pagination:\n        limitParam: count\n        pageOffsetParam: start\n        \
             resultsPath: rows",
        ),
    );
    let files = generator::generate(&Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    let warnings = files.warnings();
    let mark: Vec<_> = warnings
        .iter()
        .filter(|w| w.pointer == "/paths/~1a/get/x-pagination")
        .collect();
    assert_eq!(mark.len(), 1, "{warnings:#?}");
    assert_eq!(mark[0].location.map(|l| l.line), Some(7));
    assert!(
        mark[0].message.contains(
            "`x-pagination` of `limitParam`, `pageOffsetParam`, `resultsPath` has none of \
             this generator's keys"
        ),
        "{warnings:#?}"
    );
    // The operation is read as if unmarked: its `page[after]` parameter is
    // JSON:API's, which this body cannot stream, and it gets its call.
    assert!(
        warnings
            .iter()
            .any(|w| w.pointer == "/paths/~1a/get/parameters/1"),
        "{warnings:#?}"
    );
    let operations = text_of(&files, "src/operations.rs");
    assert!(operations.contains("pub fn list_a<"), "{operations}");
}

#[test]
fn paging_read_without_a_mark_warns_when_it_cannot_stream_unless_turned_off() {
    let scratch = tempfile::tempdir().unwrap();
    // `page[after]` reads as JSON:API paging, but the body has no `data`.
    let spec = write_file(&scratch, "spec.yaml", &paged_spec(""));
    let files = generator::generate(&Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    let warnings = files.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].pointer, "/paths/~1a/get/parameters/1");
    assert!(
        warnings[0]
            .message
            .contains("`/data` in the success body is not in its schema"),
        "{warnings:#?}"
    );
    assert!(
        !files
            .iter()
            .any(|(path, _)| path.ends_with("page_streams.rs"))
    );

    let spec = write_file(
        &scratch,
        "spec.yaml",
        &paged_spec("      x-pagination: false"),
    );
    let files = generator::generate(&Settings::new(&spec, "spec.yaml"))
        .expect("it generates")
        .files;
    assert!(files.warnings().is_empty(), "{:#?}", files.warnings());
    let manifest = text_of(&files, "Cargo.toml");
    // The command line's `futures-core` aside, which every crate has.
    assert!(!manifest.contains("\nfutures ="), "{manifest}");
}

/// Form bodies: how each member's `encoding` is read, and where a reading
/// is warned.
const FORM_READINGS: &str = r##"openapi: 3.0.3
info:
  title: Forms
  version: 1.0.0
paths:
  /searches:
    post:
      operationId: search
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                words: {type: array, items: {type: string}}
                ids: {type: array, items: {type: integer}}
                codes: {type: array, items: {type: string}}
                kinds: {type: array, items: {type: string}}
                expand: {type: array, items: {type: string}}
                tags: {type: array, items: {type: string}}
                range:
                  type: object
                  properties:
                    from: {type: integer}
                sort:
                  type: array
                  items:
                    type: object
                    properties:
                      field: {type: string}
                unset:
                  anyOf:
                    - {type: object, additionalProperties: {type: string}}
                    - {type: string, enum: ['']}
            encoding:
              words: {style: spaceDelimited}
              ids: {style: pipeDelimited, explode: false}
              codes: {style: form, explode: false}
              kinds: {style: form}
              expand: {style: deepObject, explode: true}
              range: {style: spaceDelimited}
              unset: {style: deepObject, explode: true}
      responses:
        '204':
          description: Done.
  /notes:
    post:
      operationId: writeNote
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                text: {type: string}
            encoding:
              text: {style: deepObject, explode: true}
      responses:
        '204':
          description: Done.
"##;

#[test]
fn form_members_are_written_as_their_encoding_says_and_readings_are_warned() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "forms.yaml", FORM_READINGS);
    let files = generator::generate(&Settings::new(&spec, "forms.yaml"))
        .expect("the forms generate")
        .files;
    let warnings: Vec<String> = files
        .warnings()
        .iter()
        .filter(|w| w.message.starts_with("form member"))
        .map(|w| {
            let at = w.location.expect("every warning is located");
            format!("{}:{} {} {}", at.line, at.column, w.pointer, w.message)
        })
        .collect();
    // The list of objects with no `encoding`, and the object with a
    // delimited style: both bracketed, and said so where the spec says it.
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "25:17 /paths/~1searches/post/requestBody/content/\
             application~1x-www-form-urlencoded/schema/properties/sort form member `sort` is an \
             object or a list of objects, and the body's `encoding` does not say how to write it"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(
            "41:15 /paths/~1searches/post/requestBody/content/\
             application~1x-www-form-urlencoded/encoding/range form member `range` is an object or \
             a list of objects, and `spaceDelimited` and `pipeDelimited` are for lists of scalars"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].contains("`range[key]=value`"),
        "{}",
        warnings[1]
    );

    // The lists of scalars, each as its style says: `spaceDelimited` and
    // `style: form` leave `explode` to its default (false, and true).
    let operations = text_of(&files, "src/operations.rs");
    // In the order of the form's properties.
    let styles = [
        "(\"words\", crate::runtime::forms::Style::Delimited(' '))",
        "(\"ids\", crate::runtime::forms::Style::Delimited('|'))",
        "(\"codes\", crate::runtime::forms::Style::Delimited(','))",
        "(\"kinds\", crate::runtime::forms::Style::Repeated)",
        "(\"tags\", crate::runtime::forms::Style::Repeated)",
    ];
    let called = operations
        .split("crate::runtime::forms::encode(")
        .nth(1)
        .expect("`search` encodes its form");
    let called = &called[..called.find(")?;").expect("one call")];
    let listed: Vec<&str> = called
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("(\""))
        .map(|line| line.trim_end_matches(','))
        .collect();
    assert_eq!(listed, styles, "{called}");
    // Only one body is written by the runtime: the note's `deepObject`
    // scalar is `text=value` either way, which progenitor writes.
    assert_eq!(operations.matches("forms::encode(").count(), 1);
    let api = text_of(&files, "src/api.rs");
    assert_eq!(api.matches(".form_urlencoded(&body)?").count(), 1, "{api}");
    let manifest = text_of(&files, "Cargo.toml");
    assert!(manifest.contains("serde_qs = \"1.1.3\""), "{manifest}");
}

/// Bodies without a `schema`, as okta's idp-minimal writes one, inline and
/// shared.
const BODIES_WITHOUT_SCHEMA: &str = r##"openapi: 3.0.3
info:
  title: Enrollments
  version: 1.0.0
paths:
  /enrollments:
    post:
      operationId: startEnrollment
      requestBody:
        content:
          application/json: {}
      responses:
        '204':
          description: Started.
  /renewals:
    post:
      operationId: renewEnrollment
      requestBody:
        $ref: '#/components/requestBodies/Anything'
      responses:
        '204':
          description: Renewed.
components:
  requestBodies:
    Anything:
      content:
        application/merge-patch+json: {}
"##;

#[test]
fn a_json_body_without_a_schema_is_any_json_value() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "bodies.yaml", BODIES_WITHOUT_SCHEMA);
    let files = generator::generate(&Settings::new(&spec, "bodies.yaml"))
        .expect("bodies without a schema generate")
        .files;
    let warnings: Vec<String> = files
        .warnings()
        .iter()
        .map(|w| {
            let at = w.location.expect("every warning is located");
            format!("{}:{} {} {}", at.line, at.column, w.pointer, w.message)
        })
        .collect();
    let expected = [
        "11:11 /paths/~1enrollments/post/requestBody/content/application~1json the \
         `application/json` request body has no `schema`",
        "27:9 /components/requestBodies/Anything/content/application~1merge-patch+json the \
         `application/merge-patch+json` request body has no `schema`",
    ];
    for expected in expected {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "{expected}\n{warnings:#?}"
        );
    }
    let operations = text_of(&files, "src/operations.rs");
    for method in ["start_enrollment", "renew_enrollment"] {
        let signature = format!(
            "pub fn {method}<'a>(\n        &'a self,\n        body: &'a ::serde_json::Value,"
        );
        assert!(operations.contains(&signature), "{signature}\n{operations}");
    }
}

/// Members OpenAPI requires that say nothing the client needs: a response
/// without `description` (authlete), inline and shared, and an operation
/// without `responses`.
const REQUIRED_MEMBERS_LEFT_OUT: &str = r##"openapi: 3.0.3
info:
  title: Tokens
  version: 1.0.0
paths:
  /tokens:
    get:
      operationId: listTokens
      responses:
        '200':
          content:
            application/json:
              schema:
                type: array
                items:
                  type: string
        '400':
          $ref: '#/components/responses/BadRequest'
  /tokens/reissue:
    post:
      operationId: reissueToken
components:
  responses:
    BadRequest:
      content:
        application/json:
          schema:
            type: object
            properties:
              message:
                type: string
"##;

#[test]
fn a_missing_description_or_responses_loses_no_operation() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = write_file(&scratch, "tokens.yaml", REQUIRED_MEMBERS_LEFT_OUT);
    let generated = generator::generate(&Settings::new(&spec, "tokens.yaml"))
        .expect("a spec without descriptions generates");
    let files = generated.files;
    // Nothing the spec means was read otherwise: nothing to warn about.
    assert!(files.warnings().is_empty(), "{:#?}", files.warnings());
    let operations = text_of(&files, "src/operations.rs");
    assert!(
        operations.contains("pub fn list_tokens<'a>(&'a self) -> ListTokens<'a>"),
        "{operations}"
    );
    assert!(
        operations.contains("pub fn reissue_token<'a>"),
        "{operations}"
    );
    let lib = text_of(&files, "src/lib.rs");
    assert!(!lib.contains("left out"), "{lib}");
}
