//! Which patterns a text may meet at all, found with a few table lookups
//! per text rather than by reading every pattern's checks in turn.
//!
//! A page's short texts meet about a hundred patterns each, and most
//! patterns refuse most texts at their first checks; but reading a
//! pattern's checks means reading its tables, which the HTML parse has
//! pushed out of the processor's cache by the time the detectors run. The
//! [`Index`] turns the two strongest checks around, so that a text looks
//! up the patterns instead:
//!
//! - by the text's first two bytes, the patterns whose [`Head`] may begin
//!   with them (after leading decoration too, for patterns that allow it);
//! - by the text's bytes and pairs of adjacent bytes, the patterns whose
//!   first required part has a literal starting with one of them.
//!
//! A pattern is a candidate when it passes both (a pattern without a known
//! head, or without a required part, passes that one). Both only ever
//! leave a pattern in when its own checks might pass, so the index changes
//! what is read, never what matches.

use super::head::{Head, Heads, FIBONACCI};
use super::required::{set_bits, ByteSet, PairSet, Requirements};

/// Bits of the slot number of the table by first two bytes.
const OPENING_SLOT_BITS: u32 = 11;

/// Words of a [`PatternSet`].
const PATTERN_WORDS: usize = 2;

/// Most patterns an [`Index`] holds.
pub const MAX_PATTERNS: usize = 64 * PATTERN_WORDS;

/// A set of patterns, by their number in an [`Index`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PatternSet([u64; PATTERN_WORDS]);

impl PatternSet {
    fn insert(&mut self, pattern: usize) {
        self.0[pattern / 64] |= 1 << (pattern % 64);
    }

    /// Whether the set holds pattern number `pattern`.
    pub fn contains(&self, pattern: usize) -> bool {
        self.0[pattern / 64] & (1 << (pattern % 64)) != 0
    }

    /// The patterns of the set numbered `first` to `first + count - 1`,
    /// lowest first, as offsets from `first`.
    pub fn within(&self, first: usize, count: usize) -> impl Iterator<Item = usize> {
        let end = first + count;
        let mut range = PatternSet::default();
        for (at, word) in range.0.iter_mut().enumerate() {
            // This word's bits for patterns first..end.
            let low = first.saturating_sub(at * 64).min(64);
            let high = end.saturating_sub(at * 64).min(64);
            if low < high {
                *word = (u64::MAX >> (64 - high)) & (u64::MAX << low);
            }
        }
        set_bits(self.intersection(range).0).map(move |pattern| pattern - first)
    }

    fn is_subset(&self, other: &PatternSet) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| a & !b == 0)
    }

    fn union(mut self, other: PatternSet) -> PatternSet {
        for (word, other) in self.0.iter_mut().zip(other.0) {
            *word |= other;
        }
        self
    }

    fn intersection(mut self, other: PatternSet) -> PatternSet {
        for (word, other) in self.0.iter_mut().zip(other.0) {
            *word &= other;
        }
        self
    }
}

/// The patterns of a list of [`Requirements`], numbered in list order, by
/// what a text must begin with and hold to meet them.
#[derive(Clone, Debug)]
pub struct Index {
    /// By a text's first two bytes, hashed: the patterns that may begin
    /// with any two bytes hashed there.
    by_opening: Box<[PatternSet]>,
    /// Patterns that allow decoration before their first word.
    after_decoration: PatternSet,
    /// Patterns without a known head: they may begin any text.
    headless: PatternSet,
    /// By a byte of the text: the patterns whose first required part has
    /// that one-byte literal.
    by_byte: Box<[PatternSet]>,
    /// By a [`PairSet`] slot of the text: the patterns whose first required
    /// part has a literal starting with a pair there.
    by_pair: Box<[PatternSet]>,
    /// Patterns without a required part: any text holds what they need.
    partless: PatternSet,
}

impl Index {
    /// The index of the patterns with these requirements, in order.
    ///
    /// # Panics
    /// When there are more than [`MAX_PATTERNS`]: the tables are code, and
    /// the detector tests build the index of all of them.
    pub fn new<'r>(patterns: impl IntoIterator<Item = &'r Requirements>) -> Index {
        let mut index = Index {
            by_opening: vec![PatternSet::default(); 1 << OPENING_SLOT_BITS].into_boxed_slice(),
            after_decoration: PatternSet::default(),
            headless: PatternSet::default(),
            by_byte: vec![PatternSet::default(); 256].into_boxed_slice(),
            by_pair: vec![PatternSet::default(); PairSet::SLOTS].into_boxed_slice(),
            partless: PatternSet::default(),
        };
        for (pattern, requirements) in patterns.into_iter().enumerate() {
            assert!(
                pattern < MAX_PATTERNS,
                "more than {MAX_PATTERNS} detector patterns: widen PatternSet"
            );
            let head: &Head = requirements.head();
            if head.is_known() {
                if head.after_decoration() {
                    index.after_decoration.insert(pattern);
                }
                for &two in head.openings() {
                    index.by_opening[Index::opening_slot(two)].insert(pattern);
                }
            } else {
                index.headless.insert(pattern);
            }
            if let Some((bytes, pairs)) = requirements.first_part() {
                for byte in bytes.iter() {
                    index.by_byte[usize::from(byte)].insert(pattern);
                }
                for slot in pairs.iter() {
                    index.by_pair[usize::from(slot)].insert(pattern);
                }
            } else {
                index.partless.insert(pattern);
            }
        }
        index
    }

    fn opening_slot(two: u16) -> usize {
        (u32::from(two).wrapping_mul(FIBONACCI) >> (32 - OPENING_SLOT_BITS)) as usize
    }

    /// The patterns a text with these heads, bytes and pairs may meet.
    pub fn candidates(&self, heads: &Heads, bytes: &ByteSet, pairs: &PairSet) -> PatternSet {
        let mut begun = self
            .headless
            .union(self.by_opening[Index::opening_slot(heads.opening())]);
        let after = match heads.openings_after_decoration() {
            None => self.after_decoration,
            Some(openings) => openings.fold(PatternSet::default(), |set, two| {
                set.union(self.by_opening[Index::opening_slot(two)])
            }),
        };
        begun = begun.union(after.intersection(self.after_decoration));
        if begun.is_subset(&self.partless) {
            // No pattern left needs a part looked up.
            return begun;
        }
        let mut held = self.partless;
        for byte in bytes.iter() {
            held = held.union(self.by_byte[usize::from(byte)]);
        }
        for slot in pairs.iter() {
            held = held.union(self.by_pair[usize::from(slot)]);
        }
        begun.intersection(held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_lists_only_the_range_as_offsets() {
        let mut set = PatternSet::default();
        for pattern in [0, 5, 63, 64, 70, 127] {
            set.insert(pattern);
        }
        let within = |first, count| set.within(first, count).collect::<Vec<_>>();
        assert_eq!(within(0, 128), [0, 5, 63, 64, 70, 127]);
        assert_eq!(within(5, 60), [0, 58, 59]);
        assert_eq!(within(64, 7), [0, 6]);
        assert_eq!(within(6, 57), Vec::<usize>::new());
        assert_eq!(within(127, 1), [0]);
        assert_eq!(within(0, 0), Vec::<usize>::new());
    }
}
