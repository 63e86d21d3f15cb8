//! The ladder's steps down, each a pure function of the OpenAPI document:
//! the trial the ladder makes on a part of the document and the change it
//! then makes to the whole are one edit, and the two runs of progenitor
//! (the client's and the mocks') both see the document it leaves.

use indexmap::IndexMap;
use openapiv3::{
    AnySchema, HeaderStyle, MediaType, OpenAPI, Operation, Parameter, ParameterData,
    ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr, Response, Schema,
    SchemaData, SchemaKind, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use crate::degradation::Part;
use crate::spec::media;
use crate::spec::walk::{self, Role, Status, has_explicit_success, operation_slots, resolve};

/// One step down the ladder for one construct of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Substitution {
    /// The component schema of this name is any JSON value.
    Component(String),
    /// One property of a component schema is any JSON value.
    Property {
        /// The component's name.
        component: String,
        /// The property's name.
        property: String,
    },
    /// A part of an operation is untyped.
    Part {
        /// The operation.
        at: At,
        /// Which part, and what it becomes.
        part: Part,
    },
    /// The operation is left out.
    LeftOut(At),
}

/// Where an operation is: its path and method.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct At {
    /// The path, as the spec writes it.
    pub path: String,
    /// The method, lower case, as [`walk::METHODS`] spells it.
    pub method: &'static str,
}

impl At {
    /// The JSON pointer to the operation.
    pub fn pointer(&self) -> String {
        format!("/paths/{}/{}", crate::spec::escape(&self.path), self.method)
    }
}

impl Substitution {
    /// Makes the substitution in `api`; `why` is said in the docs of an
    /// untyped component. A construct that is not there is left as it is.
    pub fn apply(&self, api: &mut OpenAPI, why: &str) {
        match self {
            Substitution::Component(name) => {
                if let Some(schema) = component_mut(api, name) {
                    let description = schema
                        .as_item()
                        .and_then(|s| s.schema_data.description.clone());
                    *schema = ReferenceOr::Item(any_json(Some(untyped_note(description, why))));
                }
            }
            Substitution::Property {
                component,
                property,
            } => {
                let slot = component_mut(api, component)
                    .and_then(|schema| match schema {
                        ReferenceOr::Item(schema) => Some(schema),
                        ReferenceOr::Reference { .. } => None,
                    })
                    .and_then(properties_mut)
                    .and_then(|properties| properties.get_mut(property));
                if let Some(slot) = slot {
                    let description = slot
                        .as_item()
                        .and_then(|s| s.schema_data.description.clone());
                    *slot = ReferenceOr::Item(Box::new(any_json(description)));
                }
            }
            Substitution::Part { at, part } => untype_part(api, at, part),
            Substitution::LeftOut(at) => {
                if let Some(ReferenceOr::Item(item)) = api.paths.paths.get_mut(&at.path) {
                    for (method, slot) in operation_slots(item) {
                        if method == at.method {
                            *slot = None;
                        }
                    }
                }
            }
        }
    }
}

/// The parts of the operation at `at` to try untyping, each with its steps
/// in the ladder's order (untyped JSON, then bytes or text, then left out):
/// the body, each parameter, each response.
pub(crate) fn parts(api: &OpenAPI, at: &At) -> Vec<Vec<Part>> {
    let Some((item, operation)) = operation(api, at) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if let Some(body) = &operation.request_body {
        let json = resolve(api, body).is_ok_and(|body| {
            body.content
                .iter()
                .any(|(name, media)| media::is_json(name) && media.schema.is_some())
        });
        let mut steps = Vec::new();
        if json {
            steps.push(Part::BodyAsJson);
        }
        steps.push(Part::BodyAsBytes);
        parts.push(steps);
    }
    for parameter in parameters(api, item, operation) {
        let data = parameter.parameter_data_ref();
        let mut steps = Vec::new();
        if !matches!(parameter, Parameter::Cookie { .. }) {
            steps.push(Part::ParameterAsText(data.name.clone()));
        }
        if !data.required {
            steps.push(Part::ParameterLeftOut(data.name.clone()));
        }
        if !steps.is_empty() {
            parts.push(steps);
        }
    }
    let explicit_success = has_explicit_success(&operation.responses);
    let statuses = operation
        .responses
        .responses
        .iter()
        .map(|(status, response)| (Status::from(status), status.to_string(), response))
        .chain(
            operation
                .responses
                .default
                .iter()
                .map(|response| (Status::Default, "default".to_owned(), response)),
        );
    for (status, key, response) in statuses {
        let Ok(response) = resolve(api, response) else {
            continue;
        };
        let mut steps = Vec::new();
        let json = response
            .content
            .iter()
            .any(|(name, media)| media::is_json(name) && media.schema.is_some());
        if json {
            steps.push(Part::ResponseAsJson(key.clone()));
        }
        if !response.content.is_empty() && status.role(explicit_success) == Role::Success {
            steps.push(Part::ResponseAsBytes(key));
        }
        if !steps.is_empty() {
            parts.push(steps);
        }
    }
    parts
}

/// The operation at `at`, with its path item.
pub(crate) fn operation<'a>(api: &'a OpenAPI, at: &At) -> Option<(&'a PathItem, &'a Operation)> {
    let item = api.paths.paths.get(&at.path)?.as_item()?;
    walk::item_operations(item)
        .find(|(method, _)| *method == at.method)
        .map(|(_, operation)| (item, operation))
}

/// The parameters of an operation, its own and its path item's it does
/// not replace, resolved; those whose `$ref` leads nowhere are not there.
pub(crate) fn parameters(api: &OpenAPI, item: &PathItem, operation: &Operation) -> Vec<Parameter> {
    let own: Vec<Parameter> = operation
        .parameters
        .iter()
        .filter_map(|p| resolve(api, p).ok().cloned())
        .collect();
    let shared: Vec<Parameter> = item
        .parameters
        .iter()
        .filter_map(|p| resolve(api, p).ok().cloned())
        .filter(|shared| !own.iter().any(|p| same_parameter(p, shared)))
        .collect();
    own.into_iter().chain(shared).collect()
}

/// Whether two parameters are one to progenitor, which keys them by name.
fn same_parameter(a: &Parameter, b: &Parameter) -> bool {
    a.parameter_data_ref().name == b.parameter_data_ref().name
}

fn untype_part(api: &mut OpenAPI, at: &At, part: &Part) {
    // References are resolved before the operation is borrowed to change
    // it: the untyped part is written into the operation, and the
    // component it came from stays as it is for other operations.
    let Some((item, operation)) = operation(api, at) else {
        return;
    };
    let resolved_body = operation
        .request_body
        .as_ref()
        .and_then(|body| resolve(api, body).ok().cloned());
    let resolved_parameters = parameters(api, item, operation);
    // Each parameter's resolved name, and whether it is required.
    let names = |list: &[ReferenceOr<Parameter>]| -> Vec<Option<(String, bool)>> {
        list.iter()
            .map(|p| {
                let data = resolve(api, p).ok()?.parameter_data_ref();
                Some((data.name.clone(), data.required))
            })
            .collect()
    };
    let (shared_names, own_names) = (names(&item.parameters), names(&operation.parameters));
    let resolved_response = |key: &str| -> Option<Response> {
        let response = match key {
            "default" => operation.responses.default.as_ref(),
            _ => operation
                .responses
                .responses
                .iter()
                .find(|(status, _)| status.to_string() == key)
                .map(|(_, response)| response),
        }?;
        resolve(api, response).ok().cloned()
    };
    let response = match part {
        Part::ResponseAsJson(key) | Part::ResponseAsBytes(key) => resolved_response(key),
        _ => None,
    };

    let Some(ReferenceOr::Item(item)) = api.paths.paths.get_mut(&at.path) else {
        return;
    };
    match part {
        Part::BodyAsJson => {
            let Some(mut body) = resolved_body else {
                return;
            };
            for (name, media) in body.content.iter_mut() {
                if media::is_json(name) && media.schema.is_some() {
                    media.schema = Some(ReferenceOr::Item(any_json(None)));
                }
            }
            if let Some(operation) = operation_mut(item, at.method) {
                operation.request_body = Some(ReferenceOr::Item(body));
            }
        }
        Part::BodyAsBytes => {
            if let Some(operation) = operation_mut(item, at.method) {
                operation.request_body = None;
            }
        }
        Part::ParameterAsText(name) => {
            let Some(mut parameter) = resolved_parameters
                .into_iter()
                .find(|p| p.parameter_data_ref().name == *name)
            else {
                return;
            };
            as_text(&mut parameter);
            if let Some(operation) = operation_mut(item, at.method) {
                // progenitor keys parameters by name, an operation's own
                // over its path item's: the text one replaces the
                // operation's own, or overrides the item's.
                let own = own_names
                    .iter()
                    .position(|n| n.as_ref().is_some_and(|(n, _)| n == name));
                match own {
                    Some(index) => operation.parameters[index] = ReferenceOr::Item(parameter),
                    None => operation.parameters.push(ReferenceOr::Item(parameter)),
                }
            }
        }
        Part::ParameterLeftOut(name) => {
            // A path item's parameter cannot be taken from one of its
            // operations alone: the item's parameters move down into each
            // of its operations first, before their own (which override
            // them), and this operation then drops the one.
            let shared = std::mem::take(&mut item.parameters);
            for (_, slot) in operation_slots(item) {
                if let Some(operation) = slot {
                    let own = std::mem::take(&mut operation.parameters);
                    operation.parameters = shared.iter().cloned().chain(own).collect();
                }
            }
            if let Some(operation) = operation_mut(item, at.method) {
                // Only optional ones: a path parameter and a query parameter
                // may share a name (biapi's `id_connection`), which
                // progenitor keys its parameters by.
                let mut names = shared_names.iter().chain(&own_names);
                operation
                    .parameters
                    .retain(|_| !matches!(names.next(), Some(Some((n, false))) if n == name));
            }
        }
        Part::ResponseAsJson(key) | Part::ResponseAsBytes(key) => {
            let Some(mut response) = response else {
                return;
            };
            if let Part::ResponseAsJson(_) = part {
                for (name, media) in response.content.iter_mut() {
                    if media::is_json(name) && media.schema.is_some() {
                        media.schema = Some(ReferenceOr::Item(any_json(None)));
                    }
                }
            } else {
                response.content = IndexMap::from([(
                    "application/octet-stream".to_owned(),
                    MediaType {
                        schema: Some(ReferenceOr::Item(string(VariantOrUnknownOrEmpty::Item(
                            StringFormat::Binary,
                        )))),
                        ..MediaType::default()
                    },
                )]);
            }
            let Some(operation) = operation_mut(item, at.method) else {
                return;
            };
            let slot = match key.as_str() {
                "default" => operation.responses.default.as_mut(),
                _ => operation
                    .responses
                    .responses
                    .iter_mut()
                    .find(|(status, _)| status.to_string() == *key)
                    .map(|(_, response)| response),
            };
            if let Some(slot) = slot {
                *slot = ReferenceOr::Item(response);
            }
        }
    }
}

/// The parameter as a string the caller writes, sent in the style
/// progenitor sends (`form` in a query, `simple` in a path or header).
fn as_text(parameter: &mut Parameter) {
    match parameter {
        Parameter::Query { style, .. } => *style = QueryStyle::Form,
        Parameter::Path { style, .. } => *style = PathStyle::Simple,
        Parameter::Header { style, .. } => *style = HeaderStyle::Simple,
        Parameter::Cookie { .. } => {}
    }
    let data: &mut ParameterData = match parameter {
        Parameter::Query { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    };
    data.explode = None;
    data.format =
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(string(VariantOrUnknownOrEmpty::Empty)));
}

fn operation_mut<'a>(item: &'a mut PathItem, method: &str) -> Option<&'a mut Operation> {
    operation_slots(item)
        .into_iter()
        .find(|(m, _)| *m == method)
        .and_then(|(_, slot)| slot.as_mut())
}

fn component_mut<'a>(api: &'a mut OpenAPI, name: &str) -> Option<&'a mut ReferenceOr<Schema>> {
    api.components.as_mut()?.schemas.get_mut(name)
}

/// The properties a schema lists itself, to untype one of them.
pub(crate) fn properties_mut(
    schema: &mut Schema,
) -> Option<&mut IndexMap<String, ReferenceOr<Box<Schema>>>> {
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(&mut object.properties),
        SchemaKind::Any(any) => Some(&mut any.properties),
        _ => None,
    }
}

/// The names of the properties a schema lists itself.
pub(crate) fn property_names(schema: &Schema) -> Vec<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object.properties.keys().cloned().collect(),
        SchemaKind::Any(any) => any.properties.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The schema `{}`: any JSON value, which typify makes `serde_json::Value`
/// (a newtype of it, for a component).
fn any_json(description: Option<String>) -> Schema {
    Schema {
        schema_data: SchemaData {
            description,
            ..SchemaData::default()
        },
        schema_kind: SchemaKind::Any(AnySchema::default()),
    }
}

/// A string schema of `format`.
fn string(format: VariantOrUnknownOrEmpty<StringFormat>) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::Type(Type::String(StringType {
            format,
            ..StringType::default()
        })),
    }
}

/// The docs of an untyped component: its own, then why it is untyped.
fn untyped_note(description: Option<String>, why: &str) -> String {
    let note = format!(
        "Untyped: the generator could not type this schema, so it is any JSON value \
         (progenitor: {}).",
        crate::degradation::code_span(why)
    );
    match description {
        Some(description) if !description.trim().is_empty() => {
            format!("{}\n\n{note}", description.trim_end())
        }
        _ => note,
    }
}

/// The status keys of `responses` as [`Part::ResponseAsJson`] names them.
#[cfg(test)]
fn status_keys(responses: &openapiv3::Responses) -> Vec<String> {
    responses
        .responses
        .keys()
        .map(openapiv3::StatusCode::to_string)
        .chain(responses.default.iter().map(|_| "default".to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(yaml: &str) -> OpenAPI {
        serde_yaml::from_str(yaml).unwrap()
    }

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
      - {name: trace, in: header, schema: {type: string}}
    post:
      operationId: put_pet
      parameters:
        - $ref: '#/components/parameters/tags'
      requestBody:
        $ref: '#/components/requestBodies/Pet'
      responses:
        '200':
          $ref: '#/components/responses/Pet'
        default:
          description: Error.
          content:
            application/json:
              schema: {type: object}
    get:
      operationId: get_pet
      responses:
        '200':
          $ref: '#/components/responses/Pet'
components:
  parameters:
    tags: {name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
  requestBodies:
    Pet:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Pet'}
  responses:
    Pet:
      description: A pet.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Pet'}
  schemas:
    Pet:
      description: A pet.
      type: object
      properties:
        name: {type: string}
        odd: {not: {type: string}, description: Odd.}
"##;

    fn post() -> At {
        At {
            path: "/pets/{id}".to_owned(),
            method: "post",
        }
    }

    #[test]
    fn the_parts_of_an_operation_come_in_ladder_order() {
        let api = api(SPEC);
        let parts = parts(&api, &post());
        assert_eq!(
            parts,
            [
                vec![Part::BodyAsJson, Part::BodyAsBytes],
                vec![
                    Part::ParameterAsText("tags".to_owned()),
                    Part::ParameterLeftOut("tags".to_owned())
                ],
                vec![Part::ParameterAsText("id".to_owned())],
                vec![
                    Part::ParameterAsText("trace".to_owned()),
                    Part::ParameterLeftOut("trace".to_owned())
                ],
                vec![
                    Part::ResponseAsJson("200".to_owned()),
                    Part::ResponseAsBytes("200".to_owned())
                ],
                // `default` beside a named success is the errors': no bytes.
                vec![Part::ResponseAsJson("default".to_owned())],
            ]
        );
    }

    #[test]
    fn a_component_keeps_its_name_and_docs_and_says_why() {
        let mut api = api(SPEC);
        Substitution::Component("Pet".to_owned()).apply(&mut api, "it failed with: `boom`");
        let pet = api.components.as_ref().unwrap().schemas["Pet"]
            .as_item()
            .unwrap();
        assert!(
            matches!(pet.schema_kind, SchemaKind::Any(ref any) if *any == AnySchema::default())
        );
        assert_eq!(
            pet.schema_data.description.as_deref(),
            Some(
                "A pet.\n\nUntyped: the generator could not type this schema, so it is any JSON \
                 value (progenitor: `` it failed with: `boom` ``)."
            )
        );
    }

    #[test]
    fn a_property_alone_is_untyped_and_keeps_its_description() {
        let mut api = api(SPEC);
        Substitution::Property {
            component: "Pet".to_owned(),
            property: "odd".to_owned(),
        }
        .apply(&mut api, "boom");
        let pet = api.components.as_ref().unwrap().schemas["Pet"]
            .as_item()
            .unwrap();
        let SchemaKind::Type(Type::Object(object)) = &pet.schema_kind else {
            panic!("Pet is still an object");
        };
        let odd = object.properties["odd"].as_item().unwrap();
        assert!(
            matches!(odd.schema_kind, SchemaKind::Any(ref any) if *any == AnySchema::default())
        );
        assert_eq!(odd.schema_data.description.as_deref(), Some("Odd."));
        assert!(matches!(
            object.properties["name"].as_item().unwrap().schema_kind,
            SchemaKind::Type(Type::String(_))
        ));
    }

    #[test]
    fn a_shared_body_or_response_is_untyped_for_one_operation_only() {
        let mut api = api(SPEC);
        Substitution::Part {
            at: post(),
            part: Part::BodyAsJson,
        }
        .apply(&mut api, "boom");
        Substitution::Part {
            at: post(),
            part: Part::ResponseAsBytes("200".to_owned()),
        }
        .apply(&mut api, "boom");
        let (_, post_operation) = operation(&api, &post()).unwrap();
        let body = post_operation
            .request_body
            .as_ref()
            .unwrap()
            .as_item()
            .unwrap();
        let schema = body.content["application/json"].schema.as_ref().unwrap();
        assert!(matches!(
            schema.as_item().unwrap().schema_kind,
            SchemaKind::Any(_)
        ));
        let response = post_operation.responses.responses[&openapiv3::StatusCode::Code(200)]
            .as_item()
            .unwrap();
        assert_eq!(
            response.content.keys().collect::<Vec<_>>(),
            ["application/octet-stream"]
        );
        assert_eq!(response.description, "A pet.");
        assert_eq!(status_keys(&post_operation.responses), ["200", "default"]);
        // The components, and the other operation, are as they were.
        let get = At {
            method: "get",
            ..post()
        };
        let (_, get_operation) = operation(&api, &get).unwrap();
        assert!(matches!(
            get_operation.responses.responses[&openapiv3::StatusCode::Code(200)],
            ReferenceOr::Reference { .. }
        ));
        assert!(
            api.components.as_ref().unwrap().request_bodies["Pet"]
                .as_item()
                .is_some()
        );
    }

    #[test]
    fn a_parameter_as_text_is_a_plain_string_in_form_style() {
        let mut api = api(SPEC);
        let tags = Part::ParameterAsText("tags".to_owned());
        Substitution::Part {
            at: post(),
            part: tags,
        }
        .apply(&mut api, "boom");
        // A path item's parameter is overridden for the one operation.
        let id = Part::ParameterAsText("trace".to_owned());
        Substitution::Part {
            at: post(),
            part: id,
        }
        .apply(&mut api, "boom");
        let (item, post_operation) = operation(&api, &post()).unwrap();
        let parameters = parameters(&api, item, post_operation);
        let shown: Vec<(String, bool)> = parameters
            .iter()
            .map(|p| {
                let data = p.parameter_data_ref();
                let text = matches!(
                    &data.format,
                    ParameterSchemaOrContent::Schema(ReferenceOr::Item(Schema {
                        schema_kind: SchemaKind::Type(Type::String(_)),
                        ..
                    }))
                );
                (data.name.clone(), text)
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("tags".to_owned(), true),
                ("trace".to_owned(), true),
                ("id".to_owned(), false)
            ]
        );
        assert!(matches!(
            parameters[0],
            Parameter::Query {
                style: QueryStyle::Form,
                ..
            }
        ));
        let get = At {
            method: "get",
            ..post()
        };
        let (item, get_operation) = operation(&api, &get).unwrap();
        assert_eq!(item.parameters.len(), 2);
        assert!(get_operation.parameters.is_empty());
    }

    #[test]
    fn a_shared_parameter_left_out_stays_for_the_other_operations() {
        let mut api = api(SPEC);
        let trace = Part::ParameterLeftOut("trace".to_owned());
        Substitution::Part {
            at: post(),
            part: trace,
        }
        .apply(&mut api, "boom");
        let tags = Part::ParameterLeftOut("tags".to_owned());
        Substitution::Part {
            at: post(),
            part: tags,
        }
        .apply(&mut api, "boom");
        let names = |method| {
            let at = At { method, ..post() };
            let (item, operation) = operation(&api, &at).unwrap();
            parameters(&api, item, operation)
                .iter()
                .map(|p| p.parameter_data_ref().name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("post"), ["id"]);
        assert_eq!(names("get"), ["id", "trace"]);
    }

    #[test]
    fn an_operation_left_out_is_gone_and_its_neighbour_stays() {
        let mut api = api(SPEC);
        Substitution::LeftOut(post()).apply(&mut api, "boom");
        assert!(operation(&api, &post()).is_none());
        let get = At {
            method: "get",
            ..post()
        };
        assert!(operation(&api, &get).is_some());
    }
}
