//! What prettyplease leaves to a careful hand, so that generated code reads
//! like code written by one: doc comments as `///` lines, no type suffix on
//! a literal whose place gives its type, the `//` comments emitters ask for,
//! and a blank line between items.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{AttrStyle, Attribute, Expr, ExprLit, Item, Lit, LitInt, LitStr, Pat};

/// How wide the text of a comment made by [`comment`] may be; with the
/// indentation it stays within the 100 columns rustfmt keeps code to.
const COMMENT_WIDTH: usize = 80;

/// Calls whose one argument has a single integer type, or (httpmock's
/// `status`) takes any integer that converts to one: a suffix on a literal
/// argument says nothing the call does not.
const TYPED_ARGUMENT: [&str; 4] = ["from_millis", "from_secs", "status", "with_capacity"];

/// A `//` comment, to put before an item, a field or a statement in the
/// code an emitter writes: `quote! { #why mod api; }`. Token streams carry no
/// comments; prettyplease prints each `#[comment = "..."]` attribute as a
/// `//` line, so the comment goes as one such attribute per line, its words
/// wrapped to [`COMMENT_WIDTH`].
pub(crate) fn comment(text: &str) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= COMMENT_WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(format!(" {word}")),
        }
    }
    quote! { #(#[comment = #lines])* }
}

/// Tidies the syntax tree before prettyplease prints it: each doc comment
/// becomes `///` lines (prettyplease prints a doc with line breaks as a
/// `/** */` block) with a space after the slashes, placed before the other
/// attributes; and integer literals lose suffixes their place makes
/// redundant (`200u16 =>` in a `match` on a `u16`, `from_secs(10u64)`).
pub(super) fn tidy(file: &mut syn::File) {
    Tidy.visit_file_mut(file);
}

struct Tidy;

impl VisitMut for Tidy {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        docs_as_lines(&mut file.attrs);
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mut(&mut self, item: &mut Item) {
        if let Some(attrs) = item_attrs(item) {
            docs_as_lines(attrs);
        }
        visit_mut::visit_item_mut(self, item);
    }

    fn visit_impl_item_mut(&mut self, item: &mut syn::ImplItem) {
        match item {
            syn::ImplItem::Const(i) => docs_as_lines(&mut i.attrs),
            syn::ImplItem::Fn(i) => docs_as_lines(&mut i.attrs),
            syn::ImplItem::Type(i) => docs_as_lines(&mut i.attrs),
            syn::ImplItem::Macro(i) => docs_as_lines(&mut i.attrs),
            _ => {}
        }
        visit_mut::visit_impl_item_mut(self, item);
    }

    fn visit_trait_item_mut(&mut self, item: &mut syn::TraitItem) {
        match item {
            syn::TraitItem::Const(i) => docs_as_lines(&mut i.attrs),
            syn::TraitItem::Fn(i) => docs_as_lines(&mut i.attrs),
            syn::TraitItem::Type(i) => docs_as_lines(&mut i.attrs),
            syn::TraitItem::Macro(i) => docs_as_lines(&mut i.attrs),
            _ => {}
        }
        visit_mut::visit_trait_item_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        docs_as_lines(&mut field.attrs);
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        docs_as_lines(&mut variant.attrs);
        visit_mut::visit_variant_mut(self, variant);
    }

    fn visit_pat_mut(&mut self, pat: &mut Pat) {
        // A literal pattern has the type of what is matched.
        if let Pat::Lit(ExprLit { lit, .. }) = pat {
            unsuffix(lit);
        }
        visit_mut::visit_pat_mut(self, pat);
    }

    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        let name = match &*call.func {
            Expr::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        if call.args.len() == 1 && name.is_some_and(|name| TYPED_ARGUMENT.contains(&&*name)) {
            unsuffix_argument(&mut call.args[0]);
        }
        visit_mut::visit_expr_call_mut(self, call);
    }

    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        let name = call.method.to_string();
        if call.args.len() == 1 && TYPED_ARGUMENT.contains(&name.as_str()) {
            unsuffix_argument(&mut call.args[0]);
        }
        visit_mut::visit_expr_method_call_mut(self, call);
    }
}

/// The attributes of an item, for the kinds that have them.
fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// The text of a `#[doc = "..."]` attribute.
fn doc_text(attr: &Attribute) -> Option<String> {
    let syn::Meta::NameValue(meta) = &attr.meta else {
        return None;
    };
    if !meta.path.is_ident("doc") {
        return None;
    }
    match &meta.value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

/// Rewrites the doc attributes of one node as one attribute a line, each
/// line behind a space (unless every line has one already, so indentation
/// inside the doc keeps its meaning), without trailing blank lines, before
/// the node's other attributes. rustdoc reads the same text from them.
fn docs_as_lines(attrs: &mut Vec<Attribute>) {
    let is_doc = |attr: &Attribute| attr.path().is_ident("doc");
    // A doc that is not a plain string (`include_str!`) is left in place,
    // and so is the rest of the node's documentation with it.
    if !attrs.iter().any(is_doc) || attrs.iter().any(|a| is_doc(a) && doc_text(a).is_none()) {
        return;
    }
    let mut docs = Vec::new();
    for inner in [true, false] {
        let mut lines: Vec<String> = attrs
            .iter()
            .filter(|attr| matches!(attr.style, AttrStyle::Inner(_)) == inner)
            .filter_map(doc_text)
            .flat_map(|text| text.split('\n').map(str::to_owned).collect::<Vec<_>>())
            .map(|line| line.trim_end().to_owned())
            .collect();
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        let indent = if lines.iter().all(|l| l.is_empty() || l.starts_with(' ')) {
            ""
        } else {
            " "
        };
        for line in lines {
            let text = if line.is_empty() {
                line
            } else {
                format!("{indent}{line}")
            };
            let text = LitStr::new(&text, Span::call_site());
            docs.push(if inner {
                syn::parse_quote!(#![doc = #text])
            } else {
                syn::parse_quote!(#[doc = #text])
            });
        }
    }
    attrs.retain(|attr| !is_doc(attr));
    attrs.splice(0..0, docs);
}

fn unsuffix_argument(argument: &mut Expr) {
    if let Expr::Lit(ExprLit { lit, .. }) = argument {
        unsuffix(lit);
    }
}

/// `10u64` → `10`.
fn unsuffix(lit: &mut Lit) {
    if let Lit::Int(int) = lit
        && !int.suffix().is_empty()
    {
        *int = LitInt::new(int.base10_digits(), int.span());
    }
}

/// `text`, prettyplease's output, with a blank line before each item that
/// follows another, or follows its container's inner documentation.
/// Consecutive `use` declarations stay together, as do consecutive `mod`
/// declarations without attributes: each is one list. Comments right above
/// an item stay with it.
pub(super) fn space_items(text: &str) -> String {
    // prettyplease's output parses; if it ever did not, it is left as it is.
    let Ok(file) = syn::parse_file(text) else {
        return text.to_owned();
    };
    let mut spacer = Spacer::default();
    spacer.items(!file.attrs.is_empty(), file.items.iter().map(Entry::Item));
    spacer.visit_file(&file);

    let lines: Vec<&str> = text.lines().collect();
    let mut blank_before = BTreeSet::new();
    for line in spacer.starts {
        // 1-based; walk up over the `//` comments that belong to the item.
        let mut index = line - 1;
        while index > 0 && is_plain_comment(lines[index - 1]) {
            index -= 1;
        }
        if index > 0 && !lines[index - 1].trim().is_empty() {
            blank_before.insert(index);
        }
    }
    let mut out = String::with_capacity(text.len() + blank_before.len());
    for (index, line) in lines.iter().enumerate() {
        if blank_before.contains(&index) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn is_plain_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("//") && !line.starts_with("///") && !line.starts_with("//!")
}

/// The line numbers (1-based) of items to put a blank line before.
#[derive(Default)]
struct Spacer {
    starts: Vec<usize>,
}

/// An item of any kind of container.
enum Entry<'a> {
    Item(&'a Item),
    Impl(&'a syn::ImplItem),
    Trait(&'a syn::TraitItem),
}

impl Entry<'_> {
    /// The line the entry starts on: its first outer attribute's, or its
    /// first keyword's. Read from the token that starts it, without turning
    /// the whole entry into tokens (a module holds most of the file).
    fn first_line(&self) -> Option<usize> {
        let span = match self {
            Entry::Item(item) => item_start(item),
            Entry::Impl(item) => impl_item_start(item),
            Entry::Trait(item) => trait_item_start(item),
        };
        let span = span.or_else(|| {
            let tokens = match self {
                Entry::Item(item) => item.to_token_stream(),
                Entry::Impl(item) => item.to_token_stream(),
                Entry::Trait(item) => item.to_token_stream(),
            };
            Some(tokens.into_iter().next()?.span())
        })?;
        Some(span.start().line)
    }

    /// Whether this and `next` belong to one list, without a blank line
    /// between them.
    fn listed_with(&self, next: &Entry<'_>) -> bool {
        let bare_mod =
            |item: &Item| matches!(item, Item::Mod(m) if m.content.is_none() && m.attrs.is_empty());
        match (self, next) {
            (Entry::Item(Item::Use(_)), Entry::Item(Item::Use(_))) => true,
            (Entry::Item(a), Entry::Item(b)) => bare_mod(a) && bare_mod(b),
            _ => false,
        }
    }
}

impl Spacer {
    fn items<'a>(&mut self, after_inner_docs: bool, entries: impl Iterator<Item = Entry<'a>>) {
        let mut previous: Option<Entry<'a>> = None;
        for entry in entries {
            let blank = match &previous {
                Some(previous) => !previous.listed_with(&entry),
                None => after_inner_docs,
            };
            if blank && let Some(line) = entry.first_line() {
                self.starts.push(line);
            }
            previous = Some(entry);
        }
    }
}

fn outer_attribute(attrs: &[Attribute]) -> Option<Span> {
    attrs
        .iter()
        .find(|a| matches!(a.style, AttrStyle::Outer))
        .map(|a| a.pound_token.span)
}

fn visibility(vis: &syn::Visibility) -> Option<Span> {
    match vis {
        syn::Visibility::Public(token) => Some(token.span),
        syn::Visibility::Restricted(restricted) => Some(restricted.pub_token.span),
        syn::Visibility::Inherited => None,
    }
}

fn signature(sig: &syn::Signature) -> Span {
    sig.constness
        .map(|t| t.span)
        .or(sig.asyncness.map(|t| t.span))
        .or(sig.unsafety.map(|t| t.span))
        .or(sig.abi.as_ref().map(|abi| abi.extern_token.span))
        .unwrap_or(sig.fn_token.span)
}

fn macro_path(mac: &syn::Macro) -> Option<Span> {
    match mac.path.leading_colon {
        Some(colon) => Some(colon.spans[0]),
        None => mac.path.segments.first().map(|s| s.ident.span()),
    }
}

/// Where `item` starts, for the kinds generated code has.
fn item_start(item: &Item) -> Option<Span> {
    let (attrs, vis, keyword) = match item {
        Item::Fn(i) => (&i.attrs, Some(&i.vis), Some(signature(&i.sig))),
        Item::Struct(i) => (&i.attrs, Some(&i.vis), Some(i.struct_token.span)),
        Item::Enum(i) => (&i.attrs, Some(&i.vis), Some(i.enum_token.span)),
        Item::Mod(i) => (
            &i.attrs,
            Some(&i.vis),
            Some(i.unsafety.map_or(i.mod_token.span, |t| t.span)),
        ),
        Item::Use(i) => (&i.attrs, Some(&i.vis), Some(i.use_token.span)),
        Item::Const(i) => (&i.attrs, Some(&i.vis), Some(i.const_token.span)),
        Item::Static(i) => (&i.attrs, Some(&i.vis), Some(i.static_token.span)),
        Item::Type(i) => (&i.attrs, Some(&i.vis), Some(i.type_token.span)),
        Item::Trait(i) => (
            &i.attrs,
            Some(&i.vis),
            Some(
                i.unsafety
                    .map(|t| t.span)
                    .or(i.auto_token.map(|t| t.span))
                    .unwrap_or(i.trait_token.span),
            ),
        ),
        Item::Impl(i) => (
            &i.attrs,
            None,
            Some(
                i.defaultness
                    .map(|t| t.span)
                    .or(i.unsafety.map(|t| t.span))
                    .unwrap_or(i.impl_token.span),
            ),
        ),
        Item::Macro(i) => (&i.attrs, None, macro_path(&i.mac)),
        _ => return None,
    };
    outer_attribute(attrs)
        .or_else(|| vis.and_then(visibility))
        .or(keyword)
}

fn impl_item_start(item: &syn::ImplItem) -> Option<Span> {
    let (attrs, vis, defaultness, keyword) = match item {
        syn::ImplItem::Fn(i) => (&i.attrs, &i.vis, i.defaultness, Some(signature(&i.sig))),
        syn::ImplItem::Const(i) => (&i.attrs, &i.vis, i.defaultness, Some(i.const_token.span)),
        syn::ImplItem::Type(i) => (&i.attrs, &i.vis, i.defaultness, Some(i.type_token.span)),
        syn::ImplItem::Macro(i) => return outer_attribute(&i.attrs).or(macro_path(&i.mac)),
        _ => return None,
    };
    outer_attribute(attrs)
        .or_else(|| visibility(vis))
        .or(defaultness.map(|t| t.span))
        .or(keyword)
}

fn trait_item_start(item: &syn::TraitItem) -> Option<Span> {
    match item {
        syn::TraitItem::Fn(i) => outer_attribute(&i.attrs).or(Some(signature(&i.sig))),
        syn::TraitItem::Const(i) => outer_attribute(&i.attrs).or(Some(i.const_token.span)),
        syn::TraitItem::Type(i) => outer_attribute(&i.attrs).or(Some(i.type_token.span)),
        syn::TraitItem::Macro(i) => outer_attribute(&i.attrs).or(macro_path(&i.mac)),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Spacer {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if let Some((_, items)) = &module.content {
            let inner = module
                .attrs
                .iter()
                .any(|a| matches!(a.style, AttrStyle::Inner(_)));
            self.items(inner, items.iter().map(Entry::Item));
        }
        visit::visit_item_mod(self, module);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        self.items(false, item.items.iter().map(Entry::Impl));
        visit::visit_item_impl(self, item);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.items(false, item.items.iter().map(Entry::Trait));
        visit::visit_item_trait(self, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(tokens: TokenStream) -> String {
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        tidy(&mut file);
        space_items(&prettyplease::unparse(&file))
    }

    #[test]
    fn docs_become_lines_before_other_attributes() {
        let text = laid_out(quote! {
            #[derive(Debug)]
            #[doc = "First line\n\n    indented\n"]
            pub struct Session;
        });
        assert_eq!(
            text,
            "/// First line\n///\n///     indented\n#[derive(Debug)]\npub struct Session;\n"
        );
    }

    #[test]
    fn suffixes_go_where_the_place_gives_the_type() {
        let text = laid_out(quote! {
            fn f(status: u16) -> Duration {
                let kept = 3u64;
                match status {
                    200u16 => Duration::from_secs(10u64),
                    _ => Duration::from_secs(kept),
                }
            }
        });
        assert!(text.contains("let kept = 3u64;"), "{text}");
        assert!(text.contains("200 => Duration::from_secs(10),"), "{text}");
    }

    #[test]
    fn items_are_spaced_and_comments_kept_with_them() {
        let why = comment("A reason worth keeping.");
        let text = laid_out(quote! {
            #![doc = " The module."]
            use a::b;
            use c::d;
            mod e;
            mod f;
            #why
            #[allow(dead_code)]
            struct G;
            impl G {
                fn h() {}
                fn i() {}
            }
        });
        assert_eq!(
            text,
            "//! The module.\n\nuse a::b;\nuse c::d;\n\nmod e;\nmod f;\n\n\
             // A reason worth keeping.\n#[allow(dead_code)]\nstruct G;\n\n\
             impl G {\n    fn h() {}\n\n    fn i() {}\n}\n"
        );
    }

    #[test]
    fn long_comments_wrap() {
        let why = comment(&"word ".repeat(40));
        let lines = why.to_string().matches("comment").count();
        assert_eq!(lines, 3);
    }
}
