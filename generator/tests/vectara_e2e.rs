//! End to end: the Vectara "List API keys" client (seed 002, written from the reference text)
//! against a local mock server.

use fixture_vectara::errors::ListApiKeysError;
use fixture_vectara::types::ApiKeyRole;
use fixture_vectara::{Client, ErrorKind};
use futures_util::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).api_key("zqt_key").build().unwrap();
    (server, client)
}

fn key(id: &str, role: &str) -> serde_json::Value {
    json!({
        "id": id, "name": format!("key {id}"), "secret_key": "zqt_secret", "enabled": true, "api_key_role": role,
        "api_policy": {"name": "serving", "allowed_operations": {
            "query": {"allow_any_resource": false, "allowed_resources": {"path.corpus_key": ["docs", "faq"]}},
            "index": {}
        }}
    })
}

#[tokio::test]
async fn parameters_headers_enum_and_map_round_trip() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/api_keys"))
        .and(header("x-api-key", "zqt_key"))
        .and(header("request-timeout", "5"))
        .and(header("request-timeout-millis", "5000"))
        .and(query_param("limit", "100"))
        .and(query_param("page_key", "p2"))
        .and(query_param("corpus_key", "docs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "api_keys": [key("aky_1", "serving"), key("aky_2", "organization_admin")],
            "metadata": {"page_key": "p3"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let list = client
        .list_api_keys()
        .request_timeout(5)
        .request_timeout_millis(5000)
        .limit(100)
        .page_key("p2")
        .corpus_key("docs")
        .await
        .unwrap();
    let keys = list.api_keys.unwrap();
    assert_eq!(keys[0].api_key_role, Some(ApiKeyRole::Serving));
    // A role the spec does not list is kept, not an error.
    assert_eq!(keys[1].api_key_role, Some(ApiKeyRole::Other("organization_admin".into())));
    assert_eq!(keys[1].api_key_role.as_ref().unwrap().as_str(), "organization_admin");
    let ops = &keys[0].api_policy.as_ref().unwrap().allowed_operations;
    assert_eq!(ops.keys().collect::<Vec<_>>(), ["index", "query"]);
    assert_eq!(ops["query"].allow_any_resource, Some(false));
    assert_eq!(ops["query"].allowed_resources.as_ref().unwrap()["path.corpus_key"], ["docs", "faq"]);
    assert_eq!(ops["index"].allow_any_resource, None);
    assert_eq!(list.metadata.unwrap().page_key.as_deref(), Some("p3"));
    // Serialising gives the wire values back.
    assert_eq!(serde_json::to_value(&keys[0].api_key_role).unwrap(), json!("serving"));
}

#[tokio::test]
async fn the_400_and_403_bodies_are_distinct_typed_errors() {
    let (server, client) = setup().await;
    Mock::given(query_param("corpus_key", "bad key"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "field_errors": {"corpus_key": "must match [a-zA-Z0-9_=-]+$"}, "messages": ["bad request"], "request_id": "r1"
        })))
        .mount(&server)
        .await;
    Mock::given(query_param("corpus_key", "secret"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"messages": ["Internal server error."], "request_id": "r2"})),
        )
        .mount(&server)
        .await;

    match client.list_api_keys().corpus_key("bad key").await.unwrap_err().into_kind() {
        ErrorKind::Api(ListApiKeysError::BadRequest(e)) => {
            assert_eq!(e.field_errors.unwrap()["corpus_key"], "must match [a-zA-Z0-9_=-]+$");
            assert_eq!(e.request_id.as_deref(), Some("r1"));
        }
        other => panic!("{other:?}"),
    }
    match client.list_api_keys().corpus_key("secret").await.unwrap_err().into_kind() {
        ErrorKind::Api(ListApiKeysError::Forbidden(e)) => assert_eq!(e.messages.unwrap(), ["Internal server error."]),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_stream_follows_metadata_page_key_across_pages() {
    let (server, client) = setup().await;
    let page = |keys: Vec<serde_json::Value>, next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({"api_keys": keys, "metadata": {"page_key": next}}))
    };
    Mock::given(path("/v2/api_keys"))
        .and(|r: &Request| !r.url.query_pairs().any(|(k, _)| k == "page_key"))
        .respond_with(page(vec![key("aky_1", "serving"), key("aky_2", "personal")], Some("p2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("page_key", "p2")).respond_with(page(vec![], Some("p3"))).expect(1).mount(&server).await;
    Mock::given(query_param("page_key", "p3"))
        .respond_with(page(vec![key("aky_3", "serving_and_indexing")], None))
        .expect(1)
        .mount(&server)
        .await;

    let keys: Vec<_> = client.list_api_keys().limit(2).corpus_key("docs").stream().try_collect().await.unwrap();
    let ids: Vec<_> = keys.iter().map(|k| k.id.clone().unwrap()).collect();
    assert_eq!(ids, ["aky_1", "aky_2", "aky_3"]);
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.url.query().unwrap().contains("limit=2") && r.url.query().unwrap().contains("corpus_key=docs"))
    );
}

#[tokio::test]
async fn the_stream_starts_at_the_cursor_set_on_the_request() {
    let (server, client) = setup().await;
    Mock::given(query_param("page_key", "p7"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"api_keys": [key("aky_7", "serving")], "metadata": {}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let keys: Vec<_> = client.list_api_keys().page_key("p7").stream().try_collect().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_stream_stops_on_a_repeated_cursor_and_yields_errors() {
    let (server, client) = setup().await;
    Mock::given(path("/v2/api_keys"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"api_keys": [key("aky_1", "serving")], "metadata": {"page_key": "same"}})),
        )
        .mount(&server)
        .await;
    let keys: Vec<_> = client.list_api_keys().stream().try_collect().await.unwrap();
    assert_eq!(keys.len(), 2, "first page, then the page at `same`, whose next cursor repeats: stop");

    let (server, client) = setup().await;
    Mock::given(path("/v2/api_keys"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"messages": ["no"]})))
        .mount(&server)
        .await;
    let err = client.list_api_keys().stream().try_collect::<Vec<_>>().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Api(ListApiKeysError::Forbidden(_))), "{err:?}");
}
