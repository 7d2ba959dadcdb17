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

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::OperationType;
use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsError, JsObject, JsResult, JsValue};
use futures_concurrency::future::FutureGroup;
use futures_lite::{FutureExt, StreamExt, future};
use smol::channel::{Receiver, Sender};

use super::timers::{TimerCallback, TimerQueue};

/// A closure produced by a finished native task; it runs on the context.
pub type Completion = Box<dyn FnOnce(&mut Context) -> JsResult<()>>;

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
    microtasks: RefCell<VecDeque<PromiseJob>>,
    generic_jobs: RefCell<VecDeque<GenericJob>>,
    async_jobs: RefCell<Vec<NativeAsyncJob>>,
    timers: RefCell<TimerQueue>,
    completion_tx: Sender<Completion>,
    completion_rx: Receiver<Completion>,
    /// Native tasks spawned and not yet completed: they keep the loop alive.
    pending_tasks: Rc<Cell<usize>>,
    /// Rejected promises without a handler, in rejection order
    /// (HostPromiseRejectionTracker, ECMA-262 §27.2.1.9).
    unhandled_rejections: RefCell<Vec<JsObject>>,
    /// Whether unhandled rejections stop the loop (on for `run`, off where
    /// the embedder reports them itself, e.g. the REPL).
    fail_on_unhandled_rejection: Cell<bool>,
    /// An error raised outside any callback's return path (a module whose
    /// evaluation rejected) that stops the loop at the next checkpoint.
    fatal: RefCell<Option<LoopError>>,
    /// Whether the loop parks instead of returning when it runs out of
    /// work: a server app waits for requests that [`EventLoop::post`] brings.
    keep_alive: Cell<bool>,
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
            timers: RefCell::default(),
            completion_tx,
            completion_rx,
            pending_tasks: Rc::new(Cell::new(0)),
            unhandled_rejections: RefCell::default(),
            fail_on_unhandled_rejection: Cell::new(true),
            fatal: RefCell::new(None),
            keep_alive: Cell::new(false),
        }
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

    /// The event loop installed in `context`, if it is ours.
    pub fn of(context: &Context) -> Option<Rc<EventLoop>> {
        context.downcast_job_executor::<EventLoop>()
    }

    /// Stops the loop with `error` at the next microtask checkpoint (the
    /// first error wins).
    pub fn fail(&self, error: LoopError) {
        let mut fatal = self.fatal.borrow_mut();
        if fatal.is_none() {
            *fatal = Some(error);
        }
    }

    pub fn set_fail_on_unhandled_rejection(&self, fail: bool) {
        self.fail_on_unhandled_rejection.set(fail);
    }

    /// The timer queue (used by the timers globals).
    pub(crate) fn timers(&self) -> &RefCell<TimerQueue> {
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
        self.executor
            .spawn(async move {
                let value = task.await;
                let completion: Completion = Box::new(move |cx| complete(value, cx));
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
            OperationType::Handle => list.retain(|p| !JsObject::equals(p, promise)),
        }
    }

    /// Runs promise jobs until the queue is empty (a microtask checkpoint),
    /// then reports the first rejection still unhandled.
    pub fn run_microtasks(&self, cx: &mut Context) -> Result<(), LoopError> {
        loop {
            let job = self.microtasks.borrow_mut().pop_front();
            if let Some(job) = job {
                job.call(cx)?;
                continue;
            }
            let job = self.generic_jobs.borrow_mut().pop_front();
            if let Some(job) = job {
                job.call(cx)?;
                continue;
            }
            break;
        }
        cx.clear_kept_objects();
        if let Some(error) = self.fatal.borrow_mut().take() {
            return Err(error);
        }
        self.check_unhandled_rejections()
    }

    fn check_unhandled_rejections(&self) -> Result<(), LoopError> {
        if !self.fail_on_unhandled_rejection.get() {
            return Ok(());
        }
        let first = {
            let mut list = self.unhandled_rejections.borrow_mut();
            if list.is_empty() {
                return Ok(());
            }
            list.remove(0)
        };
        let reason = JsPromise::from_object(first)
            .ok()
            .and_then(|p| match p.state() {
                boa_engine::builtins::promise::PromiseState::Rejected(v) => Some(v),
                _ => None,
            })
            .unwrap_or_default();
        Err(LoopError::UnhandledRejection(reason))
    }

    /// Takes the rejections still unhandled (for embedders that report them
    /// themselves, such as the REPL).
    pub fn take_unhandled_rejections(&self) -> Vec<JsObject> {
        std::mem::take(&mut *self.unhandled_rejections.borrow_mut())
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
            match timer.callback {
                TimerCallback::Js { function, args } => {
                    let this = JsValue::from(cx.global_object());
                    let result = function.call(&this, &args, cx);
                    // An interval is rescheduled after its callback unless the
                    // callback cleared it (HTML timer initialization steps).
                    if let Some(period) = timer.repeat {
                        self.timers.borrow_mut().reschedule(
                            timer.id,
                            period,
                            TimerCallback::Js { function, args },
                        );
                    }
                    result?;
                }
                TimerCallback::BoaTimeout(job) => {
                    if !job.cancelled() {
                        job.call(cx)?;
                    }
                }
                TimerCallback::BoaInterval(job) => {
                    if !job.cancelled() {
                        let result = job.call(cx);
                        if let Some(period) = timer.repeat {
                            self.timers.borrow_mut().reschedule(
                                timer.id,
                                period,
                                TimerCallback::BoaInterval(job),
                            );
                        }
                        result?;
                    }
                }
            }
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
            let wake = self.executor.run(timer.or(completion).or(async_job)).await;
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

enum Wake {
    Timer,
    Completion(Completion),
    AsyncJob(Option<JsResult<JsValue>>),
}

impl JobExecutor for EventLoop {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(job) => self.microtasks.borrow_mut().push_back(job),
            Job::GenericJob(job) => self.generic_jobs.borrow_mut().push_back(job),
            Job::AsyncJob(job) => self.async_jobs.borrow_mut().push(job),
            Job::TimeoutJob(job) => {
                let delay = Duration::from(job.timeout());
                self.timers
                    .borrow_mut()
                    .insert(delay, None, TimerCallback::BoaTimeout(job));
            }
            Job::IntervalJob(job) => {
                let period = Duration::from(job.interval());
                self.timers.borrow_mut().insert(
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
