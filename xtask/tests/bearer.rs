//! The trust boundary of a crate generated for a bearer-token API, whose
//! credential travels in `Authorization` rather than the Beltic client's
//! `X-Api-Key`: the real binary generates the crate into a scratch folder,
//! and a test written into that crate runs against servers on loopback.

mod common;

use std::fs;

use common::test_in_generated;

/// A small API with bearer authentication.
const SPEC: &str = r##"openapi: 3.0.3
info:
  title: Kennel
  version: 1.0.0
servers:
  - url: https://kennel.example.test
x-rust-client:
  # What tests/trust.rs, written below, uses.
  dev-dependencies:
    tokio: { version: "1.47", features: [macros, rt-multi-thread] }
    wiremock: "0.6.5"
security:
  - tokenAuth: []
paths:
  /dogs/{dogId}:
    get:
      operationId: showDog
      parameters:
        - name: dogId
          in: path
          required: true
          schema:
            type: integer
            format: int64
      responses:
        '200':
          description: The dog.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Dog'
components:
  securitySchemes:
    tokenAuth:
      type: http
      scheme: bearer
  schemas:
    Dog:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
          format: int64
        name:
          type: string
"##;

/// Copied into the generated crate as `tests/trust.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/trust.rs"]
mod trust;

#[test]
fn a_bearer_token_crate_keeps_its_token_home() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("kennel.yaml");
    fs::write(&spec, SPEC).unwrap();
    let out = scratch.path().join("kennel");
    let run = common::regen(&spec, &out);
    assert!(run.success, "{}", run.describe());
    let run = test_in_generated(&out, "trust", &[]);
    let shown = run.describe();
    run.assert_clean_in("tests/trust.rs");
    // All three ran: none was filtered out or skipped.
    assert!(run.stdout.contains("test result: ok. 3 passed"), "{shown}");
}
