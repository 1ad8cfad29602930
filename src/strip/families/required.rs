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

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// Most literals a requirement may list; a part with more alternatives
/// (case variants of a long word) is not worth checking byte by byte.
const MAX_LITERALS: usize = 64;

/// Longest literal prefix read from a part: a few bytes say enough.
const MAX_LITERAL_BYTES: usize = 8;

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

/// What a text must contain for a pattern to match all of it.
#[derive(Clone, Debug)]
pub struct Requirements {
    /// For each required part, the byte sets of the literals its matches
    /// start with: a text must hold all the bytes of at least one of them.
    parts: Vec<Vec<ByteSet>>,
    /// Which bytes a match can end with (exact, not folded): the last bytes
    /// of the literals every match ends with, or every byte when those are
    /// unknown.
    last_bytes: [bool; 256],
}

impl Default for Requirements {
    /// Requires nothing.
    fn default() -> Self {
        Requirements {
            parts: Vec::new(),
            last_bytes: [true; 256],
        }
    }
}

impl Requirements {
    /// The requirements of one pattern, parsed as compiled (anchored, with flags).
    pub fn of(hir: &Hir) -> Requirements {
        let mut extractor = Extractor::new();
        extractor
            .kind(ExtractKind::Prefix)
            .limit_total(MAX_LITERALS)
            .limit_literal_len(MAX_LITERAL_BYTES);
        let mut seqs = Vec::new();
        required_seqs(hir, &extractor, &mut seqs);
        let mut requirements: Vec<Vec<ByteSet>> = seqs
            .iter()
            .filter_map(|seq| {
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
        // Every match ends with one of these literals (when they are few).
        extractor.kind(ExtractKind::Suffix);
        let mut last_bytes = [true; 256];
        if let Some(literals) = extractor.extract(hir).literals() {
            let ends: Option<Vec<u8>> = literals
                .iter()
                .map(|l| l.as_bytes().last().copied())
                .collect();
            if let Some(ends) = ends.filter(|e| !e.is_empty()) {
                last_bytes = [false; 256];
                for end in ends {
                    last_bytes[usize::from(end)] = true;
                }
            }
        }
        Requirements {
            parts: requirements,
            last_bytes,
        }
    }

    /// Whether a text that ends with the byte `last` and whose bytes are
    /// `text` may match.
    pub fn allow(&self, last: u8, text: &ByteSet) -> bool {
        self.last_bytes[usize::from(last)]
            && self
                .parts
                .iter()
                .all(|any_of| any_of.iter().any(|needed| needed.is_subset(text)))
    }
}

/// The literals that start the parts of `hir` every match passes through:
/// each member of its concatenations, with the members after it as far as
/// their literals run on (`(?i)see` is three one-letter classes, whose
/// literals together are `see` in its eight case forms), looking through
/// groups and through repetitions that must occur at least once. An
/// alternation is one part (its branches' literals, if few, still say what
/// every match starts with); optional parts require nothing.
fn required_seqs(hir: &Hir, extractor: &Extractor, out: &mut Vec<Seq>) {
    match hir.kind() {
        HirKind::Concat(members) => {
            let starts: Vec<Seq> = members.iter().map(|m| extractor.extract(m)).collect();
            for (at, member) in members.iter().enumerate() {
                out.push(run_on(&starts[at..]));
                required_seqs(member, extractor, out);
            }
        }
        HirKind::Capture(capture) => required_seqs(&capture.sub, extractor, out),
        HirKind::Repetition(rep) if rep.min >= 1 => required_seqs(&rep.sub, extractor, out),
        HirKind::Repetition(_) | HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Alternation(_) => {
            out.push(extractor.extract(hir));
        }
    }
}

/// The literals of a run of concatenated members, from the first member's
/// on, extended by the next members' while they are exact, short and few.
fn run_on(members: &[Seq]) -> Seq {
    let Some((first, rest)) = members.split_first() else {
        return Seq::singleton(regex_syntax::hir::literal::Literal::exact(""));
    };
    let mut run = first.clone();
    for next in rest {
        if !run.is_exact() || run.max_literal_len().is_none_or(|n| n >= MAX_LITERAL_BYTES) {
            break;
        }
        let mut longer = run.clone();
        longer.cross_forward(&mut next.clone());
        if longer.len().is_none_or(|n| n > MAX_LITERALS) {
            break;
        }
        run = longer;
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requirements(pattern: &str) -> Requirements {
        Requirements::of(&regex_syntax::parse(pattern).expect("test pattern parses"))
    }

    fn allows(pattern: &str, text: &str) -> bool {
        let last = text.as_bytes().last().copied().unwrap_or(0);
        requirements(pattern).allow(last, &ByteSet::of(text.as_bytes()))
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
        assert!(requirements(r"(?i)^(?:(?:x)?.*)$").parts.is_empty());
    }

    #[test]
    fn a_fixed_ending_sets_the_last_byte() {
        let p = r"(?i)^(?:.{1,40} [0-9]{1,2}(?:am|pm))$";
        assert!(allows(p, "Updated at 9AM"));
        assert!(allows(p, "Posted 10pm"));
        assert!(!allows(p, "Posted 10pm."));
        // A loose ending allows any last byte.
        assert!(allows(r"(?i)^(?:comments?.*)$", "comments (12)"));
    }

    #[test]
    fn case_variants_of_non_ascii_letters_are_kept() {
        let p = r"(?i)^(?:.*über.*)$";
        assert!(allows(p, "ÜBER alles"));
        assert!(allows(p, "über alles"));
        assert!(!allows(p, "uber alles"));
    }
}
