//! What [`HttpClient::send`](super::HttpClient::send) is asked to do.

use bytes::Bytes;
use http::{HeaderMap, Method};
use url::Url;

/// A request body.
#[derive(Debug, Clone, Default)]
pub enum Body {
    #[default]
    Empty,
    /// A body held in memory; replayable, so a request on a stale pooled
    /// connection can go again. A streamed variant (from a ReadableStream)
    /// is a later addition and will not be replayable.
    Bytes(Bytes),
}

impl Body {
    pub fn len(&self) -> usize {
        match self {
            Body::Empty => 0,
            Body::Bytes(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
