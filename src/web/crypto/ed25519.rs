//! Ed25519 keys (Web Crypto "Secure Curves", RFC 8032) on
//! `ed25519-dalek`: generation, import and export (`spki`, `pkcs8`,
//! `raw`, `jwk` with `kty: "OKP"`), sign and verify.

use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

use super::ec::{Data, random};
use super::key::{
    CryptoError, Exported, Format, Jwk, JwkValue, KeyType, Usage, check_import_usages, check_usages,
};

#[derive(Clone)]
pub enum EdKey {
    Public(VerifyingKey),
    Private(SigningKey),
}

impl EdKey {
    pub fn kind(&self) -> KeyType {
        match self {
            EdKey::Public(_) => KeyType::Public,
            EdKey::Private(_) => KeyType::Private,
        }
    }

    fn public(&self) -> VerifyingKey {
        match self {
            EdKey::Public(k) => *k,
            EdKey::Private(k) => k.verifying_key(),
        }
    }
}

const PRIVATE_USAGES: [Usage; 1] = [Usage::Sign];
const PUBLIC_USAGES: [Usage; 1] = [Usage::Verify];

/// A new key pair (public, private).
pub fn generate(usages: &[Usage]) -> Result<(EdKey, EdKey), CryptoError> {
    check_usages(usages, &[Usage::Sign, Usage::Verify])?;
    let mut seed = [0u8; 32];
    random(&mut seed)?;
    let private = SigningKey::from_bytes(&seed);
    Ok((
        EdKey::Public(private.verifying_key()),
        EdKey::Private(private),
    ))
}

pub fn import(
    format: Format,
    data: Data<'_>,
    usages: &[Usage],
    extractable: bool,
) -> Result<EdKey, CryptoError> {
    let bad = |what: &str| CryptoError::data(format!("Ed25519: {what}"));
    check_import_usages(format, &data, usages, &PRIVATE_USAGES, &PUBLIC_USAGES)?;
    match (format, data) {
        (Format::Spki, Data::Bytes(der)) => VerifyingKey::from_public_key_der(der)
            .map(EdKey::Public)
            .map_err(|e| bad(&format!("not an Ed25519 SubjectPublicKeyInfo ({e})"))),
        (Format::Pkcs8, Data::Bytes(der)) => SigningKey::from_pkcs8_der(der)
            .map(EdKey::Private)
            .map_err(|e| bad(&format!("not an Ed25519 PKCS #8 private key ({e})"))),
        (Format::Raw, Data::Bytes(bytes)) => {
            let bytes: [u8; 32] = bytes
                .try_into()
                .map_err(|_| bad("a raw public key is 32 bytes"))?;
            VerifyingKey::from_bytes(&bytes)
                .map(EdKey::Public)
                .map_err(|_| bad("not a valid public key"))
        }
        (Format::Jwk, Data::Jwk(jwk)) => {
            let private = jwk.d.is_some();
            if jwk.kty.as_deref() != Some("OKP") {
                return Err(bad("jwk kty must be \"OKP\""));
            }
            if jwk.crv.as_deref() != Some("Ed25519") {
                return Err(bad("jwk crv must be \"Ed25519\""));
            }
            if let Some(alg) = &jwk.alg
                && alg != "EdDSA"
                && alg != "Ed25519"
            {
                return Err(bad(&format!("jwk alg {alg:?} is not EdDSA")));
            }
            jwk.check_common(usages, extractable, "sig")?;
            let x: [u8; 32] = Jwk::bytes(&jwk.x, "x")?
                .try_into()
                .map_err(|_| bad("jwk x is not 32 bytes"))?;
            let public = VerifyingKey::from_bytes(&x).map_err(|_| bad("jwk x is not a key"))?;
            if private {
                let d: [u8; 32] = Jwk::bytes(&jwk.d, "d")?
                    .try_into()
                    .map_err(|_| bad("jwk d is not 32 bytes"))?;
                let key = SigningKey::from_bytes(&d);
                if key.verifying_key() != public {
                    return Err(bad("jwk d does not match x"));
                }
                Ok(EdKey::Private(key))
            } else {
                Ok(EdKey::Public(public))
            }
        }
        _ => unreachable!("the caller pairs formats with their data"),
    }
}

pub fn export(format: Format, key: &EdKey) -> Result<Exported, CryptoError> {
    let not_this_type = || {
        CryptoError::new(
            "InvalidAccessError",
            format!("this Ed25519 key cannot be exported as {format:?}"),
        )
    };
    let failed = |e: String| CryptoError::new("OperationError", e);
    match (format, key) {
        (Format::Spki, EdKey::Public(k)) => k
            .to_public_key_der()
            .map(|der| Exported::Bytes(der.as_bytes().to_vec()))
            .map_err(|e| failed(e.to_string())),
        // PKCS #8 v1 (RFC 8410 §7: the seed alone, 48 bytes), as node,
        // deno and browsers write it; ed25519-dalek's own encoder writes
        // v2 with the public key.
        (Format::Pkcs8, EdKey::Private(k)) => ed25519_dalek::pkcs8::KeypairBytes {
            secret_key: k.to_bytes(),
            public_key: None,
        }
        .to_pkcs8_der()
        .map(|der| Exported::Bytes(der.as_bytes().to_vec()))
        .map_err(|e| failed(e.to_string())),
        (Format::Raw, EdKey::Public(k)) => Ok(Exported::Bytes(k.to_bytes().to_vec())),
        (Format::Jwk, key) => {
            use base64::Engine as _;
            let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
            let mut members = vec![
                ("kty", JwkValue::Text("OKP".into())),
                ("crv", JwkValue::Text("Ed25519".into())),
                ("x", JwkValue::Text(b64(key.public().as_bytes()))),
            ];
            if let EdKey::Private(k) = key {
                members.push(("d", JwkValue::Text(b64(&k.to_bytes()))));
            }
            Ok(Exported::Jwk(members))
        }
        _ => Err(not_this_type()),
    }
}

pub fn sign(key: &EdKey, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    match key {
        EdKey::Private(k) => Ok(k.sign(data).to_bytes().to_vec()),
        EdKey::Public(_) => Err(CryptoError::new(
            "InvalidAccessError",
            "Ed25519 signs with a private key",
        )),
    }
}

pub fn verify(key: &EdKey, signature: &[u8], data: &[u8]) -> Result<bool, CryptoError> {
    match key {
        EdKey::Public(k) => Ok(ed25519_dalek::Signature::from_slice(signature)
            .is_ok_and(|s| k.verify_strict(data, &s).is_ok())),
        EdKey::Private(_) => Err(CryptoError::new(
            "InvalidAccessError",
            "Ed25519 verifies with a public key",
        )),
    }
}
