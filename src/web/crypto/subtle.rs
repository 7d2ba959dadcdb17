//! The `SubtleCrypto` methods (Web Crypto §14.3). Each returns a promise;
//! every failure, argument conversions included, rejects it.
//!
//! Supported so far: `digest` (SHA-1, SHA-256, SHA-384, SHA-512) and HMAC
//! (`generateKey`, `importKey`/`exportKey` in `raw` and `jwk`, `sign`,
//! `verify`). For the other methods no algorithm is registered yet, so
//! "normalize an algorithm" rejects them with NotSupportedError, as the
//! spec does for an unknown algorithm.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArray, JsArrayBuffer};
use boa_engine::property::Attribute;
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue};

use super::algorithm::{Hash, Normalized, Operation, normalize};
use super::key::{CryptoKey, KeyAlgorithm, KeyType, Usage, key_argument, new_key, usages_argument};
use super::{check_subtle, dom_error, settle};
use crate::web::encoding::buffer_source_bytes;

/// The argument at `index`, or undefined.
fn arg(args: &[JsValue], index: usize) -> JsValue {
    args.get(index).cloned().unwrap_or_default()
}

/// WebIDL's TypeError for too few arguments.
fn require(args: &[JsValue], count: usize, member: &str) -> JsResult<()> {
    if args.len() < count {
        return Err(JsNativeError::typ()
            .with_message(format!(
                "SubtleCrypto.{member}: {count} arguments required, but only {} present",
                args.len()
            ))
            .into());
    }
    Ok(())
}

/// A BufferSource argument: a copy of its bytes (§14.3: "get a copy of the
/// bytes held by" it), or a TypeError.
fn bytes_argument(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Vec<u8>> {
    buffer_source_bytes(value, cx)?.ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("{what} is not an ArrayBuffer or ArrayBufferView"))
            .into()
    })
}

fn array_buffer(bytes: &[u8], cx: &mut Context) -> JsResult<JsValue> {
    Ok(JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), cx)?.into())
}

/// `KeyFormat`: an enum conversion (a TypeError for another string).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Raw,
    Spki,
    Pkcs8,
    Jwk,
}

fn format_argument(value: &JsValue, cx: &mut Context) -> JsResult<Format> {
    let name = value.to_string(cx)?.to_std_string_escaped();
    match name.as_str() {
        "raw" => Ok(Format::Raw),
        "spki" => Ok(Format::Spki),
        "pkcs8" => Ok(Format::Pkcs8),
        "jwk" => Ok(Format::Jwk),
        _ => Err(JsNativeError::typ()
            .with_message(format!("{name:?} is not a valid KeyFormat"))
            .into()),
    }
}

pub(super) fn digest(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "digest")?;
        require(args, 2, "digest")?;
        let data = bytes_argument(&arg(args, 1), "SubtleCrypto.digest: data", cx)?;
        let Normalized::Digest(hash) = normalize(Operation::Digest, &arg(args, 0), cx)? else {
            unreachable!("digest normalization gives a digest");
        };
        array_buffer(&hash.digest(&data), cx)
    })
}

/// "If usages contains an entry which is not `allowed`, throw a
/// SyntaxError" (each algorithm's generateKey and importKey).
fn check_usages(usages: &[Usage], allowed: &[Usage], cx: &mut Context) -> JsResult<()> {
    if let Some(bad) = usages.iter().find(|u| !allowed.contains(u)) {
        return Err(dom_error(
            cx,
            "SyntaxError",
            &format!("{:?} is not a valid usage for this key", bad.name()),
        ));
    }
    Ok(())
}

/// §14.3.6 step 9 / §14.3.9 step 9: a secret or private key must have a
/// usage.
fn check_not_empty(usages: &[Usage], cx: &mut Context) -> JsResult<()> {
    if usages.is_empty() {
        return Err(dom_error(
            cx,
            "SyntaxError",
            "a secret or private key needs at least one usage",
        ));
    }
    Ok(())
}

const HMAC_USAGES: [Usage; 2] = [Usage::Sign, Usage::Verify];

pub(super) fn generate_key(
    this: &JsValue,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "generateKey")?;
        require(args, 3, "generateKey")?;
        let extractable = arg(args, 1).to_boolean();
        let usages = usages_argument(&arg(args, 2), cx)?;
        match normalize(Operation::GenerateKey, &arg(args, 0), cx)? {
            Normalized::Hmac {
                hash: Some(hash),
                length,
            } => {
                // §29.7.4 HMAC "generate key".
                check_usages(&usages, &HMAC_USAGES, cx)?;
                let length = match length {
                    None => hash.block_bits(),
                    Some(0) => {
                        return Err(dom_error(
                            cx,
                            "OperationError",
                            "HMAC: a key length of 0 bits",
                        ));
                    }
                    Some(bits) => bits,
                };
                let mut secret = vec![0u8; length.div_ceil(8) as usize];
                getrandom::getrandom(&mut secret).map_err(|e| {
                    JsNativeError::error()
                        .with_message(format!("the system's random source failed: {e}"))
                })?;
                mask_trailing_bits(&mut secret, length);
                check_not_empty(&usages, cx)?;
                let algorithm = KeyAlgorithm::Hmac {
                    hash,
                    length,
                    secret,
                };
                Ok(new_key(KeyType::Secret, extractable, algorithm, usages, cx)?.into())
            }
            _ => unreachable!("generateKey normalizes to HMAC only"),
        }
    })
}

/// A key of `bits` bits in whole bytes: the unused low bits of the last
/// byte are zero.
fn mask_trailing_bits(secret: &mut [u8], bits: u32) {
    let extra = (8 - bits % 8) % 8;
    if let Some(last) = secret.last_mut() {
        *last &= 0xffu8 << extra;
    }
}

pub(super) fn import_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "importKey")?;
        require(args, 5, "importKey")?;
        let format = format_argument(&arg(args, 0), cx)?;
        let key_data = arg(args, 1);
        let extractable = arg(args, 3).to_boolean();
        let usages = usages_argument(&arg(args, 4), cx)?;
        // §14.3.9 steps 2-3: a JsonWebKey dictionary for "jwk", a
        // BufferSource otherwise.
        let data = if format == Format::Jwk {
            if !key_data.is_undefined() && !key_data.is_null() && key_data.as_object().is_none() {
                return Err(JsNativeError::typ()
                    .with_message("SubtleCrypto.importKey: a jwk key must be an object")
                    .into());
            }
            KeyData::Jwk(key_data.as_object())
        } else {
            KeyData::Bytes(bytes_argument(
                &key_data,
                "SubtleCrypto.importKey: keyData",
                cx,
            )?)
        };
        let algorithm = normalize(Operation::ImportKey, &arg(args, 2), cx)?;
        let Normalized::Hmac {
            hash: Some(hash),
            length,
        } = algorithm
        else {
            unreachable!("importKey normalizes to HMAC only");
        };
        let key = import_hmac(format, data, hash, length, extractable, &usages, cx)?;
        check_not_empty(&usages, cx)?;
        Ok(new_key(KeyType::Secret, extractable, key, usages, cx)?.into())
    })
}

enum KeyData {
    Bytes(Vec<u8>),
    Jwk(Option<JsObject>),
}

/// A string member of a JWK (undefined → None).
fn jwk_string(jwk: &JsObject, member: &str, cx: &mut Context) -> JsResult<Option<String>> {
    let value = jwk.get(JsString::from(member), cx)?;
    if value.is_undefined() {
        return Ok(None);
    }
    Ok(Some(value.to_string(cx)?.to_std_string_escaped()))
}

/// §29.7.6 HMAC "import key".
fn import_hmac(
    format: Format,
    data: KeyData,
    hash: Hash,
    length: Option<u32>,
    extractable: bool,
    usages: &[Usage],
    cx: &mut Context,
) -> JsResult<KeyAlgorithm> {
    check_usages(usages, &HMAC_USAGES, cx)?;
    let secret = match (format, data) {
        (Format::Raw, KeyData::Bytes(bytes)) => bytes,
        (Format::Jwk, KeyData::Jwk(jwk)) => {
            let jwk = match jwk {
                Some(jwk) => jwk,
                None => JsObject::with_object_proto(cx.intrinsics()),
            };
            let data_error = |cx: &mut Context, message: &str| {
                dom_error(cx, "DataError", &format!("HMAC jwk: {message}"))
            };
            if jwk_string(&jwk, "kty", cx)?.as_deref() != Some("oct") {
                return Err(data_error(cx, "kty must be \"oct\""));
            }
            let Some(k) = jwk_string(&jwk, "k", cx)? else {
                return Err(data_error(cx, "the k member is missing"));
            };
            let Ok(secret) = URL_SAFE_NO_PAD.decode(k.trim_end_matches('=')) else {
                return Err(data_error(cx, "k is not base64url"));
            };
            if let Some(alg) = jwk_string(&jwk, "alg", cx)?
                && alg != hash.hmac_jwk_alg()
            {
                return Err(data_error(
                    cx,
                    &format!("alg {alg:?} does not match the hash {}", hash.name()),
                ));
            }
            if !usages.is_empty()
                && let Some(use_) = jwk_string(&jwk, "use", cx)?
                && use_ != "sig"
            {
                return Err(data_error(cx, "use must be \"sig\""));
            }
            check_key_ops(&jwk, usages, cx)?;
            let ext = jwk.get(JsString::from("ext"), cx)?;
            if !ext.is_undefined() && !ext.to_boolean() && extractable {
                return Err(data_error(
                    cx,
                    "ext is false but an extractable key was asked for",
                ));
            }
            secret
        }
        _ => {
            return Err(dom_error(
                cx,
                "NotSupportedError",
                "HMAC keys import from \"raw\" or \"jwk\" only",
            ));
        }
    };
    // §29.7.6 steps 5-7: the key length in bits.
    let data_bits = (secret.len() as u64) * 8;
    if data_bits == 0 {
        return Err(dom_error(cx, "DataError", "HMAC: the key is empty"));
    }
    let length = match length {
        None => data_bits as u32,
        Some(bits) if u64::from(bits) > data_bits || u64::from(bits) <= data_bits - 8 => {
            return Err(dom_error(
                cx,
                "DataError",
                &format!("HMAC: length {bits} does not fit a key of {data_bits} bits"),
            ));
        }
        Some(bits) => bits,
    };
    Ok(KeyAlgorithm::Hmac {
        hash,
        length,
        secret,
    })
}

/// A JWK's `key_ops`, when present, must hold every requested usage and
/// no duplicates (§18.4 "import a JWK" via RFC 7517 §4.3).
fn check_key_ops(jwk: &JsObject, usages: &[Usage], cx: &mut Context) -> JsResult<()> {
    let ops = jwk.get(JsString::from("key_ops"), cx)?;
    if ops.is_undefined() {
        return Ok(());
    }
    let Some(ops) = ops
        .as_object()
        .and_then(|o| JsArray::from_object(o.clone()).ok())
    else {
        return Err(JsNativeError::typ()
            .with_message("jwk key_ops must be a sequence of strings")
            .into());
    };
    let mut names = Vec::new();
    for index in 0..ops.length(cx)? {
        let name = ops.get(index, cx)?.to_string(cx)?.to_std_string_escaped();
        if names.contains(&name) {
            return Err(dom_error(
                cx,
                "DataError",
                &format!("jwk key_ops lists {name:?} twice"),
            ));
        }
        names.push(name);
    }
    if let Some(missing) = usages.iter().find(|u| !names.iter().any(|n| n == u.name())) {
        return Err(dom_error(
            cx,
            "DataError",
            &format!("jwk key_ops does not allow {:?}", missing.name()),
        ));
    }
    Ok(())
}

pub(super) fn export_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "exportKey")?;
        require(args, 2, "exportKey")?;
        let format = format_argument(&arg(args, 0), cx)?;
        let key = key_argument(&arg(args, 1), "SubtleCrypto.exportKey: key")?;
        let (extractable, algorithm, usages) = {
            let key = key.downcast_ref::<CryptoKey>().expect("checked above");
            (key.extractable, key.algorithm.clone(), key.usages.clone())
        };
        if !extractable {
            return Err(dom_error(
                cx,
                "InvalidAccessError",
                "the key is not extractable",
            ));
        }
        match (format, algorithm) {
            (Format::Raw, KeyAlgorithm::Hmac { secret, .. }) => array_buffer(&secret, cx),
            (Format::Jwk, KeyAlgorithm::Hmac { hash, secret, .. }) => {
                let ops: Vec<JsValue> = usages
                    .iter()
                    .map(|u| JsString::from(u.name()).into())
                    .collect();
                let ops = JsArray::from_iter(ops, cx);
                let jwk = ObjectInitializer::new(cx)
                    .property(
                        JsString::from("kty"),
                        JsString::from("oct"),
                        Attribute::all(),
                    )
                    .property(
                        JsString::from("k"),
                        JsString::from(URL_SAFE_NO_PAD.encode(&secret)),
                        Attribute::all(),
                    )
                    .property(
                        JsString::from("alg"),
                        JsString::from(hash.hmac_jwk_alg()),
                        Attribute::all(),
                    )
                    .property(JsString::from("key_ops"), ops, Attribute::all())
                    .property(JsString::from("ext"), extractable, Attribute::all())
                    .build();
                Ok(jwk.into())
            }
            _ => Err(dom_error(
                cx,
                "NotSupportedError",
                "HMAC keys export to \"raw\" or \"jwk\" only",
            )),
        }
    })
}

/// The key for a sign or verify call: its algorithm must be the
/// normalized one and it must allow `usage` (§14.3.4 steps 8-9), else
/// InvalidAccessError.
fn key_for(
    key: &JsValue,
    algorithm: &Normalized,
    usage: Usage,
    member: &str,
    cx: &mut Context,
) -> JsResult<KeyAlgorithm> {
    let key = key_argument(key, &format!("SubtleCrypto.{member}: key"))?;
    let (algorithm_of_key, usages) = {
        let key = key.downcast_ref::<CryptoKey>().expect("checked above");
        (key.algorithm.clone(), key.usages.clone())
    };
    let matches = matches!(
        (algorithm, &algorithm_of_key),
        (Normalized::Hmac { .. }, KeyAlgorithm::Hmac { .. })
    );
    if !matches {
        return Err(dom_error(
            cx,
            "InvalidAccessError",
            &format!(
                "SubtleCrypto.{member}: the key is a {} key",
                algorithm_of_key.name()
            ),
        ));
    }
    if !usages.contains(&usage) {
        return Err(dom_error(
            cx,
            "InvalidAccessError",
            &format!(
                "SubtleCrypto.{member}: the key does not allow {:?}",
                usage.name()
            ),
        ));
    }
    Ok(algorithm_of_key)
}

pub(super) fn sign(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "sign")?;
        require(args, 3, "sign")?;
        key_argument(&arg(args, 1), "SubtleCrypto.sign: key")?;
        let data = bytes_argument(&arg(args, 2), "SubtleCrypto.sign: data", cx)?;
        let algorithm = normalize(Operation::Sign, &arg(args, 0), cx)?;
        match key_for(&arg(args, 1), &algorithm, Usage::Sign, "sign", cx)? {
            KeyAlgorithm::Hmac { hash, secret, .. } => array_buffer(&hash.hmac(&secret, &data), cx),
        }
    })
}

pub(super) fn verify(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "verify")?;
        require(args, 4, "verify")?;
        key_argument(&arg(args, 1), "SubtleCrypto.verify: key")?;
        let signature = bytes_argument(&arg(args, 2), "SubtleCrypto.verify: signature", cx)?;
        let data = bytes_argument(&arg(args, 3), "SubtleCrypto.verify: data", cx)?;
        let algorithm = normalize(Operation::Verify, &arg(args, 0), cx)?;
        match key_for(&arg(args, 1), &algorithm, Usage::Verify, "verify", cx)? {
            KeyAlgorithm::Hmac { hash, secret, .. } => {
                Ok(hash.hmac_verify(&secret, &data, &signature).into())
            }
        }
    })
}

/// A method with no algorithm registered yet: its arguments are checked,
/// then its algorithm fails to normalize (NotSupportedError).
fn not_yet(
    this: &JsValue,
    args: &[JsValue],
    member: &str,
    count: usize,
    algorithm_index: usize,
    cx: &mut Context,
) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, member)?;
        require(args, count, member)?;
        normalize(Operation::Unsupported, &arg(args, algorithm_index), cx)?;
        unreachable!("no algorithm normalizes for an unsupported operation")
    })
}

pub(super) fn encrypt(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "encrypt", 3, 0, cx)
}

pub(super) fn decrypt(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "decrypt", 3, 0, cx)
}

pub(super) fn derive_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "deriveKey", 5, 0, cx)
}

pub(super) fn derive_bits(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "deriveBits", 2, 0, cx)
}

pub(super) fn wrap_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "wrapKey", 4, 3, cx)
}

pub(super) fn unwrap_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    not_yet(this, args, "unwrapKey", 7, 3, cx)
}
