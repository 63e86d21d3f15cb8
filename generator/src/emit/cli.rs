//! Emits the command line of the `cli` feature: `src/cli.rs`, a subcommand
//! per operation (clap's derive) and the call each makes, and `src/main.rs`,
//! the binary named after the crate that runs it.
//!
//! What a subcommand takes follows the public method it calls: each
//! argument of the method is a positional argument (a path parameter), a
//! flag (query and header parameters, required when the method's argument
//! is; an optional one is set with the call builder's method), `--body` (a
//! request body) or `--file NAME=PATH` (the file parts of a multipart
//! form). [`plan`] decides that for every operation, in one
//! place; the rest writes the plan out. Everything that does not depend on
//! the spec (the shared options, reading a body, printing, telling a
//! failure) is the runtime's `cli` module.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind,
    Type as SchemaType,
};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{FnArg, GenericArgument, Ident, Pat, PathArguments, ReturnType, Type};

use super::operations::{self, Call};
use crate::engine::success_bodies::{Body, ResponseEnum};
use crate::ident::{self, Case};
use crate::rewrite::syntax::first_argument;
use crate::rewrite::{PageStream, PersonalData};
use crate::spec::pagination::PagedOperation;
use crate::spec::requests::RawBody;
use crate::spec::walk::{component_name, operations, resolve, response_for};
use crate::spec::{Document, escape};

/// What the command line is made from besides the spec.
pub struct Inputs<'a> {
    /// The public methods of `Client`.
    pub calls: &'a [Call],
    /// The page streams of the list operations.
    pub streams: &'a [PageStream],
    /// Where each list operation's items are in its page.
    pub paged: &'a [PagedOperation],
    /// The operations with several success bodies.
    pub response_enums: &'a [ResponseEnum],
    /// The names of their response enums, by `operationId`.
    pub enum_names: &'a [(String, String)],
}

/// Field names the shared options and the subcommands' own flags take: a
/// parameter with one of them is named after its place as well
/// (`query_timeout`).
const RESERVED: [&str; 10] = [
    "base_url",
    "timeout",
    "deadline",
    "max_retries",
    "headers",
    "json",
    "show_personal_data",
    "all",
    "file",
    "printer",
];

/// The code of `src/cli.rs` and of `src/main.rs`.
pub fn generate(document: &Document, inputs: &Inputs) -> (TokenStream, TokenStream) {
    let personal = PersonalData::of(&document.api);
    let mut subcommands = Vec::new();
    let mut left_out = Vec::new();
    for call in inputs.calls {
        match plan(document, &personal, inputs, call) {
            Some(subcommand) => subcommands.push(subcommand),
            None => left_out.push(call.signature.ident.to_string()),
        }
    }
    (
        cli_module(document, &subcommands, &left_out),
        main_file(document),
    )
}

/// One operation's subcommand.
struct Subcommand {
    /// The enum variant: `GetSession`.
    variant: Ident,
    /// The subcommand: `get-session`.
    name: String,
    /// The method it calls: `get_session`.
    method: Ident,
    /// Its help: the summary, then the description and the request sent.
    docs: Vec<String>,
    arguments: Vec<Argument>,
    /// Whether it takes `--file`.
    files: Vec<FilePart>,
    /// The list operation's stream, which `--all` follows.
    stream: Option<Stream>,
    output: Output,
}

/// One argument of the method, and how the subcommand takes it.
struct Argument {
    /// The field of the subcommand's variant.
    field: Ident,
    /// How the method takes it.
    takes: Takes,
    source: Source,
    /// For an optional parameter, the call builder's method that sets it:
    /// the method itself takes only the required ones.
    setter: Option<Ident>,
}

/// Where a method's argument comes from on the command line.
enum Source {
    /// A path parameter, in the order of the path, or a parameter's flag
    /// (`--status`), parsed as its type reads text.
    Parameter {
        /// `None` for a positional argument.
        long: Option<String>,
        /// The field's type.
        ty: Box<Type>,
        /// The type each value is parsed as.
        value: Box<Type>,
        help: Option<String>,
        /// An enum's values, listed in `--help`.
        values: Vec<String>,
    },
    /// `--body`: JSON read as the type; of a multipart form, its text
    /// fields.
    JsonBody { ty: Type, fields: bool },
    /// `--body FILE|-`: the text of a file, or of stdin.
    TextBody,
    /// `--body FILE|-`: the bytes of a file, or of stdin.
    BytesBody,
    /// A file part of a multipart form, from `--file`.
    File(FilePart),
}

/// How the method takes an argument, given the field that holds it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// `T`: the field.
    Owned,
    /// `&T`: a reference to the field.
    Borrowed,
    /// `Option<&str>` from an `Option<String>`.
    OptionalStr,
    /// `Option<&T>` from an `Option<T>`.
    OptionalRef,
    /// `Option<&Vec<T>>` from a `Vec<T>`: `None` when empty.
    OptionalList,
}

/// A file part of a multipart form.
#[derive(Clone)]
struct FilePart {
    /// The part's name in the form, as `--file` names it.
    part: String,
    many: bool,
    required: bool,
}

/// What `--all` prints: the items of the call's `stream`.
struct Stream {
    /// The personal data in each item.
    personal: Vec<String>,
}

/// How a success is printed.
enum Output {
    /// No body.
    Nothing,
    /// The bytes as they came.
    Bytes,
    /// JSON, with the personal data at these pointers redacted.
    Json(Vec<String>),
    /// The response enum of an operation with several success bodies.
    ResponseEnum {
        name: Ident,
        variants: Vec<(Ident, VariantOutput)>,
    },
}

/// How one variant of a response enum is printed.
enum VariantOutput {
    Nothing,
    Bytes,
    Json(Vec<String>),
}

/// The spec's operation for `operation_id`, its path and method, and the
/// parameters of it and of its path (the operation's own first).
fn spec_operation<'a>(
    api: &'a OpenAPI,
    operation_id: &str,
) -> Option<(&'a str, &'a str, &'a Operation, Vec<&'a Parameter>)> {
    // Normalization gave every operation an `operationId`.
    let (path, method, operation) = operations(api)
        .find(|(_, _, operation)| operation.operation_id.as_deref() == Some(operation_id))?;
    let mut parameters: Vec<&Parameter> = operation
        .parameters
        .iter()
        .filter_map(|p| resolve(api, p).ok())
        .collect();
    if let Some(ReferenceOr::Item(item)) = api.paths.paths.get(path) {
        for parameter in item.parameters.iter().filter_map(|p| resolve(api, p).ok()) {
            let data = parameter.parameter_data_ref();
            let overridden = parameters.iter().any(|p| {
                let own = p.parameter_data_ref();
                own.name == data.name
                    && std::mem::discriminant(*p) == std::mem::discriminant(parameter)
            });
            if !overridden {
                parameters.push(parameter);
            }
        }
    }
    Some((path, method, operation, parameters))
}

/// The subcommand of `call`, or `None` when an argument of the method is
/// one the command line cannot give.
fn plan(
    document: &Document,
    personal: &PersonalData,
    inputs: &Inputs,
    call: &Call,
) -> Option<Subcommand> {
    let api = &document.api;
    let method = call.signature.ident.clone();
    let (path, http_method, operation, parameters) = spec_operation(api, &call.operation_id)?;
    let by_argument: BTreeMap<String, &Parameter> = parameters
        .iter()
        .map(|p| (ident::name(&p.parameter_data_ref().name, Case::Snake), *p))
        .collect();
    let multipart_files: Vec<FilePart> = match document.requests.bodies.get(&call.operation_id) {
        Some(RawBody::Multipart(multipart)) => multipart
            .files
            .iter()
            .map(|file| FilePart {
                part: file.name.clone(),
                many: file.many,
                required: file.required,
            })
            .collect(),
        _ => Vec::new(),
    };
    let raw_body = document.requests.bodies.get(&call.operation_id);

    let mut arguments = Vec::new();
    let mut files = Vec::new();
    for input in &call.signature.inputs {
        let FnArg::Typed(typed) = input else { continue };
        let Pat::Ident(pat) = &*typed.pat else {
            return None;
        };
        let ident = pat.ident.clone();
        let name = ident.to_string();
        let ty = &*typed.ty;
        let setter = first_argument(ty, "Option").map(|_| operations::setter_name(&ident));
        if let Some(parameter) = by_argument.get(&name) {
            let data = parameter.parameter_data_ref();
            let (takes, field_ty, value) = owned(ty)?;
            let is_list = first_argument(&field_ty, "Vec").is_some();
            let location = match parameter {
                Parameter::Path { .. } => "path",
                Parameter::Query { .. } => "query",
                Parameter::Header { .. } => "header",
                Parameter::Cookie { .. } => "cookie",
            };
            let field = if RESERVED.contains(&name.as_str()) {
                format_ident!("{location}_{name}")
            } else {
                ident
            };
            let long = (location != "path").then(|| flag_name(&field));
            arguments.push(Argument {
                field,
                takes,
                source: Source::Parameter {
                    long,
                    ty: Box::new(field_ty),
                    value: Box::new(value),
                    help: data.description.as_deref().map(|d| d.trim().to_owned()),
                    values: enum_values(api, &data.format, is_list),
                },
                setter,
            });
            continue;
        }
        if let Some(file) = multipart_files
            .iter()
            .find(|file| matches_part(&name, &file.part))
        {
            files.push(file.clone());
            arguments.push(Argument {
                field: ident,
                takes: Takes::Owned,
                source: Source::File(file.clone()),
                setter,
            });
            continue;
        }
        let source = match (name.as_str(), raw_body) {
            ("content_type", Some(RawBody::Bytes { .. })) => {
                let (takes, ty, value) = owned(ty)?;
                arguments.push(Argument {
                    field: ident,
                    takes,
                    source: Source::Parameter {
                        long: Some("content-type".to_owned()),
                        ty: Box::new(ty),
                        value: Box::new(value),
                        help: Some("The body's media type.".to_owned()),
                        values: Vec::new(),
                    },
                    setter,
                });
                continue;
            }
            ("body", _) => match ty {
                // A JSON body whose schema is a string, which the method
                // borrows as `&str` (slmonitor), is read into a `String`.
                Type::Reference(reference) => Source::JsonBody {
                    ty: match &*reference.elem {
                        Type::Path(path) if path.path.is_ident("str") => syn::parse_quote!(String),
                        elem => elem.clone(),
                    },
                    fields: !multipart_files.is_empty(),
                },
                Type::Path(path) if path.path.is_ident("String") => Source::TextBody,
                // `impl Into<reqwest::Body>`, or a type parameter bound so.
                Type::ImplTrait(_) => Source::BytesBody,
                Type::Path(path)
                    if call
                        .signature
                        .generics
                        .type_params()
                        .any(|p| path.path.is_ident(&p.ident)) =>
                {
                    Source::BytesBody
                }
                _ => return None,
            },
            _ => return None,
        };
        let takes = match ty {
            Type::Reference(_) => Takes::Borrowed,
            _ => Takes::Owned,
        };
        arguments.push(Argument {
            field: ident,
            takes,
            source,
            setter,
        });
    }

    let stream = inputs
        .streams
        .iter()
        .find(|stream| stream.operation_id == call.operation_id)
        .map(|_| {
            let items = inputs
                .paged
                .iter()
                .find(|paged| paged.operation_id == call.operation_id)
                .map(|paged| paged.items.clone())
                .unwrap_or_default();
            let page = success_pointers(api, personal, operation);
            Stream {
                personal: item_pointers(&page, &items),
            }
        });

    let output = output(api, personal, inputs, call, operation)?;
    let mut docs = Vec::new();
    if let Some(summary) = &operation.summary {
        docs.push(summary.trim().to_owned());
    }
    if let Some(description) = &operation.description {
        docs.push(description.trim().to_owned());
    }
    docs.push(format!(
        "Sends `{} {path}`.",
        http_method.to_ascii_uppercase()
    ));
    Some(Subcommand {
        variant: format_ident!("{}", ident::name(&method.to_string(), Case::UpperCamel)),
        name: method.to_string().trim_start_matches('_').replace('_', "-"),
        method,
        docs,
        arguments,
        files,
        stream,
        output,
    })
}

/// Whether the method's argument `name` is the file part `part`, as the
/// request emitter names it.
fn matches_part(name: &str, part: &str) -> bool {
    let rust = ident::name(part, Case::Snake);
    name == rust || name == format!("{rust}_file")
}

/// `--status` for the field `status`.
fn flag_name(field: &Ident) -> String {
    let text = field.to_string();
    text.trim_start_matches("r#")
        .trim_matches('_')
        .replace('_', "-")
}

/// How the method takes an argument of type `ty`, the field that holds it,
/// and the type of each value parsed into it; `None` for a type the
/// command line cannot give.
fn owned(ty: &Type) -> Option<(Takes, Type, Type)> {
    let str_type = path_type(&["", "std", "string", "String"], None);
    if let Type::Reference(reference) = ty {
        let inner = &*reference.elem;
        if is_str(inner) {
            return Some((Takes::Borrowed, str_type.clone(), str_type));
        }
        if matches!(inner, Type::Slice(_)) {
            return None;
        }
        // A required list (Amazon Connect's `reference-types`): clap parses
        // each item, as it does an optional list's.
        if let Some(item) = first_argument(inner, "Vec") {
            return Some((Takes::Borrowed, inner.clone(), item.clone()));
        }
        return Some((Takes::Borrowed, inner.clone(), inner.clone()));
    }
    if let Some(inner) = first_argument(ty, "Option") {
        if let Type::Reference(reference) = inner {
            let target = &*reference.elem;
            if is_str(target) {
                return Some((
                    Takes::OptionalStr,
                    path_type(&["Option"], Some(str_type.clone())),
                    str_type,
                ));
            }
            if let Some(item) = first_argument(target, "Vec") {
                return Some((
                    Takes::OptionalList,
                    path_type(&["Vec"], Some(item.clone())),
                    item.clone(),
                ));
            }
            return Some((
                Takes::OptionalRef,
                path_type(&["Option"], Some(target.clone())),
                target.clone(),
            ));
        }
        return Some((Takes::Owned, ty.clone(), inner.clone()));
    }
    if matches!(ty, Type::ImplTrait(_)) {
        return None;
    }
    Some((Takes::Owned, ty.clone(), ty.clone()))
}

/// The type of the path `segments` (a leading `""` for `::`), with the one
/// generic argument `argument`: built, not parsed, as it is made for every
/// parameter of every operation.
fn path_type(segments: &[&str], argument: Option<Type>) -> Type {
    let mut path = syn::Path {
        leading_colon: (segments.first() == Some(&"")).then(Default::default),
        segments: segments
            .iter()
            .filter(|segment| !segment.is_empty())
            .map(|segment| syn::PathSegment::from(Ident::new(segment, Span::call_site())))
            .collect(),
    };
    if let (Some(argument), Some(last)) = (argument, path.segments.last_mut()) {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: [GenericArgument::Type(argument)].into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    Type::Path(syn::TypePath { qself: None, path })
}

fn is_str(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("str"))
}

/// The values a parameter's string enum lists (of it, or of the array's
/// items when the argument `is_list`), for `--help`.
fn enum_values(api: &OpenAPI, format: &ParameterSchemaOrContent, is_list: bool) -> Vec<String> {
    let ParameterSchemaOrContent::Schema(schema) = format else {
        return Vec::new();
    };
    let Ok(schema) = resolve(api, schema) else {
        return Vec::new();
    };
    // A nullable enum is typify's newtype of an `Option` (pagerduty's
    // `AutomationActionsActionClassificationEnum`), which has no `FromStr`
    // for the open enum's parser: the value parser reads it through serde.
    if schema.schema_data.nullable {
        return Vec::new();
    }
    match &schema.schema_kind {
        SchemaKind::Type(SchemaType::String(string)) => {
            string.enumeration.iter().flatten().cloned().collect()
        }
        // An array that typify made a type of its own (pandascore's
        // `TypeOverAdditionIncidents`, a newtype of a `Vec`) is one argument,
        // not a list of enum values: its values are the items', which the
        // open enum's parser cannot make it of (E0599).
        SchemaKind::Type(SchemaType::Array(_)) if !is_list => Vec::new(),
        SchemaKind::Type(SchemaType::Array(array)) => match &array.items {
            Some(ReferenceOr::Reference { reference }) => enum_values(
                api,
                &ParameterSchemaOrContent::Schema(ReferenceOr::Reference {
                    reference: reference.clone(),
                }),
                false,
            ),
            Some(ReferenceOr::Item(item)) => match &item.schema_kind {
                SchemaKind::Type(SchemaType::String(string)) => {
                    string.enumeration.iter().flatten().cloned().collect()
                }
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// How the method's success is printed; `None` for a connection upgraded
/// to another protocol, which a command cannot print.
fn output(
    api: &OpenAPI,
    personal: &PersonalData,
    inputs: &Inputs,
    call: &Call,
    operation: &Operation,
) -> Option<Output> {
    if let Some((_, name)) = inputs
        .enum_names
        .iter()
        .find(|(id, _)| *id == call.operation_id)
        && let Some(response_enum) = inputs
            .response_enums
            .iter()
            .find(|s| s.operation_id == call.operation_id)
    {
        let variants = response_enum
            .variants
            .iter()
            .map(|variant| {
                let printed = match &variant.body {
                    Body::Empty => VariantOutput::Nothing,
                    Body::Bytes => VariantOutput::Bytes,
                    Body::AnyJson => VariantOutput::Json(Vec::new()),
                    Body::Component(component) => {
                        let reference = ReferenceOr::<Schema>::Reference {
                            reference: format!("#/components/schemas/{component}"),
                        };
                        VariantOutput::Json(pointers(api, personal, &reference))
                    }
                };
                (format_ident!("{}", variant.name), printed)
            })
            .collect();
        return Some(Output::ResponseEnum {
            name: format_ident!("{name}"),
            variants,
        });
    }
    let ReturnType::Type(_, ty) = &call.signature.output else {
        return Some(Output::Nothing);
    };
    let success =
        first_argument(ty, "Result").and_then(|value| first_argument(value, "ResponseValue"));
    let named = |name: &str| {
        matches!(success, Some(Type::Path(path))
            if path.path.segments.last().is_some_and(|s| s.ident == name))
    };
    Some(match success {
        Some(Type::Tuple(unit)) if unit.elems.is_empty() => Output::Nothing,
        _ if named("Upgraded") => return None,
        _ if named("ByteStream") => Output::Bytes,
        _ => Output::Json(success_pointers(api, personal, operation)),
    })
}

/// The personal data in the body of `operation`'s first success response.
fn success_pointers(api: &OpenAPI, personal: &PersonalData, operation: &Operation) -> Vec<String> {
    let response = (200..300)
        .find_map(|code| response_for(&operation.responses, code))
        .and_then(|response| resolve(api, response).ok());
    let Some(response) = response else {
        return Vec::new();
    };
    response
        .content
        .values()
        .find_map(|media| media.schema.as_ref())
        .map(|schema| pointers(api, personal, schema))
        .unwrap_or_default()
}

/// The pointers of `page` under the items at `items`, from an item.
fn item_pointers(page: &[String], items: &[String]) -> Vec<String> {
    let prefix: String = items
        .iter()
        .map(|name| format!("/{}", escape(name)))
        .chain(["/*".to_owned()])
        .collect();
    page.iter()
        .filter_map(|pointer| {
            if *pointer == prefix {
                return Some(String::new());
            }
            pointer
                .strip_prefix(&prefix)
                .filter(|rest| rest.starts_with('/'))
                .map(str::to_owned)
        })
        .collect()
}

/// The places in a value of `schema` that hold personal data, as JSON
/// pointers with `*` for any member or index: where a marked component is,
/// or a member a component marks. Each cycle of references is followed
/// once.
fn pointers(api: &OpenAPI, personal: &PersonalData, schema: &ReferenceOr<Schema>) -> Vec<String> {
    let mut found = BTreeSet::new();
    walk(
        api,
        personal,
        schema,
        String::new(),
        &mut Vec::new(),
        &mut found,
    );
    found.into_iter().collect()
}

fn walk<S: std::borrow::Borrow<Schema>>(
    api: &OpenAPI,
    personal: &PersonalData,
    schema: &ReferenceOr<S>,
    at: String,
    components: &mut Vec<String>,
    found: &mut BTreeSet<String>,
) {
    let (schema, component) = match schema {
        ReferenceOr::Item(schema) => (schema.borrow(), None),
        ReferenceOr::Reference { reference } => {
            let Some(name) = component_name::<Schema>(reference) else {
                return;
            };
            if personal.is_whole(name) {
                found.insert(at);
                return;
            }
            if !personal.may_hold(name) || components.iter().any(|c| c == name) {
                return;
            }
            let component = api
                .components
                .as_ref()
                .and_then(|components| components.schemas.get(name));
            let Some(Ok(schema)) = component.map(|schema| resolve(api, schema)) else {
                return;
            };
            (schema, Some(name.to_owned()))
        }
    };
    if let Some(name) = &component {
        components.push(name.clone());
    }
    match &schema.schema_kind {
        SchemaKind::Type(SchemaType::Object(object)) => {
            for (member, property) in &object.properties {
                let place = format!("{at}/{}", escape(member));
                match &component {
                    Some(name) if personal.is_member(name, member) => {
                        found.insert(place);
                    }
                    _ => walk(api, personal, property, place, components, found),
                }
            }
            if let Some(openapiv3::AdditionalProperties::Schema(values)) =
                &object.additional_properties
            {
                walk(
                    api,
                    personal,
                    &**values,
                    format!("{at}/*"),
                    components,
                    found,
                );
            }
        }
        SchemaKind::Type(SchemaType::Array(array)) => {
            if let Some(items) = &array.items {
                walk(api, personal, items, format!("{at}/*"), components, found);
            }
        }
        SchemaKind::OneOf { one_of: all }
        | SchemaKind::AllOf { all_of: all }
        | SchemaKind::AnyOf { any_of: all } => {
            for part in all {
                walk(api, personal, part, at.clone(), components, found);
            }
        }
        _ => {}
    }
    if component.is_some() {
        components.pop();
    }
}

/// The code of `src/cli.rs`.
fn cli_module(document: &Document, subcommands: &[Subcommand], left_out: &[String]) -> TokenStream {
    let package = &document.package.name;
    let title = document.api.info.title.trim();
    let module_doc = format!(
        " The `{package}` command (the `cli` feature): a subcommand per operation of the {title}, \
         named after its method (`{example}`), which prints the response as JSON. It reads the \
         credential and the base URL from the environment, as [`Client::from_env`] does.\n\n \
         A success prints the body on stdout: pretty JSON on a terminal, compact JSON otherwise \
         or with `--json`, one item a line for `--all` pages; personal data reads `<redacted>` \
         unless `--show-personal-data` is given. A failure prints one or two lines on stderr \
         saying what went wrong and what to do, and exits with 2 when the command was run \
         wrongly or its environment cannot be used, 1 when the call failed.",
        example = subcommands
            .first()
            .map_or_else(|| "operation".to_owned(), |s| s.name.clone()),
    );
    let mut module_doc = module_doc;
    if !left_out.is_empty() {
        let methods: Vec<String> = left_out
            .iter()
            .map(|m| format!("[`Client::{m}`]"))
            .collect();
        module_doc.push_str(&format!(
            "\n\n Not every operation has a subcommand: {} {} an argument the command line \
             cannot give, or {} with a connection upgraded to another protocol.",
            methods.join(", "),
            if methods.len() == 1 { "takes" } else { "take" },
            if methods.len() == 1 {
                "answers"
            } else {
                "answer"
            },
        ));
    }
    let module_doc = module_doc.lines().map(|line| line.trim_end().to_owned());
    let about = format!("Calls the {title} from the command line: a subcommand per operation.");
    // An API whose operations all answer without a body prints nothing.
    let prints = subcommands
        .iter()
        .any(|s| s.stream.is_some() || !matches!(s.output, Output::Nothing));
    let printer = prints.then(|| quote!(let printer = Printer::new(settings);));
    let printer_import = prints.then(|| quote!(Printer,));
    let credential = match document.credential_env() {
        Some(_) => {
            let constant = match document.auth {
                Some(crate::spec::Auth::Bearer { .. }) => format_ident!("BEARER_TOKEN_ENV"),
                _ => format_ident!("API_KEY_ENV"),
            };
            quote!(Some(crate::#constant))
        }
        None => quote!(None),
    };
    let missing = match document.auth {
        Some(crate::spec::Auth::Bearer { .. }) => {
            Some((format_ident!("MissingBearerToken"), "bearer token"))
        }
        Some(crate::spec::Auth::ApiKeyHeader { .. }) => {
            Some((format_ident!("MissingApiKey"), "API key"))
        }
        None => None,
    };
    let missing_arm = missing
        .zip(document.credential_env())
        .map(|((variant, noun), env)| {
            let message = format!("no {noun}: set {env}");
            let advice = "the command reads it from the environment only, so that it stays out of \
                      the shell's history";
            quote! {
                ConfigError::#variant => Failure::usage(#message, #advice.to_owned()),
            }
        });
    let missing_base_url = document.default_base_url.is_none().then(|| {
        let message = format!(
            "no base URL: set {}_BASE_URL or give --base-url",
            document.env_prefix
        );
        quote! {
            ConfigError::MissingBaseUrl => Failure::usage(#message, None),
        }
    });
    let variants: Vec<TokenStream> = subcommands.iter().map(variant).collect();
    let arms: Vec<TokenStream> = subcommands.iter().map(arm).collect();
    let uses_types = variants
        .iter()
        .chain(&arms)
        .any(|tokens| names_types(tokens.clone()));
    let types_import = uses_types.then(|| {
        quote!(
            use crate::types;
        )
    });
    quote! {
        #(#![doc = #module_doc])*

        use std::process::ExitCode;

        use clap::{Parser, Subcommand};

        use crate::runtime::cli::{self as shell, Environment, Failure, #printer_import Settings};
        use crate::{Client, ConfigError};
        #types_import

        /// Where the command reads the credential and the base URL from.
        const ENVIRONMENT: Environment = Environment {
            credential: #credential,
            base_url: crate::BASE_URL_ENV,
        };

        #[doc = #about]
        #[derive(Parser)]
        #[command(name = #package, version, disable_help_subcommand = true)]
        struct Command {
            #[command(subcommand)]
            operation: Operation,
            #[command(flatten)]
            settings: Settings,
        }

        /// The operations of the API, a subcommand each.
        #[derive(Subcommand)]
        enum Operation {
            #(#variants)*
        }

        /// Runs the command the process was started with, and gives its exit code.
        pub fn main() -> ExitCode {
            let Command { operation, settings } = match shell::parse() {
                Ok(command) => command,
                Err(code) => return code,
            };
            let client = match client(&settings) {
                Ok(client) => client,
                Err(failure) => return shell::finish(Err(failure), ENVIRONMENT, None),
            };
            let outcome = shell::block_on(operation.call(&client, &settings));
            shell::finish(outcome, ENVIRONMENT, Some(client.base_url()))
        }

        /// The client [`Client::from_env`] builds, with the settings of the
        /// command line.
        fn client(settings: &Settings) -> Result<Client, Failure> {
            let configured = Client::builder_from_env().map(|mut builder| {
                if let Some(base_url) = &settings.base_url {
                    builder = builder.base_url(base_url);
                }
                if let Some(timeout) = settings.timeout {
                    builder = builder.timeout(timeout);
                }
                if let Some(deadline) = settings.deadline {
                    builder = builder.deadline(deadline);
                }
                if let Some(retries) = settings.max_retries {
                    builder = builder.max_retries(retries);
                }
                builder
            });
            configured.and_then(|builder| builder.build()).map_err(|error| match error {
                #missing_arm
                #missing_base_url
                ConfigError::InvalidBaseUrl { .. } => Failure::usage(
                    error.to_string(),
                    format!("check --base-url or {}", ENVIRONMENT.base_url),
                ),
                error => Failure::usage(error.to_string(), None),
            })
        }

        impl Operation {
            /// Makes the call, and prints what it gives.
            async fn call(self, client: &Client, settings: &Settings) -> Result<(), Failure> {
                #printer
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// Whether `tokens` name the `types` module.
fn names_types(tokens: TokenStream) -> bool {
    use proc_macro2::TokenTree;
    // The path `types::…`: a parameter may be named `types` too (GeoDB's).
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    tokens.iter().enumerate().any(|(index, token)| match token {
        TokenTree::Ident(ident) => {
            ident == "types"
                && matches!(tokens.get(index + 1), Some(TokenTree::Punct(p))
                    if p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Joint)
        }
        TokenTree::Group(group) => names_types(group.stream()),
        _ => false,
    })
}

/// The enum variant that declares `subcommand`.
fn variant(subcommand: &Subcommand) -> TokenStream {
    let Subcommand {
        variant,
        name,
        docs,
        arguments,
        files,
        stream,
        ..
    } = subcommand;
    let docs = doc_lines(&docs.join("\n\n"));
    let fields = arguments.iter().filter_map(|argument| {
        let field = &argument.field;
        match &argument.source {
            Source::Parameter {
                long,
                ty,
                value,
                help,
                values,
            } => {
                let help = help.as_deref().map(doc_lines).unwrap_or_default();
                let long = long.as_ref().map(|long| quote!(long = #long,));
                let parser = if values.is_empty() {
                    quote!(shell::value::<#value>)
                } else {
                    quote!(shell::OpenValues::<#value>::new(&[#(#values),*]))
                };
                let action = is_bool(ty).then(|| quote!(action = clap::ArgAction::Set,));
                // clap makes a list optional; a required one needs an item.
                let required = (first_argument(ty, "Vec").is_some()
                    && !matches!(argument.takes, Takes::OptionalList))
                .then(|| quote!(required = true,));
                Some(quote! {
                    #(#[doc = #help])*
                    #[arg(#long #action #required value_parser = #parser)]
                    #field: #ty,
                })
            }
            Source::JsonBody { fields: false, .. } => Some(quote! {
                /// The request body as JSON: a file, - for standard input, or the JSON itself.
                #[arg(long, value_name = "FILE|-|JSON")]
                #field: String,
            }),
            Source::JsonBody { fields: true, .. } => Some(quote! {
                /// The form's text fields as JSON: a file, - for standard input, or the JSON
                /// itself.
                #[arg(long, value_name = "FILE|-|JSON")]
                #field: String,
            }),
            Source::TextBody | Source::BytesBody => Some(quote! {
                /// The request body: a file, or - for standard input.
                #[arg(long, value_name = "FILE|-")]
                #field: String,
            }),
            Source::File(_) => None,
        }
    });
    let files = (!files.is_empty()).then(|| {
        let parts: Vec<String> = files
            .iter()
            .map(|file| {
                let mut text = format!("`{}`", file.part);
                if file.many {
                    text.push_str(" (any number)");
                } else if file.required {
                    text.push_str(" (required)");
                }
                text
            })
            .collect();
        let help = format!(
            " A file part of the form, as NAME=PATH: {}.",
            parts.join(", ")
        );
        quote! {
            #[doc = #help]
            #[arg(long, value_name = "NAME=PATH")]
            file: Vec<String>,
        }
    });
    let all = stream.as_ref().map(|_| {
        quote! {
            /// Follow every page, and print each item on a line of its own.
            #[arg(long)]
            all: bool,
        }
    });
    quote! {
        #(#[doc = #docs])*
        #[command(name = #name)]
        #variant {
            #(#fields)*
            #files
            #all
        },
    }
}

fn is_bool(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("bool"))
}

/// The name an argument's field is bound to in its match arm: its own,
/// unless it would hide a name the arm uses (a query parameter `client`,
/// as in progenitor's `param-collision.json`).
fn local(field: &Ident) -> Ident {
    const USED: [&str; 6] = ["client", "settings", "printer", "call", "files", "value"];
    if USED.iter().any(|used| field == used) {
        format_ident!("{field}_argument")
    } else {
        field.clone()
    }
}

/// The match arm that calls the operation of `subcommand`.
fn arm(subcommand: &Subcommand) -> TokenStream {
    let Subcommand {
        variant,
        method,
        arguments,
        files,
        stream,
        output,
        ..
    } = subcommand;
    let mut bound: Vec<TokenStream> = arguments
        .iter()
        .filter(|a| !matches!(a.source, Source::File(_)))
        .map(|a| {
            let field = &a.field;
            let local = local(field);
            if &local == field {
                quote!(#field)
            } else {
                quote!(#field: #local)
            }
        })
        .collect();
    if !files.is_empty() {
        bound.push(quote!(file));
    }
    if stream.is_some() {
        bound.push(quote!(all));
    }

    let mut steps = TokenStream::new();
    if !files.is_empty() {
        steps.extend(quote! { let mut files = shell::files(&file)?; });
    }
    for argument in arguments {
        let field = &local(&argument.field);
        steps.extend(match &argument.source {
            Source::JsonBody { ty, .. } => quote! { let #field: #ty = shell::body(&#field)?; },
            Source::TextBody => quote! { let #field = shell::text(&#field)?; },
            Source::BytesBody => quote! { let #field = shell::bytes(&#field)?; },
            Source::File(file) => {
                let part = &file.part;
                let read = quote!(crate::FilePart::bytes);
                match (file.many, file.required) {
                    (true, _) => {
                        quote! { let #field = shell::all_files(&mut files, #part, #read)?; }
                    }
                    (false, true) => {
                        quote! { let #field = shell::required_file(&mut files, #part, #read)?; }
                    }
                    (false, false) => {
                        quote! { let #field = shell::one_file(&mut files, #part, #read)?; }
                    }
                }
            }
            Source::Parameter { .. } => quote!(),
        });
    }
    if !files.is_empty() {
        let parts = files.iter().map(|f| &f.part);
        steps.extend(quote! { shell::no_other_files(&files, &[#(#parts),*])?; });
    }
    let passed = |argument: &Argument| {
        let field = &local(&argument.field);
        match argument.takes {
            Takes::Owned => quote!(#field),
            Takes::Borrowed => quote!(&#field),
            Takes::OptionalStr => quote!(#field.as_deref()),
            Takes::OptionalRef => quote!(#field.as_ref()),
            Takes::OptionalList => quote!((!#field.is_empty()).then_some(&#field)),
        }
    };
    let passed_to_method = arguments.iter().filter(|a| a.setter.is_none()).map(passed);
    steps.extend(quote! {
        let call = client.#method(#(#passed_to_method),*);
    });
    for argument in arguments {
        let Some(setter) = &argument.setter else {
            continue;
        };
        let value = passed(argument);
        steps.extend(quote! {
            let call = match #value {
                Some(value) => call.#setter(value),
                None => call,
            };
        });
    }
    steps.extend(quote! {
        let call = settings
            .headers
            .iter()
            .fold(call, |call, (name, value)| call.header(name, value));
    });
    // Every page is the call as the flags set it; a cursor given is the
    // first page's.
    if let Some(Stream { personal }) = stream {
        steps.extend(quote! {
            if all {
                return printer.items(call.stream(), &[#(#personal),*]).await;
            }
        });
    }
    steps.extend(match output {
        Output::Nothing => quote! {
            call.await?;
            Ok(())
        },
        Output::Bytes => quote! { printer.bytes(call.await?.into_inner()).await },
        Output::Json(personal) => {
            quote! { printer.json(&call.await?.into_inner(), &[#(#personal),*]) }
        }
        Output::ResponseEnum { name, variants } => {
            let arms = variants.iter().map(|(variant, printed)| match printed {
                VariantOutput::Nothing => quote!(types::#name::#variant => Ok(()),),
                VariantOutput::Bytes => {
                    quote!(types::#name::#variant(bytes) => printer.raw(&bytes),)
                }
                VariantOutput::Json(personal) => quote! {
                    types::#name::#variant(body) => printer.json(&body, &[#(#personal),*]),
                },
            });
            quote! {
                match call.await?.into_inner() {
                    #(#arms)*
                }
            }
        }
    });
    quote! {
        Operation::#variant { #(#bound),* } => {
            #steps
        }
    }
}

/// The doc lines of `text`, each with the space `///` puts before it.
fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| format!(" {line}").trim_end().to_owned())
        .collect()
}

/// The code of `src/main.rs`.
fn main_file(document: &Document) -> TokenStream {
    let lib = format_ident!("{}", document.package.lib_name());
    let doc = format!(
        " The `{}` command: see the library's `cli` module.",
        document.package.name
    );
    quote! {
        #![doc = #doc]

        fn main() -> std::process::ExitCode {
            #lib::cli::main()
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn the_types_module_is_named_by_a_path_not_by_a_parameter() {
        // GeoDB's query parameter `types`: the import went unused, and warned.
        assert!(!super::names_types(quote! {
            types: Option<::std::string::String>,
        }));
        assert!(super::names_types(quote! {
            kinds: Vec<types::Kind>,
        }));
        assert!(super::names_types(quote! {
            Operation::List { kinds } => { let k: types::Kind = kinds; }
        }));
    }
}
