//! `EventTarget` (DOM §2.7, <https://dom.spec.whatwg.org/#interface-eventtarget>):
//! listener lists, dispatch, and event handler attributes (HTML §8.1.8.1).
//!
//! There is no node tree in a script runtime: a target's parent is null,
//! so the event path is the target alone and both dispatch passes run at
//! it (AT_TARGET): capture listeners first, then the others (DOM §2.9
//! steps 5.13-5.14), each in registration order.
//!
//! The global object is an EventTarget too (as in deno and browsers). It
//! has no native data, so its listeners live on a hidden EventTarget of
//! the realm ([`holder`] finds it); `currentTarget` is still the global.

use std::cell::Cell;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsObject, JsResult, JsString, JsValue, NativeFunction, Trace,
};
use boa_gc::{Gc, GcRefCell};

use super::abort::{self, SignalState};
use super::event::{AT_TARGET, EventData, EventKind, NONE, new_trusted_event};
use crate::runtime::errors::report_exception;
use crate::web::webidl::{
    Interface, accessor_function, illegal_invocation, require_args, type_error,
};

/// An EventTarget's native data (an AbortSignal's too: `signal` is set).
#[derive(Trace, Finalize, JsData)]
pub(crate) struct TargetData {
    listeners: GcRefCell<Vec<Gc<Listener>>>,
    handlers: GcRefCell<Vec<Gc<Handler>>>,
    pub(super) signal: Option<SignalState>,
}

/// DOM §2.7 "event listener".
#[derive(Trace, Finalize)]
pub(super) struct Listener {
    event_type: JsString,
    callback: Callback,
    capture: bool,
    once: bool,
    passive: bool,
    signal: Option<JsObject>,
    #[unsafe_ignore_trace]
    removed: Cell<bool>,
}

#[derive(Trace, Finalize)]
enum Callback {
    /// A function or an object with `handleEvent` (WebIDL callback
    /// interface EventListener).
    User(JsObject),
    /// An event handler attribute's listener (HTML "event handler
    /// processing algorithm").
    Handler(Gc<Handler>),
}

/// HTML §8.1.8.1 event handler: the attribute's value, and the listener
/// added when it was first set to an object.
#[derive(Trace, Finalize)]
struct Handler {
    event_type: JsString,
    value: GcRefCell<Option<JsObject>>,
    listener: GcRefCell<Option<Gc<Listener>>>,
    /// The global's `onerror` is an OnErrorEventHandler: called with
    /// (message, filename, lineno, colno, error) for an ErrorEvent, and a
    /// return value of true cancels the event.
    on_error: bool,
}

/// A new object with EventTarget data.
pub(super) fn new_target_object(
    _cx: &mut Context,
    prototype: JsObject,
    signal: Option<SignalState>,
) -> JsObject {
    JsObject::from_proto_and_data(
        prototype,
        TargetData {
            listeners: GcRefCell::new(Vec::new()),
            handlers: GcRefCell::new(Vec::new()),
            signal,
        },
    )
    .upcast()
}

/// The object holding `object`'s listeners: itself if it is an
/// EventTarget, the realm's hidden target for the global object.
pub(super) fn holder(cx: &Context, object: &JsObject) -> Option<JsObject> {
    if object.is::<TargetData>() {
        return Some(object.clone());
    }
    if JsObject::equals(object, &cx.global_object()) {
        return super::classes_if_built(cx).map(|c| c.global_target.clone());
    }
    None
}

pub(super) fn data(holder: &JsObject) -> boa_engine::object::Ref<'_, TargetData> {
    holder
        .downcast_ref::<TargetData>()
        .expect("an event target holder has TargetData")
}

/// WebIDL §3.7.6 (operations): a null or undefined `this` is the global
/// object, an EventTarget here, so a bare `addEventListener(...)` works.
fn this_target(this: &JsValue, member: &str, cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    let visible = if this.is_null_or_undefined() {
        cx.global_object()
    } else {
        this.as_object()
            .ok_or_else(|| illegal_invocation("EventTarget", member))?
            .clone()
    };
    let holder = holder(cx, &visible).ok_or_else(|| illegal_invocation("EventTarget", member))?;
    Ok((visible, holder))
}

pub(super) fn build_event_target(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "EventTarget", 0, construct_event_target, None);
    interface
        .operation("addEventListener", 2, add_event_listener)
        .operation("removeEventListener", 2, remove_event_listener)
        .operation("dispatchEvent", 1, dispatch_event);
    interface.build()
}

fn construct_event_target(
    new_target: &JsValue,
    _: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let prototype =
        super::constructed_prototype(new_target, "EventTarget", |c| &c.event_target, cx)?;
    Ok(new_target_object(cx, prototype, None).into())
}

/// WebIDL callback interface EventListener?: null/undefined is null, a
/// function or any object is kept (handleEvent is read at dispatch).
fn to_listener(value: &JsValue, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value.as_object().map(|o| Some(o.clone())).ok_or_else(|| {
        type_error(format!(
            "{what}: the listener must be a function or an object"
        ))
    })
}

struct Options {
    capture: bool,
    once: bool,
    passive: bool,
    signal: Option<JsObject>,
}

/// DOM §2.7 "flatten more": the union (AddEventListenerOptions or
/// boolean) is a dictionary for objects, a boolean otherwise. Inherited
/// member first, then lexicographic order (WebIDL §3.2.19).
fn flatten_more(options: &JsValue, what: &str, cx: &mut Context) -> JsResult<Options> {
    let Some(dict) = options.as_object() else {
        return Ok(Options {
            capture: options.to_boolean(),
            once: false,
            passive: false,
            signal: None,
        });
    };
    let capture = dict.get(JsString::from("capture"), cx)?.to_boolean();
    let once = dict.get(JsString::from("once"), cx)?.to_boolean();
    let passive = dict.get(JsString::from("passive"), cx)?.to_boolean();
    let signal = dict.get(JsString::from("signal"), cx)?;
    let signal = if signal.is_undefined() {
        None
    } else {
        match signal.as_object() {
            Some(s) if abort::is_signal(&s) => Some(s),
            _ => {
                return Err(type_error(format!(
                    "{what}: options.signal is not an AbortSignal"
                )));
            }
        }
    };
    Ok(Options {
        capture,
        once,
        passive,
        signal,
    })
}

/// DOM §2.7 "flatten".
fn flatten(options: &JsValue, cx: &mut Context) -> JsResult<bool> {
    match options.as_object() {
        Some(dict) => Ok(dict.get(JsString::from("capture"), cx)?.to_boolean()),
        None => Ok(options.to_boolean()),
    }
}

fn add_event_listener(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    const WHAT: &str = "EventTarget.addEventListener";
    let (_, holder) = this_target(this, "addEventListener", cx)?;
    require_args(args, 2, WHAT)?;
    let event_type = args[0].to_string(cx)?;
    let callback = to_listener(&args[1], WHAT)?;
    let options = flatten_more(args.get_or_undefined(2), WHAT, cx)?;
    let Some(callback) = callback else {
        return Ok(JsValue::undefined());
    };
    let listener = Listener {
        event_type,
        callback: Callback::User(callback),
        capture: options.capture,
        once: options.once,
        passive: options.passive,
        signal: options.signal,
        removed: Cell::new(false),
    };
    add_listener(cx, &holder, listener);
    Ok(JsValue::undefined())
}

/// DOM §2.7 "add an event listener".
fn add_listener(cx: &mut Context, holder: &JsObject, listener: Listener) {
    if let Some(signal) = &listener.signal
        && abort::is_aborted(signal)
    {
        return;
    }
    let target = data(holder);
    if let Callback::User(callback) = &listener.callback {
        let duplicate = target.listeners.borrow().iter().any(|l| {
            l.event_type == listener.event_type
                && l.capture == listener.capture
                && matches!(&l.callback, Callback::User(c) if JsObject::equals(c, callback))
        });
        if duplicate {
            return;
        }
    }
    let listener = Gc::new(listener);
    target.listeners.borrow_mut().push(listener.clone());
    drop(target);
    if let Some(signal) = &listener.signal {
        abort::add_algorithm(
            signal,
            abort::Algorithm::RemoveListener {
                target: holder.clone(),
                listener: listener.clone(),
            },
        );
    }
    listeners_changed(cx, holder, &listener.event_type);
}

/// DOM §2.7 "remove an event listener".
pub(super) fn remove_listener(cx: &mut Context, holder: &JsObject, listener: &Gc<Listener>) {
    listener.removed.set(true);
    data(holder)
        .listeners
        .borrow_mut()
        .retain(|l| !Gc::ptr_eq(l, listener));
    // Not in the spec, unobservable: a long-lived signal does not keep
    // the record of a listener that is gone.
    if let Some(signal) = &listener.signal {
        abort::remove_algorithm(
            signal,
            |a| matches!(a, abort::Algorithm::RemoveListener { listener: l, .. } if Gc::ptr_eq(l, listener)),
        );
    }
    listeners_changed(cx, holder, &listener.event_type);
}

/// A signal's listeners for `abort` keep it alive (DOM §3.2.1).
fn listeners_changed(_cx: &mut Context, holder: &JsObject, event_type: &JsString) {
    if event_type == &JsString::from("abort") && abort::is_signal(holder) {
        abort::update_pin(holder);
    }
}

/// Whether `holder` has a listener for `event_type`.
pub(super) fn has_listeners(holder: &JsObject, event_type: &str) -> bool {
    let event_type = JsString::from(event_type);
    holder.downcast_ref::<TargetData>().is_some_and(|target| {
        target
            .listeners
            .borrow()
            .iter()
            .any(|l| l.event_type == event_type)
    })
}

fn remove_event_listener(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    const WHAT: &str = "EventTarget.removeEventListener";
    let (_, holder) = this_target(this, "removeEventListener", cx)?;
    require_args(args, 2, WHAT)?;
    let event_type = args[0].to_string(cx)?;
    let callback = to_listener(&args[1], WHAT)?;
    let capture = flatten(args.get_or_undefined(2), cx)?;
    let Some(callback) = callback else {
        return Ok(JsValue::undefined());
    };
    let found = data(&holder)
        .listeners
        .borrow()
        .iter()
        .find(|l| {
            l.event_type == event_type
                && l.capture == capture
                && matches!(&l.callback, Callback::User(c) if JsObject::equals(c, &callback))
        })
        .cloned();
    if let Some(listener) = found {
        remove_listener(cx, &holder, &listener);
    }
    Ok(JsValue::undefined())
}

fn dispatch_event(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (visible, holder) = this_target(this, "dispatchEvent", cx)?;
    require_args(args, 1, "EventTarget.dispatchEvent")?;
    let event = args[0]
        .as_object()
        .filter(|e| e.is::<EventData>())
        .ok_or_else(|| type_error("EventTarget.dispatchEvent: argument 1 is not an Event"))?
        .clone();
    let problem = {
        let data = event.downcast_ref::<EventData>().expect("checked");
        let mut state = data.state.borrow_mut();
        let problem = if state.dispatching {
            Some("is already being dispatched")
        } else if !state.initialized {
            Some("is not initialized")
        } else {
            None
        };
        if problem.is_none() {
            state.trusted = false;
        }
        problem.map(|p| {
            format!(
                "The event \"{}\" {p}",
                state.event_type.to_std_string_escaped()
            )
        })
    };
    if let Some(message) = problem {
        return Err(crate::web::dom_exception::error(
            cx,
            &message,
            "InvalidStateError",
        ));
    }
    Ok(dispatch(cx, &visible, &holder, &event)?.into())
}

/// DOM §2.9 "dispatch", the path being [target] (no tree): whether the
/// event was not canceled.
pub(super) fn dispatch(
    cx: &mut Context,
    visible: &JsObject,
    holder: &JsObject,
    event: &JsObject,
) -> JsResult<bool> {
    let with = |f: &mut dyn FnMut(&mut super::event::EventState)| {
        if let Some(data) = event.downcast_ref::<EventData>() {
            f(&mut data.state.borrow_mut());
        }
    };
    with(&mut |s| {
        s.dispatching = true;
        s.target = Some(visible.clone());
        s.phase = AT_TARGET;
    });
    let result = invoke(cx, visible, holder, event, true)
        .and_then(|()| invoke(cx, visible, holder, event, false));
    let mut canceled = false;
    with(&mut |s| {
        s.phase = NONE;
        s.current_target = None;
        s.dispatching = false;
        s.stop_propagation = false;
        s.stop_immediate_propagation = false;
        canceled = s.canceled;
    });
    result.map(|()| !canceled)
}

/// DOM §2.10 "invoke" and "inner invoke" for one pass at the target. An
/// exception a listener throws is reported ("report the exception"), it
/// does not reach the dispatcher; only the engine's uncatchable errors (a
/// runtime limit) end the dispatch.
fn invoke(
    cx: &mut Context,
    visible: &JsObject,
    holder: &JsObject,
    event: &JsObject,
    capture: bool,
) -> JsResult<()> {
    let state = |f: &mut dyn FnMut(&mut super::event::EventState)| {
        if let Some(data) = event.downcast_ref::<EventData>() {
            f(&mut data.state.borrow_mut());
        }
    };
    let mut stopped = false;
    let mut event_type = JsString::default();
    state(&mut |s| {
        stopped = s.stop_propagation;
        event_type = s.event_type.clone();
        s.current_target = Some(visible.clone());
    });
    if stopped {
        return Ok(());
    }
    // The list as it is now; listeners removed meanwhile do not run
    // (their `removed` flag is set).
    let listeners: Vec<Gc<Listener>> = data(holder).listeners.borrow().clone();
    for listener in listeners {
        if listener.removed.get()
            || listener.event_type != event_type
            || listener.capture != capture
        {
            continue;
        }
        if listener.once {
            remove_listener(cx, holder, &listener);
        }
        if listener.passive {
            state(&mut |s| s.in_passive_listener = true);
        }
        let result = call_listener(cx, &listener.callback, event, visible);
        state(&mut |s| s.in_passive_listener = false);
        if let Err(error) = result {
            if error.as_engine().is_some() {
                return Err(error);
            }
            report_exception(cx, error);
        }
        let mut immediate = false;
        state(&mut |s| immediate = s.stop_immediate_propagation);
        if immediate {
            break;
        }
    }
    Ok(())
}

/// WebIDL §3.11 "call a user object's operation": a function is called
/// with the current target as `this`; an object's handleEvent is looked
/// up now and called on the object.
fn call_listener(
    cx: &mut Context,
    callback: &Callback,
    event: &JsObject,
    current_target: &JsObject,
) -> JsResult<()> {
    let event_value = JsValue::from(event.clone());
    match callback {
        Callback::User(callback) => {
            if callback.is_callable() {
                callback.call(&current_target.clone().into(), &[event_value], cx)?;
                return Ok(());
            }
            let handle_event = callback.get(JsString::from("handleEvent"), cx)?;
            let handle_event = handle_event.as_callable().ok_or_else(|| {
                type_error("EventTarget: the listener's handleEvent is not a function")
            })?;
            handle_event.call(&callback.clone().into(), &[event_value], cx)?;
            Ok(())
        }
        Callback::Handler(handler) => run_handler(cx, handler, event, current_target),
    }
}

/// HTML §8.1.8.1 "the event handler processing algorithm".
fn run_handler(
    cx: &mut Context,
    handler: &Gc<Handler>,
    event: &JsObject,
    current_target: &JsObject,
) -> JsResult<()> {
    let Some(callback) = handler.value.borrow().clone() else {
        return Ok(());
    };
    if !callback.is_callable() {
        return Ok(());
    }
    let this = JsValue::from(current_target.clone());
    let error_args = if handler.on_error {
        event
            .downcast_ref::<EventData>()
            .and_then(|d| match &d.kind {
                EventKind::Error {
                    message,
                    filename,
                    lineno,
                    colno,
                    error,
                } => Some([
                    message.clone().into(),
                    filename.clone().into(),
                    (*lineno).into(),
                    (*colno).into(),
                    error.clone(),
                ]),
                _ => None,
            })
    } else {
        None
    };
    let (result, cancel_on) = match error_args {
        Some(args) => (callback.call(&this, &args, cx)?, true),
        None => (callback.call(&this, &[event.clone().into()], cx)?, false),
    };
    if result.as_boolean() == Some(cancel_on)
        && let Some(data) = event.downcast_ref::<EventData>()
    {
        data.state.borrow_mut().set_canceled();
    }
    Ok(())
}

/// DOM §2.10 "fire an event": a trusted Event of `type` at `target`.
pub(super) fn fire(cx: &mut Context, target: &JsObject, event_type: &str) -> JsResult<bool> {
    let holder = holder(cx, target).ok_or_else(|| type_error("internal: not an EventTarget"))?;
    let event = new_trusted_event(cx, event_type)?;
    dispatch(cx, target, &holder, &event)
}

/// The handler of `event_type` on `holder`, made on first use.
fn handler_of(holder: &JsObject, event_type: &JsString, on_error: bool) -> Gc<Handler> {
    let target = data(holder);
    if let Some(handler) = target
        .handlers
        .borrow()
        .iter()
        .find(|h| &h.event_type == event_type)
    {
        return handler.clone();
    }
    let handler = Gc::new(Handler {
        event_type: event_type.clone(),
        value: GcRefCell::new(None),
        listener: GcRefCell::new(None),
        on_error,
    });
    target.handlers.borrow_mut().push(handler.clone());
    handler
}

/// The getter of an event handler attribute: its value or null.
pub(super) fn handler_value(holder: &JsObject, event_type: &JsString) -> JsValue {
    let target = data(holder);
    let handlers = target.handlers.borrow();
    handlers
        .iter()
        .find(|h| &h.event_type == event_type)
        .and_then(|h| h.value.borrow().clone())
        .map_or_else(JsValue::null, JsValue::from)
}

/// The setter of an event handler attribute ([LegacyTreatNonObjectAsNull]:
/// any object is kept, anything else is null).
pub(super) fn set_handler(
    cx: &mut Context,
    holder: &JsObject,
    event_type: &JsString,
    value: &JsValue,
    on_error: bool,
) {
    let handler = handler_of(holder, event_type, on_error);
    let Some(object) = value.as_object() else {
        // "deactivate an event handler".
        let listener = handler.listener.borrow_mut().take();
        if let Some(listener) = listener {
            remove_listener(cx, holder, &listener);
        }
        *handler.value.borrow_mut() = None;
        return;
    };
    *handler.value.borrow_mut() = Some(object.clone());
    if handler.listener.borrow().is_some() {
        return;
    }
    // "activate an event handler": the listener is added where the
    // attribute was first set to an object.
    let listener = Listener {
        event_type: event_type.clone(),
        callback: Callback::Handler(handler.clone()),
        capture: false,
        once: false,
        passive: false,
        signal: None,
        removed: Cell::new(false),
    };
    add_listener(cx, holder, listener);
    let added = data(holder)
        .listeners
        .borrow()
        .iter()
        .find(|l| matches!(&l.callback, Callback::Handler(h) if Gc::ptr_eq(h, &handler)))
        .cloned();
    *handler.listener.borrow_mut() = added;
}

/// Defines the event handler attribute `on<type>` on an interface whose
/// instances are EventTargets checked by `brand` (HTML §8.1.8.1).
pub(super) fn define_event_handler(
    interface: &mut Interface<'_>,
    event_type: &'static str,
    brand: fn(&JsValue, &str, &mut Context) -> JsResult<JsObject>,
) {
    #[derive(Clone, Trace, Finalize)]
    struct Attribute {
        #[unsafe_ignore_trace]
        event_type: &'static str,
        #[unsafe_ignore_trace]
        brand: fn(&JsValue, &str, &mut Context) -> JsResult<JsObject>,
    }
    let name = format!("on{event_type}");
    let attribute = Attribute { event_type, brand };
    let cx = interface.context();
    let get = NativeFunction::from_copy_closure_with_captures(
        |this, _, a: &Attribute, cx| {
            let name = format!("on{}", a.event_type);
            let holder = (a.brand)(this, &name, cx)?;
            Ok(handler_value(&holder, &JsString::from(a.event_type)))
        },
        attribute.clone(),
    );
    let set = NativeFunction::from_copy_closure_with_captures(
        |this, args, a: &Attribute, cx| {
            let name = format!("on{}", a.event_type);
            let holder = (a.brand)(this, &name, cx)?;
            set_handler(
                cx,
                &holder,
                &JsString::from(a.event_type),
                args.get_or_undefined(0),
                false,
            );
            Ok(JsValue::undefined())
        },
        attribute,
    );
    let get = accessor_function(cx, "get", &name, 0, get);
    let set = accessor_function(cx, "set", &name, 1, set);
    interface.accessor(&name, get, Some(set));
}
