//! The walk of the untyped pass: goes through the document as the spec
//! wrote it (paths, operations, parameters, bodies, responses, components,
//! and every schema inside them) and applies to each member the readings
//! that concern it, in their order. The walker owns the pass's state: what
//! it has said, and what the readings of one member gather for those of the
//! whole document. It makes no reading itself.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{Readings, document, hoist, openapi31, references, schema, type_names};
use crate::spec::Diagnostic;
use crate::spec::load::Source;
use crate::spec::pointer::escape;
use crate::spec::walk::METHODS;

/// Rewrites `source.value` into OpenAPI 3.0 and returns a warning for each
/// reading made, in document order. A 3.0 spec without 3.1 habits is left
/// as it is.
pub fn apply_readings(source: &mut Source) -> Vec<Diagnostic> {
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
        component_type_names: Default::default(),
        shapes: Default::default(),
        names_taken: Default::default(),
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
    /// The components that a null member left nullable unions of several
    /// members ([`openapi31::null_members`]), by name, to be split.
    nullable_unions: Vec<String>,
    /// The type names typify gives the components.
    component_type_names: BTreeSet<String>,
    /// What the readings of a schema know of the components.
    shapes: schema::ComponentShapes,
    /// The type names the components take, for the inline schemas of
    /// `paths`.
    names_taken: type_names::NamesTaken,
}

impl Walker {
    // ---- the document

    fn document(&mut self, root: &mut Value) {
        let Some(root) = root.as_object_mut() else {
            return;
        };
        if self.v31 {
            openapi31::read_as_3_0(root, &mut self.readings);
        }
        document::info_without_title_or_version(root, &mut self.readings);
        references::apply_readings(root, &mut self.readings);
        document::apply_readings(root, &mut self.readings);
        self.component_type_names = type_names::component_type_names(root);
        self.shapes = schema::ComponentShapes::of(root);
        openapi31::json_schema_dialect(root, &mut self.readings);
        openapi31::webhooks(root, &mut self.readings);
        let path_items = openapi31::take_path_items(root, &mut self.readings);
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            for (path, item) in paths.iter_mut() {
                let pointer = format!("/paths/{}", escape(path));
                // An item written in place is read where the spec wrote it.
                let pointer = openapi31::path_item_in_place(
                    item,
                    &pointer,
                    path_items.as_ref(),
                    &mut self.readings,
                )
                .unwrap_or(pointer);
                self.path_item(item, &pointer);
            }
        }

        if let Some(Value::Object(components)) = root.get_mut("components") {
            self.components(components);
        }
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            let hoisted = type_names::in_bodies(paths, &mut self.names_taken, &mut self.readings);
            type_names::add_components(root, hoisted);
        }
        hoist::defs(root, &mut self.defs, &mut self.readings);
        hoist::deep_references(root, &mut self.nullable_unions, &mut self.readings);
        // Last: every component is in place, and the readings above have
        // said what they read where the spec wrote it.
        type_names::components_apart(root, &mut self.readings);
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
                        self.names_taken = type_names::in_components(schemas, &mut self.readings);
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
        if openapi31::boolean_schema(schema, &mut self.readings) {
            return;
        }
        let Value::Object(map) = schema else {
            return;
        };
        let readings = &mut self.readings;
        // Null members go before their siblings are read: alone, a null
        // schema has a reading of its own.
        for keyword in ["anyOf", "oneOf"] {
            openapi31::null_members(map, pointer, keyword, &mut self.nullable_unions, readings);
        }
        schema::merged_properties_with_one_rust_name(map, pointer, &self.shapes, readings);
        self.subschemas(map, pointer);
        let readings = &mut self.readings;
        openapi31::bookkeeping(map, pointer, readings);
        openapi31::values(map, pointer, readings);
        openapi31::content(map, pointer, readings);
        openapi31::narrowing(map, pointer, readings);
        hoist::take_defs(map, pointer, &mut self.defs, readings);
        openapi31::tuples_and_patterns(map, pointer, readings);
        schema::unknown_type(map, pointer, readings);
        openapi31::types(map, pointer, readings);
        if map.get("type").and_then(Value::as_str) == Some("integer") {
            schema::integer_bounds(map, pointer, readings);
        }
        for keyword in ["anyOf", "oneOf"] {
            openapi31::single_member(map, keyword);
        }
        if self.v31 {
            openapi31::reference_siblings(map, readings);
        }
        schema::apply_readings(map, pointer, &self.shapes, readings);
        type_names::inline_title(map, pointer, &self.component_type_names, &mut self.readings);
    }

    /// Every schema inside `map`, read first, at the pointers the spec
    /// wrote them.
    fn subschemas(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        for (key, member) in map.iter_mut() {
            let pointer = format!("{pointer}/{}", escape(key));
            match key.as_str() {
                "properties" => {
                    openapi31::false_properties(member, &pointer, &mut self.readings);
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
}

#[cfg(test)]
mod tests {
    use super::super::testing::source;
    use super::*;
    use crate::spec::positions::Location;

    #[test]
    fn a_plain_3_0_document_is_left_as_written() {
        let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    S:\n      type: string\n      nullable: true\n";
        let mut source = source(text);
        let before = source.value.clone();
        assert!(apply_readings(&mut source).is_empty());
        assert!(!source.rewritten);
        assert_eq!(source.value, before);
    }

    #[test]
    fn a_rewritten_document_that_does_not_fit_is_still_located() {
        let text =
            "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\nservers:\n  url: x\npaths: {}\n";
        let mut source = source(text);
        apply_readings(&mut source);
        let (location, message) = source.parse::<openapiv3::OpenAPI>().unwrap_err();
        assert_eq!(message, "invalid type: map, expected a sequence");
        // At `servers`, the member that does not fit.
        assert_eq!(location, Location { line: 5, column: 1 });
    }
}
