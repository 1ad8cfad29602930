//! The title. HTML: the page's headline metadata checked against its
//! headings (`og:title`, JSON-LD `headline`, `<h1>`, `<title>` without its
//! " | Site" part). Plain text: the heading-like line before the byline and
//! the body, preferring a clean standalone line over a breadcrumb or a
//! "Title | Site" line that repeats it.

use crate::document::{Block, BlockKind};
use crate::strip::{Class, Reason};
use crate::structure::author::CommonWords;

/// Most words a title line may have.
const TITLE_MAX_WORDS: usize = 30;
/// How many blocks before the body are searched for the title line.
const TITLE_WINDOW: usize = 40;
/// How many of the body's opening blocks may still be the title line.
const TITLE_INTO_BODY: usize = 3;
/// A line repeated word for word counts as a repeated title from this many words.
const REPEAT_MIN_WORDS: usize = 3;
/// Fewest words of a deck (a subtitle line between the title and the body).
const DECK_MIN_WORDS: usize = 4;
/// A title line must score at least this much (see `line_score`).
const TITLE_MIN_SCORE: i32 = 2;
/// Separators between a title and the site name in `<title>`-style lines.
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

/// A title and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The title text.
    pub text: String,
    /// Block index of the title line, if it is one of the page's blocks.
    pub block: Option<usize>,
    /// Provenance label (`line`, `h1`, `og:title`, …).
    pub source: &'static str,
}

/// Normalised form for comparing titles: lower-case words, dashes unified.
pub fn norm(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' | '−' => '-',
            '’' | '‘' => '\'',
            '“' | '”' | '«' | '»' => '"',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Weights of the plain-text title score (see [`line_score`]).
mod weight {
    /// A markdown `# Title` line.
    pub const MARKDOWN_H1: i32 = 6;
    /// A byline or date line right after the line; one less per block between.
    pub const BYLINE_NEXT: i32 = 5;
    /// How many blocks after the line a byline still counts.
    pub const BYLINE_REACH: usize = 4;
    /// Blank line before, and after.
    pub const STANDALONE: i32 = 1;
    /// Starts with a capital or a digit.
    pub const CAPITAL: i32 = 1;
    /// Ends with a full stop, like a sentence (a subtitle, a caption).
    pub const SENTENCE_END: i32 = -3;
    /// Fewer than three words.
    pub const FEW_WORDS: i32 = -2;
    /// More than twenty words.
    pub const MANY_WORDS: i32 = -1;
    /// One line of a run of plain short lines (a menu).
    pub const IN_MENU_RUN: i32 = -1;
    /// Repeated inside a longer line before the body (a breadcrumb, "Title | Site").
    pub const REPEATED: i32 = 3;
    /// The last plain line before the body (only detected chrome between).
    pub const ADJACENT_TO_BODY: i32 = 2;
    /// A date or byline line right before the line.
    pub const DATE_BEFORE: i32 = 3;
    /// Two sentences or more ("… sharing. Uber is …"): a deck or a teaser.
    pub const SENTENCES: i32 = -3;
    /// Right under another headline-like line: the deck under its title.
    pub const UNDER_HEADLINE: i32 = -2;
    /// Starts like a byline ("By …"): an unrecognised byline, not a title.
    pub const BYLINE_START: i32 = -4;
    /// Points for a line whose content words the body uses (times the share).
    pub const BODY_OVERLAP: i32 = 6;
    /// At most this many points off for distance.
    pub const DISTANCE_MAX: usize = 3;
    /// One point off per this many blocks between the line and the body.
    pub const DISTANCE_STEP: usize = 4;
}

/// Plain text: the title line before the body.
pub fn from_text(blocks: &[Block], classes: &[Class], common: &CommonWords) -> Option<Found> {
    // `max_by` keeps the last of equal scores: the line nearer the body.
    let (score, i) = candidates(blocks, classes, common)
        .into_iter()
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    if score < f64::from(TITLE_MIN_SCORE) {
        return None;
    }
    let i = fuller_title(blocks, classes, i).unwrap_or(i);
    Some(Found {
        text: strip_site_suffix(&blocks[i].text).to_string(),
        block: Some(i),
        source: "line",
    })
}

/// Every line that could be the title, with its score, in page order: the
/// lines before the body and the heading-like lines that open it (page text
/// often keeps the headline in the body's first paragraph group). Public so
/// that tuning tools can show why a line won.
pub fn candidates(blocks: &[Block], classes: &[Class], common: &CommonWords) -> Vec<(f64, usize)> {
    let body_start = super::body_start(classes);
    // The body's opening lines up to its first prose paragraph.
    let opening_end = (body_start..blocks.len().min(body_start + TITLE_INTO_BODY))
        .find(|&i| !classes[i].is_content() || is_prose_like(&blocks[i]))
        .unwrap_or(blocks.len().min(body_start + TITLE_INTO_BODY));
    let window_start = body_start.saturating_sub(TITLE_WINDOW);
    let norms: Vec<String> = blocks[..opening_end]
        .iter()
        .map(|b| norm(&b.text))
        .collect();
    let body_words = body_vocabulary(&blocks[opening_end..], &classes[opening_end..]);
    (window_start..opening_end)
        // In the body only a headline-like line: a sentence there is the lede.
        .filter(|&i| i < body_start || is_headline_like(&blocks[i]))
        .filter_map(|i| {
            let score = line_score(blocks, classes, common, &norms, i, body_start)?;
            // Unrounded, so that of two otherwise equal lines the one the
            // body speaks of more wins.
            Some((
                f64::from(score)
                    + overlap(&blocks[i].text, &body_words) * f64::from(weight::BODY_OVERLAP),
                i,
            ))
        })
        .collect()
}

/// A line before the body that is the chosen line with a lead-in before a
/// colon ("The Harbour Project: Better Bridges" for "Better Bridges"): page
/// text often splits a "Kicker: Headline" title over two lines and also
/// shows it whole in a header.
fn fuller_title(blocks: &[Block], classes: &[Class], chosen: usize) -> Option<usize> {
    let short = norm(&blocks[chosen].text);
    let body_start = super::body_start(classes);
    (body_start.saturating_sub(TITLE_WINDOW)..body_start.max(chosen))
        .filter(|&j| j != chosen && is_headline_like(&blocks[j]))
        .find(|&j| {
            norm(&blocks[j].text)
                .strip_suffix(short.as_str())
                .and_then(|lead| lead.strip_suffix(": "))
                .is_some_and(|lead| !lead.is_empty())
        })
}

/// A short line without a sentence's closing mark: what a headline in the
/// body's opening looks like.
fn is_headline_like(block: &Block) -> bool {
    const HEADLINE_MAX_WORDS: usize = 20;
    /// A question or exclamation this short may still be a headline.
    const SHORT_QUESTION_WORDS: usize = 10;
    const CLOSING_MARKS: &[char] = &[
        '!', '?', '…', '"', '”', '»', ')', ':', ';', '。', '！', '？',
    ];
    let text = block.text.trim_end();
    let unclosed = !text.ends_with(CLOSING_MARKS) && !ends_like_sentence(text);
    let short_question = text.ends_with(['!', '?']) && block.words <= SHORT_QUESTION_WORDS;
    block.words <= HEADLINE_MAX_WORDS && (unclosed || short_question)
}

/// A block that reads as running text (a sentence of some length), not a headline.
fn is_prose_like(block: &Block) -> bool {
    const PROSE_WORDS: usize = 20;
    block.words > TITLE_MAX_WORDS
        || (block.words >= PROSE_WORDS && block.text.trim_end().ends_with(['.', '。', '!', '?']))
}

/// How much a line before the body looks like the title; `None` if it cannot be.
fn line_score(
    blocks: &[Block],
    classes: &[Class],
    common: &CommonWords,
    norms: &[String],
    i: usize,
    body_start: usize,
) -> Option<i32> {
    let block = &blocks[i];
    let usable = matches!(
        classes[i],
        Class::Content | Class::Chrome(Reason::OutsideMain | Reason::LowDensity)
    );
    if !usable || block.words == 0 || block.words > TITLE_MAX_WORDS {
        return None;
    }
    let text = block.text.trim();
    let mut score = 0i32;
    if matches!(block.kind, BlockKind::Heading(1)) {
        score += weight::MARKDOWN_H1;
    }
    // A byline or date line follows; in page text also a line that is only a name.
    let byline = (i + 1..blocks.len().min(i + 1 + weight::BYLINE_REACH)).find(|&j| {
        matches!(classes[j], Class::Chrome(Reason::Byline | Reason::Dateline))
            || (blocks[j].kind == BlockKind::Line
                && !between_menu_items(blocks, classes, j)
                && crate::structure::author::name_line(&blocks[j].text, common).is_some())
    });
    // A name with its date right after is the byline itself.
    let dated_name = blocks.get(i + 1).is_some()
        && classes[i + 1] == Class::Chrome(Reason::Dateline)
        && crate::structure::author::name_line(&block.text, common).is_some();
    if dated_name {
        score += weight::BYLINE_START;
    } else if let Some(j) = byline {
        // One point less per line between, not counting bare counts (views,
        // comments: "321,046") that pages put between a headline and its byline.
        let between = (i + 1..j).filter(|&k| !is_count(&blocks[k].text)).count();
        score += weight::BYLINE_NEXT - between as i32;
    }
    // A date line right before, unless it is the end of a byline block
    // ("Title / Jane Doe / March 3 / Subtitle").
    let date_before = i > 0
        && matches!(
            classes[i - 1],
            Class::Chrome(Reason::Byline | Reason::Dateline)
        )
        && !(i.saturating_sub(1 + weight::BYLINE_REACH)..i - 1).any(|j| {
            matches!(classes[j], Class::Chrome(Reason::Byline))
                || crate::structure::author::name_line(&blocks[j].text, common).is_some()
        });
    if date_before {
        score += weight::DATE_BEFORE;
    }
    if has_sentence_break(text) {
        score += weight::SENTENCES;
    }
    let under_headline = i > 0
        && block.gap_before == 0
        && blocks[i - 1].group == block.group
        && blocks[i - 1].words >= DECK_MIN_WORDS
        && is_headline_like(&blocks[i - 1])
        && matches!(
            classes[i - 1],
            Class::Content | Class::Chrome(Reason::OutsideMain)
        );
    if under_headline {
        score += weight::UNDER_HEADLINE;
    }
    score -=
        (body_start.saturating_sub(i) / weight::DISTANCE_STEP).min(weight::DISTANCE_MAX) as i32;
    // Adjacent also across a deck: one headline-like line of some length
    // right before the body ("Title / Subtitle / text").
    let nothing_between = |from: usize| {
        classes[from..body_start]
            .iter()
            .all(|c| !matches!(c, Class::Content | Class::Chrome(Reason::OutsideMain)))
    };
    let deck = |j: usize| {
        j < body_start
            && blocks[j].group == block.group
            && blocks[j].words >= DECK_MIN_WORDS
            && is_headline_like(&blocks[j])
            && nothing_between(j + 1)
    };
    let adjacent = i < body_start && (nothing_between(i + 1) || deck(i + 1));
    if adjacent {
        score += weight::ADJACENT_TO_BODY;
    }
    if block.gap_before > 0 {
        score += weight::STANDALONE;
    }
    if blocks.get(i + 1).is_some_and(|n| n.gap_before > 0) {
        score += weight::STANDALONE;
    }
    // Lines a detector claimed (a skip link, a date) do not make a menu run.
    let in_run = |j: usize| {
        blocks.get(j).is_some_and(|n| n.group == block.group)
            && matches!(
                classes.get(j),
                Some(Class::Content | Class::Chrome(Reason::OutsideMain))
            )
    };
    if (i > 0 && in_run(i - 1)) || in_run(i + 1) {
        score += weight::IN_MENU_RUN;
    }
    if text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        score += weight::CAPITAL;
    }
    if ends_like_sentence(text) {
        score += weight::SENTENCE_END;
    }
    if block.words < 3 {
        score += weight::FEW_WORDS;
    }
    if starts_like_byline(text) {
        score += weight::BYLINE_START;
    }
    if block.words > 20 {
        score += weight::MANY_WORDS;
    }
    // Repeated: inside a longer line (a breadcrumb, "Title | Site"), or as
    // the same line twice (a sticky header and the headline) when it is
    // long enough not to be a menu word.
    let n = &norms[i];
    let repeated = norms.iter().enumerate().any(|(j, other)| {
        j != i
            && ((other.len() > n.len() && other.contains(n.as_str()))
                || (other == n && block.words >= REPEAT_MIN_WORDS))
    });
    if repeated {
        score += weight::REPEATED;
    }
    Some(score)
}

/// Ends with a full stop that closes a sentence: not an ellipsis, not an
/// abbreviation ("N.Y.C.", "U.S.", "Jr.", an initial).
fn ends_like_sentence(text: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &["jr", "sr", "st", "co", "inc", "ltd", "corp", "vs", "etc"];
    if !text.ends_with('.') || text.ends_with("...") {
        return false;
    }
    let last = text
        .rsplit(' ')
        .next()
        .unwrap_or(text)
        .trim_end_matches('.');
    let abbreviation = last.contains('.')
        || last.chars().count() == 1
        || ABBREVIATIONS.contains(&last.to_lowercase().as_str());
    !abbreviation
}

/// A bare count: "36", "321,046", "1.2K", "4.5m".
fn is_count(text: &str) -> bool {
    let digits = text.trim_end_matches(['K', 'k', 'M', 'm']);
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Whether block `j` stands between two short plain lines of its paragraph
/// group: one item of a menu, whatever it looks like. Bare counts are not
/// menu items.
fn between_menu_items(blocks: &[Block], classes: &[Class], j: usize) -> bool {
    const MENU_ITEM_MAX_WORDS: usize = 4;
    let item = |k: usize| {
        blocks.get(k).is_some_and(|b| {
            b.group == blocks[j].group
                && b.words <= MENU_ITEM_MAX_WORDS
                && !is_count(&b.text)
                && matches!(
                    classes[k],
                    Class::Content | Class::Chrome(Reason::OutsideMain)
                )
        })
    };
    j > 0 && item(j - 1) && item(j + 1)
}

/// A full stop, question or exclamation mark followed by a new capitalised
/// sentence inside the text.
fn has_sentence_break(text: &str) -> bool {
    text.match_indices(['.', '!', '?']).any(|(at, _)| {
        let mut rest = text[at + 1..].chars();
        rest.next() == Some(' ') && rest.next().is_some_and(char::is_uppercase) && {
            // Not after an initial or an abbreviation ("J. Smith", "U.S. Army").
            let before = text[..at].rsplit(' ').next().unwrap_or("");
            before.chars().count() > 1 && !before.contains('.')
        }
    })
}

/// "By …", "Von …", "Por …": the opening of a byline.
fn starts_like_byline(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "by ",
        "von ",
        "por ",
        "par ",
        "door ",
        "posted by ",
        "written by ",
    ];
    let head: String = text.chars().take(12).collect::<String>().to_lowercase();
    // The opener alone: the name followed on the next line.
    OPENERS
        .iter()
        .any(|o| head.starts_with(o) || head.trim_end_matches(':') == o.trim_end())
}

/// The start of the body's content words, and which of them it only ever
/// writes capitalised: its names of people, places and things, which a
/// title names too.
#[derive(Default)]
struct Vocabulary {
    words: std::collections::HashSet<String>,
    names: std::collections::HashSet<String>,
}

/// The vocabulary of the body's first few thousand bytes.
fn body_vocabulary(blocks: &[Block], classes: &[Class]) -> Vocabulary {
    const BODY_SAMPLE_BYTES: usize = 4000;
    let mut vocabulary = Vocabulary::default();
    let mut lower = std::collections::HashSet::new();
    let mut seen = 0usize;
    for (block, _) in blocks.iter().zip(classes).filter(|(_, c)| c.is_content()) {
        for (word, capitalised) in content_words(&block.text) {
            if capitalised {
                vocabulary.names.insert(word.clone());
            } else {
                lower.insert(word.clone());
            }
            vocabulary.words.insert(word);
        }
        seen += block.text.len();
        if seen > BODY_SAMPLE_BYTES {
            break;
        }
    }
    vocabulary.names.retain(|w| !lower.contains(w));
    vocabulary
}

/// A line's content words, lower-cased, each with whether it was written
/// capitalised: alphabetic runs of four letters or more, and in Chinese and
/// Japanese, written without spaces, every pair of adjacent characters.
fn content_words(text: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    const MIN_LETTERS: usize = 4;
    text.split(|c: char| !c.is_alphanumeric()).flat_map(|w| {
        let chars: Vec<char> = w.chars().collect();
        if chars.iter().any(|&c| crate::document::unspaced_script(c)) {
            chars
                .windows(2)
                .map(|pair| (pair.iter().collect::<String>(), false))
                .collect::<Vec<_>>()
        } else if chars.len() >= MIN_LETTERS && chars.iter().all(|c| c.is_alphabetic()) {
            vec![(w.to_lowercase(), chars[0].is_uppercase())]
        } else {
            Vec::new()
        }
    })
}

/// Share of a line's content words that the body uses: a title speaks of what
/// the article says, a menu item does not. Words the body only writes as
/// names count twice (a teaser's common words are in any body; the
/// article's names are not). Lines of fewer than three content words earn
/// in proportion ("About" alone proves little).
fn overlap(text: &str, body: &Vocabulary) -> f64 {
    const FULL_CREDIT_WORDS: f64 = 3.0;
    let (mut all, mut credit) = (0usize, 0usize);
    for (w, _) in content_words(text) {
        all += 1;
        credit += usize::from(body.words.contains(&w)) + usize::from(body.names.contains(&w));
    }
    if all == 0 {
        0.0
    } else {
        let share = (credit as f64 / all as f64).min(1.0);
        share * (all as f64 / FULL_CREDIT_WORDS).min(1.0)
    }
}

/// "Title | Site" → "Title" when the part after the separator is short.
fn strip_site_suffix(title: &str) -> &str {
    const SITE_MAX_WORDS: usize = 4;
    for sep in SITE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.split_whitespace().count() <= SITE_MAX_WORDS
                && head.split_whitespace().count() >= 2 * tail.split_whitespace().count().max(1)
                && *sep == " | "
            {
                return head.trim();
            }
        }
    }
    title
}

/// Lines before the body that repeat the title inside more text (a
/// breadcrumb such as "Home › News › The title") are navigation.
pub fn repeats_of(blocks: &[Block], classes: &[Class], title: &Found) -> Vec<usize> {
    let n = norm(&title.text);
    if n.is_empty() {
        return Vec::new();
    }
    let body_start = super::body_start(classes);
    (0..body_start)
        .filter(|&i| Some(i) != title.block && blocks[i].text.len() > title.text.len() / 2)
        .filter(|&i| {
            let t = norm(&blocks[i].text);
            t != n && t.contains(&n)
        })
        .collect()
}

/// HTML: the headline metadata checked against the page's headings.
pub fn from_html(
    blocks: &[Block],
    classes: &[Class],
    meta_title: Option<(&str, &'static str)>,
    title_tag: Option<&str>,
    site_name: Option<&str>,
) -> Option<Found> {
    let tag_title = title_tag.map(|t| without_site(t, site_name));
    let references: Vec<String> = meta_title
        .map(|(t, _)| norm(t))
        .into_iter()
        .chain(title_tag.map(norm))
        .collect();
    // A heading that the metadata or <title> confirms, h1 first.
    for level in [1u8, 2] {
        let found = blocks.iter().enumerate().find(|(i, b)| {
            b.kind == BlockKind::Heading(level)
                && !matches!(classes[*i], Class::Chrome(Reason::Hidden))
                && {
                    let n = norm(&b.text);
                    !n.is_empty()
                        && references
                            .iter()
                            .any(|r| *r == n || (n.len() * 2 > r.len() && r.contains(&n)))
                }
        });
        if let Some((i, b)) = found {
            return Some(Found {
                text: b.text.clone(),
                block: Some(i),
                source: if level == 1 { "h1" } else { "h2" },
            });
        }
    }
    if let Some((t, source)) = meta_title {
        return Some(Found {
            text: without_site(t, site_name),
            block: None,
            source,
        });
    }
    if let Some(t) = tag_title.filter(|t| !t.is_empty()) {
        return Some(Found {
            text: t,
            block: None,
            source: "title",
        });
    }
    blocks
        .iter()
        .enumerate()
        .find(|(_, b)| b.kind == BlockKind::Heading(1))
        .map(|(i, b)| Found {
            text: b.text.clone(),
            block: Some(i),
            source: "h1",
        })
}

/// A `<title>`-style string without its site part: the known site name, or a
/// short " | Site" tail.
fn without_site(title: &str, site_name: Option<&str>) -> String {
    if let Some(site) = site_name.filter(|s| !s.trim().is_empty()) {
        for sep in SITE_SEPARATORS {
            if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
                return head.trim().to_string();
            }
            if let Some(tail) = title.strip_prefix(&format!("{site}{sep}")) {
                return tail.trim().to_string();
            }
        }
    }
    strip_site_suffix(title).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_is_dropped_only_when_short() {
        assert_eq!(
            strip_site_suffix("A long title about ships | Harbour News"),
            "A long title about ships"
        );
        assert_eq!(strip_site_suffix("Cats | Dogs"), "Cats | Dogs");
    }

    #[test]
    fn sentence_breaks() {
        assert!(has_sentence_break(
            "Firms talk about sharing. Uber is not one."
        ));
        assert!(has_sentence_break("Is it over? Nobody knows"));
        assert!(!has_sentence_break("John F. Kennedy and the U.S. Senate"));
        assert!(!has_sentence_break("Version 2.0 is out"));
        assert!(!has_sentence_break("One headline only."));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert!(ends_like_sentence("The city raised its fares again."));
        assert!(!ends_like_sentence("How Winter Wreaks Havoc Under N.Y.C."));
        assert!(!ends_like_sentence("A Letter to Martin Luther King Jr."));
        assert!(!ends_like_sentence("Wait for it..."));
        assert!(ends_like_sentence("The new Vision Pro."));
        assert!(!ends_like_sentence("No full stop here"));
    }

    #[test]
    fn counts() {
        for yes in ["36", "321,046", "1.2K", "4.5m"] {
            assert!(is_count(yes), "{yes}");
        }
        for no in ["", "K", "36 comments", "2,000 years on", "Mars"] {
            assert!(!is_count(no), "{no}");
        }
    }

    #[test]
    fn norm_unifies_dashes_and_case() {
        assert_eq!(norm("A – B  c"), norm("a - b c"));
    }
}
