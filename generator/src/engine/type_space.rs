//! What progenitor's run is refused for after typify has converted every
//! schema, read from typify's type space rather than from an error: two
//! types of one name, which would not compile, and a type no value has,
//! which would compile but never decode.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;
use typify::{TypeDetails, TypeEnumVariant, TypeId, TypeSpace};

/// The start of the refusal of a document in which typify gives two types
/// one name, which the [`Ladder`](super::Ladder) steps down as it does
/// progenitor's own.
pub(crate) const NAMED_TWICE: &str = "typify names two different types";

/// The start of the refusal of a document in which typify reads a schema as
/// a type no value has: an enum without variants, what typify makes of
/// constraints that contradict each other (`additionalProperties: false`
/// beside `anyOf` branches that have members; a member `boolean` in a
/// branch and `string` by its sibling `additionalProperties`). The crate
/// would compile, but no body holding such a value would decode; the
/// ladder steps the schema down to any JSON value instead.
pub(crate) const NO_VALUE: &str = "its constraints contradict each other";

/// Whether progenitor's message `why` is one of the refusals found only
/// once every component is converted: the component typify converted last
/// is not the one to blame.
pub(crate) fn after_conversion(why: &str) -> bool {
    why.contains(NAMED_TWICE) || why.contains(NO_VALUE)
}

/// The refusal of `types`, converted from `api`, when it gives a name twice
/// or has a type without values; `None` when neither.
pub(crate) fn refusal(types: &TypeSpace, api: &OpenAPI) -> Option<progenitor::Error> {
    let named_twice = named_twice(types.iter_types().map(|ty| ty.name()));
    if let Some(name) = named_twice.first() {
        let more = match named_twice.len() {
            1 => String::new(),
            n => format!(" ({} more names are given twice)", n - 1),
        };
        return Some(progenitor::Error::InternalError(format!(
            "{NAMED_TWICE} `{name}`, and the crate would not compile{more}"
        )));
    }
    let name = without_value(types).into_iter().next()?;
    let owner = match owning_component(types, api, &name) {
        Some(component) => format!(" in component `{component}`"),
        None => String::new(),
    };
    Some(progenitor::Error::InternalError(format!(
        "{NO_VALUE}: typify's type `{name}`{owner} has no value, and no body holding one would \
         decode"
    )))
}

/// The component a [`NO_VALUE`] refusal names as the one holding the type,
/// when it names one.
pub(crate) fn owner(why: &str) -> Option<String> {
    let (_, after) = why.split_once("` in component `")?;
    let (component, _) = after.split_once('`')?;
    Some(component.to_owned())
}

/// The type names typify gave to more than one type, in order: it does not
/// make inline types' names unique against each other or the components',
/// and the crate would define both.
fn named_twice(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut twice: Vec<String> = names
        .filter(|name| name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .filter(|name| !seen.insert(name.clone()))
        .collect();
    twice.sort();
    twice.dedup();
    twice
}

/// The names of the enums without variants, in order.
fn without_value(types: &TypeSpace) -> Vec<String> {
    let mut names: Vec<String> = types
        .iter_types()
        .filter(|ty| {
            matches!(ty.details(), TypeDetails::Enum(details)
                if details.variants().next().is_none())
        })
        .map(|ty| ty.name())
        .collect();
    names.sort();
    names
}

/// The component nearest above the type `name`, going up from each type to
/// those that hold it: typify names a component's type after it, and an
/// inline one after where it met it, which need not begin with the
/// component's name (a merged `allOf` branch). Names are compared without
/// case or separators, as typify writes them.
fn owning_component(types: &TypeSpace, api: &OpenAPI, name: &str) -> Option<String> {
    let components: BTreeMap<String, &String> = api
        .components
        .as_ref()?
        .schemas
        .keys()
        .map(|component| (squashed(component), component))
        .collect();
    let mut holders: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ty in types.iter_types() {
        let mut held = Vec::new();
        for id in children(&ty.details()) {
            named_within(types, &id, &mut held);
        }
        for child in held {
            holders.entry(child).or_default().push(ty.name());
        }
    }
    let mut seen = BTreeSet::new();
    let mut level = vec![name.to_owned()];
    while !level.is_empty() {
        let mut found: Vec<&String> = level
            .iter()
            .filter_map(|name| components.get(&squashed(name)).copied())
            .collect();
        found.sort();
        if let Some(component) = found.first() {
            return Some((*component).clone());
        }
        level = level
            .iter()
            .filter(|name| seen.insert((*name).clone()))
            .flat_map(|name| holders.get(name).into_iter().flatten().cloned())
            .collect();
    }
    None
}

/// The types a type's definition refers to directly.
fn children(details: &TypeDetails<'_>) -> Vec<TypeId> {
    match details {
        TypeDetails::Enum(details) => details
            .variants()
            .flat_map(|(_, variant)| match variant {
                TypeEnumVariant::Simple => Vec::new(),
                TypeEnumVariant::Tuple(ids) => ids,
                TypeEnumVariant::Struct(members) => members.into_iter().map(|(_, id)| id).collect(),
            })
            .collect(),
        TypeDetails::Struct(details) => details.properties().map(|(_, id)| id).collect(),
        TypeDetails::Newtype(details) => vec![details.inner()],
        _ => Vec::new(),
    }
}

/// Adds the names of the named types (enums, structs, newtypes) that `id`
/// is or wraps: an `Option`, a list, a map or a box of one.
fn named_within(types: &TypeSpace, id: &TypeId, found: &mut Vec<String>) {
    let Ok(ty) = types.get_type(id) else {
        return;
    };
    match ty.details() {
        TypeDetails::Enum(_) | TypeDetails::Struct(_) | TypeDetails::Newtype(_) => {
            found.push(ty.name());
        }
        TypeDetails::Option(id)
        | TypeDetails::Vec(id)
        | TypeDetails::Set(id)
        | TypeDetails::Box(id)
        | TypeDetails::Array(id, _) => named_within(types, &id, found),
        TypeDetails::Map(key, value) => {
            named_within(types, &key, found);
            named_within(types, &value, found);
        }
        TypeDetails::Tuple(ids) => {
            for id in ids {
                named_within(types, &id, found);
            }
        }
        TypeDetails::Builtin(_) | TypeDetails::Unit | TypeDetails::String => {}
    }
}

/// `name` lowercased, with only its letters and digits.
fn squashed(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_given_twice_are_found_once_each() {
        let names = [
            "File",
            "Option<File>",
            "Folder",
            "File",
            "Vec<File>",
            "Folder",
            "File",
        ];
        let twice = named_twice(names.into_iter().map(str::to_owned));
        assert_eq!(twice, ["File", "Folder"]);
        assert!(named_twice(["A", "B"].into_iter().map(str::to_owned)).is_empty());
    }

    #[test]
    fn the_owner_of_a_type_without_values_is_read_back_from_the_refusal() {
        let why = format!("{NO_VALUE}: typify's type `ClauseVariant0` in component `Clause` has …");
        assert_eq!(owner(&why).as_deref(), Some("Clause"));
        assert_eq!(
            owner(&format!("{NO_VALUE}: typify's type `Body` has …")),
            None
        );
    }
}
