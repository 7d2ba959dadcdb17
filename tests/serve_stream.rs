//! Streamed responses of `nano-boa serve` end to end: an app that returns
//! `new Response(readableStream)` has its body sent chunked, each chunk as
//! the app enqueues it; a client that goes away cancels the stream; a
//! stream that errors (or yields a chunk that is not a Uint8Array) aborts
//! the response without a chunked terminator and is logged with the app's
//! name; the server keeps serving.
//!
//! Nothing here waits on the clock to prove streaming: with `--threads 1`
//! every request runs on one thread in one instance of the app, so a
//! second request can release the next chunk of a stream the first request
//! is still receiving (module state is shared), and the test reads chunk 1
//! off the socket before it sends that second request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

mod support;

use support::server::{Server, fixture_text, serve_fixture, temp_dir, write};

/// fixtures/serve/stream/streamer.js, one path per behaviour: `/release`
/// lets a waiting stream go on; `/state` reports what the streams'
/// `cancel` saw. Its nano.json asks for one instance: the tests read the
/// app's module state (`/state`) over other connections, and module state
/// is per instance (a second one starts while the first is busy
/// streaming).
fn streaming_server() -> Server {
    let config = serve_fixture("stream/nano.json");
    Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
        ],
        &[],
    )
}

/// A connection with `request` sent (keep-alive unless the caller says).
fn send(server: &Server, request: &str) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(&server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    writer.write_all(request.as_bytes()).expect("send");
    BufReader::new(stream)
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: s.test\r\n\r\n")
}

/// The status and headers (lowercase names) of one response.
fn read_head(reader: &mut BufReader<TcpStream>) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    reader.read_line(&mut line).expect("status line");
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a status line: {line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).expect("header");
        if header == "\r\n" || header.is_empty() {
            break;
        }
        let (name, value) = header.trim_end().split_once(':').expect("name: value");
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    (status, headers)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// One chunk of a chunked body: its data (empty for the last chunk, whose
/// trailing CRLF is read too).
fn read_chunk(reader: &mut BufReader<TcpStream>) -> Vec<u8> {
    let mut size = String::new();
    reader.read_line(&mut size).expect("chunk size");
    let size = usize::from_str_radix(size.trim(), 16)
        .unwrap_or_else(|_| panic!("not a chunk size: {size:?}"));
    let mut data = vec![0; size + 2];
    reader.read_exact(&mut data).expect("chunk data");
    assert_eq!(&data[size..], b"\r\n", "a chunk ends with CRLF");
    data.truncate(size);
    data
}

/// Everything until the server closes the connection.
fn read_to_close(reader: &mut BufReader<TcpStream>) -> Vec<u8> {
    let mut rest = Vec::new();
    // A reset after the close is an end too.
    let _ = reader.read_to_end(&mut rest);
    rest
}

/// Polls `/state` (one request each time) until it says `want` (5 s at
/// most); returns the last answer.
fn wait_for_state(server: &Server, want: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let state = server.get("s.test", "/state").body;
        if state == want || Instant::now() > deadline {
            return state;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The log record whose first line contains `needle`: that line and the
/// lines that continue it (a JavaScript stack in the message puts the
/// record's fields on its last line); records start with a timestamp.
fn log_record(log: &str, needle: &str) -> String {
    let mut lines = log.lines().skip_while(|l| !l.contains(needle));
    let mut record = lines.next().unwrap_or_default().to_string();
    for line in lines.take_while(|l| !l.starts_with(|c: char| c.is_ascii_digit())) {
        record.push('\n');
        record.push_str(line);
    }
    record
}

fn still_serving(server: &Server) {
    let plain = server.get("s.test", "/plain");
    assert_eq!((plain.status, plain.body.as_str()), (200, "plain"));
}

#[test]
fn a_streamed_response_arrives_chunk_by_chunk() {
    let server = streaming_server();
    let mut events = send(&server, &get("/events"));
    let (status, headers) = read_head(&mut events);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("text/event-stream"));
    assert_eq!(header(&headers, "transfer-encoding"), Some("chunked"));
    assert_eq!(header(&headers, "content-length"), None);
    // Event 1 is on the wire while event 2 does not exist yet: the app
    // writes it only when the next request releases it.
    assert_eq!(read_chunk(&mut events), b"data: 1\n\n");
    let release = server.get("s.test", "/release");
    assert_eq!(
        (release.status, release.body.as_str()),
        (200, "released"),
        "the app answers other requests while its stream is open"
    );
    assert_eq!(read_chunk(&mut events), b"data: 2\n\n");
    assert_eq!(read_chunk(&mut events), b"", "the terminating chunk");

    // The connection is kept alive after a complete streamed response.
    events
        .get_mut()
        .write_all(get("/finite").as_bytes())
        .expect("second request");
    let (status, _) = read_head(&mut events);
    assert_eq!(status, 200);
    let mut body = Vec::new();
    loop {
        let chunk = read_chunk(&mut events);
        if chunk.is_empty() {
            break;
        }
        body.extend_from_slice(&chunk);
    }
    assert_eq!(body, b"one,two");
}

#[test]
fn a_client_that_goes_away_cancels_the_stream() {
    let server = streaming_server();
    assert_eq!(server.get("s.test", "/state").body, "none");
    let mut ticks = send(&server, &get("/endless"));
    let (status, _) = read_head(&mut ticks);
    assert_eq!(status, 200);
    assert_eq!(read_chunk(&mut ticks), b"tick 0\n");
    drop(ticks);
    let state = wait_for_state(&server, "cancelled: an Error");
    assert_eq!(
        state, "cancelled: an Error",
        "the stream's cancel ran with an error as its reason"
    );
    still_serving(&server);
}

#[test]
fn a_client_that_leaves_an_idle_stream_cancels_it() {
    // The stream enqueues nothing after its first chunk: only the
    // connection's end can tell the server to cancel it.
    let server = streaming_server();
    let mut idle = send(&server, &get("/idle"));
    let (status, _) = read_head(&mut idle);
    assert_eq!(status, 200);
    assert_eq!(read_chunk(&mut idle), b"waiting\n");
    assert_eq!(server.get("s.test", "/state").body, "none", "still open");
    drop(idle);
    assert_eq!(
        wait_for_state(&server, "cancelled: an Error"),
        "cancelled: an Error",
        "the idle stream is cancelled when its client goes"
    );
    still_serving(&server);
}

#[test]
fn a_client_that_does_not_read_holds_the_stream_back() {
    let server = streaming_server();
    let mut flood = send(&server, &get("/flood"));
    // Let the server run until it stops pulling (the socket's buffers and
    // the server's are full), then see how far it got.
    let mut last = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let state = server.get("s.test", "/state").body;
        if state == last || Instant::now() > deadline {
            break;
        }
        last = state;
    }
    let pulled: usize = last
        .strip_prefix("pulled ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a pull count: {last:?}"));
    assert!(
        pulled < 500,
        "the app made {pulled} of 2000 chunks for a client that reads nothing: \
         the body is buffered instead of held back"
    );
    // Then the client reads it all, and every byte arrives.
    let (status, _) = read_head(&mut flood);
    assert_eq!(status, 200);
    let mut total = 0;
    loop {
        let chunk = read_chunk(&mut flood);
        if chunk.is_empty() {
            break;
        }
        total += chunk.len();
    }
    assert_eq!(total, 2000 * 65536);
    assert_eq!(server.get("s.test", "/state").body, "pulled 2000");
}

/// The body after the head of a response that the server aborted: it must
/// not end with the chunked terminator (the client can tell the body is
/// truncated), and the server closes the connection.
fn assert_truncated(rest: &[u8]) {
    let text = String::from_utf8_lossy(rest);
    assert!(
        !text.ends_with("0\r\n\r\n"),
        "an aborted body must not look complete: {text:?}"
    );
}

#[test]
fn a_stream_that_errors_aborts_the_response_and_is_logged() {
    let server = streaming_server();
    let mut reader = send(&server, &get("/error-later"));
    let (status, headers) = read_head(&mut reader);
    assert_eq!(status, 200, "the head went out before the error");
    assert_eq!(header(&headers, "transfer-encoding"), Some("chunked"));
    assert_eq!(read_chunk(&mut reader), b"part 1");
    assert_eq!(server.get("s.test", "/release").body, "released");
    assert_truncated(&read_to_close(&mut reader));
    assert!(
        server.log_contains("kaboom in the stream"),
        "the stream's error is logged: {}",
        server.log()
    );
    let record = log_record(&server.log(), "kaboom in the stream");
    assert!(
        record.contains("app=\"streamer\""),
        "the log record names the app: {record}"
    );
    still_serving(&server);

    // A stream errored before its first chunk: whatever was sent, the body
    // does not end as a complete one.
    let mut reader = send(&server, &get("/error-at-once"));
    let rest = read_to_close(&mut reader);
    assert_truncated(&rest);
    assert!(
        server.log_contains("broken from the start"),
        "{}",
        server.log()
    );
    still_serving(&server);
}

#[test]
fn a_chunk_that_is_not_bytes_aborts_the_response_and_is_logged() {
    let server = streaming_server();
    let mut reader = send(&server, &get("/bad-chunk"));
    let (status, _) = read_head(&mut reader);
    assert_eq!(status, 200);
    assert_eq!(read_chunk(&mut reader), b"good");
    assert_eq!(server.get("s.test", "/release").body, "released");
    assert_truncated(&read_to_close(&mut reader));
    assert!(
        server.log_contains("not a Uint8Array"),
        "the bad chunk is logged: {}",
        server.log()
    );
    let record = log_record(&server.log(), "not a Uint8Array");
    assert!(
        record.contains("app=\"streamer\""),
        "the log record names the app: {record}"
    );
    still_serving(&server);
}

#[test]
fn head_of_a_streamed_response_sends_no_body() {
    let server = streaming_server();
    // HEAD, then GET on the same connection: the GET's status line must
    // come right after the HEAD's head (no body bytes in between).
    let mut conn = send(
        &server,
        "HEAD /finite HTTP/1.1\r\nHost: s.test\r\n\r\nGET /plain HTTP/1.1\r\nHost: s.test\r\n\r\n",
    );
    let (status, headers) = read_head(&mut conn);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("text/plain"));
    let (status, headers) = read_head(&mut conn);
    assert_eq!(status, 200, "the next response follows the HEAD's head");
    let length: usize = header(&headers, "content-length")
        .and_then(|v| v.parse().ok())
        .expect("content-length");
    let mut body = vec![0; length];
    conn.read_exact(&mut body).expect("body");
    assert_eq!(body, b"plain");
    still_serving(&server);

    // The body of a HEAD is never sent: an endless stream behind it must
    // be cancelled rather than run on.
    let mut conn = send(&server, "HEAD /endless HTTP/1.1\r\nHost: s.test\r\n\r\n");
    let (status, _) = read_head(&mut conn);
    assert_eq!(status, 200);
    assert_eq!(
        wait_for_state(&server, "cancelled: an Error"),
        "cancelled: an Error",
        "the stream behind a HEAD is cancelled"
    );
}

#[test]
fn the_sse_example_streams_events_and_stops_when_the_client_goes() {
    let app = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/apps/sse");
    let server = Server::start(&["--app", app, "--threads", "1"], &[]);
    let mut events = send(&server, &get("/"));
    let (status, headers) = read_head(&mut events);
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/event-stream; charset=utf-8")
    );
    assert_eq!(read_chunk(&mut events), b": counting\n\n");
    let first = String::from_utf8(read_chunk(&mut events)).expect("UTF-8");
    assert!(
        first.starts_with("event: tick\nid: 1\ndata: {\"count\":1,") && first.ends_with("}\n\n"),
        "{first:?}"
    );
    drop(events);
    assert!(
        server.log_contains("client gone after"),
        "cancel stopped the counter: {}",
        server.log()
    );
}

#[test]
fn a_request_body_stream_passes_back_as_the_response() {
    let server = streaming_server();
    // Every byte value, 300 KB: binary and bigger than one read.
    let body: Vec<u8> = (0..300_000u32).map(|i| (i % 256) as u8).collect();
    let mut conn = TcpStream::connect(&server.addr).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!(
        "POST /echo-body HTTP/1.1\r\nHost: s.test\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).expect("head");
    conn.write_all(&body).expect("body");
    let mut reader = BufReader::new(conn);
    let (status, headers) = read_head(&mut reader);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "x-same-stream"), Some("true"));
    // The untouched stream of the request's bytes keeps its length, so the
    // answer has a Content-Length (as deno and workerd send it).
    assert_eq!(
        header(&headers, "content-length"),
        Some(body.len().to_string().as_str())
    );
    let mut echoed = vec![0; body.len()];
    reader.read_exact(&mut echoed).expect("body");
    assert!(echoed == body, "the body comes back byte for byte");
}

#[test]
fn a_proxied_fetch_body_streams_through_the_server() {
    // An upstream that sends one chunk, then the second only when the test
    // says so: the first must reach the client through the app meanwhile.
    let upstream = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = upstream.local_addr().expect("addr").port();
    let (go, wait) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let Ok((stream, _)) = upstream.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
            line.clear();
        }
        let mut out = stream;
        let _ = out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst \r\n",
        );
        let _ = out.flush();
        if wait.recv().is_ok() {
            let _ = out.write_all(b"6\r\nsecond\r\n0\r\n\r\n");
        }
    });
    let dir = temp_dir("proxy");
    // The upstream's port is known only now: the test fills it in.
    let proxy = fixture_text("stream/proxy.js").replace("$PORT", &port.to_string());
    let app = write(&dir, "proxy.js", &proxy);
    let server = Server::start(
        &["--app", app.to_str().expect("utf-8"), "--allow-private-net"],
        &[],
    );
    let mut conn = send(&server, &get("/"));
    let (status, headers) = read_head(&mut conn);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("text/plain"));
    assert_eq!(header(&headers, "transfer-encoding"), Some("chunked"));
    assert_eq!(read_chunk(&mut conn), b"first ", "the first chunk, alone");
    go.send(()).expect("release the upstream");
    let mut rest = Vec::new();
    loop {
        let chunk = read_chunk(&mut conn);
        if chunk.is_empty() {
            break;
        }
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(rest, b"second");
}

#[test]
fn a_client_that_leaves_a_proxied_body_closes_the_upstream_connection() {
    // The upstream sends one chunk and then waits for more to be asked:
    // when the client goes, the app's fetch body is cancelled, which must
    // drop the upstream connection (the upstream reads EOF).
    let upstream = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = upstream.local_addr().expect("addr").port();
    let (closed_tx, closed) = std::sync::mpsc::channel::<bool>();
    std::thread::spawn(move || {
        let Ok((stream, _)) = upstream.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
            line.clear();
        }
        let mut out = stream;
        let _ =
            out.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
        let _ = out.flush();
        let _ = reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(10)));
        let mut byte = [0u8; 1];
        // EOF (or a reset) means the server dropped the connection; a
        // timeout means it kept it open.
        let eof = match reader.read(&mut byte) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        };
        let _ = closed_tx.send(eof);
    });
    let dir = temp_dir("proxy-leave");
    // The upstream's port is known only now: the test fills it in.
    let proxy = fixture_text("stream/proxy.js").replace("$PORT", &port.to_string());
    let app = write(&dir, "proxy.js", &proxy);
    let server = Server::start(
        &["--app", app.to_str().expect("utf-8"), "--allow-private-net"],
        &[],
    );
    let mut conn = send(&server, &get("/"));
    let (status, _) = read_head(&mut conn);
    assert_eq!(status, 200);
    assert_eq!(read_chunk(&mut conn), b"first");
    drop(conn);
    let eof = closed
        .recv_timeout(Duration::from_secs(15))
        .expect("the upstream thread reports");
    assert!(
        eof,
        "the upstream connection was closed after the client left"
    );
}

#[test]
fn a_stream_whose_work_is_stopped_by_a_limit_ends_its_response() {
    // fixtures/serve/stream/runaway-streams.js: streams whose `pull` runs
    // away after the first chunk, synchronously (stopped by the
    // loop-iteration backstop, the context kept) or after an await
    // (stopped by timeout_ms, the context discarded).
    let app = serve_fixture("stream/runaway-streams.js");
    let server = Server::start(
        &[
            "--app",
            app.to_str().expect("utf-8"),
            "--threads",
            "1",
            "--timeout-ms",
            "300",
        ],
        &[],
    );
    for path in ["/spin", "/spin-after-await"] {
        let mut conn = send(&server, &get(path));
        // The connection must close (the read times out after 10 s if the
        // server leaves the response hanging).
        let mut rest = Vec::new();
        let ended = conn.read_to_end(&mut rest);
        assert!(
            ended.is_ok()
                || ended
                    .as_ref()
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
            "{path}: the response was left open: {ended:?} after {:?}",
            String::from_utf8_lossy(&rest)
        );
        assert_truncated(&rest);
        still_serving(&server);
    }
}
