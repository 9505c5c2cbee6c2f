//! App-wide state, each piece with its `provide_*` function and a `use_*`
//! accessor: the session, the instance's configuration, the user's
//! organizations, and toasts.

pub mod instance;
pub mod organizations;
pub mod session;
pub mod toasts;
