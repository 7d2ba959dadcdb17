//! An app instance on a thread of its own: the thread owns one Boa context
//! ([`AppInstance`]) and with it its own GC heap, CPU clock and allocation
//! count, so a collection of this app stops only this app, and its CPU
//! time and memory are measured exactly as its own.
//!
//! The HTTP side talks to the thread through [`Instance`], which any
//! thread may hold: a bounded queue of requests (each with its reply
//! channel), counters the thread publishes, and the state the
//! [`super::pool`] and the watchdog act on. The thread:
//!
//! 1. loads the app (the module evaluated, its `fetch` found) and reports
//!    to its pool;
//! 2. takes requests off its queue and runs each as a task on its executor
//!    (requests of one instance run concurrently, as in Workers);
//! 3. after each request, publishes its CPU time and live bytes, and
//!    retires itself past `memory_mb` (memory across requests) or when it
//!    has been idle for `idle_timeout_s`;
//! 4. when retired, finishes its requests and `waitUntil` work, then ends,
//!    and its context and heap go with it.
//!
//! Every poll of the thread's JavaScript is wrapped in [`Busy`], which
//! stamps [`Heartbeat`]: a poll that lasts far longer than the app's
//! `timeout_ms` (the in-thread limits stop JavaScript long before) is a
//! native built-in that cannot be interrupted, and the watchdog abandons
//! the thread (see `pool`).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU8, AtomicU64, AtomicUsize};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::task::Poll;
use std::time::{Duration, Instant};

use futures_lite::FutureExt;
use smol::channel::{Receiver, Sender};

use super::app::{AppBody, AppError, AppInstance, AppResponse, Reply};
use super::config::AppSpec;
use super::handoff::{Handoff, Watched};
use super::pool::Pool;
use super::registry::AppStats;
use super::worker::{self, Worker};
use crate::net::NetConfig;
use crate::runtime::modules::ModuleScope;
use crate::runtime::{alloc, clock};
use crate::web::fetch::IncomingRequest;

/// Native stack of an instance thread: Boa's built-ins recurse on it (see
/// `cli::JS_STACK_SIZE`); address space, committed only when touched.
pub const STACK_SIZE: usize = 256 << 20;

/// Requests queued on one instance before it counts as full.
const QUEUE: usize = 1024;

/// Milliseconds since the process's first use of this module (0 is kept
/// for "not busy").
fn now_ms() -> u64 {
    static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);
    EPOCH.elapsed().as_millis() as u64 + 1
}

/// When the thread's current poll of JavaScript began (0: not running).
#[derive(Debug, Default)]
pub struct Heartbeat {
    busy_since_ms: AtomicU64,
}

impl Heartbeat {
    /// How long the current poll has been running, if one is.
    pub fn busy_for(&self) -> Option<Duration> {
        match self.busy_since_ms.load(Acquire) {
            0 => None,
            since => Some(Duration::from_millis(now_ms().saturating_sub(since))),
        }
    }
}

/// A future whose every poll is stamped on a [`Heartbeat`].
pub struct Busy<F> {
    heartbeat: Arc<Heartbeat>,
    inner: Pin<Box<F>>,
}

impl<F> Busy<F> {
    pub fn new(heartbeat: Arc<Heartbeat>, inner: F) -> Self {
        Busy {
            heartbeat,
            inner: Box::pin(inner),
        }
    }
}

impl<F: Future> Future for Busy<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<F::Output> {
        self.heartbeat.busy_since_ms.store(now_ms(), Release);
        let polled = self.inner.as_mut().poll(cx);
        self.heartbeat.busy_since_ms.store(0, Release);
        polled
    }
}

/// Where an instance is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    /// Loading the app.
    Starting = 0,
    /// Taking requests.
    Ready = 1,
    /// Taking no new requests; ends when its work is done.
    Retiring = 2,
    /// Given up on by the watchdog; its thread may still be running.
    Abandoned = 3,
    /// The thread ended.
    Gone = 4,
}

impl Phase {
    fn from_u8(value: u8) -> Phase {
        match value {
            0 => Phase::Starting,
            1 => Phase::Ready,
            2 => Phase::Retiring,
            3 => Phase::Abandoned,
            _ => Phase::Gone,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::Starting => "starting",
            Phase::Ready => "ready",
            Phase::Retiring => "retiring",
            Phase::Abandoned => "abandoned",
            Phase::Gone => "gone",
        }
    }
}

/// Work handed to the instance thread.
enum Job {
    /// One request, from a connection served elsewhere.
    Request {
        request: IncomingRequest,
        reply: Sender<Outcome>,
        /// Never sent on: its receive fails when the HTTP side drops the
        /// request (the client went away), which aborts the request's
        /// signal.
        gone: Receiver<()>,
    },
    /// A whole connection, served on this thread from now on (`handoff`).
    Connection(Box<Handoff>),
}

/// What the instance thread sends back for a job.
enum Outcome {
    /// The app ran it.
    Done(Reply),
    /// The context was gone before the request reached it: the pool may
    /// give it to another instance.
    NotRun(IncomingRequest),
}

/// The settings an instance thread runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub spec: AppSpec,
    pub net: NetConfig,
    pub scope: ModuleScope,
    /// The app's KV bindings, or why the store cannot be opened (the
    /// load then fails with it).
    pub kv: Result<Vec<crate::kv::Binding>, String>,
    pub version: u64,
    /// Retire after this long without a request (`None`: never).
    pub idle_timeout: Option<Duration>,
    pub stats: Arc<AppStats>,
}

/// One instance, as every thread sees it.
#[derive(Debug)]
pub struct Instance {
    /// Unique in the process.
    pub id: u64,
    pub app: String,
    pub version: u64,
    queue: Sender<Job>,
    phase: AtomicU8,
    /// Requests handed to it and not answered yet.
    pub in_flight: AtomicUsize,
    /// Requests it answered.
    pub requests: AtomicU64,
    /// `waitUntil` promises not settled (set once the app loaded).
    waiting: Mutex<Option<Arc<AtomicUsize>>>,
    pub heartbeat: Arc<Heartbeat>,
    /// Raised by the allocator when the thread reached its memory cap (the
    /// thread is then asleep for good).
    pub at_cap: &'static AtomicBool,
    /// The thread's kernel id (for its scheduling class), 0 until known.
    tid: AtomicI32,
    /// CPU time of the thread so far, in nanoseconds (published by it).
    pub cpu_ns: AtomicU64,
    /// Of that, what the app's metric already has.
    cpu_reported_ns: AtomicU64,
    /// Unused memory was given back after the first request.
    released: AtomicBool,
    /// Live bytes of the thread: its allocations minus its frees, with the
    /// bodies handed across threads moved to the side that frees them.
    pub heap_bytes: AtomicI64,
    /// Bytes the HTTP side took over (+: a response it will free) or handed
    /// in (-: a request the instance will free); the thread moves them into
    /// its own count ([`alloc::transfer`]).
    pub shipped: AtomicI64,
    /// When the last request was handed to it (ms, [`now_ms`]).
    last_used_ms: AtomicU64,
    pub started: Instant,
    /// How long loading took, once loaded (µs).
    pub load_us: AtomicU64,
    /// Closed when the instance is abandoned or its thread ends: requests
    /// waiting on it stop waiting.
    ended: (Sender<()>, Receiver<()>),
    /// Why it was abandoned or retired (for the admin API).
    pub reason: Mutex<Option<String>>,
    /// Closed when it stops taking requests: the connections it serves
    /// close after their current request.
    closing: (Sender<()>, Receiver<()>),
    /// The other end of `queue`, for the watchdog to empty the queue of an
    /// instance whose thread is stuck.
    jobs: Receiver<Job>,
    /// The connections its thread serves (`handoff`), for the watchdog.
    connections: Mutex<Vec<Weak<Watched>>>,
    /// How many connections its thread serves.
    pub serving: AtomicUsize,
    /// Share of the last watchdog period its thread spent on the CPU, in
    /// thousandths (set by the watchdog from `cpu_ns`).
    pub utilization: AtomicU64,
    /// `cpu_ns` at the watchdog's last look.
    pub cpu_seen_ns: AtomicU64,
    /// Connections to close after their next answer (`Connection: close`),
    /// so that their clients reconnect to a less loaded instance.
    pub shed: AtomicUsize,
    /// What its thread held once loaded (the app's own baseline, not
    /// counted against `memory_mb` across requests).
    baseline_bytes: AtomicI64,
    /// Its pool (gone when the version is no longer served).
    pub owner: Weak<dyn Owner>,
    pub stats: Arc<AppStats>,
    /// Counted in `stats.instances` (from its load until it leaves).
    counted: AtomicBool,
    /// A poll of JavaScript running longer than this is stuck (native).
    pub stuck_after: Duration,
    pub timeout_ms: u64,
    pub memory_mb: u64,
}

impl Instance {
    pub fn phase(&self) -> Phase {
        Phase::from_u8(self.phase.load(Acquire))
    }

    pub fn set_phase(&self, phase: Phase) {
        self.phase.store(phase as u8, Release);
    }

    /// Moves from `from` to `to`; false if it was not in `from`.
    pub fn change_phase(&self, from: Phase, to: Phase) -> bool {
        self.phase
            .compare_exchange(from as u8, to as u8, AcqRel, Acquire)
            .is_ok()
    }

    pub fn waiting(&self) -> usize {
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map_or(0, |w| w.load(Acquire))
    }

    /// In flight or with `waitUntil` work.
    pub fn busy(&self) -> bool {
        self.in_flight.load(Acquire) > 0 || self.waiting() > 0
    }

    pub fn idle_for(&self) -> Duration {
        Duration::from_millis(now_ms().saturating_sub(self.last_used_ms.load(Relaxed)))
    }

    pub fn tid(&self) -> i32 {
        self.tid.load(Acquire)
    }

    /// Counts it in its app's live instances (once loaded).
    pub fn count(&self) {
        if !self.counted.swap(true, AcqRel) {
            self.stats.instances.fetch_add(1, AcqRel);
        }
    }

    /// No longer counted (retired, abandoned, ended).
    pub fn uncount(&self) {
        if self.counted.swap(false, AcqRel) {
            self.stats.instances.fetch_sub(1, AcqRel);
        }
    }

    /// Stops taking requests: the thread ends once its queue is empty and
    /// its work is done.
    pub fn close_queue(&self) {
        self.queue.close();
        self.closing.0.close();
    }

    /// Requests waiting on this instance give up (it was abandoned).
    pub fn end(&self) {
        self.ended.0.close();
        self.closing.0.close();
    }

    /// Hands a whole connection to the thread (`handoff`); gives it back
    /// when the instance no longer takes work.
    pub fn adopt(&self, handoff: Box<Handoff>) -> Result<(), Box<Handoff>> {
        self.last_used_ms.store(now_ms(), Relaxed);
        match self.queue.try_send(Job::Connection(handoff)) {
            Ok(()) => Ok(()),
            Err(error) => match error.into_inner() {
                Job::Connection(handoff) => Err(handoff),
                Job::Request { .. } => unreachable!("a connection was sent"),
            },
        }
    }

    /// The instance was abandoned (its thread is stuck): what it holds is
    /// answered from the calling thread. Queued requests get the 503 of an
    /// abandoned instance, queued connections a 503 and a close, and the
    /// connections its thread serves are failed (see [`Watched::fail`]).
    pub fn fail_held_work(&self) {
        let why = self
            .reason
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .unwrap_or_else(|| "its thread is stuck".into());
        while let Ok(job) = self.jobs.try_recv() {
            match job {
                Job::Request { reply, .. } => {
                    let _ = reply.try_send(Outcome::Done(Err(AppError::Abandoned(why.clone()))));
                }
                Job::Connection(handoff) => {
                    let watched = Watched::new(&handoff.stream);
                    watched.set_answering(true);
                    watched.fail();
                }
            }
        }
        let connections = std::mem::take(
            &mut *self
                .connections
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for watched in connections.iter().filter_map(Weak::upgrade) {
            watched.fail();
        }
    }

    /// Registers a connection its thread serves, for the watchdog.
    fn watch(&self, watched: &Arc<Watched>) {
        let mut connections = self
            .connections
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        connections.retain(|w| w.strong_count() > 0);
        connections.push(Arc::downgrade(watched));
    }

    /// Hands `request` to the thread and waits for the answer. The caller
    /// counted it in `in_flight` (the pool does, when it picks). `Err`
    /// gives the request back when the instance no longer takes requests
    /// (it retired meanwhile): the pool tries another.
    pub async fn handle(&self, request: IncomingRequest) -> Result<Reply, IncomingRequest> {
        self.last_used_ms.store(now_ms(), Relaxed);
        let size = request_size(&request);
        let (reply, answer) = smol::channel::bounded(1);
        // Dropped with this future: the thread sees the client leave.
        let (_gone, gone) = smol::channel::bounded::<()>(1);
        let job = Job::Request {
            request,
            reply,
            gone,
        };
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(smol::channel::TrySendError::Full(_)) => return Ok(Err(AppError::Overloaded)),
            Err(smol::channel::TrySendError::Closed(Job::Request { request, .. })) => {
                return Err(request);
            }
            Err(smol::channel::TrySendError::Closed(Job::Connection(_))) => {
                unreachable!("a request was sent")
            }
        }
        self.shipped.fetch_sub(size, Relaxed);
        let ended = self.ended.1.clone();
        let reply = async {
            match answer.recv().await {
                Ok(Outcome::Done(reply)) => Ok(reply),
                Ok(Outcome::NotRun(request)) => Err(request),
                Err(_) => Ok(Err(AppError::Crashed)),
            }
        }
        .or(async {
            let _ = ended.recv().await;
            Ok(Err(AppError::Abandoned(
                self.reason
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .clone()
                    .unwrap_or_else(|| "its thread ended".into()),
            )))
        })
        .await;
        let reply = match reply {
            Ok(reply) => reply,
            Err(request) => {
                self.shipped.fetch_add(size, Relaxed);
                return Err(request);
            }
        };
        if let Ok(response) = &reply {
            self.shipped.fetch_add(response_size(response), Relaxed);
        }
        self.requests.fetch_add(1, Relaxed);
        Ok(reply)
    }

    /// A streamed chunk of `bytes` left the instance (freed by the HTTP
    /// side).
    pub fn shipped_chunk(&self, bytes: usize) {
        self.shipped.fetch_add(bytes as i64, Relaxed);
    }
}

/// Heap bytes a request brings (freed by the instance).
fn request_size(request: &IncomingRequest) -> i64 {
    let headers: usize = request
        .headers
        .iter()
        .map(|(name, value)| name.capacity() + value.capacity())
        .sum();
    (request.method.capacity()
        + request.url.capacity()
        + request.headers.capacity() * std::mem::size_of::<(String, String)>()
        + headers
        + request.body.as_ref().map_or(0, Vec::capacity)) as i64
}

/// Heap bytes a response takes along (freed by the HTTP side).
fn response_size(response: &AppResponse) -> i64 {
    let headers: usize = response
        .headers
        .iter()
        .map(|(name, value)| name.capacity() + value.capacity())
        .sum();
    let body = match &response.body {
        AppBody::Full(bytes) => bytes.len(),
        AppBody::Stream { .. } => 0,
    };
    (response.headers.capacity() * std::mem::size_of::<(String, String)>() + headers + body) as i64
}

/// What the thread tells its pool.
pub trait Owner: Send + Sync + 'static {
    /// The app loaded (`Ok`, with the load time) or did not.
    fn loaded(&self, instance: &Arc<Instance>, result: Result<Duration, String>);
    /// May this idle instance retire? (The pool keeps a preloaded one.)
    fn may_retire(&self, instance: &Arc<Instance>) -> bool;
    /// The instance retired or ended: forget it.
    fn remove(&self, instance: &Arc<Instance>);
    /// Called by the watchdog after each look at the instances: spread
    /// connections, start one more instance when all are loaded.
    fn balance(&self);
}

/// Every instance of the process (the watchdog, the memory budget, the
/// drain at shutdown and the admin API look through it).
static ALL: LazyLock<Mutex<Vec<Weak<Instance>>>> = LazyLock::new(Mutex::default);

/// The instances alive now.
pub fn all() -> Vec<Arc<Instance>> {
    let mut all = ALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all.retain(|weak| weak.strong_count() > 0);
    all.iter().filter_map(Weak::upgrade).collect()
}

/// Starts an instance thread for `settings`; it reports to `owner`.
pub fn spawn(
    settings: Settings,
    owner: Weak<dyn Owner>,
    stuck_after: Duration,
) -> Result<Arc<Instance>, String> {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let (queue, jobs) = smol::channel::bounded(QUEUE);
    let instance = Arc::new(Instance {
        id: NEXT_ID.fetch_add(1, Relaxed),
        app: settings.spec.name.clone(),
        version: settings.version,
        queue,
        phase: AtomicU8::new(Phase::Starting as u8),
        in_flight: AtomicUsize::new(0),
        requests: AtomicU64::new(0),
        waiting: Mutex::new(None),
        heartbeat: Arc::default(),
        // One byte per instance ever started, leaked: the allocator may
        // raise it on a thread that never ends (see `alloc::set_thread_cap`).
        at_cap: Box::leak(Box::new(AtomicBool::new(false))),
        tid: AtomicI32::new(0),
        cpu_ns: AtomicU64::new(0),
        cpu_reported_ns: AtomicU64::new(0),
        released: AtomicBool::new(false),
        heap_bytes: AtomicI64::new(0),
        shipped: AtomicI64::new(0),
        last_used_ms: AtomicU64::new(now_ms()),
        started: Instant::now(),
        load_us: AtomicU64::new(0),
        ended: smol::channel::bounded(1),
        reason: Mutex::new(None),
        closing: smol::channel::bounded(1),
        jobs: jobs.clone(),
        connections: Mutex::new(Vec::new()),
        serving: AtomicUsize::new(0),
        utilization: AtomicU64::new(0),
        cpu_seen_ns: AtomicU64::new(0),
        shed: AtomicUsize::new(0),
        baseline_bytes: AtomicI64::new(0),
        owner,
        stats: settings.stats.clone(),
        counted: AtomicBool::new(false),
        stuck_after,
        timeout_ms: settings.spec.limits.timeout_ms,
        memory_mb: settings.spec.limits.memory_mb,
    });
    ALL.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(Arc::downgrade(&instance));
    let thread = instance.clone();
    std::thread::Builder::new()
        .name(format!("app:{}", settings.spec.name))
        .stack_size(STACK_SIZE)
        .spawn(move || run(thread, settings, jobs))
        .map_err(|e| format!("cannot start a thread for the app: {e}"))?;
    Ok(instance)
}

/// The thread's main function.
fn run(instance: Arc<Instance>, settings: Settings, jobs: Receiver<Job>) {
    instance
        .tid
        .store(rustix::thread::gettid().as_raw_nonzero().get(), Release);
    // The hard cap (see `alloc::set_thread_cap`): twice `memory_mb` above
    // what the thread holds now, so that the soft checks (per request, and
    // across requests between them) always come first for growth they can
    // see, and the cap only stops what grows within one native call.
    let memory = settings.spec.limits.memory_mb.saturating_mul(1 << 20);
    let cap = alloc::thread_net_bytes()
        .saturating_add(i64::try_from(memory.saturating_mul(2)).unwrap_or(i64::MAX))
        .saturating_add(64 << 20);
    alloc::set_thread_cap(cap, instance.at_cap);
    let executor = Rc::new(smol::LocalExecutor::new());
    {
        let main = executor.run(serve(&instance, &settings, jobs, &executor));
        let mut main = std::pin::pin!(main);
        // Idle, or serving requests handed over one at a time, the thread parks
        // on its own (futures-lite's block_on): if it drove the shared reactor
        // (epoll) while idle, it would take socket events other threads then
        // have to be woken for (perf showed it with 1,000 instances). While it
        // serves connections of its own (`handoff`), it drives the reactor
        // when no other thread does (smol's block_on), so that its sockets'
        // events wake no other thread first. Each flavour runs until the
        // thread's connections come or go (they change only while this thread
        // polls, so a check after each poll sees every change).
        loop {
            let serving = worker::serves_connections();
            let step = std::future::poll_fn(|cx| match main.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(true),
                Poll::Pending if worker::serves_connections() != serving => Poll::Ready(false),
                Poll::Pending => Poll::Pending,
            });
            let done = if serving {
                smol::block_on(step)
            } else {
                futures_lite::future::block_on(step)
            };
            if done {
                break;
            }
        }
    }
    // The context, its heap and its tasks go here.
    drop(executor);
    let unreported = instance.cpu_ns.load(Relaxed) - instance.cpu_reported_ns.load(Relaxed);
    if unreported > 0 {
        super::metrics::cpu(&instance.app, unreported as f64 / 1e9);
    }
    alloc::clear_thread_cap();
    if instance.phase() == Phase::Abandoned {
        instance.stats.stuck_threads.fetch_sub(1, AcqRel);
        tracing::info!(
            app = instance.app,
            instance = instance.id,
            "an abandoned instance's thread ended"
        );
    }
    instance.set_phase(Phase::Gone);
    instance.uncount();
    instance.end();
    if let Some(owner) = instance.owner.upgrade() {
        owner.remove(&instance);
    }
}

/// Loads the app, then serves its queue until the instance retires.
async fn serve(
    instance: &Arc<Instance>,
    settings: &Settings,
    jobs: Receiver<Job>,
    executor: &Rc<smol::LocalExecutor<'static>>,
) {
    let owner = || instance.owner.upgrade();
    let load = AppInstance::load(
        &settings.spec,
        settings.net.clone(),
        settings.scope.clone(),
        settings.kv.clone(),
        executor,
        Some(instance.heartbeat.clone()),
    );
    let app = match Busy::new(instance.heartbeat.clone(), load).await {
        Ok(app) => Rc::new(app),
        Err(error) => {
            if let Some(owner) = owner() {
                owner.loaded(instance, Err(error));
            }
            // Connections handed over meanwhile are served (their requests
            // go to the pool, which answers for the failed load).
            serve_leftovers(instance, jobs, executor).await;
            return;
        }
    };
    *instance
        .waiting
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(app.waiting_counter());
    instance
        .load_us
        .store(app.load_time.as_micros() as u64, Relaxed);
    // Loading leaves garbage (parsing, compiling, the module's top level),
    // and this thread's heap would otherwise keep it until it had allocated
    // 1 MiB more (boa_gc's first threshold): with hundreds of mostly idle
    // instances that is most of their memory.
    boa_gc::force_collect();
    release_unused_memory();
    HERE.with(|here| {
        *here.borrow_mut() = Some(Local {
            instance: instance.clone(),
            app: app.clone(),
        });
    });
    instance.change_phase(Phase::Starting, Phase::Ready);
    instance.count();
    if let Some(owner) = owner() {
        owner.loaded(instance, Ok(app.load_time));
    }
    // What the thread held once loaded: the app's baseline is not counted
    // against memory_mb across requests (only what it keeps growing).
    instance
        .baseline_bytes
        .store(alloc::thread_net_bytes(), Relaxed);
    // Jobs spawned and not finished (a spawned job may not have reached the
    // app yet, so the app's own count is not enough before the end).
    let running = Rc::new(std::cell::Cell::new(0usize));
    // The HTTP side of this thread, made for the first connection handed
    // to it.
    let mut http: Option<Rc<Worker>> = None;
    // One timer for idleness, re-armed only when it fires (not per
    // request: arming a timer takes the reactor's lock).
    let mut idle_timer = settings.idle_timeout.map(smol::Timer::after);
    loop {
        let next = async { Some(jobs.recv().await.ok()) }.or(async {
            app.died().await;
            None
        });
        let job = match (&mut idle_timer, settings.idle_timeout) {
            (Some(timer), Some(idle)) => {
                let fired = next
                    .or(async {
                        (&mut *timer).await;
                        Some(None)
                    })
                    .await;
                if matches!(fired, Some(None)) && !jobs.is_closed() {
                    let idle_for = instance.idle_for();
                    if idle_for < idle {
                        // A request came meanwhile: wait out the rest.
                        timer.set_after(idle - idle_for);
                        continue;
                    }
                    timer.set_after(idle);
                }
                fired
            }
            _ => next.await,
        };
        let Some(job) = job else {
            // A limit discarded the context: a new instance takes over.
            retire(instance, "its context was discarded by a limit");
            break;
        };
        if !app.is_alive() {
            retire(instance, "its context was discarded by a limit");
            if let Some(job) = job {
                take(instance, &app, job, &running, &mut http, executor);
            }
            break;
        }
        let Some(job) = job else {
            // Closed (retired, removed, shut down), or idle long enough.
            let may_retire = || owner().is_none_or(|owner| owner.may_retire(instance));
            let serving = instance.serving.load(Acquire) > 0;
            if jobs.is_closed() || (!app.busy() && !serving && may_retire()) {
                break;
            }
            continue;
        };
        take(instance, &app, job, &running, &mut http, executor);
        if over_memory(instance) {
            break;
        }
    }
    instance.change_phase(Phase::Ready, Phase::Retiring);
    instance.close_queue();
    instance.uncount();
    if let Some(owner) = owner() {
        owner.remove(instance);
    }
    // Finish what is queued and in flight, the connections (they close
    // after their current request) and the waitUntil work (polled: this
    // runs once, at the end of an instance's life).
    loop {
        while let Ok(job) = jobs.try_recv() {
            take(instance, &app, job, &running, &mut http, executor);
        }
        // A dead context answers what it had at once (`fail_all`): its
        // jobs end quickly, and none is dropped unanswered.
        // Counted when taken, before its task first runs.
        let serving = instance.serving.load(Acquire) > 0;
        let done = running.get() == 0 && !serving && (!app.is_alive() || app.waiting() == 0);
        if done || instance.phase() == Phase::Abandoned {
            break;
        }
        smol::Timer::after(Duration::from_millis(20)).await;
    }
    HERE.with(|here| here.borrow_mut().take());
}

/// Starts work taken off the queue: a request runs as a task on the app
/// (or goes back to the pool if the context is gone), a connection is
/// served on this thread.
fn take(
    instance: &Arc<Instance>,
    app: &Rc<AppInstance>,
    job: Job,
    running: &Rc<std::cell::Cell<usize>>,
    http: &mut Option<Rc<Worker>>,
    executor: &Rc<smol::LocalExecutor<'static>>,
) {
    match job {
        Job::Request { request, reply, .. } if !app.is_alive() => {
            let _ = reply.try_send(Outcome::NotRun(request));
        }
        Job::Request {
            request,
            reply,
            gone,
        } => {
            running.set(running.get() + 1);
            let task = run_job(
                app.clone(),
                request,
                reply,
                gone,
                instance.clone(),
                running.clone(),
            );
            executor.spawn(task).detach();
        }
        Job::Connection(handoff) => serve_connection(instance, handoff, http, executor),
    }
}

/// Serves a connection handed to this thread, watched by the watchdog.
fn serve_connection(
    instance: &Arc<Instance>,
    handoff: Box<Handoff>,
    http: &mut Option<Rc<Worker>>,
    executor: &Rc<smol::LocalExecutor<'static>>,
) {
    let worker = http
        .get_or_insert_with(|| {
            Worker::for_instance(
                instance.id,
                handoff.shared.clone(),
                executor.clone(),
                instance.closing.1.clone(),
            )
        })
        .clone();
    let watched = Watched::new(&handoff.stream);
    instance.watch(&watched);
    let instance = instance.clone();
    instance.serving.fetch_add(1, AcqRel);
    executor
        .spawn(async move {
            worker::serve_handoff(worker, handoff, Some(watched)).await;
            instance.serving.fetch_sub(1, AcqRel);
        })
        .detach();
}

/// After a failed load: the connections handed over before the pool knew
/// are served until they close (their requests go to the pool), queued
/// requests go back to it.
async fn serve_leftovers(
    instance: &Arc<Instance>,
    jobs: Receiver<Job>,
    executor: &Rc<smol::LocalExecutor<'static>>,
) {
    instance.close_queue();
    let mut http = None;
    loop {
        while let Ok(job) = jobs.try_recv() {
            match job {
                Job::Request { request, reply, .. } => {
                    let _ = reply.try_send(Outcome::NotRun(request));
                }
                Job::Connection(handoff) => {
                    serve_connection(instance, handoff, &mut http, executor)
                }
            }
        }
        if instance.serving.load(Acquire) == 0 {
            return;
        }
        smol::Timer::after(Duration::from_millis(20)).await;
    }
}

/// Past `memory_mb` across requests: retires the instance (true).
fn over_memory(instance: &Instance) -> bool {
    let limit = i64::try_from(instance.memory_mb.saturating_mul(1 << 20)).unwrap_or(i64::MAX);
    let live = instance.heap_bytes.load(Relaxed) - instance.baseline_bytes.load(Relaxed);
    if live <= limit || instance.phase() != Phase::Ready {
        return false;
    }
    retire(
        instance,
        &format!(
            "it holds {} MB across requests, more than memory_mb ({} MB)",
            live >> 20,
            instance.memory_mb
        ),
    );
    super::metrics::memory_limit_kill(&instance.app);
    true
}

/// Runs one request on the app and answers it (unless the client left).
async fn run_job(
    app: Rc<AppInstance>,
    request: IncomingRequest,
    reply: Sender<Outcome>,
    gone: Receiver<()>,
    instance: Arc<Instance>,
    running: Rc<std::cell::Cell<usize>>,
) {
    if !app.is_alive() {
        let _ = reply.try_send(Outcome::NotRun(request));
        running.set(running.get() - 1);
        return;
    }
    let handled = async { Some(app.handle(request).await) }
        .or(async {
            let _ = gone.recv().await;
            None
        })
        .await;
    if let Some(result) = handled {
        let _ = reply.try_send(Outcome::Done(result));
    }
    running.set(running.get() - 1);
    after_request(
        &instance,
        running.get() == 0 && instance.in_flight.load(Acquire) == 0,
    );
}

/// After each request: publishes the thread's figures; after the first
/// one, once nothing else runs, gives back what it touched.
fn after_request(instance: &Instance, idle: bool) {
    // The first request touches what loading did not (the request and
    // response classes, the trampoline's frames): give that back once too.
    if idle && !instance.released.swap(true, Relaxed) {
        boa_gc::force_collect();
        release_unused_memory();
    }
    publish(instance);
}

/// A request counted in its instance's `in_flight` until dropped.
struct InFlight<'a>(&'a Instance);

impl InFlight<'_> {
    fn start(instance: &Instance) -> InFlight<'_> {
        instance.in_flight.fetch_add(1, AcqRel);
        InFlight(instance)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, AcqRel);
    }
}

thread_local! {
    /// The instance this thread runs, once loaded (none on other threads).
    static HERE: std::cell::RefCell<Option<Local>> = const { std::cell::RefCell::new(None) };
}

/// The instance of this thread, to run a request on directly.
#[derive(Clone)]
pub struct Local {
    instance: Arc<Instance>,
    app: Rc<AppInstance>,
}

/// Whether the connection of an answer going out on this (instance)
/// thread should close after it, to move to a less loaded instance.
pub fn shed_one() -> bool {
    HERE.with(|here| {
        here.borrow().as_ref().is_some_and(|local| {
            local
                .instance
                .shed
                .fetch_update(AcqRel, Acquire, |n| n.checked_sub(1))
                .is_ok()
        })
    })
}

/// This thread's instance, if it is one of `pool` and takes requests: a
/// request on a connection served here then runs here, with no hand-off.
pub fn here(pool: &Arc<Pool>) -> Option<Local> {
    HERE.with(|here| {
        let here = here.borrow();
        let local = here.as_ref()?;
        let mine = std::ptr::addr_eq(local.instance.owner.as_ptr(), Arc::as_ptr(pool));
        (mine && local.instance.phase() == Phase::Ready && local.app.is_alive())
            .then(|| local.clone())
    })
}

impl Local {
    /// Runs `request` on this thread's instance.
    pub async fn handle(self, request: IncomingRequest) -> Reply {
        let Local { instance, app } = self;
        instance.last_used_ms.store(now_ms(), Relaxed);
        // Dropped with this future too (the client left): never leaks.
        let flight = InFlight::start(&instance);
        let reply = app.handle(request).await;
        drop(flight);
        let idle = instance.in_flight.load(Acquire) == 0;
        instance.requests.fetch_add(1, Relaxed);
        after_request(&instance, idle);
        if over_memory(&instance) {
            // Retired: the connections close after this answer, and the
            // pool starts a fresh instance for what follows.
            instance.close_queue();
        }
        reply
    }
}

/// After a load and after the first request: gives back to the kernel the
/// stack pages they touched and no longer use (Boa's parser, compiler and
/// VM recurse deeply), since an instance may then sit idle for minutes and
/// a thousand of them add up. Measured with 1,000 hello apps: 176 KiB of
/// stack resident per thread before, about 70 KiB after (980 -> 880 KiB
/// per app). `malloc_trim` was tried too and gave nothing back.
fn release_unused_memory() {
    // The stack below the current frame is free; keep a margin for the
    // frames this function and its callers' next calls push.
    const MARGIN: usize = 64 << 10;
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; the
    // range given to madvise lies inside this thread's own stack mapping,
    // below the stack pointer by at least MARGIN (unused memory, which
    // MADV_DONTNEED turns back into zero pages on the next touch).
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut low: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            if libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0 {
                let page = 4096;
                let guard = 64 << 10; // past any guard page at the bottom
                let start = (low as usize + guard).div_ceil(page) * page;
                let end = (here.saturating_sub(MARGIN)) / page * page;
                if end > start {
                    libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
                }
            }
            libc::pthread_attr_destroy(&mut attr);
        }
    }
}

/// The thread's CPU time and live bytes, for the pool, metrics and limits.
fn publish(instance: &Instance) {
    /// CPU time is added to the app's metric in steps of at least this
    /// (a label lookup per request would cost more than it tells).
    const CPU_STEP_NS: u64 = 10_000_000;
    let shipped = instance.shipped.swap(0, Relaxed);
    alloc::transfer(-shipped);
    instance
        .heap_bytes
        .store(alloc::thread_net_bytes(), Relaxed);
    let cpu = clock::recent_thread_cpu_time().as_nanos() as u64;
    instance.cpu_ns.store(cpu, Relaxed);
    let reported = instance.cpu_reported_ns.load(Relaxed);
    if cpu >= reported + CPU_STEP_NS {
        instance.cpu_reported_ns.store(cpu, Relaxed);
        super::metrics::cpu(&instance.app, (cpu - reported) as f64 / 1e9);
    }
}

fn retire(instance: &Instance, why: &str) {
    tracing::info!(
        app = instance.app,
        instance = instance.id,
        "instance retired: {why}"
    );
    *instance
        .reason
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(why.to_string());
    instance.change_phase(Phase::Ready, Phase::Retiring);
}
