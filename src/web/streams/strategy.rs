//! The QueuingStrategy dictionary and its abstract operations (Streams
//! §7.4, <https://streams.spec.whatwg.org/#qs-api>), and the queue-with-sizes
//! value check (§8.1 EnqueueValueWithSize).

use boa_engine::{Context, JsObject, JsResult, JsValue, js_string};

use crate::web::webidl::{range_error, to_dictionary, type_error};

/// A converted QueuingStrategy dictionary.
#[derive(Default)]
pub(crate) struct Strategy {
    pub(crate) high_water_mark: Option<f64>,
    pub(crate) size: Option<JsObject>,
}

impl Strategy {
    /// WebIDL dictionary conversion, members in lexicographic order:
    /// `highWaterMark` (unrestricted double), `size` (a callback).
    pub(crate) fn from_value(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Self> {
        let Some(dict) = to_dictionary(value, what)? else {
            return Ok(Self::default());
        };
        let hwm = dict.get(js_string!("highWaterMark"), cx)?;
        let high_water_mark = if hwm.is_undefined() {
            None
        } else {
            Some(hwm.to_number(cx)?)
        };
        let size = callback_member(&dict, "size", what, cx)?;
        Ok(Self {
            high_water_mark,
            size,
        })
    }

    /// §7.4 ExtractHighWaterMark.
    pub(crate) fn high_water_mark(&self, default: f64) -> JsResult<f64> {
        match self.high_water_mark {
            None => Ok(default),
            Some(hwm) if hwm.is_nan() || hwm < 0.0 => {
                Err(range_error("highWaterMark must be a non-negative number"))
            }
            Some(hwm) => Ok(hwm),
        }
    }
}

/// A callback dictionary member: undefined stays `None`, anything else
/// must be callable.
pub(crate) fn callback_member(
    dict: &JsObject,
    key: &str,
    what: &str,
    cx: &mut Context,
) -> JsResult<Option<JsObject>> {
    let value = dict.get(boa_engine::JsString::from(key), cx)?;
    if value.is_undefined() {
        return Ok(None);
    }
    match value.as_object() {
        Some(f) if f.is_callable() => Ok(Some(f)),
        _ => Err(type_error(format!("{what}: {key} must be a function"))),
    }
}

/// §7.4 ExtractSizeAlgorithm's algorithm applied to `chunk`: the size
/// callback's result converted to `unrestricted double`, or 1 without one.
pub(crate) fn chunk_size(
    size: Option<&JsObject>,
    chunk: &JsValue,
    cx: &mut Context,
) -> JsResult<f64> {
    match size {
        None => Ok(1.0),
        Some(size) => size
            .call(&JsValue::undefined(), std::slice::from_ref(chunk), cx)?
            .to_number(cx),
    }
}

/// §8.1 EnqueueValueWithSize step 2: the size must be a finite,
/// non-negative number.
pub(crate) fn check_size(size: f64) -> JsResult<f64> {
    if size.is_nan() || size < 0.0 || size.is_infinite() {
        return Err(range_error(
            "The chunk size must be a finite, non-negative number",
        ));
    }
    Ok(size)
}

/// WebIDL `[EnforceRange] unsigned long long` (§3.2.4.9 ConvertToInt).
pub(crate) fn enforce_range(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<u64> {
    let x = value.to_number(cx)?;
    if !x.is_finite() {
        return Err(type_error(format!(
            "{what}: {} is not a finite number",
            value.to_string(cx)?.to_std_string_escaped()
        )));
    }
    let x = x.trunc();
    if !(0.0..=9_007_199_254_740_991.0).contains(&x) {
        return Err(type_error(format!(
            "{what}: {} is outside the accepted range",
            value.to_string(cx)?.to_std_string_escaped()
        )));
    }
    Ok(x as u64)
}
