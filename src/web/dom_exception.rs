//! `DOMException` (WebIDL §3.14.1), and a constructor for Rust code that must
//! throw one (`InvalidCharacterError` from `atob`, `AbortError`, ...).

use std::path::Path;

use boa_engine::property::Attribute;
use boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsValue, Source, js_string};

const SOURCE: &str = include_str!("dom_exception.js");

/// The realm's `DOMException` constructor, kept so that natives still find
/// it after a script overwrites the global.
struct DomExceptionConstructor(JsObject);

pub fn register(context: &mut Context) -> JsResult<()> {
    let source =
        Source::from_bytes(SOURCE.as_bytes()).with_path(Path::new("<nano-boa:dom_exception.js>"));
    let constructor = context.eval(source)?;
    let Some(constructor) = constructor.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("internal: dom_exception.js did not return a constructor")
            .into());
    };
    context.register_global_property(
        js_string!("DOMException"),
        constructor.clone(),
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    context.insert_data(DomExceptionConstructor(constructor.clone()));
    Ok(())
}

/// A `DOMException` with `message` and `name`, as an error to throw.
pub fn error(context: &mut Context, message: &str, name: &str) -> JsError {
    let Some(constructor) = context
        .get_data::<DomExceptionConstructor>()
        .map(|c| c.0.clone())
    else {
        // Not registered (an embedder left it out): the closest plain error.
        return JsNativeError::error()
            .with_message(format!("{name}: {message}"))
            .into();
    };
    let args = [
        JsValue::from(js_string!(message)),
        JsValue::from(js_string!(name)),
    ];
    match constructor.construct(&args, None, context) {
        Ok(object) => JsError::from_opaque(object.into()),
        Err(err) => err,
    }
}
