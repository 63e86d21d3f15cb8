//! What the generated client sends itself, where progenitor cannot: request
//! bodies in `multipart/form-data` or in a media type progenitor does not
//! know, and parameters described by `content` instead of `schema`.
//!
//! Such a body is taken out of the operation before progenitor sees it, and
//! recorded in [`Requests`]; the public method then takes it and builds it
//! with the crate's `bodies` runtime. The readings, each with a warning
//! located where the spec says what is read:
//! - a body offered in several media types, none JSON, is sent as the first
//!   by [`media::preferred_request`]'s order;
//! - a body in a media type that is not JSON, a form, multipart or text is
//!   bytes, whatever its schema; a range (`*/*`, `image/*`) lets the
//!   caller name the type;
//! - an `application/octet-stream` body whose schema is not a binary
//!   string is bytes, and a `text/plain` one whose schema is not a string
//!   is text;
//! - a form or multipart body without a `schema` is the form's text or
//!   the multipart bytes the caller writes;
//! - a parameter with `application/json` content is typed from the
//!   content's schema and sent as its JSON text; with any other media type
//!   it is a string;
//! - a query list of scalars in `style: pipeDelimited` or `spaceDelimited`
//!   (progenitor sends lists only in `style: form`) is a list the method
//!   takes and joins with `|` or a space;
//! - a form body with a member that is not a scalar (an object, a map, a
//!   list) is written by the crate's `forms` runtime (serde_qs, bracketed
//!   keys), with the member's `encoding` honoured where it can be: a list
//!   of scalars is repeated (`style: form`, the default), delimited, or
//!   indexed (`deepObject`: `expand[0]=customer`, as Stripe writes it); a
//!   member with `contentType: application/json` is its JSON text; an object
//!   or a list of objects whose `encoding` asks for anything but
//!   `deepObject` (or says nothing) is still written as bracketed keys, the
//!   one way that keeps its members apart.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Components, Encoding, IntegerFormat, MediaType, NumberFormat, ObjectType,
    OpenAPI, Parameter, ParameterData, ParameterSchemaOrContent, QueryStyle, ReferenceOr,
    RequestBody, Schema, SchemaData, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use super::media::{self, RequestKind};
use super::pointer::escape;
use super::walk::{self, component_name, item_operations_mut, resolve_schema};
use super::{Diagnostic, Diagnostics, Document};
use crate::names::type_key;

/// What the generated client sends itself, by operationId.
#[derive(Debug, Default)]
pub(crate) struct Requests {
    /// Bodies progenitor cannot send.
    pub bodies: BTreeMap<String, RawBody>,
    /// Parameters whose text the client writes from a typed value.
    pub written_parameters: BTreeMap<String, Vec<WrittenParameter>>,
}

impl Requests {
    /// Whether the crate needs the `bodies` runtime (and reqwest's
    /// `multipart` and `stream`).
    pub fn uses_bodies(&self) -> bool {
        self.written_parameters
            .values()
            .flatten()
            .any(|parameter| matches!(parameter.written, Written::Json { .. }))
            || self
                .bodies
                .values()
                .any(|body| !matches!(body, RawBody::Form(_)))
    }

    /// Whether the crate needs the `forms` runtime (and serde_qs).
    pub fn uses_forms(&self) -> bool {
        self.bodies
            .values()
            .any(|body| matches!(body, RawBody::Form(_)))
    }
}

/// The bodies progenitor sends other than as JSON (forms of scalars,
/// octet-stream, plain text), by operationId. Each has one media type left
/// once the document is normalized. progenitor's mock expectations match
/// the first two as JSON, which the mock module mends.
pub(crate) fn sent_by_progenitor(api: &OpenAPI) -> BTreeMap<&str, RequestKind> {
    walk::operations(api)
        .filter_map(|(_, _, operation)| {
            let id = operation.operation_id.as_deref()?;
            let body = walk::resolve(api, operation.request_body.as_ref()?).ok()?;
            let kind = media::request_kind(body.content.keys().next()?);
            (kind != RequestKind::Json).then_some((id, kind))
        })
        .collect()
}

/// A request body the public method takes and builds.
#[derive(Debug)]
pub(crate) enum RawBody {
    /// `multipart/form-data`.
    Multipart(Multipart),
    /// Bytes of `media_type`, which may be a range the caller narrows.
    Bytes { media_type: String },
    /// A string of the `text/*` type `media_type`.
    Text { media_type: String },
    /// `application/x-www-form-urlencoded` with nested members.
    Form(Form),
}

/// A form body with nested members, which serde_urlencoded (progenitor's
/// form encoding) cannot write.
#[derive(Debug)]
pub(crate) struct Form {
    /// The component schema of the body.
    pub fields: String,
    /// The members not written as bracketed keys, with how they are.
    pub styles: Vec<(String, FormStyle)>,
}

/// How a form member is written, where not as bracketed keys: the `Style`
/// of the runtime's `forms` module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormStyle {
    /// `name=a&name=b`.
    Repeated,
    /// `name=a,b` with the separator.
    Delimited(char),
    /// `name=<JSON text>`.
    Json,
}

/// The parts of a multipart body.
#[derive(Debug)]
pub(crate) struct Multipart {
    /// The component schema of the text fields, if there are any.
    pub fields: Option<String>,
    /// The media type the spec's `encoding` gives a text field, by name.
    pub field_types: Vec<(String, String)>,
    /// The file parts, in the schema's order.
    pub files: Vec<FileField>,
}

/// A property of a multipart body that is a file (`format: binary`).
#[derive(Debug)]
pub(crate) struct FileField {
    /// The part's name, as the spec writes it.
    pub name: String,
    pub required: bool,
    /// Whether it is an array of files: one part each.
    pub many: bool,
    /// The media type the spec's `encoding` gives the part.
    pub content_type: Option<String>,
    pub description: Option<String>,
}

/// A parameter progenitor sends as the string the client writes from a
/// typed value.
#[derive(Debug, Clone)]
pub(crate) struct WrittenParameter {
    /// The parameter's name, as the spec writes it.
    pub name: String,
    pub written: Written,
}

/// How a [`WrittenParameter`]'s text is written.
#[derive(Debug, Clone)]
pub(crate) enum Written {
    /// The JSON text of a value of the component schema.
    Json { schema: String },
    /// A list's items, each as it is written alone, joined by `separator`.
    Delimited { separator: char, item: Item },
}

/// The type of a delimited list's items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A component schema's type.
    Component(String),
    /// A Rust scalar, as typify names it: `String`, `i64`, `f64`, `bool`...
    Scalar(&'static str),
}

/// Takes out of `document` what progenitor cannot send, records it in
/// `document.requests`, and returns a warning for each reading made.
pub(crate) fn set_aside(document: &mut Document) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::new(&document.path, &document.positions);
    let mut requests = Requests::default();
    let api = &mut document.api;
    let mut components = api.components.take().unwrap_or_default();
    let mut names = Names::of(&components);

    // Shared parameters first: operations refer to them.
    let mut shared: BTreeMap<String, WrittenParameter> = BTreeMap::new();
    let mut parameters = std::mem::take(&mut components.parameters);
    for (name, parameter) in parameters.iter_mut() {
        if let ReferenceOr::Item(parameter) = parameter {
            let pointer = format!("/components/parameters/{}", escape(name));
            let hint = format!("{} parameter", parameter_data(parameter).name);
            let place = Place {
                pointer: &pointer,
                hint: &hint,
                components: &components,
            };
            if let Some(written) = written_parameter(parameter, &place, &mut names, &mut warnings) {
                shared.insert(format!("#/components/parameters/{name}"), written);
            }
        }
    }
    components.parameters = parameters;

    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_pointer = format!("/paths/{}", escape(path));
        let mut item_written = Vec::new();
        for (index, parameter) in item.parameters.iter_mut().enumerate() {
            let pointer = format!("{item_pointer}/parameters/{index}");
            item_written.extend(parameter_in_place(
                parameter,
                &pointer,
                "",
                &components,
                &shared,
                &mut names,
                &mut warnings,
            ));
        }
        for (method, operation) in item_operations_mut(item) {
            let pointer = format!("{item_pointer}/{method}");
            let Some(id) = operation.operation_id.clone() else {
                continue;
            };
            let prefix = id.to_upper_camel_case();
            let mut written = Vec::new();
            let mut own = BTreeSet::new();
            for (index, parameter) in operation.parameters.iter_mut().enumerate() {
                let pointer = format!("{pointer}/parameters/{index}");
                if let ReferenceOr::Item(parameter) = parameter {
                    own.insert(parameter_data(parameter).name.clone());
                }
                written.extend(parameter_in_place(
                    parameter,
                    &pointer,
                    &prefix,
                    &components,
                    &shared,
                    &mut names,
                    &mut warnings,
                ));
            }
            written.extend(
                item_written
                    .iter()
                    .filter(|p: &&WrittenParameter| !own.contains(&p.name))
                    .cloned(),
            );
            if !written.is_empty() {
                requests.written_parameters.insert(id.clone(), written);
            }

            let (body, body_pointer) = match &operation.request_body {
                None => continue,
                Some(ReferenceOr::Item(body)) => (body.clone(), format!("{pointer}/requestBody")),
                Some(ReferenceOr::Reference { reference }) => {
                    let Some(name) = component_name::<RequestBody>(reference) else {
                        continue;
                    };
                    let Some(ReferenceOr::Item(body)) = components.request_bodies.get(name) else {
                        continue;
                    };
                    (
                        body.clone(),
                        format!("/components/requestBodies/{}", escape(name)),
                    )
                }
            };
            match request_body(
                body,
                &body_pointer,
                &id,
                &components,
                &mut names,
                &mut warnings,
            ) {
                Sent::AsIs => {}
                Sent::ByProgenitor(body) => operation.request_body = Some(ReferenceOr::Item(body)),
                Sent::ByClient(raw) => {
                    operation.request_body = None;
                    requests.bodies.insert(id, raw);
                }
            }
        }
    }

    for (name, schema) in names.added {
        components.schemas.insert(name, ReferenceOr::Item(schema));
    }
    api.components = Some(components);
    document.requests = requests;
    warnings.into_warnings()
}

/// Component schema names, and the schemas added under new ones.
struct Names {
    /// The keys of every name taken, as typify's names would collide.
    taken: BTreeSet<String>,
    added: Vec<(String, Schema)>,
}

impl Names {
    fn of(components: &Components) -> Self {
        Self {
            taken: components.schemas.keys().map(|n| type_key(n)).collect(),
            added: Vec::new(),
        }
    }

    /// Adds `schema` as a component under a free name made from `hint`.
    fn add(&mut self, hint: &str, schema: Schema) -> String {
        let base = hint.to_upper_camel_case();
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(type_key(&name)) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.added.push((name.clone(), schema));
        name
    }
}

/// How an operation's body is sent.
enum Sent {
    /// By progenitor, as the spec has it.
    AsIs,
    /// By progenitor, as rewritten.
    ByProgenitor(RequestBody),
    /// By the generated client itself.
    ByClient(RawBody),
}

fn request_body(
    mut body: RequestBody,
    pointer: &str,
    operation_id: &str,
    components: &Components,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Sent {
    // A JSON body `normalize` has already chosen.
    if body.content.keys().any(|m| media::is_json(m)) {
        return Sent::AsIs;
    }
    let Some(chosen) = media::preferred_request(body.content.keys().map(String::as_str)) else {
        return Sent::AsIs;
    };
    let chosen = chosen.to_owned();
    let mut changed = false;
    if body.content.len() > 1 {
        let others: Vec<String> = body
            .content
            .keys()
            .filter(|m| **m != chosen)
            .map(|m| format!("`{m}`"))
            .collect();
        warnings.push(
            &format!("{pointer}/content"),
            format!(
                "the body can be sent as `{chosen}` or {}; the generated client sends \
                 `{chosen}` (the first of multipart, form, text/plain, other text, \
                 octet-stream, other types, ranges such as `*/*`) and leaves the others out",
                others.join(", ")
            ),
        );
        body.content.retain(|m, _| *m == chosen);
        changed = true;
    }
    let media_pointer = format!("{pointer}/content/{}", escape(&chosen));
    let Some(media) = body.content.get_mut(&chosen) else {
        return Sent::AsIs;
    };
    let schema = media
        .schema
        .as_ref()
        .and_then(|s| resolve_schema(components, s));
    let kind = media::request_kind(&chosen);
    if media.schema.is_none() && matches!(kind, RequestKind::Form | RequestKind::Multipart) {
        // Nothing says what its fields or parts are: the caller writes
        // them, as a form's text, or as multipart bytes with the
        // `Content-Type` that names their boundary.
        let (raw, what) = if kind == RequestKind::Form {
            (
                RawBody::Text {
                    media_type: chosen.clone(),
                },
                "the form's text (a `String`, `a=1&b=2`) the caller writes",
            )
        } else {
            (
                RawBody::Bytes {
                    media_type: chosen.clone(),
                },
                "bytes the caller encodes, with a `Content-Type` that names their boundary",
            )
        };
        warnings.push(
            &media_pointer,
            format!("the `{chosen}` request body has no `schema`: it is sent as {what}"),
        );
        return Sent::ByClient(raw);
    }
    match kind {
        RequestKind::Json => {}
        RequestKind::Form => {
            let form = form(
                media,
                &media_pointer,
                operation_id,
                components,
                names,
                warnings,
            );
            if let Some(form) = form {
                return Sent::ByClient(RawBody::Form(form));
            }
            // Its members are scalars, `name=value` in every style, which
            // progenitor writes; progenitor panics on any `encoding`.
            if !media.encoding.is_empty() {
                media.encoding.clear();
                changed = true;
            }
        }
        kind @ (RequestKind::OctetStream | RequestKind::Text) => {
            let (format, what) = if kind == RequestKind::Text {
                (VariantOrUnknownOrEmpty::Empty, "text (a `String`)")
            } else {
                (VariantOrUnknownOrEmpty::Item(StringFormat::Binary), "bytes")
            };
            if !schema.is_some_and(|s| plain_string(s, &format)) {
                if media.schema.is_some() {
                    warnings.push(
                        &format!("{media_pointer}/schema"),
                        format!("a body of `{chosen}` is sent as {what}; its schema is not read"),
                    );
                }
                media.schema = Some(ReferenceOr::Item(string_schema(format)));
                changed = true;
            }
        }
        RequestKind::Multipart => {
            return Sent::ByClient(RawBody::Multipart(multipart(
                media,
                &media_pointer,
                operation_id,
                components,
                names,
                warnings,
            )));
        }
        RequestKind::OtherText => {
            let is_string =
                schema.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))));
            if media.schema.is_some() && !is_string {
                warnings.push(
                    &format!("{media_pointer}/schema"),
                    format!(
                        "a body of `{chosen}` is sent as text (a `String`); its schema is not read"
                    ),
                );
            }
            return Sent::ByClient(RawBody::Text { media_type: chosen });
        }
        RequestKind::Bytes => {
            let binary = VariantOrUnknownOrEmpty::Item(StringFormat::Binary);
            if media::is_range(&chosen) {
                warnings.push(
                    &media_pointer,
                    format!(
                        "`{chosen}` is a range of media types: the generated method takes the \
                         body as bytes and its `Content-Type`, which must be within `{chosen}`"
                    ),
                );
            } else if media.schema.is_some() && !schema.is_some_and(|s| plain_string(s, &binary)) {
                warnings.push(
                    &format!("{media_pointer}/schema"),
                    format!(
                        "the generator cannot type a body of `{chosen}`: it is sent as bytes \
                         the caller encodes, and its schema is not read"
                    ),
                );
            }
            return Sent::ByClient(RawBody::Bytes { media_type: chosen });
        }
    }
    if changed {
        Sent::ByProgenitor(body)
    } else {
        Sent::AsIs
    }
}

/// Splits a multipart body's schema into its text fields, which become a
/// component schema, and its files.
fn multipart(
    media: &MediaType,
    pointer: &str,
    operation_id: &str,
    components: &Components,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Multipart {
    let prefix = operation_id.to_upper_camel_case();
    let prefix = prefix.as_str();
    let mut field_types = Vec::new();
    let mut file_types = BTreeMap::new();
    for (name, encoding) in &media.encoding {
        let encoding_pointer = format!("{pointer}/encoding/{}", escape(name));
        if encoding.style.is_some()
            || encoding.explode
            || encoding.allow_reserved
            || !encoding.headers.is_empty()
        {
            warnings.push(
                &encoding_pointer,
                format!(
                    "part `{name}`: only `contentType` of `encoding` is read; `style`, \
                     `explode`, `allowReserved` and `headers` are not (an object is sent as \
                     JSON, an array as one part per item)"
                ),
            );
        }
        let Some(content_type) = &encoding.content_type else {
            continue;
        };
        let mut listed = content_type.split(',').map(str::trim);
        let first = listed.next().unwrap_or_default().to_owned();
        if listed.next().is_some() {
            warnings.push(
                &format!("{encoding_pointer}/contentType"),
                format!(
                    "part `{name}` may be any of `{content_type}`: it is sent as `{first}` unless \
                     the caller sets its type"
                ),
            );
        }
        file_types.insert(name.clone(), first.clone());
        field_types.push((name.clone(), first));
    }

    let reference = match &media.schema {
        Some(ReferenceOr::Reference { reference }) => component_name::<Schema>(reference),
        _ => None,
    };
    let schema = media
        .schema
        .as_ref()
        .and_then(|s| resolve_schema(components, s));
    let Some(schema) = schema else {
        return Multipart {
            fields: None,
            field_types,
            files: Vec::new(),
        };
    };
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        warnings.push(
            &format!("{pointer}/schema"),
            "the parts are not the properties of an object schema: the generated client sends \
             the value's members as text parts, and no file"
                .to_owned(),
        );
        let fields = match reference {
            Some(name) => name.to_owned(),
            None => names.add(&format!("{prefix} fields"), schema.clone()),
        };
        return Multipart {
            fields: Some(fields),
            field_types,
            files: Vec::new(),
        };
    };

    let mut files = Vec::new();
    let mut fields = ObjectType {
        properties: IndexMap::new(),
        ..object.clone()
    };
    for (name, property) in &object.properties {
        let resolved = resolve_schema(components, property);
        let file = resolved.and_then(|schema| match &schema.schema_kind {
            _ if is_binary(schema) => Some((false, schema)),
            SchemaKind::Type(Type::Array(array)) => array
                .items
                .as_ref()
                .and_then(|items| resolve_schema(components, items))
                .filter(|items| is_binary(items))
                .map(|_| (true, schema)),
            _ => None,
        });
        match file {
            Some((many, schema)) => files.push(FileField {
                name: name.clone(),
                required: object.required.contains(name),
                many,
                content_type: file_types.get(name).cloned(),
                description: schema.schema_data.description.clone(),
            }),
            None => {
                fields.properties.insert(name.clone(), property.clone());
            }
        }
    }
    field_types.retain(|(name, _)| fields.properties.contains_key(name));
    fields
        .required
        .retain(|name| fields.properties.contains_key(name));

    let fields = if files.is_empty() && reference.is_some() {
        reference.map(str::to_owned)
    } else if fields.properties.is_empty() && fields.additional_properties.is_none() {
        None
    } else {
        let description = schema.schema_data.description.clone().unwrap_or_else(|| {
            format!(
                "The text fields of the `multipart/form-data` body of `{operation_id}`; its \
                 files are the method's other arguments."
            )
        });
        let schema = Schema {
            schema_data: SchemaData {
                description: Some(description),
                ..Default::default()
            },
            schema_kind: SchemaKind::Type(Type::Object(fields)),
        };
        let hint = reference.unwrap_or(prefix);
        Some(names.add(&format!("{hint} fields"), schema))
    };
    Multipart {
        fields,
        field_types,
        files,
    }
}

/// The shape of a form member's values, as far as its encoding goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// A string, number or boolean: `name=value` in every style.
    Scalar,
    /// Any value (a schema without a type).
    Unknown,
    /// A list of scalars.
    Scalars,
    /// An object, a map, or a list of them.
    Nested,
}

/// The form body of `media` as the `forms` runtime writes it, when a member
/// is not a scalar or its `encoding` asks for JSON; `None` when progenitor's
/// form encoding can write it.
fn form(
    media: &MediaType,
    pointer: &str,
    operation_id: &str,
    components: &Components,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Option<Form> {
    let reference = match &media.schema {
        Some(ReferenceOr::Reference { reference }) => component_name::<Schema>(reference),
        _ => None,
    };
    let schema = resolve_schema(components, media.schema.as_ref()?)?;
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return None;
    };
    let properties_pointer = match reference {
        Some(name) => format!("/components/schemas/{}/properties", escape(name)),
        None => format!("{pointer}/schema/properties"),
    };
    let mut nested = match &object.additional_properties {
        Some(AdditionalProperties::Any(true)) => true,
        Some(AdditionalProperties::Schema(values)) => {
            resolve_schema(components, values).map(|s| shape(components, s, 0))
                != Some(Shape::Scalar)
        }
        Some(AdditionalProperties::Any(false)) | None => false,
    };
    let mut styles = Vec::new();
    for (name, property) in &object.properties {
        let shape = resolve_schema(components, property)
            .map_or(Shape::Unknown, |s| shape(components, s, 0));
        nested |= shape != Shape::Scalar;
        let encoding = media.encoding.get(name);
        let located = match encoding {
            Some(_) => format!("{pointer}/encoding/{}", escape(name)),
            None => format!("{properties_pointer}/{}", escape(name)),
        };
        if let Some(style) = member_style(name, shape, encoding, &located, warnings) {
            styles.push((name.clone(), style));
        }
    }
    if !nested && styles.is_empty() {
        return None;
    }
    let fields = match reference {
        Some(name) => name.to_owned(),
        // The name progenitor gives an inline body's type.
        None => names.add(
            &format!("{} body", operation_id.to_upper_camel_case()),
            schema.clone(),
        ),
    };
    Some(Form { fields, styles })
}

/// How the member `name` of `shape` is written, as its `encoding` says,
/// where not as bracketed keys; a warning at `located` when the encoding
/// asks for what cannot be written.
fn member_style(
    name: &str,
    shape: Shape,
    encoding: Option<&Encoding>,
    located: &str,
    warnings: &mut Diagnostics,
) -> Option<FormStyle> {
    if encoding
        .and_then(|e| e.content_type.as_deref())
        .is_some_and(media::is_json)
    {
        return Some(FormStyle::Json);
    }
    // Without an `encoding`, OpenAPI's default: `style: form`, exploded.
    let (style, explode) = match encoding {
        Some(encoding) => (encoding.style.clone(), encoding.explode),
        None => (None, true),
    };
    match shape {
        Shape::Scalar | Shape::Unknown => None,
        Shape::Scalars => match (style, explode) {
            (Some(QueryStyle::DeepObject), _) => None,
            (_, true) => Some(FormStyle::Repeated),
            (None | Some(QueryStyle::Form), false) => Some(FormStyle::Delimited(',')),
            (Some(QueryStyle::SpaceDelimited), false) => Some(FormStyle::Delimited(' ')),
            (Some(QueryStyle::PipeDelimited), false) => Some(FormStyle::Delimited('|')),
        },
        Shape::Nested => {
            let asked = match (&style, explode) {
                (Some(QueryStyle::DeepObject), _) => return None,
                (None | Some(QueryStyle::Form), true) if encoding.is_none() => {
                    "the body's `encoding` does not say how to write it (OpenAPI's default, \
                     `style: form`, would write its members as fields of the body itself)"
                }
                (None | Some(QueryStyle::Form), true) => {
                    "`style: form` would write its members as fields of the body itself"
                }
                (None | Some(QueryStyle::Form), false) => {
                    "`style: form` without `explode` would write it as one comma-separated field"
                }
                (Some(QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited), _) => {
                    "`spaceDelimited` and `pipeDelimited` are for lists of scalars"
                }
            };
            warnings.push(
                located,
                format!(
                    "form member `{name}` is an object or a list of objects, and {asked}; the \
                     generated client writes it as bracketed keys (`{name}[key]=value`, \
                     `{name}[0][key]=value`), as `style: deepObject` does, which keeps its \
                     members apart"
                ),
            );
            None
        }
    }
}

/// The shape of `schema`'s values; an `anyOf`, `oneOf` or `allOf` has the
/// most nested shape of its alternatives.
fn shape(components: &Components, schema: &Schema, depth: usize) -> Shape {
    // Bounded: a schema that contains itself is at least this deep.
    if depth > 16 {
        return Shape::Unknown;
    }
    let of = |schemas: &[ReferenceOr<Schema>]| {
        schemas
            .iter()
            .filter_map(|s| resolve_schema(components, s))
            .map(|s| shape(components, s, depth + 1))
            .max()
            .unwrap_or(Shape::Unknown)
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => Shape::Nested,
        SchemaKind::Type(Type::Array(array)) => {
            let items = array
                .items
                .as_ref()
                .and_then(|items| resolve_schema(components, items))
                .map(|items| shape(components, items, depth + 1));
            match items {
                Some(Shape::Scalar) => Shape::Scalars,
                _ => Shape::Nested,
            }
        }
        SchemaKind::Type(_) => Shape::Scalar,
        SchemaKind::AnyOf { any_of: schemas }
        | SchemaKind::OneOf { one_of: schemas }
        | SchemaKind::AllOf { all_of: schemas } => of(schemas),
        SchemaKind::Any(any) if !any.properties.is_empty() => Shape::Nested,
        SchemaKind::Any(_) | SchemaKind::Not { .. } => Shape::Unknown,
    }
}

/// Where a parameter is declared: its pointer, the name a component made
/// for it would be made from, and the components its schema refers to.
struct Place<'p> {
    pointer: &'p str,
    hint: &'p str,
    components: &'p Components,
}

/// Rewrites a parameter progenitor cannot send as it is into one with a
/// string `schema`; one whose text the client writes from a typed value
/// comes back, typed by a component schema named after `prefix` and
/// itself where one is made. A `$ref` to a shared parameter comes back as
/// `shared` has it.
fn parameter_in_place(
    parameter: &mut ReferenceOr<Parameter>,
    pointer: &str,
    prefix: &str,
    components: &Components,
    shared: &BTreeMap<String, WrittenParameter>,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Option<WrittenParameter> {
    match parameter {
        ReferenceOr::Reference { reference } => shared.get(reference).cloned(),
        ReferenceOr::Item(parameter) => {
            let hint = format!("{prefix} {}", parameter_data(parameter).name);
            let place = Place {
                pointer,
                hint: &hint,
                components,
            };
            written_parameter(parameter, &place, names, warnings)
        }
    }
}

/// [`content_parameter`], else [`delimited_parameter`].
fn written_parameter(
    parameter: &mut Parameter,
    place: &Place,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Option<WrittenParameter> {
    match &parameter_data(parameter).format {
        ParameterSchemaOrContent::Content(_) => {
            content_parameter(parameter, place, names, warnings)
        }
        ParameterSchemaOrContent::Schema(_) => {
            delimited_parameter(parameter, place, names, warnings)
        }
    }
}

fn content_parameter(
    parameter: &mut Parameter,
    place: &Place,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Option<WrittenParameter> {
    let data = parameter_data_mut(parameter);
    let ParameterSchemaOrContent::Content(content) = &data.format else {
        return None;
    };
    let (media_type, media) = content.first()?;
    let (media_type, media) = (media_type.clone(), media.clone());
    let name = data.name.clone();
    let content_pointer = format!("{}/content", place.pointer);
    if content.len() > 1 {
        warnings.push(
            &content_pointer,
            format!(
                "parameter `{name}` lists several media types; the first, `{media_type}`, is used"
            ),
        );
    }
    data.format = ParameterSchemaOrContent::Schema(ReferenceOr::Item(string_schema(
        VariantOrUnknownOrEmpty::Empty,
    )));
    let media_pointer = format!("{content_pointer}/{}", escape(&media_type));
    if !media::is_json(&media_type) {
        warnings.push(
            &media_pointer,
            format!(
                "parameter `{name}` is `{media_type}` content: it is read as a string, written \
                 by the caller"
            ),
        );
        return None;
    }
    let schema = match media.schema {
        Some(ReferenceOr::Reference { reference }) => match component_name::<Schema>(&reference) {
            Some(component) => component.to_owned(),
            None => names.add(place.hint, any_schema()),
        },
        Some(ReferenceOr::Item(schema)) => names.add(place.hint, schema),
        None => names.add(place.hint, any_schema()),
    };
    warnings.push(
        &media_pointer,
        format!(
            "parameter `{name}` is `{media_type}` content: the generated method takes a \
             `types::{}` value and sends its JSON text",
            schema.to_upper_camel_case()
        ),
    );
    Some(WrittenParameter {
        name,
        written: Written::Json { schema },
    })
}

/// A query list of scalars in `style: pipeDelimited` or `spaceDelimited`,
/// not exploded, rewritten into a string progenitor sends as it is: the
/// method takes the list and joins its items. Any other list in those
/// styles is left for the ladder, which makes it text the caller writes.
fn delimited_parameter(
    parameter: &mut Parameter,
    place: &Place,
    names: &mut Names,
    warnings: &mut Diagnostics,
) -> Option<WrittenParameter> {
    let Parameter::Query {
        parameter_data: data,
        style,
        ..
    } = parameter
    else {
        return None;
    };
    let (style_name, separator, joined) = match style {
        QueryStyle::PipeDelimited => ("pipeDelimited", '|', "`|`"),
        QueryStyle::SpaceDelimited => ("spaceDelimited", ' ', "a space"),
        _ => return None,
    };
    // Exploded, these styles are read differently across OpenAPI's
    // versions; the ladder's text is the one reading all of them allow.
    if data.explode == Some(true) {
        return None;
    }
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return None;
    };
    let components = place.components;
    let list = resolve_schema(components, schema)?;
    let SchemaKind::Type(Type::Array(array)) = &list.schema_kind else {
        return None;
    };
    let item = match array.items.as_ref()? {
        ReferenceOr::Reference { reference } => {
            let resolved = resolve_schema(components, array.items.as_ref()?)?;
            scalar_type(resolved)?;
            Item::Component(component_name::<Schema>(reference)?.to_owned())
        }
        ReferenceOr::Item(schema) => match scalar_type(schema)? {
            // An enum of strings is typify's to name.
            "String" if is_string_enum(schema) => {
                Item::Component(names.add(&format!("{} item", place.hint), (**schema).clone()))
            }
            scalar => Item::Scalar(scalar),
        },
    };
    let name = data.name.clone();
    data.format = ParameterSchemaOrContent::Schema(ReferenceOr::Item(string_schema(
        VariantOrUnknownOrEmpty::Empty,
    )));
    *style = QueryStyle::Form;
    warnings.push(
        &format!("{}/style", place.pointer),
        format!(
            "parameter `{name}` is a `{style_name}` list, which progenitor does not send: the \
             generated method takes the list and joins its items with {joined}"
        ),
    );
    Some(WrittenParameter {
        name,
        written: Written::Delimited { separator, item },
    })
}

/// The Rust type typify gives a scalar schema, with any `enum` left aside:
/// `None` for an object, a list, a union or a schema of any type.
fn scalar_type(schema: &Schema) -> Option<&'static str> {
    let SchemaKind::Type(ty) = &schema.schema_kind else {
        return None;
    };
    match ty {
        Type::String(_) => Some("String"),
        Type::Integer(integer) => Some(match integer.format {
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => "i32",
            _ => "i64",
        }),
        Type::Number(number) => Some(match number.format {
            VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => "f32",
            _ => "f64",
        }),
        Type::Boolean(_) => Some("bool"),
        Type::Object(_) | Type::Array(_) => None,
    }
}

/// Whether `schema` is a string of listed values.
fn is_string_enum(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty())
}

fn parameter_data(parameter: &Parameter) -> &ParameterData {
    match parameter {
        Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

fn parameter_data_mut(parameter: &mut Parameter) -> &mut ParameterData {
    match parameter {
        Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

/// `schema` with `$ref`s followed within `components.schemas`.
/// Whether `schema` is a file: `{type: string, format: binary}`.
fn is_binary(schema: &Schema) -> bool {
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(StringType {
            format: VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
            ..
        }))
    )
}

/// Whether `schema` is a string of `format` with nothing more, as
/// progenitor wants the schema of a raw body.
fn plain_string(schema: &Schema, format: &VariantOrUnknownOrEmpty<StringFormat>) -> bool {
    let data = &schema.schema_data;
    let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
        return false;
    };
    !data.nullable
        && data.discriminator.is_none()
        && data.default.is_none()
        && string.format == *format
        && string.pattern.is_none()
        && string.enumeration.is_empty()
        && string.min_length.is_none()
        && string.max_length.is_none()
}

fn string_schema(format: VariantOrUnknownOrEmpty<StringFormat>) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Type(Type::String(StringType {
            format,
            ..Default::default()
        })),
    }
}

fn any_schema() -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Any(Default::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_components_take_free_names() {
        let mut components = Components::default();
        components
            .schemas
            .insert("UploadFields".to_owned(), ReferenceOr::Item(any_schema()));
        let mut names = Names::of(&components);
        assert_eq!(names.add("upload fields", any_schema()), "UploadFields2");
        assert_eq!(names.add("upload fields", any_schema()), "UploadFields3");
        assert_eq!(names.add("search filter", any_schema()), "SearchFilter");
        assert_eq!(names.added.len(), 3);
    }

    #[test]
    fn delimited_items_take_the_scalar_typify_would_give_them() {
        let scalar = |json: serde_json::Value| {
            let schema: Schema = serde_json::from_value(json).unwrap();
            scalar_type(&schema)
        };
        use serde_json::json;
        assert_eq!(
            scalar(json!({"type": "string", "format": "uuid"})),
            Some("String")
        );
        assert_eq!(scalar(json!({"type": "integer"})), Some("i64"));
        assert_eq!(
            scalar(json!({"type": "integer", "format": "int32"})),
            Some("i32")
        );
        assert_eq!(scalar(json!({"type": "number"})), Some("f64"));
        assert_eq!(
            scalar(json!({"type": "number", "format": "float"})),
            Some("f32")
        );
        assert_eq!(scalar(json!({"type": "boolean"})), Some("bool"));
        assert_eq!(scalar(json!({"type": "object"})), None);
        assert_eq!(scalar(json!({"type": "array", "items": {}})), None);
        assert_eq!(scalar(json!({"oneOf": [{"type": "string"}]})), None);
    }

    #[test]
    fn a_form_member_has_the_most_nested_shape_of_its_alternatives() {
        let schema = |json: serde_json::Value| -> Schema { serde_json::from_value(json).unwrap() };
        let mut components = Components::default();
        components.schemas.insert(
            "Price".to_owned(),
            ReferenceOr::Item(schema(serde_json::json!({"type": "object"}))),
        );
        let shape_of = |json| shape(&components, &schema(json), 0);
        use serde_json::json;
        assert_eq!(shape_of(json!({"type": "string"})), Shape::Scalar);
        assert_eq!(
            shape_of(json!({"type": "array", "items": {"type": "string"}})),
            Shape::Scalars
        );
        assert_eq!(
            shape_of(json!({"type": "array", "items": {"$ref": "#/components/schemas/Price"}})),
            Shape::Nested
        );
        assert_eq!(
            shape_of(json!({"type": "object", "additionalProperties": {"type": "string"}})),
            Shape::Nested
        );
        // Stripe's way to unset: the value, or `""`.
        assert_eq!(
            shape_of(json!({"anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "string", "enum": [""]}
            ]})),
            Shape::Scalars
        );
        assert_eq!(
            shape_of(json!({"anyOf": [
                {"$ref": "#/components/schemas/Price"},
                {"type": "string", "enum": [""]}
            ]})),
            Shape::Nested
        );
        assert_eq!(shape_of(json!({})), Shape::Unknown);
    }

    #[test]
    fn files_are_binary_strings_and_raw_schemas_are_plain() {
        let binary = string_schema(VariantOrUnknownOrEmpty::Item(StringFormat::Binary));
        let text = string_schema(VariantOrUnknownOrEmpty::Empty);
        assert!(is_binary(&binary));
        assert!(!is_binary(&text));
        assert!(plain_string(&text, &VariantOrUnknownOrEmpty::Empty));
        assert!(!plain_string(&binary, &VariantOrUnknownOrEmpty::Empty));
        let mut nullable = text.clone();
        nullable.schema_data.nullable = true;
        assert!(!plain_string(&nullable, &VariantOrUnknownOrEmpty::Empty));
    }
}
