//! Short messages after an action ("Service token created."), announced to
//! screen readers through a live region, gone after a few seconds.

use std::time::Duration;

use leptos::prelude::*;

/// How a toast looks and how urgently it is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub title: String,
    pub body: String,
}

/// The toasts on screen; cheap to copy into any closure.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    /// The toasts currently shown.
    pub fn list(&self) -> Signal<Vec<Toast>> {
        self.list.into()
    }

    pub fn success(&self, title: &str, body: &str) {
        self.push(ToastKind::Success, title, body, Duration::from_secs(5));
    }

    pub fn error(&self, title: &str, body: &str) {
        self.push(ToastKind::Error, title, body, Duration::from_secs(8));
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }

    fn push(&self, kind: ToastKind, title: &str, body: &str, lasts: Duration) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                title: title.to_owned(),
                body: body.to_owned(),
            })
        });
        let this = *self;
        set_timeout(move || this.dismiss(id), lasts);
    }
}

pub fn provide_toasts() {
    provide_context(Toasts {
        list: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(0),
    });
}

/// The toasts; a detached instance if none was provided (never panics).
pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(|| Toasts {
        list: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(0),
    })
}
