//! Cron triggers and `scheduled` handlers (issue 16) against the real
//! binary: `fixtures/serve/cron/`.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::server::{Server, copy_fixture};

const TOKEN: &str = "cron-test-token";

fn start(dir: &Path) -> Server {
    Server::start_config_with_admin(&dir.join("nano.json"), TOKEN)
}

fn runs(server: &Server) -> Vec<serde_json::Value> {
    let reply = server.get("job.test", "/");
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json().as_array().cloned().expect("an array")
}

#[test]
fn the_admin_trigger_runs_the_handler_and_waits_for_its_work() {
    let dir = copy_fixture("cron");
    let server = start(&dir);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64;
    let reply = server.admin(
        "POST",
        "/admin/apps/job/scheduled?cron=0+12+*+*+mon-fri",
        Some(TOKEN),
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answer = reply.json();
    assert_eq!(answer["outcome"], "ok");
    assert_eq!(answer["cron"], "0 12 * * mon-fri");
    // The waitUntil write is done when the trigger answers.
    let runs = runs(&server);
    let run = runs.last().expect("a run");
    assert_eq!(run["type"], "scheduled");
    assert_eq!(run["cron"], "0 12 * * mon-fri");
    assert_eq!(run["noRetry"], "function");
    let time = run["scheduledTime"].as_f64().expect("a number");
    assert!(
        time >= before.floor() - 1000.0 && time <= before + 60_000.0,
        "{time}"
    );

    // Without ?cron=, the app's first expression.
    let reply = server.admin("POST", "/admin/apps/job/scheduled", Some(TOKEN), "");
    assert_eq!(reply.json()["cron"], "* * * * *", "{}", reply.body);

    // A throwing handler and a rejected waitUntil promise: 500 with the error.
    let reply = server.admin(
        "POST",
        "/admin/apps/failing/scheduled?cron=0+0+*+*+1",
        Some(TOKEN),
        "",
    );
    assert_eq!(reply.status, 500, "{}", reply.body);
    let error = reply.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(error.contains("the job failed on purpose"), "{error}");
    let reply = server.admin(
        "POST",
        "/admin/apps/failing/scheduled?cron=*+*+*+*+*",
        Some(TOKEN),
        "",
    );
    assert_eq!(reply.status, 500, "{}", reply.body);
    assert!(
        reply.body.contains("the background work failed"),
        "{}",
        reply.body
    );
    // An app without a scheduled handler, an unknown app, a bad cron.
    let reply = server.admin("POST", "/admin/apps/web/scheduled", Some(TOKEN), "");
    assert_eq!(reply.status, 500, "{}", reply.body);
    assert!(reply.body.contains("no scheduled method"), "{}", reply.body);
    assert_eq!(web_body(&server), "web");
    let reply = server.admin("POST", "/admin/apps/nobody/scheduled", Some(TOKEN), "");
    assert_eq!(reply.status, 404);
    let reply = server.admin(
        "POST",
        "/admin/apps/job/scheduled?cron=61+*+*+*+*",
        Some(TOKEN),
        "",
    );
    assert_eq!(reply.status, 400, "{}", reply.body);
    // An app with only a scheduled handler answers HTTP with a 500.
    assert_eq!(server.get("failing.test", "/").status, 500);

    let metrics = server.admin("GET", "/metrics", Some(TOKEN), "").body;
    assert!(
        metrics.contains(r#"nano_scheduled_runs_total{app="failing",outcome="error"} 2"#),
        "{metrics}"
    );
}

fn web_body(server: &Server) -> String {
    server.get("web.test", "/").body
}

#[test]
fn a_cron_fires_on_its_own_at_the_minute() {
    let dir = copy_fixture("cron");
    let server = start(&dir);
    // `* * * * *` fires at the next minute boundary: within 61 s.
    let deadline = Instant::now() + Duration::from_secs(65);
    loop {
        let runs = runs(&server);
        if let Some(run) = runs.first() {
            assert_eq!(run["cron"], "* * * * *");
            let time = run["scheduledTime"].as_f64().expect("a number");
            assert_eq!(time % 60_000.0, 0.0, "due at a whole minute: {time}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the cron did not fire: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(server.log_contains("scheduled"), "{}", server.log());
}

#[test]
fn bad_crons_are_config_errors() {
    let dir = copy_fixture("cron");
    let config = dir.join("nano.json");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("0 12 * * mon-fri", "0 25 * * *");
    std::fs::write(&config, text).unwrap();
    let out = std::process::Command::new(support::server::BIN)
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("apps[0].crons[1]: \"0 25 * * *\" is not a cron expression"),
        "{stderr}"
    );
}
