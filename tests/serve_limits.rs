//! Per-app limits of `nano-boa serve` (issue 6) end to end: runaway CPU,
//! memory bombs and the subrequest cap, against the real binary. The
//! harness is the one of tests/serve.rs (a copy: each test crate is
//! compiled alone).
// The harness copied from tests/serve.rs has more than these tests use.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nano-boa-serve-{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

/// A running server; killed on drop. Its stdout (the log) is collected.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `nano-boa serve ARGS --port 0 --log-format text` and waits
    /// for its "listening on" line.
    fn start(args: &[&str]) -> Server {
        Server::start_with(args, &["--log-format", "text"], &[])
    }

    /// Starts `nano-boa serve ARGS EXTRA --port 0` with `env` set.
    fn start_with(args: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(args)
            .args(extra)
            .args(["--port", "0"])
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nano-boa serve");
        let stdout = child.stdout.take().expect("stdout");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("listening on http://").nth(1)
                    && let Some(tx) = tx.take()
                {
                    // Text: `... http://ADDR threads=..`; JSON: `"...http://ADDR","threads"`.
                    let addr: String = rest
                        .chars()
                        .take_while(|c| !c.is_whitespace() && *c != '"')
                        .collect();
                    let _ = tx.send(addr);
                }
                let mut log = sink.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!("the server did not start: {err}");
            });
        Server { child, addr, log }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        stream
    }

    /// One request on a fresh connection (`Connection: close`).
    fn request(&self, host: &str, method: &str, path: &str, body: &str) -> Reply {
        let mut stream = self.connect();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("send");
        read_reply(&mut BufReader::new(stream), method == "HEAD").expect("a response")
    }

    fn get(&self, host: &str, path: &str) -> Reply {
        self.request(host, "GET", path, "")
    }

    /// Waits until the log contains `needle` (log lines arrive after the
    /// response).
    fn log_contains(&self, needle: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.log.lock().expect("log").contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one HTTP/1.1 response (Content-Length or chunked framing).
fn read_reply(reader: &mut BufReader<TcpStream>, head_only: bool) -> Option<Reply> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        // Skip interim 1xx responses (100 Continue).
        if line.starts_with("HTTP/1.1 1") {
            loop {
                line.clear();
                reader.read_line(&mut line).ok()?;
                if line == "\r\n" {
                    break;
                }
            }
            continue;
        }
        break;
    }
    let status = line.split_whitespace().nth(1)?.parse().ok()?;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        if header == "\r\n" || header.is_empty() {
            break;
        }
        let (name, value) = header.trim_end().split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if !head_only {
        if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let mut size = String::new();
                reader.read_line(&mut size).ok()?;
                let size = usize::from_str_radix(size.trim(), 16).ok()?;
                let mut chunk = vec![0; size + 2];
                reader.read_exact(&mut chunk).ok()?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            let length: usize = find("content-length")?.parse().ok()?;
            body.resize(length, 0);
            reader.read_exact(&mut body).ok()?;
        }
    }
    Some(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

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
    let server = Server::start(&[
        "--app",
        app.to_str().expect("utf-8"),
        "--threads",
        "1",
        "--timeout-ms",
        timeout_ms,
    ]);
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
    let server = Server::start(&["--config", config.to_str().expect("utf-8")]);
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
        read_reply(&mut BufReader::new(stream), false).map(|r| r.status)
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
    let server = Server::start(&["--config", config.to_str().expect("utf-8")]);
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
    let server = Server::start(&[
        "--app",
        app.to_str().expect("utf-8"),
        "--threads",
        "1",
        "--allow-private-net",
    ]);
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
                read_reply(&mut BufReader::new(stream), false).expect("reply")
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
