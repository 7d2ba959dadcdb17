//! `URLPattern` (WHATWG URL Pattern Standard), a native class on the
//! `urlpattern` crate (the one Deno uses): the crate parses pattern
//! strings, canonicalizes components and builds one regular expression per
//! component; this module is the WebIDL shell around it.
//!
//! The crate's regexps run on `regress`, the ECMAScript regex engine Boa's
//! own `RegExp` uses, through [`EcmaRegExp`]: the standard's regexp groups
//! (`:id(\\d+)`) are ECMAScript regexps with the "v" flag, and the
//! crate's default engine (`regex`) rejects lookarounds, which browsers
//! accept (deno 2.9 does not, having kept that engine).

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};
use urlpattern::quirks::{self, StringOrInit};
use urlpattern::regexp::RegExp;
use urlpattern::{RegexSyntax, UrlPattern, UrlPatternOptions};

use crate::web::webidl::{getter, illegal_invocation, method};
use crate::web::webidl::{member, to_usv_string, type_error};

/// Registers the lazy global `URLPattern`.
pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::lazy::define(context, js_string!("URLPattern"), |cx| {
        if cx.get_global_class::<UrlPatternData>().is_none() {
            crate::web::webidl::register_class::<UrlPatternData>(cx)?;
        }
        cx.get_global_class::<UrlPatternData>()
            .map(|class| class.constructor().into())
            .ok_or_else(|| type_error("internal: URLPattern is not registered"))
    })
}

/// An ECMAScript regular expression for the crate's matchers.
struct EcmaRegExp {
    regex: regress::Regex,
    source: String,
}

impl RegExp for EcmaRegExp {
    fn syntax() -> RegexSyntax {
        RegexSyntax::EcmaScript
    }

    fn parse(pattern: &str, flags: &str, _force_eval: bool) -> Result<Self, ()> {
        // URL Pattern "generate a regular expression and name list" compiles with the "v" flag ("vi" with ignoreCase); the crate still
        // asks for "u", an older revision of the standard.
        let flags = flags.replace('u', "v");
        let regex = regress::Regex::with_flags(pattern, flags.as_str()).map_err(|_| ())?;
        Ok(EcmaRegExp {
            regex,
            source: pattern.to_owned(),
        })
    }

    fn matches<'a>(&self, text: &'a str) -> Option<Vec<Option<&'a str>>> {
        let found = self.regex.find(text)?;
        Some(
            found
                .captures
                .iter()
                .map(|capture| capture.clone().and_then(|range| text.get(range)))
                .collect(),
        )
    }

    fn pattern_string(&self) -> &str {
        &self.source
    }
}

/// The state of a `URLPattern` object: its compiled components.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct UrlPatternData {
    #[unsafe_ignore_trace]
    pattern: UrlPattern<EcmaRegExp>,
}

/// The members of a `URLPatternInit` dictionary, in the order WebIDL reads
/// them (lexicographic, WebIDL §3.2.19).
const INIT_MEMBERS: [&str; 9] = [
    "baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username",
];

/// `(USVString or URLPatternInit)` (WebIDL §3.2.24 union conversion):
/// undefined, null and objects are the dictionary, anything else a string.
fn to_pattern_input(value: &JsValue, cx: &mut Context) -> JsResult<StringOrInit<'static>> {
    if !value.is_null_or_undefined() && !value.is_object() {
        return Ok(StringOrInit::String(to_usv_string(value, cx)?.into()));
    }
    let dict = value.as_object();
    let mut init = quirks::UrlPatternInit::default();
    for name in INIT_MEMBERS {
        let value = member(dict.as_ref(), JsString::from(name), cx)?;
        if value.is_undefined() {
            continue;
        }
        let value = Some(to_usv_string(&value, cx)?);
        match name {
            "baseURL" => init.base_url = value,
            "hash" => init.hash = value,
            "hostname" => init.hostname = value,
            "password" => init.password = value,
            "pathname" => init.pathname = value,
            "port" => init.port = value,
            "protocol" => init.protocol = value,
            "search" => init.search = value,
            _ => init.username = value,
        }
    }
    Ok(StringOrInit::Init(init))
}

/// A `URLPatternInit` back as a JavaScript dictionary (for `inputs`).
fn init_to_js(init: &quirks::UrlPatternInit, cx: &mut Context) -> JsResult<JsValue> {
    let object = JsObject::with_object_proto(cx.intrinsics());
    let members = [
        ("baseURL", &init.base_url),
        ("hash", &init.hash),
        ("hostname", &init.hostname),
        ("password", &init.password),
        ("pathname", &init.pathname),
        ("port", &init.port),
        ("protocol", &init.protocol),
        ("search", &init.search),
        ("username", &init.username),
    ];
    for (name, value) in members {
        if let Some(value) = value {
            object.create_data_property_or_throw(JsString::from(name), js(value), cx)?;
        }
    }
    Ok(object.into())
}

fn js(s: &str) -> JsValue {
    JsString::from(s).into()
}

/// An error of the crate as the TypeError the standard throws.
fn pattern_error(what: &str, error: urlpattern::Error) -> boa_engine::JsError {
    type_error(format!("{what}: {error}"))
}

/// Runs `f` on the pattern of `this`, after WebIDL's brand check.
fn with_pattern<T>(
    this: &JsValue,
    member: &str,
    f: impl FnOnce(&UrlPattern<EcmaRegExp>) -> T,
) -> JsResult<T> {
    let object = this.as_object();
    let data = object
        .as_ref()
        .and_then(|object| object.downcast_ref::<UrlPatternData>());
    match data {
        Some(data) => Ok(f(&data.pattern)),
        None => Err(illegal_invocation("URLPattern", member)),
    }
}

macro_rules! component_getter {
    ($fn_name:ident, $field:ident, $name:literal) => {
        fn $fn_name(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
            with_pattern(this, $name, |pattern| js(pattern.$field()))
        }
    };
}

component_getter!(get_protocol, protocol, "protocol");
component_getter!(get_username, username, "username");
component_getter!(get_password, password, "password");
component_getter!(get_hostname, hostname, "hostname");
component_getter!(get_port, port, "port");
component_getter!(get_pathname, pathname, "pathname");
component_getter!(get_search, search, "search");
component_getter!(get_hash, hash, "hash");

fn get_has_regexp_groups(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    with_pattern(this, "hasRegExpGroups", |pattern| {
        pattern.has_regexp_groups().into()
    })
}

/// The arguments of `test` and `exec`: `optional URLPatternInput input =
/// {}, optional USVString baseURL`.
fn match_arguments(
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<(StringOrInit<'static>, Option<String>)> {
    let input = to_pattern_input(args.first().unwrap_or(&JsValue::undefined()), cx)?;
    let base_url = match args.get(1) {
        Some(value) if !value.is_undefined() => Some(to_usv_string(value, cx)?),
        _ => None,
    };
    Ok((input, base_url))
}

/// One component's match: its input and its groups in pattern order
/// (`None` for a group that did not participate).
struct ComponentMatch {
    input: String,
    groups: Vec<(String, Option<String>)>,
}

/// The component names, in the order of a URLPatternResult.
const COMPONENTS: [&str; 8] = [
    "protocol", "username", "password", "hostname", "port", "pathname", "search", "hash",
];

/// URL Pattern "match", steps 12-20: each component's regular
/// expression against its part of the input. The crate's own `exec` is not
/// used: its literal shortcuts compare a fixed prefix case-sensitively even
/// with ignoreCase (`{search: "Q=:v"}` against `?q=1`), and running the
/// component's regexp is what the standard does.
fn match_components(
    pattern: &UrlPattern<EcmaRegExp>,
    input: &quirks::MatchInput,
) -> Option<Vec<ComponentMatch>> {
    let pairs = [
        (&pattern.protocol, &input.protocol),
        (&pattern.username, &input.username),
        (&pattern.password, &input.password),
        (&pattern.hostname, &input.hostname),
        (&pattern.port, &input.port),
        (&pattern.pathname, &input.pathname),
        (&pattern.search, &input.search),
        (&pattern.hash, &input.hash),
    ];
    let mut matches = Vec::with_capacity(pairs.len());
    for (component, text) in pairs {
        // The constructor reported any regexp error, so this is `Ok`.
        let regexp = component.regexp.as_ref().ok()?;
        let captures = regexp.matches(text)?;
        let groups = component
            .group_name_list
            .iter()
            .zip(captures.into_iter().chain(std::iter::repeat(None)))
            .map(|(name, value)| (name.clone(), value.map(str::to_owned)))
            .collect();
        matches.push(ComponentMatch {
            input: text.clone(),
            groups,
        });
    }
    Some(matches)
}

/// A successful match, with the arguments `exec` reports as `inputs`.
struct Matched {
    components: Vec<ComponentMatch>,
    input: StringOrInit<'static>,
    base_url: Option<String>,
}

/// URL Pattern "match" for `test` and `exec`: `None` when the input is
/// not a URL or a component does not match.
fn run_match(
    this: &JsValue,
    what: &str,
    args: &[JsValue],
    cx: &mut Context,
) -> JsResult<Option<Matched>> {
    // WebIDL §3.7.6: the brand check comes before argument conversion.
    with_pattern(this, what, |_| ())?;
    let (input, base_url) = match_arguments(args, cx)?;
    // Step 4.1: an init with a separate baseURL is a TypeError; an input
    // that does not parse as a URL is no match (null), not an error.
    let Some((match_input, _)) = quirks::process_match_input(input.clone(), base_url.as_deref())
        .map_err(|error| pattern_error(&format!("URLPattern.prototype.{what}"), error))?
    else {
        return Ok(None);
    };
    let Some(components) = quirks::parse_match_input(match_input) else {
        return Ok(None);
    };
    let matches = with_pattern(this, what, |pattern| match_components(pattern, &components))?;
    Ok(matches.map(|components| Matched {
        components,
        input,
        base_url,
    }))
}

/// `test(input, baseURL)` (URL Pattern Standard).
fn test(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    Ok(run_match(this, "test", args, cx)?.is_some().into())
}

/// `exec(input, baseURL)` (URL Pattern Standard): a URLPatternResult or null.
fn exec(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(Matched {
        components: matches,
        input,
        base_url,
    }) = run_match(this, "exec", args, cx)?
    else {
        return Ok(JsValue::null());
    };
    // "inputs": the input, then the baseURL string if one was given.
    let mut inputs = vec![match &input {
        StringOrInit::String(s) => js(s),
        StringOrInit::Init(init) => init_to_js(init, cx)?,
    }];
    if let Some(base_url) = base_url {
        inputs.push(js(&base_url));
    }
    let object = JsObject::with_object_proto(cx.intrinsics());
    let inputs = JsArray::from_iter(inputs, cx);
    object.create_data_property_or_throw(js_string!("inputs"), inputs, cx)?;
    for (name, component) in COMPONENTS.into_iter().zip(&matches) {
        let value = component_result(component, cx)?;
        object.create_data_property_or_throw(JsString::from(name), value, cx)?;
    }
    Ok(object.into())
}

/// A URLPatternComponentResult (URL Pattern "create a component match
/// result"): `groups` in the order the pattern names them, an unmatched
/// optional group `undefined`.
fn component_result(component: &ComponentMatch, cx: &mut Context) -> JsResult<JsValue> {
    let groups = JsObject::with_object_proto(cx.intrinsics());
    for (name, value) in &component.groups {
        let value = value.as_deref().map_or_else(JsValue::undefined, js);
        groups.create_data_property_or_throw(JsString::from(name.as_str()), value, cx)?;
    }
    let object = JsObject::with_object_proto(cx.intrinsics());
    object.create_data_property_or_throw(js_string!("input"), js(&component.input), cx)?;
    object.create_data_property_or_throw(js_string!("groups"), groups, cx)?;
    Ok(object.into())
}

/// URL Pattern "initialize", steps 1-3. The same as the crate's
/// `quirks::process_construct_pattern_input`, which parses with the `regex`
/// crate's syntax and so would link a second regex engine into the binary.
fn construct_pattern_input(
    input: StringOrInit<'_>,
    base_url: Option<&str>,
) -> Result<urlpattern::UrlPatternInit, urlpattern::Error> {
    let parse_url = |url: &str| url::Url::parse(url).map_err(urlpattern::Error::Url);
    match input {
        StringOrInit::String(pattern) => {
            let base_url = base_url.map(parse_url).transpose()?;
            urlpattern::UrlPatternInit::parse_constructor_string::<EcmaRegExp>(&pattern, base_url)
        }
        StringOrInit::Init(_) if base_url.is_some() => Err(urlpattern::Error::BaseUrlWithInit),
        StringOrInit::Init(init) => Ok(urlpattern::UrlPatternInit {
            protocol: init.protocol,
            username: init.username,
            password: init.password,
            hostname: init.hostname,
            port: init.port,
            pathname: init.pathname,
            search: init.search,
            hash: init.hash,
            base_url: init.base_url.as_deref().map(parse_url).transpose()?,
        }),
    }
}

impl Class for UrlPatternData {
    const NAME: &'static str = "URLPattern";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "test", 0, test);
        method(class, "exec", 0, exec);
        getter(class, "protocol", get_protocol);
        getter(class, "username", get_username);
        getter(class, "password", get_password);
        getter(class, "hostname", get_hostname);
        getter(class, "port", get_port);
        getter(class, "pathname", get_pathname);
        getter(class, "search", get_search);
        getter(class, "hash", get_hash);
        getter(class, "hasRegExpGroups", get_has_regexp_groups);
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("URLPattern"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    /// The two constructor overloads: `(URLPatternInput input, USVString
    /// baseURL, optional URLPatternOptions options = {})` and `(optional
    /// URLPatternInput input = {}, optional URLPatternOptions options = {})`.
    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        let undefined = JsValue::undefined();
        let second = args.get(1).unwrap_or(&undefined);
        // WebIDL §3.7.8 overload resolution: three arguments select the
        // first overload; with two, the second argument decides: undefined,
        // null or an object is the options dictionary, anything else the
        // baseURL string.
        let takes_base_url = args.len() >= 3
            || (args.len() == 2 && !second.is_null_or_undefined() && !second.is_object());
        let input = to_pattern_input(args.first().unwrap_or(&undefined), cx)?;
        let (base_url, options) = if takes_base_url {
            (
                Some(to_usv_string(second, cx)?),
                args.get(2).unwrap_or(&undefined),
            )
        } else {
            (None, second)
        };
        // URLPatternOptions: `boolean ignoreCase = false`.
        let options =
            match options {
                value if value.is_null_or_undefined() => None,
                value => Some(value.as_object().ok_or_else(|| {
                    type_error("URLPattern: the options argument must be an object")
                })?),
            };
        let ignore_case = member(options.as_ref(), js_string!("ignoreCase"), cx)?.to_boolean();
        // URL Pattern "initialize": a string is parsed as a constructor
        // string against baseURL (a relative one without baseURL is a
        // TypeError); an init dictionary with a baseURL argument too is a
        // TypeError.
        let init = construct_pattern_input(input, base_url.as_deref())
            .map_err(|error| pattern_error("URLPattern", error))?;
        let options = UrlPatternOptions {
            regex_syntax: RegexSyntax::EcmaScript,
            ignore_case,
        };
        let pattern = quirks::parse_pattern_as_lib::<EcmaRegExp>(init, options)
            .map_err(|error| pattern_error("URLPattern", error))?;
        Ok(UrlPatternData { pattern })
    }
}
