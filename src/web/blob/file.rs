//! `File` (File API §4): a Blob with a name and a lastModified time.
//! File.prototype inherits Blob.prototype (set up in `mod.rs`), so the Blob
//! members, which accept a File too, are not repeated here.

use boa_engine::class::{Class, ClassBuilder};
use boa_engine::property::Attribute;
use boa_engine::{
    Context, Finalize, JsData, JsResult, JsString, JsSymbol, JsValue, Trace, js_string,
};

use super::blob_class::{BlobData, process_blob_parts, read_endings, read_type, to_blob_parts};
use crate::web::webidl::getter;
use crate::web::webidl::{illegal_invocation, member, to_dictionary, to_usv_string, type_error};

/// The state of a `File`.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct FileData {
    pub(crate) blob: BlobData,
    #[unsafe_ignore_trace]
    pub(crate) name: String,
    /// Milliseconds since the Unix epoch.
    pub(crate) last_modified: i64,
}

/// WebIDL §3.2.4 `long long` (no [Clamp]/[EnforceRange]): NaN and
/// infinities are 0, truncated, then wrapped modulo 2^64 into the signed
/// range.
fn to_long_long(value: &JsValue, cx: &mut Context) -> JsResult<i64> {
    let n = value.to_number(cx)?;
    if !n.is_finite() {
        return Ok(0);
    }
    let n = n.trunc();
    // Exact in this range; beyond it the f64 has no fractional part and
    // the modulo below only needs to be right to f64 precision.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_63..TWO_63).contains(&n) {
        return Ok(n as i64);
    }
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    let wrapped = n.rem_euclid(TWO_64);
    Ok(if wrapped >= TWO_63 {
        (wrapped - TWO_64) as i64
    } else {
        wrapped as i64
    })
}

/// The current time, as `Date.now()` gives it (File API §4.1 step 4's
/// default lastModified).
pub(crate) fn now_millis(cx: &Context) -> i64 {
    cx.clock().system_time_millis()
}

fn this_file(this: &JsValue, member: &str) -> JsResult<(String, i64)> {
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<FileData>()
                .map(|f| (f.name.clone(), f.last_modified))
        })
        .ok_or_else(|| illegal_invocation("File", member))
}

fn get_name(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let (name, _) = this_file(this, "name")?;
    Ok(JsString::from(name.as_str()).into())
}

fn get_last_modified(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let (_, last_modified) = this_file(this, "lastModified")?;
    Ok((last_modified as f64).into())
}

impl Class for FileData {
    const NAME: &'static str = "File";
    const LENGTH: usize = 2;
    const ATTRIBUTES: Attribute = Attribute::WRITABLE.union(Attribute::CONFIGURABLE);

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        getter(class, "name", get_name);
        getter(class, "lastModified", get_last_modified);
        class.property(
            JsSymbol::to_string_tag(),
            js_string!("File"),
            Attribute::CONFIGURABLE,
        );
        Ok(())
    }

    /// `new File(sequence<BlobPart> fileBits, USVString fileName, optional
    /// FilePropertyBag options = {})`.
    fn data_constructor(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<Self> {
        if args.len() < 2 {
            return Err(type_error(format!(
                "File: 2 arguments required, but only {} present",
                args.len()
            )));
        }
        let bits = &args[0];
        if bits.is_undefined() {
            // Required, so undefined is converted too: not a sequence.
            return Err(type_error("File: the parts are not a sequence"));
        }
        let parts = to_blob_parts(bits, "File", cx)?;
        let name = to_usv_string(&args[1], cx)?;
        let options = to_dictionary(args.get(2).unwrap_or(&JsValue::undefined()), "File")?;
        // FilePropertyBag members in lexicographic order: endings,
        // lastModified, type.
        let native = read_endings(options.as_ref(), "File", cx)?;
        let last_modified = member(options.as_ref(), js_string!("lastModified"), cx)?;
        let last_modified = if last_modified.is_undefined() {
            now_millis(cx)
        } else {
            to_long_long(&last_modified, cx)?
        };
        let mime = read_type(options.as_ref(), cx)?;
        Ok(FileData {
            blob: BlobData {
                bytes: process_blob_parts(parts, native),
                mime,
            },
            name,
            last_modified,
        })
    }
}
