//! A modal dialog on the native `<dialog>` element: `showModal()` makes the
//! rest of the page inert (a real focus trap), moves focus into the dialog
//! (to the `autofocus` control if there is one), and turns Escape into a
//! `cancel` event, which closes it like Cancel does. Clicking the backdrop
//! closes it too.

use leptos::html;
use leptos::prelude::*;

use super::unique_id;

/// The dialog's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DialogVariant {
    #[default]
    Default,
    /// Destructive confirmation.
    Danger,
}

#[component]
pub fn Dialog(
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Escape, backdrop click, or the caller's own Cancel.
    #[prop(into)]
    on_close: Callback<()>,
    #[prop(optional)] variant: DialogVariant,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("dialog-title");
    let labelled_by = title_id.clone();
    // Where focus was before the dialog opened: it goes back there when the
    // dialog goes away (if that element is still on the page).
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(active_element());
    // Syncs with the DOM only: open the element as a modal once mounted.
    Effect::new(move || {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        // Leave the modal state first, or the page would still be inert.
        if let Some(dialog) = node.get_untracked() {
            dialog.close();
        }
        if let Some(el) = opener.get_value().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    });
    let class = match variant {
        DialogVariant::Default => "dialog",
        DialogVariant::Danger => "dialog dialog-danger",
    };
    view! {
        <dialog
            node_ref=node
            class=class
            aria-labelledby=labelled_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:click=move |ev| {
                let on_backdrop = event_target::<web_sys::Element>(&ev).tag_name() == "DIALOG";
                if on_backdrop {
                    on_close.run(());
                }
            }
        >
            <div class="dialog-body">
                <h2 id=title_id class="dialog-title">
                    {title}
                </h2>
                {children()}
            </div>
        </dialog>
    }
}

/// The focused element, if it is an HTML element.
fn active_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
