//! `console` (WHATWG Console Standard), printing values as node's
//! `util.inspect` does.

pub mod inspect;

use boa_engine::{Context, JsResult};
use boa_runtime::RuntimeExtension;

pub fn register(context: &mut Context) -> JsResult<()> {
    boa_runtime::extensions::ConsoleExtension::default().register(None, context)
}
