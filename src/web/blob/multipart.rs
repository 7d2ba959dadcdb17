//! FormData on the wire: the multipart/form-data encoding (HTML
//! §4.10.21.8, used by Fetch §6.4 "extract") and the parsers behind
//! `formData()` (Fetch §6.3): multipart/form-data and
//! application/x-www-form-urlencoded.

use boa_engine::JsResult;
use bytes::Bytes;

use super::FormValue;
use super::blob_snapshot;
use crate::web::webidl::type_error;

/// HTML §4.10.21.8: in names and filenames, `"` becomes `%22`, LF `%0A`,
/// CR `%0D` (the only escaping the format has).
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

/// The inverse of [`escape`], as node and browsers apply when parsing.
fn unescape(name: &str) -> String {
    name.replace("%22", "\"")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
}

/// Line breaks (a lone CR, a lone LF, CRLF) as CRLF: HTML's "constructing
/// the entry list" normalizes names and string values so.
fn normalize_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// A boundary that no content is likely to contain: 24 random hex digits
/// after a fixed prefix (as browsers and undici do).
fn random_boundary() -> JsResult<String> {
    let mut random = [0u8; 12];
    getrandom::getrandom(&mut random)
        .map_err(|e| type_error(format!("FormData: no random boundary: {e}")))?;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("----formdata-nano-boa-{hex}"))
}

/// The multipart/form-data body of `entries` and its Content-Type
/// (`multipart/form-data; boundary=...`).
pub(crate) fn encode(entries: &[(String, FormValue)]) -> JsResult<(Vec<u8>, String)> {
    let boundary = random_boundary()?;
    let mut body = Vec::new();
    for (name, value) in entries {
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        body.extend_from_slice(escape(&normalize_line_breaks(name)).as_bytes());
        body.push(b'"');
        match value {
            FormValue::Text(text) => {
                body.extend_from_slice(b"\r\n\r\n");
                body.extend_from_slice(normalize_line_breaks(text).as_bytes());
            }
            FormValue::File(file) => {
                let file = blob_snapshot(&file.clone().into())
                    .ok_or_else(|| type_error("internal: a FormData file is not a Blob"))?;
                let filename = file.file.map(|(name, _)| name).unwrap_or_default();
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(escape(&filename).as_bytes());
                body.extend_from_slice(b"\"\r\nContent-Type: ");
                let mime = if file.mime.is_empty() {
                    "application/octet-stream"
                } else {
                    file.mime.as_str()
                };
                body.extend_from_slice(mime.as_bytes());
                body.extend_from_slice(b"\r\n\r\n");
                body.extend_from_slice(&file.bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"--");
    body.extend_from_slice(boundary.as_bytes());
    body.extend_from_slice(b"--\r\n");
    Ok((body, format!("multipart/form-data; boundary={boundary}")))
}

/// A parsed entry's value.
pub(crate) enum ParsedValue {
    Text(String),
    File {
        filename: String,
        /// The part's Content-Type as sent, `text/plain` when absent.
        mime: String,
        bytes: Bytes,
    },
}

/// Parses a multipart/form-data body (RFC 7578) with `multer`. multer is
/// an async parser of a byte stream; here the whole body is in memory, so
/// it gets a one-item stream and is driven to completion on the spot (it
/// never waits: every poll has its data). Its size limits are left off:
/// the body was already bounded where it was received.
pub(crate) fn parse_multipart(
    body: Bytes,
    boundary: &str,
) -> Result<Vec<(String, ParsedValue)>, String> {
    let stream = futures_lite::stream::once(Ok::<Bytes, std::convert::Infallible>(body));
    let mut multipart = multer::Multipart::new(stream, boundary);
    futures_lite::future::block_on(async move {
        let mut entries = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
            let name = field
                .name()
                .map(unescape)
                .ok_or_else(|| "a part has no name".to_string())?;
            let filename = field.file_name().map(unescape);
            let mime = field
                .headers()
                .get(http::header::CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let bytes = field.bytes().await.map_err(|e| e.to_string())?;
            let value = match filename {
                Some(filename) => ParsedValue::File {
                    filename,
                    mime: mime.unwrap_or_else(|| "text/plain".to_string()),
                    bytes,
                },
                None => ParsedValue::Text(String::from_utf8_lossy(&bytes).into_owned()),
            };
            entries.push((name, value));
        }
        Ok(entries)
    })
}

/// URL §5.1 "application/x-www-form-urlencoded parser".
pub(crate) fn parse_urlencoded(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_normalizes_as_html_says() {
        assert_eq!(escape("a\"b\r\nc"), "a%22b%0D%0Ac");
        assert_eq!(unescape("a%22b%0D%0Ac"), "a\"b\r\nc");
        assert_eq!(
            normalize_line_breaks("a\nb\rc\r\nd\n\r"),
            "a\r\nb\r\nc\r\nd\r\n\r\n"
        );
    }

    #[test]
    fn parses_what_it_encodes() {
        let entries = vec![("a\"\n".to_string(), FormValue::Text("x\ny".into()))];
        let (body, content_type) = encode(&entries).expect("encode");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect("boundary");
        let parsed = parse_multipart(Bytes::from(body), boundary).expect("parse");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].0, "a\"\r\n");
        assert!(matches!(&parsed[0].1, ParsedValue::Text(t) if t == "x\r\ny"));
    }

    #[test]
    fn rejects_a_truncated_body() {
        let body =
            Bytes::from_static(b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
        assert!(parse_multipart(body, "B").is_err());
    }
}
