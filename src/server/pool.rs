//! The instances of one app version, shared by every HTTP thread: which
//! instance gets a request, when one more starts, when one retires, and
//! the watchdog that abandons an instance whose thread is stuck.
//!
//! - **Pick**: an idle ready instance if there is one; otherwise the least
//!   loaded one, and if that one is running JavaScript right now (it is
//!   the bottleneck, not a fetch it waits for) and the app has fewer than
//!   `max_instances`, one more starts for the requests that follow. With
//!   no instance, the request waits for a cold start (one load, however
//!   many requests wait for it). A request therefore never makes a second
//!   instance just because it came in on another HTTP thread.
//! - **Scale to zero**: an instance idle for `idle_timeout_s` retires
//!   itself (`preload` keeps the last one).
//! - **Stuck instances**: the in-thread limits stop JavaScript (see
//!   `app`), but not a native built-in that runs for minutes (a regexp
//!   that backtracks, sorting 5e7 elements) or one huge allocation. The
//!   watchdog sees a poll that has run far past `timeout_ms`, or a thread
//!   asleep at its memory cap (`alloc::set_thread_cap`), and abandons the
//!   instance: its requests get 503, the pool forgets it (the next request
//!   starts a fresh one), and its thread is moved to `SCHED_IDLE`, so that
//!   it only runs on CPU time nobody else wants, until it ends on its own.
//!   Threads cannot be killed safely, so an app with `max_abandoned`
//!   (default 2) abandoned threads still running is answered 503 until one
//!   ends (bounding what one app can pin: CPU that nobody else wants, and
//!   at most its memory cap per thread).

use std::collections::HashMap;
use std::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use smol::channel::Sender;

use super::Shared;
use super::app::{AppBody, AppError, Reply};
use super::handoff::Handoff;
use super::instance::{self, Instance, Owner, Phase, Settings};
use super::metrics;
use super::registry::{AppEntry, AppStats};
use crate::web::fetch::IncomingRequest;

/// After a failed load, requests get 503 for this long before the app is
/// tried again (a fixed file comes as a new version, through hot reload or
/// the admin API's reload).
const RETRY_LOAD_AFTER: Duration = Duration::from_secs(2);

/// How often the watchdog looks.
const WATCHDOG_EVERY: Duration = Duration::from_millis(100);

/// The instances of one app version.
pub struct Pool {
    settings: Settings,
    stats: Arc<AppStats>,
    max_instances: usize,
    max_abandoned: usize,
    preload: bool,
    /// How long one poll of JavaScript may run before the thread counts as
    /// stuck in native code.
    stuck_after: Duration,
    memory_budget_mb: Option<u64>,
    inner: Mutex<Inner>,
    me: Weak<Pool>,
}

#[derive(Default)]
struct Inner {
    /// Starting and ready instances.
    instances: Vec<Arc<Instance>>,
    starting: usize,
    /// Requests waiting for a cold start.
    waiters: Vec<Sender<Result<(), String>>>,
    failed: Option<(String, Instant)>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("app", &self.settings.spec.name)
            .finish_non_exhaustive()
    }
}

impl Pool {
    pub fn new(entry: &AppEntry, shared: &Shared) -> Arc<Pool> {
        let spec = &entry.spec;
        let limits = &spec.limits;
        let timeout = Duration::from_millis(limits.timeout_ms);
        Arc::new_cyclic(|me| Pool {
            settings: Settings {
                spec: spec.clone(),
                net: super::registry::net_config(&shared.config, spec),
                scope: shared.registry.module_scope(spec),
                kv: shared.registry.kv_bindings(spec),
                version: entry.version,
                idle_timeout: (limits.idle_timeout_s > 0)
                    .then(|| Duration::from_secs(limits.idle_timeout_s)),
                stats: entry.stats.clone(),
            },
            stats: entry.stats.clone(),
            max_instances: limits.max_instances.max(1),
            max_abandoned: limits.max_abandoned,
            preload: limits.preload,
            // The in-thread limits act within timeout_ms (budget slices,
            // loop limits, the checkpoint limit); well past it, only native
            // code can be running.
            stuck_after: timeout + timeout.max(Duration::from_secs(1)),
            memory_budget_mb: shared.config.memory_budget_mb,
            inner: Mutex::default(),
            me: me.clone(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The instances (starting and ready).
    pub fn instances(&self) -> Vec<Arc<Instance>> {
        self.lock().instances.clone()
    }

    /// Starts one instance now if there is none (`preload`).
    pub fn prewarm(&self) {
        let mut inner = self.lock();
        if inner.instances.is_empty() {
            self.start(&mut inner);
        }
    }

    /// Answers `request` with an instance of the app.
    pub async fn dispatch(&self, mut request: IncomingRequest) -> Reply {
        // A pick may race with an instance retiring: it gives the request
        // back and another is picked.
        for _ in 0..4 {
            let instance = self.pick(Pick::Request).await?;
            let flight = Flight(instance.clone());
            match instance.handle(request).await {
                Ok(mut reply) => {
                    drop(flight);
                    count_stream(&mut reply, &instance);
                    if let Err(error) = &reply
                        && error.instance_gone()
                    {
                        self.forget(&instance);
                    }
                    return reply;
                }
                Err(back) => request = back,
            }
        }
        Err(AppError::Overloaded)
    }

    /// Hands a new connection to an instance of the app, which serves it
    /// on its own thread from then on (`handoff`). Gives it back when no
    /// instance can take it (the app is quarantined, its load failed, or
    /// its instances are full): served by the caller, its requests get
    /// the pool's answer for that.
    pub async fn adopt(&self, handoff: Box<Handoff>) -> Result<(), Box<Handoff>> {
        let mut handoff = handoff;
        for _ in 0..4 {
            let Ok(instance) = self.pick(Pick::Connection).await else {
                return Err(handoff);
            };
            // Picking counted a request in flight; a connection is not one.
            instance.in_flight.fetch_sub(1, AcqRel);
            match instance.adopt(handoff) {
                Ok(()) => return Ok(()),
                Err(back) => handoff = back,
            }
        }
        Err(handoff)
    }

    async fn pick(&self, what: Pick) -> Result<Arc<Instance>, AppError> {
        loop {
            let waiting = {
                let mut inner = self.lock();
                let stuck = self.stats.stuck_threads.load(Acquire);
                if stuck >= self.max_abandoned.max(1) {
                    return Err(AppError::Quarantined { stuck });
                }
                inner
                    .instances
                    .retain(|i| matches!(i.phase(), Phase::Starting | Phase::Ready));
                let ready = inner.instances.iter().filter(|i| i.phase() == Phase::Ready);
                let best = match what {
                    Pick::Request => ready.min_by_key(|i| i.in_flight.load(Acquire)),
                    Pick::Connection => {
                        ready.min_by_key(|i| (i.serving.load(Acquire), i.utilization.load(Relaxed)))
                    }
                }
                .cloned();
                match best {
                    Some(best) => {
                        let busy =
                            best.in_flight.load(Acquire) > 0 && best.heartbeat.busy_for().is_some();
                        if busy && inner.starting == 0 && inner.instances.len() < self.max_instances
                        {
                            self.start(&mut inner);
                        }
                        best.in_flight.fetch_add(1, AcqRel);
                        return Ok(best);
                    }
                    None => {
                        if inner.starting == 0 {
                            if let Some((error, at)) = &inner.failed
                                && at.elapsed() < RETRY_LOAD_AFTER
                            {
                                return Err(AppError::LoadFailed(error.clone()));
                            }
                            self.start(&mut inner);
                        }
                        let (tx, rx) = smol::channel::bounded(1);
                        inner.waiters.push(tx);
                        rx
                    }
                }
            };
            match waiting.recv().await {
                Ok(Ok(())) => continue,
                Ok(Err(error)) => return Err(AppError::LoadFailed(error)),
                Err(_) => return Err(AppError::LoadFailed("the instance did not start".into())),
            }
        }
    }

    /// Starts an instance thread (counted in `starting` until it loaded).
    fn start(&self, inner: &mut Inner) {
        let owner: Weak<dyn Owner> = self.me.clone();
        match instance::spawn(self.settings.clone(), owner, self.stuck_after) {
            Ok(instance) => {
                inner.starting += 1;
                inner.instances.push(instance);
            }
            Err(error) => {
                tracing::error!(app = self.settings.spec.name, "{error}");
                inner.failed = Some((error.clone(), Instant::now()));
                for waiter in inner.waiters.drain(..) {
                    let _ = waiter.try_send(Err(error.clone()));
                }
            }
        }
    }

    /// Drops `instance` from the pool (its context is gone).
    fn forget(&self, instance: &Arc<Instance>) {
        instance.close_queue();
        self.lock().instances.retain(|i| !Arc::ptr_eq(i, instance));
    }
}

impl Drop for Pool {
    /// The version is no longer served: its instances finish their work
    /// and end.
    fn drop(&mut self) {
        for instance in &self.lock().instances {
            instance.close_queue();
        }
    }
}

impl Owner for Pool {
    fn loaded(&self, instance: &Arc<Instance>, result: Result<Duration, String>) {
        let name = &self.settings.spec.name;
        let mut inner = self.lock();
        inner.starting = inner.starting.saturating_sub(1);
        match result {
            Ok(load_time) => {
                inner.failed = None;
                for waiter in inner.waiters.drain(..) {
                    let _ = waiter.try_send(Ok(()));
                }
                drop(inner);
                *self
                    .stats
                    .error
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
                metrics::cold_start(name);
                tracing::info!(
                    app = name,
                    version = self.settings.version,
                    instance = instance.id,
                    cold_start_ms = load_time.as_secs_f64() * 1000.0,
                    "app loaded"
                );
                self.evict_if_over_budget(instance);
            }
            Err(error) => {
                tracing::error!(app = name, "the app failed to load: {error}");
                inner.failed = Some((error.clone(), Instant::now()));
                inner.instances.retain(|i| !Arc::ptr_eq(i, instance));
                for waiter in inner.waiters.drain(..) {
                    let _ = waiter.try_send(Err(error.clone()));
                }
                *self
                    .stats
                    .error
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(error);
            }
        }
    }

    /// Connections stay on the instance they were handed to, so load
    /// moves only when clients reconnect: when every ready instance is
    /// loaded, one more starts (up to `max_instances`); when one is loaded
    /// and another is not, the loaded one closes some of its connections
    /// after their next answer, and their clients' new connections go to
    /// the one serving fewest.
    fn balance(&self) {
        let mut inner = self.lock();
        let ready: Vec<Arc<Instance>> = inner
            .instances
            .iter()
            .filter(|i| i.phase() == Phase::Ready)
            .cloned()
            .collect();
        if ready.is_empty() {
            return;
        }
        let load = |i: &Arc<Instance>| i.utilization.load(Relaxed);
        let serving = |i: &Arc<Instance>| i.serving.load(Acquire);
        if ready.iter().all(|i| load(i) >= HOT && serving(i) > 1)
            && inner.starting == 0
            && inner.instances.len() < self.max_instances
        {
            self.start(&mut inner);
            return;
        }
        let Some(cool) = ready
            .iter()
            .filter(|i| load(i) < COOL)
            .min_by_key(|i| serving(i))
        else {
            return;
        };
        for hot in ready.iter().filter(|i| load(i) >= HOT) {
            let surplus = serving(hot).saturating_sub(serving(cool)) / 2;
            if surplus > 0 && hot.shed.load(Acquire) == 0 {
                hot.shed.store(surplus, Release);
            }
        }
    }

    fn may_retire(&self, instance: &Arc<Instance>) -> bool {
        let mut inner = self.lock();
        let ready = inner
            .instances
            .iter()
            .filter(|i| i.phase() == Phase::Ready)
            .count();
        if instance.in_flight.load(Acquire) > 0 || (self.preload && ready <= 1) {
            return false;
        }
        if !instance.change_phase(Phase::Ready, Phase::Retiring) {
            return false;
        }
        inner.instances.retain(|i| !Arc::ptr_eq(i, instance));
        tracing::info!(
            app = self.settings.spec.name,
            instance = instance.id,
            idle_s = instance.idle_for().as_secs(),
            "instance retired: idle (idle_timeout_s)"
        );
        true
    }

    fn remove(&self, instance: &Arc<Instance>) {
        self.lock().instances.retain(|i| !Arc::ptr_eq(i, instance));
    }
}

impl Pool {
    /// Under `memory_budget_mb`: when the process's resident memory is over
    /// the budget after a load, the least recently used idle instance of
    /// any app (not `keep`) retires; its app's next request starts a new
    /// one. One per load, so that a burst of cold starts trims as it grows.
    fn evict_if_over_budget(&self, keep: &Arc<Instance>) {
        let Some(budget_mb) = self.memory_budget_mb else {
            return;
        };
        let Some(resident) = resident_bytes() else {
            return;
        };
        if resident <= budget_mb.saturating_mul(1024 * 1024) {
            return;
        }
        let victim = instance::all()
            .into_iter()
            .filter(|i| !Arc::ptr_eq(i, keep) && i.phase() == Phase::Ready && !i.busy())
            .max_by_key(|i| i.idle_for());
        if let Some(victim) = victim
            && victim.change_phase(Phase::Ready, Phase::Retiring)
        {
            victim.close_queue();
            metrics::eviction(&victim.app);
            tracing::info!(
                app = victim.app,
                instance = victim.id,
                resident_mb = resident / (1024 * 1024),
                budget_mb,
                "app evicted (memory budget)"
            );
        }
    }
}

/// A streamed body's chunks are freed by the HTTP side: each is moved out
/// of the instance's count as it goes.
fn count_stream(reply: &mut Reply, instance: &Arc<Instance>) {
    if let Ok(response) = reply
        && let AppBody::Stream { chunks, .. } = &mut response.body
    {
        let instance = instance.clone();
        let inner = std::mem::replace(chunks, Box::pin(futures_lite::stream::empty()));
        *chunks = Box::pin(futures_lite::StreamExt::inspect(inner, move |chunk| {
            if let Ok(bytes) = chunk {
                instance.shipped_chunk(bytes.len());
            }
        }));
    }
}

/// What a pick is for.
#[derive(Clone, Copy)]
enum Pick {
    /// One request: the instance with the fewest in flight.
    Request,
    /// A connection: the instance serving the fewest.
    Connection,
}

/// An instance at least this busy (thousandths of the watchdog's period
/// on the CPU) is loaded: when all are, one more starts; its connections
/// move to one below [`COOL`].
const HOT: u64 = 800;
const COOL: u64 = 500;

/// Counts a request in its instance's `in_flight` until dropped.
struct Flight(Arc<Instance>);

impl Drop for Flight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, AcqRel);
    }
}

/// Resident memory of the process (Linux: `VmRSS` in `/proc/self/status`,
/// in kB whatever the page size); `None` where that is not available.
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Starts the watchdog thread (once per process).
pub fn start_watchdog() -> Result<(), String> {
    std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(|| {
            let mut last_look = Instant::now();
            loop {
                std::thread::sleep(WATCHDOG_EVERY);
                let now = Instant::now();
                let period = now.duration_since(last_look).as_nanos().max(1) as u64;
                last_look = now;
                // Pools with a loaded instance: only they may need to
                // balance (the rest cost nothing per look, at any number
                // of apps).
                let mut owners: HashMap<usize, Arc<dyn Owner>> = HashMap::new();
                for instance in instance::all() {
                    check(&instance);
                    let cpu = instance.cpu_ns.load(Relaxed);
                    let before = instance.cpu_seen_ns.swap(cpu, Relaxed);
                    let share =
                        (cpu.saturating_sub(before).saturating_mul(1000) / period).min(1000);
                    instance.utilization.store(share, Relaxed);
                    if share >= HOT
                        && let Some(owner) = instance.owner.upgrade()
                    {
                        owners.insert(Arc::as_ptr(&owner).cast::<()>() as usize, owner);
                    }
                }
                for owner in owners.into_values() {
                    owner.balance();
                }
            }
        })
        .map(drop)
        .map_err(|e| format!("cannot start the watchdog thread: {e}"))
}

/// Abandons `instance` if its thread is stuck or at its memory cap.
fn check(instance: &Arc<Instance>) {
    if !matches!(
        instance.phase(),
        Phase::Starting | Phase::Ready | Phase::Retiring
    ) {
        return;
    }
    let why = if instance.at_cap.load(Acquire) {
        format!(
            "its thread reached its memory cap (2 x memory_mb ({} MB) + 64 MB) inside one call",
            instance.memory_mb
        )
    } else {
        match instance.heartbeat.busy_for() {
            Some(busy) if busy > instance.stuck_after => format!(
                "one call has run for {:.1} s without returning (timeout_ms is {} ms): \
                 a native built-in that cannot be interrupted",
                busy.as_secs_f64(),
                instance.timeout_ms
            ),
            _ => return,
        }
    };
    abandon(instance, &why);
}

fn abandon(instance: &Arc<Instance>, why: &str) {
    let previous = instance.phase();
    if !instance.change_phase(previous, Phase::Abandoned) {
        return;
    }
    *instance
        .reason
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(why.to_string());
    instance.stats.stuck_threads.fetch_add(1, AcqRel);
    instance.stats.abandoned.fetch_add(1, Relaxed);
    instance.uncount();
    metrics::abandoned(&instance.app);
    instance.close_queue();
    instance.end();
    instance.fail_held_work();
    if let Some(owner) = instance.owner.upgrade() {
        owner.remove(instance);
    }
    let idle = lower_priority(instance.tid());
    tracing::error!(
        app = instance.app,
        instance = instance.id,
        stuck = instance.stats.stuck_threads.load(Acquire),
        sched_idle = idle,
        "instance abandoned: {why}; its requests got 503 and a new instance takes over"
    );
}

/// Moves thread `tid` to `SCHED_IDLE`: it runs only when no other thread
/// wants the CPU. Returns whether that worked.
fn lower_priority(tid: i32) -> bool {
    if tid == 0 {
        return false;
    }
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: a plain system call on a thread id of this process with a
    // valid parameter struct; it touches no memory of ours but `param`.
    unsafe { libc::sched_setscheduler(tid, libc::SCHED_IDLE, &param) == 0 }
}
