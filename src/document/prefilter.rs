//! The HTML prefilter: removes from the page text, before it is parsed, what
//! the document walk never reads, so the html5ever tokenizer never scans it:
//!
//! - the bodies of `<script>` and `<style>` elements (over half the bytes of
//!   real pages), except JSON-LD scripts, which carry page metadata;
//! - the attributes the walk never reads (`data-*`, `srcset`, `target`,
//!   `onclick`, SVG path data, …: a tenth of the bytes), and any attribute of
//!   an end tag (the tree builder ignores them);
//! - the text of comments, bogus comments and processing instructions:
//!   `<!-- x -->` becomes `<!---->`. The comment node stays, since it splits
//!   runs of text for the tree builder (in tables, after `<pre>`).
//!
//! Every removal leaves the parse what it was but for what was removed:
//! bodies go between a start tag's `>` and its end tag's `<` (the tags stay),
//! and the walk reads neither those bodies' text (but see below), nor those
//! attributes, nor comments.
//!
//! **Attributes.** A tag keeps its name, its other attributes byte for byte,
//! and its `/>` or `>`. An attribute goes with the whitespace after it, up to
//! the next attribute, `/` or `>`: the tokenizer then reads that byte in the
//! state the attribute began in, which reads it as the state the attribute
//! ended in would. The last one takes the whitespace before it instead,
//! unless that would set a `/` before `>` (self-closing) or after an
//! unquoted value (which would take it in). An attribute stays where its
//! removal would join the tag differently: before a name starting with `=`
//! (which could become the value of a value-less attribute before), and
//! where a `/` would come to stand before `>`. What stays:
//! - on HTML elements, what the walk reads (`Attrs::of` in `html.rs`: class,
//!   id, role, itemprop, rel, href, style, hidden, aria-hidden; `lang` and
//!   `xml:lang`, `datetime`, the `<meta>`, `<link>`, `<base>` and `<img>`
//!   attributes — the last only when images are collected
//!   ([`prefilter_for`]) —, a JSON-LD `<script type>`) and what
//!   the tree builder reads (`type` of
//!   `<input>`, `color`, `face` and `size` of `<font>`, `encoding` of
//!   `annotation-xml`). The walk reads the attributes of every element it
//!   visits, so removal goes by name, never by element; every occurrence of
//!   a name goes or stays alike, so the first of duplicated attributes,
//!   which is the one the tokenizer keeps, stays the one that counts;
//! - on the elements the walk skips without reading an attribute (`svg`,
//!   `math`, `input`, `iframe`, `select`, …: `role_of` and
//!   `Walker::invisible` in `html.rs`) and on SVG and MathML elements, whose
//!   subtrees the walk skips, only `type` (it places an `<input>`);
//! - on a `<meta>` the walk keeps (a key the structure stage reads, and a
//!   `content`), `<template>` (`shadowrootmode`) and `annotation-xml`, all;
//!   on the other `<meta>`s, on `<link>`s that are not `rel=canonical` and
//!   on scripts that are not JSON-LD, none (the walk reads nothing else of
//!   them; on the benchmark pages this takes a sixth of the attributes the
//!   tokenizer would copy); on `<img>`, only the image attributes;
//! - on formatting elements, whose attributes the tree builder compares (the
//!   Noah's Ark clause: a fourth equal element pushes the earliest of three
//!   out of the list of active formatting elements, which changes what is
//!   reconstructed later), all, except on `<a>`, which carries most of such
//!   bytes and which the clause reaches only after misnested `<a>`s holding
//!   eight blocks each. Every `<a>` is accounted for, and the tags whose
//!   equals in a group of four or more would change keep their attributes.
//!
//! **Link targets.** When the walk does not collect links, each `<a>`'s
//! `href` becomes a short name of hex digits, one per distinct target, and
//! targets holding a `#` stay (see [`LinkTargets`]): the tokenizer then
//! reads an eighth fewer bytes on the benchmark pages.
//!
//! **Line feeds.** A run of text that starts with line feeds and a space or
//! tab (`>\n  <`: indentation) gets the space or tab first (`> \n <`). The
//! tokenizer emits a leading line feed as a token of its own and the rest of
//! the run as another, each passing through the tree builder, which makes it
//! join the two again; a run starting with a space is one token. The move
//! leaves every text the tree builder makes as long as it was, with
//! the same characters outside whitespace and the same whitespace runs but
//! for their order, and the tree builder treats whitespace characters alike
//! (it splits runs at the first non-whitespace character, wherever it puts
//! them); the walk collapses whitespace runs, counts text by bytes or by
//! non-space characters, and trims, so it reads the same. Not after a start
//! tag `pre`, `listing` or `textarea` anywhere on the page: the tree builder
//! drops a line feed that comes first after one, and the walk keeps a
//! `<pre>`'s lines; nor inside SVG and MathML, whose `<script>` may be
//! JSON-LD read whole.
//!
//! **What stays whole.** Doctypes (they set the quirks mode). The contents
//! of `<noscript>`, `<template>`, `<iframe>`, `<svg>` and `<math>`: the walk
//! skips those elements, but it reads the whole text of some elements
//! (bylines, `<sup>`, footnote links, tables: `el.text()` in `html.rs`),
//! which includes the text inside them, and text inside an SVG or MathML
//! integration point makes the tree builder reconstruct formatting elements
//! there. (The same holds of script and style bodies: a script inside a
//! byline element changes that byline's text, as on two benchmark pages.)
//!
//! To find where these things really are, one forward pass follows the WHATWG
//! tokenizer closely: it steps over comments (with their abrupt and `--!>`
//! ends), doctypes, bogus comments, quoted attribute values and the contents
//! of RCDATA and RAWTEXT elements (`title`, `textarea`, `xmp`, `iframe`,
//! `noembed`, `noframes`, `noscript` — scripting is on in html5ever), stops
//! copying markup at `<plaintext>`, and ends a script exactly where the
//! script-data states (escaped and double-escaped included) end it. It also
//! tracks SVG and MathML foreign content as html5ever's tree builder does,
//! because there `<script>` and `<style>` hold markup, not raw text, and may
//! be self-closing: a foreign script or style loses its body only when that
//! body is plain text running straight to its end tag.
//!
//! Where the tree builder's reaction would hang on HTML elements the scanner
//! does not model (a stray end tag inside `<svg>`, HTML inside
//! `<foreignObject>`, a `<frameset>`, after which the model's foreign content
//! may not exist), it stops filtering rather than guess, and the rest of the
//! page is parsed as it is (and every `<a>` keeps its attributes, the rest
//! of them being unseen). So is everything after an unterminated tag, or a
//! `<plaintext>`; an unterminated script, style, comment or bogus comment
//! loses everything to the end (the parser would read it all as its text).
//!
//! The scanner never recurses or backtracks, so it is linear in the input
//! (the `<a>` accounting adds at most eight rounds over the links), and it
//! cuts only next to ASCII delimiters or whole characters, so the output
//! stays valid UTF-8.

use std::borrow::Cow;
use std::collections::HashMap;

use super::html::{
    Collect, CANONICAL_REL, IMAGE_ALT, IMAGE_SOURCES, JSON_LD_TYPE, META_KEY_ATTRIBUTES,
};
use super::meta_key;
use memchr::{memchr, memchr2, memchr3, memmem};

/// Elements whose contents are RAWTEXT (`noscript` too, since html5ever
/// parses with scripting enabled). Of these only `style` loses its body.
const RAWTEXT_TAGS: [&[u8]; 6] = [
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];
/// Elements whose contents are RCDATA: text and character references only.
const RCDATA_TAGS: [&[u8]; 2] = [b"title", b"textarea"];
/// Start tags that leave foreign content for HTML, as html5ever lists them.
const BREAKOUT_TAGS: [&[u8]; 44] = [
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
];
/// HTML elements that never stay open (void elements, and those html5ever
/// treats so).
const VOID_TAGS: [&[u8]; 19] = [
    b"area",
    b"base",
    b"basefont",
    b"bgsound",
    b"br",
    b"col",
    b"embed",
    b"frame",
    b"hr",
    b"image",
    b"img",
    b"input",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
];
/// Start tags after which the tree builder drops a leading line feed.
const LINE_FEED_DROPPING_TAGS: [&[u8]; 3] = [b"pre", b"listing", b"textarea"];
/// Attributes that make a `<font>` start tag leave foreign content.
const FONT_BREAKOUT_ATTRS: [&[u8]; 3] = [b"color", b"face", b"size"];
/// End tags that leave foreign content for HTML.
const BREAKOUT_END_TAGS: [&[u8]; 2] = [b"br", b"p"];
/// SVG elements whose start tags and text are parsed as HTML.
const SVG_HTML_INTEGRATION_POINTS: [&[u8]; 3] = [b"foreignobject", b"desc", b"title"];
/// MathML elements whose text and most start tags are parsed as HTML.
const MATHML_TEXT_INTEGRATION_POINTS: [&[u8]; 5] = [b"mi", b"mo", b"mn", b"ms", b"mtext"];
/// Start tags that stay MathML even inside a MathML text integration point.
const MATHML_TEXT_FOREIGN_TAGS: [&[u8]; 2] = [b"mglyph", b"malignmark"];

/// The one attribute the elements the walk skips unread keep: it decides
/// whether an `<input>` is foster-parented out of a table.
const TYPE_ATTRIBUTE: &[u8] = b"type";
/// Entries of one element the list of active formatting elements holds
/// before the Noah's Ark clause drops the earliest.
const NOAHS_ARK_ENTRIES: usize = 3;
/// `<a>` tags with more attributes than this keep them all and are taken to
/// compare equal to any other (it bounds the accounting's work per tag).
const MAX_ACCOUNTED_ATTRIBUTES: usize = 32;
/// Rounds of the `<a>` accounting's check before every `<a>` keeps its
/// attributes (it bounds the accounting's work per page).
const MAX_ACCOUNTING_ROUNDS: usize = 8;
/// The `<a>` accounting's hash (multiply-rotate, as FxHash): seed, rotation
/// and multiplier. Its collisions only merge groups of tags.
const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const HASH_ROTATION: u32 = 5;
const HASH_MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;
/// MurmurHash3's finalizer: shift and multipliers.
const MIX_SHIFT: u32 = 33;
const MIX_MULTIPLIERS: [u64; 2] = [0xff51_afd7_ed55_8ccd, 0xc4ce_b9fe_1a85_ec53];

/// What the prefilter removes besides script and style bodies; [`prefilter`]
/// removes all of it, the tests one kind at a time.
#[derive(Clone, Copy, Debug)]
struct Removals {
    /// Unread attributes, and all attributes of end tags.
    attributes: bool,
    /// The text of comments, bogus comments and processing instructions.
    comments: bool,
    /// Not a removal: leading line feeds moved behind the space after them.
    newlines: bool,
    /// The image attributes ([`IMAGE_SOURCES`], [`IMAGE_ALT`]), when images
    /// are not collected: the walk reads them only to collect images.
    image_attributes: bool,
    /// Not a removal: each `<a>`'s link target, when links are not
    /// collected, becomes a short name ([`LinkTargets`]).
    link_targets: bool,
}

impl Removals {
    /// Everything but the image attributes: for a walk that collects images.
    const ALL: Removals = Removals {
        attributes: true,
        comments: true,
        newlines: true,
        image_attributes: false,
        link_targets: false,
    };
    /// Everything a walk that collects `collect` never reads.
    fn for_walk(collect: Collect) -> Removals {
        Removals {
            image_attributes: !collect.images,
            link_targets: !collect.links,
            ..Removals::ALL
        }
    }
    /// Script and style bodies only.
    #[cfg(test)]
    const NONE: Removals = Removals {
        attributes: false,
        comments: false,
        newlines: false,
        image_attributes: false,
        link_targets: false,
    };
}

/// `html` without what the document walk never reads: script and style
/// bodies (JSON-LD kept), unread attributes, comment text.
///
/// Borrows the input when there is nothing to remove.
pub fn prefilter(html: &str) -> Cow<'_, str> {
    prefilter_with(html, Removals::ALL)
}

/// [`prefilter`] for a walk that collects what `collect` says: the image
/// attributes go when it does not collect images, and each `<a>`'s link
/// target becomes a short name when it does not collect links.
pub fn prefilter_for(html: &str, collect: Collect) -> Cow<'_, str> {
    prefilter_with(html, Removals::for_walk(collect))
}

/// Whether `name` is one of the attributes an image is collected from.
fn is_image_attribute(name: &[u8]) -> bool {
    IMAGE_SOURCES
        .iter()
        .chain([&IMAGE_ALT])
        .any(|image| is(name, image.as_bytes()))
}

/// `html` without script and style bodies and what `removals` names.
fn prefilter_with(html: &str, removals: Removals) -> Cow<'_, str> {
    let mut scanner = Scanner::new(html.as_bytes(), removals);
    while scanner.step().is_some() {}
    let incomplete = scanner.incomplete;
    let moves = std::mem::take(&mut scanner.moves);
    let filtered = assemble(html, &scanner.into_cuts(), &moves);
    if !incomplete {
        return filtered;
    }
    // Markup was left unread: cap its tags' attributes all the same.
    match cap_attributes(&filtered) {
        Cow::Borrowed(_) => filtered,
        Cow::Owned(capped) => Cow::Owned(capped),
    }
}

/// Attributes one tag keeps; the rest go. The tokenizer compares each new
/// attribute with every one before it (for duplicates), so a tag with a
/// million attributes would take hours.
pub const MAX_TAG_ATTRIBUTES: usize = 256;

/// `html` with every tag's attributes past the first [`MAX_TAG_ATTRIBUTES`]
/// removed (up to its `/>` or `>`, or the end of an unterminated tag). Reads
/// tags as the tokenizer does, but not the contents of raw-text elements: a
/// script holding a tag-like text of more than that many attributes loses
/// them too. Used where the prefilter's own scan stopped early.
fn cap_attributes(html: &str) -> Cow<'_, str> {
    let src = html.as_bytes();
    let mut cuts = Vec::new();
    let mut attributes = Vec::new();
    let mut at = 0;
    while let Some(lt) = find(b'<', src, at) {
        at = lt + 1;
        let name_start = match (src.get(lt + 1), src.get(lt + 2)) {
            (Some(c), _) if c.is_ascii_alphabetic() => lt + 1,
            (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => lt + 2,
            _ => continue,
        };
        let tag = parse_tag(src, name_start, &mut attributes);
        if let Some(first_over) = attributes.get(MAX_TAG_ATTRIBUTES) {
            let close = tag.as_ref().map_or(src.len(), Tag::close);
            if first_over.name.0 < close {
                cuts.push((first_over.name.0, close, None));
            }
        }
        match tag {
            Some(tag) => at = tag.end,
            None => break,
        }
    }
    assemble(html, &cuts, &[])
}

/// A byte range the output leaves out, and the short name of a link target
/// it writes in its place, if any ([`LinkTargets`]).
type Splice = (usize, usize, Option<u32>);

/// The input without the byte ranges in `cuts` (sorted, disjoint; each
/// replaced by its name, if it has one), and with the ASCII byte after each
/// range of `moves` (sorted, disjoint, in kept text, ASCII) moved before it.
///
/// Every cut sits next to ASCII delimiters, so each kept slice is a valid
/// `str`; should one ever not be, the input is returned unchanged.
fn assemble<'a>(html: &'a str, cuts: &[Splice], moves: &[(usize, usize)]) -> Cow<'a, str> {
    if cuts.is_empty() && moves.is_empty() {
        return Cow::Borrowed(html);
    }
    let removed: usize = cuts.iter().map(|&(start, end, _)| end - start).sum();
    let mut out = String::with_capacity(html.len().saturating_sub(removed));
    let mut moves = moves.iter().copied().peekable();
    // Copies `html[from..to]`, making the moves that lie in it.
    let mut copy = |out: &mut String, from: usize, to: usize| -> Option<()> {
        let mut at = from;
        while let Some((start, end)) = moves.next_if(|&(_, end)| end < to) {
            if start < at {
                continue;
            }
            out.push_str(html.get(at..start)?);
            out.push_str(html.get(end..end + 1)?);
            out.push_str(html.get(start..end)?);
            at = end + 1;
        }
        out.push_str(html.get(at..to)?);
        Some(())
    };
    let mut at = 0;
    for &(start, end, name) in cuts {
        if copy(&mut out, at, start).is_none() {
            return Cow::Borrowed(html);
        }
        if let Some(name) = name {
            push_hex(&mut out, name);
        }
        at = end.max(at);
    }
    if copy(&mut out, at, html.len()).is_none() {
        return Cow::Borrowed(html);
    }
    Cow::Owned(out)
}

/// Writes `name` in lowercase hex digits (a link target's short name).
fn push_hex(out: &mut String, name: u32) {
    let digits = (u32::BITS - name.leading_zeros())
        .div_ceil(HEX_DIGIT_BITS)
        .max(1);
    for digit in (0..digits).rev() {
        let value = (name >> (digit * HEX_DIGIT_BITS)) & HEX_DIGIT_MASK;
        out.push(char::from_digit(value, 16).unwrap_or('0'));
    }
}

/// Bits a hex digit writes, and the mask that takes them.
const HEX_DIGIT_BITS: u32 = 4;
const HEX_DIGIT_MASK: u32 = (1 << HEX_DIGIT_BITS) - 1;

/// A byte range to remove.
#[derive(Clone, Copy, Debug)]
struct Cut {
    start: usize,
    end: usize,
    /// Removes attributes of an `<a>`: undone when the page's links might
    /// meet the Noah's Ark clause.
    link: bool,
    /// Replaces an `<a>`'s link target by this short name ([`LinkTargets`]).
    target: Option<u32>,
}

/// The single pass over the input, in the tokenizer's data state between steps.
struct Scanner<'a> {
    src: &'a [u8],
    removals: Removals,
    /// Where the data state resumes.
    pos: usize,
    /// Byte ranges to remove, in order.
    cuts: Vec<Cut>,
    foreign: Foreign,
    /// The attributes of the tag read last (the buffer is reused).
    attributes: Vec<Attribute>,
    /// Which of them go (reused likewise).
    dropped: Vec<bool>,
    /// The `<a>` tags seen, for the Noah's Ark clause.
    links: Links<'a>,
    /// Their link targets' short names.
    targets: LinkTargets<'a>,
    /// Filtering stopped with markup left unread.
    stopped: bool,
    /// Markup was left unread: filtering stopped, or a tag never ended.
    incomplete: bool,
    /// Leading line feeds to move behind the space after them (byte ranges).
    moves: Vec<(usize, usize)>,
    /// No `pre`, `listing` or `textarea` start tag yet: line feeds may move.
    newlines_move: bool,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a [u8], removals: Removals) -> Self {
        Scanner {
            src,
            removals,
            pos: 0,
            cuts: Vec::new(),
            foreign: Foreign::default(),
            attributes: Vec::new(),
            dropped: Vec::new(),
            links: Links::default(),
            targets: LinkTargets::default(),
            stopped: false,
            incomplete: false,
            moves: Vec::new(),
            newlines_move: removals.newlines,
        }
    }

    /// The byte ranges to remove. Link attributes stay where the Noah's Ark
    /// clause could see the difference, and all of them when markup was left
    /// unread (its links were not seen). Link targets get their short names
    /// on every `<a>` of the page or on none ([`LinkTargets`]), whatever
    /// happens to the other attributes of their tags.
    fn into_cuts(self) -> Vec<Splice> {
        let named = self.targets.whole && !self.incomplete;
        let mut restored = if self.stopped {
            Vec::new()
        } else {
            self.links.restored()
        }
        .into_iter()
        .peekable();
        let mut out = Vec::with_capacity(self.cuts.len());
        for (i, cut) in self.cuts.iter().enumerate() {
            while restored.next_if(|&(_, end)| end <= i).is_some() {}
            let undone = if cut.target.is_some() {
                !named
            } else if self.stopped {
                cut.link
            } else {
                restored.peek().is_some_and(|&(start, _)| start <= i)
            };
            if !undone {
                out.push((cut.start, cut.end, cut.target));
            }
        }
        out
    }

    /// Stops filtering: what follows is parsed as it is.
    fn stop<T>(&mut self) -> Option<T> {
        self.stopped = true;
        self.incomplete = true;
        None
    }

    /// Handles the next `<` construct. `None` when the input has ended, or
    /// the rest of it is one opaque construct (an unterminated comment, tag,
    /// raw-text element, or `<plaintext>`), or filtering stopped.
    fn step(&mut self) -> Option<()> {
        let src = self.src;
        let lt = find(b'<', src, self.pos)?;
        // A run of text in HTML content starting with line feeds and a
        // space or tab (see the module notes on line feeds).
        let pos = self.pos;
        if self.newlines_move && src.get(pos) == Some(&b'\n') && !self.foreign.cdata() {
            let line_feeds = src
                .get(pos..lt)
                .map_or(0, |run| run.iter().take_while(|&&c| c == b'\n').count());
            if matches!(src.get(pos + line_feeds), Some(b' ' | b'\t')) && pos + line_feeds < lt {
                self.moves.push((pos, pos + line_feeds));
            }
        }
        self.pos = lt + 1;
        match *src.get(lt + 1)? {
            b'!' => self.markup_declaration(lt + 2),
            b'/' => self.end_tag(lt + 2),
            b'?' => self.bogus_comment(lt + 2),
            c if c.is_ascii_alphabetic() => self.start_tag(lt + 1),
            _ => Some(()),
        }
    }

    /// A bogus comment (a doctype-less `<!…>`, a `</…>` that is no end tag,
    /// or a processing instruction) whose text starts at `text` and ends at
    /// the first `>`, or with the input.
    fn bogus_comment(&mut self, text: usize) -> Option<()> {
        let end = find(b'>', self.src, text);
        if self.removals.comments {
            self.cut(text, end.unwrap_or(self.src.len()), false);
        }
        self.pos = end? + 1;
        Some(())
    }

    /// After `<!`: a comment, a CDATA section (in foreign content only), a
    /// doctype (kept whole: it sets the quirks mode), or a bogus comment.
    fn markup_declaration(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        let rest = src.get(at..)?;
        if rest.starts_with(b"--") {
            let text = at + 2;
            let Some((close, end)) = comment_end(src, text) else {
                if self.removals.comments {
                    self.cut(text, src.len(), false);
                }
                return None;
            };
            if self.removals.comments {
                self.cut(text, close, false);
            }
            self.pos = end;
        } else if rest.starts_with(b"[CDATA[") && self.foreign.cdata() {
            let close = memmem::find(rest, b"]]>")?;
            self.pos = at + close + 3;
        } else if rest
            .get(..DOCTYPE.len())
            .is_some_and(|word| word.eq_ignore_ascii_case(DOCTYPE))
        {
            self.pos = find(b'>', src, at)? + 1;
        } else {
            return self.bogus_comment(at);
        }
        Some(())
    }

    /// After `</`: an end tag (which loses all its attributes: the tree
    /// builder ignores them), the ignored `</>`, or a bogus comment, which
    /// keeps its first character (`</>` would be no comment at all).
    fn end_tag(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        match *src.get(at)? {
            b'>' => self.pos = at + 1,
            c if c.is_ascii_alphabetic() => {
                let Some(tag) = parse_tag(src, at, &mut self.attributes) else {
                    self.incomplete = true;
                    return None;
                };
                self.pos = tag.end;
                // Where the effect cannot be known, filtering stops rather
                // than guess.
                if self.foreign.end_tag(tag.name(src)).is_none() {
                    return self.stop();
                }
                self.drop_attributes(&tag, Keep::Nothing, false);
            }
            c => return self.bogus_comment(at + utf8_len(c)),
        }
        Some(())
    }

    /// A start tag whose name begins at `at`.
    fn start_tag(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        let Some(tag) = parse_tag(src, at, &mut self.attributes) else {
            self.incomplete = true;
            return None;
        };
        self.pos = tag.end;
        let name = tag.name(src);
        if LINE_FEED_DROPPING_TAGS.iter().any(|t| is(name, t)) {
            self.newlines_move = false;
        }
        // Where the rules cannot be known, filtering stops rather than guess.
        let Some(rules) = self.foreign.start_tag(name, &tag) else {
            return self.stop();
        };
        // A frameset may replace the body or end it, and then ignores what
        // the model would take for foreign content.
        if rules == Rules::Html && is(name, b"frameset") {
            return self.stop();
        }
        // Attributes past the cap go whatever they are (see `MAX_TAG_ATTRIBUTES`).
        let over = self.attributes.get(MAX_TAG_ATTRIBUTES).map(|a| a.name.0);
        self.attributes.truncate(MAX_TAG_ATTRIBUTES);
        let attributes = &self.attributes;
        let (keep, link) = Keep::for_start_tag(name, rules, |wanted| {
            // The tokenizer keeps the first attribute of a name.
            attributes
                .iter()
                .find(|a| is(a.name(src), wanted))
                .map(|a| a.value(src))
        });
        self.drop_attributes(&tag, keep, link);
        if let Some(start) = over {
            self.cut(start, tag.close(), false);
        }
        match rules {
            Rules::Html => self.html_start_tag(name, &tag),
            Rules::Foreign => self.foreign_start_tag(name, &tag),
        }
    }

    /// Cuts the attributes of `tag` that `keep` does not keep, where that
    /// leaves the tokenizer's reading of the rest of the tag as it was. Each
    /// cut runs from an attribute's name to the next non-space byte (the
    /// start of the next attribute, `/` or `>`): the state that attribute
    /// began in reads that byte as the state it ended in would, unless the
    /// byte is `=` (after a value-less attribute it would give that one a
    /// value) or a `>` that would come to follow a `/` (self-closing). A cut
    /// reaching the tag's `>` also takes the whitespace before the
    /// attribute, unless a `/` precedes it. `link` marks the cuts of an `<a>`
    /// and accounts for the tag.
    fn drop_attributes(&mut self, tag: &Tag, keep: Keep, link: bool) {
        if !self.removals.attributes || keep == Keep::All || self.attributes.is_empty() {
            if link {
                let none = (self.cuts.len(), self.cuts.len());
                self.links.add(self.src, tag, &self.attributes, &[], none);
            }
            return;
        }
        let src = self.src;
        let first_cut = self.cuts.len();
        self.dropped.clear();
        // The cut being extended over consecutive attributes.
        let mut open: Option<(usize, usize)> = None;
        // The last attribute kept has an unquoted value.
        let mut after_unquoted = false;
        // The link target is still to be named.
        let mut names_target = link && self.removals.link_targets;
        for attribute in &self.attributes {
            let mut goes = false;
            let name = attribute.name(src);
            // Removal goes by name: every element that keeps what the walk
            // reads loses the image attributes alike.
            let unread = !keep.keeps(name)
                || (self.removals.image_attributes
                    && matches!(keep, Keep::Read | Keep::Image)
                    && is_image_attribute(name));
            if unread {
                let next = skip_spaces(src, attribute.end);
                let extended = open.filter(|&(_, end)| end == attribute.name.0);
                let start = extended.map_or(attribute.name.0, |(start, _)| start);
                let after = src.get(next).copied();
                let before = start.checked_sub(1).and_then(|i| src.get(i)).copied();
                goes = after != Some(b'=') && !(before == Some(b'/') && after == Some(b'>'));
                if goes {
                    if extended.is_none() {
                        if let Some((start, end)) = open {
                            self.cuts.push(Cut {
                                start,
                                end,
                                link,
                                target: None,
                            });
                        }
                    }
                    open = Some((start, next));
                }
            }
            if !goes {
                if let Some((start, end)) = open.take() {
                    self.cuts.push(Cut {
                        start,
                        end,
                        link,
                        target: None,
                    });
                }
                after_unquoted = attribute.is_unquoted();
                if names_target && is(name, LINK_TARGET) {
                    // The tokenizer keeps the first of an attribute's name.
                    names_target = false;
                    let value = attribute.value(src);
                    if let Some(target) = self.targets.name(value) {
                        self.cuts.push(Cut {
                            start: attribute.value.0,
                            end: attribute.value.1,
                            link,
                            target: Some(target),
                        });
                    }
                }
            }
            self.dropped.push(goes);
        }
        if let Some((mut start, end)) = open {
            // The whitespace before goes too when what precedes it reads the
            // tag's `/` or `>` as the whitespace did: not a `/` before `>`
            // (it would self-close), not an unquoted value before `/` (it
            // would take it in).
            let spaces = src
                .get(..start)
                .unwrap_or_default()
                .iter()
                .rev()
                .take_while(|&&c| is_space(c))
                .count();
            let before = start.checked_sub(spaces + 1).and_then(|i| src.get(i));
            let joins = match src.get(end) {
                Some(b'>') => before == Some(&b'/'),
                Some(b'/') => after_unquoted,
                _ => true,
            };
            if spaces > 0 && before.is_some() && !joins {
                start -= spaces;
            }
            self.cuts.push(Cut {
                start,
                end,
                link,
                target: None,
            });
        }
        if link {
            let cuts = (first_cut, self.cuts.len());
            if !self
                .links
                .add(src, tag, &self.attributes, &self.dropped, cuts)
            {
                // Its target might have been named: then no target is.
                let named = self.cuts.get(first_cut..).unwrap_or_default();
                self.targets.whole &= named.iter().all(|c| c.target.is_none());
                self.cuts.truncate(first_cut);
            }
        }
    }

    /// A start tag the tree builder handles as HTML: raw-text elements switch
    /// the tokenizer; `svg` and `math` open foreign content.
    fn html_start_tag(&mut self, name: &[u8], tag: &Tag) -> Option<()> {
        if is(name, b"script") {
            return self.raw_text(tag.end, b"script", !tag.keeps_script_body(self.src));
        }
        if let Some(raw) = RAWTEXT_TAGS
            .iter()
            .chain(&RCDATA_TAGS)
            .find(|t| is(name, t))
        {
            return self.raw_text(tag.end, raw, is(name, b"style"));
        }
        if is(name, b"plaintext") {
            return None;
        }
        if is(name, b"svg") {
            self.foreign.enter(name, Namespace::Svg, tag.self_closing);
        } else if is(name, b"math") {
            self.foreign
                .enter(name, Namespace::MathMl, tag.self_closing);
        }
        Some(())
    }

    /// The contents of a raw-text element `name` starting at `body`, and its
    /// end tag, which the tree builder's text mode takes without looking at
    /// the stack of open elements. With `strip`, the contents are cut.
    fn raw_text(&mut self, body: usize, name: &[u8], strip: bool) -> Option<()> {
        let src = self.src;
        let end = if name == b"script" {
            script_end(src, body)
        } else {
            raw_text_end(src, body, name)
        };
        let Some(end) = end else {
            if strip {
                self.cut(body, src.len(), false);
            }
            return None;
        };
        if strip {
            self.cut(body, end, false);
        }
        let Some(end_tag) = parse_tag(src, end + 2, &mut self.attributes) else {
            self.incomplete = true;
            return None;
        };
        self.pos = end_tag.end;
        Some(())
    }

    /// A start tag in foreign content. A script or style there holds markup;
    /// its body goes only when it is plain text running straight to the end
    /// tag (or to the end of the input), so nothing but its own text is lost.
    fn foreign_start_tag(&mut self, name: &[u8], tag: &Tag) -> Option<()> {
        let strip = if is(name, b"script") {
            !tag.keeps_script_body(self.src)
        } else {
            is(name, b"style")
        };
        if !strip || tag.self_closing {
            return Some(());
        }
        let src = self.src;
        let Some(lt) = find(b'<', src, tag.end) else {
            self.cut(tag.end, src.len(), false);
            return None;
        };
        if src.get(lt + 1) == Some(&b'/') && is_end_tag_at(src, lt + 2, name) {
            self.cut(tag.end, lt, false);
            self.pos = lt;
        }
        Some(())
    }

    fn cut(&mut self, start: usize, end: usize, link: bool) {
        if start < end {
            self.cuts.push(Cut {
                start,
                end,
                link,
                target: None,
            });
        }
    }
}

/// `<!DOCTYPE`, after `<!` (any case).
const DOCTYPE: &[u8] = b"doctype";

/// Where a comment whose text starts at `start` (just after `<!--`) ends:
/// where its closing begins (the last two dashes, which stay with the `>` or
/// `!>` after them) and the index after its closing `>`. Covers the abrupt
/// `<!-->` and `<!--->`, and closings by two or more dashes and `>` or `!>`.
fn comment_end(src: &[u8], start: usize) -> Option<(usize, usize)> {
    match (src.get(start), src.get(start + 1)) {
        (Some(b'>'), _) => return Some((start, start + 1)),
        (Some(b'-'), Some(b'>')) => return Some((start, start + 2)),
        _ => {}
    }
    let mut at = start;
    loop {
        let dash = find(b'-', src, at)?;
        let mut after = dash;
        while src.get(after) == Some(&b'-') {
            after += 1;
        }
        if after - dash >= 2 {
            match (src.get(after), src.get(after + 1)) {
                (Some(b'>'), _) => return Some((after - 2, after + 1)),
                (Some(b'!'), Some(b'>')) => return Some((after - 2, after + 2)),
                _ => {}
            }
        }
        at = after;
    }
}

/// The tokenizer's script-data states, from the one the body starts in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ScriptState {
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// Where the script body starting at `from` ends: the index of the `<` of the
/// `</script` that ends the element, following the script-data states. `<!--`
/// enters the escaped state; there `<script` enters the double-escaped state,
/// in which `</script` only returns to escaped; `-->` returns to script data.
fn script_end(src: &[u8], from: usize) -> Option<usize> {
    use ScriptState::*;
    let mut state = Data;
    let mut at = from;
    loop {
        match state {
            Data => {
                let lt = find(b'<', src, at)?;
                at = lt + 1;
                if ends_script(src, lt) {
                    return Some(lt);
                }
                match src.get(lt + 1) {
                    Some(b'!') if src.get(lt + 2..lt + 4) == Some(&b"--"[..]) => {
                        at = lt + 4;
                        state = EscapedDashDash;
                    }
                    _ => {}
                }
            }
            Escaped | DoubleEscaped => {
                let hit = memchr2(b'-', b'<', src.get(at..)?)? + at;
                at = hit + 1;
                if src.get(hit) == Some(&b'-') {
                    state = if state == Escaped {
                        EscapedDash
                    } else {
                        DoubleEscapedDash
                    };
                } else if state == Escaped {
                    if ends_script(src, hit) {
                        return Some(hit);
                    }
                    (at, state) = escaped_less_than(src, hit);
                } else {
                    (at, state) = double_escaped_less_than(src, hit);
                }
            }
            EscapedDash | EscapedDashDash | DoubleEscapedDash | DoubleEscapedDashDash => {
                let escaped = matches!(state, EscapedDash | EscapedDashDash);
                let dash_dash = matches!(state, EscapedDashDash | DoubleEscapedDashDash);
                match *src.get(at)? {
                    b'-' => {
                        at += 1;
                        state = if escaped {
                            EscapedDashDash
                        } else {
                            DoubleEscapedDashDash
                        };
                    }
                    b'<' if escaped => {
                        if ends_script(src, at) {
                            return Some(at);
                        }
                        (at, state) = escaped_less_than(src, at);
                    }
                    b'<' => (at, state) = double_escaped_less_than(src, at),
                    b'>' if dash_dash => {
                        at += 1;
                        state = Data;
                    }
                    _ => {
                        at += 1;
                        state = if escaped { Escaped } else { DoubleEscaped };
                    }
                }
            }
        }
    }
}

/// Whether the `<` at `lt` starts a `</script` end tag.
fn ends_script(src: &[u8], lt: usize) -> bool {
    src.get(lt + 1) == Some(&b'/') && is_end_tag_at(src, lt + 2, b"script")
}

/// The escaped state's `<` at `lt` (not an end tag): where and in which
/// state scanning resumes (`<script` enters the double-escaped state).
fn escaped_less_than(src: &[u8], lt: usize) -> (usize, ScriptState) {
    match src.get(lt + 1) {
        Some(b'/') => (lt + 2, ScriptState::Escaped),
        Some(c) if c.is_ascii_alphabetic() => after_tag_word(
            src,
            lt + 1,
            ScriptState::DoubleEscaped,
            ScriptState::Escaped,
        ),
        _ => (lt + 1, ScriptState::Escaped),
    }
}

/// The double-escaped state's `<` at `lt`: where and in which state scanning
/// resumes (`</script` returns to the escaped state).
fn double_escaped_less_than(src: &[u8], lt: usize) -> (usize, ScriptState) {
    if src.get(lt + 1) != Some(&b'/') {
        return (lt + 1, ScriptState::DoubleEscaped);
    }
    after_tag_word(
        src,
        lt + 2,
        ScriptState::Escaped,
        ScriptState::DoubleEscaped,
    )
}

/// The tag name at `from` in escaped script data: a name followed by a
/// delimiter switches to `on_script` when it is `script`, else stays in
/// `otherwise`; where scanning resumes, and in which state.
fn after_tag_word(
    src: &[u8],
    from: usize,
    on_script: ScriptState,
    otherwise: ScriptState,
) -> (usize, ScriptState) {
    let (word, after) = letters(src, from);
    match src.get(after) {
        Some(&c) if is_tag_delimiter(c) => {
            let state = if word.eq_ignore_ascii_case(b"script") {
                on_script
            } else {
                otherwise
            };
            (after + 1, state)
        }
        _ => (after, otherwise),
    }
}

/// Where RAWTEXT or RCDATA contents starting at `from` end: the index of the
/// `<` of the first `</name` followed by whitespace, `/` or `>`.
fn raw_text_end(src: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find(b'<', src, at)?;
        if src.get(lt + 1) == Some(&b'/') && is_end_tag_at(src, lt + 2, name) {
            return Some(lt);
        }
        at = lt + 1;
    }
}

/// Whether an end tag named `name` (any case) starts at `at` and its name
/// ends there, as the raw-text states require.
fn is_end_tag_at(src: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(word) = src.get(at..).and_then(|rest| rest.get(..name.len())) else {
        return false;
    };
    word.eq_ignore_ascii_case(name)
        && src
            .get(at + name.len())
            .is_some_and(|&c| is_tag_delimiter(c))
}

/// The run of ASCII letters starting at `from`, and the index after it.
fn letters(src: &[u8], from: usize) -> (&[u8], usize) {
    let rest = src.get(from..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (rest.get(..len).unwrap_or_default(), from + len)
}

/// The index of the first `byte` at or after `from`.
fn find(byte: u8, src: &[u8], from: usize) -> Option<usize> {
    Some(memchr(byte, src.get(from..)?)? + from)
}

/// HTML whitespace (CR included: the tokenizer sees it as a line feed).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// What may follow a tag name: whitespace, `/` or `>`.
fn is_tag_delimiter(c: u8) -> bool {
    is_space(c) || c == b'/' || c == b'>'
}

/// ASCII case-insensitive name comparison (tag names are lower-cased by the
/// tokenizer in ASCII only).
fn is(name: &[u8], lower: &[u8]) -> bool {
    name.eq_ignore_ascii_case(lower)
}

/// The index of the first non-space byte at or after `from`.
fn skip_spaces(src: &[u8], from: usize) -> usize {
    let rest = src.get(from..).unwrap_or_default();
    from + rest.iter().take_while(|&&c| is_space(c)).count()
}

/// The length of the UTF-8 sequence a byte starts (1 for ASCII and for
/// bytes no sequence starts with).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Names by length (index), each with what it stands for.
type NameTable<T> = [&'static [(&'static [u8], T)]];

/// What `name` stands for in `table`, compared as the tokenizer compares
/// names (ASCII case folded).
fn look_up<T: Copy>(table: &NameTable<T>, name: &[u8]) -> Option<T> {
    table
        .get(name.len())?
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, value)| value)
}

/// The attributes HTML elements keep, by length: those the walk reads
/// (`Attrs::of` in `html.rs`, `<html lang>`/`xml:lang`, `<time datetime>`,
/// `<meta>` keys and `content`, `<link rel href>`, `<base href>`, `<script
/// type>`, the `<img>` sources and `alt`) and those the tree builder reads
/// (`type` of `<input>`, `color`, `face` and `size` of `<font>`, `encoding`
/// of `annotation-xml`).
const KEPT_ATTRIBUTES: &NameTable<()> = &[
    &[],
    &[],
    &[(b"id", ())],
    &[(b"alt", ()), (b"rel", ()), (b"src", ())],
    &[
        (b"face", ()),
        (b"href", ()),
        (b"lang", ()),
        (b"name", ()),
        (b"role", ()),
        (b"size", ()),
        (b"type", ()),
    ],
    &[(b"class", ()), (b"color", ()), (b"style", ())],
    &[(b"hidden", ())],
    &[(b"content", ())],
    &[
        (b"data-src", ()),
        (b"datetime", ()),
        (b"encoding", ()),
        (b"itemprop", ()),
        (b"property", ()),
        (b"xml:lang", ()),
    ],
    &[],
    &[],
    &[(b"aria-hidden", ())],
    &[],
    &[(b"data-lazy-src", ()), (b"data-original", ())],
];

/// Whether an HTML element keeps an attribute of this name
/// ([`KEPT_ATTRIBUTES`]).
fn is_kept(name: &[u8]) -> bool {
    look_up(KEPT_ATTRIBUTES, name).is_some()
}

/// Start tags whose attributes do not simply follow the rules they are
/// parsed by, by length: `a` (accounted for the Noah's Ark clause); all
/// attributes stay on `<meta>` (read by the walk; but see
/// [`Keep::for_unread_element`]), `<template>` (`shadowrootmode` changes
/// how scraper builds it), MathML `annotation-xml` (`encoding`), and the
/// formatting elements other than `a`, whose attributes the tree builder
/// compares (few have any); only the image attributes on `<img>`; only
/// `type` on the other HTML elements the walk skips without reading an
/// attribute (`role_of` and `Walker::invisible` in `html.rs`).
const TAG_KEEPS: &NameTable<Keep> = &[
    &[],
    &[
        (b"a", Keep::Read),
        (b"b", Keep::All),
        (b"i", Keep::All),
        (b"s", Keep::All),
        (b"u", Keep::All),
    ],
    &[(b"br", Keep::Type), (b"em", Keep::All), (b"tt", Keep::All)],
    &[
        (b"big", Keep::All),
        (b"img", Keep::Image),
        (b"map", Keep::Type),
        (b"svg", Keep::Type),
    ],
    &[
        (b"code", Keep::All),
        (b"font", Keep::All),
        (b"math", Keep::Type),
        (b"meta", Keep::All),
        (b"nobr", Keep::All),
    ],
    &[
        (b"audio", Keep::Type),
        (b"embed", Keep::Type),
        (b"input", Keep::Type),
        (b"small", Keep::All),
        (b"style", Keep::Type),
        (b"title", Keep::Type),
        (b"video", Keep::Type),
    ],
    &[
        (b"button", Keep::Type),
        (b"canvas", Keep::Type),
        (b"dialog", Keep::Type),
        (b"iframe", Keep::Type),
        (b"object", Keep::Type),
        (b"option", Keep::Type),
        (b"script", Keep::Type),
        (b"select", Keep::Type),
        (b"source", Keep::Type),
        (b"strike", Keep::All),
        (b"strong", Keep::All),
    ],
    &[(b"picture", Keep::Type)],
    &[
        (b"noscript", Keep::Type),
        (b"template", Keep::All),
        (b"textarea", Keep::Type),
    ],
    &[],
    &[],
    &[],
    &[],
    &[],
    &[(b"annotation-xml", Keep::All)],
];

/// Which attributes of a tag stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    All,
    /// Those [`is_kept`] keeps.
    Read,
    /// [`TYPE_ATTRIBUTE`] only.
    Type,
    /// The image attributes only ([`IMAGE_SOURCES`], [`IMAGE_ALT`]): all the
    /// walk reads of an `<img>`, and only when it collects images.
    Image,
    /// None (end tags).
    Nothing,
}

impl Keep {
    /// What a start tag keeps under `rules` ([`TAG_KEEPS`], or else what
    /// [`is_kept`] keeps on HTML elements and `type` on foreign ones), and
    /// whether it is an `<a>` (to be accounted for the Noah's Ark clause).
    /// `first` gives the value of a tag's first attribute of a name.
    fn for_start_tag<'v>(
        name: &[u8],
        rules: Rules,
        first: impl Fn(&[u8]) -> Option<&'v [u8]>,
    ) -> (Keep, bool) {
        if rules == Rules::Html {
            if let Some(keep) = Keep::for_unread_element(name, first) {
                return (keep, false);
            }
        }
        match look_up(TAG_KEEPS, name) {
            Some(keep) => (keep, is(name, b"a")),
            None => (Keep::for_other(rules), false),
        }
    }

    /// Nothing, for a `<meta>` the walk does not keep (its key is none of
    /// [`META_KEYS`](super::META_KEYS), or it has no `content`), a
    /// `<link>` that is not `rel=canonical` and a `<script>` that is not
    /// JSON-LD: the walk reads nothing else of them, nor does the tree
    /// builder, and their `content` and `href` values are long. `None`
    /// for other tags, and where a value that decides it is not
    /// [`comparable`]: the tag's usual rule stands.
    fn for_unread_element<'v>(
        name: &[u8],
        first: impl Fn(&[u8]) -> Option<&'v [u8]>,
    ) -> Option<Keep> {
        if is(name, b"meta") {
            // The walk's key: the first of these the tag has.
            let key = META_KEY_ATTRIBUTES
                .iter()
                .find_map(|attribute| first(attribute.as_bytes()));
            let read = match key {
                None => false,
                Some(key) if !comparable(key) => return None,
                Some(key) => {
                    first(b"content").is_some()
                        && std::str::from_utf8(key).ok().and_then(meta_key).is_some()
                }
            };
            return (!read).then_some(Keep::Nothing);
        }
        if is(name, b"script") {
            // The walk reads a script's `type` only to find JSON-LD.
            let ty = first(TYPE_ATTRIBUTE).unwrap_or_default();
            if !comparable(ty) {
                return None;
            }
            return (!may_name_json_ld(ty)).then_some(Keep::Nothing);
        }
        if is(name, b"link") {
            let rel = first(b"rel").unwrap_or_default();
            if !comparable(rel) {
                return None;
            }
            let canonical = rel
                .split(|&b| char::from(b).is_whitespace())
                .any(|token| is(token, CANONICAL_REL.as_bytes()));
            return (!canonical).then_some(Keep::Nothing);
        }
        None
    }

    /// What the other start tags keep.
    fn for_other(rules: Rules) -> Keep {
        match rules {
            Rules::Html => Keep::Read,
            Rules::Foreign => Keep::Type,
        }
    }

    fn keeps(self, name: &[u8]) -> bool {
        match self {
            Keep::All => true,
            Keep::Read => is_kept(name),
            Keep::Type => is(name, TYPE_ATTRIBUTE),
            Keep::Image => is_image_attribute(name),
            Keep::Nothing => false,
        }
    }
}

/// Whether a script `type` as written may name JSON-LD once the tokenizer
/// has read it (a character reference might spell it).
fn may_name_json_ld(value: &[u8]) -> bool {
    value.contains(&b'&')
        || std::str::from_utf8(value).map_or(true, |v| v.trim().eq_ignore_ascii_case(JSON_LD_TYPE))
}

/// Whether an attribute value as written is the value the tree builder gets,
/// and compares as the walk compares it: ASCII with no character reference,
/// carriage return (made a line feed) or NUL (made U+FFFD).
fn comparable(value: &[u8]) -> bool {
    value.is_ascii() && read_as_written(value)
}

/// Whether the tokenizer reads an attribute value as written: it holds no
/// character reference, carriage return (made a line feed) or NUL (made
/// U+FFFD). Otherwise [`decode_value`] may tell what it reads.
fn read_as_written(value: &[u8]) -> bool {
    memchr3(b'&', b'\r', 0, value).is_none()
}

/// An attribute as the tokenizer reads it.
#[derive(Clone, Copy, Debug)]
struct Attribute {
    /// The name's byte range.
    name: (usize, usize),
    /// The value's byte range, quotes excluded (empty when it has none).
    value: (usize, usize),
    /// The index after the attribute: after its value (and closing quote),
    /// or after its name when it has no value.
    end: usize,
}

impl Attribute {
    fn name<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.name.0..self.name.1).unwrap_or_default()
    }

    fn value<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.value.0..self.value.1).unwrap_or_default()
    }

    /// Whether its value is unquoted (so a `/` right after it would join it).
    fn is_unquoted(&self) -> bool {
        self.end == self.value.1 && self.end > self.name.1
    }
}

/// The `<a>` tags of a page, as the tree builder's Noah's Ark clause compares
/// them: when an `<a>` is pushed on the list of active formatting elements
/// and three entries there already equal it (same attributes, in any order),
/// the earliest goes. Removing attributes changes what the clause does only
/// where, for some tag that lost attributes, the tags equal to it after the
/// removal are not those equal to it before, and one of these sets has four
/// members or more. Those tags keep their attributes, and the check runs
/// again until it holds (each round restores at least one tag).
#[derive(Default)]
struct Links<'a> {
    tags: Vec<LinkTag<'a>>,
    /// Decoded attribute values (reused).
    decoded: Vec<u8>,
}

/// One `<a>` tag.
struct LinkTag<'a> {
    /// Its attributes as written (everything after the name): tags written
    /// alike lose the same attributes and compare the same.
    written: &'a [u8],
    /// Its attributes as the tree builder gets them unfiltered.
    before: Key,
    /// And filtered.
    after: Key,
    /// The range of its cuts in [`Scanner::cuts`] (empty when it lost
    /// nothing; its link target's name, which stays, may be one of them).
    cuts: (usize, usize),
    /// Some of its attributes are cut.
    drops: bool,
    /// Its attributes stay after all.
    restored: bool,
}

impl LinkTag<'_> {
    /// Whether it loses attributes. A named link target is none lost: names
    /// compare as the targets do.
    fn loses(&self) -> bool {
        self.drops && !self.restored
    }
}

/// What the Noah's Ark clause compares of a tag's attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// Hashes of the names, and of the names and values (equal attributes,
    /// equal keys; a collision only merges classes, the safe side).
    Exact(u64, u64),
    /// The values could not be decoded here (a character reference the
    /// prefilter does not resolve): only a hash of the names. The tag loses
    /// nothing, and may equal any tag with these names.
    Names(u64),
    /// Not compared at all (a NUL in a name, or too many attributes): the tag
    /// loses nothing, and may equal any other.
    Wild,
}

/// Tags with one [`Key::Exact`] key, as the check sees them.
struct KeyClass<'a> {
    count: usize,
    /// One member's attributes as written.
    written: &'a [u8],
    /// All members are written alike.
    alike: bool,
    /// Some member loses attributes.
    loses: bool,
}

impl<'a> Links<'a> {
    /// Accounts for an `<a>` tag whose attributes at the `dropped` positions
    /// are cut by `cuts` (a range of [`Scanner::cuts`], which may also hold the
    /// name of its link target). False when they must
    /// stay right away (its keys cannot be known): the tag then counts as
    /// written.
    fn add(
        &mut self,
        src: &'a [u8],
        tag: &Tag,
        attributes: &[Attribute],
        dropped: &[bool],
        cuts: (usize, usize),
    ) -> bool {
        let written = src.get(tag.name.1..tag.end).unwrap_or_default();
        let drops = dropped.contains(&true);
        let keep_all = |links: &mut Self, key| {
            links.tags.push(LinkTag {
                written,
                before: key,
                after: key,
                cuts: (cuts.0, cuts.0),
                drops: false,
                restored: false,
            });
            !drops
        };
        if attributes.len() > MAX_ACCOUNTED_ATTRIBUTES
            || attributes.iter().any(|a| memchr(0, a.name(src)).is_some())
        {
            return keep_all(self, Key::Wild);
        }
        // Each attribute's name hash, and its value's (`None`: undecoded).
        let mut hashes = [(0, None); MAX_ACCOUNTED_ATTRIBUTES];
        for (attribute, slot) in attributes.iter().zip(hashes.iter_mut()) {
            let name_hash = hash_name(attribute.name(src));
            let value = attribute.value(src);
            let value_hash = if read_as_written(value) {
                Some(hash_bytes(name_hash, value))
            } else if decode_value(value, &mut self.decoded) {
                Some(hash_bytes(name_hash, &self.decoded))
            } else {
                None
            };
            *slot = (name_hash, value_hash);
        }
        let hashes = hashes.get(..attributes.len()).unwrap_or_default();
        let key = |counts: &dyn Fn(usize) -> bool| {
            let (mut names, mut values, mut exact) = (0u64, 0u64, true);
            for (i, &(name_hash, value_hash)) in hashes.iter().enumerate() {
                // The tokenizer keeps the first attribute of each name.
                let name = attributes[i].name(src);
                let repeated = (0..i).any(|j| {
                    counts(j)
                        && hashes[j].0 == name_hash
                        && attributes[j].name(src).eq_ignore_ascii_case(name)
                });
                if !counts(i) || repeated {
                    continue;
                }
                names = names.wrapping_add(name_hash);
                match value_hash {
                    Some(h) => values = values.wrapping_add(h),
                    None => exact = false,
                }
            }
            if exact {
                Key::Exact(names, values)
            } else {
                Key::Names(names)
            }
        };
        let before = key(&|_| true);
        let after = if drops {
            key(&|i| !dropped.get(i).copied().unwrap_or(false))
        } else {
            before
        };
        match (before, after) {
            (Key::Exact(..), Key::Exact(..)) => {
                self.tags.push(LinkTag {
                    written,
                    before,
                    after,
                    cuts,
                    drops,
                    restored: false,
                });
                true
            }
            _ => keep_all(self, before),
        }
    }

    /// The ranges of [`Scanner::cuts`] to undo: those of the tags that keep
    /// their attributes after all. Should the check not settle within
    /// [`MAX_ACCOUNTING_ROUNDS`] (which takes tags built to chain), all of
    /// them keep their attributes.
    fn restored(mut self) -> Vec<(usize, usize)> {
        let mut rounds = 0;
        while self.restore(|t| if t.loses() { t.after } else { t.before })
            | self.restore(|t| t.before)
        {
            rounds += 1;
            if rounds == MAX_ACCOUNTING_ROUNDS {
                self.tags.iter_mut().for_each(|t| t.restored = true);
                break;
            }
        }
        self.tags
            .iter()
            .filter(|t| t.restored)
            .map(|t| t.cuts)
            .collect()
    }

    /// One round of the check on the classes of equal tags by `key` (after
    /// the removal, or before it): a class of four or more (counting the
    /// tags that may belong to it) that holds a tag losing attributes must be
    /// tags written alike, which compare the same either way; otherwise its
    /// tags keep their attributes. Whether any did.
    fn restore(&mut self, key: impl Fn(&LinkTag<'a>) -> Key) -> bool {
        let mut classes: PrehashedMap<(u64, u64), KeyClass<'a>> =
            PrehashedMap::with_capacity_and_hasher(self.tags.len(), Default::default());
        let mut maybe: PrehashedMap<u64, usize> = PrehashedMap::default();
        let mut wild = 0;
        for tag in &self.tags {
            match key(tag) {
                Key::Exact(names, values) => {
                    let class = classes.entry((names, values)).or_insert(KeyClass {
                        count: 0,
                        written: tag.written,
                        alike: true,
                        loses: false,
                    });
                    class.count += 1;
                    class.alike = class.alike && class.written == tag.written;
                    class.loses |= tag.loses();
                }
                Key::Names(names) => *maybe.entry(names).or_default() += 1,
                Key::Wild => wild += 1,
            }
        }
        let unsafe_class = |names: u64, class: &KeyClass<'_>| {
            let maybe = wild + maybe.get(&names).copied().unwrap_or(0);
            class.loses && class.count + maybe > NOAHS_ARK_ENTRIES && (!class.alike || maybe > 0)
        };
        let mut any = false;
        for tag in &mut self.tags {
            if let Key::Exact(names, values) = key(tag) {
                if tag.loses()
                    && classes
                        .get(&(names, values))
                        .is_some_and(|class| unsafe_class(names, class))
                {
                    tag.restored = true;
                    any = true;
                }
            }
        }
        any
    }
}

/// The attribute holding an `<a>`'s link target.
const LINK_TARGET: &[u8] = b"href";

/// Short names for the link targets of a page's `<a>` tags, for a walk that
/// does not collect links: it then reads of a target only whether it holds
/// a `#` and what follows the last one (a footnote reference), and the
/// tree builder only whether two are equal (the Noah's Ark clause). So a
/// target holding a `#`, or empty, stays as it is, and each other target
/// becomes a name of hex digits, the same for equal targets (as the tree
/// builder gets them, character references resolved) and another for each
/// other one. Names hold no `#` and are not empty, so none equals a target
/// that stays. On the benchmark pages this takes an eighth of the bytes the
/// tokenizer would read.
///
/// That holds only when every `<a>` on the page is named alike: where one
/// target cannot be decoded here, an `<a>` keeps all its attributes, or
/// markup is left unread, no target is named.
struct LinkTargets<'a> {
    /// Each target named so far, as decoded, and its name.
    names: HashMap<Cow<'a, [u8]>, u32, rustc_hash::FxBuildHasher>,
    /// No `<a>` yet whose target stays unnamed against the rules.
    whole: bool,
    /// Decoded values (reused).
    decoded: Vec<u8>,
}

impl Default for LinkTargets<'_> {
    fn default() -> Self {
        LinkTargets {
            names: HashMap::default(),
            whole: true,
            decoded: Vec::new(),
        }
    }
}

impl<'a> LinkTargets<'a> {
    /// The name of the target written as `value`; `None` for a target that
    /// stays (empty, or holding a `#`), and for one that cannot be decoded,
    /// which keeps every target of the page as it is.
    fn name(&mut self, value: &'a [u8]) -> Option<u32> {
        let as_written = read_as_written(value);
        if !as_written && !decode_value(value, &mut self.decoded) {
            self.whole = false;
            return None;
        }
        let target: &[u8] = if as_written { value } else { &self.decoded };
        if target.is_empty() || memchr(b'#', target).is_some() {
            return None;
        }
        if let Some(&name) = self.names.get(target) {
            return Some(name);
        }
        let Ok(name) = u32::try_from(self.names.len()) else {
            self.whole = false;
            return None;
        };
        // A decoded target is copied only when it is new.
        let key = if as_written {
            Cow::Borrowed(value)
        } else {
            Cow::Owned(target.to_vec())
        };
        self.names.insert(key, name);
        Some(name)
    }
}

/// Decodes an attribute value into `out` as the tokenizer would, for the
/// character references the prefilter resolves: named ones (with or without
/// `;`, under the attribute rules) and numeric ones ending in `;` whose code
/// point needs no replacement. False for anything else (and for NUL or CR).
fn decode_value(value: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if memchr2(0, b'\r', value).is_some() {
        return false;
    }
    let mut at = 0;
    while let Some(amp) = find(b'&', value, at) {
        out.extend_from_slice(value.get(at..amp).unwrap_or_default());
        let rest = value.get(amp + 1..).unwrap_or_default();
        match rest.first() {
            Some(b'#') => {
                let (hex, digits_from) = match rest.get(1) {
                    Some(b'x' | b'X') => (true, 2),
                    _ => (false, 1),
                };
                let digits = rest.get(digits_from..).unwrap_or_default();
                let len = digits
                    .iter()
                    .take_while(|c| {
                        if hex {
                            c.is_ascii_hexdigit()
                        } else {
                            c.is_ascii_digit()
                        }
                    })
                    .count();
                let (Some(b';'), Some(text)) = (digits.get(len), digits.get(..len)) else {
                    return false;
                };
                let code = std::str::from_utf8(text)
                    .ok()
                    .and_then(|t| u32::from_str_radix(t, if hex { 16 } else { 10 }).ok());
                let Some(c) = code
                    .filter(|&c| plain_code_point(c))
                    .and_then(char::from_u32)
                else {
                    return false;
                };
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                at = amp + 1 + digits_from + len + 1;
            }
            Some(c) if c.is_ascii_alphanumeric() => {
                let len = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let name = std::str::from_utf8(rest.get(..len).unwrap_or_default()).unwrap_or("");
                let next = rest.get(len).copied();
                let entity = |name: &str| {
                    html5ever::data::NAMED_ENTITIES
                        .get(name)
                        .copied()
                        .filter(|&(c, _)| c != 0)
                };
                let with_semicolon = (next == Some(b';'))
                    .then(|| entity(&format!("{name};")))
                    .flatten();
                let (chars, taken) = match (with_semicolon, entity(name)) {
                    (Some(chars), _) => (Some(chars), len + 1),
                    (None, Some(chars)) if next != Some(b'=') => (Some(chars), len),
                    _ => (None, len),
                };
                match chars {
                    Some((first, second)) => {
                        for code in [first, second].into_iter().filter(|&c| c != 0) {
                            let Some(c) = char::from_u32(code) else {
                                return false;
                            };
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                    }
                    None => {
                        out.extend_from_slice(value.get(amp..amp + 1 + len).unwrap_or_default())
                    }
                }
                at = amp + 1 + taken;
            }
            _ => {
                out.push(b'&');
                at = amp + 1;
            }
        }
    }
    out.extend_from_slice(value.get(at..).unwrap_or_default());
    true
}

/// A code point a numeric character reference gives as it is (no
/// replacement, no parse error).
fn plain_code_point(c: u32) -> bool {
    matches!(c, 0x09 | 0x0A | 0x0C | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFDCF | 0xFDF0..=0x10_FFFF)
        && c & 0xFFFE != 0xFFFE
}

/// A hash of an attribute name as the tokenizer compares names (ASCII case
/// folded).
fn hash_name(name: &[u8]) -> u64 {
    mix(name.iter().fold(HASH_SEED, |h, &c| {
        (h.rotate_left(HASH_ROTATION) ^ u64::from(c.to_ascii_lowercase()))
            .wrapping_mul(HASH_MULTIPLIER)
    }))
}

/// A hash of `bytes` continuing from `seed`, eight bytes at a time, mixed
/// at the end so that sums of such hashes collide no more than they do.
fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut h = seed;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(HASH_ROTATION) ^ u64::from_le_bytes(word)).wrapping_mul(HASH_MULTIPLIER);
    }
    for &c in chunks.remainder() {
        h = (h.rotate_left(HASH_ROTATION) ^ u64::from(c)).wrapping_mul(HASH_MULTIPLIER);
    }
    mix((h.rotate_left(HASH_ROTATION) ^ bytes.len() as u64).wrapping_mul(HASH_MULTIPLIER))
}

/// MurmurHash3's finalizer: every input bit reaches every output bit.
fn mix(mut h: u64) -> u64 {
    h ^= h >> MIX_SHIFT;
    h = h.wrapping_mul(MIX_MULTIPLIERS[0]);
    h ^= h >> MIX_SHIFT;
    h = h.wrapping_mul(MIX_MULTIPLIERS[1]);
    h ^ (h >> MIX_SHIFT)
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(HASH_ROTATION) ^ n).wrapping_mul(HASH_MULTIPLIER);
    }
}

/// A map keyed by hashes.
type PrehashedMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Prehashed>>;

/// A tag as the tokenizer reads it, with what the prefilter needs of it.
struct Tag {
    /// The tag name's byte range.
    name: (usize, usize),
    /// The index after the closing `>`.
    end: usize,
    /// Closed by `/>`.
    self_closing: bool,
    /// The value range of the first `type` attribute, if any (empty when it
    /// has no value).
    type_value: Option<(usize, usize)>,
    /// Has a `color`, `face` or `size` attribute.
    font_breakout: bool,
}

impl Tag {
    fn name<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.name.0..self.name.1).unwrap_or_default()
    }

    /// Where the tag's attributes end: at its `/>` or `>`.
    fn close(&self) -> usize {
        self.end
            .saturating_sub(if self.self_closing { 2 } else { 1 })
    }

    /// Records an attribute as the tokenizer reads it (duplicates after the
    /// first are dropped, so only the first `type` counts).
    fn attribute(
        &mut self,
        src: &[u8],
        name: Option<(usize, usize)>,
        value: (usize, usize),
        end: usize,
        attributes: &mut Vec<Attribute>,
    ) {
        let Some(name) = name else {
            return;
        };
        attributes.push(Attribute { name, value, end });
        let name = src.get(name.0..name.1).unwrap_or_default();
        if is(name, b"type") && self.type_value.is_none() {
            self.type_value = Some(value);
        }
        if FONT_BREAKOUT_ATTRS.iter().any(|a| is(name, a)) {
            self.font_breakout = true;
        }
    }

    /// Whether a script with this tag keeps its body: its type is JSON-LD,
    /// or might be once character references are decoded.
    fn keeps_script_body(&self, src: &[u8]) -> bool {
        let Some((start, end)) = self.type_value else {
            return false;
        };
        src.get(start..end).is_none_or(may_name_json_ld)
    }
}

/// The tokenizer's tag states after the tag name.
#[derive(Clone, Copy)]
enum TagState {
    BeforeAttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    AfterQuotedValue,
    SelfClosing,
}

/// Reads the tag whose name starts at `name_start` (just after `<` or `</`)
/// through its closing `>`, following the tokenizer's attribute states, so a
/// `>` inside a quoted value does not end it; its attributes go to
/// `attributes`, in order. `None` when the input ends first: the tokenizer
/// then drops the tag and everything after it.
fn parse_tag(src: &[u8], name_start: usize, attributes: &mut Vec<Attribute>) -> Option<Tag> {
    use TagState::*;
    attributes.clear();
    let rest = src.get(name_start..)?;
    let name_len = rest
        .iter()
        .position(|&c| is_tag_delimiter(c))
        .unwrap_or(rest.len());
    let mut at = name_start + name_len;
    let mut tag = Tag {
        name: (name_start, at),
        end: at,
        self_closing: false,
        type_value: None,
        font_breakout: false,
    };
    let mut state = match *src.get(at)? {
        b'>' => {
            tag.end = at + 1;
            return Some(tag);
        }
        b'/' => SelfClosing,
        _ => BeforeAttributeName,
    };
    at += 1;
    // The name of the attribute being read.
    let mut attribute: Option<(usize, usize)> = None;
    loop {
        let c = *src.get(at)?;
        match state {
            BeforeAttributeName => {
                if is_space(c) {
                    at += 1;
                } else if c == b'/' || c == b'>' {
                    state = AfterAttributeName;
                } else {
                    // The first character of a name may be `=`.
                    let start = at;
                    at += 1;
                    while src
                        .get(at)
                        .is_some_and(|&c| !is_tag_delimiter(c) && c != b'=')
                    {
                        at += 1;
                    }
                    attribute = Some((start, at));
                    if src.get(at) == Some(&b'=') {
                        at += 1;
                        state = BeforeAttributeValue;
                    } else {
                        state = AfterAttributeName;
                    }
                }
            }
            AfterAttributeName => {
                if is_space(c) {
                    at += 1;
                    continue;
                }
                if c == b'=' {
                    at += 1;
                    state = BeforeAttributeValue;
                    continue;
                }
                let name_end = attribute.map_or(at, |(_, end)| end);
                tag.attribute(src, attribute.take(), (at, at), name_end, attributes);
                match c {
                    b'/' => {
                        at += 1;
                        state = SelfClosing;
                    }
                    b'>' => {
                        tag.end = at + 1;
                        return Some(tag);
                    }
                    _ => state = BeforeAttributeName,
                }
            }
            BeforeAttributeValue => match c {
                c if is_space(c) => at += 1,
                b'"' | b'\'' => {
                    let close = find(c, src, at + 1)?;
                    tag.attribute(
                        src,
                        attribute.take(),
                        (at + 1, close),
                        close + 1,
                        attributes,
                    );
                    at = close + 1;
                    state = AfterQuotedValue;
                }
                b'>' => {
                    tag.attribute(src, attribute.take(), (at, at), at, attributes);
                    tag.end = at + 1;
                    return Some(tag);
                }
                _ => {
                    let start = at;
                    while src.get(at).is_some_and(|&c| !is_space(c) && c != b'>') {
                        at += 1;
                    }
                    src.get(at)?;
                    tag.attribute(src, attribute.take(), (start, at), at, attributes);
                    state = BeforeAttributeName;
                }
            },
            AfterQuotedValue => match c {
                c if is_space(c) => {
                    at += 1;
                    state = BeforeAttributeName;
                }
                b'/' => {
                    at += 1;
                    state = SelfClosing;
                }
                b'>' => {
                    tag.end = at + 1;
                    return Some(tag);
                }
                _ => state = BeforeAttributeName,
            },
            SelfClosing => {
                if c == b'>' {
                    tag.self_closing = true;
                    tag.end = at + 1;
                    return Some(tag);
                }
                state = BeforeAttributeName;
            }
        }
    }
}

/// Which rules the tree builder applies to a start tag.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rules {
    Html,
    Foreign,
}

/// The namespace of a foreign element.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Namespace {
    Svg,
    MathMl,
}

/// How a foreign element treats the start tags inside it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Point {
    /// Start tags are foreign elements.
    Foreign,
    /// An SVG HTML integration point: start tags are HTML.
    Html,
    /// A MathML text integration point: start tags other than `mglyph` and
    /// `malignmark` are HTML.
    MathMlText,
    /// `annotation-xml`: an `svg` start tag opens SVG. (scraper never makes
    /// it an HTML integration point, whatever its `encoding`.)
    AnnotationXml,
}

/// An open foreign element.
struct Frame {
    /// Lower-cased tag name.
    name: Vec<u8>,
    namespace: Namespace,
    point: Point,
}

impl Frame {
    fn is_integration_point(&self) -> bool {
        matches!(self.point, Point::Html | Point::MathMlText)
    }
}

/// The foreign (SVG and MathML) elements open, as html5ever's tree builder
/// keeps them.
///
/// HTML elements are not modelled. Where the parser's reaction to a tag
/// hangs on them, the methods answer `None`, and filtering stops there: an
/// end tag that closes no open foreign element goes to the HTML rules, which
/// close the foreign content if an HTML element of that name is open around
/// it (`<span><svg></span>`) and ignore the tag otherwise; once an HTML
/// element is open inside an integration point (`<foreignObject><div>`), an
/// end tag may close it, a foreign element, or an HTML element outside.
/// Real pages rarely get there: it takes a stray end tag inside an `<svg>`,
/// or HTML inside `<foreignObject>`.
#[derive(Default)]
struct Foreign {
    stack: Vec<Frame>,
    /// Stack positions of the frames of each name, so an end tag finds its
    /// element (or learns it has none) without walking the stack.
    open: HashMap<Vec<u8>, Vec<usize>>,
}

impl Foreign {
    /// Whether `<![CDATA[` opens a CDATA section here: the current node is
    /// foreign.
    fn cdata(&self) -> bool {
        !self.stack.is_empty()
    }

    /// Opens an `svg` or `math` element that starts foreign content.
    fn enter(&mut self, name: &[u8], namespace: Namespace, self_closing: bool) {
        if !self_closing {
            self.push(name, namespace);
        }
    }

    /// Which rules a start tag follows, with its effect on the model: a
    /// foreign element is opened; a breakout tag closes foreign elements up
    /// to an integration point. `None` when the tag opens an HTML element
    /// inside an integration point.
    fn start_tag(&mut self, name: &[u8], tag: &Tag) -> Option<Rules> {
        let Some(top) = self.stack.last() else {
            return Some(Rules::Html);
        };
        let namespace = top.namespace;
        let html = match top.point {
            Point::Html => true,
            Point::MathMlText => !MATHML_TEXT_FOREIGN_TAGS.iter().any(|t| is(name, t)),
            Point::AnnotationXml => is(name, b"svg"),
            Point::Foreign => false,
        };
        if !html {
            let breakout = BREAKOUT_TAGS.iter().any(|t| is(name, t))
                || (is(name, b"font") && tag.font_breakout);
            if !breakout {
                if !tag.self_closing {
                    self.push(name, namespace);
                }
                return Some(Rules::Foreign);
            }
            self.pop_to_integration_point();
        }
        // Raw-text elements close before anything else happens, void
        // elements never stay open, and `svg` and `math` get frames.
        let stays_open = !(VOID_TAGS.iter())
            .chain(&RAWTEXT_TAGS)
            .chain(&RCDATA_TAGS)
            .chain(&[&b"script"[..], b"plaintext", b"svg", b"math"])
            .any(|t| is(name, t));
        if stays_open && self.stack.last().is_some_and(Frame::is_integration_point) {
            return None;
        }
        Some(Rules::Html)
    }

    /// An end tag's effect on the model: it closes the nearest open foreign
    /// element of its name and everything inside it; `</p>` and `</br>`
    /// leave foreign content. `None` when it names no open foreign element.
    fn end_tag(&mut self, name: &[u8]) -> Option<()> {
        if self.stack.is_empty() {
            return Some(());
        }
        if BREAKOUT_END_TAGS.iter().any(|t| is(name, t)) {
            self.pop_to_integration_point();
            return Some(());
        }
        let at = *self.open.get(&name.to_ascii_lowercase())?.last()?;
        while self.stack.len() > at {
            self.pop();
        }
        Some(())
    }

    fn push(&mut self, name: &[u8], namespace: Namespace) {
        let name = name.to_ascii_lowercase();
        let point = match namespace {
            Namespace::Svg if SVG_HTML_INTEGRATION_POINTS.contains(&name.as_slice()) => Point::Html,
            Namespace::MathMl if MATHML_TEXT_INTEGRATION_POINTS.contains(&name.as_slice()) => {
                Point::MathMlText
            }
            Namespace::MathMl if name == b"annotation-xml" => Point::AnnotationXml,
            _ => Point::Foreign,
        };
        self.open
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        self.stack.push(Frame {
            name,
            namespace,
            point,
        });
    }

    fn pop(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if let Some(at) = self.open.get_mut(&frame.name) {
            at.pop();
            if at.is_empty() {
                self.open.remove(&frame.name);
            }
        }
    }

    /// Closes foreign elements until an integration point (or HTML) is current.
    fn pop_to_integration_point(&mut self) {
        while self
            .stack
            .last()
            .is_some_and(|top| !top.is_integration_point())
        {
            self.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ego_tree::iter::Edge;
    use scraper::{Html, Node};

    /// Attributes of the first `<b>` of `html` once parsed.
    fn b_attributes(html: &str) -> usize {
        let dom = Html::parse_document(html);
        dom.tree
            .nodes()
            .find_map(|n| {
                n.value()
                    .as_element()
                    .filter(|e| e.name() == "b")
                    .map(|e| e.attrs().count())
            })
            .unwrap_or(0)
    }

    #[test]
    fn tags_keep_at_most_the_capped_number_of_attributes() {
        let attributes: String = (0..300).map(|i| format!(" a{i}='v>'")).collect();
        // On the prefilter's own scan (the attributes of <b> are all kept).
        let html = format!("<p>x<b{attributes}/>bold</b></p>");
        let filtered = prefilter(&html);
        assert_eq!(b_attributes(&filtered), MAX_TAG_ATTRIBUTES);
        assert!(filtered.contains("a255='v>' />bold"), "{filtered}");
        // After the scan stopped (a stray end tag in SVG).
        let html = format!("<svg></p><b{attributes}>bold</b></svg>");
        let filtered = prefilter(&html);
        assert!(filtered.contains("a255='v>' >bold"), "{filtered}");
        assert!(!filtered.contains("a256"));
        // In a tag that never ends.
        let html = format!("<p>x</p><b{attributes}");
        assert!(!prefilter(&html).contains("a256"));
        // Few attributes: nothing changes.
        assert_eq!(prefilter("<b a=1 b=2>x</b>"), "<b a=1 b=2>x</b>");
    }

    /// `html` less script and style bodies only (the rules the first tests check).
    fn strip(html: &str) -> String {
        prefilter_with(html, Removals::NONE).into_owned()
    }

    /// `html` through the whole prefilter.
    fn filter(html: &str) -> String {
        prefilter(html).into_owned()
    }

    /// The parse of `html` as a list of events, leaving out the text of the
    /// elements whose bodies the prefilter may remove.
    fn dom(html: &str) -> Vec<String> {
        events(html, false)
    }

    /// [`dom`] less what the whole prefilter may remove besides: comment
    /// text, and the attributes it does not keep (all of them inside SVG and
    /// MathML, which the walk never reads, whatever the tree builder made
    /// of a tag there); and the order of characters within runs of
    /// whitespace, which moving line feeds changes.
    fn seen(html: &str) -> Vec<String> {
        events(html, true)
    }

    /// `text` with the characters of each run of whitespace in one order.
    fn whitespace_runs_sorted(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut run: Vec<char> = Vec::new();
        for c in text.chars().chain(std::iter::once('x')) {
            if c.is_ascii_whitespace() {
                run.push(c);
                continue;
            }
            run.sort_unstable();
            out.extend(run.drain(..));
            out.push(c);
        }
        out.pop();
        out
    }

    #[test]
    fn leading_line_feeds_move_behind_the_space_after_them() {
        assert_eq!(
            filter("<div>\n  <p>a</p>\n\t<p>b\n c</p>\n</div>\n\n\n x<p>"),
            "<div> \n <p>a</p>\t\n<p>b\n c</p>\n</div> \n\n\nx<p>"
        );
        // Not in SVG, nor after a `pre`, `listing` or `textarea` anywhere.
        assert_eq!(
            filter("<svg>\n <g/></svg>\n x<p>"),
            "<svg>\n <g/></svg> \nx<p>"
        );
        for tag in ["pre", "listing", "textarea"] {
            let html = format!("<p>\n a</p><{tag}>\n x</{tag}><p>\n b</p>");
            let expected = format!("<p> \na</p><{tag}>\n x</{tag}><p>\n b</p>");
            assert_eq!(filter(&html), expected);
        }
    }

    fn events(html: &str, whole: bool) -> Vec<String> {
        let doc = Html::parse_document(html);
        let mut events = Vec::new();
        // Per open element: whether it is foreign or inside foreign content.
        let mut foreign: Vec<bool> = Vec::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        let inside = foreign.last().copied().unwrap_or(false)
                            || e.name.ns != html5ever::ns!(html);
                        foreign.push(inside);
                        let first = |name: &[u8]| {
                            e.attr(std::str::from_utf8(name).ok()?).map(str::as_bytes)
                        };
                        let keep =
                            match Keep::for_start_tag(e.name().as_bytes(), Rules::Html, first).0 {
                                _ if !whole => Keep::All,
                                _ if inside => Keep::Nothing,
                                keep => keep,
                            };
                        let attrs: Vec<_> = e
                            .attrs()
                            .filter(|(n, _)| keep.keeps(n.as_bytes()))
                            .collect();
                        events.push(format!("<{:?} {attrs:?}>", e.name));
                    }
                    Node::Text(text) => {
                        let strippable = node
                            .parent()
                            .and_then(|p| p.value().as_element())
                            .is_some_and(|e| {
                                e.name() == "style"
                                    || (e.name() == "script"
                                        && !e.attr("type").is_some_and(|t| {
                                            t.trim().eq_ignore_ascii_case(JSON_LD_TYPE)
                                        }))
                            });
                        if !strippable {
                            let text = if whole {
                                whitespace_runs_sorted(text)
                            } else {
                                text.to_string()
                            };
                            events.push(format!("text {text:?}"));
                        }
                    }
                    Node::Comment(_) if whole => events.push("comment".to_string()),
                    other => events.push(format!("{other:?}")),
                },
                Edge::Close(node) => {
                    if node.value().is_element() {
                        foreign.pop();
                        events.push("</>".to_string());
                    }
                }
            }
        }
        events
    }

    /// What the walk makes of `html` (no prefilter), collecting what
    /// `collect` says.
    fn walked_collecting(html: &str, collect: Collect) -> String {
        let doc = crate::document::html::parse_unfiltered_with(html, collect);
        format!("{:?}\n{:?}\n{:?}", doc.blocks, doc.nodes, doc.meta)
    }

    /// What the walk makes of `html` (no prefilter).
    fn walked(html: &str) -> String {
        walked_collecting(html, COLLECT_ALL)
    }

    /// Links and images.
    const COLLECT_ALL: Collect = Collect {
        links: true,
        images: true,
    };
    /// Links only.
    const COLLECT_LINKS: Collect = Collect {
        links: true,
        images: false,
    };
    /// What a walk may collect, every way.
    const COLLECT_EVERY_WAY: [Collect; 4] = [
        COLLECT_ALL,
        COLLECT_LINKS,
        Collect {
            links: false,
            images: true,
        },
        Collect {
            links: false,
            images: false,
        },
    ];

    /// Asserts that the whole prefilter leaves what the walk reads of `html`
    /// as the script-and-style rules alone leave it (the parse, less what
    /// it may remove, and the walk itself).
    fn same_for_the_walk(html: &str) {
        let (out, reference) = (filter(html), strip(html));
        assert_eq!(seen(html), seen(&out), "parsing {html:?} and {out:?}");
        assert_eq!(
            walked(&reference),
            walked(&out),
            "walking {reference:?} and {out:?}"
        );
        // Without images collected, the image attributes go too; without
        // links, the link targets get short names.
        for collect in COLLECT_EVERY_WAY {
            let out = prefilter_for(html, collect).into_owned();
            assert_eq!(
                walked_collecting(&reference, collect),
                walked_collecting(&out, collect),
                "walking {reference:?} and {out:?} collecting {collect:?}"
            );
        }
    }

    /// Asserts that `html` filters to `expected` and parses the same either
    /// way, under the script and style rules alone.
    fn check(html: &str, expected: &str) {
        let out = strip(html);
        assert_eq!(out, expected, "filtering {html:?}");
        assert_eq!(dom(html), dom(&out), "parsing {html:?} and {out:?}");
    }

    /// Asserts that the whole prefilter turns `html` into `expected`, which
    /// the walk reads as it reads `html`.
    fn filters(html: &str, expected: &str) {
        assert_eq!(filter(html), expected, "filtering {html:?}");
        same_for_the_walk(html);
    }

    /// Asserts that `html` is left as it is.
    fn unchanged(html: &str) {
        check(html, html);
    }

    #[test]
    fn script_and_style_bodies_go_and_their_tags_stay() {
        check(
            "<p>a</p><script>var x = 1 < 2;</script><p>b</p><style>p > a { }</style>",
            "<p>a</p><script></script><p>b</p><style></style>",
        );
        check(
            r#"<head><script src="x.js" async></script><script type="module">import "y"</script></head>"#,
            r#"<head><script src="x.js" async></script><script type="module"></script></head>"#,
        );
    }

    #[test]
    fn tag_names_are_case_insensitive() {
        check("<SCRIPT>a()</SCRIPT>x", "<SCRIPT></SCRIPT>x");
        check("<Style>b{}</sTyLe>x", "<Style></sTyLe>x");
    }

    #[test]
    fn end_tags_may_have_space_slash_or_attributes() {
        check("<script>a()</script >x", "<script></script >x");
        check("<script>a()</script/>x", "<script></script/>x");
        check("<script>a()</script\n>x", "<script></script\n>x");
        check(
            "<script>a()</script foo='>'>x",
            "<script></script foo='>'>x",
        );
        check("<style>a{}</style\t>x", "<style></style\t>x");
    }

    #[test]
    fn longer_names_do_not_end_the_body() {
        check(
            "<script>a('</scripts>'); b('</scrip>')</script>x",
            "<script></script>x",
        );
        check("<style>a{}</styles>b{}</style>x", "<style></style>x");
    }

    #[test]
    fn json_ld_is_kept() {
        unchanged(r#"<script type="application/ld+json">{"a": "<b>"}</script>"#);
        unchanged("<script type=' Application/LD+JSON '>{}</script><p>x</p>");
        unchanged("<script TYPE=application/ld+json>{}</script>");
        // Only the first `type` counts, as in the tokenizer.
        check(
            r#"<script type="text/javascript" type="application/ld+json">a</script>"#,
            r#"<script type="text/javascript" type="application/ld+json"></script>"#,
        );
        // A character reference might spell the type: kept to be safe.
        unchanged(r#"<script type="application/ld&#43;json">{}</script>"#);
    }

    #[test]
    fn comments_are_not_markup() {
        unchanged("<!-- <script> -->x<p>y</p>");
        unchanged("<!-- a -- b --!><script x>");
        check("<!--><script>a</script>", "<!--><script></script>");
        check("<!---><script>a</script>", "<!---><script></script>");
        check("<!-- --!><script>a</script>", "<!-- --!><script></script>");
        check(
            "<!-- -- ><script>a</script>--><script>b</script>",
            "<!-- -- ><script>a</script>--><script></script>",
        );
        check(
            "<!--<!-- x --><script>a</script>",
            "<!--<!-- x --><script></script>",
        );
    }

    #[test]
    fn doctypes_bogus_comments_and_processing_instructions_are_not_markup() {
        check(
            "<!DOCTYPE html><? <script> ?><! <script> ><script>a</script>",
            "<!DOCTYPE html><? <script> ?><! <script> ><script></script>",
        );
        check(
            "</ <script>><script>a</script>",
            "</ <script>><script></script>",
        );
        check(
            "<![CDATA[<script>]]>a</script>",
            "<![CDATA[<script>]]>a</script>",
        );
    }

    #[test]
    fn attribute_values_are_not_markup() {
        unchanged(r#"<a title="<script>">x</a><p>y</p>"#);
        unchanged("<a title='x > <script>'>x</a>");
        check(
            r#"<a title="a>b" href=/x>c</a><script>d</script>"#,
            r#"<a title="a>b" href=/x>c</a><script></script>"#,
        );
        check(
            "<p <script>>a</p><script>b</script>",
            "<p <script>>a</p><script></script>",
        );
    }

    #[test]
    fn rcdata_and_rawtext_contents_are_not_markup() {
        for tag in [
            "title", "textarea", "noscript", "xmp", "iframe", "noembed", "noframes",
        ] {
            let html = format!("<{tag}><script>a</script></{tag}><p>x</p><script>b</script>");
            let expected = format!("<{tag}><script>a</script></{tag}><p>x</p><script></script>");
            check(&html, &expected);
        }
        check(
            "<title>a</titles></title><script>b</script>",
            "<title>a</titles></title><script></script>",
        );
    }

    #[test]
    fn escaped_script_data_ends_at_the_script_end_tag() {
        // `<!--` escapes, but `</script>` still ends the element.
        check(
            "<script><!-- a </script>--><p>x</p>",
            "<script></script>--><p>x</p>",
        );
        // `<!-- <script>` double-escapes: `</script>` only unescapes.
        check(
            "<script><!--<script></script>--></script><p>x</p>",
            "<script></script><p>x</p>",
        );
        check(
            "<script><!-- document.write('<script src=x></script>'); --></script><p>x</p>",
            "<script></script><p>x</p>",
        );
        // `-->` returns to plain script data, where `<script` means nothing.
        check(
            "<script><!-- a --> <script> </script><p>x</p>",
            "<script></script><p>x</p>",
        );
        // Double-escaped until `-->`, then the next end tag ends it.
        check(
            "<script><!--<script>a</script>b</script>--></script>x</script>",
            "<script></script>--></script>x</script>",
        );
        check("<script><!--<SCRIPT>--></script>x", "<script></script>x");
        // `<scripts` does not double-escape; `<!-->` does not escape.
        check("<script><!--<scripts></script>x", "<script></script>x");
        check("<script><!--><script></script>x", "<script></script>x");
    }

    #[test]
    fn unterminated_constructs() {
        check("<p>a</p><script>b()", "<p>a</p><script>");
        check("<style>p{}</sty", "<style>");
        check("<script><!--<script></script>", "<script>");
        unchanged("<p>a<!-- <script>b</script>");
        unchanged("<p>a<a href='<script>b</script>");
        unchanged("<p>a<script");
        unchanged("<p>a<script src=x");
        unchanged("<title><script>a</script>");
        unchanged("<script type=application/ld+json>{");
        unchanged("<p>a</");
        unchanged("<p>a<");
        unchanged("<!");
        unchanged("<!-");
        check("<script>a</script", "<script>");
        check("<script>a</script x='>", "<script></script x='>");
    }

    #[test]
    fn plaintext_ends_markup() {
        unchanged("<p>a<plaintext><script>b</script>");
    }

    #[test]
    fn empty_and_non_ascii_input() {
        assert!(matches!(prefilter(""), Cow::Borrowed("")));
        assert!(matches!(prefilter("<p>x</p>"), Cow::Borrowed(_)));
        check(
            "<p>Grüße — 日本</p><script>var s = 'ünï</scrîpt>';</script><p>🎉</p>",
            "<p>Grüße — 日本</p><script></script><p>🎉</p>",
        );
        check("<script>é</script>ü", "<script></script>ü");
    }

    #[test]
    fn foreign_scripts_and_styles_lose_only_plain_text() {
        check(
            "<svg><style>.a{fill:red}</style><path/></svg><style>x</style>",
            "<svg><style></style><path/></svg><style></style>",
        );
        // Self-closing in foreign content: no body at all.
        unchanged("<svg><style/><script/></svg><p>x</p>");
        // Markup inside: parsed as elements there, so kept.
        unchanged("<svg><style><![CDATA[ a > b ]]></style></svg>");
        unchanged("<svg><script><![CDATA[ if (a</script>b) {} ]]></script></svg><p>x</p>");
        // `<title>` in SVG is not RCDATA: a comment there hides `</title>`.
        check(
            "<svg><title>a<!-- </title> --></title></svg><script>b</script>",
            "<svg><title>a<!-- </title> --></title></svg><script></script>",
        );
        // HTML inside an integration point, or an end tag closing no foreign
        // element, leaves what is open unknown: filtering stops.
        unchanged("<svg><title><b>x</b></title></svg><script>a</script>");
        unchanged("<span><svg></span><style/>a</style>");
        // An HTML integration point holds HTML again.
        check(
            "<svg><foreignObject><script>a<b</script></foreignObject></svg>",
            "<svg><foreignObject><script></script></foreignObject></svg>",
        );
        // A breakout tag leaves foreign content.
        check(
            "<math><mi>x</mi><p>y</p><style>z</style>",
            "<math><mi>x</mi><p>y</p><style></style>",
        );
        check("<svg/><style>a</style>", "<svg/><style></style>");
        check(
            "<svg><desc><svg><style/></svg></desc><style>x<y</style></svg><style>z</style>",
            "<svg><desc><svg><style/></svg></desc><style>x<y</style></svg><style></style>",
        );
    }

    #[test]
    fn unread_attributes_go_with_their_whitespace() {
        filters(
            r#"<div class="a" data-x="1" id=b onclick='f()'>x</div>"#,
            r#"<div class="a" id=b>x</div>"#,
        );
        // The last one takes the whitespace before it.
        filters(
            r#"<p id=a data-x="1">x</p><p data-y>y</p>"#,
            r#"<p id=a>x</p><p>y</p>"#,
        );
        filters(
            "<p\n\tdata-x=1\n\tclass=c\n\tdata-y=2\n>x</p>",
            "<p\n\tclass=c>x</p>",
        );
        // Everything the walk reads stays, in any case.
        filters(
            r#"<A HREF="/x" TARGET=_blank REL=author>x</A><IMG SRC=a.png SRCSET="a 1x" ALT=A>"#,
            r#"<A HREF="/x" REL=author>x</A><IMG SRC=a.png ALT=A>"#,
        );
        filters(
            r#"<html lang=de xml:lang=de data-theme=x><time datetime=2020 title=t>x</time>"#,
            r#"<html lang=de xml:lang=de><time datetime=2020>x</time>"#,
        );
        // `>` inside a quoted value, and values quoted either way.
        filters(
            r#"<p title="a>b" class=c data-q='x"y>'>z</p>"#,
            r#"<p class=c>z</p>"#,
        );
        // Attributes without values, and duplicates (the first stays the one
        // that counts).
        filters(
            "<p hidden data-a data-b=1 class=x class=y>z</p><p data-c hidden>w</p>",
            "<p hidden class=x class=y>z</p><p hidden>w</p>",
        );
    }

    #[test]
    fn attributes_stay_where_their_removal_would_join_the_tag_differently() {
        // Before a name starting with `=`: after a value-less attribute it
        // would become its value.
        filters("<p class data-x=1 =y>z</p>", "<p class data-x=1>z</p>");
        filters(
            "<p class data-x=1 =y id=i>z</p>",
            "<p class data-x=1 id=i>z</p>",
        );
        // A `/` that would come to stand before `>` would self-close the tag.
        filters("<svg/data-x=1><p>a</p>", "<svg/data-x=1><p>a</p>");
        filters(r#"<p class="a"/data-x=1>b"#, r#"<p class="a"/data-x=1>b"#);
        // (An unquoted value takes the `/` in.)
        filters("<svg class=a/data-x=1>b", "<svg>b");
        filters("<p/ data-x=1>z</p>", "<p/ >z</p>");
        // An unquoted value ending in `/` keeps the space that ends it.
        filters("<a href=/x/ data-x=1>y</a>", "<a href=/x/ >y</a>");
        // `/` elsewhere.
        filters("<img src=x data-x='1'/>", "<img src=x />");
        filters("<img src='x' data-x='1'/>", "<img src='x'/>");
        filters("<img src=x data-x=1/>", "<img src=x>");
        filters("<p/data-x=1 class=c>z</p>", "<p/class=c>z</p>");
        filters("<br data-x=1 / >", "<br/ >");
        filters(r#"<p class="c"data-x=1>z</p>"#, r#"<p class="c">z</p>"#);
        filters(r#"<p data-x="1"class=c>z</p>"#, r#"<p class=c>z</p>"#);
    }

    #[test]
    fn attributes_by_element() {
        // All stay on a `<meta>` the walk keeps (one whose key decides
        // nothing here too), `<template>` and formatting elements.
        for html in [
            r#"<meta property=og:title content=T data-x=1>"#,
            r#"<meta NAME=" Author " name=x content=A>"#,
            r#"<meta name="descr&#105;ption" data-x=1>"#,
            r#"<template shadowrootmode=open data-x=1>a</template>"#,
            r#"<b data-x=1>a</b><font data-x=1 color=red>b</font>"#,
        ] {
            filters(html, html);
        }
        // None on the other `<meta>`s (another key, no content, no key) and
        // on `<link>`s that are not canonical; a canonical one keeps what the
        // walk reads.
        filters(
            r#"<meta name=viewport content=w><meta property=og:title data-x=1><meta charset=utf-8 http-equiv=x>"#,
            "<meta><meta><meta>",
        );
        filters(
            r#"<link rel=stylesheet href=/s.css><link rel="alternate Canonical" href=/a data-x=1>"#,
            r#"<link><link rel="alternate Canonical" href=/a>"#,
        );
        // A script's `type` only where it says JSON-LD.
        filters(
            r#"<script type="text/javascript" async>x()</script><script type=" application/LD+json " id=j>{}</script>"#,
            r#"<script></script><script type=" application/LD+json ">{}</script>"#,
        );
        // Only the image attributes on `<img>`, and none without images.
        let img = r#"<p>a<img class=c src=a.png id=i alt=A width=1>b</p>"#;
        filters(img, r#"<p>a<img src=a.png alt=A>b</p>"#);
        assert_eq!(prefilter_for(img, COLLECT_LINKS), "<p>a<img>b</p>");
        // Only `type` on elements the walk skips unread.
        filters(
            r#"<input type=hidden class=c name=q><svg viewBox="0 0 1 1" class=i><path d="M0 0"/></svg>"#,
            r#"<input type=hidden><svg><path/></svg>"#,
        );
        // End tags lose all of theirs.
        filters("<p>a</p class=x data-y>b</div\tid=z>", "<p>a</p>b</div>");
        // Inside foreign content, only `type` (and all of them on `<font>`,
        // which leaves it with `color`, `face` or `size`).
        filters(
            r#"<math><mi mathvariant=bold>x</mi></math><svg><g fill=red><font size=1>y</font></g></svg>"#,
            r#"<math><mi>x</mi></math><svg><g><font size=1>y</font></g></svg>"#,
        );
        filters(
            r#"<svg><style type="text/css" media=x>a</style></svg>"#,
            r#"<svg><style type="text/css"></style></svg>"#,
        );
    }

    /// Links holding eight blocks each, never closed: each `<a>` leaves a
    /// copy of the one before on the list of active formatting elements.
    fn misnested_links(dropped: bool) -> String {
        let mut html = String::new();
        for i in 0..6 {
            if dropped {
                html.push_str("<a href=h>");
            } else {
                html.push_str(&format!("<a href=h data-i={i}>"));
            }
            html.push_str(&"<div>".repeat(8));
            html.push_str(&format!("t{i}"));
        }
        html.push_str(&"</div>".repeat(60));
        html.push_str("end");
        html
    }

    #[test]
    fn link_attributes_stay_where_the_noahs_ark_clause_would_see_the_difference() {
        // Without `data-i`, the copies compare equal, so the clause drops
        // some and fewer links are reconstructed around "end".
        assert_ne!(
            walked(&misnested_links(false)),
            walked(&misnested_links(true))
        );
        let html = misnested_links(false);
        assert_eq!(filter(&html), html);
        same_for_the_walk(&html);
        // Written alike, they compare equal either way: the attributes go.
        let alike = misnested_links(false)
            .split("data-i=")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part.to_string()
                } else {
                    format!("data-i=0{}", &part[1..])
                }
            })
            .collect::<String>();
        assert_eq!(filter(&alike), misnested_links(true));
        same_for_the_walk(&alike);
        // Three equal links are below the clause's count.
        let three = "<a href=h data-i=1>a</a><a href=h data-i=2>b</a><a href=h data-i=3>c</a>";
        filters(three, "<a href=h>a</a><a href=h>b</a><a href=h>c</a>");
        // Character references are compared decoded.
        let refs = "<a href='?a&amp;b' x=1>a</a><a href='?a&b' x=2>b</a>\
                    <a href='?a&#38;b' x=3>c</a><a href='?a&#x26;b' x=4>d</a>";
        assert_eq!(filter(refs), refs);
        // Links left unread (after a stop) might be equal to any.
        let stopped = "<a href=h data-i=1>a</a><span><svg></span><a href=h>b</a>";
        assert_eq!(filter(stopped), stopped);
    }

    #[test]
    fn link_targets_get_short_names_when_links_are_not_collected() {
        const OFF: Collect = Collect {
            links: false,
            images: false,
        };
        // One name per target; targets holding a `#`, and empty ones, stay.
        let html = r##"<p><a href="/a/long/path" class=c>a</a> <a href='/b'>b</a> <a href=/a/long/path>c</a><sup><a href="#fn1">1</a></sup> <a href="https://x.example/p#note-2">n</a> <a href="">e</a></p>"##;
        assert_eq!(
            prefilter_for(html, OFF),
            r##"<p><a href="0" class=c>a</a> <a href='1'>b</a> <a href=0>c</a><sup><a href="#fn1">1</a></sup> <a href="https://x.example/p#note-2">n</a> <a href="">e</a></p>"##
        );
        same_for_the_walk(html);
        // A walk that collects links reads them whole.
        assert_eq!(prefilter_for(html, COLLECT_LINKS), html);
        // Targets compare decoded; the first `href` of a tag is its target;
        // a `#` written as a character reference stays too.
        let refs = "<a href='?a&amp;b'>a</a><a href='?a&b' href=/x>b</a><a href='&#35;fn1'>c</a>";
        assert_eq!(
            prefilter_for(refs, OFF),
            "<a href='0'>a</a><a href='0' href=/x>b</a><a href='&#35;fn1'>c</a>"
        );
        same_for_the_walk(refs);
        // Every `<a>` is named alike or none is: not where a target is not
        // decoded here, an `<a>` keeps all its attributes, or markup is left
        // unread.
        for page in [
            "<a href=/a>a</a><a href='&#0;'>b</a>",
            "<a href=/a>a</a><a href=/a data-x=1 b\0=2>b</a>",
            "<a href=/a>a</a><span><svg></span><a href=/a>b</a>",
        ] {
            assert_eq!(prefilter_for(page, OFF), page);
            same_for_the_walk(page);
        }
        // Names count on in hex.
        let many: String = (0..18).map(|i| format!("<a href=/p{i}>x</a>")).collect();
        let named: String = (0..18).map(|i| format!("<a href={i:x}>x</a>")).collect();
        assert_eq!(prefilter_for(&many, OFF), named);
        same_for_the_walk(&many);
        let mut out = String::new();
        for name in [0, 15, 16, u32::MAX] {
            push_hex(&mut out, name);
            out.push(' ');
        }
        assert_eq!(out, "0 f 10 ffffffff ");
    }

    #[test]
    fn attribute_values_decode_as_the_tokenizer_decodes_them() {
        const PIECES: &[&str] = &[
            "&amp;",
            "&amp",
            "&ampx",
            "&amp=",
            "&AMP;",
            "&lt;",
            "&not",
            "&notin;",
            "&noti",
            "&notit;",
            "&copy",
            "&copy=",
            "&copy3",
            "&#38;",
            "&#x26;",
            "&#X41;",
            "&#65",
            "&#;",
            "&#x;",
            "&#0;",
            "&#128;",
            "&#x110000;",
            "&#xD800;",
            "&#9;",
            "&;",
            "&",
            "&foo;",
            "&NotNestedGreaterGreater;",
            "&nbsp;",
            "&b=2",
            "a",
            "=",
            ";",
            "#",
            "x",
            "1",
            " ",
            "é",
            "\0",
            "\r\n",
        ];
        let mut rng = XorShift(0x5DEE_CE66_D1CE_4E5B);
        let mut decoded = Vec::new();
        for _ in 0..RANDOM_DOCUMENTS {
            let len = rng.below(6);
            let value: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            for html in [format!("<a x=\"{value}\">"), format!("<a x='{value}'>")] {
                let doc = Html::parse_document(&html);
                let Some(a) = doc
                    .root_element()
                    .descendent_elements()
                    .find(|e| e.value().name() == "a")
                else {
                    continue;
                };
                if decode_value(value.as_bytes(), &mut decoded) {
                    assert_eq!(
                        a.value().attr("x").map(str::as_bytes),
                        Some(&decoded[..]),
                        "decoding {value:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn comment_text_goes_and_the_comment_stays() {
        filters("a<!-- x -->b", "a<!---->b");
        filters("a<!-- x --!>b", "a<!----!>b");
        filters("a<!-- x --->b", "a<!---->b");
        filters("a<!---x-->b", "a<!---->b");
        filters("a<!-- -- x --!-->b", "a<!---->b");
        filters("a<!-- <!-- x -->b", "a<!---->b");
        for abrupt in ["a<!-->b", "a<!--->b", "a<!---->b"] {
            filters(abrupt, abrupt);
        }
        filters("a<!-- x", "a<!--");
        filters("<!--<script>x</script>--><p>y</p>", "<!----><p>y</p>");
        // Bogus comments and processing instructions.
        filters("a<?xml version='1.0'?>b<! x >c<!-x>d", "a<?>b<!>c<!>d");
        filters("a</ x>b</1>c</é>d", "a</ >b</1>c</é>d");
        filters("a<? x", "a<?");
        filters("<p>a<![CDATA[x]]>b</p>", "<p>a<!>b</p>");
        // Doctypes decide the quirks mode: they stay.
        for doctype in [
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><table><p>x",
            "<!doctypehtml><p>x",
        ] {
            filters(doctype, doctype);
        }
        // In foreign content, CDATA is text.
        filters(
            "<svg><![CDATA[a<!--b-->]]></svg>",
            "<svg><![CDATA[a<!--b-->]]></svg>",
        );
    }

    #[test]
    fn a_frameset_stops_filtering() {
        let html =
            "<p data-x=1>a</p><frameset><svg><noframes hidden data-y=1><p data-z>b</noframes>";
        filters(html, &html.replacen(" data-x=1", "", 1));
    }

    #[test]
    fn deep_nesting_and_huge_inputs_are_linear() {
        let run = "<script>a<b</script><!--<script>-->";
        let html = run.repeat(10 * 1024 * 1024 / run.len());
        let out = strip(&html);
        assert_eq!(out.len(), html.len() - html.len() / run.len() * 3);
        let deep = format!("{}{}", "<svg><g>".repeat(100_000), "</x>".repeat(100_000));
        assert_eq!(strip(&deep), deep);
        let attrs = format!("<p{}>", " a=1".repeat(1_000_000));
        // Past the cap, attributes go whatever the removals.
        let capped = format!("<p{} >", " a=1".repeat(MAX_TAG_ATTRIBUTES));
        assert!(strip(&attrs) == capped, "attributes past the cap stay");
        let dashes = format!("<!--{}", "-!".repeat(1_000_000));
        assert_eq!(strip(&dashes), dashes);
        // The whole prefilter.
        let out = filter(&html);
        assert_eq!(out.len(), html.len() - html.len() / run.len() * 11);
        assert_eq!(filter(&deep), deep);
        assert_eq!(filter(&attrs), "<p >");
        assert_eq!(filter(&dashes), "<!--");
        let link_attrs = format!("<a{}>", " a=1".repeat(1_000_000));
        let capped = format!("<a{} >", " a=1".repeat(MAX_TAG_ATTRIBUTES));
        assert!(
            filter(&link_attrs) == capped,
            "link attributes past the cap stay"
        );
        let links: String = (0..200_000)
            .map(|i| format!("<a href=h data-i={}>", i % 7))
            .collect();
        // (Equal but for what goes: they keep it.)
        assert_eq!(filter(&links), links);
        let distinct: String = (0..200_000)
            .map(|i| format!("<a href={i} data-i={i}>"))
            .collect();
        let expected: String = (0..200_000).map(|i| format!("<a href={i}>")).collect();
        assert_eq!(filter(&distinct), expected);
    }

    /// A tiny deterministic generator, so the random-markup tests need no crate.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Random documents of up to `max_pieces` of `pieces` parse the same
    /// filtered and unfiltered, and walk the same under the whole prefilter
    /// as under the script and style rules alone.
    fn random_documents_parse_the_same(pieces: &[&str], max_pieces: usize, seed: u64) {
        let mut rng = XorShift(seed);
        for _ in 0..RANDOM_DOCUMENTS {
            let len = rng.below(max_pieces);
            let html: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
            let out = strip(&html);
            assert_eq!(dom(&html), dom(&out), "parsing {html:?} and {out:?}");
            same_for_the_walk(&html);
        }
    }

    /// Documents per random-markup test (millions ran clean while writing this).
    const RANDOM_DOCUMENTS: usize = 10_000;

    #[test]
    fn random_markup_parses_the_same() {
        const PIECES: &[&str] = &[
            "<script>",
            "</script>",
            "<SCRIPT type=application/ld+json>",
            "<script/>",
            "</script ",
            "</SCRIPT>",
            "<scripts>",
            "</scripts>",
            "<script><!--",
            "<!--<script>",
            "<style>",
            "</style>",
            "<style/>",
            "<!--",
            "-->",
            "--!>",
            "<!-->",
            "-",
            "<!",
            "<",
            ">",
            "</",
            "/",
            "=",
            "\"",
            "'",
            "&",
            " ",
            "\n",
            "\r",
            "\0",
            "x",
            "é",
            "<title>",
            "</title>",
            "<title/>",
            "<textarea>",
            "</textarea>",
            "<textarea/>",
            "<noscript>",
            "</noscript>",
            "<noscript/>",
            "<xmp>",
            "</xmp>",
            "<iframe>",
            "</iframe>",
            "<noembed>",
            "<noframes>",
            "<plaintext>",
            "<svg>",
            "</svg>",
            "<svg/>",
            "<math>",
            "</math>",
            "<foreignObject>",
            "</foreignObject>",
            "<desc>",
            "</desc>",
            "<mi>",
            "</mi>",
            "<mtext>",
            "<mglyph>",
            "<malignmark>",
            "<annotation-xml>",
            "<annotation-xml encoding=text/html>",
            "</annotation-xml>",
            "<g>",
            "</g>",
            "</g >",
            "<g/>",
            "<svg><script>",
            "<svg><style>",
            "<svg><desc>",
            "<svg><title>",
            "<math><mi>",
            "<p>",
            "</p>",
            "<br>",
            "</br>",
            "<b>",
            "<font color=red>",
            "<font>",
            "</font>",
            "<![CDATA[",
            "]]>",
            "<a title='<script>'>",
            "<a href=\"x>y\">",
            "<a>",
            "</a>",
            "<?x",
            "<!DOCTYPE html>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "<caption>",
            "<select>",
            "<option>",
            "</select>",
            "<template>",
            "</template>",
            "<html>",
            "</html>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "<div>",
            "</div>",
            "<span>",
            "</span>",
            "<li>",
            "</li>",
            "<x-y>",
        ];
        random_documents_parse_the_same(PIECES, 40, 0x9E37_79B9_7F4A_7C15);
    }

    #[test]
    fn random_attributes_and_comments_walk_the_same() {
        const PIECES: &[&str] = &[
            "<div",
            "<a",
            "<A",
            "<p",
            "<span",
            "<sup",
            "<b",
            "<font",
            "<nobr",
            "<img",
            "<input",
            "<meta",
            "<template",
            "<table",
            "<tr",
            "<td",
            "<html",
            "<body",
            "<svg",
            "<math",
            "<mi",
            "<g",
            "<select",
            "<option",
            "<time",
            "<script",
            "<style",
            "</a",
            "</div",
            "</p",
            "</svg",
            "</b",
            " class=x",
            " class=byline",
            " CLASS=author",
            " id=i",
            " data-x=1",
            " data-x=\"a>b\"",
            " data-y='1'",
            " href=h",
            " href=#fn1",
            " role=doc-noteref",
            " hidden",
            " style=display:none",
            " style='color:red'",
            " aria-hidden=true",
            " type=hidden",
            " type=application/ld+json",
            " color=red",
            " title=t",
            " datetime=d",
            " lang=de",
            " src=s.png",
            " SRC='x y'",
            " alt=\"An image\"",
            " data-src=d",
            " data-original=o",
            " =x",
            " x",
            " ",
            "\n",
            "/",
            ">",
            "/>",
            "=",
            "\"",
            "'",
            "x",
            "1",
            "&amp;",
            "&",
            "<!--",
            "-->",
            "--!>",
            "-",
            "<!-->",
            "<?x",
            "<!x",
            "</ x",
            "<![CDATA[",
            "]]>",
            "<!DOCTYPE html>",
            "text",
            "<br>",
            "</table>",
            "<pre",
            "<listing",
            "<textarea",
            "</textarea>",
            "\n ",
            "\n\t",
            ">\n  ",
        ];
        random_documents_parse_the_same(PIECES, 40, 0x1F83_D9AB_FB41_BD6B);
    }

    #[test]
    fn random_foreign_content_parses_the_same() {
        const PIECES: &[&str] = &[
            "<svg>",
            "</svg>",
            "<svg/>",
            "<math>",
            "</math>",
            "<g>",
            "</g>",
            "<path/>",
            "<foreignObject>",
            "</foreignObject>",
            "<desc>",
            "</desc>",
            "<title>",
            "</title>",
            "<title/>",
            "<mi>",
            "</mi>",
            "<mtext>",
            "<mglyph>",
            "<malignmark>",
            "<annotation-xml>",
            "</annotation-xml>",
            "<style>",
            "</style>",
            "<style/>",
            "<script>",
            "</script>",
            "<script/>",
            "<svg><style>a</style>",
            "<div>",
            "</div>",
            "<span>",
            "</span>",
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<br>",
            "</br>",
            "<font size=1>",
            "<form>",
            "</form>",
            "<table>",
            "<td>",
            "</td>",
            "<li>",
            "<a>",
            "</a>",
            "<select>",
            "</select>",
            "<option>",
            "<template>",
            "</template>",
            "<![CDATA[",
            "]]>",
            "x",
            "<",
            "<!--",
            "-->",
            "<textarea>",
            "</textarea>",
            "<iframe>",
            "<plaintext>",
            "<noscript>",
            "</noscript>",
            "<svg><foreignObject><div>",
            "</div></foreignObject>",
        ];
        random_documents_parse_the_same(PIECES, 40, 0x2545_F491_4F6C_DD1D);
    }

    /// The benchmark pages (`$UNCHROME_BENCH`, by default `/work/shared/bench`:
    /// `scrapinghub/html/*.html` and `readability-dev/*/source.html`), sorted.
    fn benchmark_pages() -> Vec<std::path::PathBuf> {
        let root = std::path::PathBuf::from(
            std::env::var("UNCHROME_BENCH").unwrap_or_else(|_| "/work/shared/bench".into()),
        );
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(root.join("scrapinghub/html")).expect("scrapinghub pages") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "html") {
                paths.push(path);
            }
        }
        for entry in std::fs::read_dir(root.join("readability-dev")).expect("readability pages") {
            let path = entry.expect("directory entry").path().join("source.html");
            if path.exists() {
                paths.push(path);
            }
        }
        assert!(!paths.is_empty());
        paths.sort();
        paths
    }

    /// A page's decoded text, as the document stage gets it.
    fn page_text(path: &std::path::Path) -> String {
        let raw = std::fs::read(path).expect("readable page");
        crate::decode::decode(&raw, None, crate::config::InputFormat::Html)
            .expect("a page")
            .text
            .into_owned()
    }

    /// Every benchmark page parses the same filtered and not (less what the
    /// prefilter removes), under the script and style rules alone and under
    /// the whole prefilter.
    #[test]
    #[ignore = "reads the benchmark pages"]
    fn benchmark_pages_parse_the_same() {
        let paths = benchmark_pages();
        for path in &paths {
            let text = page_text(path);
            assert!(
                dom(&text) == dom(&strip(&text)),
                "{} parses differently without scripts and styles",
                path.display()
            );
            assert!(
                seen(&text) == seen(&filter(&text)),
                "{} parses differently filtered",
                path.display()
            );
        }
        eprintln!("{} pages parse the same", paths.len());
    }

    /// Every benchmark page walks to the same document (blocks with their
    /// links and images, nodes, metadata) through the whole prefilter as
    /// through the script and style rules alone; reports how many walk as
    /// they do unfiltered, and the prefilter's time.
    #[test]
    #[ignore = "reads the benchmark pages"]
    fn benchmark_pages_walk_the_same() {
        let paths = benchmark_pages();
        let (mut bytes, mut removed, mut by_scripts, mut as_unfiltered) = (0, 0, 0, 0);
        let mut spent = std::time::Duration::ZERO;
        let mut differ = Vec::new();
        for path in &paths {
            let text = page_text(path);
            let started = std::time::Instant::now();
            let out = prefilter(&text);
            spent += started.elapsed();
            let reference = strip(&text);
            bytes += text.len();
            removed += text.len() - out.len();
            by_scripts += text.len() - reference.len();
            let filtered = walked(&out);
            if filtered != walked(&reference) {
                differ.push(path.display().to_string());
            }
            for collect in COLLECT_EVERY_WAY.into_iter().skip(1) {
                let out = prefilter_for(&text, collect);
                if walked_collecting(&out, collect) != walked_collecting(&reference, collect) {
                    differ.push(format!("{} (collecting {collect:?})", path.display()));
                }
            }
            if filtered == walked(&text) {
                as_unfiltered += 1;
            } else {
                eprintln!("walks differently unfiltered: {}", path.display());
            }
        }
        eprintln!(
            "{} pages: {} walk as under the script and style rules alone, {as_unfiltered} as \
             unfiltered; {removed} of {bytes} bytes removed ({by_scripts} by the script and \
             style rules alone) in {:.1} ms",
            paths.len(),
            paths.len() - differ.len(),
            spent.as_secs_f64() * 1000.0
        );
        assert!(differ.is_empty(), "walk differently: {differ:#?}");
    }
}
