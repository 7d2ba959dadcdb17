//! The Rust seam of the streams module, driven as fetch bodies drive it.

use std::path::Path;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{Context, JsNativeError, JsValue, NativeFunction, js_string};

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

/// A JS function from a Rust closure (no captures needed: the tests keep
/// their state in globals).
fn function(
    cx: &mut Context,
    f: fn(&JsValue, &[JsValue], &mut Context) -> boa_engine::JsResult<JsValue>,
) -> JsFunction {
    FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(f)).build()
}

/// `pull(controller)`: enqueues "chunk N" for N = 1..=3 (counted in
/// globalThis.pulls), then closes; a byte controller gets [N, N].
fn pull_three(_: &JsValue, args: &[JsValue], cx: &mut Context) -> boa_engine::JsResult<JsValue> {
    let global = cx.global_object();
    let pulls = global.get(js_string!("pulls"), cx)?.to_number(cx)? + 1.0;
    global.set(js_string!("pulls"), pulls, false, cx)?;
    let controller = args
        .first()
        .and_then(JsValue::as_object)
        .ok_or_else(|| JsNativeError::typ().with_message("no controller"))?;
    if pulls > 3.0 {
        let close = controller.get(js_string!("close"), cx)?;
        close
            .as_callable()
            .ok_or_else(|| JsNativeError::typ().with_message("close"))?
            .call(&controller.clone().into(), &[], cx)?;
        return Ok(JsValue::undefined());
    }
    let bytes = global.get(js_string!("bytes"), cx)?.to_boolean();
    let chunk = if bytes {
        let make = cx.eval(boa_engine::Source::from_bytes(
            "(n) => new Uint8Array([n, n])",
        ))?;
        make.as_callable()
            .ok_or_else(|| JsNativeError::typ().with_message("make"))?
            .call(&JsValue::undefined(), &[pulls.into()], cx)?
    } else {
        js_string!(format!("chunk {pulls}")).into()
    };
    let enqueue = controller.get(js_string!("enqueue"), cx)?;
    enqueue
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message("enqueue"))?
        .call(&controller.clone().into(), &[chunk], cx)?;
    Ok(JsValue::undefined())
}

/// `cancel(reason)`: stores the reason in globalThis.canceled.
fn record_cancel(_: &JsValue, args: &[JsValue], cx: &mut Context) -> boa_engine::JsResult<JsValue> {
    let reason = args.first().cloned().unwrap_or_default();
    cx.global_object()
        .set(js_string!("canceled"), reason, false, cx)?;
    Ok(JsValue::undefined())
}

fn fulfilled(promise: &JsPromise) -> JsValue {
    match promise.state() {
        PromiseState::Fulfilled(value) => value,
        other => panic!("promise not fulfilled: {other:?}"),
    }
}

#[test]
fn is_readable_stream_before_and_after_build() {
    let mut rt = runtime();
    let object = eval(&mut rt, "({})");
    assert!(!super::is_readable_stream(&object, rt.context()).expect("check"));
    assert!(
        super::readable::classes_if_built(rt.context()).is_none(),
        "a check does not build streams"
    );
    let stream = eval(&mut rt, "new ReadableStream()");
    assert!(super::is_readable_stream(&stream, rt.context()).expect("check"));
    assert!(!super::is_readable_stream(&object, rt.context()).expect("check"));
    let other = eval(&mut rt, "new WritableStream()");
    assert!(!super::is_readable_stream(&other, rt.context()).expect("check"));
    assert!(!super::is_readable_stream(&JsValue::from(1), rt.context()).expect("check"));
}

#[test]
fn new_readable_stream_pulls_from_rust() {
    let mut rt = runtime();
    eval(&mut rt, "globalThis.pulls = 0; globalThis.bytes = false;");
    let cx = rt.context();
    let pull = function(cx, pull_three);
    let stream = super::new_readable_stream(cx, pull, None, false, 0.0).expect("stream");
    rt.run_event_loop().expect("loop");
    assert_eq!(
        text(&mut rt, "pulls"),
        "0",
        "high_water_mark 0: no pull before a read"
    );
    let cx = rt.context();
    cx.global_object()
        .set(js_string!("s"), stream, false, cx)
        .expect("set");
    eval(
        &mut rt,
        "globalThis.out = []; (async () => { for await (const c of s) out.push(c); })();",
    );
    rt.run_event_loop().expect("loop");
    assert_eq!(text(&mut rt, "out.join()"), "chunk 1,chunk 2,chunk 3");
    assert_eq!(
        text(
            &mut rt,
            "Object.getPrototypeOf(s) === ReadableStream.prototype"
        ),
        "true"
    );
}

#[test]
fn new_byte_stream_reads_with_a_byob_reader() {
    let mut rt = runtime();
    eval(&mut rt, "globalThis.pulls = 0; globalThis.bytes = true;");
    let cx = rt.context();
    let pull = function(cx, pull_three);
    let stream = super::new_readable_stream(cx, pull, None, true, 0.0).expect("stream");
    let cx = rt.context();
    cx.global_object()
        .set(js_string!("s"), stream, false, cx)
        .expect("set");
    eval(
        &mut rt,
        "globalThis.out = []; (async () => { const r = s.getReader({ mode: 'byob' }); \
         for (;;) { const { value, done } = await r.read(new Uint8Array(8)); if (done) break; out.push(...value); } })();",
    );
    rt.run_event_loop().expect("loop");
    assert_eq!(text(&mut rt, "out.join()"), "1,1,2,2,3,3");
}

#[test]
fn reader_read_release_and_disturbed() {
    let mut rt = runtime();
    let stream = eval(
        &mut rt,
        "new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); } })",
    );
    let stream = stream.as_object().expect("object");
    let cx = rt.context();
    assert!(!super::is_locked(&stream, cx).expect("locked"));
    assert!(!super::is_disturbed(&stream, cx).expect("disturbed"));
    let reader = super::get_reader(&stream, cx).expect("reader");
    assert!(super::is_locked(&stream, cx).expect("locked"));
    let error = super::get_reader(&stream, cx).expect_err("locked stream");
    assert!(error.to_string().contains("locked"), "{error}");
    let promise = super::read(&reader, cx).expect("read");
    assert!(super::is_disturbed(&stream, cx).expect("disturbed"));
    rt.run_event_loop().expect("loop");
    let result = fulfilled(&promise);
    let result = result.as_object().expect("result");
    let cx = rt.context();
    let value = result.get(js_string!("value"), cx).expect("value");
    assert_eq!(
        value.as_string().expect("string").to_std_string_escaped(),
        "a"
    );
    assert_eq!(
        result.get(js_string!("done"), cx).expect("done"),
        JsValue::from(false)
    );
    super::release_reader(&reader, cx).expect("release");
    assert!(!super::is_locked(&stream, cx).expect("locked"));
    // Rejected at once (not run through the loop: it would be reported
    // as an unhandled rejection).
    let after = super::read(&reader, cx).expect("read on a released reader");
    assert!(matches!(after.state(), PromiseState::Rejected(_)));
    let not_a_stream = eval(&mut rt, "({})").as_object().expect("object");
    assert!(super::get_reader(&not_a_stream, rt.context()).is_err());
}

#[test]
fn cancel_calls_the_rust_cancel() {
    let mut rt = runtime();
    eval(&mut rt, "globalThis.pulls = 0; globalThis.bytes = false;");
    let cx = rt.context();
    let pull = function(cx, pull_three);
    let cancel = function(cx, record_cancel);
    let stream = super::new_readable_stream(cx, pull, Some(cancel), false, 1.0).expect("stream");
    let promise = super::cancel(&stream, js_string!("gone").into(), cx).expect("cancel");
    assert!(super::is_disturbed(&stream, rt.context()).expect("disturbed"));
    rt.run_event_loop().expect("loop");
    assert!(fulfilled(&promise).is_undefined());
    assert_eq!(text(&mut rt, "canceled"), "gone");
}

#[test]
fn tee_gives_two_branches_with_every_chunk() {
    let mut rt = runtime();
    let stream = eval(
        &mut rt,
        "new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } })",
    );
    let stream = stream.as_object().expect("object");
    let cx = rt.context();
    let (first, second) = super::tee(&stream, cx).expect("tee");
    assert!(super::is_locked(&stream, cx).expect("locked"));
    let global = cx.global_object();
    global.set(js_string!("a"), first, false, cx).expect("set");
    global.set(js_string!("b"), second, false, cx).expect("set");
    eval(
        &mut rt,
        "globalThis.out = []; (async () => { for await (const x of a) out.push('a' + x); \
         for await (const x of b) out.push('b' + x); })();",
    );
    rt.run_event_loop().expect("loop");
    assert_eq!(text(&mut rt, "out.join()"), "a1,a2,b1,b2");
}

#[test]
fn the_seam_survives_overwritten_globals() {
    let mut rt = runtime();
    let stream = eval(
        &mut rt,
        "const s = new ReadableStream(); globalThis.ReadableStream = null; s",
    );
    let stream = stream.as_object().expect("object");
    let cx = rt.context();
    assert!(super::is_readable_stream(&stream.clone().into(), cx).expect("check"));
    super::get_reader(&stream, cx).expect("reader");
}

#[test]
fn a_body_stream_builds_only_the_readable_family() {
    let mut rt = runtime();
    eval(
        &mut rt,
        r#"
        globalThis.out = [];
        (async () => {
          const response = new Response("hello body");
          const reader = response.body.getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            out.push(new TextDecoder().decode(value));
          }
          const [a, b] = new Response("tee").body.tee();
          out.push(await new Response(a).text(), await new Response(b).text());
          for await (const chunk of ReadableStream.from(["x", "y"])) out.push(chunk);
        })();
        "#,
    );
    rt.run_event_loop().expect("loop");
    assert_eq!(text(&mut rt, "out.join(',')"), "hello body,tee,tee,x,y");
    let writable_built = |rt: &mut Runtime| {
        rt.context()
            .get_data::<std::rc::Rc<super::writable::Classes>>()
            .is_some()
    };
    assert!(
        !writable_built(&mut rt),
        "bodies build the readable interfaces only"
    );
    eval(&mut rt, "new TransformStream()");
    assert!(writable_built(&mut rt));
}
