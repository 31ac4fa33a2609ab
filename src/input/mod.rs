//! What the user can ask for (actions) and the keys that ask for it (the keymap, as data).

pub mod action;
pub mod key;
pub mod keymap;

pub use action::Action;
pub use key::Key;
pub use keymap::Keymap;
