//! How an application tests its own code with the crate's `mock` feature:
//! a local mock server that answers typed values, and samples to start from.

use beltic_identity::mock::{MockServer, MockServerExt, samples};
use beltic_identity::types::{
    ErrorDocument, ErrorObject, Session, SessionAttributes, SessionDocument, SessionResourceType,
    SessionStatus,
};
use beltic_identity::{Client, Error};
use chrono::DateTime;
use uuid::Uuid;

/// Application code under test: whether a session needs a person to look.
async fn needs_review(client: &Client, id: &Uuid) -> Result<bool, Error> {
    let session = client.get_session(id).await?;
    Ok(session.data.attributes.status == SessionStatus::MarkedForReview)
}

#[tokio::test]
async fn an_application_tests_its_code_against_a_typed_mock() {
    let server = MockServer::start_async().await;
    let id = Uuid::from_u128(7);
    let mut session = samples::session_document();
    session.data.attributes.status = SessionStatus::MarkedForReview;
    let mock = server.get_session(|when, then| {
        when.id(&id);
        then.ok(&session);
    });

    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.base_url())
        .build()
        .unwrap();
    assert!(needs_review(&client, &id).await.unwrap());
    mock.assert();
}

#[tokio::test]
async fn error_answers_are_typed_too() {
    let server = MockServer::start_async().await;
    let body = ErrorDocument::new(vec![ErrorObject::new().code("not_found")]);
    server.get_session(|when, then| {
        when.id(&Uuid::nil());
        then.not_found(&body);
    });

    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let error = needs_review(&client, &Uuid::nil()).await.unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.problems()[0].code.as_deref(), Some("not_found"));
}

/// A value made from nothing, for a test that cares about a few members:
/// `new` takes the required ones, and a method named after each optional
/// one sets it.
#[tokio::test]
async fn a_session_built_with_its_builders_is_answered_as_built() {
    let id = Uuid::from_u128(9);
    let at = DateTime::from_timestamp(1_768_469_400, 0).unwrap();
    let attributes = SessionAttributes::new(at, SessionStatus::Approved, at).decisioned_at(at);
    let session = Session::new(attributes, id, SessionResourceType::Session);
    let document = SessionDocument::new(session);
    let server = MockServer::start_async().await;
    server.get_session(|when, then| {
        when.id(&id);
        then.ok(&document);
    });

    let client = Client::builder()
        .api_key("test-key")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let answered = client.get_session(&id).await.unwrap().into_inner();
    assert_eq!(answered, document);
    let attributes = &answered.data.attributes;
    assert_eq!(attributes.decisioned_at, Some(at));
    assert_eq!(
        attributes.person, None,
        "an optional member not set is left out"
    );
}

#[test]
fn samples_are_complete_and_valid() {
    let session = samples::session_document();
    let attributes = &session.data.attributes;
    assert!(attributes.person.is_some() && attributes.behavior_analysis.is_some());
    let shareholders = attributes
        .business
        .as_ref()
        .and_then(|b| b.shareholders.as_ref());
    assert_eq!(shareholders.map(Vec::len), Some(1));
    // A sample re-encodes to the JSON it was made from: nothing is lost.
    let again: beltic_identity::types::SessionDocument =
        serde_json::from_value(serde_json::to_value(&session).unwrap()).unwrap();
    assert_eq!(again, session);
}
