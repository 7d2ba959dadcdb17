//! A response whose body is read incrementally.
//!
//! The hyper connection is driven by whoever reads the body: there is no
//! background task per connection. When the body ends cleanly, the socket
//! goes back to the pool.

use std::future::poll_fn;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use futures_lite::FutureExt;
use http::{HeaderMap, StatusCode};
use hyper::body::{Body as _, Incoming};
use hyper::client::conn::http1::Connection;
use url::Url;

use super::connect::{Origin, Stream};
use super::decode::Decoder;
use super::error::{NetError, from_hyper};
use super::pool::Pool;

pub(crate) type Conn = Connection<Stream, super::client::RequestBody>;

/// Response head plus a body to read with [`NetResponse::chunk`].
pub struct NetResponse {
    pub status: StatusCode,
    /// The reason phrase as sent, or the canonical one when the peer sent a
    /// canonical phrase (hyper only keeps non-canonical ones).
    pub status_text: String,
    pub headers: HeaderMap,
    /// The URL this response is for (the caller follows redirects).
    pub url: Url,
    /// Whether `Content-Encoding` was decoded: the body is then the decoded
    /// bytes and `Content-Length` no longer describes it.
    pub decoded: bool,
    body: BodyReader,
}

impl std::fmt::Debug for NetResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetResponse")
            .field("status", &self.status)
            .field("url", &self.url.as_str())
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

pub(crate) struct BodyReader {
    pub incoming: Incoming,
    pub conn: Option<Conn>,
    pub decoder: Option<Decoder>,
    pub decoded: bool,
    pub pool: Pool,
    pub origin: Origin,
    /// Whether the exchange allows reusing the connection (keep-alive,
    /// known body length).
    pub reusable: bool,
    pub limit: u64,
    pub received: u64,
    pub deadline: Option<(Instant, Duration)>,
    pub done: bool,
}

impl NetResponse {
    pub(crate) fn new(
        status: StatusCode,
        status_text: String,
        headers: HeaderMap,
        url: Url,
        body: BodyReader,
    ) -> NetResponse {
        NetResponse {
            status,
            status_text,
            headers,
            url,
            decoded: body.decoded,
            body,
        }
    }

    /// The `Location` header resolved against the response URL (RFC 9110
    /// §10.2.2), for the caller's redirect handling. `None` when absent;
    /// `Some(Err)` when it is not a valid URL reference.
    pub fn location(&self) -> Option<Result<Url, url::ParseError>> {
        let value = self.headers.get(http::header::LOCATION)?;
        let text = String::from_utf8_lossy(value.as_bytes());
        Some(self.url.join(&text))
    }

    /// The next piece of the (decoded) body; `None` at its end. After an
    /// error the body is over.
    pub async fn chunk(&mut self) -> Option<Result<Bytes, NetError>> {
        if self.body.done {
            return None;
        }
        let url = self.url.as_str().to_string();
        let result = match self.body.deadline {
            Some((deadline, after)) => {
                let timeout_url = url.clone();
                self.body
                    .next(&url)
                    .or(async move {
                        smol::Timer::at(deadline).await;
                        Err(NetError::Timeout {
                            url: timeout_url,
                            phase: "request",
                            after,
                        })
                    })
                    .await
            }
            None => self.body.next(&url).await,
        };
        match result {
            Ok(Some(bytes)) => Some(Ok(bytes)),
            Ok(None) => {
                self.body.done = true;
                None
            }
            Err(err) => {
                self.body.done = true;
                self.body.conn = None;
                Some(Err(err))
            }
        }
    }

    /// Reads the whole body, refusing more than `limit` bytes (the client's
    /// own limit applies as well).
    pub async fn read_all(&mut self, limit: u64) -> Result<Bytes, NetError> {
        let mut all = BytesMut::new();
        while let Some(chunk) = self.chunk().await {
            let chunk = chunk?;
            if (all.len() + chunk.len()) as u64 > limit {
                self.body.done = true;
                self.body.conn = None;
                return Err(NetError::BodyTooLarge {
                    url: self.url.to_string(),
                    limit,
                });
            }
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }
}

impl BodyReader {
    async fn next(&mut self, url: &str) -> Result<Option<Bytes>, NetError> {
        loop {
            let frame = poll_fn(|cx| {
                // Drive the connection (it does the reading) and then look
                // for the next body frame it produced.
                if let Some(conn) = self.conn.as_mut()
                    && let Poll::Ready(Err(e)) = conn.poll_without_shutdown(cx)
                {
                    self.conn = None;
                    return Poll::Ready(Err(e));
                }
                Pin::new(&mut self.incoming).poll_frame(cx).map(Ok)
            })
            .await
            .map_err(|e| from_hyper(&e, url, &self.origin.host))?;
            match frame {
                Some(Ok(frame)) => {
                    let Ok(data) = frame.into_data() else {
                        continue; // trailers are not exposed (fetch ignores them)
                    };
                    let out = match self.decoder.as_mut() {
                        Some(d) => d.push(&data).map_err(|e| decode_error(url, e))?,
                        None => data,
                    };
                    self.count(url, out.len())?;
                    if !out.is_empty() {
                        return Ok(Some(out));
                    }
                }
                Some(Err(e)) => {
                    self.conn = None;
                    return Err(from_hyper(&e, url, &self.origin.host));
                }
                None => {
                    let tail = match self.decoder.as_mut() {
                        Some(d) => d.finish().map_err(|e| decode_error(url, e))?,
                        None => Bytes::new(),
                    };
                    self.count(url, tail.len())?;
                    self.release().await;
                    return Ok((!tail.is_empty()).then_some(tail));
                }
            }
        }
    }

    fn count(&mut self, url: &str, n: usize) -> Result<(), NetError> {
        self.received += n as u64;
        if self.received > self.limit {
            self.conn = None;
            return Err(NetError::BodyTooLarge {
                url: url.to_string(),
                limit: self.limit,
            });
        }
        Ok(())
    }

    /// Lets hyper finish the exchange and pools the socket when it may be
    /// reused and hyper read nothing past the response.
    async fn release(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        if !self.reusable {
            return;
        }
        // The request sender is gone, so the dispatcher finishes as soon as
        // the exchange is complete; this does not wait on the network.
        if poll_fn(|cx| conn.poll_without_shutdown(cx)).await.is_err() {
            return;
        }
        let parts = conn.into_parts();
        if parts.read_buf.is_empty() {
            self.pool.put(self.origin.clone(), parts.io);
        }
    }
}

fn decode_error(url: &str, err: std::io::Error) -> NetError {
    NetError::Protocol {
        url: url.to_string(),
        reason: format!("bad Content-Encoding: {err}"),
    }
}
