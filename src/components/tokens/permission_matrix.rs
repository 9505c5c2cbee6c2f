//! The permission matrix (Stripe-style): one row per Hook0 resource, a radio
//! group none / read / write per row. It has no state of its own: it shows
//! the draft's action allowlist read back through `Matrix::from_actions`,
//! and a choice writes the compiled allowlist (`Matrix::actions`) back. When
//! the allowlist is not a matrix (ingest-only, a hand-picked action) it says
//! so in words, and a choice starts again from an empty matrix.

use leptos::prelude::*;
use token_core::catalogue::Resource;
use token_core::matrix::{rows, Level, Matrix, NotAMatrix};

use super::attenuation_model::Draft;

/// The matrix an allowlist shows: every row at write when nothing is
/// restricted.
pub fn matrix_of(actions: Option<&[String]>) -> Result<Matrix, NotAMatrix> {
    match actions {
        None => Ok(Matrix::all(Level::Write)),
        Some(list) => Matrix::from_actions(list),
    }
}

/// A stable id fragment for a resource row.
fn row_key(resource: Resource) -> String {
    resource
        .label()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

#[component]
pub fn PermissionMatrix(draft: Draft) -> impl IntoView {
    let matrix = Memo::new(move |_| draft.actions.with(|a| matrix_of(a.as_deref())));
    let choose = move |resource: Resource, level: Level| {
        let mut m = matrix.get_untracked().unwrap_or_default();
        m.set(resource, level);
        draft.actions.set(Some(m.actions()));
    };
    view! {
        <div class="matrix">
            <p class="help" aria-live="polite">
                {move || match matrix.get() {
                    Ok(_) => String::new(),
                    Err(e) => format!("This allowlist cannot be shown as a matrix: {e}."),
                }}
            </p>
            <table class="matrix-table">
                <caption class="visually-hidden">"Permission matrix"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Resource"</th>
                        {Level::ALL
                            .into_iter()
                            .map(|l| view! { <th scope="col">{l.label()}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows()
                        .map(|resource| {
                            let group = format!("matrix-{}", row_key(resource));
                            view! {
                                <tr role="radiogroup" aria-label=resource.label()>
                                    <th scope="row">{resource.label()}</th>
                                    {Level::ALL
                                        .into_iter()
                                        .map(|level| {
                                            let name = group.clone();
                                            view! {
                                                <td>
                                                    <input
                                                        type="radio"
                                                        name=name
                                                        aria-label=format!(
                                                            "{}: {}",
                                                            resource.label(),
                                                            level.label().to_lowercase(),
                                                        )
                                                        prop:checked=move || {
                                                            matrix
                                                                .with(|m| {
                                                                    m.as_ref().is_ok_and(|m| m.level(resource) == level)
                                                                })
                                                        }
                                                        on:change=move |_| choose(resource, level)
                                                    />
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use token_core::catalogue::READ_ONLY_ACTIONS;
    use token_core::presets::INGEST_ONLY_ACTIONS;

    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn unrestricted_is_all_write_and_presets_read_back() {
        assert_eq!(matrix_of(None), Ok(Matrix::all(Level::Write)));
        assert_eq!(
            matrix_of(Some(&names(&READ_ONLY_ACTIONS))),
            Ok(Matrix::read_only())
        );
        assert!(matrix_of(Some(&names(&INGEST_ONLY_ACTIONS))).is_err());
    }

    #[test]
    fn row_keys_are_id_safe() {
        assert_eq!(row_key(Resource::EventType), "event-type");
    }
}
