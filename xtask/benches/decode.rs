//! Decoding a full session document into the typed model, against decoding
//! the same bytes into `serde_json::Value` (the baseline): what the types,
//! enums, timestamps and UUIDs cost over plain JSON parsing.

mod support;

use std::hint::black_box;

use beltic_identity::types::SessionDocument;
use criterion::{Criterion, Throughput};
use serde_json::Value;

const GROUP: &str = "decode_session";
const BASELINE: &str = "baseline_serde_json_value";
const TYPED: &str = "typed_session_document";

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

    let mut group = c.benchmark_group(GROUP);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BASELINE, |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).unwrap())
    });
    group.bench_function(TYPED, |b| {
        b.iter(|| serde_json::from_slice::<SessionDocument>(black_box(&body)).unwrap())
    });
    group.finish();
    support::print_ratios(GROUP, &[BASELINE, TYPED]);
}

fn main() {
    let mut criterion = support::criterion().configure_from_args();
    decode(&mut criterion);
    criterion.final_summary();
}
