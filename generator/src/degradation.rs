//! What the generator could not type in a spec, kept with the crate it
//! generated: the record of the engine's ladder, for the warnings, the
//! crate's docs and the summary line of `cargo xtask regen`.
//!
//! A construct progenitor cannot generate gets the first of these that
//! works, and the record says which:
//!
//! 1. its exact type;
//! 2. a reading of the spec, as the front end makes them (a warning each,
//!    not recorded here);
//! 3. an untyped JSON value for that schema alone: a component (a newtype
//!    of `serde_json::Value` under its own name), one of its properties, or
//!    an operation's body or response;
//! 4. the failing part of the operation untyped: a body sent as bytes, a
//!    parameter as text, a response returned as bytes;
//! 5. last, the operation left out of the client.

use std::collections::BTreeSet;
use std::fmt;

/// How much of a spec the generated crate types, and what it does not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Degradation {
    /// How many operations the spec has, left out ones included.
    pub operations: usize,
    /// How many component schemas the generator read, untyped ones
    /// included.
    pub schemas: usize,
    /// What was untyped or left out, in the order the generator found it.
    pub degraded: Vec<Degraded>,
}

/// One construct given less than its exact type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Degraded {
    /// What it is, and what became of it.
    pub unit: Unit,
    /// JSON pointer into the spec to the construct.
    pub pointer: String,
    /// Why it could not be typed: progenitor's or typify's message, in
    /// short.
    pub reason: String,
}

/// A construct of the spec the ladder stepped down for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A component schema, or one of its properties, is any JSON value.
    Schema {
        /// The component's name in `components.schemas`.
        name: String,
        /// The property untyped, when not the whole component.
        property: Option<String>,
    },
    /// A part of an operation is untyped; the rest of it is typed.
    Part {
        /// The operation.
        operation: Operation,
        /// Which part, and what it became.
        part: Part,
    },
    /// The operation is not in the client.
    LeftOut {
        /// The operation.
        operation: Operation,
    },
}

/// An operation of the spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Operation {
    /// Its method, upper case: `GET`.
    pub method: String,
    /// Its path, as the spec writes it.
    pub path: String,
    /// Its `operationId`, which names the client's method.
    pub operation_id: String,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The part of an operation untyped, and what it became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The request body is any JSON value (`serde_json::Value`).
    BodyAsJson,
    /// The request body is bytes the caller encodes.
    BodyAsBytes,
    /// The parameter of this name is text the caller writes.
    ParameterAsText(String),
    /// The optional parameter of this name is left out: the client cannot
    /// send it.
    ParameterLeftOut(String),
    /// The response of this status (`200`, `2XX`, `default`) is any JSON
    /// value.
    ResponseAsJson(String),
    /// The response of this status is returned as bytes.
    ResponseAsBytes(String),
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::BodyAsJson => f.write_str("the request body is any JSON value"),
            Part::BodyAsBytes => f.write_str("the request body is bytes the caller encodes"),
            Part::ParameterAsText(name) => {
                write!(f, "parameter `{name}` is text the caller writes")
            }
            Part::ParameterLeftOut(name) => {
                write!(
                    f,
                    "parameter `{name}` is left out: the client cannot send it"
                )
            }
            Part::ResponseAsJson(status) => {
                write!(f, "the {status} response is any JSON value")
            }
            Part::ResponseAsBytes(status) => {
                write!(f, "the {status} response is returned as bytes")
            }
        }
    }
}

impl Degradation {
    /// The operations left out, each once, in the order found.
    pub fn left_out(&self) -> Vec<&Degraded> {
        self.degraded
            .iter()
            .filter(|d| matches!(d.unit, Unit::LeftOut { .. }))
            .collect()
    }

    /// The operations with an untyped part that are not left out, each
    /// once.
    pub fn partly_untyped(&self) -> BTreeSet<&Operation> {
        let left_out: BTreeSet<&Operation> = self
            .left_out()
            .into_iter()
            .filter_map(|d| match &d.unit {
                Unit::LeftOut { operation } => Some(operation),
                _ => None,
            })
            .collect();
        self.degraded
            .iter()
            .filter_map(|d| match &d.unit {
                Unit::Part { operation, .. } if !left_out.contains(operation) => Some(operation),
                _ => None,
            })
            .collect()
    }

    /// How many operations are typed in full: neither partly untyped nor
    /// left out.
    pub fn fully_typed(&self) -> usize {
        self.operations
            .saturating_sub(self.partly_untyped().len() + self.left_out().len())
    }

    /// The component schemas untyped in whole or in part, by name.
    pub fn untyped_schemas(&self) -> BTreeSet<&str> {
        self.degraded
            .iter()
            .filter_map(|d| match &d.unit {
                Unit::Schema { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Whether everything is typed.
    pub fn is_empty(&self) -> bool {
        self.degraded.is_empty()
    }

    /// The record as one JSON object, for tools that gather it over many
    /// specs (`cargo xtask regen --summary-json`): the counts of the summary
    /// line, and each construct stepped down.
    ///
    /// ```json
    /// {"operations": 12, "fully_typed": 10, "partly_untyped": 1, "left_out": 1,
    ///  "schemas": 30, "untyped_schemas": 1,
    ///  "degraded": [
    ///    {"kind": "schema", "name": "Pet", "property": "tags", "pointer": "…", "reason": "…"},
    ///    {"kind": "part", "operation": "POST /pets", "operation_id": "create_pet",
    ///     "part": "the request body is any JSON value", "pointer": "…", "reason": "…"},
    ///    {"kind": "left_out", "operation": "GET /proxy/{path}", "operation_id": "proxy",
    ///     "pointer": "…", "reason": "…"}]}
    /// ```
    pub fn to_json(&self) -> String {
        use serde_json::json;
        let degraded: Vec<serde_json::Value> = self
            .degraded
            .iter()
            .map(|degraded| {
                let mut entry = match &degraded.unit {
                    Unit::Schema { name, property } => {
                        json!({"kind": "schema", "name": name, "property": property})
                    }
                    Unit::Part { operation, part } => json!({"kind": "part",
                        "operation": operation.to_string(), "operation_id": operation.operation_id,
                        "part": part.to_string()}),
                    Unit::LeftOut { operation } => json!({"kind": "left_out",
                        "operation": operation.to_string(), "operation_id": operation.operation_id}),
                };
                entry["pointer"] = json!(degraded.pointer);
                entry["reason"] = json!(degraded.reason);
                entry
            })
            .collect();
        json!({
            "operations": self.operations,
            "fully_typed": self.fully_typed(),
            "partly_untyped": self.partly_untyped().len(),
            "left_out": self.left_out().len(),
            "schemas": self.schemas,
            "untyped_schemas": self.untyped_schemas().len(),
            "degraded": degraded,
        })
        .to_string()
    }
}

/// `typed: A of B operations fully typed, C left out; D of E schemas
/// untyped`, the line `cargo xtask regen` ends with.
impl fmt::Display for Degradation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "typed: {} of {} operations fully typed, {} left out; {} of {} schemas untyped",
            self.fully_typed(),
            self.operations,
            self.left_out().len(),
            self.untyped_schemas().len(),
            self.schemas
        )
    }
}

/// How long a reason may be, in characters, before it is cut.
const REASON_CHARS: usize = 160;

/// `message` in short, for a warning or the crate's docs: its first line,
/// cut at [`REASON_CHARS`]. typify's messages go on with a dump of the
/// schema.
pub(crate) fn short(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let first = first.trim_end_matches(|c: char| matches!(c, '(' | '{' | ':') || c.is_whitespace());
    match first.char_indices().nth(REASON_CHARS) {
        Some((cut, _)) => format!("{}…", &first[..cut]),
        None => first.to_owned(),
    }
}

/// `text` as a Markdown code span, which nothing in it can break out of:
/// the docs that quote progenitor's messages stay plain text to rustdoc
/// (no HTML tags, no links).
pub(crate) fn code_span(text: &str) -> String {
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operation(path: &str) -> Operation {
        Operation {
            method: "GET".to_owned(),
            path: path.to_owned(),
            operation_id: path.trim_start_matches('/').to_owned(),
        }
    }

    fn degraded(unit: Unit) -> Degraded {
        Degraded {
            unit,
            pointer: String::new(),
            reason: "it failed".to_owned(),
        }
    }

    #[test]
    fn reasons_are_one_short_line_quoted_as_code() {
        assert_eq!(
            short("not yet implemented: unhandled not schema Object(\n    SchemaObject {"),
            "not yet implemented: unhandled not schema Object"
        );
        let long = "x".repeat(200);
        assert_eq!(short(&long).chars().count(), REASON_CHARS + 1);
        assert_eq!(code_span("Option<T>"), "`Option<T>`");
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`b`"), "`` `b` ``");
    }

    #[test]
    fn the_summary_counts_each_operation_and_schema_once() {
        let degradation = Degradation {
            operations: 10,
            schemas: 7,
            degraded: vec![
                degraded(Unit::Part {
                    operation: operation("/a"),
                    part: Part::BodyAsJson,
                }),
                degraded(Unit::Part {
                    operation: operation("/a"),
                    part: Part::ParameterAsText("q".to_owned()),
                }),
                // Partly untyped first, then left out: it counts as left out.
                degraded(Unit::Part {
                    operation: operation("/b"),
                    part: Part::BodyAsBytes,
                }),
                degraded(Unit::LeftOut {
                    operation: operation("/b"),
                }),
                degraded(Unit::Schema {
                    name: "Pet".to_owned(),
                    property: Some("tags".to_owned()),
                }),
                degraded(Unit::Schema {
                    name: "Pet".to_owned(),
                    property: Some("owner".to_owned()),
                }),
                degraded(Unit::Schema {
                    name: "Odd".to_owned(),
                    property: None,
                }),
            ],
        };
        assert_eq!(degradation.partly_untyped().len(), 1);
        assert_eq!(degradation.left_out().len(), 1);
        assert_eq!(degradation.fully_typed(), 8);
        assert_eq!(
            degradation.to_string(),
            "typed: 8 of 10 operations fully typed, 1 left out; 2 of 7 schemas untyped"
        );
        let json: serde_json::Value = serde_json::from_str(&degradation.to_json()).unwrap();
        assert_eq!(json["fully_typed"], 8);
        assert_eq!(json["partly_untyped"], 1);
        assert_eq!(json["untyped_schemas"], 2);
        assert_eq!(
            json["degraded"][1]["part"],
            "parameter `q` is text the caller writes"
        );
        assert_eq!(json["degraded"][4]["property"], "tags");
        assert_eq!(json["degraded"][3]["kind"], "left_out");
        assert_eq!(
            Degradation::default().to_string(),
            "typed: 0 of 0 operations fully typed, 0 left out; 0 of 0 schemas untyped"
        );
    }
}
