//! TODO: advert family.

use super::Family;
use crate::strip::Reason;

/// The family table.
pub static FAMILY: Family = Family {
    name: "advert",
    reason: Reason::Advert,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
