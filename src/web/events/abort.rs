//! `AbortSignal` and `AbortController` (DOM §3,
//! <https://dom.spec.whatwg.org/#interface-abortsignal>), and the Rust side
//! natives such as `fetch()` use to notice when a signal aborts.
//! Re-exported as `crate::web::abort`.
//!
//! An AbortSignal is an EventTarget whose [`TargetData`] carries a
//! [`SignalState`]. Dependent signals (`AbortSignal.any`, a Request's
//! signal) are held weakly by their sources, so a long-lived signal does
//! not accumulate every signal ever made from it; `pinned` holds strongly
//! those that could still be observed when they abort: DOM §3.2.1 "Garbage
//! collection" (not aborted, with abort listeners or abort algorithms).

use std::cell::Cell;
use std::time::Duration;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsObject, JsResult, JsValue, NativeFunction, Trace,
};
use boa_gc::{Gc, GcRefCell};

use super::classes;
use super::target::{
    Listener, TargetData, define_event_handler, fire, has_listeners, new_target_object,
    remove_listener,
};
use crate::runtime::EventLoop;
use crate::runtime::errors::report_exception;
use crate::runtime::timers::TimerCallback;
use crate::web::webidl::{Interface, illegal_invocation, require_args, to_sequence, type_error};

/// Whether an AbortSignal is aborted, and why.
#[derive(Debug, Clone)]
pub enum AbortState {
    NotAborted,
    /// Aborted with this reason (never undefined).
    Aborted(JsValue),
}

/// The DOM §3.2 state of an AbortSignal.
#[derive(Trace, Finalize)]
pub(crate) struct SignalState {
    /// The abort reason; `None` while not aborted.
    reason: GcRefCell<Option<JsValue>>,
    /// The abort algorithms, an ordered set.
    algorithms: GcRefCell<Vec<Algorithm>>,
    #[unsafe_ignore_trace]
    dependent: Cell<bool>,
    /// The source signals of a dependent signal (never dependent
    /// themselves).
    sources: GcRefCell<Vec<JsObject>>,
    /// `WeakRef`s to the signals depending on this one.
    dependents: GcRefCell<Vec<JsObject>>,
    /// Dependents kept alive while they can still be observed aborting.
    pinned: GcRefCell<Vec<JsObject>>,
}

impl SignalState {
    fn new() -> Self {
        Self {
            reason: GcRefCell::new(None),
            algorithms: GcRefCell::new(Vec::new()),
            dependent: Cell::new(false),
            sources: GcRefCell::new(Vec::new()),
            dependents: GcRefCell::new(Vec::new()),
            pinned: GcRefCell::new(Vec::new()),
        }
    }
}

/// An abort algorithm (DOM §3.2 "add an abort algorithm").
#[derive(Trace, Finalize, Clone)]
pub(super) enum Algorithm {
    /// A function called with the reason (Rust natives, the streams).
    Function(JsObject),
    /// Removes an event listener added with a `signal` option.
    RemoveListener {
        target: JsObject,
        listener: Gc<Listener>,
    },
}

/// The signal state of `object`, if it is an AbortSignal.
fn state(object: &JsObject) -> Option<boa_engine::object::Ref<'_, SignalState>> {
    let target = object.downcast_ref::<TargetData>()?;
    boa_engine::object::Ref::try_map(target, |t| t.signal.as_ref())
}

pub(super) fn is_signal(object: &JsObject) -> bool {
    state(object).is_some()
}

pub(super) fn is_aborted(signal: &JsObject) -> bool {
    state(signal).is_some_and(|s| s.reason.borrow().is_some())
}

fn reason(signal: &JsObject) -> Option<JsValue> {
    state(signal).and_then(|s| s.reason.borrow().clone())
}

/// Adds an abort algorithm unless the signal is aborted.
pub(super) fn add_algorithm(signal: &JsObject, algorithm: Algorithm) {
    {
        let Some(s) = state(signal) else { return };
        if s.reason.borrow().is_some() {
            return;
        }
        let mut algorithms = s.algorithms.borrow_mut();
        if let Algorithm::Function(f) = &algorithm
            && algorithms
                .iter()
                .any(|a| matches!(a, Algorithm::Function(g) if JsObject::equals(f, g)))
        {
            return;
        }
        algorithms.push(algorithm);
    }
    update_pin(signal);
}

/// Removes the abort algorithms `matches` picks.
pub(super) fn remove_algorithm(signal: &JsObject, matches: impl Fn(&Algorithm) -> bool) {
    {
        let Some(s) = state(signal) else { return };
        s.algorithms.borrow_mut().retain(|a| !matches(a));
    }
    update_pin(signal);
}

/// DOM §3.2.1: keeps `signal` reachable from its sources while it can
/// still be observed aborting.
pub(super) fn update_pin(signal: &JsObject) {
    let (keep, sources) = {
        let Some(s) = state(signal) else { return };
        if !s.dependent.get() {
            return;
        }
        let keep = s.reason.borrow().is_none()
            && (!s.algorithms.borrow().is_empty() || has_listeners(signal, "abort"));
        (keep, s.sources.borrow().clone())
    };
    for source in sources {
        let Some(s) = state(&source) else { continue };
        let mut pinned = s.pinned.borrow_mut();
        let position = pinned.iter().position(|p| JsObject::equals(p, signal));
        match (keep, position) {
            (true, None) => pinned.push(signal.clone()),
            (false, Some(i)) => {
                pinned.swap_remove(i);
            }
            _ => {}
        }
    }
}

/// node's message for the default reason.
fn default_reason(cx: &mut Context) -> JsResult<JsValue> {
    crate::web::dom_exception::error(cx, "This operation was aborted", "AbortError").into_opaque(cx)
}

/// A new AbortSignal, not aborted.
fn create_signal(cx: &mut Context) -> JsResult<JsObject> {
    let prototype = classes(cx)?.abort_signal.prototype();
    Ok(new_target_object(cx, prototype, Some(SignalState::new())))
}

/// DOM §3.2 "signal abort": `reason` (a default AbortError when
/// undefined), then the abort steps of the signal and of its dependents.
fn abort_signal(cx: &mut Context, signal: &JsObject, reason: JsValue) -> JsResult<()> {
    if is_aborted(signal) || !is_signal(signal) {
        return Ok(());
    }
    let reason = if reason.is_undefined() {
        default_reason(cx)?
    } else {
        reason
    };
    let weak_dependents = {
        let s = state(signal).expect("checked");
        *s.reason.borrow_mut() = Some(reason.clone());
        s.dependents.borrow().clone()
    };
    let mut dependents_to_abort = Vec::new();
    for weak in weak_dependents {
        let Some(dependent) = deref(cx, &weak)? else {
            continue;
        };
        let newly_aborted = state(&dependent).is_some_and(|ds| {
            let mut dependent_reason = ds.reason.borrow_mut();
            let fresh = dependent_reason.is_none();
            if fresh {
                *dependent_reason = Some(reason.clone());
            }
            fresh
        });
        if newly_aborted {
            dependents_to_abort.push(dependent);
        }
    }
    run_abort_steps(cx, signal)?;
    for dependent in dependents_to_abort {
        run_abort_steps(cx, &dependent)?;
    }
    Ok(())
}

/// DOM §3.2 "run the abort steps": the abort algorithms, then the
/// `abort` event.
fn run_abort_steps(cx: &mut Context, signal: &JsObject) -> JsResult<()> {
    let (algorithms, reason) = {
        let s = state(signal).expect("a signal");
        let algorithms = std::mem::take(&mut *s.algorithms.borrow_mut());
        (algorithms, s.reason.borrow().clone().unwrap_or_default())
    };
    for algorithm in algorithms {
        match &algorithm {
            Algorithm::Function(function) => {
                if let Err(error) =
                    function.call(&JsValue::undefined(), std::slice::from_ref(&reason), cx)
                {
                    if error.as_engine().is_some() {
                        return Err(error);
                    }
                    report_exception(cx, error);
                }
            }
            Algorithm::RemoveListener { target, listener } => {
                remove_listener(cx, target, listener);
            }
        }
    }
    // An aborted signal never aborts again: it needs no links any more.
    update_pin(signal);
    if let Some(s) = state(signal) {
        s.sources.borrow_mut().clear();
        s.dependents.borrow_mut().clear();
        s.pinned.borrow_mut().clear();
    }
    fire(cx, signal, "abort")?;
    Ok(())
}

/// The object a `WeakRef` refers to, if it is still alive.
fn deref(cx: &mut Context, weak: &JsObject) -> JsResult<Option<JsObject>> {
    let deref = classes(cx)?.weak_ref_deref.clone();
    Ok(deref.call(&weak.clone().into(), &[], cx)?.as_object())
}

/// DOM §3.2 "create a dependent abort signal".
fn create_dependent(cx: &mut Context, list: &[JsObject]) -> JsResult<JsObject> {
    let result = create_signal(cx)?;
    for signal in list {
        if let Some(reason) = reason(signal) {
            if let Some(s) = state(&result) {
                *s.reason.borrow_mut() = Some(reason);
            }
            return Ok(result);
        }
    }
    state(&result).expect("a signal").dependent.set(true);
    let mut sources = Vec::new();
    for signal in list {
        let Some(s) = state(signal) else { continue };
        if s.dependent.get() {
            // A dependent's sources are never dependent, and not aborted.
            sources.extend(s.sources.borrow().iter().cloned());
        } else {
            sources.push(signal.clone());
        }
    }
    let weak_ref = classes(cx)?.weak_ref.clone();
    for source in sources {
        {
            let rs = state(&result).expect("a signal");
            let mut linked = rs.sources.borrow_mut();
            if linked.iter().any(|l| JsObject::equals(l, &source)) {
                continue;
            }
            linked.push(source.clone());
        }
        // Drop the references of dependents already collected.
        let existing = state(&source).map(|s| s.dependents.borrow().clone());
        let mut alive = Vec::new();
        for weak in existing.unwrap_or_default() {
            if deref(cx, &weak)?.is_some() {
                alive.push(weak);
            }
        }
        let reference = weak_ref.construct(&[result.clone().into()], None, cx)?;
        alive.push(reference);
        if let Some(s) = state(&source) {
            *s.dependents.borrow_mut() = alive;
        }
    }
    Ok(result)
}

/// How many dependents `signal` links to, and how many of them it pins
/// (for the tests of DOM §3.2.1's garbage-collection rule).
#[cfg(test)]
pub(super) fn links(signal: &JsObject) -> (usize, usize) {
    state(signal).map_or((0, 0), |s| {
        (s.dependents.borrow().len(), s.pinned.borrow().len())
    })
}

// ---- AbortSignal ---------------------------------------------------------

/// The brand check of AbortSignal members.
fn this_signal(this: &JsValue, member: &str, _: &mut Context) -> JsResult<JsObject> {
    this.as_object()
        .filter(is_signal)
        .ok_or_else(|| illegal_invocation("AbortSignal", member))
}

pub(super) fn build_abort_signal(
    cx: &mut Context,
    event_target: &StandardConstructor,
) -> StandardConstructor {
    let mut interface = Interface::new(
        cx,
        "AbortSignal",
        0,
        |_, _, _| Err(type_error("Illegal constructor")),
        Some(event_target),
    );
    interface
        .static_operation("abort", 0, static_abort)
        .static_operation("timeout", 1, static_timeout)
        .static_operation("any", 1, static_any)
        .attribute(
            "aborted",
            |this, _, cx| Ok(is_aborted(&this_signal(this, "aborted", cx)?).into()),
            None,
        )
        .attribute(
            "reason",
            |this, _, cx| Ok(reason(&this_signal(this, "reason", cx)?).unwrap_or_default()),
            None,
        )
        .operation("throwIfAborted", 0, |this, _, cx| {
            match reason(&this_signal(this, "throwIfAborted", cx)?) {
                Some(reason) => Err(boa_engine::JsError::from_opaque(reason)),
                None => Ok(JsValue::undefined()),
            }
        });
    define_event_handler(&mut interface, "abort", this_signal);
    interface.build()
}

fn static_abort(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let signal = create_signal(cx)?;
    let given = args.get_or_undefined(0).clone();
    let reason = if given.is_undefined() {
        default_reason(cx)?
    } else {
        given
    };
    *state(&signal).expect("a signal").reason.borrow_mut() = Some(reason);
    Ok(signal.into())
}

/// WebIDL [EnforceRange] unsigned long long (WebIDL §3.2.4.9,
/// <https://webidl.spec.whatwg.org/#abstract-opdef-converttoint>).
fn to_enforced_u64(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<u64> {
    let x = value.to_number(cx)?;
    let show = |n: f64, cx: &mut Context| {
        JsValue::from(n)
            .to_string(cx)
            .map(|s| s.to_std_string_escaped())
    };
    if !x.is_finite() {
        let shown = show(x, cx)?;
        return Err(type_error(format!(
            "{what}: {shown} is not a finite number"
        )));
    }
    let t = x.trunc();
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if !(0.0..=MAX_SAFE).contains(&t) {
        let shown = show(t, cx)?;
        return Err(type_error(format!(
            "{what}: {shown} is outside the range 0 to 9007199254740991"
        )));
    }
    // In range: exact as an integer.
    Ok(t as u64)
}

fn static_timeout(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    require_args(args, 1, "AbortSignal.timeout")?;
    let ms = to_enforced_u64(&args[0], "AbortSignal.timeout", cx)?;
    let signal = create_signal(cx)?;
    let event_loop = EventLoop::of(cx)
        .ok_or_else(|| type_error("AbortSignal.timeout needs the nano-boa event loop"))?;
    let on_timeout = NativeFunction::from_copy_closure_with_captures(
        |_, _, signal: &JsObject, cx| {
            let reason = crate::web::dom_exception::error(
                cx,
                "The operation was aborted due to timeout",
                "TimeoutError",
            )
            .into_opaque(cx)?;
            abort_signal(cx, signal, reason)?;
            Ok(JsValue::undefined())
        },
        signal.clone(),
    )
    .to_js_function(cx.realm());
    // The timer does not keep the event loop alive, as in node and Deno.
    event_loop.timers().borrow_mut().insert_unref(
        Duration::from_millis(ms),
        TimerCallback::Js {
            function: on_timeout,
            args: Vec::new(),
            // Settles a promise: its reactions carry their own context.
            frame: Default::default(),
        },
    );
    Ok(signal.into())
}

fn static_any(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    const WHAT: &str = "AbortSignal.any";
    require_args(args, 1, WHAT)?;
    // WebIDL sequence<AbortSignal> (WebIDL §3.2.24).
    let mut list = Vec::new();
    for item in to_sequence(&args[0], WHAT, cx)? {
        match item.as_object() {
            Some(signal) if is_signal(&signal) => list.push(signal),
            _ => {
                return Err(type_error(format!(
                    "{WHAT}: every item must be an AbortSignal"
                )));
            }
        }
    }
    Ok(create_dependent(cx, &list)?.into())
}

// ---- AbortController -----------------------------------------------------

#[derive(Trace, Finalize, JsData)]
struct ControllerData {
    signal: JsObject,
}

fn this_controller(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object()
        .and_then(|o| o.downcast_ref::<ControllerData>().map(|d| d.signal.clone()))
        .ok_or_else(|| illegal_invocation("AbortController", member))
}

pub(super) fn build_abort_controller(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "AbortController", 0, construct_controller, None);
    interface
        .attribute(
            "signal",
            |this, _, _| Ok(this_controller(this, "signal")?.into()),
            None,
        )
        .operation("abort", 0, |this, args, cx| {
            let signal = this_controller(this, "abort")?;
            abort_signal(cx, &signal, args.get_or_undefined(0).clone())?;
            Ok(JsValue::undefined())
        });
    interface.build()
}

fn construct_controller(
    new_target: &JsValue,
    _: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let prototype =
        super::constructed_prototype(new_target, "AbortController", |c| &c.abort_controller, cx)?;
    let signal = create_signal(cx)?;
    Ok(JsObject::from_proto_and_data(prototype, ControllerData { signal }).into())
}

// ---- The Rust API --------------------------------------------------------

/// The state of `value` if it is an AbortSignal of this realm; `None` for
/// any other value.
pub fn abort_state(cx: &mut Context, value: &JsValue) -> JsResult<Option<AbortState>> {
    let _ = cx;
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    let Some(s) = state(&object) else {
        return Ok(None);
    };
    Ok(Some(match s.reason.borrow().clone() {
        Some(reason) => AbortState::Aborted(reason),
        None => AbortState::NotAborted,
    }))
}

fn checked(signal: &JsObject, what: &str) -> JsResult<()> {
    if is_signal(signal) {
        Ok(())
    } else {
        Err(type_error(format!("{what}: not an AbortSignal")))
    }
}

/// Runs `algorithm` (called with the reason as its only argument) when the
/// signal aborts (DOM "add an abort algorithm"); a no-op if already aborted.
/// A TypeError if `signal` is not an AbortSignal. An exception the
/// algorithm throws is reported as an uncaught error, as a listener's.
pub fn add_abort_algorithm(
    cx: &mut Context,
    signal: &JsObject,
    algorithm: JsFunction,
) -> JsResult<()> {
    let _ = cx;
    checked(signal, "addAbortAlgorithm")?;
    add_algorithm(signal, Algorithm::Function(algorithm.into()));
    Ok(())
}

/// DOM "remove an abort algorithm" (so a long-lived signal does not
/// accumulate closures). Removing an algorithm that was never added does
/// nothing.
pub fn remove_abort_algorithm(
    cx: &mut Context,
    signal: &JsObject,
    algorithm: &JsFunction,
) -> JsResult<()> {
    let _ = cx;
    checked(signal, "removeAbortAlgorithm")?;
    let algorithm: &JsObject = algorithm;
    remove_algorithm(
        signal,
        |a| matches!(a, Algorithm::Function(f) if JsObject::equals(f, algorithm)),
    );
    Ok(())
}

/// DOM "signal abort" with `reason` (an AbortError DOMException when
/// undefined): the abort algorithms run, then the `abort` event. Nothing
/// happens if the signal is already aborted.
pub fn signal_abort(cx: &mut Context, signal: &JsObject, reason: JsValue) -> JsResult<()> {
    checked(signal, "signalAbort")?;
    abort_signal(cx, signal, reason)
}

/// A new AbortSignal, not aborted (the [[abortController]]'s signal of a
/// WritableStreamDefaultController).
pub fn new_signal(cx: &mut Context) -> JsResult<JsObject> {
    create_signal(cx)
}

/// A new AbortSignal that follows `signals` (DOM "create a dependent abort
/// signal", as `AbortSignal.any(signals)`): aborted now if one of them is.
/// Fetch §7.3: a Request's signal follows its input's (or init's).
pub fn dependent_signal(cx: &mut Context, signals: &[JsObject]) -> JsResult<JsObject> {
    for signal in signals {
        checked(signal, "dependentSignal")?;
    }
    create_dependent(cx, signals)
}
