//! RSA keys, RSASSA-PKCS1-v1_5 (Web Crypto §20) and RSA-PSS (§21) for
//! signatures and RSA-OAEP (§22) for encryption, on RustCrypto's `rsa`:
//! generation, import and export (`spki`, `pkcs8`, `jwk`), sign and
//! verify, encrypt and decrypt. The hash is the key's, fixed when the key
//! is made.

use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, Oaep, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};

use super::algorithm::Hash;
use super::ec::Data;
use super::key::{
    CryptoError, Exported, Format, Jwk, JwkValue, KeyType, Usage, check_import_usages, check_usages,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scheme {
    Pkcs1v15,
    Pss,
    Oaep,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Pkcs1v15 => "RSASSA-PKCS1-v1_5",
            Scheme::Pss => "RSA-PSS",
            Scheme::Oaep => "RSA-OAEP",
        }
    }

    /// The usages of the scheme's private and public keys (§20.8, §21.8,
    /// §22.8 "generate key").
    fn private_usages(self) -> &'static [Usage] {
        match self {
            Scheme::Pkcs1v15 | Scheme::Pss => &[Usage::Sign],
            Scheme::Oaep => &[Usage::Decrypt, Usage::UnwrapKey],
        }
    }

    fn public_usages(self) -> &'static [Usage] {
        match self {
            Scheme::Pkcs1v15 | Scheme::Pss => &[Usage::Verify],
            Scheme::Oaep => &[Usage::Encrypt, Usage::WrapKey],
        }
    }

    /// `(private, public)` usages, for `CryptoKeyPair`s.
    pub fn usages(self) -> (&'static [Usage], &'static [Usage]) {
        (self.private_usages(), self.public_usages())
    }

    /// The JWK `use` a key of this scheme may carry.
    fn jwk_use(self) -> &'static str {
        match self {
            Scheme::Pkcs1v15 | Scheme::Pss => "sig",
            Scheme::Oaep => "enc",
        }
    }

    /// The JWK `alg` for this scheme and hash (RFC 7518 §3.3, §3.5; the
    /// SHA-1 names are Web Crypto's).
    fn jwk_alg(self, hash: Hash) -> &'static str {
        match (self, hash) {
            (Scheme::Pkcs1v15, Hash::Sha1) => "RS1",
            (Scheme::Pkcs1v15, Hash::Sha256) => "RS256",
            (Scheme::Pkcs1v15, Hash::Sha384) => "RS384",
            (Scheme::Pkcs1v15, Hash::Sha512) => "RS512",
            (Scheme::Pss, Hash::Sha1) => "PS1",
            (Scheme::Pss, Hash::Sha256) => "PS256",
            (Scheme::Pss, Hash::Sha384) => "PS384",
            (Scheme::Pss, Hash::Sha512) => "PS512",
            // RFC 7518 §4.3 for SHA-1 and SHA-256; the longer ones are
            // Web Crypto's (§22.8 "import key").
            (Scheme::Oaep, Hash::Sha1) => "RSA-OAEP",
            (Scheme::Oaep, Hash::Sha256) => "RSA-OAEP-256",
            (Scheme::Oaep, Hash::Sha384) => "RSA-OAEP-384",
            (Scheme::Oaep, Hash::Sha512) => "RSA-OAEP-512",
        }
    }
}

#[derive(Clone)]
pub enum Material {
    Public(RsaPublicKey),
    Private(Box<RsaPrivateKey>),
}

#[derive(Clone)]
pub struct RsaKey {
    pub scheme: Scheme,
    pub hash: Hash,
    pub material: Material,
}

impl RsaKey {
    pub fn kind(&self) -> KeyType {
        match self.material {
            Material::Public(_) => KeyType::Public,
            Material::Private(_) => KeyType::Private,
        }
    }

    fn public(&self) -> RsaPublicKey {
        match &self.material {
            Material::Public(k) => k.clone(),
            Material::Private(k) => k.to_public_key(),
        }
    }

    /// `modulusLength` of the key's algorithm.
    pub fn modulus_bits(&self) -> u32 {
        u32::try_from(self.public().n().bits()).unwrap_or(u32::MAX)
    }

    /// `publicExponent` of the key's algorithm (big-endian bytes).
    pub fn public_exponent(&self) -> Vec<u8> {
        self.public().e().to_bytes_be()
    }
}

/// §20.8 "generate key": a pair (public, private).
pub fn generate(
    scheme: Scheme,
    hash: Hash,
    modulus_length: u32,
    public_exponent: &[u8],
    usages: &[Usage],
) -> Result<(RsaKey, RsaKey), CryptoError> {
    check_usages(
        usages,
        &[scheme.private_usages(), scheme.public_usages()].concat(),
    )?;
    // The sizes browsers accept (Chrome: 256 to 16384 bits, whole bytes).
    if !(256..=16384).contains(&modulus_length) || !modulus_length.is_multiple_of(8) {
        return Err(CryptoError::new(
            "OperationError",
            format!("RSA: a modulus of {modulus_length} bits is not supported"),
        ));
    }
    let exponent = BigUint::from_bytes_be(public_exponent);
    let private = RsaPrivateKey::new_with_exp(
        &mut rsa::rand_core::OsRng,
        modulus_length as usize,
        &exponent,
    )
    .map_err(|e| CryptoError::new("OperationError", format!("RSA: {e}")))?;
    let public = private.to_public_key();
    Ok((
        RsaKey {
            scheme,
            hash,
            material: Material::Public(public),
        },
        RsaKey {
            scheme,
            hash,
            material: Material::Private(Box::new(private)),
        },
    ))
}

/// §20.8 "import key".
pub fn import(
    format: Format,
    data: Data<'_>,
    scheme: Scheme,
    hash: Hash,
    usages: &[Usage],
    extractable: bool,
) -> Result<RsaKey, CryptoError> {
    let bad = |what: &str| CryptoError::data(format!("{}: {what}", scheme.name()));
    if !matches!(format, Format::Raw) {
        check_import_usages(
            format,
            &data,
            usages,
            scheme.private_usages(),
            scheme.public_usages(),
        )?;
    }
    let material = match (format, data) {
        (Format::Spki, Data::Bytes(der)) => Material::Public(
            RsaPublicKey::from_public_key_der(der)
                .map_err(|e| bad(&format!("not an RSA SubjectPublicKeyInfo ({e})")))?,
        ),
        (Format::Pkcs8, Data::Bytes(der)) => Material::Private(Box::new(
            RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| bad(&format!("not an RSA PKCS #8 private key ({e})")))?,
        )),
        (Format::Jwk, Data::Jwk(jwk)) => {
            let private = jwk.d.is_some();
            if jwk.kty.as_deref() != Some("RSA") {
                return Err(bad("jwk kty must be \"RSA\""));
            }
            if let Some(alg) = &jwk.alg
                && alg != scheme.jwk_alg(hash)
            {
                return Err(bad(&format!(
                    "jwk alg {alg:?} does not match {} with {}",
                    scheme.name(),
                    hash.name()
                )));
            }
            jwk.check_common(usages, extractable, scheme.jwk_use())?;
            let number = |member: &Option<String>, name: &str| {
                Jwk::bytes(member, name).map(|b| BigUint::from_bytes_be(&b))
            };
            let n = number(&jwk.n, "n")?;
            let e = number(&jwk.e, "e")?;
            if private {
                let d = number(&jwk.d, "d")?;
                // RFC 7518 §6.3.2: the CRT members come all together or
                // not at all; without them the primes are recovered.
                let crt = [&jwk.p, &jwk.q, &jwk.dp, &jwk.dq, &jwk.qi];
                let primes = if crt.iter().all(|m| m.is_some()) {
                    // dp, dq and qi follow from d, p and q: the key is
                    // rebuilt from those and validated.
                    vec![number(&jwk.p, "p")?, number(&jwk.q, "q")?]
                } else if crt.iter().all(|m| m.is_none()) {
                    Vec::new()
                } else {
                    return Err(bad(
                        "jwk p, q, dp, dq and qi come all together or not at all",
                    ));
                };
                let key = RsaPrivateKey::from_components(n, e, d, primes)
                    .map_err(|e| bad(&format!("not a valid private key ({e})")))?;
                key.validate()
                    .map_err(|e| bad(&format!("not a valid private key ({e})")))?;
                Material::Private(Box::new(key))
            } else {
                Material::Public(
                    RsaPublicKey::new(n, e)
                        .map_err(|e| bad(&format!("not a valid public key ({e})")))?,
                )
            }
        }
        _ => {
            return Err(CryptoError::new(
                "NotSupportedError",
                format!("{} keys import from spki, pkcs8 or jwk", scheme.name()),
            ));
        }
    };
    Ok(RsaKey {
        scheme,
        hash,
        material,
    })
}

/// §20.8 "export key".
pub fn export(format: Format, key: &RsaKey) -> Result<Exported, CryptoError> {
    let wrong_type = || {
        CryptoError::new(
            "InvalidAccessError",
            format!("this RSA key cannot be exported as {format:?}"),
        )
    };
    let failed = |e: String| CryptoError::new("OperationError", e);
    match (format, &key.material) {
        (Format::Spki, Material::Public(k)) => k
            .to_public_key_der()
            .map(|der| Exported::Bytes(der.as_bytes().to_vec()))
            .map_err(|e| failed(e.to_string())),
        (Format::Pkcs8, Material::Private(k)) => k
            .to_pkcs8_der()
            .map(|der| Exported::Bytes(der.as_bytes().to_vec()))
            .map_err(|e| failed(e.to_string())),
        (Format::Spki | Format::Pkcs8, _) => Err(wrong_type()),
        (Format::Raw, _) => Err(CryptoError::new(
            "NotSupportedError",
            "RSA keys have no raw format",
        )),
        (Format::Jwk, material) => {
            use base64::Engine as _;
            let b64 = |n: &BigUint| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(n.to_bytes_be())
            };
            let public = key.public();
            let mut members = vec![
                ("kty", JwkValue::Text("RSA".into())),
                ("alg", JwkValue::Text(key.scheme.jwk_alg(key.hash).into())),
                ("n", JwkValue::Text(b64(public.n()))),
                ("e", JwkValue::Text(b64(public.e()))),
            ];
            if let Material::Private(k) = material {
                let mut k = (**k).clone();
                k.precompute().map_err(|e| failed(e.to_string()))?;
                let primes = k.primes();
                let (Some(dp), Some(dq), Some(qi)) = (k.dp(), k.dq(), k.crt_coefficient()) else {
                    return Err(failed("cannot compute the CRT parameters".into()));
                };
                members.push(("d", JwkValue::Text(b64(k.d()))));
                members.push(("p", JwkValue::Text(b64(&primes[0]))));
                members.push(("q", JwkValue::Text(b64(&primes[1]))));
                members.push(("dp", JwkValue::Text(b64(dp))));
                members.push(("dq", JwkValue::Text(b64(dq))));
                members.push(("qi", JwkValue::Text(b64(&qi))));
            }
            Ok(Exported::Jwk(members))
        }
    }
}

/// The PKCS #1 v1.5 signature scheme for `hash` (the DigestInfo prefix).
fn pkcs1v15(hash: Hash) -> Pkcs1v15Sign {
    match hash {
        Hash::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
        Hash::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        Hash::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
        Hash::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
    }
}

fn pss(hash: Hash, salt_length: usize) -> Pss {
    match hash {
        Hash::Sha1 => Pss::new_with_salt::<sha1::Sha1>(salt_length),
        Hash::Sha256 => Pss::new_with_salt::<sha2::Sha256>(salt_length),
        Hash::Sha384 => Pss::new_with_salt::<sha2::Sha384>(salt_length),
        Hash::Sha512 => Pss::new_with_salt::<sha2::Sha512>(salt_length),
    }
}

/// RSA-OAEP with `hash` for both the label and MGF1 (§22.3), and the
/// label. `rsa` 0.9 holds a label as a `String`: a label that is not UTF-8
/// cannot be passed to it and is refused (NotSupportedError).
fn oaep(hash: Hash, label: &[u8]) -> Result<Oaep, CryptoError> {
    let label = std::str::from_utf8(label).map_err(|_| {
        CryptoError::new(
            "NotSupportedError",
            "RSA-OAEP: a label that is not UTF-8 text is not supported",
        )
    })?;
    let mut padding = match hash {
        Hash::Sha1 => Oaep::new::<sha1::Sha1>(),
        Hash::Sha256 => Oaep::new::<sha2::Sha256>(),
        Hash::Sha384 => Oaep::new::<sha2::Sha384>(),
        Hash::Sha512 => Oaep::new::<sha2::Sha512>(),
    };
    // An empty label and no label are the same (RFC 8017 §7.1.1: L
    // defaults to the empty string).
    if !label.is_empty() {
        padding.label = Some(label.to_owned());
    }
    Ok(padding)
}

/// §22.3 RSA-OAEP "encrypt" with the public key; a message too long for
/// the key is an OperationError.
pub fn encrypt(key: &RsaKey, label: &[u8], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let Material::Public(public) = &key.material else {
        return Err(CryptoError::new(
            "InvalidAccessError",
            "RSA-OAEP encrypts with a public key",
        ));
    };
    public
        .encrypt(&mut rsa::rand_core::OsRng, oaep(key.hash, label)?, data)
        .map_err(|e| CryptoError::new("OperationError", format!("RSA-OAEP: {e}")))
}

/// §22.3 RSA-OAEP "decrypt" with the private key (blinded against timing
/// attacks); any failure is one OperationError, whatever went wrong, so
/// that it tells an attacker nothing (RFC 8017 §7.1.2 note).
pub fn decrypt(key: &RsaKey, label: &[u8], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let Material::Private(private) = &key.material else {
        return Err(CryptoError::new(
            "InvalidAccessError",
            "RSA-OAEP decrypts with a private key",
        ));
    };
    private
        .decrypt_blinded(&mut rsa::rand_core::OsRng, oaep(key.hash, label)?, data)
        .map_err(|_| CryptoError::new("OperationError", "RSA-OAEP: decryption failed"))
}

/// §20.5 / §21.5 "sign"; `salt_length` for RSA-PSS.
pub fn sign(key: &RsaKey, salt_length: Option<u32>, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let Material::Private(private) = &key.material else {
        return Err(CryptoError::new(
            "InvalidAccessError",
            "RSA signs with a private key",
        ));
    };
    let digest = key.hash.digest(data);
    let signed = match key.scheme {
        Scheme::Pkcs1v15 => private.sign(pkcs1v15(key.hash), &digest),
        Scheme::Pss => private.sign_with_rng(
            &mut rsa::rand_core::OsRng,
            pss(key.hash, salt_length.unwrap_or(0) as usize),
            &digest,
        ),
        Scheme::Oaep => {
            return Err(CryptoError::new(
                "InvalidAccessError",
                "RSA-OAEP keys do not sign",
            ));
        }
    };
    signed.map_err(|e| CryptoError::new("OperationError", format!("RSA: {e}")))
}

/// §20.5 / §21.5 "verify".
pub fn verify(
    key: &RsaKey,
    salt_length: Option<u32>,
    signature: &[u8],
    data: &[u8],
) -> Result<bool, CryptoError> {
    let Material::Public(public) = &key.material else {
        return Err(CryptoError::new(
            "InvalidAccessError",
            "RSA verifies with a public key",
        ));
    };
    let digest = key.hash.digest(data);
    Ok(match key.scheme {
        Scheme::Pkcs1v15 => public.verify(pkcs1v15(key.hash), &digest, signature),
        Scheme::Pss => public.verify(
            pss(key.hash, salt_length.unwrap_or(0) as usize),
            &digest,
            signature,
        ),
        Scheme::Oaep => {
            return Err(CryptoError::new(
                "InvalidAccessError",
                "RSA-OAEP keys do not verify",
            ));
        }
    }
    .is_ok())
}
