//! The CPU clock of the calling thread (`CLOCK_THREAD_CPUTIME_ID`): time
//! the thread ran, not time that passed. `serve` gives each app instance a
//! thread of its own, so this is the instance's CPU time, counted as
//! Workers count a request's CPU limit: waiting (for a fetch, a timer, the
//! scheduler while other threads run) costs nothing.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// How stale [`recent_thread_cpu_time`] may be, in wall time.
const RECENT: Duration = Duration::from_millis(1);

thread_local! {
    /// The last reading of this thread's CPU clock, and when it was taken.
    static LAST: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
}

/// CPU time the calling thread has used so far. A system call (the kernel
/// has no vDSO path for thread clocks): about 1 µs, and perf showed three
/// of them per request at 5% of a hello request in `serve`.
#[inline]
pub fn thread_cpu_time() -> Duration {
    // glibc's clock_gettime, not rustix's: rustix first looks for the vDSO
    // in the auxiliary vector, which faults under valgrind (callgrind runs
    // of `serve`, bench/instructions.sh).
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    let now = if rc == 0 {
        Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
    } else {
        Duration::ZERO
    };
    LAST.with(|last| last.set(Some((Instant::now(), now))));
    now
}

/// A reading of the thread's CPU clock taken at most 1 ms of wall time ago
/// (read again when older): a lower bound of [`thread_cpu_time`], off by at
/// most 1 ms, for the baselines limits subtract from a later exact reading.
/// Starting from a lower bound can only make a limit act up to 1 ms early
/// in CPU time, never late.
pub fn recent_thread_cpu_time() -> Duration {
    match LAST.with(Cell::get) {
        Some((at, cpu)) if at.elapsed() <= RECENT => cpu,
        _ => thread_cpu_time(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_work_not_sleep() {
        let start = thread_cpu_time();
        std::thread::sleep(Duration::from_millis(50));
        let slept = thread_cpu_time() - start;
        assert!(slept < Duration::from_millis(25), "sleeping used {slept:?}");
        let start = thread_cpu_time();
        let mut x = 0u64;
        while thread_cpu_time() - start < Duration::from_millis(20) {
            x = x.wrapping_add(1);
        }
        assert!(x > 0);
    }

    #[test]
    fn a_recent_reading_is_a_lower_bound() {
        let exact = thread_cpu_time();
        let recent = recent_thread_cpu_time();
        assert!(recent <= thread_cpu_time());
        assert!(recent >= exact);
        std::thread::sleep(Duration::from_millis(3));
        // Stale by then: read again.
        let before = thread_cpu_time();
        std::thread::sleep(Duration::from_millis(3));
        assert!(recent_thread_cpu_time() >= before);
    }
}
