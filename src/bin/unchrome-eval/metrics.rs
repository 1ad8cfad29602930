//! The scores: upstream scrapinghub shingle matching, bag-of-words token F1,
//! and normalised exact matching of titles and author names.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Word characters as Python's `re` `\w` sees them in a `str` pattern:
/// letters, numbers and the underscore. Rust's own `\w` also takes combining
/// marks and joiners, which would split Arabic or Devanagari text differently
/// from upstream `evaluate.py`, so the scrapinghub metric uses this class.
const UPSTREAM_WORD_PATTERN: &str = r"[\p{L}\p{N}_]+";

/// Characters that are each their own token in the token F1: Han, Hiragana,
/// Katakana and Hangul (by script extension, so `ー` and `々` count), when
/// they are word characters (so `、` and `「` do not).
const CJK_CLASS: &str = r"[\w&&[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]]";

/// Upstream shingle length: 4-grams of tokens.
pub const SHINGLE_LEN: usize = 4;

/// One found author list may hold at most this many names for a single
/// expected name among them to count as a match.
pub const MAX_FOUND_NAMES_FOR_ONE_EXPECTED: usize = 3;

static UPSTREAM_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(UPSTREAM_WORD_PATTERN).expect("constant regex is valid"));

static F1_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"{CJK_CLASS}|[\w--{CJK_CLASS}]+");
    Regex::new(&pattern).expect("constant regex is valid")
});

/// A leading byline word ("By", "Von", "Por", …) with an optional colon.
static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:by|von|por|par|di|door|av|af)(?:\s*:\s*|\s+)")
        .expect("constant regex is valid")
});

/// What separates several author names (after case folding).
static NAME_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[;,]\s*|\s+(?:and|&|und|y|et)\s+").expect("constant regex is valid")
});

// ---------------------------------------------------------------------------
// Scrapinghub: upstream `evaluate.py`
// ---------------------------------------------------------------------------

/// Tokens as upstream `evaluate.py` makes them: `\w+` matches, case kept.
pub fn upstream_tokens(text: &str) -> Vec<&str> {
    UPSTREAM_WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of shingles of `tokens`: all `n`-grams, or the whole list as
/// one shorter shingle when it has fewer than `n` tokens (none when empty).
fn shingles<'a>(tokens: &'a [&'a str], n: usize) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let window = n.min(tokens.len());
    for shingle in tokens.windows(window) {
        *counts.entry(shingle).or_insert(0) += 1;
    }
    counts
}

/// One page's shingle counts, normalised so that `tp + fp + fn = 1`
/// (all zero when both texts have no tokens).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TpFpFn {
    /// Shingles in both texts.
    pub tp: f64,
    /// Shingles only in the prediction.
    pub fp: f64,
    /// Shingles only in the truth.
    pub fn_: f64,
}

impl TpFpFn {
    /// Whether the page counts in the precision mean (it predicted something).
    pub fn in_precision(&self) -> bool {
        self.tp + self.fp > 0.0
    }

    /// Whether the page counts in the recall mean (its truth has text).
    pub fn in_recall(&self) -> bool {
        self.tp + self.fn_ > 0.0
    }

    /// Upstream `precision_score`.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Upstream `recall_score`.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// The page's own F1 (for ranking pages; not part of the upstream mean).
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}

/// Upstream `string_shingle_matching`: multiset shingle matching of `pred`
/// against `truth`.
pub fn shingle_match(truth: &str, pred: &str) -> TpFpFn {
    let truth_tokens = upstream_tokens(truth);
    let pred_tokens = upstream_tokens(pred);
    let truth_shingles = shingles(&truth_tokens, SHINGLE_LEN);
    let pred_shingles = shingles(&pred_tokens, SHINGLE_LEN);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &t) in &truth_shingles {
        let p = pred_shingles.get(shingle).copied().unwrap_or(0);
        tp += t.min(p);
        fn_ += t.saturating_sub(p);
    }
    for (shingle, &p) in &pred_shingles {
        let t = truth_shingles.get(shingle).copied().unwrap_or(0);
        fp += p.saturating_sub(t);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return TpFpFn::default();
    }
    TpFpFn {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Upstream `get_accuracy`: 1 when the token lists are identical, else 0.
pub fn upstream_accuracy(truth: &str, pred: &str) -> f64 {
    if upstream_tokens(truth) == upstream_tokens(pred) {
        1.0
    } else {
        0.0
    }
}

/// Upstream `metrics_from_tp_fp_fns` over a set of pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShingleScores {
    /// Mean precision over pages that predicted something; `None` when none did
    /// (upstream would fail on an empty mean).
    pub precision: Option<f64>,
    /// Mean recall over pages whose truth has text; `None` when none has.
    pub recall: Option<f64>,
    /// Harmonic mean of the two means; 0 when either is missing or both are 0.
    pub f1: f64,
}

/// Upstream `metrics_from_tp_fp_fns`.
pub fn shingle_scores<'a>(pages: impl IntoIterator<Item = &'a TpFpFn> + Clone) -> ShingleScores {
    let precision = mean(
        pages
            .clone()
            .into_iter()
            .filter(|p| p.in_precision())
            .map(TpFpFn::precision),
    );
    let recall = mean(
        pages
            .into_iter()
            .filter(|p| p.in_recall())
            .map(TpFpFn::recall),
    );
    let f1 = match (precision, recall) {
        (Some(p), Some(r)) => harmonic_mean(p, r),
        _ => 0.0,
    };
    ShingleScores {
        precision,
        recall,
        f1,
    }
}

/// `2pr / (p + r)`, 0 when both are 0.
pub fn harmonic_mean(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The arithmetic mean, `None` for no values.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

// ---------------------------------------------------------------------------
// Token F1 (readability-dev, samples)
// ---------------------------------------------------------------------------

/// Lowercase `\w+` tokens, each CJK character its own token.
pub fn f1_tokens(text: &str) -> Vec<String> {
    F1_TOKEN
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Bag-of-words F1 of `got` against `expected`, with multiplicity.
/// Both empty → 1; exactly one empty → 0.
pub fn token_f1(expected: &str, got: &str) -> f64 {
    let expected = f1_tokens(expected);
    let got = f1_tokens(got);
    if expected.is_empty() && got.is_empty() {
        return 1.0;
    }
    if expected.is_empty() || got.is_empty() {
        return 0.0;
    }
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for token in &expected {
        *bag.entry(token).or_insert(0) += 1;
    }
    let mut common = 0usize;
    for token in &got {
        if let Some(left) = bag.get_mut(token.as_str()) {
            if *left > 0 {
                *left -= 1;
                common += 1;
            }
        }
    }
    let precision = common as f64 / got.len() as f64;
    let recall = common as f64 / expected.len() as f64;
    harmonic_mean(precision, recall)
}

// ---------------------------------------------------------------------------
// Titles and authors
// ---------------------------------------------------------------------------

/// Runs of whitespace as one space, ends trimmed. (The library has its own;
/// the measure keeps its own so that it does not move with the code it measures.)
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// NFKC, case folding (lowercase) and whitespace collapsed to single spaces.
pub fn normalize(text: &str) -> String {
    collapse_whitespace(&text.nfkc().collect::<String>().to_lowercase())
}

/// Normalised, with `None` for a missing or blank value.
fn normalize_opt(text: Option<&str>) -> Option<String> {
    text.map(normalize).filter(|t| !t.is_empty())
}

/// Whether a found title is correct: equal after [`normalize`] to the expected
/// title or one of its alternatives; a `None` expected title wants no title.
pub fn title_matches(expected: Option<&str>, alternatives: &[String], got: Option<&str>) -> bool {
    let Some(got) = normalize_opt(got) else {
        return normalize_opt(expected).is_none();
    };
    expected
        .into_iter()
        .chain(alternatives.iter().map(String::as_str))
        .any(|candidate| normalize(candidate) == got)
}

/// Drops a leading "By"/"Von"/"Por"/… word (case-insensitive, optional colon)
/// from an already normalised string.
fn drop_byline_prefix(text: &str) -> &str {
    match BYLINE_PREFIX.find(text) {
        Some(m) => text[m.end()..].trim(),
        None => text.trim(),
    }
}

/// An author string as a set of normalised names: byline word dropped, split
/// on `;`, `,`, ` and `, ` & `, ` und `, ` y `, ` et `.
pub fn author_names(text: &str) -> BTreeSet<String> {
    let normalized = normalize(text);
    NAME_SEPARATOR
        .split(drop_byline_prefix(&normalized))
        .map(drop_byline_prefix)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a found author is correct. A `None` (or blank) found author is
/// correct only when the expected author is `None`. Otherwise it must match
/// the expected author or one of its alternatives as a set of names (order
/// and joiners free); a single expected name also matches when it is among at
/// most [`MAX_FOUND_NAMES_FOR_ONE_EXPECTED`] found names.
pub fn author_matches(expected: Option<&str>, alternatives: &[String], got: Option<&str>) -> bool {
    let found = got.map(author_names).unwrap_or_default();
    if found.is_empty() {
        return expected.map(author_names).unwrap_or_default().is_empty();
    }
    expected
        .into_iter()
        .chain(alternatives.iter().map(String::as_str))
        .map(author_names)
        .filter(|wanted| !wanted.is_empty())
        .any(|wanted| {
            wanted == found
                || (wanted.len() == 1
                    && found.len() <= MAX_FOUND_NAMES_FOR_ONE_EXPECTED
                    && wanted.is_subset(&found))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for comparing floating-point scores.
    const EPS: f64 = 1e-12;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    #[test]
    fn upstream_tokens_keep_case_and_split_on_marks() {
        assert_eq!(
            upstream_tokens("Hello, wörld_2 — ½!"),
            ["Hello", "wörld_2", "½"]
        );
        // Python's `\w` has no combining marks: Arabic harakat split words.
        assert_eq!(upstream_tokens("كَتَب"), ["ك", "ت", "ب"]);
    }

    #[test]
    fn identical_texts_score_one() {
        let m = shingle_match("one two three four five six", "one two three four five six");
        assert!(close(m.tp, 1.0) && close(m.precision(), 1.0) && close(m.recall(), 1.0));
        assert!(close(upstream_accuracy("a b, c", "a  b c"), 1.0));
    }

    #[test]
    fn disjoint_texts_score_zero() {
        let m = shingle_match("one two three four five", "six seven eight nine ten");
        assert!(close(m.precision(), 0.0) && close(m.recall(), 0.0) && close(m.f1(), 0.0));
        assert!(close(upstream_accuracy("a b", "a c"), 0.0));
    }

    #[test]
    fn partial_overlap_by_hand() {
        // truth a b c d e f: shingles abcd bcde cdef (3)
        // pred  a b c d e x y: shingles abcd bcde cdex dexy (4)
        // tp 2, fp 2, fn 1 → normalised 2/5, 2/5, 1/5; P = 1/2, R = 2/3.
        let m = shingle_match("a b c d e f", "a b c d e x y");
        assert!(close(m.tp, 0.4) && close(m.fp, 0.4) && close(m.fn_, 0.2));
        assert!(close(m.precision(), 0.5));
        assert!(close(m.recall(), 2.0 / 3.0));
        assert!(close(m.f1(), 4.0 / 7.0));
    }

    #[test]
    fn repeated_shingles_match_as_multisets() {
        // truth: "a a a a a" → shingle (a a a a) twice; pred once → tp 1, fn 1.
        let m = shingle_match("a a a a a", "a a a a");
        assert!(close(m.precision(), 1.0) && close(m.recall(), 0.5));
    }

    #[test]
    fn short_texts_are_one_shorter_shingle() {
        // 1–3 tokens: the whole list is one shingle.
        assert!(close(shingle_match("a b c", "a b c").precision(), 1.0));
        assert!(close(shingle_match("a b c", "a b").recall(), 0.0));
        assert!(close(shingle_match("word", "word").f1(), 1.0));
        // A 3-token prediction is not a sub-shingle of a 4-gram.
        let m = shingle_match("a b c d", "a b c");
        assert!(close(m.tp, 0.0) && close(m.fp, 0.5) && close(m.fn_, 0.5));
    }

    #[test]
    fn empty_prediction_counts_in_recall_only() {
        let empty = shingle_match("some words of truth here", "");
        assert!(!empty.in_precision() && empty.in_recall());
        let good = shingle_match("a b c d", "a b c d");
        let scores = shingle_scores(&[empty, good]);
        assert_eq!(scores.precision, Some(1.0));
        assert_eq!(scores.recall, Some(0.5));
        assert!(close(scores.f1, 2.0 / 3.0));
        // Both empty: in neither mean.
        let none = shingle_match("", "...");
        assert!(!none.in_precision() && !none.in_recall());
        // No page predicted anything: precision undefined, F1 0.
        let all_empty = shingle_scores(&[empty]);
        assert_eq!(all_empty.precision, None);
        assert!(close(all_empty.f1, 0.0));
    }

    #[test]
    fn f1_tokens_split_cjk_and_lowercase() {
        assert_eq!(
            f1_tokens("DeepMind新电脑, ラーメン! 한국어 ÉTÉ"),
            [
                "deepmind", "新", "电", "脑", "ラ", "ー", "メ", "ン", "한", "국", "어", "été"
            ]
        );
        assert_eq!(f1_tokens("「東京」、"), ["東", "京"]);
    }

    #[test]
    fn token_f1_by_hand() {
        assert!(close(token_f1("", ""), 1.0));
        assert!(close(token_f1("a", ""), 0.0));
        assert!(close(token_f1("", "a"), 0.0));
        assert!(close(token_f1("The cat sat", "the CAT sat"), 1.0));
        // expected a a b (3), got a b c d (4): common 2 → P 1/2, R 2/3.
        assert!(close(token_f1("a a b", "a b c d"), 4.0 / 7.0));
        // CJK: 東京都 vs 東京 → common 2, P 1, R 2/3 → 0.8.
        assert!(close(token_f1("東京都", "東京"), 0.8));
    }

    #[test]
    fn title_normalisation() {
        assert_eq!(normalize("  Ｈｅｌｌｏ\u{a0}\n World  "), "hello world");
        assert_eq!(normalize("ﬁle Ⅳ"), "file iv");
        assert!(title_matches(Some("The  Title"), &[], Some("the title\n")));
        assert!(!title_matches(
            Some("The Title"),
            &[],
            Some("The Title | Site")
        ));
        let alts = ["The Title".to_string()];
        assert!(title_matches(
            Some("The Title | Site"),
            &alts,
            Some("THE TITLE")
        ));
        assert!(title_matches(None, &[], None));
        assert!(title_matches(None, &[], Some("  ")));
        assert!(!title_matches(None, &[], Some("Something")));
        assert!(!title_matches(Some("T"), &[], None));
    }

    #[test]
    fn author_byline_prefix_dropped() {
        assert!(author_matches(Some("Jane Doe"), &[], Some("By Jane Doe")));
        assert!(author_matches(Some("Jane Doe"), &[], Some("by: JANE  doe")));
        assert!(author_matches(
            Some("Hans Meier"),
            &[],
            Some("Von Hans Meier")
        ));
        assert!(author_matches(Some("By Jane Doe"), &[], Some("Jane Doe")));
        // Only a whole leading word is dropped.
        assert!(!author_matches(
            Some("Jane Doe"),
            &[],
            Some("Byron Jane Doe")
        ));
    }

    #[test]
    fn author_sets_of_names() {
        assert!(author_matches(
            Some("Ann Lee and Bo Kim"),
            &[],
            Some("Bo Kim; Ann Lee")
        ));
        assert!(author_matches(
            Some("Ann Lee, Bo Kim & Cy Ng"),
            &[],
            Some("Cy Ng; Bo Kim; Ann Lee")
        ));
        assert!(author_matches(
            Some("Ann Lee et Bo Kim"),
            &[],
            Some("Ann Lee y Bo Kim")
        ));
        assert!(!author_matches(
            Some("Ann Lee and Bo Kim"),
            &[],
            Some("Ann Lee")
        ));
    }

    #[test]
    fn one_expected_name_among_at_most_three() {
        assert!(author_matches(
            Some("Ann Lee"),
            &[],
            Some("Ann Lee; Bo Kim")
        ));
        assert!(author_matches(
            Some("Ann Lee"),
            &[],
            Some("Bo Kim; Cy Ng; Ann Lee")
        ));
        assert!(!author_matches(
            Some("Ann Lee"),
            &[],
            Some("Bo Kim; Cy Ng; Ann Lee; Dan Xu")
        ));
        assert!(!author_matches(Some("Ann Lee"), &[], Some("Bo Kim; Cy Ng")));
    }

    #[test]
    fn author_alternatives_and_nulls() {
        let alts = ["Martin Untersinger".to_string()];
        let expected = Some("Martin Untersinger (avec Damien Leloup et Morgane Tual)");
        assert!(author_matches(expected, &alts, Some("Martin Untersinger")));
        assert!(!author_matches(expected, &alts, Some("Damien Leloup")));
        assert!(author_matches(None, &[], None));
        assert!(author_matches(None, &[], Some(" ")));
        assert!(!author_matches(None, &[], Some("Jane Doe")));
        assert!(!author_matches(Some("Jane Doe"), &[], None));
        // An alternative beside a null author: either answer is correct.
        let alts = ["Ellie Hall".to_string()];
        assert!(author_matches(None, &alts, None));
        assert!(author_matches(None, &alts, Some("Ellie Hall")));
    }
}
