//! The names typify will give the types of the spec's schemas, and the
//! readings that keep two types from one name: typify gives the second
//! schema of a name the first one's type, or defines both and the crate
//! does not compile.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{Map, Value, json};

use super::{Readings, hoist};
use crate::names::variant_name;
use crate::spec::pointer::{escape, unescape};
use crate::spec::walk::untyped_operations_mut;

/// Gives a `title` to each inline schema of `schemas` whose type typify
/// would name as it names a component, or makes it a component of its own
/// when a `title` would not reach the type.
///
/// Returns the names it saw taken, for [`in_bodies`].
pub(super) fn in_components(
    schemas: &mut Map<String, Value>,
    readings: &mut Readings,
) -> NamesTaken {
    let mut names = NamesTaken {
        taken: schemas
            .keys()
            .map(|name| (variant_name(name), name.clone()))
            .collect(),
        titled: BTreeMap::new(),
        placed: BTreeMap::new(),
    };
    let nullable = nullable_components(schemas);
    let mut hoisted = Vec::new();
    for (name, schema) in schemas.iter_mut() {
        let pointer = format!("/components/schemas/{}", escape(name));
        // A nullable component is typify's `Option` of an inner type, which
        // its `title` names: the component's own name, when they agree.
        if let Value::Object(component) = schema
            && nullable.contains(name)
            && let Some(title) = component.get("title").and_then(Value::as_str)
            && names.taken.contains_key(&variant_name(title))
        {
            let why = if component.get("nullable") == Some(&Value::Bool(true)) {
                "a nullable component"
            } else {
                "a component that is nullable through its `allOf`"
            };
            readings.warn(
                &format!("{pointer}/title"),
                format!(
                    "the `title` \"{title}\" of {why} would name its inner type as a \
                     component is named: left out"
                ),
            );
            component.remove("title");
        }
        let mut naming = Naming {
            names: &mut names,
            hoisted: &mut hoisted,
            readings: &mut *readings,
        };
        if let Some(schema) = schema.as_object_mut() {
            inline_type_names(schema, &variant_name(name), &pointer, &mut naming);
        }
    }
    for (name, schema) in hoisted {
        schemas.insert(name, schema);
    }
    restated_properties_apart(schemas, &names, readings);
    merged_properties_apart(schemas, &mut names, readings);
    names
}

/// Writes in place, without the property, a component that an `allOf`
/// merges through a `$ref` when another part of the merge (or the merging
/// component itself) describes that property too, and typify would name
/// the merged property's type as a component is named. typify merges the
/// two descriptions into a type of no `title`, named after the merging
/// component and the property: kestra's `Flow` merges `AbstractFlow` and
/// restates its `id`, a merge typify named `FlowId`, the name of another
/// component; bitbucket's `team` merges `account` and gives `links` a
/// component of its own, `team_links`, and the merge of the two was
/// `TeamLinks` too. The crate would define both. The merging component's
/// own description then types the property, as a subtype's does.
fn restated_properties_apart(
    schemas: &mut Map<String, Value>,
    names: &NamesTaken,
    readings: &mut Readings,
) {
    // (merging component, index of the part, the merged component, property,
    // the merge's type name)
    let mut found: Vec<(String, usize, String, String, String)> = Vec::new();
    for (merging, schema) in schemas.iter() {
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
            continue;
        };
        for (index, part) in parts.iter().enumerate() {
            let Some(merged) = reference_name(part) else {
                continue;
            };
            let Some(component) = schemas.get(&merged) else {
                continue;
            };
            let mut own = BTreeSet::new();
            described_properties(component, schemas, &mut own, 0);
            let mut elsewhere: BTreeSet<String> = schema
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|properties| properties.keys().cloned())
                .collect();
            for (_, other) in parts
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
            {
                described_properties(other, schemas, &mut elsewhere, 0);
            }
            for property in own.intersection(&elsewhere) {
                let there = variant_name(&format!(
                    "{}_{}",
                    variant_name(merging),
                    property.to_snake_case()
                ));
                // Only where the component itself describes it: one it
                // merges in turn is not written in place here.
                if names.taken.contains_key(&there) && own_property(component, property) {
                    found.push((
                        merging.clone(),
                        index,
                        merged.clone(),
                        property.clone(),
                        there,
                    ));
                }
            }
        }
    }
    for (merging, index, merged, property, there) in found {
        let Some(component) = schemas.get(&merged).cloned() else {
            continue;
        };
        let Some(Value::Object(schema)) = schemas.get_mut(&merging) else {
            continue;
        };
        let Some(part) = schema
            .get_mut("allOf")
            .and_then(Value::as_array_mut)
            .and_then(|parts| parts.get_mut(index))
        else {
            continue;
        };
        // Written in place already when another of its properties was
        // left out.
        if part.get("$ref").is_some() {
            *part = component;
        }
        let required = leave_out_property(part, &property);
        if required {
            let list = schema
                .entry("required")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list
                && !list.iter().any(|member| member.as_str() == Some(&property))
            {
                list.push(Value::String(property.clone()));
            }
        }
        readings.warn(
            &format!("/components/schemas/{}/allOf/{index}", escape(&merging)),
            format!(
                "`{merging}` describes property `{property}` of the component `{merged}` it \
                 merges again, and typify would name the merge of the two `{there}`, as \
                 component `{}` is: `{merged}` is written in place here without it, and \
                 `{merging}`'s own description types it",
                names.taken[&there]
            ),
        );
    }
}

/// The component a `$ref` schema names.
fn reference_name(schema: &Value) -> Option<String> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
        .map(unescape)
}

/// The properties `schema` describes: its own, and those of its `allOf`
/// parts, in place or through a `$ref`.
fn described_properties(
    schema: &Value,
    schemas: &Map<String, Value>,
    described: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    if let Some(name) = reference_name(schema) {
        if let Some(target) = schemas.get(&name) {
            described_properties(target, schemas, described, depth + 1);
        }
        return;
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        described.extend(properties.keys().cloned());
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        described_properties(part, schemas, described, depth + 1);
    }
}

/// Whether `schema` describes `property` itself or in a part written in
/// place, not only through a `$ref`.
fn own_property(schema: &Value, property: &str) -> bool {
    if reference_name(schema).is_some() {
        return false;
    }
    let listed = schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|properties| properties.contains_key(property));
    let in_parts = schema
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|parts| parts.iter().any(|part| own_property(part, property)));
    listed || in_parts
}

/// Leaves `property` out of `schema` and of its parts written in place;
/// whether one of them required it.
fn leave_out_property(schema: &mut Value, property: &str) -> bool {
    let Some(map) = schema.as_object_mut() else {
        return false;
    };
    if map.contains_key("$ref") {
        return false;
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.remove(property);
    }
    let mut required = false;
    if let Some(Value::Array(list)) = map.get_mut("required") {
        let before = list.len();
        list.retain(|member| member.as_str() != Some(property));
        required = list.len() != before;
    }
    if let Some(Value::Array(parts)) = map.get_mut("allOf") {
        for part in parts {
            required |= leave_out_property(part, property);
        }
    }
    required
}

/// Gives a `title` to each inline property schema of a component that
/// another merges through its `allOf`, when the type typify would make of
/// it there has a component's name. typify merges the members of an
/// `allOf` into one type, and names the type of each inline property after
/// the merging type: Azure's `AlertRule` merges `AlertRuleKind`, whose
/// `kind` enum becomes `AlertRuleKind`, the component's own name, and the
/// crate would define both. With a `title` it is named as in its own
/// component, wherever it is merged (one shape, one type).
fn merged_properties_apart(
    schemas: &mut Map<String, Value>,
    names: &mut NamesTaken,
    readings: &mut Readings,
) {
    // (component, where in it, property, the merging component, its name there)
    let mut found: Vec<(String, String, String, String, String)> = Vec::new();
    for (merging, schema) in schemas.iter() {
        let Some(schema) = schema.as_object() else {
            continue;
        };
        if !schema.contains_key("allOf") || names_a_reference(schema) {
            continue;
        }
        for merged in merged_into(schema, schemas) {
            let Some(component) = schemas.get(&merged) else {
                continue;
            };
            let mut sites = Vec::new();
            property_sites(component, String::new(), &mut sites);
            for (within, property) in sites {
                let there = variant_name(&format!(
                    "{}_{}",
                    variant_name(merging),
                    property.to_snake_case()
                ));
                let seen = found.iter().any(|(c, w, ..)| *c == merged && *w == within);
                if names.taken.contains_key(&there) && !seen {
                    found.push((merged.clone(), within, property, merging.clone(), there));
                }
            }
        }
    }
    for (component, within, property, merging, there) in found {
        let own = variant_name(&format!(
            "{}_{}",
            variant_name(&component),
            property.to_snake_case()
        ));
        let at = format!("/components/schemas/{}{within}", escape(&component));
        // Named after its place until now, it is named by its title from here.
        if names
            .placed
            .get(&own)
            .is_some_and(|(first, _)| *first == at)
        {
            names.placed.remove(&own);
        }
        let title = names.free(own);
        let Some(Value::Object(inline)) = schemas
            .get_mut(&component)
            .and_then(|schema| schema.pointer_mut(&within))
        else {
            continue;
        };
        inline.insert("title".to_owned(), Value::String(title.clone()));
        names
            .titled
            .insert(title.clone(), (at.clone(), inline.clone()));
        let holder = &names.taken[&there];
        readings.warn(
            &at,
            format!(
                "`{merging}` merges this component (its `allOf`), and typify would name the \
                 type of property `{property}` there `{there}`, as component `{holder}` is: it \
                 is named `{title}` (its `title`) wherever it is merged"
            ),
        );
    }
}

/// The components `schema`'s `allOf` merges, through `$ref`s, and theirs.
fn merged_into(schema: &Map<String, Value>, schemas: &Map<String, Value>) -> Vec<String> {
    let mut merged: Vec<String> = Vec::new();
    let mut stack = vec![schema];
    while let Some(schema) = stack.pop() {
        let members = schema.get("allOf").and_then(Value::as_array);
        for member in members.into_iter().flatten() {
            if let Some(name) = reference_name(member) {
                if !merged.contains(&name)
                    && let Some(target) = schemas.get(&name).and_then(Value::as_object)
                {
                    merged.push(name);
                    stack.push(target);
                }
            } else if let Some(member) = member.as_object() {
                stack.push(member);
            }
        }
    }
    merged
}

/// The inline property schemas of `schema` and of its inline `allOf`
/// members that typify makes a type of and names after the type that holds
/// them (no `title`): where each is within `schema`, and its property.
fn property_sites(schema: &Value, within: String, sites: &mut Vec<(String, String)>) {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (property, member) in properties {
            let Some(member) = member.as_object() else {
                continue;
            };
            if member.contains_key("$ref")
                || member.contains_key("title")
                || names_a_reference(member)
                || !names_a_type(member)
            {
                continue;
            }
            sites.push((
                format!("{within}/properties/{}", escape(property)),
                property.clone(),
            ));
        }
    }
    let members = schema.get("allOf").and_then(Value::as_array);
    for (index, member) in members.into_iter().flatten().enumerate() {
        if member.get("$ref").is_none() {
            property_sites(member, format!("{within}/allOf/{index}"), sites);
        }
    }
}

/// The type names taken: the components', and those of the inline schemas
/// named by their `title`, as [`in_components`] leaves them for
/// [`in_bodies`].
#[derive(Default)]
pub(super) struct NamesTaken {
    /// Each name, with what took it.
    taken: BTreeMap<String, String>,
    /// The inline schemas named by their `title`, by type name: where the
    /// first was, and what it was.
    titled: BTreeMap<String, (String, Map<String, Value>)>,
    /// The inline property schemas named after their place (no `title`),
    /// by type name: where the first was, and what it was.
    placed: BTreeMap<String, (String, Map<String, Value>)>,
}

impl NamesTaken {
    /// `candidate`, or `{candidate}2`, `{candidate}3`…: the first name no
    /// component, title or place has.
    fn free(&self, candidate: String) -> String {
        let taken = |name: &String| {
            self.taken.contains_key(name)
                || self.titled.contains_key(name)
                || self.placed.contains_key(name)
        };
        if !taken(&candidate) {
            return candidate;
        }
        (2..)
            .map(|n| format!("{candidate}{n}"))
            .find(|name| !taken(name))
            .unwrap_or(candidate)
    }
}

/// Gives a `title` of its own to each inline schema in the request and
/// response bodies written in `paths` whose `title` an inline schema of
/// another shape has, here or in the components (`names`): typify would
/// give both one type (stripe's fifteen `transfer_data_specs` in four
/// shapes, and a request that sends the wrong members).
///
/// Gives the same to each inline parameter schema, which progenitor names
/// after the operation and the parameter (`ListThingsOrder`), and to the
/// schemas inside parameters and bodies ([`inline_type_names`]). Returns
/// the schemas that became components of their own, to be added to
/// `components.schemas`.
pub(super) fn in_bodies(
    paths: &mut Map<String, Value>,
    names: &mut NamesTaken,
    readings: &mut Readings,
) -> Vec<(String, Value)> {
    let mut hoisted = Vec::new();
    let mut naming = Naming {
        names,
        hoisted: &mut hoisted,
        readings,
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in untyped_operations_mut(item) {
            let Some(stem) = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(ToPascalCase::to_pascal_case)
            else {
                continue;
            };
            let pointer = format!("/paths/{}/{method}", escape(path));
            let Some(operation) = operation.as_object_mut() else {
                continue;
            };
            let id = operation.get("operationId").and_then(Value::as_str);
            let id = id.map(str::to_owned).unwrap_or_default();
            if let Some(Value::Array(parameters)) = operation.get_mut("parameters") {
                for (index, parameter) in parameters.iter_mut().enumerate() {
                    let at = format!("{pointer}/parameters/{index}/schema");
                    let name = parameter.get("name").and_then(Value::as_str);
                    let name = name.map(|name| variant_name(&format!("{id}-{name}")));
                    if let (Some(name), Some(Value::Object(schema))) =
                        (name, parameter.get_mut("schema"))
                    {
                        let name = inline_apart(schema, name, "parameter", &at, &mut naming);
                        inline_type_names(schema, &name, &at, &mut naming);
                    }
                }
            }
            let mut bodies = Vec::new();
            for (key, member) in operation.iter_mut() {
                match (key.as_str(), member) {
                    ("requestBody", body) => {
                        bodies.push((
                            format!("{stem}Body"),
                            format!("{pointer}/requestBody"),
                            body,
                        ));
                    }
                    ("responses", Value::Object(responses)) => {
                        for (status, response) in responses.iter_mut() {
                            let at = format!("{pointer}/responses/{}", escape(status));
                            bodies.push((format!("{stem}Response"), at, response));
                        }
                    }
                    _ => {}
                }
            }
            for (base, at, body) in bodies {
                let Some(Value::Object(content)) = body.get_mut("content") else {
                    continue;
                };
                for (media, media_type) in content.iter_mut() {
                    let at = format!("{at}/content/{}/schema", escape(media));
                    if let Some(Value::Object(schema)) = media_type.get_mut("schema") {
                        let base = body_apart(schema, base.clone(), &at, &mut naming);
                        inline_type_names(schema, &base, &at, &mut naming);
                    }
                }
            }
        }
    }
    hoisted
}

/// The type name of the inline `schema` at `at`, which typify names `name`
/// (a `kind` of schema, for the warning): another name, written as its
/// `title`, when a component has that one and typify would make a type of
/// `schema`: typify gives it the component's type, whatever its shape.
fn inline_apart(
    schema: &mut Map<String, Value>,
    name: String,
    kind: &str,
    at: &str,
    naming: &mut Naming<'_>,
) -> String {
    if schema.contains_key("$ref") || names_a_reference(schema) || !names_a_type(schema) {
        return name;
    }
    let Some(component) = naming.names.taken.get(&name).cloned() else {
        return name;
    };
    let apart = free_name(&name, naming);
    naming.names.taken.insert(apart.clone(), at.to_owned());
    naming.readings.warn(
        at,
        format!(
            "the type of this {kind} would be named `{name}`, as component `{component}` is, \
             and typify would give it that component's type: it is named `{apart}` (its `title`)"
        ),
    );
    schema.insert("title".to_owned(), Value::String(apart.clone()));
    apart
}

/// `{name}Value`, or `{name}Value2`…: the first that no type has.
fn free_name(name: &str, naming: &Naming<'_>) -> String {
    naming.names.free(format!("{name}Value"))
}

/// The name of the type of the inline body `schema` (at `at`) of an
/// operation, which progenitor names `base` (`GetThingResponse`) unless its
/// `title` names it: another name, written as its `title`, when a component
/// has that one. typify gives an inline schema the type already of its
/// name, whatever its shape, so the operation would answer the component.
fn body_apart(
    schema: &mut Map<String, Value>,
    base: String,
    at: &str,
    naming: &mut Naming<'_>,
) -> String {
    if schema.contains_key("$ref") || names_a_reference(schema) || !names_a_type(schema) {
        return base;
    }
    let name = match schema.get("title").and_then(Value::as_str) {
        Some(title) => variant_name(title),
        None => base,
    };
    let Some(component) = naming.names.taken.get(&name).cloned() else {
        return name;
    };
    let mut apart = format!("{name}Value");
    let mut n = 2;
    while naming.names.taken.contains_key(&apart) {
        apart = format!("{name}Value{n}");
        n += 1;
    }
    naming.names.taken.insert(apart.clone(), at.to_owned());
    naming.readings.warn(
        at,
        format!(
            "the type of this body would be named `{name}`, as component `{component}` is, \
             and typify would give it that component's type: it is named `{apart}` (its `title`)"
        ),
    );
    schema.insert("title".to_owned(), Value::String(apart.clone()));
    apart
}

/// An inline schema among the properties of another: neither a `$ref` nor
/// one `$ref` with annotations, which typify gives the referenced type.
struct Inline<'s> {
    property: &'s str,
    schema: &'s mut Map<String, Value>,
    /// Where it is, as a JSON pointer.
    at: String,
    /// The name typify gives its type: its `title`, else the name of the
    /// type that holds it and the property's.
    name: String,
}

/// The inline schemas of the properties of `schema`, a type typify names
/// `base`, at `pointer`.
fn inline_properties<'s>(
    schema: &'s mut Map<String, Value>,
    base: &'s str,
    pointer: &'s str,
) -> impl Iterator<Item = Inline<'s>> {
    let properties = match schema.get_mut("properties") {
        Some(Value::Object(properties)) => Some(properties),
        _ => None,
    };
    properties
        .into_iter()
        .flatten()
        .filter_map(move |(property, member)| {
            let schema = member
                .as_object_mut()
                .filter(|m| !m.contains_key("$ref") && !names_a_reference(m))?;
            let name = match schema.get("title").and_then(Value::as_str) {
                Some(title) => variant_name(title),
                None => variant_name(&format!("{base}_{}", property.to_snake_case())),
            };
            Some(Inline {
                at: format!("{pointer}/properties/{}", escape(property)),
                property,
                schema,
                name,
            })
        })
}

/// The type name of the inline schema `inline` at `at`, which typify names
/// `name`: another name, written as its `title`, when an inline schema of
/// another shape already has that `title`. typify gives the second schema
/// of a name the first one's type, whatever its shape (mistral's two
/// `Input`s, a string or strings and a list of messages; its `Type`s, one
/// `const` each), and the value decodes wrongly or not at all.
fn title_apart(
    inline: &mut Map<String, Value>,
    name: String,
    base: &str,
    property: &str,
    at: &str,
    naming: &mut Naming<'_>,
) -> String {
    if !names_a_type(inline) {
        return name;
    }
    if !inline.contains_key("title") {
        return placed_apart(inline, name, property, at, naming);
    }
    // A `title` that names the type as one named after its place is
    // (impala's `BookingContact`, the title of a request's contact, and
    // `booking`'s `contact`, which requires an id): typify would give the
    // second the first one's type.
    let placed = naming.names.placed.get(&name);
    let first_placed = placed.filter(|(_, shape)| shape != inline).cloned();
    let Some((first, shape)) = naming.names.titled.get(&name).cloned().or(first_placed) else {
        naming
            .names
            .titled
            .insert(name.clone(), (at.to_owned(), inline.clone()));
        return name;
    };
    if shape == *inline {
        // The same schema twice: one type is right.
        return name;
    }
    let derived = variant_name(&format!("{base}_{}", property.to_snake_case()));
    let apart = naming.names.free(derived);
    naming.readings.warn(
        &format!("{at}/title"),
        format!(
            "the `title` of property `{property}` names its type `{name}`, as an inline \
             schema of another shape at {first} is named: typify would give both one type; \
             it is named `{apart}` (its `title`)"
        ),
    );
    titled_apart(inline, apart, at, naming)
}

/// Writes `apart` as the `title` of the inline schema at `at`, and keeps it
/// among the titles taken; returns it.
fn titled_apart(
    inline: &mut Map<String, Value>,
    apart: String,
    at: &str,
    naming: &mut Naming<'_>,
) -> String {
    inline.insert("title".to_owned(), Value::String(apart.clone()));
    naming
        .names
        .titled
        .insert(apart.clone(), (at.to_owned(), inline.clone()));
    apart
}

/// The type name of the untitled inline property schema `inline` at `at`,
/// which typify names `name` after its place: `name`, unless an inline
/// schema of another shape has that `title`, when it is named apart (as
/// its `title`). Kept for the titles that come after it.
fn placed_apart(
    inline: &mut Map<String, Value>,
    name: String,
    property: &str,
    at: &str,
    naming: &mut Naming<'_>,
) -> String {
    let titled = naming.names.titled.get(&name).cloned();
    let Some((first, _)) = titled.filter(|(_, shape)| shape != inline) else {
        naming
            .names
            .placed
            .entry(name.clone())
            .or_insert_with(|| (at.to_owned(), inline.clone()));
        return name;
    };
    let apart = free_name(&name, naming);
    naming.readings.warn(
        at,
        format!(
            "the type of property `{property}` would be named `{name}`, as the `title` of an \
             inline schema of another shape at {first} names its type: typify would give both \
             one type; it is named `{apart}` (its `title`)"
        ),
    );
    titled_apart(inline, apart, at, naming)
}

/// Whether typify makes a type of its own for `schema` (rather than
/// `String`, `i64` or a `Vec`), or for the items of a list, which its
/// `title` then names (`Data` → `DataItem`).
fn names_a_type(schema: &Map<String, Value>) -> bool {
    if let Some(items) = schema.get("items").and_then(Value::as_object) {
        return !items.contains_key("$ref") && names_a_type(items);
    }
    const OWN: [&str; 7] = [
        "enum",
        "const",
        "properties",
        "additionalProperties",
        "anyOf",
        "oneOf",
        "allOf",
    ];
    OWN.iter().any(|keyword| schema.contains_key(*keyword))
        || schema.get("type").and_then(Value::as_str) == Some("object")
        || ["pattern", "minLength", "maxLength"]
            .iter()
            .any(|keyword| schema.contains_key(*keyword))
}

/// The components typify reads as nullable, an `Option` of an inner type:
/// `nullable: true` (which the readings give an `enum` with `null` too), or an `allOf` with a nullable member (typify merges
/// the members, and the merge stays nullable), directly or through a
/// `$ref`.
fn nullable_components(schemas: &Map<String, Value>) -> std::collections::BTreeSet<String> {
    fn nullable(schema: &Value, schemas: &Map<String, Value>, seen: &mut Vec<String>) -> bool {
        if schema.get("nullable") == Some(&Value::Bool(true)) {
            return true;
        }
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|target| target.strip_prefix("#/components/schemas/"))
        {
            let name = unescape(name);
            if seen.contains(&name) {
                return false;
            }
            seen.push(name.clone());
            return schemas
                .get(&name)
                .is_some_and(|target| nullable(target, schemas, seen));
        }
        schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|members| members.iter().any(|m| nullable(m, schemas, seen)))
    }
    schemas
        .iter()
        .filter(|(name, schema)| nullable(schema, schemas, &mut vec![(*name).clone()]))
        .map(|(name, _)| name.clone())
        .collect()
}

/// What one naming walk ([`inline_type_names`], [`titles_apart`]) shares
/// along the way: the type names taken, the schemas it made components, and
/// what it said.
struct Naming<'a> {
    names: &'a mut NamesTaken,
    hoisted: &'a mut Vec<(String, Value)>,
    readings: &'a mut Readings,
}

/// The properties of `schema` (a type typify names `base`), and theirs.
fn inline_type_names(
    schema: &mut Map<String, Value>,
    base: &str,
    pointer: &str,
    naming: &mut Naming<'_>,
) {
    // typify merges an `allOf` into one type, named as the schema is.
    if let Some(Value::Array(members)) = schema.get_mut("allOf") {
        for (index, member) in members.iter_mut().enumerate() {
            if let Some(member) = member.as_object_mut()
                && !member.contains_key("$ref")
            {
                inline_type_names(member, base, &format!("{pointer}/allOf/{index}"), naming);
            }
        }
    }
    // A list's items are `{Name}Item`, a map's values `{Name}Value`.
    for (keyword, suffix, kind) in [
        ("items", "Item", "list's items"),
        ("additionalProperties", "Value", "map's values"),
    ] {
        if let Some(Value::Object(inner)) = schema.get_mut(keyword) {
            let at = format!("{pointer}/{keyword}");
            let name = own_name(inner, format!("{base}{suffix}"));
            let name = inline_apart(inner, name, kind, &at, naming);
            inline_type_names(inner, &name, &at, naming);
        }
    }
    // The members of a union are `{Name}Variant0`…, or named after their
    // type (`{Name}Object`) when each member has a name of its own: either
    // is kept apart from the components.
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get_mut(keyword) else {
            continue;
        };
        for (index, member) in members.iter_mut().enumerate() {
            let Some(member) = member.as_object_mut() else {
                continue;
            };
            let at = format!("{pointer}/{keyword}/{index}");
            let kind_name = member
                .get("type")
                .and_then(Value::as_str)
                .map(|kind| format!("{base}{}", variant_name(kind)));
            let numbered = format!("{base}Variant{index}");
            let name = match kind_name {
                Some(kind_name)
                    if !member.contains_key("title")
                        && naming.names.taken.contains_key(&kind_name) =>
                {
                    kind_name
                }
                _ => own_name(member, numbered),
            };
            let name = inline_apart(member, name, "union member", &at, naming);
            inline_type_names(member, &name, &at, naming);
        }
    }
    for Inline {
        property,
        schema: inline,
        at,
        name,
    } in inline_properties(schema, base, pointer)
    {
        let Some(component) = naming.names.taken.get(&name).cloned() else {
            let name = title_apart(inline, name, base, property, &at, naming);
            inline_type_names(inline, &name, &at, naming);
            continue;
        };
        let mut apart = format!("{name}Value");
        let mut n = 2;
        while naming.names.taken.contains_key(&apart) {
            apart = format!("{name}Value{n}");
            n += 1;
        }
        naming
            .names
            .taken
            .insert(apart.clone(), format!("{pointer}/properties/{property}"));
        // progenitor moves the `title` of a nullable union out of the union,
        // to the `Option` around it, where it names nothing: the union
        // becomes a component, whose name typify keeps.
        let wrapped = inline.get("nullable") == Some(&Value::Bool(true))
            && ["anyOf", "oneOf", "allOf", "not"]
                .iter()
                .any(|keyword| inline.contains_key(*keyword));
        if wrapped {
            naming.readings.warn(
                &at,
                format!(
                    "the type of property `{property}` would be named `{name}`, as component \
                     `{component}` is: it is a component of its own, `{apart}`, and the \
                     property a nullable reference to it"
                ),
            );
            let mut union = std::mem::take(inline);
            union.remove("nullable");
            let mut reference = Map::new();
            for keyword in ["description", "readOnly", "writeOnly", "deprecated"] {
                if let Some(value) = union.get(keyword) {
                    reference.insert(keyword.to_owned(), value.clone());
                }
            }
            reference.insert("nullable".to_owned(), Value::Bool(true));
            let target = format!("#/components/schemas/{}", escape(&apart));
            reference.insert("allOf".to_owned(), serde_json::json!([{ "$ref": target }]));
            *inline = reference;
            inline_type_names(&mut union, &apart, &at, naming);
            naming.hoisted.push((apart, Value::Object(union)));
            continue;
        }
        naming.readings.warn(
            &at,
            format!(
                "the type of property `{property}` would be named `{name}`, as component \
                 `{component}` is: it is named `{apart}` (its `title`)"
            ),
        );
        inline.insert("title".to_owned(), Value::String(apart.clone()));
        // typify names the one member of an `allOf` as the property would
        // have been named.
        if let Some(Value::Array(members)) = inline.get_mut("allOf") {
            for member in members.iter_mut().filter_map(Value::as_object_mut) {
                if !member.contains_key("$ref") && !member.contains_key("title") {
                    member.insert("title".to_owned(), Value::String(apart.clone()));
                }
            }
        }
        inline_type_names(inline, &apart, &at, naming);
    }
}

/// Adds the schemas [`in_bodies`] made components to `root`'s.
pub(super) fn add_components(root: &mut Map<String, Value>, hoisted: Vec<(String, Value)>) {
    if hoisted.is_empty() {
        return;
    }
    let schemas = root
        .entry("components")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .map(|components| components.entry("schemas").or_insert_with(|| json!({})));
    if let Some(Value::Object(schemas)) = schemas {
        schemas.extend(hoisted);
    }
}

/// The name typify gives the inline `schema`: its `title`, else `suggested`.
fn own_name(schema: &Map<String, Value>, suggested: String) -> String {
    match schema.get("title").and_then(Value::as_str) {
        Some(title) => variant_name(title),
        None => suggested,
    }
}

/// Whether `schema` is one `$ref` with annotations (`allOf: [{$ref}]`
/// beside a `description`, `nullable`): typify gives it the referenced
/// type, no type of its own.
fn names_a_reference(schema: &Map<String, Value>) -> bool {
    let annotates = |key: &str| {
        super::schema::ANNOTATIONS.contains(&key) || key == "nullable" || key == "default"
    };
    let mut references = 0;
    for (key, value) in schema {
        match key.as_str() {
            "allOf" | "anyOf" | "oneOf" => match value.as_array().map(Vec::as_slice) {
                Some([only]) if only.get("$ref").is_some() => references += 1,
                _ => return false,
            },
            key if annotates(key) => {}
            _ => return false,
        }
    }
    references == 1
}

/// Leaves out the `title` of an inline schema (at `pointer`, not a
/// component) that would name its type as a component is named: typify
/// would define both. `components` holds the components' type names.
pub(super) fn inline_title(
    map: &mut Map<String, Value>,
    pointer: &str,
    components: &BTreeSet<String>,
    readings: &mut Readings,
) {
    let is_component = pointer
        .strip_prefix("/components/schemas/")
        .is_some_and(|name| !name.contains('/'));
    let Some(title) = map.get("title").and_then(Value::as_str) else {
        return;
    };
    if is_component || !components.contains(&variant_name(title)) || map.contains_key("$ref") {
        return;
    }
    readings.warn(
        &format!("{pointer}/title"),
        format!(
            "the `title` \"{title}\" would name this inline schema's type as a component is \
             named: left out"
        ),
    );
    map.remove("title");
}

/// The type names typify gives the components of `root`, and those of the
/// `$defs` (or `definitions`) entries its schemas hold, which become
/// components later ([`hoist::defs`]): codat's `PagingInfo` defines `links`,
/// and an inline `{title: Links}` elsewhere took its type (a sample that
/// did not decode).
pub(super) fn component_type_names(
    root: &Map<String, Value>,
) -> std::collections::BTreeSet<String> {
    fn defs(schema: &Value, names: &mut BTreeSet<String>, depth: usize) {
        let Some(map) = schema.as_object().filter(|_| depth < 64) else {
            if let Some(items) = schema.as_array() {
                items.iter().for_each(|item| defs(item, names, depth + 1));
            }
            return;
        };
        for (key, value) in map {
            if matches!(key.as_str(), "$defs" | "definitions")
                && let Some(entries) = value.as_object()
            {
                names.extend(entries.keys().map(|name| variant_name(name)));
            }
            defs(value, names, depth + 1);
        }
    }
    let Some(schemas) = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
    else {
        return BTreeSet::new();
    };
    let mut names: BTreeSet<String> = schemas.keys().map(|name| variant_name(name)).collect();
    for schema in schemas.values() {
        defs(schema, &mut names, 0);
    }
    names
}

/// Gives each component of `root` whose type typify would name as it names
/// another component's (`HTTPHealthCheck` and `HttpHealthCheck`, both
/// `HttpHealthCheck`; `String` and `__string`) a key of its own, and points
/// every `$ref` to it there: typify names a component after its key, and
/// would define both types under one name.
///
/// Of the components of one type name, the one whose key already is that
/// name keeps it (else the first in the order of their keys); the others,
/// in the order of their keys, are `{Name}2`, `{Name}3`… (the first such
/// name no component's type has). The names depend only on the components
/// that share one, so a change elsewhere in the spec renames nothing.
pub(super) fn components_apart(root: &mut Map<String, Value>, readings: &mut Readings) {
    let Some(schemas) = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
    else {
        return;
    };
    let mut by_type: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in schemas.keys() {
        by_type
            .entry(variant_name(name))
            .or_default()
            .push(name.clone());
    }
    let mut taken: BTreeSet<String> = by_type.keys().cloned().collect();
    let mut renamed = Vec::new();
    for (type_name, mut names) in by_type {
        if names.len() < 2 {
            continue;
        }
        names.sort_by_key(|name| (*name != type_name, name.clone()));
        let keeper = &names[0];
        for name in &names[1..] {
            let mut n = 2;
            let apart = loop {
                let apart = variant_name(&format!("{type_name}{n}"));
                if taken.insert(apart.clone()) {
                    break apart;
                }
                n += 1;
            };
            readings.warn(
                &format!("/components/schemas/{}", escape(name)),
                format!(
                    "typify would name the type of component `{name}` `{type_name}`, as it \
                     names component `{keeper}`'s: it is read as component `{apart}`, and \
                     every `$ref` to it follows"
                ),
            );
            renamed.push((name.clone(), apart));
        }
    }
    if renamed.is_empty() {
        return;
    }
    if let Some(Value::Object(schemas)) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
    {
        for (name, apart) in &renamed {
            if let Some(schema) = schemas.remove(name) {
                schemas.insert(apart.clone(), schema);
            }
        }
    }
    let moved: Vec<(String, String)> = renamed
        .iter()
        .map(|(name, apart)| {
            (
                format!("#/components/schemas/{}", escape(name)),
                format!("#/components/schemas/{}", escape(apart)),
            )
        })
        .collect();
    let mut document = Value::Object(std::mem::take(root));
    hoist::retarget(&mut document, &moved);
    if let Value::Object(map) = document {
        *root = map;
    }
}

/// Adds to `unions` the components of `schemas` written as nullable unions
/// of several members (`nullable: true` beside `oneOf`), which
/// [`split_nullable_unions`] splits as those that a null member makes
/// (`null_members`).
pub(super) fn nullable_unions_written(
    schemas: &Map<String, Value>,
    unions: &mut Vec<String>,
    readings: &mut Readings,
) {
    for (name, schema) in schemas {
        // Of references or of inline members alike: typify names the
        // union inside the `Option` as it names the component.
        let several = ["anyOf", "oneOf"].iter().any(|keyword| {
            schema
                .get(*keyword)
                .and_then(Value::as_array)
                .is_some_and(|members| members.len() > 1)
        });
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        if !nullable || unions.contains(name) {
            continue;
        }
        let said = if several {
            format!(
                "a nullable union is read as a nullable `allOf` of a component \
                 `{name}Variant` that holds the members: typify would give both the same name"
            )
        } else if merges_inline(schema.get("allOf")) && schema.get("type").is_none() {
            format!(
                "a nullable `allOf` without a `type`, with a member written in place, is read as a nullable \
                 `allOf` of a component `{name}Inner` that holds the members: typify would give \
                 the merge and the component the same name"
            )
        } else {
            continue;
        };
        readings.warn(
            &format!("/components/schemas/{}/nullable", escape(name)),
            said,
        );
        unions.push(name.clone());
    }
}

/// The keywords of a schema that describe it rather than its values, which
/// stay on a nullable component when its merge moves out.
const DESCRIBES: [&str; 9] = [
    "nullable",
    "title",
    "description",
    "default",
    "example",
    "examples",
    "deprecated",
    "externalDocs",
    "readOnly",
];

/// Whether an `allOf` has a member written in place: openrouter's
/// `ReasoningConfig`, `anyOf: [{allOf: [{$ref: Base}, {properties: …}]},
/// {type: null}]`, whose merge typify names as the component itself when
/// the component has no `type` (with one, it names the merge `…Inner`).
fn merges_inline(all_of: Option<&Value>) -> bool {
    all_of
        .and_then(Value::as_array)
        .is_some_and(|members| members.iter().any(|member| member.get("$ref").is_none()))
}

/// Each component of `unions`, a nullable union of several members, split
/// in two: typify gives such a component and the
/// union inside it the same name, and the crate would not compile. The
/// union becomes a component of its own, `{name}Variant`, and the
/// component a nullable `allOf` of it.
pub(super) fn split_nullable_unions(schemas: &mut Map<String, Value>, unions: &mut Vec<String>) {
    for name in unions.drain(..) {
        let Some(Value::Object(component)) = schemas.get_mut(&name) else {
            continue;
        };
        // A merge moves with what typify merges into it (plaid's `Cause`
        // has `properties` and `required` beside its `allOf`); what only
        // describes the component stays.
        let merge = merges_inline(component.get("allOf"));
        let keywords: Vec<String> = match merge {
            true => component
                .keys()
                .filter(|keyword| !DESCRIBES.contains(&keyword.as_str()))
                .cloned()
                .collect(),
            false => ["anyOf", "oneOf", "discriminator"]
                .map(str::to_owned)
                .to_vec(),
        };
        let suffix = if merge { "Inner" } else { "Variant" };
        let mut union = Map::new();
        for keyword in keywords {
            if let Some(value) = component.remove(&keyword) {
                union.insert(keyword, value);
            }
        }
        let mut variant = format!("{name}{suffix}");
        let mut n = 2;
        while schemas.contains_key(&variant) {
            variant = format!("{name}{suffix}{n}");
            n += 1;
        }
        let reference = format!("#/components/schemas/{}", escape(&variant));
        if let Some(Value::Object(component)) = schemas.get_mut(&name) {
            // A union's component may merge `$ref`s of its own too.
            match component.get_mut("allOf") {
                Some(Value::Array(members)) => members.push(json!({ "$ref": reference })),
                _ => {
                    component.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
                }
            }
        }
        schemas.insert(variant, Value::Object(union));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{convert, located, source, yaml};
    use super::super::walk::apply_readings;
    use super::*;

    /// Inline schemas whose types typify would name as a component is
    /// named, where no property is: a parameter's schema, a list's items, a
    /// map's values, a union's member, and a member of a body. typify gave
    /// each the component's type (`order` was the integer
    /// `ListThingsOrder`, `next` a string), or refused `Thing`.
    const INLINE: &str = "openapi: 3.0.3
info:
  title: Inline names
  version: '1'
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - name: order
          in: query
          schema:
            type: string
            enum: [asc, desc]
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  items:
                    type: array
                    items:
                      $ref: '#/components/schemas/Thing'
                  next:
                    type: object
                    properties:
                      cursor:
                        type: string
components:
  schemas:
    Thing:
      type: object
      properties:
        tags:
          type: array
          items:
            type: object
            properties:
              label:
                type: string
        extra:
          type: object
          additionalProperties:
            type: object
            properties:
              n:
                type: integer
        shape:
          oneOf:
            - type: object
              properties:
                r:
                  type: number
              required: [r]
            - type: object
              properties:
                w:
                  type: number
              required: [w]
    ThingTagsItem:
      type: string
    ThingExtraValue:
      type: boolean
    ThingShapeVariant0:
      type: integer
    ListThingsOrder:
      type: integer
    ListThingsResponseNext:
      type: string
";

    #[test]
    fn inline_schemas_named_like_a_component_get_a_title() {
        let mut source = source(INLINE);
        let said = located(apply_readings(&mut source), &source);
        let value = &source.value;
        let thing = &value["components"]["schemas"]["Thing"]["properties"];
        let titles =
            [
                &value["paths"]["/things"]["get"]["parameters"][0]["schema"],
                &value["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]
                    ["schema"]["properties"]["next"],
                &thing["tags"]["items"],
                &thing["extra"]["additionalProperties"],
                &thing["shape"]["oneOf"][0],
                &thing["shape"]["oneOf"][1],
            ]
            .map(|schema| schema.get("title").and_then(Value::as_str));
        assert_eq!(
            titles,
            [
                Some("ListThingsOrderValue"),
                Some("ListThingsResponseNextValue"),
                Some("ThingTagsItemValue"),
                Some("ThingExtraValueValue"),
                Some("ThingShapeVariant0Value"),
                // `ThingShapeVariant1` names no component.
                None,
            ]
        );
        let at: Vec<(usize, &str)> = said
            .iter()
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (12, "/paths/~1things/get/parameters/0/schema"),
                (
                    27,
                    "/paths/~1things/get/responses/200/content/application~1json/schema/\
                     properties/next"
                ),
                (39, "/components/schemas/Thing/properties/tags/items"),
                (
                    46,
                    "/components/schemas/Thing/properties/extra/additionalProperties"
                ),
                (53, "/components/schemas/Thing/properties/shape/oneOf/0"),
            ]
        );
        assert!(
            said[0]
                .message
                .contains("this parameter would be named `ListThingsOrder`")
        );
    }

    #[test]
    fn a_property_type_named_like_a_component_gets_a_title() {
        let mut schemas = json!({
            "Classification": {"type": "object", "properties": {
                "$template": {"type": "string", "enum": ["a"]},
                "other": {"type": "string", "enum": ["b"]}
            }},
            "ClassificationTemplate": {"type": "object"}
        });
        let mut readings = Readings::default();
        in_components(schemas.as_object_mut().unwrap(), &mut readings);
        let said = readings.warnings;
        let properties = &schemas["Classification"]["properties"];
        // A property that is the component itself names no type of its own.
        let mut schemas = json!({
            "Session": {"type": "object", "properties": {
                "attributes": {"description": "D", "nullable": true,
                               "allOf": [{"$ref": "#/components/schemas/SessionAttributes"}]}
            }},
            "SessionAttributes": {"type": "object"}
        });
        let before = schemas.clone();
        let mut readings = Readings::default();
        in_components(schemas.as_object_mut().unwrap(), &mut readings);
        assert!(readings.warnings.is_empty(), "{:?}", readings.warnings);
        assert_eq!(schemas, before);
        assert_eq!(
            properties["$template"]["title"],
            "ClassificationTemplateValue"
        );
        assert!(properties["other"].get("title").is_none());
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(
            said[0].0,
            "/components/schemas/Classification/properties/$template"
        );
    }

    #[test]
    fn inline_schemas_of_one_title_and_two_shapes_get_two_names() {
        let messages = json!({"title": "Input", "type": "array", "items": {"type": "object"},
                              "anyOf": [{"minItems": 1}]});
        let text = json!({"title": "Input", "anyOf": [{"type": "string"},
                          {"type": "array", "items": {"type": "string"}}]});
        let (schemas, said) = named(json!({
            "ChatModeration": {"type": "object", "properties": {"input": messages.clone()}},
            "Classification": {"type": "object", "properties": {
                "input": text,
                // The same schema as the first: one type is right.
                "again": messages,
                // A plain string names no type of its own.
                "label": {"title": "Input", "type": "string"}
            }}
        }));
        let properties = &schemas["Classification"]["properties"];
        assert_eq!(
            schemas["ChatModeration"]["properties"]["input"]["title"],
            "Input"
        );
        assert_eq!(properties["input"]["title"], "ClassificationInput");
        assert_eq!(properties["again"]["title"], "Input");
        assert_eq!(properties["label"]["title"], "Input");
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(
            said[0].0,
            "/components/schemas/Classification/properties/input/title"
        );
        assert!(
            said[0]
                .1
                .contains("/components/schemas/ChatModeration/properties/input")
        );

        // A list's title names its items' type (mistral's two `Data`s).
        let cards = json!({"title": "Data", "type": "array", "items": {"oneOf": [
            {"$ref": "#/components/schemas/BaseModelCard"}]}});
        let jobs = json!({"title": "Data", "type": "array", "items": {"oneOf": [
            {"$ref": "#/components/schemas/JobOut"}]}});
        let (schemas, said) = named(json!({
            "JobsOut": {"type": "object", "properties": {"data": jobs}},
            "ModelList": {"type": "object", "properties": {"data": cards}}
        }));
        assert_eq!(
            schemas["ModelList"]["properties"]["data"]["title"],
            "ModelListData"
        );
        assert_eq!(said.len(), 1, "{said:?}");
    }

    #[test]
    fn inline_body_schemas_of_one_title_and_two_shapes_get_two_names() {
        let percent = json!({"title": "transfer_data_specs", "type": "object",
                             "properties": {"amount_percent": {"type": "number"}}});
        let amount = json!({"title": "transfer_data_specs", "type": "object",
                            "properties": {"amount": {"type": "integer"}}});
        let body = |member: &Value| {
            json!({"content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object", "properties": {"transfer_data": member}}}}})
        };
        let mut schemas = json!({"Subscription": {"type": "object", "properties": {
            "transfer_data": percent}}});
        let mut paths = json!({
            "/v1/subscriptions": {"post": {"operationId": "PostSubscriptions",
                                           "requestBody": body(&percent)}},
            "/v1/charges/{charge}/capture": {"post": {"operationId": "PostChargesChargeCapture",
                                                      "requestBody": body(&amount)}}
        });
        let mut readings = Readings::default();
        let mut names = in_components(schemas.as_object_mut().unwrap(), &mut readings);
        in_bodies(paths.as_object_mut().unwrap(), &mut names, &mut readings);
        let said = readings.warnings;
        let title = |path: &str| {
            paths[path]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
                ["schema"]["properties"]["transfer_data"]["title"]
                .clone()
        };
        // The shape the component has keeps the title; the other gets its own.
        assert_eq!(title("/v1/subscriptions"), "transfer_data_specs");
        assert_eq!(
            title("/v1/charges/{charge}/capture"),
            "PostChargesChargeCaptureBodyTransferData"
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(
            said[0].0,
            "/paths/~1v1~1charges~1{charge}~1capture/post/requestBody/content/\
             application~1x-www-form-urlencoded/schema/properties/transfer_data/title"
        );
    }

    #[test]
    fn an_inline_body_named_like_a_component_gets_a_title() {
        let mut schemas = json!({"GetThingResponse": {"type": "object", "properties": {
            "a": {"type": "integer"}}}});
        let answer = |schema: Value| json!({"responses": {"200": {"content": {"application/json": {"schema": schema}}}}});
        let mut paths = json!({
            "/thing": {"get": {"operationId": "getThing", "responses": answer(json!(
                {"type": "object", "properties": {"b": {"type": "string"}}}))["responses"]}},
            "/other": {"get": {"operationId": "getOther", "responses": answer(json!(
                {"$ref": "#/components/schemas/GetThingResponse"}))["responses"]}}
        });
        let mut readings = Readings::default();
        let mut names = in_components(schemas.as_object_mut().unwrap(), &mut readings);
        in_bodies(paths.as_object_mut().unwrap(), &mut names, &mut readings);
        let schema = |path: &str| {
            paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone()
        };
        assert_eq!(schema("/thing")["title"], "GetThingResponseValue");
        assert!(schema("/other").get("title").is_none());
        assert_eq!(readings.warnings.len(), 1, "{:?}", readings.warnings);
        assert_eq!(
            readings.warnings[0].0,
            "/paths/~1thing/get/responses/200/content/application~1json/schema"
        );
    }

    fn named(mut schemas: Value) -> (Value, Vec<(String, String)>) {
        let mut readings = Readings::default();
        in_components(schemas.as_object_mut().unwrap(), &mut readings);
        (schemas, readings.warnings)
    }

    #[test]
    fn a_property_a_merge_describes_again_leaves_the_merged_component() {
        // bitbucket's `team` merges `account` (itself a merge) and gives
        // `links` a component of its own; kestra's `Flow` restates
        // `AbstractFlow`'s `id`. typify named each merge like a component.
        let (schemas, said) = named(json!({
            "object": {"type": "object", "properties": {"type": {"type": "string"}}},
            "account": {"allOf": [
                {"$ref": "#/components/schemas/object"},
                {"type": "object", "required": ["links"], "properties": {
                    "links": {"$ref": "#/components/schemas/account_links"},
                    "uuid": {"type": "string"}
                }}
            ]},
            "account_links": {"type": "object", "properties": {"self": {"type": "string"}}},
            "team": {"allOf": [
                {"$ref": "#/components/schemas/account"},
                {"type": "object", "properties": {
                    "links": {"$ref": "#/components/schemas/team_links"}
                }}
            ]},
            "team_links": {"type": "object", "properties": {"html": {"type": "string"}}},
            // Merged under a name no component has: as it was.
            "group": {"allOf": [
                {"$ref": "#/components/schemas/account"},
                {"properties": {"links": {"$ref": "#/components/schemas/team_links"}}}
            ]}
        }));
        assert_eq!(
            schemas["team"]["allOf"][0],
            json!({"allOf": [
                {"$ref": "#/components/schemas/object"},
                {"type": "object", "required": [], "properties": {"uuid": {"type": "string"}}}
            ]})
        );
        // Required where the component required it.
        assert_eq!(schemas["team"]["required"], json!(["links"]));
        assert_eq!(
            schemas["group"]["allOf"][0],
            json!({"$ref": "#/components/schemas/account"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/components/schemas/team/allOf/0");
        assert!(
            said[0]
                .1
                .contains("the merge of the two `TeamLinks`, as component `team_links` is"),
            "{said:?}"
        );
    }

    /// Azure's `AlertRule`, which merges `AlertRuleKind`, and Microsoft
    /// Graph's `attendee`, which merges `attendeeBase` and through it an
    /// inline member: typify names each merged property's type after the
    /// merging type, as a component is named.
    fn merging() -> Value {
        json!({
            "AlertRule": {"type": "object", "allOf": [
                {"$ref": "#/components/schemas/Resource"},
                {"$ref": "#/components/schemas/AlertRuleKind"}
            ]},
            "Resource": {"type": "object", "properties": {"id": {"type": "string"}}},
            "AlertRuleKind": {"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["Scheduled", "Fusion"]},
                "tags": {"type": "array", "items": {"type": "string"}}
            }},
            "attendee": {"allOf": [
                {"$ref": "#/components/schemas/attendeeBase"},
                {"properties": {"status": {"type": "string", "enum": ["none", "accepted"]}}}
            ]},
            "attendeeBase": {"allOf": [
                {"$ref": "#/components/schemas/Resource"},
                {"properties": {"type": {"anyOf": [
                    {"$ref": "#/components/schemas/attendeeType"},
                    {"type": "object", "nullable": true}
                ]}}}
            ]},
            "attendeeType": {"type": "string", "enum": ["required", "optional"]},
            // Merges `AlertRuleKind` too, under a name no component has.
            "Other": {"allOf": [
                {"$ref": "#/components/schemas/AlertRuleKind"},
                {"properties": {"x": {"type": "string"}}}
            ]}
        })
    }

    #[test]
    fn a_property_merged_into_a_type_named_like_a_component_gets_a_title() {
        let (schemas, said) = named(merging());
        let kind = &schemas["AlertRuleKind"]["properties"];
        assert_eq!(kind["kind"]["title"], "AlertRuleKindKind");
        // A list of strings is no type of its own.
        assert!(kind["tags"].get("title").is_none());
        let attendee = &schemas["attendeeBase"]["allOf"][1]["properties"]["type"];
        assert_eq!(attendee["title"], "AttendeeBaseType");
        // The merging type's own inline member is named after it, apart.
        assert!(
            schemas["attendee"]["allOf"][1]["properties"]["status"]
                .get("title")
                .is_none()
        );
        let at: Vec<&str> = said.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/components/schemas/AlertRuleKind/properties/kind",
                "/components/schemas/attendeeBase/allOf/1/properties/type",
            ]
        );
        assert!(
            said[0].1.contains(
                "`AlertRule` merges this component (its `allOf`), and typify would name the \
                 type of property `kind` there `AlertRuleKind`, as component `AlertRuleKind` is"
            ),
            "{said:?}"
        );
        // Merged where no component has the name, nothing changes.
        let mut quiet = merging();
        let quiet = quiet.as_object_mut().unwrap();
        quiet.remove("AlertRule");
        quiet.remove("attendeeType");
        let (schemas, said) = named(Value::Object(quiet.clone()));
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(schemas, Value::Object(quiet.clone()));
    }

    /// Through every stage: both types are typed, under names apart.
    #[test]
    fn a_crate_of_merged_properties_named_like_components_types_them_all() {
        let mut components = serde_json::Map::new();
        components.insert("schemas".to_owned(), merging());
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "Merged", "version": "1"},
            "paths": {"/rules": {"get": {"operationId": "list_rules", "responses": {"200": {
                "description": "The rules.",
                "content": {"application/json": {"schema": {"type": "object", "properties": {
                    "rules": {"type": "array",
                              "items": {"$ref": "#/components/schemas/AlertRule"}},
                    "attendees": {"type": "array",
                                  "items": {"$ref": "#/components/schemas/attendee"}},
                    "other": {"$ref": "#/components/schemas/Other"}
                }}}}
            }}}}},
            "components": components
        });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("merged.json");
        std::fs::write(&path, spec.to_string()).unwrap();
        let generated = crate::generate(&crate::Settings::new(&path, "merged.json"))
            .expect("the spec generates");
        let files = generated.files;
        assert_eq!(
            files.degradation().to_string(),
            "typed: 1 of 1 operations fully typed, 0 left out; 0 of 7 schemas untyped"
        );
        let api = files
            .iter()
            .find(|(path, _)| *path == std::path::Path::new("src/api.rs"))
            .map(|(_, text)| text)
            .unwrap();
        for defined in [
            "pub struct AlertRuleKind {",
            "pub enum AlertRuleKindKind {",
            "pub kind: ::std::option::Option<AlertRuleKindKind>,",
            "pub enum AttendeeType {",
        ] {
            assert!(api.contains(defined), "{defined}\n{api}");
        }
    }

    #[test]
    fn a_title_and_a_place_that_name_two_shapes_alike_get_two_names() {
        // impala's: `booking`'s contact requires an id, the request's
        // contact, titled `BookingContact`, has none.
        let contact = json!({"type": "object", "required": ["contactId"],
            "properties": {"contactId": {"type": "string"}, "email": {"type": "string"}}});
        let titled = json!({"title": "BookingContact", "type": "object",
            "properties": {"email": {"type": "string"}}});
        let (schemas, said) = named(json!({
            "booking": {"type": "object", "properties": {"contact": contact}},
            "bookingRequest": {"type": "object", "properties": {"bookingContact": titled}}
        }));
        assert!(
            schemas["booking"]["properties"]["contact"]
                .get("title")
                .is_none()
        );
        assert_eq!(
            schemas["bookingRequest"]["properties"]["bookingContact"]["title"],
            "BookingRequestBookingContact"
        );
        assert_eq!(said.len(), 1, "{said:?}");
        // The title first, the place after it.
        let (schemas, said) = named(json!({
            "Ask": {"type": "object", "properties": {"contact": titled}},
            "booking": {"type": "object", "properties": {"contact": contact}}
        }));
        assert_eq!(
            schemas["Ask"]["properties"]["contact"]["title"],
            "BookingContact"
        );
        assert_eq!(
            schemas["booking"]["properties"]["contact"]["title"],
            "BookingContactValue"
        );
        assert_eq!(said[0].0, "/components/schemas/booking/properties/contact");
        // One shape in both places: one type.
        let (_, said) = named(json!({
            "booking": {"type": "object", "properties": {"contact": titled}},
            "Ask": {"type": "object", "properties": {"contact": titled}}
        }));
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn the_title_of_a_component_nullable_through_its_allof_is_left_out() {
        let (schemas, said) = named(json!({
            "File--Mini": {"type": "object", "nullable": true, "title": "File (Mini)"},
            "File": {"title": "File", "type": "object", "allOf": [
                {"$ref": "#/components/schemas/File--Mini"}, {"properties": {"size": {}}}
            ]},
            "FileCopy": {"title": "File Copy", "allOf": [{"$ref": "#/components/schemas/File"}]},
            // Named apart from every component, a title may stay.
            "Folder": {"title": "Directory", "allOf": [{"$ref": "#/components/schemas/File"}]},
            // Not nullable: the component's own name wins over its title.
            "Link": {"title": "Link", "type": "object"}
        }));
        for name in ["File--Mini", "File", "FileCopy"] {
            assert!(
                schemas[name].get("title").is_none(),
                "{name}: {}",
                schemas[name]
            );
        }
        assert_eq!(schemas["Folder"]["title"], "Directory");
        assert_eq!(schemas["Link"]["title"], "Link");
        let pointers: Vec<&str> = said.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/File--Mini/title",
                "/components/schemas/File/title",
                "/components/schemas/FileCopy/title"
            ]
        );
        assert!(said[0].1.contains("of a nullable component"), "{said:?}");
        assert!(
            said[1].1.contains("nullable through its `allOf`"),
            "{said:?}"
        );
    }

    #[test]
    fn a_nullable_union_property_named_like_a_component_becomes_a_component() {
        let (schemas, said) = named(json!({
            "repository-ruleset": {"type": "object", "properties": {"conditions": {
                "description": "Which refs.", "nullable": true, "anyOf": [
                    {"$ref": "#/components/schemas/repository-ruleset-conditions"},
                    {"$ref": "#/components/schemas/org-ruleset-conditions"}
                ]
            }}},
            "repository-ruleset-conditions": {"type": "object"},
            "org-ruleset-conditions": {"type": "object"}
        }));
        assert_eq!(
            schemas["repository-ruleset"]["properties"]["conditions"],
            json!({"description": "Which refs.", "nullable": true, "allOf": [
                {"$ref": "#/components/schemas/RepositoryRulesetConditionsValue"}
            ]})
        );
        assert_eq!(
            schemas["RepositoryRulesetConditionsValue"],
            json!({"description": "Which refs.", "anyOf": [
                {"$ref": "#/components/schemas/repository-ruleset-conditions"},
                {"$ref": "#/components/schemas/org-ruleset-conditions"}
            ]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(
            said[0].0,
            "/components/schemas/repository-ruleset/properties/conditions"
        );
        assert!(
            said[0]
                .1
                .contains("a component of its own, `RepositoryRulesetConditionsValue`"),
            "{said:?}"
        );
    }

    #[test]
    fn an_inline_title_named_like_a_component_is_left_out() {
        let components = ["QuickReplyOption".to_owned()].into_iter().collect();
        let mut readings = Readings::default();
        let mut inline = json!({"title": "Quick Reply Option", "type": "object"});
        let map = inline.as_object_mut().unwrap();
        inline_title(
            map,
            "/paths/~1x/get/responses/200/content/application~1json/schema",
            &components,
            &mut readings,
        );
        assert_eq!(inline, json!({"type": "object"}));
        let mut component = json!({"title": "Quick Reply Option", "type": "object"});
        let map = component.as_object_mut().unwrap();
        inline_title(
            map,
            "/components/schemas/quick_reply_option",
            &components,
            &mut readings,
        );
        assert_eq!(component["title"], "Quick Reply Option");
        assert_eq!(readings.warnings.len(), 1);
    }

    #[test]
    fn an_inline_title_named_like_a_def_that_becomes_a_component_is_left_out() {
        // codat's: `PagingInfo` defines HAL `links`, and an issue's inline
        // `links`, titled `Links`, took that type.
        let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    PagingInfo:\n      type: object\n      properties:\n        \
                    _links: {$ref: '#/components/schemas/PagingInfo/definitions/links'}\n      \
                    definitions:\n        links:\n          type: object\n          \
                    required: [current]\n          properties:\n            \
                    current: {type: string}\n    Issue:\n      type: object\n      \
                    properties:\n        links:\n          title: Links\n          \
                    type: object\n          properties:\n            logs: {type: string}\n";
        let mut source = source(text);
        let said = located(apply_readings(&mut source), &source);
        let schemas = &source.value["components"]["schemas"];
        assert_eq!(
            schemas["PagingInfo"]["properties"]["_links"],
            json!({"$ref": "#/components/schemas/links"})
        );
        assert!(
            schemas["Issue"]["properties"]["links"]
                .get("title")
                .is_none(),
            "{schemas}"
        );
        assert!(
            said.iter()
                .any(|w| w.pointer == "/components/schemas/Issue/properties/links/title"),
            "{said:?}"
        );
    }

    /// The components of `schemas` (and the `$ref`s of `paths`) after
    /// [`components_apart`], with what it said.
    fn apart(schemas: Value) -> (Value, Vec<(String, String)>) {
        let mut root = json!({
            "paths": {"/checks": {"get": {"responses": {"200": {"content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/HTTPHealthCheck"}}
            }}}}}},
            "components": {"schemas": schemas}
        });
        let mut readings = Readings::default();
        components_apart(root.as_object_mut().unwrap(), &mut readings);
        (root, readings.warnings)
    }

    #[test]
    fn components_of_one_type_name_get_keys_apart_and_references_follow() {
        let (root, said) = apart(json!({
            "HTTPHealthCheck": {"type": "object", "properties": {"port": {"type": "integer"}}},
            "HttpHealthCheck": {"type": "object", "properties": {"host": {"type": "string"}}},
            "http_health_check": {"type": "string"},
            // Taken by a component of its own: the next number is.
            "HttpHealthCheck2": {"type": "boolean"},
            "Pool": {"type": "object", "properties": {
                "check": {"$ref": "#/components/schemas/http_health_check"},
                "checks": {"type": "array", "items": {"$ref": "#/components/schemas/HTTPHealthCheck"}}
            }, "discriminator": {"propertyName": "kind", "mapping": {
                "http": "#/components/schemas/HTTPHealthCheck"}}}
        }));
        let schemas = &root["components"]["schemas"];
        let keys: Vec<&String> = schemas.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "Pool",
                "HttpHealthCheck",
                "HttpHealthCheck3",
                "HttpHealthCheck2",
                "HttpHealthCheck4"
            ]
        );
        // The one spelled as its type keeps it; the others by their keys.
        assert_eq!(
            schemas["HttpHealthCheck"]["properties"]["host"]["type"],
            "string"
        );
        assert_eq!(schemas["HttpHealthCheck2"]["type"], "boolean");
        assert_eq!(
            schemas["HttpHealthCheck3"]["properties"]["port"]["type"],
            "integer"
        );
        assert_eq!(schemas["HttpHealthCheck4"]["type"], "string");
        let pool = &schemas["Pool"];
        assert_eq!(
            pool["properties"]["check"]["$ref"],
            "#/components/schemas/HttpHealthCheck4"
        );
        assert_eq!(
            pool["properties"]["checks"]["items"]["$ref"],
            "#/components/schemas/HttpHealthCheck3"
        );
        assert_eq!(
            pool["discriminator"]["mapping"]["http"],
            "#/components/schemas/HttpHealthCheck3"
        );
        assert_eq!(
            root["paths"]["/checks"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/HttpHealthCheck3"
        );
        let pointers: Vec<&str> = said.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/HTTPHealthCheck",
                "/components/schemas/http_health_check"
            ]
        );
        assert!(said[0].1.contains("`HttpHealthCheck3`"), "{said:?}");
    }

    #[test]
    fn names_apart_do_not_change_when_an_unrelated_component_does() {
        let group = json!({
            "Ref_of_Bundle_": {"type": "object"},
            "Ref__of_Bundle_": {"type": "string"}
        });
        let (before, _) = apart(group.clone());
        let mut more = group;
        // Components before and after them in every order, one named like
        // the number a renamed one would get were it counted globally.
        for name in ["AAA", "Ref_of_A", "Zed", "RefOfBundle_3"] {
            more[name] = json!({"type": "integer"});
        }
        let (after, _) = apart(more);
        // No key spelled as the type: the first in the order of keys keeps
        // it (`_` sorts before `o`).
        let (before, after) = (
            &before["components"]["schemas"],
            &after["components"]["schemas"],
        );
        assert_eq!(before["Ref__of_Bundle_"], json!({"type": "string"}));
        assert_eq!(before["RefOfBundle2"], json!({"type": "object"}));
        for name in ["Ref__of_Bundle_", "RefOfBundle2"] {
            assert_eq!(before[name], after[name], "{name}");
        }
    }

    #[test]
    fn a_nullable_union_of_references_is_split_in_3_0_too() {
        let (schema, said) = convert(
            "3.0.3",
            "nullable: true\noneOf:\n  - $ref: '#/components/schemas/A'\n  - $ref: '#/components/schemas/B'\n",
        );
        assert_eq!(
            schema,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/SVariant"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].2.contains("`SVariant`"), "{said:?}");
    }

    #[test]
    fn a_nullable_union_of_inline_members_is_split_too() {
        let (schema, said) = convert(
            "3.0.3",
            "nullable: true\noneOf:\n  - type: object\n    title: Server VAD\n  - type: string\n",
        );
        assert_eq!(
            schema,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/SVariant"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, "/components/schemas/S/nullable");
        assert_eq!(said[0].0, 9, "{said:?}");
    }

    #[test]
    fn a_nullable_merge_with_a_member_in_place_is_split_too() {
        // openrouter's `ReasoningConfig`, in 3.1: `anyOf` of a merge and
        // `null`, read as the merge, nullable.
        let text = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    Base:\n      type: object\n    ReasoningConfig:\n      anyOf:\n        \
                    - allOf:\n            - $ref: '#/components/schemas/Base'\n            \
                    - {type: object, properties: {enabled: {type: boolean}}}\n        \
                    - type: 'null'\n      description: How to reason.\n";
        let mut source = source(text);
        let said = located(apply_readings(&mut source), &source);
        let schemas = &source.value["components"]["schemas"];
        assert_eq!(
            schemas["ReasoningConfig"],
            yaml(
                "{description: How to reason., nullable: true, \
                 allOf: [{$ref: '#/components/schemas/ReasoningConfigInner'}]}"
            )
        );
        assert_eq!(
            schemas["ReasoningConfigInner"],
            yaml(
                "{allOf: [{$ref: '#/components/schemas/Base'}, \
                 {type: object, properties: {enabled: {type: boolean}}}]}"
            )
        );
        assert!(
            said.iter().any(
                |w| w.pointer == "/components/schemas/ReasoningConfig/nullable"
                    && w.message.contains("`ReasoningConfigInner`")
            ),
            "{said:?}"
        );
        // What typify merges beside the `allOf` moves too.
        let (schema, _) = convert(
            "3.0.3",
            "nullable: true\ndescription: An error.\nrequired: [item_id]\n\
             allOf:\n  - $ref: '#/components/schemas/A'\n  \
             - {type: object, properties: {item_id: {type: string}}}\n",
        );
        assert_eq!(
            schema,
            json!({"nullable": true, "description": "An error.",
                "allOf": [{"$ref": "#/components/schemas/SInner"}]})
        );
        // With a `type`, typify names the merge `SInner` itself (plaid's
        // `Cause`): as written.
        let written = "nullable: true\ntype: object\nallOf:\n  - $ref: '#/components/schemas/A'\n  \
                       - {type: object, properties: {item_id: {type: string}}}\n";
        let (schema, said) = convert("3.0.3", written);
        assert_eq!(schema, yaml(written));
        assert!(said.is_empty(), "{said:?}");
        // A merge of `$ref`s alone is named as the `$ref`'d type: as written.
        let (schema, said) = convert(
            "3.0.3",
            "nullable: true\nallOf:\n  - $ref: '#/components/schemas/A'\nproperties:\n  b: {type: string}\n",
        );
        assert_eq!(schema["allOf"], json!([{"$ref": "#/components/schemas/A"}]));
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn a_nullable_union_component_holds_its_members_in_a_component_of_their_own() {
        let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  \
                    schemas:\n    Value:\n      description: A value.\n      oneOf:\n        \
                    - type: boolean\n        - type: string\n        - type: 'null'\n";
        let mut source = source(text);
        let said = located(apply_readings(&mut source), &source);
        let schemas = &source.value["components"]["schemas"];
        assert_eq!(
            schemas["Value"],
            yaml(
                "{description: A value., nullable: true, allOf: [{$ref: '#/components/schemas/ValueVariant'}]}"
            )
        );
        assert_eq!(
            schemas["ValueVariant"],
            yaml("{oneOf: [{type: boolean}, {type: string}]}")
        );
        assert_eq!(said[0].pointer, "/components/schemas/Value/oneOf/2");
        assert!(said[0].message.contains("`…Variant`"), "{said:?}");
    }
}
