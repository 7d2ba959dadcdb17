//! `Request` (Fetch §7.3).

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};

use super::body::{
    Body, BodyState, HasBody, add_body_mixin, brand, extract, is_unusable, snapshot, tee,
};
use super::body_stream::proxy_stream;
use super::headers::{Guard, HeadersData, headers_object, is_token, js_byte_string};
use super::response::copy_headers;
use super::{getter, method};
use crate::web::abort;
use crate::web::webidl::{
    member, quoted, to_byte_string, to_dictionary, to_enum, to_headers_init, to_usv_string,
    type_error,
};

/// The state of a `Request`.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct RequestData {
    #[unsafe_ignore_trace]
    pub(crate) method: String,
    #[unsafe_ignore_trace]
    pub(crate) url: String,
    /// A `Headers` object (guard "request").
    pub(crate) headers: JsObject,
    #[unsafe_ignore_trace]
    referrer: String,
    #[unsafe_ignore_trace]
    referrer_policy: &'static str,
    #[unsafe_ignore_trace]
    mode: &'static str,
    #[unsafe_ignore_trace]
    credentials: &'static str,
    #[unsafe_ignore_trace]
    cache: &'static str,
    #[unsafe_ignore_trace]
    pub(crate) redirect: &'static str,
    #[unsafe_ignore_trace]
    integrity: String,
    keepalive: bool,
    pub(crate) body: BodyState,
    /// The AbortSignal this Request's signal follows (Fetch §7.3 steps
    /// 29-31), if any.
    followed: Option<JsObject>,
    /// The Request's own signal, made on first read: until then nothing can
    /// observe it, and it can only abort through `followed`.
    signal: Option<JsObject>,
}

impl HasBody for RequestData {
    const IFACE: &'static str = "Request";
    fn body_state(&mut self) -> &mut BodyState {
        &mut self.body
    }
    fn headers(&self) -> &JsObject {
        &self.headers
    }
}

impl RequestData {
    /// A Request as the server hands it to an app: defaults everywhere but
    /// method, URL, headers and body.
    pub(crate) fn incoming(method: String, url: String, headers: JsObject, body: Body) -> Self {
        Self {
            method,
            url,
            headers,
            referrer: "about:client".into(),
            referrer_policy: "",
            mode: "cors",
            credentials: "same-origin",
            cache: "default",
            redirect: "follow",
            integrity: String::new(),
            keepalive: false,
            body: BodyState::new(body),
            followed: None,
            signal: None,
        }
    }

    /// What a copy's signal follows: this Request's signal (or, while that
    /// is not made yet, what it follows).
    fn follow(&self) -> Option<JsObject> {
        self.signal.clone().or_else(|| self.followed.clone())
    }
}

/// The signal of `request` (a Request), made on first need (Fetch §7.3
/// steps 30-31: a dependent signal of the one it follows).
pub(crate) fn request_signal(request: &JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let followed = {
        let data = request.downcast_ref::<RequestData>().expect("a Request");
        if let Some(signal) = &data.signal {
            return Ok(signal.clone());
        }
        data.followed.clone()
    };
    let signal = abort::dependent_signal(cx, followed.as_slice())?;
    request
        .downcast_mut::<RequestData>()
        .expect("a Request")
        .signal = Some(signal.clone());
    Ok(signal)
}

const NORMALIZED_METHODS: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
const FORBIDDEN_METHODS: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];
const CORS_SAFE_METHODS: [&str; 3] = ["GET", "HEAD", "POST"];
const REFERRER_POLICIES: [&str; 9] = [
    "",
    "no-referrer",
    "no-referrer-when-downgrade",
    "same-origin",
    "origin",
    "strict-origin",
    "origin-when-cross-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];

/// A converted `RequestInit` (WebIDL §3.2.19: members read and converted
/// in lexicographic order).
#[derive(Default)]
struct Init {
    any: bool,
    body: Option<JsValue>,
    cache: Option<&'static str>,
    credentials: Option<&'static str>,
    /// Whether `duplex` was given (its only value is "half").
    duplex: bool,
    headers: Option<Vec<(String, String)>>,
    integrity: Option<String>,
    keepalive: Option<bool>,
    method: Option<String>,
    mode: Option<&'static str>,
    redirect: Option<&'static str>,
    referrer: Option<String>,
    referrer_policy: Option<&'static str>,
    /// `Some(None)` for `signal: null`.
    signal: Option<Option<JsObject>>,
    window: Option<JsValue>,
}

fn read_init(value: &JsValue, cx: &mut Context) -> JsResult<Init> {
    let Some(dict) = to_dictionary(value, "Request")? else {
        return Ok(Init::default());
    };
    let dict = Some(&dict);
    let mut init = Init::default();
    let get = |key: JsString, init: &mut Init, cx: &mut Context| -> JsResult<Option<JsValue>> {
        let value = member(dict, key, cx)?;
        if value.is_undefined() {
            return Ok(None);
        }
        init.any = true;
        Ok(Some(value))
    };
    init.body = get(js_string!("body"), &mut init, cx)?;
    if let Some(v) = get(js_string!("cache"), &mut init, cx)? {
        let allowed = [
            "default",
            "no-store",
            "reload",
            "no-cache",
            "force-cache",
            "only-if-cached",
        ];
        init.cache = Some(to_enum(&v, &allowed, "Request cache", cx)?);
    }
    if let Some(v) = get(js_string!("credentials"), &mut init, cx)? {
        let allowed = ["omit", "same-origin", "include"];
        init.credentials = Some(to_enum(&v, &allowed, "Request credentials", cx)?);
    }
    if let Some(v) = get(js_string!("duplex"), &mut init, cx)? {
        to_enum(&v, &["half"], "Request duplex", cx)?;
        init.duplex = true;
    }
    if let Some(v) = get(js_string!("headers"), &mut init, cx)? {
        init.headers = Some(to_headers_init(&v, cx)?);
    }
    if let Some(v) = get(js_string!("integrity"), &mut init, cx)? {
        init.integrity = Some(v.to_string(cx)?.to_std_string_lossy());
    }
    if let Some(v) = get(js_string!("keepalive"), &mut init, cx)? {
        init.keepalive = Some(v.to_boolean());
    }
    if let Some(v) = get(js_string!("method"), &mut init, cx)? {
        init.method = Some(to_byte_string(&v, "Request method", cx)?);
    }
    if let Some(v) = get(js_string!("mode"), &mut init, cx)? {
        let allowed = ["navigate", "same-origin", "no-cors", "cors"];
        init.mode = Some(to_enum(&v, &allowed, "Request mode", cx)?);
    }
    if let Some(v) = get(js_string!("priority"), &mut init, cx)? {
        to_enum(&v, &["high", "low", "auto"], "Request priority", cx)?;
    }
    if let Some(v) = get(js_string!("redirect"), &mut init, cx)? {
        let allowed = ["follow", "error", "manual"];
        init.redirect = Some(to_enum(&v, &allowed, "Request redirect", cx)?);
    }
    if let Some(v) = get(js_string!("referrer"), &mut init, cx)? {
        init.referrer = Some(to_usv_string(&v, cx)?);
    }
    if let Some(v) = get(js_string!("referrerPolicy"), &mut init, cx)? {
        init.referrer_policy = Some(to_enum(
            &v,
            &REFERRER_POLICIES,
            "Request referrerPolicy",
            cx,
        )?);
    }
    if let Some(v) = get(js_string!("signal"), &mut init, cx)? {
        // AbortSignal? signal.
        init.signal = Some(if v.is_null() {
            None
        } else {
            match v.as_object() {
                Some(object) if abort::abort_state(cx, &v)?.is_some() => Some(object),
                _ => return Err(type_error("Request: signal is not an AbortSignal")),
            }
        });
    }
    init.window = get(js_string!("window"), &mut init, cx)?;
    Ok(init)
}

fn parse_url(input: &str, what: &str) -> JsResult<url::Url> {
    url::Url::parse(input)
        .map_err(|_| type_error(format!("{what}: {} is not an absolute URL", quoted(input))))
}

/// `new Request(input, init)` (Fetch §7.3 constructor steps).
pub(crate) fn construct_data(
    input: &JsValue,
    init: &JsValue,
    cx: &mut Context,
) -> JsResult<RequestData> {
    // RequestInfo (WebIDL §3.2.22): a Request, else a USVString.
    let input_request = input.as_object().filter(|o| o.is::<RequestData>());
    let input_url = match &input_request {
        Some(_) => None,
        None => Some(to_usv_string(input, cx)?),
    };
    let init = read_init(init, cx)?;

    let mut data = match (&input_request, input_url) {
        (None, Some(input)) => {
            // Step 5: parse input (no base URL in a script runtime).
            let url = parse_url(&input, "Request")?;
            if !url.username().is_empty() || url.password().is_some() {
                return Err(type_error(format!(
                    "Request: {} includes credentials",
                    quoted(url.as_str())
                )));
            }
            let headers = headers_object(HeadersData::new(Guard::Request), cx)?;
            RequestData::incoming("GET".into(), url.into(), headers, Body::None)
        }
        (Some(request), _) => {
            // Step 11: the input's signal is followed.
            let from = request.downcast_ref::<RequestData>().expect("a Request");
            RequestData {
                method: from.method.clone(),
                url: from.url.clone(),
                headers: from.headers.clone(),
                referrer: from.referrer.clone(),
                referrer_policy: from.referrer_policy,
                mode: from.mode,
                credentials: from.credentials,
                cache: from.cache,
                redirect: from.redirect,
                integrity: from.integrity.clone(),
                keepalive: from.keepalive,
                body: BodyState::new(Body::None),
                followed: from.follow(),
                signal: None,
            }
        }
        (None, None) => unreachable!("a string input when not a Request"),
    };
    // Step 29: init's signal replaces it; null follows nothing.
    if let Some(signal) = init.signal {
        data.followed = signal;
    }
    // Step 13: a non-empty init resets navigate mode and the referrer.
    if init.any {
        if data.mode == "navigate" {
            data.mode = "same-origin";
        }
        data.referrer = "about:client".into();
        data.referrer_policy = "";
    }
    if let Some(referrer) = init.referrer {
        data.referrer = if referrer.is_empty() {
            referrer
        } else {
            parse_url(&referrer, "Request referrer")?.into()
        };
    }
    if let Some(policy) = init.referrer_policy {
        data.referrer_policy = policy;
    }
    if let Some(mode) = init.mode {
        if mode == "navigate" {
            return Err(type_error("Request: mode cannot be \"navigate\""));
        }
        data.mode = mode;
    }
    if let Some(credentials) = init.credentials {
        data.credentials = credentials;
    }
    if let Some(cache) = init.cache {
        data.cache = cache;
    }
    if data.cache == "only-if-cached" && data.mode != "same-origin" {
        return Err(type_error(
            "Request: cache \"only-if-cached\" needs mode \"same-origin\"",
        ));
    }
    if let Some(redirect) = init.redirect {
        data.redirect = redirect;
    }
    if let Some(integrity) = init.integrity {
        data.integrity = integrity;
    }
    if let Some(keepalive) = init.keepalive {
        data.keepalive = keepalive;
    }
    if let Some(method) = init.method {
        if !is_token(&method) {
            return Err(type_error(format!(
                "Request: {} is not a valid method",
                quoted(&method)
            )));
        }
        let upper = method.to_ascii_uppercase();
        if FORBIDDEN_METHODS.contains(&upper.as_str()) {
            return Err(type_error(format!(
                "Request: method {} is forbidden",
                quoted(&method)
            )));
        }
        // Fetch §2.2.1 "normalize" a method: only these six are uppercased.
        data.method = if NORMALIZED_METHODS.contains(&upper.as_str()) {
            upper
        } else {
            method
        };
    }
    if init.window.as_ref().is_some_and(|w| !w.is_null()) {
        return Err(type_error("Request: window can only be null"));
    }

    // Headers (steps 32-33).
    if data.mode == "no-cors" && !CORS_SAFE_METHODS.contains(&data.method.as_str()) {
        return Err(type_error(format!(
            "Request: method {} is not allowed in no-cors mode",
            data.method
        )));
    }
    let mut headers = HeadersData::new(Guard::Request);
    if let Some(pairs) = init.headers {
        headers.fill(&pairs)?;
    } else if input_request.is_some() {
        let from = data
            .headers
            .downcast_ref::<HeadersData>()
            .expect("a Headers");
        headers.list = from.list.clone();
    }

    // Body (steps 34-41).
    let input_has_body = input_request.as_ref().is_some_and(|r| {
        !r.downcast_ref::<RequestData>()
            .expect("a Request")
            .body
            .is_null()
    });
    let init_body = init.body.filter(|b| !b.is_null());
    if (init_body.is_some() || input_has_body) && (data.method == "GET" || data.method == "HEAD") {
        return Err(type_error(format!(
            "Request: a {} request cannot have a body",
            data.method
        )));
    }
    if let Some(body) = init_body {
        let (body, content_type) = extract(&body, cx)?;
        // Fetch §7.3 step 37: a stream body needs `duplex: "half"` (node,
        // deno and undici insist on it too).
        if matches!(body, Body::Stream(_)) && !init.duplex {
            return Err(type_error(
                "Request: a ReadableStream body needs the duplex: \"half\" option",
            ));
        }
        data.body = BodyState::new(body);
        if let Some(content_type) = content_type
            && !headers.contains("content-type")
        {
            headers.list.push(("content-type".into(), content_type));
        }
    } else if let Some(request) = input_request.as_ref().filter(|_| input_has_body) {
        // Step 41: the body moves to the new request and the input is used
        // (a stream would be piped through a proxy, disturbing it).
        if is_unusable::<RequestData>(request, cx)? {
            return Err(type_error(
                "Request: the input Request's body has already been used",
            ));
        }
        let (body, _) = snapshot::<RequestData>(request);
        let source_is_null = super::body::source_is_null::<RequestData>(request);
        let body = match &body {
            Body::Stream(stream) => Body::Stream(proxy_stream(stream, cx)?),
            _ => body,
        };
        data.body = BodyState::new(body);
        data.body.source_is_null = source_is_null;
        let mut from = request.downcast_mut::<RequestData>().expect("a Request");
        from.body.disturbed = true;
    }
    data.headers = headers_object(headers, cx)?;
    Ok(data)
}

fn this_request(this: &JsValue, member: &str) -> JsResult<JsObject> {
    brand::<RequestData>(this, member)
}

fn read<R>(this: &JsValue, member: &str, f: impl FnOnce(&RequestData) -> R) -> JsResult<R> {
    let object = this_request(this, member)?;
    let data = object.downcast_ref::<RequestData>().expect("brand-checked");
    Ok(f(&data))
}

fn js(s: &str) -> JsValue {
    JsString::from(s).into()
}

fn get_method(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "method", |d| js_byte_string(&d.method))
}

fn get_url(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "url", |d| js(&d.url))
}

fn get_headers(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "headers", |d| d.headers.clone().into())
}

fn get_destination(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "destination", |_| js(""))
}

fn get_referrer(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    // Fetch §7.3 referrer getter: "about:client" reads as "about:client",
    // "no-referrer" ("") as "".
    read(this, "referrer", |d| js(&d.referrer))
}

fn get_referrer_policy(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "referrerPolicy", |d| js(d.referrer_policy))
}

fn get_mode(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "mode", |d| js(d.mode))
}

fn get_credentials(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "credentials", |d| js(d.credentials))
}

fn get_cache(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "cache", |d| js(d.cache))
}

fn get_redirect(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "redirect", |d| js(d.redirect))
}

fn get_integrity(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "integrity", |d| js(&d.integrity))
}

fn get_keepalive(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "keepalive", |d| d.keepalive.into())
}

fn get_is_reload_navigation(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "isReloadNavigation", |_| false.into())
}

fn get_is_history_navigation(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "isHistoryNavigation", |_| false.into())
}

fn get_signal(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_request(this, "signal")?;
    Ok(request_signal(&object, cx)?.into())
}

fn get_duplex(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    read(this, "duplex", |_| js("half"))
}

fn clone(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_request(this, "clone")?;
    let mut copy = {
        if is_unusable::<RequestData>(&object, cx)? {
            return Err(type_error("Request.clone: body has already been used"));
        }
        let body = tee::<RequestData>(&object, cx)?;
        let data = object.downcast_ref::<RequestData>().expect("brand-checked");
        RequestData {
            method: data.method.clone(),
            url: data.url.clone(),
            headers: data.headers.clone(),
            referrer: data.referrer.clone(),
            referrer_policy: data.referrer_policy,
            mode: data.mode,
            credentials: data.credentials,
            cache: data.cache,
            redirect: data.redirect,
            integrity: data.integrity.clone(),
            keepalive: data.keepalive,
            body,
            // Fetch §7.3 clone(): the copy's signal follows this one's.
            followed: data.follow(),
            signal: None,
        }
    };
    copy.headers = copy_headers(&copy.headers, Some(Guard::Request), cx)?;
    Ok(RequestData::from_data(copy, cx)?.into())
}

impl Class for RequestData {
    const NAME: &'static str = "Request";
    const LENGTH: usize = 1;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "method", get_method);
        getter(class, "url", get_url);
        getter(class, "headers", get_headers);
        getter(class, "destination", get_destination);
        getter(class, "referrer", get_referrer);
        getter(class, "referrerPolicy", get_referrer_policy);
        getter(class, "mode", get_mode);
        getter(class, "credentials", get_credentials);
        getter(class, "cache", get_cache);
        getter(class, "redirect", get_redirect);
        getter(class, "integrity", get_integrity);
        getter(class, "keepalive", get_keepalive);
        getter(class, "isReloadNavigation", get_is_reload_navigation);
        getter(class, "isHistoryNavigation", get_is_history_navigation);
        getter(class, "signal", get_signal);
        getter(class, "duplex", get_duplex);
        method(class, "clone", 0, clone);
        add_body_mixin::<RequestData>(class);
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("Request"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        if args.is_empty() {
            return Err(type_error("Request: 1 argument required"));
        }
        let init = args.get(1).cloned().unwrap_or_default();
        construct_data(&args[0], &init, cx)
    }
}
