//! The ladder: when progenitor refuses the document, what it refuses is
//! found and stepped down, and generation goes on without it. One construct
//! never throws the whole spec away.
//!
//! A round begins with a refusal of one of progenitor's runs ([`Run`]) and
//! ends with one substitution in the document, made before both runs go
//! again ([`untype`](super::untype)), so that the client's run and the
//! mocks' always see the same document:
//!
//! - when the component schemas alone fail, the one typify was converting
//!   (its log names it; else the fewest found by halving) becomes any JSON
//!   value: only the properties of it that fail, when untyping them is
//!   enough, else the whole component, under its own name;
//! - else every operation that fails alone is found by halving the
//!   operations, and each gets the first step that lets it generate, tried
//!   on it alone with only the components it refers to: its body, then each
//!   parameter, then each response untyped (any JSON value first, then
//!   bytes or text), then several parts at once, then the operation left
//!   out;
//! - operations that fail only together are cut down to the shortest run
//!   of them that fails, and its last one is stepped down beside the
//!   others.
//!
//! Every step says so in a located warning and in the [`Degradation`] the
//! crate carries. An operation or a component refused again after a step
//! down goes straight to the last step, so every round makes progress; and
//! the rounds are bounded ([`MAX_ROUNDS`]).
//!
//! Some constructs progenitor cannot send are known before it runs, and are
//! stepped down at once ([`Ladder::new`]): a query parameter in `style:
//! pipeDelimited` or `spaceDelimited` that is not a list of scalars (text
//! the caller writes; `spec::requests` types the lists of scalars), a
//! `deepObject` one that is not an object of listed scalars, a cookie
//! parameter (optional ones left out, an operation that requires one left
//! out).

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Parameter, QueryStyle, ReferenceOr};
use serde_json::Value;

use super::type_space::{self, NO_VALUE, after_conversion};
use super::untype::{self, At, Substitution};
use super::{Refusal, Run, check, converts, guard};
use crate::degradation::{self, Degradation, Degraded, Part, Unit};
use crate::error::{Error, Result};
use crate::spec::requests::RawBody;
use crate::spec::walk::{self, component_name};
use crate::spec::{Diagnostic, Document, escape};

/// How many rounds the ladder makes before it gives up on a spec. A round
/// steps down one component, or every operation that fails alone; a spec
/// that needs more than this many is refused with the last refusal, located.
pub(crate) const MAX_ROUNDS: usize = 200;

/// The ladder's state over the rounds of one generation.
pub(crate) struct Ladder {
    degradation: Degradation,
    warnings: Vec<Diagnostic>,
    rounds: usize,
    /// The operations stepped down so far: refused again, one is left out.
    stepped: BTreeSet<At>,
    /// The components stepped down so far, and whether whole.
    components: BTreeMap<String, bool>,
}

impl Ladder {
    /// Counts the operations and component schemas of `document` (as
    /// normalized), and steps down at once the parameters progenitor is
    /// known not to send.
    pub fn new(document: &mut Document) -> Ladder {
        // The operations the front end left out are the spec's too.
        let degraded = document.stepped_down.clone();
        let left_out = degraded
            .iter()
            .filter(|d| matches!(d.unit, Unit::LeftOut { .. }))
            .count();
        let operations = walk::operations(&document.api).count() + left_out;
        let schemas = document
            .api
            .components
            .as_ref()
            .map_or(0, |components| components.schemas.len());
        let mut ladder = Ladder {
            degradation: Degradation {
                operations,
                schemas,
                degraded,
            },
            warnings: Vec::new(),
            rounds: 0,
            stepped: BTreeSet::new(),
            components: BTreeMap::new(),
        };
        ladder.unsendable_parameters(document);
        ladder.composition_cycles(document);
        ladder
    }

    /// What has been stepped down so far.
    pub fn degradation(&self) -> &Degradation {
        &self.degradation
    }

    /// What was stepped down, and a warning for each step.
    pub fn finish(self) -> (Degradation, Vec<Diagnostic>) {
        (self.degradation, self.warnings)
    }

    /// Finds what progenitor refused in `document` and steps it down, for
    /// the next attempt; fails when nothing can be found to step down, or
    /// after [`MAX_ROUNDS`].
    pub fn descend(&mut self, document: &mut Document, refusal: Refusal) -> Result<()> {
        self.rounds += 1;
        let run = refusal.run;
        if self.rounds > MAX_ROUNDS {
            return Err(too_many_rounds(document, &refusal.why));
        }
        // Every run reads every component schema: when they fail alone,
        // every operation fails too, so they are looked at first, one after
        // the other until they generate (each look cheaper than a whole
        // attempt).
        let mut stepped_components = false;
        loop {
            let no_paths = guard::only(&document.api, &[]);
            let (schemas_fail, component, why) = failing_component(run, &no_paths);
            if !schemas_fail {
                break;
            }
            let why = why.unwrap_or_else(|| refusal.why.clone());
            if stepped_components {
                self.rounds += 1;
                if self.rounds > MAX_ROUNDS {
                    return Err(too_many_rounds(document, &why));
                }
            }
            match component {
                Some(name) if self.components.get(&name) != Some(&true) => {
                    self.untype_component(document, run, &name, &why);
                }
                _ => self.untype_some_component(document, run, &why)?,
            }
            stepped_components = true;
        }
        if stepped_components {
            return Ok(());
        }

        let fails = |api: &OpenAPI| check(run, api).is_err();
        let candidates = guard::operations(&document.api);
        let culprits = guard::culprits(&document.api, &candidates, &fails);
        if !culprits.is_empty() {
            for at in &culprits {
                self.step_down(document, at, &[]);
            }
            return Ok(());
        }
        match guard::first_failing_prefix(&document.api, &candidates, &fails) {
            Some(count) if count > 0 => {
                let (others, at) = candidates[..count].split_at(count - 1);
                self.step_down(document, &at[0], others);
                Ok(())
            }
            _ => Err(gave_up(
                document,
                "",
                format!(
                    "while generating the operations together (each alone generates): {}",
                    reason(&refusal.why)
                ),
            )),
        }
    }

    /// Steps down the component `name`, which typify fails on: the fewest of
    /// its properties whose untyping lets it generate, else all of it.
    fn untype_component(&mut self, document: &mut Document, run: Run, name: &str, why: &str) {
        let reason = reason(why);
        let stepped_before = self.components.contains_key(name);
        let mut base = reduced(&document.api, &[], &[name.to_owned()]);
        if failing_component(run, &base).1.as_deref() != Some(name) {
            // It fails only beside others: they all stay.
            base = guard::only(&document.api, &[]);
        }
        // The trial passes when typify gets past this component: the base
        // may hold others it fails on after it, which later rounds take.
        let passes = |substitutions: &[Substitution]| {
            let mut trial = base.clone();
            for substitution in substitutions {
                substitution.apply(&mut trial, &reason);
            }
            match failing_component(run, &trial) {
                (false, _, _) => true,
                (true, Some(failing), _) => failing != name,
                (true, None, _) => false,
            }
        };
        let properties = property_substitutions(&document.api, name);
        let found = if !stepped_before && !properties.is_empty() && passes(&properties) {
            narrow(properties, &passes)
        } else {
            vec![Substitution::Component(name.to_owned())]
        };
        for substitution in found {
            self.record(document, substitution, &reason);
        }
    }

    /// Steps down the components when typify fails without naming the one
    /// it was converting: the fewest of them whose untyping lets the rest
    /// generate, found by halving.
    fn untype_some_component(
        &mut self,
        document: &mut Document,
        run: Run,
        why: &str,
    ) -> Result<()> {
        let reason = reason(why);
        let base = guard::only(&document.api, &[]);
        let candidates: Vec<Substitution> = base
            .components
            .iter()
            .flat_map(|components| components.schemas.keys())
            .filter(|name| self.components.get(*name) != Some(&true))
            .map(|name| Substitution::Component(name.clone()))
            .collect();
        let passes = |substitutions: &[Substitution]| {
            let mut trial = base.clone();
            for substitution in substitutions {
                substitution.apply(&mut trial, &reason);
            }
            // A trial that typify cannot convert is told without the
            // client's tokens: most trials of a search by halving fail.
            let converts = run == Run::Mocks || converts(&trial).is_ok();
            converts && check(run, &trial).is_ok()
        };
        if candidates.is_empty() || !passes(&candidates) {
            return Err(gave_up(
                document,
                "/components/schemas",
                format!("while generating the schemas of `components.schemas`: {reason}"),
            ));
        }
        // Each component found is then narrowed to the fewest of its
        // properties, beside the others whole, as when typify names it.
        let found = narrow(candidates, &passes);
        for (index, substitution) in found.iter().enumerate() {
            let properties = match substitution {
                Substitution::Component(name) if !self.components.contains_key(name) => {
                    property_substitutions(&document.api, name)
                }
                _ => Vec::new(),
            };
            let others: Vec<Substitution> = found
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, other)| other.clone())
                .collect();
            let steps = if !properties.is_empty() && passes(&[&others[..], &properties].concat()) {
                narrow_beside(properties, &others, &passes)
            } else {
                vec![substitution.clone()]
            };
            for step in steps {
                self.record(document, step, &reason);
            }
        }
        Ok(())
    }

    /// Steps down the operation at `at`, which fails alone (or beside
    /// `others`): the first step of one of its parts that lets it
    /// generate, else the fewest parts at their last step, else the
    /// operation left out. It is tried with both runs, on a document of it
    /// alone (and `others`) with only the components it refers to.
    fn step_down(&mut self, document: &mut Document, at: &At, others: &[At]) {
        let api = &document.api;
        let both = |trial: &OpenAPI| check(Run::Api, trial).and_then(|()| check(Run::Mocks, trial));
        let mut operations = others.to_vec();
        operations.push(at.clone());
        let mut base = reduced(api, &operations, &[]);
        let mut why = both(&base).err();
        if why.is_none() {
            base = guard::only(api, &operations);
            why = both(&base).err();
        }
        let why = why.unwrap_or_else(|| "it fails beside the other operations".to_owned());
        let reason = reason(&why);
        if !self.stepped.insert(at.clone()) {
            self.record(document, Substitution::LeftOut(at.clone()), &reason);
            return;
        }
        let passes = |substitutions: &[Substitution]| {
            let mut trial = base.clone();
            for substitution in substitutions {
                substitution.apply(&mut trial, &reason);
            }
            both(&trial).is_ok()
        };
        let part = |part: &Part| Substitution::Part {
            at: at.clone(),
            part: part.clone(),
        };
        let parts = untype::parts(api, at);
        for steps in &parts {
            for step in steps {
                let substitution = part(step);
                if passes(std::slice::from_ref(&substitution)) {
                    self.record(document, substitution, &reason);
                    return;
                }
            }
        }
        let last_steps: Vec<Substitution> = parts
            .iter()
            .filter_map(|steps| steps.last())
            .map(part)
            .collect();
        if last_steps.len() > 1 && passes(&last_steps) {
            for substitution in narrow(last_steps, &passes) {
                self.record(document, substitution, &reason);
            }
            return;
        }
        self.record(document, Substitution::LeftOut(at.clone()), &reason);
    }

    /// Steps down at once what progenitor is known not to send: query
    /// parameters in a style other than `form` (progenitor refuses them),
    /// and cookie parameters.
    fn unsendable_parameters(&mut self, document: &mut Document) {
        let mut found: Vec<(Substitution, String)> = Vec::new();
        for (path, item) in &document.api.paths.paths {
            let Some(item) = item.as_item() else {
                continue;
            };
            for (method, operation) in walk::item_operations(item) {
                let at = At {
                    path: path.clone(),
                    method,
                };
                let mut left_out = false;
                for parameter in untype::parameters(&document.api, item, operation) {
                    let data = parameter.parameter_data_ref();
                    let name = data.name.clone();
                    let why = match &parameter {
                        Parameter::Query {
                            style: style @ (QueryStyle::PipeDelimited | QueryStyle::SpaceDelimited),
                            ..
                        } => {
                            let (style, separator) = match style {
                                QueryStyle::PipeDelimited => ("pipeDelimited", "`|`"),
                                _ => ("spaceDelimited", "a space"),
                            };
                            let why = format!(
                                "progenitor sends query parameters only in `style: form`, not \
                                 `{style}`: the caller joins the items with {separator}"
                            );
                            let part = Part::ParameterAsText(name);
                            found.push((
                                Substitution::Part {
                                    at: at.clone(),
                                    part,
                                },
                                why,
                            ));
                            continue;
                        }
                        Parameter::Query {
                            style: QueryStyle::DeepObject,
                            ..
                        } => {
                            "progenitor cannot send a `style: deepObject` query parameter that \
                              is not an object of listed scalar properties"
                        }
                        Parameter::Cookie { .. } => "progenitor does not send cookie parameters",
                        _ => continue,
                    };
                    if !data.required {
                        let part = Part::ParameterLeftOut(name);
                        found.push((
                            Substitution::Part {
                                at: at.clone(),
                                part,
                            },
                            why.to_owned(),
                        ));
                    } else if !left_out {
                        // One required parameter it cannot send is enough.
                        left_out = true;
                        let why = format!("its required parameter `{name}`: {why}");
                        found.push((Substitution::LeftOut(at.clone()), why));
                    }
                }
            }
        }
        for (substitution, why) in found {
            self.record(document, substitution, &why);
        }
    }

    /// Steps down at once one component of each cycle of `allOf`, `oneOf`
    /// and `anyOf` through `$ref`s, as when a parent lists its children in
    /// `oneOf` and each child's `allOf` names the parent: typify merges
    /// such schemas into each other without end, and the stack overflow
    /// that ends it aborts the process, which no guard can catch. The one
    /// untyped is the cycle's parent (the one with `oneOf` or `anyOf`),
    /// so that its children keep their types.
    fn composition_cycles(&mut self, document: &mut Document) {
        let Some(components) = document.api.components.as_ref() else {
            return;
        };
        let mut graph: BTreeMap<String, (bool, BTreeSet<String>)> = BTreeMap::new();
        for (name, schema) in &components.schemas {
            let Some(schema) = schema.as_item() else {
                continue;
            };
            let schema = serde_json::to_value(schema).unwrap_or_default();
            let mut members = Vec::new();
            composed(&schema, &mut members);
            let parent = ["oneOf", "anyOf"]
                .iter()
                .any(|keyword| schema.get(keyword).is_some());
            graph.insert(name.clone(), (parent, members.into_iter().collect()));
        }
        let reason = "its `allOf`, `oneOf` or `anyOf` lead back to it through `$ref`s, \
                      which typify would merge without end";
        // Each round breaks one cycle; an untyped component has no members.
        while let Some(cycle) = first_cycle(&graph) {
            let untyped = cycle
                .iter()
                .find(|name| graph[*name].0)
                .unwrap_or(&cycle[0])
                .clone();
            if let Some((_, members)) = graph.get_mut(&untyped) {
                members.clear();
            }
            let why = format!("{reason} ({})", cycle.join(" → "));
            self.record(document, Substitution::Component(untyped), &why);
        }
    }

    /// Makes `substitution` in `document` (and in what the client sends
    /// itself), and says so.
    fn record(&mut self, document: &mut Document, substitution: Substitution, reason: &str) {
        let operation_of = |at: &At| -> degradation::Operation {
            let operation_id = untype::operation(&document.api, at)
                .and_then(|(_, operation)| operation.operation_id.clone())
                .unwrap_or_default();
            degradation::Operation {
                method: at.method.to_uppercase(),
                path: at.path.clone(),
                operation_id,
            }
        };
        let (unit, pointer, message) = match &substitution {
            Substitution::Component(name) => {
                self.components.insert(name.clone(), true);
                (
                    Unit::Schema {
                        name: name.clone(),
                        property: None,
                    },
                    format!("/components/schemas/{}", escape(name)),
                    format!(
                        "typify cannot type component `{name}` ({reason}): it is any JSON value, \
                         a newtype of `serde_json::Value` under its own name"
                    ),
                )
            }
            Substitution::Property {
                component,
                property,
            } => {
                self.components.entry(component.clone()).or_insert(false);
                (
                    Unit::Schema {
                        name: component.clone(),
                        property: Some(property.clone()),
                    },
                    format!(
                        "/components/schemas/{}/properties/{}",
                        escape(component),
                        escape(property)
                    ),
                    format!(
                        "typify cannot type property `{property}` of component `{component}` \
                         ({reason}): the field is any JSON value (`serde_json::Value`); the rest \
                         of `{component}` is typed"
                    ),
                )
            }
            Substitution::Part { at, part } => {
                let operation = operation_of(at);
                let pointer = match part {
                    Part::BodyAsJson | Part::BodyAsBytes => format!("{}/requestBody", at.pointer()),
                    Part::ResponseAsJson(status) | Part::ResponseAsBytes(status) => {
                        format!("{}/responses/{}", at.pointer(), escape(status))
                    }
                    Part::ParameterAsText(name) | Part::ParameterLeftOut(name) => {
                        parameter_pointer(&document.api, at, name)
                    }
                };
                let message = format!("{operation}: {part} ({reason}); the rest of it is typed");
                Self::requests_for_part(document, at, &operation.operation_id, part);
                (
                    Unit::Part {
                        operation,
                        part: part.clone(),
                    },
                    pointer,
                    message,
                )
            }
            Substitution::LeftOut(at) => {
                let operation = operation_of(at);
                let id = &operation.operation_id;
                document.requests.bodies.remove(id);
                document.requests.written_parameters.remove(id);
                let message = format!(
                    "{operation} is left out of the client ({reason}); the crate's docs list it"
                );
                (Unit::LeftOut { operation }, at.pointer(), message)
            }
        };
        substitution.apply(&mut document.api, reason);
        self.warnings.push(Diagnostic {
            path: document.path.clone(),
            location: None,
            pointer: pointer.clone(),
            message,
        });
        self.degradation.degraded.push(Degraded {
            unit,
            pointer,
            reason: reason.to_owned(),
        });
    }

    /// What the client sends itself changes with a part untyped: a body as
    /// bytes is one it takes; a parameter as text or left out is no longer
    /// one whose text it writes. Called before the part is untyped.
    fn requests_for_part(document: &mut Document, at: &At, operation_id: &str, part: &Part) {
        match part {
            Part::BodyAsBytes => {
                let media_type = untype::operation(&document.api, at)
                    .and_then(|(_, operation)| operation.request_body.as_ref())
                    .and_then(|body| walk::resolve(&document.api, body).ok())
                    .and_then(|body| body.content.keys().next().cloned())
                    .unwrap_or_else(|| "application/octet-stream".to_owned());
                document
                    .requests
                    .bodies
                    .insert(operation_id.to_owned(), RawBody::Bytes { media_type });
            }
            Part::ParameterAsText(name) | Part::ParameterLeftOut(name) => {
                let written = &mut document.requests.written_parameters;
                if let Some(parameters) = written.get_mut(operation_id) {
                    parameters.retain(|parameter| parameter.name != *name);
                    if parameters.is_empty() {
                        written.remove(operation_id);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The JSON pointer to where the operation at `at` declares its parameter
/// `name`: in its own list, else in its path item's; the operation's when
/// neither does.
fn parameter_pointer(api: &OpenAPI, at: &At, name: &str) -> String {
    let named = |list: &[ReferenceOr<Parameter>]| {
        list.iter().position(|parameter| {
            walk::resolve(api, parameter).is_ok_and(|p| p.parameter_data_ref().name == name)
        })
    };
    let Some((item, operation)) = untype::operation(api, at) else {
        return at.pointer();
    };
    if let Some(index) = named(&operation.parameters) {
        return format!("{}/parameters/{index}", at.pointer());
    }
    match named(&item.parameters) {
        Some(index) => format!("/paths/{}/parameters/{index}", escape(&at.path)),
        None => at.pointer(),
    }
}

/// One substitution for each property the component `name` lists itself,
/// each untyping that property alone.
fn property_substitutions(api: &OpenAPI, name: &str) -> Vec<Substitution> {
    api.components
        .as_ref()
        .and_then(|components| components.schemas.get(name))
        .and_then(ReferenceOr::as_item)
        .map(untype::property_names)
        .unwrap_or_default()
        .into_iter()
        .map(|property| Substitution::Property {
            component: name.to_owned(),
            property,
        })
        .collect()
}

/// The fewest of `substitutions` that still let the trial pass, given that
/// all of them do: halved while one half does; when both halves are
/// needed, each is narrowed with the other in place.
fn narrow(
    substitutions: Vec<Substitution>,
    passes: &impl Fn(&[Substitution]) -> bool,
) -> Vec<Substitution> {
    narrow_beside(substitutions, &[], passes)
}

/// [`narrow`], with `fixed` made in every trial.
fn narrow_beside(
    substitutions: Vec<Substitution>,
    fixed: &[Substitution],
    passes: &impl Fn(&[Substitution]) -> bool,
) -> Vec<Substitution> {
    if substitutions.len() <= 1 {
        return substitutions;
    }
    let with = |part: &[Substitution], more: &[Substitution]| -> Vec<Substitution> {
        fixed.iter().chain(part).chain(more).cloned().collect()
    };
    let (first, second) = substitutions.split_at(substitutions.len() / 2);
    if passes(&with(first, &[])) {
        return narrow_beside(first.to_vec(), fixed, passes);
    }
    if passes(&with(second, &[])) {
        return narrow_beside(second.to_vec(), fixed, passes);
    }
    let first = narrow_beside(first.to_vec(), &with(second, &[]), passes);
    let second = narrow_beside(second.to_vec(), &with(&first, &[]), passes);
    first.into_iter().chain(second).collect()
}

/// `api` with only `operations` among its paths and only the component
/// schemas they, the other components and `schemas` refer to, directly or
/// not: a trial of a few constructs that does not convert every schema of a
/// large spec.
fn reduced(api: &OpenAPI, operations: &[At], schemas: &[String]) -> OpenAPI {
    let mut reduced = guard::only(api, operations);
    let Some(components) = reduced.components.as_mut() else {
        return reduced;
    };
    let mut roots = Vec::new();
    let paths = serde_json::to_value(&reduced.paths).unwrap_or_default();
    references(&paths, &mut roots);
    let others = serde_json::to_value((
        &components.parameters,
        &components.request_bodies,
        &components.responses,
        &components.headers,
    ))
    .unwrap_or_default();
    references(&others, &mut roots);
    roots.extend(schemas.iter().cloned());
    let mut kept = BTreeSet::new();
    while let Some(name) = roots.pop() {
        if !kept.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get(&name) {
            let schema = serde_json::to_value(schema).unwrap_or_default();
            references(&schema, &mut roots);
        }
    }
    components.schemas.retain(|name, _| kept.contains(name));
    reduced
}

/// Adds the component schemas `value` refers to.
fn references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match (key.as_str(), member) {
                    ("$ref", Value::String(reference)) => {
                        if let Some(name) = component_name::<openapiv3::Schema>(reference) {
                            found.push(name.to_owned());
                        }
                    }
                    _ => references(member, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}

/// Adds the component schemas that `schema`'s `allOf`, `oneOf` and
/// `anyOf` name, in inline members too: the ones typify merges it with.
fn composed(schema: &Value, found: &mut Vec<String>) {
    for keyword in ["allOf", "oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get(keyword) else {
            continue;
        };
        for member in members {
            match member.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    if let Some(name) = component_name::<openapiv3::Schema>(reference) {
                        found.push(name.to_owned());
                    }
                }
                None => composed(member, found),
            }
        }
    }
}

/// The first cycle of `graph` (each component's composed members), in
/// order from the component it was found at, with that component again at
/// its end; `None` when there is none.
fn first_cycle(graph: &BTreeMap<String, (bool, BTreeSet<String>)>) -> Option<Vec<String>> {
    // 0: not seen; 1: on the current path; 2: done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for start in graph.keys() {
        if state.contains_key(start.as_str()) {
            continue;
        }
        // A path of components, each with the members still to look at.
        let mut path: Vec<(&str, Vec<&str>)> = Vec::new();
        let members = |name: &str| -> Vec<&str> {
            graph
                .get(name)
                .map(|(_, members)| members.iter().map(String::as_str).rev().collect())
                .unwrap_or_default()
        };
        state.insert(start, 1);
        path.push((start, members(start)));
        while let Some((_, next)) = path.last_mut() {
            match next.pop() {
                Some(member) if !graph.contains_key(member) => {}
                Some(member) => match state.get(member) {
                    Some(1) => {
                        let from = path.iter().position(|(name, _)| *name == member)?;
                        let mut cycle: Vec<String> = path[from..]
                            .iter()
                            .map(|(name, _)| (*name).to_owned())
                            .collect();
                        cycle.push(member.to_owned());
                        return Some(cycle);
                    }
                    Some(_) => {}
                    None => {
                        state.insert(member, 1);
                        path.push((member, members(member)));
                    }
                },
                None => {
                    let (done, _) = path.pop()?;
                    state.insert(done, 2);
                }
            }
        }
    }
    None
}

/// Whether `run` fails on the component schemas of `api`, the component
/// typify was converting when it did (when its log says), and its message.
fn failing_component(run: Run, api: &OpenAPI) -> (bool, Option<String>, Option<String>) {
    // With no operations, typify converts the components alone, in order.
    let last = api
        .components
        .as_ref()
        .filter(|_| api.paths.paths.is_empty())
        .and_then(|components| components.schemas.keys().last());
    let (why, component) = guard::converting(last.map(String::as_str), || check(run, api));
    // These are found once every component is converted: the last one is
    // not the one to blame. A type without values is in the component the
    // refusal names, when it names one.
    let component = match why.as_deref() {
        Some(why) if why.contains(NO_VALUE) => type_space::owner(why),
        Some(why) if after_conversion(why) => None,
        _ => component,
    };
    (why.is_some(), component, why)
}

/// The error of a spec that needs more than [`MAX_ROUNDS`] steps down.
fn too_many_rounds(document: &Document, why: &str) -> Error {
    gave_up(
        document,
        "",
        format!(
            "progenitor still refuses the spec after {MAX_ROUNDS} rounds of stepping down what it \
             refuses: {}",
            reason(why)
        ),
    )
}

/// progenitor's message in short, for a warning and the crate's docs: its
/// first line, with what it means when it is one of its assertions.
fn reason(why: &str) -> String {
    guard::explain(&degradation::short(why))
}

/// The error of a spec the ladder could not step down far enough.
fn gave_up(document: &Document, pointer: &str, message: String) -> Error {
    if pointer.is_empty() {
        return Error::Generate {
            path: document.path.clone(),
            message,
        };
    }
    Error::at(&document.path, &document.positions, pointer, message)
}

#[cfg(test)]
mod tests {
    use crate::degradation::{Part, Unit};

    /// Generates the crate of the spec `yaml`, through every stage.
    fn generate(name: &str, yaml: &str) -> crate::CrateFiles {
        let dir =
            std::env::temp_dir().join(format!("generator-ladder-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        std::fs::write(&path, yaml).unwrap();
        let files = crate::generate(&crate::Settings::new(&path, "spec.yaml"))
            .expect("the ladder lets the spec generate")
            .files;
        std::fs::remove_dir_all(&dir).unwrap();
        files
    }

    /// The schemas the ladder untyped, each with its property when only
    /// that is untyped.
    fn untyped_schemas(degradation: &crate::degradation::Degradation) -> Vec<(&str, Option<&str>)> {
        degradation
            .degraded
            .iter()
            .filter_map(|d| match &d.unit {
                Unit::Schema { name, property } => Some((name.as_str(), property.as_deref())),
                _ => None,
            })
            .collect()
    }

    fn file<'a>(files: &'a crate::CrateFiles, path: &str) -> &'a str {
        files
            .iter()
            .find(|(p, _)| *p == std::path::Path::new(path))
            .map(|(_, text)| text)
            .unwrap()
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Ladder, version: '1'}\n";

    #[test]
    fn a_parent_whose_children_compose_it_is_untyped_and_the_children_keep_their_types() {
        // Without the step down, typify merges Key and Rsa into each other
        // until the stack overflows and the process aborts.
        let files = generate(
            "cycles",
            &format!(
                "{HEAD}paths:
  /keys:
    get:
      operationId: list_keys
      responses:
        '200':
          description: The keys.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Key'}}
components:
  schemas:
    Key:
      type: object
      properties:
        kid: {{type: string}}
      oneOf:
        - {{$ref: '#/components/schemas/Rsa'}}
    Rsa:
      type: object
      allOf:
        - {{$ref: '#/components/schemas/Key'}}
      properties:
        modulus: {{type: string}}
"
            ),
        );
        let degradation = files.degradation();
        assert_eq!(
            degradation.to_string(),
            "typed: 1 of 1 operations fully typed, 0 left out; 1 of 2 schemas untyped"
        );
        let api = file(&files, "src/api.rs");
        assert!(
            api.contains("pub struct Key(pub ::serde_json::Value);"),
            "{api}"
        );
        assert!(api.contains("pub modulus: "), "{api}");
        let warnings: Vec<String> = files.warnings().iter().map(ToString::to_string).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("/components/schemas/Key: ") && w.contains("Key → Rsa → Key")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_property_typify_cannot_read_is_untyped_alone_and_a_whole_component_keeps_its_name() {
        let files = generate(
            "components",
            &format!(
                "{HEAD}paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {{type: string}}
        odd: {{not: {{type: string}}}}
        shape: {{$ref: '#/components/schemas/Shape'}}
    Shape:
      description: Not a string.
      not: {{type: string}}
"
            ),
        );
        let degradation = files.degradation();
        let untyped = untyped_schemas(degradation);
        assert_eq!(untyped, [("Pet", Some("odd")), ("Shape", None)]);
        assert_eq!(
            degradation.to_string(),
            "typed: 1 of 1 operations fully typed, 0 left out; 2 of 2 schemas untyped"
        );
        let api = file(&files, "src/api.rs");
        assert!(
            api.contains("pub odd: ::std::option::Option<::serde_json::Value>"),
            "{api}"
        );
        assert!(
            api.contains("pub name: ::std::option::Option<::std::string::String>"),
            "{api}"
        );
        assert!(
            api.contains("pub struct Shape(pub ::serde_json::Value);"),
            "{api}"
        );
        assert!(api.contains("/// Not a string."), "{api}");
        let warnings: Vec<String> = files.warnings().iter().map(ToString::to_string).collect();
        assert!(
            warnings.iter().any(|w| w.contains(
                "/components/schemas/Pet/properties/odd: typify \
                 cannot type property `odd` of component `Pet`"
            )),
            "{warnings:?}"
        );
        let lib = file(&files, "src/lib.rs");
        assert!(lib.contains("//! # What the client does not type"), "{lib}");
        assert!(lib.contains("//! - `Pet`, property `odd`: "), "{lib}");
        assert!(lib.contains("//! - `Shape`: "), "{lib}");
    }

    #[test]
    fn a_schema_no_value_can_match_is_any_json_value_and_its_neighbours_keep_their_types() {
        // Each reads as typify's enum without variants: the crate would
        // compile, and never decode a body that holds one. A member that
        // two merged components give types apart; a list whose only
        // alternative is an object (soundcloud's `subscriptions`).
        let files = generate(
            "no-value",
            &format!(
                "{HEAD}paths:
  /payments:
    post:
      operationId: pay
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - {{$ref: '#/components/schemas/Card'}}
                - {{$ref: '#/components/schemas/Numbered'}}
                - {{type: object, properties: {{amount: {{type: integer}}}}}}
      responses:
        '200':
          description: The payment.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Payment'}}
components:
  schemas:
    Payment:
      type: object
      properties:
        id: {{type: string}}
        additionalData:
          type: array
          items: {{}}
          anyOf:
            - {{type: object, properties: {{enrolled: {{type: boolean}}}}}}
        secure: {{$ref: '#/components/schemas/ThreeDs'}}
    ThreeDs:
      type: object
      properties:
        enrolled: {{type: boolean}}
    Card:
      type: object
      required: [number]
      properties:
        number: {{type: string}}
    Clause:
      allOf:
        - {{$ref: '#/components/schemas/Card'}}
        - {{$ref: '#/components/schemas/Numbered'}}
    Numbered:
      type: object
      properties:
        number: {{type: integer}}
"
            ),
        );
        let degradation = files.degradation();
        let untyped = untyped_schemas(degradation);
        assert_eq!(
            untyped,
            [("Clause", None), ("Payment", Some("additionalData"))]
        );
        assert_eq!(
            degradation.to_string(),
            "typed: 0 of 1 operations fully typed, 0 left out; 2 of 5 schemas untyped"
        );
        let api = file(&files, "src/api.rs");
        assert!(
            !api.lines()
                .any(|line| line.contains("pub enum ") && line.ends_with("{}")),
            "an enum without variants is left: {api}"
        );
        assert!(
            api.contains("pub additional_data: ::std::option::Option<::serde_json::Value>"),
            "{api}"
        );
        assert!(
            api.contains("pub id: ::std::option::Option<::std::string::String>"),
            "{api}"
        );
        assert!(
            api.contains("pub struct Clause(pub ::serde_json::Value);"),
            "{api}"
        );
        assert!(
            api.contains("pub enrolled: ::std::option::Option<bool>"),
            "{api}"
        );
        assert!(api.contains("pub number: ::std::string::String"), "{api}");
        let warnings: Vec<String> = files.warnings().iter().map(ToString::to_string).collect();
        for pointer in [
            "/components/schemas/Clause: ",
            "/components/schemas/Payment/properties/additionalData: ",
            "/paths/~1payments/post/requestBody: ",
        ] {
            assert!(
                warnings
                    .iter()
                    .any(|w| w.contains(pointer) && w.contains("its constraints contradict")),
                "{pointer}: {warnings:?}"
            );
        }
    }

    #[test]
    fn an_operation_steps_down_its_failing_part_or_is_left_out() {
        let files = generate(
            "operations",
            &format!(
                "{HEAD}paths:
  /export:
    get:
      operationId: export
      parameters:
        - {{name: fmt, in: query, required: true, schema: {{type: array, items: {{not: {{type: string}}}}}}}}
        - {{name: tags, in: query, style: pipeDelimited, schema: {{type: array, items: {{type: object}}}}}}
      responses:
        '204': {{description: Done.}}
  /logs/{{id}}:
    get:
      operationId: logs
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: integer}}}}
        - {{name: id, in: query, schema: {{type: integer}}}}
      responses:
        '204': {{description: Done.}}
  /session:
    get:
      operationId: session
      parameters:
        - {{name: sid, in: cookie, required: true, schema: {{type: string}}}}
      responses:
        '204': {{description: Done.}}
  /health:
    get:
      operationId: health
      responses:
        '204': {{description: Done.}}
"
            ),
        );
        let degradation = files.degradation();
        let steps: Vec<String> = degradation
            .degraded
            .iter()
            .map(|d| match &d.unit {
                Unit::Part { operation, part } => format!("{}: {part}", operation.operation_id),
                Unit::LeftOut { operation } => format!("{}: left out", operation.operation_id),
                Unit::Schema { name, .. } => name.clone(),
            })
            .collect();
        assert_eq!(
            steps,
            [
                // Known before progenitor runs.
                "export: parameter `tags` is text the caller writes",
                "session: left out",
                // Found by the ladder.
                "export: parameter `fmt` is text the caller writes",
                // `logs`'s path `id` beside its query `id` is renamed before
                // progenitor runs (`spec/parameter_names.rs`), and typed.
            ]
        );
        assert!(matches!(
            &degradation.degraded[0].unit,
            Unit::Part { part: Part::ParameterAsText(name), .. } if name == "tags"
        ));
        assert_eq!(
            degradation.to_string(),
            "typed: 2 of 4 operations fully typed, 1 left out; 0 of 0 schemas untyped"
        );
        let api = file(&files, "src/api.rs");
        assert!(api.contains("pub async fn export<'a>("), "{api}");
        assert!(api.contains("id_path: i64"), "{api}");
        assert!(!api.contains("pub async fn session<'a>("), "{api}");
        // The mocks were made from the same document: no mock of `session`.
        let mock = file(&files, "src/mock.rs");
        assert!(mock.contains("Export"), "{mock}");
        assert!(!mock.contains("SessionWhen"), "{mock}");
        let lib = file(&files, "src/lib.rs");
        assert!(
            lib.contains(
                "//! - `session` (`GET /session`): ``its required parameter `sid`: progenitor \
                 does not send cookie parameters``"
            ),
            "{lib}"
        );
    }
}
