//! A ReadableStream body sent over HTTP: the stream is read chunk by chunk
//! on the context's thread and each chunk handed to the connection through
//! a small bounded channel. Used by `nano-boa serve` for a response an app
//! streams (`new Response(readableStream)`: a server-sent-events app
//! delivers each event when it is written) and by `fetch()` for a streamed
//! request body (sent chunked). A slow peer slows the reading of the stream
//! (backpressure) instead of filling memory.
//!
//! When the connection goes away, its end of the channel is dropped: the
//! next send fails and the stream is cancelled, which stops an endless
//! stream. A stream that errors, or a chunk that is not a `Uint8Array`,
//! ends the body with an error (hyper then closes the connection, so the
//! peer sees a truncated body rather than a complete-looking one) and is
//! reported.

use std::rc::Rc;

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;
use smol::channel::{Sender, TrySendError};

use crate::runtime::EventLoop;
use crate::runtime::errors::describe_value;
use crate::web::callback::callback;
use crate::web::streams;

/// Chunks in flight between the app's stream and the connection. Small:
/// the point is to pass chunks on, not to buffer them.
const CHANNEL_CHUNKS: usize = 4;

pub use crate::net::StreamError;

/// The receiving end: what the connection sends.
pub type StreamChunks = crate::net::BodyChunks;

/// Told why a pumped stream failed (the server logs it with the app's
/// name).
pub type ReportFailure = Rc<dyn Fn(&str)>;

#[derive(Clone, Trace, Finalize)]
struct Pump {
    reader: JsObject,
    #[unsafe_ignore_trace]
    tx: Sender<Result<Bytes, StreamError>>,
    #[unsafe_ignore_trace]
    report: ReportFailure,
}

/// Starts reading `stream` (locking it) and returns the chunks as they
/// come.
pub fn pump_stream(
    stream: &JsObject,
    report: ReportFailure,
    cx: &mut Context,
) -> JsResult<StreamChunks> {
    let reader = streams::get_reader(stream, cx)?;
    let (tx, rx) = smol::channel::bounded(CHANNEL_CHUNKS);
    read_next(&Pump { reader, tx, report }, cx)?;
    Ok(rx)
}

fn read_next(pump: &Pump, cx: &mut Context) -> JsResult<()> {
    let read = streams::read(&pump.reader, cx)?;
    let on_result = callback(cx, pump.clone(), |result, pump, cx| {
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("internal: a read result is not an object")
        })?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            pump.tx.close();
            return Ok(());
        }
        let value = result.get(js_string!("value"), cx)?;
        let Some(bytes) = super::uint8_array_bytes(&value, cx)? else {
            let what = describe_value(&value, cx);
            return pump.fail(
                format!("a body stream chunk is not a Uint8Array: {what}"),
                cx,
            );
        };
        match pump.tx.try_send(Ok(Bytes::from(bytes))) {
            Ok(()) => read_next(pump, cx),
            Err(TrySendError::Full(chunk)) => {
                // The client is slower than the app: wait for room.
                let tx = pump.tx.clone();
                let event_loop = EventLoop::of(cx)
                    .ok_or_else(|| JsNativeError::typ().with_message("internal: no event loop"))?;
                let pump = pump.clone();
                event_loop.spawn_native(
                    async move { tx.send(chunk).await.is_ok() },
                    move |sent, cx| {
                        if sent {
                            read_next(&pump, cx)
                        } else {
                            pump.client_gone(cx)
                        }
                    },
                );
                Ok(())
            }
            Err(TrySendError::Closed(_)) => pump.client_gone(cx),
        }
    });
    let on_error = callback(cx, pump.clone(), |reason, pump, cx| {
        let text = describe_value(&reason, cx);
        let message = format!("the body stream errored: {text}");
        (pump.report)(&message);
        pump.abort(message, cx)
    });
    read.then(Some(on_result), Some(on_error), cx)?;
    Ok(())
}

impl Pump {
    /// The peer is gone: cancel the stream so that its source stops.
    fn client_gone(&self, cx: &mut Context) -> JsResult<()> {
        let reason = JsNativeError::typ()
            .with_message("the peer closed the connection")
            .into_opaque(cx);
        super::cancel_reader(cx, &self.reader, reason.into())
    }

    /// Ends the response abruptly and cancels the stream.
    fn fail(&self, message: String, cx: &mut Context) -> JsResult<()> {
        (self.report)(&message);
        let reason: JsValue = JsNativeError::typ()
            .with_message(message.clone())
            .into_opaque(cx)
            .into();
        self.abort(message, cx)?;
        super::cancel_reader(cx, &self.reader, reason)
    }

    /// Hands hyper the error that aborts the response, then closes the
    /// channel. The error must get through: a channel closed without it
    /// would end the body as if it were complete.
    fn abort(&self, message: String, cx: &mut Context) -> JsResult<()> {
        match self.tx.try_send(Err(StreamError(message))) {
            Ok(()) | Err(TrySendError::Closed(_)) => self.tx.close(),
            Err(TrySendError::Full(error)) => {
                let tx = self.tx.clone();
                let event_loop = EventLoop::of(cx)
                    .ok_or_else(|| JsNativeError::typ().with_message("internal: no event loop"))?;
                event_loop.spawn_native(
                    async move {
                        let _ = tx.send(error).await;
                        tx.close();
                    },
                    |(), _| Ok(()),
                );
                return Ok(());
            }
        };
        Ok(())
    }
}
