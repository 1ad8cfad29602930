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
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Literal, Repetition,
};

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

    /// Whether the set holds `byte` (folded).
    fn contains(&self, byte: u8) -> bool {
        let byte = byte.to_ascii_lowercase();
        self.0[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
    }

    /// The bytes both sets hold.
    fn intersection(&self, other: &ByteSet) -> ByteSet {
        let mut both = *self;
        for (word, other) in both.0.iter_mut().zip(other.0) {
            *word &= other;
        }
        both
    }

    /// The bytes either set holds.
    fn union(&self, other: &ByteSet) -> ByteSet {
        let mut either = *self;
        for (word, other) in either.0.iter_mut().zip(other.0) {
            *word |= other;
        }
        either
    }

    /// Every byte.
    fn all() -> ByteSet {
        ByteSet([u64::MAX; 4])
    }
}

/// What a text must contain for a pattern to match all of it.
#[derive(Clone, Debug)]
pub struct Requirements {
    /// The bytes every literal of some part holds: a text lacking one of
    /// them is refused with one test, before the parts are read.
    must_hold: ByteSet,
    /// Which bytes a match can end with (ASCII letters folded to lower
    /// case): the last bytes of the literals every match ends with, or every
    /// byte when those are unknown.
    last_bytes: ByteSet,
    /// For each required part, the byte sets of the literals its matches
    /// start with: a text must hold all the bytes of at least one of them.
    parts: Vec<Vec<ByteSet>>,
}

impl Default for Requirements {
    /// Requires nothing.
    fn default() -> Self {
        Requirements {
            must_hold: ByteSet::default(),
            last_bytes: ByteSet::all(),
            parts: Vec::new(),
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
        // Case variants of ASCII letters are one byte to a folded byte set,
        // so the analysis reads the pattern with them folded: `(?i)see` is
        // the one literal `see`, not eight.
        let folded = fold_ascii_case(hir);
        let mut requirements = Vec::new();
        required_parts(&folded, &extractor, &mut requirements);
        // A set that holds another is never needed: a text with all its
        // bytes has the other's too.
        for any_of in &mut requirements {
            minimise(any_of);
        }
        // The most demanding first: the fewest bytes any one literal needs.
        requirements.sort_by_key(|any_of| std::cmp::Reverse(weakest(any_of)));
        requirements.dedup();
        requirements.truncate(MAX_REQUIREMENTS);
        // Every match ends with one of these literals (when they are few).
        extractor.kind(ExtractKind::Suffix);
        let mut last_bytes = ByteSet::all();
        if let Some(literals) = extractor.extract(&folded).literals() {
            let ends: Option<Vec<u8>> = literals
                .iter()
                .map(|l| l.as_bytes().last().copied())
                .collect();
            if let Some(ends) = ends.filter(|e| !e.is_empty()) {
                last_bytes = ByteSet::of(&ends);
            }
        }
        let must_hold = requirements
            .iter()
            .map(|any_of| {
                any_of
                    .iter()
                    .fold(ByteSet::all(), |common, set| common.intersection(set))
            })
            .fold(ByteSet::default(), |all, common| all.union(&common));
        Requirements {
            must_hold,
            last_bytes,
            parts: requirements,
        }
    }

    /// Whether a text that ends with the byte `last` and whose bytes are
    /// `text` may match.
    pub fn allow(&self, last: u8, text: &ByteSet) -> bool {
        self.last_bytes.contains(last)
            && self.must_hold.is_subset(text)
            && self
                .parts
                .iter()
                .all(|any_of| any_of.iter().any(|needed| needed.is_subset(text)))
    }
}

/// What every match of `hir` must contain, as requirements (each a list of
/// byte sets, one of which a text must hold): for each member of its
/// concatenations, the literals that start it, run on into the members
/// after it (`(?i)see` is three one-letter classes, `see` together),
/// looking through groups and through repetitions that must occur at least
/// once. An alternation requires one of its branches' own most demanding
/// requirements; optional parts require nothing.
fn required_parts(hir: &Hir, extractor: &Extractor, out: &mut Vec<Vec<ByteSet>>) {
    match hir.kind() {
        HirKind::Concat(members) => {
            let starts: Vec<Seq> = members.iter().map(|m| extractor.extract(m)).collect();
            for (at, member) in members.iter().enumerate() {
                out.extend(byte_sets(&run_on(&starts[at..])));
                required_parts(member, extractor, out);
            }
        }
        HirKind::Capture(capture) => required_parts(&capture.sub, extractor, out),
        HirKind::Repetition(rep) if rep.min >= 1 => required_parts(&rep.sub, extractor, out),
        HirKind::Repetition(_) | HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(_) | HirKind::Class(_) => out.extend(byte_sets(&extractor.extract(hir))),
        HirKind::Alternation(branches) => {
            let mut any_of: Vec<ByteSet> = Vec::new();
            for branch in branches {
                let mut own = Vec::new();
                required_parts(branch, extractor, &mut own);
                let Some(best) = own.into_iter().max_by_key(|r| weakest(r)) else {
                    return;
                };
                any_of.extend(best);
            }
            any_of.sort_unstable_by_key(|set| set.0);
            any_of.dedup();
            if any_of.len() <= MAX_LITERALS {
                out.push(any_of);
            }
        }
    }
}

/// Drops every byte set that holds another one of `any_of` (or equals an
/// earlier one): it can only be met where the smaller one is.
fn minimise(any_of: &mut Vec<ByteSet>) {
    any_of.sort_unstable_by_key(ByteSet::len);
    let mut kept: Vec<ByteSet> = Vec::with_capacity(any_of.len());
    for set in any_of.drain(..) {
        if !kept.iter().any(|smaller| smaller.is_subset(&set)) {
            kept.push(set);
        }
    }
    *any_of = kept;
}

/// A literal sequence as a requirement: the byte sets of its literals, when
/// they are finite, few, and none of them empty (a part that may match
/// nothing requires nothing).
fn byte_sets(seq: &Seq) -> Option<Vec<ByteSet>> {
    let literals = seq.literals()?;
    let useful = !literals.is_empty()
        && literals.len() <= MAX_LITERALS
        && literals.iter().all(|l| !l.as_bytes().is_empty());
    useful.then(|| {
        let mut sets: Vec<ByteSet> = literals.iter().map(|l| ByteSet::of(l.as_bytes())).collect();
        sets.sort_unstable_by_key(|set| set.0);
        sets.dedup();
        sets
    })
}

/// `hir` with every ASCII letter in lower case only, in literals and in
/// small classes (`[Kk\u{212A}]` becomes `[k\u{212A}]`): what a byte set that
/// folds ASCII case sees.
fn fold_ascii_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(Literal(bytes)) => Hir::literal(bytes.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(class)) if class_size(class) <= FOLD_MAX_CLASS_CHARS => {
            let mut chars: Vec<char> = class
                .iter()
                .flat_map(|range| range.start()..=range.end())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            chars.sort_unstable();
            chars.dedup();
            match chars.as_slice() {
                [one] => Hir::literal(one.to_string().into_bytes()),
                _ => Hir::class(Class::Unicode(ClassUnicode::new(
                    chars.iter().map(|&c| ClassUnicodeRange::new(c, c)),
                ))),
            }
        }
        HirKind::Concat(members) => Hir::concat(members.iter().map(fold_ascii_case).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(fold_ascii_case).collect())
        }
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(fold_ascii_case(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fold_ascii_case(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Class(_) | HirKind::Empty | HirKind::Look(_) => hir.clone(),
    }
}

/// Largest class whose letters are folded one by one.
const FOLD_MAX_CLASS_CHARS: u32 = 16;

/// How many characters a class holds (at most `u32::MAX`).
fn class_size(class: &ClassUnicode) -> u32 {
    class
        .iter()
        .map(|range| u32::from(range.end()) - u32::from(range.start()) + 1)
        .fold(0, u32::saturating_add)
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
