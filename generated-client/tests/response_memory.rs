//! How much memory a call takes against a server whose success body never
//! ends, in a test binary of its own: the peak it measures is the whole
//! process's, which no other test may add to.
//!
//! `cargo test -p beltic-identity --test response_memory -- --nocapture`
//! prints the figure docs/performance.md quotes.

use std::time::Duration;

use beltic_identity::{Client, DEFAULT_MAX_RESPONSE_BYTES, ErrorKind};

mod support;
use support::{RawServer, endless_body};

/// A field of `/proc/self/status` in bytes, such as `VmHWM`, the peak
/// resident memory so far.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux's /proc");
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kib: u64 = line.trim().trim_end_matches("kB").trim().parse().unwrap();
    kib * 1024
}

#[tokio::test(flavor = "current_thread")]
async fn an_endless_body_costs_at_most_the_limit_and_a_little_more() {
    // At most 1 GiB, so that the thread ends even if the client read on;
    // before the limit existed, the client took 4 GiB in 20 s.
    let server = RawServer::start("127.0.0.1", 1, |stream| {
        endless_body(stream, "", &[b' '; 64 * 1024], 1 << 30);
    });
    let client = Client::builder()
        .api_key("sk_live_response_memory")
        .base_url(&server.url)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let before = status_bytes("VmHWM");
    let error = client
        .get_session(&uuid::Uuid::nil())
        .await
        .expect_err("the body never ends");
    let after = status_bytes("VmHWM");

    assert!(
        matches!(error.kind(), ErrorKind::ResponseTooLarge { .. }),
        "{error:?}"
    );
    let growth = after.saturating_sub(before);
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "peak resident memory grew by {:.1} MiB (VmHWM {:.1} -> {:.1} MiB) for a call \
         against an endless body, limit {:.0} MiB",
        mib(growth),
        mib(before),
        mib(after),
        mib(DEFAULT_MAX_RESPONSE_BYTES),
    );
    // The limit, and room for one more chunk, the connection's buffers and
    // the allocator.
    let bound = DEFAULT_MAX_RESPONSE_BYTES + 8 * 1024 * 1024;
    assert!(growth < bound, "grew by {growth} bytes, over {bound}");
}
