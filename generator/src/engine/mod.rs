//! Stage 2: runs progenitor, the engine underneath, over the normalized
//! document, guarded so that its failures and panics never take the process
//! down; what it refuses, the [`Ladder`] steps down (an untyped schema or
//! part, or the operation left out) so that the rest generates.
//!
//! Its output is progenitor's code: the types, progenitor's own client and
//! one method per operation (which the public `Client` calls), and typed
//! httpmock expectations for the `mock` module.

mod guard;
mod ladder;
pub(crate) mod success_bodies;
mod type_space;
mod untype;

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle};
use quote::quote;

use crate::error::Error;
use crate::spec::Document;

use crate::spec::walk::{Role, Status, has_explicit_success, operations_mut, resolve};
pub(crate) use ladder::Ladder;
use type_space::after_conversion;

/// What progenitor made of the document, and what it needs from other
/// crates.
pub struct ProgenitorCode {
    /// The code of the `api` module: types, client and operations.
    pub api: TokenStream,
    /// Which optional crates the generated types refer to.
    pub uses: OptionalCrates,
    /// The operations with several success bodies, whose methods in `api`
    /// return the body unread.
    pub response_enums: Vec<success_bodies::ResponseEnum>,
}

/// Optional crates generated code may refer to; the manifest lists exactly
/// these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OptionalCrates {
    /// `chrono`, for `date` and `date-time` strings.
    pub chrono: bool,
    /// `uuid`, for `uuid` strings.
    pub uuid: bool,
    /// `regress`, for `pattern` constraints.
    pub regress: bool,
    /// `futures`, for progenitor's page streams of paginated operations
    /// (which the rewrite stage drops, so the manifest asks whether any code
    /// is left that uses it) and the crate's own.
    pub futures: bool,
    /// `base64` and `rand`, for the handshake of WebSocket operations
    /// (`x-dropshot-websocket`).
    pub websockets: bool,
}

/// The two runs of progenitor over a document, each over its own reading
/// of it ([`without_errors`], [`typed_errors_only`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Run {
    /// The types, progenitor's client and the operations: [`generate`].
    Api,
    /// The httpmock expectations: [`mocks`].
    Mocks,
}

/// progenitor refused the document in one of its runs: its error, or the
/// message of its panic. The [`Ladder`] finds what it refused and steps it
/// down.
#[derive(Debug)]
pub(crate) struct Refusal {
    /// The run that refused.
    pub run: Run,
    /// progenitor's message.
    pub why: String,
}

/// Why a generation stopped short: progenitor refused a part of the
/// document, which the ladder can step down, or something else failed.
#[derive(Debug)]
pub(crate) enum Stop {
    Refused(Refusal),
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(error: Error) -> Self {
        Stop::Failed(error)
    }
}

/// Generates the operations and types of `document`.
pub(crate) fn generate(document: &Document) -> Result<ProgenitorCode, Stop> {
    let (api, uses) = run(&document.api, api_code)
        .map_err(|why| Stop::Refused(Refusal { run: Run::Api, why }))?;
    Ok(ProgenitorCode {
        api: methods_reqwest_lacks(document, api),
        uses,
        response_enums: success_bodies::find(&document.api),
    })
}

/// The run for `api`: the types, progenitor's client and the operations,
/// and what they use. Two types of one name are a refusal: the front end
/// gives every schema a name of its own where it can foresee typify's
/// (`spec/untyped/type_names.rs`), and what it did not foresee is stepped
/// down rather than given to rustc.
fn api_code(
    generator: &mut Generator,
    api: &OpenAPI,
) -> Result<(TokenStream, OptionalCrates), progenitor::Error> {
    let response_enums = success_bodies::find(api);
    let api = success_bodies::untyped(api, &response_enums);
    let tokens = generator.generate_tokens(&without_errors(&api))?;
    let types = generator.get_type_space();
    if let Some(refusal) = type_space::refusal(types, &api) {
        return Err(refusal);
    }
    let uses = OptionalCrates {
        chrono: types.uses_chrono(),
        uuid: types.uses_uuid(),
        regress: types.uses_regress(),
        futures: generator.uses_futures(),
        websockets: generator.uses_websockets(),
    };
    Ok((tokens, uses))
}

/// The HTTP methods that progenitor calls a method of `reqwest::Client`
/// for, which it does not have (`client.options(url)`): such calls become
/// `client.request(::reqwest::Method::OPTIONS, url)`.
const METHODS_REQWEST_LACKS: [(&str, &str); 2] = [("options", "OPTIONS"), ("trace", "TRACE")];

/// progenitor's `api` with the calls of [`METHODS_REQWEST_LACKS`] made
/// through `reqwest::Client::request`; untouched (and not walked) when the
/// document has no such operation.
fn methods_reqwest_lacks(document: &Document, api: TokenStream) -> TokenStream {
    let lacking = crate::spec::walk::operations(&document.api).any(|(_, method, _)| {
        METHODS_REQWEST_LACKS
            .iter()
            .any(|(name, _)| *name == method)
    });
    if !lacking {
        return api;
    }
    calls_through_request(api)
}

/// `tokens` with each `client.options(…)` (of [`METHODS_REQWEST_LACKS`])
/// written `client.request(::reqwest::Method::OPTIONS, …)`.
fn calls_through_request(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    let mut out: Vec<TokenTree> = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Group(group) => {
                let mut rewritten =
                    Group::new(group.delimiter(), calls_through_request(group.stream()));
                rewritten.set_span(group.span());
                out.push(TokenTree::Group(rewritten));
            }
            TokenTree::Ident(ident) => {
                let method = METHODS_REQWEST_LACKS
                    .iter()
                    .find(|(name, _)| ident == name)
                    .map(|(_, method)| *method);
                let after_client = matches!(
                    out.as_slice(),
                    [.., TokenTree::Ident(client), TokenTree::Punct(dot)]
                        if client == "client" && dot.as_char() == '.'
                );
                match (method, after_client, tokens.peek()) {
                    (Some(method), true, Some(TokenTree::Group(arguments)))
                        if arguments.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                    {
                        let method = proc_macro2::Ident::new(method, ident.span());
                        let arguments = arguments.stream();
                        tokens.next();
                        out.extend(quote!(request(::reqwest::Method::#method, #arguments)));
                    }
                    _ => out.push(TokenTree::Ident(ident)),
                }
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Generates the typed httpmock expectations of `document`'s operations,
/// for the `mock` module. Independent of [`generate`], so the two can run
/// on two threads.
pub(crate) fn mocks(document: &Document) -> Result<TokenStream, Refusal> {
    run(&document.api, mock_code).map_err(|why| Refusal {
        run: Run::Mocks,
        why,
    })
}

/// The run for the mocks: the httpmock expectations.
fn mock_code(generator: &mut Generator, api: &OpenAPI) -> Result<TokenStream, progenitor::Error> {
    let api = success_bodies::typed(api, &success_bodies::find(api));
    generator.httpmock(&typed_errors_only(&api), "crate")
}

/// Whether progenitor's `run` generates `api`, or its message: the ladder's
/// trial of a part of the document.
pub(crate) fn check(run: Run, api: &OpenAPI) -> Result<(), String> {
    match run {
        Run::Api => self::run(api, api_code).map(drop),
        Run::Mocks => self::run(api, mock_code).map(drop),
    }
}

/// Whether typify converts the component schemas of `api`, a document
/// without operations, as progenitor's client run does, with no two types
/// of one name; or its message. Only the conversion: progenitor's
/// httpmock run does it and then, with no operations, little more, where
/// its client run writes every type out as tokens (most of its time).
/// When this fails, so does [`check`] of [`Run::Api`]; when it passes,
/// [`check`] still has to tell.
pub(crate) fn converts(api: &OpenAPI) -> Result<(), String> {
    debug_assert!(api.paths.paths.is_empty(), "the components alone");
    self::run(api, |generator, api| {
        let response_enums = success_bodies::find(api);
        let api = without_errors(&success_bodies::untyped(api, &response_enums));
        generator.httpmock(&api, "crate")?;
        type_space::refusal(generator.get_type_space(), &api).map_or(Ok(()), Err)
    })
}

/// Runs `work` on `api` with a progenitor generator set up the way every
/// part of the crate shares. progenitor's errors and panics become its
/// message, for the [`Ladder`] to find what in the document causes it.
fn run<T>(
    api: &OpenAPI,
    work: impl FnOnce(&mut Generator, &OpenAPI) -> Result<T, progenitor::Error>,
) -> Result<T, String> {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        // Tests and applications compare decoded values.
        .with_derive("PartialEq")
        // Maps keep a stable order, so a value re-encodes the same way.
        .with_map_type("::std::collections::BTreeMap")
        // Each call carries its retry policy and remembers the last
        // response; the crate's transport sends the request.
        .with_inner_type(quote!(crate::runtime::Call))
        .with_hooks(HooksMode::Expected);

    // progenitor asserts on some inputs instead of returning an error; a
    // panic there must not take the caller down with it.
    match guard::quietly(|| work(&mut Generator::new(&settings), api)) {
        Ok(Ok(value)) => Ok(value),
        // Ours, said as it is (not as progenitor's "internal error").
        Ok(Err(progenitor::Error::InternalError(why))) if after_conversion(&why) => Err(why),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(format!("it panicked: {panic}")),
    }
}

/// The document without the error responses of its operations (4xx, 5xx,
/// and `default` beside a named success, as [`Status::role`] says);
/// successes and the 101 of a WebSocket upgrade stay, and a `default` that
/// is the only success is read as `2XX`.
///
/// Error bodies are read by the crate's runtime, in whichever shape the
/// server sends them; left to progenitor, a body that does not match the
/// spec's error schema would lose its status.
fn without_errors(api: &OpenAPI) -> OpenAPI {
    let mut api = api.clone();
    for (_, operation) in operations_mut(&mut api) {
        let responses = &mut operation.responses;
        let explicit_success = has_explicit_success(responses);
        responses
            .responses
            .retain(|status, _| Status::from(status).role(explicit_success) != Role::Error);
        if Status::Default.role(explicit_success) == Role::Error {
            responses.default = None;
        } else if let Some(default) = responses.default.take() {
            // The only success: as `default`, progenitor would also make it
            // the type of every error, which the runtime reads instead.
            responses.responses.insert(StatusCode::Range(2), default);
        }
    }
    api
}

/// The document with each error response's body typed only where it names
/// a component schema: an inline one has no type in the crate, since the
/// client reads error bodies itself (see [`without_errors`]), so the mock
/// answers it with any JSON value.
fn typed_errors_only(api: &OpenAPI) -> OpenAPI {
    let original = api;
    let mut api = api.clone();
    for (_, operation) in operations_mut(&mut api) {
        let responses = &mut operation.responses;
        let explicit_success = has_explicit_success(responses);
        let errors = responses
            .responses
            .iter_mut()
            .filter(|(status, _)| Status::from(*status).role(explicit_success) == Role::Error)
            .map(|(_, response)| response)
            .chain(
                responses
                    .default
                    .as_mut()
                    .filter(|_| Status::Default.role(explicit_success) == Role::Error),
            );
        for response in errors {
            // One from `components.responses` is written in place: its
            // inline schema would otherwise give the mocks a type that the
            // client, which sees no error bodies, lacks.
            if let ReferenceOr::Reference { .. } = response
                && let Ok(resolved) = resolve(original, response)
            {
                *response = ReferenceOr::Item(resolved.clone());
            }
            if let ReferenceOr::Item(response) = response {
                for media in response.content.values_mut() {
                    if !matches!(media.schema, Some(ReferenceOr::Reference { .. })) {
                        // Any JSON value: progenitor panics on a JSON body
                        // without a schema.
                        media.schema = Some(ReferenceOr::Item(openapiv3::Schema {
                            schema_data: Default::default(),
                            schema_kind: openapiv3::SchemaKind::Any(Default::default()),
                        }));
                    }
                }
                // JSON without a schema makes progenitor panic: such a body
                // is left untyped, as no body.
                response.content.retain(|name, media| {
                    media.schema.is_some() || !crate::spec::media::is_json(name)
                });
            }
        }
    }
    api
}

#[cfg(test)]
mod tests {
    use super::type_space::NAMED_TWICE;
    use super::*;

    #[test]
    fn methods_reqwest_lacks_are_called_through_request() {
        let api = quote! {
            fn f() { let request = self.client.options(url).header(A, B); }
            fn g() { let request = self.client.trace(url); let options = self.options(x); }
        };
        let expected = quote! {
            fn f() { let request = self.client.request(::reqwest::Method::OPTIONS, url).header(A, B); }
            fn g() { let request = self.client.request(::reqwest::Method::TRACE, url); let options = self.options(x); }
        };
        assert_eq!(calls_through_request(api).to_string(), expected.to_string());
    }

    #[test]
    fn converts_fails_where_the_client_run_fails_on_the_components() {
        let api = |schemas: &str| -> OpenAPI {
            serde_json::from_str(&format!(
                r#"{{"openapi": "3.0.3", "info": {{"title": "T", "version": "1"}},
                    "paths": {{}}, "components": {{"schemas": {{{schemas}}}}}}}"#
            ))
            .unwrap()
        };
        let fine = api(r#""Pet": {"type": "object", "properties": {"name": {"type": "string"}}}"#);
        assert_eq!(converts(&fine), Ok(()));
        assert_eq!(check(Run::Api, &fine), Ok(()));
        // typify names both `HttpCheck`.
        let twice = api(r#""HTTPCheck": {"type": "string"}, "HttpCheck": {"type": "integer"}"#);
        let why = converts(&twice).unwrap_err();
        assert!(why.starts_with(NAMED_TWICE), "{why}");
        assert!(check(Run::Api, &twice).is_err());
        let unconvertible = api(r#""Odd": {"type": "string", "enum": ["a", "a"], "default": 3}"#);
        assert!(converts(&unconvertible).is_err());
        assert!(check(Run::Api, &unconvertible).is_err());
    }
}
