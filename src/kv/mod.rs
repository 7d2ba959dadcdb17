//! Workers KV storage: the namespaces apps bind with `kv_namespaces`, in
//! one store for the whole server (`"kv"` in the config).
//!
//! - [`embedded`]: the default, a redb file beside the config: durable
//!   across restarts, crash-safe (every write is a committed transaction);
//! - [`redis`]: one Redis database that several servers share;
//! - the JavaScript side (`KVNamespace`, its argument checks and Workers'
//!   limits and errors) is `web::kv`.
//!
//! A namespace is its `id`: apps naming the same id share its keys. Keys
//! are listed in the byte order of their UTF-8 text, as Workers lists them.
//! Expiry is in seconds since the UNIX epoch (Workers' unit); an expired
//! key reads as absent at once and is removed by a periodic sweep.
//!
//! Every operation is a future, so that the JavaScript thread never waits
//! for the disk: the embedded store runs its transactions on smol's
//! blocking pool.

pub mod embedded;
pub mod redis;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The `"kv"` setting: where every namespace lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvSettings {
    /// A redb database file at this path (created with its directory).
    Embedded { path: PathBuf },
    /// A Redis database (`redis://host:port/db`).
    Redis { url: String },
}

/// One stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub value: Vec<u8>,
    /// The metadata as JSON text, as `put` serialized it.
    pub metadata: Option<String>,
    /// Seconds since the UNIX epoch after which the key is gone.
    pub expiration: Option<u64>,
}

/// A key as `list` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedKey {
    pub name: String,
    pub expiration: Option<u64>,
    pub metadata: Option<String>,
}

/// One page of `list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub keys: Vec<ListedKey>,
    /// The cursor of the next page; `None` when this page is the last.
    pub cursor: Option<String>,
}

/// A failure of the store itself (I/O, a corrupt file), not of the
/// caller's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The server's KV store.
#[derive(Debug)]
pub enum Store {
    Embedded(embedded::Embedded),
    Redis(redis::RedisStore),
}

/// A namespace of a store, as one app's binding holds it.
#[derive(Debug, Clone)]
pub struct Namespace {
    pub store: Arc<Store>,
    pub id: Arc<str>,
}

/// `env[name]` of an app: a namespace.
#[derive(Debug, Clone)]
pub struct Binding {
    pub name: String,
    pub namespace: Namespace,
}

/// The server's store, opened when the first app with a KV binding needs
/// it (a server without one creates no file); a failed open is tried again
/// by the next app.
#[derive(Debug)]
pub struct LazyStore {
    settings: KvSettings,
    store: std::sync::Mutex<Option<Arc<Store>>>,
}

impl LazyStore {
    pub fn new(settings: KvSettings) -> LazyStore {
        LazyStore {
            settings,
            store: std::sync::Mutex::new(None),
        }
    }

    pub fn get(&self) -> Result<Arc<Store>, String> {
        let mut slot = self
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(store) = slot.as_ref() {
            return Ok(store.clone());
        }
        let store = Store::open(&self.settings)?;
        *slot = Some(store.clone());
        Ok(store)
    }

    /// The bindings of an app's `kv_namespaces` (`(binding, id)` pairs).
    pub fn bind<'a>(
        &self,
        namespaces: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Vec<Binding>, String> {
        let mut bindings = Vec::new();
        for (name, id) in namespaces {
            bindings.push(Binding {
                name: name.to_owned(),
                namespace: Namespace {
                    store: self.get()?,
                    id: Arc::from(id),
                },
            });
        }
        Ok(bindings)
    }
}

impl Store {
    /// Opens (or creates) the store `settings` names.
    pub fn open(settings: &KvSettings) -> Result<Arc<Store>, String> {
        match settings {
            KvSettings::Embedded { path } => {
                Ok(Arc::new(Store::Embedded(embedded::Embedded::open(path)?)))
            }
            KvSettings::Redis { url } => Ok(Arc::new(Store::Redis(redis::RedisStore::open(url)?))),
        }
    }

    /// The value of `key`, unless absent or expired.
    pub async fn get(&self, namespace: &str, key: &str) -> Result<Option<Entry>, StoreError> {
        match self {
            Store::Embedded(store) => store.get(namespace, key).await,
            Store::Redis(store) => store.get(namespace, key).await,
        }
    }

    pub async fn put(&self, namespace: &str, key: &str, entry: Entry) -> Result<(), StoreError> {
        match self {
            Store::Embedded(store) => store.put(namespace, key, entry).await,
            Store::Redis(store) => store.put(namespace, key, entry).await,
        }
    }

    pub async fn delete(&self, namespace: &str, key: &str) -> Result<(), StoreError> {
        match self {
            Store::Embedded(store) => store.delete(namespace, key).await,
            Store::Redis(store) => store.delete(namespace, key).await,
        }
    }

    /// At most `limit` live keys starting with `prefix`, in key order,
    /// after the key `cursor` names.
    pub async fn list(
        &self,
        namespace: &str,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<ListPage, StoreError> {
        let after = match cursor {
            Some(cursor) => match decode_cursor(cursor) {
                Some(after) => Some(after),
                // A cursor this store did not make lists nothing, as the
                // KV service answers a stale one.
                None => {
                    return Ok(ListPage {
                        keys: Vec::new(),
                        cursor: None,
                    });
                }
            },
            None => None,
        };
        match self {
            Store::Embedded(store) => store.list(namespace, prefix, after, limit).await,
            Store::Redis(store) => store.list(namespace, prefix, after, limit).await,
        }
    }
}

/// Now, in seconds since the UNIX epoch (KV's unit of expiry).
pub fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Whether an entry expiring at `expiration` is gone at `now`.
pub fn is_expired(expiration: Option<u64>, now: u64) -> bool {
    expiration.is_some_and(|at| at <= now)
}

/// A cursor is opaque to apps (as Workers'): here the last key of the
/// page, base64url-encoded, so the next page starts after it.
pub fn encode_cursor(last_key: &str) -> String {
    URL_SAFE_NO_PAD.encode(last_key)
}

fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = encode_cursor("users/ünïcode");
        assert_eq!(decode_cursor(&cursor).as_deref(), Some("users/ünïcode"));
        assert_eq!(decode_cursor("***"), None);
    }

    #[test]
    fn expiry_is_inclusive_of_the_second() {
        assert!(is_expired(Some(10), 10));
        assert!(!is_expired(Some(11), 10));
        assert!(!is_expired(None, u64::MAX));
    }
}
