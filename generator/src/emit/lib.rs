//! Emits `src/lib.rs`: the crate's documentation and the line between its
//! generated modules.

use proc_macro2::TokenStream;
use quote::quote;

use crate::degradation::{Degradation, Unit, code_span};
use crate::output::comment;
use crate::spec::Document;

/// The code of `lib.rs`. The modules are marked `rustfmt::skip` because
/// prettyplease, not rustfmt, lays them out; `lib.rs` itself is written so
/// that both agree. A crate with `page_streams` has the module of them; one
/// the generator could not type in full lists in its docs what it does not
/// type (`degradation`).
pub fn generate(document: &Document, page_streams: bool, degradation: &Degradation) -> TokenStream {
    let info = &document.api.info;
    let lib = document.package.lib_name();
    // A spec without a version has an empty one (`spec/untyped/document.rs`).
    let mut doc = match info.version.trim() {
        "" => format!("Typed client for the {}.", info.title),
        version => format!("Typed client for the {}, version {version}.", info.title),
    };
    if let Some(description) = &info.description {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    doc.push_str(&format!(
        "\n\n```no_run\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = {lib}::Client::from_env()?;\n\
         # let _ = client;\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n\
         Each operation is a method of [`Client`] whose call is sent when awaited, after \
         any options for it alone (timeout, deadline, retries, headers: see [`operations`]). \
         It fails with [`Error`], which keeps the response's status, request id and problems. \
         Idempotent requests are retried as [`RetryPolicy`] says, within the client's \
         [`deadline`](ClientBuilder::deadline). String enums are open: a value the spec does not list decodes \
         into the enum's `Unknown` variant; [`Client::drift`] reports such values, and members \
         the spec does not describe. Fields the spec marks `x-personal-data` print as \
         `<redacted>` in `Debug`. The `mock` feature adds a `mock` module of typed test helpers.",
    ));
    if document.cli {
        doc.push_str(&format!(
            " The `cli` feature adds the `{}` command, a subcommand per operation (see [`cli`]).",
            document.package.name
        ));
    }
    // A spec of webhooks only: the client, its command and its runtime are
    // there for the day the API has an operation, and unused until then.
    let no_operations = document.api.operations().next().is_none();
    if no_operations {
        doc.push_str(
            "\n\nThe spec describes no operations: the crate is its types, and the client has \
             nothing to send yet.",
        );
    }
    // Its own section, after the paragraph the sentences above make.
    doc.push_str(&untyped(degradation));
    let doc_lines = doc
        .lines()
        .map(|line| format!(" {line}").trim_end().to_owned());

    let private_api = comment(
        "progenitor's client is private: the public `Client` wraps it, and what of it no \
         operation reaches is not dead code to worry about.",
    );
    let mock_lints = comment("progenitor writes the expectations, and their docs, this way.");
    let runtime_doc = comment(
        "The same in every generated crate: the generator's `client-runtime` crate, copied as it \
         is written. A crate without a credential, or without some kind of body, leaves parts of \
         it unused.",
    );
    let bodies_export = document.requests.uses_bodies().then(|| {
        quote!(
            pub use runtime::bodies::FilePart;
        )
    });
    let (streams_module, streams_export) = if page_streams {
        (
            quote! {
                #[rustfmt::skip]
                mod page_streams;
            },
            quote!(
                pub use runtime::pages::MAX_PAGES;
            ),
        )
    } else {
        (quote!(), quote!())
    };
    let cli_module = document.cli.then(|| {
        quote! {
            #[cfg(feature = "cli")]
            #[rustfmt::skip]
            pub mod cli;
        }
    });
    let unused = no_operations.then(|| quote!(#![allow(unused)]));
    quote! {
        #(#![doc = #doc_lines])*
        #unused

        #private_api
        #[rustfmt::skip]
        #[allow(dead_code)]
        mod api;
        #[rustfmt::skip]
        mod connection;
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        #mock_lints
        #[allow(clippy::to_string_in_format_args, rustdoc::redundant_explicit_links)]
        pub mod mock;
        #[rustfmt::skip]
        pub mod operations;
        #cli_module
        #streams_module
        #runtime_doc
        #[allow(dead_code)]
        mod runtime;

        /// The HTTP client this crate is built on, for
        /// [`ClientBuilder::configure_http`]: a proxy made with this `reqwest`
        /// fits whatever version the application itself depends on.
        pub use ::reqwest;
        pub use api::types;
        #bodies_export
        pub use connection::*;
        pub use progenitor_client::{ByteStream, ResponseValue};
        pub use runtime::{BodyShape, DecodeError, Error, ErrorBody, ErrorKind, Problem};
        pub use runtime::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES};
        pub use runtime::{DEFAULT_TIMEOUT, RateLimit, ResponseHead, RetryPolicy};
        pub use runtime::{Drift, DriftKind, PagingError};
        #streams_export
    }
}

/// The section of the docs that lists what the crate does not type, with
/// why; empty when it types everything.
fn untyped(degradation: &Degradation) -> String {
    if degradation.is_empty() {
        return String::new();
    }
    let mut schemas = Vec::new();
    let mut parts = Vec::new();
    let mut left_out = Vec::new();
    for degraded in &degradation.degraded {
        let reason = code_span(&degraded.reason);
        match &degraded.unit {
            Unit::Schema {
                name,
                property: None,
            } => schemas.push(format!("- {}: {reason}", code_span(name))),
            Unit::Schema {
                name,
                property: Some(property),
            } => schemas.push(format!(
                "- {}, property {}: {reason}",
                code_span(name),
                code_span(property)
            )),
            Unit::Part { operation, part } => parts.push(format!(
                "- {} ({}): {part}: {reason}",
                code_span(&operation.operation_id),
                code_span(&operation.to_string())
            )),
            Unit::LeftOut { operation } => left_out.push(format!(
                "- {} ({}): {reason}",
                code_span(&operation.operation_id),
                code_span(&operation.to_string())
            )),
        }
    }
    let mut section = format!(
        "\n\n# What the client does not type\n\n\
         Of the spec's {} operations, {} are fully typed and {} left out; {} of its {} \
         schemas are untyped. Each of these was a warning of the generator, located in the \
         spec, with the reason progenitor, typify or openapiv3 gave.",
        degradation.operations,
        degradation.fully_typed(),
        degradation.left_out().len(),
        degradation.untyped_schemas().len(),
        degradation.schemas,
    );
    let lists = [
        (
            "Schemas that are any JSON value (`serde_json::Value`), in whole or in one property:",
            schemas,
        ),
        (
            "Operations with a part untyped (the rest of each is typed):",
            parts,
        ),
        (
            "Operations left out of the client, which has no method for them:",
            left_out,
        ),
    ];
    for (title, list) in lists {
        if !list.is_empty() {
            section.push_str(&format!("\n\n{title}\n\n{}", list.join("\n")));
        }
    }
    section
}
