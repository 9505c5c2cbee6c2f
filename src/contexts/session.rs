//! The user's session, kept like Hook0's dashboard keeps it: the login
//! response (access and refresh tokens, their expiry, the user) in
//! localStorage under `auth`, nothing else.
//!
//! The 5-minute access token is refreshed a minute before it runs out (and
//! right before a call if the tab slept through that). A refresh token is
//! good for one use, so concurrent callers share the one refresh in flight.
//! `AuthInvalidBiscuit` on any call, or a refresh the server refuses, ends
//! the session: the shell then sends the person to the login page, which
//! brings them back afterwards.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;

use crate::api::auth::{self, LoginResponse};
use crate::api::{ApiError, Client, Problem};
use crate::browser::{self, keys};

/// Shown on the login page when the session ended by itself.
pub const EXPIRED: &str = "Your session has expired. Please log in again.";

/// Refresh this long before the access token expires.
const REFRESH_MARGIN: chrono::Duration = chrono::Duration::seconds(60);

type InFlight = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

/// The session and what to say on the login page; `Copy`, so every closure
/// can hold it.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    current: RwSignal<Option<LoginResponse>>,
    notice: RwSignal<Option<String>>,
    refreshing: StoredValue<Option<InFlight>, LocalStorage>,
}

impl Session {
    /// Whether someone is logged in (reactive).
    pub fn is_logged_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// "First Last" or the e-mail (reactive).
    pub fn user_label(&self) -> Option<String> {
        self.current.with(|s| {
            s.as_ref().map(|s| {
                let name = format!("{} {}", s.first_name, s.last_name);
                if name.trim().is_empty() {
                    s.email.clone()
                } else {
                    name.trim().to_owned()
                }
            })
        })
    }

    /// The user id, so resources can refetch when the user changes.
    pub fn user_id(&self) -> Option<String> {
        self.current.with(|s| s.as_ref().map(|s| s.user_id.clone()))
    }

    /// The message the login page shows, taken once.
    pub fn take_notice(&self) -> Option<String> {
        let notice = self.notice.get_untracked();
        self.notice.set(None);
        notice
    }

    /// Starts a session from a login (or refresh) response.
    pub fn start(&self, response: LoginResponse) {
        if let Ok(json) = serde_json::to_string(&response) {
            browser::store(keys::AUTH, &json);
        }
        self.notice.set(None);
        self.current.set(Some(response));
    }

    /// Ends the session locally; `notice` is shown on the login page.
    pub fn end(&self, notice: Option<&str>) {
        browser::forget(keys::AUTH);
        self.refreshing.set_value(None);
        self.notice.set(notice.map(str::to_owned));
        self.current.set(None);
    }

    /// Logs out: tells the server (best effort), then ends the session.
    pub async fn logout(&self) {
        if let Some(token) = self.access_token() {
            let _ = auth::logout(&Client::with_token(&token)).await;
        }
        self.end(Some("You have been logged out."));
    }

    fn access_token(&self) -> Option<String> {
        self.current
            .with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
    }

    /// A client with a fresh access token.
    pub async fn client(&self) -> Result<Client, ApiError> {
        let expires = self
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.access_token_expiration))
            .ok_or_else(not_logged_in)?;
        if expires - REFRESH_MARGIN / 2 <= browser::now() {
            self.refresh().await?;
        }
        self.access_token()
            .map(|t| Client::with_token(&t))
            .ok_or_else(not_logged_in)
    }

    /// Runs an authenticated call; a dead session ends it (the shell then
    /// goes to the login page and comes back here afterwards).
    pub async fn run<T, F, Fut>(&self, call: F) -> Result<T, ApiError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let result = match self.client().await {
            Ok(client) => call(client).await,
            Err(e) => Err(e),
        };
        if let Err(e) = &result {
            if e.is_invalid_session() && self.is_logged_in_untracked() {
                self.end(Some(EXPIRED));
            }
        }
        result
    }

    fn is_logged_in_untracked(&self) -> bool {
        self.current.with_untracked(Option::is_some)
    }

    /// Takes the stored session if another tab has refreshed it (its
    /// refresh token differs from ours and is still good).
    fn adopt_newer(&self) -> bool {
        let Some(stored) = load(browser::now()) else {
            return false;
        };
        let ours = self
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()));
        if ours.as_deref() == Some(stored.refresh_token.as_str()) {
            return false;
        }
        self.current.set(Some(stored));
        true
    }

    /// Trades the refresh token for new tokens; one refresh at a time, the
    /// others wait for it. A refusal ends the session, unless another tab
    /// refreshed first (a refresh token is good for one use, and tabs share
    /// it through localStorage).
    pub async fn refresh(&self) -> Result<(), ApiError> {
        if let Some(in_flight) = self.refreshing.get_value() {
            return in_flight.await;
        }
        if self.adopt_newer() {
            return Ok(());
        }
        let Some(refresh_token) = self
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()))
        else {
            return Err(not_logged_in());
        };
        let this = *self;
        let task: InFlight = async move {
            let result = auth::refresh(&refresh_token).await;
            this.refreshing.set_value(None);
            match result {
                Ok(response) => {
                    this.start(response);
                    Ok(())
                }
                // No answer: keep the session, the next call tries again.
                Err(e @ ApiError::Unreachable { .. }) => Err(e),
                Err(e) => {
                    // Another tab may have used the token a moment earlier:
                    // give its answer a second to reach localStorage.
                    if this.adopt_newer() {
                        return Ok(());
                    }
                    sleep(Duration::from_secs(1)).await;
                    if this.adopt_newer() {
                        return Ok(());
                    }
                    this.end(Some(EXPIRED));
                    Err(e)
                }
            }
        }
        .boxed_local()
        .shared();
        self.refreshing.set_value(Some(task.clone()));
        task.await
    }
}

/// Waits without blocking (a browser timer).
async fn sleep(duration: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}

fn not_logged_in() -> ApiError {
    ApiError::Problem(Problem {
        id: "AuthNoAuthorizationHeader".to_owned(),
        title: "Not logged in".to_owned(),
        detail: Some("Log in to continue.".to_owned()),
        status: 401,
        validation: None,
    })
}

/// The stored session, unless its refresh token has run out too.
fn load(now: DateTime<Utc>) -> Option<LoginResponse> {
    let json = browser::load(keys::AUTH)?;
    let session: LoginResponse = serde_json::from_str(&json).ok()?;
    (session.refresh_token_expiration > now).then_some(session)
}

/// Provides the session, restored from localStorage, with its refresh timer
/// and the cross-tab sync (another tab logging in or out).
pub fn provide_session() -> Session {
    let now = browser::now();
    let had_stored = browser::load(keys::AUTH).is_some();
    let restored = load(now);
    if had_stored && restored.is_none() {
        browser::forget(keys::AUTH);
    }
    let session = Session {
        current: RwSignal::new(restored.clone()),
        notice: RwSignal::new((had_stored && restored.is_none()).then(|| EXPIRED.to_owned())),
        refreshing: StoredValue::new_local(None),
    };
    provide_context(session);

    // Refresh a minute before the access token expires. This effect only
    // talks to the outside world (a timer); it computes no state.
    let timer: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move || {
        let expires = session
            .current
            .with(|s| s.as_ref().map(|s| s.access_token_expiration));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        let Some(expires) = expires else { return };
        // Up to 20 s earlier, varying from tab to tab, so that two tabs
        // rarely spend the one-use refresh token at the same moment.
        let now = browser::now();
        let jitter = Duration::from_millis(u64::from(now.timestamp_subsec_micros() % 20_000));
        let wait = (expires - REFRESH_MARGIN - now)
            .to_std()
            .unwrap_or_default()
            .saturating_sub(jitter)
            .max(Duration::from_secs(5));
        let handle = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let _ = session.refresh().await;
                });
            },
            wait,
        );
        timer.set_value(handle.ok());
    });

    // Another tab logged in, refreshed or out: follow it.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(keys::AUTH) {
            let next = load(browser::now());
            if next.is_none() && session.is_logged_in_untracked() {
                session
                    .notice
                    .set(Some("You have been logged out.".to_owned()));
            }
            session.current.set(next);
        }
    });
    session
}

/// The session provided by [`provide_session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
