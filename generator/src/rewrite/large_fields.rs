//! Boxes a member whose type would be large, so that no type of the crate
//! is.
//!
//! typify holds a member of another of the spec's types by value and boxes
//! only what refers back to itself. A spec whose types hold each other many
//! levels deep, each level several times (presalytics' OOXML API: a chart
//! axis holds a text container, which holds paragraphs, each holding runs
//! of several formats), gives types of tens of kilobytes: 80 KB for a chart
//! axis. Decoding one takes a stack frame many times that size in a debug
//! build, which overflowed the 2 MB stack a test or a tokio worker thread
//! has. A member whose type is over [`LIMIT`] is held in a `Box`; serde
//! reads and writes it as before, and the builders' setters take the value
//! itself (`Into<Box<T>>`).
//!
//! Sizes are estimated from the types' members (the sizes of the standard
//! types they use, and the members already boxed), not asked of rustc: the
//! estimate only has to keep every type well under what a thread's stack
//! holds, and be the same for the same spec, so that regenerating boxes the
//! same members.

use std::collections::{HashMap, HashSet};

use syn::{Field, Fields, Item, PathArguments, Type};

use super::syntax::{first_argument, serde_default, types_module, types_module_mut};

/// The largest estimated size, in bytes, of a member's type held in place.
/// The Beltic client's largest type is about 1.3 KB.
pub(super) const LIMIT: usize = 4096;

/// Boxes the members of `api`'s types whose type is estimated over [`LIMIT`].
pub(super) fn box_large(api: &mut syn::File) {
    let Some(items) = types_module(api) else {
        return;
    };
    let mut sizes = Sizes::of(items);
    let names: Vec<String> = sizes.items.keys().cloned().collect();
    for name in &names {
        sizes.size(name);
    }
    let boxed = sizes.boxed;
    if boxed.is_empty() {
        return;
    }
    let Some(items) = types_module_mut(api) else {
        return;
    };
    for item in items {
        if let Item::Struct(s) = item {
            box_fields(&mut s.fields, &boxed);
        }
    }
}

/// Boxes, among the `fields` of a struct, the members whose type is one of
/// `boxed`.
fn box_fields(fields: &mut Fields, boxed: &HashSet<String>) {
    for field in fields.iter_mut() {
        if !member_type(field).is_some_and(|name| boxed.contains(&name)) {
            continue;
        }
        let ty = &field.ty;
        field.ty = match first_argument(ty, "Option") {
            Some(inner) => syn::parse_quote!(::std::option::Option<::std::boxed::Box<#inner>>),
            None => syn::parse_quote!(::std::boxed::Box<#ty>),
        };
    }
}

/// The module's type a member holds in place (`T` or `Option<T>`), when
/// the member could hold it in a `Box` instead: a named member, without a
/// default function or serde functions that give or take the type itself.
/// (Only a struct's members are boxed: typify's `From` impls build an
/// enum's variant from its value.)
fn member_type(field: &Field) -> Option<String> {
    field.ident.as_ref()?;
    if matches!(serde_default(&field.attrs), Some(Some(_))) || has_serde_functions(field) {
        return None;
    }
    type_name(first_argument(&field.ty, "Option").unwrap_or(&field.ty))
}

/// Whether `field` has `#[serde(with = ..)]`, `deserialize_with` or
/// `serialize_with`.
fn has_serde_functions(field: &Field) -> bool {
    field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::List(list) => Some(list.tokens.clone()),
            _ => None,
        })
        .flatten()
        .any(|token| {
            matches!(token, proc_macro2::TokenTree::Ident(ident)
                if ident == "with" || ident == "deserialize_with" || ident == "serialize_with")
        })
}

/// The estimated sizes of the types of the `types` module, and the types
/// whose members are boxed.
struct Sizes<'a> {
    items: HashMap<String, &'a Item>,
    known: HashMap<String, usize>,
    /// Types being measured: one that holds itself is boxed by typify
    /// already, and counts as a pointer here.
    measuring: HashSet<String>,
    /// The types over [`LIMIT`], which a member holds in a `Box`.
    boxed: HashSet<String>,
}

impl<'a> Sizes<'a> {
    fn of(items: &'a [Item]) -> Self {
        let items = items
            .iter()
            .filter_map(|item| match item {
                Item::Struct(s) => Some((s.ident.to_string(), item)),
                Item::Enum(e) => Some((e.ident.to_string(), item)),
                _ => None,
            })
            .collect();
        Sizes {
            items,
            known: HashMap::new(),
            measuring: HashSet::new(),
            boxed: HashSet::new(),
        }
    }

    /// The estimated size of the type `name` of the module, its members
    /// over [`LIMIT`] boxed.
    fn size(&mut self, name: &str) -> usize {
        if let Some(size) = self.known.get(name) {
            return *size;
        }
        let Some(item) = self.items.get(name).copied() else {
            return WORD * 3;
        };
        if !self.measuring.insert(name.to_owned()) {
            return WORD;
        }
        let size = match item {
            Item::Struct(s) => self.fields(&s.fields, true),
            Item::Enum(e) => {
                let largest = e
                    .variants
                    .iter()
                    .map(|variant| self.fields(&variant.fields, false))
                    .max()
                    .unwrap_or(0);
                largest + WORD
            }
            _ => WORD * 3,
        };
        self.measuring.remove(name);
        self.known.insert(name.to_owned(), size);
        if size > LIMIT {
            self.boxed.insert(name.to_owned());
        }
        size
    }

    /// The size of `fields`, those of a struct (`boxable`) with the members
    /// [`box_fields`] boxes counted as a pointer.
    fn fields(&mut self, fields: &Fields, boxable: bool) -> usize {
        fields
            .iter()
            .map(|field| match member_type(field).filter(|_| boxable) {
                Some(name) if self.size(&name) > LIMIT => WORD,
                _ => self.of_type(&field.ty),
            })
            .sum()
    }

    fn of_type(&mut self, ty: &Type) -> usize {
        match ty {
            Type::Path(path) => {
                let Some(last) = path.path.segments.last() else {
                    return WORD * 3;
                };
                let name = last.ident.to_string();
                match name.as_str() {
                    "Option" => first_argument(ty, "Option")
                        .map_or(WORD, |inner| self.of_type(inner) + WORD),
                    "Box" | "Arc" | "Rc" => WORD,
                    "bool" | "u8" | "i8" => 1,
                    "u16" | "i16" => 2,
                    "u32" | "i32" | "f32" | "char" => 4,
                    "u64" | "i64" | "f64" | "usize" | "isize" => WORD,
                    "u128" | "i128" | "Uuid" | "DateTime" => 16,
                    "HashMap" | "IndexMap" | "Map" => WORD * 6,
                    "Value" => WORD * 4,
                    _ if path.path.segments.len() == 1 || is_sibling(&path.path) => {
                        self.size(&name)
                    }
                    // `String`, `Vec` and the other standard types a
                    // member is made of: three words or fewer.
                    _ => WORD * 3,
                }
            }
            Type::Tuple(tuple) => tuple.elems.iter().map(|ty| self.of_type(ty)).sum(),
            Type::Reference(_) | Type::Ptr(_) => WORD,
            _ => WORD * 3,
        }
    }
}

const WORD: usize = 8;

/// Whether `path` names a type of the module by `super::Name` or
/// `types::Name`.
fn is_sibling(path: &syn::Path) -> bool {
    path.segments.len() == 2
        && matches!(
            path.segments[0].ident.to_string().as_str(),
            "super" | "types" | "self"
        )
}

/// The module's name for `ty`, if it is a path to one of its types.
fn type_name(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() || !(path.path.segments.len() == 1 || is_sibling(&path.path)) {
        return None;
    }
    let last = path.path.segments.last()?;
    matches!(last.arguments, PathArguments::None).then(|| last.ident.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// A text of `width` runs, each of `width` formats of `width` integers: the
    /// fan-out of presalytics' OOXML types, smaller.
    fn nested(width: usize) -> syn::File {
        let members = |prefix: &str, ty: &str| -> Vec<syn::Field> {
            (0..width)
                .map(|i| {
                    let name = quote::format_ident!("{prefix}{i}");
                    let ty: Type = syn::parse_str(ty).unwrap();
                    syn::parse_quote!(pub #name: ::std::option::Option<#ty>)
                })
                .collect()
        };
        let format = members("size", "i64");
        let run = members("format", "Format");
        let text = members("run", "Run");
        syn::parse_quote! {
            pub mod types {
                pub struct Format { #(#format,)* }
                pub struct Run { #(#run,)* }
                pub struct Text { #(#text,)* pub title: ::std::string::String }
                pub struct Axis {
                    pub text: Text,
                    pub label: ::std::option::Option<super::Text>,
                    #[serde(default = "defaults::text")]
                    pub fallback: Text,
                    #[serde(deserialize_with = "read_text")]
                    pub read: Text,
                    #[serde(rename = "withdrawal")]
                    pub renamed: Text,
                    pub id: ::std::option::Option<::uuid::Uuid>,
                }
                pub enum Shape { Axis(Axis), Run(Run), Empty }
            }
        }
    }

    #[test]
    fn a_member_of_a_large_type_is_boxed_and_the_others_are_left() {
        // Format: 12 × 16 = 192 bytes; Run: 12 × 200 = 2,400; Text: over
        // 28 KB, so each `Run` stays in place and each `Text` is boxed.
        let mut file = nested(12);
        box_large(&mut file);
        let types = types_module(&file).unwrap();
        let text = |name: &str| {
            let item = types
                .iter()
                .find(|item| super::super::syntax::item_name(item).is_some_and(|i| i == name))
                .unwrap();
            quote!(#item).to_string()
        };
        assert!(text("Text").contains("pub run0 : :: std :: option :: Option < Run >"));
        let axis = text("Axis");
        assert!(
            axis.contains("pub text : :: std :: boxed :: Box < Text >"),
            "{axis}"
        );
        assert!(
            axis.contains("pub label : :: std :: option :: Option < :: std :: boxed :: Box < super :: Text > >"),
            "{axis}"
        );
        // A default function gives the type itself: left in place.
        assert!(axis.contains("pub fallback : Text"), "{axis}");
        // So does a serde function; a name with `with` in it does not.
        assert!(axis.contains("pub read : Text"), "{axis}");
        assert!(
            axis.contains("pub renamed : :: std :: boxed :: Box < Text >"),
            "{axis}"
        );
        assert!(axis.contains("Option < :: uuid :: Uuid >"), "{axis}");
        // A variant's value stays in place: typify's `From` impls build it.
        let shape = text("Shape");
        assert!(shape.contains("Axis (Axis)"), "{shape}");
        assert!(shape.contains("Run (Run)"), "{shape}");
    }

    #[test]
    fn types_under_the_limit_are_left_as_they_are() {
        let mut file = nested(4);
        let before = quote!(#file).to_string();
        box_large(&mut file);
        assert_eq!(quote!(#file).to_string(), before);
    }
}
