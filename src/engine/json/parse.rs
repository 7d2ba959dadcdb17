//! `JSON.parse` (ECMA-262 §25.5.1,
//! <https://tc39.es/ecma262/#sec-json.parse>), parsed straight into Boa
//! values.
//!
//! Boa 0.22's own checks the text with serde_json, then parses it a second
//! time as the script `(text);` and evaluates it: about 12 ms for a 68 KB
//! API payload (node: 0.5 ms), and the serde_json check refuses valid JSON
//! with a lone surrogate escape (`["\uD800"]`), which JSON (ECMA-404) and
//! JavaScript strings both allow. This parser reads the string's own code
//! units (Latin-1 or UTF-16, as Boa stores them), builds objects by direct
//! property insertion and arrays from their elements, and keeps an explicit
//! stack, so nesting depth costs heap, never native stack.
//!
//! The reviver and its `context` argument (`{ source }` for an unchanged
//! primitive, <https://tc39.es/proposal-json-parse-with-source/>) behave as
//! the engine's: the parse records the source text of each primitive only
//! when a reviver is given. Error messages are V8's wording, so that a
//! message a user searches for is the one node and deno print.

use boa_engine::object::JsObject;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::{PropertyDescriptor, PropertyKey};
use boa_engine::string::JsStrVariant;
use boa_engine::{Context, JsArgs, JsNativeError, JsResult, JsStr, JsString, JsValue, js_string};

/// `JSON.parse(text [, reviver])`.
pub(super) fn parse(
    args: &[JsValue],
    is_array: &JsObject,
    context: &mut Context,
) -> JsResult<JsValue> {
    // 1. Let jsonString be ? ToString(text).
    let text = args.get_or_undefined(0).to_string(context)?;
    let reviver = args.get_or_undefined(1).as_callable();
    let track = reviver.is_some();
    let (value, node) = match text.as_str().variant() {
        JsStrVariant::Latin1(units) => Parser::new(units, track, context).run()?,
        JsStrVariant::Utf16(units) => Parser::new(units, track, context).run()?,
    };
    let Some(reviver) = reviver else {
        return Ok(value);
    };
    // 11. a-d: root = { "": unfiltered }, then InternalizeJSONProperty.
    let root = JsObject::with_object_proto(context.intrinsics());
    root.create_data_property_or_throw(js_string!(), value, context)?;
    let walk = Walk { reviver, is_array };
    walk.internalize(&root, js_string!().into(), node.as_ref(), 0, context)
}

/// Fetch's "parse JSON from bytes"
/// (<https://fetch.spec.whatwg.org/#concept-body-consume-body>, through
/// <https://infra.spec.whatwg.org/#parse-json-bytes-to-a-javascript-value>):
/// UTF-8 decode (a BOM dropped, bad sequences as U+FFFD), then JSON.parse.
/// ASCII bytes are already Latin-1 code units, so most bodies are parsed
/// in place, with no intermediate string.
pub fn parse_utf8(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_ascii() {
        return Ok(Parser::new(bytes, false, context).run()?.0);
    }
    let units: Vec<u16> = String::from_utf8_lossy(bytes).encode_utf16().collect();
    Ok(Parser::new(&units[..], false, context).run()?.0)
}

/// Whether `text` is one JSON value other than an object or array (what
/// `JSON.rawJSON` accepts), checked by the parser itself.
pub(super) fn is_primitive_text(text: &JsString, context: &mut Context) -> bool {
    let (first, ok) = match text.as_str().variant() {
        JsStrVariant::Latin1(units) => (
            units.first().map(|&u| u16::from(u)),
            Parser::new(units, false, context).run().is_ok(),
        ),
        JsStrVariant::Utf16(units) => (
            units.first().copied(),
            Parser::new(units, false, context).run().is_ok(),
        ),
    };
    ok && !matches!(first, Some(0x7B | 0x5B))
}

/// The source of a parsed value, kept for the reviver's `context`.
#[derive(Debug)]
enum Node {
    /// A primitive: its value as parsed and its source text.
    Primitive(JsValue, JsString),
    Array(Vec<Node>),
    /// Entries in source order (a later duplicate key wins, as in the
    /// parsed object).
    Object(Vec<(JsString, Node)>),
}

/// A code unit of the text: Latin-1 bytes or UTF-16 units.
trait Unit: Copy + Eq + std::hash::Hash {
    fn unit(self) -> u16;
    /// The string of `units` (a slice of the text, no escapes in it).
    fn string(units: &[Self]) -> JsString;
}

impl Unit for u8 {
    #[inline]
    fn unit(self) -> u16 {
        u16::from(self)
    }
    fn string(units: &[u8]) -> JsString {
        JsString::from(JsStr::latin1(units))
    }
}

impl Unit for u16 {
    #[inline]
    fn unit(self) -> u16 {
        self
    }
    fn string(units: &[u16]) -> JsString {
        JsString::from(units)
    }
}

/// An array or object being filled.
enum Frame {
    Array(Vec<JsValue>, Vec<Node>),
    /// The object, the key whose value is being parsed, and (when tracked)
    /// the entries' sources.
    Object(JsObject, JsString, Vec<(JsString, Node)>),
}

struct Parser<'a, 'c, T: Unit> {
    text: &'a [T],
    at: usize,
    track: bool,
    context: &'c mut Context,
    /// Keys seen in this text (without escapes), so that the objects of a
    /// list share their key strings instead of allocating them each.
    keys: std::collections::HashMap<&'a [T], JsString>,
}

impl<'a, 'c, T: Unit> Parser<'a, 'c, T> {
    fn new(text: &'a [T], track: bool, context: &'c mut Context) -> Self {
        Parser {
            text,
            at: 0,
            track,
            context,
            keys: std::collections::HashMap::new(),
        }
    }

    #[inline]
    fn peek(&self) -> Option<u16> {
        self.text.get(self.at).map(|u| u.unit())
    }

    /// JSON's whitespace (ECMA-404 §2): tab, line feed, carriage return,
    /// space; nothing else (no NBSP, no BOM).
    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(0x09 | 0x0A | 0x0D | 0x20) = self.peek() {
            self.at += 1;
        }
    }

    /// The error for what is at the current position.
    fn unexpected(&self) -> boa_engine::JsError {
        let message = match self.peek() {
            None => "Unexpected end of JSON input".to_string(),
            Some(unit) => {
                let shown = char::from_u32(u32::from(unit))
                    .map_or_else(|| format!("\\u{unit:04x}"), String::from);
                format!("Unexpected token '{shown}' in JSON at position {}", self.at)
            }
        };
        JsNativeError::syntax().with_message(message).into()
    }

    fn error_at(&self, what: &str, at: usize) -> boa_engine::JsError {
        let what = what.trim_end_matches(" after JSON");
        let place = if what.starts_with("Unexpected non-whitespace") {
            "after JSON"
        } else {
            "in JSON"
        };
        JsNativeError::syntax()
            .with_message(format!("{what} {place} at position {at}"))
            .into()
    }

    fn expect(&mut self, unit: u8) -> JsResult<()> {
        if self.peek() == Some(u16::from(unit)) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// The whole text: one value between optional whitespace.
    fn run(mut self) -> JsResult<(JsValue, Option<Node>)> {
        let mut stack: Vec<Frame> = Vec::new();
        self.skip_whitespace();
        loop {
            // A value starts here: a container opens a frame and the loop
            // goes on with its first member; anything else is complete.
            let (mut value, mut node) = match self.peek() {
                Some(0x7B) => {
                    self.at += 1;
                    self.skip_whitespace();
                    let object = self.object();
                    if self.peek() == Some(0x7D) {
                        self.at += 1;
                        (object.into(), Node::Object(Vec::new()))
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Object(object, key, Vec::new()));
                        continue;
                    }
                }
                Some(0x5B) => {
                    self.at += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(0x5D) {
                        self.at += 1;
                        let array = JsArray::new(self.context)?;
                        (array.into(), Node::Array(Vec::new()))
                    } else {
                        stack.push(Frame::Array(Vec::new(), Vec::new()));
                        continue;
                    }
                }
                _ => self.primitive()?,
            };
            // Hand the complete value to the containers it closes.
            loop {
                self.skip_whitespace();
                match stack.last_mut() {
                    None => {
                        if self.at != self.text.len() {
                            return Err(self.error_at(
                                "Unexpected non-whitespace character after JSON",
                                self.at,
                            ));
                        }
                        return Ok((value, self.track.then_some(node)));
                    }
                    Some(Frame::Array(items, nodes)) => {
                        items.push(value);
                        if self.track {
                            nodes.push(node);
                        }
                        match self.peek() {
                            Some(0x2C) => {
                                self.at += 1;
                                self.skip_whitespace();
                                break;
                            }
                            Some(0x5D) => {
                                self.at += 1;
                                let Some(Frame::Array(items, nodes)) = stack.pop() else {
                                    unreachable!("the top frame is this array")
                                };
                                value = JsArray::from_iter(items, self.context).into();
                                node = Node::Array(nodes);
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                    Some(Frame::Object(object, key, entries)) => {
                        // CreateDataProperty on a fresh ordinary object:
                        // a direct insertion (a repeated key keeps its
                        // place and takes the later value).
                        object.insert_property(
                            PropertyKey::from(key.clone()),
                            PropertyDescriptor::builder()
                                .value(value)
                                .writable(true)
                                .enumerable(true)
                                .configurable(true),
                        );
                        if self.track {
                            entries.push((key.clone(), node));
                        }
                        match self.peek() {
                            Some(0x2C) => {
                                self.at += 1;
                                self.skip_whitespace();
                                let next = self.key()?;
                                if let Some(Frame::Object(_, key, _)) = stack.last_mut() {
                                    *key = next;
                                }
                                break;
                            }
                            Some(0x7D) => {
                                self.at += 1;
                                let Some(Frame::Object(object, _, entries)) = stack.pop() else {
                                    unreachable!("the top frame is this object")
                                };
                                value = object.into();
                                node = Node::Object(entries);
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                }
            }
            self.skip_whitespace();
        }
    }

    /// A new ordinary object. `ObjectInitializer::with_native_data` gives
    /// it the realm's shared root shape, as an object literal has (objects
    /// with the same keys then share one shape); `JsObject::with_object_proto`
    /// gives each object a shape of its own, a hash table per object.
    fn object(&mut self) -> JsObject {
        boa_engine::object::ObjectInitializer::with_native_data(
            boa_engine::builtins::object::OrdinaryObject,
            self.context,
        )
        .build()
    }

    /// `"key" :` (whitespace around the colon), the key returned.
    fn key(&mut self) -> JsResult<JsString> {
        if self.peek() != Some(0x22) {
            return Err(self.unexpected());
        }
        let start = self.at + 1;
        let plain = self.text[start..]
            .iter()
            .position(|u| matches!(u.unit(), 0x22 | 0x5C) || u.unit() < 0x20);
        let key = match plain {
            Some(len) if self.text[start + len].unit() == 0x22 => {
                let units = &self.text[start..start + len];
                self.at = start + len + 1;
                self.keys
                    .entry(units)
                    .or_insert_with(|| T::string(units))
                    .clone()
            }
            _ => self.string()?,
        };
        self.skip_whitespace();
        self.expect(b':')?;
        self.skip_whitespace();
        Ok(key)
    }

    /// A string, number, `true`, `false` or `null`.
    fn primitive(&mut self) -> JsResult<(JsValue, Node)> {
        let start = self.at;
        let value: JsValue = match self.peek() {
            Some(0x22) => self.string()?.into(),
            Some(0x74) => self.word(b"true", JsValue::from(true))?,
            Some(0x66) => self.word(b"false", JsValue::from(false))?,
            Some(0x6E) => self.word(b"null", JsValue::null())?,
            Some(0x2D | 0x30..=0x39) => self.number()?,
            _ => return Err(self.unexpected()),
        };
        let node = if self.track {
            Node::Primitive(value.clone(), T::string(&self.text[start..self.at]))
        } else {
            // Not kept: any node will do.
            Node::Array(Vec::new())
        };
        Ok((value, node))
    }

    fn word(&mut self, word: &[u8], value: JsValue) -> JsResult<JsValue> {
        for &expected in word {
            self.expect(expected)?;
        }
        Ok(value)
    }

    /// ECMA-404 §8: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> JsResult<JsValue> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(0x30..=0x39) = p.peek() {
                p.at += 1;
            }
            p.at - from
        };
        let negative = self.peek() == Some(0x2D);
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(0x30) => self.at += 1,
            Some(0x31..=0x39) => {
                digits(self);
            }
            _ => return Err(self.unexpected()),
        }
        let mut integer = true;
        if self.peek() == Some(0x2E) {
            self.at += 1;
            integer = false;
            if digits(self) == 0 {
                return Err(self.unexpected());
            }
        }
        if let Some(0x45 | 0x65) = self.peek() {
            self.at += 1;
            integer = false;
            if let Some(0x2B | 0x2D) = self.peek() {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.unexpected());
            }
        }
        let text: String = self.text[start..self.at]
            .iter()
            .map(|u| char::from(u.unit() as u8))
            .collect();
        // Small integers exactly, as the engine keeps them; everything else
        // through Rust's correctly rounded parse (what ToNumber gives).
        if integer
            && text.len() <= 10
            && let Ok(n) = text.parse::<i32>()
            && !(n == 0 && negative)
        {
            return Ok(JsValue::from(n));
        }
        let n: f64 = text
            .parse()
            .map_err(|_| self.error_at("Unexpected number", start))?;
        Ok(JsValue::from(n))
    }

    /// A string literal, the opening quote at the current position.
    fn string(&mut self) -> JsResult<JsString> {
        self.at += 1;
        let start = self.at;
        // Most strings have no escape: they are a slice of the text.
        loop {
            match self.peek() {
                None => return Err(self.unexpected()),
                Some(0x22) => {
                    let s = T::string(&self.text[start..self.at]);
                    self.at += 1;
                    return Ok(s);
                }
                Some(0x5C) => break,
                Some(unit) if unit < 0x20 => {
                    return Err(self.error_at("Bad control character in string literal", self.at));
                }
                Some(_) => self.at += 1,
            }
        }
        let mut out: Vec<u16> = self.text[start..self.at].iter().map(|u| u.unit()).collect();
        loop {
            match self.peek() {
                None => return Err(self.unexpected()),
                Some(0x22) => {
                    self.at += 1;
                    return Ok(JsString::from(&out[..]));
                }
                Some(0x5C) => {
                    let escape_at = self.at;
                    self.at += 1;
                    let unit = match self.peek() {
                        Some(0x22) => 0x22,
                        Some(0x5C) => 0x5C,
                        Some(0x2F) => 0x2F,
                        Some(0x62) => 0x08,
                        Some(0x66) => 0x0C,
                        Some(0x6E) => 0x0A,
                        Some(0x72) => 0x0D,
                        Some(0x74) => 0x09,
                        Some(0x75) => {
                            // \uXXXX: one code unit, a lone surrogate
                            // included (JSON strings are code unit
                            // sequences, as JavaScript's are).
                            let mut unit = 0u16;
                            for _ in 0..4 {
                                self.at += 1;
                                let digit = self
                                    .peek()
                                    .and_then(|u| char::from_u32(u32::from(u)))
                                    .and_then(|c| c.to_digit(16))
                                    .ok_or_else(|| {
                                        self.error_at("Bad Unicode escape", escape_at)
                                    })?;
                                unit = unit * 16 + digit as u16;
                            }
                            unit
                        }
                        None => return Err(self.unexpected()),
                        Some(_) => {
                            return Err(self.error_at("Bad escaped character", escape_at));
                        }
                    };
                    self.at += 1;
                    out.push(unit);
                }
                Some(unit) if unit < 0x20 => {
                    return Err(self.error_at("Bad control character in string literal", self.at));
                }
                Some(unit) => {
                    out.push(unit);
                    self.at += 1;
                }
            }
        }
    }
}

/// The reviver's walk over the parsed value.
struct Walk<'a> {
    reviver: JsObject,
    is_array: &'a JsObject,
}

impl Walk<'_> {
    /// InternalizeJSONProperty(holder, name, reviver)
    /// (<https://tc39.es/ecma262/#sec-internalizejsonproperty>), with the
    /// `context` argument of JSON.parse source text access.
    fn internalize(
        &self,
        holder: &JsObject,
        name: PropertyKey,
        node: Option<&Node>,
        depth: usize,
        context: &mut Context,
    ) -> JsResult<JsValue> {
        if depth > super::MAX_DEPTH {
            return Err(JsNativeError::range()
                .with_message("Maximum call stack size exceeded")
                .into());
        }
        // 1. Let val be ? Get(holder, name).
        let val = holder.get(name.clone(), context)?;
        // 2. If val is an Object, then
        if let Some(object) = val.as_object() {
            // a. Let isArray be ? IsArray(val).
            let is_array = self
                .is_array
                .call(&JsValue::undefined(), std::slice::from_ref(&val), context)?
                .to_boolean();
            if is_array {
                // b. ii. Let len be ? LengthOfArrayLike(val).
                let length = object
                    .get(js_string!("length"), context)?
                    .to_length(context)?;
                let children = match node {
                    Some(Node::Array(children)) => Some(children),
                    _ => None,
                };
                for i in 0..length {
                    let child = children.and_then(|c| c.get(i as usize));
                    let key = PropertyKey::from(i);
                    let element =
                        self.internalize(&object, key.clone(), child, depth + 1, context)?;
                    self.replace(&object, key, element, context)?;
                }
            } else {
                // c. i. Let keys be ? EnumerableOwnProperties(val, key).
                let entries = match node {
                    Some(Node::Object(entries)) => Some(entries),
                    _ => None,
                };
                for key in enumerable_own_keys(&object, context)? {
                    // The last entry of that name is the one in the object.
                    let child =
                        entries.and_then(|e| e.iter().rfind(|(k, _)| *k == key).map(|(_, n)| n));
                    let property = PropertyKey::from(key);
                    let element =
                        self.internalize(&object, property.clone(), child, depth + 1, context)?;
                    self.replace(&object, property, element, context)?;
                }
            }
        }
        // The context: `{ source }` when val is still the primitive parsed.
        let argument = JsObject::with_object_proto(context.intrinsics());
        if let Some(Node::Primitive(parsed, source)) = node
            && !val.is_object()
            && val.strict_equals(parsed)
        {
            argument.create_data_property_or_throw(
                js_string!("source"),
                source.clone(),
                context,
            )?;
        }
        let name: JsValue = match name {
            PropertyKey::String(s) => s.into(),
            PropertyKey::Index(i) => JsString::from(i.get().to_string()).into(),
            PropertyKey::Symbol(s) => s.into(),
        };
        // 3. Return ? Call(reviver, holder, « name, val, context »).
        self.reviver.call(
            &holder.clone().into(),
            &[name, val, argument.into()],
            context,
        )
    }

    /// The reviver's answer for `key`: undefined deletes it, anything else
    /// replaces it (CreateDataProperty, whose false result is ignored).
    fn replace(
        &self,
        object: &JsObject,
        key: PropertyKey,
        element: JsValue,
        context: &mut Context,
    ) -> JsResult<()> {
        if element.is_undefined() {
            delete(object, key, context)
        } else {
            object.create_data_property(key, element, context).map(drop)
        }
    }
}

/// EnumerableOwnProperties(object, key): its own string keys, in order,
/// whose property is enumerable ([[GetOwnProperty]] through the engine's
/// `Object.prototype.propertyIsEnumerable`, which is that check).
fn enumerable_own_keys(object: &JsObject, context: &mut Context) -> JsResult<Vec<JsString>> {
    let this: JsValue = object.clone().into();
    let mut keys = Vec::new();
    for key in object.own_property_keys(context)? {
        let key = match key {
            PropertyKey::String(s) => s,
            PropertyKey::Index(i) => JsString::from(i.get().to_string()),
            PropertyKey::Symbol(_) => continue,
        };
        let enumerable = boa_engine::builtins::object::OrdinaryObject::property_is_enumerable(
            &this,
            &[key.clone().into()],
            context,
        )?;
        if enumerable.to_boolean() {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// `? val.[[Delete]](P)`: a false result is not an error here. Boa's
/// public API has only DeletePropertyOrThrow, whose TypeError for a false
/// result is told apart by its message (a trap's own errors pass through).
fn delete(object: &JsObject, key: PropertyKey, context: &mut Context) -> JsResult<()> {
    match object.delete_property_or_throw(key, context) {
        Ok(_) => Ok(()),
        Err(error)
            if error.as_native().is_some_and(|native| {
                native
                    .message()
                    .starts_with("cannot delete non-configurable property")
            }) =>
        {
            Ok(())
        }
        Err(error) => Err(error),
    }
}
