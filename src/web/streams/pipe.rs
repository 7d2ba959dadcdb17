//! `ReadableStream.prototype.pipeTo` and `pipeThrough` (Streams Standard
//! §4.2.4, §4.9.1 ReadableStreamPipeTo,
//! <https://streams.spec.whatwg.org/#readable-stream-pipe-to>).
//!
//! The closure variables of the standard's algorithm are the fields of
//! [`Pipe`]; its continuations ("shutdown with an action", "wait for
//! pending writes") are the enums [`Action`] and [`AfterWrites`].

use std::cell::Cell;

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{Context, JsArgs, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::promise::{self, Deferred, promise_of};
use super::readable::reader::{self, Reader};
use super::readable::{self, State, Stream, stream_of, type_error_value};
use super::writable::writer::{self, Writer};
use super::writable::{self, Writable, WritableState, writable_of};
use crate::web::abort::{self, AbortState};
use crate::web::webidl::{illegal_invocation, require_args, to_dictionary, type_error};

/// The state of one pipe.
#[derive(Trace, Finalize)]
pub(crate) struct Pipe {
    source: Stream,
    dest: Writable,
    reader: Reader,
    writer: Writer,
    #[unsafe_ignore_trace]
    prevent_close: bool,
    #[unsafe_ignore_trace]
    prevent_abort: bool,
    #[unsafe_ignore_trace]
    prevent_cancel: bool,
    signal: Option<JsObject>,
    #[unsafe_ignore_trace]
    shutting_down: Cell<bool>,
    /// The last write started; shutdown waits for it.
    current_write: GcRefCell<JsPromise>,
    promise: Deferred,
    abort_algorithm: GcRefCell<Option<JsFunction>>,
}

/// An action of "shutdown with an action".
/// (`unsafe_no_drop` here and below: no `Finalize` work, and the derived
/// `Drop` would forbid matching by value.)
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
enum Action {
    AbortDest(JsValue),
    CancelSource(JsValue),
    CloseDest,
    /// The signal's abort algorithm: abort the destination and cancel the
    /// source, as the prevent options allow, and wait for both.
    Aborted(JsValue),
}

/// What to do once no write is pending.
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
enum AfterWrites {
    Finalize {
        #[unsafe_ignore_trace]
        is_error: bool,
        error: JsValue,
    },
    Action {
        action: Action,
        #[unsafe_ignore_trace]
        is_error: bool,
        error: JsValue,
    },
}

#[derive(Trace, Finalize, Clone)]
struct Waiting {
    pipe: Gc<Pipe>,
    write: JsPromise,
    then: AfterWrites,
}

/// The StreamPipeOptions dictionary, members in lexicographic order.
struct Options {
    prevent_abort: bool,
    prevent_cancel: bool,
    prevent_close: bool,
    signal: Option<JsObject>,
}

fn to_options(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Options> {
    let Some(dict) = to_dictionary(value, what)? else {
        return Ok(Options {
            prevent_abort: false,
            prevent_cancel: false,
            prevent_close: false,
            signal: None,
        });
    };
    let prevent_abort = dict.get(js_string!("preventAbort"), cx)?.to_boolean();
    let prevent_cancel = dict.get(js_string!("preventCancel"), cx)?.to_boolean();
    let prevent_close = dict.get(js_string!("preventClose"), cx)?.to_boolean();
    let signal = dict.get(js_string!("signal"), cx)?;
    let signal = if signal.is_undefined() {
        None
    } else {
        if abort::abort_state(cx, &signal)?.is_none() {
            return Err(type_error(format!(
                "{what}: options.signal is not an AbortSignal"
            )));
        }
        signal.as_object()
    };
    Ok(Options {
        prevent_abort,
        prevent_cancel,
        prevent_close,
        signal,
    })
}

fn this_stream(this: &JsValue, member: &str) -> JsResult<Stream> {
    stream_of(this).ok_or_else(|| illegal_invocation("ReadableStream", member))
}

/// `pipeThrough(transform, options)`.
pub(crate) fn pipe_through(
    this: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let source = this_stream(this, "pipeThrough")?;
    require_args(args, 1, "ReadableStream.pipeThrough")?;
    // ReadableWritablePair: readable, then writable.
    let Some(pair) = args.get_or_undefined(0).as_object() else {
        return Err(type_error(
            "pipeThrough: the first argument must be an object",
        ));
    };
    let readable_value = pair.get(js_string!("readable"), cx)?;
    if stream_of(&readable_value).is_none() {
        return Err(type_error(
            "pipeThrough: transform.readable is not a ReadableStream",
        ));
    }
    let writable_value = pair.get(js_string!("writable"), cx)?;
    let Some(dest) = writable_of(&writable_value) else {
        return Err(type_error(
            "pipeThrough: transform.writable is not a WritableStream",
        ));
    };
    let options = to_options(args.get_or_undefined(1), "ReadableStream.pipeThrough", cx)?;
    if source.is_locked() {
        return Err(type_error("pipeThrough: the ReadableStream is locked"));
    }
    if dest.is_locked() {
        return Err(type_error("pipeThrough: transform.writable is locked"));
    }
    let promise = pipe_to(&source, &dest, options, cx)?;
    promise::set_handled(&promise, cx)?;
    Ok(readable_value)
}

/// `pipeTo(destination, options)`.
pub(crate) fn pipe_to_operation(
    this: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let outcome = (|| {
        let source = this_stream(this, "pipeTo")?;
        require_args(args, 1, "ReadableStream.pipeTo")?;
        let dest = writable_of(args.get_or_undefined(0))
            .ok_or_else(|| type_error("pipeTo: the destination is not a WritableStream"))?;
        let options = to_options(args.get_or_undefined(1), "ReadableStream.pipeTo", cx)?;
        if source.is_locked() {
            return Err(type_error("pipeTo: the ReadableStream is locked"));
        }
        if dest.is_locked() {
            return Err(type_error("pipeTo: the WritableStream is locked"));
        }
        pipe_to(&source, &dest, options, cx)
    })();
    promise_of(outcome, cx)
}

/// §4.9.1 ReadableStreamPipeTo.
fn pipe_to(
    source: &Stream,
    dest: &Writable,
    options: Options,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let reader = reader::acquire_default_reader(source, cx)?;
    let writer = writer::acquire_writer(dest, cx)?;
    source.set_disturbed();
    let pipe = Gc::new(Pipe {
        source: source.clone(),
        dest: dest.clone(),
        reader: reader.clone(),
        writer: writer.clone(),
        prevent_close: options.prevent_close,
        prevent_abort: options.prevent_abort,
        prevent_cancel: options.prevent_cancel,
        signal: options.signal.clone(),
        shutting_down: Cell::new(false),
        current_write: GcRefCell::new(promise::resolved(JsValue::undefined(), cx)?),
        promise: Deferred::new(cx),
        abort_algorithm: GcRefCell::new(None),
    });
    let result = pipe.promise.promise.clone();
    if let Some(signal) = &options.signal {
        let algorithm = promise::reaction(
            |pipe: &Gc<Pipe>, _, cx| {
                abort_algorithm(pipe, cx)?;
                Ok(JsValue::undefined())
            },
            pipe.clone(),
            cx,
        );
        *pipe.abort_algorithm.borrow_mut() = Some(algorithm.clone());
        if matches!(
            abort::abort_state(cx, &signal.clone().into())?,
            Some(AbortState::Aborted(_))
        ) {
            abort_algorithm(&pipe, cx)?;
            return Ok(result);
        }
        abort::add_abort_algorithm(cx, signal, algorithm)?;
    }
    check_states(&pipe, cx)?;
    if pipe.shutting_down.get() {
        return Ok(result);
    }
    promise::upon(
        &reader.closed().promise,
        pipe.clone(),
        Some(|pipe, _, cx| {
            if !pipe.shutting_down.get() {
                on_source_closed(pipe, cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|pipe, _, cx| {
            if !pipe.shutting_down.get() {
                on_source_errored(pipe, cx)?;
            }
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    promise::upon(
        &writer.closed().promise,
        pipe.clone(),
        Some(|_, _, _| Ok(JsValue::undefined())),
        Some(|pipe, _, cx| {
            if !pipe.shutting_down.get() {
                on_dest_errored(pipe, cx)?;
            }
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    pipe_loop(&pipe, cx)?;
    Ok(result)
}

/// Reads only while the destination wants chunks (`writer.ready`), one at
/// a time; each chunk is written without waiting for the write.
fn pipe_loop(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    if pipe.shutting_down.get() {
        return Ok(());
    }
    promise::upon(
        &pipe.writer.ready().promise,
        pipe.clone(),
        Some(|pipe, _, cx| {
            if !pipe.shutting_down.get() {
                reader::default_read(&pipe.reader, reader::ReadRequest::Pipe(pipe.clone()), cx)?;
            }
            Ok(JsValue::undefined())
        }),
        Some(|_, _, _| Ok(JsValue::undefined())),
        cx,
    )?;
    Ok(())
}

/// The pipe's read request chunk steps (its close and error steps do
/// nothing: the closed promise reactions handle those).
pub(crate) fn on_chunk(pipe: &Gc<Pipe>, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
    let written = writer::write(&pipe.writer, chunk, cx)?;
    let noop = promise::reaction(|_: &(), _, _| Ok(JsValue::undefined()), (), cx);
    let settled = promise::react(&written, Some(noop.clone()), Some(noop), cx)?;
    *pipe.current_write.borrow_mut() = settled;
    pipe_loop(pipe, cx)
}

fn abort_algorithm(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    let error = match &pipe.signal {
        Some(signal) => match abort::abort_state(cx, &signal.clone().into())? {
            Some(AbortState::Aborted(reason)) => reason,
            _ => JsValue::undefined(),
        },
        None => JsValue::undefined(),
    };
    shutdown_with_action(pipe, Action::Aborted(error.clone()), true, error, cx)
}

/// The state checks, in the order the standard lists them.
fn check_states(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    if pipe.source.state() == State::Errored {
        on_source_errored(pipe, cx)
    } else if pipe.dest.state() == WritableState::Errored {
        on_dest_errored(pipe, cx)
    } else if pipe.source.state() == State::Closed {
        on_source_closed(pipe, cx)
    } else if pipe.dest.close_queued_or_in_flight() || pipe.dest.state() == WritableState::Closed {
        on_dest_closed(pipe, cx)
    } else {
        Ok(())
    }
}

fn on_source_errored(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    let e = pipe.source.stored_error();
    if !pipe.prevent_abort {
        shutdown_with_action(pipe, Action::AbortDest(e.clone()), true, e, cx)
    } else {
        shutdown(pipe, true, e, cx)
    }
}

fn on_dest_errored(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    let e = pipe.dest.stored_error();
    if !pipe.prevent_cancel {
        shutdown_with_action(pipe, Action::CancelSource(e.clone()), true, e, cx)
    } else {
        shutdown(pipe, true, e, cx)
    }
}

fn on_source_closed(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    if !pipe.prevent_close {
        shutdown_with_action(pipe, Action::CloseDest, false, JsValue::undefined(), cx)
    } else {
        shutdown(pipe, false, JsValue::undefined(), cx)
    }
}

fn on_dest_closed(pipe: &Gc<Pipe>, cx: &mut Context) -> JsResult<()> {
    let e = type_error_value("The destination WritableStream is closed", cx);
    if !pipe.prevent_cancel {
        shutdown_with_action(pipe, Action::CancelSource(e.clone()), true, e, cx)
    } else {
        shutdown(pipe, true, e, cx)
    }
}

fn dest_writable_and_open(pipe: &Pipe) -> bool {
    pipe.dest.state() == WritableState::Writable && !pipe.dest.close_queued_or_in_flight()
}

/// "Shutdown with an action".
fn shutdown_with_action(
    pipe: &Gc<Pipe>,
    action: Action,
    is_error: bool,
    error: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    if pipe.shutting_down.replace(true) {
        return Ok(());
    }
    let then = AfterWrites::Action {
        action,
        is_error,
        error,
    };
    if dest_writable_and_open(pipe) {
        wait_for_writes(pipe, then, cx)
    } else {
        after_writes(pipe, then, cx)
    }
}

/// "Shutdown".
fn shutdown(pipe: &Gc<Pipe>, is_error: bool, error: JsValue, cx: &mut Context) -> JsResult<()> {
    if pipe.shutting_down.replace(true) {
        return Ok(());
    }
    let then = AfterWrites::Finalize { is_error, error };
    if dest_writable_and_open(pipe) {
        wait_for_writes(pipe, then, cx)
    } else {
        after_writes(pipe, then, cx)
    }
}

/// Waits until no write is pending (writes started while waiting
/// included), then does `then`.
fn wait_for_writes(pipe: &Gc<Pipe>, then: AfterWrites, cx: &mut Context) -> JsResult<()> {
    let write = pipe.current_write.borrow().clone();
    let waiting = Waiting {
        pipe: pipe.clone(),
        write: write.clone(),
        then,
    };
    let step: promise::Reaction<Waiting> = |w, _, cx| {
        let current = w.pipe.current_write.borrow().clone();
        if JsObject::equals(&JsObject::from(current), &JsObject::from(w.write.clone())) {
            after_writes(&w.pipe, w.then.clone(), cx)?;
        } else {
            wait_for_writes(&w.pipe, w.then.clone(), cx)?;
        }
        Ok(JsValue::undefined())
    };
    promise::upon(&write, waiting, Some(step), Some(step), cx)?;
    Ok(())
}

fn after_writes(pipe: &Gc<Pipe>, then: AfterWrites, cx: &mut Context) -> JsResult<()> {
    match then {
        AfterWrites::Finalize { is_error, error } => finalize(pipe, is_error, error, cx),
        AfterWrites::Action {
            action,
            is_error,
            error,
        } => {
            let done = match run(pipe, &action, cx) {
                Ok(promise) => promise,
                Err(e) => {
                    let e = promise::thrown(e, cx)?;
                    promise::rejected(e, cx)?
                }
            };
            #[derive(Trace, Finalize, Clone)]
            struct Ending {
                pipe: Gc<Pipe>,
                #[unsafe_ignore_trace]
                is_error: bool,
                error: JsValue,
            }
            promise::upon(
                &done,
                Ending {
                    pipe: pipe.clone(),
                    is_error,
                    error,
                },
                Some(|e, _, cx| {
                    finalize(&e.pipe, e.is_error, e.error.clone(), cx)?;
                    Ok(JsValue::undefined())
                }),
                Some(|e, new_error, cx| {
                    finalize(&e.pipe, true, new_error, cx)?;
                    Ok(JsValue::undefined())
                }),
                cx,
            )?;
            Ok(())
        }
    }
}

/// Runs a shutdown action: a promise.
fn run(pipe: &Gc<Pipe>, action: &Action, cx: &mut Context) -> JsResult<JsPromise> {
    match action {
        Action::AbortDest(e) => writable::abort(&pipe.dest, e.clone(), cx),
        Action::CancelSource(e) => readable::cancel(&pipe.source, e.clone(), cx),
        Action::CloseDest => writer::close_with_error_propagation(&pipe.writer, cx),
        Action::Aborted(error) => {
            let mut actions = Vec::new();
            if !pipe.prevent_abort {
                actions.push(if pipe.dest.state() == WritableState::Writable {
                    writable::abort(&pipe.dest, error.clone(), cx)?
                } else {
                    promise::resolved(JsValue::undefined(), cx)?
                });
            }
            if !pipe.prevent_cancel {
                actions.push(if pipe.source.state() == State::Readable {
                    readable::cancel(&pipe.source, error.clone(), cx)?
                } else {
                    promise::resolved(JsValue::undefined(), cx)?
                });
            }
            // "Waiting for all" (WebIDL §3.2.24).
            JsPromise::all(actions, cx)
        }
    }
}

/// "Finalize".
fn finalize(pipe: &Gc<Pipe>, is_error: bool, error: JsValue, cx: &mut Context) -> JsResult<()> {
    writer::release(&pipe.writer, cx)?;
    reader::release(&pipe.reader, cx)?;
    if let Some(signal) = &pipe.signal {
        let algorithm = pipe.abort_algorithm.borrow().clone();
        if let Some(algorithm) = algorithm {
            abort::remove_abort_algorithm(cx, signal, &algorithm)?;
        }
    }
    if is_error {
        pipe.promise.reject(error, cx)
    } else {
        pipe.promise.resolve(JsValue::undefined(), cx)
    }
}
