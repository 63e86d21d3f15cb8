//! Page streams over pages a test hands out: where they stop and what they
//! end with. The generated crates' tests run them against servers.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use futures::StreamExt;

use crate::runtime::error::{Error, ErrorKind, PagingError, Secrets};
use crate::runtime::pages::*;

const BASE_URL: &str = "http://127.0.0.1:4010/api";

/// Hands out `answers` in order, one a fetch, and records each cursor asked
/// for; a fetch past the last answer fails the test.
struct Pages {
    answers: RefCell<VecDeque<Result<Page<u32>, Error>>>,
    asked: RefCell<Vec<Option<String>>>,
}

impl Pages {
    fn new(answers: Vec<Result<Page<u32>, Error>>) -> Rc<Self> {
        Rc::new(Self {
            answers: RefCell::new(answers.into()),
            asked: RefCell::default(),
        })
    }
}

/// Everything the stream over `pages` yields, as items and error kinds.
async fn run(pages: &Rc<Pages>, follow: Follow, max_pages: u32) -> Vec<Result<u32, ErrorKindName>> {
    let source = Rc::clone(pages);
    let stream = pages_at_most(max_pages, BASE_URL, follow, move |cursor| {
        let source = Rc::clone(&source);
        async move {
            source.asked.borrow_mut().push(cursor);
            source
                .answers
                .borrow_mut()
                .pop_front()
                .expect("no page past the last one is asked for")
        }
    });
    stream
        .map(|item| item.map_err(|e| ErrorKindName::of(&e)))
        .collect()
        .await
}

/// An error's kind, comparable.
#[derive(Debug, PartialEq)]
enum ErrorKindName {
    Paging(PagingError),
    InvalidRequest(String),
    Other,
}

impl ErrorKindName {
    fn of(error: &Error) -> Self {
        match error.kind() {
            ErrorKind::Paging(paging) => Self::Paging(paging.clone()),
            ErrorKind::InvalidRequest(reason) => Self::InvalidRequest(reason.clone()),
            _ => Self::Other,
        }
    }
}

fn failed(reason: &str) -> Error {
    Error::new(
        "list_things",
        ErrorKind::InvalidRequest(reason.to_owned()),
        None,
        3,
    )
}

#[tokio::test]
async fn cursors_are_followed_until_a_page_has_none() {
    let pages = Pages::new(vec![
        Ok(Page::of(vec![1, 2], Some("c1"))),
        Ok(Page::of(vec![], Some("c2"))),
        Ok(Page::of(vec![3], None)),
    ]);
    let items = run(&pages, Follow::Cursor, 10).await;
    assert_eq!(items, [Ok(1), Ok(2), Ok(3)]);
    assert_eq!(
        *pages.asked.borrow(),
        [None, Some("c1".to_owned()), Some("c2".to_owned())]
    );
}

#[tokio::test]
async fn an_empty_next_is_the_last_page() {
    let pages = Pages::new(vec![Ok(Page::of(vec![1], Some(" ")))]);
    assert_eq!(run(&pages, Follow::Cursor, 10).await, [Ok(1)]);
    assert_eq!(pages.asked.borrow().len(), 1);
}

#[tokio::test]
async fn a_failed_page_is_the_last_item() {
    let pages = Pages::new(vec![
        Ok(Page::of(vec![1], Some("c1"))),
        Err(failed("second page")),
        Ok(Page::of(vec![9], None)),
    ]);
    let items = run(&pages, Follow::Cursor, 10).await;
    let expected = ErrorKindName::InvalidRequest("second page".to_owned());
    assert_eq!(items, [Ok(1), Err(expected)]);
    assert_eq!(pages.asked.borrow().len(), 2);
}

#[tokio::test]
async fn a_cursor_given_before_ends_the_stream_after_the_page_items() {
    // A, B, A: the third page would start the loop again.
    let pages = Pages::new(vec![
        Ok(Page::of(vec![1], Some("a"))),
        Ok(Page::of(vec![2], Some("b"))),
        Ok(Page::of(vec![3], Some("a"))),
    ]);
    let items = run(&pages, Follow::Cursor, 10).await;
    let repeated = ErrorKindName::Paging(PagingError::RepeatedCursor);
    assert_eq!(items, [Ok(1), Ok(2), Ok(3), Err(repeated)]);
    assert_eq!(pages.asked.borrow().len(), 3);
}

#[tokio::test]
async fn a_stream_reads_at_most_its_limit_of_pages() {
    let pages = Pages::new(vec![
        Ok(Page::of(vec![0], Some("c0"))),
        Ok(Page::of(vec![1], Some("c1"))),
        Ok(Page::of(vec![2], Some("c2"))),
    ]);
    let items = run(&pages, Follow::Cursor, 2).await;
    let limit = ErrorKindName::Paging(PagingError::TooManyPages { limit: 2 });
    assert_eq!(items, [Ok(0), Ok(1), Err(limit)]);
    assert_eq!(pages.asked.borrow().len(), 2);
    assert_eq!(MAX_PAGES, 10_000);
}

#[tokio::test]
async fn links_give_their_cursor_parameter() {
    let follow = Follow::Link {
        parameter: "page[after]",
    };
    let pages = Pages::new(vec![
        // Relative, percent-encoded as a server may.
        Ok(Page::of(
            vec![1],
            Some("/api/things?page%5Bsize%5D=2&page%5Bafter%5D=c%2F1"),
        )),
        // Absolute on the base URL's origin, another path.
        Ok(Page::of(
            vec![2],
            Some("http://127.0.0.1:4010/v2/things?page[after]=c2"),
        )),
        Ok(Page::of(vec![3], None)),
    ]);
    assert_eq!(run(&pages, follow, 10).await, [Ok(1), Ok(2), Ok(3)]);
    assert_eq!(
        *pages.asked.borrow(),
        [None, Some("c/1".to_owned()), Some("c2".to_owned())]
    );
}

#[tokio::test]
async fn a_link_elsewhere_or_without_a_cursor_ends_the_stream() {
    let follow = Follow::Link {
        parameter: "page[after]",
    };
    for (link, expected) in [
        (
            "http://127.0.0.2:4010/api/things?page[after]=c1",
            PagingError::ForeignLink {
                origin: "http://127.0.0.2:4010".to_owned(),
            },
        ),
        (
            "https://127.0.0.1:4010/api/things?page[after]=c1",
            PagingError::ForeignLink {
                origin: "https://127.0.0.1:4010".to_owned(),
            },
        ),
        (
            "/api/things?page[before]=c1",
            PagingError::NoCursor {
                parameter: "page[after]",
            },
        ),
        (
            "http://[::1",
            PagingError::NoCursor {
                parameter: "page[after]",
            },
        ),
    ] {
        let pages = Pages::new(vec![Ok(Page::of(vec![1], Some(link)))]);
        let items = run(&pages, follow, 10).await;
        assert_eq!(
            items,
            [Ok(1), Err(ErrorKindName::Paging(expected))],
            "{link}"
        );
        assert_eq!(pages.asked.borrow().len(), 1, "{link}");
    }
}

#[test]
fn a_foreign_origin_never_shows_a_secret() {
    let secrets = Secrets::new(["sk_test_secret".to_owned()]);
    let error = cursor_in_link(
        "https://sk_test_secret.example/x?page[after]=1",
        BASE_URL,
        "page[after]",
        &secrets,
    )
    .unwrap_err();
    assert_eq!(
        error,
        PagingError::ForeignLink {
            origin: "https://<redacted>.example".to_owned()
        }
    );
    let error = Error::new("list_things", ErrorKind::Paging(error), None, 1);
    let shown = error.to_string();
    assert!(
        shown.starts_with("list_things failed: the next page's link"),
        "{shown}"
    );
    assert!(shown.ends_with("; the stream stops"), "{shown}");
    assert!(!error.is_retryable());
}
