//! Values as text, the way node's `util.inspect` prints them.

use boa_engine::{Context, JsValue};

/// The inspected form of `value` (what `console.log(value)` prints).
pub fn inspect(value: &JsValue, _cx: &mut Context) -> String {
    value.display().to_string()
}
