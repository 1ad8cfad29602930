//! HTML into blocks: parsed once with html5ever into a [`Dom`] (see
//! [`dom`](super::dom)), then walked once, iteratively (never recursively,
//! so deep trees cannot overflow the stack), skipping invisible subtrees
//! outright.
//!
//! Block-level elements start and end blocks; inline text accumulates into
//! the innermost open block. Each block keeps the element ids of its
//! block-level ancestors (for container scoring in the strip stage) and the
//! characters it has inside links; on request, its links and images.
//! Invisible content (`script`, `style`, `hidden`, `aria-hidden`,
//! `display:none`) never becomes a block. Footnote references
//! (`<sup><a href="#fn1">1</a></sup>`) become `[1]` so they never merge into
//! the number before them, and exponents become superscripts ("100²"). Head
//! metadata is collected on the same walk.

use html5ever::tendril::TendrilSink;

use super::dom::{Dom, DomSink, Edge, Element, NodeData, NodeId, NodeRef};
use super::{
    collapse_whitespace, guard, meta_key, prefilter, Block, BlockKind, DeadlinePassed, Document,
    Format, HtmlMeta, Image, LimitHit, Limits, Link, Node,
};

/// Longest byline-classed element text kept as a byline candidate, in characters.
const BYLINE_MAX_CHARS: usize = 200;
/// Longest text a footnote reference may have (`12`, `iv`, `a`).
const NOTEREF_MAX_CHARS: usize = 4;
/// Most visible characters read from a `<sup>` or note link to tell a
/// footnote reference or an exponent (theirs are a few; brackets included).
const SHORT_TEXT_MAX_CHARS: usize = 64;
/// Most bytes of text read from an element whose text only matters when it
/// is short (bylines, references, exponents, data tables): nested ones
/// would otherwise read the same long text once per level.
const BOUNDED_TEXT_MAX_BYTES: usize = 64 * 1024;

/// The attributes an `<img>`'s address is read from, in order of preference.
pub(crate) const IMAGE_SOURCES: [&str; 4] = ["src", "data-src", "data-lazy-src", "data-original"];
/// The attribute an `<img>`'s alternative text is read from.
pub(crate) const IMAGE_ALT: &str = "alt";
/// The attributes a `<meta>`'s key is read from, the first present one
/// counting.
pub(crate) const META_KEY_ATTRIBUTES: [&str; 3] = ["property", "name", "itemprop"];
/// The `<link rel>` token whose `href` is the canonical URL.
pub(crate) const CANONICAL_REL: &str = "canonical";
/// The script `type` whose body is read: JSON-LD carries page metadata.
pub(crate) const JSON_LD_TYPE: &str = "application/ld+json";

/// What to collect besides text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Collect {
    /// Each block's links.
    pub links: bool,
    /// Each block's images.
    pub images: bool,
}

/// Parses HTML into a [`Document`] (text and structure only), under the default limits.
pub fn parse(html: &str) -> Document {
    parse_with(html, Collect::default())
}

/// Parses HTML into a [`Document`], collecting links and images on request,
/// under the default limits.
pub fn parse_with(html: &str, collect: Collect) -> Document {
    match parse_limited(html, collect, &Limits::default()) {
        Ok(doc) => doc,
        // Without a deadline the parse never times out.
        Err(DeadlinePassed) => walk_dom(&Dom::new(), collect, &Limits::default()),
    }
}

/// Parses HTML into a [`Document`] under `limits` (see [`guard`]): too deep
/// nesting is flattened, a page with too many elements or blocks is cut
/// short (each recorded in [`Document::limits`]); fails only when the
/// deadline passes.
pub fn parse_limited(
    html: &str,
    collect: Collect,
    limits: &Limits,
) -> Result<Document, DeadlinePassed> {
    // What the walk never reads (script and style bodies, comment text,
    // unread attributes, SVG and MathML markup) never reaches the tokenizer.
    let filtered = prefilter::prefilter_for(html, collect);
    if limits.expired() {
        return Err(DeadlinePassed);
    }
    let parsed = guard::parse_document(
        &filtered,
        guard::ParseLimits {
            max_depth: limits.max_depth,
            max_elements: limits.max_elements,
            deadline: limits.deadline,
        },
    );
    if parsed.timed_out || limits.expired() {
        return Err(DeadlinePassed);
    }
    let mut doc = walk_dom(&parsed.html, collect, limits);
    let mut hits = Vec::new();
    if parsed.flattened > 0 {
        hits.push(LimitHit {
            limit: "max-depth",
            effect: format!(
                "{} elements nested deeper than {} levels were flattened into their parents",
                parsed.flattened, limits.max_depth
            ),
        });
    }
    if parsed.unformatted > 0 {
        hits.push(LimitHit {
            limit: "max-open-formatting",
            effect: format!(
                "{} formatting elements opened while {} were open lost their formatting",
                parsed.unformatted,
                guard::MAX_OPEN_FORMATTING
            ),
        });
    }
    if parsed.truncated {
        hits.push(LimitHit {
            limit: "max-elements",
            effect: format!(
                "the page was cut short after {} elements",
                limits.max_elements
            ),
        });
    }
    hits.append(&mut doc.limits);
    doc.limits = hits;
    Ok(doc)
}

/// [`parse_with`] without the prefilter and the guard: the reference the
/// prefilter's equivalence tests compare against.
#[doc(hidden)]
pub fn parse_unfiltered_with(html: &str, collect: Collect) -> Document {
    let dom = html5ever::parse_document(DomSink::default(), Default::default()).one(html);
    walk_dom(&dom, collect, &Limits::default())
}

/// Walks a parsed page into a [`Document`], making at most `limits.max_blocks` blocks.
fn walk_dom(dom: &Dom, collect: Collect, limits: &Limits) -> Document {
    let mut walker = Walker {
        collect,
        max_blocks: limits.max_blocks,
        ..Walker::default()
    };
    walker.walk(dom);
    let mut hits = Vec::new();
    if walker.cut_short {
        hits.push(LimitHit {
            limit: "max-blocks",
            effect: format!("the page was cut short after {} blocks", limits.max_blocks),
        });
    }
    Document {
        format: Format::Html,
        blocks: walker.blocks,
        nodes: walker.nodes,
        meta: walker.meta,
        limits: hits,
    }
}

/// How the walk treats an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Never shown: skipped with its subtree.
    Invisible,
    /// Starts and ends a block; the tag is kept for block kinds and markup.
    Block(&'static str),
    /// A link.
    Link,
    /// `head`: not shown, but walked for metadata.
    Head,
    /// Anything else: its text joins the current block.
    Inline,
}

/// The walk's role for a tag name.
fn role_of(name: &str) -> Role {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "button" | "select" | "option" | "textarea" | "input" | "audio"
        | "video" | "map" | "dialog" | "meta" | "link" | "title" | "base" | "img" | "br"
        | "source" | "picture" => Role::Invisible,
        "a" => Role::Link,
        "head" => Role::Head,
        "address" => Role::Block("address"),
        "article" => Role::Block("article"),
        "aside" => Role::Block("aside"),
        "blockquote" => Role::Block("blockquote"),
        "body" => Role::Block("body"),
        "caption" => Role::Block("caption"),
        "center" => Role::Block("center"),
        "dd" => Role::Block("dd"),
        "details" => Role::Block("details"),
        "dir" => Role::Block("dir"),
        "div" => Role::Block("div"),
        "dl" => Role::Block("dl"),
        "dt" => Role::Block("dt"),
        "fieldset" => Role::Block("fieldset"),
        "figcaption" => Role::Block("figcaption"),
        "figure" => Role::Block("figure"),
        "footer" => Role::Block("footer"),
        "form" => Role::Block("form"),
        "h1" => Role::Block("h1"),
        "h2" => Role::Block("h2"),
        "h3" => Role::Block("h3"),
        "h4" => Role::Block("h4"),
        "h5" => Role::Block("h5"),
        "h6" => Role::Block("h6"),
        "header" => Role::Block("header"),
        "hgroup" => Role::Block("hgroup"),
        "hr" => Role::Block("hr"),
        "html" => Role::Block("html"),
        "legend" => Role::Block("legend"),
        "li" => Role::Block("li"),
        "main" => Role::Block("main"),
        "menu" => Role::Block("menu"),
        "nav" => Role::Block("nav"),
        "ol" => Role::Block("ol"),
        "p" => Role::Block("p"),
        "pre" => Role::Block("pre"),
        "section" => Role::Block("section"),
        "summary" => Role::Block("summary"),
        "table" => Role::Block("table"),
        "tbody" => Role::Block("tbody"),
        "td" => Role::Block("td"),
        "tfoot" => Role::Block("tfoot"),
        "th" => Role::Block("th"),
        "thead" => Role::Block("thead"),
        "tr" => Role::Block("tr"),
        "ul" => Role::Block("ul"),
        _ => Role::Inline,
    }
}

/// Words of a class token that name a hover card or tooltip.
const HOVER_WORDS: &[&str] = &["tooltip", "popover", "hovercard", "rollover", "hover"];
/// Last words of a class token that name the card itself, not its trigger.
const CARD_WORDS: &[&str] = &[
    "block",
    "card",
    "content",
    "box",
    "body",
    "text",
    "inner",
    "popup",
    "panel",
    "container",
    "wrap",
    "wrapper",
];

/// A class naming the card a link shows on hover ("rollover-people-block",
/// "tooltip-content", "hovercard", "tooltiptext"): its text is not part of
/// the sentence the link stands in. The link itself ("rollover-people-link",
/// "has-tooltip") is no card.
fn is_hover_card(class: &str) -> bool {
    // No allocation (callers test `ClassWords::may_name_hover_card` first).
    let is_one_of = |part: &str, words: &[&str]| words.iter().any(|w| part.eq_ignore_ascii_case(w));
    class.split_whitespace().any(|token| {
        let mut parts = token.split(['-', '_']).filter(|p| !p.is_empty());
        let hover = parts.clone().any(|p| is_one_of(p, HOVER_WORDS));
        let card = parts.next_back().is_some_and(|p| is_one_of(p, CARD_WORDS));
        is_one_of(token, &["hovercard", "tooltiptext"]) || (hover && card)
    })
}

/// Bytes of a class word [`ClassWords::of`] compares at once.
const WORD_HEAD: usize = 4;
/// The ASCII case bit (`a` is `A | 0x20`) in each of those bytes.
const ASCII_CASE_BITS: u32 = 0x2020_2020;

/// The words the walk looks for inside class names, found in one pass over
/// a class (ASCII case ignored): most classes hold none, and then the
/// token-by-token tests never run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ClassWords {
    over: bool,
    tooltip: bool,
    author: bool,
    byline: bool,
    sidenote: bool,
}

impl ClassWords {
    fn of(class: &str) -> Self {
        let bytes = class.as_bytes();
        let at = |start: usize, word: &[u8]| {
            bytes
                .get(start..start + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        };
        let mut words = ClassWords::default();
        // The words' first four letters as one number each: a window of four
        // bytes with the ASCII case bit set in each equals one exactly when
        // its letters are those, in any case (the words are letters only).
        let head = |word: &[u8; 4]| u32::from_le_bytes(*word);
        let (over, tool, auth, byli, side) = (
            head(b"over"),
            head(b"tool"),
            head(b"auth"),
            head(b"byli"),
            head(b"side"),
        );
        for (start, window) in bytes.windows(WORD_HEAD).enumerate() {
            let &[a, b, c, d] = window else { continue };
            let window = u32::from_le_bytes([a, b, c, d]) | ASCII_CASE_BITS;
            if window == over {
                words.over = true;
            } else if window == tool {
                words.tooltip |= at(start, b"tooltip");
            } else if window == auth {
                words.author |= at(start, b"author");
            } else if window == byli {
                words.byline |= at(start, b"byline");
            } else if window == side {
                words.sidenote |= at(start, b"sidenote");
            }
        }
        words
    }

    /// Whether [`is_hover_card`] may hold: every hover word but "tooltip"
    /// ends in "over", and the tokens "hovercard" and "tooltiptext" hold
    /// one of them.
    fn may_name_hover_card(self) -> bool {
        self.over || self.tooltip
    }
}

/// The attributes the walk reads, found in one pass over an element's attributes.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    /// What [`ClassWords::of`] finds in `class`.
    class_words: ClassWords,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    style: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
}

impl<'a> Attrs<'a> {
    fn of(element: &'a Element) -> Self {
        let mut a = Attrs::default();
        for (name, value) in element.attrs() {
            match name {
                "class" => {
                    a.class = Some(value);
                    a.class_words = ClassWords::of(value);
                }
                "id" => a.id = Some(value),
                "role" => a.role = Some(value),
                "itemprop" => a.itemprop = Some(value),
                "rel" => a.rel = Some(value),
                "href" => a.href = Some(value),
                "style" => a.style = Some(value),
                "aria-hidden" => a.aria_hidden = Some(value),
                "hidden" => a.hidden = true,
                _ => {}
            }
        }
        a
    }

    /// Hidden by the `hidden` attribute, `aria-hidden="true"` or an inline
    /// `display:none` / `visibility:hidden` style, or a hover card (shown
    /// only while the pointer rests on a link; see [`is_hover_card`]).
    fn is_hidden(&self) -> bool {
        self.hidden
            || (self.class_words.may_name_hover_card() && self.class.is_some_and(is_hover_card))
            || self
                .aria_hidden
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || self.style.is_some_and(|style| {
                // Cheap test first: most styles hide nothing.
                (contains_ignore_case(style, "none") || contains_ignore_case(style, "hidden")) && {
                    let compact: String = style
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    compact.contains("display:none") || compact.contains("visibility:hidden")
                }
            })
    }

    /// Marked as a byline: `rel=author`, `itemprop=author`, or a class such as
    /// `byline`, `author`, `post-author`, `author-name`.
    fn is_byline(&self) -> bool {
        let has_word = |value: Option<&str>, word: &str| {
            value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(word)))
        };
        let class_says = (self.class_words.author || self.class_words.byline)
            && self.class.is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    let t = t.to_ascii_lowercase();
                    t.contains("byline")
                        || t == "author"
                        || t.ends_with("-author")
                        || t.contains("author-name")
                })
            });
        has_word(self.rel, "author") || has_word(self.itemprop, "author") || class_says
    }
}

/// What an open element makes of the blocks inside it (see [`Walker::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Makes {
    /// Nothing: they are paragraphs unless something around says otherwise.
    Nothing,
    /// Code, whatever is inside (`pre`).
    Code,
    /// Quotes, whatever is inside (`blockquote`).
    Quote,
    /// This kind, unless something inside says otherwise (headings, list
    /// items, captions).
    Kind(BlockKind),
}

impl Makes {
    /// What a block-level element of this tag makes.
    fn of(tag: &str) -> Self {
        match tag {
            "pre" => Makes::Code,
            "blockquote" => Makes::Quote,
            "h1" => Makes::Kind(BlockKind::Heading(1)),
            "h2" => Makes::Kind(BlockKind::Heading(2)),
            "h3" => Makes::Kind(BlockKind::Heading(3)),
            "h4" => Makes::Kind(BlockKind::Heading(4)),
            "h5" => Makes::Kind(BlockKind::Heading(5)),
            "h6" => Makes::Kind(BlockKind::Heading(6)),
            "li" | "dd" | "dt" => Makes::Kind(BlockKind::ListItem),
            "figcaption" | "caption" => Makes::Kind(BlockKind::Caption),
            _ => Makes::Nothing,
        }
    }
}

/// One open element on the walk's stack.
struct Open {
    /// Node id when the element is block-level.
    node: Option<u32>,
    /// What the element makes of the blocks inside it.
    makes: Makes,
    /// For a link: its href, where its text starts in the buffer, and the
    /// block count then (a flush in between means the text started at 0).
    link: Option<(String, usize, usize)>,
    is_link: bool,
    /// Text inside is not shown (`head`), but the walk goes on for metadata.
    mute: bool,
}

#[derive(Default)]
struct Walker {
    collect: Collect,
    blocks: Vec<Block>,
    nodes: Vec<Node>,
    meta: HtmlMeta,
    stack: Vec<Open>,
    /// Text of the block being built.
    buf: String,
    /// Non-space characters of `buf` inside links.
    link_chars: usize,
    /// Links and images of the block being built.
    links: Vec<Link>,
    images: Vec<Image>,
    /// Depth of open links.
    open_links: usize,
    /// Depth of open muted elements.
    mute: usize,
    /// Node ids of the block-level elements now open, outermost first.
    open_nodes: Vec<u32>,
    /// `open_nodes` as shared by blocks, once made (see `ancestors`).
    path: Option<std::sync::Arc<[u32]>>,
    /// Most blocks made; the walk stops there.
    max_blocks: usize,
    /// The walk stopped at `max_blocks`.
    cut_short: bool,
}

impl Walker {
    /// Visits every node once in document order, without recursion: elements
    /// that [`Walker::open`] declines are skipped with their subtree.
    fn walk(&mut self, dom: &Dom) {
        let mut path: Vec<NodeRef<'_>> = Vec::new();
        let mut current = dom.root().first_child();
        while let Some(node) = current {
            if self.blocks.len() >= self.max_blocks {
                self.cut_short = true;
                break;
            }
            let entered = match node.value() {
                NodeData::Text(text) => {
                    self.text(text);
                    false
                }
                NodeData::Element(element) => self.open(node, element),
                _ => false,
            };
            if entered {
                if let Some(child) = node.first_child() {
                    path.push(node);
                    current = Some(child);
                    continue;
                }
                self.close();
            }
            // Next: the sibling, or the sibling of the nearest ancestor that has one.
            let mut at = node;
            current = loop {
                if let Some(sibling) = at.next_sibling() {
                    break Some(sibling);
                }
                match path.pop() {
                    Some(parent) => {
                        self.close();
                        at = parent;
                    }
                    None => break None,
                }
            };
        }
        while !self.stack.is_empty() {
            self.close();
        }
        self.flush();
        if self.blocks.len() > self.max_blocks {
            self.blocks.truncate(self.max_blocks);
            self.cut_short = true;
        }
    }

    fn text(&mut self, text: &str) {
        if self.mute > 0 {
            return;
        }
        self.buf.push_str(text);
        if self.open_links > 0 {
            self.link_chars += text
                .chars()
                .filter(|&c| {
                    if c.is_ascii() {
                        !c.is_ascii_whitespace()
                    } else {
                        !c.is_whitespace()
                    }
                })
                .count();
        }
    }

    /// Handles an element; returns whether it was pushed and its children
    /// should be visited.
    fn open(&mut self, el: NodeRef<'_>, element: &Element) -> bool {
        let name = element.name();
        let role = role_of(name);
        if role == Role::Invisible {
            self.invisible(el, element, name);
            return false;
        }
        let attrs = Attrs::of(element);
        if attrs.is_hidden() {
            return false;
        }
        if attrs.is_byline() {
            if let Some(text) = visible_text_within(el, BYLINE_MAX_CHARS) {
                let text = collapse_whitespace(&text);
                if !text.is_empty() && text.chars().count() <= BYLINE_MAX_CHARS {
                    self.meta.byline_texts.push((text, self.blocks.len()));
                }
            }
        }
        if attrs.class_words.sidenote
            && attrs.class.is_some_and(|c| {
                c.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("sidenote"))
            })
        {
            // A sidenote: its text becomes a note, a marker stays in the text.
            let note = collapse_whitespace(&visible_text(el));
            if !note.is_empty() {
                self.meta.sidenotes.push(note);
                self.buf
                    .push_str(&format!("[{}]", self.meta.sidenotes.len()));
            }
            return false;
        }
        match name {
            "html" => {
                if let Some(lang) = element.attr("lang").or_else(|| element.attr("xml:lang")) {
                    self.meta.lang = Some(lang.trim().to_string());
                }
            }
            "time" => {
                if let Some(dt) = element.attr("datetime") {
                    self.meta
                        .times
                        .push((dt.trim().to_string(), self.blocks.len()));
                }
            }
            "a" | "sup" => {
                if let Some(id) = noteref_id(el, element, &attrs) {
                    self.buf.push_str(&format!("[{id}]"));
                    return false;
                }
                if let Some(sup) = superscript_digits(el, element) {
                    self.buf.push_str(&sup);
                    return false;
                }
            }
            "table" if is_data_table(el) => {
                self.flush();
                self.push_node(&attrs, "table");
                let mut block = Block::new(BlockKind::Table, table_text(el));
                block.ancestors = self.ancestors();
                self.stack.pop();
                self.open_nodes.pop();
                self.path = None;
                if !block.text.is_empty() {
                    self.blocks.push(block);
                }
                return false;
            }
            _ => {}
        }
        match role {
            Role::Block(tag) => {
                self.flush();
                self.push_node(&attrs, tag);
            }
            Role::Link => {
                self.open_links += 1;
                let link = (self.collect.links)
                    .then(|| {
                        attrs
                            .href
                            .map(|h| (h.trim().to_string(), self.buf.len(), self.blocks.len()))
                    })
                    .flatten();
                self.stack.push(Open {
                    node: None,
                    makes: Makes::Nothing,
                    link,
                    is_link: true,
                    mute: false,
                });
            }
            Role::Head | Role::Inline | Role::Invisible => {
                let mute = role == Role::Head;
                self.mute += usize::from(mute);
                self.stack.push(Open {
                    node: None,
                    makes: Makes::Nothing,
                    link: None,
                    is_link: false,
                    mute,
                });
            }
        }
        true
    }

    /// Collects what an invisible element carries: metadata, a line break, an image.
    fn invisible(&mut self, el: NodeRef<'_>, element: &Element, name: &str) {
        match name {
            "br" => self.buf.push('\n'),
            "title" if self.meta.title_tag.is_none() => {
                let title = collapse_whitespace(&el.text().collect::<String>());
                if !title.is_empty() {
                    self.meta.title_tag = Some(title);
                }
            }
            "meta" => {
                let key = META_KEY_ATTRIBUTES.iter().find_map(|a| element.attr(a));
                if let (Some(key), Some(content)) =
                    (key.and_then(meta_key), element.attr("content"))
                {
                    self.meta
                        .metas
                        .push((key.to_string(), content.trim().to_string()));
                }
            }
            "link" => {
                let rel = element.attr("rel").unwrap_or("");
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case(CANONICAL_REL))
                {
                    if let Some(href) = element.attr("href") {
                        self.meta.canonical = Some(href.trim().to_string());
                    }
                }
            }
            "base" => {
                if let Some(href) = element.attr("href") {
                    self.meta
                        .base
                        .get_or_insert_with(|| href.trim().to_string());
                }
            }
            "script" => {
                let ty = element.attr("type").unwrap_or("");
                if ty.trim().eq_ignore_ascii_case(JSON_LD_TYPE) {
                    self.meta.json_ld.push(el.text().collect());
                }
            }
            "img" if self.collect.images && self.mute == 0 => {
                let src = IMAGE_SOURCES
                    .iter()
                    .find_map(|a| element.attr(a))
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && !s.starts_with("data:"));
                if let Some(src) = src {
                    self.images.push(Image {
                        src: src.to_string(),
                        alt: collapse_whitespace(element.attr(IMAGE_ALT).unwrap_or("")),
                    });
                }
            }
            _ => {}
        }
    }

    fn close(&mut self) {
        let Some(open) = self.stack.last() else {
            return;
        };
        if open.node.is_some() {
            self.flush();
        }
        let Some(open) = self.stack.pop() else {
            return;
        };
        if open.node.is_some() {
            self.open_nodes.pop();
            self.path = None;
        }
        if open.is_link {
            self.open_links = self.open_links.saturating_sub(1);
        }
        if open.mute {
            self.mute = self.mute.saturating_sub(1);
        }
        if let Some((href, start, blocks_then)) = open.link {
            let start = if blocks_then == self.blocks.len() {
                start.min(self.buf.len())
            } else {
                0
            };
            let text = collapse_whitespace(self.buf.get(start..).unwrap_or(""));
            if !href.is_empty() && !href.starts_with('#') {
                self.links.push(Link { text, href });
            }
        }
    }

    /// Opens a block-level element: a new [`Node`] in the element table.
    fn push_node(&mut self, attrs: &Attrs<'_>, tag: &'static str) {
        let parent = self.open_nodes.last().copied();
        let depth = parent.map_or(0, |p| self.nodes[p as usize].depth + 1);
        let values = [attrs.class, attrs.id, attrs.role, attrs.itemprop];
        // Room for all of them and a space between any two.
        let room = values.iter().flatten().map(|v| v.len() + 1).sum();
        let mut tokens = String::with_capacity(room);
        for value in values.into_iter().flatten() {
            push_tokens(&mut tokens, value);
        }
        tokens.make_ascii_lowercase();
        let id = self.nodes.len() as u32;
        self.open_nodes.push(id);
        self.nodes.push(Node {
            tag,
            parent,
            depth,
            tokens,
        });
        self.stack.push(Open {
            node: Some(id),
            makes: Makes::of(tag),
            link: None,
            is_link: false,
            mute: false,
        });
        self.path = None;
    }

    /// The block-level ancestors now open, shared by every block made
    /// until one of them closes or another opens.
    fn ancestors(&mut self) -> std::sync::Arc<[u32]> {
        if let Some(path) = &self.path {
            return path.clone();
        }
        let path: std::sync::Arc<[u32]> = std::sync::Arc::from(self.open_nodes.as_slice());
        self.path = Some(path.clone());
        path
    }

    /// The kind of block the innermost block-level elements make.
    fn kind(&self) -> BlockKind {
        let mut kind = BlockKind::Paragraph;
        for o in self.stack.iter().rev() {
            match o.makes {
                Makes::Code => return BlockKind::Code,
                Makes::Quote => return BlockKind::Quote,
                Makes::Kind(inner) if kind == BlockKind::Paragraph => kind = inner,
                _ => {}
            }
        }
        kind
    }

    /// Ends the current block, if it has any text. Images waiting for a block
    /// go with the next one that has text.
    fn flush(&mut self) {
        if self.buf.bytes().all(|b| b.is_ascii_whitespace()) && self.buf.trim().is_empty() {
            self.buf.clear();
            self.link_chars = 0;
            self.links.clear();
            return;
        }
        let kind = self.kind();
        let mut block = match kind {
            BlockKind::Code => Block::new(kind, trim_lines(&self.buf)),
            BlockKind::Heading(_) => {
                let full = Block::collapsed(kind, &self.buf);
                let text = without_edit_link(full.text.clone());
                if text.len() == full.text.len() {
                    full
                } else {
                    Block::new(kind, text)
                }
            }
            _ => Block::collapsed(kind, &self.buf),
        };
        // Characters a cleanup took out (a wiki edit link) leave the link count too.
        let removed = if matches!(kind, BlockKind::Heading(_)) {
            let all = self.buf.chars().filter(|c| !c.is_whitespace()).count();
            all.saturating_sub(block.chars)
        } else {
            0
        };
        block.link_chars = self.link_chars.saturating_sub(removed);
        block.ancestors = self.ancestors();
        block.links = std::mem::take(&mut self.links);
        block.images = std::mem::take(&mut self.images);
        self.blocks.push(block);
        self.buf.clear();
        self.link_chars = 0;
    }
}

/// The id of a footnote reference element (`<sup><a href="#fn1">1</a></sup>`,
/// `<a role="doc-noteref">`, `<a class="footnote-ref">`), if `el` is one.
fn noteref_id(el: NodeRef<'_>, element: &Element, attrs: &Attrs<'_>) -> Option<String> {
    let is_sup = element.name() == "sup";
    let (role, class, href) = if is_sup {
        let (_, l) = el.child_elements().find(|(_, c)| c.name() == "a")?;
        (l.attr("role"), l.attr("class"), l.attr("href"))
    } else {
        (attrs.role, attrs.class, attrs.href)
    };
    let class = class.unwrap_or("");
    // A footnote plugin's own class on the <sup> ("modern-footnotes-footnote").
    let sup_class = if is_sup {
        attrs.class.unwrap_or("")
    } else {
        ""
    };
    // A link straight to a note anchor ("#fn1", "#easy-footnote-bottom-1").
    let is_note_link = !is_sup && is_note_href(href.unwrap_or(""));
    let is_ref = role.is_some_and(|r| r.eq_ignore_ascii_case("doc-noteref"))
        || is_note_link
        || contains_ignore_case(class, "footnote-ref")
        || contains_ignore_case(class, "noteref")
        || (is_sup && contains_ignore_case(class, "footnote"))
        || contains_ignore_case(sup_class, "footnote")
        || (is_sup && is_note_href(href.unwrap_or("")))
        // A <sup> that is only a numbered link to an anchor on the page
        // (WordPress's own footnotes link to a UUID).
        || (is_sup && href.is_some_and(|h| h.starts_with('#')) && {
            visible_text_within(el, 3).is_some_and(|t| {
                let t = t.trim();
                !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
            })
        });
    if !is_ref {
        return None;
    }
    let text = visible_text_within(el, SHORT_TEXT_MAX_CHARS)?;
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

/// A heading without the wiki edit link rendered after it ("History[edit]",
/// "Geschichte[Bearbeiten | Quelltext bearbeiten]").
fn without_edit_link(text: String) -> String {
    const EDIT_WORDS: &[&str] = &[
        "edit",
        "bearbeiten",
        "modifier",
        "editar",
        "modifica",
        "править",
        "edytuj",
        "bewerken",
        "düzenle",
    ];
    let Some(open) = text.rfind('[') else {
        return text;
    };
    let inside = text[open..]
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_lowercase();
    let is_edit = text.ends_with(']') && EDIT_WORDS.iter().any(|w| inside.starts_with(w));
    if is_edit && open > 0 {
        text[..open].trim_end().to_string()
    } else {
        text
    }
}

/// Appends the whitespace-separated tokens of `value` to `tokens`, one
/// space between any two.
fn push_tokens(tokens: &mut String, value: &str) {
    // Most values are tokens split by single ASCII spaces: copied whole.
    if is_single_spaced(value) {
        if !tokens.is_empty() {
            tokens.push(' ');
        }
        tokens.push_str(value);
        return;
    }
    for token in value.split_whitespace() {
        if !tokens.is_empty() {
            tokens.push(' ');
        }
        tokens.push_str(token);
    }
}

/// Whether `value` is ASCII tokens split by single spaces, with no other
/// whitespace and none at either end: what `split_whitespace` would split
/// and a join with single spaces give back unchanged.
fn is_single_spaced(value: &str) -> bool {
    // After a space, or at the start: no space may come next.
    let mut after_space = true;
    for &byte in value.as_bytes() {
        if byte == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if !byte.is_ascii() || char::from(byte).is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    // Neither empty nor ending in a space.
    !after_space
}

/// Whether `haystack` contains `needle` (ASCII, lower-case), ignoring ASCII case,
/// without allocating.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    // Only where the first byte matches, in either case, is the rest compared.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), haystack).any(|at| {
        haystack
            .get(at + 1..at + needle.len())
            .is_some_and(|after| after.eq_ignore_ascii_case(rest))
    })
}

/// A `<sup>` holding only digits and signs (an exponent such as `100<sup>2</sup>`),
/// as Unicode superscripts, so "100²" never reads "1002".
fn superscript_digits(el: NodeRef<'_>, element: &Element) -> Option<String> {
    if element.name() != "sup" {
        return None;
    }
    let text = visible_text_within(el, SHORT_TEXT_MAX_CHARS)?;
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
    const PREFIXES: &[&str] = &[
        "fn",
        "footnote",
        "cite_note",
        "note",
        "endnote",
        "_ftn",
        "ftn",
        "_edn",
        "edn",
        "ref",
        "mfn",
        "easy-footnote",
        "sdfootnote",
        "sdendnote",
    ];
    let Some((_, fragment)) = href.rsplit_once('#') else {
        return false;
    };
    let fragment = fragment.to_ascii_lowercase();
    PREFIXES.iter().any(|p| fragment.starts_with(p))
}

/// A table that holds data rather than page layout: no nested table and no
/// page sections, forms, navigation or top-level headings inside, and no
/// more text than a table of data has. Paragraphs and lists in cells are fine.
fn is_data_table(el: NodeRef<'_>) -> bool {
    const MAX_TEXT_BYTES: usize = 20_000;
    let layout = el.descendant_elements().skip(1).any(|(_, d)| {
        matches!(
            d.name(),
            "table"
                | "form"
                | "nav"
                | "header"
                | "footer"
                | "article"
                | "section"
                | "aside"
                | "main"
                | "h1"
                | "h2"
                | "h3"
                | "iframe"
        )
    });
    !layout && visible_text_within(el, MAX_TEXT_BYTES).is_some_and(|t| t.len() <= MAX_TEXT_BYTES)
}

/// A data table's text: cells joined by tabs, rows by newlines.
fn table_text(el: NodeRef<'_>) -> String {
    let mut rows = Vec::new();
    for (row, _) in el.descendant_elements().filter(|(_, d)| d.name() == "tr") {
        let cells: Vec<String> = row
            .child_elements()
            .filter(|(_, c)| matches!(c.name(), "td" | "th"))
            .map(|(c, _)| collapse_whitespace(&visible_text(c)))
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(cells.join("\t"));
        }
    }
    rows.join("\n")
}

/// The text of an element without its invisible parts (scripts, styles,
/// hidden elements), walked iteratively.
fn visible_text(el: NodeRef<'_>) -> String {
    visible_text_bounded(el, usize::MAX, usize::MAX).unwrap_or_default()
}

/// [`visible_text`], or `None` as soon as it has more than `max_chars`
/// characters besides whitespace, or more than [`BOUNDED_TEXT_MAX_BYTES`]
/// bytes: the caller only wants short text, and stops reading early.
fn visible_text_within(el: NodeRef<'_>, max_chars: usize) -> Option<String> {
    visible_text_bounded(el, max_chars, BOUNDED_TEXT_MAX_BYTES)
}

fn visible_text_bounded(el: NodeRef<'_>, max_chars: usize, max_bytes: usize) -> Option<String> {
    let mut out = String::new();
    let mut chars = 0usize;
    let mut skipping: Option<NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    NodeData::Text(text) => {
                        // Bytes first: a long text is never scanned or copied.
                        if out.len().saturating_add(text.len()) > max_bytes {
                            return None;
                        }
                        if max_chars != usize::MAX {
                            chars += text.chars().filter(|c| !c.is_whitespace()).count();
                            if chars > max_chars {
                                return None;
                            }
                        }
                        out.push_str(text);
                    }
                    NodeData::Element(e) => {
                        let hidden =
                            role_of(e.name()) == Role::Invisible || Attrs::of(e).is_hidden();
                        if hidden {
                            skipping = Some(node.id());
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                }
            }
        }
    }
    Some(out)
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
    fn single_spaced_values_are_told_apart() {
        assert!(is_single_spaced("a b-c d"));
        for not in ["", " a", "a ", "a  b", "a\tb", "a\u{0B}b", "é"] {
            assert!(!is_single_spaced(not), "{not:?}");
        }
    }

    #[test]
    fn class_words_are_found_in_any_case() {
        let words = ClassWords::of("Post-AUTHOR x-Tooltip sideNote");
        assert!(words.author && words.tooltip && words.sidenote);
        assert!(!words.over && !words.byline);
        assert_eq!(
            ClassWords::of("popover byline"),
            ClassWords {
                over: true,
                byline: true,
                ..ClassWords::default()
            }
        );
        assert_eq!(
            ClassWords::of("autho toolti sidenot ove bylin"),
            ClassWords::default()
        );
        // Bytes that are no letters do not count even with the case bit set
        // ('@' becomes '`', U+0016 becomes '6'), nor do non-ASCII ones; at
        // the very end of a class a word still counts.
        for (class, over) in [
            ("\u{4f}VER", true),
            ("x-hoveR", true),
            ("Ov\u{c5}r", false),
            ("@ver o\u{16}er", false),
        ] {
            assert_eq!(ClassWords::of(class).over, over, "{class:?}");
        }
        // The same as a byte-by-byte search, on every word in every case
        // and place.
        let naive = |class: &str| {
            let has = |word: &str| class.to_ascii_lowercase().contains(word);
            ClassWords {
                over: has("over"),
                tooltip: has("tooltip"),
                author: has("author"),
                byline: has("byline"),
                sidenote: has("sidenote"),
            }
        };
        for word in [
            "over", "tooltip", "author", "byline", "sidenote", "overt", "authx",
        ] {
            for case in [
                word.to_string(),
                word.to_ascii_uppercase(),
                format!("{}{}", &word[..1].to_ascii_uppercase(), &word[1..]),
            ] {
                for class in [
                    case.clone(),
                    format!("a-{case}"),
                    format!("{case}-b"),
                    format!("é {case} é"),
                    case[..case.len() - 1].to_string(),
                ] {
                    assert_eq!(ClassWords::of(&class), naive(&class), "{class:?}");
                }
            }
        }
    }

    #[test]
    fn hover_cards_are_not_part_of_the_sentence() {
        for card in [
            "rollover-people-block",
            "tooltip-content",
            "hovercard",
            "tooltiptext",
            "x popover_body",
        ] {
            assert!(is_hover_card(card), "{card}");
        }
        for not in [
            "rollover-people-link",
            "has-tooltip",
            "hover",
            "content",
            "card",
        ] {
            assert!(!is_hover_card(not), "{not}");
        }
        let doc = parse(
            "<p>Threats against <span><a class='rollover-people-link' href='/p'>Jo Bloggs</a>\
             <span class='rollover-people-block'><a href='/p'>Jo Bloggs</a> Latest: a headline</span>\
             </span> went on.</p>",
        );
        assert_eq!(doc.blocks[0].text, "Threats against Jo Bloggs went on.");
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
        let doc = parse(
            "<a href=/x><span><img src=a.png></span><p>Linked teaser text.</p></a><p>After.</p>",
        );
        assert_eq!(doc.blocks[0].text, "Linked teaser text.");
        assert!((doc.blocks[0].link_density() - 1.0).abs() < f64::EPSILON);
        assert_eq!(doc.blocks[1].link_chars, 0);
    }

    #[test]
    fn table_cells_leave_out_scripts() {
        let b = blocks("<table><tr><td>a<script>var x=1;</script></td><td><span hidden>no</span>b</td></tr></table>");
        assert_eq!(b, [(BlockKind::Table, "a\tb".to_string())]);
    }

    #[test]
    fn wiki_edit_links_leave_headings() {
        assert_eq!(
            blocks("<h2>History<span>[<a href=/e>edit</a>]</span></h2>")[0].1,
            "History"
        );
        assert_eq!(blocks("<h2>Array [0]</h2>")[0].1, "Array [0]");
    }

    #[test]
    fn link_characters_are_counted() {
        let doc = parse("<p><a href=/a>Home</a> <a href=/b>News</a></p>");
        assert_eq!(doc.blocks[0].link_chars, 8);
        assert!(doc.blocks[0].link_density() > 0.8);
    }

    #[test]
    fn links_and_images_are_collected_on_request() {
        let html = r##"<p>See <a href="/a">the report</a> and <a href="#top">top</a>.<img src="x.png" alt="A chart"></p>"##;
        let plain = parse(html);
        assert!(plain.blocks[0].links.is_empty() && plain.blocks[0].images.is_empty());
        let doc = parse_with(
            html,
            Collect {
                links: true,
                images: true,
            },
        );
        assert_eq!(
            doc.blocks[0].links,
            [Link {
                text: "the report".into(),
                href: "/a".into()
            }]
        );
        assert_eq!(
            doc.blocks[0].images,
            [Image {
                src: "x.png".into(),
                alt: "A chart".into()
            }]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 20_000;
        let html = format!(
            "{}<p>deep</p>{}",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        assert_eq!(blocks(&html), [(BlockKind::Paragraph, "deep".to_string())]);
    }

    #[test]
    fn head_metadata_is_collected() {
        let doc = parse(
            r#"<html lang="de"><head><title> A  title </title><meta property="og:title" content="OG">
            <base href="https://example.org/dir/">
            <link rel="canonical" href="https://example.org/a"><script type="application/ld+json">{"a":1}</script>
            </head><body><span class="byline">By Jo Bloggs</span><time datetime="2021-10-24">x</time></body></html>"#,
        );
        assert_eq!(doc.meta.lang.as_deref(), Some("de"));
        assert_eq!(doc.meta.title_tag.as_deref(), Some("A title"));
        assert_eq!(doc.meta.meta(&["og:title"]), Some("OG"));
        assert_eq!(doc.meta.canonical.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.meta.base.as_deref(), Some("https://example.org/dir/"));
        assert_eq!(doc.meta.json_ld.len(), 1);
        assert_eq!(doc.meta.byline_texts, [("By Jo Bloggs".to_string(), 0)]);
        assert_eq!(doc.meta.times, [("2021-10-24".to_string(), 0)]);
        assert!(doc.blocks.iter().all(|b| !b.text.contains("title")));
    }

    #[test]
    fn only_the_meta_keys_read_later_are_kept() {
        let doc = parse(
            r#"<head><meta name="viewport" content="width=device-width"><meta NAME=" Author " content=" Jo ">
            <meta property="fb:app_id" content="1"><meta name="description"></head>
            <body><p>Text.<meta itemprop="datePublished" content="2021-10-24"></p></body>"#,
        );
        assert_eq!(
            doc.meta.metas,
            [
                ("author".to_string(), "Jo".to_string()),
                ("datepublished".to_string(), "2021-10-24".to_string())
            ]
        );
    }
}
