//! Replaces the personal data in a response body by invented values of the
//! same shape, so that a recording of a real person can be committed.
//!
//! Which values are personal: those the spec's marks reach, by the
//! generator's own rule ([`PersonalData`], which also decides what the
//! client's `Debug` redacts): every value of a component schema marked
//! `x-personal-data: true`, wherever it is used (through `$ref`,
//! `allOf`/`anyOf`/`oneOf` or `items`), and every value under a marked
//! property of a component schema. Besides those, every value under a
//! member the spec does not describe, since nothing says it is harmless.
//!
//! What replaces them: null stays null and booleans stay; a number becomes
//! another number within the schema's `minimum`/`maximum`, of the same kind
//! (integer or not) and about the same magnitude; a string listed in the
//! schema's `enum` stays (it is a category the spec names, not data about
//! someone); other strings keep their format: a valid `date`, an RFC 3339
//! `date-time`, an `email` at example.com, a `uuid`; names come from a short
//! list of invented names; a two-letter code stays a two-letter country
//! code; anything else keeps its shape (digits stay digits, letters stay
//! letters of the same case, punctuation and spaces stay) with every letter
//! and digit invented.
//!
//! Each invented value depends only on the member's JSON pointer and the
//! original's shape, never on its content, so recording the same session
//! again writes the same file.

use generator::for_tools::PersonalData;
use generator::for_tools::walk::{component_name, escape, resolve_value};
use openapiv3::Schema;
use serde_json::{Number, Value};

/// How deep `allOf`/`anyOf`/`oneOf` are followed before a schema is taken
/// as unknown; a spec's schemas may refer to themselves.
const MAX_DEPTH: usize = 32;

const FIRST_NAMES: [&str; 8] = [
    "Aurelo", "Brisa", "Corvin", "Delphy", "Emrys", "Fable", "Galen", "Hollis",
];
const LAST_NAMES: [&str; 8] = [
    "Quillfeather",
    "Inkwell",
    "Fernhollow",
    "Thistledown",
    "Marrowbank",
    "Larkmoor",
    "Emberly",
    "Puddlecombe",
];
const COUNTRY_CODES: [&str; 6] = ["NL", "NZ", "PT", "SE", "FI", "IE"];

/// Replaces the personal values of `body`, whose schema is `schema` (as the
/// spec writes it; `None` when the spec describes no body), resolving
/// `$ref`s against `spec` and reading the marks as `marks` says.
pub fn invent_personal_data(
    body: &mut Value,
    schema: Option<&Value>,
    spec: &Value,
    marks: &PersonalData,
) {
    let schemas: Vec<Applying<'_>> = schema
        .map(|schema| Applying {
            schema,
            component: None,
        })
        .into_iter()
        .collect();
    let context = Context { spec, marks };
    walk(&context, body, &schemas, "", None, false);
}

/// What every step of the walk reads.
struct Context<'a> {
    spec: &'a Value,
    marks: &'a PersonalData,
}

/// A schema that applies to a value, and the component schema it is, if it
/// is one.
#[derive(Clone, Copy)]
struct Applying<'a> {
    schema: &'a Value,
    component: Option<&'a str>,
}

fn walk(
    context: &Context<'_>,
    value: &mut Value,
    schemas: &[Applying<'_>],
    pointer: &str,
    member: Option<&str>,
    personal: bool,
) {
    let mut applying = Vec::new();
    for schema in schemas {
        expand(context.spec, *schema, 0, &mut applying);
    }
    let personal = personal
        || applying
            .iter()
            .any(|a| a.component.is_some_and(|c| context.marks.is_whole(c)));

    match value {
        Value::Object(members) => {
            for (name, member_value) in members.iter_mut() {
                let mut described: Vec<Applying<'_>> = applying
                    .iter()
                    .filter_map(|a| a.schema.get("properties")?.get(name))
                    .map(|schema| Applying {
                        schema,
                        component: None,
                    })
                    .collect();
                if described.is_empty() {
                    described = applying
                        .iter()
                        .filter_map(|a| a.schema.get("additionalProperties"))
                        .filter(|a| a.is_object())
                        .map(|schema| Applying {
                            schema,
                            component: None,
                        })
                        .collect();
                }
                let marked = applying.iter().any(|a| {
                    a.component
                        .is_some_and(|c| context.marks.is_member(c, name))
                });
                let at = format!("{pointer}/{}", escape(name));
                let unknown = described.is_empty();
                walk(
                    context,
                    member_value,
                    &described,
                    &at,
                    Some(name),
                    personal || marked || unknown,
                );
            }
        }
        Value::Array(items) => {
            let described: Vec<Applying<'_>> = applying
                .iter()
                .filter_map(|a| a.schema.get("items"))
                .map(|schema| Applying {
                    schema,
                    component: None,
                })
                .collect();
            let unknown = described.is_empty();
            for (i, item) in items.iter_mut().enumerate() {
                let at = format!("{pointer}/{i}");
                walk(context, item, &described, &at, member, personal || unknown);
            }
        }
        leaf if personal => {
            let schemas: Vec<&Value> = applying.iter().map(|a| a.schema).collect();
            *leaf = invent(leaf, &schemas, pointer, member);
        }
        _ => {}
    }
}

/// `schema` and every schema it brings along: what its `$ref` leads to (by
/// the generator's resolver, which says which component that is) and the
/// members of its `allOf`, `anyOf` and `oneOf`. A `$ref` that leads nowhere
/// brings nothing.
fn expand<'a>(spec: &'a Value, schema: Applying<'a>, depth: usize, out: &mut Vec<Applying<'a>>) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut schema = schema;
    if schema.schema.get("$ref").is_some() {
        let (target, pointer) = resolve_value(spec, schema.schema, String::new());
        if target.get("$ref").is_some() {
            return;
        }
        let reference = format!("#{pointer}");
        let component = component_name::<Schema>(&reference).and_then(|name| {
            // The name as it is keyed, borrowed from the spec.
            spec.get("components")?
                .get("schemas")?
                .as_object()?
                .get_key_value(name)
                .map(|(key, _)| key.as_str())
        });
        schema = Applying {
            schema: target,
            component,
        };
    }
    out.push(schema);
    for key in ["allOf", "anyOf", "oneOf"] {
        for part in schema
            .schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let part = Applying {
                schema: part,
                component: None,
            };
            expand(spec, part, depth + 1, out);
        }
    }
}

/// An invented value in place of the personal leaf `original`.
fn invent(original: &Value, schemas: &[&Value], pointer: &str, member: Option<&str>) -> Value {
    let keyword = |key: &str| schemas.iter().find_map(|s| s.get(key));
    match original {
        Value::Number(number) => {
            let minimum = keyword("minimum").and_then(Value::as_f64);
            let maximum = keyword("maximum").and_then(Value::as_f64);
            invent_number(number, minimum, maximum, pointer)
        }
        Value::String(text) => {
            let listed = keyword("enum")
                .and_then(Value::as_array)
                .is_some_and(|options| options.contains(original));
            if listed {
                return original.clone();
            }
            let format = keyword("format").and_then(Value::as_str);
            Value::String(invent_string(text, format, pointer, member))
        }
        // null, booleans: no personal content of their own.
        other => other.clone(),
    }
}

fn invent_number(
    original: &Number,
    minimum: Option<f64>,
    maximum: Option<f64>,
    pointer: &str,
) -> Value {
    let h = hash(pointer, 0);
    let magnitude = original.as_f64().unwrap_or(0.0).abs();
    // The same order of magnitude as the original, within the schema's bounds.
    let ceiling = 10f64.powi(magnitude.max(1.0).log10().floor() as i32 + 1);
    let low = minimum.unwrap_or(if original.as_f64().unwrap_or(0.0) < 0.0 {
        -ceiling
    } else {
        0.0
    });
    let high = maximum.unwrap_or(low + ceiling).max(low);
    if original.is_f64() {
        let fraction = (h % 10_001) as f64 / 10_000.0;
        let value = ((low + fraction * (high - low)) * 100.0).round() / 100.0;
        return Number::from_f64(value.clamp(low, high)).map_or(Value::Null, Value::Number);
    }
    let (low, high) = (low.ceil() as i64, high.floor() as i64);
    let span = high.saturating_sub(low).saturating_add(1).max(1) as u64;
    Value::from(low.saturating_add((h % span) as i64))
}

fn invent_string(
    original: &str,
    format: Option<&str>,
    pointer: &str,
    member: Option<&str>,
) -> String {
    let format = format.or_else(|| sniff_format(original));
    match format {
        // Dates are mostly of birth: adults'. Timestamps are recent.
        Some("date") => date(pointer, 1950, 55),
        Some("date-time") => format!(
            "{}T{:02}:{:02}:{:02}Z",
            date(pointer, 2020, 5),
            hash(pointer, 4) % 24,
            hash(pointer, 5) % 60,
            hash(pointer, 6) % 60
        ),
        Some("email") => format!(
            "{}.{}@example.com",
            pick(&FIRST_NAMES, pointer, 1).to_ascii_lowercase(),
            pick(&LAST_NAMES, pointer, 2).to_ascii_lowercase()
        ),
        Some("uuid") => uuid(pointer),
        Some("uri" | "url") => format!("https://example.com/{}", hash(pointer, 1) % 10_000),
        _ => invent_text(original, pointer, member),
    }
}

/// Text of no known format: a name, a country code, or the original's
/// shape with invented letters and digits.
fn invent_text(original: &str, pointer: &str, member: Option<&str>) -> String {
    let member = member.unwrap_or_default().to_ascii_lowercase();
    let first = || pick(&FIRST_NAMES, pointer, 1).to_owned();
    let last = || pick(&LAST_NAMES, pointer, 2).to_owned();
    match member.as_str() {
        "first" | "middle" | "given_name" | "first_name" | "middle_name" => first(),
        "last" | "family_name" | "last_name" | "surname" => last(),
        "name" | "full_name" => format!("{} {}", first(), last()),
        _ if original.len() == 2 && original.chars().all(|c| c.is_ascii_uppercase()) => {
            pick(&COUNTRY_CODES, pointer, 3).to_owned()
        }
        _ => original
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let h = hash(pointer, 100 + i as u64);
                if c.is_ascii_digit() {
                    char::from(b'0' + (h % 10) as u8)
                } else if c.is_ascii_uppercase() {
                    char::from(b'A' + (h % 26) as u8)
                } else if c.is_alphanumeric() {
                    char::from(b'a' + (h % 26) as u8)
                } else {
                    c
                }
            })
            .collect(),
    }
}

/// The format a string without a declared one evidently has.
fn sniff_format(text: &str) -> Option<&'static str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let is_date = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && parts.iter().all(|p| digits(p)))
    };
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let groups: Vec<&str> = text.split('-').collect();
    if is_date(text) {
        Some("date")
    } else if text.get(..10).is_some_and(is_date)
        && text
            .get(10..)
            .is_some_and(|rest| rest.starts_with(['T', 't', ' ']))
    {
        Some("date-time")
    } else if matches!(groups.as_slice(), [a, b, c, d, e] if hex(a, 8) && hex(b, 4) && hex(c, 4) && hex(d, 4) && hex(e, 12))
    {
        Some("uuid")
    } else if text.contains('@') && !text.contains(' ') {
        Some("email")
    } else {
        None
    }
}

/// A date in the `years` years from `first_year`.
fn date(pointer: &str, first_year: u64, years: u64) -> String {
    format!(
        "{}-{:02}-{:02}",
        first_year + hash(pointer, 1) % years,
        1 + hash(pointer, 2) % 12,
        1 + hash(pointer, 3) % 28
    )
}

/// A version 4 UUID made of the pointer's hashes.
fn uuid(pointer: &str) -> String {
    let (a, b) = (hash(pointer, 1), hash(pointer, 2));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

fn pick<'a>(list: &[&'a str], pointer: &str, salt: u64) -> &'a str {
    list[(hash(pointer, salt) % list.len() as u64) as usize]
}

/// FNV-1a of the pointer and a salt: stable across platforms and Rust
/// releases, unlike `std`'s hasher.
fn hash(pointer: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in pointer.bytes().chain(salt.to_le_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV's low bits mix poorly for short inputs; fold the high ones in.
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    fn marks(spec: &Value) -> PersonalData {
        PersonalData::of(&serde_json::from_value(spec.clone()).expect("an OpenAPI document"))
    }

    fn keys(map: &Map<String, Value>) -> Vec<&str> {
        map.keys().map(String::as_str).collect()
    }

    fn spec() -> Value {
        json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Doc": {"type": "object", "properties": {
                "id": {"type": "string", "format": "uuid"},
                "person": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Person"}]},
                "tags": {"type": "array", "items": {"type": "string"}}
            }},
            "Person": {"x-personal-data": true, "type": "object", "properties": {
                "first": {"type": "string"},
                "born": {"type": "string", "format": "date"},
                "kind": {"type": "string", "enum": ["adult", "minor"]},
                "score": {"type": "integer", "minimum": 0, "maximum": 100},
                "verified": {"type": "boolean"}
            }}
        }}})
    }

    #[test]
    fn marked_and_unknown_members_are_invented_the_rest_kept() {
        let spec = spec();
        let schema = json!({"$ref": "#/components/schemas/Doc"});
        let original = json!({
            "id": "253d6330-5d63-436a-9590-29683f779502",
            "tags": ["kept"],
            "person": {"first": "Margaret", "born": "1979-04-02", "kind": "adult",
                       "score": 42, "verified": true, "nick": "Maggie", "middle": null},
            "extra": {"phone": "+44 20 7946 0958"}
        });
        let mut body = original.clone();
        let marks = marks(&spec);
        invent_personal_data(&mut body, Some(&schema), &spec, &marks);

        assert_eq!(body["id"], original["id"]);
        assert_eq!(body["tags"], original["tags"]);
        let person = body["person"].as_object().unwrap();
        assert_eq!(keys(person), keys(original["person"].as_object().unwrap()));
        assert!(FIRST_NAMES.contains(&person["first"].as_str().unwrap()));
        let born = person["born"].as_str().unwrap();
        assert_eq!(sniff_format(born), Some("date"));
        assert_ne!(born, "1979-04-02");
        assert_eq!(person["kind"], "adult");
        assert!((0..=100).contains(&person["score"].as_i64().unwrap()));
        assert_eq!(person["verified"], true);
        assert_eq!(person["middle"], Value::Null);
        assert_ne!(person["nick"], "Maggie");
        let phone = body["extra"]["phone"].as_str().unwrap();
        assert_ne!(phone, "+44 20 7946 0958");
        assert!(phone.starts_with('+') && phone.len() == 16, "{phone}");

        let mut again = original.clone();
        invent_personal_data(&mut again, Some(&schema), &spec, &marks);
        assert_eq!(again, body, "the same input gives the same output");
    }

    #[test]
    fn invented_strings_keep_their_format() {
        assert_eq!(
            sniff_format(&invent_string("x", Some("date-time"), "/a", None)),
            Some("date-time")
        );
        assert_eq!(sniff_format(&uuid("/b")), Some("uuid"));
        assert!(invent_string("someone@mail.test", None, "/c", None).ends_with("@example.com"));
        assert_eq!(invent_text("US", "/d", Some("country_code")).len(), 2);
        assert_eq!(invent_text("AB-12 c", "/e", None).len(), 7);
    }

    /// The spec of `scrubbing_and_debug_agree`: a marked component used
    /// directly, in a list and through a nullable `allOf`; a component with
    /// one marked property; and a mark on an inline schema, which reaches
    /// nothing (and gets a warning).
    const AGREEMENT_SPEC: &str = r#"
openapi: 3.0.3
info: {title: agreement, version: "1"}
paths:
  /docs/{id}:
    get:
      operationId: getDoc
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: a doc
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Doc'}
components:
  schemas:
    Doc:
      type: object
      properties:
        title: {type: string}
        person: {$ref: '#/components/schemas/Person'}
        people: {type: array, items: {$ref: '#/components/schemas/Person'}}
        wrapped: {nullable: true, allOf: [{$ref: '#/components/schemas/Person'}]}
        account: {$ref: '#/components/schemas/Account'}
    Person:
      x-personal-data: true
      type: object
      properties:
        first: {type: string}
        born: {type: string, format: date}
    Account:
      type: object
      properties:
        handle: {type: string}
        email: {x-personal-data: true, type: string}
        settings:
          type: object
          properties:
            motto: {x-personal-data: true, type: string}
"#;

    /// Whether the generated `Debug` of `type_name` prints `field` as
    /// `<redacted>`, read from the generated `src/api.rs`.
    fn debug_redacts(api: &str, type_name: &str, field: &str) -> bool {
        let compact: String = api.chars().filter(|c| !c.is_whitespace()).collect();
        let start = format!("impl::std::fmt::DebugFor{type_name}{{").to_lowercase();
        let lower = compact.to_lowercase();
        let Some(at) = lower.find(&start) else {
            return false; // a derived `Debug`: nothing redacted
        };
        let block = &compact[at..];
        let block = &block[..block[1..].find("impl").map_or(block.len(), |end| end + 1)];
        block.contains(&format!(
            ".field(\"{field}\",&format_args!(\"<redacted>\"))"
        ))
    }

    /// Every member of every object in the body, the one rule decides both
    /// sides: the recorder replaces a member's value exactly when the
    /// client's `Debug` redacts the field.
    #[test]
    fn scrubbing_and_debug_agree() {
        let dir = std::env::temp_dir().join(format!("xtask-scrub-agree-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("agreement.yaml");
        std::fs::write(&path, AGREEMENT_SPEC).unwrap();
        let files = generator::generate(&generator::Settings::new(&path, "agreement.yaml"))
            .expect("the spec generates")
            .files;
        let document = generator::for_tools::checked_document(&path, None).expect("the spec reads");
        let _ = std::fs::remove_dir_all(&dir);
        let api = files
            .iter()
            .find(|(file, _)| file.ends_with("src/api.rs"))
            .map(|(_, text)| text.to_owned())
            .expect("src/api.rs");
        let misplaced = "/components/schemas/Account/properties/settings/properties/motto";
        assert!(
            files
                .warnings()
                .iter()
                .any(|w| w.pointer.starts_with(misplaced)),
            "{:?}",
            files.warnings()
        );

        let person = || json!({"first": "Margaret", "born": "1979-04-02"});
        let original = json!({
            "title": "Minutes",
            "person": person(),
            "people": [person()],
            "wrapped": person(),
            "account": {"handle": "mags", "email": "m@mail.test", "settings": {"motto": "Onward"}}
        });
        let mut body = original.clone();
        let spec = serde_json::to_value(&document.api).unwrap();
        let schema = json!({"$ref": "#/components/schemas/Doc"});
        invent_personal_data(
            &mut body,
            Some(&schema),
            &spec,
            &PersonalData::of(&document.api),
        );

        // Where each object sits in the body, and the type it decodes into.
        let places = [
            ("", "Doc"),
            ("/person", "Person"),
            ("/people/0", "Person"),
            ("/wrapped", "Person"),
            ("/account", "Account"),
            ("/account/settings", "AccountSettings"),
        ];
        let mut compared = 0;
        for (place, type_name) in places {
            let members = original.pointer(place).and_then(Value::as_object).unwrap();
            for (member, value) in members {
                if value.is_object() || value.is_array() {
                    continue; // compared at its own place
                }
                let at = format!("{place}/{member}");
                let scrubbed = body.pointer(&at) != original.pointer(&at);
                let redacted = debug_redacts(&api, type_name, member);
                assert_eq!(
                    scrubbed, redacted,
                    "{at}: scrubbed {scrubbed}, but {type_name}::{member} redacted {redacted}"
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 10);
        // The rule is not vacuous: both kinds of mark reach something.
        assert!(debug_redacts(&api, "Person", "first"));
        assert!(debug_redacts(&api, "Account", "email"));
        assert!(!debug_redacts(&api, "Account", "handle"));
    }
}
