//! Workers described by wrangler files (issue 16): `fixtures/serve/wrangler/`.

mod support;

use std::process::Command;

use support::server::{BIN, Server, copy_fixture, temp_dir, write};

#[test]
fn a_wrangler_toml_worker_with_vars_and_kv_answers_on_its_route() {
    let dir = copy_fixture("wrangler");
    let config = dir.join("nano.json");
    let server = Server::start(&["--config", config.to_str().unwrap(), "--no-watch"], &[]);
    let reply = server.get("greeter.test", "/");
    assert_eq!(reply.status, 200, "{}", reply.body);
    // GREETING from nano.json's env, TIMES and FLAGS from [vars] as JSON.
    assert_eq!(
        reply.json(),
        serde_json::json!({ "text": "HI HI", "visits": 1, "vars": "number" })
    );
    assert_eq!(server.get("greeter.test", "/").json()["visits"], 2);
    // The route is the app's hostname: other hosts are not its.
    assert_eq!(server.get("other.test", "/").status, 404);
    assert!(
        server.log_contains("wrangler settings nano-boa does not use"),
        "{}",
        server.log()
    );
    assert!(
        server.log_contains("account_id,observability,workers_dev"),
        "{}",
        server.log()
    );
    // The store is beside nano.json (kv.path), shared by id.
    assert!(dir.join("data/kv.redb").is_file());
}

#[test]
fn serve_wrangler_serves_the_worker_for_every_host() {
    let dir = copy_fixture("wrangler");
    let file = dir.join("wrangler.jsonc");
    let server = Server::start(&["--wrangler", file.to_str().unwrap(), "--no-watch"], &[]);
    let reply = server.get("anything.example", "/");
    assert_eq!(
        reply.json(),
        serde_json::json!({ "text": "Howdy", "visits": 1, "vars": "number" }),
        "{}",
        reply.body
    );
    // Its KV store is beside the wrangler file, as wrangler keeps .wrangler/.
    assert!(dir.join(".nano-boa/kv/kv.redb").is_file());
}

#[test]
fn wrangler_errors_name_the_file_and_key() {
    let dir = temp_dir("wrangler-errors");
    write(
        &dir,
        "index.js",
        "export default { fetch: () => new Response('x') };",
    );
    let cases = [
        ("name = \"w\"\n", "main: is missing"),
        ("main = \"nope.js\"\n", "nope.js does not exist"),
        (
            "main = \"index.js\"\n[[kv_namespaces]]\nbinding = \"K\"\n",
            "kv_namespaces[0].id: is missing",
        ),
        (
            "main = \"index.js\"\n[triggers]\ncrons = [\"soon\"]\n",
            "triggers.crons[0]: \"soon\" is not a cron expression",
        ),
        ("main = [", "not valid TOML"),
    ];
    for (text, expected) in cases {
        let file = write(&dir, "wrangler.toml", text);
        let out = Command::new(BIN)
            .args(["serve", "--wrangler"])
            .arg(&file)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {stderr}");
        assert!(stderr.contains("wrangler.toml"), "{text}: {stderr}");
        assert!(stderr.contains(expected), "{text}: {stderr}");
    }
    // In nano.json: under the entry's "wrangler" key.
    write(&dir, "wrangler.toml", "name = \"w\"\n");
    let config = write(
        &dir,
        "nano.json",
        r#"{ "apps": [ { "wrangler": "wrangler.toml", "default": true } ] }"#,
    );
    let out = Command::new(BIN)
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("apps[0].wrangler:"), "{stderr}");
    assert!(stderr.contains("main: is missing"), "{stderr}");
}
