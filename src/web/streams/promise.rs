//! The promise vocabulary of the Streams Standard (WebIDL §3.2.24 "a new
//! promise", "a promise resolved with", "react to", "mark as handled",
//! <https://webidl.spec.whatwg.org/#js-promise>), on Boa's intrinsic
//! `%Promise%`: none of it goes through `Promise.prototype.then` or the
//! `Promise` global, so a script that replaces them changes nothing here.

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{Context, JsError, JsResult, JsValue, NativeFunction};
use boa_gc::{Finalize, Trace};

/// "A new promise" with its resolving functions.
/// (`unsafe_no_drop`: its `Finalize` does nothing, and the derived `Drop`
/// would only forbid moving `promise` out.)
#[derive(Trace, Finalize, Clone)]
#[boa_gc(unsafe_no_drop)]
pub(crate) struct Deferred {
    pub(crate) promise: JsPromise,
    resolve: JsFunction,
    reject: JsFunction,
}

impl Deferred {
    pub(crate) fn new(cx: &mut Context) -> Self {
        let (promise, functions) = JsPromise::new_pending(cx);
        Self {
            promise,
            resolve: functions.resolve,
            reject: functions.reject,
        }
    }

    /// A deferred already resolved with `value`.
    pub(crate) fn resolved(value: JsValue, cx: &mut Context) -> JsResult<Self> {
        let deferred = Self::new(cx);
        deferred.resolve(value, cx)?;
        Ok(deferred)
    }

    /// A deferred already rejected with `reason`, marked as handled.
    pub(crate) fn rejected(reason: JsValue, cx: &mut Context) -> JsResult<Self> {
        let deferred = Self::new(cx);
        deferred.reject(reason, cx)?;
        set_handled(&deferred.promise, cx)?;
        Ok(deferred)
    }

    pub(crate) fn resolve(&self, value: JsValue, cx: &mut Context) -> JsResult<()> {
        self.resolve.call(&JsValue::undefined(), &[value], cx)?;
        Ok(())
    }

    pub(crate) fn reject(&self, reason: JsValue, cx: &mut Context) -> JsResult<()> {
        self.reject.call(&JsValue::undefined(), &[reason], cx)?;
        Ok(())
    }
}

/// The value a script would catch for `error`; an engine error (a runtime
/// limit) stays an error.
pub(crate) fn thrown(error: JsError, cx: &mut Context) -> JsResult<JsValue> {
    if error.as_engine().is_some() {
        return Err(error);
    }
    error.into_opaque(cx)
}

/// "A promise resolved with `value`" (PromiseResolve(%Promise%, value)).
pub(crate) fn resolved(value: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    JsPromise::resolve(value, cx)
}

/// "A promise rejected with `reason`".
pub(crate) fn rejected(reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    JsPromise::reject(JsError::from_opaque(reason), cx)
}

/// A promise for an operation's outcome: WebIDL's promise-returning
/// operations turn exceptions into rejected promises.
pub(crate) fn promise_of(outcome: JsResult<JsPromise>, cx: &mut Context) -> JsResult<JsValue> {
    match outcome {
        Ok(promise) => Ok(promise.into()),
        Err(error) => {
            let reason = thrown(error, cx)?;
            Ok(rejected(reason, cx)?.into())
        }
    }
}

/// "Invoke a callback function and return a promise" (WebIDL §3.12):
/// `f.call(this, args)`, a throw becoming a rejection.
pub(crate) fn promise_call(
    f: &boa_engine::JsObject,
    this: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsPromise> {
    match f.call(this, args, cx) {
        Ok(value) => resolved(value, cx),
        Err(error) => {
            let reason = thrown(error, cx)?;
            rejected(reason, cx)
        }
    }
}

/// A function for reactions: `f(captures, argument)`.
pub(crate) type Reaction<T> = fn(&T, JsValue, &mut Context) -> JsResult<JsValue>;

/// A native function calling `f` with `captures` and its first argument.
pub(crate) fn reaction<T: Trace + 'static>(
    f: Reaction<T>,
    captures: T,
    cx: &mut Context,
) -> JsFunction {
    #[derive(Trace, Finalize)]
    struct Captured<T: Trace + 'static> {
        #[unsafe_ignore_trace]
        f: Reaction<T>,
        captures: T,
    }
    NativeFunction::from_copy_closure_with_captures(
        |_, args, captured: &Captured<T>, cx| {
            let argument = args.first().cloned().unwrap_or_default();
            (captured.f)(&captured.captures, argument, cx)
        },
        Captured { f, captures },
    )
    .to_js_function(cx.realm())
}

/// "React to `promise`" (PerformPromiseThen with %Promise%): the derived
/// promise.
pub(crate) fn react(
    promise: &JsPromise,
    on_fulfilled: Option<JsFunction>,
    on_rejected: Option<JsFunction>,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    promise.then(on_fulfilled, on_rejected, cx)
}

/// "Upon settlement" of `promise`, `f(captures, value, fulfilled)`; the
/// derived promise (rejected if `f` throws) is marked as handled.
pub(crate) fn upon<T: Trace + Clone + 'static>(
    promise: &JsPromise,
    captures: T,
    on_fulfilled: Option<Reaction<T>>,
    on_rejected: Option<Reaction<T>>,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    let fulfilled = on_fulfilled.map(|f| reaction(f, captures.clone(), cx));
    let rejected = on_rejected.map(|f| reaction(f, captures, cx));
    react(promise, fulfilled, rejected, cx)
}

/// [[PromiseIsHandled]] = true: no unhandled-rejection report for it.
pub(crate) fn set_handled(promise: &JsPromise, cx: &mut Context) -> JsResult<()> {
    let noop =
        NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())).to_js_function(cx.realm());
    react(promise, None, Some(noop), cx)?;
    Ok(())
}

/// HTML "queue a microtask" that runs `f(captures)`: a reaction to a
/// resolved promise, as the standard's own tee does with its reads.
pub(crate) fn queue_microtask<T: Trace + Clone + 'static>(
    captures: T,
    f: Reaction<T>,
    cx: &mut Context,
) -> JsResult<()> {
    let ready = resolved(JsValue::undefined(), cx)?;
    let then = reaction(f, captures, cx);
    react(&ready, Some(then), None, cx)?;
    Ok(())
}

/// `{ value, done }` (CreateIterResultObject).
pub(crate) fn iter_result(value: JsValue, done: bool, cx: &mut Context) -> JsValue {
    boa_engine::builtins::iterable::create_iter_result_object(value, done, cx)
}
