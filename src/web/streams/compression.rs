//! The byte-moving half of `CompressionStream` and `DecompressionStream`
//! (Compression Standard): incremental gzip (RFC 1952), deflate (zlib,
//! RFC 1950) and deflate-raw (RFC 1951) on flate2's miniz_oxide backend.
//! The two interfaces are TransformStreams around one codec each
//! (Compression Standard §5, <https://compression.spec.whatwg.org/#compression-stream>).
//!
//! A handle is an opaque object holding one codec; `native_push` feeds
//! it a chunk and returns the output so far, `native_finish` ends the
//! stream. Every failure is a TypeError, as the standard says.

use std::io::Write;

use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsValue, Trace,
};
use boa_gc::Gc;

use super::transform::{self, Native, NativeTransform, Transform};
use crate::web::webidl::{
    Interface, illegal_invocation, instance_prototype, require_args, to_enum,
};
use flate2::write::{DeflateEncoder, GzDecoder, GzEncoder, ZlibEncoder};
use flate2::{Compression, Decompress, FlushDecompress, Status};

/// Output is gathered in steps of this many bytes of spare capacity.
const OUTPUT_STEP: usize = 64 * 1024;

enum Codec {
    Gzip(GzEncoder<Vec<u8>>),
    Deflate(ZlibEncoder<Vec<u8>>),
    DeflateRaw(DeflateEncoder<Vec<u8>>),
    /// flate2's write-side gzip decoder parses the header and checks the
    /// CRC-32 and length trailer. It accepts a partial header without
    /// looking at it, so the magic bytes are checked here as they arrive
    /// (`magic_seen` of them so far), as zlib does: bad data fails at once.
    Gunzip {
        decoder: GzDecoder<Vec<u8>>,
        magic_seen: usize,
    },
    /// zlib (`zlib_header`) or raw deflate; `ended` once the final block
    /// (and the Adler-32 trailer) was read.
    Inflate {
        inflater: Decompress,
        ended: bool,
    },
}

/// One codec; `None` once finished.
#[derive(Trace, Finalize, JsData)]
#[boa_gc(unsafe_no_drop)]
struct Handle(#[unsafe_ignore_trace] Option<Codec>);

fn type_error(message: impl Into<String>) -> JsError {
    JsNativeError::typ().with_message(message.into()).into()
}

/// `compressionNew(format, decompress)`: a handle, or a TypeError for a
/// format that is not a CompressionFormat.
pub(super) fn native_new(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let format = args
        .get_or_undefined(0)
        .to_string(cx)?
        .to_std_string_escaped();
    let decompress = args.get_or_undefined(1).to_boolean();
    let level = Compression::default();
    let codec = match (format.as_str(), decompress) {
        ("gzip", false) => Codec::Gzip(GzEncoder::new(Vec::new(), level)),
        ("deflate", false) => Codec::Deflate(ZlibEncoder::new(Vec::new(), level)),
        ("deflate-raw", false) => Codec::DeflateRaw(DeflateEncoder::new(Vec::new(), level)),
        ("gzip", true) => Codec::Gunzip {
            decoder: GzDecoder::new(Vec::new()),
            magic_seen: 0,
        },
        ("deflate", true) => Codec::Inflate {
            inflater: Decompress::new(true),
            ended: false,
        },
        ("deflate-raw", true) => Codec::Inflate {
            inflater: Decompress::new(false),
            ended: false,
        },
        _ => {
            return Err(type_error(format!(
                "'{format}' is not a valid CompressionFormat"
            )));
        }
    };
    Ok(JsObject::from_proto_and_data(None, Handle(Some(codec))).into())
}

/// `compressionPush(handle, bufferSource)`: feeds one chunk, returns a
/// Uint8Array of the output it produced (maybe empty).
pub(super) fn native_push(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = crate::web::encoding::buffer_source_bytes(args.get_or_undefined(1), cx)?
        .ok_or_else(|| type_error("The chunk is not a BufferSource"))?;
    let output = with_codec(args, |codec| push(codec, &bytes))?;
    Ok(crate::web::encoding::uint8_array(&output, cx)?.into())
}

/// `compressionFinish(handle)`: ends the stream, returns the last output.
/// A TypeError when decompressing an incomplete stream.
pub(super) fn native_finish(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let handle = handle_object(args)?;
    let codec = handle
        .downcast_mut::<Handle>()
        .ok_or_else(|| type_error("internal: not a compression handle"))?
        .0
        .take()
        .ok_or_else(|| type_error("internal: the compression stream already finished"))?;
    let output = finish(codec)?;
    Ok(crate::web::encoding::uint8_array(&output, cx)?.into())
}

fn handle_object(args: &[JsValue]) -> JsResult<JsObject> {
    args.get_or_undefined(0)
        .as_object()
        .ok_or_else(|| type_error("internal: not a compression handle"))
}

fn with_codec<R>(args: &[JsValue], f: impl FnOnce(&mut Codec) -> JsResult<R>) -> JsResult<R> {
    let handle = handle_object(args)?;
    let mut data = handle
        .downcast_mut::<Handle>()
        .ok_or_else(|| type_error("internal: not a compression handle"))?;
    let codec = data
        .0
        .as_mut()
        .ok_or_else(|| type_error("internal: the compression stream already finished"))?;
    f(codec)
}

fn corrupt(error: impl std::fmt::Display) -> JsError {
    type_error(format!("The compressed data is invalid: {error}"))
}

const TRAILING_DATA: &str = "Unexpected data after the end of the compressed stream";

fn push(codec: &mut Codec, input: &[u8]) -> JsResult<Vec<u8>> {
    match codec {
        Codec::Gzip(encoder) => encode(encoder, input),
        Codec::Deflate(encoder) => encode(encoder, input),
        Codec::DeflateRaw(encoder) => encode(encoder, input),
        Codec::Gunzip {
            decoder,
            magic_seen,
        } => {
            // RFC 1952 §2.3.1: ID1 ID2 and CM (8, deflate).
            const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
            for &byte in input.iter().take(MAGIC.len().saturating_sub(*magic_seen)) {
                if MAGIC.get(*magic_seen) != Some(&byte) {
                    return Err(corrupt("not gzip data"));
                }
                *magic_seen += 1;
            }
            let mut rest = input;
            while !rest.is_empty() {
                let n = decoder.write(rest).map_err(corrupt)?;
                // Compression §5.2 "decompress and enqueue a chunk": input
                // left over after the end of the stream is a TypeError.
                if n == 0 {
                    return Err(type_error(TRAILING_DATA));
                }
                rest = &rest[n..];
            }
            decoder.flush().map_err(corrupt)?;
            Ok(std::mem::take(decoder.get_mut()))
        }
        Codec::Inflate { inflater, ended } => inflate(inflater, ended, input),
    }
}

/// Writes through a flate2 encoder; its output so far is moved out of the
/// inner Vec (the encoder keeps what it has not emitted yet).
fn encode<E: Write + Inner>(encoder: &mut E, input: &[u8]) -> JsResult<Vec<u8>> {
    encoder
        .write_all(input)
        .map_err(|e| type_error(format!("Compression failed: {e}")))?;
    Ok(std::mem::take(encoder.inner()))
}

/// The Vec an encoder writes into.
trait Inner {
    fn inner(&mut self) -> &mut Vec<u8>;
}
impl Inner for GzEncoder<Vec<u8>> {
    fn inner(&mut self) -> &mut Vec<u8> {
        self.get_mut()
    }
}
impl Inner for ZlibEncoder<Vec<u8>> {
    fn inner(&mut self) -> &mut Vec<u8> {
        self.get_mut()
    }
}
impl Inner for DeflateEncoder<Vec<u8>> {
    fn inner(&mut self) -> &mut Vec<u8> {
        self.get_mut()
    }
}

/// Inflates `input`, growing the output until the inflater neither
/// consumes input nor fills the space it was given.
fn inflate(inflater: &mut Decompress, ended: &mut bool, input: &[u8]) -> JsResult<Vec<u8>> {
    let mut output = Vec::new();
    let mut rest = input;
    if *ended && !rest.is_empty() {
        return Err(type_error(TRAILING_DATA));
    }
    loop {
        if output.capacity() - output.len() < OUTPUT_STEP / 4 {
            output.reserve(OUTPUT_STEP);
        }
        let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
        let status = inflater
            .decompress_vec(rest, &mut output, FlushDecompress::None)
            .map_err(corrupt)?;
        let consumed = usize::try_from(inflater.total_in() - in_before).map_err(corrupt)?;
        let produced = inflater.total_out() - out_before;
        rest = rest.get(consumed..).unwrap_or_default();
        if status == Status::StreamEnd {
            *ended = true;
            if !rest.is_empty() {
                return Err(type_error(TRAILING_DATA));
            }
            break;
        }
        let output_full = output.len() == output.capacity();
        if (rest.is_empty() && !output_full) || (consumed == 0 && produced == 0) {
            break;
        }
    }
    Ok(output)
}

fn finish(codec: Codec) -> JsResult<Vec<u8>> {
    let failed = |e: std::io::Error| type_error(format!("Compression failed: {e}"));
    match codec {
        Codec::Gzip(encoder) => encoder.finish().map_err(failed),
        Codec::Deflate(encoder) => encoder.finish().map_err(failed),
        Codec::DeflateRaw(encoder) => encoder.finish().map_err(failed),
        // Compression §5.2 "decompress flush and enqueue": the end of the
        // stream not reached is a TypeError (flate2 checks the trailer).
        Codec::Gunzip { decoder, .. } => decoder
            .finish()
            .map_err(|_| type_error("The compressed data is truncated")),
        Codec::Inflate {
            mut inflater,
            mut ended,
        } => {
            // Output the inflater still holds.
            let output = inflate(&mut inflater, &mut ended, &[])?;
            if ended {
                Ok(output)
            } else {
                Err(type_error("The compressed data is truncated"))
            }
        }
    }
}

// ---- CompressionStream and DecompressionStream ------------------------------

/// The transform of a (de)compression stream: one codec handle.
#[derive(Trace, Finalize)]
pub(crate) struct CodecState {
    handle: JsObject,
}

/// The output of one step, enqueued only when not empty (§5.2 "If buffer
/// is empty, return").
fn non_empty(output: JsValue, cx: &mut Context) -> JsResult<Vec<JsValue>> {
    let empty = output
        .as_object()
        .and_then(|o| boa_engine::object::builtins::JsUint8Array::from_object(o).ok())
        .map(|a| a.byte_length(cx))
        .transpose()?
        == Some(0);
    Ok(if empty { Vec::new() } else { vec![output] })
}

impl NativeTransform for CodecState {
    fn transform(&self, chunk: JsValue, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        let output = native_push(
            &JsValue::undefined(),
            &[self.handle.clone().into(), chunk],
            cx,
        )?;
        non_empty(output, cx)
    }
    fn flush(&self, cx: &mut Context) -> JsResult<Vec<JsValue>> {
        let output = native_finish(&JsValue::undefined(), &[self.handle.clone().into()], cx)?;
        non_empty(output, cx)
    }
}

#[derive(Trace, Finalize, JsData)]
struct CodecSlot {
    transform: Gc<Transform>,
    #[unsafe_ignore_trace]
    decompress: bool,
}

pub(crate) struct Classes {
    compression: StandardConstructor,
    decompression: StandardConstructor,
}

fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = cx.get_data::<Rc<Classes>>() {
        return classes.clone();
    }
    let compression = build(cx, "CompressionStream", false);
    let decompression = build(cx, "DecompressionStream", true);
    let classes = Rc::new(Classes {
        compression,
        decompression,
    });
    cx.insert_data(classes.clone());
    classes
}

pub(crate) const GLOBALS: &[&str] = &["CompressionStream", "DecompressionStream"];

pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    match name {
        "CompressionStream" => Some(classes.compression.constructor()),
        "DecompressionStream" => Some(classes.decompression.constructor()),
        _ => None,
    }
}

fn this_transform(this: &JsValue, decompress: bool, member: &str) -> JsResult<Gc<Transform>> {
    let interface = if decompress {
        "DecompressionStream"
    } else {
        "CompressionStream"
    };
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<CodecSlot>()
                .filter(|s| s.decompress == decompress)
                .map(|s| s.transform.clone())
        })
        .ok_or_else(|| illegal_invocation(interface, member))
}

fn build(cx: &mut Context, name: &'static str, decompress: bool) -> StandardConstructor {
    let constructor: super::NativeFn = if decompress {
        |t, a, cx| construct(t, a, true, cx)
    } else {
        |t, a, cx| construct(t, a, false, cx)
    };
    let mut interface = Interface::new(cx, name, 1, constructor, None);
    if decompress {
        interface
            .attribute(
                "readable",
                |this, _, _| {
                    Ok(this_transform(this, true, "readable")?
                        .readable()
                        .object()
                        .into())
                },
                None,
            )
            .attribute(
                "writable",
                |this, _, _| {
                    Ok(this_transform(this, true, "writable")?
                        .writable()
                        .object()
                        .into())
                },
                None,
            );
    } else {
        interface
            .attribute(
                "readable",
                |this, _, _| {
                    Ok(this_transform(this, false, "readable")?
                        .readable()
                        .object()
                        .into())
                },
                None,
            )
            .attribute(
                "writable",
                |this, _, _| {
                    Ok(this_transform(this, false, "writable")?
                        .writable()
                        .object()
                        .into())
                },
                None,
            );
    }
    interface.build()
}

/// `new CompressionStream(format)` / `new DecompressionStream(format)`.
fn construct(
    new_target: &JsValue,
    args: &[JsValue],
    decompress: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let (name, default) = if decompress {
        ("DecompressionStream", classes(cx).decompression.prototype())
    } else {
        ("CompressionStream", classes(cx).compression.prototype())
    };
    let prototype = instance_prototype(new_target, name, &default, cx)?;
    require_args(args, 1, name)?;
    // The CompressionFormat enum (WebIDL §3.2.23).
    let format = to_enum(
        args.get_or_undefined(0),
        &["deflate", "deflate-raw", "gzip"],
        name,
        cx,
    )?;
    let handle = native_new(
        &JsValue::undefined(),
        &[boa_engine::JsString::from(format).into(), decompress.into()],
        cx,
    )?
    .as_object()
    .ok_or_else(|| type_error("internal: not a compression handle"))?;
    let state = Gc::new(CodecState { handle });
    let transform = transform::create_native(Native::Codec(state), cx)?;
    let slot = CodecSlot {
        transform,
        decompress,
    };
    Ok(JsObject::from_proto_and_data(prototype, slot).into())
}
