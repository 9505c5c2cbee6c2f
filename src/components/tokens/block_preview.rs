//! The block Generate will append, exactly as the core writes it, always
//! visible; or why there is none yet.

use leptos::prelude::*;

#[component]
pub fn BlockPreview(#[prop(into)] preview: Signal<Result<String, String>>) -> impl IntoView {
    view! {
        <section class="block-preview" aria-labelledby="block-preview-heading">
            <h3 id="block-preview-heading">"Block to append"</h3>
            {move || match preview.get() {
                Ok(source) => view! {
                    <pre class="code" aria-label="Datalog of the block to append"><code>{source}</code></pre>
                }
                .into_any(),
                Err(reason) => view! {
                    <p class="preview-empty" data-testid="preview-reason">
                        {reason}
                    </p>
                }
                .into_any(),
            }}
        </section>
    }
}
