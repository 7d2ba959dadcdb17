//! The `serve` configuration: a `nano.json` file (NANO's format, extended)
//! or the `--app PATH` flags, checked whole before anything starts.
//!
//! ```json
//! { "port": 3000,
//!   "defaults": { "timeout_ms": 5000, "memory_mb": 128 },
//!   "apps": [ { "name": "api", "hostname": "api.example.com",
//!               "path": "./apps/api", "env": { "KEY": "v" } } ] }
//! ```
//!
//! Extensions: `host` (listen address), `threads`, `health_path` (a path or
//! `null` to let apps own `/healthz`), `allow_private_net` and `allow_net`
//! (outbound fetch policy), per app `hostnames` (several, `*.example.com`
//! wildcards), `main` (entry file of a directory app), `default` (the app
//! for hosts nobody claims) and the limits of `defaults` overridden per app.
//!
//! Unknown keys and invalid values are errors naming the key
//! (`apps[1].hostname`), found by `serde_path_to_error`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::net::HostPattern;

/// Where the config came from, for messages.
#[derive(Debug)]
pub struct ConfigError {
    /// `nano.json`, or the flag that was wrong.
    pub source: String,
    /// The key path (`apps[1].path`), empty for the document itself.
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}: {}: {}", self.source, self.key, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// Per-app limits, resolved (config `defaults`, then the app's own keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// JavaScript time per request before it is stopped (issue 6 enforces).
    pub timeout_ms: u64,
    /// Heap an app may use before its context is recycled (issue 6).
    pub memory_mb: u64,
    /// Largest request body; larger ones are answered 413.
    pub max_body_mb: u64,
    /// `fetch()` calls per request (issue 6 enforces).
    pub max_subrequests: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout_ms: 5000,
            memory_mb: 128,
            max_body_mb: 10,
            max_subrequests: 50,
        }
    }
}

/// A hostname an app answers for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HostMatch {
    /// `api.example.com`, lowercase.
    Exact(String),
    /// `*.example.com`: any name ending in `.example.com` (not the apex).
    Suffix(String),
}

impl HostMatch {
    fn parse(text: &str) -> Result<HostMatch, String> {
        let lower = text.trim().to_ascii_lowercase();
        let (wildcard, name) = match lower.strip_prefix("*.") {
            Some(rest) => (true, rest.to_string()),
            None => (false, lower.clone()),
        };
        let valid_label = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        let ok = !name.is_empty()
            && name.len() <= 253
            && (name.parse::<IpAddr>().is_ok() && !wildcard || name.split('.').all(valid_label));
        if !ok {
            return Err(format!(
                "{text:?} is not a valid hostname (letters, digits, '-', dots; \
                 a leading \"*.\" for subdomains; no port)"
            ));
        }
        Ok(if wildcard {
            HostMatch::Suffix(name)
        } else {
            HostMatch::Exact(name)
        })
    }
}

impl fmt::Display for HostMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostMatch::Exact(name) => f.write_str(name),
            HostMatch::Suffix(name) => write!(f, "*.{name}"),
        }
    }
}

/// One app, checked.
#[derive(Debug, Clone)]
pub struct AppSpec {
    pub name: String,
    pub hostnames: Vec<HostMatch>,
    /// The ES module to load (a file, or a directory's `index.js`/`main`).
    pub entry: PathBuf,
    /// The app's `env`: strings and JSON values.
    pub env: serde_json::Map<String, Value>,
    pub limits: Limits,
    /// Extra outbound destinations this app may reach under the private
    /// network policy.
    pub allow_net: Vec<HostPattern>,
}

/// The whole server configuration, checked.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    pub apps: Vec<AppSpec>,
    /// Index in `apps` of the app for unclaimed hosts.
    pub default_app: Option<usize>,
    /// `GET` on this path answers `{"status":"ok"}` without running app
    /// code; `None` leaves every path to the apps.
    pub health_path: Option<String>,
    /// Outbound fetch may reach private addresses (off by default).
    pub allow_private_net: bool,
    /// Outbound destinations allowed for every app.
    pub allow_net: Vec<HostPattern>,
    /// Resident memory (MiB) above which idle app instances are evicted
    /// (least recently used first) and reloaded on their next request.
    pub memory_budget_mb: Option<u64>,
    pub connections: ConnectionLimits,
}

/// Limits of the HTTP layer, before any app code runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A request head must arrive within this long, and an idle keep-alive
    /// connection is closed after it (slowloris protection).
    pub header_timeout_ms: u64,
    /// Largest request head; larger ones are answered 431.
    pub max_header_kb: u64,
    /// Open connections in the whole process; more are answered 503 and
    /// closed.
    pub max_connections: usize,
    /// On SIGTERM/SIGINT, how long in-flight requests (and their waitUntil
    /// work) may take before the process exits anyway.
    pub drain_timeout_ms: u64,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout_ms: 10_000,
            max_header_kb: 32,
            max_connections: 10_000,
            drain_timeout_ms: 30_000,
        }
    }
}

pub const DEFAULT_PORT: u16 = 3000;
pub const DEFAULT_HEALTH_PATH: &str = "/healthz";

// ---- The file format (serde) ------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    port: Option<u16>,
    host: Option<String>,
    threads: Option<usize>,
    #[serde(default)]
    defaults: LimitKeys,
    apps: Vec<AppKeys>,
    #[serde(default = "default_health_path")]
    health_path: Option<String>,
    #[serde(default)]
    allow_private_net: bool,
    #[serde(default)]
    allow_net: Vec<String>,
    memory_budget_mb: Option<u64>,
    header_timeout_ms: Option<u64>,
    max_header_kb: Option<u64>,
    max_connections: Option<usize>,
    drain_timeout_ms: Option<u64>,
}

fn default_health_path() -> Option<String> {
    Some(DEFAULT_HEALTH_PATH.to_string())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LimitKeys {
    timeout_ms: Option<u64>,
    memory_mb: Option<u64>,
    max_body_mb: Option<u64>,
    max_subrequests: Option<u32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppKeys {
    name: String,
    hostname: Option<OneOrMany>,
    #[serde(default)]
    hostnames: Vec<String>,
    path: PathBuf,
    main: Option<String>,
    #[serde(default)]
    env: serde_json::Map<String, Value>,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    allow_net: Vec<String>,
    timeout_ms: Option<u64>,
    memory_mb: Option<u64>,
    max_body_mb: Option<u64>,
    max_subrequests: Option<u32>,
}

/// Flags that override the file (or stand alone with `--app`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub port: Option<u16>,
    pub host: Option<String>,
    pub threads: Option<usize>,
    pub allow_private_net: bool,
    pub allow_net: Vec<HostPattern>,
    pub memory_budget_mb: Option<u64>,
}

/// Reads and checks a config file. Relative paths in it resolve against
/// the file's directory.
pub fn load_file(path: &Path, overrides: &Overrides) -> Result<ServeConfig, ConfigError> {
    let source = path.display().to_string();
    let err = |key: &str, message: String| ConfigError {
        source: source.clone(),
        key: key.to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err("", format!("cannot read: {e}")))?;
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    let file: File = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let key = e.path().to_string();
        let key = if key == "." { String::new() } else { key };
        err(&key, e.into_inner().to_string())
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    from_file(file, base, overrides).map_err(|(key, message)| err(&key, message))
}

/// A one-app configuration for `serve --app PATH`: the app answers every
/// host.
pub fn single_app(
    path: &Path,
    env: serde_json::Map<String, Value>,
    limits: Limits,
    overrides: &Overrides,
) -> Result<ServeConfig, ConfigError> {
    let entry = entry_point(path, None).map_err(|message| ConfigError {
        source: "--app".into(),
        key: String::new(),
        message,
    })?;
    let name = app_name_from_path(path);
    let listen =
        listen_addr(overrides.host.as_deref(), overrides.port).map_err(|message| ConfigError {
            source: "--host".into(),
            key: String::new(),
            message,
        })?;
    Ok(ServeConfig {
        listen,
        threads: overrides.threads,
        apps: vec![AppSpec {
            name,
            hostnames: Vec::new(),
            entry,
            env,
            limits,
            allow_net: Vec::new(),
        }],
        default_app: Some(0),
        health_path: default_health_path(),
        allow_private_net: overrides.allow_private_net,
        allow_net: overrides.allow_net.clone(),
        memory_budget_mb: overrides.memory_budget_mb,
        connections: ConnectionLimits::default(),
    })
}

/// `hello` for `examples/apps/hello/` or `hello.js`.
fn app_name_from_path(path: &Path) -> String {
    let stem = if path.is_dir() {
        path.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    } else {
        path.file_stem().map(|n| n.to_string_lossy().into_owned())
    };
    stem.filter(|s| !s.is_empty())
        .unwrap_or_else(|| "app".to_string())
}

fn listen_addr(host: Option<&str>, port: Option<u16>) -> Result<SocketAddr, String> {
    let host = host.unwrap_or("127.0.0.1");
    let ip: IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| format!("{host:?} is not an IP address to listen on"))?;
    Ok(SocketAddr::new(ip, port.unwrap_or(DEFAULT_PORT)))
}

/// The module an app path names: a file, or in a directory `main` (when
/// given) else `index.js`, `index.mjs`.
fn entry_point(path: &Path, main: Option<&str>) -> Result<PathBuf, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    if meta.is_file() {
        if main.is_some() {
            return Err(format!(
                "\"main\" is only for directory apps, and {} is a file",
                path.display()
            ));
        }
        return Ok(path.to_path_buf());
    }
    let candidates: Vec<PathBuf> = match main {
        Some(main) => vec![path.join(main)],
        None => vec![path.join("index.js"), path.join("index.mjs")],
    };
    candidates
        .iter()
        .find(|c| c.is_file())
        .cloned()
        .ok_or_else(|| {
            let names: Vec<String> = candidates.iter().map(|c| c.display().to_string()).collect();
            format!("no entry module: {} does not exist", names.join(" or "))
        })
}

type KeyError = (String, String);

fn from_file(file: File, base: &Path, overrides: &Overrides) -> Result<ServeConfig, KeyError> {
    let key_err = |key: &str, message: String| (key.to_string(), message);
    let listen = listen_addr(
        overrides.host.as_deref().or(file.host.as_deref()),
        overrides.port.or(file.port),
    )
    .map_err(|m| key_err("host", m))?;
    for (key, value) in [
        ("memory_budget_mb", file.memory_budget_mb),
        ("header_timeout_ms", file.header_timeout_ms),
        ("max_header_kb", file.max_header_kb),
        ("max_connections", file.max_connections.map(|n| n as u64)),
    ] {
        if value == Some(0) {
            return Err(key_err(key, "must be greater than 0".into()));
        }
    }
    let defaults_http = ConnectionLimits::default();
    let connections = ConnectionLimits {
        header_timeout_ms: file
            .header_timeout_ms
            .unwrap_or(defaults_http.header_timeout_ms),
        max_header_kb: file.max_header_kb.unwrap_or(defaults_http.max_header_kb),
        max_connections: file
            .max_connections
            .unwrap_or(defaults_http.max_connections),
        drain_timeout_ms: file
            .drain_timeout_ms
            .unwrap_or(defaults_http.drain_timeout_ms),
    };
    if file.threads == Some(0) {
        return Err(key_err("threads", "must be at least 1".into()));
    }
    let defaults = resolve_limits(&Limits::default(), &file.defaults, "defaults")?;
    if let Some(path) = &file.health_path
        && !path.starts_with('/')
    {
        return Err(key_err(
            "health_path",
            format!("{path:?} must start with '/' (or be null to disable)"),
        ));
    }
    let mut allow_net = parse_patterns(&file.allow_net, "allow_net")?;
    allow_net.extend(overrides.allow_net.iter().cloned());
    if file.apps.is_empty() {
        return Err(key_err("apps", "lists no app".into()));
    }

    let mut apps = Vec::new();
    let mut names = HashSet::new();
    let mut claimed: BTreeMap<HostMatch, String> = BTreeMap::new();
    let mut default_app = None;
    for (i, keys) in file.apps.into_iter().enumerate() {
        let at = |field: &str| format!("apps[{i}].{field}");
        let name = keys.name.trim().to_string();
        let name_ok = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
        if !name_ok {
            return Err(key_err(
                &at("name"),
                format!(
                    "{:?} is not a valid app name (1-64 of letters, digits, '-', '_', '.')",
                    keys.name
                ),
            ));
        }
        if !names.insert(name.clone()) {
            return Err(key_err(
                &at("name"),
                format!("{name:?} is used by another app"),
            ));
        }
        let mut hostnames = Vec::new();
        let listed: Vec<(String, String)> = match keys.hostname {
            None => Vec::new(),
            Some(OneOrMany::One(h)) => vec![(at("hostname"), h)],
            Some(OneOrMany::Many(hs)) => hs
                .into_iter()
                .enumerate()
                .map(|(j, h)| (format!("apps[{i}].hostname[{j}]"), h))
                .collect(),
        };
        let extra = keys
            .hostnames
            .into_iter()
            .enumerate()
            .map(|(j, h)| (format!("apps[{i}].hostnames[{j}]"), h));
        for (key, text) in listed.into_iter().chain(extra) {
            let host = HostMatch::parse(&text).map_err(|m| key_err(&key, m))?;
            if let Some(owner) = claimed.get(&host) {
                return Err(key_err(
                    &key,
                    format!("{host} is already the hostname of app {owner:?}"),
                ));
            }
            claimed.insert(host.clone(), name.clone());
            hostnames.push(host);
        }
        if keys.default {
            if let Some(previous) = default_app {
                let previous: &AppSpec = &apps[previous];
                return Err(key_err(
                    &at("default"),
                    format!("app {:?} is already the default app", previous.name),
                ));
            }
            default_app = Some(i);
        }
        if hostnames.is_empty() && !keys.default {
            return Err(key_err(
                &at("hostname"),
                "is missing (give \"hostname\", \"hostnames\" or \"default\": true)".into(),
            ));
        }
        let path = base.join(&keys.path);
        let entry = entry_point(&path, keys.main.as_deref()).map_err(|m| {
            let field = if keys.main.is_some() { "main" } else { "path" };
            key_err(&at(field), m)
        })?;
        let own = LimitKeys {
            timeout_ms: keys.timeout_ms,
            memory_mb: keys.memory_mb,
            max_body_mb: keys.max_body_mb,
            max_subrequests: keys.max_subrequests,
        };
        let limits = resolve_limits(&defaults, &own, &format!("apps[{i}]"))?;
        let allow_net = parse_patterns(&keys.allow_net, &at("allow_net"))?;
        apps.push(AppSpec {
            name,
            hostnames,
            entry,
            env: keys.env,
            limits,
            allow_net,
        });
    }
    Ok(ServeConfig {
        listen,
        threads: overrides.threads.or(file.threads),
        apps,
        default_app,
        health_path: file.health_path,
        allow_private_net: overrides.allow_private_net || file.allow_private_net,
        allow_net,
        memory_budget_mb: overrides.memory_budget_mb.or(file.memory_budget_mb),
        connections,
    })
}

fn resolve_limits(base: &Limits, keys: &LimitKeys, at: &str) -> Result<Limits, KeyError> {
    let positive = |value: Option<u64>, field: &str, fallback: u64| -> Result<u64, KeyError> {
        match value {
            Some(0) => Err((format!("{at}.{field}"), "must be greater than 0".into())),
            Some(v) => Ok(v),
            None => Ok(fallback),
        }
    };
    Ok(Limits {
        timeout_ms: positive(keys.timeout_ms, "timeout_ms", base.timeout_ms)?,
        memory_mb: positive(keys.memory_mb, "memory_mb", base.memory_mb)?,
        max_body_mb: positive(keys.max_body_mb, "max_body_mb", base.max_body_mb)?,
        max_subrequests: keys.max_subrequests.unwrap_or(base.max_subrequests),
    })
}

fn parse_patterns(list: &[String], at: &str) -> Result<Vec<HostPattern>, KeyError> {
    list.iter()
        .enumerate()
        .map(|(i, p)| HostPattern::parse(p).map_err(|m| (format!("{at}[{i}]"), m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nano-boa-config-{}-{}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join("apps/api")).unwrap();
        std::fs::write(dir.join("apps/api/index.js"), "export default {}").unwrap();
        std::fs::write(dir.join("hello.js"), "export default {}").unwrap();
        dir
    }

    fn load(json: &str) -> Result<ServeConfig, ConfigError> {
        let dir = dir();
        let path = dir.join("nano.json");
        std::fs::write(&path, json).unwrap();
        load_file(&path, &Overrides::default())
    }

    fn error(json: &str) -> String {
        load(json).expect_err("config must be rejected").to_string()
    }

    #[test]
    fn the_issue_example_loads() {
        let config = load(
            r#"{ "port": 3001, "defaults": { "timeout_ms": 2000, "memory_mb": 64 },
                 "apps": [ { "name": "api", "hostname": "API.example.com", "path": "./apps/api",
                             "env": { "KEY": "v", "N": 1 } },
                           { "name": "hello", "hostnames": ["*.hello.test", "hello.test"],
                             "path": "hello.js", "memory_mb": 32, "default": true } ] }"#,
        )
        .unwrap();
        assert_eq!(config.listen, "127.0.0.1:3001".parse().unwrap());
        assert_eq!(config.apps.len(), 2);
        let api = &config.apps[0];
        assert_eq!(
            api.hostnames,
            vec![HostMatch::Exact("api.example.com".into())]
        );
        assert!(api.entry.ends_with("apps/api/index.js"));
        assert_eq!(api.limits.timeout_ms, 2000);
        assert_eq!(api.env["N"], serde_json::json!(1));
        let hello = &config.apps[1];
        assert_eq!(hello.hostnames[0], HostMatch::Suffix("hello.test".into()));
        assert_eq!(hello.limits.memory_mb, 32);
        assert_eq!(hello.limits.timeout_ms, 2000);
        assert_eq!(config.default_app, Some(1));
        assert_eq!(config.health_path.as_deref(), Some("/healthz"));
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            (r#"{ "apps": [], "prot": 1 }"#, "unknown field `prot`"),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js", "hostnme": 1 } ] }"#,
                "apps[0].hostnme: unknown field `hostnme`",
            ),
            (r#"{ "port": 70000, "apps": [] }"#, "port: invalid value"),
            (r#"{ "apps": [] }"#, "apps: lists no app"),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "bad host", "path": "hello.js" } ] }"#,
                "apps[0].hostname: \"bad host\" is not a valid hostname",
            ),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "missing.js" } ] }"#,
                "apps[0].path: ",
            ),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js" }, { "name": "a", "hostname": "b.test", "path": "hello.js" } ] }"#,
                "apps[1].name: \"a\" is used by another app",
            ),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js" }, { "name": "b", "hostname": "A.test", "path": "hello.js" } ] }"#,
                "apps[1].hostname: a.test is already the hostname of app \"a\"",
            ),
            (
                r#"{ "apps": [ { "name": "a", "path": "hello.js" } ] }"#,
                "apps[0].hostname: is missing",
            ),
            (
                r#"{ "defaults": { "timeout_ms": 0 }, "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js" } ] }"#,
                "defaults.timeout_ms: must be greater than 0",
            ),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "apps/api", "main": "nope.js" } ] }"#,
                "apps[0].main: no entry module",
            ),
            (
                r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js", "env": [] } ] }"#,
                "apps[0].env: invalid type",
            ),
            (
                r#"{ "health_path": "healthz", "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js" } ] }"#,
                "health_path: \"healthz\" must start with '/'",
            ),
            (
                r#"{ "allow_net": ["nope"], "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js" } ] }"#,
                "allow_net[0]: ",
            ),
            ("{ not json", "key must be a string"),
        ];
        for (json, expected) in cases {
            let message = error(json);
            assert!(
                message.contains(expected),
                "for {json}\nexpected {expected:?} in {message:?}"
            );
            assert!(message.contains("nano.json"), "names the file: {message}");
        }
    }

    #[test]
    fn health_path_null_disables_it() {
        let config = load(
            r#"{ "health_path": null, "apps": [ { "name": "a", "default": true, "path": "hello.js" } ] }"#,
        )
        .unwrap();
        assert_eq!(config.health_path, None);
    }
}
