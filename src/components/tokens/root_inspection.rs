//! What the root token says, decoded in the browser by the core: whether
//! this instance's key signed it, a plain-language summary, and its blocks
//! (what Hook0's "Token Preview" shows, here without a click). The reading
//! and its signature line and blocks also serve the `/inspect` page.

use leptos::prelude::*;
use token_core::biscuit_auth::PublicKey;
use token_core::inspect::{inspect, BlockInfo, Inspection};
use token_core::token::Token;

use crate::contexts::instance::use_instance;

/// A token as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub inspection: Inspection,
    /// `Ok` with a sentence when verified, `Err` with why not.
    pub signature: Result<String, String>,
}

/// Decodes `text`, checking its signature with `key` when there is one. A
/// signature that does not match still decodes: the reading says so.
pub fn read(text: &str, key: Option<PublicKey>) -> Result<Reading, String> {
    let (token, signature) = match Token::parse(text, key.as_ref()) {
        Ok(t) if key.is_some() => (t, Ok("Signed by this instance's key.".to_owned())),
        Ok(t) => (
            t,
            Err(
                "The instance's public key is unavailable: the signature was not checked."
                    .to_owned(),
            ),
        ),
        Err(e) => (
            Token::parse(text, None).map_err(|e| e.to_string())?,
            Err(e.to_string()),
        ),
    };
    let inspection = inspect(&token).map_err(|e| e.to_string())?;
    Ok(Reading {
        inspection,
        signature,
    })
}

/// Whether the signature was checked: a quiet line when it was, a warning
/// when it was not (or did not match).
#[component]
pub fn SignatureLine(signature: Result<String, String>) -> impl IntoView {
    match signature {
        Ok(text) => view! { <p class="muted small">{text}</p> }.into_any(),
        Err(text) => view! {
            <p class="alert alert-warning" role="alert">
                {text}
            </p>
        }
        .into_any(),
    }
}

/// The token's blocks as Datalog, in a disclosure (`open` or not at first).
#[component]
pub fn DecodedBlocks(blocks: Vec<BlockInfo>, #[prop(optional)] open: bool) -> impl IntoView {
    view! {
        <details class="decoded" open=open>
            <summary>"Decoded blocks"</summary>
            {blocks
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
}

#[component]
pub fn RootInspection(#[prop(into)] root: Signal<String>) -> impl IntoView {
    let instance = use_instance();
    let decoded = Memo::new(move |_| {
        let key = instance.and_then(|i| i.public_key()).and_then(Result::ok);
        root.with(|r| read(r, key))
    });
    move || match decoded.get() {
        Err(message) => view! {
            <p class="alert alert-danger" role="alert">
                {message}
            </p>
        }
        .into_any(),
        Ok(Reading {
            inspection,
            signature,
        }) => {
            let summary = inspection.summary(|_| None);
            view! {
                <p class="summary">
                    <strong>"What it can do: "</strong>
                    {summary}
                </p>
                <SignatureLine signature />
                <DecodedBlocks blocks=inspection.blocks />
            }
            .into_any()
        }
    }
}
