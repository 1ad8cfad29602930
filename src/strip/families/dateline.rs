//! TODO: dateline family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "dateline",
    reason: Reason::Dateline,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
