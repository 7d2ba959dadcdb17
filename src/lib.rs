//! nano-boa: a JavaScript runtime in pure Rust on the Boa engine.
//!
//! [`runtime::Runtime`] is a Boa context with nano-boa's event loop, module
//! loader and web globals; [`test262`] runs test262-style fixtures.

pub mod cli;
pub mod engine;
pub mod kv;
pub mod net;
pub mod repl;
pub mod runtime;
pub mod server;
pub mod test262;
pub mod web;

pub use runtime::{Runtime, RuntimeOptions};
