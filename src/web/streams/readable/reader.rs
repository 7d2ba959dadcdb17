//! ReadableStreamDefaultReader and ReadableStreamBYOBReader (Streams §4.3,
//! §4.4, §4.9.2, <https://streams.spec.whatwg.org/#default-reader-class>),
//! and the read requests that wait on them.

use std::collections::VecDeque;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::{State, Stream, classes, stream_of, type_error_value};
use crate::web::streams::buffers::{self, ViewKind};
use crate::web::streams::promise::{self, Deferred, promise_of};
use crate::web::streams::strategy::enforce_range;
use crate::web::webidl::{
    Interface, illegal_invocation, instance_prototype, range_error, require_args, to_dictionary,
    type_error,
};

/// The internal slots of a reader (§4.3.2, §4.4.2).
#[derive(Trace, Finalize)]
pub(crate) struct ReaderRecord {
    object: GcRefCell<Option<JsObject>>,
    #[unsafe_ignore_trace]
    byob: bool,
    stream: GcRefCell<Option<Stream>>,
    closed: GcRefCell<Option<Deferred>>,
    /// [[readRequests]] or [[readIntoRequests]].
    requests: GcRefCell<VecDeque<ReadRequest>>,
}

pub(crate) type Reader = Gc<ReaderRecord>;

impl ReaderRecord {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a reader record is linked to its object when made")
    }
    pub(crate) fn is_byob(&self) -> bool {
        self.byob
    }
    pub(crate) fn stream(&self) -> Option<Stream> {
        self.stream.borrow().clone()
    }
    /// [[closedPromise]].
    pub(crate) fn closed(&self) -> Deferred {
        self.closed
            .borrow()
            .clone()
            .expect("a reader's closed promise is made with it")
    }
    pub(crate) fn take_requests(&self) -> VecDeque<ReadRequest> {
        std::mem::take(&mut *self.requests.borrow_mut())
    }
    pub(crate) fn shift_request(&self) -> Option<ReadRequest> {
        self.requests.borrow_mut().pop_front()
    }
    pub(crate) fn push_request(&self, request: ReadRequest) {
        self.requests.borrow_mut().push_back(request);
    }
    pub(crate) fn num_requests(&self) -> usize {
        self.requests.borrow().len()
    }
}

/// The data of a reader object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ReaderSlot(pub(crate) Reader);

/// A read request or read-into request (§4.3.2): what to do with the
/// chunk, the end, or the error it gets.
#[derive(Trace, Finalize)]
pub(crate) enum ReadRequest {
    /// `read()`: settles a promise with `{ value, done }`.
    Promise(Deferred),
    /// "Get the next iteration result" of an async iterator.
    Iteration { deferred: Deferred, reader: Reader },
    /// A read of a pipe (its close and error steps do nothing).
    Pipe(Gc<crate::web::streams::pipe::Pipe>),
    /// A read of ReadableStreamDefaultTee.
    DefaultTee(Gc<super::tee::DefaultTee>),
    /// A default read of ReadableByteStreamTee.
    ByteTeeDefault(Gc<super::tee::ByteTee>),
    /// A BYOB read of ReadableByteStreamTee for one branch.
    ByteTeeByob(Gc<super::tee::ByteTee>, super::tee::Branch),
}

impl ReadRequest {
    /// Chunk steps.
    pub(crate) fn chunk(&self, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
        match self {
            Self::Promise(deferred) => {
                let result = promise::iter_result(chunk, false, cx);
                deferred.resolve(result, cx)
            }
            Self::Iteration { deferred, .. } => deferred.resolve(chunk, cx),
            Self::Pipe(pipe) => crate::web::streams::pipe::on_chunk(pipe, chunk, cx),
            Self::DefaultTee(tee) => super::tee::default_chunk(tee.clone(), chunk, cx),
            Self::ByteTeeDefault(tee) => super::tee::byte_default_chunk(tee.clone(), chunk, cx),
            Self::ByteTeeByob(tee, branch) => {
                super::tee::byte_byob_chunk(tee.clone(), *branch, chunk, cx)
            }
        }
    }

    /// Close steps (a read-into request's carry the chunk, or undefined).
    pub(crate) fn close(&self, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
        match self {
            Self::Promise(deferred) => {
                let result = promise::iter_result(chunk, true, cx);
                deferred.resolve(result, cx)
            }
            Self::Iteration { deferred, reader } => {
                release(&reader.clone(), cx)?;
                let end = classes(cx).end_of_iteration.clone();
                deferred.resolve(end.into(), cx)
            }
            Self::Pipe(_) => Ok(()),
            Self::DefaultTee(tee) => super::tee::default_close(tee, cx),
            Self::ByteTeeDefault(tee) => super::tee::byte_default_close(tee, cx),
            Self::ByteTeeByob(tee, branch) => super::tee::byte_byob_close(tee, *branch, chunk, cx),
        }
    }

    /// Error steps.
    pub(crate) fn error(&self, e: JsValue, cx: &mut Context) -> JsResult<()> {
        match self {
            Self::Promise(deferred) => deferred.reject(e, cx),
            Self::Iteration { deferred, reader } => {
                release(&reader.clone(), cx)?;
                deferred.reject(e, cx)
            }
            Self::Pipe(_) => Ok(()),
            Self::DefaultTee(tee) => {
                super::tee::default_error(tee);
                Ok(())
            }
            Self::ByteTeeDefault(tee) | Self::ByteTeeByob(tee, _) => {
                super::tee::byte_error(tee);
                Ok(())
            }
        }
    }
}

fn new_reader(
    stream: &Stream,
    byob: bool,
    prototype: JsObject,
    cx: &mut Context,
) -> JsResult<Reader> {
    let reader = Gc::new(ReaderRecord {
        object: GcRefCell::new(None),
        byob,
        stream: GcRefCell::new(None),
        closed: GcRefCell::new(None),
        requests: GcRefCell::new(VecDeque::new()),
    });
    if stream.is_locked() {
        return Err(type_error("ReadableStream is locked to a reader"));
    }
    if byob && !matches!(stream.controller(), super::Controller::Byte(_)) {
        return Err(type_error("A BYOB reader needs a readable byte stream"));
    }
    let object = JsObject::from_proto_and_data(prototype, ReaderSlot(reader.clone()));
    *reader.object.borrow_mut() = Some(object);
    generic_initialize(&reader, stream, cx)?;
    Ok(reader)
}

/// AcquireReadableStreamDefaultReader.
pub(crate) fn acquire_default_reader(stream: &Stream, cx: &mut Context) -> JsResult<Reader> {
    let prototype = classes(cx).default_reader.prototype();
    new_reader(stream, false, prototype, cx)
}

/// AcquireReadableStreamBYOBReader.
pub(crate) fn acquire_byob_reader(stream: &Stream, cx: &mut Context) -> JsResult<Reader> {
    let prototype = classes(cx).byob_reader.prototype();
    new_reader(stream, true, prototype, cx)
}

/// §4.9.2 ReadableStreamReaderGenericInitialize.
fn generic_initialize(reader: &Reader, stream: &Stream, cx: &mut Context) -> JsResult<()> {
    *reader.stream.borrow_mut() = Some(stream.clone());
    *stream.reader.borrow_mut() = Some(reader.clone());
    let closed = match stream.state() {
        State::Readable => Deferred::new(cx),
        State::Closed => Deferred::resolved(JsValue::undefined(), cx)?,
        State::Errored => Deferred::rejected(stream.stored_error(), cx)?,
    };
    *reader.closed.borrow_mut() = Some(closed);
    Ok(())
}

/// §4.9.2 ReadableStreamReaderGenericRelease.
fn generic_release(reader: &Reader, cx: &mut Context) -> JsResult<()> {
    let Some(stream) = reader.stream() else {
        return Ok(());
    };
    let error = type_error_value("The reader's lock was released", cx);
    if stream.state() == State::Readable {
        reader.closed().reject(error, cx)?;
    } else {
        *reader.closed.borrow_mut() = Some(Deferred::rejected(error, cx)?);
    }
    promise::set_handled(&reader.closed().promise, cx)?;
    stream.controller().release_steps();
    *stream.reader.borrow_mut() = None;
    *reader.stream.borrow_mut() = None;
    Ok(())
}

/// ReadableStreamDefaultReaderRelease / ReadableStreamBYOBReaderRelease.
pub(crate) fn release(reader: &Reader, cx: &mut Context) -> JsResult<()> {
    if reader.stream().is_none() {
        return Ok(());
    }
    generic_release(reader, cx)?;
    let error = type_error_value("The reader's lock was released", cx);
    error_requests(reader, error, cx)
}

/// ReadableStreamDefaultReaderErrorReadRequests and its BYOB twin.
pub(crate) fn error_requests(reader: &Reader, e: JsValue, cx: &mut Context) -> JsResult<()> {
    for request in reader.take_requests() {
        request.error(e.clone(), cx)?;
    }
    Ok(())
}

/// §4.9.2 ReadableStreamDefaultReaderRead.
pub(crate) fn default_read(
    reader: &Reader,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    let Some(stream) = reader.stream() else {
        let e = type_error_value("The reader's lock was released", cx);
        return request.error(e, cx);
    };
    stream.set_disturbed();
    match stream.state() {
        State::Closed => request.close(JsValue::undefined(), cx),
        State::Errored => request.error(stream.stored_error(), cx),
        State::Readable => stream.controller().pull_steps(request, cx),
    }
}

/// §4.9.2 ReadableStreamBYOBReaderRead.
pub(crate) fn byob_read(
    reader: &Reader,
    view: &JsValue,
    min: u64,
    request: ReadRequest,
    cx: &mut Context,
) -> JsResult<()> {
    let Some(stream) = reader.stream() else {
        let e = type_error_value("The reader's lock was released", cx);
        return request.error(e, cx);
    };
    stream.set_disturbed();
    if stream.state() == State::Errored {
        return request.error(stream.stored_error(), cx);
    }
    match stream.controller() {
        super::Controller::Byte(c) => super::byte_controller::pull_into(&c, view, min, request, cx),
        super::Controller::Default(_) => request.error(
            type_error_value("A BYOB reader needs a readable byte stream", cx),
            cx,
        ),
    }
}

/// `read()` of a default reader: a promise of `{ value, done }`.
pub(crate) fn read_promise(reader: &Reader, cx: &mut Context) -> JsResult<JsPromise> {
    if reader.stream().is_none() {
        let e = type_error_value("The reader's lock was released", cx);
        return promise::rejected(e, cx);
    }
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    default_read(reader, ReadRequest::Promise(deferred), cx)?;
    Ok(promise)
}

// ---- The interfaces ---------------------------------------------------------

fn this_reader(this: &JsValue, byob: bool, member: &str) -> JsResult<Reader> {
    let interface = if byob {
        "ReadableStreamBYOBReader"
    } else {
        "ReadableStreamDefaultReader"
    };
    reader_of(this)
        .filter(|r| r.byob == byob)
        .ok_or_else(|| illegal_invocation(interface, member))
}

/// The reader record of `value` if it is a reader.
pub(crate) fn reader_of(value: &JsValue) -> Option<Reader> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<ReaderSlot>()?;
    Some(slot.0.clone())
}

fn reader_cancel(reader: &Reader, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    match reader.stream() {
        None => {
            let e = type_error_value("The reader's lock was released", cx);
            promise::rejected(e, cx)
        }
        Some(stream) => super::cancel(&stream, reason, cx),
    }
}

fn construct_reader(
    new_target: &JsValue,
    args: &[JsValue],
    byob: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let (interface, default) = if byob {
        (
            "ReadableStreamBYOBReader",
            classes(cx).byob_reader.prototype(),
        )
    } else {
        (
            "ReadableStreamDefaultReader",
            classes(cx).default_reader.prototype(),
        )
    };
    let prototype = instance_prototype(new_target, interface, &default, cx)?;
    require_args(args, 1, interface)?;
    let stream = stream_of(args.get_or_undefined(0))
        .ok_or_else(|| type_error(format!("{interface}: the argument is not a ReadableStream")))?;
    Ok(new_reader(&stream, byob, prototype, cx)?.object().into())
}

/// The members both readers have (ReadableStreamGenericReader).
fn generic_members(interface: &mut Interface<'_>, byob: bool) {
    if byob {
        interface
            .attribute(
                "closed",
                |this, _, cx| {
                    let outcome = this_reader(this, true, "closed").map(|r| r.closed().promise);
                    promise_of(outcome, cx)
                },
                None,
            )
            .operation("cancel", 0, |this, args, cx| {
                let outcome = this_reader(this, true, "cancel")
                    .and_then(|r| reader_cancel(&r, args.get_or_undefined(0).clone(), cx));
                promise_of(outcome, cx)
            });
    } else {
        interface
            .attribute(
                "closed",
                |this, _, cx| {
                    let outcome = this_reader(this, false, "closed").map(|r| r.closed().promise);
                    promise_of(outcome, cx)
                },
                None,
            )
            .operation("cancel", 0, |this, args, cx| {
                let outcome = this_reader(this, false, "cancel")
                    .and_then(|r| reader_cancel(&r, args.get_or_undefined(0).clone(), cx));
                promise_of(outcome, cx)
            });
    }
}

pub(super) fn build_default_reader(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "ReadableStreamDefaultReader",
        1,
        |t, a, cx| construct_reader(t, a, false, cx),
        None,
    );
    generic_members(&mut interface, false);
    interface
        .operation("read", 0, |this, _, cx| {
            let outcome = this_reader(this, false, "read").and_then(|r| read_promise(&r, cx));
            promise_of(outcome, cx)
        })
        .operation("releaseLock", 0, |this, _, cx| {
            let reader = this_reader(this, false, "releaseLock")?;
            release(&reader, cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

pub(super) fn build_byob_reader(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "ReadableStreamBYOBReader",
        1,
        |t, a, cx| construct_reader(t, a, true, cx),
        None,
    );
    generic_members(&mut interface, true);
    interface
        .operation("read", 1, |this, args, cx| {
            let outcome = byob_read_operation(this, args, cx);
            promise_of(outcome, cx)
        })
        .operation("releaseLock", 0, |this, _, cx| {
            let reader = this_reader(this, true, "releaseLock")?;
            release(&reader, cx)?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

/// `read(view, options)` (§4.4.4).
fn byob_read_operation(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsPromise> {
    let reader = this_reader(this, true, "read")?;
    require_args(args, 1, "ReadableStreamBYOBReader.read")?;
    let value = args.get_or_undefined(0);
    let view = buffers::view(value, cx)?.ok_or_else(|| {
        type_error("ReadableStreamBYOBReader.read: the argument is not an ArrayBufferView")
    })?;
    let options = to_dictionary(args.get_or_undefined(1), "ReadableStreamBYOBReader.read")?;
    let min = match options {
        Some(options) => options.get(js_string!("min"), cx)?,
        None => JsValue::undefined(),
    };
    let min = if min.is_undefined() {
        1
    } else {
        enforce_range(&min, "ReadableStreamBYOBReader.read: min", cx)?
    };
    if view.byte_length == 0 {
        return Err(type_error("read() needs a view with a non-zero byteLength"));
    }
    if buffers::is_detached(&view.buffer) {
        return Err(type_error(
            "read() was given a view of a detached ArrayBuffer",
        ));
    }
    if view.buffer.byte_length() == 0 {
        return Err(type_error("read() needs a view of a non-empty ArrayBuffer"));
    }
    if min == 0 {
        return Err(type_error("read(): options.min must be greater than 0"));
    }
    if view.kind == ViewKind::DataView {
        if min > view.byte_length as u64 {
            return Err(range_error(
                "read(): options.min is larger than the view's byteLength",
            ));
        }
    } else if min > view.length as u64 {
        return Err(range_error(
            "read(): options.min is larger than the view's length",
        ));
    }
    if reader.stream().is_none() {
        return Err(type_error("The reader's lock was released"));
    }
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    byob_read(&reader, value, min, ReadRequest::Promise(deferred), cx)?;
    Ok(promise)
}
