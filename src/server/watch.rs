//! Hot reload: a thread that watches the config file (with `--config`) and
//! each app's source (a directory app's whole tree, a file app's file),
//! debounced, and asks [`Control`] for a config reload or a new version of
//! the app. A new version that does not load is not swapped in (see
//! `registry`).
//!
//! notify's inotify backend also reports opens and reads (the server's own,
//! when it loads an app, and this watcher's, when it fingerprints a
//! directory): those events are dropped where they arrive, or every
//! fingerprint would cause the next one and the watcher would spin (it
//! did: 38-57% of a core idle with 1,000 apps). Other events count only
//! when the content changed: the config file's text, a file app's text
//! (against the version's pinned source), a directory app's fingerprint
//! (path, size and mtime of every file under it). Idle, the thread sleeps
//! in `recv`: no polling.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{self, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::registry::Control;

/// Changes closer together than this are handled as one.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// What to watch: path → recursive?
type WatchSet = BTreeMap<PathBuf, bool>;

/// Path, size and modification time of every file under a directory.
type Fingerprint = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

/// At most this many files are fingerprinted per directory app.
const MAX_FILES: usize = 10_000;

/// Directories not fingerprinted: installed packages (thousands of files
/// that change with a deploy, not with an edit: a change there does not
/// reload the app) and VCS data.
const SKIPPED_DIRS: [&str; 2] = ["node_modules", ".git"];

fn fingerprint(dir: &Path) -> Fingerprint {
    let mut files = Fingerprint::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                if !SKIPPED_DIRS.iter().any(|skip| entry.file_name() == *skip) {
                    pending.push(entry.path());
                }
            } else if files.len() < MAX_FILES {
                files.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    files.sort();
    files
}

/// What the watcher last saw.
#[derive(Default)]
struct Seen {
    config: Option<String>,
    /// Directory apps: name → (version uid, fingerprint).
    dirs: HashMap<String, (u64, Fingerprint)>,
    /// File apps: name → (version uid, text).
    files: HashMap<String, (u64, Option<String>)>,
}

impl Seen {
    /// Records the fingerprints of directory apps not seen yet (or with a
    /// new version).
    fn note_apps(&mut self, control: &Control) {
        for app in watched_apps(control) {
            if app.dir
                && self
                    .dirs
                    .get(&app.name)
                    .is_none_or(|(uid, _)| *uid != app.uid)
            {
                let fingerprint = fingerprint(&app.root);
                self.dirs.insert(app.name, (app.uid, fingerprint));
            } else if !app.dir
                && self
                    .files
                    .get(&app.name)
                    .is_none_or(|(uid, _)| *uid != app.uid)
            {
                let text = app.source.as_deref().map(str::to_string);
                self.files.insert(app.name, (app.uid, text));
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// One app's files, as watched.
struct Watched {
    name: String,
    /// A directory app's directory (anything under it counts), or a file
    /// app's file.
    root: PathBuf,
    dir: bool,
    entry: PathBuf,
    source: Option<Arc<str>>,
    uid: u64,
}

fn watched_apps(control: &Control) -> Vec<Watched> {
    control
        .registry
        .snapshot()
        .apps
        .iter()
        .map(|app| {
            let root = absolute(&app.spec.root);
            Watched {
                name: app.spec.name.clone(),
                dir: root.is_dir(),
                root,
                entry: absolute(&app.spec.entry),
                source: app.spec.source.clone(),
                uid: app.uid,
            }
        })
        .collect()
}

fn watch_set(config: Option<&Path>, apps: &[Watched]) -> WatchSet {
    let mut set = WatchSet::new();
    let mut add = |path: PathBuf, recursive: bool| {
        let slot = set.entry(path).or_insert(false);
        *slot |= recursive;
    };
    // Directories, not files: an editor that saves by renaming a new file
    // over the old one would end a watch on the file itself.
    if let Some(parent) = config.and_then(Path::parent) {
        add(parent.to_path_buf(), false);
    }
    for app in apps {
        if app.dir {
            add(app.root.clone(), true);
        } else if let Some(parent) = app.root.parent() {
            add(parent.to_path_buf(), false);
        }
    }
    set
}

/// What the watcher thread hears: changed paths, or the end.
enum Heard {
    Paths(Vec<PathBuf>),
    Error(String),
    Shutdown,
}

/// Starts the watcher thread; it ends when shutdown begins.
pub fn start(control: Arc<Control>, shutdown: smol::channel::Receiver<()>) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel::<Heard>();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let heard = match event {
            // Opens, reads and closes without a write change nothing.
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
            Ok(event) => Heard::Paths(event.paths),
            Err(e) => Heard::Error(e.to_string()),
        };
        let _ = events.send(heard);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // Shutdown wakes the thread (it blocks in `recv`, it does not poll).
    std::thread::Builder::new()
        .name("watcher-stop".into())
        .spawn(move || {
            let _ = smol::block_on(shutdown.recv());
            let _ = tx.send(Heard::Shutdown);
        })
        .map_err(|e| format!("cannot start the watcher thread: {e}"))?;
    let config = control.config_path().map(absolute);
    let mut current = WatchSet::new();
    update(&mut watcher, &mut current, config.as_deref(), &control);
    let mut seen = Seen {
        config: config
            .as_deref()
            .and_then(|c| std::fs::read_to_string(c).ok()),
        ..Seen::default()
    };
    seen.note_apps(&control);
    std::thread::Builder::new()
        .name("watcher".into())
        .spawn(move || {
            loop {
                let mut paths = match rx.recv() {
                    Ok(Heard::Paths(paths)) => paths,
                    Ok(Heard::Error(e)) => {
                        tracing::warn!("file watcher: {e}");
                        continue;
                    }
                    Ok(Heard::Shutdown) | Err(_) => return,
                };
                // Debounce: what arrives within DEBOUNCE joins this batch
                // (an editor's save is several events).
                let until = std::time::Instant::now() + DEBOUNCE;
                while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
                    match rx.recv_timeout(left) {
                        Ok(Heard::Paths(more)) => paths.extend(more),
                        Ok(Heard::Error(e)) => tracing::warn!("file watcher: {e}"),
                        Ok(Heard::Shutdown) => return,
                        Err(_) => break,
                    }
                }
                let mut paths: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
                paths.sort();
                paths.dedup();
                changed(&control, config.as_deref(), &paths, &mut seen);
                update(&mut watcher, &mut current, config.as_deref(), &control);
                seen.note_apps(&control);
            }
        })
        .map_err(|e| format!("cannot start the watcher thread: {e}"))?;
    Ok(())
}

/// Brings the watches in line with the current apps.
fn update(
    watcher: &mut RecommendedWatcher,
    current: &mut WatchSet,
    config: Option<&Path>,
    control: &Control,
) {
    let wanted = watch_set(config, &watched_apps(control));
    if &wanted == current {
        return;
    }
    for path in current.keys() {
        if !wanted.contains_key(path) || wanted[path] != current[path] {
            let _ = watcher.unwatch(path);
        }
    }
    for (path, &recursive) in &wanted {
        if current.get(path) == Some(&recursive) {
            continue;
        }
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        if let Err(e) = watcher.watch(path, mode) {
            tracing::warn!("cannot watch {}: {e}", path.display());
        }
    }
    *current = wanted;
}

/// Acts on a batch of changed paths.
fn changed(control: &Control, config: Option<&Path>, paths: &[PathBuf], seen: &mut Seen) {
    if let Some(config) = config
        && paths.iter().any(|p| p == config)
        && let text = std::fs::read_to_string(config).ok()
        && text != seen.config
    {
        seen.config = text;
        // A reload also picks up every app whose source changed.
        tracing::info!("config file changed; reloading");
        if let Err(error) = control.reload_config() {
            tracing::error!(
                "the changed config is not applied (the old one keeps serving): {error}"
            );
        }
        return;
    }
    for app in watched_apps(control) {
        let touched = if app.dir {
            paths.iter().any(|p| p.starts_with(&app.root))
        } else {
            paths.iter().any(|p| p == &app.root)
        };
        if !touched {
            continue;
        }
        // Read, or saved without a change: nothing to do.
        if app.dir {
            let now = fingerprint(&app.root);
            if seen.dirs.get(&app.name).is_some_and(|(_, old)| *old == now) {
                continue;
            }
            // Not retried until it changes again, even if it fails.
            seen.dirs.insert(app.name.clone(), (app.uid, now));
        } else {
            let now = std::fs::read_to_string(&app.entry).ok();
            if seen
                .files
                .get(&app.name)
                .is_some_and(|(_, old)| *old == now)
            {
                continue;
            }
            seen.files.insert(app.name.clone(), (app.uid, now));
        }
        tracing::info!(app = app.name, "source changed; loading the new version");
        // Errors are logged and recorded by reload_app.
        let _ = control.reload_app(&app.name);
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_skip_installed_packages() {
        let dir = std::env::temp_dir().join(format!("nano-boa-watch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("node_modules/pkg")).expect("mkdir");
        std::fs::create_dir_all(dir.join("src")).expect("mkdir");
        std::fs::write(dir.join("node_modules/pkg/index.js"), "x").expect("write");
        std::fs::write(dir.join("src/app.js"), "x").expect("write");
        let files: Vec<_> = fingerprint(&dir).into_iter().map(|(p, _, _)| p).collect();
        assert_eq!(files, vec![dir.join("src/app.js")]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
