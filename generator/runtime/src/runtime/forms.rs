//! `application/x-www-form-urlencoded` bodies with nested members: objects,
//! maps and lists, which progenitor's form encoding (serde_urlencoded)
//! cannot write. `serde_qs` writes them as bracketed keys:
//! `metadata[order_id]=6735`, `items[0][price]=p_1`, `expand[0]=customer`.
//!
//! Nothing in this file depends on the spec: the generator copies it into
//! every crate with such a body. The public method encodes the body here and
//! attaches it to the call; the transport sends it in place of progenitor's
//! (empty) one. A member the spec's `encoding` asks to be written otherwise
//! (repeated, delimited, as JSON) is named with its `Style`.

// These return the crate's one `Error`, as every operation does.
#![allow(clippy::result_large_err)]

use reqwest::Body;
use reqwest::header::HeaderValue;
use serde_json::{Map, Value};

use super::error::{Error, ErrorKind};

/// How a member is written when not as bracketed keys (`name[key]=value`,
/// `name[0]=value`), which is how an object, a map or a list is written
/// unless named here; a scalar is `name=value` either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// A list of scalars as one field per item, `name=a&name=b`: `style:
    /// form` with `explode` (OpenAPI's default for form bodies).
    Repeated,
    /// A list of scalars as one field, its items joined by the character:
    /// `name=a,b` (`style: form` without `explode`), `spaceDelimited`,
    /// `pipeDelimited`.
    Delimited(char),
    /// The member's JSON text as one field (`contentType:
    /// application/json`).
    Json,
}

/// The bracketed keys are written as Stripe's own libraries and Rails-style
/// servers expect them:
/// - lists with indexes (`items[0][price]=p_1&items[0][quantity]=2`) rather
///   than empty brackets (`items[][price]`), which leave it to the server
///   to guess where one object of a list ends and the next begins, as Rack
///   does by watching for a repeated key;
/// - brackets as they are, not percent-encoded (`%5B`): serde_qs's query
///   encoding, not its form encoding. Every form parser decodes both alike;
///   serde_qs still escapes `[`, `]`, `&`, `=`, `+` and `%` inside keys and
///   values, so no value can change the body's structure.
const BRACKETS: serde_qs::Config = serde_qs::Config::new()
    .array_format(serde_qs::ArrayFormat::Indexed)
    .use_form_encoding(false)
    // Deep enough for Stripe's deepest bodies (`line_items[0][price_data]
    // [product_data][metadata][key]`) and their like.
    .max_depth(16);

/// Lists of scalars the spec wants repeated: `name=a&name=b`.
const REPEATED: serde_qs::Config = BRACKETS.array_format(serde_qs::ArrayFormat::Unindexed);

/// The body, which serializes to an object, written as a form, and its
/// `Content-Type`. `styles` names the members not written as bracketed
/// keys. `null` members are left out: a form has no way to write them.
pub(crate) fn encode<T: serde::Serialize>(
    operation: &'static str,
    body: &T,
    styles: &[(&str, Style)],
) -> Result<(HeaderValue, Body), Error> {
    let members = match serde_json::to_value(body) {
        Ok(Value::Object(members)) => members,
        Ok(_) => return Err(invalid(operation, "the form's fields are not an object")),
        Err(e) => {
            return Err(invalid(
                operation,
                &format!("the form cannot be written: {e}"),
            ));
        }
    };
    let mut bracketed = Map::new();
    let mut repeated = Map::new();
    for (name, value) in members {
        let style = styles
            .iter()
            .find(|(member, _)| *member == name)
            .map(|(_, style)| *style);
        match (style, value) {
            (_, Value::Null) => {}
            (Some(Style::Json), value) => {
                bracketed.insert(name, Value::String(value.to_string()));
            }
            (Some(Style::Repeated), Value::Array(items)) if items.iter().all(is_scalar) => {
                repeated.insert(name, Value::Array(items));
            }
            (Some(Style::Delimited(separator)), Value::Array(items))
                if items.iter().all(is_scalar) =>
            {
                let texts: Vec<String> = items.iter().map(scalar_text).collect();
                let joined = texts.join(separator.encode_utf8(&mut [0; 4]));
                bracketed.insert(name, Value::String(joined));
            }
            // A value of another shape than the style is for (an `anyOf`
            // of a list and an object): bracketed keys write any shape.
            (_, value) => {
                bracketed.insert(name, value);
            }
        }
    }
    let mut fields = Vec::with_capacity(2);
    for (config, members) in [(BRACKETS, bracketed), (REPEATED, repeated)] {
        // serde_qs writes no members as `=`, a field with no name.
        if members.is_empty() {
            continue;
        }
        let text = config
            .serialize_string(&members)
            .map_err(|e| invalid(operation, &format!("the form cannot be written: {e}")))?;
        fields.push(text);
    }
    let text = fields.join("&");
    Ok((
        HeaderValue::from_static("application/x-www-form-urlencoded"),
        Body::from(text),
    ))
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A scalar as a form writes it: a string as it is, a number or boolean as
/// its JSON text.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn invalid(operation: &'static str, reason: &str) -> Error {
    Error::new(
        operation,
        ErrorKind::InvalidRequest(reason.to_owned()),
        None,
        0,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use http_body_util::BodyExt;
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct Price {
        price: String,
        quantity: u32,
    }

    #[derive(Serialize)]
    struct Checkout {
        customer: String,
        items: Vec<Price>,
        metadata: BTreeMap<String, String>,
        expand: Vec<String>,
        tags: Vec<String>,
        ids: Vec<u32>,
        filter: BTreeMap<String, bool>,
        note: Option<String>,
    }

    async fn text(body: Body) -> String {
        let bytes = body.collect().await.unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn nested_members_are_bracketed_keys_and_styles_are_honoured() {
        let checkout = Checkout {
            customer: "cus 1&2".to_owned(),
            items: vec![Price {
                price: "p_1".to_owned(),
                quantity: 2,
            }],
            metadata: BTreeMap::from([("order_id".to_owned(), "6735".to_owned())]),
            expand: vec!["customer".to_owned(), "items".to_owned()],
            tags: vec!["a".to_owned(), "b=c".to_owned()],
            ids: vec![1, 2],
            filter: BTreeMap::from([("open".to_owned(), true)]),
            note: None,
        };
        let styles = [
            ("tags", Style::Repeated),
            ("ids", Style::Delimited('|')),
            ("filter", Style::Json),
        ];
        let (content_type, body) = encode("create_checkout", &checkout, &styles).unwrap();
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        let text = text(body).await;
        let mut fields: Vec<&str> = text.split('&').collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "customer=cus+1%262",
                "expand[0]=customer",
                "expand[1]=items",
                "filter={%22open%22:true}",
                "ids=1|2",
                "items[0][price]=p_1",
                "items[0][quantity]=2",
                "metadata[order_id]=6735",
                "tags=a",
                "tags=b%3Dc",
            ]
        );
    }

    #[tokio::test]
    async fn a_body_of_no_members_or_of_repeated_members_only_has_no_empty_field() {
        let none = BTreeMap::from([("note", None::<String>)]);
        let (_, body) = encode("send", &none, &[]).unwrap();
        assert_eq!(text(body).await, "");
        let tags = BTreeMap::from([("tags", vec!["a", "b"])]);
        let (_, body) = encode("send", &tags, &[("tags", Style::Repeated)]).unwrap();
        assert_eq!(text(body).await, "tags=a&tags=b");
        let metadata = BTreeMap::from([("metadata", BTreeMap::from([("k", "v")]))]);
        let (_, body) = encode("send", &metadata, &[]).unwrap();
        assert_eq!(text(body).await, "metadata[k]=v");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_an_invalid_request() {
        let error = encode("send", &vec![1, 2], &[]).unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::InvalidRequest(_)),
            "{error:?}"
        );
        assert!(error.to_string().contains("not an object"), "{error}");
    }
}
