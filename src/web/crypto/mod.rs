//! Web Crypto (W3C "Web Cryptography API", Level 2 editor's draft): the
//! `crypto` global (`getRandomValues`, `randomUUID`, `subtle`) and the
//! `Crypto`, `SubtleCrypto` and `CryptoKey` interfaces, on pure-Rust
//! RustCrypto crates and the operating system's random source.
//!
//! Built on first use (see `lazy.rs`): the interfaces are native objects,
//! cheap to build, but most programs never touch them.
//!
//! - `random.rs`: `getRandomValues`, `randomUUID`.
//! - `algorithm.rs`: "normalize an algorithm" (§18.4) and the hash functions.
//! - `key.rs`: `CryptoKey`, key usages, JWK members, errors by name.
//! - `key.rs` also holds the checks shared by the algorithms' "import key"
//!   (`check_usages`, `check_import_usages`, `Jwk::check_common`).
//! - `ec.rs` (ECDSA and ECDH on P-256, P-384 and P-521), `ed25519.rs`,
//!   `x25519.rs` (X25519, from the Secure Curves draft), `rsa.rs`
//!   (RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP): asymmetric keys.
//! - `aes.rs`: AES-GCM (IVs of 1 to 16 bytes, every tag length the spec
//!   allows), AES-CBC, AES-CTR, AES-KW.
//! - `derive.rs`: PBKDF2, HKDF.
//! - `subtle.rs`: the `SubtleCrypto` methods.

mod aes;
mod algorithm;
mod derive;
mod ec;
mod ed25519;
mod key;
mod random;
mod rsa;
mod subtle;
mod x25519;

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsPromise;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue,
    NativeFunction, native_function::NativeFunctionPointer,
};
use boa_gc::{Finalize, Trace};

use super::lazy;

pub use key::{CryptoKey, KeySnapshot, key_from_snapshot, key_snapshot};

pub fn register(context: &mut Context) -> JsResult<()> {
    lazy::define_enumerable(context, JsString::from("crypto"), |cx| {
        built(cx).map(|i| i.crypto.clone().into())
    })?;
    lazy::define(context, JsString::from("Crypto"), |cx| {
        built(cx).map(|i| i.crypto_constructor.clone().into())
    })?;
    lazy::define(context, JsString::from("SubtleCrypto"), |cx| {
        built(cx).map(|i| i.subtle_constructor.clone().into())
    })?;
    lazy::define(context, JsString::from("CryptoKey"), |cx| {
        built(cx).map(|i| i.key_constructor.clone().into())
    })?;
    Ok(())
}

/// The realm's interfaces, built once and kept in the context's data so
/// that natives find them even after a script replaces the globals.
#[derive(Clone, Trace, Finalize)]
struct Interfaces {
    crypto: JsObject,
    crypto_constructor: JsObject,
    subtle_constructor: JsObject,
    key_constructor: JsObject,
    key_prototype: JsObject,
}

/// Brand of the one `Crypto` object.
#[derive(Trace, Finalize, JsData)]
struct CryptoBrand {
    subtle: JsObject,
}

/// Brand of the one `SubtleCrypto` object.
#[derive(Trace, Finalize, JsData)]
struct SubtleBrand;

fn built(context: &mut Context) -> JsResult<Interfaces> {
    if let Some(existing) = context.get_data::<Interfaces>() {
        return Ok(existing.clone());
    }
    let subtle_members: [(&str, usize, NativeFunctionPointer); 12] = [
        ("encrypt", 3, subtle::encrypt),
        ("decrypt", 3, subtle::decrypt),
        ("sign", 3, subtle::sign),
        ("verify", 4, subtle::verify),
        ("digest", 2, subtle::digest),
        ("generateKey", 3, subtle::generate_key),
        ("deriveKey", 5, subtle::derive_key),
        ("deriveBits", 2, subtle::derive_bits),
        ("importKey", 5, subtle::import_key),
        ("exportKey", 2, subtle::export_key),
        ("wrapKey", 4, subtle::wrap_key),
        ("unwrapKey", 7, subtle::unwrap_key),
    ];
    let (subtle_constructor, subtle_prototype) =
        interface(context, "SubtleCrypto", &subtle_members, &[]);
    let subtle = JsObject::from_proto_and_data(subtle_prototype, SubtleBrand);

    let crypto_members: [(&str, usize, NativeFunctionPointer); 2] = [
        ("getRandomValues", 1, random::get_random_values),
        ("randomUUID", 0, random::random_uuid),
    ];
    let crypto_attributes: [(&str, NativeFunctionPointer); 1] = [("subtle", crypto_subtle)];
    let (crypto_constructor, crypto_prototype) =
        interface(context, "Crypto", &crypto_members, &crypto_attributes);
    let crypto = JsObject::from_proto_and_data(
        crypto_prototype,
        CryptoBrand {
            subtle: subtle.clone(),
        },
    );

    let (key_constructor, key_prototype) = interface(context, "CryptoKey", &[], &key::ATTRIBUTES);
    let interfaces = Interfaces {
        crypto,
        crypto_constructor,
        subtle_constructor,
        key_constructor,
        key_prototype,
    };
    context.insert_data(interfaces.clone());
    Ok(interfaces)
}

/// `crypto.subtle` (a [SameObject] attribute).
fn crypto_subtle(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = this.as_object();
    let brand = object
        .as_ref()
        .and_then(|o| o.downcast_ref::<CryptoBrand>())
        .ok_or_else(|| illegal_invocation("Crypto", "subtle"))?;
    Ok(brand.subtle.clone().into())
}

/// The `this` of a `Crypto` method, checked.
fn check_crypto(this: &JsValue, member: &str) -> JsResult<()> {
    match this.as_object() {
        Some(object) if object.downcast_ref::<CryptoBrand>().is_some() => Ok(()),
        _ => Err(illegal_invocation("Crypto", member)),
    }
}

/// The `this` of a `SubtleCrypto` method, checked.
fn check_subtle(this: &JsValue, member: &str) -> JsResult<()> {
    match this.as_object() {
        Some(object) if object.downcast_ref::<SubtleBrand>().is_some() => Ok(()),
        _ => Err(illegal_invocation("SubtleCrypto", member)),
    }
}

/// A WebIDL interface without a public constructor ("Illegal
/// constructor"): its interface object and prototype, with operations
/// (enumerable, writable, configurable) and read-only attributes
/// (enumerable, configurable getters) on the prototype (WebIDL §3.7).
fn interface(
    context: &mut Context,
    name: &str,
    operations: &[(&str, usize, NativeFunctionPointer)],
    attributes: &[(&str, NativeFunctionPointer)],
) -> (JsObject, JsObject) {
    let realm = context.realm().clone();
    let prototype = JsObject::with_object_proto(context.intrinsics());
    for (member, length, f) in operations {
        let function = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(*f))
            .name(JsString::from(*member))
            .length(*length)
            .build();
        prototype.insert_property(
            JsString::from(*member),
            PropertyDescriptor::builder()
                .value(function)
                .writable(true)
                .enumerable(true)
                .configurable(true),
        );
    }
    for (member, f) in attributes {
        let getter = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(*f))
            .name(JsString::from(format!("get {member}")))
            .length(0)
            .build();
        prototype.insert_property(
            JsString::from(*member),
            PropertyDescriptor::builder()
                .get(getter)
                .enumerable(true)
                .configurable(true),
        );
    }
    prototype.insert_property(
        JsSymbol::to_string_tag(),
        PropertyDescriptor::builder()
            .value(JsString::from(name))
            .writable(false)
            .enumerable(false)
            .configurable(true),
    );
    let constructor = FunctionObjectBuilder::new(
        &realm,
        NativeFunction::from_fn_ptr(|_, _, _| {
            Err(JsNativeError::typ()
                .with_message("Illegal constructor")
                .into())
        }),
    )
    .name(JsString::from(name))
    .length(0)
    .constructor(true)
    .build();
    constructor.insert_property(
        JsString::from("prototype"),
        PropertyDescriptor::builder()
            .value(prototype.clone())
            .writable(false)
            .enumerable(false)
            .configurable(false),
    );
    prototype.insert_property(
        JsString::from("constructor"),
        PropertyDescriptor::builder()
            .value(constructor.clone())
            .writable(true)
            .enumerable(false)
            .configurable(true),
    );
    (constructor.into(), prototype)
}

use crate::web::webidl::illegal_invocation;

/// A DOMException named `name` (Web Crypto names its errors:
/// NotSupportedError, SyntaxError, InvalidAccessError, DataError,
/// OperationError, QuotaExceededError, TypeMismatchError).
fn dom_error(context: &mut Context, name: &str, message: &str) -> JsError {
    super::dom_exception::error(context, message, name)
}

/// A promise settled with what `operation` gives: every SubtleCrypto
/// method reports its errors, WebIDL conversion errors included, as a
/// rejected promise (WebIDL §3.5.9 for promise-returning operations).
fn settle(
    context: &mut Context,
    operation: impl FnOnce(&mut Context) -> JsResult<JsValue>,
) -> JsResult<JsValue> {
    let promise = match operation(context) {
        Ok(value) => JsPromise::resolve(value, context)?,
        Err(error) => JsPromise::reject(error, context)?,
    };
    Ok(promise.into())
}
