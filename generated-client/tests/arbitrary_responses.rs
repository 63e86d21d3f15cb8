//! Whatever status and body the server sends, the client returns a value or
//! an error: it never panics, and its error keeps the status.

use beltic_identity::{Client, ErrorKind};
use proptest::prelude::*;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_live_arbitrary_secret_9";

/// A session document from the recordings, to cut and mangle.
const SESSION: &str = include_str!("recordings/completed-person-session.json");

fn bodies() -> impl Strategy<Value = Vec<u8>> {
    let session =
        serde_json::from_str::<serde_json::Value>(SESSION).unwrap()["response"]["body"].to_string();
    let cut = session.clone();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        // A session cut anywhere: truncated JSON.
        (0..session.len()).prop_map(move |end| cut.as_bytes()[..end].to_vec()),
        // A session with one byte changed.
        (0..session.len(), any::<u8>()).prop_map(move |(at, byte)| {
            let mut bytes = session.clone().into_bytes();
            bytes[at] = byte;
            bytes
        }),
        "[ -~]{0,64}"
            .prop_map(|text| format!(r#"{{"errors":[{{"code":{text:?}}}]}}"#).into_bytes()),
        "[ -~]{0,64}".prop_map(|text| format!(r#"{{"error":"{text}"}}"#).into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_status_and_body_gives_a_value_or_an_error(
        status in 200u16..600,
        body in bodies(),
        media_type in prop::sample::select(vec!["application/json", "text/html", "text/plain"]),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(wiremock::matchers::any())
                .respond_with(ResponseTemplate::new(status).set_body_raw(body, media_type))
                .mount(&server)
                .await;
            let client = Client::builder()
                .api_key(KEY)
                .base_url(server.uri())
                .max_retries(0)
                .build()
                .unwrap();
            match client.get_session(&uuid::Uuid::nil()).await {
                Ok(session) => prop_assert_eq!(session.status().as_u16(), 200),
                Err(error) => {
                    let message = error.to_string();
                    let debug = format!("{error:?}");
                    prop_assert!(!message.contains(KEY) && !debug.contains(KEY));
                    prop_assert!(message.len() < 1024, "a bounded message: {}", message);
                    // Only a failure to read the response loses its status;
                    // some statuses (204, 304) cannot carry a body at all.
                    if !matches!(error.kind(), ErrorKind::Connection(_)) {
                        prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                    }
                }
            }
            Ok(())
        })?;
    }
}
