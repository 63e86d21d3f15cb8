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
//! | `src/runtime/*.rs` | [`runtime`]: the `client-runtime` crate's sources, copied as written |

mod cargo_toml;
mod connection;
mod lib;
mod mock;
mod operations;
mod page_streams;
mod requests;
mod responses;
mod runtime;

use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::{Ident, TokenStream};

use crate::engine::Uses;
use crate::engine::success_bodies::Several;
use crate::error::Result;
use crate::rewrite::PageStream;
use crate::rewrite::syntax::parse;
use crate::spec::Document;

/// The generated crate as code, before it is laid out as text.
pub(crate) struct CrateCode {
    /// Each generated Rust file, by path in the crate, as a syntax tree.
    pub rust: Vec<(&'static str, syn::File)>,
    /// Each Rust file copied as written (the runtime), by path.
    pub verbatim: Vec<(&'static str, &'static str)>,
    /// The text of `Cargo.toml`, without the preamble.
    pub manifest: String,
}

/// Adds to `api` the response enums of the operations with several success
/// bodies, which join progenitor's types; returns each one's name, by
/// `operationId`.
pub(crate) fn add_response_enums(
    api: &mut syn::File,
    several: &[Several],
) -> BTreeMap<String, Ident> {
    responses::add_enums(api, several)
}

/// The types of `api`'s `types` module that the `mock` module makes
/// samples of, as [`mock_module`] takes them: by the key samples match
/// schemas on, with the type's name.
pub(crate) fn sampled_types(api: &syn::File) -> Vec<(String, String)> {
    mock::type_names(api)
        .into_iter()
        .map(|(key, ident)| (key, ident.to_string()))
        .collect()
}

/// The `mock` module, from progenitor's expectations (`helpers`) and the
/// [`sampled_types`].
pub(crate) fn mock_module(
    document: &Document,
    types: &[(String, String)],
    helpers: TokenStream,
) -> Result<syn::File> {
    mock::generate(document, types, helpers)
}

/// Emits every file of the crate for `document` but `src/mock.rs`
/// ([`mock_module`]): `api` is the code of `src/api.rs`, with the
/// [`add_response_enums`] named in `response_enums`, `uses` the optional
/// crates the code needs, `several` the operations with several success
/// bodies, and `streams` the page streams to write. A `standalone` crate is
/// a workspace of its own.
pub(crate) fn generate(
    document: &Document,
    api: syn::File,
    response_enums: &BTreeMap<String, Ident>,
    uses: Uses,
    several: &[Several],
    streams: &[PageStream],
    standalone: bool,
) -> Result<CrateCode> {
    let rust_file = |path: &'static str, tokens: TokenStream| -> Result<_> {
        Ok((path, parse(Path::new(path), tokens)?))
    };
    let mut rust = vec![
        rust_file("src/lib.rs", lib::generate(document, !streams.is_empty()))?,
        rust_file(
            "src/operations.rs",
            operations::generate(
                &api,
                &document.api,
                &document.requests,
                several,
                response_enums,
            ),
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

    let mut manifest = cargo_toml::generate(document, uses);
    if standalone {
        manifest.push_str(cargo_toml::STANDALONE_WORKSPACE);
    }
    let verbatim = runtime::files(
        document.requests.uses_bodies(),
        document.requests.uses_forms(),
        !streams.is_empty(),
    );
    Ok(CrateCode {
        rust,
        verbatim,
        manifest,
    })
}
