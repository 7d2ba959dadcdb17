//! `CryptoKey` (Web Crypto §13) and key usages (§11).

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    native_function::NativeFunctionPointer,
};
use boa_gc::{Finalize, Trace};

use super::aes::AesKey;
use super::algorithm::Hash;
use super::derive::KdfKey;
use super::ec::EcKey;
use super::ed25519::EdKey;
use super::rsa::RsaKey;
use super::x25519::XKey;
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
    Public,
    Private,
}

impl KeyType {
    fn name(self) -> &'static str {
        match self {
            KeyType::Secret => "secret",
            KeyType::Public => "public",
            KeyType::Private => "private",
        }
    }
}

/// A key's algorithm and material.
#[derive(Clone)]
pub enum KeyAlgorithm {
    /// HmacKeyAlgorithm: the secret, its hash and its length in bits.
    Hmac {
        hash: Hash,
        length: u32,
        secret: Vec<u8>,
    },
    /// EcKeyAlgorithm named "ECDSA".
    Ecdsa(EcKey),
    /// EcKeyAlgorithm named "ECDH".
    Ecdh(EcKey),
    Ed25519(EdKey),
    X25519(XKey),
    /// RsaHashedKeyAlgorithm (RSASSA-PKCS1-v1_5, RSA-PSS or RSA-OAEP).
    Rsa(Box<RsaKey>),
    /// AesKeyAlgorithm.
    Aes(AesKey),
    /// PBKDF2 or HKDF secret material.
    Kdf(KdfKey),
}

impl KeyAlgorithm {
    pub fn name(&self) -> &'static str {
        match self {
            KeyAlgorithm::Hmac { .. } => "HMAC",
            KeyAlgorithm::Ecdsa(_) => "ECDSA",
            KeyAlgorithm::Ecdh(_) => "ECDH",
            KeyAlgorithm::Ed25519(_) => "Ed25519",
            KeyAlgorithm::X25519(_) => "X25519",
            KeyAlgorithm::Rsa(key) => key.scheme.name(),
            KeyAlgorithm::Aes(key) => key.mode.name(),
            KeyAlgorithm::Kdf(key) => key.kdf.name(),
        }
    }
}

/// A failure inside an algorithm, named as Web Crypto names it
/// (`DataError`, `InvalidAccessError`, ...): becomes a DOMException.
#[derive(Debug)]
pub struct CryptoError {
    pub name: &'static str,
    pub message: String,
}

impl CryptoError {
    pub fn new(name: &'static str, message: impl Into<String>) -> Self {
        CryptoError {
            name,
            message: message.into(),
        }
    }

    pub fn data(message: impl Into<String>) -> Self {
        CryptoError::new("DataError", message)
    }
}

/// `KeyFormat`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Raw,
    Spki,
    Pkcs8,
    Jwk,
}

/// A `JsonWebKey` dictionary (Web Crypto §17), read once into Rust.
#[derive(Default, Debug)]
pub struct Jwk {
    pub alg: Option<String>,
    pub crv: Option<String>,
    pub d: Option<String>,
    pub dp: Option<String>,
    pub dq: Option<String>,
    pub e: Option<String>,
    pub ext: Option<bool>,
    pub k: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub kty: Option<String>,
    pub n: Option<String>,
    pub p: Option<String>,
    pub q: Option<String>,
    pub qi: Option<String>,
    pub use_: Option<String>,
    pub x: Option<String>,
    pub y: Option<String>,
}

impl Jwk {
    /// A base64url member (RFC 7515 §2, no padding) decoded, or DataError.
    pub fn bytes(member: &Option<String>, name: &str) -> Result<Vec<u8>, CryptoError> {
        use base64::Engine as _;
        let text = member
            .as_deref()
            .ok_or_else(|| CryptoError::data(format!("jwk: the {name} member is missing")))?;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|_| CryptoError::data(format!("jwk: {name} is not base64url")))
    }

    /// The checks every algorithm's "import key" makes of a JWK: `use`
    /// (when usages are asked for), `key_ops` holding every usage, `ext`
    /// not false for an extractable key.
    pub fn check_common(
        &self,
        usages: &[Usage],
        extractable: bool,
        expected_use: &str,
    ) -> Result<(), CryptoError> {
        if !usages.is_empty()
            && let Some(use_) = &self.use_
            && use_ != expected_use
        {
            return Err(CryptoError::data(format!(
                "jwk: use must be {expected_use:?}"
            )));
        }
        if let Some(ops) = &self.key_ops {
            for (i, op) in ops.iter().enumerate() {
                if ops[..i].contains(op) {
                    return Err(CryptoError::data(format!(
                        "jwk: key_ops lists {op:?} twice"
                    )));
                }
            }
            if let Some(missing) = usages.iter().find(|u| !ops.iter().any(|o| o == u.name())) {
                return Err(CryptoError::data(format!(
                    "jwk: key_ops does not allow {:?}",
                    missing.name()
                )));
            }
        }
        if self.ext == Some(false) && extractable {
            return Err(CryptoError::data(
                "jwk: ext is false but an extractable key was asked for",
            ));
        }
        Ok(())
    }
}

/// What an export gives: bytes (an ArrayBuffer) or JWK members in order.
pub enum Exported {
    Bytes(Vec<u8>),
    Jwk(Vec<(&'static str, JwkValue)>),
}

pub enum JwkValue {
    Text(String),
    Bool(bool),
    List(Vec<String>),
}

/// "If usages contains an entry which is not `allowed`, throw a
/// SyntaxError" (each algorithm's generate key and import key).
pub fn check_usages(usages: &[Usage], allowed: &[Usage]) -> Result<(), CryptoError> {
    match usages.iter().find(|u| !allowed.contains(u)) {
        Some(bad) => Err(CryptoError::new(
            "SyntaxError",
            format!("{:?} is not a valid usage for this key", bad.name()),
        )),
        None => Ok(()),
    }
}

/// The key data of an import: bytes for `raw`, `spki` and `pkcs8`, a
/// JsonWebKey for `jwk`.
pub enum Data<'a> {
    Bytes(&'a [u8]),
    Jwk(&'a Jwk),
}

/// The usage check every asymmetric "import key" starts with (§20.8,
/// §23.7, §24.7, Secure Curves): an `spki` or `raw` key is public, a
/// `pkcs8` key private, a JWK private exactly when it has `d`; a usage the
/// key's type does not allow is a SyntaxError.
pub fn check_import_usages(
    format: Format,
    data: &Data<'_>,
    usages: &[Usage],
    private_usages: &[Usage],
    public_usages: &[Usage],
) -> Result<(), CryptoError> {
    let private = match (format, data) {
        (Format::Pkcs8, _) => true,
        (Format::Jwk, Data::Jwk(jwk)) => jwk.d.is_some(),
        _ => false,
    };
    check_usages(
        usages,
        if private {
            private_usages
        } else {
            public_usages
        },
    )
}

/// The usages of `usages` that are also in `allowed`.
pub fn intersect(usages: &[Usage], allowed: &[Usage]) -> Vec<Usage> {
    usages
        .iter()
        .copied()
        .filter(|u| allowed.contains(u))
        .collect()
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

/// A `CryptoKey`'s internal slots, copied out for `structuredClone`
/// (WebCrypto §13.4: CryptoKey objects are serializable; the handle to the
/// key material is copied, with type, extractable, algorithm and usages).
#[derive(Clone)]
pub struct KeySnapshot {
    kind: KeyType,
    extractable: bool,
    algorithm: KeyAlgorithm,
    usages: Vec<Usage>,
}

/// The slots of `value` if it is a `CryptoKey`.
pub fn key_snapshot(value: &JsValue) -> Option<KeySnapshot> {
    let object = value.as_object()?;
    let key = object.downcast_ref::<CryptoKey>()?;
    Some(KeySnapshot {
        kind: key.kind,
        extractable: key.extractable,
        algorithm: key.algorithm.clone(),
        usages: key.usages.clone(),
    })
}

/// A new `CryptoKey` of this realm with `snapshot`'s slots (§13.4 the
/// deserialization steps; its `algorithm` and `usages` objects are new).
pub fn key_from_snapshot(snapshot: KeySnapshot, cx: &mut Context) -> JsResult<JsObject> {
    new_key(
        snapshot.kind,
        snapshot.extractable,
        snapshot.algorithm,
        snapshot.usages,
        cx,
    )
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
        KeyAlgorithm::Ecdsa(key) | KeyAlgorithm::Ecdh(key) => ObjectInitializer::new(cx)
            .property(
                JsString::from("name"),
                JsString::from(algorithm.name()),
                Attribute::all(),
            )
            .property(
                JsString::from("namedCurve"),
                JsString::from(key.curve().name()),
                Attribute::all(),
            )
            .build(),
        KeyAlgorithm::Rsa(key) => {
            let hash = ObjectInitializer::new(cx)
                .property(
                    JsString::from("name"),
                    JsString::from(key.hash.name()),
                    Attribute::all(),
                )
                .build();
            let exponent = key.public_exponent();
            let exponent: JsValue = match crate::web::encoding::uint8_array(&exponent, cx) {
                Ok(array) => array.into(),
                Err(_) => JsValue::undefined(),
            };
            ObjectInitializer::new(cx)
                .property(
                    JsString::from("name"),
                    JsString::from(key.scheme.name()),
                    Attribute::all(),
                )
                .property(
                    JsString::from("modulusLength"),
                    key.modulus_bits(),
                    Attribute::all(),
                )
                .property(JsString::from("publicExponent"), exponent, Attribute::all())
                .property(JsString::from("hash"), hash, Attribute::all())
                .build()
        }
        KeyAlgorithm::Aes(key) => ObjectInitializer::new(cx)
            .property(
                JsString::from("name"),
                JsString::from(key.mode.name()),
                Attribute::all(),
            )
            .property(JsString::from("length"), key.bits(), Attribute::all())
            .build(),
        KeyAlgorithm::Ed25519(_) | KeyAlgorithm::X25519(_) => ObjectInitializer::new(cx)
            .property(
                JsString::from("name"),
                JsString::from(algorithm.name()),
                Attribute::all(),
            )
            .build(),
        KeyAlgorithm::Kdf(key) => ObjectInitializer::new(cx)
            .property(
                JsString::from("name"),
                JsString::from(key.kdf.name()),
                Attribute::all(),
            )
            .build(),
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
