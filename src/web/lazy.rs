//! Globals built on first use.
//!
//! Globals written in JavaScript (DOMException, ...) cost a parse and a
//! compile; most scripts never touch them, and cold start is a feature. A
//! lazy global is an accessor on the global object (not enumerable,
//! configurable) whose getter builds the value on first read and returns
//! the same value after; assigning replaces it, as assigning a WebIDL
//! interface object does.
//!
//! It stays an accessor for good: Boa 0.22's inline caches mis-handle a
//! global whose accessor is redefined as a data property (or deleted and
//! re-added) after a function has read it, calling the new value as a
//! getter or reading another global's slot.

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{Context, JsResult, JsString, JsValue, NativeFunction};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

/// Builds the value of a lazy global.
pub type Init = fn(&mut Context) -> JsResult<JsValue>;

#[derive(Clone, Trace, Finalize)]
struct Lazy {
    value: Gc<GcRefCell<Option<JsValue>>>,
    #[unsafe_ignore_trace]
    init: Init,
}

/// Defines the interface object `name` on the global object (not
/// enumerable, as WebIDL §3.7 says), built by `init` on first access.
pub fn define(context: &mut Context, name: JsString, init: Init) -> JsResult<()> {
    define_with(context, name, init, false)
}

/// Defines a global attribute or operation `name` (enumerable, WebIDL
/// §3.7.5-3.7.6: `crypto`, `reportError`), built by `init` on first access.
pub fn define_enumerable(context: &mut Context, name: JsString, init: Init) -> JsResult<()> {
    define_with(context, name, init, true)
}

fn define_with(
    context: &mut Context,
    name: JsString,
    init: Init,
    enumerable: bool,
) -> JsResult<()> {
    let lazy = Lazy {
        value: Gc::new(GcRefCell::new(None)),
        init,
    };
    let getter = FunctionObjectBuilder::new(
        context.realm(),
        NativeFunction::from_copy_closure_with_captures(
            |_, _, lazy: &Lazy, cx| {
                if let Some(value) = lazy.value.borrow().as_ref() {
                    return Ok(value.clone());
                }
                let value = (lazy.init)(cx)?;
                *lazy.value.borrow_mut() = Some(value.clone());
                Ok(value)
            },
            lazy.clone(),
        ),
    )
    .name(JsString::from(
        format!("get {}", name.to_std_string_escaped()).as_str(),
    ))
    .build();
    let setter = FunctionObjectBuilder::new(
        context.realm(),
        NativeFunction::from_copy_closure_with_captures(
            |_, args, lazy: &Lazy, _| {
                *lazy.value.borrow_mut() = Some(args.first().cloned().unwrap_or_default());
                Ok(JsValue::undefined())
            },
            lazy,
        ),
    )
    .name(JsString::from(
        format!("set {}", name.to_std_string_escaped()).as_str(),
    ))
    .build();
    context.global_object().define_property_or_throw(
        name,
        PropertyDescriptor::builder()
            .get(getter)
            .set(setter)
            .enumerable(enumerable)
            .configurable(true),
        context,
    )?;
    Ok(())
}
