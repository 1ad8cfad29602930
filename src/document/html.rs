//! HTML into blocks: parsed once with scraper/html5ever, walked iteratively.

use super::{Document, Format, HtmlMeta};

/// Parses HTML into blocks. (Placeholder.)
pub fn parse(_html: &str) -> Document {
    Document {
        format: Format::Html,
        blocks: Vec::new(),
        nodes: Vec::new(),
        meta: HtmlMeta::default(),
    }
}
