//! Workers' service-worker format (issue 16): `fixtures/serve/service-worker/`.

mod support;

use support::server::{Server, copy_fixture};

const TOKEN: &str = "sw-test-token";

#[test]
fn a_service_worker_script_answers_with_its_bindings_as_globals() {
    let dir = copy_fixture("service-worker");
    let config = dir.join("nano.json");
    let server = Server::start_config_with_admin(&config, TOKEN);
    let reply = server.get("sw.test", "/hi");
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (
            200,
            "Hello from a service worker: GET /hi (true, fetch, function)"
        )
    );
    assert_eq!(server.get("sw.test", "/count").body, "1");
    assert_eq!(server.get("sw.test", "/count").body, "2");
    assert_eq!(server.get("sw.test", "/silent").status, 500);
    assert_eq!(server.get("sw.test", "/throws").status, 500);
    assert!(
        server.log_contains("no fetch event listener called event.respondWith()"),
        "{}",
        server.log()
    );
    assert!(
        server.log_contains("the listener threw"),
        "{}",
        server.log()
    );
    let reply = server.admin(
        "POST",
        "/admin/apps/sw/scheduled?cron=0+*+*+*+*",
        Some(TOKEN),
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(server.get("sw.test", "/cron").body, "scheduled 0 * * * *");
    // The instance kept serving through the errors.
    assert_eq!(server.get("sw.test", "/count").body, "3");
}
