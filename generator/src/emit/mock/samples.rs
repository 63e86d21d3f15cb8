//! Invents a complete, valid value for each component schema, so that tests
//! of code that uses the client start from a realistic value and change
//! only what they care about.
//!
//! A schema's own `example` (or else its `default`) wins when it would decode
//! into the type; otherwise every property is filled in,
//! enums take their first value, strings their format's shape (a date, a
//! UUID, an email address at example.com), and numbers their minimum. The
//! values depend on nothing but the spec, so regenerating changes nothing.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, Components, IntegerFormat, IntegerType, NumberType,
    ObjectType, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::{Map, Value, json};

use crate::spec::walk::{Component, component_name, resolve_schema};

/// How deep a recursive schema (a tree of comments, say) is followed before
/// an optional member is left out.
const MAX_DEPTH: usize = 8;

/// How many `$ref`s and compositions in a row the check of an example
/// follows without going into the value (a cycle of `$ref`s, say) before it
/// takes the value on trust. Going into a member or an item starts the count
/// again: the value is finite, so the check ends (pagerduty's
/// `ServiceOrchestration` example is wrong eleven levels down).
const MAX_HOPS: usize = 16;

/// The most items a sample list holds: a schema that asks for more
/// (`minItems: 10000`) gets no sample.
const MAX_ITEMS: usize = 256;

/// A sample of the component schema `name`, or `None` when the spec has no
/// such schema or it cannot be filled in (a recursion with no way out).
pub fn of_component(api: &OpenAPI, name: &str) -> Option<Value> {
    let components = api.components.as_ref()?;
    let schema = Schema::section(components).get(name)?;
    let mut filling = Filling {
        components,
        visiting: BTreeSet::from([name.to_owned()]),
        examples: true,
    };
    filling.reference_or(schema, name, 0)
}

struct Filling<'a> {
    components: &'a Components,
    /// Component schemas on the current path, to stop at recursion.
    visiting: BTreeSet<String>,
    /// Whether the spec's examples and defaults are taken (where they fit).
    examples: bool,
}

impl Filling<'_> {
    fn reference_or<T: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<T>,
        member: &str,
        depth: usize,
    ) -> Option<Value> {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema.borrow(), member, depth),
            ReferenceOr::Reference { reference } => {
                let name = component_name::<Schema>(reference)?;
                if depth > MAX_DEPTH || !self.visiting.insert(name.to_owned()) {
                    return None;
                }
                let value = match Schema::section(self.components).get(name)? {
                    ReferenceOr::Item(schema) => self.schema(schema, member, depth + 1),
                    reference => self.reference_or(reference, member, depth + 1),
                };
                self.visiting.remove(name);
                value
            }
        }
    }

    fn schema(&mut self, schema: &Schema, member: &str, depth: usize) -> Option<Value> {
        // Specs' examples are not always valid (an id one digit short): one
        // that would not decode into the type is passed over for an invented
        // value.
        let given = [&schema.schema_data.example, &schema.schema_data.default];
        if let Some(value) = given
            .into_iter()
            .flatten()
            .find(|value| self.examples && self.fits(value, schema, 0))
        {
            return Some(value.clone());
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => string(s, member),
            SchemaKind::Type(Type::Integer(i)) => Some(integer(i)),
            SchemaKind::Type(Type::Number(n)) => number(n),
            SchemaKind::Type(Type::Boolean(b)) => Some(Value::Bool(
                b.enumeration
                    .iter()
                    .flatten()
                    .next()
                    .copied()
                    .unwrap_or(true),
            )),
            SchemaKind::Type(Type::Array(a)) => self.array(a, member, depth),
            SchemaKind::Type(Type::Object(o)) => self.object(o, depth),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, None, member, depth),
            SchemaKind::OneOf { one_of: choices } | SchemaKind::AnyOf { any_of: choices } => {
                choices
                    .iter()
                    .find_map(|choice| self.reference_or(choice, member, depth))
            }
            SchemaKind::Any(any) => self.mixed(any, member, depth),
            SchemaKind::Not { .. } => Some(Value::Object(Map::new())),
        }
    }

    /// A schema that mixes keywords of several kinds. typify merges its
    /// `allOf` parts and its own members into one object, then that object
    /// into each alternative of its `oneOf` or `anyOf`; so do samples.
    fn mixed(&mut self, any: &AnySchema, member: &str, depth: usize) -> Option<Value> {
        if let Some(value) = any.enumeration.first() {
            return Some(value.clone());
        }
        // A string of a format typify makes a Rust type of, whatever its
        // parts say (shipengine's `created_at`, a `date-time` beside an
        // `allOf` of its string id, whose example is the id): the type is
        // the format's.
        if matches!(any.typ.as_deref(), Some("string") | None)
            && let Some(format) = any.format.as_deref().filter(|f| RUST_FORMATS.contains(f))
        {
            let format = match format {
                "date" => VariantOrUnknownOrEmpty::Item(StringFormat::Date),
                "date-time" => VariantOrUnknownOrEmpty::Item(StringFormat::DateTime),
                other => VariantOrUnknownOrEmpty::Unknown(other.to_owned()),
            };
            let text = StringType {
                format,
                ..StringType::default()
            };
            return string(&text, member);
        }
        // A list written without `type: array` (OpenAI's `modalities`),
        // which typify reads as a list.
        if let Some(items) = &any.items
            && any.properties.is_empty()
            && any.all_of.is_empty()
            && any.one_of.is_empty()
            && any.any_of.is_empty()
        {
            let list = ArrayType {
                items: Some(items.clone()),
                min_items: any.min_items,
                max_items: any.max_items,
                unique_items: any.unique_items.unwrap_or(false),
            };
            return self.array(&list, member, depth);
        }
        // intercom's replies: a base by `$ref`, and a required id.
        let own = (!any.properties.is_empty() || !any.required.is_empty()).then(|| ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            ..ObjectType::default()
        });
        let mut parts = Vec::new();
        if !any.all_of.is_empty() || own.is_some() {
            parts.push(self.all_of(&any.all_of, own.as_ref(), member, depth)?);
        }
        // intercom's `CreateDataAttributeRequest` requires `data_type`,
        // which only its alternatives describe: the first alternative that
        // can be made completes the object (typify makes each a variant
        // that holds the shared members too).
        let mut choices = any.one_of.iter().chain(&any.any_of).peekable();
        if choices.peek().is_some() {
            parts.push(choices.find_map(|choice| self.reference_or(choice, member, depth))?);
        }
        if parts.is_empty() {
            return Some(Value::Object(Map::new()));
        }
        merge(parts)
    }

    /// The parts of an `allOf`, and the schema's own members beside them,
    /// merged. An example of one part may describe members another part
    /// describes otherwise (pagerduty's `ServiceOrchestration`: the example
    /// sits on a part without the rules, written as strings where the other
    /// part has objects): when the merge does not fit every part, the parts
    /// are made again without the spec's examples.
    fn all_of(
        &mut self,
        all_of: &[ReferenceOr<Schema>],
        own: Option<&ObjectType>,
        member: &str,
        depth: usize,
    ) -> Option<Value> {
        let merged_with_others = all_of.len() > 1 || own.is_some();
        let mut parts: Vec<Value> = all_of
            .iter()
            .map(|part| {
                let choices = match resolve_schema(self.components, part).map(|s| &s.schema_kind) {
                    Some(
                        SchemaKind::OneOf { one_of: choices }
                        | SchemaKind::AnyOf { any_of: choices },
                    ) if merged_with_others => choices,
                    _ => return self.reference_or(part, member, depth),
                };
                // typify merges the other parts into each alternative: one
                // that is not an object has no variant (Chroma's job kind,
                // a string or objects, merged with the job's members).
                choices
                    .iter()
                    .filter_map(|choice| self.reference_or(choice, member, depth))
                    .find(Value::is_object)
                    .or_else(|| self.reference_or(part, member, depth))
            })
            .collect::<Option<_>>()?;
        if let Some(own) = own {
            parts.push(self.object(own, depth)?);
        }
        let mut merged = merge(parts)?;
        // A member one part only requires is null in the merge, which gives
        // way to another part's value; when that part could not invent one
        // (azure's agent pool `name`, of a `pattern`), the null stays, and
        // typify's merged type does not take it: there is no sample.
        let described = self.described(all_of, own);
        if let Value::Object(members) = &merged {
            let unfilled = members.iter().any(|(name, value)| {
                value.is_null()
                    && described.iter().filter_map(|p| p.get(name)).any(|schema| {
                        resolve_schema(self.components, schema)
                            .is_some_and(|schema| !schema.schema_data.nullable)
                    })
            });
            if unfilled {
                return None;
            }
        }
        self.agree(&mut merged, all_of, own, depth);
        if !self.examples
            || all_of
                .iter()
                .all(|part| self.fits_reference(&merged, part, 0))
        {
            return Some(merged);
        }
        self.examples = false;
        let invented = self.all_of(all_of, own, member, depth);
        self.examples = true;
        invented
    }

    /// The properties each part of an `allOf`, and the schema's own object,
    /// describe, through the parts' own `allOf`s (lob's campaign `create`
    /// requires `ride_along_url`, which a part of a part describes, with a
    /// pattern).
    fn described<'p>(
        &self,
        all_of: &'p [ReferenceOr<Schema>],
        own: Option<&'p ObjectType>,
    ) -> Vec<&'p Properties>
    where
        Self: 'p,
    {
        let mut found: Vec<&'p Properties> = own.map(|own| &own.properties).into_iter().collect();
        self.parts_described(all_of, &mut found, 0);
        found
    }

    fn parts_described<'p>(
        &self,
        all_of: &'p [ReferenceOr<Schema>],
        found: &mut Vec<&'p Properties>,
        hops: usize,
    ) where
        Self: 'p,
    {
        if hops > MAX_HOPS {
            return;
        }
        for part in all_of
            .iter()
            .filter_map(|part| resolve_schema(self.components, part))
        {
            match &part.schema_kind {
                SchemaKind::Type(Type::Object(object)) => found.push(&object.properties),
                SchemaKind::Any(any) => {
                    found.push(&any.properties);
                    self.parts_described(&any.all_of, found, hops + 1);
                }
                SchemaKind::AllOf { all_of } => self.parts_described(all_of, found, hops + 1),
                _ => {}
            }
        }
    }

    /// Gives each member of `merged` that several parts describe, each in
    /// its own way, a value that fits every part: typify merges the parts
    /// into one type, which takes only such a value (github's forks:
    /// `created_at` is an integer or a date-time in one part, any string in
    /// the other; the merged type is a date-time). The candidates are each
    /// part's sample of the member and, of an `anyOf` or a `oneOf`, each
    /// alternative's. A member no candidate fits keeps its value.
    fn agree(
        &mut self,
        merged: &mut Value,
        all_of: &[ReferenceOr<Schema>],
        own: Option<&ObjectType>,
        depth: usize,
    ) {
        let Value::Object(members) = merged else {
            return;
        };
        let components = self.components;
        let described = self.described(all_of, own);
        for (name, value) in members.iter_mut() {
            let schemas: Vec<&ReferenceOr<Box<Schema>>> = described
                .iter()
                .filter_map(|properties| properties.get(name))
                .collect();
            let fits_all = |filling: &Self, value: &Value| {
                schemas
                    .iter()
                    .all(|schema| filling.fits_reference(value, schema, 0))
            };
            if schemas.len() < 2 || fits_all(self, value) {
                continue;
            }
            for schema in &schemas {
                let mut candidates = vec![self.reference_or(*schema, name, depth + 1)];
                if let Some(
                    SchemaKind::OneOf { one_of: choices } | SchemaKind::AnyOf { any_of: choices },
                ) = resolve_schema(components, schema).map(|schema| &schema.schema_kind)
                {
                    candidates.extend(
                        choices
                            .iter()
                            .map(|choice| self.reference_or(choice, name, depth + 1)),
                    );
                }
                let fitting = candidates
                    .into_iter()
                    .flatten()
                    .find(|candidate| fits_all(self, candidate));
                if let Some(fitting) = fitting {
                    *value = fitting;
                    break;
                }
            }
        }
    }

    fn array(&mut self, array: &ArrayType, member: &str, depth: usize) -> Option<Value> {
        let item = match &array.items {
            Some(items) => self.reference_or(items, member, depth + 1),
            None => Some(Value::String(format!("sample {member}"))),
        };
        // An item that cannot be made leaves the list empty, if it may be.
        // As many items as the list must hold (typify makes a list of two
        // to two items a `[T; 2]`), one at least.
        let count = array.min_items.unwrap_or(1).max(1);
        match item {
            Some(_) if count > MAX_ITEMS => None,
            Some(item) => Some(Value::Array(vec![item; count])),
            None if array.min_items.unwrap_or(0) == 0 => Some(Value::Array(Vec::new())),
            None => None,
        }
    }

    fn object(&mut self, object: &ObjectType, depth: usize) -> Option<Value> {
        let mut members = Map::new();
        for (name, property) in &object.properties {
            match self.reference_or(property, name, depth + 1) {
                Some(value) => {
                    members.insert(name.clone(), value);
                }
                None if object.required.contains(name) => return None,
                None => {}
            }
        }
        // A required member the properties leave out (a base schema whose
        // subtypes describe it) takes any value in typify's struct: null
        // says nothing about it, and decodes.
        for name in &object.required {
            if !object.properties.contains_key(name) {
                members.insert(name.clone(), Value::Null);
            }
        }
        Some(Value::Object(members))
    }
}

/// The members an object schema describes.
type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

fn merge(parts: Vec<Value>) -> Option<Value> {
    let mut merged = Map::new();
    let mut last = None;
    for part in parts {
        match part {
            Value::Object(members) => merge_members(&mut merged, members),
            other => last = Some(other),
        }
    }
    match last {
        Some(value) if merged.is_empty() => Some(value),
        _ => Some(Value::Object(merged)),
    }
}

/// Whether `value`, a spec's example or default, decodes into the type of a
/// schema: the JSON type, the shape of the string formats that become Rust
/// types (`uuid`, `date`, `date-time`), `null` only where the schema is
/// nullable, and, through `$ref`s, the required members of objects and the
/// items and members they hold (box's `created_by` example, a list where
/// an object belongs). After [`MAX_HOPS`] steps in a row that do not go
/// into the value, it is taken on trust.
impl Filling<'_> {
    fn fits(&self, value: &Value, schema: &Schema, hops: usize) -> bool {
        if hops > MAX_HOPS {
            return true;
        }
        if value.is_null() {
            return schema.schema_data.nullable;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => value.as_str().is_some_and(|text| {
                let formed = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => is_date(text),
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => is_date_time(text),
                    VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
                        "uuid" => is_uuid(text),
                        // typify's `IpAddr`, `Ipv4Addr` and `Ipv6Addr`.
                        "ip" => text.parse::<std::net::IpAddr>().is_ok(),
                        "ipv4" => text.parse::<std::net::Ipv4Addr>().is_ok(),
                        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
                        _ => true,
                    },
                    _ => true,
                };
                // typify's string types check their lengths and their enum
                // (apisetu's `""` example of a `minLength: 1` member).
                let length = text.chars().count();
                let listed = s.enumeration.is_empty()
                    || s.enumeration.iter().flatten().any(|listed| listed == text);
                // And their pattern, with the same engine (mastercard's
                // example id, one a UUID pattern does not match).
                let matched = s
                    .pattern
                    .as_deref()
                    .is_none_or(|pattern| matches(pattern, text));
                formed
                    && s.min_length.is_none_or(|min| length >= min)
                    && s.max_length.is_none_or(|max| length <= max)
                    && listed
                    && matched
            }),
            // typify's integer types are unsigned, or non-zero, from their
            // minimum, and as wide as their format; an example below the
            // minimum or beyond the format's range is not taken (wowza's
            // `int32` example 32,429,386,811).
            SchemaKind::Type(Type::Integer(i)) => {
                let above_minimum = match value.as_i64() {
                    Some(number) => i.minimum.is_none_or(|minimum| {
                        let low = match i.exclusive_minimum {
                            true => minimum.saturating_add(1),
                            false => minimum,
                        };
                        number >= low
                    }),
                    None => value.is_u64(),
                };
                above_minimum && in_format_range(&i.format, value)
            }
            SchemaKind::Type(Type::Number(_)) => value.is_number(),
            SchemaKind::Type(Type::Boolean(_)) => value.is_boolean(),
            SchemaKind::Type(Type::Array(array)) => value.as_array().is_some_and(|items| {
                array.items.as_ref().is_none_or(|schema| {
                    items
                        .iter()
                        .all(|item| self.fits_reference(item, schema, 0))
                })
            }),
            SchemaKind::Type(Type::Object(object)) => self.fits_members(
                value,
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
            ),
            SchemaKind::AllOf { all_of } => all_of
                .iter()
                .all(|part| self.fits_reference(value, part, hops + 1)),
            SchemaKind::OneOf { one_of: choices } | SchemaKind::AnyOf { any_of: choices } => {
                choices
                    .iter()
                    .any(|choice| self.fits_reference(value, choice, hops + 1))
            }
            // Keywords of several kinds (`type: object` beside an `allOf`,
            // as box writes its users): each that is there must fit.
            SchemaKind::Any(any) => {
                let typed = match (any.typ.as_deref(), &any.items) {
                    // A list written without `type: array`, too.
                    (Some("array") | None, Some(items)) => value.as_array().is_some_and(|values| {
                        values
                            .iter()
                            .all(|item| self.fits_reference(item, items, 0))
                    }),
                    (Some("object"), _) => value.is_object(),
                    (Some("array"), _) => value.is_array(),
                    (Some("string"), _) => value.is_string(),
                    (Some("integer"), _) => value.is_i64() || value.is_u64(),
                    (Some("number"), _) => value.is_number(),
                    (Some("boolean"), _) => value.is_boolean(),
                    _ => true,
                };
                let described = !any.properties.is_empty()
                    || !any.required.is_empty()
                    || any.additional_properties.is_some();
                let choice = |choices: &[ReferenceOr<Schema>]| {
                    choices.is_empty()
                        || choices
                            .iter()
                            .any(|choice| self.fits_reference(value, choice, hops + 1))
                };
                typed
                    && (!described
                        || self.fits_members(
                            value,
                            &any.properties,
                            &any.required,
                            any.additional_properties.as_ref(),
                        ))
                    && any
                        .all_of
                        .iter()
                        .all(|part| self.fits_reference(value, part, hops + 1))
                    && choice(&any.one_of)
                    && choice(&any.any_of)
            }
            SchemaKind::Not { .. } => true,
        }
    }

    fn fits_reference<T: Borrow<Schema>>(
        &self,
        value: &Value,
        schema: &ReferenceOr<T>,
        hops: usize,
    ) -> bool {
        match schema {
            ReferenceOr::Item(schema) => self.fits(value, schema.borrow(), hops),
            ReferenceOr::Reference { reference } => {
                let target = component_name::<Schema>(reference)
                    .and_then(|name| Schema::section(self.components).get(name));
                match target {
                    Some(target) => self.fits_reference(value, target, hops + 1),
                    // What the generator cannot look up, it does not judge.
                    None => true,
                }
            }
        }
    }

    fn fits_members(
        &self,
        value: &Value,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
    ) -> bool {
        let Some(members) = value.as_object() else {
            return false;
        };
        required.iter().all(|name| members.contains_key(name))
            && members
                .iter()
                .all(|(name, member)| match (properties.get(name), additional) {
                    (Some(schema), _) => self.fits_reference(member, schema, 0),
                    // A map's values (intercom's `custom_attributes` of
                    // strings, whose example holds numbers).
                    (None, Some(AdditionalProperties::Schema(schema))) => {
                        self.fits_reference(member, schema, 0)
                    }
                    // typify denies unknown members there.
                    (None, Some(AdditionalProperties::Any(false))) => false,
                    (None, _) => true,
                })
    }
}

/// Whether an integer fits the Rust type typify gives its `format`
/// (`int32` is an `i32`); a format typify does not know bounds nothing.
fn in_format_range(format: &VariantOrUnknownOrEmpty<IntegerFormat>, value: &Value) -> bool {
    let (low, high): (i128, i128) = match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => (i32::MIN.into(), i32::MAX.into()),
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => (i64::MIN.into(), i64::MAX.into()),
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "int8" => (i8::MIN.into(), i8::MAX.into()),
            "uint8" => (0, u8::MAX.into()),
            "int16" => (i16::MIN.into(), i16::MAX.into()),
            "uint16" => (0, u16::MAX.into()),
            "int" | "int32" => (i32::MIN.into(), i32::MAX.into()),
            "uint" | "uint32" => (0, u32::MAX.into()),
            "int64" => (i64::MIN.into(), i64::MAX.into()),
            _ => return true,
        },
        VariantOrUnknownOrEmpty::Empty => return true,
    };
    let number = match (value.as_i64(), value.as_u64()) {
        (Some(number), _) => i128::from(number),
        (None, Some(number)) => i128::from(number),
        (None, None) => return false,
    };
    (low..=high).contains(&number)
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        })
}

/// RFC 3339: a date, `T`, a time, and `Z` or an offset.
fn is_date_time(text: &str) -> bool {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return false;
    };
    let Some(time) = rest.strip_prefix(['T', 't']) else {
        return false;
    };
    let zoned =
        time.ends_with(['Z', 'z']) || time.get(8..).is_some_and(|tail| tail.contains(['+', '-']));
    is_date(date)
        && time.len() >= 9
        && time.get(..8).is_some_and(|hms| {
            hms.char_indices().all(|(i, c)| match i {
                2 | 5 => c == ':',
                _ => c.is_ascii_digit(),
            })
        })
        && zoned
}

/// Merges the members of one part into those of the parts before it, as
/// typify merges their schemas: a member two parts describe is merged too
/// (pagerduty's `parent`, whose `id` one part types and the other only
/// describes). Null, from a part that only requires the member, and `{}`,
/// from a schema that says nothing of its type, give way to the value of a
/// part that describes it.
fn merge_members(merged: &mut Map<String, Value>, members: Map<String, Value>) {
    for (name, value) in members {
        match merged.get_mut(&name) {
            Some(earlier) => merge_value(earlier, value),
            None => {
                merged.insert(name, value);
            }
        }
    }
}

/// `later`, one part's sample of a member an earlier part describes too,
/// over `earlier`: objects merge, and so do lists, item by item (github's
/// `workflow_job.steps`: one part's items are steps with required members,
/// the other's any object); `null` and `{}`, which say nothing, give way.
fn merge_value(earlier: &mut Value, later: Value) {
    match (earlier, later) {
        (Value::Object(earlier), Value::Object(later)) => merge_members(earlier, later),
        (_, Value::Null) => {}
        (_, Value::Object(later)) if later.is_empty() => {}
        (Value::Array(earlier), Value::Array(later)) => {
            for (index, item) in later.into_iter().enumerate() {
                match earlier.get_mut(index) {
                    Some(slot) => merge_value(slot, item),
                    None => earlier.push(item),
                }
            }
        }
        (earlier, later) => *earlier = later,
    }
}

/// Whether an `enum` lists `null` alone (`{type: string, enum: [null]}`, as
/// schemars writes a unit struct: Oxide's `InvalidRackSecretSizeError`),
/// which typify reads as `()`, decoded from `null` only.
fn only_null<T>(values: &[Option<T>]) -> bool {
    !values.is_empty() && values.iter().all(Option::is_none)
}

/// A string of the schema's shape, or `None` where one cannot be invented
/// with confidence: a `pattern` (the types check it when decoding), or a
/// format whose value the length limits would spoil.
/// The string formats typify makes a Rust type of, which parse their text:
/// a sample of one must be of its shape.
const RUST_FORMATS: [&str; 6] = ["date", "date-time", "uuid", "ip", "ipv4", "ipv6"];

fn string(s: &StringType, member: &str) -> Option<Value> {
    if only_null(&s.enumeration) {
        return Some(Value::Null);
    }
    if let Some(first) = s.enumeration.iter().flatten().next() {
        return Some(Value::String(first.clone()));
    }
    if s.pattern.is_some() {
        return None;
    }
    let formatted = match &s.format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("2026-01-15".to_owned()),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
            Some("2026-01-15T09:30:00Z".to_owned())
        }
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("c2FtcGxl".to_owned()),
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "uuid" => Some(uuid_for(member)),
            "email" => Some("jane.doe@example.com".to_owned()),
            "uri" | "url" => Some("https://example.com/".to_owned()),
            "ipv4" | "ip" => Some("192.0.2.1".to_owned()),
            "ipv6" => Some("2001:db8::1".to_owned()),
            "hostname" => Some("example.com".to_owned()),
            _ => None,
        },
        _ => None,
    };
    let min = s.min_length.unwrap_or(0);
    let max = s.max_length.unwrap_or(usize::MAX);
    if let Some(text) = formatted {
        let length = text.chars().count();
        return (min..=max).contains(&length).then_some(Value::String(text));
    }
    if min > max {
        return None;
    }
    let mut text: String = by_member_name(member).chars().take(max).collect();
    while text.chars().count() < min {
        text.push('x');
    }
    Some(Value::String(text))
}

/// An invented value that reads like what the member holds.
fn by_member_name(member: &str) -> String {
    let member = member.to_ascii_lowercase();
    let guess = [
        ("email", "jane.doe@example.com"),
        ("phone", "+15555550100"),
        ("country", "US"),
        ("first", "Jane"),
        ("last", "Doe"),
        ("name", "Jane Doe"),
        ("postal", "94105"),
        ("locality", "Springfield"),
        ("city", "Springfield"),
        ("line1", "1 Sample Street"),
        ("url", "https://example.com/"),
    ];
    guess
        .iter()
        .find(|(part, _)| member.contains(part))
        .map_or_else(
            || format!("sample {member}"),
            |(_, value)| (*value).to_owned(),
        )
}

/// A UUID that differs per member, so that ids in one sample are distinct.
fn uuid_for(member: &str) -> String {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let hash = member.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        hash >> 32,
        (hash >> 16) & 0xffff,
        hash & 0xfff,
        (hash >> 20) & 0xfff,
        hash & 0xffff_ffff_ffff
    )
}

fn integer(i: &IntegerType) -> Value {
    if only_null(&i.enumeration) {
        return Value::Null;
    }
    if let Some(first) = i.enumeration.iter().flatten().next() {
        return json!(first);
    }
    let low = i.minimum.map_or(1, |m| {
        if i.exclusive_minimum {
            m.saturating_add(1)
        } else {
            m
        }
    });
    let high = i.maximum.map(|m| {
        if i.exclusive_maximum {
            m.saturating_sub(1)
        } else {
            m
        }
    });
    json!(high.map_or(low, |h| low.min(h)))
}

fn number(n: &NumberType) -> Option<Value> {
    if only_null(&n.enumeration) {
        return Some(Value::Null);
    }
    if let Some(first) = n.enumeration.iter().flatten().next() {
        return Some(json!(first));
    }
    let value = match (n.minimum, n.maximum) {
        (Some(low), Some(high)) => (low + high) / 2.0,
        (Some(low), None) => low + 1.5,
        (None, Some(high)) => high - 1.5,
        (None, None) => 1.5,
    };
    // Bounds near the ends of f64 give infinity, which JSON cannot hold.
    value.is_finite().then(|| json!(value))
}

/// Whether `text` matches the ECMAScript `pattern`, as typify's types check
/// it with regress. Checked with `regex` wherever it reads the pattern too:
/// its matching takes time linear in the text, while regress backtracks, and
/// a nested quantifier (beezup's `([\/\w \.-]*)*`) kept it past ten minutes
/// on a URL the pattern does not match. regress checks only what `regex`
/// cannot read (lookaround, backreferences).
fn matches(pattern: &str, text: &str) -> bool {
    match regex::Regex::new(pattern) {
        Ok(regex) => regex.is_match(text),
        Err(_) => regress::Regex::new(pattern).is_ok_and(|regex| regex.find(text).is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec whose `components.schemas` are `yaml`, indented under it.
    fn schemas(yaml: &str) -> OpenAPI {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\n\
             components:\n  schemas:\n{yaml}"
        );
        serde_yaml::from_str(&spec).unwrap()
    }

    #[test]
    fn a_recursive_schema_stops_where_a_member_is_optional() {
        let api = schemas(
            r#"
    Node:
      type: object
      required: [id]
      properties:
        id: {type: string, format: uuid}
        child: {$ref: '#/components/schemas/Node'}
"#,
        );
        let node = of_component(&api, "Node").unwrap();
        assert!(node["id"].is_string());
        assert!(node.get("child").is_none(), "{node}");
    }

    #[test]
    fn a_required_member_only_a_subtype_describes_is_filled() {
        let api = schemas(
            r#"
    Paging:
      type: object
      required: [items, total]
      properties:
        total: {type: integer}
    TrackPage:
      allOf:
        - {$ref: '#/components/schemas/Paging'}
        - type: object
          properties:
            items: {type: array, items: {type: string}}
    TrackPageDescribedFirst:
      allOf:
        - type: object
          properties:
            items: {type: array, items: {type: string}}
        - {$ref: '#/components/schemas/Paging'}
"#,
        );
        let paging = of_component(&api, "Paging").unwrap();
        assert_eq!(paging["items"], Value::Null, "{paging}");
        assert!(paging["total"].is_i64());
        for name in ["TrackPage", "TrackPageDescribedFirst"] {
            let page = of_component(&api, name).unwrap();
            assert!(page["items"].is_array(), "{name}: {page}");
        }
    }

    #[test]
    fn bounds_and_examples_are_respected() {
        let api = schemas(
            r#"
    Score:
      type: object
      properties:
        bot_score: {type: integer, minimum: 0, maximum: 100}
        code: {type: string, minLength: 3, maxLength: 3}
        label: {type: string, example: "from the spec"}
"#,
        );
        let score = of_component(&api, "Score").unwrap();
        assert_eq!(score["bot_score"], 0);
        assert_eq!(score["code"].as_str().map(str::len), Some(3));
        assert_eq!(score["label"], "from the spec");
    }

    #[test]
    fn examples_that_would_not_decode_are_passed_over() {
        // As a real spec (train-travel) writes them: an id one digit short,
        // a date-time without a zone, a count written as text.
        let api = schemas(
            r#"
    Trip:
      type: object
      properties:
        id: {type: string, format: uuid, example: 1725ff4-ab45-4bb5-9d02-88745177dedb}
        good_id: {type: string, format: uuid, example: 1725ff48-ab45-4bb5-9d02-88745177dedb}
        departs: {type: string, format: date-time, example: "2024-02-01 09:00"}
        arrives: {type: string, format: date-time, example: "2024-02-01T11:00:00+01:00"}
        day: {type: string, format: date, example: "1 Feb 2024"}
        seats: {type: integer, example: "12", default: 2}
"#,
        );
        let trip = of_component(&api, "Trip").unwrap();
        assert_ne!(trip["id"], "1725ff4-ab45-4bb5-9d02-88745177dedb");
        assert_eq!(trip["id"].as_str().map(str::len), Some(36), "{trip}");
        assert_eq!(trip["good_id"], "1725ff48-ab45-4bb5-9d02-88745177dedb");
        assert_eq!(trip["departs"], "2026-01-15T09:30:00Z");
        assert_eq!(trip["arrives"], "2024-02-01T11:00:00+01:00");
        assert_eq!(trip["day"], "2026-01-15");
        assert_eq!(trip["seats"], 2, "the default, which fits");
    }

    #[test]
    fn a_union_merged_with_an_object_takes_an_alternative_that_is_an_object() {
        // Chroma's index job: serde's enum (a string, or objects) merged
        // with the job's own members.
        let api = schemas(
            r#"
    Job:
      allOf:
        - $ref: '#/components/schemas/Kind'
        - type: object
          required: [name]
          properties:
            name: {type: string}
    Kind:
      oneOf:
        - {type: string, enum: [web_scrape]}
        - type: object
          required: [github]
          properties:
            github: {type: object, properties: {ref: {type: string}}}
"#,
        );
        let job = of_component(&api, "Job").unwrap();
        assert!(job.get("github").is_some(), "{job}");
        assert!(job["name"].is_string(), "{job}");
        // Alone, the union's sample is its first alternative.
        assert_eq!(of_component(&api, "Kind").unwrap(), "web_scrape");
    }

    #[test]
    fn a_member_required_beside_an_all_of_that_cannot_be_invented_leaves_no_sample() {
        // azure's agent pool: `name` required beside the `allOf`, described
        // by a part, with a pattern no string can be invented for.
        let api = schemas(
            r#"
    Pool:
      required: [name]
      allOf:
        - $ref: '#/components/schemas/PoolProperties'
        - properties:
            name: {type: string, pattern: "^[a-z][a-z0-9]{0,11}$"}
    PoolProperties:
      properties:
        count: {type: integer}
    Labelled:
      required: [label]
      allOf:
        - $ref: '#/components/schemas/PoolProperties'
        - properties:
            label: {type: string}
    Tagged:
      required: [tag]
      allOf:
        - $ref: '#/components/schemas/PoolProperties'
    Campaign:
      allOf:
        - $ref: '#/components/schemas/Writable'
        - type: object
          required: [url]
    Writable:
      allOf:
        - $ref: '#/components/schemas/Common'
    Common:
      allOf:
        - properties:
            url: {type: string, pattern: "^https://.{5,247}$"}
"#,
        );
        assert_eq!(of_component(&api, "Pool"), None);
        // lob's campaign: the member is described by a part of a part.
        assert_eq!(of_component(&api, "Campaign"), None);
        // Invented, or described by no part (any value): a sample.
        assert_eq!(
            of_component(&api, "Labelled").unwrap()["label"],
            "sample label"
        );
        assert_eq!(of_component(&api, "Tagged").unwrap()["tag"], Value::Null);
    }

    #[test]
    fn an_enum_of_null_alone_is_sampled_as_null() {
        // Oxide's sled agent, as schemars writes a unit struct: typify's
        // `()` decodes `null` only.
        let api = schemas(
            r#"
    InvalidSize: {type: string, enum: [null]}
    Level: {type: integer, enum: [null]}
    Nullable: {type: string, nullable: true, enum: [null, low]}
"#,
        );
        assert_eq!(of_component(&api, "InvalidSize"), Some(Value::Null));
        assert_eq!(of_component(&api, "Level"), Some(Value::Null));
        assert_eq!(of_component(&api, "Nullable"), Some(json!("low")));
    }

    #[test]
    fn examples_outside_their_lengths_enum_or_minimum_are_passed_over() {
        // As apisetu's specs write them: an empty example of a member that
        // may not be empty; and mastercard's id that its pattern refuses.
        let api = schemas(
            r#"
    Address:
      type: object
      properties:
        country: {type: string, minLength: 1, example: ""}
        pin: {type: string, maxLength: 6, example: "1234567"}
        state: {type: string, minLength: 2, maxLength: 2, example: "KL"}
        kind: {type: string, enum: [present, permanent], example: current}
        code: {type: string, pattern: "^[A-Z]{3}$", example: "INR"}
        id: {type: string, pattern: "^[0-9a-f]{8}$", example: "not-an-id"}
        gateway: {type: string, format: ip, example: null}
        mask: {type: string, format: ipv4, example: "255.255.128"}
        floor: {type: integer, minimum: 1, example: 0}
        rooms: {type: integer, minimum: 1, example: 3}
        peak: {type: integer, format: int32, example: 32429386811}
        total: {type: integer, format: int64, example: 32429386811}
        level: {type: integer, format: uint8, example: -1}
"#,
        );
        let address = of_component(&api, "Address").unwrap();
        assert_ne!(address["country"], "", "{address}");
        assert_ne!(address["pin"], "1234567", "{address}");
        assert_eq!(address["state"], "KL", "an example that fits");
        assert_eq!(address["kind"], "present", "{address}");
        assert_eq!(address["code"], "INR", "an example that matches");
        // linode's: no example, and one that is not an address.
        assert_eq!(address["gateway"], "192.0.2.1", "{address}");
        assert_eq!(address["mask"], "192.0.2.1", "{address}");
        // No string can be invented for a pattern: the member is left out.
        assert!(address.get("id").is_none(), "{address}");
        assert_eq!(address["floor"], 1, "{address}");
        assert_eq!(address["rooms"], 3, "an example that fits");
        // wowza's: an `int32` example beyond an `i32`.
        assert_ne!(address["peak"], 32429386811_i64, "{address}");
        assert!(address["peak"].as_i64().is_some(), "{address}");
        assert_eq!(address["total"], 32429386811_i64, "{address}");
        assert!(address["level"].as_u64().is_some(), "{address}");
    }

    #[test]
    fn patterns_are_matched_without_backtracking_where_regex_reads_them() {
        // beezup's URL pattern, against one of its own examples that it does
        // not match: regress backtracked for more than ten minutes.
        let url = r"^(https?:\/\/)?([\da-z\.-]+)\.([a-z\.]{2,6})([\/\w \.-]*)*\/?$";
        let long = "https://www.biography.com/.image/c_fill,cs_srgb,dpr_1.0,g_face,h_300,q_80,\
                    w_300/MTE4MDAzNDEwNDU3MjM";
        assert!(!matches(url, long));
        assert!(matches(url, "http://www.mydomain.com"));
        // A lookahead, which only regress reads.
        assert!(matches("^(?=.*[0-9])[a-z0-9]+$", "abc1"));
        assert!(!matches("^(?=.*[0-9])[a-z0-9]+$", "abc"));
    }

    #[test]
    fn lists_hold_as_many_items_as_they_must() {
        let api = schemas(
            r#"
    Point:
      type: array
      items: {type: integer}
      minItems: 2
      maxItems: 2
    Crowd:
      type: array
      items: {type: string}
      minItems: 100000
"#,
        );
        assert_eq!(of_component(&api, "Point").unwrap(), json!([1, 1]));
        assert_eq!(of_component(&api, "Crowd"), None);
    }

    #[test]
    fn a_string_of_a_rust_format_beside_parts_is_of_its_format() {
        // shipengine's `created_at`: a date-time beside an `allOf` of its
        // id, whose example is an id.
        let spec = schemas(
            r#"
    SeId:
      type: string
      pattern: '^se(-[a-z0-9]+)+$'
      example: se-28529731
    Rates:
      type: object
      required: [created_at, id]
      properties:
        created_at:
          type: string
          format: date-time
          allOf: [{$ref: '#/components/schemas/SeId'}]
        id:
          allOf: [{$ref: '#/components/schemas/SeId'}]
"#,
        );
        let rates = of_component(&spec, "Rates").unwrap();
        let created_at = rates["created_at"].as_str().unwrap();
        assert!(is_date_time(created_at), "{rates}");
        assert_eq!(rates["id"], "se-28529731", "{rates}");
    }

    #[test]
    fn examples_are_checked_through_references_and_members() {
        // As box writes it: a list where an object belongs, behind a `$ref`.
        let spec = schemas(
            r#"
    User:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
    Collaboration:
      type: object
      properties:
        created_by:
          allOf: [{$ref: '#/components/schemas/User'}]
          example: [{id: "1"}]
        owner:
          $ref: '#/components/schemas/User'
        reviewer:
          allOf: [{$ref: '#/components/schemas/User'}]
          example: {name: Ana}
        approver:
          allOf: [{$ref: '#/components/schemas/User'}]
          example: {id: "7", name: Ana}
"#,
        );
        let collaboration = of_component(&spec, "Collaboration").unwrap();
        assert!(collaboration["created_by"].is_object(), "{collaboration}");
        assert!(
            collaboration["reviewer"]["id"].is_string(),
            "a required member"
        );
        assert_eq!(collaboration["approver"]["id"], "7", "an example that fits");
        let map = schemas(
            r#"
    Company:
      type: object
      properties:
        custom_attributes:
          type: object
          additionalProperties: {type: string}
          example: {monthly_spend: 155.5}
        tags:
          type: object
          additionalProperties: {type: string}
          example: {plan: gold}
"#,
        );
        let merged = schemas(
            r#"
    Base:
      type: object
      required: [body]
      properties:
        body: {type: string}
    Reply:
      type: object
      allOf: [{$ref: '#/components/schemas/Base'}]
      required: [user_id, body]
      properties:
        user_id: {type: string}
"#,
        );
        let reply = of_component(&merged, "Reply").unwrap();
        assert!(reply["user_id"].is_string(), "{reply}");
        assert!(reply["body"].is_string(), "{reply}");
        let company = of_component(&map, "Company").unwrap();
        assert_eq!(company["custom_attributes"], json!({}), "{company}");
        assert_eq!(company["tags"], json!({"plan": "gold"}), "{company}");
        // The same, where the `$ref`'s target mixes `type: object` with an
        // `allOf` (box's `User--Collaborations`).
        let mixed = schemas(
            r#"
    Base:
      type: object
      required: [id]
      properties:
        id: {type: string}
    Mini:
      type: object
      allOf:
        - $ref: '#/components/schemas/Base'
        - properties:
            name: {type: string}
    Collaboration:
      type: object
      properties:
        created_by:
          allOf:
            - $ref: '#/components/schemas/Mini'
          example: [{id: "1"}, {type: user}]
"#,
        );
        let mixed = of_component(&mixed, "Collaboration").unwrap();
        assert!(mixed["created_by"]["id"].is_string(), "{mixed}");
    }

    #[test]
    fn examples_are_checked_all_the_way_down() {
        // As pagerduty writes its orchestrations: a condition written as a
        // string, where the schema has an object, far down the example.
        let api = schemas(
            r#"
    Condition:
      type: object
      properties:
        expression: {type: string}
    Rule:
      allOf:
        - type: object
          properties:
            conditions: {type: array, items: {$ref: '#/components/schemas/Condition'}}
    RuleSet:
      allOf:
        - type: object
          properties:
            rules: {type: array, items: {allOf: [{$ref: '#/components/schemas/Rule'}]}}
    Path:
      allOf:
        - type: object
          properties:
            sets: {type: array, items: {allOf: [{$ref: '#/components/schemas/RuleSet'}]}}
    Orchestration:
      type: object
      properties:
        path: {allOf: [{$ref: '#/components/schemas/Path'}]}
      example:
        path: {sets: [{rules: [{conditions: ["event.severity matches 'critical'"]}]}]}
"#,
        );
        let orchestration = of_component(&api, "Orchestration").unwrap();
        let conditions = &orchestration["path"]["sets"][0]["rules"][0]["conditions"];
        assert!(
            conditions.as_array().unwrap().iter().all(Value::is_object),
            "{orchestration}"
        );
    }

    #[test]
    fn an_example_on_one_part_of_an_all_of_must_fit_the_others() {
        // As pagerduty writes its `ServiceOrchestration`: the example sits
        // on a part that does not describe the rules.
        let api = schemas(
            r#"
    Base:
      type: object
      properties:
        rules:
          type: array
          items:
            type: object
            properties:
              expression: {type: string}
    Orchestration:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            label: {type: string}
          example:
            label: critical
            rules: ["event.severity matches 'critical'"]
"#,
        );
        let orchestration = of_component(&api, "Orchestration").unwrap();
        assert!(orchestration["rules"][0].is_object(), "{orchestration}");
        assert!(orchestration["label"].is_string(), "{orchestration}");

        // Parts that both describe a member: its members are merged, and
        // one part's type wins over the other's description.
        let api = schemas(
            r#"
    Path:
      allOf:
        - type: object
          properties:
            parent:
              type: object
              properties:
                id: {type: string}
                self: {type: string, format: uri}
        - type: object
          properties:
            parent:
              properties:
                id: {description: The service's id.}
                type: {type: string, enum: [service_reference]}
"#,
        );
        let path = of_component(&api, "Path").unwrap();
        assert!(path["parent"]["id"].is_string(), "{path}");
        assert!(path["parent"]["self"].is_string(), "{path}");
        assert_eq!(path["parent"]["type"], "service_reference", "{path}");
    }

    #[test]
    fn lists_two_parts_describe_merge_item_by_item() {
        // github's `workflow_job`: one part's steps have required members,
        // the other's are any objects, which had emptied the first's.
        let api = schemas(
            r#"
    Step:
      type: object
      required: [name, completed_at]
      properties:
        name: {type: string}
        completed_at: {type: string, nullable: true}
    Job:
      allOf:
        - type: object
          required: [steps]
          properties:
            steps: {type: array, items: {$ref: '#/components/schemas/Step'}}
        - type: object
          properties:
            steps: {type: array, items: {type: object, nullable: true}}
"#,
        );
        let job = of_component(&api, "Job").unwrap();
        assert_eq!(
            job["steps"],
            json!([{"name": "Jane Doe", "completed_at": "sample completed_at"}]),
            "{job}"
        );
    }

    #[test]
    fn a_member_two_parts_describe_takes_a_value_both_accept() {
        // github's forks: an integer or a date-time, and any string.
        let api = schemas(
            r#"
    Repository:
      allOf:
        - type: object
          required: [created_at]
          properties:
            created_at:
              oneOf: [{type: integer}, {type: string, format: date-time}]
            size: {type: integer}
        - type: object
          properties:
            created_at: {type: string}
            size: {type: number}
"#,
        );
        let repository = of_component(&api, "Repository").unwrap();
        assert_eq!(
            repository["created_at"], "2026-01-15T09:30:00Z",
            "{repository}"
        );
        // What fits both parts already stays.
        assert_eq!(repository["size"], 1, "{repository}");
    }

    #[test]
    fn a_list_without_its_type_is_a_list() {
        // As OpenAI writes its `modalities`: `items` and no `type: array`.
        let api = schemas(
            r#"
    Session:
      type: object
      properties:
        modalities:
          items: {type: string, enum: [text, audio]}
        voices:
          items: {type: string}
          example: {name: ash}
        tags:
          items: {type: string}
          example: [loud]
"#,
        );
        let session = of_component(&api, "Session").unwrap();
        assert_eq!(session["modalities"], json!(["text"]), "{session}");
        assert_eq!(session["voices"], json!(["sample voices"]), "{session}");
        assert_eq!(session["tags"], json!(["loud"]), "{session}");
    }

    #[test]
    fn an_alternative_completes_the_members_beside_its_one_of() {
        // As intercom writes its `create_data_attribute_request`: shared
        // members, a required `data_type` that only the alternatives
        // describe, and an alternative that requires more.
        let api = schemas(
            r#"
    Base:
      type: object
      properties:
        model: {type: string}
    Attribute:
      type: object
      required: [name, data_type]
      properties:
        name: {type: string}
      oneOf:
        - required: [options]
          properties:
            data_type: {enum: [options]}
            options: {type: array, items: {type: string}}
        - properties:
            data_type: {enum: [string, integer]}
    Derived:
      allOf: [{$ref: '#/components/schemas/Base'}]
      anyOf:
        - required: [kind]
          properties:
            kind: {type: string, enum: [plain]}
"#,
        );
        let attribute = of_component(&api, "Attribute").unwrap();
        assert_eq!(attribute["data_type"], "options", "{attribute}");
        assert!(attribute["options"].is_array(), "{attribute}");
        assert!(attribute["name"].is_string(), "{attribute}");
        let derived = of_component(&api, "Derived").unwrap();
        assert_eq!(derived["kind"], "plain", "{derived}");
        assert!(derived["model"].is_string(), "{derived}");
    }

    #[test]
    fn what_cannot_be_invented_is_left_out_or_refused() {
        let api = schemas(
            r#"
    Odd:
      type: object
      properties:
        code: {type: string, pattern: "^[A-Z]{3}$"}
        short_id: {type: string, format: uuid, maxLength: 8}
        huge: {type: number, minimum: 1.7e308, maximum: 1.7e308}
        edge: {type: integer, minimum: 9223372036854775807, exclusiveMinimum: true}
    Strict:
      type: object
      required: [code]
      properties:
        code: {type: string, pattern: "^[A-Z]{3}$"}
"#,
        );
        let odd = of_component(&api, "Odd").unwrap();
        assert_eq!(odd.as_object().unwrap().len(), 1, "only `edge`: {odd}");
        assert_eq!(odd["edge"], i64::MAX);
        assert_eq!(of_component(&api, "Strict"), None);
    }
}
