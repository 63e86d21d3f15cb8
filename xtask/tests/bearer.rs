//! The trust boundary of a crate generated for a bearer-token API, whose
//! credential travels in `Authorization` rather than the Beltic client's
//! `X-Api-Key`: the real binary generates the crate into a scratch folder,
//! and a test written into that crate runs against servers on loopback.

mod common;

use std::fs;

use common::{Scratch, test_in_generated};

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

/// Written into the generated crate as `tests/trust.rs`.
const TRUST: &str = r##"//! The bearer token never reaches another host and never shows in an error.

use kennel::{Client, ConfigError, ErrorKind};
use wiremock::matchers::{any, header};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.a2VubmVs.kennel-bearer-secret";

fn client(base_url: &str) -> Client {
    Client::builder().bearer_token(TOKEN).base_url(base_url).build().unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let listener = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
    let elsewhere = MockServer::builder().listener(listener).start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 1, "name": "Rex"})))
        .mount(&elsewhere)
        .await;
    let api = MockServer::start().await;
    // Only a request with the token gets the redirect; any other a 404.
    Mock::given(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(307).insert_header("location", format!("{}/dogs/1", elsewhere.uri()).as_str()))
        .mount(&api)
        .await;
    let error = client(&api.uri()).show_dog(1).await.unwrap_err();
    match error.kind() {
        ErrorKind::Redirect { origin, same_origin } => {
            assert_eq!(origin, &elsewhere.uri());
            assert!(!same_origin);
        }
        other => panic!("expected a redirect, got {other:?}"),
    }
    assert_eq!(elsewhere.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn an_echoed_token_is_replaced() {
    let api = MockServer::start().await;
    let body = serde_json::json!({"errors": [{"code": TOKEN, "title": format!("Bearer {TOKEN} expired")}]});
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(body)
                .insert_header("request-id", format!("req-{TOKEN}").as_str()),
        )
        .mount(&api)
        .await;
    let error = client(&api.uri()).show_dog(1).await.unwrap_err();
    assert_eq!(error.problems()[0].code.as_deref(), Some("<redacted>"));
    assert_eq!(error.request_id(), Some("req-<redacted>"));
    assert!(error.to_string().contains("Bearer <redacted> expired"), "{error}");
    for printed in [error.to_string(), format!("{error:?}")] {
        assert!(!printed.contains(TOKEN), "{printed}");
    }
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let error = Client::builder().bearer_token(TOKEN).base_url("http://kennel.example.test").build().unwrap_err();
    assert!(matches!(error, ConfigError::InvalidBaseUrl { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("send the bearer token unencrypted"), "{message}");
    assert!(message.contains("KENNEL_ALLOW_INSECURE_HTTP=1"), "{message}");
}
"##;

#[test]
fn a_bearer_token_crate_keeps_its_token_home() {
    let scratch = Scratch::new("bearer");
    let spec = scratch.join("kennel.yaml");
    fs::write(&spec, SPEC).unwrap();
    let out = scratch.join("kennel");
    let run = common::regen(&spec, &out);
    assert!(run.success, "{}", run.describe());
    let run = test_in_generated(&out, "trust", TRUST, &[]);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    // All three ran: none was filtered out or skipped.
    assert!(run.stdout.contains("test result: ok. 3 passed"), "{shown}");
}
