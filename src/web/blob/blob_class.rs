//! `Blob` (File API §3).

use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::{JsArrayBuffer, JsPromise};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};
use bytes::{Bytes, BytesMut};

use super::{blob_snapshot, normalize_type};
use crate::web::fetch::body::{buffer_source_bytes, uint8_array};
use crate::web::webidl::{getter, illegal_invocation, method};
use crate::web::webidl::{member, to_dictionary, to_enum, to_sequence, to_usv_string};

/// The state of a `Blob`: immutable bytes and a type.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct BlobData {
    #[unsafe_ignore_trace]
    pub(crate) bytes: Bytes,
    /// The `type` attribute: lowercase ASCII, or empty.
    #[unsafe_ignore_trace]
    pub(crate) mime: String,
}

/// One item of a `sequence<BlobPart>`, converted (WebIDL §3.2.22 union
/// `(BufferSource or Blob or USVString)`).
pub(crate) enum BlobPart {
    Text(String),
    Bytes(Bytes),
}

/// `sequence<BlobPart>` (undefined is the empty sequence, an optional
/// argument's default).
pub(crate) fn to_blob_parts(
    value: &JsValue,
    what: &str,
    cx: &mut Context,
) -> JsResult<Vec<BlobPart>> {
    if value.is_undefined() {
        return Ok(Vec::new());
    }
    let mut parts = Vec::new();
    for item in to_sequence(value, what, cx)? {
        if let Some(blob) = blob_snapshot(&item) {
            parts.push(BlobPart::Bytes(blob.bytes));
            continue;
        }
        if let Some(object) = item.as_object()
            && let Some(bytes) = buffer_source_bytes(&object, cx)?
        {
            parts.push(BlobPart::Bytes(bytes.into()));
            continue;
        }
        parts.push(BlobPart::Text(to_usv_string(&item, cx)?));
    }
    Ok(parts)
}

/// File API §3.1.1 "convert line endings to native": CRLF and CR become LF
/// (the native line ending on the platforms nano-boa runs on).
fn native_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// File API §3.1.1 "process blob parts": the bytes, shared when there is a
/// single Blob or buffer part.
pub(crate) fn process_blob_parts(parts: Vec<BlobPart>, native_endings: bool) -> Bytes {
    if let [BlobPart::Bytes(bytes)] = parts.as_slice() {
        return bytes.clone();
    }
    let mut out = BytesMut::new();
    for part in parts {
        match part {
            BlobPart::Text(text) if native_endings => {
                out.extend_from_slice(native_line_endings(&text).as_bytes());
            }
            BlobPart::Text(text) => out.extend_from_slice(text.as_bytes()),
            BlobPart::Bytes(bytes) => out.extend_from_slice(&bytes),
        }
    }
    out.freeze()
}

/// The `endings` and `type` members shared by BlobPropertyBag and
/// FilePropertyBag (read in lexicographic order by the caller).
pub(crate) fn read_endings(
    dict: Option<&JsObject>,
    what: &str,
    cx: &mut Context,
) -> JsResult<bool> {
    let endings = member(dict, js_string!("endings"), cx)?;
    if endings.is_undefined() {
        return Ok(false);
    }
    Ok(to_enum(&endings, &["transparent", "native"], what, cx)? == "native")
}

/// The `type` member: a DOMString, then File API §3.1 step 3's rules.
pub(crate) fn read_type(dict: Option<&JsObject>, cx: &mut Context) -> JsResult<String> {
    let mime = member(dict, js_string!("type"), cx)?;
    if mime.is_undefined() {
        return Ok(String::new());
    }
    Ok(normalize_type(&mime.to_string(cx)?.to_std_string_lossy()))
}

/// The bytes and type of `this` if it is a Blob (or a File).
fn this_blob(this: &JsValue, member: &str) -> JsResult<(Bytes, String)> {
    blob_snapshot(this)
        .map(|b| (b.bytes, b.mime))
        .ok_or_else(|| illegal_invocation("Blob", member))
}

fn get_size(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let (bytes, _) = this_blob(this, "size")?;
    Ok((bytes.len() as f64).into())
}

fn get_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let (_, mime) = this_blob(this, "type")?;
    Ok(JsString::from(mime.as_str()).into())
}

/// WebIDL §3.2.4 `[Clamp] long long`: NaN is 0, clamped to the range,
/// rounded to the nearest integer (ties to even).
fn to_clamped_long_long(value: &JsValue, cx: &mut Context) -> JsResult<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    let n = value.to_number(cx)?;
    if n.is_nan() {
        return Ok(0);
    }
    Ok(n.clamp(-MAX_SAFE, MAX_SAFE).round_ties_even() as i64)
}

/// File API §3.3.1 slice: a negative index counts from the end.
fn relative_index(index: i64, size: usize) -> usize {
    let size_i = i64::try_from(size).unwrap_or(i64::MAX);
    let index = if index < 0 {
        (size_i + index).max(0)
    } else {
        index.min(size_i)
    };
    usize::try_from(index).unwrap_or(0)
}

/// `slice(optional [Clamp] long long start, optional [Clamp] long long end,
/// optional DOMString contentType)`: a Blob sharing the bytes.
fn slice(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (bytes, _) = this_blob(this, "slice")?;
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let start = match arg(0) {
        v if v.is_undefined() => 0,
        v => relative_index(to_clamped_long_long(&v, cx)?, bytes.len()),
    };
    let end = match arg(1) {
        v if v.is_undefined() => bytes.len(),
        v => relative_index(to_clamped_long_long(&v, cx)?, bytes.len()),
    };
    let mime = match arg(2) {
        v if v.is_undefined() => String::new(),
        v => normalize_type(&v.to_string(cx)?.to_std_string_lossy()),
    };
    let end = end.max(start);
    let blob = BlobData {
        bytes: bytes.slice(start..end),
        mime,
    };
    Ok(BlobData::from_data(blob, cx)?.into())
}

/// A promise-returning operation: an exception (a failed brand check)
/// rejects the promise instead of being thrown (WebIDL §3.7.6).
fn read_as(
    this: &JsValue,
    member: &str,
    cx: &mut Context,
    package: fn(&[u8], &mut Context) -> JsResult<JsValue>,
) -> JsResult<JsValue> {
    let result = this_blob(this, member).and_then(|(bytes, _)| package(&bytes, cx));
    Ok(JsPromise::from_result(result, cx)?.into())
}

/// Encoding §4.1 "UTF-8 decode": a leading BOM dropped, invalid sequences
/// as U+FFFD.
pub(crate) fn utf8_decode(bytes: &[u8]) -> JsString {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    JsString::from(String::from_utf8_lossy(bytes).as_ref())
}

fn text(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    read_as(this, "text", cx, |bytes, _| Ok(utf8_decode(bytes).into()))
}

fn array_buffer(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    read_as(this, "arrayBuffer", cx, |bytes, cx| {
        Ok(JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), cx)?.into())
    })
}

fn bytes(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    read_as(this, "bytes", cx, |bytes, cx| {
        Ok(uint8_array(bytes, cx)?.into())
    })
}

/// File API §3.3.3 `stream()`: a byte stream of the Blob's bytes (shared,
/// not copied, until a reader takes them).
fn stream(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (bytes, _) = this_blob(this, "stream")?;
    Ok(crate::web::fetch::stream_from_bytes(bytes, cx)?.into())
}

/// The members Blob.prototype has (File inherits them).
pub(crate) fn add_blob_members(class: &mut ClassBuilder<'_>) {
    getter(class, "size", get_size);
    getter(class, "type", get_type);
    method(class, "slice", 0, slice);
    method(class, "text", 0, text);
    method(class, "arrayBuffer", 0, array_buffer);
    method(class, "bytes", 0, bytes);
    method(class, "stream", 0, stream);
}

impl Class for BlobData {
    const NAME: &'static str = "Blob";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        add_blob_members(class);
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("Blob"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    /// `new Blob(optional sequence<BlobPart> blobParts, optional
    /// BlobPropertyBag options = {})`: the arguments are converted in order
    /// (the parts' strings first), then the parts are joined.
    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        let parts = to_blob_parts(args.first().unwrap_or(&JsValue::undefined()), "Blob", cx)?;
        let options = to_dictionary(args.get(1).unwrap_or(&JsValue::undefined()), "Blob")?;
        let native = read_endings(options.as_ref(), "Blob", cx)?;
        let mime = read_type(options.as_ref(), cx)?;
        Ok(BlobData {
            bytes: process_blob_parts(parts, native),
            mime,
        })
    }
}
