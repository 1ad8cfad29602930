//! What every match of a pattern must contain, found by reading the
//! pattern, and the cheap checks on a text that follow from it.
//!
//! A pattern that is loose at both ends ("any title, then `redirects here`,
//! then …", "words with `/` or `›` between them") makes its automaton read
//! most of every short text before it can say no. Such a pattern almost
//! always has a part every match must pass through: a fixed word, a
//! separator, a `@` or `#`. This module finds those parts from the
//! pattern's syntax tree (with regex-syntax's literal extractor: the
//! literals each part's matches start with). A text must hold one of each
//! part's literals, so all of its bytes ([`ByteSet`]) and all of its pairs
//! of adjacent bytes ([`PairSet`]); both sets are counted once per text
//! for all patterns together, in its [`Probe`], with what the pattern's
//! [`Head`] reads of its start.
//!
//! Every check can only refuse a text no match could be found in, so none
//! changes what matches; each reads the pattern with ASCII case folded, and
//! the probe holds what they read of a text, folded the same way.

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Literal, Repetition,
};

use super::head::{Head, Heads, FIBONACCI};
use super::index::{Index, PatternSet};

/// Most literals a requirement may list; a part with more alternatives
/// (case variants of a long word) is not worth checking byte by byte.
const MAX_LITERALS: usize = 64;

/// Most literals an alternation's requirement may list (one requirement
/// of each branch together) in a pattern that requires nothing with
/// [`MAX_LITERALS`]: a family's forms in several languages.
const MAX_BRANCH_LITERALS: usize = 256;

/// Longest literal prefix read from a part: a few bytes say enough.
const MAX_LITERAL_BYTES: usize = 8;

/// Most requirements kept per pattern (the most demanding ones).
const MAX_REQUIREMENTS: usize = 4;

/// How many distinct bytes the least demanding literal of a requirement needs.
fn weakest(any_of: &[Needle]) -> u32 {
    any_of.iter().map(|n| n.bytes.len()).min().unwrap_or(0)
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

    /// Whether the sets share a byte.
    fn intersects(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
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

    /// The bytes the set holds, in order.
    pub fn iter(&self) -> impl Iterator<Item = u8> {
        set_bits(self.0).map(|bit| bit as u8)
    }
}

/// The numbers of the set bits of `words`, lowest first (bit `n` of word
/// `w` is number `64 * w + n`).
pub(super) fn set_bits<const N: usize>(words: [u64; N]) -> impl Iterator<Item = usize> {
    words.into_iter().enumerate().flat_map(|(at, word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                at * 64 + bit
            })
        })
    })
}

/// What a text must contain and start with for a pattern to match all of it.
#[derive(Clone, Debug)]
pub struct Requirements {
    /// The bytes every literal of some part holds: a text lacking one of
    /// them is refused with one test, before the parts are read.
    must_hold: ByteSet,
    /// Which bytes a match can end with (ASCII letters folded to lower
    /// case): the last bytes of the literals every match ends with, or every
    /// byte when those are unknown.
    last_bytes: ByteSet,
    /// For each required part, the literals its matches start with: a text
    /// must contain at least one of them.
    parts: Vec<Part>,
    /// What every match starts with.
    head: Head,
}

/// A literal a text must contain (folded), with its bytes, while the
/// requirements are worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Needle {
    bytes: ByteSet,
    literal: Box<[u8]>,
}

impl Needle {
    fn of(literal: &[u8]) -> Needle {
        Needle {
            bytes: ByteSet::of(literal),
            literal: literal.into(),
        }
    }
}

/// One required part as the checks read it: a text must hold one of its
/// literals, and so one-byte literal's byte, or one longer literal's pairs
/// of adjacent bytes ([`PairSet`]), the first pair among them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Part {
    /// The bytes of the one-byte literals.
    single_bytes: ByteSet,
    /// The first pair of each longer literal.
    first_pairs: PairSet,
    /// Each longer literal's first pair's slot, side by side and in order:
    /// most texts are refused by these alone.
    firsts: Box<[u16]>,
    /// Each longer literal, in the order of `firsts`.
    literals: Box<[PartLiteral]>,
}

/// Most longer literals a part reads one by one; a part with more (a
/// family's forms in several languages) reads only those whose first pair
/// the text holds, found by the pairs both hold.
const SCANNED_LITERALS: usize = 8;

impl Part {
    fn of(needles: &[Needle]) -> Part {
        let mut part = Part {
            single_bytes: ByteSet::default(),
            first_pairs: PairSet::default(),
            firsts: Box::new([]),
            literals: Box::new([]),
        };
        let mut literals = Vec::new();
        for needle in needles {
            match *needle.literal {
                [byte] => part.single_bytes.insert(byte),
                [a, b, ..] => {
                    part.first_pairs.insert(PairSet::slot(a, b));
                    literals.push(PartLiteral::of(&needle.literal));
                }
                [] => {}
            }
        }
        literals.sort_by_key(|l: &PartLiteral| l.slots[0]);
        part.firsts = literals.iter().map(|l| l.slots[0]).collect();
        part.literals = literals.into_boxed_slice();
        part
    }

    /// Whether the probed text holds one of the literals.
    fn is_in(&self, probe: &Probe<'_>) -> bool {
        let (bytes, pairs) = (&probe.bytes, &probe.pairs);
        if self.single_bytes.intersects(bytes) {
            return true;
        }
        let holds = |literal: &PartLiteral| literal.is_in(pairs, probe.folded);
        if self.literals.len() <= SCANNED_LITERALS {
            return self.first_pairs.intersects(pairs)
                && self
                    .firsts
                    .iter()
                    .zip(self.literals.iter())
                    .any(|(&first, literal)| pairs.has(first) && holds(literal));
        }
        // Both in order: the literals whose first pair is in both sets,
        // found by walking the two side by side.
        let mut from = 0;
        self.first_pairs.intersection(pairs).iter().any(|slot| {
            while self.firsts.get(from).is_some_and(|&first| first < slot) {
                from += 1;
            }
            self.firsts[from..]
                .iter()
                .zip(&self.literals[from..])
                .take_while(|(&first, _)| first == slot)
                .any(|(_, literal)| holds(literal))
        })
    }
}

/// One literal of a part, of two bytes or more: its bytes, and the
/// [`PairSet`] slots of its pairs of adjacent bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PartLiteral {
    slots: [u16; MAX_LITERAL_BYTES - 1],
    bytes: [u8; MAX_LITERAL_BYTES],
    len: usize,
}

impl PartLiteral {
    fn of(literal: &[u8]) -> PartLiteral {
        let mut part = PartLiteral {
            slots: [0; MAX_LITERAL_BYTES - 1],
            bytes: [0; MAX_LITERAL_BYTES],
            len: literal.len().min(MAX_LITERAL_BYTES),
        };
        for (slot, pair) in part.slots.iter_mut().zip(literal.windows(2)) {
            *slot = PairSet::slot(pair[0], pair[1]);
        }
        for (byte, &b) in part.bytes.iter_mut().zip(literal) {
            *byte = b;
        }
        part
    }

    /// Whether a folded text with these pairs holds the literal: first by
    /// its pairs (a hashed set may say yes wrongly, never no), then by
    /// looking for it.
    fn is_in(&self, pairs: &PairSet, folded: &[u8]) -> bool {
        self.slots[..self.len - 1]
            .iter()
            .all(|&slot| pairs.has(slot))
            && contains(folded, &self.bytes[..self.len])
    }
}

/// Whether `haystack` contains `needle`: at each place its first byte is.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, haystack).any(|at| {
        haystack
            .get(at + 1..)
            .is_some_and(|after| after.starts_with(rest))
    })
}

/// Bits of a [`PairSet`]'s slot index.
const PAIR_SLOT_BITS: u32 = 10;

/// Which pairs of adjacent bytes a text holds (folded), hashed into
/// 2^[`PAIR_SLOT_BITS`] bits: a text holds a literal only if it holds
/// each of the literal's pairs, which says far more than its bytes do
/// (`rv` is rarer than `r` and `v`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairSet([u64; 1 << (PAIR_SLOT_BITS - 6)]);

impl PairSet {
    /// How many slots a set has.
    pub const SLOTS: usize = 1 << PAIR_SLOT_BITS;

    /// The slots the set holds, in order.
    pub fn iter(&self) -> impl Iterator<Item = u16> {
        set_bits(self.0).map(|slot| slot as u16)
    }

    /// The pairs of a folded text.
    fn of(folded: &[u8]) -> PairSet {
        let mut set = PairSet::default();
        for pair in folded.windows(2) {
            set.insert(PairSet::slot(pair[0], pair[1]));
        }
        set
    }

    fn insert(&mut self, slot: u16) {
        let slot = usize::from(slot);
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    /// The pairs both sets hold.
    fn intersection(&self, other: &PairSet) -> PairSet {
        let mut both = *self;
        for (word, other) in both.0.iter_mut().zip(&other.0) {
            *word &= other;
        }
        both
    }

    /// Whether the sets share a pair.
    fn intersects(&self, other: &PairSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// The slot of the pair `a b` (Fibonacci hashing of the two bytes).
    fn slot(a: u8, b: u8) -> u16 {
        let pair = u32::from(a) << 8 | u32::from(b);
        (pair.wrapping_mul(FIBONACCI) >> (32 - PAIR_SLOT_BITS)) as u16
    }

    fn has(&self, slot: u16) -> bool {
        let slot = usize::from(slot);
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// What the checks read of one text, worked out once for all patterns.
#[derive(Debug)]
pub struct Probe<'t> {
    /// The text (trimmed, whitespace collapsed).
    pub text: &'t str,
    /// The text with ASCII letters in lower case.
    folded: &'t [u8],
    /// The bytes it holds, folded.
    bytes: ByteSet,
    /// The pairs of adjacent bytes it holds, folded.
    pairs: PairSet,
    /// Its first bytes, folded.
    heads: Heads,
    /// The patterns the index the probe was made with leaves in for it
    /// (by its start and its first required part), by their number there.
    candidates: PatternSet,
}

impl<'t> Probe<'t> {
    /// The probe of `text`, given its bytes with ASCII letters in lower
    /// case (`folded`, as [`slice::to_ascii_lowercase`] makes them), for the
    /// patterns of `index`.
    pub fn new(text: &'t str, folded: &'t [u8], index: &Index) -> Probe<'t> {
        debug_assert_eq!(text.len(), folded.len());
        let heads = Heads::of(text, folded);
        let bytes = ByteSet::of(folded);
        let pairs = PairSet::of(folded);
        Probe {
            text,
            folded,
            bytes,
            pairs,
            heads,
            candidates: index.candidates(&heads, &bytes, &pairs),
        }
    }

    /// The patterns of the probe's index that may match the text.
    pub(super) fn candidates(&self) -> &PatternSet {
        &self.candidates
    }

    /// Whether the probe's index leaves pattern number `pattern` in for the text.
    pub(super) fn may_begin(&self, pattern: usize) -> bool {
        self.candidates.contains(pattern)
    }

    /// The text's first byte and last byte, as they are (not folded).
    pub(super) fn ends(&self) -> Option<(u8, u8)> {
        let bytes = self.text.as_bytes();
        Some((*bytes.first()?, *bytes.last()?))
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
        let mut requirements: Vec<Vec<Needle>> = Vec::new();
        required_parts(&folded, &extractor, MAX_LITERALS, &mut requirements);
        // A pattern that is one long list of forms ("Powered by X", "Theme
        // by Y", "Erstellt mit Z", …) requires nothing of so few literals;
        // read again, it requires one of a longer list.
        if requirements.is_empty() {
            required_parts(&folded, &extractor, MAX_BRANCH_LITERALS, &mut requirements);
        }
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
                any_of.iter().fold(ByteSet::all(), |common, needle| {
                    common.intersection(&needle.bytes)
                })
            })
            .fold(ByteSet::default(), |all, common| all.union(&common));
        Requirements {
            must_hold,
            last_bytes,
            parts: requirements.iter().map(|any_of| Part::of(any_of)).collect(),
            head: Head::of(&folded),
        }
    }

    /// What every match starts with.
    pub fn head(&self) -> &Head {
        &self.head
    }

    /// The most demanding required part, when there is one: a text must
    /// hold one of these bytes, or one of these pairs (each longer
    /// literal's first).
    pub fn first_part(&self) -> Option<(&ByteSet, &PairSet)> {
        self.parts
            .first()
            .map(|part| (&part.single_bytes, &part.first_pairs))
    }

    /// Whether a match of the pattern may be the probed text, which ends
    /// with the byte `last`.
    pub fn allow(&self, last: u8, probe: &Probe<'_>) -> bool {
        self.last_bytes.contains(last)
            && self.must_hold.is_subset(&probe.bytes)
            && self.head.allow(&probe.heads)
            && self.parts.iter().all(|part| part.is_in(probe))
    }
}

/// What every match of `hir` must contain, as requirements (each a list of
/// literals, one of which a text must hold): for each member of its
/// concatenations, the literals that start it, run on into the members
/// after it (`(?i)see` is three one-letter classes, `see` together),
/// looking through groups and through repetitions that must occur at least
/// once. An alternation requires one of its branches' own most demanding
/// requirements, when those list at most `most` literals together;
/// optional parts require nothing.
fn required_parts(hir: &Hir, extractor: &Extractor, most: usize, out: &mut Vec<Vec<Needle>>) {
    match hir.kind() {
        HirKind::Concat(members) => {
            let starts: Vec<Seq> = members.iter().map(|m| extractor.extract(m)).collect();
            for (at, member) in members.iter().enumerate() {
                out.extend(needles(&run_on(&starts[at..])));
                required_parts(member, extractor, most, out);
            }
        }
        HirKind::Capture(capture) => required_parts(&capture.sub, extractor, most, out),
        HirKind::Repetition(rep) if rep.min >= 1 => {
            required_parts(&rep.sub, extractor, most, out);
        }
        HirKind::Repetition(_) | HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(_) | HirKind::Class(_) => out.extend(needles(&extractor.extract(hir))),
        HirKind::Alternation(branches) => {
            let mut any_of: Vec<Needle> = Vec::new();
            for branch in branches {
                let mut own = Vec::new();
                required_parts(branch, extractor, most, &mut own);
                let Some(best) = own.into_iter().max_by_key(|r| weakest(r)) else {
                    return;
                };
                any_of.extend(best);
            }
            any_of.sort_unstable_by(|a, b| a.literal.cmp(&b.literal));
            any_of.dedup();
            if any_of.len() <= most {
                out.push(any_of);
            }
        }
    }
}

/// Drops every literal that contains another one of `any_of` (or equals an
/// earlier one): a text can only contain it where it contains the shorter.
fn minimise(any_of: &mut Vec<Needle>) {
    any_of
        .sort_unstable_by(|a, b| (a.literal.len(), &a.literal).cmp(&(b.literal.len(), &b.literal)));
    let mut kept: Vec<Needle> = Vec::with_capacity(any_of.len());
    for needle in any_of.drain(..) {
        if !kept
            .iter()
            .any(|shorter| contains(&needle.literal, &shorter.literal))
        {
            kept.push(needle);
        }
    }
    *any_of = kept;
}

/// A literal sequence as a requirement: its literals, when they are
/// finite, few, and none of them empty (a part that may match nothing
/// requires nothing).
fn needles(seq: &Seq) -> Option<Vec<Needle>> {
    let literals = seq.literals()?;
    let useful = !literals.is_empty()
        && literals.len() <= MAX_LITERALS
        && literals.iter().all(|l| !l.as_bytes().is_empty());
    useful.then(|| {
        let mut needles: Vec<Needle> = literals.iter().map(|l| Needle::of(l.as_bytes())).collect();
        needles.sort_unstable_by(|a, b| a.literal.cmp(&b.literal));
        needles.dedup();
        needles
    })
}

/// `hir` with every ASCII letter in lower case only, in literals and in
/// classes (`[Kk\u{212A}]` becomes `[k\u{212A}]`, `[A-Z]` becomes `[a-z]`):
/// what a byte set that folds ASCII case sees.
fn fold_ascii_case(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(Literal(bytes)) => Hir::literal(bytes.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(class))
            if class.iter().any(|r| r.start() <= 'Z' && 'A' <= r.end()) =>
        {
            let upper = ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]);
            let mut capitals = class.clone();
            capitals.intersect(&upper);
            let mut folded = class.clone();
            folded.difference(&upper);
            folded.union(&ClassUnicode::new(capitals.iter().map(|range| {
                ClassUnicodeRange::new(
                    range.start().to_ascii_lowercase(),
                    range.end().to_ascii_lowercase(),
                )
            })));
            match folded.ranges() {
                [one] if one.start() == one.end() => {
                    Hir::literal(one.start().to_string().into_bytes())
                }
                _ => Hir::class(Class::Unicode(folded)),
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
        let folded = text.as_bytes().to_ascii_lowercase();
        let requirements = requirements(pattern);
        let index = Index::new([&requirements]);
        requirements.allow(last, &Probe::new(text, &folded, &index))
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
