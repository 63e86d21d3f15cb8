//! How the generator reads media types: which count as JSON, and which a
//! request body may have for progenitor to send it.

/// The media types progenitor can send a request body as, for messages.
pub const SENDABLE: &str = "application/json (or a `+json` type), \
    application/x-www-form-urlencoded, application/octet-stream, text/plain or text/x-markdown";

/// The one spelling of JSON that progenitor recognises, in requests and in
/// responses alike.
pub const JSON: &str = "application/json";

/// How progenitor sends a request body of a given media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// Serialized with serde_json.
    Json,
    /// `application/x-www-form-urlencoded`, serialized from the body type.
    Form,
    /// Raw bytes, `application/octet-stream`.
    OctetStream,
    /// A string, `text/plain` or `text/x-markdown`.
    Text,
}

/// The media type without its parameters (`; charset=utf-8`), as written.
fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

/// Whether a body of this media type is JSON: `application/json` and every
/// structured-syntax `+json` type (RFC 6839), such as
/// `application/problem+json` or `application/vnd.api+json`.
pub fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type).to_ascii_lowercase();
    essence == JSON || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Whether progenitor itself reads this media type as JSON: exactly
/// `application/json`, with or without parameters.
pub fn is_plain_json(media_type: &str) -> bool {
    essence(media_type) == JSON
}

/// How progenitor sends a body of this media type, if it can. Apart from
/// JSON, which the generator rewrites to the one spelling progenitor knows,
/// the names must be as progenitor compares them: exactly, before any `;`.
pub fn request_kind(media_type: &str) -> Option<RequestKind> {
    if is_json(media_type) {
        return Some(RequestKind::Json);
    }
    match essence(media_type) {
        "application/x-www-form-urlencoded" => Some(RequestKind::Form),
        "application/octet-stream" => Some(RequestKind::OctetStream),
        "text/plain" | "text/x-markdown" => Some(RequestKind::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structured_json_types_are_json() {
        for json in [
            "application/json",
            "application/json; charset=utf-8",
            "application/problem+json",
            "application/vnd.api+json",
            "Application/JSON",
        ] {
            assert!(is_json(json), "{json}");
        }
        for other in ["text/json+plain", "application/jsonl", "text/plain", "*/*"] {
            assert!(!is_json(other), "{other}");
        }
    }

    #[test]
    fn request_kinds_follow_progenitor() {
        assert_eq!(
            request_kind("application/vnd.api+json"),
            Some(RequestKind::Json)
        );
        assert_eq!(
            request_kind("text/plain; charset=utf-8"),
            Some(RequestKind::Text)
        );
        assert_eq!(
            request_kind("application/octet-stream"),
            Some(RequestKind::OctetStream)
        );
        assert_eq!(request_kind("multipart/form-data"), None);
    }
}
