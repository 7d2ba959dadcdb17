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
//! for hosts nobody claims), the limits of `defaults` overridden per app,
//! `admin_port`/`admin_host` (the admin API's listener) and `watch` (hot
//! reload, default on).
//!
//! Unknown keys and invalid values are errors naming the key
//! (`apps[1].hostname`), found by `serde_path_to_error`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::kv::KvSettings;
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
    /// Instances (threads) of the app at most; default: one per core.
    pub max_instances: usize,
    /// An instance without a request for this long retires (0: never).
    pub idle_timeout_s: u64,
    /// Start one instance at start-up and keep it (not retired when idle).
    pub preload: bool,
    /// Abandoned instance threads of the app still running (stuck in a
    /// native call) before the app is answered 503 until one ends.
    pub max_abandoned: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout_ms: 5000,
            memory_mb: 128,
            max_body_mb: 10,
            max_subrequests: 50,
            max_instances: std::thread::available_parallelism()
                .map_or(1, std::num::NonZeroUsize::get),
            idle_timeout_s: DEFAULT_IDLE_TIMEOUT_S,
            preload: false,
            max_abandoned: 2,
        }
    }
}

/// Default `idle_timeout_s`: five minutes, so an app that gets a request
/// now and then stays warm, and one nobody calls costs nothing.
pub const DEFAULT_IDLE_TIMEOUT_S: u64 = 300;

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
#[derive(Debug, Clone, PartialEq)]
pub struct AppSpec {
    pub name: String,
    pub hostnames: Vec<HostMatch>,
    /// The ES module to load (a file, or a directory's `index.js`/`main`).
    pub entry: PathBuf,
    /// The app's `path`: its directory, or its file (what hot reload
    /// watches).
    pub root: PathBuf,
    /// The app's `env`: strings and JSON values.
    pub env: serde_json::Map<String, Value>,
    pub limits: Limits,
    /// Extra outbound destinations this app may reach under the private
    /// network policy.
    pub allow_net: Vec<HostPattern>,
    /// `kv_namespaces`: the KV namespaces bound in `env`.
    pub kv_namespaces: Vec<KvNamespaceBinding>,
    /// `crons`: when the app's `scheduled` handler runs (UTC).
    pub crons: Vec<String>,
    /// Keys of the app's wrangler file that nano-boa does not use (logged
    /// once at start).
    pub ignored: Vec<String>,
    /// The entry module's text as it was when this version of the app was
    /// registered (hot reload pins it, so that a later broken edit does not
    /// reach threads that load this version); `None`: read the file.
    pub source: Option<std::sync::Arc<str>>,
}

impl AppSpec {
    /// The directory the app's modules must come from: its `path` if that
    /// is a directory, else the file's directory; symlinks resolved.
    pub fn module_dir(&self) -> PathBuf {
        let dir = if self.root.is_dir() {
            self.root.clone()
        } else {
            self.entry
                .parent()
                .map_or_else(|| self.root.clone(), Path::to_path_buf)
        };
        std::fs::canonicalize(&dir).unwrap_or(dir)
    }
}

/// One `kv_namespaces` entry: `env[binding]` is the namespace `id`
/// (wrangler's keys; apps naming the same id share it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvNamespaceBinding {
    pub binding: String,
    pub id: String,
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
    /// The limits every app gets unless it sets its own (`defaults`); also
    /// for apps added through the admin API.
    pub defaults: Limits,
    /// Relative app paths resolve against this (the config file's
    /// directory, or the working directory).
    pub base_dir: PathBuf,
    /// The admin API's listener (`admin_port`, `--admin-port`); `None`: off.
    pub admin: Option<SocketAddr>,
    /// Hot reload: watch the config file and the apps' sources.
    pub watch: bool,
    /// PEM files of extra trusted roots for the apps' `fetch()`
    /// (`SSL_CERT_FILE`, read and checked once by the CLI).
    pub extra_ca_pem: Vec<PathBuf>,
    /// `"kv"`: where every app's KV namespaces live.
    pub kv: KvSettings,
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
    admin_port: Option<u16>,
    admin_host: Option<String>,
    watch: Option<bool>,
    kv: Option<KvKeys>,
}

/// `"kv": { "backend": "embedded", "path": "./kv" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KvKeys {
    backend: Option<String>,
    path: Option<PathBuf>,
    url: Option<String>,
}

/// Where the embedded KV store lives unless `"kv"` says: beside the config.
pub const DEFAULT_KV_DIR: &str = ".nano-boa/kv";
/// The database file inside the KV directory.
const KV_FILE: &str = "kv.redb";

/// `"kv"`, checked; relative paths resolve against `base`.
fn kv_settings(keys: Option<&KvKeys>, base: &Path) -> Result<KvSettings, KeyError> {
    let backend = keys
        .and_then(|k| k.backend.as_deref())
        .unwrap_or("embedded");
    let path = keys.and_then(|k| k.path.as_deref());
    let url = keys.and_then(|k| k.url.as_deref());
    match backend {
        "embedded" => {
            if url.is_some() {
                return Err((
                    "kv.url".into(),
                    "is for the redis backend (\"backend\": \"redis\")".into(),
                ));
            }
            let dir = base.join(path.unwrap_or(Path::new(DEFAULT_KV_DIR)));
            Ok(KvSettings::Embedded {
                path: dir.join(KV_FILE),
            })
        }
        "redis" => {
            if path.is_some() {
                return Err((
                    "kv.path".into(),
                    "is for the embedded backend; the redis backend takes \"url\"".into(),
                ));
            }
            let url = url.ok_or_else(|| {
                (
                    "kv.url".to_string(),
                    "is missing (for example \"redis://127.0.0.1:6379/0\")".to_string(),
                )
            })?;
            if !(url.starts_with("redis://") || url.starts_with("redis+unix://")) {
                return Err((
                    "kv.url".into(),
                    format!("{url:?} is not a redis:// or redis+unix:// URL"),
                ));
            }
            Ok(KvSettings::Redis {
                url: url.to_owned(),
            })
        }
        other => Err((
            "kv.backend".into(),
            format!("{other:?} is not a KV backend (expected \"embedded\" or \"redis\")"),
        )),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KvNamespaceKeys {
    binding: String,
    id: String,
    /// wrangler's id for `wrangler dev`; accepted, not used.
    #[allow(dead_code)]
    preview_id: Option<String>,
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
    max_instances: Option<u64>,
    idle_timeout_s: Option<u64>,
    preload: Option<bool>,
    max_abandoned: Option<u64>,
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
    /// Required, unless the wrangler file names the Worker.
    name: Option<String>,
    hostname: Option<OneOrMany>,
    #[serde(default)]
    hostnames: Vec<String>,
    /// The app's module or directory; or `wrangler` instead.
    path: Option<PathBuf>,
    /// A wrangler.toml / wrangler.json(c) describing the app.
    wrangler: Option<PathBuf>,
    main: Option<String>,
    #[serde(default)]
    env: serde_json::Map<String, Value>,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    allow_net: Vec<String>,
    #[serde(default)]
    kv_namespaces: Vec<KvNamespaceKeys>,
    #[serde(default)]
    crons: Vec<String>,
    timeout_ms: Option<u64>,
    memory_mb: Option<u64>,
    max_body_mb: Option<u64>,
    max_subrequests: Option<u32>,
    max_instances: Option<u64>,
    idle_timeout_s: Option<u64>,
    preload: Option<bool>,
    max_abandoned: Option<u64>,
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
    /// `--admin-port`.
    pub admin_port: Option<u16>,
    /// `--admin-host` (default 127.0.0.1).
    pub admin_host: Option<String>,
    /// `--no-watch`.
    pub no_watch: bool,
    /// Extra trusted roots for outbound TLS (`SSL_CERT_FILE`).
    pub extra_ca_pem: Vec<PathBuf>,
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
            root: path.to_path_buf(),
            env,
            limits: limits.clone(),
            allow_net: Vec::new(),
            kv_namespaces: Vec::new(),
            crons: Vec::new(),
            ignored: Vec::new(),
            source: None,
        }],
        default_app: Some(0),
        health_path: default_health_path(),
        allow_private_net: overrides.allow_private_net,
        allow_net: overrides.allow_net.clone(),
        memory_budget_mb: overrides.memory_budget_mb,
        connections: ConnectionLimits::default(),
        defaults: limits,
        base_dir: PathBuf::from("."),
        admin: admin_addr(None, None, overrides).map_err(|message| ConfigError {
            source: "--admin-host".into(),
            key: String::new(),
            message,
        })?,
        watch: !overrides.no_watch,
        extra_ca_pem: overrides.extra_ca_pem.clone(),
        kv: kv_settings(None, Path::new(".")).map_err(|(key, message)| ConfigError {
            source: "--app".into(),
            key,
            message,
        })?,
    })
}

/// A one-app configuration for `serve --wrangler FILE`: the Worker the
/// file describes answers every host; `--env` values win over `[vars]`.
pub fn single_wrangler(
    file: &Path,
    env: serde_json::Map<String, Value>,
    limits: Limits,
    overrides: &Overrides,
) -> Result<ServeConfig, ConfigError> {
    let keys = AppKeys {
        name: None,
        hostname: None,
        hostnames: Vec::new(),
        path: None,
        wrangler: Some(file.to_path_buf()),
        main: None,
        env,
        default: true,
        allow_net: Vec::new(),
        kv_namespaces: Vec::new(),
        crons: Vec::new(),
        timeout_ms: None,
        memory_mb: None,
        max_body_mb: None,
        max_subrequests: None,
        max_instances: None,
        idle_timeout_s: None,
        preload: None,
        max_abandoned: None,
    };
    let source = file.display().to_string();
    let error = |key: String, message: String| ConfigError {
        source: source.clone(),
        key,
        message,
    };
    // The file's own problems are reported against it, by key.
    let worker = super::wrangler::load(file).map_err(|(key, message)| error(key, message))?;
    let mut keys = keys;
    keys.name = Some(
        worker
            .name
            .clone()
            .unwrap_or_else(|| app_name_from_path(&worker.dir)),
    );
    let (mut spec, _) = check_app(keys, "", Path::new("."), &limits, &Taken::default())
        .map_err(|e| error(e.field, e.message))?;
    // `--wrangler` serves every host, as `--app` does.
    spec.hostnames.clear();
    let mut config = single_app(&spec.entry, spec.env.clone(), limits, overrides)?;
    let app = &mut config.apps[0];
    spec.source = None;
    app.clone_from(&spec);
    config.base_dir = spec.root.clone();
    config.kv = kv_settings(None, &spec.root).map_err(|(key, message)| error(key, message))?;
    Ok(config)
}

/// The admin listener: `--admin-port`/`admin_port` on `--admin-host`/
/// `admin_host` (default loopback); `None` when no port is given.
fn admin_addr(
    file_host: Option<&str>,
    file_port: Option<u16>,
    overrides: &Overrides,
) -> Result<Option<SocketAddr>, String> {
    let Some(port) = overrides.admin_port.or(file_port) else {
        return Ok(None);
    };
    listen_addr(overrides.admin_host.as_deref().or(file_host), Some(port)).map(Some)
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
    let mut taken = Taken::default();
    let mut default_app = None;
    for (i, keys) in file.apps.into_iter().enumerate() {
        let (spec, is_default) = check_app(keys, &format!("apps[{i}]."), base, &defaults, &taken)
            .map_err(|e| (e.field, e.message))?;
        taken.add(&spec, is_default);
        if is_default {
            default_app = Some(i);
        }
        apps.push(spec);
    }
    let admin = admin_addr(file.admin_host.as_deref(), file.admin_port, overrides)
        .map_err(|m| key_err("admin_host", m))?;
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
        defaults,
        base_dir: base.to_path_buf(),
        admin,
        watch: !overrides.no_watch && file.watch.unwrap_or(true),
        extra_ca_pem: overrides.extra_ca_pem.clone(),
        kv: kv_settings(file.kv.as_ref(), base)?,
    })
}

/// Names, hostnames and the default app already in use, to check one more
/// app against.
#[derive(Debug, Default)]
pub struct Taken {
    names: HashSet<String>,
    claimed: BTreeMap<HostMatch, String>,
    default_app: Option<String>,
}

impl Taken {
    /// What `apps` use (`default_app` names the default one).
    pub fn of(apps: &[AppSpec], default_app: Option<usize>) -> Taken {
        let mut taken = Taken::default();
        for (i, app) in apps.iter().enumerate() {
            taken.add(app, default_app == Some(i));
        }
        taken
    }

    /// Could `app` join without a clash?
    pub fn admits(&self, app: &AppSpec, is_default: bool) -> bool {
        let clash = self.names.contains(&app.name)
            || app.hostnames.iter().any(|h| self.claimed.contains_key(h))
            || (is_default && self.default_app.is_some());
        !clash
    }

    pub fn add(&mut self, app: &AppSpec, is_default: bool) {
        self.names.insert(app.name.clone());
        for host in &app.hostnames {
            self.claimed.insert(host.clone(), app.name.clone());
        }
        if is_default {
            self.default_app = Some(app.name.clone());
        }
    }
}

/// Why one app entry was refused.
#[derive(Debug, Clone)]
pub struct EntryError {
    /// The key (`apps[0].hostname`, or `hostname` for a lone entry).
    pub field: String,
    pub message: String,
    /// The entry is valid but clashes with an app already there (its name,
    /// a hostname, the default app).
    pub conflict: bool,
}

/// Checks one `apps[]` entry given alone (the admin API's `POST
/// /admin/apps` body) against the apps already registered: the same rules
/// as in a config file; keys are named from the entry (`hostname`).
/// Returns the app and whether it is to be the default app.
pub fn parse_app_entry(
    body: &[u8],
    base: &Path,
    defaults: &Limits,
    taken: &Taken,
) -> Result<(AppSpec, bool), EntryError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let keys: AppKeys = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let key = e.path().to_string();
        EntryError {
            field: if key == "." { String::new() } else { key },
            message: e.into_inner().to_string(),
            conflict: false,
        }
    })?;
    check_app(keys, "", base, defaults, taken)
}

/// One app entry, checked; `prefix` is prepended to key names
/// (`apps[1].`).
fn check_app(
    mut keys: AppKeys,
    prefix: &str,
    base: &Path,
    defaults: &Limits,
    taken: &Taken,
) -> Result<(AppSpec, bool), EntryError> {
    let at = |field: &str| format!("{prefix}{field}");
    let invalid = |field: String, message: String| EntryError {
        field,
        message,
        conflict: false,
    };
    let conflict = |field: String, message: String| EntryError {
        field,
        message,
        conflict: true,
    };
    let worker = match (&keys.path, &keys.wrangler) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                at("wrangler"),
                "give \"path\" or \"wrangler\", not both".into(),
            ));
        }
        (None, None) => {
            return Err(invalid(
                at("path"),
                "is missing (the app's module or directory, or \"wrangler\": its wrangler.toml)"
                    .into(),
            ));
        }
        (None, Some(file)) => {
            let file = base.join(file);
            let worker = super::wrangler::load(&file).map_err(|(key, message)| {
                let key = if key.is_empty() {
                    String::new()
                } else {
                    format!("{key}: ")
                };
                invalid(
                    at("wrangler"),
                    format!("{}: {key}{message}", file.display()),
                )
            })?;
            merge_wrangler(&mut keys, &worker);
            Some(worker)
        }
        (Some(_), None) => None,
    };
    let Some(name) = keys.name.as_deref() else {
        return Err(invalid(at("name"), "is missing".into()));
    };
    let name = name.trim().to_string();
    let name_ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    if !name_ok {
        return Err(invalid(
            at("name"),
            format!(
                "{:?} is not a valid app name (1-64 of letters, digits, '-', '_', '.')",
                keys.name.as_deref().unwrap_or_default()
            ),
        ));
    }
    if taken.names.contains(&name) {
        return Err(conflict(
            at("name"),
            format!("{name:?} is used by another app"),
        ));
    }
    let mut hostnames: Vec<HostMatch> = Vec::new();
    let listed: Vec<(String, String)> = match keys.hostname {
        None => Vec::new(),
        Some(OneOrMany::One(h)) => vec![(at("hostname"), h)],
        Some(OneOrMany::Many(hs)) => hs
            .into_iter()
            .enumerate()
            .map(|(j, h)| (at(&format!("hostname[{j}]")), h))
            .collect(),
    };
    let extra = keys
        .hostnames
        .into_iter()
        .enumerate()
        .map(|(j, h)| (at(&format!("hostnames[{j}]")), h));
    for (key, text) in listed.into_iter().chain(extra) {
        let host = HostMatch::parse(&text).map_err(|m| invalid(key.clone(), m))?;
        if let Some(owner) = taken.claimed.get(&host) {
            return Err(conflict(
                key,
                format!("{host} is already the hostname of app {owner:?}"),
            ));
        }
        if hostnames.contains(&host) {
            return Err(invalid(key, format!("{host} is listed twice")));
        }
        hostnames.push(host);
    }
    if keys.default
        && let Some(previous) = &taken.default_app
    {
        return Err(conflict(
            at("default"),
            format!("app {previous:?} is already the default app"),
        ));
    }
    if hostnames.is_empty() && !keys.default {
        return Err(invalid(
            at("hostname"),
            "is missing (give \"hostname\", \"hostnames\" or \"default\": true)".into(),
        ));
    }
    let (path, entry) = match &worker {
        Some(worker) => {
            if !worker.main.is_file() {
                return Err(invalid(
                    at("wrangler"),
                    format!("main: {} does not exist", worker.main.display()),
                ));
            }
            (worker.dir.clone(), worker.main.clone())
        }
        None => {
            let path = base.join(keys.path.as_deref().unwrap_or(Path::new(".")));
            let entry = entry_point(&path, keys.main.as_deref()).map_err(|m| {
                let field = if keys.main.is_some() { "main" } else { "path" };
                invalid(at(field), m)
            })?;
            (path, entry)
        }
    };
    let own = LimitKeys {
        timeout_ms: keys.timeout_ms,
        memory_mb: keys.memory_mb,
        max_body_mb: keys.max_body_mb,
        max_subrequests: keys.max_subrequests,
        max_instances: keys.max_instances,
        idle_timeout_s: keys.idle_timeout_s,
        preload: keys.preload,
        max_abandoned: keys.max_abandoned,
    };
    let limits = resolve_limits(defaults, &own, prefix.trim_end_matches('.'))
        .map_err(|(field, message)| invalid(field.trim_start_matches('.').to_string(), message))?;
    let allow_net =
        parse_patterns(&keys.allow_net, &at("allow_net")).map_err(|(f, m)| invalid(f, m))?;
    let kv_namespaces = check_kv_namespaces(&keys.kv_namespaces, &keys.env, &at("kv_namespaces"))
        .map_err(|(f, m)| invalid(f, m))?;
    for (i, expression) in keys.crons.iter().enumerate() {
        super::cron::parse(expression).map_err(|m| invalid(at(&format!("crons[{i}]")), m))?;
    }
    Ok((
        AppSpec {
            name,
            hostnames,
            entry,
            root: path,
            env: keys.env,
            limits,
            allow_net,
            kv_namespaces,
            crons: keys.crons,
            ignored: worker.map(|w| w.ignored).unwrap_or_default(),
            source: None,
        },
        keys.default,
    ))
}

/// What a wrangler file gives an app entry: each key the entry does not
/// set itself (its own `env` values win over `[vars]`).
fn merge_wrangler(keys: &mut AppKeys, worker: &super::wrangler::Worker) {
    if keys.name.is_none() {
        keys.name.clone_from(&worker.name);
    }
    if keys.hostname.is_none() && keys.hostnames.is_empty() {
        keys.hostnames.clone_from(&worker.hostnames);
    }
    let own = std::mem::take(&mut keys.env);
    keys.env.clone_from(&worker.vars);
    keys.env.extend(own);
    if keys.kv_namespaces.is_empty() {
        keys.kv_namespaces = worker
            .kv_namespaces
            .iter()
            .map(|b| KvNamespaceKeys {
                binding: b.binding.clone(),
                id: b.id.clone(),
                preview_id: None,
            })
            .collect();
    }
    if keys.crons.is_empty() {
        keys.crons.clone_from(&worker.crons);
    }
    if keys.timeout_ms.is_none() {
        keys.timeout_ms = worker.cpu_ms;
    }
}

/// `kv_namespaces`: each binding a JavaScript identifier (as wrangler
/// requires), named once, and not also a key of `env`.
fn check_kv_namespaces(
    list: &[KvNamespaceKeys],
    env: &serde_json::Map<String, Value>,
    at: &str,
) -> Result<Vec<KvNamespaceBinding>, KeyError> {
    let mut bindings: Vec<KvNamespaceBinding> = Vec::new();
    for (i, keys) in list.iter().enumerate() {
        let binding = &keys.binding;
        let identifier = binding
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && binding
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !identifier {
            return Err((
                format!("{at}[{i}].binding"),
                format!("{binding:?} is not a valid binding name (a JavaScript identifier)"),
            ));
        }
        if bindings.iter().any(|b| &b.binding == binding) || env.contains_key(binding) {
            return Err((
                format!("{at}[{i}].binding"),
                format!("{binding:?} is bound twice (in env or kv_namespaces)"),
            ));
        }
        if keys.id.is_empty() || keys.id.len() > 256 {
            return Err((
                format!("{at}[{i}].id"),
                "must be 1 to 256 characters".into(),
            ));
        }
        bindings.push(KvNamespaceBinding {
            binding: binding.clone(),
            id: keys.id.clone(),
        });
    }
    Ok(bindings)
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
        max_instances: match keys.max_instances {
            Some(n) => {
                usize::try_from(positive(Some(n), "max_instances", 1)?).unwrap_or(usize::MAX)
            }
            None => base.max_instances,
        },
        idle_timeout_s: keys.idle_timeout_s.unwrap_or(base.idle_timeout_s),
        preload: keys.preload.unwrap_or(base.preload),
        max_abandoned: keys.max_abandoned.map_or(base.max_abandoned, |n| {
            usize::try_from(n).unwrap_or(usize::MAX)
        }),
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
    fn a_lone_entry_is_checked_against_the_registered_apps() {
        let dir = dir();
        let config = load(
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "hello.js", "default": true } ] }"#,
        )
        .unwrap();
        let taken = Taken::of(&config.apps, config.default_app);
        let parse = |json: &str| parse_app_entry(json.as_bytes(), &dir, &config.defaults, &taken);
        let (spec, is_default) = parse(
            r#"{ "name": "b", "hostnames": ["b.test"], "path": "apps/api", "timeout_ms": 9 }"#,
        )
        .unwrap();
        assert!(spec.entry.ends_with("apps/api/index.js"));
        assert_eq!(spec.limits.timeout_ms, 9);
        assert!(!is_default);
        for (json, field, conflict) in [
            (
                r#"{ "name": "b", "hostname": "x y", "path": "hello.js" }"#,
                "hostname",
                false,
            ),
            (
                r#"{ "name": "b", "hostnames": ["ok.test", "-"], "path": "hello.js" }"#,
                "hostnames[1]",
                false,
            ),
            (
                r#"{ "name": "b", "hostname": "b.test", "path": "nope.js" }"#,
                "path",
                false,
            ),
            (
                r#"{ "name": "b", "hostname": "b.test", "path": "hello.js", "memory_mb": 0 }"#,
                "memory_mb",
                false,
            ),
            (
                r#"{ "name": "b", "hostname": "b.test", "path": "hello.js", "nope": 0 }"#,
                "nope",
                false,
            ),
            (
                r#"{ "name": "a", "hostname": "b.test", "path": "hello.js" }"#,
                "name",
                true,
            ),
            (
                r#"{ "name": "b", "hostname": "A.TEST", "path": "hello.js" }"#,
                "hostname",
                true,
            ),
            (
                r#"{ "name": "b", "default": true, "path": "hello.js" }"#,
                "default",
                true,
            ),
        ] {
            let error = parse(json).expect_err(json);
            assert_eq!(error.field, field, "{json}: {error:?}");
            assert_eq!(error.conflict, conflict, "{json}: {error:?}");
        }
    }

    #[test]
    fn admin_listener_and_watch_keys() {
        let config = load(
            r#"{ "admin_port": 9100, "watch": false, "apps": [ { "name": "a", "default": true, "path": "hello.js" } ] }"#,
        )
        .unwrap();
        assert_eq!(config.admin, Some("127.0.0.1:9100".parse().unwrap()));
        assert!(!config.watch);
        let config =
            load(r#"{ "apps": [ { "name": "a", "default": true, "path": "hello.js" } ] }"#)
                .unwrap();
        assert_eq!(config.admin, None);
        assert!(config.watch, "on by default");
        let message = error(
            r#"{ "admin_port": 9100, "admin_host": "nope", "apps": [ { "name": "a", "default": true, "path": "hello.js" } ] }"#,
        );
        assert!(message.contains("admin_host"), "{message}");
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
