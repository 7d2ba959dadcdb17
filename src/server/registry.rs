//! The app set, mutable while the server runs (admin API, config reload,
//! hot reload of sources).
//!
//! [`Registry`] holds an immutable [`Snapshot`] (apps + router) behind a
//! lock; a change builds a new snapshot and swaps it in. Worker threads
//! take the current snapshot per request (a read lock and an `Arc` clone).
//! Each [`AppEntry`] has a `uid`, unique over every version of every app:
//! a thread whose instance of an app has another uid than the snapshot's
//! loads the new version for new requests, and keeps the old instance
//! until its in-flight requests (and `waitUntil` work) are done.
//!
//! [`Control`] makes the changes, one at a time. A new version is first
//! loaded on the loader thread (a *trial load*: parse, evaluate, check the
//! default export's `fetch`) and only swapped in if that works; otherwise
//! the old version keeps serving and the error is recorded
//! ([`AppStats::rejected`]) and logged.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::config::{self, AppSpec, EntryError, Overrides, ServeConfig, Taken};
use super::router::Router;
use crate::net::{NetConfig, NetPolicy};
use crate::runtime::modules::ModuleScope;

/// Where an app came from: a config reload keeps the apps added through
/// the admin API (unless the file now has an app of that name or one of
/// its hostnames).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Config,
    Api,
}

/// Counters and state of one app, kept across its versions.
#[derive(Debug, Default)]
pub struct AppStats {
    /// Requests routed to the app.
    pub requests: AtomicU64,
    /// Of those, answered with a 5xx status.
    pub errors: AtomicU64,
    /// Requests being handled now (all threads, all versions).
    pub in_flight: AtomicUsize,
    /// Live instances (loaded, not retired; all versions).
    pub instances: AtomicUsize,
    /// The last load error of the serving version on a worker thread;
    /// cleared by a successful load.
    pub error: Mutex<Option<String>>,
    /// The last new version that was refused (failed its trial load):
    /// (version it would have had, error); cleared by a successful swap.
    pub rejected: Mutex<Option<(u64, String)>>,
    /// Abandoned instances whose threads still run (see `pool`).
    pub stuck_threads: AtomicUsize,
    /// Instances abandoned so far.
    pub abandoned: AtomicU64,
}

/// One version of one app.
#[derive(Debug)]
pub struct AppEntry {
    pub spec: AppSpec,
    /// Unique over all versions of all apps.
    pub uid: u64,
    /// 1 for the first version of an app, +1 for each swap.
    pub version: u64,
    pub origin: Origin,
    pub stats: Arc<AppStats>,
    /// Its instances, made on first use (see `pool`).
    pub pool: std::sync::OnceLock<Arc<super::pool::Pool>>,
}

impl AppEntry {
    /// This version's instance pool.
    pub fn pool(&self, shared: &super::Shared) -> &Arc<super::pool::Pool> {
        self.pool
            .get_or_init(|| super::pool::Pool::new(self, shared))
    }
}

/// The app set at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Bumped on every change.
    pub generation: u64,
    pub apps: Vec<Arc<AppEntry>>,
    pub default_app: Option<usize>,
    pub router: Router,
}

impl Snapshot {
    fn new(generation: u64, apps: Vec<Arc<AppEntry>>, default_app: Option<usize>) -> Snapshot {
        let specs: Vec<AppSpec> = apps.iter().map(|a| a.spec.clone()).collect();
        Snapshot {
            generation,
            router: Router::from_apps(&specs, default_app),
            apps,
            default_app,
        }
    }

    /// The app for a `Host` header value.
    pub fn route(&self, host: Option<&str>) -> Option<&Arc<AppEntry>> {
        self.router.route(host).map(|i| &self.apps[i])
    }

    pub fn find(&self, name: &str) -> Option<&Arc<AppEntry>> {
        self.apps.iter().find(|a| a.spec.name == name)
    }

    /// Is `uid` a current version?
    pub fn has_uid(&self, uid: u64) -> bool {
        self.apps.iter().any(|a| a.uid == uid)
    }
}

/// The current snapshot, shared by every thread.
#[derive(Debug)]
pub struct Registry {
    current: RwLock<Arc<Snapshot>>,
    next_uid: AtomicU64,
    /// The config file (`--config`), which no app may import.
    config_path: Option<PathBuf>,
    /// The KV store of every app's `kv_namespaces` (the startup config's
    /// `"kv"`; a reload does not move it).
    kv: crate::kv::LazyStore,
}

impl Registry {
    /// The registry of `config`'s apps (version 1 each; the entry modules'
    /// text is read now and pinned).
    pub fn new(config: &ServeConfig, config_path: Option<&Path>) -> Registry {
        let registry = Registry {
            current: RwLock::new(Arc::new(Snapshot::default())),
            next_uid: AtomicU64::new(1),
            config_path: config_path.map(Path::to_path_buf),
            kv: crate::kv::LazyStore::new(config.kv.clone()),
        };
        let apps = config
            .apps
            .iter()
            .map(|spec| {
                Arc::new(AppEntry {
                    spec: pinned(spec.clone()),
                    uid: registry.uid(),
                    version: 1,
                    origin: Origin::Config,
                    stats: Arc::default(),
                    pool: Default::default(),
                })
            })
            .collect();
        registry.publish(apps, config.default_app);
        registry
    }

    /// Where `spec`'s modules may come from: its own directory, less the
    /// config file and the other apps' files inside it (two file apps in
    /// one directory, a directory app nested in another).
    pub fn module_scope(&self, spec: &AppSpec) -> ModuleScope {
        let root = spec.module_dir();
        let own = std::fs::canonicalize(&spec.root).unwrap_or_else(|_| spec.root.clone());
        let mut deny: Vec<PathBuf> = self.config_path.iter().cloned().collect();
        for app in &self.snapshot().apps {
            let other =
                std::fs::canonicalize(&app.spec.root).unwrap_or_else(|_| app.spec.root.clone());
            if app.spec.name != spec.name
                && other != own
                && other.starts_with(&root)
                && !own.starts_with(&other)
            {
                deny.push(other);
            }
        }
        ModuleScope { root, deny }
    }

    /// Opens the KV store now if an app of the snapshot binds a namespace
    /// (so that a store that cannot open stops the server at start).
    pub fn open_kv_if_bound(&self) -> Result<(), String> {
        if self
            .snapshot()
            .apps
            .iter()
            .any(|app| !app.spec.kv_namespaces.is_empty())
        {
            self.kv.get()?;
        }
        Ok(())
    }

    /// The KV namespaces `spec` binds, on the server's store (opened now
    /// if this is the first app to need it).
    pub fn kv_bindings(&self, spec: &AppSpec) -> Result<Vec<crate::kv::Binding>, String> {
        self.kv.bind(
            spec.kv_namespaces
                .iter()
                .map(|b| (b.binding.as_str(), b.id.as_str())),
        )
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn uid(&self) -> u64 {
        self.next_uid.fetch_add(1, Ordering::Relaxed)
    }

    fn publish(&self, apps: Vec<Arc<AppEntry>>, default_app: Option<usize>) {
        let mut current = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let snapshot = Snapshot::new(current.generation + 1, apps, default_app);
        *current = Arc::new(snapshot);
    }
}

/// The spec with its entry module's current text pinned (left unpinned
/// when the file cannot be read: the load reports that).
fn pinned(mut spec: AppSpec) -> AppSpec {
    spec.source = std::fs::read_to_string(&spec.entry).ok().map(Arc::from);
    spec
}

/// Outbound fetch settings of an app: the private-network policy is on
/// unless the config opens it; allow-lists add exceptions.
pub fn net_config(config: &ServeConfig, app: &AppSpec) -> NetConfig {
    let mut policy = if config.allow_private_net {
        NetPolicy::allow_all()
    } else {
        NetPolicy::deny_private()
    };
    policy.allow = config.allow_net.clone();
    policy.allow.extend(app.allow_net.iter().cloned());
    NetConfig {
        policy,
        extra_ca_pem: config.extra_ca_pem.clone(),
        ..NetConfig::default()
    }
}

/// Why `POST /admin/apps` refused an app.
#[derive(Debug)]
pub enum AddError {
    /// 400: the body is not a valid app entry.
    Invalid(EntryError),
    /// 409: the name, a hostname or the default slot is taken.
    Conflict(EntryError),
    /// 422: valid, but it does not load.
    LoadFailed(String),
}

/// What a config reload did.
#[derive(Debug, Default, serde::Serialize)]
pub struct ReloadReport {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: Vec<String>,
    /// Apps whose new version failed to load (the old one, if any, keeps
    /// serving): (name, error).
    pub rejected: Vec<(String, String)>,
}

/// Makes the changes to the registry, one at a time.
pub struct Control {
    pub registry: Arc<Registry>,
    /// The startup config: listener, threads and network settings stay as
    /// they were (a reload applies the apps and their `defaults`).
    config: ServeConfig,
    config_path: Option<PathBuf>,
    overrides: Overrides,
    defaults: Mutex<config::Limits>,
    loader: smol::channel::Sender<Job>,
    changing: Mutex<()>,
}

struct Job {
    spec: AppSpec,
    net: NetConfig,
    scope: ModuleScope,
    kv: Result<Vec<crate::kv::Binding>, String>,
    reply: std::sync::mpsc::Sender<Result<(), String>>,
}

impl Control {
    /// Starts the loader thread.
    pub fn new(
        registry: Arc<Registry>,
        config: ServeConfig,
        config_path: Option<PathBuf>,
        overrides: Overrides,
    ) -> Result<Control, String> {
        let (loader, jobs) = smol::channel::unbounded::<Job>();
        std::thread::Builder::new()
            .name("loader".into())
            .stack_size(super::worker::STACK_SIZE)
            .spawn(move || trial_loader(jobs))
            .map_err(|e| format!("cannot start the loader thread: {e}"))?;
        Ok(Control {
            registry,
            defaults: Mutex::new(config.defaults.clone()),
            config,
            config_path,
            overrides,
            loader,
            changing: Mutex::new(()),
        })
    }

    pub fn config_path(&self) -> Option<&Path> {
        self.config_path.as_deref()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.changing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Loads `spec` on the loader thread and drops it: does it load?
    pub fn trial_load(&self, spec: &AppSpec) -> Result<(), String> {
        let (reply, answer) = std::sync::mpsc::channel();
        let job = Job {
            spec: spec.clone(),
            net: net_config(&self.config, spec),
            scope: self.registry.module_scope(spec),
            kv: self.registry.kv_bindings(spec),
            reply,
        };
        self.loader
            .send_blocking(job)
            .map_err(|_| "the loader thread is gone".to_string())?;
        answer
            .recv()
            .unwrap_or_else(|_| Err("the app crashed while loading".into()))
    }

    /// `POST /admin/apps`: checks the entry as config.rs checks a config
    /// file's (relative paths against the config's directory), trial-loads
    /// it, then adds it. Nothing changes on an error.
    pub fn add(&self, body: &[u8]) -> Result<Arc<AppEntry>, AddError> {
        let _changing = self.lock();
        let snapshot = self.registry.snapshot();
        let specs: Vec<AppSpec> = snapshot.apps.iter().map(|a| a.spec.clone()).collect();
        let taken = Taken::of(&specs, snapshot.default_app);
        let defaults = self
            .defaults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let (spec, is_default) =
            config::parse_app_entry(body, &self.config.base_dir, &defaults, &taken).map_err(
                |e| {
                    if e.conflict {
                        AddError::Conflict(e)
                    } else {
                        AddError::Invalid(e)
                    }
                },
            )?;
        let spec = pinned(spec);
        self.trial_load(&spec).map_err(AddError::LoadFailed)?;
        let entry = Arc::new(AppEntry {
            spec,
            uid: self.registry.uid(),
            version: 1,
            origin: Origin::Api,
            stats: Arc::default(),
            pool: Default::default(),
        });
        let mut apps = snapshot.apps.clone();
        apps.push(entry.clone());
        let default_app = if is_default {
            Some(apps.len() - 1)
        } else {
            snapshot.default_app
        };
        self.registry.publish(apps, default_app);
        tracing::info!(app = entry.spec.name, "app added");
        Ok(entry)
    }

    /// `DELETE /admin/apps/{name}`: stops routing to the app; its
    /// instances go once their requests are done. `None` if unknown.
    pub fn remove(&self, name: &str) -> Option<Arc<AppEntry>> {
        let _changing = self.lock();
        let snapshot = self.registry.snapshot();
        let index = snapshot.apps.iter().position(|a| a.spec.name == name)?;
        let mut apps = snapshot.apps.clone();
        let removed = apps.remove(index);
        let default_app = match snapshot.default_app {
            Some(d) if d == index => None,
            Some(d) if d > index => Some(d - 1),
            other => other,
        };
        self.registry.publish(apps, default_app);
        tracing::info!(app = name, "app removed");
        Some(removed)
    }

    /// Waits until no request of `entry`'s app is in flight, for at most
    /// `timeout`; false if some still are.
    pub fn wait_drained(entry: &AppEntry, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while entry.stats.in_flight.load(Ordering::Acquire) > 0 {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    /// The apps' source changed: trial-load a new version of `name` from
    /// its files and swap it in if it loads. `Err` with the load error
    /// otherwise (the old version keeps serving).
    pub fn reload_app(&self, name: &str) -> Result<u64, String> {
        let _changing = self.lock();
        let snapshot = self.registry.snapshot();
        let Some(old) = snapshot.find(name).cloned() else {
            return Err(format!("no app named {name:?}"));
        };
        let spec = pinned(old.spec.clone());
        let version = old.version + 1;
        if let Err(error) = self.trial_load(&spec) {
            self.reject(&old, version, &error);
            return Err(error);
        }
        let entry = self.next_version(&old, spec, old.origin);
        let apps = snapshot
            .apps
            .iter()
            .map(|a| {
                if a.uid == old.uid {
                    entry.clone()
                } else {
                    a.clone()
                }
            })
            .collect();
        self.registry.publish(apps, snapshot.default_app);
        tracing::info!(app = name, version, "new version swapped in");
        Ok(version)
    }

    fn next_version(&self, old: &AppEntry, spec: AppSpec, origin: Origin) -> Arc<AppEntry> {
        *old.stats
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        Arc::new(AppEntry {
            spec,
            uid: self.registry.uid(),
            version: old.version + 1,
            origin,
            stats: old.stats.clone(),
            pool: Default::default(),
        })
    }

    fn reject(&self, old: &AppEntry, version: u64, error: &str) {
        tracing::error!(
            app = old.spec.name,
            version,
            "the new version failed to load; version {} keeps serving: {error}",
            old.version
        );
        *old.stats
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((version, error.to_string()));
    }

    /// `POST /admin/reload` and the config watcher: re-reads the config
    /// file; an invalid file changes nothing (`Err`). Apps whose entry,
    /// settings or source changed get a new version if it loads.
    pub fn reload_config(&self) -> Result<ReloadReport, String> {
        let Some(path) = &self.config_path else {
            return Err("the server was not started with --config".into());
        };
        let _changing = self.lock();
        let config = config::load_file(path, &self.overrides).map_err(|e| e.to_string())?;
        let snapshot = self.registry.snapshot();
        let mut report = ReloadReport::default();
        let mut apps: Vec<Arc<AppEntry>> = Vec::new();
        for spec in config.apps.iter().cloned().map(pinned) {
            let name = spec.name.clone();
            match snapshot.find(&name) {
                Some(old) if old.spec == spec => {
                    report.unchanged.push(name);
                    apps.push(if old.origin == Origin::Config {
                        old.clone()
                    } else {
                        Arc::new(AppEntry {
                            spec,
                            uid: old.uid,
                            version: old.version,
                            origin: Origin::Config,
                            stats: old.stats.clone(),
                            pool: Default::default(),
                        })
                    });
                }
                Some(old) => match self.trial_load(&spec) {
                    Ok(()) => {
                        report.updated.push(name);
                        apps.push(self.next_version(old, spec, Origin::Config));
                    }
                    Err(error) => {
                        self.reject(old, old.version + 1, &error);
                        report.rejected.push((name, error));
                        apps.push(old.clone());
                    }
                },
                None => {
                    if let Err(error) = self.trial_load(&spec) {
                        tracing::error!(app = name, "the new app failed to load: {error}");
                        report.rejected.push((name.clone(), error.clone()));
                        let stats = AppStats::default();
                        *stats.rejected.lock().unwrap_or_else(|e| e.into_inner()) =
                            Some((1, error));
                        // Added all the same, as at startup: it answers
                        // 503 until its files are fixed.
                        apps.push(Arc::new(AppEntry {
                            spec,
                            uid: self.registry.uid(),
                            version: 1,
                            origin: Origin::Config,
                            stats: Arc::new(stats),
                            pool: Default::default(),
                        }));
                    } else {
                        report.added.push(name);
                        apps.push(Arc::new(AppEntry {
                            spec,
                            uid: self.registry.uid(),
                            version: 1,
                            origin: Origin::Config,
                            stats: Arc::default(),
                            pool: Default::default(),
                        }));
                    }
                }
            }
        }
        let mut default_app = config.default_app;
        // Apps added through the API stay, unless they now clash.
        let specs: Vec<AppSpec> = apps.iter().map(|a| a.spec.clone()).collect();
        let mut taken = Taken::of(&specs, default_app);
        for (i, old) in snapshot.apps.iter().enumerate() {
            if apps.iter().any(|a| a.spec.name == old.spec.name) {
                continue;
            }
            let was_default = snapshot.default_app == Some(i);
            if old.origin == Origin::Api
                && taken.admits(&old.spec, was_default && default_app.is_none())
            {
                let keep_default = was_default && default_app.is_none();
                taken.add(&old.spec, keep_default);
                apps.push(old.clone());
                if keep_default {
                    default_app = Some(apps.len() - 1);
                }
            } else {
                report.removed.push(old.spec.name.clone());
            }
        }
        *self
            .defaults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = config.defaults.clone();
        self.registry.publish(apps, default_app);
        tracing::info!(
            added = report.added.join(","),
            updated = report.updated.join(","),
            removed = report.removed.join(","),
            rejected = report.rejected.len(),
            "config reloaded"
        );
        Ok(report)
    }
}

/// The loader thread: trial loads, one at a time, on its own executor.
fn trial_loader(jobs: smol::channel::Receiver<Job>) {
    let executor = std::rc::Rc::new(smol::LocalExecutor::new());
    let run = async {
        while let Ok(job) = jobs.recv().await {
            let loaded = super::app::AppInstance::load(
                &job.spec, job.net, job.scope, job.kv, &executor, None,
            )
            .await;
            // The trial instance is dropped here: its driver task stops.
            let _ = job.reply.send(loaded.map(drop));
        }
    };
    smol::block_on(executor.run(run));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nano-boa-registry-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const APP: &str = "export default { fetch() { return new Response('ok'); } };";

    fn names(registry: &Registry) -> Vec<String> {
        let snapshot = registry.snapshot();
        snapshot.apps.iter().map(|a| a.spec.name.clone()).collect()
    }

    #[test]
    fn a_reload_keeps_api_apps_unless_they_clash() {
        let dir = temp_dir();
        for name in ["a.js", "b.js", "c.js"] {
            std::fs::write(dir.join(name), APP).unwrap();
        }
        std::fs::write(dir.join("broken.js"), "export default {").unwrap();
        let path = dir.join("nano.json");
        std::fs::write(
            &path,
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "a.js" } ] }"#,
        )
        .unwrap();
        let overrides = Overrides::default();
        let config = config::load_file(&path, &overrides).unwrap();
        let registry = Arc::new(Registry::new(&config, None));
        let control =
            Control::new(registry.clone(), config, Some(path.clone()), overrides).unwrap();

        let b = control
            .add(br#"{ "name": "b", "hostname": "b.test", "path": "b.js" }"#)
            .unwrap();
        assert_eq!(b.version, 1);
        assert!(matches!(
            control.add(br#"{ "name": "x", "hostname": "x.test", "path": "broken.js" }"#),
            Err(AddError::LoadFailed(_))
        ));
        assert_eq!(names(&registry), ["a", "b"]);

        std::fs::write(
            &path,
            r#"{ "apps": [ { "name": "a", "hostname": "a.test", "path": "a.js" },
                           { "name": "c", "hostname": "c.test", "path": "c.js" } ] }"#,
        )
        .unwrap();
        let report = control.reload_config().unwrap();
        assert_eq!(report.added, ["c"]);
        assert_eq!(report.unchanged, ["a"]);
        assert_eq!(names(&registry), ["a", "c", "b"], "the API app stays");

        // The file now claims b's hostname: b goes.
        std::fs::write(
            &path,
            r#"{ "apps": [ { "name": "a", "hostname": ["a.test", "b.test"], "path": "a.js" } ] }"#,
        )
        .unwrap();
        let report = control.reload_config().unwrap();
        assert_eq!(report.updated, ["a"]);
        assert_eq!(report.removed, ["c", "b"]);
        assert_eq!(names(&registry), ["a"]);
        assert_eq!(registry.snapshot().find("a").unwrap().version, 2);

        // A source edit that does not load is refused; the old version stays.
        let before = registry.snapshot().find("a").unwrap().uid;
        std::fs::write(dir.join("a.js"), "export default {").unwrap();
        assert!(control.reload_app("a").is_err());
        let a = registry.snapshot().find("a").unwrap().clone();
        assert_eq!(a.uid, before);
        assert!(a.stats.rejected.lock().unwrap().is_some());

        assert!(control.remove("a").is_some());
        assert!(control.remove("a").is_none());
        assert!(names(&registry).is_empty());
    }
}
