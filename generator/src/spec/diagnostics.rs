//! What there is to say about a member of the spec, a problem or a
//! warning, located: every stage of the front end reports through these.

use std::fmt;
use std::path::{Path, PathBuf};

use super::positions::{Location, Positions};
use crate::error::Error;

/// One thing to say about a member of the spec, a problem or a warning:
/// where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file.
    pub path: PathBuf,
    /// Where in the file the member (or the nearest enclosing one) was
    /// written; `None` when it cannot be told, such as for the whole document.
    pub location: Option<Location>,
    /// JSON pointer to the member, `""` for the whole document.
    pub pointer: String,
    /// What is wrong, or what the generator made of it, and what to change.
    pub message: String,
}

impl Diagnostic {
    /// Places the diagnostic at its member, or the nearest one around it,
    /// if it has no location yet; `""`, the whole document, has none.
    ///
    /// Warnings are placed only once every stage has found its own, by the
    /// caller that gathers them: the index of positions is made on a thread
    /// of its own while the stages run ([`Positions::index_aside`]).
    pub(crate) fn locate(&mut self, positions: &Positions) {
        if self.location.is_none() && !self.pointer.is_empty() {
            self.location = positions.locate(&self.pointer);
        }
    }
}

/// Places every one of `warnings`, gathered from every stage, and puts them
/// in the order of the file; the warnings about one member keep the order
/// their stages said them in.
pub(crate) fn locate_all(warnings: &mut [Diagnostic], positions: &Positions) {
    for warning in warnings.iter_mut() {
        warning.locate(positions);
    }
    warnings.sort_by(|a, b| (a.location, &a.pointer).cmp(&(b.location, &b.pointer)));
}

/// `file:line:column: /pointer: message`, leaving out what is unknown.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(location) = self.location {
            write!(f, ":{location}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, ": {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Problems or warnings about one spec, collected to be reported all at
/// once, in the order they appear in the file.
pub(crate) struct Diagnostics<'a> {
    path: &'a Path,
    positions: &'a Positions,
    list: Vec<Diagnostic>,
}

impl<'a> Diagnostics<'a> {
    pub(crate) fn new(path: &'a Path, positions: &'a Positions) -> Self {
        Self {
            path,
            positions,
            list: Vec::new(),
        }
    }

    /// Adds what there is to say about the member at `pointer`, to be
    /// located at the member or the nearest one around it
    /// ([`Diagnostic::locate`]).
    pub(crate) fn push(&mut self, pointer: &str, message: String) {
        self.push_at(None, pointer.to_owned(), message);
    }

    /// Adds a diagnostic whose location a parser gave.
    pub(crate) fn push_at(&mut self, location: Option<Location>, pointer: String, message: String) {
        self.list.push(Diagnostic {
            path: self.path.to_owned(),
            location,
            pointer,
            message,
        });
    }

    /// How many there are so far.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// The warnings, each once, in the order of their members' pointers:
    /// not yet located, which their gatherer does ([`Diagnostic::locate`]).
    pub(crate) fn into_warnings(self) -> Vec<Diagnostic> {
        let mut list = self.list;
        sort(&mut list);
        list
    }

    /// The problems, located, in the order they appear in the file, each
    /// once.
    pub(crate) fn into_problems(self) -> Vec<Diagnostic> {
        let mut list = self.list;
        for problem in &mut list {
            problem.locate(self.positions);
        }
        sort(&mut list);
        list
    }

    /// The problems as one error, or `None` when there are none.
    pub(crate) fn into_error(self) -> Option<Error> {
        let path = self.path.to_owned();
        let problems = self.into_problems();
        (!problems.is_empty()).then_some(Error::Invalid { path, problems })
    }
}

/// Sorts `list` by location (where it is known), pointer and message, and
/// drops repetitions.
fn sort(list: &mut Vec<Diagnostic>) {
    list.sort_by(|a, b| {
        (a.location, &a.pointer, &a.message).cmp(&(b.location, &b.pointer, &b.message))
    });
    list.dedup();
}
