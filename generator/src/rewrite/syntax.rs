//! Reading and editing the code typify emits: `#[derive(..)]` lists,
//! `#[serde(rename = "..")]`, and which type a schema name became.

use proc_macro2::TokenStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, LitStr, Path, Token};

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
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
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

/// A schema or type name reduced to lower-case letters and digits, so that
/// `person_name`, `PersonName` and typify's `PersonName` all agree.
pub(crate) fn type_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
