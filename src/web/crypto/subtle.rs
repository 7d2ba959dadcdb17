//! The `SubtleCrypto` methods (Web Crypto §14.3). Each returns a promise;
//! every failure, argument conversions included, rejects it.
//!
//! Algorithms: `digest` with SHA-1/256/384/512; HMAC, ECDSA (P-256,
//! P-384, P-521), Ed25519, RSASSA-PKCS1-v1_5 and RSA-PSS for signatures;
//! AES-GCM, AES-CBC, AES-CTR and RSA-OAEP for encryption; AES-KW (and the
//! encryption algorithms) for key wrapping; PBKDF2, HKDF, ECDH and X25519
//! for derivation. An
//! algorithm not registered for an operation is a NotSupportedError, as
//! "normalize an algorithm" says.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::{JsArray, JsArrayBuffer};
use boa_engine::property::Attribute;
use boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue};

use super::algorithm::{Hash, Normalized, Operation, normalize};
use super::key::{
    CryptoError, CryptoKey, Exported, Format, Jwk, JwkValue, KeyAlgorithm, KeyType, Usage,
    check_usages, intersect, key_argument, new_key, usages_argument,
};
use super::{aes, check_subtle, derive, dom_error, ec, ed25519, rsa, settle, x25519};
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

/// An algorithm's error as the DOMException it names.
fn thrown(error: CryptoError, cx: &mut Context) -> JsError {
    dom_error(cx, error.name, &error.message)
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

/// §14.3.6 step 9 / §14.3.9 step 9: a secret or private key must have a
/// usage.
fn check_not_empty(kind: KeyType, usages: &[Usage]) -> Result<(), CryptoError> {
    if usages.is_empty() && kind != KeyType::Public {
        return Err(CryptoError::new(
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
        let algorithm = normalize(Operation::GenerateKey, &arg(args, 0), cx)?;
        match generate(algorithm, &usages) {
            Ok(Generated::Secret(key)) => {
                Ok(new_key(KeyType::Secret, extractable, key, usages, cx)?.into())
            }
            // A CryptoKeyPair: the public key is always extractable and
            // keeps the public usages, the private key the private ones.
            Ok(Generated::Pair {
                public,
                private,
                public_usages,
                private_usages,
            }) => {
                let public_usages = intersect(&usages, &public_usages);
                let private_usages = intersect(&usages, &private_usages);
                let public = new_key(KeyType::Public, true, *public, public_usages, cx)?;
                let private = new_key(KeyType::Private, extractable, *private, private_usages, cx)?;
                let pair = ObjectInitializer::new(cx)
                    .property(JsString::from("publicKey"), public, Attribute::all())
                    .property(JsString::from("privateKey"), private, Attribute::all())
                    .build();
                Ok(pair.into())
            }
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

enum Generated {
    Secret(KeyAlgorithm),
    Pair {
        public: Box<KeyAlgorithm>,
        private: Box<KeyAlgorithm>,
        public_usages: Vec<Usage>,
        private_usages: Vec<Usage>,
    },
}

/// Each algorithm's "generate key".
fn generate(algorithm: Normalized, usages: &[Usage]) -> Result<Generated, CryptoError> {
    match algorithm {
        Normalized::Hmac {
            hash: Some(hash),
            length,
        } => {
            // §29.7.4 HMAC "generate key".
            check_usages(usages, &HMAC_USAGES)?;
            let length = match length {
                None => hash.block_bits(),
                Some(0) => {
                    return Err(CryptoError::new(
                        "OperationError",
                        "HMAC: a key length of 0 bits",
                    ));
                }
                Some(bits) => bits,
            };
            let mut secret = vec![0u8; length.div_ceil(8) as usize];
            ec::random(&mut secret)?;
            mask_trailing_bits(&mut secret, length);
            check_not_empty(KeyType::Secret, usages)?;
            Ok(Generated::Secret(KeyAlgorithm::Hmac {
                hash,
                length,
                secret,
            }))
        }
        Normalized::Ecdsa {
            curve: Some(curve), ..
        } => {
            let (public, private) = ec::generate(curve, ec::Purpose::Ecdsa, usages)?;
            check_not_empty(KeyType::Private, &intersect(usages, &[Usage::Sign]))?;
            Ok(Generated::Pair {
                public: Box::new(KeyAlgorithm::Ecdsa(public)),
                private: Box::new(KeyAlgorithm::Ecdsa(private)),
                public_usages: vec![Usage::Verify],
                private_usages: vec![Usage::Sign],
            })
        }
        Normalized::Ecdh {
            curve: Some(curve), ..
        } => {
            let purpose = ec::Purpose::Ecdh;
            let (public, private) = ec::generate(curve, purpose, usages)?;
            check_not_empty(
                KeyType::Private,
                &intersect(usages, purpose.private_usages()),
            )?;
            Ok(Generated::Pair {
                public: Box::new(KeyAlgorithm::Ecdh(public)),
                private: Box::new(KeyAlgorithm::Ecdh(private)),
                public_usages: purpose.public_usages().to_vec(),
                private_usages: purpose.private_usages().to_vec(),
            })
        }
        Normalized::Rsa {
            scheme,
            hash: Some(hash),
            modulus_length: Some(bits),
            public_exponent: Some(exponent),
            ..
        } => {
            let (public, private) = rsa::generate(scheme, hash, bits, &exponent, usages)?;
            let (private_usages, public_usages) = scheme.usages();
            check_not_empty(KeyType::Private, &intersect(usages, private_usages))?;
            Ok(Generated::Pair {
                public: Box::new(KeyAlgorithm::Rsa(Box::new(public))),
                private: Box::new(KeyAlgorithm::Rsa(Box::new(private))),
                public_usages: public_usages.to_vec(),
                private_usages: private_usages.to_vec(),
            })
        }
        Normalized::Aes {
            mode,
            length: Some(length),
            ..
        } => {
            let key = aes::generate(mode, length, usages)?;
            check_not_empty(KeyType::Secret, usages)?;
            Ok(Generated::Secret(KeyAlgorithm::Aes(key)))
        }
        Normalized::Ed25519 => {
            let (public, private) = ed25519::generate(usages)?;
            check_not_empty(KeyType::Private, &intersect(usages, &[Usage::Sign]))?;
            Ok(Generated::Pair {
                public: Box::new(KeyAlgorithm::Ed25519(public)),
                private: Box::new(KeyAlgorithm::Ed25519(private)),
                public_usages: vec![Usage::Verify],
                private_usages: vec![Usage::Sign],
            })
        }
        Normalized::X25519 { .. } => {
            let (public, private) = x25519::generate(usages)?;
            let private_usages = [Usage::DeriveKey, Usage::DeriveBits];
            check_not_empty(KeyType::Private, &intersect(usages, &private_usages))?;
            Ok(Generated::Pair {
                public: Box::new(KeyAlgorithm::X25519(public)),
                private: Box::new(KeyAlgorithm::X25519(private)),
                public_usages: Vec::new(),
                private_usages: private_usages.to_vec(),
            })
        }
        _ => unreachable!("generateKey normalizes to a generating algorithm"),
    }
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
        let (bytes, jwk) = if format == Format::Jwk {
            (Vec::new(), Some(jwk_argument(&key_data, cx)?))
        } else {
            let bytes = bytes_argument(&key_data, "SubtleCrypto.importKey: keyData", cx)?;
            (bytes, None)
        };
        let data = match &jwk {
            Some(jwk) => ec::Data::Jwk(jwk),
            None => ec::Data::Bytes(&bytes),
        };
        let algorithm = normalize(Operation::ImportKey, &arg(args, 2), cx)?;
        let imported = import(format, data, algorithm, extractable, &usages).and_then(|key| {
            let kind = key_type(&key);
            check_not_empty(kind, &usages)?;
            Ok((kind, key))
        });
        match imported {
            Ok((kind, key)) => Ok(new_key(kind, extractable, key, usages, cx)?.into()),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

fn key_type(key: &KeyAlgorithm) -> KeyType {
    match key {
        KeyAlgorithm::Hmac { .. } => KeyType::Secret,
        KeyAlgorithm::Ecdsa(key) | KeyAlgorithm::Ecdh(key) => key.kind(),
        KeyAlgorithm::Ed25519(key) => key.kind(),
        KeyAlgorithm::X25519(key) => key.kind(),
        KeyAlgorithm::Rsa(key) => key.kind(),
        KeyAlgorithm::Aes(_) | KeyAlgorithm::Kdf(_) => KeyType::Secret,
    }
}

/// Each algorithm's "import key".
fn import(
    format: Format,
    data: ec::Data<'_>,
    algorithm: Normalized,
    extractable: bool,
    usages: &[Usage],
) -> Result<KeyAlgorithm, CryptoError> {
    match algorithm {
        Normalized::Hmac {
            hash: Some(hash),
            length,
        } => import_hmac(format, data, hash, length, extractable, usages),
        Normalized::Ecdsa {
            curve: Some(curve), ..
        } => ec::import(format, data, curve, ec::Purpose::Ecdsa, usages, extractable)
            .map(KeyAlgorithm::Ecdsa),
        Normalized::Ecdh {
            curve: Some(curve), ..
        } => ec::import(format, data, curve, ec::Purpose::Ecdh, usages, extractable)
            .map(KeyAlgorithm::Ecdh),
        Normalized::Ed25519 => {
            ed25519::import(format, data, usages, extractable).map(KeyAlgorithm::Ed25519)
        }
        Normalized::X25519 { .. } => {
            x25519::import(format, data, usages, extractable).map(KeyAlgorithm::X25519)
        }
        Normalized::Rsa {
            scheme,
            hash: Some(hash),
            ..
        } => rsa::import(format, data, scheme, hash, usages, extractable)
            .map(|key| KeyAlgorithm::Rsa(Box::new(key))),
        Normalized::Aes { mode, .. } => {
            aes::import(format, data, mode, usages, extractable).map(KeyAlgorithm::Aes)
        }
        Normalized::Kdf { kdf, .. } => {
            derive::import(format, data, kdf, usages, extractable).map(KeyAlgorithm::Kdf)
        }
        _ => unreachable!("importKey normalizes to an importing algorithm"),
    }
}

/// A `JsonWebKey` argument (WebIDL dictionary: undefined or null is an
/// empty one; members read in lexicographic order).
fn jwk_argument(value: &JsValue, cx: &mut Context) -> JsResult<Jwk> {
    if value.is_undefined() || value.is_null() {
        return Ok(Jwk::default());
    }
    let Some(object) = value.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("SubtleCrypto.importKey: a jwk key must be an object")
            .into());
    };
    let text = |name: &str, cx: &mut Context| -> JsResult<Option<String>> {
        let value = object.get(JsString::from(name), cx)?;
        if value.is_undefined() {
            return Ok(None);
        }
        Ok(Some(value.to_string(cx)?.to_std_string_escaped()))
    };
    let alg = text("alg", cx)?;
    let crv = text("crv", cx)?;
    let d = text("d", cx)?;
    let dp = text("dp", cx)?;
    let dq = text("dq", cx)?;
    let e = text("e", cx)?;
    let ext = object.get(JsString::from("ext"), cx)?;
    let ext = (!ext.is_undefined()).then(|| ext.to_boolean());
    let k = text("k", cx)?;
    let key_ops = object.get(JsString::from("key_ops"), cx)?;
    let key_ops = if key_ops.is_undefined() {
        None
    } else {
        let list = key_ops
            .as_object()
            .and_then(|o| JsArray::from_object(o.clone()).ok())
            .ok_or_else(|| {
                JsNativeError::typ().with_message("jwk key_ops must be a sequence of strings")
            })?;
        let mut ops = Vec::new();
        for index in 0..list.length(cx)? {
            ops.push(list.get(index, cx)?.to_string(cx)?.to_std_string_escaped());
        }
        Some(ops)
    };
    let kty = text("kty", cx)?;
    let n = text("n", cx)?;
    let p = text("p", cx)?;
    let q = text("q", cx)?;
    let qi = text("qi", cx)?;
    let use_ = text("use", cx)?;
    let x = text("x", cx)?;
    let y = text("y", cx)?;
    Ok(Jwk {
        alg,
        crv,
        d,
        dp,
        dq,
        e,
        ext,
        k,
        key_ops,
        kty,
        n,
        p,
        q,
        qi,
        use_,
        x,
        y,
    })
}

/// §29.7.6 HMAC "import key".
fn import_hmac(
    format: Format,
    data: ec::Data<'_>,
    hash: Hash,
    length: Option<u32>,
    extractable: bool,
    usages: &[Usage],
) -> Result<KeyAlgorithm, CryptoError> {
    check_usages(usages, &HMAC_USAGES)?;
    let secret = match (format, data) {
        (Format::Raw, ec::Data::Bytes(bytes)) => bytes.to_vec(),
        (Format::Jwk, ec::Data::Jwk(jwk)) => {
            if jwk.kty.as_deref() != Some("oct") {
                return Err(CryptoError::data("HMAC jwk: kty must be \"oct\""));
            }
            let secret = Jwk::bytes(&jwk.k, "k")?;
            if let Some(alg) = &jwk.alg
                && alg != hash.hmac_jwk_alg()
            {
                return Err(CryptoError::data(format!(
                    "HMAC jwk: alg {alg:?} does not match the hash {}",
                    hash.name()
                )));
            }
            jwk.check_common(usages, extractable, "sig")?;
            secret
        }
        _ => {
            return Err(CryptoError::new(
                "NotSupportedError",
                "HMAC keys import from \"raw\" or \"jwk\" only",
            ));
        }
    };
    // §29.7.6 steps 5-7: the key length in bits.
    let data_bits = (secret.len() as u64) * 8;
    if data_bits == 0 {
        return Err(CryptoError::data("HMAC: the key is empty"));
    }
    let length = match length {
        None => data_bits as u32,
        Some(bits) if u64::from(bits) > data_bits || u64::from(bits) <= data_bits - 8 => {
            return Err(CryptoError::data(format!(
                "HMAC: length {bits} does not fit a key of {data_bits} bits"
            )));
        }
        Some(bits) => bits,
    };
    Ok(KeyAlgorithm::Hmac {
        hash,
        length,
        secret,
    })
}

pub(super) fn export_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "exportKey")?;
        require(args, 2, "exportKey")?;
        let format = format_argument(&arg(args, 0), cx)?;
        let key = key_argument(&arg(args, 1), "SubtleCrypto.exportKey: key")?;
        export(format, &key, cx)
    })
}

/// §14.3.10 steps 5-8: `key` exported in `format`, an ArrayBuffer or a
/// JWK object.
fn export(format: Format, key: &JsObject, cx: &mut Context) -> JsResult<JsValue> {
    {
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
        let exported = match &algorithm {
            KeyAlgorithm::Hmac { hash, secret, .. } => match format {
                Format::Raw => Ok(Exported::Bytes(secret.clone())),
                Format::Jwk => Ok(Exported::Jwk(vec![
                    ("kty", JwkValue::Text("oct".into())),
                    ("k", JwkValue::Text(URL_SAFE_NO_PAD.encode(secret))),
                    ("alg", JwkValue::Text(hash.hmac_jwk_alg().into())),
                ])),
                _ => Err(CryptoError::new(
                    "NotSupportedError",
                    "HMAC keys export to \"raw\" or \"jwk\" only",
                )),
            },
            KeyAlgorithm::Ecdsa(key) | KeyAlgorithm::Ecdh(key) => ec::export(format, key),
            KeyAlgorithm::Ed25519(key) => ed25519::export(format, key),
            KeyAlgorithm::X25519(key) => x25519::export(format, key),
            KeyAlgorithm::Rsa(key) => rsa::export(format, key),
            KeyAlgorithm::Aes(key) => aes::export(format, key),
            // Never extractable: refused above.
            KeyAlgorithm::Kdf(_) => unreachable!("PBKDF2 and HKDF keys are not extractable"),
        };
        match exported {
            Ok(Exported::Bytes(bytes)) => array_buffer(&bytes, cx),
            // Every JWK ends with the key's usages and extractability
            // (§14.3.10 via each algorithm's "export key").
            Ok(Exported::Jwk(mut members)) => {
                let ops = usages.iter().map(|u| u.name().to_owned()).collect();
                members.push(("key_ops", JwkValue::List(ops)));
                members.push(("ext", JwkValue::Bool(extractable)));
                let jwk = JsObject::with_object_proto(cx.intrinsics());
                for (name, value) in members {
                    let value: JsValue = match value {
                        JwkValue::Text(text) => JsString::from(text).into(),
                        JwkValue::Bool(flag) => flag.into(),
                        JwkValue::List(items) => {
                            let items: Vec<JsValue> = items
                                .into_iter()
                                .map(|i| JsString::from(i).into())
                                .collect();
                            JsArray::from_iter(items, cx).into()
                        }
                    };
                    jwk.create_data_property_or_throw(JsString::from(name), value, cx)?;
                }
                Ok(jwk.into())
            }
            Err(error) => Err(thrown(error, cx)),
        }
    }
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
            | (Normalized::Ecdsa { .. }, KeyAlgorithm::Ecdsa(_))
            | (Normalized::Ecdh { .. }, KeyAlgorithm::Ecdh(_))
            | (Normalized::Ed25519, KeyAlgorithm::Ed25519(_))
            | (Normalized::X25519 { .. }, KeyAlgorithm::X25519(_))
    ) || matches!(
        (algorithm, &algorithm_of_key),
        (Normalized::Rsa { scheme, .. }, KeyAlgorithm::Rsa(key)) if *scheme == key.scheme
    ) || matches!(
        (algorithm, &algorithm_of_key),
        (Normalized::Aes { mode, .. }, KeyAlgorithm::Aes(key)) if *mode == key.mode
    ) || matches!(
        (algorithm, &algorithm_of_key),
        (Normalized::Kdf { kdf, .. }, KeyAlgorithm::Kdf(key)) if *kdf == key.kdf
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
        let signed = match key_for(&arg(args, 1), &algorithm, Usage::Sign, "sign", cx)? {
            KeyAlgorithm::Hmac { hash, secret, .. } => Ok(hash.hmac(&secret, &data)),
            KeyAlgorithm::Ecdsa(key) => match algorithm {
                Normalized::Ecdsa {
                    hash: Some(hash), ..
                } => ec::sign(&key, hash, &data),
                _ => unreachable!("ECDSA sign normalizes with a hash"),
            },
            KeyAlgorithm::Ed25519(key) => ed25519::sign(&key, &data),
            KeyAlgorithm::Rsa(key) => match algorithm {
                Normalized::Rsa { salt_length, .. } => rsa::sign(&key, salt_length, &data),
                _ => unreachable!("the key matches the algorithm"),
            },
            KeyAlgorithm::Aes(_)
            | KeyAlgorithm::Kdf(_)
            | KeyAlgorithm::Ecdh(_)
            | KeyAlgorithm::X25519(_) => {
                unreachable!("AES, PBKDF2, HKDF and ECDH do not normalize for sign")
            }
        };
        match signed {
            Ok(signature) => array_buffer(&signature, cx),
            Err(error) => Err(thrown(error, cx)),
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
        let verified = match key_for(&arg(args, 1), &algorithm, Usage::Verify, "verify", cx)? {
            KeyAlgorithm::Hmac { hash, secret, .. } => {
                Ok(hash.hmac_verify(&secret, &data, &signature))
            }
            KeyAlgorithm::Ecdsa(key) => match algorithm {
                Normalized::Ecdsa {
                    hash: Some(hash), ..
                } => ec::verify(&key, hash, &signature, &data),
                _ => unreachable!("ECDSA verify normalizes with a hash"),
            },
            KeyAlgorithm::Ed25519(key) => ed25519::verify(&key, &signature, &data),
            KeyAlgorithm::Rsa(key) => match algorithm {
                Normalized::Rsa { salt_length, .. } => {
                    rsa::verify(&key, salt_length, &signature, &data)
                }
                _ => unreachable!("the key matches the algorithm"),
            },
            KeyAlgorithm::Aes(_)
            | KeyAlgorithm::Kdf(_)
            | KeyAlgorithm::Ecdh(_)
            | KeyAlgorithm::X25519(_) => {
                unreachable!("AES, PBKDF2, HKDF and ECDH do not normalize for verify")
            }
        };
        match verified {
            Ok(result) => Ok(result.into()),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

pub(super) fn encrypt(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    cipher(this, args, Direction::Encrypt, cx)
}

pub(super) fn decrypt(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    cipher(this, args, Direction::Decrypt, cx)
}

/// Which way a cipher runs: encrypt (also for wrapKey) or decrypt (also
/// for unwrapKey).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Direction {
    Encrypt,
    Decrypt,
}

impl Direction {
    fn member(self) -> &'static str {
        match self {
            Direction::Encrypt => "encrypt",
            Direction::Decrypt => "decrypt",
        }
    }
}

/// Runs the cipher of `key` with the normalized `algorithm`'s parameters:
/// the "encrypt" or "decrypt" operation of AES-GCM/CBC/CTR/KW or RSA-OAEP.
fn run_cipher(
    key: &KeyAlgorithm,
    algorithm: &Normalized,
    data: &[u8],
    direction: Direction,
) -> Result<Vec<u8>, CryptoError> {
    match (key, algorithm) {
        (
            KeyAlgorithm::Aes(key),
            Normalized::Aes {
                params: Some(params),
                ..
            },
        ) => match direction {
            Direction::Encrypt => aes::encrypt(key, params, data),
            Direction::Decrypt => aes::decrypt(key, params, data),
        },
        (
            KeyAlgorithm::Rsa(key),
            Normalized::Rsa {
                label: Some(label), ..
            },
        ) => match direction {
            Direction::Encrypt => rsa::encrypt(key, label, data),
            Direction::Decrypt => rsa::decrypt(key, label, data),
        },
        // key_for matched the key to the algorithm, and encrypt/decrypt
        // normalization always gives the parameters.
        _ => Err(CryptoError::new(
            "NotSupportedError",
            format!("{} does not {}", key.name(), direction.member()),
        )),
    }
}

/// §14.3.1 `encrypt` / §14.3.2 `decrypt`.
fn cipher(
    this: &JsValue,
    args: &[JsValue],
    direction: Direction,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let member = direction.member();
    settle(cx, |cx| {
        check_subtle(this, member)?;
        require(args, 3, member)?;
        key_argument(&arg(args, 1), &format!("SubtleCrypto.{member}: key"))?;
        let data = bytes_argument(&arg(args, 2), &format!("SubtleCrypto.{member}: data"), cx)?;
        let (operation, usage) = match direction {
            Direction::Encrypt => (Operation::Encrypt, Usage::Encrypt),
            Direction::Decrypt => (Operation::Decrypt, Usage::Decrypt),
        };
        let algorithm = normalize(operation, &arg(args, 0), cx)?;
        let key = key_for(&arg(args, 1), &algorithm, usage, member, cx)?;
        let result = run_cipher(&key, &algorithm, &data, direction);
        match result {
            Ok(bytes) => array_buffer(&bytes, cx),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

/// §14.3.8 `deriveBits(algorithm, baseKey, optional length = null)`.
pub(super) fn derive_bits(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "deriveBits")?;
        require(args, 2, "deriveBits")?;
        key_argument(&arg(args, 1), "SubtleCrypto.deriveBits: key")?;
        // `unsigned long?`: null and undefined are null, anything else
        // ToUint32 (WebIDL §3.2.4.7).
        let length = match arg(args, 2) {
            value if value.is_null_or_undefined() => None,
            value => Some(value.to_u32(cx)?),
        };
        let algorithm = normalize(Operation::DeriveBits, &arg(args, 0), cx)?;
        let key = key_for(
            &arg(args, 1),
            &algorithm,
            Usage::DeriveBits,
            "deriveBits",
            cx,
        )?;
        match derive(&key, &algorithm, length) {
            Ok(bytes) => array_buffer(&bytes, cx),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

fn derive(
    key: &KeyAlgorithm,
    algorithm: &Normalized,
    length: Option<u32>,
) -> Result<Vec<u8>, CryptoError> {
    match (key, algorithm) {
        (
            KeyAlgorithm::Kdf(key),
            Normalized::Kdf {
                params: Some(params),
                ..
            },
        ) => derive::derive_bits(key, params, length),
        (
            KeyAlgorithm::Ecdh(private),
            Normalized::Ecdh {
                public: Some(public),
                ..
            },
        ) => {
            // §24.4 steps 1-5: the other key is a public ECDH key on the
            // same curve.
            let public = public.downcast_ref::<CryptoKey>().expect("checked");
            match (&public.algorithm, public.kind) {
                (KeyAlgorithm::Ecdh(public), KeyType::Public) => {
                    ec::derive(private, public, length)
                }
                _ => Err(CryptoError::new(
                    "InvalidAccessError",
                    "ECDH: public must be a public ECDH key",
                )),
            }
        }
        (
            KeyAlgorithm::X25519(private),
            Normalized::X25519 {
                public: Some(public),
            },
        ) => {
            // Secure Curves X25519 "derive bits" steps 1-4: the other key
            // is a public X25519 key.
            let public = public.downcast_ref::<CryptoKey>().expect("checked");
            match (&public.algorithm, public.kind) {
                (KeyAlgorithm::X25519(public), KeyType::Public) => {
                    x25519::derive(private, public, length)
                }
                _ => Err(CryptoError::new(
                    "InvalidAccessError",
                    "X25519: public must be a public X25519 key",
                )),
            }
        }
        _ => unreachable!("the key matches the algorithm"),
    }
}

/// §14.3.7 `deriveKey(algorithm, baseKey, derivedKeyType, extractable,
/// keyUsages)`: derive as many bits as the new key needs ("get key
/// length"), then import them as that key.
pub(super) fn derive_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "deriveKey")?;
        require(args, 5, "deriveKey")?;
        key_argument(&arg(args, 1), "SubtleCrypto.deriveKey: key")?;
        let extractable = arg(args, 3).to_boolean();
        let usages = usages_argument(&arg(args, 4), cx)?;
        let algorithm = normalize(Operation::DeriveBits, &arg(args, 0), cx)?;
        let derived_type = arg(args, 2);
        let import_algorithm = normalize(Operation::ImportKey, &derived_type, cx)?;
        let length = key_length(&import_algorithm, &derived_type, cx)?;
        let key = key_for(&arg(args, 1), &algorithm, Usage::DeriveKey, "deriveKey", cx)?;
        let derived = derive(&key, &algorithm, Some(length)).and_then(|bits| {
            let key = import(
                Format::Raw,
                ec::Data::Bytes(&bits),
                import_algorithm,
                extractable,
                &usages,
            )?;
            let kind = key_type(&key);
            check_not_empty(kind, &usages)?;
            Ok((kind, key))
        });
        match derived {
            Ok((kind, key)) => Ok(new_key(kind, extractable, key, usages, cx)?.into()),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

/// "get key length" of a derived key type: AES keys name their length
/// (AesDerivedKeyParams), HMAC keys default to the hash's block size.
fn key_length(algorithm: &Normalized, derived_type: &JsValue, cx: &mut Context) -> JsResult<u32> {
    match algorithm {
        Normalized::Aes { .. } => {
            let Normalized::Aes {
                mode,
                length: Some(length),
                ..
            } = normalize(Operation::GenerateKey, derived_type, cx)?
            else {
                unreachable!("AES generateKey normalization has a length");
            };
            if !matches!(length, 128 | 192 | 256) {
                return Err(dom_error(
                    cx,
                    "OperationError",
                    &format!(
                        "{}: a key is 128, 192 or 256 bits, not {length}",
                        mode.name()
                    ),
                ));
            }
            Ok(length)
        }
        Normalized::Hmac {
            hash: Some(hash),
            length,
        } => match length {
            None => Ok(hash.block_bits()),
            Some(0) => Err(JsNativeError::typ()
                .with_message("HMAC: a derived key length of 0")
                .into()),
            Some(bits) => Ok(*bits),
        },
        _ => Err(dom_error(
            cx,
            "NotSupportedError",
            "deriveKey makes AES or HMAC keys",
        )),
    }
}

/// "normalize an algorithm" for wrapKey/unwrapKey: AES-KW, or else any
/// algorithm registered for encrypt/decrypt (§14.3.11 step 5).
fn wrap_algorithm(value: &JsValue, fallback: Operation, cx: &mut Context) -> JsResult<Normalized> {
    match normalize(Operation::WrapKey, value, cx) {
        Ok(algorithm) => Ok(algorithm),
        Err(_) => normalize(fallback, value, cx),
    }
}

/// §14.3.11 `wrapKey(format, key, wrappingKey, wrapAlgorithm)`: the key
/// exported, then encrypted (a JWK as its JSON text).
pub(super) fn wrap_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "wrapKey")?;
        require(args, 4, "wrapKey")?;
        let format = format_argument(&arg(args, 0), cx)?;
        let key = key_argument(&arg(args, 1), "SubtleCrypto.wrapKey: key")?;
        key_argument(&arg(args, 2), "SubtleCrypto.wrapKey: wrappingKey")?;
        let algorithm = wrap_algorithm(&arg(args, 3), Operation::Encrypt, cx)?;
        let wrapping = key_for(&arg(args, 2), &algorithm, Usage::WrapKey, "wrapKey", cx)?;
        let exported = export(format, &key, cx)?;
        let bytes = if format == Format::Jwk {
            let json = exported.to_json(cx)?.unwrap_or_default();
            serde_json::to_vec(&json).map_err(JsError::from_rust)?
        } else {
            buffer_source_bytes(&exported, cx)?.unwrap_or_default()
        };
        match run_cipher(&wrapping, &algorithm, &bytes, Direction::Encrypt) {
            Ok(wrapped) => array_buffer(&wrapped, cx),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}

/// §14.3.12 `unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm,
/// unwrappedKeyAlgorithm, extractable, keyUsages)`: decrypt, then import.
pub(super) fn unwrap_key(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    settle(cx, |cx| {
        check_subtle(this, "unwrapKey")?;
        require(args, 7, "unwrapKey")?;
        let format = format_argument(&arg(args, 0), cx)?;
        let wrapped = bytes_argument(&arg(args, 1), "SubtleCrypto.unwrapKey: wrappedKey", cx)?;
        key_argument(&arg(args, 2), "SubtleCrypto.unwrapKey: unwrappingKey")?;
        let extractable = arg(args, 5).to_boolean();
        let usages = usages_argument(&arg(args, 6), cx)?;
        let algorithm = wrap_algorithm(&arg(args, 3), Operation::Decrypt, cx)?;
        let import_algorithm = normalize(Operation::ImportKey, &arg(args, 4), cx)?;
        let unwrapping = key_for(&arg(args, 2), &algorithm, Usage::UnwrapKey, "unwrapKey", cx)?;
        let bytes = match run_cipher(&unwrapping, &algorithm, &wrapped, Direction::Decrypt) {
            Ok(bytes) => bytes,
            Err(error) => return Err(thrown(error, cx)),
        };
        let jwk = if format == Format::Jwk {
            // The unwrapped bytes are a JWK's JSON text (§14.3.12 step 14).
            let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                return Err(dom_error(
                    cx,
                    "DataError",
                    "the unwrapped bytes are not a JSON Web Key",
                ));
            };
            let value = JsValue::from_json(&json, cx)?;
            Some(jwk_argument(&value, cx)?)
        } else {
            None
        };
        let data = match &jwk {
            Some(jwk) => ec::Data::Jwk(jwk),
            None => ec::Data::Bytes(&bytes),
        };
        let imported =
            import(format, data, import_algorithm, extractable, &usages).and_then(|key| {
                let kind = key_type(&key);
                check_not_empty(kind, &usages)?;
                Ok((kind, key))
            });
        match imported {
            Ok((kind, key)) => Ok(new_key(kind, extractable, key, usages, cx)?.into()),
            Err(error) => Err(thrown(error, cx)),
        }
    })
}
