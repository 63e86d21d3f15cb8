//! Bodies and parameters progenitor cannot send by itself: the real binary
//! generates the crate of `specs/media.yaml` (multipart uploads, raw and text
//! media types, several non-JSON types, bodies without a `schema`, parameters
//! described by `content`, query lists in `pipeDelimited` and
//! `spaceDelimited` style, a path parameter that has the name of a query
//! parameter, a response it cannot type), says where it read the spec, and a test
//! written into that crate calls every operation against a server on
//! 127.0.0.1, parsing each multipart body with the `multer` crate.

mod common;

use common::{project_root, test_in_generated};

/// Copied into the generated crate as `tests/media.rs`.
#[cfg(false)] // Compiled in the generated crate; here for `cargo fmt`.
#[path = "fixtures/media.rs"]
mod media;

#[test]
fn bodies_and_parameters_progenitor_cannot_send_are_sent_as_the_spec_says() {
    let scratch = tempfile::tempdir().unwrap();
    let spec = project_root().join("xtask/tests/specs/media.yaml");
    let out = scratch.path().join("media-lab");
    let run = common::regen(&spec, &out);
    let shown = run.describe();
    assert!(run.success, "{shown}");
    run.assert_warned(&[
        "media.yaml:36:9: /paths/~1incidents/post/requestBody/content: the body can be sent as \
         `multipart/form-data` or `text/csv`; the generated client sends `multipart/form-data`",
        "media.yaml:58:13: /paths/~1records/post/requestBody/content/application~1cbor/schema: \
         the generator cannot type a body of `application/cbor`",
        "media.yaml:71:11: /paths/~1blobs/post/requestBody/content/*~1*: `*/*` is a range",
        "media.yaml:81:11: /paths/~1avatars/put/requestBody/content/image~1*: `image/*` is a range",
        "media.yaml:103:9: /paths/~1notes/post/requestBody/content: the body can be sent as \
         `text/plain` or `text/x-markdown`; the generated client sends `text/plain`",
        "media.yaml:119:13: /paths/~1octets/post/requestBody/content/application~1octet-stream/schema: \
         a body of `application/octet-stream` is sent as bytes",
        "media.yaml:129:11: /paths/~1subscriptions/post/requestBody/content/\
         application~1x-www-form-urlencoded: the `application/x-www-form-urlencoded` request body \
         has no `schema`: it is sent as the form's text",
        "media.yaml:138:11: /paths/~1bundles/post/requestBody/content/multipart~1form-data: the \
         `multipart/form-data` request body has no `schema`: it is sent as bytes the caller \
         encodes, with a `Content-Type` that names their boundary",
        "media.yaml:148:11: /paths/~1search/parameters/0/content/application~1json: parameter \
         `X-Context` is `application/json` content: the generated method takes a `types::Context`",
        "media.yaml:158:13: /paths/~1search/get/parameters/0/content/application~1json: parameter \
         `filter` is `application/json` content",
        "media.yaml:178:13: /paths/~1search/get/parameters/2/content/text~1plain: parameter `q` is \
         `text/plain` content: it is read as a string",
        "media.yaml:183:11: /paths/~1search/get/parameters/3/style: parameter `labels` is a \
         `pipeDelimited` list, which progenitor does not send: the generated method takes the \
         list and joins its items with `|`",
        "media.yaml:191:11: /paths/~1search/get/parameters/4/style: parameter `years` is a \
         `spaceDelimited` list",
        "media.yaml:223:3: /paths/~1tokens~1{token}: path parameter `token` has the name of a \
         query parameter of GET: progenitor tells parameters apart by name alone, so the \
         generator calls the path's `token_path`",
    ]);

    // The crate's unit tests too: the `bodies` runtime's and the samples'.
    let run = test_in_generated(&out, "media", &["--all-features", "--lib"]);
    let (stdout, shown) = (&run.stdout, run.describe());
    run.assert_clean_in("tests/media.rs");
    // All ten calls ran, none filtered out or skipped, and the unit tests.
    assert!(stdout.contains("test result: ok. 10 passed"), "{shown}");
    assert!(
        stdout.contains("ranges_accept_what_they_cover ... ok"),
        "{shown}"
    );
}
