//! Shared widgets and styles: the header and status lines, the boxes drawn over any screen
//! (help, problems, pickers, the match list), the loading screen, search highlights. They
//! draw from the shared state only and import no screen.

pub mod export_box;
pub mod header;
pub mod help;
pub mod loading;
pub mod marks;
pub mod matches;
pub mod picker;
pub mod status;
pub mod style;
