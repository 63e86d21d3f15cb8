//! Takes out the `api-version` header progenitor adds to every request.
//!
//! progenitor sends the spec's `info.version` in a header the spec itself
//! does not define, so a server may refuse it, and building it costs every
//! call a header map and a merge of it into the request's headers. Where
//! the operation has header parameters of its own the map stays, one
//! smaller; where that header was its only one, the map goes too.

use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, ExprMethodCall, Lit, Stmt};

const HEADER: &str = "api-version";
/// progenitor's name for the map of a request's headers.
const MAP: &str = "header_map";

/// Removes progenitor's `api-version` header from every method of `file`.
pub(super) fn remove(file: &mut syn::File) {
    ApiVersion.visit_file_mut(file);
}

struct ApiVersion;

impl VisitMut for ApiVersion {
    fn visit_block_mut(&mut self, block: &mut Block) {
        visit_mut::visit_block_mut(self, block);
        let before = block.stmts.len();
        block.stmts.retain(|stmt| !appends_api_version(stmt));
        if block.stmts.len() == before {
            return;
        }
        // The map's one other use left is `.headers(header_map)`: nothing
        // else goes into it.
        if MapUses::count(block) > 1 {
            for stmt in &mut block.stmts {
                if let Some(Expr::Call(call)) = assigns_map(stmt) {
                    shrink_capacity(call);
                }
            }
        } else {
            block.stmts.retain_mut(|stmt| assigns_map(stmt).is_none());
            DropHeadersCall.visit_block_mut(block);
        }
    }
}

/// How many times a block's expressions name `header_map`.
#[derive(Default)]
struct MapUses(usize);

impl MapUses {
    fn count(block: &mut Block) -> usize {
        let mut uses = MapUses::default();
        uses.visit_block_mut(block);
        uses.0
    }
}

impl VisitMut for MapUses {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        if path.path.is_ident(MAP) {
            self.0 += 1;
        }
    }
}

/// `header_map.append(…"api-version"…, …);`
fn appends_api_version(stmt: &Stmt) -> bool {
    map_append(stmt).is_some_and(|call| {
        call.args.first().is_some_and(|name| {
            quote::quote!(#name)
                .to_string()
                .contains(&format!("\"{HEADER}\""))
        })
    })
}

/// The `header_map.append(…)` call `stmt` is, if it is one.
fn map_append(stmt: &Stmt) -> Option<&ExprMethodCall> {
    let Stmt::Expr(Expr::MethodCall(call), _) = stmt else {
        return None;
    };
    (call.method == "append" && is_map(&call.receiver)).then_some(call)
}

/// The initializer of `let mut header_map = …;`, if `stmt` is that.
fn assigns_map(stmt: &mut Stmt) -> Option<&mut Expr> {
    let Stmt::Local(local) = stmt else {
        return None;
    };
    let syn::Pat::Ident(pat) = &local.pat else {
        return None;
    };
    if pat.ident != MAP {
        return None;
    }
    local.init.as_mut().map(|init| &mut *init.expr)
}

fn is_map(expr: &Expr) -> bool {
    matches!(expr, Expr::Path(path) if path.path.is_ident(MAP))
}

/// `HeaderMap::with_capacity(n)` becomes `with_capacity(n - 1)`.
fn shrink_capacity(call: &mut syn::ExprCall) {
    let Some(Expr::Lit(lit)) = call.args.first_mut() else {
        return;
    };
    let Lit::Int(int) = &lit.lit else { return };
    if let Ok(n) = int.base10_parse::<usize>() {
        let smaller = n.saturating_sub(1).to_string();
        lit.lit = Lit::Int(syn::LitInt::new(&smaller, int.span()));
    }
}

/// Takes `.headers(header_map)` out of a request builder's chain.
struct DropHeadersCall;

impl VisitMut for DropHeadersCall {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        if let Expr::MethodCall(call) = expr
            && call.method == "headers"
            && call.args.len() == 1
            && call.args.first().is_some_and(is_map)
        {
            *expr = (*call.receiver).clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn rewritten(mut file: syn::File) -> String {
        remove(&mut file);
        quote!(#file).to_string()
    }

    #[test]
    fn a_map_that_held_only_the_api_version_goes_with_it() {
        let file: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn get_note(&self) -> Result<(), Error> {
                    let url = format!("{}/notes", self.baseurl);
                    let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
                    header_map.append(
                        ::reqwest::header::HeaderName::from_static("api-version"),
                        ::reqwest::header::HeaderValue::from_static(Self::api_version()),
                    );
                    let request = self.client.get(url).headers(header_map).build()?;
                    self.exec(request).await
                }
            }
        };
        let expected: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn get_note(&self) -> Result<(), Error> {
                    let url = format!("{}/notes", self.baseurl);
                    let request = self.client.get(url).build()?;
                    self.exec(request).await
                }
            }
        };
        assert_eq!(rewritten(file), quote!(#expected).to_string());
    }

    #[test]
    fn a_map_with_header_parameters_keeps_them_and_is_one_smaller() {
        let file: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn create_note(&self, key: &str, trace: Option<&str>) -> Result<(), Error> {
                    let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
                    header_map.append(
                        ::reqwest::header::HeaderName::from_static("api-version"),
                        ::reqwest::header::HeaderValue::from_static(Self::api_version()),
                    );
                    header_map.append("Idempotency-Key", key.to_string().try_into()?);
                    if let Some(value) = trace {
                        header_map.append("X-Trace", value.to_string().try_into()?);
                    }
                    let request = self.client.post(url).headers(header_map).build()?;
                    self.exec(request).await
                }
            }
        };
        let expected: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn create_note(&self, key: &str, trace: Option<&str>) -> Result<(), Error> {
                    let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2);
                    header_map.append("Idempotency-Key", key.to_string().try_into()?);
                    if let Some(value) = trace {
                        header_map.append("X-Trace", value.to_string().try_into()?);
                    }
                    let request = self.client.post(url).headers(header_map).build()?;
                    self.exec(request).await
                }
            }
        };
        assert_eq!(rewritten(file), quote!(#expected).to_string());
    }
}
