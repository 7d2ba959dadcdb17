//! `Event`, `CustomEvent`, `EventTarget` (DOM Standard §2,
//! <https://dom.spec.whatwg.org/#events>), `AbortController`, `AbortSignal`
//! (DOM Standard §3, <https://dom.spec.whatwg.org/#aborting-ongoing-activities>),
//! `ErrorEvent`, `PromiseRejectionEvent` and `reportError` (HTML §8.1.4),
//! and the global object as an EventTarget (`addEventListener`,
//! `removeEventListener`, `dispatchEvent` and the `onerror` family on
//! `globalThis`, as in deno).
//!
//! Native classes, one module per concept: [`event`] (the Event
//! interfaces), [`target`] (listeners and dispatch), [`abort`] (signals and
//! the Rust API `fetch()` and the streams use), [`report`] (the runtime's
//! errors and rejections fired at the global object). The interfaces of a
//! realm are built together on first use of any of them (a few dozen
//! function objects, no script: see `lazy.rs`) and kept in context data
//! as [`Classes`], so natives still find them after a script overwrites a
//! global. Before that no listener can exist, so the runtime's
//! [`dispatch_error`] and [`dispatch_rejection`] do nothing until then.

pub mod abort;
mod event;
mod report;
mod target;

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::{Context, JsObject, JsResult, JsString, JsValue, js_string};

pub(crate) use report::{dispatch_error, dispatch_rejection};

/// The interfaces of one realm, built once.
pub(crate) struct Classes {
    event: StandardConstructor,
    custom_event: StandardConstructor,
    error_event: StandardConstructor,
    rejection_event: StandardConstructor,
    event_target: StandardConstructor,
    abort_signal: StandardConstructor,
    abort_controller: StandardConstructor,
    report_error: JsObject,
    /// The getter of every Event's own `isTrusted` ([LegacyUnforgeable]:
    /// WebIDL §3.7.6 puts it on each instance, one function shared).
    is_trusted_getter: JsObject,
    /// The listeners of the global object, which has no native data of
    /// its own: an EventTarget object never given to scripts.
    global_target: JsObject,
    /// `%WeakRef%` and `%WeakRef.prototype.deref%`: sources hold their
    /// dependent signals weakly (DOM §3.2.1 "Garbage collection"), and
    /// Boa's public API offers weak references to objects only this way.
    weak_ref: JsObject,
    weak_ref_deref: JsObject,
    /// HTML's "error reporting mode": an exception thrown by an `error`
    /// listener is not reported to the listeners again.
    error_reporting: Cell<bool>,
}

/// The globals, each built (with all the others) on first access.
const GLOBALS: [(&str, bool); 11] = [
    ("Event", false),
    ("CustomEvent", false),
    ("EventTarget", false),
    ("ErrorEvent", false),
    ("PromiseRejectionEvent", false),
    ("AbortController", false),
    ("AbortSignal", false),
    // Operations of the global object are enumerable (WebIDL §3.7.6).
    ("reportError", true),
    ("addEventListener", true),
    ("removeEventListener", true),
    ("dispatchEvent", true),
];

pub fn register(context: &mut Context) -> JsResult<()> {
    report::define_global_handlers(context)?;
    for (name, enumerable) in GLOBALS {
        let init: super::lazy::Init = match name {
            "Event" => |cx| Ok(classes(cx)?.event.constructor().into()),
            "CustomEvent" => |cx| Ok(classes(cx)?.custom_event.constructor().into()),
            "EventTarget" => |cx| Ok(classes(cx)?.event_target.constructor().into()),
            "ErrorEvent" => |cx| Ok(classes(cx)?.error_event.constructor().into()),
            "PromiseRejectionEvent" => |cx| Ok(classes(cx)?.rejection_event.constructor().into()),
            "AbortController" => |cx| Ok(classes(cx)?.abort_controller.constructor().into()),
            "AbortSignal" => |cx| Ok(classes(cx)?.abort_signal.constructor().into()),
            "reportError" => |cx| Ok(classes(cx)?.report_error.clone().into()),
            "addEventListener" => |cx| target_operation(cx, "addEventListener"),
            "removeEventListener" => |cx| target_operation(cx, "removeEventListener"),
            _ => |cx| target_operation(cx, "dispatchEvent"),
        };
        if enumerable {
            super::lazy::define_enumerable(context, JsString::from(name), init)?;
        } else {
            super::lazy::define(context, JsString::from(name), init)?;
        }
    }
    Ok(())
}

/// `EventTarget.prototype[name]`, the global's own operation of that name.
fn target_operation(cx: &mut Context, name: &str) -> JsResult<JsValue> {
    let prototype = classes(cx)?.event_target.prototype();
    prototype.get(JsString::from(name), cx)
}

/// The realm's interfaces if they were built; `None` before any script
/// touched one (then no event, listener or signal exists).
pub(crate) fn classes_if_built(cx: &Context) -> Option<Rc<Classes>> {
    cx.get_data::<Rc<Classes>>().cloned()
}

/// The realm's interfaces, built on first use.
pub(crate) fn classes(cx: &mut Context) -> JsResult<Rc<Classes>> {
    if let Some(classes) = classes_if_built(cx) {
        return Ok(classes);
    }
    let event = event::build_event(cx);
    let custom_event = event::build_custom_event(cx, &event);
    let error_event = event::build_error_event(cx, &event);
    let rejection_event = event::build_rejection_event(cx, &event);
    let event_target = target::build_event_target(cx);
    let abort_signal = abort::build_abort_signal(cx, &event_target);
    let abort_controller = abort::build_abort_controller(cx);
    let report_error = report::report_error_function(cx);
    let is_trusted_getter = event::is_trusted_getter(cx);
    let global_target = target::new_target_object(cx, event_target.prototype(), None);
    let weak_ref_class = cx.intrinsics().constructors().weak_ref().clone();
    let weak_ref_deref = weak_ref_class
        .prototype()
        .get(js_string!("deref"), cx)?
        .as_object()
        .ok_or_else(|| super::webidl::type_error("internal: WeakRef.prototype.deref"))?
        .clone();
    // The global object is an EventTarget (globalThis instanceof
    // EventTarget, as in deno): EventTarget.prototype in its chain.
    let global = cx.global_object();
    global.set_prototype(Some(event_target.prototype()));
    let classes = Rc::new(Classes {
        event,
        custom_event,
        error_event,
        rejection_event,
        event_target,
        abort_signal,
        abort_controller,
        report_error,
        is_trusted_getter,
        global_target,
        weak_ref: weak_ref_class.constructor(),
        weak_ref_deref,
        error_reporting: Cell::new(false),
    });
    cx.insert_data(classes.clone());
    Ok(classes)
}

/// The prototype of an instance made by the constructor of `interface`
/// (`pick` names it in [`Classes`]): NewTarget's, for a subclass.
fn constructed_prototype(
    new_target: &JsValue,
    interface: &str,
    pick: fn(&Classes) -> &StandardConstructor,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let classes = classes(cx)?;
    let default = pick(&classes).prototype();
    super::webidl::instance_prototype(new_target, interface, &default, cx)
}

#[cfg(test)]
mod tests;
