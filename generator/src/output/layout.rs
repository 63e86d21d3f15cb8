//! What prettyplease leaves to a careful hand, so that generated code reads
//! like code written by one: doc comments as `///` lines, no type suffix on
//! a literal whose place gives its type, the `//` comments emitters ask for,
//! and a blank line between items.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{AttrStyle, Attribute, Expr, ExprLit, Item, Lit, LitInt, LitStr, Pat};

use crate::rewrite::syntax::doc_text;

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
        if let Some(attrs) = impl_item_attrs(item) {
            docs_as_lines(attrs);
        }
        visit_mut::visit_impl_item_mut(self, item);
    }

    fn visit_trait_item_mut(&mut self, item: &mut syn::TraitItem) {
        if let Some(attrs) = trait_item_attrs(item) {
            docs_as_lines(attrs);
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
            Expr::Path(path) => path.path.segments.last().map(|s| &s.ident),
            _ => None,
        };
        if call.args.len() == 1 && name.is_some_and(has_typed_argument) {
            unsuffix_argument(&mut call.args[0]);
        }
        visit_mut::visit_expr_call_mut(self, call);
    }

    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        if call.args.len() == 1 && has_typed_argument(&call.method) {
            unsuffix_argument(&mut call.args[0]);
        }
        visit_mut::visit_expr_method_call_mut(self, call);
    }
}

/// Whether the function `name` is one of [`TYPED_ARGUMENT`], compared
/// without turning every call's name into a string.
fn has_typed_argument(name: &Ident) -> bool {
    TYPED_ARGUMENT.iter().any(|typed| name == typed)
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

/// Rewrites the doc attributes of one node as one attribute a line, each
/// line behind a space (unless every line has one already, so indentation
/// inside the doc keeps its meaning), without trailing blank lines, before
/// the node's other attributes. rustdoc reads the same text from them.
fn docs_as_lines(attrs: &mut Vec<Attribute>) {
    let is_doc = |attr: &Attribute| attr.path().is_ident("doc");
    // Each text is read once: reading a string literal parses its escapes.
    let mut texts: Vec<(bool, String)> = Vec::new();
    for attr in attrs.iter().filter(|attr| is_doc(attr)) {
        // A doc that is not a plain string (`include_str!`) is left in
        // place, and so is the rest of the node's documentation with it.
        let Some(text) = doc_text(attr) else {
            return;
        };
        texts.push((matches!(attr.style, AttrStyle::Inner(_)), text));
    }
    if texts.is_empty() {
        return;
    }
    if already_lines(&texts) {
        // Most docs are written a line an attribute already (every `///`
        // of the generator's own code): only their place may change, and
        // making each literal again took a tenth of the layout.
        let (docs, others): (Vec<Attribute>, Vec<Attribute>) =
            attrs.drain(..).partition(|attr| is_doc(attr));
        let (inner, outer): (Vec<Attribute>, Vec<Attribute>) = docs
            .into_iter()
            .partition(|attr| matches!(attr.style, AttrStyle::Inner(_)));
        attrs.extend(inner.into_iter().chain(outer).chain(others));
        return;
    }
    let mut docs = Vec::new();
    for inner in [true, false] {
        let mut lines: Vec<&str> = texts
            .iter()
            .filter(|(style, _)| *style == inner)
            .flat_map(|(_, text)| text.split('\n'))
            // A carriage return ends a line too (vtex's descriptions hold
            // lone ones): rustc refuses one inside a doc comment.
            .flat_map(|line| line.trim_end().split('\r'))
            .map(str::trim_end)
            .collect();
        while lines.last().is_some_and(|line| line.is_empty()) {
            lines.pop();
        }
        let indent = if lines.iter().all(|l| l.is_empty() || l.starts_with(' ')) {
            ""
        } else {
            " "
        };
        let style = if inner {
            AttrStyle::Inner(Default::default())
        } else {
            AttrStyle::Outer
        };
        for line in lines {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!("{indent}{line}")
            };
            docs.push(name_value("doc", &text, style));
        }
    }
    attrs.retain(|attr| !is_doc(attr));
    attrs.splice(0..0, docs);
}

/// Whether the doc texts of a node (`true` for an inner doc) are one line
/// each already, as [`docs_as_lines`] would write them: no line break, no
/// trailing space, no blank last line of either style, and every line
/// behind a space or empty.
fn already_lines(texts: &[(bool, String)]) -> bool {
    let lines_fit = texts.iter().all(|(_, text)| {
        !text.contains(['\n', '\r'])
            && text.trim_end().len() == text.len()
            && (text.is_empty() || text.starts_with(' '))
    });
    let last_of = |inner: bool| texts.iter().rev().find(|(style, _)| *style == inner);
    lines_fit
        && [true, false]
            .into_iter()
            .all(|inner| last_of(inner).is_none_or(|(_, text)| !text.is_empty()))
}

/// `#[name = "text"]`, or its inner form: built as parsing it would build
/// it, without parsing (a large crate has tens of thousands).
fn name_value(name: &str, text: &str, style: AttrStyle) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: Ident::new(name, Span::call_site()).into(),
            eq_token: Default::default(),
            value: Expr::Lit(ExprLit {
                attrs: Vec::new(),
                lit: Lit::Str(LitStr::new(text, Span::call_site())),
            }),
        }),
    }
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

/// What a [`mark_item_starts`] mark holds: a character no generated code
/// writes in a comment, so that prettyplease prints the mark as a line
/// nothing else prints.
const ITEM_START: &str = "\u{1}";

/// Marks each item that follows another, or follows its container's inner
/// attributes, with a `#[comment]` attribute before all of its others, so
/// that the first line prettyplease prints of it is the mark: its place is
/// found in the text without parsing the text again. [`space_items`] turns
/// the marks into blank lines. Consecutive `use` declarations stay together,
/// as do consecutive `mod` declarations without attributes: each is one
/// list. Comments right above an item stay with it.
pub(super) fn mark_item_starts(file: &mut syn::File) {
    MarkStarts.visit_file_mut(file);
}

/// `text`, prettyplease's output of a tree [`mark_item_starts`] marked,
/// with a blank line where each mark is, above the `//` comments right
/// above it; none at the start of the text or after a blank line.
pub(super) fn space_items(text: &str) -> String {
    let mark = format!("//{ITEM_START}");
    let mut lines: Vec<&str> = Vec::with_capacity(text.len() / 32);
    for line in text.lines() {
        if line.trim_start() != mark {
            lines.push(line);
            continue;
        }
        let mut index = lines.len();
        while index > 0 && is_plain_comment(lines[index - 1]) {
            index -= 1;
        }
        if index > 0 && !lines[index - 1].trim().is_empty() {
            lines.insert(index, "");
        }
    }
    let mut out = String::with_capacity(text.len() + lines.len());
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The builder name of the runtime's macro, whose arguments prettyplease
/// prints token by token (`ty : Vec < T >`).
const BUILDER_CALL: &str = "crate::runtime::builder!(";

/// `text` with each `builder!` call's arguments spaced as Rust is written
/// (`ty: Vec<T>`) and filled into lines of at most [`WIDTH`] columns, one
/// level deeper than the call.
pub(super) fn tidy_builder_calls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(start) = line.find(BUILDER_CALL) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let indent = &line[..start];
        let mut arguments = line[start + BUILDER_CALL.len()..].to_owned();
        while !arguments.trim_end().ends_with(");") {
            let Some(next) = lines.next() else { break };
            arguments.push(' ');
            arguments.push_str(next.trim());
        }
        let arguments = arguments.trim_end().trim_end_matches(");");
        let spaced = arguments
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" : ", ": ")
            .replace(" < ", "<")
            .replace("< ", "<")
            .replace(" >", ">")
            .replace(" ,", ",")
            .replace("( ", "(")
            .replace(" )", ")");
        let words = members(&spaced);
        let one_line = format!("{indent}{BUILDER_CALL}{});", words.join(" "));
        if one_line.len() <= WIDTH {
            out.push_str(&one_line);
            out.push('\n');
            continue;
        }
        out.push_str(indent);
        out.push_str(BUILDER_CALL);
        out.push('\n');
        let inner = format!("{indent}    ");
        let mut current = inner.clone();
        for word in words {
            if current.len() > inner.len() && current.len() + 1 + word.len() > WIDTH {
                out.push_str(current.trim_end());
                out.push('\n');
                current = inner.clone();
            }
            if current.len() > inner.len() {
                current.push(' ');
            }
            current.push_str(&word);
        }
        out.push_str(&current);
        out.push('\n');
        out.push_str(indent);
        out.push_str(");\n");
    }
    out
}

/// The arguments of a `builder!` call cut where a line may break: after a
/// member (`id: Uuid,`), and after the list of required ones.
fn members(arguments: &str) -> Vec<String> {
    let mut members = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut previous = ' ';
    for c in arguments.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ' ' if depth == 0 && matches!(previous, ',' | ';' | ')') => {
                members.push(std::mem::take(&mut current));
                previous = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        previous = c;
    }
    members.push(current);
    members
}

/// The widest line [`tidy_builder_calls`] writes, as prettyplease's.
const WIDTH: usize = 100;

fn is_plain_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("//") && !line.starts_with("///") && !line.starts_with("//!")
}

/// Puts the marks of [`mark_item_starts`] into every list of items: a
/// file's, a module's, an impl's and a trait's, wherever they are.
struct MarkStarts;

impl VisitMut for MarkStarts {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        mark(
            has_inner_attributes(&file.attrs),
            &mut file.items,
            item_attrs,
        );
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        let inner = has_inner_attributes(&module.attrs);
        if let Some((_, items)) = &mut module.content {
            mark(inner, items, item_attrs);
        }
        visit_mut::visit_item_mod_mut(self, module);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        mark(false, &mut item.items, impl_item_attrs);
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_trait_mut(&mut self, item: &mut syn::ItemTrait) {
        mark(false, &mut item.items, trait_item_attrs);
        visit_mut::visit_item_trait_mut(self, item);
    }
}

/// Marks the entries of one list that a blank line goes before: each but
/// one listed with the entry before it, and the first one only after the
/// container's inner attributes.
fn mark<T: ListedWith>(
    after_inner_attributes: bool,
    entries: &mut [T],
    attrs: fn(&mut T) -> Option<&mut Vec<Attribute>>,
) {
    let blank: Vec<bool> = (0..entries.len())
        .map(|i| match i {
            0 => after_inner_attributes,
            _ => !entries[i - 1].listed_with(&entries[i]),
        })
        .collect();
    let mark = name_value("comment", ITEM_START, AttrStyle::Outer);
    for (entry, blank) in entries.iter_mut().zip(blank) {
        if blank && let Some(attrs) = attrs(entry) {
            attrs.insert(0, mark.clone());
        }
    }
}

/// Whether an attribute is a `#[comment = "..."]` of one line, which
/// prettyplease prints as a `//` comment.
fn is_comment(attr: &Attribute) -> bool {
    match &attr.meta {
        syn::Meta::NameValue(meta) if meta.path.is_ident("comment") => matches!(
            &meta.value,
            Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) if !text.value().contains('\n')
        ),
        _ => false,
    }
}

/// Whether `attrs` hold an inner attribute prettyplease prints as one
/// (inner documentation among them), not as a comment.
fn has_inner_attributes(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| matches!(a.style, AttrStyle::Inner(_)) && !is_comment(a))
}

/// Whether two entries of a list belong together, without a blank line
/// between them.
trait ListedWith {
    fn listed_with(&self, next: &Self) -> bool;
}

impl ListedWith for Item {
    fn listed_with(&self, next: &Item) -> bool {
        let bare_mod = |item: &Item| {
            matches!(item, Item::Mod(m)
                if m.content.is_none() && m.attrs.iter().all(is_comment))
        };
        match (self, next) {
            (Item::Use(_), Item::Use(_)) => true,
            (a, b) => bare_mod(a) && bare_mod(b),
        }
    }
}

impl ListedWith for syn::ImplItem {
    fn listed_with(&self, _: &Self) -> bool {
        false
    }
}

impl ListedWith for syn::TraitItem {
    fn listed_with(&self, _: &Self) -> bool {
        false
    }
}

fn impl_item_attrs(item: &mut syn::ImplItem) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        syn::ImplItem::Const(i) => &mut i.attrs,
        syn::ImplItem::Fn(i) => &mut i.attrs,
        syn::ImplItem::Type(i) => &mut i.attrs,
        syn::ImplItem::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}

fn trait_item_attrs(item: &mut syn::TraitItem) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        syn::TraitItem::Const(i) => &mut i.attrs,
        syn::TraitItem::Fn(i) => &mut i.attrs,
        syn::TraitItem::Type(i) => &mut i.attrs,
        syn::TraitItem::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(tokens: TokenStream) -> String {
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        tidy(&mut file);
        mark_item_starts(&mut file);
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
        // Carriage returns, alone (vtex's) or before a line feed, end lines.
        let text = laid_out(quote! {
            #[doc = "The carrier.\r> Tracking only.\r\nSee the guide."]
            pub struct Carrier;
        });
        assert_eq!(
            text,
            "/// The carrier.\n/// > Tracking only.\n/// See the guide.\npub struct Carrier;\n"
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
