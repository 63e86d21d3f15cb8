//! Where each member of a spec file starts: a map from JSON pointer to line
//! and column, so that a problem found in the parsed document can be shown
//! where the user wrote it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::pointer::escape;
use crate::timings::{Stage, Stopwatch};

/// A 1-based line and column in the spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The location of every member of one YAML (or JSON) document, by JSON
/// pointer. A mapping member is located at its key, which is what an editor
/// jumps to; a sequence item at its first character.
///
/// Clones share one index.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    index: Arc<Index>,
}

/// What the thread making an index gives: the index, and how long it took.
type Indexed = (HashMap<String, Location>, Vec<Stage>);

/// The index, made on the spot or on a thread of its own.
#[derive(Debug, Default)]
struct Index {
    // A hash map: a large spec has hundreds of thousands of members, whose
    // pointers share long prefixes that a sorted map compares again and
    // again.
    by_pointer: OnceLock<HashMap<String, Location>>,
    /// The thread making `by_pointer`, until someone needs it.
    making: Mutex<Option<JoinHandle<Indexed>>>,
    /// How long that thread took, once joined.
    indexing: OnceLock<Vec<Stage>>,
}

impl Positions {
    /// Indexes `text`. A file the indexer cannot read (serde_yaml, which
    /// parses the document itself, is the judge of syntax) gives an empty
    /// index: problems are then shown by pointer alone.
    pub fn index(text: &str) -> Self {
        let index = Index::default();
        let _ = index.by_pointer.set(by_pointer(text));
        Positions {
            index: Arc::new(index),
        }
    }

    /// Indexes `text` on a thread of its own, so that the stages after
    /// loading need not wait for it: diagnostics are located only once
    /// they are all found (see [`Diagnostic::locate`](super::Diagnostic)),
    /// unless the spec is refused. Indexing a large spec takes about as
    /// long as reading it (a sixth of a second a megabyte).
    pub fn index_aside(text: &str) -> Self {
        let own = text.to_owned();
        let making = thread::Builder::new()
            .name("spec positions".to_owned())
            .spawn(move || {
                let mut watch = Stopwatch::start("positions");
                let by_pointer = by_pointer(&own);
                watch.lap("index where members are written");
                (by_pointer, watch.into_stages())
            });
        match making {
            Ok(making) => Positions {
                index: Arc::new(Index {
                    by_pointer: OnceLock::new(),
                    making: Mutex::new(Some(making)),
                    indexing: OnceLock::new(),
                }),
            },
            // Without a thread, the index is made now.
            Err(_) => Positions::index(text),
        }
    }

    /// Where `pointer` was written, or else the nearest enclosing member
    /// that was: a member the document lacks is best looked for in its
    /// parent.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let mut pointer = pointer;
        let by_pointer = self.by_pointer();
        loop {
            if let Some(location) = by_pointer.get(pointer) {
                return Some(*location);
            }
            let (parent, _) = pointer.rsplit_once('/')?;
            pointer = parent;
        }
    }

    /// The pointer of the innermost member that starts at or before
    /// `location`: where a parser's line and column fall in the document.
    pub fn pointer_at(&self, location: Location) -> Option<&str> {
        self.by_pointer()
            .iter()
            .filter(|(_, at)| **at <= location)
            .max_by(|(a_pointer, a), (b_pointer, b)| {
                a.cmp(b)
                    .then(a_pointer.len().cmp(&b_pointer.len()))
                    .then(a_pointer.cmp(b_pointer))
            })
            .map(|(pointer, _)| pointer.as_str())
    }

    /// The index, once it is made.
    fn by_pointer(&self) -> &HashMap<String, Location> {
        self.index.by_pointer.get_or_init(|| {
            let making = self
                .index
                .making
                .lock()
                .ok()
                .and_then(|mut making| making.take());
            // A thread that panicked made no index: problems are then shown
            // by pointer alone, as for a file the indexer cannot read.
            let (by_pointer, indexing) = making
                .and_then(|making| making.join().ok())
                .unwrap_or_default();
            let _ = self.index.indexing.set(indexing);
            by_pointer
        })
    }

    /// How long the index took on its own thread, waiting for it if it is
    /// still being made; nothing when it was made on the spot.
    pub fn indexing(&self) -> Vec<Stage> {
        self.by_pointer();
        self.index.indexing.get().cloned().unwrap_or_default()
    }
}

/// The location of every member of `text`, by pointer; none if the
/// indexer cannot read it.
fn by_pointer(text: &str) -> HashMap<String, Location> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    match parser.load(&mut builder, false) {
        Ok(()) => builder.by_pointer,
        Err(_) => HashMap::new(),
    }
}

/// What the builder is inside of.
enum Frame {
    /// A mapping, waiting for a key (`None`) or for the value of a key.
    Mapping {
        pointer: String,
        key: Option<String>,
    },
    /// A sequence and the index of its next item.
    Sequence { pointer: String, next: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    by_pointer: HashMap<String, Location>,
}

impl Builder {
    /// The pointer of the node that starts now, if it is a value (not a key),
    /// recording where it starts when it is a sequence item. A block
    /// mapping's start mark lies past its first key, so a mapping item is
    /// located at that key instead (see `on_event`).
    fn value_pointer(&mut self, mark: Marker, is_mapping: bool) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Mapping { pointer, key }) => {
                let key = key.take()?;
                Some(format!("{pointer}/{}", escape(&key)))
            }
            Some(Frame::Sequence { pointer, next }) => {
                let item = format!("{pointer}/{next}");
                *next += 1;
                if !is_mapping {
                    self.by_pointer
                        .entry(item.clone())
                        .or_insert(location(mark));
                }
                Some(item)
            }
        }
    }

    /// Whether the node that starts now is a mapping's key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }
}

fn location(mark: Marker) -> Location {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => {
                if self.expects_key() {
                    if let Some(Frame::Mapping { pointer, key }) = self.stack.last_mut() {
                        // The mapping itself starts at its first key, unless
                        // it is located already (at its own key).
                        if !self.by_pointer.contains_key(pointer.as_str()) {
                            self.by_pointer.insert(pointer.clone(), location(mark));
                        }
                        let member = format!("{pointer}/{}", escape(&text));
                        self.by_pointer.entry(member).or_insert(location(mark));
                        *key = Some(text);
                    }
                } else {
                    let _ = self.value_pointer(mark, false);
                }
            }
            Event::Alias(_) => {
                if self.expects_key() {
                    // A key that is an alias names nothing we can point to;
                    // its value is skipped as a placeholder key.
                    if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
                        *key = Some(String::from("*"));
                    }
                } else {
                    let _ = self.value_pointer(mark, false);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_mapping = matches!(event, Event::MappingStart(..));
                // A collection used as a key has no pointer; its members are
                // indexed under a placeholder nobody looks up.
                let pointer = if self.expects_key() {
                    if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
                        *key = Some(String::from("?"));
                    }
                    String::from("\u{0}")
                } else {
                    self.value_pointer(mark, is_mapping).unwrap_or_default()
                };
                self.stack.push(if is_mapping {
                    Frame::Mapping { pointer, key: None }
                } else {
                    Frame::Sequence { pointer, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Location> {
        Some(Location { line, column })
    }

    #[test]
    fn yaml_members_are_located_at_their_keys() {
        let text = "openapi: 3.0.3\n\
                    paths:\n  \
                      /a/{id}:\n    \
                        get:\n      \
                          parameters:\n        \
                            - name: id\n          \
                              in: path\n";
        let positions = Positions::index(text);
        assert_eq!(positions.locate("/openapi"), at(1, 1));
        assert_eq!(positions.locate("/paths/~1a~1{id}/get"), at(4, 5));
        assert_eq!(
            positions.locate("/paths/~1a~1{id}/get/parameters/0"),
            at(6, 11)
        );
        assert_eq!(
            positions.locate("/paths/~1a~1{id}/get/parameters/0/in"),
            at(7, 11)
        );
        // Absent members fall back to the nearest one written.
        assert_eq!(
            positions.locate("/paths/~1a~1{id}/get/responses/200"),
            at(4, 5)
        );
        assert_eq!(
            positions.pointer_at(Location {
                line: 7,
                column: 20
            }),
            Some("/paths/~1a~1{id}/get/parameters/0/in")
        );
    }

    #[test]
    fn an_index_made_aside_locates_as_one_made_on_the_spot() {
        let text = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      operationId: a\n";
        let aside = Positions::index_aside(text);
        let shared = aside.clone();
        assert_eq!(shared.locate("/paths/~1a/get/operationId"), at(5, 7));
        assert_eq!(
            aside.locate("/paths/~1a/get"),
            Positions::index(text).locate("/paths/~1a/get")
        );
        // A file the indexer cannot read locates nothing, made aside or not.
        assert_eq!(Positions::index_aside("a: [").locate("/a"), None);
    }

    #[test]
    fn json_is_indexed_too() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\"},\n  \"tags\": [\"a\", {\"name\": \"b\"}]\n}\n";
        let positions = Positions::index(text);
        assert_eq!(positions.locate("/info/title"), at(3, 12));
        assert_eq!(positions.locate("/tags/1"), at(4, 18));
        assert_eq!(positions.locate("/tags/1/name"), at(4, 18));
    }
}
