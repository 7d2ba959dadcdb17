//! `structuredClone(value, { transfer })` (HTML §2.7 "Safe passing of
//! structured data"): StructuredSerializeWithTransfer into a record tree,
//! then StructuredDeserializeWithTransfer, each with its memory map, so
//! that cycles and shared references (two views on one buffer, one object
//! reached twice) come out as in the input.
//!
//! Replaces boa_wintertc's `clone`/`store`, which rejects Error objects and
//! DataViews, loses a view's byteOffset and length, clones non-enumerable
//! properties, throws on symbol-keyed properties, and throws plain errors
//! instead of a `DataCloneError` DOMException.

use std::collections::HashMap;

use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::builtins::array_buffer::SharedArrayBuffer;
use boa_engine::builtins::error::Error as ErrorData;
use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::{
    JsArray, JsArrayBuffer, JsDataView, JsDate, JsMap, JsRegExp, JsSet, JsSharedArrayBuffer,
    JsTypedArray,
};
use boa_engine::property::{PropertyDescriptor, PropertyKey};
use boa_engine::{
    Context, JsBigInt, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue,
    NativeFunction, js_string,
};

use super::dom_exception;

pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::globals::define_operation(
        context,
        js_string!("structuredClone"),
        1,
        NativeFunction::from_fn_ptr(structured_clone),
    )?;
    Ok(())
}

/// `structuredClone(any value, optional StructuredSerializeOptions options = {})`.
fn structured_clone(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(value) = args.first() else {
        return Err(JsNativeError::typ()
            .with_message("structuredClone: 1 argument required, but only 0 present")
            .into());
    };
    let transfer_list = transfer_option(args.get(1), context)?;
    let serialized = serialize_with_transfer(value, &transfer_list, context)?;
    deserialize_with_transfer(serialized, context)
}

/// The `transfer` member (a `sequence<object>`) of the options dictionary.
fn transfer_option(options: Option<&JsValue>, context: &mut Context) -> JsResult<Vec<JsObject>> {
    let options = match options {
        None => return Ok(Vec::new()),
        Some(value) if value.is_null_or_undefined() => return Ok(Vec::new()),
        Some(value) => value.as_object().ok_or_else(|| {
            JsNativeError::typ().with_message("structuredClone: options is not an object")
        })?,
    };
    let transfer = options.get(js_string!("transfer"), context)?;
    if transfer.is_undefined() {
        return Ok(Vec::new());
    }
    let not_sequence = || {
        JsError::from(
            JsNativeError::typ()
                .with_message("structuredClone: options.transfer is not a sequence of objects"),
        )
    };
    if !transfer.is_object() {
        return Err(not_sequence());
    }
    let method = transfer
        .as_object()
        .ok_or_else(not_sequence)?
        .get(JsSymbol::iterator(), context)?;
    let iterator = method
        .as_callable()
        .ok_or_else(not_sequence)?
        .call(&transfer, &[], context)?;
    let iterator_object = iterator.as_object().ok_or_else(not_sequence)?;
    let next = iterator_object.get(js_string!("next"), context)?;
    let mut list = Vec::new();
    loop {
        let result = next
            .as_callable()
            .ok_or_else(not_sequence)?
            .call(&iterator, &[], context)?;
        let result = result.as_object().ok_or_else(not_sequence)?;
        if result.get(js_string!("done"), context)?.to_boolean() {
            return Ok(list);
        }
        let item = result.get(js_string!("value"), context)?;
        list.push(item.as_object().ok_or_else(not_sequence)?.clone());
    }
}

fn data_clone_error(context: &mut Context, message: &str) -> JsError {
    dom_exception::error(context, message, "DataCloneError")
}

/// A serialized value: a primitive, a reference to an object serialized
/// earlier (by its id in the memory map), or a new object.
enum Record {
    Primitive(JsValue),
    Reference(usize),
    Object { id: usize, body: Body },
}

/// The serialized forms of the cloneable objects.
enum Body {
    /// A primitive wrapper (Boolean, Number, BigInt, String object).
    Wrapper(JsValue),
    Date(JsValue),
    RegExp {
        source: JsString,
        flags: JsString,
    },
    ArrayBuffer {
        data: Vec<u8>,
        max_byte_length: Option<u64>,
    },
    SharedArrayBuffer(SharedArrayBuffer),
    View {
        buffer: Box<Record>,
        /// `None` for a DataView.
        kind: Option<TypedArrayKind>,
        byte_offset: u64,
        /// Element count of a typed array, byte length of a DataView.
        length: u64,
    },
    Map(Vec<(Record, Record)>),
    Set(Vec<Record>),
    /// A Blob or File (File API §3, §4: serializable): bytes (shared, not
    /// copied), type, and a File's name and lastModified.
    Blob(crate::web::blob::BlobSnapshot),
    /// A CryptoKey (WebCrypto §13.4: serializable): its slots, the key
    /// material shared.
    CryptoKey(Box<crate::web::crypto::KeySnapshot>),
    /// A DOMException (a serializable platform object): name and message.
    DomException {
        name: JsString,
        message: JsString,
    },
    Error {
        name: &'static str,
        message: Option<JsString>,
        cause: Option<Box<Record>>,
    },
    Array {
        length: u64,
        properties: Vec<(PropertyKey, Record)>,
    },
    Object(Vec<(PropertyKey, Record)>),
}

/// How deep objects may nest in a cloned value. Serializing, deserializing
/// and dropping the record tree all recurse once per level, on whatever
/// native stack the caller has (a server worker's included), so the depth
/// is bounded rather than the stack trusted. node 20 throws a RangeError
/// between 1,000 and 5,000 levels of `{a: {a: ...}}`.
const MAX_DEPTH: usize = 4_000;

/// The memory map of StructuredSerializeInternal (object -> id), and how
/// deep the serialization is.
#[derive(Default)]
struct Memory {
    ids: HashMap<JsObject, usize>,
    depth: usize,
}

struct Serialized {
    root: Record,
    /// Number of ids in the memory map.
    ids: usize,
    /// The bytes of the transferred ArrayBuffers; their ids are 0..n.
    transferred: Vec<AlignedVec<u8>>,
}

/// StructuredSerializeWithTransfer (HTML §2.7.5).
fn serialize_with_transfer(
    value: &JsValue,
    transfer_list: &[JsObject],
    context: &mut Context,
) -> JsResult<Serialized> {
    let mut memory = Memory::default();
    let mut buffers = Vec::with_capacity(transfer_list.len());
    for transferable in transfer_list {
        if JsSharedArrayBuffer::from_object(transferable.clone()).is_ok() {
            return Err(data_clone_error(
                context,
                "structuredClone: a SharedArrayBuffer cannot be transferred",
            ));
        }
        let Ok(buffer) = JsArrayBuffer::from_object(transferable.clone()) else {
            return Err(data_clone_error(
                context,
                "structuredClone: the transfer list holds an object that is not transferable",
            ));
        };
        if memory.ids.contains_key(transferable) {
            return Err(data_clone_error(
                context,
                "structuredClone: the transfer list holds an ArrayBuffer twice",
            ));
        }
        memory.ids.insert(transferable.clone(), memory.ids.len());
        buffers.push(buffer);
    }

    let root = serialize(value, &mut memory, context)?;

    let mut transferred = Vec::with_capacity(buffers.len());
    for buffer in &buffers {
        if buffer.data().is_none() {
            return Err(data_clone_error(
                context,
                "structuredClone: an ArrayBuffer in the transfer list is detached",
            ));
        }
    }
    for buffer in buffers {
        let data = buffer.detach(&JsValue::undefined()).map_err(|_| {
            data_clone_error(
                context,
                "structuredClone: an ArrayBuffer in the transfer list cannot be detached",
            )
        })?;
        transferred.push(data);
    }
    Ok(Serialized {
        root,
        ids: memory.ids.len(),
        transferred,
    })
}

/// StructuredSerializeInternal (HTML §2.7.3), with forStorage false.
fn serialize(value: &JsValue, memory: &mut Memory, context: &mut Context) -> JsResult<Record> {
    let Some(object) = value.as_object() else {
        if let Some(symbol) = value.as_symbol() {
            let message = format!(
                "structuredClone: {} could not be cloned",
                symbol.descriptive_string().to_std_string_escaped()
            );
            return Err(data_clone_error(context, &message));
        }
        return Ok(Record::Primitive(value.clone()));
    };
    if let Some(&id) = memory.ids.get(&object) {
        return Ok(Record::Reference(id));
    }
    let id = memory.ids.len();
    memory.ids.insert(object.clone(), id);
    if memory.depth >= MAX_DEPTH {
        // As V8 (node, deno): its serializer checks the native stack.
        return Err(JsNativeError::range()
            .with_message("structuredClone: Maximum call stack size exceeded")
            .into());
    }
    memory.depth += 1;
    let body = serialize_object(&object, memory, context);
    memory.depth -= 1;
    Ok(Record::Object { id, body: body? })
}

fn serialize_object(
    object: &JsObject,
    memory: &mut Memory,
    context: &mut Context,
) -> JsResult<Body> {
    // Primitive wrappers.
    if let Some(b) = object.downcast_ref::<bool>().map(|b| *b) {
        return Ok(Body::Wrapper(b.into()));
    }
    if let Some(n) = object.downcast_ref::<f64>().map(|n| *n) {
        return Ok(Body::Wrapper(n.into()));
    }
    if let Some(n) = object.downcast_ref::<JsBigInt>().map(|n| n.clone()) {
        return Ok(Body::Wrapper(n.into()));
    }
    if let Some(s) = object.downcast_ref::<JsString>().map(|s| s.clone()) {
        return Ok(Body::Wrapper(s.into()));
    }
    if let Ok(date) = JsDate::from_object(object.clone()) {
        return Ok(Body::Date(date.get_time(context)?));
    }
    if let Ok(regexp) = JsRegExp::from_object(object.clone()) {
        // Only [[OriginalSource]] and [[OriginalFlags]]: lastIndex is not kept.
        return Ok(Body::RegExp {
            source: original_source(&regexp.source(context)?),
            flags: js_string!(regexp.flags(context)?),
        });
    }
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        let Some(data) = buffer.to_vec() else {
            return Err(data_clone_error(
                context,
                "structuredClone: a detached ArrayBuffer could not be cloned",
            ));
        };
        let max_byte_length =
            if intrinsic_getter(object, "ArrayBuffer", "resizable", context)?.to_boolean() {
                Some(
                    intrinsic_getter(object, "ArrayBuffer", "maxByteLength", context)?
                        .to_length(context)?,
                )
            } else {
                None
            };
        return Ok(Body::ArrayBuffer {
            data,
            max_byte_length,
        });
    }
    if let Ok(buffer) = JsSharedArrayBuffer::from_object(object.clone()) {
        return Ok(Body::SharedArrayBuffer(buffer.inner()));
    }
    if let Ok(array) = JsTypedArray::from_object(object.clone()) {
        let buffer = array.buffer(context)?;
        if is_detached(&buffer) {
            return Err(data_clone_error(
                context,
                "structuredClone: a view on a detached ArrayBuffer could not be cloned",
            ));
        }
        let byte_offset = array.byte_offset(context)? as u64;
        let length = array.length(context)? as u64;
        let buffer = Box::new(serialize(&buffer, memory, context)?);
        return Ok(Body::View {
            buffer,
            kind: array.kind(),
            byte_offset,
            length,
        });
    }
    if let Ok(view) = JsDataView::from_object(object.clone()) {
        let buffer = view.buffer(context)?;
        if is_detached(&buffer) {
            return Err(data_clone_error(
                context,
                "structuredClone: a view on a detached ArrayBuffer could not be cloned",
            ));
        }
        let byte_offset = view.byte_offset(context)?;
        let length = view.byte_length(context)?;
        let buffer = Box::new(serialize(&buffer, memory, context)?);
        return Ok(Body::View {
            buffer,
            kind: None,
            byte_offset,
            length,
        });
    }
    if let Ok(map) = JsMap::from_object(object.clone()) {
        // A copy of [[MapData]] first: getters run while serializing.
        let mut entries = Vec::new();
        map.for_each_native(|k, v| {
            entries.push((k, v));
            Ok(())
        })?;
        let mut records = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key = serialize(&k, memory, context)?;
            let value = serialize(&v, memory, context)?;
            records.push((key, value));
        }
        return Ok(Body::Map(records));
    }
    if let Ok(set) = JsSet::from_object(object.clone()) {
        let mut entries = Vec::new();
        set.for_each_native(|v| {
            entries.push(v);
            Ok(())
        })?;
        let mut records = Vec::with_capacity(entries.len());
        for v in entries {
            records.push(serialize(&v, memory, context)?);
        }
        return Ok(Body::Set(records));
    }
    if let Some(blob) = crate::web::blob::blob_snapshot(&object.clone().into()) {
        return Ok(Body::Blob(blob));
    }
    if let Some(key) = crate::web::crypto::key_snapshot(&object.clone().into()) {
        return Ok(Body::CryptoKey(Box::new(key)));
    }
    if object.is::<ErrorData>() {
        if let Some((name, message)) = dom_exception::fields(context, &object.clone().into())? {
            return Ok(Body::DomException {
                name: name.to_string(context)?,
                message: message.to_string(context)?,
            });
        }
        return serialize_error(object, memory, context);
    }
    if object.is_callable() {
        return Err(data_clone_error(
            context,
            "structuredClone: a function could not be cloned",
        ));
    }
    if JsArray::from_object(object.clone()).is_ok() {
        let length = object
            .get(js_string!("length"), context)?
            .to_length(context)?;
        let properties = serialize_properties(object, memory, context)?;
        return Ok(Body::Array { length, properties });
    }
    if object.is::<OrdinaryObject>() {
        return Ok(Body::Object(serialize_properties(object, memory, context)?));
    }
    // Exotic objects and objects with other internal slots (Proxy, Promise,
    // WeakMap, Symbol wrapper, arguments, ...).
    Err(data_clone_error(
        context,
        "structuredClone: an object of this type could not be cloned",
    ))
}

/// [[OriginalSource]] from the `source` getter's EscapeRegExpPattern, which
/// in Boa 0.22 puts a backslash before every `/` (even an escaped one):
/// removing the backslash before each `/` gives the original back. (Its
/// `\n`, `\r`, `\u2028`, `\u2029` for line terminators match the same.)
fn original_source(escaped: &str) -> JsString {
    let mut source = String::with_capacity(escaped.len());
    let mut chars = escaped.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'/') {
            continue;
        }
        source.push(c);
    }
    js_string!(source)
}

/// The value of a getter of `%Interface.prototype%` (as the realm defined
/// it) on `object`, unaffected by own properties that shadow it.
fn intrinsic_getter(
    object: &JsObject,
    interface: &str,
    name: &str,
    context: &mut Context,
) -> JsResult<JsValue> {
    let constructors = context.intrinsics().constructors();
    let prototype = match interface {
        "ArrayBuffer" => constructors.array_buffer().prototype(),
        _ => return Ok(JsValue::undefined()),
    };
    let getter = own_property(&prototype, &js_string!(name).into()).and_then(|d| d.get().cloned());
    match getter.as_ref().and_then(JsValue::as_callable) {
        Some(getter) => getter.call(&object.clone().into(), &[], context),
        None => Ok(JsValue::undefined()),
    }
}

fn is_detached(buffer: &JsValue) -> bool {
    buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok())
        .is_some_and(|b| b.data().is_none())
}

/// Error objects: name (one of the NativeError names, else "Error"),
/// message and cause when they are own data properties. Other own
/// properties are not kept.
fn serialize_error(
    object: &JsObject,
    memory: &mut Memory,
    context: &mut Context,
) -> JsResult<Body> {
    const NAMES: [&str; 7] = [
        "Error",
        "EvalError",
        "RangeError",
        "ReferenceError",
        "SyntaxError",
        "TypeError",
        "URIError",
    ];
    let name_value = object.get(js_string!("name"), context)?;
    let name = name_value
        .as_string()
        .and_then(|s| {
            let s = s.to_std_string_escaped();
            NAMES.iter().copied().find(|n| *n == s)
        })
        .unwrap_or("Error");
    let message = match own_data_value(object, "message") {
        Some(value) => Some(value.to_string(context)?),
        None => None,
    };
    let cause = match own_data_value(object, "cause") {
        Some(value) => Some(Box::new(serialize(&value, memory, context)?)),
        None => None,
    };
    Ok(Body::Error {
        name,
        message,
        cause,
    })
}

/// [[GetOwnProperty]] of an ordinary object (every object whose properties
/// are read here is one: exotic objects other than arrays are refused).
pub(crate) fn own_property(object: &JsObject, key: &PropertyKey) -> Option<PropertyDescriptor> {
    object.borrow().properties().get(key)
}

/// The value of an own data property, `None` when absent or an accessor.
fn own_data_value(object: &JsObject, key: &str) -> Option<JsValue> {
    own_property(object, &js_string!(key).into())
        .filter(PropertyDescriptor::is_data_descriptor)
        .map(|d| d.expect_value().clone())
}

/// The enumerable own string-keyed properties, each read with [[Get]] if
/// still present when its turn comes.
fn serialize_properties(
    object: &JsObject,
    memory: &mut Memory,
    context: &mut Context,
) -> JsResult<Vec<(PropertyKey, Record)>> {
    let mut keys = Vec::new();
    for key in object.own_property_keys(context)? {
        if matches!(key, PropertyKey::Symbol(_)) {
            continue;
        }
        if own_property(object, &key).is_some_and(|d| d.expect_enumerable()) {
            keys.push(key);
        }
    }
    let mut properties = Vec::with_capacity(keys.len());
    for key in keys {
        if object.has_own_property(key.clone(), context)? {
            let value = object.get(key.clone(), context)?;
            properties.push((key, serialize(&value, memory, context)?));
        }
    }
    Ok(properties)
}

/// StructuredDeserializeWithTransfer (HTML §2.7.6).
fn deserialize_with_transfer(serialized: Serialized, context: &mut Context) -> JsResult<JsValue> {
    let mut memory: Vec<Option<JsObject>> = vec![None; serialized.ids];
    for (id, data) in serialized.transferred.into_iter().enumerate() {
        memory[id] = Some(JsArrayBuffer::from_byte_block(data, context)?.into());
    }
    deserialize(serialized.root, &mut memory, context)
}

/// StructuredDeserialize (HTML §2.7.4).
fn deserialize(
    record: Record,
    memory: &mut Vec<Option<JsObject>>,
    context: &mut Context,
) -> JsResult<JsValue> {
    let (id, body) = match record {
        Record::Primitive(value) => return Ok(value),
        Record::Reference(id) => {
            return memory
                .get(id)
                .cloned()
                .flatten()
                .map(JsValue::from)
                .ok_or_else(|| {
                    JsNativeError::typ()
                        .with_message("structuredClone: internal error: dangling reference")
                        .into()
                });
        }
        Record::Object { id, body } => (id, body),
    };
    let object: JsObject = match body {
        Body::Wrapper(value) => value.to_object(context)?,
        Body::Date(time) => {
            let date = context.intrinsics().constructors().date().clone();
            construct(&date, &[time], context)?
        }
        Body::RegExp { source, flags } => JsRegExp::new(source, flags, context)?.into(),
        Body::ArrayBuffer {
            data,
            max_byte_length: None,
        } => JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, &data), context)?.into(),
        Body::ArrayBuffer {
            data,
            max_byte_length: Some(max),
        } => {
            let options = JsObject::with_object_proto(context.intrinsics());
            options.set(js_string!("maxByteLength"), max, true, context)?;
            let constructor = context.intrinsics().constructors().array_buffer().clone();
            let buffer = construct(&constructor, &[data.len().into(), options.into()], context)?;
            if let Some(mut target) = JsArrayBuffer::from_object(buffer.clone())?.data_mut() {
                target.copy_from_slice(&data);
            }
            buffer
        }
        Body::SharedArrayBuffer(inner) => JsSharedArrayBuffer::from_buffer(inner, context).into(),
        Body::View {
            buffer,
            kind,
            byte_offset,
            length,
        } => {
            let buffer = deserialize(*buffer, memory, context)?;
            let constructor = match kind {
                Some(kind) => typed_array_constructor(kind, context),
                None => context.intrinsics().constructors().data_view().clone(),
            };
            construct(
                &constructor,
                &[buffer, byte_offset.into(), length.into()],
                context,
            )?
        }
        Body::Map(entries) => {
            let map = JsMap::new(context);
            memory[id] = Some(map.clone().into());
            for (k, v) in entries {
                let key = deserialize(k, memory, context)?;
                let value = deserialize(v, memory, context)?;
                map.set(key, value, context)?;
            }
            return Ok(map.into());
        }
        Body::Set(entries) => {
            let set = JsSet::new(context);
            memory[id] = Some(set.clone().into());
            for v in entries {
                let value = deserialize(v, memory, context)?;
                set.add(value, context)?;
            }
            return Ok(set.into());
        }
        Body::Blob(blob) => match blob.file {
            None => crate::web::blob::new_blob(context, blob.bytes, blob.mime)?,
            Some((name, last_modified)) => {
                crate::web::blob::new_file(context, blob.bytes, blob.mime, name, last_modified)?
            }
        },
        Body::CryptoKey(key) => crate::web::crypto::key_from_snapshot(*key, context)?,
        Body::DomException { name, message } => {
            let error = dom_exception::error(
                context,
                &message.to_std_string_lossy(),
                &name.to_std_string_lossy(),
            );
            match error.as_opaque().and_then(JsValue::as_object) {
                Some(object) => object.clone(),
                None => return Err(error),
            }
        }
        Body::Error {
            name,
            message,
            cause,
        } => {
            let constructors = context.intrinsics().constructors();
            let constructor = match name {
                "EvalError" => constructors.eval_error(),
                "RangeError" => constructors.range_error(),
                "ReferenceError" => constructors.reference_error(),
                "SyntaxError" => constructors.syntax_error(),
                "TypeError" => constructors.type_error(),
                "URIError" => constructors.uri_error(),
                _ => constructors.error(),
            }
            .clone();
            let args: Vec<JsValue> = message.into_iter().map(JsValue::from).collect();
            let error = construct(&constructor, &args, context)?;
            memory[id] = Some(error.clone());
            if let Some(cause) = cause {
                let cause = deserialize(*cause, memory, context)?;
                error.define_property_or_throw(
                    js_string!("cause"),
                    crate::web::webidl::builtin_property(cause),
                    context,
                )?;
            }
            return Ok(error.into());
        }
        Body::Array { length, properties } => {
            let array: JsObject = JsArray::new(context)?.into();
            array.set(js_string!("length"), length, true, context)?;
            memory[id] = Some(array.clone());
            fill(&array, properties, memory, context)?;
            return Ok(array.into());
        }
        Body::Object(properties) => {
            let object = JsObject::with_object_proto(context.intrinsics());
            memory[id] = Some(object.clone());
            fill(&object, properties, memory, context)?;
            return Ok(object.into());
        }
    };
    memory[id] = Some(object.clone());
    Ok(object.into())
}

fn fill(
    object: &JsObject,
    properties: Vec<(PropertyKey, Record)>,
    memory: &mut Vec<Option<JsObject>>,
    context: &mut Context,
) -> JsResult<()> {
    for (key, record) in properties {
        let value = deserialize(record, memory, context)?;
        object.create_data_property_or_throw(key, value, context)?;
    }
    Ok(())
}

fn construct(
    constructor: &StandardConstructor,
    args: &[JsValue],
    context: &mut Context,
) -> JsResult<JsObject> {
    constructor.constructor().construct(args, None, context)
}

fn typed_array_constructor(kind: TypedArrayKind, context: &mut Context) -> StandardConstructor {
    let c = context.intrinsics().constructors();
    match kind {
        TypedArrayKind::Int8 => c.typed_int8_array(),
        TypedArrayKind::Uint8 => c.typed_uint8_array(),
        TypedArrayKind::Uint8Clamped => c.typed_uint8clamped_array(),
        TypedArrayKind::Int16 => c.typed_int16_array(),
        TypedArrayKind::Uint16 => c.typed_uint16_array(),
        TypedArrayKind::Int32 => c.typed_int32_array(),
        TypedArrayKind::Uint32 => c.typed_uint32_array(),
        TypedArrayKind::BigInt64 => c.typed_bigint64_array(),
        TypedArrayKind::BigUint64 => c.typed_biguint64_array(),
        TypedArrayKind::Float16 => c.typed_float16_array(),
        TypedArrayKind::Float32 => c.typed_float32_array(),
        TypedArrayKind::Float64 => c.typed_float64_array(),
    }
    .clone()
}
