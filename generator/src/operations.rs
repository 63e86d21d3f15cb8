//! Runs progenitor over the document: the types, the `Client` and one method
//! per operation.

use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, InterfaceStyle};

use crate::document::Document;
use crate::error::Result;
use crate::guard;

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
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        // Tests and applications compare decoded values.
        .with_derive("PartialEq")
        // Maps keep a stable order, so a value re-encodes the same way.
        .with_map_type("::std::collections::BTreeMap");
    let mut generator = Generator::new(&settings);

    // progenitor asserts on some inputs instead of returning an error; a
    // panic there must not take the caller down with it, and its message
    // must name the operation at fault.
    let failed = |why: String| {
        guard::failure(document, why, |api| {
            let mut generator = Generator::new(&settings);
            !matches!(guard::quietly(|| generator.generate_tokens(api)), Ok(Ok(_)))
        })
    };
    let tokens = match guard::quietly(|| generator.generate_tokens(&document.api)) {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(error)) => return Err(failed(error.to_string())),
        Err(panic) => return Err(failed(format!("it panicked: {panic}"))),
    };

    let types = generator.get_type_space();
    let uses = Uses {
        chrono: types.uses_chrono(),
        uuid: types.uses_uuid(),
        regress: types.uses_regress(),
        futures: generator.uses_futures(),
        websockets: generator.uses_websockets(),
    };
    Ok(Operations { tokens, uses })
}
