//! ECDSA (Web Crypto §23) and ECDH (§24) keys on P-256, P-384 and P-521,
//! on RustCrypto's `p256`, `p384` and `p521`: generation, import and
//! export (`spki`, `pkcs8`, `raw`, `jwk`), signatures in the IEEE P1363
//! form (r ‖ s) the spec uses, and ECDH shared secrets.

use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};

use super::algorithm::Hash;
pub use super::key::Data;
use super::key::{
    CryptoError, Exported, Format, Jwk, JwkValue, KeyType, Usage, check_import_usages, check_usages,
};

/// `NamedCurve`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// Curve names compare case-sensitively (§23.7).
    pub fn from_name(name: &str) -> Option<Curve> {
        match name {
            "P-256" => Some(Curve::P256),
            "P-384" => Some(Curve::P384),
            "P-521" => Some(Curve::P521),
            _ => None,
        }
    }

    /// The JWK `alg` of an ECDSA key on this curve (RFC 7518 §3.4).
    fn jwk_alg(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::P521 => "ES512",
        }
    }
}

#[derive(Clone)]
pub enum EcKey {
    P256Public(p256::PublicKey),
    P256Private(p256::SecretKey),
    P384Public(p384::PublicKey),
    P384Private(p384::SecretKey),
    P521Public(p521::PublicKey),
    P521Private(p521::SecretKey),
}

impl EcKey {
    pub fn curve(&self) -> Curve {
        match self {
            EcKey::P256Public(_) | EcKey::P256Private(_) => Curve::P256,
            EcKey::P384Public(_) | EcKey::P384Private(_) => Curve::P384,
            EcKey::P521Public(_) | EcKey::P521Private(_) => Curve::P521,
        }
    }

    pub fn kind(&self) -> KeyType {
        match self {
            EcKey::P256Public(_) | EcKey::P384Public(_) | EcKey::P521Public(_) => KeyType::Public,
            EcKey::P256Private(_) | EcKey::P384Private(_) | EcKey::P521Private(_) => {
                KeyType::Private
            }
        }
    }

    /// The public half (the key itself for a public key).
    pub fn public(&self) -> EcKey {
        match self {
            EcKey::P256Private(k) => EcKey::P256Public(k.public_key()),
            EcKey::P384Private(k) => EcKey::P384Public(k.public_key()),
            EcKey::P521Private(k) => EcKey::P521Public(k.public_key()),
            public => public.clone(),
        }
    }

    /// The size of the curve's order in bytes (521 bits round up to 66).
    fn field_len(&self) -> usize {
        match self.curve() {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The `hash` digest of `data` as ECDSA's message representative: a
    /// digest shorter than the curve order is its integer value, i.e. the
    /// digest left-padded with zeros (SEC 1 §4.1.3 step 5; the `ecdsa`
    /// crate refuses prehashes under half the field size otherwise, and
    /// Web Crypto allows SHA-1 with P-384).
    fn message(&self, hash: Hash, data: &[u8]) -> Vec<u8> {
        let digest = hash.digest(data);
        let field = self.field_len();
        if digest.len() >= field {
            return digest;
        }
        let mut padded = vec![0u8; field - digest.len()];
        padded.extend_from_slice(&digest);
        padded
    }

    /// The uncompressed point (SEC 1 §2.3.3), for `raw` and the JWK
    /// coordinates.
    fn point(&self) -> Vec<u8> {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        match self.public() {
            EcKey::P256Public(k) => k.to_encoded_point(false).as_bytes().to_vec(),
            EcKey::P384Public(k) => k.to_encoded_point(false).as_bytes().to_vec(),
            EcKey::P521Public(k) => k.to_encoded_point(false).as_bytes().to_vec(),
            _ => unreachable!("public() gives a public key"),
        }
    }
}

/// What an EC key is for: ECDSA signatures (§23) or ECDH key agreement
/// (§24). The key material is the same; usages and JWK `use` differ.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Purpose {
    Ecdsa,
    Ecdh,
}

impl Purpose {
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Ecdsa => "ECDSA",
            Purpose::Ecdh => "ECDH",
        }
    }

    pub fn private_usages(self) -> &'static [Usage] {
        match self {
            Purpose::Ecdsa => &[Usage::Sign],
            Purpose::Ecdh => &[Usage::DeriveKey, Usage::DeriveBits],
        }
    }

    pub fn public_usages(self) -> &'static [Usage] {
        match self {
            Purpose::Ecdsa => &[Usage::Verify],
            // An ECDH public key is only ever the other party's key.
            Purpose::Ecdh => &[],
        }
    }

    fn jwk_use(self) -> &'static str {
        match self {
            Purpose::Ecdsa => "sig",
            Purpose::Ecdh => "enc",
        }
    }
}

/// A new key pair (public, private).
pub fn generate(
    curve: Curve,
    purpose: Purpose,
    usages: &[Usage],
) -> Result<(EcKey, EcKey), CryptoError> {
    let allowed: Vec<Usage> = [purpose.private_usages(), purpose.public_usages()].concat();
    check_usages(usages, &allowed)?;
    // A uniformly random scalar: retry the (vanishingly rare) out-of-range
    // draws rather than reduce, which would bias it.
    loop {
        let private = match curve {
            Curve::P256 => {
                let mut bytes = [0u8; 32];
                random(&mut bytes)?;
                p256::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(EcKey::P256Private)
            }
            Curve::P384 => {
                let mut bytes = [0u8; 48];
                random(&mut bytes)?;
                p384::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(EcKey::P384Private)
            }
            Curve::P521 => {
                let mut bytes = [0u8; 66];
                random(&mut bytes)?;
                // The order is a 521-bit number: the 7 high bits of the
                // 66 bytes are zero in every scalar. Clearing them keeps
                // the draw uniform and makes a retry rare.
                bytes[0] &= 0x01;
                p521::SecretKey::from_slice(&bytes)
                    .ok()
                    .map(EcKey::P521Private)
            }
        };
        if let Some(private) = private {
            return Ok((private.public(), private));
        }
    }
}

pub(super) fn random(bytes: &mut [u8]) -> Result<(), CryptoError> {
    getrandom::getrandom(bytes).map_err(|e| {
        CryptoError::new(
            "OperationError",
            format!("the system's random source failed: {e}"),
        )
    })
}

/// §23.7 "import key".
pub fn import(
    format: Format,
    data: Data<'_>,
    curve: Curve,
    purpose: Purpose,
    usages: &[Usage],
    extractable: bool,
) -> Result<EcKey, CryptoError> {
    let bad =
        |what: &str| CryptoError::data(format!("{} {}: {what}", purpose.name(), curve.name()));
    check_import_usages(
        format,
        &data,
        usages,
        purpose.private_usages(),
        purpose.public_usages(),
    )?;
    let key = match (format, data) {
        (Format::Spki, Data::Bytes(der)) => match curve {
            Curve::P256 => p256::PublicKey::from_public_key_der(der).map(EcKey::P256Public),
            Curve::P384 => p384::PublicKey::from_public_key_der(der).map(EcKey::P384Public),
            Curve::P521 => p521::PublicKey::from_public_key_der(der).map(EcKey::P521Public),
        }
        .map_err(|e| bad(&format!("not a SubjectPublicKeyInfo for this curve ({e})")))?,
        (Format::Pkcs8, Data::Bytes(der)) => match curve {
            Curve::P256 => p256::SecretKey::from_pkcs8_der(der).map(EcKey::P256Private),
            Curve::P384 => p384::SecretKey::from_pkcs8_der(der).map(EcKey::P384Private),
            Curve::P521 => p521::SecretKey::from_pkcs8_der(der).map(EcKey::P521Private),
        }
        .map_err(|e| bad(&format!("not a PKCS #8 private key for this curve ({e})")))?,
        (Format::Raw, Data::Bytes(point)) => {
            public_from_point(curve, point).map_err(|_| bad("not a point on the curve"))?
        }
        (Format::Jwk, Data::Jwk(jwk)) => {
            let private = jwk.d.is_some();
            if jwk.kty.as_deref() != Some("EC") {
                return Err(bad("jwk kty must be \"EC\""));
            }
            jwk.check_common(usages, extractable, purpose.jwk_use())?;
            if jwk.crv.as_deref() != Some(curve.name()) {
                return Err(bad("jwk crv does not match namedCurve"));
            }
            // ECDH keys serve several JWA algorithms (ECDH-ES, ...): only
            // an ECDSA key's `alg` is checked.
            if purpose == Purpose::Ecdsa
                && let Some(alg) = &jwk.alg
                && alg != curve.jwk_alg()
            {
                return Err(bad(&format!("jwk alg {alg:?} is not {}", curve.jwk_alg())));
            }
            let x = Jwk::bytes(&jwk.x, "x")?;
            let y = Jwk::bytes(&jwk.y, "y")?;
            let mut point = vec![4u8];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            let public = public_from_point(curve, &point)
                .map_err(|_| bad("jwk x and y are not a point on the curve"))?;
            if private {
                let d = Jwk::bytes(&jwk.d, "d")?;
                let key = match curve {
                    Curve::P256 => p256::SecretKey::from_slice(&d).map(EcKey::P256Private),
                    Curve::P384 => p384::SecretKey::from_slice(&d).map(EcKey::P384Private),
                    Curve::P521 => p521::SecretKey::from_slice(&d).map(EcKey::P521Private),
                }
                .map_err(|_| bad("jwk d is not a private key for this curve"))?;
                if key.point() != public.point() {
                    return Err(bad("jwk d does not match x and y"));
                }
                key
            } else {
                public
            }
        }
        _ => unreachable!("the caller pairs formats with their data"),
    };
    Ok(key)
}

/// A public key from its SEC 1 encoding (compressed or not).
fn public_from_point(curve: Curve, point: &[u8]) -> Result<EcKey, p256::elliptic_curve::Error> {
    match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(point).map(EcKey::P256Public),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(point).map(EcKey::P384Public),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(point).map(EcKey::P521Public),
    }
}

/// §23.7 "export key".
pub fn export(format: Format, key: &EcKey) -> Result<Exported, CryptoError> {
    let not_this_type = || {
        CryptoError::new(
            "InvalidAccessError",
            format!(
                "a {} ECDSA key cannot be exported as {format:?}",
                kind_name(key)
            ),
        )
    };
    let der_failed =
        |e: p256::pkcs8::spki::Error| CryptoError::new("OperationError", e.to_string());
    match format {
        Format::Spki => match key {
            EcKey::P256Public(k) => k.to_public_key_der().map_err(der_failed),
            EcKey::P384Public(k) => k.to_public_key_der().map_err(der_failed),
            EcKey::P521Public(k) => k.to_public_key_der().map_err(der_failed),
            _ => return Err(not_this_type()),
        }
        .map(|der| Exported::Bytes(der.as_bytes().to_vec())),
        Format::Pkcs8 => match key {
            EcKey::P256Private(k) => k.to_pkcs8_der(),
            EcKey::P384Private(k) => k.to_pkcs8_der(),
            EcKey::P521Private(k) => k.to_pkcs8_der(),
            _ => return Err(not_this_type()),
        }
        .map(|der| Exported::Bytes(der.as_bytes().to_vec()))
        .map_err(|e| CryptoError::new("OperationError", e.to_string())),
        Format::Raw => match key.kind() {
            KeyType::Public => Ok(Exported::Bytes(key.point())),
            _ => Err(not_this_type()),
        },
        Format::Jwk => {
            use base64::Engine as _;
            let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
            let point = key.point();
            let n = (point.len() - 1) / 2;
            let mut members = vec![
                ("kty", JwkValue::Text("EC".into())),
                ("crv", JwkValue::Text(key.curve().name().into())),
                ("x", JwkValue::Text(b64(&point[1..=n]))),
                ("y", JwkValue::Text(b64(&point[1 + n..]))),
            ];
            match key {
                EcKey::P256Private(k) => members.push(("d", JwkValue::Text(b64(&k.to_bytes())))),
                EcKey::P384Private(k) => members.push(("d", JwkValue::Text(b64(&k.to_bytes())))),
                EcKey::P521Private(k) => members.push(("d", JwkValue::Text(b64(&k.to_bytes())))),
                _ => {}
            }
            Ok(Exported::Jwk(members))
        }
    }
}

fn kind_name(key: &EcKey) -> &'static str {
    match key.kind() {
        KeyType::Public => "public",
        _ => "private",
    }
}

/// §23.4 "sign": the P1363 signature over the `hash` digest of `data`
/// (deterministic nonces, RFC 6979).
pub fn sign(key: &EcKey, hash: Hash, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    let digest = key.message(hash, data);
    let failed = |e: p256::ecdsa::Error| CryptoError::new("OperationError", e.to_string());
    match key {
        EcKey::P256Private(k) => {
            let signer = p256::ecdsa::SigningKey::from(k);
            let signature: p256::ecdsa::Signature = signer.sign_prehash(&digest).map_err(failed)?;
            Ok(signature.to_bytes().to_vec())
        }
        EcKey::P384Private(k) => {
            let signer = p384::ecdsa::SigningKey::from(k);
            let signature: p384::ecdsa::Signature = signer.sign_prehash(&digest).map_err(failed)?;
            Ok(signature.to_bytes().to_vec())
        }
        EcKey::P521Private(k) => {
            // p521 wraps the generic ECDSA signer in a type of its own,
            // built from the scalar's bytes.
            let signer = p521::ecdsa::SigningKey::from_bytes(&k.to_bytes()).map_err(failed)?;
            let signature: p521::ecdsa::Signature = signer.sign_prehash(&digest).map_err(failed)?;
            Ok(signature.to_bytes().to_vec())
        }
        _ => Err(CryptoError::new(
            "InvalidAccessError",
            "ECDSA signs with a private key",
        )),
    }
}

/// §23.4 "verify": false for a signature of the wrong length or form.
pub fn verify(key: &EcKey, hash: Hash, signature: &[u8], data: &[u8]) -> Result<bool, CryptoError> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let digest = key.message(hash, data);
    Ok(match key {
        EcKey::P256Public(k) => {
            let verifier = p256::ecdsa::VerifyingKey::from(k);
            p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| verifier.verify_prehash(&digest, &s).is_ok())
        }
        EcKey::P384Public(k) => {
            let verifier = p384::ecdsa::VerifyingKey::from(k);
            p384::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| verifier.verify_prehash(&digest, &s).is_ok())
        }
        EcKey::P521Public(k) => {
            let Ok(verifier) = p521::ecdsa::VerifyingKey::from_affine(*k.as_affine()) else {
                return Ok(false);
            };
            p521::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| verifier.verify_prehash(&digest, &s).is_ok())
        }
        _ => {
            return Err(CryptoError::new(
                "InvalidAccessError",
                "ECDSA verifies with a public key",
            ));
        }
    })
}

/// §24.4 ECDH "derive bits": the x-coordinate of the shared point, cut to
/// `length` bits (all of it when null).
pub fn derive(
    private: &EcKey,
    public: &EcKey,
    length: Option<u32>,
) -> Result<Vec<u8>, CryptoError> {
    let secret = match (private, public) {
        (EcKey::P256Private(k), EcKey::P256Public(p)) => {
            p256::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        (EcKey::P384Private(k), EcKey::P384Public(p)) => {
            p384::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        (EcKey::P521Private(k), EcKey::P521Public(p)) => {
            p521::ecdh::diffie_hellman(k.to_nonzero_scalar(), p.as_affine())
                .raw_secret_bytes()
                .to_vec()
        }
        _ => {
            return Err(CryptoError::new(
                "InvalidAccessError",
                "ECDH: a private key and a public key on the same curve",
            ));
        }
    };
    truncate_secret(secret, length, "ECDH")
}

/// The first `length` bits of a shared secret (all of it when null); more
/// bits than the secret has is an OperationError (§24.4 ECDH and Secure
/// Curves X25519 "derive bits").
pub(super) fn truncate_secret(
    mut secret: Vec<u8>,
    length: Option<u32>,
    what: &str,
) -> Result<Vec<u8>, CryptoError> {
    let Some(length) = length else {
        return Ok(secret);
    };
    let available = secret.len() as u32 * 8;
    if length > available {
        return Err(CryptoError::new(
            "OperationError",
            format!("{what}: {length} bits asked for, the secret has {available}"),
        ));
    }
    secret.truncate(length.div_ceil(8) as usize);
    let extra = (8 - length % 8) % 8;
    if let Some(last) = secret.last_mut() {
        *last &= 0xffu8 << extra;
    }
    Ok(secret)
}
