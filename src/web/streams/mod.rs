//! The WHATWG Streams Standard (ReadableStream, WritableStream,
//! TransformStream, queuing strategies), the Encoding Standard's
//! TextEncoderStream/TextDecoderStream and the Compression Standard's
//! CompressionStream/DecompressionStream, all native.
//!
//! One module per part of the standards: [`readable`] (§4), [`writable`]
//! (§5), [`pipe`] (pipeTo/pipeThrough), [`transform`] (§6), [`queuing`]
//! (§7), [`text`] and [`compression`] (the transforms of the other two
//! standards), with the shared vocabulary in [`promise`] (WebIDL promise
//! steps on `%Promise%`), [`strategy`] (QueuingStrategy conversions) and
//! [`buffers`] (ArrayBuffer transfer and views). Each family's interfaces
//! are built on first use of one of its globals (a few dozen function
//! objects, no script: see `lazy.rs`) and kept in context data, so the
//! natives and the Rust seam below still find them after a script
//! overwrites a global.
//!
//! The seam for the rest of the runtime (fetch bodies, the server) is the
//! `pub(crate)` functions at the end of this file.

pub(crate) mod buffers;
mod compression;
mod pipe;
mod promise;
mod queuing;
pub(crate) mod readable;
mod strategy;
mod text;
mod transform;
mod writable;

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};

/// The shape of a native function.
type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

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

fn internal(what: &str) -> boa_engine::JsError {
    JsNativeError::typ()
        .with_message(format!("internal: {what}"))
        .into()
}

/// A family's globals and the function giving one of its interface
/// objects (building the family on first use).
type Family = (
    &'static [&'static str],
    fn(&mut Context, &str) -> Option<JsObject>,
);

/// The interface object `name`, building its family on first use.
fn export(context: &mut Context, name: &str) -> JsResult<JsValue> {
    let families: [Family; 6] = [
        (readable::GLOBALS, readable::interface_object),
        (writable::GLOBALS, writable::interface_object),
        (transform::GLOBALS, transform::interface_object),
        (queuing::GLOBALS, queuing::interface_object),
        (text::GLOBALS, text::interface_object),
        (compression::GLOBALS, compression::interface_object),
    ];
    for (globals, interface_object) in families {
        if globals.contains(&name) {
            return interface_object(context, name)
                .map(JsValue::from)
                .ok_or_else(|| internal(&format!("{name} is not exported")));
        }
    }
    Err(internal(&format!("{name} is not a streams global")))
}

// ---- The Rust seam ----------------------------------------------------------

fn stream_arg(stream: &JsObject, what: &str) -> JsResult<readable::Stream> {
    readable::stream_of(&stream.clone().into())
        .ok_or_else(|| internal(&format!("{what}: not a ReadableStream")))
}

/// Whether `value` is a ReadableStream of this realm.
pub(crate) fn is_readable_stream(value: &JsValue, _: &mut Context) -> JsResult<bool> {
    Ok(readable::stream_of(value).is_some())
}

/// A new ReadableStream whose underlying source calls `pull(controller)`
/// when its queue wants a chunk (it may return a promise; the controller is
/// a ReadableStreamDefaultController, or a ReadableByteStreamController
/// when `bytes` is true, and Rust drives it by calling its JS methods
/// enqueue/close/error) and `cancel(reason)` on cancel. `high_water_mark`
/// 0 means pull only on demand.
pub(crate) fn new_readable_stream(
    cx: &mut Context,
    pull: JsFunction,
    cancel: Option<JsFunction>,
    bytes: bool,
    high_water_mark: f64,
) -> JsResult<JsObject> {
    let stream = readable::new_native_stream(
        pull.into(),
        cancel.map(Into::into),
        bytes,
        high_water_mark,
        cx,
    )?;
    Ok(stream.object())
}

/// `stream.getReader()` (a TypeError if locked).
pub(crate) fn get_reader(stream: &JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let stream = stream_arg(stream, "getReader")?;
    Ok(readable::reader::acquire_default_reader(&stream, cx)?.object())
}

/// `reader.read()`: a promise of `{ value, done }`.
pub(crate) fn read(reader: &JsObject, cx: &mut Context) -> JsResult<JsPromise> {
    let reader = readable::reader::reader_of(&reader.clone().into())
        .ok_or_else(|| internal("read: not a reader"))?;
    readable::reader::read_promise(&reader, cx)
}

/// `reader.releaseLock()`.
#[allow(dead_code)] // part of the seam; no caller yet
pub(crate) fn release_reader(reader: &JsObject, cx: &mut Context) -> JsResult<()> {
    let reader = readable::reader::reader_of(&reader.clone().into())
        .ok_or_else(|| internal("releaseReader: not a reader"))?;
    readable::reader::release(&reader, cx)
}

/// IsReadableStreamLocked.
pub(crate) fn is_locked(stream: &JsObject, _: &mut Context) -> JsResult<bool> {
    Ok(stream_arg(stream, "isLocked")?.is_locked())
}

/// The stream's [[disturbed]] slot: a read or a cancel happened.
pub(crate) fn is_disturbed(stream: &JsObject, _: &mut Context) -> JsResult<bool> {
    Ok(stream_arg(stream, "isDisturbed")?.is_disturbed())
}

/// ReadableStreamCancel(stream, reason), a promise.
pub(crate) fn cancel(stream: &JsObject, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    let stream = stream_arg(stream, "cancel")?;
    readable::cancel(&stream, reason, cx)
}

/// ReadableStreamTee(stream, cloneForBranch2 = false): the two branches.
pub(crate) fn tee(stream: &JsObject, cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    let stream = stream_arg(stream, "tee")?;
    let (first, second) = readable::tee::tee(&stream, cx)?;
    Ok((first.object(), second.object()))
}

#[cfg(test)]
mod tests;
