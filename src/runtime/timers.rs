//! The timer queue behind `setTimeout`/`setInterval` (HTML §8.6 "Timers").
//!
//! Timers are kept ordered by (deadline, creation sequence), so timers due at
//! the same instant fire in the order they were created.

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
    },
    /// A timeout job that Boa (or a Boa extension) enqueued.
    BoaTimeout(TimeoutJob),
    /// An interval job that Boa (or a Boa extension) enqueued.
    BoaInterval(IntervalJob),
}

/// A timer taken off the queue to fire.
pub struct DueTimer {
    pub id: u32,
    pub repeat: Option<Duration>,
    pub callback: TimerCallback,
}

struct Entry {
    id: u32,
    repeat: Option<Duration>,
    callback: TimerCallback,
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
}

impl TimerQueue {
    pub fn len(&self) -> usize {
        self.by_deadline.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_deadline.is_empty()
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
        self.schedule(id, delay, repeat, callback);
        id
    }

    fn schedule(
        &mut self,
        id: u32,
        delay: Duration,
        repeat: Option<Duration>,
        callback: TimerCallback,
    ) {
        let key = (Instant::now() + delay, self.next_seq);
        self.next_seq += 1;
        self.by_deadline.insert(
            key,
            Entry {
                id,
                repeat,
                callback,
            },
        );
        self.live.insert(id, Some(key));
    }

    /// Puts an interval back after its callback ran, unless it was cleared.
    pub fn reschedule(&mut self, id: u32, period: Duration, callback: TimerCallback) {
        if matches!(self.live.get(&id), Some(None)) {
            self.schedule(id, period, Some(period), callback);
        }
    }

    /// Cancels a timer; unknown ids are ignored (HTML clearTimeout).
    pub fn clear(&mut self, id: u32) {
        if let Some(Some(key)) = self.live.remove(&id) {
            self.by_deadline.remove(&key);
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
        if entry.repeat.is_some() {
            self.live.insert(entry.id, None);
        } else {
            self.live.remove(&entry.id);
        }
        Some(DueTimer {
            id: entry.id,
            repeat: entry.repeat,
            callback: entry.callback,
        })
    }
}
