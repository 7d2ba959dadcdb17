//! ArrayBuffers and views for the byte streams (Streams §8.3,
//! <https://streams.spec.whatwg.org/#transfer-array-buffer>): transfer,
//! copies, and a view's slots read through Boa's intrinsic accessors, so a
//! script redefining `byteLength` or `buffer` on a view changes nothing.

use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray};
use boa_engine::{Context, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Trace};

use crate::web::webidl::type_error;

/// The constructor of a view: a typed array kind, or DataView.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Trace, Finalize)]
#[boa_gc(empty_trace)]
pub(crate) enum ViewKind {
    Typed(TypedArrayKind),
    DataView,
}

impl ViewKind {
    /// The element size (ECMA-262 Table 71; 1 for DataView).
    pub(crate) fn element_size(self) -> usize {
        match self {
            Self::DataView => 1,
            Self::Typed(kind) => match kind {
                TypedArrayKind::Int8 | TypedArrayKind::Uint8 | TypedArrayKind::Uint8Clamped => 1,
                TypedArrayKind::Int16 | TypedArrayKind::Uint16 | TypedArrayKind::Float16 => 2,
                TypedArrayKind::Int32 | TypedArrayKind::Uint32 | TypedArrayKind::Float32 => 4,
                TypedArrayKind::BigInt64 | TypedArrayKind::BigUint64 | TypedArrayKind::Float64 => 8,
            },
        }
    }

    fn constructor(self, cx: &Context) -> JsObject {
        let c = cx.intrinsics().constructors();
        let standard = match self {
            Self::DataView => c.data_view(),
            Self::Typed(kind) => match kind {
                TypedArrayKind::Int8 => c.typed_int8_array(),
                TypedArrayKind::Uint8 => c.typed_uint8_array(),
                TypedArrayKind::Uint8Clamped => c.typed_uint8clamped_array(),
                TypedArrayKind::Int16 => c.typed_int16_array(),
                TypedArrayKind::Uint16 => c.typed_uint16_array(),
                TypedArrayKind::Float16 => c.typed_float16_array(),
                TypedArrayKind::Int32 => c.typed_int32_array(),
                TypedArrayKind::Uint32 => c.typed_uint32_array(),
                TypedArrayKind::Float32 => c.typed_float32_array(),
                TypedArrayKind::BigInt64 => c.typed_bigint64_array(),
                TypedArrayKind::BigUint64 => c.typed_biguint64_array(),
                TypedArrayKind::Float64 => c.typed_float64_array(),
            },
        };
        standard.constructor()
    }
}

/// The slots of an ArrayBufferView.
pub(crate) struct View {
    pub(crate) buffer: JsArrayBuffer,
    pub(crate) byte_offset: usize,
    pub(crate) byte_length: usize,
    /// [[ArrayLength]] (byte length for a DataView).
    pub(crate) length: usize,
    pub(crate) kind: ViewKind,
}

/// The slots of `value` if it is an ArrayBufferView over an ArrayBuffer
/// (a view of a SharedArrayBuffer is refused, as IsDetached and transfer
/// need an ArrayBuffer).
pub(crate) fn view(value: &JsValue, cx: &mut Context) -> JsResult<Option<View>> {
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    if let Ok(typed) = JsTypedArray::from_object(object.clone()) {
        let Some(kind) = typed.kind() else {
            return Ok(None);
        };
        let buffer = typed.buffer(cx)?;
        let Some(buffer) = array_buffer(&buffer) else {
            return Ok(None);
        };
        return Ok(Some(View {
            buffer,
            byte_offset: typed.byte_offset(cx)?,
            byte_length: typed.byte_length(cx)?,
            length: typed.length(cx)?,
            kind: ViewKind::Typed(kind),
        }));
    }
    if let Ok(data_view) = JsDataView::from_object(object) {
        let buffer = data_view.buffer(cx)?;
        let Some(buffer) = array_buffer(&buffer) else {
            return Ok(None);
        };
        if is_detached(&buffer) {
            // Its accessors throw once the buffer is detached.
            return Ok(Some(View {
                buffer,
                byte_offset: 0,
                byte_length: 0,
                length: 0,
                kind: ViewKind::DataView,
            }));
        }
        let byte_length = data_view.byte_length(cx)? as usize;
        return Ok(Some(View {
            buffer,
            byte_offset: data_view.byte_offset(cx)? as usize,
            byte_length,
            length: byte_length,
            kind: ViewKind::DataView,
        }));
    }
    Ok(None)
}

/// Whether `value` is an ArrayBufferView (ArrayBuffer.isView).
pub(crate) fn is_view(value: &JsValue) -> bool {
    value.as_object().is_some_and(|o| {
        JsTypedArray::from_object(o.clone()).is_ok() || JsDataView::from_object(o).is_ok()
    })
}

pub(crate) fn array_buffer(value: &JsValue) -> Option<JsArrayBuffer> {
    value
        .as_object()
        .and_then(|o| JsArrayBuffer::from_object(o).ok())
}

/// IsDetachedBuffer.
pub(crate) fn is_detached(buffer: &JsArrayBuffer) -> bool {
    buffer.data().is_none()
}

/// §8.3 TransferArrayBuffer: a new ArrayBuffer with the bytes of `buffer`,
/// which is detached. A TypeError for a detached or non-transferable one.
pub(crate) fn transfer(buffer: &JsArrayBuffer, cx: &mut Context) -> JsResult<JsArrayBuffer> {
    if is_detached(buffer) {
        return Err(type_error("Cannot transfer a detached ArrayBuffer"));
    }
    let block = buffer
        .detach(&JsValue::undefined())
        .map_err(|_| type_error("This ArrayBuffer cannot be transferred"))?;
    JsArrayBuffer::from_byte_block(block, cx)
}

/// A new ArrayBuffer holding a copy of `length` bytes of `buffer` from
/// `offset` (ArrayBuffer.prototype.slice, without species).
pub(crate) fn slice(
    buffer: &JsArrayBuffer,
    offset: usize,
    length: usize,
    cx: &mut Context,
) -> JsResult<JsArrayBuffer> {
    let bytes = {
        let data = buffer
            .data()
            .ok_or_else(|| type_error("Cannot copy from a detached ArrayBuffer"))?;
        data.get(offset..offset + length)
            .ok_or_else(|| type_error("internal: a copy past the end of an ArrayBuffer"))?
            .to_vec()
    };
    from_bytes(&bytes, cx)
}

/// A new ArrayBuffer holding `bytes`.
pub(crate) fn from_bytes(bytes: &[u8], cx: &mut Context) -> JsResult<JsArrayBuffer> {
    let buffer = JsArrayBuffer::new(bytes.len(), cx)?;
    if let Some(mut data) = buffer.data_mut() {
        data.copy_from_slice(bytes);
    }
    Ok(buffer)
}

/// CopyDataBlockBytes: `n` bytes from `src` at `src_offset` to `dest` at
/// `dest_offset` (the two may be one buffer).
pub(crate) fn copy_bytes(
    dest: &JsArrayBuffer,
    dest_offset: usize,
    src: &JsArrayBuffer,
    src_offset: usize,
    n: usize,
) -> JsResult<()> {
    let out_of_range = || type_error("internal: a copy past the end of an ArrayBuffer");
    let (d, s): (JsObject, JsObject) = (dest.clone().into(), src.clone().into());
    if JsObject::equals(&d, &s) {
        let mut data = dest.data_mut().ok_or_else(out_of_range)?;
        if src_offset + n > data.len() || dest_offset + n > data.len() {
            return Err(out_of_range());
        }
        data.copy_within(src_offset..src_offset + n, dest_offset);
        return Ok(());
    }
    let source = src.data().ok_or_else(out_of_range)?;
    let source = source
        .get(src_offset..src_offset + n)
        .ok_or_else(out_of_range)?;
    let mut target = dest.data_mut().ok_or_else(out_of_range)?;
    target
        .get_mut(dest_offset..dest_offset + n)
        .ok_or_else(out_of_range)?
        .copy_from_slice(source);
    Ok(())
}

/// `new kind(buffer, byteOffset, length)`.
pub(crate) fn new_view(
    kind: ViewKind,
    buffer: &JsArrayBuffer,
    byte_offset: usize,
    length: usize,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let constructor = kind.constructor(cx);
    let args = [
        JsValue::from(buffer.clone()),
        JsValue::from(byte_offset as f64),
        JsValue::from(length as f64),
    ];
    Ok(constructor.construct(&args, None, cx)?.into())
}

/// `new Uint8Array(buffer, byteOffset, length)`.
pub(crate) fn new_uint8_array(
    buffer: &JsArrayBuffer,
    byte_offset: usize,
    length: usize,
    cx: &mut Context,
) -> JsResult<JsValue> {
    new_view(
        ViewKind::Typed(TypedArrayKind::Uint8),
        buffer,
        byte_offset,
        length,
        cx,
    )
}

/// §8.3 CloneAsUint8Array.
pub(crate) fn clone_as_uint8_array(chunk: &JsValue, cx: &mut Context) -> JsResult<JsValue> {
    let view = view(chunk, cx)?.ok_or_else(|| type_error("internal: not an ArrayBufferView"))?;
    let buffer = slice(&view.buffer, view.byte_offset, view.byte_length, cx)?;
    new_uint8_array(&buffer, 0, view.byte_length, cx)
}
