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
/// it after a script overwrites the global, and its brand check
/// (`fieldsOf`, which never throws).
struct DomException {
    constructor: JsObject,
    fields_of: JsObject,
}

pub fn register(context: &mut Context) -> JsResult<()> {
    super::lazy::define(context, js_string!("DOMException"), |cx| {
        built(cx).map(|d| JsValue::from(d.constructor))
    })
}

/// The class, built on first use.
fn built(context: &mut Context) -> JsResult<DomException> {
    if let Some(existing) = context.get_data::<DomException>() {
        return Ok(DomException {
            constructor: existing.constructor.clone(),
            fields_of: existing.fields_of.clone(),
        });
    }
    let source =
        Source::from_bytes(SOURCE.as_bytes()).with_path(Path::new("<nano-boa:dom_exception.js>"));
    let completion = context.eval(source)?;
    let internal = || {
        JsError::from(
            JsNativeError::typ()
                .with_message("internal: dom_exception.js did not return [constructor, fieldsOf]"),
        )
    };
    let pair = completion.as_object().ok_or_else(internal)?;
    let constructor = pair.get(0, context)?;
    let fields_of = pair.get(1, context)?;
    let (Some(constructor), Some(fields_of)) = (constructor.as_object(), fields_of.as_object())
    else {
        return Err(internal());
    };
    context.insert_data(DomException {
        constructor: constructor.clone(),
        fields_of: fields_of.clone(),
    });
    Ok(DomException {
        constructor: constructor.clone(),
        fields_of: fields_of.clone(),
    })
}

/// A `DOMException` with `message` and `name`, as an error to throw.
pub fn error(context: &mut Context, message: &str, name: &str) -> JsError {
    let constructor = match built(context) {
        Ok(class) => class.constructor,
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

/// The `name` and `message` of a DOMException of this realm, `None` for any
/// other value. Used by `structuredClone`, DOMException being serializable.
pub fn fields(context: &mut Context, value: &JsValue) -> JsResult<Option<(JsValue, JsValue)>> {
    // Not built yet: no DOMException can exist.
    let Some(fields_of) = context
        .get_data::<DomException>()
        .map(|c| c.fields_of.clone())
    else {
        return Ok(None);
    };
    let fields = fields_of.call(&JsValue::undefined(), std::slice::from_ref(value), context)?;
    let Some(fields) = fields.as_object() else {
        return Ok(None);
    };
    let name = fields.get(js_string!("name"), context)?;
    let message = fields.get(js_string!("message"), context)?;
    Ok(Some((name, message)))
}
