use std::path::Path;

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsValue, NativeFunction, js_string};

use super::abort::{AbortState, abort_state, add_abort_algorithm, remove_abort_algorithm};
use crate::runtime::{Runtime, RuntimeOptions};

fn runtime() -> Runtime {
    crate::web::new_runtime(RuntimeOptions::default()).expect("runtime")
}

fn eval(rt: &mut Runtime, code: &str) -> JsValue {
    rt.eval_script(code, Path::new("<test>"))
        .expect("script runs")
}

fn text(rt: &mut Runtime, code: &str) -> String {
    let value = eval(rt, code);
    value
        .to_string(rt.context())
        .expect("string")
        .to_std_string_escaped()
}

/// A native that appends "<tag>:<reason.name or reason>" to globalThis.log.
fn logger(cx: &mut Context, tag: &'static str) -> JsFunction {
    FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_copy_closure(move |_, args, cx| {
            let reason = args.first().cloned().unwrap_or_default();
            let name = match reason.as_object() {
                Some(o) => o.get(js_string!("name"), cx)?,
                None => reason,
            };
            let entry = format!("{tag}:{}", name.to_string(cx)?.to_std_string_escaped());
            let log = cx.global_object().get(js_string!("log"), cx)?;
            let push = log
                .as_object()
                .expect("log array")
                .get(js_string!("push"), cx)?;
            push.as_callable().expect("push").call(
                &log,
                &[js_string!(entry.as_str()).into()],
                cx,
            )?;
            Ok(JsValue::undefined())
        }),
    )
    .build()
}

#[test]
fn globals_are_built_on_first_use_only() {
    let mut rt = runtime();
    assert!(super::classes_if_built(rt.context()).is_none());
    assert_eq!(text(&mut rt, "new Headers().has('a')"), "false");
    assert!(
        super::classes_if_built(rt.context()).is_none(),
        "Headers alone does not build the events classes"
    );
    // Not an AbortSignal, and nothing is built to find that out.
    let cx = rt.context();
    assert!(abort_state(cx, &JsValue::from(1)).expect("state").is_none());
    assert!(super::classes_if_built(cx).is_none());
    assert_eq!(text(&mut rt, "typeof EventTarget"), "function");
    assert!(super::classes_if_built(rt.context()).is_some());
}

#[test]
fn abort_state_reads_signals_only() {
    let mut rt = runtime();
    let controller = eval(&mut rt, "var c = new AbortController(); c");
    let signal = eval(&mut rt, "c.signal");
    let cx = rt.context();
    assert!(matches!(
        abort_state(cx, &signal).expect("state"),
        Some(AbortState::NotAborted)
    ));
    assert!(abort_state(cx, &controller).expect("state").is_none());
    assert!(
        abort_state(cx, &JsValue::undefined())
            .expect("state")
            .is_none()
    );
    eval(&mut rt, "c.abort('why')");
    let cx = rt.context();
    match abort_state(cx, &signal).expect("state") {
        Some(AbortState::Aborted(reason)) => {
            assert_eq!(
                reason.as_string().map(|s| s.to_std_string_escaped()),
                Some("why".into())
            );
        }
        _ => panic!("signal not aborted"),
    }
}

#[test]
fn abort_algorithms_run_once_with_the_reason_and_can_be_removed() {
    let mut rt = runtime();
    eval(
        &mut rt,
        "var log = []; var c = new AbortController(); c.signal.onabort = () => log.push('event');",
    );
    let signal = eval(&mut rt, "c.signal");
    let signal = signal.as_object().expect("object").clone();
    let cx = rt.context();
    let kept = logger(cx, "kept");
    let removed = logger(cx, "removed");
    add_abort_algorithm(cx, &signal, kept.clone()).expect("add");
    add_abort_algorithm(cx, &signal, removed.clone()).expect("add");
    remove_abort_algorithm(cx, &signal, &removed).expect("remove");
    // Removing what was never added is fine.
    let never = logger(cx, "never");
    remove_abort_algorithm(cx, &signal, &never).expect("remove");
    eval(&mut rt, "c.abort(); c.abort()");
    // Algorithms first, then the event (DOM §3.2 "run the abort steps").
    assert_eq!(text(&mut rt, "log.join()"), "kept:AbortError,event");
    // Adding to an aborted signal is a no-op.
    let cx = rt.context();
    let late = logger(cx, "late");
    add_abort_algorithm(cx, &signal, late).expect("add");
    assert_eq!(text(&mut rt, "log.join()"), "kept:AbortError,event");
}

#[test]
fn abort_algorithms_need_a_signal() {
    let mut rt = runtime();
    let other = eval(&mut rt, "new EventTarget()");
    let other = other.as_object().expect("object").clone();
    let cx = rt.context();
    let f = logger(cx, "x");
    let err = add_abort_algorithm(cx, &other, f.clone()).expect_err("not a signal");
    assert!(err.as_native().is_some() || err.as_opaque().is_some());
    assert!(remove_abort_algorithm(cx, &other, &f).is_err());
}

#[test]
fn dependent_signals_run_their_algorithms() {
    let mut rt = runtime();
    eval(
        &mut rt,
        "var log = []; var c = new AbortController(); var any = AbortSignal.any([c.signal]);",
    );
    let any = eval(&mut rt, "any");
    let any = any.as_object().expect("object").clone();
    let cx = rt.context();
    let dep = logger(cx, "dep");
    add_abort_algorithm(cx, &any, dep).expect("add");
    eval(&mut rt, "c.abort(new RangeError('x'))");
    assert_eq!(text(&mut rt, "log.join()"), "dep:RangeError");
}

#[test]
fn a_source_holds_unobserved_dependents_weakly() {
    let mut rt = runtime();
    // 200 dependents nobody keeps, and one with an abort listener.
    eval(
        &mut rt,
        "var c = new AbortController(); var seen = 0;
         for (let i = 0; i < 200; i++) AbortSignal.any([c.signal]);
         AbortSignal.any([c.signal]).addEventListener('abort', () => seen++);",
    );
    let source = eval(&mut rt, "c.signal").as_object().expect("signal");
    let (dependents, pinned) = super::abort::links(&source);
    assert_eq!(
        (dependents, pinned),
        (201, 1),
        "all linked, the observed one pinned"
    );
    // The job ends (WeakRef targets made or read in it stay alive until
    // then: ECMA-262 ClearKeptObjects), then a collection.
    rt.context().clear_kept_objects();
    boa_gc::force_collect();
    // Linking a new dependent drops the references of collected ones.
    eval(&mut rt, "var kept = AbortSignal.any([c.signal]);");
    let (dependents, pinned) = super::abort::links(&source);
    assert_eq!(
        (dependents, pinned),
        (2, 1),
        "the pinned one and the new one remain"
    );
    eval(&mut rt, "c.abort()");
    assert_eq!(text(&mut rt, "`${seen} ${kept.aborted}`"), "1 true");
    assert_eq!(
        super::abort::links(&source),
        (0, 0),
        "an aborted signal keeps no links"
    );
}

#[test]
fn timeout_does_not_keep_the_loop_alive_but_fires_if_it_runs() {
    let mut rt = runtime();
    eval(&mut rt, "globalThis.s = AbortSignal.timeout(60000);");
    let start = std::time::Instant::now();
    rt.run_event_loop().expect("loop");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "loop exited at once"
    );
    assert_eq!(text(&mut rt, "s.aborted"), "false");
    eval(
        &mut rt,
        "globalThis.t = AbortSignal.timeout(1); globalThis.seen = ''; t.onabort = () => { seen = t.reason.name }; setTimeout(() => {}, 40);",
    );
    rt.run_event_loop().expect("loop");
    assert_eq!(text(&mut rt, "seen"), "TimeoutError");
}

#[test]
fn a_listener_exception_is_reported_after_the_dispatch() {
    let mut rt = runtime();
    let value = eval(
        &mut rt,
        "var t = new EventTarget(); var order = [];\
         t.addEventListener('x', () => { throw new RangeError('boom') });\
         t.addEventListener('x', () => order.push('second'));\
         [t.dispatchEvent(new Event('x')), order.join()].join()",
    );
    let cx = rt.context();
    assert_eq!(
        value.to_string(cx).expect("string").to_std_string_escaped(),
        "true,second"
    );
    let err = rt
        .run_event_loop()
        .expect_err("the listener error stops the loop");
    let crate::runtime::LoopError::Uncaught(err) = err else {
        panic!("not an uncaught error");
    };
    let cx = rt.context();
    let value = err.into_opaque(cx).expect("value");
    let name = value
        .as_object()
        .expect("error object")
        .get(js_string!("name"), cx)
        .expect("name");
    assert_eq!(
        name.as_string().map(|s| s.to_std_string_escaped()),
        Some("RangeError".into())
    );
}
