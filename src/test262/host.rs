//! The host-defined globals a test sees: `$262` (INTERPRETING.md, "Host-
//! Defined Functions") and `print`, whose output the runner reads to learn
//! an async test's outcome.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

use boa_engine::builtins::array_buffer::ArrayBuffer;
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::realm::Realm;
use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, Script, Source,
    js_string,
};
use boa_gc::{Finalize, Trace};

/// What `print` wrote during one test, one entry per call.
#[derive(Clone, Default, Trace, Finalize)]
pub struct PrintLog {
    // Plain strings: nothing in here points into the GC heap.
    #[unsafe_ignore_trace]
    lines: Rc<RefCell<Vec<String>>>,
}

impl std::fmt::Debug for PrintLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.lines.borrow().iter()).finish()
    }
}

impl PrintLog {
    pub fn lines(&self) -> Vec<String> {
        self.lines.borrow().clone()
    }
}

/// The state the host functions of one realm close over.
#[derive(Clone, Trace, Finalize)]
struct HostState {
    realm: Realm,
    log: PrintLog,
}

/// Defines `print` and `$262` on the global object of the context's
/// current realm and returns that `$262`.
pub fn register(log: &PrintLog, cx: &mut Context) -> JsResult<JsObject> {
    let state = HostState {
        realm: cx.realm().clone(),
        log: log.clone(),
    };
    let print = function(&state, "print", 1, |_, args, state, cx| {
        let text = args
            .iter()
            .map(|v| v.to_string(cx).map(|s| s.to_std_string_escaped()))
            .collect::<JsResult<Vec<_>>>()?
            .join(" ");
        state.log.lines.borrow_mut().push(text);
        Ok(JsValue::undefined())
    });
    cx.register_global_property(js_string!("print"), print, Attribute::all())?;

    let create_realm = function(&state, "createRealm", 0, |_, _, state, cx| {
        let realm = cx.create_realm()?;
        let previous = cx.enter_realm(realm);
        // A new realm gets nano-boa's built-ins too, as every context has.
        let result = crate::engine::register(cx).and_then(|()| register(&state.log, cx));
        cx.enter_realm(previous);
        result.map(JsValue::from)
    });
    let eval_script = function(&state, "evalScript", 1, |_, args, state, cx| {
        let code = args
            .get_or_undefined(0)
            .to_string(cx)?
            .to_std_string_escaped();
        // Parsed for this $262's realm, so the code runs against its global.
        let script = Script::parse(
            Source::from_bytes(code.as_bytes()),
            Some(state.realm.clone()),
            cx,
        )?;
        script.evaluate(cx)
    });
    let detach = function(&state, "detachArrayBuffer", 1, |_, args, _, _| {
        let not_a_buffer =
            || JsNativeError::typ().with_message("detachArrayBuffer: not an ArrayBuffer");
        let object = args
            .first()
            .and_then(JsValue::as_object)
            .ok_or_else(not_a_buffer)?;
        let mut buffer = object
            .downcast_mut::<ArrayBuffer>()
            .ok_or_else(not_a_buffer)?;
        buffer.detach(args.get_or_undefined(1))?;
        Ok(JsValue::null())
    });
    let gc = function(&state, "gc", 0, |_, _, _, _| {
        boa_gc::force_collect();
        Ok(JsValue::undefined())
    });
    let agent = agent(cx, &state);
    let global = cx.global_object();
    let dollar = ObjectInitializer::new(cx)
        .property(js_string!("createRealm"), create_realm, Attribute::all())
        .property(js_string!("evalScript"), eval_script, Attribute::all())
        .property(js_string!("detachArrayBuffer"), detach, Attribute::all())
        .property(js_string!("gc"), gc, Attribute::all())
        .property(
            js_string!("global"),
            global,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        )
        .property(js_string!("agent"), agent, Attribute::all())
        .build();
    // `IsHTMLDDA` is left out on purpose: nano-boa has no [[IsHTMLDDA]] object,
    // and INTERPRETING.md makes it optional.
    cx.register_global_property(
        js_string!("$262"),
        dollar.clone(),
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    Ok(dollar)
}

/// `$262.agent`: nano-boa runs one agent per test, so the functions that
/// need other agents throw and the tests using them fail; `sleep` and
/// `monotonicNow` work.
fn agent(cx: &mut Context, state: &HostState) -> JsObject {
    let start = unsupported(state, "start");
    let broadcast = unsupported(state, "broadcast");
    let get_report = unsupported(state, "getReport");
    let sleep = function(state, "sleep", 1, |_, args, _, cx| {
        let ms = args.get_or_undefined(0).to_number(cx)?;
        if ms.is_finite() && ms > 0.0 {
            std::thread::sleep(std::time::Duration::from_secs_f64(ms / 1000.0));
        }
        Ok(JsValue::undefined())
    });
    let monotonic_now = function(state, "monotonicNow", 0, |_, _, _, _| {
        Ok(JsValue::from(
            START.with(|start| start.elapsed().as_secs_f64() * 1000.0),
        ))
    });
    ObjectInitializer::new(cx)
        .property(js_string!("start"), start, Attribute::all())
        .property(js_string!("broadcast"), broadcast, Attribute::all())
        .property(js_string!("getReport"), get_report, Attribute::all())
        .property(js_string!("sleep"), sleep, Attribute::all())
        .property(js_string!("monotonicNow"), monotonic_now, Attribute::all())
        .build()
}

thread_local! {
    static START: Instant = Instant::now();
}

/// A function that throws a TypeError saying `$262.agent.NAME` is missing.
fn unsupported(state: &HostState, name: &'static str) -> JsObject {
    FunctionObjectBuilder::new(
        &state.realm,
        NativeFunction::from_copy_closure_with_captures(
            |_, _, name: &NameCapture, _| {
                Err(JsNativeError::typ()
                    .with_message(format!(
                        "$262.agent.{} is not supported: nano-boa runs each test in a single agent",
                        name.0
                    ))
                    .into())
            },
            NameCapture(name),
        ),
    )
    .name(js_string!(name))
    .constructor(false)
    .build()
    .into()
}

/// A `&'static str` carried into a native closure.
#[derive(Clone, Trace, Finalize)]
struct NameCapture(#[unsafe_ignore_trace] &'static str);

/// A native function of `state`'s realm.
fn function(
    state: &HostState,
    name: &'static str,
    length: usize,
    body: fn(&JsValue, &[JsValue], &HostState, &mut Context) -> JsResult<JsValue>,
) -> JsObject {
    FunctionObjectBuilder::new(
        &state.realm,
        NativeFunction::from_copy_closure_with_captures(
            |this, args, captures: &Captures, cx| {
                (captures.body.0)(this, args, &captures.state, cx)
            },
            Captures {
                state: state.clone(),
                body: BodyFn(body),
            },
        ),
    )
    .name(js_string!(name))
    .length(length)
    .constructor(false)
    .build()
    .into()
}

/// What a host function closes over.
#[derive(Clone, Trace, Finalize)]
struct Captures {
    state: HostState,
    body: BodyFn,
}

/// A plain function pointer carried into a native closure.
#[derive(Clone, Trace, Finalize)]
struct BodyFn(
    #[unsafe_ignore_trace] fn(&JsValue, &[JsValue], &HostState, &mut Context) -> JsResult<JsValue>,
);
