//! A response body an app streams (`new Response(readableStream)`): the
//! stream is read chunk by chunk on the app's thread and each chunk handed
//! to hyper through a small bounded channel, so the client receives every
//! chunk as soon as the app enqueues it (a server-sent-events app delivers
//! each event when it is written) and a slow client slows the reading of
//! the stream (backpressure) instead of filling memory.
//!
//! When the client goes away, hyper drops the receiving end: the next send
//! fails and the stream is cancelled, which stops an endless stream. A
//! stream that errors, or a chunk that is not a `Uint8Array`, ends the
//! response abruptly (hyper closes the connection, so the client sees a
//! truncated body rather than a complete-looking one) and is logged.

use std::rc::Rc;

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;
use smol::channel::{Receiver, Sender, TrySendError};

use crate::runtime::EventLoop;
use crate::runtime::errors::describe_value;
use crate::web::callback::callback;
use crate::web::fetch;

/// Chunks in flight between the app's stream and the connection. Small:
/// the point is to pass chunks on, not to buffer them.
const CHANNEL_CHUNKS: usize = 4;

/// Why a streamed body ended early; hyper then aborts the response.
#[derive(Debug)]
pub struct StreamError(pub String);

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StreamError {}

/// The receiving end: what the connection sends.
pub type Chunks = Receiver<Result<Bytes, StreamError>>;

#[derive(Clone, Trace, Finalize)]
struct Pump {
    reader: JsObject,
    #[unsafe_ignore_trace]
    tx: Sender<Result<Bytes, StreamError>>,
    #[unsafe_ignore_trace]
    app: Rc<str>,
}

/// Starts reading `stream` (locking it) and returns the chunks as they
/// come.
pub fn start(stream: &JsObject, app: Rc<str>, cx: &mut Context) -> JsResult<Chunks> {
    let reader = fetch::stream_reader(cx, stream)?;
    let (tx, rx) = smol::channel::bounded(CHANNEL_CHUNKS);
    read_next(&Pump { reader, tx, app }, cx)?;
    Ok(rx)
}

fn read_next(pump: &Pump, cx: &mut Context) -> JsResult<()> {
    let read = fetch::read_chunk(cx, &pump.reader)?;
    let on_result = callback(cx, pump.clone(), |result, pump, cx| {
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("internal: a read result is not an object")
        })?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            pump.tx.close();
            return Ok(());
        }
        let value = result.get(js_string!("value"), cx)?;
        let Some(bytes) = fetch::uint8_array_bytes(&value, cx)? else {
            let what = describe_value(&value, cx);
            return pump.fail(
                format!("a response body chunk is not a Uint8Array: {what}"),
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
        tracing::error!(app = &*pump.app, "the response body stream errored: {text}");
        pump.abort(format!("the response body stream errored: {text}"), cx)
    });
    read.then(Some(on_result), Some(on_error), cx)?;
    Ok(())
}

impl Pump {
    /// The connection is gone: cancel the stream so that its source stops.
    fn client_gone(&self, cx: &mut Context) -> JsResult<()> {
        let reason = JsNativeError::typ()
            .with_message("the client closed the connection")
            .into_opaque(cx);
        fetch::cancel_reader(cx, &self.reader, reason.into())
    }

    /// Ends the response abruptly and cancels the stream.
    fn fail(&self, message: String, cx: &mut Context) -> JsResult<()> {
        tracing::error!(app = &*self.app, "{message}");
        let reason: JsValue = JsNativeError::typ()
            .with_message(message.clone())
            .into_opaque(cx)
            .into();
        self.abort(message, cx)?;
        fetch::cancel_reader(cx, &self.reader, reason)
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
