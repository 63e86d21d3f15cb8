//! Lets the types grow: every struct of `types` becomes
//! `#[non_exhaustive]`, so that a member the spec adds is no new field for
//! users' struct literals to name, and gets a builder instead, through the
//! runtime's `builder!`: `Name::new` takes the required members (a member
//! the spec adds as required changes it, which the compiler points out),
//! and a method named after each optional member sets it.
//!
//! The generator writes its own builder rather than typify's
//! (`TypeSpaceSettings::with_struct_builder`) for two reasons: typify's
//! checks required members when `build()` runs and fails with an error,
//! where this one does not compile without them; and typify's spells out
//! a builder struct, its `Default`, a setter per member and two
//! conversions for every struct, which would add about half again to the
//! code of a large spec's crate, where one `builder!` line per struct
//! adds a few percent. Fields stay public: a response is read, and a value
//! built in a test changed, as before.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Fields, Item, ItemStruct, Type};

use super::syntax::serde_default;

/// Makes each struct with named fields in `file`'s `types` module
/// `#[non_exhaustive]` and gives it its `builder!`.
pub fn add(file: &mut syn::File) {
    for item in &mut file.items {
        if let Item::Mod(module) = item
            && module.ident == "types"
            && let Some((_, items)) = module.content.as_mut()
        {
            add_to(items);
        }
    }
}

fn add_to(items: &mut Vec<Item>) {
    let mut with_builders = Vec::with_capacity(items.len() * 2);
    for item in items.drain(..) {
        match item {
            Item::Struct(mut s) if matches!(s.fields, Fields::Named(_)) => {
                if !s.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
                    s.attrs.push(syn::parse_quote!(#[non_exhaustive]));
                }
                let builder = builder(&s);
                with_builders.push(Item::Struct(s));
                with_builders.push(syn::parse_quote!(#builder));
            }
            other => with_builders.push(other),
        }
    }
    *items = with_builders;
}

/// `crate::runtime::builder!(Name(required: Type, ..) optional: Inner, ..;
/// defaulted: Type = default_function, ..);`: the members in that order,
/// each list in the order of the fields; a member whose default is its
/// type's has no `= ..`.
fn builder(s: &ItemStruct) -> TokenStream {
    let (mut required, mut optional, mut defaulted) = (Vec::new(), Vec::new(), Vec::new());
    for field in &s.fields {
        let (Some(ident), ty) = (&field.ident, &field.ty) else {
            continue;
        };
        // The constructor is `new`: a member of that name is set by another.
        let setter = (ident == "new").then(|| quote!(as with_new));
        if let Some(inner) = option_inner(ty) {
            optional.push(quote!(#ident #setter: #inner));
        } else if let Some(default) = serde_default(&field.attrs) {
            let value = default.map(|path| quote!(= #path));
            defaulted.push(quote!(#ident #setter: #ty #value));
        } else {
            required.push(quote!(#ident: #ty));
        }
    }
    let name = &s.ident;
    let defaulted = (!defaulted.is_empty()).then(|| quote!(; #(#defaulted),*));
    quote!(crate::runtime::builder!(#name(#(#required),*) #(#optional),* #defaulted);)
}

/// `T` when `ty` is `Option<T>` (typify spells it `::std::option::Option`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner))
            if last.ident == "Option" && args.args.len() == 1 =>
        {
            Some(inner)
        }
        _ => None,
    }
}
