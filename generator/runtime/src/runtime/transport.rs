//! Sending one operation's request: retries with backoff and `Retry-After`,
//! a tracing span, the redirect rule, the limit on success bodies, and the
//! turn of progenitor's error into this crate's.
//!
//! Nothing in this file depends on the spec. progenitor's client carries a
//! [`Call`] as its inner value, and the generated crate's `exec` hook hands
//! each request to [`Call::send`]; each call of a public method gets its own
//! [`Call`], which remembers the last response's head so that an error can
//! report the status even where progenitor's error drops it. What a caller
//! changes for one call (timeout, deadline, retries, headers, idempotency
//! key) comes in a [`CallOptions`], which each operation's builder fills.

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backon::{BackoffBuilder, ExponentialBuilder};
use http_body_util::{Full, LengthLimitError, Limited};
use progenitor_client::{ByteStream, ClientInfo, ResponseValue};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, LOCATION};
use reqwest::{Method, Request, Response, Url};
use tracing::Instrument;

use super::error::{
    DecodeError, ERROR_BODY_LIMIT, Error, ErrorBody, ErrorKind, ResponseHead, Secrets,
    retryable_failure, retryable_status,
};

/// How many redirects within the request's own origin one request follows.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// The redirect rule of every client: a redirect is followed only to the
/// origin (scheme, host and port) the request went to, [`MAX_REDIRECTS`]
/// times at most. Any other comes back as the redirect response, which
/// becomes an [`ErrorKind::Redirect`].
///
/// Not following beats following without the credential: an answer from
/// another origin is not the API's, reqwest would carry along every header
/// but `Authorization` and cookies (a custom API-key header included), and
/// the target's query may hold personal data. `https` to `http` is another
/// origin too, so the credential never drops to plain text.
pub(crate) fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        // `previous` starts with the URL first asked for, then each one
        // followed since.
        let previous = attempt.previous();
        let same_origin = previous
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && previous.len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// When a request is sent again after a failure that may pass.
///
/// The default retries idempotent requests (GET, HEAD, OPTIONS, PUT,
/// DELETE) twice, after about 0.5 s and then 1 s, with jitter, on
/// connection errors, timeouts, 408, 409, 429 and 5xx. A `Retry-After`
/// header of up to 30 s replaces the backoff; a longer one ends the retries,
/// and the error carries it ([`Error::retry_after`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request once.
    pub fn never() -> Self {
        Self::default().max_retries(0)
    }

    /// Sends a failed request again at most `retries` times (0 turns
    /// retries off).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry; each later one doubles it, plus a
    /// random part of up to as much again.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait between two attempts, jitter included.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The longest `Retry-After` the client waits out; a server asking for
    /// more gets its error returned at once.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Also retries POST and PATCH requests. Only turn this on when the API
    /// makes them safe to repeat, for example with an idempotency key.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// Whether a request with this method may be sent twice.
    fn may_repeat(&self, method: &Method) -> bool {
        self.non_idempotent
            || matches!(
                *method,
                Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
            )
    }

    /// The waits between attempts, one per retry.
    pub(crate) fn backoff(&self) -> impl Iterator<Item = Duration> + use<> {
        // backon's jitter multiplies the wait, which overflows near
        // `Duration::MAX`; no wait longer than a day makes sense anyway.
        let cap = self.max_backoff.min(Duration::from_secs(24 * 60 * 60));
        ExponentialBuilder::default()
            .with_min_delay(self.initial_backoff.min(cap))
            .with_max_delay(cap)
            .with_factor(2.0)
            .with_jitter()
            .with_max_times(self.max_retries as usize)
            .build()
            // backon adds jitter on top of its cap.
            .map(move |wait| wait.min(cap))
    }
}

/// What one call of an operation changes from the client's settings. The
/// builder each public method returns fills it; [`Call::with_options`]
/// applies it.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_retries: Option<u32>,
    headers: HeaderMap,
    /// Why a header given could not be sent: the call fails with it,
    /// before anything is sent.
    refusal: Option<String>,
    idempotency_key: Option<String>,
    /// Whether the request carries an idempotency key, so that the server
    /// makes repeating it safe whatever its method.
    repeatable: bool,
}

/// Headers a caller may not set for one call: the HTTP client writes them
/// from the request itself, and another value would break the exchange.
const FRAMING_HEADERS: [&str; 4] = ["host", "content-length", "transfer-encoding", "connection"];

impl CallOptions {
    /// Limits each attempt of this call to `timeout`, instead of the
    /// client's per-attempt timeout.
    pub fn timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// Limits the whole call, every attempt and wait between them, to
    /// `deadline`, instead of the client's.
    pub fn deadline(&mut self, deadline: Duration) {
        self.deadline = Some(deadline);
    }

    /// Retries this call as `policy` says, instead of the client's policy.
    pub fn retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = Some(policy);
    }

    /// Retries this call at most `retries` times, whichever policy it has.
    pub fn max_retries(&mut self, retries: u32) {
        self.max_retries = Some(retries);
    }

    /// Sends the header `name: value` with this call, in place of any value
    /// the client would send under that name. A name or value HTTP cannot
    /// carry, a header the HTTP client writes itself, or the credential's
    /// header (refused in [`Call::with_options`]) makes the call fail with
    /// [`ErrorKind::InvalidRequest`] before anything is sent. The value is
    /// marked sensitive, so that HTTP tooling does not print it.
    pub fn header(&mut self, name: &str, value: &str) {
        if self.refusal.is_some() {
            return;
        }
        let Ok(name) = HeaderName::from_bytes(name.trim().as_bytes()) else {
            // Not quoted: it may be a value given in the wrong place.
            self.refusal = Some("a header name has characters HTTP does not allow".to_owned());
            return;
        };
        if FRAMING_HEADERS.contains(&name.as_str()) {
            self.refusal = Some(format!(
                "the header `{name}` is written by the HTTP client and cannot be set"
            ));
            return;
        }
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.headers.insert(name, value);
            }
            Err(_) => {
                self.refusal = Some(format!(
                    "the value of the header `{name}` has characters a header cannot \
                     carry (a line break?)"
                ));
            }
        }
    }

    /// Sends `key` as this call's idempotency key, instead of a fresh one.
    pub fn idempotency_key(&mut self, key: String) {
        self.idempotency_key = Some(key);
    }

    /// The idempotency key this call sends: the caller's, or else `fresh()`.
    /// Every attempt sends the same key, so the call may be retried like an
    /// idempotent request whatever its method.
    pub fn idempotency_key_or(&mut self, fresh: impl FnOnce() -> String) -> String {
        self.repeatable = true;
        self.idempotency_key.clone().unwrap_or_else(fresh)
    }
}

/// One call of a public method, carried by progenitor's client as its inner
/// value.
#[derive(Clone, Debug)]
pub struct Call {
    /// The spec's `operationId`, as traces name the operation.
    operation_id: &'static str,
    policy: RetryPolicy,
    /// Each attempt's timeout, when the call sets its own.
    timeout: Option<Duration>,
    /// Each attempt's timeout, the call's or the client's, when known.
    attempt_timeout: Option<Duration>,
    /// The budget of the whole call, attempts and waits.
    deadline: Option<Duration>,
    /// Headers the caller added to this call.
    headers: HeaderMap,
    /// Why the call's options cannot be sent; the call fails with it.
    refusal: Option<String>,
    /// Whether the request carries an idempotency key.
    repeatable: bool,
    /// The most bytes of a success body that are read.
    max_response_bytes: u64,
    /// The client's credentials, which no text kept from a response shows.
    secrets: Secrets,
    /// What the call's attempts learn, and its attached body: shared with
    /// the copy of the call progenitor's client holds.
    outcome: Arc<Mutex<Outcome>>,
    /// Where what the response holds that the spec does not describe is
    /// told: the client's log, shared by its calls.
    pub(super) drift: super::drift::DriftLog,
}

#[derive(Debug, Default)]
struct Outcome {
    /// A body progenitor cannot build (multipart, raw media types), with
    /// its `Content-Type`: the public method attaches it, `send` sends it.
    body: Option<(reqwest::header::HeaderValue, reqwest::Body)>,
    attempts: u32,
    last_response: Option<ResponseHead>,
    /// The head of the last response that came, whichever attempt it
    /// answered: what a deadline error reports.
    last_seen: Option<ResponseHead>,
    /// Whether the wait before another attempt would have passed the
    /// deadline, so that the call ended.
    deadline_ran_out: bool,
    /// Whether the last attempt's timeout was what was left of the
    /// deadline: a timeout then means the deadline ran out.
    deadline_bounded: bool,
}

impl Call {
    /// A call of the operation `operation_id`, sent as `policy` says and
    /// reading at most `max_response_bytes` of a success body.
    pub fn new(
        operation_id: &'static str,
        policy: RetryPolicy,
        max_response_bytes: u64,
        secrets: Secrets,
    ) -> Self {
        Self {
            operation_id,
            policy,
            timeout: None,
            attempt_timeout: None,
            deadline: None,
            headers: HeaderMap::new(),
            refusal: None,
            repeatable: false,
            max_response_bytes,
            secrets,
            outcome: Arc::default(),
            drift: super::drift::DriftLog::default(),
        }
    }

    /// The spec's `operationId` of the operation this call sends.
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// This call as the caller's `options` change it. `timeout` is the
    /// client's per-attempt timeout and `deadline` its budget for a whole
    /// call, which the options may replace; `credential_header` is the
    /// header of the client's credential, which no option may set.
    pub fn with_options(
        mut self,
        options: CallOptions,
        timeout: Duration,
        deadline: Option<Duration>,
        credential_header: Option<&'static str>,
    ) -> Self {
        if let Some(policy) = options.retry {
            self.policy = policy;
        }
        if let Some(retries) = options.max_retries {
            self.policy = self.policy.max_retries(retries);
        }
        self.timeout = options.timeout;
        self.attempt_timeout = Some(options.timeout.unwrap_or(timeout));
        self.deadline = options.deadline.or(deadline);
        self.refusal = options.refusal;
        if let Some(header) = credential_header.filter(|h| options.headers.contains_key(*h)) {
            // Another value would replace the credential, or send it where
            // the caller's code can see it.
            self.refusal.get_or_insert_with(|| {
                format!(
                    "the header `{header}` carries the client's credential, which only \
                     the ClientBuilder sets"
                )
            });
        }
        self.headers = options.headers;
        self.repeatable = options.repeatable;
        self
    }

    /// Why this call cannot be sent, if a header given for it was refused;
    /// the generated crate's `pre` hook fails the call with it.
    pub fn refusal(&self) -> Option<&str> {
        self.refusal.as_deref()
    }

    /// Sends `body` as the request's body, of type `content_type`.
    // Only crates with an operation whose body progenitor cannot build use it.
    #[allow(dead_code)]
    pub(crate) fn attach_body(
        &self,
        content_type: reqwest::header::HeaderValue,
        body: reqwest::Body,
    ) {
        self.lock_outcome().body = Some((content_type, body));
    }

    /// Sends `request`, again while the failure may pass and the policy
    /// allows, inside one tracing span for the whole operation. The
    /// generated crate's `ClientHooks::exec` calls it.
    ///
    /// Not an `async fn`: the request is made ready here, so that the
    /// future holds it once, inside the attempts' future. An `async fn`
    /// would hold it a second time, in every call's future.
    pub fn send<'a>(
        &'a self,
        http: &'a reqwest::Client,
        mut request: Request,
    ) -> impl Future<Output = reqwest::Result<Response>> + Send + 'a {
        for (name, value) in &self.headers {
            request.headers_mut().insert(name, value.clone());
        }
        let attached = self.lock_outcome().body.take();
        if let Some((content_type, body)) = attached {
            request
                .headers_mut()
                .insert(reqwest::header::CONTENT_TYPE, content_type);
            *request.body_mut() = Some(body);
        }
        // The path, never the query: query values may be personal data.
        let span = tracing::info_span!(
            "request",
            operation_id = self.operation_id,
            method = %request.method(),
            path = request.url().path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.attempts(http, request, span.clone()).instrument(span)
    }

    /// A success response whose body fails to read past
    /// `max_response_bytes`, or at once when its `Content-Length` is over
    /// that; other responses as they are (an error body is read only in
    /// part anyway). The body of a response that is not the API's answer
    /// could otherwise fill the memory.
    fn limit_body(&self, response: Response) -> Response {
        if !response.status().is_success() {
            return response;
        }
        let limit = usize::try_from(self.max_response_bytes).unwrap_or(usize::MAX);
        let declared = response
            .headers()
            .get(reqwest::header::CONTENT_LENGTH)
            .and_then(|length| length.to_str().ok())
            .and_then(|length| length.trim().parse::<u64>().ok());
        // hyper ends a body at its declared length and fails one that goes
        // on past it, so such a body within the limit cannot pass it. Most
        // responses declare one, and taking the response apart and wrapping
        // its body costs a tenth of a local call (`get_session` bench).
        if declared.is_some_and(|length| length <= self.max_response_bytes) {
            return response;
        }
        // reqwest's conversion keeps the status, the headers and the
        // timeout on reading the body, and drops the URL, which nothing
        // reads past this point.
        let (parts, body) = http::Response::from(response).into_parts();
        let body = if declared.is_some_and(|length| length > self.max_response_bytes) {
            // Dropping the connection's body closes it unread; one byte over
            // a limit of none makes the first read fail with the same error
            // as a body cut off.
            drop(body);
            reqwest::Body::wrap(Limited::new(Full::new(&b" "[..]), 0))
        } else {
            reqwest::Body::wrap(Limited::new(body, limit))
        };
        Response::from(http::Response::from_parts(parts, body))
    }

    /// The attempts of [`Call::send`], each recorded in `span`; a success
    /// comes back with its body limited.
    async fn attempts(
        &self,
        http: &reqwest::Client,
        mut request: Request,
        span: tracing::Span,
    ) -> reqwest::Result<Response> {
        let started = Instant::now();
        // A deadline too far to represent is no deadline.
        let deadline = self.deadline.and_then(|d| started.checked_add(d));
        let may_repeat = self.repeatable || self.policy.may_repeat(request.method());
        let mut backoff = self.policy.backoff();
        let mut attempt: u32 = 1;
        loop {
            span.record("attempt", attempt);
            // The attempt ends at the deadline at the latest: reqwest's
            // timeout covers reading the body too. Otherwise the client's
            // timeout holds, unless the call has its own.
            let left = deadline.map(|at| at.saturating_duration_since(Instant::now()));
            let cut_by_deadline =
                left.is_some_and(|left| self.attempt_timeout.is_none_or(|t| left < t));
            if let Some(timeout) = if cut_by_deadline { left } else { self.timeout } {
                *request.timeout_mut() = Some(timeout);
            }
            // A body that is a stream cannot be sent twice; such a request
            // gets one attempt.
            let spare = (may_repeat && attempt <= self.policy.max_retries)
                .then(|| request.try_clone())
                .flatten();
            // The attempt's response and head end with this block, before
            // the wait: what is held across an await is part of the future
            // of every call, which each call allocates and moves whole.
            let wait = {
                let result = http.execute(request).await;
                let head = result
                    .as_ref()
                    .ok()
                    .map(|r| ResponseHead::new(r.status(), r.headers(), &self.secrets));
                self.record(attempt, head.clone(), cut_by_deadline);
                let wait = match (&result, &head) {
                    (Ok(_), Some(head)) if retryable_status(head.status()) => {
                        match head.retry_after() {
                            Some(asked) if asked > self.policy.max_retry_after => None,
                            Some(asked) => Some(asked),
                            None => backoff.next(),
                        }
                    }
                    (Err(e), _) if retryable_failure(e) => backoff.next(),
                    _ => None,
                };
                // A wait that would end past the deadline is not slept: the
                // attempt after it could not be made.
                let wait = match (wait, deadline) {
                    (Some(wait), Some(at))
                        if spare.is_some()
                            && Instant::now().checked_add(wait).is_none_or(|end| end >= at) =>
                    {
                        self.lock_outcome().deadline_ran_out = true;
                        None
                    }
                    (wait, _) => wait,
                };
                let (Some(wait), Some(spare)) = (wait, spare) else {
                    if let Some(head) = &head {
                        span.record("status", head.status().as_u16());
                        if let Some(id) = head.request_id() {
                            span.record("request_id", id);
                        }
                    }
                    span.record("latency_ms", started.elapsed().as_millis() as u64);
                    tracing::debug!(attempts = attempt, ok = result.is_ok(), "done");
                    return result.map(|response| self.limit_body(response));
                };
                tracing::debug!(
                    attempt,
                    status = head.as_ref().map(|h| h.status().as_u16()),
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                request = spare;
                wait
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The client's credentials, which no text kept from a response shows.
    // Only crates with page streams use it.
    #[allow(dead_code)]
    pub(crate) fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    fn record(&self, attempt: u32, head: Option<ResponseHead>, deadline_bounded: bool) {
        let mut outcome = self.lock_outcome();
        outcome.attempts = attempt;
        if head.is_some() {
            outcome.last_seen.clone_from(&head);
        }
        outcome.last_response = head;
        outcome.deadline_bounded = deadline_bounded;
    }

    fn lock_outcome(&self) -> std::sync::MutexGuard<'_, Outcome> {
        self.outcome.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many attempts the call made, and the last response's head.
    pub(crate) fn outcome(&self) -> (u32, Option<ResponseHead>) {
        let outcome = self.lock_outcome();
        (outcome.attempts, outcome.last_response.clone())
    }

    /// The deadline, if it ended the call that failed with `error`: it
    /// kept the call from waiting for another attempt, or it was the
    /// timeout of the last attempt (reading the body included), and that
    /// timed out.
    /// With the deadline, the head of the last response that came.
    fn deadline_ran_out(
        &self,
        error: &progenitor_client::Error,
    ) -> Option<(Duration, Option<ResponseHead>)> {
        use progenitor_client::Error as Raw;
        let outcome = self.lock_outcome();
        let timed_out = match error {
            Raw::CommunicationError(e) | Raw::ResponseBodyError(e) => e.is_timeout(),
            _ => false,
        };
        let ran_out = outcome.deadline_ran_out || (outcome.deadline_bounded && timed_out);
        let deadline = self.deadline.filter(|_| ran_out)?;
        Some((deadline, outcome.last_seen.clone()))
    }
}

/// This crate's error for what progenitor's method failed with: `client`
/// is the progenitor client that made the call, `operation` the public
/// method's name.
///
/// Only a failure comes here. A success's decoded body passed through a
/// function like this one would be held twice in the future of every call,
/// which each call allocates and moves whole.
pub async fn failure(
    client: &impl ClientInfo<Call>,
    operation: &'static str,
    error: progenitor_client::Error,
) -> Error {
    // Boxed for the same reason: reading an error body would otherwise be
    // the largest part of every call's future.
    Box::pin(error_of(client.inner(), operation, error)).await
}

/// [`failure`], for the call that failed.
async fn error_of(call: &Call, operation: &'static str, error: progenitor_client::Error) -> Error {
    use progenitor_client::Error as Raw;

    let (attempts, head) = call.outcome();
    let secrets = &call.secrets;
    if let Some((deadline, last_seen)) = call.deadline_ran_out(&error) {
        // The last status is kept, even when a later attempt got no
        // response; the body of an error response is left unread.
        let kind = ErrorKind::DeadlineExceeded { deadline };
        return Error::new(operation, kind, last_seen, attempts);
    }
    let kind = match error {
        Raw::InvalidRequest(reason) | Raw::Custom(reason) => ErrorKind::InvalidRequest(reason),
        Raw::ResponseBodyError(e) if cut_at_limit(&e) => ErrorKind::ResponseTooLarge {
            limit: call.max_response_bytes,
            content_length: head
                .as_ref()
                .and_then(ResponseHead::content_length)
                .filter(|length| *length > call.max_response_bytes),
        },
        Raw::CommunicationError(e) | Raw::InvalidUpgrade(e) | Raw::ResponseBodyError(e) => {
            ErrorKind::Connection(e)
        }
        Raw::InvalidResponsePayload(_, e) => ErrorKind::Decode(DecodeError::new(&e)),
        Raw::UnexpectedResponse(response) => match redirect_not_followed(&response, secrets) {
            Some(redirect) => redirect,
            None => {
                let headers = response.headers().clone();
                match read_error_body(response).await {
                    Ok((bytes, complete)) => {
                        ErrorKind::Status(ErrorBody::parse(&headers, &bytes, complete, secrets))
                    }
                    Err(e) => ErrorKind::Connection(e),
                }
            }
        },
        // Error statuses are left out of what progenitor sees, so it never
        // decodes an error body itself.
        Raw::ErrorResponse(value) => {
            ErrorKind::Status(ErrorBody::parse(value.headers(), &[], true, secrets))
        }
    };
    Error::new(operation, kind, head, attempts)
}

/// Reads the body of a success whose type depends on its status (an
/// operation with several success bodies: progenitor leaves it unread) and
/// decodes it with `decode`, given the status and the bytes. The body is
/// read within `max_response_bytes`, as the call's transport limited it; a body
/// that does not decode is an [`ErrorKind::Decode`] that keeps the status
/// and request id, as for any other operation.
pub async fn decode_by_status<T>(
    call: &impl ClientInfo<Call>,
    operation: &'static str,
    response: ResponseValue<ByteStream>,
    decode: impl FnOnce(u16, &[u8]) -> serde_json::Result<T>,
) -> Result<ResponseValue<T>, Error> {
    let status = response.status();
    let headers = response.headers().clone();
    // A `dyn Stream`'s methods need no import of its trait.
    let mut stream = response.into_inner().into_inner();
    let mut body = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        match chunk {
            Ok(chunk) => body.extend_from_slice(&chunk),
            Err(error) => {
                let raw = progenitor_client::Error::ResponseBodyError(error);
                return Err(failure(call, operation, raw).await);
            }
        }
    }
    match decode(status.as_u16(), &body) {
        Ok(value) => Ok(ResponseValue::new(value, status, headers)),
        Err(error) => {
            let (attempts, head) = call.inner().outcome();
            let kind = ErrorKind::Decode(DecodeError::new(&error));
            Err(Error::new(operation, kind, head, attempts))
        }
    }
}

/// Whether reading a body failed because it went past the limit
/// [`Call::limit_body`] set.
fn cut_at_limit(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if cause.is::<LengthLimitError>() {
            return true;
        }
        source = cause.source();
    }
    false
}

/// The redirect [`redirect_policy`] stopped at, if `response` is one: its
/// target's origin, never its path or query.
fn redirect_not_followed(response: &Response, secrets: &Secrets) -> Option<ErrorKind> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(LOCATION)?.to_str().ok()?;
    let target = response.url().join(location).ok()?;
    Some(ErrorKind::Redirect {
        origin: secrets.redact(&origin_of(&target)),
        same_origin: target.origin() == response.url().origin(),
    })
}

/// A value as it goes into a path, a header or a query: a string as it is,
/// anything else as its JSON. The `Display` the generator gives a union
/// that a path writes, and the mock module's expectations, write values
/// with it.
// Only crates with such a union, or with the mock module, use it.
#[allow(dead_code)]
pub(crate) fn wire_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        // These values are the crate's own types, which serialize.
        Err(_) => String::new(),
    }
}

/// The items of a `pipeDelimited` or `spaceDelimited` query list, each as
/// [`wire_text`] writes it, joined by `separator`: progenitor sends lists
/// only in `style: form`, so the list reaches it as this one string.
// Only crates with such a list use it.
#[allow(dead_code)]
pub(crate) fn delimited<T: serde::Serialize>(items: &[T], separator: &str) -> String {
    let texts: Vec<String> = items.iter().map(wire_text).collect();
    texts.join(separator)
}

/// `scheme://host[:port]`, the port only when it is not the scheme's own.
pub(crate) fn origin_of(url: &Url) -> String {
    let origin = url.origin();
    if origin.is_tuple() {
        origin.ascii_serialization()
    } else {
        // Schemes without hosts (`data:`, `file:`) have no origin to name.
        format!("{}:", url.scheme())
    }
}

/// The first [`ERROR_BODY_LIMIT`] bytes of an error response's body, and
/// whether that is all of it; the rest is never read.
async fn read_error_body(mut response: Response) -> reqwest::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = ERROR_BODY_LIMIT - bytes.len();
        if chunk.len() > room {
            bytes.extend_from_slice(&chunk[..room]);
            return Ok((bytes, false));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok((bytes, true))
}
