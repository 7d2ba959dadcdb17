//! Key derivation from secret material: PBKDF2 (Web Crypto §31, RFC 8018)
//! and HKDF (§30, RFC 5869), on RustCrypto's `pbkdf2` and `hkdf`. Their
//! keys are imported from `raw` bytes only and are never extractable.

use hmac::Hmac;
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

use super::algorithm::Hash;
use super::ec::Data;
use super::key::{CryptoError, Format, Usage, check_usages};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kdf {
    Pbkdf2,
    Hkdf,
}

impl Kdf {
    pub fn name(self) -> &'static str {
        match self {
            Kdf::Pbkdf2 => "PBKDF2",
            Kdf::Hkdf => "HKDF",
        }
    }
}

/// The parameters of one deriveBits call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Params {
    /// Pbkdf2Params.
    Pbkdf2 {
        hash: Hash,
        iterations: u32,
        salt: Vec<u8>,
    },
    /// HkdfParams.
    Hkdf {
        hash: Hash,
        info: Vec<u8>,
        salt: Vec<u8>,
    },
}

#[derive(Clone)]
pub struct KdfKey {
    pub kdf: Kdf,
    pub secret: Vec<u8>,
}

/// "import key" (§30.4, §31.4): raw bytes, not extractable, usages
/// deriveKey and deriveBits only.
pub fn import(
    format: Format,
    data: Data<'_>,
    kdf: Kdf,
    usages: &[Usage],
    extractable: bool,
) -> Result<KdfKey, CryptoError> {
    let (Format::Raw, Data::Bytes(bytes)) = (format, data) else {
        return Err(CryptoError::new(
            "NotSupportedError",
            format!("{} keys import from \"raw\" only", kdf.name()),
        ));
    };
    check_usages(usages, &[Usage::DeriveKey, Usage::DeriveBits])?;
    if extractable {
        return Err(CryptoError::new(
            "SyntaxError",
            format!("{} keys cannot be extractable", kdf.name()),
        ));
    }
    Ok(KdfKey {
        kdf,
        secret: bytes.to_vec(),
    })
}

/// "derive bits" (§30.3, §31.3): `length` bits, a multiple of 8.
pub fn derive_bits(
    key: &KdfKey,
    params: &Params,
    length: Option<u32>,
) -> Result<Vec<u8>, CryptoError> {
    let name = key.kdf.name();
    let Some(length) = length else {
        return Err(CryptoError::new(
            "OperationError",
            format!("{name}: deriveBits needs a length"),
        ));
    };
    if length % 8 != 0 {
        return Err(CryptoError::new(
            "OperationError",
            format!("{name}: the length {length} is not a multiple of 8"),
        ));
    }
    let mut out = vec![0u8; (length / 8) as usize];
    match params {
        Params::Pbkdf2 {
            hash,
            iterations,
            salt,
        } => {
            if *iterations == 0 {
                return Err(CryptoError::new(
                    "OperationError",
                    "PBKDF2: iterations must not be 0",
                ));
            }
            let (secret, rounds) = (&key.secret, *iterations);
            let result = match hash {
                Hash::Sha1 => pbkdf2::pbkdf2::<Hmac<Sha1>>(secret, salt, rounds, &mut out),
                Hash::Sha256 => pbkdf2::pbkdf2::<Hmac<Sha256>>(secret, salt, rounds, &mut out),
                Hash::Sha384 => pbkdf2::pbkdf2::<Hmac<Sha384>>(secret, salt, rounds, &mut out),
                Hash::Sha512 => pbkdf2::pbkdf2::<Hmac<Sha512>>(secret, salt, rounds, &mut out),
            };
            result.map_err(|e| CryptoError::new("OperationError", format!("PBKDF2: {e}")))?;
        }
        Params::Hkdf { hash, info, salt } => {
            let salt = Some(salt.as_slice());
            let secret = &key.secret;
            let result = match hash {
                Hash::Sha1 => hkdf::Hkdf::<Sha1>::new(salt, secret).expand(info, &mut out),
                Hash::Sha256 => hkdf::Hkdf::<Sha256>::new(salt, secret).expand(info, &mut out),
                Hash::Sha384 => hkdf::Hkdf::<Sha384>::new(salt, secret).expand(info, &mut out),
                Hash::Sha512 => hkdf::Hkdf::<Sha512>::new(salt, secret).expand(info, &mut out),
            };
            // RFC 5869 §2.3: at most 255 hash lengths of output.
            result.map_err(|_| {
                CryptoError::new(
                    "OperationError",
                    format!(
                        "HKDF: {length} bits is more than 255 {} outputs",
                        hash.name()
                    ),
                )
            })?;
        }
    }
    Ok(out)
}
