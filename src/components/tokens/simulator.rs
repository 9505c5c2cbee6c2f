//! The authorization simulator: a moment to decide at (a `datetime-local`
//! field, empty for now) and the permission grid at that moment. One
//! component for every place a grid appears (the inspector, the generated
//! token, the token being built), so each can show a token expire.
//!
//! The caller says how to decide; when it cannot (invalid Datalog, no key),
//! its sentence replaces the grid, which is hidden rather than left stale.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::attenuation_model::Permissions;
use super::permission_grid::{GridText, PermissionGrid};
use crate::browser;

/// The words of one simulator (ids and labels stay unique on a page that
/// shows two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulatorText {
    /// Prefix of the element ids.
    pub id: &'static str,
    /// The time field's label.
    pub time_label: &'static str,
    pub grid: GridText,
}

/// A token that exists: the inspected one, or the one Generate made.
pub const TOKEN: SimulatorText = SimulatorText {
    id: "permissions",
    time_label: "Decide the permissions at",
    grid: GridText {
        caption: "What the token may do",
        summary: "Permissions",
        explanation: "cell-explanation",
    },
};

/// The token the attenuation form would make, before Generate.
pub const LIVE: SimulatorText = SimulatorText {
    id: "live",
    time_label: "Simulate at",
    grid: GridText {
        caption: "What the token being built would do",
        summary: "Simulation",
        explanation: "live-cell-explanation",
    },
};

#[component]
pub fn Simulator(
    text: SimulatorText,
    /// The decisions at a moment (`None`: now), or why there are none.
    decide: impl Fn(Option<DateTime<Utc>>) -> Result<Permissions, String> + Send + Sync + 'static,
    /// The inputs changed and the grid has not caught up yet.
    #[prop(optional, into)]
    pending: Option<Signal<bool>>,
) -> impl IntoView {
    let when = RwSignal::new(String::new());
    let outcome = Memo::new(move |_| decide(when.with(|w| browser::parse_datetime_local(w))));
    // The grid keeps its last decisions while hidden, so it comes back as
    // it was (open, same cell chosen) once the inputs are valid again.
    let shown = Memo::new(move |last: Option<&Permissions>| {
        outcome.with(|o| match o {
            Ok(p) => p.clone(),
            Err(_) => last.cloned().unwrap_or_default(),
        })
    });
    let problem = move || outcome.with(|o| o.as_ref().err().cloned());
    let pending = move || pending.is_some_and(|p| p.get());
    let input_id = format!("{}-at", text.id);
    let help_id = format!("{}-at-help", text.id);
    view! {
        <div class="simulator" aria-busy=move || pending().to_string()>
            <div class="field">
                <label for=input_id.clone()>{text.time_label}</label>
                <input
                    id=input_id
                    type="datetime-local"
                    aria-describedby=help_id.clone()
                    prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))
                />
                <p id=help_id class="help">
                    "Empty: now. Choose a later moment to see the token expire."
                </p>
            </div>
            <p class="muted small" aria-live="polite">
                {move || pending().then_some("Updating the simulation…")}
            </p>
            {move || problem().map(|message| view! { <p class="alert alert-info">{message}</p> })}
            <div hidden=move || problem().is_some()>
                <PermissionGrid permissions=shown text=text.grid />
            </div>
        </div>
    }
}
