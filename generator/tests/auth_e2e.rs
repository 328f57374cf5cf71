//! End to end: the `auth` fixture client (API keys in a header and the query, HTTP basic, bearer,
//! a custom HTTP scheme, alternatives, optional and no security) against a local mock server.

use fixture_auth::Client;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

/// The `authorization` and `x-api-key` headers and the query of the one request received.
async fn sent(server: &MockServer) -> (Option<String>, Option<String>, Option<String>) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let header = |name: &str| requests[0].headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    (header("authorization"), header("x-api-key"), requests[0].url.query().map(str::to_owned))
}

#[tokio::test]
async fn the_default_scheme_sends_the_header_key() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).key_header("hk").key_query("qk").build().unwrap();
    client.uses_default().await.unwrap();
    assert_eq!(sent(&server).await, (None, Some("hk".into()), None));
}

#[tokio::test]
async fn keys_required_together_are_both_sent() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).key_header("hk").key_query("q k&").build().unwrap();
    client.uses_both().await.unwrap();
    assert_eq!(sent(&server).await, (None, Some("hk".into()), Some("api_key=q+k%26".into())));
}

#[tokio::test]
async fn the_first_configured_alternative_is_used() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).basic_auth("ann", Some("pw".into())).build().unwrap();
    client.uses_either().await.unwrap();
    // base64("ann:pw")
    assert_eq!(sent(&server).await.0.as_deref(), Some("Basic YW5uOnB3"));

    let server = self::server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("tok")
        .basic_auth("ann", Some("pw".into()))
        .build()
        .unwrap();
    client.uses_either().await.unwrap();
    assert_eq!(sent(&server).await.0.as_deref(), Some("Bearer tok"));
}

#[tokio::test]
async fn a_custom_http_scheme_sends_its_name_before_the_token() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).token("ghp_abc").build().unwrap();
    client.uses_classic().await.unwrap();
    assert_eq!(sent(&server).await.0.as_deref(), Some("token ghp_abc"));
    assert!(!format!("{client:?}").contains("ghp_abc"));
}

#[tokio::test]
async fn public_and_optional_operations() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).key_header("hk").bearer_token("tok").build().unwrap();
    client.uses_none().await.unwrap();
    assert_eq!(sent(&server).await, (None, None, None), "`security: []` sends nothing");

    let server = self::server().await;
    let client = Client::builder().base_url(server.uri()).key_header("hk").build().unwrap();
    client.uses_optional().await.unwrap();
    assert_eq!(sent(&server).await.1.as_deref(), Some("hk"), "a configured key is sent where it is optional");

    let server = self::server().await;
    Client::builder().base_url(server.uri()).build().unwrap().uses_optional().await.unwrap();
    assert_eq!(sent(&server).await, (None, None, None));
}

#[tokio::test]
async fn without_credentials_the_request_still_goes_out() {
    let server = server().await;
    Client::builder().base_url(server.uri()).build().unwrap().uses_default().await.unwrap();
    assert_eq!(sent(&server).await, (None, None, None));
}

#[test]
fn debug_shows_no_credential() {
    let builder = Client::builder()
        .key_header("hk-secret")
        .key_query("qk-secret")
        .bearer_token("tok-secret")
        .basic_auth("user-secret", Some("pw-secret".into()));
    let shown = format!("{builder:?}");
    let client = builder.build().unwrap();
    let shown = format!("{shown} {client:?}");
    for secret in ["hk-secret", "qk-secret", "tok-secret", "user-secret", "pw-secret"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("<redacted>"), "{shown}");
}

#[test]
fn header_keys_that_cannot_be_headers_are_refused() {
    let err = Client::builder().key_header("a\nb").build().unwrap_err();
    assert!(err.to_string().contains("`KeyHeader`"), "{err}");
}

/// Starts a proxy that records the first line of each request (`CONNECT host:443 ...` for https,
/// `GET http://host/path ...` for http) and answers 502: where a client sends a request, whatever
/// its host. Returns a client that goes through it, and the receiver of the lines.
fn recording_proxy() -> (reqwest::Client, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_ok() && tx.send(line.trim_end().to_owned()).is_err() {
                return;
            }
            // `connection: close`: the client must not keep the connection for the next call,
            // which would race the proxy closing it and fail without reaching the proxy.
            let _ = reader
                .get_mut()
                .write_all(b"HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let http = reqwest::Client::builder().proxy(reqwest::Proxy::all(proxy).unwrap()).build().unwrap();
    (http, rx)
}

/// Where `uses_own_server` (an operation with a server of its own) and `uses_none` (the spec's
/// server) go with the client `builder` makes. The proxy refuses every tunnel, a connection
/// failure the client would retry: retries are off, so each call is one line.
async fn destinations(builder: fixture_auth::ClientBuilder) -> [String; 2] {
    let (http, rx) = recording_proxy();
    let client = builder.http_client(http).retry(fixture_auth::RetryPolicy::none()).build().unwrap();
    let _ = client.uses_own_server().await;
    let own = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
    let _ = client.uses_none().await;
    let spec = rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
    [own, spec]
}

#[tokio::test]
async fn server_variables_and_base_url_send_every_operation_to_the_chosen_server() {
    // The spec's default: an operation with a server of its own goes there.
    let [own, spec] = destinations(Client::builder()).await;
    assert!(own.starts_with("CONNECT uploads.auth.example.com:443 "), "{own}");
    assert!(spec.starts_with("CONNECT auth.example.com:443 "), "{spec}");
    // Server variables at their defaults leave the spec's default as it is.
    let [own, _] = destinations(Client::builder().server_variable("host", "auth.example.com")).await;
    assert!(own.starts_with("CONNECT uploads.auth.example.com:443 "), "{own}");
    // Server variables that choose another server: everything goes there, as with `base_url`.
    let [own, spec] = destinations(Client::builder().server_variable("host", "eu.auth.example.com")).await;
    assert!(own.starts_with("CONNECT eu.auth.example.com:443 "), "{own}");
    assert!(spec.starts_with("CONNECT eu.auth.example.com:443 "), "{spec}");
    let [own, _] = destinations(Client::builder().server_variable("version", "v2")).await;
    assert!(own.starts_with("CONNECT auth.example.com:443 "), "{own}");
    let [own, spec] = destinations(Client::builder().base_url("http://staging.test/api")).await;
    assert!(own.starts_with("GET http://staging.test/api/upload "), "{own}");
    assert!(spec.starts_with("GET http://staging.test/api/public "), "{spec}");
}
