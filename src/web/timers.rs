//! `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`
//! (HTML §8.6 "Timers"), on the context's [`EventLoop`].

use std::time::Duration;

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsArgs, JsNativeError, JsResult, JsValue, NativeFunction, js_string};

use crate::runtime::event_loop::EventLoop;
use crate::runtime::timers::TimerCallback;

type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

pub fn register(context: &mut Context) -> JsResult<()> {
    let globals: [(&str, usize, NativeFn); 4] = [
        ("setTimeout", 1, set_timeout),
        ("setInterval", 1, set_interval),
        ("clearTimeout", 0, clear_timer),
        ("clearInterval", 0, clear_timer),
    ];
    for (name, length, f) in globals {
        crate::web::globals::define_operation(
            context,
            js_string!(name),
            length,
            NativeFunction::from_fn_ptr(f),
        )?;
    }
    Ok(())
}

fn set_timeout(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    schedule("setTimeout", args, false, cx)
}

fn set_interval(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    schedule("setInterval", args, true, cx)
}

fn schedule(name: &str, args: &[JsValue], repeat: bool, cx: &mut Context) -> JsResult<JsValue> {
    // HTML would compile a string handler as code; node, and this runtime,
    // refuse anything but a function (no hidden eval).
    let function = args
        .get_or_undefined(0)
        .as_callable()
        .and_then(|f| JsFunction::from_object(f.clone()))
        .ok_or_else(|| {
            JsNativeError::typ().with_message(format!(
                "{name}: the callback must be a function, got {}",
                args.get_or_undefined(0).type_of()
            ))
        })?;
    let delay = clamp_delay(args.get_or_undefined(1), cx)?;
    let extra = args.iter().skip(2).cloned().collect();
    let event_loop = event_loop(cx)?;
    let id = event_loop.timers().borrow_mut().insert(
        delay,
        repeat.then_some(delay),
        TimerCallback::Js {
            function,
            args: extra,
            frame: event_loop.async_context().current(),
        },
    );
    Ok(JsValue::from(id))
}

/// The delay in milliseconds, as node clamps it: not a number, below 1 or
/// above 2^31-1 becomes 1 ms (HTML §8.6 step 4 says 0; node's 1 ms keeps the
/// same relative order of timers).
pub(crate) fn clamp_delay(value: &JsValue, cx: &mut Context) -> JsResult<Duration> {
    let ms = if value.is_undefined() {
        0.0
    } else {
        value.to_number(cx)?
    };
    let ms = if ms.is_finite() && (1.0..=f64::from(i32::MAX)).contains(&ms) {
        ms.trunc()
    } else {
        1.0
    };
    Ok(Duration::from_millis(ms as u64))
}

fn clear_timer(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let id = args.get_or_undefined(0);
    // Unknown or non-numeric ids are ignored, as in HTML and node.
    if let Some(n) = id.as_number()
        && n.fract() == 0.0
        && n >= 1.0
        && n <= f64::from(i32::MAX)
    {
        event_loop(cx)?.timers().borrow_mut().clear(n as u32);
    }
    Ok(JsValue::undefined())
}

fn event_loop(cx: &Context) -> JsResult<std::rc::Rc<EventLoop>> {
    EventLoop::of(cx).ok_or_else(|| {
        JsNativeError::typ()
            .with_message("timers need the nano-boa event loop")
            .into()
    })
}
