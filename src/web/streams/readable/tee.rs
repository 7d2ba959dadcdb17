//! ReadableStreamTee (Streams §4.9.1,
//! <https://streams.spec.whatwg.org/#readable-stream-tee>): the default
//! tee, and the byte tee that switches between a default and a BYOB reader
//! of the source depending on what each branch's reader asks for.

use std::cell::Cell;

use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsResult, JsValue};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::byte_controller::{self, ByteController};
use super::default_controller::{self, DefaultController};
use super::reader::{self, ReadRequest, Reader};
use super::{Algorithms, Controller, Start, Stream};
use crate::web::streams::buffers;
use crate::web::streams::promise::{self, Deferred};

/// Which branch of a tee.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Trace, Finalize)]
#[boa_gc(empty_trace)]
pub(crate) enum Branch {
    First,
    Second,
}

/// ReadableStreamTee(stream, cloneForBranch2 = false): the two branches.
pub(crate) fn tee(stream: &Stream, cx: &mut Context) -> JsResult<(Stream, Stream)> {
    match stream.controller() {
        Controller::Byte(_) => byte_tee(stream, cx),
        Controller::Default(_) => default_tee(stream, cx),
    }
}

/// The state both branches of a tee share: the spec's closure variables.
#[derive(Trace, Finalize)]
struct Shared {
    stream: Stream,
    #[unsafe_ignore_trace]
    reading: Cell<bool>,
    #[unsafe_ignore_trace]
    canceled1: Cell<bool>,
    #[unsafe_ignore_trace]
    canceled2: Cell<bool>,
    reason1: GcRefCell<JsValue>,
    reason2: GcRefCell<JsValue>,
    branch1: GcRefCell<Option<Stream>>,
    branch2: GcRefCell<Option<Stream>>,
    cancel_promise: Deferred,
}

impl Shared {
    fn new(stream: &Stream, cx: &mut Context) -> Self {
        Self {
            stream: stream.clone(),
            reading: Cell::new(false),
            canceled1: Cell::new(false),
            canceled2: Cell::new(false),
            reason1: GcRefCell::new(JsValue::undefined()),
            reason2: GcRefCell::new(JsValue::undefined()),
            branch1: GcRefCell::new(None),
            branch2: GcRefCell::new(None),
            cancel_promise: Deferred::new(cx),
        }
    }
    fn branch(&self, branch: Branch) -> Stream {
        let slot = match branch {
            Branch::First => &self.branch1,
            Branch::Second => &self.branch2,
        };
        slot.borrow()
            .clone()
            .expect("the branches are made at once")
    }
    fn canceled(&self, branch: Branch) -> bool {
        match branch {
            Branch::First => self.canceled1.get(),
            Branch::Second => self.canceled2.get(),
        }
    }
    fn both_canceled(&self) -> bool {
        self.canceled1.get() && self.canceled2.get()
    }

    /// cancel1Algorithm / cancel2Algorithm.
    fn cancel(&self, branch: Branch, reason: JsValue, cx: &mut Context) -> JsResult<JsPromise> {
        match branch {
            Branch::First => {
                self.canceled1.set(true);
                *self.reason1.borrow_mut() = reason;
            }
            Branch::Second => {
                self.canceled2.set(true);
                *self.reason2.borrow_mut() = reason;
            }
        }
        if self.both_canceled() {
            let reasons = super::pair_array(
                self.reason1.borrow().clone(),
                self.reason2.borrow().clone(),
                cx,
            );
            let cancelled = super::cancel(&self.stream, reasons, cx)?;
            self.cancel_promise.resolve(cancelled.into(), cx)?;
        }
        Ok(self.cancel_promise.promise.clone())
    }

    fn resolve_cancel_unless_both_canceled(&self, cx: &mut Context) -> JsResult<()> {
        if !self.both_canceled() {
            self.cancel_promise.resolve(JsValue::undefined(), cx)?;
        }
        Ok(())
    }
}

fn default_controller(stream: &Stream) -> Gc<DefaultController> {
    match stream.controller() {
        Controller::Default(c) => c,
        Controller::Byte(_) => unreachable!("a default tee's branches have default controllers"),
    }
}

fn byte_controller_of(stream: &Stream) -> Gc<ByteController> {
    match stream.controller() {
        Controller::Byte(c) => c,
        Controller::Default(_) => unreachable!("a byte tee's branches have byte controllers"),
    }
}

// ---- ReadableStreamDefaultTee -------------------------------------------------

/// ReadableStreamDefaultTee's state (cloneForBranch2 is false: structured
/// cloning of chunks has no user yet).
#[derive(Trace, Finalize)]
pub(crate) struct DefaultTee {
    shared: Shared,
    reader: Reader,
    #[unsafe_ignore_trace]
    read_again: Cell<bool>,
}

fn default_tee(stream: &Stream, cx: &mut Context) -> JsResult<(Stream, Stream)> {
    let reader = reader::acquire_default_reader(stream, cx)?;
    let tee = Gc::new(DefaultTee {
        shared: Shared::new(stream, cx),
        reader: reader.clone(),
        read_again: Cell::new(false),
    });
    let branch1 = super::create_readable_stream(
        Start::None,
        Algorithms::DefaultTee(tee.clone(), Branch::First),
        1.0,
        None,
        cx,
    )?;
    let branch2 = super::create_readable_stream(
        Start::None,
        Algorithms::DefaultTee(tee.clone(), Branch::Second),
        1.0,
        None,
        cx,
    )?;
    *tee.shared.branch1.borrow_mut() = Some(branch1.clone());
    *tee.shared.branch2.borrow_mut() = Some(branch2.clone());
    promise::upon(
        &reader.closed().promise,
        tee,
        None,
        Some(|tee: &Gc<DefaultTee>, r, cx| {
            let shared = &tee.shared;
            default_controller::error(
                &default_controller(&shared.branch(Branch::First)),
                r.clone(),
                cx,
            )?;
            default_controller::error(&default_controller(&shared.branch(Branch::Second)), r, cx)?;
            shared.resolve_cancel_unless_both_canceled(cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok((branch1, branch2))
}

/// pullAlgorithm.
pub(super) fn default_pull(tee: &Gc<DefaultTee>, cx: &mut Context) -> JsResult<JsPromise> {
    if tee.shared.reading.get() {
        tee.read_again.set(true);
        return promise::resolved(JsValue::undefined(), cx);
    }
    tee.shared.reading.set(true);
    reader::default_read(&tee.reader, ReadRequest::DefaultTee(tee.clone()), cx)?;
    promise::resolved(JsValue::undefined(), cx)
}

pub(super) fn default_cancel(
    tee: &Gc<DefaultTee>,
    branch: Branch,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    tee.shared.cancel(branch, reason, cx)
}

#[derive(Trace, Finalize, Clone)]
struct DefaultTeeChunk {
    tee: Gc<DefaultTee>,
    chunk: JsValue,
}

#[derive(Trace, Finalize, Clone)]
struct ByteTeeChunk {
    tee: Gc<ByteTee>,
    chunk: JsValue,
}

/// The read request's chunk steps: in a microtask, as the branches'
/// controllers may be reading too.
pub(super) fn default_chunk(tee: Gc<DefaultTee>, chunk: JsValue, cx: &mut Context) -> JsResult<()> {
    promise::queue_microtask(
        DefaultTeeChunk { tee, chunk },
        |captured, _, cx| {
            let tee = &captured.tee;
            let shared = &tee.shared;
            tee.read_again.set(false);
            for branch in [Branch::First, Branch::Second] {
                if !shared.canceled(branch) {
                    let c = default_controller(&shared.branch(branch));
                    default_controller::enqueue(&c, captured.chunk.clone(), cx)?;
                }
            }
            shared.reading.set(false);
            if tee.read_again.get() {
                default_pull(tee, cx)?;
            }
            Ok(JsValue::undefined())
        },
        cx,
    )
}

pub(super) fn default_close(tee: &Gc<DefaultTee>, cx: &mut Context) -> JsResult<()> {
    let shared = &tee.shared;
    shared.reading.set(false);
    for branch in [Branch::First, Branch::Second] {
        if !shared.canceled(branch) {
            default_controller::close(&default_controller(&shared.branch(branch)), cx)?;
        }
    }
    shared.resolve_cancel_unless_both_canceled(cx)
}

pub(super) fn default_error(tee: &Gc<DefaultTee>) {
    tee.shared.reading.set(false);
}

// ---- ReadableByteStreamTee ----------------------------------------------------

/// ReadableByteStreamTee's state.
#[derive(Trace, Finalize)]
pub(crate) struct ByteTee {
    shared: Shared,
    /// The source's current reader (default or BYOB).
    reader: GcRefCell<Reader>,
    #[unsafe_ignore_trace]
    read_again_for_branch1: Cell<bool>,
    #[unsafe_ignore_trace]
    read_again_for_branch2: Cell<bool>,
}

impl ByteTee {
    fn reader(&self) -> Reader {
        self.reader.borrow().clone()
    }
    fn controller(&self, branch: Branch) -> Gc<ByteController> {
        byte_controller_of(&self.shared.branch(branch))
    }
}

fn byte_tee(stream: &Stream, cx: &mut Context) -> JsResult<(Stream, Stream)> {
    let reader = reader::acquire_default_reader(stream, cx)?;
    let tee = Gc::new(ByteTee {
        shared: Shared::new(stream, cx),
        reader: GcRefCell::new(reader.clone()),
        read_again_for_branch1: Cell::new(false),
        read_again_for_branch2: Cell::new(false),
    });
    let branch1 = super::create_readable_byte_stream(
        Algorithms::ByteTee(tee.clone(), Branch::First),
        0.0,
        cx,
    )?;
    let branch2 = super::create_readable_byte_stream(
        Algorithms::ByteTee(tee.clone(), Branch::Second),
        0.0,
        cx,
    )?;
    *tee.shared.branch1.borrow_mut() = Some(branch1.clone());
    *tee.shared.branch2.borrow_mut() = Some(branch2.clone());
    forward_reader_error(&tee, &reader, cx)?;
    Ok((branch1, branch2))
}

#[derive(Trace, Finalize, Clone)]
struct ReaderOfTee {
    tee: Gc<ByteTee>,
    reader: Reader,
}

/// forwardReaderError(thisReader).
fn forward_reader_error(tee: &Gc<ByteTee>, reader: &Reader, cx: &mut Context) -> JsResult<()> {
    promise::upon(
        &reader.closed().promise,
        ReaderOfTee {
            tee: tee.clone(),
            reader: reader.clone(),
        },
        None,
        Some(|captured, r, cx| {
            let tee = &captured.tee;
            if !Gc::ptr_eq(&captured.reader, &tee.reader()) {
                return Ok(JsValue::undefined());
            }
            byte_controller::error(&tee.controller(Branch::First), r.clone(), cx)?;
            byte_controller::error(&tee.controller(Branch::Second), r, cx)?;
            tee.shared.resolve_cancel_unless_both_canceled(cx)?;
            Ok(JsValue::undefined())
        }),
        cx,
    )?;
    Ok(())
}

fn pull_again_if_asked(tee: &Gc<ByteTee>, cx: &mut Context) -> JsResult<()> {
    if tee.read_again_for_branch1.get() {
        byte_pull(tee, Branch::First, cx)?;
    } else if tee.read_again_for_branch2.get() {
        byte_pull(tee, Branch::Second, cx)?;
    }
    Ok(())
}

/// pull1Algorithm / pull2Algorithm.
pub(super) fn byte_pull(
    tee: &Gc<ByteTee>,
    branch: Branch,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    if tee.shared.reading.get() {
        match branch {
            Branch::First => tee.read_again_for_branch1.set(true),
            Branch::Second => tee.read_again_for_branch2.set(true),
        }
        return promise::resolved(JsValue::undefined(), cx);
    }
    tee.shared.reading.set(true);
    let request = byte_controller::get_byob_request(&tee.controller(branch), cx)?;
    match request {
        None => pull_with_default_reader(tee, cx)?,
        Some(request) => pull_with_byob_reader(tee, &request.view(), branch, cx)?,
    }
    promise::resolved(JsValue::undefined(), cx)
}

pub(super) fn byte_cancel(
    tee: &Gc<ByteTee>,
    branch: Branch,
    reason: JsValue,
    cx: &mut Context,
) -> JsResult<JsPromise> {
    tee.shared.cancel(branch, reason, cx)
}

fn pull_with_default_reader(tee: &Gc<ByteTee>, cx: &mut Context) -> JsResult<()> {
    if tee.reader().is_byob() {
        reader::release(&tee.reader(), cx)?;
        let reader = reader::acquire_default_reader(&tee.shared.stream, cx)?;
        *tee.reader.borrow_mut() = reader.clone();
        forward_reader_error(tee, &reader, cx)?;
    }
    reader::default_read(&tee.reader(), ReadRequest::ByteTeeDefault(tee.clone()), cx)
}

/// Errors both branches and cancels the source with `e` (a chunk that
/// could not be cloned).
fn clone_failed(tee: &Gc<ByteTee>, e: JsValue, cx: &mut Context) -> JsResult<()> {
    byte_controller::error(&tee.controller(Branch::First), e.clone(), cx)?;
    byte_controller::error(&tee.controller(Branch::Second), e.clone(), cx)?;
    let cancelled = super::cancel(&tee.shared.stream, e, cx)?;
    tee.shared.cancel_promise.resolve(cancelled.into(), cx)
}

pub(super) fn byte_default_chunk(
    tee: Gc<ByteTee>,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    promise::queue_microtask(
        ByteTeeChunk { tee, chunk },
        |captured, _, cx| {
            let tee = &captured.tee;
            let shared = &tee.shared;
            tee.read_again_for_branch1.set(false);
            tee.read_again_for_branch2.set(false);
            let chunk = captured.chunk.clone();
            let mut chunk2 = chunk.clone();
            if !shared.canceled1.get() && !shared.canceled2.get() {
                match buffers::clone_as_uint8_array(&chunk, cx) {
                    Ok(clone) => chunk2 = clone,
                    Err(e) => {
                        let e = promise::thrown(e, cx)?;
                        clone_failed(tee, e, cx)?;
                        return Ok(JsValue::undefined());
                    }
                }
            }
            if !shared.canceled1.get() {
                byte_controller::enqueue(&tee.controller(Branch::First), &chunk, cx)?;
            }
            if !shared.canceled2.get() {
                byte_controller::enqueue(&tee.controller(Branch::Second), &chunk2, cx)?;
            }
            shared.reading.set(false);
            pull_again_if_asked(tee, cx)?;
            Ok(JsValue::undefined())
        },
        cx,
    )
}

pub(super) fn byte_default_close(tee: &Gc<ByteTee>, cx: &mut Context) -> JsResult<()> {
    let shared = &tee.shared;
    shared.reading.set(false);
    for branch in [Branch::First, Branch::Second] {
        if !shared.canceled(branch) {
            byte_controller::close(&tee.controller(branch), cx)?;
        }
    }
    for branch in [Branch::First, Branch::Second] {
        let c = tee.controller(branch);
        if c.has_pending() {
            byte_controller::respond(&c, 0, cx)?;
        }
    }
    shared.resolve_cancel_unless_both_canceled(cx)
}

pub(super) fn byte_error(tee: &Gc<ByteTee>) {
    tee.shared.reading.set(false);
}

fn other(branch: Branch) -> Branch {
    match branch {
        Branch::First => Branch::Second,
        Branch::Second => Branch::First,
    }
}

fn pull_with_byob_reader(
    tee: &Gc<ByteTee>,
    view: &JsValue,
    branch: Branch,
    cx: &mut Context,
) -> JsResult<()> {
    if !tee.reader().is_byob() {
        reader::release(&tee.reader(), cx)?;
        let reader = reader::acquire_byob_reader(&tee.shared.stream, cx)?;
        *tee.reader.borrow_mut() = reader.clone();
        forward_reader_error(tee, &reader, cx)?;
    }
    reader::byob_read(
        &tee.reader(),
        view,
        1,
        ReadRequest::ByteTeeByob(tee.clone(), branch),
        cx,
    )
}

#[derive(Trace, Finalize, Clone)]
struct ByobChunk {
    tee: Gc<ByteTee>,
    branch: Branch,
    chunk: JsValue,
}

pub(super) fn byte_byob_chunk(
    tee: Gc<ByteTee>,
    branch: Branch,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    promise::queue_microtask(
        ByobChunk { tee, branch, chunk },
        |captured, _, cx| {
            let tee = &captured.tee;
            let shared = &tee.shared;
            tee.read_again_for_branch1.set(false);
            tee.read_again_for_branch2.set(false);
            let byob_branch = captured.branch;
            let other_branch = other(byob_branch);
            let byob_canceled = shared.canceled(byob_branch);
            let other_canceled = shared.canceled(other_branch);
            let chunk = &captured.chunk;
            if !other_canceled {
                let cloned = match buffers::clone_as_uint8_array(chunk, cx) {
                    Ok(cloned) => cloned,
                    Err(e) => {
                        let e = promise::thrown(e, cx)?;
                        clone_failed(tee, e, cx)?;
                        return Ok(JsValue::undefined());
                    }
                };
                if !byob_canceled {
                    byte_controller::respond_with_new_view(
                        &tee.controller(byob_branch),
                        chunk,
                        cx,
                    )?;
                }
                byte_controller::enqueue(&tee.controller(other_branch), &cloned, cx)?;
            } else if !byob_canceled {
                byte_controller::respond_with_new_view(&tee.controller(byob_branch), chunk, cx)?;
            }
            shared.reading.set(false);
            pull_again_if_asked(tee, cx)?;
            Ok(JsValue::undefined())
        },
        cx,
    )
}

pub(super) fn byte_byob_close(
    tee: &Gc<ByteTee>,
    branch: Branch,
    chunk: JsValue,
    cx: &mut Context,
) -> JsResult<()> {
    let shared = &tee.shared;
    shared.reading.set(false);
    let other_branch = other(branch);
    let byob_canceled = shared.canceled(branch);
    let other_canceled = shared.canceled(other_branch);
    if !byob_canceled {
        byte_controller::close(&tee.controller(branch), cx)?;
    }
    if !other_canceled {
        byte_controller::close(&tee.controller(other_branch), cx)?;
    }
    if !chunk.is_undefined() {
        if !byob_canceled {
            byte_controller::respond_with_new_view(&tee.controller(branch), &chunk, cx)?;
        }
        let other_controller = tee.controller(other_branch);
        if !other_canceled && other_controller.has_pending() {
            byte_controller::respond(&other_controller, 0, cx)?;
        }
    }
    if !byob_canceled || !other_canceled {
        shared.cancel_promise.resolve(JsValue::undefined(), cx)?;
    }
    Ok(())
}
