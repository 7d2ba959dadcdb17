//! The Cache API in `serve` (issue 16): `fixtures/serve/cache/`.

mod support;

use support::server::{Server, serve_fixture};

const TOKEN: &str = "cache-test-token";

#[test]
fn the_cache_api_answers_as_workerd_does_and_apps_are_apart() {
    let config = serve_fixture("cache").join("nano.json");
    let server = Server::start_config_with_admin(&config, TOKEN);
    for path in ["/", "/vary", "/"] {
        let reply = server.get("one.test", path);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, "ok"),
            "{path}: {}",
            reply.body
        );
    }
    assert_eq!(server.get("one.test", "/put?who=one").body, "stored");
    assert_eq!(server.get("one.test", "/get").body, "from one");
    // The same URL in another app's cache: not there.
    assert_eq!(server.get("two.test", "/get").body, "miss");
    assert_eq!(server.get("two.test", "/put?who=two").body, "stored");
    assert_eq!(server.get("two.test", "/get").body, "from two");
    assert_eq!(server.get("one.test", "/get").body, "from one");
    let metrics = server.admin("GET", "/metrics", Some(TOKEN), "").body;
    let line = metrics
        .lines()
        .find(|l| l.starts_with(r#"nano_cache_bytes{app="one"}"#))
        .unwrap_or_else(|| panic!("{metrics}"));
    let bytes: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(bytes > 0.0 && bytes < 64_000.0, "{line}");
}
