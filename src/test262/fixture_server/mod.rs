//! A local HTTP and HTTPS server for network fixtures (in the spirit of
//! WPT's wptserve): real sockets on 127.0.0.1, so `fetch()` fixtures test
//! the whole network stack, not a mock of it.
//!
//! Four listeners on free ports, all on one smol executor run by its own
//! thread(s):
//! - `http` and `https`: the routes of [`routes`], served by hyper;
//! - `https_untrusted`: the same routes behind a certificate nobody
//!   trusts, for "a wrong certificate is refused" fixtures;
//! - `bad`: the raw misbehaving server of [`misbehave`].
//!
//! `nano-boa test` starts it when a selected fixture includes
//! [`HARNESS_FILE`] and hands the URLs to workers in [`ENV_HTTP`] and its
//! siblings; `nano-boa __fixture-server` runs it in the foreground.

pub mod certs;
pub mod misbehave;
pub mod routes;

use std::fmt::Display;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::thread::JoinHandle;

use async_net::{TcpListener, TcpStream};
use futures_rustls::TlsAcceptor;
use hyper::service::service_fn;
use smol::Executor;

use crate::net::hyper_io::HyperIo;
use routes::ConnInfo;

/// The harness include that asks the runner for the server.
pub const HARNESS_FILE: &str = "fixture-server.js";
/// Environment variables the runner sets for its workers.
pub const ENV_HTTP: &str = "NANO_FIXTURE_HTTP";
pub const ENV_HTTPS: &str = "NANO_FIXTURE_HTTPS";
pub const ENV_HTTPS_UNTRUSTED: &str = "NANO_FIXTURE_HTTPS_UNTRUSTED";
pub const ENV_BAD: &str = "NANO_FIXTURE_BAD";
/// Set instead of the URLs when the server could not start, so the harness
/// fails each fixture with the reason rather than a vague error.
pub const ENV_ERROR: &str = "NANO_FIXTURE_ERROR";
/// The extra trusted roots of `fetch` (additive to the built-in ones).
pub const ENV_CA: &str = "SSL_CERT_FILE";

/// Base URLs, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureUrls {
    pub http: String,
    pub https: String,
    pub https_untrusted: String,
    pub bad: String,
}

/// A running fixture server; dropping it stops it.
pub struct FixtureServer {
    urls: FixtureUrls,
    ca_file: PathBuf,
    /// Dropping the sender ends `Executor::run` on every thread.
    stop: Option<smol::channel::Sender<()>>,
    threads: Vec<JoinHandle<()>>,
}

/// What a listener serves.
#[derive(Clone)]
enum Kind {
    Http,
    Https {
        tls: TlsAcceptor,
        /// Handshake failures are the point of the untrusted listener.
        quiet_handshakes: bool,
    },
    Bad,
}

struct Listener {
    name: &'static str,
    socket: TcpListener,
    kind: Kind,
}

impl FixtureServer {
    /// Binds the four listeners and starts `threads` executor threads
    /// (at least one). Errors say which step failed.
    pub fn start(threads: usize) -> Result<FixtureServer, String> {
        let trusted = TlsAcceptor::from(certs::trusted()?);
        let untrusted = TlsAcceptor::from(certs::untrusted()?);
        let ca_file = certs::write_ca_file()?;
        let bind = |name: &'static str, kind: Kind| -> Result<Listener, String> {
            let socket = smol::block_on(TcpListener::bind(("127.0.0.1", 0)))
                .map_err(|e| format!("cannot bind the {name} listener on 127.0.0.1: {e}"))?;
            Ok(Listener { name, socket, kind })
        };
        let listeners = [
            bind("http", Kind::Http)?,
            bind(
                "https",
                Kind::Https {
                    tls: trusted,
                    quiet_handshakes: false,
                },
            )?,
            bind(
                "https_untrusted",
                Kind::Https {
                    tls: untrusted,
                    quiet_handshakes: true,
                },
            )?,
            bind("bad", Kind::Bad)?,
        ];
        let addr = |i: usize| -> Result<SocketAddr, String> {
            listeners[i]
                .socket
                .local_addr()
                .map_err(|e| format!("cannot read the {} address: {e}", listeners[i].name))
        };
        let urls = FixtureUrls {
            http: format!("http://{}", addr(0)?),
            // `localhost`: the certificate names it, and it shows that
            // name-based verification works; it is 127.0.0.1 too.
            https: format!("https://localhost:{}", addr(1)?.port()),
            https_untrusted: format!("https://localhost:{}", addr(2)?.port()),
            bad: format!("http://{}", addr(3)?),
        };

        let executor = Arc::new(Executor::new());
        for listener in listeners {
            // Tasks hold the executor weakly: a strong reference would be
            // a cycle that keeps it (and every socket) alive after shutdown.
            executor
                .spawn(accept_loop(listener, Arc::downgrade(&executor)))
                .detach();
        }
        let (stop, stopped) = smol::channel::bounded::<()>(1);
        let mut handles = Vec::new();
        for i in 0..threads.max(1) {
            let executor = executor.clone();
            let stopped = stopped.clone();
            let handle = std::thread::Builder::new()
                .name(format!("fixture-server-{i}"))
                .spawn(move || {
                    smol::block_on(executor.run(async {
                        let _ = stopped.recv().await;
                    }));
                })
                .map_err(|e| format!("cannot start a fixture server thread: {e}"))?;
            handles.push(handle);
        }
        // The last thread to finish drops the executor, which cancels every
        // connection task (a `/hang` one too) and closes the listeners.
        drop(executor);
        Ok(FixtureServer {
            urls,
            ca_file,
            stop: Some(stop),
            threads: handles,
        })
    }

    pub fn urls(&self) -> &FixtureUrls {
        &self.urls
    }

    /// A PEM file holding the fixture CA, for `SSL_CERT_FILE`.
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }

    /// The environment of a worker process that runs network fixtures.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            (ENV_HTTP, self.urls.http.clone()),
            (ENV_HTTPS, self.urls.https.clone()),
            (ENV_HTTPS_UNTRUSTED, self.urls.https_untrusted.clone()),
            (ENV_BAD, self.urls.bad.clone()),
            (ENV_CA, self.ca_file.display().to_string()),
        ]
    }

    /// The one JSON line `nano-boa __fixture-server` prints.
    pub fn json_line(&self) -> String {
        serde_json::json!({
            "http": self.urls.http,
            "https": self.urls.https,
            "https_untrusted": self.urls.https_untrusted,
            "bad": self.urls.bad,
            "ca_file": self.ca_file.display().to_string(),
        })
        .to_string()
    }

    /// Stops the server and waits for its threads.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        drop(self.stop.take());
        for handle in self.threads.drain(..) {
            let _ = handle.join();
        }
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// `nano-boa __fixture-server`: prints the JSON line, then serves until
/// the process is killed.
pub fn run_foreground() -> i32 {
    // Two threads: TLS handshakes and response writing can overlap when a
    // benchmark keeps hundreds of requests in flight.
    match FixtureServer::start(2) {
        Ok(server) => {
            println!("{}", server.json_line());
            let _ = std::io::stdout().flush();
            loop {
                std::thread::park();
            }
        }
        Err(err) => {
            eprintln!("error: cannot start the fixture server: {err}");
            1
        }
    }
}

/// Accepts connections until the executor goes away; each connection is a
/// task of its own.
async fn accept_loop(listener: Listener, executor: Weak<Executor<'static>>) {
    let accepted = Arc::new(AtomicUsize::new(0));
    loop {
        let (stream, _) = match listener.socket.accept().await {
            Ok(conn) => conn,
            Err(err) => {
                // Out of file descriptors, typically: log, breathe, retry.
                log(listener.name, "accept", &err);
                smol::Timer::after(std::time::Duration::from_millis(20)).await;
                continue;
            }
        };
        let number = accepted.fetch_add(1, Ordering::Relaxed) + 1;
        // Small responses should not wait for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let info = Arc::new(ConnInfo {
            accepted: accepted.clone(),
            number,
            requests: AtomicUsize::new(0),
        });
        let Some(executor) = executor.upgrade() else {
            return;
        };
        let name = listener.name;
        let kind = listener.kind.clone();
        executor
            .spawn(async move { serve_connection(name, kind, stream, info).await })
            .detach();
    }
}

async fn serve_connection(name: &'static str, kind: Kind, stream: TcpStream, info: Arc<ConnInfo>) {
    match kind {
        Kind::Http => serve_http(name, HyperIo(stream), info).await,
        Kind::Https {
            tls,
            quiet_handshakes,
        } => match tls.accept(stream).await {
            Ok(stream) => serve_http(name, HyperIo(stream), info).await,
            Err(err) if quiet_handshakes || is_peer_gone(&err) => {}
            Err(err) => log(name, "TLS handshake", &err),
        },
        Kind::Bad => {
            if let Err(err) = misbehave::serve(stream).await
                && !is_peer_gone(&err)
            {
                log(name, "connection", &err);
            }
        }
    }
}

async fn serve_http<T>(name: &'static str, io: HyperIo<T>, info: Arc<ConnInfo>)
where
    T: futures_lite::AsyncRead + futures_lite::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| {
        let info = info.clone();
        async move { Ok::<_, std::convert::Infallible>(routes::handle(req, info).await) }
    });
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(io, service);
    if let Err(err) = conn.await
        && !is_expected(&err)
    {
        log(name, "connection", &err);
    }
}

/// Errors that are the client's doing (it went away, it aborted a
/// request), not the server's: fixtures cause these on purpose.
fn is_expected(err: &hyper::Error) -> bool {
    if err.is_incomplete_message() || err.is_canceled() || err.is_closed() {
        return true;
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return is_peer_gone(io);
        }
        source = cause.source();
    }
    false
}

fn is_peer_gone(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        err.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
    )
}

/// Server-side errors go to stderr and the server keeps going.
fn log(listener: &str, what: &str, err: &dyn Display) {
    eprintln!("fixture-server ({listener}): {what}: {err}");
}
