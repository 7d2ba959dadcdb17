//! Bodies: "extract" (Fetch §6.4, BodyInit), the Body mixin (Fetch §6.3)
//! shared by Request and Response.
//!
//! A body's bytes are known now ([`Body::Bytes`], shared by clones: never
//! mutated, readers get copies), come from native code ([`Body::Native`],
//! a fetch response arriving from the network), or from a JavaScript
//! `ReadableStream` ([`Body::Stream`]). Bytes and native bodies become a
//! stream only when a script asks for one (`body`); see `body_stream.rs`.

use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::class::ClassBuilder;
use boa_engine::object::builtins::{
    JsArrayBuffer, JsDataView, JsPromise, JsTypedArray, JsUint8Array,
};
use boa_engine::{Context, JsObject, JsResult, JsString, JsValue, NativeFunction};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;

use super::body_stream::{self, NativeBody};
use crate::web::blob::{self, FormValue};
use crate::web::streams;
use crate::web::webidl::{to_usv_string, type_error};

/// The source of a body.
#[derive(Clone, Trace, Finalize)]
pub(crate) enum Body {
    /// A null body (`body` is null).
    None,
    /// All the bytes, known now.
    Bytes(#[unsafe_ignore_trace] Bytes),
    /// Bytes produced by native code (a fetch response).
    Native(NativeBody),
    /// A `ReadableStream` (its state says whether it was read).
    Stream(JsObject),
}

/// A body and whether it was read (Fetch §6.3 "disturbed"; for a stream
/// body, the stream's own state says so).
#[derive(Trace, Finalize)]
pub(crate) struct BodyState {
    pub(crate) body: Body,
    pub(crate) disturbed: bool,
    /// Fetch §2.2 body "source" is null: the body came from a stream (a
    /// script's or the network's), so its bytes cannot be sent again (a
    /// 307/308 redirect then fails, Fetch §4.4 step 11). A body made from
    /// bytes keeps its source even once `body` turned it into a stream.
    pub(crate) source_is_null: bool,
}

impl BodyState {
    pub(crate) fn new(body: Body) -> Self {
        let source_is_null = matches!(body, Body::Stream(_) | Body::Native(_));
        Self {
            body,
            disturbed: false,
            source_is_null,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self.body, Body::None)
    }
}

/// Fetch §6.3 "unusable": a non-null body whose stream is disturbed or
/// locked. Calls into the streams (no borrow of the owner may be held).
pub(crate) fn unusable(body: &Body, disturbed: bool, cx: &mut Context) -> JsResult<bool> {
    Ok(match body {
        Body::None => false,
        // `disturbed` is set on a stream body that moved to another
        // Request (its stream then feeds a proxy).
        Body::Stream(stream) => {
            disturbed || streams::is_disturbed(stream, cx)? || streams::is_locked(stream, cx)?
        }
        Body::Bytes(_) | Body::Native(_) => disturbed,
    })
}

/// The body and its flag, copied out of `object`'s state so that streams
/// can be asked about it without a borrow held.
pub(crate) fn snapshot<T: HasBody>(object: &JsObject) -> (Body, bool) {
    let mut data = object.downcast_mut::<T>().expect("checked by the caller");
    let state = data.body_state();
    (state.body.clone(), state.disturbed)
}

/// Replaces the body of `object`.
fn store<T: HasBody>(object: &JsObject, body: Body, disturbed: bool) {
    let mut data = object.downcast_mut::<T>().expect("checked by the caller");
    let state = data.body_state();
    state.body = body;
    state.disturbed = disturbed;
}

/// Fetch §6.3 "unusable" of `object`'s body.
pub(crate) fn is_unusable<T: HasBody>(object: &JsObject, cx: &mut Context) -> JsResult<bool> {
    let (body, disturbed) = snapshot::<T>(object);
    unusable(&body, disturbed, cx)
}

/// The body as a stream, made now for bytes and native bodies (and kept:
/// from now on the stream is the body). A body already read gives a stream
/// that is locked and disturbed, as the reader of "consume body" left it.
pub(crate) fn stream_of<T: HasBody>(
    object: &JsObject,
    cx: &mut Context,
) -> JsResult<Option<JsObject>> {
    let (body, disturbed) = snapshot::<T>(object);
    let stream = match &body {
        Body::None => return Ok(None),
        Body::Stream(stream) => return Ok(Some(stream.clone())),
        Body::Bytes(_) | Body::Native(_) if disturbed => {
            let stream = body_stream::stream_from_bytes(Bytes::new(), cx)?;
            let reader = streams::get_reader(&stream, cx)?;
            streams::read(&reader, cx)?;
            stream
        }
        Body::Bytes(bytes) => body_stream::stream_from_bytes(bytes.clone(), cx)?,
        Body::Native(native) => native.clone().into_stream(cx)?,
    };
    store::<T>(object, Body::Stream(stream.clone()), false);
    Ok(Some(stream))
}

/// Fetch §2.2 "clone" the body of `object`: a stream is teed (this body
/// takes one branch, the copy the other); bytes are shared (never
/// mutated); a native body becomes a stream first.
pub(crate) fn tee<T: HasBody>(object: &JsObject, cx: &mut Context) -> JsResult<BodyState> {
    let (body, _) = snapshot::<T>(object);
    let source_is_null = source_is_null::<T>(object);
    match body {
        Body::None | Body::Bytes(_) => Ok(BodyState::new(body)),
        Body::Native(_) | Body::Stream(_) => {
            let stream = stream_of::<T>(object, cx)?
                .ok_or_else(|| type_error("internal: a stream body without a stream"))?;
            let (first, second) = streams::tee(&stream, cx)?;
            store::<T>(object, Body::Stream(first), false);
            // The clone's other members (the source) are the original's.
            let mut clone = BodyState::new(Body::Stream(second));
            clone.source_is_null = source_is_null;
            Ok(clone)
        }
    }
}

/// Whether `object`'s body has a null source (see [`BodyState`]).
pub(crate) fn source_is_null<T: HasBody>(object: &JsObject) -> bool {
    let mut data = object.downcast_mut::<T>().expect("checked by the caller");
    data.body_state().source_is_null
}

/// The whole body as a promise of a `Uint8Array` (Fetch §2.2 "fully
/// read"), for `fetch()` to send, with the reader of a stream body (so
/// that an aborted fetch can cancel the read). The caller has checked it
/// is usable.
pub(crate) fn bytes_promise(
    body: &Body,
    cx: &mut Context,
) -> JsResult<Option<(JsPromise, Option<JsObject>)>> {
    Ok(match body {
        Body::None => None,
        Body::Bytes(bytes) => Some((JsPromise::resolve(uint8_array(bytes, cx)?, cx)?, None)),
        Body::Native(native) => Some((native.read_all(cx)?, None)),
        Body::Stream(stream) => {
            let (promise, reader) = body_stream::read_all_with_reader(stream, cx)?;
            Some((promise, Some(reader)))
        }
    })
}

/// Implemented by the state of Request and Response.
pub(crate) trait HasBody: boa_engine::object::NativeObject {
    const IFACE: &'static str;
    fn body_state(&mut self) -> &mut BodyState;
    /// The `Headers` object whose Content-Type gives the body's MIME type.
    fn headers(&self) -> &JsObject;
}

/// The combined Content-Type value of a `Headers` object.
fn content_type(headers: &JsObject) -> Option<String> {
    headers
        .downcast_ref::<super::headers::HeadersData>()
        .and_then(|h| h.get("content-type"))
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

/// WebIDL "get a copy of the bytes held by the buffer source": the bytes
/// of an ArrayBuffer, a typed array or a DataView (none when detached);
/// `None` for any other object.
pub(crate) fn buffer_source_bytes(
    object: &JsObject,
    cx: &mut Context,
) -> JsResult<Option<Vec<u8>>> {
    if let Ok(view) = JsTypedArray::from_object(object.clone()) {
        let buffer = view.buffer(cx)?;
        let offset = view.byte_offset(cx)?;
        let length = view.byte_length(cx)?;
        return Ok(Some(buffer_bytes(&buffer, offset, length)));
    }
    if let Ok(view) = JsDataView::from_object(object.clone()) {
        let buffer = view.buffer(cx)?;
        let offset = usize::try_from(view.byte_offset(cx)?).unwrap_or(0);
        let length = usize::try_from(view.byte_length(cx)?).unwrap_or(0);
        return Ok(Some(buffer_bytes(&buffer, offset, length)));
    }
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        return Ok(Some(buffer.data().map(|d| d.to_vec()).unwrap_or_default()));
    }
    Ok(None)
}

/// Fetch §6.4 "extract" a body: its bytes and Content-Type. The BodyInit
/// union (WebIDL §3.2.22) takes Blobs, buffer sources, FormData and
/// URLSearchParams as they are, anything else as a USVString.
pub(crate) fn extract(value: &JsValue, cx: &mut Context) -> JsResult<(Body, Option<String>)> {
    let (bytes, content_type) = match value.as_object() {
        Some(object) if streams::is_readable_stream(value, cx)? => {
            // Fetch §6.4 step 4: a disturbed or locked stream is a TypeError.
            if streams::is_disturbed(&object, cx)? || streams::is_locked(&object, cx)? {
                return Err(type_error(
                    "the body ReadableStream is locked or has already been read",
                ));
            }
            return Ok((Body::Stream(object.clone()), None));
        }
        _ => extract_bytes(value, cx)?,
    };
    Ok((Body::Bytes(bytes), content_type))
}

/// "extract" for every BodyInit but a ReadableStream.
fn extract_bytes(value: &JsValue, cx: &mut Context) -> JsResult<(Bytes, Option<String>)> {
    if let Some(object) = value.as_object() {
        // A Blob's bytes are shared, not copied; its type, when not empty,
        // is the Content-Type.
        if let Some(blob) = blob::blob_snapshot(value) {
            let content_type = (!blob.mime.is_empty()).then_some(blob.mime);
            return Ok((blob.bytes, content_type));
        }
        if let Some(bytes) = buffer_source_bytes(&object, cx)? {
            return Ok((bytes.into(), None));
        }
        if let Some(entries) = blob::form_data_entries(value) {
            let (bytes, content_type) = blob::multipart::encode(&entries)?;
            return Ok((bytes.into(), Some(content_type)));
        }
        if let Some(text) = crate::web::url::search_params_body(&object) {
            return Ok((
                text.into_bytes().into(),
                Some("application/x-www-form-urlencoded;charset=UTF-8".into()),
            ));
        }
    }
    let text = to_usv_string(value, cx)?;
    Ok((
        text.into_bytes().into(),
        Some("text/plain;charset=UTF-8".into()),
    ))
}

/// What a body is read as.
#[derive(Debug, Clone, Copy)]
enum Kind {
    ArrayBuffer,
    Blob,
    Bytes,
    FormData,
    Json,
    Text,
}

/// Encoding §4.1 "UTF-8 decode": a leading BOM is dropped, invalid
/// sequences become U+FFFD.
fn utf8_decode(bytes: &[u8]) -> JsString {
    crate::web::blob::utf8_decode(bytes)
}

/// The bytes of a body as `kind` (Fetch §6.3 "package data"); `mime` is
/// the Content-Type value when the body was read.
fn package(kind: Kind, bytes: Bytes, mime: Option<&str>, cx: &mut Context) -> JsResult<JsValue> {
    Ok(match kind {
        Kind::ArrayBuffer => {
            JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, &bytes), cx)?.into()
        }
        // The Blob shares the body's bytes; its type is the serialized
        // MIME type of the headers, or empty (Fetch §6.3 blob()), under
        // the Blob type rules (File API §3: lowercase ASCII), as node has it.
        Kind::Blob => {
            let mime = crate::web::mime_type::extract(mime)
                .map(|m| blob::normalize_type(&m.serialize()))
                .unwrap_or_default();
            blob::new_blob(cx, bytes, mime)?.into()
        }
        Kind::Bytes => uint8_array(&bytes, cx)?.into(),
        Kind::FormData => form_data(bytes, mime, cx)?.into(),
        Kind::Text => utf8_decode(&bytes).into(),
        // Fetch §2.2 "parse JSON from bytes": UTF-8 decode, then JSON.parse
        // (a SyntaxError rejects), straight from the bytes.
        Kind::Json => crate::engine::json::parse_utf8(&bytes, cx)?,
    })
}

/// Fetch §6.3 formData(): a multipart/form-data or
/// application/x-www-form-urlencoded body as a FormData; a TypeError for
/// another MIME type or a body that does not parse.
fn form_data(bytes: Bytes, mime: Option<&str>, cx: &mut Context) -> JsResult<JsObject> {
    let mime = crate::web::mime_type::extract(mime);
    let essence = mime.as_ref().map(|m| m.essence.as_str());
    let entries = match essence {
        Some("multipart/form-data") => {
            let boundary = mime
                .as_ref()
                .and_then(|m| m.param("boundary"))
                .ok_or_else(|| {
                    type_error("formData: the multipart/form-data body has no boundary")
                })?;
            let parsed = blob::multipart::parse_multipart(bytes, boundary).map_err(|e| {
                type_error(format!("formData: malformed multipart/form-data body: {e}"))
            })?;
            let now = blob::now_millis(cx);
            let mut entries = Vec::with_capacity(parsed.len());
            for (name, value) in parsed {
                let value = match value {
                    blob::multipart::ParsedValue::Text(text) => FormValue::Text(text),
                    blob::multipart::ParsedValue::File {
                        filename,
                        mime,
                        bytes,
                    } => FormValue::File(blob::new_file(
                        cx,
                        bytes,
                        blob::normalize_type(&mime),
                        filename,
                        now,
                    )?),
                };
                entries.push((name, value));
            }
            entries
        }
        Some("application/x-www-form-urlencoded") => blob::multipart::parse_urlencoded(&bytes)
            .into_iter()
            .map(|(name, value)| (name, FormValue::Text(value)))
            .collect(),
        _ => {
            return Err(type_error(
                "formData: the Content-Type is not multipart/form-data or application/x-www-form-urlencoded",
            ));
        }
    };
    blob::new_form_data(cx, entries)
}

/// Fetch §6.3 "consume body", as a promise of `kind`.
fn consume<T: HasBody>(
    this: &JsValue,
    kind: Kind,
    member: &str,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let (body, mime) = match take::<T>(this, member, cx) {
        Ok(taken) => taken,
        Err(error) => return Ok(JsPromise::reject(error, cx)?.into()),
    };
    let pending = match &body {
        Body::None => {
            return Ok(JsPromise::from_result(
                package(kind, Bytes::new(), mime.as_deref(), cx),
                cx,
            )?
            .into());
        }
        Body::Bytes(bytes) => {
            return Ok(JsPromise::from_result(
                package(kind, bytes.clone(), mime.as_deref(), cx),
                cx,
            )?
            .into());
        }
        Body::Native(native) => native.read_all(cx)?,
        Body::Stream(stream) => body_stream::read_all(stream, cx)?,
    };
    let on_bytes = NativeFunction::from_copy_closure_with_captures(
        move |_, args, mime: &Option<String>, cx| {
            let value = args.first().cloned().unwrap_or_default();
            let bytes = super::uint8_array_bytes(&value, cx)?.unwrap_or_default();
            package(kind, Bytes::from(bytes), mime.as_deref(), cx)
        },
        mime,
    )
    .to_js_function(cx.realm());
    Ok(pending.then(Some(on_bytes), None, cx)?.into())
}

/// The body of `this` (brand-checked) for a read, and its Content-Type;
/// marks it disturbed. A TypeError when unusable.
fn take<T: HasBody>(
    this: &JsValue,
    member: &str,
    cx: &mut Context,
) -> JsResult<(Body, Option<String>)> {
    let object = brand::<T>(this, member)?;
    let mime = content_type(object.downcast_ref::<T>().expect("brand-checked").headers());
    let (body, disturbed) = snapshot::<T>(&object);
    if unusable(&body, disturbed, cx)? {
        return Err(type_error(format!(
            "{}.{member}: body has already been used",
            T::IFACE
        )));
    }
    if !matches!(body, Body::None) {
        object
            .downcast_mut::<T>()
            .expect("brand-checked")
            .body_state()
            .disturbed = true;
    }
    Ok((body, mime))
}

/// `this` if it is a `T`, else a TypeError naming `member`.
pub(crate) fn brand<T: HasBody>(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|o| o.is::<T>())
        .ok_or_else(|| crate::web::webidl::illegal_invocation(T::IFACE, member))
}

fn body<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = brand::<T>(this, "body")?;
    Ok(stream_of::<T>(&object, cx)?.map_or(JsValue::null(), JsValue::from))
}

/// Fetch §6.3 bodyUsed: the body is non-null and its stream disturbed.
fn body_used<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = brand::<T>(this, "bodyUsed")?;
    let (body, disturbed) = snapshot::<T>(&object);
    let used = match &body {
        Body::None => false,
        Body::Stream(stream) => disturbed || streams::is_disturbed(stream, cx)?,
        Body::Bytes(_) | Body::Native(_) => disturbed,
    };
    Ok(used.into())
}

fn array_buffer<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::ArrayBuffer, "arrayBuffer", cx)
}

fn blob<T: HasBody>(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    consume::<T>(this, Kind::Blob, "blob", cx)
}

fn form_data_member<T: HasBody>(
    this: &JsValue,
    _: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    consume::<T>(this, Kind::FormData, "formData", cx)
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
    super::method(class, "blob", 0, blob::<T>);
    super::method(class, "bytes", 0, bytes::<T>);
    super::method(class, "formData", 0, form_data_member::<T>);
    super::method(class, "json", 0, json::<T>);
    super::method(class, "text", 0, text::<T>);
}
