//! Keeps personal data out of `Debug` output: the fields the spec marks with
//! `x-personal-data: true` print as `<redacted>`, the way the AWS SDK for
//! Rust prints members marked sensitive. The values stay plain fields.
//!
//! The mark goes on a component schema (every field of its type is
//! personal) or on one property of a component schema (that field is):
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

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, Item, ItemStruct};

use super::syntax::{remove_derive, serde_rename, type_key};

/// The vendor extension that marks a schema or property as personal data.
pub const PERSONAL_DATA_EXTENSION: &str = "x-personal-data";

/// Which fields of which generated types hold personal data.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PersonalData {
    /// By type key (see [`type_key`]): `None` when every field is personal,
    /// else the wire names of the personal properties.
    types: BTreeMap<String, Option<Vec<String>>>,
}

impl PersonalData {
    /// Reads the marks from the spec's component schemas.
    pub fn of(api: &OpenAPI) -> Self {
        let mut types = BTreeMap::new();
        let Some(components) = &api.components else {
            return Self { types };
        };
        for (name, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            if is_marked(schema) {
                types.insert(type_key(name), None);
                continue;
            }
            let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
                continue;
            };
            let fields: Vec<String> = object
                .properties
                .iter()
                .filter(|(_, p)| matches!(p, ReferenceOr::Item(p) if is_marked(p)))
                .map(|(property, _)| property.clone())
                .collect();
            if !fields.is_empty() {
                types.insert(type_key(name), Some(fields));
            }
        }
        Self { types }
    }

    /// Whether the spec marks anything.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Gives each marked struct in `file` a `Debug` that redacts its personal
    /// fields, in place of the derived one.
    pub fn redact(&self, file: &mut syn::File) {
        if !self.is_empty() {
            self.redact_items(&mut file.items);
        }
    }

    fn redact_items(&self, items: &mut Vec<Item>) {
        let mut debug_impls = Vec::new();
        for item in items.iter_mut() {
            match item {
                Item::Struct(s) => {
                    if let Some(fields) = self.types.get(&type_key(&s.ident.to_string())) {
                        remove_derive(&mut s.attrs, "Debug");
                        debug_impls.push(redacting_debug(s, fields.as_deref()));
                    }
                }
                // A marked enum (a string enum, or a `oneOf`): its value is
                // the personal datum, whichever variant holds it.
                Item::Enum(e) if self.types.contains_key(&type_key(&e.ident.to_string())) => {
                    remove_derive(&mut e.attrs, "Debug");
                    debug_impls.push(redacted_whole(&e.ident, &e.generics));
                }
                Item::Mod(module) => {
                    if let Some((_, inner)) = module.content.as_mut() {
                        self.redact_items(inner);
                    }
                }
                _ => {}
            }
        }
        for tokens in debug_impls {
            items.push(syn::parse2(tokens).expect("the Debug impl is valid Rust"));
        }
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
}
