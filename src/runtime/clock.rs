//! The CPU clock of the calling thread (`CLOCK_THREAD_CPUTIME_ID`): time
//! the thread ran, not time that passed. `serve` gives each app instance a
//! thread of its own, so this is the instance's CPU time, counted as
//! Workers count a request's CPU limit: waiting (for a fetch, a timer, the
//! scheduler while other threads run) costs nothing.

use std::time::Duration;

/// CPU time the calling thread has used so far.
#[inline]
pub fn thread_cpu_time() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
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
}
