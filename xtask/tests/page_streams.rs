//! Page streams: the real binary generates the crate of
//! `specs/page-streams.yaml` into a scratch folder, and a test written into
//! that crate streams each list operation against servers on loopback,
//! three pages at a time.

mod common;

use std::fs;

use common::{Scratch, project_root, regen_test_spec, test_in_generated};

/// Written into the generated crate as `tests/streams.rs`.
const STREAMS: &str = r##"//! Every item in order, the last page last; a failed page, a link
//! elsewhere or a cursor given twice ends the stream with an error item.

use std::num::{NonZeroU32, NonZeroU64};
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use paged_identity::types::{self, SessionStatus};
use paged_identity::{Client, Error, ErrorKind, PagingError, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_0123456789";
const SESSIONS: &str = "/v1/identity/sessions";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap()
}

/// A page of sessions with these ids and this `links.next`.
fn sessions(ids: &[&str], next: Option<String>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id, "type": "session"})).collect();
    ResponseTemplate::new(200)
        .insert_header("request-id", "req_page")
        .set_body_json(json!({"data": data, "links": {"self": SESSIONS, "next": next}, "meta": {}}))
}

/// Answers the page of sessions after `cursor` (the first page for `None`).
async fn page(server: &MockServer, cursor: Option<&str>, answer: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path(SESSIONS));
    let mock = match cursor {
        None => mock.and(query_param_is_missing("page[after]")),
        Some(cursor) => mock.and(query_param("page[after]", cursor)),
    };
    mock.respond_with(answer).mount(server).await;
}

/// The value of `name` in the query of each request `server` got, in order.
async fn sent(server: &MockServer, name: &str) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| r.url.query_pairs().find(|(n, _)| n == name).map(|(_, v)| v.into_owned()))
        .collect()
}

fn ids(items: &[Result<types::Session, Error>]) -> Vec<&str> {
    items.iter().filter_map(|item| item.as_ref().ok()).map(|s| s.id.as_str()).collect()
}

#[tokio::test]
async fn three_pages_come_in_order_and_the_stream_stops_after_the_third() {
    let server = MockServer::start().await;
    // A relative link, percent-encoded; an absolute one; none.
    let second = format!("{SESSIONS}?page%5Bsize%5D=2&page%5Bafter%5D=c1");
    let third = format!("{}{SESSIONS}?page[size]=2&page[after]=c2", server.uri());
    page(&server, None, sessions(&["s1", "s2"], Some(second))).await;
    page(&server, Some("c1"), sessions(&["s3", "s4"], Some(third))).await;
    page(&server, Some("c2"), sessions(&["s5"], None)).await;

    let client = client(&server);
    let stream = client.list_sessions_stream(Some(SessionStatus::Approved), NonZeroU64::new(2));
    let all: Vec<types::Session> = stream.try_collect().await.unwrap();
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5"]);

    let cursors = sent(&server, "page[after]").await;
    assert_eq!(cursors, [None, Some("c1".to_owned()), Some("c2".to_owned())]);
    // Each page is the caller's request, with the cursor.
    assert_eq!(sent(&server, "page[size]").await, vec![Some("2".to_owned()); 3]);
    assert_eq!(sent(&server, "filter[status]").await, vec![Some("approved".to_owned()); 3]);
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers["x-api-key"], KEY);
    }
}

#[tokio::test]
async fn a_page_that_fails_after_its_retries_is_the_last_item() {
    let server = MockServer::start().await;
    page(&server, None, sessions(&["s1", "s2"], Some(format!("{SESSIONS}?page[after]=c1")))).await;
    let failure = ResponseTemplate::new(500)
        .set_body_json(json!({"errors": [{"status": "500", "code": "internal", "title": "Oops"}]}));
    page(&server, Some("c1"), failure).await;
    page(&server, Some("c2"), sessions(&["never"], None)).await;

    let items: Vec<_> = client(&server).list_sessions_stream(None, None).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(ids(&items), ["s1", "s2"]);
    let error = items[2].as_ref().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.operation(), "list_sessions");
    assert_eq!(error.problems()[0].code.as_deref(), Some("internal"));
    // The first page, then three attempts at the second; nothing after.
    let cursors = sent(&server, "page[after]").await;
    assert_eq!(cursors, [None, Some("c1".to_owned()), Some("c1".to_owned()), Some("c1".to_owned())]);
}

#[tokio::test]
async fn a_404_midway_ends_the_stream_with_it() {
    let server = MockServer::start().await;
    page(&server, None, sessions(&["s1"], Some(format!("{SESSIONS}?page[after]=c1")))).await;
    let gone = ResponseTemplate::new(404)
        .set_body_json(json!({"errors": [{"status": "404", "code": "not_found"}]}));
    page(&server, Some("c1"), gone).await;

    let items: Vec<_> = client(&server).list_sessions_stream(None, None).collect().await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(ids(&items), ["s1"]);
    let error = items[1].as_ref().unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_never_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::builder()
        .listener(std::net::TcpListener::bind("127.0.0.2:0").unwrap())
        .start()
        .await;
    Mock::given(method("GET")).respond_with(sessions(&["foreign"], None)).mount(&elsewhere).await;
    let link = format!("{}{SESSIONS}?page[after]=c1&email=jane%40example.com", elsewhere.uri());
    page(&server, None, sessions(&["s1"], Some(link))).await;
    page(&server, Some("c1"), sessions(&["s2"], None)).await;

    let items: Vec<_> = client(&server).list_sessions_stream(None, None).collect().await;
    assert_eq!(ids(&items), ["s1"]);
    assert_eq!(items.len(), 2, "{items:?}");
    let error = items[1].as_ref().unwrap_err();
    let origin = elsewhere.uri();
    assert!(
        matches!(error.kind(), ErrorKind::Paging(PagingError::ForeignLink { origin: o }) if *o == origin),
        "{error:?}"
    );
    // The page that gave the link is the error's response.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.request_id(), Some("req_page"));
    let shown = error.to_string();
    assert!(shown.contains(&origin) && !shown.contains("jane") && !shown.contains("c1"), "{shown}");
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_cursor_given_twice_ends_the_stream_instead_of_looping() {
    let server = MockServer::start().await;
    let again = format!("{SESSIONS}?page[after]=c1");
    page(&server, None, sessions(&["s1"], Some(again.clone()))).await;
    page(&server, Some("c1"), sessions(&["s2"], Some(again))).await;

    let items: Vec<_> = client(&server).list_sessions_stream(None, None).collect().await;
    assert_eq!(ids(&items), ["s1", "s2"]);
    assert_eq!(items.len(), 3, "{items:?}");
    let error = items[2].as_ref().unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Paging(PagingError::RepeatedCursor)), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn dropshot_pages_send_the_filters_only_with_the_first() {
    let server = MockServer::start().await;
    let dogs = |items: &[&str], next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "next_page": next}))
    };
    let mock = || Mock::given(method("GET")).and(path("/kennels/large/dogs"));
    mock().and(query_param_is_missing("page_token")).respond_with(dogs(&["rex", "fido"], Some("t1"))).mount(&server).await;
    mock().and(query_param("page_token", "t1")).respond_with(dogs(&["lassie"], Some("t2"))).mount(&server).await;
    mock().and(query_param("page_token", "t2")).respond_with(dogs(&["bo"], None)).mount(&server).await;

    let client = client(&server);
    let stream = client.list_dogs_stream(
        types::KennelSize::Large,
        Some(types::ListDogsBreed::Collie),
        NonZeroU32::new(2),
    );
    let dogs: Vec<String> = stream.try_collect().await.unwrap();
    assert_eq!(dogs, ["rex", "fido", "lassie", "bo"]);
    let tokens = sent(&server, "page_token").await;
    assert_eq!(tokens, [None, Some("t1".to_owned()), Some("t2".to_owned())]);
    assert_eq!(sent(&server, "breed").await, [Some("collie".to_owned()), None, None]);
    assert_eq!(sent(&server, "limit").await, vec![Some("2".to_owned()); 3]);
}

#[tokio::test]
async fn a_cursor_the_extension_points_at_is_followed() {
    let server = MockServer::start().await;
    let mock = || Mock::given(method("GET")).and(path("/v1/accounts"));
    let first = json!({"results": [{"id": "a1"}, {"id": "a2"}], "meta": {"next_cursor": "x1"}});
    mock().and(query_param_is_missing("starting_after")).respond_with(ResponseTemplate::new(200).set_body_json(first)).mount(&server).await;
    // The last page has no `meta` at all.
    let last = json!({"results": [{"id": "a3"}]});
    mock().and(query_param("starting_after", "x1")).respond_with(ResponseTemplate::new(200).set_body_json(last)).mount(&server).await;

    let accounts: Vec<types::Account> = client(&server).list_accounts_stream().try_collect().await.unwrap();
    let ids: Vec<&str> = accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3"]);
    assert_eq!(sent(&server, "starting_after").await, [None, Some("x1".to_owned())]);
}

#[tokio::test]
async fn nothing_is_sent_before_the_stream_is_polled() {
    let server = MockServer::start().await;
    page(&server, None, sessions(&["s1"], Some(format!("{SESSIONS}?page[after]=c1")))).await;
    page(&server, Some("c1"), sessions(&["s2"], None)).await;
    let client = client(&server);
    let mut stream = client.list_sessions_stream(None, None);
    // It can move to another task, as the client can.
    fn send<T: Send>(_: &T) {}
    send(&stream);
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(stream.try_next().await.unwrap().map(|s| s.id), Some("s1".to_owned()));
    // The second page is asked for only when the first is used up.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// The excerpt docs/client.md shows, between the markers.
async fn print_approved(client: &Client) -> Result<(), Error> {
    // docs excerpt begins
    let mut sessions = client.list_sessions_stream(Some(SessionStatus::Approved), NonZeroU64::new(100));
    while let Some(session) = sessions.try_next().await? {
        println!("session {}", session.id);
    }
    // docs excerpt ends
    Ok(())
}

#[tokio::test]
async fn the_docs_excerpt_runs() {
    let server = MockServer::start().await;
    page(&server, None, sessions(&["s1"], None)).await;
    print_approved(&client(&server)).await.unwrap();
    assert_eq!(sent(&server, "page[size]").await, [Some("100".to_owned())]);
    let server = MockServer::start().await;
    page(&server, None, ResponseTemplate::new(401)).await;
    assert!(print_approved(&client(&server)).await.unwrap_err().is_unauthorized());
}
"##;

/// How many tests `STREAMS` has.
const TESTS: usize = 9;

#[test]
fn list_operations_stream_their_pages() {
    let scratch = Scratch::new("page-streams");
    let (out, run) = regen_test_spec(&scratch, "page-streams.yaml", "paged");
    assert!(run.success, "{}", run.describe());
    // Located where the spec reads as paginated.
    run.assert_warned(&[
        "page-streams.yaml:46:11: /paths/~1v1~1identity~1documents/get/parameters/0: \
         `listDocuments` looks paginated (its `page[after]` query parameter) but the client \
         cannot stream it: `/links` in the success body is not in its schema",
    ]);
    let streams = fs::read_to_string(out.join("src/page_streams.rs")).unwrap();
    for method in [
        "pub fn list_sessions_stream<'a>",
        "pub fn list_accounts_stream<'a>",
        "pub fn list_dogs_stream<'a>",
    ] {
        assert!(
            streams.contains(method),
            "src/page_streams.rs lacks {method}"
        );
    }
    assert!(!streams.contains("list_documents_stream"));
    // docs/client.md shows the excerpt the test below compiles and runs.
    let excerpt: Vec<&str> = STREAMS
        .lines()
        .skip_while(|line| !line.contains("docs excerpt begins"))
        .skip(1)
        .take_while(|line| !line.contains("docs excerpt ends"))
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    let guide = fs::read_to_string(project_root().join("docs/client.md")).unwrap();
    assert!(excerpt.len() > 2);
    assert!(
        guide.contains(&format!("```rust\n{}\n```", excerpt.join("\n"))),
        "docs/client.md lacks the excerpt:\n{}",
        excerpt.join("\n")
    );

    let run = test_in_generated(&out, "streams", STREAMS, &[]);
    let (stdout, shown) = (&run.stdout, run.describe());
    assert!(run.success, "{shown}");
    // All ran: none was filtered out or skipped.
    assert!(
        stdout.contains(&format!("test result: ok. {TESTS} passed")),
        "{shown}"
    );
}
