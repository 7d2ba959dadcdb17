//! Host hooks (ECMA-262 §9.5 and §27.2.1.9) that tie Boa to the runtime.

use std::rc::Rc;

use boa_engine::Context;
use boa_engine::builtins::promise::OperationType;
use boa_engine::context::HostHooks;
use boa_engine::object::JsObject;

use super::event_loop::EventLoop;

/// The runtime's host hooks: promise rejection tracking feeds the event
/// loop's unhandled-rejection check.
pub struct RuntimeHooks {
    event_loop: Rc<EventLoop>,
}

impl RuntimeHooks {
    pub fn new(event_loop: Rc<EventLoop>) -> Self {
        Self { event_loop }
    }
}

impl HostHooks for RuntimeHooks {
    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        self.event_loop
            .track_rejection(&promise.clone().upcast(), operation);
    }
}
