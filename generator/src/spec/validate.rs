//! Finds, in one pass, every problem of a spec that would stop generation or
//! make progenitor panic, each located; then reads the document into
//! openapiv3's types.
//!
//! The checks walk the untyped document, so that one problem does not hide
//! the next and every message can point at where the member was written.
//! What [`normalize`](mod@super::normalize) can read sensibly is not a problem
//! here: a missing `operationId`, a `+json` media type, several request
//! media types with JSON among them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use openapiv3::OpenAPI;
use serde_json::{Map, Value};

use super::Diagnostics;
use super::load::Source;
use super::pointer::escape;
use super::positions::{Location, Positions};
use super::walk::{self, Status};
use crate::error::{Error, Result};

/// A spec with no problem left that the checks know of, parsed.
pub struct Spec {
    /// Where it was read from; messages about its content name this path.
    pub path: PathBuf,
    /// The parsed document.
    pub api: OpenAPI,
    /// Where each member was written.
    pub positions: Positions,
}

/// The types of OpenAPI 3.0 schemas.
const TYPES: [&str; 6] = ["string", "number", "integer", "boolean", "array", "object"];

/// Checks `source`, read by openapiv3 as `typed`; fails with every problem
/// found.
pub fn validate(source: Source, typed: Result<OpenAPI, (Location, String)>) -> Result<Spec> {
    let mut checks = Checks {
        source: &source,
        problems: Diagnostics::new(&source.path, &source.positions),
        checked_parameters: BTreeSet::new(),
    };
    checks.walk(&source.value, &mut Vec::new());
    checks.operations();
    let mut problems = checks.problems;

    // The typed pass finds what the walk does not look for: members of the
    // wrong type, required members missing, that it could not step down.
    let api = match typed {
        Ok(api) => Some(api),
        Err((location, message)) => {
            let mut pointer = source
                .positions
                .pointer_at(location)
                .unwrap_or_default()
                .to_owned();
            // serde_yaml places a missing member at the first member of the
            // mapping that lacks it: the mapping is what to point at.
            if message.contains("missing field")
                && let Some((parent, _)) = pointer.rsplit_once('/')
            {
                pointer = parent.to_owned();
            }
            problems.push_at(Some(location), pointer, message);
            None
        }
    };

    let problems = problems.into_problems();
    match api {
        Some(api) if problems.is_empty() => Ok(Spec {
            path: source.path,
            api,
            positions: source.positions,
        }),
        _ => Err(Error::Invalid {
            path: source.path,
            problems,
        }),
    }
}

struct Checks<'a> {
    source: &'a Source,
    problems: Diagnostics<'a>,
    /// Parameters already checked: one declared on a path item is shared by
    /// all its operations, and its problems are worth saying once.
    checked_parameters: BTreeSet<String>,
}

/// An operation, as messages name it.
struct Operation {
    /// `GET /v1/things/{id}`.
    shown: String,
    pointer: String,
}

impl Checks<'_> {
    fn problem(&mut self, pointer: &str, message: String) {
        self.problems.push(pointer, message);
    }

    /// `value` with `$ref`s followed, and its pointer; a `$ref` that
    /// resolves nowhere yields itself: [`Checks::reference`] reports it.
    fn resolve_in<'v>(&'v self, value: &'v Value, pointer: String) -> (&'v Value, String) {
        walk::resolve_value(&self.source.value, value, pointer)
    }

    // ---- every member: references and schema keywords

    fn walk(&mut self, value: &Value, path: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    self.reference(target, path);
                }
                self.schema_keywords(map, path);
                for (key, child) in spec_members(map, path) {
                    path.push(key.clone());
                    self.walk(child, path);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(index.to_string());
                    self.walk(item, path);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    fn reference(&mut self, target: &str, path: &[String]) {
        let pointer = format!("{}/$ref", pointer_of(path));
        let Some(local) = target.strip_prefix('#') else {
            self.problem(
                &pointer,
                format!(
                    "`$ref` to `{target}` points outside this file; the generator reads one \
                     file: copy the definition into `components` and refer to it as \
                     `#/components/...`"
                ),
            );
            return;
        };
        if path.len() == 2 && path[0] == "paths" {
            // A path item `$ref`: `operations` says what to do.
            return;
        }
        let kind = expected_kind(path);
        if self.source.value.pointer(local).is_none() {
            self.problem(
                &pointer,
                format!(
                    "`$ref` `{target}` resolves to nothing: {}",
                    dangling_hint(&self.source.value, local)
                ),
            );
            return;
        }
        // progenitor and typify look references up by their last segment
        // in one section of `components`; anything else would panic there.
        if let Some(kind) = kind
            && walk::component_pointer(local).is_none_or(|(section, _)| section != kind)
        {
            self.problem(
                &pointer,
                format!(
                    "`$ref` `{target}` must name an entry of `components.{kind}` \
                     (`#/components/{kind}/NAME`): progenitor looks references up only there"
                ),
            );
        }
    }

    /// Schema keywords progenitor stops on. `exclusiveMinimum` and
    /// `exclusiveMaximum` are flags in OpenAPI 3.0; with no bound to qualify
    /// they mean nothing. A `type` must be one of the six 3.0 knows.
    fn schema_keywords(&mut self, map: &Map<String, Value>, path: &[String]) {
        if expected_kind(path) != Some("schemas") {
            return;
        }
        let pointer = format!("{}/type", pointer_of(path));
        match map.get("type") {
            Some(Value::String(kind)) if !TYPES.contains(&kind.as_str()) => self.problem(
                &pointer,
                format!(
                    "`type: {kind}` is not an OpenAPI 3.0 type: use one of {}",
                    TYPES.join(", ")
                ),
            ),
            Some(Value::Array(_)) => self.problem(
                &pointer,
                "a list of types is OpenAPI 3.1; in 3.0 give one `type`, and \
                 `nullable: true` for null"
                    .to_owned(),
            ),
            _ => {}
        }
        for (flag, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if map.get(flag) == Some(&Value::Bool(true)) && !map.contains_key(bound) {
                self.problem(
                    &format!("{}/{flag}", pointer_of(path)),
                    format!(
                        "`{flag}: true` without `{bound}`: there is no bound to exclude; \
                         add `{bound}` or remove `{flag}`"
                    ),
                );
            }
        }
    }

    // ---- operations: parameters, bodies, responses

    fn operations(&mut self) {
        let root = &self.source.value;
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return;
        };
        for (path, item) in paths {
            let item_pointer = format!("/paths/{}", escape(path));
            let Some(item) = item.as_object() else {
                continue;
            };
            if item.contains_key("$ref") {
                self.problem(
                    &format!("{item_pointer}/$ref"),
                    "a path item `$ref` is not supported: progenitor reads only path items \
                     written in place; move its operations here"
                        .to_owned(),
                );
                continue;
            }
            let template = match template_names(path) {
                Ok(names) => names,
                Err(message) => {
                    self.problem(&item_pointer, message);
                    continue;
                }
            };
            for (method, operation) in walk::untyped_operations(item) {
                let op = Operation {
                    shown: format!("{} {path}", method.to_uppercase()),
                    pointer: format!("{item_pointer}/{method}"),
                };
                self.parameters(path, &template, item, &item_pointer, operation, &op);
                if let Some(responses) = operation.get("responses") {
                    self.responses(responses, &op);
                }
            }
        }
    }

    fn parameters(
        &mut self,
        path: &str,
        template: &[String],
        item: &Map<String, Value>,
        item_pointer: &str,
        operation: &Value,
        op: &Operation,
    ) {
        // By (name, in): an operation's parameter replaces the path item's.
        let mut declared: BTreeMap<(String, String), (Value, String)> = BTreeMap::new();
        let lists = [
            (item.get("parameters"), format!("{item_pointer}/parameters")),
            (
                operation.get("parameters"),
                format!("{}/parameters", op.pointer),
            ),
        ];
        for (list, list_pointer) in lists {
            let Some(list) = list.and_then(Value::as_array) else {
                continue;
            };
            for (index, parameter) in list.iter().enumerate() {
                let (parameter, pointer) =
                    self.resolve_in(parameter, format!("{list_pointer}/{index}"));
                let name = parameter.get("name").and_then(Value::as_str);
                let location = parameter.get("in").and_then(Value::as_str);
                if let (Some(name), Some(location)) = (name, location) {
                    declared.insert(
                        (name.to_owned(), location.to_owned()),
                        (parameter.clone(), pointer),
                    );
                }
            }
        }

        for ((name, location), (parameter, pointer)) in &declared {
            if !self.checked_parameters.insert(format!("{pointer} {path}")) {
                continue;
            }
            let style = parameter.get("style").and_then(Value::as_str);
            // A query parameter in another style than `form`, and a cookie
            // parameter, the engine's ladder steps down (text, or left
            // out) with a warning.
            let supported_style = match location.as_str() {
                "path" | "header" => Some("simple"),
                _ => None,
            };
            if let Some(supported_style) = supported_style
                && let Some(style) = style.filter(|style| *style != supported_style)
            {
                self.problem(
                    &format!("{pointer}/style"),
                    format!(
                        "`style: {style}` is not supported for {location} parameters: \
                         progenitor sends them `{supported_style}`; remove `style`"
                    ),
                );
            }
            let has_content = parameter
                .get("content")
                .and_then(Value::as_object)
                .is_some_and(|content| !content.is_empty());
            if parameter.get("schema").is_none() && !has_content {
                self.problem(
                    pointer,
                    format!(
                        "parameter `{name}` has neither `schema` nor `content`: describe its \
                         value with `schema`"
                    ),
                );
            }
            if location == "path" && !template.contains(name) {
                self.problem(
                    &format!("{pointer}/name"),
                    format!(
                        "path parameter `{name}` does not appear in the path `{path}`: add \
                         `{{{name}}}` to the path, or fix the parameter's name or `in`"
                    ),
                );
            }
        }
        for name in template {
            if !declared.contains_key(&(name.clone(), "path".to_owned())) {
                self.problem(
                    &op.pointer,
                    format!(
                        "{}: the path's `{{{name}}}` has no parameter; declare one under \
                         `parameters`: `{{name: {name}, in: path, required: true, schema: \
                         {{type: string}}}}`",
                        op.shown
                    ),
                );
            }
        }
    }

    fn responses(&mut self, responses: &Value, op: &Operation) {
        let Some(responses) = responses.as_object() else {
            return;
        };
        let pointer = format!("{}/responses", op.pointer);
        let statuses: Vec<Option<Status>> = responses
            .keys()
            .map(|status| Status::parse(status))
            .collect();
        // Success responses may have different bodies: the operation then
        // returns an enum with a variant per body (`engine/success_bodies.rs`).
        for (status, parsed) in responses.keys().zip(&statuses) {
            if status.starts_with("x-") || parsed.is_some() {
                continue;
            }
            self.problem(
                &format!("{pointer}/{}", escape(status)),
                format!(
                    "`{status}` is not an HTTP status: use a code from 100 to 599, \
                     `1XX` to `5XX`, or `default`"
                ),
            );
        }
    }
}

/// The `{names}` of a path template, or what is wrong with its braces.
pub(super) fn template_names(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!(
                "the path `{path}` has a `}}` with no `{{` before it"
            ));
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("the path `{path}` has a `{{` that is never closed"));
        };
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!(
                "the path `{path}` has an empty or nested `{{}}`; write `{{name}}`"
            ));
        }
        names.push(name.to_owned());
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// What to change about a `$ref` to `local` (a JSON pointer) that leads
/// nowhere in `root`: the name meant, when one is near.
pub(crate) fn dangling_hint(root: &Value, local: &str) -> String {
    match walk::component_pointer(local) {
        Some((section, name)) => {
            let names: Vec<&str> = root
                .pointer(&format!("/components/{section}"))
                .and_then(Value::as_object)
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            match closest(name, &names) {
                Some(near) => {
                    format!("`components.{section}` has no `{name}`; did you mean `{near}`?")
                }
                None => {
                    format!("`components.{section}` has no `{name}`: define it, or fix the name")
                }
            }
        }
        None => "nothing in this document is at that pointer: fix it".to_owned(),
    }
}

/// The section of `components` a `$ref` found at `path` must point into, for
/// the references progenitor looks up itself.
pub(crate) fn expected_kind(path: &[String]) -> Option<&'static str> {
    let in_schema = path.iter().any(|segment| segment == "schema")
        || path.starts_with(&["components".to_owned(), "schemas".to_owned()]);
    if in_schema {
        return Some("schemas");
    }
    let last = path.last().map(String::as_str);
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    match (parent, last) {
        (Some("parameters"), _) => Some("parameters"),
        (_, Some("requestBody")) | (Some("requestBodies"), _) => Some("requestBodies"),
        (Some("responses"), _) => Some("responses"),
        _ => None,
    }
}

/// The members of the object `map` (at `path`) that are the spec's own:
/// examples, defaults and enums are data, where `$ref` is just a word, and
/// extensions are not ours to read. Under a map of names (`properties`...),
/// a member called `example` is a name like any other.
pub(crate) fn spec_members<'a>(
    map: &'a Map<String, Value>,
    path: &[String],
) -> impl Iterator<Item = (&'a String, &'a Value)> + use<'a> {
    let names = holds_names(path);
    map.iter()
        .filter(move |(key, _)| names || !is_data_or_extension(key))
}

/// Calls `each` with the path and the target of every `$ref` of `value`
/// (at `path`) among the spec's own members ([`spec_members`]): the walk
/// the readings of `$ref`s, the hoist and the shapes stage share.
pub(crate) fn each_reference(
    value: &Value,
    path: &mut Vec<String>,
    each: &mut dyn FnMut(&[String], &str),
) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                each(path, target);
            }
            for (key, member) in spec_members(map, path) {
                path.push(key.clone());
                each_reference(member, path, each);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                each_reference(item, path, each);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether the member at `path` is one of the spec's own, not inside data
/// or an extension ([`spec_members`]).
pub(crate) fn is_spec_path(path: &[String]) -> bool {
    (0..path.len()).all(|at| holds_names(&path[..at]) || !is_data_or_extension(&path[at]))
}

fn is_data_or_extension(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum") || key.starts_with("x-")
}

/// Whether the member at `path` is a map of names: a keyword such as
/// `properties` where a keyword is written. A property or a component
/// called `properties` is a name, and what it holds are keywords again.
pub(crate) fn holds_names(path: &[String]) -> bool {
    let mut holds = false;
    for segment in path {
        let name = holds;
        holds = !name && is_name_map(segment);
    }
    holds
}

/// Members whose keys are names the user chose, not keywords.
fn is_name_map(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "schemas"
            | "responses"
            | "parameters"
            | "requestBodies"
            | "headers"
            | "links"
            | "callbacks"
            | "securitySchemes"
            | "content"
            | "encoding"
            | "paths"
    )
}

fn pointer_of(path: &[String]) -> String {
    path.iter()
        .map(|segment| format!("/{}", escape(segment)))
        .collect()
}

/// The name in `names` nearest to `name`, if it is near enough to be a typo.
fn closest<'n>(name: &str, names: &[&'n str]) -> Option<&'n str> {
    names
        .iter()
        .map(|candidate| (edit_distance(name, candidate), *candidate))
        .filter(|(distance, _)| *distance <= 2.max(name.len() / 4))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(a != *b);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_read() {
        assert_eq!(
            template_names("/v1/{a}/x/{b}:go").unwrap(),
            ["a".to_owned(), "b".to_owned()]
        );
        assert!(template_names("/v1/{a").is_err());
        assert!(template_names("/v1/a}").is_err());
        assert!(template_names("/v1/{}").is_err());
    }

    #[test]
    fn reference_kinds() {
        let path = |s: &str| -> Vec<String> { s.split('/').map(str::to_owned).collect() };
        assert_eq!(
            expected_kind(&path("paths//a/get/parameters/0")),
            Some("parameters")
        );
        assert_eq!(
            expected_kind(&path("paths//a/get/requestBody")),
            Some("requestBodies")
        );
        assert_eq!(
            expected_kind(&path("paths//a/get/responses/200")),
            Some("responses")
        );
        assert_eq!(
            expected_kind(&path("components/schemas/A/properties/b")),
            Some("schemas")
        );
        assert_eq!(expected_kind(&path("components/examples/e")), None);
    }

    #[test]
    fn names_are_told_from_keywords_by_their_place() {
        let path = |s: &str| -> Vec<String> { s.split('/').map(str::to_owned).collect() };
        assert!(holds_names(&path("components/schemas")));
        assert!(holds_names(&path("components/schemas/S/properties")));
        // A property called `properties`, and what it holds.
        assert!(!holds_names(&path(
            "components/schemas/S/properties/properties"
        )));
        assert!(holds_names(&path(
            "components/schemas/S/properties/properties/properties"
        )));
        assert!(is_spec_path(&path(
            "components/schemas/example/properties/enum"
        )));
        assert!(!is_spec_path(&path(
            "components/schemas/S/properties/p/example/type"
        )));
        assert!(!is_spec_path(&path("components/schemas/S/example")));
        assert!(!is_spec_path(&path("components/schemas/S/x-extra/type")));
    }

    #[test]
    fn typos_are_guessed() {
        assert_eq!(closest("Sesion", &["Session", "Error"]), Some("Session"));
        assert_eq!(closest("Account", &["Session", "Error"]), None);
    }
}
