//! `node:querystring` (<https://nodejs.org/docs/latest-v20.x/api/querystring.html>):
//! `parse`/`decode`, `stringify`/`encode`, `escape`, `unescape`, with
//! node's rules: `+` is a space, a malformed `%` sequence stays as it is,
//! repeated keys give arrays, `maxKeys` (1000 by default), and values that
//! are not strings, finite numbers, bigints or booleans stringify as empty.
//!
//! Written by hand: node's exact leniency is the contract, and the URL
//! standard's form-urlencoded parser (the `url` crate's) differs from it.

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsString, JsValue, js_string,
};

/// The `querystring` module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let function = |cx: &mut Context, f: crate::web::webidl::NativeFn, name: &str, length| {
        crate::web::webidl::function(cx, JsString::from(name), length, f)
    };
    // `decode` and `encode` are the same functions as `parse` and
    // `stringify`, as in node.
    let parse = function(cx, parse, "parse", 4);
    let stringify = function(cx, stringify, "stringify", 4);
    let escape = function(cx, escape, "escape", 1);
    let unescape = function(cx, unescape, "unescape", 1);
    let mut object = ObjectInitializer::new(cx);
    for (name, f) in [
        ("decode", &parse),
        ("encode", &stringify),
        ("escape", &escape),
        ("parse", &parse),
        ("stringify", &stringify),
        ("unescape", &unescape),
    ] {
        object.property(JsString::from(name), f.clone(), Attribute::all());
    }
    Ok(object.build().into())
}

/// A separator argument: the default for undefined, null or "".
fn separator(value: &JsValue, default: &str, cx: &mut Context) -> JsResult<String> {
    if value.is_null_or_undefined() {
        return Ok(default.to_owned());
    }
    let s = value.to_string(cx)?.to_std_string_escaped();
    Ok(if s.is_empty() { default.to_owned() } else { s })
}

/// Percent-decoding as node's `unescapeBuffer`: `%XX` with two hex digits
/// is a byte, anything else is kept; the bytes are read as UTF-8 (invalid
/// sequences become U+FFFD).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(&h), Some(&l)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(h), Some(l)) = (hex(h), hex(l))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `unescape(str)`.
fn unescape(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let text = args
        .get_or_undefined(0)
        .to_string(cx)?
        .to_std_string_escaped();
    Ok(JsString::from(decode(&text).as_str()).into())
}

/// `escape(str)`: encodeURIComponent's set (node's table), a lone
/// surrogate a URIError.
fn escape(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let text = args.get_or_undefined(0).to_string(cx)?;
    Ok(JsString::from(encode(&text)?.as_str()).into())
}

fn encode(text: &JsString) -> JsResult<String> {
    let mut out = String::with_capacity(text.len());
    for unit in char::decode_utf16(text.iter()) {
        let c = unit.map_err(|_| JsNativeError::uri().with_message("URI malformed"))?;
        if c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Ok(out)
}

/// `parse(str, sep = "&", eq = "=", { maxKeys = 1000 })`: a null-prototype
/// object.
fn parse(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let result = JsObject::with_null_proto();
    let input = args.get_or_undefined(0);
    if !input.is_string() {
        return Ok(result.into());
    }
    let text = input.to_string(cx)?.to_std_string_escaped();
    let sep = separator(args.get_or_undefined(1), "&", cx)?;
    let eq = separator(args.get_or_undefined(2), "=", cx)?;
    let mut max_keys = 1000usize;
    if let Some(options) = args.get_or_undefined(3).as_object() {
        let value = options.get(js_string!("maxKeys"), cx)?;
        if value.is_number() {
            let n = value.to_number(cx)?;
            max_keys = if n > 0.0 { n as usize } else { 0 };
        }
    }
    if text.is_empty() {
        return Ok(result.into());
    }
    // maxKeys counts the pairs read, empty ones included (node).
    let limit = if max_keys > 0 { max_keys } else { usize::MAX };
    for pair in text.split(sep.as_str()).take(limit) {
        if pair.is_empty() {
            continue;
        }
        let (key, value) = match pair.find(eq.as_str()) {
            Some(at) => (&pair[..at], &pair[at + eq.len()..]),
            None => (pair, ""),
        };
        let key = JsString::from(decode(&key.replace('+', " ")).as_str());
        let value: JsValue = JsString::from(decode(&value.replace('+', " ")).as_str()).into();
        let existing = result.get(key.clone(), cx)?;
        if existing.is_undefined() && !result.has_own_property(key.clone(), cx)? {
            result.set(key, value, false, cx)?;
        } else if let Some(array) = existing.as_object().filter(|o| o.is_array()) {
            let length = array.get(js_string!("length"), cx)?.to_length(cx)?;
            array.set(length, value, false, cx)?;
        } else {
            let array = JsArray::from_iter([existing, value], cx);
            result.set(key, array, false, cx)?;
        }
    }
    Ok(result.into())
}

/// A value as stringify writes it: strings, finite numbers, bigints and
/// booleans; anything else is empty.
fn primitive(value: &JsValue, cx: &mut Context) -> JsResult<JsString> {
    if value.is_string() || value.is_bigint() || value.is_boolean() {
        return value.to_string(cx);
    }
    if let Some(n) = value.as_number()
        && n.is_finite()
    {
        return value.to_string(cx);
    }
    Ok(JsString::default())
}

/// `stringify(obj, sep = "&", eq = "=")`.
fn stringify(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let sep = separator(args.get_or_undefined(1), "&", cx)?;
    let eq = separator(args.get_or_undefined(2), "=", cx)?;
    let Some(object) = args.get_or_undefined(0).as_object() else {
        return Ok(JsString::default().into());
    };
    let mut parts: Vec<String> = Vec::new();
    // The own enumerable string keys, in order (Object.keys).
    let keys_fn = cx
        .intrinsics()
        .constructors()
        .object()
        .constructor()
        .get(js_string!("keys"), cx)?;
    let keys = keys_fn
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message("internal: Object.keys"))?
        .call(&JsValue::undefined(), &[object.clone().into()], cx)?;
    let keys = keys
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("internal: Object.keys"))?;
    let count = keys.get(js_string!("length"), cx)?.to_length(cx)?;
    for index in 0..count {
        let name = keys.get(index, cx)?.to_string(cx)?;
        let key = boa_engine::property::PropertyKey::from(name.clone());
        let name = &name;
        let value = object.get(key.clone(), cx)?;
        let encoded_key = format!("{}{eq}", encode(name)?);
        match value.as_object().filter(|o| o.is_array()) {
            Some(array) => {
                let length = array.get(js_string!("length"), cx)?.to_length(cx)?;
                for i in 0..length {
                    let item = array.get(i, cx)?;
                    parts.push(format!("{encoded_key}{}", encode(&primitive(&item, cx)?)?));
                }
            }
            None => parts.push(format!("{encoded_key}{}", encode(&primitive(&value, cx)?)?)),
        }
    }
    Ok(JsString::from(parts.join(&sep).as_str()).into())
}
