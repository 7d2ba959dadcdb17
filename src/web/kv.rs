//! `KvNamespace`: a Workers KV binding (`env.COUNTS`), on the server's
//! store (`crate::kv`).
//!
//! The API, its limits and its error messages are Workers' (the KV
//! runtime API, <https://developers.cloudflare.com/kv/api/>, and the
//! messages workerd relays from the KV service, as miniflare reproduces
//! them): keys of 1 to 512 UTF-8 bytes (not `.` or `..`), values up to
//! 25 MiB, metadata up to 1 KiB of JSON, `list` pages of at most 1,000
//! keys, `expirationTtl` and `expiration` at least 60 s ahead. A refused
//! argument is a rejected promise, never a synchronous throw, as in
//! workerd: `Error("KV PUT failed: 413 Value length of … exceeds limit of
//! 26214400.")`, or a `TypeError` for a value or response type the API does
//! not take.
//!
//! Every store operation runs as a native task of the event loop, so the
//! app's thread keeps running while the store works.

use std::rc::Rc;

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::{JsArray, JsArrayBuffer, JsMap, JsPromise};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString,
    JsValue, Trace, js_string,
};
use boa_gc::Gc;

use crate::kv::{Entry, ListPage, Namespace, StoreError, now_seconds};
use crate::runtime::event_loop::EventLoop;
use crate::web::webidl::{method, type_error};

/// Workers' limits (the KV service's, as miniflare states them).
const MAX_KEY_BYTES: usize = 512;
const MAX_VALUE_BYTES: usize = 25 * 1024 * 1024;
const MAX_METADATA_BYTES: usize = 1024;
const MAX_LIST_KEYS: f64 = 1000.0;
const MAX_BULK_KEYS: usize = 100;
const MIN_EXPIRATION_TTL: f64 = 60.0;
const MIN_CACHE_TTL: f64 = 30.0;

/// What one operation did, for the app's metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Get,
    Put,
    Delete,
    List,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Get => "get",
            Operation::Put => "put",
            Operation::Delete => "delete",
            Operation::List => "list",
        }
    }
}

/// Told of each finished operation and the value bytes it moved.
pub type Observer = Rc<dyn Fn(Operation, u64)>;

/// The state of a `KvNamespace` object.
#[derive(Trace, Finalize, JsData)]
pub struct KvNamespaceData {
    #[unsafe_ignore_trace]
    namespace: Namespace,
    #[unsafe_ignore_trace]
    observer: Option<Observer>,
}

impl Class for KvNamespaceData {
    const NAME: &'static str = "KvNamespace";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "get", 1, get);
        method(class, "getWithMetadata", 1, get_with_metadata);
        method(class, "put", 2, put);
        method(class, "delete", 1, delete);
        method(class, "list", 0, list);
        crate::web::webidl::to_string_tag(class, "KvNamespace");
        Ok(())
    }

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(type_error("Illegal constructor"))
    }
}

/// A `KvNamespace` for `env`.
pub fn namespace_object(
    namespace: Namespace,
    observer: Option<Observer>,
    cx: &mut Context,
) -> JsResult<JsObject> {
    if cx.get_global_class::<KvNamespaceData>().is_none() {
        crate::web::webidl::register_class::<KvNamespaceData>(cx)?;
    }
    let prototype = cx
        .get_global_class::<KvNamespaceData>()
        .map(|class| class.prototype())
        .ok_or_else(|| type_error("internal: KvNamespace is not registered"))?;
    Ok(JsObject::from_proto_and_data(
        Some(prototype),
        KvNamespaceData {
            namespace,
            observer,
        },
    ))
}

/// The error Workers raises for a refused KV call: `KV {op} failed:
/// {status} {message}`.
fn kv_error(op: &str, status: u16, message: impl std::fmt::Display) -> JsError {
    JsNativeError::error()
        .with_message(format!("KV {op} failed: {status} {message}"))
        .into()
}

fn store_error(op: &str, error: StoreError) -> JsError {
    kv_error(op, 500, error)
}

/// Runs `body`, turning a thrown error into a rejected promise (workerd's
/// KV methods never throw synchronously).
fn promise(cx: &mut Context, body: impl FnOnce(&mut Context) -> JsResult<JsValue>) -> JsValue {
    match body(cx) {
        Ok(value) => value,
        Err(error) => JsPromise::reject(error, cx)
            .map(JsValue::from)
            .unwrap_or_default(),
    }
}

/// The binding `this` is, after the brand check.
fn this_namespace(this: &JsValue, member: &str) -> JsResult<(Namespace, Option<Observer>)> {
    let data = this
        .as_object()
        .and_then(|object| {
            object
                .downcast_ref::<KvNamespaceData>()
                .map(|data| (data.namespace.clone(), data.observer.clone()))
        })
        .ok_or_else(|| crate::web::webidl::illegal_invocation("KvNamespace", member))?;
    Ok(data)
}

/// A pending promise settled by `complete` with the output of `task`,
/// which runs on the event loop's executor.
fn run<T: 'static>(
    task: impl std::future::Future<Output = T> + 'static,
    complete: impl FnOnce(T, &mut Context) -> JsResult<JsValue> + 'static,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let event_loop =
        EventLoop::of(cx).ok_or_else(|| type_error("KV needs the nano-boa event loop"))?;
    let (promise, resolvers) = JsPromise::new_pending(cx);
    event_loop.spawn_native(task, move |output, cx| {
        match complete(output, cx) {
            Ok(value) => resolvers
                .resolve
                .call(&JsValue::undefined(), &[value], cx)?,
            Err(error) => {
                let reason = error.into_opaque(cx)?;
                resolvers
                    .reject
                    .call(&JsValue::undefined(), &[reason], cx)?
            }
        };
        Ok(())
    });
    Ok(promise.into())
}

/// A key argument (WebIDL DOMString, as workerd converts it), checked as
/// the KV service checks it.
fn key_arg(value: &JsValue, op: &str, cx: &mut Context) -> JsResult<String> {
    if value.is_symbol() {
        return Err(type_error("Cannot convert a Symbol value to a string"));
    }
    let key = value.to_string(cx)?.to_std_string_lossy();
    check_key(&key, op)?;
    Ok(key)
}

/// workerd checks emptiness and `.`/`..` itself (TypeErrors); the length
/// is the KV service's check.
fn check_key(key: &str, op: &str) -> JsResult<()> {
    if key.is_empty() {
        return Err(type_error("Key name cannot be empty."));
    }
    if key == "." || key == ".." {
        return Err(type_error(format!(
            "\"{key}\" is not allowed as a key name."
        )));
    }
    check_key_length(key, op)
}

/// WebIDL's conversion to an integer type as workerd applies it to KV's
/// numeric options: ToNumber, truncated; NaN and infinities are 0.
fn to_integer(value: &JsValue, cx: &mut Context) -> JsResult<f64> {
    let number = value.to_number(cx)?;
    Ok(if number.is_finite() {
        number.trunc()
    } else {
        0.0
    })
}

fn check_key_length(key: &str, op: &str) -> JsResult<()> {
    if key.len() > MAX_KEY_BYTES {
        return Err(kv_error(
            op,
            414,
            format!(
                "UTF-8 encoded length of {} exceeds key length limit of {MAX_KEY_BYTES}.",
                key.len()
            ),
        ));
    }
    Ok(())
}

/// How `get` returns a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueType {
    Text,
    Json,
    ArrayBuffer,
    Stream,
}

/// The second argument of `get`: a type name or `{ type, cacheTtl }`.
/// `cacheTtl` is checked and ignored (one location: this server). An
/// unknown type of a single `get` is an error only once the key is found
/// (`Ok(Err(..))`), as workerd reports it: a missing key is `null` first.
fn get_options(
    value: &JsValue,
    bulk: bool,
    cx: &mut Context,
) -> JsResult<Result<ValueType, &'static str>> {
    let op = if bulk { "GET_BULK" } else { "GET" };
    let (type_value, cache_ttl) = match value.as_object() {
        Some(options) if !value.is_string() => (
            options.get(js_string!("type"), cx)?,
            options.get(js_string!("cacheTtl"), cx)?,
        ),
        _ => (value.clone(), JsValue::undefined()),
    };
    let name = if type_value.is_null_or_undefined() {
        "text".to_owned()
    } else {
        type_value.to_string(cx)?.to_std_string_lossy()
    };
    let kind = match name.as_str() {
        "text" => Ok(ValueType::Text),
        "json" => Ok(ValueType::Json),
        "arrayBuffer" if !bulk => Ok(ValueType::ArrayBuffer),
        "stream" if !bulk => Ok(ValueType::Stream),
        _ if bulk => {
            return Err(kv_error(
                op,
                400,
                format!("\"{name}\" is not a valid type. Use \"json\" or \"text\""),
            ));
        }
        _ => Err(UNKNOWN_TYPE),
    };
    if !cache_ttl.is_undefined() {
        let ttl = to_integer(&cache_ttl, cx)?;
        if ttl < MIN_CACHE_TTL {
            return Err(kv_error(
                op,
                400,
                format!("Invalid cache_ttl of {ttl}. Cache TTL must be at least {MIN_CACHE_TTL}."),
            ));
        }
    }
    Ok(kind)
}

const UNKNOWN_TYPE: &str = "Unknown response type. Possible types are \"text\", \"arrayBuffer\", \"json\", and \"stream\".";

/// A stored value as `get` returns it.
fn value_as(bytes: Vec<u8>, kind: ValueType, cx: &mut Context) -> JsResult<JsValue> {
    Ok(match kind {
        ValueType::Text => JsString::from(String::from_utf8_lossy(&bytes).as_ref()).into(),
        ValueType::Json => crate::engine::json::parse_utf8(&bytes, cx)?,
        ValueType::ArrayBuffer => JsArrayBuffer::from_byte_block(
            boa_engine::object::builtins::AlignedVec::from_slice(0, &bytes),
            cx,
        )?
        .into(),
        ValueType::Stream => {
            crate::web::fetch::body_stream::stream_from_bytes(bytes.into(), cx)?.into()
        }
    })
}

/// Stored metadata (JSON text) as a value; `null` when there is none.
fn metadata_value(metadata: Option<&str>, cx: &mut Context) -> JsResult<JsValue> {
    match metadata {
        Some(json) => crate::engine::json::parse_utf8(json.as_bytes(), cx),
        None => Ok(JsValue::null()),
    }
}

/// `{ value, metadata, cacheStatus }` of `getWithMetadata`.
fn with_metadata(value: JsValue, metadata: JsValue, cx: &mut Context) -> JsResult<JsValue> {
    let result = JsObject::with_object_proto(cx.intrinsics());
    result.create_data_property_or_throw(js_string!("value"), value, cx)?;
    result.create_data_property_or_throw(js_string!("metadata"), metadata, cx)?;
    result.create_data_property_or_throw(js_string!("cacheStatus"), JsValue::null(), cx)?;
    Ok(result.into())
}

fn observe(observer: Option<&Observer>, op: Operation, bytes: usize) {
    if let Some(observer) = observer {
        observer(op, bytes as u64);
    }
}

/// `get(key, type | { type, cacheTtl })`, and the bulk form `get(keys[],
/// ...)`, which answers a `Map` of key → value (`null` when absent).
fn get(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    require_key(args, "get")?;
    Ok(promise(cx, |cx| get_impl(this, args, false, cx)))
}

/// A missing first argument fails WebIDL's conversion, which throws at
/// once (before a promise exists), as in workerd.
fn require_key(args: &[JsValue], member: &str) -> JsResult<()> {
    if args.is_empty() {
        return Err(type_error(format!(
            "Failed to execute '{member}' on 'KvNamespace': parameter 1 is not of type 'string or Array'."
        )));
    }
    Ok(())
}

/// `getWithMetadata(key, type | { type, cacheTtl })`: `{ value, metadata,
/// cacheStatus }` (value and metadata `null` when the key is absent).
fn get_with_metadata(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    require_key(args, "getWithMetadata")?;
    Ok(promise(cx, |cx| get_impl(this, args, true, cx)))
}

fn get_impl(
    this: &JsValue,
    args: &[JsValue],
    metadata: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let (namespace, observer) =
        this_namespace(this, if metadata { "getWithMetadata" } else { "get" })?;
    let first = args.get_or_undefined(0);
    if let Some(keys) = first.as_object().filter(|o| o.is_array()) {
        return get_bulk(namespace, observer, keys.clone(), args, metadata, cx);
    }
    let key = key_arg(first, "GET", cx)?;
    let kind = get_options(args.get_or_undefined(1), false, cx)?;
    let task = async move { namespace.store.get(&namespace.id, &key).await };
    run(
        task,
        move |found, cx| {
            let found = found.map_err(|e| store_error("GET", e))?;
            observe(
                observer.as_ref(),
                Operation::Get,
                found.as_ref().map_or(0, |e| e.value.len()),
            );
            match (found, metadata) {
                (None, false) => Ok(JsValue::null()),
                (None, true) => with_metadata(JsValue::null(), JsValue::null(), cx),
                (Some(entry), false) => value_as(entry.value, kind.map_err(type_error)?, cx),
                (Some(entry), true) => {
                    let kind = kind.map_err(type_error)?;
                    let meta = metadata_value(entry.metadata.as_deref(), cx)?;
                    let value = value_as(entry.value, kind, cx)?;
                    with_metadata(value, meta, cx)
                }
            }
        },
        cx,
    )
}

/// The bulk `get`: 1 to 100 keys, `text` or `json`, at most 25 MiB in all.
fn get_bulk(
    namespace: Namespace,
    observer: Option<Observer>,
    keys: JsObject,
    args: &[JsValue],
    metadata: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let keys = JsArray::from_object(keys)?;
    let length = keys.length(cx)?;
    let mut names = Vec::new();
    for index in 0..length {
        names.push(keys.get(index, cx)?);
    }
    if names.len() > MAX_BULK_KEYS {
        return Err(kv_error(
            "GET_BULK",
            400,
            format!("You can request a maximum of {MAX_BULK_KEYS} keys"),
        ));
    }
    if names.is_empty() {
        return Err(kv_error(
            "GET_BULK",
            400,
            "You must request a minimum of 1 key",
        ));
    }
    let names = names
        .iter()
        .map(|name| key_arg(name, "GET_BULK", cx))
        .collect::<JsResult<Vec<_>>>()?;
    let kind = get_options(args.get_or_undefined(1), true, cx)?.map_err(type_error)?;
    let task = async move {
        let mut found = Vec::with_capacity(names.len());
        for name in names {
            let entry = namespace.store.get(&namespace.id, &name).await?;
            found.push((name, entry));
        }
        Ok::<_, StoreError>(found)
    };
    run(
        task,
        move |found, cx| {
            let found = found.map_err(|e| store_error("GET_BULK", e))?;
            let total: usize = found
                .iter()
                .filter_map(|(_, entry)| entry.as_ref().map(|e| e.value.len()))
                .sum();
            observe(observer.as_ref(), Operation::Get, total);
            if total > MAX_VALUE_BYTES {
                return Err(kv_error(
                    "GET_BULK",
                    413,
                    "Total size of request exceeds the limit of 25MB",
                ));
            }
            let map = JsMap::new(cx);
            for (name, entry) in found {
                let value = match entry {
                    None => JsValue::null(),
                    Some(entry) => {
                        let meta = entry.metadata;
                        let value = value_as(entry.value, kind, cx).map_err(|_| {
                            kv_error(
                                "GET_BULK",
                                400,
                                "At least one of the requested keys corresponds to a non-json value",
                            )
                        })?;
                        if metadata {
                            // `{ value, metadata }`, without `cacheStatus`.
                            let pair = JsObject::with_object_proto(cx.intrinsics());
                            let meta = metadata_value(meta.as_deref(), cx)?;
                            pair.create_data_property_or_throw(js_string!("value"), value, cx)?;
                            pair.create_data_property_or_throw(js_string!("metadata"), meta, cx)?;
                            pair.into()
                        } else {
                            value
                        }
                    }
                };
                map.set(JsString::from(name.as_str()), value, cx)?;
            }
            Ok(map.into())
        },
        cx,
    )
}

/// `put(key, value, { expiration, expirationTtl, metadata })`.
fn put(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(promise(cx, |cx| put_impl(this, args, cx)))
}

/// A put with its arguments checked, waiting only for its value.
struct PendingPut {
    namespace: Namespace,
    observer: Option<Observer>,
    key: String,
    metadata: Option<String>,
    expiration: Option<u64>,
}

fn put_impl(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (namespace, observer) = this_namespace(this, "put")?;
    let key = key_arg(args.get_or_undefined(0), "PUT", cx)?;
    let value = args.get_or_undefined(1).clone();
    let (expiration, metadata) = put_options(args.get_or_undefined(2), cx)?;
    let pending = PendingPut {
        namespace,
        observer,
        key,
        metadata,
        expiration,
    };
    let Some(object) = value.as_object() else {
        // A primitive is a DOMString (workerd's `kj::String` arm).
        if value.is_symbol() {
            return Err(type_error("Cannot convert a Symbol value to a string"));
        }
        let text = value.to_string(cx)?.to_std_string_lossy();
        return store_put(pending, text.into_bytes(), cx);
    };
    if let Some(bytes) = crate::web::fetch::body::buffer_source_bytes(&object, cx)? {
        return store_put(pending, bytes, cx);
    }
    if crate::web::streams::readable::stream_of(&value).is_some() {
        // Read the stream whole, then store it.
        let read = crate::web::fetch::body_stream::read_all(&object, cx)?;
        let pending = Gc::new(PendingCell(std::cell::RefCell::new(Some(pending))));
        let on_read = boa_engine::NativeFunction::from_copy_closure_with_captures(
            |_, args, pending: &Gc<PendingCell>, cx| {
                let Some(pending) = pending.0.borrow_mut().take() else {
                    return Ok(JsValue::undefined());
                };
                let chunk = args
                    .get_or_undefined(0)
                    .as_object()
                    .ok_or_else(|| type_error("internal: reading the stream gave no bytes"))?;
                let bytes =
                    crate::web::fetch::body::buffer_source_bytes(&chunk, cx)?.unwrap_or_default();
                store_put(pending, bytes, cx)
            },
            pending,
        )
        .to_js_function(cx.realm());
        return Ok(read.then(Some(on_read), None, cx)?.into());
    }
    Err(type_error(
        "KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.",
    ))
}

/// A [`PendingPut`] held by the stream-read callback.
#[derive(Trace, Finalize)]
struct PendingCell(#[unsafe_ignore_trace] std::cell::RefCell<Option<PendingPut>>);

/// The value size check, then the write.
fn store_put(pending: PendingPut, value: Vec<u8>, cx: &mut Context) -> JsResult<JsValue> {
    if value.len() > MAX_VALUE_BYTES {
        return Err(kv_error(
            "PUT",
            413,
            format!(
                "Value length of {} exceeds limit of {MAX_VALUE_BYTES}.",
                value.len()
            ),
        ));
    }
    let PendingPut {
        namespace,
        observer,
        key,
        metadata,
        expiration,
    } = pending;
    let bytes = value.len();
    let entry = Entry {
        value,
        metadata,
        expiration,
    };
    let task = async move { namespace.store.put(&namespace.id, &key, entry).await };
    run(
        task,
        move |done, _| {
            done.map_err(|e| store_error("PUT", e))?;
            observe(observer.as_ref(), Operation::Put, bytes);
            Ok(JsValue::undefined())
        },
        cx,
    )
}

/// `{ expiration, expirationTtl, metadata }`: the absolute expiry in
/// seconds, and the metadata as JSON text.
fn put_options(value: &JsValue, cx: &mut Context) -> JsResult<(Option<u64>, Option<String>)> {
    let Some(options) = value.as_object() else {
        return Ok((None, None));
    };
    let now = now_seconds();
    let raw_ttl = options.get(js_string!("expirationTtl"), cx)?;
    let raw_expiration = options.get(js_string!("expiration"), cx)?;
    let raw_metadata = options.get(js_string!("metadata"), cx)?;
    #[allow(clippy::cast_precision_loss)]
    let now_f = now as f64;
    let expiration = if !raw_ttl.is_null_or_undefined() {
        let ttl = to_integer(&raw_ttl, cx)?;
        if ttl <= 0.0 {
            return Err(kv_error(
                "PUT",
                400,
                format!("Invalid expiration_ttl of {ttl}. Please specify integer greater than 0."),
            ));
        }
        if ttl < MIN_EXPIRATION_TTL {
            return Err(kv_error(
                "PUT",
                400,
                format!(
                    "Invalid expiration_ttl of {ttl}. Expiration TTL must be at least {MIN_EXPIRATION_TTL}."
                ),
            ));
        }
        Some(seconds(now_f + ttl))
    } else if !raw_expiration.is_null_or_undefined() {
        let at = to_integer(&raw_expiration, cx)?;
        if at <= now_f {
            return Err(kv_error(
                "PUT",
                400,
                format!(
                    "Invalid expiration of {at}. Please specify integer greater than the current number of seconds since the UNIX epoch."
                ),
            ));
        }
        if at < now_f + MIN_EXPIRATION_TTL {
            return Err(kv_error(
                "PUT",
                400,
                format!(
                    "Invalid expiration of {at}. Expiration times must be at least {MIN_EXPIRATION_TTL} seconds in the future."
                ),
            ));
        }
        Some(seconds(at))
    } else {
        None
    };
    let metadata = if raw_metadata.is_null_or_undefined() {
        None
    } else {
        let json = crate::engine::json::stringify_utf8(&raw_metadata, cx)?
            .ok_or_else(|| type_error("KV put(): metadata is not serializable to JSON"))?;
        if json.len() > MAX_METADATA_BYTES {
            return Err(kv_error(
                "PUT",
                413,
                format!(
                    "Metadata length of {} exceeds limit of {MAX_METADATA_BYTES}.",
                    json.len()
                ),
            ));
        }
        Some(String::from_utf8_lossy(&json).into_owned())
    };
    Ok((expiration, metadata))
}

/// A whole, positive number of seconds as `u64`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn seconds(value: f64) -> u64 {
    value.clamp(0.0, u64::MAX as f64) as u64
}

/// `delete(key)`: resolves once the key is gone (also when it was absent).
fn delete(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(promise(cx, |cx| {
        let (namespace, observer) = this_namespace(this, "delete")?;
        let key = key_arg(args.get_or_undefined(0), "DELETE", cx)?;
        let task = async move { namespace.store.delete(&namespace.id, &key).await };
        run(
            task,
            move |done, _| {
                done.map_err(|e| store_error("DELETE", e))?;
                observe(observer.as_ref(), Operation::Delete, 0);
                Ok(JsValue::undefined())
            },
            cx,
        )
    }))
}

/// `list({ prefix, limit, cursor })`: `{ keys: [{ name, expiration?,
/// metadata? }], list_complete, cursor?, cacheStatus }`, in key order.
fn list(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(promise(cx, |cx| {
        let (namespace, observer) = this_namespace(this, "list")?;
        let options = args.get_or_undefined(0).as_object();
        let member = |name: JsString, cx: &mut Context| -> JsResult<JsValue> {
            match &options {
                Some(options) => options.get(name, cx),
                None => Ok(JsValue::undefined()),
            }
        };
        let raw_prefix = member(js_string!("prefix"), cx)?;
        let raw_limit = member(js_string!("limit"), cx)?;
        let raw_cursor = member(js_string!("cursor"), cx)?;
        let prefix = if raw_prefix.is_null_or_undefined() {
            String::new()
        } else {
            raw_prefix.to_string(cx)?.to_std_string_lossy()
        };
        check_key_length(&prefix, "GET")?;
        // workerd sends a limit only when it is positive: 0, negative
        // and non-numeric limits list the default 1,000.
        let limit = match to_integer(&raw_limit, cx)? {
            limit if limit <= 0.0 => MAX_LIST_KEYS,
            limit if limit > MAX_LIST_KEYS => {
                return Err(kv_error(
                    "GET",
                    400,
                    format!(
                        "Invalid key_count_limit of {limit}. Please specify an integer less than {MAX_LIST_KEYS}."
                    ),
                ));
            }
            limit => limit,
        };
        let cursor = if raw_cursor.is_null_or_undefined() {
            None
        } else {
            Some(raw_cursor.to_string(cx)?.to_std_string_lossy())
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let limit = limit as usize;
        let task = async move {
            namespace
                .store
                .list(&namespace.id, &prefix, cursor.as_deref(), limit)
                .await
        };
        run(
            task,
            move |page, cx| {
                let page = page.map_err(|e| store_error("GET", e))?;
                observe(observer.as_ref(), Operation::List, 0);
                list_result(page, cx)
            },
            cx,
        )
    }))
}

fn list_result(page: ListPage, cx: &mut Context) -> JsResult<JsValue> {
    let keys = JsArray::new(cx)?;
    for key in page.keys {
        let item = JsObject::with_object_proto(cx.intrinsics());
        item.create_data_property_or_throw(
            js_string!("name"),
            JsString::from(key.name.as_str()),
            cx,
        )?;
        if let Some(at) = key.expiration {
            #[allow(clippy::cast_precision_loss)]
            item.create_data_property_or_throw(js_string!("expiration"), at as f64, cx)?;
        }
        if let Some(metadata) = key.metadata.as_deref() {
            let metadata = metadata_value(Some(metadata), cx)?;
            item.create_data_property_or_throw(js_string!("metadata"), metadata, cx)?;
        }
        keys.push(item, cx)?;
    }
    let result = JsObject::with_object_proto(cx.intrinsics());
    result.create_data_property_or_throw(js_string!("keys"), keys, cx)?;
    result.create_data_property_or_throw(js_string!("list_complete"), page.cursor.is_none(), cx)?;
    if let Some(cursor) = page.cursor {
        result.create_data_property_or_throw(
            js_string!("cursor"),
            JsString::from(cursor.as_str()),
            cx,
        )?;
    }
    result.create_data_property_or_throw(js_string!("cacheStatus"), JsValue::null(), cx)?;
    Ok(result.into())
}
