//! `node:util`, the members npm code reaches for most: `format` and
//! `inspect` (console's own, which print as node's), `promisify` (with
//! `promisify.custom`), `inherits`, `types` (the common `is*` checks),
//! `TextEncoder` and `TextDecoder`.

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
};

use crate::web::console::format::format_args;
use crate::web::console::inspect::{InspectOptions, inspect_with};
use crate::web::webidl::{builtin_property, type_error};

/// The `util` module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let global = cx.global_object();
    let encoder = global.get(js_string!("TextEncoder"), cx)?;
    let decoder = global.get(js_string!("TextDecoder"), cx)?;
    let promisify = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(promisify))
        .name(js_string!("promisify"))
        .length(1)
        .build();
    promisify.define_property_or_throw(
        js_string!("custom"),
        builtin_property(custom_symbol(cx)?),
        cx,
    )?;
    let types = types(cx);
    let mut object = ObjectInitializer::new(cx);
    object
        .function(NativeFunction::from_fn_ptr(format), js_string!("format"), 0)
        .function(
            NativeFunction::from_fn_ptr(inspect),
            js_string!("inspect"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(inherits),
            js_string!("inherits"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(|_, args, cx| {
                let (a, b) = (args.get_or_undefined(0), args.get_or_undefined(1));
                Ok(super::deep_equal::deep_equal(a, b, true, cx)?.into())
            }),
            js_string!("isDeepStrictEqual"),
            2,
        )
        .property(js_string!("promisify"), promisify, Attribute::all())
        .property(js_string!("types"), types, Attribute::all())
        .property(js_string!("TextEncoder"), encoder, Attribute::all())
        .property(js_string!("TextDecoder"), decoder, Attribute::all());
    Ok(object.build().into())
}

/// `Symbol.for("nodejs.util.promisify.custom")`, as node defines it.
fn custom_symbol(cx: &mut Context) -> JsResult<JsValue> {
    let symbol_for = cx
        .intrinsics()
        .constructors()
        .symbol()
        .constructor()
        .get(js_string!("for"), cx)?;
    let symbol_for = symbol_for
        .as_callable()
        .ok_or_else(|| type_error("internal: Symbol.for is not a function"))?;
    symbol_for.call(
        &JsValue::undefined(),
        &[js_string!("nodejs.util.promisify.custom").into()],
        cx,
    )
}

fn format(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(JsString::from(format_args(args, cx)?.as_str()).into())
}

/// `inspect(value, options)`: `depth` (null: unlimited), `showHidden`,
/// `breakLength`, `maxArrayLength`.
fn inspect(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let mut options = InspectOptions::default();
    if let Some(given) = args.get(1).and_then(JsValue::as_object) {
        let depth = given.get(js_string!("depth"), cx)?;
        if depth.is_null() {
            options.depth = None;
        } else if !depth.is_undefined() {
            let n = depth.to_number(cx)?;
            options.depth = if n.is_infinite() {
                None
            } else {
                Some(n as i64)
            };
        }
        let hidden = given.get(js_string!("showHidden"), cx)?;
        if !hidden.is_undefined() {
            options.show_hidden = hidden.to_boolean();
        }
        for (key, slot) in [
            ("breakLength", &mut options.break_length),
            ("maxArrayLength", &mut options.max_array_length),
        ] {
            let value = given.get(JsString::from(key), cx)?;
            if !value.is_undefined() {
                let n = value.to_number(cx)?;
                *slot = if n.is_finite() && n >= 0.0 {
                    n as usize
                } else {
                    usize::MAX
                };
            }
        }
    }
    let text = inspect_with(args.get_or_undefined(0), &options, cx);
    Ok(JsString::from(text.as_str()).into())
}

/// `inherits(ctor, superCtor)`: the legacy prototype link.
fn inherits(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let ctor = args
        .get_or_undefined(0)
        .as_object()
        .filter(JsObject::is_callable)
        .ok_or_else(|| type_error("The \"ctor\" argument must be of type function"))?;
    let parent = args
        .get_or_undefined(1)
        .as_object()
        .filter(JsObject::is_callable)
        .ok_or_else(|| type_error("The \"superCtor\" argument must be of type function"))?;
    let parent_prototype = parent.get(js_string!("prototype"), cx)?;
    let Some(parent_prototype) = parent_prototype.as_object() else {
        return Err(type_error(
            "The \"superCtor.prototype\" property must be of type object",
        ));
    };
    ctor.define_property_or_throw(js_string!("super_"), builtin_property(parent.clone()), cx)?;
    let prototype = ctor.get(js_string!("prototype"), cx)?;
    if let Some(prototype) = prototype.as_object() {
        prototype.set_prototype(Some(parent_prototype));
    }
    Ok(JsValue::undefined())
}

/// `promisify(original)`: a function returning a promise, settled by the
/// node-style callback `(error, value)` that `original` is given last; or
/// `original[promisify.custom]` when it has one.
fn promisify(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let original = args
        .get_or_undefined(0)
        .as_object()
        .filter(JsObject::is_callable)
        .ok_or_else(|| type_error("The \"original\" argument must be of type function"))?;
    let custom = custom_symbol(cx)?;
    if let Some(symbol) = custom.as_symbol() {
        let given = original.get(symbol, cx)?;
        if !given.is_undefined() {
            if !given.is_callable() {
                return Err(type_error(
                    "The \"util.promisify.custom\" argument must be of type function",
                ));
            }
            return Ok(given);
        }
    }
    let wrapper = NativeFunction::from_copy_closure_with_captures(
        |this, args, original: &JsObject, cx| {
            let (promise, resolvers) = JsPromise::new_pending(cx);
            let callback = NativeFunction::from_copy_closure_with_captures(
                |_, args, resolvers: &(JsFunction, JsFunction), cx| {
                    let error = args.get_or_undefined(0);
                    if error.is_null_or_undefined() {
                        resolvers.0.call(
                            &JsValue::undefined(),
                            &[args.get_or_undefined(1).clone()],
                            cx,
                        )?;
                    } else {
                        resolvers
                            .1
                            .call(&JsValue::undefined(), std::slice::from_ref(error), cx)?;
                    }
                    Ok(JsValue::undefined())
                },
                (resolvers.resolve.clone(), resolvers.reject.clone()),
            )
            .to_js_function(cx.realm());
            let mut with_callback = args.to_vec();
            with_callback.push(callback.into());
            if let Err(error) = original.call(this, &with_callback, cx) {
                if error.as_engine().is_some() {
                    return Err(error);
                }
                let reason = error.into_opaque(cx)?;
                resolvers
                    .reject
                    .call(&JsValue::undefined(), &[reason], cx)?;
            }
            Ok(promise.into())
        },
        original.clone(),
    );
    let name = original.get(js_string!("name"), cx)?;
    let name = name.as_string().unwrap_or_default();
    let wrapper = FunctionObjectBuilder::new(cx.realm(), wrapper)
        .name(name)
        .length(0)
        .build();
    Ok(wrapper.into())
}

/// `util.types`: the checks npm code uses most, on the engine's own
/// notion of each kind (internal slots, not `instanceof`, as node).
fn types(cx: &mut Context) -> JsObject {
    use boa_engine::object::builtins::{
        JsArrayBuffer, JsDataView, JsDate, JsMap, JsProxy, JsRegExp, JsSet, JsSharedArrayBuffer,
        JsTypedArray, JsUint8Array, JsWeakMap, JsWeakSet,
    };
    type Check = fn(&JsObject, &mut Context) -> bool;
    let checks: [(&str, Check); 18] = [
        ("isDate", |o, _| JsDate::from_object(o.clone()).is_ok()),
        ("isRegExp", |o, _| JsRegExp::from_object(o.clone()).is_ok()),
        ("isPromise", |o, _| {
            JsPromise::from_object(o.clone()).is_ok()
        }),
        ("isMap", |o, _| JsMap::from_object(o.clone()).is_ok()),
        ("isSet", |o, _| JsSet::from_object(o.clone()).is_ok()),
        ("isWeakMap", |o, _| {
            JsWeakMap::from_object(o.clone()).is_ok()
        }),
        ("isWeakSet", |o, _| {
            JsWeakSet::from_object(o.clone()).is_ok()
        }),
        ("isArrayBuffer", |o, _| {
            JsArrayBuffer::from_object(o.clone()).is_ok()
        }),
        ("isSharedArrayBuffer", |o, _| {
            JsSharedArrayBuffer::from_object(o.clone()).is_ok()
        }),
        ("isAnyArrayBuffer", |o, _| {
            JsArrayBuffer::from_object(o.clone()).is_ok()
                || JsSharedArrayBuffer::from_object(o.clone()).is_ok()
        }),
        ("isDataView", |o, _| {
            JsDataView::from_object(o.clone()).is_ok()
        }),
        ("isTypedArray", |o, _| {
            JsTypedArray::from_object(o.clone()).is_ok()
        }),
        ("isUint8Array", |o, _| {
            JsUint8Array::from_object(o.clone()).is_ok()
        }),
        ("isArrayBufferView", |o, _| {
            JsTypedArray::from_object(o.clone()).is_ok()
                || JsDataView::from_object(o.clone()).is_ok()
        }),
        ("isProxy", |o, _| JsProxy::from_object(o.clone()).is_ok()),
        ("isNativeError", |o, _| {
            o.is::<boa_engine::builtins::error::Error>()
        }),
        // As node: async generator functions are async functions too.
        ("isAsyncFunction", |o, cx| {
            let constructors = cx.intrinsics().constructors();
            let plain = constructors.async_function().prototype();
            let generator = constructors.async_generator_function().prototype();
            o.prototype()
                .is_some_and(|p| JsObject::equals(&p, &plain) || JsObject::equals(&p, &generator))
        }),
        ("isGeneratorFunction", |o, cx| {
            let sync = cx
                .intrinsics()
                .constructors()
                .generator_function()
                .prototype();
            let async_ = cx
                .intrinsics()
                .constructors()
                .async_generator_function()
                .prototype();
            o.prototype()
                .is_some_and(|p| JsObject::equals(&p, &sync) || JsObject::equals(&p, &async_))
        }),
    ];
    let mut object = ObjectInitializer::new(cx);
    for (name, check) in checks {
        #[derive(boa_engine::Trace, boa_engine::Finalize, Clone)]
        struct Captured(#[unsafe_ignore_trace] Check);
        object.function(
            NativeFunction::from_copy_closure_with_captures(
                |_, args, captured: &Captured, cx| {
                    let Some(object) = args.first().and_then(JsValue::as_object) else {
                        return Ok(false.into());
                    };
                    Ok((captured.0)(&object, cx).into())
                },
                Captured(check),
            ),
            JsString::from(name),
            1,
        );
    }
    object.build()
}
