//! Gives a type of the `types` module a `Display` where progenitor writes
//! a value of it as text and typify gave it none.
//!
//! progenitor writes a path or header parameter with `.to_string()`.
//! typify implements `Display` for a `oneOf` of strings and numbers, but
//! not for one whose alternatives are its own types (pandascore's
//! `VideogameIdOrSlug`, a number enum or a string enum): the crate did not
//! compile (E0599). The value is written as it would be in JSON, a string
//! without its quotes: `1` or `cs-go`.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, format_ident};
use syn::visit::{self, Visit};
use syn::{Expr, FnArg, ImplItem, Item, Pat, Type};

use super::syntax::{is_client, segment_names, types_module, types_module_mut};

/// Adds a `Display` to each type of `api`'s `types` module that a method of
/// its `Client` calls `to_string` on, and that has none.
pub(super) fn add(api: &mut syn::File) {
    let Some(types) = types_module(api) else {
        return;
    };
    let written = written_as_text(api);
    let enums: BTreeSet<String> = types
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let displayed = displayed(types);
    let missing: Vec<String> = written
        .into_iter()
        .filter(|name| enums.contains(name) && !displayed.contains(name))
        .collect();
    if let Some(types) = types_module_mut(api) {
        types.extend(missing.iter().map(|name| display(name)));
    }
}

/// The names of the `types` the `Client`'s methods call `to_string` on: a
/// parameter of type `&types::Name`, which progenitor writes into a path
/// or a header.
fn written_as_text(api: &syn::File) -> BTreeSet<String> {
    let mut written = BTreeSet::new();
    for item in &api.items {
        let Item::Impl(client) = item else { continue };
        if client.trait_.is_some() || !is_client(&client.self_ty) {
            continue;
        }
        for item in &client.items {
            let ImplItem::Fn(method) = item else { continue };
            let parameters: HashMap<String, String> = method
                .sig
                .inputs
                .iter()
                .filter_map(|input| match input {
                    FnArg::Typed(typed) => match (&*typed.pat, types_name(&typed.ty)) {
                        (Pat::Ident(ident), Some(name)) => Some((ident.ident.to_string(), name)),
                        _ => None,
                    },
                    FnArg::Receiver(_) => None,
                })
                .collect();
            if parameters.is_empty() {
                continue;
            }
            let mut calls = ToStringCalls {
                parameters: &parameters,
                written: &mut written,
            };
            calls.visit_block(&method.block);
        }
    }
    written
}

/// `Name` of `&types::Name` (or `types::Name`).
fn types_name(ty: &Type) -> Option<String> {
    let ty = match ty {
        Type::Reference(reference) => &*reference.elem,
        ty => ty,
    };
    let Type::Path(path) = ty else { return None };
    match segment_names(&path.path).as_slice() {
        [module, name] if module == "types" => Some(name.clone()),
        _ => None,
    }
}

/// Collects the types of the parameters `to_string` is called on.
struct ToStringCalls<'a> {
    parameters: &'a HashMap<String, String>,
    written: &'a mut BTreeSet<String>,
}

impl<'ast> Visit<'ast> for ToStringCalls<'_> {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "to_string"
            && let Expr::Path(receiver) = &*call.receiver
            && let Some(ident) = receiver.path.get_ident()
            && let Some(name) = self.parameters.get(&ident.to_string())
        {
            self.written.insert(name.clone());
        }
        visit::visit_expr_method_call(self, call);
    }

    /// progenitor writes a path into `format!`, whose arguments syn leaves
    /// as tokens: `name.to_string()` is looked for among them.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.scan(mac.tokens.clone());
    }
}

impl ToStringCalls<'_> {
    fn scan(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match token {
                TokenTree::Group(group) => self.scan(group.stream()),
                TokenTree::Ident(ident) => {
                    let is_field = i > 0
                        && matches!(&tokens[i - 1], TokenTree::Punct(dot) if dot.as_char() == '.');
                    let calls_to_string = !is_field
                        && matches!(
                            (tokens.get(i + 1), tokens.get(i + 2)),
                            (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(method)))
                                if dot.as_char() == '.' && method == "to_string"
                        );
                    let name = self.parameters.get(&ident.to_string());
                    if let (true, Some(name)) = (calls_to_string, name) {
                        self.written.insert(name.clone());
                    }
                }
                _ => {}
            }
        }
    }
}

/// The types of `items` that have a `Display`: an `impl` of it, or an open
/// enum (the runtime's `open_enum!` writes one).
fn displayed(items: &[Item]) -> BTreeSet<String> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(i)
                if i.trait_
                    .as_ref()
                    .and_then(|(_, path, _)| path.segments.last())
                    .is_some_and(|last| last.ident == "Display") =>
            {
                Some(i.self_ty.to_token_stream().to_string())
            }
            Item::Macro(m) if m.mac.path.segments.last()?.ident == "open_enum" => m
                .mac
                .tokens
                .clone()
                .into_iter()
                .next()
                .map(|name| name.to_string()),
            _ => None,
        })
        .collect()
}

/// `impl Display for Name`, writing the value as the runtime's `wire_text`
/// does: a string without its quotes, another value as JSON.
fn display(name: &str) -> Item {
    let name = format_ident!("{name}");
    syn::parse_quote! {
        /// Writes the value as it goes into a path or a header.
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&crate::runtime::wire_text(self))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_union_written_into_a_path_gets_a_display_and_others_do_not() {
        let mut api: syn::File = syn::parse_quote! {
            pub mod types {
                #[serde(untagged)]
                pub enum IdOrSlug { Id(Id), Slug(Slug) }
                #[serde(untagged)]
                pub enum Shown { Id(i64), Name(String) }
                impl ::std::fmt::Display for Shown {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { Ok(()) }
                }
                #[serde(untagged)]
                pub enum InQuery { Id(Id), Slug(Slug) }
                pub enum Slug { A, Unknown(String) }
                crate::runtime::open_enum!(Slug, Unknown);
            }
            impl Client {
                pub async fn get<'a>(
                    &'a self,
                    id_or_slug: &'a types::IdOrSlug,
                    shown: &'a types::Shown,
                    slug: &'a types::Slug,
                    in_query: Option<&'a types::InQuery>,
                ) {
                    let url = format!("{}/{}/{}/{}", self.baseurl,
                        encode_path(&id_or_slug.to_string()),
                        encode_path(&shown.to_string()),
                        encode_path(&slug.to_string()));
                    query.push(("q", in_query));
                }
            }
        };
        add(&mut api);
        let types = types_module(&api).unwrap();
        let displays: Vec<String> = types
            .iter()
            .filter_map(|item| match item {
                Item::Impl(i) => Some(i.self_ty.to_token_stream().to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(displays, ["Shown", "IdOrSlug"]);
    }
}
