//! `console` (WHATWG Console Standard), printing values as node's
//! `util.inspect` does and following node's choices where the standard
//! leaves room (streams, warnings, `table` layout, `time` format).

pub(crate) mod format;
pub mod inspect;
mod table;

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
};

use inspect::InspectOptions;

/// Per-context console state: group indentation, counters, timers.
#[derive(Default)]
struct ConsoleState {
    group_indent: usize,
    counts: HashMap<String, u64>,
    timers: HashMap<String, Instant>,
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

type Method = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

pub fn register(context: &mut Context) -> JsResult<()> {
    context.insert_data(RefCell::new(ConsoleState::default()));
    let methods: [(&str, usize, Method); 21] = [
        ("log", 0, log),
        ("info", 0, log),
        ("debug", 0, log),
        ("dirxml", 0, log),
        ("warn", 0, warn),
        ("error", 0, warn),
        ("trace", 0, trace),
        ("assert", 0, assert),
        ("table", 1, table),
        ("dir", 0, dir),
        ("time", 0, time),
        ("timeLog", 0, time_log),
        ("timeEnd", 0, time_end),
        ("count", 0, count),
        ("countReset", 0, count_reset),
        ("group", 0, group),
        ("groupCollapsed", 0, group),
        ("groupEnd", 0, group_end),
        ("clear", 0, noop),
        ("timeStamp", 0, noop),
        ("profile", 0, noop),
    ];
    let mut init = ObjectInitializer::new(context);
    for (name, length, f) in methods {
        init.function(NativeFunction::from_fn_ptr(f), js_string!(name), length);
    }
    init.function(
        NativeFunction::from_fn_ptr(noop),
        js_string!("profileEnd"),
        0,
    );
    let console = init.build();
    context.register_global_property(
        js_string!("console"),
        console,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )
}

/// The target of a Proxy, if this runtime can know it: `Some(None)` for a
/// revoked proxy. Boa keeps a proxy's target private, so for now the
/// inspector cannot look through proxies and prints `[Proxy]`.
pub(crate) fn proxy_target(_proxy: &JsObject, _cx: &mut Context) -> Option<Option<JsObject>> {
    None
}

fn with_state<R>(cx: &Context, f: impl FnOnce(&mut ConsoleState) -> R) -> Option<R> {
    let state = cx.get_data::<RefCell<ConsoleState>>()?;
    let mut state = state.try_borrow_mut().ok()?;
    Some(f(&mut state))
}

/// Where console output goes instead of stdout and stderr: called with
/// whether the line is error output (warn, error, trace) and the message
/// (group indentation applied, no trailing newline). The server uses it to
/// tag each line with the app's name.
pub type Sink = std::rc::Rc<dyn Fn(bool, &str)>;

struct ConsoleSink(Sink);

/// Sends this context's console output to `sink`.
pub fn set_sink(context: &mut Context, sink: Sink) {
    context.insert_data(ConsoleSink(sink));
}

/// Writes one message and a newline, indented by the current group
/// level. Write errors (a closed pipe) are ignored, as node ignores EPIPE
/// on stdout.
fn write(stream: Stream, text: &str, cx: &Context) {
    let indent = with_state(cx, |s| s.group_indent).unwrap_or(0);
    let mut message = String::with_capacity(text.len() + 1);
    if indent == 0 {
        message.push_str(text);
    } else {
        let pad = " ".repeat(indent);
        message.push_str(&pad);
        message.push_str(&text.replace('\n', &format!("\n{pad}")));
    }
    if let Some(ConsoleSink(sink)) = cx.get_data::<ConsoleSink>() {
        sink(matches!(stream, Stream::Err), &message);
        return;
    }
    message.push('\n');
    let _ = match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            out.write_all(message.as_bytes()).and_then(|()| out.flush())
        }
        Stream::Err => {
            let mut err = std::io::stderr().lock();
            err.write_all(message.as_bytes()).and_then(|()| err.flush())
        }
    };
}

/// A process warning, in node's format (node prints `(node:PID)`).
fn emit_warning(message: &str, cx: &Context) {
    let text = format!("(nano-boa:{}) Warning: {message}", std::process::id());
    let _ = cx;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

fn print(stream: Stream, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let text = format::format_args(args, cx)?;
    write(stream, &text, cx);
    Ok(JsValue::undefined())
}

fn log(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    print(Stream::Out, args, cx)
}

fn warn(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    print(Stream::Err, args, cx)
}

fn noop(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::undefined())
}

/// `Trace: message` and the JavaScript stack at the call, to stderr.
fn trace(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let message = format::format_args(args, cx)?;
    let header = if message.is_empty() {
        "Trace".to_owned()
    } else {
        format!("Trace: {message}")
    };
    let stack = current_stack(cx);
    let text = if stack.is_empty() {
        header
    } else {
        format!("{header}\n{stack}")
    };
    write(Stream::Err, &text, cx);
    Ok(JsValue::undefined())
}

/// The "    at ..." lines of the JavaScript caller's stack.
fn current_stack(cx: &mut Context) -> String {
    let ctor = cx.intrinsics().constructors().error().constructor();
    let Ok(error) = ctor.construct(&[], None, cx) else {
        return String::new();
    };
    error
        .get(js_string!("stack"), cx)
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| {
            let s = s.to_std_string_lossy();
            // The first frame is this native method itself; node's stack
            // starts at the JavaScript caller.
            let lines: Vec<&str> = s.trim_end().lines().collect();
            let skip = usize::from(lines.first().is_some_and(|l| l.contains("(native)")));
            lines[skip..].join("\n")
        })
        .unwrap_or_default()
}

fn assert(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if args.get_or_undefined(0).to_boolean() {
        return Ok(JsValue::undefined());
    }
    let mut rest: Vec<JsValue> = args.iter().skip(1).cloned().collect();
    match rest.first() {
        None => rest.push(js_string!("Assertion failed").into()),
        Some(first) => {
            // node: `Assertion failed: ${args[0]}` (a template literal).
            let first = first.to_string(cx)?.to_std_string_lossy();
            rest[0] = js_string!(format!("Assertion failed: {first}")).into();
        }
    }
    print(Stream::Err, &rest, cx)
}

fn table(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let properties = args.get_or_undefined(1);
    if !properties.is_undefined() && !properties.as_object().is_some_and(|o| o.is_array()) {
        return Err(JsNativeError::typ()
            .with_message("The \"properties\" argument must be an instance of Array")
            .into());
    }
    match table::render(args.get_or_undefined(0), properties, cx)? {
        Some(text) => {
            write(Stream::Out, &text, cx);
            Ok(JsValue::undefined())
        }
        None => log(&JsValue::undefined(), &args[..args.len().min(1)], cx),
    }
}

/// `console.dir(value, options)`: inspect, honouring `depth` and
/// `showHidden` from the options.
fn dir(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let mut options = InspectOptions::default();
    if let Some(opts) = args.get_or_undefined(1).as_object() {
        let depth = opts.get(js_string!("depth"), cx)?;
        if depth.is_null() {
            options.depth = None;
        } else if let Some(n) = depth.as_number() {
            options.depth = if n.is_finite() { Some(n as i64) } else { None };
        }
        options.show_hidden = opts.get(js_string!("showHidden"), cx)?.to_boolean();
    }
    let text = inspect::inspect_with(args.get_or_undefined(0), &options, cx);
    write(Stream::Out, &text, cx);
    Ok(JsValue::undefined())
}

fn label(args: &[JsValue], cx: &mut Context) -> JsResult<String> {
    format::label_of(args.get_or_undefined(0), cx)
}

fn time(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, cx)?;
    let fresh = with_state(cx, |s| {
        if s.timers.contains_key(&label) {
            false
        } else {
            s.timers.insert(label.clone(), Instant::now());
            true
        }
    });
    if fresh == Some(false) {
        emit_warning(
            &format!("Label '{label}' already exists for console.time()"),
            cx,
        );
    }
    Ok(JsValue::undefined())
}

fn time_log(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, cx)?;
    log_elapsed(
        "timeLog",
        &label,
        args.get(1..).unwrap_or_default(),
        false,
        cx,
    )
}

fn time_end(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, cx)?;
    log_elapsed("timeEnd", &label, &[], true, cx)
}

/// `label: 1.234ms [data...]` for a running timer; warns when there is
/// none.
fn log_elapsed(
    method: &str,
    label: &str,
    data: &[JsValue],
    remove: bool,
    cx: &mut Context,
) -> JsResult<JsValue> {
    let start = with_state(cx, |s| {
        if remove {
            s.timers.remove(label)
        } else {
            s.timers.get(label).copied()
        }
    })
    .flatten();
    let Some(start) = start else {
        emit_warning(
            &format!("No such label '{label}' for console.{method}()"),
            cx,
        );
        return Ok(JsValue::undefined());
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut args: Vec<JsValue> = vec![
        js_string!("%s: %s").into(),
        js_string!(label).into(),
        js_string!(format_time(ms)).into(),
    ];
    args.extend_from_slice(data);
    print(Stream::Out, &args, cx)
}

/// node's `formatTime`: `1.234ms`, `1.234s`, `1:02.345 (m:ss.mmm)`.
fn format_time(ms: f64) -> String {
    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;
    const HOUR: f64 = 60.0 * MINUTE;
    let mut rest = ms;
    let (mut hours, mut minutes, mut seconds) = (0.0, 0.0, 0.0);
    if rest >= SECOND {
        if rest >= MINUTE {
            if rest >= HOUR {
                hours = (rest / HOUR).floor();
                rest %= HOUR;
            }
            minutes = (rest / MINUTE).floor();
            rest %= MINUTE;
        }
        seconds = rest / SECOND;
    }
    if hours != 0.0 || minutes != 0.0 {
        let fixed = format!("{seconds:.3}");
        let (secs, millis) = fixed.split_once('.').unwrap_or((&fixed, "000"));
        let head = if hours != 0.0 {
            format!("{hours}:{minutes:02}")
        } else {
            format!("{minutes}")
        };
        let unit = if hours != 0.0 { "h:m" } else { "" };
        return format!("{head}:{secs:0>2}.{millis} ({unit}m:ss.mmm)");
    }
    if seconds != 0.0 {
        return format!("{seconds:.3}s");
    }
    // `Number(ms.toFixed(3))`: drop trailing zeros.
    let fixed = format!("{rest:.3}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed}ms")
}

fn count(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, cx)?;
    let n = with_state(cx, |s| {
        let n = s.counts.entry(label.clone()).or_insert(0);
        *n += 1;
        *n
    })
    .unwrap_or(1);
    write(Stream::Out, &format!("{label}: {n}"), cx);
    Ok(JsValue::undefined())
}

fn count_reset(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let label = label(args, cx)?;
    let existed = with_state(cx, |s| s.counts.remove(&label).is_some()).unwrap_or(false);
    if !existed {
        emit_warning(&format!("Count for '{label}' does not exist"), cx);
    }
    Ok(JsValue::undefined())
}

fn group(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if !args.is_empty() {
        print(Stream::Out, args, cx)?;
    }
    with_state(cx, |s| s.group_indent += 2);
    Ok(JsValue::undefined())
}

fn group_end(_: &JsValue, _: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    with_state(cx, |s| s.group_indent = s.group_indent.saturating_sub(2));
    Ok(JsValue::undefined())
}

#[cfg(test)]
mod tests {
    use super::format_time;

    #[test]
    fn times_like_node() {
        assert_eq!(format_time(1.5), "1.5ms");
        assert_eq!(format_time(0.1234), "0.123ms");
        assert_eq!(format_time(2.0), "2ms");
        assert_eq!(format_time(1500.0), "1.500s");
        assert_eq!(format_time(62_345.0), "1:02.345 (m:ss.mmm)");
        assert_eq!(format_time(3_723_000.0), "1:02:03.000 (h:mm:ss.mmm)");
    }
}
