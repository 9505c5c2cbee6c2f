//! Answers of the two lookups every API request makes before its own query,
//! kept in memory: which live service token a revocation id belongs to,
//! and which organization a live application belongs to. Each saves a trip
//! to the blocking pool (a thread hand-off each way) per request.
//!
//! Correctness rests on invalidation, not on time:
//!
//! - the routes that change an answer (deleting a service token; renaming
//!   or deleting an application) call [`LiveCache::invalidate`] once their
//!   write has committed, which forgets every entry;
//! - a lookup notes the [`LiveCache::generation`] *before* its query and
//!   stores its answer under it, so an answer read before a concurrent
//!   invalidation is never served after it;
//! - only live answers are kept ("no such token" is asked again), and for
//!   revocation only service tokens: session tokens expire and are consumed
//!   by paths this cache does not see.
//!
//! The README's rule, one process per database file, is what makes
//! in-process invalidation enough; entries also expire after [`TTL`], so a
//! change made behind the server's back (a second process, a manual
//! `sqlite3` edit) shows within a second anyway. Bounded: when full, the
//! cache starts over.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::db::applications::Application;
use crate::db::revocation::LiveToken;

/// How long an entry is trusted without an invalidation.
pub const TTL: Duration = Duration::from_secs(1);

/// Entries per cache before it starts over.
const MAX_ENTRIES: usize = 10_000;

/// One cache: `K` → `V`, with a generation.
#[derive(Debug)]
pub struct LiveCache<K, V> {
    generation: AtomicU64,
    entries: Mutex<HashMap<K, (V, u64, Instant)>>,
}

impl<K, V> Default for LiveCache<K, V> {
    fn default() -> Self {
        LiveCache {
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> LiveCache<K, V> {
    /// The generation to pass to [`LiveCache::insert`]: read it before the
    /// query whose answer will be stored.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// A fresh answer, if one is held.
    pub fn get(&self, key: &K) -> Option<V> {
        let generation = self.generation();
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let (value, stored, at) = entries.get(key)?;
        (*stored == generation && at.elapsed() < TTL).then(|| value.clone())
    }

    /// Stores an answer read from the database after [`generation`]
    /// returned `generation` (a stale one is dropped).
    ///
    /// [`generation`]: LiveCache::generation
    pub fn insert(&self, key: K, value: V, generation: u64) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if generation != self.generation() {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (value, generation, Instant::now()));
    }

    /// Forgets every answer: call after a committed write that may change one.
    pub fn invalidate(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::SeqCst);
        entries.clear();
    }
}

/// Both caches.
#[derive(Debug, Default)]
pub struct LiveCaches {
    /// Revocation id → live service token.
    pub service_tokens: LiveCache<Vec<u8>, LiveToken>,
    /// Application id → live application.
    pub applications: LiveCache<Uuid, Application>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_read_before_an_invalidation_is_never_served() {
        let cache: LiveCache<u8, u8> = LiveCache::default();
        let before = cache.generation();
        cache.insert(1, 10, before);
        assert_eq!(cache.get(&1), Some(10));
        cache.invalidate();
        assert_eq!(cache.get(&1), None);
        // A lookup that started before the invalidation finishes after it.
        cache.insert(1, 10, before);
        assert_eq!(cache.get(&1), None);
        cache.insert(1, 11, cache.generation());
        assert_eq!(cache.get(&1), Some(11));
    }

    #[test]
    fn bounded() {
        let cache: LiveCache<usize, ()> = LiveCache::default();
        for i in 0..3 * MAX_ENTRIES {
            cache.insert(i, (), cache.generation());
        }
        let held = cache
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        assert!(held <= MAX_ENTRIES);
    }
}
