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

/// Size of the per-thread read buffer: hyper asks for at most its read
/// buffer's free space (8 KiB to start with, growing for large bodies).
const SCRATCH_BYTES: usize = 16 * 1024;

thread_local! {
    /// futures-io reads into initialised memory, hyper hands out
    /// uninitialised memory: reads go through this buffer, zeroed once per
    /// thread, so that no unsafe code touches uninitialised memory and no
    /// read pays for zeroing a fresh buffer (a stack buffer zeroed on every
    /// poll was 18% of the server's instructions per request).
    static SCRATCH: std::cell::RefCell<Box<[u8]>> =
        std::cell::RefCell::new(vec![0u8; SCRATCH_BYTES].into_boxed_slice());
}

/// Reads from `io` into hyper's cursor, through the thread's scratch
/// buffer (copying only the bytes read).
pub fn poll_read_into<R: AsyncRead + ?Sized>(
    io: Pin<&mut R>,
    cx: &mut Context<'_>,
    mut buf: hyper::rt::ReadBufCursor<'_>,
) -> Poll<io::Result<()>> {
    SCRATCH.with(|scratch| {
        // A read never polls another read on the same thread, so the buffer
        // is free; if it ever is not, a one-off buffer does the job.
        let mut fallback;
        let mut borrowed = scratch.try_borrow_mut();
        let tmp: &mut [u8] = match borrowed.as_mut() {
            Ok(tmp) => tmp,
            Err(_) => {
                fallback = vec![0u8; SCRATCH_BYTES];
                &mut fallback
            }
        };
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
    })
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
