//! `Blob` and `File` (W3C File API §3-4) and `FormData` (XHR §5), native
//! classes over immutable `bytes::Bytes`: a slice, a copy into a FormData
//! entry or a Blob used as a body shares the bytes, nothing is copied.
//!
//! - `blob_class.rs`: Blob, its constructor's BlobParts and its reads.
//! - `file.rs`: File, a Blob with a name and a lastModified time.
//! - `form_data.rs`: FormData, its entries and its iterator.
//! - `multipart.rs`: the multipart/form-data encoding (HTML §4.10.21.8) and
//!   the parsing of multipart and urlencoded bodies for `formData()`.
//!
//! The three globals are lazy (`web/lazy.rs`); the first read of any of
//! them builds the three classes.
//!
//! # API for the other families
//! - [`blob_snapshot`]: the bytes, type and (for a File) name and
//!   lastModified of a Blob; `None` for another value (fetch's "extract",
//!   structuredClone).
//! - [`new_blob`], [`new_file`]: a Blob or File of this realm.
//! - [`form_data_entries`], [`new_form_data`]: a FormData's entries and a
//!   FormData from entries (fetch's "extract" and `formData()`).

mod blob_class;
mod file;
mod form_data;
pub(crate) mod multipart;

use boa_engine::class::Class;
use boa_engine::{Context, JsObject, JsResult, JsValue, js_string};
use boa_gc::{Finalize, Trace};
use bytes::Bytes;

use crate::web::webidl::register_class;
use crate::web::webidl::type_error;
pub(crate) use blob_class::{BlobData, utf8_decode};
pub(crate) use file::{FileData, now_millis};
pub(crate) use form_data::{FormDataData, FormValue};

pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::lazy::define(context, js_string!("Blob"), |cx| {
        constructor::<BlobData>(cx)
    })?;
    crate::web::lazy::define(context, js_string!("File"), |cx| {
        constructor::<FileData>(cx)
    })?;
    crate::web::lazy::define(context, js_string!("FormData"), |cx| {
        constructor::<FormDataData>(cx)
    })?;
    Ok(())
}

/// What the classes keep from the realm, made when they are built.
#[derive(Clone, Trace, Finalize)]
struct Built {
    form_data_iterator_prototype: JsObject,
}

/// The classes, built once per context.
fn built(cx: &mut Context) -> JsResult<Built> {
    if let Some(built) = cx.get_data::<Built>() {
        return Ok(built.clone());
    }
    let built = Built {
        form_data_iterator_prototype: form_data::iterator_prototype(cx),
    };
    cx.insert_data(built.clone());
    register_class::<BlobData>(cx)?;
    register_class::<FileData>(cx)?;
    register_class::<FormDataData>(cx)?;
    // File API §4: `interface File : Blob`, so File.prototype inherits
    // Blob.prototype and the File constructor inherits the Blob constructor.
    let (blob, file) = match (
        cx.get_global_class::<BlobData>(),
        cx.get_global_class::<FileData>(),
    ) {
        (Some(blob), Some(file)) => (blob, file),
        _ => return Err(type_error("internal: Blob or File is not registered")),
    };
    file.prototype().set_prototype(Some(blob.prototype()));
    file.constructor().set_prototype(Some(blob.constructor()));
    Ok(built)
}

/// The realm's constructor of `C`, building the classes on first use.
fn constructor<C: Class>(cx: &mut Context) -> JsResult<JsValue> {
    built(cx)?;
    cx.get_global_class::<C>()
        .map(|c| c.constructor().into())
        .ok_or_else(|| type_error(format!("internal: {} is not registered", C::NAME)))
}

/// A Blob's state as other families need it.
#[derive(Debug, Clone)]
pub(crate) struct BlobSnapshot {
    pub(crate) bytes: Bytes,
    /// The `type` attribute (already lowercase, possibly empty).
    pub(crate) mime: String,
    /// For a File: its name and lastModified.
    pub(crate) file: Option<(String, i64)>,
}

/// The state of `value` if it is a Blob or a File of any realm.
pub(crate) fn blob_snapshot(value: &JsValue) -> Option<BlobSnapshot> {
    let object = value.as_object()?;
    if let Some(blob) = object.downcast_ref::<BlobData>() {
        return Some(BlobSnapshot {
            bytes: blob.bytes.clone(),
            mime: blob.mime.clone(),
            file: None,
        });
    }
    let file = object.downcast_ref::<FileData>()?;
    Some(BlobSnapshot {
        bytes: file.blob.bytes.clone(),
        mime: file.blob.mime.clone(),
        file: Some((file.name.clone(), file.last_modified)),
    })
}

/// A new Blob of this realm (`mime` is taken as it is: the caller applies
/// the type rules when the value comes from outside).
pub(crate) fn new_blob(cx: &mut Context, bytes: Bytes, mime: String) -> JsResult<JsObject> {
    built(cx)?;
    BlobData::from_data(BlobData { bytes, mime }, cx)
}

/// A new File of this realm.
pub(crate) fn new_file(
    cx: &mut Context,
    bytes: Bytes,
    mime: String,
    name: String,
    last_modified: i64,
) -> JsResult<JsObject> {
    built(cx)?;
    FileData::from_data(
        FileData {
            blob: BlobData { bytes, mime },
            name,
            last_modified,
        },
        cx,
    )
}

/// The entries of `value` if it is a FormData.
pub(crate) fn form_data_entries(value: &JsValue) -> Option<Vec<(String, FormValue)>> {
    let object = value.as_object()?;
    let data = object.downcast_ref::<FormDataData>()?;
    Some(data.entries.clone())
}

/// A new FormData of this realm holding `entries`.
pub(crate) fn new_form_data(
    cx: &mut Context,
    entries: Vec<(String, FormValue)>,
) -> JsResult<JsObject> {
    built(cx)?;
    FormDataData::from_data(FormDataData { entries }, cx)
}

/// File API §3.1: a `type` with a code point outside U+0020-U+007E is the
/// empty string; otherwise it is lowercased.
pub(crate) fn normalize_type(mime: &str) -> String {
    if mime.chars().all(|c| (' '..='~').contains(&c)) {
        mime.to_ascii_lowercase()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Runtime, RuntimeOptions};
    use std::path::Path;

    fn snapshot(rt: &mut Runtime, name: &str) -> BlobSnapshot {
        let value = rt
            .eval_script(name, Path::new("<test>"))
            .expect("script runs");
        blob_snapshot(&value).expect("a Blob")
    }

    /// Slicing, File entries, bodies and `blob()` share the Blob's bytes
    /// (the brief's "no copies"): the pointers fall inside the original.
    #[test]
    fn bytes_are_shared_not_copied() {
        let mut rt = crate::web::new_runtime(RuntimeOptions::default()).expect("runtime");
        rt.eval_script(
            "var b = new Blob([new Uint8Array(1000)], { type: 'a/b' });
             var s = b.slice(10, 20);
             var fd = new FormData(); fd.append('f', b);
             var viaBody; new Response(b).blob().then(x => { viaBody = x; });
             var cloned = structuredClone(b);",
            Path::new("<test>"),
        )
        .expect("script runs");
        rt.run_event_loop().expect("loop");
        let original = snapshot(&mut rt, "b");
        let base = original.bytes.as_ptr();
        let slice = snapshot(&mut rt, "s");
        assert_eq!(slice.bytes.len(), 10);
        assert_eq!(slice.bytes.as_ptr(), base.wrapping_add(10));
        for name in ["fd.get('f')", "viaBody", "cloned"] {
            let other = snapshot(&mut rt, name);
            assert_eq!(other.bytes.as_ptr(), base, "{name} shares the bytes");
        }
        assert_eq!(snapshot(&mut rt, "viaBody").mime, "a/b");
    }
}
