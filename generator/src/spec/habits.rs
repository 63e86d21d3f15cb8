//! Readings of schema habits that typify, progenitor's type generator,
//! refuses or panics on, though the spec's meaning is plain: applied to
//! every schema by the [`downconvert`](super::downconvert) walk, after the
//! 3.1 readings, each with a located warning.
//!
//! The readings, each deliberate:
//! - a `format` on an object, array or boolean (`format: kvpairs`, `uri-map`,
//!   `ipv4` on a list) describes nothing typify knows: left out;
//! - a `default` written as a string where a boolean or number belongs
//!   (`'false'`, `'3600'`) is that boolean or number; a number or boolean
//!   default of a string is its text; a default that still does not fit its
//!   schema (another type, `null` where null is not allowed, outside the
//!   `enum` or the bounds) is left out;
//! - a boolean or number among the values of a string `enum` (`true`, which a
//!   YAML 1.1 tool wrote for `on`) is its text;
//! - a string `enum` whose values get the same Rust name (`ASC` and `asc`,
//!   `+1` and `-1` after a prefix) is read as a plain string.

use std::collections::BTreeMap;

use heck::ToPascalCase;
use serde_json::{Map, Value};

/// Applies the readings to one schema, `map`, at `pointer`; `warn` says
/// what was read how.
pub(super) fn read(
    map: &mut Map<String, Value>,
    pointer: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let kind = map.get("type").and_then(Value::as_str).map(str::to_owned);
    let Some(kind) = kind else {
        return;
    };
    meaningless_format(map, pointer, &kind, warn);
    if kind == "string" {
        string_enum(map, pointer, warn);
    }
    default(map, pointer, &kind, warn);
}

fn meaningless_format(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    if !matches!(kind, "object" | "array" | "boolean") {
        return;
    }
    if let Some(format) = map.remove("format") {
        warn(
            &format!("{pointer}/format"),
            format!("`format: {format}` means nothing for type `{kind}`: left out"),
        );
    }
}

fn string_enum(map: &mut Map<String, Value>, pointer: &str, warn: &mut dyn FnMut(&str, String)) {
    let Some(Value::Array(values)) = map.get_mut("enum") else {
        return;
    };
    for (index, value) in values.iter_mut().enumerate() {
        let text = match value {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        warn(
            &format!("{pointer}/enum/{index}"),
            format!(
                "`{text}` among the values of a string `enum` is read as the string \
                 \"{text}\"; quote it"
            ),
        );
        *value = Value::String(text);
    }
    let names: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
    if let Some((first, second)) = same_rust_name(&names) {
        let message = format!(
            "the `enum` values \"{first}\" and \"{second}\" get the same Rust name: the value \
             is read as a plain string"
        );
        map.remove("enum");
        warn(&format!("{pointer}/enum"), message);
    }
}

/// Two values typify would give the same variant name, even after its
/// second try (the characters a name cannot hold written `X`).
fn same_rust_name<'a>(values: &[&'a str]) -> Option<(&'a str, &'a str)> {
    let clash = |name: fn(&str) -> String| {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for value in values {
            if let Some(first) = seen.insert(name(value), value)
                && first != *value
            {
                return Some((first, *value));
            }
        }
        None
    };
    clash(variant_name)?;
    clash(|value| {
        variant_name(&value.replace(
            |c: char| c == '_' || !unicode_ident::is_xid_continue(c),
            "X",
        ))
    })
}

/// The variant name typify derives from an enum value (its `sanitize`):
/// what a name cannot hold separates words, and `+1`/`-1` are spelled out.
fn variant_name(value: &str) -> String {
    let name = match value {
        "+1" => "plus1".to_pascal_case(),
        "-1" => "minus1".to_pascal_case(),
        _ => value
            .replace('\'', "")
            .replace(|c: char| !unicode_ident::is_xid_continue(c), "-")
            .to_pascal_case(),
    };
    match name.chars().next() {
        Some(c) if unicode_ident::is_xid_start(c) => name,
        _ => format!("X{name}"),
    }
}

fn default(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(written) = map.get("default").cloned() else {
        return;
    };
    let at = format!("{pointer}/default");
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    if written.is_null() {
        if !nullable {
            map.remove("default");
            warn(
                &at,
                "`default: null` where the value cannot be null: left out".to_owned(),
            );
        }
        return;
    }
    let read = match (kind, &written) {
        ("boolean", Value::String(text)) => text.trim().parse::<bool>().ok().map(Value::Bool),
        ("integer", Value::String(text)) => text.trim().parse::<i64>().ok().map(Value::from),
        ("number", Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        ("string", Value::Number(n)) => Some(Value::String(n.to_string())),
        ("string", Value::Bool(b)) => Some(Value::String(b.to_string())),
        _ => None,
    };
    if let Some(read) = &read {
        warn(
            &at,
            format!("`default: {written}` of a `{kind}` is read as `{read}`"),
        );
        map.insert("default".to_owned(), read.clone());
    }
    let value = read.unwrap_or(written);
    if let Some(why) = misfit(map, kind, &value) {
        map.remove("default");
        warn(&at, format!("`default: {value}` {why}: left out"));
    }
}

/// Why `value` cannot be the value of a schema of type `kind`, if it cannot.
fn misfit(map: &Map<String, Value>, kind: &str, value: &Value) -> Option<String> {
    let fits_type = match kind {
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    };
    if !fits_type {
        return Some(format!("is not a `{kind}`"));
    }
    if let Some(Value::Array(allowed)) = map.get("enum")
        && !allowed.contains(value)
    {
        return Some("is not among the `enum` values".to_owned());
    }
    let number = value.as_f64()?;
    let below = map
        .get("minimum")
        .and_then(Value::as_f64)
        .is_some_and(|minimum| number < minimum);
    let above = map
        .get("maximum")
        .and_then(Value::as_f64)
        .is_some_and(|maximum| number > maximum);
    (below || above).then(|| "is outside `minimum`/`maximum`".to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_schema(schema: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut map) = schema else {
            panic!("a schema is a mapping");
        };
        let mut said = Vec::new();
        read(&mut map, "/S", &mut |pointer, message| {
            said.push((pointer.to_owned(), message))
        });
        (Value::Object(map), said)
    }

    #[test]
    fn a_format_of_an_object_or_list_is_left_out() {
        let (schema, said) = read_schema(json!({"type": "object", "format": "kvpairs"}));
        assert_eq!(schema, json!({"type": "object"}));
        assert_eq!(said[0].0, "/S/format");
        assert!(said[0].1.contains("`format: \"kvpairs\"`"), "{said:?}");
        let (schema, _) = read_schema(json!({"type": "array", "format": "ipv4", "items": {}}));
        assert_eq!(schema, json!({"type": "array", "items": {}}));
        // A string's format, known or not, is typify's to read.
        let (schema, said) = read_schema(json!({"type": "string", "format": "uri-map"}));
        assert_eq!(schema, json!({"type": "string", "format": "uri-map"}));
        assert!(said.is_empty());
    }

    #[test]
    fn defaults_written_as_text_are_read_as_their_type() {
        let (schema, said) = read_schema(json!({"type": "boolean", "default": "false"}));
        assert_eq!(schema["default"], json!(false));
        assert_eq!(
            said,
            [(
                "/S/default".to_owned(),
                "`default: \"false\"` of a `boolean` is read as `false`".to_owned()
            )]
        );
        let (schema, _) = read_schema(json!({"type": "integer", "default": "3600"}));
        assert_eq!(schema["default"], json!(3600));
        let (schema, _) = read_schema(json!({"type": "string", "default": 3600}));
        assert_eq!(schema["default"], json!("3600"));
        let (schema, _) = read_schema(json!({"type": "number", "default": "1e-08"}));
        assert_eq!(schema["default"], json!(1e-8));
    }

    #[test]
    fn defaults_that_do_not_fit_are_left_out() {
        for schema in [
            json!({"type": "integer", "default": null}),
            json!({"type": "boolean", "default": "maybe"}),
            json!({"type": "string", "enum": ["a", "b"], "default": "c"}),
            json!({"type": "integer", "minimum": 1, "default": 0}),
            json!({"type": "array", "items": {}, "default": {}}),
        ] {
            let (read, said) = read_schema(schema.clone());
            assert!(read.get("default").is_none(), "{schema} gave {read}");
            assert!(
                said.iter().any(|(_, m)| m.ends_with("left out")),
                "{said:?}"
            );
        }
        let kept = json!({"type": "integer", "nullable": true, "minimum": 0, "default": null});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        let kept = json!({"type": "string", "enum": ["a", "b"], "default": "b"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn booleans_in_a_string_enum_are_text() {
        let (schema, said) = read_schema(json!({"type": "string", "enum": [true, "local", "off"]}));
        assert_eq!(schema["enum"], json!(["true", "local", "off"]));
        assert_eq!(said[0].0, "/S/enum/0");
    }

    #[test]
    fn enum_values_with_one_rust_name_make_a_string() {
        let (schema, said) =
            read_schema(json!({"type": "string", "enum": ["ASC", "DESC", "asc", "desc"]}));
        assert_eq!(schema, json!({"type": "string"}));
        assert_eq!(said[0].0, "/S/enum");
        assert!(said[0].1.contains("\"ASC\" and \"asc\""), "{said:?}");
        let (schema, _) =
            read_schema(json!({"type": "string", "enum": ["reactions-+1", "reactions--1"]}));
        assert_eq!(schema, json!({"type": "string"}));
        // typify tells these apart: `created` and `Xcreated` on its second try.
        for kept in [
            json!({"type": "string", "enum": ["created", "-created"]}),
            json!({"type": "string", "enum": ["+1", "-1"]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }
}
