//! `nano-boa serve`: many Workers-style apps in one process.
//!
//! - [`config`]: `nano.json` or `--app`, checked whole at start;
//! - [`router`]: `Host` header → app;
//! - [`worker`]: one thread per core, each with its own smol executor,
//!   accepting connections and serving them with hyper's HTTP/1.1 server;
//! - [`app`]: one app on one thread: its own Boa context, loaded on the
//!   first request for it, kept warm after;
//! - [`log`]: access log and app output through `tracing`.
//!
//! Module state lives per app *per thread* (as per isolate in Workers): two
//! requests for one app may run in different contexts.

pub mod app;
pub mod config;
pub mod log;
pub mod router;
pub mod worker;

use std::sync::Arc;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub use config::{ConfigError, ServeConfig};
pub use log::LogFormat;

use crate::net::{NetConfig, NetPolicy};

/// Settings that are not part of the config file.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    pub log_format: LogFormat,
}

/// What every worker thread shares (read-only).
#[derive(Debug)]
pub struct Shared {
    pub config: ServeConfig,
    pub router: router::Router,
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

impl Shared {
    /// Outbound fetch settings of app `index`: the private-network policy
    /// is on unless the config opens it; allow-lists add exceptions.
    pub fn net_config(&self, index: usize) -> NetConfig {
        let app = &self.config.apps[index];
        let mut policy = if self.config.allow_private_net {
            NetPolicy::allow_all()
        } else {
            NetPolicy::deny_private()
        };
        policy.allow = self.config.allow_net.clone();
        policy.allow.extend(app.allow_net.iter().cloned());
        NetConfig {
            policy,
            extra_ca_pem: crate::cli::ssl_cert_file().into_iter().collect(),
            ..NetConfig::default()
        }
    }
}

/// Binds the listener, starts the worker threads and serves until the
/// process is stopped. `Err` when the listener cannot be bound.
pub fn serve(config: ServeConfig, options: ServeOptions) -> Result<(), String> {
    log::init(options.log_format);
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
    let shared = Arc::new(Shared {
        router: router::Router::new(&config),
        config,
        log_format: options.log_format,
        open_connections: std::sync::atomic::AtomicUsize::new(0),
        shutdown,
    });
    let mut signals = Signals::new([SIGTERM, SIGINT])
        .map_err(|e| format!("cannot install the signal handlers: {e}"))?;
    let names: Vec<&str> = shared.config.apps.iter().map(|a| a.name.as_str()).collect();
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
    // Graceful shutdown: on SIGTERM or SIGINT, stop accepting, let
    // in-flight requests and their waitUntil work finish (keep-alive
    // connections are answered `Connection: close`), for at most
    // drain_timeout_ms; then return (exit 0).
    let signal = signals.forever().next();
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
    tracing::info!("drained; bye");
    Ok(())
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGINT => "SIGINT",
        _ => "signal",
    }
}
