//! Fetches one session and says where it stands.
//!
//! ```text
//! BELTIC_API_KEY=sk_staging_... cargo run -p beltic-identity --example get_session -- <session id>
//! ```
//!
//! When something goes wrong it says what and what to do, on stderr, and
//! exits with 2 if it was run wrongly (no session id, one that is not a
//! UUID, no key, an unusable `BELTIC_BASE_URL`) or 1 if the call failed.

use std::process::ExitCode;

use beltic_identity::types::SessionStatus;
use beltic_identity::{Client, Error, ErrorKind};

/// The exit code for a mistake in the command line or the environment.
const USAGE: u8 = 2;

/// What a session id looks like, for the message about one that is not.
const EXAMPLE_ID: &str = "3df971d0-cd56-4006-9bc4-1cbc32759b6f";

#[tokio::main]
async fn main() -> ExitCode {
    let Some(id) = std::env::args().nth(1) else {
        eprintln!("usage: get_session <session id>");
        return ExitCode::from(USAGE);
    };
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        eprintln!("error: `{id}` is not a session id: those are UUIDs, such as {EXAMPLE_ID}");
        return ExitCode::from(USAGE);
    };

    // BELTIC_API_KEY, optional BELTIC_BASE_URL; the error names what to set.
    let client = match Client::from_env() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE);
        }
    };
    let session = match client.get_session(&id).await {
        Ok(session) => session,
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(advice) = advice(&error) {
                eprintln!("{advice} (base URL {})", client.base_url());
            }
            return ExitCode::FAILURE;
        }
    };

    let attributes = &session.data.attributes;
    match &attributes.status {
        SessionStatus::Approved => println!("{id}: approved at {:?}", attributes.decisioned_at),
        // A status added to the API after this client was generated.
        SessionStatus::Unknown(status) => println!("{id}: {status} (not in the spec yet)"),
        status => println!("{id}: {status}, last changed {}", attributes.updated_at),
    }
    ExitCode::SUCCESS
}

/// What to do about the failures the person running this can fix.
fn advice(error: &Error) -> Option<&'static str> {
    if error.is_unauthorized() {
        Some("check BELTIC_API_KEY: the API does not accept the key")
    } else if error.is_not_found() {
        Some("check the session id: the API has no session with it")
    } else if matches!(error.kind(), ErrorKind::Connection(_)) {
        Some("check BELTIC_BASE_URL and the network: the API cannot be reached")
    } else {
        None
    }
}
