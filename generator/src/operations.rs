//! Runs progenitor over the document: the types, progenitor's own client
//! and one method per operation, which the public `Client` calls.

use openapiv3::{OpenAPI, StatusCode};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle};
use quote::quote;

use crate::document::Document;
use crate::error::Result;
use crate::guard;
use crate::validate::operations_mut;

/// progenitor's output and what it needs from other crates.
pub struct Operations {
    /// The code of the `api` module.
    pub tokens: TokenStream,
    /// Which optional crates the generated types refer to.
    pub uses: Uses,
}

/// Optional crates generated code may refer to; the manifest lists exactly
/// these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uses {
    /// `chrono`, for `date` and `date-time` strings.
    pub chrono: bool,
    /// `uuid`, for `uuid` strings.
    pub uuid: bool,
    /// `regress`, for `pattern` constraints.
    pub regress: bool,
    /// `futures`, for streamed bodies and paginated operations.
    pub futures: bool,
    /// `base64` and `rand`, for the handshake of WebSocket operations
    /// (`x-dropshot-websocket`).
    pub websockets: bool,
}

/// Generates the operations and types of `document`.
pub fn generate(document: &Document) -> Result<Operations> {
    run(document, |generator, api| {
        let tokens = generator.generate_tokens(&without_errors(api))?;
        let types = generator.get_type_space();
        let uses = Uses {
            chrono: types.uses_chrono(),
            uuid: types.uses_uuid(),
            regress: types.uses_regress(),
            futures: generator.uses_futures(),
            websockets: generator.uses_websockets(),
        };
        Ok(Operations { tokens, uses })
    })
}

/// Runs `work` on the document's OpenAPI with a progenitor generator set up
/// the way every part of the crate shares. progenitor's errors and panics
/// become located errors: `work` is run again on each operation alone to
/// find the one at fault, so it must depend on nothing but its arguments.
pub(crate) fn run<T>(
    document: &Document,
    work: impl Fn(&mut Generator, &OpenAPI) -> std::result::Result<T, progenitor::Error>,
) -> Result<T> {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        // Tests and applications compare decoded values.
        .with_derive("PartialEq")
        // Maps keep a stable order, so a value re-encodes the same way.
        .with_map_type("::std::collections::BTreeMap")
        // Each call carries its retry policy and remembers the last
        // response; the crate's transport sends the request.
        .with_inner_type(quote!(crate::transport::Call))
        .with_hooks(HooksMode::Expected);

    // progenitor asserts on some inputs instead of returning an error; a
    // panic there must not take the caller down with it, and its message
    // must name the operation at fault.
    let attempt = |api: &OpenAPI| guard::quietly(|| work(&mut Generator::new(&settings), api));
    let failed =
        |why: String| guard::failure(document, why, |api| !matches!(attempt(api), Ok(Ok(_))));
    match attempt(&document.api) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(failed(error.to_string())),
        Err(panic) => Err(failed(format!("it panicked: {panic}"))),
    }
}

/// The document without the error responses (4xx and 5xx) of its
/// operations; successes and the 101 of a WebSocket upgrade stay.
///
/// Error bodies are read by the crate's runtime, in whichever shape the
/// server sends them; left to progenitor, a body that does not match the
/// spec's error schema would lose its status.
pub(crate) fn without_errors(api: &OpenAPI) -> OpenAPI {
    let mut api = api.clone();
    for (_, operation) in operations_mut(&mut api) {
        let responses = &mut operation.responses;
        responses.responses.retain(|status, _| !is_error(status));
        // `default` describes the errors when some status is a success;
        // otherwise it is the only description there is.
        if responses.responses.keys().any(is_success) {
            responses.default = None;
        }
    }
    api
}

/// Whether a response status is a 2xx code or the `2XX` range.
fn is_success(status: &StatusCode) -> bool {
    match *status {
        StatusCode::Code(code) => (200..300).contains(&code),
        StatusCode::Range(range) => range == 2,
    }
}

/// Whether a response status is a 4xx or 5xx code or range.
pub(crate) fn is_error(status: &StatusCode) -> bool {
    match *status {
        StatusCode::Code(code) => code >= 400,
        StatusCode::Range(range) => range >= 4,
    }
}
