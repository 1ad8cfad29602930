//! The document stage: one model for both kinds of input — an ordered list of
//! blocks, each with the features the stripper needs.
//!
//! HTML is parsed once into blocks ([`html`]); plain text is split into lines
//! and blank-line paragraphs ([`text`]). Everything after this stage works on
//! blocks, so every rule serves both inputs.

pub mod dom;
pub mod guard;
pub mod html;
pub mod prefilter;
pub mod text;

/// How the page was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Parsed as HTML.
    Html,
    /// Read as raw page text.
    Text,
}

impl Format {
    /// `html` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// The structural kind of a block, as the input marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1–6 (HTML `h1`–`h6`, markdown `#`).
    Heading(u8),
    /// A paragraph (HTML `p` or a text run inside a container).
    Paragraph,
    /// A list item.
    ListItem,
    /// A quotation.
    Quote,
    /// Preformatted text.
    Code,
    /// A table, cells joined by tabs and rows by newlines.
    Table,
    /// A figure or image caption.
    Caption,
    /// A line of plain text; its role is decided later.
    Line,
}

/// A link inside a block (HTML), as the page writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// The `href`, unresolved.
    pub href: String,
}

/// An image inside a block (HTML), as the page writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// The `src` (or lazy-loading `data-src`), unresolved.
    pub src: String,
    /// The `alt` text.
    pub alt: String,
}

/// One block of the page.
#[derive(Clone, Debug)]
pub struct Block {
    /// Structural kind.
    pub kind: BlockKind,
    /// Text with whitespace collapsed (code and tables keep their line breaks).
    pub text: String,
    /// Number of `\w+` words.
    pub words: usize,
    /// Number of non-space characters.
    pub chars: usize,
    /// Non-space characters of text inside links (HTML only).
    pub link_chars: usize,
    /// Blank lines before this block (text input); 1 for HTML blocks.
    pub gap_before: usize,
    /// Index of the blank-line paragraph this block belongs to (text input).
    pub group: usize,
    /// Ancestor element ids, outermost first (HTML only), indexes into [`Document::nodes`].
    pub ancestors: std::sync::Arc<[u32]>,
    /// Links inside the block, when collected (HTML only).
    pub links: Vec<Link>,
    /// Images inside the block, when collected (HTML only).
    pub images: Vec<Image>,
}

impl Block {
    /// A block of `kind` holding `text`, with its word count computed.
    pub fn new(kind: BlockKind, text: String) -> Self {
        let (words, chars) = count_words_and_chars(&text);
        Self::counted(kind, text, words, chars)
    }

    /// A block of `kind` holding raw `text`, whitespace collapsed and counted in one pass.
    ///
    /// Text is mostly words with one plain space between them, which
    /// collapsing leaves as it is: such stretches are copied whole, and only
    /// other whitespace (line feeds, tabs, runs, no-break spaces) ends one.
    pub fn collapsed(kind: BlockKind, raw: &str) -> Self {
        let mut text = String::with_capacity(raw.len());
        let mut counter = WordCounter::default();
        // Where the stretch being copied starts in `raw` (at a non-space character).
        let mut stretch = None;
        let bytes = raw.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // A run of ASCII outside whitespace (most of a page's text) in
            // one tight loop; else a character: ASCII without decoding.
            let run = counter.push_ascii_run(&bytes[at..]);
            let (space, len) = if run > 0 {
                (false, run)
            } else if byte.is_ascii() {
                (counter.push_ascii(byte), 1)
            } else {
                match raw.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (counter.push_non_ascii(c), c.len_utf8()),
                    None => break,
                }
            };
            if !space {
                if stretch.is_none() {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    stretch = Some(at);
                }
                at += len;
                continue;
            }
            let space_at = at;
            // The rest of a run of ASCII whitespace (indentation, mostly)
            // changes no count: skipped.
            at += len;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            // One plain space before more text stays in the stretch.
            let plain = byte == b' ' && at == space_at + 1 && starts_unspaced(raw, at);
            if !plain {
                if let Some(start) = stretch.take() {
                    text.push_str(raw.get(start..space_at).unwrap_or_default());
                }
            }
        }
        if let Some(start) = stretch {
            text.push_str(raw.get(start..).unwrap_or_default());
        }
        Self::counted(kind, text, counter.words, counter.chars)
    }

    fn counted(kind: BlockKind, text: String, words: usize, chars: usize) -> Self {
        Block {
            kind,
            text,
            words,
            chars,
            link_chars: 0,
            gap_before: 1,
            group: 0,
            // Shares one empty slice: no allocation.
            ancestors: std::sync::Arc::default(),
            links: Vec::new(),
            images: Vec::new(),
        }
    }

    /// Share of the text's non-space characters that sit inside links.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            (self.link_chars as f64 / self.chars as f64).min(1.0)
        }
    }
}

/// One HTML element that holds blocks: the unit of container scoring.
#[derive(Clone, Debug)]
pub struct Node {
    /// Lower-case tag name.
    pub tag: &'static str,
    /// Parent element id, if any.
    pub parent: Option<u32>,
    /// Depth in the tree (root = 0).
    pub depth: u32,
    /// Lower-cased class, id, role and itemprop tokens, space-separated.
    pub tokens: String,
}

impl Node {
    /// The class, id, role and itemprop tokens, lower-cased.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.tokens.split(' ').filter(|t| !t.is_empty())
    }
}

/// The `<meta>` keys (`property`, `name` or `itemprop`, lower-cased) the
/// structure stage reads (`structure::meta`): the walk keeps no other
/// `<meta>`, and the prefilter takes every attribute off the others, whose
/// long `content` values the tokenizer would otherwise copy for nothing.
pub const META_KEYS: &[&str] = &[
    // Titles.
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "headline",
    // Authors.
    "article:author",
    "author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    // Dates.
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
    // Site, language, address, description.
    "og:site_name",
    "application-name",
    "og:locale",
    "dc.language",
    "content-language",
    "language",
    "og:url",
    "og:description",
    "description",
    "twitter:description",
];

/// The entry of [`META_KEYS`] that `key` is, trimmed and compared without
/// regard to ASCII case, if any.
pub fn meta_key(key: &str) -> Option<&'static str> {
    let key = key.trim();
    META_KEYS
        .iter()
        .copied()
        .find(|known| known.eq_ignore_ascii_case(key))
}

/// Metadata the HTML page states in its head and markup.
#[derive(Clone, Debug, Default)]
pub struct HtmlMeta {
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `<meta>` name/property (lower-cased; only [`META_KEYS`]) → content,
    /// in document order.
    pub metas: Vec<(String, String)>,
    /// Raw JSON-LD script bodies.
    pub json_ld: Vec<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Texts of `rel=author` links and byline-classed elements, each with
    /// the index of the first block at or after it.
    pub byline_texts: Vec<(String, usize)>,
    /// `<time datetime>` values in document order, each with the index of
    /// the first block at or after it.
    pub times: Vec<(String, usize)>,
    /// `<base href>`.
    pub base: Option<String>,
    /// Texts of inline sidenotes (`<span class="sidenote">`), in order; the
    /// body carries `[n]` where each stood.
    pub sidenotes: Vec<String>,
}

impl HtmlMeta {
    /// First `<meta>` content for any of `names` (in the order given).
    pub fn meta(&self, names: &[&str]) -> Option<&str> {
        debug_assert!(
            names.iter().all(|name| META_KEYS.contains(name)),
            "a <meta> key asked for that the walk does not keep: {names:?}"
        );
        names.iter().find_map(|name| {
            self.metas
                .iter()
                .find(|(key, value)| key == name && !value.trim().is_empty())
                .map(|(_, value)| value.as_str())
        })
    }
}

/// A page as blocks.
#[derive(Clone, Debug)]
pub struct Document {
    /// How the input was read.
    pub format: Format,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Element table for HTML container scoring (empty for text).
    pub nodes: Vec<Node>,
    /// HTML head metadata (empty for text).
    pub meta: HtmlMeta,
    /// The limits that changed what the page became (see `docs/limits.md`).
    pub limits: Vec<LimitHit>,
}

/// The limits the document stage works under; `docs/limits.md` says what
/// each does when reached.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of HTML elements kept; deeper ones are flattened.
    pub max_depth: usize,
    /// HTML elements parsed before the rest of the page is left out.
    pub max_elements: usize,
    /// Blocks made before the rest of the page is left out.
    pub max_blocks: usize,
    /// Longest line of plain text, in bytes; longer ones are split.
    pub max_line_bytes: usize,
    /// When to give up on the page.
    pub deadline: Option<std::time::Instant>,
}

impl Limits {
    /// The limits `config` sets, with a deadline.
    pub fn of(config: &crate::Config, deadline: Option<std::time::Instant>) -> Self {
        Limits {
            max_depth: config.max_depth,
            max_elements: config.max_elements,
            max_blocks: config.max_blocks,
            max_line_bytes: config.max_line_bytes,
            deadline,
        }
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.deadline
            .is_some_and(|deadline| std::time::Instant::now() >= deadline)
    }
}

impl Default for Limits {
    /// The default configuration's limits, without a deadline.
    fn default() -> Self {
        Limits::of(&crate::Config::default(), None)
    }
}

/// A limit that changed the page: which, and what it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitHit {
    /// The limit's name as the command line spells it (`max-depth`, …).
    pub limit: &'static str,
    /// What it did to the page.
    pub effect: String,
}

/// The page's deadline passed while it was being cleaned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlinePassed;

/// Counts words: runs of alphanumeric characters, except that in Chinese
/// and Japanese, written without spaces, every two characters count as one
/// word (the average word length there), so that a sentence in those
/// scripts weighs about what it would in English.
pub fn count_words(text: &str) -> usize {
    count_words_and_chars(text).0
}

/// Han ideographs and Japanese kana: scripts written without spaces between words.
pub fn unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}') // CJK extensions B–F, supplement
}

/// Words (see [`count_words`]) and non-space characters, in one pass.
fn count_words_and_chars(text: &str) -> (usize, usize) {
    let mut counter = WordCounter::default();
    for c in text.chars() {
        counter.push(c);
    }
    (counter.words, counter.chars)
}

/// [`ASCII_CLASSES`] bit of a character that is part of a word (`\w`).
const ASCII_WORD: u8 = 1;
/// [`ASCII_CLASSES`] bit of ASCII whitespace.
const ASCII_SPACE: u8 = 2;

/// Each ASCII character's [`ASCII_WORD`] and [`ASCII_SPACE`] bits, looked
/// up rather than worked out for every byte of a page's text.
const ASCII_CLASSES: [u8; 128] = {
    let mut classes = [0; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            classes[byte] |= ASCII_WORD;
        }
        if b.is_ascii_whitespace() {
            classes[byte] |= ASCII_SPACE;
        }
        byte += 1;
    }
    classes
};

/// Counts words (see [`count_words`]) and non-space characters one character at a time.
#[derive(Default)]
struct WordCounter {
    words: usize,
    chars: usize,
    /// Inside a run of alphanumeric characters.
    in_word: bool,
    /// Characters so far in the current run of an unspaced script.
    unspaced_run: usize,
}

impl WordCounter {
    /// Counts `c`; returns whether it is whitespace.
    #[inline]
    fn push(&mut self, c: char) -> bool {
        // ASCII first: most text is, and the Unicode tables are slow.
        match u8::try_from(c) {
            Ok(byte) if byte.is_ascii() => self.push_ascii(byte),
            _ => self.push_non_ascii(c),
        }
    }

    /// [`WordCounter::push`] for an ASCII character.
    #[inline]
    fn push_ascii(&mut self, byte: u8) -> bool {
        self.unspaced_run = 0;
        let class = ASCII_CLASSES[usize::from(byte & 0x7f)];
        self.count(class & ASCII_WORD != 0, class & ASCII_SPACE != 0)
    }

    /// [`WordCounter::push_ascii`] for each byte of the run of ASCII
    /// characters other than whitespace that `bytes` starts with; returns
    /// how many bytes that run has.
    #[inline]
    fn push_ascii_run(&mut self, bytes: &[u8]) -> usize {
        let mut run = 0;
        for &byte in bytes {
            let class = ASCII_CLASSES[usize::from(byte & 0x7f)];
            if !byte.is_ascii() || class & ASCII_SPACE != 0 {
                break;
            }
            let word = class & ASCII_WORD != 0;
            self.words += usize::from(word && !self.in_word);
            self.in_word = word;
            run += 1;
        }
        if run > 0 {
            self.chars += run;
            self.unspaced_run = 0;
        }
        run
    }

    /// [`WordCounter::push`] for a character outside ASCII.
    #[inline(never)]
    fn push_non_ascii(&mut self, c: char) -> bool {
        if unspaced_script(c) {
            // One word per two characters: the first, third, fifth… start one.
            if self.unspaced_run % 2 == 0 {
                self.words += 1;
            }
            self.unspaced_run += 1;
            self.chars += 1;
            // A Latin word glued after the run starts afresh.
            self.in_word = false;
            return false;
        }
        self.unspaced_run = 0;
        let (word, space) = classify_non_ascii(c);
        self.count(word, space)
    }

    /// Counts a character that is part of a word or not, and whitespace or
    /// not; returns whether it is whitespace.
    #[inline]
    fn count(&mut self, word: bool, space: bool) -> bool {
        // Added, not branched on: word starts come every few characters.
        self.words += usize::from(word && !self.in_word);
        self.chars += usize::from(!space);
        self.in_word = word;
        space
    }
}

/// Whether `c` (not ASCII) is alphanumeric and whether it is whitespace,
/// as `char::is_alphanumeric` and `char::is_whitespace` say, but without
/// their Unicode tables for the most common letters and punctuation
/// (accented Latin, Cyrillic, quotes and dashes); a test checks every
/// character of these ranges against the tables.
#[inline]
fn classify_non_ascii(c: char) -> (bool, bool) {
    match c {
        '\u{A0}' => (false, true),
        // Latin-1 letters, Latin Extended-A and -B: all letters but × and ÷.
        '\u{C0}'..='\u{24F}' => (c != '×' && c != '÷', false),
        // Cyrillic and Cyrillic Supplement letters (without the thousands
        // sign and the combining marks between them).
        '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}' => (true, false),
        // General Punctuation: no letters or digits; some spaces.
        '\u{2000}'..='\u{206F}' => (
            false,
            matches!(
                c,
                '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
            ),
        ),
        _ => (c.is_alphanumeric(), c.is_whitespace()),
    }
}

/// Whether `text` has a character at byte `at` that is not whitespace.
fn starts_unspaced(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| !c.is_whitespace())
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_like_the_metric() {
        assert_eq!(count_words("Hello, world! 11.5 C"), 5);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("Öztürk's"), 2);
    }

    #[test]
    fn counts_unspaced_scripts_two_characters_a_word() {
        // Seven ideographs: four words; the Latin word glued after is one more.
        assert_eq!(count_words("人工智能迈上新AI"), 5);
        assert_eq!(count_words("こんにちは"), 3);
        // Hangul is written with spaces: words as usual.
        assert_eq!(count_words("안녕 세계"), 2);
        // Punctuation between runs restarts the pairing.
        assert_eq!(count_words("新台阶。新"), 3);
    }

    #[test]
    fn collapsed_blocks_count_as_they_collapse() {
        for raw in [
            "  Hello,\n\t wörld  _x_ ",
            "one two three",
            "one two ",
            " one",
            "a \u{a0}b",
            "a\u{a0} b",
            "a \u{2003} b \u{3000}",
            "新台阶 新 台阶。x y",
            "tab\tand  two\n\nlines",
            "x",
            " ",
            "",
            "ends with nbsp\u{a0}",
            "a \u{85}b",
        ] {
            let b = Block::collapsed(BlockKind::Paragraph, raw);
            assert_eq!(b.text, collapse_whitespace(raw), "{raw:?}");
            assert_eq!(
                (b.words, b.chars),
                count_words_and_chars(&b.text),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn non_ascii_characters_are_classified_as_the_unicode_tables_say() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !unspaced_script(*c)) {
            assert_eq!(
                classify_non_ascii(c),
                (c.is_alphanumeric(), c.is_whitespace()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  a \t b\n c  "), "a b c");
    }
}
