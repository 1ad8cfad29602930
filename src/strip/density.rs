//! Plain-text position evidence: the main run of prose.
//!
//! Every block gets a weight — prose counts for its length, a short line
//! costs a little, chrome costs more, the notes list is a wall — and the
//! contiguous run with the greatest total weight is the article. Short
//! sentences at either edge join it (a one-line lede or sign-off).

use super::{is_prose, is_sentence, Class, Reason};
use crate::config::Thresholds;
use crate::document::{Block, BlockKind};

/// Weight of a notes-list block: the main run never crosses the notes.
const WALL: i64 = -1_000_000;

/// Marks content blocks outside the main run of prose as [`Reason::OutsideMain`].
pub fn main_run(blocks: &[Block], classes: &mut [Class], th: &Thresholds) {
    let weights: Vec<i64> = blocks
        .iter()
        .zip(classes.iter())
        .map(|(b, c)| match c {
            Class::Chrome(Reason::Footnotes) => WALL,
            Class::Chrome(_) => -th.chrome_block_penalty,
            Class::Content if is_prose(b, th) || is_list_line(b) || b.kind == BlockKind::Code => {
                b.text.chars().count() as i64
            }
            Class::Content => -th.short_block_penalty,
        })
        .collect();
    let Some((mut start, mut end)) = best_run(&weights) else {
        // No prose at all: keep only what reads as sentences.
        for (b, c) in blocks.iter().zip(classes.iter_mut()) {
            if c.is_content() && !is_sentence(b) {
                *c = Class::Chrome(Reason::OutsideMain);
            }
        }
        return;
    };
    while start > 0 && classes[start - 1].is_content() && is_sentence(&blocks[start - 1]) {
        start -= 1;
    }
    while end + 1 < blocks.len() && classes[end + 1].is_content() && is_sentence(&blocks[end + 1]) {
        end += 1;
    }
    for (i, c) in classes.iter_mut().enumerate() {
        if (i < start || i > end) && c.is_content() {
            *c = Class::Chrome(Reason::OutsideMain);
        }
    }
}

/// A bulleted or numbered line of a few words: part of a list in the article
/// (menus copied from a page carry no bullets).
fn is_list_line(block: &Block) -> bool {
    const MIN_WORDS: usize = 3;
    block.words >= MIN_WORDS
        && (crate::document::text::bullet_item(&block.text).is_some()
            || crate::document::text::is_numbered_item(&block.text))
}

/// The inclusive range with the greatest positive sum (Kadane), if any.
fn best_run(weights: &[i64]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0usize;
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::strip::strip;

    fn classes(page: &str) -> Vec<(String, Class)> {
        let config = Config::default();
        let doc = crate::document::text::parse(page, &config.thresholds);
        let s = strip(&doc, &config);
        doc.blocks
            .into_iter()
            .map(|b| b.text)
            .zip(s.classes)
            .collect()
    }

    #[test]
    fn kadane_finds_the_heaviest_run() {
        assert_eq!(best_run(&[-5, 10, -3, 10, -50, 4]), Some((1, 3)));
        assert_eq!(best_run(&[-1, -2]), None);
    }

    #[test]
    fn menus_before_and_after_the_prose_are_outside() {
        let page =
            "Home\nWorld\nSport\n\nA long first paragraph about the harbour, the ships that \
                    used it, and the families who worked the cranes for three generations.\n\n\
                    Short heading\n\nAnother long paragraph follows here, with enough words to \
                    count as prose, and a full stop at the end.\n\nAbout\nContact";
        let c = classes(page);
        let kept: Vec<&str> = c
            .iter()
            .filter(|(_, c)| c.is_content())
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[1], "Short heading");
        // "Home" is claimed by the navigation family; "Contact" lies outside the run.
        assert!(!c[0].1.is_content());
        assert_eq!(
            c.last().map(|x| x.1),
            Some(Class::Chrome(Reason::OutsideMain))
        );
    }

    #[test]
    fn a_short_lede_joins_the_run() {
        let page = "Menu\n\nIt rained all night.\n\nThe long paragraph that follows has more than enough words \
                    to count as prose in anyone's book, surely.";
        let c = classes(page);
        assert!(c[1].1.is_content());
        assert!(!c[0].1.is_content());
    }
}
