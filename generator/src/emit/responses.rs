//! The response enums of operations with several success bodies, added to
//! the `types` module, and the decoding by status their public methods do.
//! progenitor's method returns such a body unread (see
//! `engine/success_bodies.rs`).
//!
//! An operation answering `201` with a session, `202` with a job and `204`
//! with nothing returns `types::CreateSessionResponse`, with the variants
//! `Created(Session)`, `Accepted(Job)` and `NoContent`.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::engine::success_bodies::{Body, ResponseEnum, Variant};
use crate::ident::{self, Case};
use crate::names::type_key;
use crate::rewrite::syntax::{item_name, types_module, types_module_mut};
use crate::spec::walk::Status;

/// The name of the response enum of each of `several`, by `operationId`:
/// one no type of `api`'s `types` module has.
/// None without a `types` module, where the enums would go.
pub fn names(api: &syn::File, response_enums: &[ResponseEnum]) -> BTreeMap<String, Ident> {
    let mut names = BTreeMap::new();
    let Some(mut taken) = type_names(api) else {
        return names;
    };
    for operation in response_enums {
        let name = enum_name(operation, &taken);
        taken.push(name.clone());
        names.insert(operation.operation_id.clone(), name);
    }
    names
}

/// Adds the response enum of each of `several` to the `types` module of
/// `api`, named as `names` says ([`names`]).
pub fn add_enums(
    api: &mut syn::File,
    response_enums: &[ResponseEnum],
    names: &BTreeMap<String, Ident>,
) {
    let mut taken = type_names(api).unwrap_or_default();
    let Some(types) = types_module_mut(api) else {
        return;
    };
    for operation in response_enums {
        let Some(name) = names.get(&operation.operation_id) else {
            continue;
        };
        taken.push(name.clone());
        let file: syn::File =
            syn::parse2(response_enum(operation, name, &taken)).expect("the enum is valid Rust");
        types.extend(file.items);
    }
}

/// The names of the types in `api`'s `types` module, if it has one.
fn type_names(api: &syn::File) -> Option<Vec<Ident>> {
    let types = types_module(api)?;
    Some(types.iter().filter_map(item_name).cloned().collect())
}

fn candidates(operation: &ResponseEnum) -> Vec<Ident> {
    let stem = ident::name(&operation.operation_id, Case::UpperCamel);
    ["Response", "SuccessResponse", "Answer"]
        .iter()
        .map(|suffix| format_ident!("{stem}{suffix}"))
        .collect()
}

fn enum_name(operation: &ResponseEnum, taken: &[Ident]) -> Ident {
    let all = candidates(operation);
    all.iter()
        .find(|c| !taken.contains(c))
        .cloned()
        .unwrap_or_else(|| format_ident!("{}{}", all[0], "Enum"))
}

/// The type a body decodes into, within the `types` module.
fn body_type(body: &Body, types: &[Ident]) -> Option<TokenStream> {
    match body {
        Body::Empty => None,
        Body::AnyJson => Some(quote!(::serde_json::Value)),
        Body::Bytes => Some(quote!(::std::vec::Vec<u8>)),
        Body::Component(name) => Some(
            types
                .iter()
                .find(|ident| type_key(&ident.to_string()) == type_key(name))
                .map_or_else(|| quote!(::serde_json::Value), |ident| quote!(#ident)),
        ),
    }
}

fn response_enum(operation: &ResponseEnum, name: &Ident, types: &[Ident]) -> TokenStream {
    let doc = format!(
        " What `{}` (`{}`) answers on success: a variant per body, named after the \
         status that sends it (statuses with the same body share one, named after each \
         joined by `Or`). The `ResponseValue` around it tells which status came.",
        operation.operation_id, operation.shown
    );
    let variants = operation.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.name);
        let docs = variant_doc(variant, types);
        match body_type(&variant.body, types) {
            None => quote! { #(#[doc = #docs])* #ident, },
            Some(ty) => quote! { #(#[doc = #docs])* #ident(#ty), },
        }
    });
    let decode = decode_fn(operation);
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        // A success status added to the spec becomes a variant.
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #decode
        }
    }
}

/// The doc lines of a variant: each status with its description, then the
/// body.
fn variant_doc(variant: &Variant, types: &[Ident]) -> Vec<String> {
    let mut lines = Vec::new();
    for (status, description) in &variant.statuses {
        let description = description.trim().trim_end_matches('.');
        let status = status_text(*status);
        lines.push(if description.is_empty() {
            format!(" `{status}`.")
        } else {
            format!(" `{status}`: {description}.")
        });
        lines.push(String::new());
    }
    lines.push(match (&variant.body, body_type(&variant.body, types)) {
        (Body::Empty, _) | (_, None) => " No body.".to_owned(),
        (Body::AnyJson, _) => " Body: any JSON value.".to_owned(),
        (Body::Bytes, _) => {
            " Body: the bytes as they came; the `content-type` header says of which type."
                .to_owned()
        }
        (Body::Component(_), Some(ty)) => format!(" Body: [`{ty}`]."),
    });
    lines
}

fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => match reason_phrase(code) {
            Some(reason) => format!("{code} {reason}"),
            None => code.to_string(),
        },
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "default".to_owned(),
    }
}

/// The reason phrase of a 2xx code, as HTTP writes it.
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        _ => return None,
    })
}

/// The enum's `decode`: the variant of each status, with its body decoded
/// (progenitor lets through only the spec's success statuses) by the call,
/// which tells the client's drift log what the body holds that the spec
/// does not describe.
fn decode_fn(operation: &ResponseEnum) -> TokenStream {
    // Codes first; the variant of `2XX`, if any, or else the last, takes
    // what is left.
    let mut variants: Vec<&Variant> = operation.variants.iter().collect();
    if let Some(range) = variants.iter().position(|v| {
        v.statuses
            .iter()
            .any(|(s, _)| !matches!(s, Status::Code(_)))
    }) {
        let range = variants.remove(range);
        variants.push(range);
    }
    let last = variants.len() - 1;
    let arms = variants.iter().enumerate().map(|(index, variant)| {
        let ident = format_ident!("{}", variant.name);
        let pattern = if index == last {
            quote!(_)
        } else {
            let codes = variant.statuses.iter().filter_map(|(s, _)| match s {
                Status::Code(code) => Some(*code),
                _ => None,
            });
            quote!(#(#codes)|*)
        };
        let value = match variant.body {
            Body::Empty => quote!(Self::#ident),
            Body::Bytes => quote!(Self::#ident(body.to_vec())),
            _ => quote!(Self::#ident(call.decode_json(body)?)),
        };
        quote! { #pattern => #value, }
    });
    let doc = format!(
        " The answer of `{}` with `status` and `body`, decoded by `call`.",
        operation.operation_id
    );
    let decodes_json = operation
        .variants
        .iter()
        .any(|v| !matches!(v.body, Body::Empty | Body::Bytes));
    let call = if decodes_json {
        format_ident!("call")
    } else {
        format_ident!("_call")
    };
    quote! {
        #[doc = #doc]
        pub(crate) fn decode(
            status: u16,
            body: &[u8],
            #call: &crate::runtime::Call,
        ) -> ::serde_json::Result<Self> {
            Ok(match status {
                #(#arms)*
            })
        }
    }
}

/// The last statements of the call of an operation with several success
/// bodies, once the local `call` holds the call: progenitor's method gives
/// the body unread, which the enum's `decode` reads by status.
pub fn method_body(
    call: &Ident,
    enum_name: &Ident,
    method: &Ident,
    method_name: &str,
    arguments: &[TokenStream],
) -> TokenStream {
    quote! {
        let response = match #call.#method(#(#arguments),*).await {
            Ok(response) => response,
            Err(error) => return Err(runtime::failure(&#call, #method_name, error).await),
        };
        let decode = |status, body: &[u8]| types::#enum_name::decode(status, body, &#call.inner);
        runtime::transport::decode_by_status(&#call, #method_name, response, decode).await
    }
}
