//! Reads OpenAPI 3.1, and the 3.1 habits of 3.0 specs, as the OpenAPI 3.0
//! that openapiv3 and progenitor take: a rewrite of the untyped document,
//! before it is checked and typed, with a located warning for each reading.
//!
//! Warnings point at the member as the spec wrote it (the pointers of the
//! original document), whatever the rewrite moved.
//!
//! The readings, each deliberate:
//! - the document: `openapi: 3.1.x` is read as 3.0.3; `webhooks` and
//!   `components.pathItems` (the client calls no webhook) are left out, a
//!   path item `$ref` to `components.pathItems` is written in place;
//!   `jsonSchemaDialect` is ignored, and a missing `paths` means none;
//! - `type` lists: `null` among them becomes `nullable: true`, `[integer,
//!   number]` is a number, other lists an `anyOf` of one schema per type,
//!   each with the keywords that apply to it;
//! - `type: "null"` alone is any value, nullable; in an `anyOf`/`oneOf`, a
//!   null member makes the rest nullable (one member left: it, nullable);
//! - `const` is a one-value `enum`; `examples` (a list) gives `example`, its
//!   first; numeric `exclusiveMinimum`/`exclusiveMaximum` take the 3.0 form;
//!   `contentEncoding: base64` is `format: byte`, `contentMediaType` is
//!   `format: binary`;
//! - in 3.1, a `$ref` with siblings that constrain or document the value
//!   becomes `allOf: [{$ref}]` beside them (3.0 ignores a `$ref`'s siblings);
//! - `true` schemas are `{}`, `false` ones admit nothing (a property that is
//!   `false` is left out); `$defs` move to `components.schemas`;
//!   `prefixItems` gives `items`, `patternProperties` gives
//!   `additionalProperties`;
//! - keywords with no 3.0 counterpart that only narrow what is valid (`if`,
//!   `dependentSchemas`, `unevaluatedProperties`, `contains`…) and JSON
//!   Schema bookkeeping (`$id`, `$schema`, `$comment`…) are dropped;
//! - a `$ref` to a schema inside another member
//!   (`#/components/parameters/X/schema`, `#/components/schemas/X/properties/y`)
//!   makes that schema a component of its own (`XY`), which the member and the
//!   `$ref`s point to: progenitor looks references up only in
//!   `components.schemas`;
//! - integer bounds beyond 64 bits (`-9223372036854776000`, i64's limit as
//!   a float formatter prints it) are clamped to the format's range, and
//!   whole numbers written as floats (`1.0`) are integers.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::{Readings, document, hoist, schema, type_names};
use crate::spec::Diagnostic;
use crate::spec::load::Source;
use crate::spec::pointer::{escape, unescape};
use crate::spec::walk::METHODS;

/// The OpenAPI version a 3.1 document is read as.
const READ_AS: &str = "3.0.3";

/// JSON Schema's default dialect for OpenAPI 3.1: saying it changes nothing.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Rewrites `source.value` into OpenAPI 3.0 and returns a warning for each
/// reading made, in document order. A 3.0 spec without 3.1 habits is left
/// as it is.
pub fn downconvert(source: &mut Source) -> Vec<Diagnostic> {
    let v31 = source
        .value
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|version| version.starts_with("3.1."));
    let mut walker = Walker {
        readings: Readings::default(),
        v31,
        defs: Vec::new(),
        nullable_unions: Vec::new(),
        component_names: Default::default(),
        known: Default::default(),
        titles: Default::default(),
    };
    walker.document(&mut source.value);
    source.rewritten |= walker.readings.rewritten;
    walker
        .readings
        .into_warnings(&source.path, &source.positions)
}

/// The walk's state: what it said, and what the readings of one member
/// gather for those of the whole document, or need from them.
struct Walker {
    readings: Readings,
    /// Whether the document says it is OpenAPI 3.1: only then do a `$ref`'s
    /// siblings count.
    v31: bool,
    /// The `$defs` entries found, to move to `components.schemas`.
    defs: Vec<hoist::Def>,
    /// Components made nullable unions by [`Self::null_members`], by name.
    nullable_unions: Vec<String>,
    /// The type names typify gives the components.
    component_names: BTreeSet<String>,
    /// What the readings of a schema know of the components.
    known: schema::Known,
    /// The type names the components take, for the inline schemas of
    /// `paths`.
    titles: type_names::Titles,
}

impl Walker {
    // ---- the document

    fn document(&mut self, root: &mut Value) {
        let Some(root) = root.as_object_mut() else {
            return;
        };
        if self.v31 {
            root.insert("openapi".to_owned(), Value::String(READ_AS.to_owned()));
            self.readings.rewrote();
            if !root.contains_key("paths") {
                root.insert("paths".to_owned(), json!({}));
            }
        }
        document::apply_readings(root, &mut self.readings);
        self.component_names = type_names::component_type_names(root);
        self.known = schema::Known::of(root);
        if let Some(dialect) = root.remove("jsonSchemaDialect") {
            self.readings.rewrote();
            if dialect.as_str() != Some(DEFAULT_DIALECT) {
                self.readings.warn(
                    "/jsonSchemaDialect",
                    "`jsonSchemaDialect` is ignored: schemas are read as OpenAPI 3.1's \
                     JSON Schema 2020-12"
                        .to_owned(),
                );
            }
        }
        if let Some(webhooks) = root.remove("webhooks") {
            let count = webhooks.as_object().map_or(0, Map::len);
            self.readings.warn(
                "/webhooks",
                format!(
                    "`webhooks` ({count}) are requests the API sends, not ones a client makes: \
                     left out of the client"
                ),
            );
        }

        let path_items = root
            .get_mut("components")
            .and_then(Value::as_object_mut)
            .and_then(|components| components.remove("pathItems"));
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            for (path, item) in paths.iter_mut() {
                let pointer = format!("/paths/{}", escape(path));
                // An item written in place is read where the spec wrote it.
                let pointer = self
                    .path_item_in_place(item, &pointer, path_items.as_ref())
                    .unwrap_or(pointer);
                self.path_item(item, &pointer);
            }
        }

        if let Some(Value::Object(components)) = root.get_mut("components") {
            if let Some(items) = &path_items {
                let count = items.as_object().map_or(0, Map::len);
                self.readings.warn(
                    "/components/pathItems",
                    format!(
                        "`components.pathItems` ({count}) is OpenAPI 3.1: written in place \
                         where `paths` refers to them, otherwise left out"
                    ),
                );
            }
            self.components(components);
        }
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            type_names::body_type_names(paths, &mut self.titles, &mut self.readings);
        }
        hoist::defs(root, &mut self.defs, &mut self.readings);
        hoist::deep_references(root, &mut self.nullable_unions, &mut self.readings);
    }

    /// A path item `$ref` to `components.pathItems`, which 3.0 does not
    /// have, replaced by the item it names; the pointer of that item.
    fn path_item_in_place(
        &mut self,
        item: &mut Value,
        pointer: &str,
        items: Option<&Value>,
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
        self.readings.warn(
            &format!("{pointer}/$ref"),
            format!("path item `$ref` to `{target}` (OpenAPI 3.1): written in place"),
        );
        *item = Value::Object(found);
        Some(target[1..].to_owned())
    }

    fn path_item(&mut self, item: &mut Value, pointer: &str) {
        let Some(item) = item.as_object_mut() else {
            return;
        };
        for (key, member) in item.iter_mut() {
            let pointer = format!("{pointer}/{}", escape(key));
            if key == "parameters" {
                self.each_item(member, &pointer, Self::parameter);
            } else if METHODS.contains(&key.as_str()) {
                self.operation(member, &pointer);
            }
        }
    }

    fn operation(&mut self, operation: &mut Value, pointer: &str) {
        let Some(operation) = operation.as_object_mut() else {
            return;
        };
        for (key, member) in operation.iter_mut() {
            let pointer = format!("{pointer}/{}", escape(key));
            match key.as_str() {
                "parameters" => self.each_item(member, &pointer, Self::parameter),
                "requestBody" => self.with_content(member, &pointer),
                "responses" => self.each_member(member, &pointer, Self::response),
                "callbacks" => self.each_member(member, &pointer, Self::callback),
                _ => {}
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, pointer: &str) {
        self.each_member(callback, pointer, Self::path_item);
    }

    fn components(&mut self, components: &mut Map<String, Value>) {
        for (key, member) in components.iter_mut() {
            let pointer = format!("/components/{}", escape(key));
            match key.as_str() {
                "schemas" => {
                    self.each_member(member, &pointer, Self::schema);
                    if let Value::Object(schemas) = member {
                        type_names::nullable_unions_written(
                            schemas,
                            &mut self.nullable_unions,
                            &mut self.readings,
                        );
                        type_names::split_nullable_unions(schemas, &mut self.nullable_unions);
                        self.titles = type_names::type_names(schemas, &mut self.readings);
                    }
                }
                "parameters" | "headers" => self.each_member(member, &pointer, Self::parameter),
                "requestBodies" => self.each_member(member, &pointer, Self::with_content),
                "responses" => self.each_member(member, &pointer, Self::response),
                "callbacks" => self.each_member(member, &pointer, Self::callback),
                _ => {}
            }
        }
    }

    /// A parameter or a header: a `schema`, or `content`.
    fn parameter(&mut self, parameter: &mut Value, pointer: &str) {
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(schema, &format!("{pointer}/schema"));
        }
        document::nullable_parameter(parameter, pointer, &mut self.readings);
        self.with_content(parameter, pointer);
    }

    fn response(&mut self, response: &mut Value, pointer: &str) {
        if let Some(headers) = response.get_mut("headers") {
            self.each_member(headers, &format!("{pointer}/headers"), Self::parameter);
        }
        self.with_content(response, pointer);
    }

    /// The media types of a request body, response or parameter.
    fn with_content(&mut self, holder: &mut Value, pointer: &str) {
        let Some(Value::Object(content)) = holder.get_mut("content") else {
            return;
        };
        for (media_type, media) in content.iter_mut() {
            let pointer = format!("{pointer}/content/{}", escape(media_type));
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &format!("{pointer}/schema"));
            }
            if let Some(Value::Object(encoding)) = media.get_mut("encoding") {
                for (name, encoding) in encoding.iter_mut() {
                    if let Some(headers) = encoding.get_mut("headers") {
                        let pointer = format!("{pointer}/encoding/{}/headers", escape(name));
                        self.each_member(headers, &pointer, Self::parameter);
                    }
                }
            }
        }
    }

    fn each_member(
        &mut self,
        map: &mut Value,
        pointer: &str,
        each: fn(&mut Self, &mut Value, &str),
    ) {
        if let Value::Object(map) = map {
            for (key, member) in map.iter_mut() {
                each(self, member, &format!("{pointer}/{}", escape(key)));
            }
        }
    }

    fn each_item(
        &mut self,
        list: &mut Value,
        pointer: &str,
        each: fn(&mut Self, &mut Value, &str),
    ) {
        if let Value::Array(items) = list {
            for (index, item) in items.iter_mut().enumerate() {
                each(self, item, &format!("{pointer}/{index}"));
            }
        }
    }

    // ---- schemas

    fn schema(&mut self, schema: &mut Value, pointer: &str) {
        let map = match schema {
            Value::Bool(true) => {
                self.readings.warn(
                    pointer,
                    "the schema `true` (any value) is read as `{}`".to_owned(),
                );
                *schema = json!({});
                return;
            }
            Value::Bool(false) => {
                self.readings.warn(
                    pointer,
                    "the schema `false` admits no value: read as `not: {}`".to_owned(),
                );
                *schema = json!({"not": {}});
                return;
            }
            Value::Object(map) => map,
            _ => return,
        };
        // Null members go before their siblings are read: alone, a null
        // schema has a reading of its own.
        for keyword in ["anyOf", "oneOf"] {
            self.null_members(map, pointer, keyword);
        }
        self.subschemas(map, pointer);
        self.bookkeeping(map, pointer);
        self.values(map, pointer);
        self.content(map, pointer);
        self.narrowing(map, pointer);
        hoist::take_defs(map, pointer, &mut self.defs, &mut self.readings);
        self.collections(map, pointer);
        self.types(map, pointer);
        if map.get("type").and_then(Value::as_str) == Some("integer") {
            self.integer_bounds(map, pointer);
        }
        for keyword in ["anyOf", "oneOf"] {
            self.single_member(map, keyword);
        }
        if self.v31 {
            self.reference_siblings(map, pointer);
        }
        schema::read(map, pointer, &self.known, &mut self.readings);
        type_names::inline_title(map, pointer, &self.component_names, &mut self.readings);
    }

    /// Every schema inside `map`, read first, at the pointers the spec
    /// wrote them.
    fn subschemas(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        for (key, member) in map.iter_mut() {
            let pointer = format!("{pointer}/{}", escape(key));
            match key.as_str() {
                "properties" => {
                    if let Value::Object(properties) = member {
                        let never: Vec<String> = properties
                            .iter()
                            .filter(|(_, schema)| **schema == Value::Bool(false))
                            .map(|(name, _)| name.clone())
                            .collect();
                        for name in never {
                            properties.remove(&name);
                            self.readings.warn(
                                &format!("{pointer}/{}", escape(&name)),
                                format!(
                                    "property `{name}` is `false`: it may never be present, \
                                     so the type leaves it out"
                                ),
                            );
                        }
                    }
                    self.each_member(member, &pointer, Self::schema);
                }
                // What is left out later (`if`, `contains`…) is not read.
                "$defs" | "definitions" | "patternProperties" => {
                    self.each_member(member, &pointer, Self::schema)
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    self.each_item(member, &pointer, Self::schema)
                }
                // `additionalProperties: false` is 3.0 too; `items: false`
                // is read with `prefixItems`.
                "items" | "additionalProperties" if member.is_boolean() => {}
                "items" if member.is_array() => self.each_item(member, &pointer, Self::schema),
                "items" | "additionalProperties" | "not" => self.schema(member, &pointer),
                _ => {}
            }
        }
    }

    /// JSON Schema's identifiers and comments, which say nothing about the
    /// value.
    fn bookkeeping(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        for keyword in [
            "$schema",
            "$id",
            "$anchor",
            "$dynamicAnchor",
            "$vocabulary",
            "$comment",
        ] {
            if map.remove(keyword).is_some() {
                self.readings.warn(
                    &format!("{pointer}/{}", escape(keyword)),
                    format!(
                        "`{keyword}` is JSON Schema bookkeeping with no OpenAPI 3.0 form: ignored"
                    ),
                );
            }
        }
        if let Some(target) = map.remove("$dynamicRef") {
            self.readings.warn(
                &format!("{pointer}/$dynamicRef"),
                format!(
                    "`$dynamicRef` {target} has no OpenAPI 3.0 form: what it refers to is read \
                     as any value"
                ),
            );
        }
    }

    /// `const`, `examples`, and numeric exclusive bounds.
    fn values(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        if let Some(value) = map.remove("const") {
            self.readings.warn(
                &format!("{pointer}/const"),
                format!("`const: {value}` is read as `enum: [{value}]`"),
            );
            if value.is_null() {
                map.insert("nullable".to_owned(), Value::Bool(true));
            }
            map.insert("enum".to_owned(), Value::Array(vec![value]));
        }
        if let Some(examples) = map.remove("examples") {
            let first = match examples {
                Value::Array(list) => list.into_iter().next(),
                _ => None,
            };
            let message = match (&first, map.contains_key("example")) {
                (Some(_), false) => "`examples` (a list) is read as `example`, its first item",
                _ => "`examples` is left out: OpenAPI 3.0 schemas have one `example`",
            };
            self.readings
                .warn(&format!("{pointer}/examples"), message.to_owned());
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
                map.insert(bound.to_owned(), Value::Number(limit.clone()));
                map.insert(exclusive.to_owned(), Value::Bool(true));
                self.readings.warn(
                    &format!("{pointer}/{exclusive}"),
                    format!(
                        "`{exclusive}: {limit}` is read as `{bound}: {limit}, {exclusive}: true`"
                    ),
                );
            } else {
                map.remove(exclusive);
                self.readings.warn(
                    &format!("{pointer}/{exclusive}"),
                    format!("`{exclusive}: {limit}` is left out: `{bound}` is narrower"),
                );
            }
        }
    }

    /// `contentEncoding` and `contentMediaType`: what 3.0 says with
    /// `format`.
    fn content(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let encoding = map.remove("contentEncoding");
        let media_type = map.remove("contentMediaType");
        if map.remove("contentSchema").is_some() {
            self.readings.warn(
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
                self.readings.warn(
                    &format!("{pointer}/contentEncoding"),
                    format!(
                        "`contentEncoding: {encoding}` is left out: the value is read as a string"
                    ),
                );
                return;
            }
            (None, Some(media_type)) => ("contentMediaType", media_type, "binary"),
            (None, None) => return,
        };
        if map.contains_key("format") {
            self.readings.warn(
                &format!("{pointer}/{keyword}"),
                format!("`{keyword}: {written}` is left out: the schema has a `format` already"),
            );
            return;
        }
        map.insert("format".to_owned(), Value::String(format.to_owned()));
        map.entry("type").or_insert_with(|| json!("string"));
        self.readings.warn(
            &format!("{pointer}/{keyword}"),
            format!("`{keyword}: {written}` is read as `format: {format}`"),
        );
    }

    /// Keywords with no OpenAPI 3.0 form that only narrow what is valid:
    /// the type admits a little more than the spec says.
    fn narrowing(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let conditional = ["if", "then", "else"]
            .into_iter()
            .filter(|keyword| map.remove(*keyword).is_some())
            .count();
        if conditional > 0 {
            self.readings.warn(
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
                self.readings.warn(
                    &format!("{pointer}/{keyword}"),
                    format!("`{keyword}` has no OpenAPI 3.0 form: left out ({why})"),
                );
            }
        }
    }

    /// `prefixItems` and `patternProperties`.
    fn collections(&mut self, map: &mut Map<String, Value>, pointer: &str) {
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
            self.readings.warn(
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
            self.readings.rewrote();
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
            self.readings.warn(
                &format!("{pointer}/patternProperties"),
                format!(
                    "`patternProperties` ({}) has no OpenAPI 3.0 form: {said}",
                    names.join(", ")
                ),
            );
        }
    }

    /// `type` lists and `type: "null"`.
    fn types(&mut self, map: &mut Map<String, Value>, pointer: &str) {
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
        let written = format!("[{}]", listed.join(", "));
        if types.iter().any(|t| t == "number") && types.iter().any(|t| t == "integer") {
            types.retain(|t| t != "integer");
        }
        match types.as_slice() {
            [] => {
                map.remove("type");
                self.readings.warn(
                    &type_pointer,
                    "`type: null` has no OpenAPI 3.0 form: read as any value, nullable".to_owned(),
                );
            }
            [single] => {
                map.insert("type".to_owned(), Value::String(single.clone()));
                let nullable = if nullable { ", nullable: true" } else { "" };
                self.readings.warn(
                    &type_pointer,
                    format!("`type: {written}` is read as `type: {single}{nullable}`"),
                );
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
                            self.integer_bounds(&mut branch, pointer);
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
                let branches = Value::Array(branches);
                match map.remove("anyOf") {
                    Some(existing) => {
                        let all_of = map
                            .entry("allOf")
                            .or_insert_with(|| Value::Array(Vec::new()));
                        if let Value::Array(all_of) = all_of {
                            all_of.push(json!({ "anyOf": existing }));
                            all_of.push(json!({ "anyOf": branches }));
                        }
                    }
                    None => {
                        map.insert("anyOf".to_owned(), branches);
                    }
                }
                let nullable = if nullable { ", nullable" } else { "" };
                self.readings.warn(
                    &type_pointer,
                    format!(
                        "`type: {written}` is read as `anyOf` one schema per type ({}){nullable}, \
                         each with the keywords that apply to it",
                        several.join(", ")
                    ),
                );
            }
        }
    }

    /// Members of `anyOf`/`oneOf` that are only `null`: the schema is
    /// nullable instead.
    fn null_members(&mut self, map: &mut Map<String, Value>, pointer: &str, keyword: &str) {
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
            self.nullable_unions.push(unescape(name));
        }
        for index in nulls {
            let reading = match rest {
                1 => "the other member, nullable",
                _ if !split => "the other members, nullable",
                _ => {
                    "the other members, nullable (as `allOf` of a component `…Variant` that \
                      holds them)"
                }
            };
            self.readings.warn(
                &format!("{pointer}/{keyword}/{index}"),
                format!("a `{{type: null}}` member of `{keyword}` is read as {reading}"),
            );
        }
    }

    /// An `anyOf`/`oneOf` left with one member (by [`Self::null_members`]):
    /// that member, keeping what is written beside it.
    fn single_member(&mut self, map: &mut Map<String, Value>, keyword: &str) {
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
    fn reference_siblings(&mut self, map: &mut Map<String, Value>, pointer: &str) {
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
        let siblings: Vec<String> = siblings.iter().map(|s| format!("`{s}`")).collect();
        self.readings.warn(
            &format!("{pointer}/$ref"),
            format!(
                "`$ref` with {} beside it (which OpenAPI 3.0 would ignore) is read as \
                 `allOf: [{{$ref: {reference}}}]` beside them",
                siblings.join(", ")
            ),
        );
    }

    /// An integer's bounds as openapiv3 takes them: whole numbers within
    /// i64. A bound at or beyond the range of the integer's format (as
    /// `-9223372036854776000`, i64's limit printed by a float formatter) is
    /// that range.
    fn integer_bounds(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let unsigned = map.get("format").and_then(Value::as_str) == Some("uint64");
        for (keyword, rounded) in [
            ("minimum", f64::ceil as fn(f64) -> f64),
            ("maximum", f64::floor),
            ("multipleOf", f64::round),
        ] {
            let Some(Value::Number(written)) = map.get(keyword) else {
                continue;
            };
            if written.is_i64() {
                continue;
            }
            let written = written.clone();
            let bound_pointer = format!("{pointer}/{keyword}");
            let value = written.as_f64().unwrap_or_default();
            let reading = if keyword != "multipleOf" && value >= i64::MAX as f64 {
                if unsigned || value >= u64::MAX as f64 || keyword == "minimum" {
                    // Beyond what openapiv3 holds (an i64) or beyond the
                    // type itself: the type's own range says it.
                    None
                } else {
                    Some(i64::MAX)
                }
            } else if keyword != "multipleOf" && value <= i64::MIN as f64 {
                Some(i64::MIN)
            } else {
                let whole = rounded(value);
                (whole.abs() < i64::MAX as f64 && whole != 0.0).then_some(whole as i64)
            };
            match reading {
                Some(reading) => {
                    map.insert(keyword.to_owned(), Value::Number(reading.into()));
                    self.readings.warn(
                        &bound_pointer,
                        format!("integer `{keyword}: {written}` is read as `{keyword}: {reading}`"),
                    );
                }
                None => {
                    map.remove(keyword);
                    let range = if unsigned { "u64" } else { "i64" };
                    self.readings.warn(
                        &bound_pointer,
                        format!(
                            "integer `{keyword}: {written}` is at or beyond the {range} range: \
                             left out, the type's range bounds it"
                        ),
                    );
                }
            }
        }
    }
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
    use super::*;
    use crate::spec::positions::Location;

    #[test]
    fn a_type_list_with_null_is_nullable() {
        let (schema, said) = convert("3.1.0", "type: [string, 'null']\nminLength: 1\n");
        assert_eq!(schema, yaml("{type: string, nullable: true, minLength: 1}"));
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].0, 9);
        assert_eq!(said[0].1, format!("{S}/type"));
        assert!(
            said[0].2.contains("`type: string, nullable: true`"),
            "{said:?}"
        );
    }

    #[test]
    fn several_types_are_any_of_one_schema_each_with_its_keywords() {
        // A property: a component that is a nullable union is split too.
        let (schema, said) = convert(
            "3.1.0",
            "properties:\n  size:\n    type: [string, integer, 'null']\n    \
             description: A size.\n    maxLength: 3\n    minimum: 1.0\n    format: int32\n    \
             enum: [a, 1, null]\n",
        );
        assert_eq!(
            schema["properties"]["size"],
            // The `anyOf` of values is then read as a `oneOf` (habits.rs).
            yaml(
                "{description: A size., nullable: true, oneOf: [\
                 {type: string, maxLength: 3, enum: [a]}, \
                 {type: integer, minimum: 1, format: int32, enum: [1]}]}"
            )
        );
        assert!(said.iter().any(|(_, pointer, message)| pointer
            == &format!("{S}/properties/size/type")
            && message.contains("`anyOf` one schema per type (string, integer), nullable")));
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
        assert_eq!(said.len(), 1);
        assert_eq!(
            (said[0].0, said[0].1.as_str()),
            (12, &*format!("{S}/oneOf/1"))
        );
        assert!(said[0].2.contains("read as the other member, nullable"));

        // One inline member left: that member.
        let (schema, _) = convert(
            "3.0.3",
            "anyOf:\n  - type: 'null'\n  - type: string\n    format: date\n",
        );
        assert_eq!(schema, yaml("{type: string, format: date, nullable: true}"));

        // Several left: their `anyOf`, nullable, which habits.rs then
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
        assert!(
            said.iter()
                .any(|s| s.2.contains("the other members, nullable"))
        );
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
        let pointers: Vec<&str> = said.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                format!("{S}/const"),
                format!("{S}/examples"),
                format!("{S}/exclusiveMinimum"),
                format!("{S}/exclusiveMaximum"),
            ]
        );
        assert!(said[3].2.contains("`maximum` is narrower"), "{said:?}");
    }

    #[test]
    fn content_keywords_become_formats() {
        let (schema, said) = convert("3.1.0", "type: string\ncontentEncoding: base64\n");
        assert_eq!(schema, yaml("{type: string, format: byte}"));
        assert_eq!(said[0].1, format!("{S}/contentEncoding"));
        let (schema, said) = convert("3.1.0", "contentMediaType: image/png\n");
        assert_eq!(schema, yaml("{type: string, format: binary}"));
        assert!(said[0].2.contains("read as `format: binary`"));
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
        assert_eq!(said[0].1, format!("{S}/$ref"));
        assert_eq!(said[0].0, 9);
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
        let pointers: Vec<&str> = said.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                format!("{S}/properties/any"),
                format!("{S}/properties/never"),
                format!("{S}/properties/none/not"),
            ]
        );
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
    fn integer_bounds_beyond_64_bits_are_clamped() {
        let (schema, said) = convert(
            "3.0.3",
            "type: integer\nformat: int64\nminimum: -9223372036854776000\nmaximum: 9223372036854776000\n",
        );
        assert_eq!(
            schema,
            json!({"type": "integer", "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX})
        );
        assert_eq!(said[0].1, format!("{S}/minimum"));
        assert_eq!(said[0].0, 11);
        assert!(
            said[1]
                .2
                .contains("is read as `maximum: 9223372036854775807`"),
            "{said:?}"
        );

        let (schema, said) = convert(
            "3.0.3",
            "type: integer\nformat: uint64\nminimum: 0\nmaximum: 1.8446744073709552e19\n",
        );
        assert_eq!(schema, yaml("{type: integer, format: uint64, minimum: 0}"));
        assert!(
            said[0].2.contains("beyond the u64 range: left out"),
            "{said:?}"
        );

        let (schema, _) = convert("3.0.3", "type: integer\nminimum: 0.5\nmaximum: 10.0\n");
        assert_eq!(schema, yaml("{type: integer, minimum: 1, maximum: 10}"));
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
        let said = located(downconvert(&mut source), &source);
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
            [
                "/webhooks",
                "/paths/~1a/$ref",
                "/components/pathItems",
                // Read where the spec wrote it, not where it was copied to.
                "/components/pathItems/A/get/parameters/0/schema/type",
            ]
        );
        // The typed reader takes the rewritten document, `identifier` and all.
        let api: openapiv3::OpenAPI = source.parse().unwrap();
        assert_eq!(api.info.license.unwrap().name, "MIT");
    }

    #[test]
    fn a_plain_3_0_document_is_left_as_written() {
        let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    S:\n      type: string\n      nullable: true\n";
        let mut source = source(text);
        let before = source.value.clone();
        assert!(downconvert(&mut source).is_empty());
        assert!(!source.rewritten);
        assert_eq!(source.value, before);
    }

    #[test]
    fn a_rewritten_document_that_does_not_fit_is_still_located() {
        let text = "openapi: 3.1.0\ninfo:\n  version: '1'\n  summary: no title\npaths: {}\n";
        let mut source = source(text);
        downconvert(&mut source);
        let (location, message) = source.parse::<openapiv3::OpenAPI>().unwrap_err();
        assert_eq!(message, "missing field `title`");
        // At the first member of `info`, where a YAML parser would say it.
        assert_eq!(location, Location { line: 3, column: 3 });
    }
}
