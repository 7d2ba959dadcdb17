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
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    // `const` and no destructor: usable from the allocator at any point of
    // the thread's life, including its teardown.
    static NET: Cell<i64> = const { Cell::new(0) };
    /// The hard cap of this thread's net bytes ([`set_thread_cap`]).
    static CAP: Cell<i64> = const { Cell::new(i64::MAX) };
    /// Raised (and never lowered) when the thread reached its cap.
    static CAP_FLAG: Cell<*const AtomicBool> = const { Cell::new(std::ptr::null()) };
}

/// Gives the calling thread a hard cap: an allocation that would take its
/// net bytes past `cap` never returns. The thread raises `flag` and sleeps
/// for good, before the memory is taken, so its memory stays bounded and
/// its CPU is free; whoever watches `flag` (the server's watchdog)
/// abandons it. An allocation cannot fail instead: Rust aborts the whole
/// process on a failed allocation, and a global allocator may not unwind.
///
/// For threads that run one app instance and nothing shared: a thread that
/// stops here keeps whatever locks it holds.
///
/// `flag` must outlive the thread (leaked, or owned by something that
/// does); [`clear_thread_cap`] before it is dropped otherwise.
pub fn set_thread_cap(cap: i64, flag: &'static AtomicBool) {
    CAP.with(|c| c.set(cap));
    CAP_FLAG.with(|f| f.set(flag as *const AtomicBool));
}

/// Removes the calling thread's cap.
pub fn clear_thread_cap() {
    CAP.with(|c| c.set(i64::MAX));
    CAP_FLAG.with(|f| f.set(std::ptr::null()));
}

/// Moves `bytes` into (positive) or out of (negative) the calling thread's
/// count without allocating: memory handed to another thread, which will
/// free it there (a response body), or taken over from one (a request
/// body, freed here), so that the count stays this thread's own.
pub fn transfer(bytes: i64) {
    add(bytes);
}

/// Blocks the thread for good if `bytes` more would pass its cap.
#[inline]
fn check_cap(bytes: usize) {
    let over = NET
        .try_with(|net| CAP.try_with(|cap| net.get().saturating_add(bytes as i64) > cap.get()))
        .ok()
        .and_then(Result::ok)
        .unwrap_or(false);
    if over {
        stop_thread();
    }
}

#[cold]
fn stop_thread() -> ! {
    let flag = CAP_FLAG.try_with(Cell::get).unwrap_or(std::ptr::null());
    // SAFETY: `set_thread_cap`'s contract: the flag outlives the thread.
    if let Some(flag) = unsafe { flag.as_ref() } {
        flag.store(true, Ordering::Release);
    }
    // `sleep` is nanosleep: it allocates nothing, so it cannot come back
    // here.
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
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
        check_cap(layout.size());
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size() as i64);
        }
        ptr
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check_cap(layout.size());
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
        check_cap(new_size.saturating_sub(layout.size()));
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
