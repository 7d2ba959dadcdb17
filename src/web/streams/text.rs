//! `TextEncoderStream` and `TextDecoderStream` (Encoding Standard §5.4,
//! §5.5, <https://encoding.spec.whatwg.org/#interface-textencoderstream>):
//! TransformStreams around the realm's TextEncoder and TextDecoder.

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsArrayBuffer;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsString, JsValue, js_string};
use boa_gc::{Finalize, Gc, Trace};

use super::transform::{self, Native, NativeTransform, Transform};
use crate::web::encoding::{TextDecoder, decoder, uint8_array};
use crate::web::webidl::{Interface, illegal_invocation, instance_prototype, type_error};

/// A TextEncoderStream's transform: "encode and enqueue a chunk" (§5.4).
#[derive(Trace, Finalize)]
pub(crate) struct EncoderState {
    /// A high surrogate that ended the last chunk, waiting for the next
    /// chunk's low surrogate.
    #[unsafe_ignore_trace]
    pending_high_surrogate: Cell<Option<u16>>,
}

fn is_high_surrogate(unit: u16) -> bool {
    (0xd800..=0xdbff).contains(&unit)
}

impl NativeTransform for EncoderState {
    fn transform(&self, chunk: JsValue, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        let text = chunk.to_string(cx)?;
        let mut units: Vec<u16> = Vec::with_capacity(text.len() + 1);
        if let Some(high) = self.pending_high_surrogate.take() {
            units.push(high);
        }
        units.extend(text.iter());
        if let Some(&last) = units.last()
            && is_high_surrogate(last)
        {
            self.pending_high_surrogate.set(Some(last));
            units.pop();
        }
        if units.is_empty() {
            return Ok(Vec::new());
        }
        // Lone surrogates become U+FFFD (the USVString conversion).
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
        Ok(vec![uint8_array(text.as_bytes(), cx)?.into()])
    }

    /// "Encode and flush": a lone high surrogate at the end is U+FFFD.
    fn flush(&self, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        if self.pending_high_surrogate.take().is_some() {
            return Ok(vec![uint8_array("\u{FFFD}".as_bytes(), cx)?.into()]);
        }
        Ok(Vec::new())
    }
}

/// A TextDecoderStream's transform: "decode and enqueue a chunk" (§5.5)
/// through its TextDecoder in streaming mode.
#[derive(Trace, Finalize)]
pub(crate) struct DecoderState {
    decoder: JsObject,
}

fn is_buffer_source(value: &JsValue) -> bool {
    super::buffers::is_view(value)
        || value.as_object().is_some_and(|o| {
            JsArrayBuffer::from_object(o.clone()).is_ok()
                || boa_engine::object::builtins::JsSharedArrayBuffer::from_object(o).is_ok()
        })
}

impl NativeTransform for DecoderState {
    fn transform(&self, chunk: JsValue, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        if !is_buffer_source(&chunk) {
            return Err(type_error(
                "TextDecoderStream: the chunk is not an ArrayBuffer or ArrayBufferView",
            ));
        }
        let options = boa_engine::object::ObjectInitializer::new(cx)
            .property(
                js_string!("stream"),
                true,
                boa_engine::property::Attribute::all(),
            )
            .build();
        let output = decoder::decode(&self.decoder.clone().into(), &[chunk, options.into()], cx)?;
        Ok(non_empty(output))
    }

    fn flush(&self, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        let output = decoder::decode(&self.decoder.clone().into(), &[], cx)?;
        Ok(non_empty(output))
    }
}

fn non_empty(output: JsValue) -> Vec<JsValue> {
    match output.as_string() {
        Some(s) if s.is_empty() => Vec::new(),
        _ => vec![output],
    }
}

/// The data of a TextEncoderStream or TextDecoderStream object.
#[derive(Trace, Finalize, JsData)]
struct TextStreamSlot {
    transform: Gc<Transform>,
    /// The TextDecoder of a TextDecoderStream.
    decoder: Option<JsObject>,
}

fn this_slot(
    this: &JsValue,
    interface: &str,
    member: &str,
) -> JsResult<(Gc<Transform>, Option<JsObject>)> {
    let object = this
        .as_object()
        .ok_or_else(|| illegal_invocation(interface, member))?;
    let slot = object
        .downcast_ref::<TextStreamSlot>()
        .ok_or_else(|| illegal_invocation(interface, member))?;
    let is_decoder = slot.decoder.is_some();
    if is_decoder != (interface == "TextDecoderStream") {
        return Err(illegal_invocation(interface, member));
    }
    Ok((slot.transform.clone(), slot.decoder.clone()))
}

pub(crate) struct Classes {
    encoder: StandardConstructor,
    decoder: StandardConstructor,
}

fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = cx.get_data::<Rc<Classes>>() {
        return classes.clone();
    }
    let encoder = build_encoder(cx);
    let decoder = build_decoder(cx);
    let classes = Rc::new(Classes { encoder, decoder });
    cx.insert_data(classes.clone());
    classes
}

pub(crate) const GLOBALS: &[&str] = &["TextEncoderStream", "TextDecoderStream"];

pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    match name {
        "TextEncoderStream" => Some(classes.encoder.constructor()),
        "TextDecoderStream" => Some(classes.decoder.constructor()),
        _ => None,
    }
}

/// The `readable` and `writable` attributes of a wrapper of a transform.
macro_rules! sides {
    ($interface:expr, $name:literal) => {
        $interface
            .attribute(
                "readable",
                |this, _, _| {
                    let (t, _) = this_slot(this, $name, "readable")?;
                    Ok(t.readable().object().into())
                },
                None,
            )
            .attribute(
                "writable",
                |this, _, _| {
                    let (t, _) = this_slot(this, $name, "writable")?;
                    Ok(t.writable().object().into())
                },
                None,
            )
    };
}

fn build_encoder(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "TextEncoderStream", 0, construct_encoder, None);
    interface.attribute(
        "encoding",
        |this, _, _| {
            this_slot(this, "TextEncoderStream", "encoding")?;
            Ok(js_string!("utf-8").into())
        },
        None,
    );
    sides!(interface, "TextEncoderStream");
    interface.build()
}

fn construct_encoder(new_target: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let default = classes(cx).encoder.prototype();
    let prototype = instance_prototype(new_target, "TextEncoderStream", &default, cx)?;
    let state = Gc::new(EncoderState {
        pending_high_surrogate: Cell::new(None),
    });
    let transform = transform::create_native(Native::TextEncoder(state), cx)?;
    let slot = TextStreamSlot {
        transform,
        decoder: None,
    };
    Ok(JsObject::from_proto_and_data(prototype, slot).into())
}

fn build_decoder(cx: &mut Context) -> StandardConstructor {
    let mut interface = Interface::new(cx, "TextDecoderStream", 0, construct_decoder, None);
    interface
        .attribute(
            "encoding",
            |this, _, cx| decoder::encoding(&decoder_of(this, "encoding")?, &[], cx),
            None,
        )
        .attribute(
            "fatal",
            |this, _, cx| decoder::fatal(&decoder_of(this, "fatal")?, &[], cx),
            None,
        )
        .attribute(
            "ignoreBOM",
            |this, _, cx| decoder::ignore_bom(&decoder_of(this, "ignoreBOM")?, &[], cx),
            None,
        );
    sides!(interface, "TextDecoderStream");
    interface.build()
}

fn decoder_of(this: &JsValue, member: &str) -> JsResult<JsValue> {
    let (_, decoder) = this_slot(this, "TextDecoderStream", member)?;
    Ok(decoder.map_or(JsValue::undefined(), JsValue::from))
}

/// `new TextDecoderStream(label = "utf-8", options)`: the TextDecoder
/// constructor does the conversions and throws the RangeError for an
/// unknown label.
fn construct_decoder(
    new_target: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    let default = classes(cx).decoder.prototype();
    let prototype = instance_prototype(new_target, "TextDecoderStream", &default, cx)?;
    let class = cx
        .get_global_class::<TextDecoder>()
        .ok_or_else(|| type_error("internal: TextDecoder is not registered"))?
        .constructor();
    let label = match args.first() {
        Some(label) if !label.is_undefined() => label.clone(),
        _ => JsString::from("utf-8").into(),
    };
    let decoder_object = class.construct(&[label, args.get_or_undefined(1).clone()], None, cx)?;
    let state = Gc::new(DecoderState {
        decoder: decoder_object.clone(),
    });
    let transform = transform::create_native(Native::TextDecoder(state), cx)?;
    let slot = TextStreamSlot {
        transform,
        decoder: Some(decoder_object),
    };
    Ok(JsObject::from_proto_and_data(prototype, slot).into())
}
