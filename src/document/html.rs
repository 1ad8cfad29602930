//! HTML into blocks: parsed once with scraper/html5ever, then walked once,
//! iteratively (never recursively, so deep trees cannot overflow the stack).
//!
//! Block-level elements start and end blocks; inline text accumulates into
//! the innermost open block. Each block keeps the element ids of its
//! block-level ancestors (for container scoring in the strip stage), the
//! characters it has inside links, and markup flags (inside `nav`, `footer`,
//! `aside`, …). Invisible content (`script`, `style`, `hidden`,
//! `aria-hidden`, `display:none`) never becomes a block. Footnote references
//! (`<sup><a href="#fn1">1</a></sup>`) become `[1]` so they never merge into
//! the number before them. Head metadata is collected on the same walk.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node as DomNode};

use super::{collapse_whitespace, Block, BlockKind, Document, Format, HtmlMeta, Node};

/// Elements whose content is never shown as text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "option", "textarea", "input", "audio", "video", "map", "dialog",
];

/// Elements that start and end a block.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
];

/// Longest byline-classed element text kept as a byline candidate, in characters.
const BYLINE_MAX_CHARS: usize = 200;
/// Longest text a footnote reference may have (`12`, `iv`, `a`).
const NOTEREF_MAX_CHARS: usize = 4;

/// Parses HTML into a [`Document`].
pub fn parse(html: &str) -> Document {
    let dom = Html::parse_document(html);
    let mut walker = Walker::default();
    walker.walk(&dom);
    Document {
        format: Format::Html,
        blocks: walker.blocks,
        nodes: walker.nodes,
        meta: walker.meta,
    }
}

/// One open element on the walk's stack.
struct Open {
    /// Node id when the element is block-level.
    node: Option<u32>,
    /// Tag name.
    tag: &'static str,
    is_link: bool,
    /// Text inside is not shown (`head`, `title`), but the walk goes on for metadata.
    mute: bool,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    nodes: Vec<Node>,
    meta: HtmlMeta,
    stack: Vec<Open>,
    /// Text of the block being built.
    buf: String,
    /// Characters of `buf` inside links.
    link_chars: usize,
    /// Depth of open links.
    links: usize,
    /// Id of the element whose subtree is being skipped, if any.
    skipping: Option<ego_tree::NodeId>,
    /// Depth of open muted elements.
    mute: usize,
}

impl Walker {
    fn walk(&mut self, dom: &Html) {
        for edge in dom.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if self.skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        DomNode::Text(text) => self.text(text),
                        DomNode::Element(_) => {
                            if let Some(el) = ElementRef::wrap(node) {
                                self.open(el);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = self.skipping {
                        if id == node.id() {
                            self.skipping = None;
                        }
                        continue;
                    }
                    if node.value().is_element() {
                        self.close();
                    }
                }
            }
        }
        self.flush();
    }

    fn text(&mut self, text: &str) {
        if self.mute > 0 {
            return;
        }
        self.buf.push_str(text);
        if self.links > 0 {
            self.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
    }

    fn open(&mut self, el: ElementRef<'_>) {
        let element = el.value();
        let name = element.name();
        self.collect_meta(el, name);
        if INVISIBLE.contains(&name) || is_hidden(el) {
            self.skip(el);
            return;
        }
        if name == "br" {
            self.buf.push('\n');
            self.skip(el);
            return;
        }
        if let Some(id) = noteref_id(el) {
            self.buf.push_str(&format!("[{id}]"));
            self.skip(el);
            return;
        }
        if let Some(sup) = superscript_digits(el) {
            self.buf.push_str(&sup);
            self.skip(el);
            return;
        }
        if name == "table" && is_data_table(el) {
            self.flush();
            self.push_node(el, "table");
            let mut block = Block::new(BlockKind::Table, table_text(el));
            block.ancestors = self.ancestors();
            self.stack.pop();
            if !block.text.is_empty() {
                self.blocks.push(block);
            }
            self.skip(el);
            return;
        }
        if name == "img" {
            self.skip(el);
            return;
        }
        let tag = intern(name);
        if BLOCK_LEVEL.contains(&name) {
            self.flush();
            self.push_node(el, tag);
        } else {
            let is_link = name == "a";
            if is_link {
                self.links += 1;
            }
            let mute = matches!(name, "head" | "title");
            if mute {
                self.mute += 1;
            }
            self.stack.push(Open {
                node: None,
                tag,
                is_link,
                mute,
            });
        }
    }

    fn close(&mut self) {
        let Some(open) = self.stack.last() else {
            return;
        };
        if open.node.is_some() {
            self.flush();
        }
        if let Some(open) = self.stack.pop() {
            if open.is_link {
                self.links = self.links.saturating_sub(1);
            }
            if open.mute {
                self.mute = self.mute.saturating_sub(1);
            }
        }
    }

    /// Skips the subtree of `el`: nothing inside it is seen.
    ///
    /// The element was not pushed on the stack, so its closing edge must be
    /// swallowed too — also for empty elements such as `<img>` and `<br>`.
    fn skip(&mut self, el: ElementRef<'_>) {
        self.skipping = Some(el.id());
    }

    fn push_node(&mut self, el: ElementRef<'_>, tag: &'static str) {
        let element = el.value();
        let parent = self.stack.iter().rev().find_map(|o| o.node);
        let depth = parent.map_or(0, |p| self.nodes[p as usize].depth + 1);
        let mut tokens = Vec::new();
        for attr in ["class", "id", "role", "itemprop"] {
            if let Some(value) = element.attr(attr) {
                tokens.extend(value.split_whitespace().map(str::to_ascii_lowercase));
            }
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            tag: tag.to_string(),
            parent,
            depth,
            tokens,
        });
        self.stack.push(Open {
            node: Some(id),
            tag,
            is_link: false,
            mute: false,
        });
    }

    fn ancestors(&self) -> Vec<u32> {
        self.stack.iter().filter_map(|o| o.node).collect()
    }

    /// The kind of block the innermost block-level elements make.
    fn kind(&self) -> BlockKind {
        let mut kind = BlockKind::Paragraph;
        for o in self.stack.iter().rev() {
            match o.tag {
                "pre" => return BlockKind::Code,
                "blockquote" => return BlockKind::Quote,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if kind == BlockKind::Paragraph => {
                    kind = BlockKind::Heading(o.tag.as_bytes()[1] - b'0');
                }
                "li" | "dd" | "dt" if kind == BlockKind::Paragraph => kind = BlockKind::ListItem,
                "figcaption" | "caption" if kind == BlockKind::Paragraph => {
                    kind = BlockKind::Caption
                }
                _ => {}
            }
        }
        kind
    }

    /// Ends the current block, if it has any text.
    fn flush(&mut self) {
        if self.buf.trim().is_empty() {
            self.buf.clear();
            self.link_chars = 0;
            return;
        }
        let kind = self.kind();
        let text = if kind == BlockKind::Code {
            trim_lines(&self.buf)
        } else {
            collapse_whitespace(&self.buf)
        };
        let mut block = Block::new(kind, text);
        block.link_chars = self.link_chars;
        block.ancestors = self.ancestors();
        self.blocks.push(block);
        self.buf.clear();
        self.link_chars = 0;
    }

    /// Collects head metadata and byline candidates from `el`.
    fn collect_meta(&mut self, el: ElementRef<'_>, name: &str) {
        let element = el.value();
        match name {
            "html" => {
                if let Some(lang) = element.attr("lang").or_else(|| element.attr("xml:lang")) {
                    self.meta.lang = Some(lang.trim().to_string());
                }
            }
            "title" if self.meta.title_tag.is_none() => {
                let title = collapse_whitespace(&el.text().collect::<String>());
                if !title.is_empty() {
                    self.meta.title_tag = Some(title);
                }
            }
            "meta" => {
                let key = element
                    .attr("property")
                    .or_else(|| element.attr("name"))
                    .or_else(|| element.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, element.attr("content")) {
                    self.meta
                        .metas
                        .push((key.trim().to_ascii_lowercase(), content.trim().to_string()));
                }
            }
            "link" => {
                let rel = element.attr("rel").unwrap_or("");
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    if let Some(href) = element.attr("href") {
                        self.meta.canonical = Some(href.trim().to_string());
                    }
                }
            }
            "script" => {
                let ty = element.attr("type").unwrap_or("");
                if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                    self.meta.json_ld.push(el.text().collect());
                }
            }
            "time" => {
                if let Some(dt) = element.attr("datetime") {
                    self.meta.times.push(dt.trim().to_string());
                }
            }
            _ => {}
        }
        let is_byline = element.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|t| t.eq_ignore_ascii_case("author"))
        }) || element
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("author"))
            || element.attr("class").is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    let t = t.to_ascii_lowercase();
                    t.contains("byline")
                        || t == "author"
                        || t.ends_with("-author")
                        || t.contains("author-name")
                })
            });
        if is_byline {
            let text = collapse_whitespace(&el.text().collect::<String>());
            if !text.is_empty() && text.chars().count() <= BYLINE_MAX_CHARS {
                self.meta.byline_texts.push(text);
            }
        }
    }
}

/// Tag names as `'static` strings: the block-level ones and `a`, which is
/// all the walk compares; any other tag becomes `""`.
fn intern(name: &str) -> &'static str {
    if name == "a" {
        return "a";
    }
    BLOCK_LEVEL
        .iter()
        .find(|k| **k == name)
        .copied()
        .unwrap_or("")
}

/// Hidden by the `hidden` attribute, `aria-hidden="true"` or an inline
/// `display:none` / `visibility:hidden` style.
fn is_hidden(el: ElementRef<'_>) -> bool {
    let element = el.value();
    if element.attr("hidden").is_some() {
        return true;
    }
    if element
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// The id of a footnote reference element (`<sup><a href="#fn1">1</a></sup>`,
/// `<a role="doc-noteref">`, `<a class="footnote-ref">`), if `el` is one.
fn noteref_id(el: ElementRef<'_>) -> Option<String> {
    let name = el.value().name();
    if name != "sup" && name != "a" {
        return None;
    }
    let link = if name == "a" {
        el
    } else {
        el.child_elements().find(|c| c.value().name() == "a")?
    };
    let href = link.value().attr("href").unwrap_or("");
    let role = link.value().attr("role").unwrap_or("");
    let class = link
        .value()
        .attr("class")
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_ref = role.eq_ignore_ascii_case("doc-noteref")
        || class.contains("footnote-ref")
        || class.contains("noteref")
        || (name == "sup" && is_note_href(href));
    if !is_ref {
        return None;
    }
    let text: String = el.text().collect();
    let id = text
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let valid = !id.is_empty()
        && id.chars().count() <= NOTEREF_MAX_CHARS
        && id.chars().all(char::is_alphanumeric);
    valid.then(|| id.to_string())
}

/// A `<sup>` holding only digits and signs (an exponent such as `100<sup>2</sup>`),
/// as Unicode superscripts, so "100²" never reads "1002".
fn superscript_digits(el: ElementRef<'_>) -> Option<String> {
    if el.value().name() != "sup" {
        return None;
    }
    let text: String = el.text().collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    text.chars()
        .map(|c| match c {
            '0' => Some('⁰'),
            '1' => Some('¹'),
            '2' => Some('²'),
            '3' => Some('³'),
            '4' => Some('⁴'),
            '5' => Some('⁵'),
            '6' => Some('⁶'),
            '7' => Some('⁷'),
            '8' => Some('⁸'),
            '9' => Some('⁹'),
            '+' => Some('⁺'),
            '-' | '−' => Some('⁻'),
            _ => None,
        })
        .collect()
}

/// An in-page link to a note (`#fn1`, `#footnote-2`, `#cite_note-3`, `#note4`, `#_ftn5`).
fn is_note_href(href: &str) -> bool {
    let Some(fragment) = href.rsplit_once('#').map(|(_, f)| f.to_ascii_lowercase()) else {
        return false;
    };
    [
        "fn",
        "footnote",
        "cite_note",
        "note",
        "endnote",
        "_ftn",
        "ftn",
        "ref",
    ]
    .iter()
    .any(|p| fragment.starts_with(p))
}

/// A table that holds data rather than page layout: no nested tables or
/// block content in its cells.
fn is_data_table(el: ElementRef<'_>) -> bool {
    const LAYOUT_INSIDE: &[&str] = &[
        "table",
        "div",
        "p",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "article",
        "section",
        "form",
        "nav",
    ];
    !el.descendent_elements()
        .skip(1)
        .any(|d| LAYOUT_INSIDE.contains(&d.value().name()))
}

/// A data table's text: cells joined by tabs, rows by newlines.
fn table_text(el: ElementRef<'_>) -> String {
    let mut rows = Vec::new();
    for row in el
        .descendent_elements()
        .filter(|d| d.value().name() == "tr")
    {
        let cells: Vec<String> = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .map(|c| collapse_whitespace(&c.text().collect::<String>()))
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(cells.join("\t"));
        }
    }
    rows.join("\n")
}

/// Preformatted text: trailing spaces and blank edges trimmed, lines kept.
fn trim_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        parse(html)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn block_elements_make_blocks_and_inline_text_joins() {
        let b =
            blocks("<div><h2>Head <em>line</em></h2><p>One <a href=x>two</a> three.</p>tail</div>");
        assert_eq!(
            b,
            vec![
                (BlockKind::Heading(2), "Head line".into()),
                (BlockKind::Paragraph, "One two three.".into()),
                (BlockKind::Paragraph, "tail".into()),
            ]
        );
    }

    #[test]
    fn invisible_and_hidden_content_is_skipped() {
        let b = blocks(
            "<p>Shown</p><script>var x;</script><p hidden>no</p><p style='display: none'>no</p>\
             <div aria-hidden=true>no</div><p>End</p>",
        );
        assert_eq!(
            b.iter().map(|b| b.1.as_str()).collect::<Vec<_>>(),
            ["Shown", "End"]
        );
    }

    #[test]
    fn note_references_become_bracketed_markers() {
        let b = blocks(r##"<p>It grew 100<sup>2</sup> times.<sup><a href="#fn1">1</a></sup></p>"##);
        assert_eq!(b[0].1, "It grew 100² times.[1]");
        let b = blocks(r##"<p>Said so.<a href="#fn3" role="doc-noteref"><sup>3</sup></a></p>"##);
        assert_eq!(b[0].1, "Said so.[3]");
    }

    #[test]
    fn lists_quotes_code_and_tables_are_typed() {
        let b = blocks(
            "<ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote>\
             <pre>  x = 1\n  y = 2\n</pre><table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>",
        );
        assert_eq!(b[0].0, BlockKind::ListItem);
        assert_eq!(b[2], (BlockKind::Quote, "q".into()));
        assert_eq!(b[3], (BlockKind::Code, "  x = 1\n  y = 2".into()));
        assert_eq!(b[4], (BlockKind::Table, "k\tv\na\t1".into()));
    }

    #[test]
    fn empty_skipped_elements_do_not_close_their_parent() {
        let doc = parse("<a href=/x><span><img src=a.png></span><p>Linked teaser text.</p></a>");
        assert_eq!(doc.blocks[0].text, "Linked teaser text.");
        assert!((doc.blocks[0].link_density() - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn link_characters_are_counted() {
        let doc = parse("<p><a href=/a>Home</a> <a href=/b>News</a></p>");
        assert_eq!(doc.blocks[0].link_chars, 8);
        assert!(doc.blocks[0].link_density() > 0.8);
    }

    #[test]
    fn head_metadata_is_collected() {
        let doc = parse(
            r#"<html lang="de"><head><title> A  title </title><meta property="og:title" content="OG">
            <link rel="canonical" href="https://example.org/a"><script type="application/ld+json">{"a":1}</script>
            </head><body><span class="byline">By Jo Bloggs</span><time datetime="2021-10-24">x</time></body></html>"#,
        );
        assert_eq!(doc.meta.lang.as_deref(), Some("de"));
        assert_eq!(doc.meta.title_tag.as_deref(), Some("A title"));
        assert_eq!(doc.meta.meta(&["og:title"]), Some("OG"));
        assert_eq!(doc.meta.canonical.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.meta.json_ld.len(), 1);
        assert_eq!(doc.meta.byline_texts, ["By Jo Bloggs"]);
        assert_eq!(doc.meta.times, ["2021-10-24"]);
    }
}
