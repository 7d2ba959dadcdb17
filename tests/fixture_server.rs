//! The test runner's fixture server, hit over real sockets with the
//! runtime's own HTTP client (`src/net`), plus the `__fixture-server`
//! subcommand.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method};
use nano_boa::net::{Body, HttpClient, NetConfig, NetError, NetRequest, NetResponse};
use nano_boa::test262::fixture_server::FixtureServer;
use nano_boa::test262::fixture_server::routes::COMPRESSED_TEXT;
use serde_json::Value;
use url::Url;

fn start() -> FixtureServer {
    FixtureServer::start(1).expect("fixture server starts")
}

/// A client that trusts the fixture CA.
fn client(server: &FixtureServer) -> HttpClient {
    HttpClient::new(NetConfig {
        extra_ca_pem: vec![server.ca_file().to_path_buf()],
        ..NetConfig::default()
    })
    .expect("client")
}

fn send(client: &HttpClient, req: NetRequest) -> Result<(NetResponse, Bytes), NetError> {
    smol::block_on(async {
        let mut res = client.send(req).await?;
        let body = res.read_all(u64::MAX).await?;
        Ok((res, body))
    })
}

fn get(client: &HttpClient, url: &str) -> Result<(NetResponse, Bytes), NetError> {
    send(client, NetRequest::get(Url::parse(url).expect("url")))
}

fn get_ok(client: &HttpClient, url: &str) -> (NetResponse, Bytes) {
    get(client, url).unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("JSON body")
}

fn header<'a>(res: &'a NetResponse, name: &str) -> Option<&'a str> {
    res.headers.get(name).and_then(|v| v.to_str().ok())
}

#[test]
fn echo_reports_the_request() {
    let server = start();
    let c = client(&server);
    for base in [&server.urls().http, &server.urls().https] {
        let mut headers = HeaderMap::new();
        headers.insert("x-second", HeaderValue::from_static("2"));
        headers.insert("X-First", HeaderValue::from_static("one"));
        let req = NetRequest {
            method: Method::POST,
            url: Url::parse(&format!("{base}/echo?a=1&b=%20")).expect("url"),
            headers,
            body: Body::Bytes(Bytes::from_static("héllo\0".as_bytes())),
        };
        let (res, body) = send(&c, req).expect("echo");
        assert_eq!(res.status.as_u16(), 200);
        assert_eq!(header(&res, "content-type"), Some("application/json"));
        let echo = json(&body);
        assert_eq!(echo["method"], "POST");
        assert_eq!(echo["url"], "/echo?a=1&b=%20");
        assert_eq!(echo["body"], "héllo\0");
        assert_eq!(echo["bodyBase64"], "aMOpbGxvAA==");
        let names: Vec<&str> = echo["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|pair| pair[0].as_str().expect("name"))
            .collect();
        let first = names.iter().position(|n| *n == "x-first");
        let second = names.iter().position(|n| *n == "x-second");
        assert!(first.is_some() && second.is_some(), "{names:?}");
        assert!(names.contains(&"content-length"), "{names:?}");
    }
}

#[test]
fn status_headers_and_not_found() {
    let server = start();
    let c = client(&server);
    let base = &server.urls().http;
    let (res, body) = get_ok(
        &c,
        &format!("{base}/status?code=418&text=Short+And+Stout&body=tea"),
    );
    assert_eq!(res.status.as_u16(), 418);
    assert_eq!(res.status_text, "Short And Stout");
    assert_eq!(&body[..], b"tea");
    let (res, body) = get_ok(&c, &format!("{base}/status?code=204"));
    assert_eq!(res.status.as_u16(), 204);
    assert!(body.is_empty());
    let (res, _) = get_ok(&c, &format!("{base}/status?code=99"));
    assert_eq!(res.status.as_u16(), 400);

    let (res, body) = get_ok(
        &c,
        &format!("{base}/headers?set=Set-Cookie:a=1&set=Set-Cookie:b=2&set=X-Custom:%20yes"),
    );
    let cookies: Vec<&str> = res
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert_eq!(header(&res, "x-custom"), Some("yes"));
    assert_eq!(&body[..], b"ok");

    let (res, _) = get_ok(&c, &format!("{base}/nowhere"));
    assert_eq!(res.status.as_u16(), 404);
}

#[test]
fn redirects() {
    let server = start();
    let c = client(&server);
    let base = &server.urls().http;
    let target = format!("{}/echo", server.urls().https);
    let (res, _) = get_ok(&c, &format!("{base}/redirect?status=307&to={target}"));
    assert_eq!(res.status.as_u16(), 307);
    assert_eq!(header(&res, "location"), Some(target.as_str()));
    let (res, _) = get_ok(&c, &format!("{base}/redirect?to=../x%3Fy"));
    assert_eq!(res.status.as_u16(), 302);
    assert_eq!(header(&res, "location"), Some("../x?y"));

    let (res, _) = get_ok(&c, &format!("{base}/redirect-loop?n=4"));
    assert_eq!(header(&res, "location"), Some("/redirect-loop?n=5"));

    // n=3: three redirect responses, the last one to `final`.
    let mut url =
        Url::parse(&format!("{base}/redirect-chain?n=3&final=/echo%3Fdone")).expect("url");
    let mut hops = 0;
    loop {
        let (res, body) = get_ok(&c, url.as_str());
        if !res.status.is_redirection() {
            assert_eq!(json(&body)["url"], "/echo?done");
            break;
        }
        hops += 1;
        url = res.location().expect("location").expect("valid location");
    }
    assert_eq!(hops, 3);
}

#[test]
fn bytes_chunked_and_slow() {
    let server = start();
    let c = client(&server);
    let base = &server.urls().http;
    let (res, body) = get_ok(&c, &format!("{base}/bytes?n=100000"));
    assert_eq!(header(&res, "content-length"), Some("100000"));
    assert_eq!(body.len(), 100_000);
    assert!(body.iter().enumerate().all(|(i, &b)| b == (i % 256) as u8));

    // The first chunk arrives long before the last: the body streams.
    smol::block_on(async {
        let url = Url::parse(&format!("{base}/chunked?chunks=3&size=5&delay_ms=300")).expect("url");
        let started = Instant::now();
        let mut res = c.send(NetRequest::get(url)).await.expect("chunked");
        assert_eq!(header(&res, "transfer-encoding"), Some("chunked"));
        let first = res.chunk().await.expect("a chunk").expect("ok");
        let first_at = started.elapsed();
        assert_eq!(&first[..], b"aaaaa");
        let rest = res.read_all(u64::MAX).await.expect("rest");
        assert_eq!(&rest[..], b"bbbbbccccc");
        assert!(
            started.elapsed() >= first_at + Duration::from_millis(500),
            "first chunk at {first_at:?}, end at {:?}",
            started.elapsed()
        );
    });

    let started = Instant::now();
    let (_, body) = get_ok(&c, &format!("{base}/slow?delay_ms=250"));
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert_eq!(&body[..], b"slow");
}

#[test]
fn content_encodings() {
    let server = start();
    let c = client(&server);
    for encoding in ["gzip", "deflate", "br"] {
        let (res, body) = get_ok(&c, &format!("{}/{encoding}", server.urls().https));
        assert_eq!(header(&res, "content-encoding"), Some(encoding));
        assert!(res.decoded, "{encoding}");
        assert_eq!(std::str::from_utf8(&body).expect("utf-8"), COMPRESSED_TEXT);
    }
}

#[test]
fn count_shows_connection_reuse() {
    let server = start();
    for base in [&server.urls().http, &server.urls().https] {
        let url = format!("{base}/count");
        let first = client(&server);
        let a = json(&get_ok(&first, &url).1);
        let b = json(&get_ok(&first, &url).1);
        assert_eq!(a["connection"], b["connection"], "keep-alive reuse");
        assert_eq!(a["requests"], 1);
        assert_eq!(b["requests"], 2);
        let c = json(&get_ok(&client(&server), &url).1);
        assert_eq!(c["connections"], a["connections"].as_u64().expect("n") + 1);
        assert_eq!(c["requests"], 1);
    }
}

#[test]
fn https_trust() {
    let server = start();
    let c = client(&server);
    let port = Url::parse(&server.urls().https)
        .expect("url")
        .port()
        .expect("port");
    for host in ["localhost", "127.0.0.1"] {
        let (res, _) = get_ok(&c, &format!("https://{host}:{port}/count"));
        assert_eq!(res.status.as_u16(), 200, "{host}");
    }
    // Without the fixture CA, the trusted listener is refused too.
    let plain = HttpClient::new(NetConfig::default()).expect("client");
    let err = get(&plain, &format!("{}/count", server.urls().https)).expect_err("no CA");
    assert!(matches!(err, NetError::Tls { .. }), "{err:?}");
    let err = get(&c, &format!("{}/count", server.urls().https_untrusted)).expect_err("untrusted");
    assert!(matches!(err, NetError::Tls { .. }), "{err:?}");
}

#[test]
fn bad_listener_misbehaves() {
    let server = start();
    let c = HttpClient::new(NetConfig {
        timeout: Some(Duration::from_millis(300)),
        ..NetConfig::default()
    })
    .expect("client");
    let bad = &server.urls().bad;
    for path in ["/malformed", "/close", "/reset-mid-body", "/bad-chunk"] {
        let err = get(&c, &format!("{bad}{path}")).expect_err(path);
        assert!(
            matches!(err, NetError::Protocol { .. } | NetError::Reset { .. }),
            "{path}: {err:?}"
        );
    }
    let err = get(&c, &format!("{bad}/hang")).expect_err("hang");
    assert!(matches!(err, NetError::Timeout { .. }), "{err:?}");
    let (res, _) = get_ok(&c, &format!("{bad}/other"));
    assert_eq!(res.status.as_u16(), 404);
}

#[test]
fn shutdown_does_not_wait_for_hanging_connections() {
    let server = start();
    let addr = server.urls().bad.trim_start_matches("http://").to_owned();
    let mut hanging = std::net::TcpStream::connect(&addr).expect("connect");
    std::io::Write::write_all(&mut hanging, b"GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    server.shutdown();
    assert!(started.elapsed() < Duration::from_secs(2));
    // The hanging connection was closed by the shutdown.
    hanging
        .set_read_timeout(Some(Duration::from_secs(2)))
        .expect("timeout");
    let mut buf = [0u8; 16];
    let n = std::io::Read::read(&mut hanging, &mut buf).unwrap_or(0);
    assert_eq!(n, 0);
}

#[test]
fn subcommand_prints_json_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nano-boa"))
        .arg("__fixture-server")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("line");
    let result = std::panic::catch_unwind(|| {
        let info: Value = serde_json::from_str(&line).expect("one JSON line");
        for key in ["http", "https", "https_untrusted", "bad", "ca_file"] {
            assert!(info[key].is_string(), "{key} in {line}");
        }
        let ca = std::path::PathBuf::from(info["ca_file"].as_str().expect("ca"));
        let c = HttpClient::new(NetConfig {
            extra_ca_pem: vec![ca],
            ..NetConfig::default()
        })
        .expect("client");
        for key in ["http", "https"] {
            let base = info[key].as_str().expect("url");
            let (res, _) = get_ok(&c, &format!("{base}/count"));
            assert_eq!(res.status.as_u16(), 200);
        }
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
