//! `queueMicrotask` (HTML §8.7). Replaces boa_runtime's, which returns
//! `null` instead of `undefined`.

use boa_engine::job::PromiseJob;

use crate::runtime::event_loop::EventLoop;
use boa_engine::{Context, JsArgs, JsNativeError, JsResult, JsValue, NativeFunction, js_string};

pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::globals::define_operation(
        context,
        js_string!("queueMicrotask"),
        1,
        NativeFunction::from_fn_ptr(queue_microtask),
    )?;
    Ok(())
}

fn queue_microtask(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let callback = args.get_or_undefined(0).as_callable().ok_or_else(|| {
        JsNativeError::typ().with_message(format!(
            "queueMicrotask: the callback must be a function, got {}",
            args.get_or_undefined(0).type_of()
        ))
    })?;
    let callback = callback.clone();
    // The async context (AsyncLocalStorage) of the caller is the callback's.
    let frame = EventLoop::of(cx).map(|l| l.async_context().current());
    // An exception in the callback is reported like any uncaught exception
    // ("report the exception"): the job's error ends `run` with exit 1.
    cx.enqueue_job(
        PromiseJob::new(move |cx| {
            let call = |cx: &mut Context| callback.call(&JsValue::undefined(), &[], cx);
            match (EventLoop::of(cx), frame) {
                (Some(event_loop), Some(frame)) => {
                    event_loop.async_context().run_in(frame, || call(cx))
                }
                _ => call(cx),
            }
        })
        .into(),
    );
    Ok(JsValue::undefined())
}
