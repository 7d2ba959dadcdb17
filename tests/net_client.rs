//! The network layer against real servers on 127.0.0.1 ephemeral ports.
//!
//! Servers are tiny std::net loops in threads: they can misbehave on
//! purpose (reset mid-body, garbage status line, never answer).

mod support;

use std::io::Write;
use std::net::TcpListener;
use std::sync::atomic::Ordering;
use std::time::Duration;

use support::{make_certs, respond, serve, serve_tls};

use bytes::Bytes;
use nano_boa::net::{Body, HostPattern, HttpClient, NetConfig, NetError, NetPolicy, NetRequest};
use url::Url;

fn client(config: NetConfig) -> HttpClient {
    HttpClient::new(config).expect("client")
}

fn url(s: &str) -> Url {
    Url::parse(s).expect("url")
}

fn get(client: &HttpClient, u: &str) -> Result<(u16, String, Bytes), NetError> {
    smol::block_on(async {
        let mut res = client.send(NetRequest::get(url(u))).await?;
        let body = res.read_all(u64::MAX).await?;
        Ok((res.status.as_u16(), res.status_text.clone(), body))
    })
}

#[test]
fn get_with_content_length() {
    let (port, _) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: yes\r\n\r\n",
            b"hello",
        )
    });
    let c = client(NetConfig::default());
    smol::block_on(async {
        let mut res = c
            .send(NetRequest::get(url(&format!(
                "http://127.0.0.1:{port}/a?b=1#frag"
            ))))
            .await
            .expect("send");
        assert_eq!(res.status.as_u16(), 200);
        assert_eq!(res.status_text, "OK");
        assert_eq!(
            res.headers.get("x-test").map(|v| v.as_bytes()),
            Some(&b"yes"[..])
        );
        assert_eq!(
            res.url.as_str(),
            format!("http://127.0.0.1:{port}/a?b=1#frag")
        );
        assert_eq!(&res.read_all(1000).await.expect("body")[..], b"hello");
    });
}

#[test]
fn chunked_body_and_custom_reason() {
    let (port, _) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 201 Made It\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        )
    });
    let (status, text, body) = get(
        &client(NetConfig::default()),
        &format!("http://127.0.0.1:{port}/"),
    )
    .expect("get");
    assert_eq!(
        (status, text.as_str(), &body[..]),
        (201, "Made It", &b"hello world"[..])
    );
}

#[test]
fn keep_alive_reuses_one_connection() {
    let (port, conns) = serve(|req, s| {
        let body = req.head.lines().next().unwrap_or("").to_string();
        respond(
            s,
            &format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()),
            body.as_bytes(),
        )
    });
    let c = client(NetConfig::default());
    for i in 0..3 {
        let (_, _, body) = get(&c, &format!("http://127.0.0.1:{port}/r{i}")).expect("get");
        assert_eq!(&body[..], format!("GET /r{i} HTTP/1.1").as_bytes());
    }
    assert_eq!(conns.load(Ordering::SeqCst), 1);
    assert_eq!(c.idle_connections(), 1);
}

#[test]
fn stale_pooled_connection_is_replaced() {
    // The server closes after every response without saying so.
    let (port, conns) = serve(|_, s| {
        respond(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", b"ok");
        false
    });
    let c = client(NetConfig::default());
    for _ in 0..3 {
        let (_, _, body) = get(&c, &format!("http://127.0.0.1:{port}/")).expect("get");
        assert_eq!(&body[..], b"ok");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(conns.load(Ordering::SeqCst), 3);
}

#[test]
fn gzip_and_brotli_are_decoded() {
    let text = b"compressible text, compressible text, compressible text".repeat(20);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&text).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
        w.write_all(&text).expect("br");
    }
    let (port, _) = serve(move |req, s| {
        let (coding, body) = if req.head.starts_with("GET /gz") {
            ("gzip", &gz)
        } else {
            ("br", &br)
        };
        assert!(
            req.head
                .to_ascii_lowercase()
                .contains("accept-encoding: gzip, deflate, br")
        );
        respond(
            s,
            &format!(
                "HTTP/1.1 200 OK\r\nContent-Encoding: {coding}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            ),
            body,
        )
    });
    let c = client(NetConfig::default());
    for path in ["gz", "br"] {
        let (_, _, body) = get(&c, &format!("http://127.0.0.1:{port}/{path}")).expect("get");
        assert_eq!(&body[..], &text[..], "{path}");
    }
}

#[test]
fn post_sends_body_with_content_length() {
    let (port, _) = serve(|req, s| {
        let echo = format!("{}|{}", req.head, String::from_utf8_lossy(&req.body));
        respond(
            s,
            &format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", echo.len()),
            echo.as_bytes(),
        )
    });
    let c = client(NetConfig::default());
    let echo = smol::block_on(async {
        let mut req = NetRequest::get(url(&format!("http://127.0.0.1:{port}/submit")));
        req.method = http::Method::POST;
        req.headers
            .insert("content-type", http::HeaderValue::from_static("text/plain"));
        req.body = Body::Bytes(Bytes::from_static(b"name=value&x=1"));
        let mut res = c.send(req).await.expect("send");
        res.read_all(10_000).await.expect("body")
    });
    let echo = String::from_utf8_lossy(&echo).to_ascii_lowercase();
    assert!(echo.starts_with("post /submit http/1.1\r\n"), "{echo}");
    assert!(echo.contains("content-length: 14\r\n"), "{echo}");
    assert!(
        echo.contains(&format!("host: 127.0.0.1:{port}\r\n")),
        "{echo}"
    );
    assert!(echo.ends_with("|name=value&x=1"), "{echo}");
}

#[test]
fn https_with_extra_root_and_untrusted() {
    let (ca_pem, leaf, key) = make_certs();
    let (port, conns) = serve_tls(leaf, key);
    let dir = std::env::temp_dir().join(format!("nano-boa-net-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &ca_pem).expect("write");

    let trusted = client(NetConfig {
        extra_ca_pem: vec![ca_file],
        ..NetConfig::default()
    });
    for host in ["localhost", "127.0.0.1"] {
        let (status, _, body) = get(&trusted, &format!("https://{host}:{port}/")).expect("https");
        assert_eq!((status, &body[..]), (200, &b"secure"[..]));
    }
    // Keep-alive over TLS: two more requests to 127.0.0.1 reuse its connection.
    for _ in 0..2 {
        let (status, _, _) = get(&trusted, &format!("https://127.0.0.1:{port}/")).expect("https");
        assert_eq!(status, 200);
    }
    assert_eq!(conns.load(Ordering::SeqCst), 2, "one connection per origin");

    let untrusted = client(NetConfig::default());
    match get(&untrusted, &format!("https://localhost:{port}/")) {
        Err(e @ NetError::Tls { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("localhost"), "{msg}");
            assert!(msg.contains("certificate"), "{msg}");
        }
        other => panic!("expected a TLS error, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_ca_file_is_reported() {
    let err = HttpClient::new(NetConfig {
        extra_ca_pem: vec!["/nonexistent/ca.pem".into()],
        ..NetConfig::default()
    })
    .err()
    .expect("error");
    assert!(err.contains("/nonexistent/ca.pem"), "{err}");
}

#[test]
fn connection_refused() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    match get(
        &client(NetConfig::default()),
        &format!("http://127.0.0.1:{port}/"),
    ) {
        Err(e @ NetError::Connect { .. }) => assert!(e.to_string().contains("127.0.0.1"), "{e}"),
        other => panic!("expected Connect, got {other:?}"),
    }
}

#[test]
fn dns_failure() {
    match get(&client(NetConfig::default()), "http://nonexistent.invalid/") {
        Err(e @ NetError::Dns { .. }) => {
            assert!(e.to_string().contains("nonexistent.invalid"), "{e}")
        }
        other => panic!("expected Dns, got {other:?}"),
    }
}

#[test]
fn unsupported_scheme() {
    assert!(matches!(
        get(&client(NetConfig::default()), "ftp://example.com/"),
        Err(NetError::UnsupportedScheme { .. })
    ));
}

#[test]
fn reset_mid_body() {
    let (port, _) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
            b"only ten..",
        );
        let _ = s.shutdown(std::net::Shutdown::Both);
        false
    });
    match get(
        &client(NetConfig::default()),
        &format!("http://127.0.0.1:{port}/"),
    ) {
        Err(e @ NetError::Reset { .. }) => assert!(e.to_string().contains("127.0.0.1"), "{e}"),
        other => panic!("expected Reset, got {other:?}"),
    }
}

#[test]
fn malformed_status_line() {
    let (port, _) = serve(|_, s| respond(s, "HTTP/1.1 abc nonsense\r\n\r\n", b""));
    match get(
        &client(NetConfig::default()),
        &format!("http://127.0.0.1:{port}/"),
    ) {
        Err(NetError::Protocol { .. }) => {}
        other => panic!("expected Protocol, got {other:?}"),
    }
}

#[test]
fn body_over_limit() {
    let (port, _) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
            &[b'x'; 100],
        )
    });
    let c = client(NetConfig {
        max_body_size: 10,
        ..NetConfig::default()
    });
    match get(&c, &format!("http://127.0.0.1:{port}/")) {
        Err(e @ NetError::BodyTooLarge { limit: 10, .. }) => {
            assert!(e.to_string().contains("10 bytes"), "{e}")
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    // read_all's own limit.
    let c = client(NetConfig::default());
    let err = smol::block_on(async {
        let mut res = c
            .send(NetRequest::get(url(&format!("http://127.0.0.1:{port}/"))))
            .await
            .expect("send");
        res.read_all(50).await.expect_err("over")
    });
    assert!(
        matches!(err, NetError::BodyTooLarge { limit: 50, .. }),
        "{err:?}"
    );
}

#[test]
fn slow_server_times_out() {
    let (port, _) = serve(|_, _| {
        std::thread::sleep(Duration::from_secs(3));
        false
    });
    let c = client(NetConfig {
        timeout: Some(Duration::from_millis(300)),
        ..NetConfig::default()
    });
    let started = std::time::Instant::now();
    match get(&c, &format!("http://127.0.0.1:{port}/")) {
        Err(e @ NetError::Timeout { .. }) => assert!(e.to_string().contains("300 ms"), "{e}"),
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn policy_denies_private_and_allow_list_opens() {
    let (port, conns) =
        serve(|_, s| respond(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", b"ok"));
    let denying = client(NetConfig {
        policy: NetPolicy::deny_private(),
        ..NetConfig::default()
    });
    for host in ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"] {
        match get(&denying, &format!("http://{host}:{port}/")) {
            Err(e @ NetError::Denied { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("is not allowed: loopback address"), "{msg}");
            }
            other => panic!("{host}: expected Denied, got {other:?}"),
        }
    }
    assert_eq!(conns.load(Ordering::SeqCst), 0, "no connection may be made");
    let pattern = HostPattern::parse(&format!("127.0.0.1:{port}")).expect("pattern");
    let allowing = client(NetConfig {
        policy: NetPolicy::deny_private().with_allowed(pattern),
        ..NetConfig::default()
    });
    let (_, _, body) = get(&allowing, &format!("http://127.0.0.1:{port}/")).expect("allowed");
    assert_eq!(&body[..], b"ok");
}

#[test]
fn location_is_resolved_against_the_url() {
    let (port, _) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 302 Found\r\nLocation: /next?x=1\r\nContent-Length: 0\r\n\r\n",
            b"",
        )
    });
    let c = client(NetConfig::default());
    smol::block_on(async {
        let res = c
            .send(NetRequest::get(url(&format!(
                "http://127.0.0.1:{port}/start"
            ))))
            .await
            .expect("send");
        assert_eq!(res.status.as_u16(), 302);
        let loc = res.location().expect("location").expect("valid");
        assert_eq!(loc.as_str(), format!("http://127.0.0.1:{port}/next?x=1"));
    });
}

#[test]
fn body_is_streamed_chunk_by_chunk() {
    // The server sends the second chunk only once the client has seen the
    // first: a client that buffered the whole body would deadlock here.
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let rx = std::sync::Mutex::new(rx);
    let (port, _) = serve(move |_, s| {
        respond(
            s,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"5\r\nfirst\r\n",
        );
        let _ = rx.lock().map(|rx| rx.recv_timeout(Duration::from_secs(5)));
        respond(s, "", b"6\r\nsecond\r\n0\r\n\r\n")
    });
    let c = client(NetConfig::default());
    // `send` futures borrow nothing: they can be spawned as 'static tasks.
    fn assert_static<T: 'static>(_: &T) {}
    let fut = c.send(NetRequest::get(url(&format!("http://127.0.0.1:{port}/"))));
    assert_static(&fut);
    smol::block_on(async {
        let mut res = fut.await.expect("send");
        let first = res.chunk().await.expect("first").expect("ok");
        assert_eq!(&first[..], b"first");
        tx.send(()).expect("signal");
        let second = res.chunk().await.expect("second").expect("ok");
        assert_eq!(&second[..], b"second");
        assert!(res.chunk().await.is_none());
        assert!(res.chunk().await.is_none());
    });
}

#[test]
fn head_with_content_encoding_has_empty_body() {
    let (port, conns) = serve(|_, s| {
        respond(
            s,
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 123\r\n\r\n",
            b"",
        )
    });
    let c = client(NetConfig::default());
    for _ in 0..2 {
        let body = smol::block_on(async {
            let mut req = NetRequest::get(url(&format!("http://127.0.0.1:{port}/")));
            req.method = http::Method::HEAD;
            let mut res = c.send(req).await.expect("send");
            assert_eq!(
                res.headers.get("content-length").map(|v| v.as_bytes()),
                Some(&b"123"[..])
            );
            res.read_all(1000).await.expect("body")
        });
        assert!(body.is_empty());
    }
    assert_eq!(conns.load(Ordering::SeqCst), 1);
}
