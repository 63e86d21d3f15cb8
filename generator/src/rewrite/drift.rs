//! Routes the decoding of every JSON success body through the runtime's
//! `drift::from_response`, which decodes as progenitor's
//! `ResponseValue::from_response` does and also tells the client's drift
//! log what the body holds that the spec does not describe.

use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprCall};

use super::syntax::segment_names;

/// Rewrites, everywhere in `file`, `ResponseValue::from_response(response)`
/// into the runtime's drift-watching decode of the same response, for the
/// call in `self.inner`.
pub(super) fn watch_success_bodies(file: &mut syn::File) {
    SuccessBodies.visit_file_mut(file);
}

struct SuccessBodies;

impl VisitMut for SuccessBodies {
    fn visit_expr_call_mut(&mut self, call: &mut ExprCall) {
        visit_mut::visit_expr_call_mut(self, call);
        if is_from_response(&call.func) {
            let response = &call.args;
            *call = syn::parse_quote!(crate::runtime::drift::from_response(&self.inner, #response));
        }
    }
}

/// Whether `func` names progenitor's `ResponseValue::from_response`.
fn is_from_response(func: &Expr) -> bool {
    let Expr::Path(path) = func else {
        return false;
    };
    segment_names(&path.path).ends_with(&["ResponseValue".to_owned(), "from_response".to_owned()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn success_bodies_decode_through_the_drift_watch_and_nothing_else_changes() {
        let mut file: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn get_session(&self) -> Result<ResponseValue<types::Session>, Error<()>> {
                    let response = self.exec(request).await?;
                    match response.status().as_u16() {
                        200 => ResponseValue::from_response(response).await,
                        204 => Ok(ResponseValue::empty(response)),
                        _ => Err(Error::UnexpectedResponse(response)),
                    }
                }
            }
        };
        watch_success_bodies(&mut file);
        let expected: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn get_session(&self) -> Result<ResponseValue<types::Session>, Error<()>> {
                    let response = self.exec(request).await?;
                    match response.status().as_u16() {
                        200 => crate::runtime::drift::from_response(&self.inner, response).await,
                        204 => Ok(ResponseValue::empty(response)),
                        _ => Err(Error::UnexpectedResponse(response)),
                    }
                }
            }
        };
        assert_eq!(quote!(#file).to_string(), quote!(#expected).to_string());
    }
}
