//! Opens every string enumeration: typify's closed enums become enums with
//! one more variant that keeps a value the spec does not list, so a server
//! that adds a status does not break decoding. Every enum is also
//! `#[non_exhaustive]`, so a value the spec adds does not break matches.
//! Decoding a value the spec does not list tells the runtime's drift log
//! (`runtime/drift.rs`), with the value unless the enum is personal data.
//!
//! An enum of numbers is typify's newtype whose `TryFrom` checks the
//! listed values, and whose `Deserialize` went through that check: it
//! decodes any number of its type now, and tells the drift log of one the
//! spec does not list. Building one in code is still checked.

use std::collections::BTreeSet;

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::{Fields, Item, ItemEnum, ItemImpl, Type};

use super::syntax::{derives, serde_rename};
use crate::names::type_key;

/// Rewrites, everywhere in `file`, each enum whose variants are all plain
/// names (which typify emits only for string enums) and the conversions
/// typify wrote for it. `personal` holds the [`type_key`]s of the types
/// whose values are personal data: their unlisted values reach the drift
/// log without the value.
pub fn open(file: &mut syn::File, personal: &BTreeSet<String>) {
    open_items(&mut file.items, personal);
}

fn open_items(items: &mut Vec<Item>, personal: &BTreeSet<String>) {
    let numbers = number_enums(items);
    // Sets: a large spec has thousands of enums, and each impl is looked up.
    let opened: HashSet<Ident> = items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) if is_string_enum(e) => Some(e.ident.clone()),
            _ => None,
        })
        .collect();
    let holding: HashSet<Ident> = items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) if !is_string_enum(e) && holds_any(e, &opened) => Some(e.ident.clone()),
            _ => None,
        })
        .collect();
    let listed_only: HashMap<Ident, Vec<(Ident, Ident)>> = items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) if holding.contains(&e.ident) => {
                let variants = listed_only(e, &opened);
                (!variants.is_empty()).then(|| (e.ident.clone(), variants))
            }
            _ => None,
        })
        .collect();
    let mut rewritten = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match item {
            Item::Enum(e) if is_string_enum(&e) => {
                let is_personal = personal.contains(&type_key(&e.ident.to_string()));
                rewritten.extend(open_enum(&e, is_personal));
            }
            // A `oneOf` enum: no catch-all (a shape the spec does not list
            // cannot decode), but an alternative added to the spec is
            // still an addition, not a break, for code that matches it.
            Item::Enum(mut e) => {
                e.attrs.push(syn::parse_quote!(#[non_exhaustive]));
                if let Some(variants) = listed_only.get(&e.ident) {
                    decode_listed_only(&mut e, variants);
                }
                rewritten.push(Item::Enum(e));
            }
            Item::Mod(mut module) => {
                if let Some((_, inner)) = module.content.as_mut() {
                    open_items(inner, personal);
                }
                rewritten.push(Item::Mod(module));
            }
            // typify's Display, FromStr and TryFrom impls match the closed
            // set of values; the open enum brings its own.
            Item::Impl(i) if replaced_conversion(&i, &opened) => {}
            // typify's `FromStr` of a `oneOf` tries each alternative in
            // turn with `if let Ok(v) = value.parse()`; an open enum's parse
            // never fails, so its alternative takes every string, as its
            // `Deserialize` does in the same order, and the compiler warns
            // that the pattern is irrefutable.
            Item::Impl(mut i) if number_decoding(&i, &numbers).is_some() => {
                if let Some((number, listed)) = number_decoding(&i, &numbers) {
                    let name = type_name(&i);
                    let is_personal = personal.contains(&type_key(&name));
                    open_number_decoding(&mut i, number, listed, &name, is_personal);
                }
                rewritten.push(Item::Impl(i));
            }
            Item::Impl(mut i) if implements(&i, "FromStr", &holding) => {
                i.attrs
                    .push(syn::parse_quote!(#[allow(irrefutable_let_patterns)]));
                if let Some(variants) = self_type(&i).and_then(|name| listed_only.get(&name)) {
                    parse_listed_only(&mut i, variants);
                }
                rewritten.push(Item::Impl(i));
            }
            other => rewritten.push(other),
        }
    }
    *items = rewritten;
}

/// typify's newtypes of an enum of numbers, by name: the number's type
/// and the listed values, as its `TryFrom` checks them (`if ![1_i64,
/// 2_i64].contains(&value)`).
fn number_enums(items: &[Item]) -> HashMap<Ident, (Type, syn::Expr)> {
    let mut found = HashMap::new();
    for item in items {
        let Item::Impl(block) = item else { continue };
        let Some((_, trait_path, _)) = &block.trait_ else {
            continue;
        };
        let Some(last) = trait_path.segments.last() else {
            continue;
        };
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            continue;
        };
        let (Some(syn::GenericArgument::Type(number)), Type::Path(self_ty)) =
            (arguments.args.first(), &*block.self_ty)
        else {
            continue;
        };
        let is_number = matches!(number, Type::Path(p)
            if p.path.get_ident().is_some_and(|i| NUMBERS.iter().any(|n| i == n)));
        let Some(ident) = self_ty.path.get_ident() else {
            continue;
        };
        if last.ident != "TryFrom" || !is_number {
            continue;
        }
        if let Some(listed) = listed_values(block) {
            found.insert(ident.clone(), (number.clone(), listed));
        }
    }
    found
}

/// The number types typify gives an enum of numbers.
const NUMBERS: [&str; 10] = [
    "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64",
];

/// The array of listed values in `if ![…].contains(&value)`, the first
/// statement of the `try_from` of `block`.
fn listed_values(block: &ItemImpl) -> Option<syn::Expr> {
    let method = block.items.iter().find_map(|item| match item {
        syn::ImplItem::Fn(method) if method.sig.ident == "try_from" => Some(method),
        _ => None,
    })?;
    let Some(syn::Stmt::Expr(syn::Expr::If(check), _)) = method.block.stmts.first() else {
        return None;
    };
    let syn::Expr::Unary(not) = &*check.cond else {
        return None;
    };
    let syn::Expr::MethodCall(call) = &*not.expr else {
        return None;
    };
    let is_array = matches!(&*call.receiver, syn::Expr::Array(_));
    (call.method == "contains" && is_array).then(|| (*call.receiver).clone())
}

/// For a `Deserialize` impl of one of `numbers`, its number type and
/// listed values.
fn number_decoding<'n>(
    item: &ItemImpl,
    numbers: &'n HashMap<Ident, (Type, syn::Expr)>,
) -> Option<(&'n Type, &'n syn::Expr)> {
    let Type::Path(self_ty) = &*item.self_ty else {
        return None;
    };
    let (_, trait_path, _) = item.trait_.as_ref()?;
    if trait_path.segments.last()?.ident != "Deserialize" {
        return None;
    }
    let (number, listed) = numbers.get(self_ty.path.get_ident()?)?;
    Some((number, listed))
}

fn type_name(item: &ItemImpl) -> String {
    match &*item.self_ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Rewrites the `deserialize` of `item` to take any `number`, telling the
/// drift log of one not among `listed`.
fn open_number_decoding(
    item: &mut ItemImpl,
    number: &Type,
    listed: &syn::Expr,
    name: &str,
    is_personal: bool,
) {
    let shown = if is_personal {
        quote!(::std::option::Option::None)
    } else {
        quote!(::std::option::Option::Some(&value.to_string()))
    };
    for member in &mut item.items {
        let syn::ImplItem::Fn(method) = member else {
            continue;
        };
        if method.sig.ident != "deserialize" {
            continue;
        }
        method.block = syn::parse_quote!({
            // A value the spec does not list decodes too, as an open
            // string enum's does; the drift log hears of it.
            let ::std::option::Option::Some(deserializer) =
                crate::runtime::drift::reading_enum_value(deserializer)?
            else {
                return Ok(Self(::std::default::Default::default()));
            };
            let value = <#number as ::serde::Deserialize>::deserialize(deserializer)?;
            if !#listed.contains(&value) {
                crate::runtime::drift::unlisted_value(#name, #shown);
            }
            Ok(Self(value))
        });
    }
}

fn is_string_enum(e: &ItemEnum) -> bool {
    !e.variants.is_empty()
        && e.variants.iter().all(|v| matches!(v.fields, Fields::Unit))
        && derives(&e.attrs, "Deserialize")
        // Tagged or untagged serde enums are not plain strings on the wire.
        && !e.attrs.iter().any(|a| a.path().is_ident("serde"))
}

/// Whether a variant of `e` holds one of the `opened` enums.
fn holds_any(e: &ItemEnum, opened: &HashSet<Ident>) -> bool {
    e.variants.iter().any(|v| {
        v.fields.iter().any(|field| {
            matches!(&field.ty, Type::Path(p)
                if p.path.segments.last().is_some_and(|s| opened.contains(&s.ident)))
        })
    })
}

/// The alternatives of an untagged `oneOf` that must take only the values
/// their open enum lists, each variant with the enum it holds: those that a
/// later alternative could also take a string for (another open enum, a
/// `String`). serde, and typify's `FromStr`, try the alternatives in order,
/// and an open enum takes every string: a value the later one lists read as
/// the first one's unlisted value (Okta's JWK `alg`, a signing algorithm or
/// an encryption one). A value none lists is still read, by the last
/// alternative that takes strings.
fn listed_only(e: &ItemEnum, opened: &HashSet<Ident>) -> Vec<(Ident, Ident)> {
    let untagged = e.attrs.iter().any(|attr| {
        attr.path().is_ident("serde")
            && attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                )
                .is_ok_and(|metas| metas.iter().any(|meta| meta.path().is_ident("untagged")))
    });
    if !untagged {
        return Vec::new();
    }
    // The type a variant holds alone, `Name(Type)`, as its last segment.
    let held: Vec<Option<Ident>> = e
        .variants
        .iter()
        .map(|variant| {
            let Fields::Unnamed(fields) = &variant.fields else {
                return None;
            };
            let [field] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
                return None;
            };
            let Type::Path(path) = &field.ty else {
                return None;
            };
            let last = path.path.segments.last()?;
            matches!(last.arguments, syn::PathArguments::None).then(|| last.ident.clone())
        })
        .collect();
    let open = |ty: &Option<Ident>| ty.as_ref().is_some_and(|ty| opened.contains(ty));
    let takes_strings =
        |ty: &Option<Ident>| open(ty) || ty.as_ref().is_some_and(|ty| ty == "String");
    e.variants
        .iter()
        .zip(&held)
        .enumerate()
        .filter(|(index, (_, ty))| open(ty) && held[index + 1..].iter().any(takes_strings))
        .filter_map(|(_, (variant, ty))| Some((variant.ident.clone(), ty.clone()?)))
        .collect()
}

/// Has each of the `variants` of `e` decode only the values its open enum
/// lists ([`listed_only`]).
fn decode_listed_only(e: &mut ItemEnum, variants: &[(Ident, Ident)]) {
    for variant in &mut e.variants {
        if variants.iter().any(|(name, _)| *name == variant.ident) {
            variant.attrs.push(syn::parse_quote!(
                #[serde(deserialize_with = "crate::runtime::open_enums::listed_only")]
            ));
        }
    }
}

/// Has typify's `FromStr` of a `oneOf` parse each of the `variants` only
/// from a value its open enum lists ([`listed_only`]): each alternative is
/// `if let Ok(v) = value.parse() { Ok(Self::Variant(v)) }`, and becomes
/// `if let Some(v) = Enum::listed(value) { … }`.
fn parse_listed_only(block: &mut ItemImpl, variants: &[(Ident, Ident)]) {
    struct Alternatives<'v>(&'v [(Ident, Ident)]);
    impl syn::visit_mut::VisitMut for Alternatives<'_> {
        fn visit_expr_if_mut(&mut self, branch: &mut syn::ExprIf) {
            let then = &branch.then_branch;
            let then = quote!(#then).to_string();
            let held = self
                .0
                .iter()
                .find(|(variant, _)| then.contains(&format!("Self :: {variant} (")));
            if let (syn::Expr::Let(binding), Some((_, ty))) = (&mut *branch.cond, held)
                && is_parse_of_value(&binding.expr)
            {
                // The open enum's own `listed`, beside it in the module.
                *binding.pat = syn::parse_quote!(Some(v));
                *binding.expr = syn::parse_quote!(#ty::listed(value));
            }
            syn::visit_mut::visit_expr_if_mut(self, branch);
        }
    }
    syn::visit_mut::VisitMut::visit_item_impl_mut(&mut Alternatives(variants), block);
}

/// Whether `expr` is `value.parse()`.
fn is_parse_of_value(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::MethodCall(call)
        if call.method == "parse"
            && call.args.is_empty()
            && matches!(&*call.receiver, syn::Expr::Path(path) if path.path.is_ident("value")))
}

/// The type an impl is for, when it is a plain name.
fn self_type(item: &ItemImpl) -> Option<Ident> {
    match &*item.self_ty {
        Type::Path(path) => path.path.get_ident().cloned(),
        _ => None,
    }
}

/// Whether `item` implements the trait `name` for one of `types`.
fn implements(item: &ItemImpl, name: &str, types: &HashSet<Ident>) -> bool {
    let Some((_, trait_path, _)) = &item.trait_ else {
        return false;
    };
    let Type::Path(self_ty) = &*item.self_ty else {
        return false;
    };
    trait_path.segments.last().is_some_and(|s| s.ident == name)
        && self_ty
            .path
            .get_ident()
            .is_some_and(|ident| types.contains(ident))
}

fn replaced_conversion(item: &ItemImpl, opened: &HashSet<Ident>) -> bool {
    let Some((_, trait_path, _)) = &item.trait_ else {
        return false;
    };
    let Type::Path(self_ty) = &*item.self_ty else {
        return false;
    };
    let is_opened = self_ty
        .path
        .get_ident()
        .is_some_and(|ident| opened.contains(ident));
    let trait_name = trait_path.segments.last().map(|s| s.ident.to_string());
    is_opened
        && matches!(
            trait_name.as_deref(),
            Some("Display" | "FromStr" | "TryFrom")
        )
}

fn open_enum(e: &ItemEnum, is_personal: bool) -> Vec<Item> {
    let name = &e.ident;
    let vis = &e.vis;
    let docs = e.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let idents: Vec<Ident> = e.variants.iter().map(|v| camel_case(&v.ident)).collect();
    let idents: Vec<&Ident> = idents.iter().collect();
    // The wire value of a variant: its `#[serde(rename)]`, or its name.
    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| serde_rename(&v.attrs).unwrap_or_else(|| v.ident.to_string()))
        .collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    let unknown = unknown_variant(&idents);
    let unknown_doc = format!(
        " A value the spec does not list, kept as the server sent it. \
         [`{name}::from`] never makes this from a listed value."
    );

    // The runtime's `open_enum!` writes the rest: what every open enum has
    // the same, written once there rather than a hundred lines an enum.
    let personal = is_personal.then(|| quote!(, personal));
    let tokens: TokenStream = quote! {
        #(#docs)*
        #[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        // A value added to the spec becomes a variant; downstream matches
        // already have the wildcard arm that makes that an addition.
        #[non_exhaustive]
        #vis enum #name {
            #(#[doc = #variant_docs] #idents,)*
            #[doc = #unknown_doc]
            #unknown(::std::string::String),
        }

        impl #name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// The variant of a value the spec lists.
            fn listed(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#values => ::std::option::Option::Some(Self::#idents),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        crate::runtime::open_enum!(#name, #unknown #personal);
    };
    syn::parse2::<syn::File>(tokens)
        .expect("the open enum is valid Rust")
        .items
}

/// typify names the values `+1` and `-1` `plus1` and `minus1` (GitHub's
/// reactions), which rustc warns are not camel case: `Plus1`, `Minus1`.
fn camel_case(ident: &Ident) -> Ident {
    match ident.to_string().as_str() {
        "plus1" => Ident::new("Plus1", ident.span()),
        "minus1" => Ident::new("Minus1", ident.span()),
        _ => ident.clone(),
    }
}

/// `Unknown`, unless the spec already lists a value named so.
fn unknown_variant(taken: &[&Ident]) -> Ident {
    ["Unknown", "Other", "Unlisted"]
        .iter()
        .map(|name| format_ident!("{name}"))
        .find(|candidate| !taken.contains(&candidate))
        .unwrap_or_else(|| format_ident!("UnlistedValue"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_value_named_unknown_moves_the_catch_all_aside() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
            pub enum Level { Unknown, Other, High }
        };
        open(&mut file, &BTreeSet::new());
        let text = quote!(#file).to_string();
        assert!(
            text.contains("Unlisted (:: std :: string :: String)"),
            "{text}"
        );
    }

    #[test]
    fn plus_one_and_minus_one_are_camel_case() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
            pub enum ReactionContent {
                #[serde(rename = "+1")]
                plus1,
                #[serde(rename = "-1")]
                minus1,
                #[serde(rename = "laugh")]
                Laugh,
            }
        };
        open(&mut file, &BTreeSet::new());
        let text = quote!(#file).to_string();
        assert!(
            text.contains("Self :: Plus1 => \"+1\" , Self :: Minus1 => \"-1\""),
            "{text}"
        );
        assert!(
            !text.contains("plus1") && !text.contains("minus1"),
            "{text}"
        );
    }

    #[test]
    fn tagged_enums_keep_their_variants_and_become_non_exhaustive() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize)]
            #[serde(tag = "kind")]
            pub enum Shape { Circle, Square }
        };
        open(&mut file, &BTreeSet::new());
        let expected: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize)]
            #[serde(tag = "kind")]
            #[non_exhaustive]
            pub enum Shape { Circle, Square }
        };
        assert_eq!(quote!(#file).to_string(), quote!(#expected).to_string());
    }

    /// The call of the runtime's `open_enum!`, which writes the enum's
    /// `Deserialize`, the one that tells the drift log of an unlisted value.
    fn runtime_call(file: &syn::File) -> String {
        let text = quote!(#file).to_string();
        let start = text
            .find("open_enum !")
            .unwrap_or_else(|| panic!("no call of open_enum! in {text}"));
        let end = start + text[start..].find(';').unwrap();
        text[start..end].to_owned()
    }

    #[test]
    fn unlisted_values_reach_the_drift_log_without_the_value_when_personal() {
        let level: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
            pub enum Level { Low, High }
        };
        let mut open_level = level.clone();
        open(&mut open_level, &BTreeSet::new());
        assert_eq!(runtime_call(&open_level), "open_enum ! (Level , Unknown) ");

        let mut personal_level = level;
        open(&mut personal_level, &BTreeSet::from(["level".to_owned()]));
        assert_eq!(
            runtime_call(&personal_level),
            "open_enum ! (Level , Unknown , personal) "
        );
    }

    #[test]
    fn an_open_enum_before_another_string_alternative_decodes_only_what_it_lists() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
            pub enum SigningAlg { Rs256 }
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
            pub enum EncryptionAlg { RsaOaep }
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
            #[serde(untagged)]
            pub enum Alg {
                SigningAlg(SigningAlg),
                Count(i64),
                EncryptionAlg(EncryptionAlg),
                Other(::std::string::String),
            }
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
            #[serde(untagged)]
            pub enum AlgOrCount {
                SigningAlg(SigningAlg),
                Count(i64),
            }
        };
        let mut from_str: syn::File = syn::parse_quote! {
            impl ::std::str::FromStr for Alg {
                type Err = ConversionError;
                fn from_str(value: &str) -> Result<Self, ConversionError> {
                    if let Ok(v) = value.parse() {
                        Ok(Self::SigningAlg(v))
                    } else if let Ok(v) = value.parse() {
                        Ok(Self::Count(v))
                    } else if let Ok(v) = value.parse() {
                        Ok(Self::EncryptionAlg(v))
                    } else if let Ok(v) = value.parse() {
                        Ok(Self::Other(v))
                    } else {
                        Err("string conversion failed for all variants".into())
                    }
                }
            }
        };
        file.items.append(&mut from_str.items);
        open(&mut file, &BTreeSet::new());
        let parsed = file
            .items
            .iter()
            .find_map(|item| match item {
                Item::Impl(block) if block.trait_.is_some() => Some(quote!(#block).to_string()),
                _ => None,
            })
            .expect("the FromStr impl");
        assert_eq!(parsed.matches(":: listed (value)").count(), 2, "{parsed}");
        for alternative in ["SigningAlg", "EncryptionAlg"] {
            assert!(
                parsed.contains(&format!(
                    "if let Some (v) = {alternative} :: listed (value) {{ Ok (Self :: {alternative} (v)) }}"
                )),
                "{parsed}"
            );
        }
        let marked = |name: &str| -> Vec<String> {
            let found = file.items.iter().find_map(|item| match item {
                Item::Enum(e) if e.ident == name => Some(e),
                _ => None,
            });
            let e = found.unwrap_or_else(|| panic!("no {name}"));
            e.variants
                .iter()
                .filter(|v| {
                    v.attrs
                        .iter()
                        .any(|a| quote!(#a).to_string().contains("listed_only"))
                })
                .map(|v| v.ident.to_string())
                .collect()
        };
        // Each before a later one that takes strings; the last open enum
        // before `Other` too, which then keeps what none lists.
        assert_eq!(marked("Alg"), ["SigningAlg", "EncryptionAlg"]);
        // Alone among strings: it keeps every string, listed or not.
        assert!(marked("AlgOrCount").is_empty());
    }

    #[test]
    fn open_enums_are_non_exhaustive() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
            pub enum Level { Low, High }
        };
        open(&mut file, &BTreeSet::new());
        let Some(Item::Enum(level)) = file.items.first() else {
            panic!("no enum first")
        };
        assert!(
            level
                .attrs
                .iter()
                .any(|a| a.path().is_ident("non_exhaustive"))
        );
    }
}
