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
    /// Tunable numbers of the heuristics.
    pub thresholds: Thresholds,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            input_format: InputFormat::Auto,
            max_bytes: 20 * 1024 * 1024,
            explain: false,
            favor: Favor::Balanced,
            links: false,
            images: false,
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
