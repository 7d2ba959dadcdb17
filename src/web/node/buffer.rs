//! `node:buffer` and the `Buffer` global
//! (<https://nodejs.org/api/buffer.html>).
//!
//! A Buffer is a real `Uint8Array` whose prototype is `Buffer.prototype`
//! (which inherits `Uint8Array.prototype`), as in node: every typed-array
//! method works on it, and the engine's own `subarray`, `map` and `slice`
//! make Buffers through `Buffer[Symbol.species]` (inherited from
//! `Uint8Array`), which calls `new Buffer(arrayBuffer, offset, length)`.
//! Instances are made by calling the intrinsic `Uint8Array` constructor
//! with `Buffer` as new.target, so the prototype comes from
//! GetPrototypeFromConstructor
//! (<https://tc39.es/ecma262/#sec-getprototypefromconstructor>).
//!
//! Where node's behaviour differs from a plain Uint8Array it is node's:
//! `slice` shares memory (as `subarray`), `fill` and `indexOf` take strings
//! in an encoding, `toString` decodes. Encodings: utf8, hex, base64,
//! base64url, latin1 (binary), ascii, utf16le (ucs2); names are
//! case-insensitive.

use boa_engine::JsSymbol;
use boa_engine::object::builtins::{JsArray, JsTypedArray};
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsBigInt, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Trace, js_string,
};

use super::errors::{self, Kind, coded, invalid_arg_type, out_of_range};
use crate::web::streams::buffers;

/// The largest Buffer (node 20's `buffer.constants.MAX_LENGTH`, 2^32).
const MAX_LENGTH: f64 = 4_294_967_296.0;
/// `buffer.constants.MAX_STRING_LENGTH` (V8's limit, which node reports).
const MAX_STRING_LENGTH: f64 = 536_870_888.0;
/// How many bytes `inspect` shows (`buffer.INSPECT_MAX_BYTES`).
pub(crate) const INSPECT_MAX_BYTES: usize = 50;

/// The `Buffer` constructor of this context, made on first use.
#[derive(Trace, Finalize)]
struct BufferClass {
    constructor: JsObject,
    prototype: JsObject,
}

/// A text encoding Buffer understands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Encoding {
    Utf8,
    Hex,
    Base64,
    Base64Url,
    Latin1,
    Ascii,
    Utf16Le,
}

impl Encoding {
    /// Node's `normalizeEncoding`.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Self::Utf8,
            "hex" => Self::Hex,
            "base64" => Self::Base64,
            "base64url" => Self::Base64Url,
            "latin1" | "binary" => Self::Latin1,
            "ascii" => Self::Ascii,
            "utf16le" | "utf-16le" | "ucs2" | "ucs-2" => Self::Utf16Le,
            _ => return None,
        })
    }

    const ALL: [(&'static str, Self); 7] = [
        ("utf8", Self::Utf8),
        ("hex", Self::Hex),
        ("base64", Self::Base64),
        ("base64url", Self::Base64Url),
        ("latin1", Self::Latin1),
        ("ascii", Self::Ascii),
        ("ucs2", Self::Utf16Le),
    ];

    /// The bytes of `text` in this encoding, as node writes them: UTF-8
    /// with lone surrogates as U+FFFD; hex up to the first bad pair;
    /// base64 of either alphabet, whitespace and padding ignored.
    pub(crate) fn encode(self, text: &JsString) -> Vec<u8> {
        match self {
            Self::Utf8 => text.to_std_string_lossy().into_bytes(),
            Self::Latin1 | Self::Ascii => text.iter().map(|unit| unit as u8).collect(),
            Self::Utf16Le => text.iter().flat_map(u16::to_le_bytes).collect(),
            Self::Hex => {
                let units = text.to_vec();
                let digit = |u: u16| char::from_u32(u32::from(u)).and_then(|c| c.to_digit(16));
                let mut out = Vec::with_capacity(units.len() / 2);
                for pair in units.chunks_exact(2) {
                    match (digit(pair[0]), digit(pair[1])) {
                        (Some(high), Some(low)) => out.push((high * 16 + low) as u8),
                        _ => break,
                    }
                }
                out
            }
            Self::Base64 | Self::Base64Url => decode_base64(&text.to_vec()),
        }
    }

    /// `bytes` as text in this encoding.
    pub(crate) fn decode(self, bytes: &[u8]) -> JsString {
        use base64::Engine as _;
        match self {
            Self::Utf8 => JsString::from(String::from_utf8_lossy(bytes).as_ref()),
            Self::Latin1 => {
                JsString::from(&bytes.iter().map(|&b| u16::from(b)).collect::<Vec<_>>()[..])
            }
            Self::Ascii => JsString::from(
                &bytes
                    .iter()
                    .map(|&b| u16::from(b & 0x7f))
                    .collect::<Vec<_>>()[..],
            ),
            Self::Utf16Le => JsString::from(
                &bytes
                    .chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                    .collect::<Vec<_>>()[..],
            ),
            Self::Hex => {
                let mut out = String::with_capacity(bytes.len() * 2);
                for byte in bytes {
                    out.push_str(&format!("{byte:02x}"));
                }
                JsString::from(out)
            }
            Self::Base64 => JsString::from(base64::engine::general_purpose::STANDARD.encode(bytes)),
            Self::Base64Url => {
                JsString::from(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
            }
        }
    }
}

/// Node's lenient base64 decoding: both alphabets, characters outside
/// them skipped, stops at `=`, a dangling sixth bit group dropped.
fn decode_base64(units: &[u16]) -> Vec<u8> {
    let mut sextets = Vec::with_capacity(units.len());
    for &unit in units {
        let value = match unit {
            0x41..=0x5a => unit - 0x41,
            0x61..=0x7a => unit - 0x61 + 26,
            0x30..=0x39 => unit - 0x30 + 52,
            0x2b | 0x2d => 62,
            0x2f | 0x5f => 63,
            0x3d => break,
            _ => continue,
        };
        sextets.push(value as u32);
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for group in sextets.chunks(4) {
        let bits = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, s)| acc | (s << (18 - 6 * i)));
        let bytes = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        let whole = match group.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => 0,
        };
        out.extend_from_slice(&bytes[..whole]);
    }
    out
}

/// The encoding named by an optional argument: undefined is utf8, any
/// other value must name one (`buf.toString`, `buf.write`).
fn encoding_arg(value: &JsValue, cx: &mut Context) -> JsResult<Encoding> {
    if value.is_undefined() {
        return Ok(Encoding::Utf8);
    }
    let name = value.to_string(cx)?.to_std_string_lossy();
    Encoding::parse(&name).ok_or_else(|| errors::unknown_encoding(value, cx))
}

/// As node's `Buffer.from(string, encoding)`: an encoding that is not a
/// non-empty string means utf8.
fn lenient_encoding_arg(value: &JsValue, cx: &mut Context) -> JsResult<Encoding> {
    match value.as_string() {
        Some(name) if !name.is_empty() => Encoding::parse(&name.to_std_string_lossy())
            .ok_or_else(|| errors::unknown_encoding(value, cx)),
        _ => Ok(Encoding::Utf8),
    }
}

fn class(cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    if let Some(class) = cx.get_data::<BufferClass>() {
        return Ok((class.constructor.clone(), class.prototype.clone()));
    }
    let (constructor, prototype) = build_class(cx)?;
    cx.insert_data(BufferClass {
        constructor: constructor.clone(),
        prototype: prototype.clone(),
    });
    Ok((constructor, prototype))
}

/// The `Buffer` constructor (the global and `node:buffer`'s export).
pub fn constructor(cx: &mut Context) -> JsResult<JsValue> {
    Ok(class(cx)?.0.into())
}

/// `node:buffer`'s module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let buffer = constructor(cx)?;
    let global = cx.global_object();
    let blob = global.get(js_string!("Blob"), cx)?;
    let file = global.get(js_string!("File"), cx)?;
    let atob = global.get(js_string!("atob"), cx)?;
    let btoa = global.get(js_string!("btoa"), cx)?;
    let constants = ObjectInitializer::new(cx)
        .property(js_string!("MAX_LENGTH"), MAX_LENGTH, Attribute::all())
        .property(
            js_string!("MAX_STRING_LENGTH"),
            MAX_STRING_LENGTH,
            Attribute::all(),
        )
        .build();
    let mut object = ObjectInitializer::new(cx);
    object
        .property(js_string!("Buffer"), buffer.clone(), Attribute::all())
        .property(js_string!("SlowBuffer"), buffer, Attribute::all())
        .property(js_string!("constants"), constants, Attribute::all())
        .property(js_string!("kMaxLength"), MAX_LENGTH, Attribute::all())
        .property(
            js_string!("kStringMaxLength"),
            MAX_STRING_LENGTH,
            Attribute::all(),
        )
        .property(
            js_string!("INSPECT_MAX_BYTES"),
            INSPECT_MAX_BYTES as f64,
            Attribute::all(),
        )
        .property(js_string!("Blob"), blob, Attribute::all())
        .property(js_string!("File"), file, Attribute::all())
        .property(js_string!("atob"), atob, Attribute::all())
        .property(js_string!("btoa"), btoa, Attribute::all())
        .function(
            NativeFunction::from_fn_ptr(is_utf8),
            js_string!("isUtf8"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(is_ascii),
            js_string!("isAscii"),
            1,
        );
    Ok(object.build().into())
}

type Method = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

fn build_class(cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    let uint8 = cx.intrinsics().constructors().typed_uint8_array();
    let (uint8_constructor, uint8_prototype) = (uint8.constructor(), uint8.prototype());
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    prototype.set_prototype(Some(uint8_prototype));
    let constructor =
        FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(construct))
            .name(js_string!("Buffer"))
            .length(2)
            .constructor(true)
            .build();
    constructor.set_prototype(Some(uint8_constructor));
    super::link_class(&constructor.clone().into(), &prototype, cx)?;

    let statics: [(&str, usize, Method); 11] = [
        ("from", 3, from),
        ("of", 0, of),
        ("copyBytesFrom", 3, copy_bytes_from),
        ("alloc", 3, alloc),
        ("allocUnsafe", 1, alloc_unsafe),
        ("allocUnsafeSlow", 1, alloc_unsafe),
        ("byteLength", 2, byte_length),
        ("concat", 2, concat),
        ("isBuffer", 1, is_buffer),
        ("isEncoding", 1, is_encoding),
        ("compare", 2, compare_static),
    ];
    for (name, length, f) in statics {
        define_method(&constructor, name, length, f, cx)?;
    }
    constructor.set(js_string!("poolSize"), 8192, false, cx)?;

    let methods: [(&str, usize, Method); 15] = [
        ("toString", 3, to_string),
        ("toLocaleString", 3, to_string),
        ("write", 4, write),
        ("toJSON", 0, to_json),
        ("equals", 1, equals),
        ("compare", 5, compare),
        ("copy", 4, copy),
        ("slice", 2, slice),
        ("fill", 4, fill),
        ("indexOf", 3, index_of),
        ("lastIndexOf", 3, last_index_of),
        ("includes", 3, includes),
        ("swap16", 0, swap16),
        ("swap32", 0, swap32),
        ("swap64", 0, swap64),
    ];
    for (name, length, f) in methods {
        define_method(&prototype, name, length, f, cx)?;
    }
    define_number_access(&prototype, cx)?;
    for (name, encoding) in Encoding::ALL {
        define_encoding_methods(&prototype, name, encoding, cx)?;
    }
    Ok((constructor.into(), prototype))
}

fn define_method(
    target: &JsObject,
    name: &str,
    length: usize,
    f: Method,
    cx: &mut Context,
) -> JsResult<()> {
    let function = FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(f))
        .name(JsString::from(name))
        .length(length)
        .build();
    // Enumerable, as node's (assigned) members are: packages such as
    // safer-buffer copy Buffer with a `for...in`.
    target.create_data_property_or_throw(JsString::from(name), function, cx)?;
    Ok(())
}

fn define_closure<T: Trace + 'static>(
    target: &JsObject,
    name: &str,
    length: usize,
    captures: T,
    f: fn(&JsValue, &[JsValue], &T, &mut Context) -> JsResult<JsValue>,
    cx: &mut Context,
) -> JsResult<()> {
    let function = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_copy_closure_with_captures(f, captures),
    )
    .name(JsString::from(name))
    .length(length)
    .build();
    // Enumerable, as node's (assigned) members are: packages such as
    // safer-buffer copy Buffer with a `for...in`.
    target.create_data_property_or_throw(JsString::from(name), function, cx)?;
    Ok(())
}

/// `utf8Slice(start, end)`, `hexWrite(string, offset, length)` and the
/// rest: the per-encoding methods node's Buffer has and some packages call.
fn define_encoding_methods(
    prototype: &JsObject,
    name: &str,
    encoding: Encoding,
    cx: &mut Context,
) -> JsResult<()> {
    let code = Code(encoding as u8);
    define_closure(
        prototype,
        &format!("{name}Slice"),
        2,
        code,
        |this, args, code, cx| {
            let bytes = this_bytes(this, cx)?;
            let (start, end) = clamp_range(
                args.get_or_undefined(0),
                args.get_or_undefined(1),
                bytes.len(),
                cx,
            )?;
            Ok(code.encoding().decode(&bytes[start..end]).into())
        },
        cx,
    )?;
    define_closure(
        prototype,
        &format!("{name}Write"),
        3,
        code,
        |this, args, code, cx| {
            let text = args.get_or_undefined(0).to_string(cx)?;
            write_encoded(
                this,
                &text,
                args.get_or_undefined(1),
                args.get_or_undefined(2),
                code.encoding(),
                cx,
            )
        },
        cx,
    )
}

/// An [`Encoding`] captured by a closure (a plain-data capture).
#[derive(Clone, Copy, Trace, Finalize)]
#[boa_gc(empty_trace)]
struct Code(u8);

impl Code {
    fn encoding(self) -> Encoding {
        Encoding::ALL
            .iter()
            .map(|(_, e)| *e)
            .find(|e| *e as u8 == self.0)
            .unwrap_or(Encoding::Utf8)
    }
}

// ---- making Buffers ----

/// A new Buffer over `length` bytes of `buffer` from `offset` (shared).
fn view_over(
    buffer: &JsValue,
    offset: f64,
    length: Option<f64>,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let (constructor, _) = class(cx)?;
    let uint8 = cx
        .intrinsics()
        .constructors()
        .typed_uint8_array()
        .constructor();
    let mut args = vec![buffer.clone(), offset.into()];
    if let Some(length) = length {
        args.push(length.into());
    }
    uint8.construct(&args, Some(&constructor), cx)
}

/// A new Buffer holding a copy of `bytes`.
pub(crate) fn from_bytes(bytes: Vec<u8>, cx: &mut Context) -> JsResult<JsObject> {
    let length = bytes.len() as f64;
    let buffer = buffers::from_bytes(&bytes, cx)?;
    view_over(&buffer.into(), 0.0, Some(length), cx)
}

/// `new Buffer(...)` / `Buffer(...)`: as `Buffer.alloc(size)` for a number
/// and `Buffer.from(...)` otherwise (node's deprecated constructor; also
/// what species creation calls).
fn construct(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if args.get_or_undefined(0).is_number() {
        return alloc(&JsValue::undefined(), &args[..1], cx);
    }
    from(&JsValue::undefined(), args, cx)
}

/// `Buffer.from(string | arrayBuffer | array | buffer | object, ...)`.
fn from(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    if let Some(text) = value.as_string() {
        let encoding = lenient_encoding_arg(args.get_or_undefined(1), cx)?;
        return Ok(from_bytes(encoding.encode(&text), cx)?.into());
    }
    let Some(object) = value.as_object() else {
        return Err(from_type_error(value, cx));
    };
    if object.is::<boa_engine::builtins::array_buffer::ArrayBuffer>()
        || object.is::<boa_engine::builtins::array_buffer::SharedArrayBuffer>()
    {
        let byte_length = object.get(js_string!("byteLength"), cx)?.to_number(cx)?;
        let offset = match args.get_or_undefined(1) {
            v if v.is_undefined() => 0.0,
            v => v.to_number(cx)?,
        };
        let offset = if offset.is_nan() { 0.0 } else { offset.trunc() };
        if offset < 0.0 || offset > byte_length {
            return Err(coded(
                Kind::Range,
                "ERR_BUFFER_OUT_OF_BOUNDS",
                "\"offset\" is outside of buffer bounds",
                cx,
            ));
        }
        let length = match args.get_or_undefined(2) {
            v if v.is_undefined() => byte_length - offset,
            v => {
                let n = v.to_number(cx)?;
                let n = if n.is_nan() { 0.0 } else { n.trunc().max(0.0) };
                if n > byte_length - offset {
                    return Err(coded(
                        Kind::Range,
                        "ERR_BUFFER_OUT_OF_BOUNDS",
                        "\"length\" is outside of buffer bounds",
                        cx,
                    ));
                }
                n
            }
        };
        return Ok(view_over(value, offset, Some(length), cx)?.into());
    }
    // valueOf / Symbol.toPrimitive giving something else (node's fromObject).
    let value_of = object.get(js_string!("valueOf"), cx)?;
    if let Some(value_of) = value_of.as_callable() {
        let primitive = value_of.call(value, &[], cx)?;
        if !primitive.is_null_or_undefined() && primitive != *value {
            let mut rest = vec![primitive];
            rest.extend_from_slice(args.get(1..).unwrap_or_default());
            return from(&JsValue::undefined(), &rest, cx);
        }
    }
    if let Ok(typed) = JsTypedArray::from_object(object.clone()) {
        // Element by element with ToUint8: Boa 0.22's `new Uint8Array(typedArray)`
        // saturates (256 becomes 255) where the spec wraps (0).
        let length = typed.length(cx)?;
        let mut bytes = Vec::with_capacity(length);
        for i in 0..length {
            bytes.push(typed.at(i as i64, cx)?.to_uint8(cx)?);
        }
        return Ok(from_bytes(bytes, cx)?.into());
    }
    let length = object.get(js_string!("length"), cx)?;
    if !length.is_undefined()
        || buffers::array_buffer(&object.get(js_string!("buffer"), cx)?).is_some()
    {
        return Ok(copy_elements(value, cx)?.into());
    }
    if object.get(js_string!("type"), cx)? == JsValue::from(js_string!("Buffer")) {
        let data = object.get(js_string!("data"), cx)?;
        if data.as_object().is_some_and(|d| d.is_array()) {
            return Ok(copy_elements(&data, cx)?.into());
        }
    }
    let to_primitive = object.get(JsSymbol::to_primitive(), cx)?;
    if let Some(to_primitive) = to_primitive.as_callable() {
        let primitive = to_primitive.call(value, &[js_string!("string").into()], cx)?;
        if let Some(text) = primitive.as_string() {
            let encoding = lenient_encoding_arg(args.get_or_undefined(1), cx)?;
            return Ok(from_bytes(encoding.encode(&text), cx)?.into());
        }
    }
    Err(from_type_error(value, cx))
}

fn from_type_error(value: &JsValue, cx: &mut Context) -> boa_engine::JsError {
    let shown = errors::received(value, cx);
    coded(
        Kind::Type,
        "ERR_INVALID_ARG_TYPE",
        format!(
            "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received {shown}"
        ),
        cx,
    )
}

/// `new Uint8Array(arrayLike)` with Buffer as new.target: each element
/// converted with ToUint8, as `Buffer.from([257])` is `<Buffer 01>`.
fn copy_elements(value: &JsValue, cx: &mut Context) -> JsResult<JsObject> {
    let (constructor, _) = class(cx)?;
    let uint8 = cx
        .intrinsics()
        .constructors()
        .typed_uint8_array()
        .constructor();
    uint8.construct(std::slice::from_ref(value), Some(&constructor), cx)
}

fn size_arg(value: &JsValue, cx: &mut Context) -> JsResult<usize> {
    let Some(size) = value.as_number() else {
        return Err(invalid_arg_type("size", "of type number", value, cx));
    };
    if !(0.0..=MAX_LENGTH).contains(&size) || size.is_nan() {
        return Err(out_of_range(
            "size",
            &format!(">= 0 && <= {MAX_LENGTH}"),
            value,
            cx,
        ));
    }
    Ok(size as usize)
}

/// `Buffer.of(...items)`.
fn of(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let items = JsArray::from_iter(args.iter().cloned(), cx);
    Ok(copy_elements(&items.into(), cx)?.into())
}

/// `Buffer.copyBytesFrom(view, offset, length)`: a copy of the bytes of
/// elements `offset..offset + length` of a typed array.
fn copy_bytes_from(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    let view = match buffers::view(value, cx)? {
        Some(view) if matches!(view.kind, buffers::ViewKind::Typed(_)) => view,
        _ => {
            return Err(invalid_arg_type(
                "view",
                "an instance of TypedArray",
                value,
                cx,
            ));
        }
    };
    let size = view.kind.element_size();
    let offset = match args.get_or_undefined(1) {
        v if v.is_undefined() => 0,
        v => index_arg(v, "offset", 0, usize::MAX >> 1, cx)?,
    }
    .min(view.length);
    let length = match args.get_or_undefined(2) {
        v if v.is_undefined() => view.length - offset,
        v => index_arg(v, "length", 0, usize::MAX >> 1, cx)?.min(view.length - offset),
    };
    let bytes = crate::web::encoding::buffer_source_bytes(value, cx)?.unwrap_or_default();
    let copy = bytes[offset * size..(offset + length) * size].to_vec();
    Ok(from_bytes(copy, cx)?.into())
}

/// `Buffer.alloc(size, fill, encoding)`.
fn alloc(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let size = size_arg(args.get_or_undefined(0), cx)?;
    let buffer = from_bytes(vec![0; size], cx)?;
    let fill_value = args.get_or_undefined(1);
    let zero_fill = fill_value.is_undefined() || fill_value.as_number() == Some(0.0);
    if !zero_fill && size > 0 {
        let encoding = args.get_or_undefined(2).clone();
        fill(
            &buffer.clone().into(),
            &[
                fill_value.clone(),
                JsValue::undefined(),
                JsValue::undefined(),
                encoding,
            ],
            cx,
        )?;
    }
    Ok(buffer.into())
}

/// `Buffer.allocUnsafe(size)`: zero-filled here (no pool to leak from).
fn alloc_unsafe(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let size = size_arg(args.get_or_undefined(0), cx)?;
    Ok(from_bytes(vec![0; size], cx)?.into())
}

/// `Buffer.byteLength(string | buffer, encoding)`.
fn byte_length(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    if let Some(text) = value.as_string() {
        let encoding = lenient_encoding_arg(args.get_or_undefined(1), cx)?;
        let length = match encoding {
            Encoding::Latin1 | Encoding::Ascii => text.len(),
            Encoding::Utf16Le => text.len() * 2,
            _ => encoding.encode(&text).len(),
        };
        return Ok(length.into());
    }
    if let Some(object) = value.as_object()
        && (buffers::is_view(value)
            || object.is::<boa_engine::builtins::array_buffer::ArrayBuffer>()
            || object.is::<boa_engine::builtins::array_buffer::SharedArrayBuffer>())
    {
        return object.get(js_string!("byteLength"), cx);
    }
    Err(invalid_arg_type(
        "string",
        "of type string or an instance of Buffer or ArrayBuffer",
        value,
        cx,
    ))
}

/// `Buffer.concat(list, totalLength)`.
fn concat(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let list = args.get_or_undefined(0);
    let Some(array) = list.as_object().filter(|o| o.is_array()) else {
        return Err(invalid_arg_type("list", "an instance of Array", list, cx));
    };
    let array = JsArray::from_object(array)?;
    let mut joined = Vec::new();
    for i in 0..array.length(cx)? {
        let item = array.get(i, cx)?;
        match uint8_bytes(&item, cx)? {
            Some(bytes) => joined.extend_from_slice(&bytes),
            None => {
                return Err(invalid_arg_type(
                    &format!("list[{i}]"),
                    "an instance of Buffer or Uint8Array",
                    &item,
                    cx,
                ));
            }
        }
    }
    let total = args.get_or_undefined(1);
    if !total.is_undefined() {
        let Some(length) = total.as_number() else {
            return Err(invalid_arg_type("length", "of type number", total, cx));
        };
        joined.resize(length.max(0.0) as usize, 0);
    }
    Ok(from_bytes(joined, cx)?.into())
}

/// `Buffer.isBuffer(value)`: whether `Buffer.prototype` is on its chain.
fn is_buffer(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (_, prototype) = class(cx)?;
    let mut current = args
        .get_or_undefined(0)
        .as_object()
        .and_then(|o| o.prototype());
    while let Some(object) = current {
        if JsObject::equals(&object, &prototype) {
            return Ok(true.into());
        }
        current = object.prototype();
    }
    Ok(false.into())
}

fn is_encoding(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(args
        .get_or_undefined(0)
        .as_string()
        .is_some_and(|s| Encoding::parse(&s.to_std_string_lossy()).is_some())
        .into())
}

/// `Buffer.compare(a, b)`.
fn compare_static(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let a = required_bytes(args.get_or_undefined(0), "buf1", cx)?;
    let b = required_bytes(args.get_or_undefined(1), "buf2", cx)?;
    Ok(ordering(a.cmp(&b)))
}

fn ordering(order: std::cmp::Ordering) -> JsValue {
    JsValue::from(order as i8 as i32)
}

fn is_utf8(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = any_bytes(args.get_or_undefined(0), "input", cx)?;
    Ok(std::str::from_utf8(&bytes).is_ok().into())
}

fn is_ascii(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = any_bytes(args.get_or_undefined(0), "input", cx)?;
    Ok(bytes.is_ascii().into())
}

// ---- reading the bytes of a value ----

/// The bytes of a Uint8Array (or Buffer), or None for anything else.
fn uint8_bytes(value: &JsValue, cx: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    match JsTypedArray::from_object(object) {
        Ok(typed)
            if typed.kind() == Some(boa_engine::builtins::typed_array::TypedArrayKind::Uint8) =>
        {
            crate::web::encoding::buffer_source_bytes(value, cx)
        }
        _ => Ok(None),
    }
}

fn required_bytes(value: &JsValue, name: &str, cx: &mut Context) -> JsResult<Vec<u8>> {
    match uint8_bytes(value, cx)? {
        Some(bytes) => Ok(bytes),
        None => Err(invalid_arg_type(
            name,
            "an instance of Buffer or Uint8Array",
            value,
            cx,
        )),
    }
}

/// The bytes of any ArrayBuffer or view.
fn any_bytes(value: &JsValue, name: &str, cx: &mut Context) -> JsResult<Vec<u8>> {
    match crate::web::encoding::buffer_source_bytes(value, cx)? {
        Some(bytes) => Ok(bytes),
        None => Err(invalid_arg_type(
            name,
            "an instance of ArrayBuffer, Buffer, or TypedArray",
            value,
            cx,
        )),
    }
}

/// The bytes `this` views (a copy).
fn this_bytes(this: &JsValue, cx: &mut Context) -> JsResult<Vec<u8>> {
    match crate::web::encoding::buffer_source_bytes(this, cx)? {
        Some(bytes) if buffers::is_view(this) => Ok(bytes),
        _ => Err(coded(
            Kind::Type,
            "ERR_INVALID_THIS",
            "Value of \"this\" must be of type Buffer or Uint8Array",
            cx,
        )),
    }
}

/// The ArrayBuffer, offset and length `this` views, to write through.
fn this_view(this: &JsValue, cx: &mut Context) -> JsResult<buffers::View> {
    match buffers::view(this, cx)? {
        Some(view) => Ok(view),
        None => Err(coded(
            Kind::Type,
            "ERR_INVALID_THIS",
            "Value of \"this\" must be of type Buffer or Uint8Array",
            cx,
        )),
    }
}

/// Writes `bytes` into `this` at `offset` (already in range).
fn write_bytes(view: &buffers::View, offset: usize, bytes: &[u8]) {
    if let Some(mut data) = view.buffer.data_mut() {
        let start = view.byte_offset + offset;
        if let Some(target) = data.get_mut(start..start + bytes.len()) {
            target.copy_from_slice(bytes);
        }
    }
}

/// `start`/`end` arguments clamped into `0..=length` (undefined: whole).
fn clamp_range(
    start: &JsValue,
    end: &JsValue,
    length: usize,
    cx: &mut Context,
) -> JsResult<(usize, usize)> {
    let clamp = |v: f64| -> usize {
        if v.is_nan() || v <= 0.0 {
            0
        } else {
            (v.trunc() as usize).min(length)
        }
    };
    let start = if start.is_undefined() {
        0
    } else {
        clamp(start.to_number(cx)?)
    };
    let end = if end.is_undefined() {
        length
    } else {
        clamp(end.to_number(cx)?)
    };
    Ok((start, end.max(start)))
}

// ---- prototype methods ----

/// `buf.toString(encoding, start, end)`.
fn to_string(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = this_bytes(this, cx)?;
    let encoding = encoding_arg(args.get_or_undefined(0), cx)?;
    let (start, end) = clamp_range(
        args.get_or_undefined(1),
        args.get_or_undefined(2),
        bytes.len(),
        cx,
    )?;
    Ok(encoding.decode(&bytes[start..end]).into())
}

/// `buf.write(string, offset, length, encoding)`, where `encoding` may
/// come second or third: the number of bytes written. A UTF-8 character
/// that does not fit whole is not written, as node.
fn write(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let text = match args.get_or_undefined(0).as_string() {
        Some(text) => text,
        None => {
            return Err(invalid_arg_type(
                "string",
                "of type string",
                args.get_or_undefined(0),
                cx,
            ));
        }
    };
    let (offset, length, encoding) = match (args.get_or_undefined(1), args.get_or_undefined(2)) {
        (o, _) if o.is_string() => (JsValue::undefined(), JsValue::undefined(), o.clone()),
        (o, l) if l.is_string() => (o.clone(), JsValue::undefined(), l.clone()),
        (o, l) => (o.clone(), l.clone(), args.get_or_undefined(3).clone()),
    };
    let encoding = encoding_arg(&encoding, cx)?;
    write_encoded(this, &text, &offset, &length, encoding, cx)
}

fn write_encoded(
    this: &JsValue,
    text: &JsString,
    offset: &JsValue,
    length: &JsValue,
    encoding: Encoding,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let view = this_view(this, cx)?;
    let size = view.byte_length;
    let offset = if offset.is_undefined() {
        0
    } else {
        index_arg(offset, "offset", 0, size, cx)?
    };
    let room = size - offset;
    let length = if length.is_undefined() {
        room
    } else {
        index_arg(length, "length", 0, size, cx)?.min(room)
    };
    let mut bytes = encoding.encode(text);
    if bytes.len() > length {
        let mut cut = length;
        match encoding {
            Encoding::Utf8 => {
                while cut > 0 && (bytes[cut] & 0xc0) == 0x80 {
                    cut -= 1;
                }
            }
            Encoding::Utf16Le => cut -= cut % 2,
            _ => {}
        }
        bytes.truncate(cut);
    }
    write_bytes(&view, offset, &bytes);
    Ok(bytes.len().into())
}

/// An integer argument in `min..=max` (node's `validateInteger` wording).
fn index_arg(
    value: &JsValue,
    name: &str,
    min: usize,
    max: usize,
    cx: &mut Context,
) -> JsResult<usize> {
    let Some(n) = value.as_number() else {
        return Err(invalid_arg_type(name, "of type number", value, cx));
    };
    if n.fract() != 0.0 || n.is_nan() {
        return Err(out_of_range(name, "an integer", value, cx));
    }
    if n < min as f64 || n > max as f64 {
        return Err(out_of_range(
            name,
            &format!(">= {min} && <= {max}"),
            value,
            cx,
        ));
    }
    Ok(n as usize)
}

/// `buf.toJSON()`: `{ type: "Buffer", data: [...] }`.
fn to_json(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = this_bytes(this, cx)?;
    let data = JsArray::from_iter(bytes.into_iter().map(JsValue::from), cx);
    let object = JsObject::with_object_proto(cx.intrinsics());
    object.create_data_property_or_throw(js_string!("type"), js_string!("Buffer"), cx)?;
    object.create_data_property_or_throw(js_string!("data"), data, cx)?;
    Ok(object.into())
}

fn equals(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = this_bytes(this, cx)?;
    let other = required_bytes(args.get_or_undefined(0), "otherBuffer", cx)?;
    Ok((bytes == other).into())
}

/// `buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)`.
fn compare(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let source = this_bytes(this, cx)?;
    let target = required_bytes(args.get_or_undefined(0), "target", cx)?;
    let bound = |i: usize, name: &str, default: usize, max: usize, cx: &mut Context| {
        let value = args.get_or_undefined(i);
        if value.is_undefined() {
            Ok(default)
        } else {
            index_arg(value, name, 0, max, cx)
        }
    };
    let target_start = bound(1, "targetStart", 0, target.len(), cx)?;
    let target_end = bound(2, "targetEnd", target.len(), target.len(), cx)?;
    let source_start = bound(3, "sourceStart", 0, source.len(), cx)?;
    let source_end = bound(4, "sourceEnd", source.len(), source.len(), cx)?;
    let a = &source[source_start..source_end.max(source_start)];
    let b = &target[target_start..target_end.max(target_start)];
    Ok(ordering(a.cmp(b)))
}

/// `buf.copy(target, targetStart, sourceStart, sourceEnd)`: bytes copied.
fn copy(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let source = this_bytes(this, cx)?;
    let target_value = args.get_or_undefined(0);
    let Some(target) = buffers::view(target_value, cx)?.filter(|_| buffers::is_view(target_value))
    else {
        return Err(invalid_arg_type(
            "target",
            "an instance of Buffer or Uint8Array",
            target_value,
            cx,
        ));
    };
    let position = |i: usize, name: &str, default: usize, cx: &mut Context| -> JsResult<usize> {
        let value = args.get_or_undefined(i);
        if value.is_undefined() {
            return Ok(default);
        }
        let n = value.to_number(cx)?;
        if n < 0.0 {
            return Err(out_of_range(name, ">= 0", value, cx));
        }
        Ok(if n.is_nan() { 0 } else { n.trunc() as usize })
    };
    let target_start = position(1, "targetStart", 0, cx)?;
    let source_start = position(2, "sourceStart", 0, cx)?;
    let source_end = position(3, "sourceEnd", source.len(), cx)?.min(source.len());
    if source_start > source.len() {
        return Err(out_of_range(
            "sourceStart",
            &format!(">= 0 && <= {}", source.len()),
            args.get_or_undefined(2),
            cx,
        ));
    }
    if target_start >= target.byte_length || source_start >= source_end {
        return Ok(0.into());
    }
    let n = (source_end - source_start).min(target.byte_length - target_start);
    write_bytes(
        &target,
        target_start,
        &source[source_start..source_start + n],
    );
    Ok(n.into())
}

/// `buf.slice(start, end)`: as `subarray` (shares memory), as node does.
fn slice(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let view = this_view(this, cx)?;
    let length = view.byte_length as f64;
    let relative = |value: &JsValue, default: f64, cx: &mut Context| -> JsResult<f64> {
        if value.is_undefined() {
            return Ok(default);
        }
        let n = value.to_number(cx)?;
        let n = if n.is_nan() { 0.0 } else { n.trunc() };
        Ok(if n < 0.0 {
            (length + n).max(0.0)
        } else {
            n.min(length)
        })
    };
    let start = relative(args.get_or_undefined(0), 0.0, cx)?;
    let end = relative(args.get_or_undefined(1), length, cx)?.max(start);
    Ok(view_over(
        &view.buffer.into(),
        view.byte_offset as f64 + start,
        Some(end - start),
        cx,
    )?
    .into())
}

/// The bytes a `fill` or `indexOf` value stands for.
fn needle_bytes(
    value: &JsValue,
    encoding: &JsValue,
    cx: &mut Context,
) -> JsResult<Option<Vec<u8>>> {
    if let Some(text) = value.as_string() {
        let encoding = encoding_arg(encoding, cx)?;
        return Ok(Some(encoding.encode(&text)));
    }
    uint8_bytes(value, cx)
}

/// `buf.fill(value, offset, end, encoding)`.
fn fill(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let view = this_view(this, cx)?;
    let value = args.get_or_undefined(0);
    let (offset, end, encoding) = if args.get_or_undefined(1).is_string() {
        (JsValue::undefined(), JsValue::undefined(), args[1].clone())
    } else if args.get_or_undefined(2).is_string() {
        (args[1].clone(), JsValue::undefined(), args[2].clone())
    } else {
        (
            args.get_or_undefined(1).clone(),
            args.get_or_undefined(2).clone(),
            args.get_or_undefined(3).clone(),
        )
    };
    let size = view.byte_length;
    let offset = if offset.is_undefined() {
        0
    } else {
        index_arg(&offset, "offset", 0, size, cx)?
    };
    let end = if end.is_undefined() {
        size
    } else {
        index_arg(&end, "end", 0, size, cx)?
    };
    if end <= offset {
        return Ok(this.clone());
    }
    let pattern = match needle_bytes(value, &encoding, cx)? {
        Some(bytes) => {
            if bytes.is_empty() {
                if value.as_string().is_some_and(|s| !s.is_empty()) {
                    return Err(coded(
                        Kind::Type,
                        "ERR_INVALID_ARG_VALUE",
                        format!(
                            "The argument 'value' is invalid. Received {}",
                            crate::web::console::inspect::inspect(value, cx)
                        ),
                        cx,
                    ));
                }
                vec![0]
            } else {
                bytes
            }
        }
        None => {
            let n = value.to_number(cx)?;
            vec![(n as i64 & 0xff) as u8]
        }
    };
    let filled: Vec<u8> = pattern.iter().copied().cycle().take(end - offset).collect();
    write_bytes(&view, offset, &filled);
    Ok(this.clone())
}

/// The search of `indexOf`/`lastIndexOf`/`includes`.
fn search(this: &JsValue, args: &[JsValue], backwards: bool, cx: &mut Context) -> JsResult<i64> {
    let haystack = this_bytes(this, cx)?;
    let length = haystack.len() as f64;
    let (offset, encoding) = match args.get_or_undefined(1) {
        v if v.is_string() => (JsValue::undefined(), v.clone()),
        v => (v.clone(), args.get_or_undefined(2).clone()),
    };
    let mut start = if offset.is_undefined() {
        if backwards { length } else { 0.0 }
    } else {
        let n = offset.to_number(cx)?;
        if n.is_nan() {
            if backwards { length } else { 0.0 }
        } else {
            n.trunc()
        }
    };
    if start < 0.0 {
        start += length;
    }
    let value = args.get_or_undefined(0);
    let needle = match needle_bytes(value, &encoding, cx)? {
        Some(bytes) => bytes,
        None if value.is_number() => vec![(value.to_number(cx)? as i64 & 0xff) as u8],
        None => {
            return Err(invalid_arg_type(
                "value",
                "one of type number or string or an instance of Buffer or Uint8Array",
                value,
                cx,
            ));
        }
    };
    if needle.is_empty() {
        return Ok(start.clamp(0.0, length) as i64);
    }
    if backwards {
        if start < 0.0 {
            return Ok(-1);
        }
        let last = (haystack.len().saturating_sub(needle.len())).min(start as usize);
        if needle.len() > haystack.len() {
            return Ok(-1);
        }
        for i in (0..=last).rev() {
            if haystack[i..].starts_with(&needle) {
                return Ok(i as i64);
            }
        }
        Ok(-1)
    } else {
        let from = start.max(0.0) as usize;
        if from >= haystack.len() {
            return Ok(-1);
        }
        Ok(haystack[from..]
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .map_or(-1, |i| (from + i) as i64))
    }
}

fn index_of(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok((search(this, args, false, cx)? as f64).into())
}

fn last_index_of(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok((search(this, args, true, cx)? as f64).into())
}

fn includes(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok((search(this, args, false, cx)? != -1).into())
}

fn swap(this: &JsValue, width: usize, cx: &mut Context) -> JsResult<JsValue> {
    let view = this_view(this, cx)?;
    if view.byte_length % width != 0 {
        return Err(coded(
            Kind::Range,
            "ERR_INVALID_BUFFER_SIZE",
            format!("Buffer size must be a multiple of {}-bits", width * 8),
            cx,
        ));
    }
    let mut bytes = this_bytes(this, cx)?;
    for chunk in bytes.chunks_exact_mut(width) {
        chunk.reverse();
    }
    write_bytes(&view, 0, &bytes);
    Ok(this.clone())
}

fn swap16(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    swap(this, 2, cx)
}

fn swap32(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    swap(this, 4, cx)
}

fn swap64(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    swap(this, 8, cx)
}

// ---- readUInt16LE and friends ----

/// How a `read*`/`write*` method lays out its number.
#[derive(Clone, Copy, Trace, Finalize)]
#[boa_gc(empty_trace)]
struct NumberAccess {
    /// Bytes, or 0 for `readUIntLE(offset, byteLength)`'s variable width.
    size: u8,
    little_endian: bool,
    form: Form,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Unsigned,
    Signed,
    Float,
    BigUnsigned,
    BigSigned,
}

fn define_number_access(prototype: &JsObject, cx: &mut Context) -> JsResult<()> {
    let mut defined = Vec::new();
    for (form, names, sizes) in [
        (Form::Unsigned, &["UInt", "Uint"][..], &[1u8, 2, 4, 0][..]),
        (Form::Signed, &["Int"][..], &[1u8, 2, 4, 0][..]),
        (Form::Float, &["Float", "Double"][..], &[4u8, 8][..]),
        (
            Form::BigUnsigned,
            &["BigUInt64", "BigUint64"][..],
            &[8u8][..],
        ),
        (Form::BigSigned, &["BigInt64"][..], &[8u8][..]),
    ] {
        for name in names {
            for &size in sizes {
                if form == Form::Float && ((*name == "Float") != (size == 4)) {
                    continue;
                }
                let width = match (form, size) {
                    (Form::Unsigned | Form::Signed, 0) => String::new(),
                    (Form::Unsigned | Form::Signed, n) => (u32::from(n) * 8).to_string(),
                    _ => String::new(),
                };
                for little_endian in [true, false] {
                    let order = if size == 1 {
                        ""
                    } else if little_endian {
                        "LE"
                    } else {
                        "BE"
                    };
                    if size == 1 && !little_endian {
                        continue;
                    }
                    let access = NumberAccess {
                        size,
                        little_endian,
                        form,
                    };
                    let base = format!("{name}{width}{order}");
                    defined.push((format!("read{base}"), format!("write{base}"), access));
                }
            }
        }
    }
    for (read_name, write_name, access) in defined {
        let arity = if access.size == 0 { 2 } else { 1 };
        define_closure(prototype, &read_name, arity, access, read_number, cx)?;
        define_closure(prototype, &write_name, arity + 1, access, write_number, cx)?;
    }
    Ok(())
}

/// The width of a variable-width access (`byteLength` argument, 1..=6).
fn width_of(access: &NumberAccess, arg: &JsValue, cx: &mut Context) -> JsResult<usize> {
    if access.size != 0 {
        return Ok(access.size as usize);
    }
    index_arg(arg, "byteLength", 1, 6, cx)
}

/// The offset of a `size`-byte access, with node's bound errors.
fn offset_arg(value: &JsValue, size: usize, length: usize, cx: &mut Context) -> JsResult<usize> {
    if value.is_undefined() {
        if size > length {
            return Err(coded(
                Kind::Range,
                "ERR_BUFFER_OUT_OF_BOUNDS",
                "Attempt to access memory outside buffer bounds",
                cx,
            ));
        }
        return Ok(0);
    }
    let Some(n) = value.as_number() else {
        return Err(invalid_arg_type("offset", "of type number", value, cx));
    };
    if n.fract() != 0.0 || n.is_nan() {
        return Err(out_of_range("offset", "an integer", value, cx));
    }
    if size > length {
        return Err(coded(
            Kind::Range,
            "ERR_BUFFER_OUT_OF_BOUNDS",
            "Attempt to access memory outside buffer bounds",
            cx,
        ));
    }
    let last = length - size;
    if n < 0.0 || n > last as f64 {
        return Err(out_of_range(
            "offset",
            &format!(">= 0 and <= {last}"),
            value,
            cx,
        ));
    }
    Ok(n as usize)
}

fn read_number(
    this: &JsValue,
    args: &[JsValue],
    access: &NumberAccess,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let bytes = this_bytes(this, cx)?;
    let size = width_of(access, args.get_or_undefined(1), cx)?;
    let offset = offset_arg(args.get_or_undefined(0), size, bytes.len(), cx)?;
    let mut raw = bytes[offset..offset + size].to_vec();
    if !access.little_endian {
        raw.reverse();
    }
    let mut wide = [0u8; 8];
    wide[..size].copy_from_slice(&raw);
    let unsigned = u64::from_le_bytes(wide);
    let shift = 64 - 8 * size as u32;
    let signed = ((unsigned << shift) as i64) >> shift;
    Ok(match access.form {
        Form::Unsigned => JsValue::from(unsigned as f64),
        Form::Signed => JsValue::from(signed as f64),
        Form::Float if size == 4 => JsValue::from(f64::from(f32::from_bits(unsigned as u32))),
        Form::Float => JsValue::from(f64::from_bits(unsigned)),
        Form::BigUnsigned => JsBigInt::from(unsigned).into(),
        Form::BigSigned => JsBigInt::from(signed).into(),
    })
}

fn write_number(
    this: &JsValue,
    args: &[JsValue],
    access: &NumberAccess,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let view = this_view(this, cx)?;
    let value = args.get_or_undefined(0);
    let size = width_of(access, args.get_or_undefined(2), cx)?;
    let bits = match access.form {
        Form::BigUnsigned | Form::BigSigned => {
            let Some(big) = value.as_bigint() else {
                return Err(invalid_arg_type("value", "of type bigint", value, cx));
            };
            let n = big.to_i128();
            let (min, max, range) = if access.form == Form::BigUnsigned {
                (0, i128::from(u64::MAX), "0n and < 2n ** 64n")
            } else {
                (
                    i128::from(i64::MIN),
                    i128::from(i64::MAX),
                    "-(2n ** 63n) and < 2 ** 63n",
                )
            };
            if n < min || n > max || big.to_string_radix(10).len() > 40 {
                return Err(out_of_range("value", &format!(">= {range}"), value, cx));
            }
            n as u64
        }
        Form::Float => {
            let n = value.to_number(cx)?;
            if size == 4 {
                u64::from((n as f32).to_bits())
            } else {
                n.to_bits()
            }
        }
        Form::Unsigned | Form::Signed => {
            let n = value.to_number(cx)?;
            let bits = 8 * size as i32;
            let (min, max) = if access.form == Form::Unsigned {
                (0.0, 2f64.powi(bits) - 1.0)
            } else {
                (-(2f64.powi(bits - 1)), 2f64.powi(bits - 1) - 1.0)
            };
            if !(min..=max).contains(&n) {
                let range = if size > 4 {
                    if access.form == Form::Unsigned {
                        format!(">= 0 and < 2 ** {bits}")
                    } else {
                        format!(">= -(2 ** {}) and < 2 ** {}", bits - 1, bits - 1)
                    }
                } else {
                    format!(">= {min} and <= {max}")
                };
                return Err(out_of_range("value", &range, &JsValue::from(n), cx));
            }
            (n.trunc() as i64) as u64
        }
    };
    let offset = offset_arg(args.get_or_undefined(1), size, view.byte_length, cx)?;
    let mut raw = bits.to_le_bytes()[..size].to_vec();
    if !access.little_endian {
        raw.reverse();
    }
    write_bytes(&view, offset, &raw);
    Ok((offset + size).into())
}

/// For `inspect`: whether `object` is a Buffer of this context.
pub(crate) fn is_buffer_object(object: &JsObject, cx: &mut Context) -> bool {
    let Some(class) = cx.get_data::<BufferClass>() else {
        return false;
    };
    let prototype = class.prototype.clone();
    object
        .prototype()
        .is_some_and(|p| JsObject::equals(&p, &prototype))
}
