//! Readings of schema habits that typify, progenitor's type generator,
//! refuses or panics on, though the spec's meaning is plain: applied to
//! every schema by the [`downconvert`](super::downconvert) walk, after the
//! 3.1 readings, each with a located warning.
//!
//! The readings, each deliberate:
//! - a bound that applies only to another type (`minimum` or `required` on
//!   an array) is left out;
//! - a `format` on an object, array or boolean (`format: kvpairs`, `uri-map`,
//!   `ipv4` on a list) describes nothing typify knows: left out;
//! - a `default` written as a string where a boolean or number belongs
//!   (`'false'`, `'3600'`) is that boolean or number; a number or boolean
//!   default of a string is its text; a default that still does not fit its
//!   schema (another type, `null` where null is not allowed, outside the
//!   `enum` or the bounds) is left out, and so is the default of a
//!   one-value `enum` (typify refuses it; a tagged union's tag has one);
//! - an object or list `default` beside a `$ref` is left out (typify checks
//!   it against the referenced type, which the generator cannot do first),
//!   and so is a default that is not an object of an `anyOf` of several
//!   (typify reads it as an object of its alternatives);
//! - a boolean or number among the values of a string `enum` (`true`, which a
//!   YAML 1.1 tool wrote for `on`) is its text;
//! - `minLength: 0`, which admits every string, is left out (typify would
//!   check it with a comparison rustc warns is always false);
//! - a string `enum` whose values get the same Rust name (`ASC` and `asc`,
//!   `+1` and `-1` after a prefix) is read as a plain string;
//! - an `anyOf` or `oneOf` whose alternatives are all one scalar type, told
//!   apart by a `format` at most (`string` or binary `string`), is that
//!   type: typify makes a struct of them that no value decodes into;
//! - any other `anyOf` with an alternative that is not an object (a list, a
//!   string) is a `oneOf`, whose first alternative that decodes is taken:
//!   typify's struct of `anyOf` alternatives decodes only objects.
//! - `additionalProperties: false` on a part of an `allOf` whose other parts
//!   describe members it does not (linode's pages: one part has `data`, the
//!   other `page` and `pages`, each closed) is left out: no object could
//!   have both, and typify would make a struct of no members;
//! - a member that one part of an `allOf` types `number` and another
//!   `integer` (github's `workflow_job.run_id`) is an integer in both:
//!   typify would leave it out, or make a type no value decodes into;
//! - an `anyOf` or `oneOf` whose alternatives only list `required` members
//!   (intercom's "an `id`, a `user_id` or an `email`") is left out, and the
//!   members every alternative requires are required: typify reads each
//!   alternative as forbidding the members the others require, which drops
//!   members a caller may send together and, when the alternatives share
//!   one, leaves a type that no value decodes into.
//! - so is `not: {required: [a, b]}` (not both: OpenAI's `ImageRefParam`),
//!   which typify reads as forbidding `a` and `b` each;
//!
//! Of `components.schemas` as a whole ([`type_names`]):
//! - an inline schema whose `title` another inline schema of another shape
//!   has (mistral's two `Input`s) gets a `title` of its own, after its
//!   place (`ClassificationInput`): typify would give both the first one's
//!   type;
//! - and so does one in a request or response body of `paths` whose
//!   `title` another inline schema of another shape has, there or in the
//!   components (stripe's fifteen `transfer_data_specs` in four shapes;
//!   [`body_type_names`]);
//! - an inline schema whose type typify would name like a component
//!   (property `$template` of `Classification` and the component
//!   `ClassificationTemplate`) gets a `title` that names it apart: typify
//!   would define both, and the crate would not compile; so does the
//!   `title` of a nullable component that names it as a component is named,
//!   which is left out.
//!
//! And some of the document ([`document`]):
//! - a first server URL with variables (`https://{region}.sentry.io`) is
//!   read with each variable's `default`;
//! - a path's `{name}` that no parameter declares is a `string` path
//!   parameter, declared for the operation (unless a path parameter of
//!   another name, or a `$ref` that leads nowhere, may be the one meant:
//!   then validation says so);
//! - a response that is a `$ref` to a request body (`#/components/requestBodies/X`)
//!   is that body's content, written in place;
//! - a `deepObject` query parameter (`filter[name]=value`, which progenitor
//!   cannot send), in place or behind a `$ref` (apideck's `filter`s), whose
//!   schema is an object of listed scalar properties is
//!   one query parameter per property, named `filter[name]`; another
//!   optional one (a map, a list) is left out: the client cannot send it;
//! - a header parameter whose schema is not a scalar (linode's `X-Filter`, a
//!   JSON object) is a string, the text the caller sends: progenitor writes
//!   a header with `Display`, which its types do not have;
//! - an optional parameter whose Rust name another parameter of the
//!   operation already has (`DateCreated<` beside `DateCreated`: both
//!   `date_created`) is left out: the client cannot send it.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{Map, Value};

use super::positions::escape;

/// Gives a `title` to each inline schema of `schemas` whose type typify
/// would name as it names a component, or makes it a component of its own
/// when a `title` would not reach the type.
///
/// Returns the names it saw taken, for [`body_type_names`].
pub(super) fn type_names(
    schemas: &mut Map<String, Value>,
    warn: &mut dyn FnMut(&str, String),
) -> Titles {
    let mut taken: BTreeMap<String, String> = schemas
        .keys()
        .map(|name| (variant_name(name), name.clone()))
        .collect();
    let nullable = nullable_components(schemas);
    let mut titled = BTreeMap::new();
    let mut hoisted = Vec::new();
    for (name, schema) in schemas.iter_mut() {
        let pointer = format!("/components/schemas/{}", escape(name));
        // A nullable component is typify's `Option` of an inner type, which
        // its `title` names: the component's own name, when they agree.
        if let Value::Object(component) = schema
            && nullable.contains(name)
            && let Some(title) = component.get("title").and_then(Value::as_str)
            && taken.contains_key(&variant_name(title))
        {
            let why = if component.get("nullable") == Some(&Value::Bool(true)) {
                "a nullable component"
            } else {
                "a component that is nullable through its `allOf`"
            };
            warn(
                &format!("{pointer}/title"),
                format!(
                    "the `title` \"{title}\" of {why} would name its inner type as a \
                     component is named: left out"
                ),
            );
            component.remove("title");
        }
        let mut place = Place {
            taken: &mut taken,
            titled: &mut titled,
            hoisted: &mut hoisted,
            warn: &mut *warn,
        };
        if let Some(schema) = schema.as_object_mut() {
            inline_type_names(schema, &variant_name(name), &pointer, &mut place);
        }
    }
    for (name, schema) in hoisted {
        schemas.insert(name, schema);
    }
    Titles { taken, titled }
}

/// The type names of the components and of the inline schemas named by
/// their `title`, as [`type_names`] leaves them.
#[derive(Default)]
pub(super) struct Titles {
    taken: BTreeMap<String, String>,
    titled: BTreeMap<String, (String, Map<String, Value>)>,
}

/// Gives a `title` of its own to each inline schema in the request and
/// response bodies written in `paths` whose `title` an inline schema of
/// another shape has, here or in the components (`titles`): typify would
/// give both one type (stripe's fifteen `transfer_data_specs` in four
/// shapes, and a request that sends the wrong members).
pub(super) fn body_type_names(
    paths: &mut Map<String, Value>,
    titles: &mut Titles,
    warn: &mut dyn FnMut(&str, String),
) {
    let mut hoisted = Vec::new();
    let mut place = Place {
        taken: &mut titles.taken,
        titled: &mut titles.titled,
        hoisted: &mut hoisted,
        warn,
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
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
                        titles_apart(schema, &base, &at, &mut place);
                    }
                }
            }
        }
    }
}

/// [`title_apart`] for the inline members of `schema` (a type typify names
/// `base`), and theirs.
fn titles_apart(schema: &mut Map<String, Value>, base: &str, pointer: &str, place: &mut Place<'_>) {
    for inline in inline_properties(schema, base, pointer) {
        let (property, at) = (inline.property, &inline.at);
        let name = title_apart(inline.schema, inline.name, base, property, at, place);
        titles_apart(inline.schema, &name, at, place);
    }
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
    place: &mut Place<'_>,
) -> String {
    if !inline.contains_key("title") || !names_a_type(inline) {
        return name;
    }
    let Some((first, shape)) = place.titled.get(&name) else {
        place
            .titled
            .insert(name.clone(), (at.to_owned(), inline.clone()));
        return name;
    };
    if shape == inline {
        // The same schema twice: one type is right.
        return name;
    }
    let first = first.clone();
    let derived = variant_name(&format!("{base}_{}", property.to_snake_case()));
    let mut apart = derived.clone();
    let mut n = 2;
    while place.taken.contains_key(&apart) || place.titled.contains_key(&apart) {
        apart = format!("{derived}{n}");
        n += 1;
    }
    (place.warn)(
        &format!("{at}/title"),
        format!(
            "the `title` of property `{property}` names its type `{name}`, as an inline \
             schema of another shape at {first} is named: typify would give both one type; \
             it is named `{apart}` (its `title`)"
        ),
    );
    inline.insert("title".to_owned(), Value::String(apart.clone()));
    place
        .titled
        .insert(apart.clone(), (at.to_owned(), inline.clone()));
    apart
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
/// `nullable: true`, or an `allOf` with a nullable member (typify merges
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

/// What [`inline_type_names`] shares along its walk: the type names taken
/// (each with what took it), the schemas made components, and the warnings.
struct Place<'a> {
    taken: &'a mut BTreeMap<String, String>,
    /// The inline schemas named by their `title`, by type name: where the
    /// first was, and what it was.
    titled: &'a mut BTreeMap<String, (String, Map<String, Value>)>,
    hoisted: &'a mut Vec<(String, Value)>,
    warn: &'a mut dyn FnMut(&str, String),
}

/// The properties of `schema` (a type typify names `base`), and theirs.
fn inline_type_names(
    schema: &mut Map<String, Value>,
    base: &str,
    pointer: &str,
    place: &mut Place<'_>,
) {
    // typify merges an `allOf` into one type, named as the schema is.
    if let Some(Value::Array(members)) = schema.get_mut("allOf") {
        for (index, member) in members.iter_mut().enumerate() {
            if let Some(member) = member.as_object_mut()
                && !member.contains_key("$ref")
            {
                inline_type_names(member, base, &format!("{pointer}/allOf/{index}"), place);
            }
        }
    }
    for Inline {
        property,
        schema: inline,
        at,
        name,
    } in inline_properties(schema, base, pointer)
    {
        let Some(component) = place.taken.get(&name).cloned() else {
            let name = title_apart(inline, name, base, property, &at, place);
            inline_type_names(inline, &name, &at, place);
            continue;
        };
        let mut apart = format!("{name}Value");
        let mut n = 2;
        while place.taken.contains_key(&apart) {
            apart = format!("{name}Value{n}");
            n += 1;
        }
        place
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
            (place.warn)(
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
            inline_type_names(&mut union, &apart, &at, place);
            place.hoisted.push((apart, Value::Object(union)));
            continue;
        }
        (place.warn)(
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
        inline_type_names(inline, &apart, &at, place);
    }
}

/// Whether `schema` is one `$ref` with annotations (`allOf: [{$ref}]`
/// beside a `description`, `nullable`): typify gives it the referenced
/// type, no type of its own.
fn names_a_reference(schema: &Map<String, Value>) -> bool {
    const ANNOTATIONS: [&str; 8] = [
        "description",
        "title",
        "example",
        "readOnly",
        "writeOnly",
        "deprecated",
        "nullable",
        "default",
    ];
    let mut references = 0;
    for (key, value) in schema {
        match key.as_str() {
            "allOf" | "anyOf" | "oneOf" => match value.as_array().map(Vec::as_slice) {
                Some([only]) if only.get("$ref").is_some() => references += 1,
                _ => return false,
            },
            key if ANNOTATIONS.contains(&key) => {}
            _ => return false,
        }
    }
    references == 1
}

/// Applies the readings of the document to `root`, before its members are
/// read; `warn` says what was read how.
pub(super) fn document(root: &mut Map<String, Value>, warn: &mut dyn FnMut(&str, String)) {
    server_variables(root, warn);
    undeclared_path_parameters(root, warn);
    deep_object_parameters(root, warn);
    structured_headers(root, warn);
    parameters_with_one_rust_name(root, warn);
    responses_that_are_request_bodies(root, warn);
    form_explode_defaults(root);
}

/// Writes out the `explode` that a form body's `encoding` leaves to its
/// default, which depends on the `style` (true for `form`, the default
/// style; false for the others): once the document is read, an absent
/// `explode` and `explode: false` look alike. Not a reading, so no warning.
fn form_explode_defaults(root: &mut Map<String, Value>) {
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, operation) in item.iter_mut() {
                if super::walk::METHODS.contains(&method.as_str())
                    && let Some(body) = operation.get_mut("requestBody")
                {
                    explode_defaults(body);
                }
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

/// Writes in place the responses that refer to a request body: its
/// `content` and `description` are what a response has too.
fn responses_that_are_request_bodies(
    root: &mut Map<String, Value>,
    warn: &mut dyn FnMut(&str, String),
) {
    let mut found = Vec::new();
    let Some(Value::Object(paths)) = root.get("paths") else {
        return;
    };
    for (path, item) in paths {
        let Value::Object(item) = item else {
            continue;
        };
        for (method, operation) in item {
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
                    let pointer = format!("/paths/{}/{method}/responses/{status}", escape(path));
                    found.push((pointer, target.to_owned(), Value::Object(read)));
                }
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut document = Value::Object(std::mem::take(root));
    for (pointer, target, response) in found {
        warn(
            &format!("{pointer}/$ref"),
            format!(
                "the response refers to a request body, `{target}`: its content is read as \
                 the response's"
            ),
        );
        if let Some(place) = document.pointer_mut(&pointer) {
            *place = response;
        }
    }
    if let Value::Object(map) = document {
        *root = map;
    }
}

/// The first server's URL with its variables' defaults, when each has one.
fn server_variables(root: &mut Map<String, Value>, warn: &mut dyn FnMut(&str, String)) {
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
    warn(
        "/servers/0/url",
        format!(
            "server URL `{url}` has variables: the client's default base URL is `{read}`, \
             from their defaults (`with_base_url` chooses another)"
        ),
    );
    server.insert("url".to_owned(), Value::String(read));
}

/// Declares, for each operation, the path's `{name}`s that no parameter
/// declares: as required strings, which is what a path segment is.
fn undeclared_path_parameters(root: &mut Map<String, Value>, warn: &mut dyn FnMut(&str, String)) {
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
    let Some(Value::Object(paths)) = root.get("paths") else {
        return;
    };
    for (path, item) in paths {
        let (Ok(names), Value::Object(item)) = (super::validate::template_names(path), item) else {
            continue;
        };
        let on_item = declared_names(item.get("parameters"));
        for (method, operation) in item {
            if !super::walk::METHODS.contains(&method.as_str()) {
                continue;
            }
            let mut declared = on_item.clone();
            declared.extend(declared_names(operation.get("parameters")));
            // A parameter that may be the missing one, misnamed or behind a
            // `$ref` that leads nowhere, leaves validation to say which.
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
                )
                || declared.iter().any(|name| !names.contains(name));
            if doubtful {
                continue;
            }
            for name in names.iter().filter(|name| !declared.contains(name)) {
                undeclared.push((path.clone(), method.clone(), name.clone()));
            }
        }
    }
    for (path, method, name) in undeclared {
        warn(
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
        let Some(Value::Object(operation)) = root
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(&path))
            .and_then(|item| item.get_mut(&method))
        else {
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

/// Reads the header parameters of operations whose schema is not a scalar
/// as strings.
fn structured_headers(root: &mut Map<String, Value>, warn: &mut dyn FnMut(&str, String)) {
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        for (key, member) in item.iter_mut() {
            let pointer = format!("/paths/{}/{key}/parameters", escape(path));
            let parameters = if key == "parameters" {
                member.as_array_mut()
            } else if super::walk::METHODS.contains(&key.as_str()) {
                member.get_mut("parameters").and_then(Value::as_array_mut)
            } else {
                None
            };
            let pointer = if key == "parameters" {
                format!("/paths/{}/parameters", escape(path))
            } else {
                pointer
            };
            for (index, parameter) in parameters.into_iter().flatten().enumerate() {
                if parameter.get("in").and_then(Value::as_str) != Some("header") {
                    continue;
                }
                let Some(schema) = parameter.get_mut("schema") else {
                    continue;
                };
                let scalar = match schema.get("type").and_then(Value::as_str) {
                    Some(kind) => matches!(kind, "string" | "integer" | "number" | "boolean"),
                    // A `$ref` is left to progenitor: usually a string enum.
                    None => schema.get("$ref").is_some(),
                };
                if scalar {
                    continue;
                }
                let mut read = serde_json::json!({"type": "string"});
                if let Some(description) = schema.get("description") {
                    read["description"] = description.clone();
                }
                *schema = read;
                warn(
                    &format!("{pointer}/{index}/schema"),
                    "a header whose value is not a string, number or boolean is read as a string: \
                     the text the caller sends (progenitor writes headers as text)"
                        .to_owned(),
                );
            }
        }
    }
}

/// Reads an operation's own `deepObject` query parameters, written in place
/// or as a `$ref` to `components.parameters`, as progenitor can send them:
/// one parameter per property, or none.
fn deep_object_parameters(root: &mut Map<String, Value>, warn: &mut dyn FnMut(&str, String)) {
    let is_deep = |parameter: &Value| {
        parameter.get("in").and_then(Value::as_str) == Some("query")
            && parameter.get("style").and_then(Value::as_str) == Some("deepObject")
    };
    // `$ref`s are followed in a copy of `components`, taken only when the
    // spec has such a parameter at all.
    let any_deep = root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|operation| operation.get("parameters")?.as_array())
        .flatten()
        .chain(
            root.get("components")
                .and_then(|c| c.get("parameters"))
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|parameters| parameters.values()),
        )
        .any(is_deep);
    if !any_deep {
        return;
    }
    let components = Value::Object(
        root.get("components")
            .cloned()
            .map(|components| Map::from_iter([("components".to_owned(), components)]))
            .unwrap_or_default(),
    );
    let resolve = |value: &Value| -> Value {
        let mut value = value;
        for _ in 0..32 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            match target.strip_prefix('#').and_then(|p| components.pointer(p)) {
                Some(found) => value = found,
                None => break,
            }
        }
        value.clone()
    };
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            if !super::walk::METHODS.contains(&method.as_str()) {
                continue;
            }
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
                // An operation's own parameter is read as it is written, as
                // it always was; one behind a `$ref` has its schema's
                // followed too.
                let as_written = |value: &Value| value.clone();
                let follow: &dyn Fn(&Value) -> Value =
                    if reference { &resolve } else { &as_written };
                match deep_object_members(&resolved, follow) {
                    Some(members) => {
                        warn(
                            &at,
                            format!(
                                "`style: deepObject` query parameter `{name}` is read as one \
                                 query parameter per property, `{name}[…]`, which is how it is \
                                 sent"
                            ),
                        );
                        read.extend(members);
                    }
                    None if !required => warn(
                        &at,
                        format!(
                            "`style: deepObject` query parameter `{name}` is not an object of \
                             listed properties, and progenitor cannot send it otherwise: it is \
                             optional, so it is left out and the client cannot send it"
                        ),
                    ),
                    // The engine's ladder leaves the operation out.
                    None => read.push(parameter),
                }
            }
            *parameters = read;
        }
    }
}

/// The query parameters `name[property]` a `deepObject` parameter stands
/// for, when its schema is an object of listed properties that are neither
/// objects nor lists; `resolve` follows a `$ref` (to the schema, or to a
/// property's).
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
fn parameters_with_one_rust_name(
    root: &mut Map<String, Value>,
    warn: &mut dyn FnMut(&str, String),
) {
    // (path, method, index in the operation's list, name, the earlier name).
    let mut clashes = Vec::new();
    let Some(Value::Object(paths)) = root.get("paths") else {
        return;
    };
    let resolved = |parameter: &'_ Value| -> Option<(String, bool)> {
        let parameter = match parameter.get("$ref").and_then(Value::as_str) {
            Some(target) => root_pointer(root, target)?,
            None => parameter,
        };
        let name = parameter.get("name").and_then(Value::as_str)?.to_owned();
        let required = parameter.get("required") == Some(&Value::Bool(true));
        Some((name, required))
    };
    for (path, item) in paths {
        let on_item: Vec<&Value> = item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        let Value::Object(item) = item else {
            continue;
        };
        for (method, operation) in item {
            if !super::walk::METHODS.contains(&method.as_str()) {
                continue;
            }
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
                        clashes.push((path.clone(), method.clone(), index, name, earlier.clone()));
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
        warn(
            &format!("/paths/{}/{method}/parameters/{index}", escape(&path)),
            format!(
                "parameter `{name}` gets the same Rust name as `{earlier}`, `{}`: it is optional, \
                 so it is left out and the client cannot send it",
                rust_parameter_name(&name)
            ),
        );
        if let Some(Value::Array(list)) = root
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(&path))
            .and_then(|item| item.get_mut(&method))
            .and_then(|operation| operation.get_mut("parameters"))
        {
            list.remove(index);
        }
    }
}

/// The name progenitor gives a parameter in Rust (typify's `sanitize`).
fn rust_parameter_name(name: &str) -> String {
    name.replace('\'', "")
        .replace(|c: char| !unicode_ident::is_xid_continue(c), "-")
        .to_snake_case()
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

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Leaves out the `title` of an inline schema (at `pointer`, not a
/// component) that would name its type as a component is named: typify
/// would define both. `components` holds the components' type names.
pub(super) fn inline_title(
    map: &mut Map<String, Value>,
    pointer: &str,
    components: &BTreeSet<String>,
    warn: &mut dyn FnMut(&str, String),
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
    warn(
        &format!("{pointer}/title"),
        format!(
            "the `title` \"{title}\" would name this inline schema's type as a component is \
             named: left out"
        ),
    );
    map.remove("title");
}

/// The type names typify gives the components of `root`.
pub(super) fn component_type_names(
    root: &Map<String, Value>,
) -> std::collections::BTreeSet<String> {
    root.get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().map(|name| variant_name(name)).collect())
        .unwrap_or_default()
}

/// Applies the readings to one schema, `map`, at `pointer`; `warn` says
/// what was read how.
pub(super) fn read(
    map: &mut Map<String, Value>,
    pointer: &str,
    known: &Known,
    warn: &mut dyn FnMut(&str, String),
) {
    annotation_members(map, pointer, warn);
    required_alternatives(map, pointer, warn);
    required_combination(map, pointer, warn);
    closed_parts_of_all_of(map, pointer, warn);
    numbers_of_all_of(map, pointer, warn);
    string_or_enum(map, pointer, warn);
    enum_beside_a_reference(map, pointer, warn);
    // Before the defaults: an `anyOf` read as a `oneOf` takes a default
    // typify's struct of alternatives would refuse.
    alternatives_of_one_type(map, pointer, warn);
    any_of_values(map, pointer, &known.values, warn);
    default_of_a_reference(map, pointer, &known.unions, warn);
    let kind = map.get("type").and_then(Value::as_str).map(str::to_owned);
    let Some(kind) = kind else {
        return;
    };
    meaningless_format(map, pointer, &kind, warn);
    keywords_of_other_types(map, pointer, &kind, warn);
    properties_with_one_rust_name(map, pointer, warn);
    if kind == "string" {
        string_enum(map, pointer, warn);
        // typify checks it (`len < 0`), which rustc warns is always false.
        if map.get("minLength").and_then(Value::as_u64) == Some(0) {
            map.remove("minLength");
            warn(
                &format!("{pointer}/minLength"),
                "`minLength: 0` admits every string: left out".to_owned(),
            );
        }
    }
    default(map, pointer, &kind, warn);
}

/// Leaves out an object or list `default` beside a `$ref` (`allOf:
/// [{$ref}]`): typify checks it against the referenced type and refuses the
/// whole spec when it does not fit, which the generator cannot check first.
fn default_of_a_reference(
    map: &mut Map<String, Value>,
    pointer: &str,
    unions: &std::collections::BTreeSet<String>,
    warn: &mut dyn FnMut(&str, String),
) {
    let composite = map
        .get("default")
        .is_some_and(|value| value.is_object() || value.is_array());
    let references: Vec<&str> = map
        .get("$ref")
        .into_iter()
        .chain(
            map.get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .filter_map(|member| member.as_str().or_else(|| member.get("$ref")?.as_str()))
        .collect();
    let referenced = !references.is_empty();
    // typify makes an `anyOf` of several a struct of optional members,
    // which only an object default can fit: the schema's own, or the
    // referenced component's.
    let union = references.iter().find_map(|target| {
        let name = unescape(target.strip_prefix("#/components/schemas/")?);
        unions.contains(&name).then_some(name)
    });
    let several_any = map
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|members| members.len() > 1);
    let of_an_any_of = match union {
        Some(union) => Some(format!("beside a `$ref` to `{union}`, an `anyOf`,")),
        None => several_any.then(|| "of an `anyOf`".to_owned()),
    };
    if let Some(of_an_any_of) = of_an_any_of
        && let Some(value) = map
            .get("default")
            .filter(|value| !value.is_object())
            .cloned()
    {
        map.remove("default");
        warn(
            &format!("{pointer}/default"),
            format!(
                "`default: {value}` {of_an_any_of} is left out: typify reads an `anyOf` as an \
                 object of its alternatives, which the value does not fit"
            ),
        );
        return;
    }
    if composite && referenced {
        map.remove("default");
        warn(
            &format!("{pointer}/default"),
            "a `default` object or list beside a `$ref` is left out: typify checks it against \
             the referenced type, and refuses the spec when it does not fit"
                .to_owned(),
        );
    }
}

/// Leaves out `nullable` on a header parameter's schema (box's
/// `x-rep-hints`): a header the caller does not send has no value already,
/// a header cannot say `null`, and progenitor would take an
/// `Option<Option<&str>>` it cannot write. (A nullable query parameter
/// gives the same code as one that is not.)
pub(super) fn nullable_parameter(
    parameter: &mut Value,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    if parameter.get("in").and_then(Value::as_str) != Some("header") {
        return;
    }
    let Some(Value::Object(schema)) = parameter.get_mut("schema") else {
        return;
    };
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        schema.remove("nullable");
        warn(
            &format!("{pointer}/schema/nullable"),
            "`nullable` on a header parameter is left out: a header the caller does not send \
             has no value already, and a header cannot say `null`"
                .to_owned(),
        );
    }
}

/// Reads an `anyOf` of a plain string and string `enum`s (OpenAI's
/// `anyOf: [{type: string}, {type: string, enum: [alloy, ash]}]`: the values
/// listed, or any other) as one string `enum` of those values, which the
/// generated client keeps open (an unlisted value decodes too). typify
/// would make a struct of the two, which no string decodes into.
fn string_or_enum(map: &mut Map<String, Value>, pointer: &str, warn: &mut dyn FnMut(&str, String)) {
    let Some(values) = map
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|members| open_enum_values(members))
    else {
        return;
    };
    let nullable = map
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|member| member.get("nullable") == Some(&Value::Bool(true)));
    map.remove("anyOf");
    map.insert("type".to_owned(), Value::from("string"));
    map.insert("enum".to_owned(), Value::Array(values));
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    warn(
        &format!("{pointer}/anyOf"),
        "an `anyOf` of a string and a string `enum` is read as the `enum`, which the client \
         keeps open: a value it does not list decodes too, kept as sent"
            .to_owned(),
    );
}

/// The values of `members` when they are string `enum`s and at least one
/// plain string (with no more than annotations), all inline.
fn open_enum_values(members: &[Value]) -> Option<Vec<Value>> {
    const ANNOTATIONS: [&str; 6] = [
        "description",
        "title",
        "example",
        "deprecated",
        "nullable",
        "x-stainless-const",
    ];
    let mut values = Vec::new();
    let mut plain = false;
    for member in members {
        let member = member.as_object()?;
        if member.get("type").and_then(Value::as_str) != Some("string") {
            return None;
        }
        let others = member
            .keys()
            .filter(|k| *k != "type" && *k != "enum" && !ANNOTATIONS.contains(&k.as_str()));
        if others.count() > 0 {
            return None;
        }
        match member.get("enum") {
            Some(Value::Array(listed)) => {
                for value in listed {
                    if !value.is_string() {
                        return None;
                    }
                    if !values.contains(value) {
                        values.push(value.clone());
                    }
                }
            }
            Some(_) => return None,
            None => plain = true,
        }
    }
    (plain && !values.is_empty()).then_some(values)
}

/// Leaves out the `allOf` of `$ref`s beside an `enum` (`{type: integer,
/// enum: [1], allOf: [{$ref: ComponentTypes}]}`, a tag narrowed to one value
/// of a referenced enum): the `enum` says which values are valid, and typify
/// panics checking them against a reference.
fn enum_beside_a_reference(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Array(members)) = map.get("allOf") else {
        return;
    };
    let only_references = !members.is_empty() && members.iter().all(|m| m.get("$ref").is_some());
    if !map.contains_key("enum") || !only_references {
        return;
    }
    let targets: Vec<&str> = members
        .iter()
        .filter_map(|m| m.get("$ref").and_then(Value::as_str))
        .collect();
    let message = format!(
        "an `enum` beside `allOf: [{{$ref: {}}}]` narrows the referenced type to its values: \
         read as the `enum` alone (typify cannot check the values against a reference)",
        targets.join("}, {$ref: ")
    );
    map.remove("allOf");
    warn(&format!("{pointer}/allOf"), message);
}

/// The components typify reads as an object of alternatives: an `anyOf` of
/// several members that are not `null`.
/// What the readings of one schema know of the components.
#[derive(Default)]
pub(super) struct Known {
    /// The components typify reads as an object of alternatives (an `anyOf`
    /// of several), by name.
    pub unions: BTreeSet<String>,
    /// The components that decode from a value that is not an object (a
    /// string, a list, a union with such an alternative), by name.
    pub values: BTreeSet<String>,
}

impl Known {
    pub fn of(root: &Map<String, Value>) -> Known {
        Known {
            unions: component_unions(root),
            values: component_values(root),
        }
    }
}

/// The components that decode from a value that is not an object: a scalar
/// or list `type`, an `enum` of such values, an `allOf` of one such
/// component, or an `anyOf`/`oneOf` with such an alternative (which the
/// readings make a `oneOf`, whose first alternative that decodes is taken).
/// Written before the readings, so a 3.1 type list counts too.
fn component_values(root: &Map<String, Value>) -> BTreeSet<String> {
    let Some(schemas) = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
    else {
        return BTreeSet::new();
    };
    let mut values = BTreeSet::new();
    // A component is a value through those it refers to: a round more for
    // each step of such a chain, as long as one is added.
    for _ in 0..schemas.len().min(MAX_REFERENCE_CHAIN) {
        let before = values.len();
        for (name, schema) in schemas {
            if !values.contains(name) && is_a_value(schema, &values) {
                values.insert(name.clone());
            }
        }
        if values.len() == before {
            break;
        }
    }
    values
}

/// How many `$ref`s deep [`component_values`] follows a chain of components.
const MAX_REFERENCE_CHAIN: usize = 16;

fn is_a_value(schema: &Value, values: &BTreeSet<String>) -> bool {
    const VALUE_TYPES: [&str; 5] = ["string", "integer", "number", "boolean", "array"];
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        return target
            .strip_prefix("#/components/schemas/")
            .is_some_and(|name| values.contains(&unescape(name)));
    }
    match schema.get("type") {
        Some(Value::String(kind)) => return VALUE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => {
            return kinds
                .iter()
                .any(|kind| kind.as_str().is_some_and(|k| VALUE_TYPES.contains(&k)));
        }
        _ => {}
    }
    if schema.get("properties").is_some() {
        return false;
    }
    if let Some(Value::Array(listed)) = schema.get("enum") {
        return listed
            .iter()
            .any(|value| !value.is_object() && !value.is_null());
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        return parts.len() == 1 && is_a_value(&parts[0], values);
    }
    ["anyOf", "oneOf"].into_iter().any(|keyword| {
        schema
            .get(keyword)
            .and_then(Value::as_array)
            .is_some_and(|alternatives| alternatives.iter().any(|a| is_a_value(a, values)))
    })
}

fn component_unions(root: &Map<String, Value>) -> BTreeSet<String> {
    let schemas = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object);
    schemas
        .into_iter()
        .flatten()
        .filter(|(_, schema)| {
            let members = schema.get("anyOf").and_then(Value::as_array);
            // Read as one open `enum` (`string_or_enum`).
            if members.is_some_and(|members| open_enum_values(members).is_some()) {
                return false;
            }
            let alternatives = members.into_iter().flatten().filter(|member| {
                let null = |kind: &Value| kind.as_str() == Some("null");
                !member.get("type").is_some_and(null)
            });
            alternatives.count() > 1
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Leaves out an `anyOf` or `oneOf` whose alternatives only say which
/// members must be present (`anyOf: [{required: [id]}, {required:
/// [user_id]}]`), and requires the members every alternative requires. typify
/// merges each alternative with the negation of the others, which it reads
/// as "none of their members": its variants drop members the caller may
/// send together, and when the alternatives share a required member
/// (intercom's `create_data_event_request`: `event_name` in each) every
/// variant is impossible, and no value decodes. Which of the members to
/// send is then the caller's to know, as the server checks it.
fn required_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let only_required = |alternative: &Value| {
        alternative.as_object().is_some_and(|a| {
            a.get("required").is_some_and(Value::is_array)
                && a.get("type").is_none_or(|kind| kind == "object")
                && a.keys()
                    .all(|k| matches!(k.as_str(), "required" | "type" | "title" | "description"))
        })
    };
    let Some(keyword) = ["anyOf", "oneOf"].into_iter().find(|k| {
        map.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|all| !all.is_empty() && all.iter().all(only_required))
    }) else {
        return;
    };
    let Some(Value::Array(alternatives)) = map.remove(keyword) else {
        return;
    };
    let lists: Vec<Vec<&str>> = alternatives
        .iter()
        .map(|a| {
            a.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        })
        .collect();
    let shared: Vec<&str> = lists[0]
        .iter()
        .copied()
        .filter(|name| lists.iter().all(|list| list.contains(name)))
        .collect();
    let required = map
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(required) = required {
        for name in &shared {
            if !required.iter().any(|r| r == name) {
                required.push(Value::String((*name).to_owned()));
            }
        }
    }
    if map
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        map.remove("required");
    }
    let shown: Vec<String> = lists
        .iter()
        .map(|list| {
            let names: Vec<String> = list
                .iter()
                .filter(|name| !shared.contains(name))
                .map(|name| format!("`{name}`"))
                .collect();
            match names.split_last() {
                None => "nothing more".to_owned(),
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            }
        })
        .collect();
    let always = if shared.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = shared.iter().map(|name| format!("`{name}`")).collect();
        format!(", and {} required", names.join(", "))
    };
    warn(
        &format!("{pointer}/{keyword}"),
        format!(
            "`{keyword}` of alternatives that only require members ({}) is left out{always}: \
             typify would read each as forbidding the others' members; which to send is for the \
             caller to know, and for the server to check",
            shown.join("; or ")
        ),
    );
}

/// Leaves out `not: {required: [a, b]}`, which says that `a` and `b` are
/// not both present (OpenAI's `ImageRefParam`: an `image_url` or a
/// `file_id`, not both). typify reads it as forbidding each of them, and
/// with `additionalProperties: false` made a struct of no members.
fn required_combination(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Object(not)) = map.get("not") else {
        return;
    };
    let Some(Value::Array(names)) = not.get("required") else {
        return;
    };
    if !not
        .keys()
        .all(|k| matches!(k.as_str(), "required" | "title" | "description"))
    {
        return;
    }
    let names: Vec<String> = names
        .iter()
        .filter_map(Value::as_str)
        .map(|name| format!("`{name}`"))
        .collect();
    map.remove("not");
    warn(
        &format!("{pointer}/not"),
        format!(
            "`not: {{required: [...]}}` ({} not all together) is left out: typify would read \
             it as forbidding each of them; which to send is for the caller to know, and for the \
             server to check",
            names.join(", ")
        ),
    );
}

/// Leaves out `additionalProperties: false` on an inline part of an `allOf`
/// whose other parts describe members that part does not (linode's pages:
/// `{data}` and `{page, pages, results}`, each closed). Read literally, no
/// object has both parts' members; typify merges the parts so, and makes a
/// struct of no members that denies every member a real response has. A
/// part that is a `$ref` describes members it cannot see either.
fn closed_parts_of_all_of(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    // The members each part describes; `None` for a `$ref`, whose members
    // are not looked up here.
    let described: Vec<Option<BTreeSet<String>>> = parts
        .iter()
        .map(|part| {
            if part.get("$ref").is_some() {
                return None;
            }
            let names = part.get("properties").and_then(Value::as_object);
            Some(names.into_iter().flat_map(|p| p.keys().cloned()).collect())
        })
        .collect();
    for (index, part) in parts.iter_mut().enumerate() {
        let Value::Object(part) = part else {
            continue;
        };
        let (Some(Value::Bool(false)), Some(own)) =
            (part.get("additionalProperties"), &described[index])
        else {
            continue;
        };
        let foreign: BTreeSet<&str> = described
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .filter_map(|(_, names)| names.as_ref())
            .flatten()
            .filter(|name| !own.contains(*name))
            .map(String::as_str)
            .collect();
        let beside_a_reference = described.iter().any(Option::is_none);
        if foreign.is_empty() && !beside_a_reference {
            continue;
        }
        part.remove("additionalProperties");
        let what = if foreign.is_empty() {
            "the members of a `$ref` beside it".to_owned()
        } else {
            let names: Vec<String> = foreign.iter().map(|name| format!("`{name}`")).collect();
            format!("{}, which other parts describe", names.join(", "))
        };
        warn(
            &format!("{pointer}/allOf/{index}/additionalProperties"),
            format!(
                "`additionalProperties: false` on a part of an `allOf` is left out: it would \
                 forbid {what}, so that no object fits all the parts"
            ),
        );
    }
}

/// Reads a member that one part of an `allOf` types `number` and another
/// `integer` (github's `workflow_job.run_id`) as an integer in both, the
/// values every part accepts. typify cannot merge the two: it leaves the
/// member out, makes it `()` when nullable, and makes a type no value
/// decodes into (an enum of no variants) when it is required.
fn numbers_of_all_of(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    let typed = |part: &Value, name: &str, kind: &str| {
        part.get("properties")
            .and_then(|properties| properties.get(name))
            .and_then(|property| property.get("type"))
            .and_then(Value::as_str)
            == Some(kind)
    };
    let names: BTreeSet<String> = parts
        .iter()
        .filter_map(|part| part.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.keys().cloned())
        .collect();
    for name in names {
        if !parts.iter().any(|part| typed(part, &name, "integer")) {
            continue;
        }
        for (index, part) in parts.iter_mut().enumerate() {
            if !typed(part, &name, "number") {
                continue;
            }
            let Some(Value::Object(property)) =
                part.get_mut("properties").and_then(|p| p.get_mut(&name))
            else {
                continue;
            };
            property.insert("type".to_owned(), Value::String("integer".to_owned()));
            // `float` and `double` say nothing of an integer.
            if matches!(
                property.get("format").and_then(Value::as_str),
                Some("float" | "double")
            ) {
                property.remove("format");
            }
            warn(
                &format!("{pointer}/allOf/{index}/properties/{}/type", escape(&name)),
                format!(
                    "member `{name}` is a `number` here and an `integer` in another part of the \
                     `allOf`: read as an integer, which both accept"
                ),
            );
        }
    }
}

/// Moves what `allOf` members that only annotate (`{description: …}`
/// beside `{$ref: X}`) say to the schema itself: typify would make a type of
/// their own of the merge, named as the property is, when it is `X`.
fn annotation_members(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    const ANNOTATIONS: [&str; 6] = [
        "description",
        "title",
        "example",
        "readOnly",
        "writeOnly",
        "deprecated",
    ];
    let annotates = |member: &Value| {
        member
            .as_object()
            .is_some_and(|m| !m.is_empty() && m.keys().all(|k| ANNOTATIONS.contains(&k.as_str())))
    };
    let Some(Value::Array(members)) = map.get("allOf") else {
        return;
    };
    let references = members.iter().filter(|m| m.get("$ref").is_some()).count();
    if references == 0 || !members.iter().any(annotates) {
        return;
    }
    let Some(Value::Array(members)) = map.remove("allOf") else {
        return;
    };
    let mut kept = Vec::new();
    for (index, member) in members.into_iter().enumerate() {
        if !annotates(&member) {
            kept.push(member);
            continue;
        }
        warn(
            &format!("{pointer}/allOf/{index}"),
            "an `allOf` member that only annotates is read as annotations of the schema itself"
                .to_owned(),
        );
        if let Value::Object(annotations) = member {
            for (key, value) in annotations {
                map.entry(key).or_insert(value);
            }
        }
    }
    map.insert("allOf".to_owned(), Value::Array(kept));
}

/// Leaves out the properties whose Rust field name (as typify derives it)
/// an earlier property has (`isGlobal` beside `is_global`): a struct cannot
/// have both, and the client ignores members it has no field for.
fn properties_with_one_rust_name(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Object(properties)) = map.get("properties") else {
        return;
    };
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut clashes = Vec::new();
    for name in properties.keys() {
        match seen.get(&rust_parameter_name(name)) {
            Some(earlier) => clashes.push((name.clone(), (*earlier).to_owned())),
            None => {
                seen.insert(rust_parameter_name(name), name);
            }
        }
    }
    for (name, earlier) in clashes {
        warn(
            &format!("{pointer}/properties/{}", escape(&name)),
            format!(
                "property `{name}` gets the same Rust name as `{earlier}`, `{}`: it is left out \
                 of the type (decoding ignores it, and it cannot be sent)",
                rust_parameter_name(&name)
            ),
        );
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            properties.remove(&name);
        }
        if let Some(Value::Array(required)) = map.get_mut("required") {
            required.retain(|member| member.as_str() != Some(name.as_str()));
        }
    }
}

/// Reads an `anyOf` or `oneOf` whose alternatives are all the same scalar
/// type, told apart by a `format` at most (`string`, or `string` with
/// `format: binary`), as that one type: typify makes a struct of such
/// alternatives, which no string or number decodes into. The format stays
/// when every alternative has it.
fn alternatives_of_one_type(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    if map.contains_key("type") || map.contains_key("properties") || map.contains_key("allOf") {
        return;
    }
    let Some((keyword, one)) = ["anyOf", "oneOf"]
        .into_iter()
        .find_map(|k| Some((k, one_type(map.get(k)?.as_array()?)?)))
    else {
        return;
    };
    let OneType {
        kind,
        format,
        nullable,
        shown,
    } = one;
    map.remove(keyword);
    map.insert("type".to_owned(), Value::String(kind.clone()));
    if let Some(format) = format {
        map.insert("format".to_owned(), format);
    }
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    warn(
        &format!("{pointer}/{keyword}"),
        format!(
            "`{keyword}` of {} reads as one `{kind}`: typify would make a struct of the \
             alternatives, which no {kind} decodes into",
            shown.join(", ")
        ),
    );
}

/// Reads an `anyOf` with an alternative that is not an object (a list, a
/// string) as a `oneOf`: the first alternative that decodes is taken.
/// typify reads `anyOf` as a struct of its alternatives flattened, which
/// only objects decode into.
fn any_of_values(
    map: &mut Map<String, Value>,
    pointer: &str,
    values: &BTreeSet<String>,
    warn: &mut dyn FnMut(&str, String),
) {
    if map.contains_key("oneOf") {
        return;
    }
    let Some(alternatives) = map.get("anyOf").and_then(Value::as_array) else {
        return;
    };
    let value = alternatives.iter().find_map(|a| {
        // OpenAI's `ModelIds`: `anyOf` two components of model names.
        if let Some(target) = a.get("$ref").and_then(Value::as_str) {
            let name = unescape(target.strip_prefix("#/components/schemas/")?);
            return values
                .contains(&name)
                .then(|| format!("`{name}`, which is not an object,"));
        }
        let kind = a.get("type")?.as_str()?;
        matches!(kind, "array" | "string" | "integer" | "number" | "boolean")
            .then(|| format!("a `{kind}`"))
    });
    let Some(value) = value else {
        return;
    };
    if let Some(alternatives) = map.remove("anyOf") {
        // typify checks a union's default against its alternatives and
        // refuses the spec when none takes it.
        if let Some(default) = map.get("default")
            && !alternatives
                .as_array()
                .is_some_and(|all| all.iter().any(|a| takes(a, default)))
        {
            warn(
                &format!("{pointer}/default"),
                format!("`default: {default}` fits none of the alternatives: left out"),
            );
            map.remove("default");
        }
        map.insert("oneOf".to_owned(), alternatives);
    }
    warn(
        &format!("{pointer}/anyOf"),
        format!(
            "`anyOf` with {value} among its alternatives reads as `oneOf`, the first \
             alternative that decodes: typify would make a struct of the alternatives, which \
             only objects decode into"
        ),
    );
}

/// Whether the inline schema `alternative` takes `value`, by its type and
/// `enum`; a `$ref` is not looked up, and takes nothing.
fn takes(alternative: &Value, value: &Value) -> bool {
    let kind_fits = match alternative.get("type").and_then(Value::as_str) {
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        Some("object") => value.is_object(),
        _ => false,
    };
    let listed = alternative
        .get("enum")
        .and_then(Value::as_array)
        .is_none_or(|values| values.contains(value));
    kind_fits && listed
}

/// The one scalar type that `alternatives` all are, and how to read them
/// as it.
struct OneType {
    kind: String,
    /// The format every alternative has, if they all have the same.
    format: Option<Value>,
    nullable: bool,
    /// The alternatives, as the warning names them.
    shown: Vec<String>,
}

fn one_type(alternatives: &[Value]) -> Option<OneType> {
    const PLAIN: [&str; 7] = [
        "type",
        "format",
        "title",
        "description",
        "example",
        "examples",
        "nullable",
    ];
    let plain: Vec<&Map<String, Value>> = alternatives
        .iter()
        .map(|a| {
            a.as_object()
                .filter(|a| a.keys().all(|k| PLAIN.contains(&k.as_str())))
        })
        .collect::<Option<_>>()?;
    let kinds: Vec<&str> = plain
        .iter()
        .map(|a| a.get("type")?.as_str())
        .collect::<Option<_>>()?;
    let kind = *kinds.first()?;
    if plain.len() < 2
        || kinds.iter().any(|k| *k != kind)
        || !matches!(kind, "string" | "integer" | "number" | "boolean")
    {
        return None;
    }
    let first_format = plain[0].get("format");
    Some(OneType {
        kind: kind.to_owned(),
        format: first_format
            .filter(|_| plain.iter().all(|a| a.get("format") == first_format))
            .cloned(),
        nullable: plain
            .iter()
            .any(|a| a.get("nullable") == Some(&Value::Bool(true))),
        shown: plain
            .iter()
            .map(|a| match a.get("format").and_then(Value::as_str) {
                Some(format) => format!("`{kind}` ({format})"),
                None => format!("`{kind}`"),
            })
            .collect(),
    })
}

/// Leaves out the bounds that apply only to another type (`minimum` on an
/// array): openapiv3 would read the schema as one of mixed kinds, which
/// typify and the mock samples read differently.
fn keywords_of_other_types(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    const BOUNDS: [(&str, &[&str]); 16] = [
        ("minimum", &["integer", "number"]),
        ("maximum", &["integer", "number"]),
        ("exclusiveMinimum", &["integer", "number"]),
        ("exclusiveMaximum", &["integer", "number"]),
        ("multipleOf", &["integer", "number"]),
        ("minLength", &["string"]),
        ("maxLength", &["string"]),
        ("pattern", &["string"]),
        ("minItems", &["array"]),
        ("maxItems", &["array"]),
        ("uniqueItems", &["array"]),
        ("minProperties", &["object"]),
        ("maxProperties", &["object"]),
        // Box's timeline `appears`, a list, requires `start` and `end`,
        // which its items describe.
        ("required", &["object"]),
        // github's hook delivery `payload`, a string: the mock's sample
        // of it was an object.
        ("properties", &["object"]),
        ("additionalProperties", &["object"]),
    ];
    if !matches!(
        kind,
        "integer" | "number" | "string" | "boolean" | "array" | "object"
    ) {
        return;
    }
    for (keyword, kinds) in BOUNDS {
        if !kinds.contains(&kind) && map.remove(keyword).is_some() {
            warn(
                &format!("{pointer}/{keyword}"),
                format!("`{keyword}` does not apply to type `{kind}`: left out"),
            );
        }
    }
}

fn meaningless_format(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    if !matches!(kind, "object" | "array" | "boolean") {
        return;
    }
    if let Some(format) = map.remove("format") {
        warn(
            &format!("{pointer}/format"),
            format!("`format: {format}` means nothing for type `{kind}`: left out"),
        );
    }
}

fn string_enum(map: &mut Map<String, Value>, pointer: &str, warn: &mut dyn FnMut(&str, String)) {
    let Some(Value::Array(values)) = map.get_mut("enum") else {
        return;
    };
    for (index, value) in values.iter_mut().enumerate() {
        let text = match value {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        warn(
            &format!("{pointer}/enum/{index}"),
            format!(
                "`{text}` among the values of a string `enum` is read as the string \
                 \"{text}\"; quote it"
            ),
        );
        *value = Value::String(text);
    }
    let names: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
    if let Some((first, second)) = same_rust_name(&names) {
        let message = format!(
            "the `enum` values \"{first}\" and \"{second}\" get the same Rust name: the value \
             is read as a plain string"
        );
        map.remove("enum");
        warn(&format!("{pointer}/enum"), message);
    }
}

/// Two values typify would give the same variant name, even after its
/// second try (the characters a name cannot hold written `X`).
fn same_rust_name<'a>(values: &[&'a str]) -> Option<(&'a str, &'a str)> {
    let clash = |name: fn(&str) -> String| {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for value in values {
            if let Some(first) = seen.insert(name(value), value)
                && first != *value
            {
                return Some((first, *value));
            }
        }
        None
    };
    clash(variant_name)?;
    clash(|value| {
        variant_name(&value.replace(
            |c: char| c == '_' || !unicode_ident::is_xid_continue(c),
            "X",
        ))
    })
}

/// The variant name typify derives from an enum value (its `sanitize`):
/// what a name cannot hold separates words, and `+1`/`-1` are spelled out.
fn variant_name(value: &str) -> String {
    let name = match value {
        "+1" => "plus1".to_pascal_case(),
        "-1" => "minus1".to_pascal_case(),
        _ => value
            .replace('\'', "")
            .replace(|c: char| !unicode_ident::is_xid_continue(c), "-")
            .to_pascal_case(),
    };
    match name.chars().next() {
        Some(c) if unicode_ident::is_xid_start(c) => name,
        _ => format!("X{name}"),
    }
}

fn default(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(written) = map.get("default").cloned() else {
        return;
    };
    let at = format!("{pointer}/default");
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    if written.is_null() {
        if !nullable {
            map.remove("default");
            warn(
                &at,
                "`default: null` where the value cannot be null: left out".to_owned(),
            );
        }
        return;
    }
    let read = match (kind, &written) {
        ("boolean", Value::String(text)) => text.trim().parse::<bool>().ok().map(Value::Bool),
        ("integer", Value::String(text)) => text.trim().parse::<i64>().ok().map(Value::from),
        ("number", Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        ("string", Value::Number(n)) => Some(Value::String(n.to_string())),
        ("string", Value::Bool(b)) => Some(Value::String(b.to_string())),
        _ => None,
    };
    if let Some(read) = &read {
        warn(
            &at,
            format!("`default: {written}` of a `{kind}` is read as `{read}`"),
        );
        map.insert("default".to_owned(), read.clone());
    }
    let value = read.unwrap_or(written);
    // typify refuses the default of a one-value enum, which a tagged
    // union's tag property often has; it gives that value anyway.
    if let Some(Value::Array(allowed)) = map.get("enum")
        && allowed.as_slice() == [value.clone()]
    {
        map.remove("default");
        warn(
            &at,
            format!("`default: {value}` is the one value allowed: left out, as it says no more"),
        );
        return;
    }
    if let Some(why) = misfit(map, kind, &value) {
        map.remove("default");
        warn(&at, format!("`default: {value}` {why}: left out"));
    }
}

/// Why `value` cannot be the value of a schema of type `kind`, if it cannot.
fn misfit(map: &Map<String, Value>, kind: &str, value: &Value) -> Option<String> {
    let fits_type = match kind {
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    };
    if !fits_type {
        return Some(format!("is not a `{kind}`"));
    }
    if let Some(Value::Array(allowed)) = map.get("enum")
        && !allowed.contains(value)
    {
        return Some("is not among the `enum` values".to_owned());
    }
    let number = value.as_f64()?;
    let below = map
        .get("minimum")
        .and_then(Value::as_f64)
        .is_some_and(|minimum| number < minimum);
    let above = map
        .get("maximum")
        .and_then(Value::as_f64)
        .is_some_and(|maximum| number > maximum);
    (below || above).then(|| "is outside `minimum`/`maximum`".to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_schema(schema: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut map) = schema else {
            panic!("a schema is a mapping");
        };
        let mut said = Vec::new();
        let known = Known {
            unions: ["Voices".to_owned()].into_iter().collect(),
            values: ["ModelIdsShared".to_owned()].into_iter().collect(),
        };
        read(&mut map, "/S", &known, &mut |pointer, message| {
            said.push((pointer.to_owned(), message))
        });
        (Value::Object(map), said)
    }

    #[test]
    fn keywords_of_another_type_are_left_out() {
        // github's hook delivery `payload`, and box's timeline `appears`.
        let (schema, warnings) = read_schema(json!({
            "type": "string",
            "nullable": true,
            "additionalProperties": true,
            "properties": {"a": {"type": "string"}},
            "minLength": 2
        }));
        assert_eq!(
            schema,
            json!({"type": "string", "nullable": true, "minLength": 2})
        );
        let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/S/properties", "/S/additionalProperties"]);
        assert!(
            warnings[1].1.contains("does not apply to type `string`"),
            "{warnings:?}"
        );
        let (schema, _) = read_schema(json!({
            "type": "array",
            "items": {"type": "string"},
            "required": ["start"]
        }));
        assert!(schema.get("required").is_none(), "{schema}");
        // An object keeps its own.
        let object = json!({
            "type": "object",
            "additionalProperties": {"type": "string"},
            "minProperties": 1
        });
        assert_eq!(read_schema(object.clone()).0, object);
    }

    #[test]
    fn a_member_a_number_in_one_part_and_an_integer_in_another_is_an_integer() {
        // As github writes `workflow_job` in its workflow job events.
        let (schema, warnings) = read_schema(json!({
            "allOf": [
                {
                    "type": "object",
                    "required": ["run_id"],
                    "properties": {
                        "run_id": {"type": "number", "format": "double"},
                        "runner_id": {"type": "integer", "nullable": true},
                        "ratio": {"type": "number"}
                    }
                },
                {
                    "type": "object",
                    "properties": {
                        "run_id": {"type": "integer"},
                        "runner_id": {"type": "number", "nullable": true},
                        "ratio": {"type": "number"}
                    }
                }
            ]
        }));
        assert_eq!(
            schema["allOf"][0]["properties"]["run_id"],
            json!({"type": "integer"})
        );
        assert_eq!(
            schema["allOf"][1]["properties"]["runner_id"],
            json!({"type": "integer", "nullable": true})
        );
        // A member every part calls a number stays one.
        assert_eq!(schema["allOf"][0]["properties"]["ratio"]["type"], "number");
        assert_eq!(schema["allOf"][1]["properties"]["ratio"]["type"], "number");
        let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/S/allOf/0/properties/run_id/type",
                "/S/allOf/1/properties/runner_id/type"
            ]
        );
        assert!(warnings[0].1.contains("read as an integer"), "{warnings:?}");
    }

    #[test]
    fn a_closed_part_of_an_all_of_is_opened_to_the_other_parts() {
        // As linode writes its pages.
        let (schema, warnings) = read_schema(json!({
            "allOf": [
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {"data": {"type": "array", "items": {"type": "string"}}}
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {"page": {"type": "integer"}, "pages": {"type": "integer"}}
                }
            ]
        }));
        assert!(
            schema["allOf"][0].get("additionalProperties").is_none(),
            "{schema}"
        );
        assert!(
            schema["allOf"][1].get("additionalProperties").is_none(),
            "{schema}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/allOf/0/additionalProperties");
        assert!(warnings[0].1.contains("`page`, `pages`"), "{warnings:?}");
        assert!(warnings[1].1.contains("forbid `data`"), "{warnings:?}");

        // Beside a `$ref` too; but parts that describe the same members, or
        // an open part, keep what they say.
        let (schema, _) = read_schema(json!({
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"additionalProperties": false, "properties": {"id": {"type": "string"}}}
            ]
        }));
        assert!(
            schema["allOf"][1].get("additionalProperties").is_none(),
            "{schema}"
        );
        let agreeing = json!({
            "allOf": [
                {"additionalProperties": false, "properties": {"id": {"type": "string"}}},
                {"required": ["id"], "properties": {"id": {"minLength": 1}}}
            ]
        });
        let (schema, warnings) = read_schema(agreeing.clone());
        assert_eq!(schema, agreeing);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn alternatives_that_only_require_members_are_left_out() {
        // As intercom writes its `create_data_event_request`.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "required": ["created_at"],
            "properties": {
                "event_name": {"type": "string"},
                "created_at": {"type": "integer"},
                "id": {"type": "string"},
                "email": {"type": "string"}
            },
            "anyOf": [
                {"title": "id required", "required": ["event_name", "created_at", "id"]},
                {"title": "email required", "required": ["event_name", "created_at", "email"]}
            ]
        }));
        assert!(schema.get("anyOf").is_none(), "{schema}");
        assert_eq!(schema["required"], json!(["created_at", "event_name"]));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/anyOf");
        assert!(
            warnings[0].1.contains("members (`id`; or `email`)")
                && warnings[0]
                    .1
                    .contains("`event_name`, `created_at` required"),
            "{warnings:?}"
        );

        // OpenAI's `ImageRefParam`: one of two, and not both.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"image_url": {"type": "string"}, "file_id": {"type": "string"}},
            "anyOf": [{"required": ["image_url"]}, {"required": ["file_id"]}],
            "not": {"required": ["image_url", "file_id"]}
        }));
        assert!(
            schema.get("not").is_none() && schema.get("anyOf").is_none(),
            "{schema}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[1].0, "/S/not");
        assert!(
            warnings[1]
                .1
                .contains("(`image_url`, `file_id` not all together)"),
            "{warnings:?}"
        );

        // Disjoint alternatives leave nothing more required.
        let (schema, _) = read_schema(json!({
            "type": "object",
            "properties": {"id": {"type": "string"}, "user_id": {"type": "string"}},
            "oneOf": [{"required": ["id"]}, {"required": ["user_id"]}]
        }));
        assert!(
            schema.get("oneOf").is_none() && schema.get("required").is_none(),
            "{schema}"
        );

        // Alternatives that describe a shape are kept.
        let shaped = json!({
            "type": "object",
            "anyOf": [
                {"required": ["id"]},
                {"required": ["name"], "properties": {"name": {"type": "string"}}}
            ]
        });
        let (schema, warnings) = read_schema(shaped.clone());
        assert_eq!(schema, shaped);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn alternatives_of_one_scalar_type_are_that_type() {
        let (schema, warnings) = read_schema(json!({
            "title": "Input Audio",
            "anyOf": [{"type": "string"}, {"type": "string", "format": "binary"}]
        }));
        assert_eq!(schema, json!({"title": "Input Audio", "type": "string"}));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/anyOf");
        assert!(warnings[0].1.contains("`string` (binary)"), "{warnings:?}");

        let (schema, _) = read_schema(json!({
            "oneOf": [
                {"type": "integer", "format": "int64"},
                {"type": "integer", "format": "int64", "nullable": true}
            ]
        }));
        assert_eq!(
            schema,
            json!({"type": "integer", "format": "int64", "nullable": true})
        );

        // Alternatives of other types, with an enum, or behind a `$ref`
        // stay a choice: a `oneOf`, the first that decodes.
        for choice in [
            json!([{"type": "string"}, {"type": "integer"}]),
            json!([{"type": "string", "enum": ["a"]}, {"type": "integer"}]),
            json!([{"$ref": "#/components/schemas/A"}, {"type": "string"}]),
            json!([{"type": "array", "items": {"type": "string"}}, {"type": "array"}]),
        ] {
            let (schema, warnings) = read_schema(json!({"anyOf": choice.clone()}));
            assert_eq!(schema, json!({"oneOf": choice}));
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].1.contains("reads as `oneOf`"), "{warnings:?}");
        }
        // Objects, which typify's struct of alternatives decodes, and a
        // schema that is already a `oneOf` stay as they are.
        for kept in [
            json!({"anyOf": [{"type": "object"}, {"$ref": "#/components/schemas/A"}]}),
            json!({"oneOf": [{"type": "string"}], "anyOf": [{"type": "string"}]}),
        ] {
            let (schema, warnings) = read_schema(kept.clone());
            assert_eq!(schema, kept);
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    #[test]
    fn a_format_of_an_object_or_list_is_left_out() {
        let (schema, said) = read_schema(json!({"type": "object", "format": "kvpairs"}));
        assert_eq!(schema, json!({"type": "object"}));
        assert_eq!(said[0].0, "/S/format");
        assert!(said[0].1.contains("`format: \"kvpairs\"`"), "{said:?}");
        let (schema, _) = read_schema(json!({"type": "array", "format": "ipv4", "items": {}}));
        assert_eq!(schema, json!({"type": "array", "items": {}}));
        let (schema, said) = read_schema(json!({"type": "string", "minLength": 0, "maxLength": 3}));
        assert_eq!(schema, json!({"type": "string", "maxLength": 3}));
        assert_eq!(said[0].0, "/S/minLength");
        let (schema, said) =
            read_schema(json!({"type": "array", "items": {}, "minimum": 0, "maxItems": 3}));
        assert_eq!(schema, json!({"type": "array", "items": {}, "maxItems": 3}));
        assert_eq!(said[0].0, "/S/minimum");
        let (schema, said) =
            read_schema(json!({"type": "array", "items": {}, "required": ["start", "end"]}));
        assert_eq!(schema, json!({"type": "array", "items": {}}));
        assert_eq!(said[0].0, "/S/required");
        // A string's format, known or not, is typify's to read.
        let (schema, said) = read_schema(json!({"type": "string", "format": "uri-map"}));
        assert_eq!(schema, json!({"type": "string", "format": "uri-map"}));
        assert!(said.is_empty());
    }

    #[test]
    fn defaults_written_as_text_are_read_as_their_type() {
        let (schema, said) = read_schema(json!({"type": "boolean", "default": "false"}));
        assert_eq!(schema["default"], json!(false));
        assert_eq!(
            said,
            [(
                "/S/default".to_owned(),
                "`default: \"false\"` of a `boolean` is read as `false`".to_owned()
            )]
        );
        let (schema, _) = read_schema(json!({"type": "integer", "default": "3600"}));
        assert_eq!(schema["default"], json!(3600));
        let (schema, _) = read_schema(json!({"type": "string", "default": 3600}));
        assert_eq!(schema["default"], json!("3600"));
        let (schema, _) = read_schema(json!({"type": "number", "default": "1e-08"}));
        assert_eq!(schema["default"], json!(1e-8));
    }

    #[test]
    fn defaults_that_do_not_fit_are_left_out() {
        for schema in [
            json!({"type": "integer", "default": null}),
            json!({"type": "boolean", "default": "maybe"}),
            json!({"type": "string", "enum": ["a", "b"], "default": "c"}),
            json!({"type": "integer", "minimum": 1, "default": 0}),
            json!({"type": "array", "items": {}, "default": {}}),
        ] {
            let (read, said) = read_schema(schema.clone());
            assert!(read.get("default").is_none(), "{schema} gave {read}");
            assert!(
                said.iter().any(|(_, m)| m.ends_with("left out")),
                "{said:?}"
            );
        }
        let kept = json!({"type": "integer", "nullable": true, "minimum": 0, "default": null});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        let (read, said) =
            read_schema(json!({"type": "string", "enum": ["tag"], "default": "tag"}));
        assert_eq!(read, json!({"type": "string", "enum": ["tag"]}));
        assert_eq!(said[0].0, "/S/default");
        let kept = json!({"type": "string", "enum": ["a", "b"], "default": "b"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn booleans_in_a_string_enum_are_text() {
        let (schema, said) = read_schema(json!({"type": "string", "enum": [true, "local", "off"]}));
        assert_eq!(schema["enum"], json!(["true", "local", "off"]));
        assert_eq!(said[0].0, "/S/enum/0");
    }

    #[test]
    fn enum_values_with_one_rust_name_make_a_string() {
        let (schema, said) =
            read_schema(json!({"type": "string", "enum": ["ASC", "DESC", "asc", "desc"]}));
        assert_eq!(schema, json!({"type": "string"}));
        assert_eq!(said[0].0, "/S/enum");
        assert!(said[0].1.contains("\"ASC\" and \"asc\""), "{said:?}");
        let (schema, _) =
            read_schema(json!({"type": "string", "enum": ["reactions-+1", "reactions--1"]}));
        assert_eq!(schema, json!({"type": "string"}));
        // typify tells these apart: `created` and `Xcreated` on its second try.
        for kept in [
            json!({"type": "string", "enum": ["created", "-created"]}),
            json!({"type": "string", "enum": ["+1", "-1"]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    fn read_document(document: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut root) = document else {
            panic!("a document is a mapping");
        };
        let mut said = Vec::new();
        super::document(&mut root, &mut |pointer, message| {
            said.push((pointer.to_owned(), message))
        });
        (Value::Object(root), said)
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
        // A misnamed one may be meant: no reading.
        let misnamed = json!({"paths": {"/s/{id}": {"get": {"parameters": [
            {"name": "sessionId", "in": "path", "required": true}
        ]}}}});
        assert_eq!(read_document(misnamed.clone()), (misnamed, vec![]));
        let dangling = json!({"paths": {"/s/{id}": {"get": {"parameters": [
            {"$ref": "#/components/parameters/Id"}
        ]}}}});
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
    fn a_property_type_named_like_a_component_gets_a_title() {
        let mut schemas = json!({
            "Classification": {"type": "object", "properties": {
                "$template": {"type": "string", "enum": ["a"]},
                "other": {"type": "string", "enum": ["b"]}
            }},
            "ClassificationTemplate": {"type": "object"}
        });
        let mut said = Vec::new();
        type_names(schemas.as_object_mut().unwrap(), &mut |pointer, message| {
            said.push((pointer.to_owned(), message))
        });
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
        type_names(schemas.as_object_mut().unwrap(), &mut |pointer, message| {
            panic!("{pointer}: {message}")
        });
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
        let mut said = Vec::new();
        let mut warn = |pointer: &str, message: String| said.push((pointer.to_owned(), message));
        let mut titles = type_names(schemas.as_object_mut().unwrap(), &mut warn);
        body_type_names(paths.as_object_mut().unwrap(), &mut titles, &mut warn);
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

    fn named(mut schemas: Value) -> (Value, Vec<(String, String)>) {
        let mut said = Vec::new();
        type_names(schemas.as_object_mut().unwrap(), &mut |pointer, message| {
            said.push((pointer.to_owned(), message))
        });
        (schemas, said)
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
                "/components/schemas/File/title",
                "/components/schemas/File--Mini/title",
                "/components/schemas/FileCopy/title"
            ]
        );
        assert!(
            said[0].1.contains("nullable through its `allOf`"),
            "{said:?}"
        );
        assert!(said[1].1.contains("of a nullable component"), "{said:?}");
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
    fn an_enum_beside_a_reference_is_read_alone() {
        let (schema, said) = read_schema(json!({
            "type": "integer", "enum": [23], "format": "int32",
            "allOf": [{"$ref": "#/components/schemas/MessageComponentTypes"}]
        }));
        assert_eq!(
            schema,
            json!({"type": "integer", "enum": [23], "format": "int32"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf");
        assert!(said[0].1.contains("MessageComponentTypes"), "{said:?}");
        // An `allOf` that adds more than a reference is typify's to merge.
        let kept = json!({"type": "string", "enum": ["a"], "allOf": [
            {"$ref": "#/components/schemas/Kind"}, {"maxLength": 3}
        ]});
        assert_eq!(read_schema(kept.clone()).0["allOf"], kept["allOf"]);
    }

    #[test]
    fn a_default_beside_a_reference_to_an_anyof_is_left_out() {
        // `Voices` is an `anyOf` of several (see `read_schema`).
        let (schema, said) = read_schema(json!({
            "description": "The voice.", "default": "alloy",
            "allOf": [{"$ref": "#/components/schemas/Voices"}]
        }));
        assert_eq!(
            schema,
            json!({"description": "The voice.", "allOf": [{"$ref": "#/components/schemas/Voices"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/default");
        assert!(said[0].1.contains("`Voices`, an `anyOf`"), "{said:?}");
        let kept = json!({"default": "alloy", "allOf": [{"$ref": "#/components/schemas/Voice"}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_string_or_a_string_enum_is_an_open_enum() {
        let (schema, said) = read_schema(json!({"description": "The voice.", "anyOf": [
            {"type": "string"},
            {"type": "string", "enum": ["alloy", "ash"], "description": "Built in."}
        ], "default": "alloy"}));
        assert_eq!(
            schema,
            json!({"description": "The voice.", "type": "string", "enum": ["alloy", "ash"],
                   "default": "alloy"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/anyOf");
        // A string with a bound of its own, or a number, is another union.
        for kept in [
            json!({"anyOf": [{"type": "string", "maxLength": 3}, {"type": "string", "enum": ["a"]}]}),
            json!({"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["a"]}]}),
            json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["b"]}]}),
        ] {
            // A union of values, which the `oneOf` reading below takes.
            assert_eq!(read_schema(kept.clone()).0["oneOf"], kept["anyOf"]);
        }
    }

    #[test]
    fn an_any_of_with_a_component_of_values_is_a_one_of() {
        // As OpenAI writes its `ModelIds`.
        let root = json!({"components": {"schemas": {
            "ModelIdsShared": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}]},
            "ModelIdsResponses": {"anyOf": [
                {"$ref": "#/components/schemas/ModelIdsShared"},
                {"type": "string", "enum": ["b"]}
            ]},
            "ModelIds": {"anyOf": [
                {"$ref": "#/components/schemas/ModelIdsShared"},
                {"$ref": "#/components/schemas/ModelIdsResponses"}
            ]},
            "Names": {"allOf": [{"$ref": "#/components/schemas/ModelIds"}]},
            "Tags": {"type": ["array", "null"], "items": {"type": "string"}},
            "Model": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Models": {"anyOf": [{"$ref": "#/components/schemas/Model"}, {"required": ["id"]}]}
        }}});
        let values = component_values(root.as_object().unwrap());
        assert_eq!(
            values.into_iter().collect::<Vec<_>>(),
            [
                "ModelIds",
                "ModelIdsResponses",
                "ModelIdsShared",
                "Names",
                "Tags"
            ]
        );

        let alternatives = json!([
            {"$ref": "#/components/schemas/Model"},
            {"$ref": "#/components/schemas/ModelIdsShared"}
        ]);
        let (schema, warnings) = read_schema(json!({"anyOf": alternatives.clone()}));
        assert_eq!(schema, json!({"oneOf": alternatives}));
        assert!(
            warnings[0]
                .1
                .contains("with `ModelIdsShared`, which is not an object,"),
            "{warnings:?}"
        );
        let objects = json!({"anyOf": [{"$ref": "#/components/schemas/Model"}]});
        assert_eq!(read_schema(objects.clone()).0, objects);
    }

    #[test]
    fn components_that_are_an_anyof_of_several_are_unions() {
        let root = json!({"components": {"schemas": {
            "Voices": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "VoiceIds": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["ash"]}]},
            "MaybeVoice": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "Voice": {"type": "string"}
        }}});
        let unions = component_unions(root.as_object().unwrap());
        assert_eq!(unions.into_iter().collect::<Vec<_>>(), ["Voices"]);
    }

    #[test]
    fn a_nullable_parameter_is_not_nullable() {
        let mut said = Vec::new();
        let mut warn = |pointer: &str, message: String| said.push((pointer.to_owned(), message));
        let mut parameter = json!({"name": "x-rep-hints", "in": "header",
                                   "schema": {"type": "string", "nullable": true}});
        nullable_parameter(&mut parameter, "/P", &mut warn);
        assert_eq!(parameter["schema"], json!({"type": "string"}));
        // A response header is not a parameter; a query's `null` changes nothing.
        for mut kept in [
            json!({"schema": {"type": "string", "nullable": true}}),
            json!({"name": "page", "in": "query", "schema": {"type": "string", "nullable": true}}),
        ] {
            nullable_parameter(&mut kept, "/H", &mut warn);
            assert_eq!(kept["schema"]["nullable"], true);
        }
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/P/schema/nullable");
        assert!(said[0].1.contains("header parameter"), "{said:?}");
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
    fn properties_with_one_rust_name_keep_one() {
        let (schema, said) = read_schema(json!({"type": "object",
            "properties": {"is_global": {"type": "boolean"}, "isGlobal": {"type": "boolean"}},
            "required": ["is_global", "isGlobal"]}));
        let kept: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(kept.len(), 1, "{schema}");
        assert_eq!(schema["required"], json!([kept[0]]));
        let left_out = if kept[0] == "is_global" {
            "isGlobal"
        } else {
            "is_global"
        };
        assert_eq!(said[0].0, format!("/S/properties/{left_out}"));
        assert!(said[0].1.contains("`is_global`"), "{said:?}");
    }

    #[test]
    fn an_inline_title_named_like_a_component_is_left_out() {
        let components = ["QuickReplyOption".to_owned()].into_iter().collect();
        let mut said = Vec::new();
        let mut warn = |pointer: &str, message: String| said.push((pointer.to_owned(), message));
        let mut inline = json!({"title": "Quick Reply Option", "type": "object"});
        let map = inline.as_object_mut().unwrap();
        inline_title(
            map,
            "/paths/~1x/get/responses/200/content/application~1json/schema",
            &components,
            &mut warn,
        );
        assert_eq!(inline, json!({"type": "object"}));
        let mut component = json!({"title": "Quick Reply Option", "type": "object"});
        let map = component.as_object_mut().unwrap();
        inline_title(
            map,
            "/components/schemas/quick_reply_option",
            &components,
            &mut warn,
        );
        assert_eq!(component["title"], "Quick Reply Option");
        assert_eq!(said.len(), 1);
    }

    #[test]
    fn allof_members_that_only_annotate_annotate_the_schema() {
        let (schema, said) = read_schema(json!({"nullable": true, "allOf": [
            {"$ref": "#/components/schemas/Item"},
            {"description": "The item."}
        ]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "description": "The item.",
                   "allOf": [{"$ref": "#/components/schemas/Item"}]})
        );
        assert_eq!(said[0].0, "/S/allOf/1");
        let kept = json!({"allOf": [{"$ref": "#/components/schemas/A"}, {"required": ["a"]}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn an_object_default_beside_a_reference_is_left_out() {
        let (schema, said) = read_schema(json!({
            "allOf": [{"$ref": "#/components/schemas/Prediction"}],
            "default": {"type": "content", "content": ""}
        }));
        assert_eq!(
            schema,
            json!({"allOf": [{"$ref": "#/components/schemas/Prediction"}]})
        );
        assert_eq!(said[0].0, "/S/default");
        // An `anyOf` of values is a `oneOf`, whose alternatives typify
        // checks a default against: one that fits stays, one that fits
        // none is left out.
        let (schema, _) = read_schema(json!({
            "anyOf": [{"type": "string", "enum": ["auto"]}, {"type": "integer"}],
            "default": "auto"
        }));
        assert_eq!(schema["default"], "auto", "{schema}");
        let (schema, said) = read_schema(json!({
            "anyOf": [{"type": "string", "enum": ["auto"]}, {"type": "integer"}],
            "default": "manual"
        }));
        assert!(schema.get("default").is_none(), "{schema}");
        assert_eq!(said[0].0, "/S/default");
        let kept = json!({"allOf": [{"$ref": "#/components/schemas/Mode"}], "default": "auto"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
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
    fn a_structured_header_is_a_string() {
        let (root, said) = read_document(json!({"paths": {"/l": {"get": {"parameters": [
            {"name": "X-Filter", "in": "header", "schema": {"description": "D", "oneOf": [{"type": "object"}]}},
            {"name": "X-Mode", "in": "header", "schema": {"type": "string"}}
        ]}}}}));
        let parameters = &root["paths"]["/l"]["get"]["parameters"];
        assert_eq!(
            parameters[0]["schema"],
            json!({"type": "string", "description": "D"})
        );
        assert_eq!(parameters[1]["schema"], json!({"type": "string"}));
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/paths/~1l/get/parameters/0/schema");
    }
}
