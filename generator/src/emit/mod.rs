//! Stage 4: the files of the generated crate, as code. One emitter per file,
//! named after the file it writes:
//!
//! | file | written by |
//! | --- | --- |
//! | `Cargo.toml` | [`cargo_toml`] |
//! | `src/lib.rs` | [`lib`] |
//! | `src/api.rs` | progenitor's code as stage 3 rewrote it, plus the response enums of [`responses`] |
//! | `src/operations.rs` | [`operations`] |
//! | `src/page_streams.rs` | [`page_streams`], for a crate with list operations it streams |
//! | `src/connection.rs` | [`connection`] |
//! | `src/mock.rs` | [`mock`] (with its [`samples`](mock::samples)) |
//! | `src/cli.rs`, `src/main.rs` | [`cli`]: the command line of the `cli` feature, and its binary |
//! | `src/runtime/*.rs` | [`runtime`]: the `client-runtime` crate's sources, copied as written |

mod cargo_toml;
mod cli;
mod connection;
mod lib;
mod mock;
mod operations;
mod page_streams;
mod requests;
mod responses;
mod runtime;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::{Ident, TokenStream};
use quote::ToTokens;

use crate::degradation::Degradation;
use crate::engine::OptionalCrates;
use crate::engine::success_bodies::ResponseEnum;
use crate::error::Result;
use crate::names::type_key;
use crate::rewrite::PageStream;
use crate::rewrite::syntax::parse;
use crate::spec::Document;
use crate::spec::pagination::PagedOperation;

pub(crate) use mock::{Expectations as MockExpectations, expectations as mock_expectations};
pub(crate) use operations::client_methods;

pub(crate) use operations::renamed_parameters;

/// The generated crate as code, before it is laid out as text.
pub(crate) struct CrateCode {
    /// Each generated Rust file, by path in the crate, as a syntax tree.
    pub rust: Vec<(&'static str, syn::File)>,
    /// Each Rust file copied as written (the runtime), by path.
    pub verbatim: Vec<(&'static str, Cow<'static, str>)>,
    /// The text of `Cargo.toml`, without the preamble.
    pub manifest: String,
}

/// The names of the response enums of the operations with several success
/// bodies, by `operationId`: none of progenitor's types in `api` has one.
pub(crate) fn response_enum_names(
    api: &syn::File,
    response_enums: &[ResponseEnum],
) -> BTreeMap<String, Ident> {
    responses::names(api, response_enums)
}

/// Adds to `api` the response enums of the operations with several success
/// bodies, named as [`response_enum_names`] says, which join progenitor's
/// types.
pub(crate) fn add_response_enums(
    api: &mut syn::File,
    response_enums: &[ResponseEnum],
    names: &BTreeMap<String, Ident>,
) {
    responses::add_enums(api, response_enums, names);
}

/// What `src/operations.rs` and `src/mock.rs` need of `src/api.rs`, made
/// on another thread than `api`'s tree ([`handover`]): syntax trees cannot
/// cross threads (proc-macro2's tokens are neither `Send` nor `Sync`), so
/// what they need crosses as names and text. The command line needs it too.
#[derive(Clone)]
pub(crate) struct Handover {
    /// The types of `api`'s `types` module, by the key samples match
    /// schemas on ([`type_key`]), with the
    /// type's name.
    types: Vec<(String, String)>,
    /// The `Client`'s methods, without their bodies, which the operations
    /// do not read: `impl Client { … }` as text.
    methods: String,
    /// The names of the response enums, by `operationId`.
    enum_names: Vec<(String, String)>,
    /// The operations with several success bodies.
    response_enums: Vec<ResponseEnum>,
    /// The `operationId`s of the list operations, whose calls a page
    /// stream may send again for each page.
    paged: Vec<String>,
}

/// What [`Handover`] takes of `api`, with the `response_enums` named in
/// `enum_names` ([`response_enum_names`]), which join its
/// types, and the list operations `paged`.
pub(crate) fn handover(
    api: &syn::File,
    methods: &syn::ItemImpl,
    enum_names: &BTreeMap<String, Ident>,
    response_enums: &[ResponseEnum],
    paged: &[PagedOperation],
) -> Handover {
    let types = mock::type_names(api).into_iter().chain(
        enum_names
            .values()
            .map(|name| (type_key(&name.to_string()), name.clone())),
    );
    Handover {
        types: types.map(|(key, ident)| (key, ident.to_string())).collect(),
        methods: methods.to_token_stream().to_string(),
        enum_names: enum_names
            .iter()
            .map(|(id, name)| (id.clone(), name.to_string()))
            .collect(),
        response_enums: response_enums.to_vec(),
        paged: paged.iter().map(|p| p.operation_id.clone()).collect(),
    }
}

impl Handover {
    /// progenitor's `impl Client` of the operations, as `operations` reads
    /// them; `path` is the file made from them, for the error when the
    /// methods do not parse.
    fn methods(&self, path: &Path) -> Result<syn::ItemImpl> {
        syn::parse_str(&self.methods).map_err(|e| crate::Error::Unparsable {
            file: path.to_owned(),
            message: e.to_string(),
        })
    }

    /// The types, as `operations` reads them.
    fn types(&self) -> Vec<(String, Ident)> {
        self.types
            .iter()
            .map(|(key, name)| (key.clone(), quote::format_ident!("{name}")))
            .collect()
    }
}

/// The `mock` module, from progenitor's `expectations` and the types of
/// `handover`.
pub(crate) fn mock_module(
    document: &Document,
    handover: &Handover,
    expectations: MockExpectations,
) -> Result<syn::File> {
    mock::generate(document, &handover.types, expectations)
}

/// The `operations` module, from `handover`.
pub(crate) fn operations_module(document: &Document, handover: &Handover) -> Result<syn::File> {
    let path = Path::new("src/operations.rs");
    let methods = handover.methods(path)?;
    let types = handover.types();
    let enum_names = handover
        .enum_names
        .iter()
        .map(|(id, name)| (id.clone(), quote::format_ident!("{name}")))
        .collect();
    let tokens = operations::generate(
        &methods,
        types,
        &document.api,
        &document.requests,
        &handover.response_enums,
        &enum_names,
        &handover.paged,
    );
    parse(path, tokens)
}

/// The operations as the first thread has them, which the command line is
/// made from: progenitor's methods ([`operations::client_methods`]), kept
/// rather than read again from the text handed over, and the handover.
pub(crate) struct Operations<'a> {
    pub methods: &'a syn::ItemImpl,
    pub handover: &'a Handover,
}

/// The list operations of the crate: the page streams to write, and where
/// each list operation's items are in its page (for the command line).
pub(crate) struct Lists<'a> {
    pub streams: &'a [PageStream],
    pub paged: &'a [PagedOperation],
}

/// Emits every file of the crate for `document` but `src/operations.rs`
/// and `src/mock.rs`, which another thread makes from the [`Handover`]:
/// `api` is the code of `src/api.rs`, `uses` the optional crates the code
/// needs, `lists` the list operations, and `degradation` what the crate's
/// docs list as untyped. The command line is made from the `handover` too.
/// A `standalone` crate is a workspace of its own.
pub(crate) fn generate(
    document: &Document,
    api: syn::File,
    uses: OptionalCrates,
    lists: Lists,
    operations: Operations,
    degradation: &Degradation,
    standalone: bool,
) -> Result<CrateCode> {
    let Lists { streams, paged } = lists;
    let Operations { methods, handover } = operations;
    let rust_file = |path: &'static str, tokens: TokenStream| -> Result<_> {
        Ok((path, parse(Path::new(path), tokens)?))
    };
    let mut rust = vec![
        rust_file(
            "src/lib.rs",
            lib::generate(document, !streams.is_empty(), degradation),
        )?,
        rust_file("src/connection.rs", connection::generate(document))?,
    ];
    if !streams.is_empty() {
        rust.push((
            "src/page_streams.rs",
            parse(
                Path::new("src/page_streams.rs"),
                page_streams::generate(streams),
            )?,
        ));
    }
    rust.push(("src/api.rs", api));
    if document.cli {
        let calls = operations::calls(methods, handover.types(), &document.api, &document.requests);
        let inputs = cli::Inputs {
            calls: &calls,
            streams,
            paged,
            response_enums: &handover.response_enums,
            enum_names: &handover.enum_names,
        };
        let (module, main) = cli::generate(document, &inputs);
        rust.push(rust_file("src/cli.rs", module)?);
        rust.push(rust_file("src/main.rs", main)?);
    }

    let modules = runtime::Modules {
        bodies: document.requests.uses_bodies(),
        forms: document.requests.uses_forms(),
        pages: !streams.is_empty(),
        cli: document.cli,
        patterns: uses.regress,
    };
    let mut manifest = cargo_toml::generate(document, uses, modules);
    if standalone {
        manifest.push_str(cargo_toml::STANDALONE_WORKSPACE);
    }
    let verbatim = runtime::files(modules);
    Ok(CrateCode {
        rust,
        verbatim,
        manifest,
    })
}
