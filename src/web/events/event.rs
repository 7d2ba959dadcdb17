//! `Event` (DOM §2.2, <https://dom.spec.whatwg.org/#interface-event>),
//! `CustomEvent` (DOM §2.4), `ErrorEvent` and `PromiseRejectionEvent`
//! (HTML §8.1.4). Instances of all four carry one native type,
//! [`EventData`]: the Event state every member reads, and the fields of
//! the subclass ([`EventKind`]).

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Trace, js_string,
};
use boa_gc::GcRefCell;

use super::classes;
use crate::web::webidl::{
    Interface, accessor_function, illegal_invocation, require_args, to_dictionary, type_error,
};

pub(super) const NONE: u16 = 0;
pub(super) const AT_TARGET: u16 = 2;

/// An event object: its state, and what its interface adds.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct EventData {
    pub(super) state: GcRefCell<EventState>,
    pub(super) kind: EventKind,
}

/// The DOM §2.2 state of an event.
#[derive(Trace, Finalize)]
pub(super) struct EventState {
    pub(super) event_type: JsString,
    pub(super) bubbles: bool,
    pub(super) cancelable: bool,
    pub(super) composed: bool,
    pub(super) target: Option<JsObject>,
    pub(super) current_target: Option<JsObject>,
    pub(super) phase: u16,
    pub(super) stop_propagation: bool,
    pub(super) stop_immediate_propagation: bool,
    pub(super) canceled: bool,
    pub(super) in_passive_listener: bool,
    pub(super) initialized: bool,
    pub(super) dispatching: bool,
    pub(super) trusted: bool,
    pub(super) time_stamp: f64,
}

impl EventState {
    /// DOM §2.2 "set the canceled flag": only for a cancelable event, and
    /// not from a passive listener.
    pub(super) fn set_canceled(&mut self) {
        if self.cancelable && !self.in_passive_listener {
            self.canceled = true;
        }
    }

    /// DOM §2.2 "initialize" (`initEvent`, `initCustomEvent`).
    fn initialize(&mut self, event_type: JsString, bubbles: bool, cancelable: bool) {
        self.initialized = true;
        self.stop_propagation = false;
        self.stop_immediate_propagation = false;
        self.canceled = false;
        self.trusted = false;
        self.target = None;
        self.event_type = event_type;
        self.bubbles = bubbles;
        self.cancelable = cancelable;
    }
}

/// The interface an event was made by, with its own fields.
#[derive(Trace, Finalize)]
pub(super) enum EventKind {
    Event,
    Custom {
        detail: GcRefCell<JsValue>,
    },
    Error {
        message: JsString,
        filename: JsString,
        lineno: u32,
        colno: u32,
        error: JsValue,
    },
    Rejection {
        promise: JsObject,
        reason: JsValue,
    },
}

/// EventInit's members (DOM §2.2), read in lexicographic order (WebIDL
/// §3.2.19) from a dictionary.
#[derive(Clone, Copy, Default)]
pub(super) struct EventInit {
    pub(super) bubbles: bool,
    pub(super) cancelable: bool,
    pub(super) composed: bool,
}

fn event_init(init: Option<&JsObject>, cx: &mut Context) -> JsResult<EventInit> {
    let Some(init) = init else {
        return Ok(EventInit::default());
    };
    Ok(EventInit {
        bubbles: init.get(js_string!("bubbles"), cx)?.to_boolean(),
        cancelable: init.get(js_string!("cancelable"), cx)?.to_boolean(),
        composed: init.get(js_string!("composed"), cx)?.to_boolean(),
    })
}

/// A member of an optional dictionary: undefined when there is none.
fn member(init: Option<&JsObject>, key: &str, cx: &mut Context) -> JsResult<JsValue> {
    match init {
        Some(init) => init.get(JsString::from(key), cx),
        None => Ok(JsValue::undefined()),
    }
}

/// A new event of `prototype` (DOM §2.5 "inner event creation steps"),
/// untrusted, with its own `isTrusted` accessor.
pub(super) fn new_event(
    cx: &mut Context,
    prototype: JsObject,
    event_type: JsString,
    init: EventInit,
    kind: EventKind,
) -> JsResult<JsObject> {
    let classes = classes(cx)?;
    let state = EventState {
        event_type,
        bubbles: init.bubbles,
        cancelable: init.cancelable,
        composed: init.composed,
        target: None,
        current_target: None,
        phase: NONE,
        stop_propagation: false,
        stop_immediate_propagation: false,
        canceled: false,
        in_passive_listener: false,
        initialized: true,
        dispatching: false,
        trusted: false,
        time_stamp: crate::web::globals::now_ms(cx),
    };
    let event = JsObject::from_proto_and_data(
        prototype,
        EventData {
            state: GcRefCell::new(state),
            kind,
        },
    );
    event.insert_property(
        js_string!("isTrusted"),
        PropertyDescriptor::builder()
            .get(classes.is_trusted_getter.clone())
            .enumerable(true)
            .configurable(false),
    );
    Ok(event.upcast())
}

/// A trusted `Event` of `type` (DOM §2.10 "fire an event" creates one).
pub(super) fn new_trusted_event(cx: &mut Context, event_type: &str) -> JsResult<JsObject> {
    let prototype = classes(cx)?.event.prototype();
    let event = new_event(
        cx,
        prototype,
        JsString::from(event_type),
        EventInit::default(),
        EventKind::Event,
    )?;
    set_trusted(&event);
    Ok(event)
}

pub(super) fn set_trusted(event: &JsObject) {
    if let Some(data) = event.downcast_ref::<EventData>() {
        data.state.borrow_mut().trusted = true;
    }
}

/// The brand check: `this` as an Event (of any of the four interfaces).
fn this_event(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|object| object.is::<EventData>())
        .ok_or_else(|| illegal_invocation("Event", member))
}

/// Runs `f` on the state of the Event `this`.
fn with_state<R>(
    this: &JsValue,
    member: &str,
    f: impl FnOnce(&mut EventState) -> R,
) -> JsResult<R> {
    let object = this_event(this, member)?;
    let data = object
        .downcast_ref::<EventData>()
        .ok_or_else(|| illegal_invocation("Event", member))?;
    let mut state = data.state.borrow_mut();
    Ok(f(&mut state))
}

fn target_value(target: &Option<JsObject>) -> JsValue {
    target.clone().map_or_else(JsValue::null, JsValue::from)
}

// ---- Event ---------------------------------------------------------------

pub(super) fn build_event(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "Event", 1, construct_event, None);
    interface
        .attribute(
            "type",
            |this, _, _| with_state(this, "type", |s| s.event_type.clone().into()),
            None,
        )
        .attribute(
            "target",
            |this, _, _| with_state(this, "target", |s| target_value(&s.target)),
            None,
        )
        // Legacy alias of target (DOM §2.2).
        .attribute(
            "srcElement",
            |this, _, _| with_state(this, "srcElement", |s| target_value(&s.target)),
            None,
        )
        .attribute(
            "currentTarget",
            |this, _, _| with_state(this, "currentTarget", |s| target_value(&s.current_target)),
            None,
        )
        .operation("composedPath", 0, composed_path)
        .attribute(
            "eventPhase",
            |this, _, _| with_state(this, "eventPhase", |s| s.phase.into()),
            None,
        )
        .operation("stopPropagation", 0, |this, _, _| {
            with_state(this, "stopPropagation", |s| s.stop_propagation = true)?;
            Ok(JsValue::undefined())
        })
        .attribute(
            "cancelBubble",
            |this, _, _| with_state(this, "cancelBubble", |s| s.stop_propagation.into()),
            Some(|this, args, _| {
                // Setting false does nothing (DOM §2.2 cancelBubble setter).
                let value = args.get_or_undefined(0).to_boolean();
                with_state(this, "cancelBubble", |s| {
                    if value {
                        s.stop_propagation = true;
                    }
                })?;
                Ok(JsValue::undefined())
            }),
        )
        .operation("stopImmediatePropagation", 0, |this, _, _| {
            with_state(this, "stopImmediatePropagation", |s| {
                s.stop_propagation = true;
                s.stop_immediate_propagation = true;
            })?;
            Ok(JsValue::undefined())
        })
        .attribute(
            "bubbles",
            |this, _, _| with_state(this, "bubbles", |s| s.bubbles.into()),
            None,
        )
        .attribute(
            "cancelable",
            |this, _, _| with_state(this, "cancelable", |s| s.cancelable.into()),
            None,
        )
        .attribute(
            "returnValue",
            |this, _, _| with_state(this, "returnValue", |s| (!s.canceled).into()),
            Some(|this, args, _| {
                let value = args.get_or_undefined(0).to_boolean();
                with_state(this, "returnValue", |s| {
                    if !value {
                        s.set_canceled();
                    }
                })?;
                Ok(JsValue::undefined())
            }),
        )
        .operation("preventDefault", 0, |this, _, _| {
            with_state(this, "preventDefault", EventState::set_canceled)?;
            Ok(JsValue::undefined())
        })
        .attribute(
            "defaultPrevented",
            |this, _, _| with_state(this, "defaultPrevented", |s| s.canceled.into()),
            None,
        )
        .attribute(
            "composed",
            |this, _, _| with_state(this, "composed", |s| s.composed.into()),
            None,
        )
        .attribute(
            "timeStamp",
            |this, _, _| with_state(this, "timeStamp", |s| s.time_stamp.into()),
            None,
        )
        .operation("initEvent", 1, init_event);
    for (name, value) in [
        ("NONE", 0),
        ("CAPTURING_PHASE", 1),
        ("AT_TARGET", 2),
        ("BUBBLING_PHASE", 3),
    ] {
        interface.constant(name, value);
    }
    interface.build()
}

fn construct_event(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let prototype = super::constructed_prototype(new_target, "Event", |c| &c.event, cx)?;
    require_args(args, 1, "Event")?;
    let event_type = args[0].to_string(cx)?;
    let init = to_dictionary(args.get_or_undefined(1), "Event")?;
    let init = event_init(init.as_ref(), cx)?;
    Ok(new_event(cx, prototype, event_type, init, EventKind::Event)?.into())
}

/// The getter of `isTrusted`, shared by every event.
pub(super) fn is_trusted_getter(cx: &mut Context) -> JsObject {
    accessor_function(
        cx,
        "get",
        "isTrusted",
        0,
        NativeFunction::from_fn_ptr(|this, _, _| {
            with_state(this, "isTrusted", |s| s.trusted.into())
        }),
    )
}

fn composed_path(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    // The path is the target alone while dispatching (there is no tree),
    // empty otherwise.
    let path = with_state(this, "composedPath", |s| {
        if s.dispatching {
            s.current_target.clone().or_else(|| s.target.clone())
        } else {
            None
        }
    })?;
    Ok(JsArray::from_iter(path.into_iter().map(JsValue::from), cx).into())
}

fn init_event(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    this_event(this, "initEvent")?;
    require_args(args, 1, "Event.initEvent")?;
    let event_type = args[0].to_string(cx)?;
    let bubbles = args.get_or_undefined(1).to_boolean();
    let cancelable = args.get_or_undefined(2).to_boolean();
    with_state(this, "initEvent", |s| {
        if !s.dispatching {
            s.initialize(event_type, bubbles, cancelable);
        }
    })?;
    Ok(JsValue::undefined())
}

// ---- CustomEvent ---------------------------------------------------------

pub(super) fn build_custom_event(
    cx: &mut Context,
    event: &StandardConstructor,
) -> StandardConstructor {
    let mut interface = Interface::new(cx, "CustomEvent", 1, construct_custom_event, Some(event));
    interface
        .attribute(
            "detail",
            |this, _, _| {
                with_kind(this, "CustomEvent", "detail", |kind| match kind {
                    EventKind::Custom { detail } => Some(detail.borrow().clone()),
                    _ => None,
                })
            },
            None,
        )
        .operation("initCustomEvent", 1, init_custom_event);
    interface.build()
}

fn construct_custom_event(
    new_target: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let prototype =
        super::constructed_prototype(new_target, "CustomEvent", |c| &c.custom_event, cx)?;
    require_args(args, 1, "CustomEvent")?;
    let event_type = args[0].to_string(cx)?;
    let dict = to_dictionary(args.get_or_undefined(1), "CustomEvent")?;
    // Inherited members first, then detail (WebIDL §3.2.19).
    let init = event_init(dict.as_ref(), cx)?;
    let detail = member(dict.as_ref(), "detail", cx)?;
    let detail = if detail.is_undefined() {
        JsValue::null()
    } else {
        detail
    };
    let kind = EventKind::Custom {
        detail: GcRefCell::new(detail),
    };
    Ok(new_event(cx, prototype, event_type, init, kind)?.into())
}

/// Reads a field of the subclass `interface` of the event `this`.
fn with_kind(
    this: &JsValue,
    interface: &str,
    member: &str,
    read: impl FnOnce(&EventKind) -> Option<JsValue>,
) -> JsResult<JsValue> {
    this.as_object()
        .and_then(|object| {
            let data = object.downcast_ref::<EventData>()?;
            read(&data.kind)
        })
        .ok_or_else(|| illegal_invocation(interface, member))
}

fn init_custom_event(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let is_custom = this
        .as_object()
        .and_then(|o| {
            o.downcast_ref::<EventData>()
                .map(|d| matches!(d.kind, EventKind::Custom { .. }))
        })
        .unwrap_or(false);
    if !is_custom {
        return Err(illegal_invocation("CustomEvent", "initCustomEvent"));
    }
    require_args(args, 1, "CustomEvent.initCustomEvent")?;
    let event_type = args[0].to_string(cx)?;
    let bubbles = args.get_or_undefined(1).to_boolean();
    let cancelable = args.get_or_undefined(2).to_boolean();
    let detail = args.get(3).cloned().unwrap_or_else(JsValue::null);
    let object = this_event(this, "initCustomEvent")?;
    let data = object
        .downcast_ref::<EventData>()
        .ok_or_else(|| illegal_invocation("CustomEvent", "initCustomEvent"))?;
    let mut state = data.state.borrow_mut();
    if state.dispatching {
        return Ok(JsValue::undefined());
    }
    state.initialize(event_type, bubbles, cancelable);
    if let EventKind::Custom { detail: slot } = &data.kind {
        *slot.borrow_mut() = detail;
    }
    Ok(JsValue::undefined())
}

// ---- ErrorEvent ----------------------------------------------------------

pub(super) fn build_error_event(
    cx: &mut Context,
    event: &StandardConstructor,
) -> StandardConstructor {
    let mut interface = Interface::new(cx, "ErrorEvent", 1, construct_error_event, Some(event));
    interface
        .attribute(
            "message",
            |this, _, _| error_field(this, "message", |m, _, _, _, _| m.clone().into()),
            None,
        )
        .attribute(
            "filename",
            |this, _, _| error_field(this, "filename", |_, f, _, _, _| f.clone().into()),
            None,
        )
        .attribute(
            "lineno",
            |this, _, _| error_field(this, "lineno", |_, _, l, _, _| l.into()),
            None,
        )
        .attribute(
            "colno",
            |this, _, _| error_field(this, "colno", |_, _, _, c, _| c.into()),
            None,
        )
        .attribute(
            "error",
            |this, _, _| error_field(this, "error", |_, _, _, _, e| e.clone()),
            None,
        );
    interface.build()
}

fn error_field(
    this: &JsValue,
    member: &str,
    read: impl FnOnce(&JsString, &JsString, u32, u32, &JsValue) -> JsValue,
) -> JsResult<JsValue> {
    with_kind(this, "ErrorEvent", member, |kind| match kind {
        EventKind::Error {
            message,
            filename,
            lineno,
            colno,
            error,
        } => Some(read(message, filename, *lineno, *colno, error)),
        _ => None,
    })
}

/// ErrorEventInit (HTML §8.1.4.6), besides EventInit.
pub(super) struct ErrorInit {
    pub(super) message: JsString,
    pub(super) filename: JsString,
    pub(super) lineno: u32,
    pub(super) colno: u32,
    pub(super) error: JsValue,
}

/// A new ErrorEvent of `prototype`.
pub(super) fn new_error_event(
    cx: &mut Context,
    prototype: JsObject,
    event_type: JsString,
    init: EventInit,
    error: ErrorInit,
) -> JsResult<JsObject> {
    let kind = EventKind::Error {
        message: error.message,
        filename: error.filename,
        lineno: error.lineno,
        colno: error.colno,
        error: error.error,
    };
    new_event(cx, prototype, event_type, init, kind)
}

fn construct_error_event(
    new_target: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let prototype = super::constructed_prototype(new_target, "ErrorEvent", |c| &c.error_event, cx)?;
    require_args(args, 1, "ErrorEvent")?;
    let event_type = args[0].to_string(cx)?;
    let dict = to_dictionary(args.get_or_undefined(1), "ErrorEvent")?;
    let dict = dict.as_ref();
    // EventInit's members, then ErrorEventInit's in lexicographic order.
    let init = event_init(dict, cx)?;
    // `unsigned long` is ToUint32 (WebIDL §3.2.4.7 without [EnforceRange]).
    let colno = member(dict, "colno", cx)?.to_u32(cx)?;
    let error = member(dict, "error", cx)?;
    let filename = string_member(dict, "filename", cx)?;
    let lineno = member(dict, "lineno", cx)?.to_u32(cx)?;
    let message = string_member(dict, "message", cx)?;
    let error = ErrorInit {
        message,
        filename,
        lineno,
        colno,
        error,
    };
    Ok(new_error_event(cx, prototype, event_type, init, error)?.into())
}

/// A DOMString member with the default "".
fn string_member(init: Option<&JsObject>, key: &str, cx: &mut Context) -> JsResult<JsString> {
    let value = member(init, key, cx)?;
    if value.is_undefined() {
        Ok(js_string!())
    } else {
        value.to_string(cx)
    }
}

// ---- PromiseRejectionEvent -------------------------------------------------

pub(super) fn build_rejection_event(
    cx: &mut Context,
    event: &StandardConstructor,
) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "PromiseRejectionEvent",
        2,
        construct_rejection_event,
        Some(event),
    );
    interface
        .attribute(
            "promise",
            |this, _, _| {
                with_kind(
                    this,
                    "PromiseRejectionEvent",
                    "promise",
                    |kind| match kind {
                        EventKind::Rejection { promise, .. } => Some(promise.clone().into()),
                        _ => None,
                    },
                )
            },
            None,
        )
        .attribute(
            "reason",
            |this, _, _| {
                with_kind(this, "PromiseRejectionEvent", "reason", |kind| match kind {
                    EventKind::Rejection { reason, .. } => Some(reason.clone()),
                    _ => None,
                })
            },
            None,
        );
    interface.build()
}

fn construct_rejection_event(
    new_target: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let prototype = super::constructed_prototype(
        new_target,
        "PromiseRejectionEvent",
        |c| &c.rejection_event,
        cx,
    )?;
    require_args(args, 2, "PromiseRejectionEvent")?;
    let event_type = args[0].to_string(cx)?;
    let dict = to_dictionary(args.get_or_undefined(1), "PromiseRejectionEvent")?;
    let dict = dict.as_ref();
    let init = event_init(dict, cx)?;
    // `required object promise; any reason;`
    let promise = member(dict, "promise", cx)?;
    if promise.is_undefined() {
        return Err(type_error(
            "PromiseRejectionEvent: the promise member is required",
        ));
    }
    let promise = promise
        .as_object()
        .ok_or_else(|| type_error("PromiseRejectionEvent: promise is not an object"))?
        .clone();
    let reason = member(dict, "reason", cx)?;
    let kind = EventKind::Rejection { promise, reason };
    Ok(new_event(cx, prototype, event_type, init, kind)?.into())
}

/// A new trusted PromiseRejectionEvent (HTML §8.1.4.8).
pub(super) fn new_rejection_event(
    cx: &mut Context,
    event_type: &str,
    cancelable: bool,
    promise: JsObject,
    reason: JsValue,
) -> JsResult<JsObject> {
    let prototype = classes(cx)?.rejection_event.prototype();
    let init = EventInit {
        cancelable,
        ..EventInit::default()
    };
    let kind = EventKind::Rejection { promise, reason };
    let event = new_event(cx, prototype, JsString::from(event_type), init, kind)?;
    set_trusted(&event);
    Ok(event)
}
