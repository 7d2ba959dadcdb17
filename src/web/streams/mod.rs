//! The WHATWG Streams Standard (ReadableStream, WritableStream,
//! TransformStream, queuing strategies), the Encoding Standard's
//! TextEncoderStream/TextDecoderStream and the Compression Standard's
//! CompressionStream/DecompressionStream.
//!
//! The state machines are JavaScript (the `*.js` files next to this one):
//! the standard is written as algorithms over internal slots and reads
//! best in the language it was written for. Each file is a factory
//! evaluated once per realm, in order, each receiving the exports of the
//! ones before. common.js and readable.js are built on first use of a
//! ReadableStream global or of a body stream; the other files on first use
//! of their globals or of `pipeTo`/`pipeThrough` (see `READABLE_FILES`).
//! The exports are kept in context data, so the natives and the
//! Rust seam below still find the classes after a script overwrites a
//! global. The natives move bytes: ArrayBuffer transfer (Boa 0.22 has
//! `ArrayBuffer.prototype.transfer` only behind its `experimental` feature)
//! and compression (`compression.rs`, on flate2).
//!
//! The seam for the rest of the runtime (fetch bodies, the server) is the
//! `pub(crate)` functions at the end of this file.

mod compression;

use super::encoding::{TextDecoder, TextEncoder};

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArrayBuffer, JsFunction, JsPromise};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    js_string,
};

/// The factory files, in evaluation order: (file name, source). Each is
/// called with the natives, then the exports of every file before it.
const FILES: &[(&str, &str)] = &[
    ("common.js", include_str!("common.js")),
    ("readable.js", include_str!("readable.js")),
    ("writable.js", include_str!("writable.js")),
    ("pipe.js", include_str!("pipe.js")),
    ("transform.js", include_str!("transform.js")),
    ("text.js", include_str!("text.js")),
    ("compression.js", include_str!("compression.js")),
];

/// How many of [`FILES`] make the ReadableStream family (common.js,
/// readable.js): built on first use of any of [`READABLE_GLOBALS`] or of a
/// body stream, without the other files. Bodies need only these, and they
/// are about 60% of the JavaScript to compile; the rest (and events.js,
/// which writable.js and pipe.js use for AbortSignal) is built on first
/// use of the other globals or of `pipeTo`/`pipeThrough`.
const READABLE_FILES: usize = 2;

/// The globals readable.js exports.
const READABLE_GLOBALS: &[&str] = &[
    "ReadableStream",
    "ReadableStreamDefaultReader",
    "ReadableStreamBYOBReader",
    "ReadableStreamDefaultController",
    "ReadableByteStreamController",
    "ReadableStreamBYOBRequest",
];

/// The exports of the factory files of this realm built so far
/// (`files[i]` is `FILES[i]`'s), and the natives object they share.
#[derive(Clone)]
struct Built {
    files: Vec<JsObject>,
    natives: JsObject,
}

impl Built {
    /// readable.js's `internal`: the abstract operations the seam calls.
    #[cfg_attr(not(test), allow(dead_code))]
    fn readable_internal(&self, cx: &mut Context) -> JsResult<JsObject> {
        let readable = self
            .files
            .get(1)
            .ok_or_else(|| internal("readable.js not built"))?;
        readable
            .get(js_string!("internal"), cx)?
            .as_object()
            .ok_or_else(|| internal("readable.js has no internal exports"))
    }
}

/// Defines every global of this module, each built on first use (see
/// `lazy.rs`; its `Init` is a plain `fn`, so each name gets its own).
pub fn register(context: &mut Context) -> JsResult<()> {
    macro_rules! define {
        ($($n:literal),*) => {
            $(super::lazy::define(context, js_string!($n), |cx| export(cx, $n))?;)*
        };
    }
    define!(
        "ReadableStream",
        "ReadableStreamDefaultReader",
        "ReadableStreamBYOBReader",
        "ReadableStreamDefaultController",
        "ReadableByteStreamController",
        "ReadableStreamBYOBRequest",
        "WritableStream",
        "WritableStreamDefaultWriter",
        "WritableStreamDefaultController",
        "TransformStream",
        "TransformStreamDefaultController",
        "ByteLengthQueuingStrategy",
        "CountQueuingStrategy",
        "TextEncoderStream",
        "TextDecoderStream",
        "CompressionStream",
        "DecompressionStream"
    );
    Ok(())
}

fn internal(what: &str) -> JsError {
    JsNativeError::typ()
        .with_message(format!("internal: {what}"))
        .into()
}

/// One of the classes, building its files on first use.
fn export(context: &mut Context, name: &str) -> JsResult<JsValue> {
    let built = if READABLE_GLOBALS.contains(&name) {
        built(context)?
    } else {
        built_all(context)?
    };
    let key = JsString::from(name);
    for exports in &built.files {
        if exports.has_own_property(key.clone(), context)? {
            return exports.get(key, context);
        }
    }
    Err(internal(&format!("{name} is not exported")))
}

fn built_if_any(context: &Context) -> Option<Built> {
    context.get_data::<Built>().cloned()
}

/// The ReadableStream family (at least), building it if needed.
fn built(context: &mut Context) -> JsResult<Built> {
    if let Some(existing) = built_if_any(context) {
        return Ok(existing);
    }
    let natives = natives(context)?;
    let mut files: Vec<JsObject> = Vec::with_capacity(FILES.len());
    for (name, code) in &FILES[..READABLE_FILES] {
        let mut args = vec![natives.clone().into()];
        args.extend(files.iter().cloned().map(JsValue::from));
        files.push(evaluate(context, code, name, &args)?);
    }
    let built = Built { files, natives };
    define_pipe_stubs(&built, context)?;
    context.insert_data(built.clone());
    Ok(built)
}

/// Every file, building the ones not built yet.
fn built_all(context: &mut Context) -> JsResult<Built> {
    let mut built = built(context)?;
    if built.files.len() == FILES.len() {
        return Ok(built);
    }
    // AbortController/AbortSignal (WritableStreamDefaultController.signal,
    // pipeTo's signal), as built, whatever a script did to the globals.
    let abort = super::events::abort::script_exports(context)?;
    built
        .natives
        .set(js_string!("abort"), abort, false, context)?;
    for (name, code) in &FILES[built.files.len()..] {
        let mut args = vec![built.natives.clone().into()];
        args.extend(built.files.iter().cloned().map(JsValue::from));
        let exports = evaluate(context, code, name, &args)?;
        built.files.push(exports);
    }
    context.insert_data(built.clone());
    Ok(built)
}

/// `ReadableStream.prototype.pipeTo` and `pipeThrough` until pipe.js is
/// built: each builds the other files (pipe.js then defines the real
/// methods in their place, with the same attributes) and calls the real
/// one. WebIDL shapes as the real ones (enumerable operations).
fn define_pipe_stubs(built: &Built, context: &mut Context) -> JsResult<()> {
    let class = built.files[READABLE_FILES - 1].get(js_string!("ReadableStream"), context)?;
    let prototype = class
        .as_object()
        .ok_or_else(|| internal("readable.js exports no ReadableStream"))?
        .get(js_string!("prototype"), context)?
        .as_object()
        .ok_or_else(|| internal("ReadableStream has no prototype"))?;
    let stubs: [(&str, usize, NativeFn); 2] = [
        ("pipeThrough", 1, pipe_through_stub),
        ("pipeTo", 1, pipe_to_stub),
    ];
    for (name, length, f) in stubs {
        let function = boa_engine::object::FunctionObjectBuilder::new(
            context.realm(),
            NativeFunction::from_fn_ptr(f),
        )
        .name(JsString::from(name))
        .length(length)
        .constructor(false)
        .build();
        prototype.define_property_or_throw(
            JsString::from(name),
            boa_engine::property::PropertyDescriptor::builder()
                .value(function)
                .writable(true)
                .enumerable(true)
                .configurable(true),
            context,
        )?;
    }
    Ok(())
}

fn pipe_to_stub(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    call_real_pipe(this, args, "pipeTo", cx)
}

fn pipe_through_stub(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    call_real_pipe(this, args, "pipeThrough", cx)
}

/// Builds pipe.js (which replaces the stubs) and calls its `method`.
fn call_real_pipe(
    this: &JsValue,
    args: &[JsValue],
    method: &str,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let built = built_all(cx)?;
    let class = built.files[READABLE_FILES - 1].get(js_string!("ReadableStream"), cx)?;
    let real = class
        .as_object()
        .ok_or_else(|| internal("readable.js exports no ReadableStream"))?
        .get(js_string!("prototype"), cx)?
        .as_object()
        .ok_or_else(|| internal("ReadableStream has no prototype"))?
        .get(JsString::from(method), cx)?;
    let real = real.as_callable().ok_or_else(|| {
        internal(&format!(
            "ReadableStream.prototype.{method} is not a function"
        ))
    })?;
    real.call(this, args, cx)
}

use super::factory::{NativeFn, evaluate};

/// The natives the factory files receive.
fn natives(context: &mut Context) -> JsResult<JsObject> {
    let list: [(&str, usize, NativeFn); 5] = [
        ("transferArrayBuffer", 1, native_transfer_array_buffer),
        ("isDetached", 1, native_is_detached),
        ("compressionNew", 2, compression::native_new),
        ("compressionPush", 2, compression::native_push),
        ("compressionFinish", 1, compression::native_finish),
    ];
    // This realm's TextEncoder/TextDecoder, as built, whatever a script
    // did to the globals since (`abort` is added by `built_all`).
    let encoder = class_constructor::<TextEncoder>(context, "TextEncoder")?;
    let decoder = class_constructor::<TextDecoder>(context, "TextDecoder")?;
    let mut object = ObjectInitializer::new(context);
    for (name, length, f) in list {
        object.function(NativeFunction::from_fn_ptr(f), JsString::from(name), length);
    }
    object.property(js_string!("TextEncoder"), encoder, Attribute::all());
    object.property(js_string!("TextDecoder"), decoder, Attribute::all());
    Ok(object.build())
}

fn class_constructor<C: boa_engine::class::Class>(cx: &Context, name: &str) -> JsResult<JsObject> {
    cx.get_global_class::<C>()
        .map(|class| class.constructor())
        .ok_or_else(|| internal(&format!("{name} is not registered")))
}

fn array_buffer(value: &JsValue, what: &str) -> JsResult<JsArrayBuffer> {
    value
        .as_object()
        .and_then(|o| JsArrayBuffer::from_object(o).ok())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("{what}: not an ArrayBuffer"))
                .into()
        })
}

/// `transferArrayBuffer(buffer)`: Streams §8.3 TransferArrayBuffer, a new
/// ArrayBuffer with the bytes of `buffer`, which is detached. A TypeError
/// for a detached (or otherwise non-transferable) buffer.
fn native_transfer_array_buffer(
    _: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let buffer = array_buffer(args.get_or_undefined(0), "TransferArrayBuffer")?;
    if buffer.data().is_none() {
        return Err(JsNativeError::typ()
            .with_message("Cannot transfer a detached ArrayBuffer")
            .into());
    }
    let block = buffer.detach(&JsValue::undefined()).map_err(|_| {
        JsError::from(JsNativeError::typ().with_message("This ArrayBuffer cannot be transferred"))
    })?;
    Ok(JsArrayBuffer::from_byte_block(block, cx)?.into())
}

/// `isDetached(buffer)`: IsDetachedBuffer; false for anything but an
/// ArrayBuffer (a SharedArrayBuffer never detaches).
fn native_is_detached(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let detached = args
        .get_or_undefined(0)
        .as_object()
        .and_then(|o| JsArrayBuffer::from_object(o).ok())
        .is_some_and(|b| b.data().is_none());
    Ok(detached.into())
}

// ---- The Rust seam ----------------------------------------------------------

/// Calls `name` of readable.js's internal exports with `args`.
#[cfg_attr(not(test), allow(dead_code))]
fn call_internal(cx: &mut Context, name: &str, args: &[JsValue]) -> JsResult<JsValue> {
    let internals = built(cx)?.readable_internal(cx)?;
    let function = internals.get(JsString::from(name), cx)?;
    function
        .as_callable()
        .ok_or_else(|| internal(&format!("readable.js internal {name} is not a function")))?
        .call(&JsValue::undefined(), args, cx)
}

#[cfg_attr(not(test), allow(dead_code))]
fn object_of(value: JsValue, what: &str) -> JsResult<JsObject> {
    value
        .as_object()
        .ok_or_else(|| internal(&format!("{what} did not return an object")))
}

#[cfg_attr(not(test), allow(dead_code))]
fn promise_of(value: JsValue, what: &str) -> JsResult<JsPromise> {
    JsPromise::from_object(object_of(value, what)?)
}

/// Whether `value` is a ReadableStream (built by this realm's streams;
/// false if streams were never built).
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn is_readable_stream(value: &JsValue, cx: &mut Context) -> JsResult<bool> {
    if built_if_any(cx).is_none() || !value.is_object() {
        return Ok(false);
    }
    Ok(!call_internal(cx, "streamRecord", std::slice::from_ref(value))?.is_undefined())
}

/// A new ReadableStream whose underlying source calls `pull(controller)`
/// when its queue wants a chunk (it may return a promise; the controller is
/// a ReadableStreamDefaultController, or a ReadableByteStreamController
/// when `bytes` is true, and Rust drives it by calling its JS methods
/// enqueue/close/error) and `cancel(reason)` on cancel. `high_water_mark`
/// 0 means pull only on demand.
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn new_readable_stream(
    cx: &mut Context,
    pull: JsFunction,
    cancel: Option<JsFunction>,
    bytes: bool,
    high_water_mark: f64,
) -> JsResult<JsObject> {
    let cancel = cancel.map_or(JsValue::undefined(), JsValue::from);
    let stream = call_internal(
        cx,
        "newReadableStream",
        &[pull.into(), cancel, bytes.into(), high_water_mark.into()],
    )?;
    object_of(stream, "newReadableStream")
}

/// `stream.getReader()` (a TypeError if locked).
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn get_reader(stream: &JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let reader = call_internal(cx, "getReader", &[stream.clone().into()])?;
    object_of(reader, "getReader")
}

/// `reader.read()`: a promise of `{ value, done }`.
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn read(reader: &JsObject, cx: &mut Context) -> JsResult<JsPromise> {
    let promise = call_internal(cx, "read", &[reader.clone().into()])?;
    promise_of(promise, "read")
}

/// `reader.releaseLock()`.
#[allow(dead_code)] // part of the seam; no caller yet
pub(crate) fn release_reader(reader: &JsObject, cx: &mut Context) -> JsResult<()> {
    call_internal(cx, "releaseReader", &[reader.clone().into()])?;
    Ok(())
}

/// IsReadableStreamLocked.
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn is_locked(stream: &JsObject, cx: &mut Context) -> JsResult<bool> {
    Ok(call_internal(cx, "isLockedStream", &[stream.clone().into()])?.to_boolean())
}

/// The stream's [[disturbed]] slot: a read or a cancel happened.
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn is_disturbed(stream: &JsObject, cx: &mut Context) -> JsResult<bool> {
    Ok(call_internal(cx, "isDisturbed", &[stream.clone().into()])?.to_boolean())
}

/// ReadableStreamCancel(stream, reason), a promise.
#[allow(dead_code)] // part of the seam; no caller yet
pub(crate) fn cancel(stream: &JsObject, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    let promise = call_internal(cx, "cancelStream", &[stream.clone().into(), reason])?;
    promise_of(promise, "cancel")
}

/// ReadableStreamTee(stream, cloneForBranch2 = false): the two branches.
#[cfg_attr(not(test), allow(dead_code))] // the seam fetch bodies are wired onto
pub(crate) fn tee(stream: &JsObject, cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    let pair = call_internal(cx, "teeStream", &[stream.clone().into()])?;
    let pair = object_of(pair, "tee")?;
    let first = object_of(pair.get(0, cx)?, "tee")?;
    let second = object_of(pair.get(1, cx)?, "tee")?;
    Ok((first, second))
}

#[cfg(test)]
mod tests;
