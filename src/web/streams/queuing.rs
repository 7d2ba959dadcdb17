//! `ByteLengthQueuingStrategy` and `CountQueuingStrategy` (Streams §7.2,
//! §7.3, <https://streams.spec.whatwg.org/#blqs-class>).

use std::rc::Rc;

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue, NativeFunction, js_string};
use boa_gc::{Finalize, Trace};

use crate::web::webidl::{
    Interface, illegal_invocation, instance_prototype, require_args, to_dictionary, type_error,
};

/// A strategy's [[highWaterMark]]; `bytes` tells the two interfaces apart.
#[derive(Trace, Finalize, JsData)]
struct StrategySlot {
    #[unsafe_ignore_trace]
    high_water_mark: f64,
    #[unsafe_ignore_trace]
    bytes: bool,
}

pub(crate) struct Classes {
    byte_length: StandardConstructor,
    count: StandardConstructor,
    /// The size functions, one of each per realm (§7.2.2, §7.3.2).
    byte_length_size: JsObject,
    count_size: JsObject,
}

fn classes(cx: &mut Context) -> Rc<Classes> {
    if let Some(classes) = cx.get_data::<Rc<Classes>>() {
        return classes.clone();
    }
    // Methods in the spec's IDL-less definition: named "size", not
    // constructors.
    let byte_length_size = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_fn_ptr(|_, args, cx| {
            // Return ? GetV(chunk, "byteLength").
            let chunk = args.get_or_undefined(0);
            if chunk.is_null_or_undefined() {
                return Err(type_error(format!(
                    "Cannot read properties of {} (reading 'byteLength')",
                    chunk.display()
                )));
            }
            chunk.to_object(cx)?.get(js_string!("byteLength"), cx)
        }),
    )
    .name(js_string!("size"))
    .length(1)
    .constructor(false)
    .build()
    .into();
    let count_size = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_fn_ptr(|_, _, _| Ok(1.into())),
    )
    .name(js_string!("size"))
    .length(0)
    .constructor(false)
    .build()
    .into();
    let byte_length = build(cx, "ByteLengthQueuingStrategy", true);
    let count = build(cx, "CountQueuingStrategy", false);
    let classes = Rc::new(Classes {
        byte_length,
        count,
        byte_length_size,
        count_size,
    });
    cx.insert_data(classes.clone());
    classes
}

pub(crate) const GLOBALS: &[&str] = &["ByteLengthQueuingStrategy", "CountQueuingStrategy"];

pub(crate) fn interface_object(cx: &mut Context, name: &str) -> Option<JsObject> {
    let classes = classes(cx);
    match name {
        "ByteLengthQueuingStrategy" => Some(classes.byte_length.constructor()),
        "CountQueuingStrategy" => Some(classes.count.constructor()),
        _ => None,
    }
}

fn this_strategy(this: &JsValue, bytes: bool, member: &str) -> JsResult<f64> {
    let interface = if bytes {
        "ByteLengthQueuingStrategy"
    } else {
        "CountQueuingStrategy"
    };
    this.as_object()
        .and_then(|o| {
            o.downcast_ref::<StrategySlot>()
                .filter(|s| s.bytes == bytes)
                .map(|s| s.high_water_mark)
        })
        .ok_or_else(|| illegal_invocation(interface, member))
}

fn build(cx: &mut Context, name: &'static str, bytes: bool) -> StandardConstructor {
    let constructor: super::NativeFn = if bytes {
        |t, a, cx| construct(t, a, true, cx)
    } else {
        |t, a, cx| construct(t, a, false, cx)
    };
    let mut interface = Interface::new(cx, name, 1, constructor, None);
    if bytes {
        interface
            .attribute(
                "highWaterMark",
                |this, _, _| Ok(this_strategy(this, true, "highWaterMark")?.into()),
                None,
            )
            .attribute(
                "size",
                |this, _, cx| {
                    this_strategy(this, true, "size")?;
                    Ok(classes(cx).byte_length_size.clone().into())
                },
                None,
            );
    } else {
        interface
            .attribute(
                "highWaterMark",
                |this, _, _| Ok(this_strategy(this, false, "highWaterMark")?.into()),
                None,
            )
            .attribute(
                "size",
                |this, _, cx| {
                    this_strategy(this, false, "size")?;
                    Ok(classes(cx).count_size.clone().into())
                },
                None,
            );
    }
    interface.build()
}

/// `constructor(QueuingStrategyInit init)`: `highWaterMark` is required.
fn construct(
    new_target: &JsValue,
    args: &[JsValue],
    bytes: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let (name, default) = if bytes {
        (
            "ByteLengthQueuingStrategy",
            classes(cx).byte_length.prototype(),
        )
    } else {
        ("CountQueuingStrategy", classes(cx).count.prototype())
    };
    let prototype = instance_prototype(new_target, name, &default, cx)?;
    require_args(args, 1, name)?;
    let init = to_dictionary(args.get_or_undefined(0), name)?;
    let hwm = match init {
        Some(init) => init.get(js_string!("highWaterMark"), cx)?,
        None => JsValue::undefined(),
    };
    if hwm.is_undefined() {
        return Err(type_error(format!("{name}: highWaterMark is required")));
    }
    let high_water_mark = hwm.to_number(cx)?;
    let slot = StrategySlot {
        high_water_mark,
        bytes,
    };
    Ok(JsObject::from_proto_and_data(prototype, slot).into())
}
