//! Readings of the document outside its schemas: the servers, and the
//! parameters, bodies and responses of its operations, where progenitor
//! refuses or cannot send what the spec plainly means.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::Readings;
use crate::names::rust_parameter_name;
use crate::spec::media;
use crate::spec::pointer::{escape, unescape};
use crate::spec::validate::template_names;
use crate::spec::walk::{Status, untyped_operations, untyped_operations_mut};

/// Applies the readings of the document to `root`, before its members are
/// read, each said in `readings`.
pub(super) fn apply_readings(root: &mut Map<String, Value>, readings: &mut Readings) {
    server_variables(root, readings);
    form_data_parameters(root, readings);
    path_parameters_outside_the_template(root, readings);
    undeclared_path_parameters(root, readings);
    deep_object_parameters(root, readings);
    structured_headers(root, readings);
    parameters_with_one_rust_name(root, readings);
    statuses_with_words(root, readings);
    responses_that_are_request_bodies(root, readings);
    json_bodies_without_schema(root, readings);
    required_members_that_say_nothing(root, readings);
    form_explode_defaults(root);
}

/// Gives a spec without `info`, or whose `info` lacks `title` or `version`,
/// the ones the client is described by: the title `API` (so the crate is
/// `api` unless `x-rust-client.crate` or `--crate-name` names it) and an
/// empty version, which the crate's docs leave out. openapiv3 would not
/// read the document at all, and only the docs and the default crate name
/// use them.
pub(super) fn info_without_title_or_version(
    root: &mut Map<String, Value>,
    readings: &mut Readings,
) {
    let info = root
        .entry("info")
        .or_insert_with(|| Value::Object(Map::new()));
    if !info.is_object() {
        *info = Value::Object(Map::new());
    }
    let Value::Object(info) = info else {
        return;
    };
    for (member, default, meaning) in [
        (
            "title",
            "API",
            "the client is described as the `API`, its crate named `api` unless \
             `x-rust-client.crate` names it",
        ),
        ("version", "", "the crate's docs give none"),
    ] {
        let pointer = format!("/info/{member}");
        match info.get(member) {
            Some(Value::String(_)) => {}
            // A JSON spec's `"version": 2`: the same words as text.
            Some(value @ (Value::Number(_) | Value::Bool(_))) => {
                let text = value.to_string();
                info.insert(member.to_owned(), text.into());
                readings.rewrote();
            }
            Some(_) => {
                info.insert(member.to_owned(), default.into());
                readings.warn(&pointer, format!("`info.{member}` is not text: {meaning}"));
            }
            None => {
                info.insert(member.to_owned(), default.into());
                readings.warn(
                    &pointer,
                    format!("`info` has no `{member}`, which OpenAPI requires: {meaning}"),
                );
            }
        }
    }
}

/// Writes in the members OpenAPI requires but that change nothing the
/// client does (authlete leaves out responses' `description`): a response's
/// `description` is empty, an operation without `responses` has none
/// (`{}`). openapiv3 would not read the operation, which would be left out
/// for want of a sentence. Not a reading: nothing the spec means changes,
/// so no warning.
fn required_members_that_say_nothing(root: &mut Map<String, Value>, readings: &mut Readings) {
    let mut wrote = false;
    for (_, item) in path_items_mut(root) {
        for (_, operation) in untyped_operations_mut(item) {
            let Value::Object(operation) = operation else {
                continue;
            };
            let responses = operation
                .entry("responses")
                .or_insert_with(|| {
                    wrote = true;
                    Value::Object(Map::new())
                })
                .as_object_mut();
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                wrote |= described(response);
            }
        }
    }
    let shared = root
        .get_mut("components")
        .and_then(|components| components.get_mut("responses"))
        .and_then(Value::as_object_mut);
    for response in shared.into_iter().flat_map(|r| r.values_mut()) {
        wrote |= described(response);
    }
    if wrote {
        readings.rewrote();
    }
}

/// Gives `response`, written in place, the empty `description` it lacks;
/// whether it lacked one.
fn described(response: &mut Value) -> bool {
    let Value::Object(response) = response else {
        return false;
    };
    if response.contains_key("$ref") || response.contains_key("description") {
        return false;
    }
    response.insert("description".to_owned(), "".into());
    true
}

/// Gives a JSON request body without a `schema` (okta's `application/json:
/// {}` on an operation that takes no body) the schema `{}`: any JSON value
/// is what it says, and progenitor types a JSON body only from its schema.
/// A form or multipart body without one is the `requests` stage's: it is
/// sent as the text or bytes the caller writes.
fn json_bodies_without_schema(root: &mut Map<String, Value>, readings: &mut Readings) {
    for (path, item) in path_items_mut(root) {
        let item_pointer = format!("/paths/{}", escape(path));
        for (method, operation) in untyped_operations_mut(item) {
            if let Some(body) = operation.get_mut("requestBody") {
                let pointer = format!("{item_pointer}/{method}/requestBody");
                json_body_without_schema(body, &pointer, readings);
            }
        }
    }
    // Bodies that are `$ref`s are read where they are written.
    let shared = root
        .get_mut("components")
        .and_then(|components| components.get_mut("requestBodies"))
        .and_then(Value::as_object_mut);
    for (name, body) in shared.into_iter().flatten() {
        let pointer = format!("/components/requestBodies/{}", escape(name));
        json_body_without_schema(body, &pointer, readings);
    }
}

fn json_body_without_schema(body: &mut Value, pointer: &str, readings: &mut Readings) {
    let content = body.get_mut("content").and_then(Value::as_object_mut);
    for (media_type, media) in content.into_iter().flatten() {
        let Value::Object(media) = media else {
            continue;
        };
        if !media::is_json(media_type) || media.contains_key("schema") {
            continue;
        }
        media.insert("schema".to_owned(), Value::Object(Map::new()));
        readings.warn(
            &format!("{pointer}/content/{}", escape(media_type)),
            format!(
                "the `{media_type}` request body has no `schema`: it is sent as any JSON value \
                 (`serde_json::Value`); add a `schema` to type it"
            ),
        );
    }
}

/// Writes out the `explode` that a form body's `encoding` leaves to its
/// default, which depends on the `style` (true for `form`, the default
/// style; false for the others): once the document is read, an absent
/// `explode` and `explode: false` look alike. Not a reading, so no warning.
fn form_explode_defaults(root: &mut Map<String, Value>) {
    for (_, item) in path_items_mut(root) {
        for (_, operation) in untyped_operations_mut(item) {
            if let Some(body) = operation.get_mut("requestBody") {
                explode_defaults(body);
            }
        }
    }
    let shared = root
        .get_mut("components")
        .and_then(|components| components.get_mut("requestBodies"))
        .and_then(Value::as_object_mut);
    for body in shared.into_iter().flat_map(|bodies| bodies.values_mut()) {
        explode_defaults(body);
    }
}

fn explode_defaults(body: &mut Value) {
    let encodings = body
        .get_mut("content")
        .and_then(|content| content.get_mut("application/x-www-form-urlencoded"))
        .and_then(|media| media.get_mut("encoding"))
        .and_then(Value::as_object_mut);
    for encoding in encodings.into_iter().flat_map(|e| e.values_mut()) {
        if let Value::Object(encoding) = encoding
            && !encoding.contains_key("explode")
        {
            let style = encoding.get("style").and_then(Value::as_str);
            let explode = matches!(style, None | Some("form"));
            encoding.insert("explode".to_owned(), Value::Bool(explode));
        }
    }
}

/// Reads an operation's `in: formData` parameters (Swagger 2's, kept in a
/// 3.0 spec: anythingllm's image generation, which swagger-autogen wrote)
/// as the members of a form body: `multipart/form-data` when one is a file,
/// else `application/x-www-form-urlencoded`, each required as its
/// parameter was. Beside a body of the operation's own they cannot be sent,
/// and are left out. openapiv3 could not read the operation, which was
/// left out of the client.
fn form_data_parameters(root: &mut Map<String, Value>, readings: &mut Readings) {
    // Swagger 2's parameter keywords that describe the value.
    const SCHEMA_KEYWORDS: [&str; 8] = [
        "type", "format", "items", "enum", "default", "minimum", "maximum", "pattern",
    ];
    for (path, item) in path_items_mut(root) {
        for (method, operation) in untyped_operations_mut(item) {
            let Some(Value::Array(parameters)) = operation.get_mut("parameters") else {
                continue;
            };
            let form = |parameter: &Value| parameter.get("in") == Some(&Value::from("formData"));
            if !parameters.iter().any(form) {
                continue;
            }
            let pointer = format!("/paths/{}/{method}", escape(path));
            let (fields, kept): (Vec<Value>, Vec<Value>) =
                std::mem::take(parameters).into_iter().partition(form);
            *parameters = kept;
            let names: Vec<String> = fields
                .iter()
                .filter_map(|field| Some(format!("`{}`", field.get("name")?.as_str()?)))
                .collect();
            if operation.get("requestBody").is_some() {
                readings.warn(
                    &format!("{pointer}/parameters"),
                    format!(
                        "`in: formData` parameters {} beside a request body: left out, as the \
                         client sends one body",
                        names.join(", ")
                    ),
                );
                continue;
            }
            let mut properties = Map::new();
            let mut required = Vec::new();
            let mut files = false;
            for field in &fields {
                let Some(name) = field.get("name").and_then(Value::as_str) else {
                    continue;
                };
                let mut schema = match field.get("schema") {
                    Some(Value::Object(schema)) => schema.clone(),
                    _ => SCHEMA_KEYWORDS
                        .iter()
                        .filter_map(|key| Some(((*key).to_owned(), field.get(*key)?.clone())))
                        .collect(),
                };
                files |= schema.get("type") == Some(&Value::from("file"))
                    || schema.get("format") == Some(&Value::from("binary"));
                if let Some(description) = field.get("description") {
                    schema
                        .entry("description")
                        .or_insert_with(|| description.clone());
                }
                properties.insert(name.to_owned(), Value::Object(schema));
                if field.get("required") == Some(&Value::Bool(true)) {
                    required.push(Value::from(name));
                }
            }
            let media = if files {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let mut schema = Map::new();
            schema.insert("type".to_owned(), Value::from("object"));
            schema.insert("properties".to_owned(), Value::Object(properties));
            if !required.is_empty() {
                schema.insert("required".to_owned(), Value::Array(required));
            }
            let mut content = Map::new();
            content.insert(media.to_owned(), serde_json::json!({ "schema": schema }));
            if let Value::Object(operation) = operation {
                let body = serde_json::json!({ "required": true, "content": content });
                operation.insert("requestBody".to_owned(), body);
            }
            readings.warn(
                &format!("{pointer}/parameters"),
                format!(
                    "`in: formData` parameters {} (Swagger 2's) are read as the members of a \
                     `{media}` body",
                    names.join(", ")
                ),
            );
        }
    }
}

/// Reads a response's key that is an HTTP status followed by words (halo's
/// `204 NO_CONTENT`, as a Java enum prints it) as the status alone, unless
/// the operation has a response of that status already; another key that
/// is no status (nor an `x-` extension) leaves its response out. openapiv3
/// refused the whole spec over either.
fn statuses_with_words(root: &mut Map<String, Value>, readings: &mut Readings) {
    for (path, item) in path_items_mut(root) {
        for (method, operation) in untyped_operations_mut(item) {
            let Some(Value::Object(responses)) = operation.get_mut("responses") else {
                continue;
            };
            let unread: Vec<String> = responses
                .keys()
                .filter(|key| !key.starts_with("x-") && Status::parse(key).is_none())
                .cloned()
                .collect();
            for key in unread {
                let pointer = format!(
                    "/paths/{}/{method}/responses/{}",
                    escape(path),
                    escape(&key)
                );
                let code: String = key.chars().take_while(char::is_ascii_digit).collect();
                let words = key[code.len()..].starts_with(|c: char| !c.is_ascii_alphanumeric());
                let readable = code.len() == 3 && words && Status::parse(&code).is_some();
                let Some(response) = responses.shift_remove(&key) else {
                    continue;
                };
                if readable && !responses.contains_key(&code) {
                    readings.warn(
                        &pointer,
                        format!("response `{key}` is read as the status `{code}`"),
                    );
                    responses.insert(code, response);
                } else {
                    readings.warn(
                        &pointer,
                        format!(
                            "response `{key}` is not an HTTP status (a code from 100 to 599, \
                             `1XX` to `5XX`, or `default`): left out"
                        ),
                    );
                }
            }
        }
    }
}

/// Writes in place the responses that refer to a request body: its
/// `content` and `description` are what a response has too.
fn responses_that_are_request_bodies(root: &mut Map<String, Value>, readings: &mut Readings) {
    // (path, method, status, the `$ref`, the response it reads as), found
    // first: the references are resolved in the document as it is.
    let mut found = Vec::new();
    for (path, item) in path_items(root) {
        for (method, operation) in untyped_operations(item) {
            let responses = operation.get("responses").and_then(Value::as_object);
            for (status, response) in responses.into_iter().flatten() {
                if let Some(target) = response.get("$ref").and_then(Value::as_str)
                    && target.starts_with("#/components/requestBodies/")
                    && let Some(Value::Object(body)) = root_pointer(root, target)
                {
                    let mut read = Map::new();
                    let description = body.get("description").cloned();
                    read.insert(
                        "description".to_owned(),
                        description.unwrap_or_else(|| "".into()),
                    );
                    if let Some(content) = body.get("content") {
                        read.insert("content".to_owned(), content.clone());
                    }
                    let reference = (path.clone(), method, status.clone(), target.to_owned());
                    found.push((reference, Value::Object(read)));
                }
            }
        }
    }
    for ((path, method, status, target), read) in found {
        readings.warn(
            &format!("/paths/{}/{method}/responses/{status}/$ref", escape(&path)),
            format!(
                "the response refers to a request body, `{target}`: its content is read as \
                 the response's"
            ),
        );
        let response = operation_mut(root, &path, method)
            .and_then(|operation| operation.get_mut("responses"))
            .and_then(|responses| responses.get_mut(&status));
        if let Some(response) = response {
            *response = read;
        }
    }
}

/// The first server's URL with its variables' defaults, when each has one.
fn server_variables(root: &mut Map<String, Value>, readings: &mut Readings) {
    let Some(Value::Object(server)) = root
        .get_mut("servers")
        .and_then(Value::as_array_mut)
        .and_then(|servers| servers.first_mut())
    else {
        return;
    };
    let Some(url) = server.get("url").and_then(Value::as_str) else {
        return;
    };
    let mut read = String::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            return;
        };
        let name = &rest[open + 1..close];
        let default = server
            .get("variables")
            .and_then(|variables| variables.get(name))
            .and_then(|variable| variable.get("default"))
            .and_then(Value::as_str);
        let Some(default) = default else {
            // Validation says what is missing.
            return;
        };
        read.push_str(&rest[..open]);
        read.push_str(default);
        rest = &rest[close + 1..];
    }
    if read.is_empty() {
        return;
    }
    read.push_str(rest);
    readings.warn(
        "/servers/0/url",
        format!(
            "server URL `{url}` has variables: the client's default base URL is `{read}`, \
             from their defaults (`with_base_url` chooses another)"
        ),
    );
    server.insert("url".to_owned(), Value::String(read));
}

/// Leaves out the path parameters that the path's template does not name
/// (`sessionId` on `/sessions/{id}`): the URL has no place for them. The
/// template's own `{id}` is then read as [`undeclared_path_parameters`]
/// says.
fn path_parameters_outside_the_template(root: &mut Map<String, Value>, readings: &mut Readings) {
    // (path, method or none for the path item's, index, name), found
    // first: the references are resolved in the document as it is.
    let mut outside = Vec::new();
    for (path, item) in path_items(root) {
        let Ok(names) = template_names(path) else {
            continue;
        };
        let operations = untyped_operations(item).map(|(method, op)| (Some(method), op));
        let lists = std::iter::once((None, item.get("parameters")))
            .chain(operations.map(|(method, op)| (method, op.get("parameters"))));
        for (method, list) in lists {
            let list = list.and_then(Value::as_array);
            for (index, parameter) in list.into_iter().flatten().enumerate() {
                let parameter = match parameter.get("$ref").and_then(Value::as_str) {
                    Some(target) => match root_pointer(root, target) {
                        Some(parameter) => parameter,
                        None => continue,
                    },
                    None => parameter,
                };
                if parameter.get("in").and_then(Value::as_str) == Some("path")
                    && let Some(name) = parameter.get("name").and_then(Value::as_str)
                    && !names.iter().any(|named| named == name)
                {
                    outside.push((path.clone(), method, index, name.to_owned()));
                }
            }
        }
    }
    // Last first, so that each index still names its parameter.
    for (path, method, index, name) in outside.into_iter().rev() {
        let holder = match method {
            Some(method) => operation_mut(root, &path, method),
            None => root
                .get_mut("paths")
                .and_then(|paths| paths.get_mut(&path))
                .and_then(Value::as_object_mut),
        };
        let Some(Value::Array(list)) = holder.and_then(|holder| holder.get_mut("parameters"))
        else {
            continue;
        };
        list.remove(index);
        let at = method.map_or(String::new(), |method| format!("/{method}"));
        readings.warn(
            &format!("/paths/{}{at}/parameters/{index}", escape(&path)),
            format!(
                "path parameter `{name}` does not appear in the path `{path}`: left out, as \
                 the URL has no place for it; add `{{{name}}}` to the path, or fix the \
                 parameter's name or `in`"
            ),
        );
    }
}

/// Declares, for each operation, the path's `{name}`s that no parameter
/// declares: as required strings, which is what a path segment is.
fn undeclared_path_parameters(root: &mut Map<String, Value>, readings: &mut Readings) {
    let declared_names = |parameters: Option<&Value>| -> Vec<String> {
        let list = parameters.and_then(Value::as_array).into_iter().flatten();
        list.filter_map(|parameter| {
            let parameter = match parameter.get("$ref").and_then(Value::as_str) {
                Some(target) => root_pointer(root, target)?,
                None => parameter,
            };
            (parameter.get("in").and_then(Value::as_str) == Some("path"))
                .then(|| {
                    parameter
                        .get("name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .flatten()
        })
        .collect()
    };
    // (path, method, name), found first: the references are resolved in
    // the document as it is.
    let mut undeclared = Vec::new();
    for (path, item) in path_items(root) {
        let Ok(names) = template_names(path) else {
            continue;
        };
        let on_item = declared_names(item.get("parameters"));
        for (method, operation) in untyped_operations(item) {
            let mut declared = on_item.clone();
            declared.extend(declared_names(operation.get("parameters")));
            // A parameter behind a `$ref` that leads nowhere may be the
            // missing one: validation says so.
            let lists = [item.get("parameters"), operation.get("parameters")];
            let doubtful = lists
                .into_iter()
                .flatten()
                .filter_map(Value::as_array)
                .flatten()
                .any(
                    |parameter| match parameter.get("$ref").and_then(Value::as_str) {
                        Some(target) => root_pointer(root, target).is_none(),
                        None => false,
                    },
                );
            if doubtful {
                continue;
            }
            for name in names.iter().filter(|name| !declared.contains(name)) {
                undeclared.push((path.clone(), method, name.clone()));
            }
        }
    }
    for (path, method, name) in undeclared {
        readings.warn(
            &format!("/paths/{}/{method}", escape(&path)),
            format!(
                "{} {path}: the path's `{{{name}}}` has no parameter: read as a required \
                 `string` path parameter; declare it under `parameters`",
                method.to_uppercase()
            ),
        );
        let parameter = serde_json::json!({
            "name": name, "in": "path", "required": true, "schema": {"type": "string"}
        });
        let Some(operation) = operation_mut(root, &path, method) else {
            continue;
        };
        match operation.get_mut("parameters") {
            Some(Value::Array(list)) => list.push(parameter),
            _ => {
                operation.insert("parameters".to_owned(), Value::Array(vec![parameter]));
            }
        }
    }
}

/// Reads the header and path parameters of path items and operations whose
/// schema is not a scalar as strings: progenitor writes both with
/// `to_string()`, which a list or an object of typify's does not have.
fn structured_headers(root: &mut Map<String, Value>, readings: &mut Readings) {
    let structured = structured_components(root);
    // The parameters operations refer to (beezup's `Accept-Language`, a
    // list, in `components.parameters`).
    let shared = root
        .get_mut("components")
        .and_then(|components| components.get_mut("parameters"))
        .and_then(Value::as_object_mut);
    for (name, parameter) in shared.into_iter().flatten() {
        let pointer = format!("/components/parameters/{}", escape(name));
        structured_header_schema(parameter, &pointer, &structured, readings);
    }
    for (path, item) in path_items_mut(root) {
        let on_item = item.get_mut("parameters").and_then(Value::as_array_mut);
        let pointer = format!("/paths/{}/parameters", escape(path));
        structured_header_schemas(on_item, &pointer, &structured, readings);
        for (method, operation) in untyped_operations_mut(item) {
            let own = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut);
            let pointer = format!("/paths/{}/{method}/parameters", escape(path));
            structured_header_schemas(own, &pointer, &structured, readings);
        }
    }
}

/// The `$ref`s of the component schemas that are lists or objects.
fn structured_components(root: &Map<String, Value>) -> BTreeSet<String> {
    root.get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, schema)| {
            matches!(
                schema.get("type").and_then(Value::as_str),
                Some("object" | "array")
            ) || schema.get("properties").is_some()
        })
        .map(|(name, _)| format!("#/components/schemas/{}", escape(name)))
        .collect()
}

/// [`structured_headers`] for one list of parameters, at `pointer`;
/// `structured` are the component schemas that are lists or objects.
fn structured_header_schemas(
    parameters: Option<&mut Vec<Value>>,
    pointer: &str,
    structured: &BTreeSet<String>,
    readings: &mut Readings,
) {
    for (index, parameter) in parameters.into_iter().flatten().enumerate() {
        let pointer = format!("{pointer}/{index}");
        structured_header_schema(parameter, &pointer, structured, readings);
    }
}

/// [`structured_headers`] for one parameter, at `pointer`.
fn structured_header_schema(
    parameter: &mut Value,
    pointer: &str,
    structured: &BTreeSet<String>,
    readings: &mut Readings,
) {
    let (place, places) = match parameter.get("in").and_then(Value::as_str) {
        Some("header") => ("header", "headers"),
        Some("path") => ("path parameter", "paths"),
        _ => return,
    };
    let Some(schema) = parameter.get_mut("schema") else {
        return;
    };
    let scalar = match (
        schema.get("type").and_then(Value::as_str),
        schema.get("$ref"),
    ) {
        // A path's type that names no type at all is left for the
        // check to refuse.
        (Some(kind), _) if place == "path parameter" => !matches!(kind, "array" | "object"),
        (Some(kind), _) => matches!(kind, "string" | "integer" | "number" | "boolean"),
        // A `$ref` is left to progenitor (usually a string enum), unless
        // it names a list or an object: Jellyfin's `Version` in a path,
        // Visual Studio Codespaces' `PlanResourceHeaders` in a header.
        (None, Some(target)) => target.as_str().is_none_or(|t| !structured.contains(t)),
        (None, None) => place == "path parameter" && schema.get("properties").is_none(),
    };
    if scalar {
        return;
    }
    let mut read = serde_json::json!({"type": "string"});
    if let Some(description) = schema.get("description") {
        read["description"] = description.clone();
    }
    *schema = read;
    readings.warn(
        &format!("{pointer}/schema"),
        format!(
            "a {place} whose value is not a string, number or boolean is read as a \
             string: the text the caller sends (progenitor writes {places} as text)"
        ),
    );
}

/// Reads an operation's own `deepObject` query parameters, written in place
/// or as a `$ref` to `components.parameters` (apideck's `filter`s), as
/// progenitor can send them: one parameter per property, or none.
fn deep_object_parameters(root: &mut Map<String, Value>, readings: &mut Readings) {
    let is_deep = |parameter: &Value| {
        parameter.get("in").and_then(Value::as_str) == Some("query")
            && parameter.get("style").and_then(Value::as_str) == Some("deepObject")
    };
    // `$ref`s are followed in a copy of `components`, taken only when a
    // component parameter is a `deepObject` one.
    let any_behind_a_reference = root
        .get("components")
        .and_then(|components| components.get("parameters"))
        .and_then(Value::as_object)
        .is_some_and(|parameters| parameters.values().any(is_deep));
    let components = Map::from_iter(
        root.get("components")
            .filter(|_| any_behind_a_reference)
            .map(|components| ("components".to_owned(), components.clone())),
    );
    let resolve = |value: &Value| -> Value {
        let mut value = value;
        // Bounded: a cycle of `$ref`s ends here, and validation refuses it.
        for _ in 0..32 {
            let Some(found) = value
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|target| root_pointer(&components, target))
            else {
                break;
            };
            value = found;
        }
        value.clone()
    };
    for (path, item) in path_items_mut(root) {
        for (method, operation) in untyped_operations_mut(item) {
            let Some(Value::Array(parameters)) = operation.get_mut("parameters") else {
                continue;
            };
            let pointer = format!("/paths/{}/{method}/parameters", escape(path));
            let mut read = Vec::with_capacity(parameters.len());
            for (index, parameter) in std::mem::take(parameters).into_iter().enumerate() {
                let reference = parameter.get("$ref").is_some();
                let resolved = if reference {
                    resolve(&parameter)
                } else {
                    parameter.clone()
                };
                if !is_deep(&resolved) {
                    read.push(parameter);
                    continue;
                }
                let at = match reference {
                    true => format!("{pointer}/{index}"),
                    false => format!("{pointer}/{index}/style"),
                };
                let name = resolved
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let required = resolved.get("required") == Some(&Value::Bool(true));
                // An operation's own parameter is read as it is written; one
                // behind a `$ref` has its schema's `$ref`s followed too.
                let as_written = |value: &Value| value.clone();
                let follow: &dyn Fn(&Value) -> Value =
                    if reference { &resolve } else { &as_written };
                match deep_object_members(&resolved, follow) {
                    Some(members) => {
                        readings.warn(
                            &at,
                            format!(
                                "`style: deepObject` query parameter `{name}` is read as one \
                                 query parameter per property, `{name}[…]`, which is how it is \
                                 sent"
                            ),
                        );
                        read.extend(members);
                    }
                    None if !required => readings.warn(
                        &at,
                        format!(
                            "`style: deepObject` query parameter `{name}` is not an object of \
                             listed properties, and progenitor cannot send it otherwise: it is \
                             optional, so it is left out and the client cannot send it"
                        ),
                    ),
                    // The engine's ladder steps the operation down.
                    None => read.push(parameter),
                }
            }
            *parameters = read;
        }
    }
}

/// The query parameters `name[property]` a `deepObject` parameter stands
/// for, when its schema is an object of listed properties that are neither
/// objects nor lists.
fn deep_object_members(parameter: &Value, resolve: &dyn Fn(&Value) -> Value) -> Option<Vec<Value>> {
    let name = parameter.get("name")?.as_str()?;
    let schema = resolve(parameter.get("schema")?);
    let schema = schema.as_object()?;
    let properties = schema.get("properties")?.as_object()?;
    let open = schema
        .get("additionalProperties")
        .is_some_and(|additional| additional.is_object());
    if open || properties.is_empty() {
        return None;
    }
    let required_list = schema.get("required").and_then(Value::as_array);
    let parameter_required = parameter.get("required") == Some(&Value::Bool(true));
    let mut members = Vec::new();
    for (property, member) in properties {
        let resolved = resolve(member);
        let kind = resolved.get("type").and_then(Value::as_str);
        let scalar = matches!(kind, Some("string" | "integer" | "number" | "boolean"));
        if !scalar {
            return None;
        }
        let required = parameter_required
            && required_list.is_some_and(|list| list.iter().any(|r| r == property));
        let mut read = Map::new();
        read.insert("name".to_owned(), format!("{name}[{property}]").into());
        read.insert("in".to_owned(), "query".into());
        read.insert("required".to_owned(), Value::Bool(required));
        if let Some(description) = resolved.get("description") {
            read.insert("description".to_owned(), description.clone());
        }
        read.insert("schema".to_owned(), member.clone());
        members.push(Value::Object(read));
    }
    Some(members)
}

/// Leaves out an operation's optional parameters whose Rust name (as
/// progenitor derives it) an earlier parameter of the operation has.
fn parameters_with_one_rust_name(root: &mut Map<String, Value>, readings: &mut Readings) {
    // (path, method, index in the operation's list, name, the earlier name).
    let mut clashes = Vec::new();
    let resolved = |parameter: &'_ Value| -> Option<(String, bool)> {
        let parameter = match parameter.get("$ref").and_then(Value::as_str) {
            Some(target) => root_pointer(root, target)?,
            None => parameter,
        };
        let name = parameter.get("name").and_then(Value::as_str)?.to_owned();
        let required = parameter.get("required") == Some(&Value::Bool(true));
        Some((name, required))
    };
    for (path, item) in path_items(root) {
        let on_item: Vec<&Value> = item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        for (method, operation) in untyped_operations(item) {
            let mut seen: BTreeMap<String, String> = BTreeMap::new();
            for (name, _) in on_item.iter().filter_map(|p| resolved(p)) {
                seen.entry(rust_parameter_name(&name)).or_insert(name);
            }
            let own = operation.get("parameters").and_then(Value::as_array);
            for (index, parameter) in own.into_iter().flatten().enumerate() {
                let Some((name, required)) = resolved(parameter) else {
                    continue;
                };
                match seen.get(&rust_parameter_name(&name)) {
                    Some(earlier) if *earlier != name && !required => {
                        clashes.push((path.clone(), method, index, name, earlier.clone()));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(rust_parameter_name(&name), name);
                    }
                }
            }
        }
    }
    // Removed from the last, so that the indices stay true.
    for (path, method, index, name, earlier) in clashes.into_iter().rev() {
        readings.warn(
            &format!("/paths/{}/{method}/parameters/{index}", escape(&path)),
            format!(
                "parameter `{name}` gets the same Rust name as `{earlier}`, `{}`: it is optional, \
                 so it is left out and the client cannot send it",
                rust_parameter_name(&name)
            ),
        );
        let parameters = operation_mut(root, &path, method)
            .and_then(|operation| operation.get_mut("parameters"));
        if let Some(Value::Array(list)) = parameters {
            list.remove(index);
        }
    }
}

/// The path items of `root`, each with its path, in the order the document
/// holds them.
fn path_items(root: &Map<String, Value>) -> impl Iterator<Item = (&String, &Map<String, Value>)> {
    let paths = root.get("paths").and_then(Value::as_object);
    paths
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| Some((path, item.as_object()?)))
}

/// [`path_items`], to rewrite.
fn path_items_mut(
    root: &mut Map<String, Value>,
) -> impl Iterator<Item = (&String, &mut Map<String, Value>)> {
    let paths = root.get_mut("paths").and_then(Value::as_object_mut);
    paths
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| Some((path, item.as_object_mut()?)))
}

/// The operation `method` of the path item `path` of `root`, to rewrite.
fn operation_mut<'r>(
    root: &'r mut Map<String, Value>,
    path: &str,
    method: &str,
) -> Option<&'r mut Map<String, Value>> {
    root.get_mut("paths")?
        .get_mut(path)?
        .get_mut(method)?
        .as_object_mut()
}

/// What a local `$ref` (`#/components/parameters/X`) points to in `root`.
fn root_pointer<'a>(root: &'a Map<String, Value>, target: &str) -> Option<&'a Value> {
    let pointer = target.strip_prefix('#')?;
    let mut segments = pointer.split('/').skip(1);
    let first = segments.next()?;
    let mut value = root.get(&unescape(first))?;
    for segment in segments {
        value = value.get(unescape(segment))?;
    }
    Some(value)
}

/// Leaves out `nullable` on a header or path parameter's schema (box's
/// `x-rep-hints`, vtex's `facets`): a header the caller does not send has no
/// value already, a path segment always has one, and neither can say
/// `null`. progenitor would take an `Option<Option<&str>>` it cannot write
/// for a header, and an `Option<&str>` it cannot put in a path (E0599). (A
/// nullable query parameter gives the same code as one that is not.)
pub(super) fn nullable_parameter(parameter: &mut Value, pointer: &str, readings: &mut Readings) {
    let why = match parameter.get("in").and_then(Value::as_str) {
        Some("header") => {
            "`nullable` on a header parameter is left out: a header the caller does not send \
             has no value already, and a header cannot say `null`"
        }
        Some("path") => {
            "`nullable` on a path parameter is left out: a path segment always has a value, \
             and cannot say `null`"
        }
        _ => return,
    };
    let Some(Value::Object(schema)) = parameter.get_mut("schema") else {
        return;
    };
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        schema.remove("nullable");
        readings.warn(&format!("{pointer}/schema/nullable"), why.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_document(document: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut root) = document else {
            panic!("a document is a mapping");
        };
        let mut readings = Readings::default();
        apply_readings(&mut root, &mut readings);
        let said = readings.warnings;
        (Value::Object(root), said)
    }

    #[test]
    fn a_deep_object_parameter_behind_a_reference_is_sent_as_its_properties() {
        // apideck's shape: the parameter and its schema both `$ref`s.
        let (root, said) = read_document(json!({
            "paths": {"/leads": {"get": {"parameters": [
                {"$ref": "#/components/parameters/leadsFilter"},
                {"$ref": "#/components/parameters/limit"}]}}},
            "components": {
                "parameters": {
                    "leadsFilter": {"name": "filter", "in": "query", "style": "deepObject",
                        "schema": {"$ref": "#/components/schemas/LeadsFilter"}},
                    "limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
                "schemas": {
                    "LeadsFilter": {"type": "object", "properties": {
                        "name": {"type": "string", "description": "By name."},
                        "status": {"$ref": "#/components/schemas/Status"}}},
                    "Status": {"type": "string", "enum": ["open", "won"]}}}}));
        let parameters = root["paths"]["/leads"]["get"]["parameters"]
            .as_array()
            .unwrap();
        let names: Vec<&str> = parameters
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(names, ["filter[name]", "filter[status]"]);
        assert_eq!(parameters[0]["description"], "By name.");
        assert_eq!(
            parameters[1]["schema"],
            json!({"$ref": "#/components/schemas/Status"})
        );
        assert_eq!(
            parameters[2],
            json!({"$ref": "#/components/parameters/limit"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/paths/~1leads/get/parameters/0");
    }

    #[test]
    fn form_data_parameters_are_read_as_a_form_body() {
        // anythingllm's image generation, and Swagger 2's keywords in place.
        let (root, said) = read_document(json!({"paths": {"/images": {"post": {"parameters": [
            {"name": "prompt", "in": "formData", "required": true,
             "description": "What to draw.", "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer"}},
            {"name": "image", "in": "formData", "type": "file"}
        ]}, "put": {"parameters": [
            {"name": "size", "in": "formData", "type": "integer", "minimum": 1}
        ]}, "patch": {"parameters": [{"name": "size", "in": "formData", "type": "integer"}],
            "requestBody": {"content": {"application/json": {"schema": {}}}}}}}}));
        let images = &root["paths"]["/images"];
        assert_eq!(
            images["post"]["parameters"],
            json!([{"name": "limit", "in": "query", "schema": {"type": "integer"}}])
        );
        assert_eq!(
            images["post"]["requestBody"],
            json!({"required": true, "content": {"multipart/form-data": {"schema": {
                "type": "object",
                "properties": {
                    "prompt": {"type": "string", "description": "What to draw."},
                    "image": {"type": "file"}
                },
                "required": ["prompt"]
            }}}})
        );
        assert_eq!(
            images["put"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
                ["properties"]["size"],
            json!({"type": "integer", "minimum": 1})
        );
        // Beside a body: left out.
        assert_eq!(images["patch"]["parameters"], json!([]));
        assert_eq!(
            images["patch"]["requestBody"],
            json!({"content": {"application/json": {"schema": {}}}})
        );
        assert_eq!(said.len(), 3, "{said:?}");
        assert_eq!(said[0].0, "/paths/~1images/post/parameters");
        assert!(said[2].1.contains("left out"), "{said:?}");
    }

    #[test]
    fn a_status_followed_by_words_is_read_as_the_status() {
        // halo's `204 NO_CONTENT`; a second `200` beside `200`; no status.
        let (root, said) = read_document(json!({"paths": {"/configs": {"put": {"responses": {
            "204 NO_CONTENT": {"description": "Saved."},
            "200": {"description": "OK."},
            "200 OK": {"description": "OK again."},
            "success": {"description": "?"},
            "x-codes": {}
        }}}}}));
        let responses = &root["paths"]["/configs"]["put"]["responses"];
        let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["200", "x-codes", "204"]);
        assert_eq!(responses["204"]["description"], "Saved.");
        assert_eq!(responses["200"]["description"], "OK.");
        let pointers: Vec<&str> = said.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1configs/put/responses/204 NO_CONTENT",
                "/paths/~1configs/put/responses/200 OK",
                "/paths/~1configs/put/responses/success",
            ]
        );
        assert!(said[0].1.contains("read as the status `204`"), "{said:?}");
        assert!(said[1].1.contains("left out"), "{said:?}");
    }

    fn read_info(document: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut root) = document else {
            panic!("a document is a mapping");
        };
        let mut readings = Readings::default();
        info_without_title_or_version(&mut root, &mut readings);
        (Value::Object(root), readings.warnings)
    }

    #[test]
    fn an_info_without_title_or_version_is_given_both() {
        let (root, said) = read_info(json!({"openapi": "3.0.3", "paths": {}}));
        assert_eq!(root["info"], json!({"title": "API", "version": ""}));
        let pointers: Vec<&str> = said.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(pointers, ["/info/title", "/info/version"]);
        assert!(said[0].1.contains("crate named `api`"), "{said:?}");

        // A number is the same words as text, and needs no warning.
        let (root, said) = read_info(json!({"info": {"title": "T", "version": 2.5}}));
        assert_eq!(root["info"], json!({"title": "T", "version": "2.5"}));
        assert!(said.is_empty(), "{said:?}");

        let (root, said) = read_info(json!({"info": {"title": ["T"], "version": "1"}}));
        assert_eq!(root["info"], json!({"title": "API", "version": "1"}));
        assert_eq!(said.len(), 1);
        assert!(
            said[0].1.starts_with("`info.title` is not text"),
            "{said:?}"
        );
    }

    #[test]
    fn a_server_url_with_variables_takes_their_defaults() {
        let (root, said) = read_document(json!({"servers": [{
            "url": "https://{region}.example.com/{version}",
            "variables": {"region": {"default": "us", "enum": ["us", "de"]}, "version": {"default": "v2"}}
        }]}));
        assert_eq!(root["servers"][0]["url"], "https://us.example.com/v2");
        assert_eq!(said[0].0, "/servers/0/url");
        // Without a default there is no reading; validation refuses it.
        let without = json!({"servers": [{"url": "https://{region}.example.com"}]});
        assert_eq!(read_document(without.clone()), (without, vec![]));
    }

    #[test]
    fn an_undeclared_path_parameter_is_a_string() {
        let (root, said) = read_document(json!({
            "paths": {"/jobs/{job}/files/{file}": {
                "parameters": [{"$ref": "#/components/parameters/File"}],
                "get": {"responses": {}},
                "delete": {"parameters": [{"name": "job", "in": "path", "required": true}]}
            }},
            "components": {"parameters": {"File": {"name": "file", "in": "path", "required": true}}}
        }));
        let item = &root["paths"]["/jobs/{job}/files/{file}"];
        assert_eq!(
            item["get"]["parameters"],
            json!([{"name": "job", "in": "path", "required": true, "schema": {"type": "string"}}])
        );
        assert_eq!(
            item["delete"]["parameters"].as_array().map(Vec::len),
            Some(1)
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/paths/~1jobs~1{job}~1files~1{file}/get");
        // One the template does not name is left out, on the path item as
        // on the operation; the template's own is then a string.
        let (root, said) = read_document(json!({"paths": {"/s/{id}": {
            "parameters": [{"name": "trace", "in": "path", "required": true}],
            "get": {"parameters": [
                {"name": "q", "in": "query"},
                {"name": "sessionId", "in": "path", "required": true}
            ]}
        }}}));
        let item = &root["paths"]["/s/{id}"];
        assert_eq!(item["parameters"], json!([]));
        assert_eq!(
            item["get"]["parameters"],
            json!([
                {"name": "q", "in": "query"},
                {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
            ])
        );
        let at: Vec<&str> = said.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(
            at,
            [
                "/paths/~1s~1{id}/get/parameters/1",
                "/paths/~1s~1{id}/parameters/0",
                "/paths/~1s~1{id}/get",
            ]
        );
        assert!(said[0].1.contains("`sessionId`"), "{said:?}");
        assert!(said[0].1.contains("left out"), "{said:?}");
        // A `$ref` that leads nowhere may be the one meant: no reading.
        let dangling = json!({"paths": {"/s/{id}": {"get": {"parameters": [
            {"$ref": "#/components/parameters/Id"}
        ], "responses": {}}}}});
        assert_eq!(read_document(dangling.clone()), (dangling, vec![]));
    }

    #[test]
    fn optional_parameters_with_one_rust_name_are_left_out() {
        let (root, said) = read_document(json!({"paths": {"/calls": {"get": {"parameters": [
            {"name": "StartTime", "in": "query"},
            {"name": "StartTime<", "in": "query"},
            {"name": "Page", "in": "query"},
            {"name": "StartTime>", "in": "query", "required": true}
        ]}}}}));
        let names: Vec<&str> = root["paths"]["/calls"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        // A required one stays: the client must send it.
        assert_eq!(names, ["StartTime", "Page", "StartTime>"]);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/paths/~1calls/get/parameters/1");
        assert!(said[0].1.contains("`start_time`"), "{said:?}");
    }

    #[test]
    fn a_nullable_parameter_is_not_nullable() {
        let mut readings = Readings::default();
        let mut parameter = json!({"name": "x-rep-hints", "in": "header",
                                   "schema": {"type": "string", "nullable": true}});
        nullable_parameter(&mut parameter, "/P", &mut readings);
        assert_eq!(parameter["schema"], json!({"type": "string"}));
        // A response header is not a parameter; a query's `null` changes nothing.
        for mut kept in [
            json!({"schema": {"type": "string", "nullable": true}}),
            json!({"name": "page", "in": "query", "schema": {"type": "string", "nullable": true}}),
        ] {
            nullable_parameter(&mut kept, "/H", &mut readings);
            assert_eq!(kept["schema"]["nullable"], true);
        }
        let mut facets = json!({"name": "facets", "in": "path", "required": true,
                                "schema": {"type": "string", "nullable": true, "default": "/"}});
        nullable_parameter(&mut facets, "/F", &mut readings);
        assert_eq!(facets["schema"], json!({"type": "string", "default": "/"}));
        let said = readings.warnings;
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, "/P/schema/nullable");
        assert!(said[0].1.contains("header parameter"), "{said:?}");
        assert_eq!(said[1].0, "/F/schema/nullable");
        assert!(said[1].1.contains("path parameter"), "{said:?}");
    }

    #[test]
    fn a_response_that_refers_to_a_request_body_is_its_content() {
        let content = json!({"application/json": {"schema": {"type": "string"}}});
        let (root, said) = read_document(json!({
            "paths": {"/x": {"put": {"responses": {"200": {"$ref": "#/components/requestBodies/B"}}}}},
            "components": {"requestBodies": {"B": {"content": content}}}
        }));
        assert_eq!(
            root["paths"]["/x"]["put"]["responses"]["200"],
            json!({"description": "", "content": content})
        );
        assert_eq!(said[0].0, "/paths/~1x/put/responses/200/$ref");
    }

    #[test]
    fn deep_object_parameters_are_sent_as_their_properties() {
        let (root, said) = read_document(json!({"paths": {"/people": {"get": {"parameters": [
            {"name": "relationship", "in": "query", "style": "deepObject", "explode": true,
             "schema": {"type": "object", "properties": {
                 "owner": {"type": "boolean"}, "title": {"type": "string"}}}},
            {"name": "metadata", "in": "query", "style": "deepObject",
             "schema": {"type": "object", "additionalProperties": {"type": "string"}}},
            {"name": "limit", "in": "query", "schema": {"type": "integer"}}
        ]}}}}));
        let names: Vec<&str> = root["paths"]["/people"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(
            names,
            ["relationship[owner]", "relationship[title]", "limit"]
        );
        let pointers: Vec<&str> = said.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1people/get/parameters/0/style",
                "/paths/~1people/get/parameters/1/style"
            ]
        );
        assert!(said[1].1.contains("left out"), "{said:?}");
    }

    #[test]
    fn a_structured_header_is_a_string() {
        let (root, said) = read_document(json!({
            "paths": {"/l": {"get": {"parameters": [
                {"name": "X-Filter", "in": "header", "schema": {"description": "D", "oneOf": [{"type": "object"}]}},
                {"name": "X-Mode", "in": "header", "schema": {"type": "string"}},
                {"name": "headers", "in": "header", "schema": {"$ref": "#/components/schemas/Headers"}},
                {"name": "X-Kind", "in": "header", "schema": {"$ref": "#/components/schemas/Kind"}},
                {"$ref": "#/components/parameters/acceptLanguage"}
            ]}}},
            "components": {
                "schemas": {
                    "Headers": {"type": "object", "properties": {"x-tenant": {"type": "string"}}},
                    "Kind": {"type": "string", "enum": ["a", "b"]}
                },
                // beezup's, which operations refer to.
                "parameters": {"acceptLanguage": {"name": "Accept-Language", "in": "header",
                    "schema": {"type": "array", "items": {"type": "string"}}}}
            }
        }));
        assert_eq!(
            root["components"]["parameters"]["acceptLanguage"]["schema"],
            json!({"type": "string"})
        );
        let parameters = &root["paths"]["/l"]["get"]["parameters"];
        assert_eq!(
            parameters[0]["schema"],
            json!({"type": "string", "description": "D"})
        );
        assert_eq!(parameters[1]["schema"], json!({"type": "string"}));
        assert_eq!(parameters[2]["schema"], json!({"type": "string"}));
        // A string enum is written as it is.
        assert_eq!(
            parameters[3]["schema"],
            json!({"$ref": "#/components/schemas/Kind"})
        );
        let pointers: Vec<&str> = said.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/parameters/acceptLanguage/schema",
                "/paths/~1l/get/parameters/0/schema",
                "/paths/~1l/get/parameters/2/schema"
            ]
        );
    }

    #[test]
    fn a_path_parameter_of_a_list_or_an_object_is_a_string() {
        let (root, said) = read_document(json!({
            "paths": {"/apps/{ids}/{version}/{slug}/{kind}": {"get": {"parameters": [
                {"name": "ids", "in": "path", "required": true,
                 "schema": {"type": "array", "items": {"type": "integer"}}},
                {"name": "version", "in": "path", "required": true,
                 "schema": {"$ref": "#/components/schemas/Version"}},
                {"name": "slug", "in": "path", "required": true,
                 "schema": {"$ref": "#/components/schemas/Slug"}},
                {"name": "kind", "in": "path", "required": true,
                 "schema": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}
            ]}}},
            "components": {"schemas": {
                "Version": {"type": "object", "properties": {"major": {"type": "integer"}}},
                "Slug": {"type": "string", "enum": ["a", "b"]}
            }}
        }));
        let parameters = &root["paths"]["/apps/{ids}/{version}/{slug}/{kind}"]["get"]["parameters"];
        assert_eq!(parameters[0]["schema"], json!({"type": "string"}));
        assert_eq!(parameters[1]["schema"], json!({"type": "string"}));
        // A string enum and a union of scalars are written as they are.
        assert_eq!(
            parameters[2]["schema"],
            json!({"$ref": "#/components/schemas/Slug"})
        );
        assert!(parameters[3]["schema"].get("oneOf").is_some());
        let pointers: Vec<&str> = said.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1apps~1{ids}~1{version}~1{slug}~1{kind}/get/parameters/0/schema",
                "/paths/~1apps~1{ids}~1{version}~1{slug}~1{kind}/get/parameters/1/schema"
            ]
        );
        assert!(
            said[0].1.starts_with("a path parameter whose value"),
            "{said:?}"
        );
    }
}
