//! Errors of running code, and the text a user sees for them.

use std::path::PathBuf;

use boa_engine::{Context, JsError, JsObject, JsResult, JsValue, js_string};

use super::api_hooks;
use super::event_loop::LoopError;

/// Why running a file or a snippet failed.
#[derive(Debug)]
pub enum RunError {
    /// The file could not be read.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The code did not parse.
    Syntax {
        error: JsError,
        /// The file it came from, if any.
        path: Option<PathBuf>,
    },
    /// An exception nothing caught.
    Uncaught(JsError),
    /// A promise rejected with no handler.
    UnhandledRejection(JsValue),
    /// The entry module awaits a promise that can never settle.
    UnsettledTopLevelAwait,
}

impl From<LoopError> for RunError {
    fn from(err: LoopError) -> Self {
        match err {
            LoopError::Uncaught(err) => RunError::Uncaught(err),
            LoopError::UnhandledRejection(value) => RunError::UnhandledRejection(value),
        }
    }
}

impl RunError {
    /// The process exit code for this error: 2 for a file that cannot be
    /// read (a usage error), 13 for an unsettled top-level await (as node),
    /// 1 for everything JavaScript threw.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::Io { .. } => 2,
            RunError::UnsettledTopLevelAwait => 13,
            _ => 1,
        }
    }

    /// The message for the terminal.
    pub fn render(&self, cx: &mut Context) -> String {
        match self {
            RunError::Io { path, error } => {
                let reason = match error.kind() {
                    std::io::ErrorKind::NotFound => "no such file".to_owned(),
                    _ => error.to_string(),
                };
                format!("error: cannot read '{}': {reason}", path.display())
            }
            RunError::Syntax { error, path } => render_syntax_error(error, path.as_deref()),
            RunError::Uncaught(err) => format!("Uncaught {}", describe_error(err, cx)),
            RunError::UnhandledRejection(value) => {
                format!("Uncaught (in promise) {}", describe_value(value, cx))
            }
            RunError::UnsettledTopLevelAwait => {
                "error: top-level await never settled: the module awaits a promise \
                 that no pending timer or task can resolve"
                    .to_owned()
            }
        }
    }
}

/// `file:line:column: SyntaxError: message`. Boa's parser reports positions
/// as "... at line L, col C" at the end of its message; we move them to the
/// front, where editors and terminals look for them.
pub fn render_syntax_error(err: &JsError, path: Option<&std::path::Path>) -> String {
    let text = match err.as_native() {
        Some(native) => native.message().to_owned(),
        None => err.to_string(),
    };
    let (message, position) = split_position(&text);
    match position {
        Some((file, line, col)) => {
            let file = path.map_or(file, |p| p.display().to_string());
            format!("{file}:{line}:{col}: SyntaxError: {message}")
        }
        None => format!("SyntaxError: {message}"),
    }
}

/// Splits Boa's "message at line L, col C" (optionally "in FILE") into the
/// message and the position.
fn split_position(text: &str) -> (String, Option<(String, u32, u32)>) {
    // Boa formats parse errors as "<message> at line <l>, col <c>" and, when
    // the source has a path, "<message> in <path> at line <l>, col <c>"
    // is not used; the path comes separately. Parse defensively.
    let Some(at) = text.rfind(" at line ") else {
        return (text.to_owned(), None);
    };
    let (head, tail) = text.split_at(at);
    let tail = &tail[" at line ".len()..];
    let mut parts = tail.splitn(2, ", col ");
    let line = parts.next().and_then(|l| l.trim().parse::<u32>().ok());
    let col = parts
        .next()
        .map(|c| c.trim_end_matches(|ch: char| !ch.is_ascii_digit()))
        .and_then(|c| c.trim().parse::<u32>().ok());
    match (line, col) {
        (Some(line), Some(col)) => {
            let (message, file) = match head.rfind(" in ") {
                Some(i) if head[i + 4..].contains(['/', '.', '<']) => {
                    (head[..i].to_owned(), head[i + 4..].to_owned())
                }
                _ => (head.to_owned(), String::from("<unknown>")),
            };
            (message, Some((file, line, col)))
        }
        _ => (text.to_owned(), None),
    }
}

/// "Name: message" and the stack of an error, or the inspected value for
/// anything else that was thrown.
pub fn describe_error(err: &JsError, cx: &mut Context) -> String {
    match err.clone().into_opaque(cx) {
        Ok(value) => describe_value(&value, cx),
        // Engine errors (runtime limits) have no JavaScript value.
        Err(_) => {
            let text = err.to_string();
            match text.split_once('\n') {
                Some((header, frames)) => format!("{header}\n{}", limit_stack_frames(frames)),
                None => text,
            }
        }
    }
}

/// Like [`describe_error`], for a thrown or rejected value.
pub fn describe_value(value: &JsValue, cx: &mut Context) -> String {
    /// Causes shown after the error itself; a chain can be as long as a
    /// script makes it (or a cycle: `e.cause = e`), and this runs on the
    /// path that reports a failure, so it must end.
    const MAX_CAUSES: usize = 16;
    let mut out = String::new();
    let mut seen: Vec<JsObject> = Vec::new();
    let mut current = value.clone();
    loop {
        let Some(object) = current.as_object() else {
            out.push_str(&api_hooks::describe(&current, cx));
            return out;
        };
        if !object.is::<boa_engine::builtins::error::Error>() {
            out.push_str(&api_hooks::describe(&current, cx));
            return out;
        }
        out.push_str(&describe_error_object(&object, cx));
        seen.push(object.clone());
        let Ok(cause) = object.get(js_string!("cause"), cx) else {
            return out;
        };
        if cause.is_undefined() {
            return out;
        }
        out.push_str("\nCaused by: ");
        if cause
            .as_object()
            .is_some_and(|c| seen.iter().any(|s| JsObject::equals(s, &c)))
        {
            out.push_str("[Circular]");
            return out;
        }
        if seen.len() > MAX_CAUSES {
            out.push_str("... (more causes)");
            return out;
        }
        current = cause;
    }
}

/// `Name: message` and the stack of one error object (not its cause).
fn describe_error_object(object: &JsObject, cx: &mut Context) -> String {
    let get_string = |key: &str, cx: &mut Context| -> Option<String> {
        let v = object.get(js_string!(key), cx).ok()?;
        if v.is_undefined() {
            return None;
        }
        v.to_string(cx).ok().map(|s| s.to_std_string_escaped())
    };
    let name = get_string("name", cx).unwrap_or_else(|| "Error".to_owned());
    let message = get_string("message", cx).unwrap_or_default();
    let mut out = if message.is_empty() {
        name
    } else {
        format!("{name}: {message}")
    };
    if let Some(stack) = get_string("stack", cx) {
        // Frames of TypeScript files point into their source.
        let stack = match cx.get_data::<super::modules::typescript::SourceMaps>() {
            Some(maps) => maps.remap_text(&stack),
            None => stack,
        };
        let stack = limit_stack_frames(stack.trim_end());
        if !stack.is_empty() {
            out.push('\n');
            out.push_str(&stack);
        }
    }
    out
}

/// HTML §8.1.4.7 "report an exception", for errors that must not propagate
/// to the caller (an event listener's exception, DOM §2.10 "inner invoke").
///
/// First the global object's `error` event: a listener that cancels it
/// (`preventDefault()`) handles the error, as in deno. Otherwise see
/// [`report_unhandled`].
pub fn report_exception(cx: &mut Context, error: JsError) {
    if error_event_handled(cx, &error) {
        return;
    }
    report_unhandled(cx, error);
}

/// The default action of an uncaught exception no `error` listener
/// handled: the event loop stops with it at its next microtask checkpoint
/// (the first error wins), then the process prints `Uncaught ...` and exits
/// with 1 (deno does the same; node v20 rethrows an EventTarget listener's
/// error on `process.nextTick`, with the same outcome). Without nano-boa's
/// event loop (an embedder's context) it is printed to stderr and dropped.
pub fn report_unhandled(cx: &mut Context, error: JsError) {
    match super::EventLoop::of(cx) {
        Some(event_loop) => event_loop.fail(LoopError::Uncaught(error)),
        None => eprintln!("Uncaught {}", describe_error(&error, cx)),
    }
}

/// Whether the global `error` event of `error` was canceled by a listener.
/// Errors with no JavaScript value (the engine's runtime limits) are never
/// offered to listeners: they must stop the work that hit them.
pub fn error_event_handled(cx: &mut Context, error: &JsError) -> bool {
    if error.as_engine().is_some() {
        return false;
    }
    match error.clone().into_opaque(cx) {
        Ok(value) => api_hooks::report_error(cx, &value),
        Err(_) => false,
    }
}

/// The result of a callback the event loop ran (a timer, a microtask): an
/// exception it threw goes to the global `error` event first and counts as
/// caught when a listener canceled that. An exception an `error` listener
/// threw meanwhile takes the original's place, as in deno.
pub fn handled<T>(result: JsResult<T>, cx: &mut Context) -> JsResult<()> {
    let Err(error) = result else {
        return Ok(());
    };
    let event_loop = super::EventLoop::of(cx);
    let failed_before = event_loop.as_ref().is_some_and(|l| l.has_failed());
    if error_event_handled(cx, &error) {
        return Ok(());
    }
    if !failed_before
        && let Some(LoopError::Uncaught(listener_error)) =
            event_loop.as_ref().and_then(|l| l.take_failure())
    {
        return Err(listener_error);
    }
    Err(error)
}

/// How many stack frames an error shows, as V8's default
/// `Error.stackTraceLimit`: a runaway recursion must not print thousands.
pub const STACK_FRAME_LIMIT: usize = 10;

/// Keeps the first [`STACK_FRAME_LIMIT`] frame lines of Boa's stack text
/// and says how many were left out.
pub fn limit_stack_frames(frames: &str) -> std::borrow::Cow<'_, str> {
    let total = frames.lines().count();
    if total <= STACK_FRAME_LIMIT {
        return frames.into();
    }
    let mut kept: Vec<&str> = frames.lines().take(STACK_FRAME_LIMIT).collect();
    let more = format!("    ... {} more frames", total - STACK_FRAME_LIMIT);
    kept.push(&more);
    kept.join("\n").into()
}

#[cfg(test)]
mod tests {
    use super::limit_stack_frames;

    #[test]
    fn long_stacks_are_cut_to_ten_frames() {
        let frames: Vec<String> = (0..25).map(|i| format!("    at f{i} (a.js:1:1)")).collect();
        let text = frames.join("\n");
        let limited = limit_stack_frames(&text);
        assert_eq!(limited.lines().count(), 11);
        assert!(limited.ends_with("    ... 15 more frames"));
        assert_eq!(
            limit_stack_frames("    at g (a.js:1:1)"),
            "    at g (a.js:1:1)"
        );
    }
}
