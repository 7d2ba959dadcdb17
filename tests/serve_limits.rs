//! Per-app limits of `nano-boa serve` (issue 6) end to end: runaway CPU,
//! memory bombs and the subrequest cap, against the real binary, through
//! the shared harness in tests/support/server.rs.

use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

mod support;

use support::server::{Server, read_reply, temp_dir, write};

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

/// An app with one runaway behaviour per path; `/` is benign.
const RUNAWAY: &str = r#"
function deep(n) { return deep(n + 1) + 1; }
export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/spin") { while (true) {} }
    if (path === "/spin-catch") { try { while (true) {} } catch (e) { return new Response("caught"); } }
    if (path === "/recurse") { return new Response(String(deep(0))); }
    if (path === "/map") { [1, 2, 3].map(() => { for (;;) {} }); }
    if (path === "/await") { await null; while (true) {} }
    if (path === "/timer") {
      return new Promise((resolve) => setTimeout(() => { for (;;) {} }, 1));
    }
    return new Response("ok");
  },
};
"#;

fn runaway_server(timeout_ms: &str) -> (PathBuf, Server) {
    let dir = temp_dir("runaway");
    let app = write(&dir, "runaway.js", RUNAWAY);
    let server = Server::start(
        &[
            "--app",
            app.to_str().expect("utf-8"),
            "--threads",
            "1",
            "--timeout-ms",
            timeout_ms,
        ],
        &[],
    );
    (dir, server)
}

#[test]
fn a_runaway_handler_is_stopped_with_503_and_the_app_keeps_serving() {
    let (_dir, server) = runaway_server("300");
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
    let (_dir, server) = runaway_server("300");
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
    let dir = temp_dir("stuck");
    write(&dir, "runaway.js", RUNAWAY);
    write(
        &dir,
        "other.js",
        "export default { fetch() { return new Response('other'); } };\n",
    );
    let config = write(
        &dir,
        "nano.json",
        r#"{ "threads": 1, "defaults": { "timeout_ms": 3000 },
  "apps": [
  { "name": "runaway", "hostname": "runaway.test", "path": "runaway.js" },
  { "name": "other", "hostname": "other.test", "path": "other.js" }
] }"#,
    );
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
    let dir = temp_dir("bomb");
    write(
        &dir,
        "bomb.js",
        r#"
let requests = 0;
export default {
  async fetch(request) {
    requests++;
    const url = new URL(request.url);
    if (url.searchParams.has("bomb")) {
      const a = [];
      for (;;) a.push(new Array(100000).fill(1));
    }
    if (url.searchParams.has("later")) {
      const a = [];
      for (;;) { a.push(new Array(100000).fill(1)); await null; }
    }
    if (url.searchParams.has("buffer")) {
      try { new ArrayBuffer(200 * 1024 * 1024); } catch (e) { return new Response(e.name); }
    }
    return new Response(String(requests));
  },
};
"#,
    );
    write(
        &dir,
        "other.js",
        "export default { fetch() { return new Response('other'); } };\n",
    );
    let config = write(
        &dir,
        "nano.json",
        r#"{ "threads": 1, "defaults": { "memory_mb": 32, "timeout_ms": 60000 },
  "apps": [
  { "name": "bomb", "hostname": "bomb.test", "path": "bomb.js" },
  { "name": "other", "hostname": "other.test", "path": "other.js" }
] }"#,
    );
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
    let app = write(
        &dir,
        "fetcher.js",
        &format!(
            r#"
export default {{
  async fetch(request) {{
    const n = Number(new URL(request.url).searchParams.get("n"));
    let ok = 0, failed = "";
    for (let i = 0; i < n; i++) {{
      // A timer between fetches: the count follows the request across it.
      if (i === 10) await new Promise((r) => setTimeout(r, 5));
      try {{ await (await fetch("http://127.0.0.1:{port}/")).text(); ok++; }}
      catch (e) {{ failed = e.name + ": " + e.message; }}
    }}
    return Response.json({{ ok, failed }});
  }},
}};
"#
        ),
    );
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
