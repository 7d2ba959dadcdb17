//! The HTTP routes of the fixture server, the same on the `http` and
//! `https` listeners. hyper does the wire format; each route only builds a
//! response from the query string.
//!
//! | route | answer |
//! |---|---|
//! | `/echo` | 200 JSON `{method, url, headers, body, bodyBase64}` of the request |
//! | `/status?code=N&text=R&body=B` | status N, reason R, body B |
//! | `/headers?set=name:value` (repeatable) | 200 `ok` with those headers |
//! | `/redirect?status=30X&to=URL` | `Location: URL` as given |
//! | `/redirect-loop?n=K` | redirects to `/redirect-loop?n=K+1`, forever |
//! | `/redirect-chain?n=K&final=PATH` | K redirects in all, the last to PATH |
//! | `/bytes?n=N` | N bytes, byte i is `i % 256`, with Content-Length |
//! | `/chunked?chunks=N&size=M&delay_ms=D` | chunked; chunk k is M times `'a' + k % 26`, D ms apart |
//! | `/slow?delay_ms=D` | the head after D ms, then `slow` |
//! | `/gzip`, `/deflate`, `/br` | [`COMPRESSED_TEXT`] with that Content-Encoding |
//! | `/count` | JSON `{connections, connection, requests}` (keep-alive reuse) |
//!
//! Anything else is 404. The redirect routes take `status=30X` too
//! (default 302).

use std::convert::Infallible;
use std::io::Write as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::header::{self, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::ext::ReasonPhrase;

/// A response body: in memory, generated or streamed.
pub type ResBody = UnsyncBoxBody<Bytes, Infallible>;

/// The text behind `/gzip`, `/deflate` and `/br`. `br.bin` holds it
/// compressed (see `certs/README.md` for how it was made; a test checks it
/// still decodes to this).
pub const COMPRESSED_TEXT: &str = "nano-boa fixture: a compressed body.\n\
    The quick brown fox jumps over the lazy dog.\n\
    The quick brown fox jumps over the lazy dog.\n\
    The quick brown fox jumps over the lazy dog.\n";

/// [`COMPRESSED_TEXT`] as brotli, made with the `brotli` dev-dependency so
/// the runtime carries no brotli encoder.
const BROTLI_TEXT: &[u8] = include_bytes!("br.bin");

/// Request bodies `/echo` accepts.
const MAX_ECHO_BODY: usize = 16 * 1024 * 1024;
/// Largest `/bytes` and `/chunked` body.
const MAX_GENERATED: u64 = 1 << 32;

/// Per-connection facts for `/count`.
#[derive(Debug)]
pub struct ConnInfo {
    /// Connections this listener accepted so far (shared by its connections).
    pub accepted: Arc<AtomicUsize>,
    /// This connection's number, from 1, in accept order.
    pub number: usize,
    /// Requests seen on this connection.
    pub requests: AtomicUsize,
}

/// Answers one request; never fails: a bad query is a 400.
pub async fn handle(req: Request<Incoming>, conn: Arc<ConnInfo>) -> Response<ResBody> {
    let requests = conn.requests.fetch_add(1, Ordering::Relaxed) + 1;
    let query = Query::of(&req);
    let result = match req.uri().path() {
        "/echo" => echo(req).await,
        "/status" => status(&query),
        "/headers" => headers(&query),
        "/redirect" => redirect(&query),
        "/redirect-loop" => redirect_loop(&query),
        "/redirect-chain" => redirect_chain(&query),
        "/bytes" => bytes(&query),
        "/chunked" => chunked(&query),
        "/slow" => slow(&query).await,
        "/gzip" => Ok(encoded("gzip", gzip())),
        "/deflate" => Ok(encoded("deflate", deflate())),
        "/br" => Ok(encoded("br", Bytes::from_static(BROTLI_TEXT))),
        "/count" => Ok(json(&serde_json::json!({
            "connections": conn.accepted.load(Ordering::Relaxed),
            "connection": conn.number,
            "requests": requests,
        }))),
        _ => Ok(text(StatusCode::NOT_FOUND, "not found")),
    };
    result.unwrap_or_else(|message| text(StatusCode::BAD_REQUEST, &message))
}

type RouteResult = Result<Response<ResBody>, String>;

/// The decoded query string, in order.
struct Query(Vec<(String, String)>);

impl Query {
    fn of(req: &Request<Incoming>) -> Query {
        let raw = req.uri().query().unwrap_or("");
        Query(
            url::form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A number parameter, `default` when absent.
    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("{name}={v} is not a non-negative integer")),
        }
    }
}

fn full(body: impl Into<Bytes>) -> ResBody {
    Full::new(body.into()).boxed_unsync()
}

fn text(status: StatusCode, body: &str) -> Response<ResBody> {
    let mut res = Response::new(full(body.to_owned()));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

fn json(value: &serde_json::Value) -> Response<ResBody> {
    let mut res = Response::new(full(value.to_string()));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// `/echo`: what arrived, for fixtures to check what fetch sent. Header
/// order is the order of first appearance (hyper's `HeaderMap` groups the
/// values of a repeated name); names are lowercase, as HTTP/2 and fetch's
/// `Headers` show them.
async fn echo(req: Request<Incoming>) -> RouteResult {
    let (head, body) = req.into_parts();
    let limited = http_body_util::Limited::new(body, MAX_ECHO_BODY);
    let body = match limited.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) => {
            return Ok(text(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("cannot read the request body: {err}"),
            ));
        }
    };
    let headers: Vec<[String; 2]> = head
        .headers
        .iter()
        .map(|(name, value)| {
            [
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            ]
        })
        .collect();
    let url = head
        .uri
        .path_and_query()
        .map_or_else(|| head.uri.to_string(), |pq| pq.as_str().to_owned());
    Ok(json(&serde_json::json!({
        "method": head.method.as_str(),
        "url": url,
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
        "bodyBase64": base64::engine::general_purpose::STANDARD.encode(&body),
    })))
}

/// `/status?code=N&text=REASON&body=...`
fn status(query: &Query) -> RouteResult {
    let code = query.number("code", 200)?;
    let status = u16::try_from(code)
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .filter(|s| !s.is_informational())
        .ok_or_else(|| format!("code={code} is not a final status (200-999)"))?;
    let mut res = text(status, query.get("body").unwrap_or(""));
    if let Some(reason) = query.get("text") {
        let reason = ReasonPhrase::try_from(reason.as_bytes().to_vec())
            .map_err(|_| format!("text={reason} is not a valid reason phrase"))?;
        res.extensions_mut().insert(reason);
    }
    Ok(res)
}

/// `/headers?set=name:value&set=...`: each `set` appended, so a name may
/// repeat (two `Set-Cookie`).
fn headers(query: &Query) -> RouteResult {
    let mut res = text(StatusCode::OK, "ok");
    for pair in query.all("set") {
        let (name, value) = pair
            .split_once(':')
            .ok_or_else(|| format!("set={pair} is not name:value"))?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| format!("'{name}' is not a header name"))?;
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| format!("'{value}' is not a header value"))?;
        res.headers_mut().append(name, value);
    }
    Ok(res)
}

fn redirect_status(query: &Query) -> Result<StatusCode, String> {
    let code = query.number("status", 302)?;
    u16::try_from(code)
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .filter(StatusCode::is_redirection)
        .ok_or_else(|| format!("status={code} is not a 3xx status"))
}

fn redirect_to(status: StatusCode, location: &str) -> RouteResult {
    let value = HeaderValue::from_str(location)
        .map_err(|_| format!("'{location}' is not a header value"))?;
    let mut res = Response::new(full(Bytes::new()));
    *res.status_mut() = status;
    res.headers_mut().insert(header::LOCATION, value);
    Ok(res)
}

/// `/redirect?status=30X&to=URL`: `Location` is `to` exactly as given.
fn redirect(query: &Query) -> RouteResult {
    let to = query.get("to").ok_or("/redirect needs to=URL")?;
    redirect_to(redirect_status(query)?, to)
}

/// The `status=` parameter again, for the next hop.
fn status_param(query: &Query) -> String {
    query
        .get("status")
        .map(|s| format!("&status={}", encode(s)))
        .unwrap_or_default()
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `/redirect-loop?n=K`: never ends, for redirect-limit fixtures.
fn redirect_loop(query: &Query) -> RouteResult {
    let n = query.number("n", 0)?;
    let next = format!("/redirect-loop?n={}{}", n + 1, status_param(query));
    redirect_to(redirect_status(query)?, &next)
}

/// `/redirect-chain?n=K&final=PATH`: K redirect responses in all, the
/// last one to PATH (default `/echo`), so fetch's limit of 20 is
/// `n=20` (followed) against `n=21` (network error).
fn redirect_chain(query: &Query) -> RouteResult {
    let n = query.number("n", 1)?;
    if n == 0 {
        return Err("/redirect-chain needs n >= 1".to_owned());
    }
    let last = query.get("final").unwrap_or("/echo");
    let status = redirect_status(query)?;
    if n == 1 {
        return redirect_to(status, last);
    }
    let next = format!(
        "/redirect-chain?n={}&final={}{}",
        n - 1,
        encode(last),
        status_param(query)
    );
    redirect_to(status, &next)
}

/// `/bytes?n=N`: generated as it is sent, with an exact length so hyper
/// writes `Content-Length`.
fn bytes(query: &Query) -> RouteResult {
    let n = query.number("n", 0)?;
    if n > MAX_GENERATED {
        return Err(format!("n={n} is more than {MAX_GENERATED}"));
    }
    let mut res = Response::new(PatternBody { sent: 0, len: n }.boxed_unsync());
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(res)
}

/// Byte i of `/bytes` is `i % 256`.
struct PatternBody {
    sent: u64,
    len: u64,
}

impl Body for PatternBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        const FRAME: u64 = 64 * 1024;
        let left = self.len - self.sent;
        if left == 0 {
            return Poll::Ready(None);
        }
        let start = self.sent;
        let frame: Vec<u8> = (start..start + left.min(FRAME))
            .map(|i| (i % 256) as u8)
            .collect();
        self.sent += frame.len() as u64;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(frame)))))
    }

    fn is_end_stream(&self) -> bool {
        self.sent == self.len
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len - self.sent)
    }
}

/// `/chunked?chunks=N&size=M&delay_ms=D`: no length, so hyper uses chunked
/// encoding; each chunk is its own frame, the first right away, then one
/// every D ms, so a client can see data before the body ends.
fn chunked(query: &Query) -> RouteResult {
    let chunks = query.number("chunks", 3)?;
    let size = query.number("size", 16)?;
    let delay = Duration::from_millis(query.number("delay_ms", 0)?);
    if chunks.saturating_mul(size) > MAX_GENERATED || size > MAX_ECHO_BODY as u64 {
        return Err("chunks*size is too large".to_owned());
    }
    let stream = futures_lite::stream::unfold(0u64, move |k| async move {
        if k == chunks {
            return None;
        }
        if k > 0 && !delay.is_zero() {
            smol::Timer::after(delay).await;
        }
        let letter = b'a' + (k % 26) as u8;
        let chunk = Bytes::from(vec![letter; size as usize]);
        Some((Ok::<_, Infallible>(Frame::data(chunk)), k + 1))
    });
    let mut res = Response::new(StreamBody::new(stream).boxed_unsync());
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Ok(res)
}

/// `/slow?delay_ms=D`: the response head only after D ms.
async fn slow(query: &Query) -> RouteResult {
    let delay = Duration::from_millis(query.number("delay_ms", 1000)?);
    smol::Timer::after(delay).await;
    Ok(text(StatusCode::OK, "slow"))
}

fn encoded(encoding: &'static str, body: Bytes) -> Response<ResBody> {
    let mut res = Response::new(full(body));
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    res
}

fn gzip() -> Bytes {
    static GZIP: OnceLock<Bytes> = OnceLock::new();
    GZIP.get_or_init(|| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = encoder.write_all(COMPRESSED_TEXT.as_bytes());
        Bytes::from(encoder.finish().unwrap_or_default())
    })
    .clone()
}

/// HTTP's `deflate` is the zlib format (RFC 9110 §8.4.1.2), not raw deflate.
fn deflate() -> Bytes {
    static DEFLATE: OnceLock<Bytes> = OnceLock::new();
    DEFLATE
        .get_or_init(|| {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            let _ = encoder.write_all(COMPRESSED_TEXT.as_bytes());
            Bytes::from(encoder.finish().unwrap_or_default())
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::{BROTLI_TEXT, COMPRESSED_TEXT};
    use std::io::Read;

    #[test]
    fn embedded_brotli_is_the_text() {
        let mut out = String::new();
        brotli_decompressor::Decompressor::new(BROTLI_TEXT, 4096)
            .read_to_string(&mut out)
            .expect("decode br.bin");
        assert_eq!(out, COMPRESSED_TEXT);
    }

    /// Makes `br.bin` again: `cargo test --lib -- --ignored
    /// regenerate_fixture_brotli`.
    #[test]
    #[ignore = "rewrites the checked-in br.bin"]
    fn regenerate_fixture_brotli() {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams::default();
        brotli::BrotliCompress(&mut COMPRESSED_TEXT.as_bytes(), &mut out, &params)
            .expect("compress");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/test262/fixture_server/br.bin");
        std::fs::write(path, out).expect("write br.bin");
    }
}
