//! `TransformStream` and its controller (Streams Standard §6,
//! <https://streams.spec.whatwg.org/#ts-model>), native, over the native
//! readable and writable streams; also the runtime's own transforms (the
//! encoding and compression streams), which "set up" a TransformStream
//! with Rust algorithms (§6.4.5).

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsError, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::promise::{self, Deferred};
use super::readable::{self, Stream, default_controller, type_error_value};
use super::strategy::{Strategy, callback_member};
use super::writable::{self, Writable, WritableState, controller as writable_controller};
use crate::web::webidl::{Interface, illegal_invocation, instance_prototype, type_error};

/// The internal slots of a TransformStream (§6.2.2).
#[derive(Trace, Finalize)]
pub(crate) struct Transform {
    readable: GcRefCell<Option<Stream>>,
    writable: GcRefCell<Option<Writable>>,
    #[unsafe_ignore_trace]
    backpressure: Cell<Option<bool>>,
    backpressure_change_promise: GcRefCell<Option<Deferred>>,
    controller: GcRefCell<Option<Gc<TransformController>>>,
}

impl Transform {
    pub(crate) fn readable(&self) -> Stream {
        self.readable.borrow().clone().expect("set when made")
    }
    pub(crate) fn writable(&self) -> Writable {
        self.writable.borrow().clone().expect("set when made")
    }
    fn controller(&self) -> Gc<TransformController> {
        self.controller.borrow().clone().expect("set when made")
    }
    fn readable_controller(&self) -> Gc<default_controller::DefaultController> {
        match self.readable().controller() {
            readable::Controller::Default(c) => c,
            readable::Controller::Byte(_) => {
                unreachable!("a transform's readable side is a default stream")
            }
        }
    }
}

#[derive(Trace, Finalize, JsData)]
struct TransformSlot(Gc<Transform>);

fn this_transform(this: &JsValue, member: &str) -> JsResult<Gc<Transform>> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<TransformSlot>().map(|s| s.0.clone()))
        .ok_or_else(|| illegal_invocation("TransformStream", member))
}

/// A transform written in Rust (the encoding and compression streams):
/// each call gives the chunks to enqueue, or throws.
pub(crate) trait NativeTransform {
    fn transform(&self, chunk: JsValue, cx: &mut Context) -> JsResult<Vec<JsValue>>;
    fn flush(&self, cx: &mut Context) -> JsResult<Vec<JsValue>>;
}

/// A [`NativeTransform`] the garbage collector can hold.
#[derive(Trace, Finalize, Clone)]
pub(crate) enum Native {
    TextEncoder(Gc<super::text::EncoderState>),
    TextDecoder(Gc<super::text::DecoderState>),
    Codec(Gc<super::compression::CodecState>),
}

impl Native {
    fn get(&self) -> &dyn NativeTransform {
        match self {
            Self::TextEncoder(s) => &**s,
            Self::TextDecoder(s) => &**s,
            Self::Codec(s) => &**s,
        }
    }
}

/// The transformer's algorithms.
/// (`unsafe_no_drop`: no `Finalize` work, and the derived `Drop` would
/// forbid matching by value.)
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
enum TransformAlgorithms {
    Cleared,
    /// A Transformer dictionary's callbacks, called on the transformer.
    Transformer {
        transformer: JsValue,
        transform: Option<JsObject>,
        flush: Option<JsObject>,
        cancel: Option<JsObject>,
    },
    Native(Native),
}

/// The internal slots of a TransformStreamDefaultController (§6.3.2).
#[derive(Trace, Finalize)]
pub(crate) struct TransformController {
    object: GcRefCell<Option<JsObject>>,
    stream: Gc<Transform>,
    algorithms: GcRefCell<TransformAlgorithms>,
    finish_promise: GcRefCell<Option<Deferred>>,
}

impl TransformController {
    fn object(&self) -> JsObject {
        self.object.borrow().clone().expect("set when made")
    }
}

#[derive(Trace, Finalize, JsData)]
struct TransformControllerSlot(Gc<TransformController>);

fn this_controller(this: &JsValue, member: &str) -> JsResult<Gc<TransformController>> {
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<TransformControllerSlot>()
                .map(|s| s.0.clone())
        })
        .ok_or_else(|| illegal_invocation("TransformStreamDefaultController", member))
}

// ---- Interface objects ------------------------------------------------------

pub(crate) struct Classes {
    stream: StandardConstructor,
    controller: StandardConstructor,
}

pub(crate) fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = cx.get_data::<Rc<Classes>>() {
        return classes.clone();
    }
    let stream = build_stream(cx);
    let controller = build_controller(cx);
    let classes = Rc::new(Classes { stream, controller });
    cx.insert_data(classes.clone());
    classes
}

pub(crate) const GLOBALS: &[&str] = &["TransformStream", "TransformStreamDefaultController"];

pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    match name {
        "TransformStream" => Some(classes.stream.constructor()),
        "TransformStreamDefaultController" => Some(classes.controller.constructor()),
        _ => None,
    }
}

fn build_stream(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "TransformStream", 0, construct_stream, None);
    interface
        .attribute(
            "readable",
            |this, _, _| Ok(this_transform(this, "readable")?.readable().object().into()),
            None,
        )
        .attribute(
            "writable",
            |this, _, _| Ok(this_transform(this, "writable")?.writable().object().into()),
            None,
        );
    interface.build()
}

fn build_controller(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "TransformStreamDefaultController",
        0,
        readable::illegal_constructor,
        None,
    );
    interface
        .attribute(
            "desiredSize",
            |this, _, _| {
                let c = this_controller(this, "desiredSize")?;
                let rc = c.stream.readable_controller();
                Ok(default_controller::desired_size(&rc).map_or(JsValue::null(), JsValue::from))
            },
            None,
        )
        .operation("enqueue", 0, |this, args, cx| {
            let c = this_controller(this, "enqueue")?;
            controller_enqueue(&c, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        })
        .operation("error", 0, |this, args, cx| {
            let c = this_controller(this, "error")?;
            error(&c.stream, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        })
        .operation("terminate", 0, |this, _, cx| {
            let c = this_controller(this, "terminate")?;
            terminate(&c, cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

/// `new TransformStream(transformer, writableStrategy, readableStrategy)`
/// (§6.2.3).
fn construct_stream(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let default = classes(cx).stream.prototype();
    let prototype = instance_prototype(new_target, "TransformStream", &default, cx)?;
    let transformer = args.get_or_undefined(0);
    let writable_strategy = Strategy::from_value(args.get_or_undefined(1), "TransformStream", cx)?;
    let readable_strategy = Strategy::from_value(args.get_or_undefined(2), "TransformStream", cx)?;
    if !transformer.is_undefined() && !transformer.is_object() {
        return Err(type_error(
            "TransformStream: the transformer must be an object",
        ));
    }
    // The Transformer dictionary, members in lexicographic order.
    let what = "TransformStream: transformer";
    let (cancel, flush, start, transform) = match transformer.as_object() {
        Some(object) => {
            let cancel = callback_member(&object, "cancel", what, cx)?;
            let flush = callback_member(&object, "flush", what, cx)?;
            let readable_type = object.get(js_string!("readableType"), cx)?;
            let start = callback_member(&object, "start", what, cx)?;
            let transform = callback_member(&object, "transform", what, cx)?;
            let writable_type = object.get(js_string!("writableType"), cx)?;
            if !readable_type.is_undefined() {
                return Err(boa_engine::JsNativeError::range()
                    .with_message("TransformStream: invalid readableType")
                    .into());
            }
            if !writable_type.is_undefined() {
                return Err(boa_engine::JsNativeError::range()
                    .with_message("TransformStream: invalid writableType")
                    .into());
            }
            (cancel, flush, start, transform)
        }
        None => (None, None, None, None),
    };
    let readable_hwm = readable_strategy.high_water_mark(0.0)?;
    let writable_hwm = writable_strategy.high_water_mark(1.0)?;
    let start_promise = Deferred::new(cx);
    let stream = initialize(
        &start_promise.promise,
        writable_hwm,
        writable_strategy.size,
        readable_hwm,
        readable_strategy.size,
        cx,
    )?;
    let controller = set_up_controller(
        &stream,
        TransformAlgorithms::Transformer {
            transformer: transformer.clone(),
            transform,
            flush,
            cancel,
        },
        cx,
    );
    let object = JsObject::from_proto_and_data(prototype, TransformSlot(stream));
    let start_result = match start {
        Some(start) => start.call(transformer, &[controller.object().into()], cx)?,
        None => JsValue::undefined(),
    };
    start_promise.resolve(start_result, cx)?;
    Ok(object.into())
}

/// §6.4.1 InitializeTransformStream.
fn initialize(
    start_promise: &JsPromise,
    writable_hwm: f64,
    writable_size: Option<JsObject>,
    readable_hwm: f64,
    readable_size: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<Gc<Transform>> {
    let stream = Gc::new(Transform {
        readable: GcRefCell::new(None),
        writable: GcRefCell::new(None),
        backpressure: Cell::new(None),
        backpressure_change_promise: GcRefCell::new(None),
        controller: GcRefCell::new(None),
    });
    let writable = writable::create_writable_stream(
        writable_controller::Start::Promise(start_promise.clone()),
        writable_controller::SinkAlgorithms::Transform(stream.clone()),
        writable_hwm,
        writable_size,
        cx,
    )?;
    *stream.writable.borrow_mut() = Some(writable);
    let readable = readable::create_readable_stream(
        readable::Start::Promise(start_promise.clone()),
        readable::Algorithms::Transform(stream.clone()),
        readable_hwm,
        readable_size,
        cx,
    )?;
    *stream.readable.borrow_mut() = Some(readable);
    set_backpressure(&stream, true, cx)?;
    Ok(stream)
}

fn set_up_controller(
    stream: &Gc<Transform>,
    algorithms: TransformAlgorithms,
    cx: &mut Context,
) -> Gc<TransformController> {
    let controller = Gc::new(TransformController {
        object: GcRefCell::new(None),
        stream: stream.clone(),
        algorithms: GcRefCell::new(algorithms),
        finish_promise: GcRefCell::new(None),
    });
    let prototype = classes(cx).controller.prototype();
    let object =
        JsObject::from_proto_and_data(prototype, TransformControllerSlot(controller.clone()));
    *controller.object.borrow_mut() = Some(object);
    *stream.controller.borrow_mut() = Some(controller.clone());
    controller
}

/// A TransformStream made by the runtime around a [`Native`] transform
/// (§6.4.5 "set up": high water marks 1 and 0, sizes 1), for a wrapper
/// object such as a TextEncoderStream.
pub(crate) fn create_native(native: Native, cx: &mut Context) -> JsResult<Gc<Transform>> {
    let started = promise::resolved(JsValue::undefined(), cx)?;
    let stream = initialize(&started, 1.0, None, 0.0, None, cx)?;
    set_up_controller(&stream, TransformAlgorithms::Native(native), cx);
    Ok(stream)
}

/// TransformStreamError.
fn error(stream: &Gc<Transform>, e: JsValue, cx: &mut Context) -> JsResult<()> {
    default_controller::error(&stream.readable_controller(), e.clone(), cx)?;
    error_writable_and_unblock_write(stream, e, cx)
}

/// TransformStreamErrorWritableAndUnblockWrite.
fn error_writable_and_unblock_write(
    stream: &Gc<Transform>,
    e: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    *stream.controller().algorithms.borrow_mut() = TransformAlgorithms::Cleared;
    writable_controller::error_if_needed(&stream.writable().controller(), e, cx)?;
    unblock_write(stream, cx)
}

/// TransformStreamUnblockWrite.
fn unblock_write(stream: &Gc<Transform>, cx: &mut Context) -> JsResult<()> {
    if stream.backpressure.get() == Some(true) {
        set_backpressure(stream, false, cx)?;
    }
    Ok(())
}

/// TransformStreamSetBackpressure.
fn set_backpressure(stream: &Gc<Transform>, backpressure: bool, cx: &mut Context) -> JsResult<()> {
    let previous = stream.backpressure_change_promise.borrow_mut().take();
    if let Some(previous) = previous {
        previous.resolve(JsValue::undefined(), cx)?;
    }
    *stream.backpressure_change_promise.borrow_mut() = Some(Deferred::new(cx));
    stream.backpressure.set(Some(backpressure));
    Ok(())
}

/// TransformStreamDefaultControllerEnqueue.
fn controller_enqueue(
    c: &Gc<TransformController>,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let stream = c.stream.clone();
    let rc = stream.readable_controller();
    if !default_controller::can_close_or_enqueue(&rc) {
        return Err(type_error(
            "The readable side of the TransformStream is not in a state that permits enqueue",
        ));
    }
    if let Err(e) = default_controller::enqueue(&rc, chunk, cx) {
        let e = promise::thrown(e, cx)?;
        error_writable_and_unblock_write(&stream, e, cx)?;
        return Err(JsError::from_opaque(stream.readable().stored_error()));
    }
    let backpressure = default_controller::has_backpressure(&rc);
    if Some(backpressure) != stream.backpressure.get() {
        set_backpressure(&stream, true, cx)?;
    }
    Ok(())
}

/// TransformStreamDefaultControllerTerminate.
fn terminate(c: &Gc<TransformController>, cx: &mut Context) -> JsResult<()> {
    let stream = c.stream.clone();
    default_controller::close(&stream.readable_controller(), cx)?;
    let e = type_error_value("The TransformStream was terminated", cx);
    error_writable_and_unblock_write(&stream, e, cx)
}

/// The transform algorithm applied to `chunk`: a promise.
fn transform_algorithm(
    c: &Gc<TransformController>,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let algorithms = c.algorithms.borrow().clone();
    match algorithms {
        TransformAlgorithms::Transformer {
            transformer,
            transform: Some(transform),
            ..
        } => promise::promise_call(&transform, &transformer, &[chunk, c.object().into()], cx),
        TransformAlgorithms::Native(native) => {
            let outcome = native
                .get()
                .transform(chunk, cx)
                .and_then(|chunks| enqueue_all(c, chunks, cx));
            settled(outcome, cx)
        }
        // The default transform (§6.2.3 step 2 of the set up): enqueue as is.
        TransformAlgorithms::Transformer {
            transform: None, ..
        }
        | TransformAlgorithms::Cleared => {
            let outcome = controller_enqueue(c, chunk, cx);
            settled(outcome, cx)
        }
    }
}

fn enqueue_all(
    c: &Gc<TransformController>,
    chunks: Vec<JsValue>,
    cx: &mut Context,
) -> JsResult<()> {
    for chunk in chunks {
        controller_enqueue(c, chunk, cx)?;
    }
    Ok(())
}

/// A promise resolved with undefined, or rejected with what `outcome` threw.
fn settled(outcome: JsResult<()>, cx: &mut Context) -> JsResult<JsPromise> {
    match outcome {
        Ok(()) => promise::resolved(JsValue::undefined(), cx),
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            promise::rejected(e, cx)
        }
    }
}

fn flush_algorithm(c: &Gc<TransformController>, cx: &mut Context) -> JsResult<JsPromise> {
    let algorithms = c.algorithms.borrow().clone();
    match algorithms {
        TransformAlgorithms::Transformer {
            transformer,
            flush: Some(flush),
            ..
        } => promise::promise_call(&flush, &transformer, &[c.object().into()], cx),
        TransformAlgorithms::Native(native) => {
            let outcome = native
                .get()
                .flush(cx)
                .and_then(|chunks| enqueue_all(c, chunks, cx));
            settled(outcome, cx)
        }
        _ => promise::resolved(JsValue::undefined(), cx),
    }
}

fn cancel_algorithm(
    c: &Gc<TransformController>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let algorithms = c.algorithms.borrow().clone();
    match algorithms {
        TransformAlgorithms::Transformer {
            transformer,
            cancel: Some(cancel),
            ..
        } => promise::promise_call(&cancel, &transformer, &[reason], cx),
        _ => promise::resolved(JsValue::undefined(), cx),
    }
}

/// TransformStreamDefaultControllerPerformTransform.
fn perform_transform(
    c: &Gc<TransformController>,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let transformed = transform_algorithm(c, chunk, cx)?;
    promise::upon(
        &transformed,
        c.stream.clone(),
        None,
        Some(|stream, r, cx| {
            error(stream, r.clone(), cx)?;
            Err(JsError::from_opaque(r))
        }),
        cx,
    )
}

// ---- Default sinks and sources (§6.4.3, §6.4.4) -------------------------------

/// TransformStreamDefaultSinkWriteAlgorithm.
pub(crate) fn sink_write(
    stream: &Gc<Transform>,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let c = stream.controller();
    if stream.backpressure.get() == Some(true) {
        let change = stream
            .backpressure_change_promise
            .borrow()
            .clone()
            .expect("set with the backpressure");
        #[derive(Trace, Finalize, Clone)]
        struct Pending {
            controller: Gc<TransformController>,
            chunk: JsValue,
        }
        return promise::upon(
            &change.promise,
            Pending {
                controller: c,
                chunk,
            },
            Some(|p, _, cx| {
                let writable = p.controller.stream.writable();
                if writable.state() == WritableState::Erroring {
                    return Err(JsError::from_opaque(writable.stored_error()));
                }
                Ok(perform_transform(&p.controller, p.chunk.clone(), cx)?.into())
            }),
            None,
            cx,
        );
    }
    perform_transform(&c, chunk, cx)
}

#[derive(Trace, Finalize, Clone)]
struct Finishing {
    controller: Gc<TransformController>,
    reason: JsValue,
}

/// TransformStreamDefaultSinkAbortAlgorithm.
pub(crate) fn sink_abort(
    stream: &Gc<Transform>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let c = stream.controller();
    if let Some(finish) = c.finish_promise.borrow().as_ref() {
        return Ok(finish.promise.clone());
    }
    let finish = Deferred::new(cx);
    *c.finish_promise.borrow_mut() = Some(finish.clone());
    let cancelled = cancel_algorithm(&c, reason.clone(), cx)?;
    *c.algorithms.borrow_mut() = TransformAlgorithms::Cleared;
    promise::upon(
        &cancelled,
        Finishing {
            controller: c,
            reason,
        },
        Some(|f, _, cx| {
            let readable = f.controller.stream.readable();
            let finish = f
                .controller
                .finish_promise
                .borrow()
                .clone()
                .expect("set above");
            if readable.state() == readable::State::Errored {
                finish.reject(readable.stored_error(), cx)?;
            } else {
                let rc = f.controller.stream.readable_controller();
                default_controller::error(&rc, f.reason.clone(), cx)?;
                finish.resolve(JsValue::undefined(), cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|f, e, cx| {
            let finish = f
                .controller
                .finish_promise
                .borrow()
                .clone()
                .expect("set above");
            let rc = f.controller.stream.readable_controller();
            default_controller::error(&rc, e.clone(), cx)?;
            finish.reject(e, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(finish.promise.clone())
}

/// TransformStreamDefaultSinkCloseAlgorithm.
pub(crate) fn sink_close(stream: &Gc<Transform>, cx: &mut Context) -> JsResult<JsPromise> {
    let c = stream.controller();
    if let Some(finish) = c.finish_promise.borrow().as_ref() {
        return Ok(finish.promise.clone());
    }
    let finish = Deferred::new(cx);
    *c.finish_promise.borrow_mut() = Some(finish.clone());
    let flushed = flush_algorithm(&c, cx)?;
    *c.algorithms.borrow_mut() = TransformAlgorithms::Cleared;
    promise::upon(
        &flushed,
        c,
        Some(|c, _, cx| {
            let readable = c.stream.readable();
            let finish = c.finish_promise.borrow().clone().expect("set above");
            if readable.state() == readable::State::Errored {
                finish.reject(readable.stored_error(), cx)?;
            } else {
                default_controller::close(&c.stream.readable_controller(), cx)?;
                finish.resolve(JsValue::undefined(), cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|c, e, cx| {
            let finish = c.finish_promise.borrow().clone().expect("set above");
            default_controller::error(&c.stream.readable_controller(), e.clone(), cx)?;
            finish.reject(e, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(finish.promise.clone())
}

/// TransformStreamDefaultSourcePullAlgorithm.
pub(crate) fn source_pull(stream: &Gc<Transform>, cx: &mut Context) -> JsResult<JsPromise> {
    set_backpressure(stream, false, cx)?;
    Ok(stream
        .backpressure_change_promise
        .borrow()
        .clone()
        .expect("set above")
        .promise
        .clone())
}

/// TransformStreamDefaultSourceCancelAlgorithm.
pub(crate) fn source_cancel(
    stream: &Gc<Transform>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let c = stream.controller();
    if let Some(finish) = c.finish_promise.borrow().as_ref() {
        return Ok(finish.promise.clone());
    }
    let finish = Deferred::new(cx);
    *c.finish_promise.borrow_mut() = Some(finish.clone());
    let cancelled = cancel_algorithm(&c, reason.clone(), cx)?;
    *c.algorithms.borrow_mut() = TransformAlgorithms::Cleared;
    promise::upon(
        &cancelled,
        Finishing {
            controller: c,
            reason,
        },
        Some(|f, _, cx| {
            let stream = &f.controller.stream;
            let writable = stream.writable();
            let finish = f
                .controller
                .finish_promise
                .borrow()
                .clone()
                .expect("set above");
            if writable.state() == WritableState::Errored {
                finish.reject(writable.stored_error(), cx)?;
            } else {
                writable_controller::error_if_needed(&writable.controller(), f.reason.clone(), cx)?;
                unblock_write(stream, cx)?;
                finish.resolve(JsValue::undefined(), cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|f, e, cx| {
            let stream = &f.controller.stream;
            let finish = f
                .controller
                .finish_promise
                .borrow()
                .clone()
                .expect("set above");
            writable_controller::error_if_needed(&stream.writable().controller(), e.clone(), cx)?;
            unblock_write(stream, cx)?;
            finish.reject(e, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(finish.promise.clone())
}
