//! ReadableByteStreamController and ReadableStreamBYOBRequest (Streams
//! §4.7, §4.8, §4.9.5,
//! <https://streams.spec.whatwg.org/#rbs-controller-class>).

use std::cell::Cell;
use std::collections::VecDeque;

use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::{JsArrayBuffer, JsPromise};
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::reader::ReadRequest;
use super::{Algorithms, Controller, Start, State, Stream, classes, type_error_value};
use crate::web::streams::buffers::{self, ViewKind};
use crate::web::streams::promise;
use crate::web::streams::strategy::enforce_range;
use crate::web::webidl::{Interface, illegal_invocation, range_error, require_args, type_error};

/// A readable byte stream queue entry (§4.8.2).
#[derive(Trace, Finalize)]
struct ByteChunk {
    buffer: JsArrayBuffer,
    #[unsafe_ignore_trace]
    byte_offset: usize,
    #[unsafe_ignore_trace]
    byte_length: usize,
}

/// A pull-into descriptor's [[readerType]].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReaderType {
    Default,
    Byob,
    None,
}

/// A pull-into descriptor (§4.8.2).
#[derive(Trace, Finalize)]
pub(crate) struct PullInto {
    buffer: GcRefCell<JsArrayBuffer>,
    #[unsafe_ignore_trace]
    buffer_byte_length: usize,
    #[unsafe_ignore_trace]
    byte_offset: usize,
    #[unsafe_ignore_trace]
    byte_length: usize,
    #[unsafe_ignore_trace]
    bytes_filled: Cell<usize>,
    #[unsafe_ignore_trace]
    minimum_fill: usize,
    #[unsafe_ignore_trace]
    element_size: usize,
    view_kind: ViewKind,
    #[unsafe_ignore_trace]
    reader_type: Cell<ReaderType>,
}

impl PullInto {
    fn buffer(&self) -> JsArrayBuffer {
        self.buffer.borrow().clone()
    }
}

/// The internal slots of a ReadableByteStreamController (§4.7.2).
#[derive(Trace, Finalize)]
pub(crate) struct ByteController {
    object: GcRefCell<Option<JsObject>>,
    stream: Stream,
    queue: GcRefCell<VecDeque<ByteChunk>>,
    #[unsafe_ignore_trace]
    queue_total_size: Cell<usize>,
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
    byob_request: GcRefCell<Option<Gc<ByobRequest>>>,
    pending: GcRefCell<VecDeque<Gc<PullInto>>>,
    #[unsafe_ignore_trace]
    auto_allocate_chunk_size: Cell<Option<u64>>,
    algorithms: GcRefCell<Algorithms>,
}

impl ByteController {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a controller record is linked to its object when made")
    }
    fn first_pending(&self) -> Option<Gc<PullInto>> {
        self.pending.borrow().front().cloned()
    }
    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.borrow().is_empty()
    }
    fn shift_pending(&self) -> Option<Gc<PullInto>> {
        self.pending.borrow_mut().pop_front()
    }
    fn reset_queue(&self) {
        self.queue.borrow_mut().clear();
        self.queue_total_size.set(0);
    }
}

/// The data of a ReadableByteStreamController object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ByteControllerSlot(pub(crate) Gc<ByteController>);

/// The internal slots of a ReadableStreamBYOBRequest (§4.8.2).
#[derive(Trace, Finalize)]
pub(crate) struct ByobRequest {
    object: GcRefCell<Option<JsObject>>,
    controller: GcRefCell<Option<Gc<ByteController>>>,
    view: GcRefCell<JsValue>,
}

impl ByobRequest {
    pub(crate) fn view(&self) -> JsValue {
        self.view.borrow().clone()
    }
}

#[derive(Trace, Finalize, JsData)]
struct ByobRequestSlot(Gc<ByobRequest>);

pub(crate) fn controller_of(value: &JsValue) -> Option<Gc<ByteController>> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<ByteControllerSlot>()?;
    Some(slot.0.clone())
}

fn this_controller(this: &JsValue, member: &str) -> JsResult<Gc<ByteController>> {
    controller_of(this).ok_or_else(|| illegal_invocation("ReadableByteStreamController", member))
}

fn this_request(this: &JsValue, member: &str) -> JsResult<Gc<ByobRequest>> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<ByobRequestSlot>().map(|s| s.0.clone()))
        .ok_or_else(|| illegal_invocation("ReadableStreamBYOBRequest", member))
}

pub(super) fn build(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "ReadableByteStreamController",
        0,
        super::illegal_constructor,
        None,
    );
    interface
        .attribute(
            "byobRequest",
            |this, _, cx| {
                let c = this_controller(this, "byobRequest")?;
                Ok(match get_byob_request(&c, cx)? {
                    Some(request) => request
                        .object
                        .borrow()
                        .clone()
                        .map_or(JsValue::null(), JsValue::from),
                    None => JsValue::null(),
                })
            },
            None,
        )
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
            if c.close_requested.get() {
                return Err(type_error("The stream is already closing"));
            }
            if c.stream.state() != State::Readable {
                return Err(type_error("The stream is not readable"));
            }
            close(&c, cx)?;
            Ok(JsValue::undefined())
        })
        .operation("enqueue", 1, |this, args, cx| {
            let c = this_controller(this, "enqueue")?;
            require_args(args, 1, "ReadableByteStreamController.enqueue")?;
            let chunk = args.get_or_undefined(0);
            let view = buffers::view(chunk, cx)?
                .ok_or_else(|| type_error("enqueue: the chunk is not an ArrayBufferView"))?;
            if view.byte_length == 0 {
                return Err(type_error("enqueue: the chunk is empty"));
            }
            if view.buffer.byte_length() == 0 {
                return Err(type_error(
                    "enqueue: the chunk's buffer is empty or detached",
                ));
            }
            if c.close_requested.get() {
                return Err(type_error("enqueue: the stream is closing"));
            }
            if c.stream.state() != State::Readable {
                return Err(type_error("enqueue: the stream is not readable"));
            }
            enqueue(&c, chunk, cx)?;
            Ok(JsValue::undefined())
        })
        .operation("error", 0, |this, args, cx| {
            let c = this_controller(this, "error")?;
            error(&c, args.get_or_undefined(0).clone(), cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

pub(super) fn build_byob_request(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "ReadableStreamBYOBRequest",
        0,
        super::illegal_constructor,
        None,
    );
    interface
        .attribute(
            "view",
            |this, _, _| Ok(this_request(this, "view")?.view()),
            None,
        )
        .operation("respond", 1, |this, args, cx| {
            let request = this_request(this, "respond")?;
            require_args(args, 1, "ReadableStreamBYOBRequest.respond")?;
            let n = enforce_range(
                args.get_or_undefined(0),
                "ReadableStreamBYOBRequest.respond",
                cx,
            )?;
            let controller = request.controller.borrow().clone();
            let Some(controller) = controller else {
                return Err(type_error("This BYOB request has been invalidated"));
            };
            let view = buffers::view(&request.view(), cx)?;
            if view.is_none_or(|v| buffers::is_detached(&v.buffer)) {
                return Err(type_error("respond: the view's buffer is detached"));
            }
            respond(&controller, n as usize, cx)?;
            Ok(JsValue::undefined())
        })
        .operation("respondWithNewView", 1, |this, args, cx| {
            let request = this_request(this, "respondWithNewView")?;
            require_args(args, 1, "ReadableStreamBYOBRequest.respondWithNewView")?;
            let value = args.get_or_undefined(0);
            if !buffers::is_view(value) {
                return Err(type_error(
                    "respondWithNewView: the argument is not an ArrayBufferView",
                ));
            }
            let controller = request.controller.borrow().clone();
            let Some(controller) = controller else {
                return Err(type_error("This BYOB request has been invalidated"));
            };
            let view = buffers::view(value, cx)?;
            if view
                .as_ref()
                .is_none_or(|v| buffers::is_detached(&v.buffer))
            {
                return Err(type_error(
                    "respondWithNewView: the view's buffer is detached",
                ));
            }
            respond_with_new_view(&controller, value, cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

/// A new controller object for `stream` (not set up yet).
pub(crate) fn new_controller(stream: &Stream, cx: &mut Context) -> Gc<ByteController> {
    let controller = Gc::new(ByteController {
        object: GcRefCell::new(None),
        stream: stream.clone(),
        queue: GcRefCell::new(VecDeque::new()),
        queue_total_size: Cell::new(0),
        started: Cell::new(false),
        close_requested: Cell::new(false),
        pull_again: Cell::new(false),
        pulling: Cell::new(false),
        strategy_hwm: Cell::new(0.0),
        byob_request: GcRefCell::new(None),
        pending: GcRefCell::new(VecDeque::new()),
        auto_allocate_chunk_size: Cell::new(None),
        algorithms: GcRefCell::new(Algorithms::Cleared),
    });
    let prototype = classes(cx).byte_controller.prototype();
    let object = JsObject::from_proto_and_data(prototype, ByteControllerSlot(controller.clone()));
    *controller.object.borrow_mut() = Some(object);
    controller
}

/// §4.9.5 SetUpReadableByteStreamController.
pub(crate) fn set_up(
    stream: &Stream,
    c: &Gc<ByteController>,
    start: Start,
    algorithms: Algorithms,
    hwm: f64,
    auto_allocate_chunk_size: Option<u64>,
    cx: &mut Context,
) -> JsResult<()> {
    c.reset_queue();
    c.strategy_hwm.set(hwm);
    *c.algorithms.borrow_mut() = algorithms;
    c.auto_allocate_chunk_size.set(auto_allocate_chunk_size);
    c.pending.borrow_mut().clear();
    *stream.controller.borrow_mut() = Some(Controller::Byte(c.clone()));
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

/// [[PullSteps]] (§4.7.4).
pub(super) fn pull_steps(
    c: &Gc<ByteController>,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    if c.queue_total_size.get() > 0 {
        return fill_read_request_from_queue(c, request, cx);
    }
    if let Some(size) = c.auto_allocate_chunk_size.get() {
        let buffer = match usize::try_from(size)
            .map_err(|_| range_error("Array buffer allocation failed"))
            .and_then(|size| JsArrayBuffer::new(size, cx))
        {
            Ok(buffer) => buffer,
            Err(e) => {
                let e = promise::thrown(e, cx)?;
                return request.error(e, cx);
            }
        };
        let size = size as usize;
        c.pending.borrow_mut().push_back(Gc::new(PullInto {
            buffer: GcRefCell::new(buffer),
            buffer_byte_length: size,
            byte_offset: 0,
            byte_length: size,
            bytes_filled: Cell::new(0),
            minimum_fill: 1,
            element_size: 1,
            view_kind: ViewKind::Typed(TypedArrayKind::Uint8),
            reader_type: Cell::new(ReaderType::Default),
        }));
    }
    if let Some(reader) = c.stream.reader() {
        reader.push_request(request);
    }
    call_pull_if_needed(c, cx)
}

/// [[CancelSteps]] (§4.7.4).
pub(super) fn cancel_steps(
    c: &Gc<ByteController>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    clear_pending_pull_intos(c);
    c.reset_queue();
    let algorithms = c.algorithms.borrow().clone();
    let result = algorithms.cancel(reason, cx);
    clear_algorithms(c);
    result
}

/// [[ReleaseSteps]] (§4.7.4).
pub(super) fn release_steps(c: &ByteController) {
    let mut pending = c.pending.borrow_mut();
    if let Some(first) = pending.front().cloned() {
        first.reader_type.set(ReaderType::None);
        pending.clear();
        pending.push_back(first);
    }
}

fn fill_read_request_from_queue(
    c: &Gc<ByteController>,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    let entry = c
        .queue
        .borrow_mut()
        .pop_front()
        .expect("the queue is not empty");
    c.queue_total_size
        .set(c.queue_total_size.get() - entry.byte_length);
    handle_queue_drain(c, cx)?;
    let view = buffers::new_uint8_array(&entry.buffer, entry.byte_offset, entry.byte_length, cx)?;
    request.chunk(view, cx)
}

/// ReadableByteStreamControllerHandleQueueDrain.
fn handle_queue_drain(c: &Gc<ByteController>, cx: &mut Context) -> JsResult<()> {
    if c.queue_total_size.get() == 0 && c.close_requested.get() {
        clear_algorithms(c);
        super::close(&c.stream, cx)
    } else {
        call_pull_if_needed(c, cx)
    }
}

/// ReadableByteStreamControllerCallPullIfNeeded.
fn call_pull_if_needed(c: &Gc<ByteController>, cx: &mut Context) -> JsResult<()> {
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

/// ReadableByteStreamControllerShouldCallPull.
fn should_call_pull(c: &ByteController) -> bool {
    let stream = &c.stream;
    if stream.state() != State::Readable || c.close_requested.get() || !c.started.get() {
        return false;
    }
    if super::num_requests(stream) > 0 {
        return true;
    }
    desired_size(c).is_some_and(|size| size > 0.0)
}

fn clear_algorithms(c: &ByteController) {
    *c.algorithms.borrow_mut() = Algorithms::Cleared;
}

fn clear_pending_pull_intos(c: &ByteController) {
    invalidate_byob_request(c);
    c.pending.borrow_mut().clear();
}

/// ReadableByteStreamControllerGetDesiredSize: `None` for null.
pub(crate) fn desired_size(c: &ByteController) -> Option<f64> {
    match c.stream.state() {
        State::Errored => None,
        State::Closed => Some(0.0),
        State::Readable => Some(c.strategy_hwm.get() - c.queue_total_size.get() as f64),
    }
}

/// §4.9.5 ReadableByteStreamControllerClose.
pub(crate) fn close(c: &Gc<ByteController>, cx: &mut Context) -> JsResult<()> {
    if c.close_requested.get() || c.stream.state() != State::Readable {
        return Ok(());
    }
    if c.queue_total_size.get() > 0 {
        c.close_requested.set(true);
        return Ok(());
    }
    if let Some(first) = c.first_pending()
        && first.bytes_filled.get() % first.element_size != 0
    {
        let e = type_error_value(
            "Insufficient bytes to fill the elements of the given view",
            cx,
        );
        error(c, e.clone(), cx)?;
        return Err(boa_engine::JsError::from_opaque(e));
    }
    clear_algorithms(c);
    super::close(&c.stream, cx)
}

/// §4.9.5 ReadableByteStreamControllerEnqueue (`chunk` is a view).
pub(crate) fn enqueue(c: &Gc<ByteController>, chunk: &JsValue, cx: &mut Context) -> JsResult<()> {
    let stream = c.stream.clone();
    if c.close_requested.get() || stream.state() != State::Readable {
        return Ok(());
    }
    let view = buffers::view(chunk, cx)?
        .ok_or_else(|| type_error("enqueue: the chunk is not an ArrayBufferView"))?;
    if buffers::is_detached(&view.buffer) {
        return Err(type_error("enqueue: the chunk's buffer is detached"));
    }
    let transferred = buffers::transfer(&view.buffer, cx)?;
    if let Some(first) = c.first_pending() {
        if buffers::is_detached(&first.buffer()) {
            return Err(type_error("enqueue: the BYOB request's buffer is detached"));
        }
        invalidate_byob_request(c);
        let moved = buffers::transfer(&first.buffer(), cx)?;
        *first.buffer.borrow_mut() = moved;
        if first.reader_type.get() == ReaderType::None {
            enqueue_detached_pull_into_to_queue(c, &first, cx)?;
        }
    }
    if super::has_default_reader(&stream) {
        process_read_requests_using_queue(c, cx)?;
        if super::num_requests(&stream) == 0 {
            enqueue_chunk_to_queue(c, transferred, view.byte_offset, view.byte_length);
        } else {
            if c.has_pending() {
                c.shift_pending();
            }
            let view =
                buffers::new_uint8_array(&transferred, view.byte_offset, view.byte_length, cx)?;
            super::fulfill_request(&stream, view, false, cx)?;
        }
    } else if super::has_byob_reader(&stream) {
        enqueue_chunk_to_queue(c, transferred, view.byte_offset, view.byte_length);
        let filled = process_pull_into_descriptors_using_queue(c)?;
        for descriptor in filled {
            commit_pull_into_descriptor(&stream, &descriptor, cx)?;
        }
    } else {
        enqueue_chunk_to_queue(c, transferred, view.byte_offset, view.byte_length);
    }
    call_pull_if_needed(c, cx)
}

fn enqueue_chunk_to_queue(
    c: &ByteController,
    buffer: JsArrayBuffer,
    byte_offset: usize,
    byte_length: usize,
) {
    c.queue.borrow_mut().push_back(ByteChunk {
        buffer,
        byte_offset,
        byte_length,
    });
    c.queue_total_size
        .set(c.queue_total_size.get() + byte_length);
}

/// ReadableByteStreamControllerEnqueueClonedChunkToQueue.
fn enqueue_cloned_chunk_to_queue(
    c: &Gc<ByteController>,
    buffer: &JsArrayBuffer,
    byte_offset: usize,
    byte_length: usize,
    cx: &mut Context,
) -> JsResult<()> {
    match buffers::slice(buffer, byte_offset, byte_length, cx) {
        Ok(clone) => {
            enqueue_chunk_to_queue(c, clone, 0, byte_length);
            Ok(())
        }
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            error(c, e.clone(), cx)?;
            Err(boa_engine::JsError::from_opaque(e))
        }
    }
}

/// ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue.
fn enqueue_detached_pull_into_to_queue(
    c: &Gc<ByteController>,
    descriptor: &PullInto,
    cx: &mut Context,
) -> JsResult<()> {
    let filled = descriptor.bytes_filled.get();
    if filled > 0 {
        enqueue_cloned_chunk_to_queue(c, &descriptor.buffer(), descriptor.byte_offset, filled, cx)?;
    }
    c.shift_pending();
    Ok(())
}

fn process_read_requests_using_queue(c: &Gc<ByteController>, cx: &mut Context) -> JsResult<()> {
    let Some(reader) = c.stream.reader() else {
        return Ok(());
    };
    while reader.num_requests() > 0 {
        if c.queue_total_size.get() == 0 {
            return Ok(());
        }
        let request = reader.shift_request().expect("checked above");
        fill_read_request_from_queue(c, request, cx)?;
    }
    Ok(())
}

fn process_pull_into_descriptors_using_queue(c: &ByteController) -> JsResult<Vec<Gc<PullInto>>> {
    let mut filled = Vec::new();
    while let Some(descriptor) = c.first_pending() {
        if c.queue_total_size.get() == 0 {
            break;
        }
        if fill_pull_into_descriptor_from_queue(c, &descriptor)? {
            c.shift_pending();
            filled.push(descriptor);
        }
    }
    Ok(filled)
}

/// §4.9.5 ReadableByteStreamControllerFillPullIntoDescriptorFromQueue.
fn fill_pull_into_descriptor_from_queue(c: &ByteController, pd: &PullInto) -> JsResult<bool> {
    let filled = pd.bytes_filled.get();
    let max_bytes_to_copy = c.queue_total_size.get().min(pd.byte_length - filled);
    let max_bytes_filled = filled + max_bytes_to_copy;
    let mut remaining = max_bytes_to_copy;
    let mut ready = false;
    let max_aligned_bytes = max_bytes_filled - (max_bytes_filled % pd.element_size);
    if max_aligned_bytes >= pd.minimum_fill {
        remaining = max_aligned_bytes - filled;
        ready = true;
    }
    let dest = pd.buffer();
    while remaining > 0 {
        let mut queue = c.queue.borrow_mut();
        let head = queue
            .front_mut()
            .expect("the queue holds the bytes counted");
        let bytes_to_copy = remaining.min(head.byte_length);
        let dest_start = pd.byte_offset + pd.bytes_filled.get();
        buffers::copy_bytes(
            &dest,
            dest_start,
            &head.buffer,
            head.byte_offset,
            bytes_to_copy,
        )?;
        if head.byte_length == bytes_to_copy {
            queue.pop_front();
        } else {
            head.byte_offset += bytes_to_copy;
            head.byte_length -= bytes_to_copy;
        }
        drop(queue);
        c.queue_total_size
            .set(c.queue_total_size.get() - bytes_to_copy);
        pd.bytes_filled.set(pd.bytes_filled.get() + bytes_to_copy);
        remaining -= bytes_to_copy;
    }
    Ok(ready)
}

/// §4.9.5 ReadableByteStreamControllerConvertPullIntoDescriptor.
fn convert_pull_into_descriptor(pd: &PullInto, cx: &mut Context) -> JsResult<JsValue> {
    let buffer = buffers::transfer(&pd.buffer(), cx)?;
    buffers::new_view(
        pd.view_kind,
        &buffer,
        pd.byte_offset,
        pd.bytes_filled.get() / pd.element_size,
        cx,
    )
}

fn commit_pull_into_descriptor(stream: &Stream, pd: &PullInto, cx: &mut Context) -> JsResult<()> {
    let done = stream.state() == State::Closed;
    let view = convert_pull_into_descriptor(pd, cx)?;
    super::fulfill_request(stream, view, done, cx)
}

/// §4.9.5 ReadableByteStreamControllerPullInto.
pub(crate) fn pull_into(
    c: &Gc<ByteController>,
    view: &JsValue,
    min: u64,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    let stream = c.stream.clone();
    let Some(slots) = buffers::view(view, cx)? else {
        let e = type_error_value("read() needs an ArrayBufferView", cx);
        return request.error(e, cx);
    };
    let element_size = slots.kind.element_size();
    let minimum_fill = (min as usize).saturating_mul(element_size);
    let buffer = match buffers::transfer(&slots.buffer, cx) {
        Ok(buffer) => buffer,
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            return request.error(e, cx);
        }
    };
    let pd = Gc::new(PullInto {
        buffer_byte_length: buffer.byte_length(),
        buffer: GcRefCell::new(buffer),
        byte_offset: slots.byte_offset,
        byte_length: slots.byte_length,
        bytes_filled: Cell::new(0),
        minimum_fill,
        element_size,
        view_kind: slots.kind,
        reader_type: Cell::new(ReaderType::Byob),
    });
    if c.has_pending() {
        c.pending.borrow_mut().push_back(pd);
        if let Some(reader) = stream.reader() {
            reader.push_request(request);
        }
        return Ok(());
    }
    if stream.state() == State::Closed {
        let empty = buffers::new_view(pd.view_kind, &pd.buffer(), pd.byte_offset, 0, cx)?;
        return request.close(empty, cx);
    }
    if c.queue_total_size.get() > 0 {
        if fill_pull_into_descriptor_from_queue(c, &pd)? {
            let filled = convert_pull_into_descriptor(&pd, cx)?;
            handle_queue_drain(c, cx)?;
            return request.chunk(filled, cx);
        }
        if c.close_requested.get() {
            let e = type_error_value(
                "Insufficient bytes to fill the elements of the given view",
                cx,
            );
            error(c, e.clone(), cx)?;
            return request.error(e, cx);
        }
    }
    c.pending.borrow_mut().push_back(pd);
    if let Some(reader) = stream.reader() {
        reader.push_request(request);
    }
    call_pull_if_needed(c, cx)
}

/// ReadableByteStreamControllerError.
pub(crate) fn error(c: &Gc<ByteController>, e: JsValue, cx: &mut Context) -> JsResult<()> {
    if c.stream.state() != State::Readable {
        return Ok(());
    }
    clear_pending_pull_intos(c);
    c.reset_queue();
    clear_algorithms(c);
    super::error(&c.stream, e, cx)
}

/// ReadableByteStreamControllerInvalidateBYOBRequest.
fn invalidate_byob_request(c: &ByteController) {
    let Some(request) = c.byob_request.borrow_mut().take() else {
        return;
    };
    *request.controller.borrow_mut() = None;
    *request.view.borrow_mut() = JsValue::null();
}

/// ReadableByteStreamControllerGetBYOBRequest.
pub(crate) fn get_byob_request(
    c: &Gc<ByteController>,
    cx: &mut Context,
) -> JsResult<Option<Gc<ByobRequest>>> {
    if c.byob_request.borrow().is_none()
        && let Some(first) = c.first_pending()
    {
        let filled = first.bytes_filled.get();
        let view = buffers::new_uint8_array(
            &first.buffer(),
            first.byte_offset + filled,
            first.byte_length - filled,
            cx,
        )?;
        let request = Gc::new(ByobRequest {
            object: GcRefCell::new(None),
            controller: GcRefCell::new(Some(c.clone())),
            view: GcRefCell::new(view),
        });
        let prototype = classes(cx).byob_request.prototype();
        let object = JsObject::from_proto_and_data(prototype, ByobRequestSlot(request.clone()));
        *request.object.borrow_mut() = Some(object);
        *c.byob_request.borrow_mut() = Some(request);
    }
    Ok(c.byob_request.borrow().clone())
}

/// §4.9.5 ReadableByteStreamControllerRespond.
pub(crate) fn respond(
    c: &Gc<ByteController>,
    bytes_written: usize,
    cx: &mut Context,
) -> JsResult<()> {
    let first = c
        .first_pending()
        .ok_or_else(|| type_error("respond: there is no pending read"))?;
    if c.stream.state() == State::Closed {
        if bytes_written != 0 {
            return Err(type_error(
                "respond: bytesWritten must be 0 for a closed stream",
            ));
        }
    } else {
        if bytes_written == 0 {
            return Err(type_error("respond: bytesWritten must be greater than 0"));
        }
        if first.bytes_filled.get() + bytes_written > first.byte_length {
            return Err(range_error("respond: bytesWritten is larger than the view"));
        }
    }
    let moved = buffers::transfer(&first.buffer(), cx)?;
    *first.buffer.borrow_mut() = moved;
    respond_internal(c, bytes_written, cx)
}

fn respond_internal(
    c: &Gc<ByteController>,
    bytes_written: usize,
    cx: &mut Context,
) -> JsResult<()> {
    let first = c.first_pending().expect("a pending pull-into");
    invalidate_byob_request(c);
    if c.stream.state() == State::Closed {
        respond_in_closed_state(c, &first, cx)?;
    } else {
        respond_in_readable_state(c, bytes_written, &first, cx)?;
    }
    call_pull_if_needed(c, cx)
}

fn respond_in_closed_state(
    c: &Gc<ByteController>,
    first: &PullInto,
    cx: &mut Context,
) -> JsResult<()> {
    if first.reader_type.get() == ReaderType::None {
        c.shift_pending();
    }
    let stream = c.stream.clone();
    if super::has_byob_reader(&stream) {
        while super::num_requests(&stream) > 0 {
            let Some(descriptor) = c.shift_pending() else {
                break;
            };
            commit_pull_into_descriptor(&stream, &descriptor, cx)?;
        }
    }
    Ok(())
}

fn respond_in_readable_state(
    c: &Gc<ByteController>,
    bytes_written: usize,
    pd: &PullInto,
    cx: &mut Context,
) -> JsResult<()> {
    pd.bytes_filled.set(pd.bytes_filled.get() + bytes_written);
    let stream = c.stream.clone();
    if pd.reader_type.get() == ReaderType::None {
        enqueue_detached_pull_into_to_queue(c, pd, cx)?;
        for filled in process_pull_into_descriptors_using_queue(c)? {
            commit_pull_into_descriptor(&stream, &filled, cx)?;
        }
        return Ok(());
    }
    if pd.bytes_filled.get() < pd.minimum_fill {
        return Ok(());
    }
    c.shift_pending();
    let remainder = pd.bytes_filled.get() % pd.element_size;
    if remainder > 0 {
        let end = pd.byte_offset + pd.bytes_filled.get();
        enqueue_cloned_chunk_to_queue(c, &pd.buffer(), end - remainder, remainder, cx)?;
    }
    pd.bytes_filled.set(pd.bytes_filled.get() - remainder);
    let filled_pull_intos = process_pull_into_descriptors_using_queue(c)?;
    commit_pull_into_descriptor(&stream, pd, cx)?;
    for filled in filled_pull_intos {
        commit_pull_into_descriptor(&stream, &filled, cx)?;
    }
    Ok(())
}

/// §4.9.5 ReadableByteStreamControllerRespondWithNewView.
pub(crate) fn respond_with_new_view(
    c: &Gc<ByteController>,
    view: &JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let first = c
        .first_pending()
        .ok_or_else(|| type_error("respondWithNewView: there is no pending read"))?;
    let slots = buffers::view(view, cx)?
        .ok_or_else(|| type_error("respondWithNewView: the argument is not an ArrayBufferView"))?;
    let view_byte_length = slots.byte_length;
    if c.stream.state() == State::Closed {
        if view_byte_length != 0 {
            return Err(type_error(
                "respondWithNewView: the view must be empty for a closed stream",
            ));
        }
    } else if view_byte_length == 0 {
        return Err(type_error("respondWithNewView: the view must not be empty"));
    }
    if first.byte_offset + first.bytes_filled.get() != slots.byte_offset {
        return Err(range_error(
            "respondWithNewView: the view's offset does not match the request",
        ));
    }
    if first.buffer_byte_length != slots.buffer.byte_length() {
        return Err(range_error(
            "respondWithNewView: the view's buffer has the wrong length",
        ));
    }
    if first.bytes_filled.get() + view_byte_length > first.byte_length {
        return Err(range_error(
            "respondWithNewView: the view is larger than the request",
        ));
    }
    let moved = buffers::transfer(&slots.buffer, cx)?;
    *first.buffer.borrow_mut() = moved;
    respond_internal(c, view_byte_length, cx)
}
