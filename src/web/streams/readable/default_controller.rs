//! ReadableStreamDefaultController (Streams §4.6, §4.9.4,
//! <https://streams.spec.whatwg.org/#rs-default-controller-class>).

use std::cell::Cell;
use std::collections::VecDeque;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::reader::ReadRequest;
use super::{Algorithms, Controller, Start, State, Stream, classes};
use crate::web::streams::promise;
use crate::web::streams::strategy::{check_size, chunk_size};
use crate::web::webidl::{Interface, illegal_invocation, type_error};

/// A chunk and its size (§8.1 value-with-size).
#[derive(Trace, Finalize)]
struct QueueEntry {
    value: JsValue,
    #[unsafe_ignore_trace]
    size: f64,
}

/// The internal slots of a ReadableStreamDefaultController (§4.6.2).
#[derive(Trace, Finalize)]
pub(crate) struct DefaultController {
    object: GcRefCell<Option<JsObject>>,
    stream: Stream,
    queue: GcRefCell<VecDeque<QueueEntry>>,
    #[unsafe_ignore_trace]
    queue_total_size: Cell<f64>,
    #[unsafe_ignore_trace]
    started: Cell<bool>,
    #[unsafe_ignore_trace]
    close_requested: Cell<bool>,
    #[unsafe_ignore_trace]
    pull_again: Cell<bool>,
    #[unsafe_ignore_trace]
    pulling: Cell<bool>,
    #[unsafe_ignore_trace]
    strategy_hwm: Cell<f64>,
    /// [[strategySizeAlgorithm]]: the size callback, `None` for 1.
    size: GcRefCell<Option<JsObject>>,
    algorithms: GcRefCell<Algorithms>,
}

impl DefaultController {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a controller record is linked to its object when made")
    }
    fn reset_queue(&self) {
        self.queue.borrow_mut().clear();
        self.queue_total_size.set(0.0);
    }
}

/// The data of a ReadableStreamDefaultController object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct DefaultControllerSlot(pub(crate) Gc<DefaultController>);

/// The controller record of `value` if it is a default controller.
pub(crate) fn controller_of(value: &JsValue) -> Option<Gc<DefaultController>> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<DefaultControllerSlot>()?;
    Some(slot.0.clone())
}

fn this_controller(this: &JsValue, member: &str) -> JsResult<Gc<DefaultController>> {
    controller_of(this).ok_or_else(|| illegal_invocation("ReadableStreamDefaultController", member))
}

pub(super) fn build(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "ReadableStreamDefaultController",
        0,
        super::illegal_constructor,
        None,
    );
    interface
        .attribute(
            "desiredSize",
            |this, _, _| {
                let c = this_controller(this, "desiredSize")?;
                Ok(desired_size(&c).map_or(JsValue::null(), JsValue::from))
            },
            None,
        )
        .operation("close", 0, |this, _, cx| {
            let c = this_controller(this, "close")?;
            if !can_close_or_enqueue(&c) {
                return Err(type_error(
                    "The stream is not in a state that permits close",
                ));
            }
            close(&c, cx)?;
            Ok(JsValue::undefined())
        })
        .operation("enqueue", 0, |this, args, cx| {
            let c = this_controller(this, "enqueue")?;
            if !can_close_or_enqueue(&c) {
                return Err(type_error(
                    "The stream is not in a state that permits enqueue",
                ));
            }
            enqueue(&c, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        })
        .operation("error", 0, |this, args, cx| {
            let c = this_controller(this, "error")?;
            error(&c, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

/// A new controller object for `stream` (not set up yet).
pub(crate) fn new_controller(stream: &Stream, cx: &mut Context) -> Gc<DefaultController> {
    let controller = Gc::new(DefaultController {
        object: GcRefCell::new(None),
        stream: stream.clone(),
        queue: GcRefCell::new(VecDeque::new()),
        queue_total_size: Cell::new(0.0),
        started: Cell::new(false),
        close_requested: Cell::new(false),
        pull_again: Cell::new(false),
        pulling: Cell::new(false),
        strategy_hwm: Cell::new(0.0),
        size: GcRefCell::new(None),
        algorithms: GcRefCell::new(Algorithms::Cleared),
    });
    let prototype = classes(cx).default_controller.prototype();
    let object =
        JsObject::from_proto_and_data(prototype, DefaultControllerSlot(controller.clone()));
    *controller.object.borrow_mut() = Some(object);
    controller
}

/// §4.9.4 SetUpReadableStreamDefaultController.
pub(crate) fn set_up(
    c: &Gc<DefaultController>,
    start: Start,
    algorithms: Algorithms,
    hwm: f64,
    size: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<()> {
    c.reset_queue();
    *c.size.borrow_mut() = size;
    c.strategy_hwm.set(hwm);
    *c.algorithms.borrow_mut() = algorithms;
    *c.stream.controller.borrow_mut() = Some(Controller::Default(c.clone()));
    let start_result = start.run(&c.object(), cx)?;
    let start_promise = promise::resolved(start_result, cx)?;
    promise::upon(
        &start_promise,
        c.clone(),
        Some(|c, _, cx| {
            c.started.set(true);
            call_pull_if_needed(c, cx)?;
            Ok(JsValue::undefined())
        }),
        Some(|c, r, cx| {
            error(c, r, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

/// [[PullSteps]] (§4.6.4).
pub(super) fn pull_steps(
    c: &Gc<DefaultController>,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    let stream = c.stream.clone();
    let chunk = {
        let mut queue = c.queue.borrow_mut();
        queue.pop_front()
    };
    match chunk {
        Some(chunk) => {
            dequeued(c, chunk.size);
            if c.close_requested.get() && c.queue.borrow().is_empty() {
                clear_algorithms(c);
                super::close(&stream, cx)?;
            } else {
                call_pull_if_needed(c, cx)?;
            }
            request.chunk(chunk.value.clone(), cx)
        }
        None => {
            if let Some(reader) = stream.reader() {
                reader.push_request(request);
            }
            call_pull_if_needed(c, cx)
        }
    }
}

/// §8.1 DequeueValue's bookkeeping for a chunk of `size` just removed.
fn dequeued(c: &DefaultController, size: f64) {
    let total = c.queue_total_size.get() - size;
    // Rounding errors can leave a tiny negative total (§8.1 DequeueValue).
    c.queue_total_size
        .set(if total < 0.0 { 0.0 } else { total });
}

/// [[CancelSteps]] (§4.6.4).
pub(super) fn cancel_steps(
    c: &Gc<DefaultController>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    c.reset_queue();
    let algorithms = c.algorithms.borrow().clone();
    let result = algorithms.cancel(reason, cx);
    clear_algorithms(c);
    result
}

/// ReadableStreamDefaultControllerCallPullIfNeeded.
fn call_pull_if_needed(c: &Gc<DefaultController>, cx: &mut Context) -> JsResult<()> {
    if !should_call_pull(c) {
        return Ok(());
    }
    if c.pulling.get() {
        c.pull_again.set(true);
        return Ok(());
    }
    c.pulling.set(true);
    let algorithms = c.algorithms.borrow().clone();
    let pulled = algorithms.pull(&c.object(), cx)?;
    promise::upon(
        &pulled,
        c.clone(),
        Some(|c, _, cx| {
            c.pulling.set(false);
            if c.pull_again.get() {
                c.pull_again.set(false);
                call_pull_if_needed(c, cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|c, e, cx| {
            error(c, e, cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

/// ReadableStreamDefaultControllerShouldCallPull.
fn should_call_pull(c: &DefaultController) -> bool {
    if !can_close_or_enqueue(c) || !c.started.get() {
        return false;
    }
    if c.stream.is_locked() && super::num_requests(&c.stream) > 0 {
        return true;
    }
    desired_size(c).is_some_and(|size| size > 0.0)
}

fn clear_algorithms(c: &DefaultController) {
    *c.algorithms.borrow_mut() = Algorithms::Cleared;
    *c.size.borrow_mut() = None;
}

/// ReadableStreamDefaultControllerClose.
pub(crate) fn close(c: &Gc<DefaultController>, cx: &mut Context) -> JsResult<()> {
    if !can_close_or_enqueue(c) {
        return Ok(());
    }
    c.close_requested.set(true);
    if c.queue.borrow().is_empty() {
        clear_algorithms(c);
        super::close(&c.stream, cx)?;
    }
    Ok(())
}

/// ReadableStreamDefaultControllerEnqueue.
pub(crate) fn enqueue(c: &Gc<DefaultController>, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
    if !can_close_or_enqueue(c) {
        return Ok(());
    }
    let stream = c.stream.clone();
    if stream.is_locked() && super::num_requests(&stream) > 0 {
        super::fulfill_request(&stream, chunk, false, cx)?;
    } else {
        let size = c.size.borrow().clone();
        let size = chunk_size(size.as_ref(), &chunk, cx).and_then(check_size);
        let size = match size {
            Ok(size) => size,
            Err(e) => {
                let thrown = promise::thrown(e, cx)?;
                error(c, thrown.clone(), cx)?;
                return Err(boa_engine::JsError::from_opaque(thrown));
            }
        };
        c.queue
            .borrow_mut()
            .push_back(QueueEntry { value: chunk, size });
        c.queue_total_size.set(c.queue_total_size.get() + size);
    }
    call_pull_if_needed(c, cx)
}

/// ReadableStreamDefaultControllerError.
pub(crate) fn error(c: &Gc<DefaultController>, e: JsValue, cx: &mut Context) -> JsResult<()> {
    if c.stream.state() != State::Readable {
        return Ok(());
    }
    c.reset_queue();
    clear_algorithms(c);
    super::error(&c.stream, e, cx)
}

/// ReadableStreamDefaultControllerGetDesiredSize: `None` for null.
pub(crate) fn desired_size(c: &DefaultController) -> Option<f64> {
    match c.stream.state() {
        State::Errored => None,
        State::Closed => Some(0.0),
        State::Readable => Some(c.strategy_hwm.get() - c.queue_total_size.get()),
    }
}

/// ReadableStreamDefaultControllerHasBackpressure.
pub(crate) fn has_backpressure(c: &DefaultController) -> bool {
    !should_call_pull(c)
}

/// ReadableStreamDefaultControllerCanCloseOrEnqueue.
pub(crate) fn can_close_or_enqueue(c: &DefaultController) -> bool {
    !c.close_requested.get() && c.stream.state() == State::Readable
}
