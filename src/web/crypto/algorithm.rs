//! "Normalize an algorithm" (Web Crypto §18.4.4) for the algorithms
//! nano-boa supports, and the hash functions (§30 SHA).

use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::aes::{Mode, Params};
use super::derive::{Kdf, Params as KdfParams};
use super::dom_error;
use super::ec::Curve;
use super::rsa::Scheme;

/// The operation an algorithm is normalized for: each has its own table of
/// registered algorithms and parameter dictionaries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Operation {
    Digest,
    GenerateKey,
    ImportKey,
    Sign,
    Verify,
    Encrypt,
    Decrypt,
    DeriveBits,
    /// wrapKey and unwrapKey: AES-KW here; the encrypt algorithms are
    /// tried next by the caller (§14.3.11 step 5).
    WrapKey,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    const ALL: [Hash; 4] = [Hash::Sha1, Hash::Sha256, Hash::Sha384, Hash::Sha512];

    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha1 => "SHA-1",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The block size in bits: an HMAC key's default length (§29.7.4
    /// "generate key", §29.7.6 "import key").
    pub fn block_bits(self) -> u32 {
        match self {
            Hash::Sha1 | Hash::Sha256 => 512,
            Hash::Sha384 | Hash::Sha512 => 1024,
        }
    }

    /// The JWK `alg` of an HMAC key with this hash (RFC 7518 §3.2; "HS1"
    /// is Web Crypto's own, §29.7.6).
    pub fn hmac_jwk_alg(self) -> &'static str {
        match self {
            Hash::Sha1 => "HS1",
            Hash::Sha256 => "HS256",
            Hash::Sha384 => "HS384",
            Hash::Sha512 => "HS512",
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => Sha1::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    /// HMAC (RFC 2104) of `data` under `key`.
    pub fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
            // HMAC takes keys of any length: new_from_slice cannot fail.
            let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        match self {
            Hash::Sha1 => mac::<Hmac<Sha1>>(key, data),
            Hash::Sha256 => mac::<Hmac<Sha256>>(key, data),
            Hash::Sha384 => mac::<Hmac<Sha384>>(key, data),
            Hash::Sha512 => mac::<Hmac<Sha512>>(key, data),
        }
    }

    /// HMAC verification in constant time (the comparison must not leak
    /// where the signatures differ).
    pub fn hmac_verify(self, key: &[u8], data: &[u8], signature: &[u8]) -> bool {
        fn verify<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8], sig: &[u8]) -> bool {
            let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
            mac.update(data);
            mac.verify_slice(sig).is_ok()
        }
        match self {
            Hash::Sha1 => verify::<Hmac<Sha1>>(key, data, signature),
            Hash::Sha256 => verify::<Hmac<Sha256>>(key, data, signature),
            Hash::Sha384 => verify::<Hmac<Sha384>>(key, data, signature),
            Hash::Sha512 => verify::<Hmac<Sha512>>(key, data, signature),
        }
    }
}

/// An algorithm after normalization, with its parameters.
#[derive(Clone, Debug)]
pub enum Normalized {
    Digest(Hash),
    /// HMAC; `hash` and `length` (bits) only for generateKey and importKey
    /// (HmacKeyGenParams, HmacImportParams).
    Hmac {
        hash: Option<Hash>,
        length: Option<u32>,
    },
    /// ECDSA; `hash` for sign and verify (EcdsaParams), `curve` for
    /// generateKey and importKey (EcKeyGenParams, EcKeyImportParams).
    Ecdsa {
        hash: Option<Hash>,
        curve: Option<Curve>,
    },
    /// ECDH; `curve` for generateKey and importKey, the other party's
    /// `public` key for deriveBits (EcdhKeyDeriveParams).
    Ecdh {
        curve: Option<Curve>,
        public: Option<boa_engine::JsObject>,
    },
    Ed25519,
    /// X25519; the other party's `public` key for deriveBits
    /// (EcdhKeyDeriveParams).
    X25519 {
        public: Option<boa_engine::JsObject>,
    },
    /// RSASSA-PKCS1-v1_5 or RSA-PSS: `hash` for generateKey and importKey
    /// (RsaHashedKeyGenParams, RsaHashedImportParams), `modulus_length`
    /// and `public_exponent` for generateKey, `salt_length` for RSA-PSS
    /// sign and verify (RsaPssParams), `label` for RSA-OAEP encrypt and
    /// decrypt (RsaOaepParams; empty when not given).
    Rsa {
        scheme: Scheme,
        hash: Option<Hash>,
        modulus_length: Option<u32>,
        public_exponent: Option<Vec<u8>>,
        salt_length: Option<u32>,
        label: Option<Vec<u8>>,
    },
    /// AES-GCM, AES-CBC or AES-CTR: `length` (bits) for generateKey, the
    /// cipher parameters for encrypt and decrypt.
    Aes {
        mode: Mode,
        length: Option<u32>,
        params: Option<Params>,
    },
    /// PBKDF2 or HKDF: the parameters for deriveBits.
    Kdf {
        kdf: Kdf,
        params: Option<KdfParams>,
    },
}

/// Web Crypto §18.4.4 "normalize an algorithm" for `operation`.
pub fn normalize(operation: Operation, value: &JsValue, cx: &mut Context) -> JsResult<Normalized> {
    // The (object or DOMString) union: a non-object is a string, and a
    // string `alg` stands for `{ name: alg }`.
    let (name, dictionary) = match value.as_object() {
        Some(object) => {
            let name = object.get(JsString::from("name"), cx)?;
            if name.is_undefined() {
                return Err(JsNativeError::typ()
                    .with_message("the algorithm has no name")
                    .into());
            }
            (name.to_string(cx)?.to_std_string_escaped(), Some(object))
        }
        None => (value.to_string(cx)?.to_std_string_escaped(), None),
    };
    // Algorithm names match ASCII case-insensitively (§18.4.4 step 5).
    let hash = Hash::ALL
        .into_iter()
        .find(|h| h.name().eq_ignore_ascii_case(&name));
    let is_hmac = name.eq_ignore_ascii_case("HMAC");
    let is_ecdsa = name.eq_ignore_ascii_case("ECDSA");
    let is_ecdh = name.eq_ignore_ascii_case("ECDH");
    let is_ed25519 = name.eq_ignore_ascii_case("Ed25519");
    let is_x25519 = name.eq_ignore_ascii_case("X25519");
    let aes = [Mode::Gcm, Mode::Cbc, Mode::Ctr, Mode::Kw]
        .into_iter()
        .find(|m| m.name().eq_ignore_ascii_case(&name));
    let kdf = [Kdf::Pbkdf2, Kdf::Hkdf]
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(&name));
    let rsa = if name.eq_ignore_ascii_case("RSASSA-PKCS1-v1_5") {
        Some(Scheme::Pkcs1v15)
    } else if name.eq_ignore_ascii_case("RSA-PSS") {
        Some(Scheme::Pss)
    } else if name.eq_ignore_ascii_case("RSA-OAEP") {
        Some(Scheme::Oaep)
    } else {
        None
    };
    let unsupported = |cx: &mut Context| {
        dom_error(
            cx,
            "NotSupportedError",
            &format!("{name} is not a supported algorithm for this operation"),
        )
    };
    match operation {
        Operation::Digest => hash.map(Normalized::Digest).ok_or_else(|| unsupported(cx)),
        Operation::Sign | Operation::Verify if is_hmac => Ok(Normalized::Hmac {
            hash: None,
            length: None,
        }),
        Operation::GenerateKey | Operation::ImportKey if is_hmac => {
            // HmacImportParams / HmacKeyGenParams: `hash` required, then
            // `length` (dictionary members in lexicographic order).
            let object = dictionary.ok_or_else(|| {
                JsNativeError::typ().with_message("HMAC: the algorithm needs a hash member")
            })?;
            let hash = required_hash(Some(&object), "HMAC", cx)?;
            let length = object.get(JsString::from("length"), cx)?;
            let length = if length.is_undefined() {
                None
            } else {
                Some(enforce_range_u32(&length, "HMAC length", cx)?)
            };
            Ok(Normalized::Hmac {
                hash: Some(hash),
                length,
            })
        }
        Operation::Sign | Operation::Verify if is_ecdsa => {
            let hash = required_hash(dictionary.as_ref(), "ECDSA", cx)?;
            Ok(Normalized::Ecdsa {
                hash: Some(hash),
                curve: None,
            })
        }
        Operation::GenerateKey | Operation::ImportKey if is_ecdsa || is_ecdh => {
            let what = if is_ecdsa { "ECDSA" } else { "ECDH" };
            let missing = || {
                JsNativeError::typ()
                    .with_message(format!("{what}: the algorithm needs a namedCurve member"))
            };
            let object = dictionary.ok_or_else(missing)?;
            let curve = object.get(JsString::from("namedCurve"), cx)?;
            if curve.is_undefined() {
                return Err(missing().into());
            }
            let curve = curve.to_string(cx)?.to_std_string_escaped();
            let Some(curve) = Curve::from_name(&curve) else {
                return Err(dom_error(
                    cx,
                    "NotSupportedError",
                    &format!("{what}: the curve {curve:?} is not supported (P-256, P-384, P-521)"),
                ));
            };
            if is_ecdh {
                return Ok(Normalized::Ecdh {
                    curve: Some(curve),
                    public: None,
                });
            }
            Ok(Normalized::Ecdsa {
                hash: None,
                curve: Some(curve),
            })
        }
        Operation::DeriveBits if is_ecdh || is_x25519 => {
            // EcdhKeyDeriveParams, which X25519 shares.
            let what = if is_ecdh { "ECDH" } else { "X25519" };
            let missing = || {
                JsNativeError::typ()
                    .with_message(format!("{what}: the algorithm needs a public CryptoKey"))
            };
            let object = dictionary.ok_or_else(missing)?;
            let public = object.get(JsString::from("public"), cx)?;
            let public = super::key::key_argument(&public, &format!("{what}: public"))?;
            if is_x25519 {
                return Ok(Normalized::X25519 {
                    public: Some(public),
                });
            }
            Ok(Normalized::Ecdh {
                curve: None,
                public: Some(public),
            })
        }
        Operation::GenerateKey | Operation::ImportKey if is_x25519 => {
            Ok(Normalized::X25519 { public: None })
        }
        Operation::Sign | Operation::Verify | Operation::GenerateKey | Operation::ImportKey
            if is_ed25519 =>
        {
            Ok(Normalized::Ed25519)
        }
        Operation::Sign | Operation::Verify if rsa.is_some() && rsa != Some(Scheme::Oaep) => {
            let scheme = rsa.expect("checked");
            let salt_length = if scheme == Scheme::Pss {
                let object = dictionary.ok_or_else(|| {
                    JsNativeError::typ().with_message("RSA-PSS: the algorithm needs a saltLength")
                })?;
                let salt = object.get(JsString::from("saltLength"), cx)?;
                if salt.is_undefined() {
                    return Err(JsNativeError::typ()
                        .with_message("RSA-PSS: the algorithm needs a saltLength")
                        .into());
                }
                Some(enforce_range_u32(&salt, "RSA-PSS saltLength", cx)?)
            } else {
                None
            };
            Ok(Normalized::Rsa {
                scheme,
                hash: None,
                modulus_length: None,
                public_exponent: None,
                salt_length,
                label: None,
            })
        }
        Operation::GenerateKey | Operation::ImportKey if rsa.is_some() => {
            let scheme = rsa.expect("checked");
            let (modulus_length, public_exponent) = if operation == Operation::GenerateKey {
                // RsaKeyGenParams members, then RsaHashedKeyGenParams' hash.
                let missing = |what: &str| {
                    JsNativeError::typ()
                        .with_message(format!("{}: the algorithm needs a {what}", scheme.name()))
                };
                let object = dictionary
                    .as_ref()
                    .ok_or_else(|| missing("modulusLength"))?;
                let length = object.get(JsString::from("modulusLength"), cx)?;
                if length.is_undefined() {
                    return Err(missing("modulusLength").into());
                }
                let length = enforce_range_u32(&length, "modulusLength", cx)?;
                let exponent = object.get(JsString::from("publicExponent"), cx)?;
                let exponent = exponent
                    .as_object()
                    .and_then(|o| {
                        boa_engine::object::builtins::JsUint8Array::from_object(o.clone()).ok()
                    })
                    .ok_or_else(|| missing("publicExponent (a Uint8Array)"))?;
                let bytes = crate::web::encoding::buffer_source_bytes(&exponent.into(), cx)?
                    .unwrap_or_default();
                (Some(length), Some(bytes))
            } else {
                (None, None)
            };
            let hash = required_hash(dictionary.as_ref(), scheme.name(), cx)?;
            Ok(Normalized::Rsa {
                scheme,
                hash: Some(hash),
                modulus_length,
                public_exponent,
                salt_length: None,
                label: None,
            })
        }
        Operation::Encrypt | Operation::Decrypt if rsa == Some(Scheme::Oaep) => {
            // RsaOaepParams: an optional BufferSource `label`.
            let label = match &dictionary {
                Some(object) => {
                    let label = object.get(JsString::from("label"), cx)?;
                    if label.is_undefined() {
                        Vec::new()
                    } else {
                        crate::web::encoding::buffer_source_bytes(&label, cx)?.ok_or_else(|| {
                            JsNativeError::typ()
                                .with_message("RSA-OAEP: label is not a BufferSource")
                        })?
                    }
                }
                None => Vec::new(),
            };
            Ok(Normalized::Rsa {
                scheme: Scheme::Oaep,
                hash: None,
                modulus_length: None,
                public_exponent: None,
                salt_length: None,
                label: Some(label),
            })
        }
        Operation::WrapKey if aes == Some(Mode::Kw) => Ok(Normalized::Aes {
            mode: Mode::Kw,
            length: None,
            params: Some(Params::Kw),
        }),
        Operation::Encrypt | Operation::Decrypt if aes.is_some() && aes != Some(Mode::Kw) => {
            let mode = aes.expect("checked");
            let object = dictionary.ok_or_else(|| {
                JsNativeError::typ()
                    .with_message(format!("{}: the algorithm needs parameters", mode.name()))
            })?;
            let params = aes_params(mode, &object, cx)?;
            Ok(Normalized::Aes {
                mode,
                length: None,
                params: Some(params),
            })
        }
        Operation::GenerateKey if aes.is_some() => {
            let mode = aes.expect("checked");
            let length = dictionary
                .map(|o| o.get(JsString::from("length"), cx))
                .transpose()?
                .filter(|v| !v.is_undefined())
                .ok_or_else(|| {
                    JsNativeError::typ()
                        .with_message(format!("{}: the algorithm needs a length", mode.name()))
                })?;
            let length = enforce_range(&length, u32::from(u16::MAX), "AES length", cx)?;
            Ok(Normalized::Aes {
                mode,
                length: Some(length),
                params: None,
            })
        }
        Operation::ImportKey if aes.is_some() => Ok(Normalized::Aes {
            mode: aes.expect("checked"),
            length: None,
            params: None,
        }),
        Operation::ImportKey if kdf.is_some() => Ok(Normalized::Kdf {
            kdf: kdf.expect("checked"),
            params: None,
        }),
        Operation::DeriveBits if kdf.is_some() => {
            let kdf = kdf.expect("checked");
            let missing = |what: &str| {
                JsNativeError::typ()
                    .with_message(format!("{}: the algorithm needs {what}", kdf.name()))
            };
            let object = dictionary.ok_or_else(|| missing("parameters"))?;
            // Members in lexicographic order: hash, then info or
            // iterations, then salt.
            let hash = required_hash(Some(&object), kdf.name(), cx)?;
            let bytes = |name: &str, cx: &mut Context| -> JsResult<Vec<u8>> {
                let value = object.get(JsString::from(name), cx)?;
                if value.is_undefined() {
                    return Err(missing(name).into());
                }
                crate::web::encoding::buffer_source_bytes(&value, cx)?.ok_or_else(|| {
                    JsNativeError::typ()
                        .with_message(format!("{}: {name} is not a BufferSource", kdf.name()))
                        .into()
                })
            };
            let params = match kdf {
                Kdf::Hkdf => {
                    let info = bytes("info", cx)?;
                    let salt = bytes("salt", cx)?;
                    KdfParams::Hkdf { hash, info, salt }
                }
                Kdf::Pbkdf2 => {
                    let iterations = object.get(JsString::from("iterations"), cx)?;
                    if iterations.is_undefined() {
                        return Err(missing("iterations").into());
                    }
                    let iterations = enforce_range_u32(&iterations, "PBKDF2 iterations", cx)?;
                    let salt = bytes("salt", cx)?;
                    KdfParams::Pbkdf2 {
                        hash,
                        iterations,
                        salt,
                    }
                }
            };
            Ok(Normalized::Kdf {
                kdf,
                params: Some(params),
            })
        }
        _ => Err(unsupported(cx)),
    }
}

/// AesGcmParams, AesCbcParams or AesCtrParams (members in lexicographic
/// order; BufferSource members copied).
fn aes_params(mode: Mode, object: &boa_engine::JsObject, cx: &mut Context) -> JsResult<Params> {
    let buffer = |name: &str, required: bool, cx: &mut Context| -> JsResult<Option<Vec<u8>>> {
        let value = object.get(JsString::from(name), cx)?;
        if value.is_undefined() {
            if required {
                return Err(JsNativeError::typ()
                    .with_message(format!("{}: the algorithm needs {name}", mode.name()))
                    .into());
            }
            return Ok(None);
        }
        crate::web::encoding::buffer_source_bytes(&value, cx)?
            .map(Some)
            .ok_or_else(|| {
                JsNativeError::typ()
                    .with_message(format!("{}: {name} is not a BufferSource", mode.name()))
                    .into()
            })
    };
    match mode {
        Mode::Kw => Ok(Params::Kw),
        Mode::Gcm => {
            let additional_data = buffer("additionalData", false, cx)?.unwrap_or_default();
            let iv = buffer("iv", true, cx)?.unwrap_or_default();
            let tag = object.get(JsString::from("tagLength"), cx)?;
            let tag_length = if tag.is_undefined() {
                128
            } else {
                enforce_range(&tag, 255, "AES-GCM tagLength", cx)?
            };
            Ok(Params::Gcm {
                iv,
                additional_data,
                tag_length,
            })
        }
        Mode::Cbc => Ok(Params::Cbc {
            iv: buffer("iv", true, cx)?.unwrap_or_default(),
        }),
        Mode::Ctr => {
            let counter = buffer("counter", true, cx)?.unwrap_or_default();
            let length = object.get(JsString::from("length"), cx)?;
            if length.is_undefined() {
                return Err(JsNativeError::typ()
                    .with_message("AES-CTR: the algorithm needs a length")
                    .into());
            }
            let length = enforce_range(&length, 255, "AES-CTR length", cx)?;
            Ok(Params::Ctr { counter, length })
        }
    }
}

/// A required `hash` member (HashAlgorithmIdentifier), normalized as a
/// digest.
fn required_hash(
    dictionary: Option<&boa_engine::JsObject>,
    what: &str,
    cx: &mut Context,
) -> JsResult<Hash> {
    let missing =
        || JsNativeError::typ().with_message(format!("{what}: the algorithm needs a hash member"));
    let object = dictionary.ok_or_else(missing)?;
    let value = object.get(JsString::from("hash"), cx)?;
    if value.is_undefined() {
        return Err(missing().into());
    }
    match normalize(Operation::Digest, &value, cx)? {
        Normalized::Digest(hash) => Ok(hash),
        _ => unreachable!("digest normalization gives a digest"),
    }
}

/// WebIDL `[EnforceRange] unsigned long` (§3.2.4.9): a TypeError for NaN,
/// infinities and values outside [0, 2^32 - 1].
fn enforce_range_u32(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<u32> {
    enforce_range(value, u32::MAX, what, cx)
}

/// WebIDL `[EnforceRange]` for an unsigned integer type whose largest
/// value is `max` (octet, unsigned short, unsigned long).
fn enforce_range(value: &JsValue, max: u32, what: &str, cx: &mut Context) -> JsResult<u32> {
    let number = value.to_number(cx)?;
    let out_of_range = || {
        JsNativeError::typ()
            .with_message(format!("{what}: {number} is outside the range [0, {max}]"))
    };
    if !number.is_finite() {
        return Err(out_of_range().into());
    }
    let truncated = number.trunc();
    if !(0.0..=f64::from(max)).contains(&truncated) {
        return Err(out_of_range().into());
    }
    Ok(truncated as u32)
}
