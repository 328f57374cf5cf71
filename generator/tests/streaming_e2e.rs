//! End to end: bodies read and sent as they go, against local servers. A binary response read as
//! a `ByteStream` (a gibibyte in little memory), binary request bodies from a stream or a file
//! (sent once, never retried), and server-sent events read as typed `Event`s (in order, ending
//! with the response; a bad event is an item, an oversized one ends the stream).

use std::time::Duration;

use fixture_params::{Body, Client, ErrorKind, RetryPolicy};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_bytes, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// This process's resident memory now, in bytes (Linux).
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
}

/// Serves one `GET` with a body of `size` zero bytes, written piece by piece (never held whole).
async fn zeros(size: u64) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = [0u8; 4096];
        let _ = socket.read(&mut head).await.unwrap();
        let reply = format!("HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: {size}\r\n\r\n");
        socket.write_all(reply.as_bytes()).await.unwrap();
        let piece = vec![0u8; 256 * 1024];
        let mut left = size;
        while left > 0 {
            let n = left.min(piece.len() as u64) as usize;
            if socket.write_all(&piece[..n]).await.is_err() {
                return;
            }
            left -= n as u64;
        }
    });
    url
}

#[tokio::test]
async fn a_gibibyte_response_streams_in_little_memory() {
    const GIB: u64 = 1 << 30;
    let client = Client::builder().base_url(zeros(GIB).await).build().unwrap();
    let mut body = client.download_blob().byte_stream().await.unwrap();
    assert_eq!((body.status(), body.content_length()), (200, Some(GIB)));
    let (mut read, mut peak) = (0u64, rss());
    while let Some(piece) = body.next().await {
        read += piece.unwrap().len() as u64;
        if read % (16 << 20) < 256 * 1024 {
            peak = peak.max(rss());
        }
    }
    peak = peak.max(rss());
    assert_eq!(read, GIB);
    eprintln!("peak resident memory while streaming 1 GiB: {} MiB", peak >> 20);
    assert!(peak < 64 << 20, "resident memory reached {} MiB", peak >> 20);
    // Read whole, the same body is refused by the size limit before a byte is read.
    let client = Client::builder().base_url(zeros(GIB).await).build().unwrap();
    let err = client.download_blob().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ResponseTooLarge { status: 200, .. }), "{err:?}");
}

#[tokio::test]
async fn a_streamed_download_with_an_error_status_is_the_operations_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(404).set_body_string("gone")).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let err = client.download_blob().byte_stream().await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(matches!(err.kind(), ErrorKind::UnexpectedStatus { body, .. } if body == b"gone"), "{err:?}");
    assert_eq!(err.to_string(), "GET /blobs: unexpected status 404: gone");
}

#[tokio::test]
async fn an_operation_the_config_names_streams_its_json_body() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"a": "b"});
    Mock::given(method("GET"))
        .and(path("/files/x.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let mut stream = client.get_file("x").byte_stream().await.unwrap();
    let mut bytes = Vec::new();
    while let Some(piece) = stream.next().await {
        bytes.extend_from_slice(&piece.unwrap());
    }
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(), body);
}

#[tokio::test]
async fn uploads_take_bytes_a_stream_or_a_file() {
    let server = MockServer::start().await;
    let data: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    Mock::given(method("POST"))
        .and(path("/blobs"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(data.clone()))
        .respond_with(ResponseTemplate::new(204))
        .expect(5)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    // Borrowed, owned, from a stream of pieces, from a file.
    client.upload_blob(&data).await.unwrap();
    client.upload_blob(data.as_slice()).await.unwrap();
    client.upload_blob(data.clone()).await.unwrap();
    let pieces: Vec<Result<Vec<u8>, std::io::Error>> = data.chunks(7_000).map(|c| Ok(c.to_vec())).collect();
    client.upload_blob(Body::stream(futures_util::stream::iter(pieces))).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blob");
    std::fs::write(&file, &data).unwrap();
    client.upload_blob(tokio::fs::File::open(&file).await.unwrap()).await.unwrap();
}

#[tokio::test]
async fn a_streamed_upload_is_sent_once_bytes_are_sent_again() {
    // Nothing listens: each attempt fails to connect, which is retried for any method.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let policy = RetryPolicy::new().backoff(Duration::from_millis(1), Duration::from_millis(5));
    let client = Client::builder().base_url(url).retry(policy).build().unwrap();
    let err = client.upload_blob(b"abc").await.unwrap_err();
    assert_eq!(err.attempts(), 3, "{err}");
    let once = futures_util::stream::iter([Ok::<_, std::io::Error>(b"abc".to_vec())]);
    let err = client.upload_blob(Body::stream(once)).await.unwrap_err();
    assert_eq!(err.attempts(), 1, "{err}");
}

mod events {
    use super::*;
    use fixture_vectara::types::{QueryRequest, QueryStreamedResponse};

    fn client(server: &MockServer) -> fixture_vectara::Client {
        fixture_vectara::Client::builder().base_url(server.uri()).api_key("k").build().unwrap()
    }

    async fn serve(server: &MockServer, body: &str) {
        Mock::given(method("POST"))
            .and(path("/v2/query"))
            .and(header("accept", "text/event-stream"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/event-stream"))
            .mount(server)
            .await;
    }

    #[tokio::test]
    async fn server_sent_events_arrive_typed_and_in_order_then_end() {
        let server = MockServer::start().await;
        let body = concat!(
            ": a comment, not an event\n\n",
            "event: search\nid: 1\ndata: {\"type\":\"search_results\",\"search_results\":[{\"text\":\"a\",\"score\":0.5}]}\n\n",
            "retry: 3000\n\n",
            "data: {\"type\":\"generation_chunk\",\r\ndata: \"generation_chunk\":\"Hel\"}\r\n\r\n",
            "data: {\"type\":\"generation_chunk\",\"generation_chunk\":\"lo\"}\n\n",
            "data: {\"type\":\"end\"}\n\n",
        );
        serve(&server, body).await;
        let query = QueryRequest::new("q").with_stream_response(true);
        let mut events = client(&server).query_corpora(&query).event_stream().await.unwrap();
        assert_eq!(events.status(), 200);
        let mut seen = Vec::new();
        while let Some(event) = events.next().await {
            seen.push(event.unwrap());
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert_eq!((seen[0].event.as_deref(), seen[0].id.as_deref()), (Some("search"), Some("1")));
        match &seen[0].data {
            QueryStreamedResponse::StreamSearchResponse(s) => {
                assert_eq!(s.search_results.as_ref().unwrap()[0].text.as_deref(), Some("a"))
            }
            other => panic!("{other:?}"),
        }
        // Data lines joined by a newline, CRLF line ends read like LF.
        let chunks: Vec<&str> = seen[1..3]
            .iter()
            .map(|e| match &e.data {
                QueryStreamedResponse::StreamGenerationChunk(c) => c.generation_chunk.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(chunks, ["Hel", "lo"]);
        assert!(matches!(seen[3].data, QueryStreamedResponse::StreamResponseEnd(_)), "{:?}", seen[3]);
        // The whole answer is still `send`.
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn events_alone_are_what_send_gives_their_data_text_when_untyped() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v2/jobs/j1/events"))
            .and(header("accept", "text/event-stream"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                b"data: queued\n\ndata: running\ndata: 50%\n\ndata: done\n\n".to_vec(),
                "text/event-stream",
            ))
            .mount(&server)
            .await;
        let events = client(&server).watch_job("j1").await.unwrap();
        let data: Vec<String> = events.map(|e| e.unwrap().data).collect().await;
        assert_eq!(data, ["queued", "running\n50%", "done"]);
    }

    #[tokio::test]
    async fn an_event_that_does_not_decode_is_an_item_and_the_stream_goes_on() {
        let server = MockServer::start().await;
        serve(&server, "data: [DONE]\n\ndata: {\"type\":\"end\"}\n\n").await;
        let mut events = client(&server).query_corpora(&QueryRequest::new("q")).event_stream().await.unwrap();
        let err = events.next().await.unwrap().unwrap_err();
        assert!(
            matches!(err.kind(), fixture_vectara::ErrorKind::Decode { status: 200, body, .. } if body == b"[DONE]"),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("POST /v2/query: could not decode"), "{err}");
        assert!(matches!(events.next().await.unwrap().unwrap().data, QueryStreamedResponse::StreamResponseEnd(_)));
        assert!(events.next().await.is_none());
    }

    #[tokio::test]
    async fn an_event_larger_than_the_size_limit_ends_the_stream() {
        let server = MockServer::start().await;
        serve(&server, &format!("data: \"{}\"\n\n", "x".repeat(8 * 1024))).await;
        let client = fixture_vectara::Client::builder()
            .base_url(server.uri())
            .api_key("k")
            .max_response_size(1024)
            .build()
            .unwrap();
        let mut events = client.query_corpora(&QueryRequest::new("q")).event_stream().await.unwrap();
        let err = events.next().await.unwrap().unwrap_err();
        assert!(matches!(err.kind(), fixture_vectara::ErrorKind::ResponseTooLarge { limit: 1024, .. }), "{err:?}");
        assert!(events.next().await.is_none());
    }

    #[tokio::test]
    async fn an_error_status_is_the_operations_error() {
        let server = MockServer::start().await;
        let body = serde_json::json!({"messages": ["Forbidden."]});
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(403).set_body_json(body)).mount(&server).await;
        let err = client(&server).query_corpora(&QueryRequest::new("q")).event_stream().await.unwrap_err();
        assert!(matches!(err.api(), Some(fixture_vectara::errors::QueryCorporaError::Forbidden(_))), "{err:?}");
    }
}

/// The parts of a `multipart/form-data` body as the server reads them: name, file name,
/// content type and text, in order (multer, the parser axum uses).
async fn parts(request: &wiremock::Request) -> Vec<(String, Option<String>, Option<String>, String)> {
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = request.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes_of(body)) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut out = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.name().unwrap().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(|m| m.to_string());
        out.push((name, file_name, content_type, field.text().await.unwrap()));
    }
    out
}

fn bytes_of(body: Vec<u8>) -> multer::bytes::Bytes {
    multer::bytes::Bytes::from(body)
}

#[tokio::test]
async fn a_typed_multipart_body_arrives_with_every_part_named_typed_and_in_order() {
    use fixture_params::FilePart;
    use fixture_params::operations::CreateAlbumForm;
    use fixture_params::types::{AlbumLayout, AlbumMeta};

    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/albums")).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let on_disk = dir.path().join("beach.jpg");
    std::fs::write(&on_disk, "JPEG bytes").unwrap();
    let mut meta = AlbumMeta::new();
    meta.camera = Some("X100".into());
    let form = CreateAlbumForm::new("Summer", FilePart::new(b"PNG bytes".to_vec()).file_name("cover.png"))
        .with_year(2026)
        .with_public(true)
        .with_tags(vec!["sea".into(), "sun".into()])
        .with_photos(vec![
            FilePart::open(&on_disk).await.unwrap().content_type("image/jpeg"),
            FilePart::new(Body::stream(futures_util::stream::iter([Ok::<_, std::io::Error>(b"streamed".to_vec())]))),
        ])
        .with_meta(meta)
        .with_layout(AlbumLayout::Grid);
    client.create_album(form).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let got = parts(&requests[0]).await;
    let part = |name: &str, file: Option<&str>, mime: Option<&str>, text: &str| {
        (name.to_owned(), file.map(str::to_owned), mime.map(str::to_owned), text.to_owned())
    };
    assert_eq!(
        got,
        [
            part("title", None, None, "Summer"),
            part("year", None, None, "2026"),
            part("public", None, None, "true"),
            part("tags", None, None, "sea"),
            part("tags", None, None, "sun"),
            // The spec's `encoding` gives the cover's content type; the caller's wins for a photo.
            part("cover", Some("cover.png"), Some("image/png"), "PNG bytes"),
            part("photos", Some("beach.jpg"), Some("image/jpeg"), "JPEG bytes"),
            part("photos", None, None, "streamed"),
            part("meta", None, Some("application/vnd.album+json"), r#"{"camera":"X100"}"#),
            part("layout", None, None, "grid"),
        ]
    );
}

#[tokio::test]
async fn a_part_with_a_content_type_that_is_not_one_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let form = fixture_params::operations::CreateAlbumForm::new(
        "x",
        fixture_params::FilePart::new(Vec::new()).content_type("not a\ntype"),
    );
    let err = client.create_album(form).await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidRequest(why) if why.contains("\"cover\"")), "{err:?}");
    assert_eq!(err.attempts(), 0);
    assert!(server.received_requests().await.unwrap().is_empty());
}
