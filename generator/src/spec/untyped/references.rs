//! Readings of `$ref`s that progenitor could not follow: one whose fragment
//! is percent-encoded, one that leads nowhere, one into `paths`, and a
//! schema's `$ref` to a response, a request body or a parameter (with a
//! schema or without), and a `content` or a media type that is a `$ref`. Each is
//! read where the spec wrote it, before any other reading, so that the rest
//! of the pass sees what it refers to.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::Readings;
use crate::spec::pointer::{self, escape, unescape};
use crate::spec::validate::{dangling_hint, each_reference, expected_kind};

/// Applies the readings of `$ref`s to the whole document `root`.
pub(super) fn apply_readings(root: &mut Map<String, Value>, readings: &mut Readings) {
    let mut document = Value::Object(std::mem::take(root));
    let mut found = Vec::new();
    each_reference(&document, &mut Vec::new(), &mut |path, target| {
        found.push((path.to_vec(), target.to_owned()));
    });
    for (path, target) in &mut found {
        decode(&mut document, path, target, readings);
    }
    // Taken out of their lists after every other reading, the last first,
    // so that no member moves before its own reading finds it.
    let mut left_out = Vec::new();
    for (path, target) in found {
        let Some((reading, message)) = read(&document, &path, &target) else {
            continue;
        };
        let pointer: String = path.iter().map(|s| format!("/{}", escape(s))).collect();
        readings.warn(&format!("{pointer}/$ref"), message);
        let Some(member) = document.pointer_mut(&pointer) else {
            continue;
        };
        match reading {
            Reading::LeftOut => left_out.push(path),
            Reading::Any => {
                if let Value::Object(map) = member {
                    map.remove("$ref");
                }
            }
            Reading::To(to) => {
                if let Value::Object(map) = member {
                    map.insert("$ref".to_owned(), Value::String(to));
                }
            }
            Reading::InPlace(value) => *member = value,
        }
    }
    left_out.sort_by_key(|path| {
        let index = path.last().and_then(|i| i.parse::<usize>().ok());
        (path[..path.len() - 1].to_vec(), std::cmp::Reverse(index))
    });
    for path in left_out {
        let Some((index, list)) = path.split_last() else {
            continue;
        };
        let list: String = list.iter().map(|s| format!("/{}", escape(s))).collect();
        if let (Some(Value::Array(items)), Ok(index)) =
            (document.pointer_mut(&list), index.parse::<usize>())
            && index < items.len()
        {
            items.remove(index);
        }
    }
    if let Value::Object(map) = document {
        *root = map;
    }
}

/// Writes the `$ref` to `target` at `path` as the JSON pointer it names,
/// percent-decoded ([`pointer::of_reference`]), so that every later reading
/// and check, and progenitor, reads a plain pointer, and decodes it once.
/// No warning: that is what the spec says.
fn decode(document: &mut Value, path: &[String], target: &mut String, readings: &mut Readings) {
    let Some(Cow::Owned(decoded)) = pointer::of_reference(target) else {
        return;
    };
    *target = format!("#{decoded}");
    let at: String = path.iter().map(|s| format!("/{}", escape(s))).collect();
    if let Some(Value::Object(map)) = document.pointer_mut(&at) {
        map.insert("$ref".to_owned(), Value::String(target.clone()));
        readings.rewrote();
    }
}

/// What a `$ref` is read as.
enum Reading {
    /// No `$ref`: any value, beside what its siblings say.
    Any,
    /// A `$ref` to this target instead.
    To(String),
    /// What it names, written in its place.
    InPlace(Value),
    /// Nothing: the member is taken out of its list.
    LeftOut,
}

/// What the `$ref` to `target` at `path` is read as, and the warning that
/// says so; `None` when it needs no reading (or has none, and is refused).
fn read(document: &Value, path: &[String], target: &str) -> Option<(Reading, String)> {
    let Some(local) = target.strip_prefix('#') else {
        return outside(path, target);
    };
    if path.len() == 2 && path[0] == "paths" {
        // A path item `$ref` to another path (surevoip.co.uk serves one
        // item under two paths): progenitor reads only items written in
        // place. One to `components.pathItems` is OpenAPI 3.1's reading.
        let item = document.pointer(local).filter(|item| {
            local.starts_with("/paths/") && item.get("$ref").is_none() && item.is_object()
        })?;
        let message = format!(
            "path item `$ref` `{target}` names the item of another path, where progenitor \
             does not look: written in place (its operations get names of their own)"
        );
        return Some((Reading::InPlace(item.clone()), message));
    }
    let at = expected_kind(path);
    // A body's or a response's `content`, or one media type of it, as a
    // `$ref` (lob's `content: {$ref: '#/components/mediaTypes/address'}`,
    // a section OpenAPI 3.2 adds): 3.0 and 3.1 have no `$ref` there, and
    // openapiv3 refused the operation. Written in place.
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    if at.is_none()
        && (path.last().is_some_and(|last| last == "content") || parent == Some("content"))
    {
        let found = document
            .pointer(local)
            .filter(|found| found.is_object() && found.get("$ref").is_none())?;
        let what = match parent {
            Some("content") => "a media type",
            _ => "a `content` map",
        };
        let message = format!(
            "`$ref` `{target}` names {what}, where OpenAPI 3.0 and 3.1 allow no `$ref`: \
             written in place"
        );
        return Some((Reading::InPlace(found.clone()), message));
    }
    let Some(found) = document.pointer(local) else {
        return dangling(document, path, at, target, local);
    };
    let segments: Vec<String> = local.split('/').skip(1).map(unescape).collect();
    let kind = expected_kind(&segments).or_else(|| {
        (segments.len() >= 2 && segments[segments.len() - 2] == "headers").then_some("headers")
    });
    match (at, kind) {
        // A schema that names a response, a request body, a parameter or a
        // header: the schema it holds (a body's JSON one).
        (Some("schemas"), Some(kind)) if kind != "schemas" => {
            let Some(inner) = held_schema(found) else {
                // rumble.run names a response with only a `description`:
                // any value is all a schema can be read as, as for a `$ref`
                // that leads nowhere.
                let message = format!(
                    "`$ref` `{target}` names a {} where a schema belongs, and it holds no \
                     schema: read as any JSON value",
                    singular(kind)
                );
                return Some((Reading::Any, message));
            };
            let to = format!("#{local}{inner}");
            let message = format!(
                "`$ref` `{target}` names a {} where a schema belongs: read as its schema, \
                 `{to}`",
                singular(kind)
            );
            Some((Reading::To(to), message))
        }
        // A parameter, body or response that names another section of
        // `components` (swaggerhub's responses name `#/components/schemas/
        // BadRequest`, beside the response `BadRequest`): the entry of that
        // name in its own section, or, for a response or a body, one whose
        // JSON content is the schema named.
        (Some(at), Some(kind)) if at != kind && at != "schemas" && segments[0] == "components" => {
            let name = segments.get(2).filter(|_| segments.len() == 3)?;
            let own = format!("/components/{at}/{}", escape(name));
            if document.pointer(&own).is_some() {
                let message = format!(
                    "`$ref` `{target}` names a {} where a {} belongs: read as the {} of that \
                     name, `#{own}`",
                    singular(kind),
                    singular(at),
                    singular(at)
                );
                return Some((Reading::To(format!("#{own}")), message));
            }
            if kind != "schemas" || !matches!(at, "responses" | "requestBodies") {
                return None;
            }
            let description = found
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut member = Map::new();
            if at == "responses" {
                member.insert("description".to_owned(), description.into());
            }
            member.insert(
                "content".to_owned(),
                serde_json::json!({"application/json": {"schema": {"$ref": target}}}),
            );
            let message = format!(
                "`$ref` `{target}` names a schema where a {} belongs: read as one whose JSON \
                 content is that schema",
                singular(at)
            );
            Some((Reading::InPlace(Value::Object(member)), message))
        }
        // A parameter, body or response of another operation: written in
        // place, as progenitor looks these up only in `components`.
        (Some(at), Some(kind)) if at == kind && segments[0] == "paths" && at != "schemas" => {
            let message = format!(
                "`$ref` `{target}` names a {} of another operation, where progenitor does \
                 not look: written in place",
                singular(kind)
            );
            Some((Reading::InPlace(found.clone()), message))
        }
        _ => None,
    }
}

/// The reading of a `$ref` at `path` to `target`, which resolves to
/// nothing ([`unread`]).
fn dangling(
    document: &Value,
    path: &[String],
    at: Option<&str>,
    target: &str,
    local: &str,
) -> Option<(Reading, String)> {
    let missing = format!(
        "`$ref` `{target}` resolves to nothing ({})",
        dangling_hint(document, local)
    );
    unread(path, at, missing)
}

/// The reading of a `$ref` at `path` to `target` in another file (tyk's
/// `https://raw.githubusercontent.com/…/schema/3.0.json`, dropbox sign's
/// `./markdown/en/tags/….md` as a tag's description, azuracast's PHP class
/// `App\Entity\StationQueue`): the generator reads one file, so it is read
/// as one that resolves to nothing, and text is read as none.
fn outside(path: &[String], target: &str) -> Option<(Reading, String)> {
    let missing =
        format!("`$ref` `{target}` points outside this file, which the generator does not read");
    if path
        .last()
        .is_some_and(|last| matches!(last.as_str(), "description" | "summary"))
    {
        let message = format!("{missing}: the text is left out");
        return Some((Reading::InPlace(Value::String(String::new())), message));
    }
    unread(path, expected_kind(path), missing)
}

/// The reading of a `$ref` at `path`, of the kind `at`, that cannot be
/// followed, as `missing` says: any value is all a schema can be read as,
/// and a body or a response of an operation is one of any JSON value; an
/// operation's parameter, whose name and place are unknown, is left out.
/// Any other (a component that is such a `$ref`, which operations name) is
/// refused.
fn unread(path: &[String], at: Option<&str>, missing: String) -> Option<(Reading, String)> {
    let any_json = || serde_json::json!({"application/json": {"schema": {}}});
    let in_operation = path.first().is_some_and(|first| first == "paths");
    match at {
        Some("schemas") => Some((Reading::Any, format!("{missing}: read as any JSON value"))),
        Some("requestBodies") if in_operation => Some((
            Reading::InPlace(serde_json::json!({"content": any_json()})),
            format!("{missing}: the body is read as any JSON value"),
        )),
        Some("responses") if in_operation => Some((
            Reading::InPlace(serde_json::json!({
                "description": "",
                "content": any_json(),
            })),
            format!("{missing}: the response is read as any JSON value"),
        )),
        Some("parameters") if in_operation => Some((
            Reading::LeftOut,
            format!(
                "{missing}: the parameter is left out, since neither its name nor where it \
                 goes is known"
            ),
        )),
        _ => None,
    }
}

/// Where, below a response, request body, parameter or header, the schema
/// it holds is: `schema`, or the JSON media type's (else the first media
/// type's) in `content`.
fn held_schema(holder: &Value) -> Option<String> {
    if holder.get("schema").is_some_and(Value::is_object) {
        return Some("/schema".to_owned());
    }
    let content = holder.get("content")?.as_object()?;
    let (media, value) = content
        .iter()
        .find(|(media, _)| crate::spec::media::is_json(media))
        .or_else(|| content.iter().next())?;
    value
        .get("schema")
        .is_some_and(Value::is_object)
        .then(|| format!("/content/{}/schema", escape(media)))
}

fn singular(kind: &str) -> &'static str {
    match kind {
        "parameters" => "parameter",
        "requestBodies" => "request body",
        "responses" => "response",
        "headers" => "header",
        "schemas" => "schema",
        _ => "member",
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{located, source, yaml};
    use super::super::walk::apply_readings;

    const SPEC: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/responses/Page'
  /b:
    get:
      operationId: getB
      parameters:
        - $ref: '#/paths/~1a/get/parameters/0'
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Gone'
components:
  responses:
    Page:
      description: A page.
      content:
        application/json:
          schema:
            type: object
            properties:
              next:
                description: Where the next page is.
                $ref: '#/components/schemas/NextLink'
    Status:
      description: Done, with nothing said.
  schemas:
    Summary:
      description: What was done.
      $ref: '#/components/responses/Status'
";

    #[test]
    fn refs_to_other_files_are_read_as_refs_that_lead_nowhere() {
        // tyk's schema on the web, dropbox sign's tag descriptions in
        // markdown files, and a parameter in another file.
        let mut source = source(
            "openapi: 3.0.3
info: {title: T, version: '1'}
tags:
  - name: Account
    description:
      $ref: ./markdown/en/tags/account-tag-description.md
paths:
  /apis:
    get:
      operationId: listApis
      parameters:
        - $ref: 'parameters.yaml#/Limit'
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: The APIs.
          content:
            application/json:
              schema:
                type: array
                items:
                  allOf:
                    - $ref: 'https://example.com/schema/3.0.json'
                    - $ref: '#/components/schemas/Extra'
components:
  schemas:
    Extra: {type: object, properties: {id: {type: string}}}
",
        );
        let said = located(apply_readings(&mut source), &source);
        let value = &source.value;
        assert_eq!(value["tags"][0]["description"], yaml("''"));
        let operation = &value["paths"]["/apis"]["get"];
        assert_eq!(
            operation["parameters"],
            yaml("[{name: page, in: query, schema: {type: integer}}]")
        );
        let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(
            schema["items"]["allOf"],
            yaml("[{}, {$ref: '#/components/schemas/Extra'}]")
        );
        let pointers: Vec<&str> = said.iter().map(|said| said.pointer.as_str()).collect();
        for pointer in [
            "/tags/0/description/$ref",
            "/paths/~1apis/get/parameters/0/$ref",
            "/paths/~1apis/get/responses/200/content/application~1json/schema/items/allOf/0/$ref",
        ] {
            assert!(pointers.contains(&pointer), "{pointer} not in {said:?}");
        }
        assert!(
            said.iter()
                .all(|said| said.message.contains("points outside this file"))
        );
    }

    #[test]
    fn refs_progenitor_cannot_follow_are_read_where_they_are() {
        let mut source = source(SPEC);
        let said = located(apply_readings(&mut source), &source);
        let value = &source.value;
        let schema = |path: &str| {
            value["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                .clone()
        };
        // A schema naming a response is its JSON schema, which the pass then
        // makes a component of its own, as it does with every `$ref` inside a
        // member.
        assert_eq!(schema("/a"), yaml("{$ref: '#/components/schemas/Page'}"));
        assert_eq!(
            value["components"]["schemas"]["Page"]["type"],
            yaml("object")
        );
        // One that leads nowhere is any value; its siblings stay.
        assert_eq!(schema("/b"), yaml("{}"));
        assert_eq!(
            value["components"]["schemas"]["Page"]["properties"]["next"],
            yaml("{description: Where the next page is.}")
        );
        // One that names a response holding no schema is any value too.
        assert_eq!(
            value["components"]["schemas"]["Summary"],
            yaml("{description: What was done.}")
        );
        // Another operation's parameter, written in place.
        assert_eq!(
            value["paths"]["/b"]["get"]["parameters"][0],
            yaml("{name: limit, in: query, schema: {type: integer}}")
        );
        let at: Vec<(usize, &str)> = said
            .iter()
            .filter(|w| w.message.contains("`$ref` `"))
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (
                    20,
                    "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"
                ),
                (25, "/paths/~1b/get/parameters/0/$ref"),
                (
                    32,
                    "/paths/~1b/get/responses/200/content/application~1json/schema/$ref"
                ),
                (
                    44,
                    "/components/responses/Page/content/application~1json/schema/properties/next/$ref"
                ),
                (50, "/components/schemas/Summary/$ref"),
            ]
        );
    }

    /// `spec` through the whole front end: the readings, then the checks.
    fn checked(
        spec: &str,
    ) -> crate::error::Result<(crate::spec::Document, Vec<crate::spec::Diagnostic>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.yaml");
        std::fs::write(&path, spec).unwrap();
        crate::spec::load_and_check(&path, None)
    }

    #[test]
    fn an_operations_member_that_resolves_nowhere_is_any_json_or_left_out() {
        let spec = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /notes:
    post:
      operationId: createNote
      parameters:
        - $ref: '#/components/parameters/Gone'
        - name: draft
          in: query
          schema: {type: boolean}
        - $ref: '#/components/parameters/AlsoGone'
      requestBody:
        $ref: '#/components/requestBodies/Missing'
      responses:
        '201':
          $ref: '#/components/responses/Nowhere'
";
        let mut source = source(spec);
        let said = located(apply_readings(&mut source), &source);
        let post = &source.value["paths"]["/notes"]["post"];
        // Both dangling parameters go; the one between them stays.
        assert_eq!(
            post["parameters"],
            yaml("[{name: draft, in: query, schema: {type: boolean}}]")
        );
        let any = yaml("{application/json: {schema: {}}}");
        assert_eq!(post["requestBody"]["content"], any);
        assert_eq!(post["responses"]["201"]["content"], any);
        let lines: Vec<Option<usize>> = said
            .iter()
            .filter(|w| w.message.contains("resolves to nothing"))
            .map(|w| w.location.map(|l| l.line))
            .collect();
        assert_eq!(lines, [Some(10), Some(14), Some(16), Some(19)]);
        // The checks find nothing left to refuse.
        let (document, _) = checked(spec).unwrap();
        assert_eq!(crate::spec::walk::operations(&document.api).count(), 1);
    }

    #[test]
    fn a_content_or_a_media_type_that_is_a_ref_is_written_in_place() {
        // lob's responses name `#/components/mediaTypes/…`, a whole
        // `content`; OpenAPI 3.2 lets one media type be a `$ref`.
        let spec = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /accounts:
    get:
      operationId: getAccount
      responses:
        '200':
          description: OK
          content:
            $ref: '#/components/mediaTypes/account'
    post:
      operationId: addAccount
      requestBody:
        content:
          application/json:
            $ref: '#/components/mediaTypes/account/application~1json'
      responses:
        '204':
          description: Done.
components:
  mediaTypes:
    account:
      application/json:
        schema:
          $ref: '#/components/schemas/Account'
  schemas:
    Account:
      type: object
      properties:
        balance: {type: number}
";
        let mut source = source(spec);
        let said = located(apply_readings(&mut source), &source);
        let account = &source.value["components"]["mediaTypes"]["account"];
        let get = &source.value["paths"]["/accounts"]["get"];
        assert_eq!(&get["responses"]["200"]["content"], account);
        let post = &source.value["paths"]["/accounts"]["post"];
        assert_eq!(
            post["requestBody"]["content"]["application/json"],
            account["application/json"]
        );
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].message.contains("a `content` map"), "{said:?}");
        // Both operations are read, with the schema named.
        let (document, _) = checked(spec).unwrap();
        assert_eq!(crate::spec::walk::operations(&document.api).count(), 2);
    }

    #[test]
    fn a_path_item_that_names_another_paths_item_is_written_in_place() {
        // surevoip.co.uk serves `/ip-address` under `/support/ip-address`
        // too, by a path item `$ref`.
        let spec = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /ip-address:
    get:
      operationId: getIpAddress
      responses:
        '200':
          description: OK
  /support/ip-address:
    $ref: '#/paths/~1ip-address'
";
        let mut source = source(spec);
        let said = located(apply_readings(&mut source), &source);
        assert_eq!(
            source.value["paths"]["/support/ip-address"],
            source.value["paths"]["/ip-address"]
        );
        assert!(
            said.iter()
                .any(|w| w.pointer == "/paths/~1support~1ip-address/$ref"
                    && w.location.map(|l| l.line) == Some(13)),
            "{said:?}"
        );
        // Both operations are read, the copy's under a name of its own.
        let (document, _) = checked(spec).unwrap();
        assert_eq!(crate::spec::walk::operations(&document.api).count(), 2);
    }

    #[test]
    fn a_percent_encoded_fragment_is_decoded_before_it_is_read() {
        // rev.ai, brex.io, codat.io and enode.io refer into `paths` with the
        // braces of a template percent-encoded, as URI fragments are.
        let spec = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '401':
          description: Not signed in.
  /jobs/{id}/log:
    get:
      operationId: getLog
      parameters:
        - $ref: '#/paths/~1jobs~1%7Bid%7D/get/parameters/0'
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Log%20Line'
        '401':
          $ref: '#/paths/~1jobs~1%7Bid%7D/get/responses/401'
components:
  schemas:
    Log Line:
      type: string
    Percent:
      description: A `%25` is one `%`, read once.
      $ref: '#/components/schemas/100%2525'
    100%25:
      type: integer
";
        let mut source = source(spec);
        apply_readings(&mut source);
        let value = &source.value;
        let log = &value["paths"]["/jobs/{id}/log"]["get"];
        assert_eq!(
            log["parameters"][0],
            yaml("{name: id, in: path, required: true, schema: {type: string}}")
        );
        assert_eq!(
            log["responses"]["401"],
            yaml("{description: Not signed in.}")
        );
        assert_eq!(
            log["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            yaml("'#/components/schemas/Log Line'")
        );
        assert_eq!(
            value["components"]["schemas"]["Percent"]["$ref"],
            yaml("'#/components/schemas/100%25'")
        );

        // And the checks, which follow every `$ref`, find nothing to refuse.
        let (document, _) = checked(spec).unwrap();
        assert_eq!(crate::spec::walk::operations(&document.api).count(), 2);
    }

    /// swaggerhub's responses name `#/components/schemas/BadRequest`,
    /// beside the response `BadRequest`.
    const SECTIONS: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    post:
      operationId: postA
      requestBody:
        $ref: '#/components/schemas/Note'
      responses:
        '200':
          $ref: '#/components/schemas/Note'
        '400':
          $ref: '#/components/schemas/BadRequest'
components:
  schemas:
    Note:
      description: A note.
      type: object
    BadRequest:
      description: Bad request
  responses:
    BadRequest:
      description: Bad request
      content:
        application/json:
          schema:
            type: object
";

    #[test]
    fn a_ref_to_another_section_of_components_is_read_in_its_own() {
        let mut source = source(SECTIONS);
        let said = located(apply_readings(&mut source), &source);
        let operation = &source.value["paths"]["/a"]["post"];
        assert_eq!(
            operation["responses"]["400"],
            yaml("{$ref: '#/components/responses/BadRequest'}")
        );
        assert_eq!(
            operation["responses"]["200"],
            yaml(
                "{description: A note., content: {application/json: {schema: {$ref: \
                 '#/components/schemas/Note'}}}}"
            )
        );
        assert_eq!(
            operation["requestBody"],
            yaml("{content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}")
        );
        let at: Vec<(usize, &str)> = said
            .iter()
            .map(|w| (w.location.map_or(0, |l| l.line), w.pointer.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (10, "/paths/~1a/post/requestBody/$ref"),
                (13, "/paths/~1a/post/responses/200/$ref"),
                (15, "/paths/~1a/post/responses/400/$ref"),
            ]
        );
        assert!(
            said[2]
                .message
                .contains("read as the response of that name, `#/components/responses/BadRequest`"),
            "{said:?}"
        );
    }

    #[test]
    fn the_document_read_so_passes_the_checks() {
        let (document, warnings) = checked(SPEC).unwrap();
        assert_eq!(crate::spec::walk::operations(&document.api).count(), 2);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("resolves to nothing"))
        );
    }
}
