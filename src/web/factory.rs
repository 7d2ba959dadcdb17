//! JavaScript that ships inside the binary as "factory" files: each file
//! evaluates to a function that takes the natives it needs and returns its
//! exports (the classes and the internals Rust calls back into). Used by
//! the family still written in JavaScript (the streams).

use std::path::Path;

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, Source};

/// A native function as the factories receive them.
pub(crate) type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// Evaluates the factory file `code` (named `<nano-boa:name>` in stack
/// traces) and calls it with `args`: its exports.
pub(crate) fn evaluate(
    context: &mut Context,
    code: &str,
    name: &str,
    args: &[JsValue],
) -> JsResult<JsObject> {
    let internal = |what: String| JsNativeError::typ().with_message(format!("internal: {what}"));
    let path = format!("<nano-boa:{name}>");
    let source = Source::from_bytes(code.as_bytes()).with_path(Path::new(&path));
    let factory = context.eval(source)?;
    let factory = factory
        .as_callable()
        .ok_or_else(|| internal(format!("{name} did not evaluate to a function")))?;
    Ok(factory
        .call(&JsValue::undefined(), args, context)?
        .as_object()
        .ok_or_else(|| internal(format!("{name} did not return its exports")))?)
}
