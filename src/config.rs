//! The checked configuration of a cleaning run: every default lives in `Default` here.

/// How the input should be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the content (markup at the start means HTML).
    #[default]
    Auto,
    /// Parse as HTML.
    Html,
    /// Read as raw page text.
    Text,
}

/// Which way to lean when a block could be either content or chrome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Favor {
    /// Keep doubtful blocks out.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep doubtful blocks in.
    Recall,
}

/// Options for [`crate::clean`].
#[derive(Clone, Debug)]
pub struct Config {
    /// How to read the input.
    pub input_format: InputFormat,
    /// Largest input accepted, in bytes (file bytes, fetched and decompressed bodies alike).
    pub max_bytes: u64,
    /// Add `removed` and `provenance` to the output.
    pub explain: bool,
    /// Precision/recall trade-off.
    pub favor: Favor,
    /// Add each body block's links (`{text, href}`), resolved against the page's URL.
    pub links: bool,
    /// Add each body block's images (`{src, alt}`), resolved against the page's URL.
    pub images: bool,
    /// Deepest nesting of HTML elements kept; deeper elements are flattened
    /// into their parents (their text stays).
    pub max_depth: usize,
    /// HTML elements parsed before the rest of the page is left out.
    pub max_elements: usize,
    /// Blocks (paragraphs, lines, headings, …) made before the rest of the page is left out.
    pub max_blocks: usize,
    /// Longest line of plain text, in bytes, before it is split into several.
    pub max_line_bytes: usize,
    /// Time one page may take; past it the page fails with a `timeout`
    /// error. Checked between stages and during the HTML parse, so a page
    /// may overrun it by one stage. `None`: no limit.
    pub time_budget: Option<std::time::Duration>,
    /// Tunable numbers of the heuristics.
    pub thresholds: Thresholds,
}

/// Default of [`Config::max_bytes`]: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Default of [`Config::max_depth`]: real pages nest under 60 levels.
pub const DEFAULT_MAX_DEPTH: usize = 256;
/// Default of [`Config::max_elements`]: ten times the largest real pages, and
/// about 100 MB of parsed tree.
pub const DEFAULT_MAX_ELEMENTS: usize = 500_000;
/// Default of [`Config::max_blocks`].
pub const DEFAULT_MAX_BLOCKS: usize = 100_000;
/// Default of [`Config::max_line_bytes`]: 64 KiB, far above any paragraph.
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024;
/// Default of [`Config::time_budget`].
pub const DEFAULT_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

impl Default for Config {
    fn default() -> Self {
        Config {
            input_format: InputFormat::Auto,
            max_bytes: DEFAULT_MAX_BYTES,
            explain: false,
            favor: Favor::Balanced,
            links: false,
            images: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_elements: DEFAULT_MAX_ELEMENTS,
            max_blocks: DEFAULT_MAX_BLOCKS,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            time_budget: Some(DEFAULT_TIME_BUDGET),
            thresholds: Thresholds::default(),
        }
    }
}

/// The numbers the heuristics use, in one place, each named.
#[derive(Clone, Debug)]
pub struct Thresholds {
    /// Blocks with more words than this are never claimed by a chrome detector.
    pub detector_max_words: usize,
    /// A block with at least this many words and a sentence end counts as prose.
    pub prose_min_words: usize,
    /// A block with at least this many characters counts as prose even without punctuation.
    pub prose_min_chars: usize,
    /// Score cost of a short non-prose block inside the main run of prose (in characters).
    pub short_block_penalty: i64,
    /// Score cost of a block a detector marked as chrome (in characters).
    pub chrome_block_penalty: i64,
    /// A heading has at most this many words.
    pub heading_max_words: usize,
    /// Lines longer than this are not hard-wrapped prose (text input).
    pub wrapped_line_max_chars: usize,
    /// Lines shorter than this do not count as a wrapped line (text input).
    pub wrapped_line_min_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            detector_max_words: 30,
            prose_min_words: 12,
            prose_min_chars: 120,
            short_block_penalty: 25,
            chrome_block_penalty: 60,
            heading_max_words: 14,
            wrapped_line_max_chars: 100,
            wrapped_line_min_chars: 45,
        }
    }
}
