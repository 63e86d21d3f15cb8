//! Takes progenitor's page streams out of its client. For an operation
//! marked `x-dropshot-pagination` progenitor writes, beside the method that
//! fetches one page, a `…_stream` method that fetches them all; that method
//! moves each parameter into a closure called once a page, which compiles
//! only when every parameter is `Copy`, and open enums are not. The public
//! `Client` forwards the one-page methods only, so the streams are dead code
//! that may not compile; they go.

use syn::{ImplItem, Item, ReturnType, Type, TypeParamBound};

/// Removes every method of progenitor's `Client` that returns a stream of
/// items.
pub fn remove(file: &mut syn::File) {
    for item in &mut file.items {
        let Item::Impl(block) = item else { continue };
        if block.trait_.is_some()
            || !matches!(&*block.self_ty, Type::Path(p) if p.path.is_ident("Client"))
        {
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
