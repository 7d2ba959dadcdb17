//! `fetch()` end to end: the real `nano-boa` binary against real servers on
//! 127.0.0.1 ephemeral ports (see `support/`), for the error cases, the
//! network policy and the TLS flags. The Fetch API's semantics (redirect
//! modes, headers, bodies) are covered by js-tests/fetch-network against the
//! fixture server.
//!
//! Scripts print one JSON line; expected values come from the Fetch
//! standard and the issue's error contract (a TypeError whose message says
//! what happened, with a `cause` carrying a `code`).

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use support::{make_certs, respond, serve, serve_tls};

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nano-boa-fetch-{}-{}-{name}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `code` as an ES module with `flags` before the file.
fn run_with(flags: &[&str], env: &[(&str, &Path)], code: &str) -> Output {
    let dir = temp_dir("script");
    let path = dir.join("main.mjs");
    std::fs::write(&path, code).expect("write script");
    let mut cmd = Command::new(BIN);
    cmd.arg("run")
        .args(flags)
        .arg(&path)
        .env_remove("SSL_CERT_FILE");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().expect("run nano-boa");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "a panic reached the user:\n{err}"
    );
    out
}

fn run(flags: &[&str], code: &str) -> Output {
    run_with(flags, &[], code)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A script that fetches `url` (and reads the body) and prints either
/// `ok <status> <body length>` or `<error name>|<cause code>|<message>`.
fn fetch_outcome(url: &str) -> String {
    format!(
        r#"
try {{
  const r = await fetch({url:?});
  const body = await r.text();
  console.log(`ok ${{r.status}} ${{body.length}}`);
}} catch (e) {{
  console.log(`${{e.name}}|${{e.cause?.code}}|${{e.message}}`);
}}
"#
    )
}

/// The parts of a `name|code|message` line.
fn failure(out: &Output) -> (String, String, String) {
    let line = stdout(out);
    let mut parts = line.splitn(3, '|');
    let name = parts.next().unwrap_or_default().to_string();
    let code = parts.next().unwrap_or_default().to_string();
    let message = parts.next().unwrap_or_default().to_string();
    assert!(
        !message.is_empty(),
        "expected a failure line, got {line:?}; stderr: {}",
        stderr(out)
    );
    (name, code, message)
}

fn ok_server(body: &'static str) -> (u16, Arc<AtomicUsize>) {
    serve(move |_, s| {
        respond(
            s,
            &format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()),
            body.as_bytes(),
        )
    })
}

#[test]
fn get_and_post_against_a_local_server() {
    let (port, _) = serve(|req, s| {
        let first = req.head.lines().next().unwrap_or_default().to_string();
        let body = format!("{first} {}", String::from_utf8_lossy(&req.body));
        respond(
            s,
            &format!(
                "HTTP/1.1 201 Made\r\nContent-Length: {}\r\nX-Reply: yes\r\n\r\n",
                body.len()
            ),
            body.as_bytes(),
        )
    });
    let out = run(
        &[],
        &format!(
            r#"
const r = await fetch("http://127.0.0.1:{port}/a?b=1#frag", {{ method: "POST", body: "hi" }});
console.log(JSON.stringify([r.status, r.statusText, r.ok, r.url, r.redirected, r.type,
  r.headers.get("x-reply"), await r.text()]));
"#
        ),
    );
    assert_eq!(
        stdout(&out),
        format!(
            r#"[201,"Made",true,"http://127.0.0.1:{port}/a?b=1",false,"basic","yes","POST /a?b=1 HTTP/1.1 hi"]"#
        ),
        "stderr: {}",
        stderr(&out)
    );
    assert!(out.status.success());
}

/// The server answers nobody until 50 requests are in: a fetch that blocked
/// the thread, or ran one at a time, would never see a response.
#[test]
fn fifty_fetches_are_in_flight_at_once_while_an_interval_ticks() {
    const N: usize = 50;
    let arrived = Arc::new((Mutex::new(0usize), Condvar::new()));
    let gate = arrived.clone();
    let (port, _) = serve(move |_, s| {
        let (count, ready) = &*gate;
        let mut n = count.lock().expect("lock");
        *n += 1;
        ready.notify_all();
        // Give up after 10 s so that a regression fails instead of hanging.
        let (n, _) = ready
            .wait_timeout_while(n, Duration::from_secs(10), |n| *n < N)
            .expect("wait");
        let status = if *n >= N { "200 OK" } else { "503 Too Few" };
        drop(n);
        respond(
            s,
            &format!("HTTP/1.1 {status}\r\nContent-Length: 2\r\n\r\n"),
            b"ok",
        )
    });
    let out = run(
        &[],
        &format!(
            r#"
let ticks = 0;
const interval = setInterval(() => ticks++, 5);
const statuses = await Promise.all(Array.from({{ length: {N} }}, () =>
  fetch("http://127.0.0.1:{port}/").then((r) => r.status)));
clearInterval(interval);
console.log(statuses.every((s) => s === 200), ticks > 0);
"#
        ),
    );
    assert_eq!(stdout(&out), "true true", "stderr: {}", stderr(&out));
    assert_eq!(*arrived.0.lock().expect("lock"), N);
}

#[test]
fn an_interval_keeps_firing_while_a_response_is_slow() {
    let (port, _) = serve(|_, s| {
        std::thread::sleep(Duration::from_millis(400));
        respond(s, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n", b"slow")
    });
    let out = run(
        &[],
        &format!(
            r#"
let ticks = 0;
const interval = setInterval(() => ticks++, 10);
const text = await (await fetch("http://127.0.0.1:{port}/")).text();
clearInterval(interval);
// 40 intervals fit in the wait; 3 is loose enough for a loaded machine
// and still impossible if the fetch blocked the thread.
console.log(text, ticks >= 3);
"#
        ),
    );
    assert_eq!(stdout(&out), "slow true", "stderr: {}", stderr(&out));
}

#[test]
fn connection_refused_is_a_type_error_with_a_cause() {
    // Bind then drop a listener: the port is very likely closed now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let out = run(&[], &fetch_outcome(&format!("http://127.0.0.1:{port}/")));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ECONNREFUSED")
    );
    assert!(
        message.contains(&format!("127.0.0.1:{port}")),
        "message names the address: {message}"
    );
}

#[test]
fn dns_failure_names_the_host() {
    // RFC 2606: .invalid never resolves.
    let out = run(&[], &fetch_outcome("http://no-such-host.invalid/"));
    let (name, code, message) = failure(&out);
    assert_eq!((name.as_str(), code.as_str()), ("TypeError", "ENOTFOUND"));
    assert!(message.contains("no-such-host.invalid"), "{message}");
}

#[test]
fn reset_mid_body_rejects_the_body_read() {
    let (port, _) = serve(|_, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
        let _ = s.shutdown(std::net::Shutdown::Both);
        false
    });
    let out = run(&[], &fetch_outcome(&format!("http://127.0.0.1:{port}/")));
    let (name, code, message) = failure(&out);
    assert_eq!((name.as_str(), code.as_str()), ("TypeError", "ECONNRESET"));
    assert!(
        message.contains("before the response was complete"),
        "{message}"
    );
}

#[test]
fn a_malformed_response_is_a_protocol_error() {
    let (port, _) = serve(|_, s| {
        let _ = s.write_all(b"SMTP ready\r\n\r\n");
        false
    });
    let out = run(&[], &fetch_outcome(&format!("http://127.0.0.1:{port}/")));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_HTTP_PROTOCOL")
    );
    assert!(message.contains("malformed HTTP response"), "{message}");
}

#[test]
fn an_oversize_body_is_refused_at_the_configured_limit() {
    let (port, _) = serve(|_, s| {
        let body = vec![b'x'; 2 * 1024 * 1024];
        respond(
            s,
            &format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()),
            &body,
        )
    });
    let url = format!("http://127.0.0.1:{port}/");
    let out = run(&["--fetch-max-body-mb", "1"], &fetch_outcome(&url));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_BODY_TOO_LARGE")
    );
    assert!(message.contains("1048576 bytes"), "{message}");
    // Without the flag the default limit (256 MiB) lets it through.
    assert_eq!(stdout(&run(&[], &fetch_outcome(&url))), "ok 200 2097152");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let (port, _) = serve(|_, _| {
        std::thread::sleep(Duration::from_secs(5));
        false
    });
    let started = std::time::Instant::now();
    let out = run(
        &["--fetch-timeout", "0.3"],
        &fetch_outcome(&format!("http://127.0.0.1:{port}/")),
    );
    let (name, code, message) = failure(&out);
    assert_eq!((name.as_str(), code.as_str()), ("TypeError", "ETIMEDOUT"));
    assert!(message.contains("timed out after 300 ms"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn redirects_stop_after_twenty() {
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    let (port, _) = serve(move |_, s| {
        counter.fetch_add(1, Ordering::SeqCst);
        respond(
            s,
            "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n",
            b"",
        )
    });
    let out = run(&[], &fetch_outcome(&format!("http://127.0.0.1:{port}/")));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_TOO_MANY_REDIRECTS")
    );
    assert!(message.contains("more than 20"), "{message}");
    // The first request and 20 redirects were sent; the 21st redirect is
    // not followed (Fetch §4.4 step 5).
    assert_eq!(requests.load(Ordering::SeqCst), 21);
}

#[test]
fn an_uncaught_fetch_failure_ends_the_run_with_exit_1() {
    let out = run(&[], "await fetch('http://no-such-host.invalid/');");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("TypeError: DNS lookup for no-such-host.invalid failed"),
        "{err}"
    );
}

#[test]
fn unsupported_scheme_names_the_scheme() {
    let out = run(&[], &fetch_outcome("ftp://example.com/file"));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_UNSUPPORTED_SCHEME")
    );
    assert!(message.contains("\"ftp:\""), "{message}");
}

#[test]
fn aborting_drops_the_connection_and_rejects_with_abort_error() {
    // The server reads the request, never answers, and records when the
    // client closes the connection.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (closed_tx, closed_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut buf = [0u8; 4096];
        let mut seen_request = false;
        loop {
            match std::io::Read::read(&mut stream, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => seen_request = true,
            }
        }
        let _ = closed_tx.send(seen_request);
    });
    let started = std::time::Instant::now();
    let out = run(
        &[],
        &format!(
            r#"
const controller = new AbortController();
setTimeout(() => controller.abort(), 200);
try {{
  await fetch("http://127.0.0.1:{port}/", {{ signal: controller.signal }});
  console.log("resolved");
}} catch (e) {{
  console.log(e.name, e instanceof DOMException, e.message);
}}
"#
        ),
    );
    assert_eq!(
        stdout(&out),
        "AbortError true This operation was aborted",
        "stderr: {}",
        stderr(&out)
    );
    // The connection was closed by the abort, long before any timeout.
    let seen_request = closed_rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the server saw the connection close");
    assert!(seen_request, "the request had been sent before the abort");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn abort_signal_timeout_rejects_with_timeout_error() {
    let (port, _) = serve(|_, _| {
        std::thread::sleep(Duration::from_secs(3));
        false
    });
    let out = run(
        &[],
        &format!(
            r#"
try {{
  await fetch("http://127.0.0.1:{port}/", {{ signal: AbortSignal.timeout(150) }});
}} catch (e) {{
  console.log(e.name, e instanceof DOMException);
}}
"#
        ),
    );
    assert_eq!(
        stdout(&out),
        "TimeoutError true",
        "stderr: {}",
        stderr(&out)
    );
}

// ---- Network policy ---------------------------------------------------------

#[test]
fn deny_private_net_refuses_loopback_before_connecting() {
    let (port, conns) = ok_server("hello");
    let url = format!("http://127.0.0.1:{port}/");
    let out = run(&["--deny-private-net"], &fetch_outcome(&url));
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_NET_DENIED")
    );
    assert!(message.contains("is not allowed"), "{message}");
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert_eq!(conns.load(Ordering::SeqCst), 0, "no connection was made");
    // The default for `run` allows everything.
    assert_eq!(stdout(&run(&[], &fetch_outcome(&url))), "ok 200 5");
}

#[test]
fn a_host_name_that_resolves_to_a_private_address_is_refused() {
    let (port, conns) = ok_server("hello");
    let out = run(
        &["--deny-private-net"],
        &fetch_outcome(&format!("http://localhost:{port}/")),
    );
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_NET_DENIED")
    );
    assert!(message.contains("(localhost)"), "{message}");
    assert_eq!(conns.load(Ordering::SeqCst), 0);
    // An allow-list entry for the name opens it.
    let out = run(
        &[
            "--deny-private-net",
            "--allow-net",
            &format!("localhost:{port}"),
        ],
        &fetch_outcome(&format!("http://localhost:{port}/")),
    );
    assert_eq!(stdout(&out), "ok 200 5", "stderr: {}", stderr(&out));
}

#[test]
fn a_redirect_from_an_allowed_host_to_loopback_is_refused() {
    let (inner_port, inner_conns) = ok_server("secret");
    let (outer_port, outer_conns) = serve(move |_, s| {
        respond(
            s,
            &format!(
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{inner_port}/admin\r\nContent-Length: 0\r\n\r\n"
            ),
            b"",
        )
    });
    let out = run(
        &[
            "--deny-private-net",
            "--allow-net",
            &format!("127.0.0.1:{outer_port}"),
        ],
        &fetch_outcome(&format!("http://127.0.0.1:{outer_port}/")),
    );
    let (name, code, message) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_NET_DENIED")
    );
    assert!(
        message.contains(&format!("127.0.0.1:{inner_port}")),
        "{message}"
    );
    assert_eq!(outer_conns.load(Ordering::SeqCst), 1, "the first hop went");
    assert_eq!(inner_conns.load(Ordering::SeqCst), 0, "the second did not");
}

#[test]
fn a_bad_allow_net_entry_is_a_usage_error() {
    let out = run(&["--allow-net", "no-port-here"], "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-port-here"), "{}", stderr(&out));
}

// ---- TLS ----------------------------------------------------------------------

fn write_ca(pem: &str) -> PathBuf {
    let path = temp_dir("ca").join("ca.pem");
    std::fs::write(&path, pem).expect("write CA");
    path
}

#[test]
fn https_with_a_ca_passed_by_flag_or_ssl_cert_file() {
    let (ca_pem, leaf, key) = make_certs();
    let (port, _) = serve_tls(leaf, key);
    let ca = write_ca(&ca_pem);
    let script = fetch_outcome(&format!("https://localhost:{port}/"));

    let out = run(&["--ca-cert", ca.to_str().expect("utf-8")], &script);
    assert_eq!(stdout(&out), "ok 200 6", "stderr: {}", stderr(&out));

    let out = run_with(&[], &[("SSL_CERT_FILE", &ca)], &script);
    assert_eq!(stdout(&out), "ok 200 6", "stderr: {}", stderr(&out));

    // Without the CA the certificate is refused, naming the host.
    let (name, code, message) = failure(&run(&[], &script));
    assert_eq!((name.as_str(), code.as_str()), ("TypeError", "ERR_TLS"));
    assert!(
        message.contains("TLS handshake with localhost failed"),
        "{message}"
    );
}

#[test]
fn a_certificate_for_another_name_is_refused() {
    let (ca_pem, leaf, key) = make_certs();
    let (port, _) = serve_tls(leaf, key);
    let ca = write_ca(&ca_pem);
    // The leaf is for localhost and 127.0.0.1, not for 127.0.0.2.
    let out = run(
        &["--ca-cert", ca.to_str().expect("utf-8")],
        &fetch_outcome(&format!("https://127.0.0.2:{port}/")),
    );
    let (name, code, message) = failure(&out);
    // Linux routes all of 127/8 to loopback; elsewhere the connect fails.
    if code != "ECONNREFUSED" && code != "ECONNECT" {
        assert_eq!((name.as_str(), code.as_str()), ("TypeError", "ERR_TLS"));
        assert!(message.contains("127.0.0.2"), "{message}");
    }
}

#[test]
fn unreadable_ca_files_are_usage_errors() {
    let missing = temp_dir("missing").join("nope.pem");
    let out = run(&["--ca-cert", missing.to_str().expect("utf-8")], "1");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--ca-cert") && err.contains("nope.pem"),
        "{err}"
    );

    let not_pem = write_ca("this is not a certificate\n");
    let out = run_with(&[], &[("SSL_CERT_FILE", &not_pem)], "1");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("SSL_CERT_FILE") && err.contains("ca.pem"),
        "{err}"
    );
}

#[test]
fn serve_checks_ssl_cert_file_at_start() {
    // The CLI reads SSL_CERT_FILE once for every app's fetch(): a bad file
    // stops `serve` before it listens, naming the variable and the file.
    let app = temp_dir("app");
    std::fs::write(
        app.join("index.js"),
        "export default { fetch() { return new Response('ok'); } };\n",
    )
    .expect("write app");
    let not_pem = write_ca("this is not a certificate\n");
    let out = Command::new(BIN)
        .args(["serve", "--port", "0", "--app"])
        .arg(&app)
        .env("SSL_CERT_FILE", &not_pem)
        .output()
        .expect("run serve");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SSL_CERT_FILE") && err.contains("ca.pem"),
        "{err}"
    );
}

/// A body of 32 chunks of 64 KiB (2 MiB), chunked, so no Content-Length
/// announces its size: the limit has to be found while streaming.
fn chunked_2mib_server() -> u16 {
    let (port, _) = serve(|_, s| {
        let mut out = Vec::new();
        for _ in 0..32 {
            out.extend_from_slice(format!("{:x}\r\n", 64 * 1024).as_bytes());
            out.extend_from_slice(&[b'y'; 64 * 1024]);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
        respond(
            s,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            &out,
        )
    });
    port
}

#[test]
fn the_body_limit_applies_to_a_body_read_through_its_stream() {
    let port = chunked_2mib_server();
    let url = format!("http://127.0.0.1:{port}/");
    // A reader over response.body: chunks arrive until the limit, then a
    // read rejects with the limit's TypeError.
    let script = format!(
        r#"
const r = await fetch({url:?});
const reader = r.body.getReader();
let bytes = 0;
try {{
  for (;;) {{
    const step = await reader.read();
    if (step.done) break;
    bytes += step.value.length;
  }}
  console.log(`ok ${{bytes}}`);
}} catch (e) {{
  console.log(`${{e.name}}|${{e.cause?.code}}|${{bytes}}|${{e.message}}`);
}}
"#
    );
    let out = run(&["--fetch-max-body-mb", "1"], &script);
    let line = stdout(&out);
    let parts: Vec<&str> = line.splitn(4, '|').collect();
    assert_eq!(parts.len(), 4, "expected a failure line, got {line:?}");
    assert_eq!((parts[0], parts[1]), ("TypeError", "ERR_BODY_TOO_LARGE"));
    let read: usize = parts[2].parse().expect("a byte count");
    assert!(
        read <= 1024 * 1024,
        "no more than the limit reached the reader: {read}"
    );
    assert!(parts[3].contains("1048576 bytes"), "{line}");

    // The same body passed through `new Response(res.body)` and read with
    // text(): the error crosses the pass-through.
    let passthrough = format!(
        r#"
try {{
  const r = await fetch({url:?});
  const body = await new Response(r.body).text();
  console.log(`ok ${{body.length}}`);
}} catch (e) {{
  console.log(`${{e.name}}|${{e.cause?.code}}|${{e.message}}`);
}}
"#
    );
    let out = run(&["--fetch-max-body-mb", "1"], &passthrough);
    let (name, code, _) = failure(&out);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TypeError", "ERR_BODY_TOO_LARGE")
    );

    // Without the flag the whole body streams through.
    let out = run(&[], &passthrough);
    assert_eq!(stdout(&out), "ok 2097152");
}

#[test]
fn a_response_body_is_read_from_the_socket_only_as_it_is_asked_for() {
    // /big sends 64 MiB in 64 KiB writes and counts what the socket took;
    // /written reports the count. A fetch that does not read its body must
    // leave most of it unsent (the socket's buffers fill, the server's
    // writes block), and reading it afterwards gets every byte.
    const TOTAL: usize = 64 * 1024 * 1024;
    let written = Arc::new(AtomicUsize::new(0));
    let counter = written.clone();
    let (port, _) = serve(move |seen, s| {
        if seen.head.starts_with("GET /written") {
            let body = counter.load(Ordering::SeqCst).to_string();
            return respond(
                s,
                &format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len()),
                body.as_bytes(),
            );
        }
        let _ =
            s.write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {TOTAL}\r\n\r\n").as_bytes());
        let piece = vec![b'z'; 64 * 1024];
        for _ in 0..TOTAL / piece.len() {
            if s.write_all(&piece).is_err() {
                return false;
            }
            counter.fetch_add(piece.len(), Ordering::SeqCst);
        }
        true
    });
    let base = format!("http://127.0.0.1:{port}");
    let script = format!(
        r#"
const res = await fetch("{base}/big");
// Time for an eager reader to pull everything in, were there one.
await new Promise((resolve) => setTimeout(resolve, 500));
const before = Number(await (await fetch("{base}/written")).text());
const reader = res.body.getReader();
let total = 0;
for (;;) {{
  const step = await reader.read();
  if (step.done) break;
  total += step.value.length;
}}
console.log(`${{before}} ${{total}}`);
"#
    );
    let out = run(&[], &script);
    let line = stdout(&out);
    let (before, total) = line
        .split_once(' ')
        .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
        .unwrap_or_else(|| panic!("unexpected output {line:?}; stderr: {}", stderr(&out)));
    assert!(
        before < 32 * 1024 * 1024,
        "{before} of {TOTAL} bytes were taken from the server before anyone read the body"
    );
    assert_eq!(total, TOTAL, "then the whole body arrives");
}

#[test]
fn the_fetch_timeout_applies_to_a_body_read_through_its_stream() {
    // The head and one chunk at once, then nothing for 5 s.
    let (port, _) = serve(|_, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
        let _ = s.flush();
        std::thread::sleep(Duration::from_secs(5));
        false
    });
    let script = format!(
        r#"
const res = await fetch("http://127.0.0.1:{port}/");
const reader = res.body.getReader();
let got = "";
try {{
  for (;;) {{
    const step = await reader.read();
    if (step.done) break;
    got += new TextDecoder().decode(step.value);
  }}
  console.log(`ok ${{got}}`);
}} catch (e) {{
  console.log(`${{e.name}}|${{e.cause?.code}}|${{got}}|${{e.message}}`);
}}
"#
    );
    let started = std::time::Instant::now();
    let out = run(&["--fetch-timeout", "0.5"], &script);
    let line = stdout(&out);
    let parts: Vec<&str> = line.splitn(4, '|').collect();
    assert_eq!(
        parts.get(..3),
        Some(&["TypeError", "ETIMEDOUT", "first"][..]),
        "the chunk that came, then the timeout: {line}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
}
