//! `node:async_hooks`: `AsyncLocalStorage` and `AsyncResource`
//! (<https://nodejs.org/api/async_context.html>) over the runtime's async
//! context (`runtime::async_context`), which promise jobs, `await`,
//! timers, `queueMicrotask` and native callbacks carry. The low-level hook
//! API (`createHook`, `executionAsyncId`, ...) is not provided: its
//! members throw naming themselves.

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{
    Context, Finalize, JsArgs, JsObject, JsResult, JsString, JsValue, NativeFunction, Trace,
    js_string,
};

use super::errors::invalid_arg_type;
use crate::runtime::async_context::{AsyncContext, AsyncFrame};
use crate::runtime::event_loop::EventLoop;
use crate::web::webidl::NativeFn;

const NOT_PROVIDED: [&str; 4] = [
    "createHook",
    "executionAsyncId",
    "triggerAsyncId",
    "executionAsyncResource",
];

/// The `async_hooks` module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let storage = class(
        cx,
        "AsyncLocalStorage",
        construct_storage,
        &[
            ("run", 2, run),
            ("exit", 1, exit),
            ("getStore", 0, get_store),
            ("enterWith", 1, enter_with),
            ("disable", 0, disable),
        ],
        &[("bind", 1, bind_static), ("snapshot", 0, snapshot)],
    )?;
    let resource = class(
        cx,
        "AsyncResource",
        construct_resource,
        &[
            ("runInAsyncScope", 2, run_in_async_scope),
            ("bind", 1, resource_bind),
            ("emitDestroy", 0, |this, _, _| Ok(this.clone())),
            ("asyncId", 0, |_, _, _| Ok(JsValue::from(-1))),
            ("triggerAsyncId", 0, |_, _, _| Ok(JsValue::from(-1))),
        ],
        &[("bind", 1, bind_static)],
    )?;
    let object = JsObject::with_object_proto(cx.intrinsics());
    object.set(js_string!("AsyncLocalStorage"), storage, false, cx)?;
    object.set(js_string!("AsyncResource"), resource, false, cx)?;
    for name in NOT_PROVIDED {
        let stub = super::not_provided("async_hooks", name, cx);
        object.set(JsString::from(name), stub, false, cx)?;
    }
    Ok(object.into())
}

fn function(
    cx: &mut Context,
    name: &str,
    length: usize,
    f: NativeFunction,
    constructor: bool,
) -> JsObject {
    FunctionObjectBuilder::new(cx.realm(), f)
        .name(JsString::from(name))
        .length(length)
        .constructor(constructor)
        .build()
        .into()
}

fn class(
    cx: &mut Context,
    name: &str,
    construct: NativeFn,
    methods: &[(&str, usize, NativeFn)],
    statics: &[(&str, usize, NativeFn)],
) -> JsResult<JsObject> {
    let constructor = function(cx, name, 0, NativeFunction::from_fn_ptr(construct), true);
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    super::define_methods(&prototype, methods, cx)?;
    super::define_methods(&constructor, statics, cx)?;
    super::link_class(&constructor, &prototype, cx)?;
    Ok(constructor)
}

fn event_loop(cx: &Context) -> JsResult<std::rc::Rc<EventLoop>> {
    EventLoop::of(cx).ok_or_else(|| {
        crate::web::webidl::type_error("AsyncLocalStorage needs the nano-boa event loop")
    })
}

fn with_context<R>(cx: &Context, f: impl FnOnce(&AsyncContext) -> R) -> JsResult<R> {
    Ok(f(event_loop(cx)?.async_context()))
}

/// A new instance of the class `this` (new.target) constructs.
fn instance(this: &JsValue, name: &str, cx: &mut Context) -> JsResult<JsObject> {
    let Some(new_target) = this.as_object().filter(|o| o.is_constructor()) else {
        return Err(crate::web::webidl::type_error(format!(
            "Class constructor {name} cannot be invoked without 'new'"
        )));
    };
    let prototype = new_target.get(js_string!("prototype"), cx)?.as_object();
    let object = JsObject::with_object_proto(cx.intrinsics());
    if prototype.is_some() {
        object.set_prototype(prototype);
    }
    Ok(object)
}

fn construct_storage(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(instance(this, "AsyncLocalStorage", cx)?.into())
}

fn callback(value: &JsValue, _: &mut Context) -> JsResult<JsFunction> {
    value
        .as_object()
        .and_then(JsFunction::from_object)
        // Node calls it as it is (Reflect.apply): a plain TypeError.
        .ok_or_else(|| {
            crate::web::webidl::type_error(format!("{} is not a function", value.type_of()))
        })
}

fn key(this: &JsValue) -> JsResult<JsObject> {
    this.as_object().ok_or_else(|| {
        crate::web::webidl::type_error("AsyncLocalStorage method called on a non-object")
    })
}

/// `storage.run(store, callback, ...args)`.
fn run(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let key = key(this)?;
    let f = callback(args.get_or_undefined(1), cx)?;
    let rest = args.get(2..).unwrap_or_default().to_vec();
    let event_loop = event_loop(cx)?;
    let frame = event_loop
        .async_context()
        .current()
        .with(&key, args.get_or_undefined(0).clone());
    event_loop
        .async_context()
        .run_in(frame, || f.call(&JsValue::undefined(), &rest, cx))
}

/// `storage.exit(callback, ...args)`: runs outside this store.
fn exit(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let key = key(this)?;
    let f = callback(args.get_or_undefined(0), cx)?;
    let rest = args.get(1..).unwrap_or_default().to_vec();
    let event_loop = event_loop(cx)?;
    let frame = event_loop.async_context().current().without(&key);
    event_loop
        .async_context()
        .run_in(frame, || f.call(&JsValue::undefined(), &rest, cx))
}

fn get_store(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let key = key(this)?;
    Ok(with_context(cx, |c| c.current().get(&key))?.unwrap_or_default())
}

/// `storage.enterWith(store)`: the store for the rest of this execution
/// and what it schedules.
fn enter_with(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let key = key(this)?;
    let store = args.get_or_undefined(0).clone();
    with_context(cx, |c| {
        let frame = c.current().with(&key, store);
        c.replace(frame);
    })?;
    Ok(JsValue::undefined())
}

fn disable(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let key = key(this)?;
    with_context(cx, |c| {
        let frame = c.current().without(&key);
        c.replace(frame);
    })?;
    Ok(JsValue::undefined())
}

#[derive(Trace, Finalize)]
struct Bound {
    frame: AsyncFrame,
    function: JsFunction,
    this: Option<JsValue>,
}

/// `fn` bound to `frame` (and to `this`, if given).
fn bound(
    frame: AsyncFrame,
    function: JsFunction,
    this: Option<JsValue>,
    cx: &mut Context,
) -> JsValue {
    let native = NativeFunction::from_copy_closure_with_captures(
        |call_this, args, bound: &Bound, cx| {
            let event_loop = event_loop(cx)?;
            let this = bound.this.clone().unwrap_or_else(|| call_this.clone());
            event_loop
                .async_context()
                .run_in(bound.frame.clone(), || bound.function.call(&this, args, cx))
        },
        Bound {
            frame,
            function,
            this,
        },
    );
    function_value(native, cx)
}

fn function_value(native: NativeFunction, cx: &mut Context) -> JsValue {
    FunctionObjectBuilder::new(cx.realm(), native)
        .length(0)
        .build()
        .into()
}

/// `AsyncLocalStorage.bind(fn)` / `AsyncResource.bind(fn)`: runs in the
/// context current now.
fn bind_static(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let f = callback(args.get_or_undefined(0), cx)?;
    let this = args.get(2).cloned();
    let frame = with_context(cx, AsyncContext::current)?;
    Ok(bound(frame, f, this, cx))
}

#[derive(Trace, Finalize)]
struct Snapshot(AsyncFrame);

/// `AsyncLocalStorage.snapshot()`: `(fn, ...args) => fn(...args)` in the
/// context current now.
fn snapshot(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let frame = with_context(cx, AsyncContext::current)?;
    let native = NativeFunction::from_copy_closure_with_captures(
        |this, args, snapshot: &Snapshot, cx| {
            let f = callback(args.get_or_undefined(0), cx)?;
            let rest = args.get(1..).unwrap_or_default().to_vec();
            let event_loop = event_loop(cx)?;
            event_loop
                .async_context()
                .run_in(snapshot.0.clone(), || f.call(this, &rest, cx))
        },
        Snapshot(frame),
    );
    Ok(function_value(native, cx))
}

/// The context an AsyncResource was made in.
#[derive(Trace, Finalize, boa_engine::JsData)]
struct ResourceFrame(AsyncFrame);

fn construct_resource(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let instance = instance(this, "AsyncResource", cx)?;
    let kind = args.get_or_undefined(0);
    if !kind.is_string() {
        return Err(invalid_arg_type("type", "of type string", kind, cx));
    }
    let frame = with_context(cx, AsyncContext::current)?;
    let object = JsObject::from_proto_and_data(instance.prototype(), ResourceFrame(frame));
    Ok(object.into())
}

fn resource_frame(this: &JsValue) -> JsResult<AsyncFrame> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<ResourceFrame>().map(|f| f.0.clone()))
        .ok_or_else(|| crate::web::webidl::type_error("not an AsyncResource"))
}

/// `resource.runInAsyncScope(fn, thisArg, ...args)`.
fn run_in_async_scope(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let frame = resource_frame(this)?;
    let f = callback(args.get_or_undefined(0), cx)?;
    let this_arg = args.get_or_undefined(1).clone();
    let rest = args.get(2..).unwrap_or_default().to_vec();
    let event_loop = event_loop(cx)?;
    event_loop
        .async_context()
        .run_in(frame, || f.call(&this_arg, &rest, cx))
}

/// `resource.bind(fn, thisArg)`.
fn resource_bind(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let frame = resource_frame(this)?;
    let f = callback(args.get_or_undefined(0), cx)?;
    Ok(bound(frame, f, args.get(1).cloned(), cx))
}
