//! TODO: widget family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "widget",
    reason: Reason::Widget,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
