//! The embedded KV backend: one redb database file for every namespace of
//! the server.
//!
//! Two tables:
//! - `entries`: (namespace, key) → (expiration or 0, metadata JSON, value);
//!   redb orders the tuple by namespace, then by the key's bytes, which is
//!   the order `list` must give;
//! - `expiries`: (expiration, namespace, key) → (), an index the sweep
//!   walks from the oldest expiry, so that removing expired keys never
//!   scans the whole store.
//!
//! Each write is one transaction with redb's default durability
//! (`Immediate`: on disk when `commit` returns), so a crash loses no
//! acknowledged `put` and never leaves a half-written one. redb allows one
//! writer at a time and readers beside it; the transactions run on smol's
//! blocking pool, never on an app's thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};
use std::time::Duration;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{Entry, ListPage, ListedKey, StoreError, encode_cursor, is_expired, now_seconds};

/// (expiration in seconds, 0 for none; metadata JSON; value).
type StoredValue = (u64, Option<&'static str>, &'static [u8]);
/// (namespace, key) → [`StoredValue`].
const ENTRIES: TableDefinition<(&str, &str), StoredValue> = TableDefinition::new("entries");
/// (expiration, namespace, key) → ().
const EXPIRIES: TableDefinition<(u64, &str, &str), ()> = TableDefinition::new("expiries");

/// How often expired keys are removed (they read as absent before that).
const SWEEP_INTERVAL: Duration = Duration::from_secs(60);
/// Expired keys removed per sweep transaction, so a sweep never holds the
/// write lock for long.
const SWEEP_BATCH: usize = 1000;

/// The open database.
#[derive(Debug)]
pub struct Embedded {
    db: Arc<Database>,
    path: PathBuf,
}

fn failed(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError(format!("KV store {what} failed: {error}"))
}

impl Embedded {
    /// Opens the database at `path`, creating it (and its directory) when
    /// missing, and starts the sweep.
    pub fn open(path: &Path) -> Result<Embedded, String> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the KV directory {}: {e}", dir.display()))?;
        }
        let db = Database::create(path).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => format!(
                "the KV store {} is open in another process (one nano-boa server per store file; \
                 use the redis backend to share KV between servers)",
                path.display()
            ),
            e => format!("cannot open the KV store {}: {e}", path.display()),
        })?;
        // Both tables exist from the start, so a read never meets a
        // missing table.
        let create = || -> Result<(), redb::Error> {
            let txn = db.begin_write()?;
            txn.open_table(ENTRIES)?;
            txn.open_table(EXPIRIES)?;
            txn.commit()?;
            Ok(())
        };
        create().map_err(|e| format!("cannot open the KV store {}: {e}", path.display()))?;
        let db = Arc::new(db);
        spawn_sweeper(Arc::downgrade(&db));
        Ok(Embedded {
            db,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub async fn get(&self, namespace: &str, key: &str) -> Result<Option<Entry>, StoreError> {
        let db = self.db.clone();
        let (namespace, key) = (namespace.to_owned(), key.to_owned());
        smol::unblock(move || {
            let txn = db.begin_read().map_err(|e| failed("read", e))?;
            let table = txn.open_table(ENTRIES).map_err(|e| failed("read", e))?;
            let Some(found) = table
                .get((namespace.as_str(), key.as_str()))
                .map_err(|e| failed("read", e))?
            else {
                return Ok(None);
            };
            let (expiration, metadata, value) = found.value();
            let expiration = (expiration != 0).then_some(expiration);
            if is_expired(expiration, now_seconds()) {
                return Ok(None);
            }
            Ok(Some(Entry {
                value: value.to_vec(),
                metadata: metadata.map(str::to_owned),
                expiration,
            }))
        })
        .await
    }

    pub async fn put(&self, namespace: &str, key: &str, entry: Entry) -> Result<(), StoreError> {
        let db = self.db.clone();
        let (namespace, key) = (namespace.to_owned(), key.to_owned());
        smol::unblock(move || {
            let write = || -> Result<(), redb::Error> {
                let txn = db.begin_write()?;
                {
                    let mut entries = txn.open_table(ENTRIES)?;
                    let mut expiries = txn.open_table(EXPIRIES)?;
                    let id = (namespace.as_str(), key.as_str());
                    let old = entries.insert(
                        id,
                        (
                            entry.expiration.unwrap_or(0),
                            entry.metadata.as_deref(),
                            entry.value.as_slice(),
                        ),
                    )?;
                    let old_expiration = old.map(|old| old.value().0);
                    if let Some(at) = old_expiration.filter(|at| *at != 0) {
                        expiries.remove((at, namespace.as_str(), key.as_str()))?;
                    }
                    if let Some(at) = entry.expiration {
                        expiries.insert((at, namespace.as_str(), key.as_str()), ())?;
                    }
                }
                txn.commit()?;
                Ok(())
            };
            write().map_err(|e| failed("write", e))
        })
        .await
    }

    pub async fn delete(&self, namespace: &str, key: &str) -> Result<(), StoreError> {
        let db = self.db.clone();
        let (namespace, key) = (namespace.to_owned(), key.to_owned());
        smol::unblock(move || {
            let write = || -> Result<(), redb::Error> {
                let txn = db.begin_write()?;
                {
                    let mut entries = txn.open_table(ENTRIES)?;
                    let mut expiries = txn.open_table(EXPIRIES)?;
                    let old = entries.remove((namespace.as_str(), key.as_str()))?;
                    let old_expiration = old.map(|old| old.value().0);
                    if let Some(at) = old_expiration.filter(|at| *at != 0) {
                        expiries.remove((at, namespace.as_str(), key.as_str()))?;
                    }
                }
                txn.commit()?;
                Ok(())
            };
            write().map_err(|e| failed("write", e))
        })
        .await
    }

    /// Up to `limit` live keys of `namespace` starting with `prefix`,
    /// after the key `after` (exclusive).
    pub async fn list(
        &self,
        namespace: &str,
        prefix: &str,
        after: Option<String>,
        limit: usize,
    ) -> Result<ListPage, StoreError> {
        let db = self.db.clone();
        let (namespace, prefix) = (namespace.to_owned(), prefix.to_owned());
        smol::unblock(move || {
            let read = || -> Result<ListPage, redb::Error> {
                let txn = db.begin_read()?;
                let table = txn.open_table(ENTRIES)?;
                let start = match &after {
                    Some(after) if after.as_str() >= prefix.as_str() => after.as_str(),
                    _ => prefix.as_str(),
                };
                let now = now_seconds();
                let mut keys = Vec::new();
                let mut more = false;
                for item in table.range((namespace.as_str(), start)..)? {
                    let (id, value) = item?;
                    let (ns, key) = id.value();
                    if ns != namespace || !key.starts_with(prefix.as_str()) {
                        break;
                    }
                    if after.as_deref() == Some(key) {
                        continue;
                    }
                    let (expiration, metadata, _) = value.value();
                    let expiration = (expiration != 0).then_some(expiration);
                    if is_expired(expiration, now) {
                        continue;
                    }
                    if keys.len() == limit {
                        more = true;
                        break;
                    }
                    keys.push(ListedKey {
                        name: key.to_owned(),
                        expiration,
                        metadata: metadata.map(str::to_owned),
                    });
                }
                let cursor = more
                    .then(|| {
                        keys.last()
                            .map(|last: &ListedKey| encode_cursor(&last.name))
                    })
                    .flatten();
                Ok(ListPage { keys, cursor })
            };
            read().map_err(|e| failed("list", e))
        })
        .await
    }
}

/// Removes expired keys every [`SWEEP_INTERVAL`] until the store is
/// dropped.
fn spawn_sweeper(db: Weak<Database>) {
    let spawned = std::thread::Builder::new()
        .name("kv-sweep".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(SWEEP_INTERVAL);
                let Some(db) = db.upgrade() else { return };
                loop {
                    match sweep_once(&db, now_seconds()) {
                        Ok(removed) if removed == SWEEP_BATCH => continue,
                        Ok(_) => break,
                        Err(e) => {
                            tracing::warn!("KV sweep failed: {e}");
                            break;
                        }
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the KV sweep thread: {e}; expired keys stay on disk");
    }
}

/// Removes up to [`SWEEP_BATCH`] keys expired at `now`; how many it removed.
fn sweep_once(db: &Database, now: u64) -> Result<usize, redb::Error> {
    let txn = db.begin_write()?;
    let removed;
    {
        let mut entries = txn.open_table(ENTRIES)?;
        let mut expiries = txn.open_table(EXPIRIES)?;
        let mut due = Vec::new();
        for item in expiries.range((0, "", "")..)? {
            let (id, _) = item?;
            let (at, namespace, key) = id.value();
            if at > now || due.len() == SWEEP_BATCH {
                break;
            }
            due.push((at, namespace.to_owned(), key.to_owned()));
        }
        for (at, namespace, key) in &due {
            expiries.remove((*at, namespace.as_str(), key.as_str()))?;
            entries.remove((namespace.as_str(), key.as_str()))?;
        }
        removed = due.len();
    }
    txn.commit()?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(name: &str) -> Embedded {
        let dir = std::env::temp_dir().join(format!("nano-boa-kv-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Embedded::open(&dir.join("kv.redb")).expect("open")
    }

    fn entry(value: &str, expiration: Option<u64>) -> Entry {
        Entry {
            value: value.as_bytes().to_vec(),
            metadata: None,
            expiration,
        }
    }

    #[test]
    fn namespaces_are_apart_and_lists_are_in_byte_order() {
        let kv = store("order");
        smol::block_on(async {
            for key in ["b", "a", "ä", "a/2", "a/10"] {
                kv.put("one", key, entry(key, None)).await.unwrap();
            }
            kv.put("two", "a", entry("other", None)).await.unwrap();
            let page = kv.list("one", "", None, 10).await.unwrap();
            let names: Vec<_> = page.keys.iter().map(|k| k.name.as_str()).collect();
            assert_eq!(names, ["a", "a/10", "a/2", "b", "ä"]);
            assert_eq!(page.cursor, None);
            let a = kv.get("two", "a").await.unwrap().unwrap();
            assert_eq!(a.value, b"other");
            assert_eq!(kv.get("two", "b").await.unwrap(), None);
        });
    }

    #[test]
    fn expired_keys_read_as_absent_and_are_swept() {
        let kv = store("expiry");
        smol::block_on(async {
            kv.put("ns", "old", entry("x", Some(1))).await.unwrap();
            kv.put("ns", "new", entry("y", Some(u64::MAX)))
                .await
                .unwrap();
            assert_eq!(kv.get("ns", "old").await.unwrap(), None);
            let page = kv.list("ns", "", None, 10).await.unwrap();
            assert_eq!(page.keys.len(), 1);
            assert_eq!(sweep_once(&kv.db, now_seconds()).unwrap(), 1);
            assert_eq!(sweep_once(&kv.db, now_seconds()).unwrap(), 0);
            // Overwriting drops the old expiry from the index.
            kv.put("ns", "new", entry("z", None)).await.unwrap();
            assert_eq!(sweep_once(&kv.db, u64::MAX).unwrap(), 0);
            assert!(kv.get("ns", "new").await.unwrap().is_some());
        });
    }
}
