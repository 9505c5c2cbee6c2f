//! What the root token says, decoded in the browser by the core: whether
//! this instance's key signed it, a plain-language summary, and its blocks
//! (what Hook0's "Token Preview" shows, here without a click).

use leptos::prelude::*;
use token_core::inspect::inspect;
use token_core::token::Token;

use crate::contexts::instance::use_instance;

#[component]
pub fn RootInspection(#[prop(into)] root: Signal<String>) -> impl IntoView {
    let instance = use_instance();
    let decoded =
        Memo::new(move |_| {
            let key = instance.and_then(|i| i.public_key()).and_then(Result::ok);
            root.with(|r| {
                let verified = Token::parse(r, key.as_ref());
                // A signature that does not match still decodes: say so, show it.
                let (token, signature) = match (verified, key) {
                (Ok(t), Some(_)) => (Ok(t), Ok("Signed by this instance's key.".to_owned())),
                (Ok(t), None) => (
                    Ok(t),
                    Err("The instance's public key is unavailable: the signature was not checked."
                        .to_owned()),
                ),
                (Err(e), _) => (Token::parse(r, None), Err(e.to_string())),
            };
                let inspection = token.and_then(|t| inspect(&t)).map_err(|e| e.to_string())?;
                Ok::<_, String>((inspection, signature))
            })
        });
    move || match decoded.get() {
        Err(message) => view! {
            <p class="alert alert-danger" role="alert">
                {message}
            </p>
        }
        .into_any(),
        Ok((inspection, signature)) => {
            let summary = inspection.summary(|_| None);
            let signature_view = match signature {
                Ok(text) => view! { <p class="muted small">{text}</p> }.into_any(),
                Err(text) => view! {
                    <p class="alert alert-warning" role="alert">
                        {text}
                    </p>
                }
                .into_any(),
            };
            view! {
                <p class="summary">
                    <strong>"What it can do: "</strong>
                    {summary}
                </p>
                {signature_view}
                <details class="decoded">
                    <summary>"Decoded blocks"</summary>
                    {inspection
                        .blocks
                        .into_iter()
                        .map(|b| {
                            view! {
                                <p class="decoded-block-title">{format!("Block {}", b.index)}</p>
                                <pre class="code">
                                    <code>{b.source}</code>
                                </pre>
                            }
                        })
                        .collect_view()}
                </details>
            }
            .into_any()
        }
    }
}
