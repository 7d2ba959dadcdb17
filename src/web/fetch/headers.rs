//! `Headers` (Fetch §5.2) and its iterator (WebIDL §3.7.10).
//!
//! A header list is a `Vec` of (lowercase name, value) in insertion order.
//! Names and values are ByteStrings held as Rust strings with one char per
//! byte (U+0000..U+00FF), the form the HTTP layer hands over, so that the
//! server moves hyper's headers in and out without re-validating them.

use boa_engine::builtins::iterable::create_iter_result_object;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};

use super::method;
use crate::web::webidl::{illegal_invocation, quoted, to_byte_string, to_headers_init, type_error};

/// The guard of a `Headers` (Fetch §5.2), deciding whether it can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Mutation throws a TypeError: the headers of a fetched response.
    Immutable,
    /// A Request's headers (no forbidden-header filtering, as Deno/Workers).
    Request,
    /// A Response's headers.
    Response,
    /// `new Headers()`.
    None,
}

/// The state of a `Headers` object.
#[derive(Debug, Trace, Finalize, JsData)]
pub(crate) struct HeadersData {
    #[unsafe_ignore_trace]
    pub(crate) list: Vec<(String, String)>,
    #[unsafe_ignore_trace]
    pub(crate) guard: Guard,
}

/// RFC 9110 §5.6.2 `token`: a header name, a method.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Fetch §2.2 "header value": no NUL, CR or LF (after normalizing).
fn is_value(s: &str) -> bool {
    !s.contains(['\0', '\r', '\n'])
}

/// Fetch §2.2 "normalize": strip leading and trailing HTTP whitespace.
fn normalize(s: &str) -> &str {
    s.trim_matches(['\t', '\n', '\r', ' '])
}

/// Fetch §5.2 "validate" a (name, value) already converted to ByteStrings:
/// the lowercase name and the normalized value, or a TypeError.
pub(crate) fn validate(name: &str, value: &str, what: &str) -> JsResult<(String, String)> {
    let value = normalize(value);
    if !is_token(name) {
        return Err(type_error(format!(
            "{what}: {} is an invalid header name",
            quoted(name)
        )));
    }
    if !is_value(value) {
        return Err(type_error(format!(
            "{what}: {} is an invalid header value",
            quoted(value)
        )));
    }
    Ok((name.to_ascii_lowercase(), value.to_string()))
}

impl HeadersData {
    pub(crate) fn new(guard: Guard) -> Self {
        Self {
            list: Vec::new(),
            guard,
        }
    }

    fn check_mutable(&self, what: &str) -> JsResult<()> {
        if self.guard == Guard::Immutable {
            return Err(type_error(format!("{what}: the headers are immutable")));
        }
        Ok(())
    }

    /// Fetch §5.2 "append" of converted ByteStrings.
    pub(crate) fn append(&mut self, name: &str, value: &str, what: &str) -> JsResult<()> {
        let pair = validate(name, value, what)?;
        self.check_mutable(what)?;
        self.list.push(pair);
        Ok(())
    }

    /// Fetch §5.2 "fill" from converted HeadersInit pairs.
    pub(crate) fn fill(&mut self, pairs: &[(String, String)]) -> JsResult<()> {
        for (name, value) in pairs {
            self.append(name, value, "Headers")?;
        }
        Ok(())
    }

    /// Fetch §2.2 "get": the values of `lower` joined with ", ".
    pub(crate) fn get(&self, lower: &str) -> Option<String> {
        let mut out: Option<String> = None;
        for (name, value) in &self.list {
            if name == lower {
                match &mut out {
                    None => out = Some(value.clone()),
                    Some(out) => {
                        out.push_str(", ");
                        out.push_str(value);
                    }
                }
            }
        }
        out
    }

    pub(crate) fn contains(&self, lower: &str) -> bool {
        self.list.iter().any(|(name, _)| name == lower)
    }

    /// Fetch §2.2 "sort and combine": by name; the values of a name joined
    /// with ", ", except set-cookie whose values stay separate.
    pub(crate) fn sort_and_combine(&self) -> Vec<(String, String)> {
        let mut names: Vec<&str> = self.list.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            if name == "set-cookie" {
                for (n, v) in &self.list {
                    if n == name {
                        out.push((n.clone(), v.clone()));
                    }
                }
            } else if let Some(value) = self.get(name) {
                out.push((name.to_string(), value));
            }
        }
        out
    }
}

/// A `Headers` object of this realm holding `data`.
pub(crate) fn headers_object(data: HeadersData, cx: &mut Context) -> JsResult<JsObject> {
    HeadersData::from_data(data, cx)
}

/// A ByteString (one char per byte) as a JS string.
pub(crate) fn js_byte_string(s: &str) -> JsValue {
    JsString::from(s).into()
}

fn this_headers(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|o| o.is::<HeadersData>())
        .ok_or_else(|| illegal_invocation("Headers", member))
}

fn require(args: &[JsValue], n: usize, what: &str) -> JsResult<()> {
    if args.len() < n {
        let s = if n == 1 { "" } else { "s" };
        return Err(type_error(format!("{what}: {n} argument{s} required")));
    }
    Ok(())
}

/// A name argument: ByteString, a token (else TypeError), lowercased.
fn name_arg(args: &[JsValue], what: &str, cx: &mut Context) -> JsResult<String> {
    let name = to_byte_string(&args[0], what, cx)?;
    if !is_token(&name) {
        return Err(type_error(format!(
            "{what}: {} is an invalid header name",
            quoted(&name)
        )));
    }
    Ok(name.to_ascii_lowercase())
}

fn data_mut(object: &JsObject) -> boa_engine::object::RefMut<'_, HeadersData> {
    object
        .downcast_mut::<HeadersData>()
        .expect("brand-checked Headers")
}

fn append(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "append")?;
    require(args, 2, "Headers.append")?;
    let name = to_byte_string(&args[0], "Headers.append", cx)?;
    let value = to_byte_string(&args[1], "Headers.append", cx)?;
    data_mut(&object).append(&name, &value, "Headers.append")?;
    Ok(JsValue::undefined())
}

fn delete(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "delete")?;
    require(args, 1, "Headers.delete")?;
    let name = name_arg(args, "Headers.delete", cx)?;
    let mut data = data_mut(&object);
    data.check_mutable("Headers.delete")?;
    data.list.retain(|(n, _)| *n != name);
    Ok(JsValue::undefined())
}

fn get(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "get")?;
    require(args, 1, "Headers.get")?;
    let name = name_arg(args, "Headers.get", cx)?;
    let data = object.downcast_ref::<HeadersData>().expect("brand-checked");
    Ok(data
        .get(&name)
        .map_or_else(JsValue::null, |v| js_byte_string(&v)))
}

fn get_set_cookie(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "getSetCookie")?;
    let values: Vec<JsValue> = object
        .downcast_ref::<HeadersData>()
        .expect("brand-checked")
        .list
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| js_byte_string(v))
        .collect();
    Ok(JsArray::from_iter(values, cx).into())
}

fn has(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "has")?;
    require(args, 1, "Headers.has")?;
    let name = name_arg(args, "Headers.has", cx)?;
    let data = object.downcast_ref::<HeadersData>().expect("brand-checked");
    Ok(data.contains(&name).into())
}

fn set(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "set")?;
    require(args, 2, "Headers.set")?;
    let name = to_byte_string(&args[0], "Headers.set", cx)?;
    let value = to_byte_string(&args[1], "Headers.set", cx)?;
    let (name, value) = validate(&name, &value, "Headers.set")?;
    let mut data = data_mut(&object);
    data.check_mutable("Headers.set")?;
    // Fetch §2.2 "set": replace the first, remove the others.
    match data.list.iter().position(|(n, _)| *n == name) {
        None => data.list.push((name, value)),
        Some(first) => {
            data.list[first].1 = value;
            let mut i = 0;
            data.list.retain(|(n, _)| {
                let keep = i <= first || *n != name;
                i += 1;
                keep
            });
        }
    }
    Ok(JsValue::undefined())
}

fn for_each(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_headers(this, "forEach")?;
    let Some(callback) = args.first().and_then(JsValue::as_callable) else {
        return Err(type_error("Headers.forEach: callback is not a function"));
    };
    let this_arg = args.get(1).cloned().unwrap_or_default();
    // WebIDL §3.7.9 forEach: the pairs are recomputed at each step.
    let mut i = 0;
    loop {
        let pair = {
            let data = object.downcast_ref::<HeadersData>().expect("brand-checked");
            data.sort_and_combine().into_iter().nth(i)
        };
        let Some((name, value)) = pair else { break };
        callback.call(
            &this_arg,
            &[
                js_byte_string(&value),
                js_byte_string(&name),
                object.clone().into(),
            ],
            cx,
        )?;
        i += 1;
    }
    Ok(JsValue::undefined())
}

/// What a Headers iterator yields.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Key,
    Value,
    Entry,
}

/// A default iterator object (WebIDL §3.7.10.1): the sorted list is
/// computed again at each next(), so changes during iteration are seen.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct HeadersIterator {
    target: JsObject,
    #[unsafe_ignore_trace]
    kind: Kind,
    index: usize,
}

fn iterator(this: &JsValue, kind: Kind, member: &str, cx: &mut Context) -> JsResult<JsValue> {
    let target = this_headers(this, member)?;
    let proto = super::built(cx)?.headers_iterator_prototype.clone();
    Ok(JsObject::from_proto_and_data(
        proto,
        HeadersIterator {
            target,
            kind,
            index: 0,
        },
    )
    .into())
}

fn keys(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Key, "keys", cx)
}

fn values(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Value, "values", cx)
}

fn entries(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Entry, "entries", cx)
}

fn next(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(object) = this.as_object().filter(|o| o.is::<HeadersIterator>()) else {
        return Err(illegal_invocation("Headers Iterator", "next"));
    };
    let (pair, kind) = {
        let mut it = object
            .downcast_mut::<HeadersIterator>()
            .expect("brand-checked");
        let pair = {
            let data = it.target.downcast_ref::<HeadersData>().expect("a Headers");
            data.sort_and_combine().into_iter().nth(it.index)
        };
        if pair.is_some() {
            it.index += 1;
        }
        (pair, it.kind)
    };
    let Some((name, value)) = pair else {
        return Ok(create_iter_result_object(JsValue::undefined(), true, cx));
    };
    let out = match kind {
        Kind::Key => js_byte_string(&name),
        Kind::Value => js_byte_string(&value),
        Kind::Entry => {
            JsArray::from_iter([js_byte_string(&name), js_byte_string(&value)], cx).into()
        }
    };
    Ok(create_iter_result_object(out, false, cx))
}

/// %HeadersIteratorPrototype%: inherits %IteratorPrototype%.
pub(crate) fn iterator_prototype(cx: &mut Context) -> JsObject {
    crate::web::webidl::iterator_prototype(cx, "Headers Iterator", next)
}

impl Class for HeadersData {
    const NAME: &'static str = "Headers";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "append", 2, append);
        method(class, "delete", 1, delete);
        method(class, "get", 1, get);
        method(class, "getSetCookie", 0, get_set_cookie);
        method(class, "has", 1, has);
        method(class, "set", 2, set);
        method(class, "forEach", 1, for_each);
        method(class, "keys", 0, keys);
        method(class, "values", 0, values);
        let entries = method(class, "entries", 0, entries);
        class.property(
            JsSymbol::iterator(),
            entries,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("Headers"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        let mut data = HeadersData::new(Guard::None);
        match args.first() {
            None => {}
            Some(init) if init.is_undefined() => {}
            Some(init) => {
                let pairs = to_headers_init(init, cx)?;
                data.fill(&pairs)?;
            }
        }
        Ok(data)
    }
}
