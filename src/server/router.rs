//! Which app answers a request: by the `Host` header, case-insensitive,
//! with or without a port.

use std::collections::HashMap;

use super::config::{AppSpec, HostMatch, ServeConfig};

/// Host name → app index, built once from the config.
#[derive(Debug, Clone, Default)]
pub struct Router {
    exact: HashMap<String, usize>,
    /// `*.example.com` entries as (`.example.com`, app), longest suffix
    /// first so that the most specific wildcard wins.
    suffixes: Vec<(String, usize)>,
    default_app: Option<usize>,
}

impl Router {
    pub fn new(config: &ServeConfig) -> Router {
        Router::from_apps(&config.apps, config.default_app)
    }

    /// The router of `apps` (indexes into it), `default_app` taking the
    /// hosts nobody claims.
    pub fn from_apps(apps: &[AppSpec], default_app: Option<usize>) -> Router {
        let mut router = Router {
            default_app,
            ..Router::default()
        };
        for (index, app) in apps.iter().enumerate() {
            for host in &app.hostnames {
                match host {
                    HostMatch::Exact(name) => {
                        router.exact.insert(name.clone(), index);
                    }
                    HostMatch::Suffix(name) => router.suffixes.push((format!(".{name}"), index)),
                }
            }
        }
        router
            .suffixes
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        router
    }

    /// The app for a `Host` header value (`Api.Example.com:8080`,
    /// `[::1]:3000`), or the default app, or `None`.
    pub fn route(&self, host: Option<&str>) -> Option<usize> {
        let Some(name) = host.map(host_name) else {
            return self.default_app;
        };
        if let Some(&index) = self.exact.get(name.as_str()) {
            return Some(index);
        }
        self.suffixes
            .iter()
            .find(|(suffix, _)| name.len() > suffix.len() && name.ends_with(suffix.as_str()))
            .map(|&(_, index)| index)
            .or(self.default_app)
    }
}

/// The host part of a `Host` header value, lowercase, without the port or
/// a trailing dot.
pub fn host_name(value: &str) -> String {
    let value = value.trim();
    let host = if let Some(rest) = value.strip_prefix('[') {
        // An IPv6 literal: `[::1]:3000`.
        rest.split(']').next().unwrap_or(rest)
    } else {
        value.rsplit_once(':').map_or(value, |(host, _)| host)
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::{AppSpec, Limits};

    fn app(name: &str, hosts: &[HostMatch]) -> AppSpec {
        AppSpec {
            name: name.into(),
            hostnames: hosts.to_vec(),
            entry: "x.js".into(),
            root: "x.js".into(),
            env: Default::default(),
            limits: Limits::default(),
            allow_net: Vec::new(),
            kv_namespaces: Vec::new(),
            crons: Vec::new(),
            ignored: Vec::new(),
            source: None,
        }
    }

    fn config(apps: Vec<AppSpec>, default_app: Option<usize>) -> ServeConfig {
        ServeConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            threads: None,
            apps,
            default_app,
            health_path: None,
            allow_private_net: false,
            allow_net: Vec::new(),
            memory_budget_mb: None,
            connections: Default::default(),
            defaults: Limits::default(),
            base_dir: ".".into(),
            admin: None,
            watch: false,
            extra_ca_pem: Vec::new(),
            kv: crate::kv::KvSettings::Embedded {
                path: "kv.redb".into(),
            },
        }
    }

    #[test]
    fn routes_by_host_case_insensitive_with_or_without_port() {
        let router = Router::new(&config(
            vec![
                app("api", &[HostMatch::Exact("api.example.com".into())]),
                app("any", &[HostMatch::Suffix("example.com".into())]),
                app("deep", &[HostMatch::Suffix("eu.example.com".into())]),
            ],
            None,
        ));
        assert_eq!(router.route(Some("api.example.com")), Some(0));
        assert_eq!(router.route(Some("API.Example.COM:8080")), Some(0));
        assert_eq!(router.route(Some("api.example.com.")), Some(0));
        assert_eq!(router.route(Some("www.example.com")), Some(1));
        assert_eq!(router.route(Some("x.eu.example.com")), Some(2));
        assert_eq!(router.route(Some("example.com")), None, "not the apex");
        assert_eq!(router.route(Some("badexample.com")), None);
        assert_eq!(router.route(Some("other.test")), None);
        assert_eq!(router.route(None), None);
    }

    #[test]
    fn the_default_app_takes_unclaimed_hosts() {
        let router = Router::new(&config(
            vec![
                app("api", &[HostMatch::Exact("api.test".into())]),
                app("fallback", &[]),
            ],
            Some(1),
        ));
        assert_eq!(router.route(Some("api.test")), Some(0));
        assert_eq!(router.route(Some("nobody.test")), Some(1));
        assert_eq!(router.route(None), Some(1));
    }

    #[test]
    fn host_names_are_normalized() {
        assert_eq!(host_name("[::1]:3000"), "::1");
        assert_eq!(host_name("[::1]"), "::1");
        assert_eq!(host_name("Example.COM"), "example.com");
        assert_eq!(host_name("127.0.0.1:80"), "127.0.0.1");
    }
}
