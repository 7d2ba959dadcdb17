//! `fetch()`, `Headers`, `Request` and `Response` (WHATWG Fetch §5, §6, §7).
//! The `fetch()` glue over the network layer is in `network.rs`; it uses
//! the Rust API below.
//!
//! The classes are native (one module per concept): `headers.rs` (Fetch
//! §5.2), `body.rs` (the Body mixin, §6.3, and "extract", §6.4),
//! `body_stream.rs` (bodies as ReadableStreams, and bodies fed by native
//! code), `pump.rs` (a ReadableStream sent over HTTP chunk by chunk),
//! `request.rs` (§7.3), `response.rs` (§7.4), over the WebIDL conversions
//! of `webidl.rs`. The three globals are lazy (see `lazy.rs`); the first
//! read of any of them builds the three classes, which costs no parse or
//! compile.
//!
//! # API for the fetch() glue and the server
//!
//! - [`new_response`]: a `Response` as `fetch()` resolves it, with
//!   immutable headers and a body known now, arriving from native code
//!   ([`NativeBody`] over a [`ChunkSource`]), or absent ([`ResponseBody`]).
//! - [`request_parts`]: what a `Request` asks for (method, URL, headers,
//!   the body as a promise of its bytes or as a stream to send chunked,
//!   redirect mode, signal); marks its body used.
//! - [`new_request_for_fetch`]: turns `fetch(input, init)` arguments into a
//!   Request exactly as `new Request(input, init)`, its exception returned
//!   rather than thrown; [`request_constructor`] is the realm's `Request`.
//! - [`new_headers`]: a `Headers` with a guard.
//! - [`create_request`] / [`response_parts`]: the server's way in and out
//!   (no re-validation of what hyper parsed, no JavaScript call for a body
//!   of bytes); [`pump_stream`] sends a streamed body; [`abort_request`]
//!   tells an app its client went away.
//! - [`uint8_array_bytes`]: the bytes of the `Uint8Array` a body promise
//!   fulfills with.

pub(crate) mod body;
pub(crate) mod body_stream;
mod headers;
mod network;
mod pump;
mod request;
mod response;

use boa_engine::class::Class;
use boa_engine::object::builtins::{JsArrayBuffer, JsPromise, JsUint8Array};
use boa_engine::{Context, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;

pub(crate) use crate::web::webidl::{
    self as webidl, getter, method, register_class, static_method,
};
use body::Body;
pub(crate) use body_stream::stream_from_bytes;
pub use body_stream::{Chunk, ChunkSource, MakeError, NativeBody};
pub use headers::Guard;
use headers::{HeadersData, headers_object};
pub use pump::{
    Chunks as StreamChunks, Pumped, ReportFailure, StreamError, StreamKill, pump_stream,
};
use request::RequestData;
use response::ResponseData;
use webidl::type_error;

/// What the classes need from the realm, captured when they are built.
#[derive(Clone, Trace, Finalize)]
struct Built {
    headers_iterator_prototype: JsObject,
}

pub fn register(context: &mut Context, net: &crate::net::NetConfig) -> JsResult<()> {
    network::register(context, net.clone())?;
    super::lazy::define(context, js_string!("Headers"), |cx| {
        Ok(constructor::<HeadersData>(cx)?.into())
    })?;
    super::lazy::define(context, js_string!("Request"), |cx| {
        Ok(constructor::<RequestData>(cx)?.into())
    })?;
    super::lazy::define(context, js_string!("Response"), |cx| {
        Ok(constructor::<ResponseData>(cx)?.into())
    })?;
    Ok(())
}

/// The realm's constructor of `C`, building the classes on first use.
fn constructor<C: Class>(cx: &mut Context) -> JsResult<JsObject> {
    built(cx)?;
    cx.get_global_class::<C>()
        .map(|c| c.constructor())
        .ok_or_else(|| type_error(format!("internal: {} is not registered", C::NAME)))
}

/// The classes, built once per context.
fn built(cx: &mut Context) -> JsResult<Built> {
    if let Some(built) = cx.get_data::<Built>() {
        return Ok(built.clone());
    }
    let built = Built {
        headers_iterator_prototype: headers::iterator_prototype(cx),
    };
    cx.insert_data(built.clone());
    register_class::<HeadersData>(cx)?;
    register_class::<RequestData>(cx)?;
    register_class::<ResponseData>(cx)?;
    Ok(built)
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

/// A `Headers` holding `pairs` (appended in order, validated as
/// `Headers.prototype.append` does: an invalid name or value is a TypeError)
/// with `guard`.
pub fn new_headers(
    context: &mut Context,
    pairs: &[(String, String)],
    guard: Guard,
) -> JsResult<JsObject> {
    built(context)?;
    let mut data = HeadersData::new(Guard::None);
    for (name, value) in pairs {
        let name = webidl::byte_string(&JsString::from(name.as_str()))
            .ok_or_else(|| type_error("Headers: a name is not a ByteString"))?;
        let value = webidl::byte_string(&JsString::from(value.as_str()))
            .ok_or_else(|| type_error("Headers: a value is not a ByteString"))?;
        data.append(&name, &value, "Headers")?;
    }
    data.guard = guard;
    headers_object(data, context)
}

/// The body of a [`new_response`].
pub enum ResponseBody {
    /// No body (`response.body` is null).
    None,
    /// All the bytes, known now.
    Bytes(Vec<u8>),
    /// Bytes still arriving, chunk by chunk, from native code (read
    /// natively by `text()` and friends, or as a byte stream by `body`).
    Native(NativeBody),
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
    built(context)?;
    let body = match init.body {
        ResponseBody::None => Body::None,
        ResponseBody::Bytes(bytes) => Body::Bytes(Bytes::from(bytes)),
        ResponseBody::Native(native) => Body::Native(native),
    };
    response::network_response(
        response::NetworkResponse {
            status: init.status,
            status_text: init.status_text,
            headers: init.headers,
            url: init.url,
            redirected: init.redirected,
            response_type: init.response_type,
            body,
        },
        context,
    )
}

/// The body of [`RequestParts`].
pub enum RequestBody {
    /// A promise of a `Uint8Array` (read it with [`uint8_array_bytes`]).
    Whole(JsPromise),
    /// A `ReadableStream`, to send as it produces chunks ([`pump_stream`]).
    Stream(JsObject),
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
    /// `None` without a body. The Request's body is used from now on.
    pub body: Option<RequestBody>,
    /// "follow", "error" or "manual".
    pub redirect: String,
    /// The Request's AbortSignal (following the init's or input's signal).
    pub signal: JsValue,
}

/// The parts of `request` (a `Request` of this realm, else a TypeError;
/// a TypeError too when its body is already used). Marks its body used.
pub fn request_parts(context: &mut Context, request: &JsValue) -> JsResult<RequestParts> {
    let Some(object) = request.as_object().filter(|o| o.is::<RequestData>()) else {
        return Err(type_error("fetch: not a Request"));
    };
    if body::is_unusable::<RequestData>(&object, context)? {
        return Err(type_error(
            "fetch: the Request's body has already been used",
        ));
    }
    let (method, url, headers, body, source_is_null, redirect) = {
        let mut data = object.downcast_mut::<RequestData>().expect("a Request");
        let headers = data
            .headers
            .downcast_ref::<HeadersData>()
            .expect("a Headers")
            .sort_and_combine();
        let body = data.body.body.clone();
        let source_is_null = !data.body.is_null() && data.body.source_is_null;
        if !data.body.is_null() {
            data.body.disturbed = true;
        }
        (
            data.method.clone(),
            data.url.clone(),
            headers,
            body,
            source_is_null,
            data.redirect.to_string(),
        )
    };
    let body = match &body {
        Body::None => None,
        // A stream's bytes go out chunk by chunk as it produces them; a
        // stream made from bytes (`body` of a string body) is read whole
        // first, so that a 307/308 redirect can send it again.
        Body::Stream(stream) if source_is_null => Some(RequestBody::Stream(stream.clone())),
        _ => body::bytes_promise(&body, context)?.map(|(promise, _)| RequestBody::Whole(promise)),
    };
    let signal = request::request_signal(&object, context)?;
    Ok(RequestParts {
        method,
        url,
        headers,
        body,
        redirect,
        signal: signal.into(),
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
    /// Not an HTTP request but a cron trigger: the app's `scheduled`
    /// handler runs instead of `fetch` (the other fields are unused).
    pub scheduled: Option<ScheduledEvent>,
}

/// A cron trigger's event (Workers' `ScheduledController`).
#[derive(Debug, Clone)]
pub struct ScheduledEvent {
    /// The expression that fired (or the one the admin API named).
    pub cron: String,
    /// When it was due, in milliseconds since the UNIX epoch.
    pub scheduled_time_ms: f64,
}

impl IncomingRequest {
    /// The carrier of a scheduled event.
    pub fn scheduled(event: ScheduledEvent) -> IncomingRequest {
        IncomingRequest {
            method: "GET".to_owned(),
            url: "http://scheduled.invalid/".to_owned(),
            headers: Vec::new(),
            body: None,
            scheduled: Some(event),
        }
    }
}

/// A `Request` for `incoming`, with `request` guard headers and a body
/// readable once. The parts are hyper's, already validated: they are not
/// checked again (names are lowercased, as hyper already has them).
pub fn create_request(context: &mut Context, incoming: IncomingRequest) -> JsResult<JsObject> {
    built(context)?;
    let IncomingRequest {
        method,
        url,
        mut headers,
        body,
        scheduled: _,
    } = incoming;
    for (name, _) in &mut headers {
        name.make_ascii_lowercase();
    }
    let headers = headers_object(
        HeadersData {
            list: headers,
            guard: Guard::Request,
        },
        context,
    )?;
    let body = match body {
        Some(bytes) => Body::Bytes(Bytes::from(bytes)),
        None => Body::None,
    };
    RequestData::from_data(RequestData::incoming(method, url, headers, body), context)
}

/// Aborts the signal of `request` (a `Request` of this realm) with
/// `reason`: the server's way of telling an app that its client went away
/// (as deno and workerd do). The signal is made now if nobody asked for it
/// yet, so that reading it later shows the abort.
pub fn abort_request(context: &mut Context, request: &JsObject, reason: JsValue) -> JsResult<()> {
    if !request.is::<RequestData>() {
        return Err(type_error("abort_request: not a Request"));
    }
    let signal = request::request_signal(request, context)?;
    crate::web::abort::signal_abort(context, &signal, reason)
}

/// The body of [`OutgoingParts`].
pub enum OutgoingBody {
    None,
    Bytes(Bytes),
    /// A `ReadableStream` to send chunk by chunk (its chunks must be
    /// `Uint8Array`s); read it with [`pump_stream`]. `length` is the number
    /// of bytes it will yield when that is known (an untouched stream of a
    /// body's bytes): the server then sends a Content-Length.
    Stream {
        stream: JsObject,
        length: Option<u64>,
    },
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
    let Some(object) = value.as_object().filter(|o| o.is::<ResponseData>()) else {
        return Ok(None);
    };
    let (state, _) = body::snapshot::<ResponseData>(&object);
    // Bytes, the common case, need no call into the streams.
    if !matches!(state, Body::Bytes(_) | Body::None)
        && body::is_unusable::<ResponseData>(&object, context)?
    {
        return Err(type_error("the Response's body has already been used"));
    }
    let body = match &state {
        Body::None => OutgoingBody::None,
        Body::Bytes(bytes) => OutgoingBody::Bytes(bytes.clone()),
        Body::Native(_) | Body::Stream(_) => {
            let stream = body::stream_of::<ResponseData>(&object, context)?
                .ok_or_else(|| type_error("internal: a stream body without a stream"))?;
            let length = body_stream::untouched_length(&stream, context)?;
            OutgoingBody::Stream { stream, length }
        }
    };
    let mut data = object.downcast_mut::<ResponseData>().expect("a Response");
    if matches!(body, OutgoingBody::Bytes(_)) && data.body.disturbed {
        return Err(type_error("the Response's body has already been used"));
    }
    let headers = data
        .headers
        .downcast_ref::<HeadersData>()
        .expect("a Headers")
        .list
        .clone();
    if matches!(body, OutgoingBody::Bytes(_)) {
        data.body.disturbed = true;
    }
    Ok(Some(OutgoingParts {
        status: data.status,
        status_text: data.status_text.clone(),
        headers,
        body,
    }))
}

/// Cancels the stream of `reader` (the client went away): a promise.
pub fn cancel_reader(context: &mut Context, reader: &JsObject, reason: JsValue) -> JsResult<()> {
    let cancel = reader.get(js_string!("cancel"), context)?;
    if let Some(cancel) = cancel.as_callable() {
        let promise = cancel.call(&reader.clone().into(), &[reason], context)?;
        if let Some(promise) = promise
            .as_object()
            .and_then(|p| JsPromise::from_object(p.clone()).ok())
        {
            let ignore = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()))
                .to_js_function(context.realm());
            promise.then(None, Some(ignore), context)?;
        }
    }
    Ok(())
}

/// The realm's `Request` constructor (even if a script replaced the
/// global): `fetch(input, init)` runs `new Request(input, init)` first.
pub fn request_constructor(context: &mut Context) -> JsResult<JsObject> {
    constructor::<RequestData>(context)
}

/// The JavaScript that catches the exception of `new Request(input, init)`
/// for [`new_request_for_fetch`].
const TRY_NEW_REQUEST: &str = "(Request) => (input, init) => {
  try {
    return { request: new Request(input, init) };
  } catch (error) {
    return { error };
  }
}";

/// The compiled [`TRY_NEW_REQUEST`], made on the first fetch().
#[derive(Clone, Trace, Finalize)]
struct TryNewRequest(JsObject);

/// `new Request(input, init)` as `fetch(input, init)` runs it: `Ok(Err(e))`
/// when the constructor throws `e`. The exception is caught in JavaScript:
/// when an exception thrown by JavaScript a few frames below (a getter of
/// `init`, a `toString` of `input`) reaches a native that does not rethrow
/// it, boa_engine 0.22 (vm/mod.rs, `handle_throw`) leaves the popped
/// frames' values on the value stack, and the script that called fetch()
/// then fails, e.g. `f(fetch(url, init))` with "not a callable function".
/// A catch inside JavaScript unwinds cleanly (see
/// js-tests/fetch/init-getter-throws.js).
pub fn new_request_for_fetch(
    context: &mut Context,
    input: JsValue,
    init: JsValue,
) -> JsResult<Result<JsValue, JsValue>> {
    let try_new = match context.get_data::<TryNewRequest>() {
        Some(TryNewRequest(function)) => function.clone(),
        None => {
            let source = boa_engine::Source::from_bytes(TRY_NEW_REQUEST.as_bytes())
                .with_path(std::path::Path::new("<nano-boa:fetch>"));
            let factory = context.eval(source)?;
            let factory = factory
                .as_callable()
                .ok_or_else(|| type_error("internal: the fetch trampoline is not a function"))?;
            let request = request_constructor(context)?;
            let function = factory
                .call(&JsValue::undefined(), &[request.into()], context)?
                .as_callable()
                .ok_or_else(|| type_error("internal: the fetch trampoline is not a function"))?;
            context.insert_data(TryNewRequest(function.clone()));
            function
        }
    };
    let outcome = try_new
        .call(&JsValue::undefined(), &[input, init], context)?
        .as_object()
        .ok_or_else(|| type_error("internal: the fetch trampoline returned a non-object"))?;
    if outcome.has_own_property(js_string!("error"), context)? {
        return Ok(Err(outcome.get(js_string!("error"), context)?));
    }
    Ok(Ok(outcome.get(js_string!("request"), context)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Runtime, RuntimeOptions};
    use std::path::Path;

    fn runtime() -> Runtime {
        crate::web::new_runtime(RuntimeOptions::default()).expect("runtime")
    }

    /// A native body fed by a channel; its end is the channel's close.
    struct TestSource(smol::channel::Receiver<Bytes>);

    impl ChunkSource for TestSource {
        fn next_chunk(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = Chunk>>> {
            let receiver = self.0.clone();
            Box::pin(async move {
                match receiver.recv().await {
                    Ok(bytes) => Chunk::Data(bytes),
                    Err(_) => Chunk::End,
                }
            })
        }

        fn cancel(&self) {
            self.0.close();
        }
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
        let (chunks, receiver) = smol::channel::unbounded::<Bytes>();
        let native = NativeBody::new(std::rc::Rc::new(TestSource(receiver)), None);
        let later = new_response(
            cx,
            ResponseInit {
                status: 200,
                status_text: String::new(),
                headers: Vec::new(),
                url: String::new(),
                redirected: false,
                response_type: "basic",
                body: ResponseBody::Native(native),
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
        chunks.try_send(Bytes::from_static(b"la")).expect("send");
        chunks.try_send(Bytes::from_static(b"ter")).expect("send");
        chunks.close();
        let _ = cx;
        rt.run_event_loop().expect("loop");
        // The branches of the tee settle in the order the streams decide;
        // what matters is that both get every chunk.
        assert_eq!(
            eval(&mut rt, "out.sort().join('|')"),
            "clone later|hi|later"
        );
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
        let Some(RequestBody::Whole(body)) = parts.body else {
            panic!("a whole body expected");
        };
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
