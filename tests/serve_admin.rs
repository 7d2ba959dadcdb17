//! `nano-boa serve`'s admin API, metrics and hot reload, end to end: the
//! real binary on free loopback ports (the app listener and the admin
//! listener), driven over raw TCP.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use support::server::{Server, copy_fixture, serve_fixture, write};

const TOKEN: &str = "s3cret-token";

/// An app answering `text`: the edits the hot-reload tests make while the
/// server runs (the apps it starts with are in fixtures/serve/admin).
fn app_source(text: &str) -> String {
    format!("export default {{ fetch() {{ return new Response({text:?}); }} }};\n")
}

/// Starts a server on `config` with the admin API on a free port.
fn start_admin(config: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["--config", config.to_str().expect("utf-8")];
    args.extend_from_slice(&["--admin-port", "0"]);
    args.extend_from_slice(extra);
    Server::start(&args, &[("NANO_ADMIN_TOKEN", TOKEN)])
}

/// A copy of fixtures/serve/admin (the tests edit it): a config with app
/// `a` (a.test → a.js answering "a1"), and apps not in it yet (a2.js
/// answering "a2", slow.js answering "slow done" after 800 ms).
fn one_app() -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = copy_fixture("admin");
    let config = dir.join("nano.json");
    (dir, config)
}

/// Polls `check` every 50 ms for up to `secs` seconds.
fn eventually(secs: u64, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn app_named<'a>(list: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    list.as_array()?.iter().find(|a| a["name"] == name)
}

#[test]
fn the_admin_port_without_a_token_is_refused_at_start() {
    let (_dir, config) = one_app();
    let output = std::process::Command::new(support::server::BIN)
        .args(["serve", "--config", config.to_str().expect("utf-8")])
        .args(["--port", "0", "--admin-port", "0"])
        .env_remove("NANO_ADMIN_TOKEN")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("NANO_ADMIN_TOKEN"), "{stderr}");

    // Without --admin-port there is no admin listener, token or not.
    let server = Server::start(
        &["--config", config.to_str().expect("utf-8")],
        &[("NANO_ADMIN_TOKEN", TOKEN)],
    );
    assert!(server.admin.is_none());
    assert!(!server.log().contains("admin API listening"));
    assert_eq!(server.get("a.test", "/").body, "a1");
}

#[test]
fn admin_calls_need_the_bearer_token() {
    let (_dir, config) = one_app();
    let server = start_admin(&config, &[]);
    for token in [
        None,
        Some("wrong"),
        Some("s3cret-toke"),
        Some("s3cret-token2"),
    ] {
        for (method, path) in [
            ("GET", "/admin/apps"),
            ("GET", "/metrics"),
            ("POST", "/admin/reload"),
        ] {
            let reply = server.admin(method, path, token, "");
            assert_eq!(reply.status, 401, "{method} {path} with {token:?}");
            assert!(reply.json()["error"].is_string());
        }
    }
    let ok = server.admin("GET", "/admin/apps", Some(TOKEN), "");
    assert_eq!(ok.status, 200);
    assert_eq!(
        server.admin("GET", "/admin/nope", Some(TOKEN), "").status,
        404
    );
    let wrong_method = server.admin("PUT", "/admin/apps", Some(TOKEN), "");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("allow"), Some("GET, POST"));
    assert_eq!(
        server.admin("GET", "/admin/reload", Some(TOKEN), "").status,
        405
    );
}

#[test]
fn apps_are_listed_added_and_removed_after_draining() {
    let (_dir, config) = one_app();
    let server = start_admin(&config, &["--no-watch"]);
    assert_eq!(server.get("a.test", "/").body, "a1");

    let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
    let a = app_named(&list, "a").expect("app a listed");
    assert_eq!(a["hostnames"], serde_json::json!(["a.test"]));
    assert_eq!(a["version"], 1);
    assert_eq!(a["requests"], 1);
    assert_eq!(a["state"], "loaded");

    // Invalid: a bad hostname. Named, and nothing added.
    let bad = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "b", "hostname": "not a host", "path": "slow.js" }"#,
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.json()["field"], "hostname");
    let unknown = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "b", "hostname": "b.test", "path": "slow.js", "tiemout_ms": 5 }"#,
    );
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.json()["error"]
            .as_str()
            .unwrap()
            .contains("tiemout_ms")
    );
    let missing = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "b", "hostname": "b.test", "path": "missing.js" }"#,
    );
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["field"], "path");
    let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
    assert!(app_named(&list, "b").is_none(), "nothing half-applied");
    assert_eq!(server.get("b.test", "/").status, 404);

    // Name taken, hostname taken: 409.
    let taken = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "a", "hostname": "other.test", "path": "slow.js" }"#,
    );
    assert_eq!(taken.status, 409);
    let host_taken = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "c", "hostname": "A.test", "path": "slow.js" }"#,
    );
    assert_eq!(host_taken.status, 409);
    assert_eq!(host_taken.json()["field"], "hostname");

    // Added (relative path against the config's directory): it serves.
    let added = server.admin(
        "POST",
        "/admin/apps",
        Some(TOKEN),
        r#"{ "name": "slow", "hostnames": ["slow.test"], "path": "slow.js" }"#,
    );
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(server.get("slow.test", "/").body, "slow done");

    // Removed while a request is in flight: that request completes, then
    // the host is gone.
    let addr = server.addr.clone();
    let in_flight = std::thread::spawn(move || {
        support::server::http(&addr, "GET", "/", &[("Host", "slow.test")], "")
    });
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let removed = server.admin("DELETE", "/admin/apps/slow", Some(TOKEN), "");
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert_eq!(removed.json()["drained"], true);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "DELETE waited for the request in flight"
    );
    let reply = in_flight.join().expect("thread").expect("a response");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "slow done");
    assert_eq!(server.get("slow.test", "/").status, 404);
    assert_eq!(
        server
            .admin("DELETE", "/admin/apps/slow", Some(TOKEN), "")
            .status,
        404
    );
    assert_eq!(server.get("a.test", "/").body, "a1", "the others go on");
}

#[test]
fn admin_reload_applies_a_changed_config_and_refuses_a_broken_one() {
    let (dir, config) = one_app();
    let server = start_admin(&config, &["--no-watch"]);
    assert_eq!(server.get("a.test", "/").body, "a1");

    // The changes under test are made here, while the server runs: app b
    // added, an env for a.
    write(&dir, "b.js", &app_source("b1"));
    write(
        &dir,
        "nano.json",
        r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "a.js", "env": { "X": "1" } },
                       { "name": "b", "hostname": "b.test", "path": "b.js" } ] }"#,
    );
    let reloaded = server.admin("POST", "/admin/reload", Some(TOKEN), "");
    assert_eq!(reloaded.status, 200, "{}", reloaded.body);
    let report = reloaded.json();
    assert_eq!(report["added"], serde_json::json!(["b"]));
    assert_eq!(report["updated"], serde_json::json!(["a"]));
    assert_eq!(server.get("b.test", "/").body, "b1");
    assert_eq!(server.get("a.test", "/").body, "a1");
    let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
    assert_eq!(app_named(&list, "a").expect("a")["version"], 2);

    // Broken: 400 with the error; the old config keeps serving.
    write(
        &dir,
        "nano.json",
        r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "nope.js" } ] }"#,
    );
    let refused = server.admin("POST", "/admin/reload", Some(TOKEN), "");
    assert_eq!(refused.status, 400);
    assert!(
        refused.json()["error"]
            .as_str()
            .unwrap()
            .contains("apps[0].path"),
        "{}",
        refused.body
    );
    assert_eq!(server.get("b.test", "/").body, "b1");
    assert_eq!(server.get("a.test", "/").body, "a1");
}

#[test]
fn the_watcher_applies_a_config_change_under_load_without_errors() {
    let (dir, config) = one_app();
    let server = start_admin(&config, &[]);
    assert_eq!(server.get("a.test", "/").body, "a1");

    let stop = Arc::new(AtomicBool::new(false));
    let seen_new = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let hammer = {
        let (addr, stop, seen_new, failures) = (
            server.addr.clone(),
            stop.clone(),
            seen_new.clone(),
            failures.clone(),
        );
        std::thread::spawn(move || {
            let mut count = 0;
            // Bounded: 20 s or until stopped.
            let deadline = Instant::now() + Duration::from_secs(20);
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                match support::server::http(&addr, "GET", "/", &[("Host", "a.test")], "") {
                    Some(reply) if reply.status == 200 && reply.body == "a2" => {
                        seen_new.store(true, Ordering::Relaxed);
                    }
                    Some(reply) if reply.status == 200 && reply.body == "a1" => {}
                    other => {
                        eprintln!("unexpected: {other:?}");
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
                count += 1;
            }
            count
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    // The change under test, made under load: a.test now serves a2.js.
    write(
        &dir,
        "nano.json",
        r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "a2.js" } ] }"#,
    );
    let switched = eventually(10, || seen_new.load(Ordering::Relaxed));
    // A little more traffic on the new version.
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::Relaxed);
    let count = hammer.join().expect("hammer");
    assert!(
        switched,
        "the new config was not picked up: {}",
        server.log()
    );
    assert_eq!(failures.load(Ordering::Relaxed), 0, "{}", server.log());
    assert!(count > 10, "{count} requests");
    assert_eq!(server.get("a.test", "/").body, "a2");
}

#[test]
fn source_edits_are_hot_reloaded_and_broken_edits_are_not_swapped_in() {
    let (dir, config) = one_app();
    let server = start_admin(&config, &[]);
    assert_eq!(server.get("a.test", "/").body, "a1");

    // The edits under test are made here, while the server runs.
    write(&dir, "a.js", &app_source("a2"));
    assert!(
        eventually(10, || server.get("a.test", "/").body == "a2"),
        "the edit was not picked up: {}",
        server.log()
    );

    // A syntax error on line 2: not swapped in.
    write(
        &dir,
        "a.js",
        "export default {\n  fetch() { return new Response(; }\n};\n",
    );
    let shown = eventually(10, || {
        let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
        let a = app_named(&list, "a").expect("a").clone();
        a["state"] == "failed"
            && a["rejected"]["error"]
                .as_str()
                .is_some_and(|e| e.contains("a.js:2"))
    });
    let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
    assert!(shown, "error not shown: {list}\n{}", server.log());
    assert_eq!(app_named(&list, "a").expect("a")["version"], 2);
    assert!(server.log_contains("a.js:2"), "{}", server.log());
    for _ in 0..5 {
        let reply = server.get("a.test", "/");
        assert_eq!((reply.status, reply.body.as_str()), (200, "a2"));
    }

    // Fixed: swapped in, the error cleared.
    write(&dir, "a.js", &app_source("a3"));
    assert!(eventually(10, || server.get("a.test", "/").body == "a3"));
    let list = server.admin("GET", "/admin/apps", Some(TOKEN), "").json();
    let a = app_named(&list, "a").expect("a");
    assert_eq!(a["version"], 3);
    assert_eq!(a["state"], "loaded");
    assert!(a["rejected"].is_null());
}

#[test]
fn metrics_count_requests_by_app_and_status() {
    let (_dir, config) = one_app();
    let server = start_admin(&config, &["--no-watch"]);
    for _ in 0..7 {
        assert_eq!(server.get("a.test", "/").status, 200);
    }
    assert_eq!(server.get("nobody.test", "/").status, 404);
    let reply = server.admin("GET", "/metrics", Some(TOKEN), "");
    assert_eq!(reply.status, 200);
    let lines = reply.body.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text");
    let count = |name: &str, labels: &[(&str, &str)]| {
        scrape
            .samples
            .iter()
            .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(v)))
            .map(|s| match &s.value {
                prometheus_parse::Value::Counter(v)
                | prometheus_parse::Value::Gauge(v)
                | prometheus_parse::Value::Untyped(v) => *v,
                other => panic!("{name}: {other:?}"),
            })
    };
    assert_eq!(
        count("nano_requests_total", &[("app", "a"), ("status", "200")]),
        Some(7.0),
        "{}",
        reply.body
    );
    assert_eq!(count("nano_requests_in_flight", &[("app", "a")]), Some(0.0));
    assert!(count("nano_app_cold_starts_total", &[("app", "a")]).is_some_and(|n| n >= 1.0));
    assert!(count("nano_open_connections", &[]).is_some());
    let histogram = scrape
        .samples
        .iter()
        .find(|s| s.metric == "nano_request_duration_seconds" && s.labels.get("app") == Some("a"))
        .expect("latency histogram");
    match &histogram.value {
        prometheus_parse::Value::Histogram(buckets) => {
            let total = buckets.iter().map(|b| b.count).fold(0.0, f64::max);
            assert_eq!(total, 7.0);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn metrics_count_cpu_limit_kills() {
    // s.test answers "ok", or spins on `/spin`; timeout_ms 300.
    let config = serve_fixture("cpu-limit-metrics/nano.json");
    let server = start_admin(&config, &["--no-watch"]);
    assert_eq!(server.get("s.test", "/").status, 200);
    assert_eq!(server.get("s.test", "/spin").status, 503);
    assert_eq!(server.get("s.test", "/").status, 200);
    let reply = server.admin("GET", "/metrics", Some(TOKEN), "");
    let lines = reply.body.lines().map(|l| Ok(l.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text");
    let kills = scrape
        .samples
        .iter()
        .find(|s| s.metric == "nano_cpu_limit_kills_total" && s.labels.get("app") == Some("s"))
        .map(|s| match &s.value {
            prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Untyped(v) => *v,
            other => panic!("{other:?}"),
        });
    assert_eq!(kills, Some(1.0), "{}", reply.body);
}

#[test]
fn requests_in_flight_finish_on_the_old_version() {
    // A copy (the test edits it): a.js answers "v1" after 700 ms; the
    // edit below, made while a request is in flight, answers "v2".
    let dir = copy_fixture("in-flight-reload");
    let config = dir.join("nano.json");
    let slow = |text: &str| {
        format!(
            "export default {{ async fetch() {{\n  await new Promise((ok) => setTimeout(ok, 700));\n  return new Response({text:?});\n}} }};\n"
        )
    };
    let server = start_admin(&config, &["--threads", "1"]);
    assert_eq!(server.get("a.test", "/").body, "v1");
    let addr = server.addr.clone();
    let in_flight = std::thread::spawn(move || {
        support::server::http(&addr, "GET", "/", &[("Host", "a.test")], "")
    });
    std::thread::sleep(Duration::from_millis(100));
    write(&dir, "a.js", &slow("v2"));
    assert!(
        server.log_contains("new version swapped in"),
        "{}",
        server.log()
    );
    let old = in_flight.join().expect("thread").expect("a response");
    assert_eq!((old.status, old.body.as_str()), (200, "v1"));
    assert_eq!(server.get("a.test", "/").body, "v2");
}

#[test]
fn sigterm_stops_the_admin_listener_too() {
    let (_dir, config) = one_app();
    let mut server = start_admin(&config, &[]);
    let admin = server.admin.clone().expect("admin address");
    assert_eq!(
        server.admin("GET", "/admin/apps", Some(TOKEN), "").status,
        200
    );
    assert_eq!(server.terminate(), Some(0), "{}", server.log());
    assert!(std::net::TcpStream::connect(&admin).is_err());
}
