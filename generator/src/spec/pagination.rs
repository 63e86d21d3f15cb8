//! Which list operations the client streams page after page, and how a
//! page says where the next one starts.
//!
//! Three ways to say it, the first that applies:
//! - the operation's [`PAGINATION_EXTENSION`]:
//!
//!   ```yaml
//!   x-pagination:
//!     cursor: page[after]     # the query parameter the next page's cursor goes in
//!     items: /data            # JSON pointer, in the success body, to the array of items
//!     next-link: /links/next  # JSON pointer to the next page's URL, whose `cursor`
//!                             # parameter holds the cursor; absent or null on the last page
//!     # or next-cursor: /meta/next   # the cursor itself
//!   ```
//!
//!   and `x-pagination: false`, which turns the two readings below off;
//! - JSON:API's habit, read without a mark: an operation with a `page[after]`
//!   query parameter is `cursor: page[after]`, `items: /data`,
//!   `next-link: /links/next`;
//! - Dropshot's, which progenitor knows: `x-dropshot-pagination` is
//!   `cursor: page_token`, `items: /items`, `next-cursor: /next_page`, and
//!   later pages send no query parameter but the cursor and `limit` (the
//!   token carries the rest).
//!
//! A mark that is malformed is an error; one with none of these keys
//! (Datadog's `limitParam`, `resultsPath`…) is another tool's, and left out
//! with a warning. Whether the success body has what
//! the pointers name is checked on the generated types (the rewrite
//! stage's `page_streams`): an operation that only looks paginated but
//! cannot be streamed gets a warning there, a marked one an error.

use openapiv3::{Operation, Parameter, PathItem, ReferenceOr};
use serde_json::Value;

use super::pointer::{escape, unescape};
use super::walk::{item_operations, resolve};
use super::{Diagnostic, Diagnostics, Document};
use crate::error::Result;

/// The extension on an operation that says how its list is paged (see the
/// module's documentation).
pub const PAGINATION_EXTENSION: &str = "x-pagination";

/// The keys of [`PAGINATION_EXTENSION`]'s mapping.
const KEYS: [&str; 4] = ["cursor", "items", "next-link", "next-cursor"];

/// Progenitor's mark of a Dropshot-style paginated operation.
const DROPSHOT_EXTENSION: &str = "x-dropshot-pagination";

/// The query parameter JSON:API-style APIs page with.
const JSON_API_CURSOR: &str = "page[after]";

/// A list operation the client streams, as the spec says it pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PagedOperation {
    /// Its `operationId`.
    pub operation_id: String,
    /// Where it was read from, for diagnostics.
    pub source: Source,
    /// JSON pointer to the mark, or the parameter, it was read from.
    pub pointer: String,
    /// The query parameter that carries the cursor, as the spec names it.
    pub cursor: String,
    /// The property names from the success body to the array of items.
    pub items: Vec<String>,
    /// The property names from the success body to the next cursor or link.
    pub next: Vec<String>,
    /// Whether `next` is a link whose `cursor` parameter holds the cursor,
    /// rather than the cursor itself.
    pub next_is_link: bool,
    /// The query parameters later pages send besides the cursor, when not
    /// every one the caller gave.
    pub later_pages_send_only: Option<Vec<String>>,
}

/// Where a page stream's description came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// [`PAGINATION_EXTENSION`]: a stream that cannot be made is an error.
    Extension,
    /// A `page[after]` parameter: a stream that cannot be made is a warning.
    JsonApi,
    /// `x-dropshot-pagination`: a stream that cannot be made is a warning.
    Dropshot,
}

impl PagedOperation {
    /// How the diagnostics of this operation name what marked it.
    pub(crate) fn reason(&self) -> String {
        match self.source {
            Source::Extension => format!("`{PAGINATION_EXTENSION}`"),
            Source::JsonApi => format!("its `{JSON_API_CURSOR}` query parameter"),
            Source::Dropshot => format!("`{DROPSHOT_EXTENSION}`"),
        }
    }
}

/// The paged operations of `document`, in document order, or every problem
/// of their marks at once.
pub(crate) fn find(document: &Document) -> Result<(Vec<PagedOperation>, Vec<Diagnostic>)> {
    let mut problems = Diagnostics::new(&document.path, &document.positions);
    let mut others = Diagnostics::new(&document.path, &document.positions);
    let mut paged = Vec::new();
    for (path, item) in &document.api.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item_operations(item) {
            let Some(id) = &operation.operation_id else {
                continue;
            };
            let pointer = format!("/paths/{}/{method}", escape(path));
            let query = query_parameters(document, item, operation, &pointer);
            let mut mark = operation.extensions.get(PAGINATION_EXTENSION);
            if let Some(Value::Object(keys)) = mark
                && !keys.keys().any(|key| KEYS.contains(&key.as_str()))
            {
                // Datadog's `{limitParam, pageOffsetParam, resultsPath}`:
                // the name is common, and another tool's mark is not an
                // error in the spec.
                let shown: Vec<String> = keys.keys().map(|key| format!("`{key}`")).collect();
                others.push(
                    &format!("{pointer}/{PAGINATION_EXTENSION}"),
                    format!(
                        "`{PAGINATION_EXTENSION}` of {} has none of this generator's keys \
                         (`cursor`, `items`, `next-link`, `next-cursor`): another tool's mark, \
                         left out",
                        shown.join(", ")
                    ),
                );
                mark = None;
            }
            let found = match mark {
                Some(Value::Bool(false)) => None,
                Some(mark) => {
                    let pointer = format!("{pointer}/{PAGINATION_EXTENSION}");
                    extension(mark, &pointer, &query, &mut problems).map(|mut paged| {
                        paged.pointer = pointer;
                        paged
                    })
                }
                None if operation.extensions.contains_key(DROPSHOT_EXTENSION) => {
                    Some(PagedOperation {
                        operation_id: String::new(),
                        source: Source::Dropshot,
                        pointer: format!("{pointer}/{DROPSHOT_EXTENSION}"),
                        cursor: "page_token".to_owned(),
                        items: vec!["items".to_owned()],
                        next: vec!["next_page".to_owned()],
                        next_is_link: false,
                        later_pages_send_only: Some(vec!["limit".to_owned()]),
                    })
                }
                None => query
                    .iter()
                    .find(|(name, _)| name == JSON_API_CURSOR)
                    .filter(|_| method == "get")
                    .map(|(_, pointer)| PagedOperation {
                        operation_id: String::new(),
                        source: Source::JsonApi,
                        pointer: pointer.clone(),
                        cursor: JSON_API_CURSOR.to_owned(),
                        items: vec!["data".to_owned()],
                        next: vec!["links".to_owned(), "next".to_owned()],
                        next_is_link: true,
                        later_pages_send_only: None,
                    }),
            };
            if let Some(mut found) = found {
                found.operation_id = id.clone();
                paged.push(found);
            }
        }
    }
    match problems.into_error() {
        Some(error) => Err(error),
        None => Ok((paged, others.into_warnings())),
    }
}

/// The query parameters of the operation at `pointer`, its path item's
/// included, by name, each with the pointer to where it is written.
fn query_parameters(
    document: &Document,
    item: &PathItem,
    operation: &Operation,
    pointer: &str,
) -> Vec<(String, String)> {
    let item_pointer = pointer.rsplit_once('/').map_or("", |(item, _)| item);
    let shared = item
        .parameters
        .iter()
        .enumerate()
        .map(|(index, p)| (p, format!("{item_pointer}/parameters/{index}")));
    let own = operation
        .parameters
        .iter()
        .enumerate()
        .map(|(index, p)| (p, format!("{pointer}/parameters/{index}")));
    shared
        .chain(own)
        .filter_map(
            |(parameter, pointer)| match resolve(&document.api, parameter) {
                Ok(Parameter::Query { parameter_data, .. }) => {
                    Some((parameter_data.name.clone(), pointer))
                }
                _ => None,
            },
        )
        .collect()
}

/// Reads an `x-pagination` mark at `pointer`, or says what is wrong with it.
fn extension(
    mark: &Value,
    pointer: &str,
    query: &[(String, String)],
    problems: &mut Diagnostics,
) -> Option<PagedOperation> {
    let Some(mark) = mark.as_object() else {
        problems.push(
            pointer,
            format!(
                "`{PAGINATION_EXTENSION}` must be a mapping with `cursor`, `items` and \
                 `next-link` or `next-cursor`, or `false`"
            ),
        );
        return None;
    };
    let before = problems.len();
    for key in mark.keys() {
        if !KEYS.contains(&key.as_str()) {
            problems.push(
                &format!("{pointer}/{}", escape(key)),
                format!(
                    "unknown key `{key}`: `{PAGINATION_EXTENSION}` has `cursor`, `items`, \
                     `next-link` and `next-cursor`"
                ),
            );
        }
    }
    let mut text = |key: &str| match mark.get(key) {
        None => None,
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        Some(_) => {
            problems.push(
                &format!("{pointer}/{key}"),
                format!("`{key}` must be a non-empty string"),
            );
            None
        }
    };
    let cursor = text("cursor");
    let items = text("items");
    let next_link = text("next-link");
    let next_cursor = text("next-cursor");
    match &cursor {
        None if !mark.contains_key("cursor") => problems.push(
            pointer,
            "no `cursor`: name the query parameter the next page's cursor goes in".to_owned(),
        ),
        Some(name) if !query.iter().any(|(query, _)| query == name) => problems.push(
            &format!("{pointer}/cursor"),
            format!("the operation has no query parameter `{name}` to send the cursor in"),
        ),
        _ => {}
    }
    if items.is_none() && !mark.contains_key("items") {
        problems.push(
            pointer,
            "no `items`: give the JSON pointer to the array of items in the success body, \
             such as `/data`"
                .to_owned(),
        );
    }
    let next_key = match (
        mark.contains_key("next-link"),
        mark.contains_key("next-cursor"),
    ) {
        (true, true) => {
            problems.push(
                pointer,
                "both `next-link` and `next-cursor`: give one of them".to_owned(),
            );
            None
        }
        (false, false) => {
            problems.push(
                pointer,
                "no `next-link` or `next-cursor`: give the JSON pointer to the next page's \
                 link (such as `/links/next`) or to its cursor"
                    .to_owned(),
            );
            None
        }
        (true, false) => Some("next-link"),
        (false, true) => Some("next-cursor"),
    };
    let mut steps = |key: &str, value: &Option<String>| {
        let value = value.as_deref()?;
        let steps = json_pointer(value);
        if steps.is_none() {
            problems.push(
                &format!("{pointer}/{key}"),
                format!(
                    "`{value}` is not a JSON pointer into the success body: write it as \
                     `/member/member`, such as `/links/next`"
                ),
            );
        }
        steps
    };
    let items = steps("items", &items);
    let next = next_key.and_then(|key| {
        let value = if key == "next-link" {
            &next_link
        } else {
            &next_cursor
        };
        steps(key, value)
    });
    if problems.len() != before {
        return None;
    }
    Some(PagedOperation {
        operation_id: String::new(),
        source: Source::Extension,
        pointer: pointer.to_owned(),
        cursor: cursor?,
        items: items?,
        next: next?,
        next_is_link: next_key == Some("next-link"),
        later_pages_send_only: None,
    })
}

/// The member names of a JSON pointer such as `/links/next`: at least
/// one, none empty, with `~1` and `~0` read back.
fn json_pointer(pointer: &str) -> Option<Vec<String>> {
    let steps: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(unescape)
        .collect();
    steps.iter().all(|step| !step.is_empty()).then_some(steps)
}

/// The located warnings of `paged` operations the client cannot stream,
/// and the problems of marked ones, which are errors.
pub(crate) fn diagnostics(
    document: &Document,
    failures: Vec<(&PagedOperation, String)>,
) -> Result<Vec<Diagnostic>> {
    let mut warnings = Diagnostics::new(&document.path, &document.positions);
    let mut problems = Diagnostics::new(&document.path, &document.positions);
    for (paged, why) in failures {
        let id = &paged.operation_id;
        match paged.source {
            Source::Extension => problems.push(
                &paged.pointer,
                format!("`{id}` cannot be streamed as `{PAGINATION_EXTENSION}` says: {why}"),
            ),
            _ => warnings.push(
                &paged.pointer,
                format!(
                    "`{id}` looks paginated ({}) but the client cannot stream it: {why}; its \
                     call gets no `.stream()` (describe its pages with `{PAGINATION_EXTENSION}`, \
                     or set `{PAGINATION_EXTENSION}: false` to say it has none)",
                    paged.reason()
                ),
            ),
        }
    }
    match problems.into_error() {
        Some(error) => Err(error),
        None => Ok(warnings.into_warnings()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_pointers_name_members() {
        assert_eq!(
            json_pointer("/links/next"),
            Some(vec!["links".to_owned(), "next".to_owned()])
        );
        assert_eq!(json_pointer("/a~1b~0c"), Some(vec!["a/b~c".to_owned()]));
        assert_eq!(json_pointer("links/next"), None);
        assert_eq!(json_pointer("/"), None);
        assert_eq!(json_pointer("/links//next"), None);
    }
}
