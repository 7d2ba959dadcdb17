//! The `fetch()` global (WHATWG Fetch §7.2, with the parts of §4
//! "Fetching" a server-side runtime needs) on top of [`crate::net`].
//!
//! `fetch(input, init)` builds a Request exactly as `new Request(input,
//! init)` would, then answers at once (a `data:` URL, an error) or spawns a
//! native task on the event loop that performs the HTTP exchanges and
//! follows redirects (§4.4). That task's completion resolves the promise
//! with a Response whose body arrives chunk by chunk as it is read (a
//! [`NativeBody`] over the connection: `text()` reads it natively, `body`
//! streams it). Aborting the request's signal drops whichever task is
//! running, and with it the connection, and rejects the fetch, or errors
//! the body, with the signal's reason.
//!
//! Every network failure rejects with a `TypeError` whose message says what
//! happened and whose `cause` is an `Error` with a `code` (see
//! [`NetError::code`]).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};
use bytes::Bytes;
use futures_lite::FutureExt;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use url::Url;

use super::{
    Chunk, ChunkSource, NativeBody, RequestBody, ResponseBody, ResponseInit, cancel_reader,
    new_request_for_fetch, new_response, request_parts,
};
use crate::net::{Body, HttpClient, NetConfig, NetError, NetRequest, NetResponse, StreamedBody};
use crate::runtime::EventLoop;
use crate::web::abort::{self, AbortState};
use crate::web::callback::callback;

/// Fetch §4.4 step 5: more than 20 redirects is a network error.
const MAX_REDIRECTS: usize = 20;

/// A redirect response's body is read (up to this much) and dropped, so
/// that its connection can serve the next hop.
const REDIRECT_BODY_DRAIN: u64 = 64 * 1024;

/// The network settings of a realm and its client, made on first use:
/// building the TLS configuration costs, and most scripts never fetch.
struct FetchClient {
    config: NetConfig,
    client: RefCell<Option<HttpClient>>,
}

/// Defines `fetch` on the global object; `config` is used by every fetch
/// of this realm.
pub fn register(context: &mut Context, config: NetConfig) -> JsResult<()> {
    context.insert_data(FetchClient {
        config,
        client: RefCell::new(None),
    });
    crate::web::globals::define_operation(
        context,
        js_string!("fetch"),
        1,
        NativeFunction::from_fn_ptr(fetch),
    )
}

/// The realm's client, created on first use.
fn client(context: &Context) -> JsResult<HttpClient> {
    let data = context
        .get_data::<FetchClient>()
        .ok_or_else(|| type_error("fetch: the network layer is not configured"))?;
    let mut slot = data.client.borrow_mut();
    if let Some(client) = slot.as_ref() {
        return Ok(client.clone());
    }
    let client = HttpClient::new(data.config.clone())
        .map_err(|e| type_error(&format!("fetch: cannot set up the network layer: {e}")))?;
    *slot = Some(client.clone());
    Ok(client)
}

fn type_error(message: &str) -> JsError {
    JsNativeError::typ()
        .with_message(message.to_string())
        .into()
}

/// Why a fetch failed, before it becomes a TypeError.
#[derive(Debug)]
struct Failure {
    message: String,
    code: &'static str,
}

impl From<NetError> for Failure {
    fn from(err: NetError) -> Self {
        Failure {
            message: err.to_string(),
            code: err.code(),
        }
    }
}

impl Failure {
    fn new(message: String, code: &'static str) -> Self {
        Failure { message, code }
    }

    /// `TypeError: <message>` with `cause`: `Error: <message>` and a `code`.
    fn into_js(self, context: &mut Context) -> JsValue {
        let cause = JsNativeError::error()
            .with_message(self.message.clone())
            .into_opaque(context);
        let _ = cause.set(js_string!("code"), js_string!(self.code), false, context);
        JsNativeError::typ()
            .with_message(self.message)
            .with_cause(JsError::from_opaque(cause.into()))
            .into_opaque(context)
            .into()
    }
}

/// `fetch(input, init)`: always returns a promise, rejected rather than
/// thrown for bad arguments (Fetch §7.2 runs `new Request` inside the
/// promise's job).
fn fetch(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (promise, resolvers) = JsPromise::new_pending(context);
    // The server's per-request subrequest limit (a no-op elsewhere).
    let started = crate::runtime::limits::check_subrequest(context)
        .and_then(|()| start(args, &resolvers.resolve, &resolvers.reject, context));
    if let Err(err) = started {
        let reason = err.into_opaque(context)?;
        resolvers
            .reject
            .call(&JsValue::undefined(), &[reason], context)?;
    }
    Ok(promise.into())
}

fn start(
    args: &[JsValue],
    resolve: &JsFunction,
    reject: &JsFunction,
    context: &mut Context,
) -> JsResult<()> {
    let input = args.first().cloned().unwrap_or_default();
    let init = args.get(1).cloned().unwrap_or_default();
    let request = match new_request_for_fetch(context, input, init)? {
        Ok(request) => request,
        Err(error) => return Err(JsError::from_opaque(error)),
    };
    let parts = request_parts(context, &request)?;

    // §7.2 step 4: an already aborted signal rejects with its reason.
    let signal = match abort::abort_state(context, &parts.signal)? {
        Some(AbortState::Aborted(reason)) => {
            // §7.2 "abort the fetch() call" cancels the request's body.
            if let Some(RequestBody::Stream(stream)) = &parts.body {
                let cancelled = crate::web::streams::cancel(stream, reason.clone(), context)?;
                let ignore = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()))
                    .to_js_function(context.realm());
                cancelled.then(None, Some(ignore), context)?;
            }
            reject.call(&JsValue::undefined(), &[reason], context)?;
            return Ok(());
        }
        Some(AbortState::NotAborted) => parts.signal.as_object(),
        None => None,
    };

    let url = Url::parse(&parts.url)
        .map_err(|e| type_error(&format!("fetch: invalid URL {}: {e}", parts.url)))?;
    match url.scheme() {
        "http" | "https" => {}
        "data" => {
            let response = data_url_response(&url, context)?;
            resolve.call(&JsValue::undefined(), &[response.into()], context)?;
            return Ok(());
        }
        scheme => {
            let failure = Failure::from(NetError::UnsupportedScheme {
                url: url.to_string(),
                scheme: scheme.to_string(),
            });
            let reason = failure.into_js(context);
            reject.call(&JsValue::undefined(), &[reason], context)?;
            return Ok(());
        }
    }

    let method = Method::from_bytes(parts.method.as_bytes())
        .map_err(|e| type_error(&format!("fetch: invalid method {}: {e}", parts.method)))?;
    let mut headers = HeaderMap::new();
    for (name, value) in &parts.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| type_error(&format!("fetch: invalid header name {name:?}: {e}")))?;
        let value = HeaderValue::from_bytes(&byte_string_bytes(value))
            .map_err(|e| type_error(&format!("fetch: invalid value for header {name}: {e}")))?;
        headers.append(name, value);
    }
    // §4.1 "main fetch" via §4.6: a request without Accept gets `*/*`.
    if !headers.contains_key(header::ACCEPT) {
        headers.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
    }
    let redirect = match parts.redirect.as_str() {
        "error" => Redirect::Error,
        "manual" => Redirect::Manual,
        _ => Redirect::Follow,
    };
    let plan = Plan {
        method,
        url,
        headers,
        body: Body::Empty,
        redirect,
    };

    let client = client(context)?;
    let (cancel, cancelled) = smol::channel::bounded::<()>(1);
    let fetch = Fetch {
        phase: Gc::new(GcRefCell::new(Phase::Head {
            resolve: resolve.clone(),
            reject: reject.clone(),
        })),
        cancel: Cancel {
            sender: cancel,
            receiver: cancelled,
        },
        signal,
        algorithm: Gc::new(GcRefCell::new(None)),
    };
    // A stream body is pumped from now on (sent chunked); its reader is
    // what an abort cancels.
    let mut upload = None;
    let mut upload_reader = None;
    if let Some(RequestBody::Stream(stream)) = &parts.body {
        let report: super::ReportFailure = Rc::new(|message: &str| {
            tracing::debug!("fetch request body: {message}");
        });
        let pumped = super::pump_stream(stream, report, context)?;
        upload_reader = Some(pumped.reader.clone());
        upload = Some(pumped.chunks.owning(pumped.kill));
    }
    if let Some(signal) = &fetch.signal {
        let captures = (fetch.clone(), upload_reader);
        let algorithm = callback(context, captures, |reason, (fetch, reader), context| {
            // §7.2 "abort the fetch() call": a request body still being
            // read is cancelled with the reason (a read already done is
            // not affected).
            if let Some(reader) = reader {
                cancel_reader(context, reader, reason.clone())?;
            }
            fetch.abort(reason, context)
        });
        abort::add_abort_algorithm(context, signal, algorithm.clone())?;
        *fetch.algorithm.borrow_mut() = Some(algorithm);
    }

    match parts.body {
        None => launch(fetch, plan, client, context),
        Some(RequestBody::Stream(_)) => {
            let mut plan = plan;
            if let Some(chunks) = upload {
                plan.body = Body::Stream(StreamedBody::new(Box::pin(chunks)));
            }
            launch(fetch, plan, client, context)
        }
        Some(RequestBody::Whole(body)) => {
            // The bytes arrive through a promise (a native body is read
            // first); the exchange starts once it settles.
            let plan = PlanSlot(RefCell::new(Some((plan, client))));
            let on_bytes = callback(
                context,
                (fetch.clone(), Gc::new(plan)),
                |value, (fetch, slot), context| {
                    let Some((mut plan, client)) = slot.0.borrow_mut().take() else {
                        return Ok(());
                    };
                    let bytes = super::uint8_array_bytes(&value, context)?.unwrap_or_default();
                    plan.body = Body::Bytes(Bytes::from(bytes));
                    launch(fetch.clone(), plan, client, context)
                },
            );
            // A request body that cannot be read fails the fetch with a
            // network error, i.e. a TypeError (Fetch §4.5 "transmit request
            // body": processBodyError terminates the fetch); the stream's
            // own error becomes its `cause`, as in undici.
            let on_error = callback(context, fetch.clone(), |reason, fetch, context| {
                let error = JsNativeError::typ()
                    .with_message("fetch: reading the request body failed")
                    .with_cause(JsError::from_opaque(reason))
                    .into_opaque(context);
                fetch.fail_with(error.into(), context)
            });
            body.then(Some(on_bytes), Some(on_error), context)?;
            Ok(())
        }
    }
}

/// Starts the network task of `fetch`.
fn launch(fetch: Fetch, plan: Plan, client: HttpClient, context: &mut Context) -> JsResult<()> {
    if fetch.is_done() {
        return Ok(()); // aborted while the request body was being read
    }
    let event_loop = EventLoop::of(context)
        .ok_or_else(|| type_error("fetch: this context has no event loop"))?;
    let head_only = plan.method == Method::HEAD;
    let cancelled = fetch.cancel.receiver.clone();
    let task = async move {
        let exchange = async {
            let (mut response, redirected) = follow(&client, plan).await?;
            if head_only || is_null_body_status(response.status) {
                // Nothing to read, but reading the end hands the connection
                // back to the pool.
                let _ = response.read_all(0).await;
            }
            Ok(Some((response, redirected)))
        };
        exchange.or(cancellation(cancelled)).await
    };
    let limit_client = client_limit(context);
    event_loop.spawn_native(task, move |result, context| {
        head_arrived(fetch, result, head_only, limit_client, context)
    });
    Ok(())
}

/// Resolves once `fetch`'s cancel channel closes (on abort).
async fn cancellation<T>(cancelled: smol::channel::Receiver<()>) -> Result<Option<T>, Failure> {
    let _ = cancelled.recv().await;
    Ok(None)
}

fn client_limit(context: &Context) -> u64 {
    context
        .get_data::<FetchClient>()
        .map_or(u64::MAX, |data| data.config.max_body_size)
}

/// The completion of the head task: resolve with a Response (whose body a
/// second task reads) or reject.
fn head_arrived(
    fetch: Fetch,
    result: Result<Option<(NetResponse, bool)>, Failure>,
    head_only: bool,
    limit: u64,
    context: &mut Context,
) -> JsResult<()> {
    if fetch.is_done() {
        return Ok(()); // aborted: the promise is already rejected
    }
    let (response, redirected) = match result {
        Ok(Some(head)) => head,
        Ok(None) => return Ok(()),
        Err(failure) => {
            let reason = failure.into_js(context);
            return fetch.fail_with(reason, context);
        }
    };
    let mut url = response.url.clone();
    url.set_fragment(None);
    let status = response.status;
    let status_text = response.status_text.clone();
    let headers = response
        .headers
        .iter()
        .map(|(name, value)| {
            let value = value.as_bytes().iter().map(|&b| char::from(b)).collect();
            (name.as_str().to_string(), value)
        })
        .collect();
    let no_body = head_only || is_null_body_status(response.status);
    let native = if no_body {
        None
    } else {
        // The fetch is over (its abort algorithm removed) once the body is.
        let on_done = callback(context, fetch.clone(), |_, fetch, context| {
            fetch.finish(context)
        });
        let source = NetSource {
            response: Rc::new(RefCell::new(Some(response))),
            cancel: fetch.cancel.clone(),
            limit,
            received: Rc::new(Cell::new(0)),
        };
        Some(NativeBody::new(Rc::new(source), Some(on_done)))
    };
    let object = new_response(
        context,
        ResponseInit {
            status: status.as_u16(),
            status_text,
            headers,
            url: url.to_string(),
            redirected,
            response_type: "basic",
            body: native
                .clone()
                .map_or(ResponseBody::None, ResponseBody::Native),
        },
    )?;
    let Taken::Head { resolve, .. } = fetch.take_phase() else {
        return Ok(());
    };
    resolve.call(&JsValue::undefined(), &[object.into()], context)?;
    match native {
        Some(body) => *fetch.phase.borrow_mut() = Phase::Body { body },
        None => fetch.finish(context)?,
    }
    Ok(())
}

/// The body of a fetch response, read from the network chunk by chunk as
/// readers ask for it. Aborting the fetch closes `cancel`, which drops the
/// response (and its connection) in the middle of a read.
struct NetSource {
    response: Rc<RefCell<Option<NetResponse>>>,
    cancel: Cancel,
    /// The realm's `--fetch-max-body-mb`.
    limit: u64,
    received: Rc<Cell<u64>>,
}

impl ChunkSource for NetSource {
    fn next_chunk(&self) -> Pin<Box<dyn Future<Output = Chunk>>> {
        let slot = self.response.clone();
        let cancelled = self.cancel.receiver.clone();
        let received = self.received.clone();
        let limit = self.limit;
        Box::pin(async move {
            let Some(mut response) = slot.borrow_mut().take() else {
                return Chunk::Cancelled;
            };
            let next = async { Some(response.chunk().await) }
                .or(async {
                    let _ = cancelled.recv().await;
                    None
                })
                .await;
            let failed = |err: NetError| -> Chunk {
                let failure = Failure::from(err);
                Chunk::Failed(Box::new(move |cx| failure.into_js(cx)))
            };
            match next {
                None => Chunk::Cancelled,
                Some(None) => Chunk::End,
                Some(Some(Err(err))) => failed(err),
                Some(Some(Ok(bytes))) => {
                    let total = received.get() + bytes.len() as u64;
                    received.set(total);
                    if total > limit {
                        return failed(NetError::BodyTooLarge {
                            url: response.url.to_string(),
                            limit,
                        });
                    }
                    *slot.borrow_mut() = Some(response);
                    Chunk::Data(bytes)
                }
            }
        })
    }

    fn cancel(&self) {
        self.cancel.sender.close();
        self.response.borrow_mut().take();
    }
}

/// Fetch §3.1.7 "null body status".
fn is_null_body_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 101 | 103 | 204 | 205 | 304)
}

/// A ByteString (one char per byte, U+0000..U+00FF) as its bytes.
fn byte_string_bytes(text: &str) -> Vec<u8> {
    text.chars().map(|c| u32::from(c) as u8).collect()
}

/// Fetch §4.2 "scheme fetch" for `data:` URLs, with the data: URL
/// processor of Fetch §3.3 (the `data-url` crate implements it).
fn data_url_response(url: &Url, context: &mut Context) -> JsResult<JsObject> {
    let invalid =
        |reason: String| Failure::new(format!("invalid data: URL: {reason}"), "ERR_INVALID_URL");
    let processed = data_url::DataUrl::process(url.as_str()).map_err(|e| invalid(format!("{e:?}")));
    let decoded = processed.and_then(|data| {
        let mime = data.mime_type().to_string();
        data.decode_to_vec()
            .map(|(bytes, _)| (mime, bytes))
            .map_err(|_| invalid("the base64 payload is not valid base64".into()))
    });
    let (mime, bytes) = match decoded {
        Ok(decoded) => decoded,
        Err(failure) => return Err(JsError::from_opaque(failure.into_js(context))),
    };
    let mut url = url.clone();
    url.set_fragment(None);
    new_response(
        context,
        ResponseInit {
            status: 200,
            status_text: "OK".into(),
            headers: vec![("content-type".into(), mime)],
            url: url.to_string(),
            redirected: false,
            response_type: "basic",
            body: ResponseBody::Bytes(bytes),
        },
    )
}

/// Where a fetch is, shared by its tasks' completions and its abort
/// algorithm: whichever comes first settles the pending promise.
#[derive(Trace, Finalize)]
enum Phase {
    /// Waiting for the response head; the fetch promise is pending.
    Head {
        resolve: JsFunction,
        reject: JsFunction,
    },
    /// The Response is out; its body is still arriving.
    Body {
        body: NativeBody,
    },
    Done,
}

/// Closing the channel tells the running task to stop (it is dropped, and
/// with it the connection).
#[derive(Clone, Finalize)]
struct Cancel {
    sender: smol::channel::Sender<()>,
    receiver: smol::channel::Receiver<()>,
}

// SAFETY: channels hold no garbage-collected values.
unsafe impl Trace for Cancel {
    boa_gc::empty_trace!();
}

#[derive(Clone, Trace, Finalize)]
struct Fetch {
    phase: Gc<GcRefCell<Phase>>,
    cancel: Cancel,
    signal: Option<JsObject>,
    /// The abort algorithm added to `signal`, removed when the fetch is over
    /// so that a long-lived signal does not collect dead fetches.
    algorithm: Gc<GcRefCell<Option<JsFunction>>>,
}

/// A [`Phase`] taken out of its cell (`Phase` itself cannot be moved out
/// of: the GC's `Finalize` gives it a destructor).
enum Taken {
    Head {
        resolve: JsFunction,
        reject: JsFunction,
    },
    Body(NativeBody),
    Done,
}

impl Fetch {
    /// The current phase; the fetch is `Done` from now on.
    fn take_phase(&self) -> Taken {
        let mut phase = self.phase.borrow_mut();
        let taken = match &*phase {
            Phase::Head { resolve, reject } => Taken::Head {
                resolve: resolve.clone(),
                reject: reject.clone(),
            },
            Phase::Body { body } => Taken::Body(body.clone()),
            Phase::Done => Taken::Done,
        };
        *phase = Phase::Done;
        taken
    }

    fn is_done(&self) -> bool {
        matches!(*self.phase.borrow(), Phase::Done)
    }

    /// Fetch §4.1 "abort fetch": reject what is pending with `reason` and
    /// stop the task.
    fn abort(&self, reason: JsValue, context: &mut Context) -> JsResult<()> {
        self.cancel.sender.close();
        self.fail_with(reason, context)
    }

    /// Rejects the pending promise, or errors the body, with `reason`; the
    /// fetch is over.
    fn fail_with(&self, reason: JsValue, context: &mut Context) -> JsResult<()> {
        self.cancel.sender.close();
        match self.take_phase() {
            Taken::Head { reject, .. } => {
                reject.call(&JsValue::undefined(), &[reason], context)?;
            }
            Taken::Body(body) => body.abort(reason, context)?,
            Taken::Done => return Ok(()),
        }
        self.finish(context)
    }

    /// The fetch is over: forget the abort algorithm.
    fn finish(&self, context: &mut Context) -> JsResult<()> {
        *self.phase.borrow_mut() = Phase::Done;
        let algorithm = self.algorithm.borrow_mut().take();
        if let (Some(signal), Some(algorithm)) = (&self.signal, algorithm) {
            abort::remove_abort_algorithm(context, signal, &algorithm)?;
        }
        Ok(())
    }
}

/// The request plan handed to the network task, while the request body is
/// still being read.
#[derive(Finalize)]
struct PlanSlot(RefCell<Option<(Plan, HttpClient)>>);

// SAFETY: a plan and a client hold no garbage-collected values.
unsafe impl Trace for PlanSlot {
    boa_gc::empty_trace!();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redirect {
    Follow,
    Error,
    Manual,
}

/// What the network task needs: no JavaScript values, so it can live in a
/// `'static` future.
struct Plan {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Body,
    redirect: Redirect,
}

/// Header names dropped when a redirect turns the request into a GET
/// (Fetch §2.2.2 "request-body-header name").
const REQUEST_BODY_HEADERS: [HeaderName; 4] = [
    header::CONTENT_ENCODING,
    header::CONTENT_LANGUAGE,
    header::CONTENT_LOCATION,
    header::CONTENT_TYPE,
];

/// Credentials dropped when a redirect leaves the origin. Fetch §4.4 step
/// 13 names `Authorization`; cookies and proxy credentials are dropped too,
/// as undici (node's fetch) does, since a server-side fetch has no cookie
/// jar to scope them.
const CROSS_ORIGIN_DROPPED: [HeaderName; 3] = [
    header::AUTHORIZATION,
    header::COOKIE,
    header::PROXY_AUTHORIZATION,
];

/// Sends the request and follows redirects as `plan.redirect` says (Fetch
/// §4.4 "HTTP-redirect fetch"). Returns the final response and whether a
/// redirect was followed. Each hop goes through the client, so the network
/// policy decides on every hop's address.
async fn follow(client: &HttpClient, plan: Plan) -> Result<(NetResponse, bool), Failure> {
    let Plan {
        mut method,
        mut url,
        mut headers,
        mut body,
        redirect,
    } = plan;
    let mut redirects = 0;
    loop {
        let request = NetRequest {
            method: method.clone(),
            url: url.clone(),
            headers: headers.clone(),
            body: body.clone(),
        };
        let mut response = client.send(request).await?;
        let status = response.status.as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) || redirect == Redirect::Manual {
            return Ok((response, redirects > 0));
        }
        // A redirect status without Location is an ordinary response (§4.4 step 3).
        let Some(location) = response.location() else {
            return Ok((response, redirects > 0));
        };
        if redirect == Redirect::Error {
            return Err(Failure::new(
                format!(
                    "fetch to {} was redirected ({status}) and the request's redirect mode is \"error\"",
                    strip_fragment(&url)
                ),
                "ERR_REDIRECT",
            ));
        }
        let mut location = location.map_err(|e| {
            Failure::new(
                format!(
                    "the {status} redirect from {} has an invalid Location header: {e}",
                    strip_fragment(&url)
                ),
                "ERR_INVALID_REDIRECT",
            )
        })?;
        if !matches!(location.scheme(), "http" | "https") {
            return Err(Failure::new(
                format!(
                    "the redirect from {} goes to the unsupported scheme \"{}:\" ({location})",
                    strip_fragment(&url),
                    location.scheme()
                ),
                "ERR_INVALID_REDIRECT",
            ));
        }
        if redirects == MAX_REDIRECTS {
            return Err(Failure::new(
                format!(
                    "too many redirects (more than {MAX_REDIRECTS}), the last from {}",
                    strip_fragment(&url)
                ),
                "ERR_TOO_MANY_REDIRECTS",
            ));
        }
        // §4.4 step 11: a streamed body was sent and is gone; only a 303
        // (which drops it) can be followed.
        if status != 303 && body.is_stream() {
            return Err(Failure::new(
                format!(
                    "cannot follow the {status} redirect from {}: the request body was a stream, which cannot be sent again",
                    strip_fragment(&url)
                ),
                "ERR_REDIRECT",
            ));
        }
        redirects += 1;
        let _ = response.read_all(REDIRECT_BODY_DRAIN).await;
        drop(response);
        // §4.4 step 12: 301/302 turn POST into GET, 303 turns anything but
        // GET and HEAD into GET; the body and its headers go.
        if (matches!(status, 301 | 302) && method == Method::POST)
            || (status == 303 && method != Method::GET && method != Method::HEAD)
        {
            method = Method::GET;
            body = Body::Empty;
            for name in &REQUEST_BODY_HEADERS {
                headers.remove(name);
            }
        }
        if location.origin() != url.origin() {
            for name in &CROSS_ORIGIN_DROPPED {
                headers.remove(name);
            }
        }
        // §4.4 step 19: a Location without fragment keeps the request's.
        if location.fragment().is_none() {
            location.set_fragment(url.fragment());
        }
        url = location;
    }
}

fn strip_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}
