//! What the runtime core asks of the APIs installed on top of it.
//!
//! The core (event loop, modules, timers, limits, errors) knows no web
//! API. Three things it does reach past itself for: the text of a thrown
//! value that is not an Error (console's inspection), offering an uncaught
//! error to the global `error` event, and offering a rejection to the
//! `unhandledrejection` and `rejectionhandled` events; and the modules
//! behind `node:` specifiers (`node:process`, `node:url`). The API layer
//! installs these hooks on each context ([`install`]); a bare core (no
//! hooks) describes values with the engine's display and fires no events.

use boa_engine::{Context, JsObject, JsResult, JsValue, Module};

/// Which rejection event to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectionEvent {
    /// `unhandledrejection` (cancelable).
    Unhandled,
    /// `rejectionhandled`: a reported rejection got a handler later.
    Handled,
}

impl RejectionEvent {
    pub fn name(self) -> &'static str {
        match self {
            RejectionEvent::Unhandled => "unhandledrejection",
            RejectionEvent::Handled => "rejectionhandled",
        }
    }
}

/// The hooks of one context.
#[derive(Clone, Copy)]
pub struct ApiHooks {
    /// The text of a value for an error report (never runs user code).
    pub describe: fn(&JsValue, &mut Context) -> String,
    /// Offers an uncaught error to the global `error` event: whether a
    /// listener canceled it.
    pub report_error: fn(&mut Context, &JsValue) -> bool,
    /// Fires a rejection event for `promise` and `reason`: whether a
    /// listener canceled it.
    pub report_rejection: fn(&mut Context, RejectionEvent, &JsObject, &JsValue) -> bool,
    /// The built-in module `node:<name>` (`name` without the scheme), or
    /// `None` when the APIs do not provide it.
    pub builtin_module: fn(&str, &mut Context) -> Option<JsResult<Module>>,
    /// What `require("node:<name>")` gives: the same object as the
    /// module's default export.
    pub builtin_exports: fn(&str, &mut Context) -> Option<JsResult<JsValue>>,
}

/// Installs `hooks` on `context`.
pub fn install(context: &mut Context, hooks: ApiHooks) {
    context.insert_data(hooks);
}

fn hooks(context: &Context) -> Option<ApiHooks> {
    context.get_data::<ApiHooks>().copied()
}

/// The text of `value` for an error report.
pub fn describe(value: &JsValue, context: &mut Context) -> String {
    match hooks(context) {
        Some(hooks) => (hooks.describe)(value, context),
        None => value.display().to_string(),
    }
}

/// Whether a listener of the global `error` event canceled `error`.
pub fn report_error(context: &mut Context, error: &JsValue) -> bool {
    hooks(context).is_some_and(|hooks| (hooks.report_error)(context, error))
}

/// Whether a listener of the rejection event canceled it.
pub fn report_rejection(
    context: &mut Context,
    event: RejectionEvent,
    promise: &JsObject,
    reason: &JsValue,
) -> bool {
    hooks(context).is_some_and(|hooks| (hooks.report_rejection)(context, event, promise, reason))
}

/// What `require("node:<name>")` gives, if the APIs provide the module.
pub fn builtin_exports(context: &mut Context, name: &str) -> Option<JsResult<JsValue>> {
    hooks(context).and_then(|hooks| (hooks.builtin_exports)(name, context))
}

/// The built-in module `node:<name>`, if the APIs provide it.
pub fn builtin_module(context: &mut Context, name: &str) -> Option<JsResult<Module>> {
    hooks(context).and_then(|hooks| (hooks.builtin_module)(name, context))
}
