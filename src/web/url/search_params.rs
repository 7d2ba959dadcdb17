//! `URLSearchParams` (URL Standard §6.2,
//! <https://url.spec.whatwg.org/#interface-urlsearchparams>), a native
//! class: the list of name-value pairs lives in the object's data, and a
//! URL's query object writes every change back to its URL ("update").
//! `application/x-www-form-urlencoded` parsing and serializing is
//! `url::form_urlencoded`.

use boa_engine::builtins::iterable::create_iter_result_object;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace,
};

use crate::web::webidl::{
    getter, illegal_invocation, iterator_prototype, method, require_args, this_object, to_pairs,
    to_string_tag, to_usv_string, type_error, usv_string,
};

/// The state of a `URLSearchParams` object.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct ParamsData {
    #[unsafe_ignore_trace]
    list: Vec<(String, String)>,
    /// The URL whose query object this is.
    url: Option<JsObject>,
}

/// The application/x-www-form-urlencoded parser (§5.1).
fn parse(input: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(input.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// The application/x-www-form-urlencoded serializer (§5.2).
fn serialize(list: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(list)
        .finish()
}

/// A URL's query object, its list parsed from `query`.
pub(super) fn new_linked(query: &str, url: JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let prototype = cx
        .get_global_class::<ParamsData>()
        .map(|class| class.prototype())
        .ok_or_else(|| type_error("internal: URLSearchParams is not registered"))?;
    Ok(JsObject::from_proto_and_data(
        prototype,
        ParamsData {
            list: parse(query),
            url: Some(url),
        },
    ))
}

/// The URL's side of the link: the list becomes `query`, parsed.
pub(super) fn replace_list(params: &JsObject, query: &str) {
    if let Some(mut data) = params.downcast_mut::<ParamsData>() {
        data.list = parse(query);
    }
}

/// The body of a `URLSearchParams` (Fetch "extract a body"): its
/// serialization; `None` for any other object.
pub(crate) fn body_text(object: &JsObject) -> Option<String> {
    object
        .downcast_ref::<ParamsData>()
        .map(|data| serialize(&data.list))
}

impl Class for ParamsData {
    const NAME: &'static str = "URLSearchParams";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "size", size);
        method(class, "append", 2, append);
        method(class, "delete", 1, delete);
        method(class, "get", 1, get);
        method(class, "getAll", 1, get_all);
        method(class, "has", 1, has);
        method(class, "set", 2, set);
        method(class, "sort", 0, sort);
        let entries = method(class, "entries", 0, entries);
        method(class, "forEach", 1, for_each);
        method(class, "keys", 0, keys);
        method(class, "values", 0, values);
        method(class, "toString", 0, to_string);
        class.property(
            JsSymbol::iterator(),
            entries,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        );
        to_string_tag(class, "URLSearchParams");
        Ok(())
    }

    /// `new URLSearchParams(init = "")` (§6.2 constructor): pairs, a record
    /// or a string (a leading "?" dropped).
    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        let init = args.first().cloned().unwrap_or_default();
        let list = if init.is_undefined() {
            Vec::new()
        } else if let Some(object) = init.as_object() {
            to_pairs(&object, usv_string, "URLSearchParams", cx)?
        } else {
            let query = to_usv_string(&init, cx)?;
            parse(query.strip_prefix('?').unwrap_or(&query))
        };
        Ok(ParamsData { list, url: None })
    }
}

/// Brand-checks `this` for `member`.
fn this_params(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this_object::<ParamsData>(this, "URLSearchParams", member)
}

/// Runs `read` on the list of `this`.
fn with_list<R>(
    object: &JsObject,
    member: &str,
    read: impl FnOnce(&[(String, String)]) -> R,
) -> JsResult<R> {
    let data = object
        .downcast_ref::<ParamsData>()
        .ok_or_else(|| illegal_invocation("URLSearchParams", member))?;
    Ok(read(&data.list))
}

/// Changes the list of `object`, then runs the update steps (§6.2): a
/// URL's query object writes its serialization to the URL.
fn change(
    object: &JsObject,
    member: &str,
    edit: impl FnOnce(&mut Vec<(String, String)>),
) -> JsResult<()> {
    let update = {
        let mut data = object
            .downcast_mut::<ParamsData>()
            .ok_or_else(|| illegal_invocation("URLSearchParams", member))?;
        edit(&mut data.list);
        data.url.clone().map(|url| (url, serialize(&data.list)))
    };
    if let Some((url, serialized)) = update {
        super::url_class::set_query(&url, &serialized);
    }
    Ok(())
}

/// The optional `value` argument of `delete` and `has`: absent when
/// undefined.
fn optional_value(args: &[JsValue], cx: &mut Context) -> JsResult<Option<String>> {
    match args.get(1) {
        Some(value) if !value.is_undefined() => Ok(Some(to_usv_string(value, cx)?)),
        _ => Ok(None),
    }
}

fn js(s: &str) -> JsValue {
    JsString::from(s).into()
}

fn size(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "size")?;
    with_list(&object, "size", |list| JsValue::from(list.len()))
}

fn append(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "append")?;
    require_args(args, 2, "URLSearchParams.prototype.append")?;
    let name = to_usv_string(&args[0], cx)?;
    let value = to_usv_string(&args[1], cx)?;
    change(&object, "append", |list| list.push((name, value)))?;
    Ok(JsValue::undefined())
}

fn delete(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "delete")?;
    require_args(args, 1, "URLSearchParams.prototype.delete")?;
    let name = to_usv_string(&args[0], cx)?;
    let value = optional_value(args, cx)?;
    change(&object, "delete", |list| {
        list.retain(|(n, v)| *n != name || value.as_ref().is_some_and(|value| v != value));
    })?;
    Ok(JsValue::undefined())
}

fn get(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "get")?;
    require_args(args, 1, "URLSearchParams.prototype.get")?;
    let name = to_usv_string(&args[0], cx)?;
    with_list(&object, "get", |list| {
        list.iter()
            .find(|(n, _)| *n == name)
            .map_or_else(JsValue::null, |(_, v)| js(v))
    })
}

fn get_all(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "getAll")?;
    require_args(args, 1, "URLSearchParams.prototype.getAll")?;
    let name = to_usv_string(&args[0], cx)?;
    let values = with_list(&object, "getAll", |list| {
        list.iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| js(v))
            .collect::<Vec<_>>()
    })?;
    Ok(JsArray::from_iter(values, cx).into())
}

fn has(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "has")?;
    require_args(args, 1, "URLSearchParams.prototype.has")?;
    let name = to_usv_string(&args[0], cx)?;
    let value = optional_value(args, cx)?;
    with_list(&object, "has", |list| {
        list.iter()
            .any(|(n, v)| *n == name && value.as_ref().is_none_or(|value| v == value))
            .into()
    })
}

fn set(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "set")?;
    require_args(args, 2, "URLSearchParams.prototype.set")?;
    let name = to_usv_string(&args[0], cx)?;
    let value = to_usv_string(&args[1], cx)?;
    change(&object, "set", |list| {
        // The first pair of that name takes the value; the others go.
        match list.iter().position(|(n, _)| *n == name) {
            Some(first) => {
                list[first].1 = value;
                let mut index = 0;
                list.retain(|(n, _)| {
                    let keep = index <= first || *n != name;
                    index += 1;
                    keep
                });
            }
            None => list.push((name, value)),
        }
    })?;
    Ok(JsValue::undefined())
}

fn sort(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "sort")?;
    // Stable, by the names' UTF-16 code units (as JavaScript compares
    // strings; UTF-8 byte order differs above U+FFFF).
    change(&object, "sort", |list| {
        list.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    })?;
    Ok(JsValue::undefined())
}

fn to_string(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "toString")?;
    with_list(&object, "toString", |list| js(&serialize(list)))
}

fn for_each(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_params(this, "forEach")?;
    require_args(args, 1, "URLSearchParams.prototype.forEach")?;
    let Some(callback) = args[0].as_callable() else {
        return Err(type_error(
            "URLSearchParams.prototype.forEach: the callback is not a function",
        ));
    };
    let this_arg = args.get(1).cloned().unwrap_or_default();
    // WebIDL: the list is read again at every step (the callback may
    // change it).
    let mut index = 0;
    while let Some((name, value)) = with_list(&object, "forEach", |list| list.get(index).cloned())?
    {
        callback.call(&this_arg, &[js(&value), js(&name), this.clone()], cx)?;
        index += 1;
    }
    Ok(JsValue::undefined())
}

/// What an iterator yields.
#[derive(Clone, Copy)]
enum Kind {
    Key,
    Value,
    Entry,
}

/// A URLSearchParams Iterator (WebIDL §3.7.10.1 default iterator
/// objects): its target and position; each step reads the live list.
#[derive(Trace, Finalize, JsData)]
struct ParamsIterator {
    target: JsObject,
    #[unsafe_ignore_trace]
    kind: Kind,
    index: usize,
}

/// %URLSearchParams Iterator Prototype%, made once per realm.
#[derive(Clone, Trace, Finalize, JsData)]
struct IteratorPrototype(JsObject);

fn iterator(this: &JsValue, kind: Kind, member: &str, cx: &mut Context) -> JsResult<JsValue> {
    let target = this_params(this, member)?;
    let prototype = match cx.get_data::<IteratorPrototype>() {
        Some(IteratorPrototype(prototype)) => prototype.clone(),
        None => {
            let prototype = iterator_prototype(cx, "URLSearchParams Iterator", next);
            cx.insert_data(IteratorPrototype(prototype.clone()));
            prototype
        }
    };
    Ok(JsObject::from_proto_and_data(
        prototype,
        ParamsIterator {
            target,
            kind,
            index: 0,
        },
    )
    .into())
}

fn entries(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Entry, "entries", cx)
}

fn keys(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Key, "keys", cx)
}

fn values(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    iterator(this, Kind::Value, "values", cx)
}

fn next(this: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_object::<ParamsIterator>(this, "URLSearchParams Iterator", "next")?;
    let (target, kind, index) = {
        let it = object
            .downcast_ref::<ParamsIterator>()
            .ok_or_else(|| illegal_invocation("URLSearchParams Iterator", "next"))?;
        (it.target.clone(), it.kind, it.index)
    };
    let pair = with_list(&target, "next", |list| list.get(index).cloned())?;
    let Some((name, value)) = pair else {
        return Ok(create_iter_result_object(JsValue::undefined(), true, cx));
    };
    if let Some(mut it) = object.downcast_mut::<ParamsIterator>() {
        it.index = index + 1;
    }
    let out = match kind {
        Kind::Key => js(&name),
        Kind::Value => js(&value),
        Kind::Entry => JsArray::from_iter([js(&name), js(&value)], cx).into(),
    };
    Ok(create_iter_result_object(out, false, cx))
}
