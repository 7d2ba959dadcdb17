//! `fetch()`, `Headers`, `Request` and `Response` (WHATWG Fetch §5, §6, §7).
//! The `fetch()` glue over the network layer is in `network.rs`; it uses
//! the Rust API below.
//!
//! The classes are written in JavaScript (fetch.js): their rules are WebIDL
//! conversions and validations. The natives here move bytes (UTF-8 encode
//! and decode of bodies). The three globals are built together on first use
//! of any of them (see `lazy.rs`).
//!
//! # API for the fetch() glue
//!
//! - [`new_response`]: a `Response` as `fetch()` resolves it, with
//!   immutable headers and a body known now, later, or absent
//!   ([`ResponseBody`]).
//! - [`request_parts`]: what a `Request` asks for (method, URL, headers,
//!   body bytes as a promise, redirect mode, signal); marks its body used.
//! - [`new_request_for_fetch`]: turns `fetch(input, init)` arguments into a
//!   Request exactly as `new Request(input, init)`, its exception returned
//!   rather than thrown; [`request_constructor`] is the realm's `Request`.
//! - [`new_headers`]: a `Headers` with a guard.
//! - [`uint8_array_bytes`]: the bytes of the `Uint8Array` a body promise
//!   fulfills with.

mod network;

use std::path::Path;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArray, JsArrayBuffer, JsPromise, JsUint8Array};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source,
    js_string,
};
use boa_gc::{Finalize, Trace};

const SOURCE: &str = include_str!("fetch.js");

/// What fetch.js returns, kept per realm so that natives still find the
/// classes after a script overwrites the globals.
#[derive(Clone, Trace, Finalize)]
struct Built {
    exports: JsObject,
}

pub fn register(context: &mut Context, net: &crate::net::NetConfig) -> JsResult<()> {
    network::register(context, net.clone())?;
    super::lazy::define(context, js_string!("Headers"), |cx| export(cx, "Headers"))?;
    super::lazy::define(context, js_string!("Request"), |cx| export(cx, "Request"))?;
    super::lazy::define(context, js_string!("Response"), |cx| export(cx, "Response"))?;
    Ok(())
}

fn internal(what: &str) -> JsError {
    JsNativeError::typ()
        .with_message(format!("internal: {what}"))
        .into()
}

/// One of fetch.js's exports, building the classes on first use.
fn export(context: &mut Context, name: &str) -> JsResult<JsValue> {
    let exports = built(context)?;
    exports.get(JsString::from(name), context)
}

fn function(context: &mut Context, name: &str) -> JsResult<JsObject> {
    export(context, name)?
        .as_object()
        .ok_or_else(|| internal(&format!("fetch.js export {name} is not an object")))
}

/// fetch.js's exports, evaluated once per realm.
fn built(context: &mut Context) -> JsResult<JsObject> {
    if let Some(existing) = context.get_data::<Built>() {
        return Ok(existing.exports.clone());
    }
    let source = Source::from_bytes(SOURCE.as_bytes()).with_path(Path::new("<nano-boa:fetch.js>"));
    let factory = context.eval(source)?;
    let factory = factory
        .as_callable()
        .ok_or_else(|| internal("fetch.js did not evaluate to a function"))?;
    let natives: [(&str, NativeFunctionPointer); 5] = [
        ("utf8Encode", utf8_encode),
        ("utf8Decode", utf8_decode),
        ("isToken", is_token),
        ("isReasonPhrase", is_reason_phrase),
        ("normalizeValue", normalize_value),
    ];
    let mut object = ObjectInitializer::new(context);
    for (name, f) in natives {
        object.function(NativeFunction::from_fn_ptr(f), JsString::from(name), 1);
    }
    let natives = object.build();
    let exports = factory.call(&JsValue::undefined(), &[natives.into()], context)?;
    let exports = exports
        .as_object()
        .ok_or_else(|| internal("fetch.js did not return its exports"))?;
    context.insert_data(Built {
        exports: exports.clone(),
    });
    Ok(exports)
}

/// A new `Uint8Array` holding a copy of `bytes`.
fn uint8_array(bytes: &[u8], context: &mut Context) -> JsResult<JsUint8Array> {
    let buffer = JsArrayBuffer::from_byte_block(
        boa_engine::builtins::array_buffer::AlignedVec::from_slice(0, bytes),
        context,
    )?;
    JsUint8Array::from_array_buffer(buffer, context)
}

/// The bytes a `Uint8Array` views (none when its buffer is detached);
/// `None` for any other value. Reads the promise results of
/// [`RequestParts::body`].
pub fn uint8_array_bytes(value: &JsValue, context: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(array) = value
        .as_object()
        .and_then(|o| JsUint8Array::from_object(o.clone()).ok())
    else {
        return Ok(None);
    };
    let offset = array.byte_offset(context)?;
    let length = array.byte_length(context)?;
    let Some(buffer) = array
        .buffer(context)?
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok())
    else {
        return Ok(Some(Vec::new()));
    };
    let bytes = buffer
        .data()
        .and_then(|d| {
            d.get(offset..offset.saturating_add(length))
                .map(<[u8]>::to_vec)
        })
        .unwrap_or_default();
    Ok(Some(bytes))
}

/// `utf8Encode(string)`: the UTF-8 bytes of a string (fetch.js passes
/// USVStrings, lone surrogates already replaced), as a Uint8Array.
fn utf8_encode(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_string(context)?
        .to_std_string_lossy();
    uint8_array(text.as_bytes(), context).map(Into::into)
}

/// `utf8Decode(uint8Array)`: Encoding §4.1 "UTF-8 decode" (a leading BOM
/// is dropped, invalid sequences become U+FFFD), as Fetch's text() and
/// json() read bodies.
fn utf8_decode(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = uint8_array_bytes(&args.first().cloned().unwrap_or_default(), context)?
        .ok_or_else(|| internal("utf8Decode expects a Uint8Array"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(JsString::from(String::from_utf8_lossy(bytes).as_ref()).into())
}

type NativeFunctionPointer = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

// The HTTP grammar checks below run for every header of every Headers,
// Request and Response. They are natives because Boa's regex engine spends
// several microseconds on an anchored character-class test (~8 µs for a
// token), which made header validation the main cost of a request.

/// The first argument as UTF-16 code units (a string; anything else fails
/// the checks).
fn code_units(args: &[JsValue]) -> Option<Vec<u16>> {
    args.first()
        .and_then(JsValue::as_string)
        .map(|s| s.iter().collect())
}

/// RFC 9110 §5.6.2 `token`: a header name, a method.
fn is_token(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let valid = code_units(args).is_some_and(|units| {
        !units.is_empty()
            && units.iter().all(|&u| {
                u < 0x80
                    && (u8::try_from(u).is_ok_and(|b| {
                        b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
                    }))
            })
    });
    Ok(valid.into())
}

/// RFC 9112 §4 `reason-phrase`: HTAB, SP, VCHAR, obs-text.
fn is_reason_phrase(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let valid = code_units(args).is_some_and(|units| {
        units
            .iter()
            .all(|&u| u == 0x09 || (0x20..=0xff).contains(&u) && u != 0x7f)
    });
    Ok(valid.into())
}

/// Fetch §2.2 "normalize" a header value: strip leading and trailing HTTP
/// whitespace (tab, LF, CR, space).
fn normalize_value(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let Some(value) = args.first().and_then(JsValue::as_string) else {
        return Ok(args.first().cloned().unwrap_or_default());
    };
    let units: Vec<u16> = value.iter().collect();
    let ws = |u: &u16| matches!(*u, 0x09 | 0x0a | 0x0d | 0x20);
    let start = units.iter().position(|u| !ws(u)).unwrap_or(units.len());
    let end = units.iter().rposition(|u| !ws(u)).map_or(start, |i| i + 1);
    if start == 0 && end == units.len() {
        return Ok(value.clone().into());
    }
    Ok(JsString::from(&units[start..end]).into())
}

/// A header list as a JS array of `[name, value]` pairs.
fn pairs_array(pairs: &[(String, String)], context: &mut Context) -> JsResult<JsValue> {
    let mut items = Vec::with_capacity(pairs.len());
    for (name, value) in pairs {
        let pair = JsArray::from_iter(
            [
                JsValue::from(JsString::from(name.as_str())),
                JsValue::from(JsString::from(value.as_str())),
            ],
            context,
        );
        items.push(JsValue::from(pair));
    }
    Ok(JsArray::from_iter(items, context).into())
}

/// The guard of a `Headers` (Fetch §5.2), deciding whether it can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Mutation throws a TypeError: the headers of a fetched response.
    Immutable,
    /// A Request's headers (no forbidden-header filtering, as Deno/Workers).
    Request,
    /// A Response's headers.
    Response,
    /// `new Headers()`.
    None,
}

impl Guard {
    fn name(self) -> &'static str {
        match self {
            Guard::Immutable => "immutable",
            Guard::Request => "request",
            Guard::Response => "response",
            Guard::None => "none",
        }
    }
}

/// A `Headers` holding `pairs` (appended in order, validated as
/// `Headers.prototype.append` does: an invalid name or value is a TypeError)
/// with `guard`.
pub fn new_headers(
    context: &mut Context,
    pairs: &[(String, String)],
    guard: Guard,
) -> JsResult<JsObject> {
    let create = function(context, "createHeaders")?;
    let pairs = pairs_array(pairs, context)?;
    let guard = JsValue::from(JsString::from(guard.name()));
    create
        .call(&JsValue::undefined(), &[pairs, guard], context)?
        .as_object()
        .ok_or_else(|| internal("createHeaders returned a non-object"))
}

/// The body of a [`new_response`].
pub enum ResponseBody {
    /// No body (`response.body` is null).
    None,
    /// All the bytes, known now.
    Bytes(Vec<u8>),
    /// Bytes still arriving: a promise the network side fulfills with a
    /// `Uint8Array` (or rejects, e.g. with a TypeError for a network error;
    /// readers of the body see that rejection). Issue 7 replaces this with
    /// a ReadableStream fed chunk by chunk.
    Pending(JsPromise),
}

/// What [`new_response`] builds a Response from.
pub struct ResponseInit {
    pub status: u16,
    pub status_text: String,
    /// Header names and values as received from the HTTP layer, which has
    /// validated them (they are not checked again); a value holds one char
    /// per byte (ByteString), so non-UTF-8 bytes map to U+0080..U+00FF.
    pub headers: Vec<(String, String)>,
    /// The final URL (after redirects), serialized without its fragment.
    pub url: String,
    pub redirected: bool,
    /// "basic", "cors", "default", "error", "opaque" or "opaqueredirect".
    pub response_type: &'static str,
    pub body: ResponseBody,
}

/// A `Response` as `fetch()` resolves it: immutable headers, any status
/// (no range check: the network decides), the body of `init.body`.
pub fn new_response(context: &mut Context, init: ResponseInit) -> JsResult<JsObject> {
    let create = function(context, "createResponse")?;
    let headers = pairs_array(&init.headers, context)?;
    let body = match init.body {
        ResponseBody::None => JsValue::null(),
        ResponseBody::Bytes(bytes) => uint8_array(&bytes, context)?.into(),
        ResponseBody::Pending(promise) => promise.into(),
    };
    let object = ObjectInitializer::new(context)
        .property(js_string!("status"), init.status, Attribute::all())
        .property(
            js_string!("statusText"),
            JsString::from(init.status_text.as_str()),
            Attribute::all(),
        )
        .property(js_string!("headers"), headers, Attribute::all())
        .property(
            js_string!("url"),
            JsString::from(init.url.as_str()),
            Attribute::all(),
        )
        .property(js_string!("redirected"), init.redirected, Attribute::all())
        .property(
            js_string!("type"),
            JsString::from(init.response_type),
            Attribute::all(),
        )
        .property(js_string!("body"), body, Attribute::all())
        .build();
    create
        .call(&JsValue::undefined(), &[object.into()], context)?
        .as_object()
        .ok_or_else(|| internal("createResponse returned a non-object"))
}

/// What a `Request` asks the network for.
pub struct RequestParts {
    /// Normalized (Fetch §2.2.1): DELETE/GET/HEAD/OPTIONS/POST/PUT uppercase.
    pub method: String,
    /// The absolute URL, serialized.
    pub url: String,
    /// "Sort and combine"d (Fetch §2.2): lowercase names, set-cookie values
    /// kept apart. Values are ByteStrings: one char per byte, U+0000..U+00FF.
    pub headers: Vec<(String, String)>,
    /// `None` without a body; otherwise a promise of a `Uint8Array` (read it
    /// with [`uint8_array_bytes`]). The Request's body is used from now on.
    pub body: Option<JsPromise>,
    /// "follow", "error" or "manual".
    pub redirect: String,
    /// The Request's AbortSignal (following the init's or input's signal).
    pub signal: JsValue,
}

/// The parts of `request` (a `Request` of this realm, else a TypeError;
/// a TypeError too when its body is already used). Marks its body used.
pub fn request_parts(context: &mut Context, request: &JsValue) -> JsResult<RequestParts> {
    let parts_of = function(context, "requestParts")?;
    let parts = parts_of.call(
        &JsValue::undefined(),
        std::slice::from_ref(request),
        context,
    )?;
    let parts = parts
        .as_object()
        .ok_or_else(|| internal("requestParts returned a non-object"))?;
    let string = |key: &str, context: &mut Context| -> JsResult<String> {
        Ok(parts
            .get(JsString::from(key), context)?
            .to_string(context)?
            .to_std_string_escaped())
    };
    let method = string("method", context)?;
    let url = string("url", context)?;
    let redirect = string("redirect", context)?;
    let signal = parts.get(js_string!("signal"), context)?;
    let body = parts.get(js_string!("body"), context)?;
    let body = match body.as_object() {
        Some(object) => Some(JsPromise::from_object(object.clone())?),
        None => None,
    };
    let list = parts.get(js_string!("headers"), context)?;
    let headers = string_pairs(&list, context)?;
    Ok(RequestParts {
        method,
        url,
        headers,
        body,
        redirect,
        signal,
    })
}

/// A request as the server hands it to an app.
pub struct IncomingRequest {
    pub method: String,
    /// Absolute: scheme, Host, path and query.
    pub url: String,
    /// As received; values are ByteStrings (one char per byte).
    pub headers: Vec<(String, String)>,
    /// `None` for no body (GET/HEAD, or nothing sent).
    pub body: Option<Vec<u8>>,
}

/// A `Request` for `incoming`, with `request` guard headers and a body
/// readable once.
pub fn create_request(context: &mut Context, incoming: IncomingRequest) -> JsResult<JsObject> {
    let create = function(context, "createRequest")?;
    let headers = pairs_array(&incoming.headers, context)?;
    let body = match incoming.body {
        Some(bytes) => uint8_array(&bytes, context)?.into(),
        None => JsValue::null(),
    };
    let init = ObjectInitializer::new(context)
        .property(
            js_string!("method"),
            JsString::from(incoming.method.as_str()),
            Attribute::all(),
        )
        .property(
            js_string!("url"),
            JsString::from(incoming.url.as_str()),
            Attribute::all(),
        )
        .property(js_string!("headers"), headers, Attribute::all())
        .property(js_string!("body"), body, Attribute::all())
        .build();
    create
        .call(&JsValue::undefined(), &[init.into()], context)?
        .as_object()
        .ok_or_else(|| internal("createRequest returned a non-object"))
}

/// The body of [`OutgoingParts`].
pub enum OutgoingBody {
    None,
    Bytes(Vec<u8>),
    /// A promise of a `Uint8Array` (read it with [`uint8_array_bytes`]).
    Pending(JsPromise),
}

/// What a `Response` returned by an app says.
pub struct OutgoingParts {
    pub status: u16,
    pub status_text: String,
    /// In the order set; values are ByteStrings.
    pub headers: Vec<(String, String)>,
    pub body: OutgoingBody,
}

/// The parts of `value` if it is a `Response` of this realm (its body is
/// used from now on); `None` for any other value. A TypeError when its
/// body was already read.
pub fn response_parts(context: &mut Context, value: &JsValue) -> JsResult<Option<OutgoingParts>> {
    let parts_of = function(context, "responseParts")?;
    let parts = parts_of.call(&JsValue::undefined(), std::slice::from_ref(value), context)?;
    let Some(parts) = parts.as_object() else {
        return Ok(None);
    };
    let status = parts.get(js_string!("status"), context)?.to_u32(context)? as u16;
    let status_text = parts
        .get(js_string!("statusText"), context)?
        .to_string(context)?
        .to_std_string_escaped();
    let list = parts.get(js_string!("headers"), context)?;
    let headers = string_pairs(&list, context)?;
    let body = parts.get(js_string!("body"), context)?;
    let body = if body.is_null_or_undefined() {
        OutgoingBody::None
    } else if let Some(bytes) = uint8_array_bytes(&body, context)? {
        OutgoingBody::Bytes(bytes)
    } else {
        let object = body
            .as_object()
            .ok_or_else(|| internal("responseParts body is not an object"))?;
        OutgoingBody::Pending(JsPromise::from_object(object.clone())?)
    };
    Ok(Some(OutgoingParts {
        status,
        status_text,
        headers,
        body,
    }))
}

/// A JS array of `[name, value]` pairs as Rust strings.
fn string_pairs(list: &JsValue, context: &mut Context) -> JsResult<Vec<(String, String)>> {
    let list = list
        .as_object()
        .ok_or_else(|| internal("a header list is not an array"))?;
    let list = JsArray::from_object(list.clone())?;
    let length = list.length(context)?;
    let mut pairs = Vec::with_capacity(length as usize);
    for i in 0..length {
        let pair = list.get(i, context)?;
        let pair = pair
            .as_object()
            .ok_or_else(|| internal("a header entry is not a pair"))?;
        let name = pair.get(0, context)?.to_string(context)?;
        let value = pair.get(1, context)?.to_string(context)?;
        pairs.push((name.to_std_string_escaped(), value.to_std_string_escaped()));
    }
    Ok(pairs)
}

/// The realm's `Request` constructor (even if a script replaced the
/// global): `fetch(input, init)` runs `new Request(input, init)` first.
pub fn request_constructor(context: &mut Context) -> JsResult<JsObject> {
    function(context, "Request")
}

/// `new Request(input, init)` as `fetch(input, init)` runs it: `Ok(Err(e))`
/// when the constructor throws `e`. The exception is caught in JavaScript
/// (`tryNewRequest` in fetch.js): an exception thrown a few frames below a
/// native-to-JavaScript call corrupts boa_engine 0.22's value stack when it
/// reaches the native caller (see the comment there).
pub fn new_request_for_fetch(
    context: &mut Context,
    input: JsValue,
    init: JsValue,
) -> JsResult<Result<JsValue, JsValue>> {
    let try_new = function(context, "tryNewRequest")?;
    let outcome = try_new
        .call(&JsValue::undefined(), &[input, init], context)?
        .as_object()
        .ok_or_else(|| internal("tryNewRequest returned a non-object"))?;
    if outcome.has_own_property(js_string!("error"), context)? {
        return Ok(Err(outcome.get(js_string!("error"), context)?));
    }
    Ok(Ok(outcome.get(js_string!("request"), context)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Runtime, RuntimeOptions};
    use boa_engine::object::builtins::JsPromise;

    fn runtime() -> Runtime {
        Runtime::new(RuntimeOptions::default()).expect("runtime")
    }

    fn eval(rt: &mut Runtime, code: &str) -> String {
        let value = rt
            .eval_script(code, Path::new("<test>"))
            .expect("script runs");
        value
            .to_string(rt.context())
            .expect("string")
            .to_std_string_escaped()
    }

    #[test]
    fn new_response_with_bytes_pending_and_no_body() {
        let mut rt = runtime();
        let cx = rt.context();
        let bytes = new_response(
            cx,
            ResponseInit {
                status: 404,
                status_text: "Not Found".into(),
                headers: vec![("X-A".into(), "1".into()), ("x-a".into(), "2".into())],
                url: "http://x.test/a".into(),
                redirected: true,
                response_type: "basic",
                body: ResponseBody::Bytes(b"hi".to_vec()),
            },
        )
        .expect("response");
        let (pending, resolvers) = JsPromise::new_pending(cx);
        let later = new_response(
            cx,
            ResponseInit {
                status: 200,
                status_text: String::new(),
                headers: Vec::new(),
                url: String::new(),
                redirected: false,
                response_type: "basic",
                body: ResponseBody::Pending(pending),
            },
        )
        .expect("response");
        let none = new_response(
            cx,
            ResponseInit {
                status: 204,
                status_text: String::new(),
                headers: Vec::new(),
                url: String::new(),
                redirected: false,
                response_type: "basic",
                body: ResponseBody::None,
            },
        )
        .expect("response");
        let global = cx.global_object();
        for (name, object) in [("a", bytes), ("b", later), ("c", none)] {
            global
                .set(JsString::from(name), object, false, cx)
                .expect("set");
        }
        assert_eq!(
            eval(
                &mut rt,
                "[a.status, a.statusText, a.ok, a.url, a.redirected, a.type, a.headers.get('x-a'), c.body].join('|')"
            ),
            "404|Not Found|false|http://x.test/a|true|basic|1, 2|"
        );
        assert_eq!(
            eval(
                &mut rt,
                "try { a.headers.set('y', '1'); 'mutable' } catch (e) { e.name }"
            ),
            "TypeError"
        );
        eval(
            &mut rt,
            "globalThis.out = []; a.text().then(t => out.push(t)); b.clone().text().then(t => out.push('clone ' + t)); b.text().then(t => out.push(t));",
        );
        let cx = rt.context();
        let chunk = uint8_array(b"later", cx).expect("array");
        resolvers
            .resolve
            .call(&JsValue::undefined(), &[chunk.into()], cx)
            .expect("resolve");
        rt.run_event_loop().expect("loop");
        assert_eq!(eval(&mut rt, "out.join('|')"), "hi|clone later|later");
    }

    #[test]
    fn request_parts_reads_and_uses_the_request() {
        let mut rt = runtime();
        let request = rt
            .eval_script(
                "var signal = new AbortController().signal; var r = new Request('http://x.test/p', { method: 'post', body: 'hé', headers: { B: '2', a: '1' }, redirect: 'manual', signal }); r",
                Path::new("<test>"),
            )
            .expect("request");
        let cx = rt.context();
        let parts = request_parts(cx, &request).expect("parts");
        assert_eq!(parts.method, "POST");
        assert_eq!(parts.url, "http://x.test/p");
        assert_eq!(parts.redirect, "manual");
        assert_eq!(
            parts.headers,
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "2".to_string()),
                (
                    "content-type".to_string(),
                    "text/plain;charset=UTF-8".to_string()
                ),
            ]
        );
        assert!(parts.signal.is_object());
        let body = parts.body.expect("a body");
        rt.run_event_loop().expect("loop");
        let cx = rt.context();
        let boa_engine::builtins::promise::PromiseState::Fulfilled(value) = body.state() else {
            panic!("body promise not fulfilled");
        };
        let bytes = uint8_array_bytes(&value, cx).expect("bytes");
        assert_eq!(bytes, Some("hé".as_bytes().to_vec()));
        assert_eq!(eval(&mut rt, "r.bodyUsed"), "true");
        let cx = rt.context();
        assert!(request_parts(cx, &request).is_err(), "used body");
        assert!(
            request_parts(cx, &JsValue::from(1)).is_err(),
            "not a Request"
        );
        let headers =
            new_headers(cx, &[("A".into(), " v ".into())], Guard::Immutable).expect("headers");
        cx.global_object()
            .set(js_string!("h"), headers, false, cx)
            .expect("set");
        assert_eq!(
            eval(
                &mut rt,
                "try { h.append('b', '1') } catch (e) { e.name + ' ' + h.get('a') }"
            ),
            "TypeError v"
        );
        let cx = rt.context();
        assert!(new_headers(cx, &[("a b".into(), "v".into())], Guard::None).is_err());
        let constructor = request_constructor(cx).expect("constructor");
        assert!(constructor.is_constructor());
    }
}
