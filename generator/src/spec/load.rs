//! Reads a spec file: well-formed YAML that says it is OpenAPI 3.0 or 3.1, with
//! where each member was written. A syntax error is located by line and
//! column.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use super::pointer::escape;
use super::positions::{Location, Positions};
use super::untyped::Untyped;
use crate::error::{Error, Result};

/// A spec file that is well-formed YAML and says it is OpenAPI 3.0 or 3.1, not yet
/// checked further.
pub struct Source {
    /// Where it was read from; messages about its content name this path.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// The document, untyped: checks walk it whatever its shape.
    pub value: Value,
    /// Where each member was written.
    pub positions: Positions,
    /// Whether the file is read as JSON (its name ends in `.json`) rather
    /// than YAML: JSON is YAML, except that YAML refuses the tabs JSON
    /// files are often indented with.
    pub json: bool,
    /// Whether `value` no longer says what `text` says: the
    /// [`untyped`](super::untyped) pass rewrote it.
    pub rewritten: bool,
}

impl Source {
    /// The document as `T`, or where and why it is not one.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, (Location, String)> {
        if !self.rewritten {
            // YAML text is slow to read a second time, and the tree says
            // the same; the text still locates a member that does not fit.
            if !self.json
                && let Ok(typed) = T::deserialize(&self.value)
            {
                return Ok(typed);
            }
            return parse(&self.text, self.json);
        }
        // The rewritten document has no text: the member that does not fit
        // is found by its path, and located where the spec wrote it.
        serde_path_to_error::deserialize(&self.value).map_err(|error| {
            let pointer: String = error
                .path()
                .iter()
                .map(|segment| match segment {
                    Segment::Seq { index } => format!("/{index}"),
                    Segment::Map { key } | Segment::Enum { variant: key } => {
                        format!("/{}", escape(key))
                    }
                    Segment::Unknown => String::new(),
                })
                .collect();
            let message = error.into_inner().to_string();
            // A missing member is placed at the first member of the mapping
            // that lacks it, as a YAML parser places it.
            let members = self.value.pointer(&pointer).and_then(Value::as_object);
            let first = members
                .into_iter()
                .flat_map(|members| members.keys())
                .filter_map(|key| self.positions.locate(&format!("{pointer}/{}", escape(key))))
                .filter(|_| message.starts_with("missing field"))
                .min();
            let location = first
                .or_else(|| self.positions.locate(&pointer))
                .unwrap_or(Location { line: 1, column: 1 });
            (location, message)
        })
    }
}

/// Reads the spec at `path` (YAML, or JSON, which YAML includes). Refuses a
/// file that is not YAML, is empty, is not an OpenAPI object or is not
/// OpenAPI 3.0 or 3.1: past those, other checks would only add noise.
pub fn load(path: &Path) -> Result<Source> {
    let text = fs::read_to_string(path).map_err(|source| Error::ReadSpec {
        path: path.to_owned(),
        source,
    })?;

    // Untyped first: a syntax error, a wrong kind of document and an
    // unsupported version are told apart before the typed pass, whose
    // messages for those cases ("missing field `paths`") would mislead.
    let json = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
    let Untyped(value) =
        parse(&text, json).map_err(|(Location { line, column }, message)| Error::Syntax {
            path: path.to_owned(),
            line,
            column,
            message,
        })?;
    let source = Source {
        path: path.to_owned(),
        positions: Positions::index_aside(&text),
        text,
        value,
        json,
        rewritten: false,
    };
    let refuse = |pointer: &str, message: &str| {
        Err(Error::at(
            &source.path,
            &source.positions,
            pointer,
            message.to_owned(),
        ))
    };
    let Some(object) = source.value.as_object() else {
        return if source.value.is_null() {
            refuse("", "the file is empty; expected an OpenAPI 3.0 document")
        } else {
            refuse(
                "",
                "the document is not a mapping of members; expected an OpenAPI 3.0 document",
            )
        };
    };
    let version = match object.get("openapi") {
        Some(Value::String(version)) => version.as_str(),
        Some(_) => return refuse("/openapi", "`openapi` must be a string such as \"3.0.3\""),
        None if object.contains_key("swagger") => {
            return refuse(
                "/swagger",
                "this is a Swagger 2.0 document; the generator reads OpenAPI 3.0 \
                 (convert it, for example with swagger2openapi, and write `openapi: 3.0.3`)",
            );
        }
        None => {
            return refuse(
                "",
                "no `openapi` member: this is not an OpenAPI 3.0 document \
                 (add `openapi: 3.0.3` at the top)",
            );
        }
    };
    if !version.starts_with("3.0.") && !version.starts_with("3.1.") {
        let message = format!(
            "OpenAPI {version} is not supported: the generator reads OpenAPI 3.0.x, and 3.1.x \
             by reading it as 3.0 (progenitor, the engine underneath, reads only 3.0); write \
             the spec as `openapi: 3.1.1` or `openapi: 3.0.3`"
        );
        return refuse("/openapi", &message);
    }
    Ok(source)
}

/// `text` as `T`, read as JSON or as YAML, or where and why it is not one.
fn parse<T: DeserializeOwned>(text: &str, json: bool) -> Result<T, (Location, String)> {
    if json {
        serde_json::from_str(text).map_err(|error| {
            let (line, column) = (error.line(), error.column());
            let message =
                error
                    .to_string()
                    .replacen(&format!(" at line {line} column {column}"), "", 1);
            (Location { line, column }, message)
        })
    } else {
        serde_yaml::from_str(text).map_err(|error| located(&error))
    }
}

/// Where serde_yaml found a problem, and what it says about it.
fn located(error: &serde_yaml::Error) -> (Location, String) {
    let (line, column) = error
        .location()
        .map_or((1, 1), |at| (at.line(), at.column()));
    // serde_yaml puts the location in its message too; ours goes in front.
    // Another location in the message (where an unclosed quote opened, say)
    // is context worth keeping.
    let message = error
        .to_string()
        .replacen(&format!(" at line {line} column {column}"), "", 1);
    (Location { line, column }, message)
}
