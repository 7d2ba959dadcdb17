//! Native replacements for some of Boa's own built-ins, installed on every
//! context through the engine's public API (the engine itself comes from
//! the registry as published). Each replaces a built-in that is slow or
//! wrong in Boa 0.22 on a path real apps take per request; each passes
//! the engine's test262 directory for it as the original did.
//!
//! - [`json`]: `JSON.parse` (Boa's validates with serde_json, then parses
//!   the text again as a script and runs it), `JSON.stringify` (Boa's
//!   copies each level's text into its parent's), `JSON.rawJSON` and
//!   `JSON.isRawJSON` (their mark must be one the native stringify knows).

pub mod json;

use boa_engine::{Context, JsResult};

/// Installs every replacement on `context`'s realm.
pub fn register(context: &mut Context) -> JsResult<()> {
    json::register(context)
}
