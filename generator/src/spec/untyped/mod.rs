//! The untyped pass: the spec as a [`serde_json::Value`], rewritten before
//! it is checked and typed into the OpenAPI 3.0 that openapiv3, typify and
//! progenitor take, with a located warning for each reading made.

mod schema;
mod walk;
mod yaml;

pub(super) use walk::downconvert;
pub(super) use yaml::Untyped;
