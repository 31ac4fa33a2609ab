//! Plain data types of a loaded dataset. No I/O here: `crate::load` builds these.

pub mod compare;
mod dataset;
mod date;
mod event;

pub use dataset::{Dataset, Era, LoadWarning, Source, Theme};
pub use date::{Certainty, Date, DateError, Precision};
pub use event::{Claim, Event, EventKind, Fact, FactKind, Figure, Quote};
