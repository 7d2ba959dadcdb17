//! `TextDecoder` (Encoding Standard §7.2): every encoding of the standard
//! but "replacement", through `encoding_rs`'s streaming decoders.

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, Trace,
    js_string,
};
use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};

use super::{
    INTERFACE_ATTRIBUTES, attribute, buffer_source_bytes, illegal_invocation, operation,
    to_string_tag,
};

#[derive(Trace, Finalize, JsData)]
pub struct TextDecoder {
    #[unsafe_ignore_trace]
    encoding: &'static Encoding,
    fatal: bool,
    ignore_bom: bool,
    /// The decoder between two `decode` calls of a stream; `None` when the
    /// next call starts a new stream (the standard's "do not flush" unset).
    #[unsafe_ignore_trace]
    decoder: Option<Decoder>,
}

impl std::fmt::Debug for TextDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextDecoder")
            .field("encoding", &self.encoding.name())
            .field("fatal", &self.fatal)
            .field("ignore_bom", &self.ignore_bom)
            .field("streaming", &self.decoder.is_some())
            .finish()
    }
}

impl Class for TextDecoder {
    const NAME: &'static str = "TextDecoder";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = INTERFACE_ATTRIBUTES;

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        attribute(class, "encoding", encoding);
        attribute(class, "fatal", fatal);
        attribute(class, "ignoreBOM", ignore_bom);
        operation(class, "decode", 0, decode);
        to_string_tag(class, "TextDecoder");
        Ok(())
    }

    /// `constructor(optional DOMString label = "utf-8", optional
    /// TextDecoderOptions options = {})`.
    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let label = match args.first() {
            Some(value) if !value.is_undefined() => value.to_string(context)?,
            _ => js_string!("utf-8"),
        };
        let options = dictionary(args.get(1), "TextDecoder constructor: options")?;
        let fatal = member(options.as_ref(), "fatal", context)?;
        let ignore_bom = member(options.as_ref(), "ignoreBOM", context)?;
        let label = label.to_std_string_lossy();
        // "Get an encoding" trims ASCII whitespace and ignores ASCII case;
        // the "replacement" encoding is refused (RangeError).
        let encoding = Encoding::for_label_no_replacement(label.as_bytes()).ok_or_else(|| {
            JsNativeError::range().with_message(format!(
                "TextDecoder constructor: the encoding label '{label}' is not supported"
            ))
        })?;
        Ok(Self {
            encoding,
            fatal,
            ignore_bom,
            decoder: None,
        })
    }
}

/// A WebIDL dictionary argument: `None` for undefined or null, the object
/// otherwise, TypeError for any other value.
fn dictionary(value: Option<&JsValue>, what: &str) -> JsResult<Option<JsObject>> {
    match value {
        None => Ok(None),
        Some(value) if value.is_null_or_undefined() => Ok(None),
        Some(value) => match value.as_object() {
            Some(object) => Ok(Some(object.clone())),
            None => Err(JsNativeError::typ()
                .with_message(format!("{what} is not an object"))
                .into()),
        },
    }
}

/// A `boolean` dictionary member whose default is false.
fn member(dictionary: Option<&JsObject>, key: &str, context: &mut Context) -> JsResult<bool> {
    match dictionary {
        None => Ok(false),
        Some(object) => Ok(object.get(js_string!(key), context)?.to_boolean()),
    }
}

fn receiver(this: &JsValue, member: &str) -> JsResult<JsObject> {
    match this.as_object() {
        Some(object) if object.is::<TextDecoder>() => Ok(object.clone()),
        _ => Err(illegal_invocation("TextDecoder", member)),
    }
}

fn with_decoder<R>(this: &JsValue, member: &str, f: impl FnOnce(&TextDecoder) -> R) -> JsResult<R> {
    let object = receiver(this, member)?;
    let decoder = object
        .downcast_ref::<TextDecoder>()
        .ok_or_else(|| illegal_invocation("TextDecoder", member))?;
    Ok(f(&decoder))
}

pub(crate) fn encoding(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    // The encoding's name, ASCII lowercased ("utf-8", "shift_jis", ...).
    with_decoder(this, "encoding", |d| {
        js_string!(d.encoding.name().to_ascii_lowercase()).into()
    })
}

pub(crate) fn fatal(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "fatal", |d| d.fatal.into())
}

pub(crate) fn ignore_bom(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_decoder(this, "ignoreBOM", |d| d.ignore_bom.into())
}

/// `decode(optional [AllowShared] BufferSource input, optional
/// TextDecodeOptions options = {})`.
pub(crate) fn decode(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = receiver(this, "decode")?;
    let input = match args.first() {
        None => Vec::new(),
        Some(value) if value.is_undefined() => Vec::new(),
        Some(value) => buffer_source_bytes(value, context)?.ok_or_else(|| {
            JsNativeError::typ().with_message(
                "TextDecoder.prototype.decode: input is not an ArrayBuffer or ArrayBufferView",
            )
        })?,
    };
    let options = dictionary(args.get(1), "TextDecoder.prototype.decode: options")?;
    let stream = member(options.as_ref(), "stream", context)?;

    let mut state = object
        .downcast_mut::<TextDecoder>()
        .ok_or_else(|| illegal_invocation("TextDecoder", "decode"))?;
    let fatal = state.fatal;
    let mut decoder = match state.decoder.take() {
        Some(decoder) => decoder,
        None if state.ignore_bom => state.encoding.new_decoder_without_bom_handling(),
        // Strips this encoding's own BOM (UTF-8, UTF-16BE/LE) once at the
        // start of the stream, as the standard's "BOM seen" flag does.
        None => state.encoding.new_decoder_with_bom_removal(),
    };
    let last = !stream;
    let result = run(&mut decoder, &input, last, fatal);
    // A stream goes on with this decoder; otherwise (or after an error) the
    // next call starts afresh.
    if stream && result.is_some() {
        state.decoder = Some(decoder);
    }
    drop(state);
    match result {
        Some(units) => Ok(JsString::from(units.as_slice()).into()),
        None => Err(JsNativeError::typ()
            .with_message(format!(
                "TextDecoder.prototype.decode: the encoded data is not valid {}",
                object
                    .downcast_ref::<TextDecoder>()
                    .map_or("", |d| d.encoding.name())
            ))
            .into()),
    }
}

/// Decodes `input` to UTF-16; `None` for malformed input when `fatal`.
fn run(decoder: &mut Decoder, input: &[u8], last: bool, fatal: bool) -> Option<Vec<u16>> {
    let mut output: Vec<u16> = Vec::new();
    let mut chunk = decoder
        .max_utf16_buffer_length(input.len())
        .unwrap_or(input.len())
        .max(16);
    let mut read_total = 0;
    loop {
        let start = output.len();
        output.resize(start + chunk, 0);
        let rest = &input[read_total..];
        let (full, read, written) = if fatal {
            let (result, read, written) =
                decoder.decode_to_utf16_without_replacement(rest, &mut output[start..], last);
            match result {
                DecoderResult::Malformed(..) => return None,
                DecoderResult::InputEmpty => (false, read, written),
                DecoderResult::OutputFull => (true, read, written),
            }
        } else {
            let (result, read, written, _) =
                decoder.decode_to_utf16(rest, &mut output[start..], last);
            (result == CoderResult::OutputFull, read, written)
        };
        read_total += read;
        output.truncate(start + written);
        if !full {
            return Some(output);
        }
        chunk = chunk.saturating_mul(2);
    }
}
