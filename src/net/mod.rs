//! The network layer under `fetch()`: pure Rust, no JavaScript.
//!
//! [`HttpClient::send`] performs one HTTP/1.1 exchange (one redirect hop)
//! and returns a [`NetResponse`] whose body is read incrementally. Its
//! future is `'static`, never touches the Boa context and does all I/O with
//! `async-net` and `futures-rustls` on smol's reactor, so `fetch` runs it as
//! a native task of the event loop (`EventLoop::spawn_native`).
//!
//! - [`connect`]: DNS, policy check of each resolved address, TCP, TLS;
//! - [`policy`]: which addresses may be reached (SSRF protection);
//! - [`tls`]: rustls configuration and trust roots;
//! - [`hyper_io`]: hyper's I/O traits over futures-io streams;
//! - [`pool`]: idle keep-alive connections per origin;
//! - [`decode`]: streaming `Content-Encoding` decoding;
//! - [`request`], [`response`], [`client`]: the exchange itself;
//! - [`error`]: the one error type, [`NetError`].

pub mod client;
pub mod connect;
pub mod decode;
pub mod error;
pub mod hyper_io;
pub mod policy;
pub mod pool;
pub mod request;
pub mod response;
pub mod tls;

pub use client::{HttpClient, NetConfig};
pub use error::NetError;
pub use policy::{HostPattern, NetPolicy, PolicyMode};
pub use request::{Body, BodyChunks, NetRequest, StreamError, StreamedBody};
pub use response::NetResponse;
