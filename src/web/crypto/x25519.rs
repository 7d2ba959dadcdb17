//! X25519 keys (the "Secure Curves in the Web Cryptography API" draft,
//! RFC 7748) on `x25519-dalek`: generation, import and export (`raw`
//! public keys, `spki`, `pkcs8`, `jwk` with `kty: "OKP"`), and deriveBits.
//!
//! x25519-dalek has no DER forms: the `spki` and `pkcs8` structures of
//! RFC 8410 are read and written with the `pkcs8` crate.

use pkcs8::PrivateKeyInfo;
use pkcs8::der::asn1::{BitStringRef, OctetStringRef};
use pkcs8::der::{Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};
use x25519_dalek::{PublicKey, StaticSecret};

use super::ec::{random, truncate_secret};
use super::key::{
    CryptoError, Data, Exported, Format, Jwk, JwkValue, KeyType, Usage, check_import_usages,
    check_usages,
};

/// id-X25519 (RFC 8410 §3).
const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

const PRIVATE_USAGES: [Usage; 2] = [Usage::DeriveKey, Usage::DeriveBits];
/// An X25519 public key is only ever the other party's key: no usages.
const PUBLIC_USAGES: [Usage; 0] = [];

#[derive(Clone)]
pub enum XKey {
    Public(PublicKey),
    Private(StaticSecret),
}

impl XKey {
    pub fn kind(&self) -> KeyType {
        match self {
            XKey::Public(_) => KeyType::Public,
            XKey::Private(_) => KeyType::Private,
        }
    }

    fn public(&self) -> PublicKey {
        match self {
            XKey::Public(k) => *k,
            XKey::Private(k) => PublicKey::from(k),
        }
    }
}

/// "generate key": a pair (public, private).
pub fn generate(usages: &[Usage]) -> Result<(XKey, XKey), CryptoError> {
    check_usages(usages, &PRIVATE_USAGES)?;
    let mut bytes = [0u8; 32];
    random(&mut bytes)?;
    let private = StaticSecret::from(bytes);
    Ok((
        XKey::Public(PublicKey::from(&private)),
        XKey::Private(private),
    ))
}

/// "import key".
pub fn import(
    format: Format,
    data: Data<'_>,
    usages: &[Usage],
    extractable: bool,
) -> Result<XKey, CryptoError> {
    let bad = |what: &str| CryptoError::data(format!("X25519: {what}"));
    check_import_usages(format, &data, usages, &PRIVATE_USAGES, &PUBLIC_USAGES)?;
    let key32 = |bytes: &[u8], what: &str| -> Result<[u8; 32], CryptoError> {
        bytes
            .try_into()
            .map_err(|_| bad(&format!("{what} is not 32 bytes")))
    };
    match (format, data) {
        (Format::Raw, Data::Bytes(bytes)) => {
            Ok(XKey::Public(PublicKey::from(key32(bytes, "a raw key")?)))
        }
        (Format::Spki, Data::Bytes(der)) => {
            let info = SubjectPublicKeyInfoRef::from_der(der)
                .map_err(|e| bad(&format!("not a SubjectPublicKeyInfo ({e})")))?;
            if info.algorithm.oid != OID {
                return Err(bad("the SubjectPublicKeyInfo is not of an X25519 key"));
            }
            let bits = info
                .subject_public_key
                .as_bytes()
                .ok_or_else(|| bad("the public key is not whole bytes"))?;
            Ok(XKey::Public(PublicKey::from(key32(bits, "the key")?)))
        }
        (Format::Pkcs8, Data::Bytes(der)) => {
            let info = PrivateKeyInfo::from_der(der)
                .map_err(|e| bad(&format!("not a PKCS #8 PrivateKeyInfo ({e})")))?;
            if info.algorithm.oid != OID {
                return Err(bad("the PrivateKeyInfo is not of an X25519 key"));
            }
            // RFC 8410 §7: privateKey holds a CurvePrivateKey, itself an
            // OCTET STRING.
            let inner = OctetStringRef::from_der(info.private_key)
                .map_err(|_| bad("the private key is not a CurvePrivateKey"))?;
            Ok(XKey::Private(StaticSecret::from(key32(
                inner.as_bytes(),
                "the private key",
            )?)))
        }
        (Format::Jwk, Data::Jwk(jwk)) => {
            if jwk.kty.as_deref() != Some("OKP") {
                return Err(bad("jwk kty must be \"OKP\""));
            }
            if jwk.crv.as_deref() != Some("X25519") {
                return Err(bad("jwk crv must be \"X25519\""));
            }
            jwk.check_common(usages, extractable, "enc")?;
            let public = PublicKey::from(key32(&Jwk::bytes(&jwk.x, "x")?, "jwk x")?);
            if jwk.d.is_none() {
                return Ok(XKey::Public(public));
            }
            let private = StaticSecret::from(key32(&Jwk::bytes(&jwk.d, "d")?, "jwk d")?);
            if PublicKey::from(&private) != public {
                return Err(bad("jwk d does not match x"));
            }
            Ok(XKey::Private(private))
        }
        _ => unreachable!("the caller pairs formats with their data"),
    }
}

/// "export key".
pub fn export(format: Format, key: &XKey) -> Result<Exported, CryptoError> {
    let failed = |e: pkcs8::der::Error| CryptoError::new("OperationError", e.to_string());
    let algorithm = AlgorithmIdentifierRef {
        oid: OID,
        parameters: None,
    };
    match (format, key) {
        (Format::Raw, XKey::Public(k)) => Ok(Exported::Bytes(k.as_bytes().to_vec())),
        (Format::Spki, XKey::Public(k)) => {
            let info = SubjectPublicKeyInfoRef {
                algorithm,
                subject_public_key: BitStringRef::from_bytes(k.as_bytes()).map_err(failed)?,
            };
            info.to_der().map(Exported::Bytes).map_err(failed)
        }
        (Format::Pkcs8, XKey::Private(k)) => {
            let bytes = k.to_bytes();
            let inner = OctetStringRef::new(&bytes)
                .and_then(|o| o.to_der())
                .map_err(failed)?;
            PrivateKeyInfo::new(algorithm, &inner)
                .to_der()
                .map(Exported::Bytes)
                .map_err(failed)
        }
        (Format::Jwk, key) => {
            use base64::Engine as _;
            let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
            let mut members = vec![
                ("kty", JwkValue::Text("OKP".into())),
                ("crv", JwkValue::Text("X25519".into())),
                ("x", JwkValue::Text(b64(key.public().as_bytes()))),
            ];
            if let XKey::Private(k) = key {
                members.push(("d", JwkValue::Text(b64(&k.to_bytes()))));
            }
            Ok(Exported::Jwk(members))
        }
        _ => Err(CryptoError::new(
            "InvalidAccessError",
            format!("this X25519 key cannot be exported as {format:?}"),
        )),
    }
}

/// "derive bits": X25519(k, u) of our private key and their public key,
/// cut to `length` bits (all 256 when null).
pub fn derive(private: &XKey, public: &XKey, length: Option<u32>) -> Result<Vec<u8>, CryptoError> {
    let (XKey::Private(private), XKey::Public(public)) = (private, public) else {
        return Err(CryptoError::new(
            "InvalidAccessError",
            "X25519: a private key and the other party's public key",
        ));
    };
    let shared = private.diffie_hellman(public);
    // "If secret is the all-zero value, throw an OperationError" (a
    // small-order public key; RFC 7748 §6.1).
    if !shared.was_contributory() {
        return Err(CryptoError::new(
            "OperationError",
            "X25519: the shared secret is all zeros",
        ));
    }
    truncate_secret(shared.as_bytes().to_vec(), length, "X25519")
}
