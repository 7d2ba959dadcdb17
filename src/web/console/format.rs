//! `console.log`'s argument formatting (node's `util.format`): printf-like
//! specifiers in a first string argument, then the remaining arguments
//! joined by spaces, strings raw and everything else inspected.

use boa_engine::object::builtins::JsFunction;
use boa_engine::property::PropertyKey;
use boa_engine::value::JsVariant;
use boa_engine::{Context, JsObject, JsResult, JsSymbol, JsValue, js_string};

use super::inspect::{InspectOptions, inspect, inspect_with};

/// Formats `args` as node's `util.format(...args)`. Errors come only from
/// user code that the specifiers call (`toString`, `valueOf`, `toJSON`), as
/// in node.
pub fn format_args(args: &[JsValue], cx: &mut Context) -> JsResult<String> {
    let mut out = String::new();
    let mut next = 0;
    let mut join = "";
    if let Some(first) = args.first().and_then(JsValue::as_string) {
        if args.len() == 1 {
            return Ok(first.to_std_string_lossy());
        }
        next = 1;
        out = apply_specifiers(&first.to_std_string_lossy(), args, &mut next, cx)?;
        join = " ";
    }
    for value in &args[next..] {
        out.push_str(join);
        match value.as_string() {
            Some(s) => out.push_str(&s.to_std_string_lossy()),
            None => out.push_str(&inspect(value, cx)),
        }
        join = " ";
    }
    Ok(out)
}

/// Replaces `%s %d %i %f %j %o %O %c %%` in `template`, consuming
/// arguments from `args[*next..]`. A specifier with no argument left is
/// kept verbatim; `%%` always becomes `%` (node).
fn apply_specifiers(
    template: &str,
    args: &[JsValue],
    next: &mut usize,
    cx: &mut Context,
) -> JsResult<String> {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(&spec) = chars.peek() else {
            out.push('%');
            break;
        };
        if spec == '%' {
            chars.next();
            out.push('%');
            continue;
        }
        if *next >= args.len() || !"sdifjoOc".contains(spec) {
            out.push('%');
            continue;
        }
        chars.next();
        let arg = &args[*next];
        *next += 1;
        let text = match spec {
            's' => format_s(arg, cx)?,
            'd' => match arg.variant() {
                JsVariant::BigInt(n) => format!("{n}n"),
                JsVariant::Symbol(_) => "NaN".to_owned(),
                _ => number_text(arg.to_number(cx)?, cx),
            },
            'i' => match arg.variant() {
                JsVariant::BigInt(n) => format!("{n}n"),
                JsVariant::Symbol(_) => "NaN".to_owned(),
                _ => {
                    let s = arg.to_string(cx)?.to_std_string_lossy();
                    number_text(parse_int(&s), cx)
                }
            },
            'f' => match arg.variant() {
                JsVariant::Symbol(_) => "NaN".to_owned(),
                _ => {
                    let s = arg.to_string(cx)?.to_std_string_lossy();
                    number_text(parse_float(&s), cx)
                }
            },
            'j' => json(arg, cx)?,
            'o' => {
                let opts = InspectOptions {
                    show_hidden: true,
                    depth: Some(4),
                    ..InspectOptions::default()
                };
                inspect_with(arg, &opts, cx)
            }
            'O' => inspect(arg, cx),
            // %c takes CSS, which a terminal ignores.
            _ => String::new(),
        };
        out.push_str(&text);
    }
    Ok(out)
}

fn number_text(n: f64, cx: &mut Context) -> String {
    inspect(&JsValue::from(n), cx)
}

/// `%s`: `String(arg)`, except numbers keep `-0`, bigints get their `n`,
/// and objects without a user-defined `toString` are inspected one level
/// deep.
fn format_s(arg: &JsValue, cx: &mut Context) -> JsResult<String> {
    match arg.variant() {
        JsVariant::Float64(_) | JsVariant::Integer32(_) | JsVariant::BigInt(_) => {
            Ok(inspect(arg, cx))
        }
        JsVariant::Symbol(s) => Ok(s.descriptive_string().to_std_string_lossy()),
        JsVariant::Object(object) if has_builtin_to_string(&object) => {
            let opts = InspectOptions {
                depth: Some(0),
                ..InspectOptions::default()
            };
            Ok(inspect_with(arg, &opts, cx))
        }
        _ => Ok(arg.to_string(cx)?.to_std_string_lossy()),
    }
}

/// Whether `object`'s `toString`/`Symbol.toPrimitive` comes from a
/// builtin prototype (node's `hasBuiltInToString`); looks only at own data
/// properties along the prototype chain.
fn has_builtin_to_string(object: &JsObject) -> bool {
    let to_string = PropertyKey::from(js_string!("toString"));
    let to_primitive = PropertyKey::from(JsSymbol::to_primitive());
    let has_own = |o: &JsObject, key: &PropertyKey| {
        o.try_borrow()
            .map(|b| b.properties().get(key).is_some())
            .unwrap_or(false)
    };
    if has_own(object, &to_string) || has_own(object, &to_primitive) {
        return false;
    }
    let mut current = object.prototype();
    let mut hops = 0;
    while let Some(proto) = current {
        if hops > 10_000 {
            break;
        }
        hops += 1;
        if has_own(&proto, &to_string) || has_own(&proto, &to_primitive) {
            let ctor = proto
                .try_borrow()
                .ok()
                .and_then(|b| {
                    b.properties()
                        .get(&PropertyKey::from(js_string!("constructor")))
                })
                .and_then(|d| d.value().cloned())
                .and_then(|v| v.as_object());
            let Some(ctor) = ctor else {
                return false;
            };
            let name = ctor
                .try_borrow()
                .ok()
                .and_then(|b| b.properties().get(&PropertyKey::from(js_string!("name"))))
                .and_then(|d| d.value().cloned())
                .and_then(|v| v.as_string())
                .map(|s| s.to_std_string_lossy())
                .unwrap_or_default();
            return is_builtin_constructor(&name);
        }
        current = proto.prototype();
    }
    true
}

/// Whether `name` is a builtin constructor's name; node compares names
/// only, so a user class named like a builtin counts as builtin too.
fn is_builtin_constructor(name: &str) -> bool {
    const BUILTINS: &[&str] = &[
        "Object",
        "Function",
        "Array",
        "Number",
        "Boolean",
        "String",
        "Symbol",
        "Date",
        "Promise",
        "RegExp",
        "Error",
        "AggregateError",
        "EvalError",
        "RangeError",
        "ReferenceError",
        "SyntaxError",
        "TypeError",
        "URIError",
        "ArrayBuffer",
        "Uint8Array",
        "Int8Array",
        "Uint16Array",
        "Int16Array",
        "Uint32Array",
        "Int32Array",
        "Float32Array",
        "Float64Array",
        "Uint8ClampedArray",
        "BigUint64Array",
        "BigInt64Array",
        "DataView",
        "Map",
        "BigInt",
        "Set",
        "WeakMap",
        "WeakSet",
        "Proxy",
        "Reflect",
        "SharedArrayBuffer",
        "WeakRef",
        "FinalizationRegistry",
    ];
    BUILTINS.contains(&name)
}

/// `%j`: `JSON.stringify(arg)`, `[Circular]` for cyclic values.
fn json(arg: &JsValue, cx: &mut Context) -> JsResult<String> {
    let json = cx.intrinsics().objects().json();
    let stringify = json.get(js_string!("stringify"), cx)?;
    let Some(stringify) = stringify.as_object().and_then(JsFunction::from_object) else {
        return Ok("undefined".to_owned());
    };
    match stringify.call(&JsValue::from(json), std::slice::from_ref(arg), cx) {
        Ok(v) => Ok(match v.as_string() {
            Some(s) => s.to_std_string_lossy(),
            None => "undefined".to_owned(),
        }),
        Err(err) => {
            let text = err.to_string();
            if text.contains("cyclic") || text.contains("circular") {
                Ok("[Circular]".to_owned())
            } else {
                Err(err)
            }
        }
    }
}

fn skip_ws(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// `Number.parseInt(s)` with radix 10 (or 16 for a `0x` prefix).
fn parse_int(s: &str) -> f64 {
    let s = skip_ws(s);
    let (sign, s) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    let (radix, s) = if s.starts_with("0x") || s.starts_with("0X") {
        (16, &s[2..])
    } else {
        (10, s)
    };
    let digits: Vec<u32> = s.chars().map_while(|c| c.to_digit(radix)).collect();
    if digits.is_empty() {
        return f64::NAN;
    }
    let value = digits
        .iter()
        .fold(0.0, |acc, &d| acc * f64::from(radix) + f64::from(d));
    sign * value
}

/// `Number.parseFloat(s)`: the longest prefix that is a decimal literal.
fn parse_float(s: &str) -> f64 {
    let s = skip_ws(s);
    let bytes = s.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end = 1;
    }
    if s[end..].starts_with("Infinity") {
        return if bytes.first() == Some(&b'-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let int_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let mut digits = end - int_start;
    if bytes.get(end) == Some(&b'.') {
        let frac_start = end + 1;
        let mut frac_end = frac_start;
        while bytes.get(frac_end).is_some_and(u8::is_ascii_digit) {
            frac_end += 1;
        }
        if frac_end > frac_start || digits > 0 {
            digits += frac_end - frac_start;
            end = frac_end;
        }
    }
    if digits == 0 {
        return f64::NAN;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exp_end = end + 1;
        if matches!(bytes.get(exp_end), Some(b'+' | b'-')) {
            exp_end += 1;
        }
        let exp_digits_start = exp_end;
        while bytes.get(exp_end).is_some_and(u8::is_ascii_digit) {
            exp_end += 1;
        }
        if exp_end > exp_digits_start {
            end = exp_end;
        }
    }
    s[..end].parse().unwrap_or(f64::NAN)
}

/// Text of a value used as a label (`String(label)`).
pub fn label_of(value: &JsValue, cx: &mut Context) -> JsResult<String> {
    if value.is_undefined() {
        return Ok("default".to_owned());
    }
    Ok(value.to_string(cx)?.to_std_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::{parse_float, parse_int};

    #[test]
    fn parses_like_js() {
        assert_eq!(parse_int("  42px"), 42.0);
        assert_eq!(parse_int("0x1f"), 31.0);
        assert!(parse_int("abc").is_nan());
        assert_eq!(parse_float("3.5e2x"), 350.0);
        assert_eq!(parse_float(".5"), 0.5);
        assert!(parse_float(".").is_nan());
        assert_eq!(parse_float("-Infinityx"), f64::NEG_INFINITY);
    }
}
