//! `atob` and `btoa` (HTML §8.3 "Base64 utility methods").
//!
//! Replaces boa_runtime's pair, which throws a plain `Error` instead of an
//! `InvalidCharacterError` DOMException and accepts padding that the
//! forgiving-base64 algorithm rejects (`"YQ="`).

use base64::Engine as _;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string};

use super::dom_exception;

/// Standard alphabet, lenient about the bits after the last full byte
/// (forgiving-base64 discards them).
const DECODER: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
);

pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::globals::define_operation(
        context,
        js_string!("atob"),
        1,
        NativeFunction::from_fn_ptr(atob),
    )?;
    crate::web::globals::define_operation(
        context,
        js_string!("btoa"),
        1,
        NativeFunction::from_fn_ptr(btoa),
    )?;
    Ok(())
}

/// The DOMString argument, or the TypeError WebIDL gives for a missing one.
fn string_arg(name: &str, args: &[JsValue], cx: &mut Context) -> JsResult<JsString> {
    match args.first() {
        Some(value) => value.to_string(cx),
        None => Err(JsNativeError::typ()
            .with_message(format!("{name}: 1 argument required, but only 0 present"))
            .into()),
    }
}

fn btoa(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let data = string_arg("btoa", args, cx)?;
    let mut bytes = Vec::with_capacity(data.len());
    for unit in data.iter() {
        match u8::try_from(unit) {
            Ok(byte) => bytes.push(byte),
            Err(_) => {
                return Err(dom_exception::error(
                    cx,
                    "btoa: the string contains characters outside of the Latin1 range",
                    "InvalidCharacterError",
                ));
            }
        }
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(js_string!(encoded.as_str()).into())
}

fn atob(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let data = string_arg("atob", args, cx)?;
    match forgiving_decode(&data.to_vec()) {
        // Each byte becomes one code unit (a "byte string").
        Some(bytes) => Ok(JsString::from(
            bytes
                .iter()
                .map(|&b| u16::from(b))
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .into()),
        None => Err(dom_exception::error(
            cx,
            "atob: the string to be decoded is not correctly encoded",
            "InvalidCharacterError",
        )),
    }
}

/// Infra §4.5 "forgiving-base64 decode"; `None` is failure.
fn forgiving_decode(units: &[u16]) -> Option<Vec<u8>> {
    // 1. Remove ASCII whitespace.
    let mut text: Vec<u8> = Vec::with_capacity(units.len());
    for &unit in units {
        match unit {
            0x09 | 0x0A | 0x0C | 0x0D | 0x20 => {}
            0..=0x7F => text.push(unit as u8),
            _ => return None,
        }
    }
    // 2. A length divisible by 4 may end in one or two '='.
    if text.len().is_multiple_of(4) {
        for _ in 0..2 {
            if text.last() == Some(&b'=') {
                text.pop();
            }
        }
    }
    // 3. A remainder of 1 cannot encode a byte.
    if text.len() % 4 == 1 {
        return None;
    }
    // 4. Only the base64 alphabet may remain ('=' included: it is not).
    if !text
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
    {
        return None;
    }
    DECODER.decode(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::forgiving_decode;

    fn decode(s: &str) -> Option<Vec<u8>> {
        forgiving_decode(&s.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn forgiving_base64_cases_from_the_infra_spec() {
        assert_eq!(decode("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode("YQ=="), Some(b"a".to_vec()));
        assert_eq!(
            decode("YR=="),
            Some(b"a".to_vec()),
            "trailing bits are discarded"
        );
        assert_eq!(decode(" Y Q = = "), Some(b"a".to_vec()));
        assert_eq!(decode(""), Some(Vec::new()));
        assert_eq!(
            decode("YQ="),
            None,
            "length 3 keeps its '=', which is not in the alphabet"
        );
        assert_eq!(decode("Y"), None);
        assert_eq!(decode("YQ==="), None);
        assert_eq!(decode("ab\u{ff}"), None);
        assert_eq!(decode("a+/="), Some(vec![0x6b, 0xef]));
    }
}
