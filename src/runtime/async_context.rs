//! The async context: which `AsyncLocalStorage` stores hold which value
//! for the code running now, carried to the code that runs later on its
//! behalf (<https://nodejs.org/api/async_context.html>; the same model as
//! the TC39 AsyncContext proposal, <https://github.com/tc39/proposal-async-context>).
//!
//! The current frame is captured when a continuation is registered and
//! restored while it runs: promise reactions and `await` through Boa's
//! `HostMakeJobCallback` / `HostCallJobCallback` hooks
//! (<https://tc39.es/ecma262/#sec-hostmakejobcallback>, see
//! `runtime::hooks`), timers when they are set, `queueMicrotask` when it is
//! called, native tasks (fetch, crypto callbacks) when they are spawned.
//! A frame is immutable and shared: `run` makes a new one, so capturing is
//! a pointer copy and an empty frame costs nothing to carry.

use std::cell::RefCell;

use boa_engine::{JsData, JsObject, JsValue};
use boa_gc::{Finalize, Gc, Trace};

#[derive(Trace, Finalize)]
struct Entry {
    /// The AsyncLocalStorage object.
    key: JsObject,
    value: JsValue,
}

#[derive(Trace, Finalize)]
struct Entries(Vec<Entry>);

/// A set of (store, value) pairs; empty for code no `run` encloses.
#[derive(Clone, Default, Trace, Finalize, JsData)]
pub struct AsyncFrame(Option<Gc<Entries>>);

impl AsyncFrame {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The value `key` holds in this frame.
    pub fn get(&self, key: &JsObject) -> Option<JsValue> {
        let entries = self.0.as_ref()?;
        entries
            .0
            .iter()
            .find(|e| JsObject::equals(&e.key, key))
            .map(|e| e.value.clone())
    }

    /// This frame with `key` holding `value`.
    pub fn with(&self, key: &JsObject, value: JsValue) -> Self {
        let mut entries = self.others(key);
        entries.push(Entry {
            key: key.clone(),
            value,
        });
        Self(Some(Gc::new(Entries(entries))))
    }

    /// This frame without `key`.
    pub fn without(&self, key: &JsObject) -> Self {
        let entries = self.others(key);
        if entries.is_empty() {
            return Self(None);
        }
        Self(Some(Gc::new(Entries(entries))))
    }

    fn others(&self, key: &JsObject) -> Vec<Entry> {
        self.0.as_ref().map_or_else(Vec::new, |entries| {
            entries
                .0
                .iter()
                .filter(|e| !JsObject::equals(&e.key, key))
                .map(|e| Entry {
                    key: e.key.clone(),
                    value: e.value.clone(),
                })
                .collect()
        })
    }
}

/// The frame of the code running now (held by the event loop).
#[derive(Default)]
pub struct AsyncContext {
    current: RefCell<AsyncFrame>,
}

impl AsyncContext {
    pub fn current(&self) -> AsyncFrame {
        self.current.borrow().clone()
    }

    /// Whether no store holds a value now.
    pub fn is_empty(&self) -> bool {
        self.current.borrow().is_empty()
    }

    /// Makes `frame` current, returning the one it replaces.
    pub fn replace(&self, frame: AsyncFrame) -> AsyncFrame {
        self.current.replace(frame)
    }

    /// Runs `f` with `frame` current, then puts the previous one back.
    pub fn run_in<R>(&self, frame: AsyncFrame, f: impl FnOnce() -> R) -> R {
        let previous = self.replace(frame);
        let result = f();
        self.replace(previous);
        result
    }
}
