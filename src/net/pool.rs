//! Idle keep-alive connections, per origin (RFC 9112 §9.3).
//!
//! Idle connections are plain sockets, not tasks: nothing polls them, so
//! they never keep the event loop alive. A connection is checked for a
//! close by the peer when it is taken out.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::connect::{Origin, Stream};

struct Idle {
    stream: Stream,
    since: Instant,
}

/// The idle pool shared by the clones of one client (one thread).
#[derive(Clone)]
pub struct Pool {
    inner: Rc<RefCell<PoolInner>>,
}

struct PoolInner {
    idle: HashMap<Origin, Vec<Idle>>,
    max_per_origin: usize,
    idle_timeout: Duration,
}

impl Pool {
    pub fn new(max_per_origin: usize, idle_timeout: Duration) -> Pool {
        Pool {
            inner: Rc::new(RefCell::new(PoolInner {
                idle: HashMap::new(),
                max_per_origin,
                idle_timeout,
            })),
        }
    }

    /// Takes the most recently used live connection to `origin`, if any.
    pub fn take(&self, origin: &Origin) -> Option<Stream> {
        let mut inner = self.inner.borrow_mut();
        let timeout = inner.idle_timeout;
        let list = inner.idle.get_mut(origin)?;
        while let Some(mut idle) = list.pop() {
            if idle.since.elapsed() < timeout && idle.stream.is_reusable() {
                return Some(idle.stream);
            }
        }
        None
    }

    /// Returns a connection whose last exchange ended cleanly.
    pub fn put(&self, origin: Origin, stream: Stream) {
        let mut inner = self.inner.borrow_mut();
        let max = inner.max_per_origin;
        let list = inner.idle.entry(origin).or_default();
        if list.len() >= max {
            // Drop the oldest: the newest is the likeliest to still be open.
            list.remove(0);
        }
        list.push(Idle {
            stream,
            since: Instant::now(),
        });
    }

    /// How many idle connections are held (for tests and diagnostics).
    pub fn idle_count(&self) -> usize {
        self.inner.borrow().idle.values().map(Vec::len).sum()
    }
}
