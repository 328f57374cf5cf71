//! End to end: how the generated client sends requests, against local servers. Its retries
//! (`RetryPolicy`): which requests are sent again (idempotent methods, an `Idempotency-Key`,
//! connection failures), how long the client waits (`Retry-After` in seconds and as a date, a
//! backoff otherwise), and what ends the retries (none left, a `Retry-After` past the cap or past
//! the call's deadline). Its hooks (`Hook`): before each attempt and after it. Its spans (the
//! `tracing` feature): one per attempt, with nothing secret in it. Its middleware chain (the
//! `middleware` feature): once per attempt, able to answer in place of the server.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use fixture_params::types::Reaction;
use fixture_params::{Attempt, Client, Hook, RetryPolicy};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A quick backoff, so that the tests measure `Retry-After` and not the default backoff.
fn quick() -> RetryPolicy {
    RetryPolicy::new().backoff(Duration::from_millis(10), Duration::from_millis(50))
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder().base_url(server.uri()).retry(policy).build().unwrap()
}

/// Answers `status` (with `Retry-After: retry_after` when given) to the first `times` requests of
/// `verb`, at a higher priority than the mocks mounted after it.
async fn fail(server: &MockServer, verb: &str, status: u16, retry_after: Option<&str>, times: u64, priority: u8) {
    let mut reply = ResponseTemplate::new(status);
    if let Some(after) = retry_after {
        reply = reply.insert_header("retry-after", after);
    }
    Mock::given(method(verb)).respond_with(reply).up_to_n_times(times).with_priority(priority).mount(server).await;
}

async fn item_ok(server: &MockServer) {
    let body = serde_json::json!({"id": 7, "name": "n"});
    Mock::given(method("GET"))
        .and(path("/items/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(10)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_get_that_fails_twice_with_503_succeeds_on_the_third_try() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, Some("1"), 1, 1).await;
    fail(&server, "GET", 503, None, 1, 2).await;
    item_ok(&server).await;
    let started = Instant::now();
    let item = client(&server, quick()).get_item(7, "q").await.unwrap();
    assert_eq!((item.id, item.name.as_str()), (7, "n"));
    assert_eq!(requests(&server).await, 3);
    let took = started.elapsed();
    assert!(took >= Duration::from_secs(1), "Retry-After: 1 was not waited for: {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[tokio::test]
async fn a_retry_after_date_is_waited_for() {
    let server = MockServer::start().await;
    let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    fail(&server, "GET", 429, Some(&at), 1, 1).await;
    item_ok(&server).await;
    let started = Instant::now();
    client(&server, quick()).get_item(7, "q").await.unwrap();
    // The date has whole seconds: between one and two seconds from now.
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_post_without_an_idempotency_key_is_not_retried() {
    let server = MockServer::start().await;
    fail(&server, "POST", 503, None, 5, 1).await;
    let err = client(&server, quick()).create_item().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried() {
    let server = MockServer::start().await;
    fail(&server, "POST", 502, None, 1, 1).await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "k-1"))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(10)
        .mount(&server)
        .await;
    let reaction = Reaction::new(1);
    client(&server, quick()).add_reaction(2, &reaction).idempotency_key("k-1").await.unwrap();
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retries_off_is_one_attempt() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, None, 5, 1).await;
    item_ok(&server).await;
    let err = client(&server, RetryPolicy::none()).get_item(7, "q").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable(), "a 503 may pass later");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn errors_name_the_call_its_attempts_and_the_request_id() {
    let server = MockServer::start().await;
    let reply = ResponseTemplate::new(503).set_body_string("down").insert_header("x-request-id", "req-42");
    Mock::given(method("GET")).respond_with(reply).mount(&server).await;
    let err = client(&server, quick()).get_item(7, "q").await.unwrap_err();
    assert_eq!((err.operation(), err.method(), err.path()), ("getItem", "GET", "/items/{id}"));
    assert_eq!((err.attempts(), err.request_id()), (3, Some("req-42")));
    // The path is the template: the call's identifiers stay out of messages.
    assert_eq!(err.to_string(), "GET /items/{id}: unexpected status 503: down (3 attempts, request id req-42)");
    assert!(format!("{err:?}").contains("request_id: Some(\"req-42\")"), "{err:?}");

    // One attempt is not counted in the message; another request-id header is read; an id is
    // cut to 128 characters.
    let server = MockServer::start().await;
    let long = "a".repeat(300);
    let reply = ResponseTemplate::new(404).insert_header("x-amzn-requestid", long.as_str());
    Mock::given(method("GET")).respond_with(reply).mount(&server).await;
    let err = client(&server, quick()).get_item(7, "q").await.unwrap_err();
    assert_eq!(err.request_id(), Some(&long[..128]));
    assert_eq!(err.to_string(), format!("GET /items/{{id}}: 404: No such item. (request id {})", &long[..128]));
    assert!(matches!(err.into_api(), Ok(fixture_params::errors::GetItemError::NotFound)));

    // Refused before sending: no attempt; `into_api` gives the error back.
    let err = client(&server, quick()).get_item(7, "q").x_request_id("a\nb").await.unwrap_err();
    assert_eq!(err.attempts(), 0);
    let err = err.into_api().unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().starts_with("GET /items/{id}: invalid request: "), "{err}");
}

#[tokio::test]
async fn errors_say_whether_a_later_try_may_succeed() {
    let server = MockServer::start().await;
    let detail = serde_json::json!({"detail": [{"loc": ["body"], "msg": "required"}]});
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(422).set_body_json(detail)).mount(&server).await;
    let err = client(&server, quick()).create_item().await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::Api(_)), "{err:?}");
    assert!(!err.is_retryable(), "a documented 422 stays one");
    assert_eq!(requests(&server).await, 1);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;
    let err = client(&server, quick()).get_item(7, "q").await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::Decode { .. }), "{err:?}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn retries_stop_when_none_is_left() {
    let server = MockServer::start().await;
    fail(&server, "GET", 500, None, 10, 1).await;
    let err = client(&server, quick().max_retries(3)).get_item(7, "q").await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await, 4);
}

#[tokio::test]
async fn a_retry_after_past_the_cap_or_the_deadline_ends_the_retries() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, Some("120"), 5, 1).await;
    item_ok(&server).await;
    let started = Instant::now();
    let err = client(&server, quick()).get_item(7, "q").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 1, "60 s is the cap");
    assert!(started.elapsed() < Duration::from_secs(2));

    // Within the cap, but the call's deadline (the client's timeout) comes first.
    let server = MockServer::start().await;
    fail(&server, "GET", 503, Some("3"), 5, 1).await;
    item_ok(&server).await;
    let client =
        Client::builder().base_url(server.uri()).retry(quick()).timeout(Duration::from_secs(2)).build().unwrap();
    let err = client.get_item(7, "q").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 1);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_refused_connection_is_retried() {
    // A port nothing listens on, until a server starts there after the first attempt.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let policy = RetryPolicy::new().backoff(Duration::from_millis(400), Duration::from_millis(400));
    let client = Client::builder().base_url(format!("http://127.0.0.1:{port}")).retry(policy).build().unwrap();
    let later = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        let server = MockServer::builder().listener(listener).start().await;
        item_ok(&server).await;
        server
    });
    let item = client.get_item(7, "q").await.unwrap();
    assert_eq!(item.id, 7);
    let server = later.await.unwrap();
    assert_eq!(requests(&server).await, 1, "the first attempt never connected");

    // Refused every time: an error once the retries are spent, after backing off between them.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let policy = RetryPolicy::new().backoff(Duration::from_millis(100), Duration::from_millis(100));
    let client = Client::builder().base_url(format!("http://127.0.0.1:{port}")).retry(policy).build().unwrap();
    let started = Instant::now();
    let err = client.get_item(7, "q").await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::Transport(e) if e.is_connect()), "{err:?}");
    assert!(err.is_retryable());
    assert!(started.elapsed() >= Duration::from_millis(100), "two waits of 50-100 ms: {:?}", started.elapsed());
}

/// Adds a header to every attempt.
struct Tenant(&'static str);

impl Hook for Tenant {
    fn before(&self, request: &mut reqwest::Request) {
        request.headers_mut().insert("x-tenant", reqwest::header::HeaderValue::from_static(self.0));
    }
}

/// An attempt's number, method, path and status (0: no response).
type Seen = (u32, String, String, u16);

/// Records each attempt.
#[derive(Clone, Default)]
struct Record(Arc<Mutex<Vec<Seen>>>);

impl Hook for Record {
    fn after(&self, attempt: &Attempt<'_>) {
        let status = attempt.outcome.map(|r| r.status().as_u16()).unwrap_or(0);
        let seen = (attempt.number, attempt.method.to_string(), attempt.url.path().to_owned(), status);
        self.0.lock().unwrap().push(seen);
    }
}

#[tokio::test]
async fn hooks_see_every_attempt_before_and_after() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, None, 1, 1).await;
    let body = serde_json::json!({"id": 7, "name": "n"});
    Mock::given(method("GET"))
        .and(header("x-tenant", "t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(10)
        .mount(&server)
        .await;
    let record = Record::default();
    let client = Client::builder()
        .base_url(server.uri())
        .retry(quick())
        .hook(Tenant("t1"))
        .hook(record.clone())
        .build()
        .unwrap();
    assert!(format!("{client:?}").contains("hooks: 2"), "{client:?}");
    let item = client.get_item(7, "q").await.unwrap();
    assert_eq!(item.id, 7, "the header the hook added reached the server");
    let seen = record.0.lock().unwrap().clone();
    assert_eq!(
        seen,
        [(1, "GET".into(), "/items/7".into(), 503), (2, "GET".into(), "/items/7".into(), 200)],
        "one call per attempt, the retry too"
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.headers.get_all("x-tenant").iter().count() == 1), "added once per attempt");
}

#[tokio::test]
async fn hooks_see_urls_without_query_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let urls = Arc::new(Mutex::new(Vec::new()));
    struct Urls(Arc<Mutex<Vec<String>>>);
    impl fixture_auth::Hook for Urls {
        fn after(&self, attempt: &fixture_auth::Attempt<'_>) {
            self.0.lock().unwrap().push(attempt.url.to_string());
        }
    }
    let client = fixture_auth::Client::builder()
        .base_url(server.uri())
        .key_header("h-s3cr3t")
        .key_query("q-s3cr3t")
        .hook(Urls(urls.clone()))
        .build()
        .unwrap();
    client.uses_both().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("api_key=q-s3cr3t"), "the key is sent");
    let seen = urls.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].ends_with("?api_key=REDACTED"), "{seen:?}");
}

/// Every span's name and fields, as text, in the order the spans were made.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<std::collections::BTreeMap<String, String>>>>);

struct Fields<'a>(&'a mut std::collections::BTreeMap<String, String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl tracing::Subscriber for Spans {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = std::collections::BTreeMap::from([("span".to_owned(), span.metadata().name().to_owned())]);
        span.record(&mut Fields(&mut fields));
        let mut spans = self.0.lock().unwrap();
        spans.push(fields);
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index]));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn each_attempt_is_a_span_with_the_path_template_and_no_secret() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, None, 1, 1).await;
    item_ok(&server).await;
    let spans = Spans::default();
    let _default = tracing::subscriber::set_default(spans.clone());
    client(&server, quick()).get_item(7, "s3cr3t-query").x_request_id("s3cr3t-header").await.unwrap();
    let requests: Vec<_> = spans.0.lock().unwrap().iter().filter(|s| s["span"] == "request").cloned().collect();
    assert_eq!(requests.len(), 2, "one span per attempt: {requests:?}");
    for (n, (span, status)) in requests.iter().zip(["503", "200"]).enumerate() {
        let keys: Vec<&str> = span.keys().map(String::as_str).collect();
        assert_eq!(keys, ["attempt", "duration_ms", "method", "operation", "path", "span", "status"], "{span:?}");
        assert_eq!(span["operation"], "\"getItem\"");
        assert_eq!(span["method"], "GET");
        assert_eq!(span["path"], "\"/items/{id}\"", "the template, not the filled-in path");
        assert_eq!(span["attempt"], (n + 1).to_string());
        assert_eq!(span["status"], status);
        assert!(span.values().all(|v| !v.contains("s3cr3t")), "{span:?}");
    }
}

#[tokio::test]
async fn per_call_options_apply_to_the_calls_made_with_them_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items/7"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    let client = client(&server, quick());
    // Another timeout: the slow answer is a timeout for this call only.
    let err = client.with_timeout(Duration::from_millis(100)).get_item(7, "q").await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::Transport(e) if e.is_timeout()), "{err:?}");
    assert_eq!(requests(&server).await, 1);
    // Another retry policy: none for this call, two retries for the client's own.
    let err = client.with_retry(RetryPolicy::none()).get_item(7, "q").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 2);
    client.get_item(7, "q").await.unwrap_err();
    assert_eq!(requests(&server).await, 5);
    // An extra header, on every attempt of this call and on no other call.
    let traced = client.with_retry(RetryPolicy::none()).with_header(
        reqwest::header::HeaderName::from_static("x-trace-id"),
        reqwest::header::HeaderValue::from_static("t-1"),
    );
    assert!(format!("{traced:?}").contains("\"x-trace-id\""), "{traced:?}");
    assert!(!format!("{traced:?}").contains("t-1"), "values are not shown: {traced:?}");
    traced.get_item(7, "q").await.unwrap_err();
    client.with_retry(RetryPolicy::none()).get_item(7, "q").await.unwrap_err();
    let requests = server.received_requests().await.unwrap();
    let traced: Vec<bool> = requests.iter().map(|r| r.headers.get("x-trace-id").is_some()).collect();
    assert_eq!(traced, [false, false, false, false, false, true, false]);
}

/// With the `middleware` feature: a reqwest-middleware chain that adds a header after an await,
/// as a middleware that fetches a token would.
struct Signer;

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Signer {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        tokio::task::yield_now().await;
        request.headers_mut().insert("x-signature", reqwest::header::HeaderValue::from_static("s1"));
        next.run(request, extensions).await
    }
}

/// A mock transport: answers every request itself, counting them; nothing reaches a server.
#[derive(Clone, Default)]
struct Canned(Arc<Mutex<Vec<String>>>);

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Canned {
    async fn handle(
        &self,
        request: reqwest::Request,
        _: &mut http::Extensions,
        _: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.0.lock().unwrap().push(format!("{} {}", request.method(), request.url().path()));
        let answer = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"id": 7, "name": "canned"}"#)
            .unwrap();
        Ok(answer.into())
    }
}

/// Fails on its own, without sending.
struct Refuse;

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Refuse {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut http::Extensions,
        _: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(std::io::Error::other("no token")))
    }
}

fn chain(middleware: impl reqwest_middleware::Middleware) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(middleware).build()
}

#[tokio::test]
async fn a_middleware_chain_sees_every_attempt_and_its_header_reaches_the_server() {
    let server = MockServer::start().await;
    fail(&server, "GET", 503, None, 1, 1).await;
    let body = serde_json::json!({"id": 7, "name": "n"});
    Mock::given(method("GET"))
        .and(header("x-signature", "s1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(10)
        .mount(&server)
        .await;
    let record = Record::default();
    let client =
        Client::builder().base_url(server.uri()).retry(quick()).middleware(chain(Signer)).hook(record.clone()).build();
    let item = client.unwrap().get_item(7, "q").await.unwrap();
    assert_eq!(item.id, 7, "the header the middleware added reached the server");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "the retry went through the chain too");
    assert!(requests.iter().all(|r| r.headers.get("x-signature").is_some()));
    let statuses: Vec<u16> = record.0.lock().unwrap().iter().map(|seen| seen.3).collect();
    assert_eq!(statuses, [503, 200], "hooks still see each attempt");
}

#[tokio::test]
async fn a_middleware_can_answer_in_place_of_the_server() {
    let canned = Canned::default();
    // Nothing listens there: only the middleware answers.
    let client = Client::builder().base_url("http://127.0.0.1:9").middleware(chain(canned.clone())).build().unwrap();
    let item = client.get_item(7, "q").await.unwrap();
    assert_eq!((item.id, item.name.as_str()), (7, "canned"));
    assert_eq!(*canned.0.lock().unwrap(), ["GET /items/7"]);
}

#[tokio::test]
async fn a_middlewares_own_error_ends_the_call_untried_again() {
    let server = MockServer::start().await;
    item_ok(&server).await;
    let client = Client::builder().base_url(server.uri()).retry(quick()).middleware(chain(Refuse)).build().unwrap();
    let err = client.get_item(7, "q").await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::Middleware(e) if e.to_string() == "no token"), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 1);
    assert!(err.to_string().contains("middleware failed: no token"), "{err}");
    assert_eq!(requests(&server).await, 0);
}
