//! WritableStreamDefaultController (Streams §5.4, §5.5.4,
//! <https://streams.spec.whatwg.org/#ws-default-controller-class>).

use std::cell::Cell;
use std::collections::VecDeque;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::{Writable, WritableState, classes};
use crate::web::abort;
use crate::web::streams::promise;
use crate::web::streams::strategy::{check_size, chunk_size};
use crate::web::streams::transform::{self, Transform};
use crate::web::webidl::{Interface, illegal_invocation};

/// A queue entry: a chunk, or the close sentinel (§5.5.4).
#[derive(Trace, Finalize)]
struct QueueEntry {
    /// `None` is the close sentinel.
    value: Option<JsValue>,
    #[unsafe_ignore_trace]
    size: f64,
}

/// The underlying sink's algorithms.
#[derive(Trace, Finalize, Clone)]
pub(crate) enum SinkAlgorithms {
    Cleared,
    /// An underlying sink dictionary's callbacks, called on the sink.
    Sink {
        sink: JsValue,
        write: Option<JsObject>,
        close: Option<JsObject>,
        abort: Option<JsObject>,
    },
    /// The writable side of a TransformStream (§6.4.3).
    Transform(Gc<Transform>),
}

impl SinkAlgorithms {
    fn write(
        &self,
        chunk: JsValue,
        controller: &JsObject,
        cx: &mut Context,
    ) -> JsResult<JsPromise> {
        match self {
            Self::Sink {
                sink,
                write: Some(write),
                ..
            } => promise::promise_call(write, sink, &[chunk, controller.clone().into()], cx),
            Self::Transform(t) => transform::sink_write(t, chunk, cx),
            _ => promise::resolved(JsValue::undefined(), cx),
        }
    }
    fn close(&self, cx: &mut Context) -> JsResult<JsPromise> {
        match self {
            Self::Sink {
                sink,
                close: Some(close),
                ..
            } => promise::promise_call(close, sink, &[], cx),
            Self::Transform(t) => transform::sink_close(t, cx),
            _ => promise::resolved(JsValue::undefined(), cx),
        }
    }
    fn abort(&self, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
        match self {
            Self::Sink {
                sink,
                abort: Some(abort),
                ..
            } => promise::promise_call(abort, sink, &[reason], cx),
            Self::Transform(t) => transform::sink_abort(t, reason, cx),
            _ => promise::resolved(JsValue::undefined(), cx),
        }
    }
}

/// The start algorithm.
pub(crate) enum Start {
    None,
    Sink {
        sink: JsValue,
        start: JsObject,
    },
    /// A TransformStream's writable side: its start promise.
    Promise(JsPromise),
}

/// The internal slots of a WritableStreamDefaultController (§5.4.2).
#[derive(Trace, Finalize)]
pub(crate) struct WritableController {
    object: GcRefCell<Option<JsObject>>,
    stream: Writable,
    /// The AbortSignal of [[abortController]] (the controller itself is
    /// never exposed; aborting it is signalling abort on its signal).
    signal: JsObject,
    queue: GcRefCell<VecDeque<QueueEntry>>,
    #[unsafe_ignore_trace]
    queue_total_size: Cell<f64>,
    #[unsafe_ignore_trace]
    started: Cell<bool>,
    #[unsafe_ignore_trace]
    strategy_hwm: Cell<f64>,
    size: GcRefCell<Option<JsObject>>,
    algorithms: GcRefCell<SinkAlgorithms>,
}

impl WritableController {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a controller record is linked to its object when made")
    }
    pub(crate) fn is_started(&self) -> bool {
        self.started.get()
    }
}

#[derive(Trace, Finalize, JsData)]
struct WritableControllerSlot(Gc<WritableController>);

fn this_controller(this: &JsValue, member: &str) -> JsResult<Gc<WritableController>> {
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<WritableControllerSlot>()
                .map(|s| s.0.clone())
        })
        .ok_or_else(|| illegal_invocation("WritableStreamDefaultController", member))
}

pub(super) fn build(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "WritableStreamDefaultController",
        0,
        crate::web::streams::readable::illegal_constructor,
        None,
    );
    interface
        .attribute(
            "signal",
            |this, _, _| Ok(this_controller(this, "signal")?.signal.clone().into()),
            None,
        )
        .operation("error", 0, |this, args, cx| {
            let c = this_controller(this, "error")?;
            if c.stream.state() != WritableState::Writable {
                return Ok(JsValue::undefined());
            }
            error(&c, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

/// §5.5.4 SetUpWritableStreamDefaultController, with a new controller.
pub(crate) fn set_up(
    stream: &Writable,
    start: Start,
    algorithms: SinkAlgorithms,
    hwm: f64,
    size: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<()> {
    let signal = abort::new_signal(cx)?;
    let c = Gc::new(WritableController {
        object: GcRefCell::new(None),
        stream: stream.clone(),
        signal,
        queue: GcRefCell::new(VecDeque::new()),
        queue_total_size: Cell::new(0.0),
        started: Cell::new(false),
        strategy_hwm: Cell::new(hwm),
        size: GcRefCell::new(size),
        algorithms: GcRefCell::new(algorithms),
    });
    let prototype = classes(cx).controller.prototype();
    let object = JsObject::from_proto_and_data(prototype, WritableControllerSlot(c.clone()));
    *c.object.borrow_mut() = Some(object.clone());
    *stream.controller.borrow_mut() = Some(c.clone());
    super::update_backpressure(stream, get_backpressure(&c), cx)?;
    let start_result = match start {
        Start::None => JsValue::undefined(),
        Start::Sink { sink, start } => start.call(&sink, &[object.into()], cx)?,
        Start::Promise(promise) => promise.into(),
    };
    let started = promise::resolved(start_result, cx)?;
    promise::upon(
        &started,
        c,
        Some(|c, _, cx| {
            c.started.set(true);
            advance_queue_if_needed(c, cx)?;
            Ok(JsValue::undefined())
        }),
        Some(|c, r, cx| {
            c.started.set(true);
            super::deal_with_rejection(&c.stream, r, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

/// Signals abort on [[abortController]] (WritableStreamAbort step 2).
pub(super) fn signal_abort(
    c: &WritableController,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    abort::signal_abort(cx, &c.signal, reason)
}

/// [[AbortSteps]].
pub(super) fn abort_steps(
    c: &Gc<WritableController>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let algorithms = c.algorithms.borrow().clone();
    let result = algorithms.abort(reason, cx);
    clear_algorithms(c);
    result
}

/// [[ErrorSteps]].
pub(super) fn error_steps(c: &WritableController) {
    c.queue.borrow_mut().clear();
    c.queue_total_size.set(0.0);
}

fn advance_queue_if_needed(c: &Gc<WritableController>, cx: &mut Context) -> JsResult<()> {
    let stream = c.stream.clone();
    if !c.started.get() || stream.in_flight_write_request.borrow().is_some() {
        return Ok(());
    }
    let state = stream.state();
    if state == WritableState::Erroring {
        return super::finish_erroring(&stream, cx);
    }
    if state != WritableState::Writable {
        return Ok(());
    }
    let head = c.queue.borrow().front().map(|entry| entry.value.clone());
    match head {
        None => Ok(()),
        Some(None) => process_close(c, cx),
        Some(Some(chunk)) => process_write(c, chunk, cx),
    }
}

fn clear_algorithms(c: &WritableController) {
    *c.algorithms.borrow_mut() = SinkAlgorithms::Cleared;
    *c.size.borrow_mut() = None;
}

/// WritableStreamDefaultControllerClose.
pub(crate) fn close(c: &Gc<WritableController>, cx: &mut Context) -> JsResult<()> {
    c.queue.borrow_mut().push_back(QueueEntry {
        value: None,
        size: 0.0,
    });
    advance_queue_if_needed(c, cx)
}

/// WritableStreamDefaultControllerErrorIfNeeded.
pub(crate) fn error_if_needed(
    c: &Gc<WritableController>,
    e: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    if c.stream.state() == WritableState::Writable {
        error(c, e, cx)?;
    }
    Ok(())
}

/// WritableStreamDefaultControllerError.
fn error(c: &Gc<WritableController>, e: JsValue, cx: &mut Context) -> JsResult<()> {
    clear_algorithms(c);
    super::start_erroring(&c.stream, e, cx)
}

/// WritableStreamDefaultControllerGetChunkSize.
pub(crate) fn get_chunk_size(
    c: &Gc<WritableController>,
    chunk: &JsValue,
    cx: &mut Context,
) -> JsResult<f64> {
    let size = c.size.borrow().clone();
    let Some(size) = size else {
        // Cleared algorithms: the stream is erroring or closing.
        return Ok(1.0);
    };
    match chunk_size(Some(&size), chunk, cx) {
        Ok(size) => Ok(size),
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            error_if_needed(c, e, cx)?;
            Ok(1.0)
        }
    }
}

/// WritableStreamDefaultControllerGetDesiredSize.
pub(crate) fn desired_size(c: &WritableController) -> f64 {
    c.strategy_hwm.get() - c.queue_total_size.get()
}

fn get_backpressure(c: &WritableController) -> bool {
    desired_size(c) <= 0.0
}

fn dequeue(c: &WritableController) {
    let entry = c.queue.borrow_mut().pop_front();
    if let Some(entry) = entry {
        let total = c.queue_total_size.get() - entry.size;
        c.queue_total_size
            .set(if total < 0.0 { 0.0 } else { total });
    }
}

fn process_close(c: &Gc<WritableController>, cx: &mut Context) -> JsResult<()> {
    let stream = c.stream.clone();
    let request = stream.close_request.borrow_mut().take();
    *stream.in_flight_close_request.borrow_mut() = request;
    dequeue(c);
    let algorithms = c.algorithms.borrow().clone();
    let closed = algorithms.close(cx)?;
    clear_algorithms(c);
    promise::upon(
        &closed,
        stream,
        Some(|stream, _, cx| {
            super::finish_in_flight_close(stream, cx)?;
            Ok(JsValue::undefined())
        }),
        Some(|stream, r, cx| {
            super::finish_in_flight_close_with_error(stream, r, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

fn process_write(c: &Gc<WritableController>, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
    let stream = c.stream.clone();
    let request = stream.write_requests.borrow_mut().pop_front();
    *stream.in_flight_write_request.borrow_mut() = request;
    let algorithms = c.algorithms.borrow().clone();
    let written = algorithms.write(chunk, &c.object(), cx)?;
    promise::upon(
        &written,
        c.clone(),
        Some(|c, _, cx| {
            let stream = c.stream.clone();
            super::finish_in_flight_write(&stream, cx)?;
            let state = stream.state();
            dequeue(c);
            if !stream.close_queued_or_in_flight() && state == WritableState::Writable {
                super::update_backpressure(&stream, get_backpressure(c), cx)?;
            }
            advance_queue_if_needed(c, cx)?;
            Ok(JsValue::undefined())
        }),
        Some(|c, reason, cx| {
            if c.stream.state() == WritableState::Writable {
                clear_algorithms(c);
            }
            super::finish_in_flight_write_with_error(&c.stream, reason, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

/// WritableStreamDefaultControllerWrite.
pub(crate) fn write(
    c: &Gc<WritableController>,
    chunk: JsValue,
    size: f64,
    cx: &mut Context,
) -> JsResult<()> {
    let size = match check_size(size) {
        Ok(size) => size,
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            return error_if_needed(c, e, cx);
        }
    };
    c.queue.borrow_mut().push_back(QueueEntry {
        value: Some(chunk),
        size,
    });
    c.queue_total_size.set(c.queue_total_size.get() + size);
    let stream = c.stream.clone();
    if !stream.close_queued_or_in_flight() && stream.state() == WritableState::Writable {
        super::update_backpressure(&stream, get_backpressure(c), cx)?;
    }
    advance_queue_if_needed(c, cx)
}
