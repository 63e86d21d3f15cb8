//! Drift signals: a success body that holds a member the spec does not
//! describe, or a value of a string enumeration the spec does not list,
//! still decodes (the member is dropped, the value lands in the enum's
//! `Unknown` variant), and the client says so once, in a `tracing` event
//! and in [`DriftLog::drifts`], so that someone learns the spec is behind.
//!
//! How each kind is found:
//!
//! - Members: the body decodes through `serde_ignored`, which names the
//!   path of every member the types skip. typify's structs skip unknown
//!   members (none denies them), so drift never makes a decode fail.
//!   `serde_ignored` copies every member name into a `String` to know the
//!   path, which made a typed decode about a quarter slower: so it watches
//!   the first [`MEMBERS_WATCHED_FIRST`] responses of each operation, then
//!   one in [`MEMBERS_WATCHED_EVERY`]. A member the server adds for good
//!   is still told within that many calls; the others decode as before.
//! - Enum values: the open enums' `Deserialize` calls [`unlisted_value`].
//!   A `Deserialize` impl cannot see where in the document it is, so the
//!   decode notes each enum type with an unlisted value in a thread-local
//!   `Watch`, set around the synchronous `from_slice` call only (nothing
//!   awaits inside it, so no other decode shares the thread meanwhile),
//!   with the value's place in the order the decode meets open enums.
//!   Only when it noted something is the body decoded again, through
//!   `serde_ignored`, and the open enum at that place skips its value
//!   ([`reading_enum_value`]) instead of reading it: `serde_ignored` names
//!   the path of a skipped value, which is the value's pointer. A clean
//!   body costs one decode and nothing more; tracking the path of every
//!   value on every decode would cost more than the 3% this may add, for
//!   an event that fires once. Locating through `serde_ignored` rather
//!   than a crate that tracks every path means the types' `Deserialize`
//!   is compiled for two deserializers, not three: a third of the
//!   decoding code of every generated crate.
//!
//! Pointers are JSON pointers (RFC 6901) into the body, with every array
//! index written `*`, so that the same member in each item of a list is
//! one drift, not one per item.

use std::cell::RefCell;
use std::fmt;
use std::sync::{Arc, Mutex};

use progenitor_client::ResponseValue;
use serde::de::DeserializeOwned;

use super::error::Secrets;
use super::transport::Call;

/// The most distinct drifts one client (with its clones) keeps; later ones
/// are counted in [`DriftLog::unkept`] only, so that a server sending
/// endless new member names cannot grow the client's memory.
pub const MAX_DRIFTS: usize = 128;

/// How many responses of each operation, from a client's first, have
/// their members watched.
pub const MEMBERS_WATCHED_FIRST: u64 = 16;

/// After the first ones, the members of one response of each operation in
/// this many are watched.
pub const MEMBERS_WATCHED_EVERY: u64 = 64;

/// The most distinct pointers one response adds to the log.
const MAX_PER_RESPONSE: usize = 16;

/// The most enum types with unlisted values one response gets located:
/// each costs another, partial, decode of the body.
const MAX_LOCATED: usize = 4;

/// The longest pointer and the longest value a drift keeps, in bytes: the
/// rest is cut, so that a hostile member name does not fill the log.
const MAX_POINTER_BYTES: usize = 256;
const MAX_VALUE_BYTES: usize = 64;

/// The error an open enum raises in a locating decode when the value it
/// skipped is inside a `oneOf`, whose place within is lost; no decode
/// returns it to the application.
const STOP: &str = "drift: stop at the unlisted value";

/// What a response holds that the spec does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DriftKind {
    /// A value of a string enumeration that the spec does not list: it
    /// decoded into the enum's `Unknown` variant.
    UnknownEnumValue,
    /// A member of an object that the spec does not describe: decoding
    /// dropped it.
    UndescribedMember,
}

impl DriftKind {
    /// The name events and logs use: `unknown_enum_value`,
    /// `undescribed_member`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownEnumValue => "unknown_enum_value",
            Self::UndescribedMember => "undescribed_member",
        }
    }
}

impl fmt::Display for DriftKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place where the API's responses differ from the spec, as a client
/// saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Drift {
    /// The spec's `operationId` of the operation whose response it was.
    pub operation_id: &'static str,
    /// Where in the response body, as a JSON pointer with every array
    /// index written `*` (`/data/attributes/status`, `/included/*/id`).
    pub pointer: String,
    /// What differs.
    pub kind: DriftKind,
    /// The first unlisted value seen there, for an enum value whose schema
    /// is not personal data; `None` for a member (whose value is never
    /// kept) and for a personal enum.
    pub value: Option<String>,
    /// How many responses held it: of all responses for an enum value, of
    /// those whose members were watched for a member.
    pub responses: u64,
}

/// The drifts one client and its clones have seen: each operation and
/// pointer once, with a count.
#[derive(Clone, Debug, Default)]
pub struct DriftLog {
    seen: Arc<Mutex<Seen>>,
    /// The client's credentials, which no pointer or value shows.
    secrets: Secrets,
}

#[derive(Debug, Default)]
struct Seen {
    /// In the order they were first seen; at most [`MAX_DRIFTS`].
    drifts: Vec<Drift>,
    /// Drifts not kept because the log was full.
    unkept: u64,
    /// How many responses of each operation were decoded.
    decoded: Vec<(&'static str, u64)>,
}

/// A drift found in one response.
struct Found {
    pointer: String,
    kind: DriftKind,
    value: Option<String>,
}

impl DriftLog {
    /// An empty log, whose drifts never show `secrets`.
    pub fn new(secrets: Secrets) -> Self {
        Self {
            seen: Arc::default(),
            secrets,
        }
    }

    /// The drifts seen so far, in the order they were first seen.
    pub fn drifts(&self) -> Vec<Drift> {
        self.lock().drifts.clone()
    }

    /// How many distinct drifts were not kept because the log already held
    /// [`MAX_DRIFTS`].
    pub fn unkept(&self) -> u64 {
        self.lock().unkept
    }

    /// Counts a response of `operation_id`, and says whether its members
    /// are watched.
    fn watches_members(&self, operation_id: &'static str) -> bool {
        let mut seen = self.lock();
        let order = match seen.decoded.iter_mut().find(|(id, _)| *id == operation_id) {
            Some((_, decoded)) => {
                *decoded += 1;
                *decoded - 1
            }
            // The operations are the generated crate's: a bounded list.
            None => {
                seen.decoded.push((operation_id, 1));
                0
            }
        };
        order < MEMBERS_WATCHED_FIRST || order % MEMBERS_WATCHED_EVERY == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts what one response of `operation_id` held, and emits an event
    /// for each drift the log had not seen.
    fn record(&self, operation_id: &'static str, found: Vec<Found>) {
        let mut new = Vec::new();
        let mut newly_full = false;
        {
            let mut seen = self.lock();
            for found in found {
                let pointer = self.secrets.redact(&found.pointer);
                let known = seen.drifts.iter_mut().find(|d| {
                    d.operation_id == operation_id && d.kind == found.kind && d.pointer == pointer
                });
                if let Some(drift) = known {
                    drift.responses += 1;
                } else if seen.drifts.len() < MAX_DRIFTS {
                    let drift = Drift {
                        operation_id,
                        pointer,
                        kind: found.kind,
                        value: found.value.map(|v| self.secrets.redact(&v)),
                        responses: 1,
                    };
                    seen.drifts.push(drift.clone());
                    new.push(drift);
                } else {
                    newly_full |= seen.unkept == 0;
                    seen.unkept += 1;
                }
            }
        }
        // Outside the lock: a subscriber may take its time.
        for drift in &new {
            emit(drift);
        }
        if newly_full {
            tracing::warn!(
                operation_id,
                max_drifts = MAX_DRIFTS,
                "the drift log is full: later drifts are counted, not kept"
            );
        }
    }
}

/// The event for a drift seen for the first time.
///
/// An unlisted enum value is a `warn`: it reaches the application as
/// `Unknown`, where a `match` may do the wrong thing with it. An
/// undescribed member is an `info`: nothing the application reads
/// changed, only the spec is behind.
fn emit(drift: &Drift) {
    let kind = drift.kind.as_str();
    match drift.kind {
        DriftKind::UnknownEnumValue => tracing::warn!(
            operation_id = drift.operation_id,
            pointer = drift.pointer.as_str(),
            kind,
            value = drift.value.as_deref(),
            "the response holds an enum value the spec does not list"
        ),
        DriftKind::UndescribedMember => tracing::info!(
            operation_id = drift.operation_id,
            pointer = drift.pointer.as_str(),
            kind,
            "the response holds a member the spec does not describe"
        ),
    }
}

impl Call {
    /// This call's drifts go to `log`, the client's, rather than to a log of
    /// its own.
    pub fn reporting_drift_to(mut self, log: DriftLog) -> Self {
        self.drift = log;
        self
    }

    /// Decodes a success body as JSON, as [`from_response`] does, for an
    /// operation whose body type depends on the status.
    pub fn decode_json<T: DeserializeOwned>(&self, body: &[u8]) -> serde_json::Result<T> {
        decode(self.operation_id(), &self.drift, body)
    }
}

/// progenitor's `ResponseValue::from_response`, watching for drift: reads
/// a success body and decodes it as JSON, telling the call's drift log what
/// the body holds that the spec does not describe.
pub async fn from_response<T: DeserializeOwned, E>(
    call: &Call,
    response: reqwest::Response,
) -> Result<ResponseValue<T>, progenitor_client::Error<E>> {
    // Taken apart rather than cloned: every success passes here. reqwest's
    // conversion keeps the timeout on reading the body.
    let (head, body) = http::Response::from(response).into_parts();
    let body = http_body_util::BodyExt::collect(body)
        .await
        .map_err(progenitor_client::Error::ResponseBodyError)?
        .to_bytes();
    match decode(call.operation_id(), &call.drift, &body) {
        Ok(value) => Ok(ResponseValue::new(value, head.status, head.headers)),
        Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(body, e)),
    }
}

/// Decodes `body` as `serde_json::from_slice` does, and tells `log` what
/// it holds that the spec does not describe, as the response of
/// `operation_id`.
pub fn decode<T: DeserializeOwned>(
    operation_id: &'static str,
    log: &DriftLog,
    body: &[u8],
) -> serde_json::Result<T> {
    let members = log.watches_members(operation_id).then(Vec::new);
    let watch_members = members.is_some();
    let first = Watch::Note {
        members,
        unlisted: Vec::new(),
    };
    let (decoded, watch) = watching(first, || {
        if watch_members {
            decode_skipping::<T>(body)
        } else {
            serde_json::from_slice::<T>(body)
        }
    });
    let value: T = decoded?;
    let Watch::Note { members, unlisted } = watch else {
        unreachable!("the watch set above is a note");
    };
    let mut found = members.unwrap_or_default();
    for unlisted in unlisted {
        if let Some(pointer) = locate::<T>(body, unlisted.order) {
            note(
                &mut found,
                pointer,
                DriftKind::UnknownEnumValue,
                unlisted.value,
            );
        }
    }
    if !found.is_empty() {
        log.record(operation_id, found);
    }
    Ok(value)
}

/// Decodes `body` through `serde_ignored`, which tells [`skipped`] the
/// path of every value the types skip. Both watching decodes go through
/// this one function, so that the types' `Deserialize` is compiled for it
/// once.
fn decode_skipping<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_ignored::deserialize(&mut deserializer, skipped)?;
    deserializer.end()?;
    Ok(value)
}

/// What `serde_ignored` tells of a skipped value at `path`: a member the
/// types do not describe, in a first decode that watches members; the
/// value looked for, in a locating decode while its enum skips it.
fn skipped(path: serde_ignored::Path<'_>) {
    WATCH.with_borrow_mut(|slot| match slot {
        Some((
            _,
            Watch::Note {
                members: Some(members),
                ..
            },
        )) => {
            let pointer = pointer_of_member(&path);
            note(members, pointer, DriftKind::UndescribedMember, None);
        }
        Some((
            _,
            Watch::Locate {
                skipping: true,
                pointer,
                ..
            },
        )) => *pointer = Some(pointer_of_member(&path)),
        _ => {}
    });
}

/// Adds a drift to those of one response, unless it is there already or
/// the response has given its share.
fn note(found: &mut Vec<Found>, pointer: String, kind: DriftKind, value: Option<String>) {
    let known = found.iter().any(|f| f.kind == kind && f.pointer == pointer);
    if !known && found.len() < MAX_PER_RESPONSE {
        found.push(Found {
            pointer,
            kind,
            value,
        });
    }
}

/// What the decode on this thread watches for, while [`watching`] runs it.
enum Watch {
    /// The first decode: the members the types skip, when they are watched,
    /// and each enum type with an unlisted value, once.
    Note {
        members: Option<Vec<Found>>,
        unlisted: Vec<Unlisted>,
    },
    /// A locating decode: the open enum value numbered `target` is skipped
    /// rather than read, and `serde_ignored` gives its `pointer` while
    /// `skipping`.
    Locate {
        target: usize,
        skipping: bool,
        pointer: Option<String>,
    },
}

/// An enum type whose value was not listed, in the first decode.
struct Unlisted {
    type_name: &'static str,
    /// Which open enum value of the body it was, counting from 0.
    order: usize,
    value: Option<String>,
}

thread_local! {
    /// The watch, with how many open enum values the decode has met so far.
    static WATCH: RefCell<Option<(usize, Watch)>> = const { RefCell::new(None) };
}

/// Runs `decode` with `watch` set for this thread, and gives back what it
/// watched. The previous watch is back afterwards, even if `decode`
/// panics.
fn watching<R>(watch: Watch, decode: impl FnOnce() -> R) -> (R, Watch) {
    struct Restore(Option<(usize, Watch)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            WATCH.with_borrow_mut(|watch| *watch = previous);
        }
    }
    let previous = WATCH.with_borrow_mut(|slot| slot.replace((0, watch)));
    let restore = Restore(previous);
    let result = decode();
    let watched = WATCH.with_borrow_mut(Option::take);
    drop(restore);
    let (_, watch) = watched.expect("the watch set above is still there");
    (result, watch)
}

/// What an open enum's `Deserialize` calls before it reads its value:
/// gives `deserializer` back to read it with, except in a locating decode
/// at the value looked for. That value is skipped instead, so that
/// `serde_ignored` names its path, and `None` tells the enum to return any
/// value, which the locating decode throws away. Outside a client's
/// decode it only gives `deserializer` back.
pub fn reading_enum_value<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<D>, D::Error> {
    let looked_for = WATCH.with_borrow_mut(|slot| {
        let Some((seen, watch)) = slot else {
            return false;
        };
        let order = *seen;
        *seen += 1;
        match watch {
            Watch::Locate {
                target, skipping, ..
            } if *target == order => {
                *skipping = true;
                true
            }
            _ => false,
        }
    });
    if !looked_for {
        return Ok(Some(deserializer));
    }
    deserializer.deserialize_ignored_any(serde::de::IgnoredAny)?;
    let told = WATCH.with_borrow_mut(|slot| match slot {
        Some((
            _,
            Watch::Locate {
                skipping, pointer, ..
            },
        )) => {
            *skipping = false;
            pointer.is_some()
        }
        _ => false,
    });
    if told {
        Ok(None)
    } else {
        // A `oneOf` buffers what it holds and reads it again from the
        // buffer, out of `serde_ignored`'s sight. Failing here fails the
        // alternative: were it the one that matched, the decode fails too.
        Err(serde::de::Error::custom(STOP))
    }
}

/// Tells the decode running on this thread that an open enum of type
/// `type_name` got a value its spec does not list: `value`, or `None` when
/// the enum is personal data. Outside a client's decode it does nothing.
pub fn unlisted_value(type_name: &'static str, value: Option<&str>) {
    WATCH.with_borrow_mut(|slot| {
        if let Some((seen, Watch::Note { unlisted, .. })) = slot {
            // `reading_enum_value` counted this value before it was read.
            let order = seen.saturating_sub(1);
            let noted = unlisted.iter().any(|u| u.type_name == type_name);
            if !noted && unlisted.len() < MAX_LOCATED {
                unlisted.push(Unlisted {
                    type_name,
                    order,
                    value: value.map(|v| truncated(v, MAX_VALUE_BYTES)),
                });
            }
        }
    })
}

/// Where the open enum value numbered `order` is in `body`: decodes it
/// again, skipping that value.
///
/// Inside a `oneOf` the place within is lost: if the value was in the
/// alternative that matched, the decode fails without it, and the pointer
/// is the body's root, the closest place known. If the decode succeeds
/// without the pointer, the value was in an alternative that did not
/// match: the response does not hold it.
fn locate<T: DeserializeOwned>(body: &[u8], order: usize) -> Option<String> {
    let locate = Watch::Locate {
        target: order,
        skipping: false,
        pointer: None,
    };
    let (result, watch) = watching(locate, || decode_skipping::<T>(body).map(drop));
    match watch {
        Watch::Locate {
            pointer: Some(pointer),
            ..
        } => Some(pointer),
        _ => result.is_err().then(String::new),
    }
}

/// The pointer of a member `serde_ignored` reports.
fn pointer_of_member(path: &serde_ignored::Path<'_>) -> String {
    fn push(path: &serde_ignored::Path<'_>, pointer: &mut String) {
        match path {
            serde_ignored::Path::Root => {}
            serde_ignored::Path::Seq { parent, .. } => {
                push(parent, pointer);
                pointer.push_str("/*");
            }
            serde_ignored::Path::Map { parent, key } => {
                push(parent, pointer);
                push_key(pointer, key);
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => push(parent, pointer),
        }
    }
    let mut pointer = String::new();
    push(path, &mut pointer);
    truncated(&pointer, MAX_POINTER_BYTES)
}

/// Appends `/key` with the escapes of RFC 6901.
fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `text`, cut to at most `max` bytes at a character boundary, with `…`
/// marking the cut.
fn truncated(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}
