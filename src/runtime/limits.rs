//! Hooks for per-request limits that an embedder (the server) installs in a
//! context: the `fetch()` count gate and the calibration of Boa's loop
//! iteration limit. The policy lives in `server::app`.

use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use boa_engine::{Context, JsNativeError, JsResult, Source};

use super::event_loop::{EventLoop, NO_TAG};

/// Context data: called with the current event-loop tag (the request) on
/// every `fetch()`; an `Err` message makes that fetch reject with a
/// TypeError.
#[derive(Clone)]
pub struct SubrequestHook(pub Rc<dyn Fn(u64) -> Result<(), String>>);

/// Called by `fetch()` before it starts: counts the call against the
/// current request when the context has a [`SubrequestHook`].
pub fn check_subrequest(context: &Context) -> JsResult<()> {
    let Some(hook) = context.get_data::<SubrequestHook>().cloned() else {
        return Ok(());
    };
    let tag = EventLoop::of(context).map_or(NO_TAG, |l| l.current_tag());
    (hook.0)(tag).map_err(|message| JsNativeError::typ().with_message(message).into())
}

/// How many iterations of the cheapest JavaScript loop (`for (;;) {}`) this
/// build runs per second, measured once per process (about 20-50 ms).
///
/// Boa's `loop_iteration_limit` counts iterations per call frame
/// (`IncrementLoopIteration` in vm/opcode/iteration/loop_ops.rs); a limit
/// of `rate × timeout` iterations therefore cannot trip before `timeout`
/// has passed in that frame, and trips about then for the cheapest loop
/// (loops with heavier bodies take proportionally longer).
pub fn loop_iterations_per_second() -> f64 {
    static RATE: OnceLock<f64> = OnceLock::new();
    *RATE.get_or_init(measure_loop_rate)
}

fn measure_loop_rate() -> f64 {
    let mut context = Context::default();
    let mut iterations: u64 = 50_000;
    let mut best = f64::MAX;
    for _ in 0..12 {
        context
            .runtime_limits_mut()
            .set_loop_iteration_limit(iterations);
        let started = Instant::now();
        // Ends with the (uncatchable) loop-limit error by design.
        let _ = context.eval(Source::from_bytes("for (;;) {}"));
        let elapsed = started.elapsed();
        best = best.min(elapsed.as_secs_f64() / iterations as f64);
        if elapsed < Duration::from_millis(15) {
            iterations *= 2;
        } else if elapsed > Duration::from_millis(10) {
            break;
        }
    }
    // The fastest sample: another thread busy on a shared core only makes
    // a sample slower, and a too-low rate would stop loops early.
    1.0 / best.max(1e-9)
}

/// The loop iteration limit that trips after about `timeout` of the
/// cheapest loop.
pub fn loop_iteration_limit_for(timeout: Duration) -> u64 {
    let limit = loop_iterations_per_second() * timeout.as_secs_f64();
    (limit as u64).max(10_000)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use boa_engine::{JsValue, NativeFunction, Source, js_string};

    use super::*;
    use crate::runtime::RuntimeOptions;

    /// The tag current when work was queued is current again when it runs:
    /// after `await`, in `.then` callbacks, in timers set by tagged code.
    #[test]
    fn tags_follow_jobs_and_timers() {
        let mut rt = crate::web::new_runtime(RuntimeOptions::default()).expect("runtime");
        let seen: Rc<RefCell<Vec<(String, u64)>>> = Rc::default();
        let sink = seen.clone();
        rt.context()
            .insert_data(SubrequestHook(Rc::new(move |_| Ok(()))));
        // `probe(name)` records the tag current when it is called.
        // SAFETY: the closure captures no garbage-collected value (only an
        // `Rc` of Rust data), so nothing needs tracing.
        let probe = unsafe {
            NativeFunction::from_closure(move |_, args, cx| {
                let name = args
                    .first()
                    .map(|v| v.to_string(cx).map(|s| s.to_std_string_escaped()))
                    .transpose()?
                    .unwrap_or_default();
                let tag = EventLoop::of(cx).map_or(NO_TAG, |l| l.current_tag());
                sink.borrow_mut().push((name, tag));
                Ok(JsValue::undefined())
            })
        };
        rt.context()
            .register_global_builtin_callable(js_string!("probe"), 1, probe)
            .expect("probe");
        let event_loop = rt.event_loop().clone();
        for tag in [7, 9] {
            event_loop.set_current_tag(tag);
            rt.context()
                .eval(Source::from_bytes(&format!(
                    "(async () => {{ probe('start{tag}'); await null; probe('await{tag}');
                       Promise.resolve().then(() => probe('then{tag}'));
                       setTimeout(() => probe('timer{tag}'), 1); }})()"
                )))
                .expect("eval");
            event_loop.set_current_tag(NO_TAG);
        }
        event_loop.run_to_end(rt.context()).expect("loop");
        let seen = seen.borrow();
        for (name, tag) in seen.iter() {
            let expected: u64 = name
                .trim_start_matches(char::is_alphabetic)
                .parse()
                .expect("n");
            assert_eq!(*tag, expected, "{name}: {seen:?}");
        }
        assert_eq!(seen.len(), 8, "{seen:?}");
    }
}
