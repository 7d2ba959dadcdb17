//! The Cache API as Workers has it: `caches.default` and `await
//! caches.open(name)`, each a `Cache` with `match`, `put` and `delete`
//! (<https://developers.cloudflare.com/workers/runtime-apis/cache/>; the
//! request matching of the Service Worker spec's Cache,
//! <https://w3c.github.io/ServiceWorker/#cache-interface>).
//!
//! The entries live in Rust, in one [`CacheStore`] per app (shared by its
//! instances, apart from every other app's), bounded in bytes and evicting
//! the least recently used response first. The JavaScript shell
//! ([`SHELL`], compiled on the first read of `caches`) turns Requests and
//! Responses into the stored parts and back: the URL (without its
//! fragment) is the key, a response's `Vary` request headers pick among
//! the variants of one URL, and its freshness comes from `Cache-Control`
//! (`s-maxage`, then `max-age`) or `Expires`, as Workers reads them.
//! Responses that Workers does not cache are not stored (`no-store`,
//! `private`, `Set-Cookie`, no freshness or a lifetime of 0); a non-GET
//! request, a 206 or `Vary: *` is a TypeError with workerd's words.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArray, JsFunction};
use boa_engine::property::Attribute;
use boa_engine::{Context, JsArgs, JsResult, JsString, JsValue, NativeFunction, Source, js_string};

use super::webidl::type_error;

/// Bytes of responses an app may keep (bodies and header text).
pub const DEFAULT_CAPACITY: usize = 32 * 1024 * 1024;

/// One stored response for one set of `Vary` values.
#[derive(Debug, Clone)]
struct Variant {
    /// The request's values of the response's `Vary` headers (lowercase
    /// names; `None` when the request had none).
    vary: Vec<(String, Option<String>)>,
    status: u16,
    status_text: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    stored: Instant,
    expires: Instant,
}

impl Variant {
    fn size(&self) -> usize {
        self.body.len()
            + self
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len())
                .sum::<usize>()
            + 64
    }
}

#[derive(Debug, Default)]
struct Inner {
    /// (cache name, URL) → variants.
    entries: HashMap<(String, String), Vec<Variant>>,
    /// Keys from least to most recently used.
    order: VecDeque<(String, String)>,
    bytes: usize,
}

/// The responses one app has cached.
#[derive(Debug)]
pub struct CacheStore {
    capacity: usize,
    inner: Mutex<Inner>,
}

impl CacheStore {
    pub fn new(capacity: usize) -> CacheStore {
        CacheStore {
            capacity,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The bytes held now.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn touch(inner: &mut Inner, key: &(String, String)) {
        if let Some(at) = inner.order.iter().position(|k| k == key) {
            inner.order.remove(at);
        }
        inner.order.push_back(key.clone());
    }

    /// The fresh variants of `url` in cache `name` (expired ones dropped).
    fn get(&self, name: &str, url: &str) -> Vec<Variant> {
        let mut inner = self.lock();
        let key = (name.to_owned(), url.to_owned());
        let now = Instant::now();
        let Some(variants) = inner.entries.get_mut(&key) else {
            return Vec::new();
        };
        let before: usize = variants.iter().map(Variant::size).sum();
        variants.retain(|v| v.expires > now);
        let after: usize = variants.iter().map(Variant::size).sum();
        let found = variants.clone();
        inner.bytes -= before - after;
        if found.is_empty() {
            inner.entries.remove(&key);
            inner.order.retain(|k| k != &key);
        } else {
            Self::touch(&mut inner, &key);
        }
        found
    }

    /// Stores `variant`, replacing one with the same `Vary` values, then
    /// evicts the least recently used URLs while over capacity.
    fn put(&self, name: &str, url: &str, variant: Variant) {
        let size = variant.size();
        if size > self.capacity {
            return;
        }
        let mut inner = self.lock();
        let key = (name.to_owned(), url.to_owned());
        let variants = inner.entries.entry(key.clone()).or_default();
        let mut freed = 0;
        variants.retain(|v| {
            let same = v.vary == variant.vary;
            if same {
                freed += v.size();
            }
            !same
        });
        variants.push(variant);
        inner.bytes = inner.bytes - freed + size;
        Self::touch(&mut inner, &key);
        while inner.bytes > self.capacity {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some(gone) = inner.entries.remove(&oldest) {
                inner.bytes -= gone.iter().map(Variant::size).sum::<usize>();
            }
        }
    }

    fn delete(&self, name: &str, url: &str) -> bool {
        let mut inner = self.lock();
        let key = (name.to_owned(), url.to_owned());
        match inner.entries.remove(&key) {
            Some(gone) => {
                inner.bytes -= gone.iter().map(Variant::size).sum::<usize>();
                inner.order.retain(|k| k != &key);
                true
            }
            None => false,
        }
    }
}

/// Every app's store, by app name.
fn app_stores() -> std::sync::MutexGuard<'static, HashMap<String, Arc<CacheStore>>> {
    static ALL: OnceLock<Mutex<HashMap<String, Arc<CacheStore>>>> = OnceLock::new();
    ALL.get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The store of app `name` (made on first use), shared by its instances.
pub fn store_for_app(name: &str) -> Arc<CacheStore> {
    app_stores()
        .entry(name.to_owned())
        .or_insert_with(|| Arc::new(CacheStore::new(DEFAULT_CAPACITY)))
        .clone()
}

/// Every app's cached bytes, for the metrics.
pub fn bytes_by_app() -> Vec<(String, usize)> {
    app_stores()
        .iter()
        .map(|(app, store)| (app.clone(), store.bytes()))
        .collect()
}

/// The store a context's `caches` use (`serve` sets the app's; a script
/// run alone gets its own).
#[derive(Clone, boa_engine::JsData, boa_gc::Trace, boa_gc::Finalize)]
pub struct CacheBinding(#[unsafe_ignore_trace] pub Arc<CacheStore>);

/// Binds `store` to the context, before its code first reads `caches`.
pub fn use_store(cx: &mut Context, store: Arc<CacheStore>) {
    cx.insert_data(CacheBinding(store));
}

/// Registers the lazy global `caches`.
pub fn register(context: &mut Context) -> JsResult<()> {
    super::lazy::define_enumerable(context, js_string!("caches"), build)
}

fn store(cx: &mut Context) -> Arc<CacheStore> {
    if let Some(binding) = cx.get_data::<CacheBinding>() {
        return binding.0.clone();
    }
    let store = Arc::new(CacheStore::new(DEFAULT_CAPACITY));
    use_store(cx, store.clone());
    store
}

fn text(value: &JsValue, cx: &mut Context) -> JsResult<String> {
    Ok(value.to_string(cx)?.to_std_string_lossy())
}

fn pairs(value: &JsValue, cx: &mut Context) -> JsResult<Vec<(String, Option<String>)>> {
    let Some(object) = value.as_object() else {
        return Ok(Vec::new());
    };
    let array = JsArray::from_object(object.clone())?;
    let mut out = Vec::new();
    for index in 0..array.length(cx)? {
        let pair = array.get(index, cx)?;
        let pair = pair
            .as_object()
            .ok_or_else(|| type_error("internal: a cache pair is not an array"))?;
        let name = text(&pair.get(0, cx)?, cx)?;
        let value = pair.get(1, cx)?;
        let value = if value.is_null_or_undefined() {
            None
        } else {
            Some(text(&value, cx)?)
        };
        out.push((name, value));
    }
    Ok(out)
}

fn js_pairs(list: &[(String, Option<String>)], cx: &mut Context) -> JsResult<JsValue> {
    let array = JsArray::new(cx)?;
    for (name, value) in list {
        let value: JsValue = match value {
            Some(value) => JsString::from(value.as_str()).into(),
            None => JsValue::null(),
        };
        let pair = JsArray::from_iter([JsString::from(name.as_str()).into(), value], cx);
        array.push(pair, cx)?;
    }
    Ok(array.into())
}

/// `native.get(cache, url)`: the fresh variants, as `[{ vary, status,
/// statusText, headers, body, age }]`.
fn native_get(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = text(args.get_or_undefined(0), cx)?;
    let url = text(args.get_or_undefined(1), cx)?;
    let variants = store(cx).get(&name, &url);
    let array = JsArray::new(cx)?;
    for variant in variants {
        let object = boa_engine::JsObject::with_object_proto(cx.intrinsics());
        let vary = js_pairs(&variant.vary, cx)?;
        object.create_data_property_or_throw(js_string!("vary"), vary, cx)?;
        object.create_data_property_or_throw(js_string!("status"), variant.status, cx)?;
        object.create_data_property_or_throw(
            js_string!("statusText"),
            JsString::from(variant.status_text.as_str()),
            cx,
        )?;
        let headers: Vec<(String, Option<String>)> = variant
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), Some(v.clone())))
            .collect();
        let headers = js_pairs(&headers, cx)?;
        object.create_data_property_or_throw(js_string!("headers"), headers, cx)?;
        let body = super::fetch::body::uint8_array(&variant.body, cx)?;
        object.create_data_property_or_throw(js_string!("body"), body, cx)?;
        let age = variant.stored.elapsed().as_secs();
        #[allow(clippy::cast_precision_loss)]
        object.create_data_property_or_throw(js_string!("age"), age as f64, cx)?;
        array.push(object, cx)?;
    }
    Ok(array.into())
}

/// `native.put(cache, url, vary, status, statusText, headers, body, ttl)`.
fn native_put(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = text(args.get_or_undefined(0), cx)?;
    let url = text(args.get_or_undefined(1), cx)?;
    let vary = pairs(args.get_or_undefined(2), cx)?;
    let status = args.get_or_undefined(3).to_u32(cx)?;
    let status_text = text(args.get_or_undefined(4), cx)?;
    let headers = pairs(args.get_or_undefined(5), cx)?
        .into_iter()
        .map(|(n, v)| (n, v.unwrap_or_default()))
        .collect();
    let body = match args.get_or_undefined(6).as_object() {
        Some(body) => super::fetch::body::buffer_source_bytes(&body, cx)?.unwrap_or_default(),
        None => Vec::new(),
    };
    let ttl = args.get_or_undefined(7).to_number(cx)?;
    let now = Instant::now();
    let variant = Variant {
        vary,
        status: u16::try_from(status).unwrap_or(200),
        status_text,
        headers,
        body,
        stored: now,
        expires: now + Duration::from_secs_f64(ttl.clamp(0.0, 1e9)),
    };
    store(cx).put(&name, &url, variant);
    Ok(JsValue::undefined())
}

/// `native.delete(cache, url)`: whether something was removed.
fn native_delete(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = text(args.get_or_undefined(0), cx)?;
    let url = text(args.get_or_undefined(1), cx)?;
    Ok(store(cx).delete(&name, &url).into())
}

fn build(cx: &mut Context) -> JsResult<JsValue> {
    let native = ObjectInitializer::new(cx)
        .function(
            NativeFunction::from_fn_ptr(native_get),
            js_string!("get"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(native_put),
            js_string!("put"),
            8,
        )
        .function(
            NativeFunction::from_fn_ptr(native_delete),
            js_string!("delete"),
            2,
        )
        .property(js_string!("kind"), js_string!("cache"), Attribute::empty())
        .build();
    let shell = cx.eval(Source::from_bytes(SHELL))?;
    let shell = shell
        .as_object()
        .and_then(|f| JsFunction::from_object(f.clone()))
        .ok_or_else(|| type_error("internal: the Cache API shell is not a function"))?;
    shell.call(&JsValue::undefined(), &[native.into()], cx)
}

/// The JavaScript side: Requests and Responses to stored parts and back.
const SHELL: &str = r#"(function (native) {
  'use strict';
  const DEFAULT = '';
  const toRequest = (input) => {
    if (input instanceof Request) return input;
    return new Request(new URL(String(input)).href);
  };
  const keyOf = (request) => { const url = new URL(request.url); url.hash = ''; return url.href; };
  // Workers' freshness: s-maxage, then max-age, then Expires; 0 or none: not cached.
  const lifetime = (headers) => {
    const control = (headers.get('cache-control') || '').toLowerCase();
    const directives = new Map();
    for (const part of control.split(',')) {
      const [name, value] = part.trim().split('=');
      if (name) directives.set(name.trim(), value === undefined ? '' : value.trim().replace(/^"|"$/g, ''));
    }
    if (directives.has('no-store') || directives.has('private') || directives.has('no-cache')) return 0;
    for (const name of ['s-maxage', 'max-age']) {
      if (directives.has(name)) { const n = Number.parseInt(directives.get(name), 10); return Number.isFinite(n) && n > 0 ? n : 0; }
    }
    const expires = headers.get('expires');
    if (expires) { const at = Date.parse(expires); if (Number.isFinite(at)) return Math.max(0, Math.floor((at - Date.now()) / 1000)); }
    return 0;
  };
  const varyNames = (headers) => (headers.get('vary') || '').split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  class Cache {
    #name;
    constructor(name, token) {
      if (token !== native) throw new TypeError('Illegal constructor');
      this.#name = name;
    }
    async match(input, options) {
      const request = toRequest(input);
      if (request.method !== 'GET' && !(options && options.ignoreMethod)) return undefined;
      for (const variant of native.get(this.#name, keyOf(request))) {
        if (!variant.vary.every(([name, value]) => request.headers.get(name) === value)) continue;
        const headers = new Headers(variant.headers);
        headers.set('cf-cache-status', 'HIT');
        headers.set('age', String(variant.age));
        return new Response(variant.status === 204 || variant.status === 304 ? null : variant.body, { status: variant.status, statusText: variant.statusText, headers });
      }
      return undefined;
    }
    async put(input, response) {
      const request = toRequest(input);
      if (!(response instanceof Response)) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      if (request.method !== 'GET') throw new TypeError('Cannot cache response to non-GET request.');
      if (response.status === 206) throw new TypeError('Cannot cache response to a range request (206 Partial Content).');
      const vary = varyNames(response.headers);
      if (vary.includes('*')) throw new TypeError("Cannot cache response with 'Vary: *' header.");
      if (response.bodyUsed) throw new TypeError('Body has already been used. It can only be used once. Use tee() first if you need to read it twice.');
      const body = new Uint8Array(await response.arrayBuffer());
      const ttl = response.headers.has('set-cookie') ? 0 : lifetime(response.headers);
      if (ttl <= 0) return undefined;
      const headers = [...response.headers].filter(([name]) => name !== 'cf-cache-status' && name !== 'age');
      native.put(this.#name, keyOf(request), vary.map((name) => [name, request.headers.get(name)]), response.status, response.statusText, headers, body, ttl);
      return undefined;
    }
    async delete(input, options) {
      const request = toRequest(input);
      if (request.method !== 'GET' && !(options && options.ignoreMethod)) return false;
      return native.delete(this.#name, keyOf(request));
    }
    async add() { throw new TypeError('Cache.add() is not supported (as on Workers): fetch, then put()'); }
    async addAll() { throw new TypeError('Cache.addAll() is not supported (as on Workers): fetch, then put()'); }
    async keys() { throw new TypeError('Cache.keys() is not supported (as on Workers)'); }
    async matchAll() { throw new TypeError('Cache.matchAll() is not supported (as on Workers)'); }
    get [Symbol.toStringTag]() { return 'Cache'; }
  }
  const opened = new Map();
  class CacheStorage {
    #default = new Cache(DEFAULT, native);
    constructor(token) { if (token !== native) throw new TypeError('Illegal constructor'); }
    get default() { return this.#default; }
    async open(name) {
      name = String(name);
      // Workers reserves the default cache's name.
      if (name === 'default') throw new TypeError("'default' is a reserved cache name; use caches.default");
      if (!opened.has(name)) opened.set(name, new Cache('named:' + name, native));
      return opened.get(name);
    }
    async has() { throw new TypeError('CacheStorage.has() is not supported (as on Workers)'); }
    async delete() { throw new TypeError('CacheStorage.delete() is not supported (as on Workers)'); }
    async keys() { throw new TypeError('CacheStorage.keys() is not supported (as on Workers)'); }
    async match() { throw new TypeError('CacheStorage.match() is not supported (as on Workers): use caches.default.match()'); }
    get [Symbol.toStringTag]() { return 'CacheStorage'; }
  }
  return new CacheStorage(native);
})"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(body: usize, seconds: u64) -> Variant {
        let now = Instant::now();
        Variant {
            vary: Vec::new(),
            status: 200,
            status_text: String::new(),
            headers: Vec::new(),
            body: vec![0; body],
            stored: now,
            expires: now + Duration::from_secs(seconds),
        }
    }

    #[test]
    fn least_recently_used_urls_go_first_when_full() {
        let store = CacheStore::new(3 * (1000 + 64));
        store.put("", "a", variant(1000, 60));
        store.put("", "b", variant(1000, 60));
        store.put("", "c", variant(1000, 60));
        assert_eq!(store.get("", "a").len(), 1); // a is now the newest
        store.put("", "d", variant(1000, 60));
        assert!(
            store.get("", "b").is_empty(),
            "b was the least recently used"
        );
        assert_eq!(store.get("", "a").len(), 1);
        assert_eq!(store.bytes(), 3 * (1000 + 64));
        assert!(store.delete("", "a"));
        assert!(!store.delete("", "a"));
        assert_eq!(store.bytes(), 2 * (1000 + 64));
    }

    #[test]
    fn expired_responses_are_gone_and_uncounted() {
        let store = CacheStore::new(1 << 20);
        store.put("", "a", variant(10, 0));
        assert!(store.get("", "a").is_empty());
        assert_eq!(store.bytes(), 0);
    }
}
