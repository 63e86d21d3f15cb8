//! Emits `src/page_streams.rs`: a `…_stream` method of the public `Client`
//! for each list operation the rewrite stage planned a stream for
//! ([`PageStream`]). Each page is one call of the operation, sent and
//! finished exactly as its own method does; the runtime's `pages` module
//! strings the pages together and decides where the stream ends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::rewrite::{PageStream, Role, Step};

/// The code of the `page_streams` module.
pub fn generate(streams: &[PageStream]) -> TokenStream {
    let methods = streams.iter().map(method);
    quote! {
        //! Page streams: every item of a list operation, page after page, as
        //! methods of [`Client`].

        #[allow(unused_imports)]
        use crate::api::*;
        use crate::runtime::pages::{Follow, Page, pages};
        use crate::{runtime, Client, Error};

        impl Client {
            #(#methods)*
        }
    }
}

fn method(stream: &PageStream) -> TokenStream {
    let PageStream {
        operation_id,
        method,
        generics,
        parameters,
        item,
        items,
        next,
        cursor,
        next_is_link,
    } = stream;
    let name = format_ident!("{method}_stream");
    let operation = method.to_string();
    let inputs = parameters
        .iter()
        .filter(|p| p.role != Role::Cursor)
        .map(|p| {
            let (ident, ty) = (&p.ident, &p.ty);
            quote!(#ident: #ty)
        });
    let clones = parameters
        .iter()
        .filter(|p| p.role != Role::Cursor && !p.copy)
        .map(|p| {
            let ident = &p.ident;
            quote!(let #ident = #ident.clone();)
        });
    let arguments = |later_page: bool| {
        parameters.iter().map(move |p| {
            let ident = &p.ident;
            match p.role {
                Role::Cursor if later_page => quote!(Some(cursor)),
                Role::Cursor => quote!(None),
                Role::FirstPageOnly if later_page => quote!(None),
                Role::Kept | Role::FirstPageOnly => quote!(#ident),
            }
        })
    };
    let send = if parameters.iter().any(|p| p.role == Role::FirstPageOnly) {
        let first = arguments(false);
        let later = arguments(true);
        quote! {
            let result = match cursor.as_deref() {
                None => call.#method(#(#first),*).await,
                // The cursor stands for the rest of the query.
                Some(cursor) => call.#method(#(#later),*).await,
            };
        }
    } else {
        let all = parameters.iter().map(|p| {
            let ident = &p.ident;
            match p.role {
                Role::Cursor => quote!(cursor.as_deref()),
                _ => quote!(#ident),
            }
        });
        quote! {
            let result = call.#method(#(#all),*).await;
        }
    };
    let (items, items_optional) = access(items);
    let items = if items_optional {
        quote!(#items.unwrap_or_default())
    } else {
        items
    };
    let (next, next_optional) = access(next);
    let next = if next_optional {
        next
    } else {
        quote!(Some(#next))
    };
    let follow = if *next_is_link {
        quote!(Follow::Link { parameter: #cursor })
    } else {
        quote!(Follow::Cursor)
    };
    let docs = docs(stream);
    quote! {
        #(#[doc = #docs])*
        pub fn #name #generics(
            &'a self,
            #(#inputs),*
        ) -> impl ::futures::Stream<Item = ::std::result::Result<#item, Error>> + Unpin + 'a {
            pages(self.base_url(), #follow, move |cursor| {
                #(#clones)*
                async move {
                    let call = self.call(#operation_id, runtime::CallOptions::default());
                    #send
                    let page = runtime::finish(&call, #operation, result).await?.into_inner();
                    let next = #next;
                    Ok(Page::new(&call, #operation, #items, next))
                }
            })
        }
    }
}

/// The expression that takes a value out of `page` along `steps`, and
/// whether it is an `Option`.
fn access(steps: &[Step]) -> (TokenStream, bool) {
    let mut expression = quote!(page);
    let mut optional = false;
    let mut holder = format_ident!("page");
    for Step {
        field,
        optional: field_optional,
    } in steps
    {
        expression = match (optional, field_optional) {
            (false, _) => quote!(#expression.#field),
            (true, true) => quote!(#expression.and_then(|#holder| #holder.#field)),
            (true, false) => quote!(#expression.map(|#holder| #holder.#field)),
        };
        optional |= field_optional;
        holder = field.clone();
    }
    (expression, optional)
}

/// The method's documentation, one line an item.
fn docs(stream: &PageStream) -> Vec<String> {
    let method = &stream.method;
    let members = |steps: &[Step]| {
        steps
            .iter()
            .map(|s| s.field.to_string())
            .collect::<Vec<_>>()
            .join(".")
    };
    let cursor = &stream.cursor;
    let next = members(&stream.next);
    let later = if stream.next_is_link {
        format!(
            "each later one with `{cursor}` set to that query parameter's value in the \
             `{next}` link of the page before (the request goes to this client's base URL, \
             as the first did; the rest of the link is not followed)"
        )
    } else {
        format!("each later one with `{cursor}` set to the `{next}` of the page before")
    };
    let first_only = stream
        .parameters
        .iter()
        .filter(|p| p.role == Role::FirstPageOnly)
        .map(|p| format!("`{}`", p.ident))
        .collect::<Vec<_>>();
    let (next_what, refusals) = if stream.next_is_link {
        (
            "link",
            "whose next link leads to another origin, holds no cursor or repeats an earlier \
             page's cursor",
        )
    } else {
        ("cursor", "whose next cursor repeats an earlier page's")
    };
    let mut text = vec![
        format!(
            "Every item of [`Client::{method}`], page after page: the first page with the \
             arguments given, {later}, until a page has no next {next_what}."
        ),
        String::new(),
    ];
    if !first_only.is_empty() {
        text.push(format!(
            "Later pages leave out {}: the cursor stands for the rest of the query.",
            first_only.join(", ")
        ));
        text.push(String::new());
    }
    text.push(format!(
        "Each page is one call of [`Client::{method}`], retried as that is. A page that fails \
         ends the stream with its [`Error`]. A page {refusals}, or that is the \
         [`MAX_PAGES`](crate::MAX_PAGES)th, ends it after its items with an \
         [`ErrorKind::Paging`](crate::ErrorKind::Paging) error."
    ));
    text.into_iter()
        .map(|line| format!(" {line}").trim_end().to_owned())
        .collect()
}
