//! End to end: the `params` fixture client (query, header and inner path parameters, an optional
//! body, no auth, no `default` response) against a local mock server.

use fixture_params::errors::{CreateItemError, GetItemError};
use fixture_params::types::Item;
use fixture_params::{Client, ErrorKind};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

#[test]
fn a_spec_without_servers_needs_a_base_url() {
    let err = Client::builder().build().unwrap_err();
    assert!(err.to_string().contains("no base URL"), "{err}");
}

#[tokio::test]
async fn query_parameters_are_encoded_and_arrays_exploded() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/items/42"))
        .and(query_param("q", "a&b=c d"))
        .and(query_param("limit", "5"))
        .and(header("x-request-id", "req-1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 42, "name": "n", "type": "t", "size-in-bytes": 7})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let item = client
        .get_item(42, "a&b=c d")
        .limit(5)
        .tags(&["x", "y/z"])
        .session("s 1;x=2")
        .x_request_id("req-1")
        .await
        .unwrap();
    // `id` is read-only: the server sets it, and `new` leaves it at its default.
    // `pin` is write-only: the response leaves it out, and it reads as its default.
    let mut expected = Item::new("n", "").with_type("t").with_size_in_bytes(7);
    expected.id = 42;
    assert_eq!(item, expected);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("q=a%26b%3Dc+d&limit=5&tags=x&tags=y%2Fz"));
    assert!(requests[0].headers.get("authorization").is_none(), "no security: no token");
    assert_eq!(requests[0].headers.get("cookie").unwrap(), "session=s%201%3Bx%3D2");
}

#[tokio::test]
async fn optional_parameters_are_left_out() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/items/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "n"})))
        .mount(&server)
        .await;
    client.get_item(1, "").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("q="));
    assert!(requests[0].headers.get("x-request-id").is_none());
    assert!(requests[0].headers.get("cookie").is_none());
}

#[tokio::test]
async fn header_values_with_cr_or_lf_are_refused_before_sending() {
    let (server, client) = setup().await;
    for bad in ["a\r\nX-Injected: 1", "a\nb", "a\rb"] {
        let err = client.get_item(1, "q").x_request_id(bad).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest(why) if why.contains("X-Request-Id")), "{err:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_parameter_inside_a_segment_is_encoded() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/files/..%2Fetc%2Fpasswd%3Fx%23y.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"k": "v"})))
        .expect(1)
        .mount(&server)
        .await;
    let content = client.get_file("../etc/passwd?x#y").await.unwrap();
    assert_eq!(content["k"], "v");
}

#[tokio::test]
async fn percent_signs_in_values_are_encoded_not_trusted() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/files/a%252Fb.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    client.get_file("a%2Fb").await.unwrap();
}

#[tokio::test]
async fn undocumented_statuses_keep_status_and_body() {
    let (server, client) = setup().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503).set_body_string("down")).mount(&server).await;
    match client.get_item(1, "q").await.unwrap_err().into_kind() {
        ErrorKind::UnexpectedStatus { status, body } => assert_eq!((status, body.as_slice()), (503, &b"down"[..])),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_documented_error_without_a_body_is_a_unit_variant() {
    let (server, client) = setup().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let err = client.get_item(1, "q").await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Api(GetItemError::NotFound)), "{err:?}");
    assert_eq!(err.to_string(), "GET /items/{id}: 404: No such item.");
}

#[tokio::test]
async fn read_only_fields_are_not_sent_and_optional_bodies_can_be_omitted() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .and(body_json(json!({"name": "new", "pin": "1234", "size-in-bytes": 3})))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    // The read-only `id` is not asked for: it is never sent.
    let item = Item::new("new", "1234").with_size_in_bytes(3);
    client.create_item().body(&item).await.unwrap();

    Mock::given(method("POST"))
        .and(path("/items"))
        .and(|r: &Request| r.body.is_empty())
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({"detail": [{"loc": ["body"], "msg": "required"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    match client.create_item().await.unwrap_err().into_kind() {
        ErrorKind::Api(CreateItemError::UnprocessableEntity(e)) => {
            assert_eq!(e.detail.unwrap()[0].msg.as_deref(), Some("required"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn recursive_schemas_decode_through_boxes_lists_and_maps() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/tree"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "root",
            "children": [{"name": "a", "children": [{"name": "a1"}]}],
            "first_child": {"name": "a", "first_child": {"name": "a1"}},
            "labels": {"x": {"name": "lx"}}
        })))
        .mount(&server)
        .await;
    let tree = client.get_tree().await.unwrap();
    assert_eq!(tree.children.as_ref().unwrap()[0].children.as_ref().unwrap()[0].name, "a1");
    assert_eq!(tree.first_child.as_ref().unwrap().first_child.as_ref().unwrap().name, "a1");
    assert_eq!(tree.labels.as_ref().unwrap()["x"].name, "lx");
}

#[tokio::test]
async fn text_bodies_go_and_come_back_as_text() {
    let (server, client) = setup().await;
    Mock::given(method("PUT"))
        .and(path("/notes/n1"))
        .and(header("content-type", "text/plain"))
        .and(|r: &Request| r.body == "héllo\nworld".as_bytes())
        .respond_with(ResponseTemplate::new(200).set_body_string("stored: héllo"))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/notes/bad"))
        .respond_with(ResponseTemplate::new(415).set_body_string("text only"))
        .mount(&server)
        .await;
    assert_eq!(client.put_note("n1", "héllo\nworld").await.unwrap(), "stored: héllo");
    match client.put_note("bad", "x").await.unwrap_err().into_kind() {
        ErrorKind::Api(fixture_params::errors::PutNoteError::UnsupportedMediaType(text)) => {
            assert_eq!(text, "text only")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn binary_bodies_are_bytes_both_ways() {
    let (server, client) = setup().await;
    let png = vec![0x89, b'P', b'N', b'G', 0, 0xff];
    let expected = png.clone();
    Mock::given(method("POST"))
        .and(path("/blobs"))
        .and(header("content-type", "application/octet-stream"))
        .and(move |r: &Request| r.body == expected)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/blobs"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"))
        .mount(&server)
        .await;
    client.upload_blob(&png).await.unwrap();
    assert_eq!(client.download_blob().await.unwrap(), png);
}

#[tokio::test]
async fn form_bodies_are_url_encoded_and_plus_json_responses_decode() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(|r: &Request| r.body == b"username=ann&password=p%26ss+word")
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"token":"t1"}"#, "application/problem+json"))
        .expect(1)
        .mount(&server)
        .await;
    let credentials = fixture_params::types::Credentials::new("ann", "p&ss word");
    assert_eq!(client.log_in(&credentials).await.unwrap().token.as_deref(), Some("t1"));
}

#[tokio::test]
async fn several_success_statuses_with_different_bodies_are_an_enum() {
    use fixture_params::responses::StartJobSuccess;
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "j1"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).and(path("/jobs")).respond_with(ResponseTemplate::new(202)).mount(&server).await;
    match client.start_job().await.unwrap() {
        StartJobSuccess::Created(job) => assert_eq!(job.id.as_deref(), Some("j1")),
        other => panic!("{other:?}"),
    }
    assert_eq!(client.start_job().await.unwrap(), StartJobSuccess::Accepted);
}

#[tokio::test]
async fn a_discriminator_picks_the_member_and_unknown_tags_are_kept() {
    use fixture_params::types::{Cat, Dog, Pet};
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"petType": "cat", "lives": 9},
            {"petType": "dog", "bark": true},
            {"petType": "parrot", "words": 12}
        ])))
        .mount(&server)
        .await;
    let pets = client.list_pets().await.unwrap();
    assert_eq!(pets[0], Pet::Cat(Cat::new("cat", 9)));
    assert_eq!(pets[1], Pet::Dog(Dog::new().with_bark(true)));
    assert_eq!(pets[2], Pet::Other(json!({"petType": "parrot", "words": 12})));

    // Sending: the tag is added when the member's type does not carry it.
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({"petType": "dog", "bark": false})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client.add_pet(&Pet::Dog(Dog::new().with_bark(false))).await.unwrap();
}

#[tokio::test]
async fn deep_object_delimited_and_form_object_query_parameters() {
    use fixture_params::types::{PageRequest, Range, SearchFilter};
    let (server, client) = setup().await;
    Mock::given(method("GET")).and(path("/search")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let filter = SearchFilter::new()
        .with_name("a b")
        .with_tags(vec!["x".into(), "y".into()])
        .with_range(Range::new().with_from(1));
    let page = PageRequest::new().with_offset(20).with_size(10);
    client.search().filter(&filter).ids(&[1, 2, 3]).words(&["p", "q"]).page(&page).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let pairs: Vec<(String, String)> =
        requests[0].url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let expected: Vec<(String, String)> = [
        ("filter[name]", "a b"),
        ("filter[range][from]", "1"),
        ("filter[tags][0]", "x"),
        ("filter[tags][1]", "y"),
        ("ids", "1,2,3"),
        ("words", "p|q"),
        ("offset", "20"),
        ("size", "10"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn documented_response_headers_are_returned_typed() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/items/7"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-rate-limit-remaining", "41")
                .insert_header("etag", "\"v3\"")
                .set_body_json(json!({"id": 7, "name": "n"})),
        )
        .mount(&server)
        .await;
    let (item, headers) = client.get_item(7, "q").send_with_headers().await.unwrap();
    assert_eq!(item.id, 7);
    assert_eq!(headers.x_rate_limit_remaining, Some(41));
    assert_eq!(headers.e_tag.as_deref(), Some("\"v3\""));
    // The plain method gives the body alone.
    assert_eq!(client.get_item(7, "q").await.unwrap().name, "n");
}

#[tokio::test]
async fn multipart_forms_are_sent_as_built() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/avatars"))
        .and(|r: &Request| {
            let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            let body = String::from_utf8_lossy(&r.body);
            content_type.starts_with("multipart/form-data; boundary=")
                && body.contains("name=\"caption\"\r\n\r\nme at the beach")
                && body.contains("name=\"file\"; filename=\"me.png\"")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let file = fixture_params::FilePart::new(vec![0x89, b'P']).file_name("me.png");
    let form = fixture_params::operations::UploadAvatarForm::new().with_file(file).with_caption("me at the beach");
    client.upload_avatar(form).await.unwrap();
}

#[tokio::test]
async fn a_multipart_body_without_parts_in_the_spec_is_a_form_the_caller_builds() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/attachments"))
        .and(|r: &Request| String::from_utf8_lossy(&r.body).contains("name=\"note\"\r\n\r\nhello"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client.attach(reqwest::multipart::Form::new().text("note", "hello")).await.unwrap();
}

#[tokio::test]
async fn request_bodies_and_responses_from_components() {
    use fixture_params::errors::AddPetError;
    use fixture_params::types::{Dog, Pet};
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(409).set_body_string("Rex exists"))
        .mount(&server)
        .await;
    match client.add_pet(&Pet::Dog(Dog::new())).await.unwrap_err().into_kind() {
        ErrorKind::Api(AddPetError::Conflict(text)) => assert_eq!(text, "Rex exists"),
        other => panic!("{other:?}"),
    }
}

/// The query pairs of a received request, decoded.
fn query_of(request: &Request) -> Vec<(String, String)> {
    request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

#[tokio::test]
async fn lists_objects_and_unions_in_every_location_follow_their_style() {
    use fixture_params::types::{CreatedRange, GetShapeCreated, Line, Point, Prefs, Where};
    let (server, client) = setup().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let point = Point::new(1, -2);
    let lines = [Line::new("p1").with_quantity(2), Line::new("p&2")];
    let fields = [vec!["a".to_owned(), "b".to_owned()], vec!["c".to_owned()]];
    let prefs = Prefs::new().with_theme("dark").with_size(3);
    let range = GetShapeCreated::CreatedRange(CreatedRange::new().with_gt(5));
    client
        .get_shape(&[1, 2, 3], &point, &["a b", "c/d"], 3)
        .created(&range)
        .lines(&lines)
        .fields(&fields)
        .x_origin(&point)
        .r#where(&Where::new().with_near("Zürich").with_within(5))
        .langs(&["en", "fr"])
        .prefs(&prefs)
        .await
        .unwrap();
    client.get_shape(&[4], &point, &[], 1).created(&GetShapeCreated::Integer(7)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    // simple list, label object (exploded), matrix list (exploded) and matrix scalar; each value
    // percent-encoded, so `c/d` stays inside its segment.
    assert_eq!(requests[0].url.path(), "/shapes/1,2,3/.x=1.y=-2/;tags=a%20b;tags=c%2Fd;version=3");
    let pairs = |list: &[(&str, &str)]| list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    assert_eq!(
        query_of(&requests[0]),
        pairs(&[
            ("created[gt]", "5"),
            ("lines[0][price]", "p1"),
            ("lines[0][quantity]", "2"),
            ("lines[1][price]", "p&2"),
            ("fields", "a,b"),
            ("fields", "c"),
            // Described by JSON `content`: the value as JSON text.
            ("where", r#"{"near":"Zürich","within":5}"#),
        ])
    );
    assert_eq!(requests[0].headers.get("x-origin").unwrap(), "x,1,y,-2");
    assert_eq!(requests[0].headers.get("cookie").unwrap(), "langs=en%2Cfr; size=3; theme=dark");

    // A union that holds a scalar is `name=value`; an empty exploded matrix list is nothing.
    assert_eq!(requests[1].url.path(), "/shapes/4/.x=1.y=-2/;version=1");
    assert_eq!(query_of(&requests[1]), pairs(&[("created", "7")]));
    assert!(requests[1].headers.get("cookie").is_none());
}

#[tokio::test]
async fn an_expanded_path_segment_cannot_be_empty_or_a_dot_segment() {
    let (server, client) = setup().await;
    let point = fixture_params::types::Point::new(0, 0);
    let err = client.get_shape(&[], &point, &[], 1).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest(m) if m.contains("path parameter \"ids\"")), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn types_that_contain_each_other_through_unions_decode() {
    use fixture_params::types::{Price, PriceProduct, Product, ProductDefaultPrice};
    let (server, client) = setup().await;
    let body = json!({"id": "p1", "product": {"id": "prod", "default_price": {"id": "p0", "product": "prod"}}});
    Mock::given(method("GET"))
        .and(path("/prices/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let price = client.get_price("p1").await.unwrap();
    let inner = Price::new("p0", PriceProduct::String("prod".into()));
    // A type only received has no setters: its fields are assigned after `new`.
    let mut product = Product::new("prod");
    product.default_price = Some(Some(Box::new(ProductDefaultPrice::Price(inner))));
    assert_eq!(price, Price::new("p1", PriceProduct::Product(product)));
}

#[tokio::test]
async fn operations_with_a_server_of_their_own_follow_a_base_url_the_caller_set() {
    let (server, client) = setup().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    // `/v{major}` (default 1) takes the place of the base URL's path.
    client.legacy_items().await.unwrap();
    // `https://uploads.example.com` is only for a client on the spec's default server: this one
    // was pointed at the mock, and so is the upload.
    client.upload_file(b"bytes").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/v1/legacy/items");
    assert_eq!(requests[1].url.path(), "/upload");
}

#[tokio::test]
async fn values_that_together_make_a_dot_segment_are_refused() {
    let (server, client) = setup().await;
    Mock::given(method("GET")).and(path("/archive/2024")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    client.get_archive("20", "24").await.unwrap();
    for (year, month) in [(".", "."), ("", ".."), (".", "")] {
        let err = client.get_archive(year, month).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidRequest(_)), "{err}");
    }
    // `%` is encoded, so a value cannot write `%2e` itself: that is an ordinary segment, sent.
    let _ = client.get_archive("%2e", "").await;
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/archive/2024", "/archive/%252e"]);
}

#[tokio::test]
async fn names_of_digits_and_signs_keep_their_wire_names() {
    use fixture_params::types::Reaction;
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/reactions"))
        .and(query_param("2", "2"))
        .and(query_param("1", "3"))
        .and(body_json(json!({"+1": 1, "-1": 0})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client.add_reaction(2, &Reaction::new(1).with_1_2(0))._1(3).await.unwrap();
}

/// `pageToken` is the cursor (`nextPageToken` in the response); `orderBy`, which the response also
/// names, is not, and is sent unchanged with every page. Optional, nullable items: a `null` page is
/// an empty one, and the stream goes on to the next.
#[tokio::test]
async fn the_stream_follows_the_page_token_through_null_pages() {
    use futures_util::TryStreamExt;
    let (server, client) = setup().await;
    let page = |things: serde_json::Value, next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({"things": things, "nextPageToken": next, "orderBy": "name"}))
    };
    Mock::given(path("/things"))
        .and(|r: &Request| !r.url.query_pairs().any(|(k, _)| k == "pageToken"))
        .respond_with(page(json!(["a", "b"]), Some("t2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("pageToken", "t2"))
        .respond_with(page(json!(null), Some("t3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("pageToken", "t3")).respond_with(page(json!(["c"]), None)).expect(1).mount(&server).await;

    let things: Vec<String> = client.list_things().order_by("size").stream().try_collect().await.unwrap();
    assert_eq!(things, ["a", "b", "c"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.url.query_pairs().any(|(k, v)| k == "orderBy" && v == "size")));
}
