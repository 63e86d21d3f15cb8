//! Where in the spec each public item of the generated crate comes from, as
//! a JSON pointer: `types::Foo` → `/components/schemas/Foo`, its field `bar`
//! → `/components/schemas/Foo/properties/bar`, `Client::get_session` →
//! `/paths/~1sessions~1{id}/get`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::surface::{Field, Surface, TypeKind, Variant, named_types};
use crate::names::type_key;
use crate::spec::Document;
use crate::spec::pointer::escape;
use crate::spec::walk::METHODS;

/// The pointers of one generated crate's items, into its spec.
#[derive(Debug, Default)]
pub struct Pointers {
    spec: Value,
    types: BTreeMap<String, String>,
    operations: BTreeMap<String, String>,
}

impl Pointers {
    /// Finds, in `document`, the schema of every type of `surface` and the
    /// operation of every method: component schemas by name, inline ones
    /// through the field of the type that holds them.
    pub fn of(document: &Document, surface: &Surface) -> Pointers {
        let spec = serde_json::to_value(&document.api).unwrap_or_default();
        let mut pointers = Pointers {
            spec,
            ..Pointers::default()
        };
        let by_key: BTreeMap<String, &String> = surface
            .types
            .keys()
            .map(|name| (type_key(name), name))
            .collect();
        if let Some(Value::Object(schemas)) = pointers.spec.pointer("/components/schemas") {
            for name in schemas.keys() {
                if let Some(ty) = by_key.get(&type_key(name)) {
                    let pointer = format!("/components/schemas/{}", escape(name));
                    pointers.types.insert((*ty).clone(), pointer);
                }
            }
        }
        // A type typify made of an inline schema is named after the field
        // that holds it; follow fields outwards from the located types until
        // nothing new is found.
        loop {
            let mut found = Vec::new();
            for (name, pointer) in &pointers.types {
                let TypeKind::Struct { fields, .. } = &surface.types[name].kind else {
                    continue;
                };
                for field in fields.values() {
                    let field_pointer = pointers.member(pointer, &field.wire);
                    for inner in named_types(&field.ty) {
                        if surface.types.contains_key(&inner)
                            && !pointers.types.contains_key(&inner)
                            && !found.iter().any(|(n, _)| *n == inner)
                        {
                            let schema = pointers.spec.pointer(&field_pointer);
                            let items = schema.is_some_and(|s| s.get("items").is_some());
                            let at = if items {
                                format!("{field_pointer}/items")
                            } else {
                                field_pointer.clone()
                            };
                            found.push((inner, at));
                        }
                    }
                }
            }
            if found.is_empty() {
                break;
            }
            pointers.types.extend(found);
        }
        if let Some(Value::Object(paths)) = pointers.spec.get("paths") {
            for (path, item) in paths {
                for method in METHODS {
                    let Some(id) = item.pointer(&format!("/{method}/operationId")) else {
                        continue;
                    };
                    let id = type_key(id.as_str().unwrap_or_default());
                    if let Some(name) = surface.operations.keys().find(|n| type_key(n) == id) {
                        let pointer = format!("/paths/{}/{method}", escape(path));
                        pointers.operations.insert(name.clone(), pointer);
                    }
                }
            }
        }
        pointers
    }

    /// The schema of `types::{name}`.
    pub fn of_type(&self, name: &str) -> Option<String> {
        self.types.get(name).cloned()
    }

    /// The property schema a field decodes.
    pub fn of_field(&self, ty: &str, field: &Field) -> Option<String> {
        Some(self.member(self.types.get(ty)?, &field.wire))
    }

    /// The enum value (or `oneOf` entry) a variant stands for.
    pub fn of_variant(&self, ty: &str, variant: &Variant) -> Option<String> {
        let pointer = self.types.get(ty)?;
        let schema = self.spec.pointer(pointer)?;
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
    }

    /// The operation a method of `Client` sends.
    pub fn of_operation(&self, name: &str) -> Option<String> {
        self.operations.get(name).cloned()
    }

    /// The parameter (or request body) an argument of a method stands for.
    pub fn of_parameter(&self, operation: &str, parameter: &str) -> Option<String> {
        let pointer = self.operations.get(operation)?;
        if parameter == "body" {
            return Some(format!("{pointer}/requestBody"));
        }
        // Operation parameters first, then those of the path item.
        let path_item = &pointer[..pointer.rfind('/')?];
        for owner in [pointer.as_str(), path_item] {
            let Some(Value::Array(list)) = self.spec.pointer(&format!("{owner}/parameters")) else {
                continue;
            };
            for (index, entry) in list.iter().enumerate() {
                let name = self.resolve(entry).and_then(|p| p.get("name"));
                if name.and_then(Value::as_str).map(type_key) == Some(type_key(parameter)) {
                    return Some(format!("{owner}/parameters/{index}"));
                }
            }
        }
        Some(format!("{pointer}/parameters"))
    }

    /// What the method returns comes from the operation's responses.
    pub fn of_response(&self, operation: &str) -> Option<String> {
        Some(format!("{}/responses", self.operations.get(operation)?))
    }

    /// `#/components/...` references followed, once.
    fn resolve<'a>(&'a self, value: &'a Value) -> Option<&'a Value> {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.spec.pointer(reference.strip_prefix('#')?),
            None => Some(value),
        }
    }

    /// The pointer of the property `wire` of the schema at `pointer`: among
    /// its own `properties`, else those of an `allOf` entry.
    fn member(&self, pointer: &str, wire: &str) -> String {
        let escaped = escape(wire);
        if let Some(schema) = self.spec.pointer(pointer)
            && schema.pointer(&format!("/properties/{escaped}")).is_none()
            && let Some(Value::Array(parts)) = schema.get("allOf")
            && let Some(index) = parts
                .iter()
                .position(|part| part.pointer(&format!("/properties/{escaped}")).is_some())
        {
            return format!("{pointer}/allOf/{index}/properties/{escaped}");
        }
        format!("{pointer}/properties/{escaped}")
    }
}
