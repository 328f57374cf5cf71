//! End to end: the `/auth/api_keys` service of seed 004 (a FastAPI-style OpenAPI 3.1 spec with a
//! 422 validation error) against a local mock server. The methods read create_api_key,
//! deactivate_api_key, get_all_active_api_keys and get_api_key.

use fixture_fastapi::errors::{CreateApiKeyError, DeactivateApiKeyError};
use fixture_fastapi::types::{NewApiKeyRequest, ValidationErrorLocItem};
use fixture_fastapi::{Client, Error, ErrorKind};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn record(id: &str, key: Option<&str>) -> serde_json::Value {
    json!({"id": id, "description": "ci", "roles": ["TASK-ADMIN"], "active": true, "created_at": "2024-12-16T13:00:02Z", "key": key})
}

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).bearer_token("tok").build().unwrap();
    (server, client)
}

#[tokio::test]
async fn create_list_get_and_deactivate() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/auth/api_keys/"))
        .and(header("authorization", "Bearer tok"))
        .and(body_json(json!({"description": "ci", "roles": ["TASK-ADMIN"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(record("k1", Some("secret"))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/auth/api_keys/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([record("k1", None), record("k2", None)])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/auth/api_keys/k1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(record("k1", None)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/auth/api_keys/deactivate/k1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"id": "k1", "description": "ci", "roles": [], "active": false, "created_at": "x"}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;

    let body = NewApiKeyRequest::new("ci", vec!["TASK-ADMIN".into()]);
    let created = client.create_api_key(&body).await.unwrap();
    assert_eq!(created.key, Some(Some("secret".into())));
    let all = client.get_all_active_api_keys().await.unwrap();
    assert_eq!(all.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(), ["k1", "k2"]);
    // `key` is optional and nullable: `null` and absent are told apart.
    assert_eq!(all[0].key, Some(None), "`null` is Some(None)");
    assert_eq!(client.get_api_key("k1").await.unwrap().created_at, "2024-12-16T13:00:02Z");
    let deactivated = client.deactivate_api_key("k1").await.unwrap();
    assert!(!deactivated.active);
    assert_eq!(deactivated.key, None, "absent is None");
}

#[tokio::test]
async fn validation_errors_are_typed() {
    let (server, client) = setup().await;
    let detail =
        json!({"detail": [{"loc": ["body", "roles", 0], "msg": "value is not a valid role", "type": "value_error"}]});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(422).set_body_json(detail.clone()))
        .mount(&server)
        .await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(422).set_body_json(detail)).mount(&server).await;

    let body = NewApiKeyRequest::new("ci", vec!["NOPE".into()]).with_expires_at(Some("2030-01-01T00:00:00Z".into()));
    match client.create_api_key(&body).await.unwrap_err().into_kind() {
        ErrorKind::Api(CreateApiKeyError::UnprocessableEntity(e)) => {
            let detail = e.detail.unwrap();
            assert_eq!(
                detail[0].loc,
                [
                    ValidationErrorLocItem::String("body".into()),
                    ValidationErrorLocItem::String("roles".into()),
                    ValidationErrorLocItem::Integer(0)
                ]
            );
            assert_eq!(detail[0].r#type, "value_error");
        }
        other => panic!("{other:?}"),
    }
    let requests = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(sent["expires_at"], "2030-01-01T00:00:00Z");
    // An explicit `null` is sent as such; `None` leaves the field out.
    let _ = client.create_api_key(&NewApiKeyRequest::new("ci", vec![]).with_expires_at(None)).await;
    let _ = client.create_api_key(&NewApiKeyRequest::new("ci", vec![])).await;
    let requests = server.received_requests().await.unwrap();
    let explicit: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    let absent: serde_json::Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(explicit.get("expires_at"), Some(&serde_json::Value::Null));
    assert_eq!(absent.get("expires_at"), None);
    assert!(matches!(
        client.deactivate_api_key("k1").await.map_err(Error::into_kind),
        Err(ErrorKind::Api(DeactivateApiKeyError::UnprocessableEntity(_)))
    ));
}

/// The structs' written-out `Deserialize`: required, optional and nullable fields, unknown fields,
/// and errors that name the field.
#[test]
fn struct_decoding_rules() {
    use fixture_fastapi::types::ApiKeyResponse;
    let base = json!({"id": "k1", "description": "d", "roles": ["admin"], "active": true, "created_at": "t"});
    // Absent nullable field: `None`; `null`: `Some(None)`; a value: `Some(Some(..))`.
    let absent: ApiKeyResponse = serde_json::from_value(base.clone()).unwrap();
    assert_eq!(absent.key, None);
    let mut with = base.clone();
    with["key"] = json!(null);
    assert_eq!(serde_json::from_value::<ApiKeyResponse>(with.clone()).unwrap().key, Some(None));
    with["key"] = json!("s3cr3t");
    with["unknown"] = json!({"ignored": true});
    let full: ApiKeyResponse = serde_json::from_value(with).unwrap();
    assert_eq!(full.key, Some(Some("s3cr3t".to_owned())));
    // Serialising gives back what was read (absent stays absent, unknown fields are dropped,
    // `Some(None)` is `null`).
    assert_eq!(serde_json::to_value(&absent).unwrap(), base);
    let mut null = absent.clone();
    null.key = Some(None);
    let text = serde_json::to_string(&null).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap()["key"], json!(null));
    let full_text = serde_json::to_string(&full).unwrap();
    assert!(full_text.contains(r#""key":"s3cr3t""#), "{full_text}");
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&full_text)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 6, "{full_text}");
    // A missing required field and a wrong type are errors that name the field.
    let mut missing = base.clone();
    missing.as_object_mut().unwrap().remove("active");
    let e = serde_json::from_value::<ApiKeyResponse>(missing).unwrap_err().to_string();
    assert_eq!(e, "missing field `active`");
    let mut wrong = base.clone();
    wrong["roles"] = json!([1]);
    let e = serde_json::from_slice::<ApiKeyResponse>(&serde_json::to_vec(&wrong).unwrap()).unwrap_err().to_string();
    assert!(e.starts_with("roles: invalid type: integer `1`, expected a string"), "{e}");
    // A nullable or optional field of the wrong type is an error too, never a quiet `None`; of
    // several errors, the first field's is the one reported.
    let mut wrong_key = base.clone();
    wrong_key["key"] = json!(7);
    let e = serde_json::from_value::<ApiKeyResponse>(wrong_key.clone()).unwrap_err().to_string();
    assert!(e.starts_with("key: invalid type: integer `7`"), "{e}");
    wrong_key["roles"] = json!("admin");
    let e = serde_json::from_value::<ApiKeyResponse>(wrong_key).unwrap_err().to_string();
    assert!(e.starts_with("roles: invalid type: string \"admin\""), "{e}");
    let e = serde_json::from_value::<fixture_fastapi::types::HttpValidationError>(json!({"detail": {}}))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("detail: invalid type: map"), "{e}");
    // Not an object at all.
    assert!(serde_json::from_value::<ApiKeyResponse>(json!([1, 2])).is_err());
}
