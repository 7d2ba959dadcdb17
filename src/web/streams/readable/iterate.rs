//! Async iteration of a ReadableStream (Streams §4.2.5, WebIDL §3.7.10,
//! <https://streams.spec.whatwg.org/#rs-asynciterator>) and
//! `ReadableStream.from` (§4.9.1 ReadableStreamFromIterable).

use std::cell::Cell;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsPromise;
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{
    Context, JsArgs, JsData, JsError, JsObject, JsResult, JsString, JsSymbol, JsValue,
    NativeFunction, js_string,
};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::reader::{self, ReadRequest, Reader};
use super::{Algorithms, Start, Stream, classes, default_controller, stream_of};
use crate::web::streams::promise::{self, Deferred, promise_of};
use crate::web::webidl::{illegal_invocation, to_dictionary, type_error};

/// The state of a `values()` iterator (§4.2.5).
#[derive(Trace, Finalize)]
struct IteratorRecord {
    reader: Reader,
    #[unsafe_ignore_trace]
    prevent_cancel: bool,
    /// WebIDL's [[ongoingPromise]].
    ongoing: GcRefCell<Option<JsPromise>>,
    #[unsafe_ignore_trace]
    finished: Cell<bool>,
}

#[derive(Trace, Finalize, JsData)]
struct IteratorSlot(Gc<IteratorRecord>);

/// `values({ preventCancel })` and `[Symbol.asyncIterator]`.
pub(super) fn values(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let stream = stream_of(this).ok_or_else(|| illegal_invocation("ReadableStream", "values"))?;
    let options = to_dictionary(args.get_or_undefined(0), "ReadableStream.values")?;
    let prevent_cancel = match options {
        Some(options) => options.get(js_string!("preventCancel"), cx)?.to_boolean(),
        None => false,
    };
    let reader = reader::acquire_default_reader(&stream, cx)?;
    let record = Gc::new(IteratorRecord {
        reader,
        prevent_cancel,
        ongoing: GcRefCell::new(None),
        finished: Cell::new(false),
    });
    let prototype = classes(cx).async_iterator.clone();
    Ok(JsObject::from_proto_and_data(prototype, IteratorSlot(record)).into())
}

pub(super) fn build_async_iterator_prototype(cx: &mut Context) -> JsObject {
    let parent = cx
        .intrinsics()
        .objects()
        .iterator_prototypes()
        .async_iterator();
    let prototype = ObjectInitializer::new(cx)
        .function(NativeFunction::from_fn_ptr(next), js_string!("next"), 0)
        .function(
            NativeFunction::from_fn_ptr(return_),
            js_string!("return"),
            1,
        )
        .property(
            JsSymbol::to_string_tag(),
            js_string!("ReadableStream AsyncIterator"),
            Attribute::CONFIGURABLE,
        )
        .build();
    prototype.set_prototype(Some(parent));
    // Operations are enumerable (WebIDL §3.7.10.1).
    for name in ["next", "return"] {
        let key = JsString::from(name);
        let function = prototype
            .get(key.clone(), cx)
            .expect("an own data property of a new object");
        prototype
            .define_property_or_throw(
                key,
                PropertyDescriptor::builder()
                    .value(function)
                    .writable(true)
                    .enumerable(true)
                    .configurable(true),
                cx,
            )
            .expect("redefining a property of a new object");
    }
    prototype
}

fn this_iterator(this: &JsValue, member: &str) -> JsResult<Gc<IteratorRecord>> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<IteratorSlot>().map(|s| s.0.clone()))
        .ok_or_else(|| illegal_invocation("ReadableStream AsyncIterator", member))
}

/// §4.2.5 "get the next iteration result": a promise of the chunk, or of
/// the end-of-iteration marker.
fn next_iteration_result(it: &IteratorRecord, cx: &mut Context) -> JsResult<JsPromise> {
    let deferred = Deferred::new(cx);
    let promise = deferred.promise.clone();
    let request = ReadRequest::Iteration {
        deferred,
        reader: it.reader.clone(),
    };
    reader::default_read(&it.reader, request, cx)?;
    Ok(promise)
}

/// WebIDL's "next steps".
fn next_steps(it: &Gc<IteratorRecord>, _: JsValue, cx: &mut Context) -> JsResult<JsValue> {
    if it.finished.get() {
        let done = promise::iter_result(JsValue::undefined(), true, cx);
        return Ok(promise::resolved(done, cx)?.into());
    }
    let result = next_iteration_result(it, cx)?;
    let derived = promise::upon(
        &result,
        it.clone(),
        Some(|it, value, cx| {
            *it.ongoing.borrow_mut() = None;
            let end = classes(cx).end_of_iteration.clone();
            if value
                .as_object()
                .is_some_and(|o| JsObject::equals(&o, &end))
            {
                it.finished.set(true);
                return Ok(promise::iter_result(JsValue::undefined(), true, cx));
            }
            Ok(promise::iter_result(value, false, cx))
        }),
        Some(|it, reason, _| {
            *it.ongoing.borrow_mut() = None;
            it.finished.set(true);
            Err(JsError::from_opaque(reason))
        }),
        cx,
    )?;
    Ok(derived.into())
}

/// `%ReadableStreamAsyncIteratorPrototype%.next()`.
fn next(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let outcome = (|| {
        let it = this_iterator(this, "next")?;
        let ongoing = it.ongoing.borrow().clone();
        let promise = match ongoing {
            None => {
                let value = next_steps(&it, JsValue::undefined(), cx)?;
                JsPromise::from_object(value.as_object().expect("a promise"))?
            }
            Some(ongoing) => {
                promise::upon(&ongoing, it.clone(), Some(next_steps), Some(next_steps), cx)?
            }
        };
        *it.ongoing.borrow_mut() = Some(promise.clone());
        Ok(promise)
    })();
    promise_of(outcome, cx)
}

#[derive(Trace, Finalize, Clone)]
struct ReturnCall {
    it: Gc<IteratorRecord>,
    value: JsValue,
}

/// WebIDL's "return steps" with §4.2.5 "asynchronous iterator return".
fn return_steps(call: &ReturnCall, _: JsValue, cx: &mut Context) -> JsResult<JsValue> {
    let it = &call.it;
    if it.finished.get() {
        return Ok(promise::resolved(JsValue::undefined(), cx)?.into());
    }
    it.finished.set(true);
    let reader = &it.reader;
    if !it.prevent_cancel {
        let result = match reader.stream() {
            Some(stream) => super::cancel(&stream, call.value.clone(), cx)?,
            None => promise::resolved(JsValue::undefined(), cx)?,
        };
        reader::release(reader, cx)?;
        return Ok(result.into());
    }
    reader::release(reader, cx)?;
    Ok(promise::resolved(JsValue::undefined(), cx)?.into())
}

/// `%ReadableStreamAsyncIteratorPrototype%.return(value)`.
fn return_(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let outcome = (|| {
        let it = this_iterator(this, "return")?;
        let call = ReturnCall {
            it: it.clone(),
            value: args.get_or_undefined(0).clone(),
        };
        let ongoing = it.ongoing.borrow().clone();
        let return_promise = match ongoing {
            None => {
                let value = return_steps(&call, JsValue::undefined(), cx)?;
                JsPromise::from_object(value.as_object().expect("a promise"))?
            }
            Some(ongoing) => promise::upon(
                &ongoing,
                call.clone(),
                Some(return_steps),
                Some(return_steps),
                cx,
            )?,
        };
        *it.ongoing.borrow_mut() = Some(return_promise.clone());
        promise::upon(
            &return_promise,
            call,
            Some(|call, _, cx| Ok(promise::iter_result(call.value.clone(), true, cx))),
            None,
            cx,
        )
    })();
    promise_of(outcome, cx)
}

// ---- ReadableStream.from ------------------------------------------------------

/// The iterator record of ReadableStreamFromIterable; a sync iterator is
/// read as CreateAsyncFromSyncIterator does (its values awaited).
#[derive(Trace, Finalize)]
pub(crate) struct IterableSource {
    iterator: JsObject,
    next: JsValue,
    #[unsafe_ignore_trace]
    sync: bool,
    stream: GcRefCell<Option<Stream>>,
}

fn is_object(value: &JsValue) -> bool {
    value.is_object()
}

/// §4.9.1 ReadableStreamFromIterable.
pub(crate) fn from_iterable(value: &JsValue, cx: &mut Context) -> JsResult<Stream> {
    let not_iterable = || type_error("ReadableStream.from: the argument is not iterable");
    let method = if value.is_null_or_undefined() {
        JsValue::undefined()
    } else {
        value.to_object(cx)?.get(JsSymbol::async_iterator(), cx)?
    };
    let (iterator, sync) = if method.is_null_or_undefined() {
        let sync_method = if value.is_null_or_undefined() {
            JsValue::undefined()
        } else {
            value.to_object(cx)?.get(JsSymbol::iterator(), cx)?
        };
        let sync_method = sync_method.as_callable().ok_or_else(not_iterable)?;
        (sync_method.call(value, &[], cx)?, true)
    } else {
        let method = method.as_callable().ok_or_else(|| {
            type_error("ReadableStream.from: Symbol.asyncIterator is not a function")
        })?;
        (method.call(value, &[], cx)?, false)
    };
    let iterator = iterator
        .as_object()
        .ok_or_else(|| type_error("ReadableStream.from: the iterator is not an object"))?;
    let next = iterator.get(js_string!("next"), cx)?;
    let source = Gc::new(IterableSource {
        iterator,
        next,
        sync,
        stream: GcRefCell::new(None),
    });
    let stream = super::create_readable_stream(
        Start::None,
        Algorithms::Iterable(source.clone()),
        0.0,
        None,
        cx,
    )?;
    *source.stream.borrow_mut() = Some(stream.clone());
    Ok(stream)
}

/// The iterator's `next()`: a promise of an iterator result (for a sync
/// iterator, of `{ value: await value, done }`).
fn call_next(source: &IterableSource, cx: &mut Context) -> JsResult<JsValue> {
    let next = source
        .next
        .as_callable()
        .ok_or_else(|| type_error("ReadableStream.from: the iterator's next is not a function"))?;
    let result = next.call(&source.iterator.clone().into(), &[], cx)?;
    if !source.sync {
        return Ok(result);
    }
    Ok(awaited_result(&result, cx)?.into())
}

/// CreateAsyncFromSyncIterator's continuation: a promise of
/// `{ value: await result.value, done: result.done }` for the sync
/// iterator result `result`.
fn awaited_result(result: &JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    let result = result
        .as_object()
        .ok_or_else(|| type_error("ReadableStream.from: the iterator result is not an object"))?;
    let done = result.get(js_string!("done"), cx)?.to_boolean();
    let value = result.get(js_string!("value"), cx)?;
    let value = promise::resolved(value, cx)?;
    let with_done = if done {
        |_: &(), value, cx: &mut Context| Ok(promise::iter_result(value, true, cx))
    } else {
        |_: &(), value, cx: &mut Context| Ok(promise::iter_result(value, false, cx))
    };
    promise::upon(&value, (), Some(with_done), None, cx)
}

/// The pull algorithm of ReadableStreamFromIterable.
pub(super) fn from_pull(source: &Gc<IterableSource>, cx: &mut Context) -> JsResult<JsPromise> {
    let next_result = match call_next(source, cx) {
        Ok(result) => result,
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            return promise::rejected(e, cx);
        }
    };
    let next_promise = promise::resolved(next_result, cx)?;
    promise::upon(
        &next_promise,
        source.clone(),
        Some(|source, result, cx| {
            let Some(result) = result.as_object() else {
                return Err(type_error(
                    "ReadableStream.from: the iterator result is not an object",
                ));
            };
            let stream = source.stream.borrow().clone().expect("set when made");
            let controller = stream.controller();
            let super::Controller::Default(c) = &controller else {
                unreachable!("ReadableStream.from makes a default stream")
            };
            if result.get(js_string!("done"), cx)?.to_boolean() {
                default_controller::close(c, cx)?;
            } else {
                let value = result.get(js_string!("value"), cx)?;
                default_controller::enqueue(c, value, cx)?;
            }
            Ok(JsValue::undefined())
        }),
        None,
        cx,
    )
}

/// The cancel algorithm of ReadableStreamFromIterable.
pub(super) fn from_cancel(
    source: &Gc<IterableSource>,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let outcome: JsResult<Option<JsValue>> = (|| {
        let return_method = source.iterator.get(js_string!("return"), cx)?;
        if return_method.is_null_or_undefined() {
            if source.sync {
                let done = promise::iter_result(reason.clone(), true, cx);
                return Ok(Some(promise::resolved(done, cx)?.into()));
            }
            return Ok(None);
        }
        let return_method = return_method
            .as_callable()
            .ok_or_else(|| type_error("ReadableStream.from: return is not a function"))?;
        let result = return_method.call(
            &source.iterator.clone().into(),
            std::slice::from_ref(&reason),
            cx,
        )?;
        if !source.sync {
            return Ok(Some(result));
        }
        // CreateAsyncFromSyncIterator's return: awaits the value.
        Ok(Some(awaited_result(&result, cx)?.into()))
    })();
    let result = match outcome {
        Ok(Some(result)) => result,
        Ok(None) => return promise::resolved(JsValue::undefined(), cx),
        Err(e) => {
            let e = promise::thrown(e, cx)?;
            return promise::rejected(e, cx);
        }
    };
    let result = promise::resolved(result, cx)?;
    promise::upon(
        &result,
        (),
        Some(|_, r, _| {
            if !is_object(&r) {
                return Err(type_error(
                    "ReadableStream.from: return() did not give an object",
                ));
            }
            Ok(JsValue::undefined())
        }),
        None,
        cx,
    )
}
