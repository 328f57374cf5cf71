//! End to end: what a hostile or broken server can do to a generated client at run time. Bodies
//! over the size limit, bodies dribbled past the timeout and undecodable bodies kept in errors,
//! against a small hand-written server (a mock server cannot dribble a body); and credentials
//! that `Debug` and `Display` of the client, its builder and errors must never show.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// What the server answers to every request.
#[derive(Clone)]
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// Without `Content-Length`: chunked transfer encoding.
    declare_length: bool,
    /// The body is written in pieces of this size...
    piece: usize,
    /// ...with this pause after each.
    pause: Duration,
    /// A pause before the head.
    head_pause: Duration,
    /// Close the connection as soon as the request is read, answering nothing.
    hang_up: bool,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            declare_length: true,
            piece: 64 * 1024,
            pause: Duration::ZERO,
            head_pause: Duration::ZERO,
            hang_up: false,
        }
    }

    fn chunked(mut self) -> Self {
        self.declare_length = false;
        self
    }

    fn dribbled(mut self, piece: usize, pause: Duration) -> Self {
        self.piece = piece;
        self.pause = pause;
        self
    }
}

/// Starts a server answering every connection with `reply`; its base URL.
fn serve(reply: Reply) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let reply = reply.clone();
            thread::spawn(move || answer(stream, &reply));
        }
    });
    url
}

/// Reads one request (its head and its body) and writes `reply`; write errors mean the client
/// hung up, which is what a limit does.
fn answer(stream: TcpStream, reply: &Reply) {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let mut stream = reader.into_inner();
    if reply.hang_up {
        return;
    }
    thread::sleep(reply.head_pause);
    let framing = if reply.declare_length {
        format!("content-length: {}", reply.body.len())
    } else {
        "transfer-encoding: chunked".to_owned()
    };
    let head = format!("HTTP/1.1 {} X\r\ncontent-type: {}\r\n{framing}\r\n\r\n", reply.status, reply.content_type);
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    for piece in reply.body.chunks(reply.piece.max(1)) {
        let sent = if reply.declare_length {
            stream.write_all(piece)
        } else {
            stream
                .write_all(format!("{:x}\r\n", piece.len()).as_bytes())
                .and_then(|()| stream.write_all(piece))
                .and_then(|()| stream.write_all(b"\r\n"))
        };
        if sent.is_err() || stream.flush().is_err() {
            return;
        }
        thread::sleep(reply.pause);
    }
    if !reply.declare_length {
        let _ = stream.write_all(b"0\r\n\r\n");
    }
}

fn netography(url: &str) -> netography_api::ClientBuilder {
    netography_api::Client::builder().base_url(url).bearer_token("token")
}

fn params(url: &str) -> fixture_params::ClientBuilder {
    fixture_params::Client::builder().base_url(url)
}

/// Invalid JSON of `size` bytes.
fn junk(size: usize) -> Vec<u8> {
    let mut body = b"<html>".to_vec();
    body.resize(size, b'x');
    body
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_the_body_is_read() {
    // 10 KiB at 1 KiB per second: reading it would take 10 s.
    let url = serve(Reply::new(200, "application/json", junk(10 * 1024)).dribbled(1024, Duration::from_secs(1)));
    let client = netography(&url).max_response_size(1024).build().unwrap();
    let start = Instant::now();
    let err = client.list_api_keys().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    assert!(matches!(err.kind(), netography_api::ErrorKind::ResponseTooLarge { status: 200, limit: 1024 }), "{err:?}");
    assert_eq!(err.status(), Some(200));
    let message = err.to_string();
    assert!(message.contains("1024 bytes") && message.contains("max_response_size"), "{message}");
}

#[tokio::test]
async fn a_body_without_a_length_is_cut_off_at_the_limit() {
    let url = serve(Reply::new(200, "application/json", junk(10 * 1024)).chunked().dribbled(512, Duration::ZERO));
    let client = netography(&url).max_response_size(1024).build().unwrap();
    let err = client.list_api_keys().await.unwrap_err();
    assert!(matches!(err.kind(), netography_api::ErrorKind::ResponseTooLarge { status: 200, limit: 1024 }), "{err:?}");

    // Every way a body is read: bytes, text (success and documented error), an undocumented status.
    let client = params(&url).max_response_size(1024).build().unwrap();
    let err = client.download_blob().await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::ResponseTooLarge { .. }), "{err:?}");
    let url = serve(Reply::new(409, "text/plain", junk(10 * 1024)).chunked());
    let client = params(&url).max_response_size(1024).build().unwrap();
    let pet = fixture_params::types::Pet::Other(serde_json::json!({}));
    let err = client.add_pet(&pet).await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::ResponseTooLarge { status: 409, .. }), "{err:?}");
    let err = client.put_note("n", "text").await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::ResponseTooLarge { status: 409, .. }), "{err:?}");
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let body = vec![b'x'; 1024];
    let url = serve(Reply::new(200, "application/octet-stream", body.clone()).chunked().dribbled(100, Duration::ZERO));
    let client = params(&url).max_response_size(1024).build().unwrap();
    assert!(client.download_blob().await.is_ok_and(|b| b == body));
}

#[tokio::test]
async fn the_default_limit_is_16_mib() {
    let url = serve(Reply::new(200, "application/octet-stream", vec![0; (16 << 20) + 1]).chunked());
    let client = params(&url).build().unwrap();
    let Err(err) = client.download_blob().await else { panic!("read a body over the default limit") };
    assert!(err.to_string().contains("16777216 bytes"), "{err}");
    assert_eq!(fixture_params::DEFAULT_MAX_RESPONSE_SIZE, 16 << 20);
}

#[tokio::test]
async fn a_dribbled_body_is_bounded_by_the_timeout_even_with_a_caller_supplied_http_client() {
    // 100 bytes, one every 50 ms: 5 s in all.
    let body = br#"{"data": [], "pad": ""#.iter().copied().chain([b' '; 78]).collect::<Vec<u8>>();
    let url = serve(Reply::new(200, "application/json", body).dribbled(1, Duration::from_millis(50)));
    for http in [None, Some(reqwest::Client::new())] {
        let mut builder = netography(&url).timeout(Duration::from_millis(500));
        if let Some(http) = http {
            builder = builder.http_client(http);
        }
        let client = builder.build().unwrap();
        let start = Instant::now();
        let err = client.list_api_keys().await.unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(2), "took {:?}", start.elapsed());
        match err.kind() {
            netography_api::ErrorKind::Transport(e) => assert!(e.is_timeout(), "{e:?}"),
            other => panic!("expected a timeout, got {other:?}"),
        }
        assert!(err.to_string().contains("timed out"), "{err}");
    }
}

#[tokio::test]
async fn errors_keep_only_a_prefix_of_an_undecodable_body() {
    const PREFIX: usize = 8 * 1024;
    // A documented status whose body does not decode.
    let url = serve(Reply::new(200, "application/json", junk(100 * 1024)));
    let err = netography(&url).build().unwrap().list_api_keys().await.unwrap_err();
    assert!(matches!(err.kind(), netography_api::ErrorKind::Decode { status: 200, .. }), "{err:?}");
    assert!(err.raw_body() == Some(&junk(PREFIX)[..]), "{err}");
    assert!(format!("{err:?}").len() < 2 * 1024, "{err:?}");
    // A documented error status whose body does not decode.
    let url = serve(Reply::new(400, "application/json", junk(100 * 1024)));
    let err = netography(&url).build().unwrap().list_api_keys().await.unwrap_err();
    assert!(matches!(err.kind(), netography_api::ErrorKind::Decode { status: 400, .. }), "{err:?}");
    assert_eq!(err.raw_body().map(<[u8]>::len), Some(PREFIX));
    // An undocumented status.
    let url = serve(Reply::new(500, "text/html", junk(100 * 1024)));
    let err = params(&url).build().unwrap().download_blob().await.unwrap_err();
    assert!(matches!(err.kind(), fixture_params::ErrorKind::UnexpectedStatus { status: 500, .. }), "{err:?}");
    assert_eq!(err.raw_body().map(<[u8]>::len), Some(PREFIX));
    assert!(format!("{err:?}").len() < 2 * 1024, "{err:?}");
    assert!(err.to_string().len() < 1024, "{err}");
    // A documented error status with a text body: the text is cut at a character boundary.
    let mut text = "é".repeat(50 * 1024).into_bytes();
    text.insert(0, b'a');
    let url = serve(Reply::new(409, "text/plain", text));
    let pet = fixture_params::types::Pet::Other(serde_json::json!({}));
    match params(&url).build().unwrap().add_pet(&pet).await.unwrap_err().into_kind() {
        fixture_params::ErrorKind::Api(fixture_params::errors::AddPetError::Conflict(text)) => {
            assert_eq!(text.len(), PREFIX - 1);
            assert!(text.starts_with("aé"));
        }
        other => panic!("{other:?}"),
    }
    // A success body is never cut.
    let url = serve(Reply::new(200, "text/plain", "é".repeat(50 * 1024)));
    assert_eq!(params(&url).build().unwrap().put_note("n", "t").await.map(|t| t.len()).ok(), Some(100 * 1024));
}

/// Everything a client of the `auth` fixture can show, with every credential set and the base
/// URL carrying a user name and password.
fn assert_hidden(text: &str) {
    for secret in ["alice-user", "hunter2-pass", "query-key-1", "header-key-2", "bearer-tok-3", "basic-pw-4"] {
        assert!(!text.contains(secret), "{secret} shown in:\n{text}");
    }
}

fn auth_builder(url: &str) -> fixture_auth::ClientBuilder {
    let url = url.replace("http://", "http://alice-user:hunter2-pass@");
    fixture_auth::Client::builder()
        .base_url(url)
        .key_query("query-key-1")
        .key_header("header-key-2")
        .bearer_token("bearer-tok-3")
        .basic_auth("basic-user", Some("basic-pw-4".into()))
}

#[tokio::test]
async fn credentials_never_show_in_debug_or_display() {
    let mut hang_up = Reply::new(204, "text/plain", "");
    hang_up.hang_up = true;
    let url = serve(hang_up);
    let builder = auth_builder(&url);
    assert_hidden(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert_hidden(&shown);
    assert!(shown.contains("REDACTED@127.0.0.1"), "{shown}");
    // A transport error names the URL: the query key sent `in: query` and the userinfo are hidden.
    let err = client.uses_both().await.unwrap_err();
    let shown = format!("{err}\n{err:?}");
    assert_hidden(&shown);
    assert!(shown.contains("api_key=REDACTED"), "{shown}");

    // The same after a timeout.
    let mut slow = Reply::new(204, "text/plain", "");
    slow.head_pause = Duration::from_secs(5);
    let url = serve(slow);
    let client = auth_builder(&url).timeout(Duration::from_millis(200)).build().unwrap();
    let err = client.uses_both().await.unwrap_err();
    assert_hidden(&format!("{err}\n{err:?}"));

    // A base URL that is refused is not echoed with its password.
    for bad in
        ["http://alice-user:hunter2-pass@host:99999/", "alice-user:hunter2-pass@host", "http://h/?k=hunter2-pass"]
    {
        let err = fixture_auth::Client::builder().base_url(bad).build().unwrap_err();
        assert_hidden(&format!("{err}\n{err:?}"));
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_does_not_carry_the_api_key_header() {
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};
    let elsewhere = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&elsewhere).await;
    let server = MockServer::start().await;
    let to = format!("{}/default", elsewhere.uri());
    Mock::given(any())
        .respond_with(ResponseTemplate::new(302).insert_header("location", to.as_str()))
        .mount(&server)
        .await;
    let client = fixture_auth::Client::builder().base_url(server.uri()).key_header("header-key-2").build().unwrap();
    let err = client.uses_default().await.unwrap_err();
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        chain = format!("{chain}: {cause}");
        source = cause.source();
    }
    assert!(chain.contains("another origin"), "{chain}");
    let leaked = elsewhere.received_requests().await.unwrap_or_default();
    assert!(leaked.iter().all(|r| !r.headers.contains_key("x-api-key")), "{leaked:?}");

    // Within the origin, redirects are followed.
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/default"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/moved"))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/moved")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = fixture_auth::Client::builder().base_url(server.uri()).key_header("header-key-2").build().unwrap();
    client.uses_default().await.unwrap();
}
