//! `URL` and `URLSearchParams` (WHATWG URL Standard §6 "API"), and
//! `URLPattern` (URL Pattern Standard) in [`url_pattern`], a native class
//! on the `urlpattern` crate.
//!
//! Replaces boa_runtime's `URL`, which has no `searchParams` and comes
//! without `URLSearchParams`. The classes are JavaScript (`url.js`): their
//! WebIDL shells (argument conversion, brand checks, iterators, the link
//! between a URL and its query object) read more clearly there. Everything
//! that parses or serializes is the `url` crate, through the native helpers
//! below, which `url.js` receives as an argument so that user code never
//! sees them:
//!
//! - a URL record lives in Rust ([`UrlRecord`], a `url::Url`) behind an
//!   opaque handle object; `url::quirks` implements the API's getters and
//!   setter algorithms;
//! - `application/x-www-form-urlencoded` parsing and serializing is
//!   `url::form_urlencoded`.
//!
//! Strings cross into Rust with [`JsString::to_std_string_lossy`], which is
//! WebIDL's USVString conversion (a lone surrogate becomes U+FFFD).

use std::path::Path;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::{
    Context, Finalize, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction, Source, Trace, js_string,
};
use url::{Url, quirks};

mod url_pattern;

const SOURCE: &str = include_str!("url.js");

/// A URL record, the state of one `URL` object.
#[derive(Debug, Trace, Finalize, JsData)]
#[boa_gc(unsafe_no_drop)]
struct UrlRecord(#[unsafe_ignore_trace] Url);

/// Both classes, once built (they come from one evaluation of url.js).
struct UrlClasses(JsObject);

/// Registers `URL` and `URLSearchParams`, built on first use: url.js is
/// large enough that evaluating it would cost every cold start.
pub fn register(context: &mut Context) -> JsResult<()> {
    super::lazy::define(context, js_string!("URL"), |cx| {
        classes(cx)?.get(js_string!("URL"), cx)
    })?;
    super::lazy::define(context, js_string!("URLSearchParams"), |cx| {
        classes(cx)?.get(js_string!("URLSearchParams"), cx)
    })?;
    url_pattern::register(context)
}

/// Evaluates url.js with the native helpers, once per context.
fn classes(context: &mut Context) -> JsResult<JsObject> {
    if let Some(UrlClasses(classes)) = context.get_data::<UrlClasses>() {
        return Ok(classes.clone());
    }
    let source = Source::from_bytes(SOURCE.as_bytes()).with_path(Path::new("<nano-boa:url.js>"));
    let factory = context.eval(source)?;
    let Some(factory) = factory.as_callable() else {
        return Err(internal("url.js did not return a function"));
    };
    let natives = ObjectInitializer::new(context)
        .function(NativeFunction::from_fn_ptr(parse), js_string!("parse"), 2)
        .function(NativeFunction::from_fn_ptr(get), js_string!("get"), 1)
        .function(NativeFunction::from_fn_ptr(set), js_string!("set"), 3)
        .function(
            NativeFunction::from_fn_ptr(set_query),
            js_string!("setQuery"),
            2,
        )
        .function(
            NativeFunction::from_fn_ptr(form_parse),
            js_string!("formParse"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(form_serialize),
            js_string!("formSerialize"),
            1,
        )
        .build();
    let classes = factory.call(&JsValue::undefined(), &[natives.into()], context)?;
    let Some(classes) = classes.as_object() else {
        return Err(internal("url.js did not return its classes"));
    };
    context.insert_data(UrlClasses(classes.clone()));
    Ok(classes.clone())
}

/// The realm's `URLSearchParams` if url.js was evaluated; `None` otherwise
/// (then no URLSearchParams object can exist).
pub(crate) fn url_search_params_if_built(cx: &mut Context) -> JsResult<Option<JsObject>> {
    let Some(UrlClasses(classes)) = cx.get_data::<UrlClasses>() else {
        return Ok(None);
    };
    let classes = classes.clone();
    Ok(classes.get(js_string!("URLSearchParams"), cx)?.as_object())
}

fn internal(message: &str) -> boa_engine::JsError {
    JsNativeError::typ()
        .with_message(format!("internal: {message}"))
        .into()
}

/// Argument `index` as a Rust string (USVString conversion); `url.js` has
/// already applied ToString.
fn string(args: &[JsValue], index: usize, cx: &mut Context) -> JsResult<String> {
    let value = args.get(index).cloned().unwrap_or_default();
    Ok(value.to_string(cx)?.to_std_string_lossy())
}

fn record(args: &[JsValue]) -> JsResult<JsObject> {
    args.first()
        .and_then(JsValue::as_object)
        .filter(|o| o.is::<UrlRecord>())
        .ok_or_else(|| internal("not a URL record"))
}

fn js(s: &str) -> JsValue {
    JsString::from(s).into()
}

/// `parse(input, base)`: the API URL parser (§6.1): a handle, or null on
/// failure. `base` is undefined when absent.
fn parse(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let input = string(args, 0, cx)?;
    let base = match args.get(1) {
        Some(value) if !value.is_undefined() => match Url::parse(&string(args, 1, cx)?) {
            Ok(base) => Some(base),
            Err(_) => return Ok(JsValue::null()),
        },
        _ => None,
    };
    match Url::options().base_url(base.as_ref()).parse(&input) {
        Ok(url) => Ok(JsObject::from_proto_and_data(None, UrlRecord(url)).into()),
        Err(_) => Ok(JsValue::null()),
    }
}

/// The URL Standard's origin serialization. `url`'s `origin()` also gives a
/// tuple origin to `blob:` URLs whose inner URL is not http(s) (`blob:ws:`),
/// where the standard says opaque.
fn origin(url: &Url) -> String {
    if url.scheme() == "blob" {
        return match Url::parse(url.path()) {
            Ok(inner) if matches!(inner.scheme(), "http" | "https") => quirks::origin(&inner),
            _ => "null".to_owned(),
        };
    }
    quirks::origin(url)
}

/// `get(handle)`: `[href, origin, protocol, username, password, host,
/// hostname, port, pathname, search, hash, query]`, `query` being the
/// query without `?`, or null when the URL has none.
fn get(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let handle = record(args)?;
    let record = handle
        .downcast_ref::<UrlRecord>()
        .ok_or_else(|| internal("not a URL record"))?;
    let url = &record.0;
    let parts = [
        js(quirks::href(url)),
        js(&origin(url)),
        js(quirks::protocol(url)),
        js(quirks::username(url)),
        js(quirks::password(url)),
        js(quirks::host(url)),
        js(quirks::hostname(url)),
        js(quirks::port(url)),
        js(quirks::pathname(url)),
        js(quirks::search(url)),
        js(quirks::hash(url)),
        url.query().map_or_else(JsValue::null, js),
    ];
    Ok(JsArray::from_iter(parts, cx).into())
}

/// `set(handle, name, value)`: a URL setter by attribute name. Returns
/// false when the value is rejected (only `href` then throws; the other
/// setters leave the URL unchanged, as the standard says).
fn set(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let handle = record(args)?;
    let name = string(args, 1, cx)?;
    let value = string(args, 2, cx)?;
    let mut record = handle
        .downcast_mut::<UrlRecord>()
        .ok_or_else(|| internal("not a URL record"))?;
    let url = &mut record.0;
    let ok = match name.as_str() {
        "href" => quirks::set_href(url, &value).is_ok(),
        "protocol" => quirks::set_protocol(url, &value).is_ok() || special_to_file(url, &value),
        "username" => quirks::set_username(url, &value).is_ok(),
        "password" => quirks::set_password(url, &value).is_ok(),
        "host" => quirks::set_host(url, &value).is_ok(),
        "hostname" => quirks::set_hostname(url, &value).is_ok(),
        "port" => quirks::set_port(url, &value).is_ok(),
        "pathname" => {
            quirks::set_pathname(url, &value);
            true
        }
        "search" => {
            quirks::set_search(url, &value);
            true
        }
        "hash" => {
            quirks::set_hash(url, &value);
            true
        }
        _ => return Err(internal("unknown URL attribute")),
    };
    Ok(ok.into())
}

/// The protocol setter from a special scheme to `file`, which `url`
/// refuses whenever the URL has an authority, where the standard refuses it
/// only for credentials or a port (`http://host/` becomes `file://host/`).
/// The URL is re-parsed with the new scheme, and taken only when the
/// serialization is exactly the old one with the scheme replaced: that is
/// the record the setter makes. (`http://localhost/` does not survive the
/// re-parse, `file:` drops that host, and stays as it is.)
fn special_to_file(url: &mut Url, value: &str) -> bool {
    let value: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = value.split(':').next().unwrap_or_default();
    if !scheme.eq_ignore_ascii_case("file")
        || !matches!(url.scheme(), "http" | "https" | "ws" | "wss" | "ftp")
        || !url.username().is_empty()
        || url.password().is_some()
        || url.port().is_some()
    {
        return false;
    }
    let candidate = format!("file{}", &url.as_str()[url.scheme().len()..]);
    match Url::parse(&candidate) {
        Ok(file) if file.as_str() == candidate => {
            *url = file;
            true
        }
        _ => false,
    }
}

/// `setQuery(handle, serialized)`: URLSearchParams "update" (§6.2): the
/// query becomes the serialization, or null when it is empty.
fn set_query(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let handle = record(args)?;
    let query = string(args, 1, cx)?;
    let mut record = handle
        .downcast_mut::<UrlRecord>()
        .ok_or_else(|| internal("not a URL record"))?;
    // `set_query` also strips trailing spaces from an opaque path.
    record
        .0
        .set_query((!query.is_empty()).then_some(query.as_str()));
    Ok(JsValue::undefined())
}

/// `formParse(input)`: application/x-www-form-urlencoded parsing, as a
/// flat array `[name, value, name, value, ...]`.
fn form_parse(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let input = string(args, 0, cx)?;
    let flat = url::form_urlencoded::parse(input.as_bytes())
        .flat_map(|(name, value)| [js(&name), js(&value)]);
    Ok(JsArray::from_iter(flat, cx).into())
}

/// `formSerialize(flat)`: the application/x-www-form-urlencoded serializer
/// over a flat array `[name, value, ...]`.
fn form_serialize(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let array = args
        .first()
        .and_then(JsValue::as_object)
        .ok_or_else(|| internal("formSerialize expects an array"))?;
    let array = JsArray::from_object(array)?;
    let length = array.length(cx)?;
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let mut index = 0;
    while index + 1 < length {
        let name = array.get(index, cx)?.to_string(cx)?.to_std_string_lossy();
        let value = array
            .get(index + 1, cx)?
            .to_string(cx)?
            .to_std_string_lossy();
        serializer.append_pair(&name, &value);
        index += 2;
    }
    Ok(js(&serializer.finish()))
}
