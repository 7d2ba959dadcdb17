//! `DOMException` (WebIDL §3.14.1), and a constructor for Rust code that must
//! throw one (`InvalidCharacterError` from `atob`, `AbortError`, ...).
//!
//! The class is written in JavaScript (dom_exception.js) and built lazily:
//! most programs never construct one, and parsing it would cost every cold
//! start (see `lazy.rs`).

use std::path::Path;

use boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsValue, Source, js_string};

const SOURCE: &str = include_str!("dom_exception.js");

/// The realm's `DOMException` constructor, kept so that natives still find
/// it after a script overwrites the global.
struct DomExceptionConstructor(JsObject);

pub fn register(context: &mut Context) -> JsResult<()> {
    super::lazy::define(context, js_string!("DOMException"), |cx| {
        constructor(cx).map(JsValue::from)
    })
}

/// The constructor, built on first use.
fn constructor(context: &mut Context) -> JsResult<JsObject> {
    if let Some(existing) = context.get_data::<DomExceptionConstructor>() {
        return Ok(existing.0.clone());
    }
    let source =
        Source::from_bytes(SOURCE.as_bytes()).with_path(Path::new("<nano-boa:dom_exception.js>"));
    let value = context.eval(source)?;
    let Some(constructor) = value.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("internal: dom_exception.js did not return a constructor")
            .into());
    };
    context.insert_data(DomExceptionConstructor(constructor.clone()));
    Ok(constructor.clone())
}

/// A `DOMException` with `message` and `name`, as an error to throw.
pub fn error(context: &mut Context, message: &str, name: &str) -> JsError {
    let constructor = match constructor(context) {
        Ok(constructor) => constructor,
        Err(err) => return err,
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
