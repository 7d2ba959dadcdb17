//! The HTTP side: hyper's HTTP/1.1 server (keep-alive, pipelining, chunked
//! bodies, `Expect: 100-continue`, `Date`), the request checks (head size,
//! `Host`, body size), routing to an app, and the answer.
//!
//! An HTTP thread (`run`) is a smol executor that accepts connections from
//! the shared listener and hands each, by its first request's host, to an
//! instance of that app (`handoff`), whose thread serves it with the same
//! code here (`serve_handoff`) and runs the app's JavaScript for it
//! directly; no JavaScript runs on an HTTP thread. A connection that could
//! not be handed off is served on the HTTP thread, its requests given to
//! the app's pool (`pool`).

use std::cell::Cell;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_lite::FutureExt;
use http::header::{self, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Either, Full, StreamBody};
use hyper::body::Frame;
use hyper::body::Incoming;

use super::Shared;
use super::app::{AppBody, AppResponse};
use super::handoff::{self, OpenConnection};
use super::log::{self, Access};
use super::metrics;
use super::registry::AppEntry;
use crate::net::hyper_io::HyperIo;
use crate::web::fetch::{self, IncomingRequest};

/// Native stack of an HTTP thread (no JavaScript runs on it).
pub const STACK_SIZE: usize = 8 << 20;

pub struct Worker {
    /// The HTTP thread's number, or the instance's id on an instance
    /// thread (for log lines).
    index: usize,
    /// Connections open on this thread.
    connections: Cell<usize>,
    shared: Arc<Shared>,
    executor: Rc<smol::LocalExecutor<'static>>,
    /// On an instance thread: closed when the instance stops taking
    /// requests, and its connections close after their current request.
    closing: Option<smol::channel::Receiver<()>>,
}

impl Worker {
    /// The HTTP side of an instance thread (for the connections handed to
    /// it): `closing` is the instance's.
    pub fn for_instance(
        id: u64,
        shared: Arc<Shared>,
        executor: Rc<smol::LocalExecutor<'static>>,
        closing: smol::channel::Receiver<()>,
    ) -> Rc<Worker> {
        Rc::new(Worker {
            index: id as usize,
            connections: Cell::new(0),
            shared,
            executor,
            closing: Some(closing),
        })
    }

    /// Resolves once this thread's connections should close (shutdown, or
    /// the instance they belong to retires).
    async fn closing(&self) {
        let shutdown = self.shared.shutting_down();
        match &self.closing {
            Some(closing) => {
                shutdown
                    .or(async {
                        let _ = closing.recv().await;
                    })
                    .await
            }
            None => shutdown.await,
        }
    }
}

/// The thread's main function.
pub fn run(index: usize, listener: std::net::TcpListener, shared: Arc<Shared>) {
    let executor = Rc::new(smol::LocalExecutor::new());
    let worker = Rc::new(Worker {
        index,
        connections: Cell::new(0),
        shared,
        executor: executor.clone(),
        closing: None,
    });
    let listener = match async_net::TcpListener::try_from(listener) {
        Ok(listener) => listener,
        Err(e) => {
            tracing::error!(thread = index, "cannot use the listener: {e}");
            return;
        }
    };
    let drained = async {
        accept_loop(worker.clone(), listener).await;
        drain(&worker).await;
    };
    smol::block_on(executor.run(drained));
}

/// After shutdown began: wait until this thread has no open connection
/// (the instances' waitUntil work is waited for in `serve`). Checked every
/// 20 ms: this runs once, at exit, so a simple poll beats wiring a
/// notification through the counter.
async fn drain(worker: &Worker) {
    while worker.connections.get() > 0 {
        smol::Timer::after(Duration::from_millis(20)).await;
    }
}

async fn accept_loop(worker: Rc<Worker>, listener: async_net::TcpListener) {
    loop {
        let accepted = async { Some(listener.accept().await) }
            .or(async {
                worker.shared.shutting_down().await;
                None
            })
            .await;
        // Shutdown: stop accepting (the listener closes when the last
        // thread drops its copy).
        let Some(accepted) = accepted else {
            return;
        };
        match accepted {
            Ok((stream, peer)) => {
                let _ = stream.set_nodelay(true);
                let open = &worker.shared.open_connections;
                let limit = worker.shared.config.connections.max_connections;
                if open.fetch_add(1, Ordering::AcqRel) >= limit {
                    open.fetch_sub(1, Ordering::AcqRel);
                    worker.executor.spawn(refuse(stream, peer)).detach();
                    continue;
                }
                let open = OpenConnection::new(worker.shared.clone());
                let task = accept_connection(worker.clone(), stream, peer, open);
                worker.executor.spawn(task).detach();
            }
            Err(e) => {
                // EMFILE and friends: back off instead of spinning.
                tracing::warn!(thread = worker.index, "accept failed: {e}");
                smol::Timer::after(Duration::from_millis(50)).await;
            }
        }
    }
}

/// Over `max_connections`: a fixed 503 and close. Written directly: the
/// point is to spend as little as possible on a connection we refuse.
async fn refuse(mut stream: async_net::TcpStream, peer: SocketAddr) {
    use futures_lite::AsyncWriteExt;
    const BODY: &str = "Too many connections\n";
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.close().await;
    tracing::warn!(%peer, "connection refused: max_connections reached");
}

/// Counts a connection in its thread's `connections` until dropped.
struct ThreadConnection(Rc<Worker>);

impl ThreadConnection {
    fn new(worker: &Rc<Worker>) -> ThreadConnection {
        worker.connections.set(worker.connections.get() + 1);
        ThreadConnection(worker.clone())
    }
}

impl Drop for ThreadConnection {
    fn drop(&mut self) {
        self.0.connections.set(self.0.connections.get() - 1);
    }
}

thread_local! {
    /// Connections handed to this (instance) thread and open.
    static HANDED_HERE: Cell<usize> = const { Cell::new(0) };
}

/// Whether this thread serves connections handed to it (see `handoff`).
pub fn serves_connections() -> bool {
    HANDED_HERE.with(Cell::get) > 0
}

/// A new connection: routed by its first request's host and handed to an
/// instance of that app (see `handoff`), or served here.
async fn accept_connection(
    worker: Rc<Worker>,
    mut stream: async_net::TcpStream,
    peer: SocketAddr,
    open: OpenConnection,
) {
    let here = ThreadConnection::new(&worker);
    let timeout = Duration::from_millis(worker.shared.config.connections.header_timeout_ms);
    let (prefix, host) = match handoff::first_read(&mut stream, timeout).await {
        handoff::FirstRead::Nothing => return,
        handoff::FirstRead::Partial(prefix) => (prefix, None),
        handoff::FirstRead::Head { prefix, host } => (prefix, host),
    };
    let entry = host.as_deref().and_then(|host| {
        // Health checks stay here, whatever the host.
        let health = worker.shared.config.health_path.as_deref();
        if health.is_some_and(|path| first_target_is(&prefix, path)) {
            return None;
        }
        worker.shared.registry.snapshot().route(Some(host)).cloned()
    });
    let (stream, prefix, open) = match entry {
        Some(entry) => {
            let handoff = Box::new(handoff::Handoff {
                stream,
                prefix,
                peer,
                shared: worker.shared.clone(),
                open,
            });
            match entry.pool(&worker.shared).adopt(handoff).await {
                Ok(()) => return,
                Err(back) => (back.stream, back.prefix, back.open),
            }
        }
        None => (stream, prefix, open),
    };
    serve_http(worker, handoff::Prefixed::new(prefix, stream), peer, None).await;
    drop(here);
    drop(open);
}

/// Whether the first request line's target is `path` (ignoring a query).
fn first_target_is(head: &[u8], path: &str) -> bool {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let target = line.split(|&b| b == b' ').nth(1).unwrap_or_default();
    let target = target.split(|&b| b == b'?').next().unwrap_or_default();
    target == path.as_bytes()
}

/// A connection handed to this instance thread (see `handoff`): served
/// here until it closes; `watched` lets the watchdog answer for it.
pub async fn serve_handoff(
    worker: Rc<Worker>,
    handoff: Box<handoff::Handoff>,
    watched: Option<Arc<handoff::Watched>>,
) {
    let here = ThreadConnection::new(&worker);
    HANDED_HERE.with(|n| n.set(n.get() + 1));
    let handoff::Handoff {
        stream,
        prefix,
        peer,
        open,
        ..
    } = *handoff;
    serve_http(
        worker,
        handoff::Prefixed::new(prefix, stream),
        peer,
        watched,
    )
    .await;
    HANDED_HERE.with(|n| n.set(n.get() - 1));
    drop(here);
    drop(open);
}

/// Serves one connection with hyper until it closes (or, once this
/// thread's connections should close, after its current request).
async fn serve_http(
    worker: Rc<Worker>,
    io: handoff::Prefixed<async_net::TcpStream>,
    peer: SocketAddr,
    watched: Option<Arc<handoff::Watched>>,
) {
    let limits = worker.shared.config.connections;
    let closing = worker.clone();
    let service = hyper::service::service_fn(move |request| {
        let worker = worker.clone();
        let answering = handoff::Answering::start(watched.as_ref());
        let handed = watched.is_some();
        async move {
            let mut response = worker.respond(request, peer).await;
            drop(answering);
            // This instance is loaded while another is not: this client
            // reconnects, and its new connection goes to the other.
            if handed && super::instance::shed_one() {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            Ok::<_, Infallible>(response)
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(SmolTimer)
        .keep_alive(true)
        // Pipelined requests are answered in order, each flushed as it
        // is written. Not `pipeline_flush(true)`: with it hyper buffers a
        // response body without bound instead of waiting for the socket,
        // so a streamed body read by a slow client would pile up in memory
        // (backpressure, see web/fetch/pump.rs).
        .pipeline_flush(false)
        // The head must arrive within the timeout; the timer also runs
        // while a keep-alive connection waits for its next request, so it
        // closes idle connections too (hyper starts it when reading of a
        // head begins).
        .header_read_timeout(Duration::from_millis(limits.header_timeout_ms))
        .serve_connection(HyperIo(io), service);
    let mut connection = std::pin::pin!(connection);
    let ended = async { Some(connection.as_mut().await) }
        .or(async {
            closing.closing().await;
            None
        })
        .await;
    let result = match ended {
        Some(result) => result,
        None => {
            // Finish the request in flight, answer it `Connection: close`;
            // an idle connection closes now.
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result
        && !e.is_incomplete_message()
    {
        tracing::debug!(%peer, "connection ended: {e}");
    }
}

/// A whole body (Content-Length), or the chunks of an app's stream
/// (chunked).
type Body = Either<Full<Bytes>, StreamBody<StreamChunks>>;

/// An app's streamed chunks as hyper body frames.
type StreamChunks = futures_lite::stream::Map<
    super::app::BodyStream,
    fn(Result<Bytes, fetch::StreamError>) -> Result<Frame<Bytes>, fetch::StreamError>,
>;

fn full(bytes: Bytes) -> Body {
    Either::Left(Full::new(bytes))
}

fn plain(status: StatusCode, text: &str) -> Response<Body> {
    let mut response = Response::new(full(Bytes::from(format!("{text}\n"))));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

impl Worker {
    /// Answers one request; never fails (errors become statuses).
    async fn respond(&self, request: Request<Incoming>, peer: SocketAddr) -> Response<Body> {
        let started = Instant::now();
        let method = request.method().to_string();
        let target = request
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
        let version = format!("{:?}", request.version());
        let referer = header_text(&request, header::REFERER);
        let user_agent = header_text(&request, header::USER_AGENT);
        let (app, response) = match std::panic::AssertUnwindSafe(self.route(request))
            .catch_unwind()
            .await
        {
            Ok(result) => result,
            Err(_) => {
                tracing::error!(
                    thread = self.index,
                    "internal error (a Rust panic) while handling {method} {target}"
                );
                (
                    None,
                    plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
                )
            }
        };
        let bytes = hyper::body::Body::size_hint(response.body())
            .exact()
            .unwrap_or(0) as usize;
        log::access(&Access {
            format: self.shared.log_format,
            app: app.as_deref(),
            peer,
            method: &method,
            path: &target,
            version: &version,
            status: response.status().as_u16(),
            bytes,
            duration: started.elapsed(),
            referer: referer.as_deref(),
            user_agent: user_agent.as_deref(),
        });
        response
    }

    /// Health check, routing, body, app. Returns the app's name (for the
    /// access log) and the response.
    async fn route(&self, request: Request<Incoming>) -> (Option<String>, Response<Body>) {
        let config = &self.shared.config;
        // hyper's own header limit closes the connection without a word
        // (hyper 1.12 does not flush its automatic 431), so the configured
        // limit is checked here, on the parsed head; hyper's default buffer
        // cap (~400 KB) stays as the backstop.
        let max_header = config.connections.max_header_kb.saturating_mul(1024);
        if head_size(&request) > max_header {
            let mut response = plain(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                &format!(
                    "Request header fields larger than {} KB",
                    config.connections.max_header_kb
                ),
            );
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return (None, response);
        }
        let path = request.uri().path();
        if let Some(health) = &config.health_path
            && path == health
            && (request.method() == http::Method::GET || request.method() == http::Method::HEAD)
        {
            // Draining (SIGTERM): 503 at once, so that a load balancer's
            // health check takes this node out while it finishes its work.
            let draining = self.shared.shutdown.is_closed();
            let (status, body): (StatusCode, &'static [u8]) = if draining {
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    b"{\"status\":\"draining\"}",
                )
            } else {
                (StatusCode::OK, b"{\"status\":\"ok\"}")
            };
            let mut response = Response::new(full(Bytes::from_static(body)));
            *response.status_mut() = status;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            if draining {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            return (None, response);
        }
        let host = match request_host(&request) {
            Ok(host) => host,
            Err(why) => {
                let mut response = plain(StatusCode::BAD_REQUEST, &format!("Bad Request: {why}"));
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
                return (None, response);
            }
        };
        let snapshot = self.shared.registry.snapshot();
        let Some(entry) = snapshot.route(host.as_deref()).cloned() else {
            let shown = host
                .as_deref()
                .map_or("(none)".into(), super::router::host_name);
            return (
                None,
                plain(
                    StatusCode::NOT_FOUND,
                    &format!("No app is configured for host {shown}"),
                ),
            );
        };
        drop(snapshot);
        let flight = InFlight::start(&entry);
        let response = self.serve_app(&entry, request, host.as_deref()).await;
        flight.status.set(response.status().as_u16());
        (Some(entry.spec.name.clone()), response)
    }

    /// Body, instance, handler: the response of app `entry`.
    async fn serve_app(
        &self,
        entry: &Arc<AppEntry>,
        request: Request<Incoming>,
        host: Option<&str>,
    ) -> Response<Body> {
        let spec = &entry.spec;
        let incoming = match read_request(request, host, spec.limits.max_body_mb).await {
            Ok(incoming) => incoming,
            Err(Refused { response, unread }) => {
                if let Some(body) = unread {
                    self.executor.spawn(linger(body)).detach();
                }
                return response;
            }
        };
        let pool = entry.pool(&self.shared);
        // On the instance thread of this very app (a connection handed to
        // it): run it right here; anywhere else, through the pool.
        let reply = match super::instance::here(pool) {
            Some(local) => local.handle(incoming).await,
            None => pool.dispatch(incoming).await,
        };
        match reply {
            Ok(response) => to_http(response, &spec.name),
            Err(error) => {
                tracing::error!(app = spec.name, "{error}");
                // Limits answer 503 (issue 6), the app's own failures 500.
                if error.status() == 503 {
                    plain(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable")
                } else {
                    plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
                }
            }
        }
    }
}

/// One request routed to an app: counted in flight (for a drain before
/// the app is removed, and the gauge) until dropped, then counted by
/// status (500 unless set: a panic unwound through it).
struct InFlight {
    entry: Arc<AppEntry>,
    started: Instant,
    status: Cell<u16>,
}

impl InFlight {
    fn start(entry: &Arc<AppEntry>) -> InFlight {
        entry.stats.in_flight.fetch_add(1, Ordering::AcqRel);
        entry.stats.requests.fetch_add(1, Ordering::Relaxed);
        metrics::request_started(&entry.spec.name);
        InFlight {
            entry: entry.clone(),
            started: Instant::now(),
            status: Cell::new(500),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let status = self.status.get();
        if status >= 500 {
            self.entry.stats.errors.fetch_add(1, Ordering::Relaxed);
        }
        metrics::request_finished(&self.entry.spec.name, status, self.started.elapsed());
        self.entry.stats.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The size of a request head as sent: request line plus `name: value\r\n`
/// per field.
fn head_size(request: &Request<Incoming>) -> u64 {
    let line = request.method().as_str().len() + request.uri().to_string().len() + 12;
    let fields: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    (line + fields) as u64
}

fn header_text(request: &Request<Incoming>, name: HeaderName) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// A request refused before it reached the app.
struct Refused {
    response: Response<Body>,
    /// The unread rest of a body that was too large: read and thrown away
    /// after the answer ([`linger`]), so that a client that writes its
    /// whole body before it reads sees the 413 instead of a reset.
    unread: Option<Incoming>,
}

impl From<Response<Body>> for Refused {
    fn from(response: Response<Body>) -> Self {
        Refused {
            response,
            unread: None,
        }
    }
}

/// The request as the app sees it: an absolute URL from the Host header,
/// headers as ByteStrings, the body read whole (at most `max_body_mb`).
async fn read_request(
    request: Request<Incoming>,
    host: Option<&str>,
    max_body_mb: u64,
) -> Result<IncomingRequest, Refused> {
    let limit = usize::try_from(max_body_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX);
    let too_large = |unread: Option<Incoming>| {
        let mut response = plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("Request body larger than {max_body_mb} MB"),
        );
        // The rest of the body is not read: the connection cannot be
        // used for another request.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        Refused { response, unread }
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // A client that sent `Expect: 100-continue` has not sent the body and
    // will not: there is nothing to drain (hyper answers without the 100).
    let expects_continue = request.headers().contains_key(header::EXPECT);
    let (parts, mut body) = request.into_parts();
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large((!expects_continue).then_some(body)));
    }
    let host = host.unwrap_or("localhost");
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("http://{host}{target}");
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = value.as_bytes().iter().map(|&b| char::from(b)).collect();
            (name.as_str().to_string(), value)
        })
        .collect();
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(plain(
                StatusCode::BAD_REQUEST,
                "Bad Request: the request body could not be read",
            )
            .into());
        };
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(too_large(Some(body)));
            }
            bytes.extend_from_slice(&data);
        }
    }
    let method = parts.method.as_str().to_string();
    // A GET or HEAD Request cannot have a body in the Fetch API.
    let body = if bytes.is_empty() || method == "GET" || method == "HEAD" {
        None
    } else {
        Some(bytes)
    };
    Ok(IncomingRequest {
        method,
        url,
        headers,
        body,
        scheduled: None,
    })
}

/// Lingering close, as nginx does it (`lingering_time` 30 s,
/// `lingering_timeout` 5 s): after a 413, the rest of the body is read and
/// dropped for a bounded time, so that the answer is not lost to a TCP
/// reset (closing a socket with unread input resets the connection, and
/// the peer may lose the response it had not read yet).
async fn linger(mut body: Incoming) {
    const TOTAL: Duration = Duration::from_secs(30);
    const BETWEEN_READS: Duration = Duration::from_secs(5);
    const MAX_BYTES: u64 = 1 << 30;
    let deadline = Instant::now() + TOTAL;
    let mut read = 0u64;
    while Instant::now() < deadline && read < MAX_BYTES {
        let next = async { Some(body.frame().await) }
            .or(async {
                smol::Timer::after(BETWEEN_READS).await;
                None
            })
            .await;
        match next {
            Some(Some(Ok(frame))) => {
                read += frame.data_ref().map_or(0, |d| d.len() as u64);
            }
            _ => return,
        }
    }
}

/// The `Host` of a request (RFC 9112 §3.2,
/// <https://www.rfc-editor.org/rfc/rfc9112#section-3.2>): the authority of
/// an absolute-form target wins; otherwise exactly one `Host` field with
/// one valid `host[:port]`. HTTP/1.1 without one, two fields, or a list
/// (`a.test, b.test`) is a 400, as nginx answers. HTTP/1.0 may omit it.
fn request_host(request: &Request<Incoming>) -> Result<Option<String>, &'static str> {
    if let Some(authority) = request.uri().authority() {
        return Ok(Some(authority.as_str().to_string()));
    }
    let mut fields = request.headers().get_all(header::HOST).iter();
    let (Some(value), None) = (fields.next(), fields.next()) else {
        return match request.headers().contains_key(header::HOST) {
            true => Err("more than one Host header"),
            false if request.version() == http::Version::HTTP_10 => Ok(None),
            false => Err("no Host header (HTTP/1.1 requires one)"),
        };
    };
    let text = value
        .to_str()
        .map_err(|_| "a Host header that is not ASCII")?;
    // RFC 3986 syntax (no userinfo: `user@host` is not allowed in Host),
    // and a host the app's `new URL(request.url)` will accept.
    let valid = !text.is_empty()
        && !text.contains(['@', ',', '/', '?', '#'])
        && text
            .parse::<http::uri::Authority>()
            .is_ok_and(|a| a.port().is_none() || a.port_u16().is_some())
        && url::Url::parse(&format!("http://{text}/")).is_ok();
    if valid {
        Ok(Some(text.to_string()))
    } else {
        Err("an invalid Host header")
    }
}

/// Hop-by-hop and framing headers are the server's business (RFC 9110
/// §7.6.1): hyper frames the body itself.
const SERVER_OWNED: [HeaderName; 5] = [
    header::CONNECTION,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
    header::TE,
];

fn to_http(response: AppResponse, app: &str) -> Response<Body> {
    let status = StatusCode::from_u16(response.status).unwrap_or_else(|_| {
        tracing::error!(
            app,
            "the app returned status {}, answered 500",
            response.status
        );
        StatusCode::INTERNAL_SERVER_ERROR
    });
    let (body, length) = match response.body {
        AppBody::Full(bytes) => (full(bytes), None),
        AppBody::Stream { chunks, length } => {
            let frames: StreamChunks =
                futures_lite::StreamExt::map(chunks, |chunk| chunk.map(Frame::data));
            (Either::Right(StreamBody::new(frames)), length)
        }
    };
    let mut out = Response::new(body);
    *out.status_mut() = status;
    let headers = out.headers_mut();
    for (name, value) in response.headers {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            continue;
        };
        if SERVER_OWNED.contains(&name) {
            continue;
        }
        let bytes: Vec<u8> = value.chars().map(|c| u32::from(c) as u8).collect();
        if let Ok(value) = HeaderValue::from_bytes(&bytes) {
            headers.append(name, value);
        }
    }
    // A stream of known length: hyper frames the body by this header
    // instead of chunking it (it cuts the connection if the stream yields
    // a different count, which an untouched stream of known bytes cannot).
    if let Some(length) = length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    out
}

/// hyper's timer (header read timeout, keep-alive) on smol's reactor.
#[derive(Clone, Copy, Debug)]
pub(super) struct SmolTimer;

struct SmolSleep(smol::Timer);

impl std::future::Future for SmolSleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        Pin::new(&mut self.0).poll(cx).map(|_| ())
    }
}

impl hyper::rt::Sleep for SmolSleep {}

impl hyper::rt::Timer for SmolTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(SmolSleep(smol::Timer::after(duration)))
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(SmolSleep(smol::Timer::at(deadline)))
    }
}
