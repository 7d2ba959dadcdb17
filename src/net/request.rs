//! What [`HttpClient::send`](super::HttpClient::send) is asked to do.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Method};
use url::Url;

/// A request body.
#[derive(Debug, Clone, Default)]
pub enum Body {
    #[default]
    Empty,
    /// A body held in memory; replayable, so a request on a stale pooled
    /// connection can go again.
    Bytes(Bytes),
    /// Chunks sent as they come (chunked); not replayable.
    Stream(StreamedBody),
}

impl Body {
    pub fn is_stream(&self) -> bool {
        matches!(self, Body::Stream(_))
    }
}

/// Why a streamed body ended early; the connection is then closed, so the
/// peer sees a truncated body.
#[derive(Debug)]
pub struct StreamError(pub String);

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StreamError {}

/// The chunks of a streamed body, and how it ends: the stream ends after
/// the last chunk, or an `Err` ends it early.
pub type BodyChunks =
    std::pin::Pin<Box<dyn futures_lite::Stream<Item = Result<Bytes, StreamError>> + Send>>;

/// A streamed request body: the chunks, taken by the first attempt to
/// send the request.
#[derive(Clone)]
pub struct StreamedBody(Arc<Mutex<Option<BodyChunks>>>);

impl StreamedBody {
    pub fn new(chunks: BodyChunks) -> StreamedBody {
        StreamedBody(Arc::new(Mutex::new(Some(chunks))))
    }

    /// The chunks, once.
    pub fn take(&self) -> Option<BodyChunks> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

impl std::fmt::Debug for StreamedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StreamedBody")
    }
}

/// One HTTP request: one hop, redirects are the caller's business.
#[derive(Debug, Clone)]
pub struct NetRequest {
    pub method: Method,
    pub url: Url,
    /// Sent as given, except that `Host`, `Content-Length` and (when absent)
    /// `Accept-Encoding` and `User-Agent` are filled in.
    pub headers: HeaderMap,
    pub body: Body,
}

impl NetRequest {
    /// A GET without headers.
    pub fn get(url: Url) -> NetRequest {
        NetRequest {
            method: Method::GET,
            url,
            headers: HeaderMap::new(),
            body: Body::Empty,
        }
    }
}
