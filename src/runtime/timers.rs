//! The timer queue behind `setTimeout`/`setInterval` (HTML §8.6 "Timers").
//!
//! Timers are kept ordered by (deadline, creation sequence), so timers due at
//! the same instant fire in the order they were created.
//!
//! A timer either keeps the event loop alive (`setTimeout`) or is *unref'd*:
//! it fires if the loop is still running for other reasons, but does not by
//! itself keep the loop alive (node's `timeout.unref()`; `AbortSignal.timeout`
//! uses it so that `AbortSignal.timeout(5000)` alone does not delay exit).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use boa_engine::JsValue;
use boa_engine::job::{IntervalJob, TimeoutJob};
use boa_engine::object::builtins::JsFunction;

/// What a timer runs when it fires.
pub enum TimerCallback {
    /// A JavaScript callback with the extra arguments given to `setTimeout`.
    Js {
        function: JsFunction,
        args: Vec<JsValue>,
        /// The async context when the timer was set, current while it runs.
        frame: super::async_context::AsyncFrame,
    },
    /// A timeout job that Boa (or a Boa extension) enqueued.
    BoaTimeout(TimeoutJob),
    /// An interval job that Boa (or a Boa extension) enqueued.
    BoaInterval(IntervalJob),
}

/// A timer taken off the queue to fire.
pub struct DueTimer {
    pub id: u32,
    /// The event-loop tag current when the timer was set.
    pub tag: u64,
    pub repeat: Option<Duration>,
    pub callback: TimerCallback,
}

struct Entry {
    id: u32,
    tag: u64,
    repeat: Option<Duration>,
    callback: TimerCallback,
    keep_alive: bool,
}

type Key = (Instant, u64);

#[derive(Default)]
pub struct TimerQueue {
    by_deadline: BTreeMap<Key, Entry>,
    /// Live timer ids. `None` while the timer's callback runs (an interval
    /// between firing and rescheduling), so that clearing it from inside its
    /// own callback stops it.
    live: HashMap<u32, Option<Key>>,
    last_id: u32,
    next_seq: u64,
    /// How many queued timers keep the loop alive.
    keeping_alive: usize,
    /// The tag given to timers inserted from now on (the event loop's
    /// current tag, see `event_loop.rs`).
    pub(crate) tag: u64,
}

impl TimerQueue {
    pub fn len(&self) -> usize {
        self.by_deadline.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_deadline.is_empty()
    }

    /// Whether a queued timer keeps the loop alive (unref'd ones do not).
    pub fn keeps_alive(&self) -> bool {
        self.keeping_alive > 0
    }

    /// The sequence number the next inserted timer gets; timers inserted
    /// from now on are not due in the current pass.
    pub fn next_sequence(&self) -> u64 {
        self.next_seq
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.by_deadline.keys().next().map(|(at, _)| *at)
    }

    /// Adds a timer firing after `delay` and returns its id (a positive
    /// integer, as HTML requires).
    pub fn insert(
        &mut self,
        delay: Duration,
        repeat: Option<Duration>,
        callback: TimerCallback,
    ) -> u32 {
        self.insert_with(delay, repeat, callback, true)
    }

    /// Adds a one-shot timer that does not keep the loop alive (see the
    /// module docs) and returns its id.
    pub fn insert_unref(&mut self, delay: Duration, callback: TimerCallback) -> u32 {
        self.insert_with(delay, None, callback, false)
    }

    fn insert_with(
        &mut self,
        delay: Duration,
        repeat: Option<Duration>,
        callback: TimerCallback,
        keep_alive: bool,
    ) -> u32 {
        // Ids wrap long before a process could hold 2^31 live timers; skip
        // zero and ids still in use.
        loop {
            self.last_id = if self.last_id >= i32::MAX as u32 {
                1
            } else {
                self.last_id + 1
            };
            if !self.live.contains_key(&self.last_id) {
                break;
            }
        }
        let id = self.last_id;
        self.schedule(id, delay, repeat, callback, keep_alive);
        id
    }

    fn schedule(
        &mut self,
        id: u32,
        delay: Duration,
        repeat: Option<Duration>,
        callback: TimerCallback,
        keep_alive: bool,
    ) {
        // A delay past what an Instant can hold (centuries) never fires.
        let now = Instant::now();
        let at = now
            .checked_add(delay)
            .unwrap_or_else(|| now + Duration::from_secs(u64::from(u32::MAX)));
        let key = (at, self.next_seq);
        self.next_seq += 1;
        self.by_deadline.insert(
            key,
            Entry {
                id,
                tag: self.tag,
                repeat,
                callback,
                keep_alive,
            },
        );
        self.keeping_alive += usize::from(keep_alive);
        self.live.insert(id, Some(key));
    }

    fn removed(&mut self, entry: &Entry) {
        self.keeping_alive -= usize::from(entry.keep_alive);
    }

    /// Puts an interval back after its callback ran, unless it was cleared.
    pub fn reschedule(&mut self, id: u32, period: Duration, callback: TimerCallback) {
        // Only `insert` makes intervals, and those keep the loop alive.
        if matches!(self.live.get(&id), Some(None)) {
            self.schedule(id, period, Some(period), callback, true);
        }
    }

    /// Cancels a timer; unknown ids are ignored (HTML clearTimeout).
    pub fn clear(&mut self, id: u32) {
        if let Some(Some(key)) = self.live.remove(&id)
            && let Some(entry) = self.by_deadline.remove(&key)
        {
            self.removed(&entry);
        }
    }

    /// Takes the earliest timer due at `now` that was created before
    /// `barrier`.
    pub fn pop_due(&mut self, now: Instant, barrier: u64) -> Option<DueTimer> {
        let key = self
            .by_deadline
            .keys()
            .take_while(|(at, _)| *at <= now)
            .find(|(_, seq)| *seq < barrier)
            .copied()?;
        let entry = self.by_deadline.remove(&key)?;
        self.removed(&entry);
        if entry.repeat.is_some() {
            self.live.insert(entry.id, None);
        } else {
            self.live.remove(&entry.id);
        }
        Some(DueTimer {
            id: entry.id,
            tag: entry.tag,
            repeat: entry.repeat,
            callback: entry.callback,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use boa_engine::job::NativeJob;

    fn noop() -> TimerCallback {
        TimerCallback::BoaTimeout(TimeoutJob::new(
            NativeJob::new(|_| Ok(JsValue::undefined())),
            0,
        ))
    }

    #[test]
    fn unref_timers_do_not_keep_alive() {
        let mut queue = TimerQueue::default();
        let unref = queue.insert_unref(Duration::ZERO, noop());
        assert!(!queue.is_empty());
        assert!(!queue.keeps_alive(), "an unref'd timer alone");
        let kept = queue.insert(Duration::from_secs(60), None, noop());
        assert!(queue.keeps_alive());
        queue.clear(kept);
        assert!(!queue.keeps_alive(), "the kept timer was cleared");
        let due = queue
            .pop_due(Instant::now(), queue.next_sequence())
            .expect("the unref'd timer is due");
        assert_eq!(due.id, unref);
        assert!(queue.is_empty());
        let kept = queue.insert(Duration::ZERO, None, noop());
        assert!(queue.keeps_alive());
        assert!(
            queue
                .pop_due(Instant::now(), queue.next_sequence())
                .is_some()
        );
        assert!(!queue.keeps_alive(), "a fired timer no longer counts");
        queue.clear(kept);
        assert!(!queue.keeps_alive());
    }
}
