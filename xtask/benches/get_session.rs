//! One `get_session` call through the client, against the same request made
//! with reqwest and serde_json directly (the baseline), both served by a
//! small HTTP server on 127.0.0.1 that this bench starts.
//!
//! The baseline sends the same headers and decodes into the same typed
//! `SessionDocument`, so the ratio is the cost of the client's own layer
//! (request building, the retry loop, the tracing span, error mapping), not
//! of decoding, which the `decode` bench measures. Retries are off, so each
//! side makes exactly one request, over a kept-alive connection.
//!
//! Criterion times one side for seconds, then the other, so a change in
//! the machine's load between the two moves the ratio; on a quiet machine
//! one commit's runs spread from 1.01 to 1.08. After criterion, the bench
//! therefore also alternates: rounds of a few hundred calls of each side,
//! taking turns at going first, and the median of the rounds' ratios,
//! which a slow drift of the load leaves alone.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use beltic_identity::Client;
use beltic_identity::types::SessionDocument;
use criterion::Criterion;
use serde_json::Value;

const GROUP: &str = "get_session";
const BASELINE: &str = "baseline_reqwest_serde_json";
const CLIENT: &str = "client";

const RECORDING: &str = "generated-client/tests/recordings/completed-person-session.json";
const API_KEY: &str = "sk_staging_bench_key";

/// The recorded exchange the server answers every request with.
struct Exchange {
    path: String,
    session_id: uuid::Uuid,
    /// The whole HTTP response: status line, the recorded headers, body.
    response: Vec<u8>,
}

impl Exchange {
    fn load() -> Self {
        let file = xtask::project_root().join(RECORDING);
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let recording: Value = serde_json::from_str(&text).expect("the recording is JSON");
        let field = |pointer: &str| {
            recording
                .pointer(pointer)
                .unwrap_or_else(|| panic!("the recording has no {pointer}"))
        };
        let path = field("/request/path").as_str().expect("a path").to_owned();
        let session_id = path
            .rsplit('/')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("the recorded path ends in a UUID");
        let body = serde_json::to_vec(field("/response/body")).expect("a JSON value encodes");
        let status = field("/response/status").as_u64().expect("a status");
        let mut response = format!("HTTP/1.1 {status} OK\r\n").into_bytes();
        let headers = field("/response/headers").as_object().expect("headers");
        for (name, value) in headers {
            let value = value.as_str().expect("a header value");
            response.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        response.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        response.extend_from_slice(&body);
        Exchange {
            path,
            session_id,
            response,
        }
    }
}

/// Serves `response` to every request on a port of 127.0.0.1, one thread a
/// connection. Plain std rather than a mock server: neither side should be
/// timed against request matching it does not need.
fn serve(response: Vec<u8>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("a bound address");
    let response: &'static [u8] = Box::leak(response.into_boxed_slice());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, response));
        }
    });
    address
}

/// Answers each request on a kept-alive connection until the client closes
/// it. GET requests have no body, so a request ends at its blank line.
fn answer(stream: TcpStream, response: &[u8]) {
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone().expect("a second handle on the stream");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) if line == "\r\n" => break,
                Ok(_) => {}
            }
        }
        if writer.write_all(response).is_err() {
            return;
        }
    }
}

/// The request the client makes, by hand: the same URL and headers, the
/// same timeouts, the body decoded by serde_json into the same type.
async fn baseline_get(
    http: &reqwest::Client,
    url: &str,
) -> Result<SessionDocument, Box<dyn std::error::Error>> {
    let response = http
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await?
        .error_for_status()?;
    let body = response.bytes().await?;
    Ok(serde_json::from_slice(&body)?)
}

fn baseline_http() -> reqwest::Client {
    let mut key = reqwest::header::HeaderValue::from_static(API_KEY);
    key.set_sensitive(true);
    let headers = reqwest::header::HeaderMap::from_iter([(
        reqwest::header::HeaderName::from_static("x-api-key"),
        key,
    )]);
    // The client's default timeouts, so that both build the same stack.
    reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a reqwest client")
}

fn get_session(c: &mut Criterion) {
    let exchange = Exchange::load();
    let base_url = format!("http://{}", serve(exchange.response));
    let url = format!("{base_url}{}", exchange.path);
    let id = exchange.session_id;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");

    let http = baseline_http();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(&base_url)
        .max_retries(0)
        .build()
        .expect("a valid configuration");
    // Both must succeed before they are timed: an error is faster.
    runtime.block_on(async {
        baseline_get(&http, &url)
            .await
            .expect("the baseline request");
        client.get_session(&id).await.expect("the client request");
    });

    let mut group = c.benchmark_group(GROUP);
    group.bench_function(BASELINE, |b| {
        b.to_async(&runtime)
            .iter(|| async { baseline_get(&http, &url).await.unwrap() })
    });
    group.bench_function(CLIENT, |b| {
        b.to_async(&runtime)
            .iter(|| async { client.get_session(&id).await.unwrap() })
    });
    group.finish();
    support::print_ratios(GROUP, &[BASELINE, CLIENT]);

    alternate(
        &runtime,
        || async { baseline_get(&http, &url).await.unwrap() },
        || async { client.get_session(&id).await.unwrap() },
    );
}

/// Rounds of the alternating comparison, and calls of each side a round.
const ROUNDS: usize = 101;
const CALLS_PER_ROUND: u32 = 200;

/// The mean time of one call over a round of [`CALLS_PER_ROUND`] calls.
fn time_round<F: Future>(runtime: &tokio::runtime::Runtime, call: &impl Fn() -> F) -> Duration {
    runtime.block_on(async {
        let started = Instant::now();
        for _ in 0..CALLS_PER_ROUND {
            call().await;
        }
        started.elapsed() / CALLS_PER_ROUND
    })
}

/// Times `baseline` and `client` in turns, [`CALLS_PER_ROUND`] calls each a
/// round, the side that goes first swapping every round, and prints the
/// medians and the median of the rounds' ratios with its quartiles.
fn alternate<BF: Future, CF: Future>(
    runtime: &tokio::runtime::Runtime,
    baseline: impl Fn() -> BF,
    client: impl Fn() -> CF,
) {
    let time_baseline = || time_round(runtime, &baseline);
    let time_client = || time_round(runtime, &client);
    let mut baseline_times = Vec::with_capacity(ROUNDS);
    let mut client_times = Vec::with_capacity(ROUNDS);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (b, c) = if round % 2 == 0 {
            let b = time_baseline();
            (b, time_client())
        } else {
            let c = time_client();
            (time_baseline(), c)
        };
        baseline_times.push(b);
        client_times.push(c);
        ratios.push(c.as_secs_f64() / b.as_secs_f64());
    }
    let micros = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64() * 1e6
    };
    ratios.sort_by(f64::total_cmp);
    let quartile = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    println!(
        "{GROUP}, alternating: {ROUNDS} rounds of {CALLS_PER_ROUND} calls each side\n  \
         {BASELINE:<32} {:>9.1} µs\n  {CLIENT:<32} {:>9.1} µs\n  \
         median of the rounds' ratios {:.3} (quartiles {:.3} to {:.3})",
        micros(&mut baseline_times),
        micros(&mut client_times),
        quartile(2),
        quartile(1),
        quartile(3),
    );
}

fn main() {
    let mut criterion = support::criterion().configure_from_args();
    get_session(&mut criterion);
    criterion.final_summary();
}
