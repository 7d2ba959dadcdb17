//! Host hooks (ECMA-262 §9.5 and §27.2.1.9) that tie Boa to the runtime.

use std::rc::Rc;

use boa_engine::Context;
use boa_engine::builtins::promise::OperationType;
use boa_engine::context::HostHooks;
use boa_engine::job::JobCallback;
use boa_engine::object::JsObject;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{JsResult, JsValue};

use super::async_context::AsyncFrame;

use super::event_loop::EventLoop;

/// Context data: the largest `ArrayBuffer` the context may allocate
/// (`HostHooks::max_buffer_size`; larger ones are a RangeError).
#[derive(Debug, Clone, Copy)]
pub struct MaxBufferSize(pub u64);

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
    fn max_buffer_size(&self, context: &mut Context) -> u64 {
        // Boa's own default: 1.5 GiB.
        context
            .get_data::<MaxBufferSize>()
            .map_or(1_610_612_736, |max| max.0)
    }

    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        self.event_loop
            .track_rejection(&promise.clone().upcast(), operation);
    }

    /// Captures the async context (AsyncLocalStorage) with the callback.
    /// An empty context is stored as `()`, which boxes nothing: code that
    /// never uses AsyncLocalStorage pays no allocation per `then`.
    fn make_job_callback(&self, callback: JsFunction, _: &mut Context) -> JobCallback {
        let frame = self.event_loop.async_context().current();
        if frame.is_empty() {
            JobCallback::new(callback, ())
        } else {
            JobCallback::new(callback, frame)
        }
    }

    /// Runs the callback in the async context it was made in.
    fn call_job_callback(
        &self,
        job: &JobCallback,
        this: &JsValue,
        args: &[JsValue],
        context: &mut Context,
    ) -> JsResult<JsValue> {
        let async_context = self.event_loop.async_context();
        match job.host_defined().downcast_ref::<AsyncFrame>() {
            Some(frame) => {
                async_context.run_in(frame.clone(), || job.callback().call(this, args, context))
            }
            // Made in an empty context and running in one: nothing to swap.
            None if async_context.is_empty() => job.callback().call(this, args, context),
            None => async_context.run_in(AsyncFrame::default(), || {
                job.callback().call(this, args, context)
            }),
        }
    }
}
