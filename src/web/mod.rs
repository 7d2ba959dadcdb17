//! The globals a script sees, one module per API family.
//!
//! `boa_runtime` 0.22 has implementations of several of these families;
//! each was checked against its spec and replaced where it fell short (the
//! README's API table says why, family by family). Today every family lives
//! in its own module below.
//!
//! ## What is Rust and what is JavaScript
//!
//! An interface is a native class whose members are defined with the
//! helpers of [`webidl`]: `boa_engine::class::Class` for a standalone
//! interface, [`webidl::Interface`] for one that inherits another
//! (`CustomEvent : Event`, `AbortSignal : EventTarget`) or whose instances
//! of several interfaces share one native type. [`webidl`] also does every
//! argument conversion, brand check ("Illegal invocation") and argument
//! count ("N arguments required"), so that the same mistake reads the same
//! in every family. The reason is the engine: Boa 0.22 cannot share
//! compiled code between contexts, so an API written in JavaScript is
//! parsed, compiled and held in memory again by every app that touches it.
//! New APIs are Rust, and no Web API is JavaScript any more (the streams
//! were the last). The only JavaScript the runtime evaluates itself is a
//! few one-line trampolines whose `try`/`catch` works around an engine
//! bug with exceptions crossing natives (`fetch::new_request_for_fetch`,
//! the server's request trampoline); a trampoline holds no state machine.

pub mod base64;
pub mod blob;
pub mod cache;
pub mod callback;
pub mod console;
pub mod crypto;
pub mod dom_exception;
pub mod encoding;
pub mod events;
pub mod fetch;
pub mod globals;
pub mod kv;
pub mod lazy;
pub mod microtask;
pub mod mime_type;
pub mod node;
pub mod process;
pub mod streams;
pub mod structured_clone;
pub mod timers;
pub mod ts_helpers;
pub mod url;
pub mod webidl;

pub use events::abort;

use boa_engine::{Context, JsResult};

use crate::runtime::api_hooks::{self, ApiHooks, RejectionEvent};
use crate::runtime::{Runtime, RuntimeOptions};

/// A runtime with every API of nano-boa.
pub fn new_runtime(options: RuntimeOptions) -> JsResult<Runtime> {
    Runtime::with_apis(options, register_all)
}

/// Registers every global of the runtime on `context`, and the hooks by
/// which the runtime core reports errors and rejections through them.
pub fn register_all(context: &mut Context, options: &RuntimeOptions) -> JsResult<()> {
    api_hooks::install(
        context,
        ApiHooks {
            describe: console::inspect::inspect,
            report_error: events::dispatch_error,
            report_rejection,
            builtin_module: node::module,
            builtin_exports: node::exports,
        },
    );
    // DOMException first: the families below throw it.
    dom_exception::register(context)?;
    structured_clone::register(context)?;
    encoding::register(context)?;
    url::register(context)?;
    events::register(context)?;
    blob::register(context)?;
    streams::register(context)?;
    fetch::register(context, &options.net)?;
    cache::register(context)?;
    base64::register(context)?;
    crypto::register(context)?;
    console::register(context)?;
    timers::register(context)?;
    microtask::register(context)?;
    globals::register(context)?;
    process::register(context, options)?;
    node::register(context)?;
    Ok(())
}

/// [`ApiHooks::report_rejection`]: the rejection events of the global
/// object.
fn report_rejection(
    context: &mut Context,
    event: RejectionEvent,
    promise: &boa_engine::JsObject,
    reason: &boa_engine::JsValue,
) -> bool {
    events::dispatch_rejection(context, event.name(), promise, reason)
}
