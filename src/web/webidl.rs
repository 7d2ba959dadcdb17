//! The WebIDL layer (<https://webidl.spec.whatwg.org/>) every web API
//! family is built on: the conversions of arguments (§3.2), the errors
//! they throw, the brand check and argument count every operation starts
//! with, and the helpers that define an interface's members with WebIDL's
//! property attributes (§3.7). The messages are written here once, so that
//! every family words the same failure the same way.

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::{ConstructorBuilder, FunctionObjectBuilder, NativeObject};
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::string::JsStrVariant;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue,
    NativeFunction, js_string,
};

pub(crate) fn type_error(message: impl Into<String>) -> JsError {
    JsNativeError::typ().with_message(message.into()).into()
}

pub(crate) fn range_error(message: impl Into<String>) -> JsError {
    JsNativeError::range().with_message(message.into()).into()
}

/// A string quoted for an error message.
pub(crate) fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// The ByteString form of `s` (one char per code unit) if no code unit is
/// above 0xFF.
pub(crate) fn byte_string(s: &JsString) -> Option<String> {
    match s.as_str().variant() {
        JsStrVariant::Latin1(bytes) => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        JsStrVariant::Utf16(units) => units
            .iter()
            .map(|&u| u8::try_from(u).ok().map(char::from))
            .collect(),
    }
}

/// WebIDL §3.2.10 ByteString: ToString (a Symbol is a TypeError), then a
/// TypeError for any code unit above 0xFF. One char per byte.
pub(crate) fn to_byte_string(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<String> {
    let s = value.to_string(cx)?;
    byte_string(&s).ok_or_else(|| {
        type_error(format!(
            "{what}: {} is not a valid ByteString",
            quoted(&s.to_std_string_escaped())
        ))
    })
}

/// WebIDL §3.2.12 USVString: ToString, lone surrogates become U+FFFD.
pub(crate) fn to_usv_string(value: &JsValue, cx: &mut Context) -> JsResult<String> {
    let s = value.to_string(cx)?;
    // ASCII (most URLs, names and values) is already UTF-8: one copy.
    if let JsStrVariant::Latin1(bytes) = s.as_str().variant()
        && let Ok(ascii) = std::str::from_utf8(bytes)
        && bytes.is_ascii()
    {
        return Ok(ascii.to_owned());
    }
    Ok(s.to_std_string_lossy())
}

/// WebIDL §3.2.4 unsigned short: ToNumber; NaN and infinities are 0;
/// truncated, modulo 2^16.
pub(crate) fn to_unsigned_short(value: &JsValue, cx: &mut Context) -> JsResult<u16> {
    let n = value.to_number(cx)?;
    if !n.is_finite() {
        return Ok(0);
    }
    Ok(n.trunc().rem_euclid(65536.0) as u16)
}

/// A dictionary argument (WebIDL §3.2.19): undefined or null is an empty
/// dictionary (`None`), any other non-object a TypeError.
pub(crate) fn to_dictionary(value: &JsValue, what: &str) -> JsResult<Option<JsObject>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    value
        .as_object()
        .map(Some)
        .ok_or_else(|| type_error(format!("{what}: the init argument must be an object")))
}

/// A dictionary member: `Get(dict, key)`, undefined for an empty dictionary.
pub(crate) fn member(
    dict: Option<&JsObject>,
    key: JsString,
    cx: &mut Context,
) -> JsResult<JsValue> {
    match dict {
        Some(dict) => dict.get(key, cx),
        None => Ok(JsValue::undefined()),
    }
}

/// WebIDL §3.2.20 enumeration: ToString, then one of `allowed`.
pub(crate) fn to_enum(
    value: &JsValue,
    allowed: &[&'static str],
    what: &str,
    cx: &mut Context,
) -> JsResult<&'static str> {
    let s = value.to_string(cx)?;
    allowed.iter().copied().find(|a| s == *a).ok_or_else(|| {
        type_error(format!(
            "{what}: {} is not one of {}",
            quoted(&s.to_std_string_escaped()),
            allowed.join(", ")
        ))
    })
}

/// WebIDL §3.2.24 `sequence<any>`: the items of an object whose
/// @@iterator is callable, read with the iterator protocol; a TypeError for
/// anything else. `what` names the caller in messages.
pub(crate) fn to_sequence(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Vec<JsValue>> {
    let not_sequence = || type_error(format!("{what}: the argument is not iterable"));
    let object = value.as_object().ok_or_else(not_sequence)?;
    let method = object.get(JsSymbol::iterator(), cx)?;
    let method = method.as_callable().ok_or_else(not_sequence)?;
    let iterator = method.call(value, &[], cx)?;
    let iterator_object = iterator
        .as_object()
        .ok_or_else(|| type_error(format!("{what}: @@iterator did not return an object")))?;
    let next = iterator_object.get(js_string!("next"), cx)?;
    let next = next
        .as_callable()
        .ok_or_else(|| type_error(format!("{what}: the iterator's next is not callable")))?;
    let mut items = Vec::new();
    loop {
        let result = next.call(&iterator, &[], cx)?;
        let result = result
            .as_object()
            .ok_or_else(|| type_error(format!("{what}: the iterator result is not an object")))?;
        if result.get(js_string!("done"), cx)?.to_boolean() {
            return Ok(items);
        }
        items.push(result.get(js_string!("value"), cx)?);
    }
}

/// A string conversion of [`to_pairs`]: ByteString or USVString.
pub(crate) type StringConversion = fn(&JsValue, &str, &mut Context) -> JsResult<String>;

/// WebIDL §3.2.12 USVString as a [`StringConversion`].
pub(crate) fn usv_string(value: &JsValue, _what: &str, cx: &mut Context) -> JsResult<String> {
    to_usv_string(value, cx)
}

/// `sequence<sequence<T>> or record<T, T>` (WebIDL §3.2.22: an object
/// with @@iterator is a sequence, another object a record), as pairs:
/// `HeadersInit` (Fetch §5.2) with ByteString, and the object forms of
/// `URLSearchParams`' init (URL §6.2) with USVString. Each inner sequence
/// must have exactly 2 items. `what` names the interface in messages.
pub(crate) fn to_pairs(
    object: &JsObject,
    convert: StringConversion,
    what: &str,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let method = object.get(JsSymbol::iterator(), cx)?;
    if !method.is_null_or_undefined() {
        return to_pair_sequence(&object.clone().into(), &method, convert, what, cx);
    }
    to_record(object, convert, what, cx)
}

/// `HeadersInit` (Fetch §5.2): [`to_pairs`] with ByteString, not yet
/// validated.
pub(crate) fn to_headers_init(
    value: &JsValue,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let Some(object) = value.as_object() else {
        return Err(type_error(
            "Headers: init must be a sequence of pairs or a record",
        ));
    };
    to_pairs(&object, to_byte_string, "Headers", cx)
}

/// WebIDL §3.2.26 record<K, V>: own enumerable keys in [[OwnPropertyKeys]]
/// order, each value read with Get (getters run).
fn to_record(
    object: &JsObject,
    convert: StringConversion,
    what: &str,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let keys = object.own_property_keys(cx)?;
    let mut pairs = Vec::with_capacity(keys.len());
    let this = JsValue::from(object.clone());
    for key in keys {
        let key_value = JsValue::from(key.clone());
        // [[GetOwnProperty]]: absent (a proxy) or not enumerable is skipped.
        let enumerable =
            OrdinaryObject::property_is_enumerable(&this, std::slice::from_ref(&key_value), cx)?;
        if !enumerable.to_boolean() {
            continue;
        }
        // A Symbol key throws here (ToString).
        let name = convert(&key_value, what, cx)?;
        let value = object.get(key, cx)?;
        let value = convert(&value, what, cx)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Steps an iterator (ECMA-262 IteratorStepValue): `None` when done.
fn step(
    iterator: &JsValue,
    next: &JsValue,
    what: &str,
    cx: &mut Context,
) -> JsResult<Option<JsValue>> {
    let next = next
        .as_callable()
        .ok_or_else(|| type_error(format!("{what}: the iterator's next is not callable")))?;
    let result = next.call(iterator, &[], cx)?;
    let result = result
        .as_object()
        .ok_or_else(|| type_error(format!("{what}: the iterator result is not an object")))?;
    if result.get(js_string!("done"), cx)?.to_boolean() {
        return Ok(None);
    }
    result.get(js_string!("value"), cx).map(Some)
}

/// GetIteratorFromMethod: the iterator and its next method.
fn iterate(
    value: &JsValue,
    method: &JsValue,
    what: &str,
    cx: &mut Context,
) -> JsResult<(JsValue, JsValue)> {
    let method = method
        .as_callable()
        .ok_or_else(|| type_error(format!("{what}: @@iterator is not callable")))?;
    let iterator = method.call(value, &[], cx)?;
    let object = iterator
        .as_object()
        .ok_or_else(|| type_error(format!("{what}: @@iterator did not return an object")))?;
    let next = object.get(js_string!("next"), cx)?;
    Ok((iterator, next))
}

/// WebIDL §3.2.24 sequence<sequence<T>>, each inner sequence of exactly
/// 2 items (Fetch §5.2 "fill", URL §6.2 "initialize").
fn to_pair_sequence(
    value: &JsValue,
    method: &JsValue,
    convert: StringConversion,
    what: &str,
    cx: &mut Context,
) -> JsResult<Vec<(String, String)>> {
    let not_pair = || {
        type_error(format!(
            "{what}: each item must be a sequence [name, value]"
        ))
    };
    let (iterator, next) = iterate(value, method, what, cx)?;
    let mut pairs = Vec::new();
    while let Some(item) = step(&iterator, &next, what, cx)? {
        let Some(object) = item.as_object() else {
            return Err(not_pair());
        };
        let inner = object.get(JsSymbol::iterator(), cx)?;
        if inner.is_null_or_undefined() {
            return Err(not_pair());
        }
        let (inner_iterator, inner_next) = iterate(&item, &inner, what, cx)?;
        let mut items = Vec::with_capacity(2);
        while let Some(part) = step(&inner_iterator, &inner_next, what, cx)? {
            items.push(convert(&part, what, cx)?);
        }
        if items.len() != 2 {
            return Err(type_error(format!(
                "{what}: a pair must have exactly 2 items, not {}",
                items.len()
            )));
        }
        let value = items.pop().unwrap_or_default();
        let name = items.pop().unwrap_or_default();
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// A data property as ECMA-262 gives built-in functions and an Error's own
/// `message` and `cause`: writable, not enumerable, configurable.
pub(crate) fn builtin_property(value: impl Into<JsValue>) -> PropertyDescriptor {
    PropertyDescriptor::builder()
        .value(value)
        .writable(true)
        .enumerable(false)
        .configurable(true)
        .build()
}

/// The TypeError of a failed brand check (the receiver does not implement
/// the interface): "Illegal invocation", as browsers and deno say it, with
/// the member and interface named.
pub(crate) fn illegal_invocation(interface: &str, member: &str) -> JsError {
    type_error(format!(
        "Illegal invocation: {interface}.prototype.{member} called on an object that is not a {interface}"
    ))
}

/// The brand check an operation or attribute starts with: `this` as an
/// object whose native data is a `T`.
pub(crate) fn this_object<T: NativeObject>(
    this: &JsValue,
    interface: &str,
    member: &str,
) -> JsResult<JsObject> {
    this.as_object()
        .filter(|object| object.is::<T>())
        .ok_or_else(|| illegal_invocation(interface, member))
}

/// WebIDL §3.7.6 step "if args' size < the shortest overload's length":
/// `what: N argument(s) required, but only M present`.
pub(crate) fn require_args(args: &[JsValue], wanted: usize, what: &str) -> JsResult<()> {
    if args.len() >= wanted {
        return Ok(());
    }
    let s = if wanted == 1 { "" } else { "s" };
    Err(type_error(format!(
        "{what}: {wanted} argument{s} required, but only {} present",
        args.len()
    )))
}

/// Registers one class in the realm without defining a global.
pub(crate) fn register_class<C: Class>(cx: &mut Context) -> JsResult<()> {
    let mut builder = ClassBuilder::new::<C>(cx);
    C::init(&mut builder)?;
    let class = builder.build();
    cx.realm().register_class::<C>(class);
    Ok(())
}

pub(crate) type NativeFn = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// A built-in function object.
pub(crate) fn function(cx: &mut Context, name: JsString, length: usize, f: NativeFn) -> JsObject {
    FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(f))
        .name(name)
        .length(length)
        .constructor(false)
        .build()
        .into()
}

/// A WebIDL operation (WebIDL §3.7.6): an enumerable, writable,
/// configurable method on the prototype.
pub(crate) fn method(
    class: &mut ClassBuilder<'_>,
    name: &str,
    length: usize,
    f: NativeFn,
) -> JsObject {
    let function = function(class.context(), JsString::from(name), length, f);
    class.property(JsString::from(name), function.clone(), Attribute::all());
    function
}

/// A static operation, enumerable too.
pub(crate) fn static_method(class: &mut ClassBuilder<'_>, name: &str, length: usize, f: NativeFn) {
    let function = function(class.context(), JsString::from(name), length, f);
    class.static_property(JsString::from(name), function, Attribute::all());
}

/// A read-only WebIDL attribute (WebIDL §3.7.7): an enumerable,
/// configurable accessor named "get <name>" without a setter.
pub(crate) fn getter(class: &mut ClassBuilder<'_>, name: &str, f: NativeFn) {
    attribute(class, name, f, None);
}

/// A WebIDL attribute (WebIDL §3.7.7): an enumerable, configurable
/// accessor, "get <name>" and (unless read-only) "set <name>" of length 1.
pub(crate) fn attribute(
    class: &mut ClassBuilder<'_>,
    name: &str,
    get: NativeFn,
    set: Option<NativeFn>,
) {
    let accessor = |cx: &mut Context, prefix: &str, length: usize, f: NativeFn| {
        let function = accessor_function(cx, prefix, name, length, NativeFunction::from_fn_ptr(f));
        boa_engine::object::builtins::JsFunction::from_object(function)
    };
    let get = accessor(class.context(), "get", 0, get);
    let set = set.and_then(|set| accessor(class.context(), "set", 1, set));
    class.accessor(
        JsString::from(name),
        get,
        set,
        Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
    );
}

/// The `[Symbol.toStringTag]` of an interface's prototype (WebIDL §3.7.3).
pub(crate) fn to_string_tag(class: &mut ClassBuilder<'_>, tag: &str) {
    class.property(
        JsSymbol::to_string_tag(),
        JsString::from(tag),
        Attribute::CONFIGURABLE,
    );
}

/// A default iterator prototype (WebIDL §3.7.10.1, "%Foo Iterator
/// Prototype%"): inherits %IteratorPrototype%, an enumerable `next`, and
/// the class string "<tag>".
pub(crate) fn iterator_prototype(cx: &mut Context, tag: &str, next: NativeFn) -> JsObject {
    let iterator_proto = cx.intrinsics().constructors().iterator().prototype();
    let proto = JsObject::from_proto_and_data(iterator_proto, OrdinaryObject);
    let next = function(cx, js_string!("next"), 0, next);
    proto.insert_property(
        js_string!("next"),
        PropertyDescriptor::builder()
            .value(next)
            .writable(true)
            .enumerable(true)
            .configurable(true),
    );
    proto.insert_property(
        JsSymbol::to_string_tag(),
        PropertyDescriptor::builder()
            .value(JsString::from(tag))
            .writable(false)
            .enumerable(false)
            .configurable(true),
    );
    proto
}

/// An interface object built by hand rather than with Boa's `Class`: for
/// interfaces that inherit another one (`CustomEvent : Event`,
/// `AbortSignal : EventTarget`), or whose instances of several interfaces
/// share one native data type. The constructor is a native function that
/// receives NewTarget as `this` (undefined when called without `new`), and
/// makes its instance with [`instance_prototype`].
///
/// WebIDL §3.7.1: the interface object's [[Prototype]] is the parent's
/// interface object, and the interface prototype object's [[Prototype]]
/// is the parent's interface prototype object.
pub(crate) struct Interface<'a> {
    builder: ConstructorBuilder<'a>,
    name: &'static str,
}

impl<'a> Interface<'a> {
    pub(crate) fn new(
        cx: &'a mut Context,
        name: &'static str,
        length: usize,
        constructor: NativeFn,
        parent: Option<&StandardConstructor>,
    ) -> Self {
        let mut builder = ConstructorBuilder::new(cx, NativeFunction::from_fn_ptr(constructor));
        builder.name(name).length(length);
        if let Some(parent) = parent {
            builder.inherit(parent.prototype());
            builder.custom_prototype(parent.constructor());
        }
        Self { builder, name }
    }

    /// A regular operation (WebIDL §3.7.6): enumerable, writable, configurable.
    pub(crate) fn operation(&mut self, name: &str, length: usize, f: NativeFn) -> &mut Self {
        let function = function(self.builder.context(), JsString::from(name), length, f);
        self.builder
            .property(JsString::from(name), function, Attribute::all());
        self
    }

    /// A static operation, enumerable too.
    pub(crate) fn static_operation(&mut self, name: &str, length: usize, f: NativeFn) -> &mut Self {
        let function = function(self.builder.context(), JsString::from(name), length, f);
        self.builder
            .static_property(JsString::from(name), function, Attribute::all());
        self
    }

    /// A regular attribute (WebIDL §3.7.7): an enumerable, configurable
    /// accessor, read-only without `set`.
    pub(crate) fn attribute(
        &mut self,
        name: &str,
        get: NativeFn,
        set: Option<NativeFn>,
    ) -> &mut Self {
        let (get, set) = {
            let cx = self.builder.context();
            let get = accessor_function(cx, "get", name, 0, NativeFunction::from_fn_ptr(get));
            let set = set
                .map(|set| accessor_function(cx, "set", name, 1, NativeFunction::from_fn_ptr(set)));
            (get, set)
        };
        self.accessor(name, get, set)
    }

    /// An attribute whose accessors are already made (closures capturing
    /// the attribute's name, as event handler attributes).
    pub(crate) fn accessor(
        &mut self,
        name: &str,
        get: JsObject,
        set: Option<JsObject>,
    ) -> &mut Self {
        let get = boa_engine::object::builtins::JsFunction::from_object(get);
        let set = set.and_then(boa_engine::object::builtins::JsFunction::from_object);
        self.builder.accessor(
            JsString::from(name),
            get,
            set,
            Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        );
        self
    }

    /// A constant (WebIDL §3.7.4), on the interface object and its
    /// prototype: enumerable, neither writable nor configurable.
    pub(crate) fn constant(&mut self, name: &str, value: impl Into<JsValue>) -> &mut Self {
        let value = value.into();
        let attribute = Attribute::ENUMERABLE;
        self.builder
            .static_property(JsString::from(name), value.clone(), attribute);
        self.builder
            .property(JsString::from(name), value, attribute);
        self
    }

    /// The context the interface is built in (to make closures).
    pub(crate) fn context(&mut self) -> &mut Context {
        self.builder.context()
    }

    /// The interface object and prototype, with the prototype's
    /// `[Symbol.toStringTag]` (WebIDL §3.7.3).
    pub(crate) fn build(mut self) -> StandardConstructor {
        self.builder.property(
            JsSymbol::to_string_tag(),
            JsString::from(self.name),
            Attribute::CONFIGURABLE,
        );
        self.builder.build()
    }
}

/// An accessor function named "get <name>" or "set <name>".
pub(crate) fn accessor_function(
    cx: &mut Context,
    prefix: &str,
    name: &str,
    length: usize,
    f: NativeFunction,
) -> JsObject {
    FunctionObjectBuilder::new(cx.realm(), f)
        .name(JsString::from(format!("{prefix} {name}")))
        .length(length)
        .constructor(false)
        .build()
        .into()
}

/// The prototype of a new instance of `interface` made by a constructor
/// of [`Interface`] (ECMA-262 GetPrototypeFromConstructor,
/// <https://tc39.es/ecma262/#sec-getprototypefromconstructor>): NewTarget's
/// `prototype` if it is an object (a subclass), else `default`. A
/// TypeError when called without `new` (NewTarget undefined), worded as
/// V8 words it for a class.
pub(crate) fn instance_prototype(
    new_target: &JsValue,
    interface: &str,
    default: &JsObject,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let Some(new_target) = new_target.as_object() else {
        return Err(type_error(format!(
            "Class constructor {interface} cannot be invoked without 'new'"
        )));
    };
    Ok(
        match new_target.get(js_string!("prototype"), cx)?.as_object() {
            Some(prototype) => prototype.clone(),
            None => default.clone(),
        },
    )
}
