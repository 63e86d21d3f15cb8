//! Moves schemas to `components.schemas`, the only place progenitor looks
//! a `$ref` up: JSON Schema's `$defs`, and schemas that a `$ref` reaches
//! inside another member. Every `$ref` to them follows.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::{Readings, type_names};
use crate::spec::pointer::{escape, unescape};
use crate::spec::validate::{each_reference, is_spec_path, spec_members};

/// A `$defs` (or `definitions`) entry of a schema.
pub(super) struct Def {
    /// Where the spec wrote it, as a JSON pointer.
    from: String,
    name: String,
    schema: Value,
}

/// Takes the `$defs` and `definitions` out of the schema `map` at
/// `pointer`, into `found`: they become components once the document is
/// read ([`defs`]).
pub(super) fn take_defs(
    map: &mut Map<String, Value>,
    pointer: &str,
    found: &mut Vec<Def>,
    readings: &mut Readings,
) {
    for keyword in ["$defs", "definitions"] {
        if let Some(Value::Object(defs)) = map.remove(keyword) {
            for (name, schema) in defs {
                let from = format!("{pointer}/{keyword}/{}", escape(&name));
                found.push(Def { from, name, schema });
            }
            readings.rewrote();
        }
    }
}

/// The `$defs` found ([`take_defs`]) as `components.schemas` entries, with
/// every `$ref` to them pointing there.
pub(super) fn defs(root: &mut Map<String, Value>, found: &mut Vec<Def>, readings: &mut Readings) {
    if found.is_empty() {
        return;
    }
    let components = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(components) = components else {
        return;
    };
    let schemas = components
        .entry("schemas")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(schemas) = schemas else {
        return;
    };
    let mut taken: BTreeSet<String> = schemas.keys().cloned().collect();
    let mut moved = Vec::new();
    for Def { from, name, schema } in found.drain(..) {
        let mut unique = name.clone();
        let mut n = 2;
        while taken.contains(&unique) {
            unique = format!("{name}{n}");
            n += 1;
        }
        taken.insert(unique.clone());
        readings.warn(
            &from,
            format!(
                "`$defs` entries are read as `components.schemas` entries, where progenitor \
                 looks: `{name}` is `#/components/schemas/{unique}`"
            ),
        );
        schemas.insert(unique.clone(), schema);
        moved.push((
            format!("#{from}"),
            format!("#/components/schemas/{}", escape(&unique)),
        ));
    }
    let mut document = Value::Object(std::mem::take(root));
    retarget(&mut document, &moved);
    if let Value::Object(map) = document {
        *root = map;
    }
}

/// The schemas that `$ref`s reach inside another member
/// (`#/components/parameters/X/schema`,
/// `#/components/schemas/X/properties/y`) become components of their
/// own, where progenitor looks references up; the member refers to the
/// component, and so does every `$ref` that reached inside it. A component
/// so made that is a nullable union is split as
/// [`type_names::split_nullable_unions`] says.
pub(super) fn deep_references(
    root: &mut Map<String, Value>,
    nullable_unions: &mut Vec<String>,
    readings: &mut Readings,
) {
    let mut targets = BTreeSet::new();
    for (key, member) in spec_members(root, &[]) {
        deep_targets(member, &mut vec![key.clone()], &mut targets);
    }
    if targets.is_empty() {
        return;
    }
    // The deepest first: a schema inside another one is its own
    // component before the outer one is copied.
    let mut targets: Vec<String> = targets.into_iter().collect();
    targets.sort_by_key(|target| std::cmp::Reverse(target.len()));
    let mut taken: BTreeSet<String> = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    let mut moved = Vec::new();
    let mut hoisted = Vec::new();
    let mut document = Value::Object(std::mem::take(root));
    for target in targets {
        let Some(found) = document.pointer_mut(&target[1..]) else {
            // Validation says that it leads nowhere.
            continue;
        };
        let name = derived_name(&target, &taken);
        taken.insert(name.clone());
        let reference = format!("#/components/schemas/{}", escape(&name));
        let schema = std::mem::replace(found, json!({ "$ref": reference }));
        readings.warn(
            &target[1..],
            format!(
                "`$ref`s point inside this member (`{target}`); progenitor looks references \
                 up only in `components.schemas`, so it is read as component `{name}`"
            ),
        );
        hoisted.push((name, schema));
        moved.push((target, reference));
    }
    retarget(&mut document, &moved);
    for (_, schema) in &mut hoisted {
        retarget(schema, &moved);
    }
    if let Value::Object(map) = document {
        *root = map;
    }
    let schemas = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .map(|components| components.entry("schemas").or_insert_with(|| json!({})));
    if let Some(Value::Object(schemas)) = schemas {
        let mut names = Map::new();
        for (name, schema) in hoisted {
            names.insert(name.clone(), schema.clone());
            schemas.insert(name, schema);
        }
        type_names::nullable_unions_written(&names, nullable_unions, readings);
        type_names::split_nullable_unions(schemas, nullable_unions);
    }
}

/// The `$ref` targets in `value` (at `path`) that point inside a member of
/// `components` or `paths`, at a schema: inside `components.schemas` or
/// below a `schema`. A `$ref` in an example is a word of the example, and a
/// target in one is not a schema (shutterstock's examples "refer" to other
/// schemas' examples).
fn deep_targets(value: &Value, path: &mut Vec<String>, targets: &mut BTreeSet<String>) {
    each_reference(value, path, &mut |_, target| {
        if is_deep(target) {
            targets.insert(target.to_owned());
        }
    });
}

/// Whether a `$ref` reaches a schema inside another member.
fn is_deep(target: &str) -> bool {
    let Some(pointer) = target.strip_prefix("#/") else {
        return false;
    };
    let path: Vec<String> = pointer.split('/').map(unescape).collect();
    if !is_spec_path(&path) {
        return false;
    }
    let segments: Vec<&str> = pointer.split('/').collect();
    match segments.as_slice() {
        ["components", "schemas", _, _, ..] => true,
        ["components", _, _, rest @ ..] | ["paths", _, rest @ ..] => {
            rest.contains(&"schema") && !rest.is_empty()
        }
        _ => false,
    }
}

/// A component name for the schema at `target`, from the names along its
/// pointer, free in `taken`.
fn derived_name(target: &str, taken: &BTreeSet<String>) -> String {
    use heck::ToPascalCase;
    let words: Vec<String> = target
        .trim_start_matches("#/")
        .split('/')
        .skip(2)
        .map(unescape)
        .filter(|word| {
            !word.contains('/')
                && !matches!(
                    word.as_str(),
                    "content" | "schema" | "properties" | "parameters"
                )
        })
        .collect();
    let name = words.join(" ").to_pascal_case();
    let name = if name.is_empty() {
        "Schema".to_owned()
    } else {
        name
    };
    let mut unique = name.clone();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{name}{n}");
        n += 1;
    }
    unique
}

/// Points every `$ref` at `from` (or inside it) to `to` instead, and every
/// `discriminator.mapping` value, which is a reference too.
pub(super) fn retarget(value: &mut Value, moved: &[(String, String)]) {
    fn follow(target: &mut String, moved: &[(String, String)]) {
        for (from, to) in moved {
            if let Some(rest) = target.strip_prefix(from.as_str())
                && (rest.is_empty() || rest.starts_with('/'))
            {
                *target = format!("{to}{rest}");
                break;
            }
        }
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                follow(target, moved);
            }
            if let Some(Value::Object(mapping)) = map
                .get_mut("discriminator")
                .and_then(|discriminator| discriminator.get_mut("mapping"))
            {
                for target in mapping.values_mut() {
                    if let Value::String(target) = target {
                        follow(target, moved);
                    }
                }
            }
            for member in map.values_mut() {
                retarget(member, moved);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| retarget(item, moved)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{S, located, source, yaml};
    use super::super::walk::apply_readings;
    use super::*;
    use crate::spec::positions::Location;

    #[test]
    fn defs_move_to_components_and_references_follow() {
        let text = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    Entry:\n      type: integer\n    S:\n      type: array\n      \
                    items:\n        $ref: '#/components/schemas/S/$defs/Entry'\n      $defs:\n        \
                    Entry:\n          type: string\n";
        let mut source = source(text);
        let said = located(apply_readings(&mut source), &source);
        let schemas = &source.value["components"]["schemas"];
        assert_eq!(schemas["Entry2"], yaml("{type: string}"));
        assert_eq!(schemas["Entry"], yaml("{type: integer}"));
        assert_eq!(
            schemas["S"],
            yaml("{type: array, items: {$ref: '#/components/schemas/Entry2'}}")
        );
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].pointer, format!("{S}/$defs/Entry"));
        assert_eq!(
            said[0].location,
            Some(Location {
                line: 15,
                column: 9
            })
        );
    }

    /// shutterstock's examples "refer" to other schemas' examples, and
    /// swaggerhub's property `properties` has an example with a `type`.
    const EXAMPLES: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    post:
      operationId: postA
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/X'
            example:
              $ref: '#/components/schemas/X/example'
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/X'
              examples:
                response:
                  value:
                    $ref: '#/components/schemas/X/example'
components:
  schemas:
    X:
      type: object
      properties:
        properties:
          type: array
          items:
            type: object
          example:
            - type: Swagger
      example:
        properties:
          - type: Swagger
";

    #[test]
    fn refs_in_examples_are_words_of_the_examples() {
        let mut source = source(EXAMPLES);
        let before = source.value.clone();
        assert!(apply_readings(&mut source).is_empty());
        assert_eq!(source.value, before);

        let dir = std::env::temp_dir().join(format!("hoist-examples-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("api.yaml");
        std::fs::write(&path, EXAMPLES).unwrap();
        let checked = crate::spec::load_and_check(&path, None);
        let _ = std::fs::remove_dir_all(&dir);
        let (document, _) = checked.unwrap();
        let schemas = &document.api.components.unwrap().schemas;
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["X"]);
    }

    #[test]
    fn schemas_that_refs_reach_inside_become_components() {
        let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    parameters:\n    state:\n      name: state\n      in: query\n      schema:\n        \
                    type: string\n        enum: [a, b]\n    other:\n      name: other\n      in: query\n      \
                    schema:\n        $ref: '#/components/parameters/state/schema'\n  schemas:\n    X:\n      \
                    properties:\n        y: {type: integer}\n    Z:\n      \
                    $ref: '#/components/schemas/X/properties/y'\n";
        let mut source = source(text);
        let warnings = located(apply_readings(&mut source), &source);
        let value = &source.value;
        let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
        assert_eq!(
            value["components"]["schemas"]["State"],
            yaml("{type: string, enum: [a, b]}")
        );
        assert_eq!(
            value["components"]["parameters"]["state"]["schema"],
            reference("State")
        );
        assert_eq!(
            value["components"]["parameters"]["other"]["schema"],
            reference("State")
        );
        assert_eq!(
            value["components"]["schemas"]["XY"],
            yaml("{type: integer}")
        );
        assert_eq!(value["components"]["schemas"]["Z"], reference("XY"));
        assert_eq!(
            value["components"]["schemas"]["X"]["properties"]["y"],
            reference("XY")
        );
        let located: Vec<(usize, &str)> = warnings
            .iter()
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer.as_str()))
            .collect();
        assert_eq!(
            located,
            [
                (11, "/components/parameters/state/schema"),
                (22, "/components/schemas/X/properties/y")
            ]
        );
    }
}
