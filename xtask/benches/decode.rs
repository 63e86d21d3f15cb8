//! Decoding a full session document into the typed model, against decoding
//! the same bytes into `serde_json::Value` (the baseline): what the types,
//! enums, timestamps and UUIDs cost over plain JSON parsing. A third
//! benchmark decodes as the client does, watching for drift (members and
//! enum values the spec lacks, see `runtime/drift.rs`): against the plain
//! typed decode, what the watch costs on a clean body.

mod support;

use std::hint::black_box;

use beltic_identity::types::SessionDocument;
use criterion::{Criterion, Throughput};
use serde_json::Value;

const GROUP: &str = "decode_session";
const BASELINE: &str = "baseline_serde_json_value";
const TYPED: &str = "typed_session_document";
const WATCHED: &str = "typed_watching_drift";

/// The recording whose body is decoded: a completed person session, the
/// fullest document the project has.
const RECORDING: &str = "generated-client/tests/recordings/completed-person-session.json";

/// The response body of the recording, as the server sent it: compact JSON.
fn session_body() -> Vec<u8> {
    let file = xtask::project_root().join(RECORDING);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let recording: Value = serde_json::from_str(&text).expect("the recording is JSON");
    let body = recording
        .pointer("/response/body")
        .expect("the recording has a response body");
    serde_json::to_vec(body).expect("a JSON value encodes")
}

fn decode(c: &mut Criterion) {
    let body = session_body();
    // Fail before measuring rather than time an error path.
    serde_json::from_slice::<SessionDocument>(&body).expect("the recording decodes");
    // The client's decode, as `get_session` runs it: the runtime crate's
    // copy of the code the generated client embeds, with one log for every
    // iteration as a client has, so members are watched in the same sample
    // of responses.
    let drift = client_runtime::runtime::DriftLog::default();
    let watched = |body: &[u8]| {
        client_runtime::runtime::drift::decode::<SessionDocument>("getSession", &drift, body)
            .unwrap()
    };
    watched(&body);
    assert_eq!(
        drift.drifts(),
        [],
        "the recording holds nothing the spec lacks"
    );

    let mut group = c.benchmark_group(GROUP);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BASELINE, |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).unwrap())
    });
    group.bench_function(TYPED, |b| {
        b.iter(|| serde_json::from_slice::<SessionDocument>(black_box(&body)).unwrap())
    });
    group.bench_function(WATCHED, |b| b.iter(|| watched(black_box(&body))));
    group.finish();
    support::print_ratios(GROUP, &[BASELINE, TYPED, WATCHED]);
}

fn main() {
    let mut criterion = support::criterion().configure_from_args();
    decode(&mut criterion);
    criterion.final_summary();
}
