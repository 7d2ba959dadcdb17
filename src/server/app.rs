//! One app on one worker thread: its own Boa context (a [`Runtime`]), its
//! module loaded once, and a driver task that runs the context's event loop
//! for as long as the instance lives.
//!
//! Requests reach the context as completions posted to its event loop
//! ([`EventLoop::post`]), so timers, fetches and requests of one app are
//! all ordered by that one loop. The answer comes back on a channel.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{Context, JsError, JsObject, JsResult, JsValue, NativeFunction, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;
use futures_lite::FutureExt;
use smol::channel::Sender;

use super::config::AppSpec;
use crate::net::NetConfig;
use crate::runtime::errors::{describe_error, describe_value, render_syntax_error};
use crate::runtime::{EventLoop, ExitPolicy, LoopError, Runtime, RuntimeOptions};
use crate::web::callback::callback;
use crate::web::console;
use crate::web::fetch::{self, IncomingRequest, OutgoingBody, OutgoingParts};

/// How long a module's top-level code (including top-level await) may take
/// before the app counts as failed to load.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// A response as the app produced it.
pub struct AppResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// Why a request got no response from the app. Each becomes a 500 with a
/// generic body; the detail goes to the log.
#[derive(Debug)]
pub enum AppError {
    /// The handler threw or its promise rejected.
    Threw(String),
    /// The handler returned something that is not a Response.
    BadReturn(String),
    /// The instance died while handling the request (a Rust panic).
    Crashed,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Threw(detail) => write!(f, "the fetch handler threw: {detail}"),
            AppError::BadReturn(what) => {
                write!(f, "the fetch handler returned {what}, not a Response")
            }
            AppError::Crashed => f.write_str("the app crashed while handling the request"),
        }
    }
}

type Reply = Result<AppResponse, AppError>;

/// A loaded app on this thread.
pub struct AppInstance {
    pub name: Rc<str>,
    event_loop: Rc<EventLoop>,
    /// False once the driver stopped (a panic): the instance must be
    /// replaced.
    alive: Rc<Cell<bool>>,
    /// Requests posted and not answered yet.
    in_flight: Rc<Cell<usize>>,
    /// `ctx.waitUntil` promises not settled yet (shutdown waits for them).
    waiting: Rc<Cell<usize>>,
    /// How long loading took (module parse, evaluation, top-level await).
    pub load_time: Duration,
    /// When a request last came in (eviction picks the least recent).
    last_used: Cell<Instant>,
    _driver: smol::Task<()>,
}

impl std::fmt::Debug for AppInstance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppInstance")
            .field("name", &self.name)
            .field("alive", &self.alive.get())
            .finish_non_exhaustive()
    }
}

/// What the handler needs on every request, kept in the context's data.
#[derive(Clone)]
struct Handler {
    /// The default export (`this` of `fetch`).
    target: JsObject,
    fetch: JsFunction,
    env: JsValue,
    /// [`INVOKE`], compiled in the app's realm.
    invoke: JsFunction,
}

/// Calls the handler and catches what it throws *in JavaScript*, returning
/// `{ value }` or `{ error }`. boa_engine 0.22 leaves stale values on its
/// operand stack when an exception thrown a few frames deep unwinds into a
/// Rust caller (`handle_throw` in vm/mod.rs; see fetch.js's
/// `tryNewRequest`), so exceptions must not cross into Rust on the hot path.
const INVOKE: &str = "(function invoke(fetch, target, request, env, ctx) {
  try { return { value: fetch.call(target, request, env, ctx) }; }
  catch (error) { return { error }; }
})";

/// Captured by the native callbacks that answer a request.
#[derive(Clone, Trace, Finalize)]
struct Responder {
    #[unsafe_ignore_trace]
    tx: Sender<Reply>,
    #[unsafe_ignore_trace]
    in_flight: Rc<Cell<usize>>,
}

impl Responder {
    fn send(&self, reply: Reply) {
        // A full or closed channel means it was answered already, or the
        // client is gone; either way there is nobody else to tell.
        if self.tx.try_send(reply).is_ok() {
            self.in_flight.set(self.in_flight.get().saturating_sub(1));
        }
    }
}

impl AppInstance {
    /// Loads `spec` on this thread: a fresh context, the module evaluated
    /// (top-level await included), its default export checked. `executor`
    /// runs the instance's driver.
    pub async fn load(
        spec: &AppSpec,
        net: NetConfig,
        executor: &Rc<smol::LocalExecutor<'static>>,
    ) -> Result<AppInstance, String> {
        let started = Instant::now();
        let path = std::path::absolute(&spec.entry).unwrap_or_else(|_| spec.entry.clone());
        let code = match &spec.source {
            Some(pinned) => pinned.to_string(),
            None => std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        };
        let mut runtime = Runtime::new(RuntimeOptions {
            argv: vec!["nano-boa".to_owned(), path.display().to_string()],
            exit: ExitPolicy::Disabled,
            net,
        })
        .map_err(|e| format!("cannot create a context: {e}"))?;
        let name: Rc<str> = Rc::from(spec.name.as_str());
        let tag = name.clone();
        console::set_sink(
            runtime.context(),
            Rc::new(move |is_error, line| {
                if is_error {
                    tracing::warn!(target: "console", app = &*tag, "{line}");
                } else {
                    tracing::info!(target: "console", app = &*tag, "{line}");
                }
            }),
        );
        let module = runtime
            .parse_module(&code, &path)
            .map_err(|e| render_syntax_error(&e, Some(&path)))?;
        let env = env_object(&spec.env, runtime.context())?;

        let event_loop = runtime.event_loop().clone();
        event_loop.set_keep_alive(true);
        let (loaded_tx, loaded_rx) = smol::channel::bounded::<Result<(), String>>(1);
        let promise = module.load_link_evaluate(runtime.context());
        {
            let cx = runtime.context();
            let loaded = Done {
                tx: loaded_tx.clone(),
            };
            let on_loaded = callback(cx, (module.clone(), env, loaded), |_, captures, cx| {
                let (module, env, done) = captures;
                let _ = done.tx.try_send(install_handler(module, env.clone(), cx));
                Ok(())
            });
            let on_failed = callback(cx, Done { tx: loaded_tx }, |reason, done, cx| {
                let _ = done.tx.try_send(Err(describe_value(&reason, cx)));
                Ok(())
            });
            promise
                .then(Some(on_loaded), Some(on_failed), cx)
                .map_err(|e| format!("cannot evaluate the module: {e}"))?;
        }

        let alive = Rc::new(Cell::new(true));
        let waiting = Rc::new(Cell::new(0));
        runtime.context().insert_data(WaitUntil(waiting.clone()));
        let driver = executor.spawn(drive(runtime, name.clone(), alive.clone()));
        let loaded = async {
            loaded_rx
                .recv()
                .await
                .unwrap_or_else(|_| Err("the app crashed while loading".into()))
        }
        .or(async {
            smol::Timer::after(LOAD_TIMEOUT).await;
            Err(format!(
                "top-level code did not finish within {} s",
                LOAD_TIMEOUT.as_secs()
            ))
        })
        .await;
        loaded?;
        Ok(AppInstance {
            name,
            event_loop,
            alive,
            in_flight: Rc::new(Cell::new(0)),
            waiting,
            load_time: started.elapsed(),
            last_used: Cell::new(Instant::now()),
            _driver: driver,
        })
    }

    pub fn is_alive(&self) -> bool {
        self.alive.get()
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.get()
    }

    pub fn waiting(&self) -> usize {
        self.waiting.get()
    }

    pub fn last_used(&self) -> Instant {
        self.last_used.get()
    }

    /// Hands `request` to the app and waits for its answer.
    pub async fn handle(&self, request: IncomingRequest) -> Reply {
        self.last_used.set(Instant::now());
        let (tx, rx) = smol::channel::bounded::<Reply>(1);
        let responder = Responder {
            tx,
            in_flight: self.in_flight.clone(),
        };
        self.in_flight.set(self.in_flight.get() + 1);
        let posted = self.event_loop.post(Box::new(move |cx| {
            dispatch(request, responder, cx);
            Ok(())
        }));
        if !posted {
            self.in_flight.set(self.in_flight.get().saturating_sub(1));
            return Err(AppError::Crashed);
        }
        // A closed channel: the driver died with the request in it.
        rx.recv().await.unwrap_or(Err(AppError::Crashed))
    }
}

#[derive(Clone, Trace, Finalize)]
struct Done {
    #[unsafe_ignore_trace]
    tx: Sender<Result<(), String>>,
}

/// Runs the instance's event loop until the instance is dropped. An error
/// that escapes a callback (a timer that throws, an unhandled rejection) is
/// logged with the app's name and the loop goes on; a Rust panic ends the
/// instance (its context may be inconsistent) and is logged.
async fn drive(mut runtime: Runtime, name: Rc<str>, alive: Rc<Cell<bool>>) {
    let event_loop = runtime.event_loop().clone();
    let run = std::panic::AssertUnwindSafe(async {
        let cx = std::cell::RefCell::new(runtime.context());
        loop {
            match event_loop.run(&cx).await {
                Ok(()) => return,
                Err(LoopError::Uncaught(err)) => {
                    let text = describe_error(&err, &mut cx.borrow_mut());
                    tracing::error!(app = &*name, "uncaught exception: {text}");
                }
                Err(LoopError::UnhandledRejection(reason)) => {
                    let text = describe_value(&reason, &mut cx.borrow_mut());
                    tracing::error!(app = &*name, "unhandled promise rejection: {text}");
                }
            }
        }
    });
    if run.catch_unwind().await.is_err() {
        tracing::error!(
            app = &*name,
            "internal error (a Rust panic) in this app's context; it will be reloaded"
        );
    }
    alive.set(false);
}

/// The app's `env`: a fresh object of the config's JSON values, made once
/// per instance (as Workers hand the same `env` to every request).
fn env_object(
    env: &serde_json::Map<String, serde_json::Value>,
    cx: &mut Context,
) -> Result<JsValue, String> {
    let json = serde_json::Value::Object(env.clone());
    JsValue::from_json(&json, cx).map_err(|e| format!("cannot build env: {e}"))
}

/// After the module evaluated: its default export must have a `fetch`
/// method (an object literal, a class instance, a router's app object).
fn install_handler(
    module: &boa_engine::Module,
    env: JsValue,
    cx: &mut Context,
) -> Result<(), String> {
    let namespace = module.namespace(cx);
    let default = namespace
        .get(js_string!("default"), cx)
        .map_err(|e| describe_error(&e, cx))?;
    let Some(target) = default.as_object() else {
        return Err(format!(
            "the module has no default export with a fetch method (default export: {})",
            describe_value(&default, cx)
        ));
    };
    let fetch = target
        .get(js_string!("fetch"), cx)
        .map_err(|e| describe_error(&e, cx))?;
    let Some(fetch) = fetch
        .as_object()
        .and_then(|f| JsFunction::from_object(f.clone()))
    else {
        return Err(
            "the default export has no fetch method (expected `export default { fetch(request, env, ctx) { ... } }`)"
                .into(),
        );
    };
    let invoke = cx
        .eval(boa_engine::Source::from_bytes(INVOKE))
        .ok()
        .and_then(|f| {
            f.as_object()
                .and_then(|o| JsFunction::from_object(o.clone()))
        })
        .ok_or_else(|| "internal: cannot compile the request trampoline".to_string())?;
    cx.insert_data(Handler {
        target: target.clone(),
        fetch,
        env,
        invoke,
    });
    Ok(())
}

/// Runs the handler for one request (on the context, from the loop).
fn dispatch(request: IncomingRequest, responder: Responder, cx: &mut Context) {
    if let Err(err) = try_dispatch(request, &responder, cx) {
        let text = describe_error(&err, cx);
        responder.send(Err(AppError::Threw(text)));
    }
}

fn try_dispatch(request: IncomingRequest, responder: &Responder, cx: &mut Context) -> JsResult<()> {
    let handler = cx
        .get_data::<Handler>()
        .cloned()
        .ok_or_else(|| JsError::from_opaque(js_string!("the app has no handler").into()))?;
    let request = fetch::create_request(cx, request)?;
    let ctx = execution_context(cx);
    let outcome = handler.invoke.call(
        &JsValue::undefined(),
        &[
            handler.fetch.clone().into(),
            handler.target.clone().into(),
            request.into(),
            handler.env.clone(),
            ctx.into(),
        ],
        cx,
    )?;
    let outcome = outcome.as_object().ok_or_else(|| {
        JsError::from_opaque(js_string!("internal: bad trampoline result").into())
    })?;
    if outcome.has_own_property(js_string!("error"), cx)? {
        let error = outcome.get(js_string!("error"), cx)?;
        return Err(JsError::from_opaque(error));
    }
    let value = outcome.get(js_string!("value"), cx)?;
    let promise = match value
        .as_object()
        .and_then(|object| JsPromise::from_object(object.clone()).ok())
    {
        Some(promise) => promise,
        // The common case: a Response returned synchronously, no promise job.
        None => {
            respond_with(value, responder, cx);
            return Ok(());
        }
    };
    match promise.state() {
        PromiseState::Fulfilled(value) => {
            respond_with(value, responder, cx);
            return Ok(());
        }
        PromiseState::Rejected(reason) => {
            let text = describe_value(&reason, cx);
            responder.send(Err(AppError::Threw(text)));
            // Handled here: not an unhandled rejection.
            promise.then(None, Some(ignore(cx)), cx)?;
            return Ok(());
        }
        PromiseState::Pending => {}
    }
    let on_value = callback(cx, responder.clone(), |value, responder, cx| {
        respond_with(value, responder, cx);
        Ok(())
    });
    let on_error = callback(cx, responder.clone(), |reason, responder, cx| {
        let text = describe_value(&reason, cx);
        responder.send(Err(AppError::Threw(text)));
        Ok(())
    });
    promise.then(Some(on_value), Some(on_error), cx)?;
    Ok(())
}

fn ignore(cx: &mut Context) -> JsFunction {
    NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())).to_js_function(cx.realm())
}

/// Answers with what the handler produced.
fn respond_with(value: JsValue, responder: &Responder, cx: &mut Context) {
    let parts = match fetch::response_parts(cx, &value) {
        Ok(Some(parts)) => parts,
        Ok(None) => {
            let what = describe_value(&value, cx);
            responder.send(Err(AppError::BadReturn(what)));
            return;
        }
        Err(err) => {
            let text = describe_error(&err, cx);
            responder.send(Err(AppError::Threw(text)));
            return;
        }
    };
    let OutgoingParts {
        status,
        headers,
        body,
        ..
    } = parts;
    match body {
        OutgoingBody::None => responder.send(Ok(AppResponse {
            status,
            headers,
            body: Bytes::new(),
        })),
        OutgoingBody::Bytes(bytes) => responder.send(Ok(AppResponse {
            status,
            headers,
            body: Bytes::from(bytes),
        })),
        OutgoingBody::Pending(promise) => {
            let head = HeadCapture {
                status,
                headers: Rc::new(headers),
            };
            let on_bytes = callback(cx, (responder.clone(), head), |value, captures, cx| {
                let (responder, head) = captures;
                let bytes = fetch::uint8_array_bytes(&value, cx)?.unwrap_or_default();
                responder.send(Ok(AppResponse {
                    status: head.status,
                    headers: (*head.headers).clone(),
                    body: Bytes::from(bytes),
                }));
                Ok(())
            });
            let on_error = callback(cx, responder.clone(), |reason, responder, cx| {
                let text = describe_value(&reason, cx);
                responder.send(Err(AppError::Threw(format!(
                    "reading the response body failed: {text}"
                ))));
                Ok(())
            });
            if let Err(err) = promise.then(Some(on_bytes), Some(on_error), cx) {
                let text = describe_error(&err, cx);
                responder.send(Err(AppError::Threw(text)));
            }
        }
    }
}

#[derive(Clone, Trace, Finalize)]
struct HeadCapture {
    #[unsafe_ignore_trace]
    status: u16,
    #[unsafe_ignore_trace]
    headers: Rc<Vec<(String, String)>>,
}

/// Pending `ctx.waitUntil` promises of the instance (context data).
#[derive(Clone, Trace, Finalize)]
struct WaitUntil(#[unsafe_ignore_trace] Rc<Cell<usize>>);

/// The `ctx` argument: `waitUntil(promise)` and `passThroughOnException()`.
/// The loop of a server app never stops on its own, so work handed to
/// `waitUntil` runs to completion; it is counted so that a graceful
/// shutdown waits for it, and a rejection is logged.
fn execution_context(cx: &mut Context) -> JsObject {
    let wait_until = NativeFunction::from_fn_ptr(|_, args, cx| {
        let value = args.first().cloned().unwrap_or_default();
        let promise = JsPromise::resolve(value, cx)?;
        let Some(count) = cx.get_data::<WaitUntil>().map(|w| w.0.clone()) else {
            return Ok(JsValue::undefined());
        };
        count.set(count.get() + 1);
        let settled = callback(cx, WaitUntil(count.clone()), |reason, count, cx| {
            count.0.set(count.0.get().saturating_sub(1));
            let text = describe_value(&reason, cx);
            tracing::error!("a waitUntil promise rejected: {text}");
            Ok(())
        });
        let fulfilled = callback(cx, WaitUntil(count), |_, count, _| {
            count.0.set(count.0.get().saturating_sub(1));
            Ok(())
        });
        promise.then(Some(fulfilled), Some(settled), cx)?;
        Ok(JsValue::undefined())
    });
    let pass_through = NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()));
    ObjectInitializer::new(cx)
        .function(wait_until, js_string!("waitUntil"), 1)
        .function(pass_through, js_string!("passThroughOnException"), 0)
        .build()
}
