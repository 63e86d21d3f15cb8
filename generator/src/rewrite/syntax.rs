//! Reading and editing the code progenitor and typify emit: the `types`
//! module and its items, the `Client`, doc attributes, `#[derive(..)]`
//! lists and `#[serde(rename = "..")]`.

use proc_macro2::TokenStream;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Expr, ExprLit, GenericArgument, Ident, Item, Lit, LitStr, Path, PathArguments,
    Token, Type,
};

use crate::error::{Error, Result};

/// The syntax tree of the code meant for `file`.
pub(crate) fn parse(file: &std::path::Path, tokens: TokenStream) -> Result<syn::File> {
    syn::parse2(tokens).map_err(|e| Error::Unparsable {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

fn derived(attr: &Attribute) -> Option<Punctuated<Path, Token![,]>> {
    if !attr.path().is_ident("derive") {
        return None;
    }
    attr.parse_args_with(Punctuated::parse_terminated).ok()
}

fn is_named(path: &Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

/// Whether `attrs` derive the trait `name` (by its last path segment).
pub(crate) fn derives(attrs: &[Attribute], name: &str) -> bool {
    attrs
        .iter()
        .filter_map(derived)
        .any(|paths| paths.iter().any(|p| is_named(p, name)))
}

/// Takes the trait `name` out of every `#[derive(..)]` in `attrs`.
pub(crate) fn remove_derive(attrs: &mut [Attribute], name: &str) {
    for attr in attrs.iter_mut() {
        if let Some(paths) = derived(attr) {
            let kept = paths.iter().filter(|p| !is_named(p, name));
            *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
        }
    }
}

/// A field's `#[serde(default)]`: `Some(None)` for the type's `Default`,
/// `Some(Some(path))` for `#[serde(default = "path")]`, `None` when the
/// field has no default.
pub(crate) fn serde_default(attrs: &[Attribute]) -> Option<Option<Path>> {
    let mut default = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                default = Some(if meta.input.peek(Token![=]) {
                    meta.value()?.parse::<LitStr>()?.parse::<Path>().ok()
                } else {
                    None
                });
            } else if meta.input.peek(Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    default
}

/// The name a field or variant has on the wire, when `#[serde(rename)]`
/// gives one.
pub(crate) fn serde_rename(attrs: &[Attribute]) -> Option<String> {
    let mut rename = None;
    // Only an attribute that says `rename` is parsed: most fields of a
    // large crate have a `serde` attribute without one, and looking at its
    // tokens costs much less than parsing them.
    let says_rename = |attr: &&Attribute| match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone().into_iter().any(
            |token| matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == "rename"),
        ),
        _ => true,
    };
    for attr in attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .filter(says_rename)
    {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.input.peek(Token![=]) {
                // Skip the value of any other `key = value` option.
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

/// The items of progenitor's `pub mod types`, if the code has one.
pub(crate) fn types_module(api: &syn::File) -> Option<&[Item]> {
    api.items.iter().find_map(|item| match item {
        Item::Mod(module) if module.ident == "types" => {
            module.content.as_ref().map(|(_, items)| &items[..])
        }
        _ => None,
    })
}

/// [`types_module`], to add items to.
pub(crate) fn types_module_mut(api: &mut syn::File) -> Option<&mut Vec<Item>> {
    api.items.iter_mut().find_map(|item| match item {
        Item::Mod(module) if module.ident == "types" => {
            module.content.as_mut().map(|(_, items)| items)
        }
        _ => None,
    })
}

/// The name of a type item: a struct, an enum or a type alias.
pub(crate) fn item_name(item: &Item) -> Option<&Ident> {
    match item {
        Item::Struct(s) => Some(&s.ident),
        Item::Enum(e) => Some(&e.ident),
        Item::Type(t) => Some(&t.ident),
        _ => None,
    }
}

/// The names of `path`'s segments: `["types", "Name"]` for `types::Name`.
pub(crate) fn segment_names(path: &Path) -> Vec<String> {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect()
}

/// `T` of `Name<T, …>`, whatever path leads to `Name`: the item of a
/// `Vec`, the value of an `Option` or a `Result`.
pub(crate) fn first_argument<'t>(ty: &'t Type, name: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// Whether `ty` is progenitor's `Client` (by its last path segment, so
/// `crate::api::Client` too).
pub(crate) fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Client"))
}

/// The text of a `#[doc = "..."]` attribute.
pub(crate) fn doc_text(attr: &Attribute) -> Option<String> {
    let syn::Meta::NameValue(meta) = &attr.meta else {
        return None;
    };
    if !meta.path.is_ident("doc") {
        return None;
    }
    match &meta.value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}
