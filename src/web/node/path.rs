//! `node:path` (the POSIX flavour, which node gives on Linux): string
//! operations on `/`-separated paths. Written here because its exact
//! results (trailing slashes, `..` above a relative start, dot files in
//! `extname`) are node's own contract, which no Rust path crate follows;
//! the expected values in `js-tests/modules/node-path.js` come from node.

use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsResult, JsString, JsValue, NativeFunction, js_string};

use crate::web::webidl::type_error;

/// The `path` module object (its `posix` member is itself).
pub fn object(cx: &mut Context) -> JsResult<JsValue> {
    type Op = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
    let functions: [(&str, usize, Op); 11] = [
        ("normalize", 1, |_, a, cx| text(normalize(&arg(a, 0, cx)?))),
        ("join", 0, |_, a, cx| text(join(&args(a, cx)?))),
        ("resolve", 0, |_, a, cx| text(resolve(&args(a, cx)?)?)),
        ("relative", 2, |_, a, cx| {
            text(relative(&arg(a, 0, cx)?, &arg(a, 1, cx)?)?)
        }),
        ("isAbsolute", 1, |_, a, cx| {
            Ok(arg(a, 0, cx)?.starts_with('/').into())
        }),
        ("dirname", 1, |_, a, cx| text(dirname(&arg(a, 0, cx)?))),
        ("basename", 1, |_, a, cx| {
            let path = arg(a, 0, cx)?;
            let ext = match a.get(1) {
                Some(v) if !v.is_undefined() => Some(string(v, "ext", cx)?),
                _ => None,
            };
            text(basename(&path, ext.as_deref()))
        }),
        ("extname", 1, |_, a, cx| text(extname(&arg(a, 0, cx)?))),
        ("parse", 1, parse),
        ("format", 1, format),
        ("toNamespacedPath", 1, |_, a, _| {
            Ok(a.first().cloned().unwrap_or_default())
        }),
    ];
    let mut object = ObjectInitializer::new(cx);
    for (name, length, f) in functions {
        object.function(NativeFunction::from_fn_ptr(f), JsString::from(name), length);
    }
    object
        .property(js_string!("sep"), js_string!("/"), Attribute::all())
        .property(js_string!("delimiter"), js_string!(":"), Attribute::all());
    let object = object.build();
    object.set(js_string!("posix"), object.clone(), false, cx)?;
    Ok(object.into())
}

fn text(s: String) -> JsResult<JsValue> {
    Ok(JsString::from(s.as_str()).into())
}

/// node's argument check: a string, or a TypeError naming the argument.
fn string(value: &JsValue, name: &str, cx: &mut Context) -> JsResult<String> {
    if !value.is_string() {
        let shown = crate::runtime::api_hooks::describe(value, cx);
        return Err(type_error(format!(
            "The \"{name}\" argument must be of type string. Received {shown}"
        )));
    }
    Ok(value.to_string(cx)?.to_std_string_lossy())
}

fn arg(args: &[JsValue], index: usize, cx: &mut Context) -> JsResult<String> {
    string(&args.get(index).cloned().unwrap_or_default(), "path", cx)
}

fn args(args: &[JsValue], cx: &mut Context) -> JsResult<Vec<String>> {
    args.iter().map(|a| string(a, "path", cx)).collect()
}

/// `.` and empty segments dropped, `..` folded into what precedes it; a
/// relative path keeps the `..` that climb above its start.
fn normalize(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let absolute = path.starts_with('/');
    let trailing = path.ends_with('/');
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if kept.last().is_some_and(|last| *last != "..") {
                    kept.pop();
                } else if !absolute {
                    kept.push("..");
                }
            }
            other => kept.push(other),
        }
    }
    let body = kept.join("/");
    match (absolute, body.is_empty(), trailing) {
        (true, true, _) => "/".into(),
        (true, false, true) => format!("/{body}/"),
        (true, false, false) => format!("/{body}"),
        (false, true, true) => "./".into(),
        (false, true, false) => ".".into(),
        (false, false, true) => format!("{body}/"),
        (false, false, false) => body,
    }
}

fn join(parts: &[String]) -> String {
    let joined: Vec<&str> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect();
    if joined.is_empty() {
        return ".".into();
    }
    normalize(&joined.join("/"))
}

/// Right to left until a path is absolute, then the working directory;
/// normalized, without a trailing slash (but the root).
fn resolve(parts: &[String]) -> JsResult<String> {
    let mut pieces: Vec<&str> = Vec::new();
    let mut absolute = false;
    for part in parts.iter().rev().filter(|p| !p.is_empty()) {
        pieces.push(part);
        if part.starts_with('/') {
            absolute = true;
            break;
        }
    }
    let cwd;
    if !absolute {
        cwd = std::env::current_dir()
            .map_err(|err| type_error(format!("cannot read the working directory: {err}")))?
            .display()
            .to_string();
        pieces.push(&cwd);
    }
    pieces.reverse();
    let normalized = normalize(&pieces.join("/"));
    Ok(match normalized.strip_suffix('/') {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => normalized,
    })
}

fn relative(from: &str, to: &str) -> JsResult<String> {
    let from = resolve(&[from.to_owned()])?;
    let to = resolve(&[to.to_owned()])?;
    if from == to {
        return Ok(String::new());
    }
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    Ok(out.join("/"))
}

/// The path without its trailing slashes (the root stays `/`).
fn trim_trailing(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() && path.starts_with('/') {
        "/"
    } else {
        trimmed
    }
}

/// The path up to its last separator that is followed by a name: the
/// slashes before that separator stay (`a//b` gives `a/`), a path that is
/// only a root gives `/`, and a leading `//` stays `//` (as node).
fn dirname(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let bytes = path.as_bytes();
    let rooted = bytes[0] == b'/';
    let mut i = bytes.len() - 1;
    while i >= 1 && bytes[i] == b'/' {
        i -= 1;
    }
    while i >= 1 && bytes[i] != b'/' {
        i -= 1;
    }
    if i < 1 {
        return if rooted { "/".into() } else { ".".into() };
    }
    if rooted && i == 1 {
        return "//".into();
    }
    path[..i].to_owned()
}

fn basename(path: &str, ext: Option<&str>) -> String {
    let trimmed = trim_trailing(path);
    if trimmed == "/" {
        return String::new();
    }
    let base = trimmed.rsplit('/').next().unwrap_or_default();
    match ext {
        // The whole name as the suffix: kept after a directory, removed
        // from a bare name (node v20's results for both).
        Some(ext) if base == ext && trimmed.contains('/') => base.to_owned(),
        Some(ext) if !ext.is_empty() => base.strip_suffix(ext).unwrap_or(base).to_owned(),
        _ => base.to_owned(),
    }
}

fn extname(path: &str) -> String {
    let base = basename(path, None);
    match base.rfind('.') {
        // A leading dot is a dot file's name, not an extension; ".." too.
        Some(0) | None => String::new(),
        Some(_) if base == ".." => String::new(),
        Some(index) => base[index..].to_owned(),
    }
}

fn parse(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let path = arg(args, 0, cx)?;
    let root = if path.starts_with('/') { "/" } else { "" };
    let (dir, base, ext) = if path.is_empty() {
        (String::new(), String::new(), String::new())
    } else {
        let base = basename(&path, None);
        let dir = dirname(&path);
        // A path without a slash has no dir (dirname's "." is not one).
        let dir = if !path.trim_end_matches('/').contains('/') && root.is_empty() {
            String::new()
        } else {
            dir
        };
        (dir, base, extname(&path))
    };
    // node's parse splits "/.." as a name "." with the extension ".".
    let (ext, name) = if root == "/" && base == ".." {
        (".".to_owned(), ".".to_owned())
    } else {
        let name = base.strip_suffix(ext.as_str()).unwrap_or(&base).to_owned();
        (ext, name)
    };
    let object = JsValue::from(boa_engine::JsObject::with_object_proto(cx.intrinsics()));
    let fields = [
        ("root", root.to_owned()),
        ("dir", dir),
        ("base", base),
        ("ext", ext),
        ("name", name),
    ];
    if let Some(o) = object.as_object() {
        for (key, value) in fields {
            o.set(
                JsString::from(key),
                JsString::from(value.as_str()),
                false,
                cx,
            )?;
        }
    }
    Ok(object)
}

fn format(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let Some(object) = args.first().and_then(JsValue::as_object) else {
        let shown =
            crate::runtime::api_hooks::describe(&args.first().cloned().unwrap_or_default(), cx);
        return Err(type_error(format!(
            "The \"pathObject\" argument must be of type object. Received {shown}"
        )));
    };
    let field = |key: &str, cx: &mut Context| -> JsResult<String> {
        let value = object.get(JsString::from(key), cx)?;
        if value.is_null_or_undefined() {
            Ok(String::new())
        } else {
            Ok(value.to_string(cx)?.to_std_string_lossy())
        }
    };
    let dir = field("dir", cx)?;
    let root = field("root", cx)?;
    let base = field("base", cx)?;
    let base = if base.is_empty() {
        let name = field("name", cx)?;
        let ext = field("ext", cx)?;
        let ext = if !ext.is_empty() && !ext.starts_with('.') {
            format!(".{ext}")
        } else {
            ext
        };
        format!("{name}{ext}")
    } else {
        base
    };
    let dir = if dir.is_empty() { root.clone() } else { dir };
    let out = if dir.is_empty() {
        base
    } else if dir == root {
        format!("{dir}{base}")
    } else {
        format!("{dir}/{base}")
    };
    text(out)
}
