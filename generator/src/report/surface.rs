//! The public API of a generated crate, read from its code: the types of
//! `pub mod types` and the operations, the `pub fn`s of `impl Client` with
//! the setters of the call each returns. Only what a downstream crate can
//! name or rely on is kept.
//!
//! The generator reads it from its syntax trees before they are laid out
//! (`Surface::add_file`), file by file on the thread that made each;
//! [`Surface::read`] reads the same from a crate's text.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use serde::{Deserialize, Serialize};
use syn::{Attribute, Fields, FnArg, ImplItem, Item, Pat, ReturnType, Type, Visibility};

use crate::rewrite::syntax::{is_client, serde_default, serde_rename};

/// The methods of every call builder that set the call's options, not a
/// parameter of the operation.
const CALL_OPTIONS: [&str; 6] = [
    "timeout",
    "deadline",
    "retry_policy",
    "max_retries",
    "header",
    "idempotency_key",
];

/// The public items of one generated crate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// The types of `types`, by name.
    pub types: BTreeMap<String, TypeItem>,
    /// The operations, the public methods of `Client`, by name.
    pub operations: BTreeMap<String, Operation>,
    /// What was read of each call builder (a type an operation may
    /// return), by name, to be joined to its operation once every source
    /// is read ([`Surface::finish`]).
    calls: BTreeMap<String, Call>,
}

/// What a call builder offers besides its options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Call {
    /// Its public methods but the options': name → the type of the value
    /// it takes.
    setters: BTreeMap<String, String>,
    /// Its `IntoFuture::Output`: what awaiting it gives.
    output: Option<String>,
    /// What its `stream` method returns, for a list operation's call.
    stream: Option<String>,
}

/// A public type and what a downstream crate can do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeItem {
    /// Its shape.
    pub kind: TypeKind,
    /// `#[non_exhaustive]`: users cannot build it (a struct) or must match
    /// it with a wildcard arm (an enum).
    pub non_exhaustive: bool,
    /// The traits it implements (derived or written), as their paths are
    /// spelled (`Default`, `::std::fmt::Display`).
    pub traits: BTreeSet<String>,
    /// Its public inherent methods: name → signature.
    pub methods: BTreeMap<String, String>,
}

/// The shape of a public type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct {
        /// Its fields, by name.
        fields: BTreeMap<String, Field>,
        /// Whether some field is not public, so users cannot build it.
        private_fields: bool,
    },
    /// A tuple struct (a newtype): its fields' types, `None` for a private one.
    Tuple(Vec<Option<String>>),
    /// An enum.
    Enum {
        /// Its variants, by name.
        variants: BTreeMap<String, Variant>,
        /// The variant that keeps a value the spec does not list
        /// (`Unknown(String)`), when the enum is an open string enum.
        catch_all: Option<String>,
    },
    /// `pub type Name = Target;`
    Alias(String),
}

/// A public field of a struct.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The field's type, as tokens.
    pub ty: String,
    /// The member's name on the wire.
    pub wire: String,
    /// Whether a value of the struct cannot be built without it: it is
    /// neither an `Option` nor has a serde default, so the builder's `new`
    /// takes it.
    pub required: bool,
}

/// A variant of an enum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// What it holds (`()`, `(String)`, `{ a: T }`), as tokens.
    pub shape: String,
    /// The value on the wire: `#[serde(rename)]`, else what the enum's
    /// `as_str` returns for it, else its name.
    pub wire: String,
}

/// A public method of `Client`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// The parameters after `&self`, in order: name and type.
    pub parameters: Vec<(String, String)>,
    /// The optional parameters, which the call it returns sets: the
    /// setter's name → the type of the value it takes.
    pub optional: BTreeMap<String, String>,
    /// What it returns, as tokens: what awaiting the call gives, for an
    /// operation that returns a call builder.
    pub returns: String,
    /// What the `stream` method of the call it returns gives, for a list
    /// operation: its items, page after page.
    pub stream: Option<String>,
    /// The call builder it returns, if it returns one.
    call: Option<String>,
}

impl Surface {
    /// Reads the public items of the given source files (any of a crate's
    /// files: types are found in any `pub mod types`, operations in any
    /// `impl Client`). A file that does not parse adds nothing.
    pub fn read<'a>(sources: impl IntoIterator<Item = &'a str>) -> Surface {
        let mut surface = Surface::default();
        for source in sources {
            surface.merge(Surface::read_part(source));
        }
        surface.finish()
    }

    /// The public items of the text of one file, to
    /// [`merge`](Surface::merge) with those of the others.
    pub(crate) fn read_part(source: &str) -> Surface {
        let mut surface = Surface::default();
        if let Ok(file) = syn::parse_file(source) {
            surface.add_file(&file);
        }
        surface
    }

    /// Adds the public items of one file. Files are added in the order of
    /// their paths, one [`Surface`] each or all into one, then
    /// [`merge`](Surface::merge)d in that order and
    /// [`finish`](Surface::finish)ed.
    pub(crate) fn add_file(&mut self, file: &syn::File) {
        self.add_items(&file.items, false);
    }

    /// Adds what `later` read of the files that come after this one's: as
    /// if they had been added here.
    pub(crate) fn merge(&mut self, later: Surface) {
        self.types.extend(later.types);
        for (name, operation) in later.operations {
            self.add_operation(name, operation);
        }
        for (name, call) in later.calls {
            let known = self.calls.entry(name).or_default();
            known.setters.extend(call.setters);
            if call.output.is_some() {
                known.output = call.output;
            }
            if call.stream.is_some() {
                known.stream = call.stream;
            }
        }
    }

    /// Joins each operation to the call builder it returns, once every
    /// file is read.
    pub(crate) fn finish(mut self) -> Surface {
        let calls = std::mem::take(&mut self.calls);
        for operation in self.operations.values_mut() {
            let Some(call) = operation.call.as_ref().and_then(|name| calls.get(name)) else {
                continue;
            };
            operation.optional = call.setters.clone();
            operation.stream = call.stream.clone();
            if let Some(output) = &call.output {
                operation.returns = output.clone();
            }
        }
        self
    }

    fn add_items(&mut self, items: &[Item], in_types: bool) {
        for item in items {
            match item {
                Item::Mod(module) if is_pub(&module.vis) => {
                    if let Some((_, inner)) = &module.content {
                        let types = in_types || module.ident == "types";
                        // `types::error` and the like are not the spec's.
                        if !in_types || module.ident == "types" {
                            self.add_items(inner, types);
                        }
                    }
                }
                Item::Impl(block) if block.trait_.is_none() && is_client(&block.self_ty) => {
                    self.add_operations(block);
                }
                _ if in_types => self.add_type_item(item),
                Item::Impl(block) => self.add_call_item(block),
                _ => {}
            }
        }
    }

    fn add_operations(&mut self, block: &syn::ItemImpl) {
        for item in &block.items {
            let ImplItem::Fn(method) = item else { continue };
            if !is_pub(&method.vis) {
                continue;
            }
            let sig = &method.sig;
            let parameters = sig
                .inputs
                .iter()
                .filter_map(|input| match input {
                    FnArg::Receiver(_) => None,
                    FnArg::Typed(typed) => Some((pattern_name(&typed.pat), tokens(&typed.ty))),
                })
                .collect();
            let returns = match &sig.output {
                ReturnType::Default => "()".to_owned(),
                ReturnType::Type(_, ty) => tokens(ty),
            };
            let call = match &sig.output {
                ReturnType::Type(_, ty) if sig.asyncness.is_none() => type_name(ty),
                _ => None,
            };
            let name = sig.ident.to_string();
            self.add_operation(
                name,
                Operation {
                    parameters,
                    optional: BTreeMap::new(),
                    returns,
                    stream: None,
                    call,
                },
            );
        }
    }

    /// A method that returns a call (not `async`) is the operation users
    /// call; progenitor's `async` one of the same name, which it wraps, is
    /// private to the crate.
    fn add_operation(&mut self, name: String, operation: Operation) {
        if operation.call.is_none()
            && self
                .operations
                .get(&name)
                .is_some_and(|known| known.call.is_some())
        {
            return;
        }
        self.operations.insert(name, operation);
    }

    /// What an `impl` outside `types` says of a call builder: its setters,
    /// or (`IntoFuture`) what awaiting it gives.
    fn add_call_item(&mut self, block: &syn::ItemImpl) {
        let Some(name) = type_name(&block.self_ty) else {
            return;
        };
        if is_client(&block.self_ty) {
            return;
        }
        match &block.trait_ {
            Some((_, path, _))
                if path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "IntoFuture") =>
            {
                let output = block.items.iter().find_map(|item| match item {
                    ImplItem::Type(ty) if ty.ident == "Output" => Some(tokens(&ty.ty)),
                    _ => None,
                });
                // `IntoFuture` has an `Output`; one that does not compile
                // says nothing.
                if output.is_some() {
                    self.calls.entry(name).or_default().output = output;
                }
            }
            Some(_) => {}
            None => {
                for item in &block.items {
                    let ImplItem::Fn(method) = item else { continue };
                    let setter = method.sig.ident.to_string();
                    if !is_pub(&method.vis) || CALL_OPTIONS.contains(&setter.as_str()) {
                        continue;
                    }
                    if setter == "stream" {
                        let returns = match &method.sig.output {
                            ReturnType::Default => "()".to_owned(),
                            ReturnType::Type(_, ty) => tokens(ty),
                        };
                        self.calls.entry(name.clone()).or_default().stream = Some(returns);
                        continue;
                    }
                    let value = method.sig.inputs.iter().find_map(|input| match input {
                        FnArg::Typed(typed) => Some(tokens(&typed.ty)),
                        FnArg::Receiver(_) => None,
                    });
                    self.calls
                        .entry(name.clone())
                        .or_default()
                        .setters
                        .insert(setter, value.unwrap_or_default());
                }
            }
        }
    }

    fn add_type_item(&mut self, item: &Item) {
        match item {
            Item::Struct(s) if is_pub(&s.vis) => {
                let kind = match &s.fields {
                    Fields::Named(named) => TypeKind::Struct {
                        fields: named
                            .named
                            .iter()
                            .filter(|f| is_pub(&f.vis))
                            .map(|f| {
                                let name = f.ident.as_ref().map(ToString::to_string);
                                let name = name.unwrap_or_default();
                                let wire = serde_rename(&f.attrs).unwrap_or_else(|| name.clone());
                                let ty = type_tokens(&f.ty);
                                let required =
                                    option_of(&f.ty).is_none() && serde_default(&f.attrs).is_none();
                                (name, Field { ty, wire, required })
                            })
                            .collect(),
                        private_fields: named.named.iter().any(|f| !is_pub(&f.vis)),
                    },
                    Fields::Unnamed(unnamed) => TypeKind::Tuple(
                        unnamed
                            .unnamed
                            .iter()
                            .map(|f| is_pub(&f.vis).then(|| type_tokens(&f.ty)))
                            .collect(),
                    ),
                    Fields::Unit => TypeKind::Tuple(Vec::new()),
                };
                self.insert_type(&s.ident, kind, &s.attrs);
            }
            Item::Enum(e) if is_pub(&e.vis) => {
                let variants: BTreeMap<String, Variant> = e
                    .variants
                    .iter()
                    .map(|v| {
                        let name = v.ident.to_string();
                        let shape = match &v.fields {
                            Fields::Unit => "()".to_owned(),
                            fields => tokens(&without_comments(fields)),
                        };
                        let wire = serde_rename(&v.attrs).unwrap_or_else(|| name.clone());
                        (name, Variant { shape, wire })
                    })
                    .collect();
                let units = variants.values().filter(|v| v.shape == "()").count();
                let catch_all = variants
                    .iter()
                    .find(|(_, v)| v.shape.contains("String") && !v.shape.contains(','))
                    .filter(|_| units + 1 == variants.len())
                    .map(|(name, _)| name.clone());
                self.insert_type(
                    &e.ident,
                    TypeKind::Enum {
                        variants,
                        catch_all,
                    },
                    &e.attrs,
                );
            }
            Item::Type(alias) if is_pub(&alias.vis) => {
                self.insert_type(
                    &alias.ident,
                    TypeKind::Alias(tokens(&alias.ty)),
                    &alias.attrs,
                );
            }
            Item::Impl(block) => {
                let Some(name) = type_name(&block.self_ty) else {
                    return;
                };
                let Some(ty) = self.types.get_mut(&name) else {
                    return;
                };
                match &block.trait_ {
                    Some((_, path, _)) => {
                        ty.traits.insert(path_tokens(path));
                    }
                    None => {
                        for item in &block.items {
                            if let ImplItem::Fn(method) = item
                                && is_pub(&method.vis)
                            {
                                let mut sig = method.sig.clone();
                                // Argument names are not part of the API.
                                for input in sig.inputs.iter_mut() {
                                    if let FnArg::Typed(typed) = input {
                                        *typed.pat = syn::parse_quote!(_);
                                    }
                                }
                                ty.methods
                                    .insert(method.sig.ident.to_string(), tokens(&sig));
                            }
                        }
                        // `as_str` says how catch-all enums spell each value.
                        fill_wire_values(ty, block);
                    }
                }
            }
            _ => {}
        }
    }

    fn insert_type(&mut self, ident: &syn::Ident, kind: TypeKind, attrs: &[Attribute]) {
        let traits = attrs
            .iter()
            .filter(|a| a.path().is_ident("derive"))
            .filter_map(|a| {
                a.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .ok()
            })
            .flatten()
            .map(|path| path_tokens(&path))
            .collect();
        let non_exhaustive = attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
        self.types.insert(
            ident.to_string(),
            TypeItem {
                kind,
                non_exhaustive,
                traits,
                methods: BTreeMap::new(),
            },
        );
    }
}

/// Sets each unit variant's wire value from a `fn as_str` of the form
/// `match self { Self::A => "a", ... }`, which open enums carry.
fn fill_wire_values(ty: &mut TypeItem, block: &syn::ItemImpl) {
    let TypeKind::Enum { variants, .. } = &mut ty.kind else {
        return;
    };
    for item in &block.items {
        let ImplItem::Fn(method) = item else { continue };
        if method.sig.ident != "as_str" {
            continue;
        }
        let Some(syn::Stmt::Expr(syn::Expr::Match(matched), _)) = method.block.stmts.last() else {
            continue;
        };
        for arm in &matched.arms {
            // The layout puts a long value in a block of its own:
            // `Self::A => {\n "balancePlatform.accountHolder.created"\n }`.
            let body = match &*arm.body {
                syn::Expr::Block(block) => match block.block.stmts.as_slice() {
                    [syn::Stmt::Expr(only, None)] => only,
                    _ => continue,
                },
                body => body,
            };
            let (Pat::Path(path), syn::Expr::Lit(lit)) = (&arm.pat, body) else {
                continue;
            };
            let (Some(segment), syn::Lit::Str(value)) = (path.path.segments.last(), &lit.lit)
            else {
                continue;
            };
            if let Some(variant) = variants.get_mut(&segment.ident.to_string()) {
                variant.wire = value.value();
            }
        }
    }
}

/// `fields` without their docs and `//` comments, which are no part of the
/// API, and which a syntax tree holds as the generator made them but text
/// as it was laid out.
fn without_comments(fields: &Fields) -> Fields {
    let mut fields = fields.clone();
    for field in fields.iter_mut() {
        field
            .attrs
            .retain(|a| !(a.path().is_ident("doc") || a.path().is_ident("comment")));
    }
    fields
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The last segment of a plain type path.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn pattern_name(pat: &Pat) -> String {
    match pat {
        Pat::Ident(ident) => ident.ident.to_string(),
        other => tokens(other),
    }
}

fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string()
}

/// What [`tokens`] gives for `ty`, written straight from the tree for a
/// plain path (`::std::option::Option<Foo>`), the type of nearly every
/// field: making its tokens first took half the time of reading a large
/// crate's types.
fn type_tokens(ty: &Type) -> String {
    let mut text = String::new();
    match ty {
        Type::Path(path) if path.qself.is_none() && write_path(&mut text, &path.path) => text,
        ty => tokens(ty),
    }
}

/// What [`tokens`] gives for `path`, as [`type_tokens`] does.
fn path_tokens(path: &syn::Path) -> String {
    let mut text = String::new();
    if write_path(&mut text, path) {
        text
    } else {
        tokens(path)
    }
}

/// Writes `path` into `text` as proc-macro2 prints its tokens: a space
/// between two tokens but after the first `:` of a `::`. False, with
/// `text` unfinished, for generic arguments other than types and
/// lifetimes.
fn write_path(text: &mut String, path: &syn::Path) -> bool {
    // Whether the next token follows a token, and so a space.
    let mut after = false;
    let word = |text: &mut String, word: &str, after: &mut bool| {
        if *after {
            text.push(' ');
        }
        text.push_str(word);
        *after = true;
    };
    if path.leading_colon.is_some() {
        word(text, "::", &mut after);
    }
    for pair in path.segments.pairs() {
        let segment = pair.value();
        word(text, &segment.ident.to_string(), &mut after);
        match &segment.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(arguments) => {
                if arguments.colon2_token.is_some() {
                    word(text, "::", &mut after);
                }
                word(text, "<", &mut after);
                for argument in arguments.args.pairs() {
                    match argument.value() {
                        syn::GenericArgument::Type(Type::Path(inner)) if inner.qself.is_none() => {
                            text.push(' ');
                            if !write_path(text, &inner.path) {
                                return false;
                            }
                        }
                        syn::GenericArgument::Lifetime(lifetime) => {
                            word(text, &format!("'{}", lifetime.ident), &mut after);
                        }
                        _ => return false,
                    }
                    if argument.punct().is_some() {
                        word(text, ",", &mut after);
                    }
                }
                word(text, ">", &mut after);
            }
            syn::PathArguments::Parenthesized(_) => return false,
        }
        if pair.punct().is_some() {
            word(text, "::", &mut after);
        }
    }
    true
}

/// A type's tokens as a person writes them: `Option<i64>`, paths from
/// `::std`, `::chrono` and the like cut to their last segment.
pub fn shown_type(tokens: &str) -> String {
    let compact: String = tokens
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace("' ", "'");
    // A lifetime stays apart from a path from the root that follows it:
    // `&'a ::std::vec::Vec<T>` is `&'a Vec<T>`.
    let mut compact = compact;
    let mut from = 0;
    while let Some(quote) = compact[from..].find('\'').map(|i| from + i) {
        let end = compact[quote + 1..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(compact.len(), |i| quote + 1 + i);
        if compact[end..].starts_with("::") {
            compact.insert(end, ' ');
        }
        from = end;
    }
    // Cut each path to its last segment: `::std::option::Option<T>` → `Option<T>`.
    let mut shown = String::with_capacity(compact.len());
    let mut word = String::new();
    for c in compact.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            shown.push_str(word.rsplit("::").next().unwrap_or(&word));
            word.clear();
            shown.push(c);
        }
    }
    shown.push_str(word.rsplit("::").next().unwrap_or(&word));
    shown
}

/// If `tokens` is `Option<T>` (however spelt), `T`'s tokens.
pub fn option_inner(tokens: &str) -> Option<String> {
    let ty: Type = syn::parse_str(tokens).ok()?;
    option_of(&ty).map(self::tokens)
}

/// If `ty` is `Option<T>` (however spelt), `T`: read from the tree, not
/// from its tokens, for every field of a large crate.
fn option_of(ty: &Type) -> Option<&Type> {
    let ty = match ty {
        // What the tokens of a group parse back to.
        Type::Group(group) => &*group.elem,
        ty => ty,
    };
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The names of the types `tokens` mentions, outermost first
/// (`Option<Vec<Shareholder>>` → `Option`, `Vec`, `Shareholder`).
pub fn named_types(tokens: &str) -> Vec<String> {
    tokens
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_types_operations_and_wire_names() {
        let surface = Surface::read([r#"
            pub mod types {
                #[derive(Clone, Default)]
                pub struct Links {
                    #[serde(rename = "self")]
                    pub self_: ::std::option::Option<::std::string::String>,
                    hidden: i64,
                }
                #[non_exhaustive]
                pub enum Status { OnHold, Created, Unknown(::std::string::String) }
                impl Status {
                    pub fn as_str(&self) -> &str {
                        match self {
                            Self::OnHold => "on_hold",
                            // As the layout writes a long value.
                            Self::Created => {
                                "balancePlatform.accountHolder.created"
                            }
                            Self::Unknown(v) => v.as_str(),
                        }
                    }
                }
                pub mod error { pub struct ConversionError; }
            }
            pub struct Client;
            impl Client {
                pub async fn get_session(&self, id: &str) -> Result<types::Links, ()> { todo!() }
                fn private(&self) {}
            }
        "#]);
        let links = &surface.types["Links"];
        let TypeKind::Struct {
            fields,
            private_fields,
        } = &links.kind
        else {
            panic!("{links:?}")
        };
        assert!(private_fields);
        assert_eq!(fields["self_"].wire, "self");
        assert_eq!(shown_type(&fields["self_"].ty), "Option<String>");
        assert_eq!(
            shown_type("Option < & 'a :: std :: vec :: Vec < i64 > >"),
            "Option<&'a Vec<i64>>"
        );
        assert_eq!(shown_type("Option < & 'a str >"), "Option<&'a str>");
        assert!(links.traits.contains("Default"));
        let status = &surface.types["Status"];
        assert!(status.non_exhaustive);
        let TypeKind::Enum {
            variants,
            catch_all,
        } = &status.kind
        else {
            panic!("{status:?}")
        };
        assert_eq!(variants["OnHold"].wire, "on_hold");
        assert_eq!(
            variants["Created"].wire,
            "balancePlatform.accountHolder.created"
        );
        assert_eq!(catch_all.as_deref(), Some("Unknown"));
        assert!(!surface.types.contains_key("ConversionError"));
        let operation = &surface.operations["get_session"];
        assert_eq!(operation.parameters.len(), 1);
        assert_eq!(operation.parameters[0].0, "id");
        assert!(!surface.operations.contains_key("private"));
    }

    #[test]
    fn paths_are_written_as_their_tokens_print() {
        for ty in [
            "::std::option::Option<::std::string::String>",
            "Option<Vec<Shareholder>>",
            "::std::collections::HashMap<::std::string::String, ::serde_json::Value,>",
            "Vec::<i64>",
            "Cow<'a, str>",
            "r#type::Foo",
            "Option<&'a str>",
            "Box<dyn std::error::Error + Send>",
            "<T as Trait>::Item",
            "Option<[u8; 4]>",
            "Box<dyn Fn(i64) -> i64>",
            "Iterator<Item = i64>",
        ] {
            let ty: Type = syn::parse_str(ty).expect(ty);
            assert_eq!(type_tokens(&ty), tokens(&ty));
        }
        let path: syn::Path = syn::parse_str("::serde::Deserialize").unwrap();
        assert_eq!(path_tokens(&path), tokens(&path));
    }

    #[test]
    fn options_are_recognised_however_spelt() {
        let inner = option_inner(":: std :: option :: Option < i64 >");
        assert_eq!(inner.as_deref(), Some("i64"));
        assert_eq!(option_inner("Vec < i64 >"), None);
        assert_eq!(
            named_types("Option<Vec<Shareholder>>"),
            ["Option", "Vec", "Shareholder"]
        );
    }
}
