//! The `JSON` object's functions, native (ECMA-262 §25.5,
//! <https://tc39.es/ecma262/#sec-json-object>, with JSON.parse source text
//! access, <https://tc39.es/proposal-json-parse-with-source/>):
//!
//! - [`parse`]: `JSON.parse`, straight from the string's code units into
//!   values; [`parse_utf8`] for bodies (`Response.json()` and friends).
//! - [`stringify`]: `JSON.stringify` into one buffer; [`stringify_utf8`]
//!   for `Response.json(data)`.
//! - `JSON.rawJSON` and `JSON.isRawJSON` here: their objects carry this
//!   module's [`RawJson`] mark (the engine's own mark is not public, and
//!   the native stringify must recognise them).

mod parse;
mod stringify;

pub use parse::parse_utf8;
pub use stringify::stringify_utf8;

use boa_engine::object::{FunctionObjectBuilder, IntegrityLevel, JsObject};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsResult, JsValue, NativeFunction, js_string,
};
use boa_gc::{Finalize, Trace};

/// How deep a reviver walk may nest: it recurses over the value (as the
/// spec's InternalizeJSONProperty does), so this bounds its native stack;
/// V8 stops at a similar depth with the same RangeError.
const MAX_DEPTH: usize = 5_000;

/// The `[[IsRawJSON]]` slot of `JSON.rawJSON`'s objects.
#[derive(Trace, Finalize, JsData)]
struct RawJson;

/// Operations Boa's public API lacks, as the realm's own functions (taken
/// before any script runs, so a script replacing them changes nothing).
#[derive(Clone, Trace, Finalize)]
struct RealmOps {
    /// `Array.isArray`: IsArray, through proxies.
    is_array: JsObject,
    /// `Reflect.get`: GetV, a property read with a primitive receiver.
    reflect_get: JsObject,
}

impl RealmOps {
    fn of(context: &mut Context) -> JsResult<Self> {
        let array = context.intrinsics().constructors().array().constructor();
        let reflect = context.intrinsics().objects().reflect();
        let function =
            |holder: JsObject, name: &str, context: &mut Context| -> JsResult<JsObject> {
                holder
                    .get(js_string!(name), context)?
                    .as_callable()
                    .ok_or_else(|| {
                        JsNativeError::typ()
                            .with_message(format!("internal: the realm has no {name}"))
                            .into()
                    })
            };
        Ok(RealmOps {
            is_array: function(array, "isArray", context)?,
            reflect_get: function(reflect, "get", context)?,
        })
    }
}

/// Installs the functions on the realm's `JSON` object.
pub fn register(context: &mut Context) -> JsResult<()> {
    let json = context.intrinsics().objects().json();
    let ops = RealmOps::of(context)?;
    let functions = [
        (
            "parse",
            2,
            NativeFunction::from_copy_closure_with_captures(
                |_, args, ops, context| parse::parse(args, &ops.is_array, context),
                ops.clone(),
            ),
        ),
        (
            "stringify",
            3,
            NativeFunction::from_copy_closure_with_captures(
                |_, args, ops, context| stringify::stringify(args, ops, context),
                ops,
            ),
        ),
        ("rawJSON", 1, NativeFunction::from_fn_ptr(raw_json)),
        ("isRawJSON", 1, NativeFunction::from_fn_ptr(is_raw_json)),
    ];
    for (name, length, native) in functions {
        let function = FunctionObjectBuilder::new(context.realm(), native)
            .name(js_string!(name))
            .length(length)
            .constructor(false)
            .build();
        json.define_property_or_throw(
            js_string!(name),
            PropertyDescriptor::builder()
                .value(function)
                .writable(true)
                .enumerable(false)
                .configurable(true),
            context,
        )?;
    }
    Ok(())
}

/// `JSON.rawJSON(text)` (<https://tc39.es/proposal-json-parse-with-source/#sec-json.rawjson>).
fn raw_json(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    // 1. Let jsonString be ? ToString(text).
    let text = args.get_or_undefined(0).to_string(context)?;
    // 2. No empty text, no whitespace at either end.
    let edge = |unit: Option<u16>| matches!(unit, None | Some(0x09 | 0x0A | 0x0D | 0x20));
    if edge(text.iter().next()) || edge(text.iter().last()) {
        return Err(JsNativeError::syntax()
            .with_message("Invalid value for JSON.rawJSON")
            .into());
    }
    // 3. One JSON value, not an object or array.
    if !parse::is_primitive_text(&text, context) {
        return Err(JsNativeError::syntax()
            .with_message("Invalid value for JSON.rawJSON")
            .into());
    }
    // 4-7. A frozen null-prototype object with the text as "rawJSON".
    let object = JsObject::from_proto_and_data(None::<JsObject>, RawJson);
    object.create_data_property_or_throw(js_string!("rawJSON"), text, context)?;
    object.set_integrity_level(IntegrityLevel::Frozen, context)?;
    Ok(object.into())
}

/// `JSON.isRawJSON(O)` (<https://tc39.es/proposal-json-parse-with-source/#sec-json.israwjson>).
#[allow(clippy::unnecessary_wraps)] // a native function's signature
fn is_raw_json(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let marked = args
        .get_or_undefined(0)
        .as_object()
        .is_some_and(|object| object.is::<RawJson>());
    Ok(marked.into())
}
