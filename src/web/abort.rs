//! TEMPORARY stand-in for the AbortSignal API being written on branch
//! `events`; replaced by that branch's module on merge.

use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsObject, JsResult, JsValue};

pub enum AbortState {
    NotAborted,
    Aborted(JsValue),
}

pub fn abort_state(_cx: &mut Context, _value: &JsValue) -> JsResult<Option<AbortState>> {
    Ok(None)
}

pub fn add_abort_algorithm(
    _cx: &mut Context,
    _signal: &JsObject,
    _algorithm: JsFunction,
) -> JsResult<()> {
    Ok(())
}

pub fn remove_abort_algorithm(
    _cx: &mut Context,
    _signal: &JsObject,
    _algorithm: &JsFunction,
) -> JsResult<()> {
    Ok(())
}
