//! The part of every generated crate that does not depend on the spec: the
//! crate's `Error` and the transport that retries and traces requests.
//!
//! It is ordinary Rust kept in `generator/runtime/` and copied as it is, so
//! that it reads, formats and compiles like hand-written code. Building,
//! linting and `cargo fmt --check` of the generated crate check it; format
//! it with `rustfmt --edition 2024 generator/runtime/*.rs`.

/// Each runtime file: its path in the generated crate and its text.
pub const FILES: [(&str, &str); 2] = [
    ("src/error.rs", include_str!("../../runtime/error.rs")),
    (
        "src/transport.rs",
        include_str!("../../runtime/transport.rs"),
    ),
];

/// The runtime of bodies the client builds itself (multipart, raw media
/// types, JSON parameters), for crates with such an operation.
pub const BODIES: (&str, &str) = ("src/bodies.rs", include_str!("../../runtime/bodies.rs"));
