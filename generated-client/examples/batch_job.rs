//! A client set up for a batch job: its own timeouts, deadline and retry
//! policy, options for one call, and each kind of failure handled on its own.
//!
//! ```text
//! BELTIC_API_KEY=sk_staging_... cargo run -p beltic-identity --example batch_job -- <session id>
//! ```
//!
//! `BELTIC_BASE_URL` names another server. A failure is one or two lines on
//! stderr saying what went wrong and what to do; the exit code is 2 if the
//! job was started wrongly (no session id, one that is not a UUID, no key,
//! an unusable base URL) and 1 if the call failed.

use std::process::ExitCode;
use std::time::Duration;

use beltic_identity::{Client, DEFAULT_BASE_URL, ErrorKind, RetryPolicy};

/// The exit code for a mistake in the command line or the environment.
const USAGE: u8 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    let Some(id) = std::env::args().nth(1) else {
        eprintln!("usage: batch_job <session id>");
        return ExitCode::from(USAGE);
    };
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        eprintln!("error: `{id}` is not a session id, which is a UUID");
        return ExitCode::from(USAGE);
    };
    // Unset (or not UTF-8) is empty, which `build` refuses, naming the variable.
    let api_key = std::env::var("BELTIC_API_KEY").unwrap_or_default();
    let base_url = std::env::var("BELTIC_BASE_URL").unwrap_or(DEFAULT_BASE_URL.to_owned());

    let client = Client::builder()
        .api_key(api_key)
        .base_url(base_url)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60)) // per attempt
        .deadline(Duration::from_secs(300)) // in all, retries and waits included
        .retry_policy(RetryPolicy::default().max_retries(4))
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => {
            // "no API key: call ClientBuilder::api_key or set BELTIC_API_KEY"
            eprintln!("error: {error}");
            return ExitCode::from(USAGE);
        }
    };

    // For this call only: a header the API's logs can be searched by, and
    // two minutes in all instead of the client's five.
    let call = client
        .get_session(&id)
        .header("X-Correlation-Id", "nightly-batch")
        .deadline(Duration::from_secs(120));
    match call.await {
        Ok(session) => {
            let person = &session.data.attributes.person;
            println!("{person:?}"); // Person { name: <redacted>, birth_date: <redacted> }
            let name = person.as_ref().and_then(|p| p.name.as_ref());
            let has_first = name.is_some_and(|n| n.first.is_some());
            println!("first name on file: {has_first}");
            return ExitCode::SUCCESS;
        }
        Err(error) if error.is_not_found() => {
            eprintln!(
                "error: no session {id} at {}; check the id",
                client.base_url()
            );
        }
        Err(error) if error.is_unauthorized() => {
            eprintln!("error: {error}");
            eprintln!("check BELTIC_API_KEY: the API does not accept the key");
        }
        Err(error) if matches!(error.kind(), ErrorKind::DeadlineExceeded { .. }) => {
            // "get_session failed: the deadline of 120s ran out after 3
            //  attempts; the last response was 503 Service Unavailable"
            eprintln!("error: {error}");
        }
        Err(error) if error.is_rate_limited() => {
            let wait = error.retry_after();
            eprintln!("error: still rate limited; the server asks to wait {wait:?}");
        }
        Err(error) if matches!(error.kind(), ErrorKind::Connection(_)) => {
            // "get_session failed after 5 attempts: error sending request:
            //  Connection refused (os error 111)"
            eprintln!("error: {error}");
            eprintln!(
                "check that {} is the API's URL, and the network",
                client.base_url()
            );
        }
        Err(error) => {
            // "get_session failed after 5 attempts: 503 Service Unavailable:
            //  unavailable: Service Unavailable (request id req_…)"
            eprintln!("error: {error}");
        }
    }
    ExitCode::FAILURE
}
