//! What a newcomer sees when running an example goes wrong: each example,
//! run as a process, says in one or two lines what went wrong and what to do,
//! never Rust's `Debug` of an internal type, and exits with 2 when it was run
//! wrongly or 1 when the call failed. Answers come from a server on
//! 127.0.0.1 replaying the recordings.
//!
//! `cargo test -p beltic-identity` builds the examples before running this;
//! `cargo test --test examples` alone does not, and the test then says so.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

const EXAMPLES: [&str; 2] = ["get_session", "batch_job"];
const KEY: &str = "sk_staging_examples_test_key_5150";
const ID: &str = "0ec47d9b-57ae-45b5-8eb5-a742c40dab2b";

/// How long an example may run: `batch_job` retries a refused connection
/// four times, with waits that add up to at most 15 s.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// The example's binary, next to the test's own: `target/<profile>/deps/`
/// holds this test, `target/<profile>/examples/` the examples.
fn binary(example: &str) -> PathBuf {
    let test = std::env::current_exe().expect("the test's own path");
    let profile_dir = test
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("{example}{}", std::env::consts::EXE_SUFFIX));
    let build = "run `cargo test -p beltic-identity`, which builds the examples, or \
                 `cargo build -p beltic-identity --examples` first";
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| panic!("no example binary at {}: {build}", binary.display()));
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = crate_dir.join(format!("examples/{example}.rs"));
    let changed = std::fs::metadata(&source)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    assert!(
        built >= changed,
        "{} is older than {}: {build}",
        binary.display(),
        source.display()
    );
    binary
}

/// Runs `example` with `args` and only the Beltic variables in `env` set.
fn run(example: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(binary(example));
    command
        .args(args)
        .env_remove("BELTIC_API_KEY")
        .env_remove("BELTIC_BASE_URL")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start the example");
    let started = Instant::now();
    // Its output is a few lines, well under a pipe's buffer: waiting before
    // reading cannot block it.
    while child.try_wait().expect("wait for the example").is_none() {
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            panic!("{example} {args:?} ran for more than {RUN_LIMIT:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("read the example's output")
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
    for piece in expected {
        assert!(stderr.contains(piece), "no {piece:?}: {shown}");
    }
    // `main` returning an `Err` prints "Error: " and then `Debug`.
    for internal in ["Error: ", "Error {", "Error(", "kind:", "panicked", "\""] {
        assert!(!stderr.contains(internal), "{internal:?}: {shown}");
    }
    assert!(!stderr.contains(KEY), "the key is printed: {shown}");
}

/// A loopback URL nothing listens on: a port that was free a moment ago.
fn closed_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// A server on 127.0.0.1 that answers one request with the response of
/// `tests/recordings/<recording>.json`, and hands over the request's head.
fn serve_once(recording: &str) -> (String, mpsc::Receiver<String>) {
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

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, requests) = mpsc::channel();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut request = Vec::new();
        let mut byte = [0; 1];
        while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
            request.push(byte[0]);
        }
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let _ = sender.send(String::from_utf8_lossy(&request).into_owned());
    });
    (url, requests)
}

#[test]
fn without_an_id_each_example_prints_its_usage() {
    for example in EXAMPLES {
        let output = run(example, &[], &[("BELTIC_API_KEY", KEY)]);
        assert_failed(&output, 2, &["usage: ", example, "<session id>"], example);
    }
}

#[test]
fn an_id_that_is_not_a_uuid_is_named_with_what_an_id_is() {
    for example in EXAMPLES {
        let output = run(example, &["not-a-uuid"], &[("BELTIC_API_KEY", KEY)]);
        let expected = ["error: `not-a-uuid` is not a session id", "UUID"];
        assert_failed(&output, 2, &expected, example);
    }
}

#[test]
fn without_a_key_each_example_says_which_variable_to_set() {
    for example in EXAMPLES {
        for env in [&[][..], &[("BELTIC_API_KEY", "")]] {
            let output = run(example, &[ID], env);
            let expected = ["error: no API key", "set BELTIC_API_KEY"];
            assert_failed(&output, 2, &expected, example);
        }
    }
}

#[test]
fn an_unusable_base_url_is_named_with_what_is_wrong() {
    for example in EXAMPLES {
        let env = [
            ("BELTIC_API_KEY", KEY),
            ("BELTIC_BASE_URL", "ftp://127.0.0.1"),
        ];
        let output = run(example, &[ID], &env);
        let expected = ["error: base URL `ftp://127.0.0.1`", "http or https"];
        assert_failed(&output, 2, &expected, example);
    }
}

#[test]
fn a_refused_connection_says_which_server_could_not_be_reached() {
    let url = closed_url();
    let env = [("BELTIC_API_KEY", KEY), ("BELTIC_BASE_URL", url.as_str())];
    // Both at once: batch_job retries for several seconds.
    let runs = thread::scope(|scope| {
        let env = &env;
        let runs = EXAMPLES.map(|example| scope.spawn(move || (example, run(example, &[ID], env))));
        runs.map(|handle| handle.join().unwrap())
    });
    for (example, output) in runs {
        let expected = ["error: get_session failed after", "refused", url.as_str()];
        assert_failed(&output, 1, &expected, example);
    }
}

#[test]
fn a_key_the_api_refuses_says_to_check_it() {
    for example in EXAMPLES {
        let (url, requests) = serve_once("unauthorized");
        let env = [("BELTIC_API_KEY", KEY), ("BELTIC_BASE_URL", url.as_str())];
        let output = run(example, &[ID], &env);
        let expected = [
            "error: get_session failed: 401 Unauthorized",
            "check BELTIC_API_KEY",
        ];
        assert_failed(&output, 1, &expected, example);
        // The key did travel, to the base URL given.
        let request = requests.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(
            request.starts_with(&format!("GET /v1/identity/sessions/{ID} ")),
            "{request}"
        );
        assert!(
            request.contains(&format!("x-api-key: {KEY}\r\n")),
            "{request}"
        );
    }
}

#[test]
fn a_session_the_api_does_not_know_says_to_check_the_id() {
    for example in EXAMPLES {
        let (url, _requests) = serve_once("not-found");
        let env = [("BELTIC_API_KEY", KEY), ("BELTIC_BASE_URL", url.as_str())];
        let output = run(example, &[ID], &env);
        assert_failed(&output, 1, &["error: ", "no session", "check"], example);
    }
}

/// The server above is good enough for a success: the failures are not
/// the only thing it can show.
#[test]
fn with_a_key_and_a_known_id_each_example_succeeds() {
    for example in EXAMPLES {
        let (url, _requests) = serve_once("completed-person-session");
        let env = [("BELTIC_API_KEY", KEY), ("BELTIC_BASE_URL", url.as_str())];
        let output = run(example, &[ID], &env);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{example}: {stdout}{stderr}");
        assert!(stderr.is_empty(), "{example}: {stderr}");
        assert!(!stdout.is_empty(), "{example} printed nothing");
    }
}
