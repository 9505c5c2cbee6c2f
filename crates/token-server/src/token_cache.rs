//! Verified tokens, kept in memory so a token sent again is not verified
//! again. Verifying a biscuit (one Ed25519 signature per block, the
//! protobuf decode) and the core's cost screen (each appended block printed
//! and parsed back) cost more than the rest of a request together, and
//! clients send the same token over and over.
//!
//! What is cached depends on the token's bytes alone: its signatures, its
//! authority block's revocation id, the screen's verdict. Nothing that can
//! change is: the revocation check (is the root still live?) and the whole
//! authorizer, with the request's time and its expiry checks, still run on
//! every request, so a deleted root or an expired token is refused at once.
//!
//! - Keyed by the SHA-256 of the token's text, so the cache never holds the
//!   token as text, and a hit means the very same bytes (a weak hash would
//!   let a forged token collide with a verified one).
//! - Bounded in bytes and entries: two generations; when the young one is
//!   full it becomes the old one and the previous old one is dropped, and a
//!   hit in the old one moves the entry back to the young one. What a
//!   stream of one-off tokens evicts is only speed, never a decision.
//! - Memory only: never written to disk, never logged (no `Debug` of a
//!   token).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use sha2::{Digest, Sha256};
use token_core::biscuit_auth::PublicKey;
use token_core::policy::{Denial, Screened};

/// A token whose signatures verified with the server key.
pub struct Verified {
    /// The authority block's revocation id (a root's, shared by every token
    /// attenuated from it).
    pub revocation_id: Vec<u8>,
    /// The token once screened, or why the screen refused it (which the
    /// authorization step answers with 403).
    pub screened: Result<Screened, Denial>,
}

impl std::fmt::Debug for Verified {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verified")
            .field("screened", &self.screened.is_ok())
            .finish_non_exhaustive()
    }
}

impl Verified {
    /// Verifies `token` with `key` ([`crate::auth::verify`]: `None` when it
    /// does not verify or has no revocation id), then screens it.
    pub fn check(token: &str, key: PublicKey) -> Option<Verified> {
        let (biscuit, revocation_id) = crate::auth::verify(token, key)?;
        Some(Verified {
            revocation_id,
            screened: Screened::new(biscuit),
        })
    }
}

type Key = [u8; 32];

/// One generation: entries and the token bytes they stand for.
#[derive(Default)]
struct Generation {
    entries: HashMap<Key, (Arc<Verified>, usize)>,
    bytes: usize,
}

impl Generation {
    fn insert(&mut self, key: Key, value: Arc<Verified>, size: usize) {
        if let Some((_, old)) = self.entries.insert(key, (value, size)) {
            self.bytes -= old;
        }
        self.bytes += size;
    }
}

#[derive(Default)]
struct Generations {
    young: Generation,
    old: Generation,
}

/// The cache (shared by every request; one short lock per request).
pub struct TokenCache {
    generations: Mutex<Generations>,
    /// Per generation: the cache holds at most twice these.
    max_entries: usize,
    max_bytes: usize,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("max_entries", &self.max_entries)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

impl TokenCache {
    /// A cache of at most `max_entries` tokens and about `max_bytes` of
    /// token text (the parsed form takes a small multiple of that); 0
    /// entries disables it.
    pub fn new(max_entries: usize, max_bytes: usize) -> TokenCache {
        TokenCache {
            generations: Mutex::default(),
            max_entries: max_entries / 2,
            max_bytes: max_bytes / 2,
        }
    }

    /// The verified form of `token`, from the cache or verified now (and
    /// then cached). `None` when it does not verify: failures are not
    /// cached, so garbage cannot push good tokens out.
    pub fn verify(&self, token: &str, key: PublicKey) -> Option<Arc<Verified>> {
        if self.max_entries == 0 {
            return Verified::check(token, key).map(Arc::new);
        }
        let hash: Key = Sha256::digest(token.as_bytes()).into();
        if let Some(hit) = self.get(&hash) {
            return Some(hit);
        }
        // Verified outside the lock: concurrent misses of one token both
        // verify, and the second insert replaces the first.
        let verified = Arc::new(Verified::check(token, key)?);
        self.insert(hash, verified.clone(), token.len());
        Some(verified)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        // The data stays consistent whatever panicked: keep serving.
        self.generations
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, hash: &Key) -> Option<Arc<Verified>> {
        let mut g = self.lock();
        if let Some((hit, _)) = g.young.entries.get(hash) {
            return Some(hit.clone());
        }
        let (hit, size) = g.old.entries.remove(hash)?;
        g.old.bytes -= size;
        self.insert_locked(&mut g, *hash, hit.clone(), size);
        Some(hit)
    }

    fn insert(&self, hash: Key, value: Arc<Verified>, size: usize) {
        let mut g = self.lock();
        self.insert_locked(&mut g, hash, value, size);
    }

    fn insert_locked(&self, g: &mut Generations, hash: Key, value: Arc<Verified>, size: usize) {
        if size > self.max_bytes {
            return;
        }
        if g.young.entries.len() >= self.max_entries || g.young.bytes + size > self.max_bytes {
            g.old = std::mem::take(&mut g.young);
        }
        g.young.insert(hash, value, size);
    }

    /// Entries and token bytes held (for tests).
    pub fn usage(&self) -> (usize, usize) {
        let g = self.lock();
        (
            g.young.entries.len() + g.old.entries.len(),
            g.young.bytes + g.old.bytes,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use token_core::biscuit_auth::{Biscuit, KeyPair};

    fn token(key: &KeyPair, n: usize) -> String {
        Biscuit::builder()
            .fact(format!("n({n})").as_str())
            .unwrap()
            .build(key)
            .unwrap()
            .to_base64()
            .unwrap()
    }

    #[test]
    fn a_hit_is_the_same_verified_token() {
        let key = KeyPair::new();
        let cache = TokenCache::new(100, 1 << 20);
        let t = token(&key, 1);
        let first = cache.verify(&t, key.public()).unwrap();
        let again = cache.verify(&t, key.public()).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(cache.usage().0, 1);
    }

    #[test]
    fn failures_are_not_cached() {
        let (key, other) = (KeyPair::new(), KeyPair::new());
        let cache = TokenCache::new(100, 1 << 20);
        assert!(cache.verify(&token(&other, 1), key.public()).is_none());
        assert!(cache.verify("not a token", key.public()).is_none());
        assert_eq!(cache.usage(), (0, 0));
    }

    #[test]
    fn bounded_in_entries_and_bytes() {
        let key = KeyPair::new();
        let cache = TokenCache::new(10, 1 << 20);
        for n in 0..100 {
            assert!(cache.verify(&token(&key, n), key.public()).is_some());
        }
        assert!(cache.usage().0 <= 10);
        let t = token(&key, 1000);
        let small = TokenCache::new(1000, 4 * t.len());
        for n in 0..100 {
            small.verify(&token(&key, n), key.public()).unwrap();
        }
        assert!(small.usage().1 <= 4 * t.len());
        // A token bigger than a generation is verified, never kept.
        let tiny = TokenCache::new(1000, t.len());
        assert!(tiny.verify(&t, key.public()).is_some());
        assert_eq!(tiny.usage(), (0, 0));
    }

    #[test]
    fn recently_used_tokens_survive_a_rotation() {
        let key = KeyPair::new();
        let cache = TokenCache::new(4, 1 << 20);
        let hot = token(&key, 0);
        let first = cache.verify(&hot, key.public()).unwrap();
        for n in 1..50 {
            cache.verify(&token(&key, n), key.public()).unwrap();
            let again = cache.verify(&hot, key.public()).unwrap();
            assert!(Arc::ptr_eq(&first, &again), "evicted after {n}");
        }
    }
}
