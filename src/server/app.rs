//! The context side of an app instance, on the instance's own thread (see
//! `instance`): its Boa context (a [`Runtime`]), its module loaded once,
//! and a driver task that runs the context's event loop for as long as the
//! instance lives.
//!
//! Requests reach the context as completions posted to its event loop
//! ([`EventLoop::post`]), so timers, fetches and requests of one app are
//! all ordered by that one loop. The answer comes back on a channel.
//!
//! # Limits (issue 6)
//!
//! Boa 0.22 has no interrupt, so each limit is built from what it has:
//!
//! - **CPU, synchronous part of the handler** (`while (true) {}` in
//!   `fetch`, deep JS-to-JS call chains): the handler is called from a tiny
//!   precompiled script run with `Script::evaluate_async_with_budget`, which
//!   yields to the thread's executor every [`BUDGET`] cost units, across
//!   JS-to-JS calls (the VM runs callee frames in the same loop,
//!   `run_async_with_budget` in vm/mod.rs). At each yield [`watch`] checks
//!   the deadline (`timeout_ms` of the thread's CPU time) and the memory. Past it the future is dropped, which leaves frames on
//!   the VM: the context is discarded (the instance is marked dead, every
//!   request in flight on it gets 503, the next request loads a fresh one).
//! - **CPU, code that runs later without yielding**: code after an `await`
//!   (a promise job), timer callbacks, callbacks called by native built-ins
//!   (`[].map(f)` calls `f` through the synchronous `Context::run`): Boa's
//!   `RuntimeLimits` are the backstop. The loop iteration limit is
//!   calibrated to trip after about `timeout_ms` of the cheapest loop
//!   ([`limits::loop_iteration_limit_for`]); it counts per call frame, so
//!   loops with heavy bodies take longer to trip. The recursion and stack
//!   limits (Boa's defaults) stop runaway recursion. Exceeding one raises an
//!   engine error that `try`/`catch` cannot see and that unwinds the VM
//!   cleanly (`handle_error` in vm/mod.rs): the request gets 503 and the
//!   context keeps serving.
//! - **CPU, inside one native built-in** (a backtracking regexp, sorting
//!   5e7 elements, `JSON.stringify` of a deep object): nothing in the
//!   thread can stop it. The pool's watchdog sees the poll run past
//!   `timeout_ms` and abandons the instance (see `pool`).
//! - **CPU, many short runs**: the time of every run of a request (the
//!   budgeted call, each job, timer and fetch completion tagged with it) is
//!   summed; past `timeout_ms` the request gets 503 and the context is
//!   discarded (its remaining jobs with it). A microtask checkpoint that
//!   runs longer than `timeout_ms` without the loop yielding (an endless
//!   chain of promise jobs, even of a request already answered) discards
//!   the context too. Times are the thread's CPU time
//!   (`runtime::clock`): waiting for a timer or a fetch costs nothing, as
//!   in Workers.
//! - **Memory**: [`runtime::alloc`] counts the net bytes each thread
//!   allocates; the growth while a request's JavaScript runs (its budgeted
//!   handler call, and every job, timer and fetch completion tagged with
//!   it) is summed per request and checked at each budget yield and after
//!   each job. Past `memory_mb` the request gets 503 and the context is
//!   discarded (its memory is freed). Overshoot is bounded by what one
//!   budget slice or one job allocates. A single `ArrayBuffer` is capped at
//!   `memory_mb` up front (`HostHooks::max_buffer_size`, a RangeError).
//!   Growth across requests is the instance thread's live bytes (the
//!   thread is the instance's alone): past `memory_mb` the instance
//!   retires between requests (`instance`). Growth inside one native call
//!   (a string doubled 31 times) meets the thread's hard cap in the
//!   allocator (`alloc::set_thread_cap`), and the watchdog abandons it.
//! - **Subrequests**: each request's work carries its id as the event-loop
//!   tag (captured when a job, timer or native task is queued, restored when
//!   it runs); `fetch()` asks [`limits::SubrequestHook`], which counts per
//!   id. Fetches made after the response was sent (`waitUntil` work) are
//!   not counted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::Poll;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::error::EngineError;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{
    Context, JsError, JsObject, JsResult, JsValue, NativeFunction, Script, Source, js_string,
};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;
use futures_lite::FutureExt;
use smol::channel::Sender;

use super::config::AppSpec;
use crate::net::NetConfig;
use crate::runtime::errors::{describe_error, describe_value, render_syntax_error};
use crate::runtime::event_loop::NO_TAG;
use crate::runtime::hooks::MaxBufferSize;
use crate::runtime::modules::ModuleScope;
use crate::runtime::{self, EventLoop, ExitPolicy, LoopError, Runtime, RuntimeOptions, limits};
use crate::web::callback::callback;
use crate::web::console;
use crate::web::fetch::{self, IncomingRequest, OutgoingBody, OutgoingParts};

/// How long a module's top-level code (including top-level await) may take
/// before the app counts as failed to load.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// Cost units of JavaScript between two yields of a handler's synchronous
/// part (see the module docs). Small enough that a runaway handler lets the
/// thread's other work run every few tens of microseconds, and that memory
/// is checked often; large enough that yielding costs little.
///
/// Measured (dev build with this crate at opt-level 2, loaded 2-core
/// machine): a handler computing fib(22) took 21 ms called synchronously
/// and 27 ms budgeted; 300k loop iterations 24 ms vs 34 ms. At opt-level 0
/// (plain `cargo build`) the budgeted VM loop is 10-20 times slower than
/// the synchronous one: its async state machine is compiled into this
/// crate unoptimised.
const BUDGET: u32 = 2_000;

/// Counters of the limits, per app name across threads (for metrics).
#[derive(Debug, Default)]
pub struct LimitStats {
    /// Contexts discarded because a handler ran past `timeout_ms`.
    pub cpu_limit_kills: AtomicU64,
    /// Requests stopped by Boa's runtime limits (loop iterations,
    /// recursion, stack); the context kept serving.
    pub runtime_limit_stops: AtomicU64,
    /// Contexts discarded because a request grew past `memory_mb`.
    pub memory_limit_kills: AtomicU64,
    /// `fetch()` calls counted against requests.
    pub subrequests: AtomicU64,
    /// `fetch()` calls rejected by `max_subrequests`.
    pub subrequest_limit_rejections: AtomicU64,
}

/// The [`LimitStats`] of app `name` (created on first use).
pub fn limit_stats(name: &str) -> Arc<LimitStats> {
    static ALL: OnceLock<Mutex<HashMap<String, Arc<LimitStats>>>> = OnceLock::new();
    let mut all = ALL
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all.entry(name.to_string()).or_default().clone()
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// A response as the app produced it.
pub struct AppResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: AppBody,
}

/// Chunks of a streamed body, for another thread to send.
pub type BodyStream =
    std::pin::Pin<Box<dyn futures_lite::Stream<Item = Result<Bytes, fetch::StreamError>> + Send>>;

/// The body of an [`AppResponse`].
pub enum AppBody {
    /// All of it (sent with a Content-Length).
    Full(Bytes),
    /// Chunks as the app's stream produces them: sent with a Content-Length
    /// when the stream's length is known, otherwise chunked.
    Stream {
        chunks: BodyStream,
        length: Option<u64>,
    },
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
    /// The request's JavaScript ran longer than `timeout_ms` (its handler
    /// call, or all its runs summed); the context was discarded.
    CpuLimit { timeout_ms: u64 },
    /// One of Boa's runtime limits stopped the request (the text says which).
    RuntimeLimit(String),
    /// The request grew memory past `memory_mb`; the context was discarded.
    MemoryLimit { memory_mb: u64 },
    /// Another request on the same instance overran a limit and the
    /// context was discarded with this request in it.
    Discarded,
    /// The instance's thread stopped answering (stuck in a native built-in,
    /// or at its memory cap) and was abandoned (the text says why).
    Abandoned(String),
    /// The app has too many abandoned threads still running: it gets no
    /// new instance until one of them ends.
    Quarantined { stuck: usize },
    /// The app could not be loaded.
    LoadFailed(String),
    /// Every instance's queue is full.
    Overloaded,
}

impl AppError {
    /// 503 for limits (the app is unavailable for this request), 500 for
    /// the app's own failures.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Threw(_) | AppError::BadReturn(_) | AppError::Crashed => 500,
            _ => 503,
        }
    }

    /// Whether the instance is gone and must be replaced.
    pub fn instance_gone(&self) -> bool {
        matches!(
            self,
            AppError::Crashed
                | AppError::CpuLimit { .. }
                | AppError::MemoryLimit { .. }
                | AppError::Discarded
                | AppError::Abandoned(_)
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Threw(detail) => write!(f, "the fetch handler threw: {detail}"),
            AppError::BadReturn(what) => {
                write!(f, "the fetch handler returned {what}, not a Response")
            }
            AppError::Crashed => f.write_str("the app crashed while handling the request"),
            AppError::CpuLimit { timeout_ms } => write!(
                f,
                "the request's JavaScript ran longer than timeout_ms ({timeout_ms} ms); stopped, the context was discarded"
            ),
            AppError::RuntimeLimit(what) => write!(f, "the request was stopped: {what}"),
            AppError::MemoryLimit { memory_mb } => write!(
                f,
                "the request allocated more than memory_mb ({memory_mb} MB); the context was discarded"
            ),
            AppError::Discarded => f.write_str(
                "the context was discarded (another request overran a limit) with this request in it",
            ),
            AppError::Abandoned(why) => write!(f, "the instance was abandoned: {why}"),
            AppError::Quarantined { stuck } => write!(
                f,
                "the app is refused: {stuck} of its instances are stuck (abandoned threads still running)"
            ),
            AppError::LoadFailed(error) => write!(f, "the app failed to load: {error}"),
            AppError::Overloaded => f.write_str("every instance of the app has a full queue"),
        }
    }
}

pub type Reply = Result<AppResponse, AppError>;

/// A loaded app on this thread.
pub struct AppInstance {
    pub name: Rc<str>,
    event_loop: Rc<EventLoop>,
    state: Rc<InstanceState>,
    /// `ctx.waitUntil` promises not settled yet (shutdown waits for them).
    waiting: Arc<AtomicUsize>,
    /// How long loading took (module parse, evaluation, top-level await).
    pub load_time: Duration,
    /// Ids of requests (their event-loop tag); 0 is [`NO_TAG`].
    next_id: Cell<u64>,
    _driver: smol::Task<()>,
}

impl std::fmt::Debug for AppInstance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppInstance")
            .field("name", &self.name)
            .field("alive", &self.state.alive.get())
            .finish_non_exhaustive()
    }
}

/// What the instance, its driver and its limit hooks share.
struct InstanceState {
    name: Rc<str>,
    timeout: Duration,
    timeout_ms: u64,
    memory_mb: u64,
    memory_limit: i64,
    max_subrequests: u32,
    stats: Arc<LimitStats>,
    /// False once the context must be replaced (a panic, or a limit made
    /// it be discarded).
    alive: Cell<bool>,
    /// Closed when `alive` turns false ([`AppInstance::died`]).
    dead: (Sender<()>, smol::channel::Receiver<()>),
    /// Requests posted and not answered yet, by id.
    requests: RefCell<HashMap<u64, Live>>,
    /// Streamed responses still being sent, by request id: a limit that
    /// stops the request's work, or the end of the context, aborts them
    /// (their stream would never go on).
    streams: RefCell<Vec<(u64, fetch::StreamKill)>>,
}

/// A request in flight.
struct Live {
    tx: Sender<Reply>,
    subrequests: u32,
    /// Net bytes its JavaScript allocated so far.
    memory: i64,
    /// Time its JavaScript ran so far (every run tagged with it; wall time
    /// of the runs, an upper bound of their CPU time).
    cpu: Duration,
    /// The thread's CPU clock when the request came in: past the limit in
    /// run time, the thread's CPU time since then must be past it too (it
    /// bounds the request's own CPU time from above), so that time other
    /// threads took the core is not counted against the request.
    cpu_at_start: Duration,
    /// The `Request` the app got, once made (its signal aborts when the
    /// client goes away before the answer).
    request: Option<JsObject>,
}

impl InstanceState {
    /// The context must be replaced.
    fn die(&self) {
        self.alive.set(false);
        self.dead.0.close();
    }

    /// Answers request `id` (if it is still waiting).
    /// Returns whether it was.
    fn answer(&self, id: u64, reply: Reply) -> bool {
        let live = self.requests.borrow_mut().remove(&id);
        // A full or closed channel means the client is gone: nobody else
        // to tell.
        if let Some(live) = live {
            let _ = live.tx.try_send(reply);
            return true;
        }
        false
    }

    /// Adds `bytes` to request `id`'s memory; true when it is over the
    /// limit. Work of no live request is checked on its own.
    fn grew(&self, id: u64, bytes: i64) -> bool {
        if let Some(live) = self.requests.borrow_mut().get_mut(&id) {
            live.memory = live.memory.saturating_add(bytes);
            return live.memory > self.memory_limit;
        }
        bytes > self.memory_limit
    }

    /// Adds `time` to request `id`'s JavaScript time; true when that is
    /// now over `timeout_ms`.
    fn ran(&self, id: u64, time: Duration) -> bool {
        match self.requests.borrow_mut().get_mut(&id) {
            Some(live) => {
                live.cpu += time;
                live.cpu > self.timeout
                    && runtime::clock::thread_cpu_time() - live.cpu_at_start > self.timeout
            }
            None => false,
        }
    }

    /// The context must go: request `culprit` gets `error`, every other
    /// request in flight 503 too, and the instance is marked dead so that
    /// the next request loads a fresh one.
    fn discard(&self, culprit: u64, error: AppError) {
        self.die();
        match &error {
            AppError::CpuLimit { .. } => {
                bump(&self.stats.cpu_limit_kills);
                super::metrics::cpu_limit_kill(&self.name);
            }
            AppError::MemoryLimit { .. } => {
                bump(&self.stats.memory_limit_kills);
                super::metrics::memory_limit_kill(&self.name);
            }
            _ => {}
        }
        tracing::error!(
            app = &*self.name,
            timeout_ms = self.timeout_ms,
            memory_mb = self.memory_mb,
            "{error}"
        );
        let _ = self.answer(culprit, Err(error));
        self.fail_all();
    }

    fn fail_all(&self) {
        let all: Vec<Live> = self.requests.borrow_mut().drain().map(|(_, l)| l).collect();
        for live in all {
            let _ = live.tx.try_send(Err(AppError::Discarded));
        }
        for (_, stream) in self.streams.borrow_mut().drain(..) {
            stream.kill();
        }
    }

    /// Keeps `kill` to abort request `id`'s streamed response (and forgets
    /// the responses that are over).
    fn streaming(&self, id: u64, kill: fetch::StreamKill) {
        let mut streams = self.streams.borrow_mut();
        streams.retain(|(_, s)| !s.is_over());
        streams.push((id, kill));
    }

    /// Aborts request `id`'s streamed responses.
    fn kill_streams_of(&self, id: u64) {
        self.streams.borrow_mut().retain(|(owner, s)| {
            if *owner == id {
                s.kill();
            }
            *owner != id
        });
    }

    /// A `fetch()` by request `id`; `Err` past `max_subrequests`.
    fn subrequest(&self, id: u64) -> Result<(), String> {
        let mut requests = self.requests.borrow_mut();
        let Some(live) = requests.get_mut(&id) else {
            return Ok(());
        };
        if live.subrequests >= self.max_subrequests {
            bump(&self.stats.subrequest_limit_rejections);
            return Err(format!(
                "fetch: this request already made {} subrequests, the limit (max_subrequests)",
                self.max_subrequests
            ));
        }
        live.subrequests += 1;
        bump(&self.stats.subrequests);
        super::metrics::subrequest(&self.name);
        Ok(())
    }
}

/// What the handler needs on every request, kept in the context's data.
#[derive(Clone)]
struct Handler {
    /// `__nanoBoaSlot`: arguments of the next call, set from Rust.
    slot: JsObject,
    /// `__nanoBoaInvoke()`, run with a budget for every request.
    call: Script,
}

/// Defines the request trampoline once per context, as global lexical
/// bindings (not properties of `globalThis`). `__nanoBoaInvoke` reads its
/// arguments from the slot and calls `target.fetch(...)` directly: a
/// JS-to-JS call, which the budgeted evaluation keeps yielding through
/// (`Function.prototype.call` is native and would not).
///
/// It catches what the handler throws *in JavaScript*, returning
/// `{ value }` or `{ error }`: boa_engine 0.22 leaves stale values on its
/// operand stack when an exception thrown a few frames deep unwinds into a
/// Rust caller (`handle_throw` in vm/mod.rs; see fetch.js's
/// `tryNewRequest`), so exceptions must not cross into Rust on the hot path.
const TRAMPOLINE: &str = "const __nanoBoaSlot = { target: undefined, env: undefined, request: undefined, ctx: undefined, scheduled: undefined };
const __nanoBoaInvoke = function () {
  const slot = __nanoBoaSlot, request = slot.request;
  slot.request = undefined;
  if (slot.scheduled !== undefined) return __nanoBoaScheduled(slot);
  try {
    if (typeof slot.target.fetch !== 'function') throw new TypeError('the default export has no fetch method (this app only has a scheduled handler)');
    return { value: slot.target.fetch(request, slot.env, slot.ctx) };
  }
  catch (error) { return { error }; }
};
const __nanoBoaScheduled = function (slot) {
  const event = slot.scheduled;
  slot.scheduled = undefined;
  const pending = [];
  const ctx = {
    waitUntil(promise) { const p = Promise.resolve(promise); p.catch(() => {}); pending.push(p); slot.ctx.waitUntil(p); },
    passThroughOnException() {},
  };
  const controller = { type: 'scheduled', cron: event.cron, scheduledTime: event.scheduledTime, noRetry() {} };
  try {
    if (typeof slot.target.scheduled !== 'function') throw new TypeError('the default export has no scheduled method (expected `export default { scheduled(controller, env, ctx) { ... } }`)');
    const result = slot.target.scheduled(controller, slot.env, ctx);
    const done = (async () => {
      await result;
      for (let seen = 0; seen < pending.length;) {
        const batch = pending.slice(seen);
        seen = pending.length;
        for (const outcome of await Promise.allSettled(batch)) if (outcome.status === 'rejected') throw outcome.reason;
      }
      return new Response(null, { status: 204 });
    })();
    return { value: done };
  } catch (error) { return { error }; }
};
__nanoBoaSlot";

impl AppInstance {
    /// Loads `spec` on this thread: a fresh context, the module evaluated
    /// (top-level await included), its default export checked. `executor`
    /// runs the instance's driver.
    pub async fn load(
        spec: &AppSpec,
        net: NetConfig,
        scope: ModuleScope,
        kv: Result<Vec<crate::kv::Binding>, String>,
        executor: &Rc<smol::LocalExecutor<'static>>,
        heartbeat: Option<Arc<super::instance::Heartbeat>>,
    ) -> Result<AppInstance, String> {
        let started = Instant::now();
        let path = std::path::absolute(&spec.entry).unwrap_or_else(|_| spec.entry.clone());
        let code = match &spec.source {
            Some(pinned) => pinned.to_string(),
            None => std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        };
        let mut runtime = crate::web::new_runtime(RuntimeOptions {
            argv: vec!["nano-boa".to_owned(), path.display().to_string()],
            exit: ExitPolicy::Disabled,
            net,
            module_scope: Some(scope),
            env: Some(process_env(&spec.env)),
        })
        .map_err(|e| format!("cannot create a context: {e}"))?;
        let name: Rc<str> = Rc::from(spec.name.as_str());
        let limits_spec = &spec.limits;
        let state = Rc::new(InstanceState {
            name: name.clone(),
            timeout: Duration::from_millis(limits_spec.timeout_ms),
            timeout_ms: limits_spec.timeout_ms,
            memory_mb: limits_spec.memory_mb,
            memory_limit: i64::try_from(limits_spec.memory_mb.saturating_mul(1 << 20))
                .unwrap_or(i64::MAX),
            max_subrequests: limits_spec.max_subrequests,
            stats: limit_stats(&spec.name),
            alive: Cell::new(true),
            dead: smol::channel::bounded(1),
            requests: RefCell::default(),
            streams: RefCell::default(),
        });
        install_limits(&state, runtime.context());
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
        bind_kv(&env, kv?, &name, runtime.context())?;
        crate::web::cache::use_store(
            runtime.context(),
            crate::web::cache::store_for_app(&spec.name),
        );
        let service_worker = service_worker_shim(&code, &env, runtime.context())?;

        let event_loop = runtime.event_loop().clone();
        event_loop.set_keep_alive(true);
        let (loaded_tx, loaded_rx) = smol::channel::bounded::<Result<(), String>>(1);
        let promise = module.load_link_evaluate(runtime.context());
        {
            let cx = runtime.context();
            let loaded = Done {
                tx: loaded_tx.clone(),
            };
            let on_loaded = callback(
                cx,
                (module.clone(), env, service_worker, loaded),
                |_, captures, cx| {
                    let (module, env, service_worker, done) = captures;
                    let _ = done.tx.try_send(install_handler(
                        module,
                        env.clone(),
                        service_worker.as_ref(),
                        cx,
                    ));
                    Ok(())
                },
            );
            let on_failed = callback(cx, Done { tx: loaded_tx }, |reason, done, cx| {
                let _ = done.tx.try_send(Err(describe_value(&reason, cx)));
                Ok(())
            });
            promise
                .then(Some(on_loaded), Some(on_failed), cx)
                .map_err(|e| format!("cannot evaluate the module: {e}"))?;
        }

        let waiting = Arc::new(AtomicUsize::new(0));
        runtime.context().insert_data(WaitUntil(waiting.clone()));
        let driver = drive(runtime, state.clone());
        let driver = match heartbeat {
            Some(heartbeat) => executor.spawn(super::instance::Busy::new(heartbeat, driver)),
            None => executor.spawn(driver),
        };
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
            state,
            waiting,
            load_time: started.elapsed(),
            next_id: Cell::new(NO_TAG + 1),
            _driver: driver,
        })
    }

    pub fn is_alive(&self) -> bool {
        self.state.alive.get()
    }

    /// Resolves once the context is gone (a limit discarded it, or it
    /// panicked): the instance must then be replaced.
    pub async fn died(&self) {
        let _ = self.state.dead.1.recv().await;
    }

    pub fn in_flight(&self) -> usize {
        self.state.requests.borrow().len()
    }

    /// Requests in flight or `waitUntil` work pending.
    pub fn busy(&self) -> bool {
        self.in_flight() > 0 || self.waiting() > 0
    }

    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }

    /// The counter behind [`AppInstance::waiting`], readable from any thread.
    pub fn waiting_counter(&self) -> Arc<AtomicUsize> {
        self.waiting.clone()
    }

    /// Hands `request` to the app and waits for its answer.
    pub async fn handle(&self, request: IncomingRequest) -> Reply {
        // Discarded by a limit: its loop is gone and nothing would answer.
        if !self.is_alive() {
            return Err(AppError::Discarded);
        }
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let (tx, rx) = smol::channel::bounded::<Reply>(1);
        self.state.requests.borrow_mut().insert(
            id,
            Live {
                tx,
                subrequests: 0,
                memory: 0,
                cpu: Duration::ZERO,
                cpu_at_start: runtime::clock::recent_thread_cpu_time(),
                request: None,
            },
        );
        let state = self.state.clone();
        let posted = self.event_loop.post_async(
            id,
            Box::new(move |cx| Box::pin(dispatch(request, id, state, cx))),
        );
        if !posted {
            self.state.requests.borrow_mut().remove(&id);
            return Err(AppError::Crashed);
        }
        // Dropped with this future (hyper drops it when the client goes
        // away first): the app is told through the Request's signal.
        let mut gone = ClientGone {
            event_loop: self.event_loop.clone(),
            state: self.state.clone(),
            id,
            armed: true,
        };
        // A closed channel: the driver died with the request in it.
        let reply = rx.recv().await.unwrap_or(Err(AppError::Crashed));
        gone.armed = false;
        reply
    }
}

/// Aborts a request's signal when its client disconnected before the
/// answer (dropped in the middle of [`AppInstance::handle`]).
struct ClientGone {
    event_loop: Rc<EventLoop>,
    state: Rc<InstanceState>,
    id: u64,
    armed: bool,
}

impl Drop for ClientGone {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let state = self.state.clone();
        let id = self.id;
        self.event_loop.post(Box::new(move |cx| {
            let request = state
                .requests
                .borrow_mut()
                .get_mut(&id)
                .and_then(|live| live.request.take());
            let Some(request) = request else {
                return Ok(()); // answered meanwhile, or not started
            };
            let reason = crate::web::dom_exception::error(
                cx,
                "The client closed the connection",
                "AbortError",
            )
            .into_opaque(cx)?;
            fetch::abort_request(cx, &request, reason)
        }));
    }
}

/// Per-context limit settings: Boa's runtime limits, the ArrayBuffer cap,
/// the subrequest gate and the memory observer of the loop.
fn install_limits(state: &Rc<InstanceState>, cx: &mut Context) {
    // A quarter more than the timeout: a loop stopped by it has surely used
    // up the request's time, which is what answers it (see `ran`).
    let iterations = limits::loop_iteration_limit_for(state.timeout.mul_f64(1.25));
    tracing::debug!(app = &*state.name, iterations, "loop iteration limit");
    cx.runtime_limits_mut().set_loop_iteration_limit(iterations);
    cx.insert_data(MaxBufferSize(state.memory_mb.saturating_mul(1 << 20)));
    let gate = state.clone();
    cx.insert_data(limits::SubrequestHook(Rc::new(move |id| {
        gate.subrequest(id)
    })));
    if let Some(event_loop) = EventLoop::of(cx) {
        event_loop.set_checkpoint_limit(state.timeout);
        let watcher = state.clone();
        event_loop.set_run_observer(Rc::new(move |id, bytes, time| {
            if !watcher.alive.get() {
                return Ok(());
            }
            // A job Boa stopped at its loop limit may look like one that
            // returned (an `await` continuation drops the engine error:
            // `Await` in vm/opcode/await/mod.rs ignores what `resume`
            // returns), so the time it took is what stops the request. The
            // context is discarded: the request's remaining jobs (a chain of
            // cheap promise jobs never yields to the thread) go with it.
            if watcher.ran(id, time) {
                let timeout_ms = watcher.timeout_ms;
                watcher.discard(id, AppError::CpuLimit { timeout_ms });
                return Err(JsError::from_opaque(js_string!("time limit").into()));
            }
            if !watcher.grew(id, bytes) {
                return Ok(());
            }
            let memory_mb = watcher.memory_mb;
            watcher.discard(id, AppError::MemoryLimit { memory_mb });
            Err(JsError::from_opaque(js_string!("memory limit").into()))
        }));
    }
}

#[derive(Clone, Trace, Finalize)]
struct Done {
    #[unsafe_ignore_trace]
    tx: Sender<Result<(), String>>,
}

/// The engine's runtime-limit error in `err`, if that is what it is.
fn runtime_limit(err: &JsError) -> Option<String> {
    match err.as_engine() {
        Some(EngineError::RuntimeLimit(limit)) => Some(limit.to_string()),
        _ => None,
    }
}

/// Runs the instance's event loop until the instance is dropped or its
/// context must be discarded. An error that escapes a callback (a timer
/// that throws, an unhandled rejection) is logged with the app's name and
/// the loop goes on; a runtime limit hit by a request's work answers that
/// request 503; a Rust panic ends the instance (its context may be
/// inconsistent) and is logged.
async fn drive(mut runtime: Runtime, state: Rc<InstanceState>) {
    let event_loop = runtime.event_loop().clone();
    let name = state.name.clone();
    let run = std::panic::AssertUnwindSafe(async {
        let cx = std::cell::RefCell::new(runtime.context());
        loop {
            let result = event_loop.run(&cx).await;
            // The tag of the failed callback (see `EventLoop::current_tag`).
            let failed = event_loop.current_tag();
            event_loop.set_current_tag(NO_TAG);
            if !state.alive.get() {
                return;
            }
            if event_loop.overran() {
                // Jobs ran for timeout_ms without the loop yielding once
                // (a chain of promise jobs, possibly of a request already
                // answered): the thread must be given back.
                let timeout_ms = state.timeout_ms;
                state.discard(failed, AppError::CpuLimit { timeout_ms });
                return;
            }
            match result {
                Ok(()) => return,
                Err(LoopError::Uncaught(err)) => {
                    if let Some(limit) = runtime_limit(&err) {
                        tracing::error!(
                            app = &*name,
                            timeout_ms = state.timeout_ms,
                            "request stopped: {limit} (the backstop of timeout_ms)"
                        );
                        if state.answer(failed, Err(AppError::RuntimeLimit(limit))) {
                            bump(&state.stats.runtime_limit_stops);
                            super::metrics::cpu_limit_kill(&name);
                        }
                        // Work of a response already streaming (its
                        // stream's pull) was stopped: the stream is stuck.
                        state.kill_streams_of(failed);
                        continue;
                    }
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
    state.die();
    // Requests still waiting get an answer (their channels live in the
    // state, which outlives the context).
    state.fail_all();
}

/// How a watched evaluation ended.
enum Watched<T> {
    Done(T),
    /// Past the deadline.
    Timeout,
    /// Past the memory limit.
    Memory,
}

/// Polls `inner` (a budgeted evaluation, which yields every [`BUDGET`]
/// units) and checks the request's deadline and memory after each slice.
/// Returning early drops `inner` in the middle of its run.
/// When a budgeted call must stop: past both.
#[derive(Clone, Copy)]
struct Deadline {
    wall: Instant,
    /// Of the thread's CPU clock.
    cpu: Duration,
}

async fn watch<F: Future>(
    inner: F,
    deadline: Deadline,
    state: &InstanceState,
    id: u64,
) -> Watched<F::Output> {
    let mut inner = std::pin::pin!(inner);
    std::future::poll_fn(|task| {
        let before = runtime::alloc::thread_net_bytes();
        let polled = inner.as_mut().poll(task);
        let over = state.grew(id, runtime::alloc::thread_net_bytes() - before);
        match polled {
            Poll::Ready(value) => Poll::Ready(Watched::Done(value)),
            Poll::Pending if over => Poll::Ready(Watched::Memory),
            Poll::Pending
                if Instant::now() >= deadline.wall
                    && runtime::clock::thread_cpu_time() >= deadline.cpu =>
            {
                Poll::Ready(Watched::Timeout)
            }
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// Runs the handler for request `id` on the context: its synchronous part
/// budgeted and watched (see the module docs), then its promise followed.
/// `Err` only when the context must be discarded (the loop then stops).
async fn dispatch(
    request: IncomingRequest,
    id: u64,
    state: Rc<InstanceState>,
    cx: &mut Context,
) -> JsResult<()> {
    let responder = Responder {
        id,
        state: state.clone(),
    };
    let Some(handler) = cx.get_data::<Handler>().cloned() else {
        responder.send(Err(AppError::Threw("the app has no handler".into())));
        return Ok(());
    };
    if let Err(err) = prepare(request, id, &state, &handler, cx) {
        let text = describe_error(&err, cx);
        responder.send(Err(AppError::Threw(text)));
        return Ok(());
    }
    // Past the deadline in wall time, the thread's CPU time decides (the
    // instance has the thread to itself, so time other threads took the
    // core is not counted); the CPU clock is a system call, read only then.
    let started = Instant::now();
    let deadline = Deadline {
        wall: started + state.timeout,
        cpu: state
            .requests
            .borrow()
            .get(&id)
            .map_or_else(runtime::clock::recent_thread_cpu_time, |live| {
                live.cpu_at_start
            })
            + state.timeout,
    };
    let evaluation = handler.call.evaluate_async_with_budget(cx, BUDGET);
    let watched = watch(evaluation, deadline, &state, id).await;
    if let Watched::Done(_) = watched {
        let _ = state.ran(id, started.elapsed());
    }
    let error = match watched {
        Watched::Done(Ok(outcome)) => {
            if let Err(err) = settle(outcome, &responder, cx) {
                let text = describe_error(&err, cx);
                responder.send(Err(AppError::Threw(text)));
            }
            return Ok(());
        }
        Watched::Done(Err(err)) => {
            if let Some(limit) = runtime_limit(&err) {
                bump(&state.stats.runtime_limit_stops);
                super::metrics::cpu_limit_kill(&state.name);
                tracing::error!(
                    app = &*state.name,
                    timeout_ms = state.timeout_ms,
                    "request stopped: {limit}"
                );
                responder.send(Err(AppError::RuntimeLimit(limit)));
            } else {
                let text = describe_error(&err, cx);
                responder.send(Err(AppError::Threw(text)));
            }
            return Ok(());
        }
        Watched::Timeout => AppError::CpuLimit {
            timeout_ms: state.timeout_ms,
        },
        Watched::Memory => AppError::MemoryLimit {
            memory_mb: state.memory_mb,
        },
    };
    // The evaluation was dropped mid-run: frames are left on the VM and the
    // context cannot be used again (boa-0.22-facts.md).
    state.discard(id, error);
    Err(JsError::from_opaque(
        js_string!("the context was discarded").into(),
    ))
}

/// Puts the request's arguments in the trampoline's slot.
fn prepare(
    request: IncomingRequest,
    id: u64,
    state: &InstanceState,
    handler: &Handler,
    cx: &mut Context,
) -> JsResult<()> {
    if let Some(event) = request.scheduled {
        let controller = JsObject::with_object_proto(cx.intrinsics());
        controller.set(
            js_string!("cron"),
            boa_engine::JsString::from(event.cron.as_str()),
            false,
            cx,
        )?;
        controller.set(
            js_string!("scheduledTime"),
            event.scheduled_time_ms,
            false,
            cx,
        )?;
        return handler
            .slot
            .set(js_string!("scheduled"), controller, false, cx)
            .map(drop);
    }
    let request = fetch::create_request(cx, request)?;
    if let Some(live) = state.requests.borrow_mut().get_mut(&id) {
        live.request = Some(request.clone());
    }
    handler
        .slot
        .set(js_string!("request"), request, false, cx)?;
    Ok(())
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

/// Workers' service-worker format (a script calling
/// `addEventListener("fetch", (event) => event.respondWith(...))`): for a
/// source that calls `addEventListener`, `fetch` and `scheduled` listeners
/// are recorded (other types reach the global EventTarget as before), and
/// the returned function, called after evaluation, makes a handler object
/// that runs them with a `FetchEvent`-like event: `request`,
/// `respondWith`, `waitUntil`, `passThroughOnException`. Listeners run in
/// order and their exceptions reach the caller (a 500), unlike
/// `dispatchEvent`'s reporting. A source with no `export default` gets
/// `env`'s values as globals before it runs, as Workers gives a
/// service-worker script its bindings.
/// <https://developers.cloudflare.com/workers/reference/migrate-to-module-workers/>
fn service_worker_shim(
    code: &str,
    env: &JsValue,
    cx: &mut Context,
) -> Result<Option<JsFunction>, String> {
    if !code.contains("addEventListener") {
        return Ok(None);
    }
    let shim = cx
        .eval(Source::from_bytes(SERVICE_WORKER_SHIM))
        .map_err(|e| format!("internal: cannot install the service-worker shim: {e}"))?;
    let shim = shim
        .as_object()
        .and_then(|f| JsFunction::from_object(f.clone()))
        .ok_or_else(|| "internal: bad service-worker shim".to_string())?;
    let make_target = shim
        .call(&JsValue::undefined(), &[], cx)
        .map_err(|e| format!("internal: cannot install the service-worker shim: {e}"))?;
    if !code.contains("export default")
        && let Some(env) = env.as_object()
    {
        let global = cx.global_object();
        for key in env.own_property_keys(cx).map_err(|e| e.to_string())? {
            let value = env.get(key.clone(), cx).map_err(|e| e.to_string())?;
            global
                .set(key, value, false, cx)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(make_target
        .as_object()
        .and_then(|f| JsFunction::from_object(f.clone())))
}

const SERVICE_WORKER_SHIM: &str = r#"(function () {
  const recorded = { fetch: [], scheduled: [] };
  const add = globalThis.addEventListener, remove = globalThis.removeEventListener;
  globalThis.addEventListener = function addEventListener(type, listener, options) {
    const list = recorded[String(type)];
    if (list === undefined) return add.call(this, type, listener, options);
    if (listener != null && !list.includes(listener)) list.push(listener);
  };
  globalThis.removeEventListener = function removeEventListener(type, listener, options) {
    const list = recorded[String(type)];
    if (list === undefined) return remove.call(this, type, listener, options);
    const at = list.indexOf(listener);
    if (at >= 0) list.splice(at, 1);
  };
  const run = (list, event) => {
    for (const listener of [...list]) {
      if (typeof listener === 'function') listener.call(globalThis, event);
      else listener.handleEvent(event);
    }
  };
  const define = (event, members) => {
    for (const [name, value] of Object.entries(members)) Object.defineProperty(event, name, { value, enumerable: true });
    return event;
  };
  return function serviceWorkerTarget(env) {
    if (recorded.fetch.length === 0 && recorded.scheduled.length === 0) return undefined;
    for (const key of Object.keys(env)) if (!(key in globalThis)) globalThis[key] = env[key];
    return {
      fetch: recorded.fetch.length === 0 ? undefined : function (request, env, ctx) {
        let responded = false, response;
        const event = define(new Event('fetch', { cancelable: true }), {
          request,
          respondWith(value) {
            if (responded) throw new DOMException('FetchEvent.respondWith() was already called', 'InvalidStateError');
            responded = true;
            response = value;
          },
          waitUntil(promise) { ctx.waitUntil(promise); },
          passThroughOnException() {},
        });
        run(recorded.fetch, event);
        if (!responded) throw new TypeError('no fetch event listener called event.respondWith()');
        return response;
      },
      scheduled: recorded.scheduled.length === 0 ? undefined : function (controller, env, ctx) {
        const event = define(new Event('scheduled'), {
          cron: controller.cron,
          scheduledTime: controller.scheduledTime,
          noRetry() {},
          waitUntil(promise) { ctx.waitUntil(promise); },
        });
        run(recorded.scheduled, event);
      },
    };
  };
})"#;

/// The app's KV namespaces into `env`, each counted in the app's metrics.
fn bind_kv(
    env: &JsValue,
    bindings: Vec<crate::kv::Binding>,
    app: &Rc<str>,
    cx: &mut Context,
) -> Result<(), String> {
    let Some(env) = env.as_object() else {
        return Ok(());
    };
    for binding in bindings {
        let app = app.clone();
        let observer: crate::web::kv::Observer = Rc::new(move |op, bytes| {
            super::metrics::kv_operation(&app, op.as_str(), bytes);
        });
        let namespace = crate::web::kv::namespace_object(binding.namespace, Some(observer), cx)
            .map_err(|e| format!("cannot bind KV namespace {}: {e}", binding.name))?;
        env.set(
            boa_engine::JsString::from(binding.name.as_str()),
            namespace,
            false,
            cx,
        )
        .map_err(|e| format!("cannot bind KV namespace {}: {e}", binding.name))?;
    }
    Ok(())
}

/// `process.env` of an app: the string values of its `env` (as workerd's
/// `nodejs_compat_populate_process_env` gives text bindings), never the
/// host's environment, which holds the server's own secrets
/// (`NANO_ADMIN_TOKEN`) and those of the machine.
fn process_env(env: &serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    env.iter()
        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_string())))
        .collect()
}

/// After the module evaluated: its default export must have a `fetch`
/// method (an object literal, a class instance, a router's app object).
fn install_handler(
    module: &boa_engine::Module,
    env: JsValue,
    service_worker: Option<&JsFunction>,
    cx: &mut Context,
) -> Result<(), String> {
    let namespace = module.namespace(cx);
    let mut default = namespace
        .get(js_string!("default"), cx)
        .map_err(|e| describe_error(&e, cx))?;
    // The service-worker format: no default export, `fetch` (or
    // `scheduled`) event listeners on the global instead.
    if default.is_undefined()
        && let Some(make_target) = service_worker
    {
        default = make_target
            .call(&JsValue::undefined(), std::slice::from_ref(&env), cx)
            .map_err(|e| describe_error(&e, cx))?;
    }
    let Some(target) = default.as_object() else {
        return Err(format!(
            "the module has no default export with a fetch method (default export: {})",
            describe_value(&default, cx)
        ));
    };
    // A Workers module needs a `fetch` handler, or a `scheduled` one for a
    // cron-only worker.
    let mut handlers = 0;
    for name in [js_string!("fetch"), js_string!("scheduled")] {
        let handler = target.get(name, cx).map_err(|e| describe_error(&e, cx))?;
        if handler
            .as_object()
            .and_then(|f| JsFunction::from_object(f.clone()))
            .is_some()
        {
            handlers += 1;
        }
    }
    if handlers == 0 {
        return Err(
            "the default export has no fetch method (expected `export default { fetch(request, env, ctx) { ... } }`)"
                .into(),
        );
    }
    let slot = cx
        .eval(Source::from_bytes(TRAMPOLINE))
        .map_err(|e| format!("internal: cannot install the request trampoline: {e}"))?;
    let slot = slot
        .as_object()
        .ok_or_else(|| "internal: bad request trampoline".to_string())?;
    // One `ctx` for every request of the instance: its methods hold no
    // per-request state (waitUntil work is counted per instance), and
    // making two functions per request was 4% of a hello-world request.
    let ctx = execution_context(cx);
    slot.set(js_string!("target"), target.clone(), false, cx)
        .and_then(|_| slot.set(js_string!("env"), env, false, cx))
        .and_then(|_| slot.set(js_string!("ctx"), ctx, false, cx))
        .map_err(|e| describe_error(&e, cx))?;
    let call = Script::parse(Source::from_bytes("__nanoBoaInvoke()"), None, cx)
        .map_err(|e| format!("internal: cannot compile the request call: {e}"))?;
    cx.insert_data(Handler { slot, call });
    Ok(())
}

/// Captured by the native callbacks that answer a request.
#[derive(Clone, Trace, Finalize)]
struct Responder {
    #[unsafe_ignore_trace]
    id: u64,
    #[unsafe_ignore_trace]
    state: Rc<InstanceState>,
}

impl Responder {
    fn send(&self, reply: Reply) {
        let _ = self.state.answer(self.id, reply);
    }
}

/// Follows what the trampoline returned: `{ error }`, or `{ value }` with
/// a Response or a promise of one.
fn settle(outcome: JsValue, responder: &Responder, cx: &mut Context) -> JsResult<()> {
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
    let body = match body {
        OutgoingBody::None => AppBody::Full(Bytes::new()),
        OutgoingBody::Bytes(bytes) => AppBody::Full(bytes),
        OutgoingBody::Stream { stream, length } => {
            let app = responder.state.name.clone();
            let report: fetch::ReportFailure = Rc::new(move |message: &str| {
                tracing::error!(app = &*app, "response body: {message}");
            });
            match fetch::pump_stream(&stream, report, cx) {
                Ok(pumped) => {
                    responder.state.streaming(responder.id, pumped.kill);
                    AppBody::Stream {
                        chunks: Box::pin(pumped.chunks),
                        length,
                    }
                }
                Err(err) => {
                    let text = describe_error(&err, cx);
                    responder.send(Err(AppError::Threw(text)));
                    return;
                }
            }
        }
    };
    responder.send(Ok(AppResponse {
        status,
        headers,
        body,
    }));
}

/// Pending `ctx.waitUntil` promises of the instance (context data).
#[derive(Clone, Trace, Finalize)]
struct WaitUntil(#[unsafe_ignore_trace] Arc<AtomicUsize>);

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
        count.fetch_add(1, Ordering::AcqRel);
        let settled = callback(cx, WaitUntil(count.clone()), |reason, count, cx| {
            count.0.fetch_sub(1, Ordering::AcqRel);
            let text = describe_value(&reason, cx);
            tracing::error!("a waitUntil promise rejected: {text}");
            Ok(())
        });
        let fulfilled = callback(cx, WaitUntil(count), |_, count, _| {
            count.0.fetch_sub(1, Ordering::AcqRel);
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
