//! The one error every operation returns, with what the response said.
//!
//! Nothing in this file depends on the spec: the generator copies it into
//! every crate it writes. Messages name the operation, the status and the
//! request id; they never carry a credential, a success body, or more of an
//! error body than its codes and titles. Text the server sent is kept only
//! after every echo of the client's own credential is replaced ([`Secrets`]).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{AsHeaderName, CONTENT_TYPE, HeaderMap};

/// How much of an error body is read; the rest is left unread, as a
/// misbehaving proxy's page may be large.
pub(crate) const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// How many characters of an HTML page's `<title>` a message may quote.
const TITLE_LIMIT: usize = 80;

/// What an echoed secret is replaced with.
const REDACTED: &str = "<redacted>";

/// The client's own credentials, which no text kept from a response may
/// show: a server may echo the key it was sent in an error's `code`, its
/// `title`, a request id header or an HTML page, and that text ends up in
/// messages, `Debug` output and traces.
#[derive(Clone, Default)]
pub struct Secrets(Arc<[String]>);

impl Secrets {
    /// The credentials to hide; empty ones are left out, as every text
    /// "contains" them.
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        let mut secrets: Vec<String> = secrets.into_iter().filter(|s| !s.is_empty()).collect();
        // A secret that contains another is replaced first, so that no part
        // of it is left over.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Self(secrets.into())
    }

    /// `text` with every occurrence of a secret replaced.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in self.0.iter() {
            // Searched first: most texts hold none, and need no new copy.
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), REDACTED);
            }
        }
        text
    }
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets(<{} redacted>)", self.0.len())
    }
}

/// Why an operation failed, with the status, request id and rate-limit
/// headers of the response when there was one.
pub struct Error {
    operation: &'static str,
    kind: ErrorKind,
    response: Option<ResponseHead>,
    attempts: u32,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The arguments could not be made into a request, for example a header
    /// value with a line break. Nothing was sent.
    InvalidRequest(String),
    /// No complete response: the connection failed, broke or timed out.
    /// The URL is removed from the inner error, as it may carry query values.
    Connection(reqwest::Error),
    /// The server answered with a status the operation does not succeed
    /// with; the body's problems are parsed where it has any.
    Status(ErrorBody),
    /// The status was a success, but the body does not match the spec.
    Decode(DecodeError),
    /// The server redirected where the client does not go: to another
    /// origin (scheme, host or port), which the credential must not reach,
    /// or within the same origin once more than the client follows. Such a
    /// redirect is the last response; nothing was sent to its target.
    Redirect {
        /// The target's origin, `scheme://host[:port]`: never its path or
        /// query, which may carry personal data.
        origin: String,
        /// Whether the target is on the request's own origin, so that only
        /// the number of redirects stopped it.
        same_origin: bool,
    },
    /// A success body was longer than the client reads
    /// (`ClientBuilder::max_response_bytes`). Not retried: it would be as
    /// long again.
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The `Content-Length` the response declared, when that was over the
        /// limit and so none of the body was read; `None` when the body was
        /// cut off at the limit instead.
        content_length: Option<u64>,
    },
    /// The call's deadline (`ClientBuilder::deadline`, or the call's own)
    /// ran out: it cut an attempt short, or the wait before the next attempt
    /// would have passed it. [`Error::status`] and the other accessors
    /// describe the last response, when one came; [`Error::attempts`] says
    /// how many attempts were made.
    DeadlineExceeded {
        /// The budget of the whole call.
        deadline: Duration,
    },
    /// A page stream stopped because a page said where the next one starts
    /// in a way the client does not follow. The page's own items came
    /// before this error; the response kept is that page's.
    Paging(PagingError),
}

/// Why a page stream stopped before the last page: each one a server that
/// would otherwise make the stream loop, or send the credential elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingError {
    /// The next page's link leads to another origin than the client's base
    /// URL. The client never sends a request there: the cursor is read from
    /// the link and sent to the base URL, and a link elsewhere is not the
    /// API's.
    ForeignLink {
        /// The link's origin, `scheme://host[:port]`: never its path or
        /// query, which may carry personal data.
        origin: String,
    },
    /// The next page's link is not a URL, or its query has no cursor.
    NoCursor {
        /// The query parameter the cursor was looked for in.
        parameter: &'static str,
    },
    /// The next page's cursor is one an earlier page of the same stream
    /// gave: following it would go round in a loop.
    RepeatedCursor,
    /// The stream read as many pages as it reads at most.
    TooManyPages {
        /// The limit, in pages.
        limit: u32,
    },
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ForeignLink { origin } => write!(
                f,
                "the next page's link leads to another origin ({origin}), which the client \
                 does not follow"
            ),
            Self::NoCursor { parameter } => write!(
                f,
                "the next page's link has no `{parameter}` query parameter to read the cursor from"
            ),
            Self::RepeatedCursor => f.write_str(
                "the next page's cursor is one an earlier page gave, which would go round in a loop",
            ),
            Self::TooManyPages { limit } => {
                write!(f, "the stream read {limit} pages, as many as it reads")
            }
        }
    }
}

/// The part of a response an error keeps: never the body of a success, and
/// only headers that carry no secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseHead {
    status: StatusCode,
    request_id: Option<String>,
    rate_limit: RateLimit,
    retry_after: Option<Duration>,
    content_length: Option<u64>,
}

/// The rate-limit headers of a response (`RateLimit-*` or `X-RateLimit-*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, as the server gives it: seconds from now for
    /// `RateLimit-Reset`; some servers send a Unix time in `X-RateLimit-Reset`.
    pub reset: Option<u64>,
}

/// An error response's body, read in whichever of the API family's shapes it
/// came in.
#[derive(Clone, PartialEq, Eq)]
pub struct ErrorBody {
    shape: BodyShape,
    problems: Vec<Problem>,
    media_type: Option<String>,
    len: usize,
    page_title: Option<String>,
}

/// The shape an error body came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyShape {
    /// `{"errors": [{"status", "code", "title", "detail", "source"}, …]}`.
    Errors,
    /// `{"error": {"code", "message", "request_id"}}`.
    Error,
    /// JSON in neither shape.
    OtherJson,
    /// Not JSON at all, for example a proxy's HTML page.
    NotJson,
    /// Longer than the client reads (64 KiB), so not parsed.
    TooLong,
    /// No body.
    Empty,
}

/// One problem an error body reports. `detail` may repeat what was sent, so
/// `Debug` shows only its length.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The HTTP status the problem maps to, as the body gives it.
    pub status: Option<String>,
    /// A machine-readable code, such as `not_found`.
    pub code: Option<String>,
    /// A short summary that does not change between occurrences.
    pub title: Option<String>,
    /// An explanation of this occurrence (`detail`, `details` or `message`).
    pub detail: Option<String>,
    /// A JSON pointer to the request member at fault.
    pub pointer: Option<String>,
    /// The query or path parameter at fault.
    pub parameter: Option<String>,
    /// The request id, when the body carries one.
    pub request_id: Option<String>,
}

/// Why a success body did not decode. It says where and what kind of
/// mismatch, never the value found, which may be personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    reason: String,
    line: usize,
    column: usize,
}

impl Error {
    pub(crate) fn new(
        operation: &'static str,
        kind: ErrorKind,
        response: Option<ResponseHead>,
        attempts: u32,
    ) -> Self {
        let kind = match kind {
            ErrorKind::Connection(e) => ErrorKind::Connection(e.without_url()),
            other => other,
        };
        Self {
            operation,
            kind,
            response,
            attempts,
        }
    }

    /// The operation that failed, as the client's method is named.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The last response's status and the headers an error keeps, if one
    /// came.
    pub fn response(&self) -> Option<&ResponseHead> {
        self.response.as_ref()
    }

    /// The last response's HTTP status, if one came.
    pub fn status(&self) -> Option<StatusCode> {
        self.response.as_ref().map(|head| head.status)
    }

    /// The request id of the last response, from its header or, failing
    /// that, its error body. Quote it when asking the API's support.
    pub fn request_id(&self) -> Option<&str> {
        let from_header = self.response.as_ref()?.request_id.as_deref();
        from_header.or_else(|| self.problems().iter().find_map(|p| p.request_id.as_deref()))
    }

    /// The rate-limit headers of the last response, if one came.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.response.as_ref().map(|head| head.rate_limit)
    }

    /// How long the server asked to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        self.response.as_ref()?.retry_after
    }

    /// How many times the request was sent (1 when it was not retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The problems the error body reports; empty when it reports none.
    pub fn problems(&self) -> &[Problem] {
        match &self.kind {
            ErrorKind::Status(body) => &body.problems,
            _ => &[],
        }
    }

    /// The error body, when the server answered with an error status.
    pub fn body(&self) -> Option<&ErrorBody> {
        match &self.kind {
            ErrorKind::Status(body) => Some(body),
            _ => None,
        }
    }

    /// Whether sending the same request again later may succeed: the
    /// connection failed, broke or timed out, or the status was 408, 409, 429
    /// or 5xx.
    pub fn is_retryable(&self) -> bool {
        match &self.kind {
            ErrorKind::Connection(e) => retryable_failure(e),
            ErrorKind::Status(_) => self.status().is_some_and(retryable_status),
            // A later call has the whole budget again.
            ErrorKind::DeadlineExceeded { .. } => self.status().is_none_or(retryable_status),
            ErrorKind::InvalidRequest(_)
            | ErrorKind::Decode(_)
            | ErrorKind::Redirect { .. }
            | ErrorKind::ResponseTooLarge { .. }
            | ErrorKind::Paging(_) => false,
        }
    }

    /// Whether no response came in time: an attempt timed out, or the
    /// call's deadline ran out.
    pub fn is_timeout(&self) -> bool {
        match &self.kind {
            ErrorKind::Connection(e) => e.is_timeout(),
            ErrorKind::DeadlineExceeded { .. } => true,
            _ => false,
        }
    }

    /// Whether the server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the server answered 401: the credential is missing or wrong.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// Whether the server answered 403: the credential may not do this.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// Whether the server answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether a success response's body did not match the spec.
    pub fn is_decode(&self) -> bool {
        matches!(self.kind, ErrorKind::Decode(_))
    }
}

/// Whether a request that got no complete response may succeed if sent
/// again: the connection failed, broke or timed out. A redirect loop or a
/// request that cannot be built would fail the same way.
pub(crate) fn retryable_failure(error: &reqwest::Error) -> bool {
    error.is_timeout() || error.is_connect() || error.is_request() || error.is_body()
}

/// The statuses worth another attempt: the server timed out waiting, hit a
/// conflict that may clear, is rate limiting, or failed on its side.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed", self.operation)?;
        if let ErrorKind::DeadlineExceeded { deadline } = &self.kind {
            let attempts = match self.attempts {
                1 => "1 attempt".to_owned(),
                n => format!("{n} attempts"),
            };
            write!(f, ": the deadline of {deadline:?} ran out after {attempts}")?;
            match self.status() {
                Some(status) => write!(f, "; the last response was {status}")?,
                None => f.write_str("; no response came")?,
            }
        } else if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        match (&self.kind, self.status()) {
            (ErrorKind::DeadlineExceeded { .. }, _) => {}
            (ErrorKind::InvalidRequest(reason), _) => write!(f, ": invalid request: {reason}")?,
            (ErrorKind::Connection(e), None) => write!(f, ": {}", WithReason(e))?,
            (ErrorKind::Connection(e), Some(status)) => write!(
                f,
                ": {status}, then the body could not be read: {}",
                WithReason(e)
            )?,
            (ErrorKind::Status(body), Some(status)) => write!(f, ": {status}{body}")?,
            (ErrorKind::Status(body), None) => write!(f, "{body}")?,
            (ErrorKind::Decode(e), Some(status)) => write!(f, ": {status}, but {e}")?,
            (ErrorKind::Decode(e), None) => write!(f, ": {e}")?,
            (ErrorKind::Paging(e), Some(status)) => {
                write!(f, ": {status}, but {e}; the stream stops")?
            }
            (ErrorKind::Paging(e), None) => write!(f, ": {e}; the stream stops")?,
            (ErrorKind::Redirect { .. } | ErrorKind::ResponseTooLarge { .. }, status) => {
                if let Some(status) = status {
                    write!(f, ": {status}")?;
                }
                write_refusal(f, &self.kind)?
            }
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A connection error's message followed by its deepest cause: reqwest's own
/// message says only "error sending request", the reason ("Connection
/// refused", "operation timed out", a DNS failure) is at the bottom of its
/// sources. None of them holds the URL or a header.
struct WithReason<'a>(&'a reqwest::Error);

impl fmt::Display for WithReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut deepest = None;
        let mut source = std::error::Error::source(self.0);
        while let Some(cause) = source {
            deepest = Some(cause);
            source = cause.source();
        }
        match deepest {
            Some(cause) => write!(f, ": {cause}"),
            None => Ok(()),
        }
    }
}

/// Continues a message with why the client stopped at a redirect or a long
/// body.
fn write_refusal(f: &mut fmt::Formatter<'_>, kind: &ErrorKind) -> fmt::Result {
    match kind {
        ErrorKind::Redirect {
            origin,
            same_origin: false,
        } => write!(
            f,
            ", a redirect to another origin ({origin}), which the client does not follow"
        ),
        ErrorKind::Redirect {
            origin,
            same_origin: true,
        } => write!(
            f,
            ", one redirect too many within {origin}; the client follows at most {}",
            super::transport::MAX_REDIRECTS
        ),
        ErrorKind::ResponseTooLarge {
            limit,
            content_length: Some(length),
        } => write!(
            f,
            ", but its Content-Length of {length} bytes is over the client's limit of \
             {limit} bytes (ClientBuilder::max_response_bytes), so none of it was read"
        ),
        ErrorKind::ResponseTooLarge {
            limit,
            content_length: None,
        } => write!(
            f,
            ", but the body went past the client's limit of {limit} bytes \
             (ClientBuilder::max_response_bytes) and was cut off there"
        ),
        _ => Ok(()),
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("operation", &self.operation)
            .field("kind", &self.kind)
            .field("response", &self.response)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Connection(e) => Some(e),
            _ => None,
        }
    }
}

/// A header as one pass over a response's headers finds it: not yet met,
/// or met with its first value's text (`None` when that is empty or not
/// text).
type Found<'a> = Option<Option<&'a str>>;

/// The headers a [`ResponseHead`] keeps, each name with its `x-` form
/// second.
#[derive(Default)]
struct HeadHeaders<'a> {
    request_id: [Found<'a>; 2],
    limit: [Found<'a>; 2],
    remaining: [Found<'a>; 2],
    reset: [Found<'a>; 2],
    retry_after: Found<'a>,
    content_length: Found<'a>,
}

impl ResponseHead {
    pub(crate) fn new(status: StatusCode, headers: &HeaderMap, secrets: &Secrets) -> Self {
        // Every response passes here, so the headers are read in one pass
        // rather than looked up once for each name: looking up nine names
        // hashed each of them, about 7 % of what the client adds to a local
        // call (`get_session` bench). Numbers are read in place, and only
        // the request id, kept as text, is copied.
        let mut heads = HeadHeaders::default();
        for (name, value) in headers {
            let slot = match name.as_str() {
                "request-id" => &mut heads.request_id[0],
                "x-request-id" => &mut heads.request_id[1],
                "ratelimit-limit" => &mut heads.limit[0],
                "x-ratelimit-limit" => &mut heads.limit[1],
                "ratelimit-remaining" => &mut heads.remaining[0],
                "x-ratelimit-remaining" => &mut heads.remaining[1],
                "ratelimit-reset" => &mut heads.reset[0],
                "x-ratelimit-reset" => &mut heads.reset[1],
                "retry-after" => &mut heads.retry_after,
                "content-length" => &mut heads.content_length,
                _ => continue,
            };
            // A header sent twice is read from its first value, as
            // `HeaderMap::get` reads it.
            slot.get_or_insert(value.to_str().ok().filter(|value| !value.is_empty()));
        }
        // The standard name first, then its `x-` form.
        fn first(pair: [Found<'_>; 2]) -> Option<&str> {
            pair[0].flatten().or(pair[1].flatten())
        }
        let number = |pair| first(pair).and_then(|value| value.trim().parse().ok());
        Self {
            status,
            request_id: first(heads.request_id).map(|id| bounded(secrets.redact(id))),
            rate_limit: RateLimit {
                limit: number(heads.limit),
                remaining: number(heads.remaining),
                reset: number(heads.reset),
            },
            retry_after: heads
                .retry_after
                .flatten()
                .and_then(|value| parse_retry_after(value, SystemTime::now())),
            content_length: heads
                .content_length
                .flatten()
                .and_then(|value| value.trim().parse().ok()),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `Request-Id` (or `X-Request-Id`) header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The rate-limit headers.
    pub fn rate_limit(&self) -> RateLimit {
        self.rate_limit
    }

    /// The `Retry-After` header, as a wait from when the response came.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The `Content-Length` header: how long the body says it is.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }
}

/// Reads `Retry-After`, which is either a number of seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    // A date already past means "now".
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A header's value as text, with any secret in it replaced.
fn header_text(headers: &HeaderMap, name: impl AsHeaderName, secrets: &Secrets) -> Option<String> {
    header_str(headers, name).map(|value| secrets.redact(value))
}

/// The header `name`, when it is there, visible ASCII and not empty.
fn header_str(headers: &HeaderMap, name: impl AsHeaderName) -> Option<&str> {
    headers
        .get(name)?
        .to_str()
        .ok()
        .filter(|value| !value.is_empty())
}

/// Cuts a value the server sent before it goes into a message.
fn bounded(text: String) -> String {
    const LIMIT: usize = 200;
    if text.chars().count() <= LIMIT {
        return text;
    }
    text.chars().take(LIMIT).chain(['…']).collect()
}

impl ErrorBody {
    /// Reads an error response's body, in any of the shapes the API family
    /// uses; anything else is kept as a summary, never as text. `complete`
    /// says whether `bytes` is the whole body or its first
    /// [`ERROR_BODY_LIMIT`] bytes. Every text kept has `secrets` replaced.
    pub(crate) fn parse(
        headers: &HeaderMap,
        bytes: &[u8],
        complete: bool,
        secrets: &Secrets,
    ) -> Self {
        let media_type = header_text(headers, CONTENT_TYPE, secrets).map(|v| {
            v.split(';')
                .next()
                .unwrap_or(&v)
                .trim()
                .to_ascii_lowercase()
        });
        let mut body = Self {
            shape: BodyShape::Empty,
            problems: Vec::new(),
            media_type,
            len: bytes.len(),
            page_title: None,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return body;
        }
        if !complete {
            body.shape = BodyShape::TooLong;
            return body;
        }
        match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(value) => (body.shape, body.problems) = problems_in(&value, secrets),
            Err(_) => {
                body.shape = BodyShape::NotJson;
                body.page_title = html_title(bytes, secrets);
            }
        }
        body
    }

    /// The shape the body came in.
    pub fn shape(&self) -> BodyShape {
        self.shape
    }

    /// The problems the body reports.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The body's media type, without parameters.
    pub fn media_type(&self) -> Option<&str> {
        self.media_type.as_deref()
    }

    /// How many bytes of the body were read: all of them, or the first 64 KiB
    /// of a body of [`BodyShape::TooLong`].
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the body was empty or only white space.
    pub fn is_empty(&self) -> bool {
        self.shape == BodyShape::Empty
    }
}

fn problems_in(value: &serde_json::Value, secrets: &Secrets) -> (BodyShape, Vec<Problem>) {
    if let Some(errors) = value.get("errors").and_then(|e| e.as_array()) {
        let problems = errors
            .iter()
            .map(|error| Problem::from_json_api(error, secrets))
            .collect();
        return (BodyShape::Errors, problems);
    }
    if let Some(error) = value.get("error").filter(|e| e.is_object()) {
        let problem = Problem::from_error_object(error, secrets);
        return (BodyShape::Error, vec![problem]);
    }
    (BodyShape::OtherJson, Vec::new())
}

/// A member as text, with any secret in it replaced: strings as they are,
/// numbers as digits (some servers send `"status": 404`), anything else
/// ignored.
fn text(value: &serde_json::Value, key: &str, secrets: &Secrets) -> Option<String> {
    match value.get(key)? {
        serde_json::Value::String(s) => Some(secrets.redact(s)),
        serde_json::Value::Number(n) => Some(secrets.redact(&n.to_string())),
        _ => None,
    }
}

impl Problem {
    fn from_json_api(value: &serde_json::Value, secrets: &Secrets) -> Self {
        let text = |value: &serde_json::Value, key| text(value, key, secrets);
        let source = value.get("source");
        Self {
            status: text(value, "status"),
            code: text(value, "code"),
            title: text(value, "title"),
            detail: text(value, "detail").or_else(|| text(value, "details")),
            pointer: source.and_then(|s| text(s, "pointer")),
            parameter: source.and_then(|s| text(s, "parameter")),
            request_id: text(value, "request_id"),
        }
    }

    fn from_error_object(value: &serde_json::Value, secrets: &Secrets) -> Self {
        Self {
            code: text(value, "code", secrets),
            detail: text(value, "message", secrets),
            request_id: text(value, "request_id", secrets),
            ..Self::default()
        }
    }
}

impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = self
            .detail
            .as_ref()
            .map(|d| format!("<{} characters>", d.chars().count()));
        f.debug_struct("Problem")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("title", &self.title)
            .field("detail", &detail)
            .field("pointer", &self.pointer)
            .field("parameter", &self.parameter)
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl fmt::Debug for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorBody")
            .field("shape", &self.shape)
            .field("problems", &self.problems)
            .field("media_type", &self.media_type)
            .field("len", &self.len)
            .field("page_title", &self.page_title)
            .finish()
    }
}

/// Continues `"{operation} failed: {status}"` with what the body says:
/// codes and titles, which are fixed per kind of problem, but not details,
/// which may repeat what was sent.
impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let summaries: Vec<String> = self
            .problems
            .iter()
            .filter_map(|p| match (&p.code, &p.title) {
                (Some(code), Some(title)) => Some(format!("{code}: {title}")),
                (Some(one), None) | (None, Some(one)) => Some(one.clone()),
                (None, None) => None,
            })
            .map(bounded)
            .collect();
        if !summaries.is_empty() {
            // A few are enough to act on; a long list would bury the status.
            const SHOWN: usize = 3;
            write!(
                f,
                ": {}",
                summaries[..summaries.len().min(SHOWN)].join("; ")
            )?;
            if summaries.len() > SHOWN {
                write!(f, "; and {} more", summaries.len() - SHOWN)?;
            }
            return Ok(());
        }
        match self.shape {
            BodyShape::Empty => Ok(()),
            BodyShape::Errors | BodyShape::Error | BodyShape::OtherJson => {
                write!(f, " with a JSON body of {} bytes", self.len)
            }
            BodyShape::TooLong => write!(f, " with a body of more than {} bytes", self.len),
            BodyShape::NotJson => {
                let media_type = self.media_type.as_deref().unwrap_or("no content type");
                write!(f, " with a non-JSON body ({media_type}, {} bytes", self.len)?;
                if let Some(title) = &self.page_title {
                    write!(f, ", titled {title:?}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// The `<title>` of an HTML page, which for a proxy's error page says what
/// happened ("502 Bad Gateway"), cut to a few words. Secrets are replaced
/// before the cut, so that none is left half shown.
fn html_title(bytes: &[u8], secrets: &Secrets) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title: String = secrets
        .redact(&text[start..end])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(TITLE_LIMIT)
        .collect();
    Some(title).filter(|t| !t.is_empty())
}

impl DecodeError {
    /// Describes a serde_json error by its kind and position only: its own
    /// message quotes the value it found, which may be personal data.
    pub(crate) fn new(error: &serde_json::Error) -> Self {
        let message = error.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        let reason = match error.classify() {
            serde_json::error::Category::Eof => "the body ends early".to_owned(),
            serde_json::error::Category::Syntax => "the body is not valid JSON".to_owned(),
            serde_json::error::Category::Io => "the body could not be read".to_owned(),
            serde_json::error::Category::Data => data_reason(message),
        };
        Self {
            reason,
            line: error.line(),
            column: error.column(),
        }
    }

    /// What is wrong, without the value found.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Line of the body where decoding stopped (from 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of that line (from 1).
    pub fn column(&self) -> usize {
        self.column
    }
}

/// serde's data errors read `invalid type: string "Jane", expected u32` or
/// `missing field `status``: keep the kind and what was expected, drop what
/// was found.
fn data_reason(message: &str) -> String {
    for kind in ["invalid type", "invalid value", "invalid length"] {
        if let Some(rest) = message.strip_prefix(kind) {
            return match rest.rsplit_once(", expected ") {
                Some((_, expected)) => format!("{kind}, expected {expected}"),
                None => kind.to_owned(),
            };
        }
    }
    if message.starts_with("missing field") || message.starts_with("duplicate field") {
        return message.to_owned();
    }
    "a member does not match the spec".to_owned()
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the body does not match the spec: {} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}
