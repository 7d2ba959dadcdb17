//! `crypto.getRandomValues` (Web Crypto §10.1.1) and `crypto.randomUUID`
//! (§10.1.2), from the operating system's random source (`getrandom`).

use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray};
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsString, JsValue};

use super::{check_crypto, dom_error};

/// The most bytes one call may ask for (§10.1.1 step 2).
const QUOTA: usize = 65_536;

pub(super) fn get_random_values(
    this: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    check_crypto(this, "getRandomValues")?;
    let Some(value) = args.first() else {
        return Err(JsNativeError::typ()
            .with_message("Crypto.getRandomValues: 1 argument required, but only 0 present")
            .into());
    };
    let object = value.as_object();
    let Some(array) = object
        .as_ref()
        .and_then(|o| JsTypedArray::from_object(o.clone()).ok())
    else {
        // A DataView is an ArrayBufferView (the WebIDL conversion passes)
        // but not an integer array (§10.1.1 step 1).
        if object
            .as_ref()
            .is_some_and(|o| JsDataView::from_object(o.clone()).is_ok())
        {
            return Err(dom_error(
                cx,
                "TypeMismatchError",
                "Crypto.getRandomValues: a DataView is not an integer typed array",
            ));
        }
        return Err(JsNativeError::typ()
            .with_message("Crypto.getRandomValues: the argument is not an ArrayBufferView")
            .into());
    };
    let integer = matches!(
        array.kind(),
        Some(
            TypedArrayKind::Int8
                | TypedArrayKind::Uint8
                | TypedArrayKind::Uint8Clamped
                | TypedArrayKind::Int16
                | TypedArrayKind::Uint16
                | TypedArrayKind::Int32
                | TypedArrayKind::Uint32
                | TypedArrayKind::BigInt64
                | TypedArrayKind::BigUint64
        )
    );
    if !integer {
        return Err(dom_error(
            cx,
            "TypeMismatchError",
            "Crypto.getRandomValues: the array is not an integer typed array",
        ));
    }
    let length = array.byte_length(cx)?;
    if length > QUOTA {
        return Err(dom_error(
            cx,
            "QuotaExceededError",
            &format!(
                "Crypto.getRandomValues: {length} bytes requested, more than the {QUOTA} allowed"
            ),
        ));
    }
    let offset = array.byte_offset(cx)?;
    let buffer = array.buffer(cx)?;
    // The argument is an ArrayBufferView without [AllowShared]: a view on
    // a SharedArrayBuffer is a TypeError (WebIDL §3.2.30).
    let Some(buffer) = buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok())
    else {
        return Err(JsNativeError::typ()
            .with_message("Crypto.getRandomValues: the array views a SharedArrayBuffer")
            .into());
    };
    // A detached buffer has no data: nothing to fill (its length is 0).
    if let Some(mut data) = buffer.data_mut()
        && let Some(target) = data.get_mut(offset..offset + length)
    {
        getrandom::getrandom(target).map_err(random_failed)?;
    }
    Ok(value.clone())
}

pub(super) fn random_uuid(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    check_crypto(this, "randomUUID")?;
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(random_failed)?;
    // A version 4 UUID (RFC 9562 §5.4): the uuid crate sets the version
    // and variant bits; the text is lowercase hex with hyphens.
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    Ok(JsString::from(uuid.hyphenated().to_string()).into())
}

fn random_failed(error: getrandom::Error) -> JsError {
    JsNativeError::error()
        .with_message(format!("the system's random source failed: {error}"))
        .into()
}
