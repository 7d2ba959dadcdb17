//! Workers KV bindings (issue 16) against the real binary and the
//! embedded store on disk: `fixtures/serve/kv/` (its README says where the
//! expected values come from).

mod support;

use std::path::Path;
use std::process::Command;

use support::redis::RedisServer;
use support::server::{BIN, Server, copy_fixture, temp_dir, write};

const TOKEN: &str = "kv-test-token";

fn start(dir: &Path) -> Server {
    start_config(&dir.join("nano.json"))
}

fn start_config(config: &Path) -> Server {
    Server::start_config_with_admin(config, TOKEN)
}

#[test]
fn the_kv_api_answers_as_workerd_does() {
    let dir = copy_fixture("kv");
    let server = start(&dir);
    let reply = server.get("api.test", "/");
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "ok"),
        "{}",
        reply.body
    );
    // Twice: the second run meets every key the first one stored.
    let reply = server.get("api.test", "/");
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "ok"),
        "{}",
        reply.body
    );
}

#[test]
fn a_counter_survives_a_restart_and_namespaces_are_shared_by_id() {
    let dir = copy_fixture("kv");
    let mut server = start(&dir);
    assert_eq!(server.get("counter.test", "/").body, "1");
    assert_eq!(server.get("counter.test", "/").body, "2");
    // Same id: the same keys; another id: apart.
    assert_eq!(server.get("twin.test", "/").body, "3");
    assert_eq!(server.get("apart.test", "/").body, "1");
    assert_eq!(server.get("api.test", "/peek").status, 200);

    let metrics = server.admin("GET", "/metrics", Some(TOKEN), "").body;
    assert!(
        metrics.contains(r#"nano_kv_operations_total{app="counter",op="put"} 2"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"nano_kv_operations_total{app="counter",op="get"} 2"#),
        "{metrics}"
    );
    // "1" then "2" stored by `counter`: two bytes written.
    assert!(
        metrics.contains(r#"nano_kv_bytes_total{app="counter",op="put"} 2"#),
        "{metrics}"
    );

    assert_eq!(server.terminate(), Some(0));
    let server = start(&dir);
    assert_eq!(server.get("counter.test", "/peek").body, "3");
    assert_eq!(server.get("counter.test", "/").body, "4");
    assert_eq!(server.get("apart.test", "/").body, "2");
}

#[test]
fn the_kv_api_answers_as_workerd_does_on_redis() {
    let redis = RedisServer::start();
    let dir = copy_fixture("kv");
    let server = start_config(&redis.kv_config(&dir));
    for _ in 0..2 {
        let reply = server.get("api.test", "/");
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, "ok"),
            "{}",
            reply.body
        );
    }
    // The value lives in Redis, in a hash per key, with its TTL.
    let ttl = redis.command("TTL nano-boa:kv:3:api:ttl");
    let seconds: i64 = ttl.trim_start_matches(':').trim().parse().expect("a TTL");
    assert!((100..=120).contains(&seconds), "{ttl}");
}

#[test]
fn two_servers_on_one_redis_count_together() {
    let redis = RedisServer::start();
    let dir = copy_fixture("kv");
    let config = redis.kv_config(&dir);
    let one = start_config(&config);
    let two = start_config(&config);
    assert_eq!(one.get("counter.test", "/").body, "1");
    assert_eq!(two.get("counter.test", "/").body, "2");
    assert_eq!(one.get("twin.test", "/").body, "3");
    assert_eq!(two.get("apart.test", "/").body, "1");
    assert_eq!(two.get("counter.test", "/peek").body, "3");
    // No file store was made: everything is in Redis.
    assert!(!dir.join("data").exists());
}

#[test]
fn kv_calls_fail_clearly_while_redis_is_down_and_the_server_stays_up() {
    let redis = RedisServer::start();
    let dir = copy_fixture("kv");
    let server = start_config(&redis.kv_config(&dir));
    assert_eq!(server.get("counter.test", "/").body, "1");
    drop(redis);
    let reply = server.get("counter.test", "/");
    assert_eq!(reply.status, 500, "{}", reply.body);
    assert!(
        server.log_contains("KV GET failed: 500 KV store"),
        "{}",
        server.log()
    );
    // Another app, and the health check, are untouched.
    assert_eq!(server.get("x", "/healthz").status, 200);
}

#[test]
fn a_store_in_use_by_another_server_is_a_clear_startup_error() {
    let dir = copy_fixture("kv");
    let _first = start(&dir);
    let out = Command::new(BIN)
        .args(["serve", "--config"])
        .arg(dir.join("nano.json"))
        .args(["--port", "0", "--no-watch"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr.contains("data/kv.redb is open in another process"),
        "{stderr}"
    );
}

#[test]
fn kv_config_errors_name_the_key() {
    let dir = temp_dir("kv-config");
    write(
        &dir,
        "app.js",
        "export default { fetch() { return new Response('x'); } };",
    );
    let cases = [
        (
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js",
                 "kv_namespaces": [ { "binding": "1st", "id": "x" } ] } ] }"#,
            "apps[0].kv_namespaces[0].binding: \"1st\" is not a valid binding name",
        ),
        (
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js", "env": { "KV": "text" },
                 "kv_namespaces": [ { "binding": "KV", "id": "x" } ] } ] }"#,
            "apps[0].kv_namespaces[0].binding: \"KV\" is bound twice",
        ),
        (
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js",
                 "kv_namespaces": [ { "binding": "KV" } ] } ] }"#,
            "missing field `id`",
        ),
        (
            r#"{ "kv": { "backend": "etcd" }, "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js" } ] }"#,
            "kv.backend: \"etcd\" is not a KV backend",
        ),
        (
            r#"{ "kv": { "backend": "redis" }, "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js" } ] }"#,
            "kv.url: is missing",
        ),
        (
            r#"{ "kv": { "backend": "redis", "url": "http://x" }, "apps": [ { "name": "a", "hostname": "a.test", "path": "app.js" } ] }"#,
            "kv.url: \"http://x\" is not a redis:// or redis+unix:// URL",
        ),
    ];
    for (config, expected) in cases {
        let path = write(&dir, "nano.json", config);
        let out = Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{config}: {stderr}");
        assert!(stderr.contains(expected), "{config}: {stderr}");
    }
}
