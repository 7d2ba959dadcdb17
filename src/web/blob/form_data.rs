//! `FormData` (XHR §5): an ordered list of entries, each a name and a value
//! that is a string or a File.

use boa_engine::builtins::iterable::create_iter_result_object;
use boa_engine::class::{Class, ClassBuilder};
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsObject, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};

use super::file::now_millis;
use super::{BlobSnapshot, blob_snapshot};
use crate::web::webidl::{illegal_invocation, method};
use crate::web::webidl::{to_usv_string, type_error};

/// A `FormDataEntryValue`: a string, or a File object (kept, so that
/// `get()` returns the same object each time).
#[derive(Clone, Trace, Finalize)]
pub(crate) enum FormValue {
    Text(#[unsafe_ignore_trace] String),
    File(JsObject),
}

/// The state of a `FormData`: its entry list.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct FormDataData {
    pub(crate) entries: Vec<(String, FormValue)>,
}

/// The FormData `this` or a TypeError naming `member`.
fn this_form_data(this: &JsValue, member: &str) -> JsResult<JsObject> {
    this.as_object()
        .filter(|o| o.is::<FormDataData>())
        .ok_or_else(|| illegal_invocation("FormData", member))
}

fn with_entries<R>(
    this: &JsValue,
    member: &str,
    f: impl FnOnce(&mut Vec<(String, FormValue)>) -> R,
) -> JsResult<R> {
    let object = this_form_data(this, member)?;
    let mut data = object
        .downcast_mut::<FormDataData>()
        .ok_or_else(|| type_error("internal: not a FormData"))?;
    Ok(f(&mut data.entries))
}

fn require(args: &[JsValue], n: usize, member: &str) -> JsResult<()> {
    if args.len() < n {
        return Err(type_error(format!(
            "FormData.{member}: {n} argument{} required, but only {} present",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

/// The File a FormData keeps for `blob` (XHR §5.1 "create an entry"
/// steps 3-4): a Blob that is not a File becomes a File named "blob"; with
/// a filename, a new File of that name (same bytes, type and
/// lastModified). A File without a filename is kept as it is.
fn entry_file(
    object: JsObject,
    blob: BlobSnapshot,
    filename: Option<String>,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let (name, last_modified) = match (blob.file, filename) {
        (Some(_), None) => return Ok(object),
        (Some((_, last_modified)), Some(filename)) => (filename, last_modified),
        (None, filename) => (
            filename.unwrap_or_else(|| "blob".to_string()),
            now_millis(cx),
        ),
    };
    super::new_file(cx, blob.bytes, blob.mime, name, last_modified)
}

/// The WebIDL overloads `(USVString name, USVString value)` and
/// `(USVString name, Blob blobValue, optional USVString filename)`, then
/// "create an entry".
fn to_entry(args: &[JsValue], member: &str, cx: &mut Context) -> JsResult<(String, FormValue)> {
    require(args, 2, member)?;
    let name = to_usv_string(&args[0], cx)?;
    let value = &args[1];
    // Overload resolution (WebIDL §3.7.7): with 3 arguments only the Blob
    // overload applies; with 2, a Blob picks it, anything else is a string.
    let blob = blob_snapshot(value);
    if args.len() >= 3 && blob.is_none() {
        return Err(type_error(format!(
            "FormData.{member}: parameter 2 is not of type 'Blob'"
        )));
    }
    match (blob, value.as_object()) {
        (Some(blob), Some(object)) => {
            // An optional argument given as undefined is "not given".
            let filename = match args.get(2) {
                Some(filename) if !filename.is_undefined() => Some(to_usv_string(filename, cx)?),
                _ => None,
            };
            let file = entry_file(object.clone(), blob, filename, cx)?;
            Ok((name, FormValue::File(file)))
        }
        _ => Ok((name, FormValue::Text(to_usv_string(value, cx)?))),
    }
}

fn value_to_js(value: &FormValue) -> JsValue {
    match value {
        FormValue::Text(text) => JsString::from(text.as_str()).into(),
        FormValue::File(file) => file.clone().into(),
    }
}

fn append(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    this_form_data(this, "append")?;
    let entry = to_entry(args, "append", cx)?;
    with_entries(this, "append", |entries| entries.push(entry))?;
    Ok(JsValue::undefined())
}

fn set(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    this_form_data(this, "set")?;
    let entry = to_entry(args, "set", cx)?;
    // XHR §5.2 set(): replace the first entry of that name, remove the
    // others; append when there is none.
    with_entries(this, "set", |entries| {
        match entries.iter().position(|(n, _)| *n == entry.0) {
            Some(first) => {
                let name = entry.0.clone();
                entries[first] = entry;
                let mut index = 0;
                entries.retain(|(n, _)| {
                    let keep = index <= first || *n != name;
                    index += 1;
                    keep
                });
            }
            None => entries.push(entry),
        }
    })?;
    Ok(JsValue::undefined())
}

/// The converted `name` argument of delete/get/getAll/has.
fn name_argument(
    this: &JsValue,
    args: &[JsValue],
    member: &str,
    cx: &mut Context,
) -> JsResult<String> {
    this_form_data(this, member)?;
    require(args, 1, member)?;
    to_usv_string(&args[0], cx)
}

fn delete(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = name_argument(this, args, "delete", cx)?;
    with_entries(this, "delete", |entries| {
        entries.retain(|(n, _)| *n != name)
    })?;
    Ok(JsValue::undefined())
}

fn get(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = name_argument(this, args, "get", cx)?;
    with_entries(this, "get", |entries| {
        entries
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(JsValue::null(), |(_, v)| value_to_js(v))
    })
}

fn get_all(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = name_argument(this, args, "getAll", cx)?;
    let values = with_entries(this, "getAll", |entries| {
        entries
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| value_to_js(v))
            .collect::<Vec<_>>()
    })?;
    Ok(JsArray::from_iter(values, cx).into())
}

fn has(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let name = name_argument(this, args, "has", cx)?;
    with_entries(this, "has", |entries| {
        entries.iter().any(|(n, _)| *n == name).into()
    })
}

/// The entry at `index`, read again each time (iteration sees changes).
fn entry_at(form_data: &JsObject, index: usize) -> Option<(String, FormValue)> {
    form_data
        .downcast_ref::<FormDataData>()
        .and_then(|d| d.entries.get(index).cloned())
}

/// WebIDL §3.7.10.3 forEach of a pair iterable.
fn for_each(this: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let object = this_form_data(this, "forEach")?;
    let callback = args
        .first()
        .and_then(JsValue::as_callable)
        .ok_or_else(|| type_error("FormData.forEach: the callback is not a function"))?;
    let this_arg = args.get(1).cloned().unwrap_or_default();
    let mut index = 0;
    while let Some((name, value)) = entry_at(&object, index) {
        callback.call(
            &this_arg,
            &[
                value_to_js(&value),
                JsString::from(name.as_str()).into(),
                object.clone().into(),
            ],
            cx,
        )?;
        index += 1;
    }
    Ok(JsValue::undefined())
}

/// What a FormData iterator yields.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Key,
    Value,
    Entry,
}

/// A default iterator object (WebIDL §3.7.10.1) over a FormData.
#[derive(Trace, Finalize, JsData)]
struct FormDataIterator {
    target: JsObject,
    #[unsafe_ignore_trace]
    kind: Kind,
    index: usize,
}

fn iterator(this: &JsValue, kind: Kind, member: &str, cx: &mut Context) -> JsResult<JsValue> {
    let target = this_form_data(this, member)?;
    let proto = super::built(cx)?.form_data_iterator_prototype.clone();
    Ok(JsObject::from_proto_and_data(
        proto,
        FormDataIterator {
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
    let Some(object) = this.as_object().filter(|o| o.is::<FormDataIterator>()) else {
        return Err(illegal_invocation("FormData Iterator", "next"));
    };
    let (entry, kind) = {
        let mut it = object
            .downcast_mut::<FormDataIterator>()
            .ok_or_else(|| type_error("internal: not a FormData Iterator"))?;
        let entry = entry_at(&it.target, it.index);
        if entry.is_some() {
            it.index += 1;
        }
        (entry, it.kind)
    };
    let Some((name, value)) = entry else {
        return Ok(create_iter_result_object(JsValue::undefined(), true, cx));
    };
    let name: JsValue = JsString::from(name.as_str()).into();
    let out = match kind {
        Kind::Key => name,
        Kind::Value => value_to_js(&value),
        Kind::Entry => JsArray::from_iter([name, value_to_js(&value)], cx).into(),
    };
    Ok(create_iter_result_object(out, false, cx))
}

/// %FormDataIteratorPrototype%: inherits %IteratorPrototype%.
pub(crate) fn iterator_prototype(cx: &mut Context) -> JsObject {
    crate::web::webidl::iterator_prototype(cx, "FormData Iterator", next)
}

impl Class for FormDataData {
    const NAME: &'static str = "FormData";
    const LENGTH: usize = 0;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        method(class, "append", 2, append);
        method(class, "delete", 1, delete);
        method(class, "get", 1, get);
        method(class, "getAll", 1, get_all);
        method(class, "has", 1, has);
        method(class, "set", 2, set);
        method(class, "keys", 0, keys);
        method(class, "values", 0, values);
        let entries = method(class, "entries", 0, entries);
        method(class, "forEach", 1, for_each);
        class.property(
            JsSymbol::iterator(),
            entries,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        );
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("FormData"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    /// `new FormData(optional HTMLFormElement form, optional HTMLElement?
    /// submitter = null)`. There is no DOM here, so no value converts to
    /// an HTMLFormElement: any argument other than undefined is a
    /// TypeError (WebIDL §3.2.18), as in node and deno.
    fn data_constructor(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<Self> {
        if args.first().is_some_and(|form| !form.is_undefined()) {
            return Err(type_error(
                "FormData: argument 1 is not an HTMLFormElement (there is no DOM in this runtime)",
            ));
        }
        Ok(FormDataData {
            entries: Vec::new(),
        })
    }
}
