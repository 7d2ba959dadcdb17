//! `node:crypto` (<https://nodejs.org/api/crypto.html>), the part npm code
//! uses most, on the RustCrypto crates the Web Crypto API already uses:
//! `createHash` / `hash` (md5, sha1, sha224, sha256, sha384, sha512,
//! sha512-224, sha512-256), `createHmac`, `randomBytes`, `randomFill(Sync)`,
//! `randomInt`, `randomUUID`, `timingSafeEqual`, `pbkdf2(Sync)`,
//! `hkdf(Sync)`, `getHashes`, and `webcrypto` / `subtle` /
//! `getRandomValues` (the global `crypto`). The callback forms compute on
//! smol's blocking pool (as node's libuv thread pool) and call back on the
//! event loop.
//!
//! Ciphers, signatures, key objects and the rest are functions that throw
//! `ERR_METHOD_NOT_IMPLEMENTED` naming the member (`crypto.subtle` covers
//! most of them the Web way).

use std::cell::RefCell;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsFunction;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Trace, js_string,
};
use hmac::{Hmac, Mac};
use sha2::digest::DynDigest;

use super::buffer::{self, Encoding};
use super::errors::{Kind, coded, invalid_arg_type, out_of_range};
use crate::runtime::event_loop::EventLoop;
use crate::web::streams::buffers;
use crate::web::webidl::NativeFn;

/// The members node has that nano-boa does not provide: each throws,
/// naming itself.
const NOT_PROVIDED: [&str; 26] = [
    "Certificate",
    "Cipher",
    "Cipheriv",
    "Decipher",
    "Decipheriv",
    "DiffieHellman",
    "DiffieHellmanGroup",
    "ECDH",
    "KeyObject",
    "Sign",
    "Verify",
    "X509Certificate",
    "createCipheriv",
    "createDecipheriv",
    "createDiffieHellman",
    "createECDH",
    "createPrivateKey",
    "createPublicKey",
    "createSign",
    "createVerify",
    "generateKeyPair",
    "generateKeyPairSync",
    "privateDecrypt",
    "publicEncrypt",
    "scrypt",
    "scryptSync",
];

/// `$body` with `$d` naming the RustCrypto digest type of `$algorithm`
/// (one match for every operation generic over the digest).
macro_rules! with_digest {
    ($algorithm:expr, $d:ident => $body:expr) => {
        match $algorithm {
            Algorithm::Md5 => {
                type $d = md5::Md5;
                $body
            }
            Algorithm::Sha1 => {
                type $d = sha1::Sha1;
                $body
            }
            Algorithm::Sha224 => {
                type $d = sha2::Sha224;
                $body
            }
            Algorithm::Sha256 => {
                type $d = sha2::Sha256;
                $body
            }
            Algorithm::Sha384 => {
                type $d = sha2::Sha384;
                $body
            }
            Algorithm::Sha512 => {
                type $d = sha2::Sha512;
                $body
            }
            Algorithm::Sha512_224 => {
                type $d = sha2::Sha512_224;
                $body
            }
            Algorithm::Sha512_256 => {
                type $d = sha2::Sha512_256;
                $body
            }
        }
    };
}

/// A digest algorithm by node's (OpenSSL's) names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
}

impl Algorithm {
    const NAMES: [(&'static str, Self); 8] = [
        ("md5", Self::Md5),
        ("sha1", Self::Sha1),
        ("sha224", Self::Sha224),
        ("sha256", Self::Sha256),
        ("sha384", Self::Sha384),
        ("sha512", Self::Sha512),
        ("sha512-224", Self::Sha512_224),
        ("sha512-256", Self::Sha512_256),
    ];

    /// `sha256`, `SHA256`, `sha-256`, `RSA-SHA256` all name SHA-256, as
    /// OpenSSL's aliases do.
    fn parse(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        let bare = lower
            .strip_prefix("rsa-")
            .unwrap_or(&lower)
            .replace(['-', '/'], "");
        Self::NAMES
            .iter()
            .find(|(n, _)| n.replace('-', "") == bare)
            .map(|(_, a)| *a)
    }

    fn hasher(self) -> Box<dyn DynDigest> {
        with_digest!(self, D => Box::new(D::default()))
    }

    fn mac(self, key: &[u8]) -> Box<dyn DynMac> {
        // HMAC takes keys of any length, so new_from_slice cannot fail.
        fn make<M: Mac + hmac::digest::KeyInit + 'static>(key: &[u8]) -> Box<dyn DynMac> {
            Box::new(
                <M as hmac::digest::KeyInit>::new_from_slice(key)
                    .expect("HMAC takes any key length"),
            )
        }
        with_digest!(self, D => make::<Hmac<D>>(key))
    }

    fn output_size(self) -> usize {
        self.hasher().output_size()
    }

    fn pbkdf2(self, password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
        with_digest!(self, D => pbkdf2::pbkdf2_hmac::<D>(password, salt, rounds, out))
    }

    /// HKDF (RFC 5869); false when `out` is longer than 255 hashes.
    fn hkdf(self, ikm: &[u8], salt: &[u8], info: &[u8], out: &mut [u8]) -> bool {
        with_digest!(self, D => hkdf::Hkdf::<D>::new(Some(salt), ikm).expand(info, out).is_ok())
    }
}

/// An HMAC of any digest behind one type.
trait DynMac {
    fn update_bytes(&mut self, data: &[u8]);
    fn finish(self: Box<Self>) -> Vec<u8>;
}

impl<M: Mac> DynMac for M {
    fn update_bytes(&mut self, data: &[u8]) {
        self.update(data);
    }

    fn finish(self: Box<Self>) -> Vec<u8> {
        self.finalize().into_bytes().to_vec()
    }
}

enum Digesting {
    Hash(Box<dyn DynDigest>),
    Mac(Box<dyn DynMac>),
}

/// The state of a `Hash` or `Hmac` object: `None` once digested.
#[derive(Trace, Finalize, JsData)]
struct HashState {
    #[unsafe_ignore_trace]
    inner: RefCell<Option<Digesting>>,
}

/// The prototypes of this context's Hash and Hmac objects.
#[derive(Trace, Finalize)]
struct Prototypes {
    hash: JsObject,
    hmac: JsObject,
}

/// The `crypto` module object.
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let webcrypto = cx.global_object().get(js_string!("crypto"), cx)?;
    let subtle = match webcrypto.as_object() {
        Some(web) => web.get(js_string!("subtle"), cx)?,
        None => JsValue::undefined(),
    };
    let get_random_values = NativeFunction::from_copy_closure_with_captures(
        |_, args, webcrypto: &JsValue, cx| {
            let web = webcrypto.as_object();
            let function = match &web {
                Some(web) => web.get(js_string!("getRandomValues"), cx)?,
                None => JsValue::undefined(),
            };
            match function.as_callable() {
                Some(function) => function.call(webcrypto, args, cx),
                None => Err(crate::web::webidl::type_error(
                    "crypto.getRandomValues is missing",
                )),
            }
        },
        webcrypto.clone(),
    );
    let mut object = ObjectInitializer::new(cx);
    let functions: [(&str, usize, NativeFn); 14] = [
        ("createHash", 2, create_hash),
        ("createHmac", 3, create_hmac),
        ("hash", 3, one_shot_hash),
        ("getHashes", 0, get_hashes),
        ("randomBytes", 2, random_bytes),
        ("pseudoRandomBytes", 2, random_bytes),
        ("randomFillSync", 3, random_fill_sync),
        ("randomFill", 4, random_fill),
        ("randomInt", 3, random_int),
        ("randomUUID", 1, random_uuid),
        ("timingSafeEqual", 2, timing_safe_equal),
        ("pbkdf2Sync", 5, pbkdf2_sync),
        ("pbkdf2", 6, pbkdf2_async),
        ("hkdfSync", 5, hkdf_sync),
    ];
    for (name, length, f) in functions {
        object.function(NativeFunction::from_fn_ptr(f), JsString::from(name), length);
    }
    object
        .function(
            NativeFunction::from_fn_ptr(hkdf_async),
            js_string!("hkdf"),
            6,
        )
        .function(get_random_values, js_string!("getRandomValues"), 1)
        .property(js_string!("webcrypto"), webcrypto, Attribute::all())
        .property(js_string!("subtle"), subtle, Attribute::all());
    let object = object.build();
    for name in NOT_PROVIDED {
        let stub = super::not_provided("crypto", name, cx);
        object.set(JsString::from(name), stub, false, cx)?;
    }
    secret_keys(&object, cx)?;
    let constants = JsObject::with_object_proto(cx.intrinsics());
    object.set(js_string!("constants"), constants, false, cx)?;
    Ok(object.into())
}

fn prototypes(cx: &mut Context) -> JsResult<(JsObject, JsObject)> {
    if let Some(p) = cx.get_data::<Prototypes>() {
        return Ok((p.hash.clone(), p.hmac.clone()));
    }
    let hash = JsObject::with_object_proto(cx.intrinsics());
    let hmac = JsObject::with_object_proto(cx.intrinsics());
    for (target, with_copy) in [(&hash, true), (&hmac, false)] {
        let mut methods: Vec<(&str, usize, NativeFn)> =
            vec![("update", 2, update), ("digest", 1, digest)];
        if with_copy {
            methods.push(("copy", 1, copy));
        }
        super::define_methods(target, &methods, cx)?;
    }
    cx.insert_data(Prototypes {
        hash: hash.clone(),
        hmac: hmac.clone(),
    });
    Ok((hash, hmac))
}

fn algorithm_arg(value: &JsValue, hmac: bool, cx: &mut Context) -> JsResult<Algorithm> {
    let name_arg = if hmac { "hmac" } else { "algorithm" };
    let Some(name) = value.as_string() else {
        return Err(invalid_arg_type(name_arg, "of type string", value, cx));
    };
    let name = name.to_std_string_lossy();
    match Algorithm::parse(&name) {
        Some(algorithm) => Ok(algorithm),
        None if hmac => Err(coded(
            Kind::Type,
            "ERR_CRYPTO_INVALID_DIGEST",
            format!("Invalid digest: {name}"),
            cx,
        )),
        None => Err(boa_engine::JsNativeError::error()
            .with_message("Digest method not supported")
            .into()),
    }
}

/// The bytes of `data`: a string in `encoding` (utf8 by default) or a
/// Buffer, TypedArray or DataView (node refuses a bare ArrayBuffer here).
fn data_bytes(
    data: &JsValue,
    encoding: &JsValue,
    name: &str,
    cx: &mut Context,
) -> JsResult<Vec<u8>> {
    if let Some(text) = data.as_string() {
        let encoding = match encoding.as_string() {
            Some(e) => Encoding::parse(&e.to_std_string_lossy()).unwrap_or(Encoding::Utf8),
            None => Encoding::Utf8,
        };
        return Ok(encoding.encode(&text));
    }
    if buffers::is_view(data)
        && let Some(bytes) = crate::web::encoding::buffer_source_bytes(data, cx)?
    {
        return Ok(bytes);
    }
    Err(invalid_arg_type(
        name,
        "of type string or an instance of Buffer, TypedArray, or DataView",
        data,
        cx,
    ))
}

/// The bytes of a secret `KeyObject` (`createSecretKey`).
#[derive(Trace, Finalize, JsData)]
struct SecretKey {
    #[unsafe_ignore_trace]
    bytes: Vec<u8>,
}

/// `createSecretKey(key, encoding)` and the members of its `KeyObject`
/// (`type`, `symmetricKeySize`, `export`, `equals`); an instance of the
/// module's `KeyObject` (whose constructor, as node's, is not for users).
fn secret_keys(module: &JsObject, cx: &mut Context) -> JsResult<()> {
    let key_object = module.get(js_string!("KeyObject"), cx)?;
    let Some(prototype) = key_object
        .as_object()
        .map(|k| k.get(js_string!("prototype"), cx))
        .transpose()?
        .and_then(|p| p.as_object())
    else {
        return Ok(());
    };
    let getters: [(&str, NativeFn); 3] = [
        ("type", |this, _, cx| {
            secret_of(this, cx)?;
            Ok(js_string!("secret").into())
        }),
        ("symmetricKeySize", |this, _, cx| {
            Ok(secret_of(this, cx)?.len().into())
        }),
        ("asymmetricKeyType", |_, _, _| Ok(JsValue::undefined())),
    ];
    super::define_getters(&prototype, &getters, cx)?;
    let methods: [(&str, usize, NativeFn); 2] = [
        ("export", 1, |this, args, cx| {
            let bytes = secret_of(this, cx)?;
            let format = match args.get_or_undefined(0).as_object() {
                Some(options) => options.get(js_string!("format"), cx)?,
                None => JsValue::undefined(),
            };
            if format.as_string().is_some_and(|f| f == js_string!("jwk")) {
                let jwk = JsObject::with_object_proto(cx.intrinsics());
                jwk.create_data_property_or_throw(js_string!("kty"), js_string!("oct"), cx)?;
                let k = Encoding::Base64Url.decode(&bytes);
                jwk.create_data_property_or_throw(js_string!("k"), k, cx)?;
                return Ok(jwk.into());
            }
            Ok(buffer::from_bytes(bytes, cx)?.into())
        }),
        ("equals", 1, |this, args, cx| {
            use subtle::ConstantTimeEq;
            let mine = secret_of(this, cx)?;
            let theirs = secret_of(args.get_or_undefined(0), cx)?;
            Ok((mine.len() == theirs.len() && bool::from(mine.ct_eq(&theirs))).into())
        }),
    ];
    super::define_methods(&prototype, &methods, cx)?;
    let create = NativeFunction::from_copy_closure_with_captures(
        |_, args, prototype: &JsObject, cx| {
            let key = args.get_or_undefined(0);
            let bytes = match key.as_string() {
                Some(text) => {
                    let encoding = args
                        .get_or_undefined(1)
                        .as_string()
                        .and_then(|e| Encoding::parse(&e.to_std_string_lossy()))
                        .unwrap_or(Encoding::Utf8);
                    encoding.encode(&text)
                }
                None => match crate::web::encoding::buffer_source_bytes(key, cx)? {
                    Some(bytes) => bytes,
                    None => {
                        return Err(invalid_arg_type(
                            "key",
                            "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView",
                            key,
                            cx,
                        ));
                    }
                },
            };
            Ok(JsObject::from_proto_and_data(Some(prototype.clone()), SecretKey { bytes }).into())
        },
        prototype,
    );
    let create = boa_engine::object::FunctionObjectBuilder::new(cx.realm(), create)
        .name(js_string!("createSecretKey"))
        .length(2)
        .build();
    module.set(js_string!("createSecretKey"), create, false, cx)?;
    Ok(())
}

fn secret_of(value: &JsValue, cx: &mut Context) -> JsResult<Vec<u8>> {
    value
        .as_object()
        .and_then(|o| o.downcast_ref::<SecretKey>().map(|k| k.bytes.clone()))
        .ok_or_else(|| invalid_arg_type("key", "an instance of KeyObject", value, cx))
}

/// A key, password or salt: a string (utf8), an ArrayBuffer or a view,
/// or a secret KeyObject.
fn key_bytes(value: &JsValue, name: &str, cx: &mut Context) -> JsResult<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return Ok(text.to_std_string_lossy().into_bytes());
    }
    if let Some(key) = value
        .as_object()
        .and_then(|o| o.downcast_ref::<SecretKey>().map(|k| k.bytes.clone()))
    {
        return Ok(key);
    }
    match crate::web::encoding::buffer_source_bytes(value, cx)? {
        Some(bytes) => Ok(bytes),
        None => Err(invalid_arg_type(
            name,
            "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView",
            value,
            cx,
        )),
    }
}

/// Bytes as `digest(encoding)` returns them: a string for a known
/// encoding, else a Buffer.
fn output(bytes: Vec<u8>, encoding: &JsValue, cx: &mut Context) -> JsResult<JsValue> {
    if let Some(name) = encoding.as_string()
        && let Some(encoding) = Encoding::parse(&name.to_std_string_lossy())
    {
        return Ok(encoding.decode(&bytes).into());
    }
    Ok(buffer::from_bytes(bytes, cx)?.into())
}

fn new_hash_object(state: Digesting, hmac: bool, cx: &mut Context) -> JsResult<JsValue> {
    let (hash, hmac_proto) = prototypes(cx)?;
    let prototype = if hmac { hmac_proto } else { hash };
    let state = HashState {
        inner: RefCell::new(Some(state)),
    };
    Ok(JsObject::from_proto_and_data(Some(prototype), state).into())
}

/// `crypto.createHash(algorithm)`.
fn create_hash(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let algorithm = algorithm_arg(args.get_or_undefined(0), false, cx)?;
    new_hash_object(Digesting::Hash(algorithm.hasher()), false, cx)
}

/// `crypto.createHmac(algorithm, key)`.
fn create_hmac(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let algorithm = algorithm_arg(args.get_or_undefined(0), true, cx)?;
    let key = key_bytes(args.get_or_undefined(1), "key", cx)?;
    new_hash_object(Digesting::Mac(algorithm.mac(&key)), true, cx)
}

/// `crypto.hash(algorithm, data, outputEncoding = "hex")`.
fn one_shot_hash(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let algorithm = algorithm_arg(args.get_or_undefined(0), false, cx)?;
    let data = data_bytes(args.get_or_undefined(1), &JsValue::undefined(), "data", cx)?;
    let mut hasher = algorithm.hasher();
    hasher.update(&data);
    let encoding = match args.get_or_undefined(2) {
        v if v.is_undefined() => js_string!("hex").into(),
        v => v.clone(),
    };
    output(hasher.finalize().to_vec(), &encoding, cx)
}

fn with_state<R>(
    this: &JsValue,
    cx: &mut Context,
    f: impl FnOnce(&mut Option<Digesting>) -> R,
) -> JsResult<R> {
    let object = this.as_object();
    let state = object.as_ref().and_then(|o| o.downcast_ref::<HashState>());
    match state {
        Some(state) => Ok(f(&mut state.inner.borrow_mut())),
        None => Err(coded(
            Kind::Type,
            "ERR_INVALID_THIS",
            "Value of \"this\" must be of type Hash or Hmac",
            cx,
        )),
    }
}

fn finalized(cx: &mut Context) -> boa_engine::JsError {
    coded(
        Kind::Error,
        "ERR_CRYPTO_HASH_FINALIZED",
        "Digest already called",
        cx,
    )
}

/// `hash.update(data, inputEncoding)`: the hash, for chaining.
fn update(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let data = data_bytes(
        args.get_or_undefined(0),
        args.get_or_undefined(1),
        "data",
        cx,
    )?;
    let updated = with_state(this, cx, |state| match state {
        Some(Digesting::Hash(h)) => {
            h.update(&data);
            true
        }
        Some(Digesting::Mac(m)) => {
            m.update_bytes(&data);
            true
        }
        None => false,
    })?;
    if !updated {
        return Err(finalized(cx));
    }
    Ok(this.clone())
}

/// `hash.digest(outputEncoding)`.
fn digest(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = with_state(this, cx, |state| {
        state.take().map(|digesting| match digesting {
            Digesting::Hash(h) => h.finalize().to_vec(),
            Digesting::Mac(m) => m.finish(),
        })
    })?;
    match bytes {
        Some(bytes) => output(bytes, args.get_or_undefined(0), cx),
        None => Err(finalized(cx)),
    }
}

/// `hash.copy()`: a Hash with the same state.
fn copy(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let copied = with_state(this, cx, |state| match state {
        Some(Digesting::Hash(h)) => Some(h.box_clone()),
        _ => None,
    })?;
    match copied {
        Some(hasher) => new_hash_object(Digesting::Hash(hasher), false, cx),
        None => Err(finalized(cx)),
    }
}

fn get_hashes(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let names = Algorithm::NAMES
        .iter()
        .map(|(n, _)| JsString::from(*n).into());
    Ok(boa_engine::object::builtins::JsArray::from_iter(names, cx).into())
}

fn random(bytes: &mut [u8], cx: &mut Context) -> JsResult<()> {
    getrandom::getrandom(bytes).map_err(|e| {
        coded(
            Kind::Error,
            "ERR_CRYPTO_OPERATION_FAILED",
            e.to_string(),
            cx,
        )
    })
}

fn size_arg(value: &JsValue, cx: &mut Context) -> JsResult<usize> {
    let Some(n) = value.as_number() else {
        return Err(invalid_arg_type("size", "of type number", value, cx));
    };
    if !(0.0..=2_147_483_647.0).contains(&n) {
        return Err(out_of_range("size", ">= 0 && <= 2147483647", value, cx));
    }
    Ok(n as usize)
}

/// The callback argument at `index`, if any (a non-function there is
/// node's ERR_INVALID_ARG_TYPE).
fn callback_arg(args: &[JsValue], index: usize, cx: &mut Context) -> JsResult<Option<JsFunction>> {
    let value = args.get_or_undefined(index);
    if value.is_undefined() {
        return Ok(None);
    }
    match value.as_object().and_then(JsFunction::from_object) {
        Some(f) => Ok(Some(f)),
        None => Err(invalid_arg_type("callback", "of type function", value, cx)),
    }
}

/// Calls `callback(null, value)` from the event loop, after `work` ran
/// on the blocking pool.
fn call_back_later<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
    deliver: impl FnOnce(T, &mut Context) -> JsResult<JsValue> + 'static,
    callback: JsFunction,
    cx: &mut Context,
) -> JsResult<JsValue> {
    call_back_later_with(JsValue::null(), work, deliver, callback, cx)
}

/// As [`call_back_later`], with `no_error` as the first argument on
/// success (`randomInt` passes undefined where the others pass null).
fn call_back_later_with<T: Send + 'static>(
    no_error: JsValue,
    work: impl FnOnce() -> T + Send + 'static,
    deliver: impl FnOnce(T, &mut Context) -> JsResult<JsValue> + 'static,
    callback: JsFunction,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let Some(event_loop) = EventLoop::of(cx) else {
        return Err(crate::web::webidl::type_error(
            "node:crypto callbacks need the nano-boa event loop",
        ));
    };
    event_loop.spawn_native(smol::unblock(work), move |result, cx| {
        let (error, value) = match deliver(result, cx) {
            Ok(value) => (no_error, value),
            Err(error) => (error.into_opaque(cx)?, JsValue::undefined()),
        };
        callback.call(&JsValue::undefined(), &[error, value], cx)?;
        Ok(())
    });
    Ok(JsValue::undefined())
}

/// `crypto.randomBytes(size, callback)`.
fn random_bytes(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let size = size_arg(args.get_or_undefined(0), cx)?;
    let callback = callback_arg(args, 1, cx)?;
    let mut bytes = vec![0; size];
    random(&mut bytes, cx)?;
    let buffer: JsValue = buffer::from_bytes(bytes, cx)?.into();
    match callback {
        None => Ok(buffer),
        Some(callback) => call_back_later(|| (), move |(), _| Ok(buffer), callback, cx),
    }
}

/// The view `randomFill` fills, its range checked as node does.
fn fill_target(args: &[JsValue], cx: &mut Context) -> JsResult<(buffers::View, usize, usize)> {
    let target = args.get_or_undefined(0);
    let view = match buffers::view(target, cx)? {
        Some(view) => view,
        None => match buffers::array_buffer(target) {
            Some(buffer) => {
                let length = buffer.data().map_or(0, |d| d.len());
                buffers::View {
                    buffer,
                    byte_offset: 0,
                    byte_length: length,
                    length,
                    kind: buffers::ViewKind::Typed(
                        boa_engine::builtins::typed_array::TypedArrayKind::Uint8,
                    ),
                }
            }
            None => {
                return Err(invalid_arg_type(
                    "buf",
                    "an instance of ArrayBuffer or ArrayBufferView",
                    target,
                    cx,
                ));
            }
        },
    };
    let element = view.kind.element_size();
    let total = view.byte_length;
    let offset_value = args.get_or_undefined(1);
    let offset = if offset_value.is_undefined() || offset_value.is_callable() {
        0
    } else {
        let n = offset_value.to_number(cx)?;
        let max = (total / element) as f64;
        if !(0.0..=max).contains(&n) {
            return Err(out_of_range(
                "offset",
                &format!(">= 0 && <= {max}"),
                offset_value,
                cx,
            ));
        }
        n as usize * element
    };
    let size_value = args.get_or_undefined(2);
    let size = if size_value.is_undefined() || size_value.is_callable() {
        total - offset
    } else {
        let n = size_value.to_number(cx)?;
        let max = ((total - offset) / element) as f64;
        if !(0.0..=max).contains(&n) {
            return Err(out_of_range(
                "size",
                &format!(">= 0 && <= {max}"),
                size_value,
                cx,
            ));
        }
        n as usize * element
    };
    Ok((view, offset, size))
}

fn fill_random(view: &buffers::View, offset: usize, size: usize, cx: &mut Context) -> JsResult<()> {
    let mut bytes = vec![0; size];
    random(&mut bytes, cx)?;
    if let Some(mut data) = view.buffer.data_mut() {
        let start = view.byte_offset + offset;
        if let Some(target) = data.get_mut(start..start + size) {
            target.copy_from_slice(&bytes);
        }
    }
    Ok(())
}

/// `crypto.randomFillSync(buffer, offset, size)`: the buffer.
fn random_fill_sync(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (view, offset, size) = fill_target(args, cx)?;
    fill_random(&view, offset, size, cx)?;
    Ok(args.get_or_undefined(0).clone())
}

/// `crypto.randomFill(buffer[, offset[, size]], callback)`.
fn random_fill(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let position = args
        .iter()
        .rposition(JsValue::is_callable)
        .unwrap_or(args.len());
    let Some(callback) = callback_arg(args, position, cx)? else {
        return Err(invalid_arg_type(
            "callback",
            "of type function",
            &JsValue::undefined(),
            cx,
        ));
    };
    let (view, offset, size) = fill_target(&args[..position], cx)?;
    fill_random(&view, offset, size, cx)?;
    let target = args.get_or_undefined(0).clone();
    call_back_later(|| (), move |(), _| Ok(target), callback, cx)
}

/// `crypto.randomInt([min, ]max[, callback])`: uniform in `[min, max)`.
fn random_int(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let callback_at = args.iter().position(JsValue::is_callable);
    let numbers = &args[..callback_at.unwrap_or(args.len())];
    let (min_value, max_value) = match numbers {
        [max] => (JsValue::from(0), max.clone()),
        [min, max, ..] => (min.clone(), max.clone()),
        [] => (JsValue::from(0), JsValue::undefined()),
    };
    let safe = |value: &JsValue, name: &str, cx: &mut Context| -> JsResult<i64> {
        match value.as_number() {
            Some(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => Ok(n as i64),
            _ => Err(invalid_arg_type(name, "a safe integer", value, cx)),
        }
    };
    let min = safe(&min_value, "min", cx)?;
    let max = safe(&max_value, "max", cx)?;
    if max <= min {
        return Err(out_of_range(
            "max",
            &format!("greater than the value of \"min\" ({min})"),
            &max_value,
            cx,
        ));
    }
    let range = (max - min) as u64;
    if range > (1 << 48) - 1 {
        return Err(out_of_range(
            "max - min",
            "<= 281474976710655",
            &JsValue::from(range as f64),
            cx,
        ));
    }
    // Rejection sampling over 48 random bits, as node does, so every value is equally likely.
    let limit = (1u64 << 48) - ((1u64 << 48) % range);
    let value = loop {
        let mut bytes = [0u8; 8];
        random(&mut bytes[..6], cx)?;
        let x = u64::from_le_bytes(bytes);
        if x < limit {
            break min + (x % range) as i64;
        }
    };
    let result = JsValue::from(value as f64);
    match callback_at
        .and_then(|i| args[i].as_object())
        .and_then(JsFunction::from_object)
    {
        None => Ok(result),
        Some(callback) => call_back_later_with(
            JsValue::undefined(),
            || (),
            move |(), _| Ok(result),
            callback,
            cx,
        ),
    }
}

/// `crypto.randomUUID()`: a version 4 UUID.
fn random_uuid(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let mut bytes = [0u8; 16];
    random(&mut bytes, cx)?;
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    Ok(JsString::from(uuid.hyphenated().to_string()).into())
}

/// `crypto.timingSafeEqual(a, b)`: compared in constant time.
fn timing_safe_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    use subtle::ConstantTimeEq;
    let mut sides = Vec::new();
    for (i, name) in ["buf1", "buf2"].iter().enumerate() {
        let value = args.get_or_undefined(i);
        match crate::web::encoding::buffer_source_bytes(value, cx)? {
            Some(bytes) => sides.push(bytes),
            None => {
                return Err(invalid_arg_type(
                    name,
                    "an instance of ArrayBuffer, Buffer, TypedArray, or DataView",
                    value,
                    cx,
                ));
            }
        }
    }
    if sides[0].len() != sides[1].len() {
        return Err(coded(
            Kind::Range,
            "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
            "Input buffers must have the same byte length",
            cx,
        ));
    }
    Ok(bool::from(sides[0].ct_eq(&sides[1])).into())
}

fn digest_arg(value: &JsValue, cx: &mut Context) -> JsResult<Algorithm> {
    let Some(name) = value.as_string() else {
        return Err(invalid_arg_type("digest", "of type string", value, cx));
    };
    let name = name.to_std_string_lossy();
    Algorithm::parse(&name).ok_or_else(|| {
        coded(
            Kind::Type,
            "ERR_CRYPTO_INVALID_DIGEST",
            format!("Invalid digest: {name}"),
            cx,
        )
    })
}

fn integer_arg(
    value: &JsValue,
    name: &str,
    min: f64,
    max: f64,
    cx: &mut Context,
) -> JsResult<usize> {
    let Some(n) = value.as_number() else {
        return Err(invalid_arg_type(name, "of type number", value, cx));
    };
    if n.fract() != 0.0 {
        return Err(out_of_range(name, "an integer", value, cx));
    }
    if !(min..=max).contains(&n) {
        return Err(out_of_range(
            name,
            &format!(">= {min} && <= {max}"),
            value,
            cx,
        ));
    }
    Ok(n as usize)
}

/// The checked arguments of `pbkdf2(password, salt, iterations, keylen, digest)`.
struct Pbkdf2Args {
    password: Vec<u8>,
    salt: Vec<u8>,
    iterations: u32,
    keylen: usize,
    digest: Algorithm,
}

impl Pbkdf2Args {
    fn derive(&self) -> Vec<u8> {
        let mut out = vec![0; self.keylen];
        self.digest
            .pbkdf2(&self.password, &self.salt, self.iterations, &mut out);
        out
    }
}

fn pbkdf2_args(args: &[JsValue], cx: &mut Context) -> JsResult<Pbkdf2Args> {
    let password = key_bytes(args.get_or_undefined(0), "password", cx)?;
    let salt = key_bytes(args.get_or_undefined(1), "salt", cx)?;
    let iterations = integer_arg(
        args.get_or_undefined(2),
        "iterations",
        1.0,
        2_147_483_647.0,
        cx,
    )?;
    let keylen = integer_arg(args.get_or_undefined(3), "keylen", 0.0, 2_147_483_647.0, cx)?;
    let digest = digest_arg(args.get_or_undefined(4), cx)?;
    Ok(Pbkdf2Args {
        password,
        salt,
        iterations: iterations as u32,
        keylen,
        digest,
    })
}

fn pbkdf2_sync(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let out = pbkdf2_args(args, cx)?.derive();
    Ok(buffer::from_bytes(out, cx)?.into())
}

fn pbkdf2_async(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(callback) = callback_arg(args, 5, cx)? else {
        return Err(invalid_arg_type(
            "callback",
            "of type function",
            &JsValue::undefined(),
            cx,
        ));
    };
    let derivation = pbkdf2_args(args, cx)?;
    call_back_later(
        move || derivation.derive(),
        |out, cx| Ok(buffer::from_bytes(out, cx)?.into()),
        callback,
        cx,
    )
}

/// The checked arguments of `hkdf(digest, ikm, salt, info, keylen)`.
struct HkdfArgs {
    digest: Algorithm,
    ikm: Vec<u8>,
    salt: Vec<u8>,
    info: Vec<u8>,
    keylen: usize,
}

impl HkdfArgs {
    fn derive(&self) -> Vec<u8> {
        let mut out = vec![0; self.keylen];
        self.digest
            .hkdf(&self.ikm, &self.salt, &self.info, &mut out);
        out
    }
}

fn hkdf_args(args: &[JsValue], cx: &mut Context) -> JsResult<HkdfArgs> {
    let digest = digest_arg(args.get_or_undefined(0), cx)?;
    let ikm = key_bytes(args.get_or_undefined(1), "ikm", cx)?;
    let salt = key_bytes(args.get_or_undefined(2), "salt", cx)?;
    let info = key_bytes(args.get_or_undefined(3), "info", cx)?;
    if info.len() > 1024 {
        return Err(out_of_range(
            "info",
            "must not contain more than 1024 bytes",
            &JsValue::from(info.len()),
            cx,
        ));
    }
    let keylen = integer_arg(args.get_or_undefined(4), "length", 0.0, 2_147_483_647.0, cx)?;
    if keylen > 255 * digest.output_size() {
        return Err(coded(
            Kind::Range,
            "ERR_CRYPTO_INVALID_KEYLEN",
            "Invalid key length",
            cx,
        ));
    }
    Ok(HkdfArgs {
        digest,
        ikm,
        salt,
        info,
        keylen,
    })
}

/// `crypto.hkdfSync(...)`: an ArrayBuffer, as node returns.
fn hkdf_sync(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let out = hkdf_args(args, cx)?.derive();
    Ok(buffers::from_bytes(&out, cx)?.into())
}

fn hkdf_async(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(callback) = callback_arg(args, 5, cx)? else {
        return Err(invalid_arg_type(
            "callback",
            "of type function",
            &JsValue::undefined(),
            cx,
        ));
    };
    let derivation = hkdf_args(args, cx)?;
    call_back_later(
        move || derivation.derive(),
        |out, cx| Ok(buffers::from_bytes(&out, cx)?.into()),
        callback,
        cx,
    )
}
