//! The classes of refusals: each a pattern over the generator's message,
//! the first that matches naming the class, "other" for the rest. The
//! classes follow the generator's own messages, so that a count says which
//! construct stops how many specs.

use std::sync::LazyLock;

use regex::RegexSet;

/// One class of refusals.
pub struct Class {
    /// A short key, for the JSON summary.
    pub key: &'static str,
    /// What the specs of the class have in common.
    pub description: &'static str,
    /// Matched against the whole message.
    pattern: &'static str,
}

/// The class of messages no pattern matches.
pub const OTHER: Class = Class {
    key: "other",
    description: "no class above matches",
    pattern: "",
};

/// The classes, in the order they are tried: the first that matches wins,
/// so a message that names both a construct and progenitor's failure on it
/// is counted under the construct.
pub const CLASSES: &[Class] = &[
    Class {
        key: "type-name-collision",
        description: "typify would give two different types one name",
        pattern: r"names two different types",
    },
    Class {
        key: "value-not-fitting-schema",
        description: "a `default`, `enum` or `const` value that does not fit its own schema \
                      (typify: \"value does not conform to the given schema\", \"unexpected value type\")",
        pattern: r"value does not conform to the given schema|unexpected value type",
    },
    Class {
        key: "enum-variant-names",
        description: "enum values typify cannot name apart (\"Failed to make unique variant \
                      names\") or of mixed types",
        pattern: r"Failed to make unique variant names|multiple implied types for an un-typed enum",
    },
    Class {
        key: "not-implemented",
        description: "a construct typify or progenitor has not implemented (`not` schemas and \
                      the like)",
        pattern: r"does not implement this construct|not yet implemented",
    },
    Class {
        key: "query-style",
        description: "a query parameter `style` progenitor cannot send (`deepObject` on a \
                      parameter, `spaceDelimited`, `pipeDelimited`)",
        pattern: r"`style: \w+` is not supported",
    },
    Class {
        key: "ref-target",
        description: "a parameter's, body's or response's `$ref` to nothing, or to a place \
                      progenitor does not look it up in",
        pattern: r"resolves to nothing|must name an entry of `components\.",
    },
    Class {
        key: "path-parameter",
        description: "a path template's `{name}` without its parameter, or one progenitor \
                      cannot map (\"missing path name mapping\")",
        pattern: r"missing path name mapping|has no parameter; declare one",
    },
    Class {
        key: "response-bodies",
        description: "success or error responses of one operation with different bodies, \
                      which progenitor gives one type",
        pattern: r"have different bodies",
    },
    Class {
        key: "document-shape",
        description: "a member whose shape is not OpenAPI's (a string where an object belongs…)",
        pattern: r"invalid type: .*, expected",
    },
    Class {
        key: "progenitor-other",
        description: "progenitor fails on one operation or the whole spec for another reason",
        pattern: r"progenitor cannot generate",
    },
];

/// The class of `message`.
pub fn classify(message: &str) -> &'static Class {
    static SET: LazyLock<RegexSet> = LazyLock::new(|| {
        RegexSet::new(CLASSES.iter().map(|class| class.pattern)).expect("valid patterns")
    });
    SET.matches(message)
        .iter()
        .next()
        .map_or(&OTHER, |index| &CLASSES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fall_into_their_classes() {
        let cases = [
            (
                "x.json:1:2: /components/schemas/Boolean: typify, progenitor's type generator, \
                 names two different types `Boolean`, and the crate would not compile",
                "type-name-collision",
            ),
            (
                "x.json:3:4: /paths/~1a/get: progenitor cannot generate GET /a: it failed with: \
                 type error value does not conform to the given schema",
                "value-not-fitting-schema",
            ),
            (
                "x.json:5:6: /paths/~1a/get: progenitor cannot generate GET /a: it failed with: \
                 it panicked: missing path name mapping id",
                "path-parameter",
            ),
            (
                "x.json:7:8: /paths/~1a/get: progenitor cannot generate GET /a: it failed with: \
                 something new",
                "progenitor-other",
            ),
            ("x.json:9:9: something nobody has seen", "other"),
        ];
        for (message, class) in cases {
            assert_eq!(classify(message).key, class, "{message}");
        }
    }

    #[test]
    fn every_pattern_compiles_and_keys_differ() {
        let mut keys: Vec<&str> = CLASSES.iter().map(|class| class.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CLASSES.len());
        assert_eq!(classify("").key, "other");
    }
}
