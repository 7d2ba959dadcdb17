//! `nano-boa serve` end to end: the real binary on a free loopback port,
//! spoken to over raw TCP (so that pipelining, chunked uploads, HEAD and
//! `Expect: 100-continue` are exactly what is on the wire).
//!
//! Expected behaviour comes from the issue and RFC 9110/9112; app code
//! follows the Workers module format.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod support;

use std::process::Command;

use support::server::{
    BIN, Server, copy_fixture, fixture_text, read_response as read_reply, serve_fixture, temp_dir,
    write,
};

/// fixtures/serve/two-apps: two apps behind hostnames, env values, module
/// state, isolation probes; its nano.json.
fn two_apps() -> PathBuf {
    serve_fixture("two-apps/nano.json")
}

#[test]
fn routes_by_host_with_env_and_module_state() {
    let config = two_apps();
    let server = Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
        ],
        &[],
    );
    let first = server.get("a.test", "/");
    assert_eq!(first.status, 200);
    assert_eq!(
        first.body,
        r#"{"app":"a","hits":1,"key":"v","num":3,"nested":{"x":[1,2]}}"#
    );
    // Module state persists across requests (one thread: one instance).
    assert!(server.get("A.TEST:8080", "/").body.contains(r#""hits":2"#));
    let b = server.get("x.b.test", "/");
    assert_eq!(b.status, 200);
    assert!(b.body.contains(r#""app":"b""#), "{}", b.body);
    assert!(b.body.contains(r#""host":"x.b.test""#), "{}", b.body);
    let unknown = server.get("nobody.test", "/");
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body, "No app is configured for host nobody.test\n");
    assert!(server.log_contains("app loaded"), "cold start logged");
    assert!(server.log().contains("cold_start_ms"));
}

#[test]
fn apps_do_not_share_globals_or_prototypes() {
    let config = two_apps();
    let server = Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
        ],
        &[],
    );
    assert_eq!(server.get("a.test", "/set-global").body, "set");
    let b = server.get("b.test", "/");
    assert!(b.body.contains(r#""leak":"undefined""#), "{}", b.body);
    assert!(b.body.contains(r#""leaked":"no""#), "{}", b.body);
}

#[test]
fn request_url_method_and_body_reach_the_app() {
    let config = two_apps();
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    let reply = server.request("a.test", "PUT", "/echo?x=1", "hé");
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        r#"{"method":"PUT","url":"http://a.test/echo?x=1","body":"hé","type":null}"#
    );
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.header("date").is_some(), "Date header");
}

#[test]
fn keep_alive_and_pipelined_requests_are_answered_in_order() {
    let config = two_apps();
    let server = Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
        ],
        &[],
    );
    let mut stream = server.connect();
    // Three requests in one write: answered in order on one connection.
    let pipelined = "GET /echo?n=1 HTTP/1.1\r\nHost: a.test\r\n\r\n\
                     GET /echo?n=2 HTTP/1.1\r\nHost: a.test\r\n\r\n\
                     GET / HTTP/1.1\r\nHost: b.test\r\n\r\n";
    stream.write_all(pipelined.as_bytes()).expect("send");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let one = read_reply(&mut reader, false).expect("first");
    let two = read_reply(&mut reader, false).expect("second");
    let three = read_reply(&mut reader, false).expect("third");
    assert!(one.body.contains("echo?n=1"), "{}", one.body);
    assert!(two.body.contains("echo?n=2"), "{}", two.body);
    assert!(three.body.contains(r#""app":"b""#), "{}", three.body);
    // The connection stays open for more (keep-alive).
    stream
        .write_all(b"GET /echo?n=4 HTTP/1.1\r\nHost: a.test\r\n\r\n")
        .expect("send again");
    let four = read_reply(&mut reader, false).expect("fourth");
    assert!(four.body.contains("echo?n=4"));
}

#[test]
fn chunked_upload_expect_continue_and_head() {
    let config = two_apps();
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    let mut stream = server.connect();
    stream
        .write_all(
            b"POST /echo HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n\
              5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        )
        .expect("send");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let reply = read_reply(&mut reader, false).expect("reply");
    assert!(
        reply.body.contains(r#""body":"hello world""#),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains(r#""type":"text/plain""#),
        "{}",
        reply.body
    );

    // Expect: 100-continue: the server says 100 before the body is sent.
    stream
        .write_all(b"POST /echo HTTP/1.1\r\nHost: a.test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        .expect("send head");
    let mut interim = String::new();
    reader.read_line(&mut interim).expect("100");
    assert!(interim.starts_with("HTTP/1.1 100"), "{interim:?}");
    let mut blank = String::new();
    reader.read_line(&mut blank).expect("blank");
    stream.write_all(b"body").expect("send body");
    let reply = read_reply(&mut reader, false).expect("reply");
    assert!(reply.body.contains(r#""body":"body""#), "{}", reply.body);

    // HEAD: the headers of the GET, no body.
    stream
        .write_all(b"HEAD / HTTP/1.1\r\nHost: b.test\r\n\r\n")
        .expect("send");
    let head = read_reply(&mut reader, true).expect("head");
    assert_eq!(head.status, 200);
    let length: usize = head
        .header("content-length")
        .expect("content-length")
        .parse()
        .expect("number");
    assert!(length > 0);
    // Nothing follows the head: the next response starts right away.
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: b.test\r\n\r\n")
        .expect("send");
    let next = read_reply(&mut reader, false).expect("next");
    assert_eq!(next.body.len(), length);
}

#[test]
fn timers_and_wait_until_run_in_the_app() {
    let config = two_apps();
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    assert_eq!(server.get("a.test", "/later").body, "later");
    assert!(server.log_contains("waitUntil ran"), "{}", server.log());
    assert!(server.log().contains("app=\"a\""), "console output tagged");
}

#[test]
fn failing_apps_answer_500_or_503_and_the_server_keeps_serving() {
    // bad.js fails per path, syntax.js has a syntax error on line 3,
    // no-fetch.js has no fetch, throws-at-load.js throws when it loads.
    let config = serve_fixture("failing-apps/nano.json");
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    for path in ["/throw", "/reject", "/not-a-response", "/no-return"] {
        let reply = server.get("bad.test", path);
        assert_eq!(reply.status, 500, "{path}");
        assert_eq!(
            reply.body, "Internal Server Error\n",
            "generic body for {path}"
        );
    }
    assert!(server.log_contains("TypeError: boom in handler"));
    assert!(
        server.log().contains("bad.js:5"),
        "stack in the log: {}",
        server.log()
    );
    assert!(server.log_contains("RangeError: rejected"));
    assert!(server.log_contains("not a Response"));
    assert_eq!(
        server.get("bad.test", "/").body,
        "fine",
        "later requests work"
    );

    let syntax = server.get("syntax.test", "/");
    assert_eq!(syntax.status, 503);
    assert_eq!(syntax.body, "Service Unavailable\n");
    assert!(server.log_contains("syntax.js:3"), "{}", server.log());
    assert_eq!(server.get("nofetch.test", "/").status, 503);
    assert!(server.log_contains("no fetch method"));
    assert_eq!(server.get("loadfail.test", "/").status, 503);
    assert!(server.log_contains("load failure"));
    // The other apps are unaffected.
    assert_eq!(server.get("bad.test", "/").status, 200);
}

#[test]
fn health_check_and_body_limit() {
    // Answers the byte length of the request's body.
    let app = serve_fixture("byte-length/app.js");
    let server = Server::start(
        &["--app", app.to_str().expect("utf-8"), "--max-body-mb", "1"],
        &[],
    );
    let health = server.get("anything", "/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.body, r#"{"status":"ok"}"#);
    // --app answers every host.
    assert_eq!(server.get("whatever.example", "/").body, "0");
    let big = "x".repeat(1024 * 1024 + 1);
    let reply = server.request("h", "POST", "/", &big);
    assert_eq!(reply.status, 413);
    let ok = server.request("h", "POST", "/", &"y".repeat(1024));
    assert_eq!(ok.body, "1024");
}

#[test]
fn outbound_fetch_refuses_private_addresses_unless_allowed() {
    // A target on loopback: refused by default in serve.
    let target = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = target.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in target.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ninside",
            );
        }
    });
    let dir = temp_dir("ssrf");
    // The target's port is known only now: the test fills it in.
    let app = fixture_text("ssrf/app.js").replace("$PORT", &port.to_string());
    let app = write(&dir, "app.js", &app);
    let app = app.to_str().expect("utf-8");
    let server = Server::start(&["--app", app], &[]);
    let reply = server.get("h", "/");
    assert_eq!(reply.status, 502);
    assert!(reply.body.contains("TypeError"), "{}", reply.body);
    assert!(reply.body.contains("is not allowed"), "{}", reply.body);
    drop(server);
    let server = Server::start(&["--app", app, "--allow-private-net"], &[]);
    assert_eq!(server.get("h", "/").body, "inside");
    drop(server);
    let allow = format!("127.0.0.1:{port}");
    let server = Server::start(&["--app", app, "--allow-net", &allow], &[]);
    assert_eq!(server.get("h", "/").body, "inside");
}

fn serve_error(args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .arg("serve")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn config_errors_exit_2_and_name_the_key() {
    // A copy of fixtures/serve/hello, with each broken nano.json written
    // beside its app in turn: each config stays next to the error it must
    // produce, and the message must name the file nano.json.
    let dir = copy_fixture("hello");
    let cases = [
        (
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js", "hostnme": 1 } ] }"#,
            "apps[0].hostnme: unknown field `hostnme`",
        ),
        (
            r#"{ "apps": [ { "name": "a", "hostname": "bad host", "path": "app.js" } ] }"#,
            "apps[0].hostname",
        ),
        (
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "missing.js" } ] }"#,
            "apps[0].path",
        ),
        (r#"{ "port": "80", "apps": [] }"#, "port: invalid type"),
    ];
    for (json, expected) in cases {
        let config = write(&dir, "nano.json", json);
        let (code, err) = serve_error(&["--config", config.to_str().expect("utf-8")]);
        assert_eq!(code, 2, "{json}: {err}");
        assert!(
            err.contains(expected),
            "{json}: expected {expected:?} in {err:?}"
        );
        assert!(err.contains("nano.json"), "names the file: {err}");
    }
    let (code, err) = serve_error(&["--app", dir.join("nope.js").to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.js"), "{err}");
    let (code, err) = serve_error(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--app") || err.contains("--config"), "{err}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let app = serve_fixture("hello/app.js");
    let (code, err) = serve_error(&["--app", app.to_str().expect("utf-8"), "--port", &port]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn idle_apps_are_evicted_over_the_memory_budget_and_reload_on_demand() {
    let config = two_apps();
    // A 1 MiB budget is always exceeded: every load evicts the least
    // recently used idle instance.
    let server = Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
            "--memory-budget-mb",
            "1",
        ],
        &[],
    );
    assert!(server.get("a.test", "/").body.contains(r#""hits":1"#));
    assert!(server.get("a.test", "/").body.contains(r#""hits":2"#));
    assert_eq!(server.get("b.test", "/").status, 200);
    assert!(
        server.log_contains("app evicted (memory budget)"),
        "{}",
        server.log()
    );
    // a was evicted: its module state starts over in a fresh context.
    assert!(server.get("a.test", "/").body.contains(r#""hits":1"#));
}

#[test]
fn access_logs_in_json_and_apache_formats() {
    let config = two_apps();
    let config = config.to_str().expect("utf-8");
    // JSON is the default: every line parses, the access line has the fields.
    let server = Server::start_with(&["--config", config], &[], &[]);
    assert_eq!(server.get("a.test", "/").status, 200);
    assert!(
        server.log_contains("\"target\":\"access\""),
        "{}",
        server.log()
    );
    let log = server.log();
    let mut access = None;
    for line in log.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        if value["target"] == "access" {
            access = Some(value);
        }
    }
    let access = access.expect("an access line");
    assert_eq!(access["app"], "a");
    assert_eq!(access["method"], "GET");
    assert_eq!(access["path"], "/");
    assert_eq!(access["status"], 200);
    assert!(access["bytes"].as_u64().is_some_and(|b| b > 0));
    assert!(access["duration_ms"].as_f64().is_some());
    drop(server);

    // NANO_LOG_FORMAT=apache: combined log format for access lines.
    let server = Server::start_with(&["--config", config], &[], &[("NANO_LOG_FORMAT", "apache")]);
    assert_eq!(server.request("b.test", "POST", "/p?q=1", "xy").status, 200);
    assert!(
        server.log_contains("\"POST /p?q=1 HTTP/1.1\" 200 "),
        "{}",
        server.log()
    );
    let log = server.log();
    let line = log
        .lines()
        .find(|l| l.contains("\"POST /p?q=1"))
        .expect("access line");
    assert!(line.starts_with("127.0.0.1 - - ["), "{line}");
    assert!(
        line.ends_with("\"-\" \"-\""),
        "referer and user agent: {line}"
    );
    drop(server);

    let (code, err) = serve_error(&["--config", config, "--log-format", "xml"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn huge_headers_get_431_and_slow_headers_are_cut_off() {
    // header_timeout_ms 500, max_header_kb 8.
    let config = serve_fixture("header-limits/nano.json");
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    assert_eq!(server.get("h", "/").body, "ok");

    // A 16 KiB header field in an 8 KiB limit: 431, connection closed.
    let mut stream = server.connect();
    let big = "x".repeat(16 * 1024);
    let request = format!("GET / HTTP/1.1\r\nHost: h\r\nX-Big: {big}\r\n\r\n");
    let _ = stream.write_all(request.as_bytes());
    let reply = read_reply(&mut BufReader::new(stream), true).expect("a response");
    assert_eq!(reply.status, 431);

    // Slowloris: half a request head, then nothing. The server closes the
    // connection after the header timeout (500 ms), not after 20 s.
    let mut stream = server.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n")
        .expect("send");
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(10),
        "closed after {waited:?}"
    );

    // An idle keep-alive connection is closed after the same timeout.
    let mut stream = server.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        .expect("send");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    assert_eq!(read_reply(&mut reader, false).expect("reply").body, "ok");
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "idle connection closed"
    );
}

#[test]
fn connections_over_the_cap_get_503() {
    // max_connections 2.
    let config = serve_fixture("connection-cap/nano.json");
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    // Two open keep-alive connections use the cap...
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = server.connect();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            .expect("send");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        assert_eq!(read_reply(&mut reader, false).expect("reply").status, 200);
        held.push(stream);
    }
    // ...so the third is refused with 503 and closed.
    let refused = server.get("h", "/");
    assert_eq!(refused.status, 503);
    assert_eq!(refused.body, "Too many connections\n");
    // Closing one frees a slot.
    drop(held.pop());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let reply = server.get("h", "/");
        if reply.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "the slot was never freed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_exits_0() {
    // `/slow` answers after 800 ms and logs its waitUntil work 300 ms later.
    let app = serve_fixture("shutdown/app.js");
    let mut server = Server::start(&["--app", app.to_str().expect("utf-8")], &[]);
    assert_eq!(server.get("h", "/").body, "quick");
    let addr = server.addr.clone();
    let slow = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        // Keep-alive request: the answer must say Connection: close.
        stream
            .write_all(b"GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
            .expect("send");
        read_reply(&mut BufReader::new(stream), false)
    });
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.pid().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let reply = slow
        .join()
        .expect("thread")
        .expect("the request in flight completes");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "finished");
    assert_eq!(reply.header("connection"), Some("close"));
    // The process ends by itself, with status 0, after the waitUntil work.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.exited() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status, Some(0));
    assert!(
        server.log_contains("after-response work done"),
        "{}",
        server.log()
    );
    assert!(server.log().contains("shutting down"));
    // Nothing listens any more.
    assert!(TcpStream::connect(&server.addr).is_err());
}

#[test]
fn the_drain_timeout_bounds_a_shutdown() {
    // drain_timeout_ms 300, an app that answers after 60 s.
    let config = serve_fixture("drain-timeout/nano.json");
    let mut server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    let mut stream = server.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        .expect("send");
    assert!(server.log_contains("app loaded"));
    let started = Instant::now();
    let pid = server.pid().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill")
            .success()
    );
    let status = loop {
        if let Some(status) = server.exited() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status, Some(0));
    assert!(
        server.log_contains("drain timeout reached"),
        "{}",
        server.log()
    );
}

#[test]
fn a_deep_throw_does_not_disturb_later_requests() {
    let app = serve_fixture("deep-throw/app.js");
    let server = Server::start(
        &["--app", app.to_str().expect("utf-8"), "--threads", "1"],
        &[],
    );
    for _ in 0..20 {
        assert_eq!(server.get("h", "/throw").status, 500);
        let ok = server.get("h", "/");
        assert_eq!((ok.status, ok.body.as_str()), (200, "x+in"));
    }
    assert!(server.log_contains("Error: deep"));
}

#[test]
fn each_app_has_its_own_global_error_listeners() {
    // An app's `error` / `unhandledrejection` listeners see only its own
    // errors; preventDefault() there keeps them out of the log, while an
    // app without listeners has its errors logged as before.
    // quiet.js listens (and prevents the default), loud.js does not.
    let config = serve_fixture("error-events/nano.json");
    let server = Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--threads",
            "1",
        ],
        &[],
    );
    assert_eq!(server.get("quiet.test", "/fail").body, "scheduled");
    assert_eq!(server.get("loud.test", "/").body, "scheduled");
    assert!(
        server.log_contains("loud timer"),
        "the unhandled error is logged: {}",
        server.log()
    );
    let seen = server.get("quiet.test", "/seen");
    assert_eq!(
        seen.body,
        r#"["rejection quiet rejection","Uncaught Error: quiet timer"]"#
    );
    assert!(
        !server.log().contains("quiet timer") && !server.log().contains("quiet rejection"),
        "handled errors are not logged: {}",
        server.log()
    );
}

/// A Response made from another body's untouched stream (`new
/// Response(res.body, res)`, as Hono does to change headers after the
/// handler) is sent with a Content-Length, as deno and workerd send it; a
/// stream the app produces itself is sent chunked.
#[test]
fn an_untouched_body_stream_keeps_its_content_length() {
    let app = serve_fixture("content-length/app.js");
    let server = Server::start(&["--app", app.to_str().expect("utf-8")], &[]);
    for (path, length, body) in [
        ("/rewrap", "11", "hello world"),
        ("/blob", "3", "abc"),
        ("/empty", "0", ""),
    ] {
        let reply = server.get("x.test", path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-length"), Some(length), "{path}");
        assert_eq!(reply.header("transfer-encoding"), None, "{path}");
        assert_eq!(reply.body, body, "{path}");
    }
    let reply = server.get("x.test", "/own-stream");
    assert_eq!(reply.header("transfer-encoding"), Some("chunked"));
    assert_eq!(reply.header("content-length"), None);
    assert_eq!(reply.body, "made here");
}
