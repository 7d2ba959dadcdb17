//! `TextEncoder` (Encoding Standard §7.4): UTF-8 only.

use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArrayBuffer, JsTypedArray, JsUint8Array};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, Trace,
    js_string,
};

use super::{INTERFACE_ATTRIBUTES, attribute, illegal_invocation, operation, to_string_tag};

/// A `TextEncoder` has no state: its encoding is always UTF-8.
#[derive(Debug, Trace, Finalize, JsData)]
pub struct TextEncoder;

impl Class for TextEncoder {
    const NAME: &'static str = "TextEncoder";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = INTERFACE_ATTRIBUTES;

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        attribute(class, "encoding", encoding);
        operation(class, "encode", 0, encode);
        operation(class, "encodeInto", 2, encode_into);
        to_string_tag(class, "TextEncoder");
        Ok(())
    }

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(Self)
    }
}

fn check_brand(this: &JsValue, member: &str) -> JsResult<()> {
    match this.as_object() {
        Some(object) if object.is::<TextEncoder>() => Ok(()),
        _ => Err(illegal_invocation("TextEncoder", member)),
    }
}

fn encoding(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    check_brand(this, "encoding")?;
    Ok(js_string!("utf-8").into())
}

/// The characters of `input` as a USVString: lone surrogates become U+FFFD.
fn scalar_values(input: &JsString) -> impl Iterator<Item = (char, usize)> + '_ {
    char::decode_utf16(input.iter()).map(|unit| match unit {
        Ok(c) => (c, c.len_utf16()),
        Err(_) => ('\u{FFFD}', 1),
    })
}

/// `encode(optional USVString input = "")`.
fn encode(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    check_brand(this, "encode")?;
    let input = match args.first() {
        None => JsString::default(),
        Some(value) if value.is_undefined() => JsString::default(),
        Some(value) => value.to_string(context)?,
    };
    let text: String = scalar_values(&input).map(|(c, _)| c).collect();
    uint8_array(text.as_bytes(), context).map(Into::into)
}

/// A new `Uint8Array` holding a copy of `bytes`.
pub(crate) fn uint8_array(bytes: &[u8], context: &mut Context) -> JsResult<JsUint8Array> {
    let buffer = JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), context)?;
    JsUint8Array::from_array_buffer(buffer, context)
}

/// `encodeInto(USVString source, [AllowShared] Uint8Array destination)`:
/// writes as many whole characters as fit.
fn encode_into(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    check_brand(this, "encodeInto")?;
    if args.len() < 2 {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "TextEncoder.prototype.encodeInto: 2 arguments required, but only {} present",
                args.len()
            ))
            .into());
    }
    let source = args[0].to_string(context)?;
    let destination = args[1]
        .as_object()
        .and_then(|o| JsTypedArray::from_object(o.clone()).ok())
        .filter(|a| a.kind() == Some(TypedArrayKind::Uint8))
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("TextEncoder.prototype.encodeInto: destination is not a Uint8Array")
        })?;
    let offset = destination.byte_offset(context)?;
    let capacity = destination.byte_length(context)?;

    let mut bytes = Vec::with_capacity(capacity.min(source.len() * 3));
    let mut read = 0usize;
    let mut buf = [0u8; 4];
    for (c, units) in scalar_values(&source) {
        if bytes.len() + c.len_utf8() > capacity {
            break;
        }
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        read += units;
    }
    let written = bytes.len();

    let buffer = destination.buffer(context)?;
    let array_buffer = buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok());
    match array_buffer.as_ref().and_then(JsArrayBuffer::data_mut) {
        Some(mut data) => {
            if let Some(target) = data.get_mut(offset..offset + written) {
                target.copy_from_slice(&bytes);
            }
        }
        // A SharedArrayBuffer: through the typed array's own element writes.
        None => {
            let object = JsObject::from(destination.clone());
            for (index, byte) in bytes.iter().enumerate() {
                object.set(index, *byte, true, context)?;
            }
        }
    }

    let result = ObjectInitializer::new(context)
        .property(js_string!("read"), read, Attribute::all())
        .property(js_string!("written"), written, Attribute::all())
        .build();
    Ok(result.into())
}
