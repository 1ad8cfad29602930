//! Detector families: small, named pattern tables, one family per file.
//!
//! A family claims a whole block (a line of page text, a short HTML block)
//! as one kind of page chrome. Patterns are anchored to the whole normalised
//! block text and matched case-insensitively, so a sentence that merely
//! mentions the weather or a date never matches. Each pattern is compiled
//! once into its own lazy DFA (regex-automata's hybrid engine, see
//! [`Automaton`]); before it runs, a text must pass cheap checks on its
//! first and last byte, on the bytes it starts with ([`head`]) and on the
//! bytes and pairs of bytes every match contains ([`required`]), all read
//! once per text into a [`Probe`]. A page's short blocks meet the detectors
//! all at once ([`classify_all`]).

use std::cell::RefCell;
use std::sync::{LazyLock, Mutex, PoisonError};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::{Anchored, Input, MatchKind};

use self::index::Index;
use self::required::{Probe, Requirements};
use super::Reason;

pub mod advert;
pub mod byline;
pub mod caption;
pub mod copyright;
pub mod credit;
pub mod dateline;
pub mod head;
pub mod index;
pub mod navigation;
pub mod prompt;
pub mod required;
pub mod weather;
pub mod widget;

/// One family of chrome: the reason it stands for and its patterns.
#[derive(Debug)]
pub struct Family {
    /// Short name, used in test messages.
    pub name: &'static str,
    /// The reason recorded for blocks this family claims.
    pub reason: Reason,
    /// Blocks with more words than this are never claimed by this family.
    pub max_words: usize,
    /// A last check on a matching text, for what patterns cannot say
    /// (a byline's "name" must not be a weekday).
    pub check: Option<fn(&str) -> bool>,
    /// A cheap condition every match meets, tested before the patterns run
    /// (a pattern that must scan the whole line to decide, such as a
    /// caption's credit at its end, is skipped for lines that cannot end so).
    pub requires: Option<fn(&str) -> bool>,
    /// Named sub-patterns: `{name}` in a pattern stands for `(?:part)`.
    pub parts: &'static [(&'static str, &'static str)],
    /// Regex patterns, each matched against the whole block text
    /// (implicitly `(?i)^(?:…)$`, with whitespace collapsed).
    pub patterns: &'static [&'static str],
}

/// Parts every family may use. Small explicit classes instead of Unicode
/// properties: `\p{Lu}` and friends compile to automata megabytes large.
pub const SHARED_PARTS: &[(&str, &str)] = &[
    // An upper-case letter (Latin, Latin-1, Latin Extended-A, Greek, Cyrillic).
    (
        "upper",
        r"(?-i:[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΑ-ΩА-ЯЁ])",
    ),
    // A lower-case letter of the same scripts.
    (
        "lower",
        r"(?-i:[a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžα-ωа-яё])",
    ),
    // Any letter of those scripts, either case.
    ("letter", r"[A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ]"),
];

impl Family {
    /// Whether the family may claim a text of `words` words at all: not
    /// too long, and meeting the family's cheap condition.
    fn may_claim(&self, text: &str, words: usize) -> bool {
        words <= self.max_words && self.requires.is_none_or(|r| r(text))
    }

    /// The family's last check on a text its patterns matched.
    fn confirms(&self, text: &str) -> bool {
        self.check.is_none_or(|check| check(text))
    }

    /// The family's patterns with their `{name}` parts expanded and anchored.
    pub(crate) fn expanded(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns.iter().map(|p| {
            let mut pattern = (*p).to_string();
            // Parts may use other parts, so expand until nothing changes.
            for _ in 0..4 {
                for (name, part) in self.parts.iter().chain(SHARED_PARTS) {
                    pattern = pattern.replace(&format!("{{{name}}}"), &format!("(?:{part})"));
                }
            }
            anchor(&pattern)
        })
    }
}

/// Every family, in priority order (the first family that matches wins).
pub static FAMILIES: &[&Family] = &[
    &weather::FAMILY,
    &dateline::FAMILY,
    &caption::FAMILY,
    &caption::CREDIT_AT_END,
    &byline::FAMILY,
    &advert::FAMILY,
    &credit::FAMILY,
    &copyright::FAMILY,
    &prompt::SHARE,
    &prompt::SUBSCRIBE,
    &prompt::COOKIE,
    &widget::FAMILY,
    &navigation::FAMILY,
    &navigation::GLUED,
];

/// One pattern compiled into an automaton that tells whether it matches a
/// whole text, with the cheap checks that run before it.
pub struct Automaton {
    /// The pattern's number in its [`Index`].
    number: usize,
    dfa: DFA,
    /// Which first bytes of a text the pattern can start with (as they
    /// are, not folded): a text starting with any other byte is rejected
    /// without a walk.
    first_bytes: [u64; 4],
    /// What a text must contain and start with to match.
    requirements: Requirements,
}

impl Automaton {
    /// Compiles an anchored pattern.
    ///
    /// # Panics
    /// On an invalid pattern: the tables are code, and their tests compile them.
    fn new(number: usize, pattern: &str) -> Self {
        Automaton::with_cache_capacity(number, pattern, DFA_CACHE_LIMIT)
    }

    /// [`Automaton::new`] with a lazy-DFA cache of at most `capacity` bytes
    /// (or the least the automaton can run with).
    fn with_cache_capacity(number: usize, pattern: &str, capacity: usize) -> Self {
        // Parsed once, for the automaton and for what matches must contain.
        let hir = regex_syntax::parse(pattern).expect("detector patterns are valid regexes");
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build_from_hir(&hir)
            .expect("detector patterns compile within the size limit");
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(capacity)
                    // Only a cache asked to be smaller than the detectors'
                    // (a test's) may fall back to the least that works; the
                    // detectors' own must fit, or building fails.
                    .skip_cache_capacity_check(capacity < DFA_CACHE_LIMIT),
            )
            .build_from_nfa(nfa)
            .expect("detector automata fit the lazy DFA");
        let mut first_bytes = [u64::MAX; 4];
        let mut cache = dfa.create_cache();
        if let Ok(start) =
            dfa.start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes))
        {
            for byte in 0..=u8::MAX {
                let can_start = dfa
                    .next_state(&mut cache, start, byte)
                    .map_or(true, |sid| !sid.is_dead());
                if !can_start {
                    first_bytes[usize::from(byte >> 6)] &= !(1 << (byte & 63));
                }
            }
        }
        let requirements = Requirements::of(&hir);
        Automaton {
            number,
            dfa,
            first_bytes,
            requirements,
        }
    }

    /// A fresh cache for [`Automaton::is_match`].
    fn cache(&self) -> Cache {
        self.dfa.create_cache()
    }

    /// Whether the pattern matches all of the probed text.
    fn is_match(&self, cache: &mut Cache, probe: &Probe<'_>) -> bool {
        self.may_match(probe) && self.walks_to_match(cache, probe.text)
    }

    /// Whether the cheap checks let the probed text through to a walk.
    fn may_match(&self, probe: &Probe<'_>) -> bool {
        let Some((first, last)) = probe.ends().filter(|_| probe.may_begin(self.number)) else {
            return false;
        };
        let can_start = self.first_bytes[usize::from(first >> 6)] & (1 << (first & 63)) != 0;
        can_start && self.requirements.allow(last, probe)
    }

    /// [`Automaton::walks_to_match`] for each of `texts`, walked
    /// [`WALK_LANES`] at a time side by side, a byte of each in turn.
    ///
    /// A walk's time goes to reading the automaton's next state from its
    /// tables, which the page's parse has pushed out of the processor's
    /// caches; one walk waits for each read before the next, while reads
    /// for different texts do not depend on each other, so the processor
    /// overlaps their waits.
    fn walk_side_by_side<'t>(
        &self,
        cache: &mut Cache,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Vec<bool> {
        let texts: Vec<&str> = texts.into_iter().collect();
        let mut matched = vec![false; texts.len()];
        for (texts, matched) in texts.chunks(WALK_LANES).zip(matched.chunks_mut(WALK_LANES)) {
            if !self.walk_lanes(cache, texts, matched) {
                // The cache was cleared under the other lanes' states: walk
                // each text on its own.
                for (text, matched) in texts.iter().zip(matched.iter_mut()) {
                    *matched = self.walks_to_match(cache, text);
                }
            }
        }
        matched
    }

    /// Walks at most [`WALK_LANES`] texts side by side, setting `matched`
    /// for each; false (with `matched` not to be read) as soon as a step
    /// clears the cache, since a cleared cache's earlier states are no
    /// longer valid (reading one is out of its tables' bounds).
    fn walk_lanes(&self, cache: &mut Cache, texts: &[&str], matched: &mut [bool]) -> bool {
        let clears = cache.clear_count();
        // Each lane's state, or None once it is done.
        let mut states = [None; WALK_LANES];
        for (state, text) in states.iter_mut().zip(texts) {
            let input = Input::new(*text).anchored(Anchored::Yes);
            // A cache error means a pathological text; it matches nothing.
            *state = self.dfa.start_state_forward(cache, &input).ok();
            if cache.clear_count() != clears {
                return false;
            }
        }
        let longest = texts.iter().map(|t| t.len()).max().unwrap_or(0);
        for at in 0..=longest {
            let mut open = false;
            for ((state, text), matched) in states.iter_mut().zip(texts).zip(matched.iter_mut()) {
                let Some(sid) = *state else { continue };
                let next = match text.as_bytes().get(at) {
                    Some(&byte) => self.dfa.next_state(cache, sid, byte),
                    None => self.dfa.next_eoi_state(cache, sid),
                };
                // Computing a new state may clear the cache, and the other
                // lanes' states with it.
                if cache.clear_count() != clears {
                    return false;
                }
                *state = match next {
                    Ok(next) if at == text.len() => {
                        *matched = next.is_match();
                        None
                    }
                    Ok(next) if !(next.is_dead() || next.is_quit()) => Some(next),
                    _ => None,
                };
                open |= state.is_some();
            }
            if !open {
                break;
            }
        }
        true
    }

    /// Whether the pattern matches all of `text`, by the automaton alone:
    /// what [`Automaton::is_match`] must answer whatever its checks.
    fn walks_to_match(&self, cache: &mut Cache, text: &str) -> bool {
        // A cache error means a pathological text; it matches nothing.
        matches!(self.walk(cache, text), Ok(Some(sid)) if sid.is_match())
    }

    /// Runs the DFA over all of `text`; the final state, or `None` once no
    /// pattern can match.
    fn walk(
        &self,
        cache: &mut Cache,
        text: &str,
    ) -> Result<Option<regex_automata::hybrid::LazyStateID>, Box<dyn std::error::Error>> {
        let input = Input::new(text).anchored(Anchored::Yes);
        let mut sid = self.dfa.start_state_forward(cache, &input)?;
        for &byte in text.as_bytes() {
            sid = self.dfa.next_state(cache, sid, byte)?;
            if sid.is_dead() || sid.is_quit() {
                return Ok(None);
            }
        }
        Ok(Some(self.dfa.next_eoi_state(cache, sid)?))
    }
}

/// Each family's patterns, one automaton per pattern, in [`FAMILIES`] order.
///
/// One automaton per pattern, not per family: a family's patterns compiled
/// together keep many patterns alive at once, and the lazy DFA then builds
/// a new state for nearly every text it walks (the navigation family spent
/// five times as long determinising as its patterns walked one by one).
static COMPILED: LazyLock<Vec<Vec<Automaton>>> = LazyLock::new(|| {
    let mut number = 0;
    FAMILIES
        .iter()
        .map(|family| {
            family
                .expanded()
                .map(|pattern| {
                    number += 1;
                    Automaton::new(number - 1, &pattern)
                })
                .collect()
        })
        .collect()
});

/// The patterns of [`COMPILED`] by what a text must begin with or hold.
static INDEX: LazyLock<Index> =
    LazyLock::new(|| Index::new(COMPILED.iter().flatten().map(|a| &a.requirements)));

/// The lazy-DFA caches for [`COMPILED`], a set per family, shared by all
/// threads: a walk holds its family's lock for microseconds, and one set of
/// caches serves every worker of a batch run.
static CACHES: LazyLock<Vec<Mutex<Vec<Cache>>>> = LazyLock::new(|| {
    COMPILED
        .iter()
        .map(|automata| Mutex::new(automata.iter().map(Automaton::cache).collect()))
        .collect()
});

/// How many texts one automaton walks side by side ([`Automaton::walk_side_by_side`]).
const WALK_LANES: usize = 8;

/// Size limit of the families' compiled NFA.
const NFA_SIZE_LIMIT: usize = 64 << 20;
/// Cache limit of the lazy DFA; a cache too small for this many patterns thrashes.
const DFA_CACHE_LIMIT: usize = 4 << 20;

/// Anchors a pattern to the whole block, case-insensitively, with ASCII
/// Perl classes (see [`asciify`]).
fn anchor(pattern: &str) -> String {
    format!("(?i)^(?:{})$", asciify(pattern))
}

/// Makes `\d`, `\s`, `\w` and `\b` ASCII-only, inside and outside bracket
/// classes. Blocks are whitespace-collapsed, so `\s` is a space; Unicode
/// Perl classes would multiply the automaton's size, and the lazy DFA cannot
/// run a Unicode `\b` on non-ASCII text at all.
fn asciify(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                let (inside, outside) = match next {
                    'd' => ("0-9", "[0-9]"),
                    's' => (" \\t", "[ \\t]"),
                    'w' => ("0-9A-Za-z_", "[0-9A-Za-z_]"),
                    'b' => ("", "(?-u:\\b)"),
                    other => {
                        out.push('\\');
                        out.push(other);
                        continue;
                    }
                };
                if in_class && !inside.is_empty() {
                    out.push_str(inside);
                } else if in_class {
                    out.push_str("\\b");
                } else {
                    out.push_str(outside);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The family that claims `text` (whitespace already collapsed), if any:
/// the first in [`FAMILIES`] order that matches and allows `words`.
///
/// Each pattern has its own automaton; most texts never reach it, or leave
/// it within a few bytes.
pub fn classify(text: &str, words: usize) -> Option<&'static Family> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut buffer = [0; FOLD_BUFFER_BYTES];
    let folded = fold(text, &mut buffer);
    let probe = Probe::new(text, &folded, &INDEX);
    let mut first = 0;
    for ((family, automata), caches) in FAMILIES.iter().zip(&*COMPILED).zip(&*CACHES) {
        let numbered_from = first;
        first += automata.len();
        if !family.may_claim(text, words) {
            continue;
        }
        let any = {
            // A cache is only ever extended or cleared, so one a panicking
            // thread left behind is still sound.
            let mut caches = caches.lock().unwrap_or_else(PoisonError::into_inner);
            any_match(automata, &mut caches, numbered_from, &probe)
        };
        if any && family.confirms(text) {
            return Some(*family);
        }
    }
    None
}

/// Whether one of a family's automata, numbered from `first` in the index
/// the probe was made with, matches the probed text. Only the patterns the
/// index left in are read: a page's texts meet a hundred patterns each,
/// and reading every pattern's checks for every text costs more than the
/// walks that follow.
fn any_match(
    automata: &[Automaton],
    caches: &mut [Cache],
    first: usize,
    probe: &Probe<'_>,
) -> bool {
    probe.candidates().within(first, automata.len()).any(|k| {
        match (automata.get(k), caches.get_mut(k)) {
            (Some(automaton), Some(cache)) => automaton.is_match(cache, probe),
            _ => false,
        }
    })
}

/// Longest text [`classify`] folds on the stack (a longer one is folded on the heap).
const FOLD_BUFFER_BYTES: usize = 256;

/// `text`'s bytes with ASCII letters in lower case, in `buffer` when they fit.
fn fold<'b>(text: &str, buffer: &'b mut [u8; FOLD_BUFFER_BYTES]) -> std::borrow::Cow<'b, [u8]> {
    match buffer.get_mut(..text.len()) {
        Some(room) => {
            room.copy_from_slice(text.as_bytes());
            room.make_ascii_lowercase();
            std::borrow::Cow::Borrowed(room)
        }
        None => std::borrow::Cow::Owned(text.as_bytes().to_ascii_lowercase()),
    }
}

/// [`classify`] for many texts at once: the family that claims each text
/// (whitespace already collapsed) with its word count, if any. The result
/// is the same as one [`classify`] per text, but the texts are folded into
/// one buffer and probed together, and each family's lock is taken once.
pub fn classify_all(texts: &[(&str, usize)]) -> Vec<Option<&'static Family>> {
    let mut claimed: Vec<Option<&'static Family>> = vec![None; texts.len()];
    let trimmed: Vec<(usize, &str)> = texts
        .iter()
        .enumerate()
        .map(|(i, (text, _))| (i, text.trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    // All texts folded, one after another, in one buffer.
    let mut folded = Vec::with_capacity(trimmed.iter().map(|(_, t)| t.len()).sum());
    for (_, text) in &trimmed {
        folded.extend_from_slice(text.as_bytes());
    }
    folded.make_ascii_lowercase();
    // Texts not yet claimed: index and probe.
    let mut at = 0;
    let mut open: Vec<(usize, Probe<'_>)> = trimmed
        .iter()
        .map(|&(i, text)| {
            let probe = Probe::new(text, &folded[at..at + text.len()], &INDEX);
            at += text.len();
            (i, probe)
        })
        .collect();
    let mut first = 0;
    for ((family, automata), caches) in FAMILIES.iter().zip(&*COMPILED).zip(&*CACHES) {
        let numbered_from = first;
        first += automata.len();
        // For each pattern, the open texts the family may claim that the
        // index leaves in for it.
        let mut queued: Vec<Vec<usize>> = vec![Vec::new(); automata.len()];
        for (j, (i, probe)) in open.iter().enumerate() {
            if family.may_claim(probe.text, texts[*i].1) {
                for k in probe.candidates().within(numbered_from, automata.len()) {
                    if let Some(queue) = queued.get_mut(k) {
                        queue.push(j);
                    }
                }
            }
        }
        let mut matched = vec![false; open.len()];
        {
            // A cache is only ever extended or cleared, so one a panicking
            // thread left behind is still sound.
            let mut caches = caches.lock().unwrap_or_else(PoisonError::into_inner);
            for ((automaton, cache), queue) in automata.iter().zip(caches.iter_mut()).zip(&queued) {
                let walks: Vec<usize> = queue
                    .iter()
                    .copied()
                    .filter(|&j| !matched[j] && automaton.may_match(&open[j].1))
                    .collect();
                let found =
                    automaton.walk_side_by_side(cache, walks.iter().map(|&j| open[j].1.text));
                for (j, found) in walks.into_iter().zip(found) {
                    matched[j] |= found;
                }
            }
        }
        let mut hits = matched.into_iter();
        open.retain(|(i, probe)| {
            let claims = hits.next().unwrap_or(false) && family.confirms(probe.text);
            if claims {
                claimed[*i] = Some(*family);
            }
            !claims
        });
    }
    claimed
}

/// Most words a line made of two chrome items may have ("Tuesday 14
/// November 2023 9°C Marrowdene": a date widget and a weather reading).
const PAIR_MAX_WORDS: usize = 10;

/// The family that claims a short line made of two chrome items side by
/// side — each half claimed on its own — where a digit meets the split (dates,
/// times and temperatures carry digits). The first half's family is returned.
pub fn classify_pair(text: &str, words: usize) -> Option<&'static Family> {
    if words > PAIR_MAX_WORDS || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = text.trim();
    text.match_indices(' ').find_map(|(at, _)| {
        let (left, right) = (&text[..at], &text[at + 1..]);
        let digit_meets = left.ends_with(|c: char| c.is_ascii_digit())
            || right.starts_with(|c: char| c.is_ascii_digit() || c == '-');
        if !digit_meets {
            return None;
        }
        let left_family = classify(left, crate::document::count_words(left))?;
        classify(right, crate::document::count_words(right))?;
        Some(left_family)
    })
}

/// Whether `family` alone claims `text`; for tests and tools.
pub fn family_matches(family: &Family, text: &str) -> bool {
    FamilyMatcher::new(family).matches(text)
}

/// One family compiled on its own, for testing it in isolation: one
/// automaton per pattern with its checks, as [`classify`] runs them.
pub struct FamilyMatcher<'a> {
    family: &'a Family,
    automata: Vec<Automaton>,
    index: Index,
    caches: RefCell<Vec<Cache>>,
}

impl<'a> FamilyMatcher<'a> {
    /// Compiles `family`'s patterns.
    pub fn new(family: &'a Family) -> Self {
        let automata: Vec<Automaton> = family
            .expanded()
            .enumerate()
            .map(|(number, pattern)| Automaton::new(number, &pattern))
            .collect();
        let caches = RefCell::new(automata.iter().map(Automaton::cache).collect());
        let index = Index::new(automata.iter().map(|a| &a.requirements));
        FamilyMatcher {
            family,
            automata,
            index,
            caches,
        }
    }

    /// Whether the family claims `text` (whitespace is collapsed first).
    ///
    /// # Panics
    /// When a pattern's checks refuse a text its automaton matches: the
    /// checks must never change what matches, and every family test
    /// passes through here.
    pub fn matches(&self, text: &str) -> bool {
        let text = crate::document::collapse_whitespace(text);
        let text = text.trim();
        if text.is_empty()
            || !self
                .family
                .may_claim(text, crate::document::count_words(text))
        {
            return false;
        }
        let folded = text.as_bytes().to_ascii_lowercase();
        let probe = Probe::new(text, &folded, &self.index);
        let mut caches = self.caches.borrow_mut();
        let mut any = false;
        for (automaton, cache) in self.automata.iter().zip(caches.iter_mut()) {
            let checked = automaton.is_match(cache, &probe);
            let walked = automaton.walks_to_match(cache, text);
            assert_eq!(
                checked, walked,
                "family {}: the checks before the walk changed the answer for {text:?}",
                self.family.name
            );
            any |= checked;
        }
        any && self.family.confirms(text)
    }
}

/// Test helper: asserts each positive matches and each negative does not,
/// listing every failure rather than only the first.
#[cfg(test)]
pub(crate) fn check_family(family: &Family, positives: &[&str], negatives: &[&str]) {
    check_families(&[family], positives, negatives);
}

/// Test helper: [`check_family`] for families that together stand for one
/// kind of chrome (a text matches when one of them claims it).
#[cfg(test)]
pub(crate) fn check_families(families: &[&Family], positives: &[&str], negatives: &[&str]) {
    let matchers: Vec<FamilyMatcher<'_>> = families.iter().map(|f| FamilyMatcher::new(f)).collect();
    let matches = |text: &str| matchers.iter().any(|m| m.matches(text));
    let mut failures = Vec::new();
    for p in positives {
        if !matches(p) {
            failures.push(format!("should match: {p:?}"));
        }
    }
    for n in negatives {
        if matches(n) {
            failures.push(format!("should not match: {n:?}"));
        }
    }
    let names: Vec<&str> = families.iter().map(|f| f.name).collect();
    assert!(
        failures.is_empty(),
        "family {}:\n{}",
        names.join(" + "),
        failures.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_become_ascii() {
        assert_eq!(
            asciify(r"\d+[\s,]\w\b[^\d]"),
            r"[0-9]+[ \t,][0-9A-Za-z_](?-u:\b)[^0-9]"
        );
        assert_eq!(asciify(r"[\]\d]\."), r"[\]0-9]\.");
    }

    #[test]
    fn two_chrome_items_on_one_line() {
        let pair = |t: &str| classify_pair(t, crate::document::count_words(t)).map(|f| f.reason);
        assert_eq!(
            pair("Tuesday 14 November 2023 9°C Marrowdene"),
            Some(Reason::Dateline)
        );
        assert_eq!(
            pair("Mon 3 Jan 2022 72°F Partly Cloudy"),
            Some(Reason::Dateline)
        );
        assert_eq!(pair("The bridge opened in 1932 to great fanfare"), None);
        assert_eq!(pair("Sunday, October 24, 2021"), None);
    }

    /// Every block text of the bundled samples, as the stripper meets them.
    fn sample_texts() -> Vec<String> {
        let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut texts = Vec::new();
        for case in std::fs::read_dir(samples).expect("the samples folder is readable") {
            let case = case.expect("a sample entry").path();
            for (name, html) in [("page.html", true), ("page.txt", false)] {
                let Ok(page) = std::fs::read_to_string(case.join(name)) else {
                    continue;
                };
                let doc = if html {
                    crate::document::html::parse(&page)
                } else {
                    crate::document::text::parse(&page, &crate::Thresholds::default())
                };
                texts.extend(doc.blocks.into_iter().map(|b| b.text));
            }
        }
        texts
    }

    #[test]
    fn walks_side_by_side_answer_as_walks_one_by_one() {
        let texts = sample_texts();
        let texts: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
        let mut matches = 0;
        let mut clears = 0;
        for family in FAMILIES {
            for pattern in family.expanded() {
                // A cache too small for a page's walks is cleared between
                // them, under the other lanes' states.
                for capacity in [DFA_CACHE_LIMIT, 0] {
                    let automaton = Automaton::with_cache_capacity(0, &pattern, capacity);
                    let mut cache = automaton.cache();
                    let side_by_side =
                        automaton.walk_side_by_side(&mut cache, texts.iter().copied());
                    clears += cache.clear_count();
                    let mut cache = automaton.cache();
                    for (text, &found) in texts.iter().zip(&side_by_side) {
                        assert_eq!(
                            automaton.walks_to_match(&mut cache, text),
                            found,
                            "{}: {text:?}",
                            family.name
                        );
                        matches += usize::from(found);
                    }
                }
            }
        }
        assert!(matches > 100, "only {matches} matches");
        assert!(clears > 0, "no cache was cleared");
    }

    #[test]
    fn the_checks_before_a_walk_never_change_an_answer() {
        let mut texts = sample_texts();
        assert!(texts.len() > 500, "only {} sample texts", texts.len());
        // Texts the checks read at their edges: decoration, short, empty ends.
        texts.extend(
            [
                "• Share",
                "[ Tweet ]",
                "* * * * Share",
                "ok",
                "OK",
                "Most read",
                "© 2024",
                "x",
            ]
            .map(String::from),
        );
        let mut walked_to_a_match = 0;
        for (family, automata) in FAMILIES.iter().zip(&*COMPILED) {
            let mut caches: Vec<Cache> = automata.iter().map(Automaton::cache).collect();
            for text in &texts {
                let text = text.trim();
                let folded = text.as_bytes().to_ascii_lowercase();
                let probe = Probe::new(text, &folded, &INDEX);
                for (k, (automaton, cache)) in automata.iter().zip(&mut caches).enumerate() {
                    let walked = automaton.walks_to_match(cache, text);
                    walked_to_a_match += usize::from(walked);
                    assert_eq!(
                        automaton.is_match(cache, &probe),
                        walked,
                        "{} pattern {k}: the checks changed the answer for {text:?}",
                        family.name
                    );
                }
            }
        }
        assert!(walked_to_a_match > 100, "only {walked_to_a_match} matches");
    }

    #[test]
    fn all_patterns_compile() {
        for (family, automata) in FAMILIES.iter().zip(COMPILED.iter()) {
            assert_eq!(automata.len(), family.patterns.len(), "{}", family.name);
        }
    }

    #[test]
    fn first_family_wins_and_prose_is_never_claimed() {
        assert_eq!(
            classify("11.5 C", 3).map(|f| f.reason),
            Some(Reason::Weather)
        );
        let prose = "The temperature fell to 11.5 C overnight, and the roads froze before dawn.";
        assert!(classify(prose, 14).is_none());
    }
}
