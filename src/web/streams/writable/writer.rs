//! WritableStreamDefaultWriter (Streams §5.3, §5.5.3,
//! <https://streams.spec.whatwg.org/#default-writer-class>).

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::{Writable, WritableState, classes, controller, is_pending, writable_of};
use crate::web::streams::promise::{self, Deferred, promise_of};
use crate::web::streams::readable::type_error_value;
use crate::web::webidl::{
    Interface, illegal_invocation, instance_prototype, require_args, type_error,
};

/// The internal slots of a WritableStreamDefaultWriter (§5.3.2).
#[derive(Trace, Finalize)]
pub(crate) struct WriterRecord {
    object: GcRefCell<Option<JsObject>>,
    stream: GcRefCell<Option<Writable>>,
    ready: GcRefCell<Option<Deferred>>,
    closed: GcRefCell<Option<Deferred>>,
}

pub(crate) type Writer = Gc<WriterRecord>;

impl WriterRecord {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a writer record is linked to its object when made")
    }
    pub(crate) fn stream(&self) -> Option<Writable> {
        self.stream.borrow().clone()
    }
    /// [[readyPromise]].
    pub(crate) fn ready(&self) -> Deferred {
        self.ready
            .borrow()
            .clone()
            .expect("set when the writer is set up")
    }
    /// [[closedPromise]].
    pub(crate) fn closed(&self) -> Deferred {
        self.closed
            .borrow()
            .clone()
            .expect("set when the writer is set up")
    }
}

#[derive(Trace, Finalize, JsData)]
pub(crate) struct WriterSlot(pub(crate) Writer);

pub(crate) fn writer_of(value: &JsValue) -> Option<Writer> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<WriterSlot>()?;
    Some(slot.0.clone())
}

fn this_writer(this: &JsValue, member: &str) -> JsResult<Writer> {
    writer_of(this).ok_or_else(|| illegal_invocation("WritableStreamDefaultWriter", member))
}

pub(super) fn set_ready(writer: &Writer, ready: Deferred) {
    *writer.ready.borrow_mut() = Some(ready);
}

fn released(cx: &mut Context) -> JsValue {
    type_error_value("The writer's lock was released", cx)
}

pub(super) fn build(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "WritableStreamDefaultWriter", 1, construct, None);
    interface
        .attribute(
            "closed",
            |this, _, cx| {
                let outcome = this_writer(this, "closed").map(|w| w.closed().promise.clone());
                promise_of(outcome, cx)
            },
            None,
        )
        .attribute(
            "desiredSize",
            |this, _, _| {
                let writer = this_writer(this, "desiredSize")?;
                let Some(stream) = writer.stream() else {
                    return Err(type_error("The writer's lock was released"));
                };
                Ok(desired_size(&stream).map_or(JsValue::null(), JsValue::from))
            },
            None,
        )
        .attribute(
            "ready",
            |this, _, cx| {
                let outcome = this_writer(this, "ready").map(|w| w.ready().promise.clone());
                promise_of(outcome, cx)
            },
            None,
        )
        .operation("abort", 0, |this, args, cx| {
            let outcome = (|| {
                let writer = this_writer(this, "abort")?;
                let Some(stream) = writer.stream() else {
                    let e = released(cx);
                    return promise::rejected(e, cx);
                };
                super::abort(&stream, args.get_or_undefined(0).clone(), cx)
            })();
            promise_of(outcome, cx)
        })
        .operation("close", 0, |this, _, cx| {
            let outcome = (|| {
                let writer = this_writer(this, "close")?;
                let Some(stream) = writer.stream() else {
                    let e = released(cx);
                    return promise::rejected(e, cx);
                };
                if stream.close_queued_or_in_flight() {
                    let e = type_error_value("The WritableStream is already closing", cx);
                    return promise::rejected(e, cx);
                }
                super::close(&stream, cx)
            })();
            promise_of(outcome, cx)
        })
        .operation("releaseLock", 0, |this, _, cx| {
            let writer = this_writer(this, "releaseLock")?;
            if writer.stream().is_some() {
                release(&writer, cx)?;
            }
            Ok(JsValue::undefined())
        })
        .operation("write", 0, |this, args, cx| {
            let outcome = (|| {
                let writer = this_writer(this, "write")?;
                if writer.stream().is_none() {
                    let e = released(cx);
                    return promise::rejected(e, cx);
                }
                write(&writer, args.get_or_undefined(0).clone(), cx)
            })();
            promise_of(outcome, cx)
        });
    interface.build()
}

fn construct(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let default = classes(cx).writer.prototype();
    let prototype = instance_prototype(new_target, "WritableStreamDefaultWriter", &default, cx)?;
    require_args(args, 1, "WritableStreamDefaultWriter")?;
    let stream = writable_of(args.get_or_undefined(0)).ok_or_else(|| {
        type_error("WritableStreamDefaultWriter: the argument is not a WritableStream")
    })?;
    Ok(new_writer(&stream, prototype, cx)?.object().into())
}

/// AcquireWritableStreamDefaultWriter.
pub(crate) fn acquire_writer(stream: &Writable, cx: &mut Context) -> JsResult<Writer> {
    let prototype = classes(cx).writer.prototype();
    new_writer(stream, prototype, cx)
}

/// §5.5.3 SetUpWritableStreamDefaultWriter, for a new writer object.
fn new_writer(stream: &Writable, prototype: JsObject, cx: &mut Context) -> JsResult<Writer> {
    if stream.is_locked() {
        return Err(type_error("WritableStream is locked to a writer"));
    }
    let writer = Gc::new(WriterRecord {
        object: GcRefCell::new(None),
        stream: GcRefCell::new(Some(stream.clone())),
        ready: GcRefCell::new(None),
        closed: GcRefCell::new(None),
    });
    let object = JsObject::from_proto_and_data(prototype, WriterSlot(writer.clone()));
    *writer.object.borrow_mut() = Some(object);
    *stream.writer.borrow_mut() = Some(writer.clone());
    let undefined = JsValue::undefined();
    let (ready, closed) = match stream.state() {
        WritableState::Writable => {
            let ready = if !stream.close_queued_or_in_flight() && stream.backpressure.get() {
                Deferred::new(cx)
            } else {
                Deferred::resolved(undefined, cx)?
            };
            (ready, Deferred::new(cx))
        }
        WritableState::Erroring => (
            Deferred::rejected(stream.stored_error(), cx)?,
            Deferred::new(cx),
        ),
        WritableState::Closed => (
            Deferred::resolved(undefined.clone(), cx)?,
            Deferred::resolved(undefined, cx)?,
        ),
        WritableState::Errored => (
            Deferred::rejected(stream.stored_error(), cx)?,
            Deferred::rejected(stream.stored_error(), cx)?,
        ),
    };
    *writer.ready.borrow_mut() = Some(ready);
    *writer.closed.borrow_mut() = Some(closed);
    Ok(writer)
}

/// WritableStreamDefaultWriterEnsureClosedPromiseRejected.
fn ensure_closed_promise_rejected(
    writer: &Writer,
    error: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let closed = writer.closed();
    if is_pending(&closed.promise) {
        closed.reject(error, cx)?;
    } else {
        *writer.closed.borrow_mut() = Some(Deferred::rejected(error, cx)?);
    }
    promise::set_handled(&writer.closed().promise, cx)
}

/// WritableStreamDefaultWriterEnsureReadyPromiseRejected.
pub(crate) fn ensure_ready_promise_rejected(
    writer: &Writer,
    error: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let ready = writer.ready();
    if is_pending(&ready.promise) {
        ready.reject(error, cx)?;
    } else {
        *writer.ready.borrow_mut() = Some(Deferred::rejected(error, cx)?);
    }
    promise::set_handled(&writer.ready().promise, cx)
}

/// WritableStreamDefaultWriterGetDesiredSize (`None` for null).
fn desired_size(stream: &Writable) -> Option<f64> {
    match stream.state() {
        WritableState::Errored | WritableState::Erroring => None,
        WritableState::Closed => Some(0.0),
        WritableState::Writable => Some(controller::desired_size(&stream.controller())),
    }
}

/// WritableStreamDefaultWriterRelease.
pub(crate) fn release(writer: &Writer, cx: &mut Context) -> JsResult<()> {
    let Some(stream) = writer.stream() else {
        return Ok(());
    };
    let error = released(cx);
    ensure_ready_promise_rejected(writer, error.clone(), cx)?;
    ensure_closed_promise_rejected(writer, error, cx)?;
    *stream.writer.borrow_mut() = None;
    *writer.stream.borrow_mut() = None;
    Ok(())
}

/// §5.5.3 WritableStreamDefaultWriterWrite.
pub(crate) fn write(writer: &Writer, chunk: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    let Some(stream) = writer.stream() else {
        let e = released(cx);
        return promise::rejected(e, cx);
    };
    let controller = stream.controller();
    let chunk_size = controller::get_chunk_size(&controller, &chunk, cx)?;
    if !writer
        .stream()
        .is_some_and(|current| Gc::ptr_eq(&current, &stream))
    {
        let e = released(cx);
        return promise::rejected(e, cx);
    }
    let state = stream.state();
    if state == WritableState::Errored {
        return promise::rejected(stream.stored_error(), cx);
    }
    if stream.close_queued_or_in_flight() || state == WritableState::Closed {
        let e = type_error_value("The WritableStream is closing or closed", cx);
        return promise::rejected(e, cx);
    }
    if state == WritableState::Erroring {
        return promise::rejected(stream.stored_error(), cx);
    }
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    stream.write_requests.borrow_mut().push_back(deferred);
    controller::write(&controller, chunk, chunk_size, cx)?;
    Ok(promise)
}

/// WritableStreamDefaultWriterCloseWithErrorPropagation.
pub(crate) fn close_with_error_propagation(
    writer: &Writer,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let Some(stream) = writer.stream() else {
        let e = released(cx);
        return promise::rejected(e, cx);
    };
    let state = stream.state();
    if stream.close_queued_or_in_flight() || state == WritableState::Closed {
        return promise::resolved(JsValue::undefined(), cx);
    }
    if state == WritableState::Errored {
        return promise::rejected(stream.stored_error(), cx);
    }
    super::close(&stream, cx)
}
