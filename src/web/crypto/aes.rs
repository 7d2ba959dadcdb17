//! AES keys and the AES-GCM (Web Crypto §27), AES-CBC (§26) and AES-CTR
//! (§25) ciphers, on RustCrypto's `aes`, `aes-gcm` and `cbc`.

use aes::cipher::{BlockEncrypt, KeyInit};

use super::ec::{Data, random};
use super::key::{CryptoError, Exported, Format, Jwk, JwkValue, Usage, check_usages};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Gcm,
    Cbc,
    Ctr,
    /// AES-KW (§28, RFC 3394): wraps keys only.
    Kw,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gcm => "AES-GCM",
            Mode::Cbc => "AES-CBC",
            Mode::Ctr => "AES-CTR",
            Mode::Kw => "AES-KW",
        }
    }

    /// The JWK `alg` for this mode and key size (RFC 7518 §4.7, §5.2; the
    /// CTR names are Web Crypto's).
    fn jwk_alg(self, bits: usize) -> String {
        match self {
            Mode::Gcm => format!("A{bits}GCM"),
            Mode::Cbc => format!("A{bits}CBC"),
            Mode::Ctr => format!("A{bits}CTR"),
            Mode::Kw => format!("A{bits}KW"),
        }
    }
}

#[derive(Clone)]
pub struct AesKey {
    pub mode: Mode,
    pub secret: Vec<u8>,
}

impl AesKey {
    /// `length` of the key's algorithm, in bits.
    pub fn bits(&self) -> u32 {
        (self.secret.len() * 8) as u32
    }
}

/// The parameters of one encrypt or decrypt call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Params {
    /// AesGcmParams: `iv`, `additionalData`, `tagLength` (bits).
    Gcm {
        iv: Vec<u8>,
        additional_data: Vec<u8>,
        tag_length: u32,
    },
    /// AesCbcParams: a 16-byte `iv`.
    Cbc { iv: Vec<u8> },
    /// AesCtrParams: the initial counter block and how many of its
    /// rightmost bits are the counter.
    Ctr { counter: Vec<u8>, length: u32 },
    /// AES-KW has no parameters.
    Kw,
}

const USAGES: [Usage; 4] = [
    Usage::Encrypt,
    Usage::Decrypt,
    Usage::WrapKey,
    Usage::UnwrapKey,
];
const KW_USAGES: [Usage; 2] = [Usage::WrapKey, Usage::UnwrapKey];

impl Mode {
    fn usages(self) -> &'static [Usage] {
        match self {
            Mode::Kw => &KW_USAGES,
            _ => &USAGES,
        }
    }
}

fn check_length(bits: usize) -> bool {
    matches!(bits, 128 | 192 | 256)
}

/// "generate key" (§27.4): `length` 128, 192 or 256, else OperationError.
pub fn generate(mode: Mode, length: u32, usages: &[Usage]) -> Result<AesKey, CryptoError> {
    check_usages(usages, mode.usages())?;
    if !check_length(length as usize) {
        return Err(CryptoError::new(
            "OperationError",
            format!(
                "{}: a key is 128, 192 or 256 bits, not {length}",
                mode.name()
            ),
        ));
    }
    let mut secret = vec![0u8; length as usize / 8];
    random(&mut secret)?;
    Ok(AesKey { mode, secret })
}

/// "import key" (§27.4): `raw` or `jwk` (`kty: "oct"`).
pub fn import(
    format: Format,
    data: Data<'_>,
    mode: Mode,
    usages: &[Usage],
    extractable: bool,
) -> Result<AesKey, CryptoError> {
    check_usages(usages, mode.usages())?;
    let secret = match (format, data) {
        (Format::Raw, Data::Bytes(bytes)) => bytes.to_vec(),
        (Format::Jwk, Data::Jwk(jwk)) => {
            if jwk.kty.as_deref() != Some("oct") {
                return Err(CryptoError::data(format!(
                    "{} jwk: kty must be \"oct\"",
                    mode.name()
                )));
            }
            let secret = Jwk::bytes(&jwk.k, "k")?;
            if let Some(alg) = &jwk.alg
                && *alg != mode.jwk_alg(secret.len() * 8)
            {
                return Err(CryptoError::data(format!(
                    "{} jwk: alg {alg:?} does not match a {}-bit key",
                    mode.name(),
                    secret.len() * 8
                )));
            }
            jwk.check_common(usages, extractable, "enc")?;
            secret
        }
        _ => {
            return Err(CryptoError::new(
                "NotSupportedError",
                format!("{} keys import from \"raw\" or \"jwk\" only", mode.name()),
            ));
        }
    };
    if !check_length(secret.len() * 8) {
        return Err(CryptoError::data(format!(
            "{}: a key is 16, 24 or 32 bytes, not {}",
            mode.name(),
            secret.len()
        )));
    }
    Ok(AesKey { mode, secret })
}

pub fn export(format: Format, key: &AesKey) -> Result<Exported, CryptoError> {
    use base64::Engine as _;
    match format {
        Format::Raw => Ok(Exported::Bytes(key.secret.clone())),
        Format::Jwk => Ok(Exported::Jwk(vec![
            ("kty", JwkValue::Text("oct".into())),
            (
                "k",
                JwkValue::Text(
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&key.secret),
                ),
            ),
            (
                "alg",
                JwkValue::Text(key.mode.jwk_alg(key.secret.len() * 8)),
            ),
        ])),
        _ => Err(CryptoError::new(
            "NotSupportedError",
            format!("{} keys export to \"raw\" or \"jwk\" only", key.mode.name()),
        )),
    }
}

fn operation_error(mode: Mode, message: impl std::fmt::Display) -> CryptoError {
    CryptoError::new("OperationError", format!("{}: {message}", mode.name()))
}

/// Runs `f` with the block cipher for the key's size.
macro_rules! with_aes {
    ($secret:expr, |$cipher:ident : $ty:ident| $body:expr) => {
        match $secret.len() {
            16 => {
                type $ty = aes::Aes128;
                let $cipher = <$ty as KeyInit>::new_from_slice($secret).expect("16-byte key");
                $body
            }
            24 => {
                type $ty = aes::Aes192;
                let $cipher = <$ty as KeyInit>::new_from_slice($secret).expect("24-byte key");
                $body
            }
            _ => {
                type $ty = aes::Aes256;
                let $cipher = <$ty as KeyInit>::new_from_slice($secret).expect("32-byte key");
                $body
            }
        }
    };
}

/// "encrypt" (§25.4, §26.4, §27.4).
pub fn encrypt(key: &AesKey, params: &Params, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    crypt(key, params, data, true)
}

/// "decrypt"; a GCM tag that does not match, or CBC padding that is not
/// PKCS #7, is an OperationError.
pub fn decrypt(key: &AesKey, params: &Params, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    crypt(key, params, data, false)
}

fn crypt(
    key: &AesKey,
    params: &Params,
    data: &[u8],
    encrypt: bool,
) -> Result<Vec<u8>, CryptoError> {
    let mode = key.mode;
    match params {
        Params::Gcm {
            iv,
            additional_data,
            tag_length,
        } => {
            // §27.3 encrypt step 3 / decrypt step 1: the tag lengths the
            // spec allows (NIST SP 800-38D §5.2.1.2).
            if !matches!(tag_length, 32 | 64 | 96 | 104 | 112 | 120 | 128) {
                return Err(operation_error(
                    mode,
                    format!("tagLength {tag_length} is not 32, 64, 96, 104, 112, 120 or 128"),
                ));
            }
            // GCM needs an IV of at least one byte (SP 800-38D §5.2.1.1);
            // node refuses an empty one too.
            if iv.is_empty() {
                return Err(operation_error(mode, "the iv is empty"));
            }
            let tag_bytes = *tag_length as usize / 8;
            if !encrypt && data.len() < tag_bytes {
                return Err(operation_error(mode, "the data is shorter than the tag"));
            }
            let result = with_aes!(&key.secret, |cipher: Cipher| gcm_any_iv(
                cipher,
                iv,
                additional_data,
                data,
                tag_bytes,
                encrypt
            ));
            result?.map_err(|_| {
                operation_error(
                    mode,
                    if encrypt {
                        "encryption failed"
                    } else {
                        "the data is not authentic (tag mismatch)"
                    },
                )
            })
        }
        Params::Cbc { iv } => {
            use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
            if iv.len() != 16 {
                return Err(operation_error(mode, "the iv must be 16 bytes"));
            }
            with_aes!(&key.secret, |_cipher: Cipher| {
                if encrypt {
                    Ok(cbc::Encryptor::<Cipher>::new_from_slices(&key.secret, iv)
                        .expect("key and iv sizes checked")
                        .encrypt_padded_vec_mut::<Pkcs7>(data))
                } else {
                    cbc::Decryptor::<Cipher>::new_from_slices(&key.secret, iv)
                        .expect("key and iv sizes checked")
                        .decrypt_padded_vec_mut::<Pkcs7>(data)
                        .map_err(|_| operation_error(mode, "bad padding"))
                }
            })
        }
        Params::Kw => {
            // RFC 3394: whole 64-bit blocks, at least two.
            let wrapped = match key.secret.len() {
                16 => kw::<aes_kw::KekAes128>(&key.secret, data, encrypt),
                24 => kw::<aes_kw::KekAes192>(&key.secret, data, encrypt),
                _ => kw::<aes_kw::KekAes256>(&key.secret, data, encrypt),
            };
            wrapped.map_err(|e| operation_error(mode, e))
        }
        Params::Ctr { counter, length } => {
            if counter.len() != 16 {
                return Err(operation_error(mode, "the counter must be 16 bytes"));
            }
            if *length == 0 || *length > 128 {
                return Err(operation_error(mode, "length must be 1 to 128 bits"));
            }
            let counter: [u8; 16] = counter.as_slice().try_into().expect("16 bytes");
            with_aes!(&key.secret, |cipher: Cipher| ctr(
                &cipher, counter, *length, data, mode
            ))
        }
    }
}

/// The largest IV, in bytes, nano-boa runs AES-GCM with. `aes-gcm` fixes
/// the nonce size in the type, so each length is one instantiation; 1 to
/// 16 bytes covers the 12-byte IVs everybody uses and the 16-byte ones
/// some libraries pick. Longer IVs are a NotSupportedError.
const GCM_MAX_IV: usize = 16;

/// AES-GCM with an IV of any supported length: `Err` (outer) for an IV
/// length nano-boa does not run, `Err(())` (inner) for a failed
/// encryption or a tag that does not match.
fn gcm_any_iv<C>(
    cipher: C,
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag_bytes: usize,
    encrypt: bool,
) -> Result<Result<Vec<u8>, ()>, CryptoError>
where
    C: aes::cipher::BlockCipher
        + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>
        + BlockEncrypt,
{
    // The IV's runtime length picks `gcm::<_, U{length}>`.
    macro_rules! by_iv_length {
        ($($n:literal => $size:ident),*) => {
            match iv.len() {
                $($n => Ok(gcm::<C, aes_gcm::aead::consts::$size>(
                    cipher, iv, aad, data, tag_bytes, encrypt,
                )),)*
                other => Err(CryptoError::new(
                    "NotSupportedError",
                    format!("AES-GCM: IVs of 1 to {GCM_MAX_IV} bytes are supported, not {other}"),
                )),
            }
        };
    }
    by_iv_length!(
        1 => U1, 2 => U2, 3 => U3, 4 => U4, 5 => U5, 6 => U6, 7 => U7, 8 => U8,
        9 => U9, 10 => U10, 11 => U11, 12 => U12, 13 => U13, 14 => U14, 15 => U15, 16 => U16
    )
}

/// AES-GCM (SP 800-38D) with an `N`-byte IV and a tag of `tag_bytes`
/// (4 to 16): the ciphertext with the tag appended, or the plaintext of
/// ciphertext ‖ tag.
fn gcm<C, N>(
    cipher: C,
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag_bytes: usize,
    encrypt: bool,
) -> Result<Vec<u8>, ()>
where
    C: aes::cipher::BlockCipher
        + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>
        + BlockEncrypt,
    N: aes_gcm::aead::generic_array::ArrayLength<u8>,
{
    use aes_gcm::AeadInPlace;
    let gcm = aes_gcm::AesGcm::<C, N>::from(cipher);
    let nonce = aes_gcm::aead::generic_array::GenericArray::from_slice(iv);
    if encrypt {
        let mut buffer = data.to_vec();
        let tag = gcm
            .encrypt_in_place_detached(nonce, aad, &mut buffer)
            .map_err(|_| ())?;
        // A shorter tag is the full tag's leftmost bits (SP 800-38D §7.1
        // step 7).
        buffer.extend_from_slice(&tag[..tag_bytes]);
        return Ok(buffer);
    }
    let (ciphertext, tag) = data.split_at(data.len() - tag_bytes);
    let mut buffer = ciphertext.to_vec();
    if tag_bytes == 16 {
        gcm.decrypt_in_place_detached(nonce, aad, &mut buffer, tag.into())
            .map_err(|_| ())?;
        return Ok(buffer);
    }
    // `aes-gcm` checks 12- to 16-byte tags, fixed in the type, and not the
    // 4- and 8-byte ones Web Crypto allows. GCM's keystream is its own
    // inverse: "encrypting" the ciphertext gives the candidate plaintext,
    // and encrypting that gives the ciphertext back with its full tag,
    // whose leftmost bytes must equal the given tag (compared in constant
    // time). The plaintext is returned only after that check.
    gcm.encrypt_in_place_detached(nonce, aad, &mut buffer)
        .map_err(|_| ())?;
    let mut again = buffer.clone();
    let full_tag = gcm
        .encrypt_in_place_detached(nonce, aad, &mut again)
        .map_err(|_| ())?;
    if bool::from(subtle::ConstantTimeEq::ct_eq(&full_tag[..tag_bytes], tag)) {
        Ok(buffer)
    } else {
        Err(())
    }
}

/// AES-CTR with a counter of `length` bits (the rightmost bits of the
/// block; the others are a fixed nonce). Written here because the `ctr`
/// crate's counters are 32, 64 or 128 bits wide, while Web Crypto lets the
/// caller choose any width and forbids reusing a counter value (§25.4).
fn ctr<C: BlockEncrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>>(
    cipher: &C,
    counter: [u8; 16],
    length: u32,
    data: &[u8],
    mode: Mode,
) -> Result<Vec<u8>, CryptoError> {
    let block = u128::from_be_bytes(counter);
    let mask = if length == 128 {
        u128::MAX
    } else {
        (1u128 << length) - 1
    };
    let blocks = data.len().div_ceil(16) as u128;
    if length < 128 && blocks > (1u128 << length) {
        return Err(operation_error(
            mode,
            "the data needs more blocks than the counter has values",
        ));
    }
    let nonce = block & !mask;
    let mut value = block & mask;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks(16) {
        let mut keystream = aes::Block::from((nonce | value).to_be_bytes());
        cipher.encrypt_block(&mut keystream);
        out.extend(chunk.iter().zip(keystream.iter()).map(|(d, k)| d ^ k));
        value = value.wrapping_add(1) & mask;
    }
    Ok(out)
}

/// AES key wrap or unwrap (RFC 3394) with the key-encryption key `secret`.
fn kw<K>(secret: &[u8], data: &[u8], wrap: bool) -> Result<Vec<u8>, aes_kw::Error>
where
    K: for<'a> TryFrom<&'a [u8], Error = aes_kw::Error> + KeyWrap,
{
    let kek = K::try_from(secret)?;
    if wrap {
        kek.wrap(data)
    } else {
        kek.unwrap(data)
    }
}

/// The two operations of `aes_kw::Kek`, for any key size.
trait KeyWrap {
    fn wrap(&self, data: &[u8]) -> Result<Vec<u8>, aes_kw::Error>;
    fn unwrap(&self, data: &[u8]) -> Result<Vec<u8>, aes_kw::Error>;
}

macro_rules! key_wrap {
    ($($kek:ty),*) => {$(
        impl KeyWrap for $kek {
            fn wrap(&self, data: &[u8]) -> Result<Vec<u8>, aes_kw::Error> {
                self.wrap_vec(data)
            }
            fn unwrap(&self, data: &[u8]) -> Result<Vec<u8>, aes_kw::Error> {
                self.unwrap_vec(data)
            }
        }
    )*};
}
key_wrap!(aes_kw::KekAes128, aes_kw::KekAes192, aes_kw::KekAes256);
