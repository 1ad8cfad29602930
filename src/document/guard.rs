//! The HTML parse under limits: html5ever driven by hand, with a guard
//! between its tokenizer and its tree builder.
//!
//! html5ever's tree builder scans its stack of open elements for many start
//! tags, so its time grows with the square of the nesting depth (100,000
//! nested `<div>`s take over a minute), and it re-creates every formatting
//! element left open (`<b>`, `<font>`, …) in each new block, so a few
//! thousand unclosed ones with distinct attributes make millions of
//! elements. The guard sees every token before the tree builder does and
//! keeps a cheap model of the stack of open elements (implied end tags of
//! `p`, `li`, `dd`/`dt`, table parts, `option` and headings included) and of
//! the formatting elements left open:
//!
//! - a start tag that would nest deeper than `max_depth` is dropped, and so
//!   is its end tag: the element is *flattened*, its text joins the element
//!   around it, nothing is lost;
//! - a formatting start tag while [`MAX_OPEN_FORMATTING`] of them are open
//!   is dropped likewise (its text stays, only its formatting goes);
//! - once the tree builder has created `max_elements` elements, the rest of
//!   the page is not parsed ([`Guarded::truncated`]);
//! - past the deadline, parsing stops ([`Guarded::timed_out`]).
//!
//! The model is an estimate: where it is wrong it errs by a few levels, and
//! real pages stay far below the limits (the deepest of the benchmark pages
//! nest under 60 levels), so on them the guard never drops a token.

use std::cell::{Cell, RefCell};
use std::time::Instant;

use html5ever::interface::TreeSink;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, LocalName};

use super::dom::{Dom, DomSink, NodeId};

/// Formatting elements (`b`, `font`, `a`, …) that may be open at once; the
/// tree builder re-creates every open one in each new block.
pub const MAX_OPEN_FORMATTING: usize = 16;
/// Bytes of page text handed to the tokenizer at a time (limits are checked between chunks).
const CHUNK_BYTES: usize = 64 * 1024;
/// Nodes the tree is sized for per element allowed (its text, a comment).
const NODES_PER_ELEMENT: usize = 2;
/// Tokens between two looks at the clock.
const TOKENS_PER_CLOCK_CHECK: u32 = 4096;

/// The limits of one parse.
#[derive(Clone, Copy, Debug)]
pub struct ParseLimits {
    /// Deepest nesting of elements kept; deeper ones are flattened.
    pub max_depth: usize,
    /// Elements created before the rest of the page is left unparsed.
    pub max_elements: usize,
    /// When to give up.
    pub deadline: Option<Instant>,
}

/// A parsed page and what the limits did to it.
pub struct Guarded {
    /// The tree.
    pub html: Dom,
    /// Start tags dropped for nesting deeper than `max_depth`.
    pub flattened: usize,
    /// Formatting start tags dropped for [`MAX_OPEN_FORMATTING`].
    pub unformatted: usize,
    /// The element limit was reached and the rest of the page was not parsed.
    pub truncated: bool,
    /// The deadline passed and parsing stopped.
    pub timed_out: bool,
}

/// Parses `text` as an HTML document under `limits`.
pub fn parse_document(text: &str, limits: ParseLimits) -> Guarded {
    // Room for about as many nodes as the page has tags, so that the tree
    // seldom moves while it grows.
    let tags = memchr::memchr_iter(b'<', text.as_bytes()).count();
    let sink =
        DomSink::with_capacity(tags.min(limits.max_elements.saturating_mul(NODES_PER_ELEMENT)));
    let guard = Guard {
        builder: TreeBuilder::new(sink, TreeBuilderOpts::default()),
        model: RefCell::new(Model::default()),
        limits,
        stopped: Cell::new(None),
        tokens: Cell::new(0),
        flattened: Cell::new(0),
        unformatted: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let queue = BufferQueue::default();
    let mut rest = text;
    while !rest.is_empty() && tokenizer.sink.stopped.get().is_none() {
        let mut cut = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, after) = rest.split_at(cut);
        rest = after;
        queue.push_back(StrTendril::from_slice(chunk));
        while !matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done) {}
    }
    if tokenizer.sink.stopped.get().is_none() {
        tokenizer.end();
    } else {
        // Close what is open, as at the end of the input.
        tokenizer.sink.builder.end();
    }
    let guard = tokenizer.sink;
    let stopped = guard.stopped.get();
    Guarded {
        flattened: guard.flattened.get(),
        unformatted: guard.unformatted.get(),
        truncated: stopped == Some(Stop::Elements),
        timed_out: stopped == Some(Stop::Deadline),
        html: guard.builder.sink.finish(),
    }
}

/// Why the guard stopped the parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    Elements,
    Deadline,
}

/// The token sink between the tokenizer and the tree builder.
struct Guard {
    builder: TreeBuilder<NodeId, DomSink>,
    model: RefCell<Model>,
    limits: ParseLimits,
    stopped: Cell<Option<Stop>>,
    tokens: Cell<u32>,
    flattened: Cell<usize>,
    unformatted: Cell<usize>,
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if self.stopped.get().is_some() {
            return TokenSinkResult::Continue;
        }
        if self.builder.sink.elements() >= self.limits.max_elements {
            self.stopped.set(Some(Stop::Elements));
            return TokenSinkResult::Continue;
        }
        let tokens = self.tokens.get().wrapping_add(1);
        self.tokens.set(tokens);
        if tokens % TOKENS_PER_CLOCK_CHECK == 0
            && self.limits.deadline.is_some_and(|d| Instant::now() >= d)
        {
            self.stopped.set(Some(Stop::Deadline));
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            let verdict = self.model.borrow_mut().see(tag, self.limits.max_depth);
            match verdict {
                Verdict::Pass => {}
                Verdict::DropDeep => {
                    self.flattened.set(self.flattened.get() + 1);
                    return TokenSinkResult::Continue;
                }
                Verdict::DropFormatting => {
                    self.unformatted.set(self.unformatted.get() + 1);
                    return TokenSinkResult::Continue;
                }
                Verdict::DropEnd => return TokenSinkResult::Continue,
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// What the guard does with a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Pass,
    /// A start tag nesting deeper than the limit.
    DropDeep,
    /// A formatting start tag over [`MAX_OPEN_FORMATTING`].
    DropFormatting,
    /// The end tag of a dropped start tag.
    DropEnd,
}

/// The guard's model of the tree builder's state.
#[derive(Default)]
struct Model {
    /// The stack of open elements (without `html`, `head`, `body`).
    stack: Vec<LocalName>,
    /// Open SVG and MathML elements on the stack (self-closing tags close there).
    foreign: usize,
    /// Formatting elements left open since the last marker (`None`: a marker).
    formatting: Vec<Option<LocalName>>,
    /// Dropped start tags awaiting their end tags, run-length encoded.
    dropped: Vec<(LocalName, usize)>,
}

impl Model {
    /// Updates the model for `tag` and says whether it reaches the tree builder.
    fn see(&mut self, tag: &Tag, max_depth: usize) -> Verdict {
        let name = &tag.name;
        match tag.kind {
            TagKind::StartTag => self.start(name, tag.self_closing, max_depth),
            TagKind::EndTag => self.end(name),
        }
    }

    fn start(&mut self, name: &LocalName, self_closing: bool, max_depth: usize) -> Verdict {
        if is_document_element(name) || is_void(name) {
            return Verdict::Pass;
        }
        if self_closing && self.foreign > 0 {
            return Verdict::Pass;
        }
        self.close_implied(name);
        let formatting = is_formatting(name);
        if formatting && *name == local_name!("a") && self.forget_formatting(name) {
            // A new link ends the one left open (the adoption agency takes it
            // off the stack too).
            if let Some(at) = self.stack.iter().rposition(|n| n == name) {
                self.stack.remove(at);
            }
        }
        let droppable = !is_raw_text(name);
        if droppable && self.stack.len() >= max_depth {
            self.drop_start(name);
            return Verdict::DropDeep;
        }
        if droppable && formatting && self.open_formatting() >= MAX_OPEN_FORMATTING {
            self.drop_start(name);
            return Verdict::DropFormatting;
        }
        if formatting {
            self.formatting.push(Some(name.clone()));
        }
        if is_marker(name) {
            self.formatting.push(None);
        }
        if is_foreign_root(name) {
            self.foreign += 1;
        }
        self.stack.push(name.clone());
        Verdict::Pass
    }

    fn end(&mut self, name: &LocalName) -> Verdict {
        if let Some((last, count)) = self.dropped.last_mut() {
            if last == name {
                *count -= 1;
                if *count == 0 {
                    self.dropped.pop();
                }
                return Verdict::DropEnd;
            }
        }
        if is_formatting(name) {
            let _ = self.forget_formatting(name);
        }
        if let Some(at) = self.stack.iter().rposition(|n| n == name) {
            self.pop_to(at);
        }
        Verdict::Pass
    }

    fn drop_start(&mut self, name: &LocalName) {
        match self.dropped.last_mut() {
            Some((last, count)) if last == name => *count += 1,
            _ => self.dropped.push((name.clone(), 1)),
        }
    }

    /// Formatting elements left open since the last marker.
    fn open_formatting(&self) -> usize {
        self.formatting
            .iter()
            .rev()
            .take_while(|entry| entry.is_some())
            .count()
    }

    /// Takes the latest open `name` since the last marker off the formatting
    /// list; whether there was one.
    fn forget_formatting(&mut self, name: &LocalName) -> bool {
        for i in (0..self.formatting.len()).rev() {
            match &self.formatting[i] {
                None => return false,
                Some(n) if n == name => {
                    self.formatting.remove(i);
                    return true;
                }
                Some(_) => {}
            }
        }
        false
    }

    /// Pops the stack down to (and including) the element at `at`.
    fn pop_to(&mut self, at: usize) {
        for name in self.stack.drain(at..) {
            if is_marker(&name) {
                // Closing a marker element clears the formatting list back to its marker.
                while let Some(entry) = self.formatting.pop() {
                    if entry.is_none() {
                        break;
                    }
                }
            }
            if is_foreign_root(&name) {
                self.foreign = self.foreign.saturating_sub(1);
            }
        }
    }

    /// The end tags a start tag implies: a block closes an open `p`, a list
    /// item the previous one, a cell or row the previous one, a heading a
    /// heading, an option an option.
    fn close_implied(&mut self, name: &LocalName) {
        if closes_p(name) {
            self.close_nearest(|n| *n == local_name!("p"), is_scope_boundary);
        }
        match *name {
            local_name!("li") => self.close_nearest(
                |n| *n == local_name!("li"),
                |n| is_scope_boundary(n) || matches!(*n, local_name!("ul") | local_name!("ol")),
            ),
            local_name!("dd") | local_name!("dt") => self.close_nearest(
                |n| matches!(*n, local_name!("dd") | local_name!("dt")),
                |n| is_scope_boundary(n) || *n == local_name!("dl"),
            ),
            local_name!("td") | local_name!("th") => self.close_nearest(
                |n| matches!(*n, local_name!("td") | local_name!("th")),
                |n| matches!(*n, local_name!("tr") | local_name!("table")),
            ),
            local_name!("tr") => {
                self.close_nearest(|n| *n == local_name!("tr"), |n| *n == local_name!("table"))
            }
            local_name!("thead") | local_name!("tbody") | local_name!("tfoot") => self
                .close_nearest(
                    |n| {
                        matches!(
                            *n,
                            local_name!("thead") | local_name!("tbody") | local_name!("tfoot")
                        )
                    },
                    |n| *n == local_name!("table"),
                ),
            local_name!("option") | local_name!("optgroup")
                if self.stack.last() == Some(&local_name!("option")) =>
            {
                self.stack.pop();
            }
            _ if is_heading(name) && self.stack.last().is_some_and(is_heading) => {
                self.stack.pop();
            }
            _ => {}
        }
    }

    /// Closes the nearest open element that is `target`, unless a `boundary` comes first.
    fn close_nearest(
        &mut self,
        target: impl Fn(&LocalName) -> bool,
        boundary: impl Fn(&LocalName) -> bool,
    ) {
        for i in (0..self.stack.len()).rev() {
            let name = &self.stack[i];
            if target(name) {
                self.pop_to(i);
                return;
            }
            if boundary(name) {
                return;
            }
        }
    }
}

fn is_document_element(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html") | local_name!("head") | local_name!("body") | local_name!("frameset")
    )
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements whose contents the tokenizer reads as text: never dropped (the
/// tree builder switches the tokenizer's state for them), and never nested.
fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

/// Elements the list of active formatting elements holds.
fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Elements that put a marker on the list of active formatting elements.
fn is_marker(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("applet")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("template")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption")
    )
}

fn is_foreign_root(name: &LocalName) -> bool {
    matches!(*name, local_name!("svg") | local_name!("math"))
}

fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Elements that end the search for an open `p` (the spec's button scope).
fn is_scope_boundary(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("applet")
            | local_name!("caption")
            | local_name!("table")
            | local_name!("td")
            | local_name!("th")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("template")
            | local_name!("button")
            | local_name!("svg")
            | local_name!("math")
    )
}

/// Start tags that close an open `p` element.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("form")
            | local_name!("table")
            | local_name!("xmp")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ParseLimits = ParseLimits {
        max_depth: 256,
        max_elements: 500_000,
        deadline: None,
    };

    /// The deepest element of a parsed tree, counted from the document.
    fn depth(html: &Dom) -> usize {
        html.nodes()
            .map(|node| node.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let html = format!(
            "{}<p>deep text</p>{}<p>after</p>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let parsed = parse_document(&html, LIMITS);
        assert!(parsed.flattened >= 10_000 - 256);
        assert!(
            depth(&parsed.html) <= 256 + 8,
            "depth {}",
            depth(&parsed.html)
        );
        let text: String = parsed.html.root().text().collect();
        assert_eq!(text, "deep textafter");
    }

    #[test]
    fn open_formatting_elements_are_bounded() {
        let html: String = (0..5_000).map(|i| format!("<p><b id=b{i}>x</p>")).collect();
        let parsed = parse_document(&html, LIMITS);
        assert!(parsed.unformatted > 0);
        let elements = parsed
            .html
            .nodes()
            .filter(|n| n.element().is_some())
            .count();
        assert!(
            elements < 5_000 * (MAX_OPEN_FORMATTING + 2),
            "{elements} elements"
        );
        let text: String = parsed.html.root().text().collect();
        assert_eq!(text, "x".repeat(5_000));
    }

    #[test]
    fn the_element_limit_cuts_the_page_short() {
        let html = "<p>a</p>".repeat(1_000);
        let parsed = parse_document(
            &html,
            ParseLimits {
                max_elements: 100,
                ..LIMITS
            },
        );
        assert!(parsed.truncated);
        let paragraphs = parsed
            .html
            .nodes()
            .filter(|n| n.element().is_some_and(|e| e.name() == "p"));
        assert!((90..=100).contains(&paragraphs.count()));
    }

    #[test]
    fn a_passed_deadline_stops_the_parse() {
        let html = "<p>a</p>".repeat(100_000);
        let parsed = parse_document(
            &html,
            ParseLimits {
                deadline: Some(Instant::now()),
                ..LIMITS
            },
        );
        assert!(parsed.timed_out);
    }

    /// Sloppy but ordinary markup, repeated far past the depth limit: the
    /// model sees the tree builder close what it closes, and drops nothing.
    #[test]
    fn implied_end_tags_keep_the_model_shallow() {
        let pieces = [
            "<p>para",
            "<p><b>x<div>y</div>",
            "<p><span>x</span><div>y</div>",
            "<ul><li>a<li>b</ul>",
            "<dl><dt>a<dd>b<dt>c<dd>d</dl>",
            "<table><tr><td>a<td>b<tr><td>c</table>",
            "<table><thead><tr><th>a<tbody><tr><td>b</table>",
            "<select><option>a<option>b<optgroup><option>c</select>",
            "<h2>a<h3>b</h3>",
            "<a href=x>one<a href=y>two</a>",
            "<font color=red>x</font><i>y</i>",
            "<svg><path/><g><rect/></g></svg>",
            "<div><span>unclosed<em>too</div>",
            "<p>a</b></i></span>",
            "<img src=x><br><hr><input><meta charset=utf-8>",
            "<textarea><div><div></textarea><script><div></script>",
        ];
        for piece in pieces {
            let html = format!("<div>{}</div>", piece.repeat(2_000));
            let parsed = parse_document(&html, LIMITS);
            assert_eq!(parsed.flattened, 0, "{piece}");
            assert!(
                depth(&parsed.html) < 64,
                "{piece}: depth {}",
                depth(&parsed.html)
            );
        }
    }
}
