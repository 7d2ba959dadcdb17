//! The one event loop of a context.
//!
//! Boa hands every job it creates (promise reactions, module loading
//! futures, timers) to the context's [`JobExecutor`]. [`EventLoop`] is that
//! executor. It owns a `smol::LocalExecutor` on which native I/O tasks run
//! (fetch, later the server's sockets): such a task produces a value off the
//! JavaScript thread's critical path and hands back a *completion*, a closure
//! that turns the value into promise resolutions on the context.
//!
//! One pass of [`EventLoop::run`] does, in order:
//! 1. drain microtasks (promise jobs) to empty;
//! 2. fire due timers in deadline order (ties in creation order), draining
//!    microtasks after each callback (HTML "perform a microtask checkpoint");
//! 3. run ready native work: Boa async jobs and completions of native tasks,
//!    each followed by a microtask checkpoint;
//! 4. when nothing is ready, park on the async-io reactor until the next timer
//!    deadline, an I/O completion or an async job wakes it. There is no busy
//!    polling and no fixed sleep.
//!
//! The loop returns when no work is left: no timers (but unref'd ones, see
//! `timers.rs`), no pending native tasks and no async jobs, as node does.
//!
//! Two additions serve the server's per-request limits (`server::app`):
//! - a *tag* (an AsyncContext-like value, the server's request id) is
//!   captured when a job, timer or native task is queued and restored while
//!   it runs, so that work caused by a request (code after an `await`, a
//!   timer it set, a fetch completion) is attributed to it;
//! - *async completions* ([`EventLoop::post_async`]): a future that holds
//!   the context for as long as it runs (the server's budgeted evaluation
//!   of a handler, which yields to the thread's executor between slices).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::OperationType;
use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsError, JsObject, JsResult, JsValue, js_string};

use super::api_hooks::RejectionEvent;
use futures_concurrency::future::FutureGroup;
use futures_lite::{FutureExt, StreamExt, future};
use smol::channel::{Receiver, Sender};

use super::errors::handled;
use super::timers::{TimerCallback, TimerQueue};

/// A closure produced by a finished native task; it runs on the context.
pub type Completion = Box<dyn FnOnce(&mut Context) -> JsResult<()>>;

/// Work that needs the context across await points (see the module docs).
/// While its future runs nothing else runs on this context.
pub type AsyncCompletion =
    Box<dyn for<'a> FnOnce(&'a mut Context) -> Pin<Box<dyn Future<Output = JsResult<()>> + 'a>>>;

/// Called after each job, timer or native completion ran, with its tag,
/// the net bytes the thread allocated while it ran (`runtime::alloc`) and
/// the wall time it took (an upper bound of its CPU time: confirm with
/// `runtime::clock` before acting on it); an `Err` stops the loop like an
/// uncaught error.
pub type RunObserver = Rc<dyn Fn(u64, i64, Duration) -> JsResult<()>>;

/// The tag of work not caused by any tagged work (module code, the REPL).
pub const NO_TAG: u64 = 0;

/// Why the loop stopped before running out of work.
#[derive(Debug)]
pub enum LoopError {
    /// A callback (timer, microtask, completion) threw and nothing caught it.
    Uncaught(JsError),
    /// A promise was rejected and no handler was attached by the end of the
    /// microtask checkpoint that followed (node's and deno's default policy).
    UnhandledRejection(JsValue),
}

impl From<JsError> for LoopError {
    fn from(err: JsError) -> Self {
        LoopError::Uncaught(err)
    }
}

/// The job executor of one context. See the module docs.
pub struct EventLoop {
    executor: smol::LocalExecutor<'static>,
    microtasks: RefCell<VecDeque<(u64, PromiseJob)>>,
    generic_jobs: RefCell<VecDeque<(u64, GenericJob)>>,
    async_jobs: RefCell<Vec<NativeAsyncJob>>,
    /// Async completions waiting for their turn ([`EventLoop::post_async`]).
    budgeted: RefCell<VecDeque<(u64, AsyncCompletion)>>,
    /// The tag of the work running now (see the module docs).
    current_tag: Cell<u64>,
    observer: RefCell<Option<RunObserver>>,
    /// Longest a microtask checkpoint may run (see `overran`).
    checkpoint_limit: Cell<Option<Duration>>,
    /// Set when a checkpoint ran past `checkpoint_limit`.
    overran: Cell<bool>,
    timers: RefCell<TimerQueue>,
    completion_tx: Sender<Completion>,
    completion_rx: Receiver<Completion>,
    /// Native tasks spawned and not yet completed: they keep the loop alive.
    pending_tasks: Rc<Cell<usize>>,
    /// Rejected promises without a handler, in rejection order
    /// (HostPromiseRejectionTracker, ECMA-262 §27.2.1.9).
    unhandled_rejections: RefCell<Vec<JsObject>>,
    /// Rejections an `unhandledrejection` listener handled (canceled): a
    /// handler attached later fires `rejectionhandled` (HTML §8.1.4.8's
    /// "outstanding rejected promises weak set"; held strongly here).
    reported_rejections: RefCell<Vec<JsObject>>,
    /// Promises of `rejectionhandled` events to fire at the next
    /// checkpoint's end.
    rejections_handled: RefCell<Vec<JsObject>>,
    /// Rejections no `unhandledrejection` listener handled, kept for an
    /// embedder that reports them itself (see `fail_on_unhandled_rejection`).
    left_unhandled: RefCell<Vec<JsObject>>,
    /// Whether unhandled rejections stop the loop (on for `run`, off where
    /// the embedder reports them itself, e.g. the REPL).
    fail_on_unhandled_rejection: Cell<bool>,
    /// An error raised outside any callback's return path (a module whose
    /// evaluation rejected) that stops the loop at the next checkpoint.
    fatal: RefCell<Option<LoopError>>,
    /// Whether the loop parks instead of returning when it runs out of
    /// work: a server app waits for requests that [`EventLoop::post`] brings.
    keep_alive: Cell<bool>,
    /// The AsyncLocalStorage frame of the code running now.
    async_context: super::async_context::AsyncContext,
}

impl std::fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventLoop")
            .field("microtasks", &self.microtasks.borrow().len())
            .field("timers", &self.timers.borrow().len())
            .field("pending_tasks", &self.pending_tasks.get())
            .finish_non_exhaustive()
    }
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}

impl EventLoop {
    pub fn new() -> Self {
        let (completion_tx, completion_rx) = smol::channel::unbounded();
        Self {
            executor: smol::LocalExecutor::new(),
            microtasks: RefCell::default(),
            generic_jobs: RefCell::default(),
            async_jobs: RefCell::default(),
            budgeted: RefCell::default(),
            current_tag: Cell::new(NO_TAG),
            observer: RefCell::new(None),
            checkpoint_limit: Cell::new(None),
            overran: Cell::new(false),
            timers: RefCell::default(),
            completion_tx,
            completion_rx,
            pending_tasks: Rc::new(Cell::new(0)),
            unhandled_rejections: RefCell::default(),
            reported_rejections: RefCell::default(),
            rejections_handled: RefCell::default(),
            left_unhandled: RefCell::default(),
            fail_on_unhandled_rejection: Cell::new(true),
            fatal: RefCell::new(None),
            keep_alive: Cell::new(false),
            async_context: super::async_context::AsyncContext::default(),
        }
    }

    /// The async context (AsyncLocalStorage) of the code running now.
    pub fn async_context(&self) -> &super::async_context::AsyncContext {
        &self.async_context
    }

    /// See the `keep_alive` field. Turning it off wakes a parked loop so
    /// that it can return.
    pub fn set_keep_alive(&self, on: bool) {
        self.keep_alive.set(on);
        if !on {
            self.post(Box::new(|_| Ok(())));
        }
    }

    /// Runs `completion` on the context from the loop, as if a native task
    /// had finished with it: how a server hands a request to its app's
    /// context. Returns false when the loop is gone.
    pub fn post(&self, completion: Completion) -> bool {
        self.pending_tasks.set(self.pending_tasks.get() + 1);
        if self.completion_tx.try_send(completion).is_err() {
            self.pending_tasks.set(self.pending_tasks.get() - 1);
            return false;
        }
        true
    }

    /// Runs `work` on the context from the loop with `tag` as the current
    /// tag; nothing else runs on the context until its future completes
    /// (other tasks of the thread do run whenever it yields). Returns
    /// false when the loop is gone.
    pub fn post_async(&self, tag: u64, work: AsyncCompletion) -> bool {
        self.budgeted.borrow_mut().push_back((tag, work));
        // An empty completion wakes a parked loop.
        if self.post(Box::new(|_| Ok(()))) {
            return true;
        }
        self.budgeted.borrow_mut().pop_back();
        false
    }

    /// The tag of the work running now ([`NO_TAG`] outside tagged work).
    /// After a callback failed, the tag of the failed callback.
    pub fn current_tag(&self) -> u64 {
        self.current_tag.get()
    }

    /// Sets the current tag (work queued from now on captures it).
    pub fn set_current_tag(&self, tag: u64) {
        self.current_tag.set(tag);
    }

    /// Runs `f` with `tag` current. On success the previous tag comes back;
    /// on failure `tag` stays, so that the loop's caller can tell whose
    /// work failed ([`EventLoop::current_tag`]).
    fn with_tag<T>(&self, tag: u64, f: impl FnOnce() -> JsResult<T>) -> JsResult<T> {
        let previous = self.current_tag.replace(tag);
        let observer = self.observer.borrow().clone();
        let Some(observer) = observer else {
            let result = f();
            if result.is_ok() {
                self.current_tag.set(previous);
            }
            return result;
        };
        let before = super::alloc::thread_net_bytes();
        // Wall time of the run (the cheap clock); the observer confirms
        // with the thread's CPU clock before it acts on a limit.
        let started = Instant::now();
        let result = f();
        let grown = super::alloc::thread_net_bytes() - before;
        observer(tag, grown, started.elapsed())?;
        if result.is_ok() {
            self.current_tag.set(previous);
        }
        result
    }

    /// Stops the loop (an error, and [`EventLoop::overran`] true) when one
    /// microtask checkpoint runs longer than `limit`: promise jobs that keep
    /// queueing promise jobs would otherwise never let the loop yield.
    pub fn set_checkpoint_limit(&self, limit: Duration) {
        self.checkpoint_limit.set(Some(limit));
    }

    /// Whether a checkpoint overran its limit (the loop's context should be
    /// discarded: its queue still holds the runaway jobs).
    pub fn overran(&self) -> bool {
        self.overran.get()
    }

    /// Installs the observer of runs (see [`RunObserver`]).
    pub fn set_run_observer(&self, observer: RunObserver) {
        *self.observer.borrow_mut() = Some(observer);
    }

    /// The event loop installed in `context`, if it is ours.
    pub fn of(context: &Context) -> Option<Rc<EventLoop>> {
        context.downcast_job_executor::<EventLoop>()
    }

    /// Runs the engine's module-loading jobs queued so far, and those they
    /// queue, to the end, now: `require()` of an ES module loads its graph
    /// synchronously, as node does. Only module loading queues async jobs,
    /// and this runtime's loader never waits (it reads files), so each job
    /// finishes when first polled; one that would wait is an error.
    pub fn run_module_jobs_now(&self, context: &mut Context) -> JsResult<()> {
        loop {
            let jobs = std::mem::take(&mut *self.async_jobs.borrow_mut());
            if jobs.is_empty() {
                return Ok(());
            }
            for job in jobs {
                let cell = RefCell::new(&mut *context);
                let mut run = std::pin::pin!(job.call(&cell));
                match future::block_on(future::poll_once(&mut run)) {
                    Some(result) => {
                        result?;
                    }
                    None => {
                        return Err(boa_engine::JsNativeError::typ()
                            .with_message("internal: a module load waited during require()")
                            .into());
                    }
                }
            }
        }
    }

    /// Stops the loop with `error` at the next microtask checkpoint (the
    /// first error wins).
    pub fn fail(&self, error: LoopError) {
        let mut fatal = self.fatal.borrow_mut();
        if fatal.is_none() {
            *fatal = Some(error);
        }
    }

    /// Whether [`EventLoop::fail`] was called and the loop has not stopped
    /// with it yet.
    pub fn has_failed(&self) -> bool {
        self.fatal.borrow().is_some()
    }

    /// Takes the error [`EventLoop::fail`] recorded, if any.
    pub fn take_failure(&self) -> Option<LoopError> {
        self.fatal.borrow_mut().take()
    }

    pub fn set_fail_on_unhandled_rejection(&self, fail: bool) {
        self.fail_on_unhandled_rejection.set(fail);
    }

    /// The timer queue (used by the timers globals).
    pub(crate) fn timers(&self) -> &RefCell<TimerQueue> {
        // Timers set from now on belong to the current tag.
        self.timers.borrow_mut().tag = self.current_tag.get();
        &self.timers
    }

    /// Spawns `task` on this loop's executor. When it finishes, `complete`
    /// runs on the context with its output (typically resolving a promise).
    /// The loop stays alive while the task is pending.
    ///
    /// The task itself must not touch the context: it owns its data, does
    /// its I/O on the reactor and returns plain Rust values.
    pub fn spawn_native<T, F, C>(&self, task: F, complete: C)
    where
        T: 'static,
        F: Future<Output = T> + 'static,
        C: FnOnce(T, &mut Context) -> JsResult<()> + 'static,
    {
        let tx = self.completion_tx.clone();
        self.pending_tasks.set(self.pending_tasks.get() + 1);
        let tag = self.current_tag.get();
        let frame = self.async_context.current();
        self.executor
            .spawn(async move {
                let value = task.await;
                let completion: Completion = Box::new(move |cx| {
                    let event_loop = EventLoop::of(cx);
                    match event_loop {
                        Some(event_loop) => event_loop.with_tag(tag, || {
                            event_loop
                                .async_context
                                .run_in(frame, || complete(value, cx))
                        }),
                        None => complete(value, cx),
                    }
                });
                // The receiver lives as long as the loop, which owns this
                // executor; a failed send means the loop is gone.
                let _ = tx.send(completion).await;
            })
            .detach();
    }

    /// Whether anything could still run: the loop's liveness test.
    fn has_pending_work(&self, group_len: usize) -> bool {
        !self.microtasks.borrow().is_empty()
            || !self.generic_jobs.borrow().is_empty()
            || !self.async_jobs.borrow().is_empty()
            || !self.budgeted.borrow().is_empty()
            || self.timers.borrow().keeps_alive()
            || self.pending_tasks.get() > 0
            || self.keep_alive.get()
            || group_len > 0
    }

    /// Records a rejection without a handler, or forgets it once a handler is
    /// attached.
    pub(crate) fn track_rejection(&self, promise: &JsObject, operation: OperationType) {
        let mut list = self.unhandled_rejections.borrow_mut();
        match operation {
            OperationType::Reject => list.push(promise.clone()),
            OperationType::Handle => {
                list.retain(|p| !JsObject::equals(p, promise));
                self.left_unhandled
                    .borrow_mut()
                    .retain(|p| !JsObject::equals(p, promise));
                // HTML §8.1.4.8 "handle": a rejection already reported
                // gets its `rejectionhandled` event, fired as a task.
                let mut reported = self.reported_rejections.borrow_mut();
                if let Some(i) = reported.iter().position(|p| JsObject::equals(p, promise)) {
                    let promise = reported.swap_remove(i);
                    self.rejections_handled.borrow_mut().push(promise);
                }
            }
        }
    }

    /// Runs promise jobs until the queue is empty (a microtask checkpoint),
    /// then reports the first rejection still unhandled.
    pub fn run_microtasks(&self, cx: &mut Context) -> Result<(), LoopError> {
        let limit = self.checkpoint_limit.get();
        // Past the limit in wall time, the thread's CPU time (one app
        // instance's own, in `serve`) decides: time other threads took the
        // core does not count. The CPU clock is a system call, so the start
        // is a recent reading and it is read again only when the cheap clock
        // says so.
        let started = limit.map(|_| (Instant::now(), super::clock::recent_thread_cpu_time()));
        loop {
            if let (Some(limit), Some((wall, cpu))) = (limit, started)
                && wall.elapsed() > limit
                && super::clock::thread_cpu_time() - cpu > limit
            {
                self.overran.set(true);
                return Err(LoopError::Uncaught(JsError::from_opaque(
                    js_string!("a microtask checkpoint ran too long").into(),
                )));
            }
            let job = self.microtasks.borrow_mut().pop_front();
            if let Some((tag, job)) = job {
                self.with_tag(tag, || handled(job.call(cx), cx))?;
                continue;
            }
            let job = self.generic_jobs.borrow_mut().pop_front();
            if let Some((tag, job)) = job {
                self.with_tag(tag, || handled(job.call(cx), cx))?;
                continue;
            }
            break;
        }
        cx.clear_kept_objects();
        if let Some(error) = self.fatal.borrow_mut().take() {
            return Err(error);
        }
        self.fire_rejections_handled(cx);
        self.check_unhandled_rejections(cx)?;
        // Listeners of those events may have failed the loop.
        match self.fatal.borrow_mut().take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// HTML §8.1.4.8 "notify about rejected promises": each rejection still
    /// without a handler fires a cancelable `unhandledrejection` at the
    /// global object; one that no listener canceled stops the loop (deno's
    /// behaviour; node's default too), or, where the embedder reports
    /// rejections itself, waits for [`EventLoop::take_unhandled_rejections`].
    fn check_unhandled_rejections(&self, cx: &mut Context) -> Result<(), LoopError> {
        loop {
            let next = {
                let mut list = self.unhandled_rejections.borrow_mut();
                if list.is_empty() {
                    return Ok(());
                }
                list.remove(0)
            };
            let reason = rejection_reason(&next);
            if super::api_hooks::report_rejection(cx, RejectionEvent::Unhandled, &next, &reason) {
                self.reported_rejections.borrow_mut().push(next);
                continue;
            }
            if !self.fail_on_unhandled_rejection.get() {
                self.left_unhandled.borrow_mut().push(next);
                continue;
            }
            return Err(LoopError::UnhandledRejection(reason));
        }
    }

    /// Fires `rejectionhandled` for each reported rejection that got a
    /// handler since the last checkpoint.
    fn fire_rejections_handled(&self, cx: &mut Context) {
        let promises = std::mem::take(&mut *self.rejections_handled.borrow_mut());
        for promise in promises {
            let reason = rejection_reason(&promise);
            super::api_hooks::report_rejection(cx, RejectionEvent::Handled, &promise, &reason);
        }
    }

    /// Takes the rejections still unhandled (for embedders that report them
    /// themselves, such as the REPL).
    /// Each is first offered to the global `unhandledrejection` listeners;
    /// the ones they handled are not returned.
    pub fn take_unhandled_rejections(&self, cx: &mut Context) -> Vec<JsObject> {
        let mut taken = std::mem::take(&mut *self.left_unhandled.borrow_mut());
        let pending = std::mem::take(&mut *self.unhandled_rejections.borrow_mut());
        for promise in pending {
            let reason = rejection_reason(&promise);
            if super::api_hooks::report_rejection(cx, RejectionEvent::Unhandled, &promise, &reason)
            {
                self.reported_rejections.borrow_mut().push(promise);
            } else {
                taken.push(promise);
            }
        }
        taken
    }

    /// Fires every timer due now, in deadline order; timers created while
    /// firing wait for the next pass. Returns whether any fired.
    fn fire_due_timers(&self, cx: &mut Context) -> Result<bool, LoopError> {
        let now = Instant::now();
        let barrier = self.timers.borrow().next_sequence();
        let mut fired = false;
        loop {
            let due = self.timers.borrow_mut().pop_due(now, barrier);
            let Some(timer) = due else { break };
            fired = true;
            self.with_tag(timer.tag, || {
                match timer.callback {
                    TimerCallback::Js {
                        function,
                        args,
                        frame,
                    } => {
                        let this = JsValue::from(cx.global_object());
                        let result = self.async_context.run_in(frame.clone(), || {
                            handled(function.call(&this, &args, cx), cx)
                        });
                        // An interval is rescheduled after its callback unless the
                        // callback cleared it (HTML timer initialization steps).
                        if let Some(period) = timer.repeat {
                            self.timers().borrow_mut().reschedule(
                                timer.id,
                                period,
                                TimerCallback::Js {
                                    function,
                                    args,
                                    frame,
                                },
                            );
                        }
                        result?;
                    }
                    TimerCallback::BoaTimeout(job) => {
                        if !job.cancelled() {
                            handled(job.call(cx), cx)?;
                        }
                    }
                    TimerCallback::BoaInterval(job) => {
                        if !job.cancelled() {
                            let result = handled(job.call(cx), cx);
                            if let Some(period) = timer.repeat {
                                self.timers().borrow_mut().reschedule(
                                    timer.id,
                                    period,
                                    TimerCallback::BoaInterval(job),
                                );
                            }
                            result?;
                        }
                    }
                }
                Ok(())
            })?;
            self.run_microtasks(cx)?;
        }
        Ok(fired)
    }

    /// Runs completions of native tasks that are already queued.
    fn run_completions(&self, cx: &mut Context) -> Result<bool, LoopError> {
        let mut ran = false;
        while let Ok(completion) = self.completion_rx.try_recv() {
            ran = true;
            self.pending_tasks.set(self.pending_tasks.get() - 1);
            completion(cx)?;
            self.run_microtasks(cx)?;
        }
        Ok(ran)
    }

    /// Runs the loop until no work is left or a callback fails.
    pub async fn run(&self, cx: &RefCell<&mut Context>) -> Result<(), LoopError> {
        let mut group = FutureGroup::new();
        loop {
            self.run_microtasks(&mut cx.borrow_mut())?;

            for job in std::mem::take(&mut *self.async_jobs.borrow_mut()) {
                group.insert(job.call(cx));
            }
            // Async jobs that finish without waiting finish now.
            while let Some(Some(result)) = future::poll_once(group.next()).await {
                result?;
                self.run_microtasks(&mut cx.borrow_mut())?;
            }

            let fired = self.fire_due_timers(&mut cx.borrow_mut())?;
            let completed = self.run_completions(&mut cx.borrow_mut())?;
            let work = self.budgeted.borrow_mut().pop_front();
            if let Some((tag, work)) = work {
                let previous = self.current_tag.replace(tag);
                run_owning(cx, work).await?;
                self.current_tag.set(previous);
                self.run_microtasks(&mut cx.borrow_mut())?;
                continue;
            }
            // Give ready native tasks a turn without blocking.
            let mut ticked = false;
            while self.executor.try_tick() {
                ticked = true;
            }
            if fired || completed || ticked {
                continue;
            }
            if !self.has_pending_work(group.len()) {
                return Ok(());
            }
            if !self.microtasks.borrow().is_empty() || !self.async_jobs.borrow().is_empty() {
                continue;
            }

            // Park until a timer is due, a native task completes or an async
            // job makes progress. `executor.run` drives native tasks while
            // we wait; the async-io reactor does the sleeping.
            let deadline = self.timers.borrow().next_deadline();
            let timer = async move {
                match deadline {
                    Some(at) => {
                        smol::Timer::at(at).await;
                    }
                    None => future::pending::<()>().await,
                }
                Wake::Timer
            };
            let completion = async {
                match self.completion_rx.recv().await {
                    Ok(completion) => Wake::Completion(completion),
                    Err(_) => future::pending().await,
                }
            };
            let async_job = async {
                if group.is_empty() {
                    future::pending().await
                } else {
                    Wake::AsyncJob(group.next().await)
                }
            };
            // Native tasks run one per poll while we wait (`tick`, then a
            // yield so that the wake-ups are looked at between tasks).
            // `executor.run` would do the same but sets up a runner with
            // its own task queue on every call: one per parked loop, which
            // was 4% of a served request's instructions.
            let drive = async {
                loop {
                    self.executor.tick().await;
                    future::yield_now().await;
                }
            };
            let wake = timer.or(completion).or(async_job).or(drive).await;
            match wake {
                Wake::Timer => {}
                Wake::Completion(completion) => {
                    self.pending_tasks.set(self.pending_tasks.get() - 1);
                    completion(&mut cx.borrow_mut())?;
                }
                Wake::AsyncJob(Some(result)) => {
                    result?;
                }
                Wake::AsyncJob(None) => {}
            }
        }
    }

    /// Runs the loop to the end on this thread (the blocking entry point).
    pub fn run_to_end(&self, cx: &mut Context) -> Result<(), LoopError> {
        smol::block_on(self.run(&RefCell::new(cx)))
    }
}

/// The reason of a rejected promise (undefined for any other object).
fn rejection_reason(promise: &JsObject) -> JsValue {
    JsPromise::from_object(promise.clone())
        .ok()
        .and_then(|p| match p.state() {
            boa_engine::builtins::promise::PromiseState::Rejected(v) => Some(v),
            _ => None,
        })
        .unwrap_or_default()
}

/// Runs async-completion `work`, the context borrowed across its yields
/// on purpose: the work owns the context until it is done, and nothing else
/// of this loop runs meanwhile (only other tasks of the thread, which do
/// not touch this context).
#[allow(clippy::await_holding_refcell_ref)]
async fn run_owning(cx: &RefCell<&mut Context>, work: AsyncCompletion) -> JsResult<()> {
    let mut context = cx.borrow_mut();
    work(&mut context).await
}

enum Wake {
    Timer,
    Completion(Completion),
    AsyncJob(Option<JsResult<JsValue>>),
}

impl JobExecutor for EventLoop {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        let tag = self.current_tag.get();
        match job {
            Job::PromiseJob(job) => self.microtasks.borrow_mut().push_back((tag, job)),
            Job::GenericJob(job) => self.generic_jobs.borrow_mut().push_back((tag, job)),
            Job::AsyncJob(job) => self.async_jobs.borrow_mut().push(job),
            Job::TimeoutJob(job) => {
                let delay = Duration::from(job.timeout());
                self.timers()
                    .borrow_mut()
                    .insert(delay, None, TimerCallback::BoaTimeout(job));
            }
            Job::IntervalJob(job) => {
                let period = Duration::from(job.interval());
                self.timers().borrow_mut().insert(
                    period,
                    Some(period),
                    TimerCallback::BoaInterval(job),
                );
            }
            // FinalizationRegistry callbacks are optional (ECMA-262 §9.13);
            // running them would keep the loop alive for nothing.
            Job::FinalizationRegistryCleanupJob(_) => {}
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        self.run_to_end(context).map_err(LoopError::into_js_error)
    }

    async fn run_jobs_async(self: Rc<Self>, context: &RefCell<&mut Context>) -> JsResult<()> {
        self.run(context).await.map_err(LoopError::into_js_error)
    }
}

impl LoopError {
    /// The error as a JavaScript value-carrying error (losing the
    /// distinction between a throw and an unhandled rejection).
    pub fn into_js_error(self) -> JsError {
        match self {
            LoopError::Uncaught(err) => err,
            LoopError::UnhandledRejection(reason) => JsError::from_opaque(reason),
        }
    }
}
