//! Where in the spec each public item of the generated crate comes from, as
//! a JSON pointer: `types::Foo` → `/components/schemas/Foo`, its field `bar`
//! → `/components/schemas/Foo/properties/bar`, `Client::get_session` →
//! `/paths/~1sessions~1{id}/get`.
//!
//! A report names only the items that changed, so each pointer is found
//! when it is asked for: the spec is read (for an earlier revision), and the
//! parts of it a pointer falls in turned into JSON, only then. A large spec
//! takes seconds to turn into JSON whole.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use openapiv3::OpenAPI;
use serde_json::Value;

use super::surface::{Field, Surface, TypeKind, Variant, named_types};
use crate::names::type_key;
use crate::spec::Document;
use crate::spec::pointer::escape;
use crate::spec::walk::operations;

/// Reads the spec of a crate whose spec is not in memory.
type Load = Box<dyn FnOnce() -> Option<Document> + Send>;

/// The pointers of one generated crate's items, into its spec. The methods
/// take the crate's [`Surface`], which says which types hold which.
#[derive(Default)]
pub struct Pointers {
    /// The spec as the generator read it (normalized), once there.
    spec: OnceLock<Option<OpenAPI>>,
    /// How to read it, until it is read.
    load: Mutex<Option<Load>>,
    /// The parts of the spec turned into JSON so far, by the pointer of
    /// each part ([`part_of`]).
    parts: Mutex<HashMap<String, Arc<Value>>>,
    /// The schema of each type named after a component schema.
    components: OnceLock<BTreeMap<String, String>>,
    /// Each other type, made of an inline schema: the type and the wire
    /// name of the field whose schema it is.
    inline: OnceLock<HashMap<String, (String, String)>>,
    /// The pointers of types found so far.
    types: Mutex<HashMap<String, Option<String>>>,
    /// Each operation's pointer, by method name.
    operations: OnceLock<BTreeMap<String, String>>,
}

impl fmt::Debug for Pointers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pointers")
            .field("read", &self.spec.get().is_some())
            .finish_non_exhaustive()
    }
}

impl Pointers {
    /// The pointers into `api`, a spec as the generator read it.
    pub fn of_spec(api: OpenAPI) -> Pointers {
        let pointers = Pointers::default();
        let _ = pointers.spec.set(Some(api));
        pointers
    }

    /// The pointers into the spec `load` reads, the first time one is
    /// asked for; none if it reads nothing.
    pub fn read_later(load: impl FnOnce() -> Option<Document> + Send + 'static) -> Pointers {
        Pointers {
            load: Mutex::new(Some(Box::new(load))),
            ..Pointers::default()
        }
    }

    /// The schema of `types::{name}`: a component schema of that name, or
    /// (typify names an inline schema after the field that holds it) the
    /// schema of a field of a type found so, outwards from the components.
    pub fn of_type(&self, surface: &Surface, name: &str) -> Option<String> {
        if let Some(pointer) = self.components(surface).get(name) {
            return Some(pointer.clone());
        }
        if let Some(known) = self.types.lock().ok()?.get(name) {
            return known.clone();
        }
        let pointer = self.inline(surface).get(name).and_then(|(holder, wire)| {
            let field = self.member(&self.of_type(surface, holder)?, wire);
            let items = self.read(&field, |schema| schema.get("items").is_some());
            Some(match items {
                Some(true) => format!("{field}/items"),
                _ => field,
            })
        });
        if let Ok(mut types) = self.types.lock() {
            types.insert(name.to_owned(), pointer.clone());
        }
        pointer
    }

    /// The property schema a field decodes.
    pub fn of_field(&self, surface: &Surface, ty: &str, field: &Field) -> Option<String> {
        Some(self.member(&self.of_type(surface, ty)?, &field.wire))
    }

    /// The enum value (or `oneOf` entry) a variant stands for.
    pub fn of_variant(&self, surface: &Surface, ty: &str, variant: &Variant) -> Option<String> {
        let pointer = self.of_type(surface, ty)?;
        self.read(&pointer, |schema| {
            if let Some(Value::Array(values)) = schema.get("enum") {
                let index = values
                    .iter()
                    .position(|v| v.as_str() == Some(&variant.wire));
                return Some(match index {
                    Some(index) => format!("{pointer}/enum/{index}"),
                    None => format!("{pointer}/enum"),
                });
            }
            ["oneOf", "anyOf"]
                .into_iter()
                .find(|key| schema.get(key).is_some())
                .map(|key| format!("{pointer}/{key}"))
                .or_else(|| Some(pointer.clone()))
        })?
    }

    /// The operation a method of `Client` sends.
    pub fn of_operation(&self, surface: &Surface, name: &str) -> Option<String> {
        self.operations(surface).get(name).cloned()
    }

    /// The parameter (or request body) an argument of a method stands for.
    pub fn of_parameter(
        &self,
        surface: &Surface,
        operation: &str,
        parameter: &str,
    ) -> Option<String> {
        let pointer = self.operations(surface).get(operation)?;
        if parameter == "body" {
            return Some(format!("{pointer}/requestBody"));
        }
        // Operation parameters first, then those of the path item.
        let path_item = &pointer[..pointer.rfind('/')?];
        for owner in [pointer.as_str(), path_item] {
            let list = self.read(&format!("{owner}/parameters"), |list| match list {
                Value::Array(list) => Some(list.clone()),
                _ => None,
            });
            let Some(Some(list)) = list else { continue };
            for (index, entry) in list.iter().enumerate() {
                let name = self.resolve(entry, |p| {
                    p.get("name").and_then(Value::as_str).map(type_key)
                });
                if name.flatten() == Some(type_key(parameter)) {
                    return Some(format!("{owner}/parameters/{index}"));
                }
            }
        }
        Some(format!("{pointer}/parameters"))
    }

    /// What the method returns comes from the operation's responses.
    pub fn of_response(&self, surface: &Surface, operation: &str) -> Option<String> {
        Some(format!(
            "{}/responses",
            self.operations(surface).get(operation)?
        ))
    }

    /// The spec, read now if it is not yet.
    fn spec(&self) -> Option<&OpenAPI> {
        self.spec
            .get_or_init(|| {
                let load = self.load.lock().ok()?.take()?;
                load().map(|document| document.api)
            })
            .as_ref()
    }

    /// What `read` makes of the member of the spec at `pointer`, as JSON;
    /// `None` if the spec has no such member.
    fn read<R>(&self, pointer: &str, read: impl FnOnce(&Value) -> R) -> Option<R> {
        let (part, rest) = part_of(pointer);
        let known = self.parts.lock().ok()?.get(part).cloned();
        let value = match known {
            Some(value) => value,
            None => {
                let value = Arc::new(as_json(self.spec()?, part)?);
                if let Ok(mut parts) = self.parts.lock() {
                    parts.insert(part.to_owned(), Arc::clone(&value));
                }
                value
            }
        };
        value.pointer(rest).map(read)
    }

    /// `#/components/...` references followed, once.
    fn resolve<R>(&self, value: &Value, read: impl FnOnce(&Value) -> R) -> Option<R> {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.read(reference.strip_prefix('#')?, read),
            None => Some(read(value)),
        }
    }

    /// The pointer of the property `wire` of the schema at `pointer`: among
    /// its own `properties`, else those of an `allOf` entry.
    fn member(&self, pointer: &str, wire: &str) -> String {
        let escaped = escape(wire);
        let property = format!("/properties/{escaped}");
        let in_all_of = self.read(pointer, |schema| {
            if schema.pointer(&property).is_some() {
                return None;
            }
            let Some(Value::Array(parts)) = schema.get("allOf") else {
                return None;
            };
            parts
                .iter()
                .position(|part| part.pointer(&property).is_some())
        });
        match in_all_of.flatten() {
            Some(index) => format!("{pointer}/allOf/{index}/properties/{escaped}"),
            None => format!("{pointer}/properties/{escaped}"),
        }
    }

    /// The types named after a component schema, with its pointer. Schema
    /// names go in the order of their JSON object (sorted), the later of
    /// two alike winning, as do type names.
    fn components(&self, surface: &Surface) -> &BTreeMap<String, String> {
        self.components.get_or_init(|| {
            let mut found = BTreeMap::new();
            let Some(components) = self.spec().and_then(|api| api.components.as_ref()) else {
                return found;
            };
            let by_key: BTreeMap<String, &String> = surface
                .types
                .keys()
                .map(|name| (type_key(name), name))
                .collect();
            let mut names: Vec<&String> = components.schemas.keys().collect();
            names.sort();
            for name in names {
                if let Some(ty) = by_key.get(&type_key(name)) {
                    let pointer = format!("/components/schemas/{}", escape(name));
                    found.insert((*ty).clone(), pointer);
                }
            }
            found
        })
    }

    /// Which field holds each type made of an inline schema: going outwards
    /// from the component types, a level at a time, each type goes to the
    /// first field (by type name, then field name) of the level before
    /// that mentions it.
    fn inline(&self, surface: &Surface) -> &HashMap<String, (String, String)> {
        self.inline.get_or_init(|| {
            let mut holders = HashMap::new();
            let mut located: HashSet<&str> = self
                .components(surface)
                .keys()
                .map(String::as_str)
                .collect();
            let mut level: BTreeMap<&str, ()> = located.iter().map(|name| (*name, ())).collect();
            while !level.is_empty() {
                let mut next = BTreeMap::new();
                for name in level.keys() {
                    let Some(TypeKind::Struct { fields, .. }) =
                        surface.types.get(*name).map(|ty| &ty.kind)
                    else {
                        continue;
                    };
                    for field in fields.values() {
                        for inner in named_types(&field.ty) {
                            let Some((inner, _)) = surface.types.get_key_value(&inner) else {
                                continue;
                            };
                            if located.insert(inner.as_str()) {
                                holders.insert(
                                    inner.clone(),
                                    ((*name).to_owned(), field.wire.clone()),
                                );
                                next.insert(inner.as_str(), ());
                            }
                        }
                    }
                }
                level = next;
            }
            holders
        })
    }

    /// Each method's operation: the last in the spec (paths sorted, as in
    /// their JSON object) whose `operationId` is the method's name, when it
    /// is the first method of that name.
    fn operations(&self, surface: &Surface) -> &BTreeMap<String, String> {
        self.operations.get_or_init(|| {
            let mut found = BTreeMap::new();
            let Some(api) = self.spec() else {
                return found;
            };
            let mut by_key: BTreeMap<String, &String> = BTreeMap::new();
            for name in surface.operations.keys() {
                by_key.entry(type_key(name)).or_insert(name);
            }
            let mut all: Vec<(&str, &str, &openapiv3::Operation)> = operations(api).collect();
            // Sorted by path alone: each path's methods stay in their order.
            all.sort_by_key(|(path, _, _)| *path);
            for (path, method, operation) in all {
                let Some(id) = &operation.operation_id else {
                    continue;
                };
                if let Some(name) = by_key.get(&type_key(id)) {
                    let pointer = format!("/paths/{}/{method}", escape(path));
                    found.insert((*name).clone(), pointer);
                }
            }
            found
        })
    }
}

/// The part of the spec that is turned into JSON as one, for the member at
/// `pointer`: a component (`/components/schemas/Foo`), a path's item
/// (`/paths/~1sessions`), or else the whole spec (``); and the rest of the
/// pointer.
fn part_of(pointer: &str) -> (&str, &str) {
    let depth = if pointer.starts_with("/components/") {
        3
    } else if pointer.starts_with("/paths/") {
        2
    } else {
        return ("", pointer);
    };
    let end = pointer
        .match_indices('/')
        .nth(depth)
        .map_or(pointer.len(), |(at, _)| at);
    pointer.split_at(end)
}

/// The part of `api` at `part` ([`part_of`]) as JSON, as it is in the
/// JSON of the whole spec.
fn as_json(api: &OpenAPI, part: &str) -> Option<Value> {
    let segments: Vec<String> = part
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let components = api.components.as_ref();
    let json = match segments[..] {
        [] => serde_json::to_value(api),
        ["paths", path] => serde_json::to_value(api.paths.paths.get(path)?),
        ["components", "schemas", name] => serde_json::to_value(components?.schemas.get(name)?),
        ["components", "parameters", name] => {
            serde_json::to_value(components?.parameters.get(name)?)
        }
        ["components", "responses", name] => serde_json::to_value(components?.responses.get(name)?),
        ["components", "requestBodies", name] => {
            serde_json::to_value(components?.request_bodies.get(name)?)
        }
        _ => return serde_json::to_value(api).ok()?.pointer(part).cloned(),
    };
    json.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_components_and_path_items() {
        assert_eq!(
            part_of("/components/schemas/Foo/properties/bar"),
            ("/components/schemas/Foo", "/properties/bar")
        );
        assert_eq!(
            part_of("/components/schemas/Foo"),
            ("/components/schemas/Foo", "")
        );
        assert_eq!(
            part_of("/paths/~1sessions~1{id}/get/parameters"),
            ("/paths/~1sessions~1{id}", "/get/parameters")
        );
        assert_eq!(part_of("/info/title"), ("", "/info/title"));
    }
}
