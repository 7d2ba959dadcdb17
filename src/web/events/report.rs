//! Errors and rejections as events of the global object: HTML §8.1.4.7
//! "report an exception" (<https://html.spec.whatwg.org/#report-an-exception>)
//! fires a cancelable `error` ErrorEvent, §8.1.4.8 fires
//! `unhandledrejection` and `rejectionhandled`; `reportError(e)`; and the
//! global's `onerror`, `onunhandledrejection` and `onrejectionhandled`
//! attributes. The runtime calls [`dispatch_error`] and
//! [`dispatch_rejection`] through its API hooks.

use boa_engine::property::PropertyDescriptor;
use boa_engine::{Context, JsArgs, JsObject, JsResult, JsString, JsValue, NativeFunction};

use super::event::{ErrorInit, EventInit, new_error_event, new_rejection_event, set_trusted};
use super::target::{dispatch, handler_value, has_listeners, set_handler};
use super::{classes, classes_if_built};
use crate::runtime::errors::{describe_value, report_unhandled};
use crate::web::webidl::{accessor_function, function, require_args, type_error};

/// "file:line:col" of a stack frame outside nano-boa's own scripts.
struct Location {
    filename: JsString,
    lineno: u32,
    colno: u32,
}

/// The first frame of Boa's `stack` text ("    at f (/path/a.js:3:9)" or
/// "    at /path/a.js:3:9") that names a script position outside
/// nano-boa's built-in sources ("<nano-boa:...>").
fn location_in(stack: &str) -> Option<Location> {
    stack.lines().find_map(|line| {
        let frame = line.trim_start().strip_prefix("at ")?;
        let position = match (frame.find(" ("), frame.strip_suffix(')')) {
            (Some(open), Some(inner)) => &inner[open + 2..],
            _ => frame,
        };
        let mut parts = position.rsplitn(3, ':');
        let colno = parts.next()?.parse().ok()?;
        let lineno = parts.next()?.parse().ok()?;
        let filename = parts.next()?;
        if filename.is_empty() || filename.starts_with("<nano-boa:") {
            return None;
        }
        Some(Location {
            filename: JsString::from(filename),
            lineno,
            colno,
        })
    })
}

/// The `stack` of a thrown object, if reading it does not throw.
fn stack_of(value: &JsValue, cx: &mut Context) -> Option<String> {
    let object = value.as_object()?;
    let stack = object.get(JsString::from("stack"), cx).ok()?;
    stack.as_string().map(|s| s.to_std_string_escaped())
}

/// HTML §8.1.4.7 "report an exception" at the global object: fires a
/// trusted, cancelable ErrorEvent; true when a listener canceled it (the
/// error counts as handled). An exception thrown by an `error` listener
/// is not reported to the listeners again ("error reporting mode"): it
/// takes the default action, as in deno.
fn report_at_global(cx: &mut Context, error: &JsValue, fallback: Option<Location>) -> bool {
    let Some(classes) = classes_if_built(cx) else {
        return false;
    };
    let holder = classes.global_target.clone();
    if classes.error_reporting.get() || !has_listeners(&holder, "error") {
        return false;
    }
    let location = stack_of(error, cx)
        .and_then(|stack| location_in(&stack))
        .or(fallback)
        .unwrap_or(Location {
            filename: JsString::default(),
            lineno: 0,
            colno: 0,
        });
    let description = describe_value(error, cx);
    let first_line = description.lines().next().unwrap_or_default();
    let init = ErrorInit {
        message: JsString::from(format!("Uncaught {first_line}")),
        filename: location.filename,
        lineno: location.lineno,
        colno: location.colno,
        error: error.clone(),
    };
    let event_init = EventInit {
        cancelable: true,
        ..EventInit::default()
    };
    let prototype = classes.error_event.prototype();
    let Ok(event) = new_error_event(cx, prototype, JsString::from("error"), event_init, init)
    else {
        return false;
    };
    set_trusted(&event);
    classes.error_reporting.set(true);
    let global = cx.global_object();
    let not_canceled = dispatch(cx, &global, &holder, &event);
    classes.error_reporting.set(false);
    matches!(not_canceled, Ok(false))
}

/// Fires the `error` event of an uncaught exception (or a `reportError`)
/// at the global object: true when a listener canceled it, i.e. handled
/// the error. False when the classes are not built (no listener can
/// exist) or the dispatch itself failed.
pub(crate) fn dispatch_error(cx: &mut Context, error: &JsValue) -> bool {
    report_at_global(cx, error, None)
}

/// Fires `unhandledrejection` (cancelable; true when canceled: the
/// rejection counts as handled) or `rejectionhandled` at the global
/// object (HTML §8.1.4.8).
pub(crate) fn dispatch_rejection(
    cx: &mut Context,
    kind: &str,
    promise: &JsObject,
    reason: &JsValue,
) -> bool {
    let Some(classes) = classes_if_built(cx) else {
        return false;
    };
    let holder = classes.global_target.clone();
    if !has_listeners(&holder, kind) {
        return false;
    }
    let cancelable = kind == "unhandledrejection";
    let Ok(event) = new_rejection_event(cx, kind, cancelable, promise.clone(), reason.clone())
    else {
        return false;
    };
    let global = cx.global_object();
    matches!(dispatch(cx, &global, &holder, &event), Ok(false))
}

/// HTML reportError(e) (WindowOrWorkerGlobalScope): report `e` as an
/// uncaught exception; the location of a value without a stack is where
/// reportError was called.
pub(super) fn report_error_function(cx: &mut Context) -> JsObject {
    function(cx, JsString::from("reportError"), 1, |_, args, cx| {
        require_args(args, 1, "reportError")?;
        let error = args[0].clone();
        let here = cx
            .intrinsics()
            .constructors()
            .error()
            .constructor()
            .construct(&[], None, cx)
            .ok()
            .and_then(|e| stack_of(&e.into(), cx))
            .and_then(|stack| location_in(&stack));
        if !report_at_global(cx, &error, here) {
            report_unhandled(cx, boa_engine::JsError::from_opaque(error));
        }
        Ok(JsValue::undefined())
    })
}

/// The global's event handler attributes (HTML §8.1.8.2
/// WindowEventHandlers/GlobalEventHandlers, as WinterTC lists them):
/// accessors defined at startup that build the classes on first use.
const GLOBAL_HANDLERS: [&str; 3] = ["error", "unhandledrejection", "rejectionhandled"];

pub(super) fn define_global_handlers(cx: &mut Context) -> JsResult<()> {
    for event_type in GLOBAL_HANDLERS {
        let name = format!("on{event_type}");
        let key = JsString::from(event_type);
        let get = NativeFunction::from_copy_closure_with_captures(
            |this, _, key: &JsString, cx| {
                let holder = global_holder(this, key, cx)?;
                Ok(handler_value(&holder, key))
            },
            key.clone(),
        );
        let set = NativeFunction::from_copy_closure_with_captures(
            |this, args, key: &JsString, cx| {
                let holder = global_holder(this, key, cx)?;
                let on_error = key == &JsString::from("error");
                set_handler(cx, &holder, key, args.get_or_undefined(0), on_error);
                Ok(JsValue::undefined())
            },
            key,
        );
        let get = accessor_function(cx, "get", &name, 0, get);
        let set = accessor_function(cx, "set", &name, 1, set);
        cx.global_object().define_property_or_throw(
            JsString::from(name),
            PropertyDescriptor::builder()
                .get(get)
                .set(set)
                .enumerable(true)
                .configurable(true),
            cx,
        )?;
    }
    Ok(())
}

/// The listeners of the global object, for its handler attributes; a
/// TypeError for any other receiver.
fn global_holder(this: &JsValue, key: &JsString, cx: &mut Context) -> JsResult<JsObject> {
    let global = cx.global_object();
    let is_global = this.is_null_or_undefined()
        || this
            .as_object()
            .is_some_and(|o| JsObject::equals(&o, &global));
    if !is_global {
        return Err(type_error(format!(
            "on{} is an attribute of the global object",
            key.to_std_string_escaped()
        )));
    }
    Ok(classes(cx)?.global_target.clone())
}

#[cfg(test)]
mod tests {
    use super::location_in;

    #[test]
    fn locations_skip_builtin_frames() {
        let stack = "Error: x\n    at f (<nano-boa:streams.js>:3:9)\n    at g (/app/a.js:12:5)";
        let location = location_in(stack).expect("a frame");
        assert_eq!(location.filename.to_std_string_escaped(), "/app/a.js");
        assert_eq!((location.lineno, location.colno), (12, 5));
        let bare = location_in("    at /app/b.js:1:2").expect("a frame");
        assert_eq!(bare.filename.to_std_string_escaped(), "/app/b.js");
        assert!(location_in("    at reportError (native)").is_none());
    }
}
