//! `Event`, `CustomEvent`, `EventTarget` (DOM Standard §2),
//! `AbortController`, `AbortSignal` (DOM Standard §3), `ErrorEvent`,
//! `PromiseRejectionEvent` and `reportError` (HTML §8.1.4), and the global
//! object as an EventTarget (`addEventListener`, `removeEventListener`,
//! `dispatchEvent` on `globalThis`, as in deno).
//!
//! The classes are written in JavaScript (events.js, abort.js): dispatch and
//! aborting are state machines over plain objects. The natives here report
//! listener exceptions, build DOMExceptions, read the clock and start the
//! unref'd timer of `AbortSignal.timeout`. The globals are built together
//! on first use of any of them (see `lazy.rs`), and kept per realm in
//! context data. Before that no listener can exist, so the runtime's
//! [`dispatch_error`] and [`dispatch_rejection`] do nothing until then.
//! [`abort`] is the Rust API for `fetch()`.

pub mod abort;

use std::time::Duration;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsFunction;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    js_string,
};

use crate::runtime::EventLoop;
use crate::runtime::errors::{describe_value, report_exception, report_unhandled};
use crate::runtime::timers::TimerCallback;

const EVENTS_SOURCE: &str = include_str!("events.js");
const ABORT_SOURCE: &str = include_str!("abort.js");

/// The exports of events.js and abort.js, evaluated once per realm, kept so
/// that natives still find the classes after a script overwrites a global.
struct Built {
    events: JsObject,
    abort: JsObject,
}

const EVENTS_GLOBALS: [&str; 9] = [
    "Event",
    "CustomEvent",
    "EventTarget",
    "ErrorEvent",
    "PromiseRejectionEvent",
    "reportError",
    "addEventListener",
    "removeEventListener",
    "dispatchEvent",
];
const ABORT_GLOBALS: [&str; 2] = ["AbortController", "AbortSignal"];

/// The global's event handler attributes (`onerror`, ...): accessors that
/// build the classes on first use and forward to events.js, which keeps
/// the handler as a listener of the global (HTML §8.1.8.1).
const GLOBAL_HANDLERS: [&str; 3] = ["onerror", "onunhandledrejection", "onrejectionhandled"];

fn define_global_handlers(context: &mut Context) -> JsResult<()> {
    for name in GLOBAL_HANDLERS {
        let key = JsString::from(name);
        let getter = NativeFunction::from_copy_closure_with_captures(
            |_, _, key: &JsString, cx| call_global_handlers(cx, "get", &[key.clone().into()]),
            key.clone(),
        )
        .to_js_function(context.realm());
        let setter = NativeFunction::from_copy_closure_with_captures(
            |_, args, key: &JsString, cx| {
                let value = args.first().cloned().unwrap_or_default();
                call_global_handlers(cx, "set", &[key.clone().into(), value])
            },
            key.clone(),
        )
        .to_js_function(context.realm());
        context.global_object().define_property_or_throw(
            key,
            boa_engine::property::PropertyDescriptor::builder()
                .get(getter)
                .set(setter)
                .enumerable(true)
                .configurable(true),
            context,
        )?;
    }
    Ok(())
}

/// `globalHandlers[op](...args)` of events.js, building the classes first.
fn call_global_handlers(cx: &mut Context, op: &str, args: &[JsValue]) -> JsResult<JsValue> {
    let handlers = built(cx)?.events.get(js_string!("globalHandlers"), cx)?;
    let function = handlers
        .as_object()
        .ok_or_else(|| internal("events.js has no globalHandlers"))?
        .get(JsString::from(op), cx)?;
    function
        .as_callable()
        .ok_or_else(|| internal("globalHandlers is not callable"))?
        .call(&JsValue::undefined(), args, cx)
}

pub fn register(context: &mut Context) -> JsResult<()> {
    define_global_handlers(context)?;
    super::lazy::define(context, js_string!("Event"), |cx| export(cx, "Event"))?;
    super::lazy::define(context, js_string!("CustomEvent"), |cx| {
        export(cx, "CustomEvent")
    })?;
    super::lazy::define(context, js_string!("EventTarget"), |cx| {
        export(cx, "EventTarget")
    })?;
    super::lazy::define(context, js_string!("ErrorEvent"), |cx| {
        export(cx, "ErrorEvent")
    })?;
    super::lazy::define(context, js_string!("PromiseRejectionEvent"), |cx| {
        export(cx, "PromiseRejectionEvent")
    })?;
    super::lazy::define_enumerable(context, js_string!("reportError"), |cx| {
        export(cx, "reportError")
    })?;
    super::lazy::define_enumerable(context, js_string!("addEventListener"), |cx| {
        export(cx, "addEventListener")
    })?;
    super::lazy::define_enumerable(context, js_string!("removeEventListener"), |cx| {
        export(cx, "removeEventListener")
    })?;
    super::lazy::define_enumerable(context, js_string!("dispatchEvent"), |cx| {
        export(cx, "dispatchEvent")
    })?;
    super::lazy::define(context, js_string!("AbortController"), |cx| {
        export(cx, "AbortController")
    })?;
    super::lazy::define(context, js_string!("AbortSignal"), |cx| {
        export(cx, "AbortSignal")
    })?;
    Ok(())
}

fn internal_error(what: &str) -> JsError {
    internal(what)
}

fn internal(what: &str) -> JsError {
    JsNativeError::typ()
        .with_message(format!("internal: {what}"))
        .into()
}

/// One of the classes, building them on first use.
fn export(context: &mut Context, name: &str) -> JsResult<JsValue> {
    let built = built(context)?;
    let exports = if EVENTS_GLOBALS.contains(&name) {
        built.events
    } else {
        debug_assert!(ABORT_GLOBALS.contains(&name));
        built.abort
    };
    exports.get(JsString::from(name), context)
}

/// Fires the `error` event of an uncaught exception (or a `reportError`)
/// at the global object: true when a listener canceled it, i.e. handled
/// the error. False when the classes are not built (no listener can exist)
/// or the dispatch itself failed.
pub(crate) fn dispatch_error(context: &mut Context, error: &JsValue) -> bool {
    call_internal(context, "reportAtGlobal", std::slice::from_ref(error))
}

/// Fires `unhandledrejection` (cancelable; true when canceled) or
/// `rejectionhandled` at the global object.
pub(crate) fn dispatch_rejection(
    context: &mut Context,
    kind: &str,
    promise: &JsObject,
    reason: &JsValue,
) -> bool {
    let args = [
        JsString::from(kind).into(),
        promise.clone().into(),
        reason.clone(),
    ];
    call_internal(context, "rejectionAtGlobal", &args)
}

/// Calls events.js's `internal[name](...args)` if the classes are built;
/// its boolean result, false otherwise.
fn call_internal(context: &mut Context, name: &str, args: &[JsValue]) -> bool {
    let Some(events) = context.get_data::<Built>().map(|b| b.events.clone()) else {
        return false;
    };
    let result = events
        .get(js_string!("internal"), context)
        .and_then(|internal| {
            let internal = internal
                .as_object()
                .ok_or_else(|| internal_error("events.js has no internal"))?;
            let function = internal.get(JsString::from(name), context)?;
            let function = function
                .as_callable()
                .ok_or_else(|| internal_error("not a function"))?;
            function.call(&JsValue::undefined(), args, context)
        });
    matches!(result, Ok(value) if value.to_boolean())
}

/// abort.js's exports if the classes were built in this realm; `None`
/// otherwise (then no AbortSignal can exist yet).
pub(crate) fn abort_exports_if_built(context: &Context) -> Option<JsObject> {
    context.get_data::<Built>().map(|b| b.abort.clone())
}

/// abort.js's exports, building the classes if needed.
pub(crate) fn abort_exports(context: &mut Context) -> JsResult<JsObject> {
    Ok(built(context)?.abort)
}

fn built(context: &mut Context) -> JsResult<Built> {
    if let Some(existing) = context.get_data::<Built>() {
        return Ok(Built {
            events: existing.events.clone(),
            abort: existing.abort.clone(),
        });
    }
    let natives = natives(context);
    let events = evaluate(
        context,
        EVENTS_SOURCE,
        "events.js",
        std::slice::from_ref(&natives),
    )?;
    // abort.js builds AbortSignal on events.js's EventTarget and internals.
    let abort = evaluate(
        context,
        ABORT_SOURCE,
        "abort.js",
        &[natives, events.clone().into()],
    )?;
    context.insert_data(Built {
        events: events.clone(),
        abort: abort.clone(),
    });
    Ok(Built { events, abort })
}

use super::factory::{NativeFn, evaluate};

/// The natives events.js and abort.js receive.
fn natives(context: &mut Context) -> JsValue {
    let list: [(&str, usize, NativeFn); 6] = [
        ("reportException", 1, native_report_exception),
        ("fail", 1, native_fail),
        ("describe", 1, native_describe),
        ("domException", 2, native_dom_exception),
        ("now", 0, native_now),
        ("setUnrefTimeout", 2, native_set_unref_timeout),
    ];
    let global = context.global_object();
    let mut object = ObjectInitializer::new(context);
    for (name, length, f) in list {
        object.function(NativeFunction::from_fn_ptr(f), JsString::from(name), length);
    }
    object.property(js_string!("global"), global, Attribute::all());
    object.build().into()
}

/// `reportException(error)`: a listener threw (see `report_exception`).
fn native_report_exception(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    report_exception(cx, JsError::from_opaque(args.get_or_undefined(0).clone()));
    Ok(JsValue::undefined())
}

/// `fail(error)`: the default action of an error no `error` listener
/// handled (`reportError`'s, after its event was not canceled).
fn native_fail(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    report_unhandled(cx, JsError::from_opaque(args.get_or_undefined(0).clone()));
    Ok(JsValue::undefined())
}

/// `describe(value)`: "Name: message" of an error, or the inspected value:
/// the first line of what an uncaught `value` prints (ErrorEvent.message).
fn native_describe(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let text = describe_value(args.get_or_undefined(0), cx);
    let first = text.lines().next().unwrap_or_default();
    Ok(JsString::from(first).into())
}

/// `domException(message, name)`: a new DOMException of this realm (even
/// if a script replaced the global).
fn native_dom_exception(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let message = args
        .get_or_undefined(0)
        .to_string(cx)?
        .to_std_string_escaped();
    let name = args
        .get_or_undefined(1)
        .to_string(cx)?
        .to_std_string_escaped();
    super::dom_exception::error(cx, &message, &name).into_opaque(cx)
}

/// `now()`: `performance.now()`, for `Event.prototype.timeStamp`.
fn native_now(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(super::globals::now_ms(cx)))
}

/// `setUnrefTimeout(ms, callback)`: a one-shot timer that does not keep the
/// event loop alive. `ms` is already an integer in 0..=2^53-1.
fn native_set_unref_timeout(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let ms = args.get_or_undefined(0).to_number(cx)?;
    let function = args
        .get_or_undefined(1)
        .as_callable()
        .and_then(|f| JsFunction::from_object(f.clone()))
        .ok_or_else(|| internal("setUnrefTimeout needs a function"))?;
    let event_loop = EventLoop::of(cx).ok_or_else(|| {
        JsError::from(
            JsNativeError::typ().with_message("AbortSignal.timeout needs the nano-boa event loop"),
        )
    })?;
    // `as` saturates; the queue copes with deadlines past what an Instant holds.
    let delay = Duration::from_millis(ms as u64);
    event_loop.timers().borrow_mut().insert_unref(
        delay,
        TimerCallback::Js {
            function,
            args: Vec::new(),
        },
    );
    Ok(JsValue::undefined())
}

#[cfg(test)]
mod tests;
