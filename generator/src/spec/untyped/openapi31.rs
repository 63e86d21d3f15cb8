//! Readings of OpenAPI 3.1, and of the 3.1 habits of 3.0 specs, as the
//! OpenAPI 3.0 that openapiv3 and progenitor take: of the document (its
//! version, `webhooks`, `components.pathItems`) and of JSON Schema 2020-12
//! (type lists, `null`, `const`, boolean schemas, tuples, a `$ref`'s
//! siblings, keywords 3.0 does not have).

use serde_json::{Map, Value, json};

use super::{Readings, schema};
use crate::spec::pointer::{escape, unescape};

/// The OpenAPI version a 3.1 document is read as.
const READ_AS: &str = "3.0.3";

/// JSON Schema's default dialect for OpenAPI 3.1: saying it changes nothing.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

// ---- the document

/// Reads a 3.1 document as 3.0.3, in which `paths` is required (3.1 may
/// leave it out: none).
pub(super) fn read_as_3_0(root: &mut Map<String, Value>, readings: &mut Readings) {
    root.insert("openapi".to_owned(), Value::String(READ_AS.to_owned()));
    readings.rewrote();
    if !root.contains_key("paths") {
        root.insert("paths".to_owned(), json!({}));
    }
}

/// Leaves out `jsonSchemaDialect`, saying so unless it names the default.
pub(super) fn json_schema_dialect(root: &mut Map<String, Value>, readings: &mut Readings) {
    if let Some(dialect) = root.remove("jsonSchemaDialect") {
        readings.rewrote();
        if dialect.as_str() != Some(DEFAULT_DIALECT) {
            readings.warn(
                "/jsonSchemaDialect",
                "`jsonSchemaDialect` is ignored: schemas are read as OpenAPI 3.1's \
                 JSON Schema 2020-12"
                    .to_owned(),
            );
        }
    }
}

/// Leaves out `webhooks`: the client calls none.
pub(super) fn webhooks(root: &mut Map<String, Value>, readings: &mut Readings) {
    if let Some(webhooks) = root.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        readings.warn(
            "/webhooks",
            format!(
                "`webhooks` ({count}) are requests the API sends, not ones a client makes: \
                 left out of the client"
            ),
        );
    }
}

/// Takes `components.pathItems` out of the document, to be written in
/// place where `paths` refers to them ([`path_item_in_place`]).
pub(super) fn take_path_items(
    root: &mut Map<String, Value>,
    readings: &mut Readings,
) -> Option<Value> {
    let items = root
        .get_mut("components")
        .and_then(Value::as_object_mut)
        .and_then(|components| components.remove("pathItems"))?;
    let count = items.as_object().map_or(0, Map::len);
    readings.warn(
        "/components/pathItems",
        format!(
            "`components.pathItems` ({count}) is OpenAPI 3.1: written in place \
             where `paths` refers to them, otherwise left out"
        ),
    );
    Some(items)
}

/// A path item `$ref` to `components.pathItems`, which 3.0 does not
/// have, replaced by the item it names; the pointer of that item.
pub(super) fn path_item_in_place(
    item: &mut Value,
    pointer: &str,
    items: Option<&Value>,
    readings: &mut Readings,
) -> Option<String> {
    let target = item.get("$ref").and_then(Value::as_str)?.to_owned();
    let name = target.strip_prefix("#/components/pathItems/")?;
    let Some(Value::Object(found)) = items.and_then(|items| items.get(unescape(name))) else {
        return None;
    };
    let mut found = found.clone();
    if let Some(Value::Object(siblings)) = Some(&*item) {
        for (key, value) in siblings.iter().filter(|(key, _)| *key != "$ref") {
            found.insert(key.clone(), value.clone());
        }
    }
    readings.warn(
        &format!("{pointer}/$ref"),
        format!("path item `$ref` to `{target}` (OpenAPI 3.1): written in place"),
    );
    *item = Value::Object(found);
    Some(target[1..].to_owned())
}

// ---- schemas

/// The boolean schemas: `true` is `{}`, `false` is `not: {}`. Whether
/// `schema` was one, so that nothing more is read of it.
pub(super) fn boolean_schema(schema: &mut Value, readings: &mut Readings) -> bool {
    match schema {
        Value::Bool(true) => {
            readings.rewrote();
            *schema = json!({});
        }
        Value::Bool(false) => {
            readings.rewrote();
            *schema = json!({"not": {}});
        }
        _ => return false,
    }
    true
}

/// Leaves out the `properties` (at `pointer`) that are `false`.
/// So does one whose schema is `not: {}`, the same in 3.0's words (zod's
/// `never`: typebot's `type: {not: {}}` beside the options of each other
/// kind), which typify read as a type no value has.
pub(super) fn false_properties(properties: &mut Value, pointer: &str, readings: &mut Readings) {
    if let Value::Object(properties) = properties {
        let never: Vec<String> = properties
            .iter()
            .filter(|(_, schema)| schema::admits_no_value(schema))
            .map(|(name, _)| name.clone())
            .collect();
        for name in never {
            let written = if properties[&name] == Value::Bool(false) {
                "`false`"
            } else {
                "`not: {}`"
            };
            properties.remove(&name);
            readings.warn(
                &format!("{pointer}/{}", escape(&name)),
                format!(
                    "property `{name}` is {written}: it may never be present, \
                     so the type leaves it out"
                ),
            );
        }
    }
}

/// Members of `anyOf`/`oneOf` that are only `null`: the schema is
/// nullable instead. A component left a union of several members is added
/// to `nullable_unions`, to be split
/// ([`split_nullable_unions`](super::type_names::split_nullable_unions)).
pub(super) fn null_members(
    map: &mut Map<String, Value>,
    pointer: &str,
    keyword: &str,
    nullable_unions: &mut Vec<String>,
    readings: &mut Readings,
) {
    let Some(Value::Array(members)) = map.get_mut(keyword) else {
        return;
    };
    let nulls: Vec<usize> = members
        .iter()
        .enumerate()
        .filter(|(_, member)| is_null_schema(member))
        .map(|(index, _)| index)
        .collect();
    if nulls.is_empty() || nulls.len() == members.len() {
        return;
    }
    // Removed from the back, so that the indices stay right.
    for index in nulls.iter().rev() {
        members.remove(*index);
    }
    let rest = members.len();
    map.insert("nullable".to_owned(), Value::Bool(true));
    let component = pointer
        .strip_prefix("/components/schemas/")
        .filter(|name| !name.contains('/'));
    let split = rest > 1 && component.is_some();
    if let Some(name) = component.filter(|_| split) {
        nullable_unions.push(unescape(name));
    }
    // Only the split says something: it makes a component the spec does
    // not name.
    readings.rewrote();
    if split {
        for index in nulls {
            readings.warn(
                &format!("{pointer}/{keyword}/{index}"),
                format!(
                    "a `{{type: null}}` member of `{keyword}` is read as the other members, \
                     nullable (as `allOf` of a component `…Variant` that holds them)"
                ),
            );
        }
    }
}

/// JSON Schema's identifiers and comments, which say nothing about the
/// value.
pub(super) fn bookkeeping(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    for keyword in [
        "$schema",
        "$id",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "$comment",
    ] {
        if map.remove(keyword).is_some() {
            readings.warn(
                &format!("{pointer}/{}", escape(keyword)),
                format!("`{keyword}` is JSON Schema bookkeeping with no OpenAPI 3.0 form: ignored"),
            );
        }
    }
    if let Some(target) = map.remove("$dynamicRef") {
        readings.warn(
            &format!("{pointer}/$dynamicRef"),
            format!(
                "`$dynamicRef` {target} has no OpenAPI 3.0 form: what it refers to is read \
                 as any value"
            ),
        );
    }
}

/// `const`, `examples`, and numeric exclusive bounds.
pub(super) fn values(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    if let Some(value) = map.remove("const") {
        readings.rewrote();
        if value.is_null() {
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        map.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    if let Some(examples) = map.remove("examples") {
        let (first, more) = match examples {
            Value::Array(list) => {
                let more = list.len() > 1;
                (list.into_iter().next(), more)
            }
            _ => (None, false),
        };
        let message = match (&first, map.contains_key("example")) {
            // One example says in 3.0 all that it said.
            (Some(_), false) if !more => None,
            (Some(_), false) => Some("`examples` is read as `example`, its first item"),
            _ => Some("`examples` is left out: OpenAPI 3.0 schemas have one `example`"),
        };
        match message {
            Some(message) => readings.warn(&format!("{pointer}/examples"), message.to_owned()),
            None => readings.rewrote(),
        }
        if let Some(first) = first
            && !map.contains_key("example")
        {
            map.insert("example".to_owned(), first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
            continue;
        };
        // With both, the narrower one wins.
        let inclusive = map.get(bound).and_then(Value::as_f64);
        let limit_f = limit.as_f64().unwrap_or_default();
        let exclusive_wins = match inclusive {
            None => true,
            Some(inclusive) if bound == "minimum" => limit_f >= inclusive,
            Some(inclusive) => limit_f <= inclusive,
        };
        if exclusive_wins {
            map.insert(bound.to_owned(), Value::Number(limit));
            map.insert(exclusive.to_owned(), Value::Bool(true));
        } else {
            map.remove(exclusive);
        }
        readings.rewrote();
    }
}

/// `contentEncoding` and `contentMediaType`: what 3.0 says with
/// `format`.
pub(super) fn content(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let encoding = map.remove("contentEncoding");
    let media_type = map.remove("contentMediaType");
    if map.remove("contentSchema").is_some() {
        readings.warn(
            &format!("{pointer}/contentSchema"),
            "`contentSchema` is left out: the content is read as the string it is sent as"
                .to_owned(),
        );
    }
    let (keyword, written, format) = match (&encoding, &media_type) {
        (Some(encoding), _) if encoding.as_str() == Some("base64") => {
            ("contentEncoding", encoding, "byte")
        }
        (Some(encoding), _) => {
            readings.warn(
                &format!("{pointer}/contentEncoding"),
                format!("`contentEncoding: {encoding}` is left out: the value is read as a string"),
            );
            return;
        }
        (None, Some(media_type)) => ("contentMediaType", media_type, "binary"),
        (None, None) => return,
    };
    if map.contains_key("format") {
        readings.warn(
            &format!("{pointer}/{keyword}"),
            format!("`{keyword}: {written}` is left out: the schema has a `format` already"),
        );
        return;
    }
    map.insert("format".to_owned(), Value::String(format.to_owned()));
    map.entry("type").or_insert_with(|| json!("string"));
    readings.rewrote();
}

/// Keywords with no OpenAPI 3.0 form that only narrow what is valid:
/// the type admits a little more than the spec says.
pub(super) fn narrowing(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let conditional = ["if", "then", "else"]
        .into_iter()
        .filter(|keyword| map.remove(*keyword).is_some())
        .count();
    if conditional > 0 {
        readings.warn(
            &format!("{pointer}/if"),
            "`if`/`then`/`else` have no OpenAPI 3.0 form: left out, so the condition is not \
             part of the type"
                .to_owned(),
        );
    }
    for (keyword, why) in [
        (
            "dependentSchemas",
            "what a member requires of the others is not part of the type",
        ),
        (
            "dependentRequired",
            "what a member requires of the others is not part of the type",
        ),
        (
            "unevaluatedProperties",
            "the client ignores members it does not know anyway",
        ),
        (
            "unevaluatedItems",
            "items past those described are read as any value",
        ),
        (
            "additionalItems",
            "items past those described are read as any value",
        ),
        ("propertyNames", "member names are not checked"),
        ("contains", "the items are not checked for one that matches"),
        (
            "minContains",
            "the items are not checked for ones that match",
        ),
        (
            "maxContains",
            "the items are not checked for ones that match",
        ),
    ] {
        if map.remove(keyword).is_some() {
            readings.warn(
                &format!("{pointer}/{keyword}"),
                format!("`{keyword}` has no OpenAPI 3.0 form: left out ({why})"),
            );
        }
    }
}

/// `prefixItems` (and the list of `items` of earlier drafts) and
/// `patternProperties`.
pub(super) fn tuples_and_patterns(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    // A list of `items` is the tuple of earlier drafts.
    if !map.contains_key("prefixItems")
        && map.get("items").is_some_and(Value::is_array)
        && let Some(tuple) = map.remove("items")
    {
        map.insert("prefixItems".to_owned(), tuple);
    }
    if let Some(Value::Array(prefix)) = map.remove("prefixItems") {
        let rest = map.remove("items");
        let mut members = prefix;
        let rest_said = match rest {
            Some(Value::Bool(false)) | None => "",
            Some(Value::Bool(true)) => {
                members.push(json!({}));
                " or anything after them"
            }
            Some(rest) => {
                members.push(rest);
                " or the schema of the items after them"
            }
        };
        let count = members.len();
        // A `oneOf`, the first that decodes, not the `anyOf` a type
        // list gives: these items are not read again by the habits,
        // which take typify's struct of `anyOf` alternatives apart.
        let items = match members.len() {
            1 => one_of_several(members),
            _ => json!({ "oneOf": members }),
        };
        map.insert("items".to_owned(), items);
        readings.warn(
            &format!("{pointer}/prefixItems"),
            format!(
                "`prefixItems` (a tuple) has no OpenAPI 3.0 form: read as a list whose \
                 items are any of the {count} item schemas{rest_said}"
            ),
        );
    } else if let Some(Value::Bool(_)) = map.get("items") {
        // `items: false` means nothing without `prefixItems`.
        let items = map.remove("items");
        if items == Some(Value::Bool(true)) {
            map.insert("items".to_owned(), json!({}));
        }
        readings.rewrote();
    }
    if let Some(Value::Object(patterns)) = map.remove("patternProperties") {
        let additional = map.get("additionalProperties");
        let open = additional.is_none() || additional == Some(&Value::Bool(true));
        let names: Vec<String> = patterns.keys().map(|p| format!("`{p}`")).collect();
        let said = if open {
            let schemas: Vec<Value> = patterns.into_values().collect();
            map.insert("additionalProperties".to_owned(), one_of_several(schemas));
            "read as `additionalProperties`, without checking names against the patterns"
        } else {
            "left out: `additionalProperties` says what other members are"
        };
        readings.warn(
            &format!("{pointer}/patternProperties"),
            format!(
                "`patternProperties` ({}) has no OpenAPI 3.0 form: {said}",
                names.join(", ")
            ),
        );
    }
}

/// `type` lists and `type: "null"`.
pub(super) fn types(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let listed: Vec<String> = match map.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(kind)) if kind == "null" => vec![kind.clone()],
        _ => return,
    };
    let type_pointer = format!("{pointer}/type");
    let nullable = listed.iter().any(|t| t == "null");
    let mut types: Vec<String> = listed.iter().filter(|t| *t != "null").cloned().collect();
    types.dedup();
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    if types.iter().any(|t| t == "number") && types.iter().any(|t| t == "integer") {
        types.retain(|t| t != "integer");
    }
    match types.as_slice() {
        [] => {
            map.remove("type");
            readings.warn(
                &type_pointer,
                "`type: null` has no OpenAPI 3.0 form: read as any value, nullable".to_owned(),
            );
        }
        [single] => {
            map.insert("type".to_owned(), Value::String(single.clone()));
            readings.rewrote();
        }
        several => {
            map.remove("type");
            let branches: Vec<Value> = several
                .iter()
                .map(|kind| {
                    let mut branch = Map::new();
                    branch.insert("type".to_owned(), Value::String(kind.clone()));
                    for keyword in keywords_of(kind) {
                        if let Some(value) = map.get(*keyword)
                            && applies(keyword, value, kind)
                        {
                            branch.insert((*keyword).to_owned(), value.clone());
                        }
                    }
                    if let Some(Value::Array(values)) = map.get("enum") {
                        let values: Vec<Value> = values
                            .iter()
                            .filter(|v| is_of_type(v, kind))
                            .cloned()
                            .collect();
                        branch.insert("enum".to_owned(), Value::Array(values));
                    }
                    if kind == "integer" {
                        schema::integer_bounds(&mut branch, pointer, readings);
                    }
                    Value::Object(branch)
                })
                .collect();
            for kind in several {
                for keyword in keywords_of(kind) {
                    map.remove(*keyword);
                }
            }
            map.remove("enum");
            // The types are apart (a number that is an integer went with
            // `number`), so one alternative at most matches: a `oneOf`.
            let branches = Value::Array(branches);
            match map.remove("oneOf") {
                Some(existing) => {
                    let all_of = map
                        .entry("allOf")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(all_of) = all_of {
                        all_of.push(json!({ "oneOf": existing }));
                        all_of.push(json!({ "oneOf": branches }));
                    }
                }
                None => {
                    map.insert("oneOf".to_owned(), branches);
                }
            }
            readings.rewrote();
        }
    }
}

/// An `anyOf`/`oneOf` left with one member (by [`null_members`]):
/// that member, keeping what is written beside it.
pub(super) fn single_member(map: &mut Map<String, Value>, keyword: &str) {
    let Some(Value::Array(members)) = map.get(keyword) else {
        return;
    };
    if members.len() != 1 || map.get("nullable") != Some(&Value::Bool(true)) {
        return;
    }
    let Some(Value::Object(member)) = members.first().cloned() else {
        return;
    };
    map.remove(keyword);
    let merges = !member.contains_key("$ref")
        && member
            .keys()
            .all(|key| !map.contains_key(key) || key == "description" || key == "title");
    if merges {
        for (key, value) in member {
            map.entry(key).or_insert(value);
        }
    } else {
        // A `$ref` keeps no siblings in 3.0: `allOf` carries it.
        let all_of = map
            .entry("allOf")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(all_of) = all_of {
            all_of.push(Value::Object(member));
        }
    }
}

/// In 3.1 a `$ref`'s siblings apply; in 3.0 they are ignored. Siblings
/// that say something are kept, beside `allOf: [{$ref}]`.
pub(super) fn reference_siblings(map: &mut Map<String, Value>, readings: &mut Readings) {
    let Some(reference) = map.get("$ref").cloned() else {
        return;
    };
    let siblings: Vec<String> = map
        .keys()
        .filter(|key| *key != "$ref" && !key.starts_with("x-"))
        .cloned()
        .collect();
    if siblings.is_empty() {
        return;
    }
    map.remove("$ref");
    let all_of = map
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(all_of) = all_of {
        all_of.insert(0, json!({ "$ref": reference }));
    }
    readings.rewrote();
}

/// `{type: null}` and its spellings.
fn is_null_schema(schema: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(kind)) => kind == "null",
        Some(Value::Array(kinds)) => kinds.iter().all(|kind| kind == "null") && !kinds.is_empty(),
        _ => false,
    };
    let null_value = map.get("const") == Some(&Value::Null)
        || map.get("enum") == Some(&Value::Array(vec![Value::Null]));
    (null_type || null_value)
        && map.keys().all(|key| {
            matches!(
                key.as_str(),
                "type" | "const" | "enum" | "description" | "title" | "nullable"
            )
        })
}

/// One schema, or `anyOf` the several.
fn one_of_several(mut members: Vec<Value>) -> Value {
    if members.len() == 1 {
        members.remove(0)
    } else {
        json!({ "anyOf": members })
    }
}

/// The keywords that apply only to values of JSON type `kind`.
fn keywords_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "string" => &["minLength", "maxLength", "pattern", "format"],
        "integer" | "number" => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

/// Whether `keyword: value` belongs with type `kind`: `format` is shared
/// between strings and numbers, by its value.
fn applies(keyword: &str, value: &Value, kind: &str) -> bool {
    if keyword != "format" {
        return true;
    }
    let numeric = matches!(
        value.as_str(),
        Some("int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64")
            | Some("float" | "double")
    );
    numeric == matches!(kind, "integer" | "number")
}

/// Whether `value` is of JSON Schema type `kind`.
fn is_of_type(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{S, convert, located, source, yaml};
    use super::super::walk::apply_readings;

    #[test]
    fn a_type_list_with_null_is_nullable() {
        let (schema, said) = convert("3.1.0", "type: [string, 'null']\nminLength: 1\n");
        assert_eq!(schema, yaml("{type: string, nullable: true, minLength: 1}"));
        // The same meaning in 3.0's words: nothing to warn about.
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn several_types_are_one_of_one_schema_each_with_its_keywords() {
        // A property: a component that is a nullable union is split too.
        let (schema, said) = convert(
            "3.1.0",
            "properties:\n  size:\n    type: [string, integer, 'null']\n    \
             description: A size.\n    maxLength: 3\n    minimum: 1.0\n    format: int32\n    \
             enum: [a, 1, null]\n",
        );
        assert_eq!(
            schema["properties"]["size"],
            yaml(
                "{description: A size., nullable: true, oneOf: [\
                 {type: string, maxLength: 3, enum: [a]}, \
                 {type: integer, minimum: 1, format: int32, enum: [1]}]}"
            )
        );
        // Only the 3.0 habit of a fractional bound on an integer is said.
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, format!("{S}/properties/size/minimum"));
        // Integers and numbers together are numbers.
        let (schema, _) = convert("3.1.0", "type: [number, integer]\n");
        assert_eq!(schema, yaml("{type: number}"));
    }

    #[test]
    fn type_null_alone_is_any_value_nullable() {
        let (schema, said) = convert("3.1.0", "type: 'null'\ndescription: Always null.\n");
        assert_eq!(schema, yaml("{nullable: true, description: Always null.}"));
        assert_eq!(said[0].1, format!("{S}/type"));
        assert!(said[0].2.contains("`type: null` has no OpenAPI 3.0 form"));
    }

    #[test]
    fn a_null_member_of_any_of_makes_the_rest_nullable_in_3_0_too() {
        // One member left, a `$ref`: 3.0 ignores a `$ref`'s siblings.
        let (schema, said) = convert(
            "3.0.3",
            "description: The origin.\noneOf:\n  - $ref: '#/components/schemas/O'\n  - type: 'null'\n",
        );
        assert_eq!(
            schema,
            yaml(
                "{description: The origin., nullable: true, allOf: [{$ref: '#/components/schemas/O'}]}"
            )
        );
        assert!(said.is_empty(), "{said:?}");

        // One inline member left: that member.
        let (schema, _) = convert(
            "3.0.3",
            "anyOf:\n  - type: 'null'\n  - type: string\n    format: date\n",
        );
        assert_eq!(schema, yaml("{type: string, format: date, nullable: true}"));

        // Several left: their `anyOf`, nullable, which schema.rs then
        // reads as a `oneOf` of values.
        let (schema, said) = convert(
            "3.0.3",
            "properties:\n  p:\n    anyOf:\n      - type: string\n      - type: integer\n      \
             - type: 'null'\n",
        );
        assert_eq!(
            schema["properties"]["p"],
            yaml("{oneOf: [{type: string}, {type: integer}], nullable: true}")
        );
        // What is said is the `anyOf` read as a `oneOf`, not the null.
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, format!("{S}/properties/p/anyOf"));
    }

    #[test]
    fn const_examples_and_exclusive_bounds_take_the_3_0_form() {
        let (schema, said) = convert(
            "3.1.0",
            "type: number\nconst: 3\nexamples: [3, 4]\nexclusiveMinimum: 0\n\
             exclusiveMaximum: 10\nmaximum: 5\n",
        );
        assert_eq!(
            schema,
            yaml(
                "{type: number, enum: [3], example: 3, minimum: 0, exclusiveMinimum: true, maximum: 5}"
            )
        );
        // Only the second example is lost.
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, format!("{S}/examples"));
        assert!(said[0].2.contains("its first item"), "{said:?}");
        let (schema, said) = convert(
            "3.1.0",
            "type: string
examples: [a]
",
        );
        assert_eq!(schema, yaml("{type: string, example: a}"));
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn content_keywords_become_formats() {
        let (schema, said) = convert("3.1.0", "type: string\ncontentEncoding: base64\n");
        assert_eq!(schema, yaml("{type: string, format: byte}"));
        assert!(said.is_empty(), "{said:?}");
        let (schema, said) = convert("3.1.0", "contentMediaType: image/png\n");
        assert_eq!(schema, yaml("{type: string, format: binary}"));
        assert!(said.is_empty(), "{said:?}");
        // What 3.0 cannot say is.
        let (schema, said) = convert("3.1.0", "type: string\ncontentEncoding: base32\n");
        assert_eq!(schema, yaml("{type: string}"));
        assert_eq!(said[0].1, format!("{S}/contentEncoding"));
    }

    #[test]
    fn a_ref_keeps_its_siblings_in_3_1_only() {
        let written = "$ref: '#/components/schemas/O'\ndescription: Who owns it.\nx-note: n\n";
        let (schema, said) = convert("3.1.0", written);
        assert_eq!(
            schema,
            yaml(
                "{allOf: [{$ref: '#/components/schemas/O'}], description: Who owns it., x-note: n}"
            )
        );
        assert!(said.is_empty(), "{said:?}");
        let (schema, said) = convert("3.0.3", written);
        assert_eq!(schema, yaml(written));
        assert!(said.is_empty());
        // Only extensions beside it: nothing to keep.
        let (schema, _) = convert("3.1.0", "$ref: '#/components/schemas/O'\nx-note: n\n");
        assert_eq!(schema, yaml("{$ref: '#/components/schemas/O', x-note: n}"));
    }

    #[test]
    fn boolean_schemas_and_false_properties() {
        let (schema, said) = convert(
            "3.1.0",
            "type: object\nproperties:\n  any: true\n  never: false\n  none:\n    not: false\n",
        );
        assert_eq!(
            schema,
            yaml("{type: object, properties: {any: {}, none: {not: {not: {}}}}}")
        );
        // Only the property that may never be present is said: the type
        // takes it where the spec forbids it.
        let pointers: Vec<&str> = said.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(pointers, [format!("{S}/properties/never")]);
        // zod's `never`, in 3.0's words (typebot's options), in 3.0 too.
        let (schema, said) = convert(
            "3.0.3",
            "type: object\nproperties:\n  type:\n    not: {}\n  kind:\n    not: {type: string}\n",
        );
        assert_eq!(
            schema,
            yaml("{type: object, properties: {kind: {not: {type: string}}}}")
        );
        assert!(said[0].2.contains("`not: {}`"), "{said:?}");
    }

    #[test]
    fn tuples_and_pattern_properties_have_near_readings() {
        let (schema, said) = convert(
            "3.1.0",
            "type: array\nprefixItems:\n  - type: string\n  - type: integer\nitems: false\n",
        );
        assert_eq!(
            schema,
            yaml("{type: array, items: {oneOf: [{type: string}, {type: integer}]}}")
        );
        assert_eq!(said[0].1, format!("{S}/prefixItems"));
        let (schema, said) = convert(
            "3.1.0",
            "type: object\npatternProperties:\n  '^x':\n    type: string\n",
        );
        assert_eq!(
            schema,
            yaml("{type: object, additionalProperties: {type: string}}")
        );
        assert!(said[0].2.contains("without checking names"));
    }

    #[test]
    fn keywords_without_a_3_0_form_are_left_out_each_said() {
        let (schema, said) = convert(
            "3.1.0",
            "$schema: https://json-schema.org/draft/2020-12/schema\n$id: s\n$comment: c\n\
             type: object\nif:\n  required: [a]\nthen:\n  required: [b]\n\
             dependentSchemas:\n  a:\n    required: [b]\nunevaluatedProperties: false\n\
             contains:\n  const: 1\nminContains: 1\npropertyNames:\n  pattern: '^a'\n",
        );
        assert_eq!(schema, yaml("{type: object}"));
        let pointers: Vec<String> = said.iter().map(|(_, p, _)| p.clone()).collect();
        for keyword in [
            "$schema",
            "$id",
            "$comment",
            "if",
            "dependentSchemas",
            "unevaluatedProperties",
            "contains",
            "minContains",
            "propertyNames",
        ] {
            assert!(
                pointers.contains(&format!("{S}/{keyword}")),
                "{keyword}: {said:?}"
            );
        }
        // What is left out is not read: the `const` under `contains` says
        // nothing.
        assert_eq!(said.len(), 9, "{said:?}");
    }

    #[test]
    fn the_document_drops_what_a_client_cannot_use() {
        let text = "openapi: 3.1.0\njsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base\n\
                    info:\n  title: T\n  version: '1'\n  license:\n    name: MIT\n    identifier: MIT\n\
                    webhooks:\n  ping:\n    post:\n      responses:\n        '200':\n          \
                    description: OK\npaths:\n  /a:\n    $ref: '#/components/pathItems/A'\n\
                    components:\n  pathItems:\n    A:\n      get:\n        operationId: getA\n        \
                    parameters:\n          - name: q\n            in: query\n            schema:\n              \
                    type: [string, 'null']\n        responses:\n          '204':\n            \
                    description: Done.\n";
        let mut source = source(text);
        let said = located(apply_readings(&mut source), &source);
        assert!(source.rewritten);
        let value = &source.value;
        assert_eq!(value["openapi"], "3.0.3");
        assert!(value.get("webhooks").is_none());
        assert!(value.get("jsonSchemaDialect").is_none());
        assert!(value["components"].get("pathItems").is_none());
        assert_eq!(value["paths"]["/a"]["get"]["operationId"], "getA");
        assert_eq!(
            value["paths"]["/a"]["get"]["parameters"][0]["schema"],
            yaml("{type: string, nullable: true}")
        );
        let pointers: Vec<&str> = said.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/webhooks", "/paths/~1a/$ref", "/components/pathItems",]
        );
        // The typed reader takes the rewritten document, `identifier` and all.
        let api: openapiv3::OpenAPI = source.parse().unwrap();
        assert_eq!(api.info.license.unwrap().name, "MIT");
    }
}
