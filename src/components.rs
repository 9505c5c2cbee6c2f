//! Small view pieces that take typed props; pages compose them.

pub mod catalogue_table;
