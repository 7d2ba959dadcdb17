//! hyper's I/O traits over futures-io streams (smol's `async-net` sockets,
//! `futures-rustls` streams). Shared by the client ([`super::connect`]) and
//! the test runner's fixture server, so there is one adapter to get right.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_lite::{AsyncRead, AsyncWrite};

/// A futures-io stream seen through hyper's `Read`/`Write`.
#[derive(Debug)]
pub struct HyperIo<T>(pub T);

/// Reads from `io` into hyper's cursor. The read goes through a small stack
/// buffer so no unsafe code touches uninitialised memory.
pub fn poll_read_into<R: AsyncRead + ?Sized>(
    io: Pin<&mut R>,
    cx: &mut Context<'_>,
    mut buf: hyper::rt::ReadBufCursor<'_>,
) -> Poll<io::Result<()>> {
    let mut tmp = [0u8; 8192];
    let want = buf.remaining().min(tmp.len());
    match io.poll_read(cx, &mut tmp[..want]) {
        // A TLS peer that closes without close_notify (RFC 8446 §6.1) is
        // common; HTTP framing (Content-Length, chunked) still detects a
        // truncated message, so treat it as a plain end of stream, as
        // browsers do. Plain TCP reads never report this kind.
        Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::UnexpectedEof => Poll::Ready(Ok(())),
        Poll::Ready(Ok(n)) => {
            buf.put_slice(&tmp[..n]);
            Poll::Ready(Ok(()))
        }
        Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
        Poll::Pending => Poll::Pending,
    }
}

impl<T: AsyncRead + Unpin> hyper::rt::Read for HyperIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        poll_read_into(Pin::new(&mut self.0), cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> hyper::rt::Write for HyperIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_close(cx)
    }
}
