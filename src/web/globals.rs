//! Small globals: `performance` (High Resolution Time), `navigator`
//! (HTML §8.9, as WinterTC lists it) and `self`.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsResult, JsString, JsValue, NativeFunction, js_string};
use boa_gc::{Finalize, Trace};

/// The instant `performance.now()` counts from.
#[derive(Clone, Trace, Finalize)]
struct TimeOrigin {
    #[unsafe_ignore_trace]
    instant: Instant,
}

/// `performance.now()`: milliseconds since the realm's time origin (0 in a
/// context without these globals).
pub fn now_ms(context: &Context) -> f64 {
    context.get_data::<TimeOrigin>().map_or(0.0, |origin| {
        origin.instant.elapsed().as_secs_f64() * 1000.0
    })
}

pub fn register(context: &mut Context) -> JsResult<()> {
    let origin = TimeOrigin {
        instant: Instant::now(),
    };
    // Kept for natives that share the clock (`Event.prototype.timeStamp`).
    context.insert_data(origin.clone());
    // Milliseconds since the Unix epoch, with sub-millisecond precision.
    let time_origin = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);

    let now = NativeFunction::from_copy_closure_with_captures(
        |_, _, origin: &TimeOrigin, _| {
            Ok(JsValue::from(
                origin.instant.elapsed().as_secs_f64() * 1000.0,
            ))
        },
        origin,
    );
    let performance = ObjectInitializer::new(context)
        .function(now, js_string!("now"), 0)
        .property(
            js_string!("timeOrigin"),
            time_origin,
            Attribute::READONLY | Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .build();
    context.register_global_property(js_string!("performance"), performance, Attribute::all())?;

    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let user_agent = format!("nano-boa/{}", env!("CARGO_PKG_VERSION"));
    let navigator = ObjectInitializer::new(context)
        .property(
            js_string!("userAgent"),
            js_string!(user_agent.as_str()),
            Attribute::READONLY | Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .property(
            js_string!("hardwareConcurrency"),
            cores as u32,
            Attribute::READONLY | Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .property(
            js_string!("language"),
            js_string!("en-US"),
            Attribute::READONLY | Attribute::ENUMERABLE | Attribute::CONFIGURABLE,
        )
        .build();
    context.register_global_property(js_string!("navigator"), navigator, Attribute::all())?;

    let global = context.global_object();
    context.register_global_property(js_string!("self"), global, Attribute::all())?;
    Ok(())
}

/// Defines a global operation `name` (WebIDL §3.7.6: a data property of
/// the global, writable, enumerable and configurable, whose value is a
/// function that is not a constructor).
pub(crate) fn define_operation(
    context: &mut Context,
    name: JsString,
    length: usize,
    function: NativeFunction,
) -> JsResult<()> {
    let function = boa_engine::object::FunctionObjectBuilder::new(context.realm(), function)
        .name(name.clone())
        .length(length)
        .constructor(false)
        .build();
    context.register_global_property(name, function, Attribute::all())
}
