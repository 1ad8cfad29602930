//! TODO: credit family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "credit",
    reason: Reason::Credit,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
