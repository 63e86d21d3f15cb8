//! Rust identifiers from any text: every name the generator makes from a
//! spec's names (an `operationId`, a parameter, a component) goes through
//! [`name`] or [`ident`], which never fail and never panic.
//!
//! They make names the way progenitor makes its methods' and parameters'
//! names (`sanitize` in progenitor-impl), so that a name made here from an
//! `operationId` is the name of progenitor's method for it:
//! - a character that cannot be in an identifier ends a word: `page[size]`
//!   → `page_size`; an apostrophe is dropped;
//! - a name that cannot start an identifier (`4oDBrowseByDateFeed`, whose
//!   snake case starts with a digit) gets `_` in front:
//!   `_4o_d_browse_by_date_feed`;
//! - a keyword gets `_` after it: `type_`, `Self_`;
//! - a name with no letter or digit (empty, only punctuation) is `x` (`X`);
//! - letters outside ASCII stay, as Rust allows them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// The case of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// `get_session`: functions, methods, parameters, fields, modules.
    Snake,
    /// `GetSession`: types and variants.
    UpperCamel,
}

impl Case {
    fn apply(self, text: &str) -> String {
        match self {
            Case::Snake => text.to_snake_case(),
            Case::UpperCamel => text.to_upper_camel_case(),
        }
    }
}

/// `text` as a Rust identifier in `case`.
pub(crate) fn name(text: &str, case: Case) -> String {
    let words: String = text
        .chars()
        .filter(|c| *c != '\'')
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut name = case.apply(&words);
    match name.chars().next() {
        None => name = case.apply("x"),
        Some(first) if !unicode_ident::is_xid_start(first) => name.insert(0, '_'),
        Some(_) => {}
    }
    if is_keyword(&name) {
        name.push('_');
    }
    if is_identifier(&name) {
        name
    } else {
        // A case mapping can, in rare scripts, give a character that may
        // not stand in an identifier: the ASCII letters and digits alone,
        // then, which always make one.
        let ascii: String = words
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let ascii = case.apply(&ascii);
        match ascii.chars().next() {
            None => case.apply("x"),
            Some(first) if first.is_ascii_digit() => format!("_{ascii}"),
            Some(_) if is_keyword(&ascii) => format!("{ascii}_"),
            Some(_) => ascii,
        }
    }
}

/// `text` as a Rust identifier in `case` ([`name`]).
pub(crate) fn ident(text: &str, case: Case) -> Ident {
    Ident::new(&name(text, case), Span::call_site())
}

/// Whether `name` is a keyword of Rust 2024, which cannot name an item: the
/// words syn refuses as an identifier (but `_`, which [`is_identifier`]
/// refuses), and `gen`, reserved since 2024. A list rather than asking syn:
/// a large spec makes tens of thousands of names, and tokenizing each took
/// a third of their time.
pub(crate) fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "Self"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// Whether `name` is made of identifier characters, as
/// [`Ident::new`] demands (it panics otherwise).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || unicode_ident::is_xid_start(first))
        && chars.all(unicode_ident::is_xid_continue)
        && name != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_identifiers_keep_their_words() {
        assert_eq!(name("getSession", Case::Snake), "get_session");
        assert_eq!(name("get_session", Case::UpperCamel), "GetSession");
        assert_eq!(name("page[size]", Case::Snake), "page_size");
        assert_eq!(name("user's id", Case::Snake), "users_id");
    }

    #[test]
    fn a_leading_digit_gets_an_underscore_as_progenitor_gives_it() {
        assert_eq!(
            name("4oDBrowseByDateFeed", Case::Snake),
            "_4o_d_browse_by_date_feed"
        );
        assert_eq!(
            name("_4o_d_browse_by_date_feed", Case::UpperCamel),
            "_4oDBrowseByDateFeed"
        );
        assert_eq!(
            name("5476365e031f5909e4fe331e", Case::UpperCamel),
            "_5476365e031f5909e4fe331e"
        );
    }

    #[test]
    fn the_keywords_are_those_syn_refuses_and_gen() {
        let words = "abstract as async await become box break const continue crate do dyn \
                     else enum extern false final fn for gen if impl in let loop macro match \
                     mod move mut override priv pub ref return Self self static struct super \
                     trait true try type typeof unsafe unsized use virtual where while yield \
                     union raw default auto macro_rules safe r#type _ __ x Gen SELF";
        for word in words.split_whitespace() {
            let refused = syn::parse_str::<syn::Ident>(word).is_err() && is_identifier(word);
            assert_eq!(is_keyword(word), refused || word == "gen", "{word}");
        }
    }

    #[test]
    fn keywords_get_an_underscore_after() {
        assert_eq!(name("type", Case::Snake), "type_");
        assert_eq!(name("self", Case::UpperCamel), "Self_");
        assert_eq!(name("gen", Case::Snake), "gen_");
        assert_eq!(name("crate", Case::Snake), "crate_");
    }

    #[test]
    fn names_without_letters_become_x() {
        for text in ["", "_", "-", "!!!", "'", "{}", "__"] {
            assert_eq!(name(text, Case::Snake), "x", "{text:?}");
            assert_eq!(name(text, Case::UpperCamel), "X", "{text:?}");
        }
    }

    #[test]
    fn letters_outside_ascii_stay() {
        assert_eq!(name("größe", Case::Snake), "größe");
        assert_eq!(name("Zürich Büro", Case::UpperCamel), "ZürichBüro");
        assert_eq!(name("😀 smile", Case::Snake), "smile");
    }

    #[test]
    fn every_string_makes_an_identifier() {
        for text in [
            "", "0", "00", "٣", "a\u{300}", "\u{300}a", "ǅ", "ß", "ﬃ", "İ", "ŉ", "\u{345}", "𝔸",
            "Σ_", "a b c", "$ref", "#/x", "\0", "\u{feff}",
        ] {
            for case in [Case::Snake, Case::UpperCamel] {
                let made = name(text, case);
                assert!(is_identifier(&made), "{text:?} gave {made:?}");
                assert!(!is_keyword(&made), "{text:?} gave {made:?}");
                let _ = ident(text, case);
            }
        }
    }
}
