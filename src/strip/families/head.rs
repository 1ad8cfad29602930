//! What every match of a pattern starts with, and the check on a text's
//! first bytes that follows from it.
//!
//! Most patterns are a list of phrases ("Most popular", "Share this
//! article", "Accept all cookies", "Updated 3 hours ago"), and a text that
//! starts with none of their first bytes can be refused before the
//! automaton reads it. A pattern's [`Head`] holds the first
//! [`HEAD_BYTES`] bytes of its matches (ASCII case folded), worked out
//! from the pattern's syntax tree by [`starts`], after the optional
//! decoration (bullets, bars, brackets) some patterns allow in front; a
//! text's [`Heads`] are its own first bytes at its start and after each of
//! its leading decoration characters.
//!
//! [`starts`] is a bounded walk of its own rather than regex-syntax's
//! literal extractor: the extractor gives up on a concatenation once the
//! product of its members' literal counts passes its limit, before cutting
//! the literals short, so a date pattern (a hundred labels, then times,
//! then days) has no prefix literals at all, though it has a few thousand
//! distinct four-byte starts.

use regex_syntax::hir::{Class, Hir, HirKind, Literal};

/// Bytes of a text's start a [`Head`] reads.
pub const HEAD_BYTES: usize = 4;

/// Most starts a [`Head`] lists; more are cut shorter ([`shrink`]).
const MAX_STARTS: usize = 4096;

/// How many times [`MAX_STARTS`] a concatenation's starts may grow to
/// before they are cut (cutting is slow; a few long lists are not).
const SHRINK_AFTER: usize = 8;

/// Largest class whose characters [`starts`] lists one by one (the folded
/// letters and digits, `[a-z0-9]`); a larger one ends what is known of a
/// start.
const MAX_START_CLASS_CHARS: u32 = 10;

/// Most characters of leading decoration a text's heads are taken after;
/// a text with more meets every pattern that allows decoration.
pub const MAX_LEAD_CHARS: usize = 3;

/// Classes of more characters than this (outside the private-use areas)
/// are not read for whether they hold a letter or digit: decoration
/// classes list a few dozen symbols.
const MAX_DECORATION_CLASS_CHARS: u32 = 4096;

/// Filter bits per start: about one false pass in sixteen texts for each
/// start length tested.
const FILTER_BITS_PER_START: usize = 16;

/// Multiplier of the filter's hash (Fibonacci hashing: 2³² / φ).
pub const FIBONACCI: u32 = 0x9E37_79B9;

/// The [`HEAD_BYTES`] bytes of `folded` from `at`, every digit read as
/// `0`, little-endian, zero past its end: a start compares equal only to a
/// text that begins with all of it, since no start holds a zero byte.
///
/// Digits are one to a head as ASCII case is to the folded text: a date
/// pattern's ten thousand four-digit years are the one start `0000`.
pub fn head_at(folded: &[u8], at: usize) -> u32 {
    let mut head = [0; HEAD_BYTES];
    for (slot, &byte) in head.iter_mut().zip(folded.get(at..).unwrap_or_default()) {
        *slot = if byte.is_ascii_digit() { b'0' } else { byte };
    }
    u32::from_le_bytes(head)
}

/// A text's first bytes, folded ([`head_at`]): at its start and after each
/// of its leading decoration characters (none of them a letter or digit).
#[derive(Clone, Copy, Debug)]
pub struct Heads {
    heads: [u32; MAX_LEAD_CHARS + 1],
    /// How many of `heads` are set.
    count: usize,
    /// Whether the text has more leading decoration than `heads` holds.
    long_lead: bool,
}

impl Heads {
    /// The text's first two bytes, folded, at its start ([`Head::openings`]).
    pub fn opening(&self) -> u16 {
        self.heads[0] as u16
    }

    /// The first two bytes after each leading decoration character, or
    /// `None` when the text has more of it than is read.
    pub fn openings_after_decoration(&self) -> Option<impl Iterator<Item = u16> + '_> {
        (!self.long_lead).then(|| self.heads[1..self.count].iter().map(|&h| h as u16))
    }

    /// The heads of `text`, whose bytes with ASCII letters in lower case
    /// are `folded`.
    pub fn of(text: &str, folded: &[u8]) -> Heads {
        let mut heads = Heads {
            heads: [head_at(folded, 0), 0, 0, 0],
            count: 1,
            long_lead: false,
        };
        for (at, c) in text.char_indices() {
            if c.is_alphanumeric() {
                break;
            }
            if heads.count == heads.heads.len() {
                heads.long_lead = true;
                break;
            }
            heads.heads[heads.count] = head_at(folded, at + c.len_utf8());
            heads.count += 1;
        }
        heads
    }
}

/// What every match of a pattern starts with: a bit filter over the
/// [`head_at`] values of its [`starts`], after the decoration the pattern
/// allows in front. Empty (no filter) when the starts are unknown or too
/// many.
#[derive(Clone, Debug, Default)]
pub struct Head {
    /// Whether the pattern allows decoration before its first word, so a
    /// text's heads after its own leading decoration count too.
    after_decoration: bool,
    /// Which start lengths (1 to [`HEAD_BYTES`]) occur: bit `n` for `n`.
    lengths: u8,
    /// The filter: the bit [`Head::slot`] gives for each start is set.
    bits: Box<[u64]>,
    /// Right shift that turns a hashed head into a bit index.
    shift: u32,
    /// The first two bytes its starts may begin with (see
    /// [`Head::openings`]), for the pattern index.
    openings: Box<[u16]>,
}

impl Head {
    /// The head of a pattern read with ASCII case folded.
    pub fn of(folded: &Hir) -> Head {
        let (rest, after_decoration) = without_leading_decoration(folded);
        let starts = starts(&rest, HEAD_BYTES);
        let usable = !starts.is_empty()
            && starts
                .iter()
                .all(|s| s.len() > 0 && s.bytes().to_le_bytes()[..s.len()].iter().all(|&b| b != 0));
        if !usable {
            return Head::default();
        }
        let index_bits = (starts.len() * FILTER_BITS_PER_START)
            .next_power_of_two()
            .max(64)
            .trailing_zeros();
        let mut openings: Vec<u16> = Vec::new();
        for start in &starts {
            let two = start.bytes() as u16;
            if start.len() == 1 && !start.is_whole() {
                // One byte known: any second byte may follow.
                openings.extend((0..=u8::MAX).map(|second| two | u16::from(second) << 8));
            } else {
                openings.push(two);
            }
        }
        openings.sort_unstable();
        openings.dedup();
        let mut head = Head {
            after_decoration,
            lengths: 0,
            bits: vec![0; (1 << index_bits) / 64].into_boxed_slice(),
            shift: 32 - index_bits,
            openings: openings.into_boxed_slice(),
        };
        for start in &starts {
            // A whole match is all of the text: its zeros past the end count.
            head.lengths |= 1
                << if start.is_whole() {
                    HEAD_BYTES
                } else {
                    start.len()
                };
            let slot = head.slot(start.bytes());
            head.bits[slot / 64] |= 1 << (slot % 64);
        }
        head
    }

    fn slot(&self, head: u32) -> usize {
        (head.wrapping_mul(FIBONACCI) >> self.shift) as usize
    }

    /// Whether one of the starts may begin a text whose folded first bytes
    /// are `head`.
    fn begins(&self, head: u32) -> bool {
        (1..=HEAD_BYTES).any(|len| {
            if self.lengths & (1 << len) == 0 {
                return false;
            }
            let slot = self.slot(head & (u32::MAX >> (8 * (HEAD_BYTES - len))));
            self.bits[slot / 64] & (1 << (slot % 64)) != 0
        })
    }

    /// Whether a match may begin a text with these heads.
    pub fn allow(&self, heads: &Heads) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        if !self.after_decoration {
            return self.begins(heads.heads[0]);
        }
        heads.long_lead || heads.heads[..heads.count].iter().any(|&h| self.begins(h))
    }

    /// Whether the head filters anything.
    pub fn is_known(&self) -> bool {
        !self.bits.is_empty()
    }

    /// Whether the pattern allows decoration before its first word.
    pub fn after_decoration(&self) -> bool {
        self.after_decoration
    }

    /// The first two bytes its starts may begin with, as the low two bytes
    /// of a [`head_at`] value; empty when the head is unknown.
    pub fn openings(&self) -> &[u16] {
        &self.openings
    }
}

/// A start of a match, packed: its first bytes (at most [`HEAD_BYTES`])
/// little-endian in the low 32 bits, their count above them, and whether
/// they are all of the match (so what follows in the pattern continues it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Start(u64);

/// Bit of [`Start`] that marks a whole match.
const WHOLE: u64 = 1 << 40;

impl Start {
    /// The start of the empty match.
    const EMPTY: Start = Start(WHOLE);
    /// A start that says nothing: a match may begin with anything.
    const UNKNOWN: Start = Start(0);

    /// The first `len` bytes of `bytes`, whole when that is all of them.
    fn of(bytes: &[u8], len: usize) -> Start {
        let cut = bytes.len().min(len);
        let whole = if bytes.len() <= len { WHOLE } else { 0 };
        Start(u64::from(head_at(&bytes[..cut], 0)) | (cut as u64) << 32 | whole)
    }

    fn bytes(self) -> u32 {
        self.0 as u32
    }

    fn len(self) -> usize {
        ((self.0 >> 32) & 0xff) as usize
    }

    fn is_whole(self) -> bool {
        self.0 & WHOLE != 0
    }

    /// This start followed by `next`, cut to `len` bytes.
    fn then(self, next: Start, len: usize) -> Start {
        let joined = self.len() + next.len();
        let bytes = u64::from(self.bytes()) | u64::from(next.bytes()) << (8 * self.len());
        let cut = joined.min(len);
        let mask = (1u64 << (8 * cut)) - 1;
        let whole = if next.is_whole() && joined <= len {
            WHOLE
        } else {
            0
        };
        Start((bytes & mask) | (cut as u64) << 32 | whole)
    }

    /// This start cut to `len` bytes.
    fn cut(self, len: usize) -> Start {
        if self.len() <= len {
            return self;
        }
        Start(u64::from(self.bytes()) & ((1u64 << (8 * len)) - 1) | (len as u64) << 32)
    }
}

/// A set of starts: sorted, without repeats.
type Starts = Vec<Start>;

/// `starts` as a set: sorted, without repeats.
fn settle(mut starts: Vec<Start>) -> Starts {
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// `starts` cut shorter where they are many alike, until at most
/// [`MAX_STARTS`] are left: for `keep` from [`HEAD_BYTES`] − 1 down, the
/// starts that share their first `keep` bytes with the most others lose
/// the rest. A run of digits ("2019", "2020", …) becomes "20", while the
/// words beside it keep their four bytes.
fn shrink(mut set: Starts) -> Starts {
    for keep in (1..HEAD_BYTES).rev() {
        if set.len() <= MAX_STARTS {
            break;
        }
        // The groups of starts longer than `keep` that share `keep` bytes, largest first.
        let mut prefixes: Vec<Start> = set
            .iter()
            .filter(|s| s.len() > keep)
            .map(|s| s.cut(keep))
            .collect();
        prefixes.sort_unstable();
        let mut groups: Vec<(usize, Start)> = prefixes
            .chunk_by(|a, b| a == b)
            .map(|group| (group.len(), group[0]))
            .collect();
        groups.sort_unstable_by(|a, b| b.cmp(a));
        let mut excess = set.len() - MAX_STARTS;
        let mut cut = Vec::new();
        for (count, prefix) in groups {
            if excess == 0 {
                break;
            }
            cut.push(prefix);
            excess = excess.saturating_sub(count - 1);
        }
        cut.sort_unstable();
        set = settle(
            set.into_iter()
                .map(|s| {
                    let prefix = s.cut(keep);
                    if s.len() > keep && cut.binary_search(&prefix).is_ok() {
                        prefix
                    } else {
                        s
                    }
                })
                .collect(),
        );
    }
    set
}

/// The first `len` bytes of every match of `hir` (all of a shorter match,
/// marked whole), at most [`MAX_STARTS`] of them ([`shrink`]). A start
/// shorter than `len` that is not whole means a match may go on with
/// anything there (a large class); an empty one, that nothing is known.
fn starts(hir: &Hir, len: usize) -> Starts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => vec![Start::EMPTY],
        HirKind::Literal(Literal(bytes)) => vec![Start::of(bytes, len)],
        HirKind::Class(Class::Unicode(class)) => {
            let size = class
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .fold(0, u32::saturating_add);
            if size > MAX_START_CLASS_CHARS {
                return vec![Start::UNKNOWN];
            }
            let mut utf8 = [0; 4];
            settle(
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| Start::of(c.encode_utf8(&mut utf8).as_bytes(), len))
                    .collect(),
            )
        }
        HirKind::Class(Class::Bytes(class)) => {
            let size: u32 = class
                .iter()
                .map(|r| u32::from(r.end() - r.start()) + 1)
                .sum();
            if size > MAX_START_CLASS_CHARS {
                return vec![Start::UNKNOWN];
            }
            settle(
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|b| Start::of(&[b], len))
                    .collect(),
            )
        }
        HirKind::Capture(capture) => starts(&capture.sub, len),
        HirKind::Concat(members) => {
            let mut so_far = vec![Start::EMPTY];
            for member in members {
                if so_far.iter().all(|s| !s.is_whole() || s.len() == len) {
                    break;
                }
                so_far = then(&so_far, &starts(member, len), len);
            }
            so_far
        }
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(starts(branch, len));
                if all.len() > MAX_STARTS {
                    all = shrink(settle(all));
                }
            }
            shrink(settle(all))
        }
        HirKind::Repetition(rep) => {
            let one = starts(&rep.sub, len);
            // Past `len` copies every start is full (or the copies match
            // nothing), so more add none.
            let most = len as u32 + 1;
            let mut so_far = vec![Start::EMPTY];
            for _ in 0..rep.min.min(most) {
                so_far = then(&so_far, &one, len);
            }
            let optional = rep.max.map_or(u32::MAX, |max| max - rep.min);
            let mut all = so_far.clone();
            for _ in 0..optional.min(most) {
                so_far = then(&so_far, &one, len);
                let before = all.len();
                all.extend(so_far.iter().copied());
                all = shrink(settle(all));
                if all.len() == before {
                    break;
                }
            }
            all
        }
    }
}

/// The starts of `first` followed by `second`: a whole start of `first`
/// shorter than `len` goes on with each start of `second`.
fn then(first: &Starts, second: &Starts, len: usize) -> Starts {
    // A start of `k` bytes goes on with `len - k` bytes of the next, and
    // those are far fewer than the next's starts in full.
    let mut second_cut: Vec<Option<Starts>> = vec![None; len + 1];
    let mut out = Vec::with_capacity(first.len());
    for &start in first {
        if !start.is_whole() || start.len() == len {
            out.push(Start(start.0 & !WHOLE));
            continue;
        }
        let room = len - start.len();
        let next = second_cut[room]
            .get_or_insert_with(|| settle(second.iter().map(|s| s.cut(room)).collect()));
        out.extend(next.iter().map(|&next| start.then(next, len)));
        if out.len() > SHRINK_AFTER * MAX_STARTS {
            out = shrink(settle(out));
        }
    }
    shrink(settle(out))
}

/// `hir` without the optional decoration it may start with (repetitions
/// that may match nothing, of a class or literal with no letter or digit
/// in it), and whether there was any. A text matching `hir` then matches
/// the rest after a run of its own leading characters that are no letter
/// or digit.
fn without_leading_decoration(hir: &Hir) -> (Hir, bool) {
    let HirKind::Concat(members) = hir.kind() else {
        return (hir.clone(), false);
    };
    let mut kept = Vec::with_capacity(members.len());
    let mut dropped = false;
    let mut leading = true;
    for member in members {
        if leading {
            match member.kind() {
                HirKind::Look(_) => {}
                HirKind::Repetition(rep) if rep.min == 0 && is_decoration(&rep.sub) => {
                    dropped = true;
                    continue;
                }
                _ => leading = false,
            }
        }
        kept.push(member.clone());
    }
    (Hir::concat(kept), dropped)
}

/// Whether `hir` is a class or literal without a letter or digit
/// ([`char::is_alphanumeric`]) among its characters.
fn is_decoration(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(Literal(bytes)) => {
            std::str::from_utf8(bytes).is_ok_and(|s| !s.chars().any(char::is_alphanumeric))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut counted = 0u32;
            class.iter().all(|range| {
                let (start, end) = (range.start(), range.end());
                if PRIVATE_USE.iter().any(|&(lo, hi)| lo <= start && end <= hi) {
                    return true;
                }
                counted = counted.saturating_add(u32::from(end) - u32::from(start) + 1);
                counted <= MAX_DECORATION_CLASS_CHARS && (start..=end).all(|c| !c.is_alphanumeric())
            })
        }
        _ => false,
    }
}

/// The private-use areas: their characters are general category `Co` for
/// good (a Unicode stability guarantee), never letters or digits.
const PRIVATE_USE: [(char, char); 3] = [
    ('\u{E000}', '\u{F8FF}'),
    ('\u{F0000}', '\u{FFFFD}'),
    ('\u{100000}', '\u{10FFFD}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The starts of a pattern as compiled (anchored, case folded by hand).
    fn starts_as_text(pattern: &str, len: usize) -> Vec<String> {
        let hir = regex_syntax::parse(pattern).expect("test pattern parses");
        let (rest, _) = without_leading_decoration(&hir);
        let mut all: Vec<String> = starts(&rest, len)
            .into_iter()
            .map(|s| String::from_utf8_lossy(&s.bytes().to_le_bytes()[..s.len()]).into_owned())
            .collect();
        all.sort();
        all
    }

    fn head_allows(pattern: &str, text: &str) -> bool {
        let hir = regex_syntax::parse(pattern).expect("test pattern parses");
        let folded = text.as_bytes().to_ascii_lowercase();
        Head::of(&hir).allow(&Heads::of(text, &folded))
    }

    #[test]
    fn phrases_start_with_their_first_bytes() {
        assert_eq!(
            starts_as_text(r"^(?:most (?:read|popular)|ok)$", 4),
            vec!["most", "ok"]
        );
        assert!(head_allows(r"^(?:most (?:read|popular)|ok)$", "Most read"));
        // Four bytes are read: "Mostly sunny" begins as "Most read" does.
        assert!(head_allows(
            r"^(?:most (?:read|popular)|ok)$",
            "Mostly sunny"
        ));
        assert!(!head_allows(r"^(?:most (?:read|popular)|ok)$", "Mist"));
        assert!(!head_allows(r"^(?:most (?:read|popular)|ok)$", "Okay"));
    }

    #[test]
    fn a_large_class_ends_what_is_known() {
        // After "by " any letter may come: the start is "by " and no more.
        assert_eq!(starts_as_text(r"^(?:by [a-zà-ÿ]+)$", 4), vec!["by "]);
        // Starting with one, nothing is known.
        assert_eq!(starts_as_text(r"^(?:[a-zà-ÿ]+ said)$", 4), vec![""]);
        assert!(head_allows(r"^(?:[a-zà-ÿ]+ said)$", "anything"));
    }

    #[test]
    fn digits_are_one_and_many_alike_starts_are_cut_shorter() {
        // Every digit is read as 0, so four digits are one start.
        assert_eq!(
            starts_as_text(r"^(?:[0-9]{4}-[0-9]{2}|updated .*)$", 4),
            vec!["0000", "upda"]
        );
        // Where starts are still too many, the most alike are cut shorter,
        // and the others keep their four bytes.
        let letters = r"^(?:[a-j][a-j][a-j][a-j]x|updated .*)$";
        let starts = starts_as_text(letters, 4);
        assert!(starts.len() <= MAX_STARTS, "{} starts", starts.len());
        assert!(starts.contains(&"upda".to_string()));
        assert!(starts.iter().any(|s| s.len() == 3 && s.starts_with('a')));
        assert!(head_allows(
            r"^(?:[0-9]{4}-[0-9]{2}|updated .*)$",
            "2021-10"
        ));
        assert!(!head_allows(
            r"^(?:[0-9]{4}-[0-9]{2}|updated .*)$",
            "x2021-10"
        ));
        assert!(!head_allows(
            r"^(?:[0-9]{4}-[0-9]{2}|updated .*)$",
            "Upload"
        ));
    }

    #[test]
    fn optional_and_repeated_parts() {
        assert_eq!(
            starts_as_text(r"^(?:(?:a|b)?c{2,}d)$", 4),
            vec!["accc", "accd", "bccc", "bccd", "cccc", "cccd", "ccd"]
        );
    }

    #[test]
    fn leading_decoration_is_skipped_in_pattern_and_text() {
        let p = r"^(?:[ *•|\[\]-]*(?:share|tweet)[ *•|\[\]-]*)$";
        assert!(head_allows(p, "Share"));
        assert!(head_allows(p, "• Share"));
        assert!(head_allows(p, "[ Tweet ]"));
        assert!(!head_allows(p, "• Shop"));
        // More decoration than is read: the check gives way.
        assert!(head_allows(p, "* * * * Shop"));
        // A class with a letter or digit in it is no decoration.
        assert!(!is_decoration(
            &regex_syntax::parse("[-x]").expect("parses")
        ));
        assert!(is_decoration(
            &regex_syntax::parse(r"[\p{Co}•]").expect("parses")
        ));
    }
}
