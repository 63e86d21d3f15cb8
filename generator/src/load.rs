//! Reads a spec file and parses it into an OpenAPI 3.0 document, locating
//! any syntax or shape error by line and column.

use std::fs;
use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;

use crate::error::{Error, Result};

/// A spec file, parsed.
pub struct Spec {
    /// Where it was read from; errors about its content name this path.
    pub path: PathBuf,
    /// The parsed document.
    pub api: OpenAPI,
}

/// Reads and parses the spec at `path` (YAML, or JSON, which YAML includes).
pub fn load(path: &Path) -> Result<Spec> {
    let text = fs::read_to_string(path).map_err(|source| Error::ReadSpec {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |message: String| Error::Invalid {
        path: path.to_owned(),
        pointer: String::new(),
        message,
    };

    // A first, untyped pass tells a syntax error, a wrong kind of document
    // and an unsupported version apart before the typed pass, whose messages
    // for those cases ("missing field `paths`") would mislead.
    let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| syntax(path, &e))?;
    if value.is_null() {
        return Err(invalid(
            "the file is empty; expected an OpenAPI 3.0 document".into(),
        ));
    }
    let version = match value.get("openapi") {
        Some(serde_yaml::Value::String(version)) => version.as_str(),
        Some(_) => {
            return Err(invalid(
                "`openapi` must be a string such as \"3.0.3\"".into(),
            ));
        }
        None => {
            return Err(invalid(
                "no `openapi` member: this is not an OpenAPI 3.0 document \
                 (add `openapi: 3.0.3` at the top)"
                    .into(),
            ));
        }
    };
    if !version.starts_with("3.0.") {
        return Err(Error::Invalid {
            path: path.to_owned(),
            pointer: "/openapi".into(),
            message: format!(
                "OpenAPI {version} is not supported: progenitor, the engine underneath, \
                 reads only OpenAPI 3.0.x (3.1 changed how schemas and `nullable` are \
                 written); write the spec as `openapi: 3.0.3`"
            ),
        });
    }

    let api = serde_yaml::from_str(&text).map_err(|e| syntax(path, &e))?;
    Ok(Spec {
        path: path.to_owned(),
        api,
    })
}

fn syntax(path: &Path, error: &serde_yaml::Error) -> Error {
    let (line, column) = error
        .location()
        .map_or((1, 1), |at| (at.line(), at.column()));
    // serde_yaml puts the location in its message too; ours goes in front.
    // Another location in the message (where an unclosed quote opened, say)
    // is context worth keeping.
    let message = error
        .to_string()
        .replacen(&format!(" at line {line} column {column}"), "", 1);
    Error::Syntax {
        path: path.to_owned(),
        line,
        column,
        message,
    }
}
