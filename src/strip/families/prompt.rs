//! TODO: share / subscribe / cookie prompt families.

use super::Family;
use crate::strip::Reason;

/// Share prompts.
pub static SHARE: Family = Family {
    name: "share",
    reason: Reason::Share,
    max_words: 12,
    parts: &[],
    patterns: &[],
};

/// Subscribe prompts.
pub static SUBSCRIBE: Family = Family {
    name: "subscribe",
    reason: Reason::Subscribe,
    max_words: 12,
    parts: &[],
    patterns: &[],
};

/// Cookie prompts.
pub static COOKIE: Family = Family {
    name: "cookie",
    reason: Reason::Cookie,
    max_words: 12,
    parts: &[],
    patterns: &[],
};
