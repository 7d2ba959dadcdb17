//! `node:assert` and `node:assert/strict` (<https://nodejs.org/api/assert.html>).
//!
//! Every failure is an `AssertionError` (`code: "ERR_ASSERTION"`, with
//! `actual`, `expected`, `operator`, `generatedMessage`) whose message is
//! worded as node words it, including the `+ actual - expected` line diff
//! of the two values inspected with node's assertion options (each entry on
//! its own line). One difference: node quotes the failing source line for
//! `assert.ok(false)`; nano-boa does not read sources back and gives the
//! form node gives when it cannot (`false == true`).

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::{JsFunction, JsPromise, JsRegExp};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{
    Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    js_string,
};

use super::deep_equal::deep_equal;
use super::errors::invalid_arg_type;
use crate::web::console::inspect::{InspectOptions, inspect, inspect_with};
use crate::web::webidl::{NativeFn, builtin_property};

/// The `assert` module object (the `ok` function with the rest as
/// properties; `strict` is the strict variant).
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    let error_class = assertion_error_class(cx)?;
    let loose = build(false, &error_class, cx)?;
    let strict = build(true, &error_class, cx)?;
    loose.set(js_string!("strict"), strict.clone(), false, cx)?;
    strict.set(js_string!("strict"), strict.clone(), false, cx)?;
    Ok(loose.into())
}

/// `node:assert/strict`: the module's `strict`.
pub fn strict_object(assert: &JsValue, cx: &mut Context) -> JsResult<JsValue> {
    match assert.as_object() {
        Some(assert) => assert.get(js_string!("strict"), cx),
        None => Ok(JsValue::undefined()),
    }
}

fn build(strict: bool, error_class: &JsObject, cx: &mut Context) -> JsResult<JsObject> {
    let ok_function = function("ok", 2, ok, cx);
    let mut members: Vec<(&str, usize, NativeFn)> = vec![
        ("ok", 2, ok),
        ("fail", 1, fail),
        ("strictEqual", 3, strict_equal),
        ("notStrictEqual", 3, not_strict_equal),
        ("deepStrictEqual", 3, deep_strict_equal),
        ("notDeepStrictEqual", 3, not_deep_strict_equal),
        ("throws", 3, throws),
        ("doesNotThrow", 3, does_not_throw),
        ("rejects", 3, rejects),
        ("doesNotReject", 3, does_not_reject),
        ("match", 3, matches),
        ("doesNotMatch", 3, does_not_match),
        ("ifError", 1, if_error),
    ];
    if !strict {
        members.extend([
            ("equal", 3, equal as NativeFn),
            ("notEqual", 3, not_equal),
            ("deepEqual", 3, loose_deep_equal),
            ("notDeepEqual", 3, not_loose_deep_equal),
        ]);
    }
    for (name, length, f) in members {
        let member = function(name, length, f, cx);
        ok_function.set(JsString::from(name), member, false, cx)?;
    }
    if strict {
        // In strict mode the loose names are the strict functions themselves.
        for (alias, target) in [
            ("equal", "strictEqual"),
            ("notEqual", "notStrictEqual"),
            ("deepEqual", "deepStrictEqual"),
            ("notDeepEqual", "notDeepStrictEqual"),
        ] {
            let member = ok_function.get(JsString::from(target), cx)?;
            ok_function.set(JsString::from(alias), member, false, cx)?;
        }
    }
    ok_function.set(js_string!("AssertionError"), error_class.clone(), false, cx)?;
    Ok(ok_function)
}

/// A value as text (`String(value)`), for messages.
fn text_of(value: &JsValue, cx: &mut Context) -> String {
    value
        .to_string(cx)
        .map(|s| s.to_std_string_lossy())
        .unwrap_or_default()
}

fn function(name: &str, length: usize, f: NativeFn, cx: &mut Context) -> JsObject {
    FunctionObjectBuilder::new(cx.realm(), NativeFunction::from_fn_ptr(f))
        .name(JsString::from(name))
        .length(length)
        .build()
        .into()
}

/// The AssertionError class of this context.
#[derive(boa_engine::Trace, boa_engine::Finalize)]
struct ErrorClass(JsObject);

fn assertion_error_class(cx: &mut Context) -> JsResult<JsObject> {
    if let Some(class) = cx.get_data::<ErrorClass>() {
        return Ok(class.0.clone());
    }
    let constructor: JsObject = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_fn_ptr(construct_assertion_error),
    )
    .name(js_string!("AssertionError"))
    .length(1)
    .constructor(true)
    .build()
    .into();
    let error = cx.intrinsics().constructors().error();
    let prototype = JsObject::with_object_proto(cx.intrinsics());
    prototype.set_prototype(Some(error.prototype()));
    constructor.set_prototype(Some(error.constructor()));
    super::link_class(&constructor, &prototype, cx)?;
    prototype.define_property_or_throw(
        js_string!("name"),
        builtin_property(js_string!("AssertionError")),
        cx,
    )?;
    let to_string = function(
        "toString",
        0,
        |this, _, cx| {
            let Some(this) = this.as_object() else {
                return Ok(js_string!("AssertionError").into());
            };
            let name = this
                .get(js_string!("name"), cx)?
                .to_string(cx)?
                .to_std_string_lossy();
            let code = this
                .get(js_string!("code"), cx)?
                .to_string(cx)?
                .to_std_string_lossy();
            let message = this
                .get(js_string!("message"), cx)?
                .to_string(cx)?
                .to_std_string_lossy();
            Ok(JsString::from(format!("{name} [{code}]: {message}")).into())
        },
        cx,
    );
    prototype.define_property_or_throw(js_string!("toString"), builtin_property(to_string), cx)?;
    cx.insert_data(ErrorClass(constructor.clone()));
    Ok(constructor)
}

/// `new AssertionError({ message, actual, expected, operator })`.
fn construct_assertion_error(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let options = args.get_or_undefined(0);
    let Some(options) = options.as_object() else {
        return Err(invalid_arg_type("options", "of type object", options, cx));
    };
    let get = |key: &str, cx: &mut Context| options.get(JsString::from(key), cx);
    let failure = Failure {
        actual: get("actual", cx)?,
        expected: get("expected", cx)?,
        operator: get("operator", cx)?,
        message: get("message", cx)?,
    };
    let message = if failure.message.is_undefined() {
        None
    } else {
        Some(failure.message.to_string(cx)?.to_std_string_lossy())
    };
    let generated = message.is_none();
    let text = match message {
        Some(message) => message,
        None => {
            let operator = text_of(&failure.operator, cx);
            let (actual, expected) = (&failure.actual, &failure.expected);
            match operator.as_str() {
                "strictEqual" | "deepStrictEqual" => diff_message(&operator, actual, expected, cx),
                "notStrictEqual" | "notDeepStrictEqual" => unequal_message(&operator, actual, cx),
                _ => format!("{} {operator} {}", short(actual, cx), short(expected, cx)),
            }
        }
    };
    Ok(make_error(&failure, &text, generated, cx)?.into())
}

/// What a failed assertion reports.
struct Failure {
    actual: JsValue,
    expected: JsValue,
    operator: JsValue,
    /// The caller's message argument (undefined for a generated one).
    message: JsValue,
}

fn make_error(
    failure: &Failure,
    text: &str,
    generated: bool,
    cx: &mut Context,
) -> JsResult<JsObject> {
    let class = assertion_error_class(cx)?;
    let prototype = class.get(js_string!("prototype"), cx)?.as_object();
    let error = JsNativeError::error()
        .with_message(text.to_owned())
        .into_opaque(cx);
    error.set_prototype(prototype);
    let data = |value: JsValue| {
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .enumerable(true)
            .configurable(true)
    };
    error.define_property_or_throw(js_string!("generatedMessage"), data(generated.into()), cx)?;
    error.define_property_or_throw(
        js_string!("code"),
        data(js_string!("ERR_ASSERTION").into()),
        cx,
    )?;
    error.define_property_or_throw(js_string!("actual"), data(failure.actual.clone()), cx)?;
    error.define_property_or_throw(js_string!("expected"), data(failure.expected.clone()), cx)?;
    error.define_property_or_throw(js_string!("operator"), data(failure.operator.clone()), cx)?;
    Ok(error)
}

/// Throws the failure: the caller's message (an Error message is thrown
/// as it is), else `generated()`.
fn fail_with(
    failure: Failure,
    generated: impl FnOnce(&mut Context) -> String,
    cx: &mut Context,
) -> JsResult<JsValue> {
    Err(failure_error(failure, generated, cx)?)
}

fn failure_error(
    failure: Failure,
    generated: impl FnOnce(&mut Context) -> String,
    cx: &mut Context,
) -> JsResult<JsError> {
    if failure
        .message
        .as_object()
        .is_some_and(|o| o.is::<boa_engine::builtins::error::Error>())
    {
        return Ok(JsError::from_opaque(failure.message.clone()));
    }
    let (text, is_generated) = if failure.message.is_undefined() {
        (generated(cx), true)
    } else {
        (failure.message.to_string(cx)?.to_std_string_lossy(), false)
    };
    Ok(JsError::from_opaque(
        make_error(&failure, &text, is_generated, cx)?.into(),
    ))
}

/// A value as node's assertion messages show it.
fn shown(value: &JsValue, cx: &mut Context) -> String {
    let options = InspectOptions {
        depth: Some(1000),
        show_hidden: false,
        break_length: usize::MAX,
        max_array_length: usize::MAX,
        expanded: true,
    };
    inspect_with(value, &options, cx)
}

/// A value in a one-line message (`1 == 2`), cut at 128 characters.
fn short(value: &JsValue, cx: &mut Context) -> String {
    let text = inspect(value, cx);
    text.chars().take(128).collect()
}

fn operator(name: &str) -> JsValue {
    JsString::from(name).into()
}

fn failure(args: &[JsValue], name: &str) -> Failure {
    Failure {
        actual: args.get_or_undefined(0).clone(),
        expected: args.get_or_undefined(1).clone(),
        operator: operator(name),
        message: args.get_or_undefined(2).clone(),
    }
}

/// `assert(value, message)` / `assert.ok`.
fn ok(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    if args.is_empty() {
        let failure = Failure {
            actual: JsValue::undefined(),
            expected: true.into(),
            operator: operator("=="),
            message: JsValue::undefined(),
        };
        return fail_with(
            failure,
            |_| "No value argument passed to `assert.ok()`".to_owned(),
            cx,
        );
    }
    let value = args.get_or_undefined(0);
    if value.to_boolean() {
        return Ok(JsValue::undefined());
    }
    let failure = Failure {
        actual: value.clone(),
        expected: true.into(),
        operator: operator("=="),
        message: args.get_or_undefined(1).clone(),
    };
    let value = value.clone();
    fail_with(
        failure,
        move |cx| format!("{} == true", short(&value, cx)),
        cx,
    )
}

/// `assert.fail(message)`.
fn fail(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let failure = Failure {
        actual: JsValue::undefined(),
        expected: JsValue::undefined(),
        operator: operator("fail"),
        message: args.get_or_undefined(0).clone(),
    };
    fail_with(failure, |_| "Failed".to_owned(), cx)
}

fn equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (args.get_or_undefined(0), args.get_or_undefined(1));
    let both_nan = a.as_number().is_some_and(f64::is_nan) && b.as_number().is_some_and(f64::is_nan);
    if both_nan || a.equals(b, cx)? {
        return Ok(JsValue::undefined());
    }
    let (a, b) = (a.clone(), b.clone());
    fail_with(
        failure(args, "=="),
        move |cx| format!("{} == {}", short(&a, cx), short(&b, cx)),
        cx,
    )
}

fn not_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (args.get_or_undefined(0), args.get_or_undefined(1));
    let both_nan = a.as_number().is_some_and(f64::is_nan) && b.as_number().is_some_and(f64::is_nan);
    if !(both_nan || a.equals(b, cx)?) {
        return Ok(JsValue::undefined());
    }
    let (a, b) = (a.clone(), b.clone());
    fail_with(
        failure(args, "!="),
        move |cx| format!("{} != {}", short(&a, cx), short(&b, cx)),
        cx,
    )
}

fn strict_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (
        args.get_or_undefined(0).clone(),
        args.get_or_undefined(1).clone(),
    );
    if JsValue::same_value(&a, &b) {
        return Ok(JsValue::undefined());
    }
    let custom = custom_message(args.get_or_undefined(2), cx)?;
    fail_with(
        failure(args, "strictEqual"),
        move |cx| diff_message("strictEqual", &a, &b, cx),
        cx,
    )
    .map_err(|e| with_custom(e, custom, cx))
}

fn not_strict_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (args.get_or_undefined(0).clone(), args.get_or_undefined(1));
    if !JsValue::same_value(&a, b) {
        return Ok(JsValue::undefined());
    }
    fail_with(
        failure(args, "notStrictEqual"),
        move |cx| unequal_message("notStrictEqual", &a, cx),
        cx,
    )
}

fn deep_strict_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (
        args.get_or_undefined(0).clone(),
        args.get_or_undefined(1).clone(),
    );
    if deep_equal(&a, &b, true, cx)? {
        return Ok(JsValue::undefined());
    }
    let custom = custom_message(args.get_or_undefined(2), cx)?;
    fail_with(
        failure(args, "deepStrictEqual"),
        move |cx| diff_message("deepStrictEqual", &a, &b, cx),
        cx,
    )
    .map_err(|e| with_custom(e, custom, cx))
}

fn not_deep_strict_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (args.get_or_undefined(0).clone(), args.get_or_undefined(1));
    if !deep_equal(&a, b, true, cx)? {
        return Ok(JsValue::undefined());
    }
    fail_with(
        failure(args, "notDeepStrictEqual"),
        move |cx| unequal_message("notDeepStrictEqual", &a, cx),
        cx,
    )
}

fn loose_deep_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (
        args.get_or_undefined(0).clone(),
        args.get_or_undefined(1).clone(),
    );
    if deep_equal(&a, &b, false, cx)? {
        return Ok(JsValue::undefined());
    }
    fail_with(
        failure(args, "deepEqual"),
        move |cx| {
            format!(
                "Expected values to be loosely deep-equal:\n\n{}\n\nshould loosely deep-equal\n\n{}",
                shown(&a, cx),
                shown(&b, cx)
            )
        },
        cx,
    )
}

fn not_loose_deep_equal(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (a, b) = (
        args.get_or_undefined(0).clone(),
        args.get_or_undefined(1).clone(),
    );
    if !deep_equal(&a, &b, false, cx)? {
        return Ok(JsValue::undefined());
    }
    fail_with(
        failure(args, "notDeepEqual"),
        move |cx| {
            let (x, y) = (shown(&a, cx), shown(&b, cx));
            if x == y {
                format!("Expected \"actual\" not to be loosely deep-equal to:\n\n{x}")
            } else {
                format!(
                    "Expected values not to be loosely deep-equal:\n\n{x}\n\nshould not loosely deep-equal\n\n{y}"
                )
            }
        },
        cx,
    )
}

/// A string message argument of strictEqual/deepStrictEqual, which node
/// puts in place of the generated header (the comparison stays).
fn custom_message(message: &JsValue, cx: &mut Context) -> JsResult<Option<String>> {
    if message.is_undefined()
        || message
            .as_object()
            .is_some_and(|o| o.is::<boa_engine::builtins::error::Error>())
    {
        return Ok(None);
    }
    Ok(Some(message.to_string(cx)?.to_std_string_lossy()))
}

/// Node 20 keeps the comparison after a custom message: `custom\n\n1 !== 2\n`.
fn with_custom(error: JsError, custom: Option<String>, cx: &mut Context) -> JsError {
    let Some(custom) = custom else {
        return error;
    };
    let Some(object) = error.as_opaque().and_then(JsValue::as_object) else {
        return error;
    };
    let (Ok(actual), Ok(expected), Ok(op)) = (
        object.get(js_string!("actual"), cx),
        object.get(js_string!("expected"), cx),
        object.get(js_string!("operator"), cx),
    ) else {
        return error;
    };
    let op = text_of(&op, cx);
    let generated = diff_message(&op, &actual, &expected, cx);
    let body = generated.split_once('\n').map_or("", |(_, rest)| rest);
    let text = format!("{custom}\n{body}");
    let _ = object.set(js_string!("message"), JsString::from(text), false, cx);
    error
}

fn header(operator: &str) -> &'static str {
    match operator {
        "deepStrictEqual" => "Expected values to be strictly deep-equal:",
        "strictEqualObject" => "Expected \"actual\" to be reference-equal to \"expected\":",
        "notStrictEqual" => "Expected \"actual\" to be strictly unequal to:",
        "notStrictEqualObject" => "Expected \"actual\" not to be reference-equal to \"expected\":",
        "notDeepStrictEqual" => "Expected \"actual\" not to be strictly deep-equal to:",
        _ => "Expected values to be strictly equal:",
    }
}

fn is_object_like(value: &JsValue) -> bool {
    value.is_object()
}

/// The message of a failed strictEqual/deepStrictEqual: the two values
/// side by side when both are short primitives, else a line diff.
fn diff_message(operator: &str, actual: &JsValue, expected: &JsValue, cx: &mut Context) -> String {
    let mut operator = operator;
    if operator == "strictEqual" && is_object_like(actual) && is_object_like(expected) {
        operator = "strictEqualObject";
    }
    let (a, e) = (shown(actual, cx), shown(expected, cx));
    if operator == "strictEqualObject" && a == e {
        return format!("Values have same structure but are not reference-equal:\n\n{a}\n");
    }
    let (a_lines, e_lines): (Vec<&str>, Vec<&str>) = (a.lines().collect(), e.lines().collect());
    if a_lines.len() == 1
        && e_lines.len() == 1
        && a != e
        && a.chars().count() + e.chars().count() <= 12
    {
        let zeros = actual.as_number() == Some(0.0) && expected.as_number() == Some(0.0);
        if !actual.is_object() && !expected.is_object() && !zeros {
            return format!("{}\n\n{a} !== {e}\n", header(operator));
        }
    }
    format!(
        "{}\n+ actual - expected\n\n{}",
        header(operator),
        line_diff(&a_lines, &e_lines)
    )
}

/// The `+ actual - expected` lines: a longest-common-subsequence diff of
/// the inspected lines, trailing commas ignored when matching.
fn line_diff(actual: &[&str], expected: &[&str]) -> String {
    let key = |line: &str| line.strip_suffix(',').unwrap_or(line).to_owned();
    let (n, m) = (actual.len(), expected.len());
    if n * m > 4_000_000 {
        let mut out: Vec<String> = actual.iter().map(|l| format!("+ {l}")).collect();
        out.extend(expected.iter().map(|l| format!("- {l}")));
        return out.join("\n");
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if key(actual[i]) == key(expected[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let flush = |out: &mut Vec<String>, added: &mut Vec<String>, removed: &mut Vec<String>| {
        out.append(added);
        out.append(removed);
    };
    while i < n || j < m {
        if i < n && j < m && key(actual[i]) == key(expected[j]) {
            flush(&mut out, &mut added, &mut removed);
            out.push(format!("  {}", expected[j]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            removed.push(format!("- {}", expected[j]));
            j += 1;
        } else {
            added.push(format!("+ {}", actual[i]));
            i += 1;
        }
    }
    flush(&mut out, &mut added, &mut removed);
    out.join("\n")
}

fn unequal_message(operator: &str, actual: &JsValue, cx: &mut Context) -> String {
    let mut base = header(operator);
    if operator == "notStrictEqual" && actual.is_object() {
        base = header("notStrictEqualObject");
    }
    let text = shown(actual, cx);
    if text.lines().count() == 1 {
        let separator = if text.chars().count() > 5 {
            "\n\n"
        } else {
            " "
        };
        format!("{base}{separator}{text}")
    } else {
        format!("{base}\n\n{text}\n")
    }
}

fn regexp_arg(value: &JsValue, cx: &mut Context) -> JsResult<JsRegExp> {
    match value
        .as_object()
        .and_then(|o| JsRegExp::from_object(o).ok())
    {
        Some(regexp) => Ok(regexp),
        None => Err(invalid_arg_type(
            "regexp",
            "an instance of RegExp",
            value,
            cx,
        )),
    }
}

fn match_common(args: &[JsValue], want_match: bool, cx: &mut Context) -> JsResult<JsValue> {
    let string = args.get_or_undefined(0);
    let regexp = regexp_arg(args.get_or_undefined(1), cx)?;
    let Some(text) = string.as_string() else {
        return Err(invalid_arg_type("string", "of type string", string, cx));
    };
    if regexp.test(text.clone(), cx)? == want_match {
        return Ok(JsValue::undefined());
    }
    let name = if want_match { "match" } else { "doesNotMatch" };
    let pattern = args.get_or_undefined(1).clone();
    let input = string.clone();
    fail_with(
        failure(args, name),
        move |cx| {
            let verb = if want_match {
                "did not match"
            } else {
                "was expected to not match"
            };
            format!(
                "The input {verb} the regular expression {}. Input:\n\n{}\n",
                inspect(&pattern, cx),
                inspect(&input, cx)
            )
        },
        cx,
    )
}

fn matches(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    match_common(args, true, cx)
}

fn does_not_match(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    match_common(args, false, cx)
}

/// `assert.ifError(value)`: throws unless value is null or undefined.
fn if_error(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let value = args.get_or_undefined(0);
    if value.is_null_or_undefined() {
        return Ok(JsValue::undefined());
    }
    let mut text = "ifError got unwanted exception: ".to_owned();
    let message = match value.as_object() {
        Some(o) => o.get(js_string!("message"), cx)?,
        None => JsValue::undefined(),
    };
    match message.as_string() {
        Some(m) if !m.is_empty() => text.push_str(&m.to_std_string_lossy()),
        Some(_) => {
            let name = value
                .as_object()
                .map(|o| o.get(js_string!("constructor"), cx))
                .transpose()?
                .and_then(|c| c.as_object())
                .map(|c| c.get(js_string!("name"), cx))
                .transpose()?
                .map(|n| text_of(&n, cx))
                .unwrap_or_default();
            text.push_str(&name);
        }
        None => text.push_str(&inspect(value, cx)),
    }
    let failure = Failure {
        actual: value.clone(),
        expected: JsValue::null(),
        operator: operator("ifError"),
        message: JsString::from(text).into(),
    };
    fail_with(failure, |_| String::new(), cx)
}

/// Calls `fn`, giving what it threw.
fn thrown(function: &JsValue, cx: &mut Context) -> JsResult<Option<JsValue>> {
    let Some(callable) = function.as_callable() else {
        return Err(invalid_arg_type("fn", "of type function", function, cx));
    };
    match callable.call(&JsValue::undefined(), &[], cx) {
        Ok(_) => Ok(None),
        Err(error) => Ok(Some(error.into_opaque(cx)?)),
    }
}

/// `expected` and `message` of throws/rejects: a string second argument
/// is the message.
fn expectation(args: &[JsValue]) -> (JsValue, JsValue) {
    let expected = args.get_or_undefined(1).clone();
    if expected.is_string() {
        return (JsValue::undefined(), expected);
    }
    (expected, args.get_or_undefined(2).clone())
}

fn throws(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expectation(args);
    match thrown(args.get_or_undefined(0), cx)? {
        Some(actual) => {
            check_thrown(&actual, &expected, &message, "throws", cx).map(|()| JsValue::undefined())
        }
        None => Err(missing("throws", "exception", &expected, &message, cx)?),
    }
}

/// `Missing expected exception (TypeError): message`.
fn missing(
    operator_name: &str,
    what: &str,
    expected: &JsValue,
    message: &JsValue,
    cx: &mut Context,
) -> JsResult<JsError> {
    let mut text = format!("Missing expected {what}");
    if let Some(f) = expected.as_object().filter(|o| o.is_callable()) {
        let name = f.get(js_string!("name"), cx)?;
        let name = text_of(&name, cx);
        if !name.is_empty() {
            text.push_str(&format!(" ({name})"));
        }
    }
    match message.as_string() {
        Some(m) => text.push_str(&format!(": {}", m.to_std_string_lossy())),
        None => text.push('.'),
    }
    let failure = Failure {
        actual: JsValue::undefined(),
        expected: expected.clone(),
        operator: operator(operator_name),
        message: if message.as_object().is_some() {
            message.clone()
        } else {
            JsString::from(text).into()
        },
    };
    let error = failure_error(failure, |_| String::new(), cx)?;
    if let Some(object) = error.as_opaque().and_then(JsValue::as_object) {
        object.set(js_string!("generatedMessage"), false, false, cx)?;
    }
    Ok(error)
}

/// node's `expectedException`: whether `actual` is what `expected` asks
/// for (a RegExp of its string, a class it is an instance of, a
/// validation function returning true, or an object of properties).
fn check_thrown(
    actual: &JsValue,
    expected: &JsValue,
    message: &JsValue,
    operator_name: &str,
    cx: &mut Context,
) -> JsResult<()> {
    if expected.is_undefined() {
        return Ok(());
    }
    let fail = |text: String, cx: &mut Context| -> JsResult<()> {
        let failure = Failure {
            actual: actual.clone(),
            expected: expected.clone(),
            operator: operator(operator_name),
            message: message.clone(),
        };
        Err(failure_error(failure, move |_| text, cx)?)
    };
    if let Some(regexp) = expected
        .as_object()
        .and_then(|o| JsRegExp::from_object(o).ok())
    {
        let text = actual.to_string(cx)?;
        if regexp.test(text.clone(), cx)? {
            return Ok(());
        }
        let shown_text = format!(
            "The input did not match the regular expression {}. Input:\n\n{}\n",
            inspect(expected, cx),
            inspect(&text.into(), cx)
        );
        return fail(shown_text, cx);
    }
    let Some(object) = expected.as_object() else {
        return Err(invalid_arg_type(
            "expected",
            "of type function or an instance of Error, RegExp, or Object",
            expected,
            cx,
        ));
    };
    if object.is_callable() {
        let prototype = object.get(js_string!("prototype"), cx)?;
        if let Some(prototype) = prototype.as_object()
            && is_instance(actual, &prototype)
        {
            return Ok(());
        }
        let error_constructor = cx.intrinsics().constructors().error().constructor();
        if is_error_class(&object, &error_constructor) {
            let name = object.get(js_string!("name"), cx)?;
            let name = text_of(&name, cx);
            let received = match actual.as_object() {
                Some(a) => {
                    let constructor = a.get(js_string!("constructor"), cx)?;
                    match constructor.as_object() {
                        Some(c) => {
                            let n = c.get(js_string!("name"), cx)?;
                            format!("\"{}\"", text_of(&n, cx))
                        }
                        None => inspect(actual, cx),
                    }
                }
                None => format!("type {} ({})", actual.type_of(), inspect(actual, cx)),
            };
            let mut text = format!(
                "The error is expected to be an instance of \"{name}\". Received {received}"
            );
            if let Some(a) = actual.as_object() {
                let m = a.get(js_string!("message"), cx)?;
                if !m.is_undefined() {
                    text.push_str(&format!("\n\nError message:\n\n{}", text_of(&m, cx)));
                }
            }
            return fail(text, cx);
        }
        let function = JsFunction::from_object(object.clone());
        let result = match function {
            Some(f) => f.call(
                &JsObject::with_object_proto(cx.intrinsics()).into(),
                std::slice::from_ref(actual),
                cx,
            )?,
            None => JsValue::undefined(),
        };
        if result == JsValue::from(true) {
            return Ok(());
        }
        let name = object.get(js_string!("name"), cx)?;
        let name = text_of(&name, cx);
        let named = if name.is_empty() {
            String::new()
        } else {
            format!("\"{name}\" ")
        };
        let text = format!(
            "The {named}validation function is expected to return \"true\". Received {}\n\nCaught error:\n\n{}",
            inspect(&result, cx),
            actual.to_string(cx)?.to_std_string_lossy()
        );
        return fail(text, cx);
    }
    compare_properties(actual, &object, message, operator_name, cx)
}

fn is_instance(value: &JsValue, prototype: &JsObject) -> bool {
    let mut current = value.as_object().and_then(|o| o.prototype());
    while let Some(object) = current {
        if JsObject::equals(&object, prototype) {
            return true;
        }
        current = object.prototype();
    }
    false
}

/// Whether `class` is Error or inherits from it (`Error.isPrototypeOf`).
fn is_error_class(class: &JsObject, error: &JsObject) -> bool {
    let mut current = class.prototype();
    while let Some(object) = current {
        if JsObject::equals(&object, error) {
            return true;
        }
        current = object.prototype();
    }
    false
}

/// An object `expected`: each of its keys (and an Error's name and
/// message) deep-strict-equal on `actual`, a RegExp matching a string.
fn compare_properties(
    actual: &JsValue,
    expected: &JsObject,
    message: &JsValue,
    operator_name: &str,
    cx: &mut Context,
) -> JsResult<()> {
    let mut keys: Vec<JsString> = Vec::new();
    for key in expected.own_property_keys(cx)? {
        if let boa_engine::property::PropertyKey::String(name) = key {
            let args = [JsValue::from(expected.clone()), JsValue::from(name.clone())];
            let descriptor =
                boa_engine::builtins::object::OrdinaryObject::get_own_property_descriptor(
                    &JsValue::undefined(),
                    &args,
                    cx,
                )?;
            let enumerable = descriptor
                .as_object()
                .map(|d| d.get(js_string!("enumerable"), cx))
                .transpose()?
                .is_some_and(|e| e.to_boolean());
            if enumerable {
                keys.push(name);
            }
        }
    }
    if expected.is::<boa_engine::builtins::error::Error>() {
        for extra in [js_string!("name"), js_string!("message")] {
            if !keys.contains(&extra) {
                keys.push(extra);
            }
        }
    }
    if keys.is_empty() {
        return Err(coded_invalid_value(expected, cx));
    }
    let actual_object = actual.as_object();
    let mut equal = true;
    for key in &keys {
        let want = expected.get(key.clone(), cx)?;
        let got = match &actual_object {
            Some(a) => a.get(key.clone(), cx)?,
            None => JsValue::undefined(),
        };
        if let (Some(text), Some(regexp)) = (
            got.as_string(),
            want.as_object().and_then(|o| JsRegExp::from_object(o).ok()),
        ) && regexp.test(text, cx)?
        {
            continue;
        }
        if !deep_equal(&got, &want, true, cx)? {
            equal = false;
        }
    }
    if equal {
        return Ok(());
    }
    // The diff compares two `Comparison` objects holding just those keys, as node prints them.
    let comparison: JsObject = FunctionObjectBuilder::new(
        cx.realm(),
        NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())),
    )
    .name(js_string!("Comparison"))
    .constructor(true)
    .build()
    .into();
    let comparison_prototype = JsObject::with_object_proto(cx.intrinsics());
    super::link_class(&comparison, &comparison_prototype, cx)?;
    let prototype = Some(comparison_prototype);
    let make = |source: Option<&JsObject>, cx: &mut Context| -> JsResult<JsObject> {
        let object = JsObject::with_object_proto(cx.intrinsics());
        object.set_prototype(prototype.clone());
        if let Some(source) = source {
            for key in &keys {
                if source.has_property(key.clone(), cx)? {
                    let value = source.get(key.clone(), cx)?;
                    object.create_data_property_or_throw(key.clone(), value, cx)?;
                }
            }
        }
        Ok(object)
    };
    let got = make(actual_object.as_ref(), cx)?;
    let want = make(Some(expected), cx)?;
    let (got, want) = (JsValue::from(got), JsValue::from(want));
    let text = diff_message("deepStrictEqual", &got, &want, cx);
    let failure = Failure {
        actual: actual.clone(),
        expected: expected.clone().into(),
        operator: operator(operator_name),
        message: message.clone(),
    };
    Err(failure_error(failure, move |_| text, cx)?)
}

fn coded_invalid_value(expected: &JsObject, cx: &mut Context) -> JsError {
    let shown = inspect(&expected.clone().into(), cx);
    super::errors::coded(
        super::errors::Kind::Type,
        "ERR_INVALID_ARG_VALUE",
        format!("The argument 'error' may not be an empty object. Received {shown}"),
        cx,
    )
}

fn does_not_throw(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expectation(args);
    let Some(actual) = thrown(args.get_or_undefined(0), cx)? else {
        return Ok(JsValue::undefined());
    };
    unwanted(actual, &expected, &message, "doesNotThrow", "exception", cx)
}

/// `Got unwanted exception.\nActual message: "..."`, or the error itself
/// when it is not the kind `expected` names.
fn unwanted(
    actual: JsValue,
    expected: &JsValue,
    message: &JsValue,
    operator_name: &str,
    what: &str,
    cx: &mut Context,
) -> JsResult<JsValue> {
    if !expected.is_undefined()
        && check_thrown(&actual, expected, &JsValue::undefined(), operator_name, cx).is_err()
    {
        return Err(JsError::from_opaque(actual));
    }
    let detail = match message.as_string() {
        Some(m) => format!(": {}", m.to_std_string_lossy()),
        None => ".".to_owned(),
    };
    let actual_message = match actual.as_object() {
        Some(a) => {
            let m = a.get(js_string!("message"), cx)?;
            text_of(&m, cx)
        }
        None => text_of(&actual, cx),
    };
    let text = format!("Got unwanted {what}{detail}\nActual message: \"{actual_message}\"");
    let failure = Failure {
        actual,
        expected: expected.clone(),
        operator: operator(operator_name),
        message: JsString::from(text).into(),
    };
    Err(failure_error(failure, |_| String::new(), cx)?)
}

/// The promise of `rejects`/`doesNotReject`: the argument, or what the
/// function argument returns.
fn promise_of(value: &JsValue, cx: &mut Context) -> JsResult<JsPromise> {
    let promise = if let Some(f) = value.as_callable().filter(|_| !is_thenable(value, cx)) {
        let result = f.call(&JsValue::undefined(), &[], cx)?;
        if !is_thenable(&result, cx) {
            return Err(super::errors::coded(
                super::errors::Kind::Type,
                "ERR_INVALID_RETURN_VALUE",
                format!(
                    "Expected instance of Promise to be returned from the \"promiseFn\" function but got {}.",
                    super::errors::received(&result, cx)
                ),
                cx,
            ));
        }
        result
    } else if is_thenable(value, cx) {
        value.clone()
    } else {
        return Err(invalid_arg_type(
            "promiseFn",
            "of type function or an instance of Promise",
            value,
            cx,
        ));
    };
    JsPromise::resolve(promise, cx)
}

fn is_thenable(value: &JsValue, cx: &mut Context) -> bool {
    value
        .as_object()
        .and_then(|o| o.get(js_string!("then"), cx).ok())
        .is_some_and(|then| then.is_callable())
}

#[derive(boa_engine::Trace, boa_engine::Finalize, Clone)]
struct Expectation {
    expected: JsValue,
    message: JsValue,
}

fn rejects(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expectation(args);
    let promise = match promise_of(args.get_or_undefined(0), cx) {
        Ok(p) => p,
        Err(e) => return Ok(JsPromise::reject(e, cx)?.into()),
    };
    let captures = Expectation { expected, message };
    let on_fulfilled = NativeFunction::from_copy_closure_with_captures(
        |_, _, c: &Expectation, cx| {
            Err(missing(
                "rejects",
                "rejection",
                &c.expected,
                &c.message,
                cx,
            )?)
        },
        captures.clone(),
    )
    .to_js_function(cx.realm());
    let on_rejected = NativeFunction::from_copy_closure_with_captures(
        |_, args, c: &Expectation, cx| {
            check_thrown(
                args.get_or_undefined(0),
                &c.expected,
                &c.message,
                "rejects",
                cx,
            )?;
            Ok(JsValue::undefined())
        },
        captures,
    )
    .to_js_function(cx.realm());
    Ok(promise
        .then(Some(on_fulfilled), Some(on_rejected), cx)?
        .into())
}

fn does_not_reject(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let (expected, message) = expectation(args);
    let promise = match promise_of(args.get_or_undefined(0), cx) {
        Ok(p) => p,
        Err(e) => return Ok(JsPromise::reject(e, cx)?.into()),
    };
    let on_fulfilled =
        NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined())).to_js_function(cx.realm());
    let on_rejected = NativeFunction::from_copy_closure_with_captures(
        |_, args, c: &Expectation, cx| {
            unwanted(
                args.get_or_undefined(0).clone(),
                &c.expected,
                &c.message,
                "doesNotReject",
                "rejection",
                cx,
            )
        },
        Expectation { expected, message },
    )
    .to_js_function(cx.realm());
    Ok(promise
        .then(Some(on_fulfilled), Some(on_rejected), cx)?
        .into())
}
