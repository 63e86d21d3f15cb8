//! Emits `src/page_streams.rs`: a `stream` method of the call of each list
//! operation the rewrite stage planned a stream for ([`PageStream`]). Each
//! page is that call sent again (its `send`, as awaiting it does), so the
//! optional parameters and options set on it hold for every page; the
//! runtime's `pages` module strings the pages together and decides where
//! the stream ends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operations::{builder_name, field_name};
use crate::rewrite::{PageStream, Role, Step};

/// The code of the `page_streams` module.
pub fn generate(streams: &[PageStream]) -> TokenStream {
    let methods = streams.iter().map(method);
    let calls = streams.iter().map(|s| builder_name(&s.method.to_string()));
    quote! {
        //! Page streams: every item of a list operation, page after page, from
        //! the `stream` method of its call.

        #[allow(unused_imports)]
        use crate::api::*;
        use crate::operations::{#(#calls),*};
        use crate::runtime::pages::{Follow, Page, pages};
        use crate::Error;

        #(#methods)*
    }
}

fn method(stream: &PageStream) -> TokenStream {
    let PageStream {
        method,
        parameters,
        item,
        items,
        next,
        cursor,
        next_is_link,
        ..
    } = stream;
    let operation = method.to_string();
    let builder = builder_name(&operation);
    // The call as it was set, again for each page.
    let copies = parameters.iter().map(|p| {
        let field = field_name(&p.ident);
        if p.copy {
            quote!(#field: self.#field,)
        } else {
            quote!(#field: self.#field.clone(),)
        }
    });
    // Later pages send the cursor, and leave out what it stands for.
    let later = parameters.iter().filter_map(|p| {
        let field = field_name(&p.ident);
        match p.role {
            Role::Cursor => Some(quote!(#field: Some(cursor),)),
            Role::FirstPageOnly => Some(quote!(#field: None,)),
            Role::Kept => None,
        }
    });
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
        impl<'a> #builder<'a> {
            #(#[doc = #docs])*
            pub fn stream(
                self,
            ) -> impl ::futures::Stream<Item = ::std::result::Result<#item, Error>> + Unpin + 'a {
                pages(self.client.base_url(), #follow, move |cursor| {
                    let call = #builder {
                        client: self.client,
                        #(#copies)*
                        options: self.options.clone(),
                    };
                    async move {
                        let call = match cursor.as_deref() {
                            None => call,
                            Some(cursor) => #builder { #(#later)* ..call },
                        };
                        let (sent, result) = call.send().await;
                        let page = result?.into_inner();
                        let next = #next;
                        Ok(Page::new(&sent, #operation, #items, next))
                    }
                })
            }
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
    let setter = stream
        .parameters
        .iter()
        .find(|p| p.role == Role::Cursor)
        .map(|p| super::operations::setter_name(&p.ident));
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
            "Every item of the list, page after page: the first page as this call is set, \
             {later}, until a page has no next {next_what}."
        ),
        String::new(),
        format!(
            "Each page is this call sent again: the optional parameters and options set on \
             it (timeout, deadline, retries, headers) hold for every page, each page is \
             retried as the call would be, and the deadline limits each page. A cursor set \
             with `.{}()` is the first page's, for a stream that starts where another \
             stopped.",
            setter.map_or_else(|| cursor.clone(), |s| s.to_string())
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
        "A page that fails ends the stream with its [`Error`]. A page {refusals}, or that is \
         the [`MAX_PAGES`](crate::MAX_PAGES)th, ends it after its items with an \
         [`ErrorKind::Paging`](crate::ErrorKind::Paging) error. Nothing is sent before the \
         stream is polled; [`Client::{method}`](crate::Client::{method}) tells what each \
         page is."
    ));
    text.into_iter()
        .map(|line| format!(" {line}").trim_end().to_owned())
        .collect()
}
