//! Page streams: every item of a list operation, page after page, as one
//! `Stream`.
//!
//! The generated crate's `…_stream` methods fetch each page with the same
//! call as the operation's own method (so each page is retried, limited,
//! traced and turned into the crate's `Error` the same way), and hand it to
//! [`pages`] as a [`Page`]: its items, and where the next page starts. The
//! stream asks for the next page only when the items of this one are used
//! up, and ends:
//! - after the last page, the one without a next cursor or link (absent,
//!   `null` or empty);
//! - after the first page that fails, with that page's `Error` as its last
//!   item (the page's retries are over by then);
//! - with an [`ErrorKind::Paging`] error as its last item, after the items
//!   of the page that said it, when that page's next link leads to another
//!   origin or holds no cursor, when its cursor is one an earlier page gave
//!   (the server would have the stream go round in a loop), or when the
//!   page was the [`MAX_PAGES`]th.
//!
//! Nothing here depends on the spec: the generated code says which field
//! holds the items and which the next cursor or link.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};

use futures::stream::{self, Stream, StreamExt};
use progenitor_client::ClientInfo;
use reqwest::Url;

use super::error::{Error, ErrorKind, PagingError, ResponseHead, Secrets};
use super::transport::{Call, origin_of};

/// The most pages one stream reads: at 100 items a page, a million items.
/// A server that keeps sending new cursors cannot make a stream run forever.
pub const MAX_PAGES: u32 = 10_000;

/// Where a page says the next one starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// A cursor (a token), sent back as it is (Dropshot's `next_page`).
    Cursor,
    /// A link to the next page (JSON:API's `links.next`), absolute or
    /// relative to the base URL. The cursor is the value of its query
    /// parameter `parameter` (such as `page[after]`); the next request is
    /// the operation's own, to the client's base URL, with that cursor. The
    /// rest of the link is not followed, and a link to another origin ends
    /// the stream.
    Link {
        /// The query parameter that carries the cursor.
        parameter: &'static str,
    },
}

/// One page, as the generated code hands it to [`pages`].
pub struct Page<T> {
    /// The public method's name, which errors name.
    operation: &'static str,
    items: Vec<T>,
    /// The next page's cursor or link, as the page gave it.
    next: Option<String>,
    /// The page's response, which a paging error keeps.
    response: Option<ResponseHead>,
    attempts: u32,
    secrets: Secrets,
}

impl<T> Page<T> {
    /// The page `call` fetched for the method `operation`: its `items`,
    /// and the `next` cursor or link (`None` on the last page).
    pub fn new(
        call: &impl ClientInfo<Call>,
        operation: &'static str,
        items: Vec<T>,
        next: Option<String>,
    ) -> Self {
        let call = call.inner();
        let (attempts, response) = call.outcome();
        Self {
            operation,
            items,
            next,
            response,
            attempts,
            secrets: call.secrets().clone(),
        }
    }

    /// A paging error about this page.
    fn error(&self, paging: PagingError) -> Error {
        Error::new(
            self.operation,
            ErrorKind::Paging(paging),
            self.response.clone(),
            self.attempts,
        )
    }
}

/// The items of every page, from the first on. `fetch` fetches one page:
/// the first with `None`, each later one with the cursor the page before
/// gave. Links are read against `base_url`, the client's.
pub fn pages<'a, T, F, Fut>(
    base_url: &'a str,
    follow: Follow,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + Unpin + 'a
where
    T: 'a,
    F: FnMut(Option<String>) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>, Error>> + 'a,
{
    pages_at_most(MAX_PAGES, base_url, follow, fetch)
}

/// [`pages`], reading at most `max_pages`.
pub(crate) fn pages_at_most<'a, T, F, Fut>(
    max_pages: u32,
    base_url: &'a str,
    follow: Follow,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + Unpin + 'a
where
    T: 'a,
    F: FnMut(Option<String>) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>, Error>> + 'a,
{
    let walk = Walk {
        fetch,
        base_url,
        follow,
        max_pages,
        cursor: None,
        seen: HashSet::new(),
        hasher: RandomState::new(),
        pages: 0,
    };
    // Each step gives one page's items, and an error after them when the
    // stream ends on one; `None` as the state ends the stream.
    let steps = stream::unfold(Some(walk), |walk| async move {
        let mut walk = walk?;
        let page = match (walk.fetch)(walk.cursor.take()).await {
            Ok(page) => page,
            Err(error) => return Some((vec![Err(error)], None)),
        };
        walk.pages += 1;
        let next = walk.next_cursor(&page).map_err(|paging| page.error(paging));
        let mut items: Vec<Result<T, Error>> = page.items.into_iter().map(Ok).collect();
        match next {
            Ok(None) => Some((items, None)),
            Ok(Some(cursor)) => {
                walk.cursor = Some(cursor);
                Some((items, Some(walk)))
            }
            Err(error) => {
                items.push(Err(error));
                Some((items, None))
            }
        }
    });
    Box::pin(steps.flat_map(stream::iter))
}

/// A stream's state between pages.
struct Walk<'a, F> {
    fetch: F,
    base_url: &'a str,
    follow: Follow,
    max_pages: u32,
    /// The cursor of the page to fetch next; `None` for the first.
    cursor: Option<String>,
    /// The hashes of the cursors followed so far: a stream keeps no
    /// server's text, whatever its length, for every page.
    seen: HashSet<u64>,
    hasher: RandomState,
    /// How many pages came.
    pages: u32,
}

impl<F> Walk<'_, F> {
    /// The cursor of the page after `page`, `None` after the last, or why
    /// the stream ends there.
    fn next_cursor<T>(&mut self, page: &Page<T>) -> Result<Option<String>, PagingError> {
        let Some(next) = page.next.as_deref().filter(|next| !next.trim().is_empty()) else {
            return Ok(None);
        };
        let cursor = match self.follow {
            Follow::Cursor => next.to_owned(),
            Follow::Link { parameter } => {
                cursor_in_link(next, self.base_url, parameter, &page.secrets)?
            }
        };
        if !self.seen.insert(self.hasher.hash_one(&cursor)) {
            return Err(PagingError::RepeatedCursor);
        }
        if self.pages >= self.max_pages {
            let limit = self.max_pages;
            return Err(PagingError::TooManyPages { limit });
        }
        Ok(Some(cursor))
    }
}

/// The value of the query parameter `parameter` of `link`, a URL absolute
/// or relative to `base_url`, when it is on the base URL's origin.
pub(crate) fn cursor_in_link(
    link: &str,
    base_url: &str,
    parameter: &'static str,
    secrets: &Secrets,
) -> Result<String, PagingError> {
    let no_cursor = PagingError::NoCursor { parameter };
    let base = Url::parse(base_url).map_err(|_| no_cursor.clone())?;
    let url = base.join(link.trim()).map_err(|_| no_cursor.clone())?;
    if url.origin() != base.origin() {
        return Err(PagingError::ForeignLink {
            origin: secrets.redact(&origin_of(&url)),
        });
    }
    url.query_pairs()
        .find(|(name, _)| name == parameter)
        .map(|(_, cursor)| cursor.into_owned())
        .ok_or(no_cursor)
}

#[cfg(test)]
impl<T> Page<T> {
    /// A page as a test writes it, without a call behind it.
    pub(crate) fn of(items: Vec<T>, next: Option<&str>) -> Self {
        Self {
            operation: "list_things",
            items,
            next: next.map(str::to_owned),
            response: None,
            attempts: 1,
            secrets: Secrets::new(["sk_test_secret".to_owned()]),
        }
    }
}
