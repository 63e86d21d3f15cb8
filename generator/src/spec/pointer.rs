//! JSON pointers (RFC 6901), the one way the generator says where a member
//! of the spec is: in every warning and problem, in the index of positions,
//! and in the change report.
//!
//! A member name becomes one token of a pointer with `~` written `~0` and
//! `/` written `~1`, so that `/paths/~1v1~1sessions` is the path item
//! `/v1/sessions`.

/// One token of a JSON pointer, escaped: `~` → `~0`, `/` → `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// One token of a JSON pointer, read back: `~1` → `/`, `~0` → `~`.
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
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
}
