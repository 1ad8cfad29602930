//! TODO: navigation family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "navigation",
    reason: Reason::Navigation,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
