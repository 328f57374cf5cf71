//! Measures what a huge response costs the generated client: a local server streams `SIZE` bytes
//! (default 2 GiB) of whitespace to `list_api_keys` of the `netography-api` client, and the
//! process's peak resident memory (VmHWM) and the call's time are printed.
//!
//! ```text
//! cargo run -p apigen --example large_response -- [SIZE] [length|chunked|slow] [TIMEOUT_SECS] [LIMIT]
//! ```
//!
//! `chunked` sends no `Content-Length`, so the client cannot refuse the body before reading it;
//! `slow` is chunked too, one 64 KiB piece every 100 ms. `LIMIT` is the client's
//! `max_response_size` (default: the crate's default). The server runs on a thread of this process
//! writing one reused 64 KiB buffer: it adds no measurable memory.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn serve(listener: TcpListener, size: u64, chunked: bool, pause: Duration) {
    let Ok((mut stream, _)) = listener.accept() else { return };
    let mut request = [0u8; 4096];
    let _ = stream.read(&mut request);
    let head = if chunked {
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_owned()
    } else {
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {size}\r\n\r\n")
    };
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let buffer = vec![b' '; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(buffer.len() as u64) as usize;
        let sent = if chunked {
            stream
                .write_all(format!("{n:x}\r\n").as_bytes())
                .and_then(|()| stream.write_all(&buffer[..n]))
                .and_then(|()| stream.write_all(b"\r\n"))
        } else {
            stream.write_all(&buffer[..n])
        };
        if sent.is_err() {
            return;
        }
        std::thread::sleep(pause);
        left -= n as u64;
    }
    if chunked {
        let _ = stream.write_all(b"0\r\n\r\n");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let size: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2 << 30);
    let mode = args.get(2).map_or("length", String::as_str);
    let chunked = mode != "length";
    let pause = if mode == "slow" { Duration::from_millis(100) } else { Duration::ZERO };
    let timeout: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let limit: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(netography_api::DEFAULT_MAX_RESPONSE_SIZE);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let url = format!("http://{}", listener.local_addr().expect("a local address"));
    std::thread::spawn(move || serve(listener, size, chunked, pause));

    let client = netography_api::Client::builder()
        .base_url(url)
        .bearer_token("token")
        .timeout(Duration::from_secs(timeout))
        .max_response_size(limit)
        .build()
        .expect("a client");
    let before = peak_rss_kib();
    let start = Instant::now();
    let result = client.list_api_keys().await;
    let elapsed = start.elapsed();
    let message = match &result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    };
    let message: String = message.chars().take(300).collect();
    println!("size {size} B, {mode}, timeout {timeout} s, limit {limit} B");
    println!("peak RSS before the call {} MiB, after {} MiB", before / 1024, peak_rss_kib() / 1024);
    println!("the call took {:.1} s: {message}", elapsed.as_secs_f64());
}
