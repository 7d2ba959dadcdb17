//! Node.js built-in modules behind `node:` specifiers (and their bare
//! names, as node allows: `import process from "process"`), the subset
//! that exists so far: `node:path` ([`path`]), `node:process`,
//! `node:timers`, `node:url`, `node:events` ([`events`]),
//! `node:querystring` ([`querystring`]), `node:timers/promises`
//! ([`timers_promises`]) and part of `node:util` ([`util`]). Each
//! is a synthetic module over what the runtime already has (the `process`
//! global, the timer functions, `URL` and `URLSearchParams`) plus the
//! functions only the module has (`fileURLToPath`, `pathToFileURL`). The
//! default export is the module's object, as node's is; every member is a
//! named export too.
//!
//! Any other `node:` module fails to load with an error naming it (see
//! `runtime::modules`).

use std::path::{Component, Path, PathBuf};

use boa_engine::module::SyntheticModuleInitializer;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsArgs, JsObject, JsResult, JsString, JsValue, Module, NativeFunction,
    Trace, js_string,
};

use super::webidl::type_error;

mod assert;
mod async_hooks;
pub(crate) mod buffer;
mod crypto;
pub(crate) mod deep_equal;
pub(crate) mod errors;
mod events;
mod path;
mod querystring;
mod string_decoder;
mod timers_promises;
mod util;

/// The globals node gives every script that belong to a built-in module:
/// `Buffer` (built on first use).
pub fn register(cx: &mut Context) -> JsResult<()> {
    crate::web::lazy::define(cx, js_string!("Buffer"), buffer::constructor)
}

/// [`crate::runtime::api_hooks::ApiHooks::builtin_module`].
pub fn module(name: &str, cx: &mut Context) -> Option<JsResult<Module>> {
    let members = exports(name, cx)?.and_then(|object| members_of(object, cx));
    Some(members.map(|members| synthetic(name, members, cx)))
}

/// The objects of the built-in modules made so far in this context, so
/// that `require("path")` and `import path from "node:path"` are one.
#[derive(Default)]
struct Made(std::cell::RefCell<std::collections::HashMap<String, JsValue>>);

/// [`crate::runtime::api_hooks::ApiHooks::builtin_exports`]: the module's
/// object (its default export).
pub fn exports(name: &str, cx: &mut Context) -> Option<JsResult<JsValue>> {
    let name = if name == "path/posix" { "path" } else { name };
    if let Some(made) = cx
        .get_data::<Made>()
        .and_then(|m| m.0.borrow().get(name).cloned())
    {
        return Some(Ok(made));
    }
    let object = match name {
        _ if name.starts_with(crate::runtime::modules::typescript::HELPERS_MODULE) => {
            super::ts_helpers::exports(name, cx)
        }
        "process" => cx.global_object().get(js_string!("process"), cx),
        "timers" => globals(&TIMERS, cx).and_then(|timers| {
            // `require("timers").promises` is `node:timers/promises`.
            let promises = exports("timers/promises", cx).unwrap_or(Ok(JsValue::undefined()))?;
            if let Some(object) = timers.as_object() {
                object.set(js_string!("promises"), promises, false, cx)?;
            }
            Ok(timers)
        }),
        "url" => url(cx),
        "util" => util::object(cx),
        "events" => events::object(cx),
        "querystring" => querystring::object(cx),
        "timers/promises" => timers_promises::object(cx),
        "path" => path::object(cx),
        "buffer" => buffer::object(cx),
        "assert" => assert::object(cx),
        "stream" => stream(cx),
        "stream/promises" => not_provided_module("stream/promises", &["pipeline", "finished"], cx),
        "stream/web" => globals(&WEB_STREAMS, cx),
        "assert/strict" => match exports("assert", cx)? {
            Ok(assert) => assert::strict_object(&assert, cx),
            Err(error) => Err(error),
        },
        "crypto" => crypto::object(cx),
        "async_hooks" => async_hooks::object(cx),
        "string_decoder" => string_decoder::object(cx),
        _ => return None,
    };
    if let Ok(object) = &object {
        if cx.get_data::<Made>().is_none() {
            cx.insert_data(Made::default());
        }
        if let Some(made) = cx.get_data::<Made>() {
            made.0.borrow_mut().insert(name.to_owned(), object.clone());
        }
    }
    Some(object)
}

/// A function standing for a member of node's module that nano-boa does
/// not provide: calling (or constructing) it throws
/// `ERR_METHOD_NOT_IMPLEMENTED` naming the module and member, where a
/// missing property would give "undefined is not a function".
fn not_provided(module: &str, member: &str, cx: &mut Context) -> JsValue {
    let message = JsString::from(format!(
        "node:{module} {member} is not provided by nano-boa (yet)"
    ));
    let function = boa_engine::object::FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_copy_closure_with_captures(
            |_, _, message: &JsString, cx| {
                Err(errors::coded(
                    errors::Kind::Error,
                    "ERR_METHOD_NOT_IMPLEMENTED",
                    message.to_std_string_lossy(),
                    cx,
                ))
            },
            message,
        ),
    )
    .name(JsString::from(member))
    .constructor(true)
    .build();
    // A prototype, so that `class X extends Member {}` still evaluates.
    let prototype = boa_engine::JsObject::with_object_proto(cx.intrinsics());
    let _ = function.define_property_or_throw(
        js_string!("prototype"),
        super::webidl::builtin_property(prototype),
        cx,
    );
    function.into()
}

/// Links `constructor` and `prototype` as a class declaration does:
/// `C.prototype` (not writable, enumerable or configurable) and
/// `C.prototype.constructor`.
pub(crate) fn link_class(
    constructor: &JsObject,
    prototype: &JsObject,
    cx: &mut Context,
) -> JsResult<()> {
    constructor.define_property_or_throw(
        js_string!("prototype"),
        boa_engine::property::PropertyDescriptor::builder()
            .value(prototype.clone())
            .writable(false)
            .enumerable(false)
            .configurable(false),
        cx,
    )?;
    prototype.define_property_or_throw(
        js_string!("constructor"),
        super::webidl::builtin_property(constructor.clone()),
        cx,
    )?;
    Ok(())
}

/// Native methods on `target` (non-enumerable, as a class's are).
pub(crate) fn define_methods(
    target: &JsObject,
    methods: &[(&str, usize, super::webidl::NativeFn)],
    cx: &mut Context,
) -> JsResult<()> {
    for &(name, length, f) in methods {
        let function = boa_engine::object::FunctionObjectBuilder::new(
            cx.realm(),
            NativeFunction::from_fn_ptr(f),
        )
        .name(JsString::from(name))
        .length(length)
        .build();
        target.define_property_or_throw(
            JsString::from(name),
            super::webidl::builtin_property(function),
            cx,
        )?;
    }
    Ok(())
}

/// Native getters on `target` (non-enumerable, configurable).
pub(crate) fn define_getters(
    target: &JsObject,
    getters: &[(&str, super::webidl::NativeFn)],
    cx: &mut Context,
) -> JsResult<()> {
    for &(name, f) in getters {
        let getter =
            super::webidl::accessor_function(cx, "get", name, 0, NativeFunction::from_fn_ptr(f));
        target.define_property_or_throw(
            JsString::from(name),
            boa_engine::property::PropertyDescriptor::builder()
                .get(getter)
                .enumerable(false)
                .configurable(true),
            cx,
        )?;
    }
    Ok(())
}

/// A module's default export and its named exports.
#[derive(Trace, Finalize, Clone)]
struct Members {
    default: JsValue,
    names: Vec<JsString>,
    values: Vec<JsValue>,
}

fn synthetic(name: &str, members: Members, cx: &mut Context) -> Module {
    let mut export_names = members.names.clone();
    export_names.push(js_string!("default"));
    Module::synthetic(
        &export_names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |module, members: &Members, _| {
                for (name, value) in members.names.iter().zip(&members.values) {
                    module.set_export(name, value.clone())?;
                }
                module.set_export(&js_string!("default"), members.default.clone())
            },
            members,
        ),
        Some(PathBuf::from(format!("node:{name}"))),
        None,
        cx,
    )
}

/// The object's own string-keyed properties as named exports, the object
/// as the default.
fn members_of(object: JsValue, cx: &mut Context) -> JsResult<Members> {
    let mut names = Vec::new();
    let mut values = Vec::new();
    if let Some(o) = object.as_object() {
        for key in o.own_property_keys(cx)? {
            let boa_engine::property::PropertyKey::String(name) = key else {
                continue;
            };
            values.push(o.get(name.clone(), cx)?);
            names.push(name);
        }
    }
    Ok(Members {
        default: object,
        names,
        values,
    })
}

/// `node:stream/web`: the WHATWG streams, which are globals here.
const WEB_STREAMS: [&str; 17] = [
    "ReadableStream",
    "ReadableStreamDefaultReader",
    "ReadableStreamBYOBReader",
    "ReadableStreamBYOBRequest",
    "ReadableByteStreamController",
    "ReadableStreamDefaultController",
    "TransformStream",
    "TransformStreamDefaultController",
    "WritableStream",
    "WritableStreamDefaultWriter",
    "WritableStreamDefaultController",
    "ByteLengthQueuingStrategy",
    "CountQueuingStrategy",
    "TextEncoderStream",
    "TextDecoderStream",
    "CompressionStream",
    "DecompressionStream",
];

/// `node:stream`: node's own streams are not provided (yet); each class
/// and function throws naming itself, so a package that only loads the
/// module (or extends a class without constructing it) still loads. The
/// WHATWG streams are there (`node:stream/web`, and the globals).
fn stream(cx: &mut Context) -> JsResult<JsValue> {
    let module = not_provided_module(
        "stream",
        &[
            "Readable",
            "Writable",
            "Duplex",
            "Transform",
            "PassThrough",
            "Stream",
            "pipeline",
            "finished",
            "compose",
            "addAbortSignal",
        ],
        cx,
    )?;
    if let Some(module) = module.as_object() {
        for (class, statics) in [
            ("Readable", &["from", "fromWeb", "toWeb"][..]),
            ("Writable", &["fromWeb", "toWeb"][..]),
            ("Duplex", &["from", "fromWeb", "toWeb"][..]),
        ] {
            let target = module.get(JsString::from(class), cx)?;
            if let Some(target) = target.as_object() {
                for member in statics {
                    let stub = not_provided("stream", &format!("{class}.{member}"), cx);
                    target.set(JsString::from(*member), stub, false, cx)?;
                }
            }
        }
    }
    Ok(module)
}

/// A module whose members all throw `ERR_METHOD_NOT_IMPLEMENTED`; for
/// `stream` the module is itself the (legacy) `Stream` class, as in node,
/// so that `util.inherits(X, require("stream"))` works.
fn not_provided_module(module: &str, members: &[&str], cx: &mut Context) -> JsResult<JsValue> {
    let object = if module == "stream" {
        match not_provided(module, "Stream", cx).as_object() {
            Some(stream) => stream,
            None => boa_engine::JsObject::with_object_proto(cx.intrinsics()),
        }
    } else {
        boa_engine::JsObject::with_object_proto(cx.intrinsics())
    };
    for member in members {
        let stub = not_provided(module, member, cx);
        object.set(JsString::from(*member), stub, false, cx)?;
    }
    Ok(object.into())
}

const TIMERS: [&str; 4] = ["setTimeout", "clearTimeout", "setInterval", "clearInterval"];

/// A module whose members are these globals.
fn globals(names: &[&str], cx: &mut Context) -> JsResult<JsValue> {
    let global = cx.global_object();
    let mut object = ObjectInitializer::new(cx);
    for name in names {
        object.property(
            JsString::from(*name),
            JsValue::undefined(),
            Attribute::all(),
        );
    }
    let object = object.build();
    for name in names {
        let value = global.get(JsString::from(*name), cx)?;
        object.set(JsString::from(*name), value, false, cx)?;
    }
    Ok(object.into())
}

/// `node:url`: `URL`, `URLSearchParams`, `fileURLToPath`, `pathToFileURL`.
fn url(cx: &mut Context) -> JsResult<JsValue> {
    let global = cx.global_object();
    let url_class = global.get(js_string!("URL"), cx)?;
    let params_class = global.get(js_string!("URLSearchParams"), cx)?;
    let mut object = ObjectInitializer::new(cx);
    object
        .property(js_string!("URL"), url_class, Attribute::all())
        .property(
            js_string!("URLSearchParams"),
            params_class,
            Attribute::all(),
        )
        .function(
            NativeFunction::from_fn_ptr(file_url_to_path),
            js_string!("fileURLToPath"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(path_to_file_url),
            js_string!("pathToFileURL"),
            1,
        );
    Ok(object.build().into())
}

/// `fileURLToPath(url)`: a `file:` URL (a string or a URL object) as a
/// path, percent-decoded; node's errors for another scheme, a host other
/// than `localhost`, and an encoded `/`.
fn file_url_to_path(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let given = args.get_or_undefined(0);
    let text = if given.is_string() || given.is_object() {
        given.to_string(cx)?.to_std_string_lossy()
    } else {
        return Err(type_error(
            "The \"path\" argument must be of type string or an instance of URL",
        ));
    };
    let url = url::Url::parse(&text).map_err(|_| type_error(format!("Invalid URL: {text}")))?;
    if url.scheme() != "file" {
        return Err(type_error("The URL must be of scheme file"));
    }
    if url
        .host_str()
        .is_some_and(|h| !h.is_empty() && h != "localhost")
    {
        return Err(type_error(
            "File URL host must be \"localhost\" or empty on linux",
        ));
    }
    let path = url.path();
    if path.to_ascii_lowercase().contains("%2f") {
        return Err(type_error(
            "File URL path must not include encoded / characters",
        ));
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    Ok(JsString::from(decoded.as_ref()).into())
}

/// `pathToFileURL(path)`: a URL object for `path` resolved against the
/// working directory and normalized (`..` and `.` removed, a trailing `/`
/// kept, as node's `path.resolve` then its encoding of `%`, `?`, `#`,
/// spaces and controls).
fn path_to_file_url(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let given = args.get_or_undefined(0);
    if !given.is_string() {
        return Err(type_error("The \"path\" argument must be of type string"));
    }
    let text = given.to_string(cx)?.to_std_string_lossy();
    let trailing = text.ends_with('/');
    let cwd = std::env::current_dir()
        .map_err(|err| type_error(format!("cannot read the working directory: {err}")))?;
    let path = normalize(&cwd.join(&text));
    let mut href = url::Url::from_file_path(&path)
        .map(String::from)
        .map_err(|()| type_error(format!("cannot make a file URL of {text}")))?;
    if trailing && !href.ends_with('/') {
        href.push('/');
    }
    let url_class = cx.global_object().get(js_string!("URL"), cx)?;
    let url_class = url_class
        .as_callable()
        .ok_or_else(|| type_error("pathToFileURL: URL is not a constructor"))?;
    Ok(url_class
        .construct(&[JsString::from(href.as_str()).into()], None, cx)?
        .into())
}

/// `..` and `.` removed lexically, as node's `path.resolve`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}
