//! Bodies: "extract" (Fetch §6.4, BodyInit), the Body mixin (Fetch §6.3)
//! shared by Request and Response.
//!
//! A body's bytes are known now ([`Body::Bytes`], shared by clones: never
//! mutated, readers get copies) or later ([`Body::Pending`], a promise of a
//! `Uint8Array`, for a response whose bytes come from the network). Issue 7
//! (streams) adds a ReadableStream variant and makes `body` return it.

use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::class::ClassBuilder;
use boa_engine::object::builtins::{
    JsArrayBuffer, JsDataView, JsPromise, JsTypedArray, JsUint8Array,
};
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;

use super::webidl::{to_usv_string, type_error};

/// The source of a body.
#[derive(Clone, Trace, Finalize)]
pub(crate) enum Body {
    /// A null body (`body` is null).
    None,
    /// All the bytes, known now.
    Bytes(#[unsafe_ignore_trace] Bytes),
    /// A promise of a `Uint8Array` (a rejection reaches readers).
    Pending(JsPromise),
}

/// A body and whether it was read (Fetch §6.3 "disturbed").
#[derive(Trace, Finalize)]
pub(crate) struct BodyState {
    pub(crate) body: Body,
    pub(crate) disturbed: bool,
}

impl BodyState {
    pub(crate) fn new(body: Body) -> Self {
        Self {
            body,
            disturbed: false,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self.body, Body::None)
    }

    /// Fetch §6.3 "unusable": a non-null body that was disturbed.
    pub(crate) fn unusable(&self) -> bool {
        !self.is_null() && self.disturbed
    }

    /// Fetch §2.2 "clone" a body: the other branch of a tee. The bytes are
    /// shared (never mutated), so this body stays as it is.
    pub(crate) fn tee(&self) -> BodyState {
        BodyState::new(self.body.clone())
    }
}

/// Implemented by the state of Request and Response.
pub(crate) trait HasBody: boa_engine::object::NativeObject {
    const IFACE: &'static str;
    fn body_state(&mut self) -> &mut BodyState;
}

/// A new `Uint8Array` holding a copy of `bytes`.
pub(crate) fn uint8_array(bytes: &[u8], cx: &mut Context) -> JsResult<JsUint8Array> {
    let buffer = JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), cx)?;
    JsUint8Array::from_array_buffer(buffer, cx)
}

/// A copy of `length` bytes at `offset` of an ArrayBuffer (none when
/// detached).
fn buffer_bytes(buffer: &JsValue, offset: usize, length: usize) -> Vec<u8> {
    buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok())
        .and_then(|b| {
            b.data().and_then(|d| {
                d.get(offset..offset.saturating_add(length))
                    .map(<[u8]>::to_vec)
            })
        })
        .unwrap_or_default()
}

/// Fetch §6.4 "extract" a body: its bytes and Content-Type. The BodyInit
/// union (WebIDL §3.2.22) takes buffer sources and URLSearchParams as they
/// are, anything else as a USVString.
pub(crate) fn extract(
    value: &JsValue,
    cx: &mut Context,
) -> JsResult<(Bytes, Option<&'static str>)> {
    if let Some(object) = value.as_object() {
        // WebIDL "get a copy of the bytes held by the buffer source".
        if let Ok(view) = JsTypedArray::from_object(object.clone()) {
            let buffer = view.buffer(cx)?;
            let offset = view.byte_offset(cx)?;
            let length = view.byte_length(cx)?;
            return Ok((buffer_bytes(&buffer, offset, length).into(), None));
        }
        if let Ok(view) = JsDataView::from_object(object.clone()) {
            let buffer = view.buffer(cx)?;
            let offset = usize::try_from(view.byte_offset(cx)?).unwrap_or(0);
            let length = usize::try_from(view.byte_length(cx)?).unwrap_or(0);
            return Ok((buffer_bytes(&buffer, offset, length).into(), None));
        }
        if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
            let bytes = buffer.data().map(|d| d.to_vec()).unwrap_or_default();
            return Ok((bytes.into(), None));
        }
        if let Some(class) = crate::web::url::url_search_params_if_built(cx)?
            && JsValue::ordinary_has_instance(&class.into(), value, cx)?
        {
            let text = value.to_string(cx)?.to_std_string_lossy();
            return Ok((
                text.into_bytes().into(),
                Some("application/x-www-form-urlencoded;charset=UTF-8"),
            ));
        }
    }
    let text = to_usv_string(value, cx)?;
    Ok((text.into_bytes().into(), Some("text/plain;charset=UTF-8")))
}

/// What a body is read as.
#[derive(Debug, Clone, Copy)]
enum Kind {
    ArrayBuffer,
    Bytes,
    Json,
    Text,
}

/// Encoding §4.1 "UTF-8 decode": a leading BOM is dropped, invalid
/// sequences become U+FFFD.
fn utf8_decode(bytes: &[u8]) -> JsString {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    JsString::from(String::from_utf8_lossy(bytes).as_ref())
}

/// The bytes of a body as `kind` (Fetch §6.3 "package data").
fn package(kind: Kind, bytes: &[u8], cx: &mut Context) -> JsResult<JsValue> {
    Ok(match kind {
        Kind::ArrayBuffer => {
            JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), cx)?.into()
        }
        Kind::Bytes => uint8_array(bytes, cx)?.into(),
        Kind::Text => utf8_decode(bytes).into(),
        // Fetch §2.2 "parse JSON from bytes": UTF-8 decode, then JSON.parse
        // (a SyntaxError rejects).
        Kind::Json => {
            let parse = super::built(cx)?.json_parse.clone();
            parse.call(&JsValue::undefined(), &[utf8_decode(bytes).into()], cx)?
        }
    })
}

/// Fetch §6.3 "consume body", as a promise of `kind`.
fn consume<T: HasBody>(
    this: &JsValue,
    kind: Kind,
    member: &str,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let body = match take::<T>(this, member) {
        Ok(body) => body,
        Err(error) => return Ok(JsPromise::reject(error, cx)?.into()),
    };
    let promise = match &body {
        Body::None => JsPromise::from_result(package(kind, &[], cx), cx)?,
        Body::Bytes(bytes) => JsPromise::from_result(package(kind, bytes, cx), cx)?,
        Body::Pending(pending) => {
            let on_bytes = NativeFunction::from_copy_closure(move |_, args, cx| {
                let value = args.first().cloned().unwrap_or_default();
                let bytes = super::uint8_array_bytes(&value, cx)?.unwrap_or_default();
                package(kind, &bytes, cx)
            })
            .to_js_function(cx.realm());
            pending.then(Some(on_bytes), None, cx)?
        }
    };
    Ok(promise.into())
}

/// The body of `this` (brand-checked) for a read; marks it disturbed. A
/// TypeError when unusable.
fn take<T: HasBody>(this: &JsValue, member: &str) -> JsResult<Body> {
    let object = brand::<T>(this, member)?;
    let mut data = object.downcast_mut::<T>().expect("brand-checked");
    let state = data.body_state();
    if state.unusable() {
        return Err(type_error(format!(
            "{}.{member}: body has already been used",
            T::IFACE
        )));
    }
    if !state.is_null() {
        state.disturbed = true;
    }
    Ok(state.body.clone())
}

/// `this` if it is a `T`, else a TypeError naming `member`.
pub(crate) fn brand<T: HasBody>(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object().filter(|o| o.is::<T>()).ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!(
                "{iface}.prototype.{member} called on an object that is not a {iface}",
                iface = T::IFACE
            ))
            .into()
    })
}

fn body<T: HasBody>(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = brand::<T>(this, "body")?;
    let mut data = object.downcast_mut::<T>().expect("brand-checked");
    if data.body_state().is_null() {
        return Ok(JsValue::null());
    }
    Err(type_error(format!(
        "{}.body streams are not supported yet; use text()/json()/arrayBuffer()/bytes()",
        T::IFACE
    )))
}

fn body_used<T: HasBody>(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = brand::<T>(this, "bodyUsed")?;
    let mut data = object.downcast_mut::<T>().expect("brand-checked");
    Ok(data.body_state().unusable().into())
}

fn array_buffer<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::ArrayBuffer, "arrayBuffer", cx)
}

fn bytes<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::Bytes, "bytes", cx)
}

fn json<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::Json, "json", cx)
}

fn text<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::Text, "text", cx)
}

/// Adds the Body mixin's members (Fetch §6.3) to a class prototype.
pub(crate) fn add_body_mixin<T: HasBody>(class: &mut ClassBuilder<'_>) {
    super::getter(class, "body", body::<T>);
    super::getter(class, "bodyUsed", body_used::<T>);
    super::method(class, "arrayBuffer", 0, array_buffer::<T>);
    super::method(class, "bytes", 0, bytes::<T>);
    super::method(class, "json", 0, json::<T>);
    super::method(class, "text", 0, text::<T>);
}
