//! What every match of a pattern must contain, found by reading the pattern.
//!
//! A pattern that is loose at both ends ("any title, then `redirects here`,
//! then …", "words with `/` or `›` between them") makes its automaton read
//! most of every short text before it can say no. Such a pattern almost
//! always has a part every match must pass through: a fixed word, a
//! separator, a `@` or `#`. This module finds those parts from the
//! pattern's syntax tree (with regex-syntax's literal extractor: the
//! literals each part's matches start with) and turns each into a
//! requirement on the *bytes* a text contains, which [`ByteSet::of`] counts
//! once per text for all patterns together. A requirement can only refuse
//! a text no match could be found in, so it never changes what matches.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Most literals a requirement may list; a part with more alternatives
/// (case variants of a long word) is not worth checking byte by byte.
const MAX_LITERALS: usize = 64;

/// Most requirements kept per pattern (the most demanding ones).
const MAX_REQUIREMENTS: usize = 4;

/// How many distinct bytes the least demanding literal of a requirement needs.
fn weakest(any_of: &[ByteSet]) -> u32 {
    any_of.iter().map(ByteSet::len).min().unwrap_or(0)
}

/// Which bytes occur in a text, with ASCII letters folded to lower case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// The bytes of `text`, folded.
    pub fn of(text: &[u8]) -> ByteSet {
        let mut set = ByteSet::default();
        for &byte in text {
            set.insert(byte);
        }
        set
    }

    fn insert(&mut self, byte: u8) {
        let byte = byte.to_ascii_lowercase();
        self.0[usize::from(byte >> 6)] |= 1 << (byte & 63);
    }

    /// How many distinct bytes the set holds.
    fn len(&self) -> u32 {
        self.0.iter().map(|word| word.count_ones()).sum()
    }

    /// Whether every byte of `self` is in `other`.
    fn is_subset(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| a & !b == 0)
    }
}

/// What a text must contain for a pattern to match all of it: for each
/// required part, the byte sets of the literals its matches start with (a
/// text must hold all the bytes of at least one of them).
#[derive(Clone, Debug, Default)]
pub struct Requirements(Vec<Vec<ByteSet>>);

impl Requirements {
    /// The requirements of one pattern, as compiled (anchored, with flags).
    /// A pattern that does not parse requires nothing here; compiling it
    /// reports the error.
    pub fn of(pattern: &str) -> Requirements {
        let Ok(hir) = regex_syntax::parse(pattern) else {
            return Requirements::default();
        };
        let mut parts = Vec::new();
        required_parts(&hir, &mut parts);
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let mut requirements: Vec<Vec<ByteSet>> = parts
            .iter()
            .filter_map(|part| {
                let seq = extractor.extract(part);
                let literals = seq.literals()?;
                // An empty literal means the part can match nothing at all.
                let useful = !literals.is_empty()
                    && literals.len() <= MAX_LITERALS
                    && literals.iter().all(|l| !l.as_bytes().is_empty());
                useful.then(|| literals.iter().map(|l| ByteSet::of(l.as_bytes())).collect())
            })
            .collect();
        // The most demanding first: the fewest bytes any one literal needs.
        requirements.sort_by_key(|any_of| std::cmp::Reverse(weakest(any_of)));
        requirements.dedup();
        requirements.truncate(MAX_REQUIREMENTS);
        Requirements(requirements)
    }

    /// Whether a text whose bytes are `text` may match.
    pub fn allow(&self, text: &ByteSet) -> bool {
        self.0
            .iter()
            .all(|any_of| any_of.iter().any(|needed| needed.is_subset(text)))
    }
}

/// Parts of `hir` every match passes through: each tail of its
/// concatenations (whose literals run on from one member into the next:
/// `(?i)see` is three one-letter classes), looking through groups and
/// through repetitions that must occur at least once. An alternation is one
/// part (its branches' literals, if few, still say what every match starts
/// with); optional parts require nothing.
fn required_parts(hir: &Hir, out: &mut Vec<Hir>) {
    match hir.kind() {
        HirKind::Concat(members) => {
            for (at, member) in members.iter().enumerate() {
                out.push(Hir::concat(members[at..].to_vec()));
                required_parts(member, out);
            }
        }
        HirKind::Capture(capture) => required_parts(&capture.sub, out),
        HirKind::Repetition(rep) if rep.min >= 1 => required_parts(&rep.sub, out),
        HirKind::Repetition(_) | HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Alternation(_) => out.push(hir.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(pattern: &str, text: &str) -> bool {
        Requirements::of(pattern).allow(&ByteSet::of(text.as_bytes()))
    }

    #[test]
    fn a_fixed_word_in_the_middle_is_required() {
        let p = r"(?i)^(?:[^.]{1,60} redirects here\. .*)$";
        assert!(allows(p, "Foo REDIRECTS here. See"));
        // Bytes are counted, not words: a text lacking the `s` cannot match.
        assert!(!allows(p, "Foo redirect here. Zee"));
    }

    #[test]
    fn one_of_several_separators_is_required() {
        let p = r"(?i)^(?:\w+(?: ?(?:/|›|»|\|) ?\w+)+)$";
        assert!(allows(p, "Home › News"));
        assert!(allows(p, "Home | News"));
        assert!(!allows(p, "Home News"));
    }

    #[test]
    fn optional_parts_require_nothing() {
        let p = r"(?i)^(?:(?:see )?\d+ comments?)$";
        assert!(allows(p, "12 Comments"));
        assert!(!allows(p, "12 remarks"));
        assert!(Requirements::of(r"(?i)^(?:(?:x)?.*)$").0.is_empty());
    }

    #[test]
    fn case_variants_of_non_ascii_letters_are_kept() {
        let p = r"(?i)^(?:.*über.*)$";
        assert!(allows(p, "ÜBER alles"));
        assert!(allows(p, "über alles"));
        assert!(!allows(p, "uber alles"));
    }
}
