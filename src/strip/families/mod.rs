//! Detector families: small, named pattern tables, one family per file.
//!
//! A family claims a whole block (a line of page text, a short HTML block)
//! as one kind of page chrome. Patterns are anchored to the whole normalised
//! block text and matched case-insensitively, so a sentence that merely
//! mentions the weather or a date never matches. All families are compiled
//! once into one [`regex::RegexSet`], so a block is tested against every
//! pattern in a single pass.

use std::sync::LazyLock;

use regex::{RegexSet, RegexSetBuilder};

use super::Reason;

pub mod advert;
pub mod byline;
pub mod copyright;
pub mod credit;
pub mod dateline;
pub mod navigation;
pub mod prompt;
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
    /// Named sub-patterns: `{name}` in a pattern stands for `(?:part)`.
    pub parts: &'static [(&'static str, &'static str)],
    /// Regex patterns, each matched against the whole block text
    /// (implicitly `(?i)^(?:…)$`, with whitespace collapsed).
    pub patterns: &'static [&'static str],
}

impl Family {
    /// The family's patterns with their `{name}` parts expanded and anchored.
    pub(crate) fn expanded(&self) -> impl Iterator<Item = String> + '_ {
        self.patterns.iter().map(|p| {
            let mut pattern = (*p).to_string();
            // Parts may use other parts, so expand until nothing changes.
            for _ in 0..4 {
                for (name, part) in self.parts {
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
    &byline::FAMILY,
    &advert::FAMILY,
    &credit::FAMILY,
    &copyright::FAMILY,
    &prompt::SHARE,
    &prompt::SUBSCRIBE,
    &prompt::COOKIE,
    &widget::FAMILY,
    &navigation::FAMILY,
];

struct Compiled {
    set: RegexSet,
    /// For each pattern in `set`, the index of its family in [`FAMILIES`].
    owner: Vec<usize>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, family) in FAMILIES.iter().enumerate() {
        for p in family.expanded() {
            patterns.push(p);
            owner.push(i);
        }
    }
    let set = compile(&patterns);
    Compiled { set, owner }
});

/// Compiled-size limit for the families' regex set (the regex crate's default is 10 MB).
const SET_SIZE_LIMIT: usize = 64 << 20;
/// Cache limit of the set's lazy DFA; a small cache thrashes on this many patterns.
const DFA_CACHE_LIMIT: usize = 256 << 20;

fn compile(patterns: &[String]) -> RegexSet {
    RegexSetBuilder::new(patterns)
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
        .expect("detector patterns are valid regexes within the size limit")
}

/// Anchors a pattern to the whole block, case-insensitively. Word
/// boundaries become ASCII ones: the lazy DFA cannot run a Unicode `\b` on
/// non-ASCII text and would fall back to a far slower engine.
fn anchor(pattern: &str) -> String {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    format!("(?i)^(?:{pattern})$")
}

/// The family that claims `text` (whitespace already collapsed), if any.
pub fn classify(text: &str, words: usize) -> Option<&'static Family> {
    let compiled = &*COMPILED;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // Most blocks match nothing: answer that without collecting matches.
    if !compiled.set.is_match(text) {
        return None;
    }
    compiled
        .set
        .matches(text)
        .iter()
        .map(|i| compiled.owner[i])
        .filter(|&i| words <= FAMILIES[i].max_words)
        .min()
        .map(|i| FAMILIES[i])
}

/// Whether `family` alone claims `text`; for tests and tools.
pub fn family_matches(family: &Family, text: &str) -> bool {
    FamilyMatcher::new(family).matches(text)
}

/// One family compiled on its own, for testing it in isolation.
pub struct FamilyMatcher<'a> {
    family: &'a Family,
    set: RegexSet,
}

impl<'a> FamilyMatcher<'a> {
    /// Compiles `family`'s patterns.
    pub fn new(family: &'a Family) -> Self {
        let patterns: Vec<String> = family.expanded().collect();
        FamilyMatcher {
            family,
            set: compile(&patterns),
        }
    }

    /// Whether the family claims `text` (whitespace is collapsed first).
    pub fn matches(&self, text: &str) -> bool {
        let text = crate::document::collapse_whitespace(text);
        crate::document::count_words(&text) <= self.family.max_words && self.set.is_match(&text)
    }
}

/// Test helper: asserts each positive matches and each negative does not,
/// listing every failure rather than only the first.
#[cfg(test)]
pub(crate) fn check_family(family: &Family, positives: &[&str], negatives: &[&str]) {
    let matcher = FamilyMatcher::new(family);
    let mut failures = Vec::new();
    for p in positives {
        if !matcher.matches(p) {
            failures.push(format!("should match: {p:?}"));
        }
    }
    for n in negatives {
        if matcher.matches(n) {
            failures.push(format!("should not match: {n:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "family {}:\n{}",
        family.name,
        failures.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_patterns_compile() {
        assert!(!COMPILED.set.is_empty());
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
