//! The WebIDL conversions (WebIDL §3.2) that Headers, Request and Response
//! apply to their arguments, and the errors they throw.

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::string::JsStrVariant;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue, js_string,
};

pub(crate) fn type_error(message: impl Into<String>) -> JsError {
    JsNativeError::typ().with_message(message.into()).into()
}

pub(crate) fn range_error(message: impl Into<String>) -> JsError {
    JsNativeError::range().with_message(message.into()).into()
}

/// A string quoted for an error message.
pub(crate) fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// The ByteString form of `s` (one char per code unit) if no code unit is
/// above 0xFF.
pub(crate) fn byte_string(s: &JsString) -> Option<String> {
    match s.as_str().variant() {
        JsStrVariant::Latin1(bytes) => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        JsStrVariant::Utf16(units) => units
            .iter()
            .map(|&u| u8::try_from(u).ok().map(char::from))
            .collect(),
    }
}

/// WebIDL §3.2.10 ByteString: ToString (a Symbol is a TypeError), then a
/// TypeError for any code unit above 0xFF. One char per byte.
pub(crate) fn to_byte_string(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<String> {
    let s = value.to_string(cx)?;
    byte_string(&s).ok_or_else(|| {
        type_error(format!(
            "{what}: {} is not a valid ByteString",
            quoted(&s.to_std_string_escaped())
        ))
    })
}

/// WebIDL §3.2.12 USVString: ToString, lone surrogates become U+FFFD.
pub(crate) fn to_usv_string(value: &JsValue, cx: &mut Context) -> JsResult<String> {
    Ok(value.to_string(cx)?.to_std_string_lossy())
}

/// WebIDL §3.2.4 unsigned short: ToNumber; NaN and infinities are 0;
/// truncated, modulo 2^16.
pub(crate) fn to_unsigned_short(value: &JsValue, cx: &mut Context) -> JsResult<u16> {
    let n = value.to_number(cx)?;
    if !n.is_finite() {
        return Ok(0);
    }
    Ok(n.trunc().rem_euclid(65536.0) as u16)
}

/// A dictionary argument (WebIDL §3.2.19): undefined or null is an empty
/// dictionary (`None`), any other non-object a TypeError.
pub(crate) fn to_dictionary(value: &JsValue, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value
        .as_object()
        .map(Some)
        .ok_or_else(|| type_error(format!("{what}: the init argument must be an object")))
}

/// A dictionary member: `Get(dict, key)`, undefined for an empty dictionary.
pub(crate) fn member(
    dict: Option<&JsObject>,
    key: JsString,
    cx: &mut Context,
) -> JsResult<JsValue> {
    match dict {
        Some(dict) => dict.get(key, cx),
        None => Ok(JsValue::undefined()),
    }
}

/// WebIDL §3.2.20 enumeration: ToString, then one of `allowed`.
pub(crate) fn to_enum(
    value: &JsValue,
    allowed: &[&'static str],
    what: &str,
    cx: &mut Context,
) -> JsResult<&'static str> {
    let s = value.to_string(cx)?;
    allowed.iter().copied().find(|a| s == *a).ok_or_else(|| {
        type_error(format!(
            "{what}: {} is not one of {}",
            quoted(&s.to_std_string_escaped()),
            allowed.join(", ")
        ))
    })
}

/// WebIDL §3.2.24 `sequence<any>`: the items of an object whose
/// @@iterator is callable, read with the iterator protocol; a TypeError for
/// anything else. `what` names the caller in messages.
pub(crate) fn to_sequence(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Vec<JsValue>> {
    let not_sequence = || type_error(format!("{what}: the parts are not a sequence"));
    let object = value.as_object().ok_or_else(not_sequence)?;
    let method = object.get(JsSymbol::iterator(), cx)?;
    let method = method.as_callable().ok_or_else(not_sequence)?;
    let iterator = method.call(value, &[], cx)?;
    let iterator_object = iterator
        .as_object()
        .ok_or_else(|| type_error(format!("{what}: @@iterator did not return an object")))?;
    let next = iterator_object.get(js_string!("next"), cx)?;
    let next = next
        .as_callable()
        .ok_or_else(|| type_error(format!("{what}: the iterator's next is not callable")))?;
    let mut items = Vec::new();
    loop {
        let result = next.call(&iterator, &[], cx)?;
        let result = result
            .as_object()
            .ok_or_else(|| type_error(format!("{what}: the iterator result is not an object")))?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            return Ok(items);
        }
        items.push(result.get(js_string!("value"), cx)?);
    }
}

/// `HeadersInit` (Fetch §5.2): `sequence<sequence<ByteString>> or
/// record<ByteString, ByteString>` (WebIDL §3.2.22: an object with
/// @@iterator is a sequence), as [name, value] pairs, not yet validated.
pub(crate) fn to_headers_init(
    value: &JsValue,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let Some(object) = value.as_object() else {
        return Err(type_error(
            "Headers: init must be a sequence of pairs or a record",
        ));
    };
    let method = object.get(JsSymbol::iterator(), cx)?;
    if !method.is_null_or_undefined() {
        return to_pair_sequence(value, &method, cx);
    }
    to_record(&object, cx)
}

/// WebIDL §3.2.26 record<ByteString, ByteString>: own enumerable keys in
/// [[OwnPropertyKeys]] order, each value read with Get (getters run).
fn to_record(object: &JsObject, cx: &mut Context) -> JsResult<Vec<(String, String)>> {
    let keys = object.own_property_keys(cx)?;
    let mut pairs = Vec::with_capacity(keys.len());
    let this = JsValue::from(object.clone());
    for key in keys {
        let key_value = JsValue::from(key.clone());
        // [[GetOwnProperty]]: absent (a proxy) or not enumerable is skipped.
        let enumerable =
            OrdinaryObject::property_is_enumerable(&this, std::slice::from_ref(&key_value), cx)?;
        if !enumerable.to_boolean() {
            continue;
        }
        // A Symbol key throws here (ToString).
        let name = to_byte_string(&key_value, "Headers", cx)?;
        let value = object.get(key, cx)?;
        let value = to_byte_string(&value, "Headers", cx)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Steps an iterator (ECMA-262 IteratorStepValue): `None` when done.
fn step(iterator: &JsValue, next: &JsValue, cx: &mut Context) -> JsResult<Option<JsValue>> {
    let next = next
        .as_callable()
        .ok_or_else(|| type_error("Headers: the iterator's next is not callable"))?;
    let result = next.call(iterator, &[], cx)?;
    let result = result
        .as_object()
        .ok_or_else(|| type_error("Headers: the iterator result is not an object"))?;
    if result.get(js_string!("done"), cx)?.to_boolean() {
        return Ok(None);
    }
    result.get(js_string!("value"), cx).map(Some)
}

/// GetIteratorFromMethod: the iterator and its next method.
fn iterate(value: &JsValue, method: &JsValue, cx: &mut Context) -> JsResult<(JsValue, JsValue)> {
    let method = method
        .as_callable()
        .ok_or_else(|| type_error("Headers: @@iterator is not callable"))?;
    let iterator = method.call(value, &[], cx)?;
    let object = iterator
        .as_object()
        .ok_or_else(|| type_error("Headers: @@iterator did not return an object"))?;
    let next = object.get(js_string!("next"), cx)?;
    Ok((iterator, next))
}

/// WebIDL §3.2.24 sequence<sequence<ByteString>>, each inner sequence of
/// exactly 2 items (Fetch §5.2 "fill").
fn to_pair_sequence(
    value: &JsValue,
    method: &JsValue,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let (iterator, next) = iterate(value, method, cx)?;
    let mut pairs = Vec::new();
    while let Some(item) = step(&iterator, &next, cx)? {
        if !item.is_object() {
            return Err(type_error(
                "Headers: each header must be a sequence [name, value]",
            ));
        }
        let inner = item
            .as_object()
            .map(|o| o.get(JsSymbol::iterator(), cx))
            .transpose()?
            .unwrap_or_default();
        if inner.is_null_or_undefined() {
            return Err(type_error(
                "Headers: each header must be a sequence [name, value]",
            ));
        }
        let (inner_iterator, inner_next) = iterate(&item, &inner, cx)?;
        let mut items = Vec::with_capacity(2);
        while let Some(part) = step(&inner_iterator, &inner_next, cx)? {
            items.push(to_byte_string(&part, "Headers", cx)?);
        }
        if items.len() != 2 {
            return Err(type_error(format!(
                "Headers: a header must have exactly 2 items, not {}",
                items.len()
            )));
        }
        let value = items.pop().unwrap_or_default();
        let name = items.pop().unwrap_or_default();
        pairs.push((name, value));
    }
    Ok(pairs)
}
