//! Resolving, policy-checking and opening a connection.
//!
//! All I/O runs on smol's reactor: `async-net` sockets, `futures-rustls` for
//! TLS, and [`Stream`] adapts the result to hyper's own I/O traits.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use async_net::TcpStream;
use futures_lite::{AsyncRead, AsyncWrite, FutureExt};
use rustls::ClientConfig;
use rustls_pki_types::ServerName;

use super::error::NetError;
use super::policy::NetPolicy;

/// Where a connection goes; also the connection pool's key (the origin).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub https: bool,
    /// As in the URL: a name, an IPv4 literal or a bracket-less IPv6 literal.
    pub host: String,
    pub port: u16,
}

/// A connected socket, plain or TLS.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<futures_rustls::client::TlsStream<TcpStream>>),
}

/// Resolves the origin's host, checks each address against the policy and
/// connects to the first permitted address that answers. The socket is
/// connected to exactly the checked address: nothing resolves twice.
pub async fn connect(
    origin: &Origin,
    policy: &NetPolicy,
    tls: &Arc<ClientConfig>,
    connect_timeout: Duration,
) -> Result<Stream, NetError> {
    let attempt = async {
        let addrs = resolve(origin).await?;
        let tcp = connect_checked(origin, policy, &addrs).await?;
        // Small requests should not wait for Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        if !origin.https {
            return Ok(Stream::Plain(tcp));
        }
        let name = ServerName::try_from(origin.host.clone()).map_err(|e| NetError::Tls {
            host: origin.host.clone(),
            reason: format!("invalid server name: {e}"),
        })?;
        let tls = futures_rustls::TlsConnector::from(tls.clone())
            .connect(name, tcp)
            .await
            .map_err(|e| NetError::Tls {
                host: origin.host.clone(),
                reason: e.to_string(),
            })?;
        Ok(Stream::Tls(Box::new(tls)))
    };
    attempt
        .or(async {
            smol::Timer::after(connect_timeout).await;
            Err(NetError::Timeout {
                url: format!("{}://{}:{}", scheme(origin), origin.host, origin.port),
                phase: "connect",
                after: connect_timeout,
            })
        })
        .await
}

fn scheme(origin: &Origin) -> &'static str {
    if origin.https { "https" } else { "http" }
}

async fn resolve(origin: &Origin) -> Result<Vec<SocketAddr>, NetError> {
    // IP literals need no lookup (url::Url hands IPv6 without brackets here).
    if let Ok(ip) = origin.host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, origin.port)]);
    }
    // async-net resolves on smol's blocking pool: getaddrinfo has no
    // non-blocking form, and this keeps the event loop thread free.
    let addrs = async_net::resolve((origin.host.as_str(), origin.port))
        .await
        .map_err(|e| NetError::Dns {
            host: origin.host.clone(),
            reason: e.to_string(),
        })?;
    if addrs.is_empty() {
        return Err(NetError::Dns {
            host: origin.host.clone(),
            reason: "no addresses".into(),
        });
    }
    Ok(addrs)
}

async fn connect_checked(
    origin: &Origin,
    policy: &NetPolicy,
    addrs: &[SocketAddr],
) -> Result<TcpStream, NetError> {
    let mut denied = None;
    let mut last_err = None;
    for &addr in addrs {
        if let Err(reason) = policy.check(&origin.host, addr) {
            denied.get_or_insert(NetError::Denied {
                addr,
                host: origin.host.clone(),
                reason,
            });
            continue;
        }
        match TcpStream::connect(addr).await {
            Ok(tcp) => return Ok(tcp),
            Err(e) => {
                last_err = Some(NetError::Connect {
                    host: origin.host.clone(),
                    addr: Some(addr),
                    reason: e.to_string(),
                })
            }
        }
    }
    // A connect failure is more telling than a refusal of another address.
    Err(last_err.or(denied).unwrap_or_else(|| NetError::Connect {
        host: origin.host.clone(),
        addr: None,
        reason: "no address to connect to".into(),
    }))
}

impl Stream {
    fn io(self: Pin<&mut Self>) -> Pin<&mut dyn AsyncReadWrite> {
        let io: &mut dyn AsyncReadWrite = match self.get_mut() {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.as_mut(),
        };
        Pin::new(io)
    }

    /// Whether an idle pooled connection still looks usable: the peer may
    /// have closed it (or sent stray bytes) while it sat in the pool. A
    /// read that would block is the healthy answer.
    pub fn is_reusable(&mut self) -> bool {
        let mut byte = [0u8; 1];
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let res = match self {
            Stream::Plain(s) => Pin::new(s).poll_read(&mut cx, &mut byte),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(&mut cx, &mut byte),
        };
        res.is_pending()
    }
}

trait AsyncReadWrite: AsyncRead + AsyncWrite + Unpin {}
impl<T: AsyncRead + AsyncWrite + Unpin> AsyncReadWrite for T {}

// hyper has its own I/O traits; these forward to futures-io through the
// shared adapter in `hyper_io`.
impl hyper::rt::Read for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        super::hyper_io::poll_read_into(self.io(), cx, buf)
    }
}

impl hyper::rt::Write for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.io().poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io().poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io().poll_close(cx)
    }
}
