//! `CryptoKey` (Web Crypto §13) and key usages (§11).

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    native_function::NativeFunctionPointer,
};
use boa_gc::{Finalize, Trace};

use super::algorithm::Hash;
use super::{built, illegal_invocation};

/// `KeyUsage`, in the order the spec lists them: "usage intersection"
/// (§11) keeps this order, so a key's `usages` do too.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Usage {
    Encrypt,
    Decrypt,
    Sign,
    Verify,
    DeriveKey,
    DeriveBits,
    WrapKey,
    UnwrapKey,
}

impl Usage {
    pub const ALL: [Usage; 8] = [
        Usage::Encrypt,
        Usage::Decrypt,
        Usage::Sign,
        Usage::Verify,
        Usage::DeriveKey,
        Usage::DeriveBits,
        Usage::WrapKey,
        Usage::UnwrapKey,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Usage::Encrypt => "encrypt",
            Usage::Decrypt => "decrypt",
            Usage::Sign => "sign",
            Usage::Verify => "verify",
            Usage::DeriveKey => "deriveKey",
            Usage::DeriveBits => "deriveBits",
            Usage::WrapKey => "wrapKey",
            Usage::UnwrapKey => "unwrapKey",
        }
    }

    fn from_name(name: &str) -> Option<Usage> {
        Usage::ALL.into_iter().find(|u| u.name() == name)
    }
}

/// A `sequence<KeyUsage>` argument (WebIDL §3.2.23 over an iterable, each
/// item an enum value or a TypeError), deduplicated in the spec's order.
pub fn usages_argument(value: &JsValue, cx: &mut Context) -> JsResult<Vec<Usage>> {
    let not_sequence =
        || JsNativeError::typ().with_message("keyUsages must be a sequence of KeyUsage strings");
    let object = value.as_object().ok_or_else(not_sequence)?;
    // Array.from runs the iterator protocol, as WebIDL's sequence
    // conversion does (and throws the same TypeError for a non-iterable).
    let array_from = cx
        .intrinsics()
        .constructors()
        .array()
        .constructor()
        .get(JsString::from("from"), cx)?;
    let array_from = array_from.as_callable().ok_or_else(not_sequence)?;
    let items = array_from.call(
        &cx.intrinsics().constructors().array().constructor().into(),
        &[object.into()],
        cx,
    )?;
    let items = items
        .as_object()
        .and_then(|o| JsArray::from_object(o.clone()).ok())
        .ok_or_else(not_sequence)?;
    let mut seen = Vec::new();
    for index in 0..items.length(cx)? {
        let item = items.get(index, cx)?.to_string(cx)?.to_std_string_escaped();
        let usage = Usage::from_name(&item).ok_or_else(|| {
            JsNativeError::typ().with_message(format!("{item:?} is not a valid KeyUsage"))
        })?;
        seen.push(usage);
    }
    Ok(Usage::ALL
        .into_iter()
        .filter(|u| seen.contains(u))
        .collect())
}

/// `KeyType`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyType {
    Secret,
}

impl KeyType {
    fn name(self) -> &'static str {
        match self {
            KeyType::Secret => "secret",
        }
    }
}

/// A key's algorithm and material.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum KeyAlgorithm {
    /// HmacKeyAlgorithm: the secret, its hash and its length in bits.
    Hmac {
        hash: Hash,
        length: u32,
        secret: Vec<u8>,
    },
}

impl KeyAlgorithm {
    pub fn name(&self) -> &'static str {
        match self {
            KeyAlgorithm::Hmac { .. } => "HMAC",
        }
    }
}

/// The internal slots of a `CryptoKey`. `algorithm` and `usages` are the
/// cached objects the attributes return (§13.3: the same object each time).
#[derive(Trace, Finalize, JsData)]
pub struct CryptoKey {
    #[unsafe_ignore_trace]
    pub kind: KeyType,
    #[unsafe_ignore_trace]
    pub extractable: bool,
    #[unsafe_ignore_trace]
    pub algorithm: KeyAlgorithm,
    #[unsafe_ignore_trace]
    pub usages: Vec<Usage>,
    algorithm_object: JsObject,
    usages_object: JsObject,
}

/// `CryptoKey`'s read-only attributes.
pub const ATTRIBUTES: [(&str, NativeFunctionPointer); 4] = [
    ("type", key_type),
    ("extractable", extractable),
    ("algorithm", algorithm),
    ("usages", usages),
];

/// A new `CryptoKey` object.
pub fn new_key(
    kind: KeyType,
    extractable: bool,
    algorithm: KeyAlgorithm,
    usages: Vec<Usage>,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let prototype = built(cx)?.key_prototype.clone();
    let algorithm_object = algorithm_object(&algorithm, cx);
    let usage_names: Vec<JsValue> = usages
        .iter()
        .map(|u| JsString::from(u.name()).into())
        .collect();
    let usages_object = JsArray::from_iter(usage_names, cx).into();
    Ok(JsObject::from_proto_and_data(
        prototype,
        CryptoKey {
            kind,
            extractable,
            algorithm,
            usages,
            algorithm_object,
            usages_object,
        },
    ))
}

/// The `algorithm` dictionary a key shows: `{ name, hash: { name },
/// length }` for HMAC (§29.5 HmacKeyAlgorithm).
fn algorithm_object(algorithm: &KeyAlgorithm, cx: &mut Context) -> JsObject {
    match algorithm {
        KeyAlgorithm::Hmac { hash, length, .. } => {
            let hash = ObjectInitializer::new(cx)
                .property(
                    JsString::from("name"),
                    JsString::from(hash.name()),
                    Attribute::all(),
                )
                .build();
            ObjectInitializer::new(cx)
                .property(
                    JsString::from("name"),
                    JsString::from("HMAC"),
                    Attribute::all(),
                )
                .property(JsString::from("hash"), hash, Attribute::all())
                .property(JsString::from("length"), *length, Attribute::all())
                .build()
        }
    }
}

/// The key behind `value`, or a TypeError naming `what`.
pub fn key_argument(value: &JsValue, what: &str) -> JsResult<JsObject> {
    match value.as_object() {
        Some(object) if object.downcast_ref::<CryptoKey>().is_some() => Ok(object),
        _ => Err(JsNativeError::typ()
            .with_message(format!("{what} is not a CryptoKey"))
            .into()),
    }
}

fn with_key<R>(this: &JsValue, member: &str, f: impl FnOnce(&CryptoKey) -> R) -> JsResult<R> {
    let object = this.as_object();
    let key = object
        .as_ref()
        .and_then(|o| o.downcast_ref::<CryptoKey>())
        .ok_or_else(|| illegal_invocation("CryptoKey", member))?;
    Ok(f(&key))
}

fn key_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, "type", |k| JsString::from(k.kind.name()).into())
}

fn extractable(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, "extractable", |k| k.extractable.into())
}

fn algorithm(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, "algorithm", |k| k.algorithm_object.clone().into())
}

fn usages(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_key(this, "usages", |k| k.usages_object.clone().into())
}
