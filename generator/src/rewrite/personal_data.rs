//! Which values are personal data, and keeping them out of `Debug` output:
//! the fields the spec marks with `x-personal-data: true` print as
//! `<redacted>`, the way the AWS SDK for Rust prints members marked
//! sensitive. The values stay plain fields.
//!
//! The mark goes on a component schema (every value of its type is
//! personal, wherever the type is used: through `$ref`, `allOf`, `items`…)
//! or on one property of a component schema (that member is):
//!
//! ```yaml
//! PersonName:
//!   x-personal-data: true
//!   type: object
//!   ...
//! Account:
//!   type: object
//!   properties:
//!     email:
//!       x-personal-data: true
//!       type: string
//! ```
//!
//! [`PersonalData`] is that rule, read from a spec; `cargo xtask record`
//! scrubs recordings by the same value, so what a recording keeps and what
//! `Debug` prints never disagree. A mark anywhere else reaches nothing, and
//! [`misplaced`] warns about it.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;
use syn::{Fields, Item, ItemStruct};

use super::syntax::{remove_derive, serde_rename};
use crate::names::type_key;
use crate::spec::walk::component_name;
use crate::spec::{Diagnostic, Diagnostics, Document, escape};

/// The vendor extension that marks a schema or property as personal data.
pub const PERSONAL_DATA_EXTENSION: &str = "x-personal-data";

/// How far the marks of one component schema reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The component itself is marked: every value of it, all the way down.
    Whole,
    /// Properties of the component are marked: the values of those members
    /// (by their names in JSON), all the way down.
    Members(Vec<String>),
}

/// Which values of a spec hold personal data: the component schemas whose
/// marks reach something, and how far.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PersonalData {
    /// By component name (`PersonName`).
    components: BTreeMap<String, Reach>,
    /// The component schemas a value of which may hold personal data: the
    /// marked ones and every one that refers to one, through any number of
    /// `$ref`s.
    holding: BTreeSet<String>,
}

impl PersonalData {
    /// Reads the marks from the spec's component schemas.
    pub fn of(api: &OpenAPI) -> Self {
        let mut components = BTreeMap::new();
        let Some(schemas) = api.components.as_ref().map(|c| &c.schemas) else {
            return Self::default();
        };
        for (name, schema) in schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            if is_marked(schema) {
                components.insert(name.clone(), Reach::Whole);
                continue;
            }
            let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
                continue;
            };
            let members: Vec<String> = object
                .properties
                .iter()
                .filter(|(_, p)| matches!(p, ReferenceOr::Item(p) if is_marked(p)))
                .map(|(property, _)| property.clone())
                .collect();
            if !members.is_empty() {
                components.insert(name.clone(), Reach::Members(members));
            }
        }
        let holding = holding(schemas, &components);
        Self {
            components,
            holding,
        }
    }

    /// Whether a value of the component schema `component` may hold
    /// personal data somewhere inside it. A walk through a value's schema
    /// goes no further where it cannot: the references between a large
    /// spec's components (Stripe's) give more paths than a walk can follow.
    pub fn may_hold(&self, component: &str) -> bool {
        self.holding.contains(component)
    }

    /// Whether the spec marks anything.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
    }

    /// How far the marks of the component schema `component` reach, if it
    /// has any.
    pub fn reach(&self, component: &str) -> Option<&Reach> {
        self.components.get(component)
    }

    /// Whether every value of the component schema `component` is personal.
    pub fn is_whole(&self, component: &str) -> bool {
        self.reach(component) == Some(&Reach::Whole)
    }

    /// Whether the value of `member` of an object of the component schema
    /// `component` is personal.
    pub fn is_member(&self, component: &str, member: &str) -> bool {
        match self.reach(component) {
            Some(Reach::Whole) => true,
            Some(Reach::Members(members)) => members.iter().any(|m| m == member),
            None => false,
        }
    }

    /// The [`type_key`]s of the types in `file` whose every value is
    /// personal: the marked components, the types of marked members, and
    /// every type one of those holds, all the way down. A type used both
    /// inside and outside personal data counts as personal: its values
    /// cannot be told apart by type.
    pub(crate) fn types_in(&self, file: &syn::File) -> BTreeSet<String> {
        let mut held = BTreeMap::new();
        held_types(&file.items, &mut held);
        let mut personal = BTreeSet::new();
        let mut pending: Vec<String> = Vec::new();
        for (component, reach) in &self.components {
            let key = type_key(component);
            match reach {
                Reach::Whole => pending.push(key),
                Reach::Members(members) => {
                    let fields = held.get(&key).map(Vec::as_slice).unwrap_or_default();
                    pending.extend(
                        fields
                            .iter()
                            .filter(|(wire, _)| wire.as_ref().is_some_and(|w| members.contains(w)))
                            .flat_map(|(_, types)| types.iter().cloned()),
                    );
                }
            }
        }
        while let Some(key) = pending.pop() {
            if personal.insert(key.clone()) {
                let fields = held.get(&key).map(Vec::as_slice).unwrap_or_default();
                pending.extend(fields.iter().flat_map(|(_, types)| types.iter().cloned()));
            }
        }
        personal
    }

    /// Gives each marked struct in `file` a `Debug` that redacts its personal
    /// fields, in place of the derived one.
    pub(crate) fn redact(&self, file: &mut syn::File) {
        if self.is_empty() {
            return;
        }
        // progenitor names a component's type after it; `type_key` matches
        // the two spellings.
        let types: BTreeMap<String, Option<&[String]>> = self
            .components
            .iter()
            .map(|(name, reach)| {
                let fields = match reach {
                    Reach::Whole => None,
                    Reach::Members(members) => Some(members.as_slice()),
                };
                (type_key(name), fields)
            })
            .collect();
        redact_items(&types, &mut file.items);
    }
}

/// The components of `schemas` that are `marked` or refer to one, through
/// any number of `$ref`s.
fn holding(
    schemas: &indexmap::IndexMap<String, ReferenceOr<Schema>>,
    marked: &BTreeMap<String, Reach>,
) -> BTreeSet<String> {
    let mut referrers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, schema) in schemas {
        let schema = serde_json::to_value(schema).unwrap_or_default();
        crate::spec::each_reference(&schema, &mut Vec::new(), &mut |_, target| {
            if let Some(target) = component_name::<Schema>(target)
                && let Some((target, _)) = schemas.get_key_value(target)
            {
                referrers.entry(target.as_str()).or_default().push(name);
            }
        });
    }
    let mut holding: BTreeSet<String> = marked.keys().cloned().collect();
    let mut next: Vec<String> = holding.iter().cloned().collect();
    while let Some(name) = next.pop() {
        for referrer in referrers.get(name.as_str()).into_iter().flatten() {
            if holding.insert((*referrer).to_owned()) {
                next.push((*referrer).to_owned());
            }
        }
    }
    holding
}

/// A warning for each `x-personal-data: true` that is neither on a component
/// schema nor on a property of one: such a mark reaches nothing, neither
/// `Debug` nor the recorder's scrubbing.
pub(crate) fn misplaced(document: &Document) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::new(&document.path, &document.positions);
    if let Ok(spec) = serde_json::to_value(&document.api) {
        let mut found = Vec::new();
        find_marks(&spec, String::new(), &mut found);
        for pointer in found {
            let segments: Vec<&str> = pointer.split('/').skip(1).collect();
            let placed = matches!(
                segments.as_slice(),
                ["components", "schemas", _] | ["components", "schemas", _, "properties", _]
            );
            if !placed {
                warnings.push(
                    &format!("{pointer}/{PERSONAL_DATA_EXTENSION}"),
                    format!(
                        "`{PERSONAL_DATA_EXTENSION}` here marks nothing: put it on a component \
                         schema (every value of it is personal) or on a property of a component \
                         schema's `properties`"
                    ),
                );
            }
        }
    }
    warnings.into_warnings()
}

/// The pointers of the objects under `value` that carry a true mark.
fn find_marks(value: &Value, pointer: String, found: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            if members.get(PERSONAL_DATA_EXTENSION) == Some(&Value::Bool(true)) {
                found.push(pointer.clone());
            }
            for (name, member) in members {
                find_marks(member, format!("{pointer}/{}", escape(name)), found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_marks(item, format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}

/// For each struct and enum in `items` (by [`type_key`]), its fields: the
/// wire name of a named field, and the keys of the types its type names.
type Held = BTreeMap<String, Vec<(Option<String>, Vec<String>)>>;

fn held_types(items: &[Item], held: &mut Held) {
    for item in items {
        let (ident, fields): (_, Vec<&syn::Field>) = match item {
            Item::Struct(s) => (&s.ident, s.fields.iter().collect()),
            Item::Enum(e) => (
                &e.ident,
                e.variants.iter().flat_map(|v| &v.fields).collect(),
            ),
            Item::Type(alias) => {
                let types = named_types(&alias.ty);
                held.entry(type_key(&alias.ident.to_string()))
                    .or_default()
                    .push((None, types));
                continue;
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &module.content {
                    held_types(inner, held);
                }
                continue;
            }
            _ => continue,
        };
        let entry = held.entry(type_key(&ident.to_string())).or_default();
        for field in fields {
            let wire = field.ident.as_ref().map(|ident| {
                let shown = ident.to_string();
                serde_rename(&field.attrs)
                    .unwrap_or_else(|| shown.trim_start_matches("r#").to_owned())
            });
            entry.push((wire, named_types(&field.ty)));
        }
    }
}

/// The keys of every type `ty` names: `Option<Vec<Shareholder>>` names
/// `Option`, `Vec` and `Shareholder`.
fn named_types(ty: &syn::Type) -> Vec<String> {
    struct Names(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Names {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0.push(type_key(&segment.ident.to_string()));
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut names = Names(Vec::new());
    syn::visit::Visit::visit_type(&mut names, ty);
    names.0
}

fn redact_items(types: &BTreeMap<String, Option<&[String]>>, items: &mut Vec<Item>) {
    let mut debug_impls = Vec::new();
    for item in items.iter_mut() {
        match item {
            Item::Struct(s) => {
                if let Some(fields) = types.get(&type_key(&s.ident.to_string())) {
                    remove_derive(&mut s.attrs, "Debug");
                    debug_impls.push(redacting_debug(s, *fields));
                }
            }
            // A marked enum (a string enum, or a `oneOf`): its value is
            // the personal datum, whichever variant holds it.
            Item::Enum(e) if types.contains_key(&type_key(&e.ident.to_string())) => {
                remove_derive(&mut e.attrs, "Debug");
                debug_impls.push(redacted_whole(&e.ident, &e.generics));
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = module.content.as_mut() {
                    redact_items(types, inner);
                }
            }
            _ => {}
        }
    }
    for tokens in debug_impls {
        items.push(syn::parse2(tokens).expect("the Debug impl is valid Rust"));
    }
}

fn is_marked(schema: &Schema) -> bool {
    schema.schema_data.extensions.get(PERSONAL_DATA_EXTENSION)
        == Some(&serde_json::Value::Bool(true))
}

/// A `Debug` impl that prints `<redacted>` for personal fields (all of them
/// when `personal` is `None`) and the others as derived `Debug` would.
fn redacting_debug(item: &ItemStruct, personal: Option<&[String]>) -> TokenStream {
    let name = &item.ident;
    let label = name.to_string();
    let (impl_generics, type_generics, where_clause) = item.generics.split_for_impl();
    let body = match &item.fields {
        Fields::Named(fields) => {
            let entries = fields.named.iter().map(|field| {
                let ident = field.ident.as_ref().expect("named field");
                let shown = ident.to_string();
                let shown = shown.trim_start_matches("r#");
                let wire = serde_rename(&field.attrs).unwrap_or_else(|| shown.to_owned());
                let is_personal = personal.is_none_or(|names| names.contains(&wire));
                if is_personal {
                    quote! { .field(#shown, &format_args!("<redacted>")) }
                } else {
                    quote! { .field(#shown, &self.#ident) }
                }
            });
            quote! { f.debug_struct(#label) #(#entries)* .finish() }
        }
        // A newtype over a personal value, or a unit struct.
        Fields::Unnamed(_) => return redacted_whole(name, &item.generics),
        Fields::Unit => quote! { f.write_str(#label) },
    };
    quote! {
        impl #impl_generics ::std::fmt::Debug for #name #type_generics #where_clause {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

/// A `Debug` impl that prints `Name(<redacted>)`, for a type whose whole
/// value is personal.
fn redacted_whole(name: &syn::Ident, generics: &syn::Generics) -> TokenStream {
    let label = name.to_string();
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    quote! {
        impl #impl_generics ::std::fmt::Debug for #name #type_generics #where_clause {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(#label).field(&format_args!("<redacted>")).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_that_refer_to_a_mark_may_hold_personal_data() {
        let api: OpenAPI = serde_yaml::from_str(
            r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Email: {x-personal-data: true, type: string}
    Account:
      type: object
      properties:
        origin: {x-personal-data: true, type: string}
    Contact: {type: object, properties: {email: {$ref: '#/components/schemas/Email'}}}
    Page:
      type: object
      properties:
        items: {type: array, items: {allOf: [{$ref: '#/components/schemas/Contact'}]}}
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        example: {type: string, example: {$ref: '#/components/schemas/Email'}}
"##,
        )
        .unwrap();
        let personal = PersonalData::of(&api);
        for holding in ["Email", "Account", "Contact", "Page"] {
            assert!(personal.may_hold(holding), "{holding}");
        }
        // A cycle of its own, and a `$ref` that is a word of an example.
        assert!(!personal.may_hold("Tree"));
    }

    #[test]
    fn marked_enums_and_newtypes_print_redacted() {
        let api: OpenAPI = serde_yaml::from_str(
            r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Nationality: {x-personal-data: true, type: string, enum: [fr, de]}
    Email: {x-personal-data: true, type: string}
"#,
        )
        .unwrap();
        let mut file: syn::File = syn::parse_quote! {
            #[derive(Clone, Debug, PartialEq)]
            pub enum Nationality { Fr, De }
            #[derive(Clone, Debug)]
            pub struct Email(String);
        };
        PersonalData::of(&api).redact(&mut file);
        let text = quote!(#file).to_string();
        assert!(
            !text.contains("Debug ,") && !text.contains(", Debug"),
            "{text}"
        );
        assert_eq!(text.matches("\"<redacted>\"").count(), 2, "{text}");
    }

    #[test]
    fn types_held_by_personal_data_are_personal_all_the_way_down() {
        let api: OpenAPI = serde_yaml::from_str(
            r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Person: {x-personal-data: true, type: object}
    Account:
      type: object
      properties:
        origin: {x-personal-data: true, type: string}
"#,
        )
        .unwrap();
        let file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Person { pub name: Option<Name>, pub titles: Vec<Title> }
                pub struct Name { pub script: Script }
                pub enum Script { Latin, Cyrillic }
                pub enum Title { Dr, Prof }
                pub struct Account {
                    #[serde(rename = "origin")]
                    pub origin_country: Option<Country>,
                    pub status: Status,
                }
                pub enum Country { Fr, De }
                pub enum Status { Open, Closed }
                pub type Tier = Status;
            }
        };
        let personal = PersonalData::of(&api).types_in(&file);
        for key in ["person", "name", "script", "title", "country"] {
            assert!(personal.contains(key), "{key} not in {personal:?}");
        }
        for key in ["account", "status", "tier"] {
            assert!(!personal.contains(key), "{key} in {personal:?}");
        }
    }
}
