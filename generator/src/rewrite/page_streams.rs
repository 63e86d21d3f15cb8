//! Page streams. progenitor writes, for an operation marked
//! `x-dropshot-pagination`, a `…_stream` method beside the one that fetches
//! one page; that method moves each parameter into a closure called once a
//! page, which compiles only when every parameter is `Copy` (open enums are
//! not), and it bypasses the crate's error type. Those methods go
//! ([`remove`]); the crate's own streams, for Dropshot's pages and for
//! cursors the spec describes (`crate::spec::pagination`), are planned here
//! on progenitor's types ([`plan`]) and written by the `page_streams`
//! emitter.

use std::collections::BTreeMap;

use syn::visit::Visit;
use syn::{
    Expr, FnArg, Ident, ImplItem, Item, ItemStruct, Lit, Pat, ReturnType, Type, TypeParamBound,
};

use super::syntax::{first_argument, is_client, item_name, types_module};
use crate::ident::{self, Case};
use crate::spec::pagination::PagedOperation;
use crate::spec::requests::Requests;

/// Removes every method of progenitor's `Client` that returns a stream of
/// items.
pub fn remove(file: &mut syn::File) {
    for item in &mut file.items {
        let Item::Impl(block) = item else { continue };
        if block.trait_.is_some() || !is_client(&block.self_ty) {
            continue;
        }
        block.items.retain(|item| match item {
            ImplItem::Fn(f) => !returns_stream(&f.sig.output),
            _ => true,
        });
    }
}

/// Whether `output` is `impl …Stream<…> + …`.
fn returns_stream(output: &ReturnType) -> bool {
    let ReturnType::Type(_, ty) = output else {
        return false;
    };
    let Type::ImplTrait(bounds) = &**ty else {
        return false;
    };
    bounds.bounds.iter().any(|bound| {
        matches!(bound, TypeParamBound::Trait(t)
            if t.path.segments.last().is_some_and(|s| s.ident == "Stream"))
    })
}

/// Whether any path in `file` starts with the crate `name` (`name::…` or
/// `::name::…`).
pub fn mentions_crate(file: &syn::File, name: &str) -> bool {
    use syn::visit::Visit;

    struct Finder<'a> {
        name: &'a str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if path.segments.len() > 1 && path.segments[0].ident == self.name {
                self.found = true;
            }
            syn::visit::visit_path(self, path);
        }
        fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
            if matches!(&item.tree, syn::UseTree::Path(p) if p.ident == self.name) {
                self.found = true;
            }
        }
    }
    let mut finder = Finder { name, found: false };
    finder.visit_file(file);
    finder.found
}

/// A page stream of the public `Client`, as progenitor's code allows it.
pub(crate) struct PageStream {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// progenitor's method that fetches one page, named as the public one.
    pub method: Ident,
    /// Its parameters, in order, with what each does on later pages: the
    /// fields of the public method's call, which the stream sends again.
    pub parameters: Vec<StreamParameter>,
    /// The type of the items, as `api.rs` names it from outside `types`.
    pub item: Type,
    /// The fields from a page to its items.
    pub items: Vec<Step>,
    /// The fields from a page to its next cursor or link.
    pub next: Vec<Step>,
    /// The cursor's query parameter, as the spec names it.
    pub cursor: String,
    /// Whether `next` is a link that holds the cursor.
    pub next_is_link: bool,
}

/// A parameter of progenitor's page method.
pub(crate) struct StreamParameter {
    pub ident: Ident,
    /// Whether it is `Copy`, so that each page gets it without a clone.
    pub copy: bool,
    pub role: Role,
}

/// What a parameter of progenitor's page method is on each page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The cursor: `None` on the first page, the previous page's after.
    Cursor,
    /// The caller's value on every page.
    Kept,
    /// The caller's value on the first page, `None` on later ones.
    FirstPageOnly,
}

/// One field on the way from a page to a value.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub field: Ident,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// The page streams of `paged` that progenitor's code in `api` allows, and
/// for each of the others why not.
pub(crate) fn plan<'p>(
    api: &syn::File,
    paged: &'p [PagedOperation],
    requests: &Requests,
) -> (Vec<PageStream>, Vec<(&'p PagedOperation, String)>) {
    let mut streams = Vec::new();
    let mut failures = Vec::new();
    for page in paged {
        match plan_one(api, page, requests) {
            Ok(stream) => streams.push(stream),
            Err(why) => failures.push((page, why)),
        }
    }
    (streams, failures)
}

fn plan_one(
    api: &syn::File,
    paged: &PagedOperation,
    requests: &Requests,
) -> Result<PageStream, String> {
    let id = &paged.operation_id;
    if requests.bodies.contains_key(id) || requests.written_parameters.contains_key(id) {
        return Err("it has a body or parameters the client builds itself".to_owned());
    }
    let name = ident::name(id, Case::Snake);
    let method = client_methods(api)
        .find(|f| f.sig.ident == name)
        .ok_or_else(|| "progenitor wrote no method for it".to_owned())?;
    let types = types_module(api).unwrap_or(&[]);
    let page = page_type(&method.sig.output)
        .ok_or_else(|| "its success body is not one JSON object".to_owned())?;

    let (items, items_type) = walk(types, page, &paged.items)?;
    let item = vec_inner(items_type)
        .ok_or_else(|| format!("{} is not an array", pointer(&paged.items)))?;
    let (next, next_type) = walk(types, page, &paged.next)?;
    if !is_string(next_type) {
        return Err(format!("{} is not a string", pointer(&paged.next)));
    }
    // Both are moved out of the page; one `Option` cannot be taken twice.
    let shared = items
        .iter()
        .zip(&next)
        .take_while(|(a, b)| a.field == b.field);
    if shared.clone().any(|(step, _)| step.optional) {
        return Err(format!(
            "{} and {} lie under the same optional member",
            pointer(&paged.items),
            pointer(&paged.next)
        ));
    }

    let query = query_parameters(method);
    let cursor = query
        .get(&paged.cursor)
        .ok_or_else(|| format!("it has no query parameter `{}`", paged.cursor))?;
    let mut parameters = Vec::new();
    for input in &method.sig.inputs {
        let FnArg::Typed(typed) = input else { continue };
        let Pat::Ident(pat) = &*typed.pat else {
            return Err("progenitor wrote a parameter without a name".to_owned());
        };
        let ident = pat.ident.clone();
        if ident == "idempotency_key" {
            // Its call makes the key itself, and has no field for it.
            return Err("it takes an idempotency key".to_owned());
        }
        let ty = (*typed.ty).clone();
        let spec_name = query
            .iter()
            .find(|(_, i)| **i == ident)
            .map(|(name, _)| name.as_str());
        let role = if ident == *cursor {
            if !option_inner(&ty).is_some_and(is_str_reference) {
                return Err(format!(
                    "its cursor parameter `{}` is not an optional string",
                    paged.cursor
                ));
            }
            Role::Cursor
        } else {
            match (&paged.later_pages_send_only, spec_name) {
                (Some(kept), Some(name)) if !kept.iter().any(|k| k == name) => {
                    if option_inner(&ty).is_none() {
                        return Err(format!(
                            "its query parameter `{name}` is required, and later pages \
                             send none"
                        ));
                    }
                    Role::FirstPageOnly
                }
                _ => Role::Kept,
            }
        };
        parameters.push(StreamParameter {
            copy: is_copy(&ty, types),
            ident,
            role,
        });
    }
    Ok(PageStream {
        operation_id: id.clone(),
        method: method.sig.ident.clone(),
        parameters,
        item: qualified(item, types),
        items,
        next,
        cursor: paged.cursor.clone(),
        next_is_link: paged.next_is_link,
    })
}

/// `/links/next` for `["links", "next"]`.
fn pointer(steps: &[String]) -> String {
    let steps: Vec<String> = steps.iter().map(|s| crate::spec::escape(s)).collect();
    format!("`/{}` in the success body", steps.join("/"))
}

/// The public methods of progenitor's `Client`.
fn client_methods(api: &syn::File) -> impl Iterator<Item = &syn::ImplItemFn> {
    api.items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(block) if block.trait_.is_none() && is_client(&block.self_ty) => {
                Some(&block.items)
            }
            _ => None,
        })
        .flatten()
        .filter_map(|item| match item {
            ImplItem::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => Some(f),
            _ => None,
        })
}

/// `X` of `Result<ResponseValue<types::X>, _>`.
fn page_type(output: &ReturnType) -> Option<&Ident> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let response = first_argument(ty, "Result")?;
    let page = first_argument(response, "ResponseValue")?;
    let Type::Path(path) = page else { return None };
    let segments: Vec<&Ident> = path.path.segments.iter().map(|s| &s.ident).collect();
    match segments[..] {
        [module, name] if module == "types" => Some(name),
        _ => None,
    }
}

fn option_inner(ty: &Type) -> Option<&Type> {
    first_argument(ty, "Option")
}

fn vec_inner(ty: &Type) -> Option<&Type> {
    first_argument(ty, "Vec")
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "String"))
}

fn is_str_reference(ty: &Type) -> bool {
    matches!(ty, Type::Reference(r) if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")))
}

/// The struct of `types` named `name`.
fn find_struct<'t>(types: &'t [Item], name: &Ident) -> Option<&'t ItemStruct> {
    types.iter().find_map(|item| match item {
        Item::Struct(s) if s.ident == *name => Some(s),
        _ => None,
    })
}

/// The name of `types`' type that `ty` is, written inside `types` (`Links`)
/// or outside (`types::Links`).
fn types_name(ty: &Type) -> Option<&Ident> {
    let Type::Path(path) = ty else { return None };
    let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
    match segments[..] {
        [name] if name.arguments.is_empty() => Some(&name.ident),
        [module, name] if module.ident == "types" || module.ident == "super" => Some(&name.ident),
        _ => None,
    }
}

/// The fields from the struct `root` along the members `names` (as the
/// spec names them), and the type of the last without its `Option`.
fn walk<'t>(
    types: &'t [Item],
    root: &'t Ident,
    names: &[String],
) -> Result<(Vec<Step>, &'t Type), String> {
    let mut steps = Vec::new();
    let mut current = root;
    let mut found: Option<&Type> = None;
    for (index, name) in names.iter().enumerate() {
        let here = pointer(&names[..index]);
        let shape = find_struct(types, current)
            .ok_or_else(|| format!("{here} is not an object with named members"))?;
        let field = shape
            .fields
            .iter()
            .find(|field| serde_name(field).as_deref() == Some(name))
            .ok_or_else(|| format!("{} is not in its schema", pointer(&names[..=index])))?;
        let inner = option_inner(&field.ty);
        steps.push(Step {
            field: field.ident.clone().expect("named fields"),
            optional: inner.is_some(),
        });
        let ty = inner.unwrap_or(&field.ty);
        found = Some(ty);
        if index + 1 < names.len() {
            current = types_name(ty).ok_or_else(|| {
                format!(
                    "{} is not an object with named members",
                    pointer(&names[..=index])
                )
            })?;
        }
    }
    let ty = found.ok_or_else(|| "an empty pointer names no member".to_owned())?;
    Ok((steps, ty))
}

/// The member a field reads: its `#[serde(rename = "…")]`, or its name.
fn serde_name(field: &syn::Field) -> Option<String> {
    let mut renamed = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                renamed = Some(value.value());
            } else if meta.input.peek(syn::Token![=]) {
                // Skip the value of another `key = value`.
                let _: Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    renamed.or_else(|| {
        let ident = field.ident.as_ref()?.to_string();
        Some(ident.strip_prefix("r#").unwrap_or(&ident).to_owned())
    })
}

/// The spec name of each query parameter of progenitor's method, with the
/// argument it sends: `QueryParam::new("page[after]", &page_after)`.
fn query_parameters(method: &syn::ImplItemFn) -> BTreeMap<String, Ident> {
    struct Finder(BTreeMap<String, Ident>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            let is_query_param = matches!(&*call.func, Expr::Path(p)
                if p.path.segments.iter().rev().take(2).map(|s| s.ident.to_string()).eq(["new", "QueryParam"]));
            if is_query_param
                && let [Expr::Lit(name), Expr::Reference(value)] =
                    call.args.iter().collect::<Vec<_>>()[..]
                && let Lit::Str(name) = &name.lit
                && let Expr::Path(value) = &*value.expr
                && let Some(ident) = value.path.get_ident()
            {
                self.0.insert(name.value(), ident.clone());
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut finder = Finder(BTreeMap::new());
    finder.visit_block(&method.block);
    finder.0
}

/// Whether a value of `ty` is `Copy`, so that each page can take it
/// without a clone: references, numbers, and `types`' types that derive
/// `Copy`, or `Option`s of those.
fn is_copy(ty: &Type, types: &[Item]) -> bool {
    const COPY: &[&str] = &[
        "bool",
        "char",
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "NonZeroU8",
        "NonZeroU16",
        "NonZeroU32",
        "NonZeroU64",
        "NonZeroU128",
        "NonZeroUsize",
        "NonZeroI8",
        "NonZeroI16",
        "NonZeroI32",
        "NonZeroI64",
        "NonZeroI128",
        "NonZeroIsize",
        "Uuid",
        "NaiveDate",
        "NaiveTime",
        "NaiveDateTime",
        "DateTime",
    ];
    match ty {
        Type::Reference(reference) => reference.mutability.is_none(),
        Type::Path(path) => {
            if let Some(inner) = option_inner(ty) {
                return is_copy(inner, types);
            }
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let in_types = path.path.segments.len() == 2 && path.path.segments[0].ident == "types";
            if in_types {
                return types.iter().any(|item| match item {
                    Item::Struct(s) if s.ident == last.ident => derives_copy(&s.attrs),
                    Item::Enum(e) if e.ident == last.ident => derives_copy(&e.attrs),
                    _ => false,
                });
            }
            COPY.iter().any(|name| last.ident == name)
        }
        _ => false,
    }
}

fn derives_copy(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|attr| {
            let mut copy = false;
            let _ = attr.parse_nested_meta(|meta| {
                copy |= meta.path.segments.last().is_some_and(|s| s.ident == "Copy");
                Ok(())
            });
            copy
        })
}

/// `ty` as code outside `types` writes it: each of `types`' types named
/// from there (`Session` → `types::Session`).
fn qualified(ty: &Type, types: &[Item]) -> Type {
    use syn::visit_mut::VisitMut;

    struct Qualify<'t>(&'t [Item]);
    impl VisitMut for Qualify<'_> {
        fn visit_type_path_mut(&mut self, path: &mut syn::TypePath) {
            syn::visit_mut::visit_type_path_mut(self, path);
            if path.qself.is_none()
                && path.path.leading_colon.is_none()
                && let [segment] = &path.path.segments.iter().collect::<Vec<_>>()[..]
                && self
                    .0
                    .iter()
                    .any(|item| item_name(item) == Some(&segment.ident))
            {
                let segment = (*segment).clone();
                *path = syn::parse_quote!(types::#segment);
            }
        }
    }
    let mut ty = ty.clone();
    Qualify(types).visit_type_mut(&mut ty);
    ty
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_streams_go_and_page_methods_stay() {
        let mut file: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn list_dogs<'a>(&'a self, size: types::Size) -> Result<ResponseValue<types::DogPage>, Error<()>> {
                    todo!()
                }
                pub fn list_dogs_stream<'a>(&'a self, size: types::Size)
                    -> impl futures::Stream<Item = Result<types::Dog, Error<()>>> + Unpin + 'a {
                    use futures::StreamExt;
                    todo!()
                }
            }
        };
        assert!(mentions_crate(&file, "futures"));
        remove(&mut file);
        let Item::Impl(block) = &file.items[0] else {
            panic!("no impl")
        };
        let names: Vec<String> = block
            .items
            .iter()
            .filter_map(|item| match item {
                ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["list_dogs"]);
        assert!(!mentions_crate(&file, "futures"));
    }
}
