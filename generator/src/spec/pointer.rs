//! JSON pointers (RFC 6901), the one way the generator says where a member
//! of the spec is: in every warning and problem, in the index of positions,
//! and in the change report.
//!
//! A member name becomes one token of a pointer with `~` written `~0` and
//! `/` written `~1`, so that `/paths/~1v1~1sessions` is the path item
//! `/v1/sessions`.

use std::borrow::Cow;

/// One token of a JSON pointer, escaped: `~` → `~0`, `/` → `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// One token of a JSON pointer, read back: `~1` → `/`, `~0` → `~`.
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The JSON pointer a local `$ref` names: its fragment, after `#`,
/// percent-decoded as URI fragments are (RFC 6901, section 6), so that
/// `#/paths/~1a~1%7Bid%7D` is the path item `/a/{id}`. `None` for a
/// reference to another file. A `%` that begins no valid escape, or escapes
/// that decode to no UTF-8, stay as written.
pub(crate) fn of_reference(target: &str) -> Option<Cow<'_, str>> {
    let fragment = target.strip_prefix('#')?;
    let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8();
    Some(decoded.unwrap_or(Cow::Borrowed(fragment)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_escapes_and_reads_back() {
        assert_eq!(escape("/v1/{id}~x"), "~1v1~1{id}~0x");
        assert_eq!(unescape("~1v1~1{id}~0x"), "/v1/{id}~x");
        // `~01` is an escaped `~` followed by `1`, not a `/`.
        assert_eq!(unescape(&escape("~1")), "~1");
    }

    #[test]
    fn a_reference_fragment_is_percent_decoded_once() {
        let of = |target| of_reference(target).map(Cow::into_owned);
        assert_eq!(
            of("#/paths/~1a~1%7Bid%7D").as_deref(),
            Some("/paths/~1a~1{id}")
        );
        assert_eq!(
            of("#/components/schemas/A").as_deref(),
            Some("/components/schemas/A")
        );
        // `%25` is a `%`, not the start of another escape.
        assert_eq!(of("#/x/100%2541").as_deref(), Some("/x/100%41"));
        // Not an escape, or not UTF-8: as written.
        assert_eq!(of("#/x/100%").as_deref(), Some("/x/100%"));
        assert_eq!(of("#/x/%zz").as_deref(), Some("/x/%zz"));
        assert_eq!(of("#/x/%FF").as_deref(), Some("/x/%FF"));
        assert_eq!(of("other.yaml#/x"), None);
    }
}
