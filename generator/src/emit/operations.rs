//! Emits the public `Client`'s methods, one per operation: each takes the
//! same arguments as progenitor's, sends through the retrying transport and
//! returns the crate's one `Error`.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use openapiv3::OpenAPI;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{FnArg, GenericArgument, ImplItem, Item, Pat, PathArguments, ReturnType, Type};

use super::requests::{self, TypeNames};
use super::responses;
use crate::engine::success_bodies::Several;
use crate::spec::requests::Requests;
use crate::spec::walk::operations;

/// The code of the `operations` module, from progenitor's `api` module and
/// the spec's operations (for their `operationId`s), with what the client
/// sends itself (`requests`). The operations of `several` return the enum of
/// `response_enums` they are keyed by.
pub fn generate(
    api: &syn::File,
    spec: &OpenAPI,
    requests: &Requests,
    several: &[Several],
    response_enums: &BTreeMap<String, syn::Ident>,
) -> TokenStream {
    let types = TypeNames(super::mock::type_names(api));
    let decoded: BTreeMap<String, (&Several, &syn::Ident)> = several
        .iter()
        .filter_map(|s| {
            let name = response_enums.get(&s.operation_id)?;
            Some((s.operation_id.to_snake_case(), (s, name)))
        })
        .collect();
    // progenitor names each method after the snake case of its operationId.
    let operation_ids: BTreeMap<String, &str> = operations(spec)
        .filter_map(|(_, _, operation)| operation.operation_id.as_deref())
        .map(|id| (id.to_snake_case(), id))
        .collect();
    let methods = api
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => Some(&i.items),
            _ => None,
        })
        .flatten()
        .filter_map(|item| match item {
            ImplItem::Fn(f) => forward(f, &operation_ids, requests, &types, &decoded),
            _ => None,
        });
    quote! {
        //! The operations of the API, as methods of [`Client`].

        #[allow(unused_imports)]
        use crate::api::*;
        use crate::{runtime, Client, Error};

        impl Client {
            #(#methods)*
        }
    }
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("Client"))
}

/// A method that calls progenitor's namesake, or `None` for what is not an
/// operation: constructors, and the streams of paginated operations, whose
/// pages come from the same operation's method.
fn forward(
    f: &syn::ImplItemFn,
    operation_ids: &BTreeMap<String, &str>,
    requests: &Requests,
    types: &TypeNames,
    decoded: &BTreeMap<String, (&Several, &syn::Ident)>,
) -> Option<TokenStream> {
    let sig = &f.sig;
    if sig.asyncness.is_none() || !matches!(f.vis, syn::Visibility::Public(_)) {
        return None;
    }
    let output = public_output(&sig.output)?;
    let name = &sig.ident;
    let operation = name.to_string();
    let operation_id = operation_ids.get(&operation).copied().unwrap_or(&operation);
    let arguments: Vec<_> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) => Some(&p.ident),
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    let mut docs: Vec<String> = f.attrs.iter().filter_map(doc_text).collect();
    let mut public = sig.clone();
    public.output = output;
    let prelude = requests::adapt(&mut public, &mut docs, operation_id, requests, types);
    if let Some((several, enum_name)) = decoded.get(&operation) {
        public.output = syn::parse_quote! {
            -> ::std::result::Result<ResponseValue<types::#enum_name>, Error>
        };
        let body =
            responses::method_body(several, enum_name, name, &operation, &arguments, &prelude);
        return Some(quote! {
            #(#[doc = #docs])*
            pub #public {
                #body
            }
        });
    }
    Some(quote! {
        #(#[doc = #docs])*
        pub #public {
            let call = self.call(#operation_id);
            #prelude
            let result = call.#name(#(#arguments),*).await;
            runtime::finish(&call, #operation, result).await
        }
    })
}

/// The text of a `#[doc = "..."]` attribute.
fn doc_text(attr: &syn::Attribute) -> Option<String> {
    let syn::Meta::NameValue(meta) = &attr.meta else {
        return None;
    };
    match &meta.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) if meta.path.is_ident("doc") => Some(text.value()),
        _ => None,
    }
}

/// `Result<ResponseValue<T>, progenitor's Error<E>>` becomes
/// `Result<ResponseValue<T>, Error>`; any other return type is not an
/// operation.
fn public_output(output: &ReturnType) -> Option<ReturnType> {
    let ReturnType::Type(arrow, ty) = output else {
        return None;
    };
    let Type::Path(path) = &**ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(GenericArgument::Type(success)) = args.args.first() else {
        return None;
    };
    let ty: Type = syn::parse_quote!(::std::result::Result<#success, Error>);
    Some(ReturnType::Type(*arrow, Box::new(ty)))
}
