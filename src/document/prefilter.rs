//! The HTML prefilter: drops the bodies of `<script>` and `<style>` elements
//! from the page text before it is parsed, so the html5ever tokenizer never
//! scans them.
//!
//! Inline scripts and styles are over half the bytes of real pages, and the
//! document stage never reads them — except JSON-LD scripts, which carry page
//! metadata and are kept whole. Only the text between a start tag's `>` and
//! its end tag's `<` goes; the tags stay, so the parse of the filtered text is
//! the parse of the original with those elements' text removed.
//!
//! To find where those bodies really are, one forward pass follows the WHATWG
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
//! `<foreignObject>`), it stops filtering rather than guess, and the rest of
//! the page is parsed as it is. So is everything after an unterminated
//! comment or tag, or a `<plaintext>`; an unterminated script or style loses
//! everything to the end (the parser would read it all as its text).
//!
//! The scanner never recurses or backtracks, so it is linear in the input,
//! and it cuts only next to ASCII delimiters, so the output stays valid UTF-8.

use std::borrow::Cow;
use std::collections::HashMap;

use memchr::{memchr, memchr2, memmem};

/// The script `type` whose body is kept: JSON-LD carries page metadata.
const JSON_LD_TYPE: &str = "application/ld+json";
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

/// `html` with the bodies of its scripts (JSON-LD excepted) and styles removed.
///
/// Borrows the input when there is nothing to remove.
pub fn strip_script_and_style(html: &str) -> Cow<'_, str> {
    let mut scanner = Scanner::new(html.as_bytes());
    while scanner.step().is_some() {}
    assemble(html, &scanner.cuts)
}

/// The input without the byte ranges in `cuts` (sorted, disjoint).
///
/// Every cut sits next to ASCII delimiters, so each kept slice is a valid
/// `str`; should one ever not be, the input is returned unchanged.
fn assemble<'a>(html: &'a str, cuts: &[(usize, usize)]) -> Cow<'a, str> {
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let removed: usize = cuts.iter().map(|&(start, end)| end - start).sum();
    let mut out = String::with_capacity(html.len().saturating_sub(removed));
    let mut at = 0;
    for &(start, end) in cuts {
        match html.get(at..start) {
            Some(kept) => out.push_str(kept),
            None => return Cow::Borrowed(html),
        }
        at = end;
    }
    match html.get(at..) {
        Some(kept) => out.push_str(kept),
        None => return Cow::Borrowed(html),
    }
    Cow::Owned(out)
}

/// The single pass over the input, in the tokenizer's data state between steps.
struct Scanner<'a> {
    src: &'a [u8],
    /// Where the data state resumes.
    pos: usize,
    /// Byte ranges to remove, in order.
    cuts: Vec<(usize, usize)>,
    foreign: Foreign,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a [u8]) -> Self {
        Scanner {
            src,
            pos: 0,
            cuts: Vec::new(),
            foreign: Foreign::default(),
        }
    }

    /// Handles the next `<` construct. `None` when the input has ended, or
    /// the rest of it is one opaque construct (an unterminated comment, tag,
    /// raw-text element, or `<plaintext>`).
    fn step(&mut self) -> Option<()> {
        let src = self.src;
        let lt = find(b'<', src, self.pos)?;
        self.pos = lt + 1;
        match *src.get(lt + 1)? {
            b'!' => self.markup_declaration(lt + 2),
            b'/' => self.end_tag(lt + 2),
            b'?' => self.skip_past(b'>', lt + 2),
            c if c.is_ascii_alphabetic() => self.start_tag(lt + 1),
            _ => Some(()),
        }
    }

    /// Resumes after the next `byte` from `from` (the end of a bogus comment,
    /// doctype or processing instruction).
    fn skip_past(&mut self, byte: u8, from: usize) -> Option<()> {
        self.pos = find(byte, self.src, from)? + 1;
        Some(())
    }

    /// After `<!`: a comment, a CDATA section (in foreign content only), or
    /// a doctype or bogus comment, both of which end at the first `>`.
    fn markup_declaration(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        let rest = src.get(at..)?;
        if rest.starts_with(b"--") {
            self.pos = comment_end(src, at + 2)?;
        } else if rest.starts_with(b"[CDATA[") && self.foreign.cdata() {
            let close = memmem::find(rest, b"]]>")?;
            self.pos = at + close + 3;
        } else {
            return self.skip_past(b'>', at);
        }
        Some(())
    }

    /// After `</`: an end tag, the ignored `</>`, or a bogus comment.
    fn end_tag(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        match *src.get(at)? {
            b'>' => self.pos = at + 1,
            c if c.is_ascii_alphabetic() => {
                let tag = parse_tag(src, at)?;
                self.pos = tag.end;
                // Where the effect cannot be known, filtering stops rather
                // than guess.
                self.foreign.end_tag(tag.name(src))?;
            }
            _ => return self.skip_past(b'>', at),
        }
        Some(())
    }

    /// A start tag whose name begins at `at`.
    fn start_tag(&mut self, at: usize) -> Option<()> {
        let src = self.src;
        let tag = parse_tag(src, at)?;
        self.pos = tag.end;
        let name = tag.name(src);
        // Where the rules cannot be known, filtering stops rather than guess.
        match self.foreign.start_tag(name, &tag)? {
            Rules::Html => self.html_start_tag(name, &tag),
            Rules::Foreign => self.foreign_start_tag(name, &tag),
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
                self.cut(body, src.len());
            }
            return None;
        };
        if strip {
            self.cut(body, end);
        }
        self.pos = parse_tag(src, end + 2)?.end;
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
            self.cut(tag.end, src.len());
            return None;
        };
        if src.get(lt + 1) == Some(&b'/') && is_end_tag_at(src, lt + 2, name) {
            self.cut(tag.end, lt);
            self.pos = lt;
        }
        Some(())
    }

    fn cut(&mut self, start: usize, end: usize) {
        if start < end {
            self.cuts.push((start, end));
        }
    }
}

/// Where a comment whose text starts at `start` (just after `<!--`) ends:
/// the index after its closing `>`. Covers the abrupt `<!-->` and `<!--->`,
/// and closings by two or more dashes and `>` or `!>`.
fn comment_end(src: &[u8], start: usize) -> Option<usize> {
    match (src.get(start), src.get(start + 1)) {
        (Some(b'>'), _) => return Some(start + 1),
        (Some(b'-'), Some(b'>')) => return Some(start + 2),
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
                (Some(b'>'), _) => return Some(after + 1),
                (Some(b'!'), Some(b'>')) => return Some(after + 2),
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
        Some(c) if c.is_ascii_alphabetic() => {
            let (word, after) = letters(src, lt + 1);
            match src.get(after) {
                Some(&c) if is_tag_delimiter(c) => {
                    let state = if word.eq_ignore_ascii_case(b"script") {
                        ScriptState::DoubleEscaped
                    } else {
                        ScriptState::Escaped
                    };
                    (after + 1, state)
                }
                _ => (after, ScriptState::Escaped),
            }
        }
        _ => (lt + 1, ScriptState::Escaped),
    }
}

/// The double-escaped state's `<` at `lt`: where and in which state scanning
/// resumes (`</script` returns to the escaped state).
fn double_escaped_less_than(src: &[u8], lt: usize) -> (usize, ScriptState) {
    if src.get(lt + 1) != Some(&b'/') {
        return (lt + 1, ScriptState::DoubleEscaped);
    }
    let (word, after) = letters(src, lt + 2);
    match src.get(after) {
        Some(&c) if is_tag_delimiter(c) => {
            let state = if word.eq_ignore_ascii_case(b"script") {
                ScriptState::Escaped
            } else {
                ScriptState::DoubleEscaped
            };
            (after + 1, state)
        }
        _ => (after, ScriptState::DoubleEscaped),
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

    /// Records an attribute as the tokenizer keeps it (duplicates after the
    /// first are dropped, so only the first `type` counts).
    fn attribute(&mut self, src: &[u8], name: Option<(usize, usize)>, value: (usize, usize)) {
        let Some((start, end)) = name else {
            return;
        };
        let name = src.get(start..end).unwrap_or_default();
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
        let Some(value) = src.get(start..end) else {
            return true;
        };
        if value.contains(&b'&') {
            return true;
        }
        std::str::from_utf8(value).map_or(true, |v| v.trim().eq_ignore_ascii_case(JSON_LD_TYPE))
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
/// `>` inside a quoted value does not end it. `None` when the input ends
/// first: the tokenizer then drops the tag and everything after it.
fn parse_tag(src: &[u8], name_start: usize) -> Option<Tag> {
    use TagState::*;
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
                tag.attribute(src, attribute.take(), (at, at));
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
                    tag.attribute(src, attribute.take(), (at + 1, close));
                    at = close + 1;
                    state = AfterQuotedValue;
                }
                b'>' => {
                    tag.attribute(src, attribute.take(), (at, at));
                    tag.end = at + 1;
                    return Some(tag);
                }
                _ => {
                    let start = at;
                    while src.get(at).is_some_and(|&c| !is_space(c) && c != b'>') {
                        at += 1;
                    }
                    src.get(at)?;
                    tag.attribute(src, attribute.take(), (start, at));
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

    fn strip(html: &str) -> String {
        strip_script_and_style(html).into_owned()
    }

    /// The parse of `html` as a list of events, leaving out the text of the
    /// elements whose bodies the prefilter may remove.
    fn dom(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let mut events = Vec::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => events.push(format!(
                        "<{:?} {:?}>",
                        e.name,
                        e.attrs().collect::<Vec<_>>()
                    )),
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
                            events.push(format!("text {:?}", &**text));
                        }
                    }
                    other => events.push(format!("{other:?}")),
                },
                Edge::Close(node) => {
                    if node.value().is_element() {
                        events.push("</>".to_string());
                    }
                }
            }
        }
        events
    }

    /// Asserts that `html` filters to `expected` and parses the same either way.
    fn check(html: &str, expected: &str) {
        let out = strip(html);
        assert_eq!(out, expected, "filtering {html:?}");
        assert_eq!(dom(html), dom(&out), "parsing {html:?} and {out:?}");
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
        assert!(matches!(strip_script_and_style(""), Cow::Borrowed("")));
        assert!(matches!(
            strip_script_and_style("<p>x</p>"),
            Cow::Borrowed(_)
        ));
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
    fn deep_nesting_and_huge_inputs_are_linear() {
        let run = "<script>a<b</script><!--<script>-->";
        let html = run.repeat(10 * 1024 * 1024 / run.len());
        let out = strip(&html);
        assert_eq!(out.len(), html.len() - html.len() / run.len() * 3);
        let deep = format!("{}{}", "<svg><g>".repeat(100_000), "</x>".repeat(100_000));
        assert_eq!(strip(&deep), deep);
        let attrs = format!("<p{}>", " a=1".repeat(1_000_000));
        assert_eq!(strip(&attrs), attrs);
        let dashes = format!("<!--{}", "-!".repeat(1_000_000));
        assert_eq!(strip(&dashes), dashes);
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
    /// filtered and unfiltered.
    fn random_documents_parse_the_same(pieces: &[&str], max_pieces: usize, seed: u64) {
        let mut rng = XorShift(seed);
        for _ in 0..RANDOM_DOCUMENTS {
            let len = rng.below(max_pieces);
            let html: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
            let out = strip(&html);
            assert_eq!(dom(&html), dom(&out), "parsing {html:?} and {out:?}");
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

    /// Every benchmark page (`$UNCHROME_BENCH`, by default
    /// `/work/shared/bench`: `scrapinghub/html/*.html` and
    /// `readability-dev/*/source.html`) parses the same filtered and not.
    #[test]
    #[ignore = "reads the benchmark pages"]
    fn benchmark_pages_parse_the_same() {
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
        let (mut bytes, mut removed) = (0, 0);
        for path in &paths {
            let raw = std::fs::read(path).expect("readable page");
            let text = crate::decode::decode(&raw, None, crate::config::InputFormat::Html)
                .expect("a page")
                .text;
            let out = strip(&text);
            assert!(
                dom(&text) == dom(&out),
                "{} parses differently",
                path.display()
            );
            bytes += text.len();
            removed += text.len() - out.len();
        }
        eprintln!(
            "{} pages parse the same; {removed} of {bytes} bytes removed",
            paths.len()
        );
    }
}
