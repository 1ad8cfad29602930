//! Final-pass rules that look at a block's neighbours: the list under a
//! widget heading, and the comment section that follows an article.

use std::sync::LazyLock;

use regex::Regex;

use super::{is_prose, Class, Reason};
use crate::config::Thresholds;
use crate::document::{Block, BlockKind};

/// Widget headings have at most this many words; longer widget lines stand alone.
const WIDGET_HEADING_MAX_WORDS: usize = 6;
/// A widget section may hold at most this share of the page's content.
const WIDGET_SECTION_MAX_SHARE: f64 = 0.5;
/// Prose characters that must come before a comments heading for it to end the article.
const MIN_PROSE_BEFORE_COMMENTS: usize = 400;

/// Headings that open a comment section, in several languages.
static COMMENTS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:there (?:are|is|were) )?(?:\d+|one|two|three|no)\s+(?:thoughts? on|responses? to|comments? on|replies to) .{1,200}|(?:there (?:are|is|were) )?(?:\d+\s+|one |no )?(?:comments?|responses?|replies|reader comments|leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|discussion|kommentare?|comentarios?|commentaires?|commenti|yorumlar|reacties|комментарии|отзывы|добавить (?:отзыв|комментарий)|оставить (?:отзыв|комментарий))(?:\s*\(\d+\))?\s*:?|(?:tell us|let us know) what (?:you|u) think[.…!]*|have your say[.…!:]*)$",
    )
    .expect("valid regex")
});

/// Short lines right after a widget or prompt heading ("Most Popular",
/// "Related Posts", "Subscribe to the newsletter") are that box's list or
/// blurb: they take its reason, up to the first paragraph of real length.
///
/// An advert label that names its sponsor ("SponsoredNorthwind Savings",
/// "Sponsored by Contoso") inside the article opens such a list too: the
/// ad's blurb. A bare "Advertisement" does not: in page text the article
/// goes on right after it.
pub fn widget_lists(blocks: &[Block], classes: &mut [Class], th: &Thresholds) {
    let first_prose = blocks
        .iter()
        .zip(classes.iter())
        .position(|(b, c)| c.is_content() && is_prose(b, th))
        .unwrap_or(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let opens_list = (matches!(
            classes[i],
            Class::Chrome(Reason::Widget | Reason::Related | Reason::Subscribe)
        ) || (classes[i] == Class::Chrome(Reason::Advert)
            && i > first_prose
            && names_sponsor(&blocks[i].text)))
            && blocks[i].words <= WIDGET_HEADING_MAX_WORDS;
        if !opens_list {
            i += 1;
            continue;
        }
        let Class::Chrome(reason) = classes[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < blocks.len()
            && classes[j].is_content()
            && blocks[j].text.chars().count() < th.prose_min_chars
        {
            classes[j] = Class::Chrome(reason);
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// An advert label with the sponsor's name in it, not a bare label.
fn names_sponsor(text: &str) -> bool {
    const SPONSOR_LABELS: &[&str] = &["sponsored", "promoted", "gesponsert", "patrocinado"];
    let lower = text.to_lowercase();
    SPONSOR_LABELS.iter().any(|l| lower.contains(l)) && text.split_whitespace().count() >= 2
}

/// HTML: a widget heading ("Related Posts", "You may also like") opens a
/// section — the rest of the element that holds the heading takes its
/// reason, prose excerpts included.
pub fn widget_sections(blocks: &[Block], classes: &mut [Class], th: &Thresholds) {
    let content_chars = |range: std::ops::Range<usize>, classes: &[Class]| -> usize {
        range
            .filter(|&k| classes[k].is_content())
            .map(|k| blocks[k].text.len())
            .sum()
    };
    let total = content_chars(0..blocks.len(), classes);
    let mut i = 0;
    while i < blocks.len() {
        let reason = match classes[i] {
            Class::Chrome(r @ (Reason::Widget | Reason::Related))
                if blocks[i].words <= WIDGET_HEADING_MAX_WORDS =>
            {
                r
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let ancestors = &blocks[i].ancestors;
        let Some(&section) = ancestors
            .len()
            .checked_sub(2)
            .and_then(|k| ancestors.get(k))
        else {
            i += 1;
            continue;
        };
        // The section ends where its element ends, or where plain prose
        // paragraphs of that element resume (an inline "Read also:" link).
        let end = (i + 1..blocks.len())
            .find(|&j| {
                let a = &blocks[j].ancestors;
                let sibling_paragraph =
                    a.last() == Some(&section) || (a.len() >= 2 && a[a.len() - 2] == section);
                !a.contains(&section)
                    || (sibling_paragraph && classes[j].is_content() && is_prose(&blocks[j], th))
            })
            .unwrap_or(blocks.len());
        // A promo line inside the article ("Don't miss:") must not take the article with it.
        if content_chars(i + 1..end, classes) as f64 > WIDGET_SECTION_MAX_SHARE * total as f64 {
            i += 1;
            continue;
        }
        for class in &mut classes[i + 1..end] {
            if class.is_content() {
                *class = Class::Chrome(reason);
            }
        }
        i = end.max(i + 1);
    }
}

/// A comments heading after the article has begun ends it: what follows is
/// the comment section (the notes list, if any, keeps its own class).
pub fn comments_tail(blocks: &[Block], classes: &mut [Class], th: &Thresholds) {
    let mut prose_before = 0usize;
    let mut start = None;
    for (i, block) in blocks.iter().enumerate() {
        // A table cell, list item or code line that says "Comment" heads nothing.
        let can_head = matches!(
            block.kind,
            BlockKind::Heading(_) | BlockKind::Paragraph | BlockKind::Line
        );
        if can_head
            && prose_before >= MIN_PROSE_BEFORE_COMMENTS
            && COMMENTS_HEADING.is_match(&block.text)
            && !is_bare_singular(&block.text)
        {
            start = Some(i);
            break;
        }
        if classes[i].is_content() && is_prose(block, th) {
            prose_before += block.text.len();
        }
    }
    let Some(start) = start else {
        return;
    };
    for class in &mut classes[start..] {
        // Comment headers ("Jane Doe · March 3, 2024 at 9:12 AM") read as
        // bylines and datelines; here they are the commenters'.
        if class.is_content()
            || matches!(
                class,
                Class::Chrome(Reason::Widget | Reason::Byline | Reason::Dateline)
            )
        {
            *class = Class::Chrome(Reason::Comments);
        }
    }
}

/// A lone singular word ("Comment", "Reply", "Discussion"): a table's
/// column, a button, or a paper's "Discussion" section as often as the
/// comment section's heading, so it heads nothing.
fn is_bare_singular(text: &str) -> bool {
    const BARE: &[&str] = &[
        "comment",
        "response",
        "reply",
        "discussion",
        "kommentar",
        "comentario",
        "commentaire",
        "commento",
    ];
    let word = text.trim().trim_end_matches(':').to_lowercase();
    BARE.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block::new(crate::document::BlockKind::Line, text.to_string())
    }

    #[test]
    fn lines_under_a_widget_heading_join_it() {
        let th = Thresholds::default();
        let blocks: Vec<Block> = [
            "Most Popular",
            "A headline",
            "Another headline",
            "A long paragraph of prose that follows the list, with many words in it, enough of them to pass a hundred and twenty characters.",
        ]
        .iter()
        .map(|t| block(t))
        .collect();
        let mut classes = vec![
            Class::Chrome(Reason::Widget),
            Class::Content,
            Class::Content,
            Class::Content,
        ];
        widget_lists(&blocks, &mut classes, &th);
        assert_eq!(classes[1], Class::Chrome(Reason::Widget));
        assert_eq!(classes[2], Class::Chrome(Reason::Widget));
        assert_eq!(classes[3], Class::Content);
    }

    #[test]
    fn comment_section_headings() {
        for yes in [
            "3 Comments",
            "There are 13 comments",
            "One comment",
            "No comments:",
            "Comments (4)",
            "12 thoughts on “Fixing the old bridge”",
            "2 responses to \"A walk in the park\"",
            "Leave a Reply",
            "Kommentare",
            "Tell us what YOU think...",
            "Have your say",
        ] {
            assert!(COMMENTS_HEADING.is_match(yes), "{yes}");
        }
        for no in [
            "Comments on the new budget were mixed, the mayor said.",
            "There are 13 reasons to visit the valley",
            "Three thoughts",
            "Discussion of the results",
        ] {
            assert!(!COMMENTS_HEADING.is_match(no), "{no}");
        }
    }

    #[test]
    fn a_papers_discussion_section_or_a_comment_column_heads_nothing() {
        let th = Thresholds::default();
        let prose = "A long paragraph of prose, with many words in it, about the town and its river and its bridges, and a full stop.".repeat(4);
        for heading in ["Discussion", "Comment"] {
            let blocks: Vec<Block> = [prose.as_str(), heading, prose.as_str()]
                .iter()
                .map(|t| block(t))
                .collect();
            let mut classes = vec![Class::Content; 3];
            comments_tail(&blocks, &mut classes, &th);
            assert!(classes.iter().all(|c| *c == Class::Content), "{heading}");
        }
    }

    #[test]
    fn comments_after_the_article_are_dropped() {
        let th = Thresholds::default();
        let prose = "A long paragraph of prose, with many words in it, about the town and its river and its bridges, and a full stop.".repeat(4);
        let blocks: Vec<Block> = [
            prose.as_str(),
            "3 Comments",
            "Nice post, thanks for writing it, I learned a lot from it today.",
            "Leave a Reply",
        ]
        .iter()
        .map(|t| block(t))
        .collect();
        let mut classes = vec![Class::Content; 4];
        comments_tail(&blocks, &mut classes, &th);
        assert_eq!(classes[0], Class::Content);
        assert!(classes[1..]
            .iter()
            .all(|c| *c == Class::Chrome(Reason::Comments)));
    }

    #[test]
    fn a_comments_heading_before_the_article_is_not_a_tail() {
        let th = Thresholds::default();
        let blocks: Vec<Block> = [
            "Comments",
            "A long paragraph of prose, with many words in it, and a full stop at its end.",
        ]
        .iter()
        .map(|t| block(t))
        .collect();
        let mut classes = vec![Class::Content; 2];
        comments_tail(&blocks, &mut classes, &th);
        assert_eq!(classes[1], Class::Content);
    }
}
