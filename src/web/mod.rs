//! The globals a script sees, one module per API family.
//!
//! Where `boa_runtime` already implements a family well (checked against
//! its spec; see the README's API table) it is registered from here;
//! otherwise the family lives in its own module below.

pub mod base64;
pub mod console;
pub mod dom_exception;
pub mod encoding;
pub mod fetch;
pub mod globals;
pub mod lazy;
pub mod microtask;
pub mod process;
pub mod structured_clone;
pub mod timers;

use boa_engine::{Context, JsResult};
use boa_runtime::RuntimeExtension;
use boa_runtime::extensions::UrlExtension;

use crate::runtime::RuntimeOptions;

/// Registers every global of the runtime on `context`.
pub fn register_all(context: &mut Context, options: &RuntimeOptions) -> JsResult<()> {
    // DOMException first: the families below throw it.
    dom_exception::register(context)?;
    UrlExtension.register(None, context)?;
    structured_clone::register(context)?;
    encoding::register(context)?;
    fetch::register(context)?;
    base64::register(context)?;
    console::register(context)?;
    timers::register(context)?;
    microtask::register(context)?;
    globals::register(context)?;
    process::register(context, options)?;
    Ok(())
}
