//! The author's biography: a paragraph near the end of the article that is
//! parenthesised and describes someone, or starts with the author's name and
//! a verb ("Jane Doe is a …"), or follows an "About the author" heading.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::Block;
use crate::strip::{Class, Reason};

/// How many of the body's last content blocks may hold the bio.
const BIO_TAIL_BLOCKS: usize = 3;

static DESCRIBES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:is|was|has been|has|teaches|writes|works|worked|lives|studies|studied|holds|leads|heads|covers|ist|war|arbeitet|lebt|es|fue|trabaja|est|était|travaille|è)\b",
    )
    .expect("valid regex")
});

static ABOUT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:about the authors?|about the writer|über (?:den|die) autor(?:in)?|sobre el autor|sobre la autora|à propos de l'auteur|l'auteur|author bio|bio)\s*:?$")
        .expect("valid regex")
});

/// Index of the bio block and, if any, of its "About the author" heading.
///
/// Candidates are the body's last few blocks and the first block after a
/// closing byline or after the notes list; a candidate must be a
/// parenthesised description, start with the author's name and a verb, or
/// follow an "About the author" heading.
pub fn find(
    blocks: &[Block],
    classes: &[Class],
    author: Option<&str>,
) -> Option<(usize, Option<usize>)> {
    let first_content = classes.iter().position(|c| c.is_content())?;
    let mut candidates: Vec<usize> = (0..blocks.len())
        .rev()
        .filter(|&i| classes[i].is_content())
        .take(BIO_TAIL_BLOCKS)
        .collect();
    let closing_byline = (first_content..blocks.len())
        .rev()
        .find(|&i| classes[i] == Class::Chrome(Reason::Byline));
    let notes_end = (0..blocks.len())
        .rev()
        .find(|&i| classes[i] == Class::Chrome(Reason::Footnotes));
    for anchor in [closing_byline, notes_end].into_iter().flatten() {
        let next = (anchor + 1..blocks.len()).find(|&i| {
            !matches!(
                classes[i],
                Class::Chrome(Reason::Byline | Reason::Footnotes)
            )
        });
        if let Some(i) = next.filter(|&i| {
            matches!(
                classes[i],
                Class::Content | Class::Chrome(Reason::OutsideMain)
            )
        }) {
            candidates.push(i);
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let last = candidates.last().copied();
    for i in candidates {
        let text = blocks[i].text.trim();
        let heading = i
            .checked_sub(1)
            .filter(|&h| ABOUT_HEADING.is_match(blocks[h].text.trim()));
        if heading.is_some() {
            return Some((i, heading));
        }
        let after_byline = closing_byline.is_some_and(|b| i > b);
        let parenthesised =
            text.starts_with('(') && text.ends_with(')') && DESCRIBES.is_match(text);
        let names_author = author.is_some_and(|a| starts_with_name(text, a));
        if (parenthesised && (after_byline || Some(i) == last)) || names_author {
            return Some((i, None));
        }
    }
    None
}

/// Whether `text` opens with (part of) the author's name followed by a describing verb.
fn starts_with_name(text: &str, author: &str) -> bool {
    let text = text.trim_start_matches('(');
    author.split("; ").any(|name| {
        let surname = name.split_whitespace().last().unwrap_or(name);
        [name, surname].iter().any(|n| {
            text.strip_prefix(n).is_some_and(|rest| {
                let head: String = rest.chars().take(30).collect();
                rest.starts_with(' ') && DESCRIBES.is_match(&head)
            })
        })
    })
}

/// The bio text: the parentheses of a parenthesised bio dropped.
pub fn text(block: &Block) -> String {
    let t = block.text.trim();
    t.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t)
        .trim()
        .to_string()
}
