//! JavaScript functions made from Rust to be called back: promise
//! reactions and abort algorithms, which take one argument (the value or
//! reason) and return `undefined`.

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsResult, JsValue, NativeFunction};
use boa_gc::Trace;

/// What a [`callback`] runs: the first argument (undefined when absent)
/// and the captured values.
pub type Callback<T> = fn(JsValue, &T, &mut Context) -> JsResult<()>;

/// A function that calls `f` with its first argument and `captures`.
pub fn callback<T: Trace + 'static>(cx: &mut Context, captures: T, f: Callback<T>) -> JsFunction {
    let native = NativeFunction::from_copy_closure_with_captures(
        move |_, args, captures: &T, cx| {
            f(args.first().cloned().unwrap_or_default(), captures, cx)?;
            Ok(JsValue::undefined())
        },
        captures,
    );
    FunctionObjectBuilder::new(cx.realm(), native).build()
}
