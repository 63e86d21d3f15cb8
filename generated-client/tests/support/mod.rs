//! What several test files share: a recorded session and the answers
//! built from it, a client whose retries wait milliseconds, a bare HTTP
//! server for answers wiremock cannot give (a body that never ends or
//! trickles), and captured tracing output.

#![allow(dead_code)] // Each test file uses its own part of this.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use beltic_identity::{Client, RetryPolicy};
use serde_json::Value;
use wiremock::{MockServer, ResponseTemplate};

/// The session document of `recordings/completed-person-session.json`, as
/// JSON.
pub fn session_json() -> Value {
    let text = include_str!("../recordings/completed-person-session.json");
    let recording: Value = serde_json::from_str(text).unwrap();
    recording["response"]["body"].clone()
}

/// `200` with the recorded session.
pub fn ok_session() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(session_json())
}

/// `503` with the API's error document.
pub fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503).set_body_raw(
        r#"{"errors":[{"status":"503","code":"unavailable","title":"Service Unavailable"}]}"#,
        "application/json",
    )
}

/// A client of `server` with the API key `key`, whose backoff is short so
/// that retry tests take milliseconds; the number of retries is the
/// default unless `policy` says.
pub fn quick_client(server: &MockServer, key: &str, policy: RetryPolicy) -> Client {
    Client::builder()
        .api_key(key)
        .base_url(server.uri())
        .retry_policy(policy.initial_backoff(Duration::from_millis(10)))
        .build()
        .unwrap()
}

/// A server on a loopback address that answers each request on a
/// connection of its own, and passes on the head of each request it read.
pub struct RawServer {
    /// `http://host:port`.
    pub url: String,
    requests: mpsc::Receiver<String>,
}

impl RawServer {
    /// Listens on `host` (a loopback address such as `127.0.0.1`) and
    /// answers at most `connections` requests, each with `answer`, which
    /// writes the whole response and then returns, closing the connection.
    pub fn start(
        host: &str,
        connections: usize,
        answer: impl Fn(&mut TcpStream) + Send + 'static,
    ) -> Self {
        let listener = TcpListener::bind((host, 0)).expect("bind a loopback address");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (sent, requests) = mpsc::channel();
        thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
                // Passed on before answering, so that the test knows about a
                // request by the time the client has its answer.
                let _ = sent.send(read_head(&mut stream));
                answer(&mut stream);
            }
        });
        RawServer { url, requests }
    }

    /// The heads of the requests received so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.try_iter().collect()
    }
}

/// The request line and headers, up to the blank line; 64 KiB at most.
fn read_head(stream: &mut impl Read) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while head.len() < 64 * 1024 && !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Writes a `200 OK` head with `headers` and a chunked body of `chunk`
/// repeated until `total` bytes are sent or the client hangs up: a body
/// that, to a client, never ends.
pub fn endless_body(stream: &mut TcpStream, headers: &str, chunk: &[u8], total: usize) {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{headers}\
         transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
    framed.extend_from_slice(chunk);
    framed.extend_from_slice(b"\r\n");
    let mut sent = 0;
    while sent < total && stream.write_all(&framed).is_ok() {
        sent += chunk.len();
    }
}

/// Writes a `200 OK` head with a chunked `body`, in chunks of 1000 bytes:
/// a complete body of a length no header declares.
pub fn chunked_body(stream: &mut TcpStream, body: &[u8]) {
    let mut response = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        .to_vec();
    for chunk in body.chunks(1000) {
        response.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        response.extend_from_slice(chunk);
        response.extend_from_slice(b"\r\n");
    }
    response.extend_from_slice(b"0\r\n\r\n");
    let _ = stream.write_all(&response);
}

/// Tracing output, captured for one test.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// Makes a subscriber that writes every event and span here the
    /// thread's default, until what this returns is dropped.
    ///
    /// tracing decides once, process-wide, whether a span or event is
    /// wanted, when some thread first reaches it; while only one subscriber
    /// exists, it asks that thread's default. Another test's thread, which
    /// has none, would then turn the span off for this one too
    /// (tokio-rs/tracing#3611). A second subscriber kept alive alongside
    /// makes tracing ask every subscriber instead.
    pub fn install(&self) -> Installed {
        Installed {
            _second: tracing::Dispatch::new(self.subscriber()),
            _default: tracing::subscriber::set_default(self.subscriber()),
        }
    }

    fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + 'static {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish()
    }
}

/// Keeps a [`Captured`] installed.
pub struct Installed {
    _second: tracing::Dispatch,
    _default: tracing::subscriber::DefaultGuard,
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
