//! Turns a validated document into one progenitor can digest, reading
//! constructs it would refuse or panic on the way the spec most plausibly
//! means them, and saying so in a warning for each.
//!
//! The readings, each deliberate:
//! - an operation without `operationId` gets one from its method and path
//!   (`GET /v1/sessions/{id}` → `get_v1_sessions_by_id`), never one that a
//!   declared operation's method name already has;
//! - an `operationId` whose method would have the name of one the client
//!   has already (`new`, `builder`, `client`…) gets `_operation` after it;
//! - an `operationId` whose method would have the name of an earlier
//!   operation's (`List Rules` after `List rules`, or the same id twice)
//!   gets `_2` (or the next number free) after it, as two components of one
//!   name do;
//! - a request body offered in several media types with JSON among them is
//!   sent as JSON; the others are dropped;
//! - `+json` media types (`application/problem+json`,
//!   `application/vnd.api+json`) are JSON, and spelled `application/json`,
//!   the only spelling progenitor knows;
//! - `encoding` on a JSON media type, which OpenAPI gives no meaning, is
//!   dropped;
//! - a JSON response without a schema is any JSON value;
//! - a path parameter not marked `required`, which a path parameter always
//!   is, is made required;
//! - a response whose status has no standard name (`472`) is left out, so
//!   that the status is an unexpected one: progenitor names a mock's method
//!   after the status and panics without a name;
//! - a Dropshot WebSocket operation (`x-dropshot-websocket`) whose only
//!   response is `default`, as older Dropshot wrote them (Oxide's nexus), has
//!   it as its `101`, the upgrade: progenitor requires one;
//! - a `101` beside a success response, on an operation that is not a
//!   WebSocket one (Docker's `attach`), is left out.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, MediaType, Operation, Parameter, ReferenceOr, Responses, Schema,
    SecurityScheme, StatusCode,
};

use super::document::{Document, security_scheme};
use super::media::{self, JSON};
use super::pointer::escape;
use super::walk::{item_operations_mut, operations};
use super::{Diagnostic, Diagnostics};
use crate::ident::{self, Case};

/// Rewrites `document.api` in place and returns a warning for each reading
/// made, in document order.
pub fn normalize(document: &mut Document) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::new(&document.path, &document.positions);
    if document.auth.is_none()
        && let Some((name, pointer)) = security_scheme(&document.api)
    {
        let scheme = document
            .api
            .components
            .as_ref()
            .and_then(|components| components.security_schemes.get(name));
        match scheme {
            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                location: APIKeyLocation::Header,
                name: header,
                ..
            })) => warnings.push(
                &format!("{pointer}/name"),
                format!(
                    "`{header}` is not a valid HTTP header name, so no request can carry the \
                     key of security scheme `{name}`: the generated client sends no credential \
                     for it"
                ),
            ),
            Some(ReferenceOr::Reference { .. }) => warnings.push(
                &pointer,
                format!(
                    "security scheme `{name}` is a `$ref`, which the generator does not follow: \
                     the generated client sends no credential for it; define it inline"
                ),
            ),
            None => warnings.push(
                "/security",
                format!(
                    "names security scheme `{name}`, which `components.securitySchemes` does \
                     not define (or defines in a shape that was left out): the generated \
                     client sends no credential for it"
                ),
            ),
            _ => warnings.push(
                &pointer,
                format!(
                    "the client applies an `apiKey` in a header or an `http` bearer token by \
                     itself, not security scheme `{name}`: the generated client sends no \
                     credential for it"
                ),
            ),
        }
    }
    let api = &mut document.api;

    // Method names already taken, as progenitor derives them.
    let mut taken: BTreeSet<String> = operations(api)
        .filter_map(|(_, _, operation)| operation.operation_id.as_deref())
        .map(|id| ident::name(id, Case::Snake))
        .chain(CLIENT_METHODS.iter().map(|name| (*name).to_owned()))
        .collect();
    // Each method name's first operation, as `(operationId, "GET /path")`:
    // a later one whose id gives the same name is named apart.
    let mut claimed: BTreeMap<String, (String, String)> = BTreeMap::new();

    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_pointer = format!("/paths/{}", escape(path));
        for (index, parameter) in item.parameters.iter_mut().enumerate() {
            path_parameter_required(
                parameter,
                &format!("{item_pointer}/parameters/{index}"),
                &mut warnings,
            );
        }
        for (method, operation) in item_operations_mut(item) {
            let pointer = format!("{item_pointer}/{method}");
            if operation.operation_id.is_none() {
                let id = unique(derived_operation_id(method, path), &mut taken);
                warnings.push(
                    &pointer,
                    format!(
                        "no operationId: the generator names the method `{id}` after {} {path}; \
                         set `operationId` to choose the name",
                        method.to_uppercase()
                    ),
                );
                operation.operation_id = Some(id);
            }
            if let Some(id) = &mut operation.operation_id {
                let shown = format!("{} {path}", method.to_uppercase());
                let method = ident::name(id, Case::Snake);
                let said = if CLIENT_METHODS.contains(&method.as_str()) {
                    let renamed = unique(format!("{method}_operation"), &mut taken);
                    Some((
                        renamed.clone(),
                        format!(
                            "operationId `{id}` would name a method `{method}`, which the client \
                             has already: the generator names it `{renamed}`; set another \
                             `operationId` to choose the name"
                        ),
                    ))
                } else if let Some((first_id, first)) = claimed.get(&method) {
                    let renamed = unique(method.clone(), &mut taken);
                    let same = if first_id == id {
                        "is also the operationId".to_owned()
                    } else {
                        format!("gives the method name `{method}` of operationId `{first_id}`")
                    };
                    Some((
                        renamed.clone(),
                        format!(
                            "operationId `{id}` {same} of {first}: the generator names this \
                             method `{renamed}`; set another `operationId` to choose the name"
                        ),
                    ))
                } else {
                    claimed.insert(method, (id.clone(), shown));
                    None
                };
                if let Some((renamed, message)) = said {
                    warnings.push(&format!("{pointer}/operationId"), message);
                    *id = renamed;
                }
            }
            for (index, parameter) in operation.parameters.iter_mut().enumerate() {
                path_parameter_required(
                    parameter,
                    &format!("{pointer}/parameters/{index}"),
                    &mut warnings,
                );
            }
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                request_content(
                    &mut body.content,
                    &format!("{pointer}/requestBody"),
                    &mut warnings,
                );
            }
            if let Some(ReferenceOr::Item(response)) = &mut operation.responses.default {
                response_content(
                    &mut response.content,
                    &format!("{pointer}/responses/default"),
                    &mut warnings,
                );
            }
            unnamed_statuses(&mut operation.responses, &pointer, &mut warnings);
            websocket_upgrade(operation, &pointer, &mut warnings);
            upgrade_beside_answers(operation, &pointer, &mut warnings);
            for (status, response) in operation.responses.responses.iter_mut() {
                if let ReferenceOr::Item(response) = response {
                    let pointer = format!("{pointer}/responses/{status}");
                    response_content(&mut response.content, &pointer, &mut warnings);
                }
            }
        }
    }

    if let Some(components) = &mut api.components {
        for (name, body) in components.request_bodies.iter_mut() {
            if let ReferenceOr::Item(body) = body {
                let pointer = format!("/components/requestBodies/{}", escape(name));
                request_content(&mut body.content, &pointer, &mut warnings);
            }
        }
        for (name, response) in components.responses.iter_mut() {
            if let ReferenceOr::Item(response) = response {
                let pointer = format!("/components/responses/{}", escape(name));
                response_content(&mut response.content, &pointer, &mut warnings);
            }
        }
        for (name, parameter) in components.parameters.iter_mut() {
            let pointer = format!("/components/parameters/{}", escape(name));
            path_parameter_required(parameter, &pointer, &mut warnings);
        }
    }

    warnings.into_warnings()
}

/// Leaves out the responses whose status has no standard name.
fn unnamed_statuses(responses: &mut Responses, pointer: &str, warnings: &mut Diagnostics) {
    responses.responses.retain(|status, _| {
        let StatusCode::Code(code) = status else {
            return true;
        };
        let named = http::StatusCode::from_u16(*code)
            .ok()
            .and_then(|status| status.canonical_reason())
            .is_some();
        if !named {
            warnings.push(
                &format!("{pointer}/responses/{code}"),
                format!(
                    "status {code} has no standard name, which progenitor needs: the response is \
                     left out, so the client reports the status as an unexpected one"
                ),
            );
        }
        named
    });
}

/// Gives a Dropshot WebSocket operation whose only response is `default`
/// that response as its `101`.
fn websocket_upgrade(operation: &mut Operation, pointer: &str, warnings: &mut Diagnostics) {
    let websocket = operation.extensions.contains_key("x-dropshot-websocket");
    let responses = &mut operation.responses;
    if !websocket || !responses.responses.is_empty() {
        return;
    }
    let Some(default) = responses.default.take() else {
        return;
    };
    warnings.push(
        &format!("{pointer}/responses/default"),
        "a WebSocket operation (`x-dropshot-websocket`) whose only response is `default`, as \
         older Dropshot wrote it: read as its `101`, the upgrade, which progenitor requires"
            .to_owned(),
    );
    responses.responses.insert(StatusCode::Code(101), default);
}

/// Leaves out the `101` of an operation that is not a Dropshot WebSocket
/// one and that also answers with a success of its own (Docker's `attach`:
/// `101` when the connection is hijacked, `200` when it is not).
/// progenitor gives an operation one kind of success, and makes a `101`
/// the upgrade of a WebSocket, which the client speaks for Dropshot's alone.
fn upgrade_beside_answers(operation: &mut Operation, pointer: &str, warnings: &mut Diagnostics) {
    let responses = &mut operation.responses;
    let answers = responses.responses.keys().any(|status| match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    });
    if operation.extensions.contains_key("x-dropshot-websocket")
        || !answers
        || responses
            .responses
            .shift_remove(&StatusCode::Code(101))
            .is_none()
    {
        return;
    }
    warnings.push(
        &format!("{pointer}/responses/101"),
        "status 101 (an upgrade to another protocol) beside a success response, on an operation \
         that is not a WebSocket one: the client speaks only HTTP here, so the `101` is left \
         out and the client reports it as an unexpected status"
            .to_owned(),
    );
}

/// The methods the client has besides the operations', which an operation's
/// method may not be named after: progenitor's `Client` has its
/// constructors, its `ClientInfo` and the `ClientHooks` its methods call;
/// the public `Client` its configuration and `call`, which each operation
/// starts from.
const CLIENT_METHODS: [&str; 17] = [
    "new",
    "new_with_client",
    "api_version",
    "baseurl",
    "client",
    "inner",
    "pre",
    "post",
    "exec",
    "builder",
    "from_env",
    "base_url",
    "retry_policy",
    "deadline",
    "max_response_bytes",
    "drift",
    "call",
];

/// `get_v1_sessions_by_id` for `GET /v1/sessions/{id}`.
pub(super) fn derived_operation_id(method: &str, path: &str) -> String {
    let mut words = vec![method.to_owned()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => words.push(format!("by {name}")),
            None => words.push(segment.to_owned()),
        }
    }
    if words.len() == 1 {
        words.push("root".to_owned());
    }
    words.join(" ").to_snake_case()
}

/// `id`, or `id_2`, `id_3`… whichever is free; it is then taken.
fn unique(id: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}_{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn path_parameter_required(
    parameter: &mut ReferenceOr<Parameter>,
    pointer: &str,
    warnings: &mut Diagnostics,
) {
    if let ReferenceOr::Item(Parameter::Path { parameter_data, .. }) = parameter
        && !parameter_data.required
    {
        warnings.push(
            pointer,
            format!(
                "path parameter `{}` is not marked `required`; a path parameter always is, \
                 so the generator makes it required: add `required: true`",
                parameter_data.name
            ),
        );
        parameter_data.required = true;
    }
}

/// A request body's media types, as progenitor can send them.
fn request_content(
    content: &mut IndexMap<String, MediaType>,
    pointer: &str,
    warnings: &mut Diagnostics,
) {
    if content.len() > 1
        && let Some(json) = content.keys().find(|media| media::is_json(media)).cloned()
    {
        let dropped: Vec<String> = content.keys().filter(|m| **m != json).cloned().collect();
        warnings.push(
            &format!("{pointer}/content"),
            format!(
                "the body can be sent as {} or `{json}`; the generated client sends JSON and \
                 the other media types are left out",
                dropped
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        content.retain(|media, _| *media == json);
    }
    json_media(content, pointer, "sent", warnings);
}

/// A response's media types, as progenitor can decode them.
fn response_content(
    content: &mut IndexMap<String, MediaType>,
    pointer: &str,
    warnings: &mut Diagnostics,
) {
    json_media(content, pointer, "decoded", warnings);
    if let Some((name, media)) = content.iter_mut().find(|(name, _)| media::is_json(name))
        && media.schema.is_none()
    {
        warnings.push(
            &format!("{pointer}/content/{}", escape(name)),
            "JSON content without a `schema`: decoded as any JSON value \
             (`serde_json::Value`); add a `schema` to type it"
                .to_owned(),
        );
        media.schema = Some(ReferenceOr::Item(any_json()));
    }
}

/// Spells every JSON media type `application/json`, keeping the first of
/// several, and drops `encoding`, which JSON does not have.
fn json_media(
    content: &mut IndexMap<String, MediaType>,
    pointer: &str,
    verb: &str,
    warnings: &mut Diagnostics,
) {
    let mut seen_json = false;
    let mut rewritten = IndexMap::with_capacity(content.len());
    for (name, mut media) in std::mem::take(content) {
        if !media::is_json(&name) {
            rewritten.insert(name, media);
            continue;
        }
        let media_pointer = format!("{pointer}/content/{}", escape(&name));
        if seen_json {
            warnings.push(
                &media_pointer,
                format!("`{name}` is a second JSON media type; the first one is {verb} instead"),
            );
            continue;
        }
        seen_json = true;
        // `application/json; charset=utf-8` progenitor reads as it is.
        let name = if media::is_plain_json(&name) {
            name
        } else {
            warnings.push(
                &media_pointer,
                format!("`{name}` is JSON: {verb} as `{JSON}`"),
            );
            JSON.to_owned()
        };
        if !media.encoding.is_empty() {
            warnings.push(
                &format!("{media_pointer}/encoding"),
                "`encoding` applies only to form and multipart bodies; ignored for JSON".to_owned(),
            );
            media.encoding.clear();
        }
        rewritten.insert(name, media);
    }
    *content = rewritten;
}

/// The schema `{}`: any JSON value.
fn any_json() -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: openapiv3::SchemaKind::Any(Default::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_come_from_method_and_path() {
        assert_eq!(
            derived_operation_id("get", "/v1/sessions/{id}"),
            "get_v1_sessions_by_id"
        );
        assert_eq!(
            derived_operation_id("post", "/v1/identity/sessions/{id}/decline"),
            "post_v1_identity_sessions_by_id_decline"
        );
        assert_eq!(derived_operation_id("get", "/"), "get_root");
        assert_eq!(derived_operation_id("get", "/page[size]"), "get_page_size");
    }

    #[test]
    fn an_upgrade_beside_a_success_is_left_out_but_a_websockets_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.yaml");
        let spec = "
openapi: 3.0.3
info: {title: Upgrades, version: '1'}
paths:
  /containers/{id}/attach:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '101': {description: Hijacked.}
        '200': {description: Attached.}
  /session:
    post:
      responses:
        '101': {description: Hijacked.}
        '400': {description: Bad request.}
  /events:
    get:
      x-dropshot-websocket: {}
      responses:
        '101': {description: Upgraded.}
        '200': {description: Not upgraded.}
";
        std::fs::write(&path, spec).unwrap();
        let (mut document, _) = crate::spec::load_and_check(&path, None).unwrap();
        let warnings = normalize(&mut document);
        let statuses = |path: &str, method: &str| -> Vec<String> {
            let item = document.api.paths.paths[path].as_item().unwrap();
            let operation = if method == "get" {
                &item.get
            } else {
                &item.post
            };
            let responses = &operation.as_ref().unwrap().responses.responses;
            responses.keys().map(ToString::to_string).collect()
        };
        assert_eq!(statuses("/containers/{id}/attach", "post"), ["200"]);
        // Alone, or on a WebSocket operation, the upgrade is what it says.
        assert_eq!(statuses("/session", "post"), ["101", "400"]);
        assert_eq!(statuses("/events", "get"), ["101", "200"]);
        let upgrades: Vec<&str> = warnings
            .iter()
            .filter(|w| w.message.starts_with("status 101"))
            .map(|w| w.pointer.as_str())
            .collect();
        assert_eq!(
            upgrades,
            ["/paths/~1containers~1{id}~1attach/post/responses/101"]
        );
    }

    #[test]
    fn derived_ids_avoid_taken_names() {
        let mut taken = BTreeSet::from(["get_things".to_owned()]);
        assert_eq!(unique("get_things".to_owned(), &mut taken), "get_things_2");
        assert_eq!(unique("get_things".to_owned(), &mut taken), "get_things_3");
        assert_eq!(unique("put_things".to_owned(), &mut taken), "put_things");
    }
}
