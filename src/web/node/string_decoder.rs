//! `node:string_decoder` (<https://nodejs.org/api/string_decoder.html>):
//! `StringDecoder` turns a stream of byte chunks into text without
//! splitting a character across chunks.
//!
//! The state is node's (`lastChar`, `lastNeed`, `lastTotal`) and so are
//! its edge cases, which a generic streaming decoder would get differently:
//! a UTF-8 sequence cut by a byte that cannot continue it is one U+FFFD; in
//! UTF-16LE a high surrogate is held back only when it ends an even-length
//! chunk; base64 holds up to two bytes so that chunks join without inner
//! padding; `end()` flushes what is held (U+FFFD for a partial UTF-8
//! character) and starts over.

use std::cell::RefCell;

use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Trace, js_string,
};

use super::buffer::{self, Encoding};
use super::errors::{self, Kind, coded, invalid_arg_type};
use crate::web::webidl::NativeFn;

/// One decoder's state, as node keeps it.
struct State {
    encoding: Encoding,
    /// The bytes of a character that a chunk cut (at most 4).
    last_char: [u8; 4],
    /// How many bytes the held character still needs.
    last_need: usize,
    /// How long the held character is in all.
    last_total: usize,
}

#[derive(Trace, Finalize, JsData)]
struct Decoder {
    #[unsafe_ignore_trace]
    state: RefCell<State>,
}

/// The prototype of this context's StringDecoder objects.
#[derive(Trace, Finalize)]
struct Prototype(JsObject);

/// The `string_decoder` module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let constructor = constructor(cx)?;
    let mut object = ObjectInitializer::new(cx);
    object.property(js_string!("StringDecoder"), constructor, Attribute::all());
    Ok(object.build().into())
}

fn constructor(cx: &mut Context) -> JsResult<JsObject> {
    let constructor =
        FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(construct))
            .name(js_string!("StringDecoder"))
            .length(1)
            .constructor(true)
            .build();
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    super::define_methods(
        &prototype,
        &[("write", 1, write), ("end", 1, end), ("text", 2, text)],
        cx,
    )?;
    let getters: [(&str, NativeFn); 3] = [
        ("lastChar", |this, _, cx| {
            let bytes = with_state(this, cx, |s| s.last_char.to_vec())?;
            Ok(buffer::from_bytes(bytes, cx)?.into())
        }),
        ("lastNeed", |this, _, cx| {
            Ok(with_state(this, cx, |s| s.last_need)?.into())
        }),
        ("lastTotal", |this, _, cx| {
            Ok(with_state(this, cx, |s| s.last_total)?.into())
        }),
    ];
    super::define_getters(&prototype, &getters, cx)?;
    let constructor: JsObject = constructor.into();
    super::link_class(&constructor, &prototype, cx)?;
    cx.insert_data(Prototype(prototype));
    Ok(constructor)
}

fn encoding_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Utf8 => "utf8",
        Encoding::Hex => "hex",
        Encoding::Base64 => "base64",
        Encoding::Base64Url => "base64url",
        Encoding::Latin1 => "latin1",
        Encoding::Ascii => "ascii",
        Encoding::Utf16Le => "utf16le",
    }
}

/// `new StringDecoder(encoding = "utf8")`.
fn construct(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(new_target) = this.as_object().filter(|o| o.is_constructor()) else {
        return Err(crate::web::webidl::type_error(
            "Class constructor StringDecoder cannot be invoked without 'new'",
        ));
    };
    let given = args.get_or_undefined(0);
    let encoding = if given.is_null_or_undefined() {
        Encoding::Utf8
    } else {
        let name = given.to_string(cx)?.to_std_string_lossy();
        Encoding::parse(&name).ok_or_else(|| errors::unknown_encoding(given, cx))?
    };
    let prototype = match new_target.get(js_string!("prototype"), cx)?.as_object() {
        Some(prototype) => prototype,
        None => match cx.get_data::<Prototype>() {
            Some(p) => p.0.clone(),
            None => JsObject::with_object_proto(cx.intrinsics()),
        },
    };
    let decoder = Decoder {
        state: RefCell::new(State {
            encoding,
            last_char: [0; 4],
            last_need: 0,
            last_total: 0,
        }),
    };
    let object = JsObject::from_proto_and_data(Some(prototype), decoder);
    object.create_data_property_or_throw(
        js_string!("encoding"),
        JsString::from(encoding_name(encoding)),
        cx,
    )?;
    Ok(object.into())
}

fn with_state<R>(this: &JsValue, cx: &mut Context, f: impl FnOnce(&mut State) -> R) -> JsResult<R> {
    let object = this.as_object();
    match object.as_ref().and_then(|o| o.downcast_ref::<Decoder>()) {
        Some(decoder) => Ok(f(&mut decoder.state.borrow_mut())),
        None => Err(coded(
            Kind::Type,
            "ERR_INVALID_THIS",
            "Value of \"this\" must be of type StringDecoder",
            cx,
        )),
    }
}

/// The bytes of a `write`/`end` argument; `Err(string)` for a string,
/// which node returns as it is.
fn chunk(value: &JsValue, cx: &mut Context) -> JsResult<Result<Vec<u8>, JsString>> {
    if let Some(text) = value.as_string() {
        return Ok(Err(text));
    }
    if crate::web::streams::buffers::is_view(value)
        && let Some(bytes) = crate::web::encoding::buffer_source_bytes(value, cx)?
    {
        return Ok(Ok(bytes));
    }
    Err(invalid_arg_type(
        "buf",
        "an instance of Buffer, TypedArray, or DataView",
        value,
        cx,
    ))
}

/// `decoder.write(buffer)`.
fn write(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = match chunk(args.get_or_undefined(0), cx)? {
        Ok(bytes) => bytes,
        Err(text) => return Ok(text.into()),
    };
    Ok(JsString::from(&with_state(this, cx, |s| s.write(&bytes))?[..]).into())
}

/// `decoder.end(buffer?)`.
fn end(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let given = args.get_or_undefined(0);
    let bytes = if given.is_undefined() {
        Vec::new()
    } else {
        match chunk(given, cx)? {
            Ok(bytes) => bytes,
            Err(text) => text.to_std_string_lossy().into_bytes(),
        }
    };
    Ok(JsString::from(&with_state(this, cx, |s| s.end(&bytes))?[..]).into())
}

/// `decoder.text(buffer, offset)`: as `write` from `offset`.
fn text(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = match chunk(args.get_or_undefined(0), cx)? {
        Ok(bytes) => bytes,
        Err(text) => return Ok(text.into()),
    };
    let offset = args.get_or_undefined(1).to_number(cx)?;
    let offset = if offset.is_nan() {
        0
    } else {
        (offset.max(0.0) as usize).min(bytes.len())
    };
    Ok(JsString::from(&with_state(this, cx, |s| s.text(&bytes, offset))?[..]).into())
}

/// The byte kinds of UTF-8: 0 for ASCII, the length of a sequence for a
/// lead byte, -1 for a continuation byte, -2 for an invalid byte.
fn utf8_check_byte(byte: u8) -> i32 {
    if byte <= 0x7f {
        0
    } else if byte >> 5 == 0x06 {
        2
    } else if byte >> 4 == 0x0e {
        3
    } else if byte >> 3 == 0x1e {
        4
    } else if byte >> 6 == 0x02 {
        -1
    } else {
        -2
    }
}

const REPLACEMENT: u16 = 0xfffd;

impl State {
    fn decode(&self, bytes: &[u8]) -> Vec<u16> {
        self.encoding.decode(bytes).to_vec()
    }

    fn write(&mut self, bytes: &[u8]) -> Vec<u16> {
        if bytes.is_empty() {
            return Vec::new();
        }
        let (mut out, start) = if self.last_need > 0 {
            let Some(filled) = self.fill_last(bytes) else {
                return Vec::new();
            };
            let start = self.last_need;
            self.last_need = 0;
            (filled, start)
        } else {
            (Vec::new(), 0)
        };
        if start < bytes.len() {
            out.extend(self.text(bytes, start));
        }
        out
    }

    fn end(&mut self, bytes: &[u8]) -> Vec<u16> {
        let mut out = self.write(bytes);
        if self.last_need > 0 {
            match self.encoding {
                Encoding::Utf8 => out.push(REPLACEMENT),
                Encoding::Utf16Le | Encoding::Base64 | Encoding::Base64Url => {
                    let held = self.last_total - self.last_need;
                    out.extend(self.decode(&self.last_char[..held]));
                }
                _ => {}
            }
        }
        self.last_need = 0;
        self.last_total = 0;
        out
    }

    /// Completes the held character with the first bytes of `bytes`;
    /// `None` when `bytes` is not enough.
    fn fill_last(&mut self, bytes: &[u8]) -> Option<Vec<u16>> {
        let position = self.last_total - self.last_need;
        if self.encoding == Encoding::Utf8
            && let Some(replaced) = self.utf8_check_extra_bytes(bytes)
        {
            return Some(replaced);
        }
        if self.last_need <= bytes.len() {
            self.last_char[position..position + self.last_need]
                .copy_from_slice(&bytes[..self.last_need]);
            return Some(self.decode(&self.last_char[..self.last_total]));
        }
        self.last_char[position..position + bytes.len()].copy_from_slice(bytes);
        self.last_need -= bytes.len();
        None
    }

    /// A held UTF-8 character that `bytes` cannot continue is one U+FFFD.
    fn utf8_check_extra_bytes(&mut self, bytes: &[u8]) -> Option<Vec<u16>> {
        let continues = |b: u8| b & 0xc0 == 0x80;
        if !continues(bytes[0]) {
            self.last_need = 0;
            return Some(vec![REPLACEMENT]);
        }
        if self.last_need > 1 && bytes.len() > 1 {
            if !continues(bytes[1]) {
                self.last_need = 1;
                return Some(vec![REPLACEMENT]);
            }
            if self.last_need > 2 && bytes.len() > 2 && !continues(bytes[2]) {
                self.last_need = 2;
                return Some(vec![REPLACEMENT]);
            }
        }
        None
    }

    /// The text of `bytes[start..]`, holding back a cut character.
    fn text(&mut self, bytes: &[u8], start: usize) -> Vec<u16> {
        let len = bytes.len();
        match self.encoding {
            Encoding::Utf8 => {
                let total = self.utf8_check_incomplete(bytes, start);
                if self.last_need == 0 {
                    return self.decode(&bytes[start..]);
                }
                self.last_total = total;
                let end = len - (total - self.last_need);
                self.last_char[..len - end].copy_from_slice(&bytes[end..]);
                self.decode(&bytes[start..end])
            }
            Encoding::Utf16Le => {
                if (len - start).is_multiple_of(2) {
                    let mut text = self.decode(&bytes[start..]);
                    if text.last().is_some_and(|&c| (0xd800..=0xdbff).contains(&c)) {
                        self.last_need = 2;
                        self.last_total = 4;
                        self.last_char[..2].copy_from_slice(&bytes[len - 2..]);
                        text.pop();
                    }
                    return text;
                }
                self.last_need = 1;
                self.last_total = 2;
                self.last_char[0] = bytes[len - 1];
                self.decode(&bytes[start..len - 1])
            }
            Encoding::Base64 | Encoding::Base64Url => {
                let n = (len - start) % 3;
                if n == 0 {
                    return self.decode(&bytes[start..]);
                }
                self.last_need = 3 - n;
                self.last_total = 3;
                self.last_char[..n].copy_from_slice(&bytes[len - n..]);
                self.decode(&bytes[start..len - n])
            }
            _ => self.decode(&bytes[start..]),
        }
    }

    /// How long the UTF-8 character that ends `bytes` is, if it is cut
    /// (setting `last_need`); 0 when the chunk ends whole.
    fn utf8_check_incomplete(&mut self, bytes: &[u8], start: usize) -> usize {
        let last = bytes.len() - 1;
        for back in 0..3 {
            if last < start + back {
                return 0;
            }
            let kind = utf8_check_byte(bytes[last - back]);
            if kind >= 0 {
                let kind = kind as usize;
                if kind > 0 {
                    if kind <= back + 1 {
                        // The sequence that starts here is complete.
                        return 0;
                    }
                    self.last_need = kind - back - 1;
                }
                return kind;
            }
            if kind == -2 {
                return 0;
            }
        }
        0
    }
}
