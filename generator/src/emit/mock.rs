//! Emits the `mock` module, built with the crate's `mock` feature: typed
//! httpmock helpers for each operation (progenitor writes them) and a
//! sample of every component schema, so that an application can test its
//! own code against a local server in a few lines.

pub(crate) mod samples;

use std::collections::HashMap;
use std::path::Path;

use heck::ToSnakeCase;
use openapiv3::OpenAPI;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item};

use crate::error::Result;
use crate::names::type_key;
use crate::output::comment;
use crate::rewrite::syntax::{parse, types_module};
use crate::spec::Document;
use crate::spec::media::RequestKind;
use crate::spec::requests::sent_by_progenitor;

/// progenitor's httpmock expectations (`helpers`), parsed and mended, with
/// the helper functions the mended code calls: what the `mock` module is
/// made of before the names of the types are known. The second thread
/// makes it while the first one still reads progenitor's client.
pub struct Expectations {
    helpers: syn::File,
    form_text: bool,
}

/// [`Expectations`] of progenitor's `helpers`.
pub fn expectations(document: &Document, helpers: TokenStream) -> Result<Expectations> {
    let mut helpers = parse(Path::new(MODULE), helpers)?;
    let mut mend = Mend {
        bodies: sent_by_progenitor(&document.api)
            .into_iter()
            .map(|(id, kind)| (id.to_snake_case(), kind))
            .collect(),
        ..Mend::default()
    };
    mend.visit_file_mut(&mut helpers);
    Ok(Expectations {
        helpers,
        form_text: mend.form_text,
    })
}

/// The path of the module.
const MODULE: &str = "src/mock.rs";

/// The code of the `mock` module. `types` are the types of the generated
/// `types` module the samples are decoded into, by [`type_key`] with their
/// names; `expectations` are progenitor's, kept as a syntax tree, which
/// the module's own items join.
pub fn generate(
    document: &Document,
    types: &[(String, String)],
    expectations: Expectations,
) -> Result<syn::File> {
    let path = Path::new(MODULE);
    let Expectations { helpers, form_text } = expectations;
    let form_text = form_text.then(|| {
        quote! {
            /// A form body as the client writes it: with serde_urlencoded, as
            /// progenitor's client does, so that the texts are the same.
            fn form_text<T: ::serde::Serialize>(value: &T) -> String {
                ::serde_urlencoded::to_string(value).unwrap_or_else(|error| {
                    panic!("the body cannot be written as a form, nor sent: {error}")
                })
            }
        }
    });

    let schemas = schema_names(&document.api);
    let samples: Vec<(Ident, TokenStream)> = types
        .iter()
        .filter_map(|(key, type_name)| {
            let schema = *schemas.get(key)?;
            let type_name = format_ident!("{type_name}");
            let json = samples::of_component(&document.api, schema)?.to_string();
            let function = function_name(&type_name);
            let doc = format!(
                " A complete `{type_name}`: every member filled in with an invented value \
             (schema `{schema}`). Change what your test cares about."
            );
            let item = quote! {
                #[doc = #doc]
                pub fn #function() -> crate::types::#type_name {
                    decode(#json)
                }
            };
            Some((function, item))
        })
        .collect();
    let (functions, items): (Vec<_>, Vec<_>) = samples.into_iter().unzip();
    let why_decoding_cannot_fail = comment(
        "The samples are made from the same spec as the types, and the test below decodes \
         each of them.",
    );
    // A spec without component schemas has no samples to decode.
    let decoding = (!functions.is_empty()).then(|| {
        quote! {
            fn decode<T: ::serde::de::DeserializeOwned>(json: &str) -> T {
                #why_decoding_cannot_fail
                ::serde_json::from_str(json).unwrap_or_else(|error| {
                    panic!(
                        "the sample of {} does not decode: {error}",
                        ::std::any::type_name::<T>()
                    )
                })
            }

            #[cfg(test)]
            mod tests {
                #[test]
                fn every_sample_decodes() {
                    #(let _ = super::#functions();)*
                }
            }
        }
    });

    let mut file = parse(
        path,
        quote! {
            //! Test helpers: typed [`httpmock`] expectations for each operation, and
            //! [`samples`] of every schema to answer them with.
            //!
            //! Start a [`MockServer`], set an expectation with the method named
            //! after the operation ([`MockServerExt`]), and point the client's
            //! `base_url` at `server.base_url()`.

            pub use ::httpmock::MockServer;
        },
    )?;
    // progenitor's expectations have no inner attributes of their own.
    file.items.extend(helpers.items);
    let rest = parse(
        path,
        quote! {
            #form_text

            /// Sample values of every schema the spec names, for tests to start from.
            pub mod samples {
                #(#items)*

                #decoding
            }
        },
    )?;
    file.items.extend(rest.items);
    Ok(file)
}

/// Mends habits of progenitor's httpmock code. Two do not compile for
/// every spec: it turns parameters into text with `to_string()`, which
/// typify's untagged enums lack (the client itself serializes them), and it
/// passes bodies to `json_body_obj`, which takes a reference, by value when
/// their type looks `Copy` (open enums are not). One never matches: it
/// expects every body as JSON, a form or bytes too; those are expected as
/// the client sends them.
#[derive(Default)]
struct Mend {
    /// How progenitor's client sends the bodies it does not send as JSON,
    /// by the snake case of the operationId, as progenitor names methods.
    bodies: HashMap<String, RequestKind>,
    /// How the operation whose `…When` type is being visited sends its
    /// body, when not as JSON.
    body: Option<RequestKind>,
    /// Whether some code now calls the `form_text` function.
    form_text: bool,
}

impl VisitMut for Mend {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        // progenitor's `{Operation}When`: the expectations of a request.
        let operation = match &*item.self_ty {
            syn::Type::Path(path) => path.path.get_ident().map(ToString::to_string),
            _ => None,
        };
        self.body = operation
            .as_deref()
            .and_then(|name| name.strip_suffix("When"))
            .and_then(|operation| self.bodies.get(&operation.to_snake_case()))
            .copied();
        visit_mut::visit_item_impl_mut(self, item);
        self.body = None;
    }

    fn visit_impl_item_fn_mut(&mut self, method: &mut syn::ImplItemFn) {
        if method.sig.ident != "body" {
            return visit_mut::visit_impl_item_fn_mut(self, method);
        }
        match self.body {
            Some(RequestKind::Form) => {
                self.form_text = true;
                method.block = syn::parse_quote!({
                    Self(
                        self.0
                            .header("content-type", "application/x-www-form-urlencoded")
                            .body(crate::mock::form_text(&value)),
                    )
                });
            }
            Some(RequestKind::OctetStream) => {
                // progenitor types these bodies as JSON values; the client
                // sends bytes.
                method.sig.inputs = syn::parse_quote!(self, value: impl AsRef<[u8]>);
                method.block = syn::parse_quote!({
                    let expected = value.as_ref().to_vec();
                    Self(
                        self.0
                            .header("content-type", "application/octet-stream")
                            .is_true(move |request| request.body_ref() == expected.as_slice()),
                    )
                });
            }
            _ => visit_mut::visit_impl_item_fn_mut(self, method),
        }
    }

    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        // progenitor imports the crate's root whether or not the helpers
        // name one of its types.
        let is_crate_glob = matches!(&item.tree, syn::UseTree::Path(p)
            if p.ident == "crate" && matches!(*p.tree, syn::UseTree::Glob(_)));
        if is_crate_glob {
            item.attrs.push(syn::parse_quote!(#[allow(unused_imports)]));
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let Expr::MethodCall(call) = expr else { return };
        let on_value = |e: &Expr| matches!(e, Expr::Path(p) if p.path.is_ident("value"));
        if call.method == "to_string" && call.args.is_empty() && on_value(&call.receiver) {
            *expr = syn::parse_quote!(crate::runtime::wire_text(&value));
        } else if call.method == "json_body_obj" && call.args.len() == 1 && on_value(&call.args[0])
        {
            call.args[0] = syn::parse_quote!(&value);
        }
    }
}

/// The types of the `types` module, by the key samples match schemas on.
pub(super) fn type_names(api: &syn::File) -> Vec<(String, Ident)> {
    types_module(api)
        .into_iter()
        .flatten()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.clone()),
            Item::Enum(e) => Some(e.ident.clone()),
            _ => None,
        })
        .map(|ident| (type_key(&ident.to_string()), ident))
        .collect()
}

/// The component schemas by the key of their name: the first schema whose
/// name has a key, where several do.
fn schema_names(api: &OpenAPI) -> HashMap<String, &str> {
    let mut names = HashMap::new();
    for name in api.components.iter().flat_map(|c| c.schemas.keys()) {
        names.entry(type_key(name)).or_insert(name.as_str());
    }
    names
}

/// `SessionDocument` → `session_document`.
fn function_name(type_name: &Ident) -> Ident {
    let mut snake = String::new();
    for (i, c) in type_name.to_string().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    if crate::ident::is_keyword(&snake) {
        snake.push_str("_sample");
    }
    format_ident!("{snake}")
}
