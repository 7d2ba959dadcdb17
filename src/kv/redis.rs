//! The redis backend: every namespace in one Redis database, so that
//! several nano-boa servers share their KV.
//!
//! Layout (`{ns}` is the namespace id prefixed by its length, so that no
//! id and key pair can spell another's):
//! - `nano-boa:kv:{ns}:{key}`: a hash with `v` (the value), `e` (the
//!   expiration in seconds, `0` for none) and `m` (the metadata JSON, when
//!   there is some); a key with an expiration gets `EXPIREAT`, so Redis
//!   removes it on time;
//! - `nano-boa:kv-index:{ns}`: a sorted set of the namespace's key names,
//!   all with score 0, which Redis orders by their bytes: `list` pages
//!   through it with `ZRANGEBYLEX`, in the order Workers lists keys (a
//!   `SCAN` would give no order and no stable cursor). Names of keys that
//!   expired are dropped from it when a `list` meets them.
//!
//! A `put` or a `delete` is one `MULTI`/`EXEC` transaction, so the hash
//! and the index never disagree for another server. The connection is
//! redis-rs's `ConnectionManager` on smol (multiplexed, reconnecting after
//! Redis restarts), opened on first use; every call is async.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use super::{Entry, ListPage, ListedKey, StoreError, encode_cursor, is_expired, now_seconds};

/// A reply Redis owes within this long, or the call fails.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(5);
/// Removes index name ARGV[1] from KEYS[1] unless its hash KEYS[2] exists.
const DROP_IF_GONE: &str =
    "if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('ZREM', KEYS[1], ARGV[1]) end return 0";
/// Names read from the index per round trip while listing.
const INDEX_BATCH: usize = 256;

/// The store: the client, and the connection once made.
pub struct RedisStore {
    client: redis::Client,
    url: String,
    connection: smol::lock::OnceCell<ConnectionManager>,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("url", &self.url)
            .finish()
    }
}

fn failed(what: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError(format!("KV store {what} failed (redis): {error}"))
}

fn namespace_tag(namespace: &str) -> String {
    format!("{}:{namespace}", namespace.len())
}

fn value_key(namespace: &str, key: &str) -> String {
    format!("nano-boa:kv:{}:{key}", namespace_tag(namespace))
}

fn index_key(namespace: &str) -> String {
    format!("nano-boa:kv-index:{}", namespace_tag(namespace))
}

/// The exclusive upper bound of the names starting with `prefix`, for
/// `ZRANGEBYLEX` (`+`: no bound).
fn prefix_end(prefix: &str) -> Vec<u8> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            let mut bound = vec![b'('];
            bound.extend(end);
            return bound;
        }
    }
    b"+".to_vec()
}

impl RedisStore {
    /// Checks the URL now; connects on the first call.
    pub fn open(url: &str) -> Result<RedisStore, String> {
        let client = redis::Client::open(url)
            .map_err(|e| format!("the KV redis url {url:?} is not valid: {e}"))?;
        Ok(RedisStore {
            client,
            url: url.to_owned(),
            connection: smol::lock::OnceCell::new(),
        })
    }

    async fn connection(&self) -> Result<ConnectionManager, StoreError> {
        let connection = self
            .connection
            .get_or_try_init(|| async {
                let config = ConnectionManagerConfig::new()
                    .set_response_timeout(Some(RESPONSE_TIMEOUT))
                    .set_connection_timeout(Some(RESPONSE_TIMEOUT))
                    .set_number_of_retries(2);
                self.client
                    .get_connection_manager_with_config(config)
                    .await
                    .map_err(|e| failed(&format!("connecting to {}", self.url), e))
            })
            .await?;
        Ok(connection.clone())
    }

    pub async fn get(&self, namespace: &str, key: &str) -> Result<Option<Entry>, StoreError> {
        let mut connection = self.connection().await?;
        let (value, expiration, metadata): (Option<Vec<u8>>, Option<u64>, Option<String>) =
            redis::cmd("HMGET")
                .arg(value_key(namespace, key))
                .arg("v")
                .arg("e")
                .arg("m")
                .query_async(&mut connection)
                .await
                .map_err(|e| failed("read", e))?;
        let (Some(value), Some(expiration)) = (value, expiration) else {
            return Ok(None);
        };
        let expiration = (expiration != 0).then_some(expiration);
        if is_expired(expiration, now_seconds()) {
            return Ok(None);
        }
        Ok(Some(Entry {
            value,
            metadata,
            expiration,
        }))
    }

    pub async fn put(&self, namespace: &str, key: &str, entry: Entry) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        let hash = value_key(namespace, key);
        let mut pipe = redis::pipe();
        pipe.atomic()
            .del(&hash)
            .ignore()
            .hset(&hash, "v", entry.value)
            .ignore()
            .hset(&hash, "e", entry.expiration.unwrap_or(0))
            .ignore();
        if let Some(metadata) = &entry.metadata {
            pipe.hset(&hash, "m", metadata).ignore();
        }
        if let Some(at) = entry.expiration {
            pipe.cmd("EXPIREAT").arg(&hash).arg(at).ignore();
        }
        pipe.zadd(index_key(namespace), key, 0).ignore();
        pipe.query_async::<()>(&mut connection)
            .await
            .map_err(|e| failed("write", e))
    }

    pub async fn delete(&self, namespace: &str, key: &str) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        redis::pipe()
            .atomic()
            .del(value_key(namespace, key))
            .ignore()
            .zrem(index_key(namespace), key)
            .ignore()
            .query_async::<()>(&mut connection)
            .await
            .map_err(|e| failed("write", e))
    }

    /// Up to `limit` live keys starting with `prefix`, after `after`: the
    /// index in batches, each name checked against its hash.
    pub async fn list(
        &self,
        namespace: &str,
        prefix: &str,
        after: Option<String>,
        limit: usize,
    ) -> Result<ListPage, StoreError> {
        let mut connection = self.connection().await?;
        let index = index_key(namespace);
        let end = prefix_end(prefix);
        let mut start: Vec<u8> = match &after {
            Some(after) if after.as_str() >= prefix => [b"(", after.as_bytes()].concat(),
            _ => [b"[", prefix.as_bytes()].concat(),
        };
        let now = now_seconds();
        let mut keys = Vec::new();
        let mut more = false;
        'pages: loop {
            let names: Vec<String> = redis::cmd("ZRANGEBYLEX")
                .arg(&index)
                .arg(&start)
                .arg(&end)
                .arg("LIMIT")
                .arg(0)
                .arg(INDEX_BATCH)
                .query_async(&mut connection)
                .await
                .map_err(|e| failed("list", e))?;
            let Some(last) = names.last() else { break };
            start = [b"(", last.as_bytes()].concat();
            let mut pipe = redis::pipe();
            for name in &names {
                pipe.cmd("HMGET")
                    .arg(value_key(namespace, name))
                    .arg("e")
                    .arg("m");
            }
            let found: Vec<(Option<u64>, Option<String>)> = pipe
                .query_async(&mut connection)
                .await
                .map_err(|e| failed("list", e))?;
            let mut gone = Vec::new();
            for (name, (expiration, metadata)) in names.iter().zip(found) {
                let Some(expiration) = expiration else {
                    gone.push(name.clone());
                    continue;
                };
                let expiration = (expiration != 0).then_some(expiration);
                if is_expired(expiration, now) {
                    continue;
                }
                if keys.len() == limit {
                    more = true;
                    break 'pages;
                }
                keys.push(ListedKey {
                    name: name.clone(),
                    expiration,
                    metadata,
                });
            }
            if !gone.is_empty() {
                // Drop a name only while its hash is still absent (checked
                // inside Redis, atomically): another server may have put
                // the key again since the HMGET above.
                let mut pipe = redis::pipe();
                for name in &gone {
                    pipe.cmd("EVAL")
                        .arg(DROP_IF_GONE)
                        .arg(2)
                        .arg(&index)
                        .arg(value_key(namespace, name))
                        .arg(name)
                        .ignore();
                }
                let _: Result<(), _> = pipe.query_async(&mut connection).await;
            }
            if names.len() < INDEX_BATCH {
                break;
            }
        }
        let cursor = if more {
            keys.last()
                .map(|last: &ListedKey| encode_cursor(&last.name))
        } else {
            None
        };
        Ok(ListPage { keys, cursor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_bounds_cover_exactly_the_prefix() {
        assert_eq!(prefix_end(""), b"+");
        assert_eq!(prefix_end("ab"), b"(ac");
        assert_eq!(prefix_end("a\u{7f}"), b"(a\x80");
        assert_eq!(index_key("a:b"), "nano-boa:kv-index:3:a:b");
        assert_ne!(value_key("a", "1:b:c"), value_key("a:1:b", "c"));
    }
}
