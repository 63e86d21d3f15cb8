//! Reads the document into openapiv3's types, and steps down each member
//! that cannot be read in its place, so that one of them never throws the
//! whole spec away: a schema keyword of the wrong type (api.video's
//! `pattern: 0`) is left out, a schema that still cannot be read is any JSON
//! value, a callback is left out (the client makes no callback requests),
//! and an operation, a path item or a component of another kind is left out
//! with the operations that use it. Each step is a located warning; the
//! untyped components and the operations left out are recorded for the
//! crate's docs and the closing `typed:` line, as the engine's ladder
//! records its own.
//!
//! A document that reads at once, nearly every one, is read once: the
//! members are tried one by one only when the whole does not read.

use std::collections::BTreeSet;

use openapiv3::{
    Callback, Example, Header, Link, OpenAPI, Operation, Parameter, PathItem, ReferenceOr,
    RequestBody, Response, Schema, SecurityScheme,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::diagnostics::Diagnostics;
use super::load::Source;
use super::pointer::{escape, unescape};
use super::positions::Location;
use super::validate::{each_reference, holds_names, spec_members};
use super::walk::METHODS;
use super::{Diagnostic, normalize};
use crate::degradation::{self, Degraded, Unit};

/// The document as openapiv3 reads it, and what was stepped down for it.
pub(super) struct Read {
    /// The typed document, or where and why the whole still does not read.
    pub api: Result<OpenAPI, (Location, String)>,
    /// A warning for each step, not yet located.
    pub warnings: Vec<Diagnostic>,
    /// The components untyped and the operations left out.
    pub stepped_down: Vec<Degraded>,
}

/// Reads `source` into openapiv3's types, stepping down in `source.value`
/// what does not read.
pub(super) fn read(source: &mut Source) -> Read {
    let first = match source.parse::<OpenAPI>() {
        Ok(api) => {
            return Read {
                api: Ok(api),
                warnings: Vec::new(),
                stepped_down: Vec::new(),
            };
        }
        Err(refusal) => refusal,
    };
    let mut steps = Steps::default();
    if let Value::Object(root) = &mut source.value {
        mend(root, &mut steps);
    }
    let api = if steps.said.is_empty() {
        Err(first)
    } else {
        source.rewritten = true;
        source.parse::<OpenAPI>()
    };
    let mut warnings = Diagnostics::new(&source.path, &source.positions);
    for (pointer, message) in steps.said {
        warnings.push(&pointer, message);
    }
    Read {
        api,
        warnings: warnings.into_warnings(),
        stepped_down: steps.stepped_down,
    }
}

/// What the steps said and recorded.
#[derive(Default)]
struct Steps {
    /// `(pointer, message)`.
    said: Vec<(String, String)>,
    stepped_down: Vec<Degraded>,
}

impl Steps {
    fn say(&mut self, pointer: &str, message: String) {
        self.said.push((pointer.to_owned(), message));
    }

    fn record(&mut self, unit: Unit, pointer: &str, reason: String) {
        self.stepped_down.push(Degraded {
            unit,
            pointer: pointer.to_owned(),
            reason,
        });
    }
}

/// Why `value` is not a `T`, if it is not.
fn misfit<T: DeserializeOwned>(value: &Value) -> Option<String> {
    T::deserialize(value).err().map(|error| error.to_string())
}

fn mend(root: &mut Map<String, Value>, steps: &mut Steps) {
    let mut gone = BTreeSet::new();
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for (section, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let pointer = format!("/components/{}", escape(section));
            match section.as_str() {
                "schemas" => {
                    for (name, schema) in entries.iter_mut() {
                        let at = format!("{pointer}/{}", escape(name));
                        mend_schema(schema, &at, steps);
                    }
                }
                "responses" => mend_entries::<Response>(entries, &pointer, &mut gone, steps),
                "parameters" => mend_entries::<Parameter>(entries, &pointer, &mut gone, steps),
                "examples" => mend_entries::<Example>(entries, &pointer, &mut gone, steps),
                "requestBodies" => mend_entries::<RequestBody>(entries, &pointer, &mut gone, steps),
                "headers" => mend_entries::<Header>(entries, &pointer, &mut gone, steps),
                "securitySchemes" => {
                    mend_entries::<SecurityScheme>(entries, &pointer, &mut gone, steps)
                }
                "links" => mend_entries::<Link>(entries, &pointer, &mut gone, steps),
                "callbacks" => mend_entries::<Callback>(entries, &pointer, &mut gone, steps),
                _ => {}
            }
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        let mut left_out = Vec::new();
        for (path, item) in paths.iter_mut() {
            if path.starts_with("x-") {
                continue;
            }
            let pointer = format!("/paths/{}", escape(path));
            if !mend_path_item(path, item, &pointer, &gone, steps) {
                left_out.push(path.clone());
            }
        }
        for path in left_out {
            paths.remove(&path);
        }
    }
}

/// Mends the path item `item`, leaving out each operation that does not
/// read; `false` when the item itself is to be left out.
fn mend_path_item(
    path: &str,
    item: &mut Value,
    pointer: &str,
    gone: &BTreeSet<String>,
    steps: &mut Steps,
) -> bool {
    if misfit::<ReferenceOr<PathItem>>(item).is_none() && refers_to(item, pointer, gone).is_none() {
        return true;
    }
    let Value::Object(members) = item else {
        steps.say(
            pointer,
            format!(
                "the path item of `{path}` is {}, not a mapping of operations: left out",
                kind(item)
            ),
        );
        return false;
    };
    let methods: Vec<String> = members
        .keys()
        .filter(|key| METHODS.contains(&key.as_str()))
        .cloned()
        .collect();
    for method in &methods {
        let at = format!("{pointer}/{method}");
        let operation = &mut members[method.as_str()];
        if let Some(why) = mend_operation(operation, &at, gone, steps) {
            left_out(steps, path, method, &members[method.as_str()], &at, why);
            members.remove(method.as_str());
        }
    }
    let mut item_value = Value::Object(std::mem::take(members));
    mend_schemas_within(&mut item_value, pointer, steps);
    let why = misfit::<ReferenceOr<PathItem>>(&item_value)
        .or_else(|| refers_to(&item_value, pointer, gone));
    *item = item_value;
    let Some(why) = why else {
        return true;
    };
    let Value::Object(members) = item else {
        return false;
    };
    for method in METHODS {
        if let Some(operation) = members.get(method) {
            let at = format!("{pointer}/{method}");
            left_out(steps, path, method, operation, &at, why.clone());
        }
    }
    steps.say(
        pointer,
        format!("the path item of `{path}` cannot be read ({why}): left out"),
    );
    false
}

/// Says and records that the operation `method` of `path` is left out.
fn left_out(
    steps: &mut Steps,
    path: &str,
    method: &str,
    operation: &Value,
    pointer: &str,
    why: String,
) {
    let operation_id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .map_or_else(
            || normalize::derived_operation_id(method, path),
            str::to_owned,
        );
    let operation = degradation::Operation {
        method: method.to_uppercase(),
        path: path.to_owned(),
        operation_id,
    };
    steps.say(
        pointer,
        format!(
            "{operation} cannot be read ({why}): left out of the client; the crate's docs \
             list it"
        ),
    );
    steps.record(Unit::LeftOut { operation }, pointer, why);
}

/// Mends the operation at `pointer`: its callbacks that do not read are
/// left out, and its schemas mended; why it still does not read, if it
/// does not.
fn mend_operation(
    operation: &mut Value,
    pointer: &str,
    gone: &BTreeSet<String>,
    steps: &mut Steps,
) -> Option<String> {
    if misfit::<Operation>(operation).is_none() {
        return refers_to(operation, pointer, gone);
    }
    if let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") {
        callbacks.retain(|name, callback| {
            let Some(why) = misfit::<Callback>(callback) else {
                return true;
            };
            steps.say(
                &format!("{pointer}/callbacks/{}", escape(name)),
                format!(
                    "callback `{name}` cannot be read ({why}): left out, as the client makes \
                     no callback requests"
                ),
            );
            false
        });
    }
    mend_schemas_within(operation, pointer, steps);
    misfit::<Operation>(operation).or_else(|| refers_to(operation, pointer, gone))
}

/// Why the member `value` at `pointer` cannot be kept: it refers to one of
/// the components left out, `gone`.
fn refers_to(value: &Value, pointer: &str, gone: &BTreeSet<String>) -> Option<String> {
    if gone.is_empty() {
        return None;
    }
    let path: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let mut found = None;
    each_reference(value, &mut path.clone(), &mut |_, target| {
        if found.is_none() && gone.contains(target) {
            found = Some(format!("it refers to `{target}`, which cannot be read"));
        }
    });
    found
}

/// Leaves out each entry of a section of `components` that is not a `T`
/// (nor a `$ref`), once its schemas are mended; its `$ref` goes in `gone`.
fn mend_entries<T: DeserializeOwned>(
    entries: &mut Map<String, Value>,
    pointer: &str,
    gone: &mut BTreeSet<String>,
    steps: &mut Steps,
) {
    entries.retain(|name, entry| {
        if misfit::<ReferenceOr<T>>(entry).is_none() {
            return true;
        }
        let at = format!("{pointer}/{}", escape(name));
        mend_schemas_within(entry, &at, steps);
        let Some(why) = misfit::<ReferenceOr<T>>(entry) else {
            return true;
        };
        steps.say(
            &at,
            format!(
                "`{name}` cannot be read ({why}): left out, with the operations that refer \
                 to it"
            ),
        );
        gone.insert(format!("#{at}"));
        false
    });
}

/// Mends every schema among the members of `value` (at `pointer`): the
/// `schema` of a parameter, a header or a media type.
fn mend_schemas_within(value: &mut Value, pointer: &str, steps: &mut Steps) {
    let mut found = Vec::new();
    let mut path: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let base = path.len();
    schema_members(value, &mut path, base, &mut found);
    for relative in found {
        if let Some(schema) = value.pointer_mut(&relative) {
            mend_schema(schema, &format!("{pointer}{relative}"), steps);
        }
    }
}

/// The pointers, below the first `base` segments of `path`, of every
/// `schema` member in `value`, not inside another schema.
fn schema_members(value: &Value, path: &mut Vec<String>, base: usize, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let names = holds_names(path);
            for (key, member) in spec_members(map, path) {
                path.push(key.clone());
                if key == "schema" && !names {
                    found.push(
                        path[base..]
                            .iter()
                            .map(|s| format!("/{}", escape(s)))
                            .collect(),
                    );
                } else {
                    schema_members(member, path, base, found);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                schema_members(item, path, base, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Mends the schema at `pointer` until openapiv3 reads it: its subschemas
/// first, then each of its own keywords that cannot be read is left out,
/// and last the schema is any JSON value (with its `description`).
fn mend_schema(schema: &mut Value, pointer: &str, steps: &mut Steps) {
    if misfit::<ReferenceOr<Schema>>(schema).is_none() {
        return;
    }
    let Value::Object(map) = schema else {
        steps.say(
            pointer,
            format!(
                "{} where a schema belongs: read as any JSON value",
                kind(schema)
            ),
        );
        untyped(pointer, "it is not a schema", steps);
        *schema = json!({});
        return;
    };
    for (key, member) in map.iter_mut() {
        let at = format!("{pointer}/{}", escape(key));
        match (key.as_str(), member) {
            ("properties", Value::Object(properties)) => {
                for (name, property) in properties.iter_mut() {
                    mend_schema(property, &format!("{at}/{}", escape(name)), steps);
                }
            }
            ("items" | "additionalProperties" | "not", member) if member.is_object() => {
                mend_schema(member, &at, steps);
            }
            ("allOf" | "anyOf" | "oneOf", Value::Array(members)) => {
                for (index, member) in members.iter_mut().enumerate() {
                    mend_schema(member, &format!("{at}/{index}"), steps);
                }
            }
            _ => {}
        }
    }
    if misfit::<ReferenceOr<Schema>>(&Value::Object(map.clone())).is_none() {
        return;
    }
    // Each keyword is tried beside the schema's `type` alone, which decides
    // what openapiv3 reads it as.
    let kind_of_schema = map.get("type").cloned();
    let misfits: Vec<(String, String)> = map
        .iter()
        .filter_map(|(key, value)| {
            let mut alone = Map::new();
            if let Some(kind) = &kind_of_schema
                && key != "type"
            {
                alone.insert("type".to_owned(), kind.clone());
            }
            alone.insert(key.clone(), value.clone());
            let why = misfit::<Schema>(&Value::Object(alone))?;
            Some((key.clone(), why))
        })
        .collect();
    for (key, why) in misfits {
        let written = shown(&map[&key]);
        map.remove(&key);
        steps.say(
            &format!("{pointer}/{}", escape(&key)),
            format!("`{key}: {written}` cannot be read ({why}): left out"),
        );
    }
    let Some(why) = misfit::<Schema>(&Value::Object(map.clone())) else {
        return;
    };
    let description = map.get("description").filter(|d| d.is_string()).cloned();
    steps.say(
        pointer,
        format!("the schema cannot be read ({why}): read as any JSON value"),
    );
    untyped(pointer, &why, steps);
    let mut any = Map::new();
    if let Some(description) = description {
        any.insert("description".to_owned(), description);
    }
    *map = any;
}

/// Records the schema at `pointer` untyped, when it is a component or one
/// of its properties; an inline one is said in a warning only.
fn untyped(pointer: &str, why: &str, steps: &mut Steps) {
    let Some(rest) = pointer.strip_prefix("/components/schemas/") else {
        return;
    };
    let segments: Vec<String> = rest.split('/').map(unescape).collect();
    let unit = match segments.as_slice() {
        [name] => Unit::Schema {
            name: name.clone(),
            property: None,
        },
        [name, properties, property] if properties == "properties" => Unit::Schema {
            name: name.clone(),
            property: Some(property.clone()),
        },
        _ => return,
    };
    steps.record(unit, pointer, why.to_owned());
}

/// What kind of JSON value `value` is, for a message: `a string "…"`.
fn kind(value: &Value) -> String {
    let what = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    };
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            format!("{what} ({})", shown(value))
        }
        _ => what.to_owned(),
    }
}

/// `value` as JSON, cut short.
fn shown(value: &Value) -> String {
    const MOST: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MOST) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Document, load_and_check};

    /// Each member openapiv3 cannot read in its place, as public specs
    /// write them: api.video's `pattern: 0`, peertube's callback `$ref`, a
    /// component that is text.
    const SPEC: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /thumbnails:
    post:
      operationId: pickThumbnail
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Pick'
      callbacks:
        searchIndex:
          $ref: '#/components/callbacks/searchIndex'
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Redirect'
  /moved: '#/components/pathItems/moved'
  /broken:
    get:
      operationId: getBroken
      responses: none
    delete:
      responses:
        '204':
          description: Gone
  /limited:
    get:
      operationId: getLimited
      parameters:
        - $ref: '#/components/parameters/limit'
      responses:
        '204':
          description: OK
components:
  schemas:
    Pick:
      type: object
      properties:
        timecode:
          type: string
          pattern: 0
          description: A frame.
    Redirect: Moved temporarily.
  parameters:
    limit:
      name: limit
      in: query
      required: 'yes'
      schema:
        type: integer
  callbacks:
    searchIndex:
      https://search.example.org/videos:
        post:
          responses:
            '200':
              description: OK
";

    fn checked(text: &str) -> crate::error::Result<(Document, Vec<Diagnostic>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.yaml");
        std::fs::write(&path, text).unwrap();
        load_and_check(&path, None)
    }

    #[test]
    fn members_that_cannot_be_read_are_stepped_down_and_the_rest_is_read() {
        let (document, warnings) = checked(SPEC).unwrap();
        let api = &document.api;

        // The keyword is left out, and the schema keeps the rest.
        let schemas = &api.components.as_ref().unwrap().schemas;
        let pick = serde_json::to_value(&schemas["Pick"]).unwrap();
        assert_eq!(
            pick["properties"]["timecode"],
            json!({"type": "string", "description": "A frame."})
        );
        // Text where a schema belongs is any value.
        assert_eq!(
            serde_json::to_value(&schemas["Redirect"]).unwrap(),
            json!({})
        );
        // The callback is left out, its operation kept.
        let pick = api.paths.paths["/thumbnails"].as_item().unwrap();
        assert!(pick.post.as_ref().unwrap().callbacks.is_empty());
        // The path item that is text, the operation whose responses are, and
        // the one whose parameter cannot be read are left out; the rest of
        // their path items stays.
        assert!(!api.paths.paths.contains_key("/moved"));
        let broken = api.paths.paths["/broken"].as_item().unwrap();
        assert!(broken.get.is_none() && broken.delete.is_some());
        let limited = api.paths.paths["/limited"].as_item().unwrap();
        assert!(limited.get.is_none());
        assert!(api.components.as_ref().unwrap().parameters.is_empty());

        let mut located = warnings.clone();
        crate::spec::locate_all(&mut located, &document.positions);
        let said: Vec<(usize, &str)> = located
            .iter()
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (15, "/paths/~1thumbnails/post/callbacks/searchIndex"),
                (24, "/paths/~1moved"),
                (26, "/paths/~1broken/get"),
                (34, "/paths/~1limited/get"),
                (48, "/components/schemas/Pick/properties/timecode/pattern"),
                (50, "/components/schemas/Redirect"),
                (52, "/components/parameters/limit"),
            ]
        );
        let message = |pointer: &str| {
            warnings
                .iter()
                .find(|w| w.pointer == pointer)
                .map(|w| w.message.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            message("/components/schemas/Pick/properties/timecode/pattern"),
            "`pattern: 0` cannot be read (invalid type: integer `0`, expected a string): left out"
        );
        assert!(
            message("/paths/~1limited/get").contains(
                "GET /limited cannot be read (it refers to `#/components/parameters/limit`"
            ),
            "{warnings:#?}"
        );

        // The crate's record: one component untyped, two operations left out.
        let recorded: Vec<String> = document
            .stepped_down
            .iter()
            .map(|d| match &d.unit {
                Unit::Schema { name, .. } => format!("schema {name}"),
                Unit::LeftOut { operation } => {
                    format!("left out {} {operation}", operation.operation_id)
                }
                Unit::Part { .. } => "part".to_owned(),
            })
            .collect();
        assert_eq!(
            recorded,
            [
                "schema Redirect",
                "left out getBroken GET /broken",
                "left out getLimited GET /limited",
            ]
        );
    }

    #[test]
    fn a_document_openapiv3_reads_is_left_as_it_is() {
        let text = SPEC.replace("pattern: 0", "pattern: '^[0-9]+$'");
        let (start, _) = text.split_once("  /moved:").unwrap();
        let (_, components) = text.split_once("components:").unwrap();
        let text = format!("{start}components:{components}")
            .replace("Redirect: Moved temporarily.", "Redirect: {type: string}")
            .replace("required: 'yes'", "required: true")
            .replace(
                "      callbacks:\n        searchIndex:\n          $ref: '#/components/callbacks/searchIndex'\n",
                "",
            );
        let (document, warnings) = checked(&text).unwrap();
        assert!(document.stepped_down.is_empty());
        assert!(warnings.is_empty(), "{warnings:#?}");
    }

    #[test]
    fn a_document_that_is_not_openapi_is_still_refused() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: a list\npaths: {}\n";
        let Err(error) = checked(text) else {
            panic!("a document whose `servers` is text is refused");
        };
        assert!(
            format!("{error:?}").contains("expected a sequence"),
            "{error:?}"
        );
    }
}
