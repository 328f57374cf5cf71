//! The client that `build.rs` generated and `src/lib.rs` included, against a mock server.

use build_script_example::key_names;
use build_script_example::netography::Client;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_embedded_client_sends_and_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/api-keys"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"data": [{"appname": "ci"}, {"appname": "grafana"}, {"description": "unnamed"}]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).bearer_token("t0ken").build().unwrap();
    assert_eq!(key_names(&client).await.unwrap(), ["ci", "grafana"]);
}

#[tokio::test]
async fn its_errors_are_the_generated_ones() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/api-keys"))
        .respond_with(ResponseTemplate::new(404).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).bearer_token("t").build().unwrap();
    let error = key_names(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.operation(), "v1_api_keys_get");
}
