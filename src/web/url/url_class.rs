//! `URL` (URL Standard §6.1, <https://url.spec.whatwg.org/#url-class>),
//! a native class: the URL record is a `url::Url` in the object's data,
//! the getters and setter algorithms are `url::quirks`, and the query
//! object (`searchParams`) is made on first read and kept in sync both
//! ways (§6.2 "update").

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    Trace, js_string,
};
use url::{Url, quirks};

use super::search_params;
use crate::web::webidl::{
    attribute, builtin_property, getter, illegal_invocation, method, require_args, static_method,
    this_object, to_string_tag, to_usv_string, type_error,
};

/// The state of a `URL` object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct UrlData {
    #[unsafe_ignore_trace]
    pub(super) url: Url,
    /// The query object once `searchParams` was read: a URLSearchParams
    /// whose list follows this URL's query.
    query: Option<JsObject>,
}

impl Class for UrlData {
    const NAME: &'static str = "URL";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        attribute(class, "href", href, Some(set_href));
        getter(class, "origin", origin);
        attribute(class, "protocol", protocol, Some(set_protocol));
        attribute(class, "username", username, Some(set_username));
        attribute(class, "password", password, Some(set_password));
        attribute(class, "host", host, Some(set_host));
        attribute(class, "hostname", hostname, Some(set_hostname));
        attribute(class, "port", port, Some(set_port));
        attribute(class, "pathname", pathname, Some(set_pathname));
        attribute(class, "search", search, Some(set_search));
        getter(class, "searchParams", search_params_getter);
        attribute(class, "hash", hash, Some(set_hash));
        method(class, "toJSON", 0, to_json);
        method(class, "toString", 0, to_string);
        static_method(class, "canParse", 1, can_parse);
        static_method(class, "parse", 1, parse_static);
        to_string_tag(class, "URL");
        Ok(())
    }

    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        require_args(args, 1, "URL constructor")?;
        let (input, base) = read_input(args, cx)?;
        match api_parse(&input, base.as_deref()) {
            Some(url) => Ok(UrlData { url, query: None }),
            None => Err(invalid_url(&input, base.as_deref(), cx)),
        }
    }
}

/// `(url, base)` as USVStrings; `base` absent when undefined.
fn read_input(args: &[JsValue], cx: &mut Context) -> JsResult<(String, Option<String>)> {
    let input = to_usv_string(args.first().unwrap_or(&JsValue::undefined()), cx)?;
    let base = match args.get(1) {
        Some(base) if !base.is_undefined() => Some(to_usv_string(base, cx)?),
        _ => None,
    };
    Ok((input, base))
}

/// The API URL parser (§6.1 "api-url-parser"): the base first (its failure
/// is the failure), then the input against it.
fn api_parse(input: &str, base: Option<&str>) -> Option<Url> {
    let base = match base {
        Some(base) => Some(Url::parse(base).ok()?),
        None => None,
    };
    Url::options().base_url(base.as_ref()).parse(input).ok()
}

/// The constructor's TypeError, carrying `input` (and `base`) as node's
/// ERR_INVALID_URL does.
fn invalid_url(input: &str, base: Option<&str>, cx: &mut Context) -> JsError {
    let message = match base {
        None => format!("Invalid URL: {input}"),
        Some(base) => format!("Invalid URL: {input} (base {base})"),
    };
    let error = JsNativeError::typ().with_message(message).into_opaque(cx);
    let property = |value: &str| builtin_property(JsString::from(value));
    error.insert_property(js_string!("input"), property(input));
    if let Some(base) = base {
        error.insert_property(js_string!("base"), property(base));
    }
    JsError::from_opaque(error.into())
}

/// A new `URL` object of the realm for `url` (`URL.parse`).
fn new_url(url: Url, cx: &mut Context) -> JsResult<JsObject> {
    let prototype = cx
        .get_global_class::<UrlData>()
        .map(|class| class.prototype())
        .ok_or_else(|| type_error("internal: URL is not registered"))?;
    Ok(JsObject::from_proto_and_data(
        prototype,
        UrlData { url, query: None },
    ))
}

/// Runs `read` on the URL of `this` (brand-checked for `member`).
fn with_url<R>(this: &JsValue, member: &str, read: impl FnOnce(&Url) -> R) -> JsResult<R> {
    let object = this_object::<UrlData>(this, "URL", member)?;
    let data = object
        .downcast_ref::<UrlData>()
        .ok_or_else(|| illegal_invocation("URL", member))?;
    Ok(read(&data.url))
}

fn js(s: &str) -> JsValue {
    JsString::from(s).into()
}

fn href(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "href", |url| js(quirks::href(url)))
}

fn to_json(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "toJSON", |url| js(quirks::href(url)))
}

fn to_string(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "toString", |url| js(quirks::href(url)))
}

fn origin(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "origin", |url| js(&serialize_origin(url)))
}

/// The URL Standard's origin serialization. `url`'s `origin()` also gives a
/// tuple origin to `blob:` URLs whose inner URL is not http(s) (`blob:ws:`),
/// where the standard says opaque.
fn serialize_origin(url: &Url) -> String {
    if url.scheme() == "blob" {
        return match Url::parse(url.path()) {
            Ok(inner) if matches!(inner.scheme(), "http" | "https") => quirks::origin(&inner),
            _ => "null".to_owned(),
        };
    }
    quirks::origin(url)
}

fn protocol(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "protocol", |url| js(quirks::protocol(url)))
}

fn username(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "username", |url| js(quirks::username(url)))
}

fn password(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "password", |url| js(quirks::password(url)))
}

fn host(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "host", |url| js(quirks::host(url)))
}

fn hostname(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "hostname", |url| js(quirks::hostname(url)))
}

fn port(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "port", |url| js(quirks::port(url)))
}

fn pathname(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "pathname", |url| js(quirks::pathname(url)))
}

fn search(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "search", |url| js(quirks::search(url)))
}

fn hash(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_url(this, "hash", |url| js(quirks::hash(url)))
}

/// A setter's brand check, argument count and USVString conversion (done
/// before the URL is borrowed: ToString may run user code that reads it).
fn setter_input(
    this: &JsValue,
    args: &[JsValue],
    member: &str,
    cx: &mut Context,
) -> JsResult<(JsObject, String)> {
    let object = this_object::<UrlData>(this, "URL", member)?;
    require_args(args, 1, &format!("URL.prototype.{member} setter"))?;
    let value = to_usv_string(&args[0], cx)?;
    Ok((object, value))
}

/// Applies `set` to the URL of `this`. The setters other than `href`
/// ignore a value they reject, as the standard says.
fn update(
    this: &JsValue,
    args: &[JsValue],
    member: &str,
    cx: &mut Context,
    set: impl FnOnce(&mut Url, &str),
) -> JsResult<JsValue> {
    let (object, value) = setter_input(this, args, member, cx)?;
    let mut data = object
        .downcast_mut::<UrlData>()
        .ok_or_else(|| illegal_invocation("URL", member))?;
    set(&mut data.url, &value);
    Ok(JsValue::undefined())
}

fn set_href(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (object, value) = setter_input(this, args, "href", cx)?;
    let query = {
        let mut data = object
            .downcast_mut::<UrlData>()
            .ok_or_else(|| illegal_invocation("URL", "href"))?;
        if quirks::set_href(&mut data.url, &value).is_err() {
            drop(data);
            return Err(invalid_url(&value, None, cx));
        }
        data.query
            .clone()
            .map(|query| (query, data.url.query().unwrap_or_default().to_owned()))
    };
    // The query object's list becomes the new query, parsed.
    if let Some((query, serialized)) = query {
        search_params::replace_list(&query, &serialized);
    }
    Ok(JsValue::undefined())
}

fn set_protocol(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "protocol", cx, |url, value| {
        if quirks::set_protocol(url, value).is_err() {
            special_to_file(url, value);
        }
    })
}

/// The protocol setter from a special scheme to `file`, which `url`
/// refuses whenever the URL has an authority, where the standard refuses it
/// only for credentials or a port (`http://host/` becomes `file://host/`).
/// The URL is re-parsed with the new scheme, and taken only when the
/// serialization is exactly the old one with the scheme replaced: that is
/// the record the setter makes. (`http://localhost/` does not survive the
/// re-parse, `file:` drops that host, and stays as it is.)
fn special_to_file(url: &mut Url, value: &str) {
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
        return;
    }
    let candidate = format!("file{}", &url.as_str()[url.scheme().len()..]);
    if let Ok(file) = Url::parse(&candidate)
        && file.as_str() == candidate
    {
        *url = file;
    }
}

fn set_username(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "username", cx, |url, value| {
        let _ = quirks::set_username(url, value);
    })
}

fn set_password(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "password", cx, |url, value| {
        let _ = quirks::set_password(url, value);
    })
}

fn set_host(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "host", cx, |url, value| {
        let _ = quirks::set_host(url, value);
    })
}

fn set_hostname(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "hostname", cx, |url, value| {
        let _ = quirks::set_hostname(url, value);
    })
}

fn set_port(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "port", cx, |url, value| {
        let _ = quirks::set_port(url, value);
    })
}

fn set_pathname(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "pathname", cx, quirks::set_pathname)
}

fn set_hash(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    update(this, args, "hash", cx, quirks::set_hash)
}

fn set_search(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (object, value) = setter_input(this, args, "search", cx)?;
    let query = {
        let mut data = object
            .downcast_mut::<UrlData>()
            .ok_or_else(|| illegal_invocation("URL", "search"))?;
        quirks::set_search(&mut data.url, &value);
        data.query.clone()
    };
    // §6.1 search setter: the query object's list is parsed from the input
    // itself (without its leading "?"), not from the encoded query.
    if let Some(query) = query {
        let input = value.strip_prefix('?').unwrap_or(&value);
        search_params::replace_list(&query, input);
    }
    Ok(JsValue::undefined())
}

/// `searchParams` ([SameObject]): the query object, made on first read
/// from the URL's query and linked to this URL.
fn search_params_getter(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_object::<UrlData>(this, "URL", "searchParams")?;
    let serialized = {
        let data = object
            .downcast_ref::<UrlData>()
            .ok_or_else(|| illegal_invocation("URL", "searchParams"))?;
        if let Some(query) = &data.query {
            return Ok(query.clone().into());
        }
        data.url.query().unwrap_or_default().to_owned()
    };
    let query = search_params::new_linked(&serialized, object.clone(), cx)?;
    if let Some(mut data) = object.downcast_mut::<UrlData>() {
        data.query = Some(query.clone());
    }
    Ok(query.into())
}

/// URLSearchParams "update" (§6.2): the URL's query becomes `serialized`,
/// or null when it is empty (`set_query` then also strips trailing spaces
/// from an opaque path, as the standard does).
pub(super) fn set_query(url: &JsObject, serialized: &str) {
    if let Some(mut data) = url.downcast_mut::<UrlData>() {
        data.url
            .set_query((!serialized.is_empty()).then_some(serialized));
    }
}

fn can_parse(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    require_args(args, 1, "URL.canParse")?;
    let (input, base) = read_input(args, cx)?;
    Ok(api_parse(&input, base.as_deref()).is_some().into())
}

fn parse_static(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    require_args(args, 1, "URL.parse")?;
    let (input, base) = read_input(args, cx)?;
    match api_parse(&input, base.as_deref()) {
        Some(url) => Ok(new_url(url, cx)?.into()),
        None => Ok(JsValue::null()),
    }
}
