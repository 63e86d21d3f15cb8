//! A client set up for a batch job: its own timeouts and retry policy, and
//! each kind of failure handled on its own.
//!
//! ```text
//! BELTIC_API_KEY=sk_staging_... cargo run -p beltic-identity --example batch_job -- <session id>
//! ```

use std::time::Duration;

use beltic_identity::{Client, RetryPolicy};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id: uuid::Uuid = std::env::args()
        .nth(1)
        .ok_or("usage: batch_job <session id>")?
        .parse()?;
    let api_key = std::env::var("BELTIC_API_KEY")?;

    let client = Client::builder()
        .api_key(api_key)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60)) // per attempt
        .retry_policy(RetryPolicy::default().max_retries(4))
        .build()?;

    match client.get_session(&id).await {
        Ok(session) => {
            let person = &session.data.attributes.person;
            println!("{person:?}"); // Person { name: <redacted>, birth_date: <redacted> }
            let name = person.as_ref().and_then(|p| p.name.as_ref());
            let has_first = name.is_some_and(|n| n.first.is_some());
            println!("first name on file: {has_first}");
        }
        Err(error) if error.is_not_found() => println!("no session {id}"),
        Err(error) if error.is_rate_limited() => {
            let wait = error.retry_after();
            println!("still rate limited; the server asks to wait {wait:?}");
        }
        Err(error) => {
            // "get_session failed after 3 attempts: 503 Service Unavailable:
            //  unavailable: Service Unavailable (request id req_…)"
            eprintln!("{error}");
            return Err(error.into());
        }
    }
    Ok(())
}
