//! TODO: copyright family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "copyright",
    reason: Reason::Copyright,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
