//! The one error type of the network layer.
//!
//! Every message names what happened and for which host or URL: `fetch`
//! turns a [`NetError`] into a `TypeError` whose `cause` carries this text,
//! and that text is all a script author sees.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// The URL cannot be fetched as written (no host, bad port...).
    InvalidUrl { url: String, reason: String },
    /// A scheme other than `http` and `https`.
    UnsupportedScheme { url: String, scheme: String },
    /// The host name did not resolve.
    Dns { host: String, reason: String },
    /// No TCP connection could be made (refused, unreachable).
    Connect {
        host: String,
        addr: Option<SocketAddr>,
        reason: String,
    },
    /// The TLS handshake failed: untrusted or mismatched certificate...
    Tls { host: String, reason: String },
    /// A deadline passed; `phase` is "connect" or "request".
    Timeout {
        url: String,
        phase: &'static str,
        after: Duration,
    },
    /// The peer sent something that is not HTTP/1.1.
    Protocol { url: String, reason: String },
    /// The (decoded) response body grew past the configured limit.
    BodyTooLarge { url: String, limit: u64 },
    /// The connection closed or was reset before the response was complete.
    Reset { url: String, reason: String },
    /// The network policy refused the destination.
    Denied {
        addr: SocketAddr,
        host: String,
        reason: &'static str,
    },
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::InvalidUrl { url, reason } => write!(f, "invalid URL {url}: {reason}"),
            NetError::UnsupportedScheme { url, scheme } => {
                write!(f, "unsupported URL scheme \"{scheme}:\" in {url}")
            }
            NetError::Dns { host, reason } => {
                write!(f, "DNS lookup for {host} failed: {reason}")
            }
            NetError::Connect {
                host,
                addr: Some(addr),
                reason,
            } => {
                write!(f, "could not connect to {host} ({addr}): {reason}")
            }
            NetError::Connect {
                host,
                addr: None,
                reason,
            } => {
                write!(f, "could not connect to {host}: {reason}")
            }
            NetError::Tls { host, reason } => {
                write!(f, "TLS handshake with {host} failed: {reason}")
            }
            NetError::Timeout { url, phase, after } => {
                write!(
                    f,
                    "{phase} timed out after {} ms for {url}",
                    after.as_millis()
                )
            }
            NetError::Protocol { url, reason } => {
                write!(f, "malformed HTTP response from {url}: {reason}")
            }
            NetError::BodyTooLarge { url, limit } => {
                write!(
                    f,
                    "response body from {url} exceeds the limit of {limit} bytes"
                )
            }
            NetError::Reset { url, reason } => {
                write!(
                    f,
                    "connection to {url} closed before the response was complete: {reason}"
                )
            }
            NetError::Denied { addr, host, reason } => {
                write!(f, "fetch to {addr} ({host}) is not allowed: {reason}")
            }
        }
    }
}

impl std::error::Error for NetError {}

impl NetError {
    /// A short machine-readable name of the failure, set as `code` on the
    /// `cause` of fetch's TypeError. Node's codes where node has one for
    /// the same failure (ENOTFOUND, ECONNREFUSED, ECONNRESET, ETIMEDOUT).
    pub fn code(&self) -> &'static str {
        match self {
            NetError::InvalidUrl { .. } => "ERR_INVALID_URL",
            NetError::UnsupportedScheme { .. } => "ERR_UNSUPPORTED_SCHEME",
            NetError::Dns { .. } => "ENOTFOUND",
            NetError::Connect { reason, .. } if reason.contains("refused") => "ECONNREFUSED",
            NetError::Connect { .. } => "ECONNECT",
            NetError::Tls { .. } => "ERR_TLS",
            NetError::Timeout { .. } => "ETIMEDOUT",
            NetError::Protocol { .. } => "ERR_HTTP_PROTOCOL",
            NetError::BodyTooLarge { .. } => "ERR_BODY_TOO_LARGE",
            NetError::Reset { .. } => "ECONNRESET",
            NetError::Denied { .. } => "ERR_NET_DENIED",
        }
    }
}

/// Classifies a hyper error for `url`. `host` names the TLS peer when a
/// rustls error surfaces through the I/O layer mid-connection.
pub(crate) fn from_hyper(err: &hyper::Error, url: &str, host: &str) -> NetError {
    let mut reason = err.to_string();
    let mut source = std::error::Error::source(err);
    let mut io_kind = None;
    while let Some(s) = source {
        reason.push_str(": ");
        reason.push_str(&s.to_string());
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>())
            {
                return NetError::Tls {
                    host: host.to_string(),
                    reason,
                };
            }
        }
        source = s.source();
    }
    use std::io::ErrorKind::*;
    if err.is_parse() || err.is_parse_status() || io_kind == Some(InvalidData) {
        // Malformed status line, headers or chunked framing (RFC 9112 §7.1).
        NetError::Protocol {
            url: url.to_string(),
            reason,
        }
    } else {
        NetError::Reset {
            url: url.to_string(),
            reason,
        }
    }
}

/// Whether a failure on a *reused* connection means only that the peer had
/// closed it while idle, so the request may go again on a fresh one.
pub(crate) fn is_stale_connection(err: &hyper::Error) -> bool {
    if err.is_incomplete_message() || err.is_canceled() || err.is_closed() {
        return true;
    }
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            return matches!(
                io.kind(),
                ConnectionReset | BrokenPipe | ConnectionAborted | UnexpectedEof
            );
        }
        source = s.source();
    }
    false
}
