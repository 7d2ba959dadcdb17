//! MIME types (WHATWG MIME Sniffing §4): parse and serialize, and Fetch
//! §3.7 "extract a MIME type" from a Content-Type header value.
//!
//! Hand-written: the `mime` crate parses RFC 2045-style types and rejects
//! or keeps inputs the WHATWG algorithm treats otherwise (duplicate
//! parameters, empty values, whitespace before `;`), and `Response.blob()`
//! must give the WHATWG serialization (e.g. `text/plain;charset=utf-8`).

/// A parsed MIME type: lowercase type and subtype, parameters in order with
/// lowercase names (the first of a duplicated name wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MimeType {
    pub(crate) essence: String,
    pub(crate) params: Vec<(String, String)>,
}

/// HTTP whitespace (Fetch §2.2): tab, LF, CR, space.
fn is_http_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' ')
}

/// An HTTP token code point (RFC 9110 `tchar`).
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_token_char)
}

/// An HTTP quoted-string token code point: tab, U+0020-U+007E, U+0080-U+00FF.
fn is_quoted_string_char(c: char) -> bool {
    c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c)
}

/// Fetch §2.2 "collect an HTTP quoted string" with extract-value true, on
/// `input` that starts with `"`: the value and the rest after the closing
/// quote (or the end).
fn collect_quoted_string(input: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = input.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, &input[i + 1..]),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => {
                    value.push('\\');
                    return (value, "");
                }
            },
            c => value.push(c),
        }
    }
    (value, "")
}

/// MIME Sniffing §4.4 "parse a MIME type"; `None` is failure.
pub(crate) fn parse(input: &str) -> Option<MimeType> {
    let input = input.trim_matches(is_http_whitespace);
    let (type_, rest) = input.split_once('/')?;
    if !is_token(type_) {
        return None;
    }
    let (subtype, mut rest) = match rest.find(';') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let subtype = subtype.trim_end_matches(is_http_whitespace);
    if !is_token(subtype) {
        return None;
    }
    let mut mime = MimeType {
        essence: format!(
            "{}/{}",
            type_.to_ascii_lowercase(),
            subtype.to_ascii_lowercase()
        ),
        params: Vec::new(),
    };
    // Each turn starts at a ';' (or the end).
    while let Some(after) = rest.strip_prefix(';') {
        let after = after.trim_start_matches(is_http_whitespace);
        let name_end = after.find([';', '=']).unwrap_or(after.len());
        let name = after[..name_end].to_ascii_lowercase();
        rest = &after[name_end..];
        let Some(after_equals) = rest.strip_prefix('=') else {
            continue;
        };
        let value;
        if after_equals.starts_with('"') {
            let (quoted, tail) = collect_quoted_string(after_equals);
            value = quoted;
            rest = tail.find(';').map_or("", |i| &tail[i..]);
        } else {
            let end = after_equals.find(';').unwrap_or(after_equals.len());
            value = after_equals[..end]
                .trim_end_matches(is_http_whitespace)
                .to_string();
            rest = &after_equals[end..];
            if value.is_empty() {
                continue;
            }
        }
        if is_token(&name)
            && value.chars().all(is_quoted_string_char)
            && !mime.params.iter().any(|(n, _)| *n == name)
        {
            mime.params.push((name, value));
        }
    }
    Some(mime)
}

impl MimeType {
    /// The value of the parameter `name` (lowercase).
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// MIME Sniffing §4.5 "serialize a MIME type".
    pub(crate) fn serialize(&self) -> String {
        let mut out = self.essence.clone();
        for (name, value) in &self.params {
            out.push(';');
            out.push_str(name);
            out.push('=');
            if is_token(value) {
                out.push_str(value);
            } else {
                out.push('"');
                for c in value.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
        }
        out
    }
}

/// Fetch §2.2 "get, decode, and split" a header value: split at commas
/// outside quoted strings, each piece trimmed of HTTP tab or space.
fn split_header_value(value: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut current = String::new();
    let mut rest = value;
    loop {
        let stop = rest.find(['"', ',']).unwrap_or(rest.len());
        current.push_str(&rest[..stop]);
        rest = &rest[stop..];
        if rest.starts_with('"') {
            // Kept as written (extract-value false): up to the closing quote.
            let mut end = rest.len();
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            current.push_str(&rest[..end]);
            rest = &rest[end..];
            if !rest.is_empty() {
                continue;
            }
        }
        values.push(current.trim_matches([' ', '\t']).to_string());
        current = String::new();
        match rest.strip_prefix(',') {
            Some(tail) => rest = tail,
            None => return values,
        }
    }
}

/// Fetch §3.7 "extract a MIME type" from the combined Content-Type value:
/// the last valid type wins, keeping an earlier charset of the same essence.
pub(crate) fn extract(content_type: Option<&str>) -> Option<MimeType> {
    let mut mime: Option<MimeType> = None;
    let mut charset: Option<String> = None;
    let mut essence: Option<String> = None;
    for value in split_header_value(content_type?) {
        let Some(mut parsed) = parse(&value) else {
            continue;
        };
        if parsed.essence == "*/*" {
            continue;
        }
        if essence.as_deref() != Some(parsed.essence.as_str()) {
            charset = parsed.param("charset").map(str::to_string);
            essence = Some(parsed.essence.clone());
        } else if parsed.param("charset").is_none()
            && let Some(charset) = &charset
        {
            parsed.params.push(("charset".into(), charset.clone()));
        }
        mime = Some(parsed);
    }
    mime
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(input: &str) -> Option<String> {
        parse(input).map(|m| m.serialize())
    }

    #[test]
    fn parses_and_serializes_as_whatwg() {
        assert_eq!(
            round_trip(" Text/Plain ; Charset=\"utf-8\" ").as_deref(),
            Some("text/plain;charset=utf-8")
        );
        assert_eq!(
            round_trip("a/b;x=1;X=2;y;z=;w=\"q\\\"r s\"").as_deref(),
            Some("a/b;x=1;w=\"q\\\"r s\"")
        );
        assert_eq!(round_trip("text"), None);
        assert_eq!(round_trip("te xt/plain"), None);
        assert_eq!(round_trip("text/"), None);
        assert_eq!(
            parse("multipart/form-data; boundary=\"a,b\"")
                .and_then(|m| m.param("boundary").map(str::to_string))
                .as_deref(),
            Some("a,b")
        );
    }

    #[test]
    fn extracts_the_last_valid_type() {
        let get = |v: &str| extract(Some(v)).map(|m| m.serialize());
        assert_eq!(
            get("text/plain;charset=gbk, text/plain").as_deref(),
            Some("text/plain;charset=gbk")
        );
        assert_eq!(get("text/html, */*").as_deref(), Some("text/html"));
        assert_eq!(
            get("multipart/form-data; boundary=\"x,y\"").as_deref(),
            Some("multipart/form-data;boundary=\"x,y\"")
        );
        assert_eq!(get("nope"), None);
    }
}
