use std::future::IntoFuture;
mod support;
#[tokio::test]
async fn probe() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(wiremock::ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(support::ok_session())
        .mount(&server)
        .await;
    let client = support::quick_client(&server, "k", beltic_identity::RetryPolicy::default());
    let id = uuid::Uuid::nil();
    let fut = client.get_session(&id).into_future();
    eprintln!("PROBE call future {}", std::mem::size_of_val(&*fut));
    let r = fut.await;
    eprintln!("PROBE ok {}", r.is_ok());
}
