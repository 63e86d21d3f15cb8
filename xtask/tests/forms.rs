//! Form bodies with nested members: the real binary generates the crate of
//! `specs/nested-forms.yaml` (an object, a list of objects, a map and a list
//! of strings, each with its `encoding`), says where it read the spec, and a
//! test written into that crate calls each operation against a server on
//! 127.0.0.1 that parses the body it receives with `form_urlencoded`.

mod common;

use std::fs;

use common::{Scratch, regen_test_spec, test_in_generated};

/// Written into the generated crate as `tests/forms.rs`.
const CALLS: &str = r##"//! Each form body as the server receives it.

use std::collections::BTreeMap;

use checkouts::{Client, types};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server answering `status` to every POST, and a client of it.
async fn serve(status: u16, body: Option<serde_json::Value>) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    Mock::given(method("POST")).respond_with(response).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

/// The body's fields as a form parser reads them, sorted.
fn fields(request: &Request) -> Vec<(String, String)> {
    assert_eq!(
        request.headers["content-type"].to_str().unwrap(),
        "application/x-www-form-urlencoded"
    );
    let mut fields: Vec<(String, String)> =
        form_urlencoded::parse(&request.body).into_owned().collect();
    fields.sort();
    fields
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect()
}

#[tokio::test]
async fn nested_members_are_written_as_their_encoding_says() {
    let (server, client) = serve(200, Some(serde_json::json!({"id": "co_1"}))).await;
    let body = types::CreateCheckoutBody {
        customer: "Ada & Co = 100%+".to_owned(),
        note: None,
        shipping: Some(types::Shipping {
            name: "Ada".to_owned(),
            address: Some(types::ShippingAddress {
                line1: None,
                city: Some("Paris".to_owned()),
            }),
        }),
        items: vec![
            types::LineItem { price: "p_1".to_owned(), quantity: Some(2) },
            types::LineItem { price: "p_2".to_owned(), quantity: None },
        ],
        metadata: BTreeMap::from([("order_id".to_owned(), "6735".to_owned())]),
        expand: vec!["customer".to_owned(), "items.price".to_owned()],
        tags: vec!["a".to_owned(), "b c".to_owned()],
        ids: vec![1, 2],
        filter: Some(types::CreateCheckoutBodyFilter { open: Some(true) }),
        options: Some(types::CreateCheckoutBodyOptions { gift: Some(false) }),
    };
    let checkout = client.create_checkout(&body).await.unwrap();
    assert_eq!(checkout.into_inner().id, "co_1");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/checkouts");
    assert_eq!(
        fields(&request),
        pairs(&[
            ("customer", "Ada & Co = 100%+"),
            // `deepObject` lists: indexed, as Stripe reads them.
            ("expand[0]", "customer"),
            ("expand[1]", "items.price"),
            // `contentType: application/json`.
            ("filter", r#"{"open":true}"#),
            // `pipeDelimited`, not exploded.
            ("ids", "1|2"),
            ("items[0][price]", "p_1"),
            ("items[0][quantity]", "2"),
            ("items[1][price]", "p_2"),
            ("metadata[order_id]", "6735"),
            // `style: form, explode: false` on an object: brackets still.
            ("options[gift]", "false"),
            ("shipping[address][city]", "Paris"),
            ("shipping[name]", "Ada"),
            // No `encoding`: OpenAPI's default, one field per item.
            ("tags", "a"),
            ("tags", "b c"),
        ])
    );
    // Brackets go on the wire as they are, as Stripe's own libraries send them.
    let text = String::from_utf8(request.body.clone()).unwrap();
    assert!(text.contains("metadata[order_id]=6735"), "{text}");
}

#[tokio::test]
async fn a_component_body_without_encoding_has_its_object_bracketed() {
    let (server, client) = serve(204, None).await;
    let form = types::CustomerForm {
        email: "ada@example.com".to_owned(),
        address: Some(types::CustomerFormAddress { city: Some("Lyon".to_owned()) }),
    };
    client.create_customer(&form).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        fields(&request),
        pairs(&[("address[city]", "Lyon"), ("email", "ada@example.com")])
    );
}

#[tokio::test]
async fn a_flat_form_is_still_a_form() {
    let (server, client) = serve(204, None).await;
    let body = types::RenameCustomerBody { name: "Ada Lovelace".to_owned() };
    client.rename_customer("cus_1", &body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/customers/cus_1");
    assert_eq!(fields(&request), pairs(&[("name", "Ada Lovelace")]));
}

/// progenitor's mocks expect every body as JSON; a form must be expected as
/// the form the client sends.
#[tokio::test]
async fn the_mock_expects_a_flat_form_as_the_client_sends_it() {
    use checkouts::mock::{MockServer, MockServerExt};

    let server = MockServer::start_async().await;
    let body = types::RenameCustomerBody { name: "Ada & Co = 100%+".to_owned() };
    let renamed = server.rename_customer(|when, then| {
        when.id("cus_1").body(&body);
        then.no_content();
    });
    let client = Client::builder().base_url(server.base_url()).build().unwrap();
    client.rename_customer("cus_1", &body).await.unwrap();
    renamed.assert();
    // Another name is another body, which the expectation does not take.
    let other = types::RenameCustomerBody { name: "Ada".to_owned() };
    let error = client.rename_customer("cus_1", &other).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
    renamed.assert_calls(1);
}
"##;

#[test]
fn nested_form_members_are_sent_as_bracketed_keys() {
    let scratch = Scratch::new("forms");
    let (out, run) = regen_test_spec(&scratch, "nested-forms.yaml", "checkouts");
    assert!(run.success, "{}", run.describe());
    run.assert_warned(&[
        "nested-forms.yaml:55:15: /paths/~1checkouts/post/requestBody/content/\
         application~1x-www-form-urlencoded/encoding/options: form member `options` is an object \
         or a list of objects, and `style: form` without `explode` would write it as one \
         comma-separated field",
        "nested-forms.yaml:113:9: /components/schemas/CustomerForm/properties/address: form member \
         `address` is an object or a list of objects, and the body's `encoding` does not say how to \
         write it",
    ]);
    // Only bodies with nested members go through the `forms` runtime: the
    // flat one keeps progenitor's form encoding, and the crate has no
    // `bodies` runtime (nor reqwest's multipart) it does not need.
    let api = fs::read_to_string(out.join("src/api.rs")).unwrap();
    assert_eq!(api.matches(".form_urlencoded(&body)?").count(), 1, "{api}");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("serde_qs = "), "{manifest}");
    // The mock's expectation of the flat form writes it as the client does.
    assert!(
        manifest.contains(r#"mock = ["dep:httpmock", "dep:regex", "dep:serde_urlencoded"]"#),
        "{manifest}"
    );
    assert!(!manifest.contains("multipart"), "{manifest}");
    assert!(out.join("src/runtime/forms.rs").exists());
    assert!(!out.join("src/runtime/bodies.rs").exists());

    // With every feature (the mocks too), and the crate's unit tests: the
    // samples of the body types decode.
    let run = test_in_generated(&out, "forms", CALLS, &["--all-features", "--lib"]);
    let (stdout, shown) = (&run.stdout, run.describe());
    assert!(run.success, "{shown}");
    assert!(stdout.contains("test result: ok. 4 passed"), "{shown}");
    assert!(!run.stderr.contains("warning:"), "{shown}");
}
