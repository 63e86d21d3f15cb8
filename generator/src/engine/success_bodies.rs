//! Operations whose success responses have different bodies (`201` with a
//! session, `202` with a job, `204` with none). progenitor gives an
//! operation one return type, so such an operation reaches it with every
//! success answering raw bytes; the public method then decodes them by
//! status into an enum with a variant per body (`emit/responses.rs`).
//!
//! Inline success schemas become components first (`CreateSessionAccepted`),
//! so that typify generates a type for each and the mock helpers, which
//! progenitor writes from the typed document, take it.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;
use openapiv3::{MediaType, OpenAPI, ReferenceOr, Response, Schema, SchemaKind, StatusCode};

use crate::spec::media;
use crate::spec::walk::{Role, Status, has_explicit_success, operations, operations_mut, resolve};

/// An operation with several success bodies, and the enum its method
/// returns: a variant per body.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseEnum {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// `POST /v1/sessions`, for the docs.
    pub shown: String,
    /// One per body, in the order of their first status.
    pub variants: Vec<Variant>,
}

/// One variant of an operation's response enum: the statuses that answer
/// the same body.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// `Created`, `NoContent`, `OkOrCreated`.
    pub name: String,
    /// Each status with its response's description.
    pub statuses: Vec<(Status, String)>,
    pub body: Body,
}

/// What a success response carries.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Body {
    /// No content.
    Empty,
    /// JSON of the component schema named so (inline schemas are made
    /// components under the name given here).
    Component(String),
    /// JSON of any shape: no schema, or `{}`.
    AnyJson,
    /// A media type other than JSON (`application/octet-stream`,
    /// `image/png`): the bytes as they came.
    Bytes,
}

/// What makes two bodies the same: the component named, or the inline
/// schema's JSON.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Empty,
    Component(String),
    Inline(String),
    AnyJson,
    Bytes,
}

/// The operations of `api` with several success bodies, with the names the
/// inline bodies take as components.
pub fn find(api: &OpenAPI) -> Vec<ResponseEnum> {
    let mut taken: BTreeSet<String> = api
        .components
        .iter()
        .flat_map(|c| c.schemas.keys().cloned())
        .collect();
    let mut found = Vec::new();
    for (path, method, operation) in operations(api) {
        let Some(operation_id) = operation.operation_id.as_deref() else {
            continue;
        };
        let responses = &operation.responses;
        let explicit = has_explicit_success(responses);
        let successes = responses
            .responses
            .iter()
            .map(|(status, response)| (Status::from(status), response))
            .chain(responses.default.iter().map(|r| (Status::Default, r)))
            .filter(|(status, _)| status.role(explicit) == Role::Success);
        let mut groups: Vec<(Key, Vec<(Status, String)>)> = Vec::new();
        for (status, response) in successes {
            let Ok(response) = resolve(api, response) else {
                continue;
            };
            let key = key(response);
            let entry = (status, response.description.clone());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, statuses)) => statuses.push(entry),
                None => groups.push((key, vec![entry])),
            }
        }
        if groups.len() < 2 {
            continue;
        }
        let prefix = operation_id.to_upper_camel_case();
        let variants = groups
            .into_iter()
            .map(|(key, statuses)| {
                let name = variant_name(&statuses);
                let body = match key {
                    Key::Empty => Body::Empty,
                    Key::AnyJson => Body::AnyJson,
                    Key::Bytes => Body::Bytes,
                    Key::Component(name) => Body::Component(name),
                    Key::Inline(_) => {
                        Body::Component(unique(format!("{prefix}{name}"), &mut taken))
                    }
                };
                Variant {
                    name,
                    statuses,
                    body,
                }
            })
            .collect();
        found.push(ResponseEnum {
            operation_id: operation_id.to_owned(),
            shown: format!("{} {path}", method.to_uppercase()),
            variants,
        });
    }
    found
}

/// `api` with the inline bodies of `several` as components, and their
/// responses pointing at them: what typify and the mock helpers see.
pub fn typed(api: &OpenAPI, response_enums: &[ResponseEnum]) -> OpenAPI {
    let original = api;
    let mut api = api.clone();
    let mut hoisted = Vec::new();
    for (_, operation) in operations_mut(&mut api) {
        let Some(found) = operation
            .operation_id
            .as_deref()
            .and_then(|id| response_enums.iter().find(|s| s.operation_id == id))
        else {
            continue;
        };
        for variant in &found.variants {
            let Body::Component(name) = &variant.body else {
                continue;
            };
            for (status, _) in &variant.statuses {
                let Some(slot) = response_mut(operation, *status) else {
                    continue;
                };
                // A response from `components.responses` is written in
                // place, so that its inline body can point at its component.
                if let ReferenceOr::Reference { .. } = slot {
                    match resolve(original, slot) {
                        Ok(response) => *slot = ReferenceOr::Item(response.clone()),
                        Err(_) => continue,
                    }
                }
                let ReferenceOr::Item(response) = slot else {
                    continue;
                };
                let Some(media) = json_media_mut(response) else {
                    continue;
                };
                media.schema = match media.schema.take() {
                    Some(ReferenceOr::Item(schema)) => {
                        hoisted.push((name.clone(), schema));
                        Some(ReferenceOr::ref_(&format!("#/components/schemas/{name}")))
                    }
                    reference => reference,
                };
            }
        }
    }
    let components = api.components.get_or_insert_with(Default::default);
    for (name, schema) in hoisted {
        components
            .schemas
            .entry(name)
            .or_insert(ReferenceOr::Item(schema));
    }
    api
}

/// [`typed`], with every success of `several` answering raw bytes (`*/*`):
/// what progenitor's client sees, so that it returns the body unread.
pub fn untyped(api: &OpenAPI, response_enums: &[ResponseEnum]) -> OpenAPI {
    let mut api = typed(api, response_enums);
    for (_, operation) in operations_mut(&mut api) {
        let Some(found) = operation
            .operation_id
            .as_deref()
            .and_then(|id| response_enums.iter().find(|s| s.operation_id == id))
        else {
            continue;
        };
        let statuses: Vec<Status> = found
            .variants
            .iter()
            .flat_map(|v| v.statuses.iter().map(|(status, _)| *status))
            .collect();
        // With `2XX` among them, its raw answer covers the codes, which
        // progenitor would otherwise match after it, in vain.
        if statuses.contains(&Status::Range(2)) {
            operation
                .responses
                .responses
                .retain(|status, _| !matches!(Status::from(status), Status::Code(200..=299)));
        }
        for status in statuses {
            if let Some(response) = response_mut(operation, status) {
                let description = match response {
                    ReferenceOr::Item(r) => r.description.clone(),
                    ReferenceOr::Reference { .. } => String::new(),
                };
                let mut raw = Response {
                    description,
                    ..Default::default()
                };
                raw.content.insert(
                    "*/*".to_owned(),
                    MediaType {
                        schema: Some(ReferenceOr::Item(Schema {
                            schema_data: Default::default(),
                            schema_kind: SchemaKind::Any(Default::default()),
                        })),
                        ..Default::default()
                    },
                );
                *response = ReferenceOr::Item(raw);
            }
        }
    }
    api
}

fn response_mut(
    operation: &mut openapiv3::Operation,
    status: Status,
) -> Option<&mut ReferenceOr<Response>> {
    match status {
        Status::Code(code) => operation
            .responses
            .responses
            .get_mut(&StatusCode::Code(code)),
        Status::Range(class) => operation
            .responses
            .responses
            .get_mut(&StatusCode::Range(u16::from(class))),
        Status::Default => operation.responses.default.as_mut(),
    }
}

fn json_media_mut(response: &mut Response) -> Option<&mut MediaType> {
    response
        .content
        .iter_mut()
        .find(|(name, _)| media::is_json(name))
        .map(|(_, media)| media)
}

fn key(response: &Response) -> Key {
    if response.content.is_empty() {
        return Key::Empty;
    }
    let Some((_, media)) = response
        .content
        .iter()
        .find(|(name, _)| media::is_json(name))
    else {
        return Key::Bytes;
    };
    match &media.schema {
        None => Key::AnyJson,
        Some(ReferenceOr::Reference { reference }) => {
            Key::Component(reference.rsplit('/').next().unwrap_or(reference).to_owned())
        }
        Some(ReferenceOr::Item(schema)) if matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == Default::default()) => {
            Key::AnyJson
        }
        Some(ReferenceOr::Item(schema)) => {
            Key::Inline(serde_json::to_string(schema).unwrap_or_default())
        }
    }
}

/// The variant of a group of statuses: each status's name, joined by `Or`
/// (`Created`, `OkOrCreated`).
fn variant_name(statuses: &[(Status, String)]) -> String {
    statuses
        .iter()
        .map(|(status, _)| status_name(*status))
        .collect::<Vec<_>>()
        .join("Or")
}

/// The name of a success status: its reason phrase in upper camel case
/// (`201` → `Created`), `Success` for `2XX`, `Status299` for a code with
/// no reason phrase.
pub fn status_name(status: Status) -> String {
    match status {
        Status::Code(code) => reason(code).map_or_else(|| format!("Status{code}"), str::to_owned),
        Status::Range(_) => "Success".to_owned(),
        Status::Default => "Default".to_owned(),
    }
}

/// The reason phrase of a 2xx code (RFC 9110 and the IANA registry), as a
/// Rust name.
fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        _ => return None,
    })
}

/// `name`, or `name2`, `name3`… when a component already has it.
fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    let chosen = (1..)
        .map(|n| {
            if n == 1 {
                name.clone()
            } else {
                format!("{name}{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .expect("some suffix is free");
    taken.insert(chosen.clone());
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(responses: &str) -> OpenAPI {
        serde_yaml::from_str(&format!(
            r#"
openapi: 3.0.3
info: {{title: t, version: "1"}}
paths:
  /sessions:
    post:
      operationId: createSession
      responses:
{responses}
components:
  schemas:
    Session: {{type: object}}
    CreateSessionAccepted: {{type: object}}
"#
        ))
        .unwrap()
    }

    #[test]
    fn statuses_with_one_body_share_a_variant_and_inline_bodies_get_free_names() {
        let api = api(
            r#"        '200': {description: Found., content: {application/json: {schema: {$ref: '#/components/schemas/Session'}}}}
        '201': {description: Made., content: {application/json: {schema: {$ref: '#/components/schemas/Session'}}}}
        '202': {description: Queued., content: {application/json: {schema: {type: object, properties: {job: {type: string}}}}}}
        '204': {description: Nothing.}
        '400': {description: Bad.}"#,
        );
        let response_enums = find(&api);
        assert_eq!(response_enums.len(), 1);
        let names: Vec<(&str, &Body)> = response_enums[0]
            .variants
            .iter()
            .map(|v| (v.name.as_str(), &v.body))
            .collect();
        assert_eq!(
            names,
            [
                ("OkOrCreated", &Body::Component("Session".to_owned())),
                (
                    "Accepted",
                    &Body::Component("CreateSessionAccepted2".to_owned())
                ),
                ("NoContent", &Body::Empty),
            ]
        );
        let typed = typed(&api, &response_enums);
        assert!(
            typed
                .components
                .unwrap()
                .schemas
                .contains_key("CreateSessionAccepted2")
        );
        let untyped = untyped(&api, &response_enums);
        let (_, _, operation) = operations(&untyped).next().unwrap();
        for status in [200, 201, 202, 204] {
            let Some(ReferenceOr::Item(response)) =
                operation.responses.responses.get(&StatusCode::Code(status))
            else {
                panic!("no {status}")
            };
            assert_eq!(response.content.keys().collect::<Vec<_>>(), ["*/*"]);
        }
        assert!(
            operation
                .responses
                .responses
                .contains_key(&StatusCode::Code(400))
        );
    }

    #[test]
    fn an_inline_body_of_a_shared_response_becomes_a_component_too() {
        let mut api = api(
            r#"        '200': {description: Found., content: {application/json: {schema: {$ref: '#/components/schemas/Session'}}}}
        '202': {$ref: '#/components/responses/Queued'}"#,
        );
        let queued: ReferenceOr<Response> = serde_yaml::from_str(
            "{description: Queued., content: {application/json: {schema: {type: object}}}}",
        )
        .unwrap();
        let components = api.components.as_mut().unwrap();
        components.responses.insert("Queued".to_owned(), queued);
        let response_enums = find(&api);
        assert_eq!(
            response_enums[0].variants[1].body,
            Body::Component("CreateSessionAccepted2".to_owned())
        );
        let typed = typed(&api, &response_enums);
        let (_, _, operation) = operations(&typed).next().unwrap();
        let Some(ReferenceOr::Item(response)) =
            operation.responses.responses.get(&StatusCode::Code(202))
        else {
            panic!("the 202 is not written in place")
        };
        assert_eq!(
            response.content["application/json"].schema,
            Some(ReferenceOr::ref_(
                "#/components/schemas/CreateSessionAccepted2"
            ))
        );
    }

    #[test]
    fn one_body_is_not_several() {
        let api = api(
            r#"        '200': {description: Found., content: {application/json: {schema: {$ref: '#/components/schemas/Session'}}}}
        '201': {description: Made., content: {application/json: {schema: {$ref: '#/components/schemas/Session'}}}}"#,
        );
        assert!(find(&api).is_empty());
    }
}
