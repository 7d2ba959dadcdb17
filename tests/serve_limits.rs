//! Per-app limits of `nano-boa serve` (issue 6) end to end: runaway CPU,
//! memory bombs and the subrequest cap, against the real binary, through
//! the shared harness in tests/support/server.rs.

use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

mod support;

use support::server::{Server, fixture_text, read_reply, serve_fixture, temp_dir, write};

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

/// fixtures/serve/limits/runaway.js: one runaway behaviour per path; `/`
/// is benign.
fn runaway_server(timeout_ms: &str) -> Server {
    let app = serve_fixture("limits/runaway.js");
    Server::start(
        &[
            "--app",
            app.to_str().expect("utf-8"),
            "--threads",
            "1",
            "--timeout-ms",
            timeout_ms,
        ],
        &[],
    )
}

#[test]
fn a_runaway_handler_is_stopped_with_503_and_the_app_keeps_serving() {
    let server = runaway_server("300");
    assert_eq!(server.get("x.test", "/").status, 200);
    for path in [
        "/spin",
        "/spin-catch",
        "/recurse",
        "/map",
        "/await",
        "/timer",
    ] {
        let started = Instant::now();
        let reply = server.get("x.test", path);
        let took = started.elapsed();
        assert_eq!(reply.status, 503, "{path}: {}", reply.body);
        assert_eq!(reply.body, "Service Unavailable\n");
        assert!(
            took < Duration::from_secs(10),
            "{path} took {took:?} (limit 300 ms)"
        );
        let next = server.get("x.test", "/");
        assert_eq!(next.status, 200, "after {path}");
        assert_eq!(next.body, "ok");
    }
    assert!(server.log_contains("timeout_ms"), "{}", server.log());
}

#[test]
fn the_synchronous_loop_stops_near_the_limit() {
    let server = runaway_server("300");
    assert_eq!(server.get("x.test", "/").status, 200);
    let started = Instant::now();
    assert_eq!(server.get("x.test", "/spin").status, 503);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_secs(3),
        "stopped after {took:?} for a 300 ms limit"
    );
}

/// Two apps on one thread: while one spins, the other answers.
#[test]
fn a_stuck_app_does_not_block_other_apps_on_its_thread() {
    // runaway.js and other.js on one thread (fixtures/serve/limits).
    let config = serve_fixture("limits/stuck.json");
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    assert_eq!(server.get("runaway.test", "/").status, 200);
    assert_eq!(server.get("other.test", "/").status, 200);
    let addr = server.addr.clone();
    let stuck = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        stream
            .write_all(b"GET /spin HTTP/1.1\r\nHost: runaway.test\r\nConnection: close\r\n\r\n")
            .expect("send");
        read_reply(&mut BufReader::new(stream)).map(|r| r.status)
    });
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        let started = Instant::now();
        let reply = server.get("other.test", "/");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body, "other");
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "the other app answered in {:?} while one spun",
            started.elapsed()
        );
    }
    assert_eq!(stuck.join().expect("join"), Some(503));
    assert_eq!(server.get("runaway.test", "/").status, 200);
}

#[test]
fn a_memory_bomb_gets_503_and_a_fresh_context() {
    // bomb.js (allocates without end on `?bomb` and `?later`) and other.js,
    // with memory_mb 32 (fixtures/serve/limits).
    let config = serve_fixture("limits/bomb.json");
    let server = Server::start(&["--config", config.to_str().expect("utf-8")], &[]);
    assert_eq!(server.get("bomb.test", "/").body, "1");
    assert_eq!(server.get("bomb.test", "/").body, "2");
    let reply = server.get("bomb.test", "/?bomb");
    assert_eq!(reply.status, 503);
    assert!(
        server.log_contains("allocated more than memory_mb (32 MB)"),
        "{}",
        server.log()
    );
    assert_eq!(server.get("other.test", "/").body, "other");
    // A fresh context: module state starts over.
    assert_eq!(server.get("bomb.test", "/").body, "1");
    assert_eq!(server.get("bomb.test", "/?later").status, 503);
    assert_eq!(server.get("bomb.test", "/").body, "1");
    assert_eq!(server.get("bomb.test", "/?buffer").body, "RangeError");
    assert_eq!(server.get("other.test", "/").body, "other");
}

#[test]
fn fetch_is_limited_per_request() {
    let (port, _) = support::serve(|_, stream| {
        support::respond(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n",
            b"ok",
        )
    });
    let dir = temp_dir("subrequests");
    // The port of the server above is known only now: the test fills it
    // in fixtures/serve/limits/fetcher.js.
    let fetcher = fixture_text("limits/fetcher.js").replace("$PORT", &port.to_string());
    let app = write(&dir, "fetcher.js", &fetcher);
    let server = Server::start(
        &[
            "--app",
            app.to_str().expect("utf-8"),
            "--threads",
            "1",
            "--allow-private-net",
        ],
        &[],
    );
    let reply = server.get("x.test", "/?n=51");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("\"ok\":50"), "{}", reply.body);
    assert!(
        reply.body.contains("TypeError") && reply.body.contains("max_subrequests"),
        "{}",
        reply.body
    );
    // Two concurrent requests each get their own 50.
    let addr = server.addr.clone();
    let both: Vec<_> = (0..2)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).expect("connect");
                stream
                    .set_read_timeout(Some(Duration::from_secs(60)))
                    .expect("timeout");
                stream
                    .write_all(b"GET /?n=50 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .expect("send");
                read_reply(&mut BufReader::new(stream)).expect("reply")
            })
        })
        .collect();
    for handle in both {
        let reply = handle.join().expect("join");
        assert!(reply.body.contains("\"ok\":50"), "{}", reply.body);
        assert!(reply.body.contains("\"failed\":\"\""), "{}", reply.body);
    }
}

#[test]
fn limit_flags_need_app_and_must_be_positive() {
    let out = Command::new(BIN)
        .args(["serve", "--timeout-ms", "100"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN)
        .args(["serve", "--app", "x.js", "--memory-mb", "0"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}
