//! Workers KV bindings (issue 16) against the real binary and the
//! embedded store on disk: `fixtures/serve/kv/` (its README says where the
//! expected values come from).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::server::{BIN, Server, fixture, temp_dir, write};

const TOKEN: &str = "kv-test-token";

/// A copy of `fixtures/serve/kv` in a fresh directory, so that the store
/// (`./data` beside the config) is the test's own.
fn kv_fixture(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let source = fixture("serve/kv");
    for entry in std::fs::read_dir(&source).expect("fixture") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
        }
    }
    dir
}

fn start(dir: &Path) -> Server {
    let config = dir.join("nano.json");
    Server::start(
        &[
            "--config",
            config.to_str().expect("utf-8"),
            "--no-watch",
            "--admin-port",
            "0",
        ],
        &[("NANO_ADMIN_TOKEN", TOKEN)],
    )
}

#[test]
fn the_kv_api_answers_as_workerd_does() {
    let dir = kv_fixture("kv-api");
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
    let dir = kv_fixture("kv-counter");
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
fn a_store_in_use_by_another_server_is_a_clear_startup_error() {
    let dir = kv_fixture("kv-locked");
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
