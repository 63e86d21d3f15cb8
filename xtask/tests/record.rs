//! `cargo xtask record` end to end: the real binary, run as a process,
//! against a one-file HTTP server on 127.0.0.1 that answers with a session
//! of a realistic (invented here, but treated as real) person.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use contract::Recording;

mod common;
use common::{Run, project_root, run, xtask_command};
use serde_json::{Value, json};

const KEY: &str = "sk_staging_R3alS3cretKey_do_not_commit_7731";
const SESSION_ID: &str = "6d1f0a52-3c2e-4b7a-9f43-8e5c1d2b7a90";

/// The personal values of [`person_session`], none of which may reach a
/// recording.
const PERSONAL: [&str; 14] = [
    "Margaret",
    "Josephine",
    "Whitfield",
    "1979-04-02",
    "margaret.whitfield@mailbox.test",
    "+442079460958",
    "221B Baker Street",
    "Flat 3",
    "Marylebone",
    "Westminster",
    "NW1 6XE",
    "AB 12 34 56 C",
    "Called about her move to Leeds",
    "tracking=7f3e9c",
];

fn project_document() -> generator::for_tools::Document {
    let spec = project_root().join("spec/beltic-identity.yaml");
    generator::for_tools::checked_document(&spec, None).expect("the spec is valid")
}

/// A server on 127.0.0.1 that answers up to `connections` requests with
/// the same response, and passes on the head of each request it read.
struct Server {
    url: String,
    requests: mpsc::Receiver<String>,
}

impl Server {
    fn start(connections: usize, status: &str, headers: &[(&str, &str)], body: &str) -> Self {
        Self::start_on("127.0.0.1", connections, status, headers, body)
    }

    /// The same on another loopback address, such as 127.0.0.2.
    fn start_on(
        host: &str,
        connections: usize,
        status: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Self {
        let listener = TcpListener::bind((host, 0)).expect("bind a loopback address");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let mut response = format!("HTTP/1.1 {status}\r\n");
        for (name, value) in headers {
            response.push_str(&format!("{name}: {value}\r\n"));
        }
        response.push_str(&format!(
            "content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ));
        let (sent, requests) = mpsc::channel();
        thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                // Passed on before answering: once the recorder has its
                // answer, the test already knows about the request.
                let _ = sent.send(read_head(&mut stream));
                let _ = stream.write_all(response.as_bytes());
            }
        });
        Server { url, requests }
    }

    /// The head of the next request, waiting a few seconds at most.
    fn next_request(&self) -> String {
        self.requests
            .recv_timeout(Duration::from_secs(10))
            .expect("the server received a request")
    }

    fn no_more_requests(&self) -> bool {
        self.requests.try_recv().is_err()
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

/// A completed person session full of personal data, with a member the
/// spec does not describe and the key echoed back.
fn person_session() -> Value {
    json!({
        "data": {
            "id": SESSION_ID,
            "type": "session",
            "attributes": {
                "status": "approved",
                "creator_type": "system",
                "entity_type": "person",
                "creator_id": null,
                "person": {
                    "name": {"first": "Margaret", "middle": "Josephine", "last": "Whitfield"},
                    "birth_date": "1979-04-02"
                },
                "business": null,
                "identity_numbers": {
                    "number": "AB 12 34 56 C",
                    "issuing_country_code": "GB",
                    "class": "nino",
                    "created_at": "2025-05-02T09:14:11.204Z",
                    "updated_at": null
                },
                "contact": {"email": "margaret.whitfield@mailbox.test", "phone": "+442079460958"},
                "address": {
                    "line1": "221B Baker Street",
                    "line2": "Flat 3",
                    "sublocality": "Marylebone",
                    "locality": "London",
                    "administrative_area": "Westminster",
                    "postal_code": "NW1 6XE",
                    "country_code": "GB"
                },
                "behavior_analysis": null,
                "created_at": "2025-05-02T09:10:00Z",
                "updated_at": "2025-05-02T09:20:31.5Z",
                "started_at": "2025-05-02T09:11:02Z",
                "expires_at": "2025-05-03T09:10:00Z",
                "completed_at": "2025-05-02T09:15:40Z",
                "failed_at": null,
                "marked_for_review_at": null,
                "decisioned_at": "2025-05-02T09:20:31.5Z",
                "expired_at": null,
                "redacted_at": null,
                "agent_notes": {"text": "Called about her move to Leeds", "calls": 3}
            },
            "relationships": {
                "account": {"data": {"type": "account", "id": "act_01J74R5H1256ZX3PV96YTB0DDP"}},
                "documents": {"data": []}
            }
        },
        "meta": {},
        "links": {"self": format!("https://api.beltic.com/v1/identity/sessions/{SESSION_ID}?debug_key={KEY}")}
    })
}

const SESSION_HEADERS: [(&str, &str); 8] = [
    ("content-type", "application/json"),
    ("request-id", "req_01JYZP90687RWEFERCKVAHKMTT"),
    ("ratelimit-limit", "300"),
    ("ratelimit-remaining", "299"),
    ("ratelimit-reset", "60"),
    ("set-cookie", "tracking=7f3e9c; Path=/"),
    ("date", "Fri, 02 May 2025 09:20:32 GMT"),
    ("x-debug-key", KEY),
];

/// Runs `xtask record --id SESSION_ID --base-url URL --recordings DIR` with
/// `extra` arguments, the key in the environment when `key` is given.
fn record(base_url: &str, dir: &Path, key: Option<&str>, extra: &[&str]) -> Run {
    let mut command = xtask_command(&project_root());
    command
        .args([
            "record",
            "--id",
            SESSION_ID,
            "--base-url",
            base_url,
            "--recordings",
        ])
        .arg(dir)
        .args(extra)
        .env_remove("BELTIC_API_KEY");
    if let Some(key) = key {
        command.env("BELTIC_API_KEY", key);
    }
    run(&mut command)
}

fn assert_no_secret(text: &str, what: &str) {
    assert!(!text.contains(KEY), "{what} holds the key:\n{text}");
}

fn is_date(text: &str) -> bool {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    text.len() == 10 && matches!(parts.as_slice(), [_, 1..=12, 1..=28])
}

#[test]
fn record_writes_a_scrubbed_recording_that_passes_the_contract_check() {
    let scratch = tempfile::tempdir().unwrap();
    let body = person_session().to_string();
    let server = Server::start(3, "200 OK", &SESSION_HEADERS, &body);

    let run = record(&server.url, scratch.path(), Some(KEY), &["--name", "first"]);
    assert!(run.success, "{}", run.describe());
    assert!(run.stdout.contains("conforms"), "{}", run.describe());
    assert_no_secret(&run.stdout, "stdout");
    assert_no_secret(&run.stderr, "stderr");

    // The server saw the real key, on the operation's path.
    let request = server.next_request();
    assert!(
        request.starts_with(&format!(
            "GET /v1/identity/sessions/{SESSION_ID} HTTP/1.1\r\n"
        )),
        "{request}"
    );
    let sent_key = request.lines().find_map(|line| {
        line.strip_prefix("x-api-key: ")
            .or(line.strip_prefix("X-Api-Key: "))
    });
    assert_eq!(sent_key, Some(KEY), "{request}");

    let file = scratch.path().join("first.json");
    let text = fs::read_to_string(&file).expect("the recording is written");
    assert_no_secret(&text, "the recording");
    for personal in PERSONAL {
        assert!(
            !text.contains(personal),
            "the recording holds the personal value {personal:?}:\n{text}"
        );
    }
    assert!(!text.to_ascii_lowercase().contains("set-cookie"), "{text}");

    // It passes the contract check, as the test of all recordings will.
    let recording = Recording::read(&file).expect("a recording");
    let violations =
        contract::check(&project_document(), "first", &recording).expect("the spec describes it");
    assert!(violations.is_empty(), "{violations:?}");

    assert_eq!(recording.request.headers["x-api-key"], "<scrubbed>");
    assert_eq!(recording.request.headers["accept"], "application/json");
    let headers: Vec<&str> = recording
        .response
        .headers
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        headers,
        [
            "content-type",
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            "request-id"
        ]
    );

    // What is not personal is kept as it was.
    let (written, original) = (&recording.response.body, person_session());
    for pointer in [
        "/data/id",
        "/data/attributes/status",
        "/data/attributes/created_at",
        "/data/attributes/decisioned_at",
        "/data/relationships",
        "/meta",
    ] {
        assert_eq!(
            written.pointer(pointer),
            original.pointer(pointer),
            "{pointer}"
        );
    }
    assert!(
        written["links"]["self"]
            .as_str()
            .unwrap()
            .ends_with("?debug_key=<scrubbed>")
    );

    // The invented values have the originals' shapes.
    let a = &written["data"]["attributes"];
    assert!(is_date(a["person"]["birth_date"].as_str().unwrap()), "{a}");
    for part in ["first", "middle", "last"] {
        let name = a["person"]["name"][part].as_str().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(char::is_alphabetic),
            "{name}"
        );
    }
    let email = a["contact"]["email"].as_str().unwrap();
    assert!(
        email.ends_with("@example.com") && email.matches('@').count() == 1,
        "{email}"
    );
    let phone = a["contact"]["phone"].as_str().unwrap();
    assert!(
        phone.starts_with('+') && phone.len() == "+442079460958".len(),
        "{phone}"
    );
    assert!(phone[1..].chars().all(|c| c.is_ascii_digit()), "{phone}");
    let number = a["identity_numbers"]["number"].as_str().unwrap();
    let shape = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    '9'
                } else if c.is_ascii_uppercase() {
                    'A'
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    assert_eq!(shape(number), shape("AB 12 34 56 C"), "{number}");
    let country = a["address"]["country_code"].as_str().unwrap();
    assert!(
        country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()),
        "{country}"
    );
    let created = a["identity_numbers"]["created_at"].as_str().unwrap();
    assert!(
        is_date(&created[..10]) && created.ends_with('Z'),
        "{created}"
    );
    assert_eq!(a["identity_numbers"]["updated_at"], Value::Null);
    assert!(a["agent_notes"]["calls"].is_i64());

    // Recording the same session again writes the same bytes.
    let again = record(
        &server.url,
        scratch.path(),
        Some(KEY),
        &["--name", "second"],
    );
    assert!(again.success, "{}", again.describe());
    server.next_request();
    let second = fs::read(scratch.path().join("second.json")).unwrap();
    assert!(second == text.as_bytes(), "a second recording differs");

    // An existing recording is kept unless --force; no request is made.
    let refused = record(&server.url, scratch.path(), Some(KEY), &["--name", "first"]);
    assert!(!refused.success, "{}", refused.describe());
    assert!(refused.stderr.contains("--force"), "{}", refused.describe());
    assert!(server.no_more_requests());
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_missing_key_is_a_clear_error_and_nothing_is_asked() {
    let scratch = tempfile::tempdir().unwrap();
    let server = Server::start(1, "200 OK", &SESSION_HEADERS, "{}");
    let run = record(&server.url, scratch.path(), None, &[]);
    run.assert_one_error(&["BELTIC_API_KEY is not set", "X-Api-Key"]);
    thread::sleep(Duration::from_millis(100));
    assert!(server.no_more_requests());
    assert_eq!(fs::read_dir(scratch.path()).unwrap().count(), 0);
}

#[test]
fn a_refused_connection_is_a_clear_error_without_the_key() {
    let scratch = tempfile::tempdir().unwrap();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let run = record(&closed, scratch.path(), Some(KEY), &[]);
    // Where, why (the operating system's word for it), and what to do.
    run.assert_one_error(&[&closed, "cannot connect: ", "--base-url"]);
    assert!(
        run.stderr.to_lowercase().contains("refused"),
        "{}",
        run.describe()
    );
    assert_no_secret(&run.stderr, "stderr");
    assert_eq!(fs::read_dir(scratch.path()).unwrap().count(), 0);
}

#[test]
fn a_body_that_is_not_json_is_refused_without_showing_it() {
    let scratch = tempfile::tempdir().unwrap();
    let page = "<html>Margaret Whitfield, gateway error</html>";
    let server = Server::start(1, "502 Bad Gateway", &[("content-type", "text/html")], page);
    let run = record(&server.url, scratch.path(), Some(KEY), &[]);
    assert!(!run.success, "{}", run.describe());
    assert!(run.stderr.contains("not JSON"), "{}", run.describe());
    assert!(run.stderr.contains("502"), "{}", run.describe());
    assert!(run.stderr.contains("text/html"), "{}", run.describe());
    assert!(!run.stderr.contains("Margaret"), "{}", run.describe());
    assert_no_secret(&run.stderr, "stderr");
    assert_eq!(fs::read_dir(scratch.path()).unwrap().count(), 0);
}

#[test]
fn a_redirect_to_another_host_is_recorded_not_followed() {
    let scratch = tempfile::tempdir().unwrap();
    let elsewhere = Server::start_on(
        "127.0.0.2",
        1,
        "200 OK",
        &SESSION_HEADERS,
        &person_session().to_string(),
    );
    let location = format!("{}/v1/identity/sessions/{SESSION_ID}", elsewhere.url);
    let server = Server::start(1, "302 Found", &[("location", &location)], "");
    let run = record(
        &server.url,
        scratch.path(),
        Some(KEY),
        &["--name", "redirect"],
    );

    // The API was asked, with the key; the other host not at all.
    let request = server.next_request().to_ascii_lowercase();
    assert!(request.contains(&format!("x-api-key: {}", KEY.to_ascii_lowercase())));
    assert!(elsewhere.no_more_requests(), "the redirect was followed");
    // A 302 the spec does not describe: written as evidence, and a failure.
    assert!(!run.success, "{}", run.describe());
    assert!(run.stderr.contains("302"), "{}", run.describe());
    assert_no_secret(&run.stderr, "stderr");
    let text = fs::read_to_string(scratch.path().join("redirect.json")).expect("written");
    assert_no_secret(&text, "the recording");
}

#[test]
fn an_answer_the_spec_does_not_describe_is_written_and_fails() {
    let scratch = tempfile::tempdir().unwrap();
    let body = json!({"errors": [{"code": "teapot", "detail": "Margaret is brewing"}]});
    let server = Server::start(
        1,
        "418 I'm a teapot",
        &[("content-type", "application/json")],
        &body.to_string(),
    );
    let run = record(
        &server.url,
        scratch.path(),
        Some(KEY),
        &["--name", "teapot"],
    );
    assert!(!run.success, "{}", run.describe());
    assert!(run.stderr.contains("418"), "{}", run.describe());
    assert!(run.stderr.contains("getSession"), "{}", run.describe());

    // Written as evidence; with no schema to say otherwise, every value
    // counts as personal.
    let text = fs::read_to_string(scratch.path().join("teapot.json")).expect("written");
    assert!(
        !text.contains("Margaret") && !text.contains("brewing"),
        "{text}"
    );
    assert_no_secret(&text, "the recording");
}

/// A small spec whose credential is a bearer token: the recorder reads
/// it from the variable the generated client reads, `KENNEL_BEARER_TOKEN`,
/// and sends it as `Authorization: Bearer …`.
const BEARER_SPEC: &str = r#"
openapi: 3.0.3
info: {title: Kennel, version: "1"}
x-rust-client: {env-prefix: KENNEL}
paths:
  /dogs/{id}:
    get:
      operationId: getDog
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: the dog
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Dog'}
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
  schemas:
    Dog:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
security:
  - token: []
"#;

#[test]
fn a_bearer_spec_is_recorded_with_the_clients_variable() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("kennel.yaml");
    fs::write(&spec, BEARER_SPEC).unwrap();
    let document = generator::for_tools::checked_document(&spec, None).expect("the spec is valid");
    assert_eq!(
        document.credential_env().as_deref(),
        Some("KENNEL_BEARER_TOKEN")
    );
    let generated = generator::generate(&generator::Settings::new(&spec, "kennel.yaml"))
        .expect("the spec generates")
        .files;
    let connection = generated
        .iter()
        .find(|(path, _)| path.ends_with("src/connection.rs"))
        .map(|(_, text)| text)
        .expect("src/connection.rs");
    assert!(
        connection.contains("\"KENNEL_BEARER_TOKEN\""),
        "the client reads another variable"
    );

    let body = json!({"id": "d-7", "name": "Biscuit"}).to_string();
    let recordings = scratch.path().join("recordings");
    let record = |key: Option<&str>, server: &Server| {
        let mut command = xtask_command(&project_root());
        command
            .args(["record", "--id", "d-7", "--base-url", &server.url, "--spec"])
            .arg(&spec)
            .arg("--recordings")
            .arg(&recordings)
            .env_remove("KENNEL_BEARER_TOKEN")
            .env_remove("KENNEL_API_KEY");
        if let Some(key) = key {
            command.env("KENNEL_BEARER_TOKEN", key);
        }
        run(&mut command)
    };

    // Without the variable: it is named, and nothing is asked.
    let server = Server::start(1, "200 OK", &[("content-type", "application/json")], &body);
    record(None, &server).assert_one_error(&["KENNEL_BEARER_TOKEN is not set", "Authorization"]);
    thread::sleep(Duration::from_millis(100));
    assert!(server.no_more_requests());

    let server = Server::start(1, "200 OK", &[("content-type", "application/json")], &body);
    let run = record(Some(KEY), &server);
    let request = server.next_request().to_ascii_lowercase();
    assert!(
        request.contains(&format!(
            "authorization: bearer {}",
            KEY.to_ascii_lowercase()
        )),
        "{request}"
    );
    assert!(run.success, "{}", run.describe());
    let text = fs::read_to_string(recordings.join("get-dog-d-7.json")).expect("written");
    assert_no_secret(&text, "the recording");
    let recording: Recording = serde_json::from_str(&text).unwrap();
    assert_eq!(recording.request.headers["authorization"], "<scrubbed>");
    assert_eq!(recording.response.body["name"], "Biscuit");
}
