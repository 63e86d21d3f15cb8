//! `cargo xtask record`: captures one live exchange of the spec's read
//! operation into a recording file, safe to commit, and checks it against
//! the spec.
//!
//! What is written:
//! - the request's method, path and `accept` header; the key's header holds
//!   `<scrubbed>` instead of the key;
//! - the response's status, its `content-type` and the headers the spec
//!   declares for that response. Everything else the server sent (`date`,
//!   `set-cookie`, proxies' headers…) is left out, so no cookie or token
//!   reaches the file, and re-recording does not churn on the date. A kept
//!   header named like a secret (`authorization`, `cookie`, a security
//!   scheme's header) is written as `<scrubbed>`;
//! - the body, with personal data replaced by invented values of the same
//!   shape ([`scrub`] says how), and any echo of the key replaced by
//!   `<scrubbed>`.
//!
//! The written recording then goes through the contract check. A recording
//! the spec does not describe is still written, because it is the evidence
//! of what the API does; the command lists the violations and exits
//! non-zero, and `cargo test` fails on the file until the spec (or the
//! recording's `unlisted` marks) account for it.

mod scrub;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use contract::{RecordedRequest, RecordedResponse, Recording, SCRUBBED};
use generator::for_tools::{Auth, Document, PersonalData};
use heck::ToKebabCase;
use openapiv3::ReferenceOr;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::Value;

/// Where recordings live, relative to the project's root.
const DEFAULT_RECORDINGS: &str = "generated-client/tests/recordings";

/// Headers that carry credentials wherever they appear.
const SECRET_HEADERS: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
];

/// The options of `cargo xtask record`.
#[derive(clap::Args)]
pub struct Args {
    /// The id to fetch: the value of the operation's one path parameter.
    #[arg(long, value_name = "SESSION_ID")]
    id: String,
    /// The server to ask [default: the spec's first server].
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The recording's file name, without `.json` [default: the
    /// operation's id and the id, in kebab-case].
    #[arg(long)]
    name: Option<String>,
    /// What the exchange shows, for readers of the file.
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// The OpenAPI 3.0 spec (YAML or JSON).
    #[arg(long, value_name = "FILE", default_value_os_t = xtask::project_root().join(xtask::DEFAULT_SPEC))]
    spec: PathBuf,
    /// The operation to call, by `operationId` [default: the spec's one GET
    /// operation with one path parameter].
    #[arg(long, value_name = "ID")]
    operation: Option<String>,
    /// The folder to write the recording into.
    #[arg(long, value_name = "DIR", default_value_os_t = xtask::project_root().join(DEFAULT_RECORDINGS))]
    recordings: PathBuf,
    /// Replace a recording of the same name.
    #[arg(long)]
    force: bool,
}

/// Why nothing was recorded. No message holds the key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec could not be read or is not valid.
    #[error(transparent)]
    Spec(#[from] generator::Error),

    /// The spec does not name one operation to record.
    #[error("{0}")]
    Operation(String),

    /// The key's environment variable is not set.
    #[error(
        "{variable} is not set: set it to an API key. It is sent in the {header} header, and \
         read from the environment only, so that it stays out of shell history and the recording"
    )]
    MissingKey {
        /// The variable's name.
        variable: String,
        /// Where the key travels.
        header: String,
    },

    /// The key cannot be sent in an HTTP header.
    #[error("the key in {0} holds characters an HTTP header cannot carry")]
    UnsendableKey(String),

    /// The base URL is not usable.
    #[error("base URL {url}: {problem}")]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        problem: String,
    },

    /// `--name` would not be a plain file name.
    #[error("--name {0}: use only letters, digits, `-` and `_`")]
    Name(String),

    /// A recording of that name exists and `--force` was not given.
    #[error("{}: exists already; pass --force to replace it", .0.display())]
    Exists(PathBuf),

    /// The request failed: no connection, a timeout.
    #[error("GET {url}: {message}")]
    Request {
        /// The URL asked.
        url: String,
        /// What went wrong, through every cause.
        message: String,
    },

    /// The server answered something other than JSON.
    #[error(
        "GET {url} answered {status} with a body that is not JSON ({content_type}, {bytes} \
         bytes); nothing written"
    )]
    NotJson {
        /// The URL asked.
        url: String,
        /// The status received.
        status: u16,
        /// The content type the server gave.
        content_type: String,
        /// The body's length.
        bytes: usize,
    },

    /// The recording could not be written.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

/// Runs the command and says how it went.
pub fn run(args: Args) -> ExitCode {
    match record(&args) {
        Ok(code) => code,
        Err(Error::Spec(error @ generator::Error::ReadSpec { .. })) => {
            eprintln!("error: {error}; {}", super::UNREADABLE_SPEC);
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn record(args: &Args) -> Result<ExitCode, Error> {
    let document = generator::for_tools::checked_document(&args.spec, None)?;
    let operation = pick_operation(&document, args.operation.as_deref())?;

    let name = match &args.name {
        Some(name) => name.clone(),
        None => default_name(&operation.id, &args.id),
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::Name(name));
    }
    let file = args.recordings.join(format!("{name}.json"));
    // Checked before the request too, so a refused run costs no API call.
    if file.exists() && !args.force {
        return Err(Error::Exists(file));
    }

    // The variable is the generated client's: `Document` decides it for both.
    let variable = document.credential_env();
    let key = match (&document.auth, &variable) {
        (Some(auth), Some(variable)) => match std::env::var(variable) {
            Ok(key) if !key.trim().is_empty() => Some((auth, key.trim().to_owned())),
            _ => {
                let header = match auth {
                    Auth::ApiKeyHeader { header, .. } => header.clone(),
                    Auth::Bearer { .. } => "Authorization".into(),
                };
                return Err(Error::MissingKey {
                    variable: variable.clone(),
                    header,
                });
            }
        },
        _ => None,
    };

    let url = operation_url(&document, args.base_url.as_deref(), &operation, &args.id)?;
    let mut request_headers = vec![(ACCEPT, HeaderValue::from_static("application/json"))];
    if let Some((auth, key)) = &key {
        let unsendable = || Error::UnsendableKey(variable.clone().unwrap_or_default());
        let (name, value) = match auth {
            Auth::ApiKeyHeader { header, .. } => (
                HeaderName::from_bytes(header.as_bytes()).map_err(|_| unsendable())?,
                HeaderValue::from_str(key),
            ),
            Auth::Bearer { .. } => (
                AUTHORIZATION,
                HeaderValue::from_str(&format!("Bearer {key}")),
            ),
        };
        let mut value = value.map_err(|_| unsendable())?;
        value.set_sensitive(true);
        request_headers.push((name, value));
    }

    let exchange = fetch(&url, &request_headers)?;
    let key_text = key.as_ref().map(|(_, key)| key.as_str());

    let mut recording = Recording {
        description: String::new(),
        request: RecordedRequest {
            method: "GET".into(),
            path: url.path().to_owned(),
            headers: request_headers
                .iter()
                .map(|(name, value)| {
                    let shown = if value.is_sensitive() {
                        SCRUBBED
                    } else {
                        value.to_str().unwrap_or(SCRUBBED)
                    };
                    (name.as_str().to_owned(), shown.to_owned())
                })
                .collect(),
        },
        response: RecordedResponse {
            status: exchange.status,
            headers: Default::default(),
            body: exchange.body,
        },
        unlisted: Vec::new(),
    };

    // What the spec says about this answer decides which headers to keep
    // and which members are personal; an answer it does not describe keeps
    // only its content type, and every member of its body counts as personal.
    let described = contract::describe(&document, &name, &recording).ok();
    let spec_json = serde_json::to_value(&document.api).map_err(|e| {
        Error::Operation(format!(
            "the spec cannot be read as JSON for scrubbing: {e}"
        ))
    })?;
    let body_schema = described
        .as_ref()
        .and_then(|d| d.body_schema)
        .and_then(|schema| serde_json::to_value(schema).ok());
    scrub::invent_personal_data(
        &mut recording.response.body,
        body_schema.as_ref(),
        &spec_json,
        &PersonalData::of(&document.api),
    );

    let declared: Vec<String> = described
        .as_ref()
        .map(|d| {
            d.response
                .headers
                .keys()
                .map(|h| h.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let secret = secret_headers(&document);
    for (header, value) in exchange.headers {
        if header != CONTENT_TYPE.as_str() && !declared.contains(&header) {
            continue;
        }
        let value = if secret.contains(&header) {
            SCRUBBED.to_owned()
        } else {
            value
        };
        recording.response.headers.insert(header, value);
    }
    if let Some(key) = key_text {
        scrub_key(&mut recording, key);
    }

    let operation_name = described
        .as_ref()
        .map_or(operation.id.clone(), |d| d.operation.clone());
    recording.description = args.description.clone().unwrap_or_else(|| {
        format!(
            "{operation_name} answered {}; recorded with `cargo xtask record`, personal data \
             replaced by invented values.",
            recording.response.status
        )
    });

    write(&file, &recording, args.force)?;
    println!("wrote {}", file.display());

    let verdict = contract::check(&document, &name, &recording);
    match verdict {
        Ok(violations) if violations.is_empty() => {
            println!(
                "{name}: conforms to {}. Replay it in a test in \
                 generated-client/tests/recorded.rs, which requires one per recording.",
                document.path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(violations) => {
            for violation in &violations {
                eprintln!("violation: {violation}");
            }
            eprintln!(
                "{name}: {} violation(s) of the spec. The file is written as evidence of what \
                 the API sends: change the spec (or name deliberately unlisted enum members in \
                 the recording's `unlisted`) until `cargo test` passes.",
                violations.len()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            eprintln!("violation: {error}");
            eprintln!(
                "{name}: the file is written as evidence of what the API sends; describe this \
                 exchange in the spec until `cargo test` passes."
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The operation to record: a GET with one path parameter.
struct ReadOperation {
    id: String,
    template: String,
}

fn pick_operation(document: &Document, wanted: Option<&str>) -> Result<ReadOperation, Error> {
    let candidates: Vec<_> = generator::for_tools::walk::operations(&document.api)
        .map(|(template, method, operation)| {
            let id = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{method} {template}"));
            (
                id,
                method,
                template.matches('{').count(),
                template.to_owned(),
            )
        })
        .collect();
    let chosen: Vec<_> = match wanted {
        Some(wanted) => {
            let found: Vec<_> = candidates.iter().filter(|c| c.0 == wanted).collect();
            match found.first() {
                None => {
                    return Err(Error::Operation(format!(
                        "the spec has no operation with operationId `{wanted}`"
                    )));
                }
                Some((_, method, parameters, template)) if *method != "get" || *parameters != 1 => {
                    return Err(Error::Operation(format!(
                        "`{wanted}` is {} {template}: record only makes GET requests with one \
                         path parameter, which cannot change anything on the server",
                        method.to_ascii_uppercase()
                    )));
                }
                Some(_) => found,
            }
        }
        None => candidates
            .iter()
            .filter(|(_, method, parameters, _)| *method == "get" && *parameters == 1)
            .collect(),
    };
    match chosen.as_slice() {
        [(id, _, _, template)] => Ok(ReadOperation {
            id: id.clone(),
            template: template.clone(),
        }),
        [] => Err(Error::Operation(
            "the spec has no GET operation with one path parameter to record".into(),
        )),
        several => Err(Error::Operation(format!(
            "the spec has several GET operations with one path parameter ({}); choose one \
             with --operation",
            several
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The operation's URL on the server, with `id` as its path parameter.
fn operation_url(
    document: &Document,
    base_url: Option<&str>,
    operation: &ReadOperation,
    id: &str,
) -> Result<reqwest::Url, Error> {
    let base = base_url
        .map(str::to_owned)
        .or_else(|| document.default_base_url.clone())
        .ok_or_else(|| Error::BaseUrl {
            url: String::new(),
            problem: "the spec lists no server; pass --base-url".into(),
        })?;
    let bad = |problem: &str| Error::BaseUrl {
        url: base.clone(),
        problem: problem.to_owned(),
    };
    let mut url = reqwest::Url::parse(&base).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("use an http or https URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "holds credentials; the key travels in its header, from the environment",
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    {
        let mut segments = url
            .path_segments_mut()
            .map_err(|()| bad("cannot have a path"))?;
        segments.pop_if_empty();
        for segment in operation.template.split('/').filter(|s| !s.is_empty()) {
            // `push` percent-encodes, so an odd id cannot change the path.
            if segment.starts_with('{') && segment.ends_with('}') {
                segments.push(id);
            } else {
                segments.push(segment);
            }
        }
    }
    Ok(url)
}

/// What the server answered.
struct Exchange {
    status: u16,
    /// Lower-case names; values that are not text are left out.
    headers: Vec<(String, String)>,
    body: Value,
}

fn fetch(url: &reqwest::Url, headers: &[(HeaderName, HeaderValue)]) -> Result<Exchange, Error> {
    let failed = |error: reqwest::Error| Error::Request {
        url: url.to_string(),
        message: reason(&error.without_url()),
    };
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        // A redirect is recorded, not followed: following one would send
        // the key to wherever it points.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(failed)?;
    let mut request = client.get(url.clone());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().map_err(failed)?;
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    let content_type = headers
        .iter()
        .find(|(name, _)| name == CONTENT_TYPE.as_str())
        .map_or_else(|| "no content type".to_owned(), |(_, v)| v.clone());
    let bytes = response.bytes().map_err(failed)?;
    let body = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        // The body itself is not shown: it may hold personal data.
        serde_json::from_slice(&bytes).map_err(|_| Error::NotJson {
            url: url.to_string(),
            status,
            content_type,
            bytes: bytes.len(),
        })?
    };
    Ok(Exchange {
        status,
        headers,
        body,
    })
}

/// Why a request failed and, where the user can do something about it,
/// what to do.
fn reason(error: &reqwest::Error) -> String {
    let mut deepest: &dyn std::error::Error = error;
    while let Some(cause) = deepest.source() {
        deepest = cause;
    }
    if error.is_connect() {
        format!(
            "cannot connect: {deepest}; check that the server is up and its URL right \
             (--base-url, by default the spec's first server)"
        )
    } else if error.is_timeout() {
        format!("no answer in time: {deepest}; try again later")
    } else {
        causes(error)
    }
}

/// An error and its causes, as one line: reqwest's own message is only the
/// outermost ("error sending request"), the useful part ("Connection
/// refused") is further down.
fn causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// Lower-case names of the headers that carry secrets: the usual ones and
/// every header or cookie a security scheme of the spec names.
fn secret_headers(document: &Document) -> Vec<String> {
    let mut names: Vec<String> = SECRET_HEADERS.iter().map(|s| (*s).to_owned()).collect();
    let schemes = document
        .api
        .components
        .iter()
        .flat_map(|c| c.security_schemes.values());
    for scheme in schemes {
        if let ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { name, .. }) = scheme {
            names.push(name.to_ascii_lowercase());
        }
    }
    names
}

/// Replaces every occurrence of `key` in the recording by `<scrubbed>`: a
/// server that echoes it must not put it in the file.
fn scrub_key(recording: &mut Recording, key: &str) {
    fn in_value(value: &mut Value, key: &str) {
        match value {
            Value::String(text) if text.contains(key) => *text = text.replace(key, SCRUBBED),
            Value::Array(items) => items.iter_mut().for_each(|v| in_value(v, key)),
            Value::Object(members) => {
                // Member names too: a server may echo the key as one.
                for (mut name, mut member) in std::mem::take(members) {
                    in_value(&mut member, key);
                    if name.contains(key) {
                        name = name.replace(key, SCRUBBED);
                    }
                    members.insert(name, member);
                }
            }
            _ => {}
        }
    }
    in_value(&mut recording.response.body, key);
    if recording.request.path.contains(key) {
        recording.request.path = recording.request.path.replace(key, SCRUBBED);
    }
    let headers = recording
        .request
        .headers
        .values_mut()
        .chain(recording.response.headers.values_mut());
    for value in headers {
        if value.contains(key) {
            *value = value.replace(key, SCRUBBED);
        }
    }
}

/// The file name of a recording when `--name` gives none: the operation id
/// in kebab-case, then the session id (`get-session-<id>`).
fn default_name(operation_id: &str, id: &str) -> String {
    format!("{}-{id}", operation_id.to_kebab_case())
}

/// Writes the recording in one rename, as the generator writes its files,
/// so a reader never sees half of it.
fn write(file: &Path, recording: &Recording, force: bool) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: file.to_owned(),
        source,
    };
    let mut text = serde_json::to_string_pretty(recording)
        .map_err(|e| failed(io::Error::new(io::ErrorKind::InvalidData, e)))?;
    text.push('\n');
    if file.exists() && !force {
        return Err(Error::Exists(file.to_owned()));
    }
    generator::for_tools::write_file(file, &text).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_scrubbed_wherever_it_is_echoed() {
        let key = "sk_live_echoed_1";
        let mut recording: Recording = serde_json::from_value(serde_json::json!({
            "request": {"method": "GET", "path": format!("/v1/x/{key}"), "headers": {}},
            "response": {
                "status": 200,
                "headers": {"x-echo": format!("key={key}")},
                "body": {"data": [{"note": format!("used {key}"), key: 1}]}
            }
        }))
        .unwrap();
        scrub_key(&mut recording, key);
        let text = serde_json::to_string(&recording).unwrap();
        assert!(!text.contains(key), "{text}");
        assert_eq!(text.matches(SCRUBBED).count(), 4, "{text}");
    }

    #[test]
    fn a_recording_is_named_after_its_operation_and_id() {
        assert_eq!(default_name("getSession", "a1b2"), "get-session-a1b2");
        assert_eq!(default_name("list_sessions", "7"), "list-sessions-7");
    }

    #[test]
    fn causes_are_joined_once() {
        let inner = io::Error::new(io::ErrorKind::ConnectionRefused, "Connection refused");
        let outer = io::Error::other(inner);
        assert_eq!(causes(&outer), "Connection refused");
    }
}
