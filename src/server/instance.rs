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
use super::registry::AppStats;
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

/// A request handed to the instance thread.
struct Job {
    request: IncomingRequest,
    reply: Sender<Outcome>,
    /// Never sent on: its receive fails when the HTTP side drops the
    /// request (the client went away), which aborts the request's signal.
    gone: Receiver<()>,
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
    }

    /// Requests waiting on this instance give up (it was abandoned).
    pub fn end(&self) {
        self.ended.0.close();
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
        let job = Job {
            request,
            reply,
            gone,
        };
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(smol::channel::TrySendError::Full(_)) => return Ok(Err(AppError::Overloaded)),
            Err(smol::channel::TrySendError::Closed(job)) => return Err(job.request),
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
    let main = serve(&instance, &settings, jobs, &executor);
    // futures-lite's block_on parks the thread on its own; smol's would
    // make it drive the shared reactor (epoll) while idle, taking socket
    // events the HTTP threads then have to be woken for (perf showed it).
    // Timers and sockets of this thread are driven by the HTTP threads or
    // async-io's own thread. Spinning a little before parking, to spare
    // the wake-up per request, was tried and lost a quarter of hello's
    // throughput on 2 cores (the spin takes the core from the HTTP threads).
    futures_lite::future::block_on(executor.run(main));
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
        executor,
        Some(instance.heartbeat.clone()),
    );
    let app = match Busy::new(instance.heartbeat.clone(), load).await {
        Ok(app) => Rc::new(app),
        Err(error) => {
            if let Some(owner) = owner() {
                owner.loaded(instance, Err(error));
            }
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
    instance.change_phase(Phase::Starting, Phase::Ready);
    instance.count();
    if let Some(owner) = owner() {
        owner.loaded(instance, Ok(app.load_time));
    }
    let memory_limit =
        i64::try_from(settings.spec.limits.memory_mb.saturating_mul(1 << 20)).unwrap_or(i64::MAX);
    // What the thread held once loaded: the app's baseline is not counted
    // against memory_mb across requests (only what it keeps growing).
    let baseline = alloc::thread_net_bytes();
    // Jobs spawned and not finished (a spawned job may not have reached the
    // app yet, so the app's own count is not enough before the end).
    let running = Rc::new(std::cell::Cell::new(0usize));
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
                let _ = job.reply.try_send(Outcome::NotRun(job.request));
            }
            break;
        }
        let Some(job) = job else {
            // Closed (retired, removed, shut down), or idle long enough.
            let may_retire = || owner().is_none_or(|owner| owner.may_retire(instance));
            if jobs.is_closed() || (!app.busy() && may_retire()) {
                break;
            }
            continue;
        };
        running.set(running.get() + 1);
        executor
            .spawn(run_job(app.clone(), job, instance.clone(), running.clone()))
            .detach();
        let live = instance.heap_bytes.load(Relaxed) - baseline;
        if live > memory_limit {
            retire(
                instance,
                &format!(
                    "it holds {} MB across requests, more than memory_mb ({} MB)",
                    live >> 20,
                    settings.spec.limits.memory_mb
                ),
            );
            super::metrics::memory_limit_kill(&settings.spec.name);
            break;
        }
    }
    instance.change_phase(Phase::Ready, Phase::Retiring);
    instance.close_queue();
    instance.uncount();
    if let Some(owner) = owner() {
        owner.remove(instance);
    }
    // Finish what is queued and in flight, and the waitUntil work (polled:
    // this runs once, at the end of an instance's life).
    loop {
        while let Ok(job) = jobs.try_recv() {
            if app.is_alive() {
                running.set(running.get() + 1);
                executor
                    .spawn(run_job(app.clone(), job, instance.clone(), running.clone()))
                    .detach();
            } else {
                let _ = job.reply.try_send(Outcome::NotRun(job.request));
            }
        }
        // A dead context answers what it had at once (`fail_all`): its
        // jobs end quickly, and none is dropped unanswered.
        let done = running.get() == 0 && (!app.is_alive() || app.waiting() == 0);
        if done || instance.phase() == Phase::Abandoned {
            return;
        }
        smol::Timer::after(Duration::from_millis(20)).await;
    }
}

/// Runs one request on the app and answers it (unless the client left).
async fn run_job(
    app: Rc<AppInstance>,
    job: Job,
    instance: Arc<Instance>,
    running: Rc<std::cell::Cell<usize>>,
) {
    let Job {
        request,
        reply,
        gone,
    } = job;
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
    // The first request touches what loading did not (the request and
    // response classes, the trampoline's frames): give that back once too.
    if running.get() == 0 && !instance.released.swap(true, Relaxed) {
        boa_gc::force_collect();
        release_unused_memory();
    }
    publish(&instance);
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
    let cpu = clock::thread_cpu_time().as_nanos() as u64;
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
