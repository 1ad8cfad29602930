//! The structure stage: builds the page from classified blocks.

use crate::config::Config;
use crate::document::{BlockKind, Document};
use crate::output::{BlockType, BodyBlock, Page, SCHEMA_VERSION};
use crate::strip::Class;

/// Builds the page. (Placeholder until the structurer lands.)
pub fn build(doc: &Document, classes: Vec<Class>, _config: &Config) -> Page {
    let body = doc
        .blocks
        .iter()
        .zip(&classes)
        .filter(|(_, c)| c.is_content())
        .map(|(b, _)| BodyBlock {
            kind: match b.kind {
                BlockKind::Heading(_) => BlockType::Heading,
                _ => BlockType::Paragraph,
            },
            level: None,
            text: b.text.clone(),
            notes: Vec::new(),
        })
        .collect();
    Page {
        schema: SCHEMA_VERSION,
        body,
        ..Page::default()
    }
}
