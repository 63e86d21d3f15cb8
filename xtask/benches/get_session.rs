//! One `get_session` call through the client, against the same request made
//! with reqwest and serde_json directly (the baseline), each side served by
//! a small HTTP server of its own on 127.0.0.1 that this bench starts.
//!
//! The baseline sends the same headers and decodes into the same typed
//! `SessionDocument`, so the ratio is the cost of the client's own layer
//! (request building, the retry loop, the tracing span, error mapping), not
//! of decoding, which the `decode` bench measures. Retries are off, so each
//! side makes exactly one request a call, over one kept-alive connection;
//! the servers count what they answer, and the bench panics when a side's
//! requests or connections differ from that.
//!
//! The servers are tasks on the bench's own single-threaded runtime: the
//! thread that makes a call also answers it, so nothing waits for another
//! thread to be woken. With a server thread per connection, each side's
//! calls took the time of wherever the scheduler had left that side's
//! server thread, on the bench's CPU or on the other one, for minutes at a
//! time, and the two modes below disagreed by up to four times (issue 25).
//!
//! Criterion times one side for seconds, then the other, so a change in
//! the machine's load between the two moves its ratio. After criterion,
//! the bench therefore also alternates: rounds of a few hundred calls of
//! each side, taking turns at going first, and the median of the rounds'
//! ratios, which a slow drift of the load leaves alone. It prints the 50th
//! and 99th percentiles of single calls beside it, and panics when the two
//! modes' ratios are further apart than their 95% intervals and a drift of
//! load between criterion's two benchmarks allow.

mod support;

use std::cell::Cell;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use beltic_identity::Client;
use beltic_identity::types::SessionDocument;
use criterion::Criterion;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;

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

/// What one side's server has answered: counted so that the bench can tell
/// that every call it timed was one request over the kept-alive connection.
#[derive(Debug, Default)]
struct Served {
    connections: AtomicU64,
    requests: AtomicU64,
}

/// Serves `response` to every request on a port of 127.0.0.1, as tasks of
/// `runtime`, and counts what it answers.
///
/// The server runs on the thread that times the calls, so that an exchange
/// costs the client's work, the server's and the loopback's, and nothing
/// waits for another thread to be woken. Plain tokio rather than a mock
/// server: neither side should be timed against request matching it does
/// not need.
fn serve(runtime: &Runtime, response: &'static [u8]) -> (SocketAddr, Arc<Served>) {
    let listener = runtime
        .block_on(TcpListener::bind("127.0.0.1:0"))
        .expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("a bound address");
    let served = Arc::new(Served::default());
    let counts = Arc::clone(&served);
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counts.connections.fetch_add(1, Ordering::Relaxed);
            tokio::spawn(answer(stream, response, Arc::clone(&counts)));
        }
    });
    (address, served)
}

/// Answers each request on a kept-alive connection until the client closes
/// it. GET requests have no body, so a request ends at its blank line.
async fn answer(mut stream: TcpStream, response: &[u8], served: Arc<Served>) {
    let _ = stream.set_nodelay(true);
    let (reader, mut writer) = stream.split();
    let mut reader = BufReader::new(reader);
    let mut line = String::new();
    loop {
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) if line == "\r\n" => break,
                Ok(_) => {}
            }
        }
        served.requests.fetch_add(1, Ordering::Relaxed);
        if writer.write_all(response).await.is_err() {
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
    // The client's default timeouts, so that both build the same stack,
    // and its `User-Agent`, so that both send the same bytes: without it
    // the baseline's request was one header line shorter, which the
    // server reads too, and the ratio 0.02 higher.
    reqwest::Client::builder()
        .default_headers(headers)
        .user_agent(beltic_identity::DEFAULT_USER_AGENT)
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a reqwest client")
}

/// One side of the comparison: how it makes a call, how many calls it has
/// made, and what its server has answered.
struct Side<C> {
    name: &'static str,
    call: C,
    calls: Cell<u64>,
    served: Arc<Served>,
}

impl<C: AsyncFn()> Side<C> {
    fn new(name: &'static str, served: Arc<Served>, call: C) -> Self {
        Side {
            name,
            call,
            calls: Cell::new(0),
            served,
        }
    }

    /// Makes one call, counted.
    async fn call(&self) {
        self.calls.set(self.calls.get() + 1);
        (self.call)().await;
    }

    /// Panics unless this side's server answered one request for each call
    /// made so far, all over one connection: a side that did less, or more,
    /// than the other would make their ratio meaningless.
    fn check_served(&self, when: &str) {
        let calls = self.calls.get();
        let requests = self.served.requests.load(Ordering::Relaxed);
        let connections = self.served.connections.load(Ordering::Relaxed);
        assert_eq!(
            requests, calls,
            "{GROUP}: {when}, the server of {} answered {requests} requests to {calls} calls; \
             the sides no longer do the same work, and their ratio means nothing",
            self.name,
        );
        assert_eq!(
            connections, 1,
            "{GROUP}: {when}, {} made its {calls} calls over {connections} connections \
             instead of one kept-alive connection; the ratio would include opening them",
            self.name,
        );
    }
}

fn get_session(c: &mut Criterion) {
    let exchange = Exchange::load();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    // Each side has a server of its own, so that each one's requests are
    // counted apart.
    let response: &'static [u8] = Box::leak(exchange.response.into_boxed_slice());
    let (baseline_address, baseline_served) = serve(&runtime, response);
    let (client_address, client_served) = serve(&runtime, response);
    let id = exchange.session_id;
    // The baseline builds its URL from the id at each call, as code that
    // calls the API by hand would; the client does too.
    let collection = exchange
        .path
        .strip_suffix(&id.to_string())
        .expect("the recorded path ends in the session id");
    let base = format!("http://{baseline_address}{collection}");

    let http = baseline_http();
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(format!("http://{client_address}"))
        .max_retries(0)
        .build()
        .expect("a valid configuration");
    let baseline = Side::new(BASELINE, baseline_served, async || {
        let session = baseline_get(&http, &format!("{base}{id}")).await;
        black_box(session.expect("the baseline request"));
    });
    let client = Side::new(CLIENT, client_served, async || {
        let session = client.get_session(&id).await;
        black_box(session.expect("the client request"));
    });
    // Both must succeed before they are timed: an error is faster.
    runtime.block_on(async {
        baseline.call().await;
        client.call().await;
    });
    if let Some((side, calls)) = one_side_only() {
        // For an instruction counter: one side's calls, nothing timed.
        runtime.block_on(async {
            for _ in 0..calls {
                match side {
                    Only::Baseline => baseline.call().await,
                    Only::Client => client.call().await,
                }
            }
        });
        baseline.check_served("after the calls of one side");
        client.check_served("after the calls of one side");
        return;
    }

    let mut group = c.benchmark_group(GROUP);
    group.bench_function(BASELINE, |b| b.to_async(&runtime).iter(|| baseline.call()));
    group.bench_function(CLIENT, |b| b.to_async(&runtime).iter(|| client.call()));
    group.finish();
    let criterion_ratio = support::print_ratios(GROUP, &[BASELINE, CLIENT])
        .into_iter()
        .find(|ratio| ratio.id == CLIENT);
    baseline.check_served("after criterion");
    client.check_served("after criterion");

    let alternating = alternate(&runtime, &baseline, &client);
    baseline.check_served("after the alternating rounds");
    client.check_served("after the alternating rounds");
    match criterion_ratio {
        Some(criterion) => check_agreement(&criterion, &alternating),
        None => println!("  (criterion did not time both sides: the modes are not compared)"),
    }
}

/// The side `GET_SESSION_ONLY` names (`baseline` or `client`), and how many
/// calls `GET_SESSION_CALLS` asks of it (1000 unless it says): then the bench
/// makes only those calls and times nothing. Run under
/// `valgrind --tool=callgrind` once with N calls and once with 3N, the
/// difference of the two counts divided by 2N is what one call costs that
/// side in instructions, whatever else the machine is doing.
fn one_side_only() -> Option<(Only, u32)> {
    let side = match std::env::var("GET_SESSION_ONLY").ok()?.as_str() {
        "baseline" => Only::Baseline,
        "client" => Only::Client,
        other => panic!("GET_SESSION_ONLY is `baseline` or `client`, not `{other}`"),
    };
    let calls = std::env::var("GET_SESSION_CALLS").map_or(1000, |calls| {
        calls
            .parse()
            .unwrap_or_else(|_| panic!("GET_SESSION_CALLS is a number of calls, not `{calls}`"))
    });
    Some((side, calls))
}

enum Only {
    Baseline,
    Client,
}

/// Rounds of the alternating comparison, and calls of each side a round.
const ROUNDS: usize = 101;
const CALLS_PER_ROUND: u32 = 200;

/// One side's calls in the alternating rounds.
#[derive(Default)]
struct Timings {
    /// The mean time of a call in each round.
    round_means: Vec<Duration>,
    /// Every call's own time.
    calls: Vec<Duration>,
}

impl Timings {
    /// Times a round of [`CALLS_PER_ROUND`] calls of `side`.
    fn round<C: AsyncFn()>(&mut self, runtime: &Runtime, side: &Side<C>) {
        let calls = &mut self.calls;
        let round = runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..CALLS_PER_ROUND {
                let call_started = Instant::now();
                side.call().await;
                calls.push(call_started.elapsed());
            }
            started.elapsed()
        });
        self.round_means.push(round / CALLS_PER_ROUND);
    }

    /// The `q`-quantile of single calls, in microseconds.
    fn call_quantile(&mut self, q: f64) -> f64 {
        self.calls.sort_unstable();
        let rank = ((self.calls.len() - 1) as f64 * q).round() as usize;
        self.calls[rank].as_secs_f64() * 1e6
    }

    /// The median of the rounds' means, in microseconds.
    fn median_round(&self) -> f64 {
        let mut means = self.round_means.clone();
        means.sort_unstable();
        means[means.len() / 2].as_secs_f64() * 1e6
    }
}

/// What the alternating rounds found: the median of the rounds' ratios of
/// the client's mean call to the baseline's, and its 95% confidence interval.
struct Alternating {
    ratio: f64,
    low: f64,
    high: f64,
}

/// Times `baseline` and `client` in turns, [`CALLS_PER_ROUND`] calls each a
/// round, the side that goes first swapping every round, and prints what
/// a call of each takes (the median of the rounds' means, and the 50th and
/// 99th percentile of single calls) and the median of the rounds' ratios.
fn alternate<B: AsyncFn(), C: AsyncFn()>(
    runtime: &Runtime,
    baseline: &Side<B>,
    client: &Side<C>,
) -> Alternating {
    let mut baseline_times = Timings::default();
    let mut client_times = Timings::default();
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            baseline_times.round(runtime, baseline);
            client_times.round(runtime, client);
        } else {
            client_times.round(runtime, client);
            baseline_times.round(runtime, baseline);
        }
    }
    let mut ratios: Vec<f64> = baseline_times
        .round_means
        .iter()
        .zip(&client_times.round_means)
        .map(|(b, c)| c.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let (low, high) = median_interval(&ratios);
    let alternating = Alternating {
        ratio: ratios[ratios.len() / 2],
        low,
        high,
    };
    println!(
        "{GROUP}, alternating: {ROUNDS} rounds of {CALLS_PER_ROUND} calls each side\n  \
         {:<32} {:>12} {:>12} {:>12}",
        "a call, in µs", "mean", "p50", "p99",
    );
    for (name, times) in [(BASELINE, &mut baseline_times), (CLIENT, &mut client_times)] {
        println!(
            "  {name:<32} {:>12.1} {:>12.1} {:>12.1}",
            times.median_round(),
            times.call_quantile(0.5),
            times.call_quantile(0.99),
        );
    }
    println!(
        "  median of the rounds' ratios {:.3} (95% interval {:.3} to {:.3})",
        alternating.ratio, alternating.low, alternating.high,
    );
    alternating
}

/// The 95% confidence interval of the median of `sorted`, from its order
/// statistics: the values at ranks n/2 ± 1.96·√n/2, which holds whatever
/// the distribution.
fn median_interval(sorted: &[f64]) -> (f64, f64) {
    let n = sorted.len() as f64;
    let half_width = 1.96 * n.sqrt() / 2.0;
    let rank = |r: f64| (r as usize).clamp(1, sorted.len()) - 1;
    (
        sorted[rank((n / 2.0 - half_width).floor())],
        sorted[rank((n / 2.0 + half_width).ceil())],
    )
}

/// How far apart, relative to the ratio, criterion's interval and the
/// alternating one may lie and still agree. Criterion's interval holds the
/// noise within each side's seconds of timing, not a change of the load
/// between one side's seconds and the other's, which the alternating rounds
/// do not see; on a quiet machine that moved criterion's ratio by up to 9%
/// (1.078 against the rounds' 1.183). The disagreement this guard is for
/// was four times.
const DRIFT: f64 = 0.10;

/// Panics when criterion's ratio and the alternating one disagree by more
/// than their 95% intervals and [`DRIFT`] allow: then one mode does not
/// measure what the other does, as when the two sides' server threads sat
/// on different CPUs (issue 25).
fn check_agreement(criterion: &support::Ratio, alternating: &Alternating) {
    let gap = (criterion.low - alternating.high).max(alternating.low - criterion.high);
    let apart = gap > DRIFT * criterion.ratio.min(alternating.ratio);
    assert!(
        !apart,
        "{GROUP}: criterion's ratio {:.3} ({:.3} to {:.3}) and the alternating rounds' \
         {:.3} ({:.3} to {:.3}) disagree beyond their 95% intervals and a drift of {:.0}%. \
         Either the two modes no longer time the same work, or the machine's load changed \
         between criterion's two benchmarks: run again on a quiet machine before looking \
         for a cause.",
        criterion.ratio,
        criterion.low,
        criterion.high,
        alternating.ratio,
        alternating.low,
        alternating.high,
        DRIFT * 100.0,
    );
    if gap > 0.0 {
        println!(
            "  criterion's ratio and the alternating one are {gap:.3} apart beyond their 95% \
             intervals, within the {:.0}% a change of load between criterion's two benchmarks \
             may give",
            DRIFT * 100.0
        );
    } else {
        println!("  criterion's ratio and the alternating one agree within their 95% intervals");
    }
}

fn main() {
    let mut criterion = support::criterion().configure_from_args();
    get_session(&mut criterion);
    criterion.final_summary();
}
