//! The runtime's unit tests. They live apart from the sources because the
//! generator embeds the sources in every generated crate, whose
//! dev-dependencies have no HTTP test server.

mod builders;
#[cfg(feature = "cli")]
mod cli;
mod config;
mod drift;
mod error;
mod open_enums;
mod pages;
mod tls;
mod transport;
