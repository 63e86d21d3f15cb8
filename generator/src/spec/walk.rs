//! The one way every stage walks a spec: its operations, the role of each
//! response status (a success progenitor types, or an error the crate's
//! runtime reads), and where a `$ref` leads.

use std::borrow::Borrow;

use indexmap::IndexMap;
use openapiv3::{
    Components, Header, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody,
    Response, Responses, Schema, StatusCode,
};
use serde_json::{Map, Value};

// ---- operations

/// The methods of a path item, in the order OpenAPI lists them.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The operations of a path item of the untyped document, each with its
/// method, in the order the item holds them; for the checks and readings
/// made before the document is typed.
pub(crate) fn untyped_operations(
    item: &Map<String, Value>,
) -> impl Iterator<Item = (&'static str, &Value)> {
    item.iter()
        .filter_map(|(key, operation)| Some((untyped_method(key)?, operation)))
        .filter(|(_, operation)| operation.is_object())
}

/// [`untyped_operations`], to rewrite.
pub(crate) fn untyped_operations_mut(
    item: &mut Map<String, Value>,
) -> impl Iterator<Item = (&'static str, &mut Value)> {
    item.iter_mut()
        .filter_map(|(key, operation)| Some((untyped_method(key)?, operation)))
        .filter(|(_, operation)| operation.is_object())
}

/// The method a member of a path item names, if it names one.
fn untyped_method(key: &str) -> Option<&'static str> {
    METHODS.into_iter().find(|method| *method == key)
}

/// The operation slots of a path item, each with its method, in the order
/// of [`METHODS`]; later stages rewrite or empty them.
pub(crate) fn operation_slots(item: &mut PathItem) -> [(&'static str, &mut Option<Operation>); 8] {
    let PathItem {
        get,
        put,
        post,
        delete,
        options,
        head,
        patch,
        trace,
        ..
    } = item;
    let mut methods = METHODS.into_iter();
    [get, put, post, delete, options, head, patch, trace]
        .map(|slot| (methods.next().unwrap_or_default(), slot))
}

/// The operations of a path item, each with its method, in the order of
/// [`METHODS`].
pub(crate) fn item_operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    let slots = [
        &item.get,
        &item.put,
        &item.post,
        &item.delete,
        &item.options,
        &item.head,
        &item.patch,
        &item.trace,
    ];
    METHODS
        .into_iter()
        .zip(slots)
        .filter_map(|(method, slot)| slot.as_ref().map(|operation| (method, operation)))
}

/// The operations of a path item, each with its method, to rewrite.
pub(crate) fn item_operations_mut(
    item: &mut PathItem,
) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    operation_slots(item)
        .into_iter()
        .filter_map(|(method, slot)| slot.as_mut().map(|operation| (method, operation)))
}

/// Every operation of the document with its path and method, in document
/// order. Path items behind a `$ref` are not looked into: validation refuses
/// them.
pub fn operations(api: &OpenAPI) -> impl Iterator<Item = (&str, &'static str, &Operation)> {
    api.paths
        .paths
        .iter()
        .filter_map(|(path, item)| item.as_item().map(|item| (path.as_str(), item)))
        .flat_map(|(path, item)| {
            item_operations(item).map(move |(method, operation)| (path, method, operation))
        })
}

/// Every operation of the document with its method, to rewrite, in
/// document order.
pub(crate) fn operations_mut(
    api: &mut OpenAPI,
) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    api.paths
        .paths
        .values_mut()
        .filter_map(|item| match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { .. } => None,
        })
        .flat_map(item_operations_mut)
}

/// The header through which a client makes a request safe to repeat: the
/// server acts on the first request with a given key and answers later ones
/// as it did the first.
pub(crate) const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The `operationId`s of the operations that declare an `Idempotency-Key`
/// header parameter (any case), on the operation or its path item.
pub(crate) fn idempotency_key_operations(api: &OpenAPI) -> std::collections::BTreeSet<&str> {
    let is_key = |parameter: &ReferenceOr<Parameter>| {
        matches!(
            resolve(api, parameter),
            Ok(Parameter::Header { parameter_data, .. })
                if parameter_data.name.eq_ignore_ascii_case(IDEMPOTENCY_KEY)
        )
    };
    api.paths
        .paths
        .values()
        .filter_map(ReferenceOr::as_item)
        .flat_map(|item| {
            let shared = item.parameters.iter().any(is_key);
            item_operations(item)
                .filter(move |(_, operation)| shared || operation.parameters.iter().any(is_key))
        })
        .filter_map(|(_, operation)| operation.operation_id.as_deref())
        .collect()
}

// ---- response statuses

/// A response key, as progenitor reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// One code, 100 to 599.
    Code(u16),
    /// A class of codes: `4XX` is `Range(4)`.
    Range(u8),
    /// `default`.
    Default,
}

/// Who reads the responses of a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// progenitor types the body: the operation's return value.
    Success,
    /// The crate's runtime reads the body, in whichever shape it comes.
    Error,
    /// Neither: informational and redirect statuses (the `101` of a
    /// WebSocket upgrade), which progenitor handles as it sees fit.
    Other,
}

impl Status {
    /// The status a response key names, or `None` when it names none.
    pub(crate) fn parse(key: &str) -> Option<Status> {
        if key == "default" {
            return Some(Status::Default);
        }
        if let [class @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] = key.as_bytes() {
            return Some(Status::Range(class - b'0'));
        }
        match key.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) && key.len() == 3 => Some(Status::Code(code)),
            _ => None,
        }
    }

    /// Whether this names successes itself: a 2xx code or `2XX`.
    pub(crate) fn is_explicit_success(self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }

    /// Its role among responses of which some are explicit successes, or
    /// none. progenitor takes `default` for a success too, unless the spec
    /// names its successes; then `default` is the errors' catch-all.
    pub(crate) fn role(self, explicit_success: bool) -> Role {
        match self {
            status if status.is_explicit_success() => Role::Success,
            Status::Code(400..) | Status::Range(4..) => Role::Error,
            Status::Default if explicit_success => Role::Error,
            Status::Default => Role::Success,
            Status::Code(_) | Status::Range(_) => Role::Other,
        }
    }
}

impl From<&StatusCode> for Status {
    fn from(status: &StatusCode) -> Self {
        match *status {
            StatusCode::Code(code) => Status::Code(code),
            StatusCode::Range(class) => Status::Range(u8::try_from(class).unwrap_or(u8::MAX)),
        }
    }
}

/// Whether some response of `responses` is an explicit success.
pub(crate) fn has_explicit_success(responses: &Responses) -> bool {
    responses
        .responses
        .keys()
        .any(|status| Status::from(status).is_explicit_success())
}

/// The response for a `code` received: the exact code's, then its class's
/// (`4XX`), then `default`.
pub fn response_for(responses: &Responses, code: u16) -> Option<&ReferenceOr<Response>> {
    responses
        .responses
        .get(&StatusCode::Code(code))
        .or_else(|| responses.responses.get(&StatusCode::Range(code / 100)))
        .or(responses.default.as_ref())
}

// ---- references

/// How many `$ref`s in a row are followed before giving up on a cycle.
const MAX_REF_HOPS: usize = 32;

/// A kind of entry of `components`, which a `$ref` can name.
pub trait Component: Sized {
    /// The section of `components` that holds this kind (`schemas`).
    const SECTION: &'static str;

    /// That section.
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($kind:ty, $section:literal, $field:ident) => {
        impl Component for $kind {
            const SECTION: &'static str = $section;

            fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    };
}

component!(Schema, "schemas", schemas);
component!(Response, "responses", responses);
component!(Header, "headers", headers);
component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);

/// The entry a local `$ref` names in `T`'s section: `Session` for
/// `#/components/schemas/Session`, when `T` is a schema.
pub fn component_name<T: Component>(reference: &str) -> Option<&str> {
    let name = reference
        .strip_prefix("#/components/")?
        .strip_prefix(T::SECTION)?
        .strip_prefix('/')?;
    (!name.contains('/')).then_some(name)
}

/// `("schemas", "Session")` for the pointer `/components/schemas/Session`.
pub(crate) fn component_pointer(pointer: &str) -> Option<(&str, &str)> {
    let (section, name) = pointer.strip_prefix("/components/")?.split_once('/')?;
    (!name.contains('/')).then_some((section, name))
}

/// `item`, with `$ref`s followed through `T`'s section of `components`; or
/// the reference that leads nowhere (or round in a cycle).
pub fn resolve<'a, T: Component>(
    api: &'a OpenAPI,
    mut item: &'a ReferenceOr<T>,
) -> Result<&'a T, &'a str> {
    for _ in 0..MAX_REF_HOPS {
        match item {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                item = component_name::<T>(reference)
                    .and_then(|name| T::section(api.components.as_ref()?).get(name))
                    .ok_or(reference.as_str())?;
            }
        }
    }
    match item {
        ReferenceOr::Item(item) => Ok(item),
        ReferenceOr::Reference { reference } => Err(reference),
    }
}

/// A schema, or a property's boxed one, with `$ref`s to component schemas
/// followed, from `components` alone (what [`resolve`] does from the whole
/// document); `None` for a reference that leads nowhere or round a cycle.
pub(crate) fn resolve_schema<'a, T: Borrow<Schema>>(
    components: &'a Components,
    schema: &'a ReferenceOr<T>,
) -> Option<&'a Schema> {
    let mut reference = match schema {
        ReferenceOr::Item(schema) => return Some(schema.borrow()),
        ReferenceOr::Reference { reference } => reference,
    };
    for _ in 0..MAX_REF_HOPS {
        match Schema::section(components).get(component_name::<Schema>(reference)?)? {
            ReferenceOr::Item(schema) => return Some(schema),
            ReferenceOr::Reference { reference: next } => reference = next,
        }
    }
    None
}

/// The untyped twin of [`resolve`], for checks made before the document is
/// typed: `value` with its `$ref`s followed within `root`, and the pointer
/// to where it was found. A `$ref` that leads nowhere yields itself.
pub fn resolve_value<'v>(
    root: &'v Value,
    mut value: &'v Value,
    mut pointer: String,
) -> (&'v Value, String) {
    for _ in 0..MAX_REF_HOPS {
        let Some(target) = value.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match target.strip_prefix('#').and_then(|p| root.pointer(p)) {
            Some(found) => {
                value = found;
                pointer = target[1..].to_owned();
            }
            None => break,
        }
    }
    (value, pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read() {
        assert_eq!(Status::parse("200"), Some(Status::Code(200)));
        assert_eq!(Status::parse("2XX"), Some(Status::Range(2)));
        assert_eq!(Status::parse("default"), Some(Status::Default));
        assert_eq!(Status::parse("1000"), None);
        assert_eq!(Status::parse("099"), None);
        assert_eq!(Status::parse("ok"), None);
    }

    #[test]
    fn default_is_an_error_only_beside_a_named_success() {
        assert_eq!(Status::Code(201).role(true), Role::Success);
        assert_eq!(Status::Range(2).role(true), Role::Success);
        assert_eq!(Status::Code(404).role(true), Role::Error);
        assert_eq!(Status::Range(5).role(false), Role::Error);
        assert_eq!(Status::Code(101).role(true), Role::Other);
        assert_eq!(Status::Code(302).role(false), Role::Other);
        assert_eq!(Status::Default.role(true), Role::Error);
        assert_eq!(Status::Default.role(false), Role::Success);
    }

    #[test]
    fn references_are_followed_through_their_section() {
        let api: OpenAPI = serde_yaml::from_str(
            r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  responses:
    Alias: {$ref: '#/components/responses/Found'}
    Found: {description: found}
    Loop: {$ref: '#/components/responses/Loop'}
"#,
        )
        .unwrap();
        let to =
            |name: &str| ReferenceOr::<Response>::ref_(&format!("#/components/responses/{name}"));
        let alias = to("Alias");
        assert_eq!(
            resolve(&api, &alias).map(|r| r.description.as_str()),
            Ok("found")
        );
        let missing = to("Missing");
        assert_eq!(
            resolve(&api, &missing).err(),
            Some("#/components/responses/Missing")
        );
        let looping = to("Loop");
        assert!(resolve(&api, &looping).is_err());
        assert_eq!(
            component_name::<Schema>("#/components/schemas/A"),
            Some("A")
        );
        assert_eq!(component_name::<Schema>("#/components/responses/A"), None);
        assert_eq!(component_name::<Schema>("#/components/schemas/A/b"), None);
    }
}
