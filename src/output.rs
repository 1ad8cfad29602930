//! The output stage: the page model as serde types, and its JSON, text and markdown renderings.

use serde::{Deserialize, Serialize};

use crate::strip::Reason;

/// Version of the JSON shape; raised on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a page came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// `file`, `stdin`, `url` or `bytes`.
    pub kind: String,
    /// File path, when the page came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// URL, when the page was fetched: the one asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The URL the page was finally fetched from, after redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// The HTTP status of the final response (or of the failure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// When the page was fetched (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// The response's `Content-Type` header, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `html` or `text`: how the input was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The character encoding the bytes were decoded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// One cleaned page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Version of this shape.
    pub schema: u32,
    /// Where the page came from.
    pub source: SourceInfo,
    /// The article's title.
    pub title: Option<String>,
    /// The author(s), several joined by `"; "`.
    pub author: Option<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// The site's name as the page states it.
    pub site_name: Option<String>,
    /// Language tag as the page states it.
    pub language: Option<String>,
    /// Canonical URL as the page states it.
    pub url: Option<String>,
    /// Description as the page states it.
    pub description: Option<String>,
    /// The article, as typed blocks.
    pub body: Vec<BodyBlock>,
    /// The notes the article carries.
    pub footnotes: Vec<Footnote>,
    /// The author's biography, when the page gives one.
    pub author_bio: Option<String>,
    /// Under `--explain`: every block left out of the body, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<Removed>>,
    /// Under `--explain`: where each metadata field came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The limits that changed the page (flattened nesting, a page cut
    /// short, split lines); absent when none did. See `docs/limits.md`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitNote>,
}

/// A limit that changed the page, and what it did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitNote {
    /// The limit, as its command-line option is named (`max-depth`, …).
    pub limit: String,
    /// What it did.
    pub effect: String,
}

/// The type of a body block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockType {
    /// A heading; see `level`.
    Heading,
    /// A paragraph of prose.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// A quotation.
    Quote,
    /// Preformatted text.
    Code,
    /// A table: cells joined by tabs, rows by newlines.
    Table,
}

/// One block of the article body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyBlock {
    /// What kind of block this is.
    #[serde(rename = "type")]
    pub kind: BlockType,
    /// Heading level 1–6, for headings only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The block's text, whitespace collapsed (code keeps its lines).
    pub text: String,
    /// Ids of the notes this block cites, in order of first citation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Links in the block, under `--links`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Images in the block, under `--images`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

/// A link in a body block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// Its target, resolved against the page's URL when the page states one.
    pub href: String,
}

/// An image in a body block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The image's address, resolved against the page's URL when the page states one.
    pub src: String,
    /// Its alternative text.
    pub alt: String,
}

/// One footnote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// The id as the page writes it (`"1"`, `"a"`).
    pub id: String,
    /// The note's text, wrapped lines joined.
    pub text: String,
    /// URLs inside the note.
    #[serde(default)]
    pub urls: Vec<String>,
}

/// A block left out of the body, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The block's text.
    pub text: String,
    /// Why it was left out.
    pub reason: Reason,
}

/// Where each metadata field came from (`"h1"`, `"json-ld"`, `"byline"`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Source of `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Source of `author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Source of `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source of `site_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Source of `language`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Source of `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Source of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Source of `author_bio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_bio: Option<String>,
}

/// The human-readable output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextStyle {
    /// Plain text: title, byline, paragraphs, notes.
    Plain,
    /// Markdown: headings, lists, quotes, code fences, notes as `[^id]:`.
    Markdown,
}

impl Page {
    /// Renders the page for people to read.
    pub fn render(&self, style: TextStyle) -> String {
        let mut out = String::new();
        let md = style == TextStyle::Markdown;
        if let Some(title) = &self.title {
            if md {
                out.push_str("# ");
            }
            out.push_str(title);
            out.push_str("\n\n");
        }
        let mut byline: Vec<&str> = Vec::new();
        if let Some(a) = &self.author {
            byline.push(a);
        }
        if let Some(d) = &self.date {
            byline.push(d);
        }
        if !byline.is_empty() {
            if md {
                out.push('*');
            }
            out.push_str(&byline.join(" · "));
            if md {
                out.push('*');
            }
            out.push_str("\n\n");
        }
        for block in &self.body {
            render_block(&mut out, block, md);
        }
        if !self.footnotes.is_empty() {
            out.push_str(if md { "---\n\n" } else { "Notes\n\n" });
            for note in &self.footnotes {
                if md {
                    out.push_str(&format!("[^{}]: {}\n", note.id, note.text));
                } else {
                    out.push_str(&format!("[{}] {}\n", note.id, note.text));
                }
            }
            out.push('\n');
        }
        if let Some(bio) = &self.author_bio {
            if md {
                out.push_str(&format!("*{bio}*\n"));
            } else {
                out.push_str(bio);
                out.push('\n');
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

fn render_block(out: &mut String, block: &BodyBlock, md: bool) {
    match (block.kind, md) {
        (BlockType::Heading, true) => {
            let level = block.level.unwrap_or(2).clamp(1, 6) as usize;
            out.push_str(&"#".repeat(level));
            out.push(' ');
            out.push_str(&block.text);
        }
        (BlockType::ListItem, _) => {
            out.push_str("- ");
            out.push_str(&block.text);
            out.push('\n');
            return;
        }
        (BlockType::Quote, true) => {
            for line in block.text.lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
            return;
        }
        (BlockType::Code, true) => {
            out.push_str("```\n");
            out.push_str(&block.text);
            out.push_str("\n```");
        }
        _ => out.push_str(&block.text),
    }
    out.push_str("\n\n");
}
