//! `nano-boa serve`: many Workers-style apps in one process.
//!
//! - [`config`]: `nano.json` or `--app`, checked whole at start;
//! - [`router`]: `Host` header → app;
//! - [`worker`]: the HTTP side: the HTTP threads, one per core, each with
//!   its own smol executor, accepting connections; hyper's HTTP/1.1 server
//!   and the request checks, on whichever thread serves a connection;
//! - [`handoff`]: a new connection moves to an instance of the app its
//!   first request names, whose thread serves it from then on;
//! - [`pool`]: the instances of one app version, shared by every HTTP
//!   thread: picking, scaling up and to zero, the watchdog;
//! - [`instance`]: one app instance = one thread owning one Boa context;
//! - [`app`]: the context side of an instance: the module, the request
//!   trampoline, the per-request limits;
//! - [`log`]: access log and app output through `tracing`;
//! - [`registry`]: the app set, changed while serving (new versions are
//!   trial-loaded first, old instances drain);
//! - [`admin`]: the admin API and `/metrics` on their own listener;
//! - [`metrics`]: Prometheus counters, gauges and histograms;
//! - [`watch`]: hot reload of the config file and the apps' sources;
//! - [`cron`]: cron triggers running the apps' `scheduled` handlers.
//!
//! # The request path
//!
//! 1. An HTTP thread accepts the connection (`worker::accept_loop`; over
//!    `max_connections` it answers 503) and reads what the client sent
//!    first (`handoff::first_read`): the first request's head, and its
//!    host.
//! 2. `pool::Pool::adopt`: the connection, with the bytes read, goes to an
//!    instance of that app (a cold start if there is none; the one serving
//!    the fewest connections otherwise) through the instance's bounded
//!    queue. A head that did not come whole, the health path, an unknown
//!    host, or an app that cannot take it (quarantined, failed load) keep
//!    the connection on the HTTP thread, whose requests then take step 6b.
//! 3. On the instance's thread, hyper serves the connection
//!    (`worker::serve_handoff`) and parses each request's head.
//! 4. `worker::route`: head size (431), health path, `Host` (400 unless
//!    exactly one valid one, RFC 9112 §3.2), the app by host (404).
//! 5. `worker::read_request`: the body, at most `max_body_mb` (413, with a
//!    lingering read of the rest).
//! 6. a. The app is this thread's own (`instance::here`): the request runs
//!    here (`instance::Local::handle`), with no hand-off.
//!    b. Another app, or this app reloaded meanwhile: `pool::Pool::dispatch`
//!    picks an instance of that version and the request crosses to its
//!    thread (`instance::Instance::handle`); this thread waits for the
//!    reply, or for that instance to be abandoned.
//! 7. `app::AppInstance::handle` posts the request to the context's event
//!    loop; `app::dispatch` builds the `Request` and calls
//!    `fetch(request, env, ctx)` with a budget, watched for CPU time and
//!    memory; promise jobs, timers and fetches of the request run in the
//!    same loop, tagged with it.
//! 8. The `Response` becomes an `AppResponse` (bytes, or a stream pumped
//!    chunk by chunk); `worker::to_http` turns it into hyper's response;
//!    the access log line is written when the head goes out.
//!
//! Connections stay where they were handed, so the pool's watchdog moves
//! load by asking clients to reconnect: when every instance of an app is
//! busy (80% of a core), one more starts (up to `max_instances`), and a
//! busy instance closes some connections after their next answer
//! (`Connection: close`) while another is below 50%. A stuck instance's
//! connections are answered (503) and closed by the watchdog
//! (`handoff::Watched`).
//!
//! # Why a thread per instance
//!
//! Boa's GC heap is per thread (`../shared/notes/boa-0.22-engine-costs.md`):
//! every collection marks every object of every context on the thread and
//! stops all of them. With the apps' contexts on the HTTP threads (the
//! previous design), one app's p99 under load went from about 8 ms with 1
//! app loaded to 649 ms with 1,000. The choices weighed:
//!
//! - **A thread per instance** (chosen): each heap holds one tenant, so its
//!   pauses, its CPU clock (`CLOCK_THREAD_CPUTIME_ID`) and its allocation
//!   count are its own; a stuck native call takes one thread, which can be
//!   abandoned while the app gets a new one. Costs: a thread (its stack is
//!   address space, touched pages only) and a cross-thread hand-off. Per
//!   request (a queue push and a wake-up each way) that doubled the CPU
//!   time of a hello request on 2 cores (22 to 45 µs); per connection
//!   (`handoff`) it costs nothing measurable per request. Idle instances
//!   sleep in the kernel and retire after `idle_timeout_s`.
//! - **Shards** (a few threads, apps split among them): pauses shrink by
//!   the number of shards but still grow with the tenants, and a stuck
//!   call still stops its whole shard.
//! - **A worker process per group of apps**: real isolation (a process can
//!   be killed, its memory is given back) but every request crosses a
//!   process boundary, each process pays the runtime's baseline, and
//!   groups still share heaps inside. It remains the way to contain what
//!   a thread cannot (see "Limits" in `app`), as an option for later.
//!
//! The measurements behind the choice are in the README ("Tenants").

pub mod admin;
pub mod app;
pub mod config;
pub mod cron;
pub mod handoff;
pub mod instance;
pub mod log;
pub mod metrics;
pub mod pool;
pub mod registry;
pub mod router;
pub mod watch;
pub mod worker;
pub mod wrangler;

use std::sync::Arc;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2};
use signal_hook::iterator::Signals;

pub use config::{ConfigError, ServeConfig};
pub use log::LogFormat;

/// Settings that are not part of the config file.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    pub log_format: LogFormat,
    /// `NANO_ADMIN_TOKEN`: the admin API's bearer token (the API needs it).
    pub admin_token: Option<String>,
    /// `--config`: the file that `POST /admin/reload` and the watcher
    /// re-read.
    pub config_path: Option<std::path::PathBuf>,
    /// The flags that override the file, applied again on a reload.
    pub overrides: config::Overrides,
}

/// What every worker thread shares.
#[derive(Debug)]
pub struct Shared {
    /// The startup config: listener, threads, HTTP limits and network
    /// settings (the app set lives in `registry`).
    pub config: ServeConfig,
    pub registry: Arc<registry::Registry>,
    pub log_format: LogFormat,
    /// Connections open in the process (all threads).
    pub open_connections: std::sync::atomic::AtomicUsize,
    /// Closed (never sent on) when the server starts shutting down: every
    /// `recv` on it then returns, in every thread.
    pub shutdown: smol::channel::Receiver<()>,
}

impl Shared {
    /// Resolves once shutdown has begun.
    pub async fn shutting_down(&self) {
        let _ = self.shutdown.recv().await;
    }
}

/// Binds the listener, starts the worker threads and serves until the
/// process is stopped. `Err` when the listener cannot be bound.
pub fn serve(config: ServeConfig, options: ServeOptions) -> Result<(), String> {
    log::init(options.log_format);
    for app in &config.apps {
        if !app.ignored.is_empty() {
            tracing::info!(
                app = app.name,
                keys = app.ignored.join(","),
                "wrangler settings nano-boa does not use (ignored)"
            );
        }
    }
    let admin_token = match (config.admin, &options.admin_token) {
        (Some(_), None) => {
            return Err(
                "the admin API (--admin-port or \"admin_port\") needs a token: \
                 set NANO_ADMIN_TOKEN"
                    .into(),
            );
        }
        (_, token) => token.clone(),
    };
    let admin_listener = match config.admin {
        Some(addr) => {
            let listener = std::net::TcpListener::bind(addr)
                .map_err(|e| format!("cannot listen on {addr} (admin): {e}"))?;
            listener
                .set_nonblocking(true)
                .map_err(|e| format!("cannot listen on {addr} (admin): {e}"))?;
            Some(listener)
        }
        None => None,
    };
    let listener = std::net::TcpListener::bind(config.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let threads = config.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let (stop, shutdown) = smol::channel::bounded::<()>(1);
    let drain_timeout = Duration::from_millis(config.connections.drain_timeout_ms);
    let registry = Arc::new(registry::Registry::new(
        &config,
        options.config_path.as_deref(),
    ));
    registry.open_kv_if_bound()?;
    let shared = Arc::new(Shared {
        registry: registry.clone(),
        config: config.clone(),
        log_format: options.log_format,
        open_connections: std::sync::atomic::AtomicUsize::new(0),
        shutdown,
    });
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2])
        .map_err(|e| format!("cannot install the signal handlers: {e}"))?;
    let control = Arc::new(registry::Control::new(
        registry,
        config,
        options.config_path.clone(),
        options.overrides.clone(),
    )?);
    let names: Vec<&str> = shared.config.apps.iter().map(|a| a.name.as_str()).collect();
    match raise_open_file_limit() {
        Some(open_files) => tracing::info!(
            open_files,
            "open-file limit (RLIMIT_NOFILE, soft raised to hard)"
        ),
        None => tracing::info!("open-file limit (RLIMIT_NOFILE): unlimited"),
    }
    tracing::info!(
        threads,
        apps = names.join(","),
        "listening on http://{local}"
    );
    let mut handles = Vec::new();
    for index in 0..threads {
        let listener = listener
            .try_clone()
            .map_err(|e| format!("cannot share the listener: {e}"))?;
        let shared = shared.clone();
        let handle = std::thread::Builder::new()
            .name(format!("worker-{index}"))
            .stack_size(worker::STACK_SIZE)
            .spawn(move || worker::run(index, listener, shared))
            .map_err(|e| format!("cannot start worker thread {index}: {e}"))?;
        handles.push(handle);
    }
    // Only the threads' copies may keep the socket open: when they stop
    // accepting, the port closes.
    drop(listener);
    if let (Some(listener), Some(token)) = (admin_listener, admin_token) {
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot listen (admin): {e}"))?;
        let admin = Arc::new(admin::Admin {
            token,
            control: control.clone(),
            shared: shared.clone(),
        });
        std::thread::Builder::new()
            .name("admin".into())
            .spawn(move || admin::run(listener, admin))
            .map_err(|e| format!("cannot start the admin thread: {e}"))?;
        tracing::info!("admin API listening on http://{addr}");
    }
    pool::start_watchdog()?;
    cron::start(shared.clone());
    // `preload`: one instance of each such app now, kept warm.
    for entry in &shared.registry.snapshot().apps {
        if entry.spec.limits.preload {
            entry.pool(&shared).prewarm();
        }
    }
    if shared.config.watch
        && let Err(e) = watch::start(control.clone(), shared.shutdown.clone())
    {
        tracing::warn!("hot reload is off: {e}");
    }
    // Graceful shutdown: on SIGTERM or SIGINT, stop accepting, let
    // in-flight requests and their waitUntil work finish (keep-alive
    // connections are answered `Connection: close`), for at most
    // drain_timeout_ms; then return (exit 0).
    let signal = wait_for_shutdown(&mut signals, &control);
    tracing::info!(
        signal = signal.map_or("?", signal_name),
        drain_timeout_ms = drain_timeout.as_millis() as u64,
        "shutting down: no new connections, draining in-flight requests"
    );
    stop.close();
    let deadline = Instant::now() + drain_timeout;
    for handle in handles {
        while !handle.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if !handle.is_finished() {
            tracing::warn!("drain timeout reached with work still in flight; exiting");
            return Ok(());
        }
        if handle.join().is_err() {
            tracing::error!("a worker thread ended with a panic");
        }
    }
    // Every response is out; waitUntil work may still run on the
    // instances' threads.
    // The connections instance threads serve (`handoff`) close after
    // their current request, like the HTTP threads' own.
    while shared
        .open_connections
        .load(std::sync::atomic::Ordering::Acquire)
        > 0
        || instance::all()
            .iter()
            .any(|i| i.phase() != instance::Phase::Abandoned && i.busy())
    {
        if Instant::now() >= deadline {
            tracing::warn!("drain timeout reached with waitUntil work still running; exiting");
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    tracing::info!("drained; bye");
    Ok(())
}

/// Handles signals until one asks for shutdown (SIGTERM, SIGINT), which is
/// returned. SIGHUP reloads the config file, as nginx does and as
/// `POST /admin/reload` does; SIGUSR1 and SIGUSR2 are logged and otherwise
/// ignored (their default action would end the process: the log goes to
/// stdout, so there is no log file to reopen as nginx does on SIGUSR1).
fn wait_for_shutdown(signals: &mut Signals, control: &registry::Control) -> Option<i32> {
    for signal in signals.forever() {
        match signal {
            SIGHUP => match control.reload_config() {
                Ok(report) => tracing::info!(
                    added = report.added.join(","),
                    updated = report.updated.join(","),
                    removed = report.removed.join(","),
                    rejected = report.rejected.len(),
                    "SIGHUP: config reloaded"
                ),
                Err(error) => tracing::error!(
                    "SIGHUP: the config is not reloaded (the old one keeps serving): {error}"
                ),
            },
            SIGUSR1 | SIGUSR2 => {
                tracing::info!(signal = signal_name(signal), "signal ignored");
            }
            _ => return Some(signal),
        }
    }
    None
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        SIGHUP => "SIGHUP",
        SIGUSR1 => "SIGUSR1",
        SIGUSR2 => "SIGUSR2",
        _ => "signal",
    }
}

/// Raises the soft limit on open files to the hard limit (systemd's
/// default soft limit, 1,024, is reached by about a thousand idle
/// keep-alive connections; nginx has `worker_rlimit_nofile` for this).
/// Returns the limit in force, for the log.
fn raise_open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    let current = limit.current?; // None: unlimited already
    // An unlimited hard limit cannot be the soft one for files: Linux caps
    // it at fs.nr_open.
    let target = limit.maximum.or_else(|| {
        std::fs::read_to_string("/proc/sys/fs/nr_open")
            .ok()
            .and_then(|text| text.trim().parse().ok())
    })?;
    if current < target {
        limit.current = Some(target);
        if let Err(e) = setrlimit(Resource::Nofile, limit) {
            tracing::warn!("cannot raise the open-file limit from {current} to {target}: {e}");
            return Some(current);
        }
        return Some(target);
    }
    Some(current)
}
