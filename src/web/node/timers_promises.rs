//! `node:timers/promises` (<https://nodejs.org/docs/latest-v20.x/api/timers.html#timers-promises-api>):
//! `setTimeout(delay, value, { signal })`, `setImmediate(value, { signal })`,
//! `setInterval(delay, value, { signal })` (an async iterator) and
//! `scheduler.wait(delay, { signal })`, on the event loop's timers. An
//! aborted signal rejects with node's `AbortError` (`code` `ABORT_ERR`,
//! the signal's reason as `cause`).

use std::cell::Cell;
use std::time::Duration;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsValue,
    NativeFunction, Trace, js_string,
};
use boa_gc::{Gc, GcRefCell};

use crate::runtime::event_loop::EventLoop;
use crate::runtime::timers::TimerCallback;
use crate::web::abort::{self, AbortState};
use crate::web::webidl::type_error;

/// The module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let scheduler = ObjectInitializer::new(cx)
        .function(NativeFunction::from_fn_ptr(wait), js_string!("wait"), 2)
        .build();
    let mut object = ObjectInitializer::new(cx);
    object
        .function(
            NativeFunction::from_fn_ptr(set_timeout),
            js_string!("setTimeout"),
            3,
        )
        .function(
            NativeFunction::from_fn_ptr(set_immediate),
            js_string!("setImmediate"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(set_interval),
            js_string!("setInterval"),
            3,
        )
        .property(js_string!("scheduler"), scheduler, Attribute::all());
    Ok(object.build().into())
}

/// The delay as node clamps it (the timers' own rule).
fn delay(value: &JsValue, cx: &mut Context) -> JsResult<Duration> {
    crate::web::timers::clamp_delay(value, cx)
}

/// The `signal` option, checked to be an AbortSignal.
fn signal_option(options: &JsValue, cx: &mut Context) -> JsResult<Option<JsObject>> {
    if options.is_undefined() {
        return Ok(None);
    }
    let Some(options) = options.as_object() else {
        return Err(type_error(
            "The \"options\" argument must be of type object",
        ));
    };
    let signal = options.get(js_string!("signal"), cx)?;
    if signal.is_undefined() {
        return Ok(None);
    }
    if abort::abort_state(cx, &signal)?.is_none() {
        return Err(type_error(
            "The \"options.signal\" property must be an instance of AbortSignal",
        ));
    }
    Ok(signal.as_object())
}

/// node's AbortError for an aborted timer.
fn abort_error(reason: JsValue, cx: &mut Context) -> JsValue {
    let error = JsNativeError::error()
        .with_message("The operation was aborted")
        .into_opaque(cx);
    let _ = error.set(js_string!("name"), js_string!("AbortError"), false, cx);
    let _ = error.set(js_string!("code"), js_string!("ABORT_ERR"), false, cx);
    let _ = error.set(js_string!("cause"), reason, false, cx);
    error.into()
}

fn event_loop(cx: &Context) -> JsResult<std::rc::Rc<EventLoop>> {
    EventLoop::of(cx).ok_or_else(|| type_error("timers/promises needs the nano-boa event loop"))
}

/// One pending timer promise.
#[derive(Trace, Finalize)]
struct Pending {
    resolve: JsFunction,
    reject: JsFunction,
    value: JsValue,
    signal: Option<JsObject>,
    on_abort: GcRefCell<Option<JsFunction>>,
    #[unsafe_ignore_trace]
    timer: Cell<u32>,
}

/// A promise resolved with `value` after `after`, or rejected when
/// `signal` aborts first.
fn timer_promise(
    after: Duration,
    value: JsValue,
    signal: Option<JsObject>,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let (promise, resolvers) = JsPromise::new_pending(cx);
    if let Some(signal) = &signal
        && let Some(AbortState::Aborted(reason)) = abort::abort_state(cx, &signal.clone().into())?
    {
        let error = abort_error(reason, cx);
        resolvers.reject.call(&JsValue::undefined(), &[error], cx)?;
        return Ok(promise);
    }
    let pending = Gc::new(Pending {
        resolve: resolvers.resolve,
        reject: resolvers.reject,
        value,
        signal: signal.clone(),
        on_abort: GcRefCell::new(None),
        timer: Cell::new(0),
    });
    let fire = NativeFunction::from_copy_closure_with_captures(
        |_, _, p: &Gc<Pending>, cx| {
            if let (Some(signal), Some(on_abort)) = (&p.signal, p.on_abort.borrow().clone()) {
                abort::remove_abort_algorithm(cx, signal, &on_abort)?;
            }
            p.resolve
                .call(&JsValue::undefined(), std::slice::from_ref(&p.value), cx)?;
            Ok(JsValue::undefined())
        },
        pending.clone(),
    )
    .to_js_function(cx.realm());
    let id = event_loop(cx)?.timers().borrow_mut().insert(
        after,
        None,
        TimerCallback::Js {
            function: fire,
            args: Vec::new(),
            // Settles a promise: its reactions carry their own context.
            frame: Default::default(),
        },
    );
    pending.timer.set(id);
    if let Some(signal) = &signal {
        let on_abort = NativeFunction::from_copy_closure_with_captures(
            |_, args, p: &Gc<Pending>, cx| {
                event_loop(cx)?.timers().borrow_mut().clear(p.timer.get());
                let error = abort_error(args.get_or_undefined(0).clone(), cx);
                p.reject.call(&JsValue::undefined(), &[error], cx)?;
                Ok(JsValue::undefined())
            },
            pending.clone(),
        )
        .to_js_function(cx.realm());
        *pending.on_abort.borrow_mut() = Some(on_abort.clone());
        abort::add_abort_algorithm(cx, signal, on_abort)?;
    }
    Ok(promise)
}

/// `setTimeout(delay, value, options)`.
fn set_timeout(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let outcome = (|| {
        let after = delay(args.get_or_undefined(0), cx)?;
        let signal = signal_option(args.get_or_undefined(2), cx)?;
        timer_promise(after, args.get_or_undefined(1).clone(), signal, cx)
    })();
    settle(outcome, cx)
}

/// `setImmediate(value, options)`: after the current turn (a 0 ms timer).
fn set_immediate(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let outcome = (|| {
        let signal = signal_option(args.get_or_undefined(1), cx)?;
        timer_promise(Duration::ZERO, args.get_or_undefined(0).clone(), signal, cx)
    })();
    settle(outcome, cx)
}

/// `scheduler.wait(delay, options)`.
fn wait(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let outcome = (|| {
        let after = delay(args.get_or_undefined(0), cx)?;
        let signal = signal_option(args.get_or_undefined(1), cx)?;
        timer_promise(after, JsValue::undefined(), signal, cx)
    })();
    settle(outcome, cx)
}

/// A promise for an operation that may have thrown (options errors reject,
/// as node's promise API does).
fn settle(outcome: JsResult<JsPromise>, cx: &mut Context) -> JsResult<JsValue> {
    match outcome {
        Ok(promise) => Ok(promise.into()),
        Err(error) if error.as_engine().is_some() => Err(error),
        Err(error) => {
            let reason = error.into_opaque(cx)?;
            Ok(JsPromise::reject(JsError::from_opaque(reason), cx)?.into())
        }
    }
}

/// The state of a `setInterval` iterator.
#[derive(Trace, Finalize, JsData)]
struct Interval {
    #[unsafe_ignore_trace]
    period: Duration,
    value: JsValue,
    signal: Option<JsObject>,
    #[unsafe_ignore_trace]
    done: Cell<bool>,
}

/// `setInterval(delay, value, options)`: an async iterator yielding
/// `value` every `delay` until `return()` or the signal aborts.
fn set_interval(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let period = delay(args.get_or_undefined(0), cx)?;
    let signal = signal_option(args.get_or_undefined(2), cx)?;
    let state = Interval {
        period,
        value: args.get_or_undefined(1).clone(),
        signal,
        done: Cell::new(false),
    };
    let iterator = JsObject::from_proto_and_data(
        cx.intrinsics()
            .objects()
            .iterator_prototypes()
            .async_iterator(),
        state,
    );
    let next = NativeFunction::from_fn_ptr(|this, _, cx| {
        let object = this
            .as_object()
            .ok_or_else(|| type_error("setInterval iterator: not an iterator"))?;
        let (period, value, signal, done) = {
            let state = object
                .downcast_ref::<Interval>()
                .ok_or_else(|| type_error("setInterval iterator: not an iterator"))?;
            (
                state.period,
                state.value.clone(),
                state.signal.clone(),
                state.done.get(),
            )
        };
        if done {
            let result = boa_engine::builtins::iterable::create_iter_result_object(
                JsValue::undefined(),
                true,
                cx,
            );
            return Ok(JsPromise::resolve(result, cx)?.into());
        }
        let result = boa_engine::builtins::iterable::create_iter_result_object(value, false, cx);
        settle(timer_promise(period, result, signal, cx), cx)
    });
    let finish = NativeFunction::from_fn_ptr(|this, _, cx| {
        if let Some(object) = this.as_object()
            && let Some(state) = object.downcast_ref::<Interval>()
        {
            state.done.set(true);
        }
        let result = boa_engine::builtins::iterable::create_iter_result_object(
            JsValue::undefined(),
            true,
            cx,
        );
        Ok(JsPromise::resolve(result, cx)?.into())
    });
    let next = next.to_js_function(cx.realm());
    let finish = finish.to_js_function(cx.realm());
    iterator.set(js_string!("next"), next, false, cx)?;
    iterator.set(js_string!("return"), finish, false, cx)?;
    Ok(iterator.into())
}
