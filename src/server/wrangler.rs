//! A Worker's `wrangler.toml` (or `wrangler.json` / `wrangler.jsonc`) as an
//! app: `nano-boa serve --wrangler PATH`, or `"wrangler": PATH` in an app
//! entry of `nano.json`.
//!
//! Read (wrangler's configuration reference,
//! <https://developers.cloudflare.com/workers/wrangler/configuration/>):
//! `name`, `main` (relative to the file), `compatibility_date`, `[vars]`
//! (strings, and other TOML values as their JSON), `[[kv_namespaces]]`,
//! `[triggers] crons`, `routes` / `route` (their hostnames become the
//! app's; a `*.` prefix is a wildcard), and `[limits] cpu_ms` (the app's
//! `timeout_ms`). Keys that only matter to Cloudflare's deployment
//! (`account_id`, `workers_dev`, `compatibility_flags`, `build`, ...) and
//! any other section are listed once in the log, never fatal. A missing
//! `main` is an error: nano-boa runs the Worker's source, it does not build
//! it.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::config::KvNamespaceBinding;

/// The Worker a wrangler file describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    pub name: Option<String>,
    /// The entry module (`main`, resolved against the file's directory).
    pub main: PathBuf,
    /// The file's directory: the app's root.
    pub dir: PathBuf,
    pub compatibility_date: Option<String>,
    pub vars: Map<String, Value>,
    pub kv_namespaces: Vec<KvNamespaceBinding>,
    pub crons: Vec<String>,
    /// From `routes` / `route`.
    pub hostnames: Vec<String>,
    /// `[limits] cpu_ms`.
    pub cpu_ms: Option<u64>,
    /// What was read and is not used, for one log line.
    pub ignored: Vec<String>,
}

/// A problem in the file: the key (`kv_namespaces[0].id`) and what.
pub type KeyError = (String, String);

/// Keys wrangler has that a single server has no use for.
const DEPLOYMENT_KEYS: [&str; 14] = [
    "account_id",
    "workers_dev",
    "compatibility_flags",
    "build",
    "rules",
    "no_bundle",
    "minify",
    "usage_model",
    "placement",
    "observability",
    "preview_urls",
    "upload_source_maps",
    "find_additional_modules",
    "keep_vars",
];

/// Reads and checks the wrangler file at `path`.
pub fn load(path: &Path) -> Result<Worker, KeyError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| (String::new(), format!("cannot read: {e}")))?;
    let is_toml = path.extension().and_then(|e| e.to_str()) == Some("toml");
    let value: Value = if is_toml {
        toml::from_str(&text).map_err(|e| (String::new(), format!("not valid TOML: {e}")))?
    } else {
        jsonc_parser::parse_to_serde_value(&text, &jsonc_parser::ParseOptions::default())
            .map_err(|e| (String::new(), format!("not valid JSON: {e}")))?
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    from_value(value, &dir)
}

fn string(value: &Value, key: &str) -> Result<String, KeyError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| (key.to_owned(), "must be a string".to_owned()))
}

fn from_value(value: Value, dir: &Path) -> Result<Worker, KeyError> {
    let Value::Object(top) = value else {
        return Err((String::new(), "must be a table of settings".into()));
    };
    let mut worker = Worker {
        name: None,
        main: PathBuf::new(),
        dir: dir.to_path_buf(),
        compatibility_date: None,
        vars: Map::new(),
        kv_namespaces: Vec::new(),
        crons: Vec::new(),
        hostnames: Vec::new(),
        cpu_ms: None,
        ignored: Vec::new(),
    };
    let mut main = None;
    for (key, value) in &top {
        match key.as_str() {
            "$schema" => {}
            "name" => worker.name = Some(string(value, "name")?),
            "main" => main = Some(string(value, "main")?),
            "compatibility_date" => {
                worker.compatibility_date = Some(string(value, "compatibility_date")?);
            }
            "vars" => {
                let Value::Object(vars) = value else {
                    return Err(("vars".into(), "must be a table".into()));
                };
                worker.vars = vars.clone();
            }
            "kv_namespaces" => worker.kv_namespaces = kv_namespaces(value)?,
            "triggers" => {
                if let Some(crons) = value.get("crons") {
                    let list = crons.as_array().ok_or_else(|| {
                        ("triggers.crons".to_owned(), "must be a list".to_owned())
                    })?;
                    for (i, cron) in list.iter().enumerate() {
                        let cron = string(cron, &format!("triggers.crons[{i}]"))?;
                        super::cron::parse(&cron)
                            .map_err(|m| (format!("triggers.crons[{i}]"), m))?;
                        worker.crons.push(cron);
                    }
                }
            }
            "route" => worker.hostnames.extend(route_host(value, "route")?),
            "routes" => {
                let list = value
                    .as_array()
                    .ok_or_else(|| ("routes".to_owned(), "must be a list".to_owned()))?;
                for (i, route) in list.iter().enumerate() {
                    worker
                        .hostnames
                        .extend(route_host(route, &format!("routes[{i}]"))?);
                }
            }
            "limits" => {
                if let Some(cpu) = value.get("cpu_ms") {
                    let cpu = cpu.as_u64().filter(|ms| *ms > 0).ok_or_else(|| {
                        (
                            "limits.cpu_ms".to_owned(),
                            "must be a positive integer".to_owned(),
                        )
                    })?;
                    worker.cpu_ms = Some(cpu);
                }
            }
            other if DEPLOYMENT_KEYS.contains(&other) => worker.ignored.push(other.to_owned()),
            other => worker.ignored.push(other.to_owned()),
        }
    }
    let main = main.ok_or_else(|| {
        (
            "main".to_owned(),
            "is missing: name the Worker's entry module (for example main = \"src/index.js\"); nano-boa runs the source and does not build it".to_owned(),
        )
    })?;
    worker.main = dir.join(main);
    worker.hostnames.dedup();
    Ok(worker)
}

/// `[[kv_namespaces]]`: `binding` and `id` (`preview_id` ignored).
fn kv_namespaces(value: &Value) -> Result<Vec<KvNamespaceBinding>, KeyError> {
    let list = value
        .as_array()
        .ok_or_else(|| ("kv_namespaces".to_owned(), "must be a list".to_owned()))?;
    let mut bindings = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let at = |key: &str| format!("kv_namespaces[{i}].{key}");
        let binding = entry
            .get("binding")
            .ok_or_else(|| (at("binding"), "is missing".to_owned()))?;
        let id = entry
            .get("id")
            .ok_or_else(|| (at("id"), "is missing".to_owned()))?;
        bindings.push(KvNamespaceBinding {
            binding: string(binding, &at("binding"))?,
            id: string(id, &at("id"))?,
        });
    }
    Ok(bindings)
}

/// The hostname of a route: `"example.com/*"`, `"*.example.com/api/*"`,
/// or `{ pattern = "...", custom_domain = true }`. A pattern that starts
/// with `*` before a dot-less name (`*example.com`) matches the name and
/// its subdomains on Workers; here it is the wildcard `*.example.com` and
/// the name itself.
fn route_host(value: &Value, key: &str) -> Result<Vec<String>, KeyError> {
    let pattern = match value {
        Value::String(pattern) => pattern.clone(),
        Value::Object(route) => string(
            route
                .get("pattern")
                .ok_or_else(|| (format!("{key}.pattern"), "is missing".to_owned()))?,
            &format!("{key}.pattern"),
        )?,
        _ => return Err((key.to_owned(), "must be a string or a table".into())),
    };
    let without_scheme = pattern
        .strip_prefix("https://")
        .or_else(|| pattern.strip_prefix("http://"))
        .unwrap_or(&pattern);
    let host = without_scheme
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if host.is_empty() {
        return Err((key.to_owned(), format!("{pattern:?} names no hostname")));
    }
    Ok(match host.strip_prefix('*') {
        Some(rest) if !rest.starts_with('.') => vec![rest.to_owned(), format!("*.{rest}")],
        _ => vec![host],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_toml(text: &str) -> Result<Worker, KeyError> {
        from_value(toml::from_str(text).unwrap(), Path::new("/w"))
    }

    #[test]
    fn reads_the_sections_nano_boa_uses() {
        let worker = parse_toml(
            r#"
            name = "shop"
            main = "src/index.js"
            compatibility_date = "2025-01-01"
            account_id = "abc"
            workers_dev = true
            routes = ["shop.example.com/*", { pattern = "*.shop.example.com/api/*", zone_name = "example.com" }]
            [vars]
            GREETING = "hi"
            LIMIT = 3
            FLAGS = { beta = true }
            [[kv_namespaces]]
            binding = "CART"
            id = "carts"
            preview_id = "x"
            [triggers]
            crons = ["*/5 * * * *"]
            [limits]
            cpu_ms = 100
            [env.staging]
            name = "shop-staging"
            "#,
        )
        .unwrap();
        assert_eq!(worker.name.as_deref(), Some("shop"));
        assert_eq!(worker.main, Path::new("/w/src/index.js"));
        assert_eq!(worker.vars["LIMIT"], 3);
        assert_eq!(worker.vars["FLAGS"]["beta"], true);
        assert_eq!(worker.kv_namespaces[0].id, "carts");
        assert_eq!(worker.crons, ["*/5 * * * *"]);
        assert_eq!(worker.hostnames, ["shop.example.com", "*.shop.example.com"]);
        assert_eq!(worker.cpu_ms, Some(100));
        assert_eq!(worker.ignored, ["account_id", "env", "workers_dev"]);
    }

    #[test]
    fn a_missing_main_and_bad_values_name_the_key() {
        let missing = parse_toml("name = \"x\"").unwrap_err();
        assert_eq!(missing.0, "main");
        let bad = parse_toml("main = \"a.js\"\n[[kv_namespaces]]\nbinding = \"K\"").unwrap_err();
        assert_eq!(bad, ("kv_namespaces[0].id".into(), "is missing".into()));
        let cron = parse_toml("main = \"a.js\"\n[triggers]\ncrons = [\"nope\"]").unwrap_err();
        assert_eq!(cron.0, "triggers.crons[0]");
    }

    #[test]
    fn jsonc_reads_as_toml_does() {
        let value = jsonc_parser::parse_to_serde_value::<Value>(
            r#"{ // wrangler.jsonc
                "name": "w", "main": "index.js",
                "vars": { "A": "b", }, "triggers": { "crons": ["0 * * * *"] },
            }"#,
            &jsonc_parser::ParseOptions::default(),
        )
        .unwrap();
        let worker = from_value(value, Path::new(".")).unwrap();
        assert_eq!(worker.vars["A"], "b");
        assert_eq!(worker.crons, ["0 * * * *"]);
    }
}
