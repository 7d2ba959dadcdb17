//! Node's coded errors (<https://nodejs.org/api/errors.html#nodejs-error-codes>):
//! a `TypeError` or `RangeError` with a `code` property such as
//! `ERR_INVALID_ARG_TYPE`, and the wording of node's own messages, since npm
//! code checks `err.code` and tests print `err.message`.

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    js_string,
};
use boa_gc::{Finalize, GcRefCell, Trace};

/// The kind of a coded error.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Error,
    Type,
    Range,
}

/// An error of `kind` with `message` and node's `code`. Its prototype
/// is one per code that inherits the kind's (so `instanceof TypeError`
/// holds) and whose `toString` gives `TypeError [CODE]: message`, as
/// node's error classes do.
pub(crate) fn coded(
    kind: Kind,
    code: &str,
    message: impl Into<String>,
    cx: &mut Context,
) -> JsError {
    let native = match kind {
        Kind::Error => JsNativeError::error(),
        Kind::Type => JsNativeError::typ(),
        Kind::Range => JsNativeError::range(),
    };
    let error = native.with_message(message.into()).into_opaque(cx);
    if let Ok(prototype) = code_prototype(kind, code, &error, cx) {
        error.set_prototype(Some(prototype));
    }
    let _ = error.set(js_string!("code"), JsString::from(code), false, cx);
    JsError::from_opaque(error.into())
}

/// The prototypes made for each (kind, code) in this context.
#[derive(Default, Trace, Finalize)]
struct CodePrototypes(GcRefCell<Vec<CodePrototype>>);

#[derive(Trace, Finalize)]
struct CodePrototype {
    #[unsafe_ignore_trace]
    kind: u8,
    #[unsafe_ignore_trace]
    code: String,
    prototype: JsObject,
}

fn code_prototype(
    kind: Kind,
    code: &str,
    error: &JsObject,
    cx: &mut Context,
) -> JsResult<JsObject> {
    if cx.get_data::<CodePrototypes>().is_none() {
        cx.insert_data(CodePrototypes::default());
    }
    if let Some(made) = cx.get_data::<CodePrototypes>().and_then(|p| {
        p.0.borrow()
            .iter()
            .find(|p| p.kind == kind as u8 && p.code == code)
            .map(|p| p.prototype.clone())
    }) {
        return Ok(made);
    }
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    prototype.set_prototype(error.prototype());
    let to_string = NativeFunction::from_copy_closure_with_captures(
        |this, _, code: &JsString, cx| {
            let Some(this) = this.as_object() else {
                return Ok(JsValue::undefined());
            };
            let name = this.get(js_string!("name"), cx)?.to_string(cx)?;
            let message = this.get(js_string!("message"), cx)?.to_string(cx)?;
            Ok(JsString::from(format!(
                "{} [{}]: {}",
                name.to_std_string_lossy(),
                code.to_std_string_lossy(),
                message.to_std_string_lossy()
            ))
            .into())
        },
        JsString::from(code),
    )
    .to_js_function(cx.realm());
    prototype.define_property_or_throw(
        js_string!("toString"),
        crate::web::webidl::builtin_property(to_string),
        cx,
    )?;
    if let Some(made) = cx.get_data::<CodePrototypes>() {
        made.0.borrow_mut().push(CodePrototype {
            kind: kind as u8,
            code: code.to_owned(),
            prototype: prototype.clone(),
        });
    }
    Ok(prototype)
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be <expected>. Received ...`.
pub(crate) fn invalid_arg_type(
    name: &str,
    expected: &str,
    value: &JsValue,
    cx: &mut Context,
) -> JsError {
    let what = if name.contains('.') {
        format!("The \"{name}\" property")
    } else {
        format!("The \"{name}\" argument")
    };
    let message = format!(
        "{what} must be {expected}. Received {}",
        received(value, cx)
    );
    coded(Kind::Type, "ERR_INVALID_ARG_TYPE", message, cx)
}

/// `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be <range>. Received ...`.
pub(crate) fn out_of_range(name: &str, range: &str, value: &JsValue, cx: &mut Context) -> JsError {
    let shown = match value {
        v if v
            .as_number()
            .is_some_and(|n| n.fract() == 0.0 && n.abs() > 2f64.powi(32)) =>
        {
            separated(&format!("{}", v.as_number().unwrap_or_default()))
        }
        v if v.is_bigint() => {
            let text = v
                .to_string(cx)
                .map(|s| s.to_std_string_lossy())
                .unwrap_or_default();
            let digits = text.trim_start_matches('-').len();
            if digits > 10 {
                format!("{}n", separated(&text))
            } else {
                format!("{text}n")
            }
        }
        v => crate::web::console::inspect::inspect(v, cx),
    };
    let message =
        format!("The value of \"{name}\" is out of range. It must be {range}. Received {shown}");
    coded(Kind::Range, "ERR_OUT_OF_RANGE", message, cx)
}

/// `ERR_UNKNOWN_ENCODING`.
pub(crate) fn unknown_encoding(value: &JsValue, cx: &mut Context) -> JsError {
    let text = value
        .to_string(cx)
        .map(|s| s.to_std_string_lossy())
        .unwrap_or_default();
    coded(
        Kind::Type,
        "ERR_UNKNOWN_ENCODING",
        format!("Unknown encoding: {text}"),
        cx,
    )
}

/// Node's `addNumericalSeparator`: `4294967296` as `4_294_967_296`.
fn separated(digits: &str) -> String {
    let (sign, digits) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// How node's messages describe a received value: `type string ('abc')`,
/// `type number (1)`, `undefined`, `an instance of Foo`, `function f`.
pub(crate) fn received(value: &JsValue, cx: &mut Context) -> String {
    if value.is_undefined() || value.is_null() {
        return value.display().to_string();
    }
    if let Some(object) = value.as_object() {
        if object.is_callable() {
            let name = object
                .get(js_string!("name"), cx)
                .ok()
                .and_then(|n| n.as_string().map(|s| s.to_std_string_lossy()))
                .unwrap_or_default();
            return format!("function {name}");
        }
        let name = object
            .get(js_string!("constructor"), cx)
            .ok()
            .and_then(|c| c.as_object())
            .and_then(|c| c.get(js_string!("name"), cx).ok())
            .and_then(|n| n.as_string().map(|s| s.to_std_string_lossy()))
            .filter(|n| !n.is_empty());
        return match name {
            Some(name) => format!("an instance of {name}"),
            None => crate::web::console::inspect::inspect(value, cx),
        };
    }
    let mut shown = crate::web::console::inspect::inspect(value, cx);
    if shown.chars().count() > 28 {
        shown = format!("{}...", shown.chars().take(25).collect::<String>());
    }
    format!("type {} ({shown})", value.type_of())
}
