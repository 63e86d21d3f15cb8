//! Stage 3: rewrites of progenitor's syntax tree into the code of
//! `src/api.rs`: progenitor's `api-version` header taken out, string enums
//! opened to values the spec does not list, a `Display` for the types a
//! path or header writes, UUIDs and integers written into a path as they
//! are, personal data kept out of `Debug`, the members of very large types
//! boxed, structs given
//! builders, `pattern` checks made linear, success
//! bodies decoded through the runtime's drift watch, and progenitor's page
//! streams taken out; and the plan of the crate's own page streams on
//! progenitor's types.

mod api_version;
mod builders;
mod displays;
mod drift;
mod large_fields;
mod open_enums;
mod page_streams;
mod patterns;
mod personal_data;
mod plain_paths;
pub(crate) mod syntax;

use std::path::Path;

use proc_macro2::TokenStream;

use crate::error::Result;
use crate::spec::Document;

pub use page_streams::mentions_crate;
pub(crate) use page_streams::{PageStream, Role, Step, plan as plan_page_streams};
pub(crate) use personal_data::misplaced as misplaced_personal_data_marks;
pub use personal_data::{PERSONAL_DATA_EXTENSION, PersonalData, Reach};

/// progenitor's `api` module, parsed, to be [`rewritten`](api).
pub(crate) fn parse(tokens: TokenStream) -> Result<syn::File> {
    syntax::parse(Path::new("src/api.rs"), tokens)
}

/// Rewrites progenitor's `api` module.
pub(crate) fn api(api: &mut syn::File, document: &Document) {
    page_streams::remove(api);
    api_version::remove(api);
    drift::watch_success_bodies(api);
    let personal_data = PersonalData::of(&document.api);
    let personal_types = personal_data.types_in(api);
    open_enums::open(api, &personal_types);
    displays::add(api);
    plain_paths::write_plain_values(api);
    personal_data.redact(api);
    large_fields::box_large(api);
    builders::add(api);
    patterns::linear(api);
}
