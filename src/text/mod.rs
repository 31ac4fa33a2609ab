//! Text helpers shared by the loader, the search and the drawing code.

pub mod hyperlink;
pub mod kwic;
pub mod number;
pub mod sanitize;
pub mod wrap;
