//! Input order with bounded memory: workers may only start an input that lies
//! within a window of the next one to be written, and only while the results
//! held for their turn stay under a byte budget; the writer holds the results
//! that arrive early until their turn comes.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The gate workers pass before starting an input.
///
/// A worker with input `index` waits while `index >= next + size`, or while
/// the held results exceed `max_held_bytes` and `index` is not `next` — where
/// `next` is the first input not yet written. The input `next` itself is
/// always in a worker's hands (inputs are handed out in order) and never
/// waits, so the run never deadlocks; at most `size` results wait for their
/// turn, and their bytes exceed the budget by at most one result per worker.
#[derive(Debug)]
pub(crate) struct Window {
    state: Mutex<WindowState>,
    moved: Condvar,
    size: usize,
    max_held_bytes: usize,
}

#[derive(Debug)]
struct WindowState {
    next: usize,
    held_bytes: usize,
    aborted: bool,
}

impl Window {
    /// A window of `size` inputs (at least one) and a budget of held bytes.
    pub(crate) fn new(size: usize, max_held_bytes: usize) -> Self {
        Window {
            state: Mutex::new(WindowState {
                next: 0,
                held_bytes: 0,
                aborted: false,
            }),
            moved: Condvar::new(),
            size: size.max(1),
            max_held_bytes,
        }
    }

    /// Waits until input `index` may start; `false` when the run was aborted.
    pub(crate) fn enter(&self, index: usize) -> bool {
        let mut state = self.lock();
        while !state.aborted
            && (index >= state.next.saturating_add(self.size)
                || (index != state.next && state.held_bytes > self.max_held_bytes))
        {
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.aborted
    }

    /// Records that every input before `next` has been written, and how many
    /// bytes of results wait for their turn.
    pub(crate) fn advance(&self, next: usize, held_bytes: usize) {
        let mut state = self.lock();
        state.next = next;
        state.held_bytes = held_bytes;
        drop(state);
        self.moved.notify_all();
    }

    /// Releases every waiting worker for good: the writer has stopped.
    pub(crate) fn abort(&self) {
        self.lock().aborted = true;
        self.moved.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, WindowState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Results that arrived before their turn, released in input order.
#[derive(Debug)]
pub(crate) struct Reorder<T> {
    next: usize,
    pending: BTreeMap<usize, T>,
}

impl<T> Reorder<T> {
    /// An empty buffer waiting for input 0.
    pub(crate) fn new() -> Self {
        Reorder {
            next: 0,
            pending: BTreeMap::new(),
        }
    }

    /// Holds the result of input `index`.
    pub(crate) fn push(&mut self, index: usize, item: T) {
        self.pending.insert(index, item);
    }

    /// The next result in input order, if it has arrived.
    pub(crate) fn pop_ready(&mut self) -> Option<T> {
        let item = self.pending.remove(&self.next)?;
        self.next += 1;
        Some(item)
    }

    /// The first input not yet released.
    pub(crate) fn next(&self) -> usize {
        self.next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn reorder_releases_in_input_order() {
        let mut r = Reorder::new();
        r.push(2, 'c');
        r.push(1, 'b');
        assert_eq!(r.pop_ready(), None);
        r.push(0, 'a');
        let got: Vec<char> = std::iter::from_fn(|| r.pop_ready()).collect();
        assert_eq!(got, ['a', 'b', 'c']);
        assert_eq!(r.next(), 3);
    }

    #[test]
    fn window_holds_workers_until_the_writer_moves() {
        let window = Arc::new(Window::new(2, 100));
        assert!(window.enter(0));
        assert!(window.enter(1));
        let w = Arc::clone(&window);
        let waiter = std::thread::spawn(move || w.enter(2));
        window.advance(1, 0);
        assert!(waiter.join().expect("no panic"));
        // Over the byte budget only the next input may start.
        window.advance(2, 101);
        assert!(window.enter(2));
        let w = Arc::clone(&window);
        let waiter = std::thread::spawn(move || w.enter(3));
        window.advance(3, 0);
        assert!(waiter.join().expect("no panic"));
        let w = Arc::clone(&window);
        let waiter = std::thread::spawn(move || w.enter(10));
        window.abort();
        assert!(!waiter.join().expect("no panic"));
    }
}
