//! How the generator reads media types: which count as JSON, how a request
//! body of each is sent (by progenitor, or by the crate's `bodies` runtime
//! where progenitor cannot), and which one is sent when a body has several.

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
    /// `multipart/form-data`: text fields and files, which the generated
    /// client builds itself.
    Multipart,
    /// Any other `text/*` type: a string the generated client sends itself.
    OtherText,
    /// Any other media type or range (`application/cbor`, `image/*`,
    /// `*/*`): bytes the generated client sends itself.
    Bytes,
}

impl RequestKind {
    /// The order of preference among a body's media types when none is
    /// JSON: structured forms first, then text, then bytes of a named type,
    /// then ranges such as `*/*`.
    fn rank(self, media_type: &str) -> u8 {
        match self {
            Self::Json => 0,
            Self::Multipart => 1,
            Self::Form => 2,
            Self::Text if essence(media_type) == "text/plain" => 3,
            Self::Text | Self::OtherText => 4,
            Self::OctetStream => 5,
            Self::Bytes if is_range(media_type) => 7,
            Self::Bytes => 6,
        }
    }
}

/// Whether `media_type` is a range the caller narrows: `*/*`, `image/*`.
pub fn is_range(media_type: &str) -> bool {
    essence(media_type).contains('*')
}

/// Whether the caller of a method that sends a body of this media type as
/// bytes names its `Content-Type`: a range (`image/*`) to narrow, and a
/// multipart type, whose `boundary` only the bytes' writer knows.
pub fn caller_names_type(media_type: &str) -> bool {
    is_range(media_type)
        || essence(media_type)
            .to_ascii_lowercase()
            .starts_with("multipart/")
}

/// The media type a request body with these media types is sent as: JSON
/// if offered, else the first by [`RequestKind`]'s order of preference
/// (multipart, form, `text/plain`, other text, octet-stream, other types,
/// ranges), the spec's order breaking ties.
pub fn preferred_request<'m>(media_types: impl IntoIterator<Item = &'m str>) -> Option<&'m str> {
    media_types
        .into_iter()
        .enumerate()
        .min_by_key(|(index, media_type)| (request_kind(media_type).rank(media_type), *index))
        .map(|(_, media_type)| media_type)
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

/// How a body of this media type is sent. Apart from JSON, which the
/// generator rewrites to the one spelling progenitor knows, the names
/// progenitor sends must be as it compares them: exactly, before any `;`.
pub fn request_kind(media_type: &str) -> RequestKind {
    if is_json(media_type) {
        return RequestKind::Json;
    }
    match essence(media_type) {
        "application/x-www-form-urlencoded" => RequestKind::Form,
        "application/octet-stream" => RequestKind::OctetStream,
        "text/plain" | "text/x-markdown" => RequestKind::Text,
        other if other.eq_ignore_ascii_case("multipart/form-data") => RequestKind::Multipart,
        other if other.to_ascii_lowercase().starts_with("text/") && !is_range(other) => {
            RequestKind::OtherText
        }
        _ => RequestKind::Bytes,
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
        assert_eq!(request_kind("application/vnd.api+json"), RequestKind::Json);
        assert_eq!(request_kind("text/plain; charset=utf-8"), RequestKind::Text);
        assert_eq!(
            request_kind("application/octet-stream"),
            RequestKind::OctetStream
        );
        assert_eq!(request_kind("multipart/form-data"), RequestKind::Multipart);
        assert_eq!(request_kind("text/csv"), RequestKind::OtherText);
        assert_eq!(request_kind("text/*"), RequestKind::Bytes);
        assert_eq!(request_kind("application/cbor"), RequestKind::Bytes);
    }

    #[test]
    fn the_preferred_media_type_follows_the_documented_order() {
        assert_eq!(
            preferred_request(["text/x-markdown", "text/plain"]),
            Some("text/plain")
        );
        assert_eq!(
            preferred_request(["text/csv", "multipart/form-data"]),
            Some("multipart/form-data")
        );
        assert_eq!(
            preferred_request(["*/*", "application/cbor", "image/png"]),
            Some("application/cbor")
        );
        assert_eq!(
            preferred_request(["image/png", "application/json"]),
            Some("application/json")
        );
        assert_eq!(preferred_request([]), None);
    }
}
