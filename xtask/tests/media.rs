//! Bodies and parameters progenitor cannot send by itself: the real binary
//! generates the crate of `specs/media.yaml` (multipart uploads, raw and text
//! media types, several non-JSON types, parameters described by `content`,
//! a response it cannot type), says where it read the spec, and a test
//! written into that crate calls every operation against a server on
//! 127.0.0.1, parsing each multipart body with the `multer` crate.

mod common;

use common::{Scratch, project_root, test_in_generated};

/// Written into the generated crate as `tests/media.rs`.
const CALLS: &str = r##"//! Every operation of the Media Lab spec, against a wiremock server.

use media_lab::{Client, ErrorKind, FilePart, types};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A part of a multipart body, as multer parsed it.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

fn part(name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]) -> Part {
    Part {
        name: name.to_owned(),
        file_name: file_name.map(str::to_owned),
        content_type: content_type.map(str::to_owned),
        bytes: bytes.to_vec(),
    }
}

/// The parts of a request's `multipart/form-data` body, in order.
async fn parts(request: &Request) -> Vec<Part> {
    let content_type = header(request, "content-type");
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let boundary = multer::parse_boundary(&content_type).unwrap();
    let reader = std::io::Cursor::new(request.body.clone());
    let mut form = multer::Multipart::with_reader(reader, boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        parts.push(Part {
            name: field.name().unwrap().to_owned(),
            file_name: field.file_name().map(str::to_owned),
            content_type: field.content_type().map(ToString::to_string),
            bytes: field.bytes().await.unwrap().to_vec(),
        });
    }
    parts
}

fn header(request: &Request, name: &str) -> String {
    request.headers.get(name).unwrap_or_else(|| panic!("no {name}")).to_str().unwrap().to_owned()
}

/// A server answering `status` to every request, and a client of it.
async fn serve(status: u16, body: Option<Value>) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    Mock::given(method("POST")).respond_with(response.clone()).mount(&server).await;
    Mock::given(method("PUT")).respond_with(response.clone()).mount(&server).await;
    Mock::given(method("GET")).respond_with(response).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

#[tokio::test]
async fn a_document_upload_sends_typed_fields_and_files() {
    let (server, client) = serve(201, Some(json!({"id": "doc_1"}))).await;
    let fields = types::DocumentUploadFields {
        purpose: types::DocumentUploadFieldsPurpose::Identity,
        pages: Some(2),
        tags: vec!["passport".to_owned(), "eu".to_owned()],
        metadata: Some(types::DocumentUploadFieldsMetadata { country: Some("FR".to_owned()) }),
    };
    let front = vec![0x89, b'P', b'N', b'G', 0, 255];
    let back = FilePart::bytes(b"back side".to_vec(), "back.jpg").content_type("image/jpeg");
    let extra = FilePart::stream(reqwest::Body::from("streamed"), "extra.txt")
        .content_type("text/plain");
    let document = client
        .upload_document(&fields, FilePart::bytes(front.clone(), "front.png"), Some(back), vec![extra])
        .await
        .unwrap();
    assert_eq!(document.status(), 201);
    assert_eq!(document.into_inner().id, "doc_1");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/documents");
    let mut parts = parts(&request).await;
    parts.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        parts,
        [
            part("back", Some("back.jpg"), Some("image/jpeg"), b"back side"),
            part("extra", Some("extra.txt"), Some("text/plain"), b"streamed"),
            // The spec's `encoding` gives the front its type.
            part("front", Some("front.png"), Some("image/png"), &front),
            // An object field is JSON, as the spec's `encoding` says too.
            part("metadata", None, Some("application/json"), br#"{"country":"FR"}"#),
            part("pages", None, None, b"2"),
            part("purpose", None, None, b"identity"),
            part("tags", None, None, b"passport"),
            part("tags", None, None, b"eu"),
        ]
    );
}

#[tokio::test]
async fn a_form_in_memory_has_a_length_and_a_file_without_a_type_is_octet_stream() {
    let (server, client) = serve(204, None).await;
    client.import_incidents(FilePart::bytes(b"id,title\n1,down\n".to_vec(), "incidents.csv")).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-length"), request.body.len().to_string());
    assert_eq!(
        parts(&request).await,
        [part("file", Some("incidents.csv"), Some("application/octet-stream"), b"id,title\n1,down\n")]
    );
}

#[tokio::test]
async fn a_bad_part_type_is_an_invalid_request_that_sends_nothing() {
    let (server, client) = serve(204, None).await;
    let file = FilePart::bytes(b"x".to_vec(), "x.bin").content_type("not a media type");
    let error = client.import_incidents(file).await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidRequest(_)), "{error:?}");
    assert!(error.to_string().contains("`not a media type` is not a media type"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn raw_bodies_go_as_they_are_with_their_media_type() {
    let cbor = vec![0xa1, 0x62, b'i', b'd', 0x01];
    let (server, client) = serve(204, None).await;
    client.put_record(cbor.clone()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), "application/cbor");
    assert_eq!(request.body, cbor);

    let (server, client) = serve(204, None).await;
    client.import_report("id,total\n1,2\n".to_owned()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), "text/csv");
    assert_eq!(request.body, b"id,total\n1,2\n");

    // text/plain beside text/x-markdown: text/plain.
    let (server, client) = serve(204, None).await;
    client.write_note("# Title".to_owned()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), "text/plain");
    assert_eq!(request.body, b"# Title");

    let (server, client) = serve(204, None).await;
    client.send_octets(vec![1u8, 2, 3]).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type"), "application/octet-stream");
    assert_eq!(request.body, [1, 2, 3]);
}

/// progenitor's mocks expect an octet-stream body as JSON; it must be
/// expected as the bytes the client sends.
#[tokio::test]
async fn the_mock_expects_octets_as_the_client_sends_them() {
    use media_lab::mock::{MockServer, MockServerExt};

    let server = MockServer::start_async().await;
    let sent = server.send_octets(|when, then| {
        when.body([0u8, 0xff, 7]);
        then.no_content();
    });
    let client = Client::builder().base_url(server.base_url()).build().unwrap();
    client.send_octets(vec![0u8, 0xff, 7]).await.unwrap();
    sent.assert();
    let error = client.send_octets(vec![0u8, 0xff]).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
    sent.assert_calls(1);
}

#[tokio::test]
async fn a_range_lets_the_caller_name_the_type_within_it() {
    let (server, client) = serve(204, None).await;
    client.upload_blob(b"{}".to_vec(), "application/vnd.lab+json").await.unwrap();
    client.set_avatar(vec![0x89, b'P'], "image/png").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(header(&requests[0], "content-type"), "application/vnd.lab+json");
    assert_eq!(requests[0].body, b"{}");
    assert_eq!(header(&requests[1], "content-type"), "image/png");
    assert_eq!(requests[1].body, [0x89, b'P']);

    let error = client.set_avatar(vec![0], "text/plain").await.unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::InvalidRequest(_)), "{error:?}");
    assert!(error.to_string().contains("not one the API accepts (`image/*`)"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn content_parameters_are_sent_as_json_text() {
    let (server, client) = serve(200, Some(json!(["a"]))).await;
    let filter = types::SearchFilter { status: "open".to_owned(), limit: Some(5) };
    let context = types::Context { tenant: "t 1".to_owned() };
    let found = client.search(&filter, Some("free text"), None, &context).await.unwrap();
    assert_eq!(found.into_inner(), ["a"]);
    let request = only_request(&server).await;
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let filter_text = &query.iter().find(|(name, _)| name == "filter").unwrap().1;
    assert_eq!(serde_json::from_str::<Value>(filter_text).unwrap(), json!({"status": "open", "limit": 5}));
    assert!(query.contains(&("q".to_owned(), "free text".to_owned())), "{query:?}");
    assert!(!query.iter().any(|(name, _)| name == "sort"), "{query:?}");
    let context_text = header(&request, "x-context");
    assert_eq!(serde_json::from_str::<Value>(&context_text).unwrap(), json!({"tenant": "t 1"}));

    let (server, client) = serve(200, Some(json!([]))).await;
    let sort = types::SearchSort(vec!["-created".to_owned()]);
    client.search(&filter, None, Some(&sort), &context).await.unwrap();
    let request = only_request(&server).await;
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert!(query.contains(&("sort".to_owned(), r#"["-created"]"#.to_owned())), "{query:?}");
}

#[tokio::test]
async fn an_untyped_response_is_bytes_with_its_content_type() {
    let server = MockServer::start().await;
    let pdf = b"%PDF-1.7 ...".to_vec();
    Mock::given(path("/documents/doc_1/file"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let response = client.download_document("doc_1").await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let body = reqwest::Body::wrap_stream(response.into_inner().into_inner());
    let bytes = http_body_util::BodyExt::collect(body).await.unwrap().to_bytes();
    assert_eq!(bytes, pdf);
}
"##;

#[test]
fn bodies_and_parameters_progenitor_cannot_send_are_sent_as_the_spec_says() {
    let scratch = Scratch::new("media");
    let spec = project_root().join("xtask/tests/specs/media.yaml");
    let out = scratch.join("media-lab");
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
        "media.yaml:130:11: /paths/~1search/parameters/0/content/application~1json: parameter \
         `X-Context` is `application/json` content: the generated method takes a `types::Context`",
        "media.yaml:140:13: /paths/~1search/get/parameters/0/content/application~1json: parameter \
         `filter` is `application/json` content",
        "media.yaml:160:13: /paths/~1search/get/parameters/2/content/text~1plain: parameter `q` is \
         `text/plain` content: it is read as a string",
    ]);

    // The crate's unit tests too: the `bodies` runtime's and the samples'.
    let run = test_in_generated(&out, "media", CALLS, &["--all-features", "--lib"]);
    let (stdout, shown) = (&run.stdout, run.describe());
    assert!(run.success, "{shown}");
    // All eight calls ran, none filtered out or skipped, and the unit tests.
    assert!(stdout.contains("test result: ok. 8 passed"), "{shown}");
    assert!(
        stdout.contains("ranges_accept_what_they_cover ... ok"),
        "{shown}"
    );
}
