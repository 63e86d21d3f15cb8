//! Request bodies progenitor cannot build: `multipart/form-data` forms of
//! text fields and files, and bodies in any other media type sent as bytes
//! or text.
//!
//! Nothing in this file depends on the spec: the generator copies it into
//! every crate with such an operation. The public method builds the body
//! here and attaches it to the call; the transport sends it in place of
//! progenitor's (empty) one. reqwest's `multipart` module writes the form.

// These return the crate's one `Error`, as every operation does; boxing it
// here alone would gain nothing.
#![allow(clippy::result_large_err)]

use http_body_util::BodyExt;
use reqwest::Body;
use reqwest::header::HeaderValue;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use super::error::{Error, ErrorKind};

/// The media type of a file part whose type neither the caller nor the spec
/// gives, as OpenAPI says for binary strings.
const DEFAULT_FILE_TYPE: &str = "application/octet-stream";

/// A file sent as one part of a `multipart/form-data` body: its content,
/// the file name the server sees, and its media type.
///
/// `FilePart::bytes(png, "passport.png").content_type("image/png")`
#[derive(Debug)]
pub struct FilePart {
    content: Content,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Debug)]
enum Content {
    /// In memory: the request can be sent again (retries), and its length
    /// is known.
    Bytes(Vec<u8>),
    /// Read as it is sent: one attempt only, sent in chunks.
    Stream(Body),
}

impl FilePart {
    /// A file whose content is in memory, named `file_name`.
    pub fn bytes(content: impl Into<Vec<u8>>, file_name: impl Into<String>) -> Self {
        Self {
            content: Content::Bytes(content.into()),
            file_name: Some(file_name.into()),
            content_type: None,
        }
    }

    /// A file read as it is sent, such as a `tokio::fs::File` or
    /// `reqwest::Body::wrap_stream(..)`, named `file_name`. A request with
    /// a streamed file is sent once, never retried.
    pub fn stream(content: impl Into<Body>, file_name: impl Into<String>) -> Self {
        Self {
            content: Content::Stream(content.into()),
            file_name: Some(file_name.into()),
            content_type: None,
        }
    }

    /// The part's media type (`image/png`). Without it, the part has the
    /// type the spec's `encoding` gives, else `application/octet-stream`.
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// Sends the part without a file name (`filename` in its
    /// `Content-Disposition`).
    pub fn without_file_name(mut self) -> Self {
        self.file_name = None;
        self
    }
}

/// A `multipart/form-data` body being built; the first problem found is
/// kept and reported when the body is finished.
pub(crate) struct Multipart {
    form: Form,
    in_memory: bool,
    problem: Option<String>,
}

impl Multipart {
    pub(crate) fn new() -> Self {
        Self {
            form: Form::new(),
            in_memory: true,
            problem: None,
        }
    }

    /// One text part per member of `fields`, which serializes to a JSON
    /// object: a string as it is, a number or boolean as its JSON text, an
    /// array as one part per item, an object as JSON. `null` members are
    /// left out. `encodings` gives the spec's media type of some fields.
    pub(crate) fn fields<T: serde::Serialize>(
        mut self,
        fields: &T,
        encodings: &[(&str, &str)],
    ) -> Self {
        let members = match serde_json::to_value(fields) {
            Ok(Value::Object(members)) => members,
            Ok(_) => return self.fail("the form's fields are not an object".to_owned()),
            Err(e) => return self.fail(format!("the form's fields cannot be written: {e}")),
        };
        for (name, value) in members {
            let media_type = encodings
                .iter()
                .find(|(field, _)| *field == name)
                .map(|(_, media_type)| *media_type);
            let values = match value {
                // A JSON-typed field keeps its array whole.
                Value::Array(items) if media_type.is_none_or(|m| !is_json(m)) => items,
                other => vec![other],
            };
            for value in values {
                let (text, default_type) = match value {
                    Value::Null => continue,
                    Value::String(text) => (text, None),
                    Value::Object(_) | Value::Array(_) => {
                        (value.to_string(), Some("application/json"))
                    }
                    scalar => (scalar.to_string(), None),
                };
                let part = Part::text(text);
                let part = match media_type.or(default_type) {
                    Some(media_type) => match part.mime_str(media_type) {
                        Ok(part) => part,
                        Err(_) => return self.fail(invalid_type(&name, media_type)),
                    },
                    None => part,
                };
                self.form = self.form.part(name.clone(), part);
            }
        }
        self
    }

    /// The file part `name`; `spec_type` is the media type the spec's
    /// `encoding` gives it, used when the caller sets none.
    pub(crate) fn file(
        mut self,
        name: &'static str,
        file: FilePart,
        spec_type: Option<&str>,
    ) -> Self {
        let FilePart {
            content,
            file_name,
            content_type,
        } = file;
        let part = match content {
            Content::Bytes(bytes) => Part::bytes(bytes),
            Content::Stream(body) => {
                self.in_memory = false;
                Part::stream(body)
            }
        };
        let media_type = content_type
            .as_deref()
            .or(spec_type)
            .unwrap_or(DEFAULT_FILE_TYPE);
        let mut part = match part.mime_str(media_type) {
            Ok(part) => part,
            Err(_) => return self.fail(invalid_type(name, media_type)),
        };
        if let Some(file_name) = file_name {
            part = part.file_name(file_name);
        }
        self.form = self.form.part(name, part);
        self
    }

    /// A file part for each of `files`, all named `name`.
    pub(crate) fn files(
        self,
        name: &'static str,
        files: impl IntoIterator<Item = FilePart>,
        spec_type: Option<&str>,
    ) -> Self {
        files
            .into_iter()
            .fold(self, |form, file| form.file(name, file, spec_type))
    }

    /// The body and its `Content-Type`, with the boundary. A form whose
    /// parts are all in memory is written out, so that a retry can send it
    /// again; one with a streamed file is sent as it is read.
    pub(crate) async fn finish(
        self,
        operation: &'static str,
    ) -> Result<(HeaderValue, Body), Error> {
        if let Some(problem) = self.problem {
            return Err(invalid(operation, problem));
        }
        let content_type = format!("multipart/form-data; boundary={}", self.form.boundary());
        let content_type = HeaderValue::from_str(&content_type).map_err(|_| {
            invalid(
                operation,
                "the form's boundary is not a header value".into(),
            )
        })?;
        let body = Body::wrap_stream(self.form.into_stream());
        if !self.in_memory {
            return Ok((content_type, body));
        }
        match body.collect().await {
            Ok(collected) => Ok((content_type, Body::from(collected.to_bytes()))),
            Err(e) => Err(invalid(
                operation,
                format!("the form cannot be written: {e}"),
            )),
        }
    }

    fn fail(mut self, problem: String) -> Self {
        self.problem.get_or_insert(problem);
        self
    }
}

/// A body sent as it is, with `content_type`; `accepted` is the media type
/// or range (`*/*`, `image/*`) the spec accepts, which `content_type` must
/// fall within.
pub(crate) fn raw(
    operation: &'static str,
    body: impl Into<Body>,
    content_type: &str,
    accepted: &str,
) -> Result<(HeaderValue, Body), Error> {
    if !within(content_type, accepted) {
        return Err(invalid(
            operation,
            format!("the body's type `{content_type}` is not one the API accepts (`{accepted}`)"),
        ));
    }
    let header = HeaderValue::from_str(content_type).map_err(|_| {
        invalid(
            operation,
            format!("`{content_type}` cannot be a Content-Type header"),
        )
    })?;
    Ok((header, body.into()))
}

/// A parameter's value as the JSON text the spec asks for.
pub(crate) fn json_text<T: serde::Serialize>(
    operation: &'static str,
    parameter: &str,
    value: &T,
) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| {
        invalid(
            operation,
            format!("parameter `{parameter}` cannot be written as JSON: {e}"),
        )
    })
}

/// Whether the media type `media_type` is within the range `accepted`:
/// `*/*`, `image/*`, or one type (compared without parameters).
fn within(media_type: &str, accepted: &str) -> bool {
    let essence = |m: &str| {
        m.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    let (media_type, accepted) = (essence(media_type), essence(accepted));
    match accepted.split_once('/') {
        Some(("*", "*")) => media_type.contains('/'),
        Some((kind, "*")) => media_type
            .split_once('/')
            .is_some_and(|(other, _)| other == kind),
        _ => media_type == accepted,
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

fn invalid_type(part: &str, media_type: &str) -> String {
    format!("part `{part}`: `{media_type}` is not a media type")
}

fn invalid(operation: &'static str, reason: String) -> Error {
    Error::new(operation, ErrorKind::InvalidRequest(reason), None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_accept_what_they_cover() {
        assert!(within("image/png", "image/*"));
        assert!(within("application/cbor", "*/*"));
        assert!(within("Text/CSV; charset=utf-8", "text/csv"));
        assert!(!within("text/plain", "image/*"));
        assert!(!within("png", "*/*"));
        assert!(!within("application/json", "application/cbor"));
    }
}
