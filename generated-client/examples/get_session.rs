//! Fetches one session and says where it stands.
//!
//! ```text
//! BELTIC_API_KEY=sk_staging_... cargo run -p beltic-identity --example get_session -- <session id>
//! ```

use beltic_identity::Client;
use beltic_identity::types::SessionStatus;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id: uuid::Uuid = std::env::args()
        .nth(1)
        .ok_or("usage: get_session <session id>")?
        .parse()?;

    let client = Client::from_env()?; // BELTIC_API_KEY, optional BELTIC_BASE_URL
    let session = client.get_session(&id).await?;

    let attributes = &session.data.attributes;
    match &attributes.status {
        SessionStatus::Approved => println!("{id}: approved at {:?}", attributes.decisioned_at),
        // A status added to the API after this client was generated.
        SessionStatus::Unknown(status) => println!("{id}: {status} (not in the spec yet)"),
        status => println!("{id}: {status}, last changed {}", attributes.updated_at),
    }
    Ok(())
}
