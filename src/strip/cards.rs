//! Teaser cards: repeated sibling elements that each hold a linked headline
//! and at most a short summary — the lists of other articles that make up
//! home pages, listings, search results and "more stories" boxes. Each card
//! is a pointer to another page, so its text is not this page's article.
//!
//! An article's own items (a listicle's sections, a recipe's steps) carry
//! more text than a card's summary, or no linked headline, and stay; so do
//! cards inside the element the page names as its article when that
//! element has prose of its own besides them (product boxes in a deals
//! post).

use super::{Class, Reason};
use crate::document::{Block, Document};

/// A group needs at least this many cards.
const CARD_MIN_COUNT: usize = 3;
/// At least this share of a group's members must be cards.
const CARD_MIN_SHARE: f64 = 0.6;
/// A card's text besides its headline, in characters, is at most this.
const CARD_MAX_SUMMARY_CHARS: usize = 400;
/// A card holds at most this many blocks.
const CARD_MAX_BLOCKS: usize = 8;
/// A headline is at least this much link.
const HEADLINE_MIN_LINK_DENSITY: f64 = 0.5;
/// A headline has at least this many words (menu items have fewer).
const HEADLINE_MIN_WORDS: usize = 3;
/// Elements whose cards are grouped page-wide, by tag and class.
const SECTION_TAGS: &[&str] = &["div", "article", "section"];
/// The headline is the first or second block of a card (after a kicker).
const HEADLINE_MAX_POSITION: usize = 1;
/// Prose (in characters, outside any card) that makes a named article an
/// article, whose own cards then stay.
const ARTICLE_OWN_PROSE_CHARS: usize = 600;

/// Marks the content blocks of teaser cards as [`Reason::Related`].
pub fn mark(doc: &Document, classes: &mut [Class]) {
    let n = doc.nodes.len();
    if n == 0 {
        return;
    }
    // Blocks under an element are contiguous: keep each element's range.
    let mut first = vec![usize::MAX; n];
    let mut last = vec![0usize; n];
    for (i, block) in doc.blocks.iter().enumerate() {
        for &a in block.ancestors.iter() {
            let a = a as usize;
            first[a] = first[a].min(i);
            last[a] = last[a].max(i);
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, node) in doc.nodes.iter().enumerate() {
        if let Some(p) = node.parent {
            if first[i] != usize::MAX {
                children[p as usize].push(i);
            }
        }
    }
    // Find every group of cards first: whether a group belongs to an
    // article depends on the prose that is in no card at all. Cards are
    // grouped among siblings, and page-wide for section-like elements
    // (a home page repeats one card kind in many boxes).
    // Each element's kind: its tag and first class/id token without digits.
    let kinds: Vec<(&str, &str)> = doc
        .nodes
        .iter()
        .map(|node| {
            let kind = node
                .tokens()
                .find(|t| !t.bytes().any(|b| b.is_ascii_digit()))
                .unwrap_or("");
            (node.tag, kind)
        })
        .collect();
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    let mut group_by_kind = |mut members: Vec<usize>| {
        members.sort_by_key(|&k| kinds[k]);
        for run in members.chunk_by(|&a, &b| kinds[a] == kinds[b]) {
            if run.len() >= CARD_MIN_COUNT {
                candidates.push(run.to_vec());
            }
        }
    };
    for kids in children.iter().filter(|k| k.len() >= CARD_MIN_COUNT) {
        group_by_kind(kids.clone());
    }
    let page_wide: Vec<usize> = (0..n)
        .filter(|&k| {
            first[k] != usize::MAX && !kinds[k].1.is_empty() && SECTION_TAGS.contains(&kinds[k].0)
        })
        .collect();
    group_by_kind(page_wide);
    // Whether each element is a card, worked out once.
    let mut card_memo: Vec<Option<bool>> = vec![None; n];
    let mut groups_found: Vec<Vec<usize>> = Vec::new();
    for members in &candidates {
        let cards: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| {
                *card_memo[k].get_or_insert_with(|| {
                    is_card(
                        &doc.blocks[first[k]..=last[k]],
                        &classes[first[k]..=last[k]],
                    )
                })
            })
            .collect();
        if cards.len() >= CARD_MIN_COUNT
            && cards.len() as f64 >= CARD_MIN_SHARE * members.len() as f64
        {
            groups_found.push(cards);
        }
    }
    let mut in_card = vec![false; doc.blocks.len()];
    for &k in groups_found.iter().flatten() {
        in_card[first[k]..=last[k]]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    for cards in groups_found {
        if inside_article_with_prose(doc, &cards, &in_card, classes, (&first, &last)) {
            continue;
        }
        for k in cards {
            for class in &mut classes[first[k]..=last[k]] {
                // A card's byline and date are the card's, not the page's.
                if matches!(
                    class,
                    Class::Content | Class::Chrome(Reason::Byline | Reason::Dateline)
                ) {
                    *class = Class::Chrome(Reason::Related);
                }
            }
        }
    }
}

/// Whether the cards sit inside the element the page names as its article,
/// and that element has prose of its own outside every card. `range`
/// holds each element's first and last block.
fn inside_article_with_prose(
    doc: &Document,
    cards: &[usize],
    in_card: &[bool],
    classes: &[Class],
    (first, last): (&[usize], &[usize]),
) -> bool {
    let Some(&card) = cards.first() else {
        return false;
    };
    let mut up = doc.nodes[card].parent;
    let article = loop {
        let Some(p) = up else {
            return false;
        };
        let node = &doc.nodes[p as usize];
        if node.tag != "main" && super::markup::is_content_node(node) {
            break p;
        }
        up = node.parent;
    };
    // The article's blocks are the run from its first to its last (it has
    // some: the cards inside it do).
    let article = article as usize;
    let (Some(&from), Some(&to)) = (first.get(article), last.get(article)) else {
        return false;
    };
    if from > to || to >= doc.blocks.len() {
        return false;
    }
    let range = from..=to;
    let own: usize = doc.blocks[range.clone()]
        .iter()
        .zip(&classes[range.clone()])
        .zip(&in_card[range])
        .filter(|((_, c), &carded)| !carded && c.is_content())
        .map(|((b, _), _)| b.text.chars().count())
        .sum();
    own >= ARTICLE_OWN_PROSE_CHARS
}

/// A linked headline near its top and at most a short summary. (Links at
/// the end of a panel — "Try it now", "Learn more" — make no headline.)
fn is_card(blocks: &[Block], classes: &[Class]) -> bool {
    if blocks.len() > CARD_MAX_BLOCKS {
        return false;
    }
    let mut headline = false;
    let mut summary = 0usize;
    // The headline counts wherever a detector put it; the summary is the
    // content the card would otherwise give the page.
    for (position, (block, class)) in blocks.iter().zip(classes).enumerate() {
        let linked = block.link_density() >= HEADLINE_MIN_LINK_DENSITY;
        if linked && block.words >= HEADLINE_MIN_WORDS && position <= HEADLINE_MAX_POSITION {
            headline = true;
        } else if !linked && class.is_content() {
            summary += block.text.chars().count();
        }
    }
    headline && summary <= CARD_MAX_SUMMARY_CHARS
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::strip::strip;

    fn kept(html: &str) -> Vec<String> {
        let doc = crate::document::html::parse(html);
        let s = strip(&doc, &Config::default());
        doc.blocks
            .into_iter()
            .zip(s.classes)
            .filter(|(_, c)| c.is_content())
            .map(|(b, _)| b.text)
            .collect()
    }

    fn card(n: usize) -> String {
        format!(
            "<li class=item><h3><a href=/s{n}>Story number {n} has a headline</a></h3>\
             <p>A one-sentence summary of story {n}, as teasers have.</p></li>"
        )
    }

    #[test]
    fn a_list_of_teasers_is_not_the_article() {
        let cards: String = (1..=6).map(card).collect();
        let article = "<p>The article's own paragraph has plenty of ordinary words in it, enough to be prose.</p>";
        let html = format!("<div>{article}{article}</div><ul>{cards}</ul>");
        let kept = kept(&html);
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn sections_with_long_text_are_not_cards() {
        let section = |n: usize| {
            format!(
                "<div class=step><h3><a href=#s{n}>Step {n} of the recipe here</a></h3>\
                 <p>{}</p></div>",
                "Stir the pot slowly and keep the heat low while the sugar dissolves. ".repeat(8)
            )
        };
        let html: String = (1..=4).map(section).collect();
        assert!(kept(&html).len() >= 4);
    }
}
