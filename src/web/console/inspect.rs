//! Values as text, the way node's `util.inspect` prints them with its
//! default options (depth 2, breakLength 80, compact 3).
//!
//! Inspection reads own property descriptors directly and never calls
//! getters or Proxy traps; the few places where node itself runs user code
//! (an error's `name`/`message`/`stack`, a RegExp's `source`/`flags`) do
//! the same here, and any exception there is swallowed: inspecting never
//! throws.

mod error;
mod layout;
mod text;

use boa_engine::builtins::error::Error as ErrorData;
use boa_engine::builtins::function::OrdinaryFunction;
use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::builtins::promise::PromiseState;
use boa_engine::builtins::proxy::Proxy;
use boa_engine::object::builtins::{
    JsArrayBuffer, JsDataView, JsDate, JsMap, JsPromise, JsRegExp, JsSet, JsTypedArray, JsWeakMap,
    JsWeakSet,
};
use boa_engine::property::{PropertyDescriptor, PropertyKey};
use boa_engine::value::JsVariant;
use boa_engine::{Context, JsBigInt, JsObject, JsString, JsSymbol, JsValue, js_string};

use layout::{Frame, reduce_to_single_string};
pub use text::quote_str;
use text::{escape_name, format_number, is_plain_key, quote_js_string, remaining_text};

/// The subset of node's inspect options this runtime supports.
#[derive(Clone, Debug)]
pub struct InspectOptions {
    /// How many levels of nesting to show; `None` is unlimited. Deeper
    /// objects print as `[Object]`.
    pub depth: Option<i64>,
    /// Also show non-enumerable properties (as `[key]: value`).
    pub show_hidden: bool,
    /// Line width for the one-line layout.
    pub break_length: usize,
    /// Items of arrays, sets and maps shown before "... n more items".
    pub max_array_length: usize,
    /// node's `compact: false` (what `assert` prints values with).
    pub expanded: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        InspectOptions {
            depth: Some(2),
            show_hidden: false,
            break_length: 80,
            max_array_length: 100,
            expanded: false,
        }
    }
}

/// The inspected form of `value` (what `console.log(value)` prints for a
/// non-string).
pub fn inspect(value: &JsValue, cx: &mut Context) -> String {
    inspect_with(value, &InspectOptions::default(), cx)
}

/// [`inspect`] with explicit options.
pub fn inspect_with(value: &JsValue, options: &InspectOptions, cx: &mut Context) -> String {
    let mut ctx = Ctx {
        opts: options.clone(),
        seen: Vec::new(),
        circular: Vec::new(),
        indentation: 0,
        current_depth: 0,
        cx,
    };
    ctx.format_value(value, 0, false)
}

/// State of one inspection (node's `ctx`).
struct Ctx<'a> {
    opts: InspectOptions,
    /// The objects on the path from the root to the current value.
    seen: Vec<JsObject>,
    /// Objects found to be circular, numbered in order of discovery.
    circular: Vec<JsObject>,
    indentation: usize,
    current_depth: usize,
    cx: &'a mut Context,
}

/// Whether an object's entries are laid out as an object's or an
/// array's (arrays group items in columns).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extras {
    Object,
    Array,
}

/// How `format_property` names an entry: `key: value`, or the bare value
/// of an array item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Entry {
    Named,
    Item,
}

/// What `format_raw` decided an object is, and how to print its body.
enum Body {
    /// Only the listed properties.
    Empty,
    Array(u64),
    TypedArray(JsTypedArray, u64),
    Set(Vec<JsValue>),
    Map(Vec<(JsValue, JsValue)>),
    ArrayBuffer(JsArrayBuffer),
    Promise(PromiseState),
    WeakCollection,
}

/// Entry keys: either real property keys or a synthetic accessor
/// (ArrayBuffer/DataView fields node lists as if they were own).
enum Key {
    Own(PropertyKey),
    Synthetic(&'static str, JsValue),
}

impl Ctx<'_> {
    fn exceeds_depth(&self, recurse_times: usize) -> bool {
        // Even with `depth: null`, stop before the native stack could
        // overflow (node stops at V8's stack limit instead).
        const HARD_LIMIT: usize = 500;
        recurse_times > HARD_LIMIT
            || self
                .opts
                .depth
                .is_some_and(|depth| recurse_times as i64 > depth)
    }

    fn format_value(&mut self, value: &JsValue, recurse_times: usize, in_typed: bool) -> String {
        let Some(mut object) = value.as_object() else {
            return self.format_primitive(value);
        };
        // node (showProxy: false) prints a proxy as its target, without
        // running any trap.
        let mut hops = 0;
        while object.is::<Proxy>() {
            match super::proxy_target(&object, self.cx) {
                Some(Some(target)) if hops < 64 => object = target,
                Some(None) => return "<Revoked Proxy>".to_owned(),
                _ => return "[Proxy]".to_owned(),
            }
            hops += 1;
        }
        if self.seen.iter().any(|o| JsObject::equals(o, &object)) {
            let index = match self
                .circular
                .iter()
                .position(|o| JsObject::equals(o, &object))
            {
                Some(i) => i + 1,
                None => {
                    self.circular.push(object.clone());
                    self.circular.len()
                }
            };
            return format!("[Circular *{index}]");
        }
        self.format_raw(&object, recurse_times, in_typed)
    }

    fn format_primitive(&mut self, value: &JsValue) -> String {
        match value.variant() {
            JsVariant::String(s) => self.format_string(&s),
            JsVariant::Float64(n) => format_number(n, self.cx),
            JsVariant::Integer32(n) => n.to_string(),
            JsVariant::BigInt(n) => format!("{n}n"),
            JsVariant::Boolean(b) => b.to_string(),
            JsVariant::Undefined => "undefined".to_owned(),
            JsVariant::Null => "null".to_owned(),
            JsVariant::Symbol(s) => s.descriptive_string().to_std_string_escaped(),
            JsVariant::Object(_) => String::new(),
        }
    }

    /// A quoted string; a long multi-line string is split after each
    /// newline into `'line\n' +` pieces (node, compact mode).
    fn format_string(&self, s: &JsString) -> String {
        let units = s.to_vec();
        let limit = self.opts.break_length.saturating_sub(self.indentation + 4);
        if units.len() > 16 && units.len() > limit {
            let mut pieces = Vec::new();
            let mut start = 0;
            for (i, &u) in units.iter().enumerate() {
                if u == u16::from(b'\n') {
                    pieces.push(&units[start..=i]);
                    start = i + 1;
                }
            }
            if start < units.len() {
                pieces.push(&units[start..]);
            }
            if pieces.len() > 1 {
                let joiner = format!(" +\n{}", " ".repeat(self.indentation + 2));
                return pieces
                    .iter()
                    .map(|p| quote_js_string(&JsString::from(*p)))
                    .collect::<Vec<_>>()
                    .join(&joiner);
            }
        }
        quote_js_string(s)
    }

    fn format_raw(&mut self, object: &JsObject, recurse_times: usize, in_typed: bool) -> String {
        let constructor = self.constructor_name(object);
        let tag = self.string_tag(object);
        let ctor = constructor.as_deref();
        let mut keys: Vec<Key>;
        let mut base = String::new();
        let mut braces = ("{".to_owned(), "}");
        let mut body = Body::Empty;
        let mut extras = Extras::Object;

        if object.is_array() {
            let length = self.array_length(object);
            let prefix = if ctor != Some("Array") || !tag.is_empty() {
                prefix(ctor, &tag, "Array", &format!("({length})"))
            } else {
                String::new()
            };
            keys = self.own_keys(object, true);
            braces = (format!("{prefix}["), "]");
            if length == 0 && keys.is_empty() {
                return format!("{}]", braces.0);
            }
            extras = Extras::Array;
            body = Body::Array(length);
        } else if let Ok(set) = JsSet::from_object(object.clone()) {
            let mut values = Vec::new();
            let _ = set.for_each_native(|v| {
                values.push(v);
                Ok(())
            });
            let prefix = prefix(ctor, &tag, "Set", &format!("({})", values.len()));
            keys = self.own_keys(object, false);
            if values.is_empty() && keys.is_empty() {
                return format!("{prefix}{{}}");
            }
            braces = (format!("{prefix}{{"), "}");
            body = Body::Set(values);
        } else if let Ok(map) = JsMap::from_object(object.clone()) {
            let mut entries = Vec::new();
            let _ = map.for_each_native(|k, v| {
                entries.push((k, v));
                Ok(())
            });
            let prefix = prefix(ctor, &tag, "Map", &format!("({})", entries.len()));
            keys = self.own_keys(object, false);
            if entries.is_empty() && keys.is_empty() {
                return format!("{prefix}{{}}");
            }
            braces = (format!("{prefix}{{"), "}");
            body = Body::Map(entries);
        } else if let Ok(typed) = JsTypedArray::from_object(object.clone()) {
            if crate::web::node::buffer::is_buffer_object(object, self.cx) {
                return buffer_text(&typed, self.cx);
            }
            let length = typed.length(self.cx).unwrap_or(0) as u64;
            let fallback = typed_array_name(&typed);
            let prefix = prefix(ctor, &tag, fallback, &format!("({length})"));
            keys = self.own_keys(object, true);
            braces = (format!("{prefix}["), "]");
            if length == 0 && keys.is_empty() {
                return format!("{}]", braces.0);
            }
            extras = Extras::Array;
            body = Body::TypedArray(typed, length);
        } else {
            keys = self.own_keys(object, false);
            if object.is_callable() {
                base = self.function_base(object, ctor, &tag);
                if keys.is_empty() {
                    return base;
                }
            } else if ctor == Some("Object") {
                if self.is_arguments(object) {
                    braces.0 = "[Arguments] {".to_owned();
                } else if !tag.is_empty() {
                    braces.0 = format!("{}{{", prefix(ctor, &tag, "Object", ""));
                }
                if keys.is_empty() {
                    return format!("{}}}", braces.0);
                }
            } else if let Ok(regexp) = JsRegExp::from_object(object.clone()) {
                base = regexp
                    .to_string(self.cx)
                    .unwrap_or_else(|_| "/(?:)/".to_owned());
                let prefix = prefix(ctor, &tag, "RegExp", "");
                if prefix != "RegExp " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() || self.exceeds_depth(recurse_times) {
                    return base;
                }
            } else if let Ok(date) = JsDate::from_object(object.clone()) {
                let time = date
                    .get_time(self.cx)
                    .ok()
                    .and_then(|t| t.as_number())
                    .unwrap_or(f64::NAN);
                base = if time.is_nan() {
                    "Invalid Date".to_owned()
                } else {
                    date.to_iso_string(self.cx)
                        .ok()
                        .and_then(|s| s.as_string())
                        .map(|s| s.to_std_string_escaped())
                        .unwrap_or_else(|| "Invalid Date".to_owned())
                };
                let prefix = prefix(ctor, &tag, "Date", "");
                if prefix != "Date " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() {
                    return base;
                }
            } else if object.is::<ErrorData>() {
                base = error::format_error(self, object, ctor, &tag, &mut keys);
                if keys.is_empty() {
                    return base;
                }
            } else if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
                let prefix = prefix(ctor, &tag, "ArrayBuffer", "");
                let byte_length = JsValue::from(buffer.byte_length() as f64);
                if in_typed && keys.is_empty() {
                    return format!(
                        "{prefix}{{ byteLength: {} }}",
                        self.format_primitive(&byte_length)
                    );
                }
                braces.0 = format!("{prefix}{{");
                keys.insert(0, Key::Synthetic("byteLength", byte_length));
                if !in_typed {
                    body = Body::ArrayBuffer(buffer);
                }
            } else if let Ok(view) = JsDataView::from_object(object.clone()) {
                braces.0 = format!("{}{{", prefix(ctor, &tag, "DataView", ""));
                let byte_length = view.byte_length(self.cx).unwrap_or(0) as f64;
                let byte_offset = view.byte_offset(self.cx).unwrap_or(0) as f64;
                let buffer = view.buffer(self.cx).unwrap_or_default();
                keys.splice(
                    0..0,
                    [
                        Key::Synthetic("byteLength", JsValue::from(byte_length)),
                        Key::Synthetic("byteOffset", JsValue::from(byte_offset)),
                        Key::Synthetic("buffer", buffer),
                    ],
                );
            } else if let Ok(promise) = JsPromise::from_object(object.clone()) {
                braces.0 = format!("{}{{", prefix(ctor, &tag, "Promise", ""));
                body = Body::Promise(promise.state());
            } else if JsWeakSet::from_object(object.clone()).is_ok() {
                braces.0 = format!("{}{{", prefix(ctor, &tag, "WeakSet", ""));
                body = Body::WeakCollection;
            } else if JsWeakMap::from_object(object.clone()).is_ok() {
                braces.0 = format!("{}{{", prefix(ctor, &tag, "WeakMap", ""));
                body = Body::WeakCollection;
            } else if let Some(boxed) = self.boxed_base(object, ctor, &tag, &mut keys) {
                base = boxed;
                if keys.is_empty() {
                    return base;
                }
            } else {
                let style = ctx_style(ctor, &tag);
                if keys.is_empty() {
                    return format!("{style}{{}}");
                }
                braces.0 = format!("{style}{{");
            }
        }

        if self.exceeds_depth(recurse_times) {
            let style = ctx_style(ctor, &tag);
            let name = style.strip_suffix(' ').unwrap_or(&style);
            return if ctor.is_some() {
                format!("[{name}]")
            } else {
                name.to_owned()
            };
        }
        let recurse_times = recurse_times + 1;
        self.seen.push(object.clone());
        self.current_depth = recurse_times;

        let mut output = self.format_body(object, &body, recurse_times);
        for key in &keys {
            let entry = self.format_property(object, key, recurse_times, Entry::Named);
            output.push(entry);
        }

        if let Some(index) = self
            .circular
            .iter()
            .position(|o| JsObject::equals(o, object))
        {
            let reference = format!("<ref *{}>", index + 1);
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }
        self.seen.pop();

        let numeric = match &body {
            Body::Array(_) => self.all_numeric(object, output.len()),
            Body::TypedArray(..) => keys.is_empty(),
            _ => false,
        };
        let frame = Frame {
            indentation: self.indentation,
            break_length: self.opts.break_length,
            current_depth: self.current_depth,
            depth: recurse_times,
            expanded: self.opts.expanded,
        };
        reduce_to_single_string(
            &frame,
            output,
            &base,
            (&braces.0, braces.1),
            extras == Extras::Array,
            numeric,
        )
    }

    fn format_body(&mut self, object: &JsObject, body: &Body, recurse_times: usize) -> Vec<String> {
        match body {
            Body::Empty => Vec::new(),
            Body::Array(length) => self.format_array(object, *length, recurse_times),
            Body::TypedArray(typed, length) => {
                let shown = (*length).min(self.opts.max_array_length as u64);
                let mut output = Vec::with_capacity(shown as usize + 1);
                for i in 0..shown {
                    let item = typed.at(i as i64, self.cx).unwrap_or_default();
                    output.push(self.format_primitive(&item));
                }
                if *length > shown {
                    output.push(remaining_text((*length - shown) as usize));
                }
                output
            }
            Body::Set(values) => {
                self.indentation += 2;
                let shown = values.len().min(self.opts.max_array_length);
                let mut output: Vec<String> = values[..shown]
                    .iter()
                    .map(|v| self.format_value(v, recurse_times, false))
                    .collect();
                if values.len() > shown {
                    output.push(remaining_text(values.len() - shown));
                }
                self.indentation -= 2;
                output
            }
            Body::Map(entries) => {
                self.indentation += 2;
                let shown = entries.len().min(self.opts.max_array_length);
                let mut output = Vec::with_capacity(shown + 1);
                for (k, v) in &entries[..shown] {
                    let k = self.format_value(k, recurse_times, false);
                    let v = self.format_value(v, recurse_times, false);
                    output.push(format!("{k} => {v}"));
                }
                if entries.len() > shown {
                    output.push(remaining_text(entries.len() - shown));
                }
                self.indentation -= 2;
                output
            }
            Body::ArrayBuffer(buffer) => {
                let Some(bytes) = buffer.to_vec() else {
                    return vec!["(detached)".to_owned()];
                };
                let shown = bytes.len().min(self.opts.max_array_length);
                let mut hex = bytes[..shown]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                if bytes.len() > shown {
                    let remaining = bytes.len() - shown;
                    let s = if remaining > 1 { "s" } else { "" };
                    hex.push_str(&format!(" ... {remaining} more byte{s}"));
                }
                vec![format!("[Uint8Contents]: <{hex}>")]
            }
            Body::Promise(state) => match state {
                PromiseState::Pending => vec!["<pending>".to_owned()],
                PromiseState::Fulfilled(v) | PromiseState::Rejected(v) => {
                    self.indentation += 2;
                    let s = self.format_value(v, recurse_times, false);
                    self.indentation -= 2;
                    if matches!(state, PromiseState::Rejected(_)) {
                        vec![format!("<rejected> {s}")]
                    } else {
                        vec![s]
                    }
                }
            },
            Body::WeakCollection => vec!["<items unknown>".to_owned()],
        }
    }

    /// Array items, with runs of holes as `<n empty items>` (node's
    /// `formatArray` / `formatSpecialArray`).
    fn format_array(
        &mut self,
        object: &JsObject,
        length: u64,
        recurse_times: usize,
    ) -> Vec<String> {
        let max = length.min(self.opts.max_array_length as u64) as usize;
        let mut output = Vec::with_capacity(max + 1);
        // Present indices, ascending, so that sparse arrays of huge length
        // cost only as much as their elements.
        let present: Vec<u32> = self
            .own_property_keys(object)
            .into_iter()
            .filter_map(|k| match k {
                PropertyKey::Index(i) => Some(i.get()),
                _ => None,
            })
            .collect();
        let mut next: u64 = 0;
        let mut idx = 0;
        while idx < present.len() && output.len() < max {
            let key = u64::from(present[idx]);
            if key >= length {
                break;
            }
            if key != next {
                let empty = key - next;
                let s = if empty > 1 { "s" } else { "" };
                output.push(format!("<{empty} empty item{s}>"));
                next = key;
                if output.len() == max {
                    break;
                }
            }
            let entry = self.format_property(
                object,
                &Key::Own(PropertyKey::from(present[idx])),
                recurse_times,
                Entry::Item,
            );
            output.push(entry);
            next += 1;
            idx += 1;
        }
        let remaining = length - next;
        if output.len() != max {
            if remaining > 0 {
                let s = if remaining > 1 { "s" } else { "" };
                output.push(format!("<{remaining} empty item{s}>"));
            }
        } else if remaining > 0 {
            output.push(remaining_text(remaining as usize));
        }
        output
    }

    /// node right-aligns grouped array columns when the first
    /// `output_len` elements are all numbers or bigints.
    fn all_numeric(&mut self, object: &JsObject, output_len: usize) -> bool {
        (0..output_len).all(|i| {
            let Ok(i) = u32::try_from(i) else {
                return false;
            };
            self.own_descriptor(object, &PropertyKey::from(i))
                .and_then(|d| d.value().cloned())
                .is_some_and(|v| v.is_number() || v.is_bigint())
        })
    }

    fn format_property(
        &mut self,
        object: &JsObject,
        key: &Key,
        recurse_times: usize,
        entry: Entry,
    ) -> String {
        let synthetic_name = match key {
            Key::Synthetic(name, _) => *name,
            Key::Own(_) => "",
        };
        let (desc, key) = match key {
            Key::Own(key) => (self.own_descriptor(object, key), Some(key)),
            Key::Synthetic(_, value) => (
                Some(
                    PropertyDescriptor::builder()
                        .value(value.clone())
                        .enumerable(true)
                        .build(),
                ),
                None,
            ),
        };
        let desc = desc.unwrap_or_else(|| {
            PropertyDescriptor::builder()
                .value(JsValue::undefined())
                .enumerable(true)
                .build()
        });
        let value_text = if let Some(value) = desc.value() {
            self.indentation += 2;
            let s = self.format_value(value, recurse_times, false);
            self.indentation -= 2;
            s
        } else {
            let getter = desc.get().is_some_and(|g| !g.is_undefined());
            let setter = desc.set().is_some_and(|s| !s.is_undefined());
            match (getter, setter) {
                (true, true) => "[Getter/Setter]".to_owned(),
                (true, false) => "[Getter]".to_owned(),
                (false, true) => "[Setter]".to_owned(),
                (false, false) => "undefined".to_owned(),
            }
        };
        if entry == Entry::Item {
            return value_text;
        }
        let name = match key {
            None => synthetic_name.to_owned(),
            Some(PropertyKey::Symbol(sym)) => {
                let text = sym.descriptive_string().to_std_string_escaped();
                format!("[{}]", escape_name(&text))
            }
            Some(key) => {
                let name = key_to_string(key);
                if name == "__proto__" {
                    "['__proto__']".to_owned()
                } else if desc.enumerable() == Some(false) {
                    format!("[{}]", escape_name(&name))
                } else if is_plain_key(&name) {
                    name
                } else {
                    text::quote_str(&name)
                }
            }
        };
        format!("{name}: {value_text}")
    }

    // ---- object introspection without side effects ----

    /// The own keys node lists: enumerable string keys then enumerable
    /// symbols (all of them with `show_hidden`); without array indices
    /// when `skip_indices`.
    fn own_keys(&mut self, object: &JsObject, skip_indices: bool) -> Vec<Key> {
        let keys = self.own_property_keys(object);
        let mut strings = Vec::new();
        let mut symbols = Vec::new();
        for key in keys {
            if skip_indices && matches!(key, PropertyKey::Index(_)) {
                continue;
            }
            let Some(desc) = self.own_descriptor(object, &key) else {
                continue;
            };
            if !self.opts.show_hidden && desc.enumerable() != Some(true) {
                continue;
            }
            if matches!(key, PropertyKey::Symbol(_)) {
                symbols.push(Key::Own(key));
            } else {
                strings.push(Key::Own(key));
            }
        }
        strings.extend(symbols);
        strings
    }

    /// `[[OwnPropertyKeys]]`; the caller guarantees `object` is not a
    /// Proxy, so no user code runs.
    fn own_property_keys(&mut self, object: &JsObject) -> Vec<PropertyKey> {
        if object.is::<Proxy>() {
            return Vec::new();
        }
        object.own_property_keys(self.cx).unwrap_or_default()
    }

    /// `[[GetOwnProperty]]` without calling getters or traps.
    fn own_descriptor(
        &mut self,
        object: &JsObject,
        key: &PropertyKey,
    ) -> Option<PropertyDescriptor> {
        if object.is::<Proxy>() {
            return None;
        }
        if let Ok(borrowed) = object.try_borrow()
            && let Some(desc) = borrowed.properties().get(key)
        {
            return Some(desc);
        }
        if object.is_ordinary() {
            return None;
        }
        // Exotic objects (String wrappers, typed arrays, arguments) keep
        // some properties outside the property map.
        let args = [JsValue::from(object.clone()), JsValue::from(key.clone())];
        let desc =
            OrdinaryObject::get_own_property_descriptor(&JsValue::undefined(), &args, self.cx)
                .ok()?;
        if desc.is_undefined() {
            return None;
        }
        desc.to_property_descriptor(self.cx).ok()
    }

    /// The value of an own data property, if it is one.
    fn own_data(&mut self, object: &JsObject, key: &str) -> Option<JsValue> {
        let key = PropertyKey::from(JsString::from(key));
        self.own_descriptor(object, &key)?.value().cloned()
    }

    fn array_length(&mut self, object: &JsObject) -> u64 {
        self.own_data(object, "length")
            .and_then(|v| v.as_number())
            .map_or(0, |n| n as u64)
    }

    /// node's `getConstructorName`: the name of the first `constructor`
    /// along the prototype chain that `object` is an instance of; `None`
    /// for a null-prototype object.
    fn constructor_name(&mut self, object: &JsObject) -> Option<String> {
        let object_proto = self.cx.intrinsics().constructors().object().prototype();
        let function_proto = self.cx.intrinsics().constructors().function().prototype();
        let mut current = Some(object.clone());
        let mut first_proto: Option<Option<JsObject>> = None;
        let mut hops = 0;
        while let Some(obj) = current {
            if obj.is::<Proxy>() || hops > 10_000 {
                return Some("Object".to_owned());
            }
            hops += 1;
            // Well-known prototypes win even if their `constructor` was
            // tampered with (node does the same).
            if JsObject::equals(&obj, &object_proto) {
                return Some("Object".to_owned());
            }
            if JsObject::equals(&obj, &function_proto) && object.is_callable() {
                return Some("Function".to_owned());
            }
            if let Some(ctor) = self
                .own_data(&obj, "constructor")
                .and_then(|v| v.as_object())
                && ctor.is_callable()
            {
                let name = self.function_name(&ctor);
                if !name.is_empty() && self.is_instance(object, &ctor) {
                    return Some(name);
                }
            }
            let proto = obj.prototype();
            if first_proto.is_none() {
                first_proto = Some(proto.clone());
            }
            current = proto;
        }
        match first_proto {
            Some(None) => None,
            _ => Some("Object <Complex prototype>".to_owned()),
        }
    }

    /// `object instanceof ctor`, by walking prototypes (no
    /// `Symbol.hasInstance`, no traps).
    fn is_instance(&mut self, object: &JsObject, ctor: &JsObject) -> bool {
        let Some(proto) = self.own_data(ctor, "prototype").and_then(|v| v.as_object()) else {
            return false;
        };
        let mut current = object.prototype();
        let mut hops = 0;
        while let Some(obj) = current {
            if JsObject::equals(&obj, &proto) {
                return true;
            }
            if obj.is::<Proxy>() || hops > 10_000 {
                return false;
            }
            hops += 1;
            current = obj.prototype();
        }
        false
    }

    /// A function's own `name` if it is a string, else "".
    fn function_name(&mut self, function: &JsObject) -> String {
        self.own_data(function, "name")
            .and_then(|v| v.as_string())
            .map(|s| s.to_std_string_escaped())
            .unwrap_or_default()
    }

    /// `Symbol.toStringTag` from the prototype chain (data properties
    /// only), or "" when it is absent, an own enumerable property, or the
    /// same as the constructor name.
    fn string_tag(&mut self, object: &JsObject) -> String {
        let key = PropertyKey::from(JsSymbol::to_string_tag());
        let mut current = Some(object.clone());
        let mut own = true;
        let mut hops = 0;
        while let Some(obj) = current {
            if obj.is::<Proxy>() || hops > 10_000 {
                return String::new();
            }
            hops += 1;
            if let Some(desc) = self.own_descriptor(&obj, &key) {
                if own && desc.enumerable() == Some(true) && !self.opts.show_hidden {
                    return String::new();
                }
                return desc
                    .value()
                    .and_then(|v| v.as_string())
                    .map(|s| s.to_std_string_escaped())
                    .unwrap_or_default();
            }
            own = false;
            current = obj.prototype();
        }
        String::new()
    }

    fn is_arguments(&mut self, object: &JsObject) -> bool {
        // Arguments objects are the only ordinary-looking objects with an
        // own `callee` whose class (Object.prototype.toString) is
        // "Arguments"; checking `callee` first avoids calling toString on
        // objects that could run a user `Symbol.toStringTag` getter.
        let callee = PropertyKey::from(js_string!("callee"));
        if self.own_descriptor(object, &callee).is_none() {
            return false;
        }
        OrdinaryObject::to_string(&JsValue::from(object.clone()), &[], self.cx)
            .ok()
            .and_then(|v| v.as_string())
            .is_some_and(|s| s.to_std_string_escaped() == "[object Arguments]")
    }

    /// `[Function: f]`, `[AsyncFunction: g]`, `[class A extends B]`, ...
    fn function_base(&mut self, function: &JsObject, ctor: Option<&str>, tag: &str) -> String {
        let name = self.function_name(function);
        if self.is_class(function) {
            let shown = if name.is_empty() {
                "(anonymous)"
            } else {
                &name
            };
            let mut base = format!("class {shown}");
            if ctor != Some("Function") && ctor.is_some() {
                base.push_str(&format!(" [{}]", ctor.unwrap_or_default()));
            }
            if !tag.is_empty() && ctor != Some(tag) {
                base.push_str(&format!(" [{tag}]"));
            }
            if ctor.is_some() {
                if let Some(parent) = function.prototype() {
                    let parent_name = self.function_name(&parent);
                    if !parent_name.is_empty() {
                        base.push_str(&format!(" extends {parent_name}"));
                    }
                }
            } else {
                base.push_str(" extends [null prototype]");
            }
            return format!("[{base}]");
        }
        let kind = self.function_kind(function);
        let mut base = format!("[{kind}");
        if ctor.is_none() {
            base.push_str(" (null prototype)");
        }
        if name.is_empty() {
            base.push_str(" (anonymous)");
        } else {
            base.push_str(&format!(": {name}"));
        }
        base.push(']');
        if let Some(ctor) = ctor
            && ctor != kind
        {
            base.push_str(&format!(" {ctor}"));
        }
        if !tag.is_empty() && ctor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    /// Class constructors are the only ECMAScript functions whose
    /// `prototype` is read-only (node checks the source text instead).
    fn is_class(&mut self, function: &JsObject) -> bool {
        if !function.is::<OrdinaryFunction>() {
            return false;
        }
        let key = PropertyKey::from(js_string!("prototype"));
        self.own_descriptor(function, &key)
            .is_some_and(|d| d.is_data_descriptor() && d.writable() == Some(false))
    }

    /// "Function", "AsyncFunction", "GeneratorFunction" or
    /// "AsyncGeneratorFunction", from the function's [[Prototype]].
    fn function_kind(&mut self, function: &JsObject) -> &'static str {
        let Some(proto) = function.prototype() else {
            return "Function";
        };
        let ctors = self.cx.intrinsics().constructors();
        if JsObject::equals(&proto, &ctors.async_function().prototype()) {
            "AsyncFunction"
        } else if JsObject::equals(&proto, &ctors.generator_function().prototype()) {
            "GeneratorFunction"
        } else if JsObject::equals(&proto, &ctors.async_generator_function().prototype()) {
            "AsyncGeneratorFunction"
        } else {
            "Function"
        }
    }

    /// `[Number: 3]`, `[String: 'x']`, ... for wrapper objects; drops the
    /// index keys of String wrappers.
    fn boxed_base(
        &mut self,
        object: &JsObject,
        ctor: Option<&str>,
        tag: &str,
        keys: &mut Vec<Key>,
    ) -> Option<String> {
        let (kind, primitive) = if let Some(n) = object.downcast_ref::<f64>() {
            ("Number", JsValue::from(*n))
        } else if let Some(s) = object.downcast_ref::<JsString>() {
            let s = s.clone();
            keys.retain(|k| !matches!(k, Key::Own(PropertyKey::Index(_))));
            ("String", JsValue::from(s))
        } else if let Some(b) = object.downcast_ref::<bool>() {
            ("Boolean", JsValue::from(*b))
        } else if let Some(n) = object.downcast_ref::<JsBigInt>() {
            ("BigInt", JsValue::from(n.clone()))
        } else if let Some(s) = object.downcast_ref::<JsSymbol>() {
            ("Symbol", JsValue::from(s.clone()))
        } else {
            return None;
        };
        let mut base = format!("[{kind}");
        match ctor {
            None => base.push_str(" (null prototype)"),
            Some(c) if c != kind => base.push_str(&format!(" ({c})")),
            _ => {}
        }
        // node formats the primitive without the multi-line splitting.
        let saved = self.opts.break_length;
        self.opts.break_length = usize::MAX;
        let text = self.format_primitive(&primitive);
        self.opts.break_length = saved;
        base.push_str(&format!(": {text}]"));
        if !tag.is_empty() && ctor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        Some(base)
    }
}

/// node's `getPrefix`: "Foo ", "Foo(2) ", "[Set(2): null prototype] ", or
/// "Foo [tag] ".
fn prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None if !tag.is_empty() && fallback != tag => {
            format!("[{fallback}{size}: null prototype] [{tag}] ")
        }
        None => format!("[{fallback}{size}: null prototype] "),
        Some(c) if !tag.is_empty() && c != tag => format!("{c}{size} [{tag}] "),
        Some(c) => format!("{c}{size} "),
    }
}

/// node's `getCtxStyle`: the prefix of objects without a special kind
/// (the fallback name only matters for null-prototype objects).
fn ctx_style(constructor: Option<&str>, tag: &str) -> String {
    let fallback = if constructor.is_none() { "Object" } else { "" };
    prefix(constructor, tag, fallback, "")
}

fn key_to_string(key: &PropertyKey) -> String {
    match key {
        PropertyKey::String(s) => s.to_std_string_escaped(),
        PropertyKey::Index(i) => i.get().to_string(),
        PropertyKey::Symbol(s) => s.descriptive_string().to_std_string_escaped(),
    }
}

/// A Buffer as node prints it: `<Buffer 68 69>`, at most
/// `INSPECT_MAX_BYTES` bytes, then `... 14 more bytes`.
fn buffer_text(typed: &JsTypedArray, cx: &mut Context) -> String {
    let value = JsValue::from(typed.clone());
    let bytes = crate::web::encoding::buffer_source_bytes(&value, cx)
        .ok()
        .flatten()
        .unwrap_or_default();
    let max = crate::web::node::buffer::INSPECT_MAX_BYTES;
    let shown: Vec<String> = bytes.iter().take(max).map(|b| format!("{b:02x}")).collect();
    let mut text = format!("<Buffer {}", shown.join(" "));
    if bytes.len() > max {
        let more = bytes.len() - max;
        text.push_str(&format!(
            " ... {more} more byte{}",
            if more > 1 { "s" } else { "" }
        ));
    }
    text.push('>');
    text
}

fn typed_array_name(typed: &JsTypedArray) -> &'static str {
    use boa_engine::builtins::typed_array::TypedArrayKind as K;
    match typed.kind() {
        Some(K::Int8) => "Int8Array",
        Some(K::Uint8) => "Uint8Array",
        Some(K::Uint8Clamped) => "Uint8ClampedArray",
        Some(K::Int16) => "Int16Array",
        Some(K::Uint16) => "Uint16Array",
        Some(K::Int32) => "Int32Array",
        Some(K::Uint32) => "Uint32Array",
        Some(K::BigInt64) => "BigInt64Array",
        Some(K::BigUint64) => "BigUint64Array",
        Some(K::Float32) => "Float32Array",
        Some(K::Float64) => "Float64Array",
        _ => "TypedArray",
    }
}

#[cfg(test)]
mod tests {
    use super::prefix;

    #[test]
    fn prefixes() {
        assert_eq!(prefix(Some("Map"), "", "Map", "(2)"), "Map(2) ");
        assert_eq!(prefix(None, "", "Object", ""), "[Object: null prototype] ");
        assert_eq!(prefix(Some("Foo"), "Bar", "Object", ""), "Foo [Bar] ");
    }
}
