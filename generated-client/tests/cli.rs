//! The `beltic-identity` command (the `cli` feature), run as a process
//! against a server on 127.0.0.1 that replays the recordings: a success
//! prints the session as JSON with personal data redacted, and each failure
//! says in one or two lines what went wrong and what to do, with exit 2 for
//! a wrong command or environment and 1 for a failed call, never a panic,
//! `Debug` output or the key.
//!
//! `cargo test -p beltic-identity` builds the command: the crate's
//! dev-dependency on itself turns the `cli` feature on.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const KEY: &str = "sk_staging_cli_test_key_8086";

/// The recording of a complete session, and its id.
const COMPLETED: &str = "completed-person-session";
const ID: &str = "253d6330-5d63-436a-9590-29683f779502";

/// How long one run may take: the slowest case waits out a deadline of 1 s.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// Runs the command with `args` and only the Beltic variables in `env` set.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_beltic-identity"));
    command
        .args(args)
        .env_remove("BELTIC_API_KEY")
        .env_remove("BELTIC_BASE_URL")
        .env_remove("BELTIC_ALLOW_INSECURE_HTTP")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start the command");
    let started = Instant::now();
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = thread::spawn(move || {
        let mut text = Vec::new();
        stdout.read_to_end(&mut text).map(|_| text)
    });
    while child.try_wait().expect("wait for the command").is_none() {
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            panic!("beltic-identity {args:?} ran for more than {RUN_LIMIT:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
    let mut output = child.wait_with_output().expect("read the command's output");
    output.stdout = reader.join().unwrap().expect("read stdout");
    output
}

/// The environment of a run against `url` with the key.
fn env(url: &str) -> [(&'static str, String); 2] {
    [
        ("BELTIC_API_KEY", KEY.to_owned()),
        ("BELTIC_BASE_URL", url.to_owned()),
    ]
}

fn run_at(url: &str, args: &[&str]) -> Output {
    let env = env(url);
    let env: Vec<(&str, &str)> = env.iter().map(|(n, v)| (*n, v.as_str())).collect();
    run(args, &env)
}

/// Checks a failed run: its exit code, that stderr is one or two lines
/// holding every piece of `expected`, and that nothing looks like `Debug`
/// output, a panic or the key.
fn assert_failed(output: &Output, code: i32, expected: &[&str], what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let shown = format!("{what}\n--- stdout\n{stdout}--- stderr\n{stderr}");
    assert_eq!(output.status.code(), Some(code), "{shown}");
    assert!(stdout.is_empty(), "{shown}");
    let lines = stderr.lines().count();
    assert!((1..=2).contains(&lines), "{lines} lines: {shown}");
    assert!(stderr.starts_with("error: "), "{shown}");
    for piece in expected {
        assert!(stderr.contains(piece), "no {piece:?}: {shown}");
    }
    for internal in ["Error {", "Error(", "kind:", "panicked", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(internal), "{internal:?}: {shown}");
    }
    assert!(!stderr.contains(KEY), "the key is printed: {shown}");
}

/// A loopback URL nothing listens on: a port that was free a moment ago.
fn closed_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// The response of `tests/recordings/<recording>.json` as HTTP/1.1 bytes.
fn recorded_response(recording: &str) -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/recordings/{recording}.json"));
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let response = &recorded["response"];
    let body = response["body"].to_string();
    let mut head = format!("HTTP/1.1 {} Recorded\r\n", response["status"]);
    for (name, value) in response["headers"].as_object().unwrap() {
        head.push_str(&format!("{name}: {}\r\n", value.as_str().unwrap()));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    [head.into_bytes(), body.into_bytes()].concat()
}

/// A server on 127.0.0.1 that answers `times` requests with the response of
/// `recording` (or, for `None`, reads each and never answers), and hands
/// over each request's head.
fn serve(recording: Option<&str>, times: usize) -> (String, mpsc::Receiver<String>) {
    let response = recording.map(recorded_response);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, requests) = mpsc::channel();
    thread::spawn(move || {
        let mut kept = Vec::new();
        for _ in 0..times {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut request = Vec::new();
            let mut byte = [0; 1];
            while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                request.push(byte[0]);
            }
            let _ = sender.send(String::from_utf8_lossy(&request).into_owned());
            match &response {
                Some(response) => {
                    let _ = stream.write_all(response);
                }
                // Held open without an answer until the server ends.
                None => kept.push(stream),
            }
        }
        thread::sleep(RUN_LIMIT);
    });
    (url, requests)
}

#[test]
fn a_session_prints_as_json_with_personal_data_redacted() {
    let (url, requests) = serve(Some(COMPLETED), 1);
    let output = run_at(&url, &["get-session", ID]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let request = requests.recv().unwrap();
    assert!(
        request.starts_with(&format!("GET /v1/identity/sessions/{ID} HTTP/1.1")),
        "{request}"
    );
    assert!(
        request
            .to_lowercase()
            .contains(&format!("x-api-key: {KEY}").to_lowercase())
    );

    // Not a terminal: one line of compact JSON.
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let session: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(session["data"]["id"], ID);
    assert_eq!(session["data"]["attributes"]["status"], "approved");
    let attributes = &session["data"]["attributes"];
    assert_eq!(attributes["person"], "<redacted>", "{stdout}");
    for member in ["contact", "address", "identity_numbers"] {
        assert!(
            matches!(&attributes[member], Value::Null) || attributes[member] == "<redacted>",
            "{member}: {stdout}"
        );
    }
    assert!(!stdout.contains(KEY));
}

#[test]
fn personal_data_is_shown_when_asked() {
    let (url, _requests) = serve(Some(COMPLETED), 1);
    let output = run_at(&url, &["get-session", ID, "--show-personal-data"]);
    assert_eq!(output.status.code(), Some(0));
    let session: Value = serde_json::from_slice(&output.stdout).unwrap();
    let person = &session["data"]["attributes"]["person"];
    assert!(person.is_object(), "{person}");
    assert!(person["name"]["first"].is_string(), "{person}");
}

#[test]
fn help_shows_the_operations_summary_and_description() {
    let output = run(&["get-session", "--help"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    for piece in [
        "Get session by ID",
        "Retrieves one identity verification session",
        "GET /v1/identity/sessions/{id}",
        "<ID>",
        "--deadline <DURATION>",
        "--header <NAME:VALUE>",
        "--show-personal-data",
    ] {
        assert!(help.contains(piece), "no {piece:?}:\n{help}");
    }
    let top = run(&["--help"], &[]);
    let top = String::from_utf8(top.stdout).unwrap();
    assert!(top.contains("get-session  Get session by ID"), "{top}");
}

#[test]
fn without_a_key_it_says_which_variable_to_set() {
    for env in [&[][..], &[("BELTIC_API_KEY", "")]] {
        let output = run(&["get-session", ID], env);
        let expected = ["error: no API key: set BELTIC_API_KEY", "environment"];
        assert_failed(&output, 2, &expected, "no key");
    }
}

#[test]
fn a_wrong_command_exits_with_2() {
    let cases: [&[&str]; 3] = [
        &["get-sessions", ID],
        &["get-session", "not-a-uuid"],
        &["get-session"],
    ];
    for args in cases {
        let output = run(args, &[("BELTIC_API_KEY", KEY)]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn an_unusable_base_url_is_named_with_what_to_check() {
    let output = run_at("ftp://127.0.0.1", &["get-session", ID]);
    let expected = [
        "error: base URL `ftp://127.0.0.1`",
        "http or https",
        "check --base-url or BELTIC_BASE_URL",
    ];
    assert_failed(&output, 2, &expected, "ftp base URL");
    // --base-url wins over the environment, and is checked the same way.
    let output = run_at(
        &closed_url(),
        &["get-session", ID, "--base-url", "not a url"],
    );
    assert_failed(&output, 2, &["error: base URL `not a url`"], "--base-url");
}

#[test]
fn a_refused_connection_says_which_server_could_not_be_reached() {
    let url = closed_url();
    let output = run_at(&url, &["get-session", ID, "--max-retries", "0"]);
    let expected = [
        "error: get_session failed",
        "refused",
        "check BELTIC_BASE_URL (or --base-url) and the network",
        url.as_str(),
    ];
    assert_failed(&output, 1, &expected, "refused");
}

#[test]
fn an_unauthorized_key_says_to_check_the_variable() {
    let (url, _requests) = serve(Some("unauthorized"), 1);
    let output = run_at(&url, &["get-session", ID]);
    let expected = ["401 Unauthorized", "check BELTIC_API_KEY"];
    assert_failed(&output, 1, &expected, "401");
}

#[test]
fn a_missing_session_says_to_check_the_arguments() {
    let (url, _requests) = serve(Some("not-found"), 1);
    let output = run_at(&url, &["get-session", ID]);
    let expected = ["404 Not Found", "check the arguments"];
    assert_failed(&output, 1, &expected, "404");
}

#[test]
fn rate_limiting_says_how_long_to_wait() {
    let (url, _requests) = serve(Some("rate-limited"), 1);
    let output = run_at(&url, &["get-session", ID, "--max-retries", "0"]);
    let expected = ["429 Too Many Requests", "wait 1s before trying again"];
    assert_failed(&output, 1, &expected, "429");
}

#[test]
fn the_deadline_says_what_ran_out_and_how_to_allow_more() {
    let (url, requests) = serve(None, 3);
    let output = run_at(&url, &["get-session", ID, "--deadline", "1s"]);
    let expected = ["the deadline of 1s ran out", "--deadline"];
    assert_failed(&output, 1, &expected, "deadline");
    assert!(requests.recv().is_ok());
}

#[test]
fn a_header_goes_with_the_call_and_a_forbidden_one_is_refused() {
    let (url, requests) = serve(Some(COMPLETED), 1);
    let output = run_at(
        &url,
        &["get-session", ID, "--header", "X-Correlation-Id: runbook-7"],
    );
    assert_eq!(output.status.code(), Some(0));
    let request = requests.recv().unwrap().to_lowercase();
    assert!(request.contains("x-correlation-id: runbook-7"), "{request}");

    let output = run_at(
        &closed_url(),
        &["get-session", ID, "--header", "X-Api-Key: other"],
    );
    assert_failed(
        &output,
        2,
        &["invalid request", "check the --header options"],
        "key header",
    );
}

/// The README shows a session as the command prints it on a terminal
/// (pretty JSON, which this test compares with the compact JSON a pipe
/// gets), against `created-session.json`.
#[test]
fn the_readme_shows_what_the_command_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("the project's README");
    let command =
        "$ target/debug/beltic-identity get-session 0a41df30-0225-49b9-8526-a49c08a3fd6f\n";
    let start = readme.find(command).expect("the README's session") + command.len();
    let shown: String = readme[start..]
        .lines()
        .take_while(|line| !line.starts_with("$ "))
        .map(|line| format!("{line}\n"))
        .collect();

    let (url, _requests) = serve(Some("created-session"), 1);
    let output = run_at(
        &url,
        &["get-session", "0a41df30-0225-49b9-8526-a49c08a3fd6f"],
    );
    assert_eq!(output.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let pretty = serde_json::to_string_pretty(&printed).unwrap();
    assert_eq!(shown, format!("{pretty}\n"), "README.md's session differs");
}
