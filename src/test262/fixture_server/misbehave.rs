//! The `bad` listener: a raw TCP server that breaks HTTP on purpose, for
//! fixtures about network errors. It writes bytes by hand instead of using
//! hyper, because hyper would (rightly) refuse to produce these answers.
//!
//! | path | what happens |
//! |---|---|
//! | `/malformed` | bytes that are not an HTTP response, then close |
//! | `/close` | close without answering |
//! | `/reset-mid-body` | `Content-Length: 100`, 10 bytes of body, close |
//! | `/bad-chunk` | `Transfer-Encoding: chunked` with a chunk size that is not hex |
//! | `/hang` | never answers (ended only by the client or server shutdown) |
//!
//! Anything else gets a plain 404, so a fixture can tell the listener is up.

use async_net::TcpStream;
use futures_lite::{AsyncReadExt, AsyncWriteExt};

/// The longest request head read before the path is looked at.
const MAX_HEAD: usize = 16 * 1024;

/// Serves one connection: one request, one misbehaviour.
pub async fn serve(mut stream: TcpStream) -> std::io::Result<()> {
    let Some(path) = read_path(&mut stream).await? else {
        return Ok(());
    };
    let path = path.split('?').next().unwrap_or("");
    match path {
        "/malformed" => {
            stream
                .write_all(b"\x00\x01 this is not HTTP \xff\r\n\r\n")
                .await?;
        }
        "/close" => {}
        "/reset-mid-body" => {
            // A close after a short body: the client sees fewer bytes than
            // Content-Length promised. (A RST via SO_LINGER 0 would need
            // a socket-options crate; the truncation is what fixtures test.)
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
                .await?;
        }
        "/bad-chunk" => {
            stream
                .write_all(
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                      5\r\nhello\r\nzz\r\nnot a chunk\r\n",
                )
                .await?;
        }
        "/hang" => {
            // Held open, reading and ignoring, until the client goes; the
            // executor's drop at shutdown cancels this future too.
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            return Ok(());
        }
        _ => {
            stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
                )
                .await?;
        }
    }
    stream.flush().await?;
    stream.shutdown(std::net::Shutdown::Both)
}

/// Reads the request head and returns the request target of its first
/// line; `None` when the peer closes first or sends no HTTP-like head.
async fn read_path(stream: &mut TcpStream) -> std::io::Result<Option<String>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = head.split(|&b| b == b'\r').next().unwrap_or(&[]);
    let line = String::from_utf8_lossy(line);
    Ok(line.split(' ').nth(1).map(str::to_owned))
}
