//! Primitive values as text: quoting and escaping strings, numbers and
//! property names, the way node's `util.inspect` writes them.

use boa_engine::{Context, JsString, JsValue};

/// Length in UTF-16 code units, which is what node measures (`str.length`)
/// when it decides where to break lines.
pub fn js_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Columns a string takes in a terminal; node's `getStringWidth` without
/// the East Asian wide-character table (every char counts as one).
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// `Number.prototype.toString` of `n`, except that -0 is `-0` (node shows
/// the sign, `String(-0)` would not).
pub fn format_number(n: f64, cx: &mut Context) -> String {
    if n == 0.0 && n.is_sign_negative() {
        return "-0".to_owned();
    }
    match JsValue::new(n).to_string(cx) {
        Ok(s) => s.to_std_string_escaped(),
        Err(_) => n.to_string(),
    }
}

/// The escape node uses for code unit `unit` (its `meta` table), if any.
fn escape_of(unit: u16, quote: Quote) -> Option<String> {
    let named = match unit {
        0x08 => Some("\\b"),
        0x09 => Some("\\t"),
        0x0A => Some("\\n"),
        0x0C => Some("\\f"),
        0x0D => Some("\\r"),
        0x5C => Some("\\\\"),
        0x27 if quote == Quote::Single => Some("\\'"),
        _ => None,
    };
    if let Some(named) = named {
        return Some(named.to_owned());
    }
    if unit < 0x20 || (0x7F..0xA0).contains(&unit) {
        return Some(format!("\\x{unit:02X}"));
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
    Backtick,
}

/// A string literal as node prints it inside objects: single quotes unless
/// the text contains one (then double quotes, then backticks), with control
/// characters, the backslash and lone surrogates escaped.
pub fn quote_js_string(s: &JsString) -> String {
    quote_units(&s.to_vec())
}

/// [`quote_js_string`] for a Rust string.
pub fn quote_str(s: &str) -> String {
    quote_units(&s.encode_utf16().collect::<Vec<_>>())
}

fn quote_units(units: &[u16]) -> String {
    let has = |c: char| units.contains(&(c as u16));
    let quote = if !has('\'') {
        Quote::Single
    } else if !has('"') {
        Quote::Double
    } else if !has('`') && !contains_pair(units, '$', '{') {
        Quote::Backtick
    } else {
        Quote::Single
    };
    let body = escape_units(units, quote);
    match quote {
        Quote::Single => format!("'{body}'"),
        Quote::Double => format!("\"{body}\""),
        Quote::Backtick => format!("`{body}`"),
    }
}

fn contains_pair(units: &[u16], a: char, b: char) -> bool {
    units
        .windows(2)
        .any(|w| w[0] == a as u16 && w[1] == b as u16)
}

/// The escaped body of a string, without quotes.
fn escape_units(units: &[u16], quote: Quote) -> String {
    let mut out = String::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let unit = units[i];
        if let Some(esc) = escape_of(unit, quote) {
            out.push_str(&esc);
            i += 1;
            continue;
        }
        if (0xD800..0xDC00).contains(&unit)
            && let Some(&low) = units.get(i + 1)
            && (0xDC00..0xE000).contains(&low)
        {
            let c = char::decode_utf16([unit, low])
                .next()
                .and_then(Result::ok)
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            out.push(c);
            i += 2;
            continue;
        }
        match char::from_u32(u32::from(unit)) {
            Some(c) => out.push(c),
            // A lone surrogate: node writes it as a `\uXXXX` escape.
            None => out.push_str(&format!("\\u{unit:x}")),
        }
        i += 1;
    }
    out
}

/// Escapes a symbol's description or a non-enumerable key the way node
/// does for `[key]` names (escapes, no quotes).
pub fn escape_name(s: &str) -> String {
    escape_units(&s.encode_utf16().collect::<Vec<_>>(), Quote::Single)
}

/// Whether a property name prints bare (`a: 1`) rather than quoted
/// (`'a-b': 1`): node's `/^[a-zA-Z_][a-zA-Z_0-9]*$/`.
pub fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// "... 3 more items".
pub fn remaining_text(remaining: usize) -> String {
    let s = if remaining > 1 { "s" } else { "" };
    format!("... {remaining} more item{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_node() {
        assert_eq!(quote_str("a"), "'a'");
        assert_eq!(quote_str("it's"), "\"it's\"");
        assert_eq!(quote_str("it's \"x\""), "`it's \"x\"`");
        assert_eq!(quote_str("'\"`"), "'\\'\"`'");
        assert_eq!(quote_str("a\nb\u{1}"), "'a\\nb\\x01'");
    }

    #[test]
    fn plain_keys() {
        assert!(is_plain_key("a_1"));
        assert!(!is_plain_key("1a"));
        assert!(!is_plain_key("a-b"));
        assert!(!is_plain_key(""));
    }
}
