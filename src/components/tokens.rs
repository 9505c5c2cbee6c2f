//! Service-token pieces: the name field, and the attenuation panel with its
//! simple and advanced forms, the block preview and the generated result.
//! Every rule they apply comes from `token_core`.

pub mod advanced_form;
pub mod attenuation_model;
pub mod attenuation_panel;
pub mod block_preview;
pub mod generated_token;
pub mod name_field;
pub mod permission_grid;
pub mod permission_matrix;
pub mod root_inspection;
pub mod simple_form;
pub mod simulator;
pub mod token_lineage;
