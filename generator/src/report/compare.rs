//! The change report: every difference between two generated crates'
//! public items, classified by what it does to a downstream crate under
//! Cargo's SemVer rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::CrateApi;
use super::surface::{Operation, TypeItem, TypeKind, option_inner, shown_type};

/// What a change does to code written against the old crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Some downstream code that compiled stops compiling.
    Breaking,
    /// Everything still compiles, but a value decodes differently: code
    /// that looked at it may now take another branch.
    Behaviour,
    /// Nothing that compiled stops compiling, and nothing decodes
    /// differently.
    Additive,
}

/// The `CHANGELOG.md` list a change goes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Something new.
    Added,
    /// Something that is there before and after, but different.
    Changed,
    /// Something gone.
    Removed,
}

/// One change to the public API.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// How it affects downstream code.
    pub class: Class,
    /// Where the changelog lists it.
    pub section: Section,
    /// What happened, in a few words (`removed field`).
    pub what: &'static str,
    /// The Rust item, as a downstream crate names it
    /// (`types::SessionAttributes::decisioned_at`).
    pub item: String,
    /// More about it (`from Option<i64> to String`), if anything.
    pub detail: Option<String>,
    /// The JSON pointer in the spec it comes from, if it could be found.
    pub pointer: Option<String>,
}

impl Class {
    /// The word a report line starts with.
    pub fn label(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Behaviour => "behaviour",
            Class::Additive => "additive",
        }
    }
}

impl fmt::Display for Change {
    /// `breaking: removed field types::Foo::bar (/components/schemas/Foo/properties/bar)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.class.label(), self.what, self.item)?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, " ({pointer})")?;
        }
        Ok(())
    }
}

/// Every change from `old` to `new`, breaking ones first.
pub fn compare(old: &CrateApi, new: &CrateApi) -> Vec<Change> {
    let mut changes = Changes::default();
    for (name, old_type) in &old.surface.types {
        let item = format!("types::{name}");
        match new.surface.types.get(name) {
            None => changes.push(
                Class::Breaking,
                Section::Removed,
                "removed type",
                item,
                None,
                old.of_type(name),
            ),
            Some(new_type) => compare_type(&mut changes, name, old_type, new_type, old, new),
        }
    }
    for name in new.surface.types.keys() {
        if !old.surface.types.contains_key(name) {
            changes.push(
                Class::Additive,
                Section::Added,
                "added type",
                format!("types::{name}"),
                None,
                new.of_type(name),
            );
        }
    }
    for (name, old_operation) in &old.surface.operations {
        let item = format!("Client::{name}");
        match new.surface.operations.get(name) {
            None => changes.push(
                Class::Breaking,
                Section::Removed,
                "removed operation",
                item,
                None,
                old.of_operation(name),
            ),
            Some(new_operation) => compare_operation(
                &mut changes,
                name,
                (old_operation, old),
                (new_operation, new),
            ),
        }
    }
    for name in new.surface.operations.keys() {
        if !old.surface.operations.contains_key(name) {
            changes.push(
                Class::Additive,
                Section::Added,
                "added operation",
                format!("Client::{name}"),
                None,
                new.of_operation(name),
            );
        }
    }
    let mut changes = changes.0;
    changes.sort();
    changes
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(
        &mut self,
        class: Class,
        section: Section,
        what: &'static str,
        item: String,
        detail: Option<String>,
        pointer: Option<String>,
    ) {
        self.0.push(Change {
            class,
            section,
            what,
            item,
            detail,
            pointer,
        });
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct { .. } => "a struct",
        TypeKind::Tuple(_) => "a tuple struct",
        TypeKind::Enum { .. } => "an enum",
        TypeKind::Alias(_) => "a type alias",
    }
}

fn from_to(old: &str, new: &str) -> Option<String> {
    Some(format!(
        "from `{}` to `{}`",
        shown_type(old),
        shown_type(new)
    ))
}

fn compare_type(
    changes: &mut Changes,
    name: &str,
    old_type: &TypeItem,
    new_type: &TypeItem,
    old: &CrateApi,
    new: &CrateApi,
) {
    let item = format!("types::{name}");
    // Found only for a change: most types have none.
    let pointer = || new.of_type(name);
    match (&old_type.kind, &new_type.kind) {
        (
            TypeKind::Struct {
                fields: old_fields,
                private_fields,
            },
            TypeKind::Struct {
                fields: new_fields, ..
            },
        ) => {
            let buildable = !old_type.non_exhaustive && !private_fields;
            for (field, old_field) in old_fields {
                let item = format!("{item}::{field}");
                let Some(new_field) = new_fields.get(field) else {
                    let pointer = old.of_field(name, old_field);
                    changes.push(
                        Class::Breaking,
                        Section::Removed,
                        "removed field",
                        item,
                        None,
                        pointer,
                    );
                    continue;
                };
                let pointer = || new.of_field(name, new_field);
                if old_field.ty != new_field.ty {
                    let what = if option_inner(&new_field.ty).as_deref() == Some(&old_field.ty) {
                        "field became optional"
                    } else if option_inner(&old_field.ty).as_deref() == Some(&new_field.ty) {
                        "field became required"
                    } else {
                        "changed type of field"
                    };
                    let detail = from_to(&old_field.ty, &new_field.ty);
                    changes.push(
                        Class::Breaking,
                        Section::Changed,
                        what,
                        item.clone(),
                        detail,
                        pointer(),
                    );
                }
                if old_field.wire != new_field.wire {
                    let detail = format!(
                        "decodes member `{}`, not `{}`",
                        new_field.wire, old_field.wire
                    );
                    changes.push(
                        Class::Behaviour,
                        Section::Changed,
                        "renamed member of field",
                        item,
                        Some(detail),
                        pointer(),
                    );
                }
            }
            for (field, new_field) in new_fields {
                if old_fields.contains_key(field) {
                    continue;
                }
                // A struct users build with a literal must name every
                // field; one built with its builder (`#[non_exhaustive]`)
                // takes only the required members in `new`.
                let shown = format!("`{}`", shown_type(&new_field.ty));
                let (class, what, detail) = if buildable {
                    (
                        Class::Breaking,
                        "added field to a struct users can build",
                        shown,
                    )
                } else if new_field.required && old_type.non_exhaustive {
                    let detail = format!("{shown}, one more argument of `new`");
                    (Class::Breaking, "added required field", detail)
                } else {
                    (Class::Additive, "added field", shown)
                };
                changes.push(
                    class,
                    Section::Added,
                    what,
                    format!("{item}::{field}"),
                    Some(detail),
                    new.of_field(name, new_field),
                );
            }
        }
        (
            TypeKind::Enum {
                variants: old_variants,
                catch_all,
            },
            TypeKind::Enum {
                variants: new_variants,
                ..
            },
        ) => {
            for (variant, old_variant) in old_variants {
                let item = format!("{item}::{variant}");
                match new_variants.get(variant) {
                    None => changes.push(
                        Class::Breaking,
                        Section::Removed,
                        "removed variant",
                        item,
                        None,
                        old.of_variant(name, old_variant),
                    ),
                    Some(new_variant) if new_variant.shape != old_variant.shape => changes.push(
                        Class::Breaking,
                        Section::Changed,
                        "changed variant",
                        item,
                        from_to(&old_variant.shape, &new_variant.shape),
                        new.of_variant(name, new_variant),
                    ),
                    Some(new_variant) if new_variant.wire != old_variant.wire => changes.push(
                        Class::Behaviour,
                        Section::Changed,
                        "changed value of variant",
                        item,
                        Some(format!(
                            "stands for `{}`, not `{}`",
                            new_variant.wire, old_variant.wire
                        )),
                        new.of_variant(name, new_variant),
                    ),
                    Some(_) => {}
                }
            }
            for (variant, new_variant) in new_variants {
                if old_variants.contains_key(variant) {
                    continue;
                }
                let item = format!("{item}::{variant}");
                let pointer = new.of_variant(name, new_variant);
                let (class, what) = if old_type.non_exhaustive {
                    (Class::Additive, "added variant")
                } else {
                    (Class::Breaking, "added variant to an exhaustive enum")
                };
                changes.push(
                    class,
                    Section::Added,
                    what,
                    item.clone(),
                    None,
                    pointer.clone(),
                );
                // The compiler cannot see this one: the same bytes now
                // decode into another variant.
                if let Some(catch_all) = catch_all {
                    let wire = &new_variant.wire;
                    changes.push(
                        Class::Behaviour,
                        Section::Changed,
                        "value now decodes as",
                        item,
                        Some(format!(
                            "`{wire}` used to decode as `{name}::{catch_all}(\"{wire}\")`"
                        )),
                        pointer,
                    );
                }
            }
        }
        (TypeKind::Tuple(old_fields), TypeKind::Tuple(new_fields)) if old_fields != new_fields => {
            let show = |fields: &[Option<String>]| {
                let shown: Vec<String> = fields
                    .iter()
                    .map(|f| f.as_deref().map_or("_".to_owned(), shown_type))
                    .collect();
                format!("({})", shown.join(", "))
            };
            changes.push(
                Class::Breaking,
                Section::Changed,
                "changed type",
                item.clone(),
                Some(format!(
                    "from `{}` to `{}`",
                    show(old_fields),
                    show(new_fields)
                )),
                pointer(),
            );
        }
        (TypeKind::Alias(old_target), TypeKind::Alias(new_target)) if old_target != new_target => {
            changes.push(
                Class::Breaking,
                Section::Changed,
                "changed type",
                item.clone(),
                from_to(old_target, new_target),
                pointer(),
            );
        }
        (old_kind, new_kind)
            if std::mem::discriminant(old_kind) != std::mem::discriminant(new_kind) =>
        {
            changes.push(
                Class::Breaking,
                Section::Changed,
                "changed kind of type",
                item.clone(),
                Some(format!(
                    "from {} to {}",
                    kind_name(old_kind),
                    kind_name(new_kind)
                )),
                pointer(),
            );
        }
        _ => {}
    }
    match (old_type.non_exhaustive, new_type.non_exhaustive) {
        (false, true) => changes.push(
            Class::Breaking,
            Section::Changed,
            "became #[non_exhaustive]",
            item.clone(),
            None,
            pointer(),
        ),
        (true, false) => changes.push(
            Class::Additive,
            Section::Changed,
            "is no longer #[non_exhaustive]",
            item.clone(),
            None,
            pointer(),
        ),
        _ => {}
    }
    compare_sets(
        changes,
        &old_type.traits,
        &new_type.traits,
        ("no longer implements", "now implements"),
        &item,
        &pointer,
    );
    compare_methods(
        changes,
        &old_type.methods,
        &new_type.methods,
        &item,
        &pointer,
    );
}

fn compare_sets(
    changes: &mut Changes,
    old: &BTreeSet<String>,
    new: &BTreeSet<String>,
    (removed, added): (&'static str, &'static str),
    item: &str,
    pointer: &dyn Fn() -> Option<String>,
) {
    for gone in old.difference(new) {
        changes.push(
            Class::Breaking,
            Section::Removed,
            removed,
            item.to_owned(),
            Some(format!("`{}`", shown_type(gone))),
            pointer(),
        );
    }
    for came in new.difference(old) {
        changes.push(
            Class::Additive,
            Section::Added,
            added,
            item.to_owned(),
            Some(format!("`{}`", shown_type(came))),
            pointer(),
        );
    }
}

fn compare_methods(
    changes: &mut Changes,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
    item: &str,
    pointer: &dyn Fn() -> Option<String>,
) {
    for (method, signature) in old {
        let item = format!("{item}::{method}");
        match new.get(method) {
            None => changes.push(
                Class::Breaking,
                Section::Removed,
                "removed method",
                item,
                None,
                pointer(),
            ),
            Some(changed) if changed != signature => changes.push(
                Class::Breaking,
                Section::Changed,
                "changed signature of method",
                item,
                from_to(signature, changed),
                pointer(),
            ),
            Some(_) => {}
        }
    }
    for method in new.keys().filter(|m| !old.contains_key(*m)) {
        changes.push(
            Class::Additive,
            Section::Added,
            "added method",
            format!("{item}::{method}"),
            None,
            pointer(),
        );
    }
}

fn compare_operation(
    changes: &mut Changes,
    name: &str,
    (old_operation, old): (&Operation, &CrateApi),
    (new_operation, new): (&Operation, &CrateApi),
) {
    let item = format!("Client::{name}");
    let old_names: Vec<&String> = old_operation.parameters.iter().map(|(n, _)| n).collect();
    let new_names: Vec<&String> = new_operation.parameters.iter().map(|(n, _)| n).collect();
    for (parameter, ty) in &old_operation.parameters {
        let item = format!("{item}({parameter})");
        match new_operation
            .parameters
            .iter()
            .find(|(n, _)| n == parameter)
        {
            None => changes.push(
                Class::Breaking,
                Section::Removed,
                "removed parameter",
                item,
                None,
                old.of_parameter(name, parameter),
            ),
            Some((_, new_ty)) if new_ty != ty => changes.push(
                Class::Breaking,
                Section::Changed,
                "changed type of parameter",
                item,
                from_to(ty, new_ty),
                new.of_parameter(name, parameter),
            ),
            Some(_) => {}
        }
    }
    for (parameter, ty) in &new_operation.parameters {
        if old_names.contains(&parameter) {
            continue;
        }
        // Arguments are passed by position, so every new one, even an
        // `Option`, is one more argument every call must pass.
        let (what, detail) = if option_inner(ty).is_some() {
            let detail = format!(
                "`{}`, one more argument every call must pass",
                shown_type(ty)
            );
            ("new optional argument", detail)
        } else {
            ("new required parameter", format!("`{}`", shown_type(ty)))
        };
        changes.push(
            Class::Breaking,
            Section::Added,
            what,
            format!("{item}({parameter})"),
            Some(detail),
            new.of_parameter(name, parameter),
        );
    }
    compare_setters(changes, name, (old_operation, old), (new_operation, new));
    compare_streams(changes, name, (old_operation, old), (new_operation, new));
    let kept_old: Vec<&&String> = old_names.iter().filter(|n| new_names.contains(n)).collect();
    let kept_new: Vec<&&String> = new_names.iter().filter(|n| old_names.contains(n)).collect();
    if kept_old != kept_new {
        changes.push(
            Class::Breaking,
            Section::Changed,
            "reordered parameters",
            item.clone(),
            None,
            new.of_operation(name),
        );
    }
    if old_operation.returns != new_operation.returns {
        changes.push(
            Class::Breaking,
            Section::Changed,
            "changed return type",
            item,
            from_to(&old_operation.returns, &new_operation.returns),
            new.of_response(name),
        );
    }
}

/// The optional parameters, which the call's setters take: a new one is a
/// new method, which no call has to use.
fn compare_setters(
    changes: &mut Changes,
    name: &str,
    (old_operation, old): (&Operation, &CrateApi),
    (new_operation, new): (&Operation, &CrateApi),
) {
    for (setter, ty) in &old_operation.optional {
        let item = format!("Client::{name}(.{setter})");
        match new_operation.optional.get(setter) {
            None => changes.push(
                Class::Breaking,
                Section::Removed,
                "removed optional parameter",
                item,
                None,
                old.of_parameter(name, setter),
            ),
            Some(new_ty) if new_ty != ty => changes.push(
                Class::Breaking,
                Section::Changed,
                "changed type of optional parameter",
                item,
                from_to(ty, new_ty),
                new.of_parameter(name, setter),
            ),
            Some(_) => {}
        }
    }
    for (setter, ty) in &new_operation.optional {
        if old_operation.optional.contains_key(setter) {
            continue;
        }
        changes.push(
            Class::Additive,
            Section::Added,
            "new optional parameter",
            format!("Client::{name}(.{setter})"),
            Some(format!("`{}`, set with `.{setter}(..)`", shown_type(ty))),
            new.of_parameter(name, setter),
        );
    }
}

/// The page stream of a list operation's call: one that goes is code that
/// stops compiling; a new one is a new method.
fn compare_streams(
    changes: &mut Changes,
    name: &str,
    (old_operation, old): (&Operation, &CrateApi),
    (new_operation, new): (&Operation, &CrateApi),
) {
    let item = format!("Client::{name}(.stream)");
    match (&old_operation.stream, &new_operation.stream) {
        (Some(_), None) => changes.push(
            Class::Breaking,
            Section::Removed,
            "removed page stream",
            item,
            None,
            old.of_operation(name),
        ),
        (Some(old_stream), Some(new_stream)) if old_stream != new_stream => changes.push(
            Class::Breaking,
            Section::Changed,
            "changed item type of page stream",
            item,
            from_to(old_stream, new_stream),
            new.of_response(name),
        ),
        (None, Some(_)) => changes.push(
            Class::Additive,
            Section::Added,
            "new page stream",
            item,
            None,
            new.of_operation(name),
        ),
        _ => {}
    }
}
