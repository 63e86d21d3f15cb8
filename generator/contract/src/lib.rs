//! Checks a recorded HTTP exchange against the spec: the operation its
//! method and path select, the response its status selects, and the body and
//! declared headers against that response's schemas.
//!
//! The recordings are the project's evidence of what the API really sends;
//! this check keeps them and the spec in step. OpenAPI 3.0 schemas are a
//! dialect of JSON Schema, so each one is translated into JSON Schema (draft
//! 2020-12) and validated by the `jsonschema` crate:
//!
//! - `nullable: true` admits `null`: as an extra `type` where the schema has
//!   a plain `type`, otherwise (a `$ref` or `allOf` wrapper) through
//!   `if: {type: null}` / `else`, which keeps the errors of the wrapped schema
//!   at their own member, not folded into one `anyOf` failure.
//! - `$ref: '#/components/schemas/X'` becomes `$ref: '#/$defs/X'`, with every
//!   component schema under `$defs`; siblings of a `$ref` are ignored, as
//!   OpenAPI 3.0 says.
//! - Vendor extensions (`x-*`), `example`, `discriminator`, `xml`,
//!   `externalDocs`, `deprecated`, `readOnly` and `writeOnly` are dropped:
//!   none of them constrains a response body.
//! - `format` is kept and validated where JSON Schema defines it (`date`,
//!   `date-time`, `email`, `uuid`…), because the client decodes those into
//!   typed values and would fail on a malformed one. `int32` and `int64`
//!   become the bounds of their Rust types (unless the schema sets its own);
//!   the other OpenAPI-only formats (`float`, `double`, `byte`, `binary`,
//!   `password`) are dropped.
//! - The boolean `exclusiveMinimum`/`exclusiveMaximum` of OpenAPI 3.0 become
//!   JSON Schema's numeric ones.
//! - `additionalProperties` stays as the spec writes it (open by default):
//!   the server may add members, and the client ignores them.
//!
//! An enum value the spec does not list is a violation: the recording is
//! evidence that the API sends it, so the spec should list it. A recording
//! that captures such a value on purpose names its member in `unlisted`
//! (JSON pointers into the body); a mark that matches no unlisted value is a
//! violation too, so stale marks do not linger.
//!
//! Messages never show a recorded value, which may be personal data: only
//! where it is (a JSON pointer or a header name) and what is wrong with it.

#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use openapiv3::{Components, MediaType, OpenAPI, ParameterSchemaOrContent, ReferenceOr, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use generator::for_tools::Document;
use generator::for_tools::walk::{self, Component, escape};

/// The value that stands for a secret in a recording, such as the API key.
pub const SCRUBBED: &str = "<scrubbed>";

/// One recorded exchange, as `generated-client/tests/recordings/*.json`
/// stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    /// What the exchange shows, for a reader of the file.
    #[serde(default)]
    pub description: String,
    /// What the client sent.
    pub request: RecordedRequest,
    /// What the server answered.
    pub response: RecordedResponse,
    /// JSON pointers into the body of members whose enum value the spec
    /// does not list, recorded on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlisted: Vec<String>,
}

/// The request half of a recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// The HTTP method, upper case (`GET`).
    pub method: String,
    /// The path as sent, with parameters filled in, without the server's
    /// scheme and host.
    pub path: String,
    /// Request headers by lower-case name; secrets hold [`SCRUBBED`].
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// The response half of a recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Response headers by lower-case name.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The JSON body; `null` when there was none.
    #[serde(default)]
    pub body: Value,
}

impl Recording {
    /// Reads the recording at `path`.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| {
            // serde's message can quote the offending value; only where it
            // is and what kind of problem it is are shown.
            let problem = match e.classify() {
                serde_json::error::Category::Data => {
                    "not a recording: expected {description, request {method, path, headers}, \
                     response {status, headers, body}, unlisted?}"
                }
                _ => "not valid JSON",
            };
            Error::Malformed {
                path: path.to_owned(),
                message: format!("line {}, column {}: {problem}", e.line(), e.column()),
            }
        })
    }
}

/// Where in a recording a violation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A member of the response body, by JSON pointer (`""` for the body
    /// itself).
    Body(String),
    /// A response header, by name.
    Header(String),
    /// An entry of the recording's `unlisted` marks.
    Unlisted(String),
}

/// One way a recording departs from the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The recording's name (its file name without `.json`).
    pub recording: String,
    /// Where the problem is.
    pub place: Place,
    /// What is wrong, without the recorded value.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let recording = &self.recording;
        let message = &self.message;
        match &self.place {
            Place::Body(pointer) if pointer.is_empty() => {
                write!(f, "{recording}: body: {message}")
            }
            Place::Body(pointer) => write!(f, "{recording}: {pointer}: {message}"),
            Place::Header(name) => write!(f, "{recording}: header {name}: {message}"),
            Place::Unlisted(pointer) => write!(f, "{recording}: unlisted {pointer}: {message}"),
        }
    }
}

/// Why a recording could not be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The recording file could not be read.
    #[error("{}: cannot read the recording: {source}", path.display())]
    Read {
        /// The recording file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },

    /// The file is not a recording.
    #[error("{}: {message}", path.display())]
    Malformed {
        /// The recording file.
        path: PathBuf,
        /// Where and what, without the file's values.
        message: String,
    },

    /// No operation of the spec has a path template that matches.
    #[error(
        "{recording}: the spec describes no path that matches {path} \
         (add the operation to the spec, or fix the recording's path)"
    )]
    NoPath {
        /// The recording's name.
        recording: String,
        /// The recorded path.
        path: String,
    },

    /// A path matches, but not with the recorded method.
    #[error("{recording}: the spec describes {template} but not the method {method} on it")]
    NoMethod {
        /// The recording's name.
        recording: String,
        /// The recorded method.
        method: String,
        /// The path template that matched.
        template: String,
    },

    /// The operation describes neither the status, nor its range, nor a
    /// `default` response.
    #[error(
        "{recording}: {operation} describes no response for status {status} \
         (add `'{status}'`, `'{range}XX'` or `default` to its responses)"
    )]
    NoResponse {
        /// The recording's name.
        recording: String,
        /// The operation, as `operationId` or `METHOD template`.
        operation: String,
        /// The recorded status.
        status: u16,
        /// The first digit of the status.
        range: u16,
    },

    /// The spec's schema for the exchange cannot be used: a reference that
    /// leads nowhere, or a schema JSON Schema rejects.
    #[error("{}: at {pointer}: {message}", path.display())]
    Spec {
        /// The spec file.
        path: PathBuf,
        /// Where in the spec.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

/// What the spec says about one recorded exchange.
pub struct Described<'a> {
    /// The operation, as `operationId` or `METHOD template`.
    pub operation: String,
    /// The path template that matched (`/v1/identity/sessions/{id}`).
    pub template: &'a str,
    /// The response the status selected.
    pub response: &'a Response,
    /// The schema of its JSON body, if it has one, as the spec writes it
    /// (OpenAPI 3.0, possibly a `$ref`).
    pub body_schema: Option<&'a ReferenceOr<openapiv3::Schema>>,
}

/// Finds the operation and response `recording` is an instance of.
pub fn describe<'a>(
    document: &'a Document,
    name: &str,
    recording: &Recording,
) -> Result<Described<'a>, Error> {
    let api = &document.api;
    let method = recording.request.method.to_ascii_lowercase();
    let path = recording
        .request
        .path
        .split(['?', '#'])
        .next()
        .unwrap_or_default();

    // The most literal template wins: OpenAPI matches concrete paths before
    // templated ones.
    let mut templates: Vec<(usize, &str, &openapiv3::PathItem)> = Vec::new();
    for (template, item) in &api.paths.paths {
        let ReferenceOr::Item(item) = item else {
            return Err(spec_error(
                document,
                &format!("/paths/{}", escape(template)),
                "a `$ref` path item is not supported; define it inline".into(),
            ));
        };
        if let Some(templated) = template_match(template, path, &server_prefixes(api)) {
            templates.push((templated, template, item));
        }
    }
    templates.sort_by_key(|(templated, ..)| *templated);
    let Some(&(_, template, _)) = templates.first() else {
        return Err(Error::NoPath {
            recording: name.to_owned(),
            path: path.to_owned(),
        });
    };
    let Some((template, operation)) = templates.iter().find_map(|(_, template, item)| {
        item.iter()
            .find(|(m, _)| *m == method)
            .map(|(_, operation)| (*template, operation))
    }) else {
        return Err(Error::NoMethod {
            recording: name.to_owned(),
            method: recording.request.method.clone(),
            template: template.to_owned(),
        });
    };
    let operation_name = operation
        .operation_id
        .clone()
        .unwrap_or_else(|| format!("{} {template}", recording.request.method));

    let status = recording.response.status;
    let response =
        walk::response_for(&operation.responses, status).ok_or_else(|| Error::NoResponse {
            recording: name.to_owned(),
            operation: operation_name.clone(),
            status,
            range: status / 100,
        })?;
    let response = resolve(document, response)?;
    let body_schema = json_media_type(&response.content).and_then(|media| media.schema.as_ref());
    Ok(Described {
        operation: operation_name,
        template,
        response,
        body_schema,
    })
}

/// Checks `recording` (named `name`, for messages) against the spec.
///
/// `Ok` with no violations means the spec describes the exchange and the
/// body and declared headers conform; an `Err` means the spec does not
/// describe the exchange at all, or cannot be used.
pub fn check(
    document: &Document,
    name: &str,
    recording: &Recording,
) -> Result<Vec<Violation>, Error> {
    let described = describe(document, name, recording)?;
    let defs = component_defs(document)?;
    let violation = |place: Place, message: String| Violation {
        recording: name.to_owned(),
        place,
        message,
    };
    let mut violations = Vec::new();

    let body = &recording.response.body;
    let mut unlisted_seen = vec![false; recording.unlisted.len()];
    match described.body_schema {
        Some(schema) => {
            use jsonschema::error::ValidationErrorKind as Kind;
            let validator = compile(document, schema, &defs, "the response body's schema")?;
            let errors: Vec<_> = validator.iter_errors(body).collect();
            let pointer =
                |error: &jsonschema::ValidationError<'_>| error.instance_path().as_str().to_owned();
            // A value of the wrong type also misses the enum; the type is
            // the one problem to report.
            let mistyped: Vec<String> = errors
                .iter()
                .filter(|e| matches!(e.kind(), Kind::Type { .. }))
                .map(pointer)
                .collect();
            for error in &errors {
                let at = pointer(error);
                if matches!(error.kind(), Kind::Enum { .. }) {
                    if mistyped.contains(&at) {
                        continue;
                    }
                    if let Some(i) = recording.unlisted.iter().position(|p| *p == at) {
                        unlisted_seen[i] = true;
                        continue;
                    }
                }
                violations.push(violation(Place::Body(at), message(error)));
            }
        }
        None if !body.is_null() => violations.push(violation(
            Place::Body(String::new()),
            format!(
                "the spec describes no JSON body for {} answering {}, but the recording has one",
                described.operation, recording.response.status
            ),
        )),
        None => {}
    }
    for (pointer, seen) in recording.unlisted.iter().zip(unlisted_seen) {
        if !seen {
            violations.push(violation(
                Place::Unlisted(pointer.clone()),
                "no enum value the spec does not list is there; remove the mark".into(),
            ));
        }
    }

    for (header, declared) in &described.response.headers {
        let declared = resolve(document, declared)?;
        let recorded = recording
            .response
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(header))
            .map(|(_, value)| value);
        let Some(recorded) = recorded else {
            if declared.required {
                violations.push(violation(
                    Place::Header(header.clone()),
                    "the spec requires this header, but the recording lacks it".into(),
                ));
            }
            continue;
        };
        let ParameterSchemaOrContent::Schema(schema) = &declared.format else {
            continue;
        };
        let validator = compile(
            document,
            schema,
            &defs,
            &format!("header {header}'s schema"),
        )?;
        let value = header_value(recorded, &validator);
        for error in validator.iter_errors(&value) {
            violations.push(violation(Place::Header(header.clone()), message(&error)));
        }
    }
    Ok(violations)
}

/// A header's text as the JSON value its schema speaks of: a number or a
/// boolean when it reads as one and the schema accepts that, else a string.
fn header_value(text: &str, validator: &jsonschema::Validator) -> Value {
    let string = Value::String(text.to_owned());
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(typed @ (Value::Number(_) | Value::Bool(_))) if !validator.is_valid(&string) => typed,
        _ => string,
    }
}

/// A violation's message: the kind of problem and what the schema wants,
/// never the recorded value.
fn message(error: &jsonschema::ValidationError<'_>) -> String {
    use jsonschema::error::ValidationErrorKind as Kind;
    match error.kind() {
        Kind::Type { kind } => {
            let expected: Vec<String> = match kind {
                jsonschema::error::TypeKind::Single(one) => vec![one.to_string()],
                jsonschema::error::TypeKind::Multiple(set) => {
                    set.iter().map(|t| t.to_string()).collect()
                }
            };
            let found = match error.instance().as_ref() {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            };
            format!("expected {}, found {found}", expected.join(" or "))
        }
        Kind::Enum { options } => format!(
            "the value is not one of {options}; if the API sends it, list it in the spec \
             (or name this member in the recording's `unlisted`)"
        ),
        _ => error.masked().to_string(),
    }
}

/// The `application/json` content, or else the first `+json` one.
fn json_media_type(content: &openapiv3::Content) -> Option<&MediaType> {
    let json = |plain: bool| {
        content
            .iter()
            .find(move |(key, _)| walk::is_json(key) && walk::is_plain_json(key) == plain)
    };
    json(true).or_else(|| json(false)).map(|(_, media)| media)
}

/// Whether `path` is an instance of `template`, directly or below one of
/// the servers' path prefixes; if so, how many segments were templated.
fn template_match(template: &str, path: &str, prefixes: &[String]) -> Option<usize> {
    let direct = std::iter::once(path);
    let prefixed = prefixes
        .iter()
        .filter_map(|p| path.strip_prefix(p.as_str()));
    direct.chain(prefixed).find_map(|path| {
        let wanted: Vec<&str> = template.trim_end_matches('/').split('/').collect();
        let given: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        if wanted.len() != given.len() {
            return None;
        }
        let mut templated = 0;
        for (w, g) in wanted.iter().zip(&given) {
            if w.starts_with('{') && w.ends_with('}') {
                if g.is_empty() {
                    return None;
                }
                templated += 1;
            } else if w != g {
                return None;
            }
        }
        Some(templated)
    })
}

/// The path part of each server URL that has one (`/v2` of
/// `https://api.example.com/v2`).
fn server_prefixes(api: &OpenAPI) -> Vec<String> {
    api.servers
        .iter()
        .filter_map(|server| {
            let after_scheme = server.url.split_once("://").map_or("", |(_, rest)| rest);
            let path = after_scheme.find('/').map(|i| &after_scheme[i..])?;
            let path = path.trim_end_matches('/');
            (!path.is_empty()).then(|| path.to_owned())
        })
        .collect()
}

/// `item`, or the component its `$ref` leads to.
fn resolve<'a, T: Component>(
    document: &'a Document,
    item: &'a ReferenceOr<T>,
) -> Result<&'a T, Error> {
    walk::resolve(&document.api, item).map_err(|reference| dangling(document, reference))
}

fn components(document: &Document) -> Option<&Components> {
    document.api.components.as_ref()
}

fn dangling(document: &Document, reference: &str) -> Error {
    spec_error(
        document,
        reference.trim_start_matches('#'),
        format!("`{reference}` leads to no entry of `components` this check can use"),
    )
}

fn spec_error(document: &Document, pointer: &str, message: String) -> Error {
    Error::Spec {
        path: document.path.clone(),
        pointer: pointer.to_owned(),
        message,
    }
}

/// Every component schema, as JSON Schema, for `$defs`.
fn component_defs(document: &Document) -> Result<Map<String, Value>, Error> {
    let mut defs = Map::new();
    for (name, schema) in components(document)
        .map(|c| &c.schemas)
        .into_iter()
        .flatten()
    {
        let pointer = format!("/components/schemas/{}", escape(name));
        let openapi = to_value(document, &pointer, schema)?;
        defs.insert(name.clone(), json_schema(document, &pointer, &openapi)?);
    }
    Ok(defs)
}

/// A validator for `schema`, with the component schemas beside it.
fn compile(
    document: &Document,
    schema: &ReferenceOr<openapiv3::Schema>,
    defs: &Map<String, Value>,
    what: &str,
) -> Result<jsonschema::Validator, Error> {
    let openapi = to_value(document, what, schema)?;
    let mut root = match json_schema(document, what, &openapi)? {
        Value::Object(root) => root,
        // `true` or `false`: the body is anything, or nothing.
        other => Map::from_iter([("allOf".to_owned(), json!([other]))]),
    };
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    root.insert("$defs".into(), Value::Object(defs.clone()));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&Value::Object(root))
        .map_err(|e| {
            spec_error(
                document,
                what,
                format!("not a usable schema once translated to JSON Schema: {e}"),
            )
        })
}

fn to_value(
    document: &Document,
    pointer: &str,
    schema: &ReferenceOr<openapiv3::Schema>,
) -> Result<Value, Error> {
    serde_json::to_value(schema).map_err(|e| spec_error(document, pointer, e.to_string()))
}

/// Translates an OpenAPI 3.0 schema into JSON Schema draft 2020-12; the
/// module's documentation lists the rules.
pub fn json_schema(document: &Document, pointer: &str, schema: &Value) -> Result<Value, Error> {
    let Value::Object(map) = schema else {
        return Ok(schema.clone());
    };
    if let Some(reference) = map.get("$ref") {
        let target = reference
            .as_str()
            .and_then(walk::component_name::<openapiv3::Schema>)
            .ok_or_else(|| {
                spec_error(
                    document,
                    pointer,
                    format!(
                        "`$ref: {reference}`: only references to `#/components/schemas/...` \
                         are supported"
                    ),
                )
            })?;
        return Ok(json!({ "$ref": format!("#/$defs/{target}") }));
    }

    let inner =
        |key: &str, value: &Value| json_schema(document, &format!("{pointer}/{key}"), value);
    let mut out = Map::new();
    for (key, value) in map {
        let converted = match key.as_str() {
            k if k.starts_with("x-") => continue,
            "nullable" | "example" | "discriminator" | "xml" | "externalDocs" | "deprecated"
            | "readOnly" | "writeOnly" | "format" | "exclusiveMinimum" | "exclusiveMaximum" => {
                continue;
            }
            "properties" => match value {
                Value::Object(properties) => {
                    let mut converted = Map::new();
                    for (name, property) in properties {
                        let at = format!("{pointer}/properties/{}", escape(name));
                        converted.insert(name.clone(), json_schema(document, &at, property)?);
                    }
                    Value::Object(converted)
                }
                other => other.clone(),
            },
            "items" | "not" | "additionalProperties" => inner(key, value)?,
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(schemas) => Value::Array(
                    schemas
                        .iter()
                        .enumerate()
                        .map(|(i, s)| inner(&format!("{key}/{i}"), s))
                        .collect::<Result<_, _>>()?,
                ),
                other => other.clone(),
            },
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }

    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if map.get(flag) == Some(&Value::Bool(true))
            && let Some(limit) = out.remove(bound)
        {
            out.insert(flag.into(), limit);
        }
    }

    match map.get("format").and_then(Value::as_str) {
        Some("int32") => integer_bounds(&mut out, i32::MIN.into(), i32::MAX.into()),
        Some("int64") => integer_bounds(&mut out, i64::MIN, i64::MAX),
        Some("float" | "double" | "byte" | "binary" | "password") | None => {}
        Some(format) => {
            out.insert("format".into(), format.into());
        }
    }

    if map.get("nullable") == Some(&Value::Bool(true)) {
        return Ok(nullable(out));
    }
    Ok(Value::Object(out))
}

/// The bounds of a Rust integer type, where the schema sets none.
fn integer_bounds(schema: &mut Map<String, Value>, min: i64, max: i64) {
    if !schema.contains_key("minimum") && !schema.contains_key("exclusiveMinimum") {
        schema.insert("minimum".into(), min.into());
    }
    if !schema.contains_key("maximum") && !schema.contains_key("exclusiveMaximum") {
        schema.insert("maximum".into(), max.into());
    }
}

/// `schema`, also admitting `null`.
fn nullable(mut schema: Map<String, Value>) -> Value {
    let composed = ["$ref", "allOf", "anyOf", "oneOf", "not"]
        .iter()
        .any(|k| schema.contains_key(*k));
    match schema.get_mut("type") {
        Some(Value::String(kind)) if !composed => {
            let kind = std::mem::take(kind);
            schema.insert("type".into(), json!([kind, "null"]));
            if let Some(Value::Array(options)) = schema.get_mut("enum")
                && !options.contains(&Value::Null)
            {
                options.push(Value::Null);
            }
            Value::Object(schema)
        }
        // Without `type` or composition, the schema admits `null` already.
        None if !composed => Value::Object(schema),
        _ => json!({ "if": { "type": "null" }, "else": schema }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_concrete_paths_and_count_parameters() {
        let none: &[String] = &[];
        assert_eq!(
            template_match("/v1/sessions/{id}", "/v1/sessions/9f1c", none),
            Some(1)
        );
        assert_eq!(
            template_match("/v1/sessions/me", "/v1/sessions/me", none),
            Some(0)
        );
        assert_eq!(
            template_match("/v1/sessions/{id}", "/v1/sessions/", none),
            None
        );
        assert_eq!(
            template_match("/v1/sessions/{id}", "/v1/sessions/a/b", none),
            None
        );
        assert_eq!(
            template_match("/sessions/{id}", "/v2/sessions/1", &["/v2".to_owned()]),
            Some(1)
        );
    }

    #[test]
    fn nullable_widens_a_type_or_guards_a_composition() {
        let typed = nullable(Map::from_iter([
            ("type".to_owned(), json!("string")),
            ("enum".to_owned(), json!(["a"])),
        ]));
        assert_eq!(
            typed,
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        let composed = nullable(Map::from_iter([(
            "allOf".to_owned(),
            json!([{"$ref": "#/$defs/X"}]),
        )]));
        assert_eq!(
            composed,
            json!({"if": {"type": "null"}, "else": {"allOf": [{"$ref": "#/$defs/X"}]}})
        );
    }
}
