//! Connection hand-off: an HTTP thread reads a new connection's first
//! request head, routes it by its `Host`, and hands the whole connection
//! (the socket and the bytes already read) to an instance of that app. The
//! instance's thread then serves the connection with hyper itself
//! (`worker::serve_http`), so that the requests of a keep-alive connection
//! reach the app's JavaScript without crossing threads.
//!
//! Why: handing each request to the instance thread and its answer back
//! costs two cross-thread wake-ups per request. On the 2-core machine the
//! benchmarks run on, that doubled the CPU time of a hello request (22 to
//! 45 µs, `perf stat` of the server under `wrk -t2 -c32`), most of it in
//! the scheduler. With the connection on the instance's thread, a request
//! costs one wake-up at most (the reactor's), as when every thread ran
//! JavaScript itself.
//!
//! A request on such a connection for another app (or the same app once
//! reloaded) still goes to that app's pool, across threads, as from an
//! HTTP thread. A head that does not arrive whole in the first read, or
//! names no routable host, keeps the connection on the HTTP thread.
//!
//! An instance whose thread is stuck cannot answer for its connections;
//! the watchdog does ([`Watched::fail`]): a request the app had not
//! answered gets a 503 written to the socket from the watchdog's thread,
//! and every connection of the instance is shut down, so clients are not
//! left waiting on a thread that may never return.

use std::io;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_lite::{AsyncRead, AsyncReadExt, AsyncWrite, FutureExt};

use super::Shared;
use super::metrics;

/// Bytes read from a new connection before routing it: a request head of
/// a real client fits (the head limit, `max_header_kb`, is checked by
/// hyper's side later; a longer head stays on the HTTP thread).
const FIRST_READ: usize = 8 * 1024;

/// A connection counted in [`Shared::open_connections`] and the metrics
/// until dropped, on whichever thread serves it.
pub struct OpenConnection(Arc<Shared>);

impl OpenConnection {
    pub fn new(shared: Arc<Shared>) -> OpenConnection {
        metrics::connection_opened();
        OpenConnection(shared)
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open_connections.fetch_sub(1, Ordering::AcqRel);
        metrics::connection_closed();
    }
}

/// A connection on its way from an HTTP thread to an instance thread.
pub struct Handoff {
    pub stream: async_net::TcpStream,
    /// What was read of it so far (the first request's head, maybe more).
    pub prefix: Vec<u8>,
    pub peer: SocketAddr,
    pub shared: Arc<Shared>,
    pub open: OpenConnection,
}

/// What the first read of a connection gave.
pub enum FirstRead {
    /// A whole request head, and the host it names (`None`: none usable,
    /// the per-request check answers it).
    Head {
        prefix: Vec<u8>,
        host: Option<String>,
    },
    /// Some bytes, but no whole head (or one httparse refuses): served on
    /// the HTTP thread, where hyper gives the right answer.
    Partial(Vec<u8>),
    /// Closed, failed or timed out before a byte came.
    Nothing,
}

/// Reads what the client sent first (one read, waiting at most `timeout`,
/// as hyper's header timeout would) and finds the host of its first
/// request: the authority of an absolute-form target, or the one `Host`
/// field (RFC 9112 §3.2, <https://www.rfc-editor.org/rfc/rfc9112#section-3.2>).
pub async fn first_read(stream: &mut async_net::TcpStream, timeout: Duration) -> FirstRead {
    let mut buf = vec![0u8; FIRST_READ];
    let read = async { Some(stream.read(&mut buf).await) }
        .or(async {
            smol::Timer::after(timeout).await;
            None
        })
        .await;
    let n = match read {
        Some(Ok(n)) if n > 0 => n,
        _ => return FirstRead::Nothing,
    };
    buf.truncate(n);
    let mut fields = [httparse::EMPTY_HEADER; 64];
    let mut head = httparse::Request::new(&mut fields);
    match head.parse(&buf) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return FirstRead::Partial(buf),
    }
    let from_target = head
        .path
        .and_then(|target| target.parse::<http::Uri>().ok())
        .and_then(|uri| uri.authority().map(|a| a.as_str().to_string()));
    let host = from_target.or_else(|| {
        let mut hosts = head
            .headers
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case("host"));
        match (hosts.next(), hosts.next()) {
            (Some(field), None) => std::str::from_utf8(field.value).ok().map(str::to_string),
            _ => None,
        }
    });
    FirstRead::Head { prefix: buf, host }
}

/// A stream with bytes already read from it put back in front.
pub struct Prefixed<T> {
    prefix: Vec<u8>,
    at: usize,
    inner: T,
}

impl<T> Prefixed<T> {
    pub fn new(prefix: Vec<u8>, inner: T) -> Prefixed<T> {
        Prefixed {
            prefix,
            at: 0,
            inner,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Prefixed<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.at < this.prefix.len() {
            let n = buf.len().min(this.prefix.len() - this.at);
            buf[..n].copy_from_slice(&this.prefix[this.at..this.at + n]);
            this.at += n;
            if this.at == this.prefix.len() {
                // Done with it: the connection may live for hours.
                this.prefix = Vec::new();
                this.at = 0;
            }
            return Poll::Ready(Ok(n));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Prefixed<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_close(cx)
    }
}

/// A connection served on an instance thread, as the watchdog sees it: a
/// handle on its socket (a second reference, not a second descriptor: the
/// socket stays open, and its number cannot be reused, while the watchdog
/// holds it) and whether a request on it waits for the app.
#[derive(Debug)]
pub struct Watched {
    socket: async_net::TcpStream,
    answering: AtomicBool,
}

/// The 503 the watchdog writes for a request its stuck instance holds.
const STUCK_RESPONSE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
    Content-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\n\
    Connection: close\r\n\r\nService Unavailable\n";

impl Watched {
    pub fn new(stream: &async_net::TcpStream) -> Arc<Watched> {
        Arc::new(Watched {
            socket: stream.clone(),
            answering: AtomicBool::new(false),
        })
    }

    /// Marks a request on the connection as waiting for the app (true) or
    /// answered (false).
    pub fn set_answering(&self, answering: bool) {
        self.answering.store(answering, Ordering::Release);
    }

    /// The instance is stuck: answers the request it holds with a 503 (if
    /// no byte of an answer went out, which cannot happen while the app
    /// has not answered) and shuts the connection down either way.
    pub fn fail(&self) {
        let fd = self.socket.as_raw_fd();
        if self.answering.swap(false, Ordering::AcqRel) {
            // SAFETY: `fd` stays open for as long as `self` holds its
            // socket; the buffer is a static byte string. Non-blocking:
            // a 110-byte answer fits any socket buffer, and if it does
            // not, the shutdown below is the answer.
            unsafe {
                libc::send(
                    fd,
                    STUCK_RESPONSE.as_ptr().cast(),
                    STUCK_RESPONSE.len(),
                    libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
                );
            }
        }
        // SAFETY: as above; shutting a socket down touches no memory.
        unsafe {
            libc::shutdown(fd, libc::SHUT_RDWR);
        }
    }
}

/// A request that waits for the app on a watched connection, until
/// dropped (answered, or the client left).
pub struct Answering(Option<Arc<Watched>>);

impl Answering {
    pub fn start(watched: Option<&Arc<Watched>>) -> Answering {
        if let Some(w) = watched {
            w.set_answering(true);
        }
        Answering(watched.cloned())
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        if let Some(w) = &self.0 {
            w.set_answering(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_response_length_is_right() {
        let text = std::str::from_utf8(STUCK_RESPONSE).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
    }

    #[test]
    fn prefixed_reads_the_prefix_first() {
        let inner = futures_lite::io::Cursor::new(b" world".to_vec());
        let mut io = Prefixed::new(b"hello".to_vec(), inner);
        let mut out = String::new();
        futures_lite::future::block_on(io.read_to_string(&mut out)).unwrap();
        assert_eq!(out, "hello world");
    }
}
