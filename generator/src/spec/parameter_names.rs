//! Parameters of one name in different places. OpenAPI tells parameters
//! apart by name and location; progenitor by name alone, and keeps the
//! later of two (the operation's over its path item's).
//!
//! - A path parameter with the name of a query, header or cookie parameter
//!   of one of its operations is renamed, in the path's template and in its
//!   declarations: `{token}` becomes `{token_path}`. `GET
//!   /tokens/{token}?token=…` is valid (Trello's API: the path names a
//!   token, the query carries the caller's own), and so is a path-level `id`
//!   beside an operation's query `id` (SendGrid, Apacta); progenitor
//!   panicked on a template it then could not fill, or dropped the query
//!   parameter without a word. A template's names never travel, so renaming
//!   the path's side changes no request; only the method's argument is
//!   called `token_path`.
//! - Two parameters of one name elsewhere (Mercure's `Last-Event-ID`, a
//!   query parameter and a header, either of which the hub reads): the one
//!   progenitor drops gets a warning, since no name of theirs can change.
//!   Two of names that make one Rust name (`ContentType`, `Content-Type`):
//!   the earlier is left out, with a warning, as progenitor would bind both.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Parameter, PathItem, ReferenceOr};

use super::document::Document;
use super::pointer::escape;
use super::validate::template_names;
use super::walk::{item_operations, item_operations_mut, resolve};
use super::{Diagnostic, Diagnostics};

/// Renames the path parameters that share a name with another parameter of
/// their operation, with a warning at each path so renamed, and warns of
/// the other parameters progenitor would drop.
pub(super) fn apart(document: &mut Document) -> Vec<Diagnostic> {
    let mut warnings = Diagnostics::new(&document.path, &document.positions);
    let api = &mut document.api;
    content_type_beside_a_body(api, &mut warnings);
    namesakes(api, &mut warnings);
    let mut renamed: BTreeMap<String, (String, PathItem)> = BTreeMap::new();
    for (path, item) in &api.paths.paths {
        let Some(item) = item.as_item() else {
            continue;
        };
        let clashes = clashes(api, path, item);
        if clashes.is_empty() {
            continue;
        }
        let mut template = path.clone();
        let mut item = item.clone();
        for clash in &clashes {
            template = template.replace(
                &format!("{{{}}}", clash.name),
                &format!("{{{}}}", clash.renamed),
            );
            rename_declarations(api, &mut item, clash);
        }
        if api.paths.paths.contains_key(&template) {
            // The spec has the renamed path too; the ladder leaves out what
            // progenitor then refuses.
            continue;
        }
        for clash in &clashes {
            warnings.push(
                &format!("/paths/{}", escape(path)),
                format!(
                    "path parameter `{}` has the name of a {} parameter of {}: progenitor tells \
                     parameters apart by name alone, so the generator calls the path's \
                     `{}` (in the template and as the method's argument); requests do not change",
                    clash.name,
                    clash.location,
                    clash.methods.join(", "),
                    clash.renamed
                ),
            );
        }
        renamed.insert(path.clone(), (template, item));
    }
    if !renamed.is_empty() {
        api.paths.paths = std::mem::take(&mut api.paths.paths)
            .into_iter()
            .map(|(path, item)| match renamed.remove(&path) {
                Some((template, item)) => (template, ReferenceOr::Item(item)),
                None => (path, item),
            })
            .collect();
    }
    warnings.into_warnings()
}

/// Each operation of the path item at `path`, with its parameters resolved
/// and pointed at, in the order progenitor reads them: the path item's,
/// then the operation's own, where the later of one name wins.
fn declared(
    api: &OpenAPI,
    path: &str,
    item: &PathItem,
) -> Vec<(&'static str, Vec<(String, Parameter)>)> {
    let item_pointer = format!("/paths/{}", escape(path));
    let resolved = |list: &[ReferenceOr<Parameter>], pointer: &str| {
        list.iter()
            .enumerate()
            .filter_map(|(index, p)| {
                Some((format!("{pointer}/{index}"), resolve(api, p).ok()?.clone()))
            })
            .collect::<Vec<_>>()
    };
    let shared = resolved(&item.parameters, &format!("{item_pointer}/parameters"));
    item_operations(item)
        .map(|(method, operation)| {
            let own = resolved(
                &operation.parameters,
                &format!("{item_pointer}/{method}/parameters"),
            );
            (method, shared.iter().cloned().chain(own).collect())
        })
        .collect()
}

/// Leaves out an operation's own `Content-Type` header parameter when it has
/// a request body, with a warning: the client sends the body's media type
/// under that name (azure's content moderator declares both; its method
/// took a `content_type` twice, E0415, or one of the wrong type, E0308).
fn content_type_beside_a_body(api: &mut OpenAPI, warnings: &mut Diagnostics) {
    let is_content_type = |parameter: &Parameter| {
        matches!(parameter, Parameter::Header { parameter_data, .. }
            if parameter_data.name.eq_ignore_ascii_case("content-type"))
    };
    // Those of `components.parameters` too, by the `$ref` that names them
    // (apideck's `contentType`).
    let named: BTreeSet<String> = api
        .components
        .iter()
        .flat_map(|components| &components.parameters)
        .filter(|(_, parameter)| resolve(api, parameter).is_ok_and(is_content_type))
        .map(|(name, _)| format!("#/components/parameters/{}", escape(name)))
        .collect();
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item_operations_mut(item) {
            if operation.request_body.is_none() {
                continue;
            }
            let pointer = format!("/paths/{}/{method}/parameters", escape(path));
            let mut index = 0;
            operation.parameters.retain(|parameter| {
                let at = format!("{pointer}/{index}");
                index += 1;
                let content_type = match parameter {
                    ReferenceOr::Item(parameter) => is_content_type(parameter),
                    ReferenceOr::Reference { reference } => named.contains(reference),
                };
                if !content_type {
                    return true;
                }
                warnings.push(
                    &at,
                    "a `Content-Type` header parameter beside a request body is left out: the \
                     client sends the body's media type under that name"
                        .to_owned(),
                );
                false
            });
        }
    }
}

/// Warns of each parameter of an operation that progenitor would not send
/// because a later one, neither in the path, has its Rust name. One of the
/// same name progenitor drops itself (Mercure's `Last-Event-ID`, in the
/// query and as a header). One of another name that makes the same Rust name
/// (azure's query `ContentType` and header `Content-Type`) it would bind as
/// a second argument of that name (E0415), so the earlier is left out: of
/// the operation's own list, or, when its path item declares it, of that
/// operation alone ([`inherit_path_parameters`]). A path parameter is
/// renamed instead ([`clashes`]).
fn namesakes(api: &mut OpenAPI, warnings: &mut Diagnostics) {
    let mut left_out: Vec<(String, &'static str, usize)> = Vec::new();
    // Of the path item's own parameters, by path and method.
    let mut inherited_left_out: BTreeMap<String, BTreeMap<&'static str, BTreeSet<usize>>> =
        BTreeMap::new();
    for (path, item) in &api.paths.paths {
        let Some(item) = item.as_item() else {
            continue;
        };
        let own_pointer = |method: &str| format!("/paths/{}/{method}/parameters/", escape(path));
        for (method, all) in declared(api, path, item) {
            for (index, (pointer, parameter)) in all.iter().enumerate() {
                let name = &parameter.parameter_data_ref().name;
                let Some((_, kept)) = all[index + 1..].iter().find(|(_, later)| {
                    rust_name(&later.parameter_data_ref().name) == rust_name(name)
                }) else {
                    continue;
                };
                let (dropped, kept_in) = (location_of(parameter), location_of(kept));
                if dropped == "path" || kept_in == "path" {
                    continue;
                }
                let kept_name = &kept.parameter_data_ref().name;
                let operation = format!("{} {path}", method.to_uppercase());
                if kept_name == name {
                    // One of the same place replaces it, as OpenAPI says.
                    if dropped != kept_in {
                        warnings.push(
                            pointer,
                            format!(
                                "{dropped} parameter `{name}` of {operation} has the name of its \
                                 {kept_in} parameter: progenitor keeps one parameter of a name, \
                                 so the client sends only the {kept_in} one"
                            ),
                        );
                    }
                    continue;
                }
                let shared = pointer
                    .strip_prefix(&format!("/paths/{}/parameters/", escape(path)))
                    .and_then(|index| index.parse::<usize>().ok());
                let own = pointer
                    .strip_prefix(&own_pointer(method))
                    .and_then(|index| index.parse::<usize>().ok());
                match (own, shared) {
                    (Some(own), _) => left_out.push((path.clone(), method, own)),
                    (None, Some(shared)) => {
                        inherited_left_out
                            .entry(path.clone())
                            .or_default()
                            .entry(method)
                            .or_default()
                            .insert(shared);
                    }
                    (None, None) => continue,
                }
                warnings.push(
                    pointer,
                    format!(
                        "{dropped} parameter `{name}` of {operation} makes the same Rust name, \
                         `{}`, as its {kept_in} parameter `{kept_name}`: progenitor would bind \
                         both as one argument, so the client sends only the later one",
                        rust_name(name)
                    ),
                );
            }
        }
    }
    // From the last, so that each index still points at its parameter.
    for (path, method, index) in left_out.into_iter().rev() {
        if let Some(ReferenceOr::Item(item)) = api.paths.paths.get_mut(&path)
            && let Some((_, operation)) = item_operations_mut(item).find(|(m, _)| *m == method)
            && index < operation.parameters.len()
        {
            operation.parameters.remove(index);
        }
    }
    for (path, methods) in inherited_left_out {
        inherit_path_parameters(api, &path, &methods);
    }
}

/// Moves the parameters of the path item at `path` into each of its
/// operations, but those `left_out` (indexes into the item's list, by
/// method) and those an operation declares itself, as OpenAPI reads them.
/// A parameter of the path item cannot be left out of one operation
/// alone: AWS's CodeArtifact declares `X-Amz-Content-Sha256` there and
/// `x-amz-content-sha256` in an operation, one header (their names differ
/// in case only) that the method took twice (E0415). progenitor orders a
/// method's parameters by name wherever they are declared, so the methods
/// stay as they were.
fn inherit_path_parameters(
    api: &mut OpenAPI,
    path: &str,
    left_out: &BTreeMap<&'static str, BTreeSet<usize>>,
) {
    let Some(ReferenceOr::Item(item)) = api.paths.paths.get(path) else {
        return;
    };
    let key = |parameter: &ReferenceOr<Parameter>| {
        resolve(api, parameter).ok().map(|parameter| {
            (
                parameter.parameter_data_ref().name.clone(),
                location_of(parameter),
            )
        })
    };
    let inherited: Vec<(&'static str, Vec<ReferenceOr<Parameter>>)> = item_operations(item)
        .map(|(method, operation)| {
            let own: BTreeSet<_> = operation.parameters.iter().filter_map(key).collect();
            let dropped = left_out.get(method);
            let kept = item
                .parameters
                .iter()
                .enumerate()
                .filter(|(index, _)| dropped.is_none_or(|dropped| !dropped.contains(index)))
                .filter(|(_, parameter)| key(parameter).is_none_or(|key| !own.contains(&key)))
                .map(|(_, parameter)| parameter.clone())
                .collect();
            (method, kept)
        })
        .collect();
    let Some(ReferenceOr::Item(item)) = api.paths.paths.get_mut(path) else {
        return;
    };
    item.parameters.clear();
    for (method, operation) in item_operations_mut(item) {
        if let Some((_, kept)) = inherited.iter().find(|(m, _)| *m == method) {
            operation.parameters.splice(0..0, kept.iter().cloned());
        }
    }
}

/// A template name that another parameter of the path's operations has.
struct Clash {
    name: String,
    renamed: String,
    /// Where the other parameter is: `query`, `header` or `cookie`.
    location: &'static str,
    /// The operations that have it, as `GET`.
    methods: Vec<String>,
}

fn clashes(api: &OpenAPI, path: &str, item: &PathItem) -> Vec<Clash> {
    let Ok(template) = template_names(path) else {
        return Vec::new();
    };
    let operations = declared(api, path, item);
    // Every name the path's parameters have, which a new name must avoid.
    let mut taken: BTreeSet<String> = operations
        .iter()
        .flat_map(|(_, parameters)| parameters.iter())
        .map(|(_, p)| p.parameter_data_ref().name.clone())
        .chain(template.iter().cloned())
        .collect();
    let mut clashes = Vec::new();
    for name in &template {
        let mut location = None;
        let mut methods = Vec::new();
        for (method, parameters) in &operations {
            // progenitor names arguments as Rust does: `.format` (a template's
            // `{.format}`, which nasa's specs declare so) is `format`.
            let other = parameters.iter().map(|(_, p)| p).find(|p| {
                location_of(p) != "path"
                    && rust_name(&p.parameter_data_ref().name) == rust_name(name)
            });
            if let Some(other) = other {
                location.get_or_insert(location_of(other));
                methods.push(method.to_uppercase());
            }
        }
        let Some(location) = location else {
            continue;
        };
        let stem = match name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            true => name.clone(),
            false => rust_name(name),
        };
        let mut renamed = format!("{stem}_path");
        let mut n = 2;
        while taken.contains(&renamed) {
            renamed = format!("{stem}_path_{n}");
            n += 1;
        }
        taken.insert(renamed.clone());
        clashes.push(Clash {
            name: name.clone(),
            renamed,
            location,
            methods,
        });
    }
    clashes
}

/// The name of the argument progenitor makes of the parameter `name`.
fn rust_name(name: &str) -> String {
    crate::ident::name(name, crate::ident::Case::Snake)
}

fn location_of(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// Gives the path parameters of `clash`'s name in `item` the new name; one
/// declared by `$ref` is written in place, so that the component stays as
/// it is for the other paths that use it.
fn rename_declarations(api: &OpenAPI, item: &mut PathItem, clash: &Clash) {
    let rename = |parameter: &mut ReferenceOr<Parameter>| {
        let Ok(resolved) = resolve(api, parameter) else {
            return;
        };
        if !matches!(resolved, Parameter::Path { .. })
            || resolved.parameter_data_ref().name != clash.name
        {
            return;
        }
        let mut renamed = resolved.clone();
        if let Parameter::Path { parameter_data, .. } = &mut renamed {
            parameter_data.name = clash.renamed.clone();
        }
        *parameter = ReferenceOr::Item(renamed);
    };
    item.parameters.iter_mut().for_each(rename);
    for (_, operation) in item_operations_mut(item) {
        operation.parameters.iter_mut().for_each(rename);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path-level `id` beside a query `id`, and a `$ref`'d path `token`
    /// beside a query `token` and a header `token_path` that the new name
    /// must avoid; another path uses the component as it is. Then a query
    /// parameter and a header of one name, and azure's query `ContentType`
    /// beside a header `Content-Type`, which beside a body is left out; last,
    /// nasa's `{.format}` beside a query `format`, one name in Rust.
    const SPEC: &str = "
openapi: 3.0.3
info: {title: Clash, version: '1'}
paths:
  /lists/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: id, in: query, schema: {type: integer}}
      responses:
        '204': {description: Listed.}
  /tokens/{token}:
    delete:
      parameters:
        - {name: token, in: query, required: true, schema: {type: string}}
        - {name: token_path, in: header, schema: {type: string}}
        - $ref: '#/components/parameters/token'
      responses:
        '204': {description: Deleted.}
  /grants/{token}:
    get:
      parameters:
        - $ref: '#/components/parameters/token'
      responses:
        '204': {description: Found.}
  /events:
    get:
      parameters:
        - {name: Last-Event-ID, in: query, schema: {type: string}}
        - {name: Last-Event-ID, in: header, schema: {type: string}}
      responses:
        '204': {description: Subscribed.}
  /jobs:
    post:
      parameters:
        - {name: ContentType, in: query, required: true, schema: {type: string}}
        - {name: Content-Type, in: header, required: true, schema: {type: string}}
      responses:
        '204': {description: Created.}
  /frames:
    post:
      parameters:
        - {name: Content-Type, in: header, required: true, schema: {type: string}}
      requestBody:
        content:
          image/png:
            schema: {type: string, format: binary}
      responses:
        '204': {description: Added.}
  /projects{.format}:
    get:
      parameters:
        - {name: format, in: query, schema: {type: string}}
        - {name: .format, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: Listed.}
  /packages:
    parameters:
      - {name: X-Amz-Date, in: header, schema: {type: string}}
      - {name: X-Amz-Content-Sha256, in: header, schema: {type: string}}
    get:
      responses:
        '204': {description: Listed.}
    post:
      parameters:
        - {name: x-amz-content-sha256, in: header, required: true, schema: {type: string}}
      responses:
        '204': {description: Published.}
components:
  parameters:
    token: {name: token, in: path, required: true, schema: {type: string}}
";

    #[test]
    fn a_content_type_header_named_by_a_ref_beside_a_body_is_left_out_too() {
        // apideck's attachment upload: `$ref: '#/components/parameters/
        // contentType'` beside a `*/*` body, whose method took a second
        // `content_type` (E0415).
        let spec = "
openapi: 3.0.3
info: {title: Uploads, version: '1'}
paths:
  /attachments:
    post:
      parameters:
        - $ref: '#/components/parameters/contentType'
        - $ref: '#/components/parameters/consumerId'
      requestBody:
        content:
          '*/*':
            schema: {type: string, format: binary}
      responses:
        '204': {description: Uploaded.}
    get:
      parameters:
        - $ref: '#/components/parameters/contentType'
      responses:
        '204': {description: Listed.}
components:
  parameters:
    contentType: {name: content-type, in: header, required: true, schema: {type: string}}
    consumerId: {name: x-consumer-id, in: header, required: true, schema: {type: string}}
";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.yaml");
        std::fs::write(&path, spec).unwrap();
        let (mut document, _) = crate::spec::load_and_check(&path, None).unwrap();
        let warnings = apart(&mut document);
        let item = document.api.paths.paths["/attachments"].as_item().unwrap();
        let post = item.post.as_ref().unwrap();
        assert_eq!(
            post.parameters,
            [ReferenceOr::ref_("#/components/parameters/consumerId")]
        );
        // Without a body, the header is the caller's to send.
        assert_eq!(item.get.as_ref().unwrap().parameters.len(), 1);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].pointer,
            "/paths/~1attachments/post/parameters/0"
        );
        assert!(warnings[0].message.contains("beside a request body"));
    }

    #[test]
    fn a_path_parameter_named_like_another_is_renamed_and_other_namesakes_are_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.yaml");
        std::fs::write(&path, SPEC).unwrap();
        let (mut document, _) = crate::spec::load_and_check(&path, None).unwrap();
        let warnings = apart(&mut document);

        let paths: Vec<&str> = document
            .api
            .paths
            .paths
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            paths,
            [
                "/lists/{id_path}",
                "/tokens/{token_path_2}",
                "/grants/{token}",
                "/events",
                "/jobs",
                "/frames",
                "/projects{format_path}",
                "/packages"
            ]
        );
        let names = |path: &str, method: &str| -> Vec<(String, &str)> {
            let item = document.api.paths.paths[path].as_item().unwrap();
            let (_, operation) = item_operations(item).find(|(m, _)| *m == method).unwrap();
            operation
                .parameters
                .iter()
                .chain(&item.parameters)
                .map(|p| resolve(&document.api, p).unwrap())
                .map(|p| (p.parameter_data_ref().name.clone(), location_of(p)))
                .collect()
        };
        assert_eq!(
            names("/lists/{id_path}", "get"),
            [("id".to_owned(), "query"), ("id_path".to_owned(), "path")]
        );
        assert_eq!(
            names("/tokens/{token_path_2}", "delete"),
            [
                ("token".to_owned(), "query"),
                ("token_path".to_owned(), "header"),
                ("token_path_2".to_owned(), "path"),
            ]
        );
        // The component, and the path that uses it alone, keep the name.
        assert_eq!(
            names("/grants/{token}", "get"),
            [("token".to_owned(), "path")]
        );

        let said: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        // In the order of their pointers, as the warnings are sorted.
        assert_eq!(said.len(), 7, "{said:?}");
        assert_eq!(
            said[0],
            (
                "/paths/~1events/get/parameters/0",
                "query parameter `Last-Event-ID` of GET /events has the name of its header \
                 parameter: progenitor keeps one parameter of a name, so the client sends only \
                 the header one"
            )
        );
        assert_eq!(said[1].0, "/paths/~1frames/post/parameters/0");
        assert!(said[1].1.contains("beside a request body"), "{said:?}");
        assert_eq!(
            names("/jobs", "post"),
            [("Content-Type".to_owned(), "header")]
        );
        assert_eq!(said[2].0, "/paths/~1jobs/post/parameters/0");
        assert!(said[2].1.contains("`content_type`"), "{said:?}");
        assert!(names("/frames", "post").is_empty());
        // The path item's header of the post's name, in another case: left
        // out of the post alone, the path item's parameters moved into its
        // operations.
        let packages = said
            .iter()
            .position(|(pointer, _)| *pointer == "/paths/~1packages/parameters/1")
            .expect("a warning at the path item's header");
        assert!(
            said[packages].1.contains("`x_amz_content_sha256`"),
            "{said:?}"
        );
        let item = document.api.paths.paths["/packages"].as_item().unwrap();
        assert!(item.parameters.is_empty());
        assert_eq!(
            names("/packages", "post"),
            [
                ("X-Amz-Date".to_owned(), "header"),
                ("x-amz-content-sha256".to_owned(), "header")
            ]
        );
        assert_eq!(
            names("/packages", "get"),
            [
                ("X-Amz-Date".to_owned(), "header"),
                ("X-Amz-Content-Sha256".to_owned(), "header")
            ]
        );
        let mut said = said;
        said.remove(packages);
        assert_eq!(said[3].0, "/paths/~1lists~1{id}");
        assert!(
            said[3]
                .1
                .starts_with("path parameter `id` has the name of a query parameter of GET"),
            "{said:?}"
        );
        assert_eq!(said[4].0, "/paths/~1projects{.format}");
        assert!(said[4].1.contains("`format_path`"), "{said:?}");
        assert_eq!(said[5].0, "/paths/~1tokens~1{token}");
        assert!(said[5].1.contains("`token_path_2`"), "{said:?}");
        assert_eq!(
            names("/projects{format_path}", "get"),
            [
                ("format".to_owned(), "query"),
                ("format_path".to_owned(), "path")
            ]
        );
    }
}
