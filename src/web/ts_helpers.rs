//! The helpers oxc's transform calls for TypeScript's legacy decorators
//! (`experimentalDecorators`), as the built-in module
//! `nano-boa:typescript/helpers/<name>` (see
//! `runtime::modules::typescript::HELPERS_MODULE`): `decorate`,
//! `decorateParam` and `decorateMetadata`. Native, so a `.ts` file with
//! decorators needs no `@oxc-project/runtime` package and compiles no
//! extra JavaScript.
//!
//! The semantics are TypeScript's (`tsc --experimentalDecorators`):
//! decorators apply last to first; a class decorator gets the class and
//! may return a replacement; a member decorator gets (prototype or class,
//! key, descriptor) and may return a replacement descriptor, which is then
//! defined; a property decorator gets (prototype, key, undefined). When a
//! `Reflect.decorate` polyfill is installed (reflect-metadata), it does the
//! work, as TypeScript's helper lets it.
//! <https://www.typescriptlang.org/docs/handbook/decorators.html>

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::{Context, JsArgs, JsObject, JsResult, JsValue, NativeFunction, js_string};

use super::webidl::type_error;

/// A helper's native body.
type Helper = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// The helper named by the module `name`; its default export.
pub fn exports(name: &str, cx: &mut Context) -> JsResult<JsValue> {
    let helper = name.rsplit('/').next().unwrap_or_default();
    let (function, length): (Helper, usize) = match helper {
        "decorate" => (decorate, 4),
        "decorateParam" => (decorate_param, 2),
        "decorateMetadata" => (decorate_metadata, 2),
        _ => {
            return Err(type_error(format!(
                "the TypeScript transform asked for a helper nano-boa does not have: {name}"
            )));
        }
    };
    Ok(
        FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(function))
            .name(js_string!(helper))
            .length(length)
            .build()
            .into(),
    )
}

/// `Reflect[name]` when a polyfill made it a function.
fn reflect_function(name: &str, cx: &mut Context) -> JsResult<Option<JsObject>> {
    let reflect = cx.global_object().get(js_string!("Reflect"), cx)?;
    let Some(reflect) = reflect.as_object() else {
        return Ok(None);
    };
    let function = reflect.get(js_string!(name), cx)?;
    Ok(function.as_callable())
}

/// `decorate(decorators, target, key?, descriptor?)`: the call shape says
/// what is decorated — two arguments a class, four a member (`null` as the
/// descriptor: the member's own, read here; `undefined`: a field).
fn decorate(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if let Some(polyfill) = reflect_function("decorate", cx)? {
        return polyfill.call(&JsValue::undefined(), args, cx);
    }
    let decorators = args
        .get_or_undefined(0)
        .as_object()
        .ok_or_else(|| type_error("decorate: the decorators are not an array"))?
        .clone();
    let target = args.get_or_undefined(1).clone();
    let key = args.get_or_undefined(2).clone();
    let count = args.len();
    let mut result = if count < 3 {
        target.clone()
    } else if args.get_or_undefined(3).is_null() {
        let get_own = cx
            .intrinsics()
            .constructors()
            .object()
            .constructor()
            .get(js_string!("getOwnPropertyDescriptor"), cx)?;
        let get_own = get_own
            .as_callable()
            .ok_or_else(|| type_error("Object.getOwnPropertyDescriptor is not a function"))?;
        get_own.call(&JsValue::undefined(), &[target.clone(), key.clone()], cx)?
    } else {
        args.get_or_undefined(3).clone()
    };
    let length = decorators.get(js_string!("length"), cx)?.to_length(cx)?;
    for index in (0..length).rev() {
        let decorator = decorators.get(index, cx)?;
        if !decorator.to_boolean() {
            continue;
        }
        let decorator = decorator.as_callable().ok_or_else(|| {
            type_error(format!(
                "a decorator is not a function: {}",
                decorator.display()
            ))
        })?;
        let returned = match count {
            0..=2 => decorator.call(&JsValue::undefined(), &[result.clone()], cx)?,
            3 => decorator.call(&JsValue::undefined(), &[target.clone(), key.clone()], cx)?,
            _ => decorator.call(
                &JsValue::undefined(),
                &[target.clone(), key.clone(), result.clone()],
                cx,
            )?,
        };
        if returned.to_boolean() {
            result = returned;
        }
    }
    if count > 3 && result.to_boolean() {
        let target = target
            .as_object()
            .ok_or_else(|| type_error("decorate: the target is not an object"))?;
        let descriptor = result.to_property_descriptor(cx)?;
        let key = key.to_property_key(cx)?;
        target.define_property_or_throw(key, descriptor, cx)?;
    }
    Ok(result)
}

/// `decorateParam(index, decorator)`: a member decorator that calls
/// `decorator(target, key, index)`.
fn decorate_param(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let index = args.get_or_undefined(0).clone();
    let decorator = args
        .get_or_undefined(1)
        .as_callable()
        .ok_or_else(|| type_error("a parameter decorator is not a function"))?;
    let function = NativeFunction::from_copy_closure_with_captures(
        |_, args, (decorator, index): &(JsObject, JsValue), cx| {
            decorator.call(
                &JsValue::undefined(),
                &[
                    args.get_or_undefined(0).clone(),
                    args.get_or_undefined(1).clone(),
                    index.clone(),
                ],
                cx,
            )
        },
        (decorator, index),
    );
    Ok(FunctionObjectBuilder::new(cx.realm(), function)
        .length(2)
        .build()
        .into())
}

/// `decorateMetadata(key, value)`: `Reflect.metadata(key, value)` when a
/// polyfill gives it, else nothing (`decorate` skips it), as TypeScript's.
fn decorate_metadata(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    match reflect_function("metadata", cx)? {
        Some(metadata) => metadata.call(
            &JsValue::undefined(),
            &[
                args.get_or_undefined(0).clone(),
                args.get_or_undefined(1).clone(),
            ],
            cx,
        ),
        None => Ok(JsValue::undefined()),
    }
}
