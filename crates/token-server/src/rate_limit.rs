//! Rate limits (governor's GCRA, in memory): per client IP on login and
//! register, per root-token revocation id on API calls, so every token
//! attenuated from one root shares its bucket. A limit of 0 disables one.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// Both limiters.
#[derive(Debug, Default)]
pub struct RateLimits {
    auth: Option<DefaultKeyedRateLimiter<IpAddr>>,
    api: Option<DefaultKeyedRateLimiter<Vec<u8>>>,
}

impl RateLimits {
    /// `auth_per_minute` per IP; `api_per_second` per root token. Bursts
    /// equal the per-period figure, so a quiet client can spend a whole
    /// period's allowance at once.
    pub fn new(auth_per_minute: u32, api_per_second: u32) -> Self {
        RateLimits {
            auth: NonZeroU32::new(auth_per_minute)
                .map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            api: NonZeroU32::new(api_per_second).map(|n| RateLimiter::keyed(Quota::per_second(n))),
        }
    }

    /// One login or register attempt from `ip`.
    pub fn check_auth(&self, ip: IpAddr) -> Result<(), ApiError> {
        match &self.auth {
            Some(limiter) => limiter.check_key(&ip).map_err(refused),
            None => Ok(()),
        }
    }

    /// One API call by a token whose authority block has this revocation id.
    pub fn check_api(&self, revocation_id: &[u8]) -> Result<(), ApiError> {
        match &self.api {
            // check_key wants an owned key: the copy is 64 bytes.
            Some(limiter) => limiter.check_key(&revocation_id.to_vec()).map_err(refused),
            None => Ok(()),
        }
    }

    /// Forgets keys whose buckets are full again, so memory stays bounded.
    pub fn sweep(&self) {
        if let Some(l) = &self.auth {
            l.retain_recent();
        }
        if let Some(l) = &self.api {
            l.retain_recent();
        }
    }
}

fn refused(not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> ApiError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    ApiError::RateLimited {
        // Round up: "retry after 0 s" would invite an immediate retry.
        retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_attempt_in_a_minute_is_refused_with_a_wait() {
        let limits = RateLimits::new(2, 0);
        let ip = IpAddr::from([127, 0, 0, 1]);
        assert!(limits.check_auth(ip).is_ok());
        assert!(limits.check_auth(ip).is_ok());
        match limits.check_auth(ip) {
            Err(ApiError::RateLimited { retry_after_secs }) => {
                assert!((1..=60).contains(&retry_after_secs))
            }
            other => panic!("expected RateLimited, got {other:?}"),
        }
        // Other IPs and the API are unaffected; 0 disables the API limit.
        assert!(limits.check_auth(IpAddr::from([10, 0, 0, 1])).is_ok());
        assert!((0..100).all(|_| limits.check_api(b"root").is_ok()));
    }
}
