//! Readings of one schema: constructs that typify (progenitor's type
//! generator) or openapiv3 refuse, panic on, or turn into a type no value
//! decodes into, though the spec's meaning is plain. The walk applies them
//! to every schema after the readings of 3.1 ([`apply_readings`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::Readings;
use crate::names::{rust_parameter_name, variant_name};
use crate::spec::pointer::{escape, unescape};

/// Applies the readings to one schema, `map`, at `pointer`, each said in
/// `readings`.
pub(super) fn apply_readings(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    annotation_members(map, pointer, readings);
    unions_in_merged_unions(map, readings);
    alternatives_of_no_value(map, readings);
    flags_without_bounds(map, pointer, readings);
    empty_lists_of_schemas(map, pointer, shapes, readings);
    open_bag_merged(map, pointer, &shapes.merged, readings);
    any_of_beside_its_one_of(map, pointer, readings);
    members_beside_merged_alternatives(map, pointer, readings);
    shared_values_of_merged_alternatives(map, pointer, readings);
    required_beside_merged_alternatives(map, pointer, readings);
    required_alternatives(map, pointer, readings);
    required_beside_alternatives(map, pointer, readings);
    required_combination(map, pointer, readings);
    closed_parts_of_all_of(map, pointer, readings);
    closed_beside_parts(map, pointer, readings);
    closed_component_extended(map, pointer, &shapes.extended, readings);
    typed_bag_overlaid(map, pointer, &shapes.overlaid, readings);
    typed_map_merged(map, pointer, &shapes.merged_beside, readings);
    typed_map_beside_parts(map, pointer, shapes, readings);
    numbers_of_all_of(map, pointer, readings);
    members_typed_apart(map, pointer, shapes, readings);
    string_or_enum(map, pointer, readings);
    enum_beside_a_reference(map, pointer, readings);
    enums_extended(map, pointer, &shapes.enums, readings);
    bounds_beside_an_enum_reference(map, pointer, &shapes.enums, readings);
    // Before the defaults: an `anyOf` read as a `oneOf` takes a default
    // typify's struct of alternatives would refuse.
    enum_alternatives_with_one_rust_name(map, pointer, readings);
    alternatives_of_one_type(map, pointer, readings);
    any_of_values(map, pointer, &shapes.values, readings);
    default_beside_alternatives(map, pointer, readings);
    default_beside_nested_alternatives(map, pointer, readings);
    null_default_as_text(map, pointer, readings);
    default_of_a_reference(map, pointer, shapes, readings);
    enum_without_a_type(map, pointer, readings);
    format_without_a_type(map, pointer, readings);
    bounds_without_a_type(map, pointer, readings);
    list_keywords_beside_properties(map, pointer, readings);
    list_keywords_beside_alternatives(map, pointer, readings);
    // With a `type` or without (xero's `Folder` has none).
    required_with_a_property_name(map, pointer, readings);
    pattern_beside_listed_values(map, pointer, readings);
    let kind = map.get("type").and_then(Value::as_str).map(str::to_owned);
    let Some(kind) = kind else {
        default_of_an_object_without_a_type(map, pointer, readings);
        return;
    };
    meaningless_format(map, pointer, &kind, readings);
    keywords_of_other_types(map, pointer, &kind, readings);
    properties_with_one_rust_name(map, pointer, readings);
    if kind == "string" {
        string_enum(map, pointer, readings);
        lengths_beside_an_enum(map, pointer, readings);
        // typify checks it (`len < 0`), which rustc warns is always false.
        if map.get("minLength").and_then(Value::as_u64) == Some(0) {
            map.remove("minLength");
            readings.warn(
                &format!("{pointer}/minLength"),
                "`minLength: 0` admits every string: left out".to_owned(),
            );
        }
        pattern_with_inline_flags(map, pointer, readings);
        pattern_ecmascript_refuses(map, pointer, readings);
    }
    if kind == "array" {
        enum_of_the_items(map, pointer, readings);
    }
    enum_values(map, pointer, &kind, readings);
    default(map, pointer, &kind, readings);
}

/// Reads an empty `oneOf` or `anyOf` beside a discriminator's `mapping` as
/// the alternatives the mapping names (cohere's `TruncationStrategy`, as
/// Fern writes it) that are components, and leaves out any other empty
/// `oneOf`, `anyOf` or `allOf` (nango's `paginate: {anyOf: []}`; cohere's
/// mapping names components the spec does not have): JSON Schema requires
/// at least one schema, and typify made a type no value has of it.
fn empty_lists_of_schemas(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    for keyword in ["oneOf", "anyOf", "allOf"] {
        if !map
            .get(keyword)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            continue;
        }
        let mapped: Vec<Value> = map
            .get("discriminator")
            .and_then(|discriminator| discriminator.get("mapping"))
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(Map::values)
            .filter_map(Value::as_str)
            .filter(|target| {
                target
                    .strip_prefix("#/components/schemas/")
                    .is_some_and(|name| shapes.is_component(&unescape(name)))
            })
            .map(|target| serde_json::json!({ "$ref": target }))
            .collect();
        let at = format!("{pointer}/{keyword}");
        if keyword != "allOf" && !mapped.is_empty() {
            readings.warn(
                &at,
                format!(
                    "an empty `{keyword}` beside a discriminator's `mapping` is read as the {} \
                     alternatives the mapping names",
                    mapped.len()
                ),
            );
            map.insert(keyword.to_owned(), Value::Array(mapped));
        } else {
            map.remove(keyword);
            readings.warn(
                &at,
                format!("an empty `{keyword}` says nothing of the value: left out"),
            );
        }
    }
}

/// Leaves out `exclusiveMinimum: true` without a `minimum` (and the same
/// for the maximum): OpenAPI 3.0's flag qualifies a bound, and with none
/// it says nothing. openapiv3 refused the whole spec over one.
fn flags_without_bounds(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if map.get(flag) == Some(&Value::Bool(true)) && !map.contains_key(bound) {
            map.remove(flag);
            readings.warn(
                &format!("{pointer}/{flag}"),
                format!("`{flag}: true` without `{bound}` excludes no bound: left out"),
            );
        }
    }
}

/// Reads a `type` that is none of JSON Schema's: `file` (Swagger 2's, in
/// dawarich's multipart upload) as a binary string; a type name with other
/// case or trailing punctuation (shipengine's `type: string,`), or another
/// language's name for it (`int`, `double`, `bool`), as that type; any
/// other (azuracast's `type: '{}'`) is left out, so the schema takes any
/// value. openapiv3 refused the whole spec over one.
pub(super) fn unknown_type(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    const TYPES: [&str; 7] = [
        "string", "number", "integer", "boolean", "array", "object", "null",
    ];
    let written = match map.get("type") {
        None | Some(Value::Array(_)) => return,
        Some(Value::String(kind)) if TYPES.contains(&kind.as_str()) => return,
        Some(written) => written.clone(),
    };
    let at = format!("{pointer}/type");
    let text = written.as_str().unwrap_or_default();
    let plain = text
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .to_ascii_lowercase();
    // The names of other languages' types, as hand-written specs use them.
    let plain = match plain.as_str() {
        "int" | "long" => "integer".to_owned(),
        "float" | "double" => "number".to_owned(),
        "bool" => "boolean".to_owned(),
        _ => plain,
    };
    if plain == "file" {
        map.insert("type".to_owned(), Value::String("string".to_owned()));
        map.entry("format")
            .or_insert_with(|| Value::String("binary".to_owned()));
        readings.warn(
            &at,
            "`type: file` (Swagger 2's) is read as `type: string, format: binary`".to_owned(),
        );
    } else if TYPES.contains(&plain.as_str()) && plain != "null" {
        readings.warn(&at, format!("`type: {text}` is read as `type: {plain}`"));
        map.insert("type".to_owned(), Value::String(plain));
    } else {
        map.remove("type");
        readings.warn(
            &at,
            format!(
                "`type: {written}` is none of JSON Schema's types: left out, so the schema \
                 takes any value"
            ),
        );
    }
}

/// Moves the `enum` of a list whose values are its items' (wordnik's
/// `sourceDictionaries`, `{type: array, items: {type: string}, enum: [all,
/// ahd-5, …]}`, as Swagger 2 converters write a list of listed values) to
/// its items, when they have none and the values are of their type: the
/// values were left out as not lists, and the items any string.
fn enum_of_the_items(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    let kinds: BTreeSet<&str> = values
        .iter()
        .map(|value| match json_type(value) {
            kind @ ("string" | "boolean" | "integer" | "number") => kind,
            _ => "",
        })
        .collect();
    let Some(Value::Object(items)) = map.get("items") else {
        return;
    };
    let kind = match items.get("type").and_then(Value::as_str) {
        Some(kind) => values
            .iter()
            .all(|value| fits_type(kind, value))
            .then_some(kind),
        None if items.is_empty() && kinds.len() == 1 => kinds.first().copied(),
        None => None,
    };
    let Some(kind) = kind.filter(|kind| !kind.is_empty()) else {
        return;
    };
    if items.contains_key("enum") || items.contains_key("$ref") {
        return;
    }
    let kind = kind.to_owned();
    let Some(values) = map.remove("enum") else {
        return;
    };
    readings.warn(
        &format!("{pointer}/enum"),
        "the `enum` of a list, of values of its items' type: read as the `enum` of its items"
            .to_owned(),
    );
    if let Some(Value::Object(items)) = map.get_mut("items") {
        let string = kind == "string";
        items.insert("type".to_owned(), Value::String(kind));
        items.insert("enum".to_owned(), values);
        // The items were read before their list: the values they take now
        // are read as theirs would have been (vapi's punctuation marks,
        // whose enum the items had, and lost as one Rust name).
        if string {
            string_enum(items, pointer, readings);
        }
    }
}

/// Leaves out a `pattern` with an inline flag group (`(?i)^[0-9a-f]{8}$`),
/// which is not ECMAScript: regress, which the generated code checks
/// patterns with, refuses it, and typify with it. The client then accepts
/// every string, as the server still checks.
fn pattern_with_inline_flags(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(pattern) = map.get("pattern").and_then(Value::as_str) else {
        return;
    };
    if !has_inline_flags(pattern) {
        return;
    }
    readings.warn(
        &format!("{pointer}/pattern"),
        format!(
            "`pattern` `{pattern}` sets flags inline (`(?i)`), which ECMAScript patterns cannot: \
             left out"
        ),
    );
    map.remove("pattern");
}

/// Leaves out a `pattern` that a value the schema lists, in its `enum` or
/// in that of an alternative written in place, does not match (vapi's
/// `role`, `pattern: ORG_ROLE_OR_CUSTOM_ROLE_PATTERN`, the name of a
/// constant, beside `oneOf: [{enum: [admin, editor, viewer]}, {pattern:
/// ^org-…}]`): typify checks the pattern in every alternative, and an enum
/// whose values all fail it has no value. The values say what is sent.
fn pattern_beside_listed_values(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(pattern) = map.get("pattern").and_then(Value::as_str) else {
        return;
    };
    let Ok(regex) = regress::Regex::new(pattern) else {
        return;
    };
    let alternatives = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|keyword| map.get(*keyword)?.as_array())
        .flatten();
    let own = map
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let theirs = alternatives
        .filter_map(|schema| schema.get("enum")?.as_array())
        .flatten();
    let listed = own
        .chain(theirs)
        .filter_map(Value::as_str)
        .find(|value| regex.find(value).is_none())
        .map(str::to_owned);
    let Some(value) = listed else {
        return;
    };
    readings.warn(
        &format!("{pointer}/pattern"),
        format!("`pattern` `{pattern}` does not match the listed value \"{value}\": left out"),
    );
    map.remove("pattern");
}

/// Reads a `pattern` that regress (ECMAScript's syntax, which typify and
/// the generated code check patterns with) refuses: Python's named groups,
/// `(?P<name>…)` and `(?P=name)`, which pydantic writes (infinity's data
/// URLs), as ECMAScript's `(?<name>…)` and `\k<name>`; any other such
/// pattern is left out. typify refused the property, and the ladder made
/// it any JSON value; the client then accepts every string, as the server
/// still checks.
fn pattern_ecmascript_refuses(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(pattern) = map.get("pattern").and_then(Value::as_str) else {
        return;
    };
    if regress::Regex::new(pattern).is_ok() {
        return;
    }
    let at = format!("{pointer}/pattern");
    let ecmascript = python_groups(pattern);
    if ecmascript != pattern && regress::Regex::new(&ecmascript).is_ok() {
        readings.warn(
            &at,
            format!(
                "`pattern` `{pattern}` names groups as Python does: read as ECMAScript's \
                 `{ecmascript}`"
            ),
        );
        map.insert("pattern".to_owned(), Value::String(ecmascript));
        return;
    }
    readings.warn(
        &at,
        format!("`pattern` `{pattern}` is not an ECMAScript pattern regress reads: left out"),
    );
    map.remove("pattern");
}

/// `pattern` with Python's `(?P<name>` and `(?P=name)` written as
/// ECMAScript's `(?<name>` and `\k<name>`, outside escapes.
fn python_groups(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let escaped: String = rest.chars().take(2).collect();
            out.push_str(&escaped);
            rest = &rest[escaped.len()..];
        } else if let Some(after) = rest.strip_prefix("(?P<") {
            out.push_str("(?<");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("(?P=")
            && let Some((name, tail)) = after.split_once(')')
        {
            out.push_str(&format!("\\k<{name}>"));
            rest = tail;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether `pattern` holds a group of inline flags, `(?i)` or `(?i:…)`,
/// unescaped (`(?:`, `(?=`, `(?!` and `(?<` are ECMAScript's own).
fn has_inline_flags(pattern: &str) -> bool {
    let mut escaped = false;
    let chars: Vec<char> = pattern.chars().collect();
    for (index, c) in chars.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '(' if chars.get(index + 1) == Some(&'?') => {
                let flags: String = chars[index + 2..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic() || **c == '-')
                    .collect();
                let after = chars.get(index + 2 + flags.chars().count());
                if !flags.is_empty() && matches!(after, Some(')' | ':')) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// An integer's bounds as openapiv3 takes them: whole numbers within
/// i64. A bound at or beyond the range of the integer's format (as
/// `-9223372036854776000`, i64's limit printed by a float formatter) is
/// that range.
pub(super) fn integer_bounds(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let unsigned = map.get("format").and_then(Value::as_str) == Some("uint64");
    for (keyword, rounded) in [
        ("minimum", f64::ceil as fn(f64) -> f64),
        ("maximum", f64::floor),
        ("multipleOf", f64::round),
    ] {
        let Some(Value::Number(written)) = map.get(keyword) else {
            continue;
        };
        if written.is_i64() {
            continue;
        }
        let written = written.clone();
        let bound_pointer = format!("{pointer}/{keyword}");
        let value = written.as_f64().unwrap_or_default();
        let reading = if keyword != "multipleOf" && value >= i64::MAX as f64 {
            if unsigned || value >= u64::MAX as f64 || keyword == "minimum" {
                // Beyond what openapiv3 holds (an i64) or beyond the
                // type itself: the type's own range says it.
                None
            } else {
                Some(i64::MAX)
            }
        } else if keyword != "multipleOf" && value <= i64::MIN as f64 {
            Some(i64::MIN)
        } else {
            let whole = rounded(value);
            // A bound of 0 is one (FastAPI writes `exclusiveMinimum: 0.0`,
            // read as `minimum: 0.0` and exclusive); a multiple of 0 is none.
            (whole.abs() < i64::MAX as f64 && (whole != 0.0 || keyword != "multipleOf"))
                .then_some(whole as i64)
        };
        let exclusive = match keyword {
            "minimum" => Some("exclusiveMinimum"),
            "maximum" => Some("exclusiveMaximum"),
            _ => None,
        };
        match reading {
            Some(reading) => {
                map.insert(keyword.to_owned(), Value::Number(reading.into()));
                // Past a bound that is not whole, the nearest integer
                // inside it is the bound itself: `> 0.5` is `>= 1`.
                if value.fract() != 0.0
                    && let Some(exclusive) = exclusive
                {
                    map.remove(exclusive);
                }
                readings.warn(
                    &bound_pointer,
                    format!("integer `{keyword}: {written}` is read as `{keyword}: {reading}`"),
                );
            }
            None => {
                map.remove(keyword);
                // Nothing left to exclude.
                if let Some(exclusive) = exclusive {
                    map.remove(exclusive);
                }
                let range = if unsigned { "u64" } else { "i64" };
                readings.warn(
                    &bound_pointer,
                    format!(
                        "integer `{keyword}: {written}` is at or beyond the {range} range: \
                         left out, the type's range bounds it"
                    ),
                );
            }
        }
    }
}

/// Leaves out `default: "null"`, the text, on a nullable schema that is not
/// a string: utoipa writes a Rust `Option`'s default so (Hugging Face's
/// text generation server: `details`, `allOf: [{$ref: StreamDetails}],
/// nullable: true, default: "null"`). typify checked the text against the
/// object and refused it, and the component was any JSON value; no
/// default is what null means for an optional member.
fn null_default_as_text(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let text_null = map.get("default").and_then(Value::as_str) == Some("null");
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    if !text_null || !nullable || map.get("type").and_then(Value::as_str) == Some("string") {
        return;
    }
    map.remove("default");
    readings.warn(
        &format!("{pointer}/default"),
        "`default: \"null\"`, text, on a nullable schema that is not a string, means null: \
         left out, as an absent member is null"
            .to_owned(),
    );
}

/// Leaves out an object or list `default` beside a `$ref` (`allOf:
/// [{$ref}]`): typify checks it against the referenced type and refuses the
/// whole spec when it does not fit, which the generator cannot check first.
fn default_of_a_reference(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    let unions = &shapes.unions;
    let composite = map
        .get("default")
        .is_some_and(|value| value.is_object() || value.is_array());
    let references: Vec<String> = map
        .get("$ref")
        .into_iter()
        .chain(
            map.get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .filter_map(|member| member.as_str().or_else(|| member.get("$ref")?.as_str()))
        .map(str::to_owned)
        .collect();
    let referenced = !references.is_empty();
    // typify makes an `anyOf` of several a struct of optional members,
    // which only an object default can fit: the schema's own, or the
    // referenced component's.
    let union = references.iter().find_map(|target| {
        let name = unescape(target.strip_prefix("#/components/schemas/")?);
        unions.contains(&name).then_some(name)
    });
    let several_any = map
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|members| members.len() > 1);
    let of_an_any_of = match union {
        Some(union) => Some(format!("beside a `$ref` to `{union}`, an `anyOf`,")),
        None => several_any.then(|| "of an `anyOf`".to_owned()),
    };
    if let Some(of_an_any_of) = of_an_any_of
        && let Some(value) = map
            .get("default")
            .filter(|value| !value.is_object())
            .cloned()
    {
        map.remove("default");
        readings.warn(
            &format!("{pointer}/default"),
            format!(
                "`default: {value}` {of_an_any_of} is left out: typify reads an `anyOf` as an \
                 object of its alternatives, which the value does not fit"
            ),
        );
        return;
    }
    // A default of another JSON type than the referenced scalar's
    // (Elasticsearch's `precision: {default: "7", allOf: [{$ref:
    // GeoTilePrecision}]}`, a number): read as that type where the text is
    // one, else left out; typify refused the property.
    let scalar = references.iter().find_map(|target| {
        let name = unescape(target.strip_prefix("#/components/schemas/")?);
        shapes.scalars.get(&name).map(|kinds| (name, kinds))
    });
    if let Some((name, kinds)) = scalar
        && let Some(written) = map.get("default").filter(|value| !value.is_null()).cloned()
        && !kinds
            .iter()
            .any(|kind| kind != OTHER && fits_type(kind, &written))
    {
        let at = format!("{pointer}/default");
        let read = kinds
            .iter()
            .filter(|kind| *kind != OTHER)
            .find_map(|kind| read_as(kind, &written));
        match read {
            // What another alternative may take is typify's to judge.
            None if kinds.iter().any(|kind| kind == OTHER) => {}
            Some(read) => {
                readings.warn(
                    &at,
                    format!("`default: {written}` beside a `$ref` to `{name}` is read as `{read}`"),
                );
                map.insert("default".to_owned(), read);
            }
            None => {
                map.remove("default");
                readings.warn(
                    &at,
                    format!(
                        "`default: {written}` beside a `$ref` to `{name}` is not of its type: \
                         left out"
                    ),
                );
                return;
            }
        }
    }
    // A value the referenced component's `enum` does not list (Hugging
    // Face TEI's `truncation_direction: {allOf: [{$ref:
    // TruncationDirection}], default: right}` of `Left` and `Right`;
    // drf-spectacular's `default: ""`): typify refused the property.
    let unlisted = references.iter().find_map(|target| {
        let name = unescape(target.strip_prefix("#/components/schemas/")?);
        let listed = shapes.enums.get(&name)?;
        let default = map.get("default").filter(|value| !value.is_null())?;
        (!listed.contains(default)).then_some(name)
    });
    if let Some(name) = unlisted
        && let Some(value) = map.remove("default")
    {
        readings.warn(
            &format!("{pointer}/default"),
            format!(
                "`default: {value}` beside a `$ref` to `{name}` is not one of the values its \
                 `enum` lists: left out"
            ),
        );
        return;
    }
    // Text or a number beside a `$ref` to an object (Elasticsearch's SQL
    // `filter: {default: none, allOf: [{$ref: QueryContainer}]}`), or to a
    // union of objects (trieve's `tokenizer: {default: Word, allOf: [{$ref:
    // TokenizerType}]}`): no object, and typify refused the body.
    let object = references.iter().find_map(|target| {
        let name = unescape(target.strip_prefix("#/components/schemas/")?);
        if shapes.objects.contains(&name) {
            Some((name, "an object"))
        } else {
            shapes
                .object_unions
                .contains(&name)
                .then_some((name, "a union of objects"))
        }
    });
    if let Some((name, what)) = object
        && let Some(value) = map
            .get("default")
            .filter(|value| !value.is_object() && !value.is_null())
            .cloned()
    {
        map.remove("default");
        readings.warn(
            &format!("{pointer}/default"),
            format!(
                "`default: {value}` beside a `$ref` to `{name}` ({what}) is not an object: \
                 left out"
            ),
        );
        return;
    }
    if composite && referenced {
        map.remove("default");
        readings.warn(
            &format!("{pointer}/default"),
            "a `default` object or list beside a `$ref` is left out: typify checks it against \
             the referenced type, and refuses the spec when it does not fit"
                .to_owned(),
        );
    }
}

/// Reads an `anyOf` of a plain string and string `enum`s (OpenAI's
/// `anyOf: [{type: string}, {type: string, enum: [alloy, ash]}]`: the values
/// listed, or any other) as one string `enum` of those values, which the
/// generated client keeps open (an unlisted value decodes too). typify
/// would make a struct of the two, which no string decodes into.
fn string_or_enum(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(values) = map
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|members| open_enum_values(members))
    else {
        return;
    };
    let nullable = map
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|member| member.get("nullable") == Some(&Value::Bool(true)));
    map.remove("anyOf");
    map.insert("type".to_owned(), Value::from("string"));
    map.insert("enum".to_owned(), Value::Array(values));
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    readings.warn(
        &format!("{pointer}/anyOf"),
        "an `anyOf` of a string and a string `enum` is read as the `enum`, which the client \
         keeps open: a value it does not list decodes too, kept as sent"
            .to_owned(),
    );
}

/// The values of `members` when they are string `enum`s and at least one
/// plain string (with no more than annotations), all inline.
fn open_enum_values(members: &[Value]) -> Option<Vec<Value>> {
    const ANNOTATIONS: [&str; 6] = [
        "description",
        "title",
        "example",
        "deprecated",
        "nullable",
        "x-stainless-const",
    ];
    let mut values = Vec::new();
    let mut plain = false;
    for member in members {
        let member = member.as_object()?;
        if member.get("type").and_then(Value::as_str) != Some("string") {
            return None;
        }
        let others = member
            .keys()
            .filter(|k| *k != "type" && *k != "enum" && !ANNOTATIONS.contains(&k.as_str()));
        if others.count() > 0 {
            return None;
        }
        match member.get("enum") {
            Some(Value::Array(listed)) => {
                for value in listed {
                    if !value.is_string() {
                        return None;
                    }
                    if !values.contains(value) {
                        values.push(value.clone());
                    }
                }
            }
            Some(_) => return None,
            None => plain = true,
        }
    }
    (plain && !values.is_empty()).then_some(values)
}

/// Leaves out the `allOf` of `$ref`s beside an `enum` (`{type: integer,
/// enum: [1], allOf: [{$ref: ComponentTypes}]}`, a tag narrowed to one value
/// of a referenced enum): the `enum` says which values are valid, and typify
/// panics checking them against a reference.
fn enum_beside_a_reference(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(members)) = map.get("allOf") else {
        return;
    };
    let only_references = !members.is_empty() && members.iter().all(|m| m.get("$ref").is_some());
    if !map.contains_key("enum") || !only_references {
        return;
    }
    let targets: Vec<&str> = members
        .iter()
        .filter_map(|m| m.get("$ref").and_then(Value::as_str))
        .collect();
    let message = format!(
        "an `enum` beside `allOf: [{{$ref: {}}}]` narrows the referenced type to its values: \
         read as the `enum` alone (typify cannot check the values against a reference)",
        targets.join("}, {$ref: ")
    );
    map.remove("allOf");
    readings.warn(&format!("{pointer}/allOf"), message);
}

/// The shapes of the components that the readings of one schema depend on
/// when it refers to them.
#[derive(Default)]
pub(super) struct ComponentShapes {
    /// The components typify reads as an object of alternatives (an `anyOf`
    /// of several), by name.
    unions: BTreeSet<String>,
    /// The components that decode from a value that is not an object (a
    /// string, a list, a union with such an alternative), by name.
    values: BTreeSet<String>,
    /// The components an `allOf` merges, by name.
    merged: BTreeSet<String>,
    /// The components an `allOf` merges beside other members, by name.
    extended: BTreeSet<String>,
    /// For a component an `allOf` merges, each of its members that another
    /// part of the merge describes too, with the JSON types of the members
    /// that part gives it (`None` where it does not say).
    overlaid: Overlaid,
    /// The values of each component that lists them in an `enum`, by name.
    enums: BTreeMap<String, Vec<Value>>,
    /// The scalar types of each component that is a scalar, or a `oneOf` or
    /// `anyOf` of scalars written in place, by name.
    scalars: BTreeMap<String, Vec<String>>,
    /// The components that are objects (`type: object`, or `properties`
    /// without a `type`), by name.
    objects: BTreeSet<String>,
    /// The components without a `type` that are a `oneOf` or `anyOf` of
    /// objects only, written in place or [`objects`](Self::objects), by
    /// name.
    object_unions: BTreeSet<String>,
    /// The schema of each component an `allOf` merges through a `$ref` that
    /// has `properties`, as written, by name.
    merged_schemas: BTreeMap<String, Map<String, Value>>,
    /// For each component an `allOf` merges, the JSON types of the members
    /// its other parts, or the merging schema itself, give (where they say).
    merged_beside: BTreeMap<String, BTreeSet<String>>,
    /// The JSON type of each component's own members (where the member
    /// says), by component and member name; every component has an entry.
    member_types: BTreeMap<String, BTreeMap<String, String>>,
}

/// Component → member → the types of the members another part of a merge
/// gives that member.
type Overlaid = BTreeMap<String, BTreeMap<String, Vec<Option<String>>>>;

impl ComponentShapes {
    /// Whether the document has a component schema of that name.
    fn is_component(&self, name: &str) -> bool {
        self.member_types.contains_key(name)
    }

    /// The shapes of the components of `root`, as written before the
    /// readings of their schemas.
    pub(super) fn of(root: &Map<String, Value>) -> ComponentShapes {
        let (merged, extended) = merged_components(root);
        let objects = component_objects(root);
        ComponentShapes {
            unions: component_unions(root),
            values: component_values(root),
            extended,
            overlaid: overlaid_members(root),
            merged_beside: members_merged_beside(root),
            member_types: component_schemas(root)
                .map(|(name, schema)| (name.clone(), member_types(schema).collect()))
                .collect(),
            enums: component_enums(root),
            scalars: component_scalars(root),
            object_unions: component_object_unions(root, &objects),
            objects,
            merged_schemas: component_schemas(root)
                .filter(|(name, _)| merged.contains(*name))
                .filter_map(|(name, schema)| {
                    let schema = schema.as_object()?;
                    schema
                        .contains_key("properties")
                        .then(|| (name.clone(), schema.clone()))
                })
                .collect(),
            merged,
        }
    }
}

/// The components of `root`, by name.
fn component_schemas(root: &Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    root.get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

/// The components that are objects ([`ComponentShapes::objects`]).
///
/// Without a `type`, an `allOf` with a part that is an object is one too
/// (Elasticsearch's `DataframeEvaluationSummaryAucRoc` merges a `$ref` to
/// an object and its own `curve`), through as many steps of such merges as
/// [`MAX_REFERENCE_CHAIN`].
fn component_objects(root: &Map<String, Value>) -> BTreeSet<String> {
    let mut objects: BTreeSet<String> = component_schemas(root)
        .filter(|(_, schema)| is_object(schema))
        .map(|(name, _)| name.clone())
        .collect();
    let merges: Vec<(&String, &Vec<Value>)> = component_schemas(root)
        .filter(|(_, schema)| schema.get("type").is_none())
        .filter_map(|(name, schema)| Some((name, schema.get("allOf")?.as_array()?)))
        .collect();
    for _ in 0..MAX_REFERENCE_CHAIN {
        let found: Vec<String> = merges
            .iter()
            .filter(|(name, _)| !objects.contains(*name))
            .filter(|(_, parts)| {
                parts.iter().any(|part| {
                    is_object(part)
                        || merged_by(std::slice::from_ref(part))
                            .iter()
                            .any(|name| objects.contains(name))
                })
            })
            .map(|(name, _)| (*name).clone())
            .collect();
        if found.is_empty() {
            break;
        }
        objects.extend(found);
    }
    objects
}

/// Whether `schema` says it is an object: `type: object`, or `properties`
/// without a `type`.
fn is_object(schema: &Value) -> bool {
    match schema.get("type") {
        Some(kind) => kind == "object",
        None => schema.get("properties").is_some(),
    }
}

/// The components that are unions of objects
/// ([`ComponentShapes::object_unions`]).
fn component_object_unions(
    root: &Map<String, Value>,
    objects: &BTreeSet<String>,
) -> BTreeSet<String> {
    let object = |schema: &Value| match schema.get("$ref").and_then(Value::as_str) {
        Some(target) => target
            .strip_prefix("#/components/schemas/")
            .is_some_and(|name| objects.contains(&unescape(name))),
        None => is_object(schema),
    };
    component_schemas(root)
        .filter(|(_, schema)| schema.get("type").is_none())
        .filter(|(_, schema)| {
            ["oneOf", "anyOf"].iter().any(|keyword| {
                schema
                    .get(*keyword)
                    .and_then(Value::as_array)
                    .is_some_and(|alternatives| {
                        !alternatives.is_empty() && alternatives.iter().all(object)
                    })
            })
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// In [`ComponentShapes::scalars`], an alternative that is not a scalar.
const OTHER: &str = "*";

/// The scalar types each scalar component takes ([`ComponentShapes::scalars`]).
fn component_scalars(root: &Map<String, Value>) -> BTreeMap<String, Vec<String>> {
    let scalar = |schema: &Value| {
        schema
            .get("type")
            .and_then(Value::as_str)
            .filter(|kind| matches!(*kind, "string" | "integer" | "number" | "boolean"))
            .map(str::to_owned)
    };
    component_schemas(root)
        .filter_map(|(name, schema)| {
            // An alternative that is not a scalar in place (a `$ref`, an
            // object) is `OTHER`: it may take what the scalars do not.
            let kinds: Vec<String> = match alternatives_of(schema.as_object()?) {
                Some((_, alternatives)) => alternatives
                    .iter()
                    .map(|alternative| scalar(alternative).unwrap_or_else(|| OTHER.to_owned()))
                    .collect(),
                None => vec![scalar(schema)?],
            };
            kinds
                .iter()
                .any(|kind| kind != OTHER)
                .then(|| (name.clone(), kinds))
        })
        .collect()
}

/// The `enum` of each component that has one, as written.
fn component_enums(root: &Map<String, Value>) -> BTreeMap<String, Vec<Value>> {
    component_schemas(root)
        .filter_map(|(name, schema)| {
            let values = schema.get("enum")?.as_array()?;
            Some((name.clone(), values.clone()))
        })
        .collect()
}

/// The components that decode from a value that is not an object: a scalar
/// or list `type`, an `enum` of such values, an `allOf` of one such
/// component, or an `anyOf`/`oneOf` with such an alternative (which the
/// readings make a `oneOf`, whose first alternative that decodes is taken).
/// Written before the readings, so a 3.1 type list counts too.
fn component_values(root: &Map<String, Value>) -> BTreeSet<String> {
    let Some(schemas) = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object)
    else {
        return BTreeSet::new();
    };
    let mut values = BTreeSet::new();
    // A component is a value through those it refers to: a round more for
    // each step of such a chain, as long as one is added.
    for _ in 0..schemas.len().min(MAX_REFERENCE_CHAIN) {
        let before = values.len();
        for (name, schema) in schemas {
            if !values.contains(name) && is_a_value(schema, &values) {
                values.insert(name.clone());
            }
        }
        if values.len() == before {
            break;
        }
    }
    values
}

/// How many `$ref`s deep [`component_values`] follows a chain of components.
const MAX_REFERENCE_CHAIN: usize = 16;

fn is_a_value(schema: &Value, values: &BTreeSet<String>) -> bool {
    const VALUE_TYPES: [&str; 5] = ["string", "integer", "number", "boolean", "array"];
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        return target
            .strip_prefix("#/components/schemas/")
            .is_some_and(|name| values.contains(&unescape(name)));
    }
    match schema.get("type") {
        Some(Value::String(kind)) => return VALUE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => {
            return kinds
                .iter()
                .any(|kind| kind.as_str().is_some_and(|k| VALUE_TYPES.contains(&k)));
        }
        _ => {}
    }
    if schema.get("properties").is_some() {
        return false;
    }
    if let Some(Value::Array(listed)) = schema.get("enum") {
        return listed
            .iter()
            .any(|value| !value.is_object() && !value.is_null());
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        return parts.len() == 1 && is_a_value(&parts[0], values);
    }
    ["anyOf", "oneOf"].into_iter().any(|keyword| {
        schema
            .get(keyword)
            .and_then(Value::as_array)
            .is_some_and(|alternatives| alternatives.iter().any(|a| is_a_value(a, values)))
    })
}

/// The components typify reads as an object of alternatives: an `anyOf` of
/// several members that are not `null`.
fn component_unions(root: &Map<String, Value>) -> BTreeSet<String> {
    let schemas = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object);
    schemas
        .into_iter()
        .flatten()
        .filter(|(_, schema)| {
            let members = schema.get("anyOf").and_then(Value::as_array);
            // Read as one open `enum` (`string_or_enum`).
            if members.is_some_and(|members| open_enum_values(members).is_some()) {
                return false;
            }
            let alternatives = members.into_iter().flatten().filter(|member| {
                let null = |kind: &Value| kind.as_str() == Some("null");
                !member.get("type").is_some_and(null)
            });
            alternatives.count() > 1
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Moves a `required` written beside a `oneOf` or `anyOf` of objects, on a
/// schema of no members of its own, into the alternatives that have those
/// members, and leaves out the names none has: gerermesaffaires' document
/// uploads, `{oneOf: [{properties: {DocumentId}}, {properties: {Title,
/// File…}}], required: [Title, File, Name, Content64Encoded]}`, where the
/// description says "either DocumentId or (File, Name…, Title)". Read
/// literally, the first alternative must hold the second's members, which
/// typify made a variant no value has: the 13 bodies were any JSON value.
fn required_beside_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    if map.contains_key("properties") || map.contains_key("allOf") {
        return;
    }
    let Some(Value::Array(required)) = map.get("required") else {
        return;
    };
    let Some((choice, alternatives)) = alternatives_of(map) else {
        return;
    };
    // Only alternatives written in place, each with members: what a `$ref`
    // describes is not in reach here.
    let members: Option<Vec<&Map<String, Value>>> = alternatives
        .iter()
        .map(|alternative| alternative.get("properties").and_then(Value::as_object))
        .collect();
    if members.is_none_or(|members| members.is_empty()) {
        return;
    }
    let names: Vec<String> = required
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    // Every name moves, one every alternative has too: each alternative's
    // sample then knows what it must hold (lob's proofs require
    // `resource_parameters`, which each alternative describes; the sample
    // was `null`). typify reads it so either way.
    if names.is_empty() {
        return;
    }
    let Some(Value::Array(alternatives)) = map.get_mut(choice) else {
        return;
    };
    let mut placed = BTreeSet::new();
    for alternative in alternatives.iter_mut().filter_map(Value::as_object_mut) {
        let has: Vec<&String> = names
            .iter()
            .filter(|name| {
                alternative
                    .get("properties")
                    .and_then(Value::as_object)
                    .is_some_and(|members| members.contains_key(*name))
            })
            .collect();
        if has.is_empty() {
            continue;
        }
        let own = alternative
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(own) = own {
            for name in has {
                if !own.iter().any(|listed| listed == name.as_str()) {
                    own.push(Value::String(name.clone()));
                }
                placed.insert(name.clone());
            }
        }
    }
    map.remove("required");
    let quoted = |names: &mut dyn Iterator<Item = &String>| -> String {
        names
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut said = format!(
        "`required` beside a `{choice}` of objects: {} read as required by the alternatives \
         that have them",
        quoted(&mut placed.iter())
    );
    let nowhere: Vec<&String> = names
        .iter()
        .filter(|name| !placed.contains(*name))
        .collect();
    if !nowhere.is_empty() {
        said.push_str(&format!(
            "; {} left out, as no alternative has them",
            quoted(&mut nowhere.into_iter())
        ));
    }
    readings.warn(&format!("{pointer}/required"), said);
}

/// Leaves out an `anyOf` beside a `oneOf` whose alternatives are all among
/// its own (ElevenLabs' speech-to-text answer: `anyOf` of three models,
/// `oneOf` of two of them): a value that is exactly one of the `oneOf`'s is
/// one of the `anyOf`'s too, so the `anyOf` adds nothing. typify asserts
/// that a schema has only one of the two, and panicked.
fn any_of_beside_its_one_of(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let (Some(Value::Array(any_of)), Some(Value::Array(one_of))) =
        (map.get("anyOf"), map.get("oneOf"))
    else {
        return;
    };
    if !one_of
        .iter()
        .all(|alternative| any_of.contains(alternative))
    {
        return;
    }
    map.remove("anyOf");
    readings.warn(
        &format!("{pointer}/anyOf"),
        "an `anyOf` beside a `oneOf` whose alternatives are all among its own adds nothing: \
         left out"
            .to_owned(),
    );
}

/// Moves the `properties` written beside a `oneOf` whose alternatives are
/// merges into each alternative (with the `required` names among them), as
/// Fern writes a union with members every variant has: langfuse's `Score`,
/// `{oneOf: [{allOf: [{properties: {dataType: {enum: [NUMERIC]}}}, {$ref:
/// NumericScore}], required: [dataType]}, …], properties: {_deprecation}}`.
/// A value of the schema is one of the alternatives with those members
/// too, which is what each alternative then says; typify made variants no
/// value has of it, and the component was any JSON value.
fn members_beside_merged_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    if map.contains_key("allOf") {
        return;
    }
    let Some(Value::Object(members)) = map.get("properties") else {
        return;
    };
    let Some(Value::Array(alternatives)) = map.get("oneOf") else {
        return;
    };
    let objects = alternatives.iter().all(|alternative| {
        alternative.is_object()
            && alternative.get("$ref").is_none()
            && alternative.get("type").is_none_or(|kind| kind == "object")
    });
    let merges = alternatives
        .iter()
        .any(|alternative| alternative.get("allOf").is_some());
    if members.is_empty() || !objects || !merges {
        return;
    }
    let Some(Value::Object(members)) = map.remove("properties") else {
        return;
    };
    let required: Vec<Value> = match map.get_mut("required") {
        Some(Value::Array(names)) => {
            let (theirs, others): (Vec<Value>, Vec<Value>) = names
                .drain(..)
                .partition(|name| name.as_str().is_some_and(|name| members.contains_key(name)));
            *names = others;
            theirs
        }
        _ => Vec::new(),
    };
    if map
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        map.remove("required");
    }
    if let Some(Value::Array(alternatives)) = map.get_mut("oneOf") {
        for alternative in alternatives.iter_mut().filter_map(Value::as_object_mut) {
            let own = alternative
                .entry("properties")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(own) = own {
                for (name, schema) in &members {
                    // The alternative's own description of a member wins.
                    own.entry(name.clone()).or_insert_with(|| schema.clone());
                }
            }
            if !required.is_empty() {
                let names = alternative
                    .entry("required")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(names) = names {
                    for name in &required {
                        if !names.contains(name) {
                            names.push(name.clone());
                        }
                    }
                }
            }
        }
    }
    let shown: Vec<String> = members.keys().map(|name| format!("`{name}`")).collect();
    readings.warn(
        &format!("{pointer}/properties"),
        format!(
            "the members {} beside a `oneOf` of merges are read as members of each of its \
             alternatives: typify would make variants no value has",
            shown.join(", ")
        ),
    );
}

/// Reads an `allOf` of `enum`s (in place or components) that share no
/// value as one `enum` of all their values: netbird's `ResourceType`,
/// `allOf: [{$ref: NetworkResourceType}, {type: string, enum: [peer]}]`,
/// which adds `peer` to `host`, `subnet` and `domain`. Read literally no
/// value is all of them, and typify made a type no value has; an `allOf`
/// of enums that share values narrows, and stays.
fn enums_extended(
    map: &mut Map<String, Value>,
    pointer: &str,
    enums: &BTreeMap<String, Vec<Value>>,
    readings: &mut Readings,
) {
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    if parts.len() < 2 || map.contains_key("enum") {
        return;
    }
    let values: Option<Vec<&Vec<Value>>> = parts
        .iter()
        .map(|part| match part.get("$ref").and_then(Value::as_str) {
            Some(target) => enums.get(&unescape(target.strip_prefix("#/components/schemas/")?)),
            None => part.get("enum")?.as_array(),
        })
        .collect();
    let Some(values) = values else {
        return;
    };
    let shared = values[0]
        .iter()
        .any(|value| values[1..].iter().all(|other| other.contains(value)));
    if shared {
        return;
    }
    let mut all: Vec<Value> = Vec::new();
    for value in values.into_iter().flatten() {
        if !all.contains(value) {
            all.push(value.clone());
        }
    }
    let kinds: BTreeSet<&str> = all.iter().filter(|v| !v.is_null()).map(json_type).collect();
    let [kind] = kinds.into_iter().collect::<Vec<_>>()[..] else {
        return;
    };
    let kind = kind.to_owned();
    map.remove("allOf");
    map.insert("type".to_owned(), Value::String(kind));
    map.insert("enum".to_owned(), Value::Array(all));
    readings.warn(
        &format!("{pointer}/allOf"),
        "an `allOf` of enums that share no value is read as one `enum` of all their values: \
         read literally, no value is all of them"
            .to_owned(),
    );
}

/// Leaves out the string bounds (`minLength`, `maxLength`, `pattern`)
/// written beside a `$ref` to a component that lists its values in an
/// `enum`: polar's `currency`, `anyOf: [{$ref: PresentmentCurrency,
/// minLength: 3, maxLength: 3}, {type: null}]`, as pydantic writes a
/// constrained enum. The values say what is sent; typify merged the
/// nullable bounds and the enum into a type no value has.
fn bounds_beside_an_enum_reference(
    map: &mut Map<String, Value>,
    pointer: &str,
    enums: &BTreeMap<String, Vec<Value>>,
    readings: &mut Readings,
) {
    let references = map.get("$ref").into_iter().chain(
        map.get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|part| part.get("$ref")),
    );
    let enumerated = references
        .filter_map(Value::as_str)
        .filter_map(|target| target.strip_prefix("#/components/schemas/"))
        .find(|name| enums.contains_key(&unescape(name)));
    let Some(name) = enumerated.map(unescape) else {
        return;
    };
    for keyword in ["minLength", "maxLength", "pattern"] {
        if map.remove(keyword).is_some() {
            readings.warn(
                &format!("{pointer}/{keyword}"),
                format!(
                    "`{keyword}` beside a `$ref` to `{name}`, whose `enum` lists the values: \
                     left out"
                ),
            );
        }
    }
}

/// The schema's `oneOf`, else its `anyOf`, with the keyword that holds it.
fn alternatives_of(map: &Map<String, Value>) -> Option<(&'static str, &Vec<Value>)> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|choice| Some((choice, map.get(choice)?.as_array()?)))
}

/// Leaves out of the alternatives of a `oneOf` or `anyOf` that is a part
/// of an `allOf` a member that another part, or the schema itself, lists
/// the same values of, as every alternative does (WorkOS's `EventSchema`:
/// `object: {const: event}` in its first part and in each of its 111
/// events). typify merges each alternative with the negation of the
/// others, which it reads member by member as "not these values": a value
/// every alternative shares left each variant none, and the component was
/// any JSON value. The member stays where the other part says it.
fn shared_values_of_merged_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    fn listed(member: &Value) -> Option<Vec<Value>> {
        match (member.get("const"), member.get("enum")) {
            (Some(value), None) => Some(vec![value.clone()]),
            (None, Some(Value::Array(values))) => Some(values.clone()),
            _ => None,
        }
    }
    fn same(ours: &[Value], theirs: &[Value]) -> bool {
        ours.len() == theirs.len() && ours.iter().all(|value| theirs.contains(value))
    }
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    // What the schema and its parts other than unions say of each member.
    let said: Vec<&Map<String, Value>> = parts
        .iter()
        .filter(|part| alternatives_of_value(part).is_none())
        .filter_map(|part| part.get("properties")?.as_object())
        .chain(map.get("properties").and_then(Value::as_object))
        .collect();
    let mut plan: Vec<(usize, &'static str, Vec<String>)> = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let Some((keyword, alternatives)) = alternatives_of_value(part) else {
            continue;
        };
        let Some(all) = alternatives
            .iter()
            .map(|alternative| alternative.get("properties")?.as_object())
            .collect::<Option<Vec<&Map<String, Value>>>>()
            .filter(|all| all.len() > 1)
        else {
            continue;
        };
        let shared: Vec<String> = all[0]
            .iter()
            .filter_map(|(name, member)| Some((name, listed(member)?)))
            .filter(|(name, values)| {
                let everywhere = |properties: &&Map<String, Value>| {
                    properties
                        .get(*name)
                        .and_then(listed)
                        .is_some_and(|theirs| same(values, &theirs))
                };
                all[1..].iter().all(everywhere) && said.iter().any(everywhere)
            })
            .map(|(name, _)| name.clone())
            .collect();
        if !shared.is_empty() {
            plan.push((index, keyword, shared));
        }
    }
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    for (index, keyword, shared) in plan {
        let alternatives = parts[index]
            .get_mut(keyword)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object_mut);
        for alternative in alternatives {
            if let Some(Value::Object(properties)) = alternative.get_mut("properties") {
                properties.retain(|name, _| !shared.contains(name));
            }
            if let Some(Value::Array(names)) = alternative.get_mut("required") {
                names.retain(|name| name.as_str().is_none_or(|n| !shared.iter().any(|s| s == n)));
            }
        }
        let names: Vec<String> = shared.iter().map(|name| format!("`{name}`")).collect();
        readings.warn(
            &format!("{pointer}/allOf/{index}/{keyword}"),
            format!(
                "{}, of the same values in every alternative of a `{keyword}` that an `allOf` \
                 merges and in another part: left out of the alternatives, as it tells none \
                 apart",
                names.join(", ")
            ),
        );
    }
}

/// Moves to a part of its own the names of a `required` beside an `allOf`
/// with a part of alternatives, when the schema's own properties do not
/// describe them (peertube's `VideoCreateImport` requires `channelId` and
/// `name` beside a `oneOf` of sources and a `$ref` to the members every
/// upload has). typify checks the schema's own `required` with its first
/// part, the alternatives, where no member of those names is described:
/// each variant had no value, and the component was any JSON value. A part
/// of its own is checked once all parts are merged.
fn required_beside_merged_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    if !parts
        .iter()
        .any(|part| alternatives_of_value(part).is_some())
    {
        return;
    }
    let own = map.get("properties").and_then(Value::as_object);
    let Some(Value::Array(required)) = map.get("required") else {
        return;
    };
    let (described, elsewhere): (Vec<Value>, Vec<Value>) =
        required.iter().cloned().partition(|name| {
            name.as_str()
                .is_some_and(|name| own.is_some_and(|own| own.contains_key(name)))
        });
    if elsewhere.is_empty() {
        return;
    }
    let names: Vec<String> = elsewhere
        .iter()
        .filter_map(Value::as_str)
        .map(|name| format!("`{name}`"))
        .collect();
    if described.is_empty() {
        map.remove("required");
    } else {
        map.insert("required".to_owned(), Value::Array(described));
    }
    let mut part = Map::new();
    part.insert("required".to_owned(), Value::Array(elsewhere));
    if let Some(Value::Array(parts)) = map.get_mut("allOf") {
        parts.push(Value::Object(part));
    }
    readings.warn(
        &format!("{pointer}/required"),
        format!(
            "{}, required beside an `allOf` with a part of alternatives and described by its \
             parts only: moved to a part of their own, checked once the parts are merged",
            names.join(", ")
        ),
    );
}

/// [`alternatives_of`] a schema that is a mapping.
fn alternatives_of_value(schema: &Value) -> Option<(&'static str, &Vec<Value>)> {
    alternatives_of(schema.as_object()?)
}

/// Leaves out an `anyOf` or `oneOf` whose alternatives only say which
/// members must be present (`anyOf: [{required: [id]}, {required:
/// [user_id]}]`), and requires the members every alternative requires. typify
/// merges each alternative with the negation of the others, which it reads
/// as "none of their members": its variants drop members the caller may
/// send together, and when the alternatives share a required member
/// (intercom's `create_data_event_request`: `event_name` in each) every
/// variant is impossible, and no value decodes. Which of the members to
/// send is then the caller's to know, as the server checks it.
fn required_alternatives(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let only_required = |alternative: &Value| {
        alternative.as_object().is_some_and(|a| {
            a.get("required").is_some_and(Value::is_array)
                && a.get("type").is_none_or(|kind| kind == "object")
                && a.keys()
                    .all(|k| matches!(k.as_str(), "required" | "type" | "title" | "description"))
        })
    };
    let Some(keyword) = ["anyOf", "oneOf"].into_iter().find(|k| {
        map.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|all| !all.is_empty() && all.iter().all(only_required))
    }) else {
        return;
    };
    let Some(Value::Array(alternatives)) = map.remove(keyword) else {
        return;
    };
    let lists: Vec<Vec<&str>> = alternatives
        .iter()
        .map(|a| {
            a.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        })
        .collect();
    let shared: Vec<&str> = lists[0]
        .iter()
        .copied()
        .filter(|name| lists.iter().all(|list| list.contains(name)))
        .collect();
    let required = map
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(required) = required {
        for name in &shared {
            if !required.iter().any(|r| r == name) {
                required.push(Value::String((*name).to_owned()));
            }
        }
    }
    if map
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        map.remove("required");
    }
    let shown: Vec<String> = lists
        .iter()
        .map(|list| {
            let names: Vec<String> = list
                .iter()
                .filter(|name| !shared.contains(name))
                .map(|name| format!("`{name}`"))
                .collect();
            match names.split_last() {
                None => "nothing more".to_owned(),
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            }
        })
        .collect();
    let always = if shared.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = shared.iter().map(|name| format!("`{name}`")).collect();
        format!(", and {} required", names.join(", "))
    };
    readings.warn(
        &format!("{pointer}/{keyword}"),
        format!(
            "`{keyword}` of alternatives that only require members ({}) is left out{always}: \
             typify would read each as forbidding the others' members; which to send is for the \
             caller to know, and for the server to check",
            shown.join("; or ")
        ),
    );
}

/// Leaves out `not: {required: [a, b]}`, which says that `a` and `b` are
/// not both present (OpenAI's `ImageRefParam`: an `image_url` or a
/// `file_id`, not both). typify reads it as forbidding each of them, and
/// with `additionalProperties: false` made a struct of no members.
///
/// The same for a `not` of an `anyOf` or `oneOf` of such clauses, which
/// says that none of their members is present (WorkOS's resources: a
/// parent by id, `not: {anyOf: [{required: [parent_resource_external_id]},
/// …]}`, the members' schemas only marks for a linter): typify panicked on
/// it, or made variants no value has.
fn required_combination(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(not) = map.get("not") else {
        return;
    };
    let mut names = Vec::new();
    if !presence_only(not, &mut names, 0) || names.is_empty() {
        return;
    }
    let together = not.get("required").is_some();
    let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    map.remove("not");
    let said = match together {
        true => format!(
            "`not: {{required: [...]}}` ({} not all together) is left out",
            names.join(", ")
        ),
        false => format!(
            "a `not` of clauses that require members ({} not present) is left out",
            names.join(", ")
        ),
    };
    readings.warn(
        &format!("{pointer}/not"),
        format!(
            "{said}: typify would read it as forbidding each of them; which to send is for the \
             caller to know, and for the server to check"
        ),
    );
}

/// Whether `schema` only says which members are present: `required`, with
/// `properties` that describe nothing (`{}`, or extensions), in `anyOf`,
/// `oneOf` or `allOf` clauses of the same; the names it requires go into
/// `names`.
fn presence_only(schema: &Value, names: &mut Vec<String>, depth: usize) -> bool {
    let Some(schema) = schema.as_object().filter(|_| depth < 8) else {
        return false;
    };
    schema.iter().all(|(key, value)| match key.as_str() {
        "required" => value.as_array().is_some_and(|required| {
            required.iter().all(|name| match name.as_str() {
                Some(name) => {
                    if !names.iter().any(|named| named == name) {
                        names.push(name.to_owned());
                    }
                    true
                }
                None => false,
            })
        }),
        "properties" => value.as_object().is_some_and(|members| {
            members.values().all(|member| {
                member
                    .as_object()
                    .is_some_and(|member| member.keys().all(|key| key.starts_with("x-")))
            })
        }),
        "anyOf" | "oneOf" | "allOf" => value.as_array().is_some_and(|clauses| {
            clauses
                .iter()
                .all(|clause| presence_only(clause, names, depth + 1))
        }),
        "title" | "description" => true,
        _ => key.starts_with("x-"),
    })
}

/// Leaves out `additionalProperties: false` on an inline part of an `allOf`
/// whose other parts describe members that part does not (linode's pages:
/// `{data}` and `{page, pages, results}`, each closed). Read literally, no
/// object has both parts' members; typify merges the parts so, and makes a
/// struct of no members that denies every member a real response has. A
/// part that is a `$ref` describes members it cannot see either.
fn closed_parts_of_all_of(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    // The members each part describes; `None` for a `$ref`, whose members
    // are not looked up here.
    let described: Vec<Option<BTreeSet<String>>> = parts
        .iter()
        .map(|part| {
            if part.get("$ref").is_some() {
                return None;
            }
            let names = part.get("properties").and_then(Value::as_object);
            Some(names.into_iter().flat_map(|p| p.keys().cloned()).collect())
        })
        .collect();
    for (index, part) in parts.iter_mut().enumerate() {
        let Value::Object(part) = part else {
            continue;
        };
        let (Some(Value::Bool(false)), Some(own)) =
            (part.get("additionalProperties"), &described[index])
        else {
            continue;
        };
        let foreign: BTreeSet<&str> = described
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .filter_map(|(_, names)| names.as_ref())
            .flatten()
            .filter(|name| !own.contains(*name))
            .map(String::as_str)
            .collect();
        let beside_a_reference = described.iter().any(Option::is_none);
        if foreign.is_empty() && !beside_a_reference {
            continue;
        }
        part.remove("additionalProperties");
        let what = if foreign.is_empty() {
            "the members of a `$ref` beside it".to_owned()
        } else {
            let names: Vec<String> = foreign.iter().map(|name| format!("`{name}`")).collect();
            format!("{}, which other parts describe", names.join(", "))
        };
        readings.warn(
            &format!("{pointer}/allOf/{index}/additionalProperties"),
            format!(
                "`additionalProperties: false` on a part of an `allOf` is left out: it would \
                 forbid {what}, so that no object fits all the parts"
            ),
        );
    }
}

/// Leaves out `additionalProperties: false` on a schema beside its own
/// `allOf`, `anyOf` or `oneOf` whose parts describe members the schema does
/// not list (shipengine's `address`, `allOf: [{$ref: partial_address}]`;
/// jira's `JqlQueryClause`, an `anyOf` of four clauses). Read literally,
/// the schema forbids every member its parts have, and typify reads it so:
/// an enum of no variants, which no value decodes into. The author means
/// the parts' members and no others.
fn closed_beside_parts(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    if map.get("additionalProperties") != Some(&Value::Bool(false)) {
        return;
    }
    // The members a schema's `properties` name.
    let names = |properties: Option<&Value>| -> Vec<String> {
        let properties = properties.and_then(Value::as_object);
        properties
            .into_iter()
            .flat_map(|p| p.keys().cloned())
            .collect()
    };
    let own: BTreeSet<String> = names(map.get("properties")).into_iter().collect();
    let mut keyword = None;
    let mut foreign = BTreeSet::new();
    let mut beside_a_reference = false;
    for key in ["allOf", "anyOf", "oneOf"] {
        let Some(Value::Array(parts)) = map.get(key) else {
            continue;
        };
        for part in parts {
            let theirs: Vec<String> = names(part.get("properties"))
                .into_iter()
                .filter(|name| !own.contains(name))
                .collect();
            let referenced = part.get("$ref").is_some();
            if referenced || !theirs.is_empty() {
                keyword.get_or_insert(key);
            }
            beside_a_reference |= referenced;
            foreign.extend(theirs);
        }
    }
    let Some(keyword) = keyword else {
        return;
    };
    map.remove("additionalProperties");
    let mut what: Vec<String> = foreign.iter().map(|name| format!("`{name}`")).collect();
    if beside_a_reference {
        what.push("the members of each `$ref`".to_owned());
    }
    readings.warn(
        &format!("{pointer}/additionalProperties"),
        format!(
            "`additionalProperties: false` beside `{keyword}` is left out: it would forbid {}, \
             which its parts describe, so that no object fits",
            what.join(", ")
        ),
    );
}

/// Reads a member that one part of an `allOf` types `number` and another
/// `integer` (github's `workflow_job.run_id`) as an integer in both, the
/// values every part accepts. typify cannot merge the two: it leaves the
/// member out, makes it `()` when nullable, and makes a type no value
/// decodes into (an enum of no variants) when it is required.
fn numbers_of_all_of(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    let typed = |part: &Value, name: &str, kind: &str| {
        part.get("properties")
            .and_then(|properties| properties.get(name))
            .and_then(|property| property.get("type"))
            .and_then(Value::as_str)
            == Some(kind)
    };
    let names: BTreeSet<String> = parts
        .iter()
        .filter_map(|part| part.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.keys().cloned())
        .collect();
    for name in names {
        if !parts.iter().any(|part| typed(part, &name, "integer")) {
            continue;
        }
        for (index, part) in parts.iter_mut().enumerate() {
            if !typed(part, &name, "number") {
                continue;
            }
            let Some(Value::Object(property)) =
                part.get_mut("properties").and_then(|p| p.get_mut(&name))
            else {
                continue;
            };
            property.insert("type".to_owned(), Value::String("integer".to_owned()));
            // `float` and `double` say nothing of an integer.
            if matches!(
                property.get("format").and_then(Value::as_str),
                Some("float" | "double")
            ) {
                property.remove("format");
            }
            readings.warn(
                &format!("{pointer}/allOf/{index}/properties/{}/type", escape(&name)),
                format!(
                    "member `{name}` is a `number` here and an `integer` in another part of the \
                     `allOf`: read as an integer, which both accept"
                ),
            );
        }
    }
}

/// Reads a member that the schema's own `properties` and the parts of its
/// `allOf` give different JSON types (sendgrid's messages:
/// `last_event_time`, an integer in a part and a string in the schema
/// itself) as the type of the one merged component that gives it one, else
/// as any value: each description written in place keeps only its
/// annotations. Two merged components that disagree are left as written.
/// typify cannot merge the types, and made a type no value has: the
/// response was any JSON value.
fn members_typed_apart(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    /// Where a member is described.
    #[derive(Clone, Copy)]
    enum Holder {
        /// An inline part of the `allOf`, by index.
        Part(usize),
        /// A part that is a `$ref`: its component stays whole.
        Reference,
        /// The schema itself.
        Own,
    }
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    // Each member, with the type each holder gives it.
    let mut typed: BTreeMap<String, Vec<(Holder, String)>> = BTreeMap::new();
    for (index, part) in parts.iter().enumerate() {
        let (holder, kinds): (Holder, Vec<(String, String)>) =
            match merged_by(std::slice::from_ref(part)).pop() {
                Some(name) => (
                    Holder::Reference,
                    shapes
                        .member_types
                        .get(&name)
                        .into_iter()
                        .flatten()
                        .map(|(member, kind)| (member.clone(), kind.clone()))
                        .collect(),
                ),
                None => (Holder::Part(index), member_types(part).collect()),
            };
        for (name, kind) in kinds {
            typed.entry(name).or_default().push((holder, kind));
        }
    }
    let own = map.get("properties").and_then(Value::as_object);
    for (name, member) in own.into_iter().flatten() {
        if let Some(kind) = member.get("type").and_then(Value::as_str) {
            typed
                .entry(name.clone())
                .or_default()
                .push((Holder::Own, kind.to_owned()));
        }
    }
    // The types `places` give, an integer counted as a number, which the
    // reading of numbers makes agree.
    let kinds = |places: &[(Holder, String)], which: &dyn Fn(Holder) -> bool| {
        places
            .iter()
            .filter(|(holder, _)| which(*holder))
            .map(|(_, kind)| if kind == "integer" { "number" } else { kind })
            .collect::<BTreeSet<&str>>()
            .len()
    };
    let referenced = |holder: Holder| matches!(holder, Holder::Reference);
    for (name, places) in typed {
        // Apart; at most one type among the merged components, which stays;
        // and a description written in place to say no type.
        if kinds(&places, &|_| true) < 2
            || kinds(&places, &referenced) > 1
            || kinds(&places, &|holder| !referenced(holder)) == 0
        {
            continue;
        }
        let mut first = None;
        for (holder, _) in &places {
            let (member, within) = match holder {
                Holder::Reference => continue,
                Holder::Part(index) => (
                    map.get_mut("allOf")
                        .and_then(|parts| parts.get_mut(*index))
                        .and_then(|part| part.get_mut("properties"))
                        .and_then(|properties| properties.get_mut(&name)),
                    format!("/allOf/{index}"),
                ),
                Holder::Own => (
                    map.get_mut("properties")
                        .and_then(|properties| properties.get_mut(&name)),
                    String::new(),
                ),
            };
            if let Some(Value::Object(member)) = member {
                member.retain(|key, _| ANNOTATIONS.contains(&key.as_str()));
                first.get_or_insert(within);
            }
        }
        let kinds: Vec<String> = places.iter().map(|(_, kind)| format!("`{kind}`")).collect();
        let given = places
            .iter()
            .find(|(holder, _)| matches!(holder, Holder::Reference));
        let read = match given {
            Some((_, kind)) => format!("read as the merged component's `{kind}`"),
            None => "read as any value".to_owned(),
        };
        readings.warn(
            &format!(
                "{pointer}{}/properties/{}",
                first.unwrap_or_default(),
                escape(&name)
            ),
            format!(
                "member `{name}` is given the types {} by the schema and the parts of its \
                 `allOf`: the descriptions written in place say no type, {read}",
                kinds.join(", ")
            ),
        );
    }
}

/// The keywords that say what a schema is for, not which values it takes.
pub(super) const ANNOTATIONS: [&str; 6] = [
    "description",
    "title",
    "example",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// Reads as `true` an `additionalProperties` schema that takes any value
/// (`{}`, `{description: …}`) on a schema without properties that an
/// `allOf` merges (zuora's `AccountObjectCustomFields`, a bag of custom
/// fields merged into each request type). typify merges such a schema into
/// each property of the other members, and makes a type of each merge,
/// named as the property's component is: the crate would define both. Not
/// merged, or beside properties (where typify keeps the other members in a
/// field of their own), it stays as written.
fn open_bag_merged(
    map: &mut Map<String, Value>,
    pointer: &str,
    merged: &BTreeSet<String>,
    readings: &mut Readings,
) {
    let open_bag = |schema: &Map<String, Value>| {
        !schema.contains_key("patternProperties")
            && schema
                .get("properties")
                .is_none_or(|properties| properties.as_object().is_some_and(Map::is_empty))
            && schema
                .get("additionalProperties")
                .and_then(Value::as_object)
                .is_some_and(|more| more.keys().all(|k| ANNOTATIONS.contains(&k.as_str())))
    };
    let mut bags = Vec::new();
    if component_at(pointer).is_some_and(|name| merged.contains(&name)) && open_bag(map) {
        bags.push(String::new());
    }
    if let Some(Value::Array(members)) = map.get("allOf") {
        for (index, member) in members.iter().enumerate() {
            if member.as_object().is_some_and(open_bag) {
                bags.push(format!("/allOf/{index}"));
            }
        }
    }
    for within in bags {
        let bag = if within.is_empty() {
            Some(&mut *map)
        } else {
            map.get_mut("allOf")
                .and_then(|members| members.pointer_mut(&within.replacen("/allOf", "", 1)))
                .and_then(Value::as_object_mut)
        };
        if let Some(bag) = bag {
            bag.insert("additionalProperties".to_owned(), Value::Bool(true));
            readings.warn(
                &format!("{pointer}{within}/additionalProperties"),
                "an `additionalProperties` that takes any value, on a schema without \
                 properties that an `allOf` merges, is read as `true`: typify would merge it \
                 into the other members' properties, a type of its own for each"
                    .to_owned(),
            );
        }
    }
}

/// The components that an `allOf` anywhere in `root` merges through a
/// `$ref`, and those of them that one merges beside other parts or beside
/// members of the merging schema's own.
fn merged_components(root: &Map<String, Value>) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut found: (BTreeSet<String>, BTreeSet<String>) = Default::default();
    each_all_of(root, &mut |schema, members| {
        let names = merged_by(members);
        let own_members = schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| !properties.is_empty());
        if members.len() > 1 || own_members {
            found.1.extend(names.iter().cloned());
            found.1.extend(members.iter().flat_map(alternatives_named));
        }
        found.0.extend(names);
    });
    // A component that is only the merge of others (shipengine's `address`,
    // `allOf: [{$ref: partial_address}]`) passes being merged beside other
    // members on to them: `shipping_address` merges `address` beside
    // `partial_shipping_address`, and so `partial_address` too. A component
    // that is a union passes it on to its alternatives, each of which the
    // merge extends.
    let components = root
        .get("components")
        .and_then(|components| components.get("schemas"))
        .and_then(Value::as_object);
    let merges: Vec<(&String, Vec<String>)> = components
        .into_iter()
        .flatten()
        .filter_map(|(name, schema)| match schema.get("allOf") {
            Some(Value::Array(members)) => Some((name, merged_by(members))),
            _ => Some((name, alternatives_named(schema))).filter(|(_, named)| !named.is_empty()),
        })
        .collect();
    let mut grew = true;
    while grew {
        grew = false;
        for (name, merged) in &merges {
            if found.1.contains(*name) {
                for other in merged {
                    grew |= found.1.insert(other.clone());
                }
            }
        }
    }
    found
}

/// The components the alternatives of `schema`'s `oneOf` or `anyOf` name
/// through a `$ref`: merged beside other parts, each alternative is
/// (algolia's `SearchForHits` merges a `oneOf` of `searchParamsString`,
/// closed, and `searchParamsObject` with the search's options).
fn alternatives_named(schema: &Value) -> Vec<String> {
    ["oneOf", "anyOf"]
        .into_iter()
        .filter_map(|choice| schema.get(choice)?.as_array())
        .flatten()
        .filter_map(|alternative| alternative.get("$ref")?.as_str())
        .filter_map(|target| target.strip_prefix("#/components/schemas/"))
        .map(unescape)
        .collect()
}

/// The components an `allOf`'s `members` merge through a `$ref`, by name,
/// also through a `oneOf` or `anyOf` of `null` and the `$ref` (as 3.1 writes
/// a nullable one: meilisearch's `DetailsView` merges `Settings_Unchecked`,
/// closed, so).
fn merged_by(members: &[Value]) -> Vec<String> {
    fn nullable_reference(member: &Value) -> Option<&Value> {
        let alternatives = ["oneOf", "anyOf"]
            .into_iter()
            .find_map(|choice| member.get(choice)?.as_array())?;
        let mut others = alternatives
            .iter()
            .filter(|alternative| alternative.get("type").is_none_or(|kind| kind != "null"));
        let only = others.next().filter(|_| others.next().is_none())?;
        only.get("$ref")
    }
    members
        .iter()
        .filter_map(|member| member.get("$ref").or_else(|| nullable_reference(member)))
        .filter_map(Value::as_str)
        .filter_map(|target| target.strip_prefix("#/components/schemas/"))
        .map(unescape)
        .collect()
}

/// [`Overlaid`]: the members of a component that an `allOf` anywhere in
/// `root` merges which its other inline parts, or the merging schema's own
/// `properties`, describe too (Okta's `UserGetSingleton`: `allOf: [{$ref:
/// User}, {properties: {_embedded: {properties: {blocks: …}}}}]`).
fn overlaid_members(root: &Map<String, Value>) -> Overlaid {
    let mut found = Overlaid::new();
    each_all_of(root, &mut |schema, members| {
        let referenced = merged_by(members);
        let others = members
            .iter()
            .filter(|member| member.get("$ref").is_none())
            .chain(std::iter::once(schema))
            .filter_map(|part| part.get("properties").and_then(Value::as_object));
        for properties in others {
            for (name, member) in properties {
                let types: Vec<Option<String>> = member
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flat_map(Map::values)
                    .map(|inner| inner.get("type").and_then(Value::as_str))
                    .map(|ty| ty.map(str::to_owned))
                    .collect();
                for component in &referenced {
                    found
                        .entry(component.clone())
                        .or_default()
                        .entry(name.clone())
                        .or_default()
                        .extend(types.iter().cloned());
                }
            }
        }
    });
    found
}

/// Calls `visit` with every schema in `root` that has an `allOf`, and its
/// parts.
fn each_all_of(root: &Map<String, Value>, visit: &mut impl FnMut(&Value, &[Value])) {
    fn walk(value: &Value, visit: &mut impl FnMut(&Value, &[Value])) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(members)) = map.get("allOf") {
                    visit(value, members);
                }
                map.values().for_each(|value| walk(value, visit));
            }
            Value::Array(values) => values.iter().for_each(|value| walk(value, visit)),
            _ => {}
        }
    }
    root.values().for_each(|value| walk(value, visit));
}

/// Reads as `true` a typed `additionalProperties` of a member without
/// `properties` of its own (a map: Okta's HAL `_embedded`, a map of
/// objects, in `User` and `Policy`) when another part of an `allOf` that
/// merges the component gives that member members of another type (`blocks`,
/// a list; `resourceType`, a string). JSON Schema, and typify, read the
/// merge as requiring those to be of the map's type too: an enum of no
/// variants, which no value decodes into. The author means the map's other
/// members. The component's own map then takes any value.
fn typed_bag_overlaid(
    map: &mut Map<String, Value>,
    pointer: &str,
    overlaid: &Overlaid,
    readings: &mut Readings,
) {
    let Some(members) = component_at(pointer).and_then(|name| overlaid.get(&name)) else {
        return;
    };
    let Some(Value::Object(properties)) = map.get_mut("properties") else {
        return;
    };
    for (name, types) in members {
        let Some(Value::Object(member)) = properties.get_mut(name) else {
            continue;
        };
        let has_members = member
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| !properties.is_empty());
        let Some(bag) = member
            .get("additionalProperties")
            .and_then(|more| more.get("type"))
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        let contradicted = types.iter().flatten().any(|ty| *ty != bag);
        if has_members || !contradicted {
            continue;
        }
        member.insert("additionalProperties".to_owned(), Value::Bool(true));
        readings.warn(
            &format!("{pointer}/properties/{}/additionalProperties", escape(name)),
            format!(
                "`additionalProperties` of type `{bag}` on `{name}`, which an `allOf` merges with \
                 members of other types, is read as `true`: typify would require those members \
                 to be of type `{bag}` too, and no value would fit"
            ),
        );
    }
}

/// [`ComponentShapes::merged_beside`].
fn members_merged_beside(root: &Map<String, Value>) -> BTreeMap<String, BTreeSet<String>> {
    let components: BTreeMap<&String, &Value> = component_schemas(root).collect();
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    each_all_of(root, &mut |schema, parts| {
        let referenced = merged_by(parts);
        if referenced.is_empty() {
            return;
        }
        // Each part with what it says of its members, the schema's own last.
        let described: Vec<(Option<String>, &Map<String, Value>)> = parts
            .iter()
            .map(|part| {
                let target = merged_by(std::slice::from_ref(part)).pop();
                let resolved = match &target {
                    Some(name) => components.get(name).copied().unwrap_or(part),
                    None => part,
                };
                (target, resolved)
            })
            .chain(std::iter::once((None, schema)))
            .filter_map(|(target, part)| Some((target, part.get("properties")?.as_object()?)))
            .collect();
        for component in &referenced {
            let types = described
                .iter()
                .filter(|(target, _)| target.as_ref() != Some(component))
                .flat_map(|(_, properties)| properties.values())
                .filter_map(|member| member.get("type")?.as_str());
            found
                .entry(component.clone())
                .or_default()
                .extend(types.map(str::to_owned));
        }
    });
    found
}

/// Reads as `true` a typed `additionalProperties` of a component that an
/// `allOf` merges beside members of other types (Azure AD's
/// `DirectoryObject`, a map of objects, merged into `ADGroup` beside its
/// string `displayName` and boolean `mailEnabled`). JSON Schema, and
/// typify, read the merge as requiring those members to be objects too:
/// no value had one, and every member of `ADGroup` was any JSON value. The
/// author means the component's other members; its map then takes any value.
fn typed_map_merged(
    map: &mut Map<String, Value>,
    pointer: &str,
    merged_beside: &BTreeMap<String, BTreeSet<String>>,
    readings: &mut Readings,
) {
    let Some(types) = component_at(pointer).and_then(|name| merged_beside.get(&name)) else {
        return;
    };
    let place = "on a component that an `allOf` merges beside members";
    open_typed_map(map, pointer, types.iter().cloned(), place, readings);
}

/// Reads as `true` the typed `additionalProperties` of `map`, at `pointer`,
/// when one of `types`, those of the members it is merged with (`place`
/// says where), is not of its type: typify would require those members to
/// be of the map's type too.
fn open_typed_map(
    map: &mut Map<String, Value>,
    pointer: &str,
    mut types: impl Iterator<Item = String>,
    place: &str,
    readings: &mut Readings,
) {
    let Some(bag) = map
        .get("additionalProperties")
        .and_then(|more| more.get("type"))
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return;
    };
    let fits = |kind: &String| *kind == bag || (bag == "number" && kind == "integer");
    let Some(other) = types.find(|kind| !fits(kind)) else {
        return;
    };
    map.insert("additionalProperties".to_owned(), Value::Bool(true));
    readings.warn(
        &format!("{pointer}/additionalProperties"),
        format!(
            "`additionalProperties` of type `{bag}` {place} of other types (`{other}`) is read \
             as `true`: typify would require those members to be of type `{bag}` too, and no \
             value would fit"
        ),
    );
}

/// The JSON type of each member of `schema` (where it says), by name.
fn member_types(schema: &Value) -> impl Iterator<Item = (String, String)> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, member)| Some((name.clone(), member.get("type")?.as_str()?.to_owned())))
}

/// Reads as `true` a typed `additionalProperties` beside an `allOf`,
/// `anyOf` or `oneOf` whose parts give members of other types (Azure Data
/// Factory's `Factory`, a map of objects, merges `Resource`, whose `eTag`
/// and `name` are strings; Adyen's `additionalData`, a map of strings
/// beside an `anyOf` of components with a boolean member): typify required
/// those to be of the map's type too, and no value fit.
fn typed_map_beside_parts(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    let types: Vec<String> = ["allOf", "anyOf", "oneOf"]
        .into_iter()
        .filter_map(|keyword| map.get(keyword)?.as_array())
        .flatten()
        .flat_map(|part| -> Vec<String> {
            match merged_by(std::slice::from_ref(part)).pop() {
                Some(name) => shapes
                    .member_types
                    .get(&name)
                    .into_iter()
                    .flat_map(BTreeMap::values)
                    .cloned()
                    .collect(),
                None => member_types(part).map(|(_, kind)| kind).collect(),
            }
        })
        .collect();
    let place = "beside parts or alternatives with members";
    open_typed_map(map, pointer, types.into_iter(), place, readings);
}

/// The component a schema's `pointer` is the root of, by name.
fn component_at(pointer: &str) -> Option<String> {
    pointer
        .strip_prefix("/components/schemas/")
        .filter(|name| !name.contains('/'))
        .map(unescape)
}

/// Leaves out `additionalProperties: false` on a component that an `allOf`
/// merges beside other parts (json2video's `BaseElement` and
/// `VisualElement`, each closed, merged into every element with the
/// element's own members), or beside members of the merging schema's own
/// (Azure Logic Apps' `ArtifactContentPropertiesDefinition`). typify merges the parts literally, each
/// forbidding the others' members, and makes a type no value decodes into.
/// The component's own type then only stops refusing members it does not
/// list, as the crate's other types do.
fn closed_component_extended(
    map: &mut Map<String, Value>,
    pointer: &str,
    extended: &BTreeSet<String>,
    readings: &mut Readings,
) {
    let extended = component_at(pointer).is_some_and(|name| extended.contains(&name));
    if !extended || map.get("additionalProperties") != Some(&Value::Bool(false)) {
        return;
    }
    map.remove("additionalProperties");
    readings.warn(
        &format!("{pointer}/additionalProperties"),
        "`additionalProperties: false` on a component that an `allOf` merges beside other \
         members, itself or as an alternative of a union, is left out: it would forbid them, so \
         that no object fits the merge"
            .to_owned(),
    );
}

/// Moves what `allOf` members that only annotate (`{description: …}`
/// beside `{$ref: X}`) say to the schema itself: typify would make a type of
/// their own of the merge, named as the property is, when it is `X`.
///
/// A member that says only that the value is an object of any members
/// (`{type: object, additionalProperties: true}`, plaid's nullable
/// components) adds nothing to the `$ref` beside it either: it is left out,
/// its annotations moved the same way. typify would merge it into a type of
/// its own, named as the component is, and the crate would define both.
fn annotation_members(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let annotates = |member: &Map<String, Value>| {
        !member.is_empty() && member.keys().all(|k| ANNOTATIONS.contains(&k.as_str()))
    };
    let any_object = |member: &Map<String, Value>| {
        member.get("type").and_then(Value::as_str) == Some("object")
            && member.get("additionalProperties").is_none_or(|more| {
                *more == Value::Bool(true) || more.as_object().is_some_and(Map::is_empty)
            })
            && member.keys().all(|k| {
                ["type", "additionalProperties"].contains(&k.as_str())
                    || ANNOTATIONS.contains(&k.as_str())
            })
    };
    let moved = |member: &Value| {
        member
            .as_object()
            .is_some_and(|m| annotates(m) || any_object(m))
    };
    let Some(Value::Array(members)) = map.get("allOf") else {
        return;
    };
    let references = members.iter().filter(|m| m.get("$ref").is_some()).count();
    if references == 0 || !members.iter().any(moved) {
        return;
    }
    let Some(Value::Array(members)) = map.remove("allOf") else {
        return;
    };
    let mut kept = Vec::new();
    for (index, member) in members.into_iter().enumerate() {
        let Value::Object(mut member) = member else {
            kept.push(member);
            continue;
        };
        let message = if annotates(&member) {
            "an `allOf` member that only annotates is read as annotations of the schema itself"
        } else if any_object(&member) {
            member.remove("type");
            member.remove("additionalProperties");
            "an `allOf` member that says only that the value is an object of any members adds \
             nothing to the `$ref` beside it: left out, its annotations read as the schema's"
        } else {
            kept.push(Value::Object(member));
            continue;
        };
        readings.warn(&format!("{pointer}/allOf/{index}"), message.to_owned());
        for (key, value) in member {
            map.entry(key).or_insert(value);
        }
    }
    map.insert("allOf".to_owned(), Value::Array(kept));
}

/// Leaves out of an `allOf` the properties of a part whose Rust field name
/// a property of an earlier part, or of the schema itself, has under
/// another JSON name (flipt's `FlagResourcePayload` merges `AtType`, with
/// `@type`, and `Flag`, with `type`): typify's merge would declare the
/// field twice. A part that is a `$ref` is written in place without the
/// property, so the component stays whole where it is used alone. Read
/// before the parts, so a part written in place is read like the others.
pub(super) fn merged_properties_with_one_rust_name(
    map: &mut Map<String, Value>,
    pointer: &str,
    shapes: &ComponentShapes,
    readings: &mut Readings,
) {
    let Some(Value::Array(parts)) = map.get("allOf") else {
        return;
    };
    let part_properties = |part: &Value| -> Vec<String> {
        let own = part.get("properties").and_then(Value::as_object);
        let referenced = || {
            let target = part.get("$ref")?.as_str()?;
            let name = unescape(target.strip_prefix("#/components/schemas/")?);
            shapes
                .merged_schemas
                .get(&name)?
                .get("properties")?
                .as_object()
        };
        own.or_else(referenced)
            .into_iter()
            .flat_map(|properties| properties.keys().cloned())
            .collect()
    };
    let mut seen: BTreeMap<String, String> = map
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|properties| properties.keys())
        .map(|name| (rust_parameter_name(name), name.clone()))
        .collect();
    // (part, property, the earlier property of its Rust name)
    let mut clashes: Vec<(usize, String, String)> = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        for name in part_properties(part) {
            match seen.get(&rust_parameter_name(&name)) {
                Some(earlier) if *earlier != name => {
                    clashes.push((index, name, earlier.clone()));
                }
                Some(_) => {}
                None => {
                    seen.insert(rust_parameter_name(&name), name);
                }
            }
        }
    }
    if clashes.is_empty() {
        return;
    }
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    let references: Vec<Option<String>> = parts
        .iter()
        .map(|part| part.get("$ref").and_then(Value::as_str).map(str::to_owned))
        .collect();
    let mut left_out = BTreeSet::new();
    for (index, name, earlier) in clashes {
        let part = &mut parts[index];
        let reference = &references[index];
        if let (Some(target), true) = (reference, part.get("$ref").is_some()) {
            let component = target
                .strip_prefix("#/components/schemas/")
                .map(unescape)
                .and_then(|name| shapes.merged_schemas.get(&name));
            if let Some(component) = component {
                *part = Value::Object(component.clone());
            }
        }
        let Some(part) = part.as_object_mut() else {
            continue;
        };
        if let Some(Value::Object(properties)) = part.get_mut("properties") {
            properties.remove(&name);
        }
        if let Some(Value::Array(required)) = part.get_mut("required") {
            required.retain(|member| member.as_str() != Some(name.as_str()));
        }
        left_out.insert(name.clone());
        let place = match reference {
            Some(target) => format!("`{target}`, written in place,"),
            None => "the part".to_owned(),
        };
        readings.warn(
            &format!("{pointer}/allOf/{index}"),
            format!(
                "property `{name}` of a part of the `allOf` gets the same Rust name as \
                 `{earlier}`: {place} leaves it out (decoding ignores it, and it cannot be sent)"
            ),
        );
    }
    // The schema's own `required` would otherwise ask typify for a field
    // of that name.
    if let Some(Value::Array(required)) = map.get_mut("required") {
        required.retain(|member| member.as_str().is_none_or(|m| !left_out.contains(m)));
    }
}

/// Leaves out the properties whose Rust field name (as typify derives it)
/// an earlier property has (`isGlobal` beside `is_global`): a struct cannot
/// have both, and the client ignores members it has no field for.
fn properties_with_one_rust_name(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(Value::Object(properties)) = map.get("properties") else {
        return;
    };
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut clashes = Vec::new();
    for name in properties.keys() {
        match seen.get(&rust_parameter_name(name)) {
            Some(earlier) => clashes.push((name.clone(), (*earlier).to_owned())),
            None => {
                seen.insert(rust_parameter_name(name), name);
            }
        }
    }
    for (name, earlier) in clashes {
        readings.warn(
            &format!("{pointer}/properties/{}", escape(&name)),
            format!(
                "property `{name}` gets the same Rust name as `{earlier}`, `{}`: it is left out \
                 of the type (decoding ignores it, and it cannot be sent)",
                rust_parameter_name(&name)
            ),
        );
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            properties.remove(&name);
        }
        if let Some(Value::Array(required)) = map.get_mut("required") {
            required.retain(|member| member.as_str() != Some(name.as_str()));
        }
    }
}

/// Leaves out of `required` a member the properties do not describe whose
/// Rust name a property or an earlier such member has (xero's `FileObject`
/// requires `id` and `name` beside its properties `Id` and `Name`): typify
/// gives a required member it is not told of a field of any value, which
/// would be the struct's second field of that name.
fn required_with_a_property_name(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(Value::Array(required)) = map.get("required") else {
        return;
    };
    let properties = map.get("properties").and_then(Value::as_object);
    let mut seen: BTreeMap<String, String> = properties
        .into_iter()
        .flatten()
        .map(|(name, _)| (rust_parameter_name(name), name.clone()))
        .collect();
    let mut left_out = Vec::new();
    for (index, member) in required.iter().enumerate() {
        let Some(member) = member.as_str() else {
            continue;
        };
        if properties.is_some_and(|properties| properties.contains_key(member)) {
            continue;
        }
        match seen.get(&rust_parameter_name(member)) {
            Some(holder) => left_out.push((index, member.to_owned(), holder.clone())),
            None => {
                seen.insert(rust_parameter_name(member), member.to_owned());
            }
        }
    }
    for (index, member, holder) in left_out.iter().rev() {
        if let Some(Value::Array(required)) = map.get_mut("required") {
            required.remove(*index);
        }
        readings.warn(
            &format!("{pointer}/required/{index}"),
            format!(
                "required member `{member}`, which the properties do not describe, gets the same \
                 Rust name as `{holder}`, `{}`: left out of `required`",
                rust_parameter_name(member)
            ),
        );
    }
}

/// Reads an `anyOf` or `oneOf` of string `enum`s (hookdeck's
/// `OrderByDirection`, `anyOf: [{enum: [asc]}, {enum: [desc]}, {enum:
/// [ASC]}, {enum: [DESC]}]`) with two values of one Rust name as a plain
/// string, as a string `enum` of them is ([`string_enum`]): typify merges
/// the alternatives into one enum, and panicked.
fn enum_alternatives_with_one_rust_name(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    if map.contains_key("type") || map.contains_key("properties") || map.contains_key("allOf") {
        return;
    }
    // The values of an alternative that says nothing but them.
    fn plain_enum(alternative: &Value) -> Option<Vec<&str>> {
        let alternative = alternative.as_object()?;
        let only_values = alternative.iter().all(|(key, value)| match key.as_str() {
            "type" => value.as_str() == Some("string"),
            "enum" | "description" | "title" => true,
            key => key.starts_with("x-"),
        });
        let values = alternative.get("enum")?.as_array()?;
        let values: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
        values.filter(|_| only_values)
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = map.get(keyword) else {
            continue;
        };
        let values: Option<Vec<Vec<&str>>> = alternatives.iter().map(plain_enum).collect();
        let Some(values) = values else {
            continue;
        };
        let values: Vec<&str> = values.concat();
        let Some((first, second)) = same_rust_name(&values) else {
            continue;
        };
        let message = format!(
            "the values \"{first}\" and \"{second}\" of the `enum`s of `{keyword}` get the same \
             Rust name: the value is read as a plain string"
        );
        map.remove(keyword);
        map.insert("type".to_owned(), Value::String("string".to_owned()));
        readings.warn(&format!("{pointer}/{keyword}"), message);
        return;
    }
}

/// Reads an `anyOf` or `oneOf` whose alternatives are all the same scalar
/// type, told apart by a `format` at most (`string`, or `string` with
/// `format: binary`), as that one type: typify makes a struct of such
/// alternatives, which no string or number decodes into. The format stays
/// when every alternative has it.
fn alternatives_of_one_type(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    if map.contains_key("type") || map.contains_key("properties") || map.contains_key("allOf") {
        return;
    }
    let Some((keyword, one)) = ["anyOf", "oneOf"]
        .into_iter()
        .find_map(|k| Some((k, one_type(map.get(k)?.as_array()?)?)))
    else {
        return;
    };
    let OneType {
        kind,
        format,
        nullable,
        shown,
    } = one;
    map.remove(keyword);
    map.insert("type".to_owned(), Value::String(kind.clone()));
    if let Some(format) = format {
        map.insert("format".to_owned(), format);
    }
    if nullable {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    readings.warn(
        &format!("{pointer}/{keyword}"),
        format!(
            "`{keyword}` of {} reads as one `{kind}`: typify would make a struct of the \
             alternatives, which no {kind} decodes into",
            shown.join(", ")
        ),
    );
}

/// Reads an `anyOf` with an alternative that is not an object (a list, a
/// string) as a `oneOf`: the first alternative that decodes is taken.
/// typify reads `anyOf` as a struct of its alternatives flattened, which
/// only objects decode into.
fn any_of_values(
    map: &mut Map<String, Value>,
    pointer: &str,
    values: &BTreeSet<String>,
    readings: &mut Readings,
) {
    if map.contains_key("oneOf") {
        return;
    }
    let Some(alternatives) = map.get("anyOf").and_then(Value::as_array) else {
        return;
    };
    let value = alternatives.iter().find_map(|a| {
        // OpenAI's `ModelIds`: `anyOf` two components of model names.
        if let Some(target) = a.get("$ref").and_then(Value::as_str) {
            let name = unescape(target.strip_prefix("#/components/schemas/")?);
            return values
                .contains(&name)
                .then(|| format!("`{name}`, which is not an object,"));
        }
        let kind = a.get("type")?.as_str()?;
        matches!(kind, "array" | "string" | "integer" | "number" | "boolean")
            .then(|| format!("a `{kind}`"))
    });
    let Some(value) = value else {
        return;
    };
    if let Some(alternatives) = map.remove("anyOf") {
        // typify checks a union's default against its alternatives and
        // refuses the spec when none takes it.
        if let Some(default) = map.get("default")
            && !alternatives
                .as_array()
                .is_some_and(|all| all.iter().any(|a| takes(a, default)))
        {
            readings.warn(
                &format!("{pointer}/default"),
                format!("`default: {default}` fits none of the alternatives: left out"),
            );
            map.remove("default");
        }
        map.insert("oneOf".to_owned(), alternatives);
    }
    readings.warn(
        &format!("{pointer}/anyOf"),
        format!(
            "`anyOf` with {value} among its alternatives reads as `oneOf`, the first \
             alternative that decodes: typify would make a struct of the alternatives, which \
             only objects decode into"
        ),
    );
}

/// Leaves out a `default` that no alternative of a `oneOf` takes, when each
/// alternative says its type in place (Deepgram's `redact`: `default:
/// false` beside a string or a list of strings): progenitor panicked on
/// the parameter, which was sent as text.
fn default_beside_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(Value::Array(alternatives)) = map.get("oneOf") else {
        return;
    };
    let Some(default) = map.get("default").filter(|value| !value.is_null()) else {
        return;
    };
    let typed = alternatives
        .iter()
        .all(|alternative| alternative.get("type").is_some_and(Value::is_string));
    if !typed
        || alternatives
            .iter()
            .any(|alternative| takes(alternative, default))
    {
        return;
    }
    readings.warn(
        &format!("{pointer}/default"),
        format!("`default: {default}` fits none of the `oneOf`'s alternatives: left out"),
    );
    map.remove("default");
}

/// Leaves out the `default` of an `anyOf` that has a union written in place
/// among its alternatives (vocode's `action_trigger`: `anyOf: [{oneOf:
/// [FunctionCallActionTrigger, PhraseBasedActionTrigger]}, Undefined]`,
/// `default: {}`): typify reads such an `anyOf` as a struct of its
/// alternatives, and panicked building the default of one that is a union.
/// A member without its default is absent, as the server takes it.
fn default_beside_nested_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let Some(Value::Array(alternatives)) = map.get("anyOf") else {
        return;
    };
    let nested = alternatives.iter().any(|alternative| {
        alternative.get("$ref").is_none()
            && (alternative.get("anyOf").is_some() || alternative.get("oneOf").is_some())
    });
    if !nested || !map.contains_key("default") {
        return;
    }
    if let Some(default) = map.remove("default") {
        readings.warn(
            &format!("{pointer}/default"),
            format!(
                "`default: {default}` beside an `anyOf` with a union among its alternatives: \
                 left out (typify cannot build it)"
            ),
        );
    }
}

/// Whether the inline schema `alternative` takes `value`, by its type and
/// `enum`; a `$ref` is not looked up, and takes nothing.
fn takes(alternative: &Value, value: &Value) -> bool {
    let kind_fits = match alternative.get("type").and_then(Value::as_str) {
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        Some("object") => value.is_object(),
        _ => false,
    };
    let listed = alternative
        .get("enum")
        .and_then(Value::as_array)
        .is_none_or(|values| values.contains(value));
    kind_fits && listed
}

/// The one scalar type that `alternatives` all are, and how to read them
/// as it.
struct OneType {
    kind: String,
    /// The format every alternative has, if they all have the same.
    format: Option<Value>,
    nullable: bool,
    /// The alternatives, as the warning names them.
    shown: Vec<String>,
}

fn one_type(alternatives: &[Value]) -> Option<OneType> {
    const PLAIN: [&str; 7] = [
        "type",
        "format",
        "title",
        "description",
        "example",
        "examples",
        "nullable",
    ];
    let plain: Vec<&Map<String, Value>> = alternatives
        .iter()
        .map(|a| {
            a.as_object()
                .filter(|a| a.keys().all(|k| PLAIN.contains(&k.as_str())))
        })
        .collect::<Option<_>>()?;
    let kinds: Vec<&str> = plain
        .iter()
        .map(|a| a.get("type")?.as_str())
        .collect::<Option<_>>()?;
    let kind = *kinds.first()?;
    if plain.len() < 2
        || kinds.iter().any(|k| *k != kind)
        || !matches!(kind, "string" | "integer" | "number" | "boolean")
    {
        return None;
    }
    let first_format = plain[0].get("format");
    Some(OneType {
        kind: kind.to_owned(),
        format: first_format
            .filter(|_| plain.iter().all(|a| a.get("format") == first_format))
            .cloned(),
        nullable: plain
            .iter()
            .any(|a| a.get("nullable") == Some(&Value::Bool(true))),
        shown: plain
            .iter()
            .map(|a| match a.get("format").and_then(Value::as_str) {
                Some(format) => format!("`{kind}` ({format})"),
                None => format!("`{kind}`"),
            })
            .collect(),
    })
}

/// Leaves out the bounds that apply only to another type (`minimum` on an
/// array): openapiv3 would read the schema as one of mixed kinds, which
/// typify and the mock samples read differently.
fn keywords_of_other_types(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    readings: &mut Readings,
) {
    const BOUNDS: [(&str, &[&str]); 17] = [
        ("minimum", &["integer", "number"]),
        ("maximum", &["integer", "number"]),
        ("exclusiveMinimum", &["integer", "number"]),
        ("exclusiveMaximum", &["integer", "number"]),
        ("multipleOf", &["integer", "number"]),
        ("minLength", &["string"]),
        ("maxLength", &["string"]),
        ("pattern", &["string"]),
        ("minItems", &["array"]),
        ("maxItems", &["array"]),
        ("uniqueItems", &["array"]),
        ("minProperties", &["object"]),
        ("maxProperties", &["object"]),
        // Box's timeline `appears`, a list, requires `start` and `end`,
        // which its items describe.
        ("required", &["object"]),
        // github's hook delivery `payload`, a string: the mock's sample
        // of it was an object.
        ("properties", &["object"]),
        ("additionalProperties", &["object"]),
        // just-eat's `BasketTotals`, an object with `items`: typify made a
        // map, the mock's sample a list, which did not decode.
        ("items", &["array"]),
    ];
    if !matches!(
        kind,
        "integer" | "number" | "string" | "boolean" | "array" | "object"
    ) {
        return;
    }
    for (keyword, kinds) in BOUNDS {
        if !kinds.contains(&kind) && map.remove(keyword).is_some() {
            readings.warn(
                &format!("{pointer}/{keyword}"),
                format!("`{keyword}` does not apply to type `{kind}`: left out"),
            );
        }
    }
}

fn meaningless_format(
    map: &mut Map<String, Value>,
    pointer: &str,
    kind: &str,
    readings: &mut Readings,
) {
    if !matches!(kind, "object" | "array" | "boolean") {
        return;
    }
    if let Some(format) = map.remove("format") {
        readings.warn(
            &format!("{pointer}/format"),
            format!("`format: {format}` means nothing for type `{kind}`: left out"),
        );
    }
}

/// The formats that name a type, the type's own or one of its common
/// formats.
const FORMATS_OF_TYPES: [&str; 25] = [
    "string",
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "hostname",
    "host-name",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "url",
    "uuid",
    "byte",
    "binary",
    "password",
    "integer",
    "int32",
    "int64",
    "number",
    "float",
    "double",
    "boolean",
    "object",
];

/// The type a `format` names ([`FORMATS_OF_TYPES`]).
fn type_of_format(format: &str) -> Option<&'static str> {
    match format {
        "integer" | "int32" | "int64" => Some("integer"),
        "number" | "float" | "double" => Some("number"),
        "boolean" => Some("boolean"),
        "object" => None,
        _ if FORMATS_OF_TYPES.contains(&format) => Some("string"),
        _ => None,
    }
}

/// Leaves out the alternatives of an `anyOf` or `oneOf` that no value
/// matches (`not: {}`, zod's `never`: typebot's mock answers, `anyOf: [{},
/// {not: {}}]`): typify made a variant of no value, and the union was
/// untyped. The value is one of the others either way, so nothing is said.
fn alternatives_of_no_value(map: &mut Map<String, Value>, readings: &mut Readings) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = map.get_mut(keyword) else {
            continue;
        };
        let before = alternatives.len();
        if alternatives.iter().all(admits_no_value) {
            continue;
        }
        alternatives.retain(|alternative| !admits_no_value(alternative));
        if alternatives.len() != before {
            readings.rewrote();
        }
    }
}

/// Whether `schema` admits no value: `false`, or `not: {}` with
/// annotations at most (zod's `never`).
pub(super) fn admits_no_value(schema: &Value) -> bool {
    match schema {
        Value::Bool(false) => true,
        Value::Object(map) => {
            map.get("not")
                .is_some_and(|not| not.as_object().is_some_and(Map::is_empty))
                && map
                    .keys()
                    .all(|key| matches!(key.as_str(), "not" | "description" | "title"))
        }
        _ => false,
    }
}

/// Writes the alternatives of an `anyOf` that is itself an alternative of
/// an `anyOf`, in its place, where the outer union is merged (a part of an
/// `allOf`, or beside one): typebot's `input`, `allOf: [{anyOf: [{anyOf:
/// [13 inputs]}, {anyOf: [3 more]}]}, {properties: …}]`, made typify take
/// more than 20 GB, and the kernel stopped the generator. Either way the
/// value is one of the same alternatives, so nothing is said.
fn unions_in_merged_unions(map: &mut Map<String, Value>, readings: &mut Readings) {
    fn bare_any_of(schema: &Value) -> Option<&Vec<Value>> {
        let map = schema.as_object()?;
        let annotations = map
            .keys()
            .all(|key| matches!(key.as_str(), "anyOf" | "description" | "title"));
        map.get("anyOf")?.as_array().filter(|_| annotations)
    }
    fn flatten(union: &mut Map<String, Value>) -> bool {
        let Some(Value::Array(alternatives)) = union.get("anyOf") else {
            return false;
        };
        if !alternatives
            .iter()
            .any(|alternative| bare_any_of(alternative).is_some())
        {
            return false;
        }
        let flat: Vec<Value> = alternatives
            .iter()
            .flat_map(|alternative| match bare_any_of(alternative) {
                Some(inner) => inner.clone(),
                None => vec![alternative.clone()],
            })
            .collect();
        union.insert("anyOf".to_owned(), Value::Array(flat));
        true
    }
    let Some(Value::Array(parts)) = map.get_mut("allOf") else {
        return;
    };
    let mut flattened = false;
    for part in parts.iter_mut().filter_map(Value::as_object_mut) {
        flattened |= flatten(part);
    }
    // Beside the `allOf`, the schema's own union is merged too.
    flattened |= flatten(map);
    if flattened {
        readings.rewrote();
    }
}

/// Gives a schema that says only a number's bounds, and no `type`
/// (PingOne's `logLevel`, `{minimum: 1, maximum: 4}`), `type: number`:
/// typify panicked on it ("invalid (or unexpected) schema"), and the field
/// was any JSON value. One that says only a string's (PingOne's `{minLength:
/// 0, maxLength: 256}`) gets `type: string`, which typify read it as, so
/// that the string's readings apply: typify checked `len < 0`, and rustc
/// warned. A number, or a string, is what the bounds admit.
fn bounds_without_a_type(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    const NUMBER: [&str; 5] = [
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ];
    const STRING: [&str; 3] = ["minLength", "maxLength", "pattern"];
    // What says more than the bounds: a type, a shape, listed values.
    const SHAPING: [&str; 11] = [
        "type",
        "$ref",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "enum",
        "format",
        "properties",
        "additionalProperties",
        "items",
    ];
    if SHAPING.iter().any(|keyword| map.contains_key(*keyword)) {
        return;
    }
    let says = |keywords: &[&str]| keywords.iter().any(|keyword| map.contains_key(*keyword));
    let kind = match (says(&NUMBER), says(&STRING)) {
        (true, false) => "number",
        (false, true) => "string",
        _ => return,
    };
    map.insert("type".to_owned(), Value::String(kind.to_owned()));
    readings.warn(
        pointer,
        format!("a schema of a {kind}'s bounds and no `type` is read as `type: {kind}`"),
    );
}

/// Gives a schema of a `format` and no `type` (`{format: date-time}`, a
/// list of `{format: string}`) the type its format names, and leaves out a
/// format that names none (rudder's `format: string or JSON`): the schema
/// then takes any value. typify panicked on it ("invalid (or unexpected)
/// schema"), and the property, parameter or component was untyped.
fn format_without_a_type(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    const SHAPES: [&str; 11] = [
        "type",
        "$ref",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "enum",
        "const",
        "properties",
        "additionalProperties",
        "items",
    ];
    let Some(format) = map.get("format").and_then(Value::as_str) else {
        return;
    };
    // A map or an object, whose `format` names no type of its members
    // (openmeter's JSON parameters, `format: application/json` beside
    // `additionalProperties`): typify panicked the same way.
    let object = !map.contains_key("type")
        && (map.contains_key("properties") || map.contains_key("additionalProperties"));
    if object && !FORMATS_OF_TYPES.contains(&format) {
        let message =
            format!("`format: {format}` on an object without a `type` names no type: left out");
        map.remove("format");
        readings.warn(&format!("{pointer}/format"), message);
        return;
    }
    if SHAPES.iter().any(|keyword| map.contains_key(*keyword)) {
        return;
    }
    let kind = type_of_format(format);
    let at = format!("{pointer}/format");
    match kind {
        Some(kind) => {
            let message = format!("`format: {format}` without a `type`: read as `type: {kind}`");
            map.insert("type".to_owned(), Value::from(kind));
            readings.warn(&at, message);
        }
        None => {
            let message = format!(
                "`format: {format}` without a `type` names no type: left out, and any value read"
            );
            map.remove("format");
            readings.warn(&at, message);
        }
    }
}

/// Leaves out the keywords of a list (`items`, `uniqueItems`…) on a schema
/// without a `type` that has `properties`: wordnik's objects, each with
/// `uniqueItems: false`, and wealthreader's `owner`, with `items` beside
/// its properties. openapiv3 read a schema of two kinds, which typify
/// panicked on ("invalid (or unexpected) schema"), and the component was
/// untyped; its properties say what it is.
fn list_keywords_beside_properties(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    if map.contains_key("type") || !map.contains_key("properties") {
        return;
    }
    for keyword in ["items", "uniqueItems", "minItems", "maxItems"] {
        if map.remove(keyword).is_some() {
            readings.warn(
                &format!("{pointer}/{keyword}"),
                format!(
                    "`{keyword}` on a schema without a `type` whose `properties` make it an \
                     object: left out"
                ),
            );
        }
    }
}

/// Moves the keywords of a list (`items`, `maxItems`…) on a schema without
/// a `type` into its `oneOf` or `anyOf` alternatives of `type: array`, when
/// every alternative says its type: slack's profile `fields`, `{items:
/// {type: object}, oneOf: [{type: object}, {type: array, items: {}}]}`, as
/// Swagger 2 converters write "an object or a list of them". typify merged
/// the `items` into each alternative, and an object with `items` into
/// nothing: the member was a list, and the mock's sample, an object, did
/// not decode. The keywords apply only to a list, so they mean the same
/// on the alternative that is one.
fn list_keywords_beside_alternatives(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    const LIST: [&str; 4] = ["items", "uniqueItems", "minItems", "maxItems"];
    if map.contains_key("type") || !LIST.iter().any(|keyword| map.contains_key(*keyword)) {
        return;
    }
    let Some((choice, alternatives)) = alternatives_of(map) else {
        return;
    };
    let kinds: Vec<Option<&str>> = alternatives
        .iter()
        .map(|alternative| alternative.get("type").and_then(Value::as_str))
        .collect();
    // A `$ref`'d alternative, or one without a type, may be a list the
    // keywords cannot be written into; and if every one is a list,
    // typify's merge already reads them.
    if kinds.iter().any(Option::is_none) || kinds.iter().all(|kind| *kind == Some("array")) {
        return;
    }
    let moved: Vec<(&str, Value)> = LIST
        .into_iter()
        .filter_map(|keyword| map.remove(keyword).map(|value| (keyword, value)))
        .collect();
    let Some(Value::Array(alternatives)) = map.get_mut(choice) else {
        return;
    };
    for alternative in alternatives.iter_mut().filter_map(Value::as_object_mut) {
        if alternative.get("type").and_then(Value::as_str) != Some("array") {
            continue;
        }
        for (keyword, value) in &moved {
            // The alternative's own keyword says more than the one beside
            // it, unless it is the empty `items: {}` converters write.
            let own = alternative.get(*keyword);
            if own.is_none() || own.is_some_and(|own| own.as_object().is_some_and(Map::is_empty)) {
                alternative.insert((*keyword).to_owned(), value.clone());
            }
        }
    }
    for (keyword, _) in moved {
        readings.warn(
            &format!("{pointer}/{keyword}"),
            format!(
                "`{keyword}` beside a `{choice}` of several types, on a schema without a \
                 `type`: read as a keyword of its alternatives that are lists"
            ),
        );
    }
}

/// Gives an `enum` without a `type` the type all its values have but
/// `null` (plaid's `OwnershipType`, `{nullable: true, enum: [null,
/// individual, joint]}`): typify refused it ("value does not conform to the
/// given schema") and the component was untyped. Values of several scalar
/// types (nexmo's `delivered`, `enum: [true, false, 0, 1]`) are read as a
/// `oneOf` of an `enum` of each type, which admits the same values: typify
/// panicked ("multiple implied types for an un-typed enum").
fn enum_without_a_type(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    if map.contains_key("type")
        || ["$ref", "allOf", "oneOf", "anyOf", "not"]
            .iter()
            .any(|keyword| map.contains_key(*keyword))
    {
        return;
    }
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    // Each type, in the order its first value comes, with its values.
    let mut kinds: Vec<(&str, Vec<Value>)> = Vec::new();
    for value in values.iter().filter(|value| !value.is_null()) {
        let kind = json_type(value);
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, listed)) => listed.push(value.clone()),
            None => kinds.push((kind, vec![value.clone()])),
        }
    }
    let at = format!("{pointer}/enum");
    match kinds.as_slice() {
        [] => {}
        [(kind, _)] => {
            let kind = *kind;
            map.insert("type".to_owned(), Value::from(kind));
            readings.warn(
                &at,
                format!(
                    "an `enum` without a `type`, of values of type `{kind}`: read as `type: {kind}`"
                ),
            );
        }
        _ if kinds
            .iter()
            .any(|(kind, _)| matches!(*kind, "array" | "object")) => {}
        _ => {
            let names: Vec<String> = kinds.iter().map(|(kind, _)| format!("`{kind}`")).collect();
            let members: Vec<Value> = kinds
                .into_iter()
                .map(|(kind, values)| serde_json::json!({"type": kind, "enum": values}))
                .collect();
            if values.contains(&Value::Null) {
                map.insert("nullable".to_owned(), Value::Bool(true));
            }
            map.remove("enum");
            map.insert("oneOf".to_owned(), Value::Array(members));
            readings.warn(
                &at,
                format!(
                    "an `enum` without a `type`, of values of types {}: read as a `oneOf` of an \
                     `enum` of each type",
                    names.join(" and ")
                ),
            );
        }
    }
}

/// The JSON Schema `type` of `value`: `integer` for a whole number.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Mends the `enum` of a schema whose values are not all of its type: one
/// written as text (bungie's `type: integer` with `enum: ["1", "2", …]`)
/// leaves the `enum` out, a value of another type is left out, and so is a
/// value listed again (okta's `GrantType`). typify refused the schema over
/// the first two ("value does not conform to the given schema") and
/// panicked over the third. A string enum's numbers and booleans are
/// [`string_enum`]'s.
fn enum_values(map: &mut Map<String, Value>, pointer: &str, kind: &str, readings: &mut Readings) {
    // `null` among the values of a schema not `nullable` (plaid's
    // `PayFrequencyValue`): typify reads an `Option`, but named its inner
    // type as the schema, and the crate would define both.
    let null_listed =
        matches!(map.get("enum"), Some(Value::Array(values)) if values.contains(&Value::Null));
    if null_listed && map.get("nullable") != Some(&Value::Bool(true)) {
        map.insert("nullable".to_owned(), Value::Bool(true));
        readings.warn(
            &format!("{pointer}/enum"),
            "`null` is among the `enum` values: read as `nullable: true` as well".to_owned(),
        );
    }
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    let Some(Value::Array(values)) = map.get_mut("enum") else {
        return;
    };
    // A string enum's numbers and booleans are `string_enum`'s.
    let as_text: Vec<String> = match kind {
        "string" => Vec::new(),
        _ => values
            .iter()
            .filter(|value| read_as(kind, value).is_some())
            .map(Value::to_string)
            .collect(),
    };
    if !as_text.is_empty() {
        // An enum of numbers is closed: a spec that cannot write its own
        // values as its type says too little of the values the server sends
        // (bungie's are bit flags, whose sums it sends too) to refuse others.
        let more = if as_text.len() > 3 { ", …" } else { "" };
        let message = format!(
            "the `enum` values of this `{kind}` are written as text ({}{more}): the `enum` is \
             left out, and any `{kind}` read",
            as_text[..as_text.len().min(3)].join(", ")
        );
        map.remove("enum");
        readings.warn(&format!("{pointer}/enum"), message);
        return;
    }
    let mut kept: Vec<Value> = Vec::with_capacity(values.len());
    for (index, value) in std::mem::take(values).into_iter().enumerate() {
        let at = format!("{pointer}/enum/{index}");
        if kept.contains(&value) {
            readings.warn(
                &at,
                format!("the `enum` value {value} is listed again: left out"),
            );
        } else if fits_type(kind, &value)
            || value.is_null() && nullable
            || kind == "string" && !value.is_object() && !value.is_array()
        {
            // A string enum's other scalars are as they were: typify reads
            // them. An object or list among its values (enode's
            // `{override: true}` beside its reasons) typify refused.
            kept.push(value);
        } else {
            let message = format!("the `enum` value {value} is not of type `{kind}`: left out");
            readings.warn(&at, message);
        }
    }
    if kept.is_empty() {
        map.remove("enum");
    } else {
        *values = kept;
    }
}

fn string_enum(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(values)) = map.get_mut("enum") else {
        return;
    };
    for (index, value) in values.iter_mut().enumerate() {
        let text = match value {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        readings.warn(
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
        readings.warn(&format!("{pointer}/enum"), message);
    }
}

/// Leaves out the `minLength` and `maxLength` of a string `enum` that lists
/// a value they do not admit (adyen's `gender`, `MALE` or `FEMALE` with
/// `maxLength: 1`): typify keeps only the values that fit, and an enum of
/// none is a type no value decodes into. The values say what is sent.
fn lengths_beside_an_enum(map: &mut Map<String, Value>, pointer: &str, readings: &mut Readings) {
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    let (min, max) = (
        map.get("minLength").and_then(Value::as_u64),
        map.get("maxLength").and_then(Value::as_u64),
    );
    let misfit = values.iter().filter_map(Value::as_str).find(|value| {
        let length = value.chars().count() as u64;
        min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max)
    });
    let Some(misfit) = misfit else {
        return;
    };
    let message = format!(
        "the `enum` value \"{misfit}\" is outside the string's own `minLength`/`maxLength`: \
         the lengths are left out, and the values kept"
    );
    map.remove("minLength");
    map.remove("maxLength");
    readings.warn(pointer, message);
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

/// Leaves out a `default` that is not an object on a schema without a
/// `type` that has `properties` (vtex's fixed prices, `items: {default:
/// [], properties: {…}}`): typify read the schema as an object, refused
/// the default, and the body was any JSON value.
fn default_of_an_object_without_a_type(
    map: &mut Map<String, Value>,
    pointer: &str,
    readings: &mut Readings,
) {
    let shaped = ["allOf", "anyOf", "oneOf", "$ref", "enum"]
        .iter()
        .any(|keyword| map.contains_key(*keyword));
    if shaped || !map.contains_key("properties") {
        return;
    }
    let Some(value) = map
        .get("default")
        .filter(|value| !value.is_object() && !value.is_null())
        .cloned()
    else {
        return;
    };
    map.remove("default");
    readings.warn(
        &format!("{pointer}/default"),
        format!("`default: {value}` of an object (its `properties`) is not one: left out"),
    );
}

fn default(map: &mut Map<String, Value>, pointer: &str, kind: &str, readings: &mut Readings) {
    let Some(written) = map.get("default").cloned() else {
        return;
    };
    let at = format!("{pointer}/default");
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    if written.is_null() {
        if !nullable {
            map.remove("default");
            readings.warn(
                &at,
                "`default: null` where the value cannot be null: left out".to_owned(),
            );
        }
        return;
    }
    let read = read_as(kind, &written);
    if let Some(read) = &read {
        readings.warn(
            &at,
            format!("`default: {written}` of a `{kind}` is read as `{read}`"),
        );
        map.insert("default".to_owned(), read.clone());
    }
    let value = read.unwrap_or(written);
    // typify refuses the default of a one-value enum, which a tagged
    // union's tag property often has; it gives that value anyway.
    if let Some(Value::Array(allowed)) = map.get("enum")
        && allowed.as_slice() == [value.clone()]
    {
        map.remove("default");
        readings.warn(
            &at,
            format!("`default: {value}` is the one value allowed: left out, as it says no more"),
        );
        return;
    }
    if let Some(why) = misfit(map, kind, &value) {
        map.remove("default");
        readings.warn(&at, format!("`default: {value}` {why}: left out"));
    }
}

/// `written` as a value of type `kind`, when it is one written as another
/// JSON type: a boolean or number as text, or a string's text as a number
/// or boolean.
fn read_as(kind: &str, written: &Value) -> Option<Value> {
    match (kind, written) {
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
    }
}

/// Whether `value` is of the JSON type `kind` (any, for a type OpenAPI does
/// not name).
fn fits_type(kind: &str, value: &Value) -> bool {
    match kind {
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

/// Whether the integer `value` fits the Rust type typify gives its schema:
/// `i32` for `format: int32`, else `i64`, or `u64` from a `minimum` of 0
/// (graphhopper's `max_time_in_vehicle` defaults to 9223372036854776000,
/// Java's `Long.MAX_VALUE` as JavaScript prints it; the generated default
/// panicked converting it).
fn in_range(map: &Map<String, Value>, value: &Value) -> bool {
    let unsigned = map
        .get("minimum")
        .and_then(Value::as_f64)
        .is_some_and(|minimum| minimum >= 0.0);
    match (map.get("format").and_then(Value::as_str), value.as_i64()) {
        (Some("int32"), Some(number)) => i32::try_from(number).is_ok() || unsigned,
        (Some("int32"), None) => false,
        (_, Some(_)) => true,
        (_, None) => unsigned && value.is_u64(),
    }
}

/// Why `value` cannot be the value of a schema of type `kind`, if it cannot.
/// A list's items and an object's members are looked at where their schema
/// is written inline with a `type` (netbox's `phase`, whose default has a
/// member `id` its schema does not list; nordigen's list of lists, whose
/// default is a list of strings): typify refused them.
fn misfit(map: &Map<String, Value>, kind: &str, value: &Value) -> Option<String> {
    if !fits_type(kind, value) {
        return Some(format!("is not a `{kind}`"));
    }
    match value {
        Value::Array(items) => {
            if let Some(why) = items.iter().find_map(|item| {
                let why = inner_misfit(map.get("items"), item)?;
                Some(format!("has an item {item} that {why}"))
            }) {
                return Some(why);
            }
        }
        Value::Object(members) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, member) in members {
                    let Some(schema) = properties.get(name) else {
                        return Some(format!("has a member `{name}` the schema does not list"));
                    };
                    if let Some(why) = inner_misfit(Some(schema), member) {
                        return Some(format!("has a member `{name}` that {why}"));
                    }
                }
            }
            let required = map.get("required").and_then(Value::as_array);
            if let Some(name) = required
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .find(|name| !members.contains_key(*name))
            {
                return Some(format!("lacks the required member `{name}`"));
            }
        }
        _ => {}
    }
    if kind == "integer" && !in_range(map, value) {
        return Some("is beyond the range of its integer type".to_owned());
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

/// Why `value` cannot be a value of `schema`, an item's or a member's, when
/// it is written inline with a `type` (a `$ref`'s type is not known here).
fn inner_misfit(schema: Option<&Value>, value: &Value) -> Option<String> {
    let schema = schema?.as_object()?;
    let kind = schema.get("type").and_then(Value::as_str)?;
    if value.is_null() {
        return (schema.get("nullable") != Some(&Value::Bool(true)))
            .then(|| "is `null`".to_owned());
    }
    misfit(schema, kind, value)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{S, convert, yaml};
    use super::*;

    #[test]
    fn a_pattern_with_inline_flags_is_left_out() {
        assert!(has_inline_flags("(?i)^[0-9a-f]{8}$"));
        assert!(has_inline_flags("^(?i:abc)$"));
        assert!(!has_inline_flags("^(?:ab)+(?=c)(?!d)(?<e>f)$"));
        assert!(!has_inline_flags("^\\(?i\\)$"));
        let (schema, said) = convert("3.0.3", "type: string\npattern: '(?i)^[0-9a-f]{8}$'\n");
        assert_eq!(schema, yaml("{type: string}"));
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].1, format!("{S}/pattern"));
    }

    #[test]
    fn integer_bounds_beyond_64_bits_are_clamped() {
        let (schema, said) = convert(
            "3.0.3",
            "type: integer\nformat: int64\nminimum: -9223372036854776000\nmaximum: 9223372036854776000\n",
        );
        assert_eq!(
            schema,
            json!({"type": "integer", "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX})
        );
        assert_eq!(said[0].1, format!("{S}/minimum"));
        assert_eq!(said[0].0, 11);
        assert!(
            said[1]
                .2
                .contains("is read as `maximum: 9223372036854775807`"),
            "{said:?}"
        );

        let (schema, said) = convert(
            "3.0.3",
            "type: integer\nformat: uint64\nminimum: 0\nmaximum: 1.8446744073709552e19\n",
        );
        assert_eq!(schema, yaml("{type: integer, format: uint64, minimum: 0}"));
        assert!(
            said[0].2.contains("beyond the u64 range: left out"),
            "{said:?}"
        );

        let (schema, _) = convert("3.0.3", "type: integer\nminimum: 0.5\nmaximum: 10.0\n");
        assert_eq!(schema, yaml("{type: integer, minimum: 1, maximum: 10}"));

        // FastAPI's `exclusiveMinimum: 0.0` in 3.1 (arize phoenix's,
        // polar's): a bound of 0, excluded. It was left out, and the spec
        // refused for the `exclusiveMinimum: true` left without it.
        let (schema, _) = convert("3.1.0", "type: integer\nexclusiveMinimum: 0.0\n");
        assert_eq!(
            schema,
            yaml("{type: integer, minimum: 0, exclusiveMinimum: true}")
        );
        // Past a bound that is not whole, the integer next to it is in.
        let (schema, _) = convert("3.1.0", "type: integer\nexclusiveMaximum: 9.5\n");
        assert_eq!(schema, yaml("{type: integer, maximum: 9}"));
        // A bound left out takes its `exclusive…` flag with it.
        let (schema, _) = convert(
            "3.0.3",
            "type: integer\nformat: uint64\nmaximum: 1.8446744073709552e19\nexclusiveMaximum: true\n",
        );
        assert_eq!(schema, yaml("{type: integer, format: uint64}"));
    }

    /// `schema` read as component `name`, with `shapes`: the map, and what
    /// the readings said.
    fn read_component(
        schema: Value,
        name: &str,
        shapes: &ComponentShapes,
    ) -> (Map<String, Value>, Vec<(String, String)>) {
        let Value::Object(mut map) = schema else {
            panic!("a schema is a mapping");
        };
        let mut readings = Readings::default();
        let pointer = format!("/components/schemas/{name}");
        apply_readings(&mut map, &pointer, shapes, &mut readings);
        (map, readings.warnings)
    }

    fn read_schema(schema: Value) -> (Value, Vec<(String, String)>) {
        let Value::Object(mut map) = schema else {
            panic!("a schema is a mapping");
        };
        let mut readings = Readings::default();
        let shapes = ComponentShapes {
            unions: ["Voices".to_owned()].into_iter().collect(),
            values: ["ModelIdsShared".to_owned()].into_iter().collect(),
            merged: ["CustomFields".to_owned()].into_iter().collect(),
            extended: ["BaseElement".to_owned()].into_iter().collect(),
            overlaid: Overlaid::new(),
            enums: [
                ("Direction".to_owned(), vec![json!("Left"), json!("Right")]),
                (
                    "NetworkResourceType".to_owned(),
                    vec![json!("host"), json!("subnet"), json!("domain")],
                ),
            ]
            .into_iter()
            .collect(),
            objects: ["QueryContainer".to_owned()].into_iter().collect(),
            object_unions: ["TokenizerType".to_owned()].into_iter().collect(),
            merged_schemas: BTreeMap::new(),
            merged_beside: BTreeMap::new(),
            member_types: BTreeMap::new(),
            scalars: [
                ("Precision".to_owned(), vec!["number".to_owned()]),
                (
                    "TrackHits".to_owned(),
                    vec!["boolean".to_owned(), "integer".to_owned()],
                ),
                (
                    "SourceConfig".to_owned(),
                    vec!["boolean".to_owned(), OTHER.to_owned()],
                ),
            ]
            .into_iter()
            .collect(),
        };
        apply_readings(&mut map, "/S", &shapes, &mut readings);
        let said = readings.warnings;
        (Value::Object(map), said)
    }

    #[test]
    fn keywords_of_another_type_are_left_out() {
        // github's hook delivery `payload`, and box's timeline `appears`.
        let (schema, warnings) = read_schema(json!({
            "type": "string",
            "nullable": true,
            "additionalProperties": true,
            "properties": {"a": {"type": "string"}},
            "minLength": 2
        }));
        assert_eq!(
            schema,
            json!({"type": "string", "nullable": true, "minLength": 2})
        );
        let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/S/properties", "/S/additionalProperties"]);
        assert!(
            warnings[1].1.contains("does not apply to type `string`"),
            "{warnings:?}"
        );
        let (schema, _) = read_schema(json!({
            "type": "array",
            "items": {"type": "string"},
            "required": ["start"]
        }));
        assert!(schema.get("required").is_none(), "{schema}");
        // just-eat's `BasketTotals`: the type says an object.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "items": {"$ref": "#/components/schemas/BasketTotals"}
        }));
        assert_eq!(schema, json!({"type": "object"}));
        assert_eq!(warnings[0].0, "/S/items");
        // An object keeps its own.
        let object = json!({
            "type": "object",
            "additionalProperties": {"type": "string"},
            "minProperties": 1
        });
        assert_eq!(read_schema(object.clone()).0, object);
    }

    #[test]
    fn a_member_a_number_in_one_part_and_an_integer_in_another_is_an_integer() {
        // As github writes `workflow_job` in its workflow job events.
        let (schema, warnings) = read_schema(json!({
            "allOf": [
                {
                    "type": "object",
                    "required": ["run_id"],
                    "properties": {
                        "run_id": {"type": "number", "format": "double"},
                        "runner_id": {"type": "integer", "nullable": true},
                        "ratio": {"type": "number"}
                    }
                },
                {
                    "type": "object",
                    "properties": {
                        "run_id": {"type": "integer"},
                        "runner_id": {"type": "number", "nullable": true},
                        "ratio": {"type": "number"}
                    }
                }
            ]
        }));
        assert_eq!(
            schema["allOf"][0]["properties"]["run_id"],
            json!({"type": "integer"})
        );
        assert_eq!(
            schema["allOf"][1]["properties"]["runner_id"],
            json!({"type": "integer", "nullable": true})
        );
        // A member every part calls a number stays one.
        assert_eq!(schema["allOf"][0]["properties"]["ratio"]["type"], "number");
        assert_eq!(schema["allOf"][1]["properties"]["ratio"]["type"], "number");
        let pointers: Vec<&str> = warnings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/S/allOf/0/properties/run_id/type",
                "/S/allOf/1/properties/runner_id/type"
            ]
        );
        assert!(warnings[0].1.contains("read as an integer"), "{warnings:?}");
    }

    #[test]
    fn a_closed_schema_is_opened_to_the_members_of_its_parts() {
        // As shipengine writes `address`, and jira `JqlQueryClause`.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["name"],
            "allOf": [{"$ref": "#/components/schemas/PartialAddress"}]
        }));
        assert!(schema.get("additionalProperties").is_none(), "{schema}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/additionalProperties");
        assert!(
            warnings[0]
                .1
                .contains("beside `allOf` is left out: it would forbid the members of each `$ref`"),
            "{warnings:?}"
        );
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"field": {"type": "string"}},
            "anyOf": [
                {"properties": {"field": {"type": "string"}, "operator": {"type": "string"}}},
                {"properties": {"clauses": {"type": "array", "items": {}}}}
            ]
        }));
        assert!(schema.get("additionalProperties").is_none(), "{schema}");
        assert!(
            warnings[0]
                .1
                .contains("forbid `clauses`, `operator`, which"),
            "{warnings:?}"
        );

        // Parts that only narrow the members the schema lists, and an open
        // schema, keep what they say.
        let closed = json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
        });
        let (schema, warnings) = read_schema(closed);
        assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
        assert!(
            !warnings
                .iter()
                .any(|(_, said)| said.contains("beside `oneOf`")),
            "{warnings:?}"
        );
        let typed = json!({
            "type": "object",
            "additionalProperties": {"type": "string"},
            "anyOf": [{"$ref": "#/components/schemas/ThreeDs"}]
        });
        assert_eq!(read_schema(typed.clone()).0, typed);
    }

    #[test]
    fn a_closed_component_an_all_of_extends_is_opened() {
        // json2video's elements: `allOf: [{…}, {$ref: BaseElement}]`, each
        // part closed.
        let shapes = ComponentShapes::of(
            json!({"components": {"schemas": {
                "Html": {"allOf": [
                    {"properties": {"html": {"type": "string"}}},
                    {"$ref": "#/components/schemas/BaseElement"}
                ]},
                "Nullable": {"allOf": [{"$ref": "#/components/schemas/Alone"}]},
                "Assembly": {
                    "allOf": [{"$ref": "#/components/schemas/Artifact"}],
                    "properties": {"assemblyName": {"type": "string"}}
                },
                "ShippingAddress": {"allOf": [
                    {"$ref": "#/components/schemas/Address"},
                    {"$ref": "#/components/schemas/Instructions"}
                ]},
                "Address": {"allOf": [{"$ref": "#/components/schemas/PartialAddress"}]},
                // meilisearch's `DetailsView`, as 3.1 writes a nullable part.
                "DetailsView": {"allOf": [
                    {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Settings"}]},
                    {"properties": {"receivedDocuments": {"type": "integer"}}}
                ]},
                // algolia's `SearchForHits`: a union whose alternative is
                // closed, merged with the search's options; and an inline
                // union so.
                "SearchForHits": {"allOf": [
                    {"$ref": "#/components/schemas/SearchParams"},
                    {"properties": {"indexName": {"type": "string"}}}
                ]},
                "SearchParams": {"oneOf": [
                    {"$ref": "#/components/schemas/SearchParamsString"},
                    {"$ref": "#/components/schemas/SearchParamsObject"}
                ]},
                "Browse": {"allOf": [
                    {"anyOf": [{"$ref": "#/components/schemas/Cursor"}]},
                    {"properties": {"indexName": {"type": "string"}}}
                ]},
                "Alternatives": {"oneOf": [{"$ref": "#/components/schemas/Lone"}]}
            }}})
            .as_object()
            .unwrap(),
        );
        let read = |name: &str| {
            read_component(
                json!({
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {"id": {"type": "string"}}
                }),
                name,
                &shapes,
            )
        };
        // `PartialAddress` through `Address`, which is only its merge.
        let opened = [
            "BaseElement",
            "Artifact",
            "PartialAddress",
            "Settings",
            "SearchParamsString",
            "Cursor",
        ];
        for name in opened {
            let (base, warnings) = read(name);
            assert!(base.get("additionalProperties").is_none(), "{base:?}");
            assert_eq!(
                warnings[0].0,
                format!("/components/schemas/{name}/additionalProperties")
            );
            assert!(
                warnings[0].1.contains("merges beside other members"),
                "{warnings:?}"
            );
        }
        // Merged alone, not merged, or an alternative of a union no
        // `allOf` merges: as written.
        for name in ["Alone", "Elsewhere", "Lone"] {
            let (map, warnings) = read(name);
            assert_eq!(map["additionalProperties"], json!(false), "{name}");
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
        }
    }

    #[test]
    fn a_typed_map_another_part_gives_members_of_other_types_takes_any_value() {
        // Okta's HAL `_embedded`: a map of objects in `User`, and a list of
        // blocks in `UserGetSingleton`'s part.
        let root = json!({"components": {"schemas": {
            "UserGetSingleton": {"allOf": [
                {"$ref": "#/components/schemas/User"},
                {"properties": {"_embedded": {"properties": {
                    "blocks": {"type": "array", "items": {"type": "string"}}
                }}}}
            ]},
            "Team": {"allOf": [
                {"$ref": "#/components/schemas/Group"},
                {"properties": {"_embedded": {"properties": {
                    "owner": {"type": "object"}
                }}}}
            ]}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let read = |name: &str| {
            read_component(
                json!({
                    "type": "object",
                    "properties": {"_embedded": {
                        "type": "object",
                        "additionalProperties": {"type": "object", "properties": {}}
                    }}
                }),
                name,
                &shapes,
            )
        };
        let (user, warnings) = read("User");
        assert_eq!(
            user["properties"]["_embedded"]["additionalProperties"],
            json!(true)
        );
        assert_eq!(
            warnings[0].0,
            "/components/schemas/User/properties/_embedded/additionalProperties"
        );
        assert!(
            warnings[0].1.contains("of type `object` on `_embedded`"),
            "{warnings:?}"
        );
        // Members of the map's own type, or not merged: as written.
        for name in ["Group", "Elsewhere"] {
            let (map, warnings) = read(name);
            assert!(
                map["properties"]["_embedded"]["additionalProperties"].is_object(),
                "{name}"
            );
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
        }
    }

    #[test]
    fn a_closed_part_of_an_all_of_is_opened_to_the_other_parts() {
        // As linode writes its pages.
        let (schema, warnings) = read_schema(json!({
            "allOf": [
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {"data": {"type": "array", "items": {"type": "string"}}}
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {"page": {"type": "integer"}, "pages": {"type": "integer"}}
                }
            ]
        }));
        assert!(
            schema["allOf"][0].get("additionalProperties").is_none(),
            "{schema}"
        );
        assert!(
            schema["allOf"][1].get("additionalProperties").is_none(),
            "{schema}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/allOf/0/additionalProperties");
        assert!(warnings[0].1.contains("`page`, `pages`"), "{warnings:?}");
        assert!(warnings[1].1.contains("forbid `data`"), "{warnings:?}");

        // Beside a `$ref` too; but parts that describe the same members, or
        // an open part, keep what they say.
        let (schema, _) = read_schema(json!({
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"additionalProperties": false, "properties": {"id": {"type": "string"}}}
            ]
        }));
        assert!(
            schema["allOf"][1].get("additionalProperties").is_none(),
            "{schema}"
        );
        let agreeing = json!({
            "allOf": [
                {"additionalProperties": false, "properties": {"id": {"type": "string"}}},
                {"required": ["id"], "properties": {"id": {"minLength": 1}}}
            ]
        });
        let (schema, warnings) = read_schema(agreeing.clone());
        assert_eq!(schema, agreeing);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn alternatives_that_only_require_members_are_left_out() {
        // As intercom writes its `create_data_event_request`.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "required": ["created_at"],
            "properties": {
                "event_name": {"type": "string"},
                "created_at": {"type": "integer"},
                "id": {"type": "string"},
                "email": {"type": "string"}
            },
            "anyOf": [
                {"title": "id required", "required": ["event_name", "created_at", "id"]},
                {"title": "email required", "required": ["event_name", "created_at", "email"]}
            ]
        }));
        assert!(schema.get("anyOf").is_none(), "{schema}");
        assert_eq!(schema["required"], json!(["created_at", "event_name"]));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/anyOf");
        assert!(
            warnings[0].1.contains("members (`id`; or `email`)")
                && warnings[0]
                    .1
                    .contains("`event_name`, `created_at` required"),
            "{warnings:?}"
        );

        // OpenAI's `ImageRefParam`: one of two, and not both.
        let (schema, warnings) = read_schema(json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"image_url": {"type": "string"}, "file_id": {"type": "string"}},
            "anyOf": [{"required": ["image_url"]}, {"required": ["file_id"]}],
            "not": {"required": ["image_url", "file_id"]}
        }));
        assert!(
            schema.get("not").is_none() && schema.get("anyOf").is_none(),
            "{schema}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[1].0, "/S/not");
        assert!(
            warnings[1]
                .1
                .contains("(`image_url`, `file_id` not all together)"),
            "{warnings:?}"
        );

        // WorkOS's: none of these present; the members only linter marks.
        let (schema, warnings) = read_schema(json!({"type": "object", "not": {"anyOf": [
            {"properties": {"parent_id": {"x-exclude-from-lint": true}}, "required": ["parent_id"]},
            {"required": ["parent_slug"]}]}}));
        assert_eq!(schema, json!({"type": "object"}));
        assert!(
            warnings[0]
                .1
                .contains("(`parent_id`, `parent_slug` not present)"),
            "{warnings:?}"
        );
        // A `not` that says more than which members are present stays.
        let kept = json!({"not": {"anyOf": [{"required": ["a"]}, {"type": "string"}]}});
        assert_eq!(read_schema(kept.clone()).0, kept);

        // Disjoint alternatives leave nothing more required.
        let (schema, _) = read_schema(json!({
            "type": "object",
            "properties": {"id": {"type": "string"}, "user_id": {"type": "string"}},
            "oneOf": [{"required": ["id"]}, {"required": ["user_id"]}]
        }));
        assert!(
            schema.get("oneOf").is_none() && schema.get("required").is_none(),
            "{schema}"
        );

        // Alternatives that describe a shape are kept.
        let shaped = json!({
            "type": "object",
            "anyOf": [
                {"required": ["id"]},
                {"required": ["name"], "properties": {"name": {"type": "string"}}}
            ]
        });
        let (schema, warnings) = read_schema(shaped.clone());
        assert_eq!(schema, shaped);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn alternatives_of_one_scalar_type_are_that_type() {
        let (schema, warnings) = read_schema(json!({
            "title": "Input Audio",
            "anyOf": [{"type": "string"}, {"type": "string", "format": "binary"}]
        }));
        assert_eq!(schema, json!({"title": "Input Audio", "type": "string"}));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "/S/anyOf");
        assert!(warnings[0].1.contains("`string` (binary)"), "{warnings:?}");

        let (schema, _) = read_schema(json!({
            "oneOf": [
                {"type": "integer", "format": "int64"},
                {"type": "integer", "format": "int64", "nullable": true}
            ]
        }));
        assert_eq!(
            schema,
            json!({"type": "integer", "format": "int64", "nullable": true})
        );

        // Alternatives of other types, with an enum, or behind a `$ref`
        // stay a choice: a `oneOf`, the first that decodes.
        for choice in [
            json!([{"type": "string"}, {"type": "integer"}]),
            json!([{"type": "string", "enum": ["a"]}, {"type": "integer"}]),
            json!([{"$ref": "#/components/schemas/A"}, {"type": "string"}]),
            json!([{"type": "array", "items": {"type": "string"}}, {"type": "array"}]),
        ] {
            let (schema, warnings) = read_schema(json!({"anyOf": choice.clone()}));
            assert_eq!(schema, json!({"oneOf": choice}));
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].1.contains("reads as `oneOf`"), "{warnings:?}");
        }
        // Objects, which typify's struct of alternatives decodes, and a
        // schema that is already a `oneOf` stay as they are.
        for kept in [
            json!({"anyOf": [{"type": "object"}, {"$ref": "#/components/schemas/A"}]}),
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}],
                "anyOf": [{"type": "string"}]}),
        ] {
            let (schema, warnings) = read_schema(kept.clone());
            assert_eq!(schema, kept);
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    #[test]
    fn a_format_of_an_object_or_list_is_left_out() {
        let (schema, said) = read_schema(json!({"type": "object", "format": "kvpairs"}));
        assert_eq!(schema, json!({"type": "object"}));
        assert_eq!(said[0].0, "/S/format");
        assert!(said[0].1.contains("`format: \"kvpairs\"`"), "{said:?}");
        let (schema, _) = read_schema(json!({"type": "array", "format": "ipv4", "items": {}}));
        assert_eq!(schema, json!({"type": "array", "items": {}}));
        let (schema, said) = read_schema(json!({"type": "string", "minLength": 0, "maxLength": 3}));
        assert_eq!(schema, json!({"type": "string", "maxLength": 3}));
        assert_eq!(said[0].0, "/S/minLength");
        let (schema, said) =
            read_schema(json!({"type": "array", "items": {}, "minimum": 0, "maxItems": 3}));
        assert_eq!(schema, json!({"type": "array", "items": {}, "maxItems": 3}));
        assert_eq!(said[0].0, "/S/minimum");
        let (schema, said) =
            read_schema(json!({"type": "array", "items": {}, "required": ["start", "end"]}));
        assert_eq!(schema, json!({"type": "array", "items": {}}));
        assert_eq!(said[0].0, "/S/required");
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
        let (read, said) =
            read_schema(json!({"type": "string", "enum": ["tag"], "default": "tag"}));
        assert_eq!(read, json!({"type": "string", "enum": ["tag"]}));
        assert_eq!(said[0].0, "/S/default");
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
    fn lengths_an_enum_value_is_outside_of_are_left_out() {
        let (read, warnings) = read_schema(json!({
            "type": "string",
            "enum": ["MALE", "FEMALE", "UNKNOWN"],
            "maxLength": 1
        }));
        assert_eq!(
            read,
            json!({"type": "string", "enum": ["MALE", "FEMALE", "UNKNOWN"]})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].1.contains("\"MALE\""), "{warnings:?}");
        // Lengths every value keeps stay.
        let fitting =
            json!({"type": "string", "enum": ["GB", "FR"], "minLength": 2, "maxLength": 2});
        assert_eq!(read_schema(fitting.clone()), (fitting, Vec::new()));
    }

    #[test]
    fn alternatives_no_value_matches_are_left_out() {
        // typebot's mock answers.
        let (schema, said) = read_schema(json!({"anyOf": [{}, {"not": {}}]}));
        assert_eq!(schema, json!({"anyOf": [{}]}));
        assert!(said.is_empty(), "{said:?}");
        let (schema, _) = read_schema(json!({"oneOf": [{"not": {}},
            {"$ref": "#/components/schemas/A"}, {"not": {"type": "string"}}]}));
        assert_eq!(
            schema["oneOf"],
            json!([{"$ref": "#/components/schemas/A"}, {"not": {"type": "string"}}])
        );
        // Alone, it says what it says.
        let never = json!({"anyOf": [{"not": {}}]});
        assert_eq!(read_schema(never.clone()).0, never);
    }

    #[test]
    fn unions_in_a_merged_union_are_its_alternatives() {
        // typebot's `input`.
        let a = json!({"$ref": "#/components/schemas/A"});
        let b = json!({"$ref": "#/components/schemas/B"});
        let c = json!({"type": "object", "properties": {"c": {"type": "string"}}});
        let rest = json!({"type": "object", "properties": {"prefilled": {"type": "string"}}});
        let (schema, said) = read_schema(json!({"allOf": [
            {"anyOf": [{"anyOf": [a, b]}, {"description": "More.", "anyOf": [c]}]}, rest]}));
        assert_eq!(schema, json!({"allOf": [{"anyOf": [a, b, c]}, rest]}));
        assert!(said.is_empty(), "{said:?}");
        // Beside an `allOf` too; a union that is not merged stays as written.
        let (schema, _) = read_schema(json!({"allOf": [rest],
            "anyOf": [{"anyOf": [a, b]}, c]}));
        assert_eq!(schema["anyOf"], json!([a, b, c]));
        let alone = json!({"anyOf": [{"anyOf": [a, b]}, c]});
        assert_eq!(read_schema(alone.clone()).0["anyOf"], alone["anyOf"]);
    }

    #[test]
    fn bounds_of_a_number_without_a_type_are_a_number() {
        // PingOne's `logLevel`.
        let (schema, said) = read_schema(json!({"title": "Log level", "minimum": 1,
            "maximum": 4}));
        assert_eq!(
            schema,
            json!({"title": "Log level", "minimum": 1, "maximum": 4, "type": "number"})
        );
        assert_eq!(said[0].0, "/S");
        // PingOne's `displayName`: a string, whose `minLength: 0` then goes.
        let (schema, said) = read_schema(json!({"minLength": 0, "maxLength": 256}));
        assert_eq!(schema, json!({"maxLength": 256, "type": "string"}));
        assert_eq!(said.len(), 2, "{said:?}");
        // With a shape or a format, the bounds are not all it says.
        for kept in [
            json!({"minimum": 1, "enum": [1, 2]}),
            json!({"minimum": 1, "allOf": [{"$ref": "#/components/schemas/A"}]}),
            json!({"minimum": 1, "type": "integer"}),
        ] {
            let (_, said) = read_schema(kept.clone());
            assert!(
                !said
                    .iter()
                    .any(|(_, message)| message.contains("number's bounds")),
                "{said:?}"
            );
        }
    }

    #[test]
    fn a_pattern_a_listed_value_does_not_match_is_left_out() {
        // vapi's `role`: the name of a constant where its pattern should be.
        let (schema, said) = read_schema(json!({"pattern": "ORG_ROLE_OR_CUSTOM_ROLE_PATTERN",
            "oneOf": [{"type": "string", "enum": ["admin", "viewer"]},
                {"type": "string", "pattern": "^org-[a-z0-9-]+$"}]}));
        assert!(schema.get("pattern").is_none(), "{schema}");
        assert_eq!(said[0].0, "/S/pattern");
        assert!(said[0].1.contains("\"admin\""), "{said:?}");
        let (schema, _) =
            read_schema(json!({"type": "string", "pattern": "^[a-z]+$", "enum": ["a", "B"]}));
        assert!(schema.get("pattern").is_none(), "{schema}");
        // Values that match keep it.
        let kept = json!({"type": "string", "pattern": "^[a-z]+$", "enum": ["a", "b"]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn the_default_of_an_any_of_with_a_union_among_its_alternatives_is_left_out() {
        // vocode's `action_trigger`.
        let union = json!({"oneOf": [{"$ref": "#/components/schemas/A"},
            {"$ref": "#/components/schemas/B"}]});
        let (schema, said) = read_schema(json!({"title": "Action Trigger", "default": {},
            "anyOf": [union, {"$ref": "#/components/schemas/O"}]}));
        assert!(schema.get("default").is_none(), "{schema}");
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/default");
        // Alternatives that are no unions keep it, as a `oneOf` does.
        for kept in [
            json!({"default": {}, "anyOf": [{"$ref": "#/components/schemas/A"},
                {"$ref": "#/components/schemas/O"}]}),
            json!({"default": {}, "oneOf": [union, {"$ref": "#/components/schemas/O"}]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
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

        // hookdeck's `OrderByDirection`: typify merges the alternatives.
        let (schema, said) = read_schema(json!({"description": "Order.", "anyOf": [
            {"enum": ["asc"]}, {"enum": ["desc"]}, {"type": "string", "enum": ["ASC"]},
            {"enum": ["DESC"], "description": "Down."}]}));
        assert_eq!(schema, json!({"description": "Order.", "type": "string"}));
        assert_eq!(said.last().unwrap().0, "/S/anyOf", "{said:?}");
        assert!(
            said.last().unwrap().1.contains("\"asc\" and \"ASC\""),
            "{said:?}"
        );
        // Apart, or beside other alternatives: the union stays.
        let (schema, _) = read_schema(json!({"oneOf": [{"enum": ["asc"]}, {"enum": ["desc"]}]}));
        assert_eq!(schema["oneOf"].as_array().map(Vec::len), Some(2));
        let (schema, _) = read_schema(json!({"oneOf": [{"enum": ["asc", "ASC"]},
            {"type": "object", "properties": {"a": {"type": "string"}}}]}));
        assert!(schema.get("oneOf").is_some(), "{schema}");

        // vapi's punctuation marks, each a Rust name of none: the items
        // lose their enum first, and then the list's, moved to them.
        let (schema, said) = convert(
            "3.0.3",
            "type: array\nenum: ['。', '，', '.', '!']\n\
             items:\n  type: string\n  enum: ['。', '，', '.', '!']\n",
        );
        assert_eq!(
            schema,
            json!({"type": "array", "items": {"type": "string"}})
        );
        let pointers: Vec<String> = said.iter().map(|(_, at, _)| at.replace(S, "")).collect();
        assert_eq!(pointers, ["/enum", "/enum", "/items/enum"], "{said:?}");
    }

    #[test]
    fn enum_values_not_of_their_type_or_listed_again_are_left_out() {
        // bungie's integer enums (bit flags), written as text.
        let (schema, said) = read_schema(json!({"type": "integer", "format": "int64",
            "enum": ["1", "2", "4", 8]}));
        assert_eq!(schema, json!({"type": "integer", "format": "int64"}));
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/enum");
        assert!(said[0].1.contains("(\"1\", \"2\", \"4\")"), "{said:?}");
        // okta's GrantType lists a value twice; typify panicked.
        let (schema, said) = read_schema(json!({"type": "string",
            "enum": ["implicit", "jwt-bearer", "password", "jwt-bearer"]}));
        assert_eq!(
            schema["enum"],
            json!(["implicit", "jwt-bearer", "password"])
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/enum/3");
        // A value of no reading; a `null` makes the schema nullable.
        let (schema, said) = read_schema(json!({"type": "number", "enum": [1.5, {}, null]}));
        assert_eq!(
            schema,
            json!({"type": "number", "nullable": true, "enum": [1.5, null]})
        );
        let pointers: Vec<&str> = said.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(pointers, ["/S/enum", "/S/enum/1"], "{said:?}");
        // plaid's `PayFrequencyValue`: typify named two types alike.
        let (schema, said) =
            read_schema(json!({"type": "string", "enum": ["weekly", "unknown", null]}));
        assert_eq!(schema["nullable"], true, "{schema}");
        assert_eq!(schema["enum"], json!(["weekly", "unknown", null]));
        assert!(said[0].1.contains("read as `nullable: true`"), "{said:?}");
        // Nothing left.
        // enode's `isChargingReasons` items.
        let (schema, said) =
            read_schema(json!({"type": "string", "enum": [{"override": true}, "DEFAULT"]}));
        assert_eq!(schema["enum"], json!(["DEFAULT"]), "{schema}");
        assert_eq!(said[0].0, "/S/enum/0");
        let (schema, _) = read_schema(json!({"type": "boolean", "enum": [[]]}));
        assert_eq!(schema, json!({"type": "boolean"}));
        // A null among the values of a nullable enum stays.
        let kept = json!({"type": "integer", "nullable": true, "enum": [1, null]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_default_whose_items_or_members_do_not_fit_is_left_out() {
        // netbox's `phase`: a member `id` its schema does not list.
        let phase = json!({"type": "object", "required": ["label", "value"],
            "properties": {"label": {"type": "string", "enum": ["Single phase"]},
                           "value": {"type": "string"}},
            "default": {"id": 1, "label": "Single phase", "value": "single-phase"}});
        let (schema, said) = read_schema(phase.clone());
        assert!(schema.get("default").is_none(), "{schema}");
        assert!(
            said[0]
                .1
                .contains("has a member `id` the schema does not list"),
            "{said:?}"
        );
        // nordigen's list of lists, whose default is a list of strings.
        let (schema, said) = read_schema(json!({"type": "array",
            "items": {"type": "array", "items": {"type": "string"}},
            "default": ["balances", "details"]}));
        assert!(schema.get("default").is_none(), "{schema}");
        assert!(
            said[0]
                .1
                .contains("has an item \"balances\" that is not a `array`"),
            "{said:?}"
        );
        // A member outside its `enum`, a required one missing, a null.
        for (default, why) in [
            (
                json!({"label": "Three", "value": "x"}),
                "member `label` that is not among",
            ),
            (
                json!({"label": "Single phase"}),
                "lacks the required member `value`",
            ),
            (
                json!({"label": "Single phase", "value": null}),
                "member `value` that is `null`",
            ),
        ] {
            let mut schema = phase.clone();
            schema["default"] = default;
            let (schema, said) = read_schema(schema);
            assert!(schema.get("default").is_none(), "{schema}");
            assert!(said[0].1.contains(why), "{why}: {said:?}");
        }
        // What fits stays, and a `$ref`'s member is not looked at.
        let mut fits = phase.clone();
        fits["default"] = json!({"label": "Single phase", "value": "single-phase"});
        let referenced = json!({"type": "object",
            "properties": {"kind": {"$ref": "#/components/schemas/Kind"}},
            "default": {"kind": 3}});
        let listed = json!({"type": "array", "items": {"type": "integer"}, "default": [1, 2]});
        for kept in [fits, referenced, listed] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn an_integer_default_beyond_its_type_is_left_out() {
        let (schema, said) = read_schema(json!({"type": "integer", "format": "int64",
            "default": 9223372036854776000_u64}));
        assert_eq!(schema, json!({"type": "integer", "format": "int64"}));
        assert_eq!(said[0].0, "/S/default");
        assert!(said[0].1.contains("beyond the range"), "{said:?}");
        let (schema, _) = read_schema(
            json!({"type": "integer", "format": "int32", "default": 3_000_000_000_u64}),
        );
        assert!(schema.get("default").is_none(), "{schema}");
        for kept in [
            json!({"type": "integer", "format": "int64", "default": 120}),
            json!({"type": "integer", "minimum": 0, "default": 9223372036854776000_u64}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn a_format_without_a_type_takes_the_type_it_names_or_is_left_out() {
        for (format, kind) in [
            ("date-time", "string"),
            ("string", "string"),
            ("int64", "integer"),
            ("double", "number"),
            ("boolean", "boolean"),
        ] {
            let (schema, said) = read_schema(json!({"description": "D.", "format": format}));
            assert_eq!(schema["type"], kind, "{schema}");
            assert_eq!(said[0].0, "/S/format");
        }
        // Rudder's.
        let (schema, said) = read_schema(json!({"format": "string or JSON", "example": "x"}));
        assert_eq!(schema, json!({"example": "x"}));
        assert!(said[0].1.contains("names no type"), "{said:?}");
        // openmeter's JSON parameter, a map.
        let (schema, said) = read_schema(json!({"format": "application/json",
            "additionalProperties": {"type": "string"}}));
        assert_eq!(schema, json!({"additionalProperties": {"type": "string"}}));
        assert!(said[0].1.contains("on an object"), "{said:?}");
        // Beside a type or a shape, a format is the type's to read.
        for kept in [
            json!({"type": "string", "format": "date-time"}),
            json!({"format": "date-time", "allOf": [{"$ref": "#/components/schemas/When"}]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn the_enum_of_a_list_of_its_items_values_is_its_items() {
        // wordnik's `sourceDictionaries`.
        let (schema, said) = read_schema(json!({"type": "array",
            "items": {"type": "string"}, "enum": ["all", "ahd-5"]}));
        assert_eq!(
            schema,
            json!({"type": "array", "items": {"type": "string", "enum": ["all", "ahd-5"]}})
        );
        assert_eq!(said[0].0, "/S/enum");
        let (schema, _) = read_schema(json!({"type": "array", "items": {}, "enum": [1, 2]}));
        assert_eq!(schema["items"], json!({"type": "integer", "enum": [1, 2]}));
        // Values not of the items' type, or items of their own enum or a
        // `$ref`: as before, the values are left out.
        for written in [
            json!({"type": "array", "items": {"type": "integer"}, "enum": ["a"]}),
            json!({"type": "array", "items": {"type": "string", "enum": ["b"]}, "enum": ["a"]}),
            json!({"type": "array", "items": {"$ref": "#/components/schemas/A"}, "enum": ["a"]}),
        ] {
            let (schema, _) = read_schema(written.clone());
            assert_eq!(schema["items"], written["items"], "{schema}");
            assert!(schema.get("enum").is_none(), "{schema}");
        }
    }

    #[test]
    fn list_keywords_beside_properties_without_a_type_are_left_out() {
        // wordnik's.
        let (schema, said) = read_schema(json!({"uniqueItems": false,
            "properties": {"token": {"type": "string"}}}));
        assert_eq!(schema, json!({"properties": {"token": {"type": "string"}}}));
        assert_eq!(said[0].0, "/S/uniqueItems");
        // wealthreader's `owner`.
        let (schema, said) = read_schema(json!({"items": {"items": {}, "type": "array"},
            "properties": {"ID": {"type": "string"}}, "required": ["ID"]}));
        assert_eq!(
            schema,
            json!({"properties": {"ID": {"type": "string"}}, "required": ["ID"]})
        );
        assert_eq!(said[0].0, "/S/items");
        for kept in [
            json!({"type": "array", "items": {}, "uniqueItems": false}),
            json!({"uniqueItems": true, "items": {}}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn required_beside_alternatives_goes_to_those_that_have_the_members() {
        // gerermesaffaires' document uploads.
        let (schema, said) = read_schema(json!({
            "oneOf": [
                {"type": "object", "properties": {"DocumentId": {"type": "string"}}},
                {"type": "object", "properties": {"Title": {"type": "string"},
                    "File": {"type": "object"}}},
            ],
            "required": ["Title", "File", "Name"],
        }));
        assert_eq!(
            schema,
            json!({"oneOf": [
                {"type": "object", "properties": {"DocumentId": {"type": "string"}}},
                {"type": "object", "properties": {"Title": {"type": "string"},
                    "File": {"type": "object"}}, "required": ["Title", "File"]},
            ]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/required");
        assert!(said[0].1.contains("`Name` left out"), "{said:?}");
        // A member every alternative has is required by each (lob's proofs).
        let (schema, _) = read_schema(json!({
            "anyOf": [
                {"properties": {"id": {"type": "string"}, "a": {"type": "string"}}},
                {"properties": {"id": {"type": "string"}, "b": {"type": "string"}}},
            ],
            "required": ["id", "b"],
        }));
        assert!(schema.get("required").is_none(), "{schema}");
        assert_eq!(schema["anyOf"][0]["required"], json!(["id"]), "{schema}");
        assert_eq!(
            schema["anyOf"][1]["required"],
            json!(["id", "b"]),
            "{schema}"
        );
        // Alternatives through `$ref`, or a schema of its own members: as written.
        for kept in [
            json!({"oneOf": [{"$ref": "#/components/schemas/A"},
                {"properties": {"b": {"type": "string"}}}], "required": ["b"]}),
            json!({"properties": {"b": {"type": "string"}},
                "oneOf": [{"properties": {"c": {"type": "string"}}}], "required": ["b"]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn a_null_default_written_as_text_is_left_out_where_no_text_fits() {
        // Hugging Face's text generation server, as utoipa writes it.
        let (schema, said) = read_schema(json!({"nullable": true, "default": "null",
            "allOf": [{"$ref": "#/components/schemas/StreamDetails"}]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/StreamDetails"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/default");
        let (schema, _) = read_schema(json!({"type": "integer", "nullable": true,
            "default": "null"}));
        assert!(schema.get("default").is_none(), "{schema}");
        // A string may be "null", and a schema that is not nullable keeps
        // what it says for the later readings.
        for kept in [
            json!({"type": "string", "nullable": true, "default": "null"}),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "default": "null"}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn an_any_of_beside_a_one_of_of_its_own_alternatives_is_left_out() {
        // ElevenLabs' speech-to-text answer.
        let (a, b, c) = (
            json!({"$ref": "#/components/schemas/Chunk"}),
            json!({"$ref": "#/components/schemas/Multichannel"}),
            json!({"$ref": "#/components/schemas/Webhook"}),
        );
        let (schema, said) = read_schema(json!({"anyOf": [a, b, c], "oneOf": [a, b]}));
        assert_eq!(schema, json!({"oneOf": [a, b]}));
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/anyOf");
        // One that says more than the `oneOf`: as written.
        let kept = json!({"anyOf": [a], "oneOf": [a, b]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_default_the_referenced_enum_does_not_list_is_left_out() {
        // Hugging Face TEI's, as utoipa writes a serde rename it missed.
        let (schema, said) = read_schema(json!({"default": "right",
            "allOf": [{"$ref": "#/components/schemas/Direction"}]}));
        assert_eq!(
            schema,
            json!({"allOf": [{"$ref": "#/components/schemas/Direction"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/default");
        assert!(said[0].1.contains("`Direction`"), "{said:?}");
        // A value it lists stays.
        let kept = json!({"default": "Left", "$ref": "#/components/schemas/Direction"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn members_beside_a_one_of_of_merges_go_to_each_alternative() {
        // langfuse's `Score`, as Fern writes a union.
        let numeric = json!({"type": "object", "required": ["dataType"], "allOf": [
            {"properties": {"dataType": {"type": "string", "enum": ["NUMERIC"]}}},
            {"$ref": "#/components/schemas/NumericScore"}]});
        let text = json!({"type": "object", "allOf": [
            {"$ref": "#/components/schemas/TextScore"}],
            "properties": {"note": {"type": "integer"}}});
        let (schema, said) = read_schema(json!({"oneOf": [numeric, text],
            "properties": {"note": {"type": "string"}, "id": {"type": "string"}},
            "required": ["id"]}));
        let alternatives = schema["oneOf"].as_array().unwrap();
        assert_eq!(
            alternatives[0]["properties"],
            json!({"note": {"type": "string"}, "id": {"type": "string"}})
        );
        assert_eq!(alternatives[0]["required"], json!(["dataType", "id"]));
        // An alternative's own member stays its own.
        assert_eq!(
            alternatives[1]["properties"]["note"],
            json!({"type": "integer"})
        );
        assert_eq!(alternatives[1]["required"], json!(["id"]));
        assert!(schema.get("properties").is_none() && schema.get("required").is_none());
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/properties");
        // Alternatives that are not merges, or a `$ref`: as written.
        for kept in [
            json!({"oneOf": [{"type": "object"}], "properties": {"id": {"type": "string"}}}),
            json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"allOf": []}],
                "properties": {"id": {"type": "string"}}}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn an_all_of_of_enums_that_share_no_value_is_one_enum_of_them_all() {
        // netbird's `ResourceType`.
        let (schema, said) = read_schema(json!({"description": "What it is.", "allOf": [
            {"$ref": "#/components/schemas/NetworkResourceType"},
            {"type": "string", "enum": ["peer"], "example": "peer"}]}));
        assert_eq!(
            schema,
            json!({"description": "What it is.", "type": "string",
                "enum": ["host", "subnet", "domain", "peer"]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf");
        // Enums that share a value narrow: as written; so does a part
        // that is not an enum.
        for kept in [
            json!({"allOf": [{"$ref": "#/components/schemas/NetworkResourceType"},
                {"type": "string", "enum": ["host", "peer"]}]}),
            json!({"allOf": [{"$ref": "#/components/schemas/NetworkResourceType"},
                {"type": "string", "maxLength": 4}]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn patterns_regress_refuses_are_read_as_ecmascript_or_left_out() {
        // pydantic's, in infinity's spec: Python's named groups.
        let (schema, said) = read_schema(json!({"type": "string",
            "pattern": "^data:(?P<mime>[a-z]+/[a-z]+)?;(?P=mime)$"}));
        assert_eq!(
            schema["pattern"],
            r"^data:(?<mime>[a-z]+/[a-z]+)?;\k<mime>$"
        );
        assert!(regress::Regex::new(schema["pattern"].as_str().unwrap()).is_ok());
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/pattern");
        // An escaped `(` is no group.
        assert_eq!(python_groups(r"\(?P<x>a)"), r"\(?P<x>a)");
        // What regress refuses otherwise is left out.
        let (schema, said) = read_schema(json!({"type": "string", "pattern": "a{2,1}"}));
        assert!(schema.get("pattern").is_none(), "{schema}");
        assert!(said[0].1.contains("left out"), "{said:?}");
        // What it reads stays.
        let kept = json!({"type": "string", "pattern": "^(?<year>[0-9]{4})$"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn string_bounds_beside_a_reference_to_an_enum_are_left_out() {
        // polar's `currency`, as the 3.1 readings leave it.
        let (schema, said) = read_schema(json!({"nullable": true, "minLength": 3,
            "maxLength": 3, "allOf": [{"$ref": "#/components/schemas/Direction"}]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/Direction"}]})
        );
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, "/S/minLength");
        // Beside a component of no `enum`: as written.
        let kept = json!({"maxLength": 3, "allOf": [{"$ref": "#/components/schemas/A"}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_default_beside_a_reference_to_a_scalar_takes_its_type() {
        // Elasticsearch's, as its spec compiler writes them.
        let (schema, said) = read_schema(json!({"default": "7",
            "allOf": [{"$ref": "#/components/schemas/Precision"}]}));
        assert_eq!(schema["default"], json!(7.0));
        assert_eq!(said[0].0, "/S/default");
        let (schema, _) = read_schema(json!({"default": "10000",
            "allOf": [{"$ref": "#/components/schemas/TrackHits"}]}));
        assert_eq!(schema["default"], json!(10000));
        let (schema, said) = read_schema(json!({"default": "many",
            "allOf": [{"$ref": "#/components/schemas/TrackHits"}]}));
        assert!(schema.get("default").is_none(), "{schema}");
        assert!(said[0].1.contains("left out"), "{said:?}");
        // One of its type stays; so does what another alternative may take.
        let kept = json!({"default": true, "allOf": [{"$ref": "#/components/schemas/TrackHits"}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        let (schema, _) = read_schema(json!({"default": "true",
            "allOf": [{"$ref": "#/components/schemas/SourceConfig"}]}));
        assert_eq!(schema["default"], json!(true));
        let kept = json!({"default": "none", "$ref": "#/components/schemas/SourceConfig"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        // Elasticsearch's SQL `filter`: text beside an object.
        let (schema, said) = read_schema(json!({"default": "none",
            "allOf": [{"$ref": "#/components/schemas/QueryContainer"}]}));
        assert!(schema.get("default").is_none(), "{schema}");
        assert!(
            said[0].1.contains("(an object) is not an object"),
            "{said:?}"
        );
        // trieve's `tokenizer`: text beside a union of objects.
        let (schema, _) = read_schema(json!({"default": "Word",
            "allOf": [{"$ref": "#/components/schemas/TokenizerType"}]}));
        assert!(schema.get("default").is_none(), "{schema}");
    }

    #[test]
    fn a_union_of_objects_alone_is_a_union_of_objects() {
        let root = json!({"components": {"schemas": {
            "Enum": {"type": "object", "properties": {"Enum": {"type": "string"}}},
            "TokenizerType": {"oneOf": [
                {"$ref": "#/components/schemas/Enum"},
                {"type": "object", "properties": {"String": {"type": "string"}}}
            ]},
            "OrText": {"anyOf": [{"$ref": "#/components/schemas/Enum"}, {"type": "string"}]},
            "Nothing": {"oneOf": []}
        }}});
        let root = root.as_object().unwrap();
        let unions = component_object_unions(root, &component_objects(root));
        assert_eq!(unions.into_iter().collect::<Vec<_>>(), ["TokenizerType"]);
    }

    #[test]
    fn a_merge_with_a_part_that_is_an_object_is_an_object() {
        // Elasticsearch's `DataframeEvaluationSummaryAucRoc`, whose
        // `default: "{\"include_curve\": false}"` beside it, text, typify
        // refused.
        let root = json!({"components": {"schemas": {
            "Value": {"type": "object", "properties": {"value": {"type": "number"}}},
            "AucRoc": {"allOf": [
                {"$ref": "#/components/schemas/Value"},
                {"type": "object", "properties": {"curve": {"type": "array"}}}
            ]},
            "OnlyReferences": {"allOf": [{"$ref": "#/components/schemas/AucRoc"}]},
            "Precision": {"allOf": [{"$ref": "#/components/schemas/Digits"}]},
            "Digits": {"type": "integer"}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let objects: Vec<&str> = shapes.objects.iter().map(String::as_str).collect();
        assert_eq!(objects, ["AucRoc", "OnlyReferences", "Value"]);
        let (schema, said) = read_component(
            json!({"default": "{\"include_curve\": false}",
                   "allOf": [{"$ref": "#/components/schemas/AucRoc"}]}),
            "Summary",
            &shapes,
        );
        assert!(schema.get("default").is_none(), "{schema:?}");
        assert_eq!(said[0].0, "/components/schemas/Summary/default");
    }

    #[test]
    fn values_every_merged_alternative_and_another_part_share_leave_the_alternatives() {
        // WorkOS's `EventSchema`: `object: event` in the first part and in
        // each event, which `event` tells apart.
        let event = |name: &str| {
            json!({"type": "object", "required": ["event", "object"], "properties": {
                "event": {"type": "string", "enum": [name]},
                "object": {"type": "string", "enum": ["event"]}}})
        };
        let first = json!({"type": "object", "required": ["object"],
            "properties": {"object": {"type": "string", "enum": ["event"]}}});
        let (schema, said) = read_schema(json!({"allOf": [
            first.clone(),
            {"oneOf": [event("user.created"), event("user.deleted")]}
        ]}));
        assert_eq!(schema["allOf"][0], first);
        for alternative in schema["allOf"][1]["oneOf"].as_array().unwrap() {
            let members: Vec<&String> = alternative["properties"]
                .as_object()
                .unwrap()
                .keys()
                .collect();
            assert_eq!(members, ["event"], "{alternative}");
            assert_eq!(alternative["required"], json!(["event"]));
        }
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf/1/oneOf");
        assert!(said[0].1.starts_with("`object`"), "{said:?}");
        // No other part says it: as written.
        let alone = json!({"allOf": [
            {"type": "object", "properties": {"id": {"type": "string"}}},
            {"oneOf": [event("user.created"), event("user.deleted")]}
        ]});
        assert_eq!(read_schema(alone.clone()), (alone, vec![]));
    }

    #[test]
    fn a_default_no_alternative_of_a_one_of_takes_is_left_out() {
        // Deepgram's `redact`.
        let (schema, said) = read_schema(json!({"default": false, "oneOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string", "enum": ["pci", "pii"]}}
        ]}));
        assert!(schema.get("default").is_none(), "{schema}");
        assert_eq!(said[0].0, "/S/default");
        // One that an alternative takes, or beside a `$ref` that might: kept.
        for kept in [
            json!({"default": "pci", "oneOf": [{"type": "string"}, {"type": "array"}]}),
            json!({"default": false, "oneOf": [
                {"type": "string"}, {"$ref": "#/components/schemas/Flag"}]}),
        ] {
            assert_eq!(read_schema(kept.clone()).0["default"], kept["default"]);
        }
    }

    #[test]
    fn a_typed_map_an_all_of_merges_beside_members_of_other_types_takes_any_value() {
        // Azure AD's `DirectoryObject`, a map of objects, merged into
        // `ADGroup` beside its own members; `Labels` and `Counts`, maps of
        // strings and of numbers, merged with a string and an integer.
        let root = json!({"components": {"schemas": {
            "DirectoryObject": {"type": "object", "additionalProperties": {"type": "object"},
                "properties": {"objectId": {"type": "string"}}},
            "ADGroup": {"type": "object",
                "allOf": [{"$ref": "#/components/schemas/DirectoryObject"}],
                "properties": {"displayName": {"type": "string"},
                               "mailEnabled": {"type": "boolean"}}},
            "Labels": {"additionalProperties": {"type": "string"}},
            "Counts": {"additionalProperties": {"type": "number"}},
            "Tagged": {"allOf": [
                {"$ref": "#/components/schemas/Labels"},
                {"$ref": "#/components/schemas/Counts"},
                {"properties": {"name": {"type": "string"}, "total": {"type": "integer"}}}
            ]}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let read =
            |name: &str| read_component(root["components"]["schemas"][name].clone(), name, &shapes);
        let (directory, said) = read("DirectoryObject");
        assert_eq!(directory["additionalProperties"], json!(true));
        assert_eq!(
            said[0].0,
            "/components/schemas/DirectoryObject/additionalProperties"
        );
        assert!(said[0].1.contains("`boolean`"), "{said:?}");
        // Each meets a member of another type: `total`, `name`.
        assert_eq!(read("Labels").0["additionalProperties"], json!(true));
        assert_eq!(read("Counts").0["additionalProperties"], json!(true));
        // Not merged: as written.
        let (group, said) = read("ADGroup");
        assert!(
            group.get("additionalProperties").is_none() && said.is_empty(),
            "{said:?}"
        );
    }

    #[test]
    fn a_typed_map_beside_parts_with_members_of_other_types_takes_any_value() {
        // Azure Data Factory's `Factory`, a map of objects that merges
        // `Resource`; and an inline part of integers beside a map of numbers.
        let root = json!({"components": {"schemas": {
            "Resource": {"properties": {"eTag": {"type": "string"}}},
            "Factory": {"type": "object", "additionalProperties": {"type": "object"},
                "allOf": [{"$ref": "#/components/schemas/Resource"}],
                "properties": {"identity": {"type": "object"}}},
            "Counts": {"additionalProperties": {"type": "number"},
                "allOf": [{"properties": {"total": {"type": "integer"}}}]},
            // Adyen's `additionalData`.
            "Secure": {"properties": {"threeds2.cardEnrolled": {"type": "boolean"}}},
            "AdditionalData": {"additionalProperties": {"type": "string"},
                "anyOf": [{"$ref": "#/components/schemas/Secure"}]}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let read =
            |name: &str| read_component(root["components"]["schemas"][name].clone(), name, &shapes);
        let (factory, said) = read("Factory");
        assert_eq!(factory["additionalProperties"], json!(true));
        assert_eq!(
            said[0].0,
            "/components/schemas/Factory/additionalProperties"
        );
        assert!(said[0].1.contains("`string`"), "{said:?}");
        let (data, said) = read("AdditionalData");
        assert_eq!(data["additionalProperties"], json!(true));
        assert!(said[0].1.contains("`boolean`"), "{said:?}");
        let (counts, said) = read("Counts");
        assert_eq!(counts["additionalProperties"], json!({"type": "number"}));
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn required_beside_merged_alternatives_moves_to_a_part_of_its_own() {
        // peertube's `VideoCreateImport`.
        let sources = json!({"oneOf": [
            {"properties": {"targetUrl": {"type": "string"}}, "required": ["targetUrl"]},
            {"properties": {"magnetUri": {"type": "string"}}, "required": ["magnetUri"]}
        ]});
        let common = json!({"$ref": "#/components/schemas/VideoUploadRequestCommon"});
        let (schema, said) = read_schema(json!({
            "allOf": [sources.clone(), common.clone()],
            "properties": {"privacy": {"type": "integer"}},
            "required": ["channelId", "privacy", "name"]
        }));
        assert_eq!(schema["required"], json!(["privacy"]));
        assert_eq!(
            schema["allOf"],
            json!([sources, common, {"required": ["channelId", "name"]}])
        );
        assert_eq!(said[0].0, "/S/required");
        assert!(said[0].1.starts_with("`channelId`, `name`"), "{said:?}");
        // Without a part of alternatives: as written.
        let plain = json!({"allOf": [common], "required": ["channelId"]});
        assert_eq!(read_schema(plain.clone()), (plain, vec![]));
    }

    #[test]
    fn empty_lists_of_schemas_are_read_from_the_mapping_or_left_out() {
        // cohere's `TruncationStrategy`, nango's `paginate`.
        let root = json!({"components": {"schemas": {
            "Auto": {"type": "object"}, "None": {"type": "object"}}}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let mapping = |names: &[&str]| {
            let mapping: Map<String, Value> = names
                .iter()
                .map(|name| {
                    (
                        name.to_lowercase(),
                        json!(format!("#/components/schemas/{name}")),
                    )
                })
                .collect();
            json!({"oneOf": [], "discriminator": {"propertyName": "type", "mapping": mapping}})
        };
        let (schema, said) = read_component(mapping(&["Auto", "None", "Gone"]), "T", &shapes);
        assert_eq!(
            schema["oneOf"],
            json!([{"$ref": "#/components/schemas/Auto"}, {"$ref": "#/components/schemas/None"}])
        );
        assert_eq!(said[0].0, "/components/schemas/T/oneOf");
        let (schema, _) = read_component(mapping(&["Gone"]), "T", &shapes);
        assert!(schema.get("oneOf").is_none(), "{schema:?}");
        let (schema, said) = read_schema(json!({"anyOf": [], "description": "Pages."}));
        assert_eq!(schema, json!({"description": "Pages."}));
        assert!(said[0].1.contains("left out"), "{said:?}");
    }

    #[test]
    fn a_default_that_is_no_object_of_properties_without_a_type_is_left_out() {
        // vtex's fixed prices.
        let (schema, said) = read_schema(json!({"default": [], "description": "Prices.",
            "properties": {"value": {"type": "number"}}}));
        assert_eq!(
            schema,
            json!({"description": "Prices.", "properties": {"value": {"type": "number"}}})
        );
        assert_eq!(said[0].0, "/S/default");
        let kept = json!({"default": {}, "properties": {"value": {"type": "number"}}});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_member_the_parts_of_a_merge_type_apart_takes_any_value() {
        // sendgrid's messages.
        let (schema, said) = read_schema(json!({"type": "object",
        "properties": {"last_event_time": {"type": "string", "description": "ISO 8601."},
                       "msg_id": {"type": "string"}},
        "allOf": [
            {"$ref": "#/components/schemas/Common"},
            {"properties": {"last_event_time": {"type": "integer", "minimum": 0},
                            "opens": {"type": "integer"}}}
        ]}));
        assert_eq!(
            schema["properties"]["last_event_time"],
            json!({"description": "ISO 8601."})
        );
        assert_eq!(
            schema["allOf"][1]["properties"]["last_event_time"],
            json!({})
        );
        assert_eq!(schema["properties"]["msg_id"], json!({"type": "string"}));
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf/1/properties/last_event_time");
        assert!(said[0].1.contains("read as any value"), "{said:?}");
        // The second message response: the merged component says `integer`,
        // the part written in place a string; the component's type stands.
        let root = json!({"components": {"schemas": {
            "Common": {"properties": {"processed": {"type": "integer"}}},
            "Message": {"allOf": [
                {"$ref": "#/components/schemas/Common"},
                {"properties": {"processed": {"type": "string", "format": "date-time"}}}
            ]}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let (message, said) = read_component(
            root["components"]["schemas"]["Message"].clone(),
            "Message",
            &shapes,
        );
        assert_eq!(message["allOf"][1]["properties"]["processed"], json!({}));
        assert!(
            said[0].1.contains("the merged component's `integer`"),
            "{said:?}"
        );
    }

    #[test]
    fn an_exclusive_flag_without_its_bound_is_left_out() {
        let (schema, said) = read_schema(json!({"type": "integer", "exclusiveMinimum": true,
            "exclusiveMaximum": true, "maximum": 10}));
        assert_eq!(
            schema,
            json!({"type": "integer", "exclusiveMaximum": true, "maximum": 10})
        );
        assert_eq!(said[0].0, "/S/exclusiveMinimum");
    }

    #[test]
    fn a_type_none_of_json_schemas_is_read_or_left_out() {
        let read = |schema: Value| {
            let mut map = schema.as_object().unwrap().clone();
            let mut readings = Readings::default();
            unknown_type(&mut map, "/S", &mut readings);
            (Value::Object(map), readings.warnings)
        };
        // dawarich's upload, shipengine's typo, azuracast's `'{}'`.
        let (file, said) = read(json!({"type": "file", "description": "The file."}));
        assert_eq!(
            file,
            json!({"type": "string", "format": "binary", "description": "The file."})
        );
        assert_eq!(said[0].0, "/S/type");
        assert_eq!(
            read(json!({"type": "string,"})).0,
            json!({"type": "string"})
        );
        assert_eq!(
            read(json!({"type": "Integer"})).0,
            json!({"type": "integer"})
        );
        assert_eq!(read(json!({"type": "double"})).0, json!({"type": "number"}));
        for unknown in [
            json!({"type": "{}"}),
            json!({"type": {}}),
            json!({"type": "uuid"}),
        ] {
            let (schema, said) = read(unknown);
            assert_eq!(schema, json!({}));
            assert!(said[0].1.contains("left out"), "{said:?}");
        }
        // JSON Schema's, and 3.1's lists: as written.
        for kept in [
            json!({"type": "object"}),
            json!({"type": ["string", "null"]}),
        ] {
            assert_eq!(read(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn list_keywords_beside_alternatives_of_several_types_go_to_the_lists() {
        // slack's profile `fields`.
        let (schema, said) = read_schema(json!({"items": {"type": "object"}, "nullable": true,
            "oneOf": [{"type": "object"}, {"items": {}, "type": "array"}]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "oneOf": [{"type": "object"},
                {"items": {"type": "object"}, "type": "array"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/items");
        // vercel's `domain` (an `anyOf` of exclusive types is read as a
        // `oneOf`): the alternative's own bound is kept.
        let (schema, _) = read_schema(json!({"items": {"type": "string"}, "maxItems": 20,
            "anyOf": [{"type": "array", "maxItems": 5}, {"type": "string"}]}));
        assert_eq!(
            schema["oneOf"][0],
            json!({"type": "array", "maxItems": 5, "items": {"type": "string"}}),
            "{schema}"
        );
        assert!(schema.get("items").is_none() && schema.get("maxItems").is_none());
        // An alternative that does not say its type, or only lists: as written.
        for kept in [
            json!({"items": {}, "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}]}),
            json!({"items": {"type": "string"}, "oneOf": [{"type": "array"}, {"type": "array", "minItems": 2}]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn an_enum_without_a_type_takes_its_values_type() {
        let (schema, said) = read_schema(json!({"nullable": true,
            "enum": [null, "individual", "joint"]}));
        assert_eq!(
            schema,
            json!({"type": "string", "nullable": true, "enum": [null, "individual", "joint"]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/enum");
        let (schema, _) = read_schema(json!({"enum": [1, 2]}));
        assert_eq!(schema["type"], "integer");
        // Values of several scalar types: an `enum` of each.
        let (schema, said) = read_schema(json!({"enum": [true, false, 0, 1, null]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "oneOf": [
                {"type": "boolean", "enum": [true, false]},
                {"type": "integer", "enum": [0, 1]},
            ]})
        );
        assert!(said[0].1.contains("`boolean` and `integer`"), "{said:?}");
        // A list or an object among the values, or a schema typed
        // elsewhere, stays.
        for kept in [
            json!({"enum": [1, [1]]}),
            json!({"enum": ["a"], "allOf": [{}]}),
        ] {
            assert_eq!(read_schema(kept.clone()).0, kept);
        }
    }

    #[test]
    fn an_enum_beside_a_reference_is_read_alone() {
        let (schema, said) = read_schema(json!({
            "type": "integer", "enum": [23], "format": "int32",
            "allOf": [{"$ref": "#/components/schemas/MessageComponentTypes"}]
        }));
        assert_eq!(
            schema,
            json!({"type": "integer", "enum": [23], "format": "int32"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf");
        assert!(said[0].1.contains("MessageComponentTypes"), "{said:?}");
        // An `allOf` that adds more than a reference is typify's to merge.
        let kept = json!({"type": "string", "enum": ["a"], "allOf": [
            {"$ref": "#/components/schemas/Kind"}, {"maxLength": 3}
        ]});
        assert_eq!(read_schema(kept.clone()).0["allOf"], kept["allOf"]);
    }

    #[test]
    fn a_default_beside_a_reference_to_an_anyof_is_left_out() {
        // `Voices` is an `anyOf` of several (see `read_schema`).
        let (schema, said) = read_schema(json!({
            "description": "The voice.", "default": "alloy",
            "allOf": [{"$ref": "#/components/schemas/Voices"}]
        }));
        assert_eq!(
            schema,
            json!({"description": "The voice.", "allOf": [{"$ref": "#/components/schemas/Voices"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/default");
        assert!(said[0].1.contains("`Voices`, an `anyOf`"), "{said:?}");
        let kept = json!({"default": "alloy", "allOf": [{"$ref": "#/components/schemas/Voice"}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_string_or_a_string_enum_is_an_open_enum() {
        let (schema, said) = read_schema(json!({"description": "The voice.", "anyOf": [
            {"type": "string"},
            {"type": "string", "enum": ["alloy", "ash"], "description": "Built in."}
        ], "default": "alloy"}));
        assert_eq!(
            schema,
            json!({"description": "The voice.", "type": "string", "enum": ["alloy", "ash"],
                   "default": "alloy"})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/anyOf");
        // A string with a bound of its own, or a number, is another union.
        for kept in [
            json!({"anyOf": [{"type": "string", "maxLength": 3}, {"type": "string", "enum": ["a"]}]}),
            json!({"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["a"]}]}),
            json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["b"]}]}),
        ] {
            // A union of values, which the `oneOf` reading below takes.
            assert_eq!(read_schema(kept.clone()).0["oneOf"], kept["anyOf"]);
        }
    }

    #[test]
    fn an_any_of_with_a_component_of_values_is_a_one_of() {
        // As OpenAI writes its `ModelIds`.
        let root = json!({"components": {"schemas": {
            "ModelIdsShared": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}]},
            "ModelIdsResponses": {"anyOf": [
                {"$ref": "#/components/schemas/ModelIdsShared"},
                {"type": "string", "enum": ["b"]}
            ]},
            "ModelIds": {"anyOf": [
                {"$ref": "#/components/schemas/ModelIdsShared"},
                {"$ref": "#/components/schemas/ModelIdsResponses"}
            ]},
            "Names": {"allOf": [{"$ref": "#/components/schemas/ModelIds"}]},
            "Tags": {"type": ["array", "null"], "items": {"type": "string"}},
            "Model": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Models": {"anyOf": [{"$ref": "#/components/schemas/Model"}, {"required": ["id"]}]}
        }}});
        let values = component_values(root.as_object().unwrap());
        assert_eq!(
            values.into_iter().collect::<Vec<_>>(),
            [
                "ModelIds",
                "ModelIdsResponses",
                "ModelIdsShared",
                "Names",
                "Tags"
            ]
        );

        let alternatives = json!([
            {"$ref": "#/components/schemas/Model"},
            {"$ref": "#/components/schemas/ModelIdsShared"}
        ]);
        let (schema, warnings) = read_schema(json!({"anyOf": alternatives.clone()}));
        assert_eq!(schema, json!({"oneOf": alternatives}));
        assert!(
            warnings[0]
                .1
                .contains("with `ModelIdsShared`, which is not an object,"),
            "{warnings:?}"
        );
        let objects = json!({"anyOf": [{"$ref": "#/components/schemas/Model"}]});
        assert_eq!(read_schema(objects.clone()).0, objects);
    }

    #[test]
    fn components_that_are_an_anyof_of_several_are_unions() {
        let root = json!({"components": {"schemas": {
            "Voices": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "VoiceIds": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["ash"]}]},
            "MaybeVoice": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "Voice": {"type": "string"}
        }}});
        let unions = component_unions(root.as_object().unwrap());
        assert_eq!(unions.into_iter().collect::<Vec<_>>(), ["Voices"]);
    }

    #[test]
    fn a_required_member_of_a_property_rust_name_is_left_out_of_required() {
        // xero's `FileObject`.
        let (schema, said) = read_schema(json!({"type": "object",
            "properties": {"Id": {"type": "string"}, "Name": {"type": "string"}},
            "required": ["id", "name", "manufacturer", "Name", "maker", "Maker"]}));
        assert_eq!(
            schema["required"],
            json!(["manufacturer", "Name", "maker"]),
            "{schema}"
        );
        let at: Vec<&str> = said.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(at, ["/S/required/5", "/S/required/1", "/S/required/0"]);
        assert!(said[2].1.contains("as `Id`, `id`"), "{said:?}");
    }

    #[test]
    fn properties_with_one_rust_name_keep_one() {
        let (schema, said) = read_schema(json!({"type": "object",
            "properties": {"is_global": {"type": "boolean"}, "isGlobal": {"type": "boolean"}},
            "required": ["is_global", "isGlobal"]}));
        let kept: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(kept.len(), 1, "{schema}");
        assert_eq!(schema["required"], json!([kept[0]]));
        let left_out = if kept[0] == "is_global" {
            "isGlobal"
        } else {
            "is_global"
        };
        assert_eq!(said[0].0, format!("/S/properties/{left_out}"));
        assert!(said[0].1.contains("`is_global`"), "{said:?}");
    }

    #[test]
    fn merged_properties_with_one_rust_name_keep_the_first() {
        // flipt's `FlagResourcePayload`: `@type` from one part, `type` from
        // the next, both `type_` in Rust.
        let root = json!({"components": {"schemas": {
            "AtType": {"type": "object", "required": ["@type"],
                       "properties": {"@type": {"type": "string"}}},
            "Flag": {"type": "object", "required": ["type", "key"], "properties": {
                "key": {"type": "string"},
                "type": {"type": "string", "enum": ["VARIANT", "BOOLEAN"]}}},
            "FlagResourcePayload": {"type": "object", "required": ["type"], "allOf": [
                {"$ref": "#/components/schemas/AtType"},
                {"$ref": "#/components/schemas/Flag"},
                {"properties": {"is_new": {"type": "boolean"}, "isNew": {"type": "boolean"}}}
            ]}
        }}});
        let shapes = ComponentShapes::of(root.as_object().unwrap());
        let mut map = root["components"]["schemas"]["FlagResourcePayload"]
            .as_object()
            .unwrap()
            .clone();
        let mut readings = Readings::default();
        let pointer = "/components/schemas/FlagResourcePayload";
        merged_properties_with_one_rust_name(&mut map, pointer, &shapes, &mut readings);
        let parts = map["allOf"].as_array().unwrap();
        // The first part keeps its `$ref`; `Flag` is written in place
        // without `type`, and stays whole as a component.
        assert_eq!(parts[0], json!({"$ref": "#/components/schemas/AtType"}));
        assert_eq!(
            parts[1],
            json!({"type": "object", "required": ["key"],
                   "properties": {"key": {"type": "string"}}})
        );
        assert_eq!(
            parts[2]["properties"],
            json!({"is_new": {"type": "boolean"}})
        );
        assert_eq!(map["required"], json!([]));
        let said = &readings.warnings;
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, format!("{pointer}/allOf/1"));
        assert!(said[0].1.contains("`type`") && said[0].1.contains("`@type`"));
        assert!(said[0].1.contains("#/components/schemas/Flag"), "{said:?}");
        assert_eq!(said[1].0, format!("{pointer}/allOf/2"));
        // Parts that share a member under one JSON name merge it.
        let mut shared = json!({"allOf": [
            {"properties": {"id": {"type": "string"}}},
            {"properties": {"id": {"type": "string"}}}
        ]});
        let before = shared.clone();
        let mut readings = Readings::default();
        let shared_map = shared.as_object_mut().unwrap();
        merged_properties_with_one_rust_name(shared_map, "/S", &shapes, &mut readings);
        assert_eq!((shared, readings.warnings), (before, vec![]));
    }

    #[test]
    fn allof_members_that_only_annotate_annotate_the_schema() {
        let (schema, said) = read_schema(json!({"nullable": true, "allOf": [
            {"$ref": "#/components/schemas/Item"},
            {"description": "The item."}
        ]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "description": "The item.",
                   "allOf": [{"$ref": "#/components/schemas/Item"}]})
        );
        assert_eq!(said[0].0, "/S/allOf/1");
        let kept = json!({"allOf": [{"$ref": "#/components/schemas/A"}, {"required": ["a"]}]});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }

    #[test]
    fn a_bag_of_any_members_that_an_allof_merges_takes_them_as_true() {
        // zuora's custom fields, a component merged into request types.
        let bag = json!({"type": "object", "description": "Custom fields.",
                         "additionalProperties": {"description": "A custom field."}});
        let read = |pointer: &str, schema: &Value| {
            let mut map = schema.as_object().unwrap().clone();
            let mut readings = Readings::default();
            let shapes = ComponentShapes {
                merged: ["CustomFields".to_owned()].into_iter().collect(),
                ..ComponentShapes::default()
            };
            apply_readings(&mut map, pointer, &shapes, &mut readings);
            (Value::Object(map), readings.warnings)
        };
        let (schema, said) = read("/components/schemas/CustomFields", &bag);
        assert_eq!(schema["additionalProperties"], true, "{schema}");
        assert_eq!(
            said[0].0,
            "/components/schemas/CustomFields/additionalProperties"
        );
        // An inline member of an `allOf`, `{}` as well (beside a `$ref`,
        // `annotation_members` leaves such a member out).
        let (schema, said) = read(
            "/S",
            &json!({"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}},
                              {"type": "object", "additionalProperties": {}}]}),
        );
        assert_eq!(schema["allOf"][1]["additionalProperties"], true, "{schema}");
        assert_eq!(said[0].0, "/S/allOf/1/additionalProperties");
        // Not merged, beside properties, or typed values: as written.
        let with_properties = json!({"type": "object", "properties": {"a": {}},
                                     "additionalProperties": {}});
        let typed = json!({"type": "object", "additionalProperties": {"type": "string"}});
        for (pointer, kept) in [
            ("/components/schemas/Other", &bag),
            ("/components/schemas/CustomFields", &with_properties),
            ("/components/schemas/CustomFields", &typed),
        ] {
            assert_eq!(read(pointer, kept), (kept.clone(), vec![]), "{pointer}");
        }
    }

    #[test]
    fn an_allof_member_of_any_object_beside_a_reference_is_left_out() {
        // plaid's `AccountProductAccessNullable`.
        let (schema, said) = read_schema(json!({"nullable": true, "allOf": [
            {"$ref": "#/components/schemas/AccountProductAccess"},
            {"type": "object", "additionalProperties": true, "description": "Open."}
        ]}));
        assert_eq!(
            schema,
            json!({"nullable": true, "description": "Open.",
                   "allOf": [{"$ref": "#/components/schemas/AccountProductAccess"}]})
        );
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, "/S/allOf/1");
        assert!(said[0].1.contains("adds nothing to the `$ref`"), "{said:?}");
        // A member that requires a member or types the others, or one with
        // no `$ref` beside it, stays.
        for kept in [
            json!({"allOf": [{"$ref": "#/components/schemas/A"},
                             {"type": "object", "required": ["a"]}]}),
            json!({"allOf": [{"$ref": "#/components/schemas/A"},
                             {"type": "object", "additionalProperties": {"type": "string"}}]}),
            json!({"allOf": [{"type": "object", "properties": {"a": {}}},
                             {"type": "object", "additionalProperties": true}]}),
        ] {
            assert_eq!(read_schema(kept.clone()), (kept, vec![]));
        }
    }

    #[test]
    fn an_object_default_beside_a_reference_is_left_out() {
        let (schema, said) = read_schema(json!({
            "allOf": [{"$ref": "#/components/schemas/Prediction"}],
            "default": {"type": "content", "content": ""}
        }));
        assert_eq!(
            schema,
            json!({"allOf": [{"$ref": "#/components/schemas/Prediction"}]})
        );
        assert_eq!(said[0].0, "/S/default");
        // An `anyOf` of values is a `oneOf`, whose alternatives typify
        // checks a default against: one that fits stays, one that fits
        // none is left out.
        let (schema, _) = read_schema(json!({
            "anyOf": [{"type": "string", "enum": ["auto"]}, {"type": "integer"}],
            "default": "auto"
        }));
        assert_eq!(schema["default"], "auto", "{schema}");
        let (schema, said) = read_schema(json!({
            "anyOf": [{"type": "string", "enum": ["auto"]}, {"type": "integer"}],
            "default": "manual"
        }));
        assert!(schema.get("default").is_none(), "{schema}");
        assert_eq!(said[0].0, "/S/default");
        let kept = json!({"allOf": [{"$ref": "#/components/schemas/Mode"}], "default": "auto"});
        assert_eq!(read_schema(kept.clone()), (kept, vec![]));
    }
}
