//! `ReadableStream` and its readers and controllers (Streams Standard §4,
//! <https://streams.spec.whatwg.org/#rs-model>), native.
//!
//! Each public object carries a `Gc` record of its internal slots (the
//! `*Slot` data types); the abstract operations work on records, which
//! link to each other and back to their public object. No `Ref` of a
//! record is held across a call into JavaScript: every step copies out
//! what it needs, so reentrant scripts (a size callback closing the
//! stream, a `pull` reading it) see the state the standard says.
//!
//! One module per part of §4: [`reader`] (§4.3-4.4 and §4.9.2),
//! [`default_controller`] (§4.6, §4.9.4), [`byte_controller`] (§4.7-4.8,
//! §4.9.5), [`tee`] (ReadableStreamTee), [`iterate`] (async iteration and
//! `ReadableStream.from`). This file: the stream record, the
//! interface objects and the stream-level operations (§4.9.1, §4.9.3).

pub(crate) mod byte_controller;
pub(crate) mod default_controller;
pub(crate) mod iterate;
pub(crate) mod reader;
pub(crate) mod tee;

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::{JsArray, JsPromise};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsSymbol, JsValue, js_string,
};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use self::byte_controller::ByteController;
use self::default_controller::DefaultController;
use self::reader::{ReadRequest, Reader};
use super::promise::{self, promise_of};
use super::strategy::{Strategy, callback_member, enforce_range};
use crate::web::webidl::{
    Interface, illegal_invocation, instance_prototype, require_args, to_dictionary, type_error,
};

/// A stream's [[state]].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum State {
    Readable,
    Closed,
    Errored,
}

/// The internal slots of a ReadableStream (§4.2.2).
#[derive(Trace, Finalize)]
pub(crate) struct StreamRecord {
    object: GcRefCell<Option<JsObject>>,
    #[unsafe_ignore_trace]
    state: Cell<State>,
    reader: GcRefCell<Option<Reader>>,
    stored_error: GcRefCell<JsValue>,
    #[unsafe_ignore_trace]
    disturbed: Cell<bool>,
    controller: GcRefCell<Option<Controller>>,
}

pub(crate) type Stream = Gc<StreamRecord>;

impl StreamRecord {
    pub(crate) fn object(&self) -> JsObject {
        self.object
            .borrow()
            .clone()
            .expect("a stream record is linked to its object when made")
    }
    pub(crate) fn state(&self) -> State {
        self.state.get()
    }
    pub(crate) fn stored_error(&self) -> JsValue {
        self.stored_error.borrow().clone()
    }
    pub(crate) fn is_disturbed(&self) -> bool {
        self.disturbed.get()
    }
    pub(crate) fn set_disturbed(&self) {
        self.disturbed.set(true);
    }
    pub(crate) fn reader(&self) -> Option<Reader> {
        self.reader.borrow().clone()
    }
    pub(crate) fn controller(&self) -> Controller {
        self.controller
            .borrow()
            .clone()
            .expect("a stream gets its controller when it is set up")
    }
    /// IsReadableStreamLocked.
    pub(crate) fn is_locked(&self) -> bool {
        self.reader.borrow().is_some()
    }
}

/// The data of a ReadableStream object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct StreamSlot(pub(crate) Stream);

/// A stream's [[controller]]. (`unsafe_no_drop`: its `Finalize` does
/// nothing, and the `Drop` the derive adds would only forbid moving the
/// controller out in a `match`.)
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
pub(crate) enum Controller {
    Default(Gc<DefaultController>),
    Byte(Gc<ByteController>),
}

impl Controller {
    /// [[PullSteps]].
    fn pull_steps(&self, request: ReadRequest, cx: &mut Context) -> JsResult<()> {
        match self {
            Self::Default(c) => default_controller::pull_steps(c, request, cx),
            Self::Byte(c) => byte_controller::pull_steps(c, request, cx),
        }
    }

    /// [[CancelSteps]].
    fn cancel_steps(&self, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
        match self {
            Self::Default(c) => default_controller::cancel_steps(c, reason, cx),
            Self::Byte(c) => byte_controller::cancel_steps(c, reason, cx),
        }
    }

    /// [[ReleaseSteps]].
    fn release_steps(&self) {
        if let Self::Byte(c) = self {
            byte_controller::release_steps(c);
        }
    }
}

/// How a controller starts and gets its chunks: the underlying source's
/// algorithms (§4.9.4 SetUpReadableStreamDefaultControllerFromUnderlyingSource
/// and the streams the runtime makes itself). `Cleared` is after
/// ...ClearAlgorithms.
#[derive(Trace, Finalize, Clone)]
pub(crate) enum Algorithms {
    Cleared,
    /// An underlying source dictionary's callbacks, called on the source.
    Source {
        source: JsValue,
        pull: Option<JsObject>,
        cancel: Option<JsObject>,
    },
    /// Rust natives (fetch bodies): `pull(controller)`, `cancel(reason)`.
    Native {
        pull: JsObject,
        cancel: Option<JsObject>,
    },
    /// The readable side of a TransformStream (§6.4.4).
    Transform(Gc<super::transform::Transform>),
    /// A branch of a tee.
    DefaultTee(Gc<tee::DefaultTee>, tee::Branch),
    ByteTee(Gc<tee::ByteTee>, tee::Branch),
    /// ReadableStream.from.
    Iterable(Gc<iterate::IterableSource>),
}

impl Algorithms {
    /// The pull algorithm: a promise (a throw becomes a rejection).
    fn pull(&self, controller: &JsObject, cx: &mut Context) -> JsResult<JsPromise> {
        let undefined = JsValue::undefined();
        match self {
            Self::Cleared => promise::resolved(undefined, cx),
            Self::Source { source, pull, .. } => match pull {
                Some(pull) => promise::promise_call(pull, source, &[controller.clone().into()], cx),
                None => promise::resolved(undefined, cx),
            },
            Self::Native { pull, .. } => {
                promise::promise_call(pull, &undefined, &[controller.clone().into()], cx)
            }
            Self::Transform(t) => super::transform::source_pull(t, cx),
            Self::DefaultTee(t, _) => tee::default_pull(t, cx),
            Self::ByteTee(t, branch) => tee::byte_pull(t, *branch, cx),
            Self::Iterable(source) => iterate::from_pull(source, cx),
        }
    }

    /// The cancel algorithm: a promise.
    fn cancel(&self, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
        let undefined = JsValue::undefined();
        match self {
            Self::Cleared
            | Self::Source { cancel: None, .. }
            | Self::Native { cancel: None, .. } => promise::resolved(undefined, cx),
            Self::Source {
                source,
                cancel: Some(cancel),
                ..
            } => promise::promise_call(cancel, source, &[reason], cx),
            Self::Native {
                cancel: Some(cancel),
                ..
            } => promise::promise_call(cancel, &undefined, &[reason], cx),
            Self::Transform(t) => super::transform::source_cancel(t, reason, cx),
            Self::DefaultTee(t, branch) => tee::default_cancel(t, *branch, reason, cx),
            Self::ByteTee(t, branch) => tee::byte_cancel(t, *branch, reason, cx),
            Self::Iterable(source) => iterate::from_cancel(source, reason, cx),
        }
    }
}

/// The start algorithm of a controller being set up.
pub(crate) enum Start {
    /// Nothing to do (the runtime's own streams).
    None,
    /// `start.call(source, controller)`.
    Source { source: JsValue, start: JsObject },
    /// A TransformStream's readable side: its start promise.
    Promise(JsPromise),
}

impl Start {
    fn run(self, controller: &JsObject, cx: &mut Context) -> JsResult<JsValue> {
        match self {
            Self::None => Ok(JsValue::undefined()),
            Self::Source { source, start } => start.call(&source, &[controller.clone().into()], cx),
            Self::Promise(promise) => Ok(promise.into()),
        }
    }
}

// ---- Interface objects ------------------------------------------------------

/// The interfaces of one realm, built once on first use (context data).
pub(crate) struct Classes {
    stream: StandardConstructor,
    default_reader: StandardConstructor,
    byob_reader: StandardConstructor,
    default_controller: StandardConstructor,
    byte_controller: StandardConstructor,
    byob_request: StandardConstructor,
    /// The prototype of the objects `values()` returns (WebIDL §3.7.10.1).
    async_iterator: JsObject,
    /// The value "get the next iteration result" gives at the end, an
    /// object no script sees.
    end_of_iteration: JsObject,
}

/// The realm's interfaces if built (no stream exists before).
pub(crate) fn classes_if_built(cx: &Context) -> Option<Rc<Classes>> {
    cx.get_data::<Rc<Classes>>().cloned()
}

/// The realm's interfaces, built on first use.
pub(crate) fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = classes_if_built(cx) {
        return classes;
    }
    let stream = build_stream(cx);
    let default_reader = reader::build_default_reader(cx);
    let byob_reader = reader::build_byob_reader(cx);
    let default_controller = default_controller::build(cx);
    let byte_controller = byte_controller::build(cx);
    let byob_request = byte_controller::build_byob_request(cx);
    let async_iterator = iterate::build_async_iterator_prototype(cx);
    let end_of_iteration = JsObject::with_null_proto();
    let classes = Rc::new(Classes {
        stream,
        default_reader,
        byob_reader,
        default_controller,
        byte_controller,
        byob_request,
        async_iterator,
        end_of_iteration,
    });
    cx.insert_data(classes.clone());
    classes
}

/// The interface object of `name` (one of [`GLOBALS`]).
pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    let class = match name {
        "ReadableStream" => &classes.stream,
        "ReadableStreamDefaultReader" => &classes.default_reader,
        "ReadableStreamBYOBReader" => &classes.byob_reader,
        "ReadableStreamDefaultController" => &classes.default_controller,
        "ReadableByteStreamController" => &classes.byte_controller,
        "ReadableStreamBYOBRequest" => &classes.byob_request,
        _ => return None,
    };
    Some(class.constructor())
}

/// The globals of this module.
pub(crate) const GLOBALS: &[&str] = &[
    "ReadableStream",
    "ReadableStreamDefaultReader",
    "ReadableStreamBYOBReader",
    "ReadableStreamDefaultController",
    "ReadableByteStreamController",
    "ReadableStreamBYOBRequest",
];

/// The constructor of an interface that has none for scripts.
pub(crate) fn illegal_constructor(
    _: &JsValue,
    _: &[JsValue],
    _: &mut Context,
) -> JsResult<JsValue> {
    Err(type_error("Illegal constructor"))
}

fn build_stream(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "ReadableStream", 0, construct_stream, None);
    interface
        .attribute(
            "locked",
            |this, _, _| Ok(this_stream(this, "locked")?.is_locked().into()),
            None,
        )
        .operation("cancel", 0, |this, args, cx| {
            let outcome = (|| {
                let stream = this_stream(this, "cancel")?;
                if stream.is_locked() {
                    return Err(type_error("Cannot cancel a locked ReadableStream"));
                }
                cancel(&stream, args.get_or_undefined(0).clone(), cx)
            })();
            promise_of(outcome, cx)
        })
        .operation("getReader", 0, get_reader)
        .operation("pipeThrough", 1, super::pipe::pipe_through)
        .operation("pipeTo", 1, super::pipe::pipe_to_operation)
        .operation("tee", 0, |this, _, cx| {
            let stream = this_stream(this, "tee")?;
            let (first, second) = tee::tee(&stream, cx)?;
            Ok(JsArray::from_iter([first.object().into(), second.object().into()], cx).into())
        })
        .operation("values", 0, iterate::values)
        .static_operation("from", 1, |_, args, cx| {
            require_args(args, 1, "ReadableStream.from")?;
            Ok(iterate::from_iterable(args.get_or_undefined(0), cx)?
                .object()
                .into())
        });
    let class = interface.build();
    // §4.2.1: [Symbol.asyncIterator] is the same function as values.
    let prototype = class.prototype();
    let values = prototype
        .get(js_string!("values"), cx)
        .expect("an own data property of a new object");
    prototype
        .define_property_or_throw(
            JsSymbol::async_iterator(),
            PropertyDescriptor::builder()
                .value(values)
                .writable(true)
                .enumerable(false)
                .configurable(true),
            cx,
        )
        .expect("defining a property of a new object");
    class
}

/// The stream record of `this`, or the WebIDL brand-check TypeError.
fn this_stream(this: &JsValue, member: &str) -> JsResult<Stream> {
    stream_of(this).ok_or_else(|| illegal_invocation("ReadableStream", member))
}

/// The stream record of `value` if it is a ReadableStream.
pub(crate) fn stream_of(value: &JsValue) -> Option<Stream> {
    let object = value.as_object()?;
    let slot = object.downcast_ref::<StreamSlot>()?;
    Some(slot.0.clone())
}

/// `new ReadableStream(underlyingSource, strategy)` (§4.2.4).
fn construct_stream(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let default = classes(cx).stream.prototype();
    let prototype = instance_prototype(new_target, "ReadableStream", &default, cx)?;
    let underlying = args.get_or_undefined(0);
    // WebIDL converts the strategy argument first; the underlying source
    // is an `object`, converted to the dictionary in step 2.
    let strategy = Strategy::from_value(args.get_or_undefined(1), "ReadableStream", cx)?;
    if !underlying.is_undefined() && !underlying.is_object() {
        return Err(type_error(
            "ReadableStream: the underlying source must be an object",
        ));
    }
    let source = UnderlyingSource::from_value(underlying, cx)?;
    let stream = new_stream_with_prototype(prototype);
    if source.is_bytes {
        if strategy.size.is_some() {
            return Err(boa_engine::JsNativeError::range()
                .with_message("ReadableStream: a byte stream's strategy cannot have a size")
                .into());
        }
        let hwm = strategy.high_water_mark(0.0)?;
        if source.auto_allocate_chunk_size == Some(0) {
            return Err(type_error(
                "ReadableStream: autoAllocateChunkSize must be greater than 0",
            ));
        }
        let (start, algorithms) = source.algorithms(underlying);
        let controller = byte_controller::new_controller(&stream, cx);
        byte_controller::set_up(
            &stream,
            &controller,
            start,
            algorithms,
            hwm,
            source.auto_allocate_chunk_size,
            cx,
        )?;
    } else {
        let hwm = strategy.high_water_mark(1.0)?;
        let (start, algorithms) = source.algorithms(underlying);
        let controller = default_controller::new_controller(&stream, cx);
        default_controller::set_up(&controller, start, algorithms, hwm, strategy.size, cx)?;
    }
    Ok(stream.object().into())
}

/// The UnderlyingSource dictionary (§4.2.3), members in lexicographic order.
struct UnderlyingSource {
    auto_allocate_chunk_size: Option<u64>,
    cancel: Option<JsObject>,
    pull: Option<JsObject>,
    start: Option<JsObject>,
    is_bytes: bool,
}

impl UnderlyingSource {
    fn from_value(value: &JsValue, cx: &mut Context) -> JsResult<Self> {
        let what = "ReadableStream: underlying source";
        let Some(source) = value.as_object() else {
            return Ok(Self {
                auto_allocate_chunk_size: None,
                cancel: None,
                pull: None,
                start: None,
                is_bytes: false,
            });
        };
        let auto = source.get(js_string!("autoAllocateChunkSize"), cx)?;
        let auto_allocate_chunk_size = if auto.is_undefined() {
            None
        } else {
            Some(enforce_range(
                &auto,
                &format!("{what} autoAllocateChunkSize"),
                cx,
            )?)
        };
        let cancel = callback_member(&source, "cancel", what, cx)?;
        let pull = callback_member(&source, "pull", what, cx)?;
        let start = callback_member(&source, "start", what, cx)?;
        let kind = source.get(js_string!("type"), cx)?;
        let is_bytes = if kind.is_undefined() {
            false
        } else {
            let kind = kind.to_string(cx)?;
            if kind != js_string!("bytes") {
                return Err(type_error(format!(
                    "{what}: '{}' is not a valid ReadableStreamType",
                    kind.to_std_string_escaped()
                )));
            }
            true
        };
        Ok(Self {
            auto_allocate_chunk_size,
            cancel,
            pull,
            start,
            is_bytes,
        })
    }

    fn algorithms(&self, source: &JsValue) -> (Start, Algorithms) {
        let start = match &self.start {
            Some(start) => Start::Source {
                source: source.clone(),
                start: start.clone(),
            },
            None => Start::None,
        };
        let algorithms = Algorithms::Source {
            source: source.clone(),
            pull: self.pull.clone(),
            cancel: self.cancel.clone(),
        };
        (start, algorithms)
    }
}

/// `getReader(options)` (§4.2.4).
fn get_reader(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let stream = this_stream(this, "getReader")?;
    let options = to_dictionary(args.get_or_undefined(0), "ReadableStream.getReader")?;
    let mode = match options {
        Some(options) => options.get(js_string!("mode"), cx)?,
        None => JsValue::undefined(),
    };
    if mode.is_undefined() {
        return Ok(reader::acquire_default_reader(&stream, cx)?.object().into());
    }
    let mode = mode.to_string(cx)?;
    if mode != js_string!("byob") {
        return Err(type_error(format!(
            "ReadableStream.getReader: '{}' is not a valid ReadableStreamReaderMode",
            mode.to_std_string_escaped()
        )));
    }
    Ok(reader::acquire_byob_reader(&stream, cx)?.object().into())
}

/// InitializeReadableStream for a new object with `prototype`.
fn new_stream_with_prototype(prototype: JsObject) -> Stream {
    let stream = Gc::new(StreamRecord {
        object: GcRefCell::new(None),
        state: Cell::new(State::Readable),
        reader: GcRefCell::new(None),
        stored_error: GcRefCell::new(JsValue::undefined()),
        disturbed: Cell::new(false),
        controller: GcRefCell::new(None),
    });
    let object = JsObject::from_proto_and_data(prototype, StreamSlot(stream.clone()));
    *stream.object.borrow_mut() = Some(object);
    stream
}

/// A new stream object of this realm (no controller yet).
fn new_stream(cx: &mut Context) -> Stream {
    let prototype = classes(cx).stream.prototype();
    new_stream_with_prototype(prototype)
}

/// §4.9.1 CreateReadableStream.
pub(crate) fn create_readable_stream(
    start: Start,
    algorithms: Algorithms,
    hwm: f64,
    size: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<Stream> {
    let stream = new_stream(cx);
    let controller = default_controller::new_controller(&stream, cx);
    default_controller::set_up(&controller, start, algorithms, hwm, size, cx)?;
    Ok(stream)
}

/// §4.9.1 CreateReadableByteStream.
pub(crate) fn create_readable_byte_stream(
    algorithms: Algorithms,
    hwm: f64,
    cx: &mut Context,
) -> JsResult<Stream> {
    let stream = new_stream(cx);
    let controller = byte_controller::new_controller(&stream, cx);
    byte_controller::set_up(&stream, &controller, Start::None, algorithms, hwm, None, cx)?;
    Ok(stream)
}

// ---- Stream operations (§4.9.3) ---------------------------------------------

/// §4.9.3 ReadableStreamCancel.
pub(crate) fn cancel(stream: &Stream, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    stream.set_disturbed();
    match stream.state() {
        State::Closed => return promise::resolved(JsValue::undefined(), cx),
        State::Errored => return promise::rejected(stream.stored_error(), cx),
        State::Readable => {}
    }
    close(stream, cx)?;
    if let Some(reader) = stream.reader()
        && reader.is_byob()
    {
        for request in reader.take_requests() {
            request.close(JsValue::undefined(), cx)?;
        }
    }
    let source_cancel = stream.controller().cancel_steps(reason, cx)?;
    let to_undefined = promise::reaction(|_: &(), _, _| Ok(JsValue::undefined()), (), cx);
    promise::react(&source_cancel, Some(to_undefined), None, cx)
}

/// §4.9.3 ReadableStreamClose.
pub(crate) fn close(stream: &Stream, cx: &mut Context) -> JsResult<()> {
    stream.state.set(State::Closed);
    let Some(reader) = stream.reader() else {
        return Ok(());
    };
    reader.closed().resolve(JsValue::undefined(), cx)?;
    if !reader.is_byob() {
        for request in reader.take_requests() {
            request.close(JsValue::undefined(), cx)?;
        }
    }
    Ok(())
}

/// §4.9.3 ReadableStreamError.
pub(crate) fn error(stream: &Stream, e: JsValue, cx: &mut Context) -> JsResult<()> {
    stream.state.set(State::Errored);
    *stream.stored_error.borrow_mut() = e.clone();
    let Some(reader) = stream.reader() else {
        return Ok(());
    };
    let closed = reader.closed();
    closed.reject(e.clone(), cx)?;
    promise::set_handled(&closed.promise, cx)?;
    reader::error_requests(&reader, e, cx)
}

/// ReadableStreamFulfillReadRequest / ReadableStreamFulfillReadIntoRequest:
/// the first pending request gets `chunk`; `done` closes it instead (a
/// read-into request with the chunk as its value, a read request without).
pub(crate) fn fulfill_request(
    stream: &Stream,
    chunk: JsValue,
    done: bool,
    cx: &mut Context,
) -> JsResult<()> {
    let Some(reader) = stream.reader() else {
        return Ok(());
    };
    let Some(request) = reader.shift_request() else {
        return Ok(());
    };
    if done {
        let value = if reader.is_byob() {
            chunk
        } else {
            JsValue::undefined()
        };
        request.close(value, cx)
    } else {
        request.chunk(chunk, cx)
    }
}

/// ReadableStreamGetNumReadRequests / ...ReadIntoRequests.
pub(crate) fn num_requests(stream: &Stream) -> usize {
    stream.reader().map_or(0, |r| r.num_requests())
}

/// ReadableStreamHasDefaultReader.
pub(crate) fn has_default_reader(stream: &Stream) -> bool {
    stream.reader().is_some_and(|r| !r.is_byob())
}

/// ReadableStreamHasBYOBReader.
pub(crate) fn has_byob_reader(stream: &Stream) -> bool {
    stream.reader().is_some_and(|r| r.is_byob())
}

/// A TypeError object, as a script would catch it.
pub(crate) fn type_error_value(message: &str, cx: &mut Context) -> JsValue {
    JsNativeError::typ()
        .with_message(message.to_owned())
        .into_opaque(cx)
        .into()
}

// ---- The Rust seam ----------------------------------------------------------

/// A new byte stream (or default stream, `bytes` false) whose chunks come
/// from the native `pull(controller)`; see `streams::new_readable_stream`.
pub(crate) fn new_native_stream(
    pull: JsObject,
    cancel: Option<JsObject>,
    bytes: bool,
    hwm: f64,
    cx: &mut Context,
) -> JsResult<Stream> {
    let algorithms = Algorithms::Native { pull, cancel };
    if bytes {
        create_readable_byte_stream(algorithms, hwm, cx)
    } else {
        create_readable_stream(Start::None, algorithms, hwm, None, cx)
    }
}

/// `[reason1, reason2]` for a tee's composite cancel reason.
pub(crate) fn pair_array(first: JsValue, second: JsValue, cx: &mut Context) -> JsValue {
    JsArray::from_iter([first, second], cx).into()
}
