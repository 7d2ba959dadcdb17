//! `WritableStream`, its writer and controller (Streams Standard §5,
//! <https://streams.spec.whatwg.org/#ws-model>), native, on the same
//! pattern as [`super::readable`]: each public object carries a `Gc`
//! record of its internal slots, and no borrow of a record is held across
//! a call into JavaScript.
//!
//! [`writer`] is §5.3 and §5.5.3, [`controller`] §5.4 and §5.5.4; this
//! file has the stream record, its interface and the stream-level
//! operations (§5.5.1, §5.5.2).

pub(crate) mod controller;
pub(crate) mod writer;

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use self::controller::{SinkAlgorithms, WritableController};
use self::writer::Writer;
use super::promise::{self, Deferred, promise_of};
use super::readable::type_error_value;
use super::strategy::{Strategy, callback_member};
use crate::web::webidl::{Interface, illegal_invocation, instance_prototype, type_error};

/// A writable stream's [[state]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum WritableState {
    Writable,
    Closed,
    Erroring,
    Errored,
}

/// A pending abort request (§5.2.2 [[pendingAbortRequest]]).
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
struct AbortRequest {
    promise: Deferred,
    reason: JsValue,
    #[unsafe_ignore_trace]
    was_already_erroring: bool,
}

/// The internal slots of a WritableStream (§5.2.2).
#[derive(Trace, Finalize)]
pub(crate) struct WritableRecord {
    object: GcRefCell<Option<JsObject>>,
    #[unsafe_ignore_trace]
    state: Cell<WritableState>,
    stored_error: GcRefCell<JsValue>,
    writer: GcRefCell<Option<Writer>>,
    controller: GcRefCell<Option<Gc<WritableController>>>,
    in_flight_write_request: GcRefCell<Option<Deferred>>,
    close_request: GcRefCell<Option<Deferred>>,
    in_flight_close_request: GcRefCell<Option<Deferred>>,
    pending_abort_request: GcRefCell<Option<AbortRequest>>,
    write_requests: GcRefCell<VecDeque<Deferred>>,
    #[unsafe_ignore_trace]
    backpressure: Cell<bool>,
}

pub(crate) type Writable = Gc<WritableRecord>;

impl WritableRecord {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a stream record is linked to its object when made")
    }
    pub(crate) fn state(&self) -> WritableState {
        self.state.get()
    }
    pub(crate) fn stored_error(&self) -> JsValue {
        self.stored_error.borrow().clone()
    }
    pub(crate) fn writer(&self) -> Option<Writer> {
        self.writer.borrow().clone()
    }
    pub(crate) fn controller(&self) -> Gc<WritableController> {
        self.controller
            .borrow()
            .clone()
            .expect("a stream gets its controller when it is set up")
    }
    /// IsWritableStreamLocked.
    pub(crate) fn is_locked(&self) -> bool {
        self.writer.borrow().is_some()
    }
    /// WritableStreamCloseQueuedOrInFlight.
    pub(crate) fn close_queued_or_in_flight(&self) -> bool {
        self.close_request.borrow().is_some() || self.in_flight_close_request.borrow().is_some()
    }
    /// WritableStreamHasOperationMarkedInFlight.
    fn has_operation_marked_in_flight(&self) -> bool {
        self.in_flight_write_request.borrow().is_some()
            || self.in_flight_close_request.borrow().is_some()
    }
}

#[derive(Trace, Finalize, JsData)]
pub(crate) struct WritableSlot(pub(crate) Writable);

/// The writable stream record of `value` if it is a WritableStream.
pub(crate) fn writable_of(value: &JsValue) -> Option<Writable> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<WritableSlot>()?;
    Some(slot.0.clone())
}

fn this_stream(this: &JsValue, member: &str) -> JsResult<Writable> {
    writable_of(this).ok_or_else(|| illegal_invocation("WritableStream", member))
}

// ---- Interface objects ------------------------------------------------------

/// The interfaces of one realm, built once on first use (context data).
pub(crate) struct Classes {
    stream: StandardConstructor,
    writer: StandardConstructor,
    controller: StandardConstructor,
}

pub(crate) fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = cx.get_data::<Rc<Classes>>() {
        return classes.clone();
    }
    let stream = build_stream(cx);
    let writer = writer::build(cx);
    let controller = controller::build(cx);
    let classes = Rc::new(Classes {
        stream,
        writer,
        controller,
    });
    cx.insert_data(classes.clone());
    classes
}

/// The globals of this module.
pub(crate) const GLOBALS: &[&str] = &[
    "WritableStream",
    "WritableStreamDefaultWriter",
    "WritableStreamDefaultController",
];

pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    let class = match name {
        "WritableStream" => &classes.stream,
        "WritableStreamDefaultWriter" => &classes.writer,
        "WritableStreamDefaultController" => &classes.controller,
        _ => return None,
    };
    Some(class.constructor())
}

fn build_stream(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "WritableStream", 0, construct_stream, None);
    interface
        .attribute(
            "locked",
            |this, _, _| Ok(this_stream(this, "locked")?.is_locked().into()),
            None,
        )
        .operation("abort", 0, |this, args, cx| {
            let outcome = (|| {
                let stream = this_stream(this, "abort")?;
                if stream.is_locked() {
                    return Err(type_error("Cannot abort a locked WritableStream"));
                }
                abort(&stream, args.get_or_undefined(0).clone(), cx)
            })();
            promise_of(outcome, cx)
        })
        .operation("close", 0, |this, _, cx| {
            let outcome = (|| {
                let stream = this_stream(this, "close")?;
                if stream.is_locked() {
                    return Err(type_error("Cannot close a locked WritableStream"));
                }
                if stream.close_queued_or_in_flight() {
                    return Err(type_error("The WritableStream is already closing"));
                }
                close(&stream, cx)
            })();
            promise_of(outcome, cx)
        })
        .operation("getWriter", 0, |this, _, cx| {
            let stream = this_stream(this, "getWriter")?;
            Ok(writer::acquire_writer(&stream, cx)?.object().into())
        });
    interface.build()
}

/// `new WritableStream(underlyingSink, strategy)` (§5.2.4).
fn construct_stream(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let default = classes(cx).stream.prototype();
    let prototype = instance_prototype(new_target, "WritableStream", &default, cx)?;
    let sink = args.get_or_undefined(0);
    let strategy = Strategy::from_value(args.get_or_undefined(1), "WritableStream", cx)?;
    if !sink.is_undefined() && !sink.is_object() {
        return Err(type_error(
            "WritableStream: the underlying sink must be an object",
        ));
    }
    // The UnderlyingSink dictionary, members in lexicographic order.
    let what = "WritableStream: underlying sink";
    let (abort, close, start, write) = match sink.as_object() {
        Some(object) => {
            let abort = callback_member(&object, "abort", what, cx)?;
            let close = callback_member(&object, "close", what, cx)?;
            let start = callback_member(&object, "start", what, cx)?;
            let kind = object.get(js_string!("type"), cx)?;
            let write = callback_member(&object, "write", what, cx)?;
            if !kind.is_undefined() {
                return Err(boa_engine::JsNativeError::range()
                    .with_message("WritableStream: invalid type is specified")
                    .into());
            }
            (abort, close, start, write)
        }
        None => (None, None, None, None),
    };
    let hwm = strategy.high_water_mark(1.0)?;
    let stream = new_stream_with_prototype(prototype);
    let start = match start {
        Some(start) => controller::Start::Sink {
            sink: sink.clone(),
            start,
        },
        None => controller::Start::None,
    };
    let algorithms = SinkAlgorithms::Sink {
        sink: sink.clone(),
        write,
        close,
        abort,
    };
    controller::set_up(&stream, start, algorithms, hwm, strategy.size, cx)?;
    Ok(stream.object().into())
}

fn new_stream_with_prototype(prototype: JsObject) -> Writable {
    let stream = Gc::new(WritableRecord {
        object: GcRefCell::new(None),
        state: Cell::new(WritableState::Writable),
        stored_error: GcRefCell::new(JsValue::undefined()),
        writer: GcRefCell::new(None),
        controller: GcRefCell::new(None),
        in_flight_write_request: GcRefCell::new(None),
        close_request: GcRefCell::new(None),
        in_flight_close_request: GcRefCell::new(None),
        pending_abort_request: GcRefCell::new(None),
        write_requests: GcRefCell::new(VecDeque::new()),
        backpressure: Cell::new(false),
    });
    let object = JsObject::from_proto_and_data(prototype, WritableSlot(stream.clone()));
    *stream.object.borrow_mut() = Some(object);
    stream
}

/// §5.5.1 CreateWritableStream.
pub(crate) fn create_writable_stream(
    start: controller::Start,
    algorithms: SinkAlgorithms,
    hwm: f64,
    size: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<Writable> {
    let prototype = classes(cx).stream.prototype();
    let stream = new_stream_with_prototype(prototype);
    controller::set_up(&stream, start, algorithms, hwm, size, cx)?;
    Ok(stream)
}

// ---- Stream operations (§5.5.2) -----------------------------------------------

/// §5.5.2 WritableStreamAbort.
pub(crate) fn abort(stream: &Writable, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    if matches!(
        stream.state(),
        WritableState::Closed | WritableState::Errored
    ) {
        return promise::resolved(JsValue::undefined(), cx);
    }
    // Signal abort on the controller's [[abortController]]: its listeners
    // run here and may change the state.
    controller::signal_abort(&stream.controller(), reason.clone(), cx)?;
    let state = stream.state();
    if matches!(state, WritableState::Closed | WritableState::Errored) {
        return promise::resolved(JsValue::undefined(), cx);
    }
    if let Some(request) = stream.pending_abort_request.borrow().as_ref() {
        return Ok(request.promise.promise.clone());
    }
    let was_already_erroring = state == WritableState::Erroring;
    let reason = if was_already_erroring {
        JsValue::undefined()
    } else {
        reason
    };
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    *stream.pending_abort_request.borrow_mut() = Some(AbortRequest {
        promise: deferred,
        reason: reason.clone(),
        was_already_erroring,
    });
    if !was_already_erroring {
        start_erroring(stream, reason, cx)?;
    }
    Ok(promise)
}

/// §5.5.2 WritableStreamClose.
pub(crate) fn close(stream: &Writable, cx: &mut Context) -> JsResult<JsPromise> {
    let state = stream.state();
    if matches!(state, WritableState::Closed | WritableState::Errored) {
        let e = type_error_value("The WritableStream is closed or errored", cx);
        return promise::rejected(e, cx);
    }
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    *stream.close_request.borrow_mut() = Some(deferred);
    if let Some(writer) = stream.writer()
        && stream.backpressure.get()
        && state == WritableState::Writable
    {
        writer.ready().resolve(JsValue::undefined(), cx)?;
    }
    controller::close(&stream.controller(), cx)?;
    Ok(promise)
}

/// WritableStreamDealWithRejection.
fn deal_with_rejection(stream: &Writable, error: JsValue, cx: &mut Context) -> JsResult<()> {
    if stream.state() == WritableState::Writable {
        return start_erroring(stream, error, cx);
    }
    finish_erroring(stream, cx)
}

/// WritableStreamStartErroring.
pub(crate) fn start_erroring(stream: &Writable, reason: JsValue, cx: &mut Context) -> JsResult<()> {
    let controller = stream.controller();
    stream.state.set(WritableState::Erroring);
    *stream.stored_error.borrow_mut() = reason.clone();
    if let Some(writer) = stream.writer() {
        writer::ensure_ready_promise_rejected(&writer, reason, cx)?;
    }
    if !stream.has_operation_marked_in_flight() && controller.is_started() {
        finish_erroring(stream, cx)?;
    }
    Ok(())
}

/// WritableStreamFinishErroring.
fn finish_erroring(stream: &Writable, cx: &mut Context) -> JsResult<()> {
    stream.state.set(WritableState::Errored);
    controller::error_steps(&stream.controller());
    let stored_error = stream.stored_error();
    let requests = std::mem::take(&mut *stream.write_requests.borrow_mut());
    for request in requests {
        request.reject(stored_error.clone(), cx)?;
    }
    let abort_request = stream.pending_abort_request.borrow_mut().take();
    let Some(abort_request) = abort_request else {
        return reject_close_and_closed_promise_if_needed(stream, cx);
    };
    if abort_request.was_already_erroring {
        abort_request.promise.reject(stored_error, cx)?;
        return reject_close_and_closed_promise_if_needed(stream, cx);
    }
    let aborted = controller::abort_steps(&stream.controller(), abort_request.reason.clone(), cx)?;
    #[derive(Trace, Finalize, Clone)]
    struct Captured {
        stream: Writable,
        request: AbortRequest,
    }
    promise::upon(
        &aborted,
        Captured {
            stream: stream.clone(),
            request: abort_request,
        },
        Some(|c, _, cx| {
            c.request.promise.resolve(JsValue::undefined(), cx)?;
            reject_close_and_closed_promise_if_needed(&c.stream, cx)?;
            Ok(JsValue::undefined())
        }),
        Some(|c, reason, cx| {
            c.request.promise.reject(reason, cx)?;
            reject_close_and_closed_promise_if_needed(&c.stream, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

/// WritableStreamFinishInFlightWrite.
fn finish_in_flight_write(stream: &Writable, cx: &mut Context) -> JsResult<()> {
    let request = stream.in_flight_write_request.borrow_mut().take();
    if let Some(request) = request {
        request.resolve(JsValue::undefined(), cx)?;
    }
    Ok(())
}

/// WritableStreamFinishInFlightWriteWithError.
fn finish_in_flight_write_with_error(
    stream: &Writable,
    error: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let request = stream.in_flight_write_request.borrow_mut().take();
    if let Some(request) = request {
        request.reject(error.clone(), cx)?;
    }
    deal_with_rejection(stream, error, cx)
}

/// WritableStreamFinishInFlightClose.
fn finish_in_flight_close(stream: &Writable, cx: &mut Context) -> JsResult<()> {
    let request = stream.in_flight_close_request.borrow_mut().take();
    if let Some(request) = request {
        request.resolve(JsValue::undefined(), cx)?;
    }
    if stream.state() == WritableState::Erroring {
        *stream.stored_error.borrow_mut() = JsValue::undefined();
        let abort_request = stream.pending_abort_request.borrow_mut().take();
        if let Some(abort_request) = abort_request {
            abort_request.promise.resolve(JsValue::undefined(), cx)?;
        }
    }
    stream.state.set(WritableState::Closed);
    if let Some(writer) = stream.writer() {
        writer.closed().resolve(JsValue::undefined(), cx)?;
    }
    Ok(())
}

/// WritableStreamFinishInFlightCloseWithError.
fn finish_in_flight_close_with_error(
    stream: &Writable,
    error: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let request = stream.in_flight_close_request.borrow_mut().take();
    if let Some(request) = request {
        request.reject(error.clone(), cx)?;
    }
    let abort_request = stream.pending_abort_request.borrow_mut().take();
    if let Some(abort_request) = abort_request {
        abort_request.promise.reject(error.clone(), cx)?;
    }
    deal_with_rejection(stream, error, cx)
}

/// WritableStreamRejectCloseAndClosedPromiseIfNeeded.
fn reject_close_and_closed_promise_if_needed(stream: &Writable, cx: &mut Context) -> JsResult<()> {
    let stored_error = stream.stored_error();
    let close_request = stream.close_request.borrow_mut().take();
    if let Some(close_request) = close_request {
        close_request.reject(stored_error.clone(), cx)?;
    }
    if let Some(writer) = stream.writer() {
        let closed = writer.closed();
        closed.reject(stored_error, cx)?;
        promise::set_handled(&closed.promise, cx)?;
    }
    Ok(())
}

/// WritableStreamUpdateBackpressure.
pub(crate) fn update_backpressure(
    stream: &Writable,
    backpressure: bool,
    cx: &mut Context,
) -> JsResult<()> {
    if let Some(writer) = stream.writer()
        && backpressure != stream.backpressure.get()
    {
        if backpressure {
            writer::set_ready(&writer, Deferred::new(cx));
        } else {
            writer.ready().resolve(JsValue::undefined(), cx)?;
        }
    }
    stream.backpressure.set(backpressure);
    Ok(())
}

/// Whether `promise` is still pending.
pub(crate) fn is_pending(promise: &JsPromise) -> bool {
    matches!(promise.state(), PromiseState::Pending)
}
