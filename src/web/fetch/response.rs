//! `Response` (Fetch §7.4).

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};
use bytes::Bytes;

use super::body::{Body, BodyState, HasBody, add_body_mixin, brand, extract, is_unusable, tee};
use super::headers::{Guard, HeadersData, headers_object, js_byte_string};
use super::{getter, method, static_method};
use crate::web::webidl::{
    member, quoted, range_error, to_byte_string, to_dictionary, to_headers_init, to_unsigned_short,
    to_usv_string, type_error,
};

/// The state of a `Response`.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ResponseData {
    /// "basic", "cors", "default", "error", "opaque" or "opaqueredirect".
    #[unsafe_ignore_trace]
    pub(crate) response_type: &'static str,
    pub(crate) status: u16,
    #[unsafe_ignore_trace]
    pub(crate) status_text: String,
    /// A `Headers` object.
    pub(crate) headers: JsObject,
    #[unsafe_ignore_trace]
    pub(crate) url: String,
    pub(crate) redirected: bool,
    pub(crate) body: BodyState,
}

impl HasBody for ResponseData {
    const IFACE: &'static str = "Response";
    fn body_state(&mut self) -> &mut BodyState {
        &mut self.body
    }
    fn headers(&self) -> &JsObject {
        &self.headers
    }
}

const NULL_BODY_STATUS: [u16; 5] = [101, 103, 204, 205, 304];
const REDIRECT_STATUS: [u16; 5] = [301, 302, 303, 307, 308];

/// RFC 9112 §4 `reason-phrase`: HTAB, SP, VCHAR, obs-text.
fn is_reason_phrase(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\t' || (' '..='\u{ff}').contains(&c) && c != '\u{7f}')
}

/// A converted `ResponseInit` dictionary (members in lexicographic order,
/// WebIDL §3.2.19).
struct Init {
    headers: Option<Vec<(String, String)>>,
    status: u16,
    status_text: String,
}

fn read_init(value: &JsValue, what: &str, cx: &mut Context) -> JsResult<Init> {
    let dict = to_dictionary(value, what)?;
    let dict = dict.as_ref();
    let headers = member(dict, js_string!("headers"), cx)?;
    let headers = if headers.is_undefined() {
        None
    } else {
        Some(to_headers_init(&headers, cx)?)
    };
    let status = member(dict, js_string!("status"), cx)?;
    let status = if status.is_undefined() {
        200
    } else {
        to_unsigned_short(&status, cx)?
    };
    let status_text = member(dict, js_string!("statusText"), cx)?;
    let status_text = if status_text.is_undefined() {
        String::new()
    } else {
        to_byte_string(&status_text, what, cx)?
    };
    Ok(Init {
        headers,
        status,
        status_text,
    })
}

/// Fetch §7.4 "initialize a response": a Response's state from `init` and
/// an extracted body.
fn initialize(
    init: Init,
    body: Option<(Body, Option<String>)>,
    what: &str,
    cx: &mut Context,
) -> JsResult<ResponseData> {
    let Init {
        headers: headers_init,
        status,
        status_text,
    } = init;
    if !(200..=599).contains(&status) {
        return Err(range_error(format!(
            "{what}: status {status} is outside the range [200, 599]"
        )));
    }
    if !is_reason_phrase(&status_text) {
        return Err(type_error(format!(
            "{what}: {} is not a valid status text",
            quoted(&status_text)
        )));
    }
    let mut headers = HeadersData::new(Guard::Response);
    if let Some(pairs) = headers_init {
        headers.fill(&pairs)?;
    }
    let mut state = BodyState::new(Body::None);
    if let Some((body, content_type)) = body {
        if NULL_BODY_STATUS.contains(&status) {
            return Err(type_error(format!(
                "{what}: a response with status {status} cannot have a body"
            )));
        }
        state = BodyState::new(body);
        if let Some(content_type) = content_type
            && !headers.contains("content-type")
        {
            headers.list.push(("content-type".into(), content_type));
        }
    }
    Ok(ResponseData {
        response_type: "default",
        status,
        status_text,
        headers: headers_object(headers, cx)?,
        url: String::new(),
        redirected: false,
        body: state,
    })
}

/// A Response of this realm with `data`.
pub(crate) fn response_object(data: ResponseData, cx: &mut Context) -> JsResult<JsObject> {
    ResponseData::from_data(data, cx)
}

fn this_response(this: &JsValue, member: &str) -> JsResult<JsObject> {
    brand::<ResponseData>(this, member)
}

fn read<R>(this: &JsValue, member: &str, f: impl FnOnce(&ResponseData) -> R) -> JsResult<R> {
    let object = this_response(this, member)?;
    let data = object
        .downcast_ref::<ResponseData>()
        .expect("brand-checked");
    Ok(f(&data))
}

fn get_type(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "type", |d| JsString::from(d.response_type).into())
}

fn get_url(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "url", |d| JsString::from(d.url.as_str()).into())
}

fn get_redirected(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "redirected", |d| d.redirected.into())
}

fn get_status(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "status", |d| d.status.into())
}

fn get_ok(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "ok", |d| (200..=299).contains(&d.status).into())
}

fn get_status_text(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "statusText", |d| js_byte_string(&d.status_text))
}

fn get_headers(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "headers", |d| d.headers.clone().into())
}

/// A copy of a Headers object (same list and guard).
pub(crate) fn copy_headers(
    headers: &JsObject,
    guard: Option<Guard>,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let data = {
        let from = headers.downcast_ref::<HeadersData>().expect("a Headers");
        HeadersData {
            list: from.list.clone(),
            guard: guard.unwrap_or(from.guard),
        }
    };
    headers_object(data, cx)
}

fn clone(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_response(this, "clone")?;
    let (mut copy, headers) = {
        if is_unusable::<ResponseData>(&object, cx)? {
            return Err(type_error("Response.clone: body has already been used"));
        }
        let body = tee::<ResponseData>(&object, cx)?;
        let data = object
            .downcast_ref::<ResponseData>()
            .expect("brand-checked");
        (
            ResponseData {
                response_type: data.response_type,
                status: data.status,
                status_text: data.status_text.clone(),
                headers: data.headers.clone(),
                url: data.url.clone(),
                redirected: data.redirected,
                body,
            },
            data.headers.clone(),
        )
    };
    copy.headers = copy_headers(&headers, None, cx)?;
    Ok(response_object(copy, cx)?.into())
}

/// `Response.error()`.
fn error(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let headers = headers_object(HeadersData::new(Guard::Immutable), cx)?;
    let data = ResponseData {
        response_type: "error",
        status: 0,
        status_text: String::new(),
        headers,
        url: String::new(),
        redirected: false,
        body: BodyState::new(Body::None),
    };
    Ok(response_object(data, cx)?.into())
}

/// `Response.redirect(url, status = 302)`.
fn redirect(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(type_error("Response.redirect: 1 argument required"));
    }
    let input = to_usv_string(&args[0], cx)?;
    let status = match args.get(1) {
        Some(status) if !status.is_undefined() => to_unsigned_short(status, cx)?,
        _ => 302,
    };
    // No base URL in a script runtime.
    let url = url::Url::parse(&input).map_err(|_| {
        type_error(format!(
            "Response.redirect: {} is not an absolute URL",
            quoted(&input)
        ))
    })?;
    if !REDIRECT_STATUS.contains(&status) {
        return Err(range_error(format!(
            "Response.redirect: {status} is not a redirect status"
        )));
    }
    let headers = HeadersData {
        list: vec![("location".into(), String::from(url))],
        guard: Guard::Immutable,
    };
    let data = ResponseData {
        response_type: "default",
        status,
        status_text: String::new(),
        headers: headers_object(headers, cx)?,
        url: String::new(),
        redirected: false,
        body: BodyState::new(Body::None),
    };
    Ok(response_object(data, cx)?.into())
}

/// `Response.json(data, init)`.
fn json(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        return Err(type_error("Response.json: 1 argument required"));
    }
    let init = read_init(
        args.get(1).unwrap_or(&JsValue::undefined()),
        "Response.json",
        cx,
    )?;
    // Fetch: "serialize a JavaScript value to JSON bytes", written as
    // UTF-8 with no string in between.
    let Some(bytes) = crate::engine::json::stringify_utf8(&args[0], cx)? else {
        return Err(type_error("Response.json: data is not JSON serializable"));
    };
    let bytes = Bytes::from(bytes);
    let data = initialize(
        init,
        Some((Body::Bytes(bytes), Some("application/json".to_string()))),
        "Response.json",
        cx,
    )?;
    Ok(response_object(data, cx)?.into())
}

impl Class for ResponseData {
    const NAME: &'static str = "Response";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "type", get_type);
        getter(class, "url", get_url);
        getter(class, "redirected", get_redirected);
        getter(class, "status", get_status);
        getter(class, "ok", get_ok);
        getter(class, "statusText", get_status_text);
        getter(class, "headers", get_headers);
        method(class, "clone", 0, clone);
        add_body_mixin::<ResponseData>(class);
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("Response"),
            Attribute::CONFIGURABLE,
        );
        static_method(class, "error", 0, error);
        static_method(class, "redirect", 1, redirect);
        static_method(class, "json", 1, json);
        Ok(())
    }

    /// `new Response(body = null, init = {})`.
    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        // WebIDL converts the arguments in order (the body's string
        // conversion, then the dictionary); Fetch §7.4 steps 3-4 extract the
        // body before the init applies.
        let body = args.first().cloned().unwrap_or_default();
        let body = if body.is_null_or_undefined() {
            None
        } else {
            Some(extract(&body, cx)?)
        };
        let init = read_init(args.get(1).unwrap_or(&JsValue::undefined()), "Response", cx)?;
        initialize(init, body, "Response", cx)
    }
}

/// A Response as the fetch() glue builds it.
pub(crate) struct NetworkResponse {
    pub(crate) status: u16,
    pub(crate) status_text: String,
    /// Taken as they are (the HTTP layer validated them), names lowercased.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) url: String,
    pub(crate) redirected: bool,
    pub(crate) response_type: &'static str,
    pub(crate) body: Body,
}

/// A Response with immutable headers from the network.
pub(crate) fn network_response(parts: NetworkResponse, cx: &mut Context) -> JsResult<JsObject> {
    let mut list = parts.headers;
    for (name, _) in &mut list {
        name.make_ascii_lowercase();
    }
    let headers = headers_object(
        HeadersData {
            list,
            guard: Guard::Immutable,
        },
        cx,
    )?;
    response_object(
        ResponseData {
            response_type: parts.response_type,
            status: parts.status,
            status_text: parts.status_text,
            headers,
            url: parts.url,
            redirected: parts.redirected,
            body: BodyState::new(parts.body),
        },
        cx,
    )
}
