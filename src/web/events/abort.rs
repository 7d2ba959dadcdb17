//! The Rust side of `AbortSignal` (DOM §3.2), for natives such as `fetch()`
//! that must notice when a signal aborts. Re-exported as
//! `crate::web::abort`.

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, js_string};

/// Whether an AbortSignal is aborted, and why.
#[derive(Debug, Clone)]
pub enum AbortState {
    NotAborted,
    /// Aborted with this reason (never undefined).
    Aborted(JsValue),
}

/// The state of `value` if it is an AbortSignal of this realm; `None` for
/// any other value.
pub fn abort_state(cx: &mut Context, value: &JsValue) -> JsResult<Option<AbortState>> {
    // Not built yet: no AbortSignal can exist, and building costs a compile.
    let Some(exports) = super::abort_exports_if_built(cx) else {
        return Ok(None);
    };
    let state_of = exports.get(js_string!("abortState"), cx)?;
    let state_of = callable(&state_of, "abortState")?;
    let state = state_of.call(&JsValue::undefined(), std::slice::from_ref(value), cx)?;
    let Some(pair) = state.as_object() else {
        return Ok(None);
    };
    if pair.get(0, cx)?.to_boolean() {
        Ok(Some(AbortState::Aborted(pair.get(1, cx)?)))
    } else {
        Ok(Some(AbortState::NotAborted))
    }
}

/// Runs `algorithm` (called with the reason as its only argument) when the
/// signal aborts (DOM "add an abort algorithm"); a no-op if already aborted.
/// A TypeError if `signal` is not an AbortSignal of this realm. An exception
/// the algorithm throws is reported as an uncaught error, as a listener's.
pub fn add_abort_algorithm(
    cx: &mut Context,
    signal: &JsObject,
    algorithm: JsFunction,
) -> JsResult<()> {
    call(cx, "addAlgorithm", signal, algorithm.into())
}

/// DOM "remove an abort algorithm" (so a long-lived signal does not
/// accumulate closures). Removing an algorithm that was never added does
/// nothing.
pub fn remove_abort_algorithm(
    cx: &mut Context,
    signal: &JsObject,
    algorithm: &JsFunction,
) -> JsResult<()> {
    call(cx, "removeAlgorithm", signal, algorithm.clone().into())
}

/// DOM "signal abort" with `reason` (an AbortError DOMException when
/// undefined): the abort algorithms run, then the `abort` event. Nothing
/// happens if the signal is already aborted.
pub fn signal_abort(cx: &mut Context, signal: &JsObject, reason: JsValue) -> JsResult<()> {
    call(cx, "signalAbort", signal, reason)
}

fn callable(value: &JsValue, name: &str) -> JsResult<JsObject> {
    value.as_callable().ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!(
                "internal: abort.js export {name} is not a function"
            ))
            .into()
    })
}

fn call(cx: &mut Context, name: &str, signal: &JsObject, algorithm: JsValue) -> JsResult<()> {
    let exports = super::abort_exports(cx)?;
    let function = exports.get(js_string!(name), cx)?;
    callable(&function, name)?.call(
        &JsValue::undefined(),
        &[signal.clone().into(), algorithm],
        cx,
    )?;
    Ok(())
}

/// A new AbortSignal that follows `signals` (DOM "create a dependent abort
/// signal", as `AbortSignal.any(signals)`): aborted now if one of them is.
pub fn dependent_signal(cx: &mut Context, signals: &[JsObject]) -> JsResult<JsObject> {
    let exports = super::abort_exports(cx)?;
    let class = exports.get(js_string!("AbortSignal"), cx)?;
    let class = callable(&class, "AbortSignal")?;
    let any = class.get(js_string!("any"), cx)?;
    let list = boa_engine::object::builtins::JsArray::from_iter(
        signals.iter().cloned().map(JsValue::from),
        cx,
    );
    let signal = callable(&any, "AbortSignal.any")?.call(&class.into(), &[list.into()], cx)?;
    signal.as_object().ok_or_else(|| {
        JsNativeError::typ()
            .with_message("internal: AbortSignal.any did not return an object")
            .into()
    })
}
