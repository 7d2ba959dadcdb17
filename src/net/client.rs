//! [`HttpClient`]: one request, one hop, over a pooled HTTP/1.1 connection.

use std::future::poll_fn;
use std::path::PathBuf;
use std::pin::pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_lite::FutureExt;
use http::header::{self, HeaderValue};
use http_body_util::{Either, Full, StreamBody};
use hyper::body::Frame;
use hyper::ext::ReasonPhrase;
use url::{Host, Url};

use super::connect::{Origin, Stream, connect};
use super::decode::Decoder;
use super::error::{NetError, from_hyper, is_stale_connection};
use super::policy::NetPolicy;
use super::pool::Pool;
use super::request::{Body, NetRequest};
use super::response::{BodyReader, Conn, NetResponse};

/// A request body on the wire: whole, or the chunks of a stream.
pub(crate) type RequestBody = Either<Full<Bytes>, StreamBody<StreamFrames>>;

/// A streamed body's chunks as hyper body frames.
pub(crate) type StreamFrames = futures_lite::stream::Map<
    super::request::BodyChunks,
    fn(Result<Bytes, super::StreamError>) -> Result<Frame<Bytes>, super::StreamError>,
>;

fn full(bytes: Bytes) -> RequestBody {
    Either::Left(Full::new(bytes))
}

/// Settings of one client.
#[derive(Debug, Clone)]
pub struct NetConfig {
    pub policy: NetPolicy,
    /// PEM files of extra trusted roots (`--ca-cert`, `SSL_CERT_FILE`).
    pub extra_ca_pem: Vec<PathBuf>,
    /// Resolving plus TCP connect plus TLS handshake.
    pub connect_timeout: Duration,
    /// The whole exchange, body included; `None` for no limit.
    pub timeout: Option<Duration>,
    /// Largest decoded response body accepted.
    pub max_body_size: u64,
    pub max_idle_per_origin: usize,
    pub idle_timeout: Duration,
    /// Sent when the request has no `User-Agent`.
    pub user_agent: String,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            policy: NetPolicy::allow_all(),
            extra_ca_pem: Vec::new(),
            connect_timeout: Duration::from_secs(30),
            timeout: Some(Duration::from_secs(300)),
            max_body_size: 256 * 1024 * 1024,
            // Enough for a script with a few hundred fetches in flight to
            // reuse its connections (undici keeps every idle one).
            max_idle_per_origin: 256,
            idle_timeout: Duration::from_secs(60),
            user_agent: concat!("nano-boa/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }
}

/// An HTTP/1.1 client for one thread (one context). Clones share the
/// connection pool. Its futures are `'static`, touch no JavaScript state and
/// do all I/O on smol's reactor, so `fetch` can spawn them on the event
/// loop's executor.
#[derive(Clone)]
pub struct HttpClient {
    inner: Rc<Inner>,
}

struct Inner {
    config: NetConfig,
    tls: Arc<rustls::ClientConfig>,
    pool: Pool,
}

impl HttpClient {
    /// Fails when an extra CA file cannot be read or parsed.
    pub fn new(config: NetConfig) -> Result<HttpClient, String> {
        let tls = super::tls::client_config(&config.extra_ca_pem)?;
        let pool = Pool::new(config.max_idle_per_origin, config.idle_timeout);
        Ok(HttpClient {
            inner: Rc::new(Inner { config, tls, pool }),
        })
    }

    pub fn config(&self) -> &NetConfig {
        &self.inner.config
    }

    /// Idle pooled connections (all origins).
    pub fn idle_connections(&self) -> usize {
        self.inner.pool.idle_count()
    }

    /// Sends one request and returns once the response head is in; the
    /// body is read from the [`NetResponse`]. Redirects are not followed.
    ///
    /// The future owns a clone of the client and borrows nothing, so it is
    /// `'static` and can be handed to `EventLoop::spawn_native` as is.
    pub fn send(
        &self,
        req: NetRequest,
    ) -> impl Future<Output = Result<NetResponse, NetError>> + 'static + use<> {
        let client = self.clone();
        async move {
            let url = req.url.to_string();
            match client.inner.config.timeout {
                Some(after) => {
                    let deadline = Instant::now() + after;
                    client
                        .exchange(req, Some((deadline, after)))
                        .or(async move {
                            smol::Timer::at(deadline).await;
                            Err(NetError::Timeout {
                                url,
                                phase: "request",
                                after,
                            })
                        })
                        .await
                }
                None => client.exchange(req, None).await,
            }
        }
    }

    async fn exchange(
        &self,
        req: NetRequest,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<NetResponse, NetError> {
        let inner = &self.inner;
        let origin = origin_of(&req.url)?;
        let url = req.url.to_string();
        // A pooled connection may have been closed by the peer in a way the
        // liveness check could not see yet; a request that fails on one
        // before any response arrived goes again once on a fresh connection
        // (as browsers do; the body is in memory, so it can be replayed).
        let mut attempt = 0;
        let (response, conn) = loop {
            attempt += 1;
            let (stream, reused) = match inner.pool.take(&origin) {
                Some(stream) => (stream, true),
                None => {
                    let stream = connect(
                        &origin,
                        &inner.config.policy,
                        &inner.tls,
                        inner.config.connect_timeout,
                    )
                    .await?;
                    (stream, false)
                }
            };
            let request = build_request(&req, &origin, &inner.config)?;
            match round_trip(stream, request).await {
                Ok(done) => break done,
                // A streamed body went with the first attempt: no replay.
                Err(e)
                    if reused
                        && attempt == 1
                        && !req.body.is_stream()
                        && is_stale_connection(&e) =>
                {
                    continue;
                }
                Err(e) => return Err(from_hyper(&e, &url, &origin.host)),
            }
        };
        let (head, incoming) = response.into_parts();
        let status_text = match head.extensions.get::<ReasonPhrase>() {
            Some(reason) => String::from_utf8_lossy(reason.as_bytes()).into_owned(),
            None => head.status.canonical_reason().unwrap_or("").to_string(),
        };
        let reusable = is_reusable(&req, &head);
        let decoder = head
            .headers
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .and_then(Decoder::for_header);
        let body = BodyReader {
            incoming,
            conn: Some(conn),
            decoded: decoder.is_some(),
            decoder,
            pool: inner.pool.clone(),
            origin,
            reusable,
            limit: inner.config.max_body_size,
            received: 0,
            deadline,
            done: false,
        };
        Ok(NetResponse::new(
            head.status,
            status_text,
            head.headers,
            req.url,
            body,
        ))
    }
}

/// Scheme, host and port of an http(s) URL.
fn origin_of(url: &Url) -> Result<Origin, NetError> {
    let https = match url.scheme() {
        "http" => false,
        "https" => true,
        other => {
            return Err(NetError::UnsupportedScheme {
                url: url.to_string(),
                scheme: other.into(),
            });
        }
    };
    let host = match url.host() {
        Some(Host::Domain(d)) => d.to_string(),
        Some(Host::Ipv4(ip)) => ip.to_string(),
        Some(Host::Ipv6(ip)) => ip.to_string(),
        None => {
            return Err(NetError::InvalidUrl {
                url: url.to_string(),
                reason: "no host".into(),
            });
        }
    };
    let port = url
        .port_or_known_default()
        .ok_or_else(|| NetError::InvalidUrl {
            url: url.to_string(),
            reason: "no port".into(),
        })?;
    Ok(Origin { https, host, port })
}

fn build_request(
    req: &NetRequest,
    origin: &Origin,
    config: &NetConfig,
) -> Result<http::Request<RequestBody>, NetError> {
    let invalid = |reason: String| NetError::InvalidUrl {
        url: req.url.to_string(),
        reason,
    };
    // origin-form request target: path and query, no fragment (RFC 9112 §3.2.1).
    let mut target = req.url.path().to_string();
    if let Some(q) = req.url.query() {
        target.push('?');
        target.push_str(q);
    }
    let (body, length) = match &req.body {
        Body::Empty => (full(Bytes::new()), 0),
        Body::Bytes(b) => (full(b.clone()), b.len()),
        Body::Stream(streamed) => {
            let chunks = streamed.take().ok_or_else(|| NetError::Reset {
                url: req.url.to_string(),
                reason: "a streamed request body cannot be sent twice".into(),
            })?;
            let frames: StreamFrames = futures_lite::StreamExt::map(chunks, |c| c.map(Frame::data));
            (Either::Right(StreamBody::new(frames)), 0)
        }
    };
    let mut request = http::Request::builder()
        .method(req.method.clone())
        .uri(target)
        .body(body)
        .map_err(|e| invalid(e.to_string()))?;
    let headers = request.headers_mut();
    headers.extend(req.headers.clone());
    // Host: the URL's host, with the port unless it is the default (RFC 9112 §3.2).
    let host = match req.url.host_str() {
        Some(h) => match req.url.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        },
        None => origin.host.clone(),
    };
    headers.insert(
        header::HOST,
        HeaderValue::from_str(&host).map_err(|e| invalid(e.to_string()))?,
    );
    // Content-Length when there is a body, or when the method gives content
    // a meaning (RFC 9110 §8.6).
    // A streamed body goes chunked: no Content-Length (RFC 9112 §6.1).
    let sends_body = !req.body.is_stream()
        && (length > 0
            || matches!(
                req.method,
                http::Method::POST | http::Method::PUT | http::Method::PATCH
            ));
    if sends_body {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    if !headers.contains_key(header::ACCEPT_ENCODING) {
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
    }
    if !headers.contains_key(header::USER_AGENT)
        && let Ok(ua) = HeaderValue::from_str(&config.user_agent)
    {
        headers.insert(header::USER_AGENT, ua);
    }
    Ok(request)
}

/// Sends the request over a fresh hyper connection on `stream` and waits
/// for the response head, driving the connection meanwhile.
async fn round_trip(
    stream: Stream,
    request: http::Request<RequestBody>,
) -> Result<(http::Response<hyper::body::Incoming>, Conn), hyper::Error> {
    // The HTTP/1 "handshake" does no I/O: it only sets up the dispatcher.
    let (mut sender, mut conn) = hyper::client::conn::http1::Builder::new()
        .handshake::<Stream, RequestBody>(stream)
        .await?;
    let response = {
        let mut pending = pin!(sender.send_request(request));
        poll_fn(|cx| {
            if let Poll::Ready(result) = pending.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
            match conn.poll_without_shutdown(cx) {
                Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
                // Finished without a response: the response future holds
                // the reason and is ready now.
                Poll::Ready(Ok(())) => pending.as_mut().poll(cx),
                Poll::Pending => Poll::Pending,
            }
        })
        .await?
    };
    // Dropping the sender lets the dispatcher finish once this exchange is
    // complete, which is how the socket is taken back for the pool.
    drop(sender);
    Ok((response, conn))
}

/// Whether the connection may carry another request after this exchange
/// (RFC 9112 §9.3): HTTP/1.1, no `Connection: close` either way, and a body
/// whose end is not marked by closing the connection (§6.3).
fn is_reusable(req: &NetRequest, head: &http::response::Parts) -> bool {
    let closes = |headers: &http::HeaderMap| {
        headers.get_all(header::CONNECTION).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")))
        })
    };
    if head.version != http::Version::HTTP_11 || closes(&head.headers) || closes(&req.headers) {
        return false;
    }
    let no_body = req.method == http::Method::HEAD
        || head.status.is_informational()
        || head.status == http::StatusCode::NO_CONTENT
        || head.status == http::StatusCode::NOT_MODIFIED;
    no_body
        || head.headers.contains_key(header::CONTENT_LENGTH)
        || head.headers.contains_key(header::TRANSFER_ENCODING)
}
