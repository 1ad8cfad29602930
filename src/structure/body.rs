//! Body blocks: each content block typed (heading, paragraph, list item,
//! quote, code, table) with the note ids it cites, and on request its links
//! and images with their addresses resolved.

use crate::config::Thresholds;
use crate::document::text::{bullet_item, is_numbered_item};
use crate::document::{Block, BlockKind};
use crate::output::{BlockType, BodyBlock, Image, Link};
use crate::strip::{is_prose, notes, Class};

/// Heading level given to headings found in plain text.
const TEXT_HEADING_LEVEL: u8 = 2;

/// The typed body blocks of the content blocks; addresses of links and
/// images are resolved against `base` when there is one.
pub fn build(
    blocks: &[Block],
    classes: &[Class],
    th: &Thresholds,
    base: Option<&url::Url>,
    note_ids: &std::collections::HashSet<String>,
) -> Vec<BodyBlock> {
    let resolve = |address: &str| -> String {
        base.and_then(|b| b.join(address).ok())
            .map_or_else(|| address.to_string(), String::from)
    };
    let content: Vec<usize> = (0..blocks.len())
        .filter(|&i| classes[i].is_content())
        .collect();
    content
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let block = &blocks[i];
            let next = content.get(k + 1).map(|&j| &blocks[j]);
            let (kind, level, text) = typed(block, next, th);
            BodyBlock {
                kind,
                level,
                notes: notes::markers_in(&text, note_ids),
                text,
                links: block
                    .links
                    .iter()
                    .map(|l| Link {
                        text: l.text.clone(),
                        href: resolve(&l.href),
                    })
                    .collect(),
                images: block
                    .images
                    .iter()
                    .map(|i| Image {
                        src: resolve(&i.src),
                        alt: i.alt.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn typed(block: &Block, next: Option<&Block>, th: &Thresholds) -> (BlockType, Option<u8>, String) {
    let text = block.text.clone();
    match block.kind {
        BlockKind::Heading(level) => (BlockType::Heading, Some(level), text),
        BlockKind::ListItem => (BlockType::ListItem, None, text),
        BlockKind::Quote => (BlockType::Quote, None, text),
        BlockKind::Code => (BlockType::Code, None, text),
        BlockKind::Table => (BlockType::Table, None, text),
        BlockKind::Paragraph | BlockKind::Caption => (BlockType::Paragraph, None, text),
        BlockKind::Line => {
            if let Some(item) = bullet_item(&text) {
                (BlockType::ListItem, None, item.to_string())
            } else if is_numbered_item(&text) {
                (BlockType::ListItem, None, text)
            } else if is_text_heading(block, next, th) {
                (BlockType::Heading, Some(TEXT_HEADING_LEVEL), text)
            } else {
                (BlockType::Paragraph, None, text)
            }
        }
    }
}

/// A plain-text line that heads what follows: short, capitalised, without a
/// sentence end, and followed by prose.
fn is_text_heading(block: &Block, next: Option<&Block>, th: &Thresholds) -> bool {
    let text = block.text.trim();
    let first_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let no_sentence_end = !text.ends_with(['.', ',', ';', ':', '!', '…', '"', '”']);
    block.words >= 1
        && block.words <= th.heading_max_words
        && first_upper
        && no_sentence_end
        && !is_prose(block, th)
        && next.is_some_and(|n| {
            let list = bullet_item(&n.text).is_some() || is_numbered_item(&n.text);
            is_prose(n, th) || (n.gap_before > 0 && !list) || (block.gap_before > 0 && list)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Block {
        Block::new(BlockKind::Line, text.into())
    }

    #[test]
    fn lines_are_typed() {
        let th = Thresholds::default();
        let prose = line(
            "A paragraph of prose follows the heading, with more than enough words to count.[3]",
        );
        let blocks = vec![
            line("Grounds of the Matter"),
            prose.clone(),
            line("- an item"),
            line("2) a step"),
        ];
        let classes = vec![Class::Content; 4];
        let body = build(&blocks, &classes, &th, None, &Default::default());
        assert_eq!(body[0].kind, BlockType::Heading);
        assert_eq!(body[1].kind, BlockType::Paragraph);
        assert_eq!(body[1].notes, ["3"]);
        assert_eq!(
            (body[2].kind, body[2].text.as_str()),
            (BlockType::ListItem, "an item")
        );
        assert_eq!(
            (body[3].kind, body[3].text.as_str()),
            (BlockType::ListItem, "2) a step")
        );
    }

    #[test]
    fn a_short_sentence_is_not_a_heading() {
        let th = Thresholds::default();
        let blocks = vec![
            line("It rained."),
            line("A paragraph of prose follows, with more than enough words to count as one."),
        ];
        let body = build(
            &blocks,
            &[Class::Content, Class::Content],
            &th,
            None,
            &Default::default(),
        );
        assert_eq!(body[0].kind, BlockType::Paragraph);
    }
}
