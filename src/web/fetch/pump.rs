//! A ReadableStream body sent over HTTP: the stream is read chunk by chunk
//! on the context's thread and each chunk handed to the connection through
//! a small bounded channel. Used by `nano-boa serve` for a response an app
//! streams (`new Response(readableStream)`: a server-sent-events app
//! delivers each event when it is written) and by `fetch()` for a streamed
//! request body (sent chunked). A slow peer slows the reading of the stream
//! (backpressure) instead of filling memory.
//!
//! When the peer goes away, the connection drops the receiving end, and
//! the stream is cancelled at once, which stops an endless stream, even one
//! that is idle (a long poll, an event stream between events): waiting for
//! the next send to fail would leave an idle stream open for good. A stream
//! that errors, or a chunk that is not a `Uint8Array`, ends the body with
//! an error (hyper then closes the connection, so the peer sees a truncated
//! body rather than a complete-looking one) and is reported.

use std::cell::Cell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;
use smol::channel::{Receiver, Sender, TrySendError};

use crate::runtime::EventLoop;
use crate::runtime::errors::describe_value;
use crate::web::callback::callback;
use crate::web::streams;

/// Chunks in flight between the app's stream and the connection. Small:
/// the point is to pass chunks on, not to buffer them.
const CHANNEL_CHUNKS: usize = 4;

pub use crate::net::StreamError;

/// Told why a pumped stream failed (the server logs it with the app's
/// name).
pub type ReportFailure = Rc<dyn Fn(&str)>;

/// The receiving end: what the connection sends. Hyper drops it when the
/// response is over, sent in full or not; dropping it drops `_gone`, which
/// tells the pump (see [`start`]).
pub struct Chunks {
    rx: Pin<Box<Receiver<Result<Bytes, StreamError>>>>,
    _gone: Sender<()>,
    /// A message (or the [`StreamKill`] dropped) aborts the response.
    killed: Pin<Box<Receiver<()>>>,
    /// The kill handle, when these chunks own it ([`Chunks::owning`]).
    _kill: Option<StreamKill>,
}

impl Chunks {
    /// These chunks with their own kill handle, for a pump nobody aborts
    /// from outside: a fetch upload ends when the fetch drops its request,
    /// and the chunks with it.
    pub fn owning(mut self, kill: StreamKill) -> Chunks {
        self._kill = Some(kill);
        self
    }
}

impl futures_lite::Stream for Chunks {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<Self::Item>> {
        // Chunks already made go out first; an ended stream stays ended.
        if let Poll::Ready(next) = self.rx.as_mut().poll_next(cx) {
            return Poll::Ready(next);
        }
        if self.killed.as_mut().poll_next(cx).is_ready() {
            return Poll::Ready(Some(Err(StreamError(
                "the app's work on this response was stopped".into(),
            ))));
        }
        Poll::Pending
    }
}

/// Aborts a streamed response from outside its JavaScript: when a limit
/// stopped the work that feeds the stream, or the app's context is gone,
/// the stream can never go on, and the client must not wait for it.
pub struct StreamKill(Sender<()>);

impl StreamKill {
    pub fn kill(&self) {
        let _ = self.0.try_send(());
    }

    /// The response is over (hyper dropped its body).
    pub fn is_over(&self) -> bool {
        self.0.is_closed()
    }
}

#[derive(Clone, Trace, Finalize)]
struct Pump {
    reader: JsObject,
    #[unsafe_ignore_trace]
    tx: Sender<Result<Bytes, StreamError>>,
    #[unsafe_ignore_trace]
    report: ReportFailure,
    /// The stream ended, failed or was cancelled: nothing more to do.
    #[unsafe_ignore_trace]
    over: Rc<Cell<bool>>,
}

/// Starts reading `stream` (locking it) and returns the chunks as they
/// come, and the handle that aborts them.
/// A stream being pumped: the chunks for the connection, the handle that
/// aborts them, and the reader the pump holds (cancel it to stop early).
pub struct Pumped {
    pub chunks: Chunks,
    pub kill: StreamKill,
    pub reader: JsObject,
}

pub fn pump_stream(stream: &JsObject, report: ReportFailure, cx: &mut Context) -> JsResult<Pumped> {
    let reader = streams::get_reader(stream, cx)?;
    let (tx, rx) = smol::channel::bounded(CHANNEL_CHUNKS);
    let pump = Pump {
        reader: reader.clone(),
        tx,
        report,
        over: Rc::new(Cell::new(false)),
    };
    // Nothing is ever sent on `gone`: its receive fails once hyper drops
    // the `Chunks`. If the stream is not over by then, the client left.
    let (gone, gone_rx) = smol::channel::bounded::<()>(1);
    let event_loop = EventLoop::of(cx)
        .ok_or_else(|| JsNativeError::typ().with_message("internal: no event loop"))?;
    let watcher = pump.clone();
    event_loop.spawn_native(
        async move {
            let _ = gone_rx.recv().await;
        },
        move |(), cx| watcher.client_gone(cx),
    );
    read_next(&pump, cx)?;
    let (kill, killed) = smol::channel::bounded::<()>(1);
    Ok(Pumped {
        chunks: Chunks {
            rx: Box::pin(rx),
            _gone: gone,
            killed: Box::pin(killed),
            _kill: None,
        },
        kill: StreamKill(kill),
        reader,
    })
}

fn read_next(pump: &Pump, cx: &mut Context) -> JsResult<()> {
    let read = streams::read(&pump.reader, cx)?;
    let on_result = callback(cx, pump.clone(), |result, pump, cx| {
        let result = result.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("internal: a read result is not an object")
        })?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            pump.over.set(true);
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
        if self.over.replace(true) {
            return Ok(());
        }
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
        self.over.set(true);
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
