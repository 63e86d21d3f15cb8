//! Emits the public `Client`'s methods, one per operation, and the call each
//! returns: a builder named after the operation (`GetSession`) that sends
//! the request when awaited, through the retrying transport, and returns the
//! crate's one `Error`. Its methods set options for that call alone; what
//! they do is the runtime's `CallOptions`, so each builder stays short.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::{
    FnArg, GenericArgument, GenericParam, Ident, ImplItem, ImplItemFn, Item, Pat, PathArguments,
    ReturnType, Type, TypeParamBound,
};

use super::requests::{self, TypeNames};
use super::responses;
use crate::engine::success_bodies::ResponseEnum;
use crate::ident::{self, Case};
use crate::rewrite::syntax::{doc_text, is_client};
use crate::spec::requests::Requests;
use crate::spec::walk::{idempotency_key_operations, item_operations, operations, resolve};
use crate::spec::{Diagnostic, Document, escape};

/// Names a builder may not take: what the `operations` module imports, and
/// the prelude's, which its code names as they are (an operation `send`
/// made a builder `Send`, and `+ Send` no longer named the trait: E0404).
const RESERVED: &[&str] = &[
    "Client",
    "Error",
    "ResponseValue",
    "ByteStream",
    "ClientInfo",
    "Duration",
    "RetryPolicy",
    // The prelude of Rust 2024.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    "Err",
];

/// The fields every builder has besides the operation's arguments.
const OWN_FIELDS: [&str; 2] = ["client", "options"];

/// The methods every builder has for the call's options (and `await`'s),
/// and those of a list operation's call ([`PAGE_METHODS`]): an optional
/// parameter of one of these names gets a setter named `{name}_parameter`
/// instead, and a warning says so ([`renamed_parameters`]).
/// `idempotency_key` is not among them: an operation that has that option
/// has no such parameter.
pub(crate) const OPTION_METHODS: [&str; 8] = [
    "timeout",
    "deadline",
    "retry_policy",
    "max_retries",
    "header",
    "into_future",
    PAGE_METHODS[0],
    PAGE_METHODS[1],
];

/// The methods of a list operation's call besides the options: its page
/// stream, and `send`, which sends each page. Every call keeps them free,
/// whether the operation pages or not, so that a spec that starts paging
/// renames no setter.
const PAGE_METHODS: [&str; 2] = ["stream", "send"];

/// The public methods of progenitor's `Client` in `api`, the operations,
/// without their bodies: what [`generate`] reads of them.
pub fn client_methods(api: &syn::File) -> syn::ItemImpl {
    let methods = api
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => Some(&i.items),
            _ => None,
        })
        .flatten()
        .filter_map(|item| match item {
            ImplItem::Fn(f) if is_operation(f) => Some(ImplItem::Fn(ImplItemFn {
                block: syn::parse_quote!({}),
                ..f.clone()
            })),
            _ => None,
        });
    let mut client: syn::ItemImpl = syn::parse_quote!(impl Client {});
    client.items = methods.collect();
    client
}

/// The code of the `operations` module, from the operations' methods of
/// progenitor's `Client` (`client`, [`client_methods`]), the types of its
/// `types` module by [`type_key`](crate::names::type_key), and
/// the spec's operations (for their `operationId`s), with what the client
/// sends itself (`requests`). The operations of `response_enums` return the
/// enum of `enum_names` they are keyed by; those of `paged` (`operationId`s)
/// are list operations, whose calls the `page_streams` module sends again
/// for each page.
pub fn generate(
    client: &syn::ItemImpl,
    types: Vec<(String, Ident)>,
    spec: &OpenAPI,
    requests: &Requests,
    response_enums: &[ResponseEnum],
    enum_names: &BTreeMap<String, syn::Ident>,
    paged: &[String],
) -> TokenStream {
    let types = TypeNames(types);
    let decoded: BTreeMap<String, (&ResponseEnum, &syn::Ident)> = response_enums
        .iter()
        .filter_map(|s| {
            let name = enum_names.get(&s.operation_id)?;
            Some((ident::name(&s.operation_id, Case::Snake), (s, name)))
        })
        .collect();
    let operation_ids = operation_ids(spec);
    let keyed = idempotency_key_operations(spec);
    let context = Context {
        operation_ids: &operation_ids,
        requests,
        types: &types,
        decoded: &decoded,
        keyed: &keyed,
        paged,
    };
    let (methods, builders): (Vec<_>, Vec<_>) = client
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(f) => forward(f, &context),
            _ => None,
        })
        .unzip();
    let duration = (!builders.is_empty()).then(|| {
        quote!(
            use ::std::time::Duration;
        )
    });
    quote! {
        //! The operations of the API, as methods of [`Client`], and the call
        //! each returns: await it to send the request, or set options for that
        //! call first.

        #duration

        #[allow(unused_imports)]
        use crate::api::*;
        use crate::{runtime, Client, Error, RetryPolicy};

        impl Client {
            #(#methods)*
        }

        #(#builders)*
    }
}

/// The `operationId`s of `spec`, by the name of progenitor's method, which
/// it names after the `operationId` as `ident::name` does.
fn operation_ids(spec: &OpenAPI) -> BTreeMap<String, &str> {
    operations(spec)
        .filter_map(|(_, _, operation)| operation.operation_id.as_deref())
        .map(|id| (ident::name(id, Case::Snake), id))
        .collect()
}

/// A public method of `Client`, as the command line calls it.
pub struct Call {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// What users call: the method's name, arguments and result (for an
    /// operation with several success bodies, progenitor's result, before
    /// its body is decoded into the response enum).
    pub signature: syn::Signature,
}

/// The public methods [`generate`] writes, from the same inputs.
pub fn calls(
    client: &syn::ItemImpl,
    types: Vec<(String, Ident)>,
    spec: &OpenAPI,
    requests: &Requests,
) -> Vec<Call> {
    let types = TypeNames(types);
    let operation_ids = operation_ids(spec);
    let keyed = idempotency_key_operations(spec);
    let context = Context {
        operation_ids: &operation_ids,
        requests,
        types: &types,
        decoded: &BTreeMap::new(),
        keyed: &keyed,
        paged: &[],
    };
    client
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(f) if is_operation(f) => adapt(f, &context),
            _ => None,
        })
        .map(|adapted| Call {
            operation_id: adapted.operation_id,
            signature: adapted.public,
        })
        .collect()
}

/// What every operation's method is made from.
struct Context<'c> {
    operation_ids: &'c BTreeMap<String, &'c str>,
    requests: &'c Requests,
    types: &'c TypeNames,
    decoded: &'c BTreeMap<String, (&'c ResponseEnum, &'c syn::Ident)>,
    /// The `operationId`s that declare an `Idempotency-Key` header.
    keyed: &'c BTreeSet<&'c str>,
    /// The `operationId`s of the list operations.
    paged: &'c [String],
}

/// Whether `f`, a method of progenitor's `Client`, may be an operation's:
/// constructors and page streams are not `async`.
fn is_operation(f: &ImplItemFn) -> bool {
    f.sig.asyncness.is_some() && matches!(f.vis, syn::Visibility::Public(_))
}

/// One argument of a public method, as its builder keeps it.
struct Argument {
    ident: Ident,
    /// The builder's field: the argument's name, unless a field of every
    /// builder has it.
    field: Ident,
    ty: Type,
    /// Whether the method converts the argument (`impl Into<Body>`) into
    /// the field's type.
    converted: bool,
}

/// A method that returns the operation's builder, and that builder; or
/// `None` for what is not an operation: constructors, and the streams of
/// paginated operations, whose pages come from the same operation's method.
fn forward(f: &syn::ImplItemFn, context: &Context) -> Option<(TokenStream, TokenStream)> {
    if !is_operation(f) {
        return None;
    }
    let Adapted {
        operation_id,
        public,
        mut docs,
        prelude,
        keyed,
        arguments,
        call,
    } = adapt(f, context)?;
    let name = &f.sig.ident;
    let operation = name.to_string();
    let paged = context.paged.contains(&operation_id);

    let builder = builder_name(&operation);
    let arguments_kept = builder_arguments(&public);
    let setters = setters(&arguments_kept, &mut docs);
    let mut method = public.clone();
    method.asyncness = None;
    // Optional parameters are the builder's to set: a new one is no new
    // argument for every call to pass.
    method.inputs = method
        .inputs
        .into_iter()
        .filter(|input| !matches!(input, FnArg::Typed(t) if option_inner(&t.ty).is_some()))
        .collect();
    method.output = syn::parse_quote!(-> #builder<'a>);
    let success = match &public.output {
        ReturnType::Type(_, ty) => quote!(#ty),
        ReturnType::Default => quote!(()),
    };

    let mut steps = TokenStream::new();
    if keyed {
        steps.extend(quote! {
            let idempotency_key = self
                .options
                .idempotency_key_or(|| ::uuid::Uuid::new_v4().to_string());
        });
    }
    steps.extend(quote! {
        let #call = self.client.call(#operation_id, self.options);
    });
    if !arguments_kept.is_empty() {
        let bindings = arguments_kept.iter().map(|a| {
            let (ident, field) = (&a.ident, &a.field);
            if ident == field {
                quote!(#ident)
            } else {
                quote!(#field: #ident)
            }
        });
        steps.extend(quote! { let Self { #(#bindings,)* .. } = self; });
    }
    steps.extend(prelude);
    // The result the call gives, and the statements that send the request
    // and make it.
    let (success, tail) = match context.decoded.get(&operation) {
        Some((_, enum_name)) => (
            quote!(::std::result::Result<ResponseValue<types::#enum_name>, Error>),
            responses::method_body(&call, enum_name, name, &operation, &arguments),
        ),
        // A list operation's `send` gives the call with its result, so its
        // success cannot return at once.
        None if paged => (
            success,
            quote! {
                match #call.#name(#(#arguments),*).await {
                    Ok(value) => Ok(value),
                    Err(error) => Err(runtime::failure(&#call, #operation, error).await),
                }
            },
        ),
        None => (
            success,
            // The success returns at once: held until an `await` on the
            // failure's path, its decoded body would be in the future of
            // every call twice.
            quote! {
                let error = match #call.#name(#(#arguments),*).await {
                    Ok(value) => return Ok(value),
                    Err(error) => error,
                };
                Err(runtime::failure(&#call, #operation, error).await)
            },
        ),
    };

    let optional: Vec<String> = arguments_kept
        .iter()
        .filter(|a| option_inner(&a.ty).is_some())
        .map(|a| format!("`{}`", a.ident))
        .collect();
    let awaiting = format!(
        "Awaiting the [`{builder}`] this returns sends the request; its methods set {}this \
         call's timeout, deadline, retries{} or headers first.",
        match optional.len() {
            0 => String::new(),
            1 => format!("the optional parameter {} and ", optional[0]),
            _ => format!("the optional parameters {} and ", optional.join(", ")),
        },
        if keyed { ", idempotency key" } else { "" }
    );
    match docs.last_mut() {
        Some(last) => *last = format!("{}\n\n{awaiting}", last.trim_end()),
        None => docs.push(format!(" {awaiting}")),
    }
    // A page stream, in the `page_streams` module, sets the fields of a
    // list operation's call for each page.
    let visibility = paged.then(|| quote!(pub(crate)));
    let fields = arguments_kept.iter().map(|a| {
        let (field, ty) = (&a.field, &a.ty);
        quote!(#visibility #field: #ty,)
    });
    let initializers = arguments_kept.iter().map(|a| {
        let (ident, field) = (&a.ident, &a.field);
        match (a.converted, ident == field) {
            _ if option_inner(&a.ty).is_some() => quote!(#field: None,),
            (true, _) => quote!(#field: #ident.into(),),
            (false, true) => quote!(#ident,),
            (false, false) => quote!(#field: #ident,),
        }
    });
    let method_docs = docs.iter();
    let method = quote! {
        #(#[doc = #method_docs])*
        pub #method {
            #builder {
                client: self,
                #(#initializers)*
                options: runtime::CallOptions::default(),
            }
        }
    };

    let struct_doc = format!(
        " A call of [`Client::{operation}`]: awaiting it sends the request. Its \
         methods change this call alone."
    );
    let options = option_methods(keyed);
    let receiver = if keyed {
        quote!(mut self)
    } else {
        quote!(self)
    };
    // A setter that takes a borrowed value names the builder's lifetime.
    let header = if setters.to_string().contains("'a") {
        quote!(impl<'a> #builder<'a>)
    } else {
        quote!(impl #builder<'_>)
    };
    // A list operation's call is sent by `send`, which a page stream calls
    // too: it gives the call that sent it as well, for the page's response
    // and attempts.
    let (send, sent) = if paged {
        let send = quote! {
            impl #builder<'_> {
                /// Sends the request: progenitor's client that sent it, with
                /// what awaiting this call gives.
                pub(crate) async fn send(#receiver) -> (crate::api::Client, #success) {
                    #steps
                    let result = { #tail };
                    (#call, result)
                }
            }
        };
        (send, quote!(self.send().await.1))
    } else {
        (quote!(), quote!(#steps #tail))
    };
    let into_future_receiver = if paged {
        quote!(self)
    } else {
        receiver.clone()
    };
    let builder = quote! {
        #[doc = #struct_doc]
        #[must_use = "the request is sent when the call is awaited"]
        pub struct #builder<'a> {
            #visibility client: &'a Client,
            #(#fields)*
            #visibility options: runtime::CallOptions,
        }

        #header {
            #setters
            #options
        }

        #send

        impl<'a> ::std::future::IntoFuture for #builder<'a> {
            type Output = #success;
            type IntoFuture =
                ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(#into_future_receiver) -> Self::IntoFuture {
                Box::pin(async move {
                    #sent
                })
            }
        }
    };
    Some((method, builder))
}

/// progenitor's method `f` made public: the spec's `operationId`, the
/// signature and docs users see, the statements that build what the client
/// sends itself, whether the call makes its idempotency key, what
/// progenitor's method is called with, and the local that holds the call.
struct Adapted {
    operation_id: String,
    public: syn::Signature,
    docs: Vec<String>,
    prelude: TokenStream,
    keyed: bool,
    arguments: Vec<TokenStream>,
    call: Ident,
}

/// [`Adapted`] for `f`, or `None` for what is not an operation.
fn adapt(f: &syn::ImplItemFn, context: &Context) -> Option<Adapted> {
    let sig = &f.sig;
    let output = public_output(&sig.output)?;
    let operation = sig.ident.to_string();
    let operation_id = context
        .operation_ids
        .get(&operation)
        .map_or(operation, |id| (*id).to_owned());
    let mut arguments: Vec<TokenStream> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(t) => match &*t.pat {
                Pat::Ident(p) => {
                    let ident = &p.ident;
                    Some(quote!(#ident))
                }
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    let mut docs: Vec<String> = f.attrs.iter().filter_map(doc_text).collect();
    let call = call_local(sig);
    let mut public = sig.clone();
    public.output = output;
    let prelude = requests::adapt(
        &mut public,
        &mut docs,
        &call,
        &operation_id,
        context.requests,
        context.types,
    );
    let keyed = context.keyed.contains(operation_id.as_str())
        && take_idempotency_key(&mut public, &mut arguments);
    if keyed {
        drop_argument_doc(&mut docs, "idempotency_key");
    }
    Some(Adapted {
        operation_id,
        public,
        docs,
        prelude,
        keyed,
        arguments,
        call,
    })
}

/// The local that holds the call while it is sent: `call`, unless one of
/// the operation's parameters has that name (its binding would hide the
/// call), then `call_` (or `call__`...).
fn call_local(sig: &syn::Signature) -> Ident {
    let taken: Vec<String> = sig.inputs.iter().filter_map(requests::input_name).collect();
    let mut name = "call".to_owned();
    while taken.contains(&name) {
        name.push('_');
    }
    format_ident!("{name}")
}

/// The builder's methods that set the operation's optional parameters, one
/// each, named after the parameter (unless one of [`OPTION_METHODS`] has
/// its name) and documented with what the method's documentation said of
/// it, which they take out of it.
fn setters(arguments: &[Argument], docs: &mut [String]) -> TokenStream {
    let mut setters = TokenStream::new();
    for argument in arguments {
        let Some(inner) = option_inner(&argument.ty) else {
            continue;
        };
        let (ident, field) = (&argument.ident, &argument.field);
        let name = ident.to_string();
        let setter = setter_name(ident);
        let said = argument_doc(docs, &name);
        drop_argument_doc(docs, &name);
        let doc = match said {
            Some(said) => format!(" Sets `{name}`: {said}"),
            None => format!(" Sets `{name}`, which the call leaves out unless set."),
        };
        setters.extend(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, #ident: #inner) -> Self {
                self.#field = Some(#ident);
                self
            }
        });
    }
    setters
}

/// The builder's method that sets the optional parameter `argument`: the
/// argument's name, unless one of [`OPTION_METHODS`] has it.
pub fn setter_name(argument: &Ident) -> Ident {
    let name = argument.to_string();
    if OPTION_METHODS.contains(&name.as_str()) {
        format_ident!("{name}_parameter")
    } else {
        argument.clone()
    }
}

/// What the method's documentation says of the argument `name`, in the
/// list progenitor writes ("Arguments:", one `- ` line each).
fn argument_doc(docs: &[String], name: &str) -> Option<String> {
    let item = format!("- `{name}`:");
    docs.iter()
        .flat_map(|text| text.lines())
        .find_map(|line| line.trim().strip_prefix(&item))
        .map(|said| said.trim().to_owned())
}

/// `T` when `ty` is `Option<T>`, progenitor's type for an optional
/// parameter.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if last.ident == "Option" && args.args.len() == 1 => {
            Some(inner)
        }
        _ => None,
    }
}

/// The builder of the method `operation`: `GetSession` for `get_session`.
pub(crate) fn builder_name(operation: &str) -> Ident {
    let name = ident::name(operation, Case::UpperCamel);
    if RESERVED.contains(&name.as_str()) {
        format_ident!("{name}Call")
    } else {
        format_ident!("{name}")
    }
}

/// Takes the `idempotency_key` argument out of the public method, which
/// the call fills itself, and passes progenitor's method the call's key.
/// `false`, leaving the argument, when progenitor does not take the key as
/// text (a schema with a format of its own).
fn take_idempotency_key(public: &mut syn::Signature, arguments: &mut [TokenStream]) -> bool {
    let key = "idempotency_key";
    let Some(position) = public.inputs.iter().position(|input| {
        matches!(input, FnArg::Typed(t)
            if matches!(&*t.pat, Pat::Ident(p) if p.ident == key))
    }) else {
        return false;
    };
    let FnArg::Typed(typed) = &public.inputs[position] else {
        return false;
    };
    // progenitor types a text header `&'a str`, or `Option<&'a str>` when
    // it is optional.
    let ty = typed.ty.to_token_stream().to_string();
    let value = if ty == quote!(&'a str).to_string() {
        quote!(idempotency_key.as_str())
    } else if ty == quote!(Option<&'a str>).to_string() {
        quote!(Some(idempotency_key.as_str()))
    } else {
        return false;
    };
    let Some(argument) = arguments.iter_mut().find(|a| a.to_string() == key) else {
        return false;
    };
    *argument = value;
    public.inputs = public
        .inputs
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != position)
        .map(|(_, input)| input.clone())
        .collect();
    true
}

/// Removes the argument `name` from the list progenitor writes in the
/// method's documentation ("Arguments:", one `- ` line each), and the list's
/// heading when no argument is left.
fn drop_argument_doc(docs: &mut [String], name: &str) {
    let item = format!("- `{name}`");
    for text in docs.iter_mut() {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().starts_with(&item))
            .collect();
        let mut kept = lines.join("\n");
        if let Some(heading) = kept.find("Arguments:")
            && !kept[heading..]
                .lines()
                .skip(1)
                .any(|l| l.trim().starts_with("- "))
        {
            kept = kept[..heading].trim_end().to_owned();
        }
        *text = kept;
    }
}

/// The public method's arguments, as its builder keeps them: a generic or
/// `impl Into<T>` argument is kept as a `T`.
fn builder_arguments(public: &syn::Signature) -> Vec<Argument> {
    let into_target = |bounds: &syn::punctuated::Punctuated<TypeParamBound, syn::Token![+]>| {
        bounds.iter().find_map(|bound| {
            let TypeParamBound::Trait(bound) = bound else {
                return None;
            };
            let last = bound.path.segments.last()?;
            let PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            match (last.ident == "Into", args.args.first()) {
                (true, Some(GenericArgument::Type(target))) => Some(target.clone()),
                _ => None,
            }
        })
    };
    public
        .inputs
        .iter()
        .filter_map(|input| {
            let FnArg::Typed(typed) = input else {
                return None;
            };
            let Pat::Ident(pat) = &*typed.pat else {
                return None;
            };
            let ident = pat.ident.clone();
            let generic = match &*typed.ty {
                Type::ImplTrait(impl_trait) => into_target(&impl_trait.bounds),
                Type::Path(path) => public.generics.params.iter().find_map(|param| match param {
                    GenericParam::Type(param) if path.path.is_ident(&param.ident) => {
                        into_target(&param.bounds)
                    }
                    _ => None,
                }),
                _ => None,
            };
            let field = field_name(&ident);
            Some(Argument {
                ident,
                field,
                converted: generic.is_some(),
                ty: generic.unwrap_or_else(|| (*typed.ty).clone()),
            })
        })
        .collect()
}

/// The builder's field that holds the argument `argument`: its name, unless
/// a field of every builder has it.
pub(crate) fn field_name(argument: &Ident) -> Ident {
    if OWN_FIELDS.contains(&argument.to_string().as_str()) {
        format_ident!("{argument}_argument")
    } else {
        argument.clone()
    }
}

/// The builder's methods for the call's options, each handing its value to
/// the runtime's `CallOptions`; `idempotency_key` only for an operation
/// that declares the header.
fn option_methods(idempotency_key: bool) -> TokenStream {
    let key = idempotency_key.then(|| {
        quote! {
            /// Sends `key` as the `Idempotency-Key` of this call, instead of a
            /// fresh random one. Every attempt sends the same key, so that the
            /// server acts on the request once however often it is retried;
            /// use the same key again to repeat a call whose outcome is unknown.
            pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
                self.options.idempotency_key(key.into());
                self
            }
        }
    });
    quote! {
        /// Limits each attempt of this call to `timeout`, from sending the
        /// request to reading the last byte of the response, instead of the
        /// client's ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.options.timeout(timeout);
            self
        }

        /// Limits this call to `deadline` in all, every attempt and wait
        /// included, instead of the client's
        /// ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline)).
        /// When it runs out the call fails with
        /// [`ErrorKind::DeadlineExceeded`](crate::ErrorKind::DeadlineExceeded).
        pub fn deadline(mut self, deadline: Duration) -> Self {
            self.options.deadline(deadline);
            self
        }

        /// Retries this call as `policy` says, instead of the client's policy.
        pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
            self.options.retry_policy(policy);
            self
        }

        /// Retries this call at most `retries` times (0: sends it once), with
        /// the waits of its retry policy.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries(retries);
            self
        }

        /// Sends the header `name: value` with this call, in place of any the
        /// client sends under that name. A name or value HTTP cannot carry,
        /// a header the HTTP client writes itself (`Host`, `Content-Length`,
        /// `Transfer-Encoding`, `Connection`) or the credential's header makes
        /// the call fail with
        /// [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest)
        /// before anything is sent.
        pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
            self.options.header(name.as_ref(), value.as_ref());
            self
        }

        #key
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

/// A warning for each optional parameter whose setter cannot have the
/// parameter's name, because a method for the call's options has it
/// ([`OPTION_METHODS`]): its setter is `{name}_parameter`.
pub(crate) fn renamed_parameters(document: &Document) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (path, item) in &document.api.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_pointer = format!("/paths/{}", escape(path));
        let shared = item
            .parameters
            .iter()
            .enumerate()
            .map(|(index, p)| (format!("{item_pointer}/parameters/{index}"), p));
        for (method, operation) in item_operations(item) {
            let own = operation
                .parameters
                .iter()
                .enumerate()
                .map(|(index, p)| (format!("{item_pointer}/{method}/parameters/{index}"), p));
            for (pointer, parameter) in shared.clone().chain(own) {
                let Ok(parameter) = resolve(&document.api, parameter) else {
                    continue;
                };
                let data = parameter.parameter_data_ref();
                let name = ident::name(&data.name, Case::Snake);
                if !data.required && OPTION_METHODS.contains(&name.as_str()) {
                    warnings.push(Diagnostic {
                        path: document.path.clone(),
                        location: None,
                        pointer,
                        message: format!(
                            "the optional parameter `{}` is set with `{name}_parameter()`: \
                             `{name}()` is the call's own {}",
                            data.name,
                            if PAGE_METHODS.contains(&name.as_str()) {
                                "method"
                            } else {
                                "option"
                            }
                        ),
                    });
                }
            }
        }
    }
    warnings
}
