//! A counting allocator: the net bytes (allocated minus freed) of each
//! thread, kept in a thread-local `Cell` (no atomics, no locks).
//!
//! The server measures an app's memory as the growth of this counter while
//! the app's JavaScript runs (`server::app`): a thread runs one thing at a
//! time, so the difference across a run is what that run allocated and did
//! not free. Per-app *live* totals cannot be kept this way: boa_gc's heap
//! is per thread, shared by every context on it, so a collection started by
//! one app frees the garbage of the others. Growth per request is what is
//! measured instead (see `server::app` for what that covers).
//!
//! The binary installs it (`#[global_allocator]` in `main.rs`); without it
//! (unit tests of the library) the counter stays at zero and no memory
//! limit trips.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // `const` and no destructor: usable from the allocator at any point of
    // the thread's life, including its teardown.
    static NET: Cell<i64> = const { Cell::new(0) };
}

/// `System` plus the per-thread count.
pub struct CountingAlloc;

#[inline]
fn add(bytes: i64) {
    // `try_with` cannot fail for a const, destructor-less key; it keeps the
    // allocator panic-free anyway.
    let _ = NET.try_with(|net| net.set(net.get().wrapping_add(bytes)));
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; the counting touches no allocated memory.
unsafe impl GlobalAlloc for CountingAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size() as i64);
        }
        ptr
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            add(layout.size() as i64);
        }
        ptr
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        add(-(layout.size() as i64));
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            add(new_size as i64 - layout.size() as i64);
        }
        new
    }
}

/// Net bytes allocated on this thread so far (only differences mean
/// anything: memory moves between threads).
#[inline]
pub fn thread_net_bytes() -> i64 {
    NET.try_with(Cell::get).unwrap_or(0)
}
