//! `TextEncoder` and `TextDecoder` (WHATWG Encoding Standard §7), on
//! `encoding_rs`, which implements the standard's encodings, labels and
//! decoders.
//!
//! Replaces boa_runtime's pair, which knows only UTF-8 and UTF-16 and
//! ignores `fatal`.

pub(crate) mod decoder;
mod encoder;

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsSharedArrayBuffer, JsTypedArray};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsError, JsObject, JsResult, JsValue, NativeFunction, class::ClassBuilder, js_string,
};

pub use decoder::TextDecoder;
pub use encoder::TextEncoder;
pub(crate) use encoder::uint8_array;

pub fn register(context: &mut Context) -> JsResult<()> {
    context.register_global_class::<TextEncoder>()?;
    context.register_global_class::<TextDecoder>()?;
    Ok(())
}

/// The WebIDL attributes of an interface's global binding.
const INTERFACE_ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

/// Adds a WebIDL operation (enumerable, writable, configurable) to the
/// prototype.
fn operation(
    class: &mut ClassBuilder<'_>,
    name: &str,
    length: usize,
    f: boa_engine::native_function::NativeFunctionPointer,
) {
    let realm = class.context().realm().clone();
    let function = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(f))
        .name(js_string!(name))
        .length(length)
        .build();
    class.property(js_string!(name), function, Attribute::all());
}

/// Adds a WebIDL read-only attribute (an enumerable, configurable getter).
fn attribute(
    class: &mut ClassBuilder<'_>,
    name: &str,
    f: boa_engine::native_function::NativeFunctionPointer,
) {
    let realm = class.context().realm().clone();
    let getter = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(f))
        .name(js_string!(format!("get {name}")))
        .length(0)
        .build();
    class.accessor(
        js_string!(name),
        Some(getter),
        None,
        Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
    );
}

/// `[Symbol.toStringTag]` of an interface prototype.
fn to_string_tag(class: &mut ClassBuilder<'_>, name: &str) {
    class.property(
        boa_engine::JsSymbol::to_string_tag(),
        js_string!(name),
        Attribute::CONFIGURABLE,
    );
}

pub(crate) use crate::web::webidl::illegal_invocation;

/// "Get a copy of the bytes held by the buffer source" (WebIDL §3.2.31):
/// `None` when `value` is neither an ArrayBuffer, a SharedArrayBuffer nor an
/// ArrayBufferView. A detached buffer holds no bytes.
pub(crate) fn buffer_source_bytes(
    value: &JsValue,
    context: &mut Context,
) -> JsResult<Option<Vec<u8>>> {
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    if let Some(bytes) = buffer_bytes(&object, None) {
        return Ok(Some(bytes));
    }
    let (buffer, offset, length) = if let Ok(array) = JsTypedArray::from_object(object.clone()) {
        (
            array.buffer(context)?,
            array.byte_offset(context)?,
            array.byte_length(context)?,
        )
    } else if let Ok(view) = JsDataView::from_object(object.clone()) {
        let buffer = view.buffer(context)?;
        // The getters throw on a detached buffer; it holds no bytes then.
        let (Ok(offset), Ok(length)) = (view.byte_offset(context), view.byte_length(context))
        else {
            return Ok(Some(Vec::new()));
        };
        let offset = usize::try_from(offset).map_err(JsError::from_rust)?;
        let length = usize::try_from(length).map_err(JsError::from_rust)?;
        (buffer, offset, length)
    } else {
        return Ok(None);
    };
    Ok(Some(
        buffer
            .as_object()
            .and_then(|b| buffer_bytes(&b, Some((offset, length))))
            .unwrap_or_default(),
    ))
}

/// A copy of the bytes of an ArrayBuffer (none when detached) or a
/// SharedArrayBuffer, all of them or `range` (offset, length); `None` when
/// `object` is neither.
fn buffer_bytes(object: &JsObject, range: Option<(usize, usize)>) -> Option<Vec<u8>> {
    let slice = |bytes: &[u8]| -> Vec<u8> {
        match range {
            None => bytes.to_vec(),
            Some((offset, length)) => bytes
                .get(offset..offset.saturating_add(length))
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
        }
    };
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        return Some(buffer.data().map(|d| slice(&d)).unwrap_or_default());
    }
    if let Ok(buffer) = JsSharedArrayBuffer::from_object(object.clone()) {
        return Some(slice(&buffer.to_vec()));
    }
    None
}
