//! The part of a public method that builds what progenitor cannot (see
//! `spec::requests`): it takes the body's parts, fields or bytes, or a
//! parameter's typed value, and hands them to the crate's `bodies` or
//! `forms` runtime before progenitor's method sends the request.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{FnArg, Ident, Pat, Type};

use crate::ident::{self, Case};
use crate::names::type_key;
use crate::spec::requests::{
    Form, FormStyle, Item, Multipart, RawBody, Requests, Written, WrittenParameter,
};

/// The Rust types of the `types` module, by [`type_key`].
pub struct TypeNames(pub Vec<(String, Ident)>);

impl TypeNames {
    /// `types::Name` for the component schema `component`.
    fn path(&self, component: &str) -> TokenStream {
        let key = type_key(component);
        let ident = self
            .0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, ident)| ident.clone())
            .unwrap_or_else(|| ident::ident(component, Case::UpperCamel));
        quote!(types::#ident)
    }
}

/// Rewrites the public method's `sig` and `docs` for what the generated
/// client sends itself, and returns the statements that build it; they run
/// after the local `call` holds the call and before progenitor's method is
/// called with the parameters progenitor's own signature had.
pub fn adapt(
    sig: &mut syn::Signature,
    docs: &mut Vec<String>,
    call: &Ident,
    operation_id: &str,
    requests: &Requests,
    types: &TypeNames,
) -> TokenStream {
    let operation = sig.ident.to_string();
    let mut prelude = TokenStream::new();
    if let Some(parameters) = requests.written_parameters.get(operation_id) {
        for parameter in parameters {
            prelude.extend(written_parameter(sig, &operation, parameter, types));
        }
    }
    let Some(body) = requests.bodies.get(operation_id) else {
        return prelude;
    };
    let mut docs = Arguments::new(docs);
    let mut input = |sig: &mut syn::Signature, tokens: TokenStream| {
        sig.inputs
            .push(syn::parse2(tokens).expect("a generated parameter parses"));
    };
    let build = match body {
        RawBody::Multipart(multipart) => {
            multipart_body(sig, &mut docs, &operation, multipart, types, &mut input)
        }
        RawBody::Form(form) => form_body(sig, &mut docs, &operation, form, types, &mut input),
        RawBody::Text { media_type } => {
            input(sig, quote!(body: String));
            docs.push(format!("`body`: the `{media_type}` text"));
            quote! {
                let (content_type, body) =
                    crate::runtime::bodies::raw(#operation, body, #media_type, #media_type)?;
            }
        }
        RawBody::Bytes { media_type } if crate::spec::media::caller_names_type(media_type) => {
            input(sig, quote!(body: impl Into<::reqwest::Body>));
            input(sig, quote!(content_type: &'a str));
            docs.push("`body`: the body's bytes".to_owned());
            docs.push(format!(
                "`content_type`: the body's media type, within `{media_type}`{}",
                if crate::spec::media::is_range(media_type) {
                    ""
                } else {
                    " (with its parameters, such as the `boundary`)"
                }
            ));
            quote! {
                let (content_type, body) =
                    crate::runtime::bodies::raw(#operation, body, content_type, #media_type)?;
            }
        }
        RawBody::Bytes { media_type } => {
            input(sig, quote!(body: impl Into<::reqwest::Body>));
            docs.push(format!("`body`: the `{media_type}` bytes"));
            quote! {
                let (content_type, body) =
                    crate::runtime::bodies::raw(#operation, body, #media_type, #media_type)?;
            }
        }
    };
    quote! {
        #prelude
        #build
        #call.inner().attach_body(content_type, body);
    }
}

fn multipart_body(
    sig: &mut syn::Signature,
    docs: &mut Arguments,
    operation: &str,
    multipart: &Multipart,
    types: &TypeNames,
    input: &mut impl FnMut(&mut syn::Signature, TokenStream),
) -> TokenStream {
    let mut parts = TokenStream::new();
    if let Some(fields) = &multipart.fields {
        let ty = types.path(fields);
        input(sig, quote!(body: &'a #ty));
        docs.push("`body`: the form's text fields".to_owned());
        let encodings = multipart
            .field_types
            .iter()
            .map(|(name, media_type)| quote!((#name, #media_type)));
        parts.extend(quote!(.fields(body, &[#(#encodings),*])));
    }
    for file in &multipart.files {
        // The method's own locals are taken too.
        let mut taken: Vec<String> = sig.inputs.iter().filter_map(input_name).collect();
        taken.extend(["call", "result", "content_type", "body"].map(str::to_owned));
        let mut ident = format_ident!("{}", rust_name(&file.name));
        if taken.contains(&ident.to_string()) {
            ident = format_ident!("{}_file", rust_name(&file.name));
        }
        let ty = match (file.many, file.required) {
            (true, _) => quote!(Vec<crate::FilePart>),
            (false, true) => quote!(crate::FilePart),
            (false, false) => quote!(Option<crate::FilePart>),
        };
        input(sig, quote!(#ident: #ty));
        let what = match &file.description {
            Some(description) => description.lines().next().unwrap_or_default().to_owned(),
            None => format!("the file part `{}`", file.name),
        };
        docs.push(format!("`{ident}`: {what}"));
        let name = &file.name;
        let spec_type = match &file.content_type {
            Some(media_type) => quote!(Some(#media_type)),
            None => quote!(None),
        };
        parts.extend(if file.many || !file.required {
            quote!(.files(#name, #ident, #spec_type))
        } else {
            quote!(.file(#name, #ident, #spec_type))
        });
    }
    quote! {
        let (content_type, body) = crate::runtime::bodies::Multipart::new()
            #parts
            .finish(#operation)
            .await?;
    }
}

fn form_body(
    sig: &mut syn::Signature,
    docs: &mut Arguments,
    operation: &str,
    form: &Form,
    types: &TypeNames,
    input: &mut impl FnMut(&mut syn::Signature, TokenStream),
) -> TokenStream {
    let ty = types.path(&form.fields);
    input(sig, quote!(body: &'a #ty));
    docs.push("`body`: the form's fields".to_owned());
    let styles = form.styles.iter().map(|(name, style)| {
        let style = match style {
            FormStyle::Repeated => quote!(Repeated),
            FormStyle::Delimited(separator) => quote!(Delimited(#separator)),
            FormStyle::Json => quote!(Json),
        };
        quote!((#name, crate::runtime::forms::Style::#style))
    });
    quote! {
        let (content_type, body) =
            crate::runtime::forms::encode(#operation, body, &[#(#styles),*])?;
    }
}

/// Types the parameter as its schema's value and writes its JSON text where
/// progenitor's method takes a string.
fn written_parameter(
    sig: &mut syn::Signature,
    operation: &str,
    parameter: &WrittenParameter,
    types: &TypeNames,
) -> TokenStream {
    let key = type_key(&parameter.name);
    let Some(FnArg::Typed(typed)) = sig
        .inputs
        .iter_mut()
        .find(|input| input_name(input).is_some_and(|name| type_key(&name) == key))
    else {
        return TokenStream::new();
    };
    let Pat::Ident(pat) = &*typed.pat else {
        return TokenStream::new();
    };
    let ident = pat.ident.clone();
    let optional = matches!(&*typed.ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
    let ty = written_type(&parameter.written, types);
    // Only JSON can fail to be written.
    let fallible = matches!(parameter.written, Written::Json { .. });
    if optional {
        *typed.ty = syn::parse_quote!(Option<&'a #ty>);
        let (value, transpose) = match fallible {
            true => (quote!(value), Some(quote!(.transpose()?))),
            false => (quote!(items), None),
        };
        let write = write_text(parameter, operation, &value);
        quote! {
            let #ident = #ident
                .map(|#value| #write)
                #transpose;
            let #ident = #ident.as_deref();
        }
    } else {
        *typed.ty = syn::parse_quote!(&'a #ty);
        let write = write_text(parameter, operation, &quote!(#ident));
        let question = fallible.then(|| quote!(?));
        quote! {
            let #ident = #write #question;
            let #ident = #ident.as_str();
        }
    }
}

/// The type of the value the method takes for a parameter written as
/// `written`.
fn written_type(written: &Written, types: &TypeNames) -> TokenStream {
    match written {
        Written::Json { schema } => types.path(schema),
        Written::Delimited { item, .. } => {
            let item = match item {
                Item::Component(component) => types.path(component),
                Item::Scalar("String") => quote!(::std::string::String),
                Item::Scalar(scalar) => {
                    let scalar = format_ident!("{scalar}");
                    quote!(#scalar)
                }
            };
            quote!(::std::vec::Vec<#item>)
        }
    }
}

/// The call that writes the string progenitor's method takes from
/// `value`, a reference to the parameter's value.
fn write_text(parameter: &WrittenParameter, operation: &str, value: &TokenStream) -> TokenStream {
    match &parameter.written {
        Written::Json { .. } => {
            let name = &parameter.name;
            quote!(crate::runtime::bodies::json_text(#operation, #name, #value))
        }
        Written::Delimited { separator, .. } => {
            let separator = separator.to_string();
            quote!(crate::runtime::delimited(#value, #separator))
        }
    }
}

/// The method's documentation, to which arguments are added in the list
/// progenitor writes ("Arguments:", one `- ` line each).
struct Arguments<'d>(&'d mut Vec<String>);

impl<'d> Arguments<'d> {
    fn new(docs: &'d mut Vec<String>) -> Self {
        let mut text = docs.join("\n").trim_end().to_owned();
        if !text.lines().any(|line| line.trim() == "Arguments:") {
            text.push_str("\n\nArguments:");
        }
        *docs = vec![text];
        Self(docs)
    }

    fn push(&mut self, argument: String) {
        if let Some(text) = self.0.last_mut() {
            text.push_str(&format!("\n- {argument}"));
        }
    }
}

pub(crate) fn input_name(input: &FnArg) -> Option<String> {
    match input {
        FnArg::Typed(typed) => match &*typed.pat {
            Pat::Ident(pat) => Some(pat.ident.to_string()),
            _ => None,
        },
        FnArg::Receiver(_) => None,
    }
}

/// A part's name as a Rust parameter: `front-image` → `front_image`; a
/// name without a letter or digit is `file`.
fn rust_name(name: &str) -> String {
    if name.chars().any(char::is_alphanumeric) {
        ident::name(name, Case::Snake)
    } else {
        "file".to_owned()
    }
}
