//! Plain page text into blocks: lines and blank-line paragraphs.

use super::{collapse_whitespace, Block, BlockKind, Document, Format, HtmlMeta};
use crate::config::Thresholds;

/// Splits page text into blocks. (Placeholder.)
pub fn parse(text: &str, _thresholds: &Thresholds) -> Document {
    let blocks = text
        .lines()
        .map(collapse_whitespace)
        .filter(|l| !l.is_empty())
        .map(|l| Block::new(BlockKind::Line, l))
        .collect();
    Document {
        format: Format::Text,
        blocks,
        nodes: Vec::new(),
        meta: HtmlMeta::default(),
    }
}
