//! Errors as node prints them: the stack (with a `Name: message` header),
//! improved with the constructor name, and bracketed when there is no
//! stack (`[Error: x]`).
//!
//! Boa's `stack` accessor yields only the "    at ..." lines; node's V8
//! stack starts with the `Name: message` line, so that header is built
//! here from `name` and `message` (as `Error.prototype.toString` would).

use boa_engine::property::PropertyKey;
use boa_engine::{JsObject, JsValue, js_string};

use super::{Ctx, Key, prefix};

/// Reads `object[key]` (may run a getter, as in node); failures read as
/// `undefined`.
fn get(ctx: &mut Ctx<'_>, object: &JsObject, key: &str) -> JsValue {
    object
        .get(js_string!(key), ctx.cx)
        .unwrap_or_else(|_| JsValue::undefined())
}

fn to_text(ctx: &mut Ctx<'_>, value: &JsValue) -> String {
    value
        .to_string(ctx.cx)
        .map(|s| s.to_std_string_escaped())
        .unwrap_or_default()
}

/// `Error.prototype.toString` semantics, without throwing.
fn error_to_string(ctx: &mut Ctx<'_>, object: &JsObject) -> String {
    let name = get(ctx, object, "name");
    let name = if name.is_undefined() {
        "Error".to_owned()
    } else {
        to_text(ctx, &name)
    };
    let message = get(ctx, object, "message");
    let message = if message.is_undefined() {
        String::new()
    } else {
        to_text(ctx, &message)
    };
    match (name.is_empty(), message.is_empty()) {
        (true, _) => message,
        (_, true) => name,
        _ => format!("{name}: {message}"),
    }
}

/// What node gets from `err.stack`, in V8's format.
fn stack_string(ctx: &mut Ctx<'_>, object: &JsObject) -> String {
    let stack_key = PropertyKey::from(js_string!("stack"));
    // An own `stack` was assigned by user code: use it verbatim.
    let own = ctx
        .own_descriptor(object, &stack_key)
        .and_then(|d| d.value().cloned());
    let stack = match own {
        Some(value) => {
            return if value.to_boolean() {
                to_text(ctx, &value)
            } else {
                error_to_string(ctx, object)
            };
        }
        None => get(ctx, object, "stack"),
    };
    let header = error_to_string(ctx, object);
    let frames = if stack.to_boolean() {
        to_text(ctx, &stack)
    } else {
        String::new()
    };
    let frames = crate::runtime::errors::limit_stack_frames(frames.trim_end());
    if frames.is_empty() {
        header
    } else {
        format!("{header}\n{frames}")
    }
}

/// The printed form of an error (node's `formatError`); adjusts `keys`
/// like node: drops `name`/`message`/`stack` already in the stack text and
/// adds `cause` and `errors` (AggregateError).
pub(super) fn format_error(
    ctx: &mut Ctx<'_>,
    object: &JsObject,
    constructor: Option<&str>,
    tag: &str,
    keys: &mut Vec<Key>,
) -> String {
    let name_value = get(ctx, object, "name");
    let name = if name_value.is_null_or_undefined() {
        "Error".to_owned()
    } else {
        to_text(ctx, &name_value)
    };
    let mut stack = stack_string(ctx, object);

    // V8 keeps `stack` an own non-enumerable property even when assigned;
    // Boa's setter makes an enumerable one, which node would never list.
    keys.retain(
        |k| !matches!(k, Key::Own(PropertyKey::String(s)) if s.to_std_string_escaped() == "stack"),
    );
    if !ctx.opts.show_hidden {
        for field in ["name", "message"] {
            let position = keys.iter().position(
                |k| matches!(k, Key::Own(PropertyKey::String(s)) if s.to_std_string_escaped() == field),
            );
            if let Some(position) = position {
                let value = get(ctx, object, field);
                let text = to_text(ctx, &value);
                if stack.contains(&text) {
                    keys.remove(position);
                }
            }
        }
    }
    let has_key = |keys: &[Key], name: &str| {
        keys.iter().any(
            |k| matches!(k, Key::Own(PropertyKey::String(s)) if s.to_std_string_escaped() == name),
        )
    };
    if object
        .has_property(js_string!("cause"), ctx.cx)
        .unwrap_or(false)
        && !has_key(keys, "cause")
    {
        keys.push(Key::Own(PropertyKey::from(js_string!("cause"))));
    }
    let errors = get(ctx, object, "errors");
    if errors.as_object().is_some_and(|o| o.is_array()) && !has_key(keys, "errors") {
        keys.push(Key::Own(PropertyKey::from(js_string!("errors"))));
    }

    stack = improve_stack(stack, constructor, &name, tag);

    // Skip past the message (it may contain "\n    at") before looking for
    // the first frame.
    let message = get(ctx, object, "message");
    let message = if message.to_boolean() {
        to_text(ctx, &message)
    } else {
        String::new()
    };
    let from = match stack.find(&message) {
        Some(pos) if !message.is_empty() && pos != 0 => pos + message.len(),
        _ => 0,
    };
    if !stack[from..].contains("\n    at") {
        stack = format!("[{stack}]");
    }
    if ctx.indentation != 0 {
        let indentation = " ".repeat(ctx.indentation);
        stack = stack.replace('\n', &format!("\n{indentation}"));
    }
    stack
}

/// Puts the constructor name into the first line when it says more than
/// `name` (node's `improveStack`): `class Foo extends Error` prints
/// `Foo: msg`, a renamed error prints `Foo [Bar]: msg`.
fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let regular = name.ends_with("Error")
        && stack.starts_with(name)
        && matches!(stack.as_bytes().get(len), None | Some(b':') | Some(b'\n'));
    if constructor.is_some() && !regular {
        return stack;
    }
    let mut fallback = "Error".to_owned();
    if constructor.is_none() {
        let first_line = stack.lines().next().unwrap_or_default();
        let head = first_line.split(':').next().unwrap_or_default();
        let looks_like_name = head.ends_with("Error")
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let found = if looks_like_name { head } else { "" };
        len = found.len();
        fallback = if found.is_empty() {
            "Error".to_owned()
        } else {
            found.to_owned()
        };
    }
    let full = prefix(constructor, tag, &fallback, "");
    let pre = full.strip_suffix(' ').unwrap_or(&full);
    if name == pre {
        return stack;
    }
    let rest = stack.get(len..).unwrap_or_default();
    if pre.contains(name) {
        if len == 0 {
            format!("{pre}: {stack}")
        } else {
            format!("{pre}{rest}")
        }
    } else {
        format!("{pre} [{name}]{rest}")
    }
}
