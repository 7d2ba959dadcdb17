//! Bodies as ReadableStreams (Fetch §2.2 "body": a stream, a source and a
//! length), and bodies whose bytes come from native code.
//!
//! A body is only turned into a JavaScript `ReadableStream` when a script
//! asks for one (`body`, `clone()` of a streaming body, `new
//! Response(stream)`): `text()` of a body that is all bytes, or of a fetch
//! response nobody streamed, moves no chunk through JavaScript.
//!
//! - [`NativeBody`]: chunks produced by a Rust future (a fetch response
//!   arriving from the network), read natively or through a byte stream
//!   whose `pull` asks for the next chunk (backpressure: nothing is read
//!   from the socket until a reader wants it).
//! - [`stream_from_bytes`]: a byte stream of bytes known now (`body` of a
//!   `new Response("text")`, `Blob.prototype.stream()`).
//! - [`read_all`]: Fetch §2.2 "fully read" a stream, as a promise of a
//!   `Uint8Array`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use boa_engine::object::builtins::{JsFunction, JsPromise, JsWeakMap};
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};
use bytes::{Bytes, BytesMut};

use super::body::uint8_array;
use crate::runtime::EventLoop;
use crate::web::callback::callback;
use crate::web::streams;

/// Turns a native failure into the JavaScript value a reader sees.
pub type MakeError = Box<dyn FnOnce(&mut Context) -> JsValue>;

/// One step of a [`ChunkSource`].
pub enum Chunk {
    Data(Bytes),
    End,
    Failed(MakeError),
    /// [`ChunkSource::cancel`] was called while the chunk was awaited.
    Cancelled,
}

/// Bytes produced by native code, chunk by chunk.
pub trait ChunkSource {
    /// The next chunk. Called again only once the previous future is done;
    /// the future runs on the event loop's executor and touches no
    /// JavaScript value.
    fn next_chunk(&self) -> Pin<Box<dyn Future<Output = Chunk>>>;
    /// Stop reading (a reader cancelled, the fetch was aborted): a pending
    /// `next_chunk` ends with [`Chunk::Cancelled`], and the resources go.
    fn cancel(&self);
}

/// A body read from a [`ChunkSource`]. Clones share the source.
#[derive(Clone, Trace, Finalize)]
pub struct NativeBody {
    #[unsafe_ignore_trace]
    source: Rc<dyn ChunkSource>,
    shared: Gc<GcRefCell<NativeShared>>,
}

#[derive(Trace, Finalize)]
struct NativeShared {
    /// Why the body was aborted (Fetch §4.1 "abort fetch"), for readers
    /// whose chunk was cancelled.
    aborted: Option<JsValue>,
    /// The controller of the stream made by [`NativeBody::into_stream`].
    controller: Option<JsObject>,
    /// Called once when the body is over (ended, failed or cancelled).
    on_done: Option<JsFunction>,
}

impl NativeBody {
    /// A body over `source`; `on_done` runs once when it is over.
    pub(crate) fn new(source: Rc<dyn ChunkSource>, on_done: Option<JsFunction>) -> NativeBody {
        NativeBody {
            source,
            shared: Gc::new(GcRefCell::new(NativeShared {
                aborted: None,
                controller: None,
                on_done,
            })),
        }
    }

    /// Fetch §4.1 "abort fetch" after the response: readers see `reason`
    /// (a stream made from this body is errored with it at once).
    pub(crate) fn abort(&self, reason: JsValue, cx: &mut Context) -> JsResult<()> {
        let controller = {
            let mut shared = self.shared.borrow_mut();
            shared.aborted = Some(reason.clone());
            shared.controller.clone()
        };
        self.source.cancel();
        if let Some(controller) = controller {
            // A stream already closed or errored stays as it is.
            let _ = call_method(&controller, "error", &[reason], cx);
        }
        self.done(cx)
    }

    fn done(&self, cx: &mut Context) -> JsResult<()> {
        let on_done = self.shared.borrow_mut().on_done.take();
        if let Some(on_done) = on_done {
            on_done.call(&JsValue::undefined(), &[], cx)?;
        }
        Ok(())
    }

    /// The reason a cancelled chunk reports (the abort reason, or an
    /// AbortError-like TypeError when the body was cancelled otherwise).
    fn cancelled_reason(&self, cx: &mut Context) -> JsValue {
        if let Some(reason) = self.shared.borrow().aborted.clone() {
            return reason;
        }
        JsNativeError::typ()
            .with_message("the body was cancelled")
            .into_opaque(cx)
            .into()
    }

    /// Reads the whole body natively: a promise of a `Uint8Array`.
    pub(crate) fn read_all(&self, cx: &mut Context) -> JsResult<JsPromise> {
        let event_loop = event_loop(cx)?;
        let (promise, resolvers) = JsPromise::new_pending(cx);
        let source = self.source.clone();
        let task = async move {
            let mut all = BytesMut::new();
            loop {
                match source.next_chunk().await {
                    Chunk::Data(bytes) => all.extend_from_slice(&bytes),
                    Chunk::End => return Chunk::Data(all.freeze()),
                    other => return other,
                }
            }
        };
        let body = self.clone();
        event_loop.spawn_native(task, move |outcome, cx| {
            let result = match outcome {
                Chunk::Data(bytes) => Ok(uint8_array(&bytes, cx)?.into()),
                Chunk::End => Ok(uint8_array(&[], cx)?.into()),
                Chunk::Failed(make) => Err(make(cx)),
                Chunk::Cancelled => Err(body.cancelled_reason(cx)),
            };
            body.done(cx)?;
            match result {
                Ok(value) => resolvers.resolve.call(&JsValue::undefined(), &[value], cx),
                Err(reason) => resolvers.reject.call(&JsValue::undefined(), &[reason], cx),
            }
            .map(|_| ())
        });
        Ok(promise)
    }

    /// A byte stream over this body: each `pull` reads one chunk.
    pub(crate) fn into_stream(self, cx: &mut Context) -> JsResult<JsObject> {
        let pull = NativeFunction::from_copy_closure_with_captures(
            |_, args, body: &NativeBody, cx| {
                let controller = args.first().and_then(JsValue::as_object).ok_or_else(|| {
                    JsNativeError::typ().with_message("internal: pull without a controller")
                })?;
                body.shared.borrow_mut().controller = Some(controller.clone());
                let (promise, resolvers) = JsPromise::new_pending(cx);
                let source = body.source.clone();
                // An empty chunk cannot be enqueued in a byte stream (a
                // TypeError), and a pull that enqueues nothing is not
                // repeated: empty chunks are skipped here.
                let task = async move {
                    loop {
                        match source.next_chunk().await {
                            Chunk::Data(bytes) if bytes.is_empty() => {}
                            other => return other,
                        }
                    }
                };
                let body = body.clone();
                event_loop(cx)?.spawn_native(task, move |chunk, cx| {
                    // The controller throws when the stream was cancelled or
                    // errored meanwhile; the chunk is then of no use.
                    match chunk {
                        Chunk::Data(bytes) => {
                            let view = uint8_array(&bytes, cx)?;
                            let _ = call_method(&controller, "enqueue", &[view.into()], cx);
                        }
                        Chunk::End => {
                            let _ = close_byte_stream(&controller, cx);
                            body.done(cx)?;
                        }
                        Chunk::Failed(make) => {
                            let reason = make(cx);
                            let _ = call_method(&controller, "error", &[reason], cx);
                            body.done(cx)?;
                        }
                        // Aborted: `abort` errored the stream if it had
                        // been pulled by then; one made or first pulled
                        // after the abort is errored here (Fetch §7.2 the
                        // body errors with the signal's reason). A cancel
                        // from a reader needs nothing more.
                        Chunk::Cancelled => {
                            let aborted = body.shared.borrow().aborted.clone();
                            if let Some(reason) = aborted {
                                let _ = call_method(&controller, "error", &[reason], cx);
                            }
                        }
                    }
                    resolvers
                        .resolve
                        .call(&JsValue::undefined(), &[], cx)
                        .map(|_| ())
                });
                Ok(promise.into())
            },
            self.clone(),
        )
        .to_js_function(cx.realm());
        let cancel = NativeFunction::from_copy_closure_with_captures(
            |_, _, body: &NativeBody, cx| {
                body.source.cancel();
                body.done(cx)?;
                Ok(JsValue::undefined())
            },
            self,
        )
        .to_js_function(cx.realm());
        streams::new_readable_stream(cx, pull, Some(cancel), true, 0.0)
    }
}

fn event_loop(cx: &Context) -> JsResult<Rc<EventLoop>> {
    EventLoop::of(cx).ok_or_else(|| {
        JsNativeError::typ()
            .with_message("reading a body needs the nano-boa event loop")
            .into()
    })
}

/// `object[name](...args)`.
fn call_method(
    object: &JsObject,
    name: &str,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let method = object.get(boa_engine::JsString::from(name), cx)?;
    let method = method.as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message(format!("internal: {name} is not a method"))
    })?;
    method.call(&object.clone().into(), args, cx)
}

/// The streams made by [`stream_from_bytes`] and their lengths, held
/// weakly (context data).
struct KnownLengths(JsWeakMap);

/// The number of bytes `stream` will yield, if it is a stream of bytes
/// known when it was made (Fetch §2.2 a body's "length") and nobody has
/// read, cancelled or locked it yet: then it yields exactly those bytes.
/// `new Response(other.body)` (Hono's way of changing a finished response's
/// headers) keeps the length this way, so the server can still send a
/// Content-Length, as deno and workerd do.
pub(crate) fn untouched_length(stream: &JsObject, cx: &mut Context) -> JsResult<Option<u64>> {
    let Some(map) = cx.get_data::<KnownLengths>().map(|k| k.0.clone()) else {
        return Ok(None);
    };
    let Some(length) = map.get(stream, cx)?.as_number() else {
        return Ok(None);
    };
    if streams::is_disturbed(stream, cx)? || streams::is_locked(stream, cx)? {
        return Ok(None);
    }
    // A stream's length is a byte count: a whole number below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(Some(length as u64))
}

/// Closes a byte stream from its source. A BYOB read waiting for this
/// pull is not settled by `close()` alone (Streams §4.9.5
/// ReadableByteStreamControllerClose closes the stream but leaves pending
/// pull-intos to the source): the source must then `respond(0)` to the
/// BYOB request, which hands the reader its `{done: true}` with the view.
fn close_byte_stream(controller: &JsObject, cx: &mut Context) -> JsResult<()> {
    call_method(controller, "close", &[], cx)?;
    let request = controller.get(js_string!("byobRequest"), cx)?;
    if let Some(request) = request.as_object() {
        call_method(&request, "respond", &[JsValue::from(0)], cx)?;
    }
    Ok(())
}

/// A byte stream that yields `bytes` (one chunk, none when empty) and
/// closes. Its length is remembered for [`untouched_length`].
pub(crate) fn stream_from_bytes(bytes: Bytes, cx: &mut Context) -> JsResult<JsObject> {
    let length = bytes.len();
    #[derive(Trace, Finalize)]
    struct Once(#[unsafe_ignore_trace] RefCell<Option<Bytes>>);
    let pull = NativeFunction::from_copy_closure_with_captures(
        |_, args, once: &Gc<Once>, cx| {
            let controller = args.first().and_then(JsValue::as_object).ok_or_else(|| {
                JsNativeError::typ().with_message("internal: pull without a controller")
            })?;
            let bytes = once.0.borrow_mut().take();
            if let Some(bytes) = bytes.filter(|b| !b.is_empty()) {
                let view = uint8_array(&bytes, cx)?;
                call_method(&controller, "enqueue", &[view.into()], cx)?;
            }
            close_byte_stream(&controller, cx)?;
            Ok(JsValue::undefined())
        },
        Gc::new(Once(RefCell::new(Some(bytes)))),
    )
    .to_js_function(cx.realm());
    let stream = streams::new_readable_stream(cx, pull, None, true, 0.0)?;
    let map = match cx.get_data::<KnownLengths>() {
        Some(known) => known.0.clone(),
        None => {
            let map = JsWeakMap::new(cx);
            cx.insert_data(KnownLengths(map.clone()));
            map
        }
    };
    #[allow(clippy::cast_precision_loss)]
    map.set(&stream, JsValue::from(length as f64), cx)?;
    Ok(stream)
}

/// What [`read_all`] carries from one read to the next.
#[derive(Clone, Trace, Finalize)]
struct ReadAll {
    reader: JsObject,
    #[unsafe_ignore_trace]
    chunks: Rc<RefCell<BytesMut>>,
    resolve: JsFunction,
    reject: JsFunction,
}

/// Fetch §2.2 "fully read" `stream` (acquiring its reader now, so that the
/// stream is locked at once): a promise of a `Uint8Array` with every chunk.
/// A chunk that is not a `Uint8Array` rejects with a TypeError (Fetch §6.3
/// "consume body" reads "bytes").
pub(crate) fn read_all(stream: &JsObject, cx: &mut Context) -> JsResult<JsPromise> {
    read_all_with_reader(stream, cx).map(|(promise, _)| promise)
}

/// [`read_all`], and the reader it reads with (to cancel the read).
pub(crate) fn read_all_with_reader(
    stream: &JsObject,
    cx: &mut Context,
) -> JsResult<(JsPromise, JsObject)> {
    let reader = streams::get_reader(stream, cx)?;
    let (promise, resolvers) = JsPromise::new_pending(cx);
    let state = ReadAll {
        reader: reader.clone(),
        chunks: Rc::new(RefCell::new(BytesMut::new())),
        resolve: resolvers.resolve,
        reject: resolvers.reject,
    };
    read_next(&state, cx)?;
    Ok((promise, reader))
}

fn read_next(state: &ReadAll, cx: &mut Context) -> JsResult<()> {
    let read = streams::read(&state.reader, cx)?;
    let on_result = callback(cx, state.clone(), |result, state, cx| {
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("internal: a read result is not an object")
        })?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            let bytes = std::mem::take(&mut *state.chunks.borrow_mut());
            let array = uint8_array(&bytes, cx)?;
            state
                .resolve
                .call(&JsValue::undefined(), &[array.into()], cx)?;
            return Ok(());
        }
        let value = result.get(js_string!("value"), cx)?;
        match super::uint8_array_bytes(&value, cx)? {
            Some(bytes) => {
                state.chunks.borrow_mut().extend_from_slice(&bytes);
                read_next(state, cx)
            }
            None => {
                let error = JsNativeError::typ()
                    .with_message("a body stream chunk is not a Uint8Array")
                    .into_opaque(cx);
                // The stream is of no further use: cancel it with the error.
                let cancelled = call_method(&state.reader, "cancel", &[error.clone().into()], cx);
                if let Ok(promise) = cancelled.and_then(|p| {
                    p.as_object()
                        .and_then(|o| JsPromise::from_object(o.clone()).ok())
                        .ok_or_else(|| JsNativeError::typ().into())
                }) {
                    let ignore = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()))
                        .to_js_function(cx.realm());
                    promise.then(None, Some(ignore), cx)?;
                }
                state
                    .reject
                    .call(&JsValue::undefined(), &[error.into()], cx)?;
                Ok(())
            }
        }
    });
    let on_error = callback(cx, state.clone(), |reason, state, cx| {
        state.reject.call(&JsValue::undefined(), &[reason], cx)?;
        Ok(())
    });
    read.then(Some(on_result), Some(on_error), cx)?;
    Ok(())
}

/// What a proxy's `pull` carries to its read's reactions.
#[derive(Clone, Trace, Finalize)]
struct ProxyPull {
    reader: JsObject,
    controller: JsObject,
    resolve: JsFunction,
}

/// Fetch §7.3 step 41 "create a proxy" of `stream`: a new byte stream
/// with the same chunks. `stream` is locked from now on (its reader feeds
/// the proxy), as the pipe through an identity transform would leave it.
pub(crate) fn proxy_stream(stream: &JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let reader = streams::get_reader(stream, cx)?;
    let pull = NativeFunction::from_copy_closure_with_captures(
        |_, args, reader: &JsObject, cx| {
            let controller = args.first().and_then(JsValue::as_object).ok_or_else(|| {
                JsNativeError::typ().with_message("internal: pull without a controller")
            })?;
            let (promise, resolvers) = JsPromise::new_pending(cx);
            let state = ProxyPull {
                reader: reader.clone(),
                controller,
                resolve: resolvers.resolve,
            };
            proxy_read(&state, cx)?;
            Ok(promise.into())
        },
        reader.clone(),
    )
    .to_js_function(cx.realm());
    let cancel = NativeFunction::from_copy_closure_with_captures(
        |_, args, reader: &JsObject, cx| call_method(reader, "cancel", args, cx),
        reader,
    )
    .to_js_function(cx.realm());
    streams::new_readable_stream(cx, pull, Some(cancel), true, 0.0)
}

/// One read of a proxy's source; an empty chunk is skipped (a byte stream
/// cannot enqueue it, and the pull must enqueue something to be repeated).
fn proxy_read(state: &ProxyPull, cx: &mut Context) -> JsResult<()> {
    let read = streams::read(&state.reader, cx)?;
    let on_result = callback(cx, state.clone(), |result, state, cx| {
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("internal: a read result is not an object")
        })?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            let _ = close_byte_stream(&state.controller, cx);
        } else {
            let value = result.get(js_string!("value"), cx)?;
            match super::uint8_array_bytes(&value, cx)? {
                Some(bytes) if bytes.is_empty() => return proxy_read(state, cx),
                Some(bytes) => {
                    let view = uint8_array(&bytes, cx)?;
                    let _ = call_method(&state.controller, "enqueue", &[view.into()], cx);
                }
                None => {
                    let error = JsNativeError::typ()
                        .with_message("a body stream chunk is not a Uint8Array")
                        .into_opaque(cx);
                    let _ = call_method(&state.controller, "error", &[error.into()], cx);
                }
            }
        }
        state.resolve.call(&JsValue::undefined(), &[], cx)?;
        Ok(())
    });
    let on_error = callback(cx, state.clone(), |reason, state, cx| {
        let _ = call_method(&state.controller, "error", &[reason], cx);
        state.resolve.call(&JsValue::undefined(), &[], cx)?;
        Ok(())
    });
    read.then(Some(on_result), Some(on_error), cx)?;
    Ok(())
}
