//! Politeness per host: at most `per_host` requests to one host at a time,
//! and at least `delay` between the starts of two requests to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// One host's gate.
#[derive(Debug)]
struct Host {
    permits: Arc<Semaphore>,
    /// The earliest start of the next request.
    next_start: Mutex<Instant>,
}

/// The gates of every host met so far (one small entry per host).
#[derive(Debug)]
pub struct Hosts {
    per_host: usize,
    delay: Duration,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

/// Leave to send one request to a host; dropping it frees the slot.
#[derive(Debug)]
pub struct HostPermit {
    _permit: Option<OwnedSemaphorePermit>,
}

impl Hosts {
    /// Gates letting `per_host` requests (at least one) at a time to a host, `delay` apart.
    pub fn new(per_host: usize, delay: Duration) -> Self {
        Hosts {
            per_host: per_host.max(1),
            delay,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a slot at `host` and for its turn after the delay.
    pub async fn acquire(&self, host: &str) -> HostPermit {
        let gate = {
            let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(hosts.entry(host.to_ascii_lowercase()).or_insert_with(|| {
                Arc::new(Host {
                    permits: Arc::new(Semaphore::new(self.per_host)),
                    next_start: Mutex::new(Instant::now()),
                })
            }))
        };
        // The semaphore is never closed, so acquiring cannot fail; were it
        // closed, going on without a permit is the only sane course.
        let permit = Arc::clone(&gate.permits).acquire_owned().await.ok();
        let start = {
            let mut next = gate
                .next_start
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let start = (*next).max(Instant::now());
            *next = start + self.delay;
            start
        };
        tokio::time::sleep_until(start).await;
        HostPermit { _permit: permit }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_to_one_host_are_spaced_and_limited() {
        let hosts = Hosts::new(1, Duration::from_millis(100));
        let started = Instant::now();
        let first = hosts.acquire("a.example").await;
        let other = hosts.acquire("b.example").await;
        assert!(started.elapsed() < Duration::from_millis(10));
        drop((first, other));
        let _second = hosts.acquire("A.example").await;
        assert!(started.elapsed() >= Duration::from_millis(100));
    }
}
