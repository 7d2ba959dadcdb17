//! `node:events`: `EventEmitter` as node has it
//! (<https://nodejs.org/docs/latest-v20.x/api/events.html>), and
//! `events.once`. The module object is the `EventEmitter` function, as in
//! node (`require("events")` is the class; `EventEmitter`, `once` and
//! `defaultMaxListeners` hang off it).
//!
//! The listeners of an object live in a realm-wide WeakMap keyed by the
//! object, made on first use: the methods work on any object, so that the
//! old `EventEmitter.call(this)` + `util.inherits` pattern works as well
//! as `class X extends EventEmitter`.

use std::cell::Cell;

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::{JsArray, JsPromise, JsWeakMap};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString,
    JsValue, NativeFunction, Trace, js_string,
};
use boa_gc::GcRefCell;

use crate::web::webidl::{builtin_property, type_error};

/// One listener.
#[derive(Trace, Finalize, Clone)]
struct Listener {
    function: JsObject,
    #[unsafe_ignore_trace]
    once: bool,
}

/// The listeners of one emitter, by event name, in insertion order.
#[derive(Trace, Finalize, JsData, Default)]
struct Listeners {
    events: GcRefCell<Vec<(JsValue, Vec<Listener>)>>,
    /// `setMaxListeners`; `None` is the default.
    #[unsafe_ignore_trace]
    max: Cell<Option<f64>>,
}

/// The realm's emitter states and the class (context data).
struct Realm {
    states: JsWeakMap,
    class: JsObject,
}

fn realm(cx: &mut Context) -> JsResult<(JsWeakMap, JsObject)> {
    if let Some(realm) = cx.get_data::<Realm>() {
        return Ok((realm.states.clone(), realm.class.clone()));
    }
    let states = JsWeakMap::new(cx);
    let class = build_class(cx)?;
    cx.insert_data(Realm {
        states: states.clone(),
        class: class.clone(),
    });
    Ok((states, class))
}

/// The listeners of `this`, made on first use.
fn listeners_of(this: &JsValue, cx: &mut Context) -> JsResult<JsObject> {
    let Some(object) = this.as_object() else {
        return Err(type_error(
            "EventEmitter methods must be called on an object",
        ));
    };
    let (states, _) = realm(cx)?;
    if let Some(state) = states.get(&object, cx)?.as_object() {
        return Ok(state);
    }
    let state = JsObject::from_proto_and_data(None, Listeners::default());
    states.set(&object, state.clone().into(), cx)?;
    Ok(state)
}

fn with<R>(state: &JsObject, f: impl FnOnce(&Listeners) -> R) -> R {
    let listeners = state
        .downcast_ref::<Listeners>()
        .expect("emitter state objects hold Listeners");
    f(&listeners)
}

fn same_key(a: &JsValue, b: &JsValue) -> bool {
    JsValue::same_value(a, b)
}

/// An event name: a string or a symbol (anything else becomes a string).
fn event_name(value: &JsValue, cx: &mut Context) -> JsResult<JsValue> {
    if value.is_symbol() {
        return Ok(value.clone());
    }
    Ok(value.to_string(cx)?.into())
}

fn checked_listener(value: &JsValue) -> JsResult<JsObject> {
    match value.as_object() {
        Some(f) if f.is_callable() => Ok(f),
        _ => Err(type_error(format!(
            "The \"listener\" argument must be of type function. Received {}",
            describe(value)
        ))),
    }
}

fn describe(value: &JsValue) -> String {
    match value {
        v if v.is_undefined() => "undefined".to_owned(),
        v if v.is_null() => "null".to_owned(),
        v => format!("type {}", v.type_of()),
    }
}

/// The functions listening to `name`, in order.
fn functions(state: &JsObject, name: &JsValue) -> Vec<Listener> {
    with(state, |l| {
        l.events
            .borrow()
            .iter()
            .find(|(key, _)| same_key(key, name))
            .map(|(_, list)| list.clone())
            .unwrap_or_default()
    })
}

fn count(state: &JsObject, name: &JsValue) -> usize {
    with(state, |l| {
        l.events
            .borrow()
            .iter()
            .find(|(key, _)| same_key(key, name))
            .map_or(0, |(_, list)| list.len())
    })
}

/// `on`/`addListener` and friends.
fn add(
    this: &JsValue,
    args: &[JsValue],
    once: bool,
    prepend: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let name = event_name(args.get_or_undefined(0), cx)?;
    let function = checked_listener(args.get_or_undefined(1))?;
    let state = listeners_of(this, cx)?;
    // 'newListener' is emitted before the listener is added.
    let new_listener: JsValue = js_string!("newListener").into();
    if count(&state, &new_listener) > 0 {
        emit_with(
            this,
            &state,
            &new_listener,
            &[name.clone(), function.clone().into()],
            cx,
        )?;
    }
    with(&state, |l| {
        let mut events = l.events.borrow_mut();
        let listener = Listener { function, once };
        match events.iter_mut().find(|(key, _)| same_key(key, &name)) {
            Some((_, list)) if prepend => list.insert(0, listener),
            Some((_, list)) => list.push(listener),
            None => events.push((name, vec![listener])),
        }
    });
    Ok(this.clone())
}

/// `removeListener(name, listener)`: the last registration of it.
fn remove(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = event_name(args.get_or_undefined(0), cx)?;
    let function = checked_listener(args.get_or_undefined(1))?;
    let state = listeners_of(this, cx)?;
    let removed = with(&state, |l| {
        let mut events = l.events.borrow_mut();
        let index = events.iter().position(|(key, _)| same_key(key, &name))?;
        let list = &mut events[index].1;
        let at = list
            .iter()
            .rposition(|listener| JsObject::equals(&listener.function, &function))?;
        let removed = list.remove(at);
        if list.is_empty() {
            events.remove(index);
        }
        Some(removed)
    });
    if let Some(removed) = removed {
        let remove_listener: JsValue = js_string!("removeListener").into();
        if count(&state, &remove_listener) > 0 {
            emit_with(
                this,
                &state,
                &remove_listener,
                &[name, removed.function.clone().into()],
                cx,
            )?;
        }
    }
    Ok(this.clone())
}

/// `emit(name, ...args)`: whether there were listeners.
fn emit(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = event_name(args.get_or_undefined(0), cx)?;
    let state = listeners_of(this, cx)?;
    let rest = args.get(1..).unwrap_or_default();
    Ok(emit_with(this, &state, &name, rest, cx)?.into())
}

fn emit_with(
    this: &JsValue,
    state: &JsObject,
    name: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<bool> {
    let listeners = functions(state, name);
    if listeners.is_empty() {
        if name.as_string().is_some_and(|s| s == js_string!("error")) {
            // An 'error' event nobody listens to is thrown (node: the error
            // itself, or ERR_UNHANDLED_ERROR for another value).
            let error = args.first().cloned().unwrap_or_default();
            if error
                .as_object()
                .is_some_and(|o| o.is::<boa_engine::builtins::error::Error>())
            {
                return Err(JsError::from_opaque(error));
            }
            let described = error.display().to_string();
            let e = JsNativeError::error()
                .with_message(format!("Unhandled error. ({described})"))
                .into_opaque(cx);
            e.set(
                js_string!("code"),
                js_string!("ERR_UNHANDLED_ERROR"),
                false,
                cx,
            )?;
            e.set(js_string!("context"), error, false, cx)?;
            return Err(JsError::from_opaque(e.into()));
        }
        return Ok(false);
    }
    for listener in listeners {
        if listener.once {
            // node's once wrapper removes itself (with a 'removeListener'
            // event) just before calling the listener.
            let removed = with(state, |l| {
                let mut events = l.events.borrow_mut();
                let index = events.iter().position(|(key, _)| same_key(key, name))?;
                let list = &mut events[index].1;
                let at = list
                    .iter()
                    .position(|l| l.once && JsObject::equals(&l.function, &listener.function))?;
                list.remove(at);
                if list.is_empty() {
                    events.remove(index);
                }
                Some(())
            });
            let remove_listener: JsValue = js_string!("removeListener").into();
            if removed.is_some() && count(state, &remove_listener) > 0 {
                let event = [name.clone(), listener.function.clone().into()];
                emit_with(this, state, &remove_listener, &event, cx)?;
            }
        }
        listener.function.call(this, args, cx)?;
    }
    Ok(true)
}

fn remove_all(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let state = listeners_of(this, cx)?;
    let name = match args.first() {
        Some(value) if !value.is_undefined() => Some(event_name(value, cx)?),
        _ => None,
    };
    with(&state, |l| {
        let mut events = l.events.borrow_mut();
        match &name {
            Some(name) => events.retain(|(key, _)| !same_key(key, name)),
            None => events.clear(),
        }
    });
    Ok(this.clone())
}

fn listener_count(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = event_name(args.get_or_undefined(0), cx)?;
    let state = listeners_of(this, cx)?;
    Ok((count(&state, &name) as f64).into())
}

fn listeners(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = event_name(args.get_or_undefined(0), cx)?;
    let state = listeners_of(this, cx)?;
    let list: Vec<JsValue> = functions(&state, &name)
        .into_iter()
        .map(|l| l.function.clone().into())
        .collect();
    Ok(JsArray::from_iter(list, cx).into())
}

fn event_names(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let state = listeners_of(this, cx)?;
    let names: Vec<JsValue> = with(&state, |l| {
        l.events
            .borrow()
            .iter()
            .map(|(key, _)| key.clone())
            .collect()
    });
    Ok(JsArray::from_iter(names, cx).into())
}

const DEFAULT_MAX_LISTENERS: f64 = 10.0;

fn set_max_listeners(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let n = args.get_or_undefined(0).to_number(cx)?;
    if n.is_nan() || n < 0.0 {
        return Err(JsNativeError::range()
            .with_message(format!(
                "The value of \"n\" is out of range. It must be a non-negative number. Received {n}"
            ))
            .into());
    }
    let state = listeners_of(this, cx)?;
    with(&state, |l| l.max.set(Some(n)));
    Ok(this.clone())
}

fn get_max_listeners(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let state = listeners_of(this, cx)?;
    Ok(with(&state, |l| l.max.get())
        .unwrap_or(DEFAULT_MAX_LISTENERS)
        .into())
}

/// `new EventEmitter()` (also through a subclass's `super()`), and
/// `EventEmitter.call(this)`: the listeners of the instance start empty
/// (made on first use). A native constructor receives NewTarget as
/// `this` when constructed; called as a function it receives the object.
fn construct(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(new_target) = this.as_object().filter(JsObject::is_constructor) else {
        return Ok(JsValue::undefined());
    };
    let prototype = match new_target.get(js_string!("prototype"), cx)?.as_object() {
        Some(prototype) => prototype,
        None => realm(cx)?
            .1
            .get(js_string!("prototype"), cx)?
            .as_object()
            .ok_or_else(|| type_error("internal: EventEmitter has no prototype"))?,
    };
    let instance = JsObject::with_object_proto(cx.intrinsics());
    instance.set_prototype(Some(prototype));
    Ok(instance.into())
}

fn build_class(cx: &mut Context) -> JsResult<JsObject> {
    let class = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(construct))
        .name(js_string!("EventEmitter"))
        .length(0)
        .constructor(true)
        .build();
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    type Method = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
    let methods: [(&str, usize, Method); 16] = [
        ("on", 2, |t, a, cx| add(t, a, false, false, cx)),
        ("addListener", 2, |t, a, cx| add(t, a, false, false, cx)),
        ("prependListener", 2, |t, a, cx| add(t, a, false, true, cx)),
        ("once", 2, |t, a, cx| add(t, a, true, false, cx)),
        ("prependOnceListener", 2, |t, a, cx| {
            add(t, a, true, true, cx)
        }),
        ("off", 2, remove),
        ("removeListener", 2, remove),
        ("removeAllListeners", 1, remove_all),
        ("emit", 1, emit),
        ("listenerCount", 1, listener_count),
        ("listeners", 1, listeners),
        ("rawListeners", 1, listeners),
        ("eventNames", 0, event_names),
        ("setMaxListeners", 1, set_max_listeners),
        ("getMaxListeners", 0, get_max_listeners),
        ("constructor", 0, construct),
    ];
    for (name, length, f) in methods {
        if name == "constructor" {
            prototype.define_property_or_throw(
                js_string!("constructor"),
                PropertyDescriptor::builder()
                    .value(class.clone())
                    .writable(true)
                    .enumerable(false)
                    .configurable(true),
                cx,
            )?;
            continue;
        }
        let function = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(f))
            .name(JsString::from(name))
            .length(length)
            .build();
        prototype.define_property_or_throw(
            JsString::from(name),
            PropertyDescriptor::builder()
                .value(function)
                .writable(true)
                .enumerable(false)
                .configurable(true),
            cx,
        )?;
    }
    class.define_property_or_throw(
        js_string!("prototype"),
        PropertyDescriptor::builder()
            .value(prototype)
            .writable(false)
            .enumerable(false)
            .configurable(false),
        cx,
    )?;
    let once_fn = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(once))
        .name(js_string!("once"))
        .length(2)
        .build();
    let on_fn = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(on))
        .name(js_string!("on"))
        .length(2)
        .build();
    let statics = [
        ("EventEmitter", JsValue::from(class.clone())),
        ("once", once_fn.into()),
        ("on", on_fn.into()),
        ("defaultMaxListeners", DEFAULT_MAX_LISTENERS.into()),
    ];
    for (name, value) in statics {
        class.define_property_or_throw(JsString::from(name), builtin_property(value), cx)?;
    }
    Ok(class.into())
}

/// `events.once(emitter, name)`: a promise of the arguments of the next
/// `name` event (rejected by an `error` event first).
fn once(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let emitter = args.get_or_undefined(0).clone();
    let name = event_name(args.get_or_undefined(1), cx)?;
    let (promise, resolvers) = JsPromise::new_pending(cx);
    #[derive(Trace, Finalize, Clone)]
    struct Pending {
        emitter: JsValue,
        name: JsValue,
        resolve: JsObject,
        reject: JsObject,
        /// The two listeners, to remove the other when one fires.
        on_event: GcRefCell<Option<JsObject>>,
        on_error: GcRefCell<Option<JsObject>>,
    }
    let pending = boa_gc::Gc::new(Pending {
        emitter: emitter.clone(),
        name: name.clone(),
        resolve: resolvers.resolve.into(),
        reject: resolvers.reject.into(),
        on_event: GcRefCell::new(None),
        on_error: GcRefCell::new(None),
    });
    let on_event: JsObject = NativeFunction::from_copy_closure_with_captures(
        |_, args, p: &boa_gc::Gc<Pending>, cx| {
            if let Some(on_error) = p.on_error.borrow().clone() {
                remove(
                    &p.emitter,
                    &[js_string!("error").into(), on_error.into()],
                    cx,
                )?;
            }
            let values = JsArray::from_iter(args.iter().cloned(), cx);
            p.resolve
                .call(&JsValue::undefined(), &[values.into()], cx)?;
            Ok(JsValue::undefined())
        },
        pending.clone(),
    )
    .to_js_function(cx.realm())
    .into();
    *pending.on_event.borrow_mut() = Some(on_event.clone());
    add(&emitter, &[name.clone(), on_event.into()], true, false, cx)?;
    let is_error = name.as_string().is_some_and(|s| s == js_string!("error"));
    if !is_error {
        let on_error: JsObject = NativeFunction::from_copy_closure_with_captures(
            |_, args, p: &boa_gc::Gc<Pending>, cx| {
                if let Some(on_event) = p.on_event.borrow().clone() {
                    remove(&p.emitter, &[p.name.clone(), on_event.into()], cx)?;
                }
                p.reject.call(
                    &JsValue::undefined(),
                    &[args.get_or_undefined(0).clone()],
                    cx,
                )?;
                Ok(JsValue::undefined())
            },
            pending.clone(),
        )
        .to_js_function(cx.realm())
        .into();
        *pending.on_error.borrow_mut() = Some(on_error.clone());
        add(
            &emitter,
            &[js_string!("error").into(), on_error.into()],
            true,
            false,
            cx,
        )?;
    }
    Ok(promise.into())
}

/// The state of one `events.on` iterator.
#[derive(Trace, Finalize)]
struct OnState {
    emitter: JsValue,
    name: JsValue,
    /// Event argument arrays not yet taken by `next()`.
    events: GcRefCell<std::collections::VecDeque<JsValue>>,
    /// `next()` promises waiting for an event: (resolve, reject).
    waiting: GcRefCell<std::collections::VecDeque<(JsObject, JsObject)>>,
    /// An `error` event no `next()` has taken yet.
    error: GcRefCell<Option<JsValue>>,
    listeners: GcRefCell<Option<(JsObject, JsObject)>>,
    #[unsafe_ignore_trace]
    finished: Cell<bool>,
}

type OnHandle = boa_gc::Gc<OnState>;

fn iterator_result(value: JsValue, done: bool, cx: &mut Context) -> JsValue {
    let result = JsObject::with_object_proto(cx.intrinsics());
    let _ = result.create_data_property_or_throw(js_string!("value"), value, cx);
    let _ = result.create_data_property_or_throw(js_string!("done"), done, cx);
    result.into()
}

/// Removes the iterator's listeners and settles waiting `next()`s as done.
fn finish_on(state: &OnHandle, cx: &mut Context) -> JsResult<()> {
    if state.finished.replace(true) {
        return Ok(());
    }
    if let Some((on_event, on_error)) = state.listeners.borrow_mut().take() {
        remove(&state.emitter, &[state.name.clone(), on_event.into()], cx)?;
        remove(
            &state.emitter,
            &[js_string!("error").into(), on_error.into()],
            cx,
        )?;
    }
    let waiting: Vec<_> = state.waiting.borrow_mut().drain(..).collect();
    for (resolve, _) in waiting {
        let done = iterator_result(JsValue::undefined(), true, cx);
        resolve.call(&JsValue::undefined(), &[done], cx)?;
    }
    Ok(())
}

/// `events.on(emitter, name)`: an async iterator of the argument arrays
/// of `name` events; an `error` event rejects the next `next()` and ends
/// it; `return()` (a `break` out of `for await`) removes the listeners.
fn on(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let emitter = args.get_or_undefined(0).clone();
    let name = event_name(args.get_or_undefined(1), cx)?;
    let state: OnHandle = boa_gc::Gc::new(OnState {
        emitter: emitter.clone(),
        name: name.clone(),
        events: GcRefCell::default(),
        waiting: GcRefCell::default(),
        error: GcRefCell::new(None),
        listeners: GcRefCell::new(None),
        finished: Cell::new(false),
    });
    let on_event: JsObject = NativeFunction::from_copy_closure_with_captures(
        |_, args, state: &OnHandle, cx| {
            let values: JsValue = JsArray::from_iter(args.iter().cloned(), cx).into();
            let waiting = state.waiting.borrow_mut().pop_front();
            match waiting {
                Some((resolve, _)) => {
                    let result = iterator_result(values, false, cx);
                    resolve.call(&JsValue::undefined(), &[result], cx)?;
                }
                None => state.events.borrow_mut().push_back(values),
            }
            Ok(JsValue::undefined())
        },
        state.clone(),
    )
    .to_js_function(cx.realm())
    .into();
    let on_error: JsObject = NativeFunction::from_copy_closure_with_captures(
        |_, args, state: &OnHandle, cx| {
            let error = args.get_or_undefined(0).clone();
            let waiting = state.waiting.borrow_mut().pop_front();
            match waiting {
                Some((_, reject)) => {
                    reject.call(&JsValue::undefined(), &[error], cx)?;
                }
                None => *state.error.borrow_mut() = Some(error),
            }
            finish_on(state, cx)?;
            Ok(JsValue::undefined())
        },
        state.clone(),
    )
    .to_js_function(cx.realm())
    .into();
    add(&emitter, &[name, on_event.clone().into()], false, false, cx)?;
    add(
        &emitter,
        &[js_string!("error").into(), on_error.clone().into()],
        false,
        false,
        cx,
    )?;
    *state.listeners.borrow_mut() = Some((on_event, on_error));

    let next = NativeFunction::from_copy_closure_with_captures(
        |_, _, state: &OnHandle, cx| {
            if let Some(values) = state.events.borrow_mut().pop_front() {
                let result = iterator_result(values, false, cx);
                return Ok(JsPromise::resolve(result, cx)?.into());
            }
            if let Some(error) = state.error.borrow_mut().take() {
                return Ok(JsPromise::reject(JsError::from_opaque(error), cx)?.into());
            }
            if state.finished.get() {
                let done = iterator_result(JsValue::undefined(), true, cx);
                return Ok(JsPromise::resolve(done, cx)?.into());
            }
            let (promise, resolvers) = JsPromise::new_pending(cx);
            state
                .waiting
                .borrow_mut()
                .push_back((resolvers.resolve.into(), resolvers.reject.into()));
            Ok(promise.into())
        },
        state.clone(),
    );
    let finish = NativeFunction::from_copy_closure_with_captures(
        |_, _, state: &OnHandle, cx| {
            finish_on(state, cx)?;
            let done = iterator_result(JsValue::undefined(), true, cx);
            Ok(JsPromise::resolve(done, cx)?.into())
        },
        state.clone(),
    );
    let throw = NativeFunction::from_copy_closure_with_captures(
        |_, args, state: &OnHandle, cx| {
            finish_on(state, cx)?;
            Ok(
                JsPromise::reject(JsError::from_opaque(args.get_or_undefined(0).clone()), cx)?
                    .into(),
            )
        },
        state,
    );
    let iterator = JsObject::with_object_proto(cx.intrinsics());
    for (method, f) in [("next", next), ("return", finish), ("throw", throw)] {
        let function = FunctionObjectBuilder::new(cx.realm(), f)
            .name(JsString::from(method))
            .length(0)
            .build();
        iterator.define_property_or_throw(
            JsString::from(method),
            builtin_property(function),
            cx,
        )?;
    }
    let itself = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())),
    )
    .name(js_string!("[Symbol.asyncIterator]"))
    .build();
    iterator.define_property_or_throw(
        boa_engine::JsSymbol::async_iterator(),
        builtin_property(itself),
        cx,
    )?;
    Ok(iterator.into())
}

/// The `events` module object: the EventEmitter class.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    Ok(realm(cx)?.1.into())
}
